"""Mensagens de erro (core/erros.py): um valor citado nunca passa de 80 caracteres (issue #16: a
mensagem de uma célula de 50 MB devolvia a célula inteira)."""

from __future__ import annotations

from core.erros import CITACAO_MAX, ErroValidacao, Problema, trecho


def test_trecho_corta_em_80_e_tira_quebras_de_linha():
    assert trecho("curto") == "curto" and trecho(None) == ""
    assert trecho("x" * 81) == "x" * 80 + "…"
    assert trecho("a\r\nb\nc") == "a b c"
    assert len(trecho("y" * 50_000_000)) == CITACAO_MAX + 1


def test_problema_encurta_o_que_vem_entre_aspas():
    p = Problema("valor", f"valor “{'9' * 10_000}” não é número", 3)
    assert p.mensagem == f"valor “{'9' * 80}…” não é número"
    curto = Problema("UF", "“XX” não é uma UF")
    assert curto.mensagem == "“XX” não é uma UF"
    assert len(Problema("c" * 500, "m").campo) == CITACAO_MAX + 1
    assert len(str(ErroValidacao(p))) < 200
