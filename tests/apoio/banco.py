"""Consultas diretas ao banco de teste, comuns a vários módulos de teste."""

from __future__ import annotations

from sqlmodel import func, select

from core.banco import sessao


def contar(modelo, *filtros) -> int:
    """Quantas linhas de `modelo` há no banco (só as que atendem a `filtros`, se houver)."""
    with sessao() as s:
        return s.exec(select(func.count()).select_from(modelo).where(*filtros)).one()
