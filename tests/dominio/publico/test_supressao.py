"""Supressão primária e complementar de contagens de pessoas (dominio/publico/supressao.py; LGPD, art. 12)."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from dominio.publico import supressao
from dominio.publico.supressao import (
    exibir,
    nota_rodape,
    suprimir,
    suprimir_dataframe,
    suprimir_lista,
)


def _equacoes(r):
    """Cada linha/coluna com total (total = último membro), na grade devolvida."""
    n = len(r.valores) - (1 if r.tem_total_coluna else 0)
    m = len(r.valores[0]) - (1 if r.tem_total_linha else 0)
    eqs = []
    if r.tem_total_linha:
        eqs += [[(i, j) for j in range(m + 1)] for i in range(n)]
    if r.tem_total_coluna:
        eqs += [[(i, j) for i in range(n + 1)] for j in range(m)]
    if r.tem_total_linha and r.tem_total_coluna:
        eqs += [[(i, m) for i in range(n + 1)], [(n, j) for j in range(m + 1)]]
    return eqs


def _sem_recuperacao_por_subtracao(r) -> None:
    for eq in _equacoes(r):
        assert sum(r.mascara[i][j] for i, j in eq) != 1, (eq, r.valores)


def test_regra_ingenua_vazaria_e_a_complementar_corrige():
    """O caso do issue: só a primária deixaria 3 = 20 − 17 recuperável pelo total da linha."""
    celulas = [[3, 10, 7], [8, 9, 12]]
    ingenua = [[v if not 0 < v < 5 else None for v in linha] for linha in celulas]
    assert sum(v is None for v in ingenua[0]) == 1  # uma só oculta numa linha com total visível: vaza
    r = suprimir(celulas, k=5, total_linha=True)
    assert r.valores[0][0] is None and r.primarias[0][0]
    assert r.valores[0][2] is None and not r.primarias[0][2]  # complemento: a menor visível (7 < 10)
    assert r.valores[0][3] == 20  # o total continua publicado
    assert r.valores[1] == [8, 9, 12, 29]  # linha sem célula pequena fica intacta
    _sem_recuperacao_por_subtracao(r)


def test_linhas_e_colunas_com_totais_ponto_fixo():
    r = suprimir([[3, 10, 20], [8, 9, 12], [15, 16, 30]], k=5, total_linha=True, total_coluna=True)
    _sem_recuperacao_por_subtracao(r)
    # o complemento da linha (10) abre a coluna 2, que pede outro; o processo segue até o ponto fixo
    assert r.mascara[0][0] and r.mascara[0][1]
    assert sum(r.mascara[i][1] for i in range(3)) >= 2
    assert sum(r.mascara[i][0] for i in range(3)) >= 2
    assert r.valores[3][3] == 123  # total geral publicado


def test_zeros_sao_publicados_e_so_viram_complemento_sem_alternativa():
    r = suprimir([[0, 2, 9, 0]], k=5, total_linha=True)
    assert r.valores[0][0] == 0 and r.valores[0][3] == 0  # zeros publicados
    assert r.valores[0][1] is None and r.valores[0][2] is None  # complemento positivo, não o zero
    # linha 2: só o zero está livre ao lado do 6 ocultado como complemento da coluna, então o zero é o complemento
    r = suprimir([[3, 6], [0, 6]], k=5, total_linha=True, total_coluna=True)
    assert r.valores[1][0] is None and not r.primarias[1][0]
    _sem_recuperacao_por_subtracao(r)


def test_total_pequeno_e_suprimido_e_celula_unica():
    r = suprimir([[3]], k=5, total_linha=True)
    assert r.valores == [[None, None]]
    r = suprimir([[2, 1]], k=5)
    assert r.valores == [[None, None, None]]  # o total 3 também é contagem pequena


def test_lista_com_total_geral():
    valores, mascara = suprimir_lista([2, 7, 9, 0], k=5)
    assert valores == [None, None, 9, 0, 18]
    assert mascara == [True, True, False, False, False]
    valores, _ = suprimir_lista([6, 7, 9], k=5)
    assert valores == [6, 7, 9, 22]


def test_sem_totais_so_primaria():
    r = suprimir([[3, 10]], k=5, total_linha=False)
    assert r.valores == [[None, 10]]


def test_k_vem_da_configuracao(monkeypatch):
    from core.config import limpar_config

    monkeypatch.setenv("SUPRESSAO_K", "11")
    limpar_config()
    try:
        assert supressao.k_configurado() == 11
        assert suprimir([[10, 20]]).valores[0][0] is None
        assert "abaixo de 11" in nota_rodape()
    finally:
        monkeypatch.delenv("SUPRESSAO_K")
        limpar_config()
    assert supressao.k_configurado() == 5


@pytest.mark.parametrize("k", [3, 5, 10])
def test_propriedade_tabelas_aleatorias(k):
    """Tabelas pequenas aleatórias (semente fixa): em nenhuma linha/coluna com total visível
    há exatamente uma célula suprimida; toda célula 0 < v < k está suprimida; zeros aparecem."""
    rnd = random.Random(20231114 + k)
    for _ in range(400):
        n, m = rnd.randint(1, 5), rnd.randint(1, 5)
        celulas = [[rnd.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 20, 40]) for _ in range(m)] for _ in range(n)]
        for total_linha, total_coluna in [(True, False), (False, True), (True, True)]:
            r = suprimir(celulas, k=k, total_linha=total_linha, total_coluna=total_coluna)
            for eq in _equacoes(r):
                total = r.valores[eq[-1][0]][eq[-1][1]]
                if total is not None:
                    assert sum(r.mascara[i][j] for i, j in eq) != 1, (celulas, r.valores)
            _sem_recuperacao_por_subtracao(r)
            for i in range(n):
                for j in range(m):
                    v = celulas[i][j]
                    if 0 < v < k:
                        assert r.valores[i][j] is None
                    elif r.valores[i][j] is not None:
                        assert r.valores[i][j] == v
            # nenhuma contagem pequena publicada, nem entre os totais
            assert all(v is None or v == 0 or v >= k for linha in r.valores for v in linha)


def test_dataframe_exibir_e_nota():
    df = pd.DataFrame({"Tipo": ["Webinário", "Oficina"], "A": [3, 8], "B": [10, 9]})
    tab, mascara = suprimir_dataframe(df, ["A", "B"], k=5, total_linha="Total", total_coluna="Total", rotulo="Tipo")
    assert list(tab.columns) == ["Tipo", "A", "B", "Total"]
    assert list(tab["Tipo"]) == ["Webinário", "Oficina", "Total"]
    assert tab.loc[0, "A"] is None and mascara.loc[0, "A"]
    vista = exibir(tab, mascara, ["A", "B", "Total"])
    assert vista.loc[0, "A"] == "X" and vista.loc[2, "Total"] == "30"
    assert exibir(tab, mascara, ["A"], simbolo="<5").loc[0, "A"] == "<5"
    assert exibir(pd.DataFrame({"A": [1530]}), None, ["A"]).loc[0, "A"] == "1.530"  # milhar pt-BR
    nota = nota_rodape(5)
    assert "“X”" in nota and "abaixo de 5" in nota and "Zeros são publicados" in nota


def test_entradas_invalidas():
    with pytest.raises(ValueError):
        suprimir([[1, 2], [3]], k=5)
    with pytest.raises(ValueError):
        suprimir([[-1]], k=5)
