"""Página Incidentes LGPD pelo app.py (AppTest): prazos e alertas do demo, formulário
inválido com erro em pt-BR sem gravar, inclusão válida, não administradores sem a página,
alertas LGPD na Visão geral só para administradores."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from core import relogio
from core.banco import sessao
from models.lgpd import DiaNaoUtil, Encarregado, IncidenteLgpd
from tests.apoio.banco import contar
from tests.apoio.paginas import abrir, clicar, grava_um, ir_para_visao_geral, recusa_sem_gravar, sem_excecao


def _pagina(usuario):
    at = abrir(usuario).switch_page("paginas/lgpd.py").run()
    sem_excecao(at)
    return at


def test_admin_ve_prazos_e_alertas(demo_usuarios):
    at = _pagina(demo_usuarios["admin"])
    assert "Incidentes LGPD" in [t.value for t in at.title]
    assert any("Prazos LGPD" in e.label for e in at.expander)
    assert any("ANPD" in e.value and "vencido há" in e.value for e in at.error)
    assert at.dataframe  # lista de incidentes, DPOs, dias não úteis, guarda
    incidentes = at.dataframe(key="lg_tabela").value
    assert incidentes["ANPD"].str.startswith(("✅ ", "☑️ ", "🕒 ", "⚠️ ", "⛔ ", "➖ ", "⏸️ ")).all()
    assert incidentes["ANPD"].str.contains("cumprido em").any() and incidentes["ANPD"].str.startswith("⛔ ").any()
    assert set(incidentes["Sensíveis"]) <= {"Sim", "Não"}
    icones = ("✅", "☑️", "🕒", "⚠️", "⛔", "➖", "⏸️")
    prazos = [m.value for m in at.markdown if m.value.startswith(":") and m.value.split("[**")[-1].startswith(icones)]
    assert len(prazos) == 4  # os quatro prazos do incidente escolhido, com cor e ícone


def test_incidente_invalido_mostra_erro_e_nao_grava(banco_limpo, demo_usuarios):
    at = _pagina(demo_usuarios["admin"])
    antes = contar(IncidenteLgpd)
    at.date_input(key="lg_novo_conhecimento").set_value(relogio.hoje() - timedelta(days=3))
    at.date_input(key="lg_novo_d_anpd").set_value(relogio.hoje() - timedelta(days=5))
    at.text_input(key="lg_novo_pessoas").input("muitas")
    recusa_sem_gravar(
        at,
        "Registrar incidente",
        IncidenteLgpd,
        "Campo “o que aconteceu”: descreva o incidente",
        "Campo “categorias de dados”",
        "Campo “pessoas afetadas”",
        "é anterior ao conhecimento do incidente",
        form="lg_novo",
    )
    assert contar(IncidenteLgpd) == antes


def test_incidente_valido_e_gravado(banco_limpo, demo_usuarios):
    at = _pagina(demo_usuarios["admin"])
    antes = contar(IncidenteLgpd)
    at.date_input(key="lg_novo_conhecimento").set_value(relogio.hoje())
    at.text_area(key="lg_novo_descricao").input("Pen drive com formulários extraviado")
    at.multiselect(key="lg_novo_categorias").set_value(["identificacao"])
    at.text_input(key="lg_novo_pessoas").input("12")
    grava_um(at, "Registrar incidente", IncidenteLgpd, "Incidente registrado.", form="lg_novo")
    assert contar(IncidenteLgpd) == antes + 1


def test_encarregado_e_dia_invalidos_nao_gravam(banco_limpo, demo_usuarios):
    at = _pagina(demo_usuarios["admin"])
    n_enc, n_dias = contar(Encarregado), contar(DiaNaoUtil)
    at.text_input(key="lg_dpo_novo_email").input("sem-arroba")
    clicar(at, "Registrar", "lg_dpo_novo")
    assert any("e-mail “sem-arroba” inválido" in e.value for e in at.error)
    at.date_input(key="lg_dia_novo_data").set_value(date(2025, 12, 25))
    clicar(at, "Incluir", "lg_dia_novo")
    assert any("já é feriado nacional (Natal)" in e.value for e in at.error)
    assert (contar(Encarregado), contar(DiaNaoUtil)) == (n_enc, n_dias)


@pytest.mark.parametrize("perfil", ["dmf", "cnmp", "pf_grupo"])
def test_nao_admin_nao_tem_a_pagina_nem_os_alertas(perfil, demo_usuarios):
    at = abrir(demo_usuarios[perfil])
    with pytest.raises(ValueError):
        at.switch_page("paginas/lgpd.py")
    ir_para_visao_geral(at)
    assert not any("Prazos LGPD" in e.label for e in at.expander)


def test_visao_geral_mostra_alertas_lgpd_ao_admin(demo_usuarios):
    at = ir_para_visao_geral(abrir(demo_usuarios["admin"]))
    assert any("Prazos LGPD" in e.label for e in at.expander)


def test_admin_altera_incidente_pelo_detalhe(banco_limpo, demo_usuarios):
    at = _pagina(demo_usuarios["admin"])
    with sessao() as s:
        inc = s.exec(
            select(IncidenteLgpd)
            .where(IncidenteLgpd.status == "em_apuracao", IncidenteLgpd.data_comunicacao_anpd.is_(None))
            .order_by(IncidenteLgpd.data_conhecimento)
        ).first()
    at.selectbox(key="lg_escolhido").set_value(inc.id).run()
    sem_excecao(at)
    pre = f"lg_ed_{inc.id}"
    at.date_input(key=f"{pre}_d_anpd").set_value(relogio.hoje())
    clicar(at, "Gravar alterações", pre)
    assert "Incidente atualizado." in [s.value for s in at.success]
    with sessao() as s:
        novo = s.get(IncidenteLgpd, inc.id)
    assert novo.data_comunicacao_anpd == relogio.hoje() and novo.versao == inc.versao + 1


def test_admin_remove_dia_nao_util(banco_limpo, demo_usuarios):
    at = _pagina(demo_usuarios["admin"])
    antes = contar(DiaNaoUtil)
    assert antes > 0  # Carnaval e Corpus Christi da demonstração
    next(b for b in at.button if b.key == "lg_dia_remover_btn").click().run()
    sem_excecao(at)
    assert "Dia removido." in [s.value for s in at.success]
    assert contar(DiaNaoUtil) == antes - 1
