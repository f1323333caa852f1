"""Painel público: somente agregados, sem dados pessoais e sem login."""
import streamlit as st

from services import consultas, formatos, funpen, graficos
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

por_origem, por_uf_rec = consultas.recursos_publicos()
if not por_origem.empty:
    st.subheader("Recursos destinados a Fundos Municipais, Escritórios Sociais e projetos")
    st.metric("Total destinado", formatos.dinheiro(por_origem["Destinado (R$)"].sum()),
              help="Valores já destinados, transferidos ou aplicados, de todas as origens.")
    c1, c2 = st.columns(2)
    with c1:
        st.plotly_chart(graficos.barras_valor(por_origem, "Origem", "Destinado (R$)"), config=graficos.CONFIG_GRAFICO,
                        key="pub_rec_origem")
    with c2:
        st.plotly_chart(graficos.mapa_ufs(por_uf_rec, "Destinado (mil R$)", rotulo="Destinado (mil R$)",
                                          escala="Greens"), config=graficos.CONFIG_MAPA, key="pub_rec_mapa")
    with st.expander("Ver as tabelas de recursos", icon=":material/table:"):
        tabela_exportavel(por_origem, "recursos_por_origem", chave="pub_rec_tab_o",
                          formatos_colunas={"Destinado (R$)": st.column_config.NumberColumn(format="R$ %.2f")})
        tabela_exportavel(por_uf_rec.drop(columns=["Destinado (mil R$)"]), "recursos_por_uf", chave="pub_rec_tab_u",
                          formatos_colunas={"Destinado (R$)": st.column_config.NumberColumn(format="R$ %.2f")})

cotas = funpen.cumprimento_publico()
if int(cotas["Sujeitos à cota"].sum()):
    st.subheader("Cotas da PNAT em contratos públicos")
    st.caption("Decreto 9.450/2018: contratos de serviços acima de R$ 330.000,00 por ano reservam vagas para pessoas "
               "presas e egressas. Por UF, quantos contratos sujeitos à cota a cumprem (em cinza, UFs sem contrato "
               "sujeito cadastrado).")
    st.plotly_chart(graficos.mapa_ufs(cotas, "Contratos que cumprem (%)",
                                      rotulo="Cumprem (%)", escala="RdYlGn", hover=["Sujeitos à cota", "Cumprem"]),
                    config=graficos.CONFIG_MAPA, key="pub_cotas_mapa")
    with st.expander("Ver a tabela de cotas por UF", icon=":material/table:"):
        tabela_exportavel(cotas, "cotas_pnat_por_uf", chave="pub_cotas_tab")

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
