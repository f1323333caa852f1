"""A página que um analista faria sozinho no Streamlit, para comparar (`manage.py bench`, “lado a lado”).

Não faz parte do sistema (fora de `paginas/`, sem rota): é o ponto de partida ingênuo que a página
*Recursos* substitui. Lê **todos** os fluxos do banco com `pandas.read_sql`, soma no pandas por etapa,
UF de origem, origem e mês (o que a página *Recursos* soma no banco, pelo resumo mantido por
gatilhos e pelos índices de cobertura) e desenha os mesmos gráficos: os quatro totais por etapa, o
Sankey origem → UF → tipo de destino, as barras mensais por origem e os valores por UF. Lê só as
colunas que usa — a versão mais favorável a ela: com `SELECT *`, 1 milhão de fluxos custavam 3,5× mais
CPU (26,5 s contra 7,5 s) e 2,8 GB de memória. Sem cache:
cada execução (cada clique de quem a usa) relê tudo, como no script típico. O endereço do banco
vem de `st.secrets["url_banco"]` (o benchmark o passa pelo AppTest).
"""

from decimal import Decimal

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st
from sqlalchemy import create_engine

from comum import formatos


def reais(valor: float) -> str:
    """A soma do pandas (float) em `R$ 1.234,56`, pela regra de formato do sistema."""
    return formatos.dinheiro(Decimal(f"{valor:.2f}"))


st.title("Recursos (versão ingênua)")

engine = create_engine(st.secrets["url_banco"])
with engine.connect() as conn:
    fluxos = pd.read_sql(
        "SELECT tipo_origem, uf_origem, destino_tipo, destino_nome, valor, etapa, data_referencia FROM fluxo_recurso",
        conn,
    )
engine.dispose()
fluxos["valor"] = fluxos["valor"] / 100  # centavos → reais
fluxos["data_referencia"] = pd.to_datetime(fluxos["data_referencia"])
fluxos["ano"] = fluxos["data_referencia"].dt.year

# totais por etapa, acumulados como na página real (destinado inclui transferido e aplicado…)
por_etapa = fluxos.groupby("etapa")["valor"].sum()
ordem = ["potencial", "destinado", "transferido", "aplicado"]
acumulado = {e: float(por_etapa.reindex(ordem[i:]).fillna(0).sum()) for i, e in enumerate(ordem)}
colunas = st.columns(4)
for coluna, etapa in zip(colunas, ordem):
    coluna.metric(etapa.capitalize(), reais(acumulado[etapa]))
st.caption(f"{formatos.numero(len(fluxos))} fluxo(s), total de {reais(fluxos['valor'].sum())}")

# a tabela que o analista monta: soma por UF, origem, etapa e ano
resumo = fluxos.groupby(["uf_origem", "tipo_origem", "etapa", "ano"], as_index=False)["valor"].agg(["sum", "count"])
st.dataframe(resumo)

# Sankey origem → UF → tipo de destino
sk = fluxos.groupby(["tipo_origem", "uf_origem", "destino_tipo"], as_index=False)["valor"].sum()
rotulos = list(pd.unique(pd.concat([sk["tipo_origem"], "UF " + sk["uf_origem"], sk["destino_tipo"]])))
indice = {r: i for i, r in enumerate(rotulos)}
a = sk.groupby(["tipo_origem", "uf_origem"], as_index=False)["valor"].sum()
b = sk.groupby(["uf_origem", "destino_tipo"], as_index=False)["valor"].sum()
fonte = [indice[x] for x in a["tipo_origem"]] + [indice["UF " + x] for x in b["uf_origem"]]
alvo = [indice["UF " + x] for x in a["uf_origem"]] + [indice[x] for x in b["destino_tipo"]]
st.plotly_chart(
    go.Figure(
        go.Sankey(
            node={"label": rotulos},
            link={"source": fonte, "target": alvo, "value": list(a["valor"]) + list(b["valor"])},
        )
    )
)

# barras mensais por origem
fluxos["mes"] = fluxos["data_referencia"].dt.to_period("M").dt.to_timestamp()
mensal = fluxos.groupby(["mes", "tipo_origem"], as_index=False)["valor"].sum()
st.plotly_chart(px.bar(mensal, x="mes", y="valor", color="tipo_origem"))

# destinado por UF (etapas destinado, transferido e aplicado)
destinado = fluxos[fluxos["etapa"].isin(ordem[1:])]
por_uf = destinado.groupby("uf_origem", as_index=False).agg(valor=("valor", "sum"), fluxos=("valor", "size"))
st.plotly_chart(px.bar(por_uf.sort_values("valor", ascending=False), x="uf_origem", y="valor", hover_data=["fluxos"]))
st.dataframe(por_uf)
