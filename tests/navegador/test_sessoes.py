"""Sessões no navegador, pelo servidor que vai para produção (`uvicorn asgi:app`): recarregar, um
favorito ou link para uma página e uma segunda aba mantêm o login; sair e trocar a senha encerram
a sessão no servidor (o cookie antigo deixa de valer); endereço desconhecido mostra “Página não
encontrada” em português com o caminho de volta. Fixtures em tests/navegador/conftest.py."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from core.esquema import revisao_head
from dominio.usuarios.sessoes import NOME_COOKIE
from ferramentas.servidor_local import PRONTO
from tests.apoio.navegador import h1

pytestmark = pytest.mark.navegador

DMF = ("dmf@demo.pnat.jus.br", "Demo-Dmf-2023", "Equipe DMF/CNJ (demo)")
CNMP = ("cnmp@demo.pnat.jus.br", "Demo-Comissao-2023")


def logado(page, nome: str) -> None:
    expect(page.get_by_test_id("stSidebar").get_by_text(nome, exact=False)).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Sair")).to_be_visible()


def entrar(aba, caminho: str, email: str, senha: str, titulo: str) -> None:
    """Abre `caminho` sem sessão (mostra o login), entra e espera voltar a ele com `titulo`."""
    page = aba.page
    aba.ir(caminho)
    h1(page, "Entrar")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Senha", exact=True).fill(senha)
    page.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Entrar").click()
    h1(page, titulo)
    page.wait_for_selector(PRONTO, timeout=60_000)


def cookie_de_sessao(contexto) -> dict:
    return next(c for c in contexto.cookies() if c["name"] == NOME_COOKIE)


def recarregar(aba) -> None:
    aba.page.reload()
    aba.esperar()


def test_cookie_httponly_refresh_link_e_segunda_aba_mantem_login_pagina_e_filtros(aba):
    page = aba.page
    # link para uma página interna sem sessão: o login, e depois de entrar a própria página, com os filtros
    entrar(aba, "/fundos?uf=PR", DMF[0], DMF[1], "Fundos Municipais de Políticas Penais")
    assert page.url == aba.base + "/fundos?uf=PR"
    logado(page, DMF[2])
    c = cookie_de_sessao(page.context)
    assert c["httpOnly"] and c["sameSite"] == "Lax" and c["path"] == "/"
    assert c["value"] not in page.url
    assert page.evaluate("document.cookie").find(NOME_COOKIE) == -1  # o JavaScript não o lê

    recarregar(aba)  # F5: mesma página, mesmos filtros, ainda logado
    h1(page, "Fundos Municipais de Políticas Penais")
    assert page.url == aba.base + "/fundos?uf=PR"
    logado(page, DMF[2])

    aba.ir("/recursos")  # favorito ou link digitado para outra página
    h1(page, "Recursos")
    logado(page, DMF[2])

    segunda = page.context.new_page()  # outra aba do mesmo navegador
    try:
        segunda.goto(aba.base + "/visao_geral")
        segunda.wait_for_selector(PRONTO, timeout=60_000)
        h1(segunda, "Visão geral")
        logado(segunda, DMF[2])
    finally:
        segunda.close()


def test_sair_encerra_a_sessao_e_o_cookie_antigo_nao_vale(aba, outra_aba):
    page = aba.page
    entrar(aba, "/entrar", CNMP[0], CNMP[1], "Minhas pendências")
    antigo = cookie_de_sessao(page.context)
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sair").click()
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name="Entrar", exact=True)).to_be_visible(
        timeout=30_000
    )
    assert NOME_COOKIE not in {c["name"] for c in page.context.cookies()}  # a rota apagou o cookie
    # quem guardou o cookie antigo (outro navegador, um atacante) não entra com ele
    outra_aba.page.context.add_cookies([{k: antigo[k] for k in ("name", "value", "domain", "path")}])
    outra_aba.ir("/fundos")
    h1(outra_aba.page, "Entrar")
    assert outra_aba.page.get_by_test_id("stSidebar").get_by_role("button", name="Sair").count() == 0


def test_endereco_desconhecido_mostra_pagina_nao_encontrada_em_portugues(aba):
    page = aba.page
    resposta = page.goto(aba.base + "/nao/existe")
    assert resposta.status == 404
    expect(page.locator("h1")).to_have_text("Página não encontrada")
    assert page.locator("html").get_attribute("lang") == "pt-BR"
    assert "Page not found" not in page.content()
    page.get_by_role("link", name="Ir para a página inicial").click()
    page.wait_for_selector(PRONTO, timeout=60_000)
    h1(page, "Painel público do ACT CNJ–CNMP nº 22/2023")
    # um nome de página que não existe, num só nível, também
    assert page.goto(aba.base + "/paginainexistente").status == 404


def test_pagina_fora_do_perfil_mostra_aviso_em_portugues(aba):
    page = aba.page
    entrar(aba, "/entrar", DMF[0], DMF[1], "Minhas pendências")
    aba.ir("/usuarios")  # só o administrador vê
    h1(page, "Página não encontrada")
    assert "Page not found" not in page.get_by_test_id("stApp").inner_text()
    page.get_by_role("link", name="Ir para a página inicial").click()
    h1(page, "Minhas pendências")


def test_troca_de_senha_encerra_a_outra_sessao(aba, outra_aba):
    nova = "Senha-Nova-2026"
    entrar(outra_aba, "/entrar", CNMP[0], CNMP[1], "Minhas pendências")  # a outra sessão (outro computador)
    entrar(aba, "/conta", CNMP[0], CNMP[1], "Minha conta")
    antigo = cookie_de_sessao(aba.page.context)["value"]

    def trocar(atual: str, nova_senha: str) -> None:
        page = aba.page
        page.get_by_label("Senha atual", exact=True).fill(atual)
        page.get_by_label(re.compile(r"^Nova senha"), exact=False).fill(nova_senha)
        page.get_by_label("Confirme a nova senha", exact=True).fill(nova_senha)
        page.get_by_role("button", name="Trocar senha").click()
        expect(page.locator("[data-testid='stAlertContentSuccess']")).to_contain_text("Senha trocada", timeout=30_000)
        h1(page, "Minha conta")

    try:
        trocar(CNMP[1], nova)
        # quem trocou continua dentro, com um cookie novo (o antigo deixou de valer)
        logado(aba.page, "Comissão")
        assert cookie_de_sessao(aba.page.context)["value"] != antigo
        recarregar(aba)
        logado(aba.page, "Comissão")
        # a outra sessão terminou: na próxima visita ela cai no login
        outra_aba.ir("/fundos")
        h1(outra_aba.page, "Entrar")
    finally:
        trocar(nova, CNMP[1])  # devolve a senha de demonstração aos outros testes


def test_saude_responde_200_com_a_revisao(servidor):
    with urllib.request.urlopen(servidor + "/saude", timeout=10) as r:
        assert r.status == 200
        assert json.loads(r.read()) == {"status": "ok", "banco": "ok", "revisao": revisao_head()}
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(servidor + "/nao-existe", timeout=10)
    assert exc.value.code == 404
