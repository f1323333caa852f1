"""Resumo dos fluxos por UF de origem, origem, etapa e ano (`models.recursos.ResumoFluxo`).

Quem o mantém é o banco, por gatilhos em `fluxo_recurso` (migração 0008), para que nenhum
caminho de escrita o esqueça. Uma exceção de desempenho, só no SQLite e só para inclusões em
lote: lá os gatilhos são por linha, e um gatilho obriga o SQLite a guardar, a cada linha
incluída, a cópia de cada página que ela altera (o diário do comando, para desfazer só aquele
comando se o gatilho falhar) — com os nove índices de `fluxo_recurso`, isso custava ~80 µs por
linha, +35 % na importação de 100 mil fluxos. `inclusao_em_lote` tira o gatilho de inclusão
dentro da própria transação, grava, soma ao resumo os grupos das linhas novas num só comando e
recria o gatilho com o mesmo texto: como o SQLite tem um só escritor e a transação já tem a
escrita, nenhuma outra conexão inclui fluxos sem o gatilho; se algo falhar, o rollback desfaz
tudo, a retirada do gatilho inclusive. No PostgreSQL os gatilhos já são por comando (um COPY, um
só INSERT … ON CONFLICT) e nada muda."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

GATILHO_INCLUSAO = "trg_resumo_fluxo_inclusao"
TABELA_FLUXOS = "fluxo_recurso"

_SOMAR_NOVOS = (
    "INSERT INTO resumo_fluxo (uf_origem, tipo_origem, etapa, ano, quantidade, valor) "
    "SELECT uf_origem, tipo_origem, etapa, "
    "CAST(STRFTIME('%Y', COALESCE(data_destinacao, data_referencia)) AS INTEGER), count(*), sum(valor) "
    "FROM fluxo_recurso WHERE id > ? GROUP BY 1, 2, 3, 4 "
    "ON CONFLICT (uf_origem, tipo_origem, etapa, ano) DO UPDATE SET "
    "quantidade = quantidade + excluded.quantidade, valor = valor + excluded.valor"
)


@contextmanager
def inclusao_em_lote(conexao, tabela: str) -> Iterator[None]:
    """Envolve uma inclusão em lote em `tabela`, na transação de `conexao`: as linhas novas são as
    de id acima do maior que havia ao entrar. Só age no SQLite, em `fluxo_recurso`, com o gatilho
    de inclusão presente; nos demais casos não faz nada."""
    if conexao.dialect.name != "sqlite" or tabela != TABELA_FLUXOS:
        yield
        return
    texto = conexao.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (GATILHO_INCLUSAO,)
    ).scalar()
    if texto is None:  # banco anterior à migração 0008: não há resumo a manter
        yield
        return
    conexao.exec_driver_sql(f"DROP TRIGGER {GATILHO_INCLUSAO}")  # daqui ao commit, a escrita é desta transação
    antes = conexao.exec_driver_sql("SELECT coalesce(max(id), 0) FROM fluxo_recurso").scalar()
    yield
    conexao.exec_driver_sql(_SOMAR_NOVOS, (antes,))
    conexao.exec_driver_sql(texto)
