"""Regras de prazo e de progresso do Plano de Trabalho, como funções puras: a data de
hoje é sempre um argumento (nunca lida do relógio aqui dentro), para que as regras
sejam testadas com datas fixas."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from comum.prazos import vencido

STATUS_ENCERRADOS = ("concluida", "cancelada")


def somar_meses(d: date, meses: int) -> date:
    """Código Civil, art. 132, § 3º: "os prazos de meses e anos expiram no dia de igual número
    do de início, ou no imediato, se faltar exata correspondência" (também Lei 810/1949, art. 3º).
    Ex.: 14/11/2023 + 24 meses = 14/11/2025; 31/01/2024 + 1 mês = 01/03/2024 (fevereiro não tem 31)."""
    total = d.month - 1 + meses
    ano, mes = d.year + total // 12, total % 12 + 1
    ultimo = calendar.monthrange(ano, mes)[1]
    if d.day <= ultimo:
        return date(ano, mes, d.day)
    return date(ano, mes, ultimo) + timedelta(days=1)


def inicio_do_mes(inicio_plano: date, mes: int) -> date:
    """Primeiro dia do Mês `mes` (1–12) de um ano do plano cujo Mês 1 começa em `inicio_plano`."""
    return somar_meses(inicio_plano.replace(day=1), mes - 1)


def fim_do_mes(inicio_plano: date, mes: int) -> date:
    return inicio_do_mes(inicio_plano, mes + 1) - timedelta(days=1)


def atalhos_de_periodo(hoje: date, inicios_dos_anos: Iterable[date] = ()) -> dict[str, tuple[date, date]]:
    """Os períodos que o relatório periódico mais pede, prontos para escolher: o ano corrente do
    plano até hoje e o ano anterior do plano inteiro (`inicios_dos_anos`: o primeiro dia do Mês 1
    de cada ano do plano), o mês, o trimestre e o semestre civis anteriores completos, e o ano
    civil até hoje. Decisão do projeto (o acordo não fixa a periodicidade do relatório).
    Ex.: em 04/12/2026, “Mês anterior” = 01/11/2026 a 30/11/2026; “Trimestre anterior” =
    01/07/2026 a 30/09/2026; “Semestre anterior” = 01/01/2026 a 30/06/2026."""

    def anterior(meses: int) -> tuple[date, date]:
        # o bloco civil de `meses` meses (1, 3 ou 6) que terminou antes do bloco em que hoje cai
        inicio_atual = date(hoje.year, (hoje.month - 1) // meses * meses + 1, 1)
        return somar_meses(inicio_atual, -meses), inicio_atual - timedelta(days=1)

    atalhos: dict[str, tuple[date, date]] = {}
    iniciados = sorted(i for i in inicios_dos_anos if i <= hoje)
    if iniciados and mes_corrente(iniciados[-1], hoje) is not None:
        atalhos["Ano do plano até hoje"] = (iniciados[-1], hoje)
        iniciados = iniciados[:-1]
    if iniciados:
        atalhos["Ano anterior do plano"] = (iniciados[-1], fim_do_mes(iniciados[-1], 12))
    atalhos["Mês anterior"] = anterior(1)
    atalhos["Trimestre anterior"] = anterior(3)
    atalhos["Semestre anterior"] = anterior(6)
    atalhos["Ano civil até hoje"] = (date(hoje.year, 1, 1), hoje)
    return atalhos


def mes_corrente(inicio_plano: date, hoje: date) -> int | None:
    """Número do mês do plano (1–12) em que `hoje` cai, ou None se fora do ano."""
    for mes in range(1, 13):
        if inicio_do_mes(inicio_plano, mes) <= hoje <= fim_do_mes(inicio_plano, mes):
            return mes
    return None


def posicao_de_hoje(inicio_plano: date, hoje: date) -> float | None:
    """Posição contínua de `hoje` no eixo Mês 1–12 do Gantt, em que o Mês n ocupa
    [n − 0,5; n + 0,5]. None se hoje está fora do ano do plano."""
    mes = mes_corrente(inicio_plano, hoje)
    if mes is None:
        return None
    ini = inicio_do_mes(inicio_plano, mes)
    dias = (fim_do_mes(inicio_plano, mes) - ini).days + 1
    return mes - 0.5 + ((hoje - ini).days + 0.5) / dias


@dataclass(frozen=True)
class SituacaoPrazo:
    atrasada: bool
    motivo: str = ""


def situacao_atividade(
    *, status: str, meses_previstos: Iterable[int], meses_executados: Iterable[int], inicio_plano: date, hoje: date
) -> SituacaoPrazo:
    """Plano de Trabalho (anexo do acordo pela Cláusula 2ª), item 6 (cronograma): uma atividade está atrasada quando
    (1) foi marcada como atrasada; ou (2) terminou o último mês previsto sem que ela
    fosse concluída; ou (3) começou o primeiro mês previsto e ela segue não iniciada,
    sem nenhum mês executado. Concluídas e canceladas nunca estão atrasadas, nem as de um ano
    do plano que ainda não começou (nem a marcada como atrasada). A mesma regra vale para
    todos os anos — o cronograma, os alertas, o painel público e o relatório a chamam — e o fim
    do mês entra no prazo (`comum.prazos.vencido`, CC art. 132)."""
    if status in STATUS_ENCERRADOS or hoje < inicio_do_mes(inicio_plano, 1):
        return SituacaoPrazo(False)
    previstos = sorted(set(meses_previstos))
    if status == "atrasada":
        return SituacaoPrazo(True, "marcada como atrasada")
    if not previstos:
        return SituacaoPrazo(False)
    ultimo, primeiro = previstos[-1], previstos[0]
    fim = fim_do_mes(inicio_plano, ultimo)
    if vencido(fim, hoje):
        return SituacaoPrazo(True, f"o último mês previsto (Mês {ultimo}, até {fim:%d/%m/%Y}) terminou sem conclusão")
    ini = inicio_do_mes(inicio_plano, primeiro)
    if hoje >= ini and status == "nao_iniciada" and not list(meses_executados):
        return SituacaoPrazo(True, f"deveria ter começado no Mês {primeiro} ({ini:%m/%Y}) e não foi iniciada")
    return SituacaoPrazo(False)


def progresso_meta(atividades: Iterable[tuple[str, int]]) -> float | None:
    """Progresso de uma meta (Plano de Trabalho, item 4, anexo do acordo pela Cláusula 2ª), de 0 a 100: a média do
    percentual executado das atividades do cronograma vinculadas a ela, sem contar as
    canceladas. `atividades` são pares (status, percentual). None se nenhuma conta.
    Ações de comunicação e publicações vinculadas não entram na conta: são as entregas
    e evidências que a tela mostra ao lado."""
    validas = [p for status, p in atividades if status != "cancelada"]
    if not validas:
        return None
    return round(fmean(validas), 1)


def fim_da_vigencia(data_assinatura: date, vigencia_meses: int, prorrogacoes: Iterable[date | None]) -> date:
    """Cláusula 8ª: vigência de 24 meses a contar da assinatura, prorrogável por Termo
    Aditivo. O termo final é o dia de igual número no mês de chegada, ou o imediato (CC art. 132, § 3º);
    havendo prorrogações, vale a data mais distante que elas fixaram."""
    original = somar_meses(data_assinatura, vigencia_meses)
    datas = [d for d in prorrogacoes if d is not None]
    return max([original, *datas])


def prazo_designacao(data_assinatura: date, dias: int = 30) -> date:
    """Cláusula 12ª: cada partícipe designa, "no prazo máximo de 30 dias", os responsáveis
    pelo acompanhamento. Dias corridos a partir da assinatura (o acordo não diz "úteis")."""
    return data_assinatura + timedelta(days=dias)


@dataclass(frozen=True)
class SituacaoDesignacao:
    participe: str
    prazo: date
    designado_em: date | None
    no_prazo: bool | None  # None: ainda não designou
    vencido: bool  # sem designação e prazo já passou


def situacao_designacao(participe: str, designacoes: Iterable[date], prazo: date, hoje: date) -> SituacaoDesignacao:
    """Cláusula 12ª: cumprida no prazo se a primeira designação do partícipe é até o
    prazo; fora do prazo se veio depois; vencida se não há designação e o prazo passou."""
    datas = sorted(designacoes)
    if not datas:
        return SituacaoDesignacao(participe, prazo, None, None, vencido(prazo, hoje))
    return SituacaoDesignacao(participe, prazo, datas[0], datas[0] <= prazo, False)


def vigencia_terminando(fim: date, hoje: date, janela_dias: int = 90) -> bool:
    """Cláusula 8ª (vigência de 24 meses): alerta de fim de vigência quando faltam `janela_dias`
    dias ou menos (e ainda não terminou)."""
    return 0 <= (fim - hoje).days <= janela_dias
