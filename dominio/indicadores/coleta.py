"""Coleta e revisão dos indicadores: o formulário de uma unidade num período, rascunho, envio
com as regras conferidas, e a revisão DMF (valida) → Comissão do CNMP (aprova), com devolução
comentada em qualquer etapa e reabertura motivada do que já foi aprovado.

Escopo: o ponto focal informa e consulta só a própria unidade (conferido aqui, não só na
página); DMF e admin informam por qualquer unidade. Quem informou um valor não valida nem
aprova o envio. Regras puras em `dominio.indicadores.regras`."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pandas as pd
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from comum.formatos import local
from core import acesso, relogio
from core.banco import sessao, url_atual
from core.cache import agregado_em_cache
from core.edicao import MSG_CONFLITO, gravar, obter_na_sessao
from core.erros import (
    AcessoNegado,
    ConflitoEdicao,
    ErroNegocio,
    ErroValidacao,
    Problema,
)
from core.relogio import agora_utc
from dominio.cadastros import unidades
from dominio.cadastros.unidades import Unidade
from dominio.indicadores.regras import (
    SITUACOES_PERIODO,
    Atipico,
    ResultadoRegra,
    TransicaoInvalida,
    avaliar_regra,
    conferir_desagregacao,
    conferir_segregacao,
    conferir_valor,
    data_da_trava,
    pode_editar_valores,
    proxima_situacao,
    situacao_periodo,
    valor_atipico,
    valor_efetivo,
)
from dominio.indicadores.servicos import consulta_de_totais, indicadores_vigentes, rotulo, tabelas_da_coleta
from dominio.lembretes import fila as caixa_de_saida
from models.indicadores import (
    ACOES_REVISAO,
    DESAGREGACOES,
    STATUS_ENVIO,
    EnvioColeta,
    EventoRevisao,
    Indicador,
    PeriodoColeta,
    RegraValidacao,
    ValorIndicador,
    VersaoIndicador,
)
from models.usuarios import Usuario

STATUS_COM_DADOS = ("enviado", "validado", "aprovado")  # entram no histórico da unidade e nos atípicos


@dataclass
class ValorInformado:
    """Um número do formulário: total (desagregacao "") ou uma categoria ("sexo:feminino")."""

    versao_indicador_id: int
    desagregacao: str = ""
    valor: Decimal | None = None
    numerador: Decimal | None = None
    denominador: Decimal | None = None
    comentario: str = ""

    @property
    def vazio(self) -> bool:
        return self.valor is None and self.numerador is None and self.denominador is None


@dataclass
class ItemFormulario:
    indicador: Indicador
    versao: VersaoIndicador
    valores: dict[str, ValorIndicador]  # desagregação → valor gravado


@dataclass
class Formulario:
    unidade: Unidade
    periodo: PeriodoColeta
    situacao_periodo: str
    envio: EnvioColeta | None
    pode_editar: bool
    motivo_bloqueio: str
    itens: list[ItemFormulario]
    eventos: list[EventoRevisao] = field(default_factory=list)

    @property
    def status(self) -> str | None:
        return self.envio.status if self.envio else None


def rotulo_desagregacao(chave: str) -> str:
    """ "" → “Total”; "raca_cor:preta" → “Raça/cor (IBGE): Preta”."""
    if not chave:
        return "Total"
    dim, _, cat = chave.partition(":")
    nome, cats = DESAGREGACOES[dim]
    return f"{nome}: {cats[cat]}"


def chaves_desagregacao(versao: VersaoIndicador) -> list[str]:
    """Total e cada categoria das dimensões da versão, na ordem do formulário."""
    return [""] + [f"{d}:{c}" for d in versao.desagregacoes for c in DESAGREGACOES[d][1]]


# --- escopo --------------------------------------------------------------------------------------


def _exigir_informar(ator: Usuario | None, u: Unidade) -> None:
    acesso.exigir(ator, acesso.COLETA_INFORMAR)
    acesso.exigir_escopo(ator, **u.ids)


def _exigir_ver(ator: Usuario | None, u: Unidade) -> None:
    unidades.exigir_leitura(ator, u.tipo, u.id, acesso.COLETA_VER_TODAS)


def unidades_visiveis(ator: Usuario | None, tipo: str | None = None) -> list[Unidade]:
    """Ponto focal: a própria unidade; DMF, admin e CNMP: todas."""
    with sessao(ator) as s:
        return unidades.visiveis(s, ator, acesso.COLETA_VER_TODAS, tipo)


def _envio_da_unidade(s: Session, periodo_id: int, u: Unidade) -> EnvioColeta | None:
    return s.exec(
        select(EnvioColeta).where(EnvioColeta.periodo_id == periodo_id, EnvioColeta.unidade_chave == u.chave)
    ).first()


# --- períodos e formulário -------------------------------------------------------------------------


def periodos_da_unidade(ator: Usuario | None, tipo: str, unidade_id: int, hoje: date) -> pd.DataFrame:
    """Períodos em que a unidade tem indicadores a informar (os já abertos), com a situação do
    período e a do envio (código de `STATUS_ENVIO`, None sem envio); mais recentes primeiro."""
    with sessao(ator) as s:
        u = unidades.obter(s, tipo, unidade_id)
        _exigir_ver(ator, u)
        periodicidades = {v.periodicidade for _, v in indicadores_vigentes(s, tipo)}
        pers = [
            p
            for p in s.exec(
                select(PeriodoColeta).where(PeriodoColeta.abertura <= hoje).order_by(PeriodoColeta.inicio.desc())
            )
            if p.periodicidade in periodicidades
        ]
        envios = {e.periodo_id: e for e in s.exec(select(EnvioColeta).where(EnvioColeta.unidade_chave == u.chave))}
    linhas = []
    for p in pers:
        e = envios.get(p.id)
        st_env = e.status if e else None
        linhas.append(
            {
                "id": p.id,
                "Período": rotulo(p),
                "Prazo": p.prazo,
                "Período de coleta": SITUACOES_PERIODO[situacao_periodo(p.abertura, p.prazo, p.dias_tolerancia, hoje)],
                "Situação do envio": st_env,
                "Comentário da revisão": (e.comentario_revisao or "") if st_env == "devolvido" else "",
            }
        )
    return pd.DataFrame(
        linhas, columns=["id", "Período", "Prazo", "Período de coleta", "Situação do envio", "Comentário da revisão"]
    )


A_ENVIAR = (None, "rascunho")  # situação do envio de um período que a unidade ainda não enviou


def pendentes_de_envio(periodos: pd.DataFrame, situacoes: tuple = (*A_ENVIAR, "devolvido")) -> pd.DataFrame:
    """As linhas de `periodos_da_unidade` que a unidade ainda precisa enviar — sem envio, em rascunho
    ou devolvidas para correção (ou só as `situacoes` pedidas) —, do prazo mais próximo ao mais
    distante. A mesma conta para *Minha unidade* e *Minhas pendências*."""
    sit = periodos["Situação do envio"]
    marcadas = sit.isin([x for x in situacoes if x is not None])
    if None in situacoes:
        marcadas |= sit.isna()
    return periodos[marcadas].sort_values(["Prazo", "id"])


def periodo_sugerido(periodos: pd.DataFrame) -> int | None:
    """O período em que a página *Coleta* abre quando nada o escolheu (nem o link, nem a última escolha
    na sessão): o primeiro que a unidade ainda precisa enviar (`pendentes_de_envio`: sem envio, em
    rascunho ou devolvido; o prazo mais próximo primeiro) e que o ponto focal ainda pode gravar (não
    travado). No dia 4 de dezembro é novembro, que vence em 15/12, e não dezembro, que mal começou.
    Sem nenhum assim, o mais recente; None sem períodos."""
    if periodos.empty:
        return None
    pendentes = pendentes_de_envio(periodos)
    pendentes = pendentes[~travados(pendentes)]
    return int((pendentes if not pendentes.empty else periodos)["id"].iloc[0])


def travados(periodos: pd.DataFrame) -> pd.Series:
    """Quais linhas de `periodos_da_unidade` são de períodos já travados para os pontos focais
    (passados o prazo e a tolerância): ali o ponto focal não grava mais; só a equipe do DMF."""
    return periodos["Período de coleta"] == SITUACOES_PERIODO["travado"]


def _bloqueio(ator: Usuario, periodo: PeriodoColeta, envio: EnvioColeta | None, hoje: date) -> str:
    """Por que o ator não pode gravar valores agora ("" se pode)."""
    sit = situacao_periodo(periodo.abertura, periodo.prazo, periodo.dias_tolerancia, hoje)
    if not acesso.pode(ator, acesso.COLETA_INFORMAR):
        return "Seu perfil consulta os valores, mas não os informa."
    if sit == "futuro":
        return f"O período abre em {periodo.abertura:%d/%m/%Y}."
    if sit == "travado" and ator.papel == acesso.PONTO_FOCAL:
        trava = data_da_trava(periodo.prazo, periodo.dias_tolerancia)
        return (
            f"O período travou em {trava:%d/%m/%Y} (prazo {periodo.prazo:%d/%m/%Y} + {periodo.dias_tolerancia} "
            "dias de tolerância). Para corrigir ou enviar agora, fale com a equipe do DMF."
        )
    if envio is not None and not pode_editar_valores(envio.status):
        if envio.status == "aprovado":
            return "Os valores foram aprovados pelo CNMP e estão travados; só uma reabertura motivada os libera."
        if envio.status == "enviado":
            return "Os valores foram enviados e aguardam o DMF. Para corrigir, retire o envio."
        return f"Os valores estão “{STATUS_ENVIO[envio.status]}” e travados; peça a devolução para corrigir."
    return ""


def formulario(ator: Usuario | None, tipo: str, unidade_id: int, periodo_id: int, hoje: date) -> Formulario:
    """O formulário da unidade no período: indicadores vigentes da periodicidade, com os valores já
    gravados (de qualquer versão do mesmo indicador), a situação e o que impede gravar."""
    with sessao(ator) as s:
        u = unidades.obter(s, tipo, unidade_id)
        _exigir_ver(ator, u)
        per = obter_na_sessao(s, PeriodoColeta, periodo_id, "Período não encontrado.")
        envio = _envio_da_unidade(s, periodo_id, u)
        gravados: dict[int, dict[str, ValorIndicador]] = defaultdict(dict)
        eventos = []
        if envio is not None:
            for v, ind_id in s.exec(
                select(ValorIndicador, VersaoIndicador.indicador_id)
                .join(VersaoIndicador, VersaoIndicador.id == ValorIndicador.versao_indicador_id)
                .where(ValorIndicador.envio_id == envio.id)
            ):
                gravados[ind_id][v.desagregacao] = v
            eventos = list(
                s.exec(
                    select(EventoRevisao)
                    .where(EventoRevisao.envio_id == envio.id)
                    .order_by(EventoRevisao.momento.desc(), EventoRevisao.id.desc())
                )
            )
        itens = [
            ItemFormulario(i, v, gravados.get(i.id, {})) for i, v in indicadores_vigentes(s, tipo, per.periodicidade)
        ]
        # valores gravados sob versões de indicadores depois desativados continuam visíveis
        vigentes = {it.indicador.id for it in itens}
        for ind_id in set(gravados) - vigentes:
            ind = s.get(Indicador, ind_id)
            vers = s.get(VersaoIndicador, next(iter(gravados[ind_id].values())).versao_indicador_id)
            itens.append(ItemFormulario(ind, vers, gravados[ind_id]))
    bloqueio = _bloqueio(ator, per, envio, hoje) if ator is not None else "Entre no sistema."
    return Formulario(
        u,
        per,
        situacao_periodo(per.abertura, per.prazo, per.dias_tolerancia, hoje),
        envio,
        not bloqueio,
        bloqueio,
        itens,
        eventos,
    )


# --- gravação e envio ----------------------------------------------------------------------------


@dataclass
class ResultadoGravacao:
    envio_id: int
    status: str
    alertas: list[ResultadoRegra]


def conferir_valores(
    versoes: dict[int, tuple[Indicador, VersaoIndicador]],
    valores: list[ValorInformado],
    obrigar_totais: bool,
    linha: int | None = None,
) -> tuple[list[Problema], dict[str, Decimal | None]]:
    """Confere tipo, mínimo/máximo, desagregações e (no envio) totais obrigatórios. Devolve os
    problemas e o valor efetivo do total de cada código, para as regras entre indicadores."""
    p: list[Problema] = []
    por_versao: dict[int, dict[str, ValorInformado]] = defaultdict(dict)
    for v in valores:
        if v.versao_indicador_id not in versoes:
            p.append(Problema("indicador", "não pertence a este formulário (tipo de unidade ou periodicidade)", linha))
            continue
        ind, ver = versoes[v.versao_indicador_id]
        campo = f"{ind.codigo} — {rotulo_desagregacao(v.desagregacao) if v.desagregacao in chaves_desagregacao(ver) else v.desagregacao}"
        if v.desagregacao not in chaves_desagregacao(ver):
            p.append(Problema(campo, f"desagregação não prevista para {ind.codigo}", linha))
            continue
        if v.desagregacao in por_versao[v.versao_indicador_id]:
            p.append(Problema(campo, "informado mais de uma vez", linha))
            continue
        if len(v.comentario or "") > 1000:
            p.append(Problema(campo, "o comentário passa de 1.000 caracteres", linha))
        if v.desagregacao and ver.tipo not in ("contagem", "valor"):
            p.append(Problema(campo, "só contagens e valores se desagregam", linha))
            continue
        for msg in conferir_valor(
            ver.tipo,
            v.valor,
            v.numerador,
            v.denominador,
            ver.minimo if not v.desagregacao else None,
            ver.maximo if not v.desagregacao else None,
        ):
            p.append(Problema(campo, msg, linha))
        por_versao[v.versao_indicador_id][v.desagregacao] = v
    efetivos: dict[str, Decimal | None] = {}
    for vid, (ind, ver) in versoes.items():
        dados = por_versao.get(vid, {})
        total = dados.get("")
        efetivo = valor_efetivo(ver.tipo, total.valor, total.numerador, total.denominador) if total else None
        efetivos[ind.codigo] = efetivo
        if obrigar_totais and (total is None or total.vazio):
            extra = " (pode ser 0)" if ver.tipo in ("contagem", "valor") else ""
            p.append(
                Problema(f"{ind.codigo} — Total", f"informe o total de “{ver.nome}”{extra} antes de enviar", linha)
            )
        for dim in ver.desagregacoes:
            nome, cats = DESAGREGACOES[dim]
            partes = {c: (dados[f"{dim}:{c}"].valor if f"{dim}:{c}" in dados else None) for c in cats}
            for msg in conferir_desagregacao(total.valor if total else None, partes, list(cats), nome):
                p.append(Problema(f"{ind.codigo} — {nome}", msg, linha))
    return p, efetivos


def avaliar_regras(s: Session, alvo: str, efetivos: dict[str, Decimal | None]) -> list[ResultadoRegra]:
    """Avalia as regras de validação ativas do tipo de unidade `alvo` com os totais `efetivos`
    (de `conferir_valores`): a coleta pela tela, a análise do revisor e a importação em lote
    usam as mesmas regras."""
    regras = s.exec(
        select(RegraValidacao)
        .where(RegraValidacao.alvo == alvo, RegraValidacao.ativa.is_(True))
        .order_by(RegraValidacao.id)
    ).all()
    return [avaliar_regra(r.nome, r.lado_esquerdo, r.operador, r.lado_direito, r.severidade, efetivos) for r in regras]


def registrar_evento(
    s: Session, envio: EnvioColeta, ator: Usuario | None, acao: str, de: str, para: str, comentario: str = ""
) -> None:
    """Anota na história do envio a `acao` de `ator` (None: o sistema) que o levou da situação
    `de` para `para`, com o comentário (até 2.000 caracteres)."""
    s.add(
        EventoRevisao(
            envio_id=envio.id,
            usuario_id=ator.id if ator else None,
            usuario_email=ator.email if ator else "sistema",
            acao=acao,
            de_status=de,
            para_status=para,
            comentario=comentario[:2000],
        )
    )


def versoes_do_formulario(s: Session, alvo: str, periodicidade: str) -> dict[int, tuple[Indicador, VersaoIndicador]]:
    return {v.id: (i, v) for i, v in indicadores_vigentes(s, alvo, periodicidade)}


def gravar_valores_no_envio(
    s: Session,
    envio: EnvioColeta,
    valores: list[ValorInformado],
    ator: Usuario | None,
    indicadores: set[int] | None = None,
) -> int:
    """Substitui os valores do envio pelos informados, mexendo só no que mudou: o que não
    mudou mantém quem informou e quando. Com `indicadores` (ids), só valores desses indicadores
    podem ser apagados — os de indicadores fora do formulário (ex.: desativados) ficam.
    Devolve quantos valores foram incluídos, alterados ou apagados."""
    atuais = {
        (v.versao_indicador_id, v.desagregacao): v
        for v in s.exec(select(ValorIndicador).where(ValorIndicador.envio_id == envio.id))
    }
    ind_da_versao = dict(
        s.exec(
            select(VersaoIndicador.id, VersaoIndicador.indicador_id).where(
                VersaoIndicador.id.in_({k[0] for k in atuais} | {v.versao_indicador_id for v in valores})
            )
        ).all()
    )
    # valor antigo de outra versão do mesmo indicador e desagregação: substituído pela versão vigente
    por_indicador = {(ind_da_versao[k[0]], k[1]): v for k, v in atuais.items()}
    mantidos: set[int] = set()
    mudancas = 0
    agora = agora_utc()
    for vi in valores:
        if vi.vazio:
            continue
        atual = por_indicador.get((ind_da_versao[vi.versao_indicador_id], vi.desagregacao))
        novo = (vi.versao_indicador_id, vi.valor, vi.numerador, vi.denominador, (vi.comentario or "").strip())
        if atual is not None:
            mantidos.add(atual.id)
            if (atual.versao_indicador_id, atual.valor, atual.numerador, atual.denominador, atual.comentario) == novo:
                continue
            atual.versao_indicador_id, atual.valor, atual.numerador, atual.denominador, atual.comentario = novo
            atual.informado_por_id, atual.informado_em = (ator.id if ator else None), agora
            s.add(atual)
        else:
            s.add(
                ValorIndicador(
                    envio_id=envio.id,
                    versao_indicador_id=vi.versao_indicador_id,
                    desagregacao=vi.desagregacao,
                    valor=vi.valor,
                    numerador=vi.numerador,
                    denominador=vi.denominador,
                    comentario=novo[4],
                    informado_por_id=ator.id if ator else None,
                    informado_em=agora,
                )
            )
        mudancas += 1
    for v in atuais.values():
        if v.id not in mantidos and (indicadores is None or ind_da_versao[v.versao_indicador_id] in indicadores):
            s.delete(v)
            mudancas += 1
    return mudancas


def salvar(
    ator: Usuario | None,
    tipo: str,
    unidade_id: int,
    periodo_id: int,
    valores: list[ValorInformado],
    *,
    hoje: date,
    versao_envio: int | None,
    enviar: bool = False,
) -> ResultadoGravacao:
    """Grava o rascunho (ou envia, com `enviar=True`) dos valores da unidade no período.

    `versao_envio` é a versão do envio quando o formulário foi aberto (None se ainda não havia
    envio): se outra pessoa gravou nesse meio-tempo, nada é gravado (`ConflitoEdicao`). No envio,
    todos os totais são obrigatórios e as regras “Impede o envio” têm de passar; as de alerta só
    ficam registradas para o revisor. Com qualquer problema, nada é gravado."""
    with sessao(ator) as s:
        u = unidades.obter(s, tipo, unidade_id)
        _exigir_informar(ator, u)
        per = obter_na_sessao(s, PeriodoColeta, periodo_id, "Período não encontrado.")
        envio = _envio_da_unidade(s, periodo_id, u)
        if (envio.versao if envio else None) != versao_envio:
            raise ConflitoEdicao(MSG_CONFLITO.format(rotulo=f"O formulário de {u.nome} em {rotulo(per)}"))
        bloqueio = _bloqueio(ator, per, envio, hoje)
        if bloqueio:
            raise AcessoNegado(bloqueio)
        versoes = versoes_do_formulario(s, tipo, per.periodicidade)
        if not versoes:
            raise ErroValidacao(
                Problema("período", f"não há indicadores ativos de periodicidade {per.periodicidade} para esta unidade")
            )
        p, efetivos = conferir_valores(versoes, valores, obrigar_totais=enviar)
        resultados = avaliar_regras(s, tipo, efetivos) if enviar else []
        p += [
            Problema("regra de validação", r.texto)
            for r in resultados
            if r.situacao == "falha" and r.severidade == "erro"
        ]
        if p:
            raise ErroValidacao(p)
        if envio is None:
            envio = EnvioColeta(periodo_id=periodo_id, unidade_chave=u.chave, status="rascunho", **u.ids)
            s.add(envio)
            try:
                s.flush()
            except IntegrityError as exc:  # outra pessoa criou o envio ao mesmo tempo
                raise ConflitoEdicao(MSG_CONFLITO.format(rotulo=f"O formulário de {u.nome}")) from exc
        gravar_valores_no_envio(s, envio, valores, ator, {i.id for i, _ in versoes.values()})
        de = envio.status
        if enviar:
            envio.status = proxima_situacao(de, "enviar")
            envio.enviado_em = agora_utc()
            envio.primeiro_envio_em = envio.primeiro_envio_em or envio.enviado_em
            registrar_evento(s, envio, ator, "enviado", de, envio.status)
        envio.atualizado_em = agora_utc()  # sobe a versão: quem abriu antes recebe conflito
        s.add(envio)
        gravar(s, "O formulário")
        alertas = [r for r in resultados if r.situacao == "falha" and r.severidade == "alerta"]
        return ResultadoGravacao(envio.id, envio.status, alertas)


# --- revisão --------------------------------------------------------------------------------------


def _carregar_envio(s: Session, envio_id: int, versao: int) -> tuple[EnvioColeta, Unidade, PeriodoColeta]:
    e = obter_na_sessao(s, EnvioColeta, envio_id, "Envio não encontrado.")
    u = unidades.da_chave(s, e.unidade_chave)
    per = s.get(PeriodoColeta, e.periodo_id)
    if e.versao != versao:
        raise ConflitoEdicao(MSG_CONFLITO.format(rotulo=f"O envio de {u.nome} em {rotulo(per)}"))
    return e, u, per


def _informantes(s: Session, envio_id: int) -> set[int | None]:
    return set(s.exec(select(ValorIndicador.informado_por_id).where(ValorIndicador.envio_id == envio_id)))


def _transitar(ator: Usuario, s: Session, e: EnvioColeta, acao: str, evento: str, comentario: str = "") -> None:
    de, versao_lida = e.status, e.versao
    e.status = proxima_situacao(de, acao)
    agora = agora_utc()
    if acao == "validar":
        e.validado_em, e.validado_por_id = agora, ator.id
    elif acao == "aprovar":
        e.aprovado_em, e.aprovado_por_id = agora, ator.id
    elif acao == "retirar":  # retirado pela própria unidade: como se não tivesse enviado (conta de novo no reenvio)
        e.primeiro_envio_em = e.enviado_em = None
    elif acao in ("devolver", "reabrir"):
        e.comentario_revisao = comentario.strip()[:2000]
        if acao == "reabrir":
            e.aprovado_em = e.aprovado_por_id = None
        e.validado_em = e.validado_por_id = None
    e.atualizado_em = agora
    s.add(e)
    registrar_evento(s, e, ator, evento, de, e.status, comentario.strip())
    per = s.get(PeriodoColeta, e.periodo_id)
    caixa_de_saida.avisar_decisao(  # devolvido ou aprovado: e-mail ao ponto focal, na mesma transação
        s,
        envio_id=e.id,
        envio_versao=versao_lida,
        unidade_chave=e.unidade_chave,
        unidade_nome=unidades.da_chave(s, e.unidade_chave).nome,
        periodo_id=per.id,
        periodo_rotulo=rotulo(per),
        para_status=e.status,
        comentario=comentario,
        hoje=relogio.hoje(),
    )
    gravar(s, "O envio")


def retirar_envio(ator: Usuario | None, envio_id: int, versao: int) -> EnvioColeta:
    """Quem informa pode retirar um envio ainda não validado, para corrigir (volta a rascunho)."""
    with sessao(ator) as s:
        e, u, _ = _carregar_envio(s, envio_id, versao)
        _exigir_informar(ator, u)
        _transitar(ator, s, e, "retirar", "retirado")
        return e


# decisão → (permissão, evento na linha do tempo): a mesma para a decisão individual e a em lote
_DECISOES = {"validar": (acesso.REVISAO_VALIDAR, "validado"), "aprovar": (acesso.REVISAO_APROVAR, "aprovado")}


def _decidir(ator: Usuario | None, envio_id: int, versao: int, acao: str) -> EnvioColeta:
    """Validar ou aprovar: permissão, situação de origem e segregação (quem informou não decide)."""
    permissao, evento = _DECISOES[acao]
    acesso.exigir(ator, permissao)
    with sessao(ator) as s:
        e, _, _ = _carregar_envio(s, envio_id, versao)
        proxima_situacao(e.status, acao)
        conferir_segregacao(ator.id, _informantes(s, e.id), acao)
        _transitar(ator, s, e, acao, evento)
        return e


def validar(ator: Usuario | None, envio_id: int, versao: int) -> EnvioColeta:
    """DMF valida um envio (segregação: não pode ter informado valores dele)."""
    return _decidir(ator, envio_id, versao, "validar")


def aprovar(ator: Usuario | None, envio_id: int, versao: int) -> EnvioColeta:
    """Comissão do CNMP aprova um envio validado; os valores ficam travados."""
    return _decidir(ator, envio_id, versao, "aprovar")


LOTE_MAXIMO = 500  # envios numa decisão em lote (a base nacional tem ~330 unidades por período)


def decidir_em_lote(ator: Usuario | None, acao: str, versoes: dict[int, int]) -> int:
    """Valida (DMF) ou aprova (Comissão do CNMP) de uma vez vários envios sem alerta — a decisão de
    rotina do mês, quando centenas de unidades enviam; os envios com regra em falha ou total atípico
    são examinados um a um (`analise`) e ficam fora do lote.

    `versoes`: id do envio → versão lida quando a fila foi mostrada (a trava otimista de cada um).
    Cada envio passa pelas mesmas conferências de `validar` e `aprovar` — permissão, situação de
    origem, segregação de funções (quem informou valores não decide), versão —, mais a de não ter
    alerta; tudo numa transação: se um falha, nenhum é decidido e o erro diz qual e por quê (um
    problema por envio). Cada envio decidido tem o seu evento na linha do tempo, a sua linha na
    trilha e, na aprovação, o seu aviso ao ponto focal, como na decisão individual. Devolve
    quantos foram decididos."""
    if acao not in _DECISOES:
        raise ValueError(f"ação em lote desconhecida: {acao}")
    permissao, evento = _DECISOES[acao]
    acesso.exigir(ator, permissao)
    if not versoes:
        raise ErroValidacao(Problema("envios", "escolha ao menos um envio"))
    if len(versoes) > LOTE_MAXIMO:
        raise ErroValidacao(
            Problema("envios", f"escolha no máximo {LOTE_MAXIMO} envios por vez ({len(versoes)} escolhidos)")
        )
    problemas: list[Problema] = []
    with sessao(ator) as s:

        def onde(e: EnvioColeta) -> str:
            return f"{unidades.da_chave(s, e.unidade_chave).nome} — {rotulo(s.get(PeriodoColeta, e.periodo_id))}"

        decidir: list[EnvioColeta] = []
        for envio_id, versao in sorted(versoes.items()):
            e = s.get(EnvioColeta, envio_id)
            if e is None:
                problemas.append(Problema(f"envio nº {envio_id}", "Envio não encontrado."))
                continue
            try:
                if e.versao != versao:
                    raise ConflitoEdicao(
                        "foi alterado por outra pessoa depois que a fila foi mostrada: recarregue a página e confira"
                    )
                proxima_situacao(e.status, acao)
                conferir_segregacao(ator.id, _informantes(s, e.id), acao)
            except ErroNegocio as exc:
                problemas.append(Problema(onde(e), str(exc)))
                continue
            decidir.append(e)
        periodos = {
            p.id: p for p in s.exec(select(PeriodoColeta).where(PeriodoColeta.id.in_({e.periodo_id for e in decidir})))
        }
        alertas = _falhas_e_atipicos(s, decidir, periodos, {u.chave: u.tipo for u in unidades.todas(s)})
        for e in decidir:
            falhas, atipicos = alertas[e.id]
            if falhas or atipicos:
                problemas.append(
                    Problema(
                        onde(e),
                        f"tem alerta ({falhas} regra(s) com falha, {atipicos} total(is) atípico(s)): examine-o "
                        "sozinho, fora do lote",
                    )
                )
        if problemas:
            raise ErroValidacao(problemas)  # a sessão desfaz tudo: nenhum envio decidido
        for e in decidir:
            _transitar(ator, s, e, acao, evento)
    return len(decidir)


def versoes_dos_envios(ator: Usuario | None, ids: list[int]) -> dict[int, int]:
    """A versão atual de cada envio de `ids` (a trava otimista de `decidir_em_lote`), lida do banco,
    não do cache da fila."""
    if not (acesso.pode(ator, acesso.REVISAO_VALIDAR) or acesso.pode(ator, acesso.REVISAO_APROVAR)):
        acesso.exigir(ator, acesso.REVISAO_VALIDAR)
    versoes: dict[int, int] = {}
    with sessao(ator) as s:
        for parte in _pedacos(sorted(set(ids))):
            versoes.update(s.exec(select(EnvioColeta.id, EnvioColeta.versao).where(EnvioColeta.id.in_(parte))).all())
    return versoes


def _exigir_comentario(texto: str, campo: str) -> None:
    if len((texto or "").strip()) < 5:
        raise ErroValidacao(Problema(campo, "escreva o motivo (ao menos 5 caracteres): ele vai para quem informou"))


def devolver(ator: Usuario | None, envio_id: int, versao: int, comentario: str) -> EnvioColeta:
    """Devolve para correção, com comentário: o DMF devolve envios enviados ou validados; o
    CNMP, os validados."""
    _exigir_comentario(comentario, "comentário da devolução")
    if not (acesso.pode(ator, acesso.REVISAO_VALIDAR) or acesso.pode(ator, acesso.REVISAO_APROVAR)):
        acesso.exigir(ator, acesso.REVISAO_VALIDAR)
    with sessao(ator) as s:
        e, _, _ = _carregar_envio(s, envio_id, versao)
        if e.status == "enviado" and not acesso.pode(ator, acesso.REVISAO_VALIDAR):
            raise TransicaoInvalida("Este envio ainda aguarda a validação do DMF; só depois dela o CNMP o examina.")
        _transitar(ator, s, e, "devolver", "devolvido", comentario)
        return e


def reabrir(ator: Usuario | None, envio_id: int, versao: int, motivo: str) -> EnvioColeta:
    """Reabre um envio aprovado para correção (volta a “devolvido”). Exige motivo, que fica na
    linha do tempo e na trilha de auditoria."""
    acesso.exigir(ator, acesso.REVISAO_REABRIR)
    _exigir_comentario(motivo, "motivo da reabertura")
    with sessao(ator) as s:
        e, _, _ = _carregar_envio(s, envio_id, versao)
        _transitar(ator, s, e, "reabrir", "reaberto", motivo)
        return e


# --- análise para o revisor --------------------------------------------------------------------------


# colunas de `AnaliseEnvio.valores`: valores crus (o texto da tela sai de ui.indicadores.tabela_valores_do_envio);
# `efetivo` é o valor que as regras e o histórico usam (o percentual calculado, no tipo percentual)
COLUNAS_VALORES_DO_ENVIO = [
    "Código",
    "Indicador",
    "Versão",
    "Desagregação",
    "tipo",
    "valor",
    "numerador",
    "denominador",
    "efetivo",
    "Mediana anterior",
    "Atípico",
    "Comentário",
    "Informado por",
    "Em",
]


@dataclass
class AnaliseEnvio:
    envio: EnvioColeta
    unidade: Unidade
    periodo: PeriodoColeta
    valores: pd.DataFrame
    regras: list[ResultadoRegra]
    atipicos: list[tuple[str, Atipico]]
    eventos: list[EventoRevisao]
    informantes: list[str]
    acoes: dict[str, str]  # ação possível para o ator → "" (pode) ou o motivo de não poder


def _historicos(s: Session, u: Unidade, per: PeriodoColeta) -> dict[int, list[Decimal]]:
    """Totais efetivos anteriores da unidade por indicador (até 12 períodos, com dados enviados)."""
    linhas = s.exec(
        consulta_de_totais(
            VersaoIndicador.indicador_id,
            VersaoIndicador.tipo,
            ValorIndicador.valor,
            ValorIndicador.numerador,
            ValorIndicador.denominador,
            PeriodoColeta.inicio,
        )
        .where(
            EnvioColeta.unidade_chave == u.chave,
            EnvioColeta.status.in_(STATUS_COM_DADOS),
            PeriodoColeta.periodicidade == per.periodicidade,
            PeriodoColeta.inicio < per.inicio,
        )
        .order_by(PeriodoColeta.inicio.desc())
    ).all()
    h: dict[int, list[Decimal]] = defaultdict(list)
    for ind_id, tipo, v, n, d, _ in linhas:
        ef = valor_efetivo(tipo, v, n, d)
        if ef is not None and len(h[ind_id]) < 12:
            h[ind_id].append(ef)
    return h


def _analisar(s: Session, e: EnvioColeta, ator: Usuario | None) -> AnaliseEnvio:
    u = unidades.da_chave(s, e.unidade_chave)
    per = s.get(PeriodoColeta, e.periodo_id)
    linhas = s.exec(
        select(ValorIndicador, VersaoIndicador, Indicador, Usuario.email)
        .join(VersaoIndicador, VersaoIndicador.id == ValorIndicador.versao_indicador_id)
        .join(Indicador, Indicador.id == VersaoIndicador.indicador_id)
        .outerjoin(Usuario, Usuario.id == ValorIndicador.informado_por_id)
        .where(ValorIndicador.envio_id == e.id)
        .order_by(Indicador.ordem, Indicador.codigo, ValorIndicador.id)
    ).all()
    hist = _historicos(s, u, per)
    efetivos: dict[str, Decimal | None] = {}
    atipicos: list[tuple[str, Atipico]] = []
    tabela = []
    for v, ver, ind, email in linhas:
        ef = valor_efetivo(ver.tipo, v.valor, v.numerador, v.denominador)
        at = None
        if not v.desagregacao:
            efetivos[ind.codigo] = ef
            at = valor_atipico(hist.get(ind.id, []), ef)
            if at:
                atipicos.append((ind.codigo, at))
        tabela.append(
            {
                "Código": ind.codigo,
                "Indicador": ver.nome,
                "Versão": ver.numero,
                "Desagregação": rotulo_desagregacao(v.desagregacao),
                "tipo": ver.tipo,
                "valor": v.valor,
                "numerador": v.numerador,
                "denominador": v.denominador,
                "efetivo": ef,
                "Mediana anterior": (
                    Decimal(str(statistics.median(hist[ind.id]))) if not v.desagregacao and hist.get(ind.id) else None
                ),
                "Atípico": at.texto if at else None,
                "Comentário": v.comentario,
                "Informado por": email or "sistema",
                "Em": v.informado_em,
            }
        )
    df = pd.DataFrame(tabela, columns=COLUNAS_VALORES_DO_ENVIO)
    eventos = list(
        s.exec(
            select(EventoRevisao)
            .where(EventoRevisao.envio_id == e.id)
            .order_by(EventoRevisao.momento.desc(), EventoRevisao.id.desc())
        )
    )
    informantes_ids = _informantes(s, e.id)
    emails = sorted({x for x in df["Informado por"]}) if not df.empty else []
    acoes: dict[str, str] = {}
    if ator is not None:
        ja_informou = ator.id in informantes_ids
        if acesso.pode(ator, acesso.REVISAO_VALIDAR) and e.status == "enviado":
            acoes["validar"] = (
                "Você informou valores deste envio: outra pessoa do DMF deve validar." if ja_informou else ""
            )
        if acesso.pode(ator, acesso.REVISAO_APROVAR) and e.status == "validado":
            acoes["aprovar"] = "Você informou valores deste envio: outra pessoa deve aprovar." if ja_informou else ""
        if (e.status == "enviado" and acesso.pode(ator, acesso.REVISAO_VALIDAR)) or (
            e.status == "validado"
            and (acesso.pode(ator, acesso.REVISAO_VALIDAR) or acesso.pode(ator, acesso.REVISAO_APROVAR))
        ):
            acoes["devolver"] = ""
        if e.status == "aprovado" and acesso.pode(ator, acesso.REVISAO_REABRIR):
            acoes["reabrir"] = ""
    return AnaliseEnvio(e, u, per, df, avaliar_regras(s, u.tipo, efetivos), atipicos, eventos, emails, acoes)


def analise(ator: Usuario | None, envio_id: int) -> AnaliseEnvio:
    """Valores do envio com o histórico da unidade, resultado de cada regra, atípicos, linha do
    tempo e as ações que o ator pode fazer agora."""
    with sessao(ator) as s:
        e = obter_na_sessao(s, EnvioColeta, envio_id, "Envio não encontrado.")
        u = unidades.da_chave(s, e.unidade_chave)
        _exigir_ver(ator, u)
        return _analisar(s, e, ator)


FILA_PADRAO = {acesso.DMF: ("enviado",), acesso.ADMIN: ("enviado",), acesso.CNMP: ("validado",)}


def _pedacos(xs: list, n: int = 900):
    for i in range(0, len(xs), n):
        yield xs[i : i + n]


def _falhas_e_atipicos(
    s: Session, envios: list[EnvioColeta], periodos: dict[int, PeriodoColeta], tipo_da_chave: dict[str, str]
) -> dict[int, tuple[int, int]]:
    """Para a fila: regras que falham e totais atípicos de cada envio, com poucas consultas
    (valores dos envios, histórico das unidades e regras, cada um de uma vez), em vez de uma
    análise completa por envio."""
    efetivos: dict[int, dict[str, Decimal | None]] = defaultdict(dict)
    por_envio_ind: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    # as duas leituras grandes (dezenas de milhares de valores na base nacional) pelo Core, sem o
    # processamento de resultados do ORM: no PostgreSQL ele custava quase o mesmo que o próprio SQL
    # (razão SQL da página Minhas pendências 1,61; docs/desempenho.md)
    conexao = s.connection()
    for ids in _pedacos([e.id for e in envios]):
        for env_id, ind_id, cod, tipo, v, n, d in conexao.execute(
            select(
                ValorIndicador.envio_id,
                Indicador.id,
                Indicador.codigo,
                VersaoIndicador.tipo,
                ValorIndicador.valor,
                ValorIndicador.numerador,
                ValorIndicador.denominador,
            )
            .join(VersaoIndicador, VersaoIndicador.id == ValorIndicador.versao_indicador_id)
            .join(Indicador, Indicador.id == VersaoIndicador.indicador_id)
            .where(ValorIndicador.envio_id.in_(ids), ValorIndicador.desagregacao == "")
        ):
            ef = valor_efetivo(tipo, v, n, d)
            efetivos[env_id][cod] = ef
            por_envio_ind[env_id][ind_id] = ef
    # histórico: totais das mesmas unidades em envios com dados, por periodicidade e início do período
    hist: dict[tuple[str, str, int], list[tuple[date, Decimal]]] = defaultdict(list)
    for chaves in _pedacos(sorted({e.unidade_chave for e in envios})):
        for chave, per_tipo, inicio, ind_id, tipo, v, n, d in conexao.execute(
            consulta_de_totais(
                EnvioColeta.unidade_chave,
                PeriodoColeta.periodicidade,
                PeriodoColeta.inicio,
                VersaoIndicador.indicador_id,
                VersaoIndicador.tipo,
                ValorIndicador.valor,
                ValorIndicador.numerador,
                ValorIndicador.denominador,
            ).where(EnvioColeta.unidade_chave.in_(chaves), EnvioColeta.status.in_(STATUS_COM_DADOS))
        ):
            ef = valor_efetivo(tipo, v, n, d)
            if ef is not None:
                hist[(chave, per_tipo, ind_id)].append((inicio, ef))
    regras = {
        alvo: s.exec(
            select(RegraValidacao)
            .where(RegraValidacao.alvo == alvo, RegraValidacao.ativa.is_(True))
            .order_by(RegraValidacao.id)
        ).all()
        for alvo in ("grupo", "escritorio")
    }
    r: dict[int, tuple[int, int]] = {}
    for e in envios:
        per = periodos[e.periodo_id]
        falhas = sum(
            1
            for rg in regras[tipo_da_chave[e.unidade_chave]]
            if avaliar_regra(
                rg.nome, rg.lado_esquerdo, rg.operador, rg.lado_direito, rg.severidade, efetivos[e.id]
            ).situacao
            == "falha"
        )
        atipicos = 0
        for ind_id, ef in por_envio_ind[e.id].items():
            anteriores = sorted(
                (x for x in hist[(e.unidade_chave, per.periodicidade, ind_id)] if x[0] < per.inicio),
                key=lambda x: x[0],
                reverse=True,
            )[:12]
            if valor_atipico([v for _, v in anteriores], ef) is not None:
                atipicos += 1
        r[e.id] = (falhas, atipicos)
    return r


def fila_revisao(
    ator: Usuario | None,
    *,
    situacoes: tuple[str, ...] | None = None,
    periodo_id: int | None = None,
    uf: str | None = None,
    contar: bool = True,
) -> pd.DataFrame:
    """Envios para revisar: por padrão, os enviados (DMF) ou os validados (CNMP); com quantas
    regras falham e quantos totais são atípicos em cada um (os detalhes estão em `analise`).
    Com `contar=False`, sem as contagens (as duas colunas vêm vazias): para quem só lista os
    envios, como *Minhas pendências*, que assim não lê o histórico de todas as unidades da fila
    (o que mais cresce com os dados: 0,7 s de SQL na base nacional × 3)."""
    if not (acesso.pode(ator, acesso.REVISAO_VALIDAR) or acesso.pode(ator, acesso.REVISAO_APROVAR)):
        acesso.exigir(ator, acesso.REVISAO_VALIDAR)
    if situacoes is None:
        situacoes = FILA_PADRAO.get(ator.papel, ("enviado",))
    return _fila_revisao(url_atual(), tuple(situacoes), periodo_id, uf, contar)


# o que a fila lê: gravar noutras tabelas (recursos, plano, cadastros de pessoas) não a refaz
TABELAS_FILA = tabelas_da_coleta(RegraValidacao)


@agregado_em_cache(tabelas=TABELAS_FILA)
def _fila_revisao(
    url: str, situacoes: tuple[str, ...], periodo_id: int | None, uf: str | None, contar: bool
) -> pd.DataFrame:
    """A fila em cache por banco e filtros (a permissão é conferida antes, a cada chamada): com
    5 anos de envios, o histórico para os atípicos custa ~0,5 s e a página a pede a cada clique."""
    with sessao(url=url) as s:
        por_chave = {u.chave: u for u in unidades.todas(s)}
        q = select(EnvioColeta).where(EnvioColeta.status.in_(situacoes))
        if periodo_id:
            q = q.where(EnvioColeta.periodo_id == periodo_id)
        envios = [
            e
            for e in s.exec(q.order_by(EnvioColeta.enviado_em, EnvioColeta.id))
            if not uf or por_chave[e.unidade_chave].uf == uf
        ]
        periodos = {
            p.id: p for p in s.exec(select(PeriodoColeta).where(PeriodoColeta.id.in_({e.periodo_id for e in envios})))
        }
        contagens = (
            _falhas_e_atipicos(s, envios, periodos, {k: u.tipo for k, u in por_chave.items()})
            if contar
            else defaultdict(lambda: (None, None))
        )
    linhas = []
    for e in envios:
        u, per = por_chave[e.unidade_chave], periodos[e.periodo_id]
        linhas.append(
            {
                "id": e.id,
                "Unidade": u.nome,
                "UF": u.uf,
                "Período": rotulo(per),
                "Situação": e.status,
                "Enviado em": e.enviado_em,
                "No prazo": "Sim" if e.primeiro_envio_em and local(e.primeiro_envio_em).date() <= per.prazo else "Não",
                "Regras com falha": contagens[e.id][0],
                "Atípicos": contagens[e.id][1],
            }
        )
    return pd.DataFrame(
        linhas,
        columns=[
            "id",
            "Unidade",
            "UF",
            "Período",
            "Situação",
            "Enviado em",
            "No prazo",
            "Regras com falha",
            "Atípicos",
        ],
    )


def rotulo_acao(acao: str) -> str:
    return ACOES_REVISAO[acao]
