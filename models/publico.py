"""Painel público publicado: um retrato por período das tabelas públicas, já com a supressão."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column
from sqlmodel import Field

from models.base import Versionado
from models.tipos import DataHoraUTC, agora_utc


class PainelPublicado(Versionado, table=True):
    """O que o painel público e os dados abertos mostram, do momento em que um período é
    publicado até a publicação seguinte. Só guarda números já suprimidos (as contagens cruas
    de pessoas nunca são gravadas aqui) e não se altera depois de gravado."""

    __tablename__ = "painel_publicado"
    __table_args__ = (CheckConstraint("k >= 2", name="k_minimo"),)

    id: int | None = Field(default=None, primary_key=True)
    periodo_id: int = Field(foreign_key="periodo_coleta.id", index=True)
    rotulo: str = Field(max_length=120, description="Rótulo do período publicado (ex.: 2º trimestre de 2026).")
    data_referencia: date = Field(description="Dia em que os números foram apurados.")
    publicado_em: datetime = Field(default_factory=agora_utc, sa_type=DataHoraUTC(), index=True)
    publicado_por_id: int | None = Field(default=None, foreign_key="usuario.id")
    k: int = Field(description="Limite da supressão vigente na publicação (SUPRESSAO_K).")
    conteudo: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
