"""Colunas de planilha fora do modelo (comum/textos.py): as de nome desconhecido e as sem nome com
dados são listadas, para a importação dizer o que não leu."""

from __future__ import annotations

from comum.textos import aviso_colunas_ignoradas, colunas_fora_do_modelo


def test_colunas_fora_do_modelo():
    linhas = [["UF", "Valor (R$)", "Extra", None, "", "x" * 100], ["PR", "1,00", "a", "dado", None, ""], ["SC"]]
    conhecidas = {"uf", "valor r$"}
    assert colunas_fora_do_modelo(linhas, conhecidas.__contains__) == ("Extra", "x" * 80, "coluna 4 (sem nome)")
    assert colunas_fora_do_modelo([["UF", None], ["PR", " "]], conhecidas.__contains__) == ()


def test_aviso_das_colunas_ignoradas():
    assert aviso_colunas_ignoradas(()) == ""
    assert aviso_colunas_ignoradas(("Obs",)).startswith("1 coluna(s) fora do modelo não foram lidas: “Obs”.")
