"""Minha unidade: o Grupo ou Escritório pelo qual o ponto focal responde."""

import streamlit as st

from comum import formatos
from core import relogio
from dominio.cadastros import servicos as registros
from dominio.indicadores import coleta
from models.unidades import STATUS_ESCRITORIO, STATUS_GRUPO, TIPO_GESTAO_ESCRITORIO
from ui.cadastros import campo
from ui.comum import texto_md, usuario_atual
from ui.indicadores import tabela_periodos

ator = usuario_atual()
if ator.grupo_id is not None:
    g = registros.obter(ator, "grupo", ator.grupo_id)
    st.title(f"Grupo Interinstitucional — {g.uf_sigla}")
    campo("Situação", STATUS_GRUPO[g.status])
    campo("Ato de criação", g.ato_criacao)
    campo("Data de criação", formatos.data(g.data_criacao))
    campo("Instituições membro", ", ".join(g.instituicoes_membro))
    campo("Contato dos pontos focais", g.contato_pontos_focais)
else:
    e = registros.obter(ator, "escritorio", ator.escritorio_id)
    st.title(texto_md(e.nome))
    campo("Município", registros.nome_municipio(e.municipio_codigo))
    campo("Órgão gestor", f"{e.orgao_gestor} ({TIPO_GESTAO_ESCRITORIO[e.tipo_gestao]})")
    campo("Situação", STATUS_ESCRITORIO[e.status])
    campo("Inauguração", formatos.data(e.data_inauguracao))
st.info(
    "Os dados cadastrais da unidade são mantidos pela equipe CNJ/DMF. Para corrigir algo, escreva ao DMF "
    "informando o que deve mudar.",
    icon=":material/info:",
)

st.subheader("Indicadores")
tipo, unidade_id = ("grupo", ator.grupo_id) if ator.grupo_id is not None else ("escritorio", ator.escritorio_id)
periodos = coleta.periodos_da_unidade(ator, tipo, unidade_id, relogio.hoje())
if periodos.empty:
    st.caption("Ainda não há períodos de coleta abertos para a sua unidade.")
else:
    pendentes = coleta.pendentes_de_envio(periodos)
    travados = coleta.travados(pendentes)
    a_enviar, ja_travados = pendentes[~travados], pendentes[travados]
    if not a_enviar.empty:
        st.warning(
            f"{len(a_enviar)} período(s) aguardando o envio da sua unidade: "
            + formatos.lista_curta(a_enviar["Período"])
            + ".",
            icon=":material/pending_actions:",
        )
    if not ja_travados.empty:  # aviso, não erro: nada falhou, é um pedido a fazer ao DMF
        st.warning(
            f"{len(ja_travados)} período(s) sem envio já travado(s) para os pontos focais (passaram o prazo e a "
            f"tolerância): {formatos.lista_curta(ja_travados['Período'])}. Para enviar, fale com a equipe do DMF.",
            icon=":material/lock_clock:",
        )
    if not pendentes.empty:
        st.page_link("paginas/pendencias.py", label="Ver os prazos em Minhas pendências", icon=":material/checklist:")
    st.dataframe(
        tabela_periodos(periodos).drop(columns=["id"]).head(6),
        hide_index=True,
        column_config={"Prazo": st.column_config.DateColumn("Prazo", format="DD/MM/YYYY")},
    )
st.page_link("paginas/coleta.py", label="Abrir a coleta de indicadores", icon=":material/edit_note:")
