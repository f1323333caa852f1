"""índices de cobertura dos agregados de recursos, da prestação de contas e do mapeamento

Revisão: 0007
Anterior: 0006
Criada em: 25/11/2026

Revisada à mão: só índices de fluxo_recurso; nada muda nos dados. Saem os de uma coluna só
(origem, etapa, prazo), cobertos pelos compostos. Os dois índices compostos
de 0004 (data × origem; UF × data) passam a cobrir as colunas que as somas leem (origem, UF,
etapa, data de destinação, valor): o SQLite e o PostgreSQL respondem só pelo índice, sem ir à
tabela. Com um milhão de fluxos no SQLite: soma por UF de 2,5 s para 0,17 s; por etapa no
período, de 2,4 s para 0,35 s; por mês, de 3,0 s para 0,7 s; agregado público de 3,4 s para
1,0 s. Mais: (status_prestacao, prazo_prestacao, valor):
a página Prestação de contas conta e pagina no banco pela situação (status pendente com prazo
vencido, a vencer…) em ordem de prazo; com um milhão de fluxos, a primeira página caiu de
0,27 s para menos de 1 ms no SQLite. (data_destinacao): o mapeamento de recursos potenciais
soma o destinado num ano; de 2,6 s para 0,6 s. (destino, origem, UF, ids e nome do destino,
data, etapa, valor): o Sankey soma por destino só no índice; de 2,6 s para 0,2 s. Medidos na base de `manage.py demo escala`.
O downgrade volta aos índices de 0004.
"""

from collections.abc import Iterable, Sequence

from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"


# na ordem do upgrade (o downgrade desfaz na ordem inversa): nome do índice → colunas, separadas por espaço
SAEM = {
    # índices de uma coluna que os compostos abaixo tornam inúteis (e que o SQLite preferia, para
    # agrupar, a ler a tabela em sequência: o Sankey levava 2× mais); cada um a menos acelera a
    # importação
    "ix_fluxo_recurso_tipo_origem": "tipo_origem",
    "ix_fluxo_recurso_etapa": "etapa",
    "ix_fluxo_recurso_prazo_prestacao": "prazo_prestacao",
    # os compostos de 0004, que os de agregados cobrem
    "ix_fluxo_recurso_data_ref_tipo": "data_referencia tipo_origem",
    "ix_fluxo_recurso_uf_data_ref": "uf_origem data_referencia",
}
ENTRAM = {
    "ix_fluxo_recurso_data_agregados": "data_referencia tipo_origem uf_origem etapa valor",
    "ix_fluxo_recurso_uf_agregados": "uf_origem data_referencia tipo_origem etapa data_destinacao valor",
    "ix_fluxo_recurso_prestacao": "status_prestacao prazo_prestacao valor",
    "ix_fluxo_recurso_data_destinacao": "data_destinacao",
    "ix_fluxo_recurso_destinos": (
        "destino_tipo tipo_origem uf_origem fundo_id escritorio_id destino_nome data_referencia etapa valor"
    ),
}


def _criar(indices: Iterable[tuple[str, str]]) -> None:
    for nome, colunas in indices:
        op.create_index(nome, "fluxo_recurso", colunas.split(), unique=False)


def _remover(nomes: Iterable[str]) -> None:
    for nome in nomes:
        op.drop_index(nome, table_name="fluxo_recurso")


def upgrade() -> None:
    _remover(SAEM)
    _criar(ENTRAM.items())


def downgrade() -> None:
    _remover(reversed(ENTRAM))
    _criar(reversed(SAEM.items()))
