"""ui/campos.py: a escolha mostra o rótulo em pt-BR e devolve o código; o formulário só entrega
os dados quando enviado."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _escolhas():
    import streamlit as st

    from ui.campos import opcao

    rotulos = {"a": "Alfa", "b": "Beta", "c": "Gama"}
    st.session_state["atual"] = opcao(rotulos, "Com atual", "com_atual", "b")
    st.session_state["sem_atual"] = opcao(rotulos, "Sem atual", "sem_atual", "zz", padrao=None, placeholder="Todas")


def _formulario():
    import streamlit as st

    from ui.campos import em_formulario

    formulario = em_formulario(lambda prefixo: st.text_input("Nome", key=f"{prefixo}_nome"), "Gravar")
    st.session_state["dados"] = formulario("teste")


def test_opcao_mostra_rotulo_e_devolve_codigo():
    at = AppTest.from_function(_escolhas).run()
    com = at.selectbox(key="com_atual")
    assert com.options == ["Alfa", "Beta", "Gama"] and com.value == "b" and at.session_state["atual"] == "b"
    sem = at.selectbox(key="sem_atual")
    assert sem.value is None and sem.placeholder == "Todas"  # código fora das opções: nenhuma escolhida
    sem.select("c").run()
    assert at.session_state["sem_atual"] == "c"


def test_em_formulario_entrega_os_dados_so_quando_enviado():
    at = AppTest.from_function(_formulario).run()
    assert at.session_state["dados"] is None  # sem envio, nada
    at.text_input(key="teste_nome").input("Maria")
    at.button[0].click().run()
    assert at.button[0].label == "Gravar" and at.session_state["dados"] == "Maria"
    at.run()
    assert at.session_state["dados"] is None  # a execução seguinte, sem clique, não reenvia


def test_texto_md_mostra_o_texto_do_usuario_como_texto():
    """Imagem, link, HTML, LaTeX e diretiva de cor digitados por alguém não viram markdown."""
    from ui.comum import texto_md

    ataque = "![x](http://example.org/p.png) <iframe src=x> $x^2$ :red[alerta] **negrito**"
    escapado = texto_md(ataque)
    for trecho in ("!\\[x\\](", "\\<iframe", "\\$x^2\\$", "\\:red\\[", "\\*\\*negrito"):
        assert trecho in escapado
    # cada caractere especial só ganhou a barra: tirando as barras, o texto é o mesmo
    assert escapado.replace("\\", "") == ataque
    assert texto_md("linha 1\nlinha 2") == "linha 1 linha 2"
    assert texto_md(None) == ""


def _filtros_e_datas():
    import streamlit as st

    from ui.campos import campo_data, filtro, valor_atual

    st.session_state["tipo"] = filtro({"a": "Alfa", "b": "Beta"}, "Tipo", "f_tipo", todos="Todos")
    st.session_state["uf"] = filtro(["PR", "SP"], "UF", "f_uf")
    registro = st.session_state.get("registro")
    st.session_state["data"] = campo_data("Início", "d_inicio", valor_atual(registro, "inicio", None))


def test_filtro_comeca_em_todas_e_campo_data_em_branco_ou_no_valor_atual():
    from datetime import date
    from types import SimpleNamespace

    at = AppTest.from_function(_filtros_e_datas).run()
    tipo, uf = at.selectbox(key="f_tipo"), at.selectbox(key="f_uf")
    assert tipo.options == ["Todos", "Alfa", "Beta"] and at.session_state["tipo"] is None
    assert uf.options == ["Todas", "PR", "SP"] and at.session_state["uf"] is None
    tipo.select("b").run()
    assert at.session_state["tipo"] == "b"
    assert at.date_input(key="d_inicio").value is None and at.session_state["data"] is None  # registro novo
    at = AppTest.from_function(_filtros_e_datas)
    at.session_state["registro"] = SimpleNamespace(inicio=date(2026, 3, 9))
    at.run()
    assert at.session_state["data"] == date(2026, 3, 9)  # na edição, o valor gravado


def _inteiro_e_data_em_texto():
    from datetime import date

    import streamlit as st

    from ui.campos import campo_data_em_texto, campo_inteiro

    st.session_state["lido_qtd"] = campo_inteiro("Quantidade", "qtd", 3, maximo=10)
    st.session_state["lido_ano"] = campo_inteiro("Ano *", "ano", 2025, minimo=2023, maximo=2100)
    st.session_state["lido_inicio"] = campo_data_em_texto("Início *", "inicio", date(2026, 3, 5))
    st.session_state["lido_fim"] = campo_data_em_texto("Término", "fim")


def test_campo_inteiro_e_data_em_texto():
    at = AppTest.from_function(_inteiro_e_data_em_texto).run()
    qtd = at.number_input(key="qtd")
    assert (qtd.value, qtd.min, qtd.max, qtd.step, qtd.format) == (3, 0, 10, 1, "%d")
    assert at.session_state["lido_qtd"] == 3 and isinstance(at.session_state["lido_qtd"], int)
    assert at.number_input(key="ano").min == 2023 and at.session_state["lido_ano"] == 2025
    qtd.set_value(7).run()
    assert at.session_state["lido_qtd"] == 7
    assert at.text_input(key="inicio").value == "05/03/2026" and at.text_input(key="fim").value == ""
    assert at.text_input(key="fim").placeholder == "DD/MM/AAAA"


def _exclusao():
    import streamlit as st

    from ui.campos import exclusao_com_confirmacao

    st.session_state.setdefault("excluidos", 0)

    def excluir():
        st.session_state["excluidos"] += 1

    exclusao_com_confirmacao(
        "Excluir isto", "t_excluir", 7, "Confirma?", excluir, chave="t_7", mensagem="Excluído.", cancelar=True
    )


def test_exclusao_so_depois_de_confirmar_e_nao_manter_desiste():
    at = AppTest.from_function(_exclusao).run()
    assert [b.label for b in at.button] == ["Excluir isto"] and not at.warning
    at.button(key="t_excluir_7").click().run()
    assert at.warning[0].value == "Confirma?" and at.session_state["excluidos"] == 0
    at.button(key="t_excluir_nao_7").click().run()
    assert not at.warning and at.session_state["excluidos"] == 0  # desistiu: nada excluído
    at.button(key="t_excluir_7").click().run()
    at.button(key="t_excluir_sim_7").click().run()
    assert at.session_state["excluidos"] == 1 and at.session_state["_aviso"] == "Excluído."
    assert "t_excluir_conf_7_pedido" not in at.session_state  # o pedido some com a exclusão
