"""Nada em inglês na tela (issue #17, item 6): o visitante percorre na tela larga todas as páginas do
seu menu (as páginas de quem entra são percorridas no celular, em test_telas_estreitas.py, que confere
também a largura), e nenhum texto visível ou acessível —
o texto da página, `aria-label`, `title`, `placeholder`, `alt` e o `data-title` das dicas da barra do
Plotly — traz uma das palavras em inglês que o Streamlit e o Plotly põem na tela (lista `INGLES` de
tests/apoio/ingles.py,
conferida contra o que eles mostram de fato), nem “None”, “nan” ou “NaT” de uma célula vazia.

Fora da busca: trechos de código (`code`, `pre`) e o que não está na tela (elementos ocultos). As
tabelas (`st.dataframe`) são desenhadas num canvas; o Streamlit espelha as células numa tabela
acessível (`role="grid"`), que entra na busca como qualquer texto."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.apoio.ingles import RE_INGLES, abrir_expansores, textos_em_ingles

pytestmark = pytest.mark.navegador


def _abrir(aba, titulo: str) -> None:
    aba.page.get_by_test_id("stSidebarNav").get_by_role("link", name=titulo, exact=True).click()
    aba.esperar(settle_ms=600)


def _percorrer(aba, quem: str, titulos: list[str]) -> list[str]:
    achados = []
    for titulo in titulos:
        _abrir(aba, titulo)
        abrir_expansores(aba)
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
    abrir_expansores(aba)
    achados = [f"visitante → Painel público → {a}" for a in textos_em_ingles(aba.page)]
    titulos = aba.links_do_menu()
    assert titulos, "o menu do visitante não apareceu"
    achados += _percorrer(aba, "visitante", titulos)
    assert not achados, "texto em inglês na tela:\n" + "\n".join(achados)


def test_menu_do_multiselect_e_calendario_em_portugues(aba):
    """O que só aparece ao abrir um campo: o menu do multiselect (“Select all”, “Select N matches”, “No
    results”) e o calendário do campo de data (meses, dias, botões) — em português."""
    page = aba.page
    aba.entrar("admin@demo.pnat.jus.br")
    _abrir(aba, "Trilha de auditoria")
    acao = page.get_by_test_id("stMultiSelect").filter(has_text="Ação")
    acao.locator("input").click()
    expect(page.get_by_text("Selecionar tudo", exact=True)).to_be_visible(timeout=10_000)
    achados = textos_em_ingles(page)
    acao.locator("input").fill("zzzz")
    expect(page.get_by_text("Nenhum resultado", exact=True)).to_be_visible(timeout=10_000)
    achados += textos_em_ingles(page)
    aba.ir("/vigencia")
    page.get_by_text("Registrar designação").click()  # o expansor com o formulário
    campo = page.locator("[data-testid='stDateInput']:visible").first
    expect(campo.get_by_test_id("stDateInputField")).to_contain_text("DD/MM/AAAA")
    calendario = page.get_by_test_id("stDateInputCalendar")
    # com a máquina ocupada, o clique pode chegar antes de o expansor assentar e o calendário não
    # abre: clica de novo (só se ainda estiver fechado, senão o segundo clique o fecharia)
    for tentativa in range(3):
        if not calendario.is_visible():
            campo.get_by_test_id("stDateInputCalendarButton").click()
        try:
            expect(calendario).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            if tentativa == 2:
                raise
    page.wait_for_timeout(300)
    texto = calendario.inner_text()
    assert re.search(r"janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro", texto)
    assert not re.search(
        r"January|February|March|April|May|June|July|August|September|October|November|December", texto
    )
    cabecalho = [t.strip() for t in calendario.locator("thead th").all_inner_texts()]
    assert cabecalho == ["D", "S", "T", "Q", "Q", "S", "S"], cabecalho  # era S M T W T F S
    achados += textos_em_ingles(page)
    assert not achados, "texto em inglês ao abrir os campos:\n" + "\n".join(sorted(set(achados)))
