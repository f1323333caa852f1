"""Exportação em partes (CSV e XLSX de todas as linhas filtradas): mesmo formato da exportação
de uma tabela inteira, fórmulas neutralizadas e escrita parte a parte."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pandas as pd

from comum import exportacao


def _tabela(n: int, inicio: int = 0) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Data": [date(2024, 1, 1 + i % 28) for i in range(inicio, inicio + n)],
            "Órgão": ['=HYPERLINK("x")' if i == 0 else f"Órgão {i}" for i in range(inicio, inicio + n)],
            "Valor (R$)": [Decimal(f"{i}.5") for i in range(inicio, inicio + n)],
            "Fluxos": list(range(inicio, inicio + n)),
        }
    )


def test_csv_em_partes_igual_ao_csv_da_tabela_inteira():
    partes = [_tabela(3), _tabela(4, 3), _tabela(0, 7), _tabela(2, 7)]
    destino = io.BytesIO()
    assert exportacao.escrever_csv(iter(partes), destino) == 9
    texto = destino.getvalue()
    assert texto == exportacao.para_csv(pd.concat([p for p in partes if len(p)], ignore_index=True))
    assert texto.startswith(b"\xef\xbb\xbfData;\xc3\x93rg\xc3\xa3o;Valor (R$);Fluxos\r\n")
    assert texto.count(b"Data;") == 1  # um só cabeçalho
    assert b"'=HYPERLINK" in texto and b";0,50;" in texto


def test_xlsx_em_partes_no_modo_de_escrita_continua():
    destino = io.BytesIO()
    avisos = []
    assert exportacao.escrever_xlsx((_tabela(5, i * 5) for i in range(3)), destino, ao_escrever=avisos.append) == 15
    assert avisos == [5, 10, 15]
    folha = openpyxl.load_workbook(io.BytesIO(destino.getvalue())).active
    linhas = list(folha.iter_rows(values_only=True))
    assert linhas[0] == ("Data", "Órgão", "Valor (R$)", "Fluxos") and len(linhas) == 16
    assert linhas[1][1] == '\'=HYPERLINK("x")'  # texto, não fórmula
    assert folha["B2"].data_type == "s"
    assert folha["A2"].number_format == "DD/MM/YYYY" and folha["A2"].value.date() == date(2024, 1, 1)
    assert linhas[15][2] == 14.5 and linhas[15][3] == 14
    assert folha.freeze_panes == "A2"


def test_escreve_cada_parte_antes_de_pedir_a_proxima():
    """Memória: a parte já escrita não precisa ficar viva — o arquivo cresce a cada parte, antes
    de a seguinte ser lida."""
    destino = io.BytesIO()
    tamanhos = []

    def partes():
        for i in range(4):
            tamanhos.append(destino.tell())
            yield _tabela(50, i * 50)

    exportacao.escrever_csv(partes(), destino)
    assert tamanhos[0] == 3  # só o BOM
    assert all(b > a for a, b in zip(tamanhos, tamanhos[1:], strict=False))
