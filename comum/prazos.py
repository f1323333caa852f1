"""Uma só regra de atraso para todos os prazos do sistema (cronograma do Plano de Trabalho, coleta
de indicadores, designação da Cláusula 12ª, encaminhamentos dos registros qualitativos): o dia do
prazo ainda está dentro dele, e quem passou a existir depois de um prazo não está atrasado por ele.
Funções puras: a data de hoje é sempre um argumento."""

from __future__ import annotations

from datetime import date


def prazo_efetivo(prazo: date, desde: date | None = None) -> date:
    """O prazo que vale para quem só passou a existir em `desde` (a unidade cadastrada, o ano do
    plano que começou): o maior entre o prazo e `desde`. Código Civil, art. 132, caput: "computam-se
    os prazos, excluído o dia do começo, e incluído o do vencimento" — uma obrigação não vence antes
    de quem a deve existir; quem é cadastrado depois do prazo de um período tem até o dia do cadastro
    (e a tolerância do período) para cumpri-la, não começa devendo dias de atraso."""
    return prazo if desde is None or desde <= prazo else desde


def vencido(prazo: date, hoje: date, desde: date | None = None) -> bool:
    """Código Civil, art. 132, caput (o dia do vencimento é incluído no prazo): está vencido só a
    partir do dia seguinte ao prazo efetivo (`prazo_efetivo`)."""
    return hoje > prazo_efetivo(prazo, desde)


def dias_de_atraso(prazo: date, hoje: date, desde: date | None = None) -> int:
    """Dias corridos depois do prazo efetivo (0 se não venceu)."""
    return max(0, (hoje - prazo_efetivo(prazo, desde)).days)
