"""Política de senhas (issue #16: senhas fracas eram aceitas): ≥ 12 caracteres, fora da lista de
senhas comuns (com as brasileiras), sem sequências, sem o e-mail. Vale quando a senha é definida;
quem já tem senha mais curta continua entrando."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core.banco import sessao
from core.erros import ErroValidacao
from demo.demonstracao import USUARIOS_DEMO
from dominio.usuarios import senhas
from dominio.usuarios import servicos as usuarios
from dominio.usuarios.servicos import DadosUsuario
from models.usuarios import Usuario


@pytest.mark.parametrize(
    ("senha", "email", "trecho"),
    [
        ("Curta-de-11", "x@cnj.jus.br", "pelo menos 12 caracteres (tem 11)"),
        ("Flamengo2024!!", "x@cnj.jus.br", "mais usadas"),
        ("senha12345678", "x@cnj.jus.br", "mais usadas"),
        ("Fernanda@2024!", "x@cnj.jus.br", "mais usadas"),
        ("P@ssw0rd12345", "x@cnj.jus.br", "mais usadas"),
        ("corinthians123", "x@cnj.jus.br", "mais usadas"),
        ("123456789012", "x@cnj.jus.br", "sequência"),
        ("qwertyuiopqw", "x@cnj.jus.br", "sequência"),
        ("abcabcabcabc", "x@cnj.jus.br", "sequência"),
        ("aaaaaaaaaaaa1", "x@cnj.jus.br", "sequência"),
        ("Joao.Silva-2024", "joao.silva@cnj.jus.br", "não pode conter o seu e-mail"),
        ("xx-JOÃO.silva@CNJ.jus.br", "joao.silva@cnj.jus.br", "não pode conter o seu e-mail"),
    ],
)
def test_senhas_recusadas(senha, email, trecho):
    problemas = senhas.problemas_da_senha(senha, email)
    assert any(trecho in p for p in problemas), problemas


@pytest.mark.parametrize(
    "senha",
    [
        "Demo-Dmf-2023",
        "ponte azul sobre o rio",
        "Tr3m-das-Onze-e-Meia",
        "Ana-Banana-Cajú",
        "x" * 4 + "yz" + "w" * 6 + "k",
    ],
)
def test_senhas_aceitas(senha):
    assert senhas.problemas_da_senha(senha, "ana@cnj.jus.br") == []


def test_lista_de_senhas_comuns_tem_as_brasileiras():
    lista = senhas.senhas_comuns()
    assert len(lista) >= 10_000
    assert {"senha123", "mudar123", "flamengo", "brasil", "deusefiel", "password", "123456"} <= lista
    assert all(x == x.lower() for x in lista)


def test_senhas_de_demonstracao_cumprem_a_politica():
    for u in USUARIOS_DEMO:
        assert senhas.problemas_da_senha(u.senha, u.email) == [], u.email


def test_servicos_recusam_senha_fraca_sem_gravar(demo_usuarios, banco_limpo):
    admin, dmf = demo_usuarios["admin"], demo_usuarios["dmf"]
    with pytest.raises(ErroValidacao, match="mais usadas"):
        usuarios.criar_usuario(admin, DadosUsuario("Ana", "ana.paula@cnj.jus.br", "dmf"), "Brasil@2024!!")
    with pytest.raises(ErroValidacao, match="não pode conter o seu e-mail"):
        usuarios.criar_usuario(admin, DadosUsuario("Ana", "ana.paula@cnj.jus.br", "dmf"), "ana.paula-1990")
    with pytest.raises(ErroValidacao, match="nova senha"):
        usuarios.definir_senha(admin, dmf.id, "senha12345678")
    with pytest.raises(ErroValidacao, match="pelo menos 12"):
        usuarios.trocar_propria_senha(dmf, "Demo-Dmf-2023", "Curta-1234", "Curta-1234")
    with sessao() as s:
        assert s.exec(select(Usuario).where(Usuario.email == "ana.paula@cnj.jus.br")).first() is None
    assert usuarios.autenticar(dmf.email, "Demo-Dmf-2023").id == dmf.id  # a senha não mudou


def test_senha_antiga_mais_curta_continua_entrando(banco_limpo):
    """A política vale quando a senha é definida: uma conta criada antes, com 10 caracteres, entra."""
    with sessao() as s:
        u = s.exec(select(Usuario).where(Usuario.email == "dmf@demo.pnat.jus.br")).one()
        u.senha_hash = usuarios.gerar_hash("Antiga-10c")
        s.add(u)
    assert usuarios.autenticar("dmf@demo.pnat.jus.br", "Antiga-10c").papel == "dmf"
