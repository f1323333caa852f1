"""Publicação do painel público nos testes: como a Comissão do CNMP, do último período encerrado."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlmodel import select

from core import relogio
from core.banco import sessao
from dominio.publico import consultas
from models.indicadores import PeriodoColeta
from models.usuarios import Usuario


def publicar(hoje: date | None = None, email: str = "cnmp@demo.pnat.jus.br"):
    """Publica o painel (período encerrado mais recente até `hoje`) e devolve o retrato publicado."""
    hoje = hoje or relogio.hoje()
    st.cache_data.clear()
    with sessao() as s:
        ator = s.exec(select(Usuario).where(Usuario.email == email)).one()
        periodo = s.exec(
            select(PeriodoColeta).where(PeriodoColeta.prazo < hoje).order_by(PeriodoColeta.prazo.desc()).limit(1)
        ).one()
    return consultas.publicar_painel(ator, periodo.id, hoje)
