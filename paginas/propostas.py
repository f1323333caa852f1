"""Propostas FUNPEN de Centrais de Monitoração Eletrônica (CME) e Centrais Integradas de
Alternativas Penais (CIAP) — Portaria DEPEN 250/2015: lista, cadastro, itens com cotações,
equipe, checklist com o artigo de cada regra e parecer em PDF."""

from datetime import date

import streamlit as st

from comum import formatos
from core import acesso
from dominio.cadastros import referencia
from dominio.funpen import regras
from dominio.funpen import servicos as funpen
from models.funpen import NATUREZAS_EQUIPE, PROGRAMAS, STATUS_PROPOSTA
from ui.comum import (
    aviso_pendente,
    gravar_com_trava,
    prefixo_formulario,
    tabela_exportavel,
    tratando_erros,
    usuario_atual,
    versao_aberta,
)

ator = usuario_atual()
pode_editar = acesso.pode(ator, acesso.FUNPEN_EDITAR)
st.title("Propostas FUNPEN")
st.caption(
    "Portaria DEPEN 250/2015: financiamento de CME e CIAP pelo Fundo Penitenciário Nacional. O checklist confere "
    "cada regra com o artigo; remunerações seguem os limites do Anexo I da Portaria DEPEN 206/2008."
)
aviso_pendente()


def _valor(v) -> str:
    return formatos.dinheiro(v).replace("R$ ", "") if v is not None else ""


def formulario(chave: str, atual=None):
    ufs = [u.sigla for u in referencia.listar_ufs()]
    with st.form(chave):
        c1, c2 = st.columns(2)
        programa = c1.selectbox(
            "Programa *",
            list(PROGRAMAS),
            format_func=PROGRAMAS.get,
            key=f"{chave}_programa",
            index=list(PROGRAMAS).index(atual.programa) if atual else 0,
            placeholder="Selecione",
        )
        uf = c2.selectbox(
            "UF *", ufs, index=ufs.index(atual.uf_sigla) if atual else None, placeholder="UF", key=f"{chave}_uf"
        )
        titulo = st.text_input("Título *", value=atual.titulo if atual else "", key=f"{chave}_titulo")
        orgao = st.text_input("Órgão proponente *", value=atual.orgao_proponente if atual else "", key=f"{chave}_orgao")
        c1, c2 = st.columns(2)
        executivo = c1.checkbox(
            "Órgão do Executivo da UF responsável pela área (art. 2º)",
            value=atual.orgao_executivo_uf if atual else True,
            key=f"{chave}_executivo",
        )
        declaracao = c2.checkbox(
            "Declaração sobre as metas da Resolução CNPCP nº 01/2008 (art. 2º)",
            value=atual.declaracao_metas_cnpcp if atual else False,
            key=f"{chave}_declaracao",
        )
        c1, c2, c3, c4 = st.columns(4)
        total = c1.text_input(
            "Valor total (R$) *",
            value=_valor(atual.valor_total) if atual else "",
            placeholder="1.000.000,00",
            key=f"{chave}_total",
        )
        contra = c2.text_input(
            "Contrapartida (R$) *",
            value=_valor(atual.contrapartida) if atual else "",
            placeholder="100.000,00",
            key=f"{chave}_contra",
        )
        vigencia = c3.text_input(
            "Vigência (meses)", value=str(atual.vigencia_meses or "") if atual else "", key=f"{chave}_vigencia"
        )
        registro = c4.text_input(
            "Registro no SICONV",
            value=formatos.data(atual.data_registro) if atual and atual.data_registro else "",
            placeholder="DD/MM/AAAA",
            key=f"{chave}_registro",
        )
        coord = st.text_input(
            "Coordenador(a) responsável (CME, art. 15)", value=atual.coordenador if atual else "", key=f"{chave}_coord"
        )
        st.markdown("**Somente CME** — estudo de demanda (art. 7º), meta (art. 8º) e alternativas penais (art. 9º)")
        c1, c2, c3 = st.columns(3)
        flag = c1.text_input(
            "Presos em flagrante por mês", value=str(atual.flagrantes_mes or "") if atual else "", key=f"{chave}_flag"
        )
        prov = c2.text_input(
            "Presos provisórios", value=str(atual.presos_provisorios or "") if atual else "", key=f"{chave}_prov"
        )
        meta = c3.text_input(
            "Meta de redução de provisórios (%)",
            value=str(atual.meta_reducao_pct or "").replace(".", ",") if atual else "",
            key=f"{chave}_meta",
        )
        perfil = st.text_area(
            "Perfil dos presos (antecedentes e tipo penal)",
            value=atual.perfil_demanda if atual else "",
            key=f"{chave}_perfil",
        )
        c1, c2, c3 = st.columns(3)
        politica = c1.checkbox(
            "A UF tem política de alternativas penais",
            value=atual.politica_alternativas if atual else False,
            key=f"{chave}_politica",
        )
        conjunta = c2.checkbox(
            "Apresenta projeto de CIAP em conjunto",
            value=atual.ciap_conjunta if atual else False,
            key=f"{chave}_conjunta",
        )
        situacao = c3.selectbox(
            "Situação",
            list(STATUS_PROPOSTA),
            format_func=STATUS_PROPOSTA.get,
            index=list(STATUS_PROPOSTA).index(atual.status) if atual else 0,
            key=f"{chave}_situacao",
            placeholder="Selecione",
        )
        obs = st.text_area("Observações", value=atual.observacoes if atual else "", key=f"{chave}_obs")
        enviado = st.form_submit_button("Salvar", type="primary", icon=":material/save:")
    if not enviado:
        return None
    return funpen.DadosProposta(
        programa=programa,
        uf_sigla=uf or "",
        titulo=titulo,
        orgao_proponente=orgao,
        valor_total=total,
        contrapartida=contra,
        orgao_executivo_uf=executivo,
        declaracao_metas_cnpcp=declaracao,
        data_registro=registro,
        vigencia_meses=vigencia,
        coordenador=coord,
        flagrantes_mes=flag,
        presos_provisorios=prov,
        perfil_demanda=perfil,
        meta_reducao_pct=meta,
        politica_alternativas=politica,
        ciap_conjunta=conjunta,
        status=situacao,
        observacoes=obs,
    )


df = funpen.tabela_propostas(ator)
st.caption(
    f"{formatos.numero(len(df))} proposta(s). Selecione uma linha para ver o checklist"
    + (" e editar." if pode_editar else ".")
)
sel = tabela_exportavel(
    df, "propostas_funpen", chave="pr_tabela", selecionavel=True, vazio="Nenhuma proposta cadastrada."
)

if pode_editar:
    with st.expander("Nova proposta", icon=":material/add:"):
        dados = formulario(prefixo_formulario("pr_nova"))
        if dados is not None:
            gravar_com_trava(
                lambda: funpen.salvar_proposta(ator, dados),
                chave="proposta_None",
                formulario="pr_nova",
                mensagem=f"Proposta “{dados.titulo.strip()}” incluída.",
            )

with st.expander("Conferir declarações e período de registro — Portaria DEPEN 206/2008", icon=":material/rule:"):
    st.caption(
        "Conferência avulsa (nada é gravado): declarações exigidas por tipo de proponente (arts. 6º a 9º) e "
        "registro no SICONV dentro do período, sem prorrogação (art. 2º, §§ 1º e 4º). O período padrão é o do "
        "exercício de 2009; ajuste-o para outro edital."
    )
    c1, c2, c3, c4 = st.columns(4)
    tipo = c1.selectbox(
        "Tipo de proponente",
        list(regras.TIPOS_PROPONENTE),
        format_func=regras.TIPOS_PROPONENTE.get,
        key="pr206_tipo",
        placeholder="Selecione",
    )
    registro = c2.text_input("Registro no SICONV", placeholder="DD/MM/AAAA", key="pr206_registro")
    inicio = c3.date_input(
        "Período: início", value=regras.JANELA_REGISTRO_2009[0], format="DD/MM/YYYY", key="pr206_inicio"
    )
    fim = c4.date_input("Período: fim", value=regras.JANELA_REGISTRO_2009[1], format="DD/MM/YYYY", key="pr206_fim")
    exigidas = regras.declaracoes_exigidas(tipo)
    apresentadas = [
        c
        for c in exigidas
        if st.checkbox(f"{regras.DECLARACOES[c][1]} ({regras.DECLARACOES[c][0]})", key=f"pr206_{tipo}_{c}")
    ]
    with tratando_erros():
        st.markdown(
            funpen.checklist_markdown(
                funpen.checklist_206(
                    ator,
                    tipo_proponente=tipo,
                    apresentadas=apresentadas,
                    data_registro=registro,
                    inicio=inicio,
                    fim=fim,
                )
            )
        )

if sel is not None:
    p = funpen.obter_proposta(ator, int(sel["id"]))
    st.divider()
    st.subheader(f"{p.titulo} — {p.uf_sigla} ({p.programa.upper()})")
    nomes = ["Checklist", "Itens e cotações", "Equipe"] + (["Editar"] if pode_editar else [])
    abas = dict(zip(nomes, st.tabs(nomes)))
    with abas["Checklist"]:
        resultados = funpen.checklist(ator, p.id)
        c1, c2, c3 = st.columns(3)
        c1.metric("Atende", sum(r.situacao == regras.ATENDE for r in resultados))
        c2.metric("Não atende", sum(r.situacao == regras.NAO_ATENDE for r in resultados))
        c3.metric("A verificar", sum(r.situacao == regras.A_VERIFICAR for r in resultados))
        st.markdown(funpen.checklist_markdown(resultados))
        st.download_button(
            "Baixar parecer (PDF)",
            funpen.parecer_pdf(ator, p.id, hoje=date.today()),
            f"parecer_proposta_{p.id}_{p.uf_sigla}_{p.programa}.pdf",
            "application/pdf",
            key=f"pr_pdf_{p.id}",
            icon=":material/picture_as_pdf:",
        )
    with abas["Itens e cotações"]:
        itens = funpen.itens_da_proposta(ator, p.id)
        tabela_exportavel(itens, f"itens_proposta_{p.id}", chave=f"pr_itens_{p.id}", vazio="Nenhum item cadastrado.")
        if pode_editar:
            with st.expander("Incluir item com cotações", icon=":material/add:"):
                prefixo = prefixo_formulario(f"pr_item_{p.id}")
                with st.form(prefixo):
                    c1, c2, c3 = st.columns([3, 2, 1])
                    desc = c1.text_input("Descrição *", key=f"{prefixo}_desc")
                    cat = c2.selectbox(
                        "Categoria da despesa *",
                        list(regras.CATEGORIAS_DESPESA),
                        format_func=lambda c: (
                            regras.CATEGORIAS_DESPESA[c][1]
                            + (
                                f" (vedada: art. 3º, {regras.CATEGORIAS_DESPESA[c][0]})"
                                if regras.CATEGORIAS_DESPESA[c][0]
                                else ""
                            )
                        ),
                        key=f"{prefixo}_cat",
                        placeholder="Selecione",
                    )
                    valor = c3.text_input("Valor (R$) *", key=f"{prefixo}_valor", placeholder="10.000,00")
                    st.markdown("Cotações (art. 2º, § 1º: ao menos 3, com nome, CNPJ e contato do fornecedor)")
                    cots = []
                    for n in range(1, 4):
                        k1, k2, k3, k4 = st.columns([3, 2, 2, 1])
                        cots.append(
                            funpen.DadosCotacao(
                                fornecedor=k1.text_input(f"Fornecedor {n}", key=f"{prefixo}_f{n}"),
                                cnpj=k2.text_input(
                                    f"CNPJ {n}", key=f"{prefixo}_cnpj{n}", placeholder="00.000.000/0000-00"
                                ),
                                contato=k3.text_input(f"Contato {n}", key=f"{prefixo}_c{n}"),
                                valor=k4.text_input(f"Valor {n}", key=f"{prefixo}_v{n}"),
                            )
                        )
                    enviado = st.form_submit_button("Incluir item", type="primary", icon=":material/add:")
                if enviado:
                    gravar_com_trava(
                        lambda: funpen.adicionar_item(ator, p.id, funpen.DadosItem(desc, cat, valor, cots)),
                        chave=f"item_{p.id}",
                        formulario=prefixo,
                        mensagem="Item incluído.",
                    )
            if not itens.empty:
                rot = dict(zip(itens["id"], itens["Item"]))
                c1, c2 = st.columns([3, 1])
                alvo = c1.selectbox(
                    "Excluir item",
                    list(rot),
                    format_func=rot.get,
                    key=f"pr_excluir_item_{p.id}",
                    index=None,
                    placeholder="Escolha um item",
                )
                if c2.button(
                    "Excluir", key=f"pr_excluir_item_btn_{p.id}", disabled=alvo is None, icon=":material/delete:"
                ):
                    with tratando_erros():
                        funpen.excluir_item(ator, int(alvo))
                        st.session_state["_aviso"] = "Item excluído."
                        st.rerun()
    with abas["Equipe"]:
        equipe = funpen.equipe_da_proposta(ator, p.id)
        tabela_exportavel(
            equipe, f"equipe_proposta_{p.id}", chave=f"pr_equipe_{p.id}", vazio="Nenhuma pessoa da equipe cadastrada."
        )
        if pode_editar:
            with st.expander("Incluir pessoa na equipe", icon=":material/person_add:"):
                prefixo = prefixo_formulario(f"pr_pessoa_{p.id}")
                with st.form(prefixo):
                    c1, c2, c3 = st.columns([3, 2, 1])
                    nome = c1.text_input("Nome *", key=f"{prefixo}_nome")
                    nat = c2.selectbox(
                        "Natureza da atividade *",
                        list(NATUREZAS_EQUIPE),
                        format_func=NATUREZAS_EQUIPE.get,
                        key=f"{prefixo}_nat",
                        placeholder="Selecione",
                    )
                    rem = c3.text_input("Remuneração mensal (R$) *", key=f"{prefixo}_rem", placeholder="3.000,00")
                    enviado = st.form_submit_button("Incluir", type="primary", icon=":material/add:")
                if enviado:
                    gravar_com_trava(
                        lambda: funpen.adicionar_equipe(ator, p.id, funpen.DadosEquipe(nome, nat, rem)),
                        chave=f"equipe_{p.id}",
                        formulario=prefixo,
                        mensagem="Pessoa incluída na equipe.",
                    )
            if not equipe.empty:
                rot = dict(zip(equipe["id"], equipe["Nome"]))
                c1, c2 = st.columns([3, 1])
                alvo = c1.selectbox(
                    "Excluir pessoa",
                    list(rot),
                    format_func=rot.get,
                    key=f"pr_excluir_pessoa_{p.id}",
                    index=None,
                    placeholder="Escolha uma pessoa",
                )
                if c2.button(
                    "Excluir", key=f"pr_excluir_pessoa_btn_{p.id}", disabled=alvo is None, icon=":material/delete:"
                ):
                    with tratando_erros():
                        funpen.excluir_equipe(ator, int(alvo))
                        st.session_state["_aviso"] = "Pessoa excluída da equipe."
                        st.rerun()
    if pode_editar:
        with abas["Editar"]:
            chave = f"proposta_{p.id}"
            versao = versao_aberta(chave, p.versao)
            dados = formulario(prefixo_formulario(f"pr_editar_{p.id}"), p)
            if dados is not None:
                gravar_com_trava(
                    lambda: funpen.salvar_proposta(ator, dados, ident=p.id, versao=versao),
                    chave=chave,
                    formulario=f"pr_editar_{p.id}",
                    mensagem="Alterações gravadas.",
                )
