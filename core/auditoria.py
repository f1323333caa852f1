"""Trilha de auditoria por eventos de sessão do SQLAlchemy.

Toda inclusão, alteração e exclusão feita pela sessão ORM gera, na mesma
transação, um `RegistroAuditoria` com autor, momento, entidade, id e os valores
antes e depois. O mecanismo é um só (eventos registrados na classe `Session`),
de modo que nenhum serviço precisa — nem consegue — deixar de auditar:

- `after_flush` grava os registros das alterações da unidade de trabalho;
- `do_orm_execute` recusa UPDATE/DELETE em lote pelo ORM, que escapariam ao
  `after_flush`;
- a própria trilha não pode ser alterada nem excluída pela aplicação.

Inclusões em massa (a importação de planilhas) usam `incluir_em_lote`, que grava
as linhas sem construir objetos ORM e escreve, em lote, os mesmos registros de
trilha que o `after_flush` escreveria.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, islice
from operator import getitem, itemgetter
from typing import Any

from sqlalchemy import JSON, event, insert, inspect, text
from sqlalchemy.orm import Session

from core.relogio import agora_utc
from models.usuarios import RegistroAuditoria, TentativaLogin

CHAVE_ATOR = "ator"
# a própria trilha e as tentativas de entrada (que um ataque multiplicaria; ver models.usuarios)
NAO_AUDITADAS = {RegistroAuditoria.__tablename__, TentativaLogin.__tablename__}
CAMPOS_SENSIVEIS = {"senha_hash", "token_hash", "codigo_hash"}  # os dois últimos: sessões de login
# Colunas do usuário que mudam a cada login (ou tentativa) e não entram em nenhum agregado em
# cache: alterá-las não esvazia os caches do processo (antes, cada login os esvaziava).
CAMPOS_DE_SESSAO = {"ultimo_acesso", "falhas_login", "bloqueado_ate", "senha_hash", "versao", "atualizado_em"}


def muda_agregados(linha: dict[str, Any]) -> bool:
    """A linha de auditoria altera algo que os agregados em cache mostram? Só o registro de
    acesso de um usuário (login, falha, bloqueio, troca de senha) não altera."""
    return not (
        linha["entidade"] == "usuario"
        and linha["acao"] == "alteracao"
        and set(linha["depois"] or ()) <= CAMPOS_DE_SESSAO
    )


class ErroAuditoria(RuntimeError):
    pass


def definir_ator(sessao: Session, ator) -> None:
    """Registra na sessão quem está agindo (um `Usuario` ou None para o sistema)."""
    if ator is None:
        sessao.info[CHAVE_ATOR] = (None, "sistema")
    else:
        sessao.info[CHAVE_ATOR] = (ator.id, ator.email)


def _valor_json(valor: Any) -> Any:
    if isinstance(valor, (bytes, bytearray, memoryview)):
        dados = bytes(valor)
        return f"<arquivo de {len(dados)} bytes, sha256 {hashlib.sha256(dados).hexdigest()[:16]}…>"
    if isinstance(valor, Decimal):
        return str(valor)
    if isinstance(valor, datetime):
        return valor.isoformat()
    if isinstance(valor, date):
        return valor.isoformat()
    if isinstance(valor, (list, tuple)):
        return [_valor_json(v) for v in valor]
    if isinstance(valor, dict):
        return {k: _valor_json(v) for k, v in valor.items()}
    return valor


def json_do_valor(valor: Any) -> str:
    """`json.dumps(valor)` do valor como a trilha o guarda (`_valor_json`), o mesmo texto, sem passar
    pelo codificador JSON nos casos comuns de uma importação (inteiro, Decimal, texto ASCII visível
    sem aspas nem barra invertida), que são os únicos em que o texto é o próprio valor entre aspas
    (ou sem elas): na trilha de 100 mil fluxos, eram 600 mil chamadas ao `json.dumps`."""
    classe = valor.__class__
    if classe is int:
        return int.__repr__(valor)
    if classe is Decimal:
        return f'"{valor}"'  # str(Decimal): algarismos, sinal, ponto, expoente, Infinity, NaN
    if classe is str and valor.isascii() and valor.isprintable() and '"' not in valor and "\\" not in valor:
        return f'"{valor}"'
    return json.dumps(_valor_json(valor))


def _mascarar(campo: str, valor: Any) -> Any:
    if campo in CAMPOS_SENSIVEIS and valor is not None:
        return "***"
    return valor


def _id_de(obj) -> str:
    """Chave primária já atribuída pelo banco (em `after_flush` a identidade dos
    objetos novos ainda não foi registrada, mas os atributos de PK já têm valor)."""
    estado = inspect(obj)
    chave = estado.mapper.primary_key_from_instance(obj)
    if any(v is None for v in chave):
        raise ErroAuditoria(f"Registro de {obj.__tablename__} sem chave primária após gravar.")
    return "/".join(str(v) for v in chave)


def _estado_atual(obj) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {attr.key: _valor_json(_mascarar(attr.key, getattr(obj, attr.key))) for attr in mapper.column_attrs}


def _diferencas(obj) -> tuple[dict[str, Any], dict[str, Any]]:
    estado = inspect(obj)
    antes: dict[str, Any] = {}
    depois: dict[str, Any] = {}
    for attr in estado.mapper.column_attrs:
        hist = estado.attrs[attr.key].history
        if not hist.has_changes():
            continue
        velho = hist.deleted[0] if hist.deleted else None
        novo = hist.added[0] if hist.added else None
        if velho == novo:
            continue
        antes[attr.key] = _valor_json(_mascarar(attr.key, velho))
        depois[attr.key] = _valor_json(_mascarar(attr.key, novo))
    coluna_versao = estado.mapper.version_id_col
    if depois and coluna_versao is not None:
        # a trava otimista incrementa a versão no próprio UPDATE, fora do histórico dos atributos
        chave = estado.mapper.get_property_by_column(coluna_versao).key
        atual = getattr(obj, chave)
        antes.setdefault(chave, atual - 1)
        depois.setdefault(chave, atual)
    return antes, depois


@event.listens_for(Session, "before_flush")
def _proteger_trilha(sessao: Session, _ctx, _instancias) -> None:
    for obj in list(sessao.dirty) + list(sessao.deleted):
        if isinstance(obj, RegistroAuditoria):
            raise ErroAuditoria("A trilha de auditoria não pode ser alterada nem excluída.")
    # marca a data de atualização dos registros versionados alterados
    agora = agora_utc()
    for obj in sessao.dirty:
        if hasattr(obj, "atualizado_em") and sessao.is_modified(obj, include_collections=False):
            obj.atualizado_em = agora


@event.listens_for(Session, "after_flush")
def _registrar(sessao: Session, _ctx) -> None:
    usuario_id, email = sessao.info.get(CHAVE_ATOR, (None, "sistema"))
    momento = agora_utc()
    linhas: list[dict[str, Any]] = []

    def linha(obj, acao, antes, depois):
        linhas.append(
            {
                "momento": momento,
                "usuario_id": usuario_id,
                "usuario_email": email,
                "entidade": obj.__tablename__,
                "entidade_id": _id_de(obj),
                "acao": acao,
                "antes": antes,
                "depois": depois,
            }
        )

    for obj in sessao.new:
        if getattr(obj, "__tablename__", None) in NAO_AUDITADAS:
            continue
        linha(obj, "inclusao", None, _estado_atual(obj))
    for obj in sessao.dirty:
        if getattr(obj, "__tablename__", None) in NAO_AUDITADAS or not sessao.is_modified(obj):
            continue
        antes, depois = _diferencas(obj)
        if depois:
            linha(obj, "alteracao", antes, depois)
    for obj in sessao.deleted:
        if getattr(obj, "__tablename__", None) in NAO_AUDITADAS:
            continue
        linha(obj, "exclusao", _estado_atual(obj), None)
    if linhas:
        sessao.connection().execute(insert(RegistroAuditoria.__table__), linhas)
        tabelas = {x["entidade"] for x in linhas if muda_agregados(x)}
        if tabelas:  # o commit limpa os caches que dependem destas tabelas (core.cache)
            sessao.info.setdefault("alterou", set()).update(tabelas)


@event.listens_for(Session, "do_orm_execute")
def _recusar_lote(estado) -> None:
    if not (estado.is_update or estado.is_delete):
        return
    mapper = estado.bind_mapper
    tabela = getattr(mapper, "local_table", None) if mapper is not None else None
    nome = getattr(tabela, "name", None)
    if nome == RegistroAuditoria.__tablename__:
        raise ErroAuditoria("A trilha de auditoria não pode ser alterada nem excluída.")
    if estado.execution_options.get("auditoria_em_lote_registrada"):
        return
    raise ErroAuditoria(
        f"Alteração em lote na tabela {nome!r} sem registro de auditoria: altere os objetos pela sessão."
    )


# --- inclusão em lote ------------------------------------------------------------------------


class _Conversao(dict):
    """`funcao(valor)` por valor, lembrada para datas e datas-hora (que se repetem muito numa
    planilha). Usada com `map(getitem, ...)`: a consulta à memória não passa pelo
    interpretador. Decimal não é lembrado: Decimal('1.0') == Decimal('1.00'), mas o JSON de
    cada um difere."""

    __slots__ = ("funcao",)

    def __init__(self, funcao):
        super().__init__()
        self.funcao = funcao

    def __missing__(self, valor):
        r = self.funcao(valor)
        if valor is None or valor.__class__ is date or valor.__class__ is datetime:
            self[valor] = r
        return r


def _pegador(chaves: list[str]):
    """Os valores de `chaves` de um dicionário, sempre numa tupla."""
    if len(chaves) == 1:
        chave = chaves[0]
        return lambda d: (d[chave],)
    return itemgetter(*chaves) if chaves else (lambda d: ())


class _Direta:
    """`funcao(valor)` com a mesma interface, lembrando só a de None (valores não hasheáveis,
    como os de colunas JSON)."""

    __slots__ = ("funcao", "nulo")

    def __init__(self, funcao):
        self.funcao = funcao
        self.nulo = funcao(None)

    def __getitem__(self, valor):
        return self.nulo if valor is None else self.funcao(valor)


def _conversao(coluna, funcao):
    try:
        lembrar = coluna.type.python_type in (date, datetime, Decimal)
    except NotImplementedError:
        lembrar = False
    return _Conversao(funcao) if lembrar else _Direta(funcao)


def incluir_em_lote(
    sessao: Session,
    modelo,
    linhas: list[dict[str, Any]],
    *,
    envolver: Callable[[Any, str], AbstractContextManager] | None = None,
) -> None:
    """Inclui `linhas` (um dicionário atributo → valor por registro, com todas as colunas do
    modelo menos a chave primária) direto no banco, sem construir objetos ORM, e grava a
    trilha de auditoria que `_registrar` gravaria se cada uma fosse incluída pela sessão: um
    registro "inclusao" por linha, com o autor da sessão (`CHAVE_ATOR`), um mesmo momento,
    a entidade, o id e, em `depois`, todos os atributos como em `_estado_atual`.

    Tudo na transação da sessão (uma falha desfaz registros e trilha juntos), com um comando
    por tabela (COPY no PostgreSQL, `executemany` no SQLite) que lê as linhas uma a uma. Os ids
    são reservados antes (da sequência no PostgreSQL; depois do maior, com a escrita travada,
    no SQLite), na ordem das linhas, e escritos em cada dicionário. A sessão fica marcada como
    alterada: os caches de consulta são limpos no commit, como em toda gravação.

    `envolver(conexao, nome_da_tabela)`: gerenciador de contexto em volta da gravação das linhas
    fora do PostgreSQL, para o domínio manter o que depende delas (ex.:
    `dominio.recursos.resumo.inclusao_em_lote`, que soma os fluxos novos ao resumo). A auditoria
    não conhece os domínios: quem inclui em lote é quem o informa."""
    if not linhas:
        return
    mapper = inspect(modelo)
    tabela = mapper.local_table
    if tabela.name in NAO_AUDITADAS:
        raise ErroAuditoria("A trilha de auditoria não é gravada em lote.")
    (pk,) = mapper.primary_key  # chave primária simples, inteira, gerada pelo banco
    chave_pk = mapper.get_property_by_column(pk).key
    atributos = [(attr.key, attr.columns[0]) for attr in mapper.column_attrs]
    faltam = {k for k, _ in atributos if k != chave_pk} - linhas[0].keys()
    if faltam:
        raise ErroAuditoria(f"Inclusão em lote em {tabela.name} sem as colunas {sorted(faltam)}.")
    conexao = sessao.connection()
    with _cache_sqlite_ampliado(conexao):
        _incluir(sessao, conexao, tabela, pk, chave_pk, atributos, linhas, envolver or nullcontext)
    sessao.info.setdefault("alterou", set()).add(tabela.name)


CACHE_SQLITE_MIN_KIB = 64 * 1024
CACHE_SQLITE_MAX_KIB = 1024 * 1024


@contextmanager
def _cache_sqlite_ampliado(conexao):
    """No SQLite, enquanto dura a inclusão, um cache de páginas nesta conexão do tamanho do banco
    (entre 64 MB e 1 GB): a inclusão percorre em pontos aleatórios os índices da tabela (a chave
    natural é um hash), e com um cache menor que eles as páginas iam e voltavam do disco — na
    base nacional (780 MB, 1 milhão de fluxos), 64 MB custavam ~80 % a mais de CPU no SQLite do
    que 1 GB (docs/desempenho.md). O cache só cresce com as páginas lidas; no fim volta ao
    tamanho de antes, o que devolve a memória."""
    if conexao.dialect.name != "sqlite":
        yield
        return
    bruta = conexao.connection.driver_connection
    antes = bruta.execute("PRAGMA cache_size").fetchone()[0]
    paginas = bruta.execute("PRAGMA page_count").fetchone()[0]
    tamanho = bruta.execute("PRAGMA page_size").fetchone()[0]
    kib = min(CACHE_SQLITE_MAX_KIB, max(CACHE_SQLITE_MIN_KIB, paginas * tamanho // 1024 * 11 // 10))
    bruta.execute(f"PRAGMA cache_size={-int(kib)}")
    try:
        yield
    finally:
        bruta.execute(f"PRAGMA cache_size={int(antes)}")


def _incluir(
    sessao: Session, conexao, tabela, pk, chave_pk: str, atributos: list, linhas: list[dict], envolver: Callable
) -> None:
    for linha, ident in zip(linhas, _reservar_ids(conexao, tabela, pk, len(linhas))):
        linha[chave_pk] = ident
    nomes, converter_linha = _conversor(conexao, [(c, k) for k, c in atributos])

    # a trilha: `depois` como em `_estado_atual` (mesma ordem dos atributos, mesmos valores JSON),
    # já como o texto que o serializador JSON da coluna daria (`json.dumps`), montado coluna a
    # coluna: cada par "atributo": valor é serializado uma vez por valor repetido (`_Fragmento`)
    fragmentos = [_Fragmento(k) for k, _ in atributos]
    pegar = _pegador([k for k, _ in atributos])
    usuario_id, email = sessao.info.get(CHAVE_ATOR, (None, "sistema"))
    comum = {
        "momento": agora_utc(),
        "usuario_id": usuario_id,
        "usuario_email": email,
        "entidade": str(tabela.name),
        "acao": "inclusao",
        "antes": None,
    }
    registros = RegistroAuditoria.__table__
    nomes_trilha, converter_trilha = _conversor(
        conexao, [(c, c.key) for c in registros.columns if c is not registros.c.id and c is not registros.c.depois]
    )
    nomes_trilha.append(registros.c.depois.name)
    valores_comuns = converter_trilha({**comum, "entidade_id": ""})
    i_entidade_id = nomes_trilha.index(registros.c.entidade_id.name)
    antes_id, depois_id = valores_comuns[:i_entidade_id], valores_comuns[i_entidade_id + 1 :]
    juntar = ", ".join

    def registro(linha: dict) -> tuple:
        depois = "{" + juntar(map(getitem, fragmentos, pegar(linha))) + "}"
        return (*antes_id, str(linha[chave_pk]), *depois_id, depois)

    if conexao.dialect.name != "postgresql":
        with envolver(conexao, tabela.name):
            _escrever(conexao, tabela, nomes, map(converter_linha, linhas))
        _escrever(conexao, registros, nomes_trilha, map(registro, linhas))
        return
    # no PostgreSQL o servidor grava numa CPU e o Python prepara na outra: a trilha de cada linha
    # é montada (JSON inclusive) enquanto o servidor grava os fluxos, e depois só enviada
    trilha: list[tuple] = []

    def linhas_e_trilha():
        for linha in linhas:
            yield converter_linha(linha)
            trilha.append(registro(linha))

    _escrever(conexao, tabela, nomes, linhas_e_trilha())
    _escrever(conexao, registros, nomes_trilha, trilha)


class _Fragmento(dict):
    """O trecho `"atributo": valor` do JSON de `depois` por valor do atributo, como `json.dumps`
    o escreveria (separadores ", " e ": ", ASCII), com o valor de `_valor_json` (mascarado se
    sensível). Textos, datas, datas-hora e None são lembrados (repetem-se muito numa planilha);
    Decimal não (Decimal('1.0') == Decimal('1.00'), mas o JSON de cada um difere), nem números
    (1 == 1.0 == True)."""

    __slots__ = ("campo", "prefixo")

    def __init__(self, campo: str):
        super().__init__()
        self.campo = campo
        self.prefixo = json.dumps(campo) + ": "

    def __missing__(self, valor):
        r = self.prefixo + json_do_valor(_mascarar(self.campo, valor))
        classe = valor.__class__
        if valor is None or classe is str or classe is date or classe is datetime:
            self[valor] = r
        return r


def _q(conexao, nome: str) -> str:
    return conexao.dialect.identifier_preparer.quote(nome)


def _reservar_ids(conexao, tabela, pk, n: int) -> list[int]:
    """`n` ids novos, em ordem crescente, que nenhuma outra transação usará."""
    nome = conexao.dialect.name
    if nome == "postgresql":
        ids = (
            conexao.execute(
                text("SELECT nextval(pg_get_serial_sequence(:t, :c)) FROM generate_series(1, :n)"),
                {"t": tabela.fullname, "c": pk.name, "n": n},
            )
            .scalars()
            .all()
        )
        return sorted(ids)
    if nome == "sqlite":
        bruta = conexao.connection.driver_connection
        if not bruta.in_transaction:
            bruta.execute("BEGIN IMMEDIATE")  # trava a escrita: o maior id não muda até o commit
        maior = conexao.exec_driver_sql(f"SELECT max({_q(conexao, pk.name)}) FROM {_q(conexao, tabela.name)}").scalar()
        return list(range((maior or 0) + 1, (maior or 0) + 1 + n))
    raise ErroAuditoria(f"Inclusão em lote não implementada para o banco {nome}.")


def _conversor(conexao, colunas: list[tuple[Any, str]]):
    """Para gravar dicionários nas `colunas` (coluna, chave no dicionário): os nomes das colunas
    na ordem dos valores e a função que dá os valores de um dicionário, cada um convertido pelo
    tipo da coluna como o SQLAlchemy o converteria (centavos, datas do SQLite, UTC, JSON); cada
    data ou data-hora repetida é convertida uma vez só."""
    dialeto = conexao.dialect
    simples, processadas = [], []
    for c, k in colunas:
        proc = c.type.dialect_impl(dialeto).bind_processor(dialeto)
        if proc is not None and dialeto.name == "postgresql" and isinstance(c.type, JSON):
            proc = _json_em_texto(conexao, proc)
        (processadas if proc else simples).append((c, k, proc))
    pegar = _pegador([k for _, k, _ in simples])
    pegar_proc = _pegador([k for _, k, _ in processadas])
    conversoes = [_conversao(c, proc) for c, _, proc in processadas]

    def converter(d: dict) -> tuple:
        return pegar(d) + tuple(map(getitem, conversoes, pegar_proc(d)))

    return [c.name for c, _, _ in simples + processadas], converter


def _json_em_texto(conexao, proc):
    """No PostgreSQL o SQLAlchemy entrega o JSON embrulhado (`Json`) para o psycopg serializar
    só na hora de enviar; aqui ele é serializado já (pelo mesmo psycopg), para que isso aconteça
    enquanto o banco grava a tabela anterior e não depois."""
    from psycopg.adapt import PyFormat  # importação tardia: o psycopg só é carregado com banco PostgreSQL

    bruta = conexao.connection.driver_connection
    serializar = {}

    def texto(valor):
        embrulhado = proc(valor)
        if embrulhado is None or isinstance(embrulhado, str):
            return embrulhado
        tipo = type(embrulhado)
        if tipo not in serializar:
            serializar[tipo] = bruta.adapters.get_dumper(tipo, PyFormat.TEXT)(tipo, bruta).dump
        return bytes(serializar[tipo](embrulhado)).decode()

    return texto


LINHAS_POR_INSERT_SQLITE = 500


def _escrever(conexao, tabela, nomes: list[str], valores: Iterable[tuple]) -> None:
    """Grava as tuplas `valores` (lidas uma a uma): COPY no PostgreSQL (o servidor grava enquanto
    as seguintes são preparadas); no SQLite, `INSERT` de várias linhas por comando
    (`_inserir_em_blocos`)."""
    colunas = ", ".join(_q(conexao, n) for n in nomes)
    tabela_q = _q(conexao, tabela.name)
    bruta = conexao.connection.driver_connection
    if conexao.dialect.name == "postgresql":
        with bruta.cursor() as cur, cur.copy(f"COPY {tabela_q} ({colunas}) FROM STDIN") as copia:
            for v in valores:
                copia.write_row(v)
    else:
        _inserir_em_blocos(bruta, f"INSERT INTO {tabela_q} ({colunas}) VALUES ", len(nomes), valores)


def _inserir_em_blocos(bruta, inicio: str, largura: int, valores: Iterable[tuple]) -> None:
    """SQLite: um `INSERT … VALUES (…), (…), …` por bloco de até `LINHAS_POR_INSERT_SQLITE`
    linhas (dentro do limite de parâmetros da conexão), em vez de um comando por linha. Numa tabela
    com gatilho (a trilha tem o que recusa substituição), o SQLite guarda a cada comando a cópia das
    páginas que ele altera, para poder desfazer só aquele comando; com um comando por linha, cada
    página de índice era copiada de novo a cada linha (na trilha da base nacional: 118 → 54 µs por
    linha, docs/desempenho.md)."""
    limite = bruta.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    por_bloco = max(1, min(LINHAS_POR_INSERT_SQLITE, limite // largura))
    uma = "(" + ", ".join("?" * largura) + ")"
    cheio = inicio + ", ".join([uma] * por_bloco)
    it = iter(valores)
    while bloco := list(islice(it, por_bloco)):
        comando = cheio if len(bloco) == por_bloco else inicio + ", ".join([uma] * len(bloco))
        bruta.execute(comando, list(chain.from_iterable(bloco)))
