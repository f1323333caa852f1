"""Tabelas do sistema (SQLModel).

A convenção de nomes é fixada aqui, antes de qualquer tabela ser definida, para
que toda restrição tenha nome estável (necessário ao `batch_alter_table` do
SQLite nas migrações). Importar este pacote registra todas as tabelas.
"""

from sqlmodel import SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

from models.funpen import (  # noqa: E402,F401
    CenarioIndice,
    ContratoPublico,
    CotacaoItem,
    EquipeProposta,
    ItemProposta,
    PropostaFunpen,
    ValorIndiceUF,
)
from models.indicadores import (  # noqa: E402,F401
    AlvoIndicador,
    AnexoRegistro,
    CicloMonitoramento,
    EnvioColeta,
    EventoRevisao,
    Indicador,
    PeriodoColeta,
    RegistroQualitativo,
    RegraValidacao,
    ValorIndicador,
    VersaoIndicador,
)
from models.lgpd import DiaNaoUtil, Encarregado, IncidenteLgpd  # noqa: E402,F401
from models.plano import (  # noqa: E402
    AcaoComunicacao,
    AcaoComunicacaoMeta,
    AcaoComunicacaoUF,
    Acordo,
    Anexo,
    AtividadeCronograma,
    AtividadeMeta,
    ComentarioPlano,
    Etapa,
    Evidencia,
    ItemEtapa,
    Meta,
    Obrigacao,
    PlanoAnual,
    Publicacao,
    PublicacaoAtividade,
    PublicacaoMeta,
    ResponsavelAcompanhamento,
    TermoAditivo,
)
from models.recursos import FluxoRecurso, RecursoPotencial, ResumoFluxo, SalarioMinimo  # noqa: E402,F401
from models.sessoes import SessaoUsuario  # noqa: E402
from models.territorio import UF, Municipio  # noqa: E402
from models.unidades import EscritorioSocial, FundoMunicipal, GrupoInterinstitucional  # noqa: E402
from models.usuarios import Parametro, RegistroAuditoria, Usuario  # noqa: E402

metadata = SQLModel.metadata

__all__ = [
    "UF",
    "Municipio",
    "GrupoInterinstitucional",
    "EscritorioSocial",
    "FundoMunicipal",
    "Usuario",
    "RegistroAuditoria",
    "Parametro",
    "SessaoUsuario",
    "Meta",
    "AtividadeCronograma",
    "metadata",
    "AcaoComunicacao",
    "AcaoComunicacaoMeta",
    "AcaoComunicacaoUF",
    "Acordo",
    "Anexo",
    "AtividadeMeta",
    "ComentarioPlano",
    "Etapa",
    "Evidencia",
    "ItemEtapa",
    "Obrigacao",
    "PlanoAnual",
    "Publicacao",
    "PublicacaoAtividade",
    "PublicacaoMeta",
    "ResponsavelAcompanhamento",
    "TermoAditivo",
]
