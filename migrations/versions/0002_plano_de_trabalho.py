"""plano de trabalho: anos do plano, cronograma com meses, etapas, obrigações,
termos aditivos, responsáveis (Cl. 12ª), comunicação, publicações, evidências, comentários

Revisão: 0002
Anterior: 0001
Criada em: 25/11/2026

Revisada à mão: as atividades que já existiam (um cronograma único) passam ao ano 1
do plano, com Mês 1 em novembro de 2023 (mês da assinatura), antes de `plano_id`
virar obrigatório.
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - tipos AutoString (o modelo padrão do Alembic não importa sqlmodel)
from alembic import op

from migrations.blocos import colunas_de_versionado, criar_indices, remover_tabela

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "acao_comunicacao",
        *colunas_de_versionado(),
        sa.Column("tipo", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("titulo", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("data", sa.Date(), nullable=False),
        sa.Column("publico_magistrados", sa.Integer(), nullable=False),
        sa.Column("publico_membros_mp", sa.Integer(), nullable=False),
        sa.Column("publico_servidores", sa.Integer(), nullable=False),
        sa.Column("publico_outros", sa.Integer(), nullable=False),
        sa.Column("link", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("observacoes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint(
            "tipo IN ('webinario','informativo','seminario','oficina','capacitacao')",
            name=op.f("ck_acao_comunicacao_tipo_valido"),
        ),
        sa.CheckConstraint(
            "publico_magistrados >= 0 AND publico_membros_mp >= 0 AND publico_servidores >= 0 AND publico_outros >= 0",
            name=op.f("ck_acao_comunicacao_publico_nao_negativo"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acao_comunicacao")),
    )
    criar_indices("acao_comunicacao", "data")

    op.create_table(
        "acordo",
        *colunas_de_versionado(),
        sa.Column("numero", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("data_assinatura", sa.Date(), nullable=False),
        sa.Column("vigencia_meses", sa.Integer(), nullable=False),
        sa.Column("prazo_designacao_dias", sa.Integer(), nullable=False),
        sa.CheckConstraint("vigencia_meses > 0", name=op.f("ck_acordo_vigencia_positiva")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acordo")),
    )
    op.create_table(
        "anexo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nome_arquivo", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("tipo_mime", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("tamanho", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("conteudo", sa.LargeBinary(), nullable=False),
        sa.Column("incluido_em", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anexo")),
    )
    criar_indices("anexo", "sha256")

    op.create_table(
        "etapa",
        *colunas_de_versionado(),
        sa.Column("ordem", sa.Integer(), nullable=False),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_etapa")),
        sa.UniqueConstraint("nome", name=op.f("uq_etapa_nome")),
        sa.UniqueConstraint("ordem", name=op.f("uq_etapa_ordem")),
    )
    op.create_table(
        "obrigacao",
        *colunas_de_versionado(),
        sa.Column("clausula", sa.Integer(), nullable=False),
        sa.Column("alinea", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("texto", sqlmodel.sql.sqltypes.AutoString(length=1500), nullable=False),
        sa.Column("responsavel", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=14), nullable=False),
        sa.Column("observacoes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint("responsavel IN ('cnj','cnmp','ambos')", name=op.f("ck_obrigacao_responsavel_valido")),
        sa.CheckConstraint(
            "status IN ('pendente','em_andamento','cumprida','nao_aplicavel')", name=op.f("ck_obrigacao_status_valido")
        ),
        sa.CheckConstraint("clausula IN (3, 4, 5)", name=op.f("ck_obrigacao_clausula_valida")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obrigacao")),
        sa.UniqueConstraint("clausula", "alinea", name=op.f("uq_obrigacao_clausula_alinea")),
    )
    op.create_table(
        "plano_anual",
        *colunas_de_versionado(),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("inicio", sa.Date(), nullable=False),
        sa.Column("copiado_de_id", sa.Integer(), nullable=True),
        sa.Column("observacoes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint("ano >= 1", name=op.f("ck_plano_anual_ano_positivo")),
        sa.ForeignKeyConstraint(
            ["copiado_de_id"], ["plano_anual.id"], name=op.f("fk_plano_anual_copiado_de_id_plano_anual")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plano_anual")),
        sa.UniqueConstraint("ano", name=op.f("uq_plano_anual_ano")),
    )
    op.create_table(
        "responsavel_acompanhamento",
        *colunas_de_versionado(),
        sa.Column("participe", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("nome", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("cargo", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("ato_designacao", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("data_designacao", sa.Date(), nullable=False),
        sa.CheckConstraint("participe IN ('cnj','cnmp')", name=op.f("ck_responsavel_acompanhamento_participe_valido")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responsavel_acompanhamento")),
    )
    op.create_table(
        "termo_aditivo",
        *colunas_de_versionado(),
        sa.Column("numero", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("data_assinatura", sa.Date(), nullable=False),
        sa.Column("nova_data_fim", sa.Date(), nullable=True),
        sa.Column("altera_plano", sa.Boolean(), nullable=False),
        sa.Column("descricao", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_termo_aditivo")),
        sa.UniqueConstraint("numero", name=op.f("uq_termo_aditivo_numero")),
    )
    op.create_table(
        "acao_comunicacao_meta",
        sa.Column("acao_id", sa.Integer(), nullable=False),
        sa.Column("meta_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["acao_id"],
            ["acao_comunicacao.id"],
            name=op.f("fk_acao_comunicacao_meta_acao_id_acao_comunicacao"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["meta_id"], ["meta.id"], name=op.f("fk_acao_comunicacao_meta_meta_id_meta")),
        sa.PrimaryKeyConstraint("acao_id", "meta_id", name=op.f("pk_acao_comunicacao_meta")),
    )
    criar_indices("acao_comunicacao_meta", "meta_id")

    op.create_table(
        "acao_comunicacao_uf",
        sa.Column("acao_id", sa.Integer(), nullable=False),
        sa.Column("uf_sigla", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["acao_id"],
            ["acao_comunicacao.id"],
            name=op.f("fk_acao_comunicacao_uf_acao_id_acao_comunicacao"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["uf_sigla"], ["uf.sigla"], name=op.f("fk_acao_comunicacao_uf_uf_sigla_uf")),
        sa.PrimaryKeyConstraint("acao_id", "uf_sigla", name=op.f("pk_acao_comunicacao_uf")),
    )
    criar_indices("acao_comunicacao_uf", "uf_sigla")

    op.create_table(
        "item_etapa",
        *colunas_de_versionado(),
        sa.Column("etapa_id", sa.Integer(), nullable=False),
        sa.Column("ordem", sa.Integer(), nullable=False),
        sa.Column("texto", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.ForeignKeyConstraint(["etapa_id"], ["etapa.id"], name=op.f("fk_item_etapa_etapa_id_etapa")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_etapa")),
        sa.UniqueConstraint("etapa_id", "ordem", name=op.f("uq_item_etapa_etapa_id_ordem")),
    )
    criar_indices("item_etapa", "etapa_id")

    op.create_table(
        "publicacao",
        *colunas_de_versionado(),
        sa.Column("tipo", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("numero", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("titulo", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("data", sa.Date(), nullable=False),
        sa.Column("link", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("anexo_id", sa.Integer(), nullable=True),
        sa.Column("resumo", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint(
            "tipo IN ('nota_tecnica','parecer','orientacao','relatorio')", name=op.f("ck_publicacao_tipo_valido")
        ),
        sa.ForeignKeyConstraint(["anexo_id"], ["anexo.id"], name=op.f("fk_publicacao_anexo_id_anexo")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publicacao")),
        sa.UniqueConstraint("tipo", "numero", name=op.f("uq_publicacao_tipo_numero")),
    )
    criar_indices("publicacao", "data")

    op.create_table(
        "atividade_meta",
        sa.Column("atividade_id", sa.Integer(), nullable=False),
        sa.Column("meta_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["atividade_id"],
            ["atividade_cronograma.id"],
            name=op.f("fk_atividade_meta_atividade_id_atividade_cronograma"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["meta_id"], ["meta.id"], name=op.f("fk_atividade_meta_meta_id_meta")),
        sa.PrimaryKeyConstraint("atividade_id", "meta_id", name=op.f("pk_atividade_meta")),
    )
    criar_indices("atividade_meta", "meta_id")

    op.create_table(
        "evidencia",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("atividade_id", sa.Integer(), nullable=True),
        sa.Column("obrigacao_id", sa.Integer(), nullable=True),
        sa.Column("descricao", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("data", sa.Date(), nullable=False),
        sa.Column("link", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("anexo_id", sa.Integer(), nullable=True),
        sa.Column("incluido_por", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.CheckConstraint("(atividade_id IS NULL) <> (obrigacao_id IS NULL)", name=op.f("ck_evidencia_um_alvo")),
        sa.CheckConstraint("(link IS NOT NULL) OR (anexo_id IS NOT NULL)", name=op.f("ck_evidencia_link_ou_arquivo")),
        sa.ForeignKeyConstraint(["anexo_id"], ["anexo.id"], name=op.f("fk_evidencia_anexo_id_anexo")),
        sa.ForeignKeyConstraint(
            ["atividade_id"],
            ["atividade_cronograma.id"],
            name=op.f("fk_evidencia_atividade_id_atividade_cronograma"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["obrigacao_id"], ["obrigacao.id"], name=op.f("fk_evidencia_obrigacao_id_obrigacao")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidencia")),
    )
    criar_indices("evidencia", "atividade_id", "obrigacao_id")

    op.create_table(
        "publicacao_atividade",
        sa.Column("publicacao_id", sa.Integer(), nullable=False),
        sa.Column("atividade_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["atividade_id"],
            ["atividade_cronograma.id"],
            name=op.f("fk_publicacao_atividade_atividade_id_atividade_cronograma"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["publicacao_id"],
            ["publicacao.id"],
            name=op.f("fk_publicacao_atividade_publicacao_id_publicacao"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("publicacao_id", "atividade_id", name=op.f("pk_publicacao_atividade")),
    )
    criar_indices("publicacao_atividade", "atividade_id")

    op.create_table(
        "publicacao_meta",
        sa.Column("publicacao_id", sa.Integer(), nullable=False),
        sa.Column("meta_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["meta_id"], ["meta.id"], name=op.f("fk_publicacao_meta_meta_id_meta")),
        sa.ForeignKeyConstraint(
            ["publicacao_id"],
            ["publicacao.id"],
            name=op.f("fk_publicacao_meta_publicacao_id_publicacao"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("publicacao_id", "meta_id", name=op.f("pk_publicacao_meta")),
    )
    criar_indices("publicacao_meta", "meta_id")

    op.create_table(
        "comentario_plano",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alvo", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("alvo_id", sa.Integer(), nullable=False),
        sa.Column("texto", sqlmodel.sql.sqltypes.AutoString(length=3000), nullable=False),
        sa.Column("autor_id", sa.Integer(), nullable=True),
        sa.Column("autor_nome", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("autor_papel", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("momento", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("alvo IN ('meta','atividade','obrigacao')", name=op.f("ck_comentario_plano_alvo_valido")),
        sa.CheckConstraint("length(texto) > 0", name=op.f("ck_comentario_plano_texto_nao_vazio")),
        sa.ForeignKeyConstraint(["autor_id"], ["usuario.id"], name=op.f("fk_comentario_plano_autor_id_usuario")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comentario_plano")),
    )
    criar_indices("comentario_plano", "momento")

    with op.batch_alter_table("atividade_cronograma", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plano_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("etapa_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("meses_previstos", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("meses_executados", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=14), nullable=True))
        batch_op.add_column(sa.Column("percentual", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("observacoes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True))

    conn = op.get_bind()
    if conn.execute(sa.text("SELECT count(*) FROM atividade_cronograma")).scalar():
        agora = datetime.now(UTC)
        if conn.dialect.name == "sqlite":
            agora = agora.replace(tzinfo=None)
        conn.execute(
            sa.text(
                "INSERT INTO plano_anual (versao, criado_em, atualizado_em, ano, inicio, observacoes) "
                "VALUES (1, :agora, :agora, 1, :inicio, '')"
            ),
            {"agora": agora, "inicio": datetime(2023, 11, 1).date()},
        )
        plano_id = conn.execute(sa.text("SELECT id FROM plano_anual WHERE ano = 1")).scalar()
        conn.execute(
            sa.text(
                "UPDATE atividade_cronograma SET plano_id = :p, meses_previstos = '[]', meses_executados = '[]', "
                "status = 'nao_iniciada', percentual = 0, observacoes = ''"
            ),
            {"p": plano_id},
        )

    with op.batch_alter_table("atividade_cronograma", schema=None) as batch_op:
        for coluna, tipo in (
            ("plano_id", sa.Integer()),
            ("meses_previstos", sa.JSON()),
            ("meses_executados", sa.JSON()),
            ("status", sqlmodel.sql.sqltypes.AutoString(length=14)),
            ("percentual", sa.Integer()),
            ("observacoes", sqlmodel.sql.sqltypes.AutoString(length=2000)),
        ):
            batch_op.alter_column(coluna, existing_type=tipo, nullable=False)
        batch_op.drop_constraint(batch_op.f("uq_atividade_cronograma_ordem"), type_="unique")
        batch_op.create_index(batch_op.f("ix_atividade_cronograma_plano_id"), ["plano_id"], unique=False)
        batch_op.create_unique_constraint(batch_op.f("uq_atividade_cronograma_plano_id_ordem"), ["plano_id", "ordem"])
        batch_op.create_foreign_key(batch_op.f("fk_atividade_cronograma_etapa_id_etapa"), "etapa", ["etapa_id"], ["id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_atividade_cronograma_plano_id_plano_anual"), "plano_anual", ["plano_id"], ["id"]
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_atividade_cronograma_status_valido"),
            "status IN ('nao_iniciada','em_andamento','concluida','atrasada','cancelada')",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_atividade_cronograma_percentual_0_100"), "percentual BETWEEN 0 AND 100"
        )


def downgrade() -> None:
    # o esquema anterior tinha um só cronograma: ficam as atividades do ano 1
    conn = op.get_bind()
    for tabela in ("atividade_meta", "publicacao_atividade", "evidencia"):
        conn.execute(
            sa.text(
                f"DELETE FROM {tabela} WHERE atividade_id IN (SELECT a.id FROM atividade_cronograma a "
                "JOIN plano_anual p ON p.id = a.plano_id WHERE p.ano > 1)"
            )
        )
    conn.execute(
        sa.text("DELETE FROM atividade_cronograma WHERE plano_id IN (SELECT id FROM plano_anual WHERE ano > 1)")
    )
    with op.batch_alter_table("atividade_cronograma", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_atividade_cronograma_percentual_0_100"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_atividade_cronograma_status_valido"), type_="check")
        batch_op.drop_constraint(batch_op.f("fk_atividade_cronograma_plano_id_plano_anual"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_atividade_cronograma_etapa_id_etapa"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("uq_atividade_cronograma_plano_id_ordem"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_atividade_cronograma_plano_id"))
        batch_op.create_unique_constraint(batch_op.f("uq_atividade_cronograma_ordem"), ["ordem"])
        batch_op.drop_column("observacoes")
        batch_op.drop_column("percentual")
        batch_op.drop_column("status")
        batch_op.drop_column("meses_executados")
        batch_op.drop_column("meses_previstos")
        batch_op.drop_column("etapa_id")
        batch_op.drop_column("plano_id")

    remover_tabela("comentario_plano", "momento")
    remover_tabela("publicacao_meta", "meta_id")
    remover_tabela("publicacao_atividade", "atividade_id")
    remover_tabela("evidencia", "atividade_id", "obrigacao_id")
    remover_tabela("atividade_meta", "meta_id")
    remover_tabela("publicacao", "data")
    remover_tabela("item_etapa", "etapa_id")
    remover_tabela("acao_comunicacao_uf", "uf_sigla")
    remover_tabela("acao_comunicacao_meta", "meta_id")
    remover_tabela("termo_aditivo")
    remover_tabela("responsavel_acompanhamento")
    remover_tabela("plano_anual")
    remover_tabela("obrigacao")
    remover_tabela("etapa")
    remover_tabela("anexo", "sha256")
    remover_tabela("acordo")
    remover_tabela("acao_comunicacao", "data")
