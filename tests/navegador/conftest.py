"""Fixtures dos testes de navegador: o sistema real num subprocesso do uvicorn (`asgi:app`)
(banco SQLite temporário com dados de demonstração) e o Chromium do Debian
controlado pelo Playwright, sem acesso à internet.

Sem o Chromium em /usr/bin/chromium os testes são pulados com o motivo; com
CI=true eles falham, porque o CI deve tê-lo (o .ci/run o instala).
"""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import urlparse

import pytest

from ferramentas.servidor_local import (
    CHROMIUM_ARGS,
    HOSTS_LOCAIS,
    PRONTO,
)
from tests.apoio.navegador import SENHAS_DEMO, exigir_chromium, servidor_rodando
from tests.conftest import preparar_banco, usar_banco


@pytest.fixture(scope="session")
def chromium() -> str:
    """Caminho do Chromium do Debian; pula (ou falha no CI) se ele ou o Playwright faltarem."""
    return exigir_chromium("playwright.sync_api")


@pytest.fixture(scope="session")
def servidor(chromium, tmp_path_factory) -> str:
    """Sobe `uvicorn asgi:app` (o que vai para produção) numa porta livre com um banco SQLite novo e
    devolve a URL base."""
    pasta = tmp_path_factory.mktemp("e2e")
    url_banco = f"sqlite:///{pasta / 'e2e.sqlite3'}"
    # usar_banco devolve ao processo de testes o banco da sessão (banco_demo) ao sair
    with usar_banco(url_banco):
        preparar_banco(url_banco)

    with servidor_rodando(url_banco, pasta / "streamlit.log", modo_demo=True) as base:
        yield base


@pytest.fixture(scope="module")
def navegador(chromium):
    """Um Chromium headless por módulo."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Aba:
    """Página do navegador num contexto novo e sem internet, com o que ela registrou."""

    def __init__(self, page, base: str):
        self.page = page
        self.base = base
        self.bloqueadas: list[str] = []  # requisições a hosts externos (abortadas)
        self.locais: list[str] = []  # requisições a 127.0.0.1/localhost
        self.erros_js: list[str] = []  # exceções JavaScript não tratadas
        self.pilhas_js: list[str] = []  # a pilha de cada uma, para o diagnóstico

    def ir(self, caminho: str = "/") -> None:
        self.page.goto(self.base + caminho)
        self.esperar()

    def entrar(self, email: str, *, titulo: str = "Minhas pendências") -> None:
        """Entra pela página Entrar com a conta de demonstração `email` e espera a inicial (`titulo`)."""
        from playwright.sync_api import expect  # importação tardia: sem o Playwright, o fixture pula

        page = self.page
        self.ir("/entrar")
        page.get_by_label("E-mail", exact=True).fill(email)
        page.get_by_label("Senha", exact=True).fill(SENHAS_DEMO[email])
        page.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Entrar").click()
        self.esperar()
        expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Sair")).to_be_visible(timeout=30_000)
        expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(titulo, timeout=30_000)

    def links_do_menu(self) -> list[str]:
        """Os títulos das páginas no menu lateral, na ordem."""
        return [
            t.strip()
            for t in self.page.locator(
                "[data-testid='stSidebarNav'] [data-testid='stSidebarNavLink'] [data-testid='stMarkdownContainer']"
            ).all_inner_texts()
        ]

    def esperar(self, settle_ms: int = 400) -> None:
        """Espera o script do Streamlit terminar (conectado) e dá um tempo para a tela assentar."""
        self.page.wait_for_timeout(250)  # dá tempo de o clique virar uma nova execução do script
        self.page.wait_for_selector(PRONTO, timeout=60_000)
        self.page.wait_for_timeout(settle_ms)
        self.page.wait_for_selector(PRONTO, timeout=60_000)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    setattr(item, f"_rep_{rep.when}", rep)
    return rep


@contextmanager
def _nova_aba(request, navegador, servidor: str, tmp_path, nome: str):
    ctx = navegador.new_context(
        viewport={"width": 1280, "height": 1000}, locale="pt-BR", timezone_id="America/Sao_Paulo"
    )
    ctx.set_default_timeout(30_000)
    page = ctx.new_page()
    a = Aba(page, servidor)

    def rota(route):
        host = urlparse(route.request.url).hostname or ""
        if host in HOSTS_LOCAIS or route.request.url.startswith(("data:", "blob:")):
            a.locais.append(route.request.url)
            route.continue_()
        else:
            a.bloqueadas.append(route.request.url)
            route.abort()

    page.route("**/*", rota)

    def erro_js(exc) -> None:
        a.erros_js.append(str(exc))
        a.pilhas_js.append((exc.stack or "")[:3000])

    page.on("pageerror", erro_js)
    try:
        yield a
        rep = getattr(request.node, "_rep_call", None)
        if rep is not None and rep.failed:
            captura = tmp_path / f"falha_{nome}.png"
            try:
                page.screenshot(path=str(captura))
                print(f"captura da tela na falha: {captura}")
            except Exception as exc:  # noqa: BLE001
                print(f"não foi possível capturar a tela: {exc}")
    finally:
        ctx.close()


@pytest.fixture
def aba(request, navegador, servidor, tmp_path):
    """Contexto novo (sessão nova do Streamlit) por teste; bloqueia todo host que não seja local.
    Se o teste falhar, guarda uma captura da tela e diz onde."""
    with _nova_aba(request, navegador, servidor, tmp_path, "aba") as a:
        yield a


@pytest.fixture
def outra_aba(request, navegador, servidor, tmp_path):
    """Uma segunda sessão independente (outra pessoa, ou a mesma em outro computador)."""
    with _nova_aba(request, navegador, servidor, tmp_path, "outra_aba") as a:
        yield a
