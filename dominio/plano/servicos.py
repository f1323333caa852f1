"""Plano de Trabalho: anos do plano e cronograma, metas com progresso, obrigações,
evidências, comentários, vigência (termos aditivos e Cláusula 12ª) e alertas.

Leituras exigem `plano.ver` (DMF, admin, CNMP); gravações, `plano.editar` (DMF e
admin); comentários, `plano.comentar` (inclui a Comissão do CNMP). Regras de prazo e
progresso ficam em `dominio.plano.regras`, com a data de hoje recebida como argumento."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlmodel import Session, func, select

from comum.anexos import ArquivoEnviado, guardar_anexo, validar_arquivo
from comum.formatos import data as fmt_data
from comum.formatos import data_hora, resumo_meses
from comum.validadores import data_exigida
from core import acesso
from core.banco import sessao
from core.edicao import gravar, incluir_ou_alterar, obter_na_sessao, obter_para_edicao, obter_registro, repetido
from core.erros import AcessoNegado, ErroValidacao, NaoEncontrado, Problema, trecho
from core.relogio import agora_utc
from dominio.plano.regras import (
    SituacaoPrazo,
    fim_da_vigencia,
    fim_do_mes,
    inicio_do_mes,
    mes_corrente,
    prazo_designacao,
    progresso_meta,
    situacao_atividade,
    situacao_designacao,
    somar_meses,
    vigencia_terminando,
)
from dominio.usuarios import trilha
from models.plano import (
    PARTICIPES,
    RESPONSAVEIS_OBRIGACAO,
    STATUS_ATIVIDADE,
    STATUS_OBRIGACAO,
    TIPOS_ACAO,
    TIPOS_PUBLICACAO,
    AcaoComunicacao,
    AcaoComunicacaoMeta,
    Acordo,
    Anexo,
    AtividadeCronograma,
    AtividadeMeta,
    ComentarioPlano,
    Etapa,
    Evidencia,
    ItemEtapa,
    Meta,
    Obrigacao,
    PlanoAnual,
    Publicacao,
    PublicacaoMeta,
    ResponsavelAcompanhamento,
    TermoAditivo,
)
from models.usuarios import PAPEIS, Usuario

_RE_LINK = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)

REGRA_PROGRESSO = (
    "O progresso de cada meta é a **média do percentual executado das atividades do cronograma vinculadas a ela** "
    "no ano do plano escolhido (atividades canceladas não contam). Ações de comunicação e publicações vinculadas à "
    "meta aparecem como entregas e evidências, sem alterar o percentual."
)
REGRA_ATRASO = (
    "Uma atividade está **atrasada** quando foi marcada assim, quando terminou o último mês previsto sem conclusão, "
    "ou quando começou o primeiro mês previsto e ela segue não iniciada. Concluídas e canceladas nunca estão atrasadas."
)


# --- anos do plano ----------------------------------------------------------------------------


def listar_planos(ator: Usuario | None) -> list[PlanoAnual]:
    acesso.exigir(ator, acesso.PLANO_VER)
    with sessao(ator) as s:
        return list(s.exec(select(PlanoAnual).order_by(PlanoAnual.ano)))


def plano_do_ano(ator: Usuario | None, ano: int) -> PlanoAnual:
    acesso.exigir(ator, acesso.PLANO_VER)
    with sessao(ator) as s:
        p = s.exec(select(PlanoAnual).where(PlanoAnual.ano == ano)).first()
        if p is None:
            raise NaoEncontrado(f"O ano {ano} do plano não existe.")
        return p


def ano_corrente(planos: list[PlanoAnual], hoje: date) -> PlanoAnual | None:
    """O ano do plano que contém `hoje`; senão o último que já começou; senão o primeiro."""
    if not planos:
        return None
    for p in planos:
        if mes_corrente(p.inicio, hoje) is not None:
            return p
    iniciados = [p for p in planos if p.inicio <= hoje]
    return iniciados[-1] if iniciados else planos[0]


def rotulo_plano(p: PlanoAnual) -> str:
    fim = fim_do_mes(p.inicio, 12)
    return f"Ano {p.ano} ({p.inicio:%m/%Y} a {fim:%m/%Y})"


def copiar_ano_do_plano(s: Session, anterior: PlanoAnual) -> PlanoAnual:
    """Plano de Trabalho, item 6 ("Planejamento para o ano consecutivo da cooperação"): o
    ano seguinte nasce como cópia de `anterior` — as mesmas atividades (menos as canceladas),
    etapas, metas e meses previstos, sem nada executado — e começa 12 meses depois dele.
    Só escreve na sessão `s`: quem chama confere a permissão e grava."""
    novo = PlanoAnual(
        ano=anterior.ano + 1,
        inicio=somar_meses(anterior.inicio, 12),
        copiado_de_id=anterior.id,
        observacoes=f"Criado como cópia do ano {anterior.ano}.",
    )
    s.add(novo)
    s.flush()
    for a in atividades_do_plano(s, anterior.id):
        if a.status == "cancelada":
            continue
        c = AtividadeCronograma(
            plano_id=novo.id,
            ordem=a.ordem,
            nome=a.nome,
            etapa_id=a.etapa_id,
            meses_previstos=list(a.meses_previstos),
        )
        s.add(c)
        s.flush()
        for meta_id in s.exec(select(AtividadeMeta.meta_id).where(AtividadeMeta.atividade_id == a.id)):
            s.add(AtividadeMeta(atividade_id=c.id, meta_id=meta_id))
    return novo


def criar_proximo_ano(ator: Usuario | None) -> PlanoAnual:
    """O ano seguinte ao último do plano, como cópia dele (`copiar_ano_do_plano`)."""
    acesso.exigir(ator, acesso.PLANO_EDITAR)
    with sessao(ator) as s:
        ultimo = s.exec(select(PlanoAnual).order_by(PlanoAnual.ano.desc())).first()
        if ultimo is None:
            raise ErroValidacao(
                Problema("ano", "não há ano do plano para copiar; carregue a referência (manage.py reference load)")
            )
        novo = copiar_ano_do_plano(s, ultimo)
        gravar(s, "O plano")
        return novo


# --- cronograma ------------------------------------------------------------------------------


def metas_por_dono(s: Session, coluna_dono, ids: list[int]) -> dict[int, list[str]]:
    """Letras das metas (em ordem) de cada registro `ids`, pela `coluna_dono` da tabela de ligação com a
    meta (ex.: `AtividadeMeta.atividade_id`)."""
    saida: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for dono, letra in s.exec(
            select(coluna_dono, Meta.letra).join(Meta).where(coluna_dono.in_(ids)).order_by(Meta.letra)
        ):
            saida[dono].append(letra)
    return saida


def _metas_por_atividade(s: Session, ids: list[int]) -> dict[int, list[str]]:
    return metas_por_dono(s, AtividadeMeta.atividade_id, ids)


def atividades_do_plano(s: Session, plano_id: int) -> list[AtividadeCronograma]:
    """Atividades do cronograma de um ano do plano, na ordem."""
    return list(
        s.exec(
            select(AtividadeCronograma)
            .where(AtividadeCronograma.plano_id == plano_id)
            .order_by(AtividadeCronograma.ordem)
        )
    )


def situacao_da_atividade(a: AtividadeCronograma, inicio_plano: date, hoje: date) -> SituacaoPrazo:
    """Situação de prazo da atividade `a` (regra de `regras.situacao_atividade`)."""
    return situacao_atividade(
        status=a.status,
        meses_previstos=a.meses_previstos,
        meses_executados=a.meses_executados,
        inicio_plano=inicio_plano,
        hoje=hoje,
    )


def atividades(ator: Usuario | None, plano_id: int) -> list[AtividadeCronograma]:
    acesso.exigir(ator, acesso.PLANO_VER)
    with sessao(ator) as s:
        return atividades_do_plano(s, plano_id)


def metas_da_atividade(ator: Usuario | None, atividade_id: int) -> list[str]:
    acesso.exigir(ator, acesso.PLANO_VER)
    with sessao(ator) as s:
        return _metas_por_atividade(s, [atividade_id])[atividade_id]


def tabela_cronograma(ator: Usuario | None, plano_id: int, hoje: date) -> pd.DataFrame:
    """Uma linha por atividade do ano do plano, com situação de prazo calculada para `hoje`."""
    acesso.exigir(ator, acesso.PLANO_VER)
    with sessao(ator) as s:
        plano = obter_na_sessao(s, PlanoAnual, plano_id, "Ano do plano não encontrado.")
        ats = atividades_do_plano(s, plano_id)
        metas = _metas_por_atividade(s, [a.id for a in ats])
        etapas = dict(s.exec(select(Etapa.id, Etapa.nome)).all())
        evid = (
            dict(
                s.exec(
                    select(Evidencia.atividade_id, func.count())
                    .where(Evidencia.atividade_id.in_([a.id for a in ats]))
                    .group_by(Evidencia.atividade_id)
                ).all()
            )
            if ats
            else {}
        )
    linhas = []
    for a in ats:
        sit = situacao_da_atividade(a, plano.inicio, hoje)
        linhas.append(
            {
                "id": a.id,
                "Nº": a.ordem,
                "Atividade": a.nome,
                "Etapa": etapas.get(a.etapa_id, "—"),
                "Metas": ", ".join(metas[a.id]) or "—",
                "Meses previstos": resumo_meses(a.meses_previstos),
                "Meses executados": resumo_meses(a.meses_executados),
                "Situação": STATUS_ATIVIDADE[a.status],
                "% executado": a.percentual,
                "Atrasada": "Sim" if sit.atrasada else "Não",
                "Motivo do atraso": sit.motivo,
                "Evidências": int(evid.get(a.id, 0)),
                "_previstos": list(a.meses_previstos),
                "_executados": list(a.meses_executados),
                "_atrasada": sit.atrasada,
            }
        )
    colunas = [
        "id",
        "Nº",
        "Atividade",
        "Etapa",
        "Metas",
        "Meses previstos",
        "Meses executados",
        "Situação",
        "% executado",
        "Atrasada",
        "Motivo do atraso",
        "Evidências",
        "_previstos",
        "_executados",
        "_atrasada",
    ]
    return pd.DataFrame(linhas, columns=colunas)


def meses_com_datas(inicio_plano: date) -> list[str]:
    """Rótulos do eixo: "Mês 1 (11/2023)" …"""
    return [f"Mês {m} ({inicio_do_mes(inicio_plano, m):%m/%Y})" for m in range(1, 13)]


@dataclass
class DadosAtividade:
    meses_previstos: list[int]
    meses_executados: list[int]
    status: str
    percentual: int
    metas: list[str] = field(default_factory=list)
    observacoes: str = ""


def _validar_atividade(s: Session, plano: PlanoAnual, d: DadosAtividade, hoje: date) -> list[Problema]:
    p: list[Problema] = []
    for campo, meses in (("meses previstos", d.meses_previstos), ("meses executados", d.meses_executados)):
        fora = [m for m in meses if not isinstance(m, int) or not 1 <= m <= 12]
        if fora:
            p.append(Problema(campo, f"use meses de 1 a 12 (recebido: {', '.join(map(str, fora))})"))
    futuros = [
        m for m in d.meses_executados if isinstance(m, int) and 1 <= m <= 12 and inicio_do_mes(plano.inicio, m) > hoje
    ]
    if futuros:
        p.append(
            Problema(
                "meses executados",
                f"o Mês {futuros[0]} ({inicio_do_mes(plano.inicio, futuros[0]):%m/%Y}) ainda não começou",
            )
        )
    if d.status not in STATUS_ATIVIDADE:
        p.append(Problema("situação", f"“{d.status}” não é válida"))
    if not isinstance(d.percentual, int) or not 0 <= d.percentual <= 100:
        p.append(Problema("% executado", "informe um número inteiro de 0 a 100"))
    elif d.status == "concluida" and d.percentual != 100:
        p.append(Problema("% executado", "atividade concluída tem 100% executado"))
    elif d.percentual == 100 and d.status not in ("concluida", "cancelada"):
        p.append(Problema("situação", "com 100% executado, marque a atividade como concluída"))
    if d.status == "nao_iniciada" and (d.percentual or d.meses_executados):
        p.append(Problema("situação", "atividade não iniciada não tem meses executados nem percentual"))
    if d.status == "concluida" and not d.meses_executados:
        p.append(Problema("meses executados", "informe em que meses a atividade concluída foi executada"))
    letras = set(s.exec(select(Meta.letra)))
    desconhecidas = sorted(set(d.metas) - letras)
    if desconhecidas:
        p.append(Problema("metas", f"meta(s) inexistente(s): {', '.join(desconhecidas)}"))
    return p


def salvar_atividade(
    ator: Usuario | None, atividade_id: int, versao: int, dados: DadosAtividade, *, hoje: date
) -> AtividadeCronograma:
    """Altera meses, situação, percentual e metas de uma atividade (com trava otimista).
    Toda alteração fica na trilha de auditoria, que a página mostra como histórico."""
    acesso.exigir(ator, acesso.PLANO_EDITAR)
    with sessao(ator) as s:
        a = obter_para_edicao(s, AtividadeCronograma, atividade_id, versao, "Esta atividade")
        plano = s.get(PlanoAnual, a.plano_id)
        problemas = _validar_atividade(s, plano, dados, hoje)
        if problemas:
            raise ErroValidacao(problemas)
        # consultas antes de alterar `a`, para que o autoflush não grave a atividade em dois UPDATEs
        metas = {m.letra: m.id for m in s.exec(select(Meta))}
        atuais = {v.meta_id: v for v in s.exec(select(AtividadeMeta).where(AtividadeMeta.atividade_id == a.id))}
        desejadas = {metas[letra] for letra in dados.metas}
        a.meses_previstos = sorted(set(dados.meses_previstos))
        a.meses_executados = sorted(set(dados.meses_executados))
        a.status, a.percentual, a.observacoes = dados.status, dados.percentual, (dados.observacoes or "").strip()
        s.add(a)
        for meta_id, vinculo in atuais.items():
            if meta_id not in desejadas:
                s.delete(vinculo)
        for meta_id in desejadas - set(atuais):
            s.add(AtividadeMeta(atividade_id=a.id, meta_id=meta_id))
        if desejadas != set(atuais):
            a.atualizado_em = agora_utc()  # só as metas mudaram: a versão sobe mesmo assim (trava otimista)
        gravar(s, "Esta atividade")
        return a


def historico_atividade(ator: Usuario | None, atividade_id: int) -> pd.DataFrame:
    """Registros da trilha de auditoria sobre a atividade (mais recentes primeiro), valores crus
    (a tela os mostra com `ui.historico.tabela_historico`)."""
    acesso.exigir(ator, acesso.PLANO_VER)
    return trilha.do_registro(AtividadeCronograma.__tablename__, atividade_id)


# --- metas e progresso -----------------------------------------------------------------------


def tabela_metas(ator: Usuario | None, plano_id: int | None) -> pd.DataFrame:
    """As seis metas com progresso (regra em `progresso_meta`), atividades, ações e publicações vinculadas."""
    acesso.exigir(ator, acesso.PLANO_VER)
    with sessao(ator) as s:
        metas = s.exec(select(Meta).order_by(Meta.letra)).all()
        q = select(AtividadeMeta.meta_id, AtividadeCronograma.status, AtividadeCronograma.percentual).join(
            AtividadeCronograma
        )
        if plano_id is not None:
            q = q.where(AtividadeCronograma.plano_id == plano_id)
        por_meta: dict[int, list[tuple[str, int]]] = {}
        for meta_id, status, pct in s.exec(q):
            por_meta.setdefault(meta_id, []).append((status, pct))
        acoes = dict(
            s.exec(select(AcaoComunicacaoMeta.meta_id, func.count()).group_by(AcaoComunicacaoMeta.meta_id)).all()
        )
        pubs = dict(s.exec(select(PublicacaoMeta.meta_id, func.count()).group_by(PublicacaoMeta.meta_id)).all())
    linhas = []
    for m in metas:
        ats = por_meta.get(m.id, [])
        prog = progresso_meta(ats)
        linhas.append(
            {
                "id": m.id,
                "Meta": m.letra,
                "Texto": m.texto,
                "Progresso (%)": prog,
                "Atividades": len(ats),
                "Atividades concluídas": sum(1 for st, _ in ats if st == "concluida"),
                "Ações de comunicação": int(acoes.get(m.id, 0)),
                "Publicações": int(pubs.get(m.id, 0)),
            }
        )
    return pd.DataFrame(
        linhas,
        columns=[
            "id",
            "Meta",
            "Texto",
            "Progresso (%)",
            "Atividades",
            "Atividades concluídas",
            "Ações de comunicação",
            "Publicações",
        ],
    )


@dataclass
class ComposicaoMeta:
    atividades: pd.DataFrame
    acoes: pd.DataFrame
    publicacoes: pd.DataFrame
    evidencias: pd.DataFrame


def _ligados_a_meta(s: Session, modelo, ligacao, meta_id: int) -> list:
    """Registros de `modelo` (ações de comunicação, publicações) ligados à meta pela tabela
    `ligacao`, do mais recente ao mais antigo."""
    return s.exec(select(modelo).join(ligacao).where(ligacao.meta_id == meta_id).order_by(modelo.data.desc())).all()


def composicao_meta(ator: Usuario | None, letra: str, plano_id: int | None) -> ComposicaoMeta:
    """O que conta para a meta: atividades (com % e situação), ações, publicações e evidências."""
    acesso.exigir(ator, acesso.PLANO_VER)
    with sessao(ator) as s:
        meta = s.exec(select(Meta).where(Meta.letra == letra)).first()
        if meta is None:
            raise NaoEncontrado(f"Meta {letra} não existe.")
        q = (
            select(AtividadeCronograma, PlanoAnual.ano)
            .join(AtividadeMeta)
            .join(PlanoAnual)
            .where(AtividadeMeta.meta_id == meta.id)
        )
        if plano_id is not None:
            q = q.where(AtividadeCronograma.plano_id == plano_id)
        ats = s.exec(q.order_by(PlanoAnual.ano, AtividadeCronograma.ordem)).all()
        ids = [a.id for a, _ in ats]
        acoes = _ligados_a_meta(s, AcaoComunicacao, AcaoComunicacaoMeta, meta.id)
        pubs = _ligados_a_meta(s, Publicacao, PublicacaoMeta, meta.id)
        evs = (
            s.exec(
                select(Evidencia, AtividadeCronograma.nome)
                .join(AtividadeCronograma)
                .where(Evidencia.atividade_id.in_(ids))
                .order_by(Evidencia.data.desc())
            ).all()
            if ids
            else []
        )
    return ComposicaoMeta(
        atividades=pd.DataFrame(
            [
                {
                    "Ano": ano,
                    "Nº": a.ordem,
                    "Atividade": a.nome,
                    "Situação": STATUS_ATIVIDADE[a.status],
                    "% executado": a.percentual,
                    "Conta no progresso": "Não" if a.status == "cancelada" else "Sim",
                }
                for a, ano in ats
            ],
            columns=["Ano", "Nº", "Atividade", "Situação", "% executado", "Conta no progresso"],
        ),
        acoes=pd.DataFrame(
            [{"Data": a.data, "Tipo": TIPOS_ACAO[a.tipo], "Título": a.titulo} for a in acoes],
            columns=["Data", "Tipo", "Título"],
        ),
        publicacoes=pd.DataFrame(
            [{"Data": p.data, "Tipo": TIPOS_PUBLICACAO[p.tipo], "Número": p.numero, "Título": p.titulo} for p in pubs],
            columns=["Data", "Tipo", "Número", "Título"],
        ),
        evidencias=pd.DataFrame(
            [
                {
                    "Data": e.data,
                    "Atividade": nome,
                    "Evidência": e.descricao,
                    "Link ou arquivo": e.link or "arquivo anexado",
                }
                for e, nome in evs
            ],
            columns=["Data", "Atividade", "Evidência", "Link ou arquivo"],
        ),
    )


def etapas_com_itens(ator: Usuario | None) -> list[tuple[str, list[str]]]:
    acesso.exigir(ator, acesso.PLANO_VER)
    with sessao(ator) as s:
        etapas = s.exec(select(Etapa).order_by(Etapa.ordem)).all()
        itens = s.exec(select(ItemEtapa).order_by(ItemEtapa.etapa_id, ItemEtapa.ordem)).all()
    return [(e.nome, [i.texto for i in itens if i.etapa_id == e.id]) for e in etapas]


# --- obrigações ------------------------------------------------------------------------------

CLAUSULAS = {3: "3ª (comuns)", 4: "4ª (CNJ)", 5: "5ª (CNMP)"}


def tabela_obrigacoes(ator: Usuario | None) -> pd.DataFrame:
    acesso.exigir(ator, acesso.PLANO_VER)
    with sessao(ator) as s:
        obs = s.exec(select(Obrigacao).order_by(Obrigacao.clausula, Obrigacao.alinea)).all()
        evid = dict(
            s.exec(
                select(Evidencia.obrigacao_id, func.count())
                .where(Evidencia.obrigacao_id.is_not(None))
                .group_by(Evidencia.obrigacao_id)
            ).all()
        )
    return pd.DataFrame(
        [
            {
                "id": o.id,
                "Cláusula": CLAUSULAS[o.clausula],
                "Alínea": o.alinea,
                "Obrigação": o.texto,
                "Responsável": RESPONSAVEIS_OBRIGACAO[o.responsavel],
                "Situação": STATUS_OBRIGACAO[o.status],
                "Evidências": int(evid.get(o.id, 0)),
            }
            for o in obs
        ],
        columns=["id", "Cláusula", "Alínea", "Obrigação", "Responsável", "Situação", "Evidências"],
    )


def obrigacoes_sem_evidencia(ator: Usuario | None) -> pd.DataFrame:
    """As linhas de `tabela_obrigacoes` que pedem evidência e não têm nenhuma: as que não são “não
    aplicável” (a mesma condição do alerta em `alertas`). A página Plano de trabalho lista estas com
    `?obrigacoes=sem_evidencia`; Minhas pendências conta estas."""
    ob = tabela_obrigacoes(ator)
    return ob[(ob["Evidências"] == 0) & (ob["Situação"] != STATUS_OBRIGACAO["nao_aplicavel"])].reset_index(drop=True)


def obter_obrigacao(ator: Usuario | None, obrigacao_id: int) -> Obrigacao:
    return obter_registro(ator, acesso.PLANO_VER, Obrigacao, obrigacao_id, "Obrigação não encontrada.")


def salvar_obrigacao(
    ator: Usuario | None, obrigacao_id: int, versao: int, *, status: str, observacoes: str = ""
) -> Obrigacao:
    acesso.exigir(ator, acesso.PLANO_EDITAR)
    if status not in STATUS_OBRIGACAO:
        raise ErroValidacao(Problema("situação", f"“{trecho(status)}” não é válida"))
    with sessao(ator) as s:
        o = obter_para_edicao(s, Obrigacao, obrigacao_id, versao, "Esta obrigação")
        if status == "cumprida" and not s.exec(select(Evidencia.id).where(Evidencia.obrigacao_id == o.id)).first():
            raise ErroValidacao(
                Problema("situação", "para marcar a obrigação como cumprida, inclua antes uma evidência")
            )
        o.status, o.observacoes = status, (observacoes or "").strip()
        s.add(o)
        gravar(s, "Esta obrigação")
        return o


# --- evidências e anexos ---------------------------------------------------------------------


def validar_link(link: str | None, campo: str = "link") -> tuple[str | None, list[Problema]]:
    t = (link or "").strip()
    if not t:
        return None, []
    if not _RE_LINK.match(t) or len(t) > 500:
        return None, [Problema(campo, f"“{t[:60]}” não é um endereço http(s) válido")]
    return t, []


def incluir_evidencia(
    ator: Usuario | None,
    *,
    alvo: str,
    alvo_id: int,
    descricao: str,
    data: date | None,
    link: str | None = None,
    arquivo: ArquivoEnviado | None = None,
    hoje: date,
) -> Evidencia:
    """Evidência (link e/ou arquivo) de uma atividade do cronograma ou de uma obrigação."""
    acesso.exigir(ator, acesso.PLANO_EDITAR)
    if alvo not in ("atividade", "obrigacao"):
        raise ValueError(alvo)
    p: list[Problema] = []
    if not (descricao or "").strip():
        p.append(Problema("descrição", "descreva a evidência"))
    data_exigida(p, "data", data, hoje)
    link_ok, pl = validar_link(link)
    p += pl + validar_arquivo(arquivo)
    if not link_ok and arquivo is None and not pl:
        p.append(Problema("link ou arquivo", "informe um link ou envie um arquivo"))
    with sessao(ator) as s:
        modelo = AtividadeCronograma if alvo == "atividade" else Obrigacao
        if s.get(modelo, alvo_id) is None:
            p.append(Problema(alvo, "não encontrada"))
        if p:
            raise ErroValidacao(p)
        anexo = guardar_anexo(s, arquivo) if arquivo is not None else None
        e = Evidencia(
            atividade_id=alvo_id if alvo == "atividade" else None,
            obrigacao_id=alvo_id if alvo == "obrigacao" else None,
            descricao=descricao.strip()[:300],
            data=data,
            link=link_ok,
            anexo_id=anexo.id if anexo else None,
            incluido_por=ator.email,
        )
        s.add(e)
        gravar(s)
        return e


def evidencias(ator: Usuario | None, *, alvo: str, alvo_id: int) -> list[tuple[Evidencia, str | None]]:
    """Evidências do alvo, mais recentes primeiro, com o nome do arquivo anexado (se houver)."""
    acesso.exigir(ator, acesso.PLANO_VER)
    coluna = Evidencia.atividade_id if alvo == "atividade" else Evidencia.obrigacao_id
    with sessao(ator) as s:
        return list(
            s.exec(
                select(Evidencia, Anexo.nome_arquivo)
                .outerjoin(Anexo, Anexo.id == Evidencia.anexo_id)
                .where(coluna == alvo_id)
                .order_by(Evidencia.data.desc(), Evidencia.id.desc())
            ).all()
        )


def obter_anexo(ator: Usuario | None, anexo_id: int, *, publico: bool = False) -> Anexo:
    """Arquivo anexado. Anexos de publicações são públicos; os demais exigem `plano.ver`."""
    with sessao(ator) as s:
        a = obter_na_sessao(s, Anexo, anexo_id, "Arquivo não encontrado.")
        e_publicacao = s.exec(select(Publicacao.id).where(Publicacao.anexo_id == anexo_id)).first() is not None
    if not (publico and e_publicacao):
        acesso.exigir(ator, acesso.PLANO_VER)
    return a


# --- comentários -----------------------------------------------------------------------------


def comentar(ator: Usuario | None, *, alvo: str, alvo_id: int, texto: str) -> ComentarioPlano:
    """A Comissão do CNMP (e o DMF) comenta metas, atividades e obrigações sem editá-las."""
    acesso.exigir(ator, acesso.PLANO_COMENTAR)
    t = (texto or "").strip()
    if not t:
        raise ErroValidacao(Problema("comentário", "escreva o comentário"))
    if len(t) > 3000:
        raise ErroValidacao(Problema("comentário", f"o comentário tem {len(t)} caracteres; o limite é 3.000"))
    modelos = {"meta": Meta, "atividade": AtividadeCronograma, "obrigacao": Obrigacao}
    if alvo not in modelos:
        raise ValueError(alvo)
    with sessao(ator) as s:
        if s.get(modelos[alvo], alvo_id) is None:
            raise NaoEncontrado("O item comentado não existe.")
        c = ComentarioPlano(
            alvo=alvo, alvo_id=alvo_id, texto=t, autor_id=ator.id, autor_nome=ator.nome, autor_papel=ator.papel
        )
        s.add(c)
        gravar(s)
        return c


def comentarios(ator: Usuario | None, *, alvo: str, alvo_id: int) -> list[ComentarioPlano]:
    acesso.exigir(ator, acesso.PLANO_VER)
    with sessao(ator) as s:
        return list(
            s.exec(
                select(ComentarioPlano)
                .where(ComentarioPlano.alvo == alvo, ComentarioPlano.alvo_id == alvo_id)
                .order_by(ComentarioPlano.momento)
            )
        )


# quem responde aos comentários de quem: a Comissão do CNMP acompanha (Cláusula 12ª) e o DMF executa
_LADO = {acesso.CNMP: "cnmp", acesso.DMF: "dmf", acesso.ADMIN: "dmf"}


@dataclass(frozen=True)
class ComentarioAguardando:
    alvo: str  # "meta" | "atividade" | "obrigacao"
    alvo_id: int
    item: str  # o item comentado, como o plano o nomeia
    ano: int | None  # atividade: o ano do plano
    ultimo: ComentarioPlano


def comentarios_aguardando(ator: Usuario | None) -> list[ComentarioAguardando]:
    """Itens do plano cujo último comentário veio do outro lado do acompanhamento e espera a
    resposta do ator: para a Comissão do CNMP, os comentados por último pelo DMF (ou administrador);
    para o DMF e o administrador, os comentados por último pela Comissão. Mais antigos primeiro."""
    acesso.exigir(ator, acesso.PLANO_COMENTAR)
    lado = _LADO[ator.papel]
    with sessao(ator) as s:
        ultimos: dict[tuple[str, int], ComentarioPlano] = {}
        for c in s.exec(select(ComentarioPlano).order_by(ComentarioPlano.momento, ComentarioPlano.id)):
            ultimos[(c.alvo, c.alvo_id)] = c
        pendentes = [c for c in ultimos.values() if _LADO.get(c.autor_papel) not in (None, lado)]
        metas = {m.id: m for m in s.exec(select(Meta))}
        obrig = {o.id: o for o in s.exec(select(Obrigacao))}
        ativs = {
            a.id: (a, p)
            for a, p in s.exec(
                select(AtividadeCronograma, PlanoAnual).join(PlanoAnual, PlanoAnual.id == AtividadeCronograma.plano_id)
            )
        }
    saida = []
    for c in sorted(pendentes, key=lambda c: (c.momento, c.id)):
        ano = None
        if c.alvo == "meta":
            item = f"Meta {metas[c.alvo_id].letra}"
        elif c.alvo == "obrigacao":
            item = f"Cláusula {obrig[c.alvo_id].clausula}ª, alínea {obrig[c.alvo_id].alinea})"
        else:
            a, p = ativs[c.alvo_id]
            item, ano = f"Ano {p.ano}, atividade {a.ordem} ({a.nome})", p.ano
        saida.append(ComentarioAguardando(c.alvo, c.alvo_id, item, ano, c))
    return saida


def rotulo_autor(c: ComentarioPlano) -> str:
    return f"{c.autor_nome} ({PAPEIS.get(c.autor_papel, c.autor_papel)}) — {data_hora(c.momento)}"


# --- vigência e Cláusula 12ª -----------------------------------------------------------------


@dataclass
class SituacaoVigencia:
    numero: str
    assinatura: date
    fim_original: date
    fim_atual: date
    dias_restantes: int
    prazo_designacao: date
    designacoes: dict[str, object]
    termos: list[TermoAditivo]
    responsaveis: list[ResponsavelAcompanhamento]


def situacao_vigencia(ator: Usuario | None, hoje: date) -> SituacaoVigencia | None:
    acesso.exigir(ator, acesso.PLANO_VER)
    with sessao(ator) as s:
        return _situacao_vigencia(s, hoje)


def _situacao_vigencia(s: Session, hoje: date) -> SituacaoVigencia | None:
    acordo = s.exec(select(Acordo)).first()
    if acordo is None:
        return None
    termos = list(s.exec(select(TermoAditivo).order_by(TermoAditivo.data_assinatura)))
    resp = list(s.exec(select(ResponsavelAcompanhamento).order_by(ResponsavelAcompanhamento.data_designacao)))
    fim_original = fim_da_vigencia(acordo.data_assinatura, acordo.vigencia_meses, [])
    fim = fim_da_vigencia(acordo.data_assinatura, acordo.vigencia_meses, [t.nova_data_fim for t in termos])
    prazo = prazo_designacao(acordo.data_assinatura, acordo.prazo_designacao_dias)
    desig = {
        p: situacao_designacao(p, [r.data_designacao for r in resp if r.participe == p], prazo, hoje)
        for p in PARTICIPES
    }
    return SituacaoVigencia(
        acordo.numero, acordo.data_assinatura, fim_original, fim, (fim - hoje).days, prazo, desig, termos, resp
    )


@dataclass
class DadosTermo:
    numero: str
    data_assinatura: date | None
    nova_data_fim: date | None
    altera_plano: bool
    descricao: str


def salvar_termo(
    ator: Usuario | None, dados: DadosTermo, *, hoje: date, ident: int | None = None, versao: int | None = None
) -> TermoAditivo:
    """Cláusulas 8ª e 9ª: prorrogação e alterações por Termo Aditivo. Um termo que prorroga
    precisa ser assinado dentro da vigência que ele estende."""
    acesso.exigir(ator, acesso.PLANO_EDITAR)
    p: list[Problema] = []
    numero = (dados.numero or "").strip()
    if not numero:
        p.append(Problema("número", "informe o número do termo (ex.: 1/2025)"))
    data_exigida(p, "data de assinatura", dados.data_assinatura, hoje)
    if not (dados.descricao or "").strip():
        p.append(Problema("o que altera", "descreva o que o termo altera"))
    if dados.nova_data_fim is None and not dados.altera_plano:
        p.append(Problema("o que altera", "o termo deve prorrogar a vigência, alterar o plano, ou ambos"))
    with sessao(ator) as s:
        acordo = s.exec(select(Acordo)).first()
        if repetido(s, TermoAditivo, ident, TermoAditivo.numero == numero):
            p.append(Problema("número", f"já existe o Termo Aditivo nº {numero}"))
        if acordo and dados.data_assinatura:
            if dados.data_assinatura < acordo.data_assinatura:
                p.append(Problema("data de assinatura", "é anterior à assinatura do acordo"))
            anteriores = [t.nova_data_fim for t in s.exec(select(TermoAditivo)) if t.id != ident]
            fim = fim_da_vigencia(acordo.data_assinatura, acordo.vigencia_meses, anteriores)
            if dados.nova_data_fim is not None:
                if dados.data_assinatura > fim:
                    p.append(
                        Problema(
                            "data de assinatura",
                            f"é posterior ao fim da vigência ({fim:%d/%m/%Y}): um acordo extinto não se prorroga",
                        )
                    )
                if dados.nova_data_fim <= fim:
                    p.append(Problema("novo término", f"deve ser posterior ao término atual ({fim:%d/%m/%Y})"))
        if p:
            raise ErroValidacao(p)
        campos = dict(
            numero=numero,
            data_assinatura=dados.data_assinatura,
            nova_data_fim=dados.nova_data_fim,
            altera_plano=dados.altera_plano,
            descricao=dados.descricao.strip(),
        )
        return incluir_ou_alterar(s, TermoAditivo, campos, ident, versao, "Este termo aditivo")


@dataclass
class DadosResponsavel:
    participe: str
    nome: str
    cargo: str
    ato_designacao: str
    data_designacao: date | None


def salvar_responsavel(
    ator: Usuario | None, dados: DadosResponsavel, *, hoje: date, ident: int | None = None, versao: int | None = None
) -> ResponsavelAcompanhamento:
    """Cláusula 12ª: quem cada partícipe designou para acompanhar a execução, e quando."""
    acesso.exigir(ator, acesso.PLANO_EDITAR)
    p: list[Problema] = []
    if dados.participe not in PARTICIPES:
        p.append(Problema("partícipe", "escolha CNJ ou CNMP"))
    if not (dados.nome or "").strip():
        p.append(Problema("nome", "informe o nome da pessoa designada"))
    data_exigida(p, "data da designação", dados.data_designacao, hoje)
    with sessao(ator) as s:
        acordo = s.exec(select(Acordo)).first()
        if acordo and dados.data_designacao and dados.data_designacao < acordo.data_assinatura:
            p.append(Problema("data da designação", "é anterior à assinatura do acordo"))
        if p:
            raise ErroValidacao(p)
        campos = dict(
            participe=dados.participe,
            nome=dados.nome.strip(),
            cargo=dados.cargo.strip(),
            ato_designacao=dados.ato_designacao.strip(),
            data_designacao=dados.data_designacao,
        )
        return incluir_ou_alterar(s, ResponsavelAcompanhamento, campos, ident, versao, "Esta designação")


# --- alertas ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alerta:
    nivel: str  # "erro" | "aviso"
    tema: str  # "cronograma" | "obrigacoes" | "vigencia"
    texto: str
    ano: int | None = None  # cronograma: o ano do plano da atividade atrasada


def alertas(ator: Usuario | None, hoje: date) -> list[Alerta]:
    """Atividades atrasadas (no ano corrente e nos anteriores), obrigações sem evidência,
    designação da Cláusula 12ª vencida e vigência terminando em até 90 dias."""
    acesso.exigir(ator, acesso.PLANO_VER)
    saida: list[Alerta] = []
    with sessao(ator) as s:
        planos = {p.id: p for p in s.exec(select(PlanoAnual))}
        for a in s.exec(
            select(AtividadeCronograma)
            .where(AtividadeCronograma.status.not_in(("concluida", "cancelada")))
            .order_by(AtividadeCronograma.plano_id, AtividadeCronograma.ordem)
        ):
            plano = planos[a.plano_id]
            sit = situacao_da_atividade(a, plano.inicio, hoje)  # a mesma regra do cronograma, em todo ano
            if sit.atrasada:
                saida.append(
                    Alerta(
                        "erro",
                        "cronograma",
                        f"Ano {plano.ano}, atividade {a.ordem} ({a.nome}): {sit.motivo}.",
                        plano.ano,
                    )
                )
        sem_evid = s.exec(
            select(Obrigacao)
            .where(
                Obrigacao.status != "nao_aplicavel",
                ~select(Evidencia.id).where(Evidencia.obrigacao_id == Obrigacao.id).exists(),
            )
            .order_by(Obrigacao.clausula, Obrigacao.alinea)
        ).all()
        if sem_evid:
            lista = ", ".join(f"{o.clausula}ª {o.alinea})" for o in sem_evid)
            saida.append(Alerta("aviso", "obrigacoes", f"{len(sem_evid)} obrigação(ões) sem evidência: {lista}."))
        vig = _situacao_vigencia(s, hoje)
    if vig is not None:
        for p, d in vig.designacoes.items():
            if d.vencido:
                saida.append(
                    Alerta(
                        "erro",
                        "vigencia",
                        f"Cláusula 12ª: o {PARTICIPES[p]} não designou os responsáveis pelo "
                        f"acompanhamento; o prazo venceu em {fmt_data(d.prazo)}.",
                    )
                )
        if vigencia_terminando(vig.fim_atual, hoje):
            saida.append(
                Alerta(
                    "aviso",
                    "vigencia",
                    f"A vigência do acordo termina em {fmt_data(vig.fim_atual)} "
                    f"({vig.dias_restantes} dia(s)). Prorrogação só por Termo Aditivo "
                    "(Cláusula 8ª).",
                )
            )
        elif vig.dias_restantes < 0:
            saida.append(Alerta("erro", "vigencia", f"A vigência do acordo terminou em {fmt_data(vig.fim_atual)}."))
    return saida


def exigir_edicao_do_plano(ator: Usuario | None) -> None:
    """Para as páginas decidirem se mostram formulários; o serviço confere de novo ao gravar."""
    if not acesso.pode(ator, acesso.PLANO_EDITAR):
        raise AcessoNegado("Só a equipe do DMF e administradores alteram o plano.")
