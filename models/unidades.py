"""Unidades acompanhadas: Grupos Interinstitucionais, Escritórios Sociais e
Fundos Municipais de Políticas Penais (ver docs/dominio.md)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, CheckConstraint, Column
from sqlmodel import Field

from models.base import Versionado
from models.base import check_em as _check_em

STATUS_GRUPO = {
    "em_articulacao": "Em articulação",
    "constituido": "Constituído",
    "em_funcionamento": "Em funcionamento",
    "inativo": "Inativo",
}

STATUS_ESCRITORIO = {
    "em_implantacao": "Em implantação",
    "em_funcionamento": "Em funcionamento",
    "suspenso": "Suspenso",
    "encerrado": "Encerrado",
}

TIPO_GESTAO_ESCRITORIO = {
    "estadual": "Secretaria estadual",
    "municipal": "Município",
    "consorcio": "Consórcio público",
    "osc": "Organização da sociedade civil",
}

STATUS_FUNDO = {
    "criado": "Criado por lei",
    "regulamentado": "Regulamentado",
    "em_operacao": "Em operação",
    "inativo": "Inativo",
}


class GrupoInterinstitucional(Versionado, table=True):
    """Grupo Interinstitucional da PNAT: um por UF (cooperação CNJ–MPT nº 037/2020)."""

    __tablename__ = "grupo_interinstitucional"
    __table_args__ = (_check_em("status", STATUS_GRUPO, "status_valido"),)

    uf_sigla: str = Field(foreign_key="uf.sigla", max_length=2, unique=True)
    ato_criacao: str = Field(
        default="", max_length=200, description="Ato normativo de criação (ex.: Portaria Conjunta nº 1/2021)."
    )
    data_criacao: date | None = None
    status: str = Field(default="em_articulacao", max_length=20)
    instituicoes_membro: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    contato_pontos_focais: str = Field(
        default="", max_length=500, description="Nomes e contatos institucionais dos pontos focais."
    )
    observacoes: str = Field(default="", max_length=2000)


class EscritorioSocial(Versionado, table=True):
    """Escritório Social (Resolução CNJ 307/2019)."""

    __tablename__ = "escritorio_social"
    __table_args__ = (
        _check_em("status", STATUS_ESCRITORIO, "status_valido"),
        _check_em("tipo_gestao", TIPO_GESTAO_ESCRITORIO, "tipo_gestao_valido"),
    )

    nome: str = Field(max_length=150)
    municipio_codigo: int = Field(foreign_key="municipio.codigo_ibge", index=True)
    orgao_gestor: str = Field(max_length=200)
    tipo_gestao: str = Field(default="estadual", max_length=12)
    termo_cooperacao: str = Field(default="", max_length=200)
    data_termo: date | None = None
    data_inauguracao: date | None = None
    status: str = Field(default="em_implantacao", max_length=20)
    observacoes: str = Field(default="", max_length=2000)


class FundoMunicipal(Versionado, table=True):
    """Fundo Municipal de Políticas Penais, criado por lei municipal."""

    __tablename__ = "fundo_municipal"
    __table_args__ = (
        _check_em("status", STATUS_FUNDO, "status_valido"),
        CheckConstraint("cnpj IS NULL OR length(cnpj) = 14", name="cnpj_14_digitos"),
    )

    nome: str = Field(max_length=200)
    municipio_codigo: int = Field(foreign_key="municipio.codigo_ibge", unique=True)
    lei_numero: str = Field(max_length=40)
    lei_data: date
    cnpj: str | None = Field(default=None, max_length=14, unique=True, description="Somente dígitos.")
    conselho_gestor: str = Field(default="", max_length=300)
    status: str = Field(default="criado", max_length=20)
    observacoes: str = Field(default="", max_length=2000)
