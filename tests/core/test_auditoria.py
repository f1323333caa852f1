"""Trilha de auditoria: todo INSERT, UPDATE e DELETE pela sessão gera registro com
autor, momento, entidade, id, antes e depois; nada a contorna; ninguém a altera."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import delete, update
from sqlmodel import select

from core.auditoria import ErroAuditoria, json_do_valor
from core.banco import sessao
from core.erros import AcessoNegado
from dominio.cadastros import servicos as registros
from dominio.usuarios import trilha
from models.territorio import Municipio
from models.unidades import FundoMunicipal
from models.usuarios import RegistroAuditoria, Usuario


def registros_de(entidade: str, entidade_id) -> list[RegistroAuditoria]:
    with sessao() as s:
        return list(
            s.exec(
                select(RegistroAuditoria)
                .where(RegistroAuditoria.entidade == entidade, RegistroAuditoria.entidade_id == str(entidade_id))
                .order_by(RegistroAuditoria.id)
            )
        )


def test_inclusao_alteracao_exclusao_com_autor_e_valores(demo_usuarios, banco_limpo):
    dmf, admin = demo_usuarios["dmf"], demo_usuarios["admin"]
    f = registros.salvar(
        dmf,
        "fundo",
        registros.DadosFundo(
            nome="Fundo de Campinas", municipio_codigo=3509502, lei_numero="1/2023", lei_data=date(2023, 1, 2)
        ),
    )
    registros.salvar(
        admin,
        "fundo",
        registros.DadosFundo(
            nome="Fundo de Campinas",
            municipio_codigo=3509502,
            lei_numero="1/2023",
            lei_data=date(2023, 1, 2),
            conselho_gestor="Conselho Municipal",
        ),
        ident=f.id,
        versao=1,
    )
    with sessao(admin) as s:
        s.delete(s.get(FundoMunicipal, f.id))

    inc, alt, exc = registros_de("fundo_municipal", f.id)
    assert (inc.acao, inc.usuario_email, inc.usuario_id) == ("inclusao", dmf.email, dmf.id)
    assert inc.antes is None and inc.depois["nome"] == "Fundo de Campinas" and inc.depois["lei_data"] == "2023-01-02"
    assert (alt.acao, alt.usuario_email) == ("alteracao", admin.email)
    assert alt.antes["conselho_gestor"] == "" and alt.depois["conselho_gestor"] == "Conselho Municipal"
    assert alt.antes["versao"] == 1 and alt.depois["versao"] == 2
    assert "nome" not in alt.depois  # só o que mudou
    assert exc.acao == "exclusao" and exc.depois is None and exc.antes["conselho_gestor"] == "Conselho Municipal"
    assert inc.momento.tzinfo is not None  # UTC com fuso


def test_senha_nunca_vai_para_a_trilha(demo_usuarios, banco_limpo):
    from dominio.usuarios.servicos import definir_senha

    definir_senha(demo_usuarios["admin"], demo_usuarios["cnmp"].id, "Nova-Senha-2026")
    alt = registros_de("usuario", demo_usuarios["cnmp"].id)[-1]
    assert alt.acao == "alteracao" and alt.antes["senha_hash"] == "***" and alt.depois["senha_hash"] == "***"
    assert "argon2" not in str(alt.antes) + str(alt.depois)


def test_alteracao_em_lote_pelo_orm_e_recusada(banco_limpo):
    with pytest.raises(ErroAuditoria, match="sem registro de auditoria"):
        with sessao() as s:
            s.exec(update(FundoMunicipal).values(conselho_gestor="x"))
    with pytest.raises(ErroAuditoria):
        with sessao() as s:
            s.exec(delete(Municipio).where(Municipio.codigo_ibge == 3509502))
    with sessao() as s:
        assert s.exec(select(FundoMunicipal).where(FundoMunicipal.conselho_gestor == "x")).first() is None


def test_trilha_nao_pode_ser_alterada_nem_excluida(banco_limpo):
    with sessao() as s:
        reg = s.exec(select(RegistroAuditoria)).first()
    with pytest.raises(ErroAuditoria, match="não pode ser alterada"):
        with sessao() as s:
            r = s.get(RegistroAuditoria, reg.id)
            r.usuario_email = "outra@pessoa"
            s.add(r)
    with pytest.raises(ErroAuditoria):
        with sessao() as s:
            s.delete(s.get(RegistroAuditoria, reg.id))
    with pytest.raises(ErroAuditoria):
        with sessao() as s:
            s.exec(delete(RegistroAuditoria))
    with sessao() as s:
        assert s.get(RegistroAuditoria, reg.id).usuario_email == reg.usuario_email


def test_falha_desfaz_o_registro_e_a_trilha_juntos(demo_usuarios, banco_limpo):
    """A trilha é gravada na mesma transação: se a gravação falha, nenhum dos dois fica."""
    with sessao() as s:
        antes = len(list(s.exec(select(RegistroAuditoria.id))))
    with pytest.raises(RuntimeError):
        with sessao(demo_usuarios["dmf"]) as s:
            u = s.get(Usuario, demo_usuarios["cnmp"].id)
            u.nome = "Outro nome"
            s.add(u)
            s.flush()
            raise RuntimeError("falha depois do flush")
    with sessao() as s:
        assert len(list(s.exec(select(RegistroAuditoria.id)))) == antes
        assert s.get(Usuario, demo_usuarios["cnmp"].id).nome != "Outro nome"


def test_consulta_da_trilha_so_para_admin_com_filtros(demo_usuarios, banco_limpo):
    for perfil in ("dmf", "cnmp", "pf_grupo"):
        with pytest.raises(AcessoNegado):
            trilha.consultar(demo_usuarios[perfil])
    df, total = trilha.consultar(
        demo_usuarios["admin"], trilha.FiltrosTrilha(entidades=["fundo_municipal"], acoes=["inclusao"])
    )
    assert total == 25 and len(df) == 25
    assert set(df["acao"]) == {"inclusao"} and set(df["entidade"]) == {"fundo_municipal"}
    df, total = trilha.consultar(demo_usuarios["admin"], pagina=2, por_pagina=100)
    assert len(df) == 100 and total > 5000  # referência + demonstração, paginada


def test_login_nao_esvazia_os_caches_mas_alterar_um_cadastro_sim(demo_usuarios, banco_limpo):
    """O login grava `ultimo_acesso` (auditado), mas nenhum agregado em cache depende disso: com
    dez pessoas entrando por minuto, esvaziar os caches a cada login derrubava o desempenho."""
    from core.cache import agregado_em_cache
    from demo.demonstracao import USUARIOS_DEMO
    from dominio.usuarios import servicos as usuarios

    chamadas: list[int] = []

    @agregado_em_cache  # sem tabelas declaradas: qualquer gravação o limparia
    def _agregado(x: int) -> int:
        chamadas.append(x)
        return len(chamadas)

    conta = next(u for u in USUARIOS_DEMO if u.email == demo_usuarios["dmf"].email)
    _agregado(1)
    usuarios.autenticar(conta.email, conta.senha)
    assert "ultimo_acesso" in registros_de("usuario", demo_usuarios["dmf"].id)[-1].depois, "o login é auditado"
    with pytest.raises(usuarios.FalhaLogin):
        usuarios.autenticar(conta.email, "senha errada")
    _agregado(1)
    assert chamadas == [1], "login (e falha de login) não limpam o cache"

    admin = demo_usuarios["admin"]
    u = usuarios.carregar(demo_usuarios["cnmp"].id)
    usuarios.alterar_usuario(
        admin,
        u.id,
        u.versao,
        usuarios.DadosUsuario("Novo nome", u.email, u.papel, u.grupo_id, u.escritorio_id, u.ativo),
    )
    _agregado(1)
    assert chamadas == [1, 1], "alterar o nome de uma pessoa (que aparece em listas) limpa o cache"


@pytest.mark.parametrize(
    "valor",
    [
        0,
        -7,
        10**30,
        True,
        None,
        1.5,
        "",
        "0001234-56.2023.8.26.0100",
        'aspas "duplas"',
        "barra \\ invertida",
        "quebra\nde linha",
        "tab\tulação",
        "\x00\x1f\x7f",
        "Vitória — São Paulo",
        "emoji 🚀",
        "\u2028separador",
        "<script>alert(1)</script>",
    ],
)
def test_json_do_valor_e_o_mesmo_texto_do_json_dumps(valor):
    """O atalho da trilha em lote escreve, para cada valor, exatamente o texto que `json.dumps`
    escreveria (o formulário grava pelo caminho comum; os dois precisam dar a mesma trilha)."""
    assert json_do_valor(valor) == json.dumps(valor)


@pytest.mark.parametrize(
    "valor", [Decimal("1234.56"), Decimal("-0.00"), Decimal("1E+3"), Decimal("NaN"), Decimal("-Infinity")]
)
def test_json_do_valor_de_decimal_e_o_texto_do_numero(valor):
    """Decimal vai para a trilha como texto (`str`), sem perder casas: o mesmo que `json.dumps(str(valor))`."""
    assert json_do_valor(valor) == json.dumps(str(valor))


def test_json_do_valor_de_data_em_iso():
    assert json_do_valor(date(2026, 12, 4)) == json.dumps("2026-12-04")
