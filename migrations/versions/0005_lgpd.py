"""lgpd: incidentes de segurança com dados pessoais (Cláusula 13ª; Res. CD/ANPD 15/2024),
encarregados (DPO) de cada partícipe e dias não úteis configuráveis

Revisão: 0005
Anterior: 0004
Criada em: 25/11/2026

Revisada à mão: só tabelas novas; nenhum ENUM nativo (CHECK com nome para partícipe,
situação e abrangência); categorias de dados em JSON; índice pela data de conhecimento
(ordem da lista e alertas).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - tipos AutoString (o modelo padrão do Alembic não importa sqlmodel)
from alembic import op

from migrations.blocos import colunas_de_versionado, criar_indices, remover_tabela

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dia_nao_util",
        *colunas_de_versionado(),
        sa.Column("data", sa.Date(), nullable=False),
        sa.Column("descricao", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("abrangencia", sqlmodel.sql.sqltypes.AutoString(length=14), nullable=False),
        sa.Column("localidade", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.CheckConstraint("abrangencia IN ('institucional','local')", name=op.f("ck_dia_nao_util_abrangencia_valida")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dia_nao_util")),
        sa.UniqueConstraint("data", name=op.f("uq_dia_nao_util_data")),
    )
    op.create_table(
        "encarregado",
        *colunas_de_versionado(),
        sa.Column("participe", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("ato_designacao", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("data_inicio", sa.Date(), nullable=False),
        sa.Column("data_fim", sa.Date(), nullable=True),
        sa.CheckConstraint("participe IN ('cnj','cnmp')", name=op.f("ck_encarregado_participe_valido")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_encarregado")),
    )
    op.create_table(
        "incidente_lgpd",
        *colunas_de_versionado(),
        sa.Column("participe", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("data_conhecimento", sa.Date(), nullable=False),
        sa.Column("conhecido_em", sa.DateTime(timezone=True), nullable=True),
        sa.Column("data_registro", sa.Date(), nullable=False),
        sa.Column("descricao", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("categorias_dados", sa.JSON(), nullable=False),
        sa.Column("dados_sensiveis", sa.Boolean(), nullable=False),
        sa.Column("risco_relevante", sa.Boolean(), nullable=False),
        sa.Column("pessoas_afetadas", sa.Integer(), nullable=True),
        sa.Column("medidas_adotadas", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("agente_pequeno_porte", sa.Boolean(), nullable=False),
        sa.Column("data_comunicacao_participe", sa.Date(), nullable=True),
        sa.Column("data_comunicacao_anpd", sa.Date(), nullable=True),
        sa.Column("data_comunicacao_titulares", sa.Date(), nullable=True),
        sa.Column("data_complemento", sa.Date(), nullable=True),
        sa.Column("data_encerramento", sa.Date(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.CheckConstraint("participe IN ('cnj','cnmp')", name=op.f("ck_incidente_lgpd_participe_valido")),
        sa.CheckConstraint("status IN ('em_apuracao','encerrado')", name=op.f("ck_incidente_lgpd_status_valido")),
        sa.CheckConstraint(
            "pessoas_afetadas IS NULL OR pessoas_afetadas >= 0", name=op.f("ck_incidente_lgpd_pessoas_nao_negativo")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidente_lgpd")),
    )
    criar_indices("incidente_lgpd", "data_conhecimento")


def downgrade() -> None:
    remover_tabela("incidente_lgpd", "data_conhecimento")
    remover_tabela("encarregado")
    remover_tabela("dia_nao_util")
