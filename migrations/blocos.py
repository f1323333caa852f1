"""Blocos de esquema que várias revisões repetem, com um nome cada.

As revisões são história: um banco em qualquer revisão precisa continuar subindo e descendo
exatamente como antes. Por isso estas funções ficam congeladas: mudar o que uma delas cria
muda revisões já aplicadas. Para um formato novo, escreva uma função nova.

Há colunas (`colunas_de_versionado`, `texto`, `colunas_de_autoria`, `colunas_do_fornecedor`),
tabelas com as restrições nomeadas pela convenção de `models` a partir do nome da tabela
(`criar_tabela`, `criar_tabela_filha`, `chave_estrangeira`), índices simples (`criar_indices`,
`remover_indices`, `remover_tabela`) e os resumos de `fluxo_recurso` mantidos por gatilhos
(`ResumoDeFluxos`). Cada uma escreve o mesmo DDL, byte a byte, que o código gerado pelo
autogenerate que ela substituiu.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
import sqlmodel
from alembic import op


def colunas_de_versionado() -> list[sa.Column]:
    """As colunas de todo registro editável (`models.base.Versionado`: versão da trava otimista,
    datas de criação e de alteração) seguidas da chave `id`. Objetos novos a cada chamada (uma
    coluna pertence a uma só tabela)."""
    return [
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("criado_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("atualizado_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
    ]


def criar_indices(tabela: str, *colunas: str) -> None:
    """Um índice simples por coluna, com o nome da convenção (`ix_<tabela>_<coluna>`)."""
    with op.batch_alter_table(tabela, schema=None) as batch_op:
        for coluna in colunas:
            batch_op.create_index(batch_op.f(f"ix_{tabela}_{coluna}"), [coluna], unique=False)


def remover_indices(tabela: str, *colunas: str) -> None:
    """Desfaz `criar_indices` com as mesmas colunas (na ordem inversa)."""
    with op.batch_alter_table(tabela, schema=None) as batch_op:
        for coluna in reversed(colunas):
            batch_op.drop_index(batch_op.f(f"ix_{tabela}_{coluna}"))


def remover_tabela(tabela: str, *colunas_indexadas: str) -> None:
    """Remove os índices simples das colunas indicadas (como em `criar_indices`) e a tabela."""
    if colunas_indexadas:
        remover_indices(tabela, *colunas_indexadas)
    op.drop_table(tabela)


def tipo_texto(tamanho: int) -> sqlmodel.sql.sqltypes.AutoString:
    """O tipo das colunas `str` com `max_length` dos modelos: `VARCHAR(tamanho)` (o `AutoString` do SQLModel)."""
    return sqlmodel.sql.sqltypes.AutoString(length=tamanho)


def texto(nome: str, tamanho: int, *, nulo: bool = False) -> sa.Column:
    """Uma coluna de texto com limite (`tipo_texto`), obrigatória salvo `nulo=True`."""
    return sa.Column(nome, tipo_texto(tamanho), nullable=nulo)


def colunas_de_autoria() -> list[sa.Column]:
    """Quando e por quem, num registro que só se inclui (trilha de auditoria, eventos da revisão):
    o momento, o id do usuário (sem chave estrangeira: o registro sobrevive ao usuário) e o e-mail
    dele."""
    return [
        sa.Column("momento", sa.DateTime(timezone=True), nullable=False),
        sa.Column("usuario_id", sa.Integer(), nullable=True),
        texto("usuario_email", 254),
    ]


def colunas_do_fornecedor() -> list[sa.Column]:
    """Quem forneceu um preço (cotação ou outro documento de um item de proposta do FUNPEN): nome,
    CNPJ e contato."""
    return [texto("fornecedor", 200), texto("cnpj", 14), texto("contato", 200)]


@dataclass(frozen=True)
class ChaveEstrangeira:
    """Uma coluna que aponta para outra tabela, como `criar_tabela` a recebe (ver `chave_estrangeira`)."""

    coluna: sa.Column
    alvo: str
    ondelete: str | None


def chave_estrangeira(
    nome: str,
    alvo: str,
    *,
    tipo: sa.types.TypeEngine | None = None,
    nulo: bool = False,
    ondelete: str | None = None,
) -> ChaveEstrangeira:
    """A coluna `nome` (inteira, salvo outro `tipo`; obrigatória salvo `nulo=True`) com a sua chave
    estrangeira para `alvo`: `"tabela"` aponta para o `id` dela, `"tabela.coluna"` para outra
    coluna. `criar_tabela` põe a coluna neste lugar e a restrição entre as outras, com o nome da
    convenção (`fk_<tabela>_<coluna>_<tabela alvo>`)."""
    return ChaveEstrangeira(sa.Column(nome, tipo if tipo is not None else sa.Integer(), nullable=nulo), alvo, ondelete)


def criar_tabela(
    nome: str,
    *colunas: sa.Column | ChaveEstrangeira,
    verificacoes: dict[str, str] | None = None,
    chave: tuple[str, ...] = ("id",),
    unicas: Sequence[str | tuple[str, ...]] = (),
    indices: Sequence[str] = (),
) -> None:
    """`op.create_table` com as restrições nomeadas pela convenção de `models` a partir do nome da
    tabela, na ordem em que o autogenerate as escreve: os CHECK de `verificacoes` (`ck_<tabela>_<chave
    do dicionário>`, na ordem do dicionário), as chaves estrangeiras das colunas de
    `chave_estrangeira` (`fk_…`, em ordem alfabética da coluna), a chave primária `chave`
    (`pk_<tabela>`) e os UNIQUE de `unicas` (uma coluna ou uma tupla delas: `uq_<tabela>_<colunas>`).
    Depois, os índices simples de `indices`, como em `criar_indices`."""
    estrangeiras = sorted((c for c in colunas if isinstance(c, ChaveEstrangeira)), key=lambda c: c.coluna.name)
    grupos_unicos = [(u,) if isinstance(u, str) else u for u in unicas]
    op.create_table(
        nome,
        *(c.coluna if isinstance(c, ChaveEstrangeira) else c for c in colunas),
        *(
            sa.CheckConstraint(sql, name=op.f(f"ck_{nome}_{nome_curto}"))
            for nome_curto, sql in (verificacoes or {}).items()
        ),
        *(_restricao_estrangeira(nome, e) for e in estrangeiras),
        sa.PrimaryKeyConstraint(*chave, name=op.f(f"pk_{nome}")),
        *(sa.UniqueConstraint(*grupo, name=op.f(f"uq_{nome}_{'_'.join(grupo)}")) for grupo in grupos_unicos),
    )
    if indices:
        criar_indices(nome, *indices)


def _restricao_estrangeira(tabela: str, estrangeira: ChaveEstrangeira) -> sa.ForeignKeyConstraint:
    tabela_alvo, _, coluna_alvo = estrangeira.alvo.partition(".")
    coluna = estrangeira.coluna.name
    return sa.ForeignKeyConstraint(
        [coluna],
        [f"{tabela_alvo}.{coluna_alvo or 'id'}"],
        name=op.f(f"fk_{tabela}_{coluna}_{tabela_alvo}"),
        ondelete=estrangeira.ondelete,
    )


def criar_tabela_filha(
    nome: str,
    coluna_mae: str,
    mae: str,
    *colunas: sa.Column | ChaveEstrangeira,
    verificacoes: dict[str, str] | None = None,
    unicas: Sequence[str | tuple[str, ...]] = (),
    indices: Sequence[str] = (),
) -> None:
    """Uma tabela cujos registros pertencem cada um a um registro de `mae` (itens, cotações,
    eventos, valores): a chave `id`; a coluna `coluna_mae`, obrigatória, com a chave estrangeira
    para o `id` de `mae`, apagada junto com ele (ON DELETE CASCADE); depois as `colunas`. Índice
    simples em `coluna_mae` e nas colunas de `indices`; o resto como em `criar_tabela`."""
    criar_tabela(
        nome,
        sa.Column("id", sa.Integer(), nullable=False),
        chave_estrangeira(coluna_mae, mae, ondelete="CASCADE"),
        *colunas,
        verificacoes=verificacoes,
        unicas=unicas,
        indices=[coluna_mae, *indices],
    )


_MOMENTOS_DO_RESUMO = ("inclusao", "exclusao", "alteracao")


@dataclass(frozen=True)
class ResumoDeFluxos:
    """Uma tabela que resume `fluxo_recurso` (quantidade e soma do valor por grupo), mantida por
    gatilhos do banco para que nenhum caminho de escrita a esqueça (0008 e 0014):

    - SQLite: gatilhos por linha `trg_<tabela>_{inclusao,exclusao,alteracao}` (AFTER INSERT, AFTER
      DELETE e AFTER UPDATE OF `colunas_lidas`), com UPSERT; o grupo que chega a zero fluxos é apagado.
    - PostgreSQL: a função `<tabela>_atualizar()` e os mesmos três gatilhos, por comando, com tabelas
      de transição (`novos`, `antigos`): um só INSERT … ON CONFLICT com os grupos somados, em ordem
      de chave; o gatilho de UPDATE roda em toda alteração e só grava os grupos cuja soma mudou.

    `chave`: as colunas da chave do resumo, separadas por vírgula. `valores_sqlite(r)`: os valores
    da chave na linha `r` (`NEW` ou `OLD`); `onde_sqlite(r)`: a condição que acha no resumo o grupo
    dessa linha. `selecao_pg`: a chave calculada de cada fluxo (com `AS`), lida das tabelas de
    transição."""

    tabela: str
    chave: str
    colunas_lidas: str
    valores_sqlite: Callable[[str], str]
    onde_sqlite: Callable[[str], str]
    selecao_pg: str

    @property
    def _posicoes(self) -> str:
        return ", ".join(str(i) for i in range(1, len(self.chave.split(",")) + 1))

    def preencher(self, selecao: str) -> None:
        """Soma no resumo os fluxos que já existem; `selecao`: a chave calculada de cada fluxo."""
        op.execute(
            f"INSERT INTO {self.tabela} ({self.chave}, quantidade, valor) SELECT {selecao}, count(*), sum(valor) "
            f"FROM fluxo_recurso GROUP BY {self._posicoes}"
        )

    def criar_gatilhos(self) -> None:
        """Cria os gatilhos (e, no PostgreSQL, a função) que mantêm o resumo."""
        for comando in self._postgres() if _e_postgresql() else self._sqlite():
            op.execute(comando)

    def remover_gatilhos(self) -> None:
        """Desfaz `criar_gatilhos`."""
        if _e_postgresql():
            comandos = [f"DROP TRIGGER IF EXISTS trg_{self.tabela}_{m} ON fluxo_recurso" for m in _MOMENTOS_DO_RESUMO]
            comandos.append(f"DROP FUNCTION IF EXISTS {self.tabela}_atualizar()")
        else:
            comandos = [f"DROP TRIGGER IF EXISTS trg_{self.tabela}_{m}" for m in _MOMENTOS_DO_RESUMO]
        for comando in comandos:
            op.execute(comando)

    def _somar_sqlite(self, r: str) -> str:
        return (
            f"INSERT INTO {self.tabela} ({self.chave}, quantidade, valor) VALUES ({self.valores_sqlite(r)}, 1, {r}.valor) "
            f"ON CONFLICT ({self.chave}) DO UPDATE SET quantidade = quantidade + 1, valor = valor + excluded.valor;"
        )

    def _subtrair_sqlite(self, r: str) -> str:
        onde = self.onde_sqlite(r)
        return (
            f"UPDATE {self.tabela} SET quantidade = quantidade - 1, valor = valor - {r}.valor WHERE {onde}; "
            f"DELETE FROM {self.tabela} WHERE {onde} AND quantidade = 0;"
        )

    def _sqlite(self) -> list[str]:
        gatilho = f"CREATE TRIGGER trg_{self.tabela}"
        return [
            f"{gatilho}_inclusao AFTER INSERT ON fluxo_recurso BEGIN {self._somar_sqlite('NEW')} END",
            f"{gatilho}_exclusao AFTER DELETE ON fluxo_recurso BEGIN {self._subtrair_sqlite('OLD')} END",
            f"{gatilho}_alteracao AFTER UPDATE OF {self.colunas_lidas} ON fluxo_recurso "
            f"BEGIN {self._subtrair_sqlite('OLD')} {self._somar_sqlite('NEW')} END",
        ]

    def _grupos_pg(self, transicao: str, sinal: str) -> str:
        return (
            f"SELECT {self.selecao_pg}, {sinal}count(*) AS quantidade, {sinal}sum(valor) AS valor "
            f"FROM {transicao} GROUP BY {self._posicoes}"
        )

    def _aplicar_pg(self, grupos: str) -> str:
        t, posicoes = self.tabela, self._posicoes
        return (
            f"INSERT INTO {t} ({self.chave}, quantidade, valor) "
            f"SELECT {self.chave}, sum(quantidade), sum(valor) FROM ({grupos}) AS d GROUP BY {posicoes} "
            f"HAVING sum(quantidade) <> 0 OR sum(valor) <> 0 ORDER BY {posicoes} ON CONFLICT ({self.chave}) "
            f"DO UPDATE SET quantidade = {t}.quantidade + EXCLUDED.quantidade, valor = {t}.valor + EXCLUDED.valor"
        )

    def _postgres(self) -> list[str]:
        t = self.tabela
        novos, antigos = self._grupos_pg("novos", ""), self._grupos_pg("antigos", "-")
        executar = f"FOR EACH STATEMENT EXECUTE FUNCTION {t}_atualizar()"
        return [
            f"""CREATE FUNCTION {t}_atualizar() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {self._aplicar_pg(novos)};
    ELSIF TG_OP = 'DELETE' THEN
        {self._aplicar_pg(antigos)};
        DELETE FROM {t} WHERE quantidade = 0;
    ELSE
        {self._aplicar_pg(novos + " UNION ALL " + antigos)};
        DELETE FROM {t} WHERE quantidade = 0;
    END IF;
    RETURN NULL;
END
$$""",
            f"CREATE TRIGGER trg_{t}_inclusao AFTER INSERT ON fluxo_recurso REFERENCING NEW TABLE AS novos {executar}",
            f"CREATE TRIGGER trg_{t}_exclusao AFTER DELETE ON fluxo_recurso REFERENCING OLD TABLE AS antigos {executar}",
            f"CREATE TRIGGER trg_{t}_alteracao AFTER UPDATE ON fluxo_recurso "
            f"REFERENCING OLD TABLE AS antigos NEW TABLE AS novos {executar}",
        ]


def _e_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"
