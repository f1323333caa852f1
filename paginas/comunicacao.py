"""Comunicação e publicações: ações de divulgação (meta a), seu alcance por UF e as
publicações do acordo (notas técnicas, pareceres, orientações, relatórios)."""

import streamlit as st

from comum import formatos
from comum.anexos import ArquivoEnviado, tipo_para_baixar
from core import acesso
from dominio.cadastros import referencia
from dominio.plano import comunicacao
from dominio.plano import servicos as plano
from models.plano import TIPOS_ACAO, TIPOS_PUBLICACAO
from ui import graficos
from ui.campos import (
    campo_data,
    campo_inteiro,
    em_formulario,
    exclusao_com_confirmacao,
    formulario_de_edicao,
    inclusao_em_expansor,
    opcao,
    valor_atual,
)
from ui.comum import (
    abrir_pagina,
    grafico,
    id_da_url,
    linha_da_url,
    link_md,
    tabela_exportavel,
    texto_md,
)
from ui.plano import escolher_metas

ator, hoje, pode_editar = abrir_pagina(
    "Comunicação e publicações",
    "Meta a: divulgar o acordo a magistrados e membros do Ministério Público, com alcance em todas as UFs. "
    "Etapa Pesquisas e diagnósticos: notas técnicas, pareceres, orientações e relatórios.",
    permissao=acesso.PLANO_EDITAR,
)
SIGLAS = [u.sigla for u in referencia.listar_ufs()]

publicacao_da_url = id_da_url("publicacao")  # ?publicacao=N: aberta por um link (da página Buscar)
aba_mapa, aba_acoes, aba_pubs = st.tabs(
    ["Alcance por UF", "Ações de comunicação", "Publicações"], default="Publicações" if publicacao_da_url else None
)

with aba_mapa:
    alc = comunicacao.alcance_por_uf(ator, hoje)
    faltam = alc.loc[alc["Alcançada"] == "Não"]
    pub = comunicacao.publico_por_categoria(ator, hoje)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("UFs alcançadas", f"{27 - len(faltam)} de 27")
    c2.metric("Ações realizadas", formatos.numero(pub["Ações"]))
    c3.metric("Magistrados", formatos.numero(pub["Magistrados"]))
    c4.metric("Membros do MP", formatos.numero(pub["Membros do MP"]))
    if len(faltam):
        st.warning(
            f"**UFs ainda não alcançadas ({len(faltam)}):** "
            + ", ".join(f"{r.Estado} ({r.UF})" for r in faltam.itertuples())
            + ".",
            icon=":material/map:",
        )
    else:
        st.success("Todas as 27 UFs já foram alcançadas por ações de divulgação.", icon=":material/task_alt:")
    grafico(
        graficos.mapa_ufs(alc, "Ações realizadas", rotulo="Ações realizadas", hover=["Público alcançado", "Alcançada"]),
        config=graficos.CONFIG_MAPA,
        key="com_mapa",
    )
    st.caption("Conta cada ação já realizada (data até hoje) em todas as UFs que ela alcançou.")
    tabela_exportavel(alc, "alcance_por_uf", chave="com_alcance")


def campos_acao(prefixo: str, atual=None, ufs_atuais=(), metas_atuais=()):
    c1, c2, c3 = st.columns([1, 3, 1])
    tipo = opcao(TIPOS_ACAO, "Tipo *", f"{prefixo}_tipo", valor_atual(atual, "tipo", None), onde=c1)
    titulo = c2.text_input("Título *", value=valor_atual(atual, "titulo"), key=f"{prefixo}_titulo")
    data_a = campo_data("Data *", f"{prefixo}_data", valor_atual(atual, "data", None), onde=c3)
    st.markdown("Público por categoria")
    p1, p2, p3, p4 = st.columns(4)
    mag = campo_inteiro("Magistrados", f"{prefixo}_mag", valor_atual(atual, "publico_magistrados", 0), onde=p1)
    mp = campo_inteiro("Membros do MP", f"{prefixo}_mp", valor_atual(atual, "publico_membros_mp", 0), onde=p2)
    serv = campo_inteiro("Servidores", f"{prefixo}_serv", valor_atual(atual, "publico_servidores", 0), onde=p3)
    outros = campo_inteiro("Outros", f"{prefixo}_outros", valor_atual(atual, "publico_outros", 0), onde=p4)
    ufs = st.multiselect(
        "UFs alcançadas", SIGLAS, default=list(ufs_atuais), key=f"{prefixo}_ufs", placeholder="Escolha as UFs"
    )
    metas = escolher_metas(f"{prefixo}_metas", metas_atuais)
    link = st.text_input(
        "Link (gravação, página, informativo)", value=(atual.link or "") if atual else "", key=f"{prefixo}_link"
    )
    return comunicacao.DadosAcao(
        tipo=tipo,
        titulo=titulo,
        data=data_a,
        publico_magistrados=mag,
        publico_membros_mp=mp,
        publico_servidores=serv,
        publico_outros=outros,
        ufs=ufs,
        metas=metas,
        link=link,
    )


form_acao = em_formulario(campos_acao, icon=":material/save:")


with aba_acoes:
    c1, c2, c3 = st.columns(3)
    f_tipos = c1.multiselect(
        "Tipo", list(TIPOS_ACAO), format_func=TIPOS_ACAO.get, key="com_f_tipo", placeholder="Todos"
    )
    f_uf = c2.selectbox("UF alcançada", SIGLAS, index=None, key="com_f_uf", placeholder="Todas")
    f_periodo = campo_data("Período", "com_f_periodo", (), onde=c3)
    inicio = f_periodo[0] if len(f_periodo) >= 1 else None
    fim = f_periodo[1] if len(f_periodo) == 2 else None
    acoes = comunicacao.tabela_acoes(ator, tipos=f_tipos, inicio=inicio, fim=fim, uf=f_uf)
    st.caption(f"{formatos.numero(len(acoes))} ação(ões).")
    sel = tabela_exportavel(
        acoes,
        "acoes_comunicacao",
        chave="com_tabela",
        selecionavel=pode_editar,
        vazio="Nenhuma ação de comunicação com esses filtros.",
        formatos_colunas={"Link": st.column_config.LinkColumn("Link")},
    )
    if pode_editar:
        inclusao_em_expansor(
            "Nova ação de comunicação",
            form_acao,
            "com_nova",
            lambda dados: comunicacao.salvar_acao(ator, dados),
            mensagem="Ação de comunicação incluída.",
        )
        if sel is not None:
            a, ufs_a, metas_a = comunicacao.obter_acao(ator, int(sel["id"]))
            st.divider()
            st.subheader(texto_md(a.titulo))
            chave = f"acao_{a.id}"
            versao = formulario_de_edicao(
                lambda prefixo, acao: form_acao(prefixo, acao, ufs_a, metas_a),
                f"com_editar_{a.id}",
                a,
                lambda dados, versao: comunicacao.salvar_acao(ator, dados, ident=a.id, versao=versao),
                chave=chave,
                mensagem="Ação de comunicação atualizada.",
            )
            exclusao_com_confirmacao(
                "Excluir esta ação",
                "com_excluir",
                a.id,
                "A exclusão fica registrada na trilha de auditoria. Confirma?",
                lambda: comunicacao.excluir_acao(ator, a.id, versao),
                chave=chave,
                mensagem="Ação excluída.",
            )


def formulario_publicacao(
    pre: str, atual=None, metas_atuais=(), ats_atuais=(), nome_arquivo: str | None = None
) -> comunicacao.DadosPublicacao | None:
    """Uma publicação nova (sem `atual`) ou a alteração de `atual`, com as atividades do
    cronograma de todos os anos para vincular; devolve os dados só quando enviado."""
    planos = plano.listar_planos(ator)
    opcoes_at = {a.id: f"Ano {p.ano} — {a.ordem}. {a.nome}" for p in planos for a in plano.atividades(ator, p.id)}
    with st.form(pre):
        c1, c2, c3 = st.columns([2, 1, 1])
        tipo = opcao(TIPOS_PUBLICACAO, "Tipo *", f"{pre}_tipo", valor_atual(atual, "tipo", None), onde=c1)
        numero = c2.text_input(
            "Número *", value=valor_atual(atual, "numero"), key=f"{pre}_numero", placeholder="1/2025"
        )
        data_p = campo_data("Data *", f"{pre}_data", valor_atual(atual, "data", None), onde=c3)
        titulo = st.text_input("Título *", value=valor_atual(atual, "titulo"), key=f"{pre}_titulo")
        link = st.text_input(
            "Link", value=(atual.link or "") if atual else "", key=f"{pre}_link", placeholder="https://…"
        )
        rotulo_arquivo = "ou arquivo (até 10 MB)"
        if nome_arquivo:
            rotulo_arquivo = "Substituir o arquivo (até 10 MB; sem envio, fica o atual)"
        arquivo = st.file_uploader(rotulo_arquivo, key=f"{pre}_arquivo")
        metas = escolher_metas(f"{pre}_metas", metas_atuais)
        ativs = st.multiselect(
            "Atividades do cronograma",
            list(opcoes_at),
            default=[x for x in ats_atuais if x in opcoes_at],
            format_func=opcoes_at.get,
            key=f"{pre}_ativs",
            placeholder="Nenhuma atividade",
        )
        resumo = st.text_area("Resumo", value=valor_atual(atual, "resumo"), key=f"{pre}_resumo")
        enviado = st.form_submit_button("Incluir" if atual is None else "Salvar", type="primary")
    if not enviado:
        return None
    arq = ArquivoEnviado(arquivo.name, arquivo.getvalue(), arquivo.type or "") if arquivo else None
    return comunicacao.DadosPublicacao(
        tipo=tipo,
        numero=numero,
        titulo=titulo,
        data=data_p,
        link=link,
        arquivo=arq,
        metas=metas,
        atividades=ativs,
        resumo=resumo,
    )


def editar_publicacao(pub, metas_p, ats_p, nome_arq) -> None:
    """Alteração (trava otimista) e exclusão com confirmação da publicação aberta; o serviço
    confere a permissão e a versão, e a trilha de auditoria registra as duas."""
    chave = f"publicacao_{pub.id}"
    with st.expander("Editar esta publicação", icon=":material/edit:"):
        versao = formulario_de_edicao(
            lambda prefixo, p: formulario_publicacao(prefixo, p, metas_p, ats_p, nome_arq),
            f"pub_editar_{pub.id}",
            pub,
            lambda dados, versao: comunicacao.salvar_publicacao(ator, dados, hoje=hoje, ident=pub.id, versao=versao),
            chave=chave,
            mensagem="Publicação atualizada.",
        )
    exclusao_com_confirmacao(
        "Excluir esta publicação",
        "pub_excluir",
        pub.id,
        "A publicação, suas ligações com metas e atividades e o arquivo enviado serão excluídos; "
        "a exclusão fica registrada na trilha de auditoria. Confirma?",
        lambda: comunicacao.excluir_publicacao(ator, pub.id, versao),
        chave=chave,
        mensagem="Publicação excluída.",
        cancelar=True,
    )


with aba_pubs:
    f_tp = st.multiselect(
        "Tipo", list(TIPOS_PUBLICACAO), format_func=TIPOS_PUBLICACAO.get, key="pub_f_tipo", placeholder="Todos"
    )
    pubs = comunicacao.tabela_publicacoes(ator, tipos=f_tp)
    sel_p = tabela_exportavel(
        pubs.drop(columns=["anexo_id"]),
        "publicacoes",
        chave="pub_tabela",
        selecionavel=True,
        vazio="Nenhuma publicação registrada.",
        formatos_colunas={"Link": st.column_config.LinkColumn("Link")},
    )
    if sel_p is None:
        sel_p = linha_da_url(pubs, "publicacao")
    if sel_p is not None:
        pub, metas_p, ats_p, nome_arq = comunicacao.obter_publicacao(ator, int(sel_p["id"]))
        st.divider()
        st.subheader(f"{TIPOS_PUBLICACAO[pub.tipo]} nº {texto_md(pub.numero)} — {texto_md(pub.titulo)}")
        st.markdown(f"Publicada em **{formatos.data(pub.data)}**. {texto_md(pub.resumo)}")
        if pub.link:
            st.markdown(link_md(pub.link, "Abrir o link"))
        if pub.anexo_id:
            st.download_button(
                f"Baixar {nome_arq}",
                data=lambda: plano.obter_anexo(ator, pub.anexo_id).conteudo,
                file_name=nome_arq,
                mime=tipo_para_baixar(nome_arq),
                key=f"pub_baixar_{pub.id}",
                icon=":material/download:",
            )
        if pode_editar:
            editar_publicacao(pub, metas_p, ats_p, nome_arq)
    if pode_editar:
        inclusao_em_expansor(
            "Nova publicação",
            formulario_publicacao,
            "pub_nova",
            lambda dados: comunicacao.salvar_publicacao(ator, dados, hoje=hoje),
            mensagem="Publicação incluída.",
        )
