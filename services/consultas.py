"""Agregados para o painel interno e o painel público. Agregação em SQL;
cache por URL do banco (armadilha 10 do STYLE.md), limpo a cada gravação."""
from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlmodel import func, select

from models.plano import AtividadeCronograma, Meta, PlanoAnual
from models.territorio import UF, Municipio
from models.unidades import EscritorioSocial, FundoMunicipal, GrupoInterinstitucional
from models.usuarios import Parametro, RegistroAuditoria
from services.db import limpar_caches, sessao, url_atual  # noqa: F401 - limpar_caches reexportado

CHAVE_DEMO = "demo_carregado"
TTL_CACHE = 300  # segundos; as gravações limpam o cache antes disso




@st.cache_data(ttl=TTL_CACHE, show_spinner=False)
def _contagens_por_uf(url: str) -> pd.DataFrame:
    with sessao(url=url) as s:
        ufs = s.exec(select(UF.sigla, UF.nome, UF.regiao).order_by(UF.sigla)).all()
        grupos = dict(
            s.exec(
                select(GrupoInterinstitucional.uf_sigla, func.count())
                .where(GrupoInterinstitucional.status != "inativo")
                .group_by(GrupoInterinstitucional.uf_sigla)
            ).all()
        )
        escr = dict(
            s.exec(
                select(Municipio.uf_sigla, func.count()).select_from(EscritorioSocial).join(Municipio)
                .where(EscritorioSocial.status != "encerrado").group_by(Municipio.uf_sigla)
            ).all()
        )
        fundos = dict(
            s.exec(
                select(Municipio.uf_sigla, func.count()).select_from(FundoMunicipal).join(Municipio)
                .where(FundoMunicipal.status != "inativo").group_by(Municipio.uf_sigla)
            ).all()
        )
    df = pd.DataFrame(ufs, columns=["UF", "Estado", "Região"])
    df["Grupo Interinstitucional"] = df["UF"].map(lambda u: "Sim" if grupos.get(u) else "Não")
    df["Escritórios Sociais"] = df["UF"].map(lambda u: int(escr.get(u, 0)))
    df["Fundos Municipais"] = df["UF"].map(lambda u: int(fundos.get(u, 0)))
    return df


def contagens_por_uf() -> pd.DataFrame:
    """Por UF: se tem Grupo ativo, quantos Escritórios e Fundos (exclui encerrados/inativos)."""
    return _contagens_por_uf(url_atual()).copy()


@st.cache_data(ttl=TTL_CACHE, show_spinner=False)
def _totais(url: str) -> dict[str, int]:
    with sessao(url=url) as s:
        return {
            "grupos": s.exec(select(func.count()).select_from(GrupoInterinstitucional).where(GrupoInterinstitucional.status != "inativo")).one(),
            "escritorios": s.exec(select(func.count()).select_from(EscritorioSocial).where(EscritorioSocial.status != "encerrado")).one(),
            "escritorios_funcionando": s.exec(select(func.count()).select_from(EscritorioSocial).where(EscritorioSocial.status == "em_funcionamento")).one(),
            "fundos": s.exec(select(func.count()).select_from(FundoMunicipal).where(FundoMunicipal.status != "inativo")).one(),
        }


def totais() -> dict[str, int]:
    return dict(_totais(url_atual()))


@st.cache_data(ttl=TTL_CACHE, show_spinner=False)
def _plano(url: str) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    with sessao(url=url) as s:
        metas = [(m.letra, m.texto) for m in s.exec(select(Meta).order_by(Meta.letra))]
        primeiro = s.exec(select(func.min(PlanoAnual.id))).one()
        atividades = [(a.ordem, a.nome) for a in s.exec(
            select(AtividadeCronograma).where(AtividadeCronograma.plano_id == primeiro).order_by(AtividadeCronograma.ordem))]
    return metas, atividades


def plano() -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    """Metas (letra, texto) e atividades do cronograma (ordem, nome)."""
    return _plano(url_atual())


def ultima_atualizacao():
    """Momento da última alteração registrada na trilha (para o painel público)."""
    with sessao() as s:
        return s.exec(select(func.max(RegistroAuditoria.momento))).one()


def demo_carregado() -> bool:
    with sessao() as s:
        p = s.get(Parametro, CHAVE_DEMO)
        return p is not None and p.valor == "sim"


@st.cache_data(ttl=TTL_CACHE, show_spinner=False)
def _recursos_publicos(url: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    from sqlalchemy import type_coerce

    from models.recursos import TIPOS_ORIGEM, FluxoRecurso
    from models.tipos import Dinheiro

    x = FluxoRecurso
    soma = type_coerce(func.sum(x.valor), Dinheiro())
    with sessao(url=url) as s:
        origem = s.exec(select(x.tipo_origem, soma).where(x.etapa != "potencial").group_by(x.tipo_origem)).all()
        ufs = s.exec(select(UF.sigla, UF.nome).order_by(UF.sigla)).all()
        por_uf = dict(s.exec(select(x.uf_origem, soma).where(x.etapa != "potencial").group_by(x.uf_origem)).all())
    df_o = pd.DataFrame([{"Origem": TIPOS_ORIGEM[t], "Destinado (R$)": v} for t, v in origem],
                        columns=["Origem", "Destinado (R$)"]).sort_values("Destinado (R$)", ascending=False)
    df_u = pd.DataFrame([{"UF": sg, "Estado": nome, "Destinado (R$)": por_uf.get(sg) or 0} for sg, nome in ufs],
                        columns=["UF", "Estado", "Destinado (R$)"])
    df_u["Destinado (mil R$)"] = df_u["Destinado (R$)"].map(lambda v: float(v) / 1000)
    return df_o, df_u


def recursos_publicos() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Agregados públicos dos recursos destinados (etapas destinado, transferido e aplicado):
    por origem e por UF de origem. Nenhum processo, órgão ou pessoa aparece."""
    df_o, df_u = _recursos_publicos(url_atual())
    return df_o.copy(), df_u.copy()
