"""Vazão da importação de fluxos (issue #8: ≥ 20.000 linhas/s com validação completa num
arquivo de 100.000 linhas). Aqui em tamanho mínimo, como teste de fumaça do caminho rápido
(validação rápida, gravação em lote, trilha em lote) no SQLite e no PostgreSQL, em CSV e XLSX:
imprime linhas/s e não afirma tempos — a máquina do CI é compartilhada. Com 5.000 linhas o
custo fixo (carregar o cadastro, reservar ids) pesa mais que em 100.000, o tamanho da meta."""

from __future__ import annotations

import time

import pytest
from sqlmodel import func, select

from core.banco import sessao
from models.recursos import FluxoRecurso
from models.usuarios import RegistroAuditoria
from tests.apoio.importacao_fluxos import (
    CAMPOS,
    csv_bytes,
    importar,
    linhas_geradas,
    xlsx_bytes,
)

N = 5_000

pytestmark = pytest.mark.bench


def contagens() -> tuple[int, int]:
    with sessao() as s:
        return (
            s.exec(select(func.count()).select_from(FluxoRecurso)).one(),
            s.exec(
                select(func.count()).select_from(RegistroAuditoria).where(RegistroAuditoria.entidade == "fluxo_recurso")
            ).one(),
        )


def medir(ator, conteudo: bytes, nome: str, rotulo: str) -> None:
    """Importa, confere que tudo entrou com a trilha, reimporta (nada entra) e imprime a vazão."""
    antes = contagens()
    t = time.perf_counter()
    r = importar(ator, conteudo, nome)
    dt = time.perf_counter() - t
    assert (r.linhas, r.incluidas, r.ja_existentes) == (N, N, 0)
    assert contagens() == (antes[0] + N, antes[1] + N)
    t = time.perf_counter()
    r = importar(ator, conteudo, nome)
    dt2 = time.perf_counter() - t
    assert (r.incluidas, r.ja_existentes) == (0, N) and contagens() == (antes[0] + N, antes[1] + N)

    def br(x: float) -> str:
        return f"{x:,.0f}".replace(",", ".")

    print(f"\n{rotulo}: {br(N)} linhas em {dt:.2f} s = {br(N / dt)} linhas/s; reimportação {br(N / dt2)} linhas/s")


def arquivo(formato: str, semente: int) -> bytes:
    linhas = linhas_geradas(N, semente)
    return csv_bytes(linhas) if formato == "csv" else xlsx_bytes([[r.get(c, "") for c in CAMPOS] for r in linhas])


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_vazao_sqlite(banco_limpo, demo_usuarios, formato):
    medir(demo_usuarios["dmf"], arquivo(formato, 1), f"fluxos.{formato}", f"SQLite, {formato.upper()}")


@pytest.mark.postgres
def test_vazao_postgres(url_postgres):
    from tests.conftest import demo_em

    with demo_em(url_postgres) as dmf:
        for semente, formato in enumerate(["csv", "xlsx"], start=1):
            medir(dmf, arquivo(formato, semente), f"fluxos.{formato}", f"PostgreSQL, {formato.upper()}")
