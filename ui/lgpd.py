"""Peças de tela dos incidentes LGPD: alertas de prazo (página própria e Visão geral), ícone e
cor de cada situação de prazo e a tabela de incidentes formatada para a tela e as exportações."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dominio.lgpd import servicos as lgpd
from dominio.lgpd.regras import SituacaoRelogio
from ui.comum import formatar_colunas

ICONES_ESTADO = {
    "cumprido": "✅",
    "cumprido_com_atraso": "☑️",
    "a_vencer": "🕒",
    "vencendo": "⚠️",
    "vencido": "⛔",
    "nao_exigido": "➖",
    "aguardando": "⏸️",
}
CORES_ESTADO = {
    "cumprido": "green",
    "cumprido_com_atraso": "orange",
    "vencido": "red",
    "vencendo": "orange",
    "a_vencer": "blue",
}
PRAZOS = ("Outro partícipe", "ANPD", "Titulares", "Complemento")


def prazo_com_icone(r: SituacaoRelogio) -> str:
    """“✅ cumprido em 24/11/2025”: o ícone do estado e o texto do prazo."""
    return f"{ICONES_ESTADO[r.estado]} {r.texto}"


def prazo_colorido(r: SituacaoRelogio) -> str:
    """O prazo com ícone, em negrito e na cor do estado (para `st.markdown`)."""
    return f":{CORES_ESTADO.get(r.estado, 'gray')}[**{prazo_com_icone(r)}**]"


def tabela_incidentes(df: pd.DataFrame) -> pd.DataFrame:
    """`lgpd.tabela_incidentes` com texto de tela: Sim/Não, “desconhecido” e os prazos com ícone."""
    return formatar_colunas(
        df,
        {
            "Sensíveis": lambda v: "Sim" if v else "Não",
            "Pessoas afetadas": lambda v: "desconhecido" if v is None or pd.isna(v) else str(int(v)),
            **dict.fromkeys(PRAZOS, prazo_com_icone),
        },
    )


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
                st.page_link(
                    "paginas/lgpd.py",
                    label=f"Abrir o incidente nº {a.incidente_id}",
                    icon=":material/arrow_forward:",
                    query_params={"incidente": str(a.incidente_id)},
                )
