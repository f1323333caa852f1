"""Versão leve do painel público (web/painel_leve.py, ui/painel_publico.py): `GET /painel` em HTML
pronto com os números do retrato publicado (os mesmos de `consultas.tabelas_publicas`), ETag forte
e 304, gzip feito uma vez, nenhum endereço externo, texto hostil escapado, página nova depois de
`publicar_painel` e o plotly.min.js servido pelo sistema."""

from __future__ import annotations

import gzip
import re
import sqlite3
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from sqlmodel import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from comum import formatos
from core import relogio
from core.banco import sessao
from dominio.publico import consultas
from models.plano import Meta, Publicacao
from models.publico import PainelPublicado
from tests.apoio.painel import publicar
from ui import painel_publico
from web import painel_leve

PAGINA = painel_leve.PaginaLeve(
    painel_publico.pagina_html, painel_publico.ARQUIVO_PLOTLY_JS, painel_publico.versao_plotly_js()
)
HOSTIL = '<script>alert("x")</script> & <b>Unidade</b> "aspas" \'apóstrofo\''


def _cliente() -> TestClient:
    # idade_estado_s=0: relê o estado do banco a cada pedido (a publicação aparece no pedido seguinte)
    return TestClient(Starlette(routes=painel_leve.rotas(PAGINA, idade_estado_s=0)))


class _Tabelas(HTMLParser):
    """As tabelas da página pela legenda (caption): cabeçalhos e linhas, como texto."""

    def __init__(self) -> None:
        super().__init__()
        self.tabelas: dict[str, list[list[str]]] = {}
        self._legenda: str | None = None
        self._em: str | None = None
        self._linha: list[str] | None = None
        self._texto = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("caption", "th", "td"):
            self._em, self._texto = tag, ""
        elif tag == "tr":
            self._linha = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._legenda = self._texto
            self.tabelas[self._legenda] = []
        elif tag in ("th", "td") and self._linha is not None:
            self._linha.append(self._texto)
        elif tag == "tr" and self._linha is not None and self._legenda is not None:
            self.tabelas[self._legenda].append(self._linha)
            self._linha = None
        if tag == self._em:
            self._em = None

    def handle_data(self, data):
        if self._em:
            self._texto += data


def _tabelas(html: str) -> dict[str, list[list[str]]]:
    p = _Tabelas()
    p.feed(html)
    return p.tabelas


@pytest.fixture
def cliente(banco_limpo):
    return _cliente()


def test_painel_mostra_os_numeros_do_retrato_publicado(cliente):
    r = cliente.get("/painel")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    html = r.text
    assert '<html lang="pt-BR">' in html and "<h1>Painel público do ACT CNJ–CNMP nº 22/2023</h1>" in html
    retrato = consultas.painel_publicado()
    tabs = consultas.tabelas_publicas()
    assert retrato is not None
    assert painel_publico.texto_publicado(retrato) in html
    for rotulo, chave in (("Grupos Interinstitucionais", "grupos"), ("Escritórios Sociais", "escritorios")):
        valor = formatos.numero(retrato.extras["totais"][chave])
        assert f'<dt>{rotulo}</dt><dd class="valor">{valor}</dd>' in html
    lidas = _tabelas(html)
    # presença por UF: cada UF com os mesmos números de tabelas_publicas
    presenca = lidas["Presença por UF"]
    cab = presenca[0]
    assert cab == list(tabs["presenca_por_uf"].columns)
    por_uf = {linha[0]: linha for linha in presenca[1:]}
    assert len(por_uf) == len(tabs["presenca_por_uf"]) == 27
    for _, linha in tabs["presenca_por_uf"].iterrows():
        assert int(por_uf[linha["UF"]][cab.index("Escritórios Sociais")]) == linha["Escritórios Sociais"]
        assert int(por_uf[linha["UF"]][cab.index("Fundos Municipais")]) == linha["Fundos Municipais"]
    # recursos: o dinheiro por origem e o total destinado
    origem = tabs["recursos_por_origem"]
    assert not origem.empty
    linhas = {x[0]: x[1] for x in lidas["Recursos destinados por origem"][1:]}
    assert linhas == {o: formatos.dinheiro(v) for o, v in zip(origem["Origem"], origem["Destinado (R$)"])}
    assert formatos.dinheiro(origem["Destinado (R$)"].sum()) in html
    # cada gráfico com o seu resumo em texto e um id fixo
    n = html.count('<figure class="grafico"')
    assert n >= 5 and html.count("Resumo do gráfico:") == n
    assert all(f'id="grafico-{i}"' in html for i in range(1, n + 1))
    # ligada ao painel interativo e à API de dados abertos
    assert '<a href="publico">' in html
    assert 'href="api/dados/presenca_por_uf.csv"' in html
    assert '<a class="pular" href="#conteudo">' in html and '<main id="conteudo"' in html


def test_cabecalhos_de_cache_etag_forte_304_e_gzip(cliente):
    r = cliente.get("/painel", headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200 and "content-encoding" not in r.headers
    etag = r.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)  # forte: sem W/
    assert r.headers["cache-control"] == "public, max-age=60, stale-while-revalidate=600"
    assert "Accept-Encoding" in r.headers["vary"]
    assert "default-src 'self'" in r.headers["content-security-policy"]
    # a mesma página, a mesma versão: os mesmos bytes (o que faz o ETag valer entre réplicas)
    assert _cliente().get("/painel", headers={"Accept-Encoding": "identity"}).content == r.content
    r304 = cliente.get("/painel", headers={"Accept-Encoding": "identity", "If-None-Match": etag})
    assert r304.status_code == 304 and r304.content == b"" and r304.headers["etag"] == etag
    outro = cliente.get("/painel", headers={"Accept-Encoding": "identity", "If-None-Match": '"outro"'})
    assert outro.status_code == 200
    # gzip: comprimido uma vez, outro ETag, o mesmo conteúdo
    rg = cliente.get("/painel", headers={"Accept-Encoding": "gzip"})
    assert rg.headers["content-encoding"] == "gzip" and rg.headers["etag"] == etag[:-1] + '-gz"'
    assert rg.content == r.content  # o httpx descomprime
    assert int(rg.headers["content-length"]) < len(r.content) / 3
    assert gzip.decompress(painel_leve_bytes_gzip(cliente)) == r.content
    r304g = cliente.get("/painel", headers={"Accept-Encoding": "gzip", "If-None-Match": rg.headers["etag"]})
    assert r304g.status_code == 304
    assert cliente.head("/painel").status_code == 200


def painel_leve_bytes_gzip(cliente: TestClient) -> bytes:
    """O corpo comprimido como veio (sem a descompressão automática do httpx)."""
    with cliente.stream("GET", "/painel", headers={"Accept-Encoding": "gzip"}) as r:
        return b"".join(r.iter_raw())


def test_nenhum_endereco_externo_na_pagina(cliente):
    html = cliente.get("/painel").text
    externos = re.findall(r"https?://(?!127\.0\.0\.1)[^\s\"'<>)]*", html)
    assert externos == []
    assert re.findall(r"<script[^>]*\ssrc=", html) == []  # o Plotly vem pelo carregador, do próprio servidor
    assert f"'{PAGINA.caminho_js.lstrip('/')}'" in html.replace('"', "'")


def test_texto_hostil_aparece_literalmente(banco_limpo):
    with sessao() as s:
        s.add(
            Publicacao(
                tipo="parecer",
                numero="99/2099",
                titulo=HOSTIL,
                data=relogio.hoje(),
                link="javascript:alert(1)",
            )
        )
        meta = s.exec(select(Meta).order_by(Meta.letra)).first()
        meta.texto = "</script><script>alert(2)</script> " + meta.texto
        s.add(meta)
    publicar()
    html = _cliente().get("/painel").text
    escapado = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Unidade&lt;/b&gt;"
    assert escapado in html
    assert "<script>alert(" not in html and "<b>Unidade</b>" not in html
    assert "</script><script>alert(2)" not in html  # nem no texto da página, nem no JSON das figuras
    assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html and "<td>javascript:alert(1)</td>" in html  # só https vira link


def test_pagina_nova_depois_de_publicar(banco_limpo):
    # o retrato da demonstração fica uma hora mais velho: publicado no mesmo minuto que o do teste (rodando
    # este teste sozinho, logo depois de o banco modelo ser criado), a página seria idêntica byte a byte
    # (a hora mostrada vai até o minuto) e o ETag, corretamente, o mesmo
    with sqlite3.connect(banco_limpo.removeprefix("sqlite:///")) as c:
        c.execute(f"UPDATE {PainelPublicado.__tablename__} SET publicado_em = datetime(publicado_em, '-1 hour')")
    cliente = _cliente()
    antes = cliente.get("/painel")
    publicado = publicar(relogio.hoje() + timedelta(days=1))
    depois = cliente.get("/painel")
    assert depois.status_code == 200
    assert depois.headers["etag"] != antes.headers["etag"]
    assert painel_publico.texto_publicado(publicado) in depois.text
    assert cliente.get("/painel", headers={"If-None-Match": antes.headers["etag"]}).status_code == 200


def test_sem_retrato_publicado(banco_limpo):
    # como num banco recém-criado: sem retrato (apagado por fora da sessão, que exige auditoria)
    with sqlite3.connect(banco_limpo.removeprefix("sqlite:///")) as c:
        c.execute(f"DELETE FROM {PainelPublicado.__tablename__}")
    r = _cliente().get("/painel")
    assert r.status_code == 200
    assert "O painel ainda não foi publicado." in r.text
    assert '<figure class="grafico"' not in r.text


def test_plotly_servido_pelo_sistema(cliente):
    caminho = PAGINA.caminho_js
    assert re.fullmatch(r"/painel/plotly-[0-9a-f]{12}\.min\.js", caminho)
    r = cliente.get(caminho, headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200
    assert r.content == painel_publico.ARQUIVO_PLOTLY_JS.read_bytes()
    assert r.headers["content-type"] == "text/javascript; charset=utf-8"
    assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert cliente.get(caminho, headers={"If-None-Match": r.headers["etag"]}).status_code == 304
    rg = cliente.get(caminho, headers={"Accept-Encoding": "gzip"})
    assert rg.headers["content-encoding"] == "gzip" and rg.content == r.content
    assert cliente.get("/painel/plotly-000000000000.min.js").status_code == 404
