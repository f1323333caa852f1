"""fundacao: territorio, unidades, usuarios, auditoria, plano

Revisão: 0001
Anterior:
Criada em: 24/11/2026
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from migrations.blocos import (
    chave_estrangeira,
    colunas_de_autoria,
    colunas_de_versionado,
    criar_tabela,
    remover_tabela,
    texto,
    tipo_texto,
)

revision: str = "0001"
down_revision: str | Sequence[str] | None = None


def upgrade() -> None:
    # revisada à mão: nomes de restrição da convenção, sem ENUM nativo
    criar_tabela(
        "atividade_cronograma",
        *colunas_de_versionado(),
        sa.Column("ordem", sa.Integer(), nullable=False),
        texto("nome", 300),
        unicas=["ordem"],
    )
    criar_tabela(
        "meta",
        *colunas_de_versionado(),
        texto("letra", 1),
        texto("texto", 1000),
        verificacoes={"letra_valida": "letra IN ('a','b','c','d','e','f')"},
        unicas=["letra"],
    )
    criar_tabela(
        "parametro",
        texto("chave", 60),
        texto("valor", 2000),
        chave=("chave",),
    )
    criar_tabela(
        "registro_auditoria",
        sa.Column("id", sa.Integer(), nullable=False),
        *colunas_de_autoria(),
        texto("entidade", 60),
        texto("entidade_id", 60),
        texto("acao", 10),
        sa.Column("antes", sa.JSON(), nullable=True),
        sa.Column("depois", sa.JSON(), nullable=True),
        verificacoes={"acao_valida": "acao IN ('inclusao','alteracao','exclusao')"},
    )
    with op.batch_alter_table("registro_auditoria", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registro_auditoria_entidade"), ["entidade"], unique=False)
        batch_op.create_index("ix_registro_auditoria_entidade_id", ["entidade", "entidade_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_registro_auditoria_momento"), ["momento"], unique=False)
        batch_op.create_index(batch_op.f("ix_registro_auditoria_usuario_id"), ["usuario_id"], unique=False)

    criar_tabela(
        "uf",
        texto("sigla", 2),
        sa.Column("codigo_ibge", sa.Integer(), nullable=False),
        texto("nome", 60),
        texto("regiao", 12),
        texto("capital", 60),
        verificacoes={
            "regiao_valida": "regiao IN ('Norte','Nordeste','Centro-Oeste','Sudeste','Sul')",
            "sigla_2_letras": "length(sigla) = 2",
        },
        chave=("sigla",),
        unicas=["codigo_ibge"],
    )
    criar_tabela(
        "grupo_interinstitucional",
        *colunas_de_versionado(),
        chave_estrangeira("uf_sigla", "uf.sigla", tipo=tipo_texto(2)),
        texto("ato_criacao", 200),
        sa.Column("data_criacao", sa.Date(), nullable=True),
        texto("status", 20),
        sa.Column("instituicoes_membro", sa.JSON(), nullable=False),
        texto("contato_pontos_focais", 500),
        texto("observacoes", 2000),
        verificacoes={"status_valido": "status IN ('em_articulacao','constituido','em_funcionamento','inativo')"},
        unicas=["uf_sigla"],
    )
    criar_tabela(
        "municipio",
        sa.Column("codigo_ibge", sa.Integer(), autoincrement=False, nullable=False),
        texto("nome", 80),
        chave_estrangeira("uf_sigla", "uf.sigla", tipo=tipo_texto(2)),
        sa.Column("incluido_manualmente", sa.Boolean(), nullable=False),
        verificacoes={"codigo_7_digitos": "codigo_ibge BETWEEN 1000000 AND 9999999"},
        chave=("codigo_ibge",),
        indices=["nome", "uf_sigla"],
    )
    criar_tabela(
        "escritorio_social",
        *colunas_de_versionado(),
        texto("nome", 150),
        chave_estrangeira("municipio_codigo", "municipio.codigo_ibge"),
        texto("orgao_gestor", 200),
        texto("tipo_gestao", 12),
        texto("termo_cooperacao", 200),
        sa.Column("data_termo", sa.Date(), nullable=True),
        sa.Column("data_inauguracao", sa.Date(), nullable=True),
        texto("status", 20),
        texto("observacoes", 2000),
        verificacoes={
            "status_valido": "status IN ('em_implantacao','em_funcionamento','suspenso','encerrado')",
            "tipo_gestao_valido": "tipo_gestao IN ('estadual','municipal','consorcio','osc')",
        },
        indices=["municipio_codigo"],
    )
    criar_tabela(
        "fundo_municipal",
        *colunas_de_versionado(),
        texto("nome", 200),
        chave_estrangeira("municipio_codigo", "municipio.codigo_ibge"),
        texto("lei_numero", 40),
        sa.Column("lei_data", sa.Date(), nullable=False),
        texto("cnpj", 14, nulo=True),
        texto("conselho_gestor", 300),
        texto("status", 20),
        texto("observacoes", 2000),
        verificacoes={
            "status_valido": "status IN ('criado','regulamentado','em_operacao','inativo')",
            "cnpj_14_digitos": "cnpj IS NULL OR length(cnpj) = 14",
        },
        unicas=["cnpj", "municipio_codigo"],
    )
    criar_tabela(
        "usuario",
        *colunas_de_versionado(),
        texto("nome", 150),
        texto("email", 254),
        texto("papel", 12),
        chave_estrangeira("grupo_id", "grupo_interinstitucional", nulo=True),
        chave_estrangeira("escritorio_id", "escritorio_social", nulo=True),
        sa.Column("ativo", sa.Boolean(), nullable=False),
        texto("senha_hash", 200, nulo=True),
        sa.Column("falhas_login", sa.Integer(), nullable=False),
        sa.Column("bloqueado_ate", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ultimo_acesso", sa.DateTime(timezone=True), nullable=True),
        verificacoes={
            "escopo_coerente": "(papel = 'ponto_focal' AND ((grupo_id IS NULL) <> (escritorio_id IS NULL))) OR (papel <> 'ponto_focal' AND grupo_id IS NULL AND escritorio_id IS NULL)",
            "papel_valido": "papel IN ('admin','dmf','cnmp','ponto_focal')",
        },
        unicas=["email"],
        indices=["escritorio_id", "grupo_id"],
    )


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
