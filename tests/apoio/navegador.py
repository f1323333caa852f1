"""O que os testes de navegador e de carga compartilham: o Chromium, quando pular e o que é erro."""

from __future__ import annotations

import importlib
import os
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from demo.demonstracao import USUARIOS_DEMO
from ferramentas.servidor_local import (
    CHROMIUM,
    ServidorNaoSubiu,
    encerrar,
    esperar_servidor,
    fim_do_log,
    iniciar_servidor,
)
from tests.apoio.contas import EMAIL_DO_PERFIL


def _no_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def pular_ou_falhar(motivo: str) -> None:
    if _no_ci():
        pytest.fail(f"{motivo} (no CI os testes de navegador são obrigatórios)")
    pytest.skip(motivo)


def exigir_chromium(modulo_playwright: str = "playwright.sync_api") -> str:
    """Caminho do Chromium do Debian; pula (ou falha no CI) se ele ou o `modulo_playwright` faltarem."""
    if not CHROMIUM.exists():
        pular_ou_falhar(f"Chromium não encontrado em {CHROMIUM} (instale com `apt-get install -y chromium`)")
    try:
        importlib.import_module(modulo_playwright)
    except ImportError:
        pular_ou_falhar("pacote playwright não instalado (pip install -r requirements-dev.txt)")
    return str(CHROMIUM)


def h1(page, texto: str) -> None:
    """Espera (até 30 s) que o título h1 da página principal seja `texto`."""
    from playwright.sync_api import expect  # só os testes no navegador precisam do playwright

    expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(texto, timeout=30_000)


def titulos_no_menu(page) -> list[str]:
    """Os títulos do menu lateral, na ordem em que aparecem."""
    return [
        t.strip()
        for t in page.locator(
            "[data-testid='stSidebarNav'] [data-testid='stSidebarNavLink'] [data-testid='stMarkdownContainer']"
        ).all_inner_texts()
    ]


# Nenhum pedido para fora do servidor é tolerado: o ícone da aba é um PNG local (um
# `page_icon=":material/..."` faria o Streamlit buscá-lo em fonts.gstatic.com).
EXTERNOS_TOLERADOS = re.compile(r"(?!)")


ERRO_EM_INGLES = re.compile(r"\bError\b|Traceback \(most recent call last\)|\bException\b")


# as contas de demonstração de cada perfil logado, na ordem em que os passeios as usam
CONTAS_DEMO = list(EMAIL_DO_PERFIL.values())
SENHAS_DEMO = {u.email: u.senha for u in USUARIOS_DEMO}
# O administrador vê todas as páginas do DMF e da Comissão do CNMP (e as suas); os dois pontos focais
# veem as mesmas páginas, cada um com a sua unidade: estas duas contas cobrem toda página de quem entra,
# para os passeios longos (axe-core, celular) que não precisam repetir a mesma página por perfil.
CONTAS_QUE_COBREM_TUDO = ["admin@demo.pnat.jus.br", "pf.escritorio.vitoria@demo.pnat.jus.br"]


__all__ = [
    "CHROMIUM",
    "CONTAS_DEMO",
    "CONTAS_QUE_COBREM_TUDO",
    "SENHAS_DEMO",
    "ERRO_EM_INGLES",
    "EXTERNOS_TOLERADOS",
    "exigir_chromium",
    "pular_ou_falhar",
    "titulos_no_menu",
]


@contextmanager
def servidor_rodando(url_banco: str, log: Path, **opcoes) -> Iterator[str]:
    """Sobe `uvicorn asgi:app` com o banco dado (`opcoes` vão para `iniciar_servidor`), espera-o
    responder e devolve a URL base; no fim, encerra-o e mostra o fim do log se ele terminou mal."""
    srv = iniciar_servidor(url_banco, log, **opcoes)
    try:
        try:
            esperar_servidor(srv)
        except ServidorNaoSubiu as exc:
            pytest.fail(str(exc))
        yield srv.base
    finally:
        encerrar(srv.proc)
        if srv.proc.returncode not in (0, -signal.SIGTERM, None):
            print(f"O servidor terminou com código {srv.proc.returncode}:\n{fim_do_log(srv.log)}")
