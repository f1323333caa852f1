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
    login_falhas_sem_espera: int = Field(
        default=5,
        description="Falhas de senha de uma conta, a partir de um mesmo endereço, antes de cada nova tentativa "
        "exigir espera (1 s, 2 s, 4 s…). Contra a mesma conta vindas de vários endereços, o dobro.",
    )
    login_falhas_sem_espera_endereco: int = Field(
        default=20, description="Falhas de senha de um mesmo endereço, em quaisquer contas, antes da espera."
    )
    login_janela_minutos: int = Field(default=60, description="Janela em que as falhas de senha contam para a espera.")
    login_espera_maxima_segundos: int = Field(
        default=300, description="Maior espera entre tentativas de senha (a espera nunca vira bloqueio)."
    )
    endereco_cliente_cabecalho: str | None = Field(
        default=None,
        description="Atrás de um proxy reverso: cabeçalho com o endereço do cliente (ex.: X-Forwarded-For). "
        "Vazio: o endereço da conexão.",
    )
    proxies_confiaveis: int = Field(
        default=1,
        description="Com ENDERECO_CLIENTE_CABECALHO: quantos proxies confiáveis acrescentam itens ao cabeçalho "
        "(o endereço do cliente é o item nessa posição, contando do fim).",
    )
    espera_importacao_segundos: int = Field(
        default=60,
        description="Quanto uma importação espera outra (ou outra gravação longa) terminar antes de desistir "
        "sem gravar nada.",
    )
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
    reformulacoes_tres: Literal["nota_1", "nota_0"] = Field(
        default="nota_1",
        description="Índice penitenciário (Portaria 206/2008, Anexo II, item 4, d): nota de exatamente três "
        "reformulações por convênio, que o Anexo não põe em faixa alguma.",
    )
    prazo_prestacao_dias: int = Field(
        default=90,
        description="Prazo sugerido (dias corridos da transferência) para a prestação de contas de um "
        "fluxo quando o instrumento de destinação não fixa outro.",
    )
    planilha_colunas_max: int = Field(
        default=200,
        description="Colunas aceitas numa linha de planilha ou CSV importado (fluxos, indicadores, Índice); "
        "a leitura para na primeira linha acima do limite.",
    )
    planilha_caracteres_max: int = Field(
        default=32_767,
        description="Caracteres aceitos numa célula de planilha ou CSV importado (o máximo do próprio Excel); "
        "a leitura para na primeira célula acima do limite.",
    )
    planilha_descompactada_max_mb: int = Field(
        default=300,
        description="Tamanho total, descompactado, das partes de um XLSX (ou de um anexo DOCX, ODT, ZIP...), "
        "conferido no diretório do ZIP antes de ler qualquer parte.",
    )
    planilha_razao_compactacao_max: int = Field(
        default=100,
        description="Quantas vezes uma parte de um arquivo ZIP (XLSX, DOCX, ZIP...) pode crescer ao ser "
        "descompactada; acima disso o arquivo é recusado como bomba de compressão.",
    )

    smtp_host: str = Field(
        default="",
        description="Servidor SMTP dos e-mails (lembretes de prazo, resumos semanais, avisos de devolução e "
        "aprovação). Vazio: e-mail desligado (o comando `lembretes enviar --simular` mostra o que iria).",
    )
    smtp_port: int = Field(default=587, description="Porta do servidor SMTP (587 com STARTTLS; 25 sem).")
    smtp_usuario: str = Field(default="", description="Usuário do SMTP; vazio: sem autenticação.")
    smtp_senha: SecretStr | None = Field(default=None, description="Senha do usuário do SMTP.")
    smtp_remetente: str = Field(
        default="", description="Endereço no campo De dos e-mails (ex.: Monitoramento PNAT <pnat@cnj.jus.br>)."
    )
    smtp_starttls: bool = Field(default=True, description="Cifra a conexão SMTP com STARTTLS antes de autenticar.")
    url_base: str = Field(
        default="",
        description="Endereço público do sistema (ex.: https://pnat.cnj.jus.br), início dos links nos e-mails.",
    )
    lembrete_dias_antes: int = Field(
        default=5, ge=0, description="Dias antes do prazo de envio em que o ponto focal recebe o lembrete (0: não)."
    )
    lembrete_dias_depois: str = Field(
        default="1,7",
        pattern=r"^\s*(\d+\s*(,\s*\d+\s*)*)?$",
        description="Dias depois do prazo vencido em que o ponto focal é lembrado de novo, separados por "
        "vírgula (só até a trava do período).",
    )
    resumo_dia_semana: int = Field(
        default=0,
        ge=0,
        le=6,
        description="Dia da semana do resumo do DMF e do CNMP (0 = segunda-feira … 6 = domingo).",
    )

    @property
    def eh_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def email_ligado(self) -> bool:
        """Há servidor SMTP, remetente e endereço para os links: os e-mails podem sair."""
        return bool(self.smtp_host.strip() and self.smtp_remetente.strip() and self.url_base.strip())

    @property
    def dias_depois_do_prazo(self) -> tuple[int, ...]:
        return tuple(sorted({int(x) for x in self.lembrete_dias_depois.split(",") if x.strip()}))


@lru_cache(maxsize=1)
def obter_config() -> Config:
    return Config()


def limpar_config() -> None:
    """Relê o ambiente na próxima chamada de `obter_config()` (usado pelos testes)."""
    obter_config.cache_clear()
