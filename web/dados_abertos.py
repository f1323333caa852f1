"""API HTTP de dados abertos (`/api/dados`): sem login, só leitura, com as mesmas tabelas do
painel público (`dominio.publico.dados_abertos`, que lê `consultas.tabelas_publicas`).

- `GET /api/dados/datapackage.json`: o pacote de dados (Frictionless Data Package);
- `GET /api/dados/<recurso>.csv` (UTF-8, RFC 4180, vírgula, ponto decimal, datas ISO 8601) e
  `GET /api/dados/<recurso>.json` (as mesmas linhas em JSON), com filtros `uf` e `ano` onde a
  tabela tem esses campos; a resposta sai em pedaços (streaming);
- ETag e Last-Modified com 304 na revalidação, Cache-Control, `Access-Control-Allow-Origin: *`;
- limite de requisições por endereço do cliente (429 com erro em JSON, pt-BR); recurso
  desconhecido ou filtro inválido: 404/400 com erro em JSON, pt-BR.

Sem Streamlit: a entrada ASGI monta `ROTAS` ao lado das rotas do Streamlit.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import deque
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from core import relogio
from core.config import obter_config
from dominio.publico import dados_abertos as da

PREFIXO = da.PREFIXO_API
MAX_IDADE_S = 300  # o mesmo TTL dos agregados em cache (core.cache.TTL_CACHE)
LIMITE_POR_MINUTO = 120
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After"}
TIPOS = {"csv": "text/csv; charset=utf-8; header=present", "json": "application/json; charset=utf-8"}


class LimitePorEndereco:
    """Janela deslizante de 60 s por endereço do cliente: até `por_minuto` requisições."""

    def __init__(self, por_minuto: int = LIMITE_POR_MINUTO, janela_s: float = 60.0):
        self.por_minuto = por_minuto
        self.janela_s = janela_s
        self._pedidos: dict[str, deque[float]] = {}
        self._trava = threading.Lock()

    def esperar_s(self, endereco: str, agora: float | None = None) -> int:
        """Registra um pedido; devolve 0 se permitido ou os segundos até poder pedir de novo."""
        agora = time.monotonic() if agora is None else agora
        with self._trava:
            if len(self._pedidos) > 10_000:  # endereços que não pedem mais nada saem
                self._pedidos = {e: d for e, d in self._pedidos.items() if d and agora - d[-1] < self.janela_s}
            fila = self._pedidos.setdefault(endereco, deque())
            while fila and agora - fila[0] >= self.janela_s:
                fila.popleft()
            if len(fila) >= self.por_minuto:
                return max(1, int(self.janela_s - (agora - fila[0])) + 1)
            fila.append(agora)
            return 0


def _erro(status: int, mensagem: str, **cabecalhos) -> JSONResponse:
    return JSONResponse({"erro": mensagem, "status": status}, status_code=status, headers={**CORS, **cabecalhos})


def _versao(chave: str) -> tuple[str, datetime | None]:
    """ETag e Last-Modified do que se pede: mudam quando os dados publicados mudam, quando muda o
    dia (as situações de prazo do cronograma dependem da data) ou o limite k da supressão."""
    atualizado = da.versao_publicada()
    if atualizado is not None and atualizado.tzinfo is None:
        atualizado = atualizado.replace(tzinfo=UTC)
    base = f"{chave}|{atualizado.isoformat() if atualizado else '-'}|{relogio.hoje()}|{obter_config().supressao_k}"
    return '"' + hashlib.sha256(base.encode()).hexdigest()[:32] + '"', atualizado


def _cabecalhos(etag: str, atualizado: datetime | None) -> dict[str, str]:
    h = {**CORS, "ETag": etag, "Cache-Control": f"public, max-age={MAX_IDADE_S}"}
    if atualizado is not None:
        h["Last-Modified"] = format_datetime(atualizado.astimezone(UTC).replace(microsecond=0), usegmt=True)
    return h


def _nao_mudou(request: Request, etag: str, atualizado: datetime | None) -> bool:
    se_nao = request.headers.get("if-none-match")
    if se_nao is not None:
        return etag in [t.strip().removeprefix("W/") for t in se_nao.split(",")] or se_nao.strip() == "*"
    desde = request.headers.get("if-modified-since")
    if desde and atualizado is not None:
        try:
            return atualizado.replace(microsecond=0) <= parsedate_to_datetime(desde)
        except (TypeError, ValueError):
            return False
    return False


def criar_rotas(limite: LimitePorEndereco | None = None) -> list[Route]:
    """As rotas da API, com o seu limite de requisições (um por conjunto de rotas)."""
    limite = limite or LimitePorEndereco()

    def _limitar(request: Request) -> Response | None:
        endereco = request.client.host if request.client else "desconhecido"
        espera = limite.esperar_s(endereco)
        if espera:
            return _erro(
                429,
                f"Muitas requisições deste endereço: o limite é de {limite.por_minuto} por minuto. "
                f"Tente de novo em {espera} s.",
                **{"Retry-After": str(espera)},
            )
        return None

    def datapackage(request: Request) -> Response:
        if (r := _limitar(request)) is not None:
            return r
        if request.query_params:
            return _erro(400, "o datapackage.json não aceita parâmetros")
        etag, atualizado = _versao("datapackage")
        cab = _cabecalhos(etag, atualizado)
        if _nao_mudou(request, etag, atualizado):
            return Response(status_code=304, headers=cab)
        hoje = relogio.hoje()
        tabelas = da.tabelas_abertas(hoje)
        corpo = da.pacote(atualizado=atualizado, hoje=hoje, anos=da.cobertura(tabelas, hoje))
        return Response(json.dumps(corpo, ensure_ascii=False, indent=1), media_type=TIPOS["json"], headers=cab)

    def arquivo(request: Request) -> Response:
        if (r := _limitar(request)) is not None:
            return r
        nome, formato = request.path_params["nome"], request.path_params["formato"]
        recurso = da.POR_NOME.get(nome)
        if recurso is None or formato not in TIPOS:
            return _erro(
                404,
                f"recurso desconhecido “{(nome + '.' + formato)[:60]}”; a lista está em {PREFIXO}/datapackage.json "
                "(formatos: .csv e .json)",
            )
        try:
            filtros = da.validar_filtros(recurso, dict(request.query_params))
        except da.FiltroInvalido as exc:
            return _erro(400, str(exc))
        chave = f"{nome}.{formato}?" + "&".join(f"{k}={v}" for k, v in sorted(filtros.items()))
        etag, atualizado = _versao(chave)
        cab = _cabecalhos(etag, atualizado)
        if _nao_mudou(request, etag, atualizado):
            return Response(status_code=304, headers=cab)
        df = da.tabela_publica(nome)
        linhas = da.filtrar(da.linhas_tipadas(recurso, df), filtros)
        gerar = da.linhas_csv if formato == "csv" else da.linhas_json
        cab["Content-Disposition"] = f'inline; filename="{nome}.{formato}"'
        return StreamingResponse(
            (pedaco.encode("utf-8") for pedaco in gerar(recurso, linhas)), media_type=TIPOS[formato], headers=cab
        )

    def desconhecido(request: Request) -> Response:
        if (r := _limitar(request)) is not None:
            return r
        return _erro(404, f"endereço desconhecido; a lista dos recursos está em {PREFIXO}/datapackage.json")

    return [
        Route(f"{PREFIXO}/datapackage.json", datapackage, methods=["GET"]),
        Route(PREFIXO + "/{nome:str}.{formato:str}", arquivo, methods=["GET"]),
        Route(PREFIXO + "/{resto:path}", desconhecido, methods=["GET"]),
        Route(PREFIXO, desconhecido, methods=["GET"]),
    ]


ROTAS = criar_rotas()
