"""recursos: fluxos de recursos (origem, destino, etapas, prestação de contas), mapeamento de
recursos potenciais e histórico do salário mínimo

Revisão: 0004
Anterior: 0003
Criada em: 25/11/2026

Revisada à mão: só tabelas novas; dinheiro em centavos (BIGINT); nenhum ENUM nativo
(CHECK com nome); índices para os filtros da página Recursos (data de referência, UF,
origem, etapa, prazo da prestação de contas) e chave natural única da importação.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from migrations.blocos import chave_estrangeira, colunas_de_versionado, criar_tabela, remover_tabela, texto, tipo_texto

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"


def upgrade() -> None:
    criar_tabela(
        "salario_minimo",
        sa.Column("vigencia_inicio", sa.Date(), nullable=False),
        sa.Column("valor", sa.BigInteger(), nullable=False),
        texto("norma", 200),
        verificacoes={"valor_positivo": "valor > 0"},
        chave=("vigencia_inicio",),
    )
    criar_tabela(
        "recurso_potencial",
        *colunas_de_versionado(),
        chave_estrangeira("uf_sigla", "uf.sigla", tipo=tipo_texto(2)),
        sa.Column("ano", sa.Integer(), nullable=False),
        texto("tipo_origem", 24),
        texto("orgao", 200),
        sa.Column("valor_estimado", sa.BigInteger(), nullable=False),
        texto("fonte", 300),
        verificacoes={
            "tipo_origem_valido": "tipo_origem IN ('prestacao_pecuniaria','anpp','transacao_penal','suspensao_condicional','tac','multa_dano_moral','funpen','orcamento_proprio','doacao','convenio','outra')",
            "valor_nao_negativo": "valor_estimado >= 0",
        },
        unicas=[("uf_sigla", "ano", "tipo_origem", "orgao")],
        indices=["ano", "uf_sigla"],
    )
    criar_tabela(
        "fluxo_recurso",
        *colunas_de_versionado(),
        texto("tipo_origem", 24),
        texto("orgao_tipo", 20),
        texto("orgao_origem", 200),
        chave_estrangeira("uf_origem", "uf.sigla", tipo=tipo_texto(2)),
        texto("processo", 25, nulo=True),
        texto("destino_tipo", 10),
        chave_estrangeira("fundo_id", "fundo_municipal", nulo=True),
        chave_estrangeira("escritorio_id", "escritorio_social", nulo=True),
        texto("destino_nome", 200),
        texto("destino_cnpj", 14, nulo=True),
        sa.Column("valor", sa.BigInteger(), nullable=False),
        texto("etapa", 12),
        sa.Column("data_potencial", sa.Date(), nullable=True),
        sa.Column("data_destinacao", sa.Date(), nullable=True),
        sa.Column("data_transferencia", sa.Date(), nullable=True),
        sa.Column("data_aplicacao", sa.Date(), nullable=True),
        sa.Column("data_referencia", sa.Date(), nullable=False),
        texto("justificativa", 4000),
        sa.Column("valor_aplicado", sa.BigInteger(), nullable=True),
        texto("atividades_resultados", 4000),
        texto("comprovante_publicidade", 500, nulo=True),
        sa.Column("prazo_prestacao", sa.Date(), nullable=True),
        sa.Column("data_prestacao", sa.Date(), nullable=True),
        texto("status_prestacao", 12),
        texto("chave_natural", 64),
        texto("observacoes", 2000),
        verificacoes={
            "destino_coerente": "(destino_tipo = 'fundo' AND fundo_id IS NOT NULL AND escritorio_id IS NULL) OR (destino_tipo = 'escritorio' AND escritorio_id IS NOT NULL AND fundo_id IS NULL) OR (destino_tipo = 'projeto' AND fundo_id IS NULL AND escritorio_id IS NULL)",
            "destino_tipo_valido": "destino_tipo IN ('fundo','escritorio','projeto')",
            "etapa_valida": "etapa IN ('potencial','destinado','transferido','aplicado')",
            "orgao_tipo_valido": "orgao_tipo IN ('tribunal','ministerio_publico','senappen','municipio','outro')",
            "status_prestacao_valido": "status_prestacao IN ('nao_exigida','pendente','apresentada','aprovada','rejeitada')",
            "tipo_origem_valido": "tipo_origem IN ('prestacao_pecuniaria','anpp','transacao_penal','suspensao_condicional','tac','multa_dano_moral','funpen','orcamento_proprio','doacao','convenio','outra')",
            "valor_positivo": "valor > 0",
        },
        unicas=["chave_natural"],
    )
    with op.batch_alter_table("fluxo_recurso", schema=None) as batch_op:
        batch_op.create_index("ix_fluxo_recurso_data_ref_tipo", ["data_referencia", "tipo_origem"], unique=False)
        batch_op.create_index(batch_op.f("ix_fluxo_recurso_escritorio_id"), ["escritorio_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fluxo_recurso_etapa"), ["etapa"], unique=False)
        batch_op.create_index(batch_op.f("ix_fluxo_recurso_fundo_id"), ["fundo_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fluxo_recurso_prazo_prestacao"), ["prazo_prestacao"], unique=False)
        batch_op.create_index(batch_op.f("ix_fluxo_recurso_processo"), ["processo"], unique=False)
        batch_op.create_index(batch_op.f("ix_fluxo_recurso_tipo_origem"), ["tipo_origem"], unique=False)
        batch_op.create_index("ix_fluxo_recurso_uf_data_ref", ["uf_origem", "data_referencia"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("fluxo_recurso", schema=None) as batch_op:
        batch_op.drop_index("ix_fluxo_recurso_uf_data_ref")
        batch_op.drop_index(batch_op.f("ix_fluxo_recurso_tipo_origem"))
        batch_op.drop_index(batch_op.f("ix_fluxo_recurso_processo"))
        batch_op.drop_index(batch_op.f("ix_fluxo_recurso_prazo_prestacao"))
        batch_op.drop_index(batch_op.f("ix_fluxo_recurso_fundo_id"))
        batch_op.drop_index(batch_op.f("ix_fluxo_recurso_etapa"))
        batch_op.drop_index(batch_op.f("ix_fluxo_recurso_escritorio_id"))
        batch_op.drop_index("ix_fluxo_recurso_data_ref_tipo")

    remover_tabela("fluxo_recurso")
    remover_tabela("recurso_potencial", "ano", "uf_sigla")
    remover_tabela("salario_minimo")
