"""A documentação não apodrece: toda função e todo arquivo citados no README.md e em docs/
existem; o primeiro trecho do README tem o que um recém-chegado precisa; nenhum arquivo do
projeto aponta para material de fora do repositório; toda regra de docs/dominio.md que vem de
uma norma cita a norma também no docstring da função que a aplica."""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
DOCS = sorted((RAIZ / "docs").glob("*.md"))
ARQUIVOS_DOC = [RAIZ / "README.md", *DOCS]

# `modulo.sub:funcao` entre crases (também vários numa mesma célula de tabela)
RE_FUNCAO = re.compile(r"`([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)+):([A-Za-z_][A-Za-z0-9_]*)`")
# caminho de arquivo ou pasta do projeto entre crases: tem uma barra ou termina numa extensão conhecida
RE_CAMINHO = re.compile(
    r"`((?:\.?[A-Za-z0-9_<>-]+/)*\.?[A-Za-z0-9_<>.-]+(?:\.(?:py|md|json|toml|ini|mako|csv|geojson|css|png|txt)|/))`"
)
# links relativos do markdown: [texto](docs/arquivo.md) ou [texto](arquivo.md#secao)
RE_LINK = re.compile(r"\]\((?!https?://|#)([^)#\s]+)(?:#[^)]*)?\)")
# citação de norma num texto
RE_NORMA = re.compile(r"\b(Lei|Decreto|Portaria|Resolução|Res\.|Cláusula|arts?\.|Código Civil)(?=[\s\d,.;:)]|$)")

# arquivos que o sistema ou quem o instala cria: não estão no repositório
GERADOS = {
    "var/",
    "var/pnat.sqlite3",
    "var/escala.sqlite3",
    "var/bench.json",
    ".env",
    ".streamlit/secrets.toml",
}
# citados justamente para dizer que não podem existir
AUSENTES_DE_PROPOSITO = {"pages/"}


def _texto(caminho: Path) -> str:
    return caminho.read_text(encoding="utf-8")


def _rastreados() -> list[str]:
    return subprocess.run(["git", "ls-files"], cwd=RAIZ, capture_output=True, text=True, check=True).stdout.splitlines()


def _referencias_de_funcao() -> list[tuple[str, str, str]]:
    return [(c.name, m, f) for c in ARQUIVOS_DOC for m, f in RE_FUNCAO.findall(_texto(c))]


def test_ha_documentacao_em_docs():
    nomes = {c.name for c in DOCS}
    assert {"dominio.md", "arquitetura.md", "desempenho.md", "funcionalidades.md", "operacao.md"} <= nomes


@pytest.mark.parametrize("arquivo,modulo,funcao", _referencias_de_funcao())
def test_toda_funcao_citada_existe(arquivo, modulo, funcao):
    mod = importlib.import_module(modulo)
    assert callable(getattr(mod, funcao, None)), f"{arquivo} cita `{modulo}:{funcao}`, que não existe"


def test_todo_arquivo_citado_existe():
    """Caminhos com barra são relativos à raiz; um nome solto (`manage.py`, `uf.csv`) tem de
    existir em alguma pasta do repositório; links relativos, a partir do próprio documento."""
    rastreados = _rastreados()
    nomes_soltos = {Path(n).name for n in rastreados}
    faltam = []
    for c in ARQUIVOS_DOC:
        texto = _texto(c)
        for caminho in RE_CAMINHO.findall(texto):
            if caminho in GERADOS or "<" in caminho:
                continue
            if caminho in AUSENTES_DE_PROPOSITO:
                assert not (RAIZ / caminho).exists(), f"`{caminho}` não pode existir ({c.name} explica por quê)"
                continue
            if "/" in caminho.rstrip("/"):
                existe = (RAIZ / caminho).exists()
            else:
                existe = (RAIZ / caminho).exists() or caminho in nomes_soltos
            if not existe:
                faltam.append(f"{c.name}: `{caminho}`")
        for link in RE_LINK.findall(texto):
            if not (c.parent / link).exists():
                faltam.append(f"{c.name}: link ({link})")
    assert not faltam, "citados e inexistentes:\n" + "\n".join(faltam)


def test_conferencia_de_caminhos_acusa_o_que_falta():
    """O padrão de caminhos reconhece os tipos citados (senão o teste acima nada conferiria)."""
    exemplo = "`core/config.py` e `paginas/` e `data/indicadores.json` e `tests/nao_existe.py`"
    assert RE_CAMINHO.findall(exemplo) == ["core/config.py", "paginas/", "data/indicadores.json", "tests/nao_existe.py"]
    assert not (RAIZ / "tests/nao_existe.py").exists()


def test_nenhum_arquivo_aponta_para_fora_do_projeto():
    arquivos = _rastreados()
    proibidos = ("../" + "shared", "DOMAIN" + ".md", "STYLE" + ".md")  # partidos para este arquivo não se acusar
    achados = []
    for nome in arquivos:
        caminho = RAIZ / nome
        if not caminho.is_file():
            continue
        try:
            texto = caminho.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        achados += [f"{nome}: {p}" for p in proibidos if p in texto]
    assert not achados, "\n".join(achados)


def test_primeira_tela_do_readme_tem_os_comandos_e_as_contas_de_demonstracao():
    from demo.demonstracao import USUARIOS_DEMO

    inicio = "\n".join(_texto(RAIZ / "README.md").splitlines()[:60])
    assert (
        "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/python manage.py run --demo"
        in inicio
    )
    assert (
        "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt -r requirements-dev.txt "
        "&& .venv/bin/python -m pytest" in inicio
    )
    for u in USUARIOS_DEMO:
        assert u.email in inicio and u.senha in inicio, f"conta de demonstração {u.email} fora do início do README"
    for doc in ("docs/dominio.md", "docs/arquitetura.md", "docs/operacao.md"):
        assert doc in inicio


def _linhas_de_regra() -> list[tuple[str, str, str]]:
    """(fonte, módulo, função) de cada linha das tabelas de regras de docs/dominio.md:
    | regra | fonte | função(ões) |."""
    linhas = []
    for linha in _texto(RAIZ / "docs" / "dominio.md").splitlines():
        celulas = [c.strip() for c in linha.strip().strip("|").split("|")]
        if len(celulas) != 3 or not RE_FUNCAO.search(celulas[2]):
            continue
        linhas += [(celulas[1], m, f) for m, f in RE_FUNCAO.findall(celulas[2])]
    return linhas


def test_dominio_lista_as_regras_de_cada_area():
    modulos = {m for _, m, _ in _linhas_de_regra()}
    for area in ("plano", "recursos", "funpen", "lgpd", "indicadores"):
        assert f"dominio.{area}.regras" in modulos
    assert {"dominio.publico.supressao", "comum.validadores"} <= modulos


@pytest.mark.parametrize("fonte,modulo,funcao", _linhas_de_regra())
def test_regra_de_norma_cita_a_norma_no_docstring(fonte, modulo, funcao):
    doc = inspect.getdoc(getattr(importlib.import_module(modulo), funcao)) or ""
    assert doc, f"`{modulo}:{funcao}` não tem docstring"
    if RE_NORMA.search(fonte):
        assert RE_NORMA.search(doc), f"`{modulo}:{funcao}` aplica {fonte!r}, mas o docstring não cita a norma"


def test_padrao_de_norma():
    for citado in (
        "Lei 9.784/1999",
        "Decreto 9.450/2018",
        "Portaria 250/2015",
        "Resolução CNJ 65/2008",
        "Res. CD/ANPD 15/2024",
        "Cláusula 8ª",
        "art. 14",
        "arts. 6º a 9º",
        "Código Civil",
    ):
        assert RE_NORMA.search(citado), citado
    for solto in ("decisão do projeto", "parte.", "Leilão", "artigo de jornal"):
        assert not RE_NORMA.search(solto), solto
