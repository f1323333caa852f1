"""Entrada ASGI do sistema: o Streamlit (`app.py`, o roteador das páginas) e as rotas HTTP próprias
(`web/`: cookie de sessão, verificação de saúde, dados abertos, a versão leve do painel público em
`/painel`, página 404) num só processo, servido pelo uvicorn:

    uvicorn asgi:app --host 127.0.0.1 --port 8501

O `manage.py run` o inicia assim. As rotas próprias vêm antes das do Streamlit; o middleware da
página 404 embrulha tudo."""

from __future__ import annotations

import gc
import importlib
import logging
import pkgutil
from pathlib import Path

import streamlit as st
from streamlit import config as config_do_streamlit

import comum
import core
import dominio
import models
import ui
import web
from ui import painel_publico
from web.painel_leve import PaginaLeve

LOGGERS_DO_UVICORN = ("uvicorn", "uvicorn.access", "uvicorn.error", "uvicorn.asgi")


def uma_linha_por_registro() -> None:
    """Cada pedido saía duas vezes no log: a linha de comando do uvicorn configura os seus loggers
    com os handlers dele antes de importar esta aplicação, e o Streamlit, ao ler a configuração na
    partida, acrescenta a eles o seu (`streamlit_console_handler`, com data e hora). Fica só o do
    Streamlit, o mesmo formato das outras linhas do log; sem ele (outra versão do Streamlit, ou a
    configuração ainda não lida), nada muda. Roda depois do Streamlit a cada leitura da configuração
    (`on_config_parsed` chama na ordem em que se inscreveram)."""
    for nome in LOGGERS_DO_UVICORN:
        logger = logging.getLogger(nome)
        do_streamlit = getattr(logger, "streamlit_console_handler", None)
        if do_streamlit in logger.handlers:
            for handler in [h for h in logger.handlers if h is not do_streamlit]:
                logger.removeHandler(handler)


config_do_streamlit.on_config_parsed(uma_linha_por_registro)

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
