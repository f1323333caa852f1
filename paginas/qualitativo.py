"""Registros qualitativos: métodos de alcance focalizado junto aos Grupos Interinstitucionais
(meta d) e ciclos de monitoramento in loco dos Escritórios Sociais (meta e). DMF e
administradores registram; a Comissão do CNMP consulta; o ponto focal consulta a própria unidade."""

import streamlit as st

from comum import formatos
from comum.anexos import ArquivoEnviado, tipo_para_baixar
from core import acesso
from core.erros import ErroNegocio
from dominio.cadastros import unidades
from dominio.indicadores import qualitativo
from models.indicadores import METODOS_QUALITATIVOS, STATUS_ENCAMINHAMENTO
from ui import filtros_url, graficos
from ui.campos import (
    campo_data,
    em_formulario,
    formulario_de_edicao,
    formulario_de_inclusao,
    inclusao_em_expansor,
    opcao,
    valor_atual,
)
from ui.comum import (
    abrir_pagina,
    grafico,
    gravar_com_trava,
    prefixo_formulario,
    tabela_exportavel,
    texto_md,
)
from ui.graficos import indicadores as graficos_indicadores

ator, hoje, pode_editar = abrir_pagina(
    "Registros qualitativos",
    "Meta d: monitorar os Grupos Interinstitucionais também por métodos qualitativos de alcance focalizado. "
    "Meta e: ciclos de monitoramento in loco dos Escritórios Sociais. Cada registro traz o método, a equipe, "
    "os achados, as recomendações e o encaminhamento.",
    permissao=acesso.QUALITATIVO_EDITAR,
)
e_ponto_focal = unidades.propria(ator) is not None

lista_unidades = qualitativo.unidades_visiveis(ator)
por_chave = {u.chave: u for u in lista_unidades}
ciclos = qualitativo.listar_ciclos(ator)
por_ciclo = {c.id: c for c in ciclos}
SEM_CICLO = 0


def campos_registro(pre: str, r=None) -> qualitativo.DadosRegistro:
    """Campos do formulário (dentro de um st.form); `r` preenche os valores na edição."""
    chaves = list(por_chave)
    atual = unidades.chave_de(r.grupo_id, r.escritorio_id) if r is not None else None
    c1, c2 = st.columns([3, 1])
    unidade = c1.selectbox(
        "Unidade *",
        chaves,
        index=chaves.index(atual) if atual in chaves else None,
        format_func=lambda k: por_chave[k].nome,
        key=f"{pre}_unidade",
        placeholder="Escolha o Grupo ou o Escritório",
    )
    data_r = campo_data("Data *", f"{pre}_data", valor_atual(r, "data", None), onde=c2, max_value=hoje)
    c1, c2 = st.columns([1, 3])
    metodo = opcao(METODOS_QUALITATIVOS, "Método *", f"{pre}_metodo", valor_atual(r, "metodo", None), onde=c1)
    opcoes_ciclo = [SEM_CICLO, *por_ciclo]
    ciclo = c2.selectbox(
        "Ciclo de monitoramento",
        opcoes_ciclo,
        key=f"{pre}_ciclo",
        index=opcoes_ciclo.index(r.ciclo_id) if r is not None and r.ciclo_id in por_ciclo else 0,
        format_func=lambda i: "Sem ciclo" if i == SEM_CICLO else qualitativo.rotulo_ciclo(por_ciclo[i]),
        help="Meta d: Grupos Interinstitucionais; meta e: Escritórios Sociais. A data tem de estar "
        "dentro do período do ciclo.",
        placeholder="Selecione",
    )
    equipe = st.text_input(
        "Equipe *",
        value=valor_atual(r, "equipe"),
        key=f"{pre}_equipe",
        max_chars=500,
        placeholder="Quem aplicou o método (nomes ou instituições)",
    )
    achados = st.text_area("Achados *", value=valor_atual(r, "achados"), key=f"{pre}_achados", max_chars=6000)
    recomendacoes = st.text_area(
        "Recomendações", value=valor_atual(r, "recomendacoes"), key=f"{pre}_recomendacoes", max_chars=6000
    )
    c1, c2 = st.columns(2)
    status = opcao(
        STATUS_ENCAMINHAMENTO,
        "Encaminhamento *",
        f"{pre}_status",
        valor_atual(r, "status_encaminhamento", None),
        onde=c1,
    )
    prazo = campo_data("Prazo do encaminhamento", f"{pre}_prazo", valor_atual(r, "prazo_encaminhamento", None), onde=c2)
    return qualitativo.DadosRegistro(
        unidade_chave=unidade,
        data=data_r,
        metodo=metodo,
        equipe=equipe,
        achados=achados,
        recomendacoes=recomendacoes,
        status_encaminhamento=status,
        prazo_encaminhamento=prazo,
        ciclo_id=None if ciclo == SEM_CICLO else ciclo,
    )


def campos_ciclo(pre: str, c=None) -> qualitativo.DadosCiclo:
    c1, c2 = st.columns([2, 3])
    nome = c1.text_input(
        "Nome *",
        value=valor_atual(c, "nome"),
        key=f"{pre}_nome",
        max_chars=150,
        placeholder="1º ciclo in loco dos Escritórios Sociais — 2026",
    )
    meta = opcao(qualitativo.METAS_CICLO, "Meta *", f"{pre}_meta", valor_atual(c, "meta_letra", None), onde=c2)
    c1, c2 = st.columns(2)
    inicio = campo_data("Início *", f"{pre}_inicio", valor_atual(c, "inicio", None), onde=c1)
    fim = campo_data("Fim *", f"{pre}_fim", valor_atual(c, "fim", None), onde=c2)
    descricao = st.text_area("Descrição", value=valor_atual(c, "descricao"), key=f"{pre}_descricao", max_chars=2000)
    return qualitativo.DadosCiclo(nome=nome, meta_letra=meta, inicio=inicio, fim=fim, descricao=descricao)


def mostrar_detalhe(registro_id: int) -> None:
    d = qualitativo.detalhe_registro(ator, registro_id)
    r = d.registro
    st.subheader(texto_md(d.titulo))
    atraso = (
        " — **em atraso**"
        if r.status_encaminhamento in qualitativo.EM_ABERTO and r.prazo_encaminhamento and r.prazo_encaminhamento < hoje
        else ""
    )
    st.markdown(
        f"**Ciclo:** {qualitativo.rotulo_ciclo(d.ciclo) if d.ciclo else 'sem ciclo'}  \n"
        f"**Equipe:** {texto_md(r.equipe)}  \n"
        f"**Encaminhamento:** {STATUS_ENCAMINHAMENTO[r.status_encaminhamento]}"
        + (f", prazo {formatos.data(r.prazo_encaminhamento)}" if r.prazo_encaminhamento else "")
        + atraso
    )
    c1, c2 = st.columns(2)
    with c1.container(border=True):
        st.markdown("**Achados**")
        st.text(r.achados)
    with c2.container(border=True):
        st.markdown("**Recomendações**")
        st.text(r.recomendacoes or "—")
    if r.registrado_por:
        st.caption(
            f"Registrado por {texto_md(r.registrado_por)}; última alteração em {formatos.data_hora(r.atualizado_em)}."
        )
    st.markdown("**Anexos**")
    if not d.anexos:
        st.caption("Nenhum arquivo anexado.")
    for a in d.anexos:
        c1, c2 = st.columns([4, 2], vertical_alignment="center")
        c1.markdown(
            f"{a.nome_arquivo} — {formatos.numero(max(1, round(a.tamanho / 1024)))} KB, incluído em "
            f"{formatos.data(a.incluido_em)}"
        )
        c2.download_button(
            f"Baixar {a.nome_arquivo}",
            data=lambda i=a.anexo_id: qualitativo.obter_anexo(ator, i).conteudo,
            file_name=a.nome_arquivo,
            mime=tipo_para_baixar(a.nome_arquivo),
            key=f"ql_baixar_{a.anexo_id}",
            icon=":material/download:",
            on_click="ignore",
        )
    if not pode_editar:
        return
    chave = f"registro_qualitativo_{r.id}"
    with st.expander("Alterar este registro", icon=":material/edit:"):
        versao = formulario_de_edicao(
            em_formulario(campos_registro, "Gravar alterações"),
            f"ql_ed_{r.id}",
            r,
            lambda dados, versao: qualitativo.salvar_registro(ator, dados, hoje=hoje, ident=r.id, versao=versao),
            chave=chave,
            mensagem="Registro atualizado.",
        )
    with st.expander("Anexos do registro", icon=":material/attach_file:"):
        pre_anexo = prefixo_formulario(f"ql_anexo_{r.id}")
        with st.form(pre_anexo):
            arquivo = st.file_uploader(
                "Arquivo (até 10 MB): relatório, ata, lista de presença, fotos", key=f"{pre_anexo}_arquivo"
            )
            enviado_anexo = st.form_submit_button("Anexar", icon=":material/attach_file:")
        if enviado_anexo:
            arq = ArquivoEnviado(arquivo.name, arquivo.getvalue(), arquivo.type or "") if arquivo is not None else None
            gravar_com_trava(
                lambda: qualitativo.anexar(ator, r.id, arq),
                chave=f"anexo_{r.id}",
                formulario=pre_anexo,
                mensagem="Arquivo anexado.",
            )
        if d.anexos:
            c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
            nomes = {a.anexo_id: a.nome_arquivo for a in d.anexos}
            remover = opcao(nomes, "Remover anexo", f"ql_remover_{r.id}", onde=c1)
            if c2.button("Remover", key=f"ql_remover_btn_{r.id}", icon=":material/delete:"):
                try:
                    qualitativo.remover_anexo(ator, remover)
                except ErroNegocio as exc:
                    st.error(texto_md(exc))
                else:
                    st.session_state["_aviso"] = "Anexo removido."
                    st.rerun()
    with st.expander("Excluir este registro", icon=":material/delete:"):
        st.warning("A exclusão apaga também os anexos e fica registrada na trilha de auditoria.")
        if st.button("Excluir o registro", key=f"ql_excluir_{r.id}", type="primary"):
            gravar_com_trava(  # com a versão de quando o registro foi aberto
                lambda: qualitativo.excluir_registro(ator, r.id, versao),
                chave=chave,
                formulario=f"ql_excluir_{r.id}",
                mensagem="Registro excluído.",
            )


nomes_abas = ["Registros", "Por ciclo"] + ([] if e_ponto_focal else ["Por unidade"])
if pode_editar:
    nomes_abas += ["Novo registro", "Ciclos"]
abas = dict(zip(nomes_abas, st.tabs(nomes_abas)))

with abas["Registros"]:
    todos = qualitativo.tabela_registros(ator, hoje=hoje)
    if e_ponto_focal and todos.empty:
        st.info(
            f"Ainda não há registros qualitativos de **{texto_md(lista_unidades[0].nome)}**. Eles são incluídos pela "
            "equipe do DMF depois de entrevistas, grupos focais ou visitas in loco à unidade, e aparecem aqui "
            "com os achados, as recomendações e os encaminhamentos.",
            icon=":material/forum:",
        )
    else:
        c1, c2, c3, c4 = st.columns([3, 3, 2, 2])
        nomes_unidades = {k: u.nome for k, u in por_chave.items()}
        if e_ponto_focal:  # só a própria unidade, sem escolha
            nomes_unidades = {lista_unidades[0].chave: lista_unidades[0].nome}
        f_unidade = opcao(
            nomes_unidades,
            "Unidade",
            "ql_f_unidade",
            padrao=0 if e_ponto_focal else None,
            onde=c1,
            disabled=e_ponto_focal,
            placeholder="Selecione" if e_ponto_focal else "Todas",
        )
        f_ciclo = opcao(
            {i: c.nome for i, c in por_ciclo.items()}, "Ciclo", "ql_f_ciclo", padrao=None, onde=c2, placeholder="Todos"
        )
        f_metodo = opcao(METODOS_QUALITATIVOS, "Método", "ql_f_metodo", padrao=None, onde=c3, placeholder="Todos")
        f_status = opcao(
            STATUS_ENCAMINHAMENTO, "Encaminhamento", "ql_f_status", padrao=None, onde=c4, placeholder="Todos"
        )
        df = qualitativo.tabela_registros(
            ator, unidade_chave=f_unidade, ciclo_id=f_ciclo, metodo=f_metodo, status=f_status, hoje=hoje
        )
        t = qualitativo.totais(df)
        m1, m2, m3, m4 = st.columns(4)
        m1.metric("Registros", formatos.numero(t["registros"]))
        m2.metric("Unidades", formatos.numero(t["unidades"]))
        m3.metric(
            "Encaminhamentos pendentes",
            formatos.numero(t["pendentes"]),
            help="Encaminhamentos pendentes ou em andamento.",
        )
        m4.metric(
            "Em atraso", formatos.numero(t["em_atraso"]), help="Pendentes ou em andamento com o prazo já vencido."
        )
        linha = tabela_exportavel(
            df,
            "registros_qualitativos",
            chave="ql_tabela",
            selecionavel=True,
            vazio="Nenhum registro com esses filtros.",
        )
        if not df.empty:
            ids = [int(i) for i in df["id"]]
            padrao = filtros_url.id_da_linha_ou_da_url(linha, ids, "registro")  # /qualitativo?registro=7
            rotulos = {
                int(x.id): f"Nº {x.id} — {formatos.data(x.Data)} — {x.Unidade} — {x.Método}" for x in df.itertuples()
            }
            st.divider()
            escolhido = st.selectbox(
                "Registro",
                ids,
                index=ids.index(padrao),
                format_func=rotulos.get,
                key="ql_escolhido",
                placeholder="Selecione",
            )
            mostrar_detalhe(escolhido)

with abas["Por ciclo"]:
    resumo = qualitativo.resumo_por_ciclo(ator, hoje=hoje)
    if resumo.empty or not resumo["Registros"].sum():
        st.info("Nenhum registro qualitativo para resumir por ciclo.")
    else:
        st.markdown("**Registros por método em cada ciclo**")
        grafico(
            graficos_indicadores.figura_metodos_por_ciclo(resumo),
            config=graficos.CONFIG_GRAFICO,
            key="ql_grafico_ciclos",
        )
    tabela_exportavel(
        resumo,
        "registros_qualitativos_por_ciclo",
        chave="ql_por_ciclo",
        vazio="Nenhum ciclo de monitoramento cadastrado.",
    )

if "Por unidade" in abas:
    with abas["Por unidade"]:
        st.caption(
            "Todas as unidades, também as ainda sem registro (cobertura do monitoramento). "
            "Encaminhamentos pendentes: pendentes ou em andamento."
        )
        c1, c2 = st.columns(2)
        tipos = {"grupo": "Grupos Interinstitucionais", "escritorio": "Escritórios Sociais"}
        f_tipo = opcao(tipos, "Tipo de unidade", "ql_u_tipo", padrao=None, onde=c1, placeholder="Todos")
        f_ciclo_u = c2.selectbox(
            "Ciclo",
            list(por_ciclo),
            index=None,
            format_func=lambda i: por_ciclo[i].nome,
            key="ql_u_ciclo",
            placeholder="Todos",
        )
        tabela_exportavel(
            qualitativo.resumo_por_unidade(ator, ciclo_id=f_ciclo_u, tipo=f_tipo, hoje=hoje),
            "registros_qualitativos_por_unidade",
            chave="ql_por_unidade",
            vazio="Nenhuma unidade cadastrada.",
        )

if "Novo registro" in abas:
    with abas["Novo registro"]:
        formulario_de_inclusao(
            em_formulario(campos_registro, "Incluir registro"),
            "ql_novo",
            lambda dados: qualitativo.salvar_registro(ator, dados, hoje=hoje),
            mensagem="Registro incluído.",
        )
        st.caption("Os anexos são incluídos depois, no detalhe do registro (aba Registros).")

if "Ciclos" in abas:
    with abas["Ciclos"]:
        tabela_exportavel(
            qualitativo.resumo_por_ciclo(ator, hoje=hoje).loc[lambda d: d["id"].notna()][
                ["id", "Ciclo", "Meta", "Início", "Fim", "Registros"]
            ],
            "ciclos_monitoramento",
            chave="ql_ciclos",
            vazio="Nenhum ciclo cadastrado.",
        )
        inclusao_em_expansor(
            "Novo ciclo",
            em_formulario(campos_ciclo, "Incluir ciclo"),
            "ql_ciclo_novo",
            lambda dados: qualitativo.salvar_ciclo(ator, dados),
            mensagem="Ciclo incluído.",
        )
        if ciclos:
            st.divider()
            ciclo_id = st.selectbox(
                "Alterar o ciclo",
                list(por_ciclo),
                format_func=lambda i: por_ciclo[i].nome,
                key="ql_ciclo_escolhido",
                placeholder="Selecione",
            )
            c = por_ciclo[ciclo_id]
            versao = formulario_de_edicao(
                em_formulario(campos_ciclo, "Gravar alterações"),
                f"ql_ciclo_ed_{c.id}",
                c,
                lambda dados, versao: qualitativo.salvar_ciclo(ator, dados, ident=c.id, versao=versao),
                chave=f"ciclo_{c.id}",
                mensagem="Ciclo atualizado.",
            )
            if st.button(
                "Excluir este ciclo",
                key=f"ql_ciclo_excluir_{c.id}",
                icon=":material/delete:",
                help="Só ciclos sem registros podem ser excluídos.",
            ):
                gravar_com_trava(  # com a versão de quando o ciclo foi aberto
                    lambda: qualitativo.excluir_ciclo(ator, c.id, versao),
                    chave=f"ciclo_{c.id}",
                    formulario=f"ql_ciclo_ed_{c.id}",
                    mensagem="Ciclo excluído.",
                )
