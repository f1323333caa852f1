"""Alternativa em texto dos gráficos (ui/graficos/__init__.py: resumo_ufs, resumo_barras): uma frase com o que
o gráfico mostra, em pt-BR, com os números no formato brasileiro."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from ui import graficos


def test_resumo_de_mapa_por_uf():
    df = pd.DataFrame(
        {"UF": ["AC", "PR", "SP"], "Estado": ["Acre", "Paraná", "São Paulo"], "Escritórios Sociais": [0, 3, 1200]}
    )
    frase = graficos.resumo_ufs(df, "Escritórios Sociais")
    assert "2 de 3 UFs com valor acima de zero" in frase
    assert "a maior é São Paulo (1.200)" in frase and "soma de todas as UFs: 1.203" in frase
    vazio = graficos.resumo_ufs(df.assign(**{"Escritórios Sociais": 0}), "Escritórios Sociais")
    assert "nenhuma UF com valor acima de zero" in vazio


def test_resumo_de_mapa_em_percentual_e_em_reais():
    df = pd.DataFrame({"UF": ["AM", "PR"], "Estado": ["Amazonas", "Paraná"], "Cumprem (%)": [0.0, 66.7]})
    frase = graficos.resumo_ufs(df, "Cumprem (%)", unidade="%")
    # 0% é um valor (a UF tem contratos e nenhum cumpre); sem dado é outra coisa
    assert "2 de 2 UFs com dado; a maior é Paraná (66,7%), a menor é Amazonas (0,0%)" in frase and "soma" not in frase
    sem_dado = df.assign(**{"Cumprem (%)": [None, None]})
    assert graficos.resumo_ufs(sem_dado, "Cumprem (%)", unidade="%").endswith("nenhuma UF com dado.")
    rs = pd.DataFrame({"UF": ["PR"], "Estado": ["Paraná"], "Destinado (R$)": [Decimal("1234.5")]})
    assert "Paraná (R$ 1.234,50)" in graficos.resumo_ufs(rs, "Destinado (R$)")


def test_resumo_de_barras():
    df = pd.DataFrame({"Meta": ["a", "b", "c"], "Progresso (%)": [29.0, 10.0, None]})
    frase = graficos.resumo_barras(df, "Meta", "Progresso (%)", unidade="%", rotulo="progresso das metas")
    assert frase == "barras de progresso das metas por meta (2 barras): maior em a (29,0%), menor em b (10,0%)."
    assert graficos.resumo_barras(df.iloc[0:0], "Meta", "Progresso (%)").endswith("sem dados.")


def test_resumo_lido_da_figura():
    import plotly.graph_objects as go

    barras = go.Figure([go.Bar(x=["PR", "SP", "AC"], y=[3, 1200.5, None], name="Escritórios")])
    assert graficos.resumo_figura(barras) == (
        "barras “Escritórios” com 2 valores: maior em SP (1.200,50), menor em PR (3)."
    )
    fluxo = go.Figure(
        [go.Sankey(node={"label": ["a", "b", "c"]}, link={"source": [0, 1], "target": [1, 2], "value": [10, 5]})]
    )
    # 10 de a para b e, dos 10 que chegam a b, 5 seguem para c: o total é o que sai de a
    assert graficos.resumo_figura(fluxo) == "diagrama de fluxo com 3 etapas e 2 ligações, somando 10 na origem."
    duas_origens = go.Figure(
        [
            go.Sankey(
                node={"label": ["a", "x", "b", "c"]},
                link={"source": [0, 1, 2], "target": [2, 2, 3], "value": [4, 6, 10]},
            )
        ]
    )  # a e x alimentam b, que passa tudo a c: o total é 4 + 6, não 20
    assert graficos.resumo_figura(duas_origens).endswith("3 ligações, somando 10 na origem.")
    numpy = go.Figure(
        [
            go.Sankey(
                node={"label": ["a", "b"]},
                link={"source": np.array([0]), "target": np.array([1]), "value": np.array([3.0])},
            )
        ]
    )  # arrays do NumPy ficam como arrays na figura
    assert graficos.resumo_figura(numpy) == "diagrama de fluxo com 2 etapas e 1 ligação, somando 3 na origem."
    linha = go.Figure([go.Scatter(x=["2024-01", "2024-02"], y=[4, 9], name="E07")])
    linha.update_layout(title={"text": "Série"})
    assert graficos.resumo_figura(linha) == "Série: linha “E07” com 2 pontos de 2024-01 a 2024-02, entre 4 e 9."
    assert graficos.resumo_figura(go.Figure()) == "gráfico sem valores para mostrar."
    periodo = go.Figure([go.Bar(y=["1", "2"], x=[30, 40], base=[0, 10], orientation="h")])
    assert graficos.resumo_figura(periodo) == "barras de período com 2 itens."
    um_ponto = go.Figure([go.Scatter(x=["2024-01"], y=[4], name="Meta")])
    assert graficos.resumo_figura(um_ponto) == "linha “Meta” com 1 ponto em 2024-01, de valor 4."
    seis = go.Figure([go.Scatter(x=["2024-01"], y=[i], name=f"S{i}") for i in range(6)])
    assert graficos.resumo_figura(seis).endswith("e mais 2 séries.")
    cinco = go.Figure([go.Scatter(x=["2024-01"], y=[i], name=f"S{i}") for i in range(5)])
    assert graficos.resumo_figura(cinco).endswith("e mais 1 série.")


def test_resumo_do_mapa_ignora_a_camada_cinza_das_ufs_sem_dado():
    """A camada cinza das UFs sem dado é só desenho: o resumo fala dos valores e conta as UFs sem
    dado (antes dizia “maior em AC (0), menor em AC (0)”, lendo a camada cinza)."""
    df = pd.DataFrame({"UF": ["AC", "PR", "SP"], "Completude (%)": [None, 80.0, 45.5]})
    fig = graficos.mapa_ufs(df, "Completude (%)")
    assert len(fig.data) == 2 and fig.data[0].meta == graficos.CAMADA_SEM_DADO
    assert graficos.resumo_figura(fig) == (
        "mapa por UF com 2 valores (1 UF sem dado): maior em PR (80,0%), menor em SP (45,5%)."
    )
    completo = graficos.mapa_ufs(df.fillna({"Completude (%)": 10.0}), "Completude (%)")
    assert len(completo.data) == 1
    assert graficos.resumo_figura(completo) == "mapa por UF com 3 valores: maior em PR (80,0%), menor em AC (10,0%)."


def test_resumo_da_figura_em_percentual_quando_a_escala_ou_o_eixo_diz():
    """A escala de cores “… (%)” do mapa e o sufixo “%” do eixo das barras fazem o resumo falar em
    percentuais; sem eles, o número fica como está (“Escritórios Sociais”, “R$”)."""
    import plotly.graph_objects as go

    df = pd.DataFrame({"UF": ["AC", "PR"], "Escritórios Sociais": [2, 7]})
    assert graficos.resumo_figura(graficos.mapa_ufs(df, "Escritórios Sociais")).endswith(
        "maior em PR (7), menor em AC (2)."
    )
    barras = go.Figure([go.Bar(y=["a", "b"], x=[12.5, 100], orientation="h")])
    assert "maior em b (100), menor em a (12,50)" in graficos.resumo_figura(barras)
    barras.update_xaxes(ticksuffix="%")
    assert "maior em b (100,0%), menor em a (12,5%)" in graficos.resumo_figura(barras)


def test_sankey_quebra_so_os_nomes_longos_da_ultima_coluna():
    """A última coluna do diagrama de fluxo escreve o rótulo à esquerda do nó: um nome longo de destino,
    numa linha só, cobriria o rótulo da coluna anterior (“Escritório Social”). Quebra-se só ele, e o
    texto digitado continua escapado."""
    df = pd.DataFrame(
        {
            "origem": ["Prestação pecuniária", "Acordo de não persecução penal (ANPP)"],
            "uf": ["PB", "PB"],
            "destino_tipo": ["Fundo Municipal", "Escritório Social"],
            "destino": ["Fundo Municipal de Políticas Penais de João Pessoa", "Escritório <S> Patos"],
            "valor": [Decimal("10.00"), Decimal("5.00")],
        }
    )
    rotulos = list(graficos.sankey_fluxos(df).data[0].node.label)
    assert "Fundo Municipal de Políticas<br>Penais de João Pessoa" in rotulos
    assert "Escritório &lt;S&gt; Patos" in rotulos  # curto: numa linha
    assert "Acordo de não persecução penal (ANPP)" in rotulos  # primeira coluna: rótulo à direita, sem quebra
