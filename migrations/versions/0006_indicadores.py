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
from alembic import op

from migrations.blocos import (
    chave_estrangeira,
    colunas_de_autoria,
    colunas_de_versionado,
    criar_tabela,
    criar_tabela_filha,
    remover_tabela,
    texto,
)

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"


def upgrade() -> None:
    criar_tabela(
        "ciclo_monitoramento",
        *colunas_de_versionado(),
        texto("nome", 150),
        texto("meta_letra", 1),
        sa.Column("inicio", sa.Date(), nullable=False),
        sa.Column("fim", sa.Date(), nullable=False),
        texto("descricao", 2000),
        verificacoes={"meta_valida": "meta_letra IN ('d','e')", "inicio_ate_fim": "inicio <= fim"},
        unicas=["nome"],
    )
    criar_tabela(
        "indicador",
        *colunas_de_versionado(),
        texto("codigo", 12),
        texto("alvo", 10),
        sa.Column("ordem", sa.Integer(), nullable=False),
        sa.Column("ativo", sa.Boolean(), nullable=False),
        sa.Column("versao_atual_id", sa.Integer(), nullable=True),
        verificacoes={"alvo_valido": "alvo IN ('grupo','escritorio')"},
        unicas=["codigo"],
        indices=["alvo"],
    )
    criar_tabela(
        "periodo_coleta",
        *colunas_de_versionado(),
        texto("periodicidade", 10),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("numero", sa.Integer(), nullable=False),
        sa.Column("inicio", sa.Date(), nullable=False),
        sa.Column("fim", sa.Date(), nullable=False),
        sa.Column("abertura", sa.Date(), nullable=False),
        sa.Column("prazo", sa.Date(), nullable=False),
        sa.Column("dias_tolerancia", sa.Integer(), nullable=False),
        verificacoes={
            "periodicidade_valida": "periodicidade IN ('mensal','trimestral','semestral','anual')",
            "abertura_ate_prazo": "abertura <= prazo",
            "tolerancia_nao_negativa": "dias_tolerancia >= 0",
            "inicio_ate_fim": "inicio <= fim",
        },
        unicas=[("periodicidade", "ano", "numero")],
    )
    criar_tabela(
        "regra_validacao",
        *colunas_de_versionado(),
        texto("nome", 200),
        texto("alvo", 10),
        texto("lado_esquerdo", 300),
        texto("operador", 2),
        texto("lado_direito", 300),
        texto("severidade", 6),
        sa.Column("ativa", sa.Boolean(), nullable=False),
        verificacoes={
            "alvo_valido": "alvo IN ('grupo','escritorio')",
            "operador_valido": "operador IN ('<=','<','==','>=','>','!=')",
            "severidade_valida": "severidade IN ('erro','alerta')",
        },
    )
    criar_tabela(
        "alvo_indicador",
        *colunas_de_versionado(),
        chave_estrangeira("indicador_id", "indicador"),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("linha_de_base", sa.BigInteger(), nullable=True),
        sa.Column("meta", sa.BigInteger(), nullable=True),
        unicas=[("indicador_id", "ano")],
        indices=["indicador_id"],
    )
    criar_tabela(
        "versao_indicador",
        sa.Column("id", sa.Integer(), nullable=False),
        chave_estrangeira("indicador_id", "indicador"),
        sa.Column("numero", sa.Integer(), nullable=False),
        texto("nome", 200),
        texto("definicao", 2000),
        texto("unidade_medida", 60),
        texto("tipo", 10),
        texto("periodicidade", 10),
        texto("agregacao", 6),
        texto("meta_letra", 1),
        texto("fonte", 300),
        sa.Column("desagregacoes", sa.JSON(), nullable=False),
        sa.Column("minimo", sa.BigInteger(), nullable=True),
        sa.Column("maximo", sa.BigInteger(), nullable=True),
        texto("motivo", 500),
        sa.Column("criado_em", sa.DateTime(timezone=True), nullable=False),
        texto("criado_por", 254),
        verificacoes={
            "agregacao_valida": "agregacao IN ('soma','ultimo')",
            "meta_valida": "meta_letra IN ('a','b','c','d','e','f')",
            "periodicidade_valida": "periodicidade IN ('mensal','trimestral','semestral','anual')",
            "tipo_valido": "tipo IN ('contagem','valor','percentual','sim_nao')",
            "minimo_ate_maximo": "minimo IS NULL OR maximo IS NULL OR minimo <= maximo",
        },
        unicas=[("indicador_id", "numero")],
        indices=["indicador_id"],
    )
    criar_tabela(
        "registro_qualitativo",
        *colunas_de_versionado(),
        chave_estrangeira("grupo_id", "grupo_interinstitucional", nulo=True),
        chave_estrangeira("escritorio_id", "escritorio_social", nulo=True),
        chave_estrangeira("ciclo_id", "ciclo_monitoramento", nulo=True),
        sa.Column("data", sa.Date(), nullable=False),
        texto("metodo", 20),
        texto("equipe", 500),
        texto("achados", 6000),
        texto("recomendacoes", 6000),
        texto("status_encaminhamento", 14),
        sa.Column("prazo_encaminhamento", sa.Date(), nullable=True),
        texto("registrado_por", 254),
        verificacoes={
            "metodo_valido": "metodo IN ('entrevista','grupo_focal','visita_in_loco','analise_documental')",
            "status_encaminhamento_valido": "status_encaminhamento IN ('pendente','em_andamento','concluido','nao_aplicavel')",
            "uma_unidade": "(grupo_id IS NULL) <> (escritorio_id IS NULL)",
        },
        indices=["ciclo_id", "escritorio_id", "grupo_id"],
    )
    criar_tabela_filha(
        "anexo_registro",
        "registro_id",
        "registro_qualitativo",
        chave_estrangeira("anexo_id", "anexo"),
        unicas=["anexo_id"],
    )
    criar_tabela(
        "envio_coleta",
        *colunas_de_versionado(),
        chave_estrangeira("periodo_id", "periodo_coleta"),
        chave_estrangeira("grupo_id", "grupo_interinstitucional", nulo=True),
        chave_estrangeira("escritorio_id", "escritorio_social", nulo=True),
        texto("unidade_chave", 20),
        texto("status", 10),
        sa.Column("primeiro_envio_em", sa.DateTime(timezone=True), nullable=True),
        sa.Column("enviado_em", sa.DateTime(timezone=True), nullable=True),
        sa.Column("validado_em", sa.DateTime(timezone=True), nullable=True),
        chave_estrangeira("validado_por_id", "usuario", nulo=True),
        sa.Column("aprovado_em", sa.DateTime(timezone=True), nullable=True),
        chave_estrangeira("aprovado_por_id", "usuario", nulo=True),
        texto("comentario_revisao", 2000),
        verificacoes={
            "status_valido": "status IN ('rascunho','enviado','validado','aprovado','devolvido')",
            "uma_unidade": "(grupo_id IS NULL) <> (escritorio_id IS NULL)",
        },
        unicas=[("periodo_id", "unidade_chave")],
    )
    with op.batch_alter_table("envio_coleta", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_envio_coleta_escritorio_id"), ["escritorio_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_envio_coleta_grupo_id"), ["grupo_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_envio_coleta_periodo_id"), ["periodo_id"], unique=False)
        batch_op.create_index("ix_envio_coleta_status_periodo", ["status", "periodo_id"], unique=False)

    criar_tabela_filha(
        "evento_revisao",
        "envio_id",
        "envio_coleta",
        *colunas_de_autoria(),
        texto("acao", 10),
        texto("de_status", 10),
        texto("para_status", 10),
        texto("comentario", 2000),
        verificacoes={
            "acao_valida": "acao IN ('rascunho','enviado','retirado','validado','aprovado','devolvido','reaberto','importado')"
        },
    )
    criar_tabela_filha(
        "valor_indicador",
        "envio_id",
        "envio_coleta",
        chave_estrangeira("versao_indicador_id", "versao_indicador"),
        texto("desagregacao", 60),
        sa.Column("valor", sa.BigInteger(), nullable=True),
        sa.Column("numerador", sa.BigInteger(), nullable=True),
        sa.Column("denominador", sa.BigInteger(), nullable=True),
        texto("comentario", 1000),
        chave_estrangeira("informado_por_id", "usuario", nulo=True),
        sa.Column("informado_em", sa.DateTime(timezone=True), nullable=False),
        verificacoes={"algum_numero": "valor IS NOT NULL OR numerador IS NOT NULL OR denominador IS NOT NULL"},
        unicas=[("envio_id", "versao_indicador_id", "desagregacao")],
        indices=["versao_indicador_id"],
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
