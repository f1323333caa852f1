"""O que os testes de navegador e de carga compartilham: o Chromium, quando pular e o que é erro."""

from __future__ import annotations

import os
import re

import pytest

from ferramentas.servidor_local import CHROMIUM


def _no_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def pular_ou_falhar(motivo: str) -> None:
    if _no_ci():
        pytest.fail(f"{motivo} (no CI os testes de navegador são obrigatórios)")
    pytest.skip(motivo)


# Nenhum pedido para fora do servidor é tolerado: o ícone da aba é um PNG local (um
# `page_icon=":material/..."` faria o Streamlit buscá-lo em fonts.gstatic.com).
EXTERNOS_TOLERADOS = re.compile(r"(?!)")


ERRO_EM_INGLES = re.compile(r"\bError\b|Traceback \(most recent call last\)|\bException\b")


__all__ = ["CHROMIUM", "ERRO_EM_INGLES", "EXTERNOS_TOLERADOS", "pular_ou_falhar"]
