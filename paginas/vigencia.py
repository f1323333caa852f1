"""Vigência (Cláusula 8ª), termos aditivos (8ª e 9ª) e responsáveis pelo acompanhamento
(Cláusula 12ª)."""

import streamlit as st

from comum import formatos
from comum.prazos import dias_de_atraso
from core import acesso
from dominio.plano import servicos as plano
from models.plano import PARTICIPES
from ui.campos import campo_data, em_formulario, inclusao_em_expansor, opcao
from ui.comum import abrir_pagina, tabela_de_registros
from ui.plano import mostrar_alertas


def campos_responsavel(pre: str) -> plano.DadosResponsavel:
    c1, c2 = st.columns([1, 3])
    participe = opcao(PARTICIPES, "Partícipe *", f"{pre}_participe", onde=c1)
    nome = c2.text_input("Nome *", key=f"{pre}_nome")
    c3, c4, c5 = st.columns([2, 2, 1])
    cargo = c3.text_input("Cargo", key=f"{pre}_cargo")
    ato = c4.text_input("Ato de designação", key=f"{pre}_ato", placeholder="Portaria nº …")
    data_d = campo_data("Data *", f"{pre}_data", onde=c5)
    return plano.DadosResponsavel(participe, nome, cargo, ato, data_d)


def campos_termo(pre: str) -> plano.DadosTermo:
    c1, c2, c3 = st.columns(3)
    numero = c1.text_input("Número *", key=f"{pre}_numero", placeholder="1/2025")
    assinatura = campo_data("Data de assinatura *", f"{pre}_assinatura", onde=c2)
    novo_fim = campo_data(
        "Novo término da vigência", f"{pre}_fim", onde=c3, help="Deixe em branco se o termo não prorroga."
    )
    altera = st.checkbox("Altera o Plano de Trabalho", key=f"{pre}_altera")
    descricao = st.text_area("O que o termo altera *", key=f"{pre}_descricao")
    return plano.DadosTermo(numero, assinatura, novo_fim, altera, descricao)


ator, hoje, pode_editar = abrir_pagina(
    "Vigência",
    "Cláusula 8ª: vigência de 24 meses a contar da assinatura, prorrogável por Termo Aditivo. "
    "Cláusula 12ª: cada partícipe designa, em até 30 dias, os responsáveis pelo acompanhamento.",
    permissao=acesso.PLANO_EDITAR,
)

v = plano.situacao_vigencia(ator, hoje)
if v is None:
    st.info("Os dados do acordo ainda não foram carregados: execute `python manage.py reference load`.")
    st.stop()
mostrar_alertas(ator, hoje, ("vigencia",), titulo="Alertas de vigência e designação")

c1, c2, c3, c4 = st.columns(4)
c1.metric("Assinatura", formatos.data(v.assinatura))
c2.metric("Término original", formatos.data(v.fim_original))
c3.metric(
    "Término atual",
    formatos.data(v.fim_atual),
    delta="prorrogado" if v.fim_atual != v.fim_original else None,
    delta_color="off",
)
if v.dias_restantes >= 0:
    c4.metric("Dias restantes", formatos.numero(v.dias_restantes))
else:
    c4.metric("Encerrado há", f"{formatos.numero(-v.dias_restantes)} dia(s)")
total = max(1, (v.fim_atual - v.assinatura).days)
decorrido = min(max((hoje - v.assinatura).days, 0), total)
st.progress(
    decorrido / total,
    text=f"{formatos.percentual(decorrido / total)} da vigência decorrida "
    f"({formatos.numero(decorrido)} de {formatos.numero(total)} dias)",
)

st.subheader("Responsáveis pelo acompanhamento (Cláusula 12ª)")
st.markdown(f"Prazo para a designação: **{formatos.data(v.prazo_designacao)}** (30 dias corridos da assinatura).")
cols = st.columns(len(PARTICIPES))
for col, (sigla, rotulo) in zip(cols, PARTICIPES.items()):
    d = v.designacoes[sigla]
    with col.container(border=True):
        st.markdown(f"**{rotulo}**")
        if d.designado_em is None:
            (st.error if d.vencido else st.warning)(
                "Ainda não designou" + (f" — prazo vencido em {formatos.data(d.prazo)}." if d.vencido else ".")
            )
        elif d.no_prazo:
            st.success(f"Designou em {formatos.data(d.designado_em)}, no prazo.", icon=":material/check_circle:")
        else:
            atraso = dias_de_atraso(d.prazo, d.designado_em)  # a regra única de atraso (comum.prazos)
            st.warning(f"Designou em {formatos.data(d.designado_em)}, {atraso} dia(s) depois do prazo.")
tabela_de_registros(
    v.responsaveis,
    {
        "Partícipe": "participe",
        "Nome": "nome",
        "Cargo": "cargo",
        "Ato de designação": "ato_designacao",
        "Data da designação": "data_designacao",
    },
    "responsaveis_acompanhamento",
    chave="vg_resp",
    vazio="Nenhuma designação registrada.",
    exibir={"Partícipe": PARTICIPES.get},
)
if pode_editar:
    inclusao_em_expansor(
        "Registrar designação",
        em_formulario(campos_responsavel, "Registrar"),
        "vg_resp_novo",
        lambda dados: plano.salvar_responsavel(ator, dados, hoje=hoje),
        mensagem="Designação registrada.",
        icone=":material/person_add:",
    )

st.subheader("Termos aditivos")
tabela_de_registros(
    v.termos,
    {
        "Número": "numero",
        "Assinatura": "data_assinatura",
        "Novo término": "nova_data_fim",
        "Altera o plano": "altera_plano",
        "O que altera": "descricao",
    },
    "termos_aditivos",
    chave="vg_termos",
    vazio="Nenhum termo aditivo registrado.",
    exibir={"Altera o plano": lambda v: "Sim" if v else "Não"},
)
if pode_editar:
    inclusao_em_expansor(
        "Registrar termo aditivo",
        em_formulario(campos_termo, "Registrar"),
        "vg_termo_novo",
        lambda dados: plano.salvar_termo(ator, dados, hoje=hoje),
        mensagem="Termo aditivo registrado.",
        icone=":material/note_add:",
    )
