"""Regras dos fluxos de recursos, como funções puras (datas de hoje sempre recebidas)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from models.recursos import ETAPAS, ORIGENS_JUDICIAIS, ORIGENS_RES_CONJUNTA_10

ORDEM_ETAPAS = list(ETAPAS)  # potencial → destinado → transferido → aplicado
COLUNA_DATA_ETAPA = {
    "potencial": "data_potencial",
    "destinado": "data_destinacao",
    "transferido": "data_transferencia",
    "aplicado": "data_aplicacao",
}
SALARIOS_MINIMOS_INICIAIS = [  # (vigência a partir de, valor, norma) — fatos públicos; o admin inclui os seguintes
    (date(2023, 1, 1), Decimal("1302.00"), "MP nº 1.143/2022"),
    (date(2023, 5, 1), Decimal("1320.00"), "Lei nº 14.663/2023"),
    (date(2024, 1, 1), Decimal("1412.00"), "Decreto nº 11.864/2023"),
    (date(2025, 1, 1), Decimal("1518.00"), "Decreto nº 12.342/2024"),
]


def exige_processo(tipo_origem: str) -> bool:
    """Resolução CNJ 558/2024 (prestação pecuniária) e CPP arts. 76 e 89 (transação penal e
    suspensão condicional): valores decididos em processo judicial trazem o número único do
    processo (Resolução CNJ 65/2008)."""
    return tipo_origem in ORIGENS_JUDICIAIS


def exige_justificativa(tipo_origem: str, etapa: str) -> bool:
    """Resolução Conjunta CNJ/CNMP 10/2024, art. 6º: a destinação de valores de TAC, multas e
    danos morais coletivos precisa de justificativa escrita — a partir da etapa "destinado"."""
    return tipo_origem in ORIGENS_RES_CONJUNTA_10 and ORDEM_ETAPAS.index(etapa) >= ORDEM_ETAPAS.index("destinado")


def problemas_das_etapas(etapa: str, datas: dict[str, date | None], hoje: date) -> list[tuple[str, str]]:
    """Cada etapa alcançada tem sua data; as etapas anteriores também (exceto "potencial", que
    um valor já decidido pode não ter tido); as datas não andam para trás nem estão no futuro.
    Devolve pares (campo, mensagem)."""
    if etapa not in ETAPAS:
        return [("etapa", f"“{etapa}” não é válida; use {', '.join(ETAPAS.values())}")]
    saida = []
    alcancadas = ORDEM_ETAPAS[: ORDEM_ETAPAS.index(etapa) + 1]
    for e in alcancadas:
        d = datas.get(COLUNA_DATA_ETAPA[e])
        if d is None and e != "potencial":
            saida.append((f"data — {ETAPAS[e].lower()}", f"a etapa “{ETAPAS[etapa]}” exige esta data"))
        if d is not None and d > hoje:
            saida.append((f"data — {ETAPAS[e].lower()}", f"a data {d:%d/%m/%Y} está no futuro"))
    for e in ORDEM_ETAPAS[len(alcancadas) :]:
        if datas.get(COLUNA_DATA_ETAPA[e]) is not None:
            saida.append((f"data — {ETAPAS[e].lower()}", f"a etapa “{ETAPAS[e]}” ainda não foi alcançada"))
    anteriores = [(e, datas.get(COLUNA_DATA_ETAPA[e])) for e in alcancadas if datas.get(COLUNA_DATA_ETAPA[e])]
    for (e1, d1), (e2, d2) in zip(anteriores, anteriores[1:]):
        if d2 < d1:
            saida.append(
                (f"data — {ETAPAS[e2].lower()}", f"{d2:%d/%m/%Y} é anterior à data de “{ETAPAS[e1]}” ({d1:%d/%m/%Y})")
            )
    return saida


def data_referencia(datas: dict[str, date | None]) -> date | None:
    """A data da etapa mais avançada que tem data (base das séries mensais e dos filtros)."""
    for e in reversed(ORDEM_ETAPAS):
        if datas.get(COLUNA_DATA_ETAPA[e]):
            return datas[COLUNA_DATA_ETAPA[e]]
    return None


def salario_minimo_em(d: date, historico: Iterable[tuple[date, Decimal]]) -> Decimal | None:
    """Salário mínimo em vigor na data `d` (o de vigência mais recente que já começou)."""
    vigentes = sorted((inicio, valor) for inicio, valor in historico if inicio <= d)
    return vigentes[-1][1] if vigentes else None


def procedimento_prestacao(valor: Decimal, d: date, historico: Iterable[tuple[date, Decimal]]) -> str:
    """Resolução Conjunta CNJ/CNMP 10/2024: prestação de contas simplificada para valores de até
    30 salários mínimos (o vigente na data da destinação); acima disso, a completa do art. 14.
    Devolve "simplificado", "completo" ou "a verificar" (sem salário mínimo cadastrado para a data)."""
    sm = salario_minimo_em(d, historico)
    if sm is None:
        return "a verificar"
    return "simplificado" if valor <= 30 * sm else "completo"


def situacao_prestacao(*, status: str, prazo: date | None, hoje: date, janela_dias: int = 30) -> str:
    """Resolução Conjunta CNJ/CNMP 10/2024, art. 14: a prestação de contas devida e ainda não
    apresentada está "vencida" depois do prazo, "a vencer" nos `janela_dias` anteriores, senão
    "no prazo"; apresentada, aprovada ou rejeitada está "entregue"; não exigida, "não exigida"."""
    if status == "nao_exigida":
        return "não exigida"
    if status in ("apresentada", "aprovada", "rejeitada"):
        return "entregue"
    if prazo is None:
        return "sem prazo"
    if hoje > prazo:
        return "vencida"
    if (prazo - hoje).days <= janela_dias:
        return "a vencer"
    return "no prazo"


def prazo_padrao_prestacao(data_transferencia: date | None, dias: int) -> date | None:
    """Prazo sugerido para a prestação de contas quando o termo não fixa outro: `dias` corridos
    da transferência (valor configurável, PRAZO_PRESTACAO_DIAS; a resolução deixa o prazo ao
    instrumento de destinação)."""
    return data_transferencia + timedelta(days=dias) if data_transferencia else None


@dataclass(frozen=True)
class ChaveFluxo:
    tipo_origem: str
    orgao_origem: str
    uf_origem: str
    processo: str | None
    destino: str  # "fundo:12", "escritorio:5" ou "projeto:<cnpj ou nome>"
    valor: Decimal
    data_inicial: date | None


def chave_natural(c: ChaveFluxo) -> str:
    """Identidade de um fluxo para a importação não repetir linhas: origem, órgão, UF, processo,
    destino, valor em centavos e a primeira data informada."""
    return chave_natural_de(c.tipo_origem, c.orgao_origem, c.uf_origem, c.processo, c.destino, c.valor, c.data_inicial)


def chave_natural_de(
    tipo_origem: str,
    orgao_origem: str,
    uf_origem: str,
    processo: str | None,
    destino: str,
    valor: Decimal,
    data_inicial: date | None,
) -> str:
    """`chave_natural` sem montar a `ChaveFluxo` (a importação calcula uma por linha)."""
    partes = [
        tipo_origem,
        " ".join(orgao_origem.lower().split()),
        uf_origem.upper(),
        processo or "",
        destino.lower(),
        str(int(valor * 100)),
        data_inicial.isoformat() if data_inicial else "",
    ]
    return hashlib.sha256("|".join(partes).encode("utf-8")).hexdigest()
