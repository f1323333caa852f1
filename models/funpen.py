"""FUNPEN e cotas da PNAT: cenários do índice penitenciário (Portaria DEPEN 206/2008,
Anexo II), propostas de CME e CIAP (Portaria DEPEN 250/2015) com itens, cotações e equipe,
e contratos públicos sujeitos às cotas de PPL e egressos (Decreto 9.450/2018, art. 5º)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Column, Integer, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from models.base import Versionado, check_em
from models.tipos import Dinheiro

PROGRAMAS = {
    "cme": "Central de Monitoração Eletrônica (CME)",
    "ciap": "Central Integrada de Alternativas Penais (CIAP)",
}
STATUS_PROPOSTA = {"rascunho": "Rascunho", "em_analise": "Em análise", "aprovada": "Aprovada", "arquivada": "Arquivada"}
NATUREZAS_EQUIPE = {
    "coordenacao": "Coordenação",
    "tecnica": "Técnica (consultoria ou colaboração)",
    "estagio": "Estágio",
}
CRITERIOS_INDICE = (
    "presos_100mil",
    "crescimento",
    "territorio",
    "populacao",
    "servidores",
    "pop_carceraria",
    "pib_per_capita",
    "idh",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
)
CATEGORIAS_DESPESA = (
    "estrutura_fisica",
    "equipamentos",
    "material_consumo",
    "servicos_terceiros",
    "monitoracao_eletronica",
    "equipe_tecnica",
    "capacitacao",
    "taxa_administracao",
    "consultoria_servidor",
    "finalidade_diversa",
    "despesa_antes_vigencia",
    "pagamento_apos_vigencia",
    "taxas_multas_juros",
    "transferencia_clubes",
    "publicidade",
    "elaboracao_proposta",
    "manutencao_geral",
    "outra_vedada",
)


class Percentual(TypeDecorator):
    """Percentual com duas casas (`Decimal`), guardado como inteiro de centésimos: exato
    nos dois bancos (12,5% → 1250)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("Percentuais devem ser Decimal, nunca float.")
        centesimos = Decimal(value) * 100
        if centesimos != centesimos.to_integral_value():
            raise ValueError(f"Percentual com mais de duas casas: {value!r}")
        return int(centesimos)

    def process_result_value(self, value, dialect):
        return None if value is None else (Decimal(int(value)) / 100).quantize(Decimal("0.01"))

    @property
    def python_type(self):
        return Decimal


class CenarioIndice(Versionado, table=True):
    """Um cálculo do índice penitenciário guardado: pesos usados, orçamento a repartir e os
    valores por UF (`ValorIndiceUF`)."""

    __tablename__ = "cenario_indice"
    __table_args__ = (CheckConstraint("ano_referencia BETWEEN 2000 AND 2100", name="ano_valido"),)

    nome: str = Field(max_length=150, unique=True)
    ano_referencia: int
    pesos: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    orcamento: Decimal | None = Field(default=None, sa_type=Dinheiro())
    criado_por: str = Field(default="", max_length=254)
    observacoes: str = Field(default="", max_length=2000)


class ValorIndiceUF(SQLModel, table=True):
    """Valor bruto de um critério para uma UF num cenário. Para os critérios qualitativos
    (a–j) o valor é a nota 0–2 e `faixa` guarda o texto da escala do Anexo II. O valor fica
    como texto decimal para não perder casas (IDH, crescimento negativo)."""

    __tablename__ = "valor_indice_uf"
    __table_args__ = (
        UniqueConstraint("cenario_id", "uf_sigla", "criterio"),
        check_em("criterio", CRITERIOS_INDICE, "criterio_valido"),
    )

    id: int | None = Field(default=None, primary_key=True)
    cenario_id: int = Field(foreign_key="cenario_indice.id", index=True, ondelete="CASCADE")
    uf_sigla: str = Field(foreign_key="uf.sigla", max_length=2)
    criterio: str = Field(max_length=20)
    valor: str = Field(max_length=40)
    faixa: str = Field(default="", max_length=200)
    fonte: str = Field(default="", max_length=200)


class PropostaFunpen(Versionado, table=True):
    """Proposta de financiamento de CME ou CIAP (Portaria DEPEN 250/2015)."""

    __tablename__ = "proposta_funpen"
    __table_args__ = (
        check_em("programa", PROGRAMAS, "programa_valido"),
        check_em("status", STATUS_PROPOSTA, "status_valido"),
        CheckConstraint("valor_total >= 0 AND contrapartida >= 0", name="valores_nao_negativos"),
    )

    programa: str = Field(max_length=4)
    uf_sigla: str = Field(foreign_key="uf.sigla", max_length=2, index=True)
    titulo: str = Field(max_length=300)
    orgao_proponente: str = Field(max_length=300)
    orgao_executivo_uf: bool = Field(default=True)
    declaracao_metas_cnpcp: bool = Field(default=False)
    data_registro: date | None = None
    valor_total: Decimal = Field(sa_type=Dinheiro())
    contrapartida: Decimal = Field(sa_type=Dinheiro())
    vigencia_meses: int | None = None
    coordenador: str = Field(default="", max_length=150)
    flagrantes_mes: int | None = None
    presos_provisorios: int | None = None
    perfil_demanda: str = Field(default="", max_length=2000)
    meta_reducao_pct: Decimal | None = Field(default=None, sa_type=Percentual())
    politica_alternativas: bool = Field(default=False)
    ciap_conjunta: bool = Field(default=False)
    status: str = Field(default="rascunho", max_length=10)
    observacoes: str = Field(default="", max_length=2000)


class ItemProposta(SQLModel, table=True):
    """Item (bem ou serviço) da proposta, com a categoria de despesa (Portaria 250/2015, art. 3º)
    e as condições declaradas das exceções dos incisos V (pagamento depois da vigência:
    `autorizacao_mj` e `fato_gerador_na_vigencia`) e VI (multa por atraso do repasse:
    `multa_atraso_mj` e `condicoes_mercado`)."""

    __tablename__ = "item_proposta"
    __table_args__ = (check_em("categoria", CATEGORIAS_DESPESA, "categoria_valida"),)

    id: int | None = Field(default=None, primary_key=True)
    proposta_id: int = Field(foreign_key="proposta_funpen.id", index=True, ondelete="CASCADE")
    descricao: str = Field(max_length=300)
    categoria: str = Field(max_length=30)
    valor: Decimal = Field(sa_type=Dinheiro())
    autorizacao_mj: bool = Field(default=False)
    fato_gerador_na_vigencia: bool = Field(default=False)
    multa_atraso_mj: bool = Field(default=False)
    condicoes_mercado: bool = Field(default=False)


class DadosDoFornecedor(SQLModel):
    """Quem forneceu um preço de um item da proposta (Portaria 250/2015, art. 2º, § 1º): nome, CNPJ
    (só os dígitos) e contato, nas cotações e na outra documentação de preço. As mesmas colunas nas
    duas tabelas (nas migrações, `migrations.blocos.colunas_do_fornecedor`); herdadas, vêm antes das
    próprias da tabela na ordem do modelo, o que não muda o esquema."""

    fornecedor: str = Field(max_length=200)
    cnpj: str = Field(max_length=14)
    contato: str = Field(max_length=200)


class CotacaoItem(DadosDoFornecedor, table=True):
    """Cotação de preço de um item (Portaria 250/2015, art. 2º, § 1º)."""

    __tablename__ = "cotacao_item"

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="item_proposta.id", index=True, ondelete="CASCADE")
    valor: Decimal = Field(sa_type=Dinheiro())


class DocumentoPrecoItem(DadosDoFornecedor, table=True):
    """Outra documentação de preço de um item, no lugar das 3 cotações (Portaria 250/2015, art.
    2º, § 1º): o que é o documento e os dados do fornecedor (nome, CNPJ e contato)."""

    __tablename__ = "documento_preco_item"

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="item_proposta.id", index=True, ondelete="CASCADE")
    descricao: str = Field(max_length=300)


class EquipeProposta(SQLModel, table=True):
    """Pessoa da equipe contratada pela proposta, com remuneração mensal (Portaria 206/2008,
    art. 13 e Anexo I)."""

    __tablename__ = "equipe_proposta"
    __table_args__ = (check_em("natureza", NATUREZAS_EQUIPE, "natureza_valida"),)

    id: int | None = Field(default=None, primary_key=True)
    proposta_id: int = Field(foreign_key="proposta_funpen.id", index=True, ondelete="CASCADE")
    nome: str = Field(max_length=150)
    natureza: str = Field(max_length=12)
    remuneracao_mensal: Decimal = Field(sa_type=Dinheiro())


class ContratoPublico(Versionado, table=True):
    """Contrato de serviços sujeito (ou não) às cotas da PNAT (Decreto 9.450/2018, art. 5º)."""

    __tablename__ = "contrato_publico"
    __table_args__ = (
        CheckConstraint(
            "trabalhadores >= 0 AND ppl_contratados >= 0 AND egressos_contratados >= 0",
            name="quantidades_nao_negativas",
        ),
        CheckConstraint("valor_anual >= 0", name="valor_nao_negativo"),
        CheckConstraint("data_fim IS NULL OR data_fim >= data_inicio", name="datas_coerentes"),
    )

    numero: str = Field(max_length=40)
    orgao_contratante: str = Field(max_length=300)
    uf_sigla: str = Field(foreign_key="uf.sigla", max_length=2, index=True)
    objeto: str = Field(max_length=500)
    valor_anual: Decimal = Field(sa_type=Dinheiro())
    trabalhadores: int
    ppl_contratados: int = Field(default=0)
    egressos_contratados: int = Field(default=0)
    data_inicio: date
    data_fim: date | None = None
    observacoes: str = Field(default="", max_length=2000)
