"""Ambiente do Alembic: usa os metadados de `models` e a URL da configuração."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context

import models  # noqa: F401 - registra todas as tabelas (o env.py só vê os módulos importados)
from core.banco import obter_engine
from core.config import obter_config
from models.tipos import DataHoraUTC, Dinheiro

config = context.config

if config.config_file_name is not None and config.attributes.get("configurar_log", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = models.metadata


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    return obter_config().database_url


def _render_item(tipo, obj, autogen_context):
    """Escreve os tipos próprios como tipos do SQLAlchemy nas migrações geradas."""
    if tipo == "type" and isinstance(obj, Dinheiro):
        return "sa.BigInteger()"
    if tipo == "type" and isinstance(obj, DataHoraUTC):
        return "sa.DateTime(timezone=True)"
    return False


def _opcoes() -> dict:
    return {
        "target_metadata": target_metadata,
        "render_as_batch": True,  # SQLite não tem ALTER COLUMN
        "compare_type": True,
        "render_item": _render_item,
    }


def run_migrations_offline() -> None:
    context.configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"}, **_opcoes())
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    conexao = config.attributes.get("connection")
    if conexao is not None:
        context.configure(connection=conexao, **_opcoes())
        with context.begin_transaction():
            context.run_migrations()
        return
    with obter_engine(_url()).connect() as conn:
        context.configure(connection=conn, **_opcoes())
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
