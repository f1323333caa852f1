"""Peças de tela dos incidentes LGPD: alertas de prazo (página própria e Visão geral)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dominio.lgpd import servicos as lgpd


def mostrar_alertas_lgpd(ator, hoje: date) -> None:
    """Prazos vencidos (erro) e com 1 dia útil ou menos (aviso) dos incidentes em apuração."""
    lista = lgpd.alertas_lgpd(ator, hoje)
    if not lista:
        st.success("Prazos LGPD: nenhum vencido ou vencendo.", icon=":material/task_alt:")
        return
    vencidos = sum(1 for a in lista if a.nivel == "erro")
    with st.container(key="alertas_lgpd"):
        with st.expander(
            f"Prazos LGPD: {len(lista)} ({vencidos} vencido(s))", expanded=True, icon=":material/notifications:"
        ):
            for a in lista:
                (st.error if a.nivel == "erro" else st.warning)(
                    a.texto, icon=":material/error:" if a.nivel == "erro" else ":material/warning:"
                )
