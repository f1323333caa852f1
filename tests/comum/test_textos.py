"""Colunas de planilha fora do modelo (comum/textos.py): as de nome desconhecido e as sem nome com
dados são listadas, para a importação dizer o que não leu."""

from __future__ import annotations

import pytest

from comum.textos import aviso_colunas_ignoradas, colunas_fora_do_modelo, somente_algarismos


def test_colunas_fora_do_modelo():
    linhas = [["UF", "Valor (R$)", "Extra", None, "", "x" * 100], ["PR", "1,00", "a", "dado", None, ""], ["SC"]]
    conhecidas = {"uf", "valor r$"}
    assert colunas_fora_do_modelo(linhas, conhecidas.__contains__) == ("Extra", "x" * 80, "coluna 4 (sem nome)")
    assert colunas_fora_do_modelo([["UF", None], ["PR", " "]], conhecidas.__contains__) == ()


def test_aviso_das_colunas_ignoradas():
    assert aviso_colunas_ignoradas(()) == ""
    assert aviso_colunas_ignoradas(("Obs",)).startswith("1 coluna(s) fora do modelo não foram lidas: “Obs”.")


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("3205309", True),
        ("0", True),
        ("", False),
        ("²", False),  # str.isdigit() diz que sim; int() recusa
        ("١٢٣", False),  # algarismos arábico-índicos: int() leria 123
        ("12a", False),
        ("-1", False),
        (" 1", False),
        ("9" * 18, True),
        ("9" * 19, False),  # acima do máximo padrão
        ("9" * 5000, False),  # int() recusaria (mais de 4.300 algarismos)
    ],
)
def test_somente_algarismos(texto, esperado):
    assert somente_algarismos(texto) is esperado


def test_somente_algarismos_com_maximo():
    assert somente_algarismos("1234567", 7) and not somente_algarismos("12345678", 7)
