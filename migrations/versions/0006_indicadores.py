"""indicadores: catálogo com versões, metas anuais, regras de validação, períodos de coleta,
envios com valores e linha do tempo da revisão (DMF → CNMP), ciclos e registros qualitativos

Revisão: 0006
Anterior: 0005
Criada em: 25/11/2026

Revisada à mão: só tabelas novas; nenhum ENUM nativo (CHECK com nome para alvo, tipo,
periodicidade, agregação, operador, severidade, situação, ação, método e encaminhamento);
valores numéricos em centésimos inteiros (BIGINT, tipo `Dinheiro`), exatos nos dois bancos;
uma linha de envio por unidade e período (`unidade_chave` único com o período, já que o
UNIQUE com colunas nulas não barraria duplicatas no PostgreSQL); valores e eventos apagados
junto com o envio (ON DELETE CASCADE).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - tipos AutoString (o modelo padrão do Alembic não importa sqlmodel)
from alembic import op

from migrations.blocos import colunas_de_versionado, criar_indices, remover_tabela

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ciclo_monitoramento",
        *colunas_de_versionado(),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("meta_letra", sqlmodel.sql.sqltypes.AutoString(length=1), nullable=False),
        sa.Column("inicio", sa.Date(), nullable=False),
        sa.Column("fim", sa.Date(), nullable=False),
        sa.Column("descricao", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint("meta_letra IN ('d','e')", name=op.f("ck_ciclo_monitoramento_meta_valida")),
        sa.CheckConstraint("inicio <= fim", name=op.f("ck_ciclo_monitoramento_inicio_ate_fim")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ciclo_monitoramento")),
        sa.UniqueConstraint("nome", name=op.f("uq_ciclo_monitoramento_nome")),
    )
    op.create_table(
        "indicador",
        *colunas_de_versionado(),
        sa.Column("codigo", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("alvo", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("ordem", sa.Integer(), nullable=False),
        sa.Column("ativo", sa.Boolean(), nullable=False),
        sa.Column("versao_atual_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("alvo IN ('grupo','escritorio')", name=op.f("ck_indicador_alvo_valido")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicador")),
        sa.UniqueConstraint("codigo", name=op.f("uq_indicador_codigo")),
    )
    criar_indices("indicador", "alvo")

    op.create_table(
        "periodo_coleta",
        *colunas_de_versionado(),
        sa.Column("periodicidade", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("numero", sa.Integer(), nullable=False),
        sa.Column("inicio", sa.Date(), nullable=False),
        sa.Column("fim", sa.Date(), nullable=False),
        sa.Column("abertura", sa.Date(), nullable=False),
        sa.Column("prazo", sa.Date(), nullable=False),
        sa.Column("dias_tolerancia", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "periodicidade IN ('mensal','trimestral','semestral','anual')",
            name=op.f("ck_periodo_coleta_periodicidade_valida"),
        ),
        sa.CheckConstraint("abertura <= prazo", name=op.f("ck_periodo_coleta_abertura_ate_prazo")),
        sa.CheckConstraint("dias_tolerancia >= 0", name=op.f("ck_periodo_coleta_tolerancia_nao_negativa")),
        sa.CheckConstraint("inicio <= fim", name=op.f("ck_periodo_coleta_inicio_ate_fim")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periodo_coleta")),
        sa.UniqueConstraint("periodicidade", "ano", "numero", name=op.f("uq_periodo_coleta_periodicidade_ano_numero")),
    )
    op.create_table(
        "regra_validacao",
        *colunas_de_versionado(),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("alvo", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("lado_esquerdo", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("operador", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("lado_direito", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("severidade", sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
        sa.Column("ativa", sa.Boolean(), nullable=False),
        sa.CheckConstraint("alvo IN ('grupo','escritorio')", name=op.f("ck_regra_validacao_alvo_valido")),
        sa.CheckConstraint(
            "operador IN ('<=','<','==','>=','>','!=')", name=op.f("ck_regra_validacao_operador_valido")
        ),
        sa.CheckConstraint("severidade IN ('erro','alerta')", name=op.f("ck_regra_validacao_severidade_valida")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regra_validacao")),
    )
    op.create_table(
        "alvo_indicador",
        *colunas_de_versionado(),
        sa.Column("indicador_id", sa.Integer(), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("linha_de_base", sa.BigInteger(), nullable=True),
        sa.Column("meta", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["indicador_id"], ["indicador.id"], name=op.f("fk_alvo_indicador_indicador_id_indicador")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alvo_indicador")),
        sa.UniqueConstraint("indicador_id", "ano", name=op.f("uq_alvo_indicador_indicador_id_ano")),
    )
    criar_indices("alvo_indicador", "indicador_id")

    op.create_table(
        "versao_indicador",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicador_id", sa.Integer(), nullable=False),
        sa.Column("numero", sa.Integer(), nullable=False),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("definicao", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("unidade_medida", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("tipo", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("periodicidade", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("agregacao", sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
        sa.Column("meta_letra", sqlmodel.sql.sqltypes.AutoString(length=1), nullable=False),
        sa.Column("fonte", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("desagregacoes", sa.JSON(), nullable=False),
        sa.Column("minimo", sa.BigInteger(), nullable=True),
        sa.Column("maximo", sa.BigInteger(), nullable=True),
        sa.Column("motivo", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("criado_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("criado_por", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.CheckConstraint("agregacao IN ('soma','ultimo')", name=op.f("ck_versao_indicador_agregacao_valida")),
        sa.CheckConstraint("meta_letra IN ('a','b','c','d','e','f')", name=op.f("ck_versao_indicador_meta_valida")),
        sa.CheckConstraint(
            "periodicidade IN ('mensal','trimestral','semestral','anual')",
            name=op.f("ck_versao_indicador_periodicidade_valida"),
        ),
        sa.CheckConstraint(
            "tipo IN ('contagem','valor','percentual','sim_nao')", name=op.f("ck_versao_indicador_tipo_valido")
        ),
        sa.CheckConstraint(
            "minimo IS NULL OR maximo IS NULL OR minimo <= maximo", name=op.f("ck_versao_indicador_minimo_ate_maximo")
        ),
        sa.ForeignKeyConstraint(
            ["indicador_id"], ["indicador.id"], name=op.f("fk_versao_indicador_indicador_id_indicador")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_versao_indicador")),
        sa.UniqueConstraint("indicador_id", "numero", name=op.f("uq_versao_indicador_indicador_id_numero")),
    )
    criar_indices("versao_indicador", "indicador_id")

    op.create_table(
        "registro_qualitativo",
        *colunas_de_versionado(),
        sa.Column("grupo_id", sa.Integer(), nullable=True),
        sa.Column("escritorio_id", sa.Integer(), nullable=True),
        sa.Column("ciclo_id", sa.Integer(), nullable=True),
        sa.Column("data", sa.Date(), nullable=False),
        sa.Column("metodo", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("equipe", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("achados", sqlmodel.sql.sqltypes.AutoString(length=6000), nullable=False),
        sa.Column("recomendacoes", sqlmodel.sql.sqltypes.AutoString(length=6000), nullable=False),
        sa.Column("status_encaminhamento", sqlmodel.sql.sqltypes.AutoString(length=14), nullable=False),
        sa.Column("prazo_encaminhamento", sa.Date(), nullable=True),
        sa.Column("registrado_por", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.CheckConstraint(
            "metodo IN ('entrevista','grupo_focal','visita_in_loco','analise_documental')",
            name=op.f("ck_registro_qualitativo_metodo_valido"),
        ),
        sa.CheckConstraint(
            "status_encaminhamento IN ('pendente','em_andamento','concluido','nao_aplicavel')",
            name=op.f("ck_registro_qualitativo_status_encaminhamento_valido"),
        ),
        sa.CheckConstraint(
            "(grupo_id IS NULL) <> (escritorio_id IS NULL)", name=op.f("ck_registro_qualitativo_uma_unidade")
        ),
        sa.ForeignKeyConstraint(
            ["ciclo_id"], ["ciclo_monitoramento.id"], name=op.f("fk_registro_qualitativo_ciclo_id_ciclo_monitoramento")
        ),
        sa.ForeignKeyConstraint(
            ["escritorio_id"],
            ["escritorio_social.id"],
            name=op.f("fk_registro_qualitativo_escritorio_id_escritorio_social"),
        ),
        sa.ForeignKeyConstraint(
            ["grupo_id"],
            ["grupo_interinstitucional.id"],
            name=op.f("fk_registro_qualitativo_grupo_id_grupo_interinstitucional"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registro_qualitativo")),
    )
    criar_indices("registro_qualitativo", "ciclo_id", "escritorio_id", "grupo_id")

    op.create_table(
        "anexo_registro",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registro_id", sa.Integer(), nullable=False),
        sa.Column("anexo_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["anexo_id"], ["anexo.id"], name=op.f("fk_anexo_registro_anexo_id_anexo")),
        sa.ForeignKeyConstraint(
            ["registro_id"],
            ["registro_qualitativo.id"],
            name=op.f("fk_anexo_registro_registro_id_registro_qualitativo"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anexo_registro")),
        sa.UniqueConstraint("anexo_id", name=op.f("uq_anexo_registro_anexo_id")),
    )
    criar_indices("anexo_registro", "registro_id")

    op.create_table(
        "envio_coleta",
        *colunas_de_versionado(),
        sa.Column("periodo_id", sa.Integer(), nullable=False),
        sa.Column("grupo_id", sa.Integer(), nullable=True),
        sa.Column("escritorio_id", sa.Integer(), nullable=True),
        sa.Column("unidade_chave", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("primeiro_envio_em", sa.DateTime(timezone=True), nullable=True),
        sa.Column("enviado_em", sa.DateTime(timezone=True), nullable=True),
        sa.Column("validado_em", sa.DateTime(timezone=True), nullable=True),
        sa.Column("validado_por_id", sa.Integer(), nullable=True),
        sa.Column("aprovado_em", sa.DateTime(timezone=True), nullable=True),
        sa.Column("aprovado_por_id", sa.Integer(), nullable=True),
        sa.Column("comentario_revisao", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint(
            "status IN ('rascunho','enviado','validado','aprovado','devolvido')",
            name=op.f("ck_envio_coleta_status_valido"),
        ),
        sa.CheckConstraint("(grupo_id IS NULL) <> (escritorio_id IS NULL)", name=op.f("ck_envio_coleta_uma_unidade")),
        sa.ForeignKeyConstraint(
            ["aprovado_por_id"], ["usuario.id"], name=op.f("fk_envio_coleta_aprovado_por_id_usuario")
        ),
        sa.ForeignKeyConstraint(
            ["escritorio_id"], ["escritorio_social.id"], name=op.f("fk_envio_coleta_escritorio_id_escritorio_social")
        ),
        sa.ForeignKeyConstraint(
            ["grupo_id"],
            ["grupo_interinstitucional.id"],
            name=op.f("fk_envio_coleta_grupo_id_grupo_interinstitucional"),
        ),
        sa.ForeignKeyConstraint(
            ["periodo_id"], ["periodo_coleta.id"], name=op.f("fk_envio_coleta_periodo_id_periodo_coleta")
        ),
        sa.ForeignKeyConstraint(
            ["validado_por_id"], ["usuario.id"], name=op.f("fk_envio_coleta_validado_por_id_usuario")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_envio_coleta")),
        sa.UniqueConstraint("periodo_id", "unidade_chave", name=op.f("uq_envio_coleta_periodo_id_unidade_chave")),
    )
    with op.batch_alter_table("envio_coleta", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_envio_coleta_escritorio_id"), ["escritorio_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_envio_coleta_grupo_id"), ["grupo_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_envio_coleta_periodo_id"), ["periodo_id"], unique=False)
        batch_op.create_index("ix_envio_coleta_status_periodo", ["status", "periodo_id"], unique=False)

    op.create_table(
        "evento_revisao",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("envio_id", sa.Integer(), nullable=False),
        sa.Column("momento", sa.DateTime(timezone=True), nullable=False),
        sa.Column("usuario_id", sa.Integer(), nullable=True),
        sa.Column("usuario_email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("acao", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("de_status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("para_status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("comentario", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint(
            "acao IN ('rascunho','enviado','retirado','validado','aprovado','devolvido','reaberto','importado')",
            name=op.f("ck_evento_revisao_acao_valida"),
        ),
        sa.ForeignKeyConstraint(
            ["envio_id"], ["envio_coleta.id"], name=op.f("fk_evento_revisao_envio_id_envio_coleta"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evento_revisao")),
    )
    criar_indices("evento_revisao", "envio_id")

    op.create_table(
        "valor_indicador",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("envio_id", sa.Integer(), nullable=False),
        sa.Column("versao_indicador_id", sa.Integer(), nullable=False),
        sa.Column("desagregacao", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("valor", sa.BigInteger(), nullable=True),
        sa.Column("numerador", sa.BigInteger(), nullable=True),
        sa.Column("denominador", sa.BigInteger(), nullable=True),
        sa.Column("comentario", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("informado_por_id", sa.Integer(), nullable=True),
        sa.Column("informado_em", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "valor IS NOT NULL OR numerador IS NOT NULL OR denominador IS NOT NULL",
            name=op.f("ck_valor_indicador_algum_numero"),
        ),
        sa.ForeignKeyConstraint(
            ["envio_id"], ["envio_coleta.id"], name=op.f("fk_valor_indicador_envio_id_envio_coleta"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["informado_por_id"], ["usuario.id"], name=op.f("fk_valor_indicador_informado_por_id_usuario")
        ),
        sa.ForeignKeyConstraint(
            ["versao_indicador_id"],
            ["versao_indicador.id"],
            name=op.f("fk_valor_indicador_versao_indicador_id_versao_indicador"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_valor_indicador")),
        sa.UniqueConstraint(
            "envio_id",
            "versao_indicador_id",
            "desagregacao",
            name=op.f("uq_valor_indicador_envio_id_versao_indicador_id_desagregacao"),
        ),
    )
    with op.batch_alter_table("valor_indicador", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_valor_indicador_envio_id"), ["envio_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_valor_indicador_versao_indicador_id"), ["versao_indicador_id"], unique=False
        )


def downgrade() -> None:
    remover_tabela("valor_indicador", "envio_id", "versao_indicador_id")
    remover_tabela("evento_revisao", "envio_id")
    with op.batch_alter_table("envio_coleta", schema=None) as batch_op:
        batch_op.drop_index("ix_envio_coleta_status_periodo")
        batch_op.drop_index(batch_op.f("ix_envio_coleta_periodo_id"))
        batch_op.drop_index(batch_op.f("ix_envio_coleta_grupo_id"))
        batch_op.drop_index(batch_op.f("ix_envio_coleta_escritorio_id"))

    remover_tabela("envio_coleta")
    remover_tabela("anexo_registro", "registro_id")
    remover_tabela("registro_qualitativo", "ciclo_id", "escritorio_id", "grupo_id")
    remover_tabela("versao_indicador", "indicador_id")
    remover_tabela("alvo_indicador", "indicador_id")
    remover_tabela("regra_validacao")
    remover_tabela("periodo_coleta")
    remover_tabela("indicador", "alvo")
    remover_tabela("ciclo_monitoramento")
