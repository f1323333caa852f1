"""Cadastro dos Escritórios Sociais (Resolução CNJ 307/2019)."""

import streamlit as st

from comum import formatos
from core import acesso
from dominio.cadastros import servicos as registros
from dominio.usuarios import servicos as usuarios
from models.unidades import STATUS_ESCRITORIO, TIPO_GESTAO_ESCRITORIO
from ui.cadastros import (
    aviso_pendente,
    campo,
    escolher_municipio,
    filtro_situacao,
    filtro_ufs,
    gravar,
    mostrar_historico,
    opcao,
)
from ui.comum import prefixo_formulario, tabela_exportavel, usuario_atual, versao_aberta

ator = usuario_atual()
pode_editar = acesso.pode(ator, acesso.REGISTROS_EDITAR)
st.title("Escritórios Sociais")
st.caption("Atendimento a pessoas egressas, pré-egressas e familiares (Resolução CNJ nº 307/2019).")
aviso_pendente()


def formulario(chave: str, atual=None):
    municipio = escolher_municipio(f"{chave}_local", atual.municipio_codigo if atual else None)
    with st.form(chave):
        nome = st.text_input("Nome *", value=atual.nome if atual else "", key=f"{chave}_nome")
        orgao = st.text_input("Órgão gestor *", value=atual.orgao_gestor if atual else "", key=f"{chave}_orgao")
        c1, c2 = st.columns(2)
        with c1:
            gestao = opcao(
                TIPO_GESTAO_ESCRITORIO, "Tipo de gestão *", atual.tipo_gestao if atual else None, f"{chave}_gestao"
            )
        with c2:
            situacao = opcao(STATUS_ESCRITORIO, "Situação *", atual.status if atual else None, f"{chave}_sit")
        termo = st.text_input(
            "Termo de cooperação", value=atual.termo_cooperacao if atual else "", key=f"{chave}_termo"
        )
        c3, c4 = st.columns(2)
        data_termo = c3.date_input(
            "Data do termo", value=atual.data_termo if atual else None, format="DD/MM/YYYY", key=f"{chave}_data_termo"
        )
        inauguracao = c4.date_input(
            "Data de inauguração",
            value=atual.data_inauguracao if atual else None,
            format="DD/MM/YYYY",
            key=f"{chave}_inauguracao",
        )
        obs = st.text_area("Observações", value=atual.observacoes if atual else "", key=f"{chave}_obs")
        enviado = st.form_submit_button("Salvar", type="primary", icon=":material/save:")
    if not enviado:
        return None
    return registros.DadosEscritorio(
        nome=nome,
        municipio_codigo=municipio,
        orgao_gestor=orgao,
        tipo_gestao=gestao,
        termo_cooperacao=termo,
        data_termo=data_termo,
        data_inauguracao=inauguracao,
        status=situacao,
        observacoes=obs,
    )


c1, c2, c3 = st.columns([1, 1, 1])
with c1:
    f_uf = filtro_ufs("es")
with c2:
    f_sit = filtro_situacao("es", STATUS_ESCRITORIO)
with c3:
    busca = st.text_input("Buscar por nome ou município", key="es_busca")
df = registros.tabela_escritorios(ator, uf=f_uf, status=f_sit, busca=busca)
st.caption(f"{formatos.numero(len(df))} escritório(s). Selecione uma linha para ver o detalhe.")
sel = tabela_exportavel(
    df, "escritorios_sociais", chave="es_tabela", selecionavel=True, vazio="Nenhum Escritório Social com esses filtros."
)

if pode_editar:
    with st.expander("Novo Escritório Social", icon=":material/add:"):
        dados = formulario(prefixo_formulario("es_novo"))
        if dados is not None:
            gravar(ator, "escritorio", dados, formulario="es_novo", mensagem=f"{dados.nome} incluído.")

if sel is not None:
    e = registros.obter(ator, "escritorio", int(sel["id"]))
    st.divider()
    st.subheader(e.nome)
    abas = st.tabs(["Detalhes", "Editar", "Histórico"] if pode_editar else ["Detalhes", "Histórico"])
    with abas[0]:
        campo("Município", registros.nome_municipio(e.municipio_codigo))
        campo("Órgão gestor", f"{e.orgao_gestor} ({TIPO_GESTAO_ESCRITORIO[e.tipo_gestao]})")
        campo("Situação", STATUS_ESCRITORIO[e.status])
        campo("Termo de cooperação", f"{e.termo_cooperacao or '—'}, de {formatos.data(e.data_termo)}")
        campo("Inauguração", formatos.data(e.data_inauguracao))
        focais = usuarios.pontos_focais(escritorio_id=e.id)
        campo("Pontos focais com acesso ao sistema", ", ".join(f"{u.nome} ({u.email})" for u in focais) or "nenhum")
        campo("Observações", e.observacoes)
        st.caption(f"Última alteração: {formatos.data_hora(e.atualizado_em)} · versão {e.versao}")
    if pode_editar:
        with abas[1]:
            versao = versao_aberta(f"escritorio_{e.id}", e.versao)
            dados = formulario(prefixo_formulario(f"es_editar_{e.id}"), e)
            if dados is not None:
                gravar(
                    ator,
                    "escritorio",
                    dados,
                    formulario=f"es_editar_{e.id}",
                    ident=e.id,
                    versao=versao,
                    mensagem="Alterações gravadas.",
                )
    with abas[-1]:
        mostrar_historico(ator, "escritorio", e.id)
