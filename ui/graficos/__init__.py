"""Gráficos (DataFrame → figura Plotly). Nada aqui desenha na tela nem consulta
o banco. Mapas usam o GeoJSON das UFs e o topojson servidos de static/, para
funcionar sem internet (data/README.md)."""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from comum.formatos import dinheiro, numero, quantidade, texto_pct

# O idioma pt-BR do Plotly (barra de ferramentas, dicas, nomes de meses e dias, formato de data),
# entregue dentro da configuração de cada gráfico (`config["locales"]`, que o Plotly aceita por
# gráfico): o Plotly do Streamlit 1.67 (plotly.js 3.8) só traz o en-US, e `locale: "pt-BR"` sozinho
# caía no inglês. Nada é baixado: o dicionário vai com a figura. Os textos são os que o plotly.js
# 3.8 passa à tradução (conferidos no pacote do Streamlit); os separadores de número (`,` decimal,
# `.` de milhar) vão em `layout.separators` de cada figura.
IDIOMA_PLOTLY = {
    "dictionary": {
        "Autoscale": "Escala automática",
        "Box Select": "Selecionar uma área",
        "Compare data on hover": "Comparar os dados ao passar o mouse",
        "Double-click on legend to isolate one trace": "Clique duas vezes na legenda para isolar uma série",
        "Double-click to zoom back out": "Clique duas vezes para voltar ao tamanho original",
        "Download plot": "Baixar o gráfico",
        "Download plot as a PNG": "Baixar o gráfico como PNG",
        "Download plot as a png": "Baixar o gráfico como PNG",
        "Download plot as JSON": "Baixar o gráfico como JSON",
        "Image download succeeded": "Imagem baixada",
        "JSON download succeeded": "JSON baixado",
        "Lasso Select": "Selecionar à mão livre",
        "Orbital rotation": "Rotação orbital",
        "Pan": "Mover",
        "Preparing image - this may take a few seconds": "Preparando a imagem: pode levar alguns segundos",
        "Produced with Plotly.js": "Feito com o Plotly.js",
        "Reset": "Restaurar",
        "Reset axes": "Restaurar os eixos",
        "Reset camera to default": "Restaurar a câmera padrão",
        "Reset camera to last save": "Restaurar a última câmera salva",
        "Reset view": "Restaurar a visão",
        "Reset views": "Restaurar as visões",
        "Show closest data on hover": "Mostrar o dado mais próximo ao passar o mouse",
        "Sorry, there was a problem downloading your image!": "Não foi possível baixar a imagem.",
        "Sorry, there was a problem downloading your JSON file!": "Não foi possível baixar o arquivo JSON.",
        "Taking snapshot - this may take a few seconds": "Preparando a imagem: pode levar alguns segundos",
        "Snapshot succeeded": "Imagem pronta",
        "Toggle Spike Lines": "Ligar ou desligar as linhas de referência",
        "Toggle show closest data on hover": "Ligar ou desligar o dado mais próximo ao passar o mouse",
        "Turntable rotation": "Rotação de mesa giratória",
        "Zoom": "Ampliar uma área",
        "Zoom in": "Aproximar",
        "Zoom out": "Afastar",
        "close": "fechamento",
        "high": "máxima",
        "low": "mínima",
        "open": "abertura",
        "new text": "texto novo",
        "trace": "série",
        "max": "máximo",
        "min": "mínimo",
        "mean": "média",
        "median": "mediana",
        "lat": "latitude",
        "lon": "longitude",
        "source": "origem",
        "target": "destino",
    },
    "format": {
        "days": ["Domingo", "Segunda-feira", "Terça-feira", "Quarta-feira", "Quinta-feira", "Sexta-feira", "Sábado"],
        "shortDays": ["Dom", "Seg", "Ter", "Qua", "Qui", "Sex", "Sáb"],
        "months": [
            "Janeiro",
            "Fevereiro",
            "Março",
            "Abril",
            "Maio",
            "Junho",
            "Julho",
            "Agosto",
            "Setembro",
            "Outubro",
            "Novembro",
            "Dezembro",
        ],  # fmt: skip
        "shortMonths": ["Jan", "Fev", "Mar", "Abr", "Mai", "Jun", "Jul", "Ago", "Set", "Out", "Nov", "Dez"],
        "date": "%d/%m/%Y",
        "decimal": ",",
        "thousands": ".",
    },
}
# toda figura passa por ui.comum.grafico, que parte de CONFIG_GRAFICO; CONFIG_MAPA para os mapas
CONFIG_GRAFICO = {"displaylogo": False, "locale": "pt-BR", "locales": {"pt-BR": IDIOMA_PLOTLY}}
CONFIG_MAPA = {**CONFIG_GRAFICO, "topojsonURL": "app/static/"}
# Contornos das UFs pelo endereço (static/br_uf.geojson, relativo à página, como o topojsonURL):
# o navegador os baixa uma vez e guarda; a figura leva só o endereço. Com o GeoJSON dentro da
# figura (159 KB), o Plotly copiava e validava cada coordenada a cada mapa (~0,5 s de servidor
# por mapa, a cada execução) e cada sessão recebia e guardava o arquivo inteiro por mapa.
GEOJSON_UFS = "app/static/br_uf.geojson"


def texto_grafico(valor) -> str:
    """Texto digitado por alguém, pronto para rótulo, título ou dica de uma figura Plotly: o
    Plotly interpreta parte do HTML nesses textos (<b>, <br>, <a href>, <span style>), então
    `<`, `>` e `&` vão como entidades e aparecem literalmente. É o par de `ui.comum.texto_md`
    para as figuras."""
    return html.escape("" if valor is None else str(valor), quote=False)


def quebrar_rotulo(texto: str, largura: int = 22) -> str:
    """`texto` em linhas de até `largura` caracteres, quebradas entre palavras (`<br>` do Plotly):
    um rótulo longo de eixo cabe num celular sem ser cortado nem ocupar metade do gráfico. Uma
    palavra maior que a largura fica inteira na sua linha."""
    linhas: list[str] = []
    for palavra in str(texto).split():
        if linhas and len(linhas[-1]) + 1 + len(palavra) <= largura:
            linhas[-1] += " " + palavra
        else:
            linhas.append(palavra)
    return "<br>".join(linhas)


# legenda abaixo da área do gráfico, ancorada no rodapé da figura: o Plotly aumenta a margem de baixo
# para ela e a área do gráfico fica com a largura toda (a legenda à direita a espremia num celular)
LEGENDA_ABAIXO = {
    "orientation": "h",
    "yref": "container",
    "y": 0,
    "yanchor": "bottom",
    "x": 0,
    "xanchor": "left",
    "title": {"text": ""},
}


MARGEM_MINIMA_PX = 20


def para_telas(fig: go.Figure) -> go.Figure:
    """A figura pronta para qualquer largura de tela (celular de 390 px ao monitor e à imagem do
    relatório): largura pela do contêiner, legenda abaixo do gráfico, margens que crescem para
    caber os rótulos dos eixos e a barra de cores dos mapas na horizontal, abaixo do mapa. Chamada
    por `ui.comum.grafico` e pelo relatório em PDF; um gráfico que já põe a legenda na horizontal
    (o cronograma) fica com a dele."""
    fig.update_layout(autosize=True)
    legenda = fig.layout.legend
    if legenda.orientation != "h":
        fig.update_layout(legend=LEGENDA_ABAIXO)
    # folga mínima nas bordas: o título do eixo (“Progresso (%)”) com margem de 10 px perdia a base
    margem = fig.layout.margin
    fig.update_layout(margin={lado: max(MARGEM_MINIMA_PX, getattr(margem, lado) or 0) for lado in ("l", "r", "t", "b")})
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True, ticklabelstandoff=6)  # rótulos de categoria sem encostar nas barras
    if fig.layout.coloraxis.colorbar is not None and any(tr.type == "choropleth" for tr in fig.data):
        fig.update_layout(
            coloraxis_colorbar={
                "orientation": "h",
                "yref": "container",
                "y": 0,
                "yanchor": "bottom",
                "x": 0.5,
                "xanchor": "center",
                "thickness": 14,
                "len": 0.9,
                "title": {"side": "top"},
            }
        )
    return fig


CAMADA_SEM_DADO = "camada das UFs sem dado"  # `meta` do traço cinza: só desenho, fora do resumo em texto


def mapa_ufs(
    df: pd.DataFrame,
    coluna: str,
    *,
    titulo: str = "",
    rotulo: str | None = None,
    escala: str = "Blues",
    hover: list[str] | None = None,
) -> go.Figure:
    """Coroplético do Brasil por UF. `df` precisa da coluna `UF` (sigla) e de `coluna`."""
    rotulo = rotulo or coluna
    inteiros = pd.api.types.is_integer_dtype(df[coluna])
    maximo = float(df[coluna].max()) if len(df) else 0.0
    fig = px.choropleth(
        df,
        geojson=GEOJSON_UFS,
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
        coloraxis_colorbar={
            "title": {"text": rotulo},
            "tickformat": ",d" if inteiros else ",.2~f",
            "dtick": max(1, math.ceil(maximo / 5)) if inteiros else None,
        },
        separators=",.",
    )
    fig.update_traces(marker_line_color="white", marker_line_width=0.6)
    if df[coluna].isna().any():
        # UFs sem dado: camada cinza por baixo (o coroplético não desenha valores vazios)
        fig.add_trace(
            go.Choropleth(
                geojson=GEOJSON_UFS,
                locations=df["UF"],
                featureidkey="id",
                z=[0] * len(df),
                colorscale=[[0, "#e5e5e5"], [1, "#e5e5e5"]],
                showscale=False,
                hoverinfo="skip",
                marker={"line": {"color": "white", "width": 0.6}},
                meta=CAMADA_SEM_DADO,
            )
        )
        fig.data = fig.data[-1:] + fig.data[:-1]
    return fig


def barras_por_uf(df: pd.DataFrame, colunas: list[str], *, titulo: str = "") -> go.Figure:
    longo = df.melt(id_vars=["UF"], value_vars=colunas, var_name="Cadastro", value_name="Quantidade")
    fig = px.bar(longo, x="UF", y="Quantidade", color="Cadastro", barmode="group", title=titulo or None)
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 40 if titulo else 10, "b": 0},
        height=360,
        legend_title_text="",
        separators=",.",
        yaxis_title="Quantidade",
        xaxis_title="UF",
    )
    return fig


COR_PREVISTO = "#9ecae1"
COR_PREVISTO_ATRASADA = "#f4a6a6"
COR_EXECUTADO = "#08519c"
COR_HOJE = "#c2185b"


def _rotulo_atividade(numero: int, nome: str, atrasada: bool, limite: int = 48) -> str:
    curto = nome if len(nome) <= limite else nome[: limite - 1].rstrip() + "…"
    texto = f"{numero}. {texto_grafico(curto)}"
    return f"<b>⚠ {texto}</b>" if atrasada else texto


def gantt_cronograma(
    df: pd.DataFrame, rotulos_meses: list[str], *, posicao_hoje: float | None, rotulo_hoje: str = ""
) -> go.Figure:
    """Gantt de um ano do plano: eixo Mês 1–12; por atividade, uma faixa dos meses previstos
    (vermelho claro se a atividade está atrasada) e outra dos executados; linha de hoje.

    `df` vem de `plano.tabela_cronograma` (colunas Nº, Atividade, _previstos, _executados,
    _atrasada)."""
    rotulos_y = [_rotulo_atividade(int(r["Nº"]), r["Atividade"], bool(r["_atrasada"])) for _, r in df.iterrows()]
    fig = go.Figure()
    series = [  # em barras horizontais agrupadas, o primeiro traço fica embaixo: executado sob o previsto
        ("Executado", "_executados", lambda r: COR_EXECUTADO),
        ("Previsto", "_previstos", lambda r: COR_PREVISTO_ATRASADA if r["_atrasada"] else COR_PREVISTO),
    ]
    for nome, coluna, cor in series:
        xs, bases, ys, cores, hover = [], [], [], [], []
        for (_, r), rot in zip(df.iterrows(), rotulos_y):
            for m in r[coluna]:
                xs.append(1)
                bases.append(m - 0.5)
                ys.append(rot)
                cores.append(cor(r))
                hover.append(
                    f"{r['Nº']}. {texto_grafico(r['Atividade'])}<br>{rotulos_meses[m - 1].replace('<br>', ' ')}: "
                    f"{nome.lower()}"
                    + (
                        f"<br>Atrasada: {texto_grafico(r['Motivo do atraso'])}"
                        if r["_atrasada"] and nome == "Previsto"
                        else ""
                    )
                )
        fig.add_trace(
            go.Bar(
                name=nome,
                x=xs,
                base=bases,
                y=ys,
                orientation="h",
                marker={"color": cores, "line": {"width": 0}},
                hovertext=hover,
                hoverinfo="text",
                offsetgroup=nome,
            )
        )
    fig.add_trace(
        go.Bar(
            name="Previsto (atividade atrasada)",
            x=[None],
            y=[rotulos_y[0]] if rotulos_y else [None],
            orientation="h",
            marker={"color": COR_PREVISTO_ATRASADA},
            showlegend=True,
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        barmode="group",
        bargap=0.25,
        bargroupgap=0.05,
        height=110 + 46 * max(1, len(df)),
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        separators=",.",
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.01,
            "x": 0,
            "title": {"text": ""},
            "traceorder": "reversed",
        },
        xaxis={
            "range": [0.5, 12.5],
            "tickvals": list(range(1, 13)),
            "ticktext": rotulos_meses,
            "side": "top",
            "showgrid": True,
            "gridcolor": "#eeeeee",
            "zeroline": False,
            "fixedrange": True,
        },
        yaxis={
            "categoryorder": "array",
            "categoryarray": list(reversed(rotulos_y)),
            "automargin": True,
            "fixedrange": True,
        },
        plot_bgcolor="white",
    )
    for m in range(1, 13):  # divisões entre meses
        fig.add_vline(x=m + 0.5, line_width=1, line_color="#e5e5e5")
    if posicao_hoje is not None:
        fig.add_vline(x=posicao_hoje, line_width=2.5, line_dash="dash", line_color=COR_HOJE)
        fig.add_annotation(
            x=posicao_hoje,
            y=0,
            yref="paper",
            yanchor="bottom",
            xanchor="left",
            xshift=4,
            text=rotulo_hoje or "Hoje",
            showarrow=False,
            font={"color": COR_HOJE, "size": 12},
            bgcolor="rgba(255,255,255,0.85)",
        )
    return fig


def barras_progresso_metas(df: pd.DataFrame) -> go.Figure:
    """Progresso (%) de cada meta, de `plano.tabela_metas`."""
    dados = df.assign(Progresso=df["Progresso (%)"].fillna(0))
    rot = [
        f"{p:.0f}%".replace(".", ",") if pd.notna(v) else "sem atividades"
        for p, v in zip(dados["Progresso"], df["Progresso (%)"])
    ]
    fig = go.Figure(
        go.Bar(
            x=dados["Progresso"],
            y=[f"Meta {m}" for m in dados["Meta"]],
            orientation="h",
            text=rot,
            textposition="outside",
            cliponaxis=False,  # o rótulo de 100% fora da barra não é cortado na borda
            marker={"color": "#08519c"},
            hovertext=[texto_grafico(t[:140] + ("…" if len(t) > 140 else "")) for t in dados["Texto"]],
            hoverinfo="text",
        )
    )
    fig.update_layout(
        height=300,
        margin={"l": 10, "r": 40, "t": 10, "b": 10},
        separators=",.",
        xaxis={"range": [0, 110], "title": "Progresso (%)", "ticksuffix": "%"},
        yaxis={"autorange": "reversed", "automargin": True},
        plot_bgcolor="white",
    )
    return fig


def _reais(v) -> str:
    return dinheiro(v)


def sankey_fluxos(df: pd.DataFrame) -> go.Figure:
    """Sankey origem → UF → tipo de destino → destino, de `recursos.dados_sankey` (colunas
    origem, uf, destino_tipo, destino, valor). Rótulos e valores em pt-BR."""
    niveis = [("origem", ""), ("uf", "UF "), ("destino_tipo", ""), ("destino", "")]
    nos: dict[tuple[int, str], int] = {}
    rotulos: list[str] = []
    ultimo = len(niveis) - 1
    for nivel, (col, prefixo) in enumerate(niveis):
        for v in df[col].drop_duplicates():
            nos[(nivel, v)] = len(rotulos)
            rotulo = texto_grafico(f"{prefixo}{v}")
            # a última coluna escreve o rótulo à esquerda do nó: um nome longo de destino (“Fundo Municipal
            # de Políticas Penais de …”) cobriria o rótulo da coluna anterior se fosse numa linha só
            rotulos.append(quebrar_rotulo(rotulo, 30) if nivel == ultimo else rotulo)
    origem, alvo, valor, hover = [], [], [], []
    for nivel in range(len(niveis) - 1):
        a, b = niveis[nivel][0], niveis[nivel + 1][0]
        g = df.groupby([a, b], as_index=False)["valor"].sum()
        for _, r in g.iterrows():
            origem.append(nos[(nivel, r[a])])
            alvo.append(nos[(nivel + 1, r[b])])
            valor.append(float(r["valor"]))
            hover.append(f"{texto_grafico(r[a])} → {texto_grafico(r[b])}: {_reais(r['valor'])}")
    cores = ["#08519c", "#3182bd", "#6baed6", "#9ecae1"]
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={
                "label": rotulos,
                "pad": 14,
                "thickness": 14,
                "color": [cores[n] for (n, _), _i in sorted(nos.items(), key=lambda kv: kv[1])],
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": origem,
                "target": alvo,
                "value": valor,
                "customdata": hover,
                "hovertemplate": "%{customdata}<extra></extra>",
                "color": "rgba(8,81,156,0.18)",
            },
        )
    )
    fig.update_layout(
        height=max(420, 22 * len(rotulos)),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        separators=",.",
        font={"size": 12},
    )
    return fig


def barras_em_reais_por_origem(dados: pd.DataFrame, x: str, *, altura: int, rotulos: dict) -> go.Figure:
    """Barras empilhadas de `dados["Valor"]` (float) por `x` e “Origem”, eixo em R$ sem centavos."""
    fig = px.bar(dados, x=x, y="Valor", color="Origem", labels=rotulos)
    fig.update_layout(
        height=altura,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        separators=",.",
        legend_title_text="",
        yaxis_tickformat=",.0f",
        yaxis_tickprefix="R$ ",
    )
    return fig


def serie_mensal_por_origem(df: pd.DataFrame) -> go.Figure:
    """Barras empilhadas por mês (AAAA-MM) e origem, de `recursos.serie_mensal`."""
    dados = df.assign(Valor=df["Valor"].map(float), Mês=pd.to_datetime(df["Mês"] + "-01"))
    fig = barras_em_reais_por_origem(dados, "Mês", altura=400, rotulos={"Valor": "Valor (R$)", "Mês": ""})
    fig.update_layout(
        xaxis_tickformat="%m/%Y",
        bargap=0.1,
    )
    fig.update_traces(hovertemplate="%{x|%m/%Y}: R$ %{y:,.2f}<extra>%{fullData.name}</extra>")
    return fig


def barras_valor(df: pd.DataFrame, categoria: str, valor: str) -> go.Figure:
    """Barras horizontais de valores em reais por categoria (maior no alto)."""
    dados = df.assign(_v=df[valor].map(float))
    maximo = float(dados["_v"].max()) if len(dados) else 0.0
    fig = go.Figure(
        go.Bar(
            x=dados["_v"],
            y=[quebrar_rotulo(texto_grafico(c)) for c in dados[categoria]],
            orientation="h",
            marker={"color": "#2ca25f"},
            text=[_reais(v) for v in df[valor]],
            textposition="auto",
            insidetextanchor="end",
            cliponaxis=False,
            customdata=[texto_grafico(c) for c in dados[categoria]],
            hovertemplate="%{customdata}: %{text}<extra></extra>",
        )
    )
    fig.update_layout(
        height=max(260, 40 * len(df) + 60),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        separators=",.",
        yaxis={"autorange": "reversed", "automargin": True},
        # espaço à direita da maior barra para o valor escrito fora das barras curtas
        xaxis={"tickprefix": "R$ ", "tickformat": ",.0f", "range": [0, maximo * 1.6 or 1], "nticks": 4},
        plot_bgcolor="white",
    )
    return fig


def mapa_recursos_por_uf(df: pd.DataFrame) -> go.Figure:
    """Mapa do valor destinado por UF de origem, em milhares de reais (tabela pública
    `recursos_por_uf`, com a coluna “Destinado (R$)”)."""
    dados = df.assign(**{"Destinado (mil R$)": df["Destinado (R$)"].map(lambda v: float(v) / 1000)})
    return mapa_ufs(dados, "Destinado (mil R$)", rotulo="Destinado (mil R$)", escala="Greens")


def barras_recursos_por_ano(df: pd.DataFrame) -> go.Figure:
    """Barras empilhadas do valor destinado por ano e origem (tabela pública `recursos_por_ano`)."""
    fig = go.Figure(
        [
            go.Bar(
                name=texto_grafico(origem),
                x=grupo["Ano"].astype(str),
                y=grupo["Destinado (R$)"].map(float),
                hovertemplate="%{x}: R$ %{y:,.2f}<extra>" + texto_grafico(origem) + "</extra>",
            )
            for origem, grupo in df.groupby("Origem", sort=True)
        ]
    )
    fig.update_layout(
        barmode="stack",
        height=340,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        separators=",.",
        yaxis={"tickprefix": "R$ ", "tickformat": ",.0f", "title": "Destinado"},
        xaxis={"type": "category", "title": "Ano"},
        plot_bgcolor="white",
    )
    return fig


def resumo_recursos_por_ano(df: pd.DataFrame) -> str:
    """A frase do gráfico `barras_recursos_por_ano`: a soma das origens em cada ano."""
    return resumo_barras(
        df.groupby("Ano", as_index=False)["Destinado (R$)"].sum(), "Ano", "Destinado (R$)", rotulo="destinado"
    )


# --- alternativa em texto (eMAG 3.1, recomendação 3.6; WCAG 2.1, critério 1.1.1) ---------------
# Cada gráfico tem ao lado uma frase com o que ele mostra (desenhada por `ui.comum.resumo_grafico`)
# e, em geral, a tabela dos mesmos dados logo abaixo.


def _valor_texto(coluna: str, v, unidade: str = "") -> str:
    if unidade == "%":
        return texto_pct(float(v))
    if "R$" in coluna:
        return dinheiro(v)
    return numero(v, casas=0 if float(v) == int(float(v)) else 1)


def resumo_ufs(df: pd.DataFrame, coluna: str, *, unidade: str = "") -> str:
    """Uma frase sobre um mapa por UF: quantas UFs têm valor, a de maior valor e o total. Num mapa
    de percentuais, 0% é um valor (a UF tem o que medir e nada cumpre): contam as UFs com dado, e a
    frase diz também a menor."""
    numeros = pd.to_numeric(df[coluna], errors="coerce")
    percentual = unidade == "%"
    validos = df[numeros.notna()] if percentual else df[numeros.fillna(0) > 0]
    criterio = "com dado" if percentual else "com valor acima de zero"
    if validos.empty:
        return f"mapa das UFs por “{coluna}”: nenhuma UF {criterio}."

    def _uf(linha) -> str:
        nome = linha["Estado"] if "Estado" in validos.columns else linha["UF"]
        return f"{nome} ({_valor_texto(coluna, linha[coluna], unidade)})"

    frase = (
        f"mapa das UFs por “{coluna}”: {len(validos)} de {len(df)} UFs {criterio}; a maior é "
        f"{_uf(validos.loc[numeros[validos.index].idxmax()])}"
    )
    if percentual:
        frase += f", a menor é {_uf(validos.loc[numeros[validos.index].idxmin()])}"
    else:
        frase += f"; soma de todas as UFs: {_valor_texto(coluna, validos[coluna].map(float).sum(), unidade)}"
    return frase + ". A tabela por UF traz todos os valores."


def resumo_barras(df: pd.DataFrame, categoria: str, coluna: str, *, unidade: str = "", rotulo: str = "") -> str:
    """Uma frase sobre um gráfico de barras: a maior e a menor barra (e o total, se não for %)."""
    serie = df[[categoria, coluna]].dropna()
    rotulo = rotulo or coluna
    if serie.empty:
        return f"barras de {rotulo} por {categoria.lower()}: sem dados."
    numeros = serie[coluna].map(float)
    maior, menor = serie.loc[numeros.idxmax()], serie.loc[numeros.idxmin()]
    frase = (
        f"barras de {rotulo} por {categoria.lower()} ({len(serie)} barras): maior em {maior[categoria]} "
        f"({_valor_texto(coluna, maior[coluna], unidade)}), menor em {menor[categoria]} "
        f"({_valor_texto(coluna, menor[coluna], unidade)})"
    )
    if unidade != "%":
        frase += f"; total {_valor_texto(coluna, numeros.sum(), unidade)}"
    return frase + "."


def _numero_ou_none(v) -> float | None:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def _itens(valores) -> list:
    """Os valores de um atributo de traço como lista: o Plotly guarda tupla, ou o array do NumPy que
    recebeu (cuja verdade, num `or`, seria a do próprio valor: `array([0]) or []` dá `[]`)."""
    return [] if valores is None else list(valores)


def _num_texto(v: float, percentual: bool = False) -> str:
    if percentual:
        return texto_pct(v)
    return numero(v, casas=0 if float(v).is_integer() else 2)


def _em_percentual(fig: go.Figure, tr) -> bool:
    """O traço mede percentuais: a escala de cores do mapa termina em “(%)” ou o eixo dos valores
    das barras leva o sufixo “%”."""
    if tr.type == "choropleth":
        titulo = fig.layout.coloraxis.colorbar.title.text or ""
        return titulo.rstrip().endswith("(%)")
    if tr.type == "bar":
        eixo = fig.layout.xaxis if tr.orientation == "h" else fig.layout.yaxis
        return eixo.ticksuffix == "%"
    return False


def _resumo_traco(tr, percentual: bool = False) -> str | None:
    """Uma oração sobre um traço da figura (barras, mapa, fluxo, linha ou pizza); None se vazio.
    `percentual`: os valores são percentuais (“80,0%”)."""
    if getattr(tr, "meta", None) == CAMADA_SEM_DADO:
        return None
    nome = f" “{tr.name}”" if getattr(tr, "name", None) else ""
    if tr.type == "bar" and tr.base is not None:  # barras de período (cronograma)
        itens = tr.y if tr.orientation == "h" else tr.x
        return f"barras de período{nome} com {quantidade(len(_itens(itens)), 'item', 'itens')}"
    if tr.type in ("bar", "choropleth", "pie"):
        if tr.type == "bar":
            cats, vals = (tr.y, tr.x) if tr.orientation == "h" else (tr.x, tr.y)
        elif tr.type == "choropleth":
            cats, vals = tr.locations, tr.z
        else:
            cats, vals = tr.labels, tr.values
        pares = [(c, n) for c, v in zip(_itens(cats), _itens(vals)) if (n := _numero_ou_none(v)) is not None]
        if not pares:
            return None
        pares = [(str(c).replace("<br>", " "), n) for c, n in pares]  # rótulos quebrados (`quebrar_rotulo`)
        maior, menor = max(pares, key=lambda p: p[1]), min(pares, key=lambda p: p[1])
        tipo = {"bar": "barras", "choropleth": "mapa por UF", "pie": "setores"}[tr.type]
        sem_dado = len(cats) - len(pares) if tr.type == "choropleth" else 0
        ressalva = f" ({sem_dado} UF sem dado)" if sem_dado == 1 else f" ({sem_dado} UFs sem dado)" if sem_dado else ""
        return (
            f"{tipo}{nome} com {quantidade(len(pares), 'valor', 'valores')}{ressalva}: maior em {maior[0]} "
            f"({_num_texto(maior[1], percentual)}), menor em {menor[0]} ({_num_texto(menor[1], percentual)})"
        )
    if tr.type == "sankey":
        ligacoes = [
            (o, d, n)
            for o, d, v in zip(_itens(tr.link.source), _itens(tr.link.target), _itens(tr.link.value))
            if (n := _numero_ou_none(v)) is not None
        ]
        # o total é o que sai das etapas iniciais (as que nada alimenta): somar todas as ligações
        # contaria o mesmo valor uma vez por coluna do diagrama
        alimentadas = {d for _, d, _ in ligacoes}
        total = sum(n for o, _, n in ligacoes if o not in alimentadas)
        return (
            f"diagrama de fluxo com {quantidade(len(_itens(tr.node.label)), 'etapa', 'etapas')} e "
            f"{quantidade(len(ligacoes), 'ligação', 'ligações')}, "
            f"somando {_num_texto(total)} na origem"
        )
    if tr.type in ("scatter", "scattergl"):
        ys = [n for v in _itens(tr.y) if (n := _numero_ou_none(v)) is not None]
        if not ys:
            return None
        xs = _itens(tr.x)
        if len(ys) == 1:
            quando = f" em {xs[0]}" if xs else ""
            return f"linha{nome} com 1 ponto{quando}, de valor {_num_texto(ys[0])}"
        periodo = f" de {xs[0]} a {xs[-1]}" if xs else ""
        return (
            f"linha{nome} com {quantidade(len(ys), 'ponto', 'pontos')}{periodo}, "
            f"entre {_num_texto(min(ys))} e {_num_texto(max(ys))}"
        )
    return None


def resumo_figura(fig: go.Figure) -> str:
    """A alternativa em texto de qualquer figura do sistema, lida dos próprios dados dela: para cada
    traço, o tipo, quantos valores e os extremos (ou o total, num diagrama de fluxo)."""
    partes = [p for p in (_resumo_traco(tr, _em_percentual(fig, tr)) for tr in fig.data) if p]
    titulo = fig.layout.title.text if fig.layout.title and fig.layout.title.text else ""
    inicio = f"{titulo}: " if titulo else ""
    if not partes:
        return inicio + "gráfico sem valores para mostrar."
    if len(partes) > 4:
        partes = partes[:4] + [f"e mais {quantidade(len(partes) - 4, 'série', 'séries')}"]
    return inicio + "; ".join(partes) + "."
