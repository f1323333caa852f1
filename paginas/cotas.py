"""Cotas da PNAT (Decreto 9.450/2018, art. 5º): contratos públicos de serviços e a reserva
de vagas para pessoas presas e egressos — cumprimento por contrato e por UF, com mapa."""

import streamlit as st

from comum import formatos
from core import acesso
from dominio.cadastros import referencia
from dominio.funpen import servicos as funpen
from ui import graficos
from ui.campos import (
    campo_data_em_texto,
    campo_uf,
    em_formulario,
    formulario_de_edicao,
    inclusao_em_expansor,
    valor_atual,
)
from ui.comum import abrir_pagina, grafico, tabela_exportavel, tabela_para_escolher, texto_md
from ui.funpen import cumprimento_por_uf, tabela_contratos
from ui.graficos import funpen as graficos_funpen

ator, _, pode_editar = abrir_pagina(
    "Cotas PNAT",
    funpen.regra_cotas_em_palavras().replace("$", "\\$"),
    permissao=acesso.FUNPEN_EDITAR,
)


def campos_contrato(chave: str, atual=None):
    c1, c2, c3 = st.columns([1, 1, 3])
    numero = c1.text_input("Nº do contrato *", value=valor_atual(atual, "numero"), key=f"{chave}_numero")
    uf = campo_uf(f"{chave}_uf", valor_atual(atual, "uf_sigla", None), onde=c2)
    orgao = c3.text_input("Órgão contratante *", value=valor_atual(atual, "orgao_contratante"), key=f"{chave}_orgao")
    objeto = st.text_input("Objeto *", value=valor_atual(atual, "objeto"), key=f"{chave}_objeto")
    c1, c2, c3, c4 = st.columns(4)
    valor = c1.text_input(
        "Valor anual (R$) *",
        value=formatos.dinheiro_para_digitar(valor_atual(atual, "valor_anual", None)),
        placeholder="330.000,01",
        key=f"{chave}_valor",
    )
    trab = c2.text_input("Trabalhadores *", value=str(atual.trabalhadores) if atual else "", key=f"{chave}_trab")
    ppl = c3.text_input("PPL contratadas", value=str(atual.ppl_contratados) if atual else "0", key=f"{chave}_ppl")
    egr = c4.text_input(
        "Egressos contratados", value=str(atual.egressos_contratados) if atual else "0", key=f"{chave}_egr"
    )
    c1, c2 = st.columns(2)
    inicio = campo_data_em_texto("Início *", f"{chave}_inicio", valor_atual(atual, "data_inicio", None), onde=c1)
    fim = campo_data_em_texto("Término", f"{chave}_fim", valor_atual(atual, "data_fim", None), onde=c2)
    obs = st.text_area("Observações", value=valor_atual(atual, "observacoes"), key=f"{chave}_obs")
    return funpen.DadosContrato(
        numero=numero,
        orgao_contratante=orgao,
        uf_sigla=uf or "",
        objeto=objeto,
        valor_anual=valor,
        trabalhadores=trab,
        ppl_contratados=ppl,
        egressos_contratados=egr,
        data_inicio=inicio,
        data_fim=fim,
        observacoes=obs,
    )


formulario = em_formulario(campos_contrato, icon=":material/save:")


por_uf = cumprimento_por_uf(funpen.cumprimento_por_uf(ator))
c1, c2, c3, c4 = st.columns(4)
c1.metric("Contratos", formatos.numero(int(por_uf["Contratos"].sum())))
c2.metric("Sujeitos à cota", formatos.numero(int(por_uf["Sujeitos à cota"].sum())))
c3.metric("Cumprem a cota", formatos.numero(int(por_uf["Cumprem"].sum())))
c4.metric(
    "Vagas preenchidas / exigidas",
    f"{formatos.numero(int(por_uf['Vagas preenchidas'].sum()))} / {formatos.numero(int(por_uf['Vagas exigidas'].sum()))}",
)

aba_uf, aba_contratos = st.tabs(["Cumprimento por UF", "Contratos"])
with aba_uf:
    mapa = por_uf.dropna(subset=["Contratos que cumprem (%)"])
    if mapa.empty:
        st.info("Nenhum contrato sujeito à cota cadastrado.")
    else:
        grafico(graficos_funpen.mapa_cotas(mapa), config=graficos.CONFIG_MAPA, key="co_mapa")
        st.caption("UFs em branco não têm contrato sujeito à cota cadastrado.")
    tabela_exportavel(
        por_uf,
        "cotas_pnat_por_uf",
        chave="co_por_uf",
        formatos_colunas={"Contratos que cumprem (%)": st.column_config.NumberColumn(format="%.1f%%")},
    )

with aba_contratos:
    f_uf = st.multiselect("UF", [u.sigla for u in referencia.listar_ufs()], key="co_uf", placeholder="Todas")
    df = tabela_contratos(funpen.tabela_contratos(ator, uf=f_uf))
    sel = tabela_para_escolher(
        df,
        "contratos_cotas_pnat",
        chave="co_tabela",
        contagem="contrato(s)",
        vazio="Nenhum contrato com esses filtros.",
        editar=pode_editar,
    )
    if pode_editar:
        inclusao_em_expansor(
            "Novo contrato",
            formulario,
            "co_novo",
            lambda dados: funpen.salvar_contrato(ator, dados),
            mensagem=lambda dados: f"Contrato {dados.numero.strip()} incluído.",
        )
    if sel is not None:
        c = funpen.obter_contrato(ator, int(sel["id"]))
        r = funpen.avaliar_contrato(c)
        st.divider()
        st.subheader(f"Contrato {texto_md(c.numero)} — {texto_md(c.orgao_contratante)} ({c.uf_sigla})")
        explicacao = r.resultado.explicacao.replace("$", "\\$")  # "$" viraria fórmula no markdown
        st.markdown(
            f"**Situação:** {sel['Situação']}  \n**Por quê:** {explicacao}  \n**Fundamento:** {r.resultado.artigo}"
        )
        if pode_editar:
            st.markdown("**Editar**")
            formulario_de_edicao(
                formulario,
                f"co_editar_{c.id}",
                c,
                lambda dados, versao: funpen.salvar_contrato(ator, dados, ident=c.id, versao=versao),
                chave=f"contrato_{c.id}",
            )
