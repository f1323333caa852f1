"""API de dados abertos (web/dados_abertos.py): respostas, cabeçalhos de cache e CORS, 304 na
revalidação, erros em pt-BR (400, 404, 429) e, por HTTP contra um servidor de verdade (uvicorn),
um script que só conhece o endereço do datapackage.json baixa, valida (frictionless) e carrega
(pandas) todos os recursos."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
import urllib.request

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from dominio.publico import dados_abertos
from ferramentas.servidor_local import porta_livre
from tests.conftest import RAIZ
from web import dados_abertos as api

PACOTE = "/api/dados/datapackage.json"


@pytest.fixture
def cliente():
    return TestClient(Starlette(routes=api.criar_rotas(api.LimitePorEndereco(por_minuto=1000))))


def test_datapackage_com_cabecalhos_de_cache_e_cors(cliente):
    r = cliente.get(PACOTE)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["cache-control"] == f"public, max-age={api.MAX_IDADE_S}"
    assert r.headers["etag"].startswith('"') and r.headers["last-modified"].endswith("GMT")
    d = r.json()
    assert [x["name"] for x in d["resources"]] == [x.nome for x in dados_abertos.RECURSOS]
    assert d["licenses"][0]["name"] == "CC-BY-4.0"
    assert d["lastUpdated"] and d["temporalCoverage"]["start"] <= d["temporalCoverage"]["end"]
    assert all(x["path"] == x["name"] + ".csv" and x["encoding"] == "utf-8" for x in d["resources"])


def test_304_na_revalidacao_por_etag_e_por_data(cliente):
    for caminho in (PACOTE, "/api/dados/presenca_por_uf.csv", "/api/dados/presenca_por_uf.json?uf=PR"):
        r = cliente.get(caminho)
        assert r.status_code == 200
        etag, data = r.headers["etag"], r.headers["last-modified"]
        r2 = cliente.get(caminho, headers={"If-None-Match": etag})
        assert r2.status_code == 304 and r2.content == b"" and r2.headers["etag"] == etag
        assert cliente.get(caminho, headers={"If-Modified-Since": data}).status_code == 304
        assert cliente.get(caminho, headers={"If-None-Match": '"outra"'}).status_code == 200
    # filtros diferentes, versões diferentes
    a = cliente.get("/api/dados/presenca_por_uf.csv?uf=PR").headers["etag"]
    b = cliente.get("/api/dados/presenca_por_uf.csv?uf=SP").headers["etag"]
    assert a != b


def test_csv_e_json_com_as_mesmas_linhas_e_os_campos_declarados(cliente):
    tabelas = dados_abertos.tabelas_abertas()
    for r in dados_abertos.RECURSOS:
        campos = [c.nome for c in r.campos]
        rc = cliente.get(f"/api/dados/{r.nome}.csv")
        assert rc.status_code == 200 and rc.headers["content-type"].startswith("text/csv")
        assert not rc.content.startswith(b"\xef\xbb\xbf")  # UTF-8 sem BOM
        linhas = list(csv.reader(io.StringIO(rc.content.decode("utf-8"), newline="")))
        assert linhas[0] == campos and len(linhas) - 1 == len(tabelas[r.nome])
        assert all(len(x) == len(campos) for x in linhas)
        rj = cliente.get(f"/api/dados/{r.nome}.json")
        assert rj.status_code == 200 and rj.headers["access-control-allow-origin"] == "*"
        js = rj.json()
        assert len(js) == len(tabelas[r.nome]) and all(list(o) == campos for o in js)


def test_filtros_por_uf_e_ano(cliente):
    pr = cliente.get("/api/dados/presenca_por_uf.json?uf=pr").json()
    assert [x["uf"] for x in pr] == ["PR"]
    anos = {x["ano"] for x in cliente.get("/api/dados/recursos_por_ano.json").json()}
    ano = min(anos)
    so = cliente.get(f"/api/dados/recursos_por_ano.json?ano={ano}").json()
    assert so and {x["ano"] for x in so} == {ano}
    assert cliente.get("/api/dados/recursos_por_ano.csv?ano=1900").text.strip() == (
        "ano,origem,destinado_reais,transferido_reais,aplicado_reais"
    )


@pytest.mark.parametrize(
    ("caminho", "status", "trecho"),
    [
        ("/api/dados/inexistente.csv", 404, "recurso desconhecido"),
        ("/api/dados/presenca_por_uf.xml", 404, "formatos: .csv e .json"),
        ("/api/dados/outra/coisa", 404, "endereço desconhecido"),
        ("/api/dados", 404, "endereço desconhecido"),
        ("/api/dados/presenca_por_uf.csv?ano=2024", 400, "não tem o filtro “ano”"),
        ("/api/dados/recursos_por_ano.json?ano=abc", 400, "ano inválido"),
        ("/api/dados/presenca_por_uf.csv?uf=XYZ", 400, "uf inválida"),
        ("/api/dados/presenca_por_uf.csv?formato=1", 400, "parâmetro desconhecido"),
        (PACOTE + "?x=1", 400, "não aceita parâmetros"),
    ],
)
def test_erros_em_json_pt_br(cliente, caminho, status, trecho):
    r = cliente.get(caminho)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["access-control-allow-origin"] == "*"
    assert trecho in r.json()["erro"] and r.json()["status"] == status


def test_so_leitura(cliente):
    for metodo in ("post", "put", "delete"):
        assert getattr(cliente, metodo)("/api/dados/presenca_por_uf.csv").status_code == 405


def test_limite_por_endereco_responde_429_em_pt_br():
    limite = api.LimitePorEndereco(por_minuto=3)
    cliente = TestClient(Starlette(routes=api.criar_rotas(limite)))
    assert [cliente.get("/api/dados/cronograma_situacao.json").status_code for _ in range(3)] == [200] * 3
    r = cliente.get("/api/dados/cronograma_situacao.json")
    assert r.status_code == 429
    assert "Muitas requisições" in r.json()["erro"] and int(r.headers["retry-after"]) >= 1
    # outro endereço não é afetado; a janela passa
    assert limite.esperar_s("10.0.0.9") == 0
    assert limite.esperar_s("testclient", agora=time.monotonic() + 61) == 0


# --- por HTTP, contra um servidor de verdade ------------------------------------------------

# o servidor que vai para produção: a aplicação ASGI inteira (`asgi.py`: Streamlit e as rotas de web/)
SERVIDOR = "import uvicorn\nuvicorn.run('asgi:app', host='127.0.0.1', port={porta}, log_level='warning')\n"


@pytest.fixture
def servidor_api(banco_demo, tmp_path):
    porta = porta_livre()
    env = {**os.environ, "DATABASE_URL": banco_demo, "PYTHONUNBUFFERED": "1"}
    log = (tmp_path / "uvicorn.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVIDOR.format(porta=porta)], cwd=RAIZ, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{porta}"
    try:
        limite = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + PACOTE, timeout=5).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > limite:
                    pytest.fail("o uvicorn não subiu:\n" + (tmp_path / "uvicorn.log").read_text()[-3000:])
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def test_script_que_so_conhece_o_datapackage_baixa_valida_e_carrega_tudo(servidor_api):
    """O critério de pronto da issue: só com o endereço do pacote, por HTTP."""
    frictionless = pytest.importorskip("frictionless", reason="pip install -r requirements-dev.txt")
    import pandas as pd

    url = servidor_api + PACOTE
    relatorio = frictionless.validate(url)
    erros = [e.message for t in relatorio.tasks for e in t.errors] + [e.message for e in relatorio.errors]
    assert relatorio.valid, erros[:10]
    descritor = json.loads(urllib.request.urlopen(url, timeout=30).read())
    assert len(relatorio.tasks) == len(descritor["resources"]) == len(dados_abertos.RECURSOS)
    base = url.rsplit("/", 1)[0] + "/"
    pacote = frictionless.Package(url)
    for recurso in descritor["resources"]:
        campos = recurso["schema"]["fields"]
        df = pd.read_csv(base + recurso["path"], encoding=recurso["encoding"], keep_default_na=False, na_values=[""])
        assert list(df.columns) == [f["name"] for f in campos], recurso["name"]
        for f in campos:
            if f["type"] in ("integer", "number") and df[f["name"]].notna().any():
                assert pd.api.types.is_numeric_dtype(df[f["name"]]), (recurso["name"], f["name"])
        linhas = pacote.get_resource(recurso["name"]).read_rows()  # tipos do Table Schema
        assert len(linhas) == len(df), recurso["name"]
