"""Abrir o sistema pelo `app.py` no AppTest, como cada perfil, e conferir que nada falhou."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apoio.banco import contar
from tests.conftest import APP

# estado de um `st.dataframe` com seleção (on_select) que escolhe a primeira linha
SEL0 = {"selection": {"rows": [0], "columns": [], "cells": []}}


def abrir(usuario=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if usuario is not None:
        at.session_state["usuario_id"] = usuario.id
    return at.run()


def da_pagina(lista) -> list:
    """Os widgets de `lista` (ex.: `at.text_input`, `at.button`) desenhados pela página, sem os da
    barra lateral comuns a toda página de quem entrou (a busca e o “Sair”)."""
    return [w for w in lista if w.key != "sair" and "busca_lateral" not in (w.form_id or "")]


def sem_excecao(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def prefixo(at: AppTest, base: str) -> str:
    """Prefixo atual das chaves do formulário `base` (a geração muda a cada gravação ou
    recarga: ver ui.comum.prefixo_formulario)."""
    chave = f"_geracao_{base}"
    geracao = at.session_state[chave] if chave in at.session_state else 0
    return base if geracao == 0 else f"{base}~{geracao}"


def por_rotulo(lista, rotulo: str, indice: int = 0):
    """O `indice`-ésimo widget de `lista` (ex.: `at.button`) com o rótulo dado."""
    return [w for w in lista if w.label == rotulo][indice]


def botao(at: AppTest, rotulo: str, form: str | None = None):
    """O botão com o rótulo dado; com `form`, só entre os do formulário cuja chave contém `form`."""
    return next(b for b in at.button if b.label == rotulo and (form is None or form in (b.form_id or "")))


def erros(at: AppTest) -> str:
    """As mensagens de erro da tela, numa só linha."""
    return " ".join(e.value for e in at.error)


def recusado(at: AppTest, *trechos: str) -> str:
    """O formulário foi recusado: os erros da tela dizem que nada foi gravado e citam cada um dos
    `trechos`. Devolve o texto dos erros."""
    erro = erros(at)
    assert "Nada foi gravado" in erro, erro
    for trecho in trechos:
        assert trecho in erro, (trecho, erro)
    return erro


def clicar(at: AppTest, rotulo: str, form: str | None = None) -> AppTest:
    """Clica no botão (ver `botao`), roda a página de novo e confere que nada falhou."""
    botao(at, rotulo, form).click().run()
    sem_excecao(at)
    return at


def recusa_sem_gravar(at: AppTest, rotulo: str, modelo, *trechos: str, form: str | None = None) -> str:
    """Clica no botão `rotulo` (ver `clicar`): o formulário é recusado citando cada um dos `trechos`
    (ver `recusado`) e nenhuma linha de `modelo` é gravada. Devolve o texto dos erros."""
    antes = contar(modelo)
    clicar(at, rotulo, form)
    erro = recusado(at, *trechos)
    assert contar(modelo) == antes, f"a recusa gravou em {modelo.__name__}"
    return erro


def grava_um(at: AppTest, rotulo: str, modelo, sucesso: str, form: str | None = None) -> AppTest:
    """Clica no botão `rotulo` (ver `clicar`): a tela confirma com `sucesso` e uma linha de `modelo` é gravada."""
    antes = contar(modelo)
    clicar(at, rotulo, form)
    assert any(sucesso in s.value for s in at.success), [s.value for s in at.success]
    assert contar(modelo) == antes + 1, f"{modelo.__name__}: esperava uma linha a mais"
    return at


def selecionar_primeira(at: AppTest, chave: str) -> AppTest:
    """Seleciona a primeira linha da tabela `chave`, roda a página de novo e confere que nada falhou."""
    at.session_state[chave] = SEL0
    at.run()
    sem_excecao(at)
    return at


def ir_para_visao_geral(at: AppTest) -> AppTest:
    """Troca para a Visão geral, roda a página e confere que nada falhou."""
    at.switch_page("paginas/visao_geral.py").run()
    sem_excecao(at)
    return at
