"""Envio de valores de indicadores pelo ponto focal do Escritório, como na página Coleta."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from sqlmodel import select

from core.banco import sessao
from dominio.indicadores import coleta
from dominio.indicadores.coleta import ValorInformado as VI
from models.indicadores import (
    EnvioColeta,
    PeriodoColeta,
)

HOJE = date(2030, 2, 10)  # janeiro/2030 aberto até 15/02/2030 (prazo), travado depois de 25/02/2030


def periodo_mensal_id(dia: date) -> int:
    """Id do período de coleta mensal do mês de `dia`."""
    with sessao() as s:
        return s.exec(
            select(PeriodoColeta.id).where(
                PeriodoColeta.periodicidade == "mensal",
                PeriodoColeta.ano == dia.year,
                PeriodoColeta.numero == dia.month,
            )
        ).one()


NUMS = {"E01": 10, "E02": 20, "E03": 8, "E04": 4, "E05": 3, "E06": 2, "E07": 1, "E08": 1}


def _form(ator, pf, per, hoje=HOJE):
    return coleta.formulario(ator, "escritorio", pf.escritorio_id, per, hoje)


def _valores(form, **troca) -> list[VI]:
    nums = NUMS | troca
    return [
        VI(it.versao.id, "", valor=D(nums[it.indicador.codigo]))
        for it in form.itens
        if nums.get(it.indicador.codigo) is not None
    ]


def enviar(ator, pf, per, hoje=HOJE, **troca):
    f = _form(ator, pf, per, hoje)
    return coleta.salvar(
        ator,
        "escritorio",
        pf.escritorio_id,
        per,
        _valores(f, **troca),
        hoje=hoje,
        versao_envio=f.envio.versao if f.envio else None,
        enviar=True,
    )


def envio(per, pf) -> EnvioColeta | None:
    with sessao() as s:
        return s.exec(
            select(EnvioColeta).where(
                EnvioColeta.periodo_id == per, EnvioColeta.unidade_chave == f"e:{pf.escritorio_id}"
            )
        ).first()


def enviado(pf, per, hoje=HOJE) -> EnvioColeta:
    """O ponto focal `pf` envia o formulário do seu escritório em `per`; devolve o envio gravado."""
    enviar(pf, pf, per, hoje)
    return envio(per, pf)
