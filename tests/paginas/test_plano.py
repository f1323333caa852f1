"""Páginas do Plano de Trabalho pelo app.py (AppTest): edição pelo DMF com histórico,
mensagens de erro sem gravar, CNMP comenta sem editar, alertas na Visão geral."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlmodel import select

from comum import formatos
from core import relogio
from core.banco import sessao
from dominio.plano.regras import mes_corrente
from models.plano import AtividadeCronograma, ComentarioPlano, PlanoAnual, TermoAditivo
from models.usuarios import RegistroAuditoria
from tests.apoio.paginas import (
    SEL0,
    abrir,
    clicar,
    erros,
    ir_para_visao_geral,
    por_rotulo,
    recusado,
    selecionar_primeira,
    sem_excecao,
)


def _plano_corrente() -> PlanoAnual:
    from dominio.plano.servicos import ano_corrente

    with sessao() as s:
        planos = list(s.exec(select(PlanoAnual).order_by(PlanoAnual.ano)))
    return ano_corrente(planos, relogio.hoje())


def _cronograma(usuario, selecionar: bool = True):
    at = abrir(usuario).switch_page("paginas/cronograma.py").run()
    sem_excecao(at)
    if selecionar:
        selecionar_primeira(at, f"cr_tabela_{_plano_corrente().ano}")
    return at


def test_cronograma_mostra_gantt_e_tabela(demo_usuarios):
    at = _cronograma(demo_usuarios["cnmp"], selecionar=False)
    assert at.get("plotly_chart"), "o Gantt deve ser desenhado"
    assert at.dataframe[0].value.shape[0] == 10
    assert any("atrasada" in c.value for c in at.caption)


def test_dmf_edita_atividade_e_historico_registra(banco_limpo, demo_usuarios):
    p = _plano_corrente()
    mes = mes_corrente(p.inicio, relogio.hoje()) or 1
    at = _cronograma(demo_usuarios["dmf"])
    assert [t.label for t in at.tabs] == ["Editar", "Evidências", "Comentários", "Histórico"]
    por_rotulo(at.multiselect, "Meses executados").set_value([mes])
    por_rotulo(at.selectbox, "Situação").set_value("em_andamento")
    por_rotulo(at.number_input, "% executado").set_value(35)
    clicar(at, "Salvar")
    assert not [e.value for e in at.error if not e.value.startswith("Ano ")], "só os alertas de atraso podem aparecer"
    assert any("Atividade atualizada" in s.value for s in at.success)
    with sessao() as s:
        a = s.exec(
            select(AtividadeCronograma).where(AtividadeCronograma.plano_id == p.id, AtividadeCronograma.ordem == 1)
        ).one()
        assert (a.status, a.percentual, a.meses_executados) == ("em_andamento", 35, [mes])
    at.session_state[f"cr_tabela_{p.ano}"] = SEL0
    at.run()
    hist = at.dataframe[-1].value
    # legível: o nome de quem agiu, a hora de Brasília, rótulos e situações em pt-BR
    assert hist.iloc[0]["Quem"] == demo_usuarios["dmf"].nome
    with sessao() as s:
        momento = s.exec(
            select(RegistroAuditoria.momento)
            .where(RegistroAuditoria.entidade == "atividade_cronograma", RegistroAuditoria.entidade_id == str(a.id))
            .order_by(RegistroAuditoria.id.desc())
        ).first()
    assert hist.iloc[0]["Quando"] == formatos.data_hora(momento)
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", hist.iloc[0]["Quando"])
    mudou = hist.iloc[0]["O que mudou"]
    assert "% executado:" in mudou and "→ 35" in mudou and "Meses executados: " in mudou
    texto = hist.to_string()
    assert not re.search(r"T\d{2}:\d{2}|\+00:00|\d{4}-\d{2}-\d{2}", texto)
    assert not re.search(r"\b(status|percentual|meses_executados|em_andamento|versao)\b", texto)


def test_atividade_com_mes_futuro_executado_nao_grava(banco_limpo, demo_usuarios):
    p = _plano_corrente()
    mes = mes_corrente(p.inicio, relogio.hoje())
    if mes is None:  # a página usa a data real; sem ano do plano em curso, nenhum mês dele é futuro
        pytest.skip("nenhum ano do plano contém hoje (a vigência prorrogada da demonstração termina em 14/11/2027)")
    if mes == 12:
        mes = 11  # sempre há um mês seguinte no ano
    at = _cronograma(demo_usuarios["dmf"])
    por_rotulo(at.multiselect, "Meses executados").set_value([mes + 1])
    por_rotulo(at.selectbox, "Situação").set_value("em_andamento")
    por_rotulo(at.number_input, "% executado").set_value(10)
    clicar(at, "Salvar")
    recusado(at, "Campo “meses executados”", "ainda não começou")
    assert por_rotulo(at.number_input, "% executado").value == 10  # o digitado fica na tela
    with sessao() as s:
        a = s.exec(
            select(AtividadeCronograma).where(AtividadeCronograma.plano_id == p.id, AtividadeCronograma.ordem == 1)
        ).one()
        assert a.percentual != 10


def test_cnmp_comenta_mas_nao_edita_o_cronograma(banco_limpo, demo_usuarios):
    at = _cronograma(demo_usuarios["cnmp"])
    assert [t.label for t in at.tabs] == ["Evidências", "Comentários", "Histórico"]
    assert not any(w.label == "Meses previstos" for w in at.multiselect)
    assert not any("Planejar o ano" in e.label for e in at.expander)
    por_rotulo(at.text_area, "Novo comentário").input("A Comissão pede o cronograma das visitas in loco.")
    clicar(at, "Comentar")
    assert any("Comentário registrado" in s.value for s in at.success)
    with sessao() as s:
        c = s.exec(select(ComentarioPlano).order_by(ComentarioPlano.id.desc())).first()
        assert c.autor_papel == "cnmp" and c.alvo == "atividade" and "visitas in loco" in c.texto


def test_dmf_cria_o_ano_seguinte_pela_pagina(banco_limpo, demo_usuarios):
    with sessao() as s:
        ultimo = s.exec(select(PlanoAnual).order_by(PlanoAnual.ano.desc())).first().ano
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/cronograma.py").run()
    at.selectbox(key="cr_ano").set_value(ultimo).run()
    at.button(key="cr_criar_ano").click().run()
    sem_excecao(at)
    assert at.selectbox(key="cr_ano").value == ultimo + 1
    assert any(f"Ano {ultimo + 1} criado" in s.value for s in at.success)
    assert at.dataframe[0].value.shape[0] == 10


def test_plano_de_trabalho_metas_e_obrigacoes(demo_usuarios):
    at = abrir(demo_usuarios["cnmp"]).switch_page("paginas/plano.py").run()
    sem_excecao(at)
    assert len([p for p in at.get("progress")]) == 6
    assert any("média do percentual executado" in i.value for i in at.info)
    selecionar_primeira(at, "ob_tabela")
    assert "Situação" not in [t.label for t in at.tabs]  # CNMP não altera obrigações
    assert "Comentários" in [t.label for t in at.tabs]


def test_vigencia_termo_invalido_nao_grava(banco_limpo, demo_usuarios):
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/vigencia.py").run()
    sem_excecao(at)
    with sessao() as s:
        antes = len(s.exec(select(TermoAditivo)).all())
    at.text_input(key="vg_termo_novo_numero").input("9/2099")
    at.date_input(key="vg_termo_novo_assinatura").set_value(date(2023, 1, 1))
    next(b for b in at.button if b.label == "Registrar" and "termo" in (b.form_id or "")).click().run()
    sem_excecao(at)
    erro = erros(at)
    assert "anterior à assinatura do acordo" in erro and "Campo “o que altera”" in erro
    with sessao() as s:
        assert len(s.exec(select(TermoAditivo)).all()) == antes
    assert any("Término atual" == m.label for m in at.metric)


def test_comunicacao_mapa_e_uf_nao_alcancadas(demo_usuarios):
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/comunicacao.py").run()
    sem_excecao(at)
    assert at.get("plotly_chart")
    texto = " ".join(w.value for w in at.warning)
    assert "UFs ainda não alcançadas" in texto and "Roraima (RR)" in texto


def test_ponto_focal_nao_chega_ao_plano(demo_usuarios):
    import pytest

    at = abrir(demo_usuarios["pf_grupo"])
    for pagina in ("paginas/plano.py", "paginas/cronograma.py", "paginas/vigencia.py", "paginas/comunicacao.py"):
        with pytest.raises(ValueError):
            at.switch_page(pagina)
    ir_para_visao_geral(at)
    assert not any("Alertas do Plano de Trabalho" in e.label for e in at.expander)


def test_visao_geral_mostra_alertas_do_plano(demo_usuarios):
    at = ir_para_visao_geral(abrir(demo_usuarios["cnmp"]))
    assert any("Alertas do Plano de Trabalho" in e.label for e in at.expander)
    assert any("atividade 6" in e.value for e in at.error)


def _abrir_primeira_publicacao(usuario):
    at = abrir(usuario).switch_page("paginas/comunicacao.py").run()
    sem_excecao(at)
    return selecionar_primeira(at, "pub_tabela")


def test_dmf_altera_e_exclui_publicacao_pela_pagina(banco_limpo, demo_usuarios):
    from dominio.plano import comunicacao
    from models.plano import Publicacao
    from models.usuarios import RegistroAuditoria

    dmf = demo_usuarios["dmf"]
    pub_id = int(comunicacao.tabela_publicacoes(dmf)["id"].iloc[0])
    at = _abrir_primeira_publicacao(dmf)
    at.text_input(key=f"pub_editar_{pub_id}_titulo").set_value("Título revisto <b>pela página</b>")
    clicar(at, "Salvar", form=f"pub_editar_{pub_id}")
    assert "Publicação atualizada." in [s.value for s in at.success], erros(at)
    with sessao() as s:
        assert s.get(Publicacao, pub_id).titulo == "Título revisto <b>pela página</b>"
    selecionar_primeira(at, "pub_tabela")
    clicar(at, "Excluir esta publicação")
    assert any("Confirma?" in w.value for w in at.warning)
    with sessao() as s:
        assert s.get(Publicacao, pub_id) is not None, "só exclui depois de confirmar"
    clicar(at, "Sim, excluir")
    assert "Publicação excluída." in [s.value for s in at.success], erros(at)
    with sessao() as s:
        assert s.get(Publicacao, pub_id) is None
        trilha = s.exec(
            select(RegistroAuditoria.acao).where(
                RegistroAuditoria.entidade == "publicacao", RegistroAuditoria.entidade_id == str(pub_id)
            )
        ).all()
    assert trilha[-2:] == ["alteracao", "exclusao"]


def test_edicao_de_publicacao_com_versao_antiga_mostra_conflito(banco_limpo, demo_usuarios):
    from dominio.plano import comunicacao
    from models.plano import Publicacao

    dmf, admin = demo_usuarios["dmf"], demo_usuarios["admin"]
    pub_id = int(comunicacao.tabela_publicacoes(dmf)["id"].iloc[0])
    at = _abrir_primeira_publicacao(dmf)
    pub, metas, ats, _ = comunicacao.obter_publicacao(admin, pub_id)
    dados = comunicacao.DadosPublicacao(
        pub.tipo, pub.numero, "Alterado por outra pessoa", pub.data, pub.link, None, metas, ats, pub.resumo
    )
    comunicacao.salvar_publicacao(admin, dados, hoje=relogio.hoje(), ident=pub_id, versao=pub.versao)
    at.text_input(key=f"pub_editar_{pub_id}_titulo").set_value("Versão antiga do DMF")
    clicar(at, "Salvar", form=f"pub_editar_{pub_id}")
    assert "alterado(a) por outra pessoa" in erros(at)
    with sessao() as s:
        assert s.get(Publicacao, pub_id).titulo == "Alterado por outra pessoa"


def test_cnmp_ve_publicacao_sem_editar_nem_excluir(demo_usuarios):
    at = _abrir_primeira_publicacao(demo_usuarios["cnmp"])
    assert not [b for b in at.button if b.label in ("Excluir esta publicação", "Salvar")]
    assert not [e for e in at.expander if e.label == "Editar esta publicação"]
