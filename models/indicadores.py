"""Indicadores das metas b, d e e do Plano de Trabalho (docs/dominio.md): catálogo com
versões, metas anuais (linha de base e alvo), regras de validação, períodos de coleta,
envios de cada unidade por período com os valores e a revisão DMF → CNMP, e os registros
qualitativos do monitoramento (entrevistas, grupos focais, visitas in loco).

Como no DHIS2, a revisão é do *envio* — o conjunto de valores de uma unidade num período —,
não de cada número: o ponto focal envia o formulário do período, o DMF valida, a Comissão
do CNMP aprova. O estado de cada valor é o do envio a que pertence."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import Versionado
from models.base import check_em as _check_em
from models.tipos import DataHoraUTC, Dinheiro, agora_utc

ALVOS = {"grupo": "Grupos Interinstitucionais", "escritorio": "Escritórios Sociais"}
ALVO_SINGULAR = {"grupo": "Grupo Interinstitucional", "escritorio": "Escritório Social"}

TIPOS_INDICADOR = {
    "contagem": "Contagem",
    "valor": "Valor em R$",
    "percentual": "Percentual (numerador ÷ denominador)",
    "sim_nao": "Sim/Não",
}

PERIODICIDADES = {"mensal": "Mensal", "trimestral": "Trimestral", "semestral": "Semestral", "anual": "Anual"}
PERIODOS_NO_ANO = {"mensal": 12, "trimestral": 4, "semestral": 2, "anual": 1}

AGREGACOES = {
    "soma": "Soma dos períodos (fluxo: atendimentos, encaminhamentos)",
    "ultimo": "Último período informado (estoque: instituições-membro, pessoas trabalhando)",
}

# dimensão → (rótulo, {categoria: rótulo}). A desagregação de um valor é guardada como
# "dimensao:categoria"; o total é a desagregação vazia "".
DESAGREGACOES: dict[str, tuple[str, dict[str, str]]] = {
    "sexo": ("Sexo", {"feminino": "Feminino", "masculino": "Masculino", "nao_informado": "Não informado"}),
    "raca_cor": (
        "Raça/cor (IBGE)",
        {
            "branca": "Branca",
            "preta": "Preta",
            "parda": "Parda",
            "amarela": "Amarela",
            "indigena": "Indígena",
            "nao_informada": "Não informada",
        },
    ),
    "faixa_etaria": (
        "Faixa etária",
        {
            "18_24": "18 a 24 anos",
            "25_29": "25 a 29 anos",
            "30_34": "30 a 34 anos",
            "35_45": "35 a 45 anos",
            "46_60": "46 a 60 anos",
            "61_mais": "61 anos ou mais",
            "nao_informada": "Não informada",
        },
    ),
    "area": (
        "Área do encaminhamento",
        {
            "trabalho_renda": "Trabalho e renda",
            "educacao": "Educação",
            "saude": "Saúde",
            "documentacao": "Documentação civil",
            "assistencia_social": "Assistência social",
            "moradia": "Moradia",
            "assistencia_juridica": "Assistência jurídica",
            "emergencial": "Necessidades emergenciais",
        },
    ),
}

OPERADORES = {"<=": "≤", "<": "<", "==": "=", ">=": "≥", ">": ">", "!=": "≠"}
SEVERIDADES = {"erro": "Impede o envio", "alerta": "Só avisa o revisor"}

STATUS_ENVIO = {
    "rascunho": "Rascunho",
    "enviado": "Enviado (aguarda o DMF)",
    "validado": "Validado pelo DMF (aguarda o CNMP)",
    "aprovado": "Aprovado pelo CNMP",
    "devolvido": "Devolvido para correção",
}

ACOES_REVISAO = {
    "rascunho": "Rascunho gravado",
    "enviado": "Enviado",
    "retirado": "Envio retirado",
    "validado": "Validado pelo DMF",
    "aprovado": "Aprovado pelo CNMP",
    "devolvido": "Devolvido",
    "reaberto": "Reaberto",
    "importado": "Importado pelo DMF",
}

METODOS_QUALITATIVOS = {
    "entrevista": "Entrevista",
    "grupo_focal": "Grupo focal",
    "visita_in_loco": "Visita in loco",
    "analise_documental": "Análise documental",
}

STATUS_ENCAMINHAMENTO = {
    "pendente": "Pendente",
    "em_andamento": "Em andamento",
    "concluido": "Concluído",
    "nao_aplicavel": "Não se aplica",
}


def _unidade_xor(nome: str = "uma_unidade") -> CheckConstraint:
    return CheckConstraint("(grupo_id IS NULL) <> (escritorio_id IS NULL)", name=nome)


class Indicador(Versionado, table=True):
    """Identidade estável de um indicador (o código). O que ele mede está nas versões."""

    __tablename__ = "indicador"
    __table_args__ = (_check_em("alvo", ALVOS, "alvo_valido"),)

    codigo: str = Field(max_length=12, unique=True)
    alvo: str = Field(max_length=10, index=True)
    ordem: int = Field(default=0)
    ativo: bool = Field(default=True)
    versao_atual_id: int | None = Field(
        default=None, description="Versão de definição vigente (sem FK: referência circular)."
    )


class VersaoIndicador(SQLModel, table=True):
    """Definição de um indicador numa versão. Nunca muda: mudar a definição cria outra
    versão, e cada valor guarda a versão sob a qual foi informado."""

    __tablename__ = "versao_indicador"
    __table_args__ = (
        UniqueConstraint("indicador_id", "numero"),
        _check_em("tipo", TIPOS_INDICADOR, "tipo_valido"),
        _check_em("periodicidade", PERIODICIDADES, "periodicidade_valida"),
        _check_em("agregacao", AGREGACOES, "agregacao_valida"),
        CheckConstraint("meta_letra IN ('a','b','c','d','e','f')", name="meta_valida"),
        CheckConstraint("minimo IS NULL OR maximo IS NULL OR minimo <= maximo", name="minimo_ate_maximo"),
    )

    id: int | None = Field(default=None, primary_key=True)
    indicador_id: int = Field(foreign_key="indicador.id", index=True)
    numero: int
    nome: str = Field(max_length=200)
    definicao: str = Field(max_length=2000)
    unidade_medida: str = Field(max_length=60)
    tipo: str = Field(max_length=10)
    periodicidade: str = Field(max_length=10)
    agregacao: str = Field(default="soma", max_length=6)
    meta_letra: str = Field(max_length=1)
    fonte: str = Field(default="", max_length=300)
    desagregacoes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    minimo: Decimal | None = Field(default=None, sa_type=Dinheiro())
    maximo: Decimal | None = Field(default=None, sa_type=Dinheiro())
    motivo: str = Field(default="", max_length=500, description="Por que a definição mudou.")
    criado_em: datetime = Field(default_factory=agora_utc, sa_type=DataHoraUTC(), nullable=False)
    criado_por: str = Field(default="sistema", max_length=254)


class AlvoIndicador(Versionado, table=True):
    """Linha de base e meta nacional de um indicador para um ano (como no Akvo RSR)."""

    __tablename__ = "alvo_indicador"
    __table_args__ = (UniqueConstraint("indicador_id", "ano"),)

    indicador_id: int = Field(foreign_key="indicador.id", index=True)
    ano: int
    linha_de_base: Decimal | None = Field(default=None, sa_type=Dinheiro())
    meta: Decimal | None = Field(default=None, sa_type=Dinheiro())


class RegraValidacao(Versionado, table=True):
    """Regra entre indicadores do mesmo tipo de unidade: lado esquerdo, operador, lado direito
    (como no DHIS2). Cada lado é uma soma de códigos de indicador e/ou números."""

    __tablename__ = "regra_validacao"
    __table_args__ = (
        _check_em("alvo", ALVOS, "alvo_valido"),
        CheckConstraint("operador IN ('<=','<','==','>=','>','!=')", name="operador_valido"),
        _check_em("severidade", SEVERIDADES, "severidade_valida"),
    )

    nome: str = Field(max_length=200)
    alvo: str = Field(max_length=10)
    lado_esquerdo: str = Field(max_length=300)
    operador: str = Field(max_length=2)
    lado_direito: str = Field(max_length=300)
    severidade: str = Field(default="erro", max_length=6)
    ativa: bool = Field(default=True)


class PeriodoColeta(Versionado, table=True):
    """Período de referência de uma periodicidade (ex.: 2º trimestre de 2026), com abertura,
    prazo de entrega e trava: passados `dias_tolerancia` dias do prazo, o ponto focal não grava mais."""

    __tablename__ = "periodo_coleta"
    __table_args__ = (
        UniqueConstraint("periodicidade", "ano", "numero"),
        _check_em("periodicidade", PERIODICIDADES, "periodicidade_valida"),
        CheckConstraint("inicio <= fim", name="inicio_ate_fim"),
        CheckConstraint("abertura <= prazo", name="abertura_ate_prazo"),
        CheckConstraint("dias_tolerancia >= 0", name="tolerancia_nao_negativa"),
    )

    periodicidade: str = Field(max_length=10)
    ano: int
    numero: int
    inicio: date
    fim: date
    abertura: date
    prazo: date
    dias_tolerancia: int = Field(default=10)


class EnvioColeta(Versionado, table=True):
    """Os valores de uma unidade num período e a revisão deles."""

    __tablename__ = "envio_coleta"
    __table_args__ = (
        _unidade_xor(),
        _check_em("status", STATUS_ENVIO, "status_valido"),
        UniqueConstraint("periodo_id", "unidade_chave"),
        Index("ix_envio_coleta_status_periodo", "status", "periodo_id"),
    )

    periodo_id: int = Field(foreign_key="periodo_coleta.id", index=True)
    grupo_id: int | None = Field(default=None, foreign_key="grupo_interinstitucional.id", index=True)
    escritorio_id: int | None = Field(default=None, foreign_key="escritorio_social.id", index=True)
    unidade_chave: str = Field(max_length=20, description="“g:<id>” ou “e:<id>”: uma linha por unidade e período.")
    status: str = Field(default="rascunho", max_length=10)
    primeiro_envio_em: datetime | None = Field(default=None, sa_type=DataHoraUTC())
    enviado_em: datetime | None = Field(default=None, sa_type=DataHoraUTC())
    validado_em: datetime | None = Field(default=None, sa_type=DataHoraUTC())
    validado_por_id: int | None = Field(default=None, foreign_key="usuario.id")
    aprovado_em: datetime | None = Field(default=None, sa_type=DataHoraUTC())
    aprovado_por_id: int | None = Field(default=None, foreign_key="usuario.id")
    comentario_revisao: str = Field(
        default="", max_length=2000, description="Último motivo de devolução ou de reabertura."
    )


class ValorIndicador(SQLModel, table=True):
    """Um número informado: total ("") ou uma categoria de desagregação ("sexo:feminino")."""

    __tablename__ = "valor_indicador"
    __table_args__ = (
        UniqueConstraint("envio_id", "versao_indicador_id", "desagregacao"),
        CheckConstraint("valor IS NOT NULL OR numerador IS NOT NULL OR denominador IS NOT NULL", name="algum_numero"),
    )

    id: int | None = Field(default=None, primary_key=True)
    envio_id: int = Field(foreign_key="envio_coleta.id", index=True, ondelete="CASCADE")
    versao_indicador_id: int = Field(foreign_key="versao_indicador.id", index=True)
    desagregacao: str = Field(default="", max_length=60)
    valor: Decimal | None = Field(default=None, sa_type=Dinheiro())
    numerador: Decimal | None = Field(default=None, sa_type=Dinheiro())
    denominador: Decimal | None = Field(default=None, sa_type=Dinheiro())
    comentario: str = Field(default="", max_length=1000)
    informado_por_id: int | None = Field(default=None, foreign_key="usuario.id")
    informado_em: datetime = Field(default_factory=agora_utc, sa_type=DataHoraUTC(), nullable=False)


class EventoRevisao(SQLModel, table=True):
    """Linha do tempo de um envio: quem fez o quê, quando, com que comentário."""

    __tablename__ = "evento_revisao"
    __table_args__ = (_check_em("acao", ACOES_REVISAO, "acao_valida"),)

    id: int | None = Field(default=None, primary_key=True)
    envio_id: int = Field(foreign_key="envio_coleta.id", index=True, ondelete="CASCADE")
    momento: datetime = Field(default_factory=agora_utc, sa_type=DataHoraUTC(), nullable=False)
    usuario_id: int | None = Field(default=None)
    usuario_email: str = Field(default="sistema", max_length=254)
    acao: str = Field(max_length=10)
    de_status: str = Field(default="", max_length=10)
    para_status: str = Field(max_length=10)
    comentario: str = Field(default="", max_length=2000)


class CicloMonitoramento(Versionado, table=True):
    """Ciclo de monitoramento: métodos qualitativos dos Grupos (meta d) ou ciclo in loco dos Escritórios (meta e)."""

    __tablename__ = "ciclo_monitoramento"
    __table_args__ = (
        CheckConstraint("meta_letra IN ('d','e')", name="meta_valida"),
        CheckConstraint("inicio <= fim", name="inicio_ate_fim"),
    )

    nome: str = Field(max_length=150, unique=True)
    meta_letra: str = Field(max_length=1)
    inicio: date
    fim: date
    descricao: str = Field(default="", max_length=2000)


class RegistroQualitativo(Versionado, table=True):
    """Registro de um método qualitativo aplicado a uma unidade."""

    __tablename__ = "registro_qualitativo"
    __table_args__ = (
        _unidade_xor(),
        _check_em("metodo", METODOS_QUALITATIVOS, "metodo_valido"),
        _check_em("status_encaminhamento", STATUS_ENCAMINHAMENTO, "status_encaminhamento_valido"),
    )

    grupo_id: int | None = Field(default=None, foreign_key="grupo_interinstitucional.id", index=True)
    escritorio_id: int | None = Field(default=None, foreign_key="escritorio_social.id", index=True)
    ciclo_id: int | None = Field(default=None, foreign_key="ciclo_monitoramento.id", index=True)
    data: date
    metodo: str = Field(max_length=20)
    equipe: str = Field(max_length=500)
    achados: str = Field(max_length=6000)
    recomendacoes: str = Field(default="", max_length=6000)
    status_encaminhamento: str = Field(default="pendente", max_length=14)
    prazo_encaminhamento: date | None = None
    registrado_por: str = Field(default="", max_length=254)


class AnexoRegistro(SQLModel, table=True):
    """Arquivo anexado a um registro qualitativo (o conteúdo fica em `anexo`)."""

    __tablename__ = "anexo_registro"

    id: int | None = Field(default=None, primary_key=True)
    registro_id: int = Field(foreign_key="registro_qualitativo.id", index=True, ondelete="CASCADE")
    anexo_id: int = Field(foreign_key="anexo.id", unique=True)
