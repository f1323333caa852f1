"""Nada em inglês na tela (issue #17, item 6): o visitante e cada perfil (administração, DMF, Comissão
do CNMP, pontos focais) percorrem todas as páginas do seu menu, e nenhum texto visível ou acessível —
o texto da página, `aria-label`, `title`, `placeholder`, `alt` e o `data-title` das dicas da barra do
Plotly — traz uma das palavras em inglês que o Streamlit e o Plotly põem na tela (lista `INGLES`,
conferida contra o que eles mostram de fato), nem “None”, “nan” ou “NaT” de uma célula vazia.

Fora da busca: trechos de código (`code`, `pre`) e o que não está na tela (elementos ocultos). As
tabelas (`st.dataframe`) são desenhadas num canvas; o Streamlit espelha as células numa tabela
acessível (`role="grid"`), que entra na busca como qualquer texto."""

from __future__ import annotations

import re

import pytest

from core import acesso
from demo.demonstracao import USUARIOS_DEMO
from tests.apoio.navegador import CONTAS_DEMO

pytestmark = pytest.mark.navegador


# Textos em inglês do Streamlit 1.67 e do plotly.js 3.8 (conferidos nos pacotes e na tela): botões e
# dicas da barra dos gráficos e das tabelas, o menu do multiselect, o calendário, o estado da execução
# e as células vazias. Palavras inteiras, com maiúsculas e minúsculas como aparecem.
INGLES = [
    "Select all",
    "Select",
    "matches",
    "No results",
    "No options",
    "Choose",
    "Download",
    "Zoom",
    "Pan",
    "Autoscale",
    "Reset",
    "Produced with Plotly",
    "Toggle",
    "Fullscreen",
    "Search",
    "Close",
    "Clear",
    "Press Enter",
    "Running",
    "Stop",
    "Deploy",
    "Rerun",
    "Show/hide",
    "Show password",
    "Hide password",
    "Open sidebar",
    "Main menu",
    "Skip to main content",
    "Link to heading",
    "Help for",
    "Drag and drop",
    "Browse files",
    "per file",
    "View more",
    "View less",
    "Add row",
    "Delete",
    "Copy",
    "Loading",
    "Previous month",
    "Next month",
    "Lasso",
    "Box Select",
    "None",
    "nan",
    "NaN",
    "NaT",
]
RE_INGLES = re.compile(r"(?<![\w/])(" + "|".join(re.escape(p) for p in INGLES) + r")(?![\w])")

# Tudo o que está na tela ou chega ao leitor de tela, com onde está (para a mensagem do erro)
_COLETAR = """() => {
    const fora = 'code, pre, script, style, noscript, template';
    const saida = [];
    const visivel = (el) => el && (el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null);
    const onde = (el) => {
        const t = el.closest('[data-testid]');
        return el.tagName.toLowerCase() + (t ? ' em ' + t.getAttribute('data-testid') : '');
    };
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
        const el = n.parentElement;
        const t = (n.textContent || '').trim();
        if (!t || !el || el.closest(fora)) continue;
        // células espelhadas das tabelas: na tela (canvas), embora o espelho fique fora da vista
        if (!visivel(el) && !el.closest('[role=grid]')) continue;
        saida.push({onde: onde(el), texto: t});
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [data-title]')) {
        if (el.closest(fora)) continue;
        for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'data-title']) {
            const v = el.getAttribute(a);
            if (v && v.trim()) saida.push({onde: onde(el) + ' [' + a + ']', texto: v.trim()});
        }
    }
    return saida;
}"""


def textos_em_ingles(page) -> list[str]:
    """Os textos da página com palavra da lista `INGLES`: “onde: texto”."""
    achados = []
    for item in page.evaluate(_COLETAR):
        if RE_INGLES.search(item["texto"]):
            achados.append(f"{item['onde']}: {item['texto'][:120]}")
    return sorted(set(achados))


def _abrir(aba, titulo: str) -> None:
    aba.page.get_by_test_id("stSidebarNav").get_by_role("link", name=titulo, exact=True).click()
    aba.esperar(settle_ms=600)


def _abrir_expansores(aba) -> None:
    """Abre os expansores da página (tabelas e formulários que ficam dentro deles)."""
    page = aba.page
    fechados = page.locator("[data-testid='stExpander'] details:not([open]) > summary")
    n = min(fechados.count(), 12)
    for _ in range(n):
        fechados.first.click()  # o clicado deixa de ser “fechado”: o próximo passa a ser o primeiro
    if n:
        aba.esperar(settle_ms=300)


def _percorrer(aba, quem: str, titulos: list[str]) -> list[str]:
    achados = []
    for titulo in titulos:
        _abrir(aba, titulo)
        _abrir_expansores(aba)
        achados += [f"{quem} → {titulo} → {a}" for a in textos_em_ingles(aba.page)]
    return achados


def test_lista_de_palavras_pega_o_ingles_e_deixa_o_portugues():
    """A expressão da lista casa com o que o Streamlit e o Plotly mostram e não com o português."""
    for ingles in ("Select all", "Select 3 matches", "No results", "Choose options", "None", "nan", "NaT"):
        assert RE_INGLES.search(ingles), ingles
    for ingles in ("Download plot as a PNG", "Reset axes", "Produced with Plotly.js", "Press Enter to apply"):
        assert RE_INGLES.search(ingles), ingles
    for pt in ("Selecionar tudo", "Nenhum resultado", "Baixar CSV", "Panamá", "Nenhuma", "Pesquisar", "—"):
        assert not RE_INGLES.search(pt), pt


def test_visitante_nao_ve_ingles(aba):
    aba.ir("/")
    aba.page.wait_for_timeout(800)
    _abrir_expansores(aba)
    achados = [f"visitante → Painel público → {a}" for a in textos_em_ingles(aba.page)]
    titulos = aba.links_do_menu()
    assert titulos, "o menu do visitante não apareceu"
    achados += _percorrer(aba, "visitante", titulos)
    assert not achados, "texto em inglês na tela:\n" + "\n".join(achados)


@pytest.mark.parametrize("email", CONTAS_DEMO)
def test_perfil_nao_ve_ingles_em_nenhuma_pagina(aba, email):
    aba.entrar(email)
    papel = next(u.papel for u in USUARIOS_DEMO if u.email == email)
    titulos = [t for _, t, _, _ in acesso.paginas_do_papel(papel)]
    assert aba.links_do_menu() == titulos
    achados = _percorrer(aba, email, titulos)
    assert not achados, "texto em inglês na tela:\n" + "\n".join(achados)
