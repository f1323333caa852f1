"""Número único de processo: os campos J, TR e AAAA que a Resolução CNJ 65/2008, art. 1º, §§ 3º a 5º,
admite (comum/validadores.py). Cada limite de cada segmento é conferido dos dois lados, sempre com
dígitos verificadores corretos — para que só a regra dos campos possa recusar o número."""

from __future__ import annotations

from datetime import date

import pytest

from comum import validadores as v
from core.erros import CITACAO_MAX

HOJE = date(2026, 12, 3)


def numero(j: str, tr: str, ano: str = "2016", n: str = "0000100", origem: str = "0000") -> str:
    """Um número com os campos dados e os dígitos verificadores certos (Anexo VIII)."""
    return f"{n}-{v.digitos_verificadores_processo(n, ano, j, tr, origem)}.{ano}.{j}.{tr}.{origem}"


def recusa(texto: str, trecho: str) -> None:
    with pytest.raises(ValueError, match=trecho):
        v.validar_processo_cnj(texto, HOJE)


def test_res_cnj_65_2008_numero_do_issue_com_dv_certo_e_segmento_zero_e_recusado():
    """Res. CNJ 65/2008, art. 1º, § 4º: `0000000-98.0000.0.00.0000` tem os dígitos verificadores
    certos, mas o segmento J = 0 não existe."""
    assert v.digitos_verificadores_processo("0000000", "0000", "0", "00", "0000") == "98"
    recusa("0000000-98.0000.0.00.0000", r"segmento do Judiciário \(J\) “0” não existe.*§ 4º")


def test_res_cnj_65_2008_numeros_reais_passam():
    """Res. CNJ 65/2008, art. 1º: números reais seguem aceitos — TJRJ (J = 8, TR = 19) e o do CNJ
    (J = 2, TR = 00: o ato normativo 0005581-54.2022.2.00.0000, que pôs o TRF6 no § 5º, III)."""
    for real in ("0058967-77.2016.8.19.0000", "0005581-54.2022.2.00.0000"):
        assert v.validar_processo_cnj(real, HOJE) == real


# (J, códigos TR aceitos nos limites, códigos TR recusados logo fora deles) — art. 1º, § 5º
LIMITES_TR = [
    ("1", ["00"], ["01", "90"]),  # STF: I
    ("2", ["00"], ["01", "90"]),  # CNJ: I
    ("3", ["00"], ["01", "90"]),  # STJ: I
    ("4", ["01", "06", "90"], ["00", "07", "89", "91"]),  # JF: III (01–06, TRF6 pela Res. 477/2022) e II (CJF)
    ("5", ["00", "01", "24", "90"], ["25", "89", "91"]),  # JT: I (TST), IV (TRTs 01–24), II (CSJT)
    ("6", ["00", "01", "27"], ["28", "90"]),  # JE: I (TSE), V (TREs pelas UFs)
    ("7", ["00", "01", "12"], ["13", "90"]),  # JMU: I (STM), VI (12 Circunscrições)
    ("8", ["01", "27"], ["00", "28", "90"]),  # Estados e DF: VII (TJs 01–27), sem tribunal superior próprio
    ("9", ["13", "21", "26"], ["00", "01", "12", "14", "20", "22", "25", "27", "90"]),  # TJM de MG, RS e SP: VIII
]


@pytest.mark.parametrize(("j", "aceitos", "recusados"), LIMITES_TR, ids=[f"J{x[0]}" for x in LIMITES_TR])
def test_res_cnj_65_2008_art1_par5_tribunal_por_segmento(j, aceitos, recusados):
    """Res. CNJ 65/2008, art. 1º, § 5º: o TR tem de ser um dos que o inciso do segmento admite."""
    for tr in aceitos:
        assert v.validar_processo_cnj(numero(j, tr), HOJE) == numero(j, tr)
    for tr in recusados:
        recusa(numero(j, tr), rf"tribunal \(TR\) “{tr}” não existe na .*\(J = {j}\).*§ 5º")


def test_res_cnj_65_2008_art1_par4_segmentos_um_a_nove():
    """Res. CNJ 65/2008, art. 1º, § 4º: J vai de 1 (STF) a 9 (Justiça Militar Estadual); 0 não existe
    (e não há outro dígito fora disso)."""
    assert sorted(v.SEGMENTOS_JUDICIARIO) == [str(i) for i in range(1, 10)]
    recusa(numero("0", "00"), r"\(J\) “0” não existe")


def test_res_cnj_65_2008_art1_par5_vii_tribunais_de_justica_em_ordem_alfabetica():
    """Res. CNJ 65/2008, art. 1º, § 5º, VII e VIII: TJs de 01 (AC) a 27 (TO) pela ordem alfabética dos
    nomes; os três TJM usam o código do seu Estado (MG 13, RS 21, SP 26)."""
    assert (v.TR_POR_UF["AC"], v.TR_POR_UF["DF"], v.TR_POR_UF["RJ"], v.TR_POR_UF["TO"]) == ("01", "07", "19", "27")
    assert len(set(v.TR_POR_UF.values())) == 27
    assert v.SEGMENTOS_JUDICIARIO["9"].tribunais == (v.TR_POR_UF["MG"], v.TR_POR_UF["RS"], v.TR_POR_UF["SP"])


def test_res_cnj_65_2008_art1_par3_ano_nem_no_futuro_nem_antes_de_1890():
    """Res. CNJ 65/2008, art. 1º, § 3º (AAAA = ano do ajuizamento): o ano de hoje passa, o seguinte
    não; processos antigos renumerados passam (1890 é o piso adotado), 1889 não."""
    assert v.validar_processo_cnj(numero("8", "19", "2026"), HOJE)
    recusa(numero("8", "19", "2027"), r"ano do ajuizamento \(AAAA\) 2027 está no futuro.*§ 3º")
    assert v.validar_processo_cnj(numero("8", "19", "1890"), HOJE)
    recusa(numero("8", "19", "1889"), r"1889 é anterior a 1890")
    recusa(numero("8", "19", "0000"), r"0000 é anterior a 1890")


def test_res_cnj_65_2008_dia_de_referencia_vem_do_relogio(monkeypatch):
    """Sem `hoje`, o ano de referência é o do relógio do sistema (core/relogio.py)."""
    from core import relogio

    monkeypatch.setattr(relogio, "hoje", lambda: date(2020, 1, 1))
    assert v.validar_processo_cnj(numero("8", "19", "2020"))
    with pytest.raises(ValueError, match="2021 está no futuro"):
        v.validar_processo_cnj(numero("8", "19", "2021"))


@pytest.mark.parametrize(
    "validar",
    [v.validar_cnpj, v.validar_email, v.validar_processo_cnj],
    ids=["cnpj", "email", "processo"],
)
@pytest.mark.parametrize(
    "texto",
    ["1" * 30_000, "<b>" + "x" * 30_000, " " * 30_000 + "0058967-77.2016.8.19.0001"],
    ids=["digitos", "marcacao", "espacos_antes"],
)
def test_mensagem_cita_so_o_comeco_do_valor(validar, texto):
    """Um valor hostil de 30 mil caracteres (formulário ou célula) não volta inteiro na mensagem."""
    with pytest.raises(ValueError) as exc:
        validar(texto)
    assert len(str(exc.value)) <= CITACAO_MAX + 200, str(exc.value)[:120]
