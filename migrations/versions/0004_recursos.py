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
import sqlmodel  # noqa: F401 - tipos AutoString (o modelo padrão do Alembic não importa sqlmodel)
from alembic import op

from migrations.blocos import colunas_de_versionado, criar_indices, remover_tabela

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "salario_minimo",
        sa.Column("vigencia_inicio", sa.Date(), nullable=False),
        sa.Column("valor", sa.BigInteger(), nullable=False),
        sa.Column("norma", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.CheckConstraint("valor > 0", name=op.f("ck_salario_minimo_valor_positivo")),
        sa.PrimaryKeyConstraint("vigencia_inicio", name=op.f("pk_salario_minimo")),
    )
    op.create_table(
        "recurso_potencial",
        *colunas_de_versionado(),
        sa.Column("uf_sigla", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("tipo_origem", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("orgao", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("valor_estimado", sa.BigInteger(), nullable=False),
        sa.Column("fonte", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.CheckConstraint(
            "tipo_origem IN ('prestacao_pecuniaria','anpp','transacao_penal','suspensao_condicional','tac','multa_dano_moral','funpen','orcamento_proprio','doacao','convenio','outra')",
            name=op.f("ck_recurso_potencial_tipo_origem_valido"),
        ),
        sa.CheckConstraint("valor_estimado >= 0", name=op.f("ck_recurso_potencial_valor_nao_negativo")),
        sa.ForeignKeyConstraint(["uf_sigla"], ["uf.sigla"], name=op.f("fk_recurso_potencial_uf_sigla_uf")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recurso_potencial")),
        sa.UniqueConstraint(
            "uf_sigla", "ano", "tipo_origem", "orgao", name=op.f("uq_recurso_potencial_uf_sigla_ano_tipo_origem_orgao")
        ),
    )
    criar_indices("recurso_potencial", "ano", "uf_sigla")

    op.create_table(
        "fluxo_recurso",
        *colunas_de_versionado(),
        sa.Column("tipo_origem", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("orgao_tipo", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("orgao_origem", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("uf_origem", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("processo", sqlmodel.sql.sqltypes.AutoString(length=25), nullable=True),
        sa.Column("destino_tipo", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("fundo_id", sa.Integer(), nullable=True),
        sa.Column("escritorio_id", sa.Integer(), nullable=True),
        sa.Column("destino_nome", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("destino_cnpj", sqlmodel.sql.sqltypes.AutoString(length=14), nullable=True),
        sa.Column("valor", sa.BigInteger(), nullable=False),
        sa.Column("etapa", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("data_potencial", sa.Date(), nullable=True),
        sa.Column("data_destinacao", sa.Date(), nullable=True),
        sa.Column("data_transferencia", sa.Date(), nullable=True),
        sa.Column("data_aplicacao", sa.Date(), nullable=True),
        sa.Column("data_referencia", sa.Date(), nullable=False),
        sa.Column("justificativa", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("valor_aplicado", sa.BigInteger(), nullable=True),
        sa.Column("atividades_resultados", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("comprovante_publicidade", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("prazo_prestacao", sa.Date(), nullable=True),
        sa.Column("data_prestacao", sa.Date(), nullable=True),
        sa.Column("status_prestacao", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("chave_natural", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("observacoes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint(
            "(destino_tipo = 'fundo' AND fundo_id IS NOT NULL AND escritorio_id IS NULL) OR (destino_tipo = 'escritorio' AND escritorio_id IS NOT NULL AND fundo_id IS NULL) OR (destino_tipo = 'projeto' AND fundo_id IS NULL AND escritorio_id IS NULL)",
            name=op.f("ck_fluxo_recurso_destino_coerente"),
        ),
        sa.CheckConstraint(
            "destino_tipo IN ('fundo','escritorio','projeto')", name=op.f("ck_fluxo_recurso_destino_tipo_valido")
        ),
        sa.CheckConstraint(
            "etapa IN ('potencial','destinado','transferido','aplicado')", name=op.f("ck_fluxo_recurso_etapa_valida")
        ),
        sa.CheckConstraint(
            "orgao_tipo IN ('tribunal','ministerio_publico','senappen','municipio','outro')",
            name=op.f("ck_fluxo_recurso_orgao_tipo_valido"),
        ),
        sa.CheckConstraint(
            "status_prestacao IN ('nao_exigida','pendente','apresentada','aprovada','rejeitada')",
            name=op.f("ck_fluxo_recurso_status_prestacao_valido"),
        ),
        sa.CheckConstraint(
            "tipo_origem IN ('prestacao_pecuniaria','anpp','transacao_penal','suspensao_condicional','tac','multa_dano_moral','funpen','orcamento_proprio','doacao','convenio','outra')",
            name=op.f("ck_fluxo_recurso_tipo_origem_valido"),
        ),
        sa.CheckConstraint("valor > 0", name=op.f("ck_fluxo_recurso_valor_positivo")),
        sa.ForeignKeyConstraint(
            ["escritorio_id"], ["escritorio_social.id"], name=op.f("fk_fluxo_recurso_escritorio_id_escritorio_social")
        ),
        sa.ForeignKeyConstraint(
            ["fundo_id"], ["fundo_municipal.id"], name=op.f("fk_fluxo_recurso_fundo_id_fundo_municipal")
        ),
        sa.ForeignKeyConstraint(["uf_origem"], ["uf.sigla"], name=op.f("fk_fluxo_recurso_uf_origem_uf")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fluxo_recurso")),
        sa.UniqueConstraint("chave_natural", name=op.f("uq_fluxo_recurso_chave_natural")),
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
