"""Sessões de login guardadas no banco: qualquer réplica reconhece o cookie de qualquer outra."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from models.base import Versionado, check_em
from models.tipos import DataHoraUTC

ORIGENS_SESSAO = {"senha": "e-mail e senha", "oidc": "conta institucional"}
MOTIVOS_ENCERRAMENTO = {
    "saida": "saiu do sistema",
    "troca_senha": "trocou a própria senha",
    "senha_redefinida": "senha redefinida",
    "administrador": "encerrada pelo administrador",
}


class SessaoUsuario(Versionado, table=True):
    """Uma sessão de login. O navegador guarda um segredo aleatório (o token, no cookie
    HttpOnly); aqui fica só o SHA-256 dele. Antes de o cookie existir, a sessão tem um código de
    uso único e vida curta (também só o SHA-256), trocado pelo token na rota do cookie — e só pelo
    navegador em que o login aconteceu, que guarda o segredo do vínculo."""

    __tablename__ = "sessao_usuario"
    __table_args__ = (
        check_em("origem", ORIGENS_SESSAO, "origem_valida"),
        check_em("motivo_encerramento", MOTIVOS_ENCERRAMENTO, "motivo_valido"),
    )

    id: int | None = Field(default=None, primary_key=True)
    usuario_id: int = Field(foreign_key="usuario.id", index=True)
    origem: str = Field(max_length=5)
    token_hash: str | None = Field(default=None, max_length=64, unique=True)
    codigo_hash: str | None = Field(default=None, max_length=64, unique=True)
    codigo_expira_em: datetime | None = Field(default=None, sa_type=DataHoraUTC())
    vinculo_hash: str | None = Field(
        default=None,
        max_length=64,
        description="SHA-256 do segredo que o navegador do login guarda (contra login forjado).",
    )
    ultimo_acesso: datetime = Field(sa_type=DataHoraUTC())
    expira_ociosa_em: datetime = Field(sa_type=DataHoraUTC())
    expira_absoluta_em: datetime = Field(sa_type=DataHoraUTC())
    endereco: str | None = Field(default=None, max_length=45)
    agente: str | None = Field(default=None, max_length=300)
    encerrada_em: datetime | None = Field(default=None, sa_type=DataHoraUTC())
    motivo_encerramento: str | None = Field(default=None, max_length=16)
    encerrada_por_id: int | None = Field(
        default=None, description="Quem encerrou (o administrador); sem chave estrangeira, como a trilha."
    )
