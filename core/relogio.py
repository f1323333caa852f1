"""Relógio único do sistema: a única fonte de "hoje" e de "agora".

O servidor pode estar em UTC (ou em qualquer fuso): entre 21h e meia-noite de Brasília o
`date.today()` dele já é amanhã. Por isso ninguém fora deste módulo chama `date.today()`,
`datetime.now()`, `datetime.today()` ou `datetime.utcnow()` (um teste varre o código):

- `hoje()` — a data de hoje em Brasília, para prazos, vigências, alertas e relatórios;
- `agora()` — o instante atual com fuso de Brasília, para mostrar;
- `agora_utc()` — o instante atual em UTC com fuso, para gravar no banco (`DataHoraUTC`); os
  padrões das colunas de data-hora (`models.tipos.agora_utc`) o leem, registrado com `usar_relogio`.

Os testes congelam o relógio com `congelar`:

    with relogio.congelar(datetime(2027, 3, 1, 2, 30, tzinfo=UTC)):
        assert relogio.hoje() == date(2027, 2, 28)

O congelamento vale para todas as threads (as páginas do Streamlit rodam numa thread própria,
também no `AppTest`) e é desfeito ao sair do bloco, mesmo com exceção.

Regras puras que recebem `hoje` como argumento continuam a recebê-lo; quem as chama o obtém
daqui. Medidas de duração (benchmarks, testes de carga) usam `time.perf_counter`, não este relógio.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from core.config import obter_config
from models import tipos

FUSO = ZoneInfo("America/Sao_Paulo")
"""Fuso padrão do sistema (Brasília); `FUSO_HORARIO` na configuração pode trocá-lo."""

_congelado: datetime | None = None


def fuso() -> ZoneInfo:
    """O fuso de "hoje" e de exibição: `FUSO_HORARIO` da configuração, `FUSO` por padrão."""
    nome = obter_config().fuso_horario
    return FUSO if nome == FUSO.key else ZoneInfo(nome)


def agora_utc() -> datetime:
    """O instante atual em UTC, com fuso — o que se grava no banco."""
    if _congelado is not None:
        return _congelado
    return datetime.now(UTC)


def agora() -> datetime:
    """O instante atual no fuso de Brasília (com fuso), para mostrar."""
    return agora_utc().astimezone(fuso())


def hoje() -> date:
    """A data de hoje em Brasília (não a do servidor)."""
    return agora().date()


def _instante(momento: datetime | date) -> datetime:
    """`momento` como instante UTC: data-hora sem fuso e data (ao meio-dia) são de Brasília."""
    if not isinstance(momento, datetime):
        momento = datetime.combine(momento, time(12, 0))
    if momento.tzinfo is None:
        momento = momento.replace(tzinfo=fuso())
    return momento.astimezone(UTC)


@contextmanager
def congelar(momento: datetime | date) -> Iterator[datetime]:
    """Para o relógio em `momento` dentro do bloco `with` e o solta ao sair.

    `momento` pode ser uma data-hora com fuso (qualquer um), uma data-hora sem fuso (lida como
    horário de Brasília) ou uma data (meio-dia em Brasília). Devolve o instante congelado, em UTC.
    Blocos aninhados restauram o congelamento de fora ao terminar."""
    global _congelado
    anterior = _congelado
    _congelado = _instante(momento)
    try:
        yield _congelado
    finally:
        _congelado = anterior


tipos.usar_relogio(agora_utc)  # os padrões das colunas de data-hora (models/) também leem este relógio
