"""Peças de tela de recursos usadas fora da página Recursos (detalhe do Fundo Municipal)."""

from __future__ import annotations

import streamlit as st

from comum import formatos
from core import relogio
from dominio.publico import glossario
from dominio.recursos import servicos as recursos
from ui import graficos
from ui.comum import grafico, tabela_exportavel

DINHEIRO = st.column_config.NumberColumn(format="R$ %.2f")


def mostrar_recursos_do_fundo(ator, fundo_id: int) -> None:
    """Receita por origem e ano, o aplicado e as prestações de contas pendentes do Fundo."""
    rec = recursos.receitas_do_fundo(ator, fundo_id)
    if rec.empty:
        st.info("Nenhum recurso transferido a este Fundo até agora.")
    else:
        total, aplicado = rec["Transferido (R$)"].sum(), rec["Aplicado (R$)"].sum()
        c1, c2, c3 = st.columns(3)
        c1.metric("Transferido", formatos.dinheiro(total), help=glossario.ajuda("Transferido"))
        c2.metric("Aplicado, segundo as prestações de contas", formatos.dinheiro(aplicado))
        c3.metric("Fluxos", formatos.numero(int(rec["Fluxos"].sum())))
        fig = graficos.barras_em_reais_por_origem(
            rec.assign(Valor=rec["Transferido (R$)"].map(float), Ano=rec["Ano"].astype(str)),
            "Ano",
            altura=320,
            rotulos={"Valor": "Transferido (R$)"},
        )
        grafico(fig, config=graficos.CONFIG_GRAFICO, key=f"fundo_rec_{fundo_id}")
        tabela_exportavel(
            rec,
            f"fundo_{fundo_id}_receitas",
            chave=f"fundo_rec_tab_{fundo_id}",
            formatos_colunas={"Transferido (R$)": DINHEIRO, "Aplicado (R$)": DINHEIRO},
        )
    pend = recursos.prestacoes(
        ator, relogio.hoje(), situacoes=["vencida", "a vencer", "no prazo", "sem prazo"], fundo_id=fundo_id
    )
    st.markdown("**Prestações de contas pendentes**")
    if pend.empty:
        st.caption("Nenhuma pendente.")
    else:
        vencidas = int((pend["Situação"] == "vencida").sum())
        if vencidas:
            st.warning(f"{vencidas} prestação(ões) de contas vencida(s) neste Fundo.", icon=":material/event_busy:")
        tabela_exportavel(
            pend.drop(columns=["Destino"]),
            f"fundo_{fundo_id}_prestacoes",
            chave=f"fundo_pc_{fundo_id}",
            formatos_colunas={"Valor (R$)": DINHEIRO, "Aplicado (R$)": DINHEIRO},
        )
