"""`GET /saude`: a verificação de saúde para o balanceador de carga.

200 com `{"status": "ok", "banco": "ok", "revisao": "<revisão>"}` quando o banco responde e está na
última revisão do Alembic; 503 com o motivo em português caso contrário. A resposta nunca traz a
URL do banco, usuário, senha nem o texto da exceção (que pode conter tudo isso)."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.engine import make_url
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from core.banco import url_atual
from core.esquema import revisao_atual, revisao_head

_LOG = logging.getLogger(__name__)
CABECALHOS = {"Cache-Control": "no-store"}


def estado_do_banco() -> tuple[int, dict[str, str]]:
    """O código HTTP e o corpo da verificação de saúde."""
    head = revisao_head()
    indisponivel = {"status": "erro", "banco": "indisponível", "motivo": "o banco de dados não respondeu"}
    u = make_url(url_atual())
    if u.get_backend_name() == "sqlite" and u.database not in (None, "", ":memory:") and not Path(u.database).exists():
        return 503, indisponivel  # conectar criaria um arquivo vazio no lugar do banco que sumiu
    try:
        atual = revisao_atual()
    except Exception as exc:  # noqa: BLE001 - qualquer falha do banco é “fora do ar”
        _LOG.warning("verificação de saúde: o banco não respondeu (%s)", type(exc).__name__)
        return 503, indisponivel
    if atual != head:
        return 503, {
            "status": "erro",
            "banco": "ok",
            "revisao": atual or "nenhuma",
            "revisao_esperada": head,
            "motivo": "o banco não está na última revisão das migrações (execute manage.py db upgrade)",
        }
    return 200, {"status": "ok", "banco": "ok", "revisao": atual}


def saude(_request: Request) -> JSONResponse:
    codigo, corpo = estado_do_banco()
    return JSONResponse(corpo, status_code=codigo, headers=CABECALHOS)


def rotas() -> list[Route]:
    return [Route("/saude", saude, methods=["GET", "HEAD"])]
