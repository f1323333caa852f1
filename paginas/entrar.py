"""Entrar: conta local (e-mail e senha) e, se configurado, login institucional (OIDC)."""

import streamlit as st

from core.config import obter_config
from dominio.usuarios import servicos as usuarios
from ui.aplicacao import sessao as sessao_ui
from ui.aplicacao.protecao import endereco_do_cliente
from ui.comum import texto_md

st.title("Entrar")
st.caption("Acesso da equipe CNJ/DMF, da Comissão do CNMP e dos pontos focais. O painel público não exige login.")
# aberta pelo endereço de outra página (link, favorito, sessão que terminou): depois de entrar, volta a ela
destino = sessao_ui.destino_atual()
if destino.split("?")[0] in ("/", "/entrar"):
    destino = "/"
else:
    st.info(f"Entre para ver a página **{texto_md(st.session_state.get(sessao_ui.CHAVE_TITULO, ''))}**.")

if msg := st.session_state.pop("erro_oidc", None):
    st.error(msg)

with st.form("login", enter_to_submit=True):
    email = st.text_input("E-mail", autocomplete="username")
    senha = st.text_input("Senha", type="password", autocomplete="current-password")
    enviar = st.form_submit_button("Entrar", type="primary", icon=":material/login:")

if enviar:
    if not email.strip() or not senha:
        st.error("Informe o e-mail e a senha.")
    else:
        try:
            u = usuarios.autenticar(email, senha, endereco_do_cliente())
        except usuarios.FalhaLogin as exc:
            st.error(str(exc))
        else:
            # a sessão vale depois que a rota do cookie troca o código de uso único pelo token
            sessao_ui.abrir_sessao(u, "senha", destino)

try:
    oidc = "auth" in st.secrets
except Exception:
    oidc = False
if oidc:
    st.divider()
    st.button("Entrar com a conta institucional", icon=":material/badge:", on_click=st.login)

if obter_config().modo_demo and (contas := usuarios.contas_de_demonstracao()):
    with st.expander("Contas de demonstração", icon=":material/info:"):
        st.dataframe(
            [{"E-mail": c.email, "Senha": c.senha, "Perfil": usuarios.PAPEIS[c.papel]} for c in contas],
            hide_index=True,
            width="stretch",
        )
