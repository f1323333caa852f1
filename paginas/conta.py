"""Minha conta: dados do usuário e troca da própria senha."""

import streamlit as st

from comum import formatos
from dominio.usuarios import senhas
from dominio.usuarios import servicos as usuarios
from models.usuarios import PAPEIS
from ui.comum import texto_md, tratando_erros, usuario_atual

ator = usuario_atual()
st.title("Minha conta")
st.markdown(
    f"**Nome:** {texto_md(ator.nome)}  \n**E-mail:** {texto_md(ator.email)}  \n**Perfil:** {PAPEIS[ator.papel]}  \n"
    f"**Último acesso:** {formatos.data_hora(ator.ultimo_acesso)}"
)

st.subheader("Trocar senha")
with st.form("troca_senha", clear_on_submit=True):
    atual = st.text_input("Senha atual", type="password", autocomplete="current-password")
    nova = st.text_input(
        f"Nova senha (mínimo {senhas.SENHA_MIN} caracteres)",
        type="password",
        autocomplete="new-password",
        help=senhas.regras_em_texto(),
    )
    conf = st.text_input("Confirme a nova senha", type="password", autocomplete="new-password")
    enviado = st.form_submit_button("Trocar senha", type="primary")
if enviado:
    with tratando_erros():
        usuarios.trocar_propria_senha(ator, atual, nova, conf)
        st.success("Senha trocada.")
