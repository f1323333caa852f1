"""Proteção de dados (Cláusula 13ª do ACT CNJ–CNMP nº 22/2023 e Resolução CD/ANPD 15/2024):
incidentes de segurança com dados pessoais, encarregados (DPO) de cada partícipe e dias
não úteis configuráveis (institucionais ou locais) para a contagem dos prazos em dias úteis."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Column
from sqlmodel import Field

from models.base import Versionado, check_em
from models.plano import PARTICIPES
from models.tipos import DataHoraUTC

CATEGORIAS_DADOS = {
    "identificacao": "Identificação",
    "contato": "Contato",
    "saude": "Saúde",
    "pessoas_presas_egressas": "Dados de pessoas presas/egressas",
    "biometria": "Biometria",
    "financeiros": "Financeiros",
    "outros": "Outros",
}
# LGPD, art. 5º, II: dado referente à saúde e dado biométrico são dados pessoais sensíveis
CATEGORIAS_SENSIVEIS = ("saude", "biometria")

STATUS_INCIDENTE = {"em_apuracao": "Em apuração", "encerrado": "Encerrado"}

ABRANGENCIAS = {"institucional": "Institucional", "local": "Local"}


class DiaNaoUtil(Versionado, table=True):
    """Dia sem expediente além dos feriados nacionais: institucional (ex.: Carnaval, Corpus
    Christi, que não são feriados nacionais em lei) ou local (feriado de UF ou município)."""

    __tablename__ = "dia_nao_util"
    __table_args__ = (check_em("abrangencia", ABRANGENCIAS, "abrangencia_valida"),)

    data: date = Field(unique=True)
    descricao: str = Field(max_length=200)
    abrangencia: str = Field(default="institucional", max_length=14)
    localidade: str = Field(default="", max_length=200, description="UF e/ou município, quando local.")


class IncidenteLgpd(Versionado, table=True):
    """Incidente de segurança com dados pessoais no âmbito do acordo (Cláusula 13ª, IV)."""

    __tablename__ = "incidente_lgpd"
    __table_args__ = (
        check_em("participe", PARTICIPES, "participe_valido"),
        check_em("status", STATUS_INCIDENTE, "status_valido"),
        CheckConstraint("pessoas_afetadas IS NULL OR pessoas_afetadas >= 0", name="pessoas_nao_negativo"),
    )

    participe: str = Field(max_length=4, description="Partícipe que teve conhecimento do incidente.")
    data_conhecimento: date = Field(index=True)
    conhecido_em: datetime | None = Field(
        default=None, sa_type=DataHoraUTC(), description="Instante do conhecimento, quando se sabe a hora."
    )
    data_registro: date = Field(description="Data do registro do incidente (conta a guarda de 5 anos).")
    descricao: str = Field(max_length=4000)
    categorias_dados: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    dados_sensiveis: bool = Field(default=False)
    risco_relevante: bool = Field(default=True, description="Pode acarretar risco ou dano relevante aos titulares.")
    pessoas_afetadas: int | None = Field(default=None, description="None: número desconhecido.")
    medidas_adotadas: str = Field(default="", max_length=4000)
    agente_pequeno_porte: bool = Field(default=False)
    data_comunicacao_participe: date | None = None
    data_comunicacao_anpd: date | None = None
    data_comunicacao_titulares: date | None = None
    data_complemento: date | None = None
    data_encerramento: date | None = None
    status: str = Field(default="em_apuracao", max_length=12)


class Encarregado(Versionado, table=True):
    """Encarregado pelo tratamento de dados pessoais (DPO) de cada partícipe (Cláusula 13ª, V;
    LGPD, art. 23, III)."""

    __tablename__ = "encarregado"
    __table_args__ = (check_em("participe", PARTICIPES, "participe_valido"),)

    participe: str = Field(max_length=4)
    nome: str = Field(max_length=200)
    email: str = Field(max_length=200)
    ato_designacao: str = Field(default="", max_length=300)
    data_inicio: date
    data_fim: date | None = None
