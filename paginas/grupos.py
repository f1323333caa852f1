"""Cadastro dos Grupos Interinstitucionais (um por UF)."""

import streamlit as st

from comum import formatos
from core import acesso
from dominio.cadastros import referencia
from dominio.cadastros import servicos as registros
from dominio.usuarios import servicos as usuarios
from models.unidades import STATUS_GRUPO
from ui.cadastros import (
    aviso_pendente,
    campo,
    filtro_situacao,
    filtro_ufs,
    gravar,
    mostrar_historico,
)
from ui.comum import prefixo_formulario, tabela_exportavel, usuario_atual, versao_aberta

ator = usuario_atual()
pode_editar = acesso.pode(ator, acesso.REGISTROS_EDITAR)
st.title("Grupos Interinstitucionais")
st.caption("Um grupo por UF, articulando o GMF do Tribunal de Justiça, o MPT e outros órgãos para efetivar a PNAT.")
aviso_pendente()


def formulario(chave: str, atual=None):
    rotulos = list(STATUS_GRUPO.values())
    with st.form(chave, clear_on_submit=False):
        ufs = [u.sigla for u in referencia.listar_ufs()]
        uf = st.selectbox(
            "UF *",
            ufs,
            index=ufs.index(atual.uf_sigla) if atual else None,
            placeholder="Escolha a UF",
            disabled=atual is not None,
            key=f"{chave}_uf",
        )
        situacao = st.selectbox(
            "Situação *",
            rotulos,
            index=list(STATUS_GRUPO).index(atual.status) if atual else 0,
            key=f"{chave}_sit",
            placeholder="Selecione",
        )
        ato = st.text_input(
            "Ato de criação",
            value=atual.ato_criacao if atual else "",
            help="Ex.: Portaria Conjunta nº 1/2021. Obrigatório quando o grupo já foi constituído.",
            key=f"{chave}_ato",
        )
        data_criacao = st.date_input(
            "Data de criação", value=atual.data_criacao if atual else None, format="DD/MM/YYYY", key=f"{chave}_data"
        )
        membros = st.text_area(
            "Instituições membro (uma por linha)",
            value="\n".join(atual.instituicoes_membro) if atual else "",
            key=f"{chave}_membros",
        )
        contato = st.text_input(
            "Pontos focais (nomes e contatos institucionais)",
            value=atual.contato_pontos_focais if atual else "",
            key=f"{chave}_contato",
        )
        obs = st.text_area("Observações", value=atual.observacoes if atual else "", key=f"{chave}_obs")
        enviado = st.form_submit_button("Salvar", type="primary", icon=":material/save:")
    if not enviado:
        return None
    inverso = {v: k for k, v in STATUS_GRUPO.items()}
    return registros.DadosGrupo(
        uf_sigla=uf or "",
        ato_criacao=ato,
        data_criacao=data_criacao,
        status=inverso[situacao],
        instituicoes_membro=membros.splitlines(),
        contato_pontos_focais=contato,
        observacoes=obs,
    )


c1, c2 = st.columns(2)
with c1:
    f_uf = filtro_ufs("gr")
with c2:
    f_sit = filtro_situacao("gr", STATUS_GRUPO)
df = registros.tabela_grupos(ator, uf=f_uf, status=f_sit)
st.caption(f"{formatos.numero(len(df))} grupo(s). Selecione uma linha para ver o detalhe.")
sel = tabela_exportavel(
    df,
    "grupos_interinstitucionais",
    chave="gr_tabela",
    selecionavel=True,
    vazio="Nenhum Grupo Interinstitucional com esses filtros.",
)

if pode_editar:
    with st.expander("Novo Grupo Interinstitucional", icon=":material/add:"):
        dados = formulario(prefixo_formulario("gr_novo"))
        if dados is not None:
            gravar(
                ator,
                "grupo",
                dados,
                formulario="gr_novo",
                mensagem=f"Grupo Interinstitucional de {dados.uf_sigla} incluído.",
            )

if sel is not None:
    g = registros.obter(ator, "grupo", int(sel["id"]))
    st.divider()
    st.subheader(f"Grupo Interinstitucional — {sel['Estado']} ({g.uf_sigla})")
    abas = st.tabs(["Detalhes", "Editar", "Histórico"] if pode_editar else ["Detalhes", "Histórico"])
    with abas[0]:
        campo("Situação", STATUS_GRUPO[g.status])
        campo("Ato de criação", g.ato_criacao)
        campo("Data de criação", formatos.data(g.data_criacao))
        campo("Instituições membro", ", ".join(g.instituicoes_membro))
        campo("Contato dos pontos focais", g.contato_pontos_focais)
        focais = usuarios.pontos_focais(grupo_id=g.id)
        campo("Pontos focais com acesso ao sistema", ", ".join(f"{u.nome} ({u.email})" for u in focais) or "nenhum")
        campo("Observações", g.observacoes)
        st.caption(f"Última alteração: {formatos.data_hora(g.atualizado_em)} · versão {g.versao}")
    if pode_editar:
        with abas[1]:
            versao = versao_aberta(f"grupo_{g.id}", g.versao)
            dados = formulario(prefixo_formulario(f"gr_editar_{g.id}"), g)
            if dados is not None:
                gravar(
                    ator,
                    "grupo",
                    dados,
                    formulario=f"gr_editar_{g.id}",
                    ident=g.id,
                    versao=versao,
                    mensagem="Alterações gravadas.",
                )
    with abas[-1]:
        mostrar_historico(ator, "grupo", g.id)
