"""resumo dos fluxos por UF, origem, etapa e ano, mantido por gatilhos do banco

Revisão: 0008
Anterior: 0007
Criada em: 02/12/2026

Revisada à mão. Tabela nova `resumo_fluxo` (quantidade e soma em centavos por UF de origem,
origem, etapa e ano da destinação — na falta, da data de referência), preenchida aqui com o que
já existe e mantida depois por gatilhos em `fluxo_recurso`, nos dois bancos, para que nenhum
caminho de escrita a esqueça (formulário pelo ORM, importação em lote por COPY ou executemany,
gerador de escala, SQL à mão):

- SQLite: gatilhos por linha (AFTER INSERT, AFTER DELETE e AFTER UPDATE das colunas que entram
  no resumo), com UPSERT; a linha que chega a zero fluxos é apagada.
- PostgreSQL: gatilhos por comando com tabelas de transição (`REFERENCING NEW/OLD TABLE`): um
  COPY de 100 mil fluxos faz um só INSERT … ON CONFLICT com os grupos somados, em ordem de
  chave (transações simultâneas travam as linhas do resumo na mesma ordem, sem impasse). O
  gatilho de UPDATE não pode ter lista de colunas com tabelas de transição: ele roda em toda
  alteração e só grava os grupos cuja soma mudou.

O agregado público de recursos (dominio/publico/consultas.py) e os totais da página Recursos sem
período (dominio/recursos/servicos.py) leem o resumo. Com um milhão de fluxos no SQLite, o agregado
público passa de ~1,7 s para milissegundos. O downgrade apaga gatilhos, função e tabela.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from migrations.blocos import ResumoDeFluxos, criar_tabela, remover_tabela, texto

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"

CHAVE = "uf_origem, tipo_origem, etapa, ano"

# o ano da destinação (na falta, da data de referência); {r}: "NEW." ou "OLD." nos gatilhos por linha
_ANO_SQLITE = "CAST(STRFTIME('%Y', COALESCE({r}data_destinacao, {r}data_referencia)) AS INTEGER)"
_ANO_PG = "CAST(EXTRACT(YEAR FROM COALESCE(data_destinacao, data_referencia)) AS INTEGER)"


def _valores_sqlite(r: str) -> str:
    return f"{r}.uf_origem, {r}.tipo_origem, {r}.etapa, {_ANO_SQLITE.format(r=r + '.')}"


def _onde_sqlite(r: str) -> str:
    return (
        f"uf_origem = {r}.uf_origem AND tipo_origem = {r}.tipo_origem AND etapa = {r}.etapa "
        f"AND ano = {_ANO_SQLITE.format(r=r + '.')}"
    )


RESUMO = ResumoDeFluxos(
    tabela="resumo_fluxo",
    chave=CHAVE,
    colunas_lidas="uf_origem, tipo_origem, etapa, data_destinacao, data_referencia, valor",
    valores_sqlite=_valores_sqlite,
    onde_sqlite=_onde_sqlite,
    selecao_pg=f"uf_origem, tipo_origem, etapa, {_ANO_PG} AS ano",
)


def upgrade() -> None:
    criar_tabela(
        "resumo_fluxo",
        texto("uf_origem", 2),
        texto("tipo_origem", 24),
        texto("etapa", 12),
        sa.Column("ano", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("quantidade", sa.BigInteger(), nullable=False),
        sa.Column("valor", sa.BigInteger(), nullable=False),
        chave=("uf_origem", "tipo_origem", "etapa", "ano"),
    )
    ano = _ANO_PG if op.get_bind().dialect.name == "postgresql" else _ANO_SQLITE.format(r="")
    # o que já existe, antes dos gatilhos (a migração roda numa transação só)
    RESUMO.preencher(f"uf_origem, tipo_origem, etapa, {ano}")
    RESUMO.criar_gatilhos()


def downgrade() -> None:
    RESUMO.remover_gatilhos()
    remover_tabela("resumo_fluxo")
