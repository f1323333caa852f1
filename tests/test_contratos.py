"""Contratos de arquitetura e de estilo, conferidos a cada execução dos testes.

- `lint-imports`: as camadas (paginas > ui > dominio > comum > core > models), nada do sistema
  importa demo/ nem ferramentas/, o Streamlit só em core.cache fora de paginas e ui (contratos
  em `[tool.importlinter]` do pyproject.toml);
- `ruff check .` e `ruff format --check .`: lint e formatação (configuração no pyproject.toml);
- duas conferências próprias, lidas do código com `ast`: nenhum módulo importa um nome privado
  (`_x`) de outro módulo do projeto e não há ciclo de imports entre os módulos do projeto
  (imports dentro de funções contam: também criam o acoplamento).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
PACOTES = ("core", "comum", "dominio", "models", "ui", "paginas", "web", "demo", "ferramentas", "migrations")
SOLTOS = ("app.py", "asgi.py", "manage.py")


def _executavel(nome: str) -> str:
    """O executável instalado no mesmo ambiente do Python que roda os testes."""
    caminho = Path(sys.executable).parent / nome
    if not caminho.exists():
        pytest.fail(f"{nome} não está instalado neste ambiente ({caminho}): pip install -r requirements-dev.txt")
    return str(caminho)


@pytest.mark.parametrize(
    "comando",
    [["lint-imports"], ["ruff", "check", "."], ["ruff", "format", "--check", "."]],
    ids=["lint-imports", "ruff-check", "ruff-format"],
)
def test_ferramenta_de_contrato_passa(comando):
    r = subprocess.run([_executavel(comando[0]), *comando[1:]], cwd=RAIZ, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, f"`{' '.join(comando)}` falhou:\n{r.stdout}\n{r.stderr}"


# --- conferências próprias com ast ----------------------------------------------------------


def _modulos(raiz: Path = RAIZ) -> dict[str, Path]:
    """Nome pontuado → arquivo de cada módulo do projeto (sem os testes)."""
    mods = {}
    for pacote in PACOTES:
        for f in sorted((raiz / pacote).rglob("*.py")):
            partes = list(f.relative_to(raiz).with_suffix("").parts)
            if partes[-1] == "__init__":
                partes.pop()
            mods[".".join(partes)] = f
    for solto in SOLTOS:
        if (raiz / solto).exists():
            mods[solto.removesuffix(".py")] = raiz / solto
    return mods


def _base_relativa(modulo: str, arquivo: Path, no: ast.ImportFrom) -> str:
    if not no.level:
        return no.module or ""
    pacote = modulo.split(".") if arquivo.name == "__init__.py" else modulo.split(".")[:-1]
    base = pacote[: len(pacote) - (no.level - 1)]
    return ".".join([*base, *([no.module] if no.module else [])])


def _imports(mods: dict[str, Path]):
    """(módulo, linha, módulo importado do projeto, nome importado ou None) de todo import, no topo
    ou dentro de funções. `from pacote import modulo` conta como import do módulo."""
    for nome, arquivo in mods.items():
        arvore = ast.parse(arquivo.read_text(encoding="utf-8"), filename=str(arquivo))
        for no in ast.walk(arvore):
            if isinstance(no, ast.Import):
                for a in no.names:
                    alvo = a.name
                    while alvo and alvo not in mods:
                        alvo = alvo.rpartition(".")[0]
                    if alvo:
                        yield nome, no.lineno, alvo, None
            elif isinstance(no, ast.ImportFrom):
                base = _base_relativa(nome, arquivo, no)
                for a in no.names:
                    if f"{base}.{a.name}" in mods:
                        yield nome, no.lineno, f"{base}.{a.name}", None
                    elif base in mods:
                        yield nome, no.lineno, base, a.name


def _importes_privados(mods: dict[str, Path], raiz: Path = RAIZ) -> list[str]:
    return [
        f"{mods[origem].relative_to(raiz).as_posix()}:{linha} importa {alvo}.{nome}"
        for origem, linha, alvo, nome in _imports(mods)
        if nome and nome.startswith("_") and not nome.startswith("__") and alvo != origem
    ]


def _ciclos(mods: dict[str, Path]) -> list[list[str]]:
    """Componentes fortemente conexos (Tarjan) com mais de um módulo."""
    grafo: dict[str, set[str]] = {m: set() for m in mods}
    for origem, _, alvo, _ in _imports(mods):
        if alvo != origem:
            grafo[origem].add(alvo)
    indice, baixo, pilha, na_pilha, ciclos = {}, {}, [], set(), []
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(grafo)))

    def visitar(v: str) -> None:
        indice[v] = baixo[v] = len(indice)
        pilha.append(v)
        na_pilha.add(v)
        for w in grafo[v]:
            if w not in indice:
                visitar(w)
                baixo[v] = min(baixo[v], baixo[w])
            elif w in na_pilha:
                baixo[v] = min(baixo[v], indice[w])
        if baixo[v] == indice[v]:
            componente = []
            while True:
                w = pilha.pop()
                na_pilha.discard(w)
                componente.append(w)
                if w == v:
                    break
            if len(componente) > 1:
                ciclos.append(sorted(componente))

    for v in sorted(grafo):
        if v not in indice:
            visitar(v)
    return ciclos


def test_nenhum_import_de_nome_privado_de_outro_modulo():
    """Um nome `_x` é detalhe do módulo que o define: quem precisa dele pede uma função pública
    (na camada certa), não se acopla ao detalhe."""
    privados = _importes_privados(_modulos())
    assert privados == [], "imports de nomes privados de outros módulos:\n" + "\n".join(privados)


def test_nenhum_ciclo_de_imports_entre_modulos_do_projeto():
    """Dois módulos que se importam (ainda que dentro de uma função) formam um só: a parte comum
    desce para um módulo de baixo."""
    ciclos = _ciclos(_modulos())
    assert ciclos == [], "ciclos de imports:\n" + "\n".join(" <-> ".join(c) for c in ciclos)


def test_as_conferencias_acham_o_que_procuram(tmp_path):
    """As duas conferências acima acusam um import privado e um ciclo num projeto de brinquedo
    (senão passariam sem olhar nada)."""
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "__init__.py").write_text("")
    (tmp_path / "core" / "a.py").write_text("from core.b import _segredo\n")
    (tmp_path / "core" / "b.py").write_text("def f():\n    from core import a\n\n_segredo = 1\n")
    mods = _modulos(tmp_path)
    assert set(mods) == {"core", "core.a", "core.b"}
    assert _ciclos(mods) == [["core.a", "core.b"]]
    assert _importes_privados(mods, tmp_path) == ["core/a.py:1 importa core.b._segredo"]
