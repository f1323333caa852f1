"""fundacao: territorio, unidades, usuarios, auditoria, plano

Revisão: 0001
Anterior:
Criada em: 24/11/2026
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - tipos AutoString (o modelo padrão do Alembic não importa sqlmodel)
from alembic import op

from migrations.blocos import colunas_de_versionado, criar_indices, remover_tabela

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # revisada à mão: nomes de restrição da convenção, sem ENUM nativo
    op.create_table(
        "atividade_cronograma",
        *colunas_de_versionado(),
        sa.Column("ordem", sa.Integer(), nullable=False),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_atividade_cronograma")),
        sa.UniqueConstraint("ordem", name=op.f("uq_atividade_cronograma_ordem")),
    )
    op.create_table(
        "meta",
        *colunas_de_versionado(),
        sa.Column("letra", sqlmodel.sql.sqltypes.AutoString(length=1), nullable=False),
        sa.Column("texto", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.CheckConstraint("letra IN ('a','b','c','d','e','f')", name=op.f("ck_meta_letra_valida")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meta")),
        sa.UniqueConstraint("letra", name=op.f("uq_meta_letra")),
    )
    op.create_table(
        "parametro",
        sa.Column("chave", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("valor", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.PrimaryKeyConstraint("chave", name=op.f("pk_parametro")),
    )
    op.create_table(
        "registro_auditoria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("momento", sa.DateTime(timezone=True), nullable=False),
        sa.Column("usuario_id", sa.Integer(), nullable=True),
        sa.Column("usuario_email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("entidade", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("entidade_id", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("acao", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("antes", sa.JSON(), nullable=True),
        sa.Column("depois", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "acao IN ('inclusao','alteracao','exclusao')", name=op.f("ck_registro_auditoria_acao_valida")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registro_auditoria")),
    )
    with op.batch_alter_table("registro_auditoria", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registro_auditoria_entidade"), ["entidade"], unique=False)
        batch_op.create_index("ix_registro_auditoria_entidade_id", ["entidade", "entidade_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_registro_auditoria_momento"), ["momento"], unique=False)
        batch_op.create_index(batch_op.f("ix_registro_auditoria_usuario_id"), ["usuario_id"], unique=False)

    op.create_table(
        "uf",
        sa.Column("sigla", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("codigo_ibge", sa.Integer(), nullable=False),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("regiao", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("capital", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.CheckConstraint(
            "regiao IN ('Norte','Nordeste','Centro-Oeste','Sudeste','Sul')", name=op.f("ck_uf_regiao_valida")
        ),
        sa.CheckConstraint("length(sigla) = 2", name=op.f("ck_uf_sigla_2_letras")),
        sa.PrimaryKeyConstraint("sigla", name=op.f("pk_uf")),
        sa.UniqueConstraint("codigo_ibge", name=op.f("uq_uf_codigo_ibge")),
    )
    op.create_table(
        "grupo_interinstitucional",
        *colunas_de_versionado(),
        sa.Column("uf_sigla", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("ato_criacao", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("data_criacao", sa.Date(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("instituicoes_membro", sa.JSON(), nullable=False),
        sa.Column("contato_pontos_focais", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("observacoes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint(
            "status IN ('em_articulacao','constituido','em_funcionamento','inativo')",
            name=op.f("ck_grupo_interinstitucional_status_valido"),
        ),
        sa.ForeignKeyConstraint(["uf_sigla"], ["uf.sigla"], name=op.f("fk_grupo_interinstitucional_uf_sigla_uf")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grupo_interinstitucional")),
        sa.UniqueConstraint("uf_sigla", name=op.f("uq_grupo_interinstitucional_uf_sigla")),
    )
    op.create_table(
        "municipio",
        sa.Column("codigo_ibge", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("uf_sigla", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("incluido_manualmente", sa.Boolean(), nullable=False),
        sa.CheckConstraint("codigo_ibge BETWEEN 1000000 AND 9999999", name=op.f("ck_municipio_codigo_7_digitos")),
        sa.ForeignKeyConstraint(["uf_sigla"], ["uf.sigla"], name=op.f("fk_municipio_uf_sigla_uf")),
        sa.PrimaryKeyConstraint("codigo_ibge", name=op.f("pk_municipio")),
    )
    criar_indices("municipio", "nome", "uf_sigla")

    op.create_table(
        "escritorio_social",
        *colunas_de_versionado(),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("municipio_codigo", sa.Integer(), nullable=False),
        sa.Column("orgao_gestor", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("tipo_gestao", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("termo_cooperacao", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("data_termo", sa.Date(), nullable=True),
        sa.Column("data_inauguracao", sa.Date(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("observacoes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint(
            "status IN ('em_implantacao','em_funcionamento','suspenso','encerrado')",
            name=op.f("ck_escritorio_social_status_valido"),
        ),
        sa.CheckConstraint(
            "tipo_gestao IN ('estadual','municipal','consorcio','osc')",
            name=op.f("ck_escritorio_social_tipo_gestao_valido"),
        ),
        sa.ForeignKeyConstraint(
            ["municipio_codigo"],
            ["municipio.codigo_ibge"],
            name=op.f("fk_escritorio_social_municipio_codigo_municipio"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escritorio_social")),
    )
    criar_indices("escritorio_social", "municipio_codigo")

    op.create_table(
        "fundo_municipal",
        *colunas_de_versionado(),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("municipio_codigo", sa.Integer(), nullable=False),
        sa.Column("lei_numero", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("lei_data", sa.Date(), nullable=False),
        sa.Column("cnpj", sqlmodel.sql.sqltypes.AutoString(length=14), nullable=True),
        sa.Column("conselho_gestor", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("observacoes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint(
            "status IN ('criado','regulamentado','em_operacao','inativo')",
            name=op.f("ck_fundo_municipal_status_valido"),
        ),
        sa.CheckConstraint("cnpj IS NULL OR length(cnpj) = 14", name=op.f("ck_fundo_municipal_cnpj_14_digitos")),
        sa.ForeignKeyConstraint(
            ["municipio_codigo"], ["municipio.codigo_ibge"], name=op.f("fk_fundo_municipal_municipio_codigo_municipio")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fundo_municipal")),
        sa.UniqueConstraint("cnpj", name=op.f("uq_fundo_municipal_cnpj")),
        sa.UniqueConstraint("municipio_codigo", name=op.f("uq_fundo_municipal_municipio_codigo")),
    )
    op.create_table(
        "usuario",
        *colunas_de_versionado(),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("papel", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("grupo_id", sa.Integer(), nullable=True),
        sa.Column("escritorio_id", sa.Integer(), nullable=True),
        sa.Column("ativo", sa.Boolean(), nullable=False),
        sa.Column("senha_hash", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("falhas_login", sa.Integer(), nullable=False),
        sa.Column("bloqueado_ate", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ultimo_acesso", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(papel = 'ponto_focal' AND ((grupo_id IS NULL) <> (escritorio_id IS NULL))) OR (papel <> 'ponto_focal' AND grupo_id IS NULL AND escritorio_id IS NULL)",
            name=op.f("ck_usuario_escopo_coerente"),
        ),
        sa.CheckConstraint("papel IN ('admin','dmf','cnmp','ponto_focal')", name=op.f("ck_usuario_papel_valido")),
        sa.ForeignKeyConstraint(
            ["escritorio_id"], ["escritorio_social.id"], name=op.f("fk_usuario_escritorio_id_escritorio_social")
        ),
        sa.ForeignKeyConstraint(
            ["grupo_id"], ["grupo_interinstitucional.id"], name=op.f("fk_usuario_grupo_id_grupo_interinstitucional")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_usuario")),
        sa.UniqueConstraint("email", name=op.f("uq_usuario_email")),
    )
    criar_indices("usuario", "escritorio_id", "grupo_id")


def downgrade() -> None:
    # revisada à mão: nomes de restrição da convenção, sem ENUM nativo
    remover_tabela("usuario", "escritorio_id", "grupo_id")
    remover_tabela("fundo_municipal")
    remover_tabela("escritorio_social", "municipio_codigo")
    remover_tabela("municipio", "nome", "uf_sigla")
    remover_tabela("grupo_interinstitucional")
    remover_tabela("uf")
    with op.batch_alter_table("registro_auditoria", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registro_auditoria_usuario_id"))
        batch_op.drop_index(batch_op.f("ix_registro_auditoria_momento"))
        batch_op.drop_index("ix_registro_auditoria_entidade_id")
        batch_op.drop_index(batch_op.f("ix_registro_auditoria_entidade"))

    remover_tabela("registro_auditoria")
    remover_tabela("parametro")
    remover_tabela("meta")
    remover_tabela("atividade_cronograma")
