"""Minha unidade: o Grupo ou Escritório pelo qual o ponto focal responde."""
import streamlit as st

from models.unidades import STATUS_ESCRITORIO, STATUS_GRUPO, TIPO_GESTAO_ESCRITORIO
from services import formatos, registros
from ui.cadastros import campo
from ui.comum import usuario_atual

ator = usuario_atual()
if ator.grupo_id is not None:
    g = registros.obter(ator, "grupo", ator.grupo_id)
    st.title(f"Grupo Interinstitucional — {g.uf_sigla}")
    campo("Situação", STATUS_GRUPO[g.status])
    campo("Ato de criação", g.ato_criacao)
    campo("Data de criação", formatos.data(g.data_criacao))
    campo("Instituições membro", ", ".join(g.instituicoes_membro))
    campo("Contato dos pontos focais", g.contato_pontos_focais)
else:
    e = registros.obter(ator, "escritorio", ator.escritorio_id)
    st.title(e.nome)
    campo("Município", registros.nome_municipio(e.municipio_codigo))
    campo("Órgão gestor", f"{e.orgao_gestor} ({TIPO_GESTAO_ESCRITORIO[e.tipo_gestao]})")
    campo("Situação", STATUS_ESCRITORIO[e.status])
    campo("Inauguração", formatos.data(e.data_inauguracao))
st.info("Os dados cadastrais da unidade são mantidos pela equipe CNJ/DMF. Para corrigir algo, escreva ao DMF "
        "informando o que deve mudar.", icon=":material/info:")
