"""Minhas pendências pelo app.py: a página inicial de quem entra, com as contagens do serviço e um
link por item que abre a página de destino já filtrada ou no item; o visitante não a tem."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from core import relogio
from dominio.indicadores import coleta
from dominio.pendencias import servicos as pendencias
from dominio.plano import servicos as plano
from tests.apoio.paginas import abrir, sem_excecao

PERFIS = ["admin", "dmf", "cnmp", "pf_grupo", "pf_escritorio"]


def _abrir_na(usuario, pagina: str, **parametros: str):
    """Abre `pagina` como `usuario` pelo link de uma pendência (os parâmetros da URL) e confere que não falhou."""
    at = abrir(usuario).switch_page(pagina)
    for chave, valor in parametros.items():
        at.query_params[chave] = valor
    at.run()
    sem_excecao(at)
    return at


def _pendencia(usuario, tipo: str):
    return next(p for p in pendencias.pendencias(usuario, relogio.hoje()) if p.tipo == tipo)


def _links(at) -> list:
    return [e.proto for e in at.get("page_link")]


@pytest.mark.parametrize("perfil", PERFIS)
def test_inicial_de_quem_entra_com_contagens_e_links(perfil, demo_usuarios):
    usuario = demo_usuarios[perfil]
    at = abrir(usuario)
    sem_excecao(at)
    assert [t.value for t in at.title][0] == "Minhas pendências"
    lista = pendencias.pendencias(usuario, relogio.hoje())
    texto = " ".join(m.value for m in at.markdown)
    links = _links(at)
    for p in lista:
        # o número mostrado é o do serviço (o mesmo da página de destino)
        assert f": {p.quantidade:,}**".replace(",", ".") in texto, p.tipo
        destino = [pl for pl in links if pl.page.endswith(p.pagina.split("/")[1][:-3])]
        for item in p.itens:
            assert any(parse_qs(pl.query_string) == {k: [v] for k, v in item.filtros.items()} for pl in destino), (
                p.tipo,
                item,
            )
    total = sum(p.quantidade for p in lista)
    if total == 0:
        assert any("Nada pendente" in s.value for s in at.success)


def test_visitante_nao_tem_a_pagina():
    at = abrir()
    sem_excecao(at)
    assert "Minhas pendências" not in [t.value for t in at.title]
    with pytest.raises(ValueError):
        at.switch_page("paginas/pendencias.py")


def test_visao_geral_segue_no_menu(demo_usuarios):
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/visao_geral.py").run()
    sem_excecao(at)
    assert "Visão geral" in [t.value for t in at.title]
    # os alertas do plano viraram links para a página em que se resolvem
    cronograma = [pl for pl in _links(at) if pl.page.endswith("cronograma")]
    assert cronograma and all(parse_qs(pl.query_string).get("ano") for pl in cronograma)


def test_link_da_revisao_abre_a_fila_no_envio(demo_usuarios):
    dmf = demo_usuarios["dmf"]
    fila = coleta.fila_revisao(dmf, situacoes=("enviado",))
    alvo = int(fila["id"].iloc[3])
    at = _abrir_na(dmf, "paginas/revisao.py", situacao="enviado", envio=str(alvo))
    assert at.multiselect(key="rv_situacoes").value == ["enviado"]
    assert at.selectbox(key="rv_envio").value == alvo
    assert f"**{len(fila)}** envio(s) na fila" in " ".join(m.value for m in at.markdown)


def test_link_da_prestacao_de_contas_filtra_as_vencidas(demo_usuarios):
    dmf = demo_usuarios["dmf"]
    at = _abrir_na(dmf, "paginas/prestacao_contas.py", situacao="vencida")
    assert at.multiselect(key="pc_sit").value == ["vencida"]
    vencidas = _pendencia(dmf, "prestacoes_vencidas").quantidade
    assert any(c.value.startswith(f"{vencidas:,}".replace(",", ".") + " prestação(ões)") for c in at.caption)


def test_link_das_obrigacoes_abre_a_lista_sem_evidencia_e_a_obrigacao(demo_usuarios):
    dmf = demo_usuarios["dmf"]
    listadas = plano.obrigacoes_sem_evidencia(dmf)
    at = _abrir_na(dmf, "paginas/plano.py", obrigacoes="sem_evidencia")
    assert at.toggle(key="ob_sem_evidencia").value is True
    tabela = next(d for d in at.dataframe if "Obrigação" in d.value.columns)
    assert len(tabela.value) == len(listadas)
    alvo = int(listadas["id"].iloc[1])
    at = _abrir_na(dmf, "paginas/plano.py", obrigacao=str(alvo))
    texto = plano.obter_obrigacao(dmf, alvo).texto
    assert any(texto[:30] in m.value for m in at.markdown), "a obrigação do link aberta"


def test_link_do_cronograma_abre_o_ano(demo_usuarios):
    at = _abrir_na(demo_usuarios["dmf"], "paginas/cronograma.py", ano="3")
    assert at.selectbox(key="cr_ano").value == 3
    assert not at.warning or all("Session State" not in w.value for w in at.warning)


def test_link_da_coleta_abre_o_periodo(demo_usuarios):
    pf = demo_usuarios["pf_escritorio"]
    a_enviar = _pendencia(pf, "coleta_a_enviar")
    periodo = int(a_enviar.itens[0].filtros["periodo"])
    at = _abrir_na(pf, "paginas/coleta.py", periodo=str(periodo))
    assert periodo in [s.value for s in at.selectbox if (s.key or "").startswith("co_periodo_")]


def test_links_do_administrador_abrem_incidente_e_lista_filtrada(demo_usuarios):
    admin = demo_usuarios["admin"]
    lgpd = _pendencia(admin, "lgpd")
    incidente = int(lgpd.itens[0].filtros["incidente"])
    at = _abrir_na(admin, "paginas/lgpd.py", incidente=str(incidente))
    assert at.selectbox(key="lg_escolhido").value == incidente

    sem_escopo = _pendencia(admin, "sem_escopo")
    at = _abrir_na(admin, "paginas/usuarios.py", filtro="sem_escopo")
    textos = " ".join(i.value for i in at.info)
    assert f"Mostrando só pontos focais sem unidade ativa: {sem_escopo.quantidade}." in textos
