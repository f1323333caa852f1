"""Formatos brasileiros, identificadores com dígitos verificadores e exportações."""

from __future__ import annotations

import io
import random
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from comum import exportacao, formatos, validadores


def test_dinheiro_datas_e_numeros_em_pt_br():
    assert formatos.dinheiro(Decimal("1234.56")) == "R$ 1.234,56"
    assert formatos.dinheiro(Decimal("-0.5")) == "-R$ 0,50"
    assert formatos.dinheiro(None) == "—"
    assert formatos.dinheiro_para_digitar(Decimal("330000.01")) == "330.000,01"  # o valor num campo
    assert formatos.dinheiro_para_digitar(None) == ""
    assert formatos.numero(1234567) == "1.234.567"
    assert formatos.numero(Decimal("3.14159"), 2) == "3,14"
    assert formatos.percentual(Decimal("0.255")) == "25,5%"
    assert formatos.data(date(2023, 11, 14)) == "14/11/2023"
    # 02:00 UTC de 15/11 ainda é 14/11 em Brasília
    assert formatos.data(datetime(2023, 11, 15, 2, 0, tzinfo=UTC)) == "14/11/2023"
    assert formatos.data_hora(datetime(2023, 11, 15, 2, 0, tzinfo=UTC)) == "14/11/2023 23:00"


@pytest.mark.parametrize("n,esperado", [(0, "0 pontos"), (1, "1 ponto"), (2, "2 pontos"), (1200, "1.200 pontos")])
def test_quantidade_no_singular_so_para_um(n, esperado):
    assert formatos.quantidade(n, "ponto", "pontos") == esperado


@pytest.mark.parametrize(
    "texto,valor",
    [
        ("1.234,56", "1234.56"),
        ("R$ 1.234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1.234.567", "1234567.00"),
        ("1.500", "1500.00"),  # um ponto e três dígitos: milhar, como ler_decimal (não R$ 1,50)
        ("-2.500", "-2500.00"),
        ("1.5", "1.50"),  # com menos de três dígitos depois do ponto, ele só pode ser o decimal
        ("0,1", "0.10"),
        ("-10,00", "-10.00"),
        ("999.999.999.999,99", "999999999999.99"),
    ],
)
def test_ler_dinheiro(texto, valor):
    assert formatos.ler_dinheiro(texto) == Decimal(valor)


@pytest.mark.parametrize(
    "texto,mensagem",
    [
        ("", "valor vazio"),
        ("dez", "use o formato 1.234,56"),
        ("1,234", "mais de duas casas"),
        ("NaN", "inválido"),
        # acima de models.tipos.VALOR_MAXIMO; com 30 algarismos o Decimal (28 de precisão) levantava InvalidOperation
        ("1.000.000.000.000,00", r"acima do máximo aceito \(R\$ 999\.999\.999\.999,99\)"),
        ("1" * 30 + ",00", "acima do máximo aceito"),
        ("-" + "9" * 40, "acima do máximo aceito"),
    ],
)
def test_ler_dinheiro_recusa(texto, mensagem):
    with pytest.raises(ValueError, match=mensagem):
        formatos.ler_dinheiro(texto)


def test_ler_data():
    assert formatos.ler_data("14/11/2023") == date(2023, 11, 14)
    assert formatos.ler_data("2023-11-14") == date(2023, 11, 14)
    with pytest.raises(ValueError, match="use o formato DD/MM/AAAA"):
        formatos.ler_data("31/02/2023")


@pytest.mark.parametrize("ler", [formatos.ler_data, formatos.ler_dinheiro])
def test_mensagem_cita_so_o_comeco_do_valor_colado(ler):
    """Um texto enorme colado num campo de data ou de dinheiro volta na mensagem só pelo começo
    (`core.erros.trecho`), sem quebras de linha: a mensagem diz o que está errado sem repetir a colagem."""
    colado = "1/2/3 " * 2_000 + "\n<script>"
    with pytest.raises(ValueError) as erro:
        ler(colado)
    mensagem = str(erro.value)
    assert len(mensagem) < 200 and "…" in mensagem
    assert "\n" not in mensagem and "<script>" not in mensagem


# --- identificadores ----------------------------------------------------------------------------


def test_cnpj_com_digitos_verificadores():
    """Instrução Normativa RFB 2.119/2022 (CNPJ): 14 dígitos, dois verificadores módulo 11."""
    assert validadores.validar_cnpj("00.000.000/0001-91") == "00000000000191"  # Banco do Brasil
    assert validadores.formatar_cnpj("00000000000191") == "00.000.000/0001-91"
    with pytest.raises(ValueError, match="dígitos verificadores não conferem"):
        validadores.validar_cnpj("00.000.000/0001-92")
    with pytest.raises(ValueError, match="deve ter 14 dígitos"):
        validadores.validar_cnpj("123")


def test_processo_cnj_resolucao_65_2008_mod_97_10():
    """Resolução CNJ 65/2008, art. 1º e Anexo VIII: DD = 98 − (NNNNNNN AAAA J TR OOOO 00 mod 97).
    O número real 0058967-77.2016.8.19.0000 (TJRJ) tem de passar."""
    assert validadores.validar_processo_cnj("0058967-77.2016.8.19.0000") == "0058967-77.2016.8.19.0000"
    assert validadores.validar_processo_cnj("00589677720168190000") == "0058967-77.2016.8.19.0000"
    assert int("00589672016819000077") % 97 == 1
    with pytest.raises(ValueError, match="dígitos verificadores não conferem"):
        validadores.validar_processo_cnj("0058967-78.2016.8.19.0000")
    with pytest.raises(ValueError, match="fora do formato"):
        validadores.validar_processo_cnj("58967-77.2016")


def test_brutils_2_5_0_recusa_numero_real_por_isso_a_regra_e_propria():
    """Resolução CNJ 65/2008, Anexo VIII: o `is_valid_legal_process` do brutils 2.5.0 usa 97 no lugar de 98.
    Se um dia ele passar a aceitar o número real, podemos voltar a usá-lo."""
    from brutils import is_valid_legal_process

    assert not is_valid_legal_process("00589677720168190000")


# --- exportação ---------------------------------------------------------------------------------


def _df():
    return pd.DataFrame(
        {
            "Nome": ['=HYPERLINK("http://x")', "+55 61", "-1", "@SOMA(A1)", "Normal"],
            "Valor": [Decimal("1234.5"), Decimal("0.01"), None, Decimal("-2"), Decimal("10")],
            "Data": [date(2023, 11, 14), None, date(2024, 1, 2), None, None],
            "Qtd": [1, 2, 3, 4, 5],
        }
    )


def test_csv_para_excel_pt_br_e_sem_formulas():
    bruto = exportacao.para_csv(_df())
    assert bruto.startswith(b"\xef\xbb\xbf")  # BOM UTF-8
    texto = bruto.decode("utf-8-sig")
    linhas = texto.split("\r\n")
    assert linhas[0] == "Nome;Valor;Data;Qtd"
    assert linhas[1].split(";")[1:] == ["1234,50", "14/11/2023", "1"]
    assert linhas[1].startswith("\"'=HYPERLINK(") or linhas[1].startswith("'=HYPERLINK(")
    assert linhas[2].startswith("'+55 61;0,01;")
    assert linhas[3].startswith("'-1;")
    assert linhas[4].startswith("'@SOMA(A1);-2,00;")
    assert linhas[5].startswith("Normal;10,00;")


def test_xlsx_abre_com_datas_e_sem_formulas():
    wb = openpyxl.load_workbook(io.BytesIO(exportacao.para_xlsx(_df(), aba="Fundos")))
    ws = wb["Fundos"]
    assert [c.value for c in ws[1]] == ["Nome", "Valor", "Data", "Qtd"]
    nomes = [ws.cell(row=i, column=1).value for i in range(2, 7)]
    assert nomes[:4] == ['\'=HYPERLINK("http://x")', "'+55 61", "'-1", "'@SOMA(A1)"]
    assert all(ws.cell(row=i, column=1).data_type == "s" for i in range(2, 7))  # texto, nunca fórmula
    assert ws.cell(row=2, column=2).value == 1234.5
    assert ws.cell(row=2, column=3).number_format == "dd/mm/yyyy"
    assert ws.cell(row=2, column=3).value == datetime(2023, 11, 14)


# --- números digitados na tela (issue #17, item 5) --------------------------------------------


@pytest.mark.parametrize(
    "texto,valor",
    [
        ("2,5", "2.5"),
        ("0,25", "0.25"),
        (",5", "0.5"),
        ("1.234,56", "1234.56"),
        ("R$ 1.234,56", "1234.56"),
        (" 12 ", "12"),
        ("1.234", "1234"),  # ponto seguido de grupos de três dígitos: milhar
        ("1.234.567", "1234567"),
        ("1234,5", "1234.5"),
        ("999.999.999.999,99", "999999999999.99"),  # o teto (VALOR_MAXIMO), ainda aceito
    ],
)
def test_ler_decimal_em_pt_br(texto, valor):
    assert formatos.ler_decimal(texto) == Decimal(valor)


@pytest.mark.parametrize("texto", ["", "   ", None])
def test_ler_decimal_vazio_e_none(texto):
    assert formatos.ler_decimal(texto) is None


@pytest.mark.parametrize(
    "texto,mensagem",
    [
        ("1.5", r"“1\.5” é ambíguo.*Escreva 1,5"),
        ("0.774", r"“0\.774” é ambíguo"),  # começa com zero: não é milhar
        ("1234.56", r"“1234\.56” é ambíguo.*Escreva 1234,56"),
        ("1.23,4", "não é um número no padrão brasileiro"),  # grupo de milhar com dois dígitos
        ("1.2345", "ambíguo"),  # grupo de quatro dígitos
        ("1,2,3", "não é um número"),
        ("12a", "use vírgula nos decimais e ponto nos milhares"),
        ("NaN", "não é um número"),
        ("1e5", "não é um número"),
        ("-3", "é negativo"),
        ("1.000.000.000.000", r"grande demais \(o máximo é 999\.999\.999\.999,99\)"),
        ("1" * 40, "grande demais"),
    ],
)
def test_ler_decimal_recusa_com_o_digitado_e_o_jeito_certo(texto, mensagem):
    with pytest.raises(ValueError, match=mensagem):
        formatos.ler_decimal(texto)


def test_ler_decimal_casas_e_negativo():
    assert formatos.ler_decimal("-2,5", negativo=True) == Decimal("-2.5")
    assert formatos.ler_decimal("1,25", casas=2) == Decimal("1.25")
    with pytest.raises(ValueError, match="casas decimais demais: use no máximo 2"):
        formatos.ler_decimal("1,255", casas=2)
    with pytest.raises(ValueError, match="nenhuma casa decimal"):
        formatos.ler_decimal("3,5", casas=0)
    # o que vem de um trecho gigante é citado só no começo
    with pytest.raises(ValueError) as exc:
        formatos.ler_decimal("x" * 500)
    assert len(str(exc.value)) < 200


@pytest.mark.parametrize(
    "valor,casas,texto",
    [
        (Decimal("1234.5"), None, "1.234,5"),
        (Decimal("2"), None, "2"),
        (Decimal("0.25"), None, "0,25"),
        (Decimal("1234.5"), 2, "1.234,50"),
        (None, None, ""),
        (2.5, None, "2,5"),
        (Decimal("1E+3"), None, "1.000"),
    ],
)
def test_texto_decimal_volta_igual_pelo_ler_decimal(valor, casas, texto):
    assert formatos.texto_decimal(valor, casas) == texto
    if valor is not None:
        assert formatos.ler_decimal(texto) == Decimal(str(valor))


def test_dinheiro_igual_ao_babel():
    """`dinheiro` escreve o padrão do CLDR pt_BR direto (mais rápido): o mesmo texto do Babel."""
    sorteio = random.Random(17)
    valores = [
        Decimal("0"),
        Decimal("-0"),
        Decimal("0.005"),
        Decimal("0.015"),
        Decimal("-0.004"),
        Decimal("-1234.5"),
        Decimal("999999999999.99"),
        Decimal("1E+3"),
    ]
    valores += [Decimal(sorteio.randint(-(10**14), 10**14)) / 100 for _ in range(3000)]
    valores += [Decimal(sorteio.randint(-(10**6), 10**6)) / 1000 for _ in range(1000)]
    assert [v for v in valores if formatos.dinheiro(v) != formatos.dinheiro_babel(v)] == []
    assert formatos.dinheiro(Decimal("1234.56")) == "R$ 1.234,56" and formatos.dinheiro(-5) == "-R$ 5,00"


# --- números de planilhas importadas -------------------------------------------------------


@pytest.mark.parametrize(
    "texto,esperado",
    [
        ("1.234,56", Decimal("1234.56")),
        ("1234,5", Decimal("1234.5")),
        ("12", Decimal(12)),
        ("1.234", Decimal(1234)),
        ("0,25", Decimal("0.25")),
        ("R$ 10,00", Decimal("10.00")),
        ("", None),
        (None, None),
        (7, Decimal(7)),
        (0.7, Decimal("0.7")),
        (3205309.0, Decimal(3205309)),
        ("0.774", Decimal("0.774")),  # o primeiro grupo de um milhar não começa por zero: é decimal
        ("1.5", Decimal("1.5")),  # ponto decimal de outro sistema
        ("1.234.567", Decimal(1234567)),
        ("-3,5", Decimal("-3.5")),
        ("1,23E+05", Decimal("123000")),  # notação científica exportada por outro sistema
        (",5", Decimal("0.5")),
        ("999.999.999.999,99", Decimal("999999999999.99")),
    ],
)
def test_ler_numero_planilha(texto, esperado):
    assert formatos.ler_numero_planilha(texto) == esperado


def test_ler_numero_planilha_com_porcento():
    """O “%” só é aceito por quem pede (`porcento=True`: os percentuais do índice FUNPEN)."""
    assert formatos.ler_numero_planilha("12,5%", porcento=True) == Decimal("12.5")
    with pytest.raises(ValueError, match="não é um número"):
        formatos.ler_numero_planilha("12,5%")


@pytest.mark.parametrize(
    "texto", ["abc", "1,2,3", "NaN", "inf", True, False, "1e999999999", "1_000", "١٢٣", "0x10", "1e5e5"]
)
def test_ler_numero_planilha_invalido(texto):
    with pytest.raises(ValueError, match="não é um número"):
        formatos.ler_numero_planilha(texto)


@pytest.mark.parametrize("texto", ["1.000.000.000.000", "1" * 30, 1e30, 10**15, "-" + "9" * 40])
def test_ler_numero_planilha_grande_demais(texto):
    """Os valores vão em centésimos num BIGINT (models.tipos.Dinheiro): acima de VALOR_MAXIMO a
    mensagem diz o máximo, em vez de a gravação cair no banco."""
    with pytest.raises(ValueError, match=r"é grande demais \(o máximo é 999\.999\.999\.999,99\)"):
        formatos.ler_numero_planilha(texto)


def test_ler_numero_planilha_cita_so_o_comeco_do_texto():
    """Uma célula de 30 mil caracteres não volta inteira na mensagem (core.erros.trecho)."""
    for texto in ("x" * 30_000, "9" * 30_000):
        with pytest.raises(ValueError) as exc:
            formatos.ler_numero_planilha(texto)
        assert len(str(exc.value)) < 200, str(exc.value)[:120]


def test_lista_curta_corta_com_reticencias():
    assert formatos.lista_curta([]) == ""
    assert formatos.lista_curta(["a"]) == "a"
    assert formatos.lista_curta(["a", "b", "c"], maximo=3) == "a, b, c"
    assert formatos.lista_curta(["a", "b", "c", "d"], maximo=3) == "a, b, c…"
