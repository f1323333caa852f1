"""ui/filtros_url.py: o seletor abaixo de uma tabela selecionável começa na linha clicada, senão no
registro do link (Minhas pendências), senão no primeiro."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _escolhido():
    import streamlit as st

    from ui.filtros_url import id_da_linha_ou_da_url

    linha = {"id": st.session_state["clicada"]} if st.session_state.get("clicada") is not None else None
    st.session_state["escolhido"] = id_da_linha_ou_da_url(linha, [3, 5, 8], "registro")


def _rodar(clicada=None, **url) -> int:
    at = AppTest.from_function(_escolhido)
    at.session_state["clicada"] = clicada
    for parametro, valor in url.items():
        at.query_params[parametro] = valor
    return at.run().session_state["escolhido"]


def test_linha_clicada_vem_antes_do_link():
    assert _rodar(8, registro="5") == 8


def test_sem_clique_vale_o_link_e_sem_link_o_primeiro():
    assert _rodar(registro="5") == 5
    assert _rodar() == 3
    assert _rodar(registro="99") == 3  # um link velho (registro que não está na lista) abre no primeiro
    assert _rodar(registro="x") == 3
