"""Rotas HTTP de web/ sem o Streamlit: o cookie de sessão (HttpOnly, SameSite=Lax, Secure sob
HTTPS, token nunca na URL), a saída que só apaga cookie de sessão já encerrada, o /saude em SQLite
e PostgreSQL (200 no ar e na última revisão; 503 com o motivo, sem URL nem usuário) e a página
404 em português."""

from __future__ import annotations

import pytest
from alembic import command
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

import web
from core.banco import descartar_engines, usar_url
from core.esquema import config_alembic, revisao_head
from dominio.usuarios import sessoes
from web.sessao import destino_local


def _cliente(base_url: str = "http://testserver") -> TestClient:
    rotas = web.rotas()

    def index(_request):  # o que o Streamlit serve a qualquer caminho: o index.html da aplicação
        return HTMLResponse("<html>app</html>")

    def estatico(_request):
        return PlainTextResponse("js", media_type="text/javascript")

    app = Starlette(
        routes=[
            *rotas,
            Route("/static/x.js", estatico),
            Route("/{caminho:path}", index, methods=["GET", "HEAD", "POST"]),
        ],
        middleware=web.middlewares(rotas),
    )
    return TestClient(app, base_url=base_url, follow_redirects=False)


VINCULO = "segredo-do-navegador-do-login"


def _codigo(usuario) -> str:
    return sessoes.iniciar(usuario, "senha", vinculo=VINCULO)


def _set_cookie(resposta) -> str:
    return "; ".join(v for k, v in resposta.headers.multi_items() if k == "set-cookie")


@pytest.mark.parametrize(
    "destino,esperado",
    [
        ("/usuarios?uf=PR", "/usuarios?uf=PR"),
        ("/", "/"),
        (None, "/"),
        ("https://fora.example/", "/"),
        ("//fora.example/x", "/"),
        ("/\\fora.example", "/"),
        ("/a\r\nSet-Cookie: x=1", "/"),
        ("usuarios", "/"),
    ],
)
def test_destino_so_caminho_local(destino, esperado):
    assert destino_local(destino) == esperado


def test_entrar_grava_cookie_httponly_e_volta_ao_destino(banco_limpo, demo_usuarios):
    codigo = _codigo(demo_usuarios["dmf"])
    with _cliente() as c:
        # o link com o código, aberto num navegador sem o cookie de vínculo (login forjado): nada
        r = c.get("/sessao/entrar", params={"codigo": codigo, "destino": "/fundos"})
        assert r.status_code == 303 and sessoes.NOME_COOKIE not in r.cookies
        c.cookies.set(sessoes.NOME_COOKIE_VINCULO, VINCULO, path="/sessao")
        r = c.get("/sessao/entrar", params={"codigo": codigo, "destino": "/fundos?uf=PR"})
    assert r.status_code == 303 and r.headers["location"] == "/fundos?uf=PR"
    assert r.headers["cache-control"] == "no-store" and r.headers["referrer-policy"] == "no-referrer"
    cookie = _set_cookie(r)
    token = r.cookies[sessoes.NOME_COOKIE]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # HTTP local
    assert token not in r.headers["location"] and codigo != token
    assert sessoes.validar(token).usuario.id == demo_usuarios["dmf"].id
    assert f'{sessoes.NOME_COOKIE_VINCULO}=""' in cookie  # o vínculo serviu e é apagado
    # o mesmo código de novo não grava outro cookie
    with _cliente() as c:
        c.cookies.set(sessoes.NOME_COOKIE_VINCULO, VINCULO, path="/sessao")
        r2 = c.get("/sessao/entrar", params={"codigo": codigo})
    assert r2.status_code == 303 and f"{sessoes.NOME_COOKIE}=" not in _set_cookie(r2)


def test_cookie_secure_sob_https(banco_limpo, demo_usuarios):
    codigo = _codigo(demo_usuarios["dmf"])
    with _cliente("https://pnat.exemplo.jus.br") as c:
        c.cookies.set(sessoes.NOME_COOKIE_VINCULO, VINCULO, path="/sessao")
        r = c.get("/sessao/entrar", params={"codigo": codigo})
    assert "Secure" in _set_cookie(r)


def test_sair_so_apaga_cookie_de_sessao_encerrada(banco_limpo, demo_usuarios):
    codigo = _codigo(demo_usuarios["dmf"])
    with _cliente() as c:
        c.cookies.set(sessoes.NOME_COOKIE_VINCULO, VINCULO, path="/sessao")
        token = c.get("/sessao/entrar", params={"codigo": codigo}).cookies[sessoes.NOME_COOKIE]
        c.cookies.set(sessoes.NOME_COOKIE, token)
        # link forjado com a sessão ainda válida: nada muda
        r = c.get("/sessao/sair", params={"destino": "https://fora.example"})
        assert r.status_code == 303 and r.headers["location"] == "/" and "set-cookie" not in r.headers
        assert sessoes.validar(token) is not None
        # o botão Sair encerra a sessão no servidor; a rota então apaga o cookie
        sessoes.sair(token)
        r = c.get("/sessao/sair", params={"destino": "/auth/logout"})
    assert r.headers["location"] == "/auth/logout"
    assert f'{sessoes.NOME_COOKIE}=""' in _set_cookie(r) and "Max-Age=0" in _set_cookie(r)


def _saude(url: str):
    with usar_url(url), _cliente() as c:
        return c.get("/saude")


def _conferir_saude(url: str, fora_do_ar: str) -> None:
    command.upgrade(config_alembic(url), "head")
    descartar_engines()
    r = _saude(url)
    assert r.status_code == 200 and r.json() == {"status": "ok", "banco": "ok", "revisao": revisao_head()}
    assert r.headers["cache-control"] == "no-store"
    command.downgrade(config_alembic(url), "0008")
    descartar_engines()
    r = _saude(url)
    assert r.status_code == 503
    assert r.json()["banco"] == "ok" and r.json()["revisao"] == "0008" and "db upgrade" in r.json()["motivo"]
    r = _saude(fora_do_ar)
    assert r.status_code == 503 and r.json() == {
        "status": "erro",
        "banco": "indisponível",
        "motivo": "o banco de dados não respondeu",
    }
    for segredo in ("postgres", "127.0.0.1", "sqlite", "senha-secreta", "/tmp"):
        assert segredo not in r.text


def test_saude_sqlite(tmp_path):
    _conferir_saude(f"sqlite:///{tmp_path / 'saude.sqlite3'}", f"sqlite:///{tmp_path / 'sumiu' / 'x.sqlite3'}")


@pytest.mark.postgres
def test_saude_postgres(url_postgres):
    # porta fechada: o servidor “caiu”; a URL tem usuário e senha, que não podem aparecer
    fora = "postgresql+psycopg://postgres:senha-secreta@127.0.0.1:1/pnat?connect_timeout=2"
    _conferir_saude(url_postgres, fora)


@pytest.mark.parametrize("caminho", ["/nada", "/usuarios/x", "/index.html", "/inicio"])
def test_endereco_desconhecido_404_em_portugues(caminho):
    with _cliente() as c:
        r = c.get(caminho)
    assert r.status_code == 404
    assert '<html lang="pt-BR">' in r.text and "Página não encontrada" in r.text
    assert '<a href="/">Ir para a página inicial</a>' in r.text and "app" not in r.text.split("<main>")[0][-5:]


@pytest.mark.parametrize("caminho", ["/", "/usuarios", "/visao_geral", "/publico", "/entrar", "/fundos/"])
def test_paginas_do_sistema_passam(caminho):
    with _cliente() as c:
        r = c.get(caminho)
    assert r.status_code == 200 and r.text == "<html>app</html>"


def test_rotas_proprias_e_arquivos_nao_viram_404(banco_limpo):
    with _cliente() as c:
        assert c.get("/static/x.js").status_code == 200
        assert c.get("/saude").status_code == 200
        assert c.post("/nada").status_code == 200  # só GET/HEAD de página vira 404
