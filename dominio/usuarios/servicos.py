"""Contas locais (senha com Argon2id), login por OIDC casado por e-mail e
gestão de usuários pelo administrador."""

from __future__ import annotations

import functools
import json
import random
import time
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, func, select

from comum.validadores import validar_email
from core import acesso
from core.banco import sessao
from core.config import obter_config
from core.edicao import gravar, obter_na_sessao, obter_para_edicao
from core.erros import AcessoNegado, ErroValidacao, Problema
from core.relogio import agora_utc
from dominio.usuarios import sessoes
from models.unidades import EscritorioSocial, GrupoInterinstitucional
from models.usuarios import PAPEIS, Parametro, RegistroAuditoria, Usuario

_HASHER = PasswordHasher()
SENHA_MIN = 10
# parâmetro em que `python manage.py demo load` anota as contas de demonstração que criou
CHAVE_CONTAS_DEMO = "contas_demo"


@dataclass(frozen=True)
class ContaDemo:
    email: str
    senha: str
    papel: str


def contas_de_demonstracao() -> list[ContaDemo]:
    """Contas criadas pela carga de demonstração, como ela as anotou na tabela de parâmetros
    (`CHAVE_CONTAS_DEMO`): a página Entrar as mostra em modo de demonstração. As senhas são as
    conhecidas, publicadas com os dados fictícios; nenhuma existe numa implantação real (a carga
    exige `MODO_DEMO=true`). Sem a anotação, nenhuma."""
    with sessao() as s:
        p = s.get(Parametro, CHAVE_CONTAS_DEMO)
    if p is None or not p.valor:
        return []
    return [ContaDemo(c["email"], c["senha"], c["papel"]) for c in json.loads(p.valor)]


def gerar_hash(senha: str) -> str:
    return _HASHER.hash(senha)


def validar_senha(senha: str, campo: str = "senha") -> None:
    problemas = []
    if len(senha or "") < SENHA_MIN:
        problemas.append(Problema(campo, f"a senha deve ter pelo menos {SENHA_MIN} caracteres"))
    elif senha.isdigit() or senha.isalpha():
        problemas.append(Problema(campo, "a senha deve misturar letras e números ou símbolos"))
    if problemas:
        raise ErroValidacao(problemas)


class FalhaLogin(Exception):
    """Mensagem genérica para não revelar se o e-mail existe."""


def _refazer_se_concorrente(funcao):
    """Entradas simultâneas na mesma conta (na mesma réplica ou não) gravam o mesmo `Usuario`
    (último acesso, falhas) e a trava otimista recusa as que perdem a corrida com `StaleDataError`:
    cada uma relê a conta e refaz, com uma pequena espera aleatória, em vez de mostrar uma exceção
    na tela de login. A cada rodada ao menos uma vence, então 8 entradas simultâneas passam."""
    tentativas = 8

    @functools.wraps(funcao)
    def envolvida(*args, **kwargs):
        for tentativa in range(tentativas):
            try:
                return funcao(*args, **kwargs)
            except StaleDataError:
                if tentativa == tentativas - 1:
                    raise
                time.sleep(random.uniform(0, 0.02 * (tentativa + 1)))

    return envolvida


@_refazer_se_concorrente
def autenticar(email: str, senha: str) -> Usuario:
    """Confere e-mail e senha. Após falhas seguidas, bloqueia a conta por alguns minutos."""
    cfg = obter_config()
    email_n = (email or "").strip().lower()
    with sessao() as s:
        u = s.exec(select(Usuario).where(Usuario.email == email_n)).first()
        if u is None or not u.senha_hash:
            _HASHER.hash("tempo-constante")  # não revela pelo tempo se a conta existe
            raise FalhaLogin("E-mail ou senha incorretos.")
        agora = agora_utc()
        if u.bloqueado_ate and u.bloqueado_ate > agora:
            minutos = int((u.bloqueado_ate - agora).total_seconds() // 60) + 1
            raise FalhaLogin(f"Conta bloqueada por tentativas erradas. Tente de novo em {minutos} min.")
        try:
            _HASHER.verify(u.senha_hash, senha or "")
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            u.falhas_login += 1
            if u.falhas_login >= cfg.tentativas_login_max:
                u.bloqueado_ate = agora + timedelta(minutes=cfg.bloqueio_login_minutos)
                u.falhas_login = 0
            s.add(u)
            s.commit()
            raise FalhaLogin("E-mail ou senha incorretos.") from None
        if not u.ativo:
            raise FalhaLogin("Esta conta está desativada. Procure o administrador.")
        if _HASHER.check_needs_rehash(u.senha_hash):
            u.senha_hash = gerar_hash(senha)
        u.falhas_login = 0
        u.bloqueado_ate = None
        u.ultimo_acesso = agora
        s.add(u)
        return u


@_refazer_se_concorrente
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
        if u is None or not u.ativo:
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
        outro = s.exec(select(Usuario).where(Usuario.email == email)).first()
        if outro is not None and outro.id != usuario_id:
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
                validar_senha(senha)
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


# o que muda sozinho a cada entrada (`autenticar`), falha de senha ou troca de senha: não está no
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
    validar_senha(nova, "nova senha")
    with sessao(ator) as s:
        u = obter_na_sessao(s, Usuario, usuario_id, f"Usuário {usuario_id} não encontrado.")
        u.senha_hash = gerar_hash(nova)
        u.falhas_login = 0
        u.bloqueado_ate = None
        s.add(u)
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
        ok = False
        if u is not None and u.senha_hash:
            try:
                ok = _HASHER.verify(u.senha_hash, atual or "")
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                ok = False
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
