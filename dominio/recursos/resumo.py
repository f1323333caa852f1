"""Resumos dos fluxos mantidos pelo banco: por UF de origem, origem, etapa e ano
(`models.recursos.ResumoFluxo`, migração 0008) e por destino, origem, UF e etapa
(`models.recursos.ResumoDestino`, migração 0014).

Quem os mantém é o banco, por gatilhos em `fluxo_recurso`, para que nenhum caminho de escrita os
esqueça. Uma exceção de desempenho, só no SQLite e só para inclusões em lote: lá os gatilhos são
por linha, e um gatilho obriga o SQLite a guardar, a cada linha incluída, a cópia de cada página
que ela altera (o diário do comando, para desfazer só aquele comando se o gatilho falhar) — com
os nove índices de `fluxo_recurso`, isso custava ~80 µs por linha, +35 % na importação de 100 mil
fluxos. `inclusao_em_lote` tira os gatilhos de inclusão dentro da própria transação, grava, soma
a cada resumo os grupos das linhas novas num só comando e recria cada gatilho com o mesmo texto:
como o SQLite tem um só escritor e a transação já tem a escrita, nenhuma outra conexão inclui
fluxos sem os gatilhos; se algo falhar, o rollback desfaz tudo, a retirada dos gatilhos inclusive.
No PostgreSQL os gatilhos já são por comando (um COPY, um só INSERT … ON CONFLICT) e nada muda."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

TABELA_FLUXOS = "fluxo_recurso"

# gatilho de inclusão de cada resumo → o comando que soma a ele os fluxos de id acima de ?
RESUMOS_NA_INCLUSAO = {
    "trg_resumo_fluxo_inclusao": (
        "INSERT INTO resumo_fluxo (uf_origem, tipo_origem, etapa, ano, quantidade, valor) "
        "SELECT uf_origem, tipo_origem, etapa, "
        "CAST(STRFTIME('%Y', COALESCE(data_destinacao, data_referencia)) AS INTEGER), count(*), sum(valor) "
        "FROM fluxo_recurso WHERE id > ? GROUP BY 1, 2, 3, 4 "
        "ON CONFLICT (uf_origem, tipo_origem, etapa, ano) DO UPDATE SET "
        "quantidade = quantidade + excluded.quantidade, valor = valor + excluded.valor"
    ),
    "trg_resumo_destino_inclusao": (
        "INSERT INTO resumo_destino "
        "(destino_tipo, destino_id, destino_nome, tipo_origem, uf_origem, etapa, quantidade, valor) "
        "SELECT destino_tipo, COALESCE(fundo_id, escritorio_id, 0), destino_nome, tipo_origem, uf_origem, etapa, "
        "count(*), sum(valor) FROM fluxo_recurso WHERE id > ? GROUP BY 1, 2, 3, 4, 5, 6 "
        "ON CONFLICT (destino_tipo, destino_id, destino_nome, tipo_origem, uf_origem, etapa) DO UPDATE SET "
        "quantidade = quantidade + excluded.quantidade, valor = valor + excluded.valor"
    ),
}


@contextmanager
def inclusao_em_lote(conexao, tabela: str) -> Iterator[None]:
    """Envolve uma inclusão em lote em `tabela`, na transação de `conexao`: as linhas novas são as
    de id acima do maior que havia ao entrar. Só age no SQLite, em `fluxo_recurso`, sobre os
    gatilhos de inclusão presentes (um banco anterior a uma migração não tem o resumo dela); nos
    demais casos não faz nada."""
    if conexao.dialect.name != "sqlite" or tabela != TABELA_FLUXOS:
        yield
        return
    gatilhos = dict(
        conexao.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (TABELA_FLUXOS,)
        ).all()
    )
    presentes = [(nome, gatilhos[nome], somar) for nome, somar in RESUMOS_NA_INCLUSAO.items() if nome in gatilhos]
    for nome, _, _ in presentes:  # daqui ao commit, a escrita é desta transação
        conexao.exec_driver_sql(f"DROP TRIGGER {nome}")
    antes = conexao.exec_driver_sql("SELECT coalesce(max(id), 0) FROM fluxo_recurso").scalar()
    yield
    for _, texto, somar in presentes:
        conexao.exec_driver_sql(somar, (antes,))
        conexao.exec_driver_sql(texto)
