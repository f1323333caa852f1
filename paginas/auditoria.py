"""Trilha de auditoria: somente leitura, filtrável, paginada e exportável (todas as linhas filtradas)."""

from dataclasses import asdict
from datetime import timedelta

import streamlit as st

from comum import formatos
from dominio.usuarios import trilha
from dominio.usuarios.trilha import ACOES
from ui.campos import campo_data
from ui.comum import ExportacaoCompleta, abrir_pagina, pagina_atual, seletor_de_pagina, tabela_exportavel
from ui.historico import rotulo_entidade, tabela_historico

POR_PAGINA = 100

ator, hoje, _ = abrir_pagina(
    "Trilha de auditoria",
    "Toda inclusão, alteração e exclusão, com autor, momento (horário de Brasília) e valores antes e depois. "
    "Ninguém pode alterar ou excluir estes registros pelo sistema.",
)

c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
periodo = campo_data("Período", "au_periodo", (hoje - timedelta(days=30), hoje), onde=c1)
ents = c2.multiselect(
    "Registro", trilha.entidades(ator), key="au_ent", placeholder="Todos", format_func=rotulo_entidade
)
acoes_rot = c3.multiselect("Ação", list(ACOES.values()), key="au_acao", placeholder="Todas")
quem = c4.text_input("E-mail de quem agiu", key="au_quem")
inicio, fim = (
    (periodo[0], periodo[1])
    if isinstance(periodo, tuple) and len(periodo) == 2
    else (periodo[0] if periodo else None, None)
)
inverso = {v: k for k, v in ACOES.items()}
filtros = trilha.FiltrosTrilha(
    inicio=inicio, fim=fim, entidades=ents, acoes=[inverso[a] for a in acoes_rot], usuario=quem
)

_, total = trilha.consultar(ator, filtros, pagina=1, por_pagina=1)
pagina, paginas = pagina_atual("au_pagina", total, POR_PAGINA)
crus, total = trilha.consultar(ator, filtros, pagina=pagina, por_pagina=POR_PAGINA)
st.caption(
    f"{formatos.numero(total)} registro(s) — página {formatos.numero(pagina)} de {formatos.numero(paginas)}, "
    f"{POR_PAGINA} por página, mais recentes primeiro."
)


def _legiveis():
    """Todas as linhas filtradas, legíveis, em partes (para a exportação)."""
    for parte in trilha.em_partes(ator, filtros):
        yield tabela_historico(parte, trilha.referencias(parte), com_entidade=True)


tabela_exportavel(
    tabela_historico(crus, trilha.referencias(crus), com_entidade=True),
    "trilha_de_auditoria",
    chave="au_tabela",
    vazio="Nenhum registro com esses filtros.",
    completa=ExportacaoCompleta(_legiveis, total, tuple((k, str(v)) for k, v in asdict(filtros).items())),
)
seletor_de_pagina("au_pagina", paginas)
