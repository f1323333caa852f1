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
from alembic import op

from migrations.blocos import chave_estrangeira, criar_tabela, remover_tabela, texto

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"


def upgrade() -> None:
    criar_tabela(
        "mensagem_email",
        sa.Column("id", sa.Integer(), nullable=False),
        chave_estrangeira("usuario_id", "usuario"),
        texto("tipo", 14),
        texto("referencia", 80),
        sa.Column("data", sa.Date(), nullable=False),
        texto("assunto", 200),
        texto("corpo", 20000),
        texto("caminho", 300),
        texto("situacao", 10),
        sa.Column("tentativas", sa.Integer(), nullable=False),
        texto("ultimo_erro", 500),
        sa.Column("criada_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enviada_em", sa.DateTime(timezone=True), nullable=True),
        verificacoes={
            "tipo_valido": "tipo IN ('prazo_antes','prazo_vencido','resumo_dmf','resumo_cnmp','devolvido','aprovado')",
            "situacao_valida": "situacao IN ('pendente','enviada','descartada')",
        },
        unicas=[("usuario_id", "tipo", "referencia", "data")],
        indices=["usuario_id"],
    )
    op.create_index("ix_mensagem_email_situacao_id", "mensagem_email", ["situacao", "id"], unique=False)
    criar_tabela(
        "preferencia_email",
        chave_estrangeira("usuario_id", "usuario"),
        sa.Column("resumos_semanais", sa.Boolean(), nullable=False),
        sa.Column("atualizado_em", sa.DateTime(timezone=True), nullable=False),
        chave=("usuario_id",),
    )


def downgrade() -> None:
    remover_tabela("preferencia_email")
    op.drop_index("ix_mensagem_email_situacao_id", table_name="mensagem_email")
    remover_tabela("mensagem_email", "usuario_id")
