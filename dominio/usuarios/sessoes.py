"""Sessões de login no banco: início, troca do código pelo cookie, validação a cada execução,
encerramento (saída, troca de senha, administrador) e a lista das sessões ativas.

O navegador guarda o token num cookie HttpOnly; o banco guarda só o SHA-256 dele (quem lê o banco
não consegue se passar por ninguém). O token nunca passa por uma URL: o login cria a sessão com um
código de uso único (`VALIDADE_CODIGO`), que a rota do cookie (`web/sessao.py`) troca pelo token.
A sessão termina por ociosidade (`SESSAO_OCIOSA_MINUTOS`) ou pela idade (`SESSAO_MAXIMA_HORAS`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from core import acesso
from core.auditoria import definir_ator
from core.banco import sessao
from core.config import obter_config
from core.erros import ErroValidacao, Problema
from core.relogio import agora_utc
from models.sessoes import MOTIVOS_ENCERRAMENTO, ORIGENS_SESSAO, SessaoUsuario
from models.usuarios import Usuario

NOME_COOKIE = "pnat_sessao"
NOME_COOKIE_VINCULO = "pnat_vinculo"  # curto, só em /sessao: liga o código de uso único ao navegador do login
VALIDADE_CODIGO = timedelta(seconds=60)
# o último acesso é gravado no máximo uma vez por intervalo (cada clique roda a página de novo)
INTERVALO_ULTIMO_ACESSO = timedelta(seconds=60)
BYTES_SEGREDO = 32  # 256 bits
TAMANHO_AGENTE = 300


def resumo(segredo: str) -> str:
    """SHA-256 em hexadecimal do token ou do código: o que o banco guarda."""
    return hashlib.sha256(segredo.encode("utf-8")).hexdigest()


def _novo_segredo() -> str:
    return secrets.token_urlsafe(BYTES_SEGREDO)


def _limites() -> tuple[timedelta, timedelta]:
    """Prazos de ociosidade e de idade máxima da sessão, da configuração."""
    cfg = obter_config()
    return timedelta(minutes=cfg.sessao_ociosa_minutos), timedelta(hours=cfg.sessao_maxima_horas)


def _cliente(endereco: str | None, agente: str | None) -> tuple[str | None, str | None]:
    endereco = (endereco or "").strip()[:45] or None
    agente = (agente or "").strip()[:TAMANHO_AGENTE] or None
    return endereco, agente


def _do_token(s: Session, token: str) -> SessaoUsuario | None:
    """A sessão cujo cookie traz `token` (pelo resumo guardado no banco), valendo ou não."""
    return s.exec(select(SessaoUsuario).where(SessaoUsuario.token_hash == resumo(token))).first()


def _usuario_ativo(s: Session, reg: SessaoUsuario) -> Usuario | None:
    """A conta dona da sessão `reg`, se existe e está ativa; `None` senão."""
    usuario = s.get(Usuario, reg.usuario_id)
    return usuario if usuario is not None and usuario.ativo else None


def iniciar(
    usuario: Usuario, origem: str, *, vinculo: str, endereco: str | None = None, agente: str | None = None
) -> str:
    """Abre uma sessão para quem acabou de se autenticar (senha ou OIDC) e devolve o código de uso
    único, em claro, só desta vez; o banco guarda o SHA-256. A sessão ainda não vale: vale depois
    que `ativar` trocar o código pelo token do cookie, apresentando também o `vinculo` — um segredo
    que só o navegador em que o login aconteceu tem (`ui.aplicacao.sessao:abrir_sessao` o grava num cookie
    desse navegador). Assim, um link com o código de outra pessoa não faz ninguém entrar na conta
    dela sem perceber (login forjado)."""
    if origem not in ORIGENS_SESSAO:
        raise ValueError(origem)
    if not vinculo:
        raise ValueError("vinculo")
    if usuario is None or not usuario.ativo:
        raise ErroValidacao(Problema("sessão", "a conta não está ativa"))
    codigo = _novo_segredo()
    agora = agora_utc()
    ociosa, maxima = _limites()
    endereco, agente = _cliente(endereco, agente)
    with sessao(usuario) as s:
        s.add(
            SessaoUsuario(
                usuario_id=usuario.id,
                origem=origem,
                codigo_hash=resumo(codigo),
                codigo_expira_em=agora + VALIDADE_CODIGO,
                vinculo_hash=resumo(vinculo),
                ultimo_acesso=agora,
                expira_ociosa_em=agora + ociosa,
                expira_absoluta_em=agora + maxima,
                endereco=endereco,
                agente=agente,
            )
        )
    return codigo


def ativar(
    codigo: str | None, vinculo: str | None, *, endereco: str | None = None, agente: str | None = None
) -> str | None:
    """Troca o código de uso único pelo token do cookie (devolvido em claro, só aqui). `None` se o
    código não existe, já foi usado, passou da validade, não vem com o `vinculo` do navegador do
    login, a sessão foi encerrada ou a conta foi desativada — nada é gravado nesses casos."""
    if not codigo or not vinculo:
        return None
    agora = agora_utc()
    with sessao() as s:
        reg = s.exec(select(SessaoUsuario).where(SessaoUsuario.codigo_hash == resumo(codigo))).first()
        if reg is None or reg.encerrada_em is not None or reg.token_hash is not None:
            return None
        if reg.codigo_expira_em is None or reg.codigo_expira_em <= agora:
            return None
        if reg.vinculo_hash is None or not hmac.compare_digest(reg.vinculo_hash, resumo(vinculo)):
            return None
        usuario = _usuario_ativo(s, reg)
        if usuario is None:
            return None
        ociosa, _ = _limites()
        token = _novo_segredo()
        endereco, agente = _cliente(endereco, agente)
        reg.token_hash = resumo(token)
        reg.codigo_hash = None
        reg.codigo_expira_em = None
        reg.vinculo_hash = None
        reg.ultimo_acesso = agora
        reg.expira_ociosa_em = min(agora + ociosa, reg.expira_absoluta_em)
        reg.endereco = endereco or reg.endereco
        reg.agente = agente or reg.agente
        definir_ator(s, usuario)  # a trilha registra a própria pessoa
        s.add(reg)
    return token


@dataclass(frozen=True)
class SessaoValida:
    id: int
    usuario: Usuario
    origem: str


def _valida(reg: SessaoUsuario | None, agora: datetime) -> bool:
    return (
        reg is not None
        and reg.encerrada_em is None
        and reg.token_hash is not None
        and agora < reg.expira_ociosa_em
        and agora < reg.expira_absoluta_em
    )


def validar(token: str | None) -> SessaoValida | None:
    """A sessão do cookie, se ainda vale (não encerrada, nem ociosa demais, nem velha demais, com a
    conta ativa); `None` senão. Renova o prazo de ociosidade no máximo uma vez por
    `INTERVALO_ULTIMO_ACESSO` — essa atualização de “visto por último” é a única gravação da
    tabela que não vai para a trilha de auditoria (seria uma linha por minuto de uso)."""
    if not token:
        return None
    agora = agora_utc()
    with sessao() as s:
        reg = _do_token(s, token)
        if not _valida(reg, agora):
            return None
        usuario = _usuario_ativo(s, reg)
        if usuario is None:
            return None
        if agora - reg.ultimo_acesso >= INTERVALO_ULTIMO_ACESSO:
            ociosa, _ = _limites()
            tabela = SessaoUsuario.__table__
            s.connection().execute(
                update(tabela)
                .where(tabela.c.id == reg.id, tabela.c.encerrada_em.is_(None))
                .values(ultimo_acesso=agora, expira_ociosa_em=min(agora + ociosa, reg.expira_absoluta_em))
            )
        return SessaoValida(reg.id, usuario, reg.origem)


def origem(token: str | None) -> str | None:
    """Como foi aberta a sessão do cookie (`senha` ou `oidc`), esteja ela valendo ou não; `None`
    para um token desconhecido."""
    if not token:
        return None
    with sessao() as s:
        return s.exec(select(SessaoUsuario.origem).where(SessaoUsuario.token_hash == resumo(token))).first()


def _encerrar(reg: SessaoUsuario, motivo: str, agora: datetime, por: int | None = None) -> None:
    if motivo not in MOTIVOS_ENCERRAMENTO:
        raise ValueError(motivo)
    reg.encerrada_em = agora
    reg.motivo_encerramento = motivo
    reg.encerrada_por_id = por
    reg.codigo_hash = None
    reg.codigo_expira_em = None
    reg.vinculo_hash = None


def sair(token: str | None) -> bool:
    """Encerra no servidor a sessão do cookie (o botão Sair): o cookie antigo deixa de valer em
    todas as réplicas. Devolve se havia uma sessão ativa."""
    if not token:
        return False
    agora = agora_utc()
    with sessao() as s:
        reg = _do_token(s, token)
        if reg is None or reg.encerrada_em is not None:
            return False
        usuario = s.get(Usuario, reg.usuario_id)
        if usuario is not None:
            definir_ator(s, usuario)
        _encerrar(reg, "saida", agora)
        s.add(reg)
    return True


def encerrar_do_usuario(s: Session, usuario_id: int, motivo: str, *, por: int | None = None) -> int:
    """Encerra, na transação `s` de quem chama, todas as sessões ainda abertas (ou por ativar) do
    usuário — usada quando a senha muda (`dominio.usuarios.servicos:definir_senha`). Devolve
    quantas encerrou."""
    agora = agora_utc()
    abertas = s.exec(
        select(SessaoUsuario).where(SessaoUsuario.usuario_id == usuario_id, SessaoUsuario.encerrada_em.is_(None))
    ).all()
    for reg in abertas:
        _encerrar(reg, motivo, agora, por)
        s.add(reg)
    return len(abertas)


@dataclass(frozen=True)
class SessaoAtiva:
    id: int
    usuario_id: int
    nome: str
    email: str
    origem: str
    criada_em: datetime
    ultimo_acesso: datetime
    expira_em: datetime
    endereco: str | None
    agente: str | None


def listar_ativas(ator: Usuario) -> list[SessaoAtiva]:
    """Sessões que ainda valem (com cookie emitido, não encerradas nem expiradas, de conta ativa), da
    atividade mais recente para a mais antiga. Só o administrador (`usuarios.gerir`)."""
    acesso.exigir(ator, acesso.USUARIOS_GERIR)
    agora = agora_utc()
    with sessao(ator) as s:
        linhas = s.exec(
            select(SessaoUsuario, Usuario)
            .join(Usuario, Usuario.id == SessaoUsuario.usuario_id)
            .where(
                SessaoUsuario.encerrada_em.is_(None),
                SessaoUsuario.token_hash.is_not(None),
                SessaoUsuario.expira_ociosa_em > agora,
                SessaoUsuario.expira_absoluta_em > agora,
                Usuario.ativo == True,  # noqa: E712 - conta desativada não tem sessão que valha
            )
            .order_by(SessaoUsuario.ultimo_acesso.desc(), SessaoUsuario.id.desc())
        ).all()
    return [
        SessaoAtiva(
            reg.id,
            u.id,
            u.nome,
            u.email,
            reg.origem,
            reg.criado_em,
            reg.ultimo_acesso,
            min(reg.expira_ociosa_em, reg.expira_absoluta_em),
            reg.endereco,
            reg.agente,
        )
        for reg, u in linhas
    ]


def encerrar_sessao(ator: Usuario, sessao_id: int) -> None:
    """O administrador encerra uma sessão: o cookie dela deixa de valer na próxima execução da
    página, em qualquer réplica. Fica na trilha de auditoria com quem encerrou."""
    acesso.exigir(ator, acesso.USUARIOS_GERIR)
    with sessao(ator) as s:
        reg = s.get(SessaoUsuario, sessao_id)
        if reg is None:
            raise ErroValidacao(Problema("sessão", f"a sessão {sessao_id} não existe"))
        if reg.encerrada_em is not None:
            raise ErroValidacao(Problema("sessão", "esta sessão já estava encerrada"))
        _encerrar(reg, "administrador", agora_utc(), ator.id)
        s.add(reg)
