"""Contas: senha com Argon2id, bloqueio após falhas, OIDC casado por e-mail,
gestão só pelo administrador, escopo do ponto focal."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core.banco import sessao
from core.erros import AcessoNegado, ConflitoEdicao, ErroValidacao
from demo.demonstracao import USUARIOS_DEMO
from dominio.usuarios import servicos as usuarios
from dominio.usuarios.servicos import DadosUsuario, FalhaLogin
from models.usuarios import Parametro, Usuario


def test_login_com_senha_certa_e_hash_argon2(banco_limpo):
    u = usuarios.autenticar("  DMF@demo.pnat.jus.br ", "Demo-Dmf-2023")
    assert u.papel == "dmf" and u.ultimo_acesso is not None
    with sessao() as s:
        assert s.get(Usuario, u.id).senha_hash.startswith("$argon2id$")


def test_senha_errada_mensagem_generica_e_bloqueio(banco_limpo, monkeypatch):
    for email in ("dmf@demo.pnat.jus.br", "ninguem@exemplo.gov.br"):
        with pytest.raises(FalhaLogin, match="^E-mail ou senha incorretos.$"):
            usuarios.autenticar(email, "errada-123")
    for _ in range(4):  # já houve 1 falha acima: a 5ª bloqueia
        with pytest.raises(FalhaLogin):
            usuarios.autenticar("dmf@demo.pnat.jus.br", "errada-123")
    with pytest.raises(FalhaLogin, match="Conta bloqueada por tentativas erradas. Tente de novo em 15 min."):
        usuarios.autenticar("dmf@demo.pnat.jus.br", "Demo-Dmf-2023")  # nem a senha certa entra


def test_conta_desativada_nao_entra(demo_usuarios, banco_limpo):
    admin = demo_usuarios["admin"]
    cnmp = demo_usuarios["cnmp"]
    usuarios.alterar_usuario(admin, cnmp.id, cnmp.versao, DadosUsuario(cnmp.nome, cnmp.email, "cnmp", ativo=False))
    with pytest.raises(FalhaLogin, match="desativada"):
        usuarios.autenticar(cnmp.email, "Demo-Cnmp-2023")
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
        usuarios.criar_usuario(demo_usuarios[perfil], DadosUsuario("X", "x@cnj.jus.br", "admin"), "Senha-Forte-1")
    with pytest.raises(AcessoNegado):
        usuarios.listar_usuarios(demo_usuarios[perfil])
    with pytest.raises(AcessoNegado):
        usuarios.definir_senha(demo_usuarios[perfil], demo_usuarios["admin"].id, "Senha-Forte-1")
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
    assert "pelo menos 10 caracteres" in msgs["senha"]
    with pytest.raises(ErroValidacao, match="já existe um usuário com o e-mail dmf@demo.pnat.jus.br"):
        usuarios.criar_usuario(admin, DadosUsuario("Y", "DMF@demo.pnat.jus.br", "dmf"), None)
    with pytest.raises(ErroValidacao, match="misturar letras e números"):
        usuarios.criar_usuario(admin, DadosUsuario("Y", "y@cnj.jus.br", "dmf"), "sóletrasaqui")


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
        usuarios.trocar_propria_senha(cnmp, "Demo-Cnmp-2023", "Nova-Senha-2026", "Nova-Senha-2027")
    usuarios.trocar_propria_senha(cnmp, "Demo-Cnmp-2023", "Nova-Senha-2026", "Nova-Senha-2026")
    assert usuarios.autenticar(cnmp.email, "Nova-Senha-2026").id == cnmp.id


def test_entrada_da_propria_pessoa_nao_torna_o_formulario_do_admin_desatualizado(demo_usuarios, banco_limpo):
    """O admin abre a conta (versão v); a pessoa entra duas vezes e erra a senha uma (último
    acesso e falhas: v+3); o admin salva e grava, sem conflito e sem desfazer o último acesso.
    Se outra pessoa mudou um campo do formulário nesse meio-tempo, continua sendo conflito."""
    admin, cnmp = demo_usuarios["admin"], demo_usuarios["cnmp"]
    aberta = cnmp.versao
    usuarios.autenticar(cnmp.email, "Demo-Cnmp-2023")
    with pytest.raises(FalhaLogin):
        usuarios.autenticar(cnmp.email, "errada")
    entrou = usuarios.autenticar(cnmp.email, "Demo-Cnmp-2023")
    assert entrou.versao == aberta + 3
    u = usuarios.alterar_usuario(admin, cnmp.id, aberta, DadosUsuario("Nome Corrigido", cnmp.email, "cnmp"))
    with sessao() as s:
        gravado = s.get(Usuario, cnmp.id)
        assert (gravado.nome, gravado.versao) == ("Nome Corrigido", aberta + 4) and u.versao == aberta + 4
        assert gravado.ultimo_acesso == entrou.ultimo_acesso
    # outro admin muda o perfil depois que este abriu (versão aberta + 4): conflito, mesmo com entradas depois
    usuarios.alterar_usuario(admin, cnmp.id, aberta + 4, DadosUsuario("Nome Corrigido", cnmp.email, "dmf"))
    usuarios.autenticar(cnmp.email, "Demo-Cnmp-2023")
    with pytest.raises(ConflitoEdicao):
        usuarios.alterar_usuario(admin, cnmp.id, aberta + 4, DadosUsuario("Outro", cnmp.email, "cnmp"))
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
