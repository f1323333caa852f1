"""Painel público: somente agregados, sem dados pessoais e sem login."""
import streamlit as st

from services import consultas, formatos, graficos
from ui.comum import tabela_exportavel

st.title("Painel público do ACT CNJ–CNMP nº 22/2023")
st.markdown(
    "Acordo de Cooperação Técnica entre o **Conselho Nacional de Justiça** e o **Conselho Nacional do Ministério "
    "Público** para a **Política Nacional de Trabalho no âmbito do Sistema Prisional (PNAT)**: trabalho e renda "
    "para pessoas privadas de liberdade e egressas do sistema prisional."
)

t = consultas.totais()
c1, c2, c3 = st.columns(3)
c1.metric("Grupos Interinstitucionais", formatos.numero(t["grupos"]))
c2.metric("Escritórios Sociais", formatos.numero(t["escritorios"]), help="Em implantação, em funcionamento ou suspensos.")
c3.metric("Fundos Municipais de Políticas Penais", formatos.numero(t["fundos"]))

df = consultas.contagens_por_uf()
st.subheader("Presença por Unidade da Federação")
medida = st.radio("Mostrar no mapa", ["Escritórios Sociais", "Fundos Municipais"], horizontal=True, key="pub_medida")
fig = graficos.mapa_ufs(df, medida, rotulo=medida, hover=["Grupo Interinstitucional", "Escritórios Sociais", "Fundos Municipais"])
st.plotly_chart(fig, config=graficos.CONFIG_MAPA, key="pub_mapa")
with st.expander("Ver a tabela por UF", icon=":material/table:"):
    tabela_exportavel(df, "presenca_por_uf", chave="pub_tabela")

metas, atividades = consultas.plano()
if metas:
    st.subheader("Metas do Plano de Trabalho")
    for letra, texto in metas:
        st.markdown(f"**{letra})** {texto}")

atualizado = consultas.ultima_atualizacao()
st.caption(
    f"Dados atualizados em {formatos.data_hora(atualizado)} (horário de Brasília). "
    "Somente dados agregados; nenhum dado pessoal é publicado."
)
