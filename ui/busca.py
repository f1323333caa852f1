"""Resultados da busca na tela: um link por achado, agrupados por tipo, e o aviso do que ficou
além do limite. Títulos e detalhes vêm de cadastros digitados: entram como texto (`texto_md`)."""

from __future__ import annotations

import streamlit as st

from comum import formatos
from dominio.busca.servicos import LIMITE_POR_TIPO, ResultadoBusca
from ui.comum import texto_md

ICONES = {
    "Grupo Interinstitucional": ":material/groups:",
    "Escritório Social": ":material/apartment:",
    "Fundo Municipal": ":material/account_balance:",
    "Município": ":material/location_city:",
    "Processo": ":material/gavel:",
    "Publicação": ":material/article:",
}


def mostrar_resultado(r: ResultadoBusca) -> None:
    if r.aviso:
        st.info(r.aviso, icon=":material/info:")
        return
    if not r.achados:
        st.info(
            f"Nada encontrado para “{texto_md(r.consulta)}” no que o seu perfil pode ver.", icon=":material/search_off:"
        )
        return
    quantos = formatos.numero(len(r.achados))
    st.caption(f"{quantos} resultado(s) para “{texto_md(r.consulta)}”.")
    tipos = list(dict.fromkeys(a.tipo for a in r.achados))
    for tipo in tipos:
        st.subheader(tipo)
        for a in (x for x in r.achados if x.tipo == tipo):
            st.page_link(
                a.pagina,
                label=texto_md(a.titulo),
                icon=ICONES.get(tipo),
                query_params=a.parametros or None,
            )
            if a.detalhe:
                st.caption(texto_md(a.detalhe))
        if tipo in r.omitidos:
            st.caption(f"Mostrando os primeiros {LIMITE_POR_TIPO}; há mais resultados deste tipo — refine a busca.")
