"""Monitoramento dos indicadores (metas b, d e e do Plano de Trabalho; método como no
DHIS2 e no Akvo RSR): completude e pontualidade das entregas por período, séries no tempo,
comparação entre UFs, progresso das metas anuais, destaques do painel público e o resumo do
relatório periódico.

Regras adotadas (documentadas aqui e testadas em tests/dominio/indicadores/test_monitoramento.py):

- **Unidade esperada** num período: a situação cadastral dela informa (`Unidade.informa`:
  Grupo constituído ou em funcionamento; Escritório em funcionamento) e o tipo dela tem ao
  menos um indicador ativo da periodicidade do período. A situação considerada é a de hoje
  (o cadastro não guarda a história das situações).
- **Recebido**: há envio com `primeiro_envio_em` (foi enviado ao menos uma vez, ainda que
  depois devolvido pelo revisor; o envio que a própria unidade retirou volta a não contar, e
  o reenvio marca a data nova). Uma unidade que enviou **sem ser esperada** (ex.: Escritório
  suspenso depois de enviar) conta como recebida — como no DHIS2, em que a completude é
  “formulários recebidos ÷ esperados” —; por isso o % de recebidos pode passar de 100 %.
- **Pontualidade**: `indicadores_regras.entrega` com a data (horário de Brasília) do primeiro
  envio: até o prazo, inclusive, é no prazo. `% no prazo` = recebidos no prazo ÷ esperados.
- Sem unidade esperada, os percentuais são `None` e aparecem como “—” (nunca divisão por zero).
- **Agregação**: no tempo, por unidade (`agregar_no_tempo`: soma dos períodos ou último
  período informado; percentuais somam numeradores e denominadores, ou pegam os do último
  período); entre unidades, `agregar_unidades` pelo tipo do indicador (soma; percentual como
  razão das somas; sim/não como % de “sim”).
- Só valores **aprovados** pelo CNMP saem no painel público e no relatório; as telas internas
  podem incluir enviados e validados, se pedirem.

As funções internas exigem `monitoramento.ver` (administração, DMF, CNMP). `destaques_publicos`
e `resumo_relatorio` não recebem usuário: devolvem só agregados, sem nomes nem contatos."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pandas as pd
from sqlmodel import Session, func, select

from comum.formatos import local, texto_pct, texto_valor
from comum.prazos import dias_de_atraso, prazo_efetivo
from core import acesso, relogio
from core.banco import sessao, url_atual
from core.cache import agregado_em_cache
from core.edicao import obter_na_sessao
from core.erros import ErroValidacao, NaoEncontrado, Problema
from dominio.cadastros import unidades
from dominio.cadastros.unidades import Unidade
from dominio.indicadores.regras import (
    ENTREGAS,
    agregar_no_tempo,
    agregar_unidades,
    entrega,
    percentual,
)
from dominio.indicadores.servicos import consulta_de_totais, indicadores_vigentes, rotulo, tabelas_da_coleta
from dominio.publico import supressao
from models.indicadores import (
    ALVO_SINGULAR,
    ALVOS,
    PERIODICIDADES,
    STATUS_ENVIO,
    AlvoIndicador,
    EnvioColeta,
    Indicador,
    PeriodoColeta,
    ValorIndicador,
    VersaoIndicador,
)
from models.territorio import UF
from models.unidades import GrupoInterinstitucional
from models.usuarios import Usuario

PERMISSAO = acesso.MONITORAMENTO_VER
# o que os agregados de indicadores leem: gravar noutras tabelas não os refaz (core.cache)
TABELAS_INDICADORES = tabelas_da_coleta(AlvoIndicador, UF)
SITUACOES_COM_DADOS = ("enviado", "validado", "aprovado")
SO_APROVADOS = ("aprovado",)

# painel público e relatório: indicadores em destaque, na ordem de exibição
INDICADORES_DESTAQUE = ("E01", "E07", "G12", "G04", "G01")
# por UF no painel público (contagens de pessoas: passam pela supressão) → rótulo fixo da coluna
INDICADORES_POR_UF = {"E07": "Pessoas inseridas no trabalho (E07)", "G12": "Pessoas egressas empregadas (G12)"}
# rótulos curtos dos cartões do painel público (o nome completo, do catálogo, vai na ajuda)
ROTULOS_PUBLICOS = {
    "E01": "Pessoas atendidas nos Escritórios Sociais",
    "E07": "Pessoas inseridas no trabalho",
    "G12": "Egressos empregados (Grupos)",
    "G04": "Contratos verificados quanto às cotas",
    "G01": "Grupos formalmente constituídos",
}
UNIDADE_PESSOAS = "pessoas"  # contagens cuja unidade de medida é esta passam pela supressão

COLUNAS_UNIDADES = [
    "Unidade",
    "Tipo",
    "UF",
    "Esperada",
    "Recebida",
    "Pontualidade",
    "Primeiro envio",
    "Situação do envio",
    "Pontos focais",
    "Contato no cadastro",
]
COLUNAS_CONTAGENS = [
    "Esperadas",
    "Recebidas",
    "No prazo",
    "Com atraso",
    "Não recebidas (prazo vencido)",
    "Aguardando",
]
COLUNAS_UFS = ["UF", "Estado", *COLUNAS_CONTAGENS, "% recebidas", "% no prazo"]


def _f(v: Decimal | None) -> float | None:
    return None if v is None else float(v)


def _validar_situacoes(situacoes) -> tuple[str, ...]:
    s = tuple(situacoes or SO_APROVADOS)
    invalidas = [x for x in s if x not in SITUACOES_COM_DADOS]
    if invalidas:
        raise ErroValidacao(
            Problema(
                "situações",
                "só entram enviados, validados e aprovados (rascunhos e "
                f"devolvidos não são dados): {', '.join(invalidas)}",
            )
        )
    return s


# --- completude e pontualidade -------------------------------------------------------------------


@dataclass
class LinhaCompletude:
    unidade: Unidade
    esperada: bool
    primeiro_envio: date | None
    entrega: str  # no_prazo, com_atraso, pendente ou atrasada (indicadores_regras.entrega)
    status: str | None  # situação atual do envio (None: sem envio)
    focais: tuple[tuple[str, str], ...] = ()  # (nome, e-mail) dos pontos focais com conta ativa (uso interno)
    contato: str = ""  # contato cadastrado no Grupo (uso interno)

    @property
    def recebida(self) -> bool:
        return self.primeiro_envio is not None

    @property
    def pontos_focais(self) -> str:
        """“Nome <e-mail>; …” dos pontos focais com conta ativa ("" sem nenhum)."""
        return "; ".join(f"{nome} <{email}>" for nome, email in self.focais)


@dataclass
class Completude:
    periodo: PeriodoColeta
    rotulo: str
    hoje: date
    linhas: list[LinhaCompletude]
    por_uf: pd.DataFrame  # numérico (percentuais None sem esperadas), as 27 UFs
    totais: dict = field(default_factory=dict)

    def tabela_unidades(self) -> pd.DataFrame:
        """Uma linha por unidade esperada ou que enviou sem ser esperada."""
        dados = [
            {
                "Unidade": ln.unidade.nome,
                "Tipo": ALVO_SINGULAR[ln.unidade.tipo],
                "UF": ln.unidade.uf,
                "Esperada": "Sim" if ln.esperada else "Não (enviou mesmo assim)",
                "Recebida": "Sim" if ln.recebida else "Não",
                "Pontualidade": ENTREGAS[ln.entrega],
                "Primeiro envio": ln.primeiro_envio,
                "Situação do envio": STATUS_ENVIO.get(ln.status, "Sem envio"),
                "Pontos focais": ln.pontos_focais or "—",
                "Contato no cadastro": ln.contato or "—",
            }
            for ln in self.linhas
        ]
        return pd.DataFrame(dados, columns=COLUNAS_UNIDADES)

    def tabela_ufs(self, *, so_com_dados: bool = True) -> pd.DataFrame:
        """Por UF, com os percentuais em número (vazios onde a UF não tem unidade esperada)."""
        df = self.por_uf
        if so_com_dados:
            df = df[(df["Esperadas"] > 0) | (df["Recebidas"] > 0)]
        return df.reset_index(drop=True)


def _pontos_focais(s: Session) -> dict[str, list[tuple[str, str]]]:
    """Chave da unidade → (nome, e-mail) dos pontos focais com conta ativa, em ordem de nome."""
    r: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for u in s.exec(
        select(Usuario).where(Usuario.papel == acesso.PONTO_FOCAL, Usuario.ativo.is_(True)).order_by(Usuario.nome)
    ):
        r[unidades.chave_de(u.grupo_id, u.escritorio_id)].append((u.nome, u.email))
    return r


def _calcular_completude(
    s: Session, per: PeriodoColeta, hoje: date, *, ate: date | None = None, com_contatos: bool = True
) -> Completude:
    """Completude do período em `hoje`. Com `ate`, envios feitos depois dessa data não contam
    (o relatório de um intervalo mostra a situação no fim dele)."""
    alvos = {alvo for alvo in ALVOS if indicadores_vigentes(s, alvo, per.periodicidade)}
    envios = {e.unidade_chave: e for e in s.exec(select(EnvioColeta).where(EnvioColeta.periodo_id == per.id))}
    focais = _pontos_focais(s) if com_contatos else {}
    contatos = (
        {f"g:{g.id}": g.contato_pontos_focais for g in s.exec(select(GrupoInterinstitucional))} if com_contatos else {}
    )
    linhas: list[LinhaCompletude] = []
    for u in unidades.todas(s):
        esperada = u.informa and u.tipo in alvos
        e = envios.get(u.chave)
        primeiro = local(e.primeiro_envio_em).date() if e is not None and e.primeiro_envio_em else None
        if ate is not None and primeiro is not None and primeiro > ate:
            primeiro = None
        if not esperada and primeiro is None:
            continue
        linhas.append(
            LinhaCompletude(
                u,
                esperada,
                primeiro,
                entrega(primeiro, per.prazo, hoje, u.criada_em),
                e.status if e is not None else None,
                tuple(focais.get(u.chave, ())),
                contatos.get(u.chave, ""),
            )
        )
    ufs = s.exec(select(UF.sigla, UF.nome).order_by(UF.sigla)).all()
    por_uf = []
    for sigla, nome in ufs:
        d = _contar([ln for ln in linhas if ln.unidade.uf == sigla])
        por_uf.append(
            {
                "UF": sigla,
                "Estado": nome,
                "Esperadas": d["esperadas"],
                "Recebidas": d["recebidas"],
                "No prazo": d["no_prazo"],
                "Com atraso": d["com_atraso"],
                "Não recebidas (prazo vencido)": d["atrasadas"],
                "Aguardando": d["pendentes"],
                "% recebidas": d["pct_recebidas"],
                "% no prazo": d["pct_no_prazo"],
            }
        )
    df_uf = pd.DataFrame(por_uf, columns=COLUNAS_UFS)
    for c in ("% recebidas", "% no prazo"):
        df_uf[c] = df_uf[c].astype(float)  # None → NaN (o mapa pinta de cinza)
    return Completude(per, rotulo(per), hoje, linhas, df_uf, _contar(linhas))


def _contar(linhas: list[LinhaCompletude]) -> dict:
    esperadas = sum(ln.esperada for ln in linhas)
    recebidas = sum(ln.recebida for ln in linhas)
    no_prazo = sum(ln.entrega == "no_prazo" for ln in linhas)
    return {
        "esperadas": esperadas,
        "recebidas": recebidas,
        "recebidas_nao_esperadas": sum(ln.recebida and not ln.esperada for ln in linhas),
        "no_prazo": no_prazo,
        "com_atraso": sum(ln.entrega == "com_atraso" for ln in linhas),
        "atrasadas": sum(ln.esperada and ln.entrega == "atrasada" for ln in linhas),
        "pendentes": sum(ln.esperada and ln.entrega == "pendente" for ln in linhas),
        "pct_recebidas": percentual(recebidas, esperadas),
        "pct_no_prazo": percentual(no_prazo, esperadas),
    }


def _periodo(s: Session, periodo_id: int) -> PeriodoColeta:
    per = obter_na_sessao(s, PeriodoColeta, periodo_id, "Período não encontrado.")
    return per


def completude(ator: Usuario | None, periodo_id: int, hoje: date) -> Completude:
    """Completude e pontualidade do período: por unidade (esperada, recebida, pontualidade,
    situação do envio, pontos focais), por UF (as 27, com % recebidas e % no prazo; `None` sem
    unidade esperada) e totais. Regras no docstring do módulo."""
    acesso.exigir(ator, PERMISSAO)
    with sessao(ator) as s:
        return _calcular_completude(s, _periodo(s, periodo_id), hoje)


def atrasadas(ator: Usuario | None, periodo_id: int, hoje: date) -> pd.DataFrame:
    """Unidades esperadas que não enviaram com o prazo vencido, com os pontos focais a cobrar."""
    return atrasadas_da_completude(completude(ator, periodo_id, hoje))


def emails_para_cobrar(c: Completude) -> list[str]:
    """Os e-mails dos pontos focais com conta ativa das unidades esperadas sem envio e com o prazo
    vencido (as de `atrasadas_da_completude`), sem repetição, na ordem da tabela."""
    emails = (email for ln in c.linhas if ln.esperada and ln.entrega == "atrasada" for _, email in ln.focais)
    return list(dict.fromkeys(emails))


def atrasadas_da_completude(c: Completude) -> pd.DataFrame:
    """`atrasadas` a partir da completude já calculada do período (a página de monitoramento mostra
    as duas: sem recalcular, as leituras do período não se repetem)."""
    hoje = c.hoje
    dados = [
        {
            "Unidade": ln.unidade.nome,
            "Tipo": ALVO_SINGULAR[ln.unidade.tipo],
            "UF": ln.unidade.uf,
            "Prazo": prazo_efetivo(c.periodo.prazo, ln.unidade.criada_em),
            "Dias de atraso": dias_de_atraso(c.periodo.prazo, hoje, ln.unidade.criada_em),
            "Situação do envio": STATUS_ENVIO.get(ln.status, "Sem envio"),
            "Pontos focais": ln.pontos_focais or "— (nenhum ponto focal com conta ativa)",
            "Contato no cadastro": ln.contato or "—",
        }
        for ln in c.linhas
        if ln.esperada and ln.entrega == "atrasada"
    ]
    return pd.DataFrame(
        dados,
        columns=[
            "Unidade",
            "Tipo",
            "UF",
            "Prazo",
            "Dias de atraso",
            "Situação do envio",
            "Pontos focais",
            "Contato no cadastro",
        ],
    )


def periodo_padrao(periodos: list[PeriodoColeta], hoje: date) -> PeriodoColeta | None:
    """O período mais recente com prazo vencido (o último fechado); na falta, o mais recente."""
    fechados = [p for p in periodos if p.prazo < hoje]
    if fechados:
        return max(fechados, key=lambda p: (p.prazo, p.fim))
    return max(periodos, key=lambda p: (p.inicio, p.fim)) if periodos else None


# --- valores aprovados (ou outros) de um indicador --------------------------------------------------


@dataclass
class _Meta:
    indicador: Indicador
    versao: VersaoIndicador

    @property
    def tipo(self) -> str:
        return self.versao.tipo

    @property
    def agregacao(self) -> str:
        # sim/não é estado: vale o último período, seja qual for a agregação cadastrada
        return "ultimo" if self.versao.tipo == "sim_nao" else self.versao.agregacao


def _indicador(s: Session, indicador_id: int) -> _Meta:
    ind = obter_na_sessao(s, Indicador, indicador_id, "Indicador não encontrado.")
    return _Meta(ind, s.get(VersaoIndicador, ind.versao_atual_id))


def _por_codigo(s: Session, codigo: str) -> _Meta | None:
    ind = s.exec(select(Indicador).where(Indicador.codigo == codigo)).first()
    return None if ind is None else _Meta(ind, s.get(VersaoIndicador, ind.versao_atual_id))


Linha = tuple[PeriodoColeta, str, Decimal | None, Decimal | None, Decimal | None]  # período, chave, v, num, den


def _valores(
    s: Session,
    indicador_id: int,
    situacoes: tuple[str, ...],
    *,
    ano: int | None = None,
    fim_entre: tuple[date, date] | None = None,
) -> list[Linha]:
    """Totais (desagregação "") do indicador, de qualquer versão, nos envios nas `situacoes`."""
    q = consulta_de_totais(
        PeriodoColeta,
        EnvioColeta.unidade_chave,
        ValorIndicador.valor,
        ValorIndicador.numerador,
        ValorIndicador.denominador,
    ).where(VersaoIndicador.indicador_id == indicador_id, EnvioColeta.status.in_(situacoes))
    if ano is not None:
        q = q.where(PeriodoColeta.ano == ano)
    if fim_entre is not None:
        q = q.where(PeriodoColeta.fim >= fim_entre[0], PeriodoColeta.fim <= fim_entre[1])
    return list(s.exec(q.order_by(PeriodoColeta.inicio)).all())


def _no_tempo(m: _Meta, itens: list[Linha]) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(valor, numerador, denominador) de UMA unidade somando ou tomando o último dos períodos."""
    ordem = [(p.inicio.toordinal(), v, n, d) for p, _, v, n, d in itens]
    if m.tipo == "percentual":
        validos = [(o, n, d) for o, _, n, d in ordem if n is not None and d]
        if not validos:
            return None, None, None
        if m.agregacao == "ultimo":
            _, n, d = max(validos, key=lambda x: x[0])
            return None, n, d
        return None, sum((n for _, n, _ in validos), Decimal(0)), sum((d for _, _, d in validos), Decimal(0))
    v = agregar_no_tempo(m.agregacao, [(o, v) for o, v, _, _ in ordem if v is not None])
    return v, None, None


def _por_unidade(m: _Meta, linhas: list[Linha]) -> dict[str, tuple]:
    grupos: dict[str, list[Linha]] = defaultdict(list)
    for ln in linhas:
        grupos[ln[1]].append(ln)
    return {chave: _no_tempo(m, itens) for chave, itens in grupos.items()}


def _nacional(m: _Meta, por_unidade: dict[str, tuple]) -> Decimal | None:
    return agregar_unidades(m.tipo, list(por_unidade.values()))


@agregado_em_cache(tabelas=TABELAS_INDICADORES)
def _por_unidade_no_ano(url: str, indicador_id: int, ano: int, situacoes: tuple[str, ...]) -> dict[str, tuple]:
    """Valor de cada unidade no ano (`_por_unidade`). A comparação entre UFs e o progresso das metas
    leem o mesmo indicador no mesmo ano na mesma página: um cálculo só."""
    with sessao(url=url) as s:
        return _por_unidade(_indicador(s, indicador_id), _valores(s, indicador_id, situacoes, ano=ano))


def _ufs_das_unidades(s: Session) -> dict[str, Unidade]:
    return {u.chave: u for u in unidades.todas(s)}


def _metas_do_indicador(s: Session, indicador_id: int) -> dict[int, AlvoIndicador]:
    return {a.ano: a for a in s.exec(select(AlvoIndicador).where(AlvoIndicador.indicador_id == indicador_id))}


def _eh_fluxo(m: _Meta) -> bool:
    """Soma no tempo de contagens ou valores: a meta anual compara-se com o acumulado no ano."""
    return m.agregacao == "soma" and m.tipo in ("contagem", "valor")


# --- tendência ------------------------------------------------------------------------------------


@dataclass
class SerieIndicador:
    codigo: str
    nome: str
    unidade_medida: str
    tipo: str
    agregacao: str
    acumula: bool  # True: a meta anual compara-se com “Acumulado no ano”
    rotulo_unidade: str  # nome da unidade pedida ("" se nenhuma)
    rotulo_uf: str  # UF pedida ("" se nenhuma)
    tabela: pd.DataFrame  # uma linha por período com dados


def serie_indicador(
    ator: Usuario | None,
    indicador_id: int,
    *,
    unidade_chave: str | None = None,
    uf: str | None = None,
    situacoes: tuple[str, ...] = SO_APROVADOS,
) -> SerieIndicador:
    """Por período com dados: o agregado nacional (e o acumulado no ano, nos fluxos), o valor
    da unidade e o da UF, se pedidos, e a meta e a linha de base do ano. Por padrão, só valores
    aprovados; a tela interna pode incluir enviados e validados."""
    acesso.exigir(ator, PERMISSAO)
    return _serie_indicador(url_atual(), indicador_id, unidade_chave, uf, _validar_situacoes(situacoes))


@agregado_em_cache(tabelas=TABELAS_INDICADORES)
def _serie_indicador(
    url: str, indicador_id: int, unidade_chave: str | None, uf: str | None, situacoes: tuple[str, ...]
) -> SerieIndicador:
    with sessao(url=url) as s:
        m = _indicador(s, indicador_id)
        linhas = _valores(s, indicador_id, situacoes)
        todas = _ufs_das_unidades(s)
        metas = _metas_do_indicador(s, indicador_id)
        rot_unidade = ""
        if unidade_chave:
            if unidade_chave not in todas:
                raise NaoEncontrado("Unidade não encontrada.")
            rot_unidade = todas[unidade_chave].nome
    por_periodo: dict[int, list[Linha]] = defaultdict(list)
    periodos: dict[int, PeriodoColeta] = {}
    for ln in linhas:
        por_periodo[ln[0].id].append(ln)
        periodos[ln[0].id] = ln[0]
    dados = []
    acumulado: dict[int, Decimal] = defaultdict(Decimal)
    fluxo = _eh_fluxo(m)
    for pid in sorted(periodos, key=lambda i: (periodos[i].inicio, periodos[i].fim)):
        per = periodos[pid]
        itens = por_periodo[pid]
        brutos = [(v, n, d) for _, _, v, n, d in itens]
        nacional = agregar_unidades(m.tipo, brutos)
        linha = {
            "periodo_id": pid,
            "Período": rotulo(per),
            "Ano": per.ano,
            "Início": per.inicio,
            "Nacional": _f(nacional),
            "Unidades informantes": len(itens),
        }
        if fluxo:
            acumulado[per.ano] += nacional or Decimal(0)
            linha["Acumulado no ano"] = float(acumulado[per.ano])
        if unidade_chave:
            da_unidade = [(v, n, d) for _, c, v, n, d in itens if c == unidade_chave]
            linha["Unidade"] = _f(agregar_unidades(m.tipo, da_unidade))
        if uf:
            da_uf = [(v, n, d) for _, c, v, n, d in itens if c in todas and todas[c].uf == uf]
            linha["UF"] = _f(agregar_unidades(m.tipo, da_uf))
        meta = metas.get(per.ano)
        linha["Meta anual"] = _f(meta.meta) if meta else None
        linha["Linha de base"] = _f(meta.linha_de_base) if meta else None
        dados.append(linha)
    colunas = (
        ["periodo_id", "Período", "Ano", "Início", "Nacional", "Unidades informantes"]
        + (["Acumulado no ano"] if fluxo else [])
        + (["Unidade"] if unidade_chave else [])
        + (["UF"] if uf else [])
        + ["Meta anual", "Linha de base"]
    )
    return SerieIndicador(
        m.indicador.codigo,
        m.versao.nome,
        m.versao.unidade_medida,
        m.tipo,
        m.agregacao,
        fluxo,
        rot_unidade,
        uf or "",
        pd.DataFrame(dados, columns=colunas),
    )


# --- comparação entre UFs ---------------------------------------------------------------------------


@dataclass
class ComparacaoUFs:
    codigo: str
    nome: str
    unidade_medida: str
    tipo: str
    ano: int
    tabela: pd.DataFrame  # UFs com dados: UF, Estado, Valor, Unidades informantes (maior valor primeiro)
    nacional: Decimal | None
    meta: Decimal | None
    linha_de_base: Decimal | None


def comparacao_ufs(
    ator: Usuario | None, indicador_id: int, ano: int, situacoes: tuple[str, ...] = SO_APROVADOS
) -> ComparacaoUFs:
    """Valor de cada UF no ano (por unidade no tempo, depois entre as unidades da UF), o
    nacional e a meta anual, se houver (a meta é nacional: não se reparte entre UFs)."""
    acesso.exigir(ator, PERMISSAO)
    return _comparacao_ufs(url_atual(), indicador_id, ano, _validar_situacoes(situacoes))


@agregado_em_cache(tabelas=TABELAS_INDICADORES)
def _comparacao_ufs(url: str, indicador_id: int, ano: int, situacoes: tuple[str, ...]) -> ComparacaoUFs:
    por_unidade = _por_unidade_no_ano(url, indicador_id, ano, situacoes)
    with sessao(url=url) as s:
        m = _indicador(s, indicador_id)
        todas = _ufs_das_unidades(s)
        nomes = dict(s.exec(select(UF.sigla, UF.nome)).all())
        alvo = _metas_do_indicador(s, indicador_id).get(ano)
    por_uf: dict[str, list[tuple]] = defaultdict(list)
    for chave, vals in por_unidade.items():
        if chave in todas:
            por_uf[todas[chave].uf].append(vals)
    dados = []
    for sigla, vals in por_uf.items():
        v = agregar_unidades(m.tipo, vals)
        dados.append(
            {
                "UF": sigla,
                "Estado": nomes.get(sigla, sigla),
                "Valor": (v.quantize(Decimal("0.01")) if v is not None else None) if m.tipo == "valor" else _f(v),
                "Unidades informantes": len(vals),
            }
        )
    df = pd.DataFrame(dados, columns=["UF", "Estado", "Valor", "Unidades informantes"])
    if len(df):
        df = (
            df.assign(_o=df["Valor"].map(lambda x: -1 if x is None else float(x)))
            .sort_values(["_o", "UF"], ascending=[False, True])
            .drop(columns="_o")
            .reset_index(drop=True)
        )
    return ComparacaoUFs(
        m.indicador.codigo,
        m.versao.nome,
        m.versao.unidade_medida,
        m.tipo,
        ano,
        df,
        _nacional(m, por_unidade),
        alvo.meta if alvo else None,
        alvo.linha_de_base if alvo else None,
    )


# --- metas anuais ----------------------------------------------------------------------------------


def progresso_metas(ator: Usuario | None, ano: int) -> pd.DataFrame:
    """Indicadores com meta no ano: linha de base, meta, realizado (só aprovados) e % da meta
    (realizado ÷ meta; `None` sem meta, meta zero ou sem valor aprovado)."""
    acesso.exigir(ator, PERMISSAO)
    return _progresso_metas(url_atual(), ano)


@agregado_em_cache(tabelas=TABELAS_INDICADORES)
def _progresso_metas(url: str, ano: int) -> pd.DataFrame:
    with sessao(url=url) as s:
        alvos = s.exec(
            select(AlvoIndicador, Indicador)
            .join(Indicador, Indicador.id == AlvoIndicador.indicador_id)
            .where(AlvoIndicador.ano == ano)
            .order_by(Indicador.alvo.desc(), Indicador.ordem)
        ).all()
        dados = []
        for a, ind in alvos:
            m = _indicador(s, ind.id)
            por_unidade = _por_unidade_no_ano(url, ind.id, ano, SO_APROVADOS)
            real = _nacional(m, por_unidade)
            pct = round(float(real) * 100 / float(a.meta), 1) if real is not None and a.meta else None
            dados.append(
                {
                    "id": ind.id,
                    "Código": ind.codigo,
                    "Indicador": m.versao.nome,
                    "Unidades": ALVOS[ind.alvo],
                    "Unidade de medida": rotulo_medida(m.tipo, m.versao.unidade_medida, ind.alvo),
                    "Linha de base": _f(a.linha_de_base),
                    "Meta": _f(a.meta),
                    "Realizado": _f(real),
                    "% da meta": pct,
                    "Unidades informantes": len(por_unidade),
                }
            )
    return pd.DataFrame(
        dados,
        columns=[
            "id",
            "Código",
            "Indicador",
            "Unidades",
            "Unidade de medida",
            "Linha de base",
            "Meta",
            "Realizado",
            "% da meta",
            "Unidades informantes",
        ],
    )


def anos_com_dados(ator: Usuario | None) -> list[int]:
    """Anos com período cadastrado ou meta anual, do mais recente ao mais antigo."""
    acesso.exigir(ator, PERMISSAO)
    with sessao(ator) as s:
        anos = set(s.exec(select(PeriodoColeta.ano).distinct())) | set(s.exec(select(AlvoIndicador.ano).distinct()))
    return sorted(anos, reverse=True)


def _ano_de_referencia(s: Session, hoje: date) -> int:
    """O ano mais recente, até o de hoje, com algum envio aprovado (sem nenhum, o de hoje). No
    começo do ano, antes da primeira aprovação, os destaques públicos e a comparação entre UFs
    mostram o ano anterior inteiro em vez de ficarem vazios."""
    ano = s.exec(
        select(func.max(PeriodoColeta.ano))
        .join(EnvioColeta, EnvioColeta.periodo_id == PeriodoColeta.id)
        .where(EnvioColeta.status == "aprovado", PeriodoColeta.ano <= hoje.year)
    ).one()
    return int(ano) if ano is not None else hoje.year


def ano_de_referencia(ator: Usuario | None, hoje: date) -> int:
    """`_ano_de_referencia` para as páginas internas (ano padrão da comparação entre UFs)."""
    acesso.exigir(ator, PERMISSAO)
    with sessao(ator) as s:
        return _ano_de_referencia(s, hoje)


def ufs() -> list[tuple[str, str]]:
    """(sigla, nome) das 27 UFs (dado de referência, público)."""
    with sessao() as s:
        return list(s.exec(select(UF.sigla, UF.nome).order_by(UF.sigla)).all())


# --- painel público ----------------------------------------------------------------------------------


def _anual_nacional(s: Session, codigo: str, ano: int) -> tuple[_Meta | None, Decimal | None, int]:
    m = _por_codigo(s, codigo)
    if m is None:
        return None, None, 0
    por_unidade = _por_unidade(m, _valores(s, m.indicador.id, SO_APROVADOS, ano=ano))
    return m, _nacional(m, por_unidade), len(por_unidade)


def _ultimos_fechados(s: Session, hoje: date) -> list[Completude]:
    """Por periodicidade, a completude do último período com prazo vencido e unidades esperadas."""
    r = []
    for periodicidade in PERIODICIDADES:
        pers = s.exec(
            select(PeriodoColeta)
            .where(PeriodoColeta.periodicidade == periodicidade, PeriodoColeta.prazo < hoje)
            .order_by(PeriodoColeta.prazo.desc())
            .limit(3)
        ).all()
        for per in pers:
            c = _calcular_completude(s, per, hoje, com_contatos=False)
            if c.totais["esperadas"]:
                r.append(c)
                break
    return r


@agregado_em_cache
def _destaques_bruto(url: str, hoje: date) -> dict:
    """Números sem supressão (ficam só no cache; a supressão é aplicada fora, com o k da configuração)."""
    with sessao(url=url) as s:
        ano = _ano_de_referencia(s, hoje)
        indicadores = []
        for codigo in INDICADORES_DESTAQUE:
            for a in (ano - 1, ano):
                m, v, n = _anual_nacional(s, codigo, a)
                if m is None:
                    continue
                indicadores.append(
                    {
                        "ano": a,
                        "codigo": codigo,
                        "nome": m.versao.nome,
                        "tipo": m.tipo,
                        "unidade_medida": m.versao.unidade_medida,
                        "alvo": m.indicador.alvo,
                        "valor": v,
                        "informantes": n,
                    }
                )
        todas = _ufs_das_unidades(s)
        nomes = dict(s.exec(select(UF.sigla, UF.nome)).all())
        por_uf: dict[str, dict[str, int]] = defaultdict(dict)
        for codigo in INDICADORES_POR_UF:
            m = _por_codigo(s, codigo)
            if m is None:
                continue
            for chave, (v, _, _) in _por_unidade(m, _valores(s, m.indicador.id, SO_APROVADOS, ano=ano)).items():
                if chave in todas and v is not None:
                    uf = todas[chave].uf
                    por_uf[uf][codigo] = por_uf[uf].get(codigo, 0) + int(v)
        completude_ = [
            {
                "Periodicidade": PERIODICIDADES[c.periodo.periodicidade],
                "Período": c.rotulo,
                "Prazo": c.periodo.prazo,
                "Unidades esperadas": c.totais["esperadas"],
                "Formulários recebidos": c.totais["recebidas"],
                "Recebidos no prazo": c.totais["no_prazo"],
                "% recebidos": c.totais["pct_recebidas"],
                "% no prazo": c.totais["pct_no_prazo"],
            }
            for c in _ultimos_fechados(s, hoje)
        ]
    return {
        "ano": ano,
        "indicadores": indicadores,
        "por_uf": dict(por_uf),
        "nomes_uf": nomes,
        "completude": completude_,
    }


@dataclass
class DestaquesPublicos:
    ano: int
    indicadores: pd.DataFrame  # exportável: Ano, Código, Indicador, Unidades, Valor (texto; “X” suprimido), …
    valores: dict  # (código, ano) → número publicado (None se suprimido ou sem dado)
    suprimidos: set  # (código, ano) suprimidos
    por_uf: pd.DataFrame  # exportável: UF, Estado, uma coluna por INDICADORES_POR_UF (texto; “X”), Total
    completude: pd.DataFrame  # exportável: último período encerrado de cada periodicidade


COLUNAS_DESTAQUES = ["Ano", "Código", "Indicador", "Unidades", "Valor", "Unidade de medida", "Unidades informantes"]
COLUNAS_COMPLETUDE_PUBLICA = [
    "Periodicidade",
    "Período",
    "Prazo",
    "Unidades esperadas",
    "Formulários recebidos",
    "Recebidos no prazo",
    "% recebidos",
    "% no prazo",
]


def rotulo_medida(tipo: str, unidade_medida: str, alvo: str) -> str:
    """Unidade de medida do agregado: sim/não vira “% dos Grupos Interinstitucionais com “sim””."""
    return f"% dos {ALVOS[alvo]} com “sim”" if tipo == "sim_nao" else unidade_medida


TABELA_DESTAQUES = "indicadores_destaques"
TABELA_POR_UF = "indicadores_por_uf"


def _conta_pessoas(it: dict) -> bool:
    return it["tipo"] == "contagem" and it["unidade_medida"].strip().lower() == UNIDADE_PESSOAS


@dataclass
class ContagensPublicaveis:
    """Contagens de pessoas dos destaques e da tabela por UF, ainda sem supressão, na forma que a
    supressão conjunta do painel publicado recebe (`dominio.publico.supressao:suprimir_conjunto`)."""

    grades: list  # supressao.Grade da tabela por UF (total de cada coluna na linha “Total”)
    avulsas: dict  # chave da célula → total nacional de um indicador de pessoas num ano
    ligadas: list  # {total nacional do ano de referência, total da coluna na tabela por UF}


def contagens_publicaveis(hoje: date) -> ContagensPublicaveis:
    """Só para a publicação do painel (`dominio.publico.consultas:publicar_painel`), que as
    suprime antes de gravar: os números crus nunca saem para a tela pública."""
    b = _destaques_bruto(url_atual(), hoje)
    avulsas = {
        supressao.chave_celula(TABELA_DESTAQUES, it["codigo"], it["ano"]): int(it["valor"])
        for it in b["indicadores"]
        if _conta_pessoas(it) and it["valor"] is not None
    }
    grades, ligadas = [], []
    if b["por_uf"]:
        ufs = sorted(b["por_uf"])
        grades.append(
            supressao.Grade(
                TABELA_POR_UF,
                tuple(ufs),
                tuple(INDICADORES_POR_UF.values()),
                tuple(tuple(int(b["por_uf"][uf].get(cod, 0)) for cod in INDICADORES_POR_UF) for uf in ufs),
                total_linha=False,
                total_coluna=True,
            )
        )
        for cod, rot in INDICADORES_POR_UF.items():
            nacional = supressao.chave_celula(TABELA_DESTAQUES, cod, b["ano"])
            if nacional in avulsas:
                ligadas.append({nacional, supressao.chave_celula(TABELA_POR_UF, supressao.TOTAL, rot)})
    return ContagensPublicaveis(grades, avulsas, ligadas)


def destaques_publicos(
    hoje: date | None = None, k: int | None = None, *, publicados: dict | None = None
) -> DestaquesPublicos:
    """Destaques do painel público, sem login: só valores **aprovados** pelo CNMP; totais
    nacionais dos indicadores em `INDICADORES_DESTAQUE` no ano de referência (o mais recente com
    envio aprovado: em janeiro, o anterior) e no anterior a ele; por UF, as contagens de pessoas
    de `INDICADORES_POR_UF` no ano de referência, com supressão primária e
    complementar (`dominio.publico.supressao`, k = SUPRESSAO_K); e a completude do último período
    encerrado de cada periodicidade. Nenhum nome, contato ou unidade individual aparece.

    ``publicados`` (chave da célula → valor, None se oculto): a supressão conjunta já feita para
    o painel publicado (`contagens_publicaveis`), que vale no lugar da supressão desta tabela."""
    hoje = hoje or relogio.hoje()
    k = supressao.k_configurado() if k is None else int(k)
    b = _destaques_bruto(url_atual(), hoje)
    linhas, valores, suprimidos = [], {}, set()
    for it in b["indicadores"]:
        v = it["valor"]
        chave = supressao.chave_celula(TABELA_DESTAQUES, it["codigo"], it["ano"])
        if publicados is not None:
            oculto = _conta_pessoas(it) and v is not None and publicados.get(chave, v) is None
        else:
            oculto = _conta_pessoas(it) and v is not None and 0 < v < k
        if oculto:
            suprimidos.add((it["codigo"], it["ano"]))
            v = None
        valores[(it["codigo"], it["ano"])] = v
        texto = supressao.SIMBOLO if (it["codigo"], it["ano"]) in suprimidos else texto_valor(it["tipo"], v)
        medida = rotulo_medida(it["tipo"], it["unidade_medida"], it["alvo"])
        linhas.append(
            {
                "Ano": it["ano"],
                "Código": it["codigo"],
                "Indicador": it["nome"],
                "Unidades": ALVOS[it["alvo"]],
                "Valor": texto,
                "Unidade de medida": medida,
                "Unidades informantes": it["informantes"],
            }
        )
    df_ind = pd.DataFrame(linhas, columns=COLUNAS_DESTAQUES)
    if len(df_ind):
        df_ind = df_ind.sort_values(
            ["Ano", "Código"],
            ascending=[False, True],
            key=lambda c: c.map({x: i for i, x in enumerate(INDICADORES_DESTAQUE)}) if c.name == "Código" else c,
        ).reset_index(drop=True)

    colunas_uf = list(INDICADORES_POR_UF.values())
    por_uf = b["por_uf"]
    if por_uf:
        bruto = pd.DataFrame(
            [
                {
                    "UF": uf,
                    "Estado": b["nomes_uf"].get(uf, uf),
                    **{rot: int(vals.get(cod, 0)) for cod, rot in INDICADORES_POR_UF.items()},
                }
                for uf, vals in sorted(por_uf.items())
            ],
            columns=["UF", "Estado", *colunas_uf],
        )
        tab, masc = supressao.suprimir_dataframe(
            bruto, colunas_uf, k=k, total_linha=None, total_coluna=supressao.TOTAL, rotulo="UF"
        )
        if publicados is not None:
            for i, uf in enumerate(tab["UF"]):
                for c in colunas_uf:
                    masc.loc[i, c] = publicados.get(supressao.chave_celula(TABELA_POR_UF, uf, c), 0) is None
        df_uf = supressao.exibir(tab, masc, colunas_uf)
    else:
        df_uf = pd.DataFrame(columns=["UF", "Estado", *colunas_uf])
    # o painel publicado guarda as tabelas como o público as lê: percentuais em texto (“—” sem esperadas)
    df_c = pd.DataFrame(b["completude"], columns=COLUNAS_COMPLETUDE_PUBLICA)
    for c in ("% recebidos", "% no prazo"):
        df_c[c] = df_c[c].map(texto_pct)
    return DestaquesPublicos(b["ano"], df_ind, valores, suprimidos, df_uf, df_c)


# --- relatório periódico -----------------------------------------------------------------------------


@dataclass
class ResumoRelatorio:
    completude: pd.DataFrame  # períodos que terminam no intervalo, na situação do fim do intervalo
    indicadores: pd.DataFrame  # totais aprovados dos indicadores em destaque nesses períodos
    envios: pd.DataFrame  # envios desses períodos por situação atual


def resumo_relatorio(inicio: date, fim: date) -> ResumoRelatorio:
    """Seção “Indicadores” do relatório periódico, para os períodos de coleta que terminam entre
    `inicio` e `fim`: completude e pontualidade na data `fim` (envios posteriores não contam),
    totais **aprovados** dos indicadores em destaque e quantos envios há em cada situação (a
    atual). Só agregados, sem nomes nem contatos: quem chama (o relatório) confere o acesso."""
    with sessao() as s:
        ordem = list(PERIODICIDADES)
        pers = sorted(
            s.exec(select(PeriodoColeta).where(PeriodoColeta.fim >= inicio, PeriodoColeta.fim <= fim)).all(),
            key=lambda p: (p.fim, ordem.index(p.periodicidade)),
        )
        comp = []
        for per in pers:
            c = _calcular_completude(s, per, fim, ate=fim, com_contatos=False)
            if not c.totais["esperadas"] and not c.totais["recebidas"]:
                continue
            t = c.totais
            comp.append(
                {
                    "Período": c.rotulo,
                    "Prazo": per.prazo,
                    "Esperadas": t["esperadas"],
                    "Recebidas": t["recebidas"],
                    "No prazo": t["no_prazo"],
                    "Com atraso": t["com_atraso"],
                    "Não recebidas (prazo vencido)": t["atrasadas"],
                    "Aguardando": t["pendentes"],
                    "% recebidas": t["pct_recebidas"],
                    "% no prazo": t["pct_no_prazo"],
                }
            )
        inds = []
        for codigo in INDICADORES_DESTAQUE:
            m = _por_codigo(s, codigo)
            if m is None:
                continue
            por_unidade = _por_unidade(m, _valores(s, m.indicador.id, SO_APROVADOS, fim_entre=(inicio, fim)))
            v = _nacional(m, por_unidade)
            inds.append(
                {
                    "Código": codigo,
                    "Indicador": m.versao.nome,
                    "Unidades": ALVOS[m.indicador.alvo],
                    "Valor aprovado": texto_valor(m.tipo, v),
                    "Unidade de medida": rotulo_medida(m.tipo, m.versao.unidade_medida, m.indicador.alvo),
                    "Unidades informantes": len(por_unidade),
                }
            )
        ids = [p.id for p in pers]
        contagem = (
            dict(
                s.exec(
                    select(EnvioColeta.status, func.count())
                    .where(EnvioColeta.periodo_id.in_(ids))
                    .group_by(EnvioColeta.status)
                ).all()
            )
            if ids
            else {}
        )
    envios = pd.DataFrame(
        [{"Situação": rot, "Envios": int(contagem.get(st_, 0))} for st_, rot in STATUS_ENVIO.items()],
        columns=["Situação", "Envios"],
    )
    return ResumoRelatorio(
        pd.DataFrame(
            comp,
            columns=["Período", "Prazo", *COLUNAS_UFS[2:]],
        ),
        pd.DataFrame(
            inds,
            columns=["Código", "Indicador", "Unidades", "Valor aprovado", "Unidade de medida", "Unidades informantes"],
        ),
        envios,
    )
