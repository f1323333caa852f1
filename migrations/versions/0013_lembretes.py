"""caixa de saída de e-mails (lembretes, resumos, avisos de decisão) e preferência dos resumos

Revisão: 0013
Anterior: 0012
Criada em: 03/12/2026

Revisada à mão: duas tabelas novas, sem ENUM nativo (CHECK com nome para o tipo e a situação da
mensagem). A chave única (usuário, tipo, referência, data) torna o comando `lembretes enviar`
idempotente. O downgrade apaga as duas tabelas (perdem-se as mensagens ainda não enviadas e as
preferências).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - tipos AutoString (o modelo padrão do Alembic não importa sqlmodel)
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mensagem_email",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("usuario_id", sa.Integer(), nullable=False),
        sa.Column("tipo", sqlmodel.sql.sqltypes.AutoString(length=14), nullable=False),
        sa.Column("referencia", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("data", sa.Date(), nullable=False),
        sa.Column("assunto", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("corpo", sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
        sa.Column("caminho", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("situacao", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("tentativas", sa.Integer(), nullable=False),
        sa.Column("ultimo_erro", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("criada_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enviada_em", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "tipo IN ('prazo_antes','prazo_vencido','resumo_dmf','resumo_cnmp','devolvido','aprovado')",
            name=op.f("ck_mensagem_email_tipo_valido"),
        ),
        sa.CheckConstraint(
            "situacao IN ('pendente','enviada','descartada')", name=op.f("ck_mensagem_email_situacao_valida")
        ),
        sa.ForeignKeyConstraint(["usuario_id"], ["usuario.id"], name=op.f("fk_mensagem_email_usuario_id_usuario")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mensagem_email")),
        sa.UniqueConstraint(
            "usuario_id", "tipo", "referencia", "data", name=op.f("uq_mensagem_email_usuario_id_tipo_referencia_data")
        ),
    )
    op.create_index(op.f("ix_mensagem_email_usuario_id"), "mensagem_email", ["usuario_id"], unique=False)
    op.create_index("ix_mensagem_email_situacao_id", "mensagem_email", ["situacao", "id"], unique=False)
    op.create_table(
        "preferencia_email",
        sa.Column("usuario_id", sa.Integer(), nullable=False),
        sa.Column("resumos_semanais", sa.Boolean(), nullable=False),
        sa.Column("atualizado_em", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["usuario_id"], ["usuario.id"], name=op.f("fk_preferencia_email_usuario_id_usuario")),
        sa.PrimaryKeyConstraint("usuario_id", name=op.f("pk_preferencia_email")),
    )


def downgrade() -> None:
    op.drop_table("preferencia_email")
    op.drop_index("ix_mensagem_email_situacao_id", table_name="mensagem_email")
    op.drop_index(op.f("ix_mensagem_email_usuario_id"), table_name="mensagem_email")
    op.drop_table("mensagem_email")
