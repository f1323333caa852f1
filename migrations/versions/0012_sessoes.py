"""sessões de login no banco (cookie HttpOnly com token guardado só como SHA-256)

Revisão: 0012
Anterior: 0011
Criada em: 03/12/2026

Revisada à mão: só uma tabela nova, `sessao_usuario`, sem ENUM nativo (CHECK com nome para a
origem e o motivo do encerramento). Token, código de uso único e o segredo que vincula o código
ao navegador do login guardados como SHA-256 em hexadecimal (64 caracteres); token e código únicos. Como a sessão mora no banco, qualquer réplica aceita o
cookie emitido por outra. O downgrade apaga a tabela (todos saem do sistema).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - tipos AutoString (o modelo padrão do Alembic não importa sqlmodel)
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sessao_usuario",
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("criado_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("atualizado_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("usuario_id", sa.Integer(), nullable=False),
        sa.Column("origem", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("codigo_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("codigo_expira_em", sa.DateTime(timezone=True), nullable=True),
        sa.Column("vinculo_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("ultimo_acesso", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expira_ociosa_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expira_absoluta_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("endereco", sqlmodel.sql.sqltypes.AutoString(length=45), nullable=True),
        sa.Column("agente", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("encerrada_em", sa.DateTime(timezone=True), nullable=True),
        sa.Column("motivo_encerramento", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("encerrada_por_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("origem IN ('senha','oidc')", name=op.f("ck_sessao_usuario_origem_valida")),
        sa.CheckConstraint(
            "motivo_encerramento IN ('saida','troca_senha','senha_redefinida','administrador')",
            name=op.f("ck_sessao_usuario_motivo_valido"),
        ),
        sa.ForeignKeyConstraint(["usuario_id"], ["usuario.id"], name=op.f("fk_sessao_usuario_usuario_id_usuario")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessao_usuario")),
        sa.UniqueConstraint("codigo_hash", name=op.f("uq_sessao_usuario_codigo_hash")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_sessao_usuario_token_hash")),
    )
    op.create_index(op.f("ix_sessao_usuario_usuario_id"), "sessao_usuario", ["usuario_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_sessao_usuario_usuario_id"), table_name="sessao_usuario")
    op.drop_table("sessao_usuario")
