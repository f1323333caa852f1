"""Exportação de tabelas para CSV (Excel pt-BR) e XLSX.

CSV: UTF-8 com BOM, separador `;`, vírgula decimal, datas DD/MM/AAAA.
Em toda exportação, células de texto que uma planilha executaria como fórmula
(começando com `=`, `+`, `-`, `@`, tabulação ou retorno) recebem um apóstrofo
na frente (neutralização de injeção de fórmulas, OWASP "CSV Injection").
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pandas as pd

from comum.formatos import data, data_hora

INICIOS_PERIGOSOS = ("=", "+", "-", "@", "\t", "\r")


def neutralizar(valor):
    if isinstance(valor, str) and valor.startswith(INICIOS_PERIGOSOS):
        return "'" + valor
    return valor


def preparar_tabela(df: pd.DataFrame, *, para_csv: bool) -> pd.DataFrame:
    """Cópia de `df` pronta para exportar: fórmulas neutralizadas (`neutralizar`), listas em texto
    separado por “; ” e, no CSV, datas DD/MM/AAAA e valores com vírgula decimal; na planilha,
    datas e números como tipos nativos (sem fuso)."""
    saida = df.copy()
    for coluna in saida.columns:
        serie = saida[coluna]
        if serie.dtype == object or pd.api.types.is_string_dtype(serie):

            def conv(v):
                if isinstance(v, datetime):
                    return data_hora(v) if para_csv else v.replace(tzinfo=None)
                if isinstance(v, date):
                    return data(v) if para_csv else v
                if isinstance(v, Decimal):
                    return (f"{v:.2f}".replace(".", ",")) if para_csv else float(v)
                if isinstance(v, float) and not isinstance(v, bool):  # numa coluna mista (ex.: com vazios)
                    return (repr(v).replace(".", ",") if v == v else None) if para_csv else v
                if isinstance(v, (list, tuple)):
                    v = "; ".join(map(str, v))
                return neutralizar(v)

            saida[coluna] = serie.map(conv)
        elif pd.api.types.is_datetime64_any_dtype(serie):
            saida[coluna] = serie.dt.strftime("%d/%m/%Y") if para_csv else serie
    return saida


def para_csv(df: pd.DataFrame) -> bytes:
    texto = preparar_tabela(df, para_csv=True).to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return texto.encode("utf-8-sig")


def escritor_xlsx(destino) -> pd.ExcelWriter:
    """O `ExcelWriter` de toda planilha que o sistema gera: datas em DD/MM/AAAA e texto sempre
    como texto (nada que comece com “=” vira fórmula, nenhum endereço vira link)."""
    return pd.ExcelWriter(
        destino,
        engine="xlsxwriter",
        date_format="dd/mm/yyyy",
        datetime_format="dd/mm/yyyy hh:mm",
        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}},
    )


def para_xlsx(df: pd.DataFrame, aba: str = "Dados") -> bytes:
    buf = io.BytesIO()
    with escritor_xlsx(buf) as w:
        tabela = preparar_tabela(df, para_csv=False)
        tabela.to_excel(w, sheet_name=aba[:31], index=False)
        folha = w.sheets[aba[:31]]
        formato_data = w.book.add_format({"num_format": "dd/mm/yyyy"})
        for i, coluna in enumerate(tabela.columns):
            largura = min(60, max(10, len(str(coluna)) + 2, *(len(str(v)) + 2 for v in tabela[coluna].head(200))))
            eh_data = tabela[coluna].map(lambda v: isinstance(v, date)).any() if len(tabela) else False
            folha.set_column(i, i, largura, formato_data if eh_data else None)
        folha.freeze_panes(1, 0)
    return buf.getvalue()
