"""Blocos de esquema que várias revisões repetem, com um nome cada.

As revisões são história: um banco em qualquer revisão precisa continuar subindo e descendo
exatamente como antes. Por isso estas funções ficam congeladas: mudar o que uma delas cria
muda revisões já aplicadas. Para um formato novo, escreva uma função nova.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def colunas_de_versionado() -> list[sa.Column]:
    """As colunas de todo registro editável (`models.base.Versionado`: versão da trava otimista,
    datas de criação e de alteração) seguidas da chave `id`. Objetos novos a cada chamada (uma
    coluna pertence a uma só tabela)."""
    return [
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("criado_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("atualizado_em", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
    ]


def criar_indices(tabela: str, *colunas: str) -> None:
    """Um índice simples por coluna, com o nome da convenção (`ix_<tabela>_<coluna>`)."""
    with op.batch_alter_table(tabela, schema=None) as batch_op:
        for coluna in colunas:
            batch_op.create_index(batch_op.f(f"ix_{tabela}_{coluna}"), [coluna], unique=False)


def remover_indices(tabela: str, *colunas: str) -> None:
    """Desfaz `criar_indices` com as mesmas colunas (na ordem inversa)."""
    with op.batch_alter_table(tabela, schema=None) as batch_op:
        for coluna in reversed(colunas):
            batch_op.drop_index(batch_op.f(f"ix_{tabela}_{coluna}"))


def remover_tabela(tabela: str, *colunas_indexadas: str) -> None:
    """Remove os índices simples das colunas indicadas (como em `criar_indices`) e a tabela."""
    if colunas_indexadas:
        remover_indices(tabela, *colunas_indexadas)
    op.drop_table(tabela)
