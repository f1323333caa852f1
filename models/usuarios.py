"""Contas de acesso, trilha de auditoria e parâmetros do sistema."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index
from sqlmodel import Field, SQLModel

from models.base import Versionado
from models.tipos import DataHoraUTC, agora_utc

PAPEIS = {
    "admin": "Administrador(a)",
    "dmf": "Equipe CNJ/DMF",
    "cnmp": "Comissão CNMP",
    "ponto_focal": "Ponto focal",
}


class Usuario(Versionado, table=True):
    __tablename__ = "usuario"
    __table_args__ = (
        CheckConstraint("papel IN ('admin','dmf','cnmp','ponto_focal')", name="papel_valido"),
        # ponto focal responde por exatamente uma unidade; os demais papéis, por nenhuma
        CheckConstraint(
            "(papel = 'ponto_focal' AND ((grupo_id IS NULL) <> (escritorio_id IS NULL)))"
            " OR (papel <> 'ponto_focal' AND grupo_id IS NULL AND escritorio_id IS NULL)",
            name="escopo_coerente",
        ),
    )

    nome: str = Field(max_length=150)
    email: str = Field(max_length=254, unique=True)
    papel: str = Field(max_length=12)
    grupo_id: int | None = Field(default=None, foreign_key="grupo_interinstitucional.id", index=True)
    escritorio_id: int | None = Field(default=None, foreign_key="escritorio_social.id", index=True)
    ativo: bool = Field(default=True)
    senha_hash: str | None = Field(default=None, max_length=200)
    falhas_login: int = Field(default=0)
    bloqueado_ate: datetime | None = Field(default=None, sa_type=DataHoraUTC())
    ultimo_acesso: datetime | None = Field(default=None, sa_type=DataHoraUTC())


class RegistroAuditoria(SQLModel, table=True):
    """Quem fez o quê, quando, com os valores antes e depois. Só recebe inclusões."""

    __tablename__ = "registro_auditoria"
    __table_args__ = (
        CheckConstraint("acao IN ('inclusao','alteracao','exclusao')", name="acao_valida"),
        Index("ix_registro_auditoria_entidade_id", "entidade", "entidade_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    momento: datetime = Field(default_factory=agora_utc, sa_type=DataHoraUTC(), index=True)
    usuario_id: int | None = Field(
        default=None, index=True, description="Sem chave estrangeira: a trilha sobrevive ao usuário."
    )
    usuario_email: str = Field(default="sistema", max_length=254)
    entidade: str = Field(max_length=60, index=True)
    entidade_id: str = Field(max_length=60)
    acao: str = Field(max_length=10)
    antes: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    depois: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


class TentativaLogin(SQLModel, table=True):
    """Cada entrada por senha, certa ou errada, com o e-mail digitado e o endereço do cliente: o freio
    de tentativas (`dominio.usuarios.tentativas`) conta as falhas recentes por conta, por endereço e
    pelos dois, no banco, para valer entre réplicas. Não entra na trilha de auditoria (um ataque
    não pode enchê-la); as linhas antigas são apagadas (`tentativas.RETENCAO`)."""

    __tablename__ = "tentativa_login"
    __table_args__ = (
        Index("ix_tentativa_login_email_momento", "email", "momento"),
        Index("ix_tentativa_login_endereco_momento", "endereco", "momento"),
    )

    id: int | None = Field(default=None, primary_key=True)
    momento: datetime = Field(default_factory=agora_utc, sa_type=DataHoraUTC(), index=True)
    email: str = Field(max_length=254, description="Como digitado (sem espaços, minúsculo), exista a conta ou não.")
    endereco: str = Field(max_length=64)
    sucesso: bool = Field(default=False)


class Parametro(SQLModel, table=True):
    """Parâmetros guardados no banco (ex.: se há dados de demonstração carregados)."""

    __tablename__ = "parametro"

    chave: str = Field(primary_key=True, max_length=60)
    valor: str = Field(default="", max_length=2000)
