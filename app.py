"""Roteador do Sistema de Monitoramento do ACT CNJ–CNMP nº 22/2023.

Configura a página, identifica quem está logado, confere o esquema do banco e
registra em `st.navigation` apenas as páginas que o papel atual pode ver.
"""

from __future__ import annotations

import streamlit as st

from core import acesso
from core.config import RAIZ
from dominio.publico.consultas import dados_ficticios
from dominio.usuarios import servicos as usuarios
from ui.comum import texto_md
from ui.protecao import conferir_partida, protegido

# ícone local: um ícone ":material/...:" na aba seria buscado na internet a cada página
st.set_page_config(
    page_title="Monitoramento ACT CNJ–CNMP 22/2023", page_icon=str(RAIZ / "static" / "icone.png"), layout="wide"
)
st.html(RAIZ / "static" / "pt_br.css")  # textos fixos do Streamlit em português (ver o arquivo)
# acessibilidade (docs/acessibilidade.md): contraste dos textos em cinza; idioma pt-BR do documento (o
# index.html do Streamlit declara lang="en") e menu lateral sem lista inválida — só atributos mudam
st.html(RAIZ / "static" / "acessibilidade.css")
st.html(RAIZ / "static" / "acessibilidade.html", unsafe_allow_javascript=True)


def _oidc_configurado() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # sem secrets.toml
        return False


def _identificar():
    """Devolve o `Usuario` desta sessão (conta local ou OIDC casado por e-mail)."""
    u = usuarios.carregar(st.session_state.get("usuario_id"))
    if u is None and _oidc_configurado() and getattr(st.user, "is_logged_in", False):
        try:
            u = usuarios.usuario_por_email_oidc(st.user.get("email"))
        except usuarios.FalhaLogin as exc:
            st.session_state["erro_oidc"] = str(exc)
            st.logout()
    st.session_state["usuario_id"] = u.id if u else None
    st.session_state["_usuario"] = u
    return u


conferir_partida()  # esquema do banco e contas de demonstração (ui/protecao.py)
with protegido():  # nenhum erro interno chega ao visitante: mensagem em pt-BR e referência no log
    usuario = _identificar()
papel = acesso.papel_de(usuario)

secoes: dict[str, list] = {}
for arquivo, titulo, icone, secao in acesso.paginas_do_papel(papel):
    padrao = (arquivo == "paginas/visao_geral.py") or (papel == acesso.PUBLICO and arquivo == "paginas/publico.py")
    secoes.setdefault(secao, []).append(st.Page(arquivo, title=titulo, icon=icone, default=padrao))

with st.sidebar:
    st.markdown("**Monitoramento do ACT CNJ–CNMP nº 22/2023**  \nPNAT — trabalho e renda no sistema prisional")
    if usuario is not None:
        st.caption(f"{texto_md(usuario.nome)}  \n{usuarios.PAPEIS[usuario.papel]}")
        if st.button("Sair", icon=":material/logout:", key="sair"):
            st.session_state.clear()
            if _oidc_configurado() and getattr(st.user, "is_logged_in", False):
                st.logout()
            st.rerun()

pagina = st.navigation(secoes, expanded=True)  # sem "View more": o menu inteiro, em português
# depois de st.navigation: elementos comuns desenhados no alto de toda página
with protegido():
    if dados_ficticios():
        st.warning(
            "**Ambiente de demonstração:** os cadastros, usuários e números exibidos são fictícios "
            "(salvo o texto do Plano de Trabalho).",
            icon=":material/science:",
        )
    pagina.run()
