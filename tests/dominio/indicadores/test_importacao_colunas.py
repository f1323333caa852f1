"""Importação de valores de indicadores: colunas fora do modelo não são lidas, e o resultado as
lista (dominio/indicadores/importacao.py, comum/textos.py) — em vez de descartá-las em silêncio."""

from __future__ import annotations

from core import relogio
from dominio.indicadores.importacao import CABECALHOS, importar_valores

HOJE = relogio.hoje()
E_VALORES = {"E01": "10", "E02": "1.020", "E03": "8", "E04": "4", "E05": "3", "E06": "2", "E07": "1", "E08": "1"}


def vitoria() -> list[list[str]]:
    """Os totais do mês do Escritório Social de Vitória (ES, 3205309), uma linha por indicador."""
    return [
        ["Escritório", "ES", "3205309", "", f"{HOJE.month:02d}/{HOJE.year}", c, "Total", v, "", "", ""]
        for c, v in E_VALORES.items()
    ]


def test_colunas_fora_do_modelo_listadas_no_resultado(banco_limpo, demo_usuarios):
    cab = [*CABECALHOS, "Observação da unidade", ""]
    linhas = [[*r, "anotação", "dado solto" if i == 0 else ""] for i, r in enumerate(vitoria())]
    conteudo = "\r\n".join(";".join(str(c) for c in r) for r in [cab, *linhas]).encode("cp1252")
    r = importar_valores(demo_usuarios["dmf"], "v.csv", conteudo, hoje=HOJE)
    assert r.enviados == 1
    assert r.colunas_ignoradas == ("Observação da unidade", f"coluna {len(CABECALHOS) + 2} (sem nome)")
    assert r.aviso_colunas_ignoradas.startswith("2 coluna(s) fora do modelo não foram lidas: “Observação da unidade”")
