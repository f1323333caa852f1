"""A sessão de login vista da tela: o cookie que o navegador mandou ao abrir a conexão, quem é o
cliente, e a ida do navegador às rotas do cookie (`web/sessao.py`) depois de entrar, sair ou
trocar a senha. O script do Streamlit não grava cookies HttpOnly; essas rotas, sim."""

from __future__ import annotations

import json
import secrets
from urllib.parse import urlencode

import streamlit as st

from dominio.usuarios import sessoes
from models.usuarios import Usuario

CHAVE_SESSAO = "_sessao_id"  # id da sessão do banco desta aba (só quando veio do cookie)
CHAVE_DESTINO = "_destino"  # caminho e filtros da página pedida (posto pelo app.py)
CHAVE_TITULO = "_titulo"  # título da página pedida (posto pelo app.py)


def token_do_cookie() -> str | None:
    """O token do cookie de sessão, como o navegador o mandou ao abrir a conexão desta aba. Fora
    de um servidor (AppTest), não há cookies."""
    try:
        valor = st.context.cookies.get(sessoes.NOME_COOKIE)
    except Exception:  # noqa: BLE001 - sem servidor (AppTest) o contexto do cliente não existe
        return None
    return valor if isinstance(valor, str) and valor else None  # o AppTest devolve um objeto simulado


def cliente() -> tuple[str | None, str | None]:
    """Endereço IP e navegador (User-Agent) de quem está na aba, para a lista de sessões."""
    try:
        endereco, agente = st.context.ip_address, st.context.headers.get("User-Agent")
    except Exception:  # noqa: BLE001 - sem servidor (AppTest)
        return None, None
    return (endereco if isinstance(endereco, str) else None), (agente if isinstance(agente, str) else None)


def destino_atual() -> str:
    """O caminho da página em que a pessoa está, com os filtros da URL (`/usuarios?x=1`)."""
    return st.session_state.get(CHAVE_DESTINO) or "/"


def caminho_com_filtros(url_path: str) -> str:
    """`/<url_path>` com os parâmetros da URL atual (`st.query_params`)."""
    consulta = urlencode(st.query_params.to_dict())
    return "/" + url_path + (f"?{consulta}" if consulta else "")


def _js(texto: str) -> str:
    """`texto` como literal de string JavaScript seguro dentro de <script>."""
    return json.dumps(texto).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _js_gravar_cookie(cookie: str | None) -> str:
    """A instrução JavaScript que grava `cookie` (escapado por `_js`), ou nada."""
    return f"document.cookie = {_js(cookie)}; " if cookie else ""


def navegar(url: str, aviso: str = "Redirecionando…", *, cookie: str | None = None) -> None:
    """Leva o navegador a `url` (um caminho deste sistema montado aqui, nunca texto digitado) e
    para a execução; antes, grava `cookie` (`nome=valor; atributos`), se houver. O JavaScript é
    nosso e fixo; o link serve se ele não rodar."""
    st.html(
        f"<script>{_js_gravar_cookie(cookie)}window.location.replace({_js(url)});</script>",
        unsafe_allow_javascript=True,
    )
    st.info(aviso, icon=":material/hourglass_top:")
    st.link_button("Continuar", url)
    st.stop()


def abrir_sessao(usuario: Usuario, origem: str, destino: str | None = None) -> None:
    """Depois de autenticar: cria a sessão no banco e leva o navegador à rota que grava o cookie e
    volta ao `destino` (padrão: a página atual). Só o código de uso único passa pela URL; o segredo
    que o liga a este navegador vai num cookie curto, restrito a /sessao."""
    endereco, agente = cliente()
    vinculo = secrets.token_urlsafe(sessoes.BYTES_SEGREDO)  # só este navegador o terá (cookie abaixo)
    codigo = sessoes.iniciar(usuario, origem, vinculo=vinculo, endereco=endereco, agente=agente)
    navegar(
        "/sessao/entrar?" + urlencode({"codigo": codigo, "destino": destino or destino_atual()}),
        "Entrando…",
        cookie=f"{sessoes.NOME_COOKIE_VINCULO}={vinculo}; path=/sessao; max-age=120; samesite=strict",
    )


def sair(destino: str = "/") -> None:
    """Encerra a sessão no servidor (o cookie antigo deixa de valer em qualquer réplica), limpa a
    aba e leva o navegador à rota que apaga o cookie."""
    sessoes.sair(token_do_cookie())
    st.session_state.clear()
    navegar("/sessao/sair?" + urlencode({"destino": destino}), "Saindo…")
