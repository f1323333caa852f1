"""Conexão com o banco: motor único por URL, sessões com o autor da ação e
verificação de que o esquema está na última migração."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine
from streamlit import cache_data

import models  # noqa: F401 - registra todas as tabelas
from core import auditoria
from core.config import RAIZ, obter_config


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

_TRAVAS_CACHE: dict[tuple, threading.Lock] = {}
_TRAVA_DAS_TRAVAS = threading.Lock()


# caches por tabela de que dependem (ver `agregado_em_cache(tabelas=...)`)
_CACHES_POR_TABELA: dict[str, list] = {}


def agregado_em_cache(funcao=None, *, tabelas: tuple[str, ...] = (), max_entries: int = 256):
    """`st.cache_data` com TTL (`TTL_CACHE`) para uma consulta agregada só de leitura cujo primeiro
    argumento é a URL do banco (o cache é do processo e sobrevive a trocas de banco), limpo quando o processo grava.

    `tabelas`: as tabelas que a consulta lê. Com elas, só uma gravação numa dessas tabelas limpa
    este cache (com um milhão de fluxos, refazer os agregados de recursos custa segundos, e
    centenas de pontos focais gravando indicadores não devem refazê-los); sem elas, qualquer
    gravação limpa.

    Chamadas simultâneas com os mesmos argumentos calculam uma vez só: a segunda espera a
    primeira e lê o cache. Sem isso, dez sessões abrindo a mesma página fria calculavam dez vezes
    o mesmo agregado, ao mesmo tempo, cada uma com o seu resultado em memória (picos de 800 MB
    no benchmark com um milhão de fluxos). Os argumentos precisam ser imutáveis (tuplas, datas)."""

    def decorar(f):
        cacheada = cache_data(ttl=TTL_CACHE, show_spinner=False, max_entries=max_entries)(f)
        for tabela in tabelas:
            _CACHES_POR_TABELA.setdefault(tabela, []).append(cacheada)
        if not tabelas:
            _CACHES_POR_TABELA.setdefault("*", []).append(cacheada)

        def chamar(*args):
            chave = (f.__module__, f.__qualname__, args)
            with _TRAVA_DAS_TRAVAS:
                if len(_TRAVAS_CACHE) > 4096:  # só chaves antigas; quem espera guarda a sua trava
                    _TRAVAS_CACHE.clear()
                trava = _TRAVAS_CACHE.setdefault(chave, threading.Lock())
            with trava:
                return cacheada(*args)

        chamar.__name__, chamar.__qualname__, chamar.__doc__ = f.__name__, f.__qualname__, f.__doc__
        chamar.__wrapped__ = f
        chamar.clear = cacheada.clear
        return chamar

    return decorar(funcao) if funcao is not None else decorar


def limpar_caches_de(tabelas) -> None:
    """Esvazia os caches que dependem de alguma das `tabelas` e os que não declararam tabelas.
    `tabelas` vazio ou None: todos (`limpar_caches`). Todo `st.cache_data` do sistema passa por
    `agregado_em_cache` (o teste `test_todo_cache_passa_pelo_decorador` confere)."""
    if not tabelas:
        limpar_caches()
        return
    alvo = set(tabelas) | {"*"}
    for tabela, lista in _CACHES_POR_TABELA.items():
        if tabela in alvo:
            for cacheada in lista:
                cacheada.clear()


@contextmanager
def usar_url(url: str) -> Iterator[str]:
    """Aponta serviços e AppTest deste processo para `url` (DATABASE_URL) e restaura ao sair."""
    from core.config import limpar_config

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


def limpar_caches_do_sistema() -> None:
    """`st.cache_data`, `st.cache_resource` e os `lru_cache` dos módulos do projeto (`core`, `comum`, `dominio`, `ui`) (menos a
    configuração, que não é cache de dados)."""
    import streamlit as st

    from core.config import obter_config

    limpar_caches()
    st.cache_resource.clear()
    for nome, modulo in list(sys.modules.items()):
        if not nome.startswith(("core.", "comum.", "dominio.", "ui.")) or modulo is None:
            continue
        for valor in list(vars(modulo).values()):
            if valor is obter_config or not callable(getattr(valor, "cache_clear", None)):
                continue
            if getattr(valor, "__module__", None) == nome:  # só os definidos no próprio módulo
                valor.cache_clear()


def limpar_caches() -> None:
    """Esvazia os caches de consulta deste processo (`st.cache_data`)."""
    cache_data.clear()


@event.listens_for(Session, "after_commit")
def _limpar_apos_gravar(s: Session) -> None:
    """Toda transação que gravou algo invalida os agregados em cache deste processo que dependem
    das tabelas gravadas (`auditoria` anota quais)."""
    tabelas = s.info.pop("alterou", None)
    if tabelas:
        limpar_caches_de(tabelas if isinstance(tabelas, (set, frozenset)) else None)


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
    from core.erros import ErroValidacao, Problema

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
