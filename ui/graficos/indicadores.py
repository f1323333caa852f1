"""Gráficos dos indicadores (DataFrame ou resultado de serviço → figura Plotly; nada aqui
desenha na tela): série por período do Monitoramento, comparação entre UFs e métodos dos
registros qualitativos por ciclo."""

from __future__ import annotations

import math

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dominio.indicadores.monitoramento import ComparacaoUFs, SerieIndicador
from models.indicadores import METODOS_QUALITATIVOS
from ui.graficos import texto_grafico

COR_NACIONAL = "#08519c"


COR_UNIDADE = "#e6550d"


COR_UF = "#31a354"


COR_META = "#c2185b"


def _fmt_eixo(tipo: str) -> dict:
    if tipo in ("percentual", "sim_nao"):
        return {"ticksuffix": "%", "tickformat": ",.1~f"}
    if tipo == "valor":
        return {"tickprefix": "R$ ", "tickformat": ",.0f"}
    return {"tickformat": ",.0f"}


def _hover(tipo: str) -> str:
    if tipo in ("percentual", "sim_nao"):
        return "%{y:,.1f}%"
    if tipo == "valor":
        return "R$ %{y:,.2f}"
    return "%{y:,.0f}"


def grafico_serie(serie: SerieIndicador) -> go.Figure:
    """Linhas por período: nacional, unidade e UF pedidas; nos fluxos com meta, o acumulado no ano
    e a meta anual (um trecho por ano, para a linha não ligar dezembro a janeiro)."""
    df = serie.tabela
    x = df["Período"].tolist()
    fig = go.Figure()
    h = _hover(serie.tipo)

    def linha(y, nome, cor, *, xs=None, rotulo=None, **kw):
        """Uma série (`xs`: os períodos dela, se não forem todos); `rotulo` nomeia o ponto no hover."""
        fig.add_trace(
            go.Scatter(
                x=x if xs is None else xs,
                y=y,
                name=texto_grafico(nome),
                mode=kw.pop("mode", "lines+markers"),
                connectgaps=False,
                line={"color": cor, **kw.pop("line", {})},
                hovertemplate=f"%{{x}}: {h}<extra>{texto_grafico(rotulo or nome)}</extra>",
                **kw,
            )
        )

    linha(df["Nacional"], "Nacional", COR_NACIONAL, line={"width": 3})
    if "Unidade" in df.columns:
        linha(df["Unidade"], serie.rotulo_unidade or "Unidade", COR_UNIDADE)
    if "UF" in df.columns:
        linha(df["UF"], f"UF {serie.rotulo_uf}", COR_UF)
    tem_meta = df["Meta anual"].notna().any()
    for i, (ano, g) in enumerate(df.groupby("Ano", sort=True)):
        xs = g["Período"].tolist()
        if serie.acumula and tem_meta:
            linha(
                g["Acumulado no ano"],
                "Nacional acumulado no ano",
                COR_NACIONAL,
                xs=xs,
                rotulo=f"Acumulado em {ano}",
                legendgroup="acumulado",
                showlegend=i == 0,
                line={"width": 2, "dash": "dot"},
            )
        if g["Meta anual"].notna().any():
            linha(
                g["Meta anual"],
                "Meta anual",
                COR_META,
                xs=xs,
                rotulo=f"Meta de {ano}",
                legendgroup="meta",
                showlegend=not any(t.legendgroup == "meta" for t in fig.data),
                mode="lines",
                line={"dash": "dash", "width": 2},
            )
    fig.update_layout(
        height=460,
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
        separators=",.",
        plot_bgcolor="white",
        title={
            "text": texto_grafico(f"{serie.codigo} — {serie.nome}"),
            "font": {"size": 15},
            "y": 0.97,
            "yanchor": "top",
        },
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": {"text": ""}},
        xaxis={
            "title": {"text": "Período"},
            "type": "category",
            "showgrid": False,
            "tickangle": -40,
            "automargin": True,
        },
        yaxis={
            "title": {"text": texto_grafico(serie.unidade_medida.capitalize())},
            "gridcolor": "#eeeeee",
            "rangemode": "tozero",
            **_fmt_eixo(serie.tipo),
        },
    )
    return fig


def grafico_comparacao(c: ComparacaoUFs) -> go.Figure:
    """Barras por UF, do maior valor ao menor. A meta anual é nacional: não se desenha por UF."""
    df = c.tabela
    y = df["Valor"].map(lambda v: None if v is None else float(v))
    fig = go.Figure(
        go.Bar(
            x=df["UF"],
            y=y,
            marker={"color": COR_NACIONAL},
            customdata=df[["Estado", "Unidades informantes"]].values,
            hovertemplate=f"%{{customdata[0]}}: {_hover(c.tipo)}<br>Unidades informantes: "
            "%{customdata[1]}<extra></extra>",
        )
    )
    fig.update_layout(
        height=380,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        separators=",.",
        plot_bgcolor="white",
        title={"text": texto_grafico(f"{c.codigo} — {c.nome} em {c.ano}"), "font": {"size": 15}},
        xaxis={"title": {"text": "UF"}, "type": "category"},
        yaxis={
            "title": {"text": texto_grafico(c.unidade_medida.capitalize())},
            "gridcolor": "#eeeeee",
            **_fmt_eixo(c.tipo),
        },
    )
    return fig


def figura_metodos_por_ciclo(resumo: pd.DataFrame) -> go.Figure:
    """Barras empilhadas: registros por método em cada ciclo (de `resumo_por_ciclo`)."""
    metodos = [m for m in METODOS_QUALITATIVOS.values() if m in resumo.columns]
    longo = resumo[["Ciclo", *metodos]].melt(id_vars=["Ciclo"], var_name="Método", value_name="Registros")
    longo = longo[longo["Registros"] > 0]
    maior = int(resumo["Registros"].max()) if len(resumo) else 0
    fig = px.bar(
        longo,
        x="Registros",
        y="Ciclo",
        color="Método",
        orientation="h",
        category_orders={"Método": metodos, "Ciclo": list(resumo["Ciclo"])},
        labels={"Registros": "Registros", "Ciclo": "", "Método": "Método"},
    )
    fig.update_layout(
        height=max(220, 70 * len(resumo) + 100),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        separators=",.",
        legend_title_text="Método",
        barmode="stack",
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"tickformat": ",d", "dtick": max(1, math.ceil(maior / 8))},
    )
    fig.update_traces(hovertemplate="%{y}<br>%{fullData.name}: %{x}<extra></extra>")
    return fig
