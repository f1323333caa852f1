"""Acessibilidade medida (eMAG 3.1 e WCAG 2.1 AA): o axe-core (pacote npm, `node_modules/axe-core/
axe.min.js`, instalado por `npm ci` no .ci/run ou aqui mesmo, se faltar) é injetado em toda página,
para o público e para cada perfil. Nenhuma violação de impacto “serious” ou “critical” é aceita;
as demais regras violadas precisam estar listadas, com o motivo, em docs/acessibilidade.md.

Também: o documento declara lang="pt-BR"; o painel público e o login são percorridos só com o
teclado (Tab, Enter); todo gráfico tem uma alternativa em texto ao lado."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core import acesso
from demo.demonstracao import USUARIOS_DEMO
from tests.apoio.navegador import CONTAS_QUE_COBREM_TUDO, SENHAS_DEMO, pular_ou_falhar
from tests.conftest import RAIZ

pytestmark = pytest.mark.navegador

AXE = RAIZ / "node_modules" / "axe-core" / "axe.min.js"
DOC = RAIZ / "docs" / "acessibilidade.md"
# WCAG 2.0 e 2.1, níveis A e AA (o eMAG 3.1 segue a WCAG 2.0), e as boas práticas do axe
ETIQUETAS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
GRAVES = {"serious", "critical"}


@pytest.fixture(scope="session")
def axe_js() -> str:
    """O axe.min.js do pacote npm fixado em package.json/package-lock.json; se faltar, `npm ci`."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pular_ou_falhar("npm não encontrado: instale o Node.js e rode `npm ci` na raiz do projeto")
        r = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=RAIZ, capture_output=True, text=True)
        if r.returncode != 0 or not AXE.exists():
            pular_ou_falhar(f"`npm ci` não instalou o axe-core:\n{(r.stdout + r.stderr)[-2000:]}")
    return AXE.read_text(encoding="utf-8")


def _axe(page, axe_js: str) -> list[dict]:
    """Roda o axe-core na página inteira; devolve as violações (regra, impacto, alvos)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_js)
    return page.evaluate(
        """async (etiquetas) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: etiquetas}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impacto: v.impact, ajuda: v.help,
                alvos: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary.slice(0, 300))}));
        }""",
        ETIQUETAS,
    )


def _documentadas() -> set[str]:
    """As regras do axe listadas em docs/acessibilidade.md (na tabela das violações aceitas)."""
    return set(re.findall(r"^\| `([a-z0-9-]+)` \|", DOC.read_text(encoding="utf-8"), flags=re.M))


class Achados:
    def __init__(self) -> None:
        self.graves: list[str] = []
        self.outras: dict[str, list[str]] = {}

    def registrar(self, onde: str, violacoes: list[dict]) -> None:
        for v in violacoes:
            if v["impacto"] in GRAVES:
                self.graves.append(
                    f"{onde}: {v['id']} ({v['impacto']}) — {v['ajuda']}\n    " + "\n    ".join(v["alvos"])
                )
            else:
                self.outras.setdefault(v["id"], []).append(onde)

    def conferir(self) -> None:
        assert not self.graves, "violações graves do axe-core:\n" + "\n".join(self.graves)
        sem_motivo = sorted(set(self.outras) - _documentadas())
        assert not sem_motivo, (
            f"violações sem motivo em docs/acessibilidade.md: {sem_motivo} "
            f"(onde: {[self.outras[i][:3] for i in sem_motivo]})"
        )


def _abrir_pelo_menu(aba, titulo: str) -> None:
    aba.page.get_by_test_id("stSidebarNav").get_by_role("link", name=titulo, exact=True).click()
    aba.esperar(settle_ms=800)
    aba.page.wait_for_timeout(700)  # gráficos e tabelas terminam de desenhar


def test_axe_sem_violacoes_graves_no_publico(aba, axe_js):
    achados = Achados()
    page = aba.page
    aba.ir("/")
    expect(page.locator("html")).to_have_attribute("lang", "pt-BR", timeout=10_000)
    page.wait_for_timeout(1000)
    achados.registrar("público → Painel público", _axe(page, axe_js))
    for titulo in aba.links_do_menu():
        _abrir_pelo_menu(aba, titulo)
        achados.registrar(f"público → {titulo}", _axe(page, axe_js))
    achados.conferir()


@pytest.mark.parametrize("email", CONTAS_QUE_COBREM_TUDO)
def test_axe_sem_violacoes_graves_em_cada_pagina_de_quem_entra(aba, axe_js, email):
    achados = Achados()
    page = aba.page
    aba.entrar(email)
    expect(page.locator("html")).to_have_attribute("lang", "pt-BR", timeout=10_000)
    papel = next(u.papel for u in USUARIOS_DEMO if u.email == email)
    titulos = [t for _, t, _, _ in acesso.paginas_do_papel(papel)]
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name=titulos[-1], exact=True)).to_be_visible()
    assert aba.links_do_menu() == titulos
    sem_resumo = []
    for titulo in titulos:
        _abrir_pelo_menu(aba, titulo)
        achados.registrar(f"{email} → {titulo}", _axe(page, axe_js))
        sem_resumo += [f"{titulo}: gráfico {i + 1}" for i in _graficos_sem_resumo(page)]
    achados.conferir()
    assert not sem_resumo, f"gráficos sem o resumo em texto ao lado: {sem_resumo}"


def _foco(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
            return {tag: e.tagName, nome: (e.getAttribute('aria-label') || e.innerText || e.value || '').trim().slice(0, 80),
                    rotulo: e.labels && e.labels[0] ? e.labels[0].innerText.trim() : '',
                    contorno: s.outlineStyle !== 'none' || s.boxShadow !== 'none'}; }"""
    )


def _percorrer(page, vezes: int) -> list[dict]:
    vistos = []
    for _ in range(vezes):
        page.keyboard.press("Tab")
        vistos.append(_foco(page))
    return vistos


def test_teclado_percorre_o_painel_publico(aba):
    page = aba.page
    aba.ir("/")
    page.wait_for_timeout(800)
    vistos = _percorrer(page, 60)
    nomes = " | ".join(v["nome"] for v in vistos)
    # o menu, o seletor do mapa, as tabelas e os downloads se alcançam pelo Tab
    assert any(v["tag"] == "A" and "Entrar" in v["nome"] for v in vistos), nomes
    assert any(v["tag"] == "INPUT" for v in vistos), nomes  # opções do mapa (rádio)
    assert any("Ver a tabela por UF" in v["nome"] for v in vistos), nomes
    # o foco é visível em tudo o que o recebe
    sem_contorno = [v for v in vistos if v["tag"] != "BODY" and not v["contorno"]]
    assert not sem_contorno, sem_contorno[:5]
    # um expander abre pelo teclado e mostra a tabela com os botões de download
    page.get_by_text("Ver a tabela por UF").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Baixar CSV").first).to_be_visible(timeout=10_000)


def test_teclado_faz_o_login_sem_mouse(aba):
    page = aba.page
    aba.ir("/entrar")
    vistos = []
    for _ in range(40):
        page.keyboard.press("Tab")
        f = _foco(page)
        vistos.append(f)
        if f["rotulo"].startswith("E-mail"):
            break
    assert vistos[-1]["rotulo"].startswith("E-mail"), [v["nome"] or v["rotulo"] for v in vistos]
    page.keyboard.type("dmf@demo.pnat.jus.br")
    page.keyboard.press("Tab")
    assert _foco(page)["rotulo"].startswith("Senha")
    page.keyboard.type(SENHAS_DEMO["dmf@demo.pnat.jus.br"])
    page.keyboard.press("Enter")
    aba.esperar()
    expect(page.locator("[data-testid='stMain'] h1").first).to_have_text("Minhas pendências", timeout=20_000)


def _graficos_sem_resumo(page) -> list[int]:
    """Índices dos gráficos da página sem a frase “Resumo do gráfico: …” logo depois deles: na ordem do
    documento, o que vem depois de cada gráfico é o seu resumo, não outro gráfico nem o fim (vale também
    para o gráfico dentro de uma caixa que rola na horizontal, com o resumo logo abaixo dela)."""
    return page.evaluate(
        """() => {
            const graficos = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
            const resumos = [...document.querySelectorAll("[data-testid='stCaptionContainer']")]
                .filter(c => c.innerText.trim().startsWith('Resumo do gráfico:'));
            const itens = [...graficos.map(g => ({g, el: g})), ...resumos.map(el => ({el}))].sort((a, b) =>
                a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
            return graficos.map((g, i) => {
                const k = itens.findIndex(x => x.el === g);
                return itens[k + 1] && !itens[k + 1].g ? -1 : i; }).filter(i => i >= 0);
        }"""
    )


def test_graficos_do_painel_publico_tem_alternativa_em_texto(aba):
    """Todo gráfico do painel tem ao lado um resumo em uma frase (e a tabela dos dados no expander)."""
    page = aba.page
    aba.ir("/")
    page.wait_for_timeout(1000)
    assert page.locator("[data-testid='stPlotlyChart']").count() >= 3
    assert _graficos_sem_resumo(page) == []


def test_documento_de_acessibilidade_existe():
    assert DOC.exists() and Path(AXE).name == "axe.min.js"


def test_axe_sem_violacoes_graves_na_versao_leve_do_painel(aba, axe_js):
    """A versão leve (`/painel`, HTML pronto): o mesmo axe-core, com os gráficos já desenhados, na
    tela larga e na de um celular (390 px); o teclado alcança o link para pular ao conteúdo."""
    page = aba.page
    achados = Achados()
    for largura in (1280, 390):
        page.set_viewport_size({"width": largura, "height": 900})
        page.goto(aba.base + "/painel")
        expect(page.locator("html")).to_have_attribute("lang", "pt-BR")
        page.wait_for_selector(".figura svg.main-svg", timeout=60_000)
        achados.registrar(f"versão leve ({largura} px)", _axe(page, axe_js))
        assert page.evaluate("document.documentElement.scrollWidth") <= largura  # sem rolagem lateral
    achados.conferir()
    page.keyboard.press("Tab")
    assert _foco(page)["nome"] == "Pular para o conteúdo"
