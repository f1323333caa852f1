"""Configuração única do sistema, lida do ambiente e do arquivo `.env`.

Nada lê a URL do banco na importação: `obter_config()` é chamada quando
necessário, e os testes podem trocar o ambiente e chamar `limpar_config()`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

RAIZ = Path(__file__).resolve().parent.parent
PASTA_DADOS_LOCAIS = RAIZ / "var"
URL_SQLITE_PADRAO = f"sqlite:///{PASTA_DADOS_LOCAIS / 'pnat.sqlite3'}"


class Config(BaseSettings):
    """Parâmetros de implantação. Cada campo pode vir de uma variável de ambiente
    com o mesmo nome em maiúsculas (por exemplo `DATABASE_URL`)."""

    model_config = SettingsConfigDict(env_file=RAIZ / ".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(
        default=URL_SQLITE_PADRAO,
        description="URL SQLAlchemy do banco. Padrão: SQLite em var/pnat.sqlite3 (ignorado pelo git).",
    )
    modo_demo: bool = Field(
        default=False,
        description="Permite carregar os dados de demonstração (contas com senhas conhecidas) e as mostra na página Entrar.",
    )
    segredo_sessao: SecretStr | None = Field(
        default=None, description="Segredo reservado para assinaturas (não obrigatório com contas locais)."
    )
    fuso_horario: str = Field(default="America/Sao_Paulo", description="Fuso de “hoje” e da exibição de datas e horas.")
    supressao_k: int = Field(default=5, description="Contagens de pessoas abaixo deste valor não são publicadas.")
    tentativas_login_max: int = Field(default=5, description="Falhas seguidas de senha antes do bloqueio temporário.")
    bloqueio_login_minutos: int = Field(default=15, description="Duração do bloqueio após falhas seguidas de senha.")
    sessao_ociosa_minutos: int = Field(
        default=120, gt=0, description="Minutos sem uso depois dos quais a sessão de login termina."
    )
    sessao_maxima_horas: int = Field(
        default=12, gt=0, description="Horas depois do login em que a sessão termina, mesmo em uso."
    )
    cookie_sempre_seguro: bool = Field(
        default=False,
        description="Marca o cookie de sessão como Secure mesmo quando a requisição chega por HTTP (proxy "
        "HTTPS que não informa X-Forwarded-Proto); sem isso, ele é Secure quando a requisição é HTTPS.",
    )
    arredondamento_cotas: Literal["para_cima", "para_baixo"] = Field(
        default="para_cima",
        description="Cotas da PNAT (Decreto 9.450/2018, art. 5º): como arredondar frações de vaga (não consta das fontes).",
    )
    prazo_prestacao_dias: int = Field(
        default=90,
        description="Prazo sugerido (dias corridos da transferência) para a prestação de contas de um "
        "fluxo quando o instrumento de destinação não fixa outro.",
    )

    @property
    def eh_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def obter_config() -> Config:
    return Config()


def limpar_config() -> None:
    """Relê o ambiente na próxima chamada de `obter_config()` (usado pelos testes)."""
    obter_config.cache_clear()
