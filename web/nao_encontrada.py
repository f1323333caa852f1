"""Endereço desconhecido: uma página “Página não encontrada” em português, com status 404 e um
link para a página inicial — em vez de o Streamlit servir a aplicação e mostrar o aviso em inglês
“Page not found”.

O Streamlit responde a qualquer caminho que não seja arquivo com o `index.html` da aplicação (as
páginas são resolvidas no navegador). Este middleware deixa passar os caminhos das páginas do
sistema (`core.acesso.PAGINAS`, vistas ou não pelo perfil: quem não pode ver uma página recebe o
login ou o aviso de sem acesso dentro da aplicação) e as rotas próprias (`web.rotas`); para
qualquer outro GET cuja resposta seria esse HTML, devolve a página 404. Arquivos estáticos,
WebSocket e rotas internas do Streamlit (`/_stcore/…`) não são HTML e passam intactos.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import PurePosixPath

from starlette.datastructures import Headers
from starlette.responses import HTMLResponse
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.acesso import PAGINAS

TITULO = "Página não encontrada"


def caminhos_de_pagina() -> frozenset[str]:
    """Os caminhos de URL das páginas do sistema (o nome do arquivo, como o `st.Page` os deriva),
    mais a raiz."""
    return frozenset({""} | {PurePosixPath(arquivo).stem for arquivo, *_ in PAGINAS})


def pagina_404(inicio: str = "/") -> str:
    return f"""<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITULO} — Monitoramento ACT CNJ–CNMP 22/2023</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; color: #262730; background: #fff; }}
main {{ max-width: 40rem; margin: 15vh auto; padding: 0 1.5rem; }}
h1 {{ color: #1f4e79; }}
a {{ color: #1f4e79; font-weight: 600; }}
</style>
</head>
<body>
<main>
<p>Monitoramento do ACT CNJ–CNMP nº 22/2023</p>
<h1>{TITULO}</h1>
<p>O endereço digitado não existe neste sistema. Confira o endereço ou volte ao início.</p>
<p><a href="{escape(inicio)}">Ir para a página inicial</a></p>
</main>
</body>
</html>
"""


class PaginaNaoEncontrada:
    """Middleware ASGI: troca por um 404 em português o HTML que o Streamlit serviria para um
    caminho que não é página nem rota do sistema."""

    def __init__(self, app: ASGIApp, rotas: Sequence[BaseRoute] = (), prefixo: str = "") -> None:
        self.app = app
        self.rotas = list(rotas)
        self.prefixo = "/" + prefixo.strip("/") if prefixo.strip("/") else ""
        self.paginas = caminhos_de_pagina()
        self.html = pagina_404(self.prefixo + "/").encode("utf-8")

    def _conhecido(self, scope: Scope) -> bool:
        caminho: str = scope.get("path", "")
        if self.prefixo and caminho.startswith(self.prefixo):
            caminho = caminho[len(self.prefixo) :]
        if caminho.strip("/") in self.paginas:
            return True
        return any(r.matches(scope)[0] != Match.NONE for r in self.rotas)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or self._conhecido(scope):
            await self.app(scope, receive, send)
            return

        trocada = False

        async def enviar(mensagem: Message) -> None:
            nonlocal trocada
            if mensagem["type"] == "http.response.start":
                tipo = Headers(raw=mensagem.get("headers", [])).get("content-type", "")
                if mensagem["status"] == 200 and tipo.startswith("text/html"):
                    trocada = True
                    resposta = HTMLResponse(self.html, status_code=404, headers={"Cache-Control": "no-cache"})
                    await resposta(scope, receive, send)
                    return
            elif trocada:
                return  # o corpo do index.html do Streamlit é descartado
            await send(mensagem)

        await self.app(scope, receive, enviar)
