"""Idioma da tela (issue #17, item 6). Nenhuma tabela mostra “None”, “nan” ou “NaT” (issue #17, item 6): a célula vazia vira “—” na camada
de formatação (`ui.comum.tabela_exportavel` e `formatar_colunas`); as exportações continuam com os
valores crus. Antes, a tabela pública de cotas por UF mostrava “None” nas UFs sem contrato sujeito."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from comum import formatos
from ui.comum import formatar_colunas


def _tabela():
    from datetime import date

    import numpy as np
    import pandas as pd
    import streamlit as st

    from ui.comum import tabela_exportavel

    df = pd.DataFrame(
        {
            "UF": ["AC", "BA", None],
            "Contratos que cumprem (%)": [None, 100.0, 50.0],
            "Pessoas": [np.nan, 1234.0, 2.0],
            "Valor (R$)": [np.nan, 1234.5, 10.0],
            "Ano": [2024.0, np.nan, 2025.0],
            "Quando": [None, date(2024, 3, 1), date(2024, 4, 2)],
            "Nota": ["ok", np.nan, "—"],
        }
    )
    tabela_exportavel(
        df,
        "t",
        chave="t",
        formatos_colunas={
            "Valor (R$)": st.column_config.NumberColumn(format="R$ %.2f"),
            "Contratos que cumprem (%)": st.column_config.NumberColumn(format="%.1f%%"),
        },
    )


def test_tabela_exportavel_sem_none_nan_nat():
    at = AppTest.from_function(_tabela).run()
    assert not at.exception
    mostrado = at.dataframe[0].value
    textos = {str(v) for v in mostrado.to_numpy().ravel()}
    assert not textos & {"None", "nan", "NaN", "NaT", "<NA>"}, textos
    assert list(mostrado["Contratos que cumprem (%)"]) == ["—", "100,0%", "50,0%"]
    assert list(mostrado["Pessoas"]) == ["—", "1.234", "2"]
    assert list(mostrado["Valor (R$)"]) == ["—", "R$ 1.234,50", "R$ 10,00"]
    assert list(mostrado["Ano"]) == ["2024", "—", "2025"]  # ano sem ponto de milhar
    assert list(mostrado["Quando"]) == ["—", "01/03/2024", "02/04/2024"]
    assert list(mostrado["UF"]) == ["AC", "BA", "—"] and list(mostrado["Nota"]) == ["ok", "—", "—"]


def _tabela_cheia():
    import pandas as pd

    from ui.comum import tabela_exportavel

    tabela_exportavel(pd.DataFrame({"Pessoas": [1, 2]}), "t", chave="t")


def test_coluna_numerica_sem_vazios_continua_numero():
    at = AppTest.from_function(_tabela_cheia).run()
    assert not at.exception
    assert pd.api.types.is_numeric_dtype(at.dataframe[0].value["Pessoas"])


def test_formatar_colunas_poe_traco_na_celula_vazia():
    df = pd.DataFrame({"Valor": [Decimal("1.5"), None, np.nan], "Data": [date(2024, 1, 2), pd.NaT, None]})
    saida = formatar_colunas(df, {"Valor": formatos.dinheiro, "Data": formatos.data})
    assert list(saida["Valor"]) == ["R$ 1,50", "—", "—"]
    assert list(saida["Data"]) == ["02/01/2024", "—", "—"]


def _grafico():
    import plotly.graph_objects as go

    from ui.comum import grafico

    grafico(go.Figure(go.Bar(x=["a"], y=[1])), resumo="Um.", key="g1")
    grafico(go.Figure(go.Bar(x=["a"], y=[1])), resumo="Dois.", key="g2", config={"scrollZoom": False})


def test_grafico_leva_o_idioma_pt_br_do_plotly():
    """O dicionário pt-BR vai na configuração de cada gráfico (sem script baixado da internet), também
    quando a página passa a sua configuração."""
    import json

    at = AppTest.from_function(_grafico).run()
    assert not at.exception
    for el in at.get("plotly_chart"):
        config = json.loads(el.proto.config)
        assert config["locale"] == "pt-BR" and config["displaylogo"] is False
        idioma = config["locales"]["pt-BR"]
        assert idioma["dictionary"]["Download plot as a PNG"] == "Baixar o gráfico como PNG"
        assert idioma["format"]["months"][2] == "Março" and idioma["format"]["decimal"] == ","
    assert json.loads(at.get("plotly_chart")[1].proto.config)["scrollZoom"] is False
