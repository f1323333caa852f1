"""Conexão com o banco: motor único por URL, sessões com o autor da ação e
verificação de que o esquema está na última migração."""
from __future__ import annotations

from contextlib import contextmanager
import threading
from pathlib import Path
from typing import Iterator

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine
from streamlit import cache_data

import models  # noqa: F401 - registra todas as tabelas
from services import auditoria
from services.config import RAIZ, obter_config


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


TTL_CACHE = 300  # segundos de vida dos agregados em `st.cache_data`; as gravações os limpam antes


def limpar_caches() -> None:
    """Esvazia os caches de consulta deste processo (`st.cache_data`)."""
    cache_data.clear()


@event.listens_for(Session, "after_commit")
def _limpar_apos_gravar(s: Session) -> None:
    """Toda transação que gravou algo invalida os agregados em cache deste processo."""
    if s.info.pop("alterou", False):
        limpar_caches()


# --- versão do esquema -------------------------------------------------------

def config_alembic(url: str | None = None):
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig(str(RAIZ / "alembic.ini"))
    cfg.set_main_option("script_location", str(RAIZ / "migrations"))
    cfg.set_main_option("sqlalchemy.url", (url or url_atual()).replace("%", "%%"))
    cfg.attributes["configurar_log"] = False
    return cfg


def revisao_head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config_alembic()).get_current_head()


def revisao_atual(url: str | None = None) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with obter_engine(url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def atualizar_esquema(url: str | None = None) -> None:
    """`alembic upgrade head` no banco indicado."""
    from alembic import command

    command.upgrade(config_alembic(url), "head")


class EsquemaDesatualizado(RuntimeError):
    pass


def verificar_esquema(url: str | None = None) -> None:
    """Confere que o banco está na última migração; senão explica o que executar.

    Um arquivo SQLite inexistente não é criado aqui (um erro de digitação na URL
    não deixa arquivos vazios para trás)."""
    u = make_url(url or url_atual())
    if u.get_backend_name() == "sqlite" and u.database not in (None, "", ":memory:") and not Path(u.database).exists():
        raise EsquemaDesatualizado(
            f"O banco de dados SQLite {u.database} não existe. Execute `python manage.py db upgrade` para criá-lo "
            "(ou confira DATABASE_URL)."
        )
    try:
        atual = revisao_atual(url)
    except Exception as exc:  # banco inacessível
        raise EsquemaDesatualizado(
            f"Não foi possível conectar ao banco de dados ({make_url(url or url_atual()).render_as_string(hide_password=True)}): {exc}"
        ) from exc
    head = revisao_head()
    if atual != head:
        situacao = "não tem nenhuma migração aplicada" if atual is None else f"está na revisão {atual}"
        raise EsquemaDesatualizado(
            f"O banco de dados {situacao}, mas o sistema espera a revisão {head}. "
            "Execute `python manage.py db upgrade` (ou `alembic upgrade head`) antes de iniciar a aplicação."
        )
