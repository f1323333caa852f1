"""A versão leve do painel público: `GET /painel`, HTML pronto, sem sessão do Streamlit.

Quem abre o painel por um link de notícia recebe uma página estática (os mesmos números, tabelas e
gráficos do painel interativo, do mesmo retrato publicado) em vez de abrir um websocket e uma
sessão do Streamlit. A página é gerada uma vez por versão do retrato e guardada em memória:

- a chave vem do banco (`dominio.publico.painel.identidade_vigente` e o aviso de dados fictícios,
  relidos a cada segundo, `IDADE_ESTADO_S`), não da memória do processo: publicado um período, toda
  réplica gera a página nova em até um segundo. A saída é determinística, e o ETag (hash dos bytes) é o mesmo em todas;
- `Cache-Control: public, max-age=60, stale-while-revalidate=600` e ETag forte: qualquer proxy ou
  CDN guarda; `If-None-Match` com o ETag atual → 304;
- a versão gzip é comprimida uma vez, junto com a página (`Vary: Accept-Encoding`);
- `GET /painel/plotly-<hash>.min.js`: o Plotly instalado, servido daqui (nenhum pedido sai do
  servidor), com o hash do arquivo no endereço e cache de um ano.

Como as outras rotas de `web/`, não importa `ui/` nem o Plotly: quem gera o HTML
(`ui.painel_publico.pagina_html`) e onde está o plotly.min.js chegam pelo `asgi.py`
(`PaginaLeve`), a raiz que monta a aplicação."""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dominio.publico import consultas, painel

CAMINHO = "/painel"
MAX_IDADE_S = 60
REVALIDAR_S = 600  # stale-while-revalidate: o proxy serve a cópia velha enquanto busca a nova
UM_ANO_S = 31_536_000
IDADE_ESTADO_S = 1.0  # quanto o processo reaproveita a leitura do estado (2 consultas, ~4 ms no SQLite)
VERSAO_FORMATO = "1"  # mude ao mudar o HTML gerado, para que a chave mude junto
ENDERECO_INTERATIVO = "publico"  # relativo a /painel: a página do Streamlit
TIPO_HTML = "text/html; charset=utf-8"
TIPO_JS = "text/javascript; charset=utf-8"
# o navegador só busca o que vem deste servidor (os mapas leem o GeoJSON de app/static/)
POLITICA = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'self'; base-uri 'none'"
)


@dataclass(frozen=True)
class PaginaLeve:
    """O que a rota recebe da camada de interface: `gerar(retrato, ficticio=, endereco_js=,
    endereco_interativo=) -> str` e o arquivo do Plotly com a sua versão (hash)."""

    gerar: Callable[..., str]
    arquivo_js: Path
    versao_js: str

    @property
    def caminho_js(self) -> str:
        return f"{CAMINHO}/plotly-{self.versao_js}.min.js"


@dataclass(frozen=True)
class Gerada:
    """Uma representação pronta: os bytes crus, os comprimidos e os ETags de cada um."""

    chave: str
    corpo: bytes
    corpo_gzip: bytes
    etag: str
    etag_gzip: str


def _gerada(chave: str, corpo: bytes) -> Gerada:
    h = hashlib.sha256(corpo).hexdigest()[:32]
    comprimido = gzip.compress(corpo, compresslevel=9, mtime=0)  # mtime=0: os mesmos bytes em toda réplica
    return Gerada(chave, corpo, comprimido, f'"{h}"', f'"{h}-gz"')


def estado_atual() -> tuple[tuple[int, datetime] | None, bool]:
    """O que decide a página, lido do banco a cada pedido: o retrato vigente (id e momento da
    publicação) e se há dados fictícios (o aviso no alto)."""
    return painel.identidade_vigente(), consultas.dados_ficticios()


def chave(ident: tuple[int, datetime] | None, ficticio: bool, versao_js: str) -> str:
    """A versão do que a página mostra: o retrato, o aviso, a versão do Plotly e a do formato."""
    retrato = "-" if ident is None else f"{ident[0]}@{ident[1].isoformat()}"
    return f"{retrato}|{int(ficticio)}|{versao_js}|{VERSAO_FORMATO}"


def _aceita_gzip(request: Request) -> bool:
    return "gzip" in request.headers.get("accept-encoding", "").lower()


def _nao_mudou(request: Request, *etags: str) -> bool:
    se_nao = request.headers.get("if-none-match")
    if se_nao is None:
        return False
    pedidos = {t.strip().removeprefix("W/") for t in se_nao.split(",")}
    return "*" in pedidos or any(e in pedidos for e in etags)


def _responder(request: Request, g: Gerada, tipo: str, cabecalhos: dict[str, str]) -> Response:
    comprimir = _aceita_gzip(request)
    etag = g.etag_gzip if comprimir else g.etag
    cab = {**cabecalhos, "ETag": etag, "Vary": "Accept-Encoding"}
    if _nao_mudou(request, g.etag, g.etag_gzip):
        return Response(status_code=304, headers=cab)
    if comprimir:
        cab["Content-Encoding"] = "gzip"
        return Response(g.corpo_gzip, media_type=tipo, headers=cab)
    return Response(g.corpo, media_type=tipo, headers=cab)


class Rotas:
    """As duas rotas, com a página e o Plotly guardados em memória (um por processo)."""

    def __init__(self, pagina: PaginaLeve, *, idade_estado_s: float = IDADE_ESTADO_S):
        self.pagina = pagina
        self.idade_estado_s = idade_estado_s
        self._estado: tuple[float, tuple[tuple[int, datetime] | None, bool]] | None = None
        self._atual: Gerada | None = None
        self._js: Gerada | None = None
        self._trava = threading.Lock()

    def estado(self) -> tuple[tuple[int, datetime] | None, bool]:
        """`estado_atual()`, relido do banco se a última leitura tem mais de `idade_estado_s`: a
        300 pedidos por segundo, uma leitura por segundo; uma publicação aparece em todas as
        réplicas em até um segundo (bem menos que o max-age de 60 s dos proxies)."""
        agora = time.monotonic()
        guardado = self._estado
        if guardado is not None and agora - guardado[0] < self.idade_estado_s:
            return guardado[1]
        lido = estado_atual()
        self._estado = (agora, lido)
        return lido

    def gerada(self) -> Gerada:
        """A página da versão atual: a guardada, se a chave não mudou; senão, gerada uma vez só
        (quem chega enquanto outro gera espera e recebe a mesma)."""
        ident, ficticio = self.estado()
        k = chave(ident, ficticio, self.pagina.versao_js)
        atual = self._atual
        if atual is not None and atual.chave == k:
            return atual
        with self._trava:
            atual = self._atual
            if atual is not None and atual.chave == k:
                return atual
            html = self.pagina.gerar(
                None if ident is None else painel.obter(ident[0]),  # o retrato da chave, sem cache
                ficticio=ficticio,
                endereco_js=self.pagina.caminho_js.lstrip("/"),
                endereco_interativo=ENDERECO_INTERATIVO,
            )
            self._atual = _gerada(k, html.encode("utf-8"))
            return self._atual

    def _pronta(self) -> Gerada | None:
        """A página guardada, se o estado lido há menos de `idade_estado_s` ainda é o dela: o caminho
        rápido, sem banco nem thread (o pedido é respondido no próprio laço de eventos)."""
        guardado, atual = self._estado, self._atual
        if guardado is None or atual is None or time.monotonic() - guardado[0] >= self.idade_estado_s:
            return None
        ident, ficticio = guardado[1]
        return atual if atual.chave == chave(ident, ficticio, self.pagina.versao_js) else None

    async def painel(self, request: Request) -> Response:
        g = self._pronta() or await run_in_threadpool(self.gerada)  # ler o banco ou gerar: numa thread
        cab = {
            "Cache-Control": f"public, max-age={MAX_IDADE_S}, stale-while-revalidate={REVALIDAR_S}",
            "Content-Security-Policy": POLITICA,
            "X-Content-Type-Options": "nosniff",
        }
        return _responder(request, g, TIPO_HTML, cab)

    def _ler_js(self) -> Gerada:
        with self._trava:
            if self._js is None:
                self._js = _gerada(self.pagina.versao_js, self.pagina.arquivo_js.read_bytes())
            return self._js

    async def plotly_js(self, request: Request) -> Response:
        if self._js is None:
            await run_in_threadpool(self._ler_js)  # ler e comprimir 4,8 MB: uma vez, numa thread
        cab = {"Cache-Control": f"public, max-age={UM_ANO_S}, immutable", "X-Content-Type-Options": "nosniff"}
        return _responder(request, self._js, TIPO_JS, cab)

    def rotas(self) -> list[Route]:
        return [
            Route(CAMINHO, self.painel, methods=["GET", "HEAD"]),
            Route(self.pagina.caminho_js, self.plotly_js, methods=["GET", "HEAD"]),
        ]


def rotas(pagina: PaginaLeve, *, idade_estado_s: float = IDADE_ESTADO_S) -> list[Route]:
    return Rotas(pagina, idade_estado_s=idade_estado_s).rotas()
