"""Conexão com o banco: motor único por URL (com os pragmas do SQLite), sessões com o autor da
ação, troca de banco no processo (`usar_url`) e a conferência do tamanho dos textos antes de
gravar. O cache dos agregados fica em `core.cache`; a versão do esquema, em `core.esquema`."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

import models  # noqa: F401 - registra todas as tabelas
from core import auditoria
from core.cache import limpar_caches_do_sistema
from core.config import limpar_config, obter_config
from core.erros import ErroValidacao, Problema


def url_atual() -> str:
    return obter_config().database_url


def _ligar_pragmas_sqlite(dbapi_conn, _registro) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=10000")
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
        kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": 10}}
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
}


def rotulo_da_coluna(nome: str) -> str:
    """`observacoes` → “observações”: o nome da coluna como aparece numa mensagem."""
    return " ".join(_ACENTOS.get(p, p) for p in nome.split("_"))


@event.listens_for(Session, "before_flush")
def _conferir_tamanhos(s: Session, _ctx, _instancias) -> None:
    """Texto maior que a coluna recusado antes do banco, com o campo e os tamanhos: o PostgreSQL
    derrubaria a gravação com um erro em inglês e o SQLite guardaria o texto inteiro. Vale para
    toda gravação pelo ORM; os serviços que validam antes (fluxos, formulários com `max_chars`)
    nunca chegam aqui com texto longo."""
    problemas = []
    for obj in (*s.new, *s.dirty):
        tabela = getattr(type(obj), "__table__", None)
        if tabela is None:
            continue
        for coluna in tabela.columns:
            limite = getattr(coluna.type, "length", None)
            if not limite:
                continue
            valor = getattr(obj, coluna.key, None)
            if isinstance(valor, str) and len(valor) > limite:
                problemas.append(
                    Problema(
                        rotulo_da_coluna(coluna.key),
                        f"tem {len(valor):,} caracteres; o máximo é {limite:,}".replace(",", "."),
                    )
                )
    if problemas:
        raise ErroValidacao(problemas)
