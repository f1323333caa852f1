"""exceções do art. 3º, V e VI, e outra documentação de preço (Portaria DEPEN 250/2015)

Revisão: 0009
Anterior: 0008
Criada em: 03/12/2026

Revisada à mão. Em `item_proposta`, quatro colunas booleanas (falso para os itens que já existem)
com as condições das exceções da Portaria 250/2015, art. 3º: V — pagamento depois da vigência
expressamente autorizado pelo Ministério da Justiça (`autorizacao_mj`) com o fato gerador na
vigência (`fato_gerador_na_vigencia`); VI — multa decorrente de atraso do repasse pelo MJ
(`multa_atraso_mj`) em prazos e percentuais de mercado (`condicoes_mercado`). Tabela nova
`documento_preco_item`: a "outra documentação que possa subsidiar análise comparativa" do art. 2º,
§ 1º, com o nome, o CNPJ e o contato do fornecedor. Funciona igual em SQLite (lote do Alembic) e
PostgreSQL; o downgrade apaga a tabela e as colunas.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from migrations.blocos import colunas_do_fornecedor, criar_tabela_filha, remover_tabela, texto

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"

COLUNAS_EXCECAO = ("autorizacao_mj", "fato_gerador_na_vigencia", "multa_atraso_mj", "condicoes_mercado")


def upgrade() -> None:
    with op.batch_alter_table("item_proposta", schema=None) as batch_op:
        for coluna in COLUNAS_EXCECAO:
            batch_op.add_column(sa.Column(coluna, sa.Boolean(), nullable=False, server_default=sa.false()))

    criar_tabela_filha(
        "documento_preco_item",
        "item_id",
        "item_proposta",
        texto("descricao", 300),
        *colunas_do_fornecedor(),
    )


def downgrade() -> None:
    remover_tabela("documento_preco_item", "item_id")
    with op.batch_alter_table("item_proposta", schema=None) as batch_op:
        for coluna in reversed(COLUNAS_EXCECAO):
            batch_op.drop_column(coluna)
