"""Histórico legível: rótulos dos campos, nomes no lugar de ids e códigos, horário de Brasília e
valores no formato brasileiro (ui.historico)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pandas as pd
from sqlmodel import SQLModel

from dominio.usuarios import trilha
from ui import historico as h

ISO = re.compile(r"\d{4}-\d{2}-\d{2}(T|\s\d)|\+00:00|\d{2}:\d{2}:\d{2}Z?")


def test_valores_no_formato_brasileiro():
    f = h.formatar_valor
    assert f("fluxo_recurso", "valor", "1234.56") == "R$ 1.234,56"
    assert f("fluxo_recurso", "data_destinacao", "2024-03-10") == "10/03/2024"
    # instante em UTC → horário de Brasília (UTC−3)
    assert f("usuario", "ultimo_acesso", "2026-01-02T13:05:00+00:00") == "02/01/2026 10:05"
    assert f("usuario", "ativo", True) == "Sim" and f("usuario", "ativo", False) == "Não"
    assert f("fluxo_recurso", "observacoes", None) == "—" and f("fluxo_recurso", "observacoes", "") == "—"
    assert f("fluxo_recurso", "etapa", "transferido") == "Transferido"
    assert f("fluxo_recurso", "status_prestacao", "nao_exigida") == "Não exigida"
    assert f("atividade_cronograma", "status", "em_andamento") == "Em andamento"
    assert f("atividade_cronograma", "meses_previstos", [1, 2, 3, 5]) == "1–3, 5"
    assert f("usuario", "papel", "ponto_focal") == "Ponto focal"
    assert f("atividade_cronograma", "percentual", 40) == "40"


def test_ids_e_siglas_viram_nomes():
    refs = {
        "usuario": {"7": "Maria da Silva"},
        "uf": {"PR": "Paraná"},
        "municipio": {"4106902": "Curitiba/PR"},
        "fundo_municipal": {"3": "Fundo de Curitiba"},
    }
    f = h.formatar_valor
    assert f("fluxo_recurso", "uf_origem", "PR", refs) == "Paraná"
    assert f("fundo_municipal", "municipio_codigo", 4106902, refs) == "Curitiba/PR"
    assert f("fluxo_recurso", "fundo_id", 3, refs) == "Fundo de Curitiba"
    assert h.quem(7, "maria@exemplo.gov.br", refs) == "Maria da Silva"
    assert h.quem(99, "antiga@exemplo.gov.br", refs) == "antiga@exemplo.gov.br"  # conta que não existe mais
    assert h.quem(None, "sistema", refs) == "Sistema"


def test_todo_campo_de_todo_modelo_tem_rotulo():
    """Nenhum nome de coluna aparece cru: todo campo de todo modelo tem rótulo com inicial
    maiúscula e sem “_”, e toda tabela tem o nome do registro."""
    crus = [
        f"{t.name}.{c.name}"
        for t in SQLModel.metadata.tables.values()
        for c in t.columns
        if "_" in h.rotulo_campo(t.name, c.name) or h.rotulo_campo(t.name, c.name)[0].islower()
    ]
    assert crus == []
    assert [t for t in SQLModel.metadata.tables if t not in h.ENTIDADES] == []
    assert h.rotulo_campo("fluxo_recurso", "uf_origem") == "UF de origem"  # o cabeçalho da importação
    assert h.rotulo_campo("escritorio_social", "data_inauguracao") == "Data da inauguração"


def test_tabela_historico_de_registros_crus():
    momento = datetime(2026, 1, 2, 13, 5, tzinfo=UTC)
    crus = pd.DataFrame(
        [
            [1, momento, 7, "maria@exemplo.gov.br", "alteracao", "fluxo_recurso", "10",
             {"valor": "1000.00", "etapa": "destinado", "versao": 1, "atualizado_em": "2026-01-01T10:00:00+00:00"},
             {"valor": "1234.56", "etapa": "transferido", "versao": 2, "atualizado_em": "2026-01-02T13:05:00+00:00"}],
            [2, momento, 7, "maria@exemplo.gov.br", "alteracao", "fluxo_recurso", "10",
             {"versao": 2}, {"versao": 3}],
            [3, momento, None, "sistema", "inclusao", "usuario", "8", None,
             {"nome": "João", "ativo": True, "bloqueado_ate": None, "uf_origem": "PR"}],
        ],
        columns=trilha.COLUNAS,
    )  # fmt: skip
    refs = {"usuario": {"7": "Maria da Silva"}}
    do_registro = h.tabela_historico(crus.iloc[:2], refs)
    assert list(do_registro.columns) == ["Quando", "Quem", "Ação", "O que mudou"]
    assert len(do_registro) == 1  # a linha em que só a versão subiu fica de fora
    linha = do_registro.iloc[0]
    assert (linha["Quando"], linha["Quem"], linha["Ação"]) == ("02/01/2026 10:05", "Maria da Silva", "Alteração")
    assert linha["O que mudou"] == "Valor (R$): R$ 1.000,00 → R$ 1.234,56; Etapa: Destinado → Transferido"
    trilha_toda = h.tabela_historico(crus, refs, com_entidade=True)
    assert list(trilha_toda["Registro"]) == ["Fluxo de recurso", "Fluxo de recurso", "Usuário"]
    assert trilha_toda.iloc[2]["Quem"] == "Sistema"
    assert "Nome: João; Ativo: Sim; Bloqueado até: —" in trilha_toda.iloc[2]["O que mudou"]
    texto = trilha_toda.to_string()
    assert not ISO.search(texto), ISO.search(texto)
    assert not any(c in texto for c in ("uf_origem", "bloqueado_ate", "fluxo_recurso", "versao"))


def test_referencias_buscam_nomes_no_banco(demo_usuarios):
    admin = demo_usuarios["admin"]
    crus, _ = trilha.consultar(
        admin, trilha.FiltrosTrilha(entidades=["fluxo_recurso"], acoes=["inclusao"]), por_pagina=20
    )
    assert len(crus) == 20
    refs = trilha.referencias(crus)
    assert refs["uf"] and all(len(nome) > 2 for nome in refs["uf"].values())  # nomes de estado, não siglas
    tabela = h.tabela_historico(crus, refs, com_entidade=True)
    assert not tabela["O que mudou"].str.contains("uf_origem|tipo_origem|T\\d\\d:").any()
    assert tabela["O que mudou"].str.contains("UF de origem: ").all()


def test_listas_e_dicionarios_legiveis():
    f = h.formatar_valor
    assert f("cenario_indice", "pesos", {"presos": 0.5, "vagas": 2}) == "presos: 0,50; vagas: 2"
    retrato = {"kpis": {"a": 1}, "publicacoes": {"linhas": [[{"data": "2025-05-27"}]]}}
    assert f("painel_publicado", "conteudo", retrato) == "2 seção(ões): kpis, publicacoes"
    assert f("fluxo_recurso", "observacoes", []) == "—"
