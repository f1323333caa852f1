"""Benchmark do sistema (`python manage.py bench`): mede, não afirma. Imprime uma tabela em
markdown com cada número ao lado do orçamento (✅, ou ❌ com o quanto passou) e grava tudo em JSON.

O que é medido, e como:

- **Script no servidor (AppTest)**: cada página roda uma vez pelo `app.py`, como o perfil mais
  privilegiado que a vê (administrador nas internas; visitante no painel público e em *Entrar*;
  ponto focal em *Minha unidade*). Antes de medir, a página roda uma vez para aquecer o processo
  (módulos importados); então os caches do sistema são esvaziados (`st.cache_data`,
  `st.cache_resource` e os `lru_cache` dos módulos do projeto, exceto a configuração) e a página roda
  **fria**; logo depois roda de novo na mesma sessão, **quente**. O tempo é o relógio de parede de
  `AppTest.run()` (roteador + página); com `repeticoes` > 1, a mediana de tantos pares frio/quente
  (numa máquina ocupada, uma só amostra varia 2× ou mais).
- **SQL da página × SQL bruto**: durante a execução fria, um ouvinte de
  `before_cursor_execute`/`after_cursor_execute` (em toda `Engine`) registra cada comando, seus
  parâmetros e o tempo do `cursor.execute`; as leituras das linhas (`fetchone/fetchmany/fetchall`
  das estratégias de cursor do SQLAlchemy) também são cronometradas, porque no SQLite boa parte do
  trabalho acontece na leitura. “SQL da página” é a soma disso tudo (todas as execuções, repetidas
  inclusive). “SQL bruto” é cada comando de leitura *distinto* (texto + parâmetros) executado de
  novo, sozinho, numa conexão nova do DBAPI, com `execute` + `fetchall`. A razão página/bruto
  acima de 1 mostra consultas repetidas e custo do driver/ORM na leitura; comandos de escrita não
  são repetidos (contados à parte). Razões de páginas com menos de 50 ms de SQL são ruído e não
  são julgadas.
- **Navegador** (Playwright + Chromium headless, `ferramentas/bench_navegador.py`): o sistema real num
  subprocesso do Streamlit; entra como administrador e, nas páginas mais pesadas pelo tempo frio
  do AppTest (5) e no painel público (como visitante), mede do clique no menu até o fim do script
  (`data-test-script-state` volta a `notRunning`), na 1ª e na 2ª visita.
- **Memória**: pico de RSS (`VmHWM` de `/proc/<pid>/status`) do processo do Streamlit depois de
  `sessoes` navegadores simultâneos entrarem e visitarem todas as páginas do seu perfil.
- **Importação**: um CSV válido de fluxos no modelo da página *Recursos* (municípios com Fundo ou
  Escritório cadastrados, números CNJ com dígitos verificadores) importado por
  `importar_fluxos(..., sistema=True)`; linhas/s do tempo da importação (leitura, validação e gravação).
- **Lado a lado**: no mesmo banco, *Recursos* fria e a página ingênua (`ferramentas/pagina_ingenua.py`:
  todos os fluxos no pandas, sem cache), uma execução de cada pelo AppTest; a razão das duas.
- **CPU**: ao lado de cada relógio de parede do AppTest, a CPU do processo na mesma execução (numa
  máquina disputada, o relógio inclui a espera pela CPU).
- **Máquina**: CPU, RAM, carga média, sistema, Python, versão do banco, tamanho e linhas das maiores tabelas.
- **Orçamentos** (`ORCAMENTOS`): o relatório termina com `orçamentos: N de M cumpridos` e os não
  cumpridos; um orçamento que a rodada não mediu não conta.

Tudo roda numa **cópia** do banco medido, descartada no fim, porque o benchmark grava: cria uma
conta por perfil e por sessão simultânea (senha aleatória; assim qualquer banco migrado serve,
mesmo sem administrador ou sem senhas, como o de `demo escala`), cada login grava `ultimo_acesso`
(auditado — o que também esvazia os caches daquele processo, como em produção) e a importação
inclui fluxos (por isso vem por último). SQLite: cópia pela API de backup; PostgreSQL:
`CREATE DATABASE … TEMPLATE`, que exige o original sem outras conexões — se a cópia falhar, só o
AppTest roda, no original e com os usuários que ele tiver; navegador e importação são pulados
com o motivo. O AppTest prefere as contas de demonstração, se existirem (mesma unidade do ponto
focal da demonstração).
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import logging
import os
import platform
import random
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy
import streamlit
import streamlit.testing.v1  # noqa: F401 - cria os loggers do AppTest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.engine import cursor as cur
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel, select
from streamlit.testing.v1 import AppTest

from comum.formatos import numero
from comum.textos import normalizar
from core import acesso, relogio
from core.banco import descartar_engines, obter_engine, sessao, url_atual, usar_url
from core.cache import limpar_caches_do_sistema
from core.config import RAIZ
from core.erros import ErroValidacao
from core.esquema import verificar_esquema
from demo.demonstracao import USUARIOS_DEMO, publicar_painel_se_faltar
from demo.recursos import numero_processo_estadual
from dominio.recursos.importacao import CABECALHOS, COLUNAS, LINHAS_MAX, TAMANHO_MAX, importar_fluxos
from dominio.usuarios.servicos import desativar_contas_demo_fora_do_modo_demo
from ferramentas import bench_navegador
from ferramentas.bench_navegador import criar_contas
from models.territorio import Municipio
from models.unidades import EscritorioSocial, FundoMunicipal
from models.usuarios import Usuario

APP = str(RAIZ / "app.py")
SAIDA_PADRAO = RAIZ / "var" / "bench.json"
TEMPO_LIMITE_PAGINA_S = 600  # AppTest: limite de uma execução de página

SQL_MINIMO_JULGADO_S = 0.05  # abaixo disso a razão é ruído (GIL, escalonamento numa máquina ocupada)
SESSOES_DO_ORCAMENTO = 10  # o orçamento de memória é o de 10 sessões simultâneas


@dataclass(frozen=True)
class Orcamento:
    """Um orçamento da issue #19: `medidas(r)` devolve o que a rodada mediu para ele, como
    (o quê, valor); nada medido = não conta. Cumprido se **todas** as medidas cabem no limite."""

    chave: str
    descricao: str
    limite: float
    unidade: str
    medidas: Callable[[dict], list[tuple[str, float]]]
    maior_melhor: bool = False
    casas: int = 2


def _das_paginas(campo: str) -> Callable[[dict], list[tuple[str, float]]]:
    return lambda r: [(p["titulo"], p[campo]) for p in r.get("paginas", []) if p.get(campo) is not None]


def _razoes_julgadas(r: dict) -> list[tuple[str, float]]:
    return [
        (p["titulo"], p["razao_sql"])
        for p in r.get("paginas", [])
        if p.get("razao_sql") is not None and (p.get("sql_pagina_s") or 0) >= SQL_MINIMO_JULGADO_S
    ]


def _abas_novas(r: dict) -> list[tuple[str, float]]:
    nav = r.get("navegador") or {}
    rotulos = {
        "publico_carga_s": "painel público, servidor frio",
        "publico_carga_quente_s": "painel público, cache quente",
        "recursos_aba_nova_s": "Recursos, servidor frio",
        "recursos_aba_nova_quente_s": "Recursos, quente",
    }
    return [(rotulo, nav[k]) for k, rotulo in rotulos.items() if nav.get(k) is not None]


def _importacao(formato: str) -> Callable[[dict], list[tuple[str, float]]]:
    def medidas(r: dict) -> list[tuple[str, float]]:
        imp = r.get("importacao") or {}
        if isinstance(imp.get(formato), dict):  # {"csv": {...}, "xlsx": {...}}
            v = imp[formato].get("linhas_por_s")
        else:  # o CSV no nível de cima; o XLSX, se houver, em `xlsx_linhas_por_s`
            v = imp.get("linhas_por_s" if formato == "csv" else f"{formato}_linhas_por_s")
        return [(formato.upper(), v)] if v is not None else []

    return medidas


def _memoria(r: dict) -> list[tuple[str, float]]:
    mem = (r.get("navegador") or {}).get("memoria") or {}
    if mem.get("pico_mb") is None or mem.get("sessoes") != SESSOES_DO_ORCAMENTO:
        return []
    return [(f"{mem['sessoes']} sessões", mem["pico_mb"])]


def _painel_leve(r: dict) -> list[tuple[str, float]]:
    v = (r.get("navegador") or {}).get("painel_leve_s")
    return [("/painel", v)] if v is not None else []


def _lado_a_lado(r: dict) -> list[tuple[str, float]]:
    v = (r.get("lado_a_lado") or {}).get("razao")
    return [("ingênua ÷ Recursos", v)] if v is not None else []


ORCAMENTOS: tuple[Orcamento, ...] = (
    Orcamento("frio_s", "página fria (script no servidor) ≤ 2 s", 2.0, "s", _das_paginas("frio_s")),
    Orcamento("quente_s", "página quente (script no servidor) ≤ 0,5 s", 0.5, "s", _das_paginas("quente_s")),
    Orcamento(
        "navegador_s", "painel público e Recursos numa aba nova, frios e quentes, ≤ 2,5 s", 2.5, "s", _abas_novas
    ),
    Orcamento("razao_sql", "SQL da página ÷ o mesmo SQL sozinho ≤ 1,5", 1.5, "", _razoes_julgadas),
    Orcamento(
        "importacao_linhas_s",
        "importação CSV ≥ 20.000 linhas/s",
        20_000,
        "linhas/s",
        _importacao("csv"),
        maior_melhor=True,
        casas=0,
    ),
    Orcamento(
        "importacao_xlsx_linhas_s",
        "importação XLSX ≥ 10.000 linhas/s",
        10_000,
        "linhas/s",
        _importacao("xlsx"),
        maior_melhor=True,
        casas=0,
    ),
    Orcamento("memoria_mb", "memória com 10 sessões ≤ 600 MB de pico", 600, "MB", _memoria, casas=0),
    Orcamento("painel_leve_s", "/painel na primeira abertura ≤ 1,0 s", 1.0, "s", _painel_leve),
    Orcamento(
        "lado_a_lado_x",
        "Recursos ≥ 10× mais rápida que a página ingênua (pandas)",
        10,
        "×",
        _lado_a_lado,
        maior_melhor=True,
        casas=1,
    ),
)
ORCAMENTO = {o.chave: o.limite for o in ORCAMENTOS}


def julgar_orcamentos(r: dict) -> list[dict]:
    """O veredito de cada orçamento: “cumprido”, “não cumprido” (com as medidas fora) ou “não medido”."""
    vereditos = []
    for o in ORCAMENTOS:
        medidas = [(q, float(v)) for q, v in o.medidas(r)]
        fora = [(q, v) for q, v in medidas if (v < o.limite if o.maior_melhor else v > o.limite)]
        situacao = "não medido" if not medidas else "não cumprido" if fora else "cumprido"
        vereditos.append(
            {
                "chave": o.chave,
                "descricao": o.descricao,
                "limite": o.limite,
                "situacao": situacao,
                "medidas": len(medidas),
                "fora": [{"o_que": q, "valor": v} for q, v in fora],
            }
        )
    return vereditos


def linhas_de_orcamento(vereditos: list[dict]) -> list[str]:
    """O fim do relatório: quais orçamentos não foram medidos (não contam) e, por último, uma só
    linha `orçamentos: N de M cumpridos`, com os não cumpridos e as medidas fora do limite."""
    unid = {o.chave: o for o in ORCAMENTOS}
    medidos = [v for v in vereditos if v["situacao"] != "não medido"]
    cumpridos = [v for v in medidos if v["situacao"] == "cumprido"]
    saida = []
    nao_medidos = [v["descricao"] for v in vereditos if v["situacao"] == "não medido"]
    if nao_medidos:
        saida.append(f"Não medidos nesta rodada (não contam): {'; '.join(nao_medidos)}.")
    linha = f"orçamentos: {len(cumpridos)} de {len(medidos)} cumpridos"
    falhas = []
    for v in medidos:
        if v["situacao"] == "cumprido":
            continue
        o = unid[v["chave"]]
        piores = sorted(v["fora"], key=lambda f: f["valor"], reverse=not o.maior_melhor)
        exemplos = ", ".join(
            f"{f['o_que']} {_num(f['valor'], o.casas)}{(' ' + o.unidade) if o.unidade else ''}" for f in piores[:3]
        )
        mais = f" e mais {len(piores) - 3}" if len(piores) > 3 else ""
        falhas.append(f"{v['descricao']} ({exemplos}{mais})")
    if falhas:
        linha += " — não cumpridos: " + "; ".join(falhas)
    saida.append(linha)
    return saida


PAGINAS_PESADAS = 5
PERFIS_PADRAO = ("admin", "dmf", "cnmp", "pf_grupo", "pf_escritorio", "publico")

Progresso = Callable[[str], None]


def _progresso_padrao(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --- formatação -----------------------------------------------------------------


def _num(v: float | None, casas: int = 2) -> str:
    return numero(v, casas)


def _veredito(valor: float | None, limite: float, *, maior_melhor: bool = False) -> str:
    """“✅” dentro do orçamento; “❌ +X%” quanto passou (ou “❌ −X%” quanto faltou, se maior é melhor)."""
    if valor is None:
        return ""
    if maior_melhor:
        return "✅" if valor >= limite else f"❌ −{_pct((1 - valor / limite) * 100)}"
    return "✅" if valor <= limite else f"❌ +{_pct((valor / limite - 1) * 100)}"


def _pct(p: float) -> str:
    return f"{_num(p, 1)}%" if p < 10 else f"{p:.0f}%"


def _com_veredito(valor: float | None, limite: float, casas: int = 2, unidade: str = "", **kw) -> str:
    if valor is None:
        return "—"
    return f"{_num(valor, casas)}{' ' + unidade if unidade else ''} {_veredito(valor, limite, **kw)}"


class _SemAvisosDeRuntime:
    """Filtro de log: fora do servidor, o Streamlit avisa a cada execução que não há runtime nem
    ScriptRunContext — irrelevante aqui e ruído no progresso. (Filtro, não nível: o AppTest
    reconfigura os níveis dos loggers a cada execução.)"""

    def filter(self, registro) -> bool:
        msg = str(registro.msg)
        return "No runtime found" not in msg and "missing ScriptRunContext" not in msg


def silenciar_avisos_do_streamlit() -> None:
    for nome in list(logging.root.manager.loggerDict):
        logger = logging.getLogger(nome)
        if nome.startswith("streamlit") and not any(isinstance(f, _SemAvisosDeRuntime) for f in logger.filters):
            logger.addFilter(_SemAvisosDeRuntime())


# --- banco e caches ---------------------------------------------------------------


def _url_visivel(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


# --- captura do SQL --------------------------------------------------------------


class ColetorSQL:
    """Registra, enquanto ativo, cada comando executado em qualquer `Engine` deste processo, com
    parâmetros e tempo do `cursor.execute`, e soma o tempo das leituras de linhas do cursor."""

    def __init__(self) -> None:
        self.ativo = False
        self.execucoes: list[tuple[str, object, float, bool]] = []
        self.leitura_s = 0.0
        self._local = threading.local()
        self._originais: list[tuple[type, str, object]] = []

    # ouvintes de Engine
    def _antes(self, conn, cursor, statement, parameters, context, executemany):
        if self.ativo:
            self._local.t0 = time.perf_counter()

    def _depois(self, conn, cursor, statement, parameters, context, executemany):
        t0 = getattr(self._local, "t0", None)
        if self.ativo and t0 is not None:
            self.execucoes.append((statement, parameters, time.perf_counter() - t0, bool(executemany)))
            self._local.t0 = None

    def _embrulhar(self, f):
        coletor = self

        @functools.wraps(f)
        def medido(*args, **kwargs):
            if not coletor.ativo or getattr(coletor._local, "lendo", False):
                return f(*args, **kwargs)
            coletor._local.lendo = True
            t0 = time.perf_counter()
            try:
                return f(*args, **kwargs)
            finally:
                coletor._local.lendo = False
                coletor.leitura_s += time.perf_counter() - t0

        return medido

    def instalar(self) -> None:
        event.listen(Engine, "before_cursor_execute", self._antes)
        event.listen(Engine, "after_cursor_execute", self._depois)
        # leituras: os métodos que chamam dbapi_cursor.fetch* (SQLAlchemy 2.x)
        for nome_cls in ("CursorFetchStrategy", "BufferedRowCursorFetchStrategy", "FullyBufferedCursorFetchStrategy"):
            cls = getattr(cur, nome_cls, None)
            if cls is None:
                continue
            for metodo in ("__init__", "fetchone", "fetchmany", "fetchall", "_buffer_rows"):
                if metodo in cls.__dict__:
                    original = cls.__dict__[metodo]
                    setattr(cls, metodo, self._embrulhar(original))
                    self._originais.append((cls, metodo, original))

    def remover(self) -> None:
        event.remove(Engine, "before_cursor_execute", self._antes)
        event.remove(Engine, "after_cursor_execute", self._depois)
        for cls, metodo, original in reversed(self._originais):
            setattr(cls, metodo, original)
        self._originais.clear()

    @contextmanager
    def capturar(self) -> Iterator[ColetorSQL]:
        self.execucoes, self.leitura_s, self.ativo = [], 0.0, True
        try:
            yield self
        finally:
            self.ativo = False


_RE_LEITURA = re.compile(r"^\s*(\(?\s*select|with|pragma|show|values)\b", re.I)


def sql_bruto(url: str, execucoes: Iterable[tuple[str, object, float, bool]]) -> dict:
    """Executa de novo, sozinho e numa conexão nova, cada comando de leitura distinto
    (texto + parâmetros), com `execute` + `fetchall`; devolve a soma e os mais lentos."""
    distintas: dict[tuple[str, str], tuple[str, object]] = {}
    escritas = 0
    for sql, params, _, varias in execucoes:
        if varias or not _RE_LEITURA.match(sql):
            escritas += 1
            continue
        distintas.setdefault((sql, repr(params)), (sql, params))
    kwargs: dict = {"poolclass": NullPool}
    if make_url(url).get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 10}
    engine = create_engine(url, **kwargs)
    total, tempos, erros = 0.0, [], []
    try:
        conn = engine.raw_connection()
        try:
            cur = conn.cursor()
            cur.execute("SELECT 1")  # conexão aberta e esquema lido antes de medir
            cur.fetchall()
            for sql, params in distintas.values():
                try:
                    t0 = time.perf_counter()
                    cur.execute(sql, params)
                    if cur.description is not None:
                        cur.fetchall()
                    dt = time.perf_counter() - t0
                except Exception as exc:  # noqa: BLE001 - relatado, não interrompe o benchmark
                    erros.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
                    conn.rollback()
                    continue
                total += dt
                tempos.append((dt, sql))
            conn.rollback()
        finally:
            conn.close()
    finally:
        engine.dispose()
    tempos.sort(reverse=True)
    return {
        "sql_bruto_s": total,
        "consultas_distintas": len(distintas),
        "escritas_nao_repetidas": escritas,
        "mais_lentas": [{"s": round(dt, 6), "sql": " ".join(sql.split())[:300]} for dt, sql in tempos[:3]],
        "erros_sql_bruto": erros,
    }


# --- páginas -----------------------------------------------------------------------


def _papel_da_pagina(papeis: frozenset[str]) -> str:
    """O perfil mais privilegiado que vê a página; visitante se ela é pública."""
    if acesso.PUBLICO in papeis:
        return acesso.PUBLICO
    return next(p for p in (acesso.ADMIN, acesso.DMF, acesso.CNMP, acesso.PONTO_FOCAL) if p in papeis)


def selecionar_paginas(paginas: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    """(arquivo, título, papel) de cada página de `acesso.PAGINAS`, ou só das pedidas (pelo nome do
    arquivo, com ou sem `paginas/` e `.py`, ou pelo título)."""
    todas = [(arq, titulo, _papel_da_pagina(papeis)) for arq, titulo, _, _, papeis in acesso.PAGINAS]
    if not paginas:
        return todas
    pedidas = {_chave_pagina(p) for p in paginas}
    escolhidas = [t for t in todas if _chave_pagina(t[0]) in pedidas or _chave_pagina(t[1]) in pedidas]
    achadas = {_chave_pagina(t[0]) for t in escolhidas} | {_chave_pagina(t[1]) for t in escolhidas}
    faltam = sorted(pedidas - achadas)
    if faltam:
        nomes = ", ".join(Path(a).stem for a, *_ in todas)
        raise ValueError(f"página(s) desconhecida(s): {', '.join(faltam)}; use: {nomes}")
    return escolhidas


def _chave_pagina(texto: str) -> str:
    t = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode().lower().strip()
    return Path(t).stem.replace(" ", "_")


def usuarios_por_papel() -> dict[str, object]:
    """Um usuário ativo por papel: a conta de demonstração, se existir; senão o de menor id. Fora do
    modo de demonstração as contas de demonstração não entram: são desativadas antes, como na
    partida do sistema, e não são escolhidas."""
    desativar_contas_demo_fora_do_modo_demo()
    preferidos = {u.papel: u.email for u in reversed(USUARIOS_DEMO)}  # ponto focal: o do Grupo
    with sessao() as s:
        ativos = list(s.exec(select(Usuario).where(Usuario.ativo == True).order_by(Usuario.id)))  # noqa: E712
    saida = {}
    for u in ativos:
        if u.papel not in saida or u.email == preferidos.get(u.papel):
            saida[u.papel] = u
    return saida


def medir_paginas(
    url: str,
    paginas: list[tuple[str, str, str]],
    progresso: Progresso,
    repeticoes: int = 1,
    linhas: list[dict] | None = None,
) -> list[dict]:
    """Tempos frio e quente de cada página pelo AppTest (mediana de `repeticoes` pares) e o SQL
    da primeira execução fria, comparado com o SQL bruto. Acrescenta uma linha por página a
    `linhas` (se dada) à medida que mede: numa interrupção, o que já foi medido fica."""
    usuarios = usuarios_por_papel()
    coletor = ColetorSQL()
    coletor.instalar()
    linhas = [] if linhas is None else linhas
    try:
        for i, (arquivo, titulo, papel) in enumerate(paginas, start=1):
            linha = {
                "arquivo": arquivo,
                "titulo": titulo,
                "perfil": papel,
                "frio_s": None,
                "quente_s": None,
                "sql_pagina_s": None,
                "sql_bruto_s": None,
                "razao_sql": None,
                "erros": [],
            }
            linhas.append(linha)
            usuario = usuarios.get(papel) if papel != acesso.PUBLICO else None
            if papel != acesso.PUBLICO and usuario is None:
                linha["erros"].append(f"nenhum usuário ativo com o perfil {papel} no banco")
                progresso(f"  [{i}/{len(paginas)}] {titulo}: pulada (sem usuário {papel})")
                continue
            if usuario is not None:
                linha["usuario"] = usuario.email
            try:
                at = AppTest.from_file(APP, default_timeout=TEMPO_LIMITE_PAGINA_S)
                if usuario is not None:
                    at.session_state["usuario_id"] = usuario.id
                at.run()  # página inicial do perfil: registra o menu
                at.switch_page(arquivo).run()  # aquecimento: importações da página
                frios, quentes, cpu_frios, cpu_quentes = [], [], [], []
                for k in range(repeticoes):
                    limpar_caches_do_sistema()
                    with coletor.capturar() if k == 0 else contextlib.nullcontext():  # SQL: da 1ª execução fria
                        t0, c0 = time.perf_counter(), time.process_time()
                        at.switch_page(arquivo).run()
                        frios.append(time.perf_counter() - t0)
                        cpu_frios.append(time.process_time() - c0)
                    if k == 0:
                        execucoes, leitura = list(coletor.execucoes), coletor.leitura_s
                    linha["erros"] += [str(e.value) for e in at.exception if str(e.value) not in linha["erros"]]
                    t0, c0 = time.perf_counter(), time.process_time()
                    at.run()
                    quentes.append(time.perf_counter() - t0)
                    cpu_quentes.append(time.process_time() - c0)
                    linha["erros"] += [str(e.value) for e in at.exception if str(e.value) not in linha["erros"]]
                linha["frio_s"], linha["quente_s"] = statistics.median(frios), statistics.median(quentes)
                # CPU do processo (todas as threads) na mesma execução: numa máquina disputada, o
                # relógio de parede inclui a espera pela CPU; a CPU não (serve para comparar tamanhos)
                linha["frio_cpu_s"], linha["quente_cpu_s"] = (
                    statistics.median(cpu_frios),
                    statistics.median(cpu_quentes),
                )
                if repeticoes > 1:
                    linha["frio_amostras_s"], linha["quente_amostras_s"] = frios, quentes
            except Exception as exc:  # noqa: BLE001 - uma página com problema não interrompe as demais
                linha["erros"].append(f"{type(exc).__name__}: {exc}")
                progresso(f"  [{i}/{len(paginas)}] {titulo}: falhou ({type(exc).__name__}: {exc})")
                continue
            execucao = sum(e[2] for e in execucoes)
            linha.update(
                {
                    "sql_execucao_s": execucao,
                    "sql_leitura_s": leitura,
                    "sql_pagina_s": execucao + leitura,
                    "consultas": len(execucoes),
                }
            )
            linha.update(sql_bruto(url, execucoes))
            if linha["sql_bruto_s"]:
                linha["razao_sql"] = linha["sql_pagina_s"] / linha["sql_bruto_s"]
            progresso(
                f"  [{i}/{len(paginas)}] {titulo} ({papel}): frio {_num(linha['frio_s'])} s, quente "
                f"{_num(linha['quente_s'])} s, SQL {_num(linha['sql_pagina_s'], 3)} s "
                f"({linha['consultas']} comandos), bruto {_num(linha['sql_bruto_s'], 3)} s"
                + (f" — {len(linha['erros'])} erro(s) na página" if linha["erros"] else "")
            )
    finally:
        coletor.remover()
    return linhas


# --- lado a lado: a página ingênua --------------------------------------------------

PAGINA_INGENUA = str(RAIZ / "ferramentas" / "pagina_ingenua.py")
PAGINA_RECURSOS = "paginas/recursos.py"


def medir_lado_a_lado(url: str, progresso: Progresso) -> dict:
    """No mesmo banco: a página *Recursos* fria (caches vazios, depois de uma execução que importa
    os módulos, como em `medir_paginas`) e a página ingênua (`ferramentas/pagina_ingenua.py`: todos
    os fluxos no pandas, sem cache — toda execução é “fria”), uma execução de cada pelo AppTest."""
    r: dict = {"pagina_ingenua": "ferramentas/pagina_ingenua.py"}
    admin = usuarios_por_papel().get(acesso.ADMIN)
    if admin is None:
        return {**r, "erro": "nenhum administrador ativo no banco"}
    at = AppTest.from_file(APP, default_timeout=TEMPO_LIMITE_PAGINA_S)
    at.session_state["usuario_id"] = admin.id
    at.run()
    at.switch_page(PAGINA_RECURSOS).run()  # aquecimento: importações da página
    limpar_caches_do_sistema()
    t0, c0 = time.perf_counter(), time.process_time()
    at.switch_page(PAGINA_RECURSOS).run()
    r["recursos_frio_s"], r["recursos_frio_cpu_s"] = time.perf_counter() - t0, time.process_time() - c0
    erros = [str(e.value) for e in at.exception]
    progresso(f"Lado a lado: Recursos fria {_num(r['recursos_frio_s'])} s; a página ingênua lê todos os fluxos…")
    ingenua = AppTest.from_file(PAGINA_INGENUA, default_timeout=TEMPO_LIMITE_PAGINA_S)
    ingenua.secrets["url_banco"] = url
    t0, c0 = time.perf_counter(), time.process_time()
    ingenua.run()
    r["ingenua_s"], r["ingenua_cpu_s"] = time.perf_counter() - t0, time.process_time() - c0
    erros += [str(e.value) for e in ingenua.exception]
    if erros:
        r["erro"] = "; ".join(e[:200] for e in erros)
    else:
        r["razao"] = r["ingenua_s"] / r["recursos_frio_s"]
        r["razao_cpu"] = r["ingenua_cpu_s"] / r["recursos_frio_cpu_s"] if r["recursos_frio_cpu_s"] else None
    progresso(
        f"Lado a lado: ingênua {_num(r['ingenua_s'])} s"
        + (f", {_num(r['razao'], 1)}× a Recursos" if "razao" in r else f" (erro: {r['erro']})")
    )
    return r


# --- importação --------------------------------------------------------------------


def destinos_de_importacao() -> tuple[list[tuple[int, str]], list[tuple[int, str, str]]]:
    """Fundos (código IBGE, UF) e Escritórios (código IBGE, UF, nome ou "" se único no município)
    do banco atual — o que a importação aceita como destino."""
    with sessao() as s:
        fundos = sorted(set(s.exec(select(FundoMunicipal.municipio_codigo, Municipio.uf_sigla).join(Municipio))))
        escr = list(
            s.exec(
                select(EscritorioSocial.municipio_codigo, Municipio.uf_sigla, EscritorioSocial.nome)
                .join(Municipio)
                .order_by(EscritorioSocial.id)
            )
        )
    por_municipio: dict[int, list[tuple[str, str]]] = {}
    for ibge, uf, nome in escr:
        por_municipio.setdefault(ibge, []).append((uf, nome))
    escritorios = []
    for ibge, lista in sorted(por_municipio.items()):
        if len(lista) == 1:
            escritorios.append((ibge, lista[0][0], ""))
            continue
        normas = [normalizar(n) for _, n in lista]
        escritorios += [(ibge, uf, nome) for (uf, nome), n in zip(lista, normas) if normas.count(n) == 1]
    return fundos, escritorios


def gerar_csv_fluxos(
    n: int, fundos: list[tuple[int, str]], escritorios: list[tuple[int, str, str]], hoje: date, semente: int = 22_2023
) -> bytes:
    """CSV (`;`, UTF-8) de `n` fluxos válidos no modelo da página *Recursos*: origens judiciais
    com número CNJ válido (Res. CNJ 65/2008) e FUNPEN; destinos entre os Fundos e Escritórios dados;
    etapas com suas datas em ordem, nunca no futuro; prestação pendente ou aprovada. Determinístico."""
    if not fundos and not escritorios:
        raise ValueError("o banco não tem Fundo Municipal nem Escritório Social para destino dos fluxos")
    rnd = random.Random(semente)
    campos = [c[1] for c in COLUNAS]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(CABECALHOS)
    origens = ["prestacao_pecuniaria"] * 6 + ["transacao_penal"] * 2 + ["suspensao_condicional", "funpen"]
    etapas = ["potencial"] + ["destinado"] * 2 + ["transferido"] * 4 + ["aplicado"] * 3
    for i in range(n):
        para_fundo = bool(fundos) and (not escritorios or rnd.random() < 0.7)
        if para_fundo:
            ibge, uf = fundos[rnd.randrange(len(fundos))]
            destino, nome = "fundo", ""
        else:
            ibge, uf, nome = escritorios[rnd.randrange(len(escritorios))]
            destino = "escritorio"
        tipo = origens[rnd.randrange(len(origens))]
        etapa = etapas[rnd.randrange(len(etapas))]
        d0 = hoje - timedelta(days=rnd.randint(200, 1100))
        d1 = min(d0 + timedelta(days=rnd.randint(5, 40)), hoje)
        d2 = min(d1 + timedelta(days=rnd.randint(10, 60)), hoje)
        d3 = min(d2 + timedelta(days=rnd.randint(20, 120)), hoje)
        centavos = rnd.randint(30_000, 4_000_000)
        v = {c: "" for c in campos}
        v.update(
            tipo_origem=tipo,
            uf_origem=uf,
            destino_tipo=destino,
            destino_ibge=str(ibge),
            destino_nome=nome,
            valor=f"{centavos // 100},{centavos % 100:02d}",
            etapa=etapa,
            data_potencial=f"{d0:%d/%m/%Y}",
        )
        if tipo == "funpen":
            v.update(orgao_tipo="senappen", orgao_origem="Senappen — FUNPEN")
        else:
            num, origem = f"{i % 9_999_999 + 1:07d}", f"{rnd.randint(1, 9999):04d}"
            v.update(
                orgao_tipo="tribunal",
                orgao_origem=f"TJ{uf} — VEP {rnd.randint(1, 40)}",
                processo=numero_processo_estadual(uf, d0.year, num, origem),
            )
        if etapa in ("destinado", "transferido", "aplicado"):
            v["data_destinacao"] = f"{d1:%d/%m/%Y}"
        if etapa in ("transferido", "aplicado"):
            v["data_transferencia"] = f"{d2:%d/%m/%Y}"
            if tipo != "funpen":
                v["status_prestacao"] = "pendente"
        if etapa == "aplicado":
            v["data_aplicacao"] = f"{d3:%d/%m/%Y}"
            if tipo != "funpen" and rnd.random() < 0.5:
                aplicado = centavos * rnd.randint(70, 100) // 100
                v.update(
                    status_prestacao="aprovada",
                    data_prestacao=f"{d3:%d/%m/%Y}",
                    valor_aplicado=f"{aplicado // 100},{aplicado % 100:02d}",
                )
        w.writerow([v[c] for c in campos])
    return buf.getvalue().encode("utf-8")


def _partes(conteudo: bytes) -> list[bytes]:
    """Divide o CSV em arquivos dentro dos limites da importação (tamanho e linhas), com cabeçalho."""
    cab, _, corpo = conteudo.partition(b"\n")
    linhas = corpo.splitlines(keepends=True)
    limite = TAMANHO_MAX - 64 * 1024
    partes, atual, tamanho = [], [], len(cab) + 1
    for linha in linhas:
        if atual and (tamanho + len(linha) > limite or len(atual) >= LINHAS_MAX):
            partes.append(cab + b"\n" + b"".join(atual))
            atual, tamanho = [], len(cab) + 1
        atual.append(linha)
        tamanho += len(linha)
    if atual:
        partes.append(cab + b"\n" + b"".join(atual))
    return partes


@contextmanager
def copia_do_banco(url: str, pasta: Path) -> Iterator[str]:
    """Uma cópia descartável do banco: SQLite pela API de backup; PostgreSQL por
    `CREATE DATABASE … TEMPLATE` (exige que ninguém mais esteja conectado ao original)."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        destino = pasta / "copia.sqlite3"
        with sqlite3.connect(u.database) as origem, sqlite3.connect(destino) as copia:
            origem.backup(copia)
        try:
            yield f"sqlite:///{destino}"
        finally:
            descartar_engines()
        return
    import psycopg  # importação tardia: o psycopg só é carregado com banco PostgreSQL

    descartar_engines()
    nome = f"bench_copia_{uuid.uuid4().hex[:10]}"
    admin = u.set(database="postgres", drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{nome}" TEMPLATE "{u.database}"')
    try:
        yield u.set(database=nome).render_as_string(hide_password=False)
    finally:
        descartar_engines()
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{nome}" WITH (FORCE)')


def medir_importacao(url: str, linhas: int, progresso: Progresso) -> dict:
    """Gera o CSV e o importa em `url` — a cópia descartável do banco medido."""
    hoje = relogio.hoje()
    r: dict = {"linhas": linhas}
    with usar_url(url):
        fundos, escritorios = destinos_de_importacao()
        t0 = time.perf_counter()
        conteudo = gerar_csv_fluxos(linhas, fundos, escritorios, hoje)
        r["geracao_s"] = time.perf_counter() - t0
        r["mb"] = len(conteudo) / 1024 / 1024
        partes = _partes(conteudo)
        r["arquivos"] = len(partes)
        progresso(
            f"Importação: {numero(linhas)} linhas ({_num(r['mb'], 1)} MB, {len(partes)} arquivo(s)) geradas; importando…"
        )
        incluidas = existentes = 0
        t0 = time.perf_counter()
        for k, parte in enumerate(partes, start=1):
            try:
                res = importar_fluxos(None, f"bench_{k}.csv", parte, hoje=hoje, sistema=True)
            except ErroValidacao as exc:
                r["erro"] = f"{len(exc.problemas)} problema(s); primeiros: " + "; ".join(
                    str(p) for p in exc.problemas[:5]
                )
                return r
            incluidas += res.incluidas
            existentes += res.ja_existentes
        r["importacao_s"] = time.perf_counter() - t0
        r.update(incluidas=incluidas, ja_existentes=existentes, linhas_por_s=linhas / r["importacao_s"])
        progresso(f"Importação: {_num(r['linhas_por_s'], 0)} linhas/s; a mesma medida em XLSX…")
        r["xlsx"] = _medir_importacao_xlsx(linhas, fundos, escritorios, hoje)
    xlsx = _num(r["xlsx"]["linhas_por_s"], 0) if "linhas_por_s" in r["xlsx"] else r["xlsx"]["erro"]
    progresso(f"Importação: {_num(r['linhas_por_s'], 0)} linhas/s (CSV); XLSX: {xlsx}")
    return r


def csv_para_xlsx(conteudo: bytes) -> bytes:
    """O CSV (`;`, UTF-8) numa planilha XLSX de uma aba "Fluxos", cada célula como texto — o que
    se obtém ao colar o CSV numa planilha e salvar. Escrito pelo xlsxwriter em memória constante."""
    import xlsxwriter  # importação tardia: só a medida da importação em XLSX escreve planilhas

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"constant_memory": True, "in_memory": True})
    ws = wb.add_worksheet("Fluxos")
    for i, linha in enumerate(csv.reader(io.StringIO(conteudo.decode("utf-8")), delimiter=";")):
        for j, v in enumerate(linha):
            if v:
                ws.write_string(i, j, v)
    wb.close()
    return buf.getvalue()


def _medir_importacao_xlsx(linhas: int, fundos, escritorios, hoje: date) -> dict:
    """Outras `linhas` (outra semente: nenhuma repete as do CSV), em XLSX, importadas na mesma cópia;
    linhas/s do tempo da importação (leitura da planilha, validação e gravação)."""
    partes = [csv_para_xlsx(p) for p in _partes(gerar_csv_fluxos(linhas, fundos, escritorios, hoje, semente=2023_22))]
    r: dict = {"linhas": linhas, "arquivos": len(partes), "mb": sum(map(len, partes)) / 1024 / 1024}
    incluidas = 0
    t0 = time.perf_counter()
    for k, parte in enumerate(partes, start=1):
        try:
            incluidas += importar_fluxos(None, f"bench_{k}.xlsx", parte, hoje=hoje, sistema=True).incluidas
        except ErroValidacao as exc:
            r["erro"] = f"{len(exc.problemas)} problema(s); primeiros: " + "; ".join(map(str, exc.problemas[:5]))
            return r
    r["importacao_s"] = time.perf_counter() - t0
    r.update(incluidas=incluidas, linhas_por_s=linhas / r["importacao_s"])
    return r


# --- máquina -----------------------------------------------------------------------


def _ler(caminho: str) -> str:
    try:
        return Path(caminho).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def info_maquina(url: str) -> dict:
    cpu = next(
        (
            linha.split(":", 1)[1].strip()
            for linha in _ler("/proc/cpuinfo").splitlines()
            if linha.startswith("model name")
        ),
        platform.processor() or platform.machine(),
    )
    mem = re.search(r"MemTotal:\s+(\d+) kB", _ler("/proc/meminfo"))
    so = re.search(r'PRETTY_NAME="([^"]+)"', _ler("/etc/os-release"))
    try:
        commit = (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=RAIZ, capture_output=True, text=True, timeout=10
            ).stdout.strip()
            or None
        )
    except (OSError, subprocess.SubprocessError):
        commit = None
    info = {
        "data": relogio.agora().isoformat(timespec="seconds"),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "ram_gb": round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None,
        "so": f"{so.group(1) if so else platform.system()} ({platform.system()} {platform.release()})",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "streamlit": streamlit.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "commit": commit,
        "carga_media": round(os.getloadavg()[0], 1),  # 1 min, ao começar: quanto a máquina está disputada
        "referencia_s": referencia_da_maquina(),
    }
    u = make_url(url)
    banco: dict = {"url": _url_visivel(url), "tipo": u.get_backend_name()}
    engine = obter_engine(url)
    with engine.connect() as c:
        if banco["tipo"] == "postgresql":
            banco["versao"] = f"PostgreSQL {c.execute(text('SHOW server_version')).scalar()}"
            banco["mb"] = c.execute(text("SELECT pg_database_size(current_database())")).scalar() / 1024 / 1024
        else:
            banco["versao"] = f"SQLite {sqlite3.sqlite_version}"
            arq = Path(u.database or "")
            banco["mb"] = sum(p.stat().st_size for p in (arq, Path(f"{arq}-wal")) if p.is_file()) / 1024 / 1024
        linhas = {}
        for tabela in SQLModel.metadata.sorted_tables:
            try:
                linhas[tabela.name] = c.execute(text(f'SELECT count(*) FROM "{tabela.name}"')).scalar()
            except Exception:  # noqa: BLE001 - tabela ausente num esquema antigo
                c.rollback()
    banco["linhas"] = dict(sorted(linhas.items(), key=lambda kv: -kv[1]))
    info["banco"] = banco
    return info


def referencia_da_maquina(voltas: int = 5_000_000) -> float:
    """Segundos de CPU de um laço fixo de Python puro (`voltas` somas), o menor de três: a mesma
    medida em toda rodada, para comparar rodadas em máquinas diferentes — em 03/12/2026 duas
    máquinas do mesmo tipo deram tempos de página e de importação que diferiam 2 vezes."""
    melhor = float("inf")
    for _ in range(3):
        c0, total = time.process_time(), 0
        for i in range(voltas):
            total += i
        melhor = min(melhor, time.process_time() - c0)
    return melhor


# --- relatório ---------------------------------------------------------------------


def tabela_markdown(r: dict) -> str:
    m, b, o = r["maquina"], r["maquina"]["banco"], r["orcamento"]
    maiores = ", ".join(f"{k} {numero(v)}" for k, v in list(b["linhas"].items())[:6])
    saida = [
        f"## Benchmark — {m['data']}",
        "",
        f"Máquina: {m['cpu']}, {m['cpus']} CPU(s), {_num(m['ram_gb'], 1)} GB de RAM, {m['so']}; Python {m['python']}, "
        f"Streamlit {m['streamlit']}, SQLAlchemy {m['sqlalchemy']}"
        + (f"; commit {m['commit']}" if m.get("commit") else "")
        + (f"; carga média {_num(m['carga_media'], 1)} ao começar" if m.get("carga_media") is not None else "")
        + (
            f"; referência: 5 milhões de somas em Python em {_num(m['referencia_s'], 2)} s de CPU"
            if m.get("referencia_s") is not None
            else ""
        )
        + ".",
        f"Banco: {b['versao']}, {_num(b['mb'], 1)} MB ({b['url']}); maiores tabelas: {maiores}"
        + (
            "; medido numa cópia descartável."
            if "s" in r.get("copia", {})
            else f"; medido no original ({r.get('copia', {}).get('erro', '')})."
        ),
        "Frio e quente: script no servidor pelo AppTest"
        + (f", mediana de {r['repeticoes']} execuções" if r.get("repeticoes", 1) > 1 else ", uma execução")
        + f"; razão SQL só julgada acima de {_num(SQL_MINIMO_JULGADO_S * 1000, 0)} ms de SQL na página.",
        "",
        f"| página | perfil | frio s (≤ {_num(o['frio_s'], 1)}) | quente s (≤ {_num(o['quente_s'], 1)}) | SQL da página s "
        f"| SQL bruto s | razão (≤ {_num(o['razao_sql'], 1)}) | navegador 1ª s (≤ {_num(o['navegador_s'], 1)}) "
        "| navegador 2ª s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for p in r.get("paginas", []):
        if p["razao_sql"] is None:
            razao = "—"
        elif (p["sql_pagina_s"] or 0) < SQL_MINIMO_JULGADO_S:
            razao = f"{_num(p['razao_sql'])} (ínfimo)"
        else:
            razao = _com_veredito(p["razao_sql"], o["razao_sql"])
        titulo = p["titulo"] + (" ⚠️ erro" if p["erros"] else "")
        saida.append(
            f"| {titulo} | {p['perfil']} | {_com_veredito(p['frio_s'], o['frio_s'])} "
            f"| {_com_veredito(p['quente_s'], o['quente_s'])} | {_num(p['sql_pagina_s'], 3)} "
            f"| {_num(p['sql_bruto_s'], 3)} | {razao} "
            f"| {_com_veredito(p.get('navegador_1a_s'), o['navegador_s'])} "
            f"| {_com_veredito(p.get('navegador_2a_s'), o['navegador_s'])} |"
        )
    saida.append("")
    imp = r.get("importacao") or {}
    if imp.get("linhas_por_s"):
        saida.append(
            f"- **Importação de fluxos**: {numero(imp['linhas'])} linhas ({_num(imp['mb'], 1)} MB em "
            f"{imp['arquivos']} arquivo(s)) em {_num(imp['importacao_s'], 1)} s → "
            f"**{_com_veredito(imp['linhas_por_s'], o['importacao_linhas_s'], 0, 'linhas/s', maior_melhor=True)}** "
            f"(≥ {numero(o['importacao_linhas_s'])})"
        )
    else:
        saida.append(
            f"- **Importação de fluxos**: não medida ({imp.get('erro') or imp.get('pulada') or 'interrompido'})"
        )
    if r.get("interrompido"):
        saida.append(f"- **Interrompido** ({r['interrompido']}): o que segue é parcial.")
    nav = r.get("navegador") or {}
    mem = nav.get("memoria") or {}
    if mem.get("pico_mb") is not None:
        saida.append(
            f"- **Memória do servidor**: pico **{_com_veredito(mem['pico_mb'], o['memoria_mb'], 0, 'MB')}** (≤ {o['memoria_mb']} MB) "
            f"depois de {mem['sessoes']} sessões simultâneas visitarem {mem['visitas']} páginas em "
            f"{_num(mem['duracao_s'], 1)} s (RSS ao iniciar {_num(mem['rss_inicial_mb'], 0)} MB, ao final "
            f"{_num(mem['rss_final_mb'], 0)} MB; visita sob carga: mediana {_num(mem.get('visita_mediana_s'))} s, "
            f"p95 {_num(mem.get('visita_p95_s'))} s, máxima {_num(mem.get('visita_max_s'))} s"
            + (
                f"; CPU do servidor {_num(mem['cpu_servidor_s'], 1)} s, {_num(mem['cpu_por_visita_s'], 3)} s por visita"
                if mem.get("cpu_por_visita_s") is not None
                else ""
            )
            + ")"
            + (f"; {len(mem['erros'])} erro(s)" if mem.get("erros") else "")
        )
    else:
        motivo = nav.get("pulado") or nav.get("erro") or mem.get("erro") or "interrompido"
        saida.append(f"- **Memória do servidor**: não medida ({motivo})")
    if nav.get("publico_carga_s") is not None:
        saida.append(
            f"- **Painel público no navegador**: 1ª visita = carregamento do endereço numa aba nova até o fim "
            f"do script ({_num(nav['publico_carga_s'])} s); 2ª = clique no menu. Carga em aba nova, para "
            f"comparar: a página Entrar, só um formulário, {_num(nav.get('entrar_carga_s'))} s; o painel "
            f"público com o cache do servidor já quente, {_num(nav.get('publico_carga_quente_s'))} s."
        )
    elif nav.get("pulado") or nav.get("erro"):
        saida.append(f"- **Navegador**: não medido ({nav.get('pulado') or nav.get('erro')})")
    nav_extra = [
        f"{rotulo} {_num(nav[k])} s"
        for k, rotulo in (
            ("recursos_aba_nova_s", "Recursos numa aba nova, servidor frio"),
            ("recursos_aba_nova_quente_s", "quente"),
            ("painel_leve_s", "`/painel` (versão leve) na primeira abertura, até o `load`"),
        )
        if nav.get(k) is not None
    ]
    if nav_extra:
        saida.append(f"- **Abas novas**: {'; '.join(nav_extra)}.")
    lado = r.get("lado_a_lado") or {}
    if lado.get("razao") is not None:
        saida.append(
            f"- **Lado a lado** (mesmo banco, AppTest, uma execução fria de cada): a página ingênua "
            f"(`{lado['pagina_ingenua']}`: todos os fluxos no pandas) {_num(lado['ingenua_s'])} s; *Recursos* "
            f"{_num(lado['recursos_frio_s'])} s → **{_com_veredito(lado['razao'], o['lado_a_lado_x'], 1, '×', maior_melhor=True)}** "
            f"(≥ {_num(o['lado_a_lado_x'], 0)}×)"
            + (
                f"; em CPU do processo, {_num(lado['ingenua_cpu_s'])} s ÷ {_num(lado['recursos_frio_cpu_s'])} s = "
                f"{_num(lado['razao_cpu'], 1)}×"
                if lado.get("razao_cpu") is not None
                else ""
            )
        )
    else:
        saida.append(f"- **Lado a lado**: não medido ({lado.get('erro') or lado.get('pulado') or 'interrompido'})")
    saida.append(
        f"- Duração do benchmark: {_num(r['duracao_s'] / 60, 1)} min. Método: docstring de `ferramentas/bench.py`."
    )
    saida += ["", *linhas_de_orcamento(r.get("orcamentos") or julgar_orcamentos(r))]
    return "\n".join(saida)


# --- orquestração ------------------------------------------------------------------


@contextmanager
def _sigterm_como_saida() -> Iterator[None]:
    """SIGTERM vira `SystemExit` na thread principal: os `finally` rodam (servidor encerrado, cópia
    do banco descartada) em vez de o processo morrer deixando o servidor do Streamlit para trás."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def sair(signum, _frame):
        raise SystemExit(128 + signum)

    anterior = signal.signal(signal.SIGTERM, sair)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, anterior)


def _fases(
    r: dict,
    url: str,
    escolhidas: list[tuple[str, str, str]],
    *,
    navegador: bool,
    linhas_importacao: int,
    sessoes: int,
    perfis: list[str],
    repeticoes: int,
    lado_a_lado: bool,
    progresso: Progresso,
) -> None:
    """Máquina, cópia do banco, AppTest, navegador e memória, importação — preenchendo `r` à medida."""
    with usar_url(url):
        verificar_esquema(url)
        progresso(f"Benchmark em {_url_visivel(url)}")
        r["maquina"] = info_maquina(url)
    with tempfile.TemporaryDirectory(prefix="bench_") as pasta, ExitStack() as pilha:
        pilha.enter_context(_sigterm_como_saida())  # `timeout`/`kill`: descarta a cópia e encerra o servidor
        progresso("Copiando o banco (o benchmark grava só na cópia: contas, logins auditados, importação)…")
        t0 = time.perf_counter()
        try:
            url_copia = pilha.enter_context(copia_do_banco(url, Path(pasta)))
            r["copia"] = {"s": time.perf_counter() - t0}
        except Exception as exc:  # noqa: BLE001 - ex.: PostgreSQL com outras conexões ao banco
            url_copia = None
            r["copia"] = {
                "erro": f"não foi possível copiar o banco ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})"
            }
            progresso(r["copia"]["erro"] + "; só o AppTest roda, no banco original, com os usuários que ele tiver")
        alvo = url_copia or url
        with usar_url(alvo):
            contas: dict = {}
            if url_copia:
                contas = criar_contas(max(1, -(-sessoes // len(perfis))))  # uma conta por sessão simultânea
                if publicar_painel_se_faltar():  # base sem publicação: o painel público seria só um aviso
                    progresso("Painel público publicado na cópia (a base não tinha publicação).")
            progresso(f"Páginas pelo AppTest ({len(escolhidas)}): frio (caches vazios) e quente…")
            medir_paginas(alvo, escolhidas, progresso, repeticoes=repeticoes, linhas=r["paginas"])
            if lado_a_lado:
                try:
                    r["lado_a_lado"] = medir_lado_a_lado(alvo, progresso)
                except Exception as exc:  # noqa: BLE001 - relatado; o resto do resultado vale
                    r["lado_a_lado"] = {"erro": f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"}
            else:
                r["lado_a_lado"] = {"pulado": "desligado (--sem-lado-a-lado)"}
            descartar_engines()  # o servidor do navegador não disputa o banco com conexões paradas deste processo
        if not navegador:
            r["navegador"] = {"pulado": "desligado (--sem-navegador)"}
        elif url_copia is None:
            r["navegador"] = {"erro": r["copia"]["erro"]}
        else:
            r["navegador"] = bench_navegador.medir(
                url_copia,
                r["paginas"],
                contas=contas,
                perfis=perfis,
                sessoes=sessoes,
                pesadas=PAGINAS_PESADAS,
                progresso=progresso,
            )
        if linhas_importacao <= 0:
            r["importacao"] = {"pulada": "linhas_importacao=0"}
        elif url_copia is None:
            r["importacao"] = {"linhas": linhas_importacao, "erro": r["copia"]["erro"]}
        else:  # por último: inclui fluxos na cópia
            try:
                r["importacao"] = medir_importacao(url_copia, linhas_importacao, progresso)
            except Exception as exc:  # noqa: BLE001 - relatado; o resto do resultado vale
                r["importacao"] = {"linhas": linhas_importacao, "erro": f"{type(exc).__name__}: {exc}"}


def executar_bench(
    url: str | None = None,
    *,
    paginas: Iterable[str] | None = None,
    perfis: Iterable[str] = PERFIS_PADRAO,
    navegador: bool = True,
    linhas_importacao: int = 100_000,
    sessoes: int = 10,
    repeticoes: int = 1,
    lado_a_lado: bool = True,
    saida_json: Path | str | None = SAIDA_PADRAO,
    progresso: Progresso | None = _progresso_padrao,
    imprimir: bool = True,
) -> dict:
    """Roda o benchmark contra `url` (padrão: DATABASE_URL), imprime a tabela em markdown e grava o
    JSON em `saida_json` (None: não grava). `perfis`: os perfis das `sessoes` sessões simultâneas da
    medição de memória, em rodízio (admin, dmf, cnmp, pf_grupo, pf_escritorio, publico).
    `linhas_importacao=0` pula a importação; `navegador=False`, navegador e memória; `repeticoes`:
    pares frio/quente do AppTest por página (mediana); `lado_a_lado=False` pula a página ingênua.
    O relatório termina com a linha `orçamentos: N de M cumpridos` (`ORCAMENTOS`; o JSON leva os
    mesmos vereditos em `orcamentos` e `orcamentos_resumo`)."""
    progresso = progresso or (lambda _msg: None)
    inicio = time.perf_counter()
    silenciar_avisos_do_streamlit()
    url = url or url_atual()
    escolhidas = selecionar_paginas(paginas)
    perfis = list(perfis)
    if not perfis or set(perfis) - set(PERFIS_PADRAO):
        raise ValueError(f"perfis devem ser alguns de: {', '.join(PERFIS_PADRAO)}")
    r: dict = {"orcamento": dict(ORCAMENTO), "repeticoes": max(1, repeticoes), "paginas": []}
    try:
        _fases(
            r,
            url,
            escolhidas,
            navegador=navegador,
            linhas_importacao=linhas_importacao,
            sessoes=sessoes,
            perfis=perfis,
            repeticoes=max(1, repeticoes),
            lado_a_lado=lado_a_lado,
            progresso=progresso,
        )
    except BaseException as exc:  # interrompido (Ctrl+C, SIGTERM) ou erro: grava o que já foi medido
        r["interrompido"] = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
        raise
    finally:
        r["duracao_s"] = time.perf_counter() - inicio
        r["orcamentos"] = julgar_orcamentos(r)
        medidos = [v for v in r["orcamentos"] if v["situacao"] != "não medido"]
        r["orcamentos_resumo"] = {
            "cumpridos": sum(v["situacao"] == "cumprido" for v in medidos),
            "medidos": len(medidos),
            "nao_medidos": [v["chave"] for v in r["orcamentos"] if v["situacao"] == "não medido"],
            "linha": linhas_de_orcamento(r["orcamentos"])[-1],
        }
        r["markdown"] = tabela_markdown(r) if "maquina" in r else ""
        if saida_json:
            caminho = Path(saida_json)
            caminho.parent.mkdir(parents=True, exist_ok=True)
            caminho.write_text(json.dumps(r, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
            progresso(f"JSON gravado em {caminho}" + (" (parcial: interrompido)" if "interrompido" in r else ""))
        if imprimir and r["markdown"]:
            print(r["markdown"], flush=True)
    return r
