"""Publicação do painel público nos testes: como a Comissão do CNMP, do último período encerrado."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st
from sqlmodel import select

from core import relogio
from core.banco import sessao
from dominio.publico import consultas
from models.indicadores import PeriodoColeta
from models.plano import AcaoComunicacao
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


def incluir_acao(
    titulo: str = "Informativo de teste",
    *,
    magistrados: int = 0,
    membros_mp: int = 0,
    servidores: int = 0,
    outros: int = 0,
) -> None:
    """Inclui um informativo de ontem com o público dado e limpa o cache das consultas (sem publicar o painel)."""
    with sessao() as s:
        s.add(
            AcaoComunicacao(
                tipo="informativo",
                titulo=titulo,
                data=relogio.hoje() - timedelta(days=1),
                publico_magistrados=magistrados,
                publico_membros_mp=membros_mp,
                publico_servidores=servidores,
                publico_outros=outros,
            )
        )
        s.commit()
    st.cache_data.clear()
