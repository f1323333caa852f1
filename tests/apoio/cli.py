"""Rodar `manage.py` como processo de verdade e ler o banco SQLite do teste diretamente."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]


MANAGE = str(RAIZ / "manage.py")


TERMOS_EM_INGLES = (
    "usage:",
    "show this help",
    "options:",
    "optional arguments",
    "error:",
    "invalid choice",
    "the following arguments",
    "Traceback",
)


def _ambiente(banco: Path, modo_demo: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MODO_DEMO")}
    env["DATABASE_URL"] = f"sqlite:///{banco}"
    if modo_demo is not None:
        env["MODO_DEMO"] = modo_demo  # explícito: vence um eventual .env do desenvolvedor
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def cli(
    banco: Path, *args: str, entrada: str | None = None, modo_demo: str | None = "false"
) -> subprocess.CompletedProcess:
    """Executa `python manage.py *args` com o banco `banco`. Sem `entrada`, a entrada padrão é /dev/null (sem terminal)."""
    return subprocess.run(
        [sys.executable, MANAGE, *args],
        cwd=RAIZ,
        env=_ambiente(banco, modo_demo),
        text=True,
        encoding="utf-8",
        capture_output=True,
        input=entrada,
        stdin=None if entrada is not None else subprocess.DEVNULL,
        timeout=180,
    )


def _sem_ingles(texto: str) -> None:
    for termo in TERMOS_EM_INGLES:
        assert termo not in texto, f"{termo!r} na saída:\n{texto}"


def ok(r: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert r.returncode == 0, f"saída {r.returncode}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    assert r.stderr == "", f"stderr deveria estar vazio:\n{r.stderr}"
    return r


def falha(r: subprocess.CompletedProcess, codigo: int, *trechos: str) -> subprocess.CompletedProcess:
    """Confere erro em português: código `codigo`, `trechos` no stderr, nada de sucesso no stdout."""
    assert r.returncode == codigo, f"saída {r.returncode} (esperava {codigo})\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    assert r.stdout == "", f"stdout deveria estar vazio:\n{r.stdout}"
    assert "erro" in r.stderr
    _sem_ingles(r.stderr)
    for trecho in trechos:
        assert trecho in r.stderr, f"{trecho!r} ausente do stderr:\n{r.stderr}"
    return r


def copiar_banco(origem: Path, destino: Path) -> Path:
    """Cópia de um arquivo SQLite pela API de backup do SQLite; devolve `destino`."""
    with closing(sqlite3.connect(origem)) as o, closing(sqlite3.connect(destino)) as d:
        o.backup(d)
    return destino


def consulta(banco: Path, sql: str, *params) -> list[tuple]:
    with closing(sqlite3.connect(banco)) as c:
        return c.execute(sql, params).fetchall()


def tabelas(banco: Path) -> list[str]:
    return [n for (n,) in consulta(banco, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def contar(banco: Path, tabela: str) -> int:
    return consulta(banco, f'SELECT count(*) FROM "{tabela}"')[0][0]


def retrato(banco: Path) -> dict[str, object]:
    """Contagem de todas as tabelas e as linhas completas de `usuario`: para conferir que nada foi gravado."""
    r: dict[str, object] = {t: contar(banco, t) for t in tabelas(banco)}
    if "usuario" in r:
        r["usuario*"] = consulta(banco, "SELECT * FROM usuario ORDER BY id")
    return r


def auditoria(banco: Path, entidade: str, entidade_id: str | None = None) -> list[dict]:
    sql = (
        "SELECT usuario_id, usuario_email, acao, entidade_id, antes, depois FROM registro_auditoria WHERE entidade = ?"
    )
    params: list = [entidade]
    if entidade_id is not None:
        sql += " AND entidade_id = ?"
        params.append(entidade_id)
    campos = ("usuario_id", "usuario_email", "acao", "entidade_id", "antes", "depois")
    linhas = [dict(zip(campos, linha)) for linha in consulta(banco, sql + " ORDER BY id", *params)]
    for linha in linhas:
        for k in ("antes", "depois"):
            linha[k] = json.loads(linha[k]) if linha[k] else None
    return linhas


def usuario(banco: Path, email: str) -> dict | None:
    with closing(sqlite3.connect(banco)) as c:
        c.row_factory = sqlite3.Row
        linha = c.execute("SELECT * FROM usuario WHERE email = ?", (email,)).fetchone()
    return dict(linha) if linha else None


def recusa_sem_gravar(
    banco: Path, args: list[str], codigo: int, *trechos: str, entrada: str | None = None
) -> subprocess.CompletedProcess:
    """Roda `manage.py *args` (ver `cli`): a recusa é em português com o código `codigo` e os
    `trechos` (ver `falha`) e o banco fica como estava (ver `retrato`)."""
    antes = retrato(banco)
    r = falha(cli(banco, *args, entrada=entrada), codigo, *trechos)
    assert retrato(banco) == antes, "a recusa gravou no banco"
    return r
