"""Leitura dos problemas de um `ErroValidacao` capturado com `pytest.raises`, comum a vários
módulos de teste."""

from __future__ import annotations

import pytest


def problemas_por_campo(exc: pytest.ExceptionInfo) -> dict[str, list[str]]:
    """As mensagens dos problemas do erro capturado em `exc`, agrupadas por campo, na ordem."""
    saida: dict[str, list[str]] = {}
    for p in exc.value.problemas:
        saida.setdefault(p.campo, []).append(p.mensagem)
    return saida


def mensagens(exc: pytest.ExceptionInfo) -> list[str]:
    """Cada problema do erro capturado em `exc` como o usuário o lê (“Campo “x”: …”), na ordem."""
    return [str(p) for p in exc.value.problemas]
