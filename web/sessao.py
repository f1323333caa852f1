"""Rotas do cookie de sessão. O script do Streamlit não consegue gravar um cookie HttpOnly; estas
rotas HTTP, sim.

- `GET /sessao/entrar?codigo=…&destino=…`: troca o código de uso único do login
  (`dominio.usuarios.sessoes:iniciar`) pelo token, grava o cookie (HttpOnly, SameSite=Lax, Secure
  sob HTTPS) e volta ao destino. O token só aparece no `Set-Cookie`, nunca numa URL. O código só
  vale com o cookie de vínculo que a página de login gravou neste navegador: um link com o
  código de outra pessoa não faz ninguém entrar na conta dela (login forjado).
- `GET /sessao/sair?destino=…`: apaga o cookie de uma sessão que já terminou no servidor (o botão
  Sair encerra a sessão antes de chegar aqui) e volta ao destino. Com a sessão ainda válida, não
  apaga nada: um link forjado de outro site não tira ninguém do sistema.

O destino é sempre um caminho deste sistema (`destino_local`): nada de redirecionar para fora.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from core.config import obter_config
from dominio.usuarios import sessoes

PREFIXO = "/sessao"
DESTINO_MAX = 2000
# nada destas respostas vai para caches, e o código não vaza no cabeçalho Referer
CABECALHOS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def destino_local(destino: str | None) -> str:
    """`destino` se for um caminho local (`/pagina?filtro=…`); senão, a página inicial. Recusa
    endereços absolutos, `//outro.site`, barras invertidas e caracteres de controle."""
    d = destino or ""
    if (
        not d.startswith("/")
        or d.startswith("//")
        or "\\" in d
        or len(d) > DESTINO_MAX
        or any(ord(c) < 32 or ord(c) == 127 for c in d)
    ):
        return "/"
    return d


def _cliente(request: Request) -> tuple[str | None, str | None]:
    return (request.client.host if request.client else None), request.headers.get("user-agent")


def _atributos_do_cookie(request: Request) -> dict:
    """Caminho (a raiz do sistema), HttpOnly, SameSite=Lax e Secure sob HTTPS: os mesmos ao gravar e
    ao apagar o cookie de sessão, senão o navegador não apaga o que gravou."""
    return {
        "path": (request.scope.get("root_path") or "").rstrip("/") + "/",
        "httponly": True,
        "samesite": "lax",
        "secure": request.url.scheme == "https" or obter_config().cookie_sempre_seguro,
    }


def entrar(request: Request) -> RedirectResponse:
    endereco, agente = _cliente(request)
    token = sessoes.ativar(
        request.query_params.get("codigo"),
        request.cookies.get(sessoes.NOME_COOKIE_VINCULO),
        endereco=endereco,
        agente=agente,
    )
    resposta = RedirectResponse(destino_local(request.query_params.get("destino")), 303, headers=CABECALHOS)
    resposta.delete_cookie(sessoes.NOME_COOKIE_VINCULO, path=PREFIXO, samesite="strict")  # serviu: some
    if token is not None:
        # sem Max-Age: o cookie vai embora quando o navegador fecha (computadores compartilhados);
        # o servidor encerra a sessão pela ociosidade e pela idade máxima de qualquer modo
        resposta.set_cookie(sessoes.NOME_COOKIE, token, **_atributos_do_cookie(request))
    return resposta


def sair(request: Request) -> RedirectResponse:
    resposta = RedirectResponse(destino_local(request.query_params.get("destino")), 303, headers=CABECALHOS)
    token = request.cookies.get(sessoes.NOME_COOKIE)
    if token is not None and sessoes.validar(token) is None:
        resposta.delete_cookie(sessoes.NOME_COOKIE, **_atributos_do_cookie(request))
    return resposta


def rotas() -> list[Route]:
    # funções comuns (não `async`): o Starlette as roda numa thread, e o banco não trava o laço
    return [
        Route(f"{PREFIXO}/entrar", entrar, methods=["GET"]),
        Route(f"{PREFIXO}/sair", sair, methods=["GET"]),
    ]
