"""Propostas FUNPEN de Centrais de Monitoração Eletrônica (CME) e Centrais Integradas de
Alternativas Penais (CIAP) — Portaria DEPEN 250/2015: lista, cadastro, itens com cotações,
equipe, checklist com o artigo de cada regra e parecer em PDF."""

import streamlit as st

from comum import formatos
from core import acesso
from dominio.funpen import regras
from dominio.funpen import servicos as funpen
from models.funpen import PROGRAMAS, STATUS_PROPOSTA
from ui.campos import (
    campo_data,
    campo_data_em_texto,
    campo_uf,
    em_formulario,
    formulario_de_edicao,
    inclusao_em_expansor,
    opcao,
    valor_atual,
)
from ui.comum import (
    abrir_pagina,
    tabela_para_escolher,
    texto_md,
    tratando_erros,
)
from ui.funpen import EQUIPE, ITENS, checklist_markdown, mostrar_lista_da_proposta, tabela_propostas

ator, hoje, pode_editar = abrir_pagina(
    "Propostas FUNPEN",
    "Portaria DEPEN 250/2015: financiamento de CME e CIAP pelo Fundo Penitenciário Nacional. O checklist confere "
    "cada regra com o artigo; remunerações seguem os limites do Anexo I da Portaria DEPEN 206/2008.",
    permissao=acesso.FUNPEN_EDITAR,
)


def campos_proposta(chave: str, atual=None):
    c1, c2 = st.columns(2)
    programa = opcao(PROGRAMAS, "Programa *", f"{chave}_programa", valor_atual(atual, "programa", None), onde=c1)
    uf = campo_uf(f"{chave}_uf", valor_atual(atual, "uf_sigla", None), onde=c2)
    titulo = st.text_input("Título *", value=valor_atual(atual, "titulo"), key=f"{chave}_titulo")
    orgao = st.text_input("Órgão proponente *", value=valor_atual(atual, "orgao_proponente"), key=f"{chave}_orgao")
    c1, c2 = st.columns(2)
    executivo = c1.checkbox(
        "Órgão do Executivo da UF responsável pela área (art. 2º)",
        value=valor_atual(atual, "orgao_executivo_uf", True),
        key=f"{chave}_executivo",
    )
    declaracao = c2.checkbox(
        "Declaração sobre as metas da Resolução CNPCP nº 01/2008 (art. 2º)",
        value=valor_atual(atual, "declaracao_metas_cnpcp", False),
        key=f"{chave}_declaracao",
    )
    c1, c2, c3, c4 = st.columns(4)
    total = c1.text_input(
        "Valor total (R$) *",
        value=formatos.dinheiro_para_digitar(valor_atual(atual, "valor_total", None)),
        placeholder="1.000.000,00",
        key=f"{chave}_total",
    )
    contra = c2.text_input(
        "Contrapartida (R$) *",
        value=formatos.dinheiro_para_digitar(valor_atual(atual, "contrapartida", None)),
        placeholder="100.000,00",
        key=f"{chave}_contra",
    )
    vigencia = c3.text_input(
        "Vigência (meses)", value=str(atual.vigencia_meses or "") if atual else "", key=f"{chave}_vigencia"
    )
    registro = campo_data_em_texto(
        "Registro no SICONV", f"{chave}_registro", valor_atual(atual, "data_registro", None), onde=c4
    )
    coord = st.text_input(
        "Coordenador(a) responsável (CME, art. 15)", value=valor_atual(atual, "coordenador"), key=f"{chave}_coord"
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
        value=valor_atual(atual, "perfil_demanda"),
        key=f"{chave}_perfil",
    )
    c1, c2, c3 = st.columns(3)
    politica = c1.checkbox(
        "A UF tem política de alternativas penais",
        value=valor_atual(atual, "politica_alternativas", False),
        key=f"{chave}_politica",
    )
    conjunta = c2.checkbox(
        "Apresenta projeto de CIAP em conjunto",
        value=valor_atual(atual, "ciap_conjunta", False),
        key=f"{chave}_conjunta",
    )
    situacao = opcao(STATUS_PROPOSTA, "Situação", f"{chave}_situacao", valor_atual(atual, "status", None), onde=c3)
    obs = st.text_area("Observações", value=valor_atual(atual, "observacoes"), key=f"{chave}_obs")
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


formulario = em_formulario(campos_proposta, icon=":material/save:")


df = tabela_propostas(funpen.tabela_propostas(ator))
sel = tabela_para_escolher(
    df,
    "propostas_funpen",
    chave="pr_tabela",
    contagem="proposta(s)",
    vazio="Nenhuma proposta cadastrada.",
    ver="o checklist",
    editar=pode_editar,
)

if pode_editar:
    inclusao_em_expansor(
        "Nova proposta",
        formulario,
        "pr_nova",
        lambda dados: funpen.salvar_proposta(ator, dados),
        mensagem=lambda dados: f"Proposta “{dados.titulo.strip()}” incluída.",
    )

with st.expander("Conferir declarações e período de registro — Portaria DEPEN 206/2008", icon=":material/rule:"):
    st.caption(
        "Conferência avulsa (nada é gravado): declarações exigidas por tipo de proponente (arts. 6º a 9º) e "
        "registro no SICONV dentro do período, sem prorrogação (art. 2º, §§ 1º e 4º). O período padrão é o do "
        "exercício de 2009; ajuste-o para outro edital."
    )
    c1, c2, c3, c4 = st.columns(4)
    tipo = opcao(regras.TIPOS_PROPONENTE, "Tipo de proponente", "pr206_tipo", onde=c1)
    registro = campo_data_em_texto("Registro no SICONV", "pr206_registro", onde=c2)
    inicio = campo_data("Período: início", "pr206_inicio", regras.JANELA_REGISTRO_2009[0], onde=c3)
    fim = campo_data("Período: fim", "pr206_fim", regras.JANELA_REGISTRO_2009[1], onde=c4)
    exigidas = regras.declaracoes_exigidas(tipo)
    apresentadas = [
        c
        for c in exigidas
        if st.checkbox(f"{regras.DECLARACOES[c][1]} ({regras.DECLARACOES[c][0]})", key=f"pr206_{tipo}_{c}")
    ]
    with tratando_erros("A conferência não foi feita"):
        st.markdown(
            checklist_markdown(
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
    st.subheader(f"{texto_md(p.titulo)} — {p.uf_sigla} ({p.programa.upper()})")
    nomes = ["Checklist", "Itens e cotações", "Equipe"] + (["Editar"] if pode_editar else [])
    abas = dict(zip(nomes, st.tabs(nomes)))
    with abas["Checklist"]:
        resultados = funpen.checklist(ator, p.id)
        c1, c2, c3 = st.columns(3)
        c1.metric("Atende", sum(r.situacao == regras.ATENDE for r in resultados))
        c2.metric("Não atende", sum(r.situacao == regras.NAO_ATENDE for r in resultados))
        c3.metric("A verificar", sum(r.situacao == regras.A_VERIFICAR for r in resultados))
        st.markdown(checklist_markdown(resultados))
        st.download_button(
            "Baixar parecer (PDF)",
            funpen.parecer_pdf(ator, p.id, hoje=hoje),
            f"parecer_proposta_{p.id}_{p.uf_sigla}_{p.programa}.pdf",
            "application/pdf",
            key=f"pr_pdf_{p.id}",
            icon=":material/picture_as_pdf:",
        )
    with abas["Itens e cotações"]:
        mostrar_lista_da_proposta(ator, p.id, ITENS, pode_editar=pode_editar)
    with abas["Equipe"]:
        mostrar_lista_da_proposta(ator, p.id, EQUIPE, pode_editar=pode_editar)
    if pode_editar:
        with abas["Editar"]:
            formulario_de_edicao(
                formulario,
                f"pr_editar_{p.id}",
                p,
                lambda dados, versao: funpen.salvar_proposta(ator, dados, ident=p.id, versao=versao),
                chave=f"proposta_{p.id}",
            )
