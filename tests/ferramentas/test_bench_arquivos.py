"""Benchmark dos arquivos maliciosos (`manage.py bench --arquivos`, ferramentas/bench_arquivos.py)
como teste de fumaça, em tamanho reduzido: nenhum tempo nem memória é afirmado (os números do
issue saem do comando, no tamanho real); confere a forma — uma linha por ataque, tempo e
crescimento da memória medidos num processo novo, o desfecho de cada um (todos recusados, menos
a <dimension> gigante dos fluxos, que é lida com as suas 4 linhas) — e a tabela impressa."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.bench, pytest.mark.timeout(1200)]


def test_bench_arquivos_mede_cada_ataque():
    from ferramentas.bench_arquivos import CASOS, executar_bench_arquivos

    impresso: list[str] = []
    linhas = executar_bench_arquivos(escala=0.02, imprimir=impresso.append)
    assert [r["caso"] for r in linhas] == [c.chave for c in CASOS]
    for r in linhas:
        assert isinstance(r["segundos"], float) and r["segundos"] >= 0, r
        assert isinstance(r["rss_mb"], float), r
        esperado = "lido: 4 linhas" if r["caso"] == "dimensao_fluxos" else "recusado: "
        assert r["desfecho"].startswith(esperado), r
    texto = "\n".join(impresso)
    assert texto.startswith("| arquivo | caminho | tamanho | tempo | RSS (crescimento)")
    assert f"{len(CASOS)} arquivo(s); maior tempo" in texto
