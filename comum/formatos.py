"""Formatação brasileira: dinheiro `R$ 1.234,56`, datas `DD/MM/AAAA`, horas em
America/Sao_Paulo, números com vírgula decimal. Usa o Babel (CLDR pt_BR)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from babel.numbers import format_currency, format_decimal, format_percent

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


def dinheiro_babel(valor: Decimal) -> str:
    """O dinheiro pelo Babel (CLDR pt_BR): a referência de `dinheiro`."""
    return format_currency(valor, "BRL", locale=LOCALE).replace("\xa0", " ")


def numero(valor, casas: int = 0) -> str:
    if valor is None:
        return "—"
    formato = "#,##0" + ("." + "0" * casas if casas else "")
    return format_decimal(valor, format=formato, locale=LOCALE)


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
    raise ValueError(f"data inválida “{texto}”: use o formato DD/MM/AAAA")


def ler_dinheiro(texto: str) -> Decimal:
    """Lê `1.234,56`, `R$ 1.234,56` ou `1234.56`. Levanta ValueError em pt-BR."""
    t = (texto or "").strip().replace("R$", "").replace("\xa0", "").replace(" ", "")
    if not t:
        raise ValueError("valor vazio")
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif t.count(".") > 1:
        t = t.replace(".", "")
    try:
        valor = Decimal(t)
    except Exception as exc:
        raise ValueError(f"valor monetário inválido “{texto}”: use o formato 1.234,56") from exc
    if not valor.is_finite():
        raise ValueError(f"valor monetário inválido “{texto}”")
    if abs(valor) > VALOR_MAXIMO:
        raise ValueError(f"valor “{texto}” acima do máximo aceito ({dinheiro(VALOR_MAXIMO)}); confira os dígitos")
    if valor != valor.quantize(CENTAVO):
        raise ValueError(f"valor “{texto}” tem mais de duas casas decimais")
    return valor.quantize(CENTAVO)


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
