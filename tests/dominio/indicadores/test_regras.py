"""Regras puras dos indicadores (metas b, d e e do Plano de Trabalho, item 4; práticas do DHIS2
descritas em docs/dominio.md): períodos, valores, desagregações, regras entre indicadores,
atípicos, máquina de estados da revisão e agregação. Datas fixas, nos limites."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from dominio.indicadores.regras import (
    TransicaoInvalida,
    agregar_no_tempo,
    agregar_unidades,
    avaliar_expressao,
    avaliar_regra,
    conferir_desagregacao,
    conferir_segregacao,
    conferir_valor,
    data_da_trava,
    datas_do_periodo,
    entrega,
    ler_periodo,
    percentual,
    pode_editar_valores,
    proxima_situacao,
    rotulo_periodo,
    situacao_periodo,
    termos_expressao,
    valor_atipico,
    valor_efetivo,
)

# --- períodos ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "per,ano,num,ini,fim",
    [
        ("mensal", 2024, 2, date(2024, 2, 1), date(2024, 2, 29)),  # bissexto
        ("mensal", 2025, 2, date(2025, 2, 1), date(2025, 2, 28)),
        ("trimestral", 2026, 4, date(2026, 10, 1), date(2026, 12, 31)),
        ("semestral", 2026, 1, date(2026, 1, 1), date(2026, 6, 30)),
        ("anual", 2026, 1, date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_datas_do_periodo(per, ano, num, ini, fim):
    assert datas_do_periodo(per, ano, num) == (ini, fim)


@pytest.mark.parametrize("per,num", [("mensal", 13), ("trimestral", 5), ("semestral", 0), ("anual", 2)])
def test_periodo_inexistente(per, num):
    with pytest.raises(ValueError):
        datas_do_periodo(per, 2026, num)


def test_rotulos():
    assert rotulo_periodo("mensal", 2026, 3) == "Março/2026"
    assert rotulo_periodo("trimestral", 2026, 2) == "2º trimestre de 2026"
    assert rotulo_periodo("semestral", 2026, 2) == "2º semestre de 2026"
    assert rotulo_periodo("anual", 2026, 1) == "Ano de 2026"


@pytest.mark.parametrize(
    "texto,esperado",
    [
        ("01/2026", ("mensal", 2026, 1)),
        ("1/2026", ("mensal", 2026, 1)),
        ("mar/2026", ("mensal", 2026, 3)),
        ("Março/2026", ("mensal", 2026, 3)),
        ("2026-12", ("mensal", 2026, 12)),
        ("1º trimestre de 2026", ("trimestral", 2026, 1)),
        ("T4/2026", ("trimestral", 2026, 4)),
        ("2026-T2", ("trimestral", 2026, 2)),
        ("2º semestre de 2026", ("semestral", 2026, 2)),
        ("S1/2026", ("semestral", 2026, 1)),
        ("2026", ("anual", 2026, 1)),
        ("Ano de 2026", ("anual", 2026, 1)),
        # o rótulo que o próprio sistema escreve volta ao mesmo período
        (rotulo_periodo("mensal", 2025, 9), ("mensal", 2025, 9)),
        (rotulo_periodo("trimestral", 2025, 3), ("trimestral", 2025, 3)),
    ],
)
def test_ler_periodo(texto, esperado):
    assert ler_periodo(texto) == esperado


@pytest.mark.parametrize("texto", ["13/2026", "0/2026", "5º trimestre de 2026", "S3/2026", "abc", "", "1999"])
def test_ler_periodo_recusa_com_mensagem(texto):
    with pytest.raises(ValueError, match="período|informe"):
        ler_periodo(texto)


def test_situacao_do_periodo_nos_limites():
    abertura, prazo = date(2026, 10, 1), date(2026, 11, 15)
    assert situacao_periodo(abertura, prazo, 10, date(2026, 9, 30)) == "futuro"
    assert situacao_periodo(abertura, prazo, 10, date(2026, 10, 1)) == "aberto"
    assert situacao_periodo(abertura, prazo, 10, date(2026, 11, 15)) == "aberto"  # no prazo, inclusive
    assert situacao_periodo(abertura, prazo, 10, date(2026, 11, 16)) == "em_atraso"
    assert situacao_periodo(abertura, prazo, 10, date(2026, 11, 25)) == "em_atraso"  # último dia da tolerância
    assert situacao_periodo(abertura, prazo, 10, date(2026, 11, 26)) == "travado"
    assert situacao_periodo(abertura, prazo, 0, date(2026, 11, 16)) == "travado"  # sem tolerância
    assert data_da_trava(prazo, 10) == date(2026, 11, 25)


def test_entrega_no_prazo_e_com_atraso():
    prazo = date(2026, 11, 15)
    assert entrega(date(2026, 11, 15), prazo, date(2026, 12, 1)) == "no_prazo"  # no dia do prazo
    assert entrega(date(2026, 11, 16), prazo, date(2026, 12, 1)) == "com_atraso"
    assert entrega(None, prazo, date(2026, 11, 15)) == "pendente"
    assert entrega(None, prazo, date(2026, 11, 16)) == "atrasada"


def test_percentual_sem_unidades_esperadas():
    assert percentual(0, 0) is None
    assert percentual(1, 3) == 33.3
    assert percentual(3, 3) == 100.0


# --- valores -------------------------------------------------------------------------------------------


def test_valor_efetivo_do_percentual():
    assert valor_efetivo("percentual", None, D(25), D(200)) == D("12.50")
    assert valor_efetivo("percentual", None, D(25), D(0)) is None
    assert valor_efetivo("percentual", None, D(25), None) is None
    assert valor_efetivo("contagem", D(7), None, None) == D(7)


@pytest.mark.parametrize(
    "tipo,v,n,d,trecho",
    [
        ("contagem", D("-1"), None, None, "inteiro não negativo"),
        ("contagem", D("2.5"), None, None, "inteiro não negativo"),
        ("valor", D("10.001"), None, None, "duas casas"),
        ("valor", D("-0.01"), None, None, "não negativo"),
        ("sim_nao", D(2), None, None, "Sim (1) ou Não (0)"),
        ("percentual", D(10), None, None, "numerador e denominador, não o percentual"),
        ("percentual", None, D(1), None, "juntos"),
        ("percentual", None, D(1), D(0), "zero"),
        ("percentual", None, D(-1), D(10), "negativo"),
        ("contagem", None, D(1), D(2), "só valem para indicadores percentuais"),
    ],
)
def test_conferir_valor_recusa(tipo, v, n, d, trecho):
    assert any(trecho in p for p in conferir_valor(tipo, v, n, d))


def test_minimo_e_maximo_inclusivos():
    assert conferir_valor("contagem", D(100), None, None, D(0), D(100)) == []
    assert "acima do máximo" in conferir_valor("contagem", D(101), None, None, D(0), D(100))[0]
    assert "abaixo do mínimo" in conferir_valor("contagem", D(4), None, None, D(5), None)[0]
    # percentual: o limite vale para numerador ÷ denominador × 100
    assert conferir_valor("percentual", None, D(100), D(100), D(0), D(100)) == []
    assert "acima do máximo" in conferir_valor("percentual", None, D(101), D(100), D(0), D(100))[0]


def test_desagregacao_completa_tem_de_somar_o_total():
    cats = ["feminino", "masculino", "nao_informado"]
    assert (
        conferir_desagregacao(D(10), {"feminino": D(4), "masculino": D(5), "nao_informado": D(1)}, cats, "Sexo") == []
    )
    erro = conferir_desagregacao(D(10), {"feminino": D(4), "masculino": D(5), "nao_informado": D(0)}, cats, "Sexo")
    assert erro and "difere do total" in erro[0] and "(9)" in erro[0]


def test_desagregacao_parcial_nao_passa_do_total():
    cats = ["feminino", "masculino", "nao_informado"]
    assert (
        conferir_desagregacao(D(10), {"feminino": D(4), "masculino": None, "nao_informado": None}, cats, "Sexo") == []
    )
    assert (
        "passa do total"
        in conferir_desagregacao(D(10), {"feminino": D(11), "masculino": None, "nao_informado": None}, cats, "Sexo")[0]
    )
    assert conferir_desagregacao(None, {"feminino": D(11)}, cats, "Sexo") == []  # sem total não há o que conferir


# --- regras entre indicadores -------------------------------------------------------------------------


def test_expressoes():
    assert termos_expressao("E02") == ["E02"]
    assert termos_expressao("g06 + G07 + 10") == ["G06", "G07", D(10)]
    for ruim in ("", "E01 +", "E01 - E02", "E01 * 2"):
        with pytest.raises(ValueError):
            termos_expressao(ruim)
    assert avaliar_expressao(["E01", D(2)], {"E01": D(3)}) == D(5)
    assert avaliar_expressao(["E01", "E02"], {"E01": D(3)}) is None


def test_regra_encaminhamentos_ate_atendimentos():
    """Exemplo da issue: encaminhamentos ≤ atendimentos."""
    ok = avaliar_regra("Encaminhamentos ≤ atendimentos", "E03", "<=", "E02", "erro", {"E03": D(5), "E02": D(5)})
    assert ok.situacao == "ok"  # igual passa em ≤
    falha = avaliar_regra("Encaminhamentos ≤ atendimentos", "E03", "<=", "E02", "erro", {"E03": D(6), "E02": D(5)})
    assert falha.situacao == "falha" and "E03 = 6" in falha.texto and "E02 = 5" in falha.texto and "≤" in falha.texto
    pulada = avaliar_regra("x", "E03", "<=", "E02", "erro", {"E03": D(6)})
    assert pulada.situacao == "pulada" and "falta valor" in pulada.texto


@pytest.mark.parametrize(
    "op,e,d,ok", [("<", 5, 5, False), ("==", 5, 5, True), ("!=", 5, 5, False), (">=", 5, 6, False), (">", 6, 5, True)]
)
def test_operadores(op, e, d, ok):
    r = avaliar_regra("r", "A01", op, "A02", "alerta", {"A01": D(e), "A02": D(d)})
    assert (r.situacao == "ok") is ok


# --- atípicos ------------------------------------------------------------------------------------------


def test_atipico_exige_historico_minimo():
    assert valor_atipico([D(10), D(11), D(9)], D(1000)) is None  # só 3 períodos anteriores


def test_atipico_pelo_escore_z_modificado():
    hist = [D(100), D(110), D(90), D(105), D(95)]  # mediana 100, MAD 5
    assert valor_atipico(hist, D(120)) is None  # z = 0,6745 × 20 / 5 = 2,70
    at = valor_atipico(hist, D(130))  # z = 4,05 > 3,5
    assert at is not None and at.escore == D("4.05") and "acima" in at.texto
    assert valor_atipico(hist, D(70)).escore == D("-4.05")


def test_atipico_com_historico_constante():
    hist = [D(10)] * 4
    assert valor_atipico(hist, D(15)) is None  # 50 % da mediana: no limite, não marca
    assert valor_atipico(hist, D(16)) is not None
    assert valor_atipico([D(100)] * 4, D(151)).escore is None
    assert valor_atipico([D(0)] * 4, D(5)) is not None  # mediana zero: destoa a partir da diferença mínima
    assert valor_atipico([D(0)] * 4, D(0)) is None


def test_contagens_pequenas_nao_viram_alarme():
    """Diferença para a mediana abaixo de 5 nunca é atípica (0, 1, 2 reuniões no trimestre)."""
    assert valor_atipico([D(0), D(0), D(1), D(0), D(0)], D(1)) is None
    assert valor_atipico([D(0)] * 4, D(4)) is None
    assert valor_atipico([D(1), D(2), D(1), D(2)], D(7)) is not None  # z = 0,6745 × 5,5 ÷ 0,5 = 7,42


def test_mad_zero_usa_o_desvio_absoluto_medio():
    hist = [D(10), D(10), D(10), D(14), D(10)]  # MAD 0, DAM = 0,8
    assert valor_atipico(hist, D(13)) is None  # diferença 3 < 5
    at = valor_atipico(hist, D(16))  # z = 6 ÷ (1,2533 × 0,8) = 5,98
    assert at is not None and at.escore == D("5.98")


# --- revisão --------------------------------------------------------------------------------------------


def test_caminho_completo_da_revisao():
    s = proxima_situacao("rascunho", "enviar")
    assert s == "enviado"
    assert proxima_situacao("enviado", "validar") == "validado"
    assert proxima_situacao("validado", "aprovar") == "aprovado"


def test_devolvido_pode_ser_reenviado():
    assert proxima_situacao("enviado", "devolver") == "devolvido"
    assert proxima_situacao("validado", "devolver") == "devolvido"
    assert proxima_situacao("devolvido", "enviar") == "enviado"
    assert pode_editar_valores("devolvido")


@pytest.mark.parametrize(
    "status,acao",
    [
        ("rascunho", "validar"),
        ("enviado", "aprovar"),
        ("aprovado", "devolver"),
        ("aprovado", "enviar"),
        ("validado", "enviar"),
        ("rascunho", "reabrir"),
        ("validado", "retirar"),
        (None, "enviar"),
    ],
)
def test_transicoes_invalidas(status, acao):
    with pytest.raises(TransicaoInvalida, match="Não é possível"):
        proxima_situacao(status, acao)


def test_aprovado_trava_valores_e_reabertura_libera():
    assert not pode_editar_valores("aprovado")
    assert not pode_editar_valores("enviado") and not pode_editar_valores("validado")
    assert proxima_situacao("aprovado", "reabrir") == "devolvido"


def test_segregacao_de_funcoes():
    conferir_segregacao(7, {3, None}, "validar")
    with pytest.raises(TransicaoInvalida, match="não pode validar"):
        conferir_segregacao(7, {3, 7}, "validar")
    with pytest.raises(TransicaoInvalida, match="não pode aprovar"):
        conferir_segregacao(7, {7}, "aprovar")


# --- agregação -------------------------------------------------------------------------------------------


def test_agregacao_no_tempo():
    vals = [(1, D(10)), (3, D(30)), (2, D(20))]
    assert agregar_no_tempo("soma", vals) == D(60)
    assert agregar_no_tempo("ultimo", vals) == D(30)  # o do último período, não o último da lista
    assert agregar_no_tempo("soma", []) is None


def test_agregacao_entre_unidades():
    assert agregar_unidades("contagem", [(D(3), None, None), (D(4), None, None)]) == D(7)
    # percentual: razão das somas (10+90)/(100+100) = 50 %, não a média de 10 % e 90 % ponderada errado
    assert agregar_unidades("percentual", [(None, D(10), D(100)), (None, D(90), D(100))]) == D("50.00")
    assert agregar_unidades("percentual", [(None, D(1), D(10)), (None, D(99), D(990))]) == D("10.00")
    assert agregar_unidades(
        "sim_nao", [(D(1), None, None), (D(0), None, None), (D(1), None, None), (D(1), None, None)]
    ) == D("75.00")
    assert agregar_unidades("contagem", []) is None
