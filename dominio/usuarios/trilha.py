"""Consulta da trilha de auditoria (somente leitura; só administradores)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd
from sqlmodel import func, select

from comum.formatos import data_hora
from core import acesso
from core.banco import sessao
from core.relogio import fuso
from models.usuarios import RegistroAuditoria, Usuario

ACOES = {"inclusao": "Inclusão", "alteracao": "Alteração", "exclusao": "Exclusão"}


def _inicio_do_dia(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=fuso())


def consultar(
    ator: Usuario | None,
    *,
    inicio: date | None = None,
    fim: date | None = None,
    entidades: list[str] | None = None,
    acoes: list[str] | None = None,
    usuario: str = "",
    pagina: int = 1,
    por_pagina: int = 100,
) -> tuple[pd.DataFrame, int]:
    """Devolve (página da trilha, total de registros com os filtros). Datas no horário de Brasília."""
    acesso.exigir(ator, acesso.AUDITORIA_VER)
    r = RegistroAuditoria
    filtros = []
    if inicio:
        filtros.append(r.momento >= _inicio_do_dia(inicio))
    if fim:
        filtros.append(r.momento < _inicio_do_dia(fim + timedelta(days=1)))
    if entidades:
        filtros.append(r.entidade.in_(entidades))
    if acoes:
        filtros.append(r.acao.in_(acoes))
    if usuario.strip():
        filtros.append(func.lower(r.usuario_email).like(f"%{usuario.strip().lower()}%"))
    with sessao(ator) as s:
        total = s.exec(select(func.count()).select_from(r).where(*filtros)).one()
        linhas = s.exec(
            select(r)
            .where(*filtros)
            .order_by(r.momento.desc(), r.id.desc())
            .offset((max(pagina, 1) - 1) * por_pagina)
            .limit(por_pagina)
        ).all()
    df = pd.DataFrame(
        [
            {
                "Quando": data_hora(x.momento),
                "Quem": x.usuario_email,
                "Ação": ACOES[x.acao],
                "Entidade": x.entidade,
                "Id": x.entidade_id,
                "Antes": _json_curto(x.antes),
                "Depois": _json_curto(x.depois),
            }
            for x in linhas
        ],
        columns=["Quando", "Quem", "Ação", "Entidade", "Id", "Antes", "Depois"],
    )
    return df, total


def entidades(ator: Usuario | None) -> list[str]:
    acesso.exigir(ator, acesso.AUDITORIA_VER)
    with sessao(ator) as s:
        return list(s.exec(select(RegistroAuditoria.entidade).distinct().order_by(RegistroAuditoria.entidade)))


def _json_curto(valores: dict | None) -> str:
    if not valores:
        return ""
    return "; ".join(f"{k}: {v}" for k, v in valores.items())
