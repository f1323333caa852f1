"""Glossário: um sentido por termo, docs/glossario.md igual ao gerado, as funções citadas
existem, e “Destinado” é o mesmo número na página Recursos e no painel público."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest

from dominio.publico import consultas, glossario
from dominio.recursos import servicos as recursos
from dominio.recursos.regras import etapas_a_partir_de, valores_acumulados
from tests.conftest import RAIZ


def test_docs_glossario_e_o_gerado_do_modulo():
    assert (RAIZ / "docs" / "glossario.md").read_text(encoding="utf-8") == glossario.em_markdown(), (
        "docs/glossario.md desatualizado: rode .venv/bin/python -m dominio.publico.glossario > docs/glossario.md"
    )


def test_um_sentido_por_termo_e_funcoes_citadas_existem():
    nomes = [t.termo for t in glossario.TERMOS]
    assert len(nomes) == len(set(nomes))
    for t in glossario.TERMOS:
        assert t.definicao.strip() and t.onde.strip(), t.termo
        if t.funcao:
            modulo, nome = t.funcao.rsplit(".", 1)
            assert callable(getattr(importlib.import_module(modulo), nome)), t.funcao
    with pytest.raises(KeyError):
        glossario.ajuda("Termo que não existe")
    assert "transferido e aplicado" in glossario.ajuda("Destinado")


def test_valores_acumulados_das_etapas():
    por_etapa = {
        "potencial": Decimal("1"),
        "destinado": Decimal("10"),
        "transferido": Decimal("100"),
        "aplicado": Decimal("1000"),
    }
    assert valores_acumulados(por_etapa) == {
        "potencial": Decimal("1"),
        "destinado": Decimal("1110"),
        "transferido": Decimal("1100"),
        "aplicado": Decimal("1000"),
    }
    assert valores_acumulados({}) == dict.fromkeys(("potencial", "destinado", "transferido", "aplicado"), Decimal("0"))
    assert etapas_a_partir_de("transferido") == ("transferido", "aplicado")


def test_destinado_e_o_mesmo_na_pagina_recursos_e_no_painel_publico(demo_usuarios):
    interno = valores_acumulados(recursos.totais(demo_usuarios["cnmp"], recursos.Filtros()))
    por_ano = consultas.recursos_por_ano()
    assert interno["destinado"] > 0
    for coluna, etapa in (
        ("Destinado (R$)", "destinado"),
        ("Transferido (R$)", "transferido"),
        ("Aplicado (R$)", "aplicado"),
    ):
        assert sum(por_ano[coluna], Decimal(0)) == interno[etapa], coluna
