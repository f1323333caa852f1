"""Plano de Trabalho do ACT CNJ–CNMP nº 22/2023: metas (item 4) e atividades do
cronograma (item 6)."""
from __future__ import annotations

from sqlalchemy import CheckConstraint
from sqlmodel import Field

from models.base import Versionado


class Meta(Versionado, table=True):
    __tablename__ = "meta"
    __table_args__ = (CheckConstraint("letra IN ('a','b','c','d','e','f')", name="letra_valida"),)

    id: int | None = Field(default=None, primary_key=True)
    letra: str = Field(max_length=1, unique=True)
    texto: str = Field(max_length=1000)


class AtividadeCronograma(Versionado, table=True):
    __tablename__ = "atividade_cronograma"

    id: int | None = Field(default=None, primary_key=True)
    ordem: int = Field(unique=True)
    nome: str = Field(max_length=300)
