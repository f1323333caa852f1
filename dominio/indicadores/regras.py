"""Regras puras dos indicadores (metas b, d e e do Plano de Trabalho, item 4; método como no DHIS2),
sem banco e com a data de hoje recebida como argumento, para serem testadas nos limites.

- períodos: datas de cada período, rótulos, leitura do texto de uma planilha, situação (aberto,
  em atraso, travado);
- valores: tipo, mínimo e máximo, soma das desagregações;
- regras entre indicadores: “lado esquerdo, operador, lado direito”, como no DHIS2;
- valores atípicos contra o histórico da própria unidade (escore z modificado);
- máquina de estados da revisão DMF → CNMP e segregação de funções;
- entrega no prazo e agregação no tempo e entre unidades."""

from __future__ import annotations

import calendar
import re
import statistics
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from comum.formatos import formatar_numero, ler_numero_planilha
from comum.prazos import vencido
from core.erros import ErroNegocio, trecho

MESES = [
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
]
_MESES_ABREV = {
    m[:3]: i
    for i, m in enumerate(["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"], start=1)
}
MESES_POR_PERIODO = {"mensal": 1, "trimestral": 3, "semestral": 6, "anual": 12}


# --- períodos -----------------------------------------------------------------------------------


def datas_do_periodo(periodicidade: str, ano: int, numero: int) -> tuple[date, date]:
    """Primeiro e último dia do período `numero` (1 = janeiro, 1º trimestre, 1º semestre…) do ano."""
    meses = MESES_POR_PERIODO[periodicidade]
    if not 1 <= numero <= 12 // meses:
        raise ValueError(f"período {numero} não existe na periodicidade {periodicidade}")
    mes_ini = (numero - 1) * meses + 1
    mes_fim = mes_ini + meses - 1
    return date(ano, mes_ini, 1), date(ano, mes_fim, calendar.monthrange(ano, mes_fim)[1])


def rotulo_periodo(periodicidade: str, ano: int, numero: int) -> str:
    """“Janeiro/2026”, “1º trimestre de 2026”, “2º semestre de 2026”, “Ano de 2026”."""
    if periodicidade == "mensal":
        return f"{MESES[numero - 1].capitalize()}/{ano}"
    if periodicidade == "trimestral":
        return f"{numero}º trimestre de {ano}"
    if periodicidade == "semestral":
        return f"{numero}º semestre de {ano}"
    return f"Ano de {ano}"


def _sem_acento(t: str) -> str:
    return unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode().lower().strip()


def ler_periodo(texto: str) -> tuple[str, int, int]:
    """Lê o período escrito numa planilha e devolve (periodicidade, ano, número).

    Aceita: “01/2026”, “jan/2026”, “janeiro/2026”, “2026-01” (mensal); “1º trimestre de 2026”,
    “T1/2026”, “2026-T1” (trimestral); “1º semestre de 2026”, “S2/2026”, “2026-S2” (semestral);
    “2026” ou “Ano de 2026” (anual). Levanta `ValueError` com a mensagem em português."""
    t = " ".join(_sem_acento(str(texto or "").replace("°", "º")).split())
    t = re.sub(r"(\d)\s*o\b", r"\1", t)  # “1º” vira “1o” sem o acento: tira o ordinal
    if not t:
        raise ValueError("informe o período (ex.: 01/2026, 1º trimestre de 2026, 2026)")
    padroes = [
        (r"^(\d{1,2})\s*/\s*(\d{4})$", lambda m: ("mensal", int(m[2]), int(m[1]))),
        (r"^(\d{4})-(\d{1,2})$", lambda m: ("mensal", int(m[1]), int(m[2]))),
        (r"^([a-z]{3})[a-z]*\s*/\s*(\d{4})$", lambda m: ("mensal", int(m[2]), _MESES_ABREV.get(m[1], 0))),
        (r"^(\d)\s*tri(mestre)?\s*(de|/)?\s*(\d{4})$", lambda m: ("trimestral", int(m[4]), int(m[1]))),
        (r"^t(\d)\s*/\s*(\d{4})$", lambda m: ("trimestral", int(m[2]), int(m[1]))),
        (r"^(\d{4})\s*-\s*t(\d)$", lambda m: ("trimestral", int(m[1]), int(m[2]))),
        (r"^(\d)\s*sem(estre)?\s*(de|/)?\s*(\d{4})$", lambda m: ("semestral", int(m[4]), int(m[1]))),
        (r"^s(\d)\s*/\s*(\d{4})$", lambda m: ("semestral", int(m[2]), int(m[1]))),
        (r"^(\d{4})\s*-\s*s(\d)$", lambda m: ("semestral", int(m[1]), int(m[2]))),
        (r"^(ano\s*(de)?\s*)?(\d{4})$", lambda m: ("anual", int(m[3]), 1)),
    ]
    for padrao, montar in padroes:
        m = re.match(padrao, t)
        if m:
            periodicidade, ano, numero = montar(m)
            limite = 12 // MESES_POR_PERIODO[periodicidade]
            if not 1 <= numero <= limite or not 2000 <= ano <= 2100:
                break
            return periodicidade, ano, numero
    raise ValueError(
        f"período “{trecho(texto)}” não reconhecido; use 01/2026, 1º trimestre de 2026, 1º semestre de 2026 ou 2026"
    )


def data_da_trava(prazo: date, dias_tolerancia: int) -> date:
    """Último dia em que o ponto focal ainda grava: o prazo mais a tolerância (em dias corridos)."""
    return prazo + timedelta(days=dias_tolerancia)


SITUACOES_PERIODO = {
    "futuro": "Ainda não aberto",
    "aberto": "Aberto",
    "em_atraso": "Prazo vencido (aceita com atraso)",
    "travado": "Travado para os pontos focais",
}


def situacao_periodo(abertura: date, prazo: date, dias_tolerancia: int, hoje: date) -> str:
    """`futuro` antes da abertura; `aberto` da abertura ao prazo (inclusive); `em_atraso` depois
    do prazo até a trava (inclusive); `travado` depois. Como o “expiry days” do DHIS2: passado
    o prazo mais a tolerância, só o DMF grava."""
    if hoje < abertura:
        return "futuro"
    if hoje <= prazo:
        return "aberto"
    if hoje <= data_da_trava(prazo, dias_tolerancia):
        return "em_atraso"
    return "travado"


def entrega(primeiro_envio: date | None, prazo: date, hoje: date, criada_em: date | None = None) -> str:
    """Pontualidade de uma unidade esperada: `no_prazo` (enviou até o prazo, inclusive),
    `com_atraso` (enviou depois), `pendente` (não enviou e o prazo não venceu) ou `atrasada`
    (não enviou e o prazo venceu). Uma unidade cadastrada depois do prazo do período
    (`criada_em`) conta o prazo a partir do cadastro (`comum.prazos.prazo_efetivo`, CC art. 132):
    um Escritório cadastrado hoje não nasce com dias de atraso."""
    if primeiro_envio is not None:
        return "com_atraso" if vencido(prazo, primeiro_envio, criada_em) else "no_prazo"
    return "atrasada" if vencido(prazo, hoje, criada_em) else "pendente"


ENTREGAS = {
    "no_prazo": "Recebido no prazo",
    "com_atraso": "Recebido com atraso",
    "pendente": "Aguardando (no prazo)",
    "atrasada": "Não recebido (prazo vencido)",
}


def percentual(parte: int, todo: int) -> float | None:
    """Parte/todo em %; `None` quando não há nada esperado (período sem unidades esperadas)."""
    return None if todo == 0 else round(100 * parte / todo, 1)


# --- valores ------------------------------------------------------------------------------------


def valor_efetivo(
    tipo: str, valor: Decimal | None, numerador: Decimal | None, denominador: Decimal | None
) -> Decimal | None:
    """O número que entra em regras, gráficos e agregados: o valor; no percentual,
    numerador ÷ denominador × 100 (None se faltar um dos dois ou o denominador for zero)."""
    if tipo == "percentual":
        if numerador is None or denominador is None or denominador == 0:
            return None
        return (Decimal(numerador) * 100 / Decimal(denominador)).quantize(Decimal("0.01"))
    return valor


def conferir_valor(
    tipo: str,
    valor: Decimal | None,
    numerador: Decimal | None,
    denominador: Decimal | None,
    minimo: Decimal | None = None,
    maximo: Decimal | None = None,
) -> list[str]:
    """Problemas de um valor isolado, em português: tipo (contagem inteira e não negativa; valor
    em R$ com até 2 casas; percentual com numerador e denominador, denominador positivo; sim/não
    é 1 ou 0) e o mínimo e o máximo da versão do indicador (inclusive)."""
    p: list[str] = []

    def casas(n: Decimal, k: int) -> bool:
        return n == n.quantize(Decimal(1).scaleb(-k))

    if tipo == "percentual":
        if valor is not None:
            p.append("informe numerador e denominador, não o percentual")
        if (numerador is None) != (denominador is None):
            p.append("informe numerador e denominador juntos")
        for rotulo, n in (("numerador", numerador), ("denominador", denominador)):
            if n is not None and n < 0:
                p.append(f"o {rotulo} não pode ser negativo")
            if n is not None and not casas(n, 2):
                p.append(f"o {rotulo} tem mais de duas casas decimais")
        if denominador is not None and denominador == 0:
            p.append("o denominador não pode ser zero")
    else:
        if numerador is not None or denominador is not None:
            p.append("numerador e denominador só valem para indicadores percentuais")
        if valor is not None:
            if tipo == "contagem" and (valor < 0 or valor != valor.to_integral_value()):
                p.append(f"contagem deve ser um número inteiro não negativo (recebido {formatar_numero(valor)})")
            elif tipo == "valor" and (valor < 0 or not casas(valor, 2)):
                p.append(
                    f"valor em R$ deve ser não negativo e ter até duas casas decimais (recebido {formatar_numero(valor)})"
                )
            elif tipo == "sim_nao" and valor not in (0, 1):
                p.append("responda Sim (1) ou Não (0)")
    if p:
        return p
    efetivo = valor_efetivo(tipo, valor, numerador, denominador)
    if efetivo is not None:
        if minimo is not None and efetivo < minimo:
            p.append(f"{formatar_numero(efetivo)} está abaixo do mínimo aceito ({formatar_numero(minimo)})")
        if maximo is not None and efetivo > maximo:
            p.append(f"{formatar_numero(efetivo)} está acima do máximo aceito ({formatar_numero(maximo)})")
    return p


def conferir_desagregacao(
    total: Decimal | None, partes: dict[str, Decimal | None], categorias: list[str], rotulo_dimensao: str
) -> list[str]:
    """Uma dimensão de desagregação (ex.: raça/cor) contra o total: com todas as categorias
    preenchidas, a soma tem de ser igual ao total; com parte delas, não pode passar dele.
    Sem total, as partes não são conferidas (o total é obrigatório em outra regra)."""
    informadas = {c: v for c, v in partes.items() if v is not None}
    if total is None or not informadas:
        return []
    soma = sum(informadas.values(), Decimal(0))
    if len(informadas) == len(categorias) and soma != total:
        return [
            f"a soma por {rotulo_dimensao.lower()} ({formatar_numero(soma)}) difere do total ({formatar_numero(total)})"
        ]
    if soma > total:
        return [
            f"a soma por {rotulo_dimensao.lower()} ({formatar_numero(soma)}) passa do total ({formatar_numero(total)})"
        ]
    return []


# --- regras entre indicadores --------------------------------------------------------------------

_RE_CODIGO = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def termos_expressao(texto: str) -> list[str | Decimal]:
    """Lado de uma regra: códigos de indicador e números somados (“E02”, “G06 + G07”, “100”).
    Levanta `ValueError` em português se houver algo que não seja código nem número."""
    partes = [t.strip() for t in str(texto or "").split("+")]
    if not partes or any(not t for t in partes):
        raise ValueError(f"expressão “{texto}” vazia ou com “+” sobrando")
    termos: list[str | Decimal] = []
    for t in partes:
        if _RE_CODIGO.match(t):
            termos.append(t.upper())
            continue
        try:
            n = ler_numero_planilha(t)
        except ValueError:
            n = None
        if n is None:
            raise ValueError(f"“{t}” não é código de indicador nem número")
        termos.append(n)
    return termos


def avaliar_expressao(termos: list[str | Decimal], valores: dict[str, Decimal | None]) -> Decimal | None:
    """Soma dos termos; `None` se algum código não tiver valor (a regra é então pulada, como
    no DHIS2 com “pular se faltar valor”)."""
    total = Decimal(0)
    for t in termos:
        if isinstance(t, str):
            v = valores.get(t)
            if v is None:
                return None
            total += v
        else:
            total += t
    return total


_COMPARA = {
    "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
    "==": lambda a, b: a == b,
    ">=": lambda a, b: a >= b,
    ">": lambda a, b: a > b,
    "!=": lambda a, b: a != b,
}
SIMBOLOS = {"<=": "≤", "<": "<", "==": "=", ">=": "≥", ">": ">", "!=": "≠"}


@dataclass(frozen=True)
class ResultadoRegra:
    nome: str
    severidade: str  # "erro" impede o envio; "alerta" só avisa o revisor
    situacao: str  # "ok", "falha" ou "pulada" (faltou valor)
    esquerdo: Decimal | None
    direito: Decimal | None
    texto: str  # frase em português para a tela


def avaliar_regra(
    nome: str, esquerdo: str, operador: str, direito: str, severidade: str, valores: dict[str, Decimal | None]
) -> ResultadoRegra:
    """Avalia “esquerdo operador direito” com os valores efetivos do envio, por código."""
    e = avaliar_expressao(termos_expressao(esquerdo), valores)
    d = avaliar_expressao(termos_expressao(direito), valores)
    simb = SIMBOLOS[operador]
    if e is None or d is None:
        return ResultadoRegra(
            nome,
            severidade,
            "pulada",
            e,
            d,
            f"{nome}: não conferida — falta valor em {esquerdo if e is None else direito}",
        )
    ok = _COMPARA[operador](e, d)
    texto = (
        f"{nome}: {esquerdo} = {formatar_numero(e)} {simb} {direito} = {formatar_numero(d)}"
        if ok
        else f"{nome}: deveria valer {esquerdo} {simb} {direito}, mas {esquerdo} = {formatar_numero(e)} e {direito} = {formatar_numero(d)}"
    )
    return ResultadoRegra(nome, severidade, "ok" if ok else "falha", e, d, texto)


# --- valores atípicos ---------------------------------------------------------------------------

HISTORICO_MINIMO = 4
LIMITE_Z_MODIFICADO = Decimal("3.5")
DIFERENCA_MINIMA = Decimal(5)


@dataclass(frozen=True)
class Atipico:
    mediana: Decimal
    escore: Decimal | None  # escore z modificado; None quando o histórico é constante
    texto: str


def valor_atipico(historico: list[Decimal], valor: Decimal | None) -> Atipico | None:
    """Marca o valor que foge do histórico da própria unidade (não bloqueia; avisa o revisor).

    Escore z modificado de Iglewicz e Hoaglin: 0,6745 × (x − mediana) ÷ MAD, atípico acima de
    3,5 em módulo, com pelo menos 4 valores anteriores. Com MAD = 0 (mais da metade do histórico
    igual), usa o desvio absoluto médio: (x − mediana) ÷ (1,2533 × DAM). Histórico constante:
    atípico quando difere da mediana em mais de 50 % dela. Em todos os casos a diferença para a
    mediana tem de ser de ao menos 5 (unidades, reais ou pontos percentuais), para que contagens
    pequenas (0, 1, 2 reuniões) não virem alarme."""
    if valor is None or len(historico) < HISTORICO_MINIMO:
        return None
    h = [Decimal(x) for x in historico]
    med = Decimal(str(statistics.median(h)))
    if abs(valor - med) < DIFERENCA_MINIMA:
        return None
    mad = Decimal(str(statistics.median([abs(x - med) for x in h])))
    if mad > 0:
        z = Decimal("0.6745") * (valor - med) / mad
    else:
        dam = sum((abs(x - med) for x in h), Decimal(0)) / len(h)
        if dam == 0:
            if abs(valor - med) > abs(med) / 2:
                return Atipico(
                    med,
                    None,
                    f"{formatar_numero(valor)} destoa do histórico constante da unidade (sempre {formatar_numero(med)})",
                )
            return None
        z = (valor - med) / (Decimal("1.253314") * dam)
    z = z.quantize(Decimal("0.01"))
    if abs(z) > LIMITE_Z_MODIFICADO:
        direcao = "acima" if z > 0 else "abaixo"
        return Atipico(
            med,
            z,
            f"{formatar_numero(valor)} muito {direcao} do habitual da unidade (mediana {formatar_numero(med)} "
            f"em {len(h)} períodos; escore {str(z).replace('.', ',')})",
        )
    return None


# --- revisão -----------------------------------------------------------------------------------


class TransicaoInvalida(ErroNegocio):
    pass


# ação → (situações de onde sai, situação de chegada)
TRANSICOES: dict[str, tuple[frozenset[str], str]] = {
    "enviar": (frozenset({"rascunho", "devolvido"}), "enviado"),
    "retirar": (frozenset({"enviado"}), "rascunho"),
    "validar": (frozenset({"enviado"}), "validado"),
    "aprovar": (frozenset({"validado"}), "aprovado"),
    "devolver": (frozenset({"enviado", "validado"}), "devolvido"),
    "reabrir": (frozenset({"aprovado"}), "devolvido"),
}
_NOMES_ACAO = {
    "enviar": "enviar",
    "retirar": "retirar o envio de",
    "validar": "validar",
    "aprovar": "aprovar",
    "devolver": "devolver",
    "reabrir": "reabrir",
}
_NOMES_STATUS = {
    "rascunho": "em rascunho",
    "enviado": "enviado",
    "validado": "validado",
    "aprovado": "aprovado",
    "devolvido": "devolvido",
    None: "sem dados",
}
EDITAVEIS = frozenset({"rascunho", "devolvido"})


def proxima_situacao(status: str | None, acao: str) -> str:
    """Situação depois da ação, ou `TransicaoInvalida` com o motivo em português.
    Rascunho/devolvido → enviado → validado (DMF) → aprovado (CNMP); devolver sai de enviado
    ou validado; reabrir sai de aprovado (com motivo, auditado) e volta para correção."""
    origens, destino = TRANSICOES[acao]
    if status not in origens:
        raise TransicaoInvalida(f"Não é possível {_NOMES_ACAO[acao]} um envio {_NOMES_STATUS.get(status, status)}.")
    return destino


def pode_editar_valores(status: str | None) -> bool:
    """Valores só mudam em rascunho ou devolvidos; enviado, validado e aprovado ficam travados."""
    return status is None or status in EDITAVEIS


def conferir_segregacao(revisor_id: int, informantes: set[int | None], acao: str) -> None:
    """Quem informou um valor não valida nem aprova o envio que o contém (segregação de funções)."""
    if revisor_id in informantes:
        verbo = "validar" if acao == "validar" else "aprovar"
        raise TransicaoInvalida(
            f"Você informou valores deste envio e por isso não pode {verbo}: peça a outra pessoa da equipe."
        )


# --- agregação ---------------------------------------------------------------------------------


def agregar_no_tempo(agregacao: str, valores_por_periodo: list[tuple[int, Decimal]]) -> Decimal | None:
    """Valor de uma unidade num ano: soma dos períodos (fluxos) ou o do último período
    informado (estoques)."""
    if not valores_por_periodo:
        return None
    if agregacao == "ultimo":
        return max(valores_por_periodo, key=lambda x: x[0])[1]
    return sum((v for _, v in valores_por_periodo), Decimal(0))


def agregar_unidades(tipo: str, linhas: list[tuple[Decimal | None, Decimal | None, Decimal | None]]) -> Decimal | None:
    """Agregado de várias unidades: soma (contagem e R$); percentual como soma dos numeradores
    ÷ soma dos denominadores (não a média dos percentuais); sim/não como % de “sim”."""
    if not linhas:
        return None
    if tipo == "percentual":
        num = sum((n for _, n, d in linhas if n is not None and d), Decimal(0))
        den = sum((d for _, n, d in linhas if n is not None and d), Decimal(0))
        return valor_efetivo("percentual", None, num, den)
    vals = [v for v, _, _ in linhas if v is not None]
    if not vals:
        return None
    if tipo == "sim_nao":
        return (Decimal(sum(vals)) * 100 / len(vals)).quantize(Decimal("0.01"))
    return sum(vals, Decimal(0))
