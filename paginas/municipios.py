"""Municípios: consulta e inclusão dos que faltam na lista do IBGE de 2022."""

import pandas as pd
import streamlit as st

from comum import formatos
from dominio.cadastros import referencia
from ui.comum import abrir_pagina, tabela_exportavel, tratando_erros

ator = abrir_pagina(
    "Municípios",
    "Lista da divisão territorial do IBGE de 2022. Municípios criados depois (como Boa Esperança do Norte/MT, "
    "código 5101837) podem ser incluídos aqui.",
).ator

with st.expander("Incluir município", icon=":material/add:"):
    with st.form("mun_novo"):
        c1, c2, c3 = st.columns([1, 3, 1])
        codigo = c1.text_input("Código IBGE (7 dígitos) *", max_chars=7)
        nome = c2.text_input("Nome *")
        uf = c3.selectbox("UF *", [u.sigla for u in referencia.listar_ufs()], index=None, placeholder="UF")
        enviado = st.form_submit_button("Incluir", type="primary")
    if enviado:
        with tratando_erros():
            m = referencia.incluir_municipio(ator, codigo, nome, uf or "")
            st.session_state["_aviso"] = f"Município {m.nome}/{m.uf_sigla} ({m.codigo_ibge}) incluído."
            st.rerun()

uf_f = st.selectbox(
    "UF", [u.sigla for u in referencia.listar_ufs()], index=None, placeholder="Escolha uma UF para listar", key="mun_uf"
)
if uf_f:
    lista = referencia.listar_municipios(uf_f)
    df = pd.DataFrame(
        [
            {
                "Código IBGE": m.codigo_ibge,
                "Município": m.nome,
                "UF": m.uf_sigla,
                "Origem": "Incluído manualmente" if m.incluido_manualmente else "IBGE 2022",
            }
            for m in lista
        ]
    )
    st.caption(f"{formatos.numero(len(df))} município(s) em {uf_f}.")
    tabela_exportavel(df, f"municipios_{uf_f}", chave="mun_tabela")
