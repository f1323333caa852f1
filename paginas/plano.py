"""Plano de trabalho: as seis metas com progresso e o que conta para cada uma, as etapas
e as obrigações das Cláusulas 3ª a 5ª com evidências e comentários."""

import streamlit as st

from comum import exportacao
from core import acesso
from dominio.plano import servicos as plano
from models.plano import STATUS_OBRIGACAO
from ui import graficos
from ui.campos import em_formulario, formulario_de_edicao, opcao
from ui.comum import (
    abrir_pagina,
    grafico,
    id_da_url,
    linha_da_url,
    tabela_exportavel,
    texto_md,
)
from ui.plano import abas_do_item, bloco_comentarios, escolher_ano, mostrar_alertas, mostrar_comentarios_aguardando

ator, hoje, pode_editar = abrir_pagina(
    "Plano de trabalho",
    "Anexo 1 do ACT CNJ–CNMP nº 22/2023: metas (item 4), etapas (item 5) e obrigações dos partícipes "
    "(Cláusulas 3ª a 5ª).",
    permissao=acesso.PLANO_EDITAR,
)
mostrar_alertas(ator, hoje)
if acesso.pode(ator, acesso.PLANO_COMENTAR):
    mostrar_comentarios_aguardando(ator)


def campos_obrigacao(prefixo: str, o) -> dict:
    """Situação e observações da obrigação `o` (dentro do `st.form`)."""
    return {
        "status": opcao(STATUS_OBRIGACAO, "Situação", f"{prefixo}_status", o.status),
        "observacoes": st.text_area("Observações", value=o.observacoes, key=f"{prefixo}_obs"),
    }


# ?obrigacoes=sem_evidencia ou ?obrigacao=N (links de Minhas pendências) abrem a aba das obrigações
obrigacao_da_url = id_da_url("obrigacao")
so_sem_evidencia = st.query_params.get("obrigacoes") == "sem_evidencia"
aba_metas, aba_etapas, aba_obrig = st.tabs(
    ["Metas", "Etapas", "Obrigações"], default="Obrigações" if so_sem_evidencia or obrigacao_da_url else None
)

with aba_metas:
    p = escolher_ano(ator, hoje, "pl_ano")
    df = plano.tabela_metas(ator, p.id if p else None)
    st.info(plano.REGRA_PROGRESSO, icon=":material/calculate:")
    grafico(graficos.barras_progresso_metas(df), config=graficos.CONFIG_GRAFICO, key="pl_progresso")
    st.download_button(
        "Baixar a tabela de metas (XLSX)",
        exportacao.para_xlsx(df.drop(columns=["id"]), aba="Metas"),
        f"metas_ano_{p.ano if p else 'todos'}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="pl_metas_xlsx",
        icon=":material/download:",
    )
    for _, m in df.iterrows():
        prog = m["Progresso (%)"]
        with st.container(border=True):
            st.markdown(f"**Meta {m['Meta']}** — {texto_md(m['Texto'])}")
            if prog is None or prog != prog:  # None ou NaN
                st.progress(0, text="Sem atividades vinculadas neste ano")
            else:
                st.progress(min(1.0, float(prog) / 100), text=f"{prog:.0f}% executado".replace(".", ","))
            st.caption(
                f"{m['Atividades']} atividade(s) ({m['Atividades concluídas']} concluída(s)) · "
                f"{m['Ações de comunicação']} ação(ões) de comunicação · {m['Publicações']} publicação(ões)"
            )
            with st.expander("O que conta para esta meta, evidências e comentários"):
                comp = plano.composicao_meta(ator, m["Meta"], p.id if p else None)
                st.markdown("**Atividades do cronograma (entram na média)**")
                if comp.atividades.empty:
                    st.caption("Nenhuma atividade vinculada neste ano.")
                else:
                    st.dataframe(comp.atividades, hide_index=True, width="stretch")
                c1, c2 = st.columns(2)
                with c1:
                    st.markdown("**Ações de comunicação**")
                    if comp.acoes.empty:
                        st.caption("Nenhuma.")
                    else:
                        tabela_exportavel(comp.acoes, f"meta_{m['Meta']}_acoes", chave=f"pl_acoes_{m['Meta']}")
                with c2:
                    st.markdown("**Publicações**")
                    if comp.publicacoes.empty:
                        st.caption("Nenhuma.")
                    else:
                        tabela_exportavel(
                            comp.publicacoes, f"meta_{m['Meta']}_publicacoes", chave=f"pl_pubs_{m['Meta']}"
                        )
                st.markdown("**Evidências das atividades**")
                if comp.evidencias.empty:
                    st.caption("Nenhuma evidência registrada nas atividades desta meta.")
                else:
                    st.dataframe(
                        comp.evidencias,
                        hide_index=True,
                        width="stretch",
                        column_config={"Data": st.column_config.DateColumn("Data", format="DD/MM/YYYY")},
                    )
                st.markdown("**Comentários**")
                bloco_comentarios(ator, "meta", int(m["id"]))

with aba_etapas:
    for nome, itens in plano.etapas_com_itens(ator):
        st.markdown(f"#### {texto_md(nome)}")
        st.markdown("\n".join(f"- {texto_md(i)}" for i in itens))

with aba_obrig:
    st.caption(
        "Cláusula 3ª: obrigações comuns; 4ª: do CNJ; 5ª: do CNMP. Uma obrigação só é marcada como cumprida "
        "depois de ter ao menos uma evidência."
    )
    c1, c2, c3 = st.columns([2, 2, 1])
    f_resp = c1.multiselect("Responsável", ["CNJ", "CNMP", "CNJ e CNMP"], key="ob_resp", placeholder="Todos")
    f_sit = c2.multiselect("Situação", list(STATUS_OBRIGACAO.values()), key="ob_sit", placeholder="Todas")
    sem_evidencia = c3.toggle(
        "Só as sem evidência",
        value=so_sem_evidencia,
        key="ob_sem_evidencia",
        help="As que pedem evidência (não “não aplicável”) e ainda não têm nenhuma: as de Minhas pendências.",
    )
    ob = plano.obrigacoes_sem_evidencia(ator) if sem_evidencia else plano.tabela_obrigacoes(ator)
    if f_resp:
        ob = ob[ob["Responsável"].isin(f_resp)]
    if f_sit:
        ob = ob[ob["Situação"].isin(f_sit)]
    sel = tabela_exportavel(
        ob.reset_index(drop=True),
        "obrigacoes",
        chave="ob_tabela",
        selecionavel=True,
        vazio="Nenhuma obrigação com esses filtros.",
    )
    if sel is None and obrigacao_da_url is not None:
        sel = linha_da_url(ob, "obrigacao")  # ?obrigacao=N: a obrigação aberta por um link
    if sel is not None:
        o = plano.obter_obrigacao(ator, int(sel["id"]))
        st.divider()
        st.markdown(f"**Cláusula {o.clausula}ª, alínea {texto_md(o.alinea)})** — {texto_md(o.texto)}")
        tabs = abas_do_item(ator, "obrigacao", o.id, hoje, edicao="Situação" if pode_editar else None)
        if pode_editar:
            with tabs["Situação"]:
                formulario_de_edicao(
                    em_formulario(campos_obrigacao, icon=":material/save:"),
                    f"ob_editar_{o.id}",
                    o,
                    lambda dados, versao: plano.salvar_obrigacao(ator, o.id, versao, **dados),
                    chave=f"obrigacao_{o.id}",
                    mensagem="Obrigação atualizada.",
                )
