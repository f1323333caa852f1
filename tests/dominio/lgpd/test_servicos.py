"""Serviços de incidentes LGPD: só administradores; validação em pt-BR sem gravar; trava
otimista; alertas de prazo com `hoje` injetado; guarda de 5 anos; dias não úteis."""

from __future__ import annotations

from datetime import date, time

import pytest

from core import relogio
from core.erros import AcessoNegado, ConflitoEdicao, ErroValidacao
from dominio.lgpd import servicos as lgpd
from models.lgpd import DiaNaoUtil, Encarregado, IncidenteLgpd
from tests.apoio.banco import contar

HOJE = date(2025, 11, 25)  # terça


def _dados(**k) -> lgpd.DadosIncidente:
    base = dict(
        participe="cnj",
        data_conhecimento=date(2025, 11, 24),
        descricao="E-mail com planilha ao destinatário errado",
        categorias_dados=["identificacao"],
        risco_relevante=True,
    )
    base.update(k)
    return lgpd.DadosIncidente(**base)


@pytest.mark.parametrize("perfil", ["dmf", "cnmp", "pf_grupo", "pf_escritorio"])
def test_so_admin_le_e_grava(perfil, demo_usuarios):
    """Cláusula 13ª: dados de incidentes só para administradores (permissão lgpd.gerir)."""
    u = demo_usuarios[perfil]
    for chamada in (
        lambda: lgpd.tabela_incidentes(u, HOJE),
        lambda: lgpd.alertas_lgpd(u, HOJE),
        lambda: lgpd.listar_encarregados(u),
        lambda: lgpd.listar_dias_nao_uteis(u),
        lambda: lgpd.tabela_guarda(u, HOJE),
        lambda: lgpd.salvar_incidente(u, _dados(), hoje=HOJE),
    ):
        with pytest.raises(AcessoNegado):
            chamada()
    with pytest.raises(AcessoNegado):
        lgpd.alertas_lgpd(None, HOJE)


def test_validacao_em_portugues_nada_gravado(banco_limpo, demo_usuarios):
    """Datas no futuro ou antes do conhecimento, complemento sem ANPD, saúde sem marca de
    sensível (LGPD, art. 5º, II), encerramento sem as comunicações exigidas."""
    antes = contar(IncidenteLgpd)
    ruim = _dados(
        data_conhecimento=date(2025, 11, 20),
        descricao=" ",
        categorias_dados=["saude"],
        data_comunicacao_participe=date(2025, 11, 19),
        data_comunicacao_anpd=date(2025, 11, 26),
        data_complemento=date(2025, 11, 21),
        data_encerramento=date(2025, 11, 24),
        pessoas_afetadas=-3,
    )
    with pytest.raises(ErroValidacao) as e:
        lgpd.salvar_incidente(demo_usuarios["admin"], ruim, hoje=HOJE)
    msg = str(e.value)
    assert "Campo “o que aconteceu”: descreva o incidente" in msg
    assert "Campo “comunicação ao outro partícipe”: a data 19/11/2025 é anterior ao conhecimento" in msg
    assert "Campo “comunicação à ANPD”: a data 26/11/2025 está no futuro" in msg
    assert "Campo “complemento à ANPD”: não pode ser anterior à comunicação à ANPD" in msg
    assert "Saúde são dados sensíveis (LGPD, art. 5º, II)" in msg
    assert "para encerrar, registre antes a comunicação aos titulares" in msg
    assert "Campo “pessoas afetadas”" in msg
    with pytest.raises(ErroValidacao, match="está no futuro"):
        lgpd.salvar_incidente(demo_usuarios["admin"], _dados(data_conhecimento=date(2025, 11, 26)), hoje=HOJE)
    with pytest.raises(ErroValidacao, match="informe antes a data da comunicação à ANPD"):
        lgpd.salvar_incidente(demo_usuarios["admin"], _dados(data_complemento=HOJE), hoje=HOJE)
    assert contar(IncidenteLgpd) == antes


def test_inclui_altera_com_trava_e_encerra(banco_limpo, demo_usuarios):
    admin = demo_usuarios["admin"]
    inc = lgpd.salvar_incidente(admin, _dados(hora_conhecimento=time(18, 30), pessoas_afetadas=None), hoje=HOJE)
    assert inc.status == "em_apuracao" and inc.data_registro == HOJE and inc.pessoas_afetadas is None
    assert inc.conhecido_em.hour == 21  # 18h30 em Brasília = 21h30 UTC
    fechado = _dados(
        data_comunicacao_participe=HOJE,
        data_comunicacao_anpd=HOJE,
        data_comunicacao_titulares=HOJE,
        data_encerramento=HOJE,
    )
    inc2 = lgpd.salvar_incidente(admin, fechado, hoje=HOJE, ident=inc.id, versao=inc.versao)
    assert inc2.status == "encerrado" and inc2.versao == inc.versao + 1
    with pytest.raises(ConflitoEdicao):
        lgpd.salvar_incidente(admin, fechado, hoje=HOJE, ident=inc.id, versao=inc.versao)
    rel = {r.chave: r for r in lgpd.relogios(admin, inc.id, HOJE)}
    assert rel["participe"].estado == rel["anpd"].estado == "cumprido"
    assert rel["complemento"].estado == "nao_exigido"


def test_alertas_com_hoje_injetado(banco_limpo, demo_usuarios):
    """Cláusula 13ª, IV (2 dias úteis) e Res. CD/ANPD 15/2024, art. 6º (3 dias úteis):
    conhecimento na sexta 21/11/2025 → outro partícipe até 25/11, ANPD e titulares até 26/11."""
    admin = demo_usuarios["admin"]
    inc = lgpd.salvar_incidente(admin, _dados(data_conhecimento=date(2025, 11, 21)), hoje=HOJE)

    def meus(hoje):
        return [a for a in lgpd.alertas_lgpd(admin, hoje) if a.incidente_id == inc.id]

    assert meus(date(2025, 11, 21)) == []  # 2 e 3 dias úteis pela frente
    em_24 = meus(date(2025, 11, 24))  # falta 1 dia útil ao partícipe; 2 à ANPD
    assert [a.nivel for a in em_24] == ["aviso"] and "Outro partícipe" in em_24[0].texto
    em_25 = meus(date(2025, 11, 25))
    assert len(em_25) == 3 and "vence hoje" in em_25[0].texto
    em_27 = meus(date(2025, 11, 27))
    assert {a.nivel for a in em_27} == {"erro"} and len(em_27) == 3
    assert any("ANPD" in a.texto and "vencido há 1 dia" in a.texto for a in em_27)
    # pequeno porte dobra a ANPD (6 dias úteis: até 01/12) mas não o partícipe
    lgpd.salvar_incidente(
        admin,
        _dados(
            data_conhecimento=date(2025, 11, 21),
            agente_pequeno_porte=True,
            data_comunicacao_participe=date(2025, 11, 24),
        ),
        hoje=HOJE,
        ident=inc.id,
        versao=inc.versao,
    )
    assert meus(date(2025, 11, 27)) == []


def test_dia_nao_util_configurado_move_prazo(banco_limpo, demo_usuarios):
    """Dia não útil local configurado (ex.: feriado estadual) não conta no prazo."""
    admin = demo_usuarios["admin"]
    inc = lgpd.salvar_incidente(admin, _dados(data_conhecimento=date(2025, 11, 21)), hoje=HOJE)
    antes = {r.chave: r.prazo for r in lgpd.relogios(admin, inc.id, HOJE)}
    lgpd.salvar_dia_nao_util(admin, lgpd.DadosDiaNaoUtil(date(2025, 11, 24), "Feriado local", "local", "Niterói/RJ"))
    depois = {r.chave: r.prazo for r in lgpd.relogios(admin, inc.id, HOJE)}
    assert antes["participe"] == date(2025, 11, 25) and depois["participe"] == date(2025, 11, 26)


def test_dia_nao_util_validacao(banco_limpo, demo_usuarios):
    admin = demo_usuarios["admin"]
    antes = contar(DiaNaoUtil)
    with pytest.raises(ErroValidacao) as e:
        lgpd.salvar_dia_nao_util(admin, lgpd.DadosDiaNaoUtil(date(2025, 12, 25), "", "local", ""))
    msg = str(e.value)
    assert "já é feriado nacional (Natal)" in msg and "Campo “descrição”" in msg and "Campo “UF/município”" in msg
    with pytest.raises(ErroValidacao, match="fim de semana"):
        lgpd.salvar_dia_nao_util(admin, lgpd.DadosDiaNaoUtil(date(2025, 11, 29), "Sábado", "institucional"))
    d = lgpd.salvar_dia_nao_util(admin, lgpd.DadosDiaNaoUtil(date(2025, 3, 3), "Carnaval", "institucional"))
    with pytest.raises(ErroValidacao, match="já está cadastrado"):
        lgpd.salvar_dia_nao_util(admin, lgpd.DadosDiaNaoUtil(date(2025, 3, 3), "Carnaval", "institucional"))
    lgpd.excluir_dia_nao_util(admin, d.id, d.versao)
    assert contar(DiaNaoUtil) == antes


def test_encarregado(banco_limpo, demo_usuarios):
    """Cláusula 13ª, V: cada partícipe informa o seu Encarregado (LGPD, art. 23, III)."""
    admin = demo_usuarios["admin"]
    antes = contar(Encarregado)
    with pytest.raises(ErroValidacao) as e:
        lgpd.salvar_encarregado(
            admin, lgpd.DadosEncarregado("cnj", "", "sem-arroba", "", date(2025, 12, 1), date(2025, 11, 1)), hoje=HOJE
        )
    msg = str(e.value)
    assert "Campo “nome”" in msg and "e-mail “sem-arroba” inválido" in msg and "está no futuro" in msg
    assert contar(Encarregado) == antes
    e = lgpd.salvar_encarregado(
        admin,
        lgpd.DadosEncarregado("cnmp", "Fulano", "DPO@cnmp.mp.br", "Portaria 1/2024", date(2024, 1, 10)),
        hoje=HOJE,
    )
    assert e.email == "dpo@cnmp.mp.br" and contar(Encarregado) == antes + 1


def test_guarda_de_cinco_anos_marca_revisao(banco_limpo, demo_usuarios):
    """Res. CD/ANPD 15/2024: registros guardados 5 anos; depois, revisão."""
    admin = demo_usuarios["admin"]
    inc = lgpd.salvar_incidente(
        admin,
        _dados(
            data_conhecimento=date(2020, 11, 24),
            data_registro=date(2020, 11, 25),
            data_comunicacao_participe=date(2020, 11, 25),
        ),
        hoje=HOJE,
    )
    assert inc.id not in lgpd.para_revisao_de_eliminacao(admin, date(2025, 11, 24))
    assert inc.id in lgpd.para_revisao_de_eliminacao(admin, date(2025, 11, 25))


def test_demo_tem_incidentes_e_dpos(demo_usuarios):
    """Demonstração: um encerrado no prazo, um com a ANPD vencida, um em apuração no prazo."""
    admin = demo_usuarios["admin"]
    hoje = relogio.hoje()
    df = lgpd.tabela_incidentes(admin, hoje)
    assert len(df) >= 3 and {e.participe for e in lgpd.listar_encarregados(admin)} == {"cnj", "cnmp"}
    alertas = lgpd.alertas_lgpd(admin, hoje)
    assert any(a.nivel == "erro" and "ANPD" in a.texto for a in alertas)
    # valores crus: o prazo é a SituacaoRelogio (a tela põe o ícone), “Sensíveis” é bool
    assert any(r.estado == "cumprido" and "cumprido em" in r.texto for r in df["ANPD"])
    assert {r.chave for r in df["Titulares"]} == {"titulares"} and set(df["Sensíveis"]) <= {True, False}
