"""Catálogo de indicadores (com versões), metas anuais, regras de validação e períodos de
coleta. Lê quem tem `indicadores.ver`; altera quem tem `indicadores.editar` (DMF e admin).

Mudar o que o indicador mede (nome, definição, unidade, tipo, periodicidade, agregação, meta,
fonte, desagregações, mínimo, máximo) cria uma nova versão; os valores já informados
continuam ligados à versão sob a qual entraram."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd
from sqlmodel import Session, func, select

from core import acesso
from core.banco import sessao
from core.config import RAIZ
from core.edicao import gravar, incluir_ou_alterar, obter_na_sessao, obter_para_edicao, repetido
from core.erros import ErroValidacao, Problema
from dominio.indicadores.regras import (
    SITUACOES_PERIODO,
    data_da_trava,
    datas_do_periodo,
    formatar_numero,
    rotulo_periodo,
    situacao_periodo,
    termos_expressao,
)
from models.indicadores import (
    AGREGACOES,
    ALVOS,
    DESAGREGACOES,
    OPERADORES,
    PERIODICIDADES,
    PERIODOS_NO_ANO,
    SEVERIDADES,
    TIPOS_INDICADOR,
    AlvoIndicador,
    EnvioColeta,
    Indicador,
    PeriodoColeta,
    RegraValidacao,
    ValorIndicador,
    VersaoIndicador,
)
from models.territorio import Municipio
from models.unidades import EscritorioSocial, GrupoInterinstitucional
from models.usuarios import Usuario

ARQUIVO_CATALOGO = RAIZ / "data" / "indicadores.json"
CAMPOS_DEFINICAO = (
    "nome",
    "definicao",
    "unidade_medida",
    "tipo",
    "periodicidade",
    "agregacao",
    "meta_letra",
    "fonte",
    "desagregacoes",
    "minimo",
    "maximo",
)


# --- catálogo ------------------------------------------------------------------------------------


@dataclass
class DadosIndicador:
    codigo: str
    alvo: str
    nome: str
    definicao: str
    unidade_medida: str
    tipo: str
    periodicidade: str
    meta_letra: str
    agregacao: str = "soma"
    fonte: str = ""
    desagregacoes: list[str] = field(default_factory=list)
    minimo: Decimal | None = None
    maximo: Decimal | None = None
    ordem: int = 0


def tabelas_da_coleta(*extras) -> tuple[str, ...]:
    """Tabelas que os agregados da coleta leem (envios, valores, versões, indicadores, períodos e as
    unidades: grupos, escritórios e municípios) mais as dos modelos `extras` — para `agregado_em_cache`."""
    modelos = (
        EnvioColeta,
        ValorIndicador,
        VersaoIndicador,
        Indicador,
        PeriodoColeta,
        GrupoInterinstitucional,
        EscritorioSocial,
        Municipio,
        *extras,
    )
    return tuple(m.__tablename__ for m in modelos)


def consulta_de_totais(*colunas):
    """SELECT das `colunas` sobre os totais (desagregação "") dos valores informados, com a versão do
    indicador, o envio e o período da coleta já ligados — base das séries e históricos."""
    return (
        select(*colunas)
        .select_from(ValorIndicador)
        .join(VersaoIndicador, VersaoIndicador.id == ValorIndicador.versao_indicador_id)
        .join(EnvioColeta, EnvioColeta.id == ValorIndicador.envio_id)
        .join(PeriodoColeta, PeriodoColeta.id == EnvioColeta.periodo_id)
        .where(ValorIndicador.desagregacao == "")
    )


def _validar_indicador(d: DadosIndicador) -> list[Problema]:
    p: list[Problema] = []
    codigo = (d.codigo or "").strip().upper()
    if not codigo or not codigo.replace("_", "").isalnum() or not codigo[0].isalpha() or len(codigo) > 12:
        p.append(Problema("código", "use letras e números, começando por letra, até 12 caracteres (ex.: E10)"))
    if d.alvo not in ALVOS:
        p.append(Problema("unidades que informam", "escolha Grupos Interinstitucionais ou Escritórios Sociais"))
    for campo, rotulo, limite in (
        ("nome", "nome", 200),
        ("definicao", "definição", 2000),
        ("unidade_medida", "unidade de medida", 60),
    ):
        v = (getattr(d, campo) or "").strip()
        if not v:
            p.append(Problema(rotulo, "preencha este campo"))
        elif len(v) > limite:
            p.append(Problema(rotulo, f"tem {len(v)} caracteres; o limite é {limite}"))
    if d.tipo not in TIPOS_INDICADOR:
        p.append(Problema("tipo", "escolha contagem, valor em R$, percentual ou sim/não"))
    if d.periodicidade not in PERIODICIDADES:
        p.append(Problema("periodicidade", "escolha mensal, trimestral, semestral ou anual"))
    if d.agregacao not in AGREGACOES:
        p.append(Problema("agregação no tempo", "escolha soma ou último período"))
    if d.meta_letra not in ("a", "b", "c", "d", "e", "f"):
        p.append(Problema("meta", "escolha a meta do Plano de Trabalho (a a f)"))
    desconhecidas = [x for x in d.desagregacoes if x not in DESAGREGACOES]
    if desconhecidas:
        p.append(Problema("desagregações", f"desconhecidas: {', '.join(desconhecidas)}"))
    if d.desagregacoes and d.tipo not in ("contagem", "valor"):
        p.append(Problema("desagregações", "só contagens e valores em R$ se desagregam"))
    if d.minimo is not None and d.maximo is not None and d.minimo > d.maximo:
        p.append(
            Problema("mínimo", f"o mínimo ({formatar_numero(d.minimo)}) passa do máximo ({formatar_numero(d.maximo)})")
        )
    for rotulo, n in (("mínimo", d.minimo), ("máximo", d.maximo)):
        if n is not None and n != n.quantize(Decimal("0.01")):
            p.append(Problema(rotulo, "use até duas casas decimais"))
    return p


def _definicao(d: DadosIndicador) -> dict:
    return {
        "nome": d.nome.strip(),
        "definicao": d.definicao.strip(),
        "unidade_medida": d.unidade_medida.strip(),
        "tipo": d.tipo,
        "periodicidade": d.periodicidade,
        "agregacao": d.agregacao,
        "meta_letra": d.meta_letra,
        "fonte": (d.fonte or "").strip(),
        "desagregacoes": list(d.desagregacoes),
        "minimo": d.minimo,
        "maximo": d.maximo,
    }


def _versao_atual(s: Session, ind: Indicador) -> VersaoIndicador:
    return s.get(VersaoIndicador, ind.versao_atual_id)


def salvar_indicador(
    ator: Usuario | None,
    dados: DadosIndicador,
    *,
    ident: int | None = None,
    versao: int | None = None,
    motivo: str = "",
    sistema: bool = False,
) -> tuple[Indicador, bool]:
    """Inclui ou altera um indicador. Devolve (indicador, criou_versao_nova).

    Na alteração, se algo da definição mudou, cria a versão seguinte (exige o motivo); o código
    e o tipo de unidade não mudam depois de haver valores informados."""
    if not sistema:
        acesso.exigir(ator, acesso.INDICADORES_EDITAR)
    p = _validar_indicador(dados)
    codigo = (dados.codigo or "").strip().upper()
    autor = ator.email if ator is not None else "sistema"
    with sessao(ator) as s:
        if repetido(s, Indicador, ident, Indicador.codigo == codigo):
            p.append(Problema("código", f"já existe o indicador {codigo}"))
        if ident is None:
            if p:
                raise ErroValidacao(p)
            ind = Indicador(codigo=codigo, alvo=dados.alvo, ordem=dados.ordem)
            s.add(ind)
            s.flush()
            v = VersaoIndicador(
                indicador_id=ind.id, numero=1, criado_por=autor, motivo=motivo.strip()[:500], **_definicao(dados)
            )
            s.add(v)
            s.flush()
            ind.versao_atual_id = v.id
            s.add(ind)
            gravar(s)
            return ind, True
        ind = obter_para_edicao(s, Indicador, ident, versao, f"O indicador {codigo}")
        atual = _versao_atual(s, ind)
        tem_valores = (
            s.exec(
                select(func.count())
                .select_from(ValorIndicador)
                .join(VersaoIndicador, VersaoIndicador.id == ValorIndicador.versao_indicador_id)
                .where(VersaoIndicador.indicador_id == ind.id)
            ).one()
            > 0
        )
        if tem_valores and (codigo != ind.codigo or dados.alvo != ind.alvo):
            p.append(
                Problema(
                    "código",
                    "já há valores informados: o código e o tipo de unidade não podem mudar "
                    "(crie outro indicador e desative este)",
                )
            )
        nova = _definicao(dados)
        mudou = any(getattr(atual, k) != v for k, v in nova.items())
        if mudou and not (motivo or "").strip():
            p.append(Problema("motivo da mudança", "diga por que a definição mudou (fica na história das versões)"))
        if p:
            raise ErroValidacao(p)
        ind.codigo, ind.alvo, ind.ordem = codigo, dados.alvo, dados.ordem
        if mudou:
            v = VersaoIndicador(
                indicador_id=ind.id, numero=atual.numero + 1, criado_por=autor, motivo=motivo.strip()[:500], **nova
            )
            s.add(v)
            s.flush()
            ind.versao_atual_id = v.id
        s.add(ind)
        gravar(s, f"O indicador {codigo}")
        return ind, mudou


def definir_ativo(ator: Usuario | None, ident: int, versao: int, ativo: bool) -> Indicador:
    """Desativa (sai dos formulários novos; os valores ficam) ou reativa um indicador."""
    acesso.exigir(ator, acesso.INDICADORES_EDITAR)
    with sessao(ator) as s:
        ind = obter_para_edicao(s, Indicador, ident, versao, "O indicador")
        ind.ativo = ativo
        s.add(ind)
        gravar(s, "O indicador")
        return ind


def _rotulo_desag(codigos: list[str]) -> str:
    return ", ".join(DESAGREGACOES[c][0] for c in codigos) or "—"


def tabela_catalogo(
    ator: Usuario | None, *, alvo: str | None = None, meta: str | None = None, incluir_inativos: bool = True
) -> pd.DataFrame:
    """O catálogo com a versão vigente de cada indicador."""
    acesso.exigir(ator, acesso.INDICADORES_VER)
    with sessao(ator) as s:
        q = select(Indicador, VersaoIndicador).join(VersaoIndicador, VersaoIndicador.id == Indicador.versao_atual_id)
        if alvo:
            q = q.where(Indicador.alvo == alvo)
        if meta:
            q = q.where(VersaoIndicador.meta_letra == meta)
        if not incluir_inativos:
            q = q.where(Indicador.ativo.is_(True))
        linhas = s.exec(q.order_by(Indicador.alvo.desc(), Indicador.ordem, Indicador.codigo)).all()
    dados = [
        {
            "id": i.id,
            "Código": i.codigo,
            "Nome": v.nome,
            "Unidades": ALVOS[i.alvo],
            "Meta": v.meta_letra,
            "Tipo": TIPOS_INDICADOR[v.tipo].split(" (")[0],
            "Periodicidade": PERIODICIDADES[v.periodicidade],
            "Unidade de medida": v.unidade_medida,
            "Desagregações": _rotulo_desag(v.desagregacoes),
            "Mínimo": None if v.minimo is None else float(v.minimo),
            "Máximo": None if v.maximo is None else float(v.maximo),
            "Versão": v.numero,
            "Fonte": v.fonte,
            "Ativo": "Sim" if i.ativo else "Não",
        }
        for i, v in linhas
    ]
    colunas = [
        "id",
        "Código",
        "Nome",
        "Unidades",
        "Meta",
        "Tipo",
        "Periodicidade",
        "Unidade de medida",
        "Desagregações",
        "Mínimo",
        "Máximo",
        "Versão",
        "Fonte",
        "Ativo",
    ]
    return pd.DataFrame(dados, columns=colunas)


def obter_indicador(ator: Usuario | None, ident: int) -> tuple[Indicador, VersaoIndicador]:
    acesso.exigir(ator, acesso.INDICADORES_VER)
    with sessao(ator) as s:
        ind = obter_na_sessao(s, Indicador, ident, "Indicador não encontrado.")
        return ind, _versao_atual(s, ind)


def versoes(ator: Usuario | None, ident: int) -> list[VersaoIndicador]:
    """Todas as versões do indicador, da mais nova para a mais antiga."""
    acesso.exigir(ator, acesso.INDICADORES_VER)
    with sessao(ator) as s:
        return list(
            s.exec(
                select(VersaoIndicador)
                .where(VersaoIndicador.indicador_id == ident)
                .order_by(VersaoIndicador.numero.desc())
            ).all()
        )


def indicadores_vigentes(
    s: Session, alvo: str, periodicidade: str | None = None
) -> list[tuple[Indicador, VersaoIndicador]]:
    """Indicadores ativos do tipo de unidade (e da periodicidade), na ordem do catálogo."""
    q = (
        select(Indicador, VersaoIndicador)
        .join(VersaoIndicador, VersaoIndicador.id == Indicador.versao_atual_id)
        .where(Indicador.alvo == alvo, Indicador.ativo.is_(True))
    )
    if periodicidade:
        q = q.where(VersaoIndicador.periodicidade == periodicidade)
    return list(s.exec(q.order_by(Indicador.ordem, Indicador.codigo)).all())


# --- metas anuais (linha de base e alvo) -----------------------------------------------------------


def metas_anuais(ator: Usuario | None, indicador_id: int) -> list[AlvoIndicador]:
    acesso.exigir(ator, acesso.INDICADORES_VER)
    with sessao(ator) as s:
        return list(
            s.exec(
                select(AlvoIndicador).where(AlvoIndicador.indicador_id == indicador_id).order_by(AlvoIndicador.ano)
            ).all()
        )


def salvar_meta_anual(
    ator: Usuario | None,
    indicador_id: int,
    ano: int | None,
    linha_de_base: Decimal | None,
    meta: Decimal | None,
    *,
    ident: int | None = None,
    versao: int | None = None,
    sistema: bool = False,
) -> AlvoIndicador:
    """Linha de base e meta nacional de um ano. Para percentuais e sim/não, em % (sim/não: % de unidades com “sim”)."""
    if not sistema:
        acesso.exigir(ator, acesso.INDICADORES_EDITAR)
    p: list[Problema] = []
    if ano is None or not 2023 <= ano <= 2100:
        p.append(Problema("ano", "informe um ano entre 2023 e 2100"))
    if linha_de_base is None and meta is None:
        p.append(Problema("meta", "informe a linha de base, a meta ou as duas"))
    for rotulo, n in (("linha de base", linha_de_base), ("meta", meta)):
        if n is not None and (n < 0 or n != n.quantize(Decimal("0.01"))):
            p.append(Problema(rotulo, "use um número não negativo com até duas casas decimais"))
    with sessao(ator) as s:
        obter_na_sessao(s, Indicador, indicador_id, "Indicador não encontrado.")
        if repetido(s, AlvoIndicador, ident, AlvoIndicador.indicador_id == indicador_id, AlvoIndicador.ano == ano):
            p.append(Problema("ano", f"já há meta para {ano}: altere-a"))
        if p:
            raise ErroValidacao(p)
        if ident is None:
            a = AlvoIndicador(indicador_id=indicador_id, ano=ano, linha_de_base=linha_de_base, meta=meta)
        else:
            a = obter_para_edicao(s, AlvoIndicador, ident, versao, "A meta anual")
            a.ano, a.linha_de_base, a.meta = ano, linha_de_base, meta
        s.add(a)
        gravar(s, "A meta anual")
        return a


# --- regras de validação ------------------------------------------------------------------------


@dataclass
class DadosRegra:
    nome: str
    alvo: str
    lado_esquerdo: str
    operador: str
    lado_direito: str
    severidade: str = "erro"
    ativa: bool = True


def _validar_regra(s: Session, d: DadosRegra) -> list[Problema]:
    p: list[Problema] = []
    if not (d.nome or "").strip():
        p.append(Problema("nome", "dê um nome à regra (aparece na lista de falhas)"))
    if d.alvo not in ALVOS:
        p.append(Problema("unidades", "escolha Grupos ou Escritórios"))
    if d.operador not in OPERADORES:
        p.append(Problema("operador", "escolha ≤, <, =, ≥, > ou ≠"))
    if d.severidade not in SEVERIDADES:
        p.append(Problema("severidade", "escolha se impede o envio ou só avisa"))
    codigos = {c: a for c, a in s.exec(select(Indicador.codigo, Indicador.alvo))}
    tipos = dict(
        s.exec(
            select(Indicador.codigo, VersaoIndicador.tipo).join(
                VersaoIndicador, VersaoIndicador.id == Indicador.versao_atual_id
            )
        ).all()
    )
    for rotulo, texto in (("lado esquerdo", d.lado_esquerdo), ("lado direito", d.lado_direito)):
        try:
            termos = termos_expressao(texto)
        except ValueError as exc:
            p.append(Problema(rotulo, str(exc)))
            continue
        for t in termos:
            if isinstance(t, str):
                if t not in codigos:
                    p.append(Problema(rotulo, f"o indicador {t} não existe"))
                elif codigos[t] != d.alvo:
                    p.append(
                        Problema(rotulo, f"o indicador {t} é de {ALVOS[codigos[t]]}, não de {ALVOS.get(d.alvo, '?')}")
                    )
                elif tipos.get(t) == "sim_nao":
                    p.append(Problema(rotulo, f"o indicador {t} é sim/não: não entra em regras de soma"))
    if not p and not any(
        isinstance(t, str) for lado in (d.lado_esquerdo, d.lado_direito) for t in termos_expressao(lado)
    ):
        p.append(Problema("lado esquerdo", "a regra precisa de ao menos um indicador"))
    return p


def salvar_regra(
    ator: Usuario | None,
    dados: DadosRegra,
    *,
    ident: int | None = None,
    versao: int | None = None,
    sistema: bool = False,
) -> RegraValidacao:
    if not sistema:
        acesso.exigir(ator, acesso.INDICADORES_EDITAR)
    with sessao(ator) as s:
        p = _validar_regra(s, dados)
        if p:
            raise ErroValidacao(p)
        campos = dict(
            nome=dados.nome.strip()[:200],
            alvo=dados.alvo,
            lado_esquerdo=" + ".join(str(t) for t in termos_expressao(dados.lado_esquerdo)),
            operador=dados.operador,
            lado_direito=" + ".join(str(t) for t in termos_expressao(dados.lado_direito)),
            severidade=dados.severidade,
            ativa=dados.ativa,
        )
        return incluir_ou_alterar(s, RegraValidacao, campos, ident, versao, "A regra")


def regras(ator: Usuario | None, alvo: str | None = None) -> list[RegraValidacao]:
    acesso.exigir(ator, acesso.INDICADORES_VER)
    with sessao(ator) as s:
        q = select(RegraValidacao)
        if alvo:
            q = q.where(RegraValidacao.alvo == alvo)
        return list(s.exec(q.order_by(RegraValidacao.alvo, RegraValidacao.id)).all())


def tabela_regras(ator: Usuario | None) -> pd.DataFrame:
    linhas = [
        {
            "id": r.id,
            "Regra": r.nome,
            "Unidades": ALVOS[r.alvo],
            "Expressão": f"{r.lado_esquerdo} {OPERADORES[r.operador]} {r.lado_direito}",
            "Se falhar": SEVERIDADES[r.severidade],
            "Ativa": "Sim" if r.ativa else "Não",
        }
        for r in regras(ator)
    ]
    return pd.DataFrame(linhas, columns=["id", "Regra", "Unidades", "Expressão", "Se falhar", "Ativa"])


# --- períodos de coleta ---------------------------------------------------------------------------


@dataclass
class DadosPeriodo:
    periodicidade: str
    ano: int | None
    numero: int | None
    abertura: date | None
    prazo: date | None
    dias_tolerancia: int | None = 10


def rotulo(p: PeriodoColeta) -> str:
    return rotulo_periodo(p.periodicidade, p.ano, p.numero)


def salvar_periodo(
    ator: Usuario | None,
    dados: DadosPeriodo,
    *,
    ident: int | None = None,
    versao: int | None = None,
    sistema: bool = False,
) -> PeriodoColeta:
    """Inclui ou altera um período. Início e fim decorrem da periodicidade, do ano e do número."""
    if not sistema:
        acesso.exigir(ator, acesso.INDICADORES_EDITAR)
    p: list[Problema] = []
    inicio = fim = None
    if dados.periodicidade not in PERIODICIDADES:
        p.append(Problema("periodicidade", "escolha mensal, trimestral, semestral ou anual"))
    elif dados.ano is None or not 2023 <= dados.ano <= 2100:
        p.append(Problema("ano", "informe um ano entre 2023 e 2100"))
    elif dados.numero is None or not 1 <= dados.numero <= PERIODOS_NO_ANO[dados.periodicidade]:
        p.append(Problema("período", f"escolha de 1 a {PERIODOS_NO_ANO[dados.periodicidade]}"))
    else:
        inicio, fim = datas_do_periodo(dados.periodicidade, dados.ano, dados.numero)
    if dados.abertura is None:
        p.append(Problema("abertura", "informe a data de abertura"))
    if dados.prazo is None:
        p.append(Problema("prazo", "informe o prazo de entrega"))
    if dados.abertura and dados.prazo and dados.prazo < dados.abertura:
        p.append(
            Problema("prazo", f"o prazo ({dados.prazo:%d/%m/%Y}) é anterior à abertura ({dados.abertura:%d/%m/%Y})")
        )
    if fim and dados.prazo and dados.prazo < fim:
        p.append(Problema("prazo", f"o prazo ({dados.prazo:%d/%m/%Y}) vence antes do fim do período ({fim:%d/%m/%Y})"))
    if dados.dias_tolerancia is None or not 0 <= dados.dias_tolerancia <= 365:
        p.append(Problema("dias de tolerância", "informe de 0 a 365 dias"))
    with sessao(ator) as s:
        if not p:
            outro = repetido(
                s,
                PeriodoColeta,
                ident,
                PeriodoColeta.periodicidade == dados.periodicidade,
                PeriodoColeta.ano == dados.ano,
                PeriodoColeta.numero == dados.numero,
            )
            if outro is not None:
                p.append(Problema("período", f"{rotulo(outro)} já está cadastrado"))
        if p:
            raise ErroValidacao(p)
        campos = dict(
            periodicidade=dados.periodicidade,
            ano=dados.ano,
            numero=dados.numero,
            inicio=inicio,
            fim=fim,
            abertura=dados.abertura,
            prazo=dados.prazo,
            dias_tolerancia=dados.dias_tolerancia,
        )
        if ident is None:
            per = PeriodoColeta(**campos)
        else:
            per = obter_para_edicao(s, PeriodoColeta, ident, versao, "O período")
            if (per.periodicidade, per.ano, per.numero) != (dados.periodicidade, dados.ano, dados.numero):
                tem = s.exec(select(func.count()).select_from(EnvioColeta).where(EnvioColeta.periodo_id == ident)).one()
                if tem:
                    raise ErroValidacao(
                        Problema("período", "já há envios neste período: só abertura, prazo e tolerância podem mudar")
                    )
            for k, v in campos.items():
                setattr(per, k, v)
        s.add(per)
        gravar(s, "O período")
        return per


def novo_periodo(periodicidade: str, ano: int, numero: int, *, dias_prazo: int, dias_tolerancia: int) -> PeriodoColeta:
    """O período `numero` do ano nas datas do calendário (`datas_do_periodo`): abertura no
    início, prazo `dias_prazo` dias após o fim. Não grava."""
    inicio, fim = datas_do_periodo(periodicidade, ano, numero)
    return PeriodoColeta(
        periodicidade=periodicidade,
        ano=ano,
        numero=numero,
        inicio=inicio,
        fim=fim,
        abertura=inicio,
        prazo=fim + timedelta(days=dias_prazo),
        dias_tolerancia=dias_tolerancia,
    )


def gerar_periodos(
    ator: Usuario | None,
    periodicidade: str,
    ano: int,
    *,
    dias_prazo: int = 15,
    dias_tolerancia: int = 10,
    sistema: bool = False,
) -> int:
    """Cria os períodos do ano que faltam: abertura no início do período, prazo `dias_prazo`
    dias após o fim. Devolve quantos criou."""
    if not sistema:
        acesso.exigir(ator, acesso.INDICADORES_EDITAR)
    if periodicidade not in PERIODICIDADES:
        raise ErroValidacao(Problema("periodicidade", "escolha mensal, trimestral, semestral ou anual"))
    if not 2023 <= ano <= 2100:
        raise ErroValidacao(Problema("ano", "informe um ano entre 2023 e 2100"))
    if not 0 <= dias_prazo <= 365:
        raise ErroValidacao(Problema("dias para o prazo", "informe de 0 a 365 dias"))
    if not 0 <= dias_tolerancia <= 365:
        raise ErroValidacao(Problema("dias de tolerância", "informe de 0 a 365 dias"))
    with sessao(ator) as s:
        existentes = set(
            s.exec(
                select(PeriodoColeta.numero).where(
                    PeriodoColeta.periodicidade == periodicidade, PeriodoColeta.ano == ano
                )
            )
        )
        n = 0
        for numero in range(1, PERIODOS_NO_ANO[periodicidade] + 1):
            if numero in existentes:
                continue
            s.add(novo_periodo(periodicidade, ano, numero, dias_prazo=dias_prazo, dias_tolerancia=dias_tolerancia))
            n += 1
        s.flush()
        return n


def periodos(ator: Usuario | None, *, periodicidade: str | None = None, ano: int | None = None) -> list[PeriodoColeta]:
    """Períodos, do mais recente ao mais antigo."""
    acesso.exigir(ator, acesso.INDICADORES_VER)
    with sessao(ator) as s:
        q = select(PeriodoColeta)
        if periodicidade:
            q = q.where(PeriodoColeta.periodicidade == periodicidade)
        if ano:
            q = q.where(PeriodoColeta.ano == ano)
        return list(s.exec(q.order_by(PeriodoColeta.inicio.desc(), PeriodoColeta.periodicidade)).all())


def tabela_periodos(ator: Usuario | None, hoje: date, *, periodicidade: str | None = None) -> pd.DataFrame:
    linhas = []
    for per in periodos(ator, periodicidade=periodicidade):
        linhas.append(
            {
                "id": per.id,
                "Período": rotulo(per),
                "Periodicidade": PERIODICIDADES[per.periodicidade],
                "Abertura": per.abertura,
                "Prazo": per.prazo,
                "Trava": data_da_trava(per.prazo, per.dias_tolerancia),
                "Situação": SITUACOES_PERIODO[situacao_periodo(per.abertura, per.prazo, per.dias_tolerancia, hoje)],
            }
        )
    return pd.DataFrame(linhas, columns=["id", "Período", "Periodicidade", "Abertura", "Prazo", "Trava", "Situação"])


# --- catálogo padrão --------------------------------------------------------------------------------


def _dec(v) -> Decimal | None:
    return None if v in (None, "") else Decimal(str(v))


def carregar_catalogo_padrao(s: Session) -> dict[str, int]:
    """Inclui os indicadores, regras e metas anuais de `data/indicadores.json` que faltam
    (pelo código; regras pelo nome). Idempotente; não altera o que o DMF já mudou."""
    dados = json.loads(ARQUIVO_CATALOGO.read_text(encoding="utf-8"))
    n = {"indicadores": 0, "regras de validação": 0}
    existentes = {i.codigo: i for i in s.exec(select(Indicador))}
    for ordem, d in enumerate(dados["indicadores"], start=1):
        if d["codigo"] in existentes:
            continue
        ind = Indicador(codigo=d["codigo"], alvo=d["alvo"], ordem=ordem)
        s.add(ind)
        s.flush()
        v = VersaoIndicador(
            indicador_id=ind.id,
            numero=1,
            nome=d["nome"],
            definicao=d["definicao"],
            unidade_medida=d["unidade_medida"],
            tipo=d["tipo"],
            periodicidade=d["periodicidade"],
            agregacao=d["agregacao"],
            meta_letra=d["meta"],
            fonte=d.get("fonte", ""),
            desagregacoes=d.get("desagregacoes", []),
            minimo=_dec(d.get("minimo")),
            maximo=_dec(d.get("maximo")),
            motivo="Catálogo padrão",
        )
        s.add(v)
        s.flush()
        ind.versao_atual_id = v.id
        s.add(ind)
        existentes[ind.codigo] = ind
        n["indicadores"] += 1
        for m in dados.get("metas_anuais", []):
            if m["codigo"] == ind.codigo:
                s.add(
                    AlvoIndicador(
                        indicador_id=ind.id,
                        ano=m["ano"],
                        linha_de_base=_dec(m.get("linha_de_base")),
                        meta=_dec(m.get("meta")),
                    )
                )
    nomes = set(s.exec(select(RegraValidacao.nome)))
    for r in dados.get("regras", []):
        if r["nome"] not in nomes:
            s.add(
                RegraValidacao(
                    nome=r["nome"],
                    alvo=r["alvo"],
                    lado_esquerdo=r["esquerdo"],
                    operador=r["operador"],
                    lado_direito=r["direito"],
                    severidade=r["severidade"],
                )
            )
            n["regras de validação"] += 1
    s.flush()
    return n
