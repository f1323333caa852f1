"""ui/comum.py: a abertura comum das páginas e o aviso de sucesso que depende do resultado da gravação."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest


def _abertura():
    import streamlit as st

    from models.usuarios import Usuario
    from ui.comum import abrir_pagina

    papel = st.session_state.get("papel")
    st.session_state["_usuario"] = Usuario(nome="Fulana", email="f@x.br", papel=papel) if papel else None
    st.session_state["_aviso"] = "Gravado antes."
    ator, hoje, pode = abrir_pagina("Título", "Legenda da página", permissao=st.session_state.get("permissao"))
    st.session_state["saida"] = (ator.papel if ator else None, hoje, pode)


def _gravacao():
    import streamlit as st

    from ui.comum import aviso_pendente, gravar_com_trava

    aviso_pendente()
    if st.button("Gravar"):
        gravar_com_trava(
            lambda: st.session_state.get("resultado"),
            chave="teste",
            formulario="teste_form",
            mensagem=lambda r: f"Gravado: {r}." if r else "Nada a dizer.",
        )


@pytest.mark.parametrize(
    ("papel", "permissao", "pode"),
    [
        ("dmf", "plano.editar", True),
        ("cnmp", "plano.editar", False),
        ("dmf", None, False),
        (None, "plano.editar", False),
    ],
)
def test_abrir_pagina_desenha_o_cabecalho_e_diz_quem_pode_gravar(monkeypatch, papel, permissao, pode):
    from core import relogio

    monkeypatch.setattr(relogio, "hoje", lambda: date(2026, 3, 9))
    at = AppTest.from_function(_abertura)
    at.session_state["papel"] = papel
    at.session_state["permissao"] = permissao
    at.run()
    assert at.title[0].value == "Título" and at.caption[0].value == "Legenda da página"
    assert at.success[0].value == "Gravado antes."  # o aviso da última gravação
    assert at.session_state["saida"] == (papel, date(2026, 3, 9), pode)


@pytest.mark.parametrize(("resultado", "aviso"), [("X-1", "Gravado: X-1."), (None, "Nada a dizer.")])
def test_gravar_com_trava_monta_o_aviso_com_o_resultado(resultado, aviso):
    at = AppTest.from_function(_gravacao)
    at.session_state["resultado"] = resultado
    at.run()
    at.button[0].click().run()
    assert [s.value for s in at.success] == [aviso]


def test_registros_em_tabela_tem_as_colunas_mesmo_vazia():
    from types import SimpleNamespace

    from ui.comum import registros_em_tabela

    colunas = {"Nome": "nome", "Início": "inicio"}
    df = registros_em_tabela([SimpleNamespace(nome="Ana", inicio=date(2026, 1, 2), extra=1)], colunas)
    assert list(df.columns) == ["Nome", "Início"] and df.iloc[0].tolist() == ["Ana", date(2026, 1, 2)]
    vazia = registros_em_tabela([], colunas)
    assert vazia.empty and list(vazia.columns) == ["Nome", "Início"]


def _escolha():
    import pandas as pd
    import streamlit as st

    from ui.comum import escolha_segue_a_tabela

    ids = st.session_state.get("ids", [1, 2, 3])
    linha = st.session_state.pop("clique", None)
    escolha_segue_a_tabela(None if linha is None else pd.Series({"id": linha}), "escolhido", ids, padrao=ids[0])
    st.session_state["saida"] = st.selectbox("Registro", ids, key="escolhido")


def test_escolha_segue_o_clique_na_tabela_e_volta_ao_padrao_fora_das_opcoes():
    at = AppTest.from_function(_escolha).run()
    assert at.session_state["saida"] == 1
    at.session_state["clique"] = 3
    at.run()
    assert at.selectbox(key="escolhido").value == 3  # o clique numa linha nova vira a escolha
    at.selectbox(key="escolhido").set_value(2).run()
    at.session_state["clique"] = 3  # a mesma linha ainda marcada na tabela não desfaz a escolha
    at.run()
    assert at.selectbox(key="escolhido").value == 2
    at.session_state["ids"] = [7, 8]  # o filtro mudou: a escolha antiga saiu das opções
    at.run()
    assert at.selectbox(key="escolhido").value == 7


def _lista():
    import pandas as pd
    import streamlit as st

    from ui.comum import tabela_para_escolher

    df = pd.DataFrame({"id": [1, 2], "Nome": ["A", "B"]})
    tabela_para_escolher(df, "teste", chave="t", contagem="contrato(s)", vazio="Nada.", editar=st.session_state["ed"])


@pytest.mark.parametrize(
    ("editar", "convite"),
    [
        (True, "2 contrato(s). Selecione uma linha para ver o detalhe e editar."),
        (False, "2 contrato(s). Selecione uma linha para ver o detalhe."),
    ],
)
def test_tabela_para_escolher_conta_e_convida(editar, convite):
    at = AppTest.from_function(_lista)
    at.session_state["ed"] = editar
    at.run()
    assert at.caption[0].value == convite and len(at.dataframe) == 1
