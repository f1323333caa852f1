"""Filtros guardados na URL (`st.query_params`): recarregar a página, guardá-la nos favoritos ou
mandar o link a alguém abre a mesma lista, com os mesmos filtros (`/fundos?uf=PR&uf=SC`)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from comum.textos import somente_algarismos


def lista_da_url(parametro: str, chave: str, opcoes: Sequence[str]) -> None:
    """Antes de desenhar o widget `chave`: se ele ainda não tem valor nesta aba e a URL traz
    `parametro`, começa com os valores da URL que são opções válidas (o resto é ignorado)."""
    if chave not in st.session_state and parametro in st.query_params:
        validas = set(opcoes)
        st.session_state[chave] = [v for v in st.query_params.get_all(parametro) if v in validas]


def lista_na_url(parametro: str, valores: Sequence[str]) -> None:
    """Depois do widget: a URL passa a trazer os valores escolhidos (ou nada, sem escolha)."""
    if valores:
        if st.query_params.get_all(parametro) != list(valores):
            st.query_params[parametro] = list(valores)
    elif parametro in st.query_params:
        del st.query_params[parametro]


def valor_da_url(parametro: str, opcoes: Sequence, converter=str):
    """O valor de `parametro` na URL, convertido por `converter`, se for uma das `opcoes`; senão None
    (um link velho ou digitado errado abre a página como sem ele)."""
    bruto = st.query_params.get(parametro)
    if bruto is None:
        return None
    try:
        valor = converter(bruto)
    except ValueError:
        return None
    return valor if valor in opcoes else None


def id_da_linha_ou_da_url(linha, ids: Sequence[int], parametro: str) -> int:
    """O id que o seletor abaixo de uma tabela selecionável mostra: o da linha clicada (`linha`, de
    `tabela_exportavel`), senão o que a URL traz em `parametro` (o link de Minhas pendências), senão
    o primeiro de `ids`."""
    if linha is not None and int(linha["id"]) in ids:
        return int(linha["id"])
    da_url = valor_da_url(parametro, ids, int)
    return da_url if da_url is not None else ids[0]


def indice_da_url(parametro: str, opcoes: Sequence[int], lembrado: int | None = None) -> int:
    """Posição, em `opcoes` (ids), do id que a URL traz em `parametro`; sem ele na URL, a do
    `lembrado` (a última escolha nesta sessão, ao voltar à página pelo menu, que não leva a URL);
    0 se nenhum dos dois é opção.

    Para um `st.selectbox` com chave: vai como `index=`, o valor inicial numa aba nova (um link,
    um favorito, a página recarregada) e também o valor a que o Streamlit volta quando o rótulo
    escolhido deixa de existir (o rótulo traz a situação do envio, que muda ao gravar): sem isso,
    a escolha pularia para a primeira opção."""
    texto = st.query_params.get(parametro, "")
    escolhido = int(texto) if somente_algarismos(texto) else lembrado
    return list(opcoes).index(escolhido) if escolhido in opcoes else 0


def id_na_url(parametro: str, valor: int | None) -> None:
    """Depois do widget: a URL passa a trazer o id escolhido (ou nada, sem escolha)."""
    if valor is None:
        if parametro in st.query_params:
            del st.query_params[parametro]
    elif st.query_params.get(parametro) != str(valor):
        st.query_params[parametro] = str(valor)
