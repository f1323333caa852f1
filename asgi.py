"""Entrada ASGI do sistema: o Streamlit (`app.py`, o roteador das páginas) e as rotas HTTP próprias
(`web/`: cookie de sessão, verificação de saúde, dados abertos, a versão leve do painel público em
`/painel`, página 404) num só processo, servido pelo uvicorn:

    uvicorn asgi:app --host 127.0.0.1 --port 8501

O `manage.py run` o inicia assim. As rotas próprias vêm antes das do Streamlit; o middleware da
página 404 embrulha tudo."""

from __future__ import annotations

import gc
import importlib
import pkgutil
from pathlib import Path

import streamlit as st

import comum
import core
import dominio
import models
import ui
import web
from ui import painel_publico
from web.painel_leve import PaginaLeve

ROTAS = web.rotas(
    PaginaLeve(painel_publico.pagina_html, painel_publico.ARQUIVO_PLOTLY_JS, painel_publico.versao_plotly_js())
)

app = st.App(
    str(Path(__file__).resolve().parent / "app.py"),
    routes=ROTAS,
    middleware=web.middlewares(ROTAS),
    lifespan=web.ciclo_de_vida,
)


PACOTES_DAS_PAGINAS = (core, comum, models, dominio, ui)


def congelar_o_que_as_paginas_usam() -> int:
    """Carrega de uma vez os módulos que as páginas importam e tira tudo o que já existe das
    coletas de lixo futuras (`gc.freeze`); devolve quantos objetos ficaram de fora.

    O Streamlit roda `gc.collect(2)` depois de cada execução de script (para a memória das sessões
    não crescer); com pandas, Plotly e os módulos do sistema carregados, são ~230 mil objetos
    percorridos a cada vez, ~0,2 s do servidor por clique e por aba nova (docs/desempenho.md).
    Módulos, classes e funções vivem o processo inteiro: congelados, a coleta percorre só o que as
    sessões criaram depois."""
    for pacote in PACOTES_DAS_PAGINAS:
        for modulo in pkgutil.walk_packages(pacote.__path__, pacote.__name__ + "."):
            importlib.import_module(modulo.name)
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


congelar_o_que_as_paginas_usam()
