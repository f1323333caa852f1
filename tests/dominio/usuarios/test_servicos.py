"""Contas: senha com Argon2id, OIDC casado por e-mail, gestão só pelo administrador, escopo do
ponto focal, contas de demonstração só em modo de demonstração. O freio de tentativas está em
test_tentativas.py; a política de senhas, em test_senhas.py."""

from __future__ import annotations

import threading
import time

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from sqlmodel import select

from core.banco import sessao
from core.erros import AcessoNegado, ConflitoEdicao, ErroValidacao
from demo.demonstracao import USUARIOS_DEMO
from dominio.usuarios import servicos as usuarios
from dominio.usuarios.servicos import DadosUsuario, FalhaLogin
from models.usuarios import Parametro, RegistroAuditoria, Usuario


def auditoria_de(entidade: str, entidade_id: str) -> list[RegistroAuditoria]:
    with sessao() as s:
        return list(
            s.exec(
                select(RegistroAuditoria)
                .where(RegistroAuditoria.entidade == entidade, RegistroAuditoria.entidade_id == entidade_id)
                .order_by(RegistroAuditoria.id)
            )
        )


def test_login_com_senha_certa_e_hash_argon2(banco_limpo):
    u = usuarios.autenticar("  DMF@demo.pnat.jus.br ", "Demo-Dmf-2023")
    assert u.papel == "dmf" and u.ultimo_acesso is not None
    with sessao() as s:
        assert s.get(Usuario, u.id).senha_hash.startswith("$argon2id$")


def test_conta_desativada_nao_entra(demo_usuarios, banco_limpo):
    admin = demo_usuarios["admin"]
    cnmp = demo_usuarios["cnmp"]
    usuarios.alterar_usuario(admin, cnmp.id, cnmp.versao, DadosUsuario(cnmp.nome, cnmp.email, "cnmp", ativo=False))
    with pytest.raises(FalhaLogin, match="desativada"):
        usuarios.autenticar(cnmp.email, "Demo-Comissao-2023")
    assert usuarios.carregar(cnmp.id) is None  # sessão aberta perde o acesso na próxima execução


def test_oidc_so_para_email_cadastrado_e_ativo(demo_usuarios):
    assert usuarios.usuario_por_email_oidc("CNMP@demo.pnat.jus.br").id == demo_usuarios["cnmp"].id
    with pytest.raises(FalhaLogin, match="não tem acesso a este sistema"):
        usuarios.usuario_por_email_oidc("desconhecido@mpf.mp.br")
    with pytest.raises(FalhaLogin):
        usuarios.usuario_por_email_oidc(None)


@pytest.mark.parametrize("perfil", ["dmf", "cnmp", "pf_grupo", "pf_escritorio"])
def test_so_admin_gere_usuarios(perfil, demo_usuarios, banco_limpo):
    with pytest.raises(AcessoNegado, match="não pode gerir usuários"):
        usuarios.criar_usuario(
            demo_usuarios[perfil], DadosUsuario("X", "x@cnj.jus.br", "admin"), "Frase-Longa-de-Teste-1"
        )
    with pytest.raises(AcessoNegado):
        usuarios.listar_usuarios(demo_usuarios[perfil])
    with pytest.raises(AcessoNegado):
        usuarios.definir_senha(demo_usuarios[perfil], demo_usuarios["admin"].id, "Frase-Longa-de-Teste-1")
    with sessao() as s:
        assert s.exec(select(Usuario).where(Usuario.email == "x@cnj.jus.br")).first() is None


def test_validacao_de_usuario_em_portugues(demo_usuarios, banco_limpo):
    admin = demo_usuarios["admin"]
    with pytest.raises(ErroValidacao) as exc:
        usuarios.criar_usuario(admin, DadosUsuario("", "sem-arroba", "ponto_focal"), "curta")
    msgs = {p.campo: p.mensagem for p in exc.value.problemas}
    assert msgs["nome"] == "informe o nome"
    assert msgs["e-mail"] == "e-mail “sem-arroba” inválido"
    assert "exatamente um Grupo ou um Escritório" in msgs["escopo"]
    assert "pelo menos 12 caracteres" in msgs["senha"]
    with pytest.raises(ErroValidacao, match="já existe um usuário com o e-mail dmf@demo.pnat.jus.br"):
        usuarios.criar_usuario(admin, DadosUsuario("Y", "DMF@demo.pnat.jus.br", "dmf"), None)


def test_ponto_focal_com_escopo_e_admin_sem(demo_usuarios, banco_limpo):
    admin, pf = demo_usuarios["admin"], demo_usuarios["pf_grupo"]
    u = usuarios.criar_usuario(
        admin, DadosUsuario("Focal BA", "focal.ba@tjba.jus.br", "ponto_focal", grupo_id=pf.grupo_id), None
    )
    assert u.grupo_id == pf.grupo_id and u.senha_hash is None  # só OIDC
    # escopo informado para quem não é ponto focal é descartado
    v = usuarios.criar_usuario(admin, DadosUsuario("Dmf 2", "dmf2@cnj.jus.br", "dmf", grupo_id=pf.grupo_id), None)
    assert v.grupo_id is None


def test_admin_nao_retira_o_proprio_acesso_e_conflito_de_versao(demo_usuarios, banco_limpo):
    admin = demo_usuarios["admin"]
    with pytest.raises(ErroValidacao, match="próprio acesso de administrador"):
        usuarios.alterar_usuario(admin, admin.id, admin.versao, DadosUsuario(admin.nome, admin.email, "dmf"))
    cnmp = demo_usuarios["cnmp"]
    usuarios.alterar_usuario(admin, cnmp.id, cnmp.versao, DadosUsuario("Novo Nome", cnmp.email, "cnmp"))
    with pytest.raises(ConflitoEdicao):
        usuarios.alterar_usuario(admin, cnmp.id, cnmp.versao, DadosUsuario("Outro Nome", cnmp.email, "cnmp"))


def test_troca_da_propria_senha(demo_usuarios, banco_limpo):
    cnmp = demo_usuarios["cnmp"]
    with pytest.raises(ErroValidacao, match="a senha atual não confere"):
        usuarios.trocar_propria_senha(cnmp, "errada", "Nova-Senha-2026", "Nova-Senha-2026")
    with pytest.raises(ErroValidacao, match="confirmação"):
        usuarios.trocar_propria_senha(cnmp, "Demo-Comissao-2023", "Nova-Senha-2026", "Nova-Senha-2027")
    usuarios.trocar_propria_senha(cnmp, "Demo-Comissao-2023", "Nova-Senha-2026", "Nova-Senha-2026")
    assert usuarios.autenticar(cnmp.email, "Nova-Senha-2026").id == cnmp.id


def test_entrada_da_propria_pessoa_nao_torna_o_formulario_do_admin_desatualizado(demo_usuarios, banco_limpo):
    """O admin abre a conta (versão v); a pessoa entra duas vezes e erra a senha uma (o último
    acesso: v+2; a falha vai para `tentativa_login`, não para a conta); o admin salva e grava, sem
    conflito e sem desfazer o último acesso.
    Se outra pessoa mudou um campo do formulário nesse meio-tempo, continua sendo conflito."""
    admin, cnmp = demo_usuarios["admin"], demo_usuarios["cnmp"]
    aberta = cnmp.versao
    usuarios.autenticar(cnmp.email, "Demo-Comissao-2023")
    with pytest.raises(FalhaLogin):
        usuarios.autenticar(cnmp.email, "errada")
    entrou = usuarios.autenticar(cnmp.email, "Demo-Comissao-2023")
    assert entrou.versao == aberta + 2
    u = usuarios.alterar_usuario(admin, cnmp.id, aberta, DadosUsuario("Nome Corrigido", cnmp.email, "cnmp"))
    with sessao() as s:
        gravado = s.get(Usuario, cnmp.id)
        assert (gravado.nome, gravado.versao) == ("Nome Corrigido", aberta + 3) and u.versao == aberta + 3
        assert gravado.ultimo_acesso == entrou.ultimo_acesso
    # outro admin muda o perfil depois que este abriu (versão aberta + 3): conflito, mesmo com entradas depois
    usuarios.alterar_usuario(admin, cnmp.id, aberta + 3, DadosUsuario("Nome Corrigido", cnmp.email, "dmf"))
    usuarios.autenticar(cnmp.email, "Demo-Comissao-2023")
    with pytest.raises(ConflitoEdicao):
        usuarios.alterar_usuario(admin, cnmp.id, aberta + 3, DadosUsuario("Outro", cnmp.email, "cnmp"))
    with sessao() as s:
        assert s.get(Usuario, cnmp.id).papel == "dmf"


def test_contas_de_demonstracao_lidas_do_banco(banco_limpo):
    """A página Entrar mostra as contas que a carga de demonstração anotou no banco (não importa
    demo/); sem a anotação, nenhuma."""
    contas = usuarios.contas_de_demonstracao()
    assert [(c.email, c.senha, c.papel) for c in contas] == [(u.email, u.senha, u.papel) for u in USUARIOS_DEMO]
    with sessao() as s:
        s.delete(s.get(Parametro, usuarios.CHAVE_CONTAS_DEMO))
    assert usuarios.contas_de_demonstracao() == []


@pytest.fixture
def sem_modo_demo(monkeypatch):
    from core.config import limpar_config

    monkeypatch.setenv("MODO_DEMO", "false")
    limpar_config()
    yield
    monkeypatch.setenv("MODO_DEMO", "true")
    limpar_config()


def test_contas_demo_nao_entram_fora_do_modo_demo(banco_limpo, sem_modo_demo, caplog):
    """Ataque do issue #16: com MODO_DEMO=false as contas de demonstração (senhas publicadas)
    entravam. Agora nem a senha certa entra, a sessão já aberta cai, e a partida as desativa, com
    registro na trilha e aviso no log."""
    with sessao() as s:
        dmf = s.exec(select(Usuario).where(Usuario.email == "dmf@demo.pnat.jus.br")).one()
    with pytest.raises(FalhaLogin, match="conta de demonstração"):
        usuarios.autenticar("dmf@demo.pnat.jus.br", "Demo-Dmf-2023")
    assert usuarios.carregar(dmf.id) is None  # sessão aberta em modo demo perde o acesso
    with caplog.at_level("WARNING"):
        desativadas = usuarios.desativar_contas_demo_fora_do_modo_demo()
    assert sorted(desativadas) == sorted(u.email for u in USUARIOS_DEMO)
    assert "conta(s) de demonstração desativada(s)" in caplog.text
    with sessao() as s:
        assert not any(u.ativo for u in s.exec(select(Usuario).where(Usuario.email.in_(desativadas))))
    trilha = auditoria_de("usuario", str(dmf.id))
    assert trilha[-1].depois["ativo"] is False and trilha[-1].usuario_email == "sistema"
    assert usuarios.desativar_contas_demo_fora_do_modo_demo() == []  # já desativadas: nada a fazer


def test_carga_demo_reativa_as_contas_em_modo_demo(banco_limpo, monkeypatch):
    from core.config import limpar_config
    from demo.demonstracao import carregar_demo

    monkeypatch.setenv("MODO_DEMO", "false")
    limpar_config()
    usuarios.desativar_contas_demo_fora_do_modo_demo()
    monkeypatch.setenv("MODO_DEMO", "true")
    limpar_config()
    assert usuarios.desativar_contas_demo_fora_do_modo_demo() == []  # em modo demo, nada
    carregar_demo()
    assert usuarios.autenticar("dmf@demo.pnat.jus.br", "Demo-Dmf-2023").ativo


def test_argon2_com_calculos_simultaneos_limitados(monkeypatch):
    """Cada cálculo do Argon2id ocupa 64 MiB: entradas e trocas de senha simultâneas esperam a vez
    além de `ARGON2_SIMULTANEOS`, em vez de somar memória (o pico do benchmark de 10 sessões)."""
    trava = threading.Lock()
    estado = {"agora": 0, "maximo": 0, "chamadas": 0}

    def calculo_lento(*_args):
        with trava:
            estado["agora"] += 1
            estado["chamadas"] += 1
            estado["maximo"] = max(estado["maximo"], estado["agora"])
        time.sleep(0.05)
        with trava:
            estado["agora"] -= 1

    def verificar(self, hash_, senha):
        calculo_lento()
        raise VerifyMismatchError("senha errada")

    def gerar(self, senha, **_kw):
        calculo_lento()
        return "$argon2id$ficticio"

    hash_real = usuarios.gerar_hash("Senha-Longa-2023")
    monkeypatch.setattr(PasswordHasher, "verify", verificar)
    monkeypatch.setattr(PasswordHasher, "hash", gerar)
    resultados: list = []
    tarefas = [
        threading.Thread(target=lambda: resultados.append(usuarios.senha_confere(hash_real, "x"))) for _ in range(8)
    ]
    tarefas += [
        threading.Thread(target=lambda: resultados.append(usuarios.gerar_hash("Outra-Senha-2023"))) for _ in range(4)
    ]
    for t in tarefas:
        t.start()
    for t in tarefas:
        t.join(10)
    assert estado["chamadas"] == 12
    assert sorted(map(str, resultados)) == ["$argon2id$ficticio"] * 4 + ["False"] * 8
    assert 1 <= estado["maximo"] <= usuarios.ARGON2_SIMULTANEOS
    assert estado["maximo"] == min(12, usuarios.ARGON2_SIMULTANEOS)  # as vagas são usadas, não só uma
