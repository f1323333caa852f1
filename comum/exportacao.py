"""Exportação de tabelas para CSV (Excel pt-BR) e XLSX.

CSV: UTF-8 com BOM, separador `;`, vírgula decimal, datas DD/MM/AAAA.
Tabelas grandes (todas as linhas filtradas, não só a página da tela) se escrevem em partes
(`escrever_csv`, `escrever_xlsx`): cada parte lida do banco vai para o arquivo e é descartada, e
o XLSX usa o modo de escrita contínua do openpyxl (`write_only`), sem montar a planilha na memória.
Em toda exportação, células de texto que uma planilha executaria como fórmula
(começando com `=`, `+`, `-`, `@`, tabulação ou retorno) recebem um apóstrofo
na frente (neutralização de injeção de fórmulas, OWASP "CSV Injection").
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import BinaryIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

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


def _csv_da_parte(df: pd.DataFrame, *, cabecalho: bool) -> str:
    return preparar_tabela(df, para_csv=True).to_csv(
        sep=";", decimal=",", index=False, header=cabecalho, lineterminator="\r\n"
    )


def escrever_csv(
    partes: Iterable[pd.DataFrame], destino: BinaryIO, *, ao_escrever: Callable[[int], None] | None = None
) -> int:
    """Escreve em `destino` o CSV das `partes` (mesmas colunas, na ordem), uma de cada vez, no
    mesmo formato de `para_csv`; chama `ao_escrever(linhas até agora)` a cada parte. Devolve o
    número de linhas."""
    destino.write(codecs.BOM_UTF8)
    linhas, primeira = 0, True
    for parte in partes:
        destino.write(_csv_da_parte(parte, cabecalho=primeira).encode("utf-8"))
        linhas, primeira = linhas + len(parte), False
        if ao_escrever:
            ao_escrever(linhas)
    return linhas


def _valor_xlsx(folha, valor):
    if valor is None or (isinstance(valor, float) and valor != valor) or valor is pd.NaT:
        return None
    if hasattr(valor, "item") and not isinstance(valor, (str, bytes)):  # numpy → Python
        valor = valor.item()
    if isinstance(valor, pd.Timestamp):
        valor = valor.to_pydatetime()
    if isinstance(valor, datetime):
        celula = WriteOnlyCell(folha, value=valor.replace(tzinfo=None))
        celula.number_format = "DD/MM/YYYY HH:MM"
        return celula
    if isinstance(valor, date):
        celula = WriteOnlyCell(folha, value=valor)
        celula.number_format = "DD/MM/YYYY"
        return celula
    if isinstance(valor, str):
        # já neutralizado (`neutralizar`); e sem caracteres de controle, que o XLSX não aceita
        celula = WriteOnlyCell(folha, value=ILLEGAL_CHARACTERS_RE.sub("", valor))
        celula.data_type = "s"  # texto é texto: nada vira fórmula
        return celula
    return valor


def escrever_xlsx(
    partes: Iterable[pd.DataFrame],
    destino: BinaryIO,
    *,
    aba: str = "Dados",
    ao_escrever: Callable[[int], None] | None = None,
) -> int:
    """Escreve em `destino` a planilha das `partes` (mesmas colunas, na ordem) em modo de escrita
    contínua: datas como datas DD/MM/AAAA, números como números, texto neutralizado como em
    `para_xlsx`. Chama `ao_escrever(linhas até agora)` a cada parte; devolve o número de linhas."""
    livro = Workbook(write_only=True)
    folha = livro.create_sheet(aba[:31])
    folha.freeze_panes = "A2"
    linhas, primeira = 0, True
    for parte in partes:
        tabela = preparar_tabela(parte, para_csv=False)
        if primeira:
            primeira = False
            for i, coluna in enumerate(tabela.columns):
                largura = min(60, max(10, len(str(coluna)) + 2, *(len(str(v)) + 2 for v in tabela[coluna].head(200))))
                folha.column_dimensions[get_column_letter(i + 1)].width = largura
            folha.append([str(c) for c in tabela.columns])
        for linha in tabela.itertuples(index=False, name=None):
            folha.append([_valor_xlsx(folha, v) for v in linha])
        linhas += len(tabela)
        if ao_escrever:
            ao_escrever(linhas)
    livro.save(destino)
    return linhas
