"""Caixa de saída de e-mails (lembretes, resumos semanais e avisos de decisão) e a preferência de
cada pessoa sobre os resumos."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import check_em
from models.tipos import DataHoraUTC, agora_utc

TIPOS_MENSAGEM = {
    "prazo_antes": "Lembrete: prazo de envio chegando",
    "prazo_vencido": "Lembrete: prazo de envio vencido",
    "resumo_dmf": "Resumo semanal da equipe do DMF",
    "resumo_cnmp": "Resumo semanal da Comissão do CNMP",
    "devolvido": "Envio devolvido para correção",
    "aprovado": "Envio aprovado",
}
SITUACOES_MENSAGEM = {"pendente": "Aguardando envio", "enviada": "Enviada", "descartada": "Descartada"}


class MensagemEmail(SQLModel, table=True):
    """Uma mensagem da caixa de saída. Nasce `pendente` (pelo comando `lembretes enviar` ou, nas
    decisões da revisão, pelo próprio serviço, na mesma transação da mudança de situação); vira
    `enviada` quando o servidor SMTP a aceita, ou `descartada` se o destinatário foi desativado
    ou desligou os resumos antes do envio. Uma falha de envio a mantém pendente, com o erro e o
    número de tentativas, para a próxima execução. A chave única (usuário, tipo, referência, data)
    impede que a mesma mensagem seja gerada duas vezes."""

    __tablename__ = "mensagem_email"
    __table_args__ = (
        UniqueConstraint("usuario_id", "tipo", "referencia", "data"),
        check_em("tipo", TIPOS_MENSAGEM, "tipo_valido"),
        check_em("situacao", SITUACOES_MENSAGEM, "situacao_valida"),
        Index("ix_mensagem_email_situacao_id", "situacao", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    usuario_id: int = Field(foreign_key="usuario.id", index=True)
    tipo: str = Field(max_length=14)
    referencia: str = Field(max_length=80, description="O item: “periodo:12”, “envio:40:evento:77”, “semana”.")
    data: date = Field(description="Data de referência da mensagem (o dia do lembrete, a semana do resumo).")
    assunto: str = Field(max_length=200)
    corpo: str = Field(max_length=20_000, description="Texto simples, sem a saudação nem o link.")
    caminho: str = Field(max_length=300, description="Página e parâmetros do link (somado a URL_BASE no envio).")
    situacao: str = Field(default="pendente", max_length=10)
    tentativas: int = Field(default=0)
    ultimo_erro: str = Field(default="", max_length=500)
    criada_em: datetime = Field(default_factory=agora_utc, sa_type=DataHoraUTC())
    enviada_em: datetime | None = Field(default=None, sa_type=DataHoraUTC())


class PreferenciaEmail(SQLModel, table=True):
    """Preferências de e-mail de uma pessoa (sem linha: os padrões). Os lembretes de prazo e os
    avisos de decisão sempre vão; os resumos semanais podem ser desligados na página Minha conta."""

    __tablename__ = "preferencia_email"

    usuario_id: int = Field(foreign_key="usuario.id", primary_key=True)
    resumos_semanais: bool = Field(default=True)
    atualizado_em: datetime = Field(default_factory=agora_utc, sa_type=DataHoraUTC())
