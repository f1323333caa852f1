"""Plano de Trabalho do ACT CNJ–CNMP nº 22/2023 (Anexo 1 do acordo, seed 000):
metas (item 4), etapas (item 5), cronograma por ano do plano (item 6),
obrigações (Cláusulas 3ª a 5ª), termos aditivos (8ª e 9ª), responsáveis pelo
acompanhamento (12ª), ações de comunicação e publicações, com evidências e
comentários."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import Versionado
from models.base import check_em as _check_em
from models.tipos import DataHoraUTC, agora_utc

STATUS_ATIVIDADE = {
    "nao_iniciada": "Não iniciada",
    "em_andamento": "Em andamento",
    "concluida": "Concluída",
    "atrasada": "Atrasada",
    "cancelada": "Cancelada",
}

PARTICIPES = {"cnj": "CNJ", "cnmp": "CNMP"}
RESPONSAVEIS_OBRIGACAO = {"cnj": "CNJ", "cnmp": "CNMP", "ambos": "CNJ e CNMP"}

STATUS_OBRIGACAO = {
    "pendente": "Pendente",
    "em_andamento": "Em andamento",
    "cumprida": "Cumprida",
    "nao_aplicavel": "Não aplicável no período",
}

TIPOS_ACAO = {
    "webinario": "Webinário",
    "informativo": "Informativo",
    "seminario": "Seminário",
    "oficina": "Oficina",
    "capacitacao": "Capacitação",
}

TIPOS_PUBLICACAO = {
    "nota_tecnica": "Nota técnica",
    "parecer": "Parecer",
    "orientacao": "Orientação técnica",
    "relatorio": "Relatório",
}


class Meta(Versionado, table=True):
    """Meta do Plano de Trabalho (item 4, letras a–f)."""

    __tablename__ = "meta"
    __table_args__ = (CheckConstraint("letra IN ('a','b','c','d','e','f')", name="letra_valida"),)

    letra: str = Field(max_length=1, unique=True)
    texto: str = Field(max_length=1000)


class Etapa(Versionado, table=True):
    """Etapa de execução (item 5): Comunicação; Pesquisas e diagnósticos; Ações metodológicas."""

    __tablename__ = "etapa"

    ordem: int = Field(unique=True)
    nome: str = Field(max_length=120, unique=True)


class ItemEtapa(Versionado, table=True):
    __tablename__ = "item_etapa"
    __table_args__ = (UniqueConstraint("etapa_id", "ordem"),)

    etapa_id: int = Field(foreign_key="etapa.id", index=True)
    ordem: int
    texto: str = Field(max_length=500)


class PlanoAnual(Versionado, table=True):
    """Um ano do Plano de Trabalho. O Mês 1 começa em `inicio` (o mês da assinatura,
    salvo ajuste); o ano seguinte nasce como cópia do anterior."""

    __tablename__ = "plano_anual"
    __table_args__ = (CheckConstraint("ano >= 1", name="ano_positivo"),)

    ano: int = Field(unique=True)
    inicio: date = Field(description="Primeiro dia do Mês 1 deste ano do plano.")
    copiado_de_id: int | None = Field(default=None, foreign_key="plano_anual.id")
    observacoes: str = Field(default="", max_length=2000)


class AtividadeCronograma(Versionado, table=True):
    """Atividade do cronograma (item 6) num ano do plano: meses previstos e executados
    (1–12), situação, percentual executado."""

    __tablename__ = "atividade_cronograma"
    __table_args__ = (
        UniqueConstraint("plano_id", "ordem"),
        _check_em("status", STATUS_ATIVIDADE, "status_valido"),
        CheckConstraint("percentual BETWEEN 0 AND 100", name="percentual_0_100"),
    )

    plano_id: int = Field(foreign_key="plano_anual.id", index=True)
    ordem: int
    nome: str = Field(max_length=300)
    etapa_id: int | None = Field(default=None, foreign_key="etapa.id")
    meses_previstos: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    meses_executados: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="nao_iniciada", max_length=14)
    percentual: int = Field(default=0)
    observacoes: str = Field(default="", max_length=2000)


class AtividadeMeta(SQLModel, table=True):
    """Metas a que a atividade serve."""

    __tablename__ = "atividade_meta"

    atividade_id: int = Field(foreign_key="atividade_cronograma.id", primary_key=True, ondelete="CASCADE")
    meta_id: int = Field(foreign_key="meta.id", primary_key=True, index=True)


class Obrigacao(Versionado, table=True):
    """Obrigação das Cláusulas 3ª (comuns), 4ª (CNJ) e 5ª (CNMP)."""

    __tablename__ = "obrigacao"
    __table_args__ = (
        UniqueConstraint("clausula", "alinea"),
        CheckConstraint("clausula IN (3, 4, 5)", name="clausula_valida"),
        _check_em("responsavel", RESPONSAVEIS_OBRIGACAO, "responsavel_valido"),
        _check_em("status", STATUS_OBRIGACAO, "status_valido"),
    )

    clausula: int
    alinea: str = Field(max_length=2)
    texto: str = Field(max_length=1500)
    responsavel: str = Field(max_length=5)
    status: str = Field(default="pendente", max_length=14)
    observacoes: str = Field(default="", max_length=2000)


class Anexo(SQLModel, table=True):
    """Arquivo enviado como evidência ou publicação. Fica no banco (e não no disco de
    uma réplica) para que todas as réplicas o sirvam."""

    __tablename__ = "anexo"

    id: int | None = Field(default=None, primary_key=True)
    nome_arquivo: str = Field(max_length=200)
    tipo_mime: str = Field(max_length=100)
    tamanho: int
    sha256: str = Field(max_length=64, index=True)
    conteudo: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    incluido_em: datetime = Field(default_factory=agora_utc, sa_type=DataHoraUTC())


class Evidencia(SQLModel, table=True):
    """Evidência (link ou arquivo) de uma atividade do cronograma ou de uma obrigação."""

    __tablename__ = "evidencia"
    __table_args__ = (
        CheckConstraint("(atividade_id IS NULL) <> (obrigacao_id IS NULL)", name="um_alvo"),
        CheckConstraint("(link IS NOT NULL) OR (anexo_id IS NOT NULL)", name="link_ou_arquivo"),
    )

    id: int | None = Field(default=None, primary_key=True)
    atividade_id: int | None = Field(
        default=None, foreign_key="atividade_cronograma.id", index=True, ondelete="CASCADE"
    )
    obrigacao_id: int | None = Field(default=None, foreign_key="obrigacao.id", index=True)
    descricao: str = Field(max_length=300)
    data: date
    link: str | None = Field(default=None, max_length=500)
    anexo_id: int | None = Field(default=None, foreign_key="anexo.id")
    incluido_por: str = Field(default="", max_length=254)


class TermoAditivo(Versionado, table=True):
    """Termo Aditivo (Cláusulas 8ª e 9ª): prorroga a vigência e/ou ajusta o plano."""

    __tablename__ = "termo_aditivo"

    numero: str = Field(max_length=20, unique=True)
    data_assinatura: date
    nova_data_fim: date | None = Field(default=None, description="Novo término da vigência, se o termo prorroga.")
    altera_plano: bool = Field(default=False)
    descricao: str = Field(max_length=2000)


class ResponsavelAcompanhamento(Versionado, table=True):
    """Pessoa designada por um partícipe para acompanhar a execução (Cláusula 12ª)."""

    __tablename__ = "responsavel_acompanhamento"
    __table_args__ = (_check_em("participe", PARTICIPES, "participe_valido"),)

    participe: str = Field(max_length=4)
    nome: str = Field(max_length=150)
    cargo: str = Field(default="", max_length=150)
    ato_designacao: str = Field(default="", max_length=200)
    data_designacao: date


class AcaoComunicacao(Versionado, table=True):
    """Webinário, informativo, seminário, oficina ou capacitação (meta a; etapa Comunicação)."""

    __tablename__ = "acao_comunicacao"
    __table_args__ = (
        _check_em("tipo", TIPOS_ACAO, "tipo_valido"),
        CheckConstraint(
            "publico_magistrados >= 0 AND publico_membros_mp >= 0 AND publico_servidores >= 0 AND publico_outros >= 0",
            name="publico_nao_negativo",
        ),
    )

    tipo: str = Field(max_length=12)
    titulo: str = Field(max_length=300)
    data: date = Field(index=True)
    publico_magistrados: int = Field(default=0)
    publico_membros_mp: int = Field(default=0)
    publico_servidores: int = Field(default=0)
    publico_outros: int = Field(default=0)
    link: str | None = Field(default=None, max_length=500)
    observacoes: str = Field(default="", max_length=2000)


class AcaoComunicacaoUF(SQLModel, table=True):
    """UFs alcançadas por uma ação de comunicação."""

    __tablename__ = "acao_comunicacao_uf"

    acao_id: int = Field(foreign_key="acao_comunicacao.id", primary_key=True, ondelete="CASCADE")
    uf_sigla: str = Field(foreign_key="uf.sigla", primary_key=True, max_length=2, index=True)


class AcaoComunicacaoMeta(SQLModel, table=True):
    __tablename__ = "acao_comunicacao_meta"

    acao_id: int = Field(foreign_key="acao_comunicacao.id", primary_key=True, ondelete="CASCADE")
    meta_id: int = Field(foreign_key="meta.id", primary_key=True, index=True)


class Publicacao(Versionado, table=True):
    """Nota técnica, parecer, orientação ou relatório (etapa Pesquisas e diagnósticos)."""

    __tablename__ = "publicacao"
    __table_args__ = (
        _check_em("tipo", TIPOS_PUBLICACAO, "tipo_valido"),
        UniqueConstraint("tipo", "numero"),
    )

    tipo: str = Field(max_length=12)
    numero: str = Field(max_length=30)
    titulo: str = Field(max_length=300)
    data: date = Field(index=True)
    link: str | None = Field(default=None, max_length=500)
    anexo_id: int | None = Field(default=None, foreign_key="anexo.id")
    resumo: str = Field(default="", max_length=2000)


class PublicacaoMeta(SQLModel, table=True):
    __tablename__ = "publicacao_meta"

    publicacao_id: int = Field(foreign_key="publicacao.id", primary_key=True, ondelete="CASCADE")
    meta_id: int = Field(foreign_key="meta.id", primary_key=True, index=True)


class PublicacaoAtividade(SQLModel, table=True):
    __tablename__ = "publicacao_atividade"

    publicacao_id: int = Field(foreign_key="publicacao.id", primary_key=True, ondelete="CASCADE")
    atividade_id: int = Field(foreign_key="atividade_cronograma.id", primary_key=True, index=True, ondelete="CASCADE")


class ComentarioPlano(SQLModel, table=True):
    """Comentário da Comissão do CNMP (ou do DMF) sobre uma meta, atividade ou obrigação.
    Comentários não se editam nem se apagam: novos respondem aos antigos."""

    __tablename__ = "comentario_plano"
    __table_args__ = (
        CheckConstraint("alvo IN ('meta','atividade','obrigacao')", name="alvo_valido"),
        CheckConstraint("length(texto) > 0", name="texto_nao_vazio"),
    )

    id: int | None = Field(default=None, primary_key=True)
    alvo: str = Field(max_length=10)
    alvo_id: int
    texto: str = Field(max_length=3000)
    autor_id: int | None = Field(default=None, foreign_key="usuario.id")
    autor_nome: str = Field(max_length=150)
    autor_papel: str = Field(max_length=12)
    momento: datetime = Field(default_factory=agora_utc, sa_type=DataHoraUTC(), index=True)


class Acordo(Versionado, table=True):
    """Dados do próprio acordo (uma linha): número, assinatura e vigência (Cláusula 8ª)."""

    __tablename__ = "acordo"
    __table_args__ = (CheckConstraint("vigencia_meses > 0", name="vigencia_positiva"),)

    numero: str = Field(max_length=20)
    data_assinatura: date
    vigencia_meses: int = Field(default=24, description="Cláusula 8ª: 24 meses a contar da assinatura.")
    prazo_designacao_dias: int = Field(default=30, description="Cláusula 12ª: prazo para designar os responsáveis.")
