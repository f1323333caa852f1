"""Fixtures comuns: bancos de teste reais (SQLite em arquivo temporário e,
quando disponível, PostgreSQL), usuários de demonstração e caches limpos.

Sem servidor PostgreSQL os testes marcados `postgres` são pulados com o motivo;
com CI=true eles falham, porque o CI deve tê-los (o .ci/run garante o servidor).
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.apoio.contas import EMAIL_DO_PERFIL

RAIZ = Path(__file__).resolve().parent.parent
APP = str(RAIZ / "app.py")  # caminho absoluto: o AppTest do Streamlit 1.67 resolve um relativo pela pasta do teste
os.environ["MODO_DEMO"] = "true"  # os testes usam os dados de demonstração
PG_ADMIN_URL = os.environ.get("PNAT_TESTE_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def usar_banco(url: str):
    """Aponta a aplicação (serviços, AppTest) para `url` e restaura a anterior ao sair."""
    from core.banco import usar_url

    return usar_url(url)


def preparar_banco(url: str, *, demo: bool = True) -> None:
    from core.esquema import atualizar_esquema
    from demo.demonstracao import carregar_demo
    from dominio.cadastros.referencia import carregar_referencia

    atualizar_esquema(url)
    carregar_referencia()
    if demo:
        carregar_demo()


@contextmanager
def demo_em(url: str, email: str = "dmf@demo.pnat.jus.br"):
    """Aponta a aplicação para `url`, prepara o banco (migrações, referência, demonstração) e
    entrega o usuário de demonstração `email` (padrão: o da equipe do DMF)."""
    from sqlmodel import select

    from core.banco import sessao
    from models.usuarios import Usuario

    with usar_banco(url):
        preparar_banco(url)
        with sessao() as s:
            usuario = s.exec(select(Usuario).where(Usuario.email == email)).one()
        yield usuario


@pytest.fixture(scope="session", autouse=True)
def banco_demo(tmp_path_factory):
    """Banco SQLite da sessão de testes, migrado e com os dados de demonstração."""
    url = f"sqlite:///{tmp_path_factory.mktemp('banco') / 'demo.sqlite3'}"
    with usar_banco(url):
        preparar_banco(url)
        yield url


@pytest.fixture(scope="session")
def _modelo_sqlite(tmp_path_factory) -> Path:
    """Arquivo SQLite migrado, com referência e demonstração, copiado por `banco_limpo`."""
    arquivo = tmp_path_factory.mktemp("modelo") / "modelo.sqlite3"
    url = f"sqlite:///{arquivo}"
    with usar_banco(url):
        preparar_banco(url)
    return arquivo


@pytest.fixture
def banco_limpo(tmp_path, _modelo_sqlite):
    """Banco SQLite novo só para o teste (cópia do modelo: migrado, com referência e demonstração)."""
    import sqlite3

    destino = tmp_path / "teste.sqlite3"
    with sqlite3.connect(_modelo_sqlite) as origem, sqlite3.connect(destino) as copia:
        origem.backup(copia)
    url = f"sqlite:///{destino}"
    with usar_banco(url):
        yield url


@pytest.fixture
def banco_cli(_modelo_sqlite, tmp_path) -> Path:
    """Cópia própria do banco modelo (migrado, referência e demonstração) para rodar `manage.py`
    como processo (`tests.apoio.cli`)."""
    from tests.apoio.cli import copiar_banco

    return copiar_banco(_modelo_sqlite, tmp_path / "cli.sqlite3")


@pytest.fixture(autouse=True)
def _caches_limpos():
    import streamlit as st

    st.cache_data.clear()
    yield
    st.cache_data.clear()


def _pg_disponivel() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL.replace("postgresql+psycopg", "postgresql"), connect_timeout=3):
            return None
    except Exception as exc:  # noqa: BLE001
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


@pytest.fixture
def url_postgres():
    """Cria um banco PostgreSQL exclusivo para o teste e o remove ao final."""
    motivo = _pg_disponivel()
    if motivo is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL indisponível no CI: {motivo}")
        pytest.skip(f"PostgreSQL indisponível em {PG_ADMIN_URL}: {motivo}")
    import psycopg

    nome = f"pnat_teste_{uuid.uuid4().hex[:10]}"
    admin = PG_ADMIN_URL.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{nome}"')
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{nome}"
    try:
        yield url
    finally:
        from core.banco import descartar_engines

        descartar_engines()
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{nome}" WITH (FORCE)')


@pytest.fixture
def demo_usuarios(request):
    """Usuários de demonstração do banco atual, por chave: admin, dmf, cnmp, pf_grupo, pf_escritorio.

    Se o teste usa `banco_limpo`, lê-os dele (seja qual for a ordem dos argumentos)."""
    if "banco_limpo" in request.fixturenames:
        request.getfixturevalue("banco_limpo")
    from sqlmodel import select

    from core.banco import sessao
    from models.usuarios import Usuario

    with sessao() as s:
        todos = {u.email: u for u in s.exec(select(Usuario))}
    return {perfil: todos[email] for perfil, email in EMAIL_DO_PERFIL.items()}


# Os testes que sobem o sistema num servidor próprio e o visitam com o Chromium (navegador), os
# benchmarks e o teste de carga medem ou esperam o tempo de tela: rodam todos num só processo do
# pytest-xdist, um de cada vez, e por último, depois que os demais processos dividiram o resto da
# suíte. Espalhados pelos processos, dois servidores e dois Chromium disputavam os 2 núcleos com os
# outros testes, e esperas de tela passavam de 30 a 60 s (visto no CI: menu lateral desativado, um
# calendário que não abriu, página que não terminou). A marca só vale se posta antes do xdist ler
# as marcas, e só nos processos dele (PYTEST_XDIST_WORKER), que são os que coletam.
_EM_SERIE = ("navegador", "bench", "carga")


@pytest.hookimpl(tryfirst=True)  # antes do xdist, que lê as marcas xdist_group neste mesmo gancho
def pytest_collection_modifyitems(config, items):
    if not os.environ.get("PYTEST_XDIST_WORKER"):  # a coleta que vale é a dos processos do xdist
        return
    em_serie = [item for item in items if any(item.get_closest_marker(m) for m in _EM_SERIE)]
    for item in em_serie:
        item.add_marker(pytest.mark.xdist_group("em_serie"))
    # o xdist distribui na ordem da coleta: o grupo, no fim da fila, começa quando o resto já foi
    # entregue aos processos
    separados = set(em_serie)
    items[:] = [item for item in items if item not in separados] + em_serie


def pytest_make_parametrize_id(config, val, argname):
    """Bytes como parâmetro viram o nome do argumento no id do teste (o pytest numera os repetidos):
    o id padrão traz o conteúdo, e um conteúdo gerado na coleta (um XLSX tem a hora da geração)
    mudaria de um processo do pytest-xdist para outro, que então recusam a coleta por diferente."""
    if isinstance(val, bytes | bytearray):
        return argname
    return None
