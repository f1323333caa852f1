"""Ações de comunicação (webinários, informativos, seminários, oficinas, capacitações) e
publicações (notas técnicas, pareceres, orientações, relatórios); alcance por UF da meta a."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlmodel import Session, func, select

from comum.anexos import ArquivoEnviado, guardar_anexo, validar_arquivo
from comum.validadores import data_exigida
from core import acesso
from core.banco import sessao
from core.edicao import gravar, obter_na_sessao, obter_para_edicao, repetido
from core.erros import ErroValidacao, Problema
from core.relogio import agora_utc
from dominio.plano.servicos import metas_por_dono, validar_link
from models.plano import (
    TIPOS_ACAO,
    TIPOS_PUBLICACAO,
    AcaoComunicacao,
    AcaoComunicacaoMeta,
    AcaoComunicacaoUF,
    Anexo,
    AtividadeCronograma,
    Evidencia,
    Meta,
    PlanoAnual,
    Publicacao,
    PublicacaoAtividade,
    PublicacaoMeta,
)
from models.territorio import UF
from models.usuarios import Usuario


@dataclass
class DadosAcao:
    tipo: str
    titulo: str
    data: date | None
    publico_magistrados: int = 0
    publico_membros_mp: int = 0
    publico_servidores: int = 0
    publico_outros: int = 0
    ufs: list[str] = field(default_factory=list)
    metas: list[str] = field(default_factory=list)
    link: str | None = None
    observacoes: str = ""


def _sincronizar(s: Session, modelo, filtro_col, dono_id: int, col_valor, desejados: set) -> bool:
    """Ajusta a tabela de ligação (inclui e exclui pela sessão, para a auditoria ver).
    Devolve se algo mudou."""
    atuais = {getattr(v, col_valor): v for v in s.exec(select(modelo).where(filtro_col == dono_id))}
    for chave, vinculo in atuais.items():
        if chave not in desejados:
            s.delete(vinculo)
    for chave in desejados - set(atuais):
        s.add(modelo(**{filtro_col.key: dono_id, col_valor: chave}))
    return set(atuais) != set(desejados)


def _excluir_ligacoes(s: Session, dono_id: int, *colunas_dono) -> None:
    """Exclui as linhas das tabelas de ligação que apontam para o registro `dono_id`, pela coluna
    do dono de cada uma (ex.: `PublicacaoMeta.publicacao_id`); pela sessão, para a auditoria ver."""
    for coluna in colunas_dono:
        for vinculo in s.exec(select(coluna.class_).where(coluna == dono_id)):
            s.delete(vinculo)


def _subir_versao(s: Session, obj) -> None:
    """Só as ligações mudaram: a versão do registro sobe mesmo assim, para que quem abriu
    o formulário antes receba conflito em vez de sobrescrever (trava otimista)."""
    obj.atualizado_em = agora_utc()
    s.add(obj)


def _metas_ids(s: Session, letras: list[str], p: list[Problema]) -> set[int]:
    metas = {m.letra: m.id for m in s.exec(select(Meta))}
    faltam = sorted(set(letras) - set(metas))
    if faltam:
        p.append(Problema("metas", f"meta(s) inexistente(s): {', '.join(faltam)}"))
    return {metas[x] for x in letras if x in metas}


def salvar_acao(
    ator: Usuario | None, d: DadosAcao, *, ident: int | None = None, versao: int | None = None
) -> AcaoComunicacao:
    """Inclui ou altera uma ação de comunicação. Datas futuras são aceitas (ações agendadas),
    mas o alcance por UF só conta ações já realizadas."""
    acesso.exigir(ator, acesso.PLANO_EDITAR)
    p: list[Problema] = []
    if d.tipo not in TIPOS_ACAO:
        p.append(Problema("tipo", f"use um de: {', '.join(TIPOS_ACAO.values())}"))
    if not (d.titulo or "").strip():
        p.append(Problema("título", "informe o título"))
    if d.data is None:
        p.append(Problema("data", "informe a data"))
    for campo, rotulo in (
        ("publico_magistrados", "magistrados"),
        ("publico_membros_mp", "membros do MP"),
        ("publico_servidores", "servidores"),
        ("publico_outros", "outros"),
    ):
        v = getattr(d, campo)
        if not isinstance(v, int) or v < 0:
            p.append(Problema(f"público — {rotulo}", "informe um número inteiro não negativo"))
    link, pl = validar_link(d.link)
    p += pl
    with sessao(ator) as s:
        ufs_validas = set(s.exec(select(UF.sigla)))
        ufs = {u.strip().upper() for u in d.ufs if u and u.strip()}
        if ufs - ufs_validas:
            p.append(Problema("UFs alcançadas", f"UF(s) inexistente(s): {', '.join(sorted(ufs - ufs_validas))}"))
        metas = _metas_ids(s, d.metas, p)
        if p:
            raise ErroValidacao(p)
        if ident is None:
            a = AcaoComunicacao(tipo=d.tipo, titulo=d.titulo.strip(), data=d.data)
        else:
            a = obter_para_edicao(s, AcaoComunicacao, ident, versao, "Esta ação")
        a.tipo, a.titulo, a.data, a.link, a.observacoes = (
            d.tipo,
            d.titulo.strip(),
            d.data,
            link,
            (d.observacoes or "").strip(),
        )
        a.publico_magistrados, a.publico_membros_mp = d.publico_magistrados, d.publico_membros_mp
        a.publico_servidores, a.publico_outros = d.publico_servidores, d.publico_outros
        s.add(a)
        gravar(s, "Esta ação")
        mudou = _sincronizar(s, AcaoComunicacaoUF, AcaoComunicacaoUF.acao_id, a.id, "uf_sigla", ufs)
        mudou |= _sincronizar(s, AcaoComunicacaoMeta, AcaoComunicacaoMeta.acao_id, a.id, "meta_id", metas)
        if mudou and ident is not None and a.versao == versao:
            _subir_versao(s, a)
        gravar(s, "Esta ação")
        return a


def obter_acao(ator: Usuario | None, ident: int) -> tuple[AcaoComunicacao, list[str], list[str]]:
    """A ação, suas UFs e as letras das metas."""
    acesso.exigir(ator, acesso.PLANO_VER)
    with sessao(ator) as s:
        a = obter_na_sessao(s, AcaoComunicacao, ident, "Ação de comunicação não encontrada.")
        ufs = list(
            s.exec(
                select(AcaoComunicacaoUF.uf_sigla)
                .where(AcaoComunicacaoUF.acao_id == ident)
                .order_by(AcaoComunicacaoUF.uf_sigla)
            )
        )
        metas = metas_por_dono(s, AcaoComunicacaoMeta.acao_id, [ident])[ident]
        return a, ufs, metas


def excluir_acao(ator: Usuario | None, ident: int, versao: int) -> None:
    acesso.exigir(ator, acesso.PLANO_EDITAR)
    with sessao(ator) as s:
        a = obter_para_edicao(s, AcaoComunicacao, ident, versao, "Esta ação")
        _excluir_ligacoes(s, ident, AcaoComunicacaoUF.acao_id, AcaoComunicacaoMeta.acao_id)
        s.flush()
        s.delete(a)
        gravar(s, "Esta ação")


def tabela_acoes(
    ator: Usuario | None,
    *,
    tipos: list[str] | None = None,
    inicio: date | None = None,
    fim: date | None = None,
    uf: str | None = None,
) -> pd.DataFrame:
    acesso.exigir(ator, acesso.PLANO_VER)
    a = AcaoComunicacao
    q = select(a)
    if tipos:
        q = q.where(a.tipo.in_(tipos))
    if inicio:
        q = q.where(a.data >= inicio)
    if fim:
        q = q.where(a.data <= fim)
    if uf:
        q = q.where(
            select(AcaoComunicacaoUF.acao_id)
            .where(AcaoComunicacaoUF.acao_id == a.id, AcaoComunicacaoUF.uf_sigla == uf)
            .exists()
        )
    with sessao(ator) as s:
        acoes = s.exec(q.order_by(a.data.desc(), a.id.desc())).all()
        ids = [x.id for x in acoes]
        ufs: dict[int, list[str]] = {}
        metas = metas_por_dono(s, AcaoComunicacaoMeta.acao_id, ids)
        if ids:
            for aid, sigla in s.exec(
                select(AcaoComunicacaoUF.acao_id, AcaoComunicacaoUF.uf_sigla)
                .where(AcaoComunicacaoUF.acao_id.in_(ids))
                .order_by(AcaoComunicacaoUF.uf_sigla)
            ):
                ufs.setdefault(aid, []).append(sigla)
    return pd.DataFrame(
        [
            {
                "id": x.id,
                "Data": x.data,
                "Tipo": TIPOS_ACAO[x.tipo],
                "Título": x.titulo,
                "Magistrados": x.publico_magistrados,
                "Membros do MP": x.publico_membros_mp,
                "Servidores": x.publico_servidores,
                "Outros": x.publico_outros,
                "Público total": x.publico_magistrados + x.publico_membros_mp + x.publico_servidores + x.publico_outros,
                "UFs": ", ".join(ufs.get(x.id, [])) or "—",
                "Metas": ", ".join(metas.get(x.id, [])) or "—",
                "Link": x.link or "",
            }
            for x in acoes
        ],
        columns=[
            "id",
            "Data",
            "Tipo",
            "Título",
            "Magistrados",
            "Membros do MP",
            "Servidores",
            "Outros",
            "Público total",
            "UFs",
            "Metas",
            "Link",
        ],
    )


def alcance_por_uf(ator: Usuario | None, hoje: date) -> pd.DataFrame:
    """Meta a (capilaridade em todas as UFs): por UF, quantas ações já realizadas (data ≤ hoje)
    a alcançaram e o público somado dessas ações. Inclui as 27 UFs, com zero onde não houve."""
    acesso.exigir(ator, acesso.PLANO_VER)
    a, au = AcaoComunicacao, AcaoComunicacaoUF
    with sessao(ator) as s:
        ufs = s.exec(select(UF.sigla, UF.nome, UF.regiao).order_by(UF.sigla)).all()
        agreg = {
            sigla: (n, pub)
            for sigla, n, pub in s.exec(
                select(
                    au.uf_sigla,
                    func.count(),
                    func.sum(a.publico_magistrados + a.publico_membros_mp + a.publico_servidores + a.publico_outros),
                )
                .join(a, a.id == au.acao_id)
                .where(a.data <= hoje)
                .group_by(au.uf_sigla)
            )
        }
    return pd.DataFrame(
        [
            {
                "UF": sigla,
                "Estado": nome,
                "Região": regiao,
                "Ações realizadas": int(agreg.get(sigla, (0, 0))[0]),
                "Público alcançado": int(agreg.get(sigla, (0, 0))[1] or 0),
                "Alcançada": "Sim" if sigla in agreg else "Não",
            }
            for sigla, nome, regiao in ufs
        ],
        columns=["UF", "Estado", "Região", "Ações realizadas", "Público alcançado", "Alcançada"],
    )


def publico_por_categoria(ator: Usuario | None, hoje: date) -> dict[str, int]:
    acesso.exigir(ator, acesso.PLANO_VER)
    a = AcaoComunicacao
    with sessao(ator) as s:
        r = s.exec(
            select(
                func.coalesce(func.sum(a.publico_magistrados), 0),
                func.coalesce(func.sum(a.publico_membros_mp), 0),
                func.coalesce(func.sum(a.publico_servidores), 0),
                func.coalesce(func.sum(a.publico_outros), 0),
                func.count(),
            ).where(a.data <= hoje)
        ).one()
    return {
        "Magistrados": int(r[0]),
        "Membros do MP": int(r[1]),
        "Servidores": int(r[2]),
        "Outros": int(r[3]),
        "Ações": int(r[4]),
    }


# --- publicações -----------------------------------------------------------------------------


@dataclass
class DadosPublicacao:
    tipo: str
    numero: str
    titulo: str
    data: date | None
    link: str | None = None
    arquivo: ArquivoEnviado | None = None
    metas: list[str] = field(default_factory=list)
    atividades: list[int] = field(default_factory=list)
    resumo: str = ""


def salvar_publicacao(
    ator: Usuario | None, d: DadosPublicacao, *, hoje: date, ident: int | None = None, versao: int | None = None
) -> Publicacao:
    """Inclui ou altera uma publicação. Precisa de link ou arquivo (na inclusão); o número é
    único por tipo (ex.: Nota Técnica nº 1/2024)."""
    acesso.exigir(ator, acesso.PLANO_EDITAR)
    p: list[Problema] = []
    if d.tipo not in TIPOS_PUBLICACAO:
        p.append(Problema("tipo", f"use um de: {', '.join(TIPOS_PUBLICACAO.values())}"))
    numero = (d.numero or "").strip()
    if not numero:
        p.append(Problema("número", "informe o número (ex.: 1/2024)"))
    if not (d.titulo or "").strip():
        p.append(Problema("título", "informe o título"))
    data_exigida(p, "data", d.data, hoje, "informe a data de publicação")
    link, pl = validar_link(d.link)
    p += pl + validar_arquivo(d.arquivo)
    with sessao(ator) as s:
        if repetido(s, Publicacao, ident, Publicacao.tipo == d.tipo, Publicacao.numero == numero):
            p.append(Problema("número", f"já existe {TIPOS_PUBLICACAO.get(d.tipo, d.tipo)} nº {numero}"))
        atual = s.get(Publicacao, ident) if ident is not None else None
        if not link and d.arquivo is None and not pl and (atual is None or atual.anexo_id is None):
            p.append(Problema("link ou arquivo", "informe o link da publicação ou envie o arquivo"))
        metas = _metas_ids(s, d.metas, p)
        ats_validas = (
            set(s.exec(select(AtividadeCronograma.id).where(AtividadeCronograma.id.in_(d.atividades))))
            if d.atividades
            else set()
        )
        if set(d.atividades) - ats_validas:
            p.append(Problema("atividades", "atividade do cronograma inexistente"))
        if p:
            raise ErroValidacao(p)
        if ident is None:
            pub = Publicacao(tipo=d.tipo, numero=numero, titulo=d.titulo.strip(), data=d.data)
        else:
            pub = obter_para_edicao(s, Publicacao, ident, versao, "Esta publicação")
        pub.tipo, pub.numero, pub.titulo, pub.data = d.tipo, numero, d.titulo.strip(), d.data
        pub.link, pub.resumo = link, (d.resumo or "").strip()
        if d.arquivo is not None:
            pub.anexo_id = guardar_anexo(s, d.arquivo).id
        s.add(pub)
        gravar(s, "Esta publicação")
        mudou = _sincronizar(s, PublicacaoMeta, PublicacaoMeta.publicacao_id, pub.id, "meta_id", metas)
        mudou |= _sincronizar(
            s, PublicacaoAtividade, PublicacaoAtividade.publicacao_id, pub.id, "atividade_id", set(d.atividades)
        )
        if mudou and ident is not None and pub.versao == versao:
            _subir_versao(s, pub)
        gravar(s, "Esta publicação")
        return pub


def obter_publicacao(ator: Usuario | None, ident: int) -> tuple[Publicacao, list[str], list[int], str | None]:
    """A publicação, letras das metas, ids das atividades e nome do arquivo anexado."""
    acesso.exigir(ator, acesso.PLANO_VER)
    with sessao(ator) as s:
        pub = obter_na_sessao(s, Publicacao, ident, "Publicação não encontrada.")
        metas = metas_por_dono(s, PublicacaoMeta.publicacao_id, [ident])[ident]
        ats = list(s.exec(select(PublicacaoAtividade.atividade_id).where(PublicacaoAtividade.publicacao_id == ident)))
        nome = s.exec(select(Anexo.nome_arquivo).where(Anexo.id == pub.anexo_id)).first() if pub.anexo_id else None
        return pub, metas, ats, nome


def excluir_publicacao(ator: Usuario | None, ident: int, versao: int) -> None:
    """Exclui a publicação lida na `versao` (trava otimista), com suas ligações a metas e
    atividades e o arquivo enviado com ela (se nenhum outro registro o usa). Cada linha
    excluída fica na trilha de auditoria."""
    acesso.exigir(ator, acesso.PLANO_EDITAR)
    with sessao(ator) as s:
        pub = obter_para_edicao(s, Publicacao, ident, versao, "Esta publicação")
        _excluir_ligacoes(s, ident, PublicacaoMeta.publicacao_id, PublicacaoAtividade.publicacao_id)
        anexo_id = pub.anexo_id
        s.flush()
        s.delete(pub)
        gravar(s, "Esta publicação")
        if anexo_id is not None and not _anexo_em_uso(s, anexo_id):
            s.delete(s.get(Anexo, anexo_id))
            gravar(s, "Esta publicação")


def _anexo_em_uso(s: Session, anexo_id: int) -> bool:
    """Outra publicação ou evidência ainda aponta para o arquivo."""
    return any(
        s.exec(select(func.count()).select_from(modelo).where(modelo.anexo_id == anexo_id)).one()
        for modelo in (Publicacao, Evidencia)
    )


def tabela_publicacoes(ator: Usuario | None, *, tipos: list[str] | None = None) -> pd.DataFrame:
    acesso.exigir(ator, acesso.PLANO_VER)
    q = select(Publicacao)
    if tipos:
        q = q.where(Publicacao.tipo.in_(tipos))
    with sessao(ator) as s:
        pubs = s.exec(q.order_by(Publicacao.data.desc(), Publicacao.id.desc())).all()
        ids = [x.id for x in pubs]
        metas = metas_por_dono(s, PublicacaoMeta.publicacao_id, ids)
        ats: dict[int, list[str]] = {}
        if ids:
            for pid, ano, ordem in s.exec(
                select(PublicacaoAtividade.publicacao_id, PlanoAnual.ano, AtividadeCronograma.ordem)
                .join(AtividadeCronograma, AtividadeCronograma.id == PublicacaoAtividade.atividade_id)
                .join(PlanoAnual)
                .where(PublicacaoAtividade.publicacao_id.in_(ids))
                .order_by(PlanoAnual.ano, AtividadeCronograma.ordem)
            ):
                ats.setdefault(pid, []).append(f"ano {ano}, nº {ordem}")
    return pd.DataFrame(
        [
            {
                "id": x.id,
                "Data": x.data,
                "Tipo": TIPOS_PUBLICACAO[x.tipo],
                "Número": x.numero,
                "Título": x.titulo,
                "Metas": ", ".join(metas.get(x.id, [])) or "—",
                "Atividades": "; ".join(ats.get(x.id, [])) or "—",
                "Link": x.link or "",
                "Arquivo": "Sim" if x.anexo_id else "Não",
                "anexo_id": x.anexo_id,
            }
            for x in pubs
        ],
        columns=["id", "Data", "Tipo", "Número", "Título", "Metas", "Atividades", "Link", "Arquivo", "anexo_id"],
    )
