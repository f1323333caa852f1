"""Gráficos (DataFrame → figura Plotly). Nada aqui desenha na tela nem consulta
o banco. Mapas usam o GeoJSON local das UFs e o topojson servido de static/,
para funcionar sem internet (data/README.md)."""
from __future__ import annotations

import json
import math
from functools import lru_cache

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from services.config import RAIZ

# passar em st.plotly_chart(..., config=CONFIG_MAPA) para todo gráfico geo
CONFIG_MAPA = {"topojsonURL": "app/static/", "displaylogo": False, "locale": "pt-BR"}
CONFIG_GRAFICO = {"displaylogo": False, "locale": "pt-BR"}


@lru_cache(maxsize=1)
def geojson_ufs() -> dict:
    with (RAIZ / "data" / "br_uf.geojson").open(encoding="utf-8") as f:
        return json.load(f)


def mapa_ufs(df: pd.DataFrame, coluna: str, *, titulo: str = "", rotulo: str | None = None,
             escala: str = "Blues", hover: list[str] | None = None) -> go.Figure:
    """Coroplético do Brasil por UF. `df` precisa da coluna `UF` (sigla) e de `coluna`."""
    rotulo = rotulo or coluna
    inteiros = pd.api.types.is_integer_dtype(df[coluna])
    maximo = float(df[coluna].max()) if len(df) else 0.0
    fig = px.choropleth(
        df,
        geojson=geojson_ufs(),
        locations="UF",
        featureidkey="id",
        color=coluna,
        color_continuous_scale=escala,
        hover_name="Estado" if "Estado" in df.columns else "UF",
        hover_data={c: True for c in (hover or [])} | {"UF": False},
        labels={coluna: rotulo},
        title=titulo or None,
    )
    fig.update_geos(fitbounds="locations", visible=False)
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 40 if titulo else 0, "b": 0},
        height=480,
        coloraxis_colorbar={"title": {"text": rotulo}, "tickformat": ",d" if inteiros else ",.2~f",
                            "dtick": max(1, math.ceil(maximo / 5)) if inteiros else None},
        separators=",.",
    )
    fig.update_traces(marker_line_color="white", marker_line_width=0.6)
    return fig


def barras_por_uf(df: pd.DataFrame, colunas: list[str], *, titulo: str = "") -> go.Figure:
    longo = df.melt(id_vars=["UF"], value_vars=colunas, var_name="Cadastro", value_name="Quantidade")
    fig = px.bar(longo, x="UF", y="Quantidade", color="Cadastro", barmode="group", title=titulo or None)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 40 if titulo else 10, "b": 0}, height=360,
                      legend_title_text="", separators=",.", yaxis_title="Quantidade", xaxis_title="UF")
    return fig
