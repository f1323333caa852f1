"""resumo dos fluxos por destino, origem, UF e etapa, mantido por gatilhos do banco

Revisão: 0014
Anterior: 0013
Criada em: 03/12/2026

Revisada à mão. Tabela nova `resumo_destino` (quantidade e soma em centavos por tipo de destino,
id do Fundo ou do Escritório — 0 para projeto —, nome do projeto, origem, UF de origem e etapa),
preenchida aqui com o que já existe e mantida depois por gatilhos em `fluxo_recurso`, do mesmo
jeito que `resumo_fluxo` (migração 0008), para que nenhum caminho de escrita a esqueça:

- SQLite: gatilhos por linha (AFTER INSERT, AFTER DELETE e AFTER UPDATE das colunas que entram
  no resumo), com UPSERT; o grupo que chega a zero fluxos é apagado. A importação em lote tira o
  gatilho de inclusão dentro da própria transação e soma os grupos novos num só comando
  (`dominio/recursos/resumo.py`).
- PostgreSQL: gatilhos por comando com tabelas de transição, em ordem de chave.

O Sankey da página Recursos sem período nem Fundo lê o resumo: na base nacional (um milhão de
fluxos, ~84 mil grupos) ele soma 12 vezes menos linhas. O downgrade apaga gatilhos, função e tabela.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from migrations.blocos import ResumoDeFluxos, criar_tabela, remover_tabela, texto

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"

CHAVE = "destino_tipo, destino_id, destino_nome, tipo_origem, uf_origem, etapa"
# {r}: "NEW." ou "OLD." nos gatilhos por linha
DESTINO_ID = "COALESCE({r}fundo_id, {r}escritorio_id, 0)"


def _valores_sqlite(r: str) -> str:
    return (
        f"{r}.destino_tipo, {DESTINO_ID.format(r=r + '.')}, {r}.destino_nome, {r}.tipo_origem, {r}.uf_origem, {r}.etapa"
    )


def _onde_sqlite(r: str) -> str:
    return f"({CHAVE}) = ({_valores_sqlite(r)})"


RESUMO = ResumoDeFluxos(
    tabela="resumo_destino",
    chave=CHAVE,
    colunas_lidas="destino_tipo, fundo_id, escritorio_id, destino_nome, tipo_origem, uf_origem, etapa, valor",
    valores_sqlite=_valores_sqlite,
    onde_sqlite=_onde_sqlite,
    selecao_pg=f"destino_tipo, {DESTINO_ID.format(r='')} AS destino_id, destino_nome, tipo_origem, uf_origem, etapa",
)


def upgrade() -> None:
    criar_tabela(
        "resumo_destino",
        texto("destino_tipo", 10),
        sa.Column("destino_id", sa.Integer(), autoincrement=False, nullable=False),
        texto("destino_nome", 200),
        texto("tipo_origem", 24),
        texto("uf_origem", 2),
        texto("etapa", 12),
        sa.Column("quantidade", sa.BigInteger(), nullable=False),
        sa.Column("valor", sa.BigInteger(), nullable=False),
        chave=("destino_tipo", "destino_id", "destino_nome", "tipo_origem", "uf_origem", "etapa"),
    )
    # o que já existe, antes dos gatilhos (a migração roda numa transação só)
    RESUMO.preencher(f"destino_tipo, {DESTINO_ID.format(r='')}, destino_nome, tipo_origem, uf_origem, etapa")
    RESUMO.criar_gatilhos()


def downgrade() -> None:
    RESUMO.remover_gatilhos()
    remover_tabela("resumo_destino")
