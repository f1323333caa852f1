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

from migrations.blocos import (
    chave_estrangeira,
    colunas_de_versionado,
    colunas_do_fornecedor,
    criar_tabela,
    criar_tabela_filha,
    remover_tabela,
    texto,
    tipo_texto,
)

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"


def upgrade() -> None:
    criar_tabela(
        "cenario_indice",
        *colunas_de_versionado(),
        texto("nome", 150),
        sa.Column("ano_referencia", sa.Integer(), nullable=False),
        sa.Column("pesos", sa.JSON(), nullable=False),
        sa.Column("orcamento", sa.BigInteger(), nullable=True),
        texto("criado_por", 254),
        texto("observacoes", 2000),
        verificacoes={"ano_valido": "ano_referencia BETWEEN 2000 AND 2100"},
        unicas=["nome"],
    )
    criar_tabela(
        "contrato_publico",
        *colunas_de_versionado(),
        texto("numero", 40),
        texto("orgao_contratante", 300),
        chave_estrangeira("uf_sigla", "uf.sigla", tipo=tipo_texto(2)),
        texto("objeto", 500),
        sa.Column("valor_anual", sa.BigInteger(), nullable=False),
        sa.Column("trabalhadores", sa.Integer(), nullable=False),
        sa.Column("ppl_contratados", sa.Integer(), nullable=False),
        sa.Column("egressos_contratados", sa.Integer(), nullable=False),
        sa.Column("data_inicio", sa.Date(), nullable=False),
        sa.Column("data_fim", sa.Date(), nullable=True),
        texto("observacoes", 2000),
        verificacoes={
            "datas_coerentes": "data_fim IS NULL OR data_fim >= data_inicio",
            "quantidades_nao_negativas": "trabalhadores >= 0 AND ppl_contratados >= 0 AND egressos_contratados >= 0",
            "valor_nao_negativo": "valor_anual >= 0",
        },
        indices=["uf_sigla"],
    )
    criar_tabela(
        "proposta_funpen",
        *colunas_de_versionado(),
        texto("programa", 4),
        chave_estrangeira("uf_sigla", "uf.sigla", tipo=tipo_texto(2)),
        texto("titulo", 300),
        texto("orgao_proponente", 300),
        sa.Column("orgao_executivo_uf", sa.Boolean(), nullable=False),
        sa.Column("declaracao_metas_cnpcp", sa.Boolean(), nullable=False),
        sa.Column("data_registro", sa.Date(), nullable=True),
        sa.Column("valor_total", sa.BigInteger(), nullable=False),
        sa.Column("contrapartida", sa.BigInteger(), nullable=False),
        sa.Column("vigencia_meses", sa.Integer(), nullable=True),
        texto("coordenador", 150),
        sa.Column("flagrantes_mes", sa.Integer(), nullable=True),
        sa.Column("presos_provisorios", sa.Integer(), nullable=True),
        texto("perfil_demanda", 2000),
        sa.Column("meta_reducao_pct", sa.Integer(), nullable=True),  # Percentual: centésimos (12,5% → 1250)
        sa.Column("politica_alternativas", sa.Boolean(), nullable=False),
        sa.Column("ciap_conjunta", sa.Boolean(), nullable=False),
        texto("status", 10),
        texto("observacoes", 2000),
        verificacoes={
            "programa_valido": "programa IN ('cme','ciap')",
            "status_valido": "status IN ('rascunho','em_analise','aprovada','arquivada')",
            "valores_nao_negativos": "valor_total >= 0 AND contrapartida >= 0",
        },
        indices=["uf_sigla"],
    )
    criar_tabela_filha(
        "valor_indice_uf",
        "cenario_id",
        "cenario_indice",
        chave_estrangeira("uf_sigla", "uf.sigla", tipo=tipo_texto(2)),
        texto("criterio", 20),
        texto("valor", 40),
        texto("faixa", 200),
        texto("fonte", 200),
        verificacoes={
            "criterio_valido": "criterio IN ('presos_100mil','crescimento','territorio','populacao','servidores','pop_carceraria','pib_per_capita','idh','a','b','c','d','e','f','g','h','i','j')"
        },
        unicas=[("cenario_id", "uf_sigla", "criterio")],
    )
    criar_tabela_filha(
        "equipe_proposta",
        "proposta_id",
        "proposta_funpen",
        texto("nome", 150),
        texto("natureza", 12),
        sa.Column("remuneracao_mensal", sa.BigInteger(), nullable=False),
        verificacoes={"natureza_valida": "natureza IN ('coordenacao','tecnica','estagio')"},
    )
    criar_tabela_filha(
        "item_proposta",
        "proposta_id",
        "proposta_funpen",
        texto("descricao", 300),
        texto("categoria", 30),
        sa.Column("valor", sa.BigInteger(), nullable=False),
        verificacoes={
            "categoria_valida": "categoria IN ('estrutura_fisica','equipamentos','material_consumo','servicos_terceiros','monitoracao_eletronica','equipe_tecnica','capacitacao','taxa_administracao','consultoria_servidor','finalidade_diversa','despesa_antes_vigencia','pagamento_apos_vigencia','taxas_multas_juros','transferencia_clubes','publicidade','elaboracao_proposta','manutencao_geral','outra_vedada')"
        },
    )
    criar_tabela_filha(
        "cotacao_item",
        "item_id",
        "item_proposta",
        *colunas_do_fornecedor(),
        sa.Column("valor", sa.BigInteger(), nullable=False),
    )


def downgrade() -> None:
    remover_tabela("cotacao_item", "item_id")
    remover_tabela("item_proposta", "proposta_id")
    remover_tabela("equipe_proposta", "proposta_id")
    remover_tabela("valor_indice_uf", "cenario_id")
    remover_tabela("proposta_funpen", "uf_sigla")
    remover_tabela("contrato_publico", "uf_sigla")
    remover_tabela("cenario_indice")
