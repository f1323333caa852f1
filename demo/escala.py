"""Gerador de dados em escala nacional (issue #8): Grupos nas 27 UFs, centenas de Escritórios
Sociais, milhares de Fundos Municipais, anos de indicadores mensais, um milhão de fluxos de
recursos e cem mil registros de auditoria, para medir o sistema no tamanho de um país.

Tudo é fictício e determinístico (semente), com distribuições plausíveis: poucas UFs grandes
concentram unidades e dinheiro, a maioria dos Fundos fica em municípios pequenos, os valores
dos fluxos seguem uma log-normal por origem, as etapas avançam com a idade do fluxo. Os
números dos indicadores respeitam as regras do catálogo padrão (E01 ≤ E02, E04 ≤ E03 ≤ E02,
E07 ≤ E01, G06 ≤ G05, G08 ≤ G07) e as desagregações somam o total — os mesmos geradores da
demonstração (demo/indicadores.py).

Desempenho: nada de objetos ORM. Tudo é gravado numa única conexão e transação — tudo ou
nada —, em lotes: `insert()` do SQLAlchemy Core (executemany) nas tabelas menores e, nas duas
grandes (`fluxo_recurso`, `valor_indicador`), pelo driver com os valores já convertidos
(`COPY` no PostgreSQL). Por isso os eventos de auditoria da sessão ORM (core/auditoria.py)
não disparam: os registros de auditoria sintéticos são gravados aqui, mais um registro
verdadeiro da própria geração. No SQLite, só a conexão do gerador usa `synchronous=OFF` e um
cache maior.

Uma única vez por banco: o marcador `escala_gerada` em `Parametro` impede gerar de novo.
Pode ser gerado sobre a demonstração já carregada (`demo load` antes): só inclui Grupos nas UFs que ainda não têm,
Fundos em municípios sem Fundo, e reaproveita os períodos de coleta existentes."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as hora

import numpy as np
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError

from comum.formatos import numero
from core import relogio
from core.banco import obter_engine, url_atual
from core.erros import ErroNegocio, ErroValidacao, Problema
from demo.demonstracao import INSTITUICOES_BASE, cnpj_ficticio
from demo.indicadores import Faixas, evento_revisao, sortear_situacao, valores_escritorio, valores_grupo
from demo.recursos import numero_processo_estadual
from demo.tamanhos import Tamanhos
from dominio.cadastros.referencia import carregar_referencia
from dominio.cadastros.unidades import STATUS_QUE_INFORMAM
from dominio.indicadores.regras import data_da_trava, datas_do_periodo
from dominio.publico.consultas import CHAVE_ESCALA
from dominio.recursos.resumo import inclusao_em_lote
from models.indicadores import (
    EnvioColeta,
    EventoRevisao,
    Indicador,
    PeriodoColeta,
    ValorIndicador,
    VersaoIndicador,
)
from models.recursos import FluxoRecurso
from models.territorio import UF, Municipio
from models.unidades import EscritorioSocial, FundoMunicipal, GrupoInterinstitucional
from models.usuarios import Parametro, RegistroAuditoria, Usuario

CHAVE = CHAVE_ESCALA  # também acende o aviso de dados fictícios em toda página (app.py)
LOTE = 10_000
MARCA = "Gerado pelo teste de escala (fictício)."
DOMINIO = "escala.invalid"  # RFC 2606: nenhum provedor de identidade emite e-mails neste domínio
PREFIXO_CHAVE_FLUXO = "escala-"  # chave natural das importações é hexadecimal (sha256): não colide

# População residente por UF, Censo 2022 (IBGE), em milhares, arredondada. Usada só como peso
# ilustrativo: onde ficam as unidades, quanto dinheiro circula e o porte dos Grupos.
PESO_UF = {
    "SP": 44_411,
    "MG": 20_539,
    "RJ": 16_055,
    "BA": 14_141,
    "PR": 11_444,
    "RS": 10_883,
    "PE": 9_058,
    "CE": 8_794,
    "PA": 8_121,
    "SC": 7_610,
    "GO": 7_056,
    "MA": 6_777,
    "PB": 3_974,
    "AM": 3_942,
    "ES": 3_834,
    "MT": 3_658,
    "RN": 3_302,
    "PI": 3_271,
    "AL": 3_128,
    "DF": 2_817,
    "MS": 2_757,
    "SE": 2_210,
    "RO": 1_582,
    "TO": 1_511,
    "AC": 830,
    "AP": 733,
    "RR": 636,
}

# origem: (peso, mediana em R$, desvio do logaritmo) — log-normal: muitos valores pequenos, poucos enormes
ORIGENS_ESCALA = {
    "prestacao_pecuniaria": (40, 1_500, 1.1),
    "anpp": (18, 3_000, 1.1),
    "transacao_penal": (10, 800, 0.9),
    "suspensao_condicional": (6, 1_000, 0.9),
    "tac": (8, 50_000, 1.3),
    "multa_dano_moral": (4, 100_000, 1.4),
    "funpen": (5, 300_000, 0.9),
    "orcamento_proprio": (4, 60_000, 1.0),
    "doacao": (2, 5_000, 1.2),
    "convenio": (2, 150_000, 1.0),
    "outra": (1, 10_000, 1.2),
}
ORIGENS_TRIBUNAL = ("prestacao_pecuniaria", "anpp", "transacao_penal", "suspensao_condicional")
ETAPAS_ESCALA = ("potencial", "destinado", "transferido", "aplicado")
JUSTIFICATIVA = "Destinação a projeto aprovado em edital público, conforme parecer (fictício)."
COLUNAS_FLUXO = (
    "versao",
    "criado_em",
    "atualizado_em",
    "tipo_origem",
    "orgao_tipo",
    "orgao_origem",
    "uf_origem",
    "processo",
    "destino_tipo",
    "fundo_id",
    "escritorio_id",
    "destino_nome",
    "destino_cnpj",
    "valor",
    "etapa",
    "data_potencial",
    "data_destinacao",
    "data_transferencia",
    "data_aplicacao",
    "data_referencia",
    "justificativa",
    "valor_aplicado",
    "atividades_resultados",
    "comprovante_publicidade",
    "prazo_prestacao",
    "data_prestacao",
    "status_prestacao",
    "chave_natural",
    "observacoes",
)
TEMAS_PROJETO = (
    "Qualificação profissional de egressos",
    "Cooperativa de trabalho",
    "Oficina de costura",
    "Horta comunitária",
    "Padaria-escola",
    "Marcenaria social",
    "Alfabetização de adultos",
    "Inclusão digital",
    "Apoio a familiares",
    "Reciclagem e renda",
)


FATOR_MAX = 10
MUNICIPIOS = 5_570


def com_fator(t: Tamanhos, fator: int) -> Tamanhos:
    """`t` multiplicado para medir o crescimento (`demo escala --fator 3`: 3 milhões de fluxos):
    Escritórios, Fundos (até os 5.570 municípios), fluxos e auditoria × `fator`; Grupos (um por UF)
    e anos de indicadores ficam — os valores de indicadores crescem com o número de Escritórios."""
    if not isinstance(fator, int) or isinstance(fator, bool) or not 1 <= fator <= FATOR_MAX:
        raise ErroValidacao(Problema("fator", f"deve ser um número inteiro de 1 a {FATOR_MAX} (recebido {fator!r})"))
    return replace(
        t,
        escritorios=t.escritorios * fator,
        fundos=min(t.fundos * fator, MUNICIPIOS),
        fluxos=t.fluxos * fator,
        auditoria=t.auditoria * fator,
    )


ROTULOS = {
    "grupo_interinstitucional": "Grupos Interinstitucionais",
    "escritorio_social": "Escritórios Sociais",
    "fundo_municipal": "Fundos Municipais",
    "usuario": "usuários (sem senha)",
    "periodo_coleta": "períodos de coleta",
    "envio_coleta": "envios de indicadores",
    "valor_indicador": "valores de indicadores",
    "evento_revisao": "eventos de revisão",
    "fluxo_recurso": "fluxos de recursos",
    "registro_auditoria": "registros de auditoria",
}


def _fmt_s(segundos: float) -> str:
    return numero(segundos, 1) + " s"


# --- validação e preparação -------------------------------------------------------------------


def validar_tamanhos(t: Tamanhos) -> None:
    """Recusa tamanhos impossíveis antes de gravar qualquer coisa."""
    p: list[Problema] = []
    limites = {
        "grupos": (0, 27),
        "escritorios": (0, 20_000),
        "fundos": (0, 5_570),
        "anos": (1, 20),
        "fluxos": (0, 50_000_000),
        "auditoria": (0, 10_000_000),
    }
    for campo, (minimo, maximo) in limites.items():
        v = getattr(t, campo)
        if not isinstance(v, int) or isinstance(v, bool) or not minimo <= v <= maximo:
            p.append(
                Problema(campo, f"deve ser um número inteiro de {numero(minimo)} a {numero(maximo)} (recebido {v!r})")
            )
    if not isinstance(t.semente, int) or isinstance(t.semente, bool):
        p.append(Problema("semente", f"deve ser um número inteiro (recebido {t.semente!r})"))
    if p:
        raise ErroValidacao(p)


def _garantir_referencia(url: str | None) -> None:
    """UFs, municípios e o catálogo de indicadores são pré-requisitos: carrega-os se faltarem."""
    with obter_engine(url).connect() as conn:
        n_uf = conn.scalar(select(func.count()).select_from(UF))
        n_ind = conn.scalar(select(func.count()).select_from(Indicador))
    if n_uf and n_ind:
        return
    if url is not None and url != url_atual():
        raise ErroNegocio(
            "O banco indicado não tem os dados de referência (UFs, municípios e catálogo de "
            "indicadores): execute `python manage.py reference load` nele antes"
        )
    carregar_referencia()


def _repartir(
    n: int, pesos: dict[str, float], capacidade: dict[str, int] | None = None, minimo: int = 0
) -> dict[str, int]:
    """`n` unidades entre as chaves, proporcional aos pesos (maiores restos), com `minimo` por
    chave (se couber) e sem passar da `capacidade` de cada uma."""
    chaves = [k for k in pesos if capacidade is None or capacidade.get(k, 0) > 0]
    cap = {k: (capacidade[k] if capacidade is not None else n) for k in chaves}
    r = {k: 0 for k in chaves}
    if minimo and n >= minimo * len(chaves):
        for k in chaves:
            r[k] = min(minimo, cap[k])
    while sum(r.values()) < n:
        abertas = [k for k in chaves if r[k] < cap[k]]
        if not abertas:
            break
        falta = n - sum(r.values())
        total = sum(pesos[k] for k in abertas)
        quotas = {k: falta * pesos[k] / total for k in abertas}
        inteiros = {k: min(int(q), cap[k] - r[k]) for k, q in quotas.items()}
        dados = sum(inteiros.values())
        for k in abertas:
            r[k] += inteiros[k]
        if dados < falta:  # maiores restos
            for k in sorted(abertas, key=lambda k: quotas[k] - int(quotas[k]), reverse=True):
                if sum(r.values()) >= n:
                    break
                if r[k] < cap[k]:
                    r[k] += 1
    return r


# --- contexto da geração ---------------------------------------------------------------------


@dataclass
class _Unidade:
    tipo: str  # "grupo" ou "escritorio"
    id: int
    uf: str
    status: str
    inicio: date  # a partir de quando informa indicadores
    base: int  # porte: atendimentos, pessoas trabalhando…
    desagrega: bool  # informa as desagregações (as demais unidades só os totais)
    municipio: str = ""


@dataclass
class _Ctx:
    conn: Connection
    t: Tamanhos
    hoje: date
    agora: datetime
    inicio: date
    rnd: random.Random
    np_rng: np.random.Generator
    progresso: Callable[[str], None]
    ufs: dict[str, str] = field(default_factory=dict)  # sigla → capital
    municipios: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    nome_municipio: dict[int, str] = field(default_factory=dict)
    grupos: list[_Unidade] = field(default_factory=list)
    escritorios: list[_Unidade] = field(default_factory=list)
    fundos: list[tuple[int, str, str]] = field(default_factory=list)  # (id, uf, município)
    revisores_dmf: list[tuple[int, str]] = field(default_factory=list)
    revisores_cnmp: list[tuple[int, str]] = field(default_factory=list)
    pontos_focais: dict[str, tuple[int, str]] = field(default_factory=dict)  # "g:1" → (id, e-mail)
    periodos: list[dict] = field(default_factory=list)
    faixas: dict[str, tuple[int, int]] = field(default_factory=dict)  # tabela → (menor id, maior id) gerados
    contagens: dict[str, int] = field(default_factory=dict)

    def data_aleatoria(self, de: date, ate: date) -> date:
        if ate <= de:
            return de
        return de + timedelta(days=self.rnd.randint(0, (ate - de).days))

    def momento(self, d: date, h: int, minuto: int = 0) -> datetime:
        """Data e hora locais (America/Sao_Paulo) em UTC, nunca depois de agora."""
        m = datetime.combine(d, hora(h, minuto), tzinfo=relogio.fuso()).astimezone(UTC)
        return min(m, self.agora)


def _inserir(conn: Connection, tabela, linhas: list[dict], *, ids: bool = False) -> list[int]:
    """INSERT em lotes de `LOTE` linhas (executemany); com `ids`, devolve os ids na ordem das linhas."""
    gerados: list[int] = []
    for i in range(0, len(linhas), LOTE):
        lote = linhas[i : i + LOTE]
        if ids:
            r = conn.execute(insert(tabela).returning(tabela.c.id, sort_by_parameter_order=True), lote)
            gerados.extend(r.scalars().all())
        else:
            conn.execute(insert(tabela), lote)
    return gerados


class _Gravador:
    """Inclusão pelo driver, para as tabelas grandes, com as linhas já em tuplas no formato do
    banco: no PostgreSQL (psycopg 3), `COPY … FROM STDIN`; nos demais, `exec_driver_sql` em
    lotes (executemany). Poupa o processamento de parâmetros do Core linha a linha, que custava
    tanto quanto o próprio banco. Tudo na conexão e na transação do gerador. A conversão de
    cada tipo é a da própria coluna (`bind_processor` do SQLAlchemy: `DataHoraUTC` sem fuso e
    datas como texto ISO no SQLite), aplicada por `converter` uma vez por valor distinto."""

    def __init__(self, conn: Connection, tabela, colunas: tuple[str, ...]):
        d = conn.dialect
        marca = "?" if d.paramstyle == "qmark" else "%s"
        q = d.identifier_preparer
        self.conn, self.colunas = conn, colunas
        alvo = f"{q.format_table(tabela)} ({', '.join(q.quote(c) for c in colunas)})"
        self.sql = f"INSERT INTO {alvo} VALUES ({', '.join([marca] * len(colunas))})"
        self.copia = f"COPY {alvo} FROM STDIN" if d.name == "postgresql" and d.driver == "psycopg" else None
        self._proc = {c: tabela.c[c].type._cached_bind_processor(d) for c in colunas}
        self.n = 0

    def converter(self, coluna: str, valor):
        proc = self._proc[coluna]
        return valor if proc is None or valor is None else proc(valor)

    def gravar(self, tuplas: list[tuple]) -> None:
        if self.copia:
            with self.conn.connection.driver_connection.cursor() as cur, cur.copy(self.copia) as copia:
                for t in tuplas:
                    copia.write_row(t)
        else:
            for i in range(0, len(tuplas), LOTE):
                self.conn.exec_driver_sql(self.sql, tuplas[i : i + LOTE])
        self.n += len(tuplas)


def _versionado(momento: datetime) -> dict:
    return {"versao": 1, "criado_em": momento, "atualizado_em": momento}


# --- etapas ------------------------------------------------------------------------------------


def _carregar_territorio(c: _Ctx) -> None:
    for sigla, capital in c.conn.execute(select(UF.sigla, UF.capital)):
        c.ufs[sigla] = capital
    for codigo, nome, uf in c.conn.execute(
        select(Municipio.codigo_ibge, Municipio.nome, Municipio.uf_sigla).order_by(Municipio.codigo_ibge)
    ):
        c.municipios.setdefault(uf, []).append((codigo, nome))
        c.nome_municipio[codigo] = nome


def _pesos_ufs(c: _Ctx) -> dict[str, float]:
    return {uf: float(PESO_UF.get(uf, 500)) for uf in sorted(c.ufs, key=lambda u: -PESO_UF.get(u, 500))}


def _gerar_grupos(c: _Ctx) -> None:
    G = GrupoInterinstitucional.__table__
    existentes = set(c.conn.scalars(select(G.c.uf_sigla)))
    ufs = [uf for uf in _pesos_ufs(c) if uf not in existentes][: c.t.grupos]
    linhas = []
    for i, uf in enumerate(ufs):
        status = c.rnd.choices(["em_funcionamento", "constituido", "em_articulacao"], [65, 25, 10])[0]
        criacao = None
        if status != "em_articulacao":
            antes = c.rnd.random() < 0.6
            criacao = (
                c.data_aleatoria(c.inicio - timedelta(days=3 * 365), c.inicio)
                if antes
                else c.data_aleatoria(c.inicio, c.hoje - timedelta(days=60))
            )
        linhas.append(
            {
                **_versionado(c.momento(criacao or c.hoje, 10)),
                "uf_sigla": uf,
                "status": status,
                "ato_criacao": f"Portaria Conjunta GMF/MPT nº {i + 1}/{criacao.year}" if criacao else "",
                "data_criacao": criacao,
                "instituicoes_membro": INSTITUICOES_BASE[: 3 + c.rnd.randint(0, 3)],
                "contato_pontos_focais": f"GMF do TJ{uf} — gmf@tj{uf.lower()}.jus.br (fictício)",
                "observacoes": MARCA,
            }
        )
    ids = _inserir(c.conn, G, linhas, ids=True)
    for i, linha in zip(ids, linhas):
        c.grupos.append(
            _Unidade(
                "grupo",
                i,
                linha["uf_sigla"],
                linha["status"],
                linha["data_criacao"] or c.hoje,
                max(10, PESO_UF.get(linha["uf_sigla"], 500) // 100),
                c.rnd.random() < 0.7,
            )
        )
    c.contagens["grupo_interinstitucional"] = len(ids)


def _gerar_escritorios(c: _Ctx) -> None:
    E = EscritorioSocial.__table__
    nomes_existentes = set(c.conn.scalars(select(E.c.nome)))
    por_uf = _repartir(c.t.escritorios, _pesos_ufs(c), minimo=1)
    linhas, meta = [], []
    for uf, k in por_uf.items():
        muns = c.municipios.get(uf, [])
        if not muns or not k:
            continue
        capital = next((m for m in muns if m[1] == c.ufs[uf]), muns[0])
        for j in range(k):
            codigo, nome_mun = capital if j == 0 or c.rnd.random() < 0.25 else c.rnd.choice(muns)
            nome = f"Escritório Social de {nome_mun}"
            n = 2
            while nome in nomes_existentes:
                nome = f"Escritório Social de {nome_mun} — unidade {n}"
                n += 1
            nomes_existentes.add(nome)
            status = c.rnd.choices(["em_funcionamento", "em_implantacao", "suspenso", "encerrado"], [85, 8, 4, 3])[0]
            gestao = c.rnd.choices(["estadual", "municipal", "osc", "consorcio"], [60, 25, 10, 5])[0]
            if status == "em_implantacao":
                inaug = None
                termo = c.data_aleatoria(c.hoje - timedelta(days=365), c.hoje - timedelta(days=15))
            else:
                antes = status != "em_funcionamento" or c.rnd.random() < 0.7
                inaug = (
                    c.data_aleatoria(c.inicio - timedelta(days=4 * 365), c.inicio)
                    if antes
                    else c.data_aleatoria(c.inicio, c.hoje - timedelta(days=30))
                )
                termo = inaug - timedelta(days=c.rnd.randint(90, 400))
            orgao = {
                "estadual": f"Secretaria de Estado de Administração Penitenciária — {uf}",
                "municipal": f"Prefeitura Municipal de {nome_mun}",
                "osc": "Associação de apoio a egressos (OSC parceira)",
                "consorcio": "Consórcio intermunicipal",
            }[gestao]
            linhas.append(
                {
                    **_versionado(c.momento(termo, 11)),
                    "nome": nome,
                    "municipio_codigo": codigo,
                    "orgao_gestor": orgao,
                    "tipo_gestao": gestao,
                    "termo_cooperacao": f"Termo de Cooperação Técnica nº {len(linhas) + 1}/{termo.year}",
                    "data_termo": termo,
                    "data_inauguracao": inaug,
                    "status": status,
                    "observacoes": MARCA,
                }
            )
            # porte: log-normal (mediana 40 pessoas atendidas por mês), maior nas capitais
            porte = float(np.clip(c.np_rng.lognormal(np.log(40), 0.6), 5, 600)) * (1.8 if codigo == capital[0] else 1)
            meta.append((uf, status, inaug, int(porte), nome_mun))
    ids = _inserir(c.conn, E, linhas, ids=True)
    for i, (uf, status, inaug, porte, nome_mun) in zip(ids, meta):
        c.escritorios.append(
            _Unidade("escritorio", i, uf, status, inaug or c.hoje, porte, c.rnd.random() < 0.5, nome_mun)
        )
    c.contagens["escritorio_social"] = len(ids)


def _gerar_fundos(c: _Ctx) -> None:
    F = FundoMunicipal.__table__
    ocupados = set(c.conn.scalars(select(F.c.municipio_codigo)))
    cnpjs = set(c.conn.scalars(select(F.c.cnpj).where(F.c.cnpj.is_not(None))))
    livres = {uf: [m for m in c.municipios.get(uf, []) if m[0] not in ocupados] for uf in c.ufs}
    disponiveis = sum(len(v) for v in livres.values())
    if c.t.fundos > disponiveis:
        raise ErroValidacao(
            Problema(
                "fundos", f"só há {numero(disponiveis)} município(s) sem Fundo Municipal (pedidos {numero(c.t.fundos)})"
            )
        )
    por_uf = _repartir(c.t.fundos, _pesos_ufs(c), {uf: len(v) for uf, v in livres.items()})
    linhas, ufs = [], []
    seq = 0
    for uf, k in por_uf.items():
        # sorteio uniforme entre os municípios da UF: como a maioria é pequena, a maioria dos Fundos também
        for codigo, nome_mun in c.rnd.sample(livres[uf], k):
            seq += 1
            while cnpj_ficticio(seq, "998") in cnpjs:
                seq += 1
            lei = c.data_aleatoria(c.inicio - timedelta(days=2 * 365), c.hoje - timedelta(days=30))
            linhas.append(
                {
                    **_versionado(c.momento(lei, 15)),
                    "nome": f"Fundo Municipal de Políticas Penais de {nome_mun}",
                    "municipio_codigo": codigo,
                    "lei_numero": f"{c.rnd.randint(100, 9999)}/{lei.year}",
                    "lei_data": lei,
                    "cnpj": cnpj_ficticio(seq, "998"),
                    "conselho_gestor": f"Conselho Municipal de Políticas Penais de {nome_mun}",
                    "status": c.rnd.choices(["criado", "regulamentado", "em_operacao", "inativo"], [30, 30, 35, 5])[0],
                    "observacoes": MARCA,
                }
            )
            ufs.append(uf)
    ids = _inserir(c.conn, F, linhas, ids=True)
    c.fundos = [(i, uf, c.nome_municipio[linha["municipio_codigo"]]) for i, linha, uf in zip(ids, linhas, ufs)]
    c.contagens["fundo_municipal"] = len(ids)


def _gerar_usuarios(c: _Ctx) -> None:
    """Revisores do DMF e do CNMP e pontos focais de todos os Grupos e de parte dos Escritórios,
    todos sem senha (só entrariam por login institucional, que não emite e-mails .invalid)."""
    U = Usuario.__table__
    linhas, chaves = [], []
    for k in range(1, 4):
        linhas.append({"nome": f"Revisor(a) DMF {k} (escala)", "email": f"revisor.dmf.{k}@{DOMINIO}", "papel": "dmf"})
        chaves.append("dmf")
    for k in range(1, 3):
        linhas.append(
            {"nome": f"Revisor(a) CNMP {k} (escala)", "email": f"revisor.cnmp.{k}@{DOMINIO}", "papel": "cnmp"}
        )
        chaves.append("cnmp")
    for g in c.grupos:
        linhas.append(
            {
                "nome": f"Ponto focal do Grupo {g.uf} (escala)",
                "email": f"pf.grupo.{g.uf.lower()}@{DOMINIO}",
                "papel": "ponto_focal",
                "grupo_id": g.id,
            }
        )
        chaves.append(f"g:{g.id}")
    for e in c.escritorios:
        if c.rnd.random() < 0.4:
            linhas.append(
                {
                    "nome": f"Ponto focal do Escritório {e.id} — {e.municipio} (escala)",
                    "email": f"pf.escritorio.{e.id}@{DOMINIO}",
                    "papel": "ponto_focal",
                    "escritorio_id": e.id,
                }
            )
            chaves.append(f"e:{e.id}")
    momento = c.momento(c.inicio, 9)
    for linha in linhas:
        linha.setdefault("grupo_id", None)
        linha.setdefault("escritorio_id", None)
        linha.update(
            _versionado(momento), ativo=True, senha_hash=None, falhas_login=0, bloqueado_ate=None, ultimo_acesso=None
        )
    ids = _inserir(c.conn, U, linhas, ids=True)
    for i, linha, chave in zip(ids, linhas, chaves):
        if chave == "dmf":
            c.revisores_dmf.append((i, linha["email"]))
        elif chave == "cnmp":
            c.revisores_cnmp.append((i, linha["email"]))
        else:
            c.pontos_focais[chave] = (i, linha["email"])
    c.contagens["usuario"] = len(ids)


def _catalogo(c: _Ctx) -> dict[tuple[str, str], dict[str, tuple[int, list[str]]]]:
    """(alvo, periodicidade) → {código: (id da versão vigente, desagregações)}."""
    r: dict[tuple[str, str], dict[str, tuple[int, list[str]]]] = {}
    q = (
        select(
            Indicador.alvo,
            Indicador.codigo,
            VersaoIndicador.id,
            VersaoIndicador.periodicidade,
            VersaoIndicador.desagregacoes,
        )
        .join(VersaoIndicador, VersaoIndicador.id == Indicador.versao_atual_id)
        .where(Indicador.ativo.is_(True))
    )
    for alvo, codigo, vid, per, desag in c.conn.execute(q):
        r.setdefault((alvo, per), {})[codigo] = (vid, list(desag or []))
    return r


def _gerar_periodos(c: _Ctx, periodicidades: set[str]) -> None:
    P = PeriodoColeta.__table__
    existentes = {(p, a, n): i for i, p, a, n in c.conn.execute(select(P.c.id, P.c.periodicidade, P.c.ano, P.c.numero))}
    pedidos = []
    for per in ("mensal", "trimestral", "semestral", "anual"):
        if per not in periodicidades:
            continue
        por_ano = {"mensal": 12, "trimestral": 4, "semestral": 2, "anual": 1}[per]
        for ano in range(c.inicio.year, c.hoje.year + 1):
            for n in range(1, por_ano + 1):
                ini, fim = datas_do_periodo(per, ano, n)
                if fim >= c.inicio and ini <= c.hoje:
                    pedidos.append((per, ano, n, ini, fim))
    novos = [
        {
            **_versionado(c.momento(ini, 8)),
            "periodicidade": per,
            "ano": ano,
            "numero": n,
            "inicio": ini,
            "fim": fim,
            "abertura": ini,
            "prazo": fim + timedelta(days=15),
            "dias_tolerancia": 10,
        }
        for per, ano, n, ini, fim in pedidos
        if (per, ano, n) not in existentes
    ]
    ids = iter(_inserir(c.conn, P, novos, ids=True))
    prazos = (
        {
            (p, a, n): (pr, tol)
            for p, a, n, pr, tol in c.conn.execute(
                select(P.c.periodicidade, P.c.ano, P.c.numero, P.c.prazo, P.c.dias_tolerancia)
            )
        }
        if len(novos) < len(pedidos)
        else {}
    )
    for per, ano, n, ini, fim in pedidos:
        if (per, ano, n) in existentes:
            ident = existentes[(per, ano, n)]
            prazo, tol = prazos[(per, ano, n)]
        else:
            ident, prazo, tol = next(ids), fim + timedelta(days=15), 10
        c.periodos.append(
            {
                "id": ident,
                "periodicidade": per,
                "ano": ano,
                "numero": n,
                "inicio": ini,
                "fim": fim,
                "prazo": prazo,
                "trava": data_da_trava(prazo, tol),
            }
        )
    c.contagens["periodo_coleta"] = len(novos)


# Na escala nacional, quase tudo o que é antigo está aprovado: os painéis públicos têm dados.
SITUACOES_ESCALA: dict[str, Faixas] = {
    "aberto": (((0.25, "enviado"), (0.4, "rascunho")), None),
    "recente": (((0.3, "enviado"), (0.55, "validado"), (0.8, "aprovado"), (0.88, "devolvido")), None),
    "antigo": (((0.93, "aprovado"), (0.95, "validado"), (0.99, None)), "enviado"),
}


def _situacao(c: _Ctx, per: dict) -> str | None:
    """Situação do envio conforme a idade do período (None: a unidade não enviou). Na escala
    nacional, quase tudo o que é antigo está aprovado: os painéis públicos têm dados."""
    return sortear_situacao(c.rnd.random(), per["prazo"], per["trava"], c.hoje, SITUACOES_ESCALA)


def _gerar_indicadores(c: _Ctx) -> None:
    t0 = time.perf_counter()
    catalogo = _catalogo(c)
    _gerar_periodos(c, {per for _, per in catalogo})
    c.progresso(
        f"  periodo_coleta: {numero(c.contagens['periodo_coleta'])} incluído(s) "
        f"({numero(len(c.periodos))} no intervalo) em {_fmt_s(time.perf_counter() - t0)}"
    )

    # envios: cada unidade que informa, em cada período da sua periodicidade desde que começou
    t0 = time.perf_counter()
    planos, linhas = [], []
    n_per = len([p for p in c.periodos if p["periodicidade"] == "mensal"]) or 1
    for u in c.grupos + c.escritorios:
        if u.status not in STATUS_QUE_INFORMAM[u.tipo]:
            continue
        chave = f"{u.tipo[0]}:{u.id}"
        pf = c.pontos_focais.get(chave)
        for k, per in enumerate(c.periodos):
            versoes = catalogo.get((u.tipo, per["periodicidade"]))
            if not versoes or per["fim"] < u.inicio:
                continue
            status = _situacao(c, per)
            if status is None:
                continue
            atraso = c.rnd.random() < 0.15
            d_envio = (
                per["prazo"] + timedelta(days=c.rnd.randint(1, 8))
                if atraso
                else per["prazo"] - timedelta(days=c.rnd.randint(0, 12))
            )
            d_envio = min(d_envio, c.hoje)
            linha = {
                **_versionado(c.momento(d_envio, 9)),
                "periodo_id": per["id"],
                "unidade_chave": chave,
                "grupo_id": u.id if u.tipo == "grupo" else None,
                "escritorio_id": u.id if u.tipo == "escritorio" else None,
                "status": status,
                "primeiro_envio_em": None,
                "enviado_em": None,
                "validado_em": None,
                "validado_por_id": None,
                "aprovado_em": None,
                "aprovado_por_id": None,
                "comentario_revisao": "",
            }
            dmf, cnmp = c.rnd.choice(c.revisores_dmf), c.rnd.choice(c.revisores_cnmp)
            if status != "rascunho":
                linha["primeiro_envio_em"] = linha["enviado_em"] = c.momento(d_envio, 14, c.rnd.randint(0, 59))
            if status in ("validado", "aprovado"):
                linha["validado_em"] = c.momento(min(d_envio + timedelta(days=c.rnd.randint(1, 6)), c.hoje), 10)
                linha["validado_por_id"] = dmf[0]
            if status == "aprovado":
                linha["aprovado_em"] = c.momento(min(d_envio + timedelta(days=c.rnd.randint(7, 20)), c.hoje), 16)
                linha["aprovado_por_id"] = cnmp[0]
            if status == "devolvido":
                linha["comentario_revisao"] = "Confira a soma das desagregações com o relatório mensal (escala)."
            linha["atualizado_em"] = max(
                v
                for v in (linha["criado_em"], linha["enviado_em"], linha["validado_em"], linha["aprovado_em"])
                if v is not None
            )
            # porte da unidade, crescendo ao longo dos anos (os programas se expandem)
            fator = 0.7 + 0.6 * min(k, n_per) / n_per if per["periodicidade"] == "mensal" else 1.0
            linhas.append(linha)
            planos.append((u, per, status, d_envio, pf, dmf, cnmp, max(1, round(u.base * fator))))
    ids = _inserir(c.conn, EnvioColeta.__table__, linhas, ids=True)
    c.contagens["envio_coleta"] = len(ids)
    if ids:
        c.faixas["envio_coleta"] = (min(ids), max(ids))
    c.progresso(f"  envio_coleta: {numero(len(ids))} em {_fmt_s(time.perf_counter() - t0)}")

    # valores (totais e, nas unidades que desagregam, as categorias) e a linha do tempo da revisão
    t0 = time.perf_counter()
    V, EV = ValorIndicador.__table__, EventoRevisao.__table__
    antes = c.conn.scalar(select(func.max(V.c.id))) or 0
    gv = _Gravador(
        c.conn,
        V,
        (
            "envio_id",
            "versao_indicador_id",
            "desagregacao",
            "valor",
            "numerador",
            "denominador",
            "comentario",
            "informado_por_id",
            "informado_em",
        ),
    )
    proc_dinheiro = V.c.valor.type._cached_bind_processor(c.conn.dialect)

    def dinheiro(x):
        return None if x is None else proc_dinheiro(x)

    valores, eventos = [], []
    n_eventos = 0
    for envio_id, (u, per, status, d_envio, pf, dmf, cnmp, base) in zip(ids, planos):
        versoes = catalogo[(u.tipo, per["periodicidade"])]
        gerados = (
            valores_escritorio(base, c.rnd, per["periodicidade"])
            if u.tipo == "escritorio"
            else valores_grupo(base, c.rnd, per["periodicidade"], u.status)
        )
        informado_em = gv.converter("informado_em", c.momento(d_envio, 9))
        informante = pf[0] if pf else None
        for codigo, por_desag in gerados.items():
            if codigo not in versoes:
                continue
            vid, dims = versoes[codigo]
            for desag, v in por_desag.items():
                if desag and (not u.desagrega or desag.split(":")[0] not in dims):
                    continue
                num = den = None
                if isinstance(v, tuple):
                    v, num, den = None, v[0], v[1]
                valores.append(
                    (envio_id, vid, desag, dinheiro(v), dinheiro(num), dinheiro(den), "", informante, informado_em)
                )
        autor = pf or (None, "ponto focal (escala)")
        linha_evento = {"envio_id": envio_id, "comentario": ""}
        if status != "rascunho":
            eventos.append({**linha_evento, **evento_revisao(c.momento(d_envio, 14), autor, "rascunho", "enviado")})
        if status == "devolvido":
            momento = c.momento(min(d_envio + timedelta(days=2), c.hoje), 11)
            eventos.append(
                {
                    **linha_evento,
                    **evento_revisao(momento, dmf, "enviado", "devolvido"),
                    "comentario": "Confira a soma das desagregações com o relatório mensal (escala).",
                }
            )
        if status in ("validado", "aprovado"):
            momento = c.momento(min(d_envio + timedelta(days=3), c.hoje), 10)
            eventos.append({**linha_evento, **evento_revisao(momento, dmf, "enviado", "validado")})
        if status == "aprovado":
            momento = c.momento(min(d_envio + timedelta(days=10), c.hoje), 16)
            eventos.append({**linha_evento, **evento_revisao(momento, cnmp, "validado", "aprovado")})
        if len(valores) >= LOTE:
            gv.gravar(valores)
            valores = []
        if len(eventos) >= LOTE:
            _inserir(c.conn, EV, eventos)
            n_eventos += len(eventos)
            eventos = []
    gv.gravar(valores)
    _inserir(c.conn, EV, eventos)
    c.contagens["valor_indicador"] = gv.n
    c.contagens["evento_revisao"] = n_eventos + len(eventos)
    if c.contagens["valor_indicador"]:
        c.faixas["valor_indicador"] = (antes + 1, c.conn.scalar(select(func.max(V.c.id))))
    c.progresso(
        f"  valor_indicador: {numero(c.contagens['valor_indicador'])} e evento_revisao: "
        f"{numero(c.contagens['evento_revisao'])} em {_fmt_s(time.perf_counter() - t0)}"
    )


def _projetos(c: _Ctx, n: int) -> list[tuple[str, str, str, str]]:
    """Projetos e entidades beneficiárias fictícios: (UF, município, nome, CNPJ)."""
    por_uf = _repartir(n, _pesos_ufs(c), {uf: len(m) * 5 for uf, m in c.municipios.items()})
    r = []
    for uf, k in por_uf.items():
        for _ in range(k):
            _, mun = c.rnd.choice(c.municipios[uf])
            tema = c.rnd.choice(TEMAS_PROJETO)
            r.append((uf, mun, f"{tema} — {mun}/{uf} (fictício)", cnpj_ficticio(len(r) + 1, "997")))
    return r


def _gerar_fluxos(c: _Ctx) -> None:
    """Fluxos com assimetria realista: destinos sorteados com “atividade” log-normal (poucos Fundos
    recebem muito), UFs pelo número de unidades, valores log-normais por origem, etapas mais
    avançadas nos fluxos mais antigos e prestação de contas coerente com a etapa."""
    t0 = time.perf_counter()
    total = c.t.fluxos
    c.contagens["fluxo_recurso"] = 0
    if not total:
        return
    g = c.np_rng
    F = FluxoRecurso.__table__
    antes = c.conn.scalar(select(func.max(F.c.id))) or 0
    projetos = _projetos(c, min(20_000, max(50, total // 500)))
    # destinos: (tipo, id, UF, município, nome, CNPJ) e o peso de cada um
    destinos = {
        "fundo": [("fundo", i, uf, mun, "", None) for i, uf, mun in c.fundos],
        "escritorio": [
            ("escritorio", e.id, e.uf, e.municipio, "", None) for e in c.escritorios if e.status != "em_implantacao"
        ],
        "projeto": [("projeto", None, uf, mun, nome, cnpj) for uf, mun, nome, cnpj in projetos],
    }
    tipos_dest = [k for k in ("fundo", "escritorio", "projeto") if destinos[k]]
    p_dest = np.array([{"fundo": 60, "escritorio": 25, "projeto": 15}[k] for k in tipos_dest], float)
    p_dest /= p_dest.sum()
    pesos_dest = {k: g.lognormal(0, 1.0, len(v)) for k, v in destinos.items() if v}
    pesos_dest = {k: w / w.sum() for k, w in pesos_dest.items()}
    origens = list(ORIGENS_ESCALA)
    p_orig = np.array([v[0] for v in ORIGENS_ESCALA.values()], float)
    p_orig /= p_orig.sum()
    mu = np.log([v[1] for v in ORIGENS_ESCALA.values()])
    sigma = np.array([v[2] for v in ORIGENS_ESCALA.values()])
    i_funpen, i_pp = origens.index("funpen"), origens.index("prestacao_pecuniaria")
    o_ini, o_hoje = c.inicio.toordinal(), c.hoje.toordinal()
    dias = o_hoje - o_ini
    gf = _Gravador(c.conn, F, COLUNAS_FLUXO)
    # datas e momentos possíveis convertidos uma vez só para o formato do banco (índice: dias desde o início)
    datas = [date.fromordinal(o) for o in range(o_ini, o_hoje + 400)]
    datas_db = [gf.converter("data_referencia", d) for d in datas]
    momentos_db = [gf.converter("criado_em", datetime.combine(d, hora(15), tzinfo=UTC)) for d in datas]
    feito, proximo_aviso = 0, total // 10
    while feito < total:
        n = min(50_000, total - feito)
        td = g.choice(len(tipos_dest), n, p=p_dest)
        idx = np.zeros(n, int)
        for k, tipo in enumerate(tipos_dest):
            m = td == k
            idx[m] = g.choice(len(destinos[tipo]), int(m.sum()), p=pesos_dest[tipo])
        orig = g.choice(len(origens), n, p=p_orig)
        e_fundo = np.array([tipos_dest[k] == "fundo" for k in td])
        orig[(orig == i_funpen) & ~e_fundo] = i_pp  # FUNPEN é repasse fundo a fundo
        centavos = np.clip(np.round(np.exp(g.normal(mu[orig], sigma[orig])) * 100), 5_000, 5_000_000_000).astype(
            np.int64
        )
        d0 = o_ini + np.floor(dias * g.random(n) ** 0.75).astype(int)  # mais fluxos nos anos recentes
        d1 = d0 + g.integers(5, 41, n)
        d2 = d1 + g.integers(10, 61, n)
        d3 = d2 + g.integers(20, 121, n)
        alcancavel = (d1 <= o_hoje).astype(int) + (d2 <= o_hoje) + (d3 <= o_hoje)
        etapa = np.minimum(g.choice(4, n, p=[0.08, 0.17, 0.35, 0.40]), alcancavel)
        sem_potencial = (g.random(n) < 0.1) & (etapa >= 1)
        sorteio = g.random(n).tolist()
        aplicado_pct = g.integers(70, 101, n).tolist()
        prest_gap = g.integers(0, 61, n).tolist()
        num_proc = g.integers(1, 10_000_000, n).tolist()
        orig_proc = g.integers(1, 10_000, n).tolist()
        ano_proc_recuo = g.integers(0, 3, n).tolist()
        vara = g.integers(1, 6, n).tolist()
        sem_potencial = sem_potencial.tolist()
        td, idx, orig, etapa, centavos = td.tolist(), idx.tolist(), orig.tolist(), etapa.tolist(), centavos.tolist()
        d0, d1, d2, d3 = ((x - o_ini).tolist() for x in (d0, d1, d2, d3))
        linhas = []
        for j in range(n):
            tipo_dest = tipos_dest[td[j]]
            _, dest_id, uf, mun, dest_nome, dest_cnpj = destinos[tipo_dest][idx[j]]
            origem = origens[orig[j]]
            e = etapa[j]
            a, b, cc, dd = d0[j], d1[j], d2[j], d3[j]
            dp = None if sem_potencial[j] else datas_db[a]
            ddest = datas_db[b] if e >= 1 else None
            dtr = datas_db[cc] if e >= 2 else None
            dap = datas_db[dd] if e >= 3 else None
            i_ref = (a, b, cc, dd)[e]
            valor = centavos[j]  # Dinheiro grava centavos inteiros (models/tipos.py)
            processo = None
            if origem in ORIGENS_TRIBUNAL:
                orgao_tipo = "tribunal"
                orgao = f"TJ{uf} — Comarca de {mun} — " + (
                    f"{vara[j]}ª Vara Criminal" if origem != "prestacao_pecuniaria" else "Vara de Execuções Penais"
                )
                processo = numero_processo_estadual(
                    uf, datas[a].year - ano_proc_recuo[j], f"{num_proc[j]:07d}", f"{orig_proc[j]:04d}"
                )
            elif origem in ("tac", "multa_dano_moral"):
                orgao_tipo, orgao = "ministerio_publico", f"MP{uf} — {vara[j]}ª Promotoria de Justiça de {mun}"
            elif origem == "funpen":
                orgao_tipo, orgao = "senappen", "Senappen — FUNPEN (repasse fundo a fundo)"
            elif origem == "orcamento_proprio":
                orgao_tipo, orgao = "municipio", f"Prefeitura Municipal de {mun}"
            elif origem == "convenio":
                orgao_tipo, orgao = "outro", f"Governo do Estado — {uf} (convênio fictício)"
            else:
                orgao_tipo, orgao = "outro", "Doador ou outra origem (fictício)"
            status, prazo, apresentada, aplicado, atividades, comprovante = "nao_exigida", None, None, None, "", None
            if e >= 2 and origem not in ("orcamento_proprio", "funpen"):
                prazo = datas_db[cc + 90]
                if e == 3 and sorteio[j] < 0.75:
                    apresentada = datas_db[min(dd + prest_gap[j], dias)]
                    status = "rejeitada" if sorteio[j] < 0.02 else "apresentada" if sorteio[j] < 0.27 else "aprovada"
                    aplicado = max(1, valor * aplicado_pct[j] // 100)
                    atividades = "Oficinas e bolsas de qualificação profissional (fictício)."
                    if sorteio[j] < 0.5:
                        comprovante = f"https://transparencia.{DOMINIO}/prestacao/{antes + feito + j + 1}"
                else:
                    status = "pendente"  # vencida ou a vencer, conforme o prazo
            linhas.append(
                (
                    1 + e,
                    momentos_db[a if dp is not None else b],
                    momentos_db[i_ref],
                    origem,
                    orgao_tipo,
                    orgao,
                    uf,
                    processo,
                    tipo_dest,
                    dest_id if tipo_dest == "fundo" else None,
                    dest_id if tipo_dest == "escritorio" else None,
                    dest_nome,
                    dest_cnpj,
                    valor,
                    ETAPAS_ESCALA[e],
                    dp,
                    ddest,
                    dtr,
                    dap,
                    datas_db[i_ref],
                    JUSTIFICATIVA if origem in ("tac", "multa_dano_moral") and e >= 1 else "",
                    aplicado,
                    atividades,
                    comprovante,
                    prazo,
                    apresentada,
                    status,
                    f"{PREFIXO_CHAVE_FLUXO}{antes + feito + j + 1:010d}",
                    "",
                )
            )
        gf.gravar(linhas)
        feito += n
        if feito >= proximo_aviso and feito < total:
            c.progresso(f"    … {numero(feito)} de {numero(total)} fluxos em {_fmt_s(time.perf_counter() - t0)}")
            proximo_aviso += total // 10
    c.faixas["fluxo_recurso"] = (antes + 1, c.conn.scalar(select(func.max(F.c.id))))
    c.contagens["fluxo_recurso"] = feito


def _gerar_auditoria(c: _Ctx) -> None:
    """Registros sintéticos da trilha, espalhados no tempo (mais nos anos recentes) e entre as
    entidades geradas, em ordem cronológica, com autores entre os usuários gerados."""
    total = c.t.auditoria
    c.contagens["registro_auditoria"] = 0
    if not total:
        return
    g = c.np_rng
    A = RegistroAuditoria.__table__
    faixa = {
        "fluxo_recurso": c.faixas.get("fluxo_recurso"),
        "envio_coleta": c.faixas.get("envio_coleta"),
        "valor_indicador": c.faixas.get("valor_indicador"),
        "escritorio_social": (min(e.id for e in c.escritorios), max(e.id for e in c.escritorios))
        if c.escritorios
        else None,
        "fundo_municipal": (min(f[0] for f in c.fundos), max(f[0] for f in c.fundos)) if c.fundos else None,
        "grupo_interinstitucional": (min(x.id for x in c.grupos), max(x.id for x in c.grupos)) if c.grupos else None,
    }
    tipos = [
        ("fluxo_recurso", "inclusao", 30),
        ("fluxo_recurso", "alteracao", 20),
        ("envio_coleta", "alteracao", 25),
        ("valor_indicador", "inclusao", 10),
        ("escritorio_social", "alteracao", 5),
        ("fundo_municipal", "alteracao", 4),
        ("grupo_interinstitucional", "alteracao", 2),
        ("usuario", "alteracao", 4),
    ]
    tipos = [x for x in tipos if x[0] == "usuario" or faixa.get(x[0])]
    p = np.array([x[2] for x in tipos], float)
    p /= p.sum()
    autores = c.revisores_dmf + c.revisores_cnmp + list(c.pontos_focais.values())
    inicio = datetime.combine(c.inicio, hora(11), tzinfo=UTC).timestamp()
    segundos = max(1.0, c.agora.timestamp() - inicio)
    instantes = np.sort(inicio + segundos * g.random(total) ** 0.8).tolist()
    escolha = g.choice(len(tipos), total, p=p).tolist()
    s_autor, s_ident, s_conteudo = (g.random(total).tolist() for _ in range(3))
    etapas = list(ETAPAS_ESCALA)
    origens = list(ORIGENS_ESCALA)
    linhas = []
    feito = 0
    for j in range(total):
        entidade, acao, _peso = tipos[escolha[j]]
        momento = datetime.fromtimestamp(instantes[j], tz=UTC)
        autor = autores[int(s_autor[j] / 0.9 * len(autores))] if autores and s_autor[j] < 0.9 else (None, "sistema")
        x = s_conteudo[j]
        if entidade == "usuario":  # último acesso de quem agiu
            ident = autor[0] if autor[0] is not None else (autores[0][0] if autores else 1)
            antes, depois = {"falhas_login": 0}, {"ultimo_acesso": momento.isoformat()}
        else:
            lo, hi = faixa[entidade]
            ident = lo + int(s_ident[j] * (hi - lo + 1))
            antes, depois = None, None
            if entidade == "fluxo_recurso" and acao == "inclusao":
                depois = {
                    "tipo_origem": origens[int(x * len(origens))],
                    "etapa": "potencial",
                    "versao": 1,
                    "valor": f"{int(x * 5_000_000) / 100:.2f}",
                }
            elif entidade == "fluxo_recurso":
                k = 1 + int(x * 3)
                antes = {"etapa": etapas[k - 1], "versao": k}
                depois = {
                    "etapa": etapas[k],
                    "versao": k + 1,
                    f"data_{['destinacao', 'transferencia', 'aplicacao'][k - 1]}": momento.date().isoformat(),
                }
            elif entidade == "envio_coleta":
                de, para = ("enviado", "validado") if x < 0.5 else ("validado", "aprovado")
                antes, depois = (
                    {"status": de, "versao": 1},
                    {"status": para, "versao": 2, f"{para}_em": momento.isoformat()},
                )
            elif entidade == "valor_indicador":
                depois = {"desagregacao": "", "valor": str(int(x * 300))}
            elif entidade == "escritorio_social":
                antes, depois = {"status": "em_implantacao", "versao": 1}, {"status": "em_funcionamento", "versao": 2}
            elif entidade == "fundo_municipal":
                antes, depois = {"status": "criado", "versao": 1}, {"status": "regulamentado", "versao": 2}
            else:
                antes, depois = {"contato_pontos_focais": ""}, {"contato_pontos_focais": "GMF (fictício)"}
        linhas.append(
            {
                "momento": momento,
                "usuario_id": autor[0],
                "usuario_email": autor[1],
                "entidade": entidade,
                "entidade_id": str(ident),
                "acao": acao,
                "antes": antes,
                "depois": depois,
            }
        )
        if len(linhas) >= LOTE:
            _inserir(c.conn, A, linhas)
            feito += len(linhas)
            linhas = []
    _inserir(c.conn, A, linhas)
    c.contagens["registro_auditoria"] = feito + len(linhas)


# --- função principal ---------------------------------------------------------------------------


def ja_gerado(url: str | None = None) -> str | None:
    """O conteúdo do marcador, se os dados de escala já foram gerados neste banco."""
    with obter_engine(url).connect() as conn:
        return conn.scalar(select(Parametro.__table__.c.valor).where(Parametro.__table__.c.chave == CHAVE))


def _recusar_repeticao(valor: str) -> None:
    quando = ""
    try:
        gerado_em = json.loads(valor).get("gerado_em")
        if gerado_em:
            quando = f" em {datetime.fromisoformat(gerado_em).astimezone(relogio.fuso()):%d/%m/%Y às %H:%M}"
    except (ValueError, AttributeError):
        pass
    raise ErroNegocio(
        f"Os dados de escala já foram gerados neste banco{quando}; gerá-los de novo duplicaria "
        "unidades, fluxos e valores. Para outra medição, use um banco novo"
    )


def gerar_escala(
    tamanhos: Tamanhos | None = None,
    *,
    url: str | None = None,
    progresso: Callable[[str], None] = print,
    hoje: date | None = None,
) -> dict[str, int]:
    """Gera os dados de escala no banco (já migrado; a referência é carregada se faltar).

    Tudo numa transação: ou entra tudo, ou nada. Devolve quantas linhas incluiu por tabela
    (`registro_auditoria` conta os sintéticos mais o registro da própria geração)."""
    t = tamanhos or Tamanhos()
    validar_tamanhos(t)
    inicio_total = time.perf_counter()
    if (valor := ja_gerado(url)) is not None:
        _recusar_repeticao(valor)
    _garantir_referencia(url)
    hoje = hoje or relogio.hoje()
    agora = relogio.agora_utc()
    if hoje != relogio.hoje():
        agora = min(agora, datetime.combine(hoje, hora(20), tzinfo=UTC))
    meses = t.anos * 12
    m0 = hoje.year * 12 + hoje.month - 1 - (meses - 1)
    engine = obter_engine(url)
    destino = make_url(url or url_atual()).render_as_string(hide_password=True)
    progresso(
        f"Gerando dados de escala em {destino}: {numero(t.grupos)} Grupos, {numero(t.escritorios)} Escritórios, "
        f"{numero(t.fundos)} Fundos, {t.anos} ano(s) de indicadores, {numero(t.fluxos)} fluxos e "
        f"{numero(t.auditoria)} registros de auditoria (semente {t.semente})."
    )
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:  # só nesta conexão; restaurados ao final
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
            conn.exec_driver_sql("PRAGMA cache_size=-262144")
            conn.exec_driver_sql("PRAGMA temp_store=MEMORY")
            conn.commit()  # encerra a transação implícita do SQLAlchemy (PRAGMA não abre transação no SQLite)
        try:
            with conn.begin():
                c = _Ctx(
                    conn=conn,
                    t=t,
                    hoje=hoje,
                    agora=agora,
                    inicio=date(m0 // 12, m0 % 12 + 1, 1),
                    rnd=random.Random(t.semente),
                    np_rng=np.random.default_rng(t.semente),
                    progresso=progresso,
                )
                P = Parametro.__table__
                try:  # o marcador entra primeiro: uma segunda geração simultânea esbarra na chave primária
                    conn.execute(insert(P), [{"chave": CHAVE, "valor": json.dumps({"situacao": "em andamento"})}])
                except IntegrityError:
                    raise ErroNegocio(
                        "Os dados de escala já estão sendo gerados ou foram gerados neste banco; "
                        "gerá-los de novo duplicaria os dados"
                    ) from None
                _carregar_territorio(c)
                etapas = [
                    (("grupo_interinstitucional",), _gerar_grupos),
                    (("escritorio_social",), _gerar_escritorios),
                    (("fundo_municipal",), _gerar_fundos),
                    (("usuario",), _gerar_usuarios),
                    ((), _gerar_indicadores),
                    (("fluxo_recurso",), _gerar_fluxos),
                    (("registro_auditoria",), _gerar_auditoria),
                ]
                for tabelas, funcao in etapas:
                    t0 = time.perf_counter()
                    # no SQLite, o resumo dos fluxos (migração 0008) recebe os grupos de uma vez no fim
                    with inclusao_em_lote(conn, tabelas[0] if tabelas else ""):
                        funcao(c)
                    for tabela in tabelas:
                        progresso(f"  {tabela}: {numero(c.contagens[tabela])} em {_fmt_s(time.perf_counter() - t0)}")
                segundos = time.perf_counter() - inicio_total
                marcador = {
                    "gerado_em": agora.isoformat(),
                    "segundos": round(segundos, 1),
                    "tamanhos": asdict(t),
                    "contagens": c.contagens,
                }
                conn.execute(update(P).where(P.c.chave == CHAVE).values(valor=json.dumps(marcador)))
                # o registro verdadeiro desta geração (os eventos ORM de auditoria não veem o Core)
                conn.execute(
                    insert(RegistroAuditoria.__table__),
                    [
                        {
                            "momento": agora,
                            "usuario_id": None,
                            "usuario_email": "sistema",
                            "entidade": "parametro",
                            "entidade_id": CHAVE,
                            "acao": "inclusao",
                            "antes": None,
                            "depois": {"chave": CHAVE, "valor": json.dumps(marcador)},
                        }
                    ],
                )
                c.contagens["registro_auditoria"] += 1
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
                conn.exec_driver_sql("PRAGMA cache_size=-2000")
                conn.exec_driver_sql("PRAGMA temp_store=DEFAULT")
                conn.commit()
    t0 = time.perf_counter()
    if sqlite:
        with engine.connect() as conn:  # estatísticas para o planejador de consultas
            conn.exec_driver_sql("ANALYZE")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.commit()
        progresso(f"  estatísticas do banco (ANALYZE) em {_fmt_s(time.perf_counter() - t0)}")
    else:
        # VACUUM, além das estatísticas, marca as páginas recém-gravadas como visíveis a todos: só
        # então as somas leem apenas os índices de cobertura (index-only scan). Sem ele, até o
        # autovacuum passar, o Sankey de Recursos relia a tabela: 2,6 s em vez de ~0,3 s com um
        # milhão de fluxos. VACUUM não roda dentro de transação (AUTOCOMMIT).
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE) " + ", ".join(c.contagens))
        progresso(f"  VACUUM e estatísticas do banco em {_fmt_s(time.perf_counter() - t0)}")
    progresso(
        "Dados de escala incluídos: "
        + ", ".join(f"{numero(v)} {ROTULOS.get(k, k)}" for k, v in c.contagens.items())
        + f". Tempo total: {_fmt_s(time.perf_counter() - inicio_total)}."
    )
    return dict(c.contagens)
