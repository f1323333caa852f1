"""Painel público: somente agregados, sem dados pessoais e sem login.

Toda tabela vem de `consultas.tabelas_publicas` (em cache) e é exportada por `_exportar`, com
CSV e XLSX; o dicionário de dados (`consultas.dicionario_dados`) descreve cada coluna.
Contagens de pessoas passam pela supressão de `dominio.publico.supressao` (supressão primária e complementar)."""

import plotly.graph_objects as go
import streamlit as st

from comum import formatos
from comum.anexos import tipo_para_baixar
from core import relogio
from dominio.indicadores import monitoramento
from dominio.publico import consultas, supressao
from ui import graficos
from ui.comum import tabela_exportavel

DINHEIRO = st.column_config.NumberColumn(format="R$ %.2f")

hoje = relogio.hoje()
tabs = consultas.tabelas_publicas(hoje)


def _exportar(nome: str, chave: str, **kw) -> None:
    """Tabela pública `nome` na tela, com CSV e XLSX (o nome é também o do arquivo e o do dicionário)."""
    tabela_exportavel(tabs[nome], nome, chave=chave, **kw)


st.title("Painel público do ACT CNJ–CNMP nº 22/2023")
st.markdown(
    "Acordo de Cooperação Técnica entre o **Conselho Nacional de Justiça** e o **Conselho Nacional do Ministério "
    "Público** para a **Política Nacional de Trabalho no âmbito do Sistema Prisional (PNAT)**: trabalho e renda "
    "para pessoas privadas de liberdade e egressas do sistema prisional."
)

t = consultas.totais()
c1, c2, c3 = st.columns(3)
c1.metric("Grupos Interinstitucionais", formatos.numero(t["grupos"]))
c2.metric(
    "Escritórios Sociais", formatos.numero(t["escritorios"]), help="Em implantação, em funcionamento ou suspensos."
)
c3.metric("Fundos Municipais de Políticas Penais", formatos.numero(t["fundos"]))

df = tabs["presenca_por_uf"]
st.subheader("Presença por Unidade da Federação")
medida = st.radio("Mostrar no mapa", ["Escritórios Sociais", "Fundos Municipais"], horizontal=True, key="pub_medida")
fig = graficos.mapa_ufs(
    df, medida, rotulo=medida, hover=["Grupo Interinstitucional", "Escritórios Sociais", "Fundos Municipais"]
)
st.plotly_chart(fig, config=graficos.CONFIG_MAPA, key="pub_mapa")
with st.expander("Ver a tabela por UF", icon=":material/table:"):
    _exportar("presenca_por_uf", "pub_tabela")

# --- Plano de Trabalho: metas e cronograma do ano corrente ---------------------------------------
rotulo_ano, metas = consultas.metas_publicas(hoje)
if not metas.empty:
    st.subheader("Metas do Plano de Trabalho")
    if rotulo_ano:
        st.caption(
            f"Progresso no {rotulo_ano}: média do percentual executado das atividades do cronograma "
            "vinculadas a cada meta (as canceladas não contam)."
        )
    st.plotly_chart(
        graficos.barras_progresso_metas(metas.rename(columns={"Descrição": "Texto"})),
        config=graficos.CONFIG_GRAFICO,
        key="pub_metas_graf",
    )
    for letra, texto in zip(metas["Meta"], metas["Descrição"]):
        st.markdown(f"**{letra})** {texto}")
    with st.expander("Ver a tabela de progresso das metas", icon=":material/table:"):
        _exportar("progresso_metas", "pub_metas_tab")

_, ativs, resumo = consultas.cronograma_publico(hoje)
if not ativs.empty:
    st.subheader("Situação do cronograma")
    contagem = dict(zip(resumo["Situação"], resumo["Atividades"]))
    c1, c2, c3 = st.columns(3)
    c1.metric("Concluídas", formatos.numero(contagem["Concluída"]))
    c2.metric("Em andamento", formatos.numero(contagem["Em andamento"]))
    c3.metric(
        "Atrasadas",
        formatos.numero(contagem["Atrasada"]),
        help="Marcadas como atrasadas, com o último mês previsto vencido sem conclusão, ou com o primeiro "
        "mês previsto já começado sem início.",
    )
    with st.expander("Ver as atividades do ano", icon=":material/table:"):
        _exportar("cronograma_situacao", "pub_crono_resumo")
        _exportar("cronograma_atividades", "pub_crono_tab")

# --- indicadores (só valores aprovados pelo CNMP) -----------------------------------------------
ind = monitoramento.destaques_publicos(hoje)
if not tabs["indicadores_destaques"].empty:
    st.subheader("Indicadores")
    st.caption(
        f"Totais nacionais de {ind.ano} (até o último período aprovado). Somente valores **aprovados** pela "
        "Comissão do CNMP, depois da validação do DMF: números ainda em revisão não aparecem aqui."
    )
    destaques = tabs["indicadores_destaques"]
    cols = [*st.columns(3), *st.columns(3)]  # duas linhas: rótulos inteiros, sem reticências
    for col, (codigo, rotulo_ind) in zip(cols, monitoramento.ROTULOS_PUBLICOS.items()):
        atual = destaques[(destaques["Código"] == codigo) & (destaques["Ano"] == ind.ano)]
        if atual.empty:
            continue
        anterior = destaques[(destaques["Código"] == codigo) & (destaques["Ano"] == ind.ano - 1)]
        ajuda = f"{atual['Indicador'].iloc[0]} ({atual['Unidades'].iloc[0]}; {atual['Unidade de medida'].iloc[0]})."
        if not anterior.empty:
            ajuda += f" Em {ind.ano - 1}: {anterior['Valor'].iloc[0]}."
        col.metric(rotulo_ind, atual["Valor"].iloc[0], help=ajuda)
    with st.expander("Ver a tabela dos indicadores em destaque", icon=":material/table:"):
        _exportar("indicadores_destaques", "pub_ind_tab")
    if not tabs["indicadores_por_uf"].empty:
        st.markdown(f"**Pessoas inseridas no trabalho e egressos empregados, por UF — {ind.ano}**")
        _exportar("indicadores_por_uf", "pub_ind_uf")
        st.caption(supressao.nota_rodape())
    completude_pub = tabs["indicadores_completude"]
    if not completude_pub.empty:
        st.markdown("**Entrega dos formulários no último período encerrado**")
        cols = st.columns(max(3, len(completude_pub)))
        for col, (_, r) in zip(cols, completude_pub.iterrows()):
            col.metric(
                f"Recebidos — {r['Período']}",
                r["% recebidos"],
                help=f"{formatos.numero(r['Formulários recebidos'])} formulário(s) recebido(s) de "
                f"{formatos.numero(r['Unidades esperadas'])} unidade(s) esperada(s). Prazo: "
                f"{formatos.data(r['Prazo'])}.",
            )
            col.caption(f"No prazo: {r['% no prazo']}")
        with st.expander("Ver a tabela de entrega dos formulários", icon=":material/table:"):
            _exportar("indicadores_completude", "pub_ind_comp")

# --- recursos ----------------------------------------------------------------------------------
por_origem = tabs["recursos_por_origem"]
if not por_origem.empty:
    _, por_uf_rec = consultas.recursos_publicos()
    st.subheader("Recursos destinados a Fundos Municipais, Escritórios Sociais e projetos")
    st.metric(
        "Total destinado",
        formatos.dinheiro(por_origem["Destinado (R$)"].sum()),
        help="Valores já destinados, transferidos ou aplicados, de todas as origens.",
    )
    c1, c2 = st.columns(2)
    with c1:
        st.plotly_chart(
            graficos.barras_valor(por_origem, "Origem", "Destinado (R$)"),
            config=graficos.CONFIG_GRAFICO,
            key="pub_rec_origem",
        )
    with c2:
        st.plotly_chart(
            graficos.mapa_ufs(por_uf_rec, "Destinado (mil R$)", rotulo="Destinado (mil R$)", escala="Greens"),
            config=graficos.CONFIG_MAPA,
            key="pub_rec_mapa",
        )
    with st.expander("Ver as tabelas de recursos", icon=":material/table:"):
        _exportar("recursos_por_origem", "pub_rec_tab_o", formatos_colunas={"Destinado (R$)": DINHEIRO})
        _exportar("recursos_por_uf", "pub_rec_tab_u", formatos_colunas={"Destinado (R$)": DINHEIRO})

por_ano = tabs["recursos_por_ano"]
if not por_ano.empty:
    st.subheader("Recursos por ano e origem")
    st.caption(
        "Ano da destinação. Destinado inclui os valores já transferidos e aplicados; transferido inclui os aplicados."
    )
    fig_ano = go.Figure(
        [
            go.Bar(
                name=origem,
                x=grupo["Ano"].astype(str),
                y=grupo["Destinado (R$)"].map(float),
                hovertemplate="%{x}: R$ %{y:,.2f}<extra>" + origem + "</extra>",
            )
            for origem, grupo in por_ano.groupby("Origem", sort=True)
        ]
    )
    fig_ano.update_layout(
        barmode="stack",
        height=340,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        separators=",.",
        yaxis={"tickprefix": "R$ ", "tickformat": ",.0f", "title": "Destinado"},
        xaxis={"type": "category", "title": "Ano"},
        plot_bgcolor="white",
    )
    st.plotly_chart(fig_ano, config=graficos.CONFIG_GRAFICO, key="pub_rec_ano")
    with st.expander("Ver a tabela por ano", icon=":material/table:"):
        _exportar(
            "recursos_por_ano",
            "pub_rec_tab_a",
            formatos_colunas={c: DINHEIRO for c in ("Destinado (R$)", "Transferido (R$)", "Aplicado (R$)")},
        )

# --- cotas da PNAT -------------------------------------------------------------------------------
cotas = tabs["cotas_pnat_por_uf"]
if int(cotas["Sujeitos à cota"].sum()):
    st.subheader("Cotas da PNAT em contratos públicos")
    st.caption(
        "Decreto 9.450/2018: contratos de serviços acima de R$ 330.000,00 por ano reservam vagas para pessoas "
        "presas e egressas. Por UF, quantos contratos sujeitos à cota a cumprem (em cinza, UFs sem contrato "
        "sujeito cadastrado)."
    )
    st.plotly_chart(
        graficos.mapa_ufs(
            cotas,
            "Contratos que cumprem (%)",
            rotulo="Cumprem (%)",
            escala="RdYlGn",
            hover=["Sujeitos à cota", "Cumprem"],
        ),
        config=graficos.CONFIG_MAPA,
        key="pub_cotas_mapa",
    )
    with st.expander("Ver a tabela de cotas por UF", icon=":material/table:"):
        _exportar("cotas_pnat_por_uf", "pub_cotas_tab")

# --- comunicação e publicações -------------------------------------------------------------------
publico = tabs["publico_acoes_comunicacao"]
if not publico.empty:
    st.subheader("Público das ações de comunicação")
    st.caption("Pessoas alcançadas pelas ações já realizadas, por tipo de ação e categoria.")
    _exportar("publico_acoes_comunicacao", "pub_acoes_tab")
    st.caption(supressao.nota_rodape())

pubs = consultas.publicacoes_publicas()
if not pubs.empty:
    st.subheader("Últimas publicações")
    for i, p in pubs.iterrows():
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        c1.markdown(f"**{p['Tipo']} nº {p['Número']}** — {p['Título']} ({formatos.data(p['Data'])})")
        if p["anexo_id"] is not None and p["anexo_id"] == p["anexo_id"]:  # não nulo nem NaN
            nome, _mime, conteudo = consultas.anexo_publico(int(p["anexo_id"]))
            c2.download_button(
                "Baixar",
                conteudo,
                nome,
                tipo_para_baixar(nome),
                key=f"pub_anexo_{i}",
                icon=":material/download:",
            )
        elif p["Link"]:
            c2.link_button("Abrir", p["Link"], icon=":material/open_in_new:")
    with st.expander("Ver a tabela de publicações", icon=":material/table:"):
        _exportar("publicacoes", "pub_pubs_tab")

# --- dados abertos -------------------------------------------------------------------------------
st.subheader("Dados abertos")
st.markdown(
    "Todas as tabelas deste painel podem ser baixadas em CSV (UTF-8, separador `;`, vírgula decimal) e XLSX. "
    "O dicionário de dados descreve cada coluna: significado, unidade, fonte e supressão."
)
with st.expander("Dicionário de dados", icon=":material/menu_book:"):
    _exportar("dicionario_de_dados", "pub_dicionario")

atualizado = consultas.ultima_atualizacao_cache()
st.caption(
    f"Dados atualizados em {formatos.data_hora(atualizado)} (horário de Brasília). "
    "Somente dados agregados; nenhum dado pessoal é publicado."
)
