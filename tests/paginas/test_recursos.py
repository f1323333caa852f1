"""Páginas de recursos pelo app.py (AppTest): Sankey, série, mapa e tabela; formulário que
não grava com dado ruim; importação pela página; prestação de contas; aba Recursos do Fundo;
agregados no painel público; ponto focal sem acesso a fluxos."""

from __future__ import annotations

from sqlmodel import select

from core.banco import sessao
from models.recursos import FluxoRecurso
from tests.apoio.banco import contar
from tests.apoio.paginas import abrir, clicar, recusado, selecionar_primeira, sem_excecao


def test_recursos_desenha_sankey_serie_mapa_e_tabela(demo_usuarios):
    at = abrir(demo_usuarios["cnmp"]).switch_page("paginas/recursos.py").run()
    sem_excecao(at)
    assert [g.key for g in at.get("plotly_chart")] == ["rc_sankey"], "abas sob demanda: só a aberta calcula"
    for aba, grafico in (("Por mês", "rc_serie"), ("Por UF", "rc_mapa")):
        at.session_state["rc_abas"] = aba  # o clique na aba
        at.run()
        sem_excecao(at)
        assert [g.key for g in at.get("plotly_chart")] == [grafico], aba
    assert [m.label for m in at.metric] == ["Potencial", "Destinado", "Transferido", "Aplicado"]
    assert all(m.value.startswith("R$ ") for m in at.metric)
    assert any("fluxo(s), total de R$ " in c.value for c in at.caption)
    assert not any(e.label == "Novo fluxo" for e in at.expander), "CNMP não inclui fluxos"
    assert "Importar planilha" not in [t.label for t in at.tabs]


def test_filtro_por_uf_e_origem_reduz_os_totais(demo_usuarios):
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/recursos.py").run()
    total = at.metric[1].value
    at.multiselect(key="rc_uf").select("ES").run()
    at.multiselect(key="rc_origem").select("prestacao_pecuniaria").run()
    sem_excecao(at)
    assert at.metric[1].value != total
    df = at.dataframe[-1].value if at.dataframe else None
    assert df is not None


def _incluir_fluxo(usuario, processo: str):
    """Preenche o formulário de novo fluxo (primeiro Fundo, TJRJ, R$ 12.345,67) com o número de
    `processo` dado e clica em Incluir."""
    from dominio.recursos.servicos import opcoes_destino

    at = abrir(usuario).switch_page("paginas/recursos.py").run()
    at.selectbox(key="rc_novo_fundo").set_value(next(iter(opcoes_destino()["fundo"]))).run()
    at.selectbox(key="rc_novo_uf").select("RJ")
    at.text_input(key="rc_novo_orgao").input("TJRJ — Comarca da Capital — VEP")
    at.text_input(key="rc_novo_processo").input(processo)
    at.text_input(key="rc_novo_valor").input("12.345,67")
    clicar(at, "Incluir")
    return at


def test_novo_fluxo_com_processo_invalido_nao_grava(banco_limpo, demo_usuarios):
    antes = contar(FluxoRecurso)
    at = _incluir_fluxo(demo_usuarios["dmf"], "0058967-78.2016.8.19.0000")  # dígito verificador trocado
    recusado(at, "Campo “número do processo”", "dígitos verificadores não conferem")
    assert at.text_input(key="rc_novo_valor").value == "12.345,67"
    assert contar(FluxoRecurso) == antes


def test_novo_fluxo_valido_grava(banco_limpo, demo_usuarios):
    antes = contar(FluxoRecurso)
    at = _incluir_fluxo(demo_usuarios["dmf"], "0058967-77.2016.8.19.0000")
    assert any("Fluxo incluído" in s.value for s in at.success), [e.value for e in at.error]
    assert contar(FluxoRecurso) == antes + 1
    with sessao() as s:
        f = s.exec(select(FluxoRecurso).order_by(FluxoRecurso.id.desc())).first()
        assert str(f.valor) == "12345.67" and f.processo == "0058967-77.2016.8.19.0000"


def test_prestacao_de_contas_lista_vencidas(demo_usuarios):
    at = abrir(demo_usuarios["cnmp"]).switch_page("paginas/prestacao_contas.py").run()
    sem_excecao(at)
    assert at.metric[0].label == "Vencidas" and int(at.metric[0].value.replace(".", "")) > 0
    df = at.dataframe[0].value
    assert set(df["Situação"]) <= {"vencida", "a vencer"}
    assert set(df["Procedimento"]) <= {"simplificado", "completo", "a verificar"}


def test_dmf_registra_prestacao_com_erro_e_depois_certa(banco_limpo, demo_usuarios):
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/prestacao_contas.py").run()
    selecionar_primeira(at, "pc_tabela")
    pre = next(w.key for w in at.selectbox if w.key and w.key.startswith("pc_editar_")).rsplit("_", 1)[0]
    at.selectbox(key=f"{pre}_status").set_value("apresentada")
    clicar(at, "Salvar")
    recusado(at, "Campo “data da prestação de contas”", "Campo “atividades e resultados”")


def test_aba_recursos_do_fundo(demo_usuarios):
    at = abrir(demo_usuarios["cnmp"]).switch_page("paginas/fundos.py").run()
    selecionar_primeira(at, "fu_tabela")
    assert "Recursos" in [t.label for t in at.tabs]
    assert any(m.label == "Transferido" for m in at.metric)  # o sentido do glossário: transferido e aplicado


def test_ponto_focal_nao_ve_fluxos(demo_usuarios):
    import pytest

    at = abrir(demo_usuarios["pf_escritorio"])
    for pagina in ("paginas/recursos.py", "paginas/prestacao_contas.py"):
        with pytest.raises(ValueError):
            at.switch_page(pagina)


def test_painel_publico_mostra_so_agregados_de_recursos():
    at = abrir()
    sem_excecao(at)
    assert any("Recursos destinados" in h.value for h in at.subheader)
    assert any(m.label == "Total destinado" and m.value.startswith("R$ ") for m in at.metric)
    for d in at.dataframe:  # nenhum órgão, processo ou destino nominal no público
        assert not {"Processo", "Órgão de origem", "Destino"} & set(d.value.columns)
        assert "Comarca" not in d.value.to_string() and "Promotoria" not in d.value.to_string()
