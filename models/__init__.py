"""Tabelas do sistema (SQLModel).

A convenção de nomes é fixada aqui, antes de qualquer tabela ser definida, para
que toda restrição tenha nome estável (necessário ao `batch_alter_table` do
SQLite nas migrações). Importar este pacote registra todas as tabelas.
"""

from sqlmodel import SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# um módulo por agregado; importá-los registra as tabelas nos metadados
from models import (  # noqa: E402,F401
    funpen,
    indicadores,
    lembretes,
    lgpd,
    plano,
    publico,
    recursos,
    sessoes,
    territorio,
    unidades,
    usuarios,
)

metadata = SQLModel.metadata
