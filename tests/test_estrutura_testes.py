"""Os módulos de teste não importam uns aos outros: o que dois deles compartilham mora em
`tests/conftest.py` (fixtures) ou em `tests/apoio/` (funções e dados de apoio)."""

from __future__ import annotations

import ast
from pathlib import Path

PASTA = Path(__file__).resolve().parent


def _importados(arquivo: Path) -> set[str]:
    nomes: set[str] = set()
    for no in ast.walk(ast.parse(arquivo.read_text(encoding="utf-8"))):
        if isinstance(no, ast.ImportFrom) and no.module:
            nomes.add(no.module)
        elif isinstance(no, ast.Import):
            nomes.update(a.name for a in no.names)
    return nomes


def test_modulos_de_teste_nao_importam_outros_modulos_de_teste():
    permitidos = ("tests.apoio", "tests.conftest")
    achados = [
        f"{arquivo.relative_to(PASTA.parent)} importa {nome}"
        for arquivo in PASTA.rglob("*.py")
        for nome in _importados(arquivo)
        if nome.startswith("tests.") and not nome.startswith(permitidos)
    ]
    assert achados == []


def test_apoio_nao_define_testes():
    """`tests/apoio/` só tem apoio: um `test_*` ali rodaria escondido (ou não rodaria)."""
    definidos = [
        f"{arquivo.name}:{no.name}"
        for arquivo in (PASTA / "apoio").glob("*.py")
        for no in ast.parse(arquivo.read_text(encoding="utf-8")).body
        if isinstance(no, ast.FunctionDef) and no.name.startswith("test_")
    ]
    assert definidos == []
