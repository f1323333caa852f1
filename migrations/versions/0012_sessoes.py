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

from migrations.blocos import chave_estrangeira, colunas_de_versionado, criar_tabela, remover_tabela, texto

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"


def upgrade() -> None:
    criar_tabela(
        "sessao_usuario",
        *colunas_de_versionado(),
        chave_estrangeira("usuario_id", "usuario"),
        texto("origem", 5),
        texto("token_hash", 64, nulo=True),
        texto("codigo_hash", 64, nulo=True),
        sa.Column("codigo_expira_em", sa.DateTime(timezone=True), nullable=True),
        texto("vinculo_hash", 64, nulo=True),
        sa.Column("ultimo_acesso", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expira_ociosa_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expira_absoluta_em", sa.DateTime(timezone=True), nullable=False),
        texto("endereco", 45, nulo=True),
        texto("agente", 300, nulo=True),
        sa.Column("encerrada_em", sa.DateTime(timezone=True), nullable=True),
        texto("motivo_encerramento", 16, nulo=True),
        sa.Column("encerrada_por_id", sa.Integer(), nullable=True),
        verificacoes={
            "origem_valida": "origem IN ('senha','oidc')",
            "motivo_valido": "motivo_encerramento IN ('saida','troca_senha','senha_redefinida','administrador')",
        },
        unicas=["codigo_hash", "token_hash"],
        indices=["usuario_id"],
    )


def downgrade() -> None:
    remover_tabela("sessao_usuario", "usuario_id")
