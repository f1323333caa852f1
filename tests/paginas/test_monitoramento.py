"""Monitoramento dos indicadores pelo app.py: o serviço devolve percentuais e valores em número e a
página os mostra no formato brasileiro (“92,9%”, “—” onde não há), sem tirar números dos arquivos."""

from __future__ import annotations

import re

from tests.apoio.paginas import abrir, sem_excecao

PCT_EM_TEXTO = re.compile(r"^(—|\d{1,3}(\.\d{3})*,\d%)$")


def _tabela_com(at, coluna: str):
    return next(d.value for d in at.dataframe if coluna in d.value.columns)


def test_percentuais_da_completude_e_das_metas_em_texto_pt_br(demo_usuarios):
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/monitoramento.py").run()
    sem_excecao(at)
    por_uf = _tabela_com(at, "% no prazo")
    assert len(por_uf) and "UF" in por_uf.columns
    for coluna in ("% recebidas", "% no prazo"):
        assert all(PCT_EM_TEXTO.match(v) for v in por_uf[coluna]), por_uf[coluna].tolist()
    metas = _tabela_com(at, "% da meta")
    assert len(metas) and "id" not in metas.columns
    assert all(PCT_EM_TEXTO.match(v) for v in metas["% da meta"]), metas["% da meta"].tolist()
    assert all(isinstance(v, str) for v in metas["Meta"])  # texto_numero: “1.200”, “12,5”
