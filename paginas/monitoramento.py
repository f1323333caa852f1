"""Monitoramento dos indicadores (metas b, d e e): completude e pontualidade das entregas por
período, tendência de um indicador, comparação entre UFs e progresso das metas anuais.
Administração, DMF e Comissão do CNMP. Regras em `dominio.indicadores.monitoramento`."""

import streamlit as st

from comum import formatos
from dominio.indicadores import coleta, monitoramento
from dominio.indicadores import servicos as indicadores
from models.indicadores import ALVOS, PERIODICIDADES
from ui import graficos
from ui.comum import abrir_pagina, formatar_colunas, grafico, tabela_exportavel, texto_md
from ui.filtros_url import id_na_url, indice_da_url
from ui.graficos import indicadores as graficos_indicadores
from ui.indicadores import mailto_de_cobranca

ator, hoje, _ = abrir_pagina(
    "Monitoramento dos indicadores",
    "Como no DHIS2: uma unidade é **esperada** num período quando está em funcionamento (Grupo constituído ou "
    "em funcionamento; Escritório em funcionamento) e há indicador ativo daquela periodicidade para o tipo "
    "dela. **Recebido** é o formulário enviado ao menos uma vez; **no prazo**, o enviado até o prazo, "
    "inclusive. Os percentuais dividem pelo número de esperadas (“—” quando nenhuma é esperada).",
)

SO_APROVADOS = ("aprovado",)
COM_NAO_APROVADOS = ("enviado", "validado", "aprovado")
ALVO_POR_ROTULO = {v: k for k, v in ALVOS.items()}

catalogo = indicadores.tabela_catalogo(ator, incluir_inativos=False)
por_indicador = {int(r["id"]): r for _, r in catalogo.iterrows()}
anos = monitoramento.anos_com_dados(ator)
# ano padrão da comparação entre UFs e das metas: o último com valores aprovados (em janeiro, o anterior)
ano_ref = monitoramento.ano_de_referencia(ator, hoje)
ano_padrao = ano_ref if ano_ref in anos else hoje.year if hoje.year in anos else (anos[0] if anos else hoje.year)
# começa por um indicador em destaque (o primeiro que existir no catálogo)
_codigos = {r["Código"]: i for i, r in por_indicador.items()}
indice_padrao = next(
    (list(por_indicador).index(_codigos[c]) for c in ("E07", *monitoramento.INDICADORES_DESTAQUE) if c in _codigos), 0
)


def _rotulo_indicador(i: int) -> str:
    r = por_indicador[i]
    return f"{r['Código']} — {r['Nome']} ({r['Unidades']}, {r['Periodicidade'].lower()})"


def _ano(chave: str, onde=st) -> int:
    """Ano da comparação entre UFs ou das metas: os anos com valores (ou só o atual), começando no
    `ano_padrao`."""
    opcoes = anos or [hoje.year]
    return onde.selectbox("Ano", opcoes, index=opcoes.index(ano_padrao), key=chave, placeholder="Selecione")


def _situacoes(chave: str) -> tuple[str, ...]:
    incluir = st.toggle(
        "Incluir valores ainda não aprovados (enviados e validados)",
        value=False,
        key=chave,
        help="Por padrão só entram os valores aprovados pela Comissão do CNMP — os mesmos do painel "
        "público e do relatório.",
    )
    if incluir:
        st.caption(":orange[Inclui valores que ainda podem mudar na revisão: não os divulgue.]")
    return COM_NAO_APROVADOS if incluir else SO_APROVADOS


aba_comp, aba_tend, aba_uf, aba_metas = st.tabs(
    ["Completude e pontualidade", "Tendência", "Comparação entre UFs", "Metas anuais"]
)

# --- completude e pontualidade ----------------------------------------------------------------------
with aba_comp:
    pers = indicadores.periodos(ator)
    if not pers:
        st.info("Nenhum período de coleta cadastrado. Os períodos são criados na página Indicadores.")
    else:
        por_periodo = {p.id: p for p in pers}
        padrao_p = monitoramento.periodo_padrao(pers, hoje)
        ids_p = list(por_periodo)
        periodo_id = st.selectbox(
            "Período",
            ids_p,
            index=indice_da_url("periodo", ids_p, padrao_p.id),  # /monitoramento?periodo=<id>: o link abre nele
            key="mn_periodo",
            format_func=lambda i: f"{indicadores.rotulo(por_periodo[i])} — prazo {formatos.data(por_periodo[i].prazo)}",
            help="Começa pelo último período com prazo vencido.",
            placeholder="Selecione",
        )
        id_na_url("periodo", periodo_id)
        c = monitoramento.completude(ator, periodo_id, hoje)
        t = c.totais
        m1, m2, m3, m4 = st.columns(4)
        m1.metric("Unidades esperadas", formatos.numero(t["esperadas"]))
        m2.metric(
            "Formulários recebidos",
            formatos.numero(t["recebidas"]),
            help="Enviados ao menos uma vez, seja qual for a situação atual na revisão.",
        )
        m2.caption(f"{formatos.texto_pct(t['pct_recebidas'])} das esperadas")
        m3.metric("Recebidos no prazo", formatos.numero(t["no_prazo"]))
        m3.caption(f"{formatos.texto_pct(t['pct_no_prazo'])} das esperadas")
        m4.metric(
            "Atrasados (sem envio)",
            formatos.numero(t["atrasadas"]),
            help="Unidades esperadas que não enviaram e cujo prazo já venceu.",
        )
        m4.caption(f"Aguardando, ainda no prazo: {formatos.numero(t['pendentes'])}")
        if t["recebidas_nao_esperadas"]:
            st.caption(
                f"{formatos.numero(t['recebidas_nao_esperadas'])} formulário(s) recebido(s) de unidade(s) "
                "que não estavam esperadas (situação cadastral que não informa): contam como recebidos, "
                "por isso o percentual pode passar de 100%."
            )
        if t["esperadas"] == 0:
            st.info(
                f"Nenhuma unidade é esperada em {c.rotulo}: não há indicador "
                f"{PERIODICIDADES[c.periodo.periodicidade].lower()} ativo para as unidades que informam. "
                "Os percentuais aparecem como “—”."
            )
        por_uf = c.por_uf
        if por_uf["% recebidas"].notna().any():
            fig = graficos.mapa_ufs(
                por_uf,
                "% recebidas",
                rotulo="Recebidos (%)",
                escala="RdYlGn",
                hover=["Esperadas", "Recebidas", "No prazo"],
            )
            fig.update_coloraxes(cmin=0, cmax=max(100.0, float(por_uf["% recebidas"].max())))
            st.markdown(f"**Formulários recebidos por UF — {c.rotulo}**")
            grafico(fig, config=graficos.CONFIG_MAPA, key="mn_mapa")
            st.caption("Percentual de formulários recebidos sobre os esperados. Em cinza, UFs sem unidade esperada.")

        sufixo = f"{c.periodo.periodicidade}_{c.periodo.ano}_{c.periodo.numero}"  # dos arquivos baixados
        st.markdown("#### Unidades esperadas sem envio e com prazo vencido")
        atrasadas = monitoramento.atrasadas_da_completude(c)
        if atrasadas.empty:
            if hoje <= c.periodo.prazo:
                st.info(f"O prazo de {c.rotulo} vence em {formatos.data(c.periodo.prazo)}: ainda não há atrasos.")
            elif t["esperadas"]:
                st.success("Todas as unidades esperadas enviaram.", icon=":material/task_alt:")
        else:
            st.caption("Para cobrar: pontos focais com conta ativa no sistema e o contato cadastrado do Grupo.")
            tabela_exportavel(atrasadas, f"unidades_atrasadas_{sufixo}", chave="mn_atrasadas")
            if emails := monitoramento.emails_para_cobrar(c):
                with st.expander(f"Escrever aos pontos focais em atraso ({len(emails)})", icon=":material/mail:"):
                    st.caption(
                        "Os e-mails dos pontos focais com conta ativa das unidades acima, para colar no campo "
                        "“Cco” (cópia oculta) do seu e-mail. Os lembretes automáticos do sistema só vão até a "
                        "trava do período."
                    )
                    st.code("; ".join(emails), language=None, wrap_lines=True)
                    if url := mailto_de_cobranca(emails, c.rotulo, c.periodo.prazo):
                        st.link_button(
                            "Abrir no programa de e-mail", url, icon=":material/forward_to_inbox:", key="mn_mailto"
                        )
                    else:
                        st.caption("Muitos endereços para abrir direto no programa de e-mail: copie a lista acima.")

        percentuais = dict.fromkeys(("% recebidas", "% no prazo"), formatos.texto_pct)
        for titulo, tabela, formatos_tabela, arquivo, chave in (
            ("Por UF", c.tabela_ufs(), percentuais, "completude_por_uf", "mn_tab_uf"),
            ("Por unidade", c.tabela_unidades(), {}, "completude_por_unidade", "mn_tab_unidades"),
        ):
            st.markdown(f"#### {titulo}")
            tabela_exportavel(
                formatar_colunas(tabela, formatos_tabela),  # percentuais em texto na tela, números nos arquivos
                f"{arquivo}_{sufixo}",
                exportar=tabela,
                chave=chave,
                vazio="Nenhuma unidade esperada nem formulário recebido neste período.",
            )

# --- tendência ----------------------------------------------------------------------------------------
with aba_tend:
    if not por_indicador:
        st.info("Nenhum indicador ativo no catálogo.")
    else:
        ids_i = list(por_indicador)
        ind_id = st.selectbox(
            "Indicador",
            ids_i,
            index=indice_padrao,
            key="mn_t_ind",
            format_func=_rotulo_indicador,
            placeholder="Selecione",
        )
        alvo = ALVO_POR_ROTULO[por_indicador[ind_id]["Unidades"]]
        lista_unidades = coleta.unidades_visiveis(ator, alvo)
        nomes_unidades = {u.chave: u.nome for u in lista_unidades}
        if st.session_state.get("mn_t_unidade") not in ("", *nomes_unidades):
            st.session_state.pop("mn_t_unidade", None)
        c1, c2 = st.columns([3, 1])
        unidade_chave = c1.selectbox(
            "Comparar com a unidade",
            ["", *nomes_unidades],
            key="mn_t_unidade",
            format_func=lambda k: "Nenhuma" if k == "" else nomes_unidades[k],
            placeholder="Selecione",
        )
        uf = c2.selectbox(
            "Comparar com a UF",
            ["", *[sg for sg, _ in monitoramento.ufs()]],
            key="mn_t_uf",
            format_func=lambda sg: "Nenhuma" if sg == "" else sg,
            placeholder="Selecione",
        )
        situacoes = _situacoes("mn_t_todos")
        serie = monitoramento.serie_indicador(
            ator, ind_id, unidade_chave=unidade_chave or None, uf=uf or None, situacoes=situacoes
        )
        if serie.tabela.empty:
            st.info(
                "Ainda não há valores "
                + ("aprovados" if situacoes == SO_APROVADOS else "enviados")
                + " deste indicador."
            )
        else:
            grafico(graficos_indicadores.grafico_serie(serie), config=graficos.CONFIG_GRAFICO, key="mn_t_graf")
            notas = []
            if serie.tipo == "sim_nao":
                notas.append("Sim/não: o agregado é o % de unidades que responderam “sim”.")
            elif serie.tipo == "percentual":
                notas.append("Percentual agregado como soma dos numeradores ÷ soma dos denominadores.")
            if serie.acumula and serie.tabela["Meta anual"].notna().any():
                notas.append("A meta anual compara-se com o acumulado no ano (linha pontilhada).")
            if notas:
                st.caption(" ".join(notas))
            tab = serie.tabela.drop(columns=["periodo_id", "Ano"]).rename(
                columns={"Unidade": serie.rotulo_unidade or "Unidade", "UF": f"UF {serie.rotulo_uf}"}
            )
            for col in tab.columns:
                if col not in ("Período", "Início", "Unidades informantes"):
                    tab[col] = tab[col].map(lambda v: formatos.texto_valor(serie.tipo, v))
            tabela_exportavel(tab, f"serie_{serie.codigo}", chave="mn_t_tab")

# --- comparação entre UFs -------------------------------------------------------------------------------
with aba_uf:
    if not por_indicador:
        st.info("Nenhum indicador ativo no catálogo.")
    else:
        ids_i = list(por_indicador)
        c1, c2 = st.columns([3, 1])
        ind_c = c1.selectbox(
            "Indicador",
            ids_i,
            index=indice_padrao,
            key="mn_c_ind",
            format_func=_rotulo_indicador,
            placeholder="Selecione",
        )
        ano_c = _ano("mn_c_ano", c2)
        situacoes_c = _situacoes("mn_c_todos")
        comp = monitoramento.comparacao_ufs(ator, ind_c, ano_c, situacoes=situacoes_c)
        m1, m2, m3 = st.columns(3)
        m1.metric(f"Nacional em {ano_c}", formatos.texto_valor(comp.tipo, comp.nacional))
        m2.metric("Meta anual (nacional)", formatos.texto_valor(comp.tipo, comp.meta))
        m3.metric("Linha de base", formatos.texto_valor(comp.tipo, comp.linha_de_base))
        if comp.tabela.empty:
            st.info(
                f"Não há valores {'aprovados' if situacoes_c == SO_APROVADOS else 'enviados'} deste indicador "
                f"em {ano_c}."
            )
        else:
            grafico(graficos_indicadores.grafico_comparacao(comp), config=graficos.CONFIG_GRAFICO, key="mn_c_graf")
            st.caption(
                "Valor do ano por UF: cada unidade no tempo (soma dos períodos ou último informado, conforme o "
                "indicador), depois entre as unidades da UF. A meta é nacional e não se reparte por UF."
            )
            tab_c = comp.tabela
            if comp.tipo != "valor":  # dinheiro a tabela já mostra como R$; o resto, no formato do tipo
                tab_c = formatar_colunas(tab_c, {"Valor": lambda v: formatos.texto_valor(comp.tipo, v)})
            tabela_exportavel(tab_c, f"comparacao_ufs_{comp.codigo}_{ano_c}", chave="mn_c_tab", exportar=comp.tabela)

# --- metas anuais ----------------------------------------------------------------------------------------
with aba_metas:
    ano_m = _ano("mn_m_ano")
    metas = monitoramento.progresso_metas(ator, ano_m)
    if metas.empty:
        st.info(f"Nenhum indicador tem meta para {ano_m}. Linha de base e meta são cadastradas na página Indicadores.")
    else:
        st.caption(
            "Realizado: só valores aprovados, agregados no ano (soma dos períodos ou último informado). "
            "% da meta = realizado ÷ meta."
        )
        for _, r in metas.iterrows():
            with st.container(border=True):
                st.markdown(
                    f"**{texto_md(r['Código'])} — {texto_md(r['Indicador'])}** · {texto_md(r['Unidades'])} · "
                    f"{texto_md(r['Unidade de medida'])}"
                )
                c1, c2, c3 = st.columns(3)
                c1.metric("Linha de base", formatos.texto_numero(r["Linha de base"]))
                c2.metric("Meta", formatos.texto_numero(r["Meta"]))
                c3.metric("Realizado", formatos.texto_numero(r["Realizado"]))
                pct = r["% da meta"]
                if pct is None or pct != pct:
                    st.caption("Sem valor aprovado no ano (ou sem meta): progresso não calculado.")
                else:
                    st.progress(min(float(pct), 100.0) / 100, text=f"{formatos.texto_pct(pct)} da meta")
        tab_m = formatar_colunas(
            metas,
            {
                "% da meta": formatos.texto_pct,
                **dict.fromkeys(("Linha de base", "Meta", "Realizado"), formatos.texto_numero),
            },
        )
        tabela_exportavel(tab_m, f"metas_anuais_{ano_m}", chave="mn_m_tab", exportar=metas)
