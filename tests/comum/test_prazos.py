"""Uma só regra de atraso (comum.prazos; Código Civil, art. 132, caput: o dia do vencimento está no
prazo), nas fronteiras."""

from __future__ import annotations

from datetime import date

from comum.prazos import dias_de_atraso, prazo_efetivo, vencido

PRAZO = date(2026, 11, 15)


def test_o_dia_do_prazo_ainda_esta_no_prazo_e_o_seguinte_nao():
    assert not vencido(PRAZO, date(2026, 11, 15))
    assert vencido(PRAZO, date(2026, 11, 16))
    assert dias_de_atraso(PRAZO, date(2026, 11, 15)) == 0 and dias_de_atraso(PRAZO, date(2026, 11, 16)) == 1


def test_quem_passou_a_existir_depois_do_prazo_conta_do_proprio_inicio():
    criada = date(2026, 12, 2)  # 17 dias depois do prazo
    assert prazo_efetivo(PRAZO, criada) == criada
    assert not vencido(PRAZO, criada, criada) and dias_de_atraso(PRAZO, criada, criada) == 0
    assert vencido(PRAZO, date(2026, 12, 3), criada) and dias_de_atraso(PRAZO, date(2026, 12, 3), criada) == 1
    # sem ela, os mesmos 17 dias de atraso do issue
    assert dias_de_atraso(PRAZO, criada) == 17


def test_quem_ja_existia_no_prazo_conta_do_prazo():
    assert prazo_efetivo(PRAZO, date(2020, 1, 1)) == PRAZO
    assert prazo_efetivo(PRAZO, PRAZO) == PRAZO
    assert prazo_efetivo(PRAZO, None) == PRAZO
