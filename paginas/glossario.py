"""Glossário: o sentido de cada termo das telas (Destinado, Aplicado, Validado, Meta…), aberto a
todos, inclusive sem login. A mesma fonte das dicas das métricas e de docs/glossario.md."""

import pandas as pd
import streamlit as st

from comum.textos import normalizar
from dominio.publico import glossario
from ui.comum import abrir_pagina, tabela_exportavel, texto_md

abrir_pagina(
    "Glossário",
    "Um sentido para cada termo usado no sistema. As dicas (ícone de interrogação) das métricas e colunas "
    "repetem estas definições.",
)
filtro = st.text_input("Filtrar termos", key="gl_filtro", max_chars=60, placeholder="Ex.: destinado")
termos = [t for t in glossario.TERMOS if normalizar(filtro) in normalizar(f"{t.termo} {t.definicao}")]
for t in termos:
    with st.container(border=True):
        st.markdown(f"**{t.termo}**")
        st.markdown(texto_md(t.definicao))
        st.caption(f"Onde aparece: {t.onde}" + (f" · cálculo: `{t.funcao}`" if t.funcao else ""))
tabela_exportavel(
    pd.DataFrame(
        [{"Termo": t.termo, "Definição": t.definicao, "Onde aparece": t.onde} for t in termos],
        columns=["Termo", "Definição", "Onde aparece"],
    ),
    "glossario",
    chave="gl_tabela",
    vazio="Nenhum termo com esse filtro.",
)
