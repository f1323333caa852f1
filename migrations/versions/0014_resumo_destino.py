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
import sqlmodel  # noqa: F401 - tipos AutoString (o modelo padrão do Alembic não importa sqlmodel)
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHAVE = "destino_tipo, destino_id, destino_nome, tipo_origem, uf_origem, etapa"
DESTINO_ID = "COALESCE({r}fundo_id, {r}escritorio_id, 0)"

# --- SQLite: por linha ------------------------------------------------------------------------


def _valores_sqlite(r: str) -> str:
    return (
        f"{r}.destino_tipo, {DESTINO_ID.format(r=r + '.')}, {r}.destino_nome, {r}.tipo_origem, {r}.uf_origem, {r}.etapa"
    )


def _somar_sqlite(r: str) -> str:
    return (
        f"INSERT INTO resumo_destino ({CHAVE}, quantidade, valor) VALUES ({_valores_sqlite(r)}, 1, {r}.valor) "
        f"ON CONFLICT ({CHAVE}) DO UPDATE SET quantidade = quantidade + 1, valor = valor + excluded.valor;"
    )


def _subtrair_sqlite(r: str) -> str:
    onde = f"({CHAVE}) = ({_valores_sqlite(r)})"
    return (
        f"UPDATE resumo_destino SET quantidade = quantidade - 1, valor = valor - {r}.valor WHERE {onde}; "
        f"DELETE FROM resumo_destino WHERE {onde} AND quantidade = 0;"
    )


SQLITE = [
    f"CREATE TRIGGER trg_resumo_destino_inclusao AFTER INSERT ON fluxo_recurso BEGIN {_somar_sqlite('NEW')} END",
    f"CREATE TRIGGER trg_resumo_destino_exclusao AFTER DELETE ON fluxo_recurso BEGIN {_subtrair_sqlite('OLD')} END",
    "CREATE TRIGGER trg_resumo_destino_alteracao AFTER UPDATE OF destino_tipo, fundo_id, escritorio_id, "
    f"destino_nome, tipo_origem, uf_origem, etapa, valor ON fluxo_recurso BEGIN {_subtrair_sqlite('OLD')} "
    f"{_somar_sqlite('NEW')} END",
]
SQLITE_DESFAZER = [f"DROP TRIGGER IF EXISTS trg_resumo_destino_{n}" for n in ("inclusao", "exclusao", "alteracao")]

# --- PostgreSQL: por comando, com tabelas de transição -----------------------------------------


def _grupos_pg(tabela: str, sinal: str) -> str:
    return (
        f"SELECT destino_tipo, {DESTINO_ID.format(r='')} AS destino_id, destino_nome, tipo_origem, uf_origem, "
        f"etapa, {sinal}count(*) AS quantidade, {sinal}sum(valor) AS valor FROM {tabela} GROUP BY 1, 2, 3, 4, 5, 6"
    )


_APLICAR_PG = (
    f"INSERT INTO resumo_destino ({CHAVE}, quantidade, valor) "
    f"SELECT {CHAVE}, sum(quantidade), sum(valor) FROM ({{grupos}}) AS d "
    "GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(quantidade) <> 0 OR sum(valor) <> 0 ORDER BY 1, 2, 3, 4, 5, 6 "
    f"ON CONFLICT ({CHAVE}) DO UPDATE SET quantidade = resumo_destino.quantidade + EXCLUDED.quantidade, "
    "valor = resumo_destino.valor + EXCLUDED.valor"
)

POSTGRES = [
    f"""CREATE FUNCTION resumo_destino_atualizar() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_APLICAR_PG.format(grupos=_grupos_pg("novos", ""))};
    ELSIF TG_OP = 'DELETE' THEN
        {_APLICAR_PG.format(grupos=_grupos_pg("antigos", "-"))};
        DELETE FROM resumo_destino WHERE quantidade = 0;
    ELSE
        {_APLICAR_PG.format(grupos=_grupos_pg("novos", "") + " UNION ALL " + _grupos_pg("antigos", "-"))};
        DELETE FROM resumo_destino WHERE quantidade = 0;
    END IF;
    RETURN NULL;
END
$$""",
    "CREATE TRIGGER trg_resumo_destino_inclusao AFTER INSERT ON fluxo_recurso REFERENCING NEW TABLE AS novos "
    "FOR EACH STATEMENT EXECUTE FUNCTION resumo_destino_atualizar()",
    "CREATE TRIGGER trg_resumo_destino_exclusao AFTER DELETE ON fluxo_recurso REFERENCING OLD TABLE AS antigos "
    "FOR EACH STATEMENT EXECUTE FUNCTION resumo_destino_atualizar()",
    "CREATE TRIGGER trg_resumo_destino_alteracao AFTER UPDATE ON fluxo_recurso REFERENCING OLD TABLE AS antigos "
    "NEW TABLE AS novos FOR EACH STATEMENT EXECUTE FUNCTION resumo_destino_atualizar()",
]
POSTGRES_DESFAZER = [
    *(f"DROP TRIGGER IF EXISTS trg_resumo_destino_{n} ON fluxo_recurso" for n in ("inclusao", "exclusao", "alteracao")),
    "DROP FUNCTION IF EXISTS resumo_destino_atualizar()",
]


def upgrade() -> None:
    op.create_table(
        "resumo_destino",
        sa.Column("destino_tipo", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("destino_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("destino_nome", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("tipo_origem", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("uf_origem", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("etapa", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("quantidade", sa.BigInteger(), nullable=False),
        sa.Column("valor", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "destino_tipo",
            "destino_id",
            "destino_nome",
            "tipo_origem",
            "uf_origem",
            "etapa",
            name=op.f("pk_resumo_destino"),
        ),
    )
    # o que já existe, antes dos gatilhos (a migração roda numa transação só)
    op.execute(
        f"INSERT INTO resumo_destino ({CHAVE}, quantidade, valor) "
        f"SELECT destino_tipo, {DESTINO_ID.format(r='')}, destino_nome, tipo_origem, uf_origem, etapa, count(*), "
        "sum(valor) FROM fluxo_recurso GROUP BY 1, 2, 3, 4, 5, 6"
    )
    for comando in POSTGRES if op.get_bind().dialect.name == "postgresql" else SQLITE:
        op.execute(comando)


def downgrade() -> None:
    for comando in POSTGRES_DESFAZER if op.get_bind().dialect.name == "postgresql" else SQLITE_DESFAZER:
        op.execute(comando)
    op.drop_table("resumo_destino")
