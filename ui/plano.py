"""Peças de tela do Plano de Trabalho: escolha do ano, alertas, evidências e comentários."""

from __future__ import annotations

from datetime import date

import streamlit as st

from comum import formatos
from comum.anexos import ArquivoEnviado, tipo_para_baixar
from core import acesso
from dominio.pendencias import servicos as pendencias
from dominio.plano import servicos as plano
from dominio.plano.acordo import METAS
from ui import filtros_url
from ui.campos import campo_data
from ui.comum import limpar_formulario, link_md, prefixo_formulario, texto_md, tratando_erros

ICONES_ALERTA = {"erro": ":material/error:", "aviso": ":material/warning:"}


def escolher_metas(chave: str, atuais=(), rotulo: str = "Metas") -> list[str]:
    """Escolha de nenhuma, uma ou várias das metas a–f do Plano de Trabalho; devolve as letras."""
    return st.multiselect(
        rotulo,
        list(METAS),
        default=list(atuais),
        format_func=lambda x: f"Meta {x}",
        key=chave,
        placeholder="Nenhuma meta",
    )


def escolher_ano(ator, hoje: date, chave: str):
    """Selectbox dos anos do plano (padrão: o ano que contém hoje). Devolve o `PlanoAnual` ou None."""
    planos = plano.listar_planos(ator)
    if not planos:
        st.info("Nenhum ano do plano cadastrado. Carregue o texto do acordo com `python manage.py reference load`.")
        return None
    por_ano = {p.ano: p for p in planos}
    corrente = plano.ano_corrente(planos, hoje)
    anos = list(por_ano)
    # um link (Minhas pendências, alertas) abre o ano da atividade: /cronograma?ano=3
    da_url = filtros_url.valor_da_url("ano", anos, int)
    inicial = da_url if da_url is not None else corrente.ano
    if (pedido := st.session_state.pop(f"_{chave}_ir_para", None)) in por_ano:
        st.session_state[chave] = pedido  # pedido feito depois que o seletor já existia (ex.: ano recém-criado)
    ano = st.selectbox(
        "Ano do plano",
        anos,
        index=anos.index(inicial),
        key=chave,
        format_func=lambda a: (
            plano.rotulo_plano(por_ano[a])
            + (" — ano corrente" if a == corrente.ano and corrente.inicio <= hoje else "")
        ),
        placeholder="Selecione",
    )
    return por_ano[ano]


def mostrar_alertas(ator, hoje: date, temas: tuple[str, ...] | None = None, *, titulo: str = "Alertas") -> None:
    lista = [a for a in plano.alertas(ator, hoje) if temas is None or a.tema in temas]
    if not lista:
        st.success(f"{titulo}: nenhum.", icon=":material/task_alt:")
        return
    erros = sum(1 for a in lista if a.nivel == "erro")
    # a chave marca o bloco (classe CSS st-key-alertas_plano): os testes de navegador distinguem
    # estes alertas, que são conteúdo, de uma mensagem de erro do sistema
    with st.container(key="alertas_plano"):
        with st.expander(
            f"{titulo}: {len(lista)} ({erros} grave(s))", expanded=erros > 0, icon=":material/notifications:"
        ):
            for a in lista:
                (st.error if a.nivel == "erro" else st.warning)(texto_md(a.texto), icon=ICONES_ALERTA[a.nivel])
                link_do_alerta(a)


# rótulo do link de cada tema de alerta (a página vem de `pendencias.pagina_do_alerta`)
ABRIR_ALERTA = {
    "cronograma": "Abrir no Cronograma",
    "vigencia": "Abrir a Vigência",
    "obrigacoes": "Abrir as Obrigações",
}


def link_do_alerta(a: plano.Alerta) -> None:
    """O link que leva do alerta à página em que ele se resolve (o cronograma no ano da atividade)."""
    rotulo = ABRIR_ALERTA[a.tema] + (f" (ano {a.ano})" if a.ano is not None else "")
    st.page_link(
        pendencias.pagina_do_alerta(a),
        label=rotulo,
        icon=":material/arrow_forward:",
        query_params=pendencias.filtros_do_alerta(a) or None,
    )


def mostrar_comentarios_aguardando(ator) -> None:
    """Itens do plano cujo último comentário espera a resposta de quem está na página (a lista que
    Minhas pendências conta), cada um com o link para o item."""
    lista = plano.comentarios_aguardando(ator)
    with st.expander(
        f"Comentários aguardando a sua resposta: {formatos.numero(len(lista))}",
        expanded=st.query_params.get("comentarios") is not None or st.query_params.get("comentario") is not None,
        icon=":material/comment:",
    ):
        if not lista:
            st.caption("Nada pendente: nenhum comentário espera a sua resposta.")
        for c in lista:
            destacado = st.query_params.get("comentario") == str(c.ultimo.id)
            st.markdown(
                ("**→** " if destacado else "")
                + f"**{texto_md(c.item)}** — {texto_md(plano.rotulo_autor(c.ultimo))}: {texto_md(c.ultimo.texto)}"
            )
            if c.alvo == "atividade":
                st.page_link(
                    "paginas/cronograma.py",
                    label=f"Responder no Cronograma (ano {c.ano})",
                    icon=":material/reply:",
                    query_params={"ano": str(c.ano)},
                )
            else:
                st.caption("Responda na aba " + ("Metas" if c.alvo == "meta" else "Obrigações") + ", no próprio item.")


def bloco_evidencias(ator, alvo: str, alvo_id: int, hoje: date) -> None:
    """Lista as evidências (link ou arquivo para baixar) e, para quem edita, o formulário de inclusão."""
    lista = plano.evidencias(ator, alvo=alvo, alvo_id=alvo_id)
    if not lista:
        st.info("Nenhuma evidência registrada.")
    for i, (e, nome_arquivo) in enumerate(lista):
        c1, c2 = st.columns([4, 2])
        # descrição, link e autor são texto de quem incluiu: escapados, nunca HTML
        c1.markdown(
            f"**{formatos.data(e.data)}** — {texto_md(e.descricao)}" + (f"  \n{link_md(e.link)}" if e.link else "")
        )
        if e.incluido_por:
            c1.caption(f"incluída por {texto_md(e.incluido_por)}")
        if e.anexo_id:
            c2.download_button(
                f"Baixar {nome_arquivo}",
                data=lambda a=e.anexo_id: plano.obter_anexo(ator, a).conteudo,
                file_name=nome_arquivo,
                mime=tipo_para_baixar(nome_arquivo),
                key=f"ev_{alvo}_{alvo_id}_{i}",
                icon=":material/download:",
            )
    if not acesso.pode(ator, acesso.PLANO_EDITAR):
        return
    prefixo = prefixo_formulario(f"ev_novo_{alvo}_{alvo_id}")
    with st.form(prefixo):
        st.markdown("**Incluir evidência**")
        c1, c2 = st.columns([3, 1])
        descricao = c1.text_input(
            "Descrição *", key=f"{prefixo}_descricao", placeholder="Ex.: ata da reunião, lista de presença, relatório"
        )
        data_ev = campo_data("Data *", f"{prefixo}_data", hoje, onde=c2)
        link = st.text_input("Link", key=f"{prefixo}_link", placeholder="https://…")
        arquivo = st.file_uploader("ou arquivo (até 10 MB)", key=f"{prefixo}_arquivo")
        enviado = st.form_submit_button("Incluir evidência", icon=":material/attach_file:")
    if enviado:
        with tratando_erros():
            arq = ArquivoEnviado(arquivo.name, arquivo.getvalue(), arquivo.type or "") if arquivo is not None else None
            plano.incluir_evidencia(
                ator, alvo=alvo, alvo_id=alvo_id, descricao=descricao, data=data_ev, link=link, arquivo=arq, hoje=hoje
            )
            limpar_formulario(prefixo)
            st.session_state["_aviso"] = "Evidência incluída."
            st.rerun()


def bloco_comentarios(ator, alvo: str, alvo_id: int) -> None:
    """Comentários (Comissão do CNMP e DMF): lista e formulário. Comentar não altera o plano."""
    for c in plano.comentarios(ator, alvo=alvo, alvo_id=alvo_id):
        with st.chat_message("user", avatar=":material/forum:"):
            st.markdown(f"**{texto_md(plano.rotulo_autor(c))}**  \n{texto_md(c.texto)}")
    if not acesso.pode(ator, acesso.PLANO_COMENTAR):
        return
    prefixo = prefixo_formulario(f"com_{alvo}_{alvo_id}")
    with st.form(prefixo):
        texto = st.text_area("Novo comentário", key=f"{prefixo}_texto", max_chars=3000)
        enviado = st.form_submit_button("Comentar", icon=":material/add_comment:")
    if enviado:
        with tratando_erros():
            plano.comentar(ator, alvo=alvo, alvo_id=alvo_id, texto=texto)
            limpar_formulario(prefixo)
            st.session_state["_aviso"] = "Comentário registrado."
            st.rerun()


def abas_do_item(ator, alvo: str, alvo_id: int, hoje: date, *, edicao: str | None, mais: tuple[str, ...] = ()) -> dict:
    """As abas do detalhe de um item do plano (atividade, obrigação): a de edição `edicao` (None para
    quem não edita), “Evidências” e “Comentários”, estas já desenhadas, e as abas `mais`. Devolve as
    abas pelo nome, para a página desenhar a edição e as demais."""
    nomes = ([edicao] if edicao else []) + ["Evidências", "Comentários", *mais]
    abas = dict(zip(nomes, st.tabs(nomes)))
    with abas["Evidências"]:
        bloco_evidencias(ator, alvo, alvo_id, hoje)
    with abas["Comentários"]:
        bloco_comentarios(ator, alvo, alvo_id)
    return abas
