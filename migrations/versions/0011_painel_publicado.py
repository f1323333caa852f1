"""painel público publicado: um retrato por período, já com a supressão conjunta

Revisão: 0011
Anterior: 0010
Criada em: 03/12/2026

Revisada à mão. Tabela nova `painel_publicado`: cada publicação de um período grava as tabelas
públicas (JSON, já suprimidas) que o painel público e os dados abertos mostram até a publicação
seguinte. O downgrade apaga a tabela (o painel volta a não ter publicação).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - tipos AutoString (o modelo padrão do Alembic não importa sqlmodel)
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "painel_publicado",
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("criado_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("atualizado_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periodo_id", sa.Integer(), nullable=False),
        sa.Column("rotulo", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("data_referencia", sa.Date(), nullable=False),
        sa.Column("publicado_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("publicado_por_id", sa.Integer(), nullable=True),
        sa.Column("k", sa.Integer(), nullable=False),
        sa.Column("conteudo", sa.JSON(), nullable=False),
        sa.CheckConstraint("k >= 2", name=op.f("ck_painel_publicado_k_minimo")),
        sa.ForeignKeyConstraint(
            ["periodo_id"], ["periodo_coleta.id"], name=op.f("fk_painel_publicado_periodo_id_periodo_coleta")
        ),
        sa.ForeignKeyConstraint(
            ["publicado_por_id"], ["usuario.id"], name=op.f("fk_painel_publicado_publicado_por_id_usuario")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_painel_publicado")),
    )
    with op.batch_alter_table("painel_publicado", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_painel_publicado_periodo_id"), ["periodo_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_painel_publicado_publicado_em"), ["publicado_em"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("painel_publicado", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_painel_publicado_publicado_em"))
        batch_op.drop_index(batch_op.f("ix_painel_publicado_periodo_id"))

    op.drop_table("painel_publicado")
