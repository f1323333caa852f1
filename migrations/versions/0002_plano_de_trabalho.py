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

from migrations.blocos import (
    ChaveEstrangeira,
    chave_estrangeira,
    colunas_de_versionado,
    criar_tabela,
    remover_tabela,
    texto,
    tipo_texto,
)

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"


def _criar_ligacao(tabela: str, dona: ChaveEstrangeira, outra: ChaveEstrangeira) -> None:
    """Tabela de ligação N:N: a chave primária é o par (dona, outra), cada uma com a sua chave
    estrangeira, e a outra ponta ganha um índice simples (a dona já é o começo da chave)."""
    criar_tabela(tabela, dona, outra, chave=(dona.coluna.name, outra.coluna.name), indices=[outra.coluna.name])


def upgrade() -> None:
    criar_tabela(
        "acao_comunicacao",
        *colunas_de_versionado(),
        texto("tipo", 12),
        texto("titulo", 300),
        sa.Column("data", sa.Date(), nullable=False),
        sa.Column("publico_magistrados", sa.Integer(), nullable=False),
        sa.Column("publico_membros_mp", sa.Integer(), nullable=False),
        sa.Column("publico_servidores", sa.Integer(), nullable=False),
        sa.Column("publico_outros", sa.Integer(), nullable=False),
        texto("link", 500, nulo=True),
        texto("observacoes", 2000),
        verificacoes={
            "tipo_valido": "tipo IN ('webinario','informativo','seminario','oficina','capacitacao')",
            "publico_nao_negativo": "publico_magistrados >= 0 AND publico_membros_mp >= 0 AND publico_servidores >= 0 AND publico_outros >= 0",
        },
        indices=["data"],
    )
    criar_tabela(
        "acordo",
        *colunas_de_versionado(),
        texto("numero", 20),
        sa.Column("data_assinatura", sa.Date(), nullable=False),
        sa.Column("vigencia_meses", sa.Integer(), nullable=False),
        sa.Column("prazo_designacao_dias", sa.Integer(), nullable=False),
        verificacoes={"vigencia_positiva": "vigencia_meses > 0"},
    )
    criar_tabela(
        "anexo",
        sa.Column("id", sa.Integer(), nullable=False),
        texto("nome_arquivo", 200),
        texto("tipo_mime", 100),
        sa.Column("tamanho", sa.Integer(), nullable=False),
        texto("sha256", 64),
        sa.Column("conteudo", sa.LargeBinary(), nullable=False),
        sa.Column("incluido_em", sa.DateTime(timezone=True), nullable=False),
        indices=["sha256"],
    )
    criar_tabela(
        "etapa",
        *colunas_de_versionado(),
        sa.Column("ordem", sa.Integer(), nullable=False),
        texto("nome", 120),
        unicas=["nome", "ordem"],
    )
    criar_tabela(
        "obrigacao",
        *colunas_de_versionado(),
        sa.Column("clausula", sa.Integer(), nullable=False),
        texto("alinea", 2),
        texto("texto", 1500),
        texto("responsavel", 5),
        texto("status", 14),
        texto("observacoes", 2000),
        verificacoes={
            "responsavel_valido": "responsavel IN ('cnj','cnmp','ambos')",
            "status_valido": "status IN ('pendente','em_andamento','cumprida','nao_aplicavel')",
            "clausula_valida": "clausula IN (3, 4, 5)",
        },
        unicas=[("clausula", "alinea")],
    )
    criar_tabela(
        "plano_anual",
        *colunas_de_versionado(),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("inicio", sa.Date(), nullable=False),
        chave_estrangeira("copiado_de_id", "plano_anual", nulo=True),
        texto("observacoes", 2000),
        verificacoes={"ano_positivo": "ano >= 1"},
        unicas=["ano"],
    )
    criar_tabela(
        "responsavel_acompanhamento",
        *colunas_de_versionado(),
        texto("participe", 4),
        texto("nome", 150),
        texto("cargo", 150),
        texto("ato_designacao", 200),
        sa.Column("data_designacao", sa.Date(), nullable=False),
        verificacoes={"participe_valido": "participe IN ('cnj','cnmp')"},
    )
    criar_tabela(
        "termo_aditivo",
        *colunas_de_versionado(),
        texto("numero", 20),
        sa.Column("data_assinatura", sa.Date(), nullable=False),
        sa.Column("nova_data_fim", sa.Date(), nullable=True),
        sa.Column("altera_plano", sa.Boolean(), nullable=False),
        texto("descricao", 2000),
        unicas=["numero"],
    )
    _criar_ligacao(
        "acao_comunicacao_meta",
        chave_estrangeira("acao_id", "acao_comunicacao", ondelete="CASCADE"),
        chave_estrangeira("meta_id", "meta"),
    )
    _criar_ligacao(
        "acao_comunicacao_uf",
        chave_estrangeira("acao_id", "acao_comunicacao", ondelete="CASCADE"),
        chave_estrangeira("uf_sigla", "uf.sigla", tipo=tipo_texto(2)),
    )
    criar_tabela(
        "item_etapa",
        *colunas_de_versionado(),
        chave_estrangeira("etapa_id", "etapa"),
        sa.Column("ordem", sa.Integer(), nullable=False),
        texto("texto", 500),
        unicas=[("etapa_id", "ordem")],
        indices=["etapa_id"],
    )
    criar_tabela(
        "publicacao",
        *colunas_de_versionado(),
        texto("tipo", 12),
        texto("numero", 30),
        texto("titulo", 300),
        sa.Column("data", sa.Date(), nullable=False),
        texto("link", 500, nulo=True),
        chave_estrangeira("anexo_id", "anexo", nulo=True),
        texto("resumo", 2000),
        verificacoes={"tipo_valido": "tipo IN ('nota_tecnica','parecer','orientacao','relatorio')"},
        unicas=[("tipo", "numero")],
        indices=["data"],
    )
    _criar_ligacao(
        "atividade_meta",
        chave_estrangeira("atividade_id", "atividade_cronograma", ondelete="CASCADE"),
        chave_estrangeira("meta_id", "meta"),
    )
    criar_tabela(
        "evidencia",
        sa.Column("id", sa.Integer(), nullable=False),
        chave_estrangeira("atividade_id", "atividade_cronograma", nulo=True, ondelete="CASCADE"),
        chave_estrangeira("obrigacao_id", "obrigacao", nulo=True),
        texto("descricao", 300),
        sa.Column("data", sa.Date(), nullable=False),
        texto("link", 500, nulo=True),
        chave_estrangeira("anexo_id", "anexo", nulo=True),
        texto("incluido_por", 254),
        verificacoes={
            "um_alvo": "(atividade_id IS NULL) <> (obrigacao_id IS NULL)",
            "link_ou_arquivo": "(link IS NOT NULL) OR (anexo_id IS NOT NULL)",
        },
        indices=["atividade_id", "obrigacao_id"],
    )
    _criar_ligacao(
        "publicacao_atividade",
        chave_estrangeira("publicacao_id", "publicacao", ondelete="CASCADE"),
        chave_estrangeira("atividade_id", "atividade_cronograma", ondelete="CASCADE"),
    )
    _criar_ligacao(
        "publicacao_meta",
        chave_estrangeira("publicacao_id", "publicacao", ondelete="CASCADE"),
        chave_estrangeira("meta_id", "meta"),
    )
    criar_tabela(
        "comentario_plano",
        sa.Column("id", sa.Integer(), nullable=False),
        texto("alvo", 10),
        sa.Column("alvo_id", sa.Integer(), nullable=False),
        texto("texto", 3000),
        chave_estrangeira("autor_id", "usuario", nulo=True),
        texto("autor_nome", 150),
        texto("autor_papel", 12),
        sa.Column("momento", sa.DateTime(timezone=True), nullable=False),
        verificacoes={
            "alvo_valido": "alvo IN ('meta','atividade','obrigacao')",
            "texto_nao_vazio": "length(texto) > 0",
        },
        indices=["momento"],
    )

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
