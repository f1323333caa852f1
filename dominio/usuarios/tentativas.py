"""Freio de tentativas de entrada por senha: esperas que crescem com as falhas recentes, contadas
no banco (tabela `tentativa_login`, comum a todas as réplicas), em três medidas:

- **conta e endereço**: quem erra a senha de uma conta a partir de um endereço passa a esperar
  1 s, 2 s, 4 s… (até `login_espera_maxima_segundos`) depois de `login_falhas_sem_espera` falhas;
- **endereço**: um endereço que erra muitas senhas, de quaisquer contas (inclusive inexistentes),
  espera depois de `login_falhas_sem_espera_endereco` falhas;
- **conta**: falhas vindas de muitos endereços contra a mesma conta também atrasam, mas não a
  partir de um endereço de onde a pessoa já entrou nos últimos `DIAS_ENDERECO_CONHECIDO` dias: um
  atacante consegue atrasar quem tenta de um lugar novo, nunca trancar a pessoa fora de vez.

Não há bloqueio: cada espera tem fim, a pessoa vê quanto falta e a senha certa entra depois dela.
As contas são feitas pelo e-mail digitado, exista a conta ou não, de modo que o freio se comporta
igual para um e-mail cadastrado e para um desconhecido (não revela quais existem). As falhas
contam só depois do último acerto da conta e dentro da janela `login_janela_minutos`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert
from sqlmodel import Session, select

from core.config import Config
from models.usuarios import TentativaLogin

DIAS_ENDERECO_CONHECIDO = 30
RETENCAO = timedelta(days=DIAS_ENDERECO_CONHECIDO)  # linhas mais antigas são apagadas
SEM_ENDERECO = "desconhecido"
_T = TentativaLogin


def chave_email(email: str | None) -> str:
    """O e-mail como a conta o guarda (sem espaços nas pontas, minúsculo), no tamanho da coluna."""
    return (email or "").strip().lower()[:254]


def endereco_do_cliente(ip_conexao: str | None, cabecalhos, cfg: Config) -> str:
    """O endereço do cliente para o freio.

    Sem proxy (padrão), o da conexão (`st.context.ip_address`, que o Streamlit dá como None para
    127.0.0.1 e ::1). Atrás de um proxy reverso, o cabeçalho configurado em
    `ENDERECO_CLIENTE_CABECALHO` (ex.: `X-Forwarded-For`), lido da direita para a esquerda: o
    item de posição `PROXIES_CONFIAVEIS` a partir do fim é o que o último proxy confiável viu
    (os da esquerda o cliente pode ter inventado). Só configure o cabeçalho se todo acesso passa
    pelo proxy, que o reescreve."""
    if cfg.endereco_cliente_cabecalho:
        valor = (cabecalhos or {}).get(cfg.endereco_cliente_cabecalho) or ""
        itens = [x.strip() for x in valor.split(",") if x.strip()]
        n = max(1, cfg.proxies_confiaveis)
        if len(itens) >= n:
            return itens[-n][:64]
    return (ip_conexao or SEM_ENDERECO)[:64]


def espera_por_falhas(falhas: int, sem_espera: int, maxima_s: int) -> int:
    """Segundos de espera depois da última falha: nenhuma até `sem_espera` falhas; depois 1, 2,
    4, 8… dobrando a cada falha, até `maxima_s`."""
    if falhas < sem_espera:
        return 0
    return min(2 ** min(falhas - sem_espera, 30), maxima_s)


@dataclass(frozen=True)
class _Contagem:
    falhas: int
    ultima: datetime | None


def _contar(s: Session, *filtros) -> _Contagem:
    n, ultima = s.exec(select(func.count(), func.max(_T.momento)).where(_T.sucesso == False, *filtros)).one()  # noqa: E712
    return _Contagem(n, ultima)


def _ultimo_acerto(s: Session, *filtros) -> datetime | None:
    return s.exec(select(func.max(_T.momento)).where(_T.sucesso == True, *filtros)).one()  # noqa: E712


def segundos_de_espera(s: Session, email: str, endereco: str, agora: datetime, cfg: Config) -> int:
    """Quanto falta (em segundos inteiros, arredondados para cima) para esta conta poder tentar
    deste endereço; 0 se já pode."""
    janela = agora - timedelta(minutes=cfg.login_janela_minutos)
    acerto = _ultimo_acerto(s, _T.email == email)
    desde = max(janela, acerto) if acerto else janela
    medidas = [
        (_contar(s, _T.email == email, _T.endereco == endereco, _T.momento > desde), cfg.login_falhas_sem_espera)
    ]
    if endereco == SEM_ENDERECO:
        # sem endereço (conexões locais, ou um proxy sem ENDERECO_CLIENTE_CABECALHO) todos os clientes
        # parecem um só: a medida por endereço faria um atacante atrasar todo mundo, e não há
        # “endereço conhecido”; fica a medida por conta, que as duas outras já contêm
        conhecido = None
    else:
        medidas.append((_contar(s, _T.endereco == endereco, _T.momento > janela), cfg.login_falhas_sem_espera_endereco))
        conhecido = _ultimo_acerto(s, _T.email == email, _T.endereco == endereco, _T.momento > agora - RETENCAO)
    if conhecido is None:
        medidas.append((_contar(s, _T.email == email, _T.momento > desde), 2 * cfg.login_falhas_sem_espera))
    falta = 0.0
    for contagem, sem_espera in medidas:
        espera = espera_por_falhas(contagem.falhas, sem_espera, cfg.login_espera_maxima_segundos)
        if espera and contagem.ultima is not None:
            falta = max(falta, (contagem.ultima + timedelta(seconds=espera) - agora).total_seconds())
    return max(0, int(-(-falta // 1)))


def registrar(s: Session, email: str, endereco: str, sucesso: bool, agora: datetime) -> None:
    """Anota a tentativa (pela conexão, fora da trilha de auditoria); num acerto, apaga as linhas
    mais antigas que `RETENCAO`."""
    conexao = s.connection()
    conexao.execute(insert(_T.__table__).values(momento=agora, email=email, endereco=endereco, sucesso=sucesso))
    if sucesso:
        conexao.execute(delete(_T.__table__).where(_T.__table__.c.momento < agora - RETENCAO))


def esquecer_falhas(s: Session, email: str) -> None:
    """Apaga as falhas da conta (senha redefinida pelo administrador: a espera acaba)."""
    s.connection().execute(
        delete(_T.__table__).where(_T.__table__.c.email == email, _T.__table__.c.sucesso == False)  # noqa: E712
    )
