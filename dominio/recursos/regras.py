"""Regras dos fluxos de recursos, como funções puras (datas de hoje sempre recebidas).

Cada regra de um fluxo (FluxoRecurso) está aqui uma vez, com a norma que a funda, e devolve a
mensagem do problema (ou None): o formulário (`dominio.recursos.servicos.validar_fluxo`) e a
importação de planilhas, na validação completa e na rápida (`dominio.recursos.importacao`),
chamam as mesmas funções, de modo que decidem igual e dizem o mesmo."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from comum.formatos import dinheiro as formatar_dinheiro
from comum.validadores import validar_cnpj, validar_processo_cnj
from core.erros import trecho
from models.recursos import ETAPAS, ORIGENS_JUDICIAIS, ORIGENS_RES_CONJUNTA_10, STATUS_PRESTACAO, TIPOS_ORIGEM
from models.tipos import CENTAVO, VALOR_MAXIMO

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


def etapas_a_partir_de(etapa: str) -> tuple[str, ...]:
    """As etapas em que está um fluxo que já chegou a `etapa` (ela e as seguintes, na ordem
    potencial → destinado → transferido → aplicado; Res. Conjunta CNJ/CNMP 10/2024, arts. 4º a 14)."""
    return tuple(ORDEM_ETAPAS[ORDEM_ETAPAS.index(etapa) :])


def valores_acumulados(por_etapa: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Dos valores por etapa atual (cada fluxo conta uma vez, onde está agora) aos valores do
    glossário (dominio/publico/glossario.py): **Destinado** é o que já chegou à destinação
    (destinado + transferido + aplicado), **Transferido** o que chegou à transferência
    (transferido + aplicado), **Aplicado** o aplicado e **Potencial** o que ainda não foi
    destinado. A ordem das etapas segue a Res. Conjunta CNJ/CNMP 10/2024, arts. 4º a 14 (destinação,
    transferência e prestação de contas da aplicação). A página Recursos, o painel público e o
    relatório usam esta função."""
    return {
        etapa: sum((por_etapa.get(e, Decimal("0")) for e in etapas_a_partir_de(etapa)), Decimal("0.00"))
        if etapa != "potencial"
        else por_etapa.get("potencial", Decimal("0.00"))
        for etapa in ORDEM_ETAPAS
    }


def exige_processo(tipo_origem: str) -> bool:
    """Resolução CNJ 558/2024 (prestação pecuniária) e CPP arts. 76 e 89 (transação penal e
    suspensão condicional): valores decididos em processo judicial trazem o número único do
    processo (Resolução CNJ 65/2008)."""
    return tipo_origem in ORIGENS_JUDICIAIS


def _lista_em_portugues(itens: list[str]) -> str:
    return ", ".join(itens[:-1]) + " e " + itens[-1] if len(itens) > 1 else "".join(itens)


# Resolução CNJ 558/2024 e CPP arts. 76 e 89 (`exige_processo`): quando o número do processo é
# obrigatório, escrito uma vez a partir da própria regra — para a mensagem do formulário e da
# importação, a ajuda da tela e as instruções do modelo de planilha.
PROCESSO_OBRIGATORIO = "obrigatório para " + _lista_em_portugues(
    [rotulo.lower() for codigo, rotulo in TIPOS_ORIGEM.items() if exige_processo(codigo)]
)


def conferir_processo(tipo_origem: str, texto: str | None, hoje: date | None = None) -> tuple[str | None, str | None]:
    """Resolução CNJ 65/2008, art. 1º (número único NNNNNNN-DD.AAAA.J.TR.OOOO, dígitos
    verificadores mod 97-10, segmento J e tribunal TR que existam, ano do ajuizamento nem no
    futuro nem antes de 1890 — `comum.validadores.validar_processo_cnj`) e Resolução CNJ
    558/2024 / CPP arts. 76 e 89 (obrigatório nas origens judiciais). Devolve (número formatado
    ou None, mensagem do problema ou None)."""
    processo = (texto or "").strip()
    if processo:
        try:
            return validar_processo_cnj(processo, hoje), None
        except ValueError as exc:
            return None, str(exc)
    if tipo_origem in TIPOS_ORIGEM and exige_processo(tipo_origem):
        return None, PROCESSO_OBRIGATORIO
    return None, None


def conferir_orgao(texto: str | None) -> tuple[str, str | None]:
    """Resolução Conjunta CNJ/CNMP 10/2024, art. 14 (a prestação de contas identifica o processo
    e quem o decidiu) e Resolução CNJ 558/2024 (valores geridos pela unidade judicial): todo
    fluxo diz o órgão de origem — tribunal, comarca e vara; unidade do MP; ou o órgão. Devolve
    (órgão com os espaços normalizados, problema ou None)."""
    orgao = " ".join((texto or "").split())
    return orgao, None if orgao else "informe o tribunal/comarca/vara, a unidade do MP ou o órgão"


def conferir_uf(texto: str | None, ufs: set[str]) -> tuple[str, str | None]:
    """Constituição Federal, art. 18 (as unidades da Federação): a UF de origem é uma das siglas
    do cadastro (`ufs`). Devolve (sigla em maiúsculas, problema ou None)."""
    uf = (texto or "").strip().upper()
    if not uf:
        return uf, "informe a sigla da UF (ex.: SP)"
    return uf, None if uf in ufs else f"UF “{trecho(texto)}” não existe"


def problema_valor(valor: Decimal | None) -> str | None:
    """Lei 9.069/1995, art. 1º (o real e o centavo, sua centésima parte): o valor do fluxo é
    informado em reais, exato ao centavo e maior que zero (um fluxo sem valor não é fluxo);
    acima de `VALOR_MAXIMO` (o que a coluna do banco guarda) é tido por erro de digitação."""
    if valor is None:
        return "informe o valor"
    if not isinstance(valor, Decimal) or valor.is_nan():
        return "informe um número (ex.: 1.234,56)"
    if not valor.is_finite() or valor <= 0:
        return "deve ser maior que zero"
    if valor > VALOR_MAXIMO:
        return f"acima do máximo aceito ({formatar_dinheiro(VALOR_MAXIMO)}); confira os dígitos"
    if valor != valor.quantize(CENTAVO):
        return "tem mais de duas casas decimais"
    return None


def problema_valor_aplicado(aplicado: Decimal | None, valor: Decimal | None) -> str | None:
    """Resolução Conjunta CNJ/CNMP 10/2024, art. 14: a prestação de contas informa o valor
    efetivamente aplicado — não negativo nem maior que o valor destinado."""
    if aplicado is None:
        return None
    if aplicado < 0:
        return "não pode ser negativo"
    if isinstance(valor, Decimal) and valor.is_finite() and aplicado > valor:
        return "é maior que o valor do fluxo"
    return None


def conferir_cnpj_destino(destino_tipo: str, texto: str | None) -> tuple[str | None, str | None]:
    """Resolução Conjunta CNJ/CNMP 10/2024, art. 14 (a prestação de contas identifica os
    destinatários): projeto ou entidade beneficiária se identifica pelo CNPJ, com os dígitos
    verificadores conferidos. Devolve (CNPJ só com dígitos ou None, problema ou None)."""
    if (texto or "").strip():
        try:
            return validar_cnpj(texto), None
        except ValueError as exc:
            return None, str(exc)
    if destino_tipo == "projeto":
        return None, "obrigatório para projeto ou entidade"
    return None, None


def problema_justificativa(tipo_origem: str, etapa: str, justificativa: str) -> str | None:
    """Resolução Conjunta CNJ/CNMP 10/2024, art. 6º: a destinação de TAC, multa ou dano moral
    coletivo, da etapa "destinado" em diante, precisa de justificativa escrita."""
    if (
        tipo_origem in TIPOS_ORIGEM
        and etapa in ETAPAS
        and exige_justificativa(tipo_origem, etapa)
        and not justificativa
    ):
        return (
            "a destinação de TAC, multa ou dano moral coletivo exige justificativa escrita "
            "(Res. Conjunta CNJ/CNMP 10/2024, art. 6º)"
        )
    return None


PRESTACAO_ENTREGUE = ("apresentada", "aprovada", "rejeitada")


def problemas_prestacao(
    status: str, data_prestacao: date | None, valor_aplicado: Decimal | None
) -> list[tuple[str, str]]:
    """Resolução Conjunta CNJ/CNMP 10/2024, art. 14: a prestação de contas apresentada tem data
    e informa o valor efetivamente aplicado. Devolve pares (campo, mensagem)."""
    if status not in STATUS_PRESTACAO:
        return [("situação da prestação de contas", f"“{trecho(status)}” não é válida")]
    if status not in PRESTACAO_ENTREGUE:
        return []
    saida = []
    if data_prestacao is None:
        saida.append(("data da prestação de contas", "informe quando foi apresentada"))
    if valor_aplicado is None:
        saida.append(("valor aplicado", "a prestação de contas informa o valor efetivamente aplicado (art. 14)"))
    return saida


def problema_comprovante(texto: str | None) -> str | None:
    """Resolução Conjunta CNJ/CNMP 10/2024, art. 14: a prestação de contas é publicada na
    internet, e o comprovante de publicidade é o endereço (http/https) da publicação."""
    if texto and not texto.strip().lower().startswith(("http://", "https://")):
        return "informe o endereço (http/https) onde a prestação foi publicada"
    return None


def exige_justificativa(tipo_origem: str, etapa: str) -> bool:
    """Resolução Conjunta CNJ/CNMP 10/2024, art. 6º: a destinação de valores de TAC, multas e
    danos morais coletivos precisa de justificativa escrita — a partir da etapa "destinado"."""
    return tipo_origem in ORIGENS_RES_CONJUNTA_10 and ORDEM_ETAPAS.index(etapa) >= ORDEM_ETAPAS.index("destinado")


def problemas_das_etapas(etapa: str, datas: dict[str, date | None], hoje: date) -> list[tuple[str, str]]:
    """Resolução Conjunta CNJ/CNMP 10/2024, arts. 6º e 14 (destinação, transferência e aplicação
    registradas, nessa ordem) e Resolução CNJ 558/2024 (valor em conta judicial até o alvará):
    cada etapa alcançada tem sua data; as etapas anteriores também (exceto "potencial", que
    um valor já decidido pode não ter tido); as datas não andam para trás nem estão no futuro.
    Devolve pares (campo, mensagem)."""
    if etapa not in ETAPAS:
        return [("etapa", f"“{trecho(etapa)}” não é válida; use {', '.join(ETAPAS.values())}")]
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
    """Constituição Federal, art. 7º, IV (salário mínimo fixado em lei, reajustado por ato
    próprio): o salário mínimo em vigor na data `d` é o de vigência mais recente que já começou."""
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
    """Resolução Conjunta CNJ/CNMP 10/2024, art. 14 (prestação de contas do valor destinado):
    prazo sugerido quando o termo não fixa outro — `dias` corridos da transferência (valor
    configurável, PRAZO_PRESTACAO_DIAS; a resolução deixa o prazo ao instrumento de destinação)."""
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
