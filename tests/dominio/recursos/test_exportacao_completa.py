"""Exportação completa: todas as linhas filtradas, não só a página da tela, lidas em partes com o
mesmo filtro da página (fluxos, prestações de contas, trilha de auditoria)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from sqlmodel import func, select

from comum import exportacao
from core.banco import sessao
from core.erros import AcessoNegado
from dominio.recursos import servicos as recursos
from dominio.usuarios import trilha
from models.recursos import FluxoRecurso
from tests.apoio.fluxos import HOJE, incluir_doacoes_no_acre


def _doacoes_no_acre(etapa: str) -> int:
    x = FluxoRecurso
    with sessao() as s:
        return s.exec(
            select(func.count()).where(x.uf_origem == "AC", x.tipo_origem == "doacao", x.etapa == etapa)
        ).one()


def test_exporta_os_450_fluxos_filtrados_e_nao_a_pagina(banco_limpo, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    incluir_doacoes_no_acre(450, etapa="destinado")
    incluir_doacoes_no_acre(30, etapa="transferido")  # fora do filtro
    esperado = _doacoes_no_acre("destinado")
    assert esperado >= 450
    filtros = recursos.Filtros(ufs=["AC"], origens=["doacao"], etapas=["destinado"])
    pagina, total = recursos.tabela_fluxos(dmf, filtros, pagina=1, por_pagina=200)
    assert len(pagina) == 200 and total == esperado
    partes = list(recursos.fluxos_em_partes(dmf, filtros, tamanho=100))
    assert [len(p) for p in partes[:-1]] == [100] * (len(partes) - 1)  # lidas em partes
    assert sum(len(p) for p in partes) == esperado
    destino = io.BytesIO()
    assert exportacao.escrever_csv(iter(partes), destino) == esperado
    linhas = destino.getvalue().decode("utf-8-sig").splitlines()
    assert len(linhas) == esperado + 1
    assert all(";AC;" in x and "Destinado" in x and "Doação" in x for x in linhas[1:])
    # as mesmas colunas e a mesma ordem da página da tela
    assert list(partes[0].columns) == list(pagina.columns)
    assert list(partes[0]["id"]) == list(pagina["id"][:100])
    # XLSX com todas as linhas
    xlsx = io.BytesIO()
    exportacao.escrever_xlsx(recursos.fluxos_em_partes(dmf, filtros, tamanho=128), xlsx)
    folha = openpyxl.load_workbook(io.BytesIO(xlsx.getvalue()), read_only=True).active
    assert sum(1 for _ in folha.iter_rows()) == esperado + 1


def test_exportacao_completa_confere_a_permissao_na_chamada(demo_usuarios):
    with pytest.raises(AcessoNegado):
        recursos.fluxos_em_partes(demo_usuarios["pf_grupo"], recursos.Filtros())
    with pytest.raises(AcessoNegado):
        recursos.prestacoes_em_partes(demo_usuarios["pf_grupo"], HOJE)
    with pytest.raises(AcessoNegado):
        trilha.em_partes(demo_usuarios["dmf"])


def test_prestacoes_em_partes_com_o_filtro_da_pagina(demo_usuarios):
    cnmp = demo_usuarios["cnmp"]
    sits = ["vencida", "entregue"]
    todas = recursos.prestacoes(cnmp, HOJE, situacoes=sits)
    partes = list(recursos.prestacoes_em_partes(cnmp, HOJE, situacoes=sits, tamanho=50))
    assert len(todas) > 50 and len(partes) > 1
    juntas = [i for p in partes for i in p["id"]]
    assert juntas == list(todas["id"])
    assert set(p for parte in partes for p in parte["Situação"]) <= set(sits)
    pagina = recursos.prestacoes(cnmp, HOJE, situacoes=sits, pagina=1, por_pagina=20)
    assert list(pagina["id"]) == juntas[:20]


def test_trilha_em_partes_com_os_filtros_da_consulta(demo_usuarios):
    admin = demo_usuarios["admin"]
    _, total = trilha.consultar(admin, trilha.FiltrosTrilha(entidades=["fundo_municipal"]))
    partes = list(trilha.em_partes(admin, trilha.FiltrosTrilha(entidades=["fundo_municipal"]), tamanho=10))
    assert sum(len(p) for p in partes) == total and len(partes) >= 2
    assert {e for p in partes for e in p["entidade"]} == {"fundo_municipal"}
