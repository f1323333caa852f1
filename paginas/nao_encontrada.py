"""Página não encontrada: o endereço de uma página que o perfil de quem está logado não vê."""

import streamlit as st

st.title("Página não encontrada")
st.markdown(
    "Esta página não existe ou não está disponível para o seu perfil. "
    "Se precisar dela, fale com o administrador do sistema."
)
st.page_link("paginas/pendencias.py", label="Ir para a página inicial", icon=":material/home:")
