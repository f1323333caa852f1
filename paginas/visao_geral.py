"""Visão geral: alertas do Plano de Trabalho, contagens por UF e mapa do Brasil."""

import streamlit as st

from comum import formatos
from core import acesso
from dominio.publico import consultas
from ui import graficos
from ui.comum import abrir_pagina, grafico, tabela_exportavel
from ui.lgpd import mostrar_alertas_lgpd
from ui.plano import mostrar_alertas

ator, hoje, _ = abrir_pagina("Visão geral")
if acesso.pode(ator, acesso.PLANO_VER):
    mostrar_alertas(ator, hoje, titulo="Alertas do Plano de Trabalho")
if acesso.pode(ator, acesso.LGPD_GERIR):
    mostrar_alertas_lgpd(ator, hoje)

t = consultas.totais()
c1, c2, c3, c4 = st.columns(4)
c1.metric("Grupos Interinstitucionais", formatos.numero(t["grupos"]), help="Exclui grupos inativos.")
c2.metric("Escritórios Sociais", formatos.numero(t["escritorios"]), help="Exclui escritórios encerrados.")
c3.metric("Escritórios em funcionamento", formatos.numero(t["escritorios_funcionando"]))
c4.metric("Fundos Municipais", formatos.numero(t["fundos"]), help="Exclui fundos inativos.")

df = consultas.contagens_por_uf()
sem_grupo = df.loc[df["Grupo Interinstitucional"] == "Não", "UF"].tolist()
if sem_grupo:
    st.info(f"UFs sem Grupo Interinstitucional ativo ({len(sem_grupo)}): {', '.join(sem_grupo)}.")
    if acesso.pode(ator, acesso.REGISTROS_VER):
        st.page_link(
            "paginas/grupos.py",
            label="Abrir os Grupos Interinstitucionais",
            icon=":material/arrow_forward:",
        )

medida = (
    st.segmented_control(
        "Mapa por UF", ["Escritórios Sociais", "Fundos Municipais"], default="Escritórios Sociais", key="vg_medida"
    )
    or "Escritórios Sociais"
)
grafico(
    graficos.mapa_ufs(
        df, medida, rotulo=medida, hover=["Grupo Interinstitucional", "Escritórios Sociais", "Fundos Municipais"]
    ),
    config=graficos.CONFIG_MAPA,
    key="vg_mapa",
)
grafico(
    graficos.barras_por_uf(df, ["Escritórios Sociais", "Fundos Municipais"], titulo="Cadastros por UF"),
    config=graficos.CONFIG_GRAFICO,
    key="vg_barras",
)

st.subheader("Tabela por UF")
tabela_exportavel(df, "cadastros_por_uf", chave="vg_tabela")
