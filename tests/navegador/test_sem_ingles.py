"""Nada em inglês na tela (issue #17, item 6): o visitante percorre na tela larga todas as páginas do
seu menu (cada perfil logado faz o mesmo passeio no celular, em test_telas_estreitas.py, que confere
também a largura), e nenhum texto visível ou acessível —
o texto da página, `aria-label`, `title`, `placeholder`, `alt` e o `data-title` das dicas da barra do
Plotly — traz uma das palavras em inglês que o Streamlit e o Plotly põem na tela (lista `INGLES` de
tests/apoio/ingles.py,
conferida contra o que eles mostram de fato), nem “None”, “nan” ou “NaT” de uma célula vazia.

Fora da busca: trechos de código (`code`, `pre`) e o que não está na tela (elementos ocultos). As
tabelas (`st.dataframe`) são desenhadas num canvas; o Streamlit espelha as células numa tabela
acessível (`role="grid"`), que entra na busca como qualquer texto."""

from __future__ import annotations

import pytest

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
