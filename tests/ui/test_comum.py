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
