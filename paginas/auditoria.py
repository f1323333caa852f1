"""Trilha de auditoria: somente leitura, filtrável, paginada e exportável."""

import math
from datetime import timedelta

import streamlit as st

from comum import formatos
from dominio.usuarios import trilha
from dominio.usuarios.trilha import ACOES
from ui.campos import campo_data
from ui.comum import abrir_pagina, tabela_exportavel

ator, hoje, _ = abrir_pagina(
    "Trilha de auditoria",
    "Toda inclusão, alteração e exclusão, com autor, momento e valores antes e depois. "
    "Ninguém pode alterar ou excluir estes registros pelo sistema.",
)

c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
periodo = campo_data("Período", "au_periodo", (hoje - timedelta(days=30), hoje), onde=c1)
ents = c2.multiselect("Entidade", trilha.entidades(ator), key="au_ent", placeholder="Todas")
acoes_rot = c3.multiselect("Ação", list(ACOES.values()), key="au_acao", placeholder="Todas")
quem = c4.text_input("E-mail de quem agiu", key="au_quem")
inicio, fim = (
    (periodo[0], periodo[1])
    if isinstance(periodo, tuple) and len(periodo) == 2
    else (periodo[0] if periodo else None, None)
)
inverso = {v: k for k, v in ACOES.items()}

pagina = int(st.session_state.get("au_pagina", 1))
df, total = trilha.consultar(
    ator, inicio=inicio, fim=fim, entidades=ents, acoes=[inverso[a] for a in acoes_rot], usuario=quem, pagina=pagina
)
paginas = max(1, math.ceil(total / 100))
if pagina > paginas:
    pagina = 1
    df, total = trilha.consultar(
        ator, inicio=inicio, fim=fim, entidades=ents, acoes=[inverso[a] for a in acoes_rot], usuario=quem, pagina=1
    )
st.caption(
    f"{formatos.numero(total)} registro(s) — página {pagina} de {paginas}, 100 por página, mais recentes primeiro."
)
tabela_exportavel(df, f"auditoria_pagina_{pagina}", chave="au_tabela", vazio="Nenhum registro com esses filtros.")
if paginas > 1:
    st.number_input("Página", min_value=1, max_value=paginas, step=1, key="au_pagina", format="%d")
