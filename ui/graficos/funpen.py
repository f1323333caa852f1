"""Gráficos do índice penitenciário e das cotas (DataFrame → figura Plotly). O mapa por UF
é o `graficos.mapa_ufs` (offline, com `graficos.CONFIG_MAPA`)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.graficos import mapa_ufs


def mapa_cotas(df: pd.DataFrame) -> go.Figure:
    """Mapa do cumprimento das cotas da PNAT por UF (Decreto 9.450/2018, art. 5º): a parte dos
    contratos sujeitos à cota que a cumprem, do vermelho ao verde."""
    return mapa_ufs(
        df, "Contratos que cumprem (%)", rotulo="Cumprem (%)", escala="RdYlGn", hover=["Sujeitos à cota", "Cumprem"]
    )


def barras_ranking(df: pd.DataFrame, coluna: str = "Participação (%)") -> go.Figure:
    """Ranking das UFs pela participação no índice (maior no alto)."""
    dados = df.sort_values(coluna, ascending=True)
    texto = [f"{v:.2f}%".replace(".", ",") for v in dados[coluna]]
    hover = [f"{e} ({u}): {t}" for e, u, t in zip(dados.get("Estado", dados["UF"]), dados["UF"], texto)]
    fig = go.Figure(
        go.Bar(
            x=dados[coluna],
            y=dados["UF"],
            orientation="h",
            text=texto,
            textposition="outside",
            cliponaxis=False,
            marker={"color": "#08519c"},
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.update_layout(
        height=max(320, 22 * len(dados) + 60),
        margin={"l": 10, "r": 40, "t": 10, "b": 10},
        separators=",.",
        yaxis={"title": ""},
        xaxis={"title": coluna, "ticksuffix": "%", "range": [0, float(dados[coluna].max() or 1) * 1.12]},
        plot_bgcolor="white",
    )
    return fig
