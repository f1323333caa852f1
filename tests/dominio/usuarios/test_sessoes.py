"""Sessões de login no banco: código de uso único trocado pelo token, só hashes guardados, prazos
de ociosidade e idade máxima, saída, troca e redefinição de senha, e o administrador encerrando
sessões (permissão conferida no serviço, com trilha de auditoria)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from core import relogio
from core.banco import sessao
from core.erros import AcessoNegado, ErroValidacao
from dominio.usuarios import servicos as usuarios
from dominio.usuarios import sessoes
from models.sessoes import SessaoUsuario
from models.usuarios import RegistroAuditoria

T0 = datetime(2027, 3, 1, 13, 0, tzinfo=UTC)
VINCULO = "segredo-do-navegador-do-login"


def _entrar(usuario, momento=T0, **cliente) -> str:
    with relogio.congelar(momento):
        codigo = sessoes.iniciar(usuario, "senha", vinculo=VINCULO, **cliente)
        token = sessoes.ativar(codigo, VINCULO, endereco="10.0.0.7", agente="Navegador de teste")
    assert token is not None
    return token


def _registro(token: str) -> SessaoUsuario:
    with sessao() as s:
        return s.exec(select(SessaoUsuario).where(SessaoUsuario.token_hash == sessoes.resumo(token))).one()


def test_codigo_vira_token_uma_vez_e_o_banco_so_guarda_hashes(banco_limpo, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    with relogio.congelar(T0):
        codigo = sessoes.iniciar(dmf, "senha", vinculo=VINCULO, endereco="10.0.0.7", agente="Firefox")
        assert sessoes.validar(codigo) is None  # o código não é o token
        # sem o segredo do navegador do login (um link com o código, levado a outro navegador): nada
        assert sessoes.ativar(codigo, None) is None and sessoes.ativar(codigo, "outro-navegador") is None
        token = sessoes.ativar(codigo, VINCULO)
        assert token is not None and len(token) >= 43  # 256 bits em base64url
        assert sessoes.ativar(codigo, VINCULO) is None  # uso único
        valida = sessoes.validar(token)
    assert valida.usuario.id == dmf.id and valida.origem == "senha"
    reg = _registro(token)
    assert reg.codigo_hash is None and reg.vinculo_hash is None and reg.token_hash == sessoes.resumo(token) != token
    with sessao() as s:
        colunas = [
            (r.antes, r.depois)
            for r in s.exec(select(RegistroAuditoria).where(RegistroAuditoria.entidade == "sessao_usuario"))
        ]
    texto = repr(colunas)
    assert token not in texto and codigo not in texto and sessoes.resumo(token) not in texto  # mascarados


def test_codigo_expira_em_um_minuto(banco_limpo, demo_usuarios):
    with relogio.congelar(T0):
        codigo = sessoes.iniciar(demo_usuarios["dmf"], "senha", vinculo=VINCULO)
    with relogio.congelar(T0 + sessoes.VALIDADE_CODIGO):
        assert sessoes.ativar(codigo, VINCULO) is None
    assert sessoes.ativar("codigo-inventado", VINCULO) is None and sessoes.ativar(None, VINCULO) is None


def test_ociosidade_e_idade_maxima(banco_limpo, demo_usuarios, monkeypatch):
    token = _entrar(demo_usuarios["dmf"])
    ociosa = timedelta(minutes=120)
    # uso a cada 100 minutos renova o prazo de ociosidade...
    momento = T0
    for _ in range(6):
        momento += timedelta(minutes=100)
        with relogio.congelar(momento):
            assert sessoes.validar(token) is not None, momento
    # ...mas não a idade máxima (12 h)
    with relogio.congelar(T0 + timedelta(hours=12)):
        assert sessoes.validar(token) is None
    # e sem uso por mais que o prazo de ociosidade, termina
    outro = _entrar(demo_usuarios["cnmp"])
    with relogio.congelar(T0 + ociosa):
        assert sessoes.validar(outro) is None


def test_ultimo_acesso_gravado_no_maximo_uma_vez_por_minuto_sem_trilha(banco_limpo, demo_usuarios):
    token = _entrar(demo_usuarios["dmf"])
    with sessao() as s:
        trilha_antes = len(s.exec(select(RegistroAuditoria.id)).all())
    with relogio.congelar(T0 + timedelta(seconds=30)):
        sessoes.validar(token)
    assert _registro(token).ultimo_acesso == T0
    with relogio.congelar(T0 + timedelta(seconds=90)):
        sessoes.validar(token)
    reg = _registro(token)
    assert reg.ultimo_acesso == T0 + timedelta(seconds=90)
    assert reg.expira_ociosa_em == T0 + timedelta(seconds=90) + timedelta(minutes=120)
    with sessao() as s:
        assert len(s.exec(select(RegistroAuditoria.id)).all()) == trilha_antes


def test_sair_encerra_no_servidor(banco_limpo, demo_usuarios):
    token = _entrar(demo_usuarios["dmf"])
    outra = _entrar(demo_usuarios["dmf"])  # segunda sessão (outro navegador)
    with relogio.congelar(T0):
        assert sessoes.sair(token) is True
        assert sessoes.validar(token) is None  # o cookie antigo não vale mais
        assert sessoes.sair(token) is False
        assert sessoes.validar(outra) is not None  # sair num navegador não tira do outro
    assert _registro(token).motivo_encerramento == "saida"


def test_troca_da_propria_senha_encerra_todas_as_sessoes(banco_limpo, demo_usuarios):
    cnmp = demo_usuarios["cnmp"]
    a, b = _entrar(cnmp), _entrar(cnmp)
    dmf = _entrar(demo_usuarios["dmf"])
    with relogio.congelar(T0):
        usuarios.trocar_propria_senha(cnmp, "Demo-Comissao-2023", "Nova-Senha-2026", "Nova-Senha-2026")
        assert sessoes.validar(a) is None and sessoes.validar(b) is None
        assert sessoes.validar(dmf) is not None
    assert _registro(a).motivo_encerramento == "troca_senha"


def test_redefinicao_pelo_administrador_encerra_as_sessoes_da_conta(banco_limpo, demo_usuarios):
    token = _entrar(demo_usuarios["dmf"])
    with relogio.congelar(T0):
        usuarios.definir_senha(demo_usuarios["admin"], demo_usuarios["dmf"].id, "Outra-Senha-2026")
        assert sessoes.validar(token) is None
    reg = _registro(token)
    assert (reg.motivo_encerramento, reg.encerrada_por_id) == ("senha_redefinida", demo_usuarios["admin"].id)


def test_conta_desativada_perde_a_sessao(banco_limpo, demo_usuarios):
    token = _entrar(demo_usuarios["cnmp"])
    cnmp = demo_usuarios["cnmp"]
    with relogio.congelar(T0):
        usuarios.alterar_usuario(
            demo_usuarios["admin"],
            cnmp.id,
            usuarios.carregar(cnmp.id).versao,
            usuarios.DadosUsuario(cnmp.nome, cnmp.email, cnmp.papel, ativo=False),
        )
        assert sessoes.validar(token) is None


def test_administrador_lista_e_encerra_sessoes_com_trilha(banco_limpo, demo_usuarios):
    admin, dmf = demo_usuarios["admin"], demo_usuarios["dmf"]
    token = _entrar(dmf)
    pendente = None
    with relogio.congelar(T0):
        pendente = sessoes.iniciar(demo_usuarios["cnmp"], "senha", vinculo=VINCULO)  # sem cookie: não aparece
        ativas = sessoes.listar_ativas(admin)
        assert [(a.email, a.endereco, a.agente) for a in ativas] == [(dmf.email, "10.0.0.7", "Navegador de teste")]
        with pytest.raises(AcessoNegado):
            sessoes.listar_ativas(dmf)
        with pytest.raises(AcessoNegado):
            sessoes.encerrar_sessao(dmf, ativas[0].id)
        assert sessoes.validar(token) is not None
        sessoes.encerrar_sessao(admin, ativas[0].id)
        assert sessoes.validar(token) is None
        assert sessoes.listar_ativas(admin) == []
        with pytest.raises(ErroValidacao, match="já estava encerrada"):
            sessoes.encerrar_sessao(admin, ativas[0].id)
    assert pendente
    with sessao() as s:
        ultima = s.exec(
            select(RegistroAuditoria)
            .where(RegistroAuditoria.entidade == "sessao_usuario", RegistroAuditoria.entidade_id == str(ativas[0].id))
            .order_by(RegistroAuditoria.id.desc())
        ).first()
    assert ultima.usuario_email == admin.email
    assert ultima.depois["motivo_encerramento"] == "administrador" and ultima.depois["encerrada_por_id"] == admin.id


def test_origem_da_sessao_mesmo_encerrada(banco_limpo, demo_usuarios):
    token = _entrar(demo_usuarios["dmf"])
    sessoes.sair(token)
    assert sessoes.origem(token) == "senha"
    assert sessoes.origem("desconhecido") is None and sessoes.origem(None) is None
