"""Conexão com o banco: motor único por URL (com os pragmas do SQLite), sessões com o autor da
ação, troca de banco no processo (`usar_url`) e a conferência do tamanho dos textos antes de
gravar. O cache dos agregados fica em `core.cache`; a versão do esquema, em `core.esquema`."""

from __future__ import annotations

import functools
import logging
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import BigInteger, Integer, SmallInteger, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

import models  # noqa: F401 - registra todas as tabelas
from core import auditoria
from core.cache import limpar_caches_do_sistema
from core.config import limpar_config, obter_config
from core.erros import BancoOcupado, ErroValidacao, Problema

log = logging.getLogger(__name__)

# espera do SQLite por uma trava de escrita antes de desistir com “database is locked” (ms)
ESPERA_SQLITE_MS = 10_000


def url_atual() -> str:
    return obter_config().database_url


def _ligar_pragmas_sqlite(dbapi_conn, _registro) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={ESPERA_SQLITE_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


_ENGINES: dict[str, Engine] = {}
_TRAVA = threading.Lock()


def obter_engine(url: str | None = None) -> Engine:
    """Um motor por URL e por processo (as sessões do Streamlit são threads)."""
    url = url or url_atual()
    with _TRAVA:
        if url not in _ENGINES:
            _ENGINES[url] = _criar_engine(url)
        return _ENGINES[url]


def _criar_engine(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        banco = u.database
        kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": ESPERA_SQLITE_MS / 1000}}
        if not banco or banco == ":memory:":
            kwargs["poolclass"] = StaticPool
        else:
            Path(banco).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _ligar_pragmas_sqlite)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    return engine


def descartar_engines() -> None:
    """Fecha os motores abertos (usado pelos testes ao trocar de banco)."""
    with _TRAVA:
        for engine in _ENGINES.values():
            engine.dispose()
        _ENGINES.clear()


@contextmanager
def sessao(ator=None, *, url: str | None = None) -> Iterator[Session]:
    """Sessão com o autor das alterações registrado para a auditoria.

    `ator` é o `Usuario` (ou None para processos do sistema, como a CLI).
    Confirma ao sair sem erro; desfaz em caso de exceção.
    """
    s = Session(obter_engine(url), expire_on_commit=False)
    auditoria.definir_ator(s, ator)
    try:
        yield s
        s.commit()
    except BaseException:
        s.rollback()
        raise
    finally:
        s.close()


# --- banco ocupado ------------------------------------------------------------------------------

# PostgreSQL: trava não obtida no prazo, falha de serialização, impasse (a transação pode ser refeita)
_SQLSTATES_OCUPADO = {"55P03", "40001", "40P01"}


def ler_em_partes(ator, consulta, tamanho: int, quadro: Callable) -> Iterator:
    """Lê `consulta` do banco aos poucos, `tamanho` linhas por vez (`yield_per`: no PostgreSQL,
    cursor no servidor), e entrega cada parte passada por `quadro` (as linhas → a tabela): para
    exportar milhões de linhas sem tê-las todas na memória. É um gerador: a sessão abre no
    primeiro `next`, então quem chama confere a permissão antes."""
    with sessao(ator) as s:
        for parte in s.exec(consulta.execution_options(yield_per=tamanho)).partitions(tamanho):
            yield quadro(parte)


def eh_banco_ocupado(exc: BaseException) -> bool:
    """O erro é o banco ocupado por outra transação (refazer mais tarde pode dar certo)?"""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(original, sqlite3.OperationalError):
        texto = str(original).lower()
        return "locked" in texto or "busy" in texto
    return getattr(original, "sqlstate", None) in _SQLSTATES_OCUPADO


def repetir_se_ocupado(tentativas: int = 3, pausa_s: float = 0.5):
    """Refaz a função inteira (que abre e fecha a própria sessão) quando o banco está ocupado,
    até `tentativas` vezes com pausas crescentes; depois levanta `BancoOcupado`, com mensagem em
    pt-BR que diz o que fazer. No SQLite cada tentativa já esperou a trava por `ESPERA_SQLITE_MS`."""

    def decorador(funcao):
        @functools.wraps(funcao)
        def envolvida(*args, **kwargs):
            for tentativa in range(1, tentativas + 1):
                try:
                    return funcao(*args, **kwargs)
                except (DBAPIError, sqlite3.OperationalError) as exc:
                    if not eh_banco_ocupado(exc):
                        raise
                    log.warning("banco ocupado em %s (tentativa %d de %d)", funcao.__qualname__, tentativa, tentativas)
                    if tentativa == tentativas:
                        raise BancoOcupado() from exc
                    time.sleep(pausa_s * tentativa * random.uniform(0.5, 1.5))
            raise AssertionError("inalcançável")

        return envolvida

    return decorador


# chave da trava consultiva do PostgreSQL que põe em fila as gravações longas (importações)
CHAVE_TRAVA_GRAVACAO_LONGA = 220_2023


def reservar_escrita(s: Session, espera_s: float | None = None) -> None:
    """Trava de escrita para uma gravação longa (importação), pedida ANTES de ler o que decide o
    que gravar: duas importações simultâneas ficam em fila — a segunda espera a primeira terminar
    e então vê o que ela gravou — em vez de uma delas quebrar no meio ou duplicar linhas.

    SQLite: `BEGIN IMMEDIATE` (a trava de escrita do arquivo), tentado de novo até `espera_s`.
    PostgreSQL: trava consultiva da transação (`pg_advisory_xact_lock`) com `lock_timeout`.
    Passado o prazo (`ESPERA_IMPORTACAO_SEGUNDOS`), `BancoOcupado`; a transação é desfeita e nada
    fica gravado pela metade."""
    if espera_s is None:
        espera_s = obter_config().espera_importacao_segundos
    conexao = s.connection()
    if conexao.dialect.name == "sqlite":
        bruta = conexao.connection.driver_connection
        if bruta.in_transaction:
            return
        limite = time.monotonic() + espera_s
        while True:
            try:
                bruta.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not eh_banco_ocupado(exc):
                    raise
                if time.monotonic() >= limite:
                    raise BancoOcupado(_MENSAGEM_FILA.format(s=round(espera_s))) from exc
                log.info("aguardando outra gravação longa terminar para começar esta")
    elif conexao.dialect.name == "postgresql":
        conexao.execute(text(f"SET LOCAL lock_timeout = '{int(espera_s * 1000)}ms'"))
        try:
            conexao.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHAVE_TRAVA_GRAVACAO_LONGA})
        except DBAPIError as exc:
            if eh_banco_ocupado(exc):
                raise BancoOcupado(_MENSAGEM_FILA.format(s=round(espera_s))) from exc
            raise
        conexao.execute(text("SET LOCAL lock_timeout = DEFAULT"))


_MENSAGEM_FILA = (
    "Outra importação ou gravação longa está em andamento e não terminou em {s} s. Nada foi gravado. "
    "Espere ela terminar e envie o arquivo de novo."
)


@contextmanager
def usar_url(url: str) -> Iterator[str]:
    """Aponta serviços e AppTest deste processo para `url` (DATABASE_URL) e restaura ao sair."""
    anterior = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    limpar_config()
    limpar_caches_do_sistema()
    try:
        yield url
    finally:
        descartar_engines()
        if anterior is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = anterior
        limpar_config()
        limpar_caches_do_sistema()


# palavras dos nomes de coluna que, sem acento, ficariam erradas na mensagem
_ACENTOS = {
    "orgao": "órgão",
    "observacoes": "observações",
    "descricao": "descrição",
    "endereco": "endereço",
    "municipio": "município",
    "definicao": "definição",
    "situacao": "situação",
    "funcao": "função",
    "instituicao": "instituição",
    "titulo": "título",
    "numero": "número",
    "codigo": "código",
    "recomendacoes": "recomendações",
    "acoes": "ações",
    "publicacao": "publicação",
    "veiculo": "veículo",
    "referencia": "referência",
    "orgaos": "órgãos",
    "responsavel": "responsável",
    "sintese": "síntese",
    "conclusao": "conclusão",
    "evidencia": "evidência",
    "comentario": "comentário",
    "periodo": "período",
    "vigencia": "vigência",
}


def rotulo_da_coluna(nome: str) -> str:
    """`observacoes` → “observações”: o nome da coluna como aparece numa mensagem."""
    return " ".join(_ACENTOS.get(p, p) for p in nome.split("_"))


def _maior_inteiro(tipo) -> int | None:
    """O maior inteiro que a coluna guarda no PostgreSQL (smallint, integer, bigint); None se não
    é coluna inteira. O SQLite guarda até 2⁶³ − 1 em qualquer uma: o limite do PostgreSQL vale
    para os dois, para o mesmo valor ser aceito ou recusado nos dois."""
    if isinstance(tipo, BigInteger):
        return 2**63 - 1
    if isinstance(tipo, SmallInteger):
        return 2**15 - 1
    if isinstance(tipo, Integer):
        return 2**31 - 1
    return None


@event.listens_for(Session, "before_flush")
def _conferir_tamanhos(s: Session, _ctx, _instancias) -> None:
    """Texto maior que a coluna e inteiro fora do que ela guarda recusados antes do banco, com o
    campo e o limite: o PostgreSQL derrubaria a gravação com um erro em inglês, e o SQLite
    guardaria o texto inteiro ou cairia com `OverflowError` num inteiro de 20 dígitos. Vale para
    toda gravação pelo ORM; os serviços que validam antes (fluxos, formulários com `max_chars`)
    nunca chegam aqui com esses valores."""
    problemas = []
    for obj in (*s.new, *s.dirty):
        tabela = getattr(type(obj), "__table__", None)
        if tabela is None:
            continue
        for coluna in tabela.columns:
            limite = getattr(coluna.type, "length", None)
            maior = _maior_inteiro(coluna.type) if not limite else None
            if not (limite or maior):
                continue
            valor = getattr(obj, coluna.key, None)
            if limite and isinstance(valor, str) and len(valor) > limite:
                problemas.append(
                    Problema(
                        rotulo_da_coluna(coluna.key),
                        f"tem {len(valor):,} caracteres; o máximo é {limite:,}".replace(",", "."),
                    )
                )
            elif maior and isinstance(valor, int) and not isinstance(valor, bool) and abs(valor) > maior:
                problemas.append(
                    Problema(
                        rotulo_da_coluna(coluna.key), f"passa do maior número aceito ({maior:,})".replace(",", ".")
                    )
                )
    if problemas:
        raise ErroValidacao(problemas)
