"""Rotas HTTP próprias do sistema, servidas pelo mesmo processo do Streamlit (`asgi.py`, `st.App`).

`rotas()` é a lista que o `asgi.py` entrega ao `st.App` — para uma rota nova, um módulo aqui com a
sua função `rotas()` e uma linha abaixo. `middlewares(rotas)` embrulha o Streamlit (a página 404
em português); `ciclo_de_vida` é o que roda ao subir e ao descer o servidor.

Como os serviços, este pacote não importa o Streamlit (só o `asgi.py` o faz) nem `paginas/` ou
`ui/`: as rotas chamam `dominio/` e `core/`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from starlette.middleware import Middleware
from starlette.routing import BaseRoute

from core.banco import descartar_engines
from core.esquema import EsquemaDesatualizado, verificar_esquema
from web import dados_abertos, painel_leve, saude, sessao
from web.nao_encontrada import PaginaNaoEncontrada

_LOG = logging.getLogger(__name__)


def rotas(pagina_leve: painel_leve.PaginaLeve | None = None) -> list[BaseRoute]:
    """As rotas próprias, conferidas antes das do Streamlit. `pagina_leve`: o gerador da versão
    leve do painel público (`/painel`), que vem de `ui/` pelo `asgi.py` (web não importa ui);
    sem ele, a rota não é montada."""
    return [
        *sessao.rotas(),
        *saude.rotas(),
        *dados_abertos.ROTAS,
        *(painel_leve.rotas(pagina_leve) if pagina_leve is not None else []),
    ]


def middlewares(rotas_proprias: Sequence[BaseRoute], prefixo: str = "") -> list[Middleware]:
    """Os middlewares que embrulham o Streamlit. `rotas_proprias` não passam pela página 404."""
    return [Middleware(PaginaNaoEncontrada, rotas=list(rotas_proprias), prefixo=prefixo)]


@asynccontextmanager
async def ciclo_de_vida(_app: Any) -> AsyncIterator[None]:
    """Ao subir, avisa no log se o banco não está pronto (a aplicação e o /saude também dizem); ao
    descer, fecha as conexões do banco."""
    try:
        verificar_esquema()
    except EsquemaDesatualizado as exc:
        _LOG.warning("%s", exc)
    try:
        yield
    finally:
        descartar_engines()
