"""Busca: Grupos, Escritórios, Fundos, municípios, processos (número CNJ) e publicações, dentro
do escopo de quem está logado; cada resultado é um link que abre o item na página dele."""

import streamlit as st

from dominio.busca import regras
from dominio.busca import servicos as busca
from ui.busca import mostrar_resultado
from ui.comum import abrir_pagina, tratando_erros

ator, _, _ = abrir_pagina(
    "Buscar",
    "Nomes sem se preocupar com acentos ou maiúsculas; processos pelo número CNJ, com ou sem pontuação. "
    "A busca mostra só o que o seu perfil pode ver.",
)

if "q" in st.query_params and "busca_q" not in st.session_state:
    st.session_state["busca_q"] = regras.preparar_consulta(st.query_params["q"])
consulta = st.text_input(
    "O que você procura?",
    key="busca_q",
    max_chars=regras.TAMANHO_MAXIMO,
    placeholder="Ex.: Vitória, Escritório Social, 0001234-56.2024.8.16.0001, Nota técnica 1/2024",
)
if consulta:
    st.query_params["q"] = regras.preparar_consulta(consulta)
    with tratando_erros("A busca não foi feita"):
        mostrar_resultado(busca.buscar(ator, consulta))
else:
    st.query_params.pop("q", None)
    st.info("Digite um nome, um município ou um número de processo.", icon=":material/search:")
