"""Recursos: fluxos de dinheiro (prestação pecuniária, ANPP, TAC, FUNPEN…) até os Fundos
Municipais de Políticas Penais, Escritórios Sociais e projetos; mapeamento de recursos
potenciais; salário mínimo por período (procedimento simplificado da prestação de contas)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import Versionado, check_em
from models.tipos import Dinheiro

TIPOS_ORIGEM = {
    "prestacao_pecuniaria": "Prestação pecuniária",
    "anpp": "Acordo de não persecução penal (ANPP)",
    "transacao_penal": "Transação penal",
    "suspensao_condicional": "Suspensão condicional do processo",
    "tac": "Termo de ajustamento de conduta (TAC)",
    "multa_dano_moral": "Multa ou dano moral coletivo",
    "funpen": "FUNPEN fundo a fundo",
    "orcamento_proprio": "Orçamento próprio",
    "doacao": "Doação",
    "convenio": "Convênio",
    "outra": "Outra",
}

# origens decididas em processo judicial: número CNJ obrigatório (Res. CNJ 65/2008)
ORIGENS_JUDICIAIS = ("prestacao_pecuniaria", "transacao_penal", "suspensao_condicional")
# destinação de TAC, multas e danos morais coletivos exige justificativa escrita (Res. Conjunta CNJ/CNMP 10/2024, art. 6º)
ORIGENS_RES_CONJUNTA_10 = ("tac", "multa_dano_moral")

TIPOS_ORGAO = {
    "tribunal": "Tribunal (comarca/vara)",
    "ministerio_publico": "Ministério Público (ramo/unidade)",
    "senappen": "Senappen",
    "municipio": "Município",
    "outro": "Outro",
}

TIPOS_DESTINO = {"fundo": "Fundo Municipal", "escritorio": "Escritório Social", "projeto": "Projeto ou entidade"}

ETAPAS = {"potencial": "Potencial", "destinado": "Destinado", "transferido": "Transferido", "aplicado": "Aplicado"}

STATUS_PRESTACAO = {
    "nao_exigida": "Não exigida",
    "pendente": "Pendente",
    "apresentada": "Apresentada",
    "aprovada": "Aprovada",
    "rejeitada": "Rejeitada",
}

# as colunas codificadas do fluxo (cada uma com o seu CHECK na tabela) → código: rótulo
OPCOES_DO_FLUXO = {
    "tipo_origem": TIPOS_ORIGEM,
    "orgao_tipo": TIPOS_ORGAO,
    "destino_tipo": TIPOS_DESTINO,
    "etapa": ETAPAS,
    "status_prestacao": STATUS_PRESTACAO,
}


class FluxoRecurso(Versionado, table=True):
    """Um valor que sai de uma origem (processo, acordo, orçamento) para um destino."""

    __tablename__ = "fluxo_recurso"
    __table_args__ = (
        check_em("tipo_origem", TIPOS_ORIGEM, "tipo_origem_valido"),
        check_em("orgao_tipo", TIPOS_ORGAO, "orgao_tipo_valido"),
        check_em("destino_tipo", TIPOS_DESTINO, "destino_tipo_valido"),
        check_em("etapa", ETAPAS, "etapa_valida"),
        check_em("status_prestacao", STATUS_PRESTACAO, "status_prestacao_valido"),
        CheckConstraint("valor > 0", name="valor_positivo"),
        CheckConstraint(
            "(destino_tipo = 'fundo' AND fundo_id IS NOT NULL AND escritorio_id IS NULL)"
            " OR (destino_tipo = 'escritorio' AND escritorio_id IS NOT NULL AND fundo_id IS NULL)"
            " OR (destino_tipo = 'projeto' AND fundo_id IS NULL AND escritorio_id IS NULL)",
            name="destino_coerente",
        ),
        # filtros e agregações das páginas (UF, origem, etapa, período)
        # (de cobertura: as somas leem só o índice; migração 0007)
        Index("ix_fluxo_recurso_data_agregados", "data_referencia", "tipo_origem", "uf_origem", "etapa", "valor"),
        Index(
            "ix_fluxo_recurso_uf_agregados",
            "uf_origem",
            "data_referencia",
            "tipo_origem",
            "etapa",
            "data_destinacao",
            "valor",
        ),
        # página Prestação de contas: situação (status + prazo) em ordem de prazo (migração 0007)
        Index("ix_fluxo_recurso_prestacao", "status_prestacao", "prazo_prestacao", "valor"),
        # Sankey: soma por destino com qualquer filtro da página, só no índice (migração 0007)
        Index(
            "ix_fluxo_recurso_destinos",
            "destino_tipo",
            "tipo_origem",
            "uf_origem",
            "fundo_id",
            "escritorio_id",
            "destino_nome",
            "data_referencia",
            "etapa",
            "valor",
        ),
    )

    tipo_origem: str = Field(max_length=24)  # nos índices de cobertura (migração 0007)
    orgao_tipo: str = Field(max_length=20)
    orgao_origem: str = Field(
        max_length=200, description="Ex.: TJPR — Comarca de Curitiba — 1ª VEP; MPPR — 3ª PJ de Londrina."
    )
    uf_origem: str = Field(foreign_key="uf.sigla", max_length=2)
    processo: str | None = Field(default=None, max_length=25, index=True, description="NNNNNNN-DD.AAAA.J.TR.OOOO")
    destino_tipo: str = Field(max_length=10)
    fundo_id: int | None = Field(default=None, foreign_key="fundo_municipal.id", index=True)
    escritorio_id: int | None = Field(default=None, foreign_key="escritorio_social.id", index=True)
    destino_nome: str = Field(
        default="", max_length=200, description="Projeto ou entidade (quando não é Fundo nem Escritório)."
    )
    destino_cnpj: str | None = Field(default=None, max_length=14)
    valor: Decimal = Field(sa_type=Dinheiro())
    etapa: str = Field(default="potencial", max_length=12)  # nos índices de cobertura (migração 0007)
    data_potencial: date | None = None
    data_destinacao: date | None = Field(default=None, index=True)  # mapeamento por ano (migração 0007)
    data_transferencia: date | None = None
    data_aplicacao: date | None = None
    data_referencia: date = Field(description="Data da etapa mais avançada: base das séries e filtros por período.")
    justificativa: str = Field(default="", max_length=4000)
    # prestação de contas (Res. Conjunta CNJ/CNMP 10/2024, art. 14)
    valor_aplicado: Decimal | None = Field(default=None, sa_type=Dinheiro())
    atividades_resultados: str = Field(default="", max_length=4000)
    comprovante_publicidade: str | None = Field(default=None, max_length=500)
    prazo_prestacao: date | None = None  # no índice da prestação de contas (migração 0007)
    data_prestacao: date | None = None
    status_prestacao: str = Field(default="nao_exigida", max_length=12)
    chave_natural: str = Field(
        max_length=64, unique=True, description="Impede que a mesma linha importada entre duas vezes."
    )
    observacoes: str = Field(default="", max_length=2000)


class RecursoPotencial(Versionado, table=True):
    """Mapeamento: estimativa de recurso disponível por UF, ano e origem (ex.: saldo de contas judiciais)."""

    __tablename__ = "recurso_potencial"
    __table_args__ = (
        check_em("tipo_origem", TIPOS_ORIGEM, "tipo_origem_valido"),
        UniqueConstraint("uf_sigla", "ano", "tipo_origem", "orgao"),
        CheckConstraint("valor_estimado >= 0", name="valor_nao_negativo"),
    )

    uf_sigla: str = Field(foreign_key="uf.sigla", max_length=2, index=True)
    ano: int = Field(index=True)
    tipo_origem: str = Field(max_length=24)
    orgao: str = Field(default="", max_length=200)
    valor_estimado: Decimal = Field(sa_type=Dinheiro())
    fonte: str = Field(default="", max_length=300, description="De onde veio a estimativa.")


class SalarioMinimo(SQLModel, table=True):
    """Valor do salário mínimo a partir de uma data (histórico editável pelo administrador)."""

    __tablename__ = "salario_minimo"
    __table_args__ = (CheckConstraint("valor > 0", name="valor_positivo"),)

    vigencia_inicio: date = Field(primary_key=True)
    valor: Decimal = Field(sa_type=Dinheiro())
    norma: str = Field(default="", max_length=200)


class ResumoFluxo(SQLModel, table=True):
    """Quantidade e soma dos fluxos por UF de origem, origem, etapa e ano (da destinação; na
    falta, da data de referência) — o grão dos agregados públicos de recursos e dos totais da
    página *Recursos* sem período nem Fundo.

    Mantida **pelo banco**, por gatilhos em `fluxo_recurso` (migração 0008): toda inclusão,
    alteração e exclusão de fluxo — formulário, importação em lote (COPY/executemany), gerador de
    escala, SQL à mão — soma ou subtrai a sua parte na mesma transação. O sistema só a lê: com um
    milhão de fluxos, o agregado público sai de ~1,7 s (GROUP BY no índice) para milissegundos.
    tests/dominio/recursos/test_resumo.py confere que ela é sempre igual ao GROUP BY em `fluxo_recurso`."""

    __tablename__ = "resumo_fluxo"

    uf_origem: str = Field(primary_key=True, max_length=2)
    tipo_origem: str = Field(primary_key=True, max_length=24)
    etapa: str = Field(primary_key=True, max_length=12)
    ano: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    quantidade: int = Field(sa_type=BigInteger())
    valor: Decimal = Field(sa_type=Dinheiro())


class ResumoDestino(SQLModel, table=True):
    """Quantidade e soma dos fluxos por destino, origem, UF de origem e etapa — o grão do Sankey da
    página *Recursos* sem período nem Fundo. O destino é o tipo, o id do Fundo ou do Escritório
    (`destino_id`; 0 para projeto ou entidade) e o nome do projeto (vazio para Fundo e Escritório).

    Mantida **pelo banco**, como `ResumoFluxo`, por gatilhos em `fluxo_recurso` (migração 0014).
    Com um milhão de fluxos na base nacional são ~84 mil grupos: o Sankey soma 12 vezes menos
    linhas. tests/dominio/recursos/test_resumo.py confere que ela é sempre igual ao GROUP BY em
    `fluxo_recurso`."""

    __tablename__ = "resumo_destino"

    destino_tipo: str = Field(primary_key=True, max_length=10)
    destino_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    destino_nome: str = Field(primary_key=True, max_length=200)
    tipo_origem: str = Field(primary_key=True, max_length=24)
    uf_origem: str = Field(primary_key=True, max_length=2)
    etapa: str = Field(primary_key=True, max_length=12)
    quantidade: int = Field(sa_type=BigInteger())
    valor: Decimal = Field(sa_type=Dinheiro())
