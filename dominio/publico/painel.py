"""Painel público publicado: guarda e lê o retrato de um período (`models.publico.PainelPublicado`).

O painel público e os dados abertos não calculam nada na hora: leem o último retrato publicado,
que fica valendo até a publicação seguinte. Assim, dois acessos entre publicações veem os mesmos
números (incluir um registro não muda o painel até a próxima publicação), e toda publicação passa
pela supressão conjunta das tabelas e pela comparação com as publicações anteriores
(`dominio.publico.supressao:suprimir_conjunto`). Quem monta e grava o retrato é
`dominio.publico.consultas:publicar_painel`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
from sqlmodel import select

from core.banco import sessao, url_atual
from core.cache import agregado_em_cache
from models.publico import PainelPublicado

FORMATO = 1  # versão do formato do JSON do retrato


def _codificar_valor(v):
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NaT:
        return None
    if isinstance(v, Decimal):
        return {"decimal": str(v)}
    if isinstance(v, datetime):
        return {"data_hora": v.isoformat()}
    if isinstance(v, date):
        return {"data": v.isoformat()}
    if hasattr(v, "item"):  # escalares do numpy
        return v.item()
    return v


def _decodificar_valor(v):
    if isinstance(v, dict):
        if "decimal" in v:
            return Decimal(v["decimal"])
        if "data_hora" in v:
            return datetime.fromisoformat(v["data_hora"])
        if "data" in v:
            return date.fromisoformat(v["data"])
    return v


def codificar_tabela(df: pd.DataFrame) -> dict:
    """DataFrame → JSON sem perder tipos (dinheiro em `Decimal`, datas)."""
    return {
        "colunas": [str(c) for c in df.columns],
        "linhas": [[_codificar_valor(v) for v in linha] for linha in df.itertuples(index=False, name=None)],
    }


def decodificar_tabela(d: dict) -> pd.DataFrame:
    return pd.DataFrame([[_decodificar_valor(v) for v in linha] for linha in d["linhas"]], columns=d["colunas"])


@dataclass(frozen=True)
class Painel:
    """Um retrato publicado, pronto para a tela: tabelas públicas pelo nome do arquivo exportado,
    as células de contagem de pessoas como publicadas (chave → valor ou None) e os dados de apoio."""

    id: int
    rotulo: str
    data_referencia: date
    publicado_em: datetime
    k: int
    tabelas: dict[str, pd.DataFrame]
    celulas: dict[str, int | None]
    extras: dict


def _painel(p: PainelPublicado) -> Painel:
    c = p.conteudo
    return Painel(
        id=p.id,
        rotulo=p.rotulo,
        data_referencia=p.data_referencia,
        publicado_em=p.publicado_em,
        k=p.k,
        tabelas={nome: decodificar_tabela(t) for nome, t in c["tabelas"].items()},
        celulas=dict(c["celulas"]),
        extras=dict(c["extras"]),
    )


@agregado_em_cache(tabelas=("painel_publicado",))
def _vigente(url: str, hoje: date | None) -> Painel | None:
    with sessao(url=url) as s:
        q = select(PainelPublicado).order_by(PainelPublicado.publicado_em.desc(), PainelPublicado.id.desc())
        if hoje is not None:
            q = q.where(PainelPublicado.data_referencia <= hoje)
        p = s.exec(q.limit(1)).first()
        return None if p is None else _painel(p)


def vigente(hoje: date | None = None) -> Painel | None:
    """O último retrato publicado (com `hoje`: o último apurado até esse dia), ou None se nenhum."""
    return _vigente(url_atual(), hoje)


def identidade_vigente() -> tuple[int, datetime] | None:
    """Qual retrato vale agora: o id e o momento da publicação do último publicado, lidos do banco
    a cada chamada, sem cache do processo. É a chave do que se gera a partir do retrato (a página
    leve `/painel`): toda réplica vê a mesma chave assim que o retrato é gravado."""
    with sessao() as s:
        linha = s.exec(
            select(PainelPublicado.id, PainelPublicado.publicado_em)
            .order_by(PainelPublicado.publicado_em.desc(), PainelPublicado.id.desc())
            .limit(1)
        ).first()
    return None if linha is None else (int(linha[0]), linha[1])


def obter(ident: int) -> Painel:
    """O retrato publicado `ident` (lido do banco, sem cache)."""
    with sessao() as s:
        return _painel(s.get(PainelPublicado, ident))


def celulas_publicadas() -> list[dict[str, int | None]]:
    """As células de contagem de pessoas de cada retrato já publicado, do mais antigo ao mais novo."""
    with sessao() as s:
        return [
            dict(c["celulas"])
            for c in s.exec(select(PainelPublicado.conteudo).order_by(PainelPublicado.publicado_em, PainelPublicado.id))
        ]


def historico() -> pd.DataFrame:
    """As publicações feitas: período, quando, por quem (id) e o limite de supressão (k) usado: as
    contagens de pessoas abaixo dele saíram ocultas naquele painel."""
    with sessao() as s:
        linhas = s.exec(
            select(
                PainelPublicado.id,
                PainelPublicado.rotulo,
                PainelPublicado.data_referencia,
                PainelPublicado.publicado_em,
                PainelPublicado.k,
            ).order_by(PainelPublicado.publicado_em.desc(), PainelPublicado.id.desc())
        ).all()
    return pd.DataFrame(
        [tuple(x) for x in linhas], columns=["id", "Período", "Apurado em", "Publicado em", "Limite de supressão (k)"]
    )
