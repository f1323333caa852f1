"""Minhas pendências: títulos, textos e links de cada pendência (`dominio.pendencias.servicos`)."""

from __future__ import annotations

import streamlit as st

from comum import formatos
from dominio.pendencias.servicos import Pendencia
from ui.comum import texto_md

# tipo → (título, o que fazer, ícone)
TIPOS = {
    "coleta_a_enviar": (
        "Períodos a enviar",
        "Períodos da sua unidade ainda sem envio, do prazo mais antigo ao mais distante. Num período já travado, "
        "fale com a equipe do DMF.",
        ":material/send:",
    ),
    "coleta_devolvida": (
        "Envios devolvidos pela revisão",
        "Corrija o que o comentário pede e envie de novo.",
        ":material/undo:",
    ),
    "qualitativo_em_atraso": (
        "Encaminhamentos qualitativos em atraso",
        "Registros da sua unidade com encaminhamento pendente e prazo vencido.",
        ":material/forum:",
    ),
    "a_validar": ("Envios a validar", "Enviados pelos pontos focais, aguardando o DMF.", ":material/approval:"),
    "a_aprovar": (
        "Envios a aprovar",
        "Validados pelo DMF, aguardando a Comissão do CNMP.",
        ":material/approval:",
    ),
    "prestacoes_vencidas": (
        "Prestações de contas vencidas",
        "Cobre o destinatário e registre quando for apresentada.",
        ":material/event_busy:",
    ),
    "atividades_atrasadas": (
        "Atividades atrasadas do cronograma",
        "Atualize a execução ou registre o motivo.",
        ":material/view_timeline:",
    ),
    "vigencia": (
        "Vigência e designações (Cláusulas 8ª e 12ª)",
        "Fim da vigência próximo ou designação vencida.",
        ":material/event:",
    ),
    "obrigacoes": ("Obrigações sem evidência", "Registre as evidências das obrigações.", ":material/flag:"),
    "comentarios": (
        "Comentários aguardando a sua resposta",
        "Itens do plano cujo último comentário veio do outro partícipe.",
        ":material/comment:",
    ),
    "lgpd": ("Prazos LGPD", "Prazos de incidentes vencidos ou vencendo.", ":material/shield_lock:"),
    "sem_escopo": (
        "Pontos focais sem unidade ativa",
        "Contas ativas cuja unidade está inativa ou encerrada.",
        ":material/person_off:",
    ),
    "demo_ativas": (
        "Contas de demonstração ativas",
        "Fora do modo de demonstração, têm senha publicada: desative-as.",
        ":material/gpp_maybe:",
    ),
    "sessoes_ativas": ("Sessões ativas", "Sessões que ainda valem, para conferir.", ":material/devices:"),
}


def _rotulo_item(texto_escapado: str, prazo, detalhe_escapado: str) -> str:
    """Rótulo do link: o texto do item, o prazo e o detalhe (já passados por `texto_md`)."""
    partes = [texto_escapado]
    if prazo is not None:
        partes.append(f"prazo {formatos.data(prazo)}")
    if detalhe_escapado:
        partes.append(detalhe_escapado)
    return " — ".join(partes)


def resumir(texto: str, limite: int = 140) -> str:
    """O começo de um texto longo (comentário), com reticências."""
    texto = " ".join(str(texto).split())
    return texto if len(texto) <= limite else texto[: limite - 1] + "…"


def mostrar_pendencia(p: Pendencia) -> None:
    titulo, explicacao, icone = TIPOS[p.tipo]
    with st.container(border=True, key=f"pend_{p.tipo}"):
        st.markdown(f"**{titulo}: {formatos.numero(p.quantidade)}**")
        if not p.quantidade:
            st.caption("Nada pendente.")
            return
        st.caption(explicacao)
        for item in p.itens:
            st.page_link(
                p.pagina,
                label=_rotulo_item(texto_md(item.texto), item.prazo, texto_md(resumir(item.detalhe))),
                icon=":material/error:" if item.nivel == "erro" else icone,
                query_params=item.filtros or None,
            )
        if p.quantidade > len(p.itens) or p.filtros:
            st.page_link(
                p.pagina,
                label=f"Ver todos ({formatos.numero(p.quantidade)})",
                icon=":material/list:",
                query_params=p.filtros or None,
            )


def mostrar_pendencias(lista: list[Pendencia]) -> None:
    total = sum(p.quantidade for p in lista)
    if not total:
        st.success("Nada pendente. Quando houver algo a fazer, aparece aqui.", icon=":material/task_alt:")
    else:
        st.markdown(f"**{formatos.numero(total)}** pendência(s). Clique num item para abri-lo.")
    com, sem = [p for p in lista if p.quantidade], [p for p in lista if not p.quantidade]
    for p in com + sem:
        mostrar_pendencia(p)
