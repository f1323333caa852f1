"""Unidades da Federação e municípios (divisão territorial do IBGE)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

REGIOES = ("Norte", "Nordeste", "Centro-Oeste", "Sudeste", "Sul")


class UF(SQLModel, table=True):
    __tablename__ = "uf"
    __table_args__ = (
        CheckConstraint("regiao IN ('Norte','Nordeste','Centro-Oeste','Sudeste','Sul')", name="regiao_valida"),
        CheckConstraint("length(sigla) = 2", name="sigla_2_letras"),
    )

    sigla: str = Field(primary_key=True, max_length=2)
    codigo_ibge: int = Field(unique=True)
    nome: str = Field(max_length=60)
    regiao: str = Field(max_length=12)
    capital: str = Field(max_length=60)


class Municipio(SQLModel, table=True):
    __tablename__ = "municipio"
    __table_args__ = (CheckConstraint("codigo_ibge BETWEEN 1000000 AND 9999999", name="codigo_7_digitos"),)

    codigo_ibge: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    nome: str = Field(max_length=80, index=True)
    uf_sigla: str = Field(foreign_key="uf.sigla", max_length=2, index=True)
    incluido_manualmente: bool = Field(
        default=False, description="Município ausente da lista do IBGE de 2022, incluído por um administrador."
    )
