"""Cronograma (Plano de Trabalho, item 6): Gantt por ano do plano, previsto × executado,
linha de hoje, atrasos; edição de meses e situação pelo DMF, com histórico."""

import streamlit as st

from comum import formatos
from core import acesso
from dominio.plano import servicos as plano
from dominio.plano.regras import inicio_do_mes, posicao_de_hoje
from models.plano import STATUS_ATIVIDADE
from ui import graficos
from ui.campos import em_formulario, formulario_de_edicao, opcao
from ui.comum import (
    abrir_pagina,
    grafico,
    tabela_exportavel,
    texto_md,
    tratando_erros,
)
from ui.historico import mostrar_trilha
from ui.plano import abas_do_item, escolher_ano, escolher_metas, mostrar_alertas

ator, hoje, pode_editar = abrir_pagina(
    "Cronograma",
    "Plano de Trabalho, item 6: as atividades ao longo dos meses 1 a 12 de cada ano do plano. "
    "O Mês 1 começa no mês da assinatura do acordo (14/11/2023), salvo ajuste.",
    permissao=acesso.PLANO_EDITAR,
)


def campos_atividade(prefixo: str, a) -> plano.DadosAtividade:
    """Os campos de edição da atividade `a` do ano `p` (dentro do `st.form`)."""
    rot = {m: f"Mês {m} ({inicio_do_mes(p.inicio, m):%m/%Y})" for m in range(1, 13)}

    def meses(rotulo: str, atuais: list[int], campo: str, **extra) -> list[int]:
        return st.multiselect(
            rotulo,
            list(rot),
            default=atuais,
            format_func=rot.get,
            key=f"{prefixo}_{campo}",
            placeholder="Nenhum mês",
            **extra,
        )

    previstos = meses("Meses previstos", a.meses_previstos, "previstos")
    executados = meses(
        "Meses executados",
        a.meses_executados,
        "executados",
        help="Meses em que houve execução. Meses que ainda não começaram não entram.",
    )
    c1, c2 = st.columns(2)
    status = opcao(STATUS_ATIVIDADE, "Situação", f"{prefixo}_status", a.status, onde=c1)
    percentual = c2.number_input(
        "% executado", min_value=0, max_value=100, step=5, value=a.percentual, key=f"{prefixo}_percentual", format="%d"
    )
    metas = escolher_metas(f"{prefixo}_metas", plano.metas_da_atividade(ator, a.id), "Metas a que a atividade serve")
    obs = st.text_area("Observações", value=a.observacoes, key=f"{prefixo}_obs")
    return plano.DadosAtividade(
        meses_previstos=previstos,
        meses_executados=executados,
        status=status,
        percentual=percentual,
        metas=metas,
        observacoes=obs,
    )


p = escolher_ano(ator, hoje, "cr_ano")
if p is None:
    st.stop()
mostrar_alertas(ator, hoje, ("cronograma",), titulo="Atividades atrasadas")

df = plano.tabela_cronograma(ator, p.id, hoje)
rotulos = [f"Mês {m}<br>{inicio_do_mes(p.inicio, m):%m/%Y}" for m in range(1, 13)]
pos = posicao_de_hoje(p.inicio, hoje)
if df.empty:
    st.info("Este ano do plano ainda não tem atividades.")
else:
    fig = graficos.gantt_cronograma(df, rotulos, posicao_hoje=pos, rotulo_hoje=f"Hoje ({formatos.data(hoje)})")
    grafico(fig, config=graficos.CONFIG_GRAFICO, key="cr_gantt", rolagem_horizontal=True)
    if pos is None:
        st.caption(f"Hoje ({formatos.data(hoje)}) está fora deste ano do plano; por isso não há linha de hoje.")
    st.caption(plano.REGRA_ATRASO)

    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Atividades", formatos.numero(len(df)))
    c2.metric("Concluídas", formatos.numero(int((df["Situação"] == "Concluída").sum())))
    c3.metric("Atrasadas", formatos.numero(int(df["_atrasada"].sum())))
    c4.metric("Execução média", formatos.percentual(df["% executado"].mean() / 100))

    st.subheader("Atividades")
    visivel = df.drop(columns=["_previstos", "_executados", "_atrasada"])
    sel = tabela_exportavel(
        visivel,
        f"cronograma_ano_{p.ano}",
        chave=f"cr_tabela_{p.ano}",
        selecionavel=True,
        formatos_colunas={
            "% executado": st.column_config.ProgressColumn("% executado", min_value=0, max_value=100, format="%d%%")
        },
    )
    st.caption(
        "Selecione uma atividade na tabela para ver detalhes, evidências, comentários e histórico"
        + (" e para editá-la." if pode_editar else ".")
    )

    if sel is not None:
        a = next(x for x in plano.atividades(ator, p.id) if x.id == int(sel["id"]))
        st.divider()
        st.subheader(f"{a.ordem}. {texto_md(a.nome)}")
        tabs = abas_do_item(
            ator, "atividade", a.id, hoje, edicao="Editar" if pode_editar else None, mais=("Histórico",)
        )
        if pode_editar:
            with tabs["Editar"]:
                formulario_de_edicao(
                    em_formulario(campos_atividade, icon=":material/save:"),
                    f"cr_editar_{a.id}",
                    a,
                    lambda dados, versao: plano.salvar_atividade(ator, a.id, versao, dados, hoje=hoje),
                    chave=f"atividade_{a.id}",
                    mensagem="Atividade atualizada.",
                )
        with tabs["Histórico"]:
            mostrar_trilha(plano.historico_atividade(ator, a.id), chave=f"cr_hist_{a.id}")

if pode_editar:
    ultimo = plano.listar_planos(ator)[-1]
    if ultimo.id == p.id:
        st.divider()
        with st.expander(f"Planejar o ano {p.ano + 1}", icon=":material/content_copy:"):
            st.markdown(
                f"Cria o ano {p.ano + 1} do plano como cópia deste: as mesmas atividades (exceto as canceladas), "
                "etapas, metas e meses previstos, sem nada executado. Depois ajuste os meses aqui mesmo."
            )
            if st.button(f"Criar o ano {p.ano + 1}", key="cr_criar_ano", icon=":material/add:"):
                with tratando_erros():
                    novo = plano.criar_proximo_ano(ator)
                    st.session_state["_cr_ano_ir_para"] = novo.ano
                    st.session_state["_aviso"] = f"Ano {novo.ano} criado a partir do ano {p.ano}."
                    st.rerun()
