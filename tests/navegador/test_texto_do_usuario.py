"""Texto digitado é texto (issue #16, item 2), no navegador: um banco com cargas hostis (tags HTML,
<script>, imagens e links markdown, endereços javascript:, diretivas de cor do Streamlit, LaTeX) em
cada campo de texto que aparece em alguma tela; o visitante e cada perfil percorrem todas as
páginas do seu menu. Em todas: nenhum pedido sai de 127.0.0.1 (toda requisição é registrada),
nenhum script das cargas roda, nenhuma imagem, iframe ou link javascript: nasce das cargas, e a
carga aparece literalmente onde é mostrada (no painel público e no nome de quem está logado)."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from core.banco import sessao
from ferramentas.servidor_local import (
    HOSTS_LOCAIS,
    PRONTO,
)
from tests.apoio.cargas import CARGA, semear_cargas
from tests.apoio.contas import PERFIS
from tests.apoio.navegador import SENHAS_DEMO, servidor_rodando, titulos_no_menu
from tests.conftest import preparar_banco, usar_banco

pytestmark = pytest.mark.navegador

PORTA = 8651


@pytest.fixture(scope="module")
def servidor_com_cargas(chromium, tmp_path_factory):
    from tests.apoio.painel import publicar

    pasta = tmp_path_factory.mktemp("cargas")
    url_banco = f"sqlite:///{pasta / 'cargas.sqlite3'}"
    with usar_banco(url_banco):
        preparar_banco(url_banco)
        assert semear_cargas() > 40
        publicar()  # o painel público passa a mostrar títulos e metas com a carga
        with sessao() as s:
            from models.usuarios import Usuario

            nomes = {u.email: u.nome for u in s.exec(select(Usuario))}
    with servidor_rodando(url_banco, pasta / "streamlit.log", modo_demo=True, porta=PORTA) as base:
        yield base, nomes


def _esperar(page) -> None:
    page.wait_for_timeout(250)
    page.wait_for_selector(PRONTO, timeout=60_000)
    page.wait_for_timeout(500)
    page.wait_for_selector(PRONTO, timeout=60_000)


def _normalizar(texto: str) -> str:
    return re.sub(r"\s+", " ", texto)


def _conferir_pagina(page, pedidos: list[str], onde: str) -> None:
    externos = [
        u for u in pedidos if (urlparse(u).hostname or "") not in HOSTS_LOCAIS and not u.startswith(("data:", "blob:"))
    ]
    assert not externos, f"{onde}: pedidos para fora de 127.0.0.1: {externos}"
    assert page.evaluate("() => window.__xss") is None, f"{onde}: um script da carga rodou"
    nascidos = page.evaluate(
        """() => [...document.querySelectorAll(
            "[data-testid='stMain'] img, [data-testid='stSidebar'] img, iframe, script:not([src]), a[href^='javascript:']"
        )].map(e => e.outerHTML.slice(0, 200)).filter(h => h.includes('example.org') || h.includes('__xss')
            || h.startsWith('<a') || h.startsWith('<iframe'))"""
    )
    assert not nascidos, f"{onde}: elementos criados pela carga: {nascidos}"
    vermelhos = page.locator("[data-testid='stMarkdownContainer'] span[style*='color']").all_inner_texts()
    assert "z" not in [v.strip() for v in vermelhos], f"{onde}: a diretiva :red[] virou cor"
    assert page.locator("[data-testid='stMarkdownContainer'] .katex").count() == 0 or "x^2" not in _normalizar(
        " ".join(page.locator("[data-testid='stMarkdownContainer'] .katex").all_inner_texts())
    ), f"{onde}: o LaTeX da carga foi desenhado"


@pytest.mark.parametrize("perfil", list(PERFIS))
def test_cargas_aparecem_como_texto_em_todas_as_paginas(servidor_com_cargas, navegador, perfil):
    base, nomes = servidor_com_cargas
    ctx = navegador.new_context(viewport={"width": 1280, "height": 1000}, locale="pt-BR")
    ctx.set_default_timeout(30_000)
    page = ctx.new_page()
    pedidos: list[str] = []
    page.on("request", lambda r: pedidos.append(r.url))
    # nada sai da máquina mesmo se algo escapar: o pedido é registrado acima e abortado aqui
    page.route(
        "**/*",
        lambda rota: rota.continue_() if (urlparse(rota.request.url).hostname or "") in HOSTS_LOCAIS else rota.abort(),
    )
    try:
        page.goto(base + "/")
        _esperar(page)
        email = PERFIS[perfil]
        if email is None:
            _conferir_pagina(page, pedidos, "público → Painel público")
            texto = _normalizar(page.get_by_test_id("stMain").inner_text())
            assert _normalizar(CARGA) in texto, "o título da publicação com a carga aparece literalmente"
        else:
            page.get_by_test_id("stSidebarNav").get_by_role("link", name="Entrar", exact=True).click()
            _esperar(page)
            page.get_by_label("E-mail", exact=True).fill(email)
            page.get_by_label("Senha", exact=True).fill(SENHAS_DEMO[email])
            page.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Entrar").click()
            _esperar(page)
            lateral = page.get_by_test_id("stSidebar")
            expect(lateral.get_by_role("button", name="Sair")).to_be_visible(timeout=20_000)
            # o nome da pessoa (com a carga) aparece literalmente na barra lateral
            assert _normalizar(nomes[email])[:60] in _normalizar(lateral.inner_text())
        for titulo in titulos_no_menu(page):
            if titulo == "Entrar":
                continue
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=titulo, exact=True).click()
            _esperar(page)
            _conferir_pagina(page, pedidos, f"{perfil} → {titulo}")
        assert pedidos, "os pedidos da página foram registrados"
    finally:
        ctx.close()
