"""Formatação brasileira: dinheiro `R$ 1.234,56`, datas `DD/MM/AAAA`, horas em
America/Sao_Paulo, números com vírgula decimal. Usa o Babel (CLDR pt_BR)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency, format_decimal, format_percent

from core.erros import trecho
from core.relogio import fuso
from models.tipos import CENTAVO, VALOR_MAXIMO

LOCALE = "pt_BR"


_PONTO_E_VIRGULA = str.maketrans(",.", ".,")


def dinheiro(valor: Decimal | int | None) -> str:
    """`Decimal('1234.5')` → `R$ 1.234,50` (sem espaço incomum: usa espaço normal). O padrão do
    CLDR pt_BR (o do Babel, `dinheiro_babel`) escrito direto: 30 vezes mais rápido, o que pesa
    nas exportações de tabelas inteiras; `test_dinheiro_igual_ao_babel` confere os dois."""
    if valor is None:
        return "—"
    v = Decimal(valor)
    if not v.is_finite():
        return dinheiro_babel(v)
    texto = "R$ " + f"{abs(v):,.2f}".translate(_PONTO_E_VIRGULA)
    return "-" + texto if v.is_signed() else texto


def dinheiro_para_digitar(valor: Decimal | int | None) -> str:
    """O valor como se digita num campo de dinheiro: `1.234,56`, sem o “R$ ”; vazio sem valor."""
    return dinheiro(valor).removeprefix("R$ ") if valor is not None else ""


def dinheiro_babel(valor: Decimal) -> str:
    """O dinheiro pelo Babel (CLDR pt_BR): a referência de `dinheiro`."""
    return format_currency(valor, "BRL", locale=LOCALE).replace("\xa0", " ")


def numero(valor, casas: int = 0) -> str:
    if valor is None:
        return "—"
    formato = "#,##0" + ("." + "0" * casas if casas else "")
    return format_decimal(valor, format=formato, locale=LOCALE)


def quantidade(n: int, singular: str, plural: str) -> str:
    """1 → “1 ponto”; 0 ou 2 → “0 pontos”, “2 pontos”; 1200 → “1.200 pontos” (o zero no plural, como
    se escreve no Brasil, e não no singular da regra do CLDR para o português)."""
    return f"{numero(n)} {singular if n == 1 else plural}"


def percentual(fracao, casas: int = 1) -> str:
    if fracao is None:
        return "—"
    formato = "#,##0" + ("." + "0" * casas if casas else "") + "%"
    return format_percent(fracao, format=formato, locale=LOCALE).replace("\xa0", " ")


def resumo_meses(meses: list[int]) -> str:
    """Meses (1 a 12) em faixas, como no cronograma: [1, 2, 3, 5] → "1–3, 5"; nenhum → "—"."""
    ms = sorted(set(meses))
    if not ms:
        return "—"
    partes, ini, ant = [], ms[0], ms[0]
    for m in ms[1:] + [None]:
        if m is not None and m == ant + 1:
            ant = m
            continue
        partes.append(f"{ini}–{ant}" if ant > ini else f"{ini}")
        if m is not None:
            ini = ant = m
    return ", ".join(partes)


def lista_curta(itens, maximo: int = 6) -> str:
    """Os primeiros `maximo` itens separados por vírgula, com “…” se há mais: “Novembro/2026,
    Dezembro/2026”. Para listas numa frase (a quantidade vem antes, na própria frase)."""
    itens = [str(x) for x in itens]
    return ", ".join(itens[:maximo]) + ("…" if len(itens) > maximo else "")


def data(valor: date | datetime | None) -> str:
    if valor is None:
        return "—"
    if isinstance(valor, datetime):
        valor = local(valor).date()
    return valor.strftime("%d/%m/%Y")


def local(valor: datetime) -> datetime:
    """Converte um instante (UTC) para o horário de Brasília."""
    if valor.tzinfo is None:
        valor = valor.replace(tzinfo=UTC)
    return valor.astimezone(fuso())


def data_hora(valor: datetime | None) -> str:
    if valor is None:
        return "—"
    return local(valor).strftime("%d/%m/%Y %H:%M")


def ler_data(texto: str) -> date:
    """Lê `DD/MM/AAAA` (também aceita `AAAA-MM-DD`). Levanta ValueError com mensagem em pt-BR."""
    t = (texto or "").strip()
    for formato in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(t, formato).date()
        except ValueError:
            continue
    raise ValueError(f"data inválida “{trecho(texto)}”: use o formato DD/MM/AAAA")


# um só ponto seguido de três dígitos, sem vírgula: milhar em pt-BR (“1.500” = mil e quinhentos)
_RE_MILHAR_SIMPLES = re.compile(r"-?[1-9]\d{0,2}\.\d{3}")
# o que sobra de um número lido de texto depois de tirar o milhar e trocar a vírgula: algarismos
# ASCII, um ponto e, da notação científica de outros sistemas (“1,23E+05”), um expoente de até três
# algarismos — um expoente maior fazia o `decimal` estourar (`decimal.Overflow`, fora das recusas)
_RE_NUMERO_LIDO = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


def ler_dinheiro(texto: str) -> Decimal:
    """Lê `1.234,56`, `R$ 1.234,56`, `1.500` (mil e quinhentos, como em `ler_decimal`) ou o ponto
    decimal de outros sistemas com até duas casas (`1234.56`, que não pode ser milhar: o milhar
    tem três dígitos). Levanta ValueError em pt-BR."""
    t = (texto or "").strip().replace("R$", "").replace("\xa0", "").replace(" ", "")
    if not t:
        raise ValueError("valor vazio")
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif t.count(".") > 1 or _RE_MILHAR_SIMPLES.fullmatch(t):
        t = t.replace(".", "")
    if not _RE_NUMERO_LIDO.fullmatch(t):
        raise ValueError(f"valor monetário inválido “{trecho(texto)}”: use o formato 1.234,56")
    valor = Decimal(t)
    if abs(valor) > VALOR_MAXIMO:
        raise ValueError(
            f"valor “{trecho(texto)}” acima do máximo aceito ({dinheiro(VALOR_MAXIMO)}); confira os dígitos"
        )
    if valor != valor.quantize(CENTAVO):
        raise ValueError(f"valor “{trecho(texto)}” tem mais de duas casas decimais")
    return valor.quantize(CENTAVO)


# --- números digitados ----------------------------------------------------------------------
# A regra única de leitura de um número digitado num campo da tela (pt-BR):
#   * a vírgula separa os decimais (“2,5”, “0,25”, “1.234,56”);
#   * o ponto só separa milhares, e só quando o número está em grupos de exatamente três dígitos
#     depois de um primeiro grupo de 1 a 3 algarismos que não começa por zero (“1.234” = 1234,
#     “1.234.567” = 1234567);
#   * qualquer outro ponto (“1.5”, “0.774”, “1234.56”, “1.23,4”) é ambíguo — poderia ser um decimal
#     em inglês ou um milhar mal digitado — e é recusado com a forma certa de escrever, em vez de
#     adivinhado (antes, “2,5” num campo numérico do Streamlit virava 25 sem aviso).
_RE_INTEIRO_BR = re.compile(r"\d+|[1-9]\d{0,2}(?:\.\d{3})+")
_RE_DECIMAL_BR = re.compile(r"(?P<inteiro>\d+|[1-9]\d{0,2}(?:\.\d{3})+)?,(?P<fracao>\d+)")


def ler_decimal(texto: str, *, casas: int | None = None, negativo: bool = False) -> Decimal | None:
    """Número digitado em pt-BR → `Decimal`; vazio → None. Aceita `2,5`, `1.234,56`, `1.234`
    (milhar), `R$ 10,00`, espaços; recusa com `ValueError` em pt-BR (citando o que foi digitado e
    como escrever) o ponto ambíguo (`1.5`), letras, mais de `casas` decimais, sinal negativo (salvo
    com `negativo=True`) e valores acima de `VALOR_MAXIMO` (o teto dos campos em centésimos)."""
    original = "" if texto is None else str(texto)
    t = original.strip().replace("R$", "").replace("\xa0", "").replace(" ", "")
    if not t:
        return None
    citado = f"“{trecho(original.strip(), 30)}”"
    sinal = ""
    if t[0] in "-+":
        sinal, t = ("-" if t[0] == "-" else ""), t[1:]
        if sinal and not negativo:
            raise ValueError(f"{citado} é negativo: informe um valor igual ou maior que zero")
    if _RE_INTEIRO_BR.fullmatch(t):
        numero_txt = t.replace(".", "")
    elif (m := _RE_DECIMAL_BR.fullmatch(t)) is not None:
        numero_txt = (m["inteiro"] or "0").replace(".", "") + "." + m["fracao"]
    elif re.fullmatch(r"\d+\.\d+", t):
        sugestao = t.replace(".", ",")
        raise ValueError(
            f"{citado} é ambíguo: no padrão brasileiro o ponto separa milhares e a vírgula, os decimais. "
            f"Escreva {sinal}{sugestao} se for decimal (use vírgula) ou sem o ponto se for um número inteiro"
        )
    else:
        raise ValueError(
            f"{citado} não é um número no padrão brasileiro: use vírgula nos decimais e ponto nos milhares, "
            "como 2,5 ou 1.234,56"
        )
    try:
        valor = Decimal(sinal + numero_txt)
    except InvalidOperation:  # pragma: no cover - a expressão regular só deixa passar dígitos
        raise ValueError(f"{citado} não é um número") from None
    if abs(valor) > VALOR_MAXIMO:
        raise ValueError(f"{citado} é grande demais (o máximo é {numero(VALOR_MAXIMO, 2)}); confira os dígitos")
    if casas is not None and valor != valor.quantize(Decimal(1).scaleb(-casas)):
        limite = "nenhuma casa decimal" if casas == 0 else f"no máximo {casas} casa(s) decimal(is)"
        raise ValueError(f"{citado} tem casas decimais demais: use {limite}")
    return valor


def texto_decimal(valor: Decimal | float | int | None, casas: int | None = None) -> str:
    """O inverso de `ler_decimal`, para preencher um campo: 1234.5 → “1.234,5”; com `casas`,
    sempre com elas (“1.234,50”); None → “”. O que ele escreve, `ler_decimal` lê de volta igual."""
    if valor is None:
        return ""
    d = Decimal(str(valor))
    if casas is not None:
        return numero(d, casas)
    d = d.normalize() if d != d.to_integral_value() else d.quantize(Decimal(1))
    fracao = max(0, -d.as_tuple().exponent)
    return format_decimal(d, format="#,##0" + ("." + "0" * fracao if fracao else ""), locale=LOCALE)


# --- números de planilhas importadas ----------------------------------------------------------
# A planilha vem de outros sistemas: além do padrão brasileiro, aceita o ponto decimal que eles
# exportam (“0.774”, “1.5”) — o que o campo digitado recusa como ambíguo. Só é milhar o ponto
# entre grupos de três dígitos depois de 1 a 3 algarismos que não começam por zero (“1.234”).
_RE_MILHAR_PLANILHA = re.compile(r"-?[1-9]\d{0,2}(?:\.\d{3})+")


def ler_numero_planilha(valor, *, porcento: bool = False) -> Decimal | None:
    """Número de uma célula de planilha importada (CSV ou XLSX) → `Decimal`; vazio → None.

    Célula numérica (int, float, Decimal) vale como está (o float pelos 15 algarismos
    significativos do Excel). Texto: vírgula decimal (“1.234,56”, “-3,5”, “0,25”); sem vírgula,
    ponto de milhar (`_RE_MILHAR_PLANILHA`: “1.234”, “1.234.567”) ou ponto decimal (“0.774”);
    “R$” e espaços são ignorados, e “%” também com `porcento=True`. Recusa com `ValueError` em
    pt-BR, citando só o começo do texto (`trecho`): o que não é número, verdadeiro/falso, infinito
    e valores acima de `VALOR_MAXIMO` (os valores vão em centésimos num BIGINT)."""
    if valor is None:
        return None
    if isinstance(valor, bool):
        raise ValueError(f"“{'Verdadeiro' if valor else 'Falso'}” não é um número (use 1.234,56)")
    if isinstance(valor, (int, float, Decimal)):
        n = Decimal(format(valor, ".15g")) if isinstance(valor, float) else Decimal(valor)
        t = str(valor)
    else:
        t = str(valor).strip().replace("R$", "").replace("\xa0", "").replace(" ", "")
        if porcento:
            t = t.replace("%", "")
        if not t:
            return None
        if "," in t:
            t = t.replace(".", "").replace(",", ".")
        elif _RE_MILHAR_PLANILHA.fullmatch(t):
            t = t.replace(".", "")
        n = Decimal(t) if _RE_NUMERO_LIDO.fullmatch(t) else None
        t = str(valor).strip()
    if n is None or not n.is_finite():
        raise ValueError(f"“{trecho(t)}” não é um número (use 1.234,56)")
    if abs(n) > VALOR_MAXIMO:
        raise ValueError(f"“{trecho(t)}” é grande demais (o máximo é {numero(VALOR_MAXIMO, 2)})")
    return n


def dinheiro_compacto(valor: Decimal | int | None) -> str:
    """Para cartões de resumo: `R$ 29,7 mi`, `R$ 1,2 bi`, `R$ 350,5 mil`; abaixo de mil, como `dinheiro`."""
    if valor is None:
        return "—"
    v = Decimal(valor)
    for limite, sufixo, casas in ((Decimal(10) ** 9, "bi", 1), (Decimal(10) ** 6, "mi", 1), (Decimal(1000), "mil", 1)):
        if abs(v) >= limite:
            return f"R$ {format_decimal(v / limite, format='#,##0.' + '0' * casas, locale=LOCALE)} {sufixo}"
    return dinheiro(v)


# --- valores de indicadores -----------------------------------------------------------------


def formatar_numero(n: Decimal | float | int | None) -> str:
    """Número de indicador: inteiro com milhar (“1.195”), fração com duas casas (“19,77”); None → “—”."""
    if n is None:
        return "—"
    d = Decimal(str(n))
    if d == d.to_integral_value():
        return f"{int(d):,}".replace(",", ".")
    return f"{d:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def texto_pct(v) -> str:
    """85.0 → “85,0%”; None/NaN → “—”."""
    if v is None or (isinstance(v, float) and v != v):
        return "—"
    return f"{float(v):.1f}%".replace(".", ",")


def texto_numero(v) -> str:
    """1195.0 → “1.195”; 19.77 → “19,77”; None/NaN → “—”."""
    if v is None or (isinstance(v, float) and v != v):
        return "—"
    return formatar_numero(Decimal(str(v)))


def texto_valor(tipo: str, v) -> str:
    """Valor de um indicador no formato do tipo: “1.195”, “R$ 1.234,56”, “85,3%”; “—” sem valor."""
    if v is None or (isinstance(v, float) and v != v):
        return "—"
    if tipo in ("percentual", "sim_nao"):
        return texto_pct(float(v))
    if tipo == "valor":
        return dinheiro(Decimal(str(v)).quantize(Decimal("0.01")))
    return texto_numero(v)
