"""Contas locais (senha com Argon2id), login por OIDC casado por e-mail e
gestão de usuários pelo administrador."""

from __future__ import annotations

import functools
import json
import logging
import os
import random
import threading
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, func, select

from comum.validadores import validar_email
from core import acesso
from core.banco import repetir_se_ocupado, sessao
from core.config import obter_config
from core.edicao import gravar, obter_na_sessao, obter_para_edicao, repetido
from core.erros import AcessoNegado, ErroValidacao, Problema
from core.relogio import agora_utc
from dominio.usuarios import senhas, sessoes, tentativas
from models.unidades import EscritorioSocial, GrupoInterinstitucional
from models.usuarios import PAPEIS, Parametro, RegistroAuditoria, Usuario

log = logging.getLogger(__name__)

_HASHER = PasswordHasher()
# Cada cálculo do Argon2id ocupa `memory_cost` de memória (64 MiB no perfil padrão do argon2-cffi, o
# de pouca memória da RFC 9106) e solta o GIL: as entradas simultâneas somavam memória (512 MB vivos
# no pico do benchmark de 10 sessões, perfil do memray em docs/desempenho.md) — e uma
# enxurrada de tentativas de login podia esgotar a memória da réplica. Mais cálculos simultâneos que
# núcleos não terminam antes (é trabalho de CPU): os demais esperam a vez, poucos milissegundos cada.
ARGON2_SIMULTANEOS = max(1, min(4, os.cpu_count() or 1))
_VAGAS_ARGON2 = threading.BoundedSemaphore(ARGON2_SIMULTANEOS)
# parâmetro em que `python manage.py demo load` anota as contas de demonstração que criou
CHAVE_CONTAS_DEMO = "contas_demo"
MENSAGEM_FALHA = "E-mail ou senha incorretos."


@dataclass(frozen=True)
class ContaDemo:
    email: str
    senha: str
    papel: str


def contas_de_demonstracao() -> list[ContaDemo]:
    """Contas criadas pela carga de demonstração, como ela as anotou na tabela de parâmetros
    (`CHAVE_CONTAS_DEMO`): a página Entrar as mostra em modo de demonstração. As senhas são as
    conhecidas, publicadas com os dados fictícios; fora do modo de demonstração essas contas não
    entram (`autenticar`, `carregar`) e são desativadas na partida
    (`desativar_contas_demo_fora_do_modo_demo`). Sem a anotação, nenhuma."""
    with sessao() as s:
        return _contas_demo(s)


def _contas_demo(s: Session) -> list[ContaDemo]:
    p = s.get(Parametro, CHAVE_CONTAS_DEMO)
    if p is None or not p.valor:
        return []
    return [ContaDemo(c["email"], c["senha"], c["papel"]) for c in json.loads(p.valor)]


def _eh_demo_fora_do_modo(s: Session, u: Usuario) -> bool:
    return not obter_config().modo_demo and u.email in {c.email for c in _contas_demo(s)}


def gerar_hash(senha: str) -> str:
    with _VAGAS_ARGON2:
        return _HASHER.hash(senha)


def validar_senha(senha: str, email: str | None = None, campo: str = "senha") -> None:
    """A política de senhas (`dominio.usuarios.senhas`), conferida sempre que uma senha é definida."""
    senhas.validar_senha(senha, email, campo)


@functools.cache
def _hash_ficticio() -> str:
    """Hash Argon2 de uma senha que nenhuma conta tem, com os mesmos parâmetros dos reais."""
    return gerar_hash("conta inexistente: só para gastar o mesmo tempo")


def senha_confere(senha_hash: str | None, senha: str) -> bool:
    """Confere a senha com Argon2; sem conta (ou conta só OIDC), confere contra o hash fictício,
    para que a resposta leve o mesmo tempo e não revele se o e-mail tem conta."""
    referencia = senha_hash or _hash_ficticio()
    try:
        with _VAGAS_ARGON2:
            _HASHER.verify(referencia, senha or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return senha_hash is not None


class FalhaLogin(Exception):
    """Entrada recusada; a mensagem é para a tela e não revela se o e-mail existe."""


class EsperaLogin(FalhaLogin):
    """Tentativas erradas demais: a próxima só depois de `segundos`."""

    def __init__(self, segundos: int):
        self.segundos = segundos
        quando = "1 segundo" if segundos == 1 else f"{segundos} segundos"
        super().__init__(
            f"Muitas tentativas sem sucesso. Aguarde {quando} e tente de novo. "
            "Se esqueceu a senha, peça ao administrador que a redefina."
        )


def _refazer_se_concorrente(funcao):
    """Entradas simultâneas na mesma conta (na mesma réplica ou não) gravam o mesmo `Usuario`
    (último acesso) e a trava otimista recusa as que perdem a corrida com `StaleDataError`:
    cada uma relê a conta e refaz, com uma pequena espera aleatória, em vez de mostrar uma exceção
    na tela de login. A cada rodada ao menos uma vence, então 8 entradas simultâneas passam."""
    tentativas_max = 8

    @functools.wraps(funcao)
    def envolvida(*args, **kwargs):
        for tentativa in range(tentativas_max):
            try:
                return funcao(*args, **kwargs)
            except StaleDataError:
                if tentativa == tentativas_max - 1:
                    raise
                time.sleep(random.uniform(0, 0.02 * (tentativa + 1)))

    return envolvida


@repetir_se_ocupado()
@_refazer_se_concorrente
def autenticar(email: str, senha: str, endereco: str | None = None) -> Usuario:
    """Confere e-mail e senha vindos de `endereco` (o do cliente; ver
    `dominio.usuarios.tentativas:endereco_do_cliente`).

    Falhas recentes pedem espera antes da próxima tentativa (`dominio.usuarios.tentativas`), sem
    bloquear a conta. E-mail desconhecido e senha errada dão a mesma mensagem, no mesmo tempo (a
    senha é conferida contra um hash fictício) e contam igual para o freio. Conta desativada, ou de
    demonstração fora do modo de demonstração, só é informada a quem acertou a senha."""
    cfg = obter_config()
    chave = tentativas.chave_email(email)
    endereco = (endereco or tentativas.SEM_ENDERECO)[:64]
    with sessao() as s:
        agora = agora_utc()
        espera = tentativas.segundos_de_espera(s, chave, endereco, agora, cfg)
        if espera:
            raise EsperaLogin(espera)
        u = s.exec(select(Usuario).where(Usuario.email == chave)).first() if chave else None
        if not senha_confere(u.senha_hash if u else None, senha):
            tentativas.registrar(s, chave, endereco, False, agora)
            s.commit()
            log.info("senha errada ou conta inexistente: e-mail %r, endereço %s", chave[:80], endereco)
            raise FalhaLogin(MENSAGEM_FALHA)
        if not u.ativo:
            raise FalhaLogin("Esta conta está desativada. Procure o administrador.")
        if _eh_demo_fora_do_modo(s, u):
            log.warning("conta de demonstração %s recusada: o sistema não está em modo de demonstração", u.email)
            raise FalhaLogin(
                "Esta é uma conta de demonstração, e o sistema não está em modo de demonstração: ela não entra. "
                "Use a sua conta (o administrador a cria)."
            )
        if _HASHER.check_needs_rehash(u.senha_hash):
            u.senha_hash = gerar_hash(senha)
        u.ultimo_acesso = agora
        s.add(u)
        tentativas.registrar(s, chave, endereco, True, agora)
        return u


def desativar_contas_demo_fora_do_modo_demo() -> list[str]:
    """Na partida sem `MODO_DEMO`: desativa as contas de demonstração ativas (as senhas delas são
    públicas), com registro na trilha, e avisa no log. Devolve os e-mails desativados agora. Em
    modo de demonstração, nada."""
    if obter_config().modo_demo:
        return []
    with sessao() as s:
        emails = {c.email for c in _contas_demo(s)}
        ativas = list(s.exec(select(Usuario).where(Usuario.email.in_(emails), Usuario.ativo == True))) if emails else []  # noqa: E712
        for u in ativas:
            u.ativo = False
            s.add(u)
    if ativas:
        log.warning(
            "MODO_DEMO desligado: %d conta(s) de demonstração desativada(s) (senhas públicas): %s",
            len(ativas),
            ", ".join(u.email for u in ativas),
        )
    return [u.email for u in ativas]


def contas_demo_no_banco(ator: Usuario) -> list[Usuario]:
    """As contas de demonstração que existem no banco (para o aviso da página Usuários)."""
    acesso.exigir(ator, acesso.USUARIOS_GERIR)
    with sessao(ator) as s:
        emails = {c.email for c in _contas_demo(s)}
        if not emails:
            return []
        return list(s.exec(select(Usuario).where(Usuario.email.in_(emails)).order_by(Usuario.email)))


def usuario_por_email_oidc(email: str | None) -> Usuario:
    """Login institucional (OIDC): só entra quem já tem `Usuario` ativo com o e-mail."""
    email_n = (email or "").strip().lower()
    with sessao() as s:
        u = s.exec(select(Usuario).where(Usuario.email == email_n)).first() if email_n else None
        if u is None or not u.ativo:
            raise FalhaLogin(
                f"O e-mail {email_n or '(não informado)'} não tem acesso a este sistema. Peça ao administrador o cadastro."
            )
        u.ultimo_acesso = agora_utc()
        s.add(u)
        return u


def carregar(usuario_id: int | None) -> Usuario | None:
    """Recarrega o usuário a cada execução da página: desativação vale na hora."""
    if usuario_id is None:
        return None
    with sessao() as s:
        u = s.get(Usuario, usuario_id)
        if u is None or not u.ativo or _eh_demo_fora_do_modo(s, u):
            return None
        return u


@dataclass
class DadosUsuario:
    nome: str
    email: str
    papel: str
    grupo_id: int | None = None
    escritorio_id: int | None = None
    ativo: bool = True


def _validar_dados(s: Session, dados: DadosUsuario, usuario_id: int | None) -> DadosUsuario:
    problemas: list[Problema] = []
    nome = (dados.nome or "").strip()
    if not nome:
        problemas.append(Problema("nome", "informe o nome"))
    try:
        email = validar_email(dados.email)
        if repetido(s, Usuario, usuario_id, Usuario.email == email):
            problemas.append(Problema("e-mail", f"já existe um usuário com o e-mail {email}"))
    except ValueError as exc:
        email = dados.email
        problemas.append(Problema("e-mail", str(exc)))
    if dados.papel not in PAPEIS:
        problemas.append(Problema("papel", f"papel “{dados.papel}” não existe; use um de: {', '.join(PAPEIS)}"))
    grupo_id, escritorio_id = dados.grupo_id, dados.escritorio_id
    if dados.papel == acesso.PONTO_FOCAL:
        if (grupo_id is None) == (escritorio_id is None):
            problemas.append(Problema("escopo", "ponto focal deve responder por exatamente um Grupo ou um Escritório"))
        elif grupo_id is not None and s.get(GrupoInterinstitucional, grupo_id) is None:
            problemas.append(Problema("escopo", f"Grupo Interinstitucional {grupo_id} não existe"))
        elif escritorio_id is not None and s.get(EscritorioSocial, escritorio_id) is None:
            problemas.append(Problema("escopo", f"Escritório Social {escritorio_id} não existe"))
    else:
        grupo_id = escritorio_id = None
    if problemas:
        raise ErroValidacao(problemas)
    return DadosUsuario(nome, email, dados.papel, grupo_id, escritorio_id, dados.ativo)


def criar_usuario(ator: Usuario | None, dados: DadosUsuario, senha: str | None, *, sistema: bool = False) -> Usuario:
    """Inclui um usuário. `sistema=True` só para a CLI do operador (sem ator)."""
    if not sistema:
        acesso.exigir(ator, acesso.USUARIOS_GERIR)
    with sessao(ator) as s:
        problemas: list[Problema] = []
        try:
            d = _validar_dados(s, dados, None)
        except ErroValidacao as exc:
            problemas += exc.problemas
        if senha is not None:
            try:
                validar_senha(senha, dados.email)
            except ErroValidacao as exc:
                problemas += exc.problemas
        if problemas:
            raise ErroValidacao(problemas)
        u = Usuario(
            nome=d.nome,
            email=d.email,
            papel=d.papel,
            grupo_id=d.grupo_id,
            escritorio_id=d.escritorio_id,
            ativo=d.ativo,
            senha_hash=gerar_hash(senha) if senha else None,
        )
        s.add(u)
        s.flush()
        return u


# o que muda sozinho a cada entrada (`autenticar`) ou troca de senha: não está no
# formulário do administrador, então não o torna desatualizado
CAMPOS_DE_ACESSO = frozenset(
    {"ultimo_acesso", "falhas_login", "bloqueado_ate", "senha_hash", "versao", "atualizado_em"}
)


def _so_acessos_desde(s: Session, u: Usuario, versao: int) -> bool:
    """Desde a `versao` aberta no formulário, a conta só mudou pelos acessos da própria pessoa
    (entradas, falhas, senha)? Lê as alterações da trilha de auditoria posteriores à versão."""
    linhas = s.exec(
        select(RegistroAuditoria.depois)
        .where(
            RegistroAuditoria.entidade == Usuario.__tablename__,
            RegistroAuditoria.entidade_id == str(u.id),
            RegistroAuditoria.acao == "alteracao",
        )
        .order_by(RegistroAuditoria.id.desc())
    )
    vistas = set()
    for depois in linhas:
        v = (depois or {}).get("versao")
        if v is None or v <= versao:
            break
        if set(depois) - CAMPOS_DE_ACESSO:
            return False
        vistas.add(v)
    return vistas == set(range(versao + 1, u.versao + 1))  # cada versão intermediária explicada


def alterar_usuario(ator: Usuario, usuario_id: int, versao: int, dados: DadosUsuario) -> Usuario:
    """Altera nome, e-mail, perfil, unidade e situação. Conflito só se outra pessoa mudou a conta
    depois que o formulário foi aberto; a entrada da própria pessoa nesse meio-tempo (que grava o
    último acesso e sobe a versão) não conta (`_so_acessos_desde`)."""
    acesso.exigir(ator, acesso.USUARIOS_GERIR)
    with sessao(ator) as s:
        u = s.get(Usuario, usuario_id)
        if u is not None and u.versao != versao and _so_acessos_desde(s, u, versao):
            versao = u.versao
        u = obter_para_edicao(s, Usuario, usuario_id, versao, "Este usuário")
        d = _validar_dados(s, dados, usuario_id)
        if u.id == ator.id and (not d.ativo or d.papel != acesso.ADMIN):
            raise ErroValidacao(Problema("papel", "você não pode retirar o próprio acesso de administrador"))
        u.nome, u.email, u.papel = d.nome, d.email, d.papel
        u.grupo_id, u.escritorio_id, u.ativo = d.grupo_id, d.escritorio_id, d.ativo
        s.add(u)
        gravar(s, "Este usuário")
        return u


def definir_senha(ator: Usuario | None, usuario_id: int, nova: str, *, sistema: bool = False) -> None:
    """O administrador redefine a senha de qualquer um; cada usuário, a própria. Na mesma
    transação, todas as sessões de login abertas da conta terminam (quem sabia a senha antiga
    não continua dentro); quem trocou a própria senha recebe uma sessão nova pela página."""
    if not sistema and (ator is None or ator.id != usuario_id):
        acesso.exigir(ator, acesso.USUARIOS_GERIR)
    with sessao(ator) as s:
        u = obter_na_sessao(s, Usuario, usuario_id, f"Usuário {usuario_id} não encontrado.")
        validar_senha(nova, u.email, "nova senha")
        u.senha_hash = gerar_hash(nova)
        s.add(u)
        tentativas.esquecer_falhas(s, u.email)
        propria = ator is not None and ator.id == usuario_id
        sessoes.encerrar_do_usuario(
            s,
            usuario_id,
            "troca_senha" if propria else "senha_redefinida",
            por=None if propria else getattr(ator, "id", None),
        )


def trocar_propria_senha(ator: Usuario, atual: str, nova: str, confirmacao: str) -> None:
    if ator is None:
        raise AcessoNegado("É preciso entrar no sistema para trocar a senha.")
    with sessao() as s:
        u = s.get(Usuario, ator.id)
        ok = u is not None and senha_confere(u.senha_hash, atual)
    if not ok:
        raise ErroValidacao(Problema("senha atual", "a senha atual não confere"))
    if nova != confirmacao:
        raise ErroValidacao(Problema("confirmação", "a confirmação é diferente da nova senha"))
    definir_senha(ator, ator.id, nova)


def listar_usuarios(ator: Usuario) -> list[Usuario]:
    acesso.exigir(ator, acesso.USUARIOS_GERIR)
    with sessao(ator) as s:
        return list(s.exec(select(Usuario).order_by(Usuario.nome)))


def pontos_focais(*, grupo_id: int | None = None, escritorio_id: int | None = None) -> list[Usuario]:
    with sessao() as s:
        q = select(Usuario).where(Usuario.papel == acesso.PONTO_FOCAL, Usuario.ativo == True)  # noqa: E712
        if grupo_id is not None:
            q = q.where(Usuario.grupo_id == grupo_id)
        if escritorio_id is not None:
            q = q.where(Usuario.escritorio_id == escritorio_id)
        return list(s.exec(q.order_by(Usuario.nome)))


def contar_usuarios() -> int:
    with sessao() as s:
        return s.exec(select(func.count()).select_from(Usuario)).one()
