"""Entrada ASGI do sistema: o Streamlit (`app.py`, o roteador das páginas) e as rotas HTTP próprias
(`web/`: cookie de sessão, verificação de saúde, dados abertos, a versão leve do painel público em
`/painel`, página 404) num só processo, servido pelo uvicorn:

    uvicorn asgi:app --host 127.0.0.1 --port 8501

O `manage.py run` o inicia assim. As rotas próprias vêm antes das do Streamlit; o middleware da
página 404 embrulha tudo."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

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
