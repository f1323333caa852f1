"""Páginas Revisão e Monitoramento dos indicadores e a seção Indicadores do painel público,
rodadas pelo app.py (AppTest): o DMF valida pela fila, o CNMP aprova, devolver sem comentário
e reabrir sem motivo não gravam nada e explicam em pt-BR, quem informou valores vê o motivo da
segregação e não o botão Validar; o Monitoramento mostra as abas e o mapa; o visitante vê os
indicadores aprovados, com a nota de supressão."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

from core import relogio
from core.banco import sessao
from dominio.cadastros import unidades
from dominio.indicadores import coleta, monitoramento
from models.indicadores import EnvioColeta, EventoRevisao, PeriodoColeta
from tests.apoio.paginas import abrir, prefixo, sem_excecao


def _pagina(usuario, arquivo="paginas/revisao.py"):
    at = abrir(usuario).switch_page(arquivo).run()
    sem_excecao(at)
    return at


def envio(ident: int) -> EnvioColeta:
    with sessao() as s:
        return s.get(EnvioColeta, ident)


def _botoes(at, rotulo: str):
    return [b for b in at.button if b.label == rotulo]


def _textos(at, tipo: str) -> str:
    return " ".join(str(e.value) for e in at.get(tipo))


def _escolher(at, envio_id: int):
    at.selectbox(key="rv_envio").set_value(envio_id).run()
    sem_excecao(at)
    return at


def test_dmf_valida_um_envio_escolhido_na_fila(banco_limpo, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    at = _pagina(dmf)
    assert [t.value for t in at.title] == ["Revisão dos indicadores"]
    assert at.multiselect(key="rv_situacoes").value == ["enviado"]  # o DMF começa pelos enviados
    fila = coleta.fila_revisao(dmf)
    linha = 1
    envio_id = int(fila.iloc[linha]["id"])
    antes = envio(envio_id)
    at.session_state["rv_fila"] = {"selection": {"rows": [linha], "columns": [], "cells": []}}
    at.run()
    sem_excecao(at)
    assert at.selectbox(key="rv_envio").value == envio_id
    assert "Regras de validação" in _textos(at, "markdown")
    _botoes(at, "Validar")[0].click().run()
    sem_excecao(at)
    assert any("validado" in s.value for s in at.success), [e.value for e in at.error]
    depois = envio(envio_id)
    assert depois.status == "validado" and depois.validado_por_id == dmf.id and depois.versao == antes.versao + 1


def test_valores_atipicos_destacados_para_o_revisor(demo_usuarios):
    dmf = demo_usuarios["dmf"]
    fila = coleta.fila_revisao(dmf)
    envio_id = int(fila[fila["Atípicos"] > 0].iloc[0]["id"])
    at = _escolher(_pagina(dmf), envio_id)
    assert "Valor atípico em" in _textos(at, "warning")
    tabela = next(d.value for d in at.dataframe if "Atípico" in d.value.columns)
    assert set(tabela["Desagregação"]) == {"Total"}  # desagregações só quando pedidas
    assert tabela["Atípico"].str.startswith("⚠️").any()
    at.toggle(key="rv_desagregacoes").set_value(True).run()
    sem_excecao(at)


def test_cnmp_aprova_um_envio_validado(banco_limpo, demo_usuarios):
    cnmp = demo_usuarios["cnmp"]
    at = _pagina(cnmp)
    assert at.multiselect(key="rv_situacoes").value == ["validado"]  # a Comissão começa pelos validados
    envio_id = int(coleta.fila_revisao(cnmp).iloc[0]["id"])
    _escolher(at, envio_id)
    assert not _botoes(at, "Validar")
    _botoes(at, "Aprovar")[0].click().run()
    sem_excecao(at)
    assert any("aprovado" in s.value for s in at.success)
    e = envio(envio_id)
    assert e.status == "aprovado" and e.aprovado_por_id == cnmp.id


def test_devolver_sem_comentario_explica_e_nao_grava(banco_limpo, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    at = _pagina(dmf)
    envio_id = int(coleta.fila_revisao(dmf).iloc[0]["id"])
    _escolher(at, envio_id)
    antes = envio(envio_id)
    _botoes(at, "Devolver para correção")[0].click().run()
    sem_excecao(at)
    erro = _textos(at, "error")
    assert "Nada foi gravado" in erro and "Campo “comentário da devolução”: escreva o motivo" in erro
    depois = envio(envio_id)
    assert (depois.status, depois.versao) == (antes.status, antes.versao)

    at.text_area(key="rv_acao_devolver").input("E03 não confere com o relatório mensal")
    _botoes(at, "Devolver para correção")[0].click().run()
    sem_excecao(at)
    e = envio(envio_id)
    assert e.status == "devolvido" and e.comentario_revisao == "E03 não confere com o relatório mensal"


def test_reabrir_um_aprovado_exige_motivo(banco_limpo, demo_usuarios):
    cnmp = demo_usuarios["cnmp"]
    at = _pagina(cnmp)
    at.multiselect(key="rv_situacoes").set_value(["aprovado"]).run()
    sem_excecao(at)
    envio_id = int(coleta.fila_revisao(cnmp, situacoes=("aprovado",)).iloc[0]["id"])
    _escolher(at, envio_id)
    _botoes(at, "Reabrir")[0].click().run()
    sem_excecao(at)
    assert "Campo “motivo da reabertura”" in _textos(at, "error")
    assert envio(envio_id).status == "aprovado"

    at.text_area(key="rv_acao_reabrir").input("Erro de digitação em E07 apontado pelo Escritório")
    _botoes(at, "Reabrir")[0].click().run()
    sem_excecao(at)
    assert envio(envio_id).status == "devolvido"
    with sessao() as s:
        ev = s.exec(
            select(EventoRevisao).where(EventoRevisao.envio_id == envio_id, EventoRevisao.acao == "reaberto")
        ).one()
    assert ev.usuario_id == cnmp.id and "digitação" in ev.comentario


def _dmf_informa_um_envio(dmf) -> int:
    """O DMF informa e envia os valores de um Escritório sem envio no último mês fechado."""
    hoje = relogio.hoje()
    with sessao() as s:
        pers = list(s.exec(select(PeriodoColeta).where(PeriodoColeta.periodicidade == "mensal")))
        per = monitoramento.periodo_padrao(pers, hoje)
        com_envio = set(s.exec(select(EnvioColeta.unidade_chave).where(EnvioColeta.periodo_id == per.id)))
        u = next(u for u in unidades.todas(s, "escritorio") if u.informa and u.chave not in com_envio)
    f = coleta.formulario(dmf, "escritorio", u.id, per.id, hoje)
    numeros = {"E01": 10, "E02": 20, "E03": 8, "E04": 4, "E05": 3, "E06": 2, "E07": 1, "E08": 1}
    valores = [coleta.ValorInformado(it.versao.id, "", valor=Decimal(numeros[it.indicador.codigo])) for it in f.itens]
    return coleta.salvar(dmf, "escritorio", u.id, per.id, valores, hoje=hoje, versao_envio=None, enviar=True).envio_id


def test_quem_informou_ve_o_motivo_da_segregacao_e_nao_valida(banco_limpo, demo_usuarios):
    dmf, admin = demo_usuarios["dmf"], demo_usuarios["admin"]
    envio_id = _dmf_informa_um_envio(dmf)
    at = _pagina(dmf)
    _escolher(at, envio_id)
    assert not _botoes(at, "Validar")
    aviso = _textos(at, "warning")
    assert "Validar não está disponível para você" in aviso and "Você informou valores deste envio" in aviso
    assert dmf.email in _textos(at, "markdown")  # quem informou
    assert _botoes(at, "Devolver para correção")  # devolver continua possível
    # outra pessoa com o mesmo poder valida
    at = _pagina(admin)
    _escolher(at, envio_id)
    assert _botoes(at, "Validar")


def _ano_com_meta_e_aprovados() -> int | None:

    from models.indicadores import AlvoIndicador

    with sessao() as s:
        metas = set(s.exec(select(AlvoIndicador.ano).distinct()))
        aprovados = set(
            s.exec(
                select(PeriodoColeta.ano)
                .join(EnvioColeta, EnvioColeta.periodo_id == PeriodoColeta.id)
                .where(EnvioColeta.status == "aprovado")
                .distinct()
            )
        )
    return max(metas & aprovados, default=None)


@pytest.mark.parametrize("perfil", ["admin", "dmf", "cnmp"])
def test_monitoramento_abas_e_mapa(perfil, demo_usuarios):
    at = _pagina(demo_usuarios[perfil], "paginas/monitoramento.py")
    assert [t.value for t in at.title] == ["Monitoramento dos indicadores"]
    assert [t.label for t in at.tabs] == [
        "Completude e pontualidade",
        "Tendência",
        "Comparação entre UFs",
        "Metas anuais",
    ]
    specs = [json.loads(g.proto.spec) for g in at.get("plotly_chart")]
    tipos = [d["type"] for sp in specs for d in sp["data"]]
    assert "choropleth" in tipos and "scatter" in tipos and "bar" in tipos
    mapa = next(sp for sp in specs if sp["data"][0]["type"] == "choropleth")
    assert mapa["layout"]["coloraxis"]["colorbar"]["title"]["text"] == "Recebidos (%)"
    titulos_x = {sp["layout"].get("xaxis", {}).get("title", {}).get("text") for sp in specs}
    assert {"Período", "UF"} <= titulos_x
    texto = _textos(at, "markdown") + _textos(at, "caption")
    assert "Unidades esperadas sem envio e com prazo vencido" in texto
    # incluir valores ainda não aprovados na tendência: aviso e nada quebra
    at.toggle(key="mn_t_todos").set_value(True).run()
    sem_excecao(at)
    assert "não os divulgue" in _textos(at, "caption")
    # metas anuais com barra de progresso: num ano com meta no catálogo e valores aprovados (as metas de
    # exemplo de data/indicadores.json têm anos fixos; os valores da demonstração acompanham a data real)
    ano = _ano_com_meta_e_aprovados()
    if ano is None:
        pytest.skip("as metas de exemplo do catálogo não cobrem mais nenhum ano com valores aprovados da demonstração")
    at.selectbox(key="mn_m_ano").set_value(ano).run()
    assert at.get("progress")


def test_monitoramento_oferece_os_emails_para_cobrar_os_atrasados(demo_usuarios):
    from urllib.parse import unquote

    dmf, pf = demo_usuarios["dmf"], demo_usuarios["pf_escritorio"]
    # um período vencido em que o Escritório de Vitória (que tem ponto focal) não enviou
    periodos = coleta.periodos_da_unidade(pf, "escritorio", pf.escritorio_id, relogio.hoje())
    pendentes = coleta.pendentes_de_envio(periodos)
    periodo_id = int(pendentes[coleta.travados(pendentes)]["id"].iloc[0])
    emails = monitoramento.emails_para_cobrar(monitoramento.completude(dmf, periodo_id, relogio.hoje()))
    assert pf.email in emails
    at = _pagina(dmf, "paginas/monitoramento.py")
    padrao = at.selectbox(key="mn_periodo").value
    assert at.query_params["periodo"] == str(padrao), "o período escolhido fica na URL"
    # o link /monitoramento?periodo=<id> abre naquele período
    at = abrir(dmf)
    at.query_params["periodo"] = str(periodo_id)
    at.switch_page("paginas/monitoramento.py").run()
    sem_excecao(at)
    assert at.selectbox(key="mn_periodo").value == periodo_id
    (expansor,) = [e for e in at.expander if e.label.startswith("Escrever aos pontos focais em atraso")]
    assert expansor.label.endswith(f"({len(emails)})")
    assert [c.value for c in at.code] == ["; ".join(emails)]
    (botao,) = [b for b in at.get("link_button") if b.proto.label == "Abrir no programa de e-mail"]
    destino = unquote(botao.proto.url.split("&", 1)[0])
    assert destino == "mailto:?bcc=" + ",".join(emails)


def test_monitoramento_periodo_sem_unidade_esperada(banco_limpo, demo_usuarios):
    from dominio.indicadores.regras import datas_do_periodo

    with sessao() as s:
        ini, fim = datas_do_periodo("anual", 2023, 1)
        p = PeriodoColeta(
            periodicidade="anual", ano=2023, numero=1, inicio=ini, fim=fim, abertura=ini, prazo=date(2024, 1, 31)
        )
        s.add(p)
        s.flush()
        pid = p.id
    at = _pagina(demo_usuarios["dmf"], "paginas/monitoramento.py")
    at.selectbox(key="mn_periodo").set_value(pid).run()
    sem_excecao(at)
    assert "Nenhuma unidade é esperada em Ano de 2023" in _textos(at, "info")
    assert not any(json.loads(g.proto.spec)["data"][0]["type"] == "choropleth" for g in at.get("plotly_chart"))


def test_pagina_publica_mostra_os_indicadores_aprovados(demo_usuarios):
    from streamlit.testing.v1 import AppTest

    from dominio.publico import consultas
    from tests.conftest import APP

    at = AppTest.from_file(APP, default_timeout=90).run()
    sem_excecao(at)
    assert "Indicadores" in [s.value for s in at.subheader]
    painel = consultas.painel_publicado()  # o painel mostra o publicado, não o calculado agora
    destaques, ano = painel.tabelas["indicadores_destaques"], painel.extras["ano_indicadores"]
    metricas = {m.label: m.value for m in at.metric}
    for codigo, rotulo in monitoramento.ROTULOS_PUBLICOS.items():
        linha = destaques[(destaques["Código"] == codigo) & (destaques["Ano"] == ano)]
        assert metricas[rotulo] == linha["Valor"].iloc[0]
    texto = _textos(at, "caption") + _textos(at, "markdown")
    assert "aprovados" in texto and "Zeros são publicados" in texto
    assert "Pessoas inseridas no trabalho e egressos empregados, por UF" in texto
    tabelas = " ".join(df.value.to_csv() for df in at.dataframe)
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", tabelas)
    assert demo_usuarios["pf_escritorio"].nome not in tabelas


# --- publicação do painel público ---------------------------------------------------------------------


def test_cnmp_publica_o_painel_pela_revisao_e_o_publico_passa_a_ver(banco_limpo, demo_usuarios):
    from dominio.publico import consultas
    from models.plano import AcaoComunicacao
    from models.publico import PainelPublicado
    from tests.apoio.banco import contar

    with sessao() as s:
        s.add(
            AcaoComunicacao(
                tipo="oficina",
                titulo="Oficina depois da publicação",
                data=relogio.hoje(),
                publico_magistrados=0,
                publico_membros_mp=0,
                publico_servidores=500,
                publico_outros=0,
            )
        )
        s.commit()
    antes = consultas.tabelas_publicas()["publico_acoes_comunicacao"].set_index("Tipo de ação")
    publicados = contar(PainelPublicado)
    at = _pagina(demo_usuarios["cnmp"])
    assert any(e.label == "Publicar o painel público" for e in at.expander)
    at.button(key="rv_publicar").click().run()
    sem_excecao(at)
    assert contar(PainelPublicado) == publicados + 1
    assert any("publicado" in s.value for s in at.success)
    historico = next(d.value for d in at.dataframe if "Publicado em" in d.value.columns)
    assert "Limite de supressão (k)" in historico.columns and "k" not in historico.columns  # não só a letra
    depois = consultas.tabelas_publicas()["publico_acoes_comunicacao"].set_index("Tipo de ação")
    servidores = lambda t: int(t.loc["Oficina", "Servidores"].replace(".", ""))  # noqa: E731
    assert servidores(depois) == servidores(antes) + 500
    # quem só valida também publica (DMF); a administração técnica, não
    assert not any(e.label == "Publicar o painel público" for e in _pagina(demo_usuarios["admin"]).expander)


def test_painel_publico_sem_publicacao_avisa(banco_limpo):
    from streamlit.testing.v1 import AppTest

    from models.publico import PainelPublicado
    from tests.conftest import APP

    with sessao() as s:
        for p in s.exec(select(PainelPublicado)).all():
            s.delete(p)
        s.commit()
    at = AppTest.from_file(APP, default_timeout=90).run()
    sem_excecao(at)
    assert any("ainda não foi publicado" in i.value for i in at.info)
    assert not at.dataframe


def _sem_alerta(fila) -> list[int]:
    return [int(i) for i in fila[(fila["Regras com falha"] == 0) & (fila["Atípicos"] == 0)]["id"]]


def test_dmf_valida_em_lote_os_envios_sem_alerta_que_escolheu(banco_limpo, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    fila = coleta.fila_revisao(dmf)
    sem_alerta, com_alerta = _sem_alerta(fila), sorted(set(fila["id"]) - set(_sem_alerta(fila)))
    assert len(sem_alerta) >= 3 and com_alerta, "a demonstração tem envios com e sem alerta"
    at = _pagina(dmf)
    # a tabela do lote: a da fila sem as colunas da situação e dos alertas
    tabela = next(d.value for d in at.dataframe if "No prazo" in d.value.columns and "Situação" not in d.value.columns)
    assert len(tabela) == len(sem_alerta), "o lote começa com todos os sem alerta, e só eles"
    assert f"**{len(sem_alerta)}** envio(s) no lote." in _textos(at, "caption")
    assert not [m for m in at.multiselect if (m.key or "").startswith("rv_lote_aprovar")], "o DMF não aprova"
    fica = sem_alerta[0]
    at.multiselect(key="rv_lote_validar_fora").select(fica).run()
    sem_excecao(at)
    assert f"**{len(sem_alerta) - 1}** envio(s) no lote." in _textos(at, "caption")
    _botoes(at, "Validar os envios do lote")[0].click().run()
    sem_excecao(at)
    assert f"{len(sem_alerta) - 1} envio(s) validado(s): seguem para a Comissão do CNMP." in _textos(at, "success")
    assert {envio(i).status for i in sem_alerta[1:]} == {"validado"}
    assert envio(fica).status == "enviado", "o que saiu da escolha não foi validado"
    assert {envio(int(i)).status for i in com_alerta} == {"enviado"}, "os com alerta ficam para o exame um a um"
    assert at.multiselect(key=f"{prefixo(at, 'rv_lote_validar')}_fora").value == [], "nada de fora na tela nova"
    assert "**1** envio(s) no lote." in _textos(at, "caption"), "o lote agora só tem o que sobrou"


def test_lote_com_envio_alterado_por_outra_pessoa_nao_grava_e_a_nova_tentativa_le_o_atual(banco_limpo, demo_usuarios):
    cnmp = demo_usuarios["cnmp"]
    at = _pagina(cnmp)
    lote = _sem_alerta(coleta.fila_revisao(cnmp))
    assert len(lote) >= 2 and f"**{len(lote)}** envio(s) no lote." in _textos(at, "caption")
    # depois que o lote apareceu, outra pessoa (noutra réplica) altera um dos envios: a versão muda
    with sessao() as s:
        alterado = s.get(EnvioColeta, lote[0])
        alterado.comentario_revisao = "anotação de outra pessoa"
        s.add(alterado)
    _botoes(at, "Aprovar os envios do lote")[0].click().run()
    sem_excecao(at)
    erros = _textos(at, "error")
    assert "foi alterado por outra pessoa depois que a fila foi mostrada" in erros, erros
    assert {envio(i).status for i in lote} == {"validado"}, "nada aprovado, nem os que estavam em ordem"
    # a nova tentativa parte das versões atuais
    _botoes(at, "Aprovar os envios do lote")[0].click().run()
    sem_excecao(at)
    assert f"{len(lote)} envio(s) aprovado(s): os valores ficam travados." in _textos(at, "success")
    assert {envio(i).status for i in lote} == {"aprovado"}
