"""Campos e comportamento comuns às tabelas editáveis."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from models.tipos import DataHoraUTC, agora_utc


class Versionado(SQLModel):
    """Registro editável com trava otimista e chave `id` inteira.

    `versao` é a coluna de versão do SQLAlchemy (`version_id_col`): todo UPDATE
    leva `WHERE versao = <lida>`, de modo que duas pessoas (ou duas réplicas)
    editando o mesmo registro não se sobrescrevem — a segunda recebe conflito.
    As colunas vêm antes das da tabela, nesta ordem (como nas migrações:
    `migrations.blocos.colunas_de_versionado`).
    """

    versao: int = Field(default=1, nullable=False)
    criado_em: datetime = Field(default_factory=agora_utc, sa_type=DataHoraUTC(), nullable=False)
    atualizado_em: datetime = Field(default_factory=agora_utc, sa_type=DataHoraUTC(), nullable=False)
    id: int | None = Field(default=None, primary_key=True)

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805 - diretiva do SQLAlchemy
        return {"version_id_col": cls.__table__.c.versao}


def check_em(coluna: str, valores, nome: str) -> CheckConstraint:
    """CHECK `coluna IN (...)` com nome: substitui o ENUM nativo (o do PostgreSQL guarda o nome do membro e resiste a migrações)."""
    lista = ",".join(f"'{v}'" for v in valores)
    return CheckConstraint(f"{coluna} IN ({lista})", name=nome)
