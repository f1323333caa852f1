"""Cadastro dos Fundos Municipais de Políticas Penais."""

import streamlit as st

from comum import formatos
from comum.validadores import formatar_cnpj
from core import acesso
from dominio.cadastros import servicos as registros
from models.unidades import STATUS_FUNDO
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
from ui.recursos import mostrar_recursos_do_fundo

ator = usuario_atual()
pode_editar = acesso.pode(ator, acesso.REGISTROS_EDITAR)
st.title("Fundos Municipais de Políticas Penais")
st.caption(
    "Criados por lei municipal; recebem repasses do FUNPEN, orçamento municipal, convênios, doações e outras receitas."
)
aviso_pendente()


def formulario(chave: str, atual=None):
    municipio = escolher_municipio(f"{chave}_local", atual.municipio_codigo if atual else None)
    with st.form(chave):
        nome = st.text_input("Nome *", value=atual.nome if atual else "", key=f"{chave}_nome")
        c1, c2 = st.columns(2)
        lei = c1.text_input(
            "Número da lei municipal *",
            value=atual.lei_numero if atual else "",
            placeholder="1.234/2022",
            key=f"{chave}_lei",
        )
        lei_data = c2.date_input(
            "Data da lei *", value=atual.lei_data if atual else None, format="DD/MM/YYYY", key=f"{chave}_lei_data"
        )
        c3, c4 = st.columns(2)
        cnpj = c3.text_input(
            "CNPJ",
            value=formatar_cnpj(atual.cnpj) if atual and atual.cnpj else "",
            placeholder="00.000.000/0000-00",
            help="Os dígitos verificadores são conferidos.",
            key=f"{chave}_cnpj",
        )
        with c4:
            situacao = opcao(STATUS_FUNDO, "Situação *", atual.status if atual else None, f"{chave}_sit")
        conselho = st.text_input(
            "Conselho gestor", value=atual.conselho_gestor if atual else "", key=f"{chave}_conselho"
        )
        obs = st.text_area("Observações", value=atual.observacoes if atual else "", key=f"{chave}_obs")
        enviado = st.form_submit_button("Salvar", type="primary", icon=":material/save:")
    if not enviado:
        return None
    return registros.DadosFundo(
        nome=nome,
        municipio_codigo=municipio,
        lei_numero=lei,
        lei_data=lei_data,
        cnpj=cnpj,
        conselho_gestor=conselho,
        status=situacao,
        observacoes=obs,
    )


c1, c2, c3 = st.columns(3)
with c1:
    f_uf = filtro_ufs("fu")
with c2:
    f_sit = filtro_situacao("fu", STATUS_FUNDO)
with c3:
    busca = st.text_input("Buscar por nome ou município", key="fu_busca")
df = registros.tabela_fundos(ator, uf=f_uf, status=f_sit, busca=busca)
st.caption(f"{formatos.numero(len(df))} fundo(s). Selecione uma linha para ver o detalhe.")
sel = tabela_exportavel(
    df, "fundos_municipais", chave="fu_tabela", selecionavel=True, vazio="Nenhum Fundo Municipal com esses filtros."
)

if pode_editar:
    with st.expander("Novo Fundo Municipal", icon=":material/add:"):
        dados = formulario(prefixo_formulario("fu_novo"))
        if dados is not None:
            gravar(ator, "fundo", dados, formulario="fu_novo", mensagem=f"{dados.nome} incluído.")

if sel is not None:
    f = registros.obter(ator, "fundo", int(sel["id"]))
    st.divider()
    st.subheader(f.nome)
    ve_recursos = acesso.pode(ator, acesso.RECURSOS_VER)
    nomes = ["Detalhes"] + (["Recursos"] if ve_recursos else []) + (["Editar"] if pode_editar else []) + ["Histórico"]
    abas = st.tabs(nomes)
    aba = dict(zip(nomes, abas))
    with abas[0]:
        campo("Município", registros.nome_municipio(f.municipio_codigo))
        campo("Lei de criação", f"nº {f.lei_numero}, de {formatos.data(f.lei_data)}")
        campo("CNPJ", formatar_cnpj(f.cnpj) if f.cnpj else None)
        campo("Conselho gestor", f.conselho_gestor)
        campo("Situação", STATUS_FUNDO[f.status])
        campo("Observações", f.observacoes)
        st.caption(f"Última alteração: {formatos.data_hora(f.atualizado_em)} · versão {f.versao}")
    if ve_recursos:
        with aba["Recursos"]:
            mostrar_recursos_do_fundo(ator, f.id)
    if pode_editar:
        with aba["Editar"]:
            versao = versao_aberta(f"fundo_{f.id}", f.versao)
            dados = formulario(prefixo_formulario(f"fu_editar_{f.id}"), f)
            if dados is not None:
                gravar(
                    ator,
                    "fundo",
                    dados,
                    formulario=f"fu_editar_{f.id}",
                    ident=f.id,
                    versao=versao,
                    mensagem="Alterações gravadas.",
                )
    with abas[-1]:
        mostrar_historico(ator, "fundo", f.id)
