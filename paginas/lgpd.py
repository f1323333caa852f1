"""Incidentes com dados pessoais (Cláusula 13ª; Res. CD/ANPD 15/2024): prazos de cada
comunicação, registro e edição, encarregados (DPO) e dias não úteis. Só administradores."""

import pandas as pd
import streamlit as st

from comum import formatos
from comum.textos import somente_algarismos
from core.erros import ErroNegocio
from dominio.lgpd import servicos as lgpd
from models.lgpd import ABRANGENCIAS, CATEGORIAS_DADOS, STATUS_INCIDENTE
from models.plano import PARTICIPES
from ui import filtros_url
from ui.campos import (
    campo_data,
    em_formulario,
    formulario_de_edicao,
    formulario_de_inclusao,
    inclusao_em_expansor,
    opcao,
)
from ui.comum import (
    abrir_pagina,
    gravar_com_trava,
    prefixo_formulario,
    tabela_de_registros,
    tabela_exportavel,
    texto_md,
)
from ui.lgpd import mostrar_alertas_lgpd, prazo_colorido, tabela_incidentes

ator, hoje, _ = abrir_pagina(
    "Incidentes LGPD",
    "Cláusula 13ª, IV: cada partícipe avisa o outro em até 2 dias úteis do conhecimento de um incidente com "
    "dados pessoais. Res. CD/ANPD 15/2024, art. 6º: 3 dias úteis para comunicar a ANPD e os titulares.",
)


def campos_encarregado(pre: str) -> lgpd.DadosEncarregado:
    c1, c2, c3 = st.columns([1, 2, 2])
    participe = opcao(PARTICIPES, "Partícipe *", f"{pre}_participe", onde=c1)
    nome = c2.text_input("Nome *", key=f"{pre}_nome")
    email = c3.text_input("E-mail *", key=f"{pre}_email")
    c1, c2, c3 = st.columns([2, 1, 1])
    ato = c1.text_input("Ato de designação", key=f"{pre}_ato", placeholder="Portaria nº …")
    inicio = campo_data("Início *", f"{pre}_inicio", onde=c2)
    fim = campo_data("Fim", f"{pre}_fim", onde=c3)
    return lgpd.DadosEncarregado(participe, nome, email, ato, inicio, fim)


def campos_incidente(pre: str, inc=None) -> lgpd.DadosIncidente:
    """Campos do formulário (dentro de um st.form); `inc` preenche os valores na edição."""

    def v(attr, padrao=None):
        return getattr(inc, attr) if inc is not None else padrao

    c1, c2, c3 = st.columns(3)
    participe = opcao(
        PARTICIPES, "Partícipe que teve conhecimento *", f"{pre}_participe", v("participe", "cnj"), onde=c1
    )
    conhecimento = campo_data(
        "Data do conhecimento *", f"{pre}_conhecimento", v("data_conhecimento"), onde=c2, max_value=hoje
    )
    hora_atual = formatos.local(inc.conhecido_em).time().replace(tzinfo=None) if inc and inc.conhecido_em else None
    hora = c3.time_input(
        "Hora do conhecimento", value=hora_atual, key=f"{pre}_hora", help="Opcional; horário de Brasília."
    )
    descricao = st.text_area("O que aconteceu *", value=v("descricao", ""), key=f"{pre}_descricao")
    categorias = st.multiselect(
        "Categorias de dados *",
        list(CATEGORIAS_DADOS),
        default=v("categorias_dados", []),
        format_func=CATEGORIAS_DADOS.get,
        key=f"{pre}_categorias",
        placeholder="Escolha as categorias",
    )
    c1, c2, c3 = st.columns(3)
    sensiveis = c1.checkbox("Envolve dados sensíveis", value=v("dados_sensiveis", False), key=f"{pre}_sensiveis")
    risco = c2.checkbox(
        "Pode acarretar risco ou dano relevante aos titulares",
        value=v("risco_relevante", True),
        key=f"{pre}_risco",
        help="LGPD, art. 48: só então se comunica a ANPD e os titulares.",
    )
    pequeno = c3.checkbox(
        "Agente de pequeno porte (prazos da ANPD em dobro)",
        value=v("agente_pequeno_porte", False),
        key=f"{pre}_pequeno",
    )
    pessoas_txt = st.text_input(
        "Pessoas afetadas",
        value="" if v("pessoas_afetadas") is None else str(inc.pessoas_afetadas),
        key=f"{pre}_pessoas",
        help="Deixe em branco se o número é desconhecido.",
    )
    medidas = st.text_area("Medidas adotadas", value=v("medidas_adotadas", ""), key=f"{pre}_medidas")
    st.markdown("**Comunicações e encerramento**")
    c1, c2, c3 = st.columns(3)
    d_part = campo_data("Outro partícipe avisado em", f"{pre}_d_participe", v("data_comunicacao_participe"), onde=c1)
    d_anpd = campo_data("ANPD comunicada em", f"{pre}_d_anpd", v("data_comunicacao_anpd"), onde=c2)
    d_tit = campo_data("Titulares comunicados em", f"{pre}_d_titulares", v("data_comunicacao_titulares"), onde=c3)
    c1, c2, c3 = st.columns(3)
    d_comp = campo_data("Complemento enviado em", f"{pre}_d_complemento", v("data_complemento"), onde=c1)
    d_enc = campo_data(
        "Encerrado em",
        f"{pre}_d_encerramento",
        v("data_encerramento"),
        onde=c2,
        help="Com data de encerramento o incidente passa a “Encerrado”.",
    )
    d_reg = campo_data(
        "Data do registro",
        f"{pre}_d_registro",
        v("data_registro"),
        onde=c3,
        help="Conta a guarda de 5 anos; em branco, a data de hoje.",
    )
    pessoas_txt = (pessoas_txt or "").strip().replace(".", "")
    pessoas: int | None | str = None
    if pessoas_txt:
        pessoas = int(pessoas_txt) if somente_algarismos(pessoas_txt) else pessoas_txt
    return lgpd.DadosIncidente(
        participe=participe,
        data_conhecimento=conhecimento,
        descricao=descricao,
        categorias_dados=categorias,
        dados_sensiveis=sensiveis,
        risco_relevante=risco,
        pessoas_afetadas=pessoas,
        medidas_adotadas=medidas,
        agente_pequeno_porte=pequeno,
        hora_conhecimento=hora,
        data_registro=d_reg,
        data_comunicacao_participe=d_part,
        data_comunicacao_anpd=d_anpd,
        data_comunicacao_titulares=d_tit,
        data_complemento=d_comp,
        data_encerramento=d_enc,
    )


mostrar_alertas_lgpd(ator, hoje)
with st.expander("Como os prazos são contados", icon=":material/help:"):
    st.markdown(lgpd.REGRA_PRAZOS)

aba_inc, aba_novo, aba_dpo, aba_dias, aba_guarda = st.tabs(
    ["Incidentes", "Registrar incidente", "Encarregados (DPO)", "Dias não úteis", "Guarda dos registros"]
)

with aba_inc:
    st.caption(
        "✅ cumprido · ☑️ cumprido com atraso · 🕒 a vencer · ⚠️ vence em até 1 dia útil · ⛔ vencido · "
        "➖ não exigido · ⏸️ aguardando a comunicação à ANPD"
    )
    df = tabela_incidentes(lgpd.tabela_incidentes(ator, hoje))
    linha = tabela_exportavel(
        df, "incidentes_lgpd", chave="lg_tabela", selecionavel=True, vazio="Nenhum incidente registrado."
    )
    if not df.empty:
        ids = df["id"].tolist()
        padrao = filtros_url.id_da_linha_ou_da_url(linha, ids, "incidente")  # /lgpd?incidente=2
        escolhido = st.selectbox(
            "Incidente",
            ids,
            index=ids.index(padrao),
            key="lg_escolhido",
            format_func=lambda i: (
                f"Nº {i} — "
                + df.loc[df["id"] == i, "Partícipe"].iloc[0]
                + ", conhecido em "
                + formatos.data(df.loc[df["id"] == i, "Conhecimento"].iloc[0])
            ),
            placeholder="Selecione",
        )
        inc = lgpd.obter_incidente(ator, escolhido)
        st.subheader(texto_md(lgpd.rotulo_incidente(inc)))
        st.markdown(f"**Situação:** {STATUS_INCIDENTE[inc.status]}  \n**O que aconteceu:** {texto_md(inc.descricao)}")
        cols = st.columns(4)
        for col, r in zip(cols, lgpd.relogios(ator, inc.id, hoje)):
            with col.container(border=True):
                st.markdown(f"**{r.rotulo}**")
                st.caption(f"Prazo: {formatos.data(r.prazo)}")
                st.markdown(prazo_colorido(r))
        with st.expander("Alterar este incidente", icon=":material/edit:"):
            formulario_de_edicao(
                em_formulario(campos_incidente, "Gravar alterações"),
                f"lg_ed_{inc.id}",
                inc,
                lambda dados, versao: lgpd.salvar_incidente(ator, dados, hoje=hoje, ident=inc.id, versao=versao),
                chave=f"incidente_{inc.id}",
                mensagem="Incidente atualizado.",
            )

with aba_novo:
    formulario_de_inclusao(
        em_formulario(campos_incidente, "Registrar incidente"),
        "lg_novo",
        lambda dados: lgpd.salvar_incidente(ator, dados, hoje=hoje),
        mensagem="Incidente registrado.",
    )

with aba_dpo:
    st.caption("Cláusula 13ª, V: cada partícipe informa ao outro o seu Encarregado de Dados (LGPD, art. 23, III).")
    encs = lgpd.listar_encarregados(ator)
    tabela_de_registros(
        encs,
        {
            "Partícipe": "participe",
            "Nome": "nome",
            "E-mail": "email",
            "Ato de designação": "ato_designacao",
            "Início": "data_inicio",
            "Fim": "data_fim",
        },
        "encarregados_lgpd",
        chave="lg_dpo",
        vazio="Nenhum encarregado registrado.",
        exibir={"Partícipe": PARTICIPES.get},
    )
    inclusao_em_expansor(
        "Registrar encarregado",
        em_formulario(campos_encarregado, "Registrar"),
        "lg_dpo_novo",
        lambda dados: lgpd.salvar_encarregado(ator, dados, hoje=hoje),
        mensagem="Encarregado registrado.",
        icone=":material/person_add:",
    )

with aba_dias:
    st.caption(
        "Além de sábados, domingos e feriados nacionais, estes dias não contam nos prazos em dias úteis. "
        "Carnaval e Corpus Christi não são feriados nacionais em lei: cadastre-os se não houver expediente."
    )
    dias = lgpd.listar_dias_nao_uteis(ator)
    df_dias = pd.DataFrame(
        [
            {
                "id": d.id,
                "Data": d.data,
                "Descrição": d.descricao,
                "Abrangência": ABRANGENCIAS[d.abrangencia],
                "UF/município": d.localidade or "—",
            }
            for d in dias
        ],
        columns=["id", "Data", "Descrição", "Abrangência", "UF/município"],
    )
    tabela_exportavel(df_dias, "dias_nao_uteis", chave="lg_dias", vazio="Nenhum dia não útil cadastrado.")
    if dias:
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        por_id = {d.id: d for d in dias}
        remover = c1.selectbox(
            "Remover dia",
            list(por_id),
            key="lg_dia_remover",
            format_func=lambda i: f"{formatos.data(por_id[i].data)} — {por_id[i].descricao}",
            placeholder="Selecione",
        )
        if c2.button("Remover", key="lg_dia_remover_btn", icon=":material/delete:"):
            try:
                lgpd.excluir_dia_nao_util(ator, remover, por_id[remover].versao)
            except ErroNegocio as exc:  # inclusive conflito: outra pessoa alterou ou removeu o dia
                st.error(texto_md(exc))
            else:
                st.session_state["_aviso"] = "Dia removido."
                st.rerun()
    with st.expander("Incluir dia não útil", icon=":material/event_busy:"):
        pre = prefixo_formulario("lg_dia_novo")
        with st.form(pre):
            c1, c2, c3, c4 = st.columns([1, 2, 1, 2])
            data_d = campo_data("Data *", f"{pre}_data", onde=c1)
            descricao_d = c2.text_input("Descrição *", key=f"{pre}_descricao", placeholder="Carnaval")
            abrang = opcao(ABRANGENCIAS, "Abrangência *", f"{pre}_abr", onde=c3)
            local = c4.text_input("UF/município (se local)", key=f"{pre}_local")
            enviado_dia = st.form_submit_button("Incluir", type="primary")
        if enviado_dia:
            dados_dia = lgpd.DadosDiaNaoUtil(data_d, descricao_d, abrang, local)
            gravar_com_trava(
                lambda: lgpd.salvar_dia_nao_util(ator, dados_dia),
                chave="dia_novo",
                formulario=pre,
                mensagem="Dia não útil incluído.",
            )

with aba_guarda:
    st.caption(
        "Registros de incidentes são guardados por 5 anos da data do registro; depois, o registro vai à "
        "revisão para eliminação (Cláusula 13ª, III)."
    )
    tabela_exportavel(
        lgpd.tabela_guarda(ator, hoje),
        "guarda_incidentes_lgpd",
        chave="lg_guarda",
        vazio="Nenhum incidente registrado.",
    )
