"""FUNPEN e cotas da PNAT: cenários do índice penitenciário e valores por UF (Portaria
DEPEN 206/2008, Anexo II), propostas de CME/CIAP com itens, cotações e equipe (Portaria
DEPEN 250/2015) e contratos públicos sujeitos às cotas (Decreto 9.450/2018, art. 5º)

Revisão: 0003
Anterior: 0002
Criada em: 25/11/2026

Revisada à mão: só tabelas novas; dinheiro em centavos (BIGINT, `Dinheiro`) e o
percentual da meta de redução em centésimos (INTEGER, `models.funpen.Percentual`);
nenhum ENUM nativo (CHECK com nome); cascata das filhas para a proposta e o cenário.
O downgrade apaga as tabelas na ordem inversa das dependências.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - tipos AutoString (o modelo padrão do Alembic não importa sqlmodel)
from alembic import op

from migrations.blocos import colunas_de_versionado, criar_indices, remover_tabela

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cenario_indice",
        *colunas_de_versionado(),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("ano_referencia", sa.Integer(), nullable=False),
        sa.Column("pesos", sa.JSON(), nullable=False),
        sa.Column("orcamento", sa.BigInteger(), nullable=True),
        sa.Column("criado_por", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("observacoes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint("ano_referencia BETWEEN 2000 AND 2100", name=op.f("ck_cenario_indice_ano_valido")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cenario_indice")),
        sa.UniqueConstraint("nome", name=op.f("uq_cenario_indice_nome")),
    )
    op.create_table(
        "contrato_publico",
        *colunas_de_versionado(),
        sa.Column("numero", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("orgao_contratante", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("uf_sigla", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("objeto", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("valor_anual", sa.BigInteger(), nullable=False),
        sa.Column("trabalhadores", sa.Integer(), nullable=False),
        sa.Column("ppl_contratados", sa.Integer(), nullable=False),
        sa.Column("egressos_contratados", sa.Integer(), nullable=False),
        sa.Column("data_inicio", sa.Date(), nullable=False),
        sa.Column("data_fim", sa.Date(), nullable=True),
        sa.Column("observacoes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint(
            "data_fim IS NULL OR data_fim >= data_inicio", name=op.f("ck_contrato_publico_datas_coerentes")
        ),
        sa.CheckConstraint(
            "trabalhadores >= 0 AND ppl_contratados >= 0 AND egressos_contratados >= 0",
            name=op.f("ck_contrato_publico_quantidades_nao_negativas"),
        ),
        sa.CheckConstraint("valor_anual >= 0", name=op.f("ck_contrato_publico_valor_nao_negativo")),
        sa.ForeignKeyConstraint(["uf_sigla"], ["uf.sigla"], name=op.f("fk_contrato_publico_uf_sigla_uf")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contrato_publico")),
    )
    criar_indices("contrato_publico", "uf_sigla")

    op.create_table(
        "proposta_funpen",
        *colunas_de_versionado(),
        sa.Column("programa", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("uf_sigla", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("titulo", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("orgao_proponente", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("orgao_executivo_uf", sa.Boolean(), nullable=False),
        sa.Column("declaracao_metas_cnpcp", sa.Boolean(), nullable=False),
        sa.Column("data_registro", sa.Date(), nullable=True),
        sa.Column("valor_total", sa.BigInteger(), nullable=False),
        sa.Column("contrapartida", sa.BigInteger(), nullable=False),
        sa.Column("vigencia_meses", sa.Integer(), nullable=True),
        sa.Column("coordenador", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("flagrantes_mes", sa.Integer(), nullable=True),
        sa.Column("presos_provisorios", sa.Integer(), nullable=True),
        sa.Column("perfil_demanda", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("meta_reducao_pct", sa.Integer(), nullable=True),  # Percentual: centésimos (12,5% → 1250)
        sa.Column("politica_alternativas", sa.Boolean(), nullable=False),
        sa.Column("ciap_conjunta", sa.Boolean(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("observacoes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint("programa IN ('cme','ciap')", name=op.f("ck_proposta_funpen_programa_valido")),
        sa.CheckConstraint(
            "status IN ('rascunho','em_analise','aprovada','arquivada')", name=op.f("ck_proposta_funpen_status_valido")
        ),
        sa.CheckConstraint(
            "valor_total >= 0 AND contrapartida >= 0", name=op.f("ck_proposta_funpen_valores_nao_negativos")
        ),
        sa.ForeignKeyConstraint(["uf_sigla"], ["uf.sigla"], name=op.f("fk_proposta_funpen_uf_sigla_uf")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposta_funpen")),
    )
    criar_indices("proposta_funpen", "uf_sigla")

    op.create_table(
        "valor_indice_uf",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cenario_id", sa.Integer(), nullable=False),
        sa.Column("uf_sigla", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("criterio", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("valor", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("faixa", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("fonte", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.CheckConstraint(
            "criterio IN ('presos_100mil','crescimento','territorio','populacao','servidores','pop_carceraria','pib_per_capita','idh','a','b','c','d','e','f','g','h','i','j')",
            name=op.f("ck_valor_indice_uf_criterio_valido"),
        ),
        sa.ForeignKeyConstraint(
            ["cenario_id"],
            ["cenario_indice.id"],
            name=op.f("fk_valor_indice_uf_cenario_id_cenario_indice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["uf_sigla"], ["uf.sigla"], name=op.f("fk_valor_indice_uf_uf_sigla_uf")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_valor_indice_uf")),
        sa.UniqueConstraint(
            "cenario_id", "uf_sigla", "criterio", name=op.f("uq_valor_indice_uf_cenario_id_uf_sigla_criterio")
        ),
    )
    criar_indices("valor_indice_uf", "cenario_id")

    op.create_table(
        "equipe_proposta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposta_id", sa.Integer(), nullable=False),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("natureza", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("remuneracao_mensal", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(
            "natureza IN ('coordenacao','tecnica','estagio')", name=op.f("ck_equipe_proposta_natureza_valida")
        ),
        sa.ForeignKeyConstraint(
            ["proposta_id"],
            ["proposta_funpen.id"],
            name=op.f("fk_equipe_proposta_proposta_id_proposta_funpen"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equipe_proposta")),
    )
    criar_indices("equipe_proposta", "proposta_id")

    op.create_table(
        "item_proposta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposta_id", sa.Integer(), nullable=False),
        sa.Column("descricao", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("categoria", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("valor", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(
            "categoria IN ('estrutura_fisica','equipamentos','material_consumo','servicos_terceiros','monitoracao_eletronica','equipe_tecnica','capacitacao','taxa_administracao','consultoria_servidor','finalidade_diversa','despesa_antes_vigencia','pagamento_apos_vigencia','taxas_multas_juros','transferencia_clubes','publicidade','elaboracao_proposta','manutencao_geral','outra_vedada')",
            name=op.f("ck_item_proposta_categoria_valida"),
        ),
        sa.ForeignKeyConstraint(
            ["proposta_id"],
            ["proposta_funpen.id"],
            name=op.f("fk_item_proposta_proposta_id_proposta_funpen"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_proposta")),
    )
    criar_indices("item_proposta", "proposta_id")

    op.create_table(
        "cotacao_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("fornecedor", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("cnpj", sqlmodel.sql.sqltypes.AutoString(length=14), nullable=False),
        sa.Column("contato", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("valor", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["item_proposta.id"], name=op.f("fk_cotacao_item_item_id_item_proposta"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cotacao_item")),
    )
    criar_indices("cotacao_item", "item_id")


def downgrade() -> None:
    remover_tabela("cotacao_item", "item_id")
    remover_tabela("item_proposta", "proposta_id")
    remover_tabela("equipe_proposta", "proposta_id")
    remover_tabela("valor_indice_uf", "cenario_id")
    remover_tabela("proposta_funpen", "uf_sigla")
    remover_tabela("contrato_publico", "uf_sigla")
    remover_tabela("cenario_indice")
