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

from migrations.blocos import chave_estrangeira, colunas_de_versionado, criar_tabela, remover_tabela, texto

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"


def upgrade() -> None:
    criar_tabela(
        "painel_publicado",
        *colunas_de_versionado(),
        chave_estrangeira("periodo_id", "periodo_coleta"),
        texto("rotulo", 120),
        sa.Column("data_referencia", sa.Date(), nullable=False),
        sa.Column("publicado_em", sa.DateTime(timezone=True), nullable=False),
        chave_estrangeira("publicado_por_id", "usuario", nulo=True),
        sa.Column("k", sa.Integer(), nullable=False),
        sa.Column("conteudo", sa.JSON(), nullable=False),
        verificacoes={"k_minimo": "k >= 2"},
        indices=["periodo_id", "publicado_em"],
    )


def downgrade() -> None:
    remover_tabela("painel_publicado", "periodo_id", "publicado_em")
