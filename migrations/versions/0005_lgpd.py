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

from migrations.blocos import colunas_de_versionado, criar_tabela, remover_tabela, texto

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"


def upgrade() -> None:
    criar_tabela(
        "dia_nao_util",
        *colunas_de_versionado(),
        sa.Column("data", sa.Date(), nullable=False),
        texto("descricao", 200),
        texto("abrangencia", 14),
        texto("localidade", 200),
        verificacoes={"abrangencia_valida": "abrangencia IN ('institucional','local')"},
        unicas=["data"],
    )
    criar_tabela(
        "encarregado",
        *colunas_de_versionado(),
        texto("participe", 4),
        texto("nome", 200),
        texto("email", 200),
        texto("ato_designacao", 300),
        sa.Column("data_inicio", sa.Date(), nullable=False),
        sa.Column("data_fim", sa.Date(), nullable=True),
        verificacoes={"participe_valido": "participe IN ('cnj','cnmp')"},
    )
    criar_tabela(
        "incidente_lgpd",
        *colunas_de_versionado(),
        texto("participe", 4),
        sa.Column("data_conhecimento", sa.Date(), nullable=False),
        sa.Column("conhecido_em", sa.DateTime(timezone=True), nullable=True),
        sa.Column("data_registro", sa.Date(), nullable=False),
        texto("descricao", 4000),
        sa.Column("categorias_dados", sa.JSON(), nullable=False),
        sa.Column("dados_sensiveis", sa.Boolean(), nullable=False),
        sa.Column("risco_relevante", sa.Boolean(), nullable=False),
        sa.Column("pessoas_afetadas", sa.Integer(), nullable=True),
        texto("medidas_adotadas", 4000),
        sa.Column("agente_pequeno_porte", sa.Boolean(), nullable=False),
        sa.Column("data_comunicacao_participe", sa.Date(), nullable=True),
        sa.Column("data_comunicacao_anpd", sa.Date(), nullable=True),
        sa.Column("data_comunicacao_titulares", sa.Date(), nullable=True),
        sa.Column("data_complemento", sa.Date(), nullable=True),
        sa.Column("data_encerramento", sa.Date(), nullable=True),
        texto("status", 12),
        verificacoes={
            "participe_valido": "participe IN ('cnj','cnmp')",
            "status_valido": "status IN ('em_apuracao','encerrado')",
            "pessoas_nao_negativo": "pessoas_afetadas IS NULL OR pessoas_afetadas >= 0",
        },
        indices=["data_conhecimento"],
    )


def downgrade() -> None:
    remover_tabela("incidente_lgpd", "data_conhecimento")
    remover_tabela("encarregado")
    remover_tabela("dia_nao_util")
