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
import sqlmodel  # noqa: F401 - tipos AutoString (o modelo padrão do Alembic não importa sqlmodel)
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHAVE = "uf_origem, tipo_origem, etapa, ano"

# --- SQLite: por linha ------------------------------------------------------------------------

_ANO_SQLITE = "CAST(STRFTIME('%Y', COALESCE({r}.data_destinacao, {r}.data_referencia)) AS INTEGER)"


def _somar_sqlite(r: str) -> str:
    return (
        f"INSERT INTO resumo_fluxo ({CHAVE}, quantidade, valor) "
        f"VALUES ({r}.uf_origem, {r}.tipo_origem, {r}.etapa, {_ANO_SQLITE.format(r=r)}, 1, {r}.valor) "
        f"ON CONFLICT ({CHAVE}) DO UPDATE SET quantidade = quantidade + 1, valor = valor + excluded.valor;"
    )


def _subtrair_sqlite(r: str) -> str:
    onde = (
        f"uf_origem = {r}.uf_origem AND tipo_origem = {r}.tipo_origem AND etapa = {r}.etapa "
        f"AND ano = {_ANO_SQLITE.format(r=r)}"
    )
    return (
        f"UPDATE resumo_fluxo SET quantidade = quantidade - 1, valor = valor - {r}.valor WHERE {onde}; "
        f"DELETE FROM resumo_fluxo WHERE {onde} AND quantidade = 0;"
    )


SQLITE = [
    f"CREATE TRIGGER trg_resumo_fluxo_inclusao AFTER INSERT ON fluxo_recurso BEGIN {_somar_sqlite('NEW')} END",
    f"CREATE TRIGGER trg_resumo_fluxo_exclusao AFTER DELETE ON fluxo_recurso BEGIN {_subtrair_sqlite('OLD')} END",
    "CREATE TRIGGER trg_resumo_fluxo_alteracao AFTER UPDATE OF uf_origem, tipo_origem, etapa, data_destinacao, "
    f"data_referencia, valor ON fluxo_recurso BEGIN {_subtrair_sqlite('OLD')} {_somar_sqlite('NEW')} END",
]
SQLITE_DESFAZER = [f"DROP TRIGGER IF EXISTS trg_resumo_fluxo_{n}" for n in ("inclusao", "exclusao", "alteracao")]

# --- PostgreSQL: por comando, com tabelas de transição -----------------------------------------


def _grupos_pg(tabela: str, sinal: str) -> str:
    return (
        f"SELECT uf_origem, tipo_origem, etapa, "
        f"CAST(EXTRACT(YEAR FROM COALESCE(data_destinacao, data_referencia)) AS INTEGER) AS ano, "
        f"{sinal}count(*) AS quantidade, {sinal}sum(valor) AS valor FROM {tabela} GROUP BY 1, 2, 3, 4"
    )


_APLICAR_PG = (
    f"INSERT INTO resumo_fluxo ({CHAVE}, quantidade, valor) "
    "SELECT uf_origem, tipo_origem, etapa, ano, sum(quantidade), sum(valor) FROM ({grupos}) AS d "
    "GROUP BY 1, 2, 3, 4 HAVING sum(quantidade) <> 0 OR sum(valor) <> 0 ORDER BY 1, 2, 3, 4 "
    f"ON CONFLICT ({CHAVE}) DO UPDATE SET quantidade = resumo_fluxo.quantidade + EXCLUDED.quantidade, "
    "valor = resumo_fluxo.valor + EXCLUDED.valor"
)

POSTGRES = [
    f"""CREATE FUNCTION resumo_fluxo_atualizar() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_APLICAR_PG.format(grupos=_grupos_pg("novos", ""))};
    ELSIF TG_OP = 'DELETE' THEN
        {_APLICAR_PG.format(grupos=_grupos_pg("antigos", "-"))};
        DELETE FROM resumo_fluxo WHERE quantidade = 0;
    ELSE
        {_APLICAR_PG.format(grupos=_grupos_pg("novos", "") + " UNION ALL " + _grupos_pg("antigos", "-"))};
        DELETE FROM resumo_fluxo WHERE quantidade = 0;
    END IF;
    RETURN NULL;
END
$$""",
    "CREATE TRIGGER trg_resumo_fluxo_inclusao AFTER INSERT ON fluxo_recurso REFERENCING NEW TABLE AS novos "
    "FOR EACH STATEMENT EXECUTE FUNCTION resumo_fluxo_atualizar()",
    "CREATE TRIGGER trg_resumo_fluxo_exclusao AFTER DELETE ON fluxo_recurso REFERENCING OLD TABLE AS antigos "
    "FOR EACH STATEMENT EXECUTE FUNCTION resumo_fluxo_atualizar()",
    "CREATE TRIGGER trg_resumo_fluxo_alteracao AFTER UPDATE ON fluxo_recurso "
    "REFERENCING OLD TABLE AS antigos NEW TABLE AS novos FOR EACH STATEMENT EXECUTE FUNCTION resumo_fluxo_atualizar()",
]
POSTGRES_DESFAZER = [
    *(f"DROP TRIGGER IF EXISTS trg_resumo_fluxo_{n} ON fluxo_recurso" for n in ("inclusao", "exclusao", "alteracao")),
    "DROP FUNCTION IF EXISTS resumo_fluxo_atualizar()",
]


def _ano(dialeto: str) -> str:
    if dialeto == "postgresql":
        return "CAST(EXTRACT(YEAR FROM COALESCE(data_destinacao, data_referencia)) AS INTEGER)"
    return "CAST(STRFTIME('%Y', COALESCE(data_destinacao, data_referencia)) AS INTEGER)"


def upgrade() -> None:
    op.create_table(
        "resumo_fluxo",
        sa.Column("uf_origem", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("tipo_origem", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("etapa", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("ano", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("quantidade", sa.BigInteger(), nullable=False),
        sa.Column("valor", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("uf_origem", "tipo_origem", "etapa", "ano", name=op.f("pk_resumo_fluxo")),
    )
    dialeto = op.get_bind().dialect.name
    # o que já existe, antes dos gatilhos (a migração roda numa transação só)
    op.execute(
        f"INSERT INTO resumo_fluxo ({CHAVE}, quantidade, valor) "
        f"SELECT uf_origem, tipo_origem, etapa, {_ano(dialeto)}, count(*), sum(valor) "
        "FROM fluxo_recurso GROUP BY 1, 2, 3, 4"
    )
    for comando in POSTGRES if dialeto == "postgresql" else SQLITE:
        op.execute(comando)


def downgrade() -> None:
    for comando in POSTGRES_DESFAZER if op.get_bind().dialect.name == "postgresql" else SQLITE_DESFAZER:
        op.execute(comando)
    op.drop_table("resumo_fluxo")
