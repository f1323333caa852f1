"""Fluxos de recursos: inclusão e alteração validadas, consultas agregadas em SQL (Sankey,
série mensal, mapa por UF, Fundo Municipal), prestação de contas e mapeamento de recursos
potenciais. Ler exige `recursos.ver` (DMF, admin, CNMP); gravar, `recursos.editar`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

import pandas as pd
from sqlalchemy import BigInteger, and_, case, literal, or_, type_coerce
from sqlmodel import Session, func, select

from comum.formatos import ler_dinheiro
from comum.formatos import numero as formatar_numero
from core import acesso, relogio
from core.banco import ler_em_partes, sessao, url_atual
from core.cache import agregado_em_cache
from core.config import obter_config
from core.edicao import gravar, obter_para_edicao, obter_registro
from core.erros import ErroValidacao, Problema
from dominio.cadastros.servicos import rotulos_por_municipio
from dominio.recursos.regras import (
    SALARIOS_MINIMOS_INICIAIS,
    ChaveFluxo,
    chave_natural,
    conferir_cnpj_destino,
    conferir_orgao,
    conferir_processo,
    conferir_uf,
    data_referencia,
    prazo_padrao_prestacao,
    problema_comprovante,
    problema_justificativa,
    problema_valor,
    problema_valor_aplicado,
    problemas_das_etapas,
    problemas_prestacao,
    procedimento_prestacao,
    situacao_prestacao,
)
from models.recursos import (
    ETAPAS,
    STATUS_PRESTACAO,
    TIPOS_DESTINO,
    TIPOS_ORGAO,
    TIPOS_ORIGEM,
    FluxoRecurso,
    RecursoPotencial,
    ResumoDestino,
    ResumoFluxo,
    SalarioMinimo,
)
from models.territorio import UF, Municipio
from models.tipos import Dinheiro, reais_de_centavos
from models.unidades import EscritorioSocial, FundoMunicipal
from models.usuarios import Usuario


@dataclass
class DadosFluxo:
    tipo_origem: str
    orgao_tipo: str
    orgao_origem: str
    uf_origem: str
    destino_tipo: str
    valor: Decimal | str | None  # texto "1.234,56" é aceito e convertido
    etapa: str = "potencial"
    processo: str | None = None
    fundo_id: int | None = None
    escritorio_id: int | None = None
    destino_nome: str = ""
    destino_cnpj: str | None = None
    data_potencial: date | None = None
    data_destinacao: date | None = None
    data_transferencia: date | None = None
    data_aplicacao: date | None = None
    justificativa: str = ""
    valor_aplicado: Decimal | None = None
    atividades_resultados: str = ""
    comprovante_publicidade: str | None = None
    prazo_prestacao: date | None = None
    data_prestacao: date | None = None
    status_prestacao: str = "nao_exigida"
    observacoes: str = ""


@dataclass
class Referencias:
    """O que a validação consulta no banco, carregado uma vez (a importação valida milhares de linhas)."""

    ufs: set[str]
    fundos: set[int]
    escritorios: set[int]

    @classmethod
    def carregar(cls, s: Session) -> Referencias:
        return cls(
            set(s.exec(select(UF.sigla))),
            set(s.exec(select(FundoMunicipal.id))),
            set(s.exec(select(EscritorioSocial.id))),
        )


# campo do fluxo → nome na mensagem; o tamanho máximo vem da própria coluna (models/recursos.py)
TEXTOS_LIMITADOS = {
    "orgao_origem": "órgão de origem",
    "destino_nome": "nome do destino",
    "justificativa": "justificativa",
    "atividades_resultados": "atividades e resultados",
    "comprovante_publicidade": "comprovante de publicidade",
}


@cache
def limite_de_texto(campo: str) -> int:
    """Quantos caracteres cabem na coluna `campo` de FluxoRecurso (lido do modelo uma vez: a
    importação confere cada linha)."""
    return FluxoRecurso.__table__.c[campo].type.length


def problemas_de_tamanho(textos: dict[str, str | None]) -> list[Problema]:
    """Textos (já normalizados) maiores que a coluna: o banco recusaria a gravação (o PostgreSQL)
    ou guardaria mais do que o cadastro prevê (o SQLite); aqui vira mensagem do campo."""
    p = []
    for campo, rotulo in TEXTOS_LIMITADOS.items():
        texto, limite = textos.get(campo), limite_de_texto(campo)
        if texto and len(texto) > limite:
            p.append(
                Problema(rotulo, f"tem {formatar_numero(len(texto))} caracteres; o máximo é {formatar_numero(limite)}")
            )
    return p


def validar_fluxo(d: DadosFluxo, refs: Referencias, hoje: date) -> tuple[DadosFluxo, list[Problema]]:
    """Confere um fluxo e devolve (dados normalizados, problemas). Nada é gravado aqui. Cada
    regra (e a sua mensagem) está em dominio/recursos/regras.py, com a norma que a funda; a
    importação de planilhas chama as mesmas."""
    p: list[Problema] = []

    def anotar(campo: str, mensagem: str | None) -> None:
        if mensagem:
            p.append(Problema(campo, mensagem))

    if d.tipo_origem not in TIPOS_ORIGEM:
        p.append(Problema("tipo de origem", f"“{d.tipo_origem}” não é válido"))
    if d.orgao_tipo not in TIPOS_ORGAO:
        p.append(Problema("tipo do órgão de origem", f"“{d.orgao_tipo}” não é válido"))
    orgao, msg = conferir_orgao(d.orgao_origem)
    anotar("órgão de origem", msg)
    uf, msg = conferir_uf(d.uf_origem, refs.ufs)
    anotar("UF de origem", msg)
    processo, msg = conferir_processo(d.tipo_origem, d.processo, hoje)
    anotar("número do processo", msg)
    valor = d.valor
    if isinstance(valor, str):  # digitado na tela: "1.234,56"
        try:
            valor = ler_dinheiro(valor) if valor.strip() else None
        except ValueError as exc:
            p.append(Problema("valor", str(exc)))
            valor = Decimal("NaN")
        else:
            anotar("valor", problema_valor(valor))
    else:
        anotar("valor", problema_valor(valor))
    fundo_id = escritorio_id = None
    nome_destino = " ".join((d.destino_nome or "").split())
    if d.destino_tipo not in TIPOS_DESTINO:
        p.append(Problema("tipo de destino", f"“{d.destino_tipo}” não é válido"))
    elif d.destino_tipo == "fundo":
        if d.fundo_id not in refs.fundos:
            p.append(Problema("Fundo Municipal de destino", "não encontrado no cadastro de Fundos"))
        fundo_id = d.fundo_id
    elif d.destino_tipo == "escritorio":
        if d.escritorio_id not in refs.escritorios:
            p.append(Problema("Escritório Social de destino", "não encontrado no cadastro de Escritórios"))
        escritorio_id = d.escritorio_id
    elif not nome_destino:
        p.append(Problema("nome do destino", "informe o projeto ou a entidade beneficiária"))
    cnpj, msg = conferir_cnpj_destino(d.destino_tipo, d.destino_cnpj)
    anotar("CNPJ do destino", msg)
    datas = {k: getattr(d, k) for k in ("data_potencial", "data_destinacao", "data_transferencia", "data_aplicacao")}
    p += [Problema(c, m) for c, m in problemas_das_etapas(d.etapa, datas, hoje)]
    justificativa = (d.justificativa or "").strip()
    anotar("justificativa", problema_justificativa(d.tipo_origem, d.etapa, justificativa))
    anotar("valor aplicado", problema_valor_aplicado(d.valor_aplicado, valor))
    p += [Problema(c, m) for c, m in problemas_prestacao(d.status_prestacao, d.data_prestacao, d.valor_aplicado)]
    anotar("comprovante de publicidade", problema_comprovante(d.comprovante_publicidade))
    comprovante = (d.comprovante_publicidade or "").strip() or None
    p += problemas_de_tamanho(
        {
            "orgao_origem": orgao,
            "destino_nome": nome_destino,
            "justificativa": justificativa,
            "atividades_resultados": d.atividades_resultados,
            "comprovante_publicidade": comprovante,
        }
    )
    prazo = d.prazo_prestacao
    if prazo is None and d.status_prestacao == "pendente":
        prazo = prazo_padrao_prestacao(d.data_transferencia, obter_config().prazo_prestacao_dias)
    limpo = DadosFluxo(**{f.name: getattr(d, f.name) for f in fields(d)})
    limpo.orgao_origem, limpo.uf_origem, limpo.processo, limpo.valor = orgao, uf, processo, valor
    limpo.fundo_id, limpo.escritorio_id, limpo.destino_nome, limpo.destino_cnpj = (
        fundo_id,
        escritorio_id,
        nome_destino,
        cnpj,
    )
    limpo.justificativa, limpo.prazo_prestacao = justificativa, prazo
    limpo.comprovante_publicidade = comprovante
    return limpo, p


def chave_de(d: DadosFluxo) -> str:
    destino = {"fundo": f"fundo:{d.fundo_id}", "escritorio": f"escritorio:{d.escritorio_id}"}.get(
        d.destino_tipo, f"projeto:{d.destino_cnpj or d.destino_nome}"
    )
    primeira = next(
        (x for x in (d.data_potencial, d.data_destinacao, d.data_transferencia, d.data_aplicacao) if x), None
    )
    return chave_natural(ChaveFluxo(d.tipo_origem, d.orgao_origem, d.uf_origem, d.processo, destino, d.valor, primeira))


def colunas_novo_fluxo(d: DadosFluxo, hoje: date | None = None) -> dict:
    """Os valores das colunas de um fluxo novo (sem id, versão e datas de criação): os dados
    validados, a data de referência e a chave natural. Sem nenhuma data (potencial ainda sem
    data), a referência é `hoje` — o informado ao serviço."""
    datas = {k: getattr(d, k) for k in ("data_potencial", "data_destinacao", "data_transferencia", "data_aplicacao")}
    return {
        **{f.name: getattr(d, f.name) for f in fields(d)},
        "data_referencia": data_referencia(datas) or hoje or relogio.hoje(),
        "chave_natural": chave_de(d),
    }


def novo_fluxo(d: DadosFluxo, hoje: date | None = None) -> FluxoRecurso:
    return FluxoRecurso(**colunas_novo_fluxo(d, hoje))


def salvar_fluxo(
    ator: Usuario | None, dados: DadosFluxo, *, hoje: date, ident: int | None = None, versao: int | None = None
) -> FluxoRecurso:
    acesso.exigir(ator, acesso.RECURSOS_EDITAR)
    with sessao(ator) as s:
        limpo, p = validar_fluxo(dados, Referencias.carregar(s), hoje)
        if not p:
            chave = chave_de(limpo)
            outro = s.exec(select(FluxoRecurso.id).where(FluxoRecurso.chave_natural == chave)).first()
            if outro is not None and outro != ident:
                p.append(
                    Problema("fluxo", f"já existe um fluxo igual (nº {outro}): mesma origem, destino, valor e data")
                )
        if p:
            raise ErroValidacao(p)
        if ident is None:
            f = novo_fluxo(limpo, hoje)
        else:
            f = obter_para_edicao(s, FluxoRecurso, ident, versao, "Este fluxo")
            for campo in fields(limpo):
                setattr(f, campo.name, getattr(limpo, campo.name))
            datas = {
                k: getattr(limpo, k)
                for k in ("data_potencial", "data_destinacao", "data_transferencia", "data_aplicacao")
            }
            f.data_referencia = data_referencia(datas) or f.data_referencia
            f.chave_natural = chave_de(limpo)
        s.add(f)
        gravar(s, "Este fluxo")
        return f


def obter_fluxo(ator: Usuario | None, ident: int) -> FluxoRecurso:
    return obter_registro(ator, acesso.RECURSOS_VER, FluxoRecurso, ident, f"Fluxo {ident} não encontrado.")


# --- filtros e consultas agregadas (em SQL) ----------------------------------------------------


@dataclass
class Filtros:
    inicio: date | None = None
    fim: date | None = None
    ufs: list[str] = field(default_factory=list)
    origens: list[str] = field(default_factory=list)
    etapas: list[str] = field(default_factory=list)
    fundo_id: int | None = None

    def chave(self) -> tuple:
        """Os filtros como tupla (argumento das consultas em cache). Um limite de período que
        abrange todos os fluxos não filtra nada e sai da chave: o período padrão da página é o
        intervalo inteiro, e sem a condição de data o banco lê só o índice de cobertura (ou a
        tabela em sequência) em vez de ir do índice de datas a cada linha — no SQLite, com um
        milhão de fluxos, o Sankey cai de 4,3 s para ~2 s."""
        primeira, ultima = _intervalo_datas(url_atual())
        inicio = None if self.inicio and primeira and self.inicio <= primeira else self.inicio
        fim = None if self.fim and ultima and self.fim >= ultima else self.fim
        return (
            inicio,
            fim,
            tuple(sorted(self.ufs)),
            tuple(sorted(self.origens)),
            tuple(sorted(self.etapas)),
            self.fundo_id,
        )

    @classmethod
    def de_chave(cls, chave: tuple) -> Filtros:
        inicio, fim, ufs, origens, etapas, fundo_id = chave
        return cls(inicio, fim, list(ufs), list(origens), list(etapas), fundo_id)


# As consultas agregadas abaixo ficam em `st.cache_data` por banco (URL) e filtros, com TTL, e
# são limpas a cada gravação neste processo (core.cache): com um milhão de fluxos, cada GROUP BY
# custa segundos no SQLite, e a página os repete a cada clique. A permissão é conferida fora do
# cache, a cada chamada.
# tabelas que estes agregados leem: só gravar nelas os limpa (indicadores, cadastros de pessoas… não)
TABELAS_RECURSOS = tuple(
    m.__tablename__
    for m in (FluxoRecurso, FundoMunicipal, EscritorioSocial, RecursoPotencial, SalarioMinimo, UF, Municipio)
)
_em_cache = agregado_em_cache(tabelas=TABELAS_RECURSOS)


def _onde_categorias(f: Filtros, modelo) -> list:
    """Condições de UF, origem e etapa sobre `modelo` (FluxoRecurso ou ResumoFluxo, que têm as
    mesmas colunas)."""
    c = []
    if f.ufs:
        c.append(modelo.uf_origem.in_(f.ufs))
    if f.origens:
        c.append(modelo.tipo_origem.in_(f.origens))
    if f.etapas:
        c.append(modelo.etapa.in_(f.etapas))
    return c


def _onde(f: Filtros) -> list:
    x = FluxoRecurso
    c = _onde_categorias(f, x)
    if f.inicio:
        c.append(x.data_referencia >= f.inicio)
    if f.fim:
        c.append(x.data_referencia <= f.fim)
    if f.fundo_id is not None:
        c.append(x.fundo_id == f.fundo_id)
    return c


def intervalo_datas(ator: Usuario | None) -> tuple[date | None, date | None]:
    """Primeira e última data de referência dos fluxos (período padrão dos filtros)."""
    acesso.exigir(ator, acesso.RECURSOS_VER)
    return _intervalo_datas(url_atual())


@_em_cache
def _intervalo_datas(url: str) -> tuple[date | None, date | None]:
    # mínimo e máximo em subconsultas separadas: cada uma desce uma vez o índice que começa pela
    # data (ix_fluxo_recurso_data_agregados); juntos num só SELECT, o SQLite percorre o índice
    # inteiro (0,15 s com um milhão de fluxos)
    d = FluxoRecurso.data_referencia
    with sessao(url=url) as s:
        return tuple(s.exec(select(select(func.min(d)).scalar_subquery(), select(func.max(d)).scalar_subquery())).one())


def totais(ator: Usuario | None, f: Filtros) -> dict[str, Decimal | int]:
    """Quantidade de fluxos, valor total e valor por etapa com os filtros."""
    acesso.exigir(ator, acesso.RECURSOS_VER)
    return _totais(url_atual(), f.chave())


@_em_cache
def _totais(url: str, chave: tuple) -> dict[str, Decimal | int]:
    f = Filtros.de_chave(chave)
    with sessao(url=url) as s:
        if f.inicio is None and f.fim is None and f.fundo_id is None:
            # sem período nem Fundo (o padrão da página): do resumo que o banco mantém por gatilhos
            # (migração 0008), com os filtros de UF, origem e etapa, que são colunas dele
            r = ResumoFluxo
            linhas = s.exec(
                select(r.etapa, func.sum(r.quantidade), type_coerce(func.sum(r.valor), Dinheiro()))
                .where(r.quantidade > 0, *_onde_categorias(f, r))
                .group_by(r.etapa)
            ).all()
        else:
            x = FluxoRecurso
            linhas = s.exec(select(x.etapa, func.count(), func.sum(x.valor)).where(*_onde(f)).group_by(x.etapa)).all()
    por = {e: (int(n), v or Decimal("0.00")) for e, n, v in linhas}
    return {
        "fluxos": sum(n for n, _ in por.values()),
        "total": sum((v for _, v in por.values()), Decimal("0.00")),
        **{e: por.get(e, (0, Decimal("0.00")))[1] for e in ETAPAS},
    }


def _rotulo_destino_sql():
    x = FluxoRecurso
    return case(
        (x.destino_tipo == "fundo", FundoMunicipal.nome),
        (x.destino_tipo == "escritorio", EscritorioSocial.nome),
        else_=x.destino_nome,
    )


def dados_sankey(ator: Usuario | None, f: Filtros, top_n: int = 10) -> pd.DataFrame:
    """Soma por (origem, UF, tipo de destino, destino), agregada no banco; os `top_n` destinos de
    maior valor ficam com o nome, os demais viram "Outros destinos"."""
    acesso.exigir(ator, acesso.RECURSOS_VER)
    return _dados_sankey(url_atual(), f.chave(), top_n)


@_em_cache
def _dados_sankey(url: str, chave: tuple, top_n: int) -> pd.DataFrame:
    f = Filtros.de_chave(chave)
    if f.inicio is None and f.fim is None and f.fundo_id is None:
        # sem período nem Fundo (o padrão da página): do resumo por destino que o banco mantém por
        # gatilhos (migração 0014), com os filtros de UF, origem e etapa, que são colunas dele — na
        # base nacional, ~84 mil grupos em vez de um milhão de fluxos
        r = ResumoDestino
        q = (
            select(
                r.destino_tipo,
                r.tipo_origem,
                r.uf_origem,
                r.destino_id.label("fundo_id"),
                r.destino_id.label("escritorio_id"),  # os nomes vêm do tipo do destino
                r.destino_nome,
                type_coerce(func.sum(r.valor), BigInteger).label("centavos"),
            )
            .where(r.quantidade > 0, *_onde_categorias(f, r))
            # na ordem da chave primária: o banco agrupa lendo-a em sequência, sem ordenar
            .group_by(r.destino_tipo, r.destino_id, r.destino_nome, r.tipo_origem, r.uf_origem)
        )
    else:
        # soma por destino (ids) só no índice de cobertura `ix_fluxo_recurso_destinos` (migração
        # 0007), sem juntar as tabelas de Fundos e Escritórios linha a linha; os nomes entram
        # depois, em Python, sobre uns milhares de grupos (com um milhão de fluxos: 2,6 s → 0,2 s
        # no SQLite)
        x = FluxoRecurso
        q = (
            select(
                x.destino_tipo,
                x.tipo_origem,
                x.uf_origem,
                x.fundo_id,
                x.escritorio_id,
                x.destino_nome,
                type_coerce(func.sum(x.valor), BigInteger).label("centavos"),
            )
            .where(*_onde(f))
            .group_by(x.destino_tipo, x.tipo_origem, x.uf_origem, x.fundo_id, x.escritorio_id, x.destino_nome)
        )
    with sessao(url=url) as s:
        # pelo Core e em centavos inteiros: dezenas de milhares de grupos sem objeto ORM nem Decimal
        # por linha; as somas do pandas ficam em int64 e só as poucas linhas do gráfico viram reais
        grupos = s.connection().execute(q).all()
        fundos = dict(s.exec(select(FundoMunicipal.id, FundoMunicipal.nome)).all())
        escritorios = dict(s.exec(select(EscritorioSocial.id, EscritorioSocial.nome)).all())
    linhas = [
        (
            origem,
            uf,
            tipo,
            fundos.get(fundo_id) if tipo == "fundo" else escritorios.get(escr_id) if tipo == "escritorio" else nome,
            centavos,
        )
        for tipo, origem, uf, fundo_id, escr_id, nome, centavos in grupos
    ]
    df = pd.DataFrame(linhas, columns=["origem", "uf", "destino_tipo", "destino", "valor"])
    if df.empty:
        return df
    df = df.groupby(["origem", "uf", "destino_tipo", "destino"], as_index=False)["valor"].sum()
    por_destino = df.groupby("destino")["valor"].sum().sort_values(ascending=False, kind="stable")
    principais = set(por_destino.index[: max(1, top_n)])
    df["destino"] = df["destino"].where(df["destino"].isin(principais), "Outros destinos")
    df["origem"] = df["origem"].map(TIPOS_ORIGEM)
    df["destino_tipo"] = df["destino_tipo"].map(TIPOS_DESTINO)
    df = df.groupby(["origem", "uf", "destino_tipo", "destino"], as_index=False)["valor"].sum()
    df["valor"] = df["valor"].map(reais_de_centavos).astype(object)
    return df


def serie_mensal(ator: Usuario | None, f: Filtros) -> pd.DataFrame:
    """Valor por mês (da data de referência) e origem, somado no banco."""
    acesso.exigir(ator, acesso.RECURSOS_VER)
    return _serie_mensal(url_atual(), f.chave())


@_em_cache
def _serie_mensal(url: str, chave: tuple) -> pd.DataFrame:
    f = Filtros.de_chave(chave)
    x = FluxoRecurso
    with sessao(url=url) as s:
        dialeto = s.get_bind().dialect.name
        mes = (
            func.strftime("%Y-%m", x.data_referencia)
            if dialeto == "sqlite"
            else func.to_char(x.data_referencia, "YYYY-MM")
        ).label("mes")
        linhas = s.exec(
            select(mes, x.tipo_origem, func.sum(x.valor)).where(*_onde(f)).group_by(mes, x.tipo_origem).order_by(mes)
        ).all()
    df = pd.DataFrame(linhas, columns=["Mês", "Origem", "Valor"])
    df["Origem"] = df["Origem"].map(TIPOS_ORIGEM)
    return df


def por_uf(ator: Usuario | None, f: Filtros) -> pd.DataFrame:
    """Por UF (as 27): valor destinado a Fundos e Escritórios (etapas destinado em diante) e total."""
    acesso.exigir(ator, acesso.RECURSOS_VER)
    return _por_uf(url_atual(), f.chave())


@_em_cache
def _por_uf(url: str, chave: tuple) -> pd.DataFrame:
    f = Filtros.de_chave(chave)
    x = FluxoRecurso
    destinado = type_coerce(func.sum(case((x.etapa != "potencial", x.valor), else_=literal(0))), Dinheiro())
    zero = Decimal("0.00")
    with sessao(url=url) as s:
        ufs = s.exec(select(UF.sigla, UF.nome, UF.regiao).order_by(UF.sigla)).all()
        somas = {
            u: (n, tot or zero, dest or zero)
            for u, n, tot, dest in s.exec(
                select(x.uf_origem, func.count(), type_coerce(func.sum(x.valor), Dinheiro()), destinado)
                .where(*_onde(f))
                .group_by(x.uf_origem)
            )
        }
    linhas = []
    for sigla, nome, regiao in ufs:
        n, tot, dest = somas.get(sigla, (0, zero, zero))
        linhas.append(
            {"UF": sigla, "Estado": nome, "Região": regiao, "Fluxos": int(n), "Total (R$)": tot, "Destinado (R$)": dest}
        )
    df = pd.DataFrame(linhas, columns=["UF", "Estado", "Região", "Fluxos", "Total (R$)", "Destinado (R$)"])
    df["Destinado (mil R$)"] = df["Destinado (R$)"].map(lambda v: float(v) / 1000)
    return df


COLUNAS_FLUXOS = [
    "id",
    "Data",
    "Origem",
    "Órgão de origem",
    "UF",
    "Processo",
    "Destino",
    "Valor (R$)",
    "Etapa",
    "Prestação de contas",
    "Prazo",
]
TAMANHO_DA_PARTE = 5000  # linhas por leitura na exportação completa


def _consulta_fluxos(f: Filtros):
    """A consulta da tabela de fluxos com os filtros `f` (mais recentes primeiro): a mesma para a
    página da tela e para a exportação completa."""
    x = FluxoRecurso
    return (
        select(
            x.id,
            x.data_referencia,
            x.tipo_origem,
            x.orgao_origem,
            x.uf_origem,
            x.processo,
            x.destino_tipo,
            _rotulo_destino_sql().label("destino"),
            x.valor,
            x.etapa,
            x.status_prestacao,
            x.prazo_prestacao,
        )
        .outerjoin(FundoMunicipal, FundoMunicipal.id == x.fundo_id)
        .outerjoin(EscritorioSocial, EscritorioSocial.id == x.escritorio_id)
        .where(*_onde(f))
        .order_by(x.data_referencia.desc(), x.id.desc())
    )


def _quadro_fluxos(linhas) -> pd.DataFrame:
    return pd.DataFrame(
        [
            (
                r[0],
                r[1],
                TIPOS_ORIGEM[r[2]],
                r[3],
                r[4],
                r[5] or "",
                f"{r[7]} ({TIPOS_DESTINO[r[6]]})",
                r[8],
                ETAPAS[r[9]],
                STATUS_PRESTACAO[r[10]],
                r[11],
            )
            for r in linhas
        ],
        columns=COLUNAS_FLUXOS,
    )


def tabela_fluxos(
    ator: Usuario | None, f: Filtros, *, pagina: int = 1, por_pagina: int = 200
) -> tuple[pd.DataFrame, int]:
    """Página de fluxos (mais recentes primeiro) e o total com os filtros (contado em cache)."""
    acesso.exigir(ator, acesso.RECURSOS_VER)
    total = totais(ator, f)["fluxos"]
    with sessao(ator) as s:
        linhas = s.exec(_consulta_fluxos(f).offset((max(1, pagina) - 1) * por_pagina).limit(por_pagina)).all()
    return _quadro_fluxos(linhas), int(total)


def fluxos_em_partes(ator: Usuario | None, f: Filtros, *, tamanho: int = TAMANHO_DA_PARTE) -> Iterator[pd.DataFrame]:
    """Todos os fluxos com os filtros `f`, nas colunas e na ordem de `tabela_fluxos`, em partes de
    `tamanho` linhas lidas do banco aos poucos (`yield_per`: no PostgreSQL, cursor no servidor),
    para exportar um milhão de fluxos sem tê-los todos na memória."""
    acesso.exigir(ator, acesso.RECURSOS_VER)  # agora, não no primeiro `next`
    return ler_em_partes(ator, _consulta_fluxos(f), tamanho, _quadro_fluxos)


def receitas_do_fundo(ator: Usuario | None, fundo_id: int) -> pd.DataFrame:
    """Fundo Municipal: receita por origem e ano (etapas transferido e aplicado) e o aplicado."""
    acesso.exigir(ator, acesso.RECURSOS_VER)
    x = FluxoRecurso
    with sessao(ator) as s:
        dialeto = s.get_bind().dialect.name
        ano = (
            func.strftime("%Y", x.data_referencia) if dialeto == "sqlite" else func.to_char(x.data_referencia, "YYYY")
        ).label("ano")
        linhas = s.exec(
            select(ano, x.tipo_origem, func.sum(x.valor), func.sum(x.valor_aplicado), func.count())
            .where(x.fundo_id == fundo_id, x.etapa.in_(("transferido", "aplicado")))
            .group_by(ano, x.tipo_origem)
            .order_by(ano, x.tipo_origem)
        ).all()
    return pd.DataFrame(
        [
            {
                "Ano": int(a),
                "Origem": TIPOS_ORIGEM[t],
                "Transferido (R$)": v or Decimal("0.00"),
                "Aplicado (R$)": ap or Decimal("0.00"),
                "Fluxos": int(n),
            }
            for a, t, v, ap, n in linhas
        ],
        columns=["Ano", "Origem", "Transferido (R$)", "Aplicado (R$)", "Fluxos"],
    )


# --- prestação de contas ---------------------------------------------------------------------


def historico_salario_minimo() -> list[tuple[date, Decimal]]:
    with sessao() as s:
        return [
            (r.vigencia_inicio, r.valor) for r in s.exec(select(SalarioMinimo).order_by(SalarioMinimo.vigencia_inicio))
        ]


def carregar_salarios_minimos(s: Session) -> int:
    """Inclui os valores conhecidos do salário mínimo que faltarem (referência)."""
    existentes = set(s.exec(select(SalarioMinimo.vigencia_inicio)))
    n = 0
    for inicio, valor, norma in SALARIOS_MINIMOS_INICIAIS:
        if inicio not in existentes:
            s.add(SalarioMinimo(vigencia_inicio=inicio, valor=valor, norma=norma))
            n += 1
    return n


def salvar_salario_minimo(
    ator: Usuario | None, inicio: date | None, valor: Decimal | str | None, norma: str
) -> SalarioMinimo:
    """O administrador inclui ou corrige o salário mínimo a partir de uma data (histórico)."""
    acesso.exigir(ator, acesso.USUARIOS_GERIR)  # parâmetro do sistema: administrador
    p = []
    if isinstance(valor, str):
        try:
            valor = ler_dinheiro(valor)
        except ValueError as exc:
            p.append(Problema("valor", str(exc)))
            valor = Decimal("1")
    if inicio is None:
        p.append(Problema("vigência", "informe a data a partir da qual o valor vale"))
    if valor is None or valor <= 0:
        p.append(Problema("valor", "informe um valor maior que zero"))
    if p:
        raise ErroValidacao(p)
    with sessao(ator) as s:
        atual = s.get(SalarioMinimo, inicio)
        if atual is None:
            atual = SalarioMinimo(vigencia_inicio=inicio, valor=valor, norma=norma.strip())
        else:
            atual.valor, atual.norma = valor, norma.strip()
        s.add(atual)
        return atual


SITUACOES_PRESTACAO = ("vencida", "a vencer", "no prazo", "sem prazo", "entregue")
_ENTREGUE = ("apresentada", "aprovada", "rejeitada")
_PENDENTE = tuple(k for k in STATUS_PRESTACAO if k not in ("nao_exigida", *_ENTREGUE))
JANELA_A_VENCER = 30  # dias (o padrão de `situacao_prestacao`)


def _condicao_prazo(situacao: str, hoje: date):
    """Para as prestações pendentes: a faixa de prazo de cada situação."""
    x = FluxoRecurso
    limite = hoje + timedelta(days=JANELA_A_VENCER)
    return {
        "sem prazo": x.prazo_prestacao.is_(None),
        "vencida": x.prazo_prestacao < hoje,
        "a vencer": and_(x.prazo_prestacao >= hoje, x.prazo_prestacao <= limite),
        "no prazo": x.prazo_prestacao > limite,
    }[situacao]


def condicao_situacoes(situacoes, hoje: date):
    """Condição SQL equivalente a `recursos_regras.situacao_prestacao(...) in situacoes` (Res.
    Conjunta CNJ/CNMP 10/2024, art. 14), para filtrar e contar no banco sem ler os fluxos. O
    teste `test_condicao_sql_igual_a_regra` confere as duas em todos os casos de fronteira. O
    status pendente fica fora do OU das faixas de prazo: assim o SQLite percorre o índice
    (status, prazo) em ordem de prazo e para na página (2 ms em vez de 1 s com um milhão)."""
    x = FluxoRecurso
    partes = []
    prazos = [
        _condicao_prazo(sit, hoje) for sit in situacoes if sit in ("sem prazo", "vencida", "a vencer", "no prazo")
    ]
    if prazos:
        partes.append(and_(x.status_prestacao.in_(_PENDENTE), or_(*prazos)))
    if "entregue" in situacoes:
        partes.append(x.status_prestacao.in_(_ENTREGUE))
    if "não exigida" in situacoes:
        partes.append(x.status_prestacao == "nao_exigida")
    return or_(*partes) if partes else literal(False)


def _filtros_prestacao(hoje: date, situacoes, ufs, fundo_id) -> list:
    x = FluxoRecurso
    c = [condicao_situacoes(situacoes or SITUACOES_PRESTACAO, hoje)]
    if ufs:
        c.append(x.uf_origem.in_(ufs))
    if fundo_id is not None:
        c.append(x.fundo_id == fundo_id)
    return c


@_em_cache
def _resumo_prestacoes(url: str, hoje: date, ufs: tuple[str, ...]) -> dict[str, tuple[int, Decimal]]:
    """Soma por status e prazo no banco (só o índice de cobertura (status, prazo, valor): uns
    milhares de grupos para um milhão de fluxos) e a situação de cada grupo pela própria regra,
    `situacao_prestacao`."""
    x = FluxoRecurso
    q = (
        select(x.status_prestacao, x.prazo_prestacao, func.count(), type_coerce(func.sum(x.valor), Dinheiro()))
        .where(x.status_prestacao.in_(_PENDENTE + _ENTREGUE))
        .group_by(x.status_prestacao, x.prazo_prestacao)
    )
    if ufs:
        q = q.where(x.uf_origem.in_(ufs))
    zero = Decimal("0.00")
    por = {n: [0, zero] for n in SITUACOES_PRESTACAO}
    with sessao(url=url) as s:
        for status, prazo, n, v in s.exec(q):
            soma = por[situacao_prestacao(status=status, prazo=prazo, hoje=hoje, janela_dias=JANELA_A_VENCER)]
            soma[0] += int(n)
            soma[1] += v or zero
    return {n: (q_, v) for n, (q_, v) in por.items()}


def resumo_prestacoes(
    ator: Usuario | None, hoje: date, *, ufs: list[str] | None = None
) -> dict[str, tuple[int, Decimal]]:
    """Quantidade e valor das prestações de contas devidas por situação ("vencida", "a vencer"…),
    contados no banco e guardados em cache (limpo a cada gravação)."""
    acesso.exigir(ator, acesso.RECURSOS_VER)
    return _resumo_prestacoes(url_atual(), hoje, tuple(sorted(ufs or ())))


COLUNAS_PRESTACOES = [
    "id",
    "Prazo",
    "Situação",
    "Dias",
    "Procedimento",
    "Origem",
    "Órgão de origem",
    "UF",
    "Processo",
    "Destino",
    "Valor (R$)",
    "Status",
    "Apresentada em",
    "Aplicado (R$)",
]


def _consulta_prestacoes(hoje: date, situacoes, ufs, fundo_id):
    """A consulta das prestações de contas com os filtros (pelo prazo): a mesma para a página da
    tela e para a exportação completa."""
    x = FluxoRecurso
    return (
        select(
            x.id,
            x.tipo_origem,
            x.orgao_origem,
            x.uf_origem,
            x.processo,
            _rotulo_destino_sql().label("destino"),
            x.valor,
            x.data_destinacao,
            x.data_transferencia,
            x.prazo_prestacao,
            x.status_prestacao,
            x.data_prestacao,
            x.valor_aplicado,
        )
        .outerjoin(FundoMunicipal, FundoMunicipal.id == x.fundo_id)
        .outerjoin(EscritorioSocial, EscritorioSocial.id == x.escritorio_id)
        .where(*_filtros_prestacao(hoje, situacoes, ufs, fundo_id))
        .order_by(x.prazo_prestacao, x.id)
    )


def _quadro_prestacoes(linhas, hoje: date, historico: list[tuple[date, Decimal]]) -> pd.DataFrame:
    saida = []
    for r in linhas:
        base = r[7] or r[8] or hoje
        saida.append(
            (
                r[0],
                r[9],
                situacao_prestacao(status=r[10], prazo=r[9], hoje=hoje),
                (r[9] - hoje).days if r[9] else None,
                procedimento_prestacao(r[6], base, historico),
                TIPOS_ORIGEM[r[1]],
                r[2],
                r[3],
                r[4] or "",
                r[5],
                r[6],
                STATUS_PRESTACAO[r[10]],
                r[11],
                r[12],
            )
        )
    return pd.DataFrame(saida, columns=COLUNAS_PRESTACOES)


def prestacoes(
    ator: Usuario | None,
    hoje: date,
    *,
    situacoes: list[str] | None = None,
    ufs: list[str] | None = None,
    fundo_id: int | None = None,
    pagina: int | None = None,
    por_pagina: int = 200,
) -> pd.DataFrame:
    """Prestações de contas devidas (status diferente de "não exigida"), com situação de prazo e
    procedimento (simplificado até 30 salários mínimos), por prazo. Situação, UF e Fundo filtram
    no banco; com `pagina`, só aquela página (`por_pagina` linhas): com um milhão de fluxos a
    página não lê os demais."""
    acesso.exigir(ator, acesso.RECURSOS_VER)
    q = _consulta_prestacoes(hoje, situacoes, ufs, fundo_id)
    if pagina is not None:
        q = q.offset((max(1, pagina) - 1) * por_pagina).limit(por_pagina)
    historico = historico_salario_minimo()
    with sessao(ator) as s:
        linhas = s.exec(q).all()
    return _quadro_prestacoes(linhas, hoje, historico)


def prestacoes_em_partes(
    ator: Usuario | None,
    hoje: date,
    *,
    situacoes: list[str] | None = None,
    ufs: list[str] | None = None,
    fundo_id: int | None = None,
    tamanho: int = TAMANHO_DA_PARTE,
) -> Iterator[pd.DataFrame]:
    """Todas as prestações com os filtros de `prestacoes`, nas mesmas colunas e ordem, em partes
    de `tamanho` linhas lidas do banco aos poucos (para a exportação completa)."""
    acesso.exigir(ator, acesso.RECURSOS_VER)
    historico = historico_salario_minimo()
    return ler_em_partes(
        ator,
        _consulta_prestacoes(hoje, situacoes, ufs, fundo_id),
        tamanho,
        lambda linhas: _quadro_prestacoes(linhas, hoje, historico),
    )


# --- mapeamento de recursos potenciais --------------------------------------------------------


def salvar_potencial(
    ator: Usuario | None,
    *,
    uf: str,
    ano: int | None,
    tipo_origem: str,
    orgao: str,
    valor: Decimal | str | None,
    fonte: str,
) -> RecursoPotencial:
    acesso.exigir(ator, acesso.RECURSOS_EDITAR)
    p = []
    if tipo_origem not in TIPOS_ORIGEM:
        p.append(Problema("origem", "escolha a origem"))
    if ano is None or not 2000 <= ano <= 2100:
        p.append(Problema("ano", "informe o ano (ex.: 2025)"))
    if isinstance(valor, str):
        try:
            valor = ler_dinheiro(valor)
        except ValueError as exc:
            p.append(Problema("valor estimado", str(exc)))
            valor = Decimal("0")
    if valor is None or valor < 0:
        p.append(Problema("valor estimado", "informe um valor não negativo"))
    with sessao(ator) as s:
        uf, problema = conferir_uf(uf, set(s.exec(select(UF.sigla))))
        if problema:
            p.append(Problema("UF", problema))
        if p:
            raise ErroValidacao(p)
        existente = s.exec(
            select(RecursoPotencial).where(
                RecursoPotencial.uf_sigla == uf,
                RecursoPotencial.ano == ano,
                RecursoPotencial.tipo_origem == tipo_origem,
                RecursoPotencial.orgao == orgao.strip(),
            )
        ).first()
        r = existente or RecursoPotencial(
            uf_sigla=uf, ano=ano, tipo_origem=tipo_origem, orgao=orgao.strip(), valor_estimado=valor
        )
        r.valor_estimado, r.fonte = valor, fonte.strip()
        s.add(r)
        gravar(s, "Esta estimativa")
        return r


def mapeamento(ator: Usuario | None, ano: int) -> pd.DataFrame:
    """Por UF e origem, no ano: recurso potencial estimado × valor destinado a Fundos e Escritórios."""
    acesso.exigir(ator, acesso.RECURSOS_VER)
    return _mapeamento(url_atual(), ano)


@_em_cache
def _mapeamento(url: str, ano: int) -> pd.DataFrame:
    x = FluxoRecurso
    inicio, fim = date(ano, 1, 1), date(ano, 12, 31)
    with sessao(url=url) as s:
        pot = s.exec(
            select(RecursoPotencial.uf_sigla, RecursoPotencial.tipo_origem, func.sum(RecursoPotencial.valor_estimado))
            .where(RecursoPotencial.ano == ano)
            .group_by(RecursoPotencial.uf_sigla, RecursoPotencial.tipo_origem)
        ).all()
        dest = s.exec(
            select(x.uf_origem, x.tipo_origem, func.sum(x.valor))
            .where(
                x.etapa != "potencial",
                x.destino_tipo.in_(("fundo", "escritorio")),
                x.data_destinacao >= inicio,
                x.data_destinacao <= fim,
            )
            .group_by(x.uf_origem, x.tipo_origem)
        ).all()
    chaves: dict[tuple[str, str], list] = {}
    for uf, tipo, v in pot:
        chaves.setdefault((uf, tipo), [Decimal("0.00"), Decimal("0.00")])[0] = v or Decimal("0.00")
    for uf, tipo, v in dest:
        chaves.setdefault((uf, tipo), [Decimal("0.00"), Decimal("0.00")])[1] = v or Decimal("0.00")
    linhas = [
        {
            "UF": uf,
            "Origem": TIPOS_ORIGEM[tipo],
            "Potencial estimado (R$)": a,
            "Destinado a Fundos e Escritórios (R$)": b,
            "Aproveitamento": (float(b / a) if a else None),
        }
        for (uf, tipo), (a, b) in sorted(chaves.items())
    ]
    return pd.DataFrame(
        linhas,
        columns=["UF", "Origem", "Potencial estimado (R$)", "Destinado a Fundos e Escritórios (R$)", "Aproveitamento"],
    )


def opcoes_destino() -> dict[str, dict[int, str]]:
    """Fundos e Escritórios para os formulários (rótulo com município/UF)."""
    with sessao() as s:
        fundos = rotulos_por_municipio(s, FundoMunicipal, Municipio.nome)
        escr = rotulos_por_municipio(s, EscritorioSocial, Municipio.nome)
    return {"fundo": fundos, "escritorio": escr}


def registrar_prestacao(
    ator: Usuario | None,
    fluxo_id: int,
    versao: int,
    *,
    status: str,
    data_prestacao: date | None,
    valor_aplicado: Decimal | str | None,
    atividades_resultados: str,
    comprovante: str | None,
    prazo: date | None,
    hoje: date,
) -> FluxoRecurso:
    """Resolução Conjunta CNJ/CNMP 10/2024, art. 14: registra a prestação de contas de um fluxo
    — valor efetivamente aplicado, atividades e resultados e comprovante de publicidade —, ou
    ajusta o prazo. Revalida o fluxo inteiro antes de gravar."""
    acesso.exigir(ator, acesso.RECURSOS_EDITAR)
    p: list[Problema] = []
    if isinstance(valor_aplicado, str):
        try:
            valor_aplicado = ler_dinheiro(valor_aplicado) if valor_aplicado.strip() else None
        except ValueError as exc:
            p.append(Problema("valor aplicado", str(exc)))
            valor_aplicado = None
    if data_prestacao is not None and data_prestacao > hoje:
        p.append(Problema("data da prestação de contas", f"a data {data_prestacao:%d/%m/%Y} está no futuro"))
    if status in ("apresentada", "aprovada", "rejeitada") and not (atividades_resultados or "").strip():
        p.append(Problema("atividades e resultados", "descreva o que foi feito com o recurso (art. 14)"))
    with sessao(ator) as s:
        f = obter_para_edicao(s, FluxoRecurso, fluxo_id, versao, "Este fluxo")
        dados = DadosFluxo(**{c.name: getattr(f, c.name) for c in fields(DadosFluxo)})
        dados.status_prestacao, dados.data_prestacao, dados.valor_aplicado = status, data_prestacao, valor_aplicado
        dados.atividades_resultados, dados.comprovante_publicidade = (atividades_resultados or "").strip(), comprovante
        dados.prazo_prestacao = prazo
        limpo, probs = validar_fluxo(dados, Referencias.carregar(s), hoje)
        p += probs
        if p:
            raise ErroValidacao(p)
        for campo in (
            "status_prestacao",
            "data_prestacao",
            "valor_aplicado",
            "atividades_resultados",
            "comprovante_publicidade",
            "prazo_prestacao",
        ):
            setattr(f, campo, getattr(limpo, campo))
        s.add(f)
        gravar(s, "Este fluxo")
        return f
