"""Teste de carga com várias réplicas (issue #8, parte 4).

Sobe `replicas` processos `streamlit run app.py` em portas livres de 127.0.0.1, todos apontando
para o mesmo PostgreSQL, e dirige `sessoes` sessões simultâneas do Chromium do Debian (Playwright,
internet bloqueada) distribuídas entre as réplicas em rodízio, como um balanceador com sessões
persistentes faria. Cada sessão entra com uma conta de demonstração e, até o prazo, alterna:

- **leituras**: clica numa página do menu e mede do clique até o script terminar;
- **gravações** de dois tipos, desenhadas para que uma gravação perdida apareça:
  - *comentário* no Plano de trabalho com uma etiqueta única — todo comentário confirmado na tela
    tem de estar no banco, uma única vez;
  - *edição disputada*: todas as sessões editam as observações do **mesmo** Fundo Municipal. Cada
    gravação confirmada ("Alterações gravadas.") tem de estar na trilha de auditoria; cada recusa
    tem de ter mostrado o aviso de conflito em português e não pode estar no banco; a versão final
    do Fundo tem de ser a inicial mais o número de gravações confirmadas, e as versões da trilha,
    uma cadeia sem saltos nem repetições (a trava otimista vale entre processos).

Também confere leituras entre réplicas (um comentário ou versão confirmados numa réplica têm de
aparecer em qualquer outra na abertura seguinte: essas leituras não passam por cache) e, no fim,
sonda o cache por processo (`st.cache_data`, TTL de 5 min): grava numa réplica e lê a Visão geral
em todas.

Limites: só tráfego local (o servidor escuta em 127.0.0.1 e o navegador aborta todo pedido a
outro host), prazo rígido (`duracao_s` mais uma folga fixa; depois disso tudo é cancelado) e os
servidores são encerrados no `finally` (e morrem com este processo, se ele morrer antes).

Por padrão cria um banco temporário no servidor PostgreSQL indicado (com migrações, referência e
demonstração; apagado no fim); com `banco_temporario=False` usa o banco da URL, que tem de estar
vazio. Nunca grava num banco que já tenha tabelas, nem nos bancos do próprio servidor (postgres,
template0, template1).

Subir e encerrar os servidores: `ferramentas.servidor_local` (o mesmo dos testes de navegador e
do benchmark).
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import streamlit  # noqa: F401 - configura os loggers dele antes de silenciá-los
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool
from sqlmodel import Session, create_engine, func, select

from core import acesso, relogio
from core.config import RAIZ
from demo.demonstracao import USUARIOS_DEMO
from ferramentas.servidor_local import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HOSTS_LOCAIS,
    PRONTO,
    Canal,
    Servidor,
    corrida_do_plotly,
    encerrar,
    esperar_servidor,
    fim_do_log,
    iniciar_servidor,
)
from models.plano import ComentarioPlano, Meta
from models.unidades import STATUS_FUNDO, FundoMunicipal
from models.usuarios import RegistroAuditoria

TEMPO_ACAO_MS = 45_000  # limite de cada clique → tela pronta
ESTAVEL_MS = 400  # a tela pronta sem nova execução por este tempo encerra a espera (não entra na medida)
TEMPO_LOGIN_S = 120  # limite da fase de login (todas as sessões)
FOLGA_S = 90  # além de duracao_s: a última ação em andamento, a sondagem do cache e o fechamento
PAUSA_S = (0.1, 0.6)  # "tempo de leitura" entre ações
DIGITACAO_S = (0.3, 1.5)  # entre abrir o formulário e salvar: a janela em que outra sessão pode gravar
MSG_CONFLITO = "por outra pessoa depois que você abriu o formulário"
MSG_EDICAO_OK = "Alterações gravadas."
MSG_COMENTARIO_OK = "Comentário registrado."
EXPANSOR_META = "O que conta para esta meta"
BANCOS_DO_SERVIDOR = {"postgres", "template0", "template1"}  # nunca recebem a carga (só criam o temporário)
# contas de demonstração que podem editar cadastros e comentar o plano (core/acesso.py)
CONTAS = ("dmf@demo.pnat.jus.br", "admin@demo.pnat.jus.br")

_JS_QUADRO = "() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))"
_JS_ERROS_NA_TELA = """els => els
  .filter(e => !e.closest('.st-key-alertas_plano, .st-key-alertas_lgpd'))
  .map(e => e.innerText.trim())"""


class ErroCarga(RuntimeError):
    """Falha ao preparar ou conduzir a carga (mensagem em pt-BR)."""


# --- banco ----------------------------------------------------------------------------------------


def _url_libpq(url: str, banco: str | None = None) -> str:
    u = make_url(url).set(drivername="postgresql")
    if banco is not None:
        u = u.set(database=banco)
    return u.render_as_string(hide_password=False)


def _exigir_postgres(url: str) -> None:
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise ErroCarga(f"URL de banco inválida: {exc}") from exc
    if backend != "postgresql":
        raise ErroCarga(
            f"a carga exige PostgreSQL (várias réplicas não compartilham um SQLite); a URL indicada é "
            f"de {backend}. Use, por exemplo, postgresql+psycopg://usuario@servidor:5432/postgres"
        )


def criar_banco_temporario(url_servidor: str) -> str:
    """Cria `pnat_carga_<aleatório>` no servidor da URL e devolve a URL SQLAlchemy dele."""
    nome = f"pnat_carga_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(_url_libpq(url_servidor), autocommit=True, connect_timeout=10) as c:
            c.execute(f'CREATE DATABASE "{nome}"')
    except psycopg.Error as exc:
        raise ErroCarga(
            f"não foi possível criar o banco temporário {nome} no servidor "
            f"{make_url(url_servidor).render_as_string(hide_password=True)}: "
            f"{str(exc).strip().splitlines()[0]}"
        ) from exc
    return make_url(url_servidor).set(database=nome).render_as_string(hide_password=False)


def apagar_banco(url_banco: str) -> None:
    nome = make_url(url_banco).database
    with psycopg.connect(_url_libpq(url_banco, "postgres"), autocommit=True, connect_timeout=10) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{nome}" WITH (FORCE)')


def _engine(url: str):
    return create_engine(url, poolclass=NullPool)


def preparar_banco(url_banco: str) -> None:
    """Migra, carrega a referência e a demonstração pela própria CLI. Recusa banco com tabelas."""
    eng = _engine(url_banco)
    try:
        tabelas = inspect(eng).get_table_names()
    except Exception as exc:  # noqa: BLE001 - banco inacessível
        raise ErroCarga(
            f"não foi possível conectar a {make_url(url_banco).render_as_string(hide_password=True)}: "
            f"{str(exc).strip().splitlines()[0]}"
        ) from exc
    finally:
        eng.dispose()
    if tabelas:
        raise ErroCarga(
            f"o banco {make_url(url_banco).database} já tem {len(tabelas)} tabela(s): a carga grava "
            "contas e dados de demonstração e só roda num banco vazio (ou num temporário, o padrão)"
        )
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env.update({"DATABASE_URL": url_banco, "MODO_DEMO": "true", "PYTHONIOENCODING": "utf-8"})
    for passo in (["db", "upgrade"], ["reference", "load"], ["demo", "load"]):
        r = subprocess.run(
            [sys.executable, str(RAIZ / "manage.py"), *passo],
            cwd=RAIZ,
            env=env,
            text=True,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=600,
        )
        if r.returncode != 0:
            raise ErroCarga(
                f"falhou `manage.py {' '.join(passo)}` no banco da carga:\n{(r.stderr or r.stdout)[-2000:]}"
            )


@dataclass
class Alvos:
    fundo_id: int
    fundo_nome: str
    versao_inicial: int
    sonda_id: int  # outro Fundo, ativo, cuja situação a sondagem do cache muda
    sonda_nome: str
    metas: int  # quantos expansores de meta há no Plano de trabalho


def ler_alvos(url_banco: str) -> Alvos:
    eng = _engine(url_banco)
    try:
        with Session(eng) as s:
            fundos = s.exec(
                select(FundoMunicipal).where(FundoMunicipal.status != "inativo").order_by(FundoMunicipal.id).limit(2)
            ).all()
            metas = s.exec(select(func.count()).select_from(Meta)).one()
    finally:
        eng.dispose()
    if len(fundos) < 2 or not metas:
        raise ErroCarga("o banco da carga não tem os Fundos Municipais e as metas da demonstração")
    return Alvos(fundos[0].id, fundos[0].nome, fundos[0].versao, fundos[1].id, fundos[1].nome, int(metas))


# --- registro do que aconteceu ----------------------------------------------------------------------


@dataclass
class Medida:
    sessao: int
    replica: int
    tipo: str  # login | leitura | gravacao
    alvo: str  # página lida, "edicao" ou "comentario"
    inicio_s: float  # desde o começo da carga
    duracao_s: float
    resultado: str  # ok | conflito | erro


@dataclass
class Registro:
    t0: float = field(default_factory=time.monotonic)
    medidas: list[Medida] = field(default_factory=list)
    erros: list[dict] = field(default_factory=list)
    edicoes_salvas: list[dict] = field(default_factory=list)  # {tag, sessao, replica, versao_aberta, t}
    edicoes_recusadas: list[dict] = field(default_factory=list)
    edicoes_incertas: list[dict] = field(default_factory=list)  # clique sem resposta reconhecível
    comentarios: list[dict] = field(default_factory=list)  # confirmados: {tag, meta, sessao, replica, t}
    comentarios_incertos: list[dict] = field(default_factory=list)
    leituras_desatualizadas: list[dict] = field(default_factory=list)
    recargas_sem_versao_atual: list[dict] = field(default_factory=list)
    campos_nao_limpos: list[dict] = field(default_factory=list)
    novas_tentativas: list[dict] = field(
        default_factory=list
    )  # busca repetida depois de 22 s sem resposta  # comentário gravado que continua no campo
    bloqueados: list[str] = field(default_factory=list)
    pasta: Path | None = None  # capturas de tela das falhas

    def agora(self) -> float:
        return time.monotonic() - self.t0

    def erro(self, sessao: int, replica: int, onde: str, mensagem: str) -> None:
        self.erros.append(
            {
                "sessao": sessao,
                "replica": replica,
                "onde": onde,
                "momento_s": round(self.agora(), 2),
                "mensagem": mensagem[:800],
            }
        )


class _Falha(Exception):
    """Algo na tela impediu a ação (já registrado como erro)."""


# --- uma sessão do navegador --------------------------------------------------------------------------


class SessaoCarga:
    def __init__(
        self,
        n: int,
        replica: int,
        base: str,
        email: str,
        senha: str,
        paginas: list[str],
        alvos: Alvos,
        reg: Registro,
        rng: random.Random,
        gravacoes_max: int | None,
    ):
        self.n, self.replica, self.base = n, replica, base
        self.email, self.senha = email, senha
        self.paginas = paginas
        self.alvos, self.reg, self.rng = alvos, reg, rng
        self.gravacoes_max = gravacoes_max
        self.gravacoes = 0
        self.contador = 0
        self.pagina_atual = ""
        self.erros_js: list[str] = []
        self.ctx = None
        self.page = None
        self.etapa = "início"
        self.capturas = 0
        self.canal = Canal()  # execuções do script terminadas, pelos quadros do WebSocket

    # infraestrutura
    async def abrir(self, navegador) -> None:
        self.ctx = await navegador.new_context(
            viewport={"width": 1280, "height": 1000}, locale="pt-BR", timezone_id="America/Sao_Paulo"
        )
        self.ctx.set_default_timeout(TEMPO_ACAO_MS)

        async def rota(route):
            url = route.request.url
            host = urlparse(url).hostname or ""
            if host in HOSTS_LOCAIS or url.startswith(("data:", "blob:")):
                await route.continue_()
            else:
                self.reg.bloqueados.append(url)
                await route.abort()

        await self.ctx.route("**/*", rota)
        self.page = await self.ctx.new_page()
        self.page.on("pageerror", self._erro_js)
        self.canal.ligar(self.page)  # conta as execuções pelas mensagens do servidor

    def _erro_js(self, exc) -> None:
        if not corrida_do_plotly(str(exc), exc.stack):  # gráfico já desmontado: nada na tela
            self.erros_js.append(f"{exc} | {(exc.stack or '').splitlines()[1:2]}")

    async def fechar(self) -> None:
        if self.ctx is not None:
            try:
                await self.ctx.close()
            except Exception:  # noqa: BLE001 - o navegador pode já ter fechado
                pass

    async def _execucoes(self) -> int:
        return self.canal.fins

    async def _executou(self, antes: int, limite_ms: int) -> None:
        """Espera terminar uma execução do script depois de `antes`, o navegador processar o que
        recebeu (um quadro de animação) e a tela estar pronta (conectada e ociosa)."""
        fim = time.monotonic() + limite_ms / 1000
        while self.canal.fins <= antes:
            if time.monotonic() > fim:
                raise TimeoutError(f"nenhuma execução do script terminou em {limite_ms / 1000:.0f} s")
            await asyncio.sleep(0.05)
        await self.page.evaluate(_JS_QUADRO)
        await self.page.wait_for_selector(PRONTO, timeout=max(1_000, int((fim - time.monotonic()) * 1000)))

    async def _esperar_execucao(self, antes: int, limite_ms: int = TEMPO_ACAO_MS, esperado=None) -> float:
        """Espera uma execução do script começar depois de `antes`, a tela ficar pronta e, se dado,
        o localizador `esperado` aparecer; depois, que nada recomece por `ESTAVEL_MS` (um `st.rerun()`
        emenda outra execução, e numa máquina carregada o intervalo entre elas não é curto).
        Devolve o instante em que a tela ficou pronta pela última vez."""
        page = self.page
        await self._executou(antes, limite_ms)
        pronta = time.monotonic()
        if esperado is not None:
            await esperado.first.wait_for(state="attached", timeout=limite_ms)
            await page.wait_for_selector(PRONTO, timeout=limite_ms)
            pronta = time.monotonic()
        while True:
            visto = await self._execucoes()
            await page.wait_for_timeout(ESTAVEL_MS)
            if await self._execucoes() == visto and await page.locator(PRONTO).count():
                return pronta
            await self._executou(visto, limite_ms)
            pronta = time.monotonic()

    async def _clicar_e_esperar(self, alvo, esperado=None) -> float:
        """Clica (com a tela ociosa) e espera a execução que o clique provoca; devolve a duração (s)
        do clique à tela pronta."""
        await self.page.wait_for_selector(PRONTO)
        antes = await self._execucoes()
        t = time.monotonic()
        await alvo.click()
        return await self._esperar_execucao(antes, esperado=esperado) - t

    async def _clicar_medindo(
        self, tipo: str, alvo: str, botao, onde: str, *, esperado=None, se_falhar=None
    ) -> tuple[float, float]:
        """`_clicar_e_esperar` medido: devolve o instante do clique e a duração. Se o clique ou a
        espera falham, mede um erro, chama `se_falhar()` (ex.: anotar a gravação incerta), registra a
        falha em `onde` e recomeça a sessão (`_Falha`)."""
        t = time.monotonic()
        try:
            return t, await self._clicar_e_esperar(botao, esperado=esperado)
        except Exception as exc:  # noqa: BLE001
            self._medir(tipo, alvo, t, time.monotonic() - t, "erro")
            if se_falhar is not None:
                se_falhar()
            await self._falhou(onde, exc)
            raise _Falha from exc

    async def _gravar_medindo(self, alvo: str, botao, onde: str, mensagem_ok: str, incertos: list, incerto: dict):
        """Uma gravação: `_clicar_medindo` esperando `mensagem_ok` ou um erro; se nem o clique nem o
        desfecho chegam, a gravação fica em `incertos` (não se sabe se o banco a guardou)."""
        t, dt = await self._clicar_medindo(
            "gravacao",
            alvo,
            botao,
            onde,
            esperado=self._desfecho(mensagem_ok),
            se_falhar=lambda: incertos.append(incerto),
        )
        self.gravacoes += 1
        return t, dt

    async def _problemas(self, onde: str, *, aceitar_conflito: bool = False) -> list[str]:
        """Exceções, mensagens de erro (fora dos alertas que são conteúdo), erros de JavaScript e
        conexão caída; registra cada um como erro e os devolve."""
        page = self.page
        achados = [f"exceção na tela: {t}" for t in await page.locator("[data-testid='stException']").all_inner_texts()]
        for t in await page.locator("[data-testid='stAlertContentError']").evaluate_all(_JS_ERROS_NA_TELA):
            if not (aceitar_conflito and MSG_CONFLITO in t):
                achados.append(f"mensagem de erro: {t}")
        if not await page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").count():
            achados.append("conexão com o servidor perdida")
        achados += [f"erro de JavaScript: {e}" for e in self.erros_js]
        self.erros_js.clear()
        for a in achados:
            self.reg.erro(self.n, self.replica, onde, a)
        return achados

    async def _falhou(self, onde: str, exc: BaseException) -> None:
        """Registra uma exceção (em geral, tempo esgotado) com a etapa, o estado do stApp e uma captura
        da tela na pasta dos logs."""
        detalhe = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        try:
            estado = await self.page.evaluate("""() => {
              const a = document.querySelector("[data-testid='stApp']");
              return [a && a.getAttribute('data-test-script-state'), a && a.getAttribute('data-test-connection-state'),
                      null, location.pathname];
            }""")
            detalhe += (
                f" [etapa: {self.etapa}; script: {estado[0]}; conexão: {estado[1]}; execuções vistas: "
                f"{self.canal.fins}; caminho: {estado[3]}]"
            )
            if self.reg.pasta is not None and self.capturas < 5:
                self.capturas += 1
                captura = self.reg.pasta / f"falha_sessao{self.n}_{self.capturas}.png"
                await self.page.screenshot(path=str(captura), full_page=True, timeout=10_000)
                detalhe += f" captura: {captura}"
        except Exception:  # noqa: BLE001 - diagnóstico é o melhor possível
            detalhe += f" [etapa: {self.etapa}]"
        self.reg.erro(self.n, self.replica, onde, detalhe)

    def _desfecho(self, sucesso: str):
        """Localizador do que encerra uma gravação: a mensagem de sucesso, o aviso de conflito ou um erro."""
        page = self.page
        return (
            page.get_by_test_id("stAlertContentSuccess")
            .filter(has_text=sucesso)
            .or_(page.get_by_test_id("stAlertContentError").filter(has_text=MSG_CONFLITO))
            .or_(page.get_by_test_id("stException"))
        )

    def _medir(self, tipo: str, alvo: str, inicio: float, duracao: float, resultado: str) -> None:
        self.reg.medidas.append(
            Medida(self.n, self.replica, tipo, alvo, round(inicio - self.reg.t0, 3), round(duracao, 3), resultado)
        )

    def _tag(self, tipo: str) -> str:
        self.contador += 1
        return f"carga-{tipo}-s{self.n}-r{self.replica}-{self.contador}-{uuid.uuid4().hex[:6]}"

    # ações
    async def entrar(self) -> None:
        """Abre /entrar (sessão nova do Streamlit), espera a primeira execução terminar e entra;
        mede do clique em Entrar até a página inicial (Minhas pendências) pronta."""
        page = self.page
        self.etapa = "entrar"
        t = time.monotonic()
        try:
            antes = await self._execucoes()
            await page.goto(self.base + "/entrar")
            await self._esperar_execucao(antes, limite_ms=TEMPO_LOGIN_S * 1000)
            await page.get_by_label("E-mail", exact=True).fill(self.email)
            await page.get_by_label("Senha", exact=True).fill(self.senha)
            botao = page.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Entrar")
            await page.wait_for_selector(PRONTO)
            t = time.monotonic()
            await botao.click()
            # o login leva o navegador à rota que grava o cookie da sessão e de volta à página: um
            # carregamento novo (não uma execução a mais nesta conexão); pronto quando o menu tem Sair
            sair = page.get_by_test_id("stSidebar").get_by_role("button", name="Sair")
            await sair.wait_for(timeout=TEMPO_LOGIN_S * 1000)
            await page.wait_for_selector(PRONTO, timeout=TEMPO_LOGIN_S * 1000)
            dt = time.monotonic() - t
        except Exception as exc:  # noqa: BLE001
            self._medir("login", "Entrar", t, time.monotonic() - t, "erro")
            await self._falhou("login", exc)
            raise _Falha from exc
        self.pagina_atual = "Minhas pendências"
        erros = await self._problemas("login")
        self._medir("login", "Entrar", t, dt, "erro" if erros else "ok")

    async def navegar(self, titulo: str) -> float:
        """Clica no item do menu e mede até a página estar pronta (uma leitura); devolve o instante
        do clique. Se já está na página, passa antes por outra (a página abre do zero)."""
        if titulo == self.pagina_atual:
            await self.ler()
        self.etapa = f"abrir a página {titulo}"
        link = self.page.get_by_test_id("stSidebarNav").get_by_role("link", name=titulo, exact=True)
        t, dt = await self._clicar_medindo("leitura", titulo, link, f"leitura de {titulo}")
        self.pagina_atual = titulo
        erros = await self._problemas(f"leitura de {titulo}")
        self._medir("leitura", titulo, t, dt, "erro" if erros else "ok")
        if erros:
            raise _Falha
        return t

    async def ler(self) -> None:
        await self.navegar(self.rng.choice([p for p in self.paginas if p != self.pagina_atual]))

    async def _abrir_fundo(self, fundo_id: int, nome: str) -> int:
        """Na página Fundos Municipais: busca pelo nome, seleciona a linha e devolve a versão exibida."""
        page = self.page
        busca = page.get_by_label("Buscar por nome ou município")
        self.etapa = "buscar o Fundo"
        legenda = page.get_by_test_id("stCaptionContainer").filter(has_text="fundo(s).")
        um = legenda.filter(has_text=re.compile(r"^1 fundo\(s\)\."))
        for tentativa in (1, 2):  # o texto digitado enquanto a grade ainda se redesenha pode se perder
            await self.page.wait_for_selector(PRONTO)
            antes = await self._execucoes()
            await busca.fill(nome)
            await busca.press("Enter")
            try:
                await self._esperar_execucao(antes, limite_ms=TEMPO_ACAO_MS // 2, esperado=um)
                break
            except Exception:  # noqa: BLE001 - uma nova tentativa; a segunda falha vai ao registro
                if tentativa == 2:
                    raise
                if await um.count() and await page.locator(PRONTO).count():
                    break  # a busca valeu; só a execução não foi vista
                self.reg.novas_tentativas.append(
                    {
                        "sessao": self.n,
                        "replica": self.replica,
                        "etapa": self.etapa,
                        "valor_no_campo": await busca.input_value(),
                    }
                )
        tabela = page.get_by_test_id("stDataFrame").first
        titulo = page.locator("[data-testid='stMain'] h3").filter(has_text=nome)
        self.etapa = "selecionar a linha do Fundo"
        for _ in range(3):  # a grade é um canvas: clica no marcador da primeira linha
            await tabela.scroll_into_view_if_needed()
            await page.wait_for_timeout(200)
            caixa = await tabela.bounding_box()
            antes = await self._execucoes()
            await page.mouse.click(caixa["x"] + 15, caixa["y"] + 35 + 17)
            try:
                await self._esperar_execucao(antes)
                await titulo.first.wait_for(timeout=5_000)
                break
            except Exception:  # noqa: BLE001 - clique que não pegou: tenta de novo
                continue
        else:
            raise _Falha(f"não consegui selecionar o Fundo “{nome}” na tabela")
        legenda = page.get_by_test_id("stCaptionContainer").filter(has_text="Última alteração:")
        m = re.search(r"versão (\d+)", await legenda.first.text_content() or "")
        if m is None:
            raise _Falha("a versão do Fundo não aparece no detalhe")
        return int(m.group(1))

    async def editar_fundo_disputado(self) -> None:
        page, alvos = self.page, self.alvos
        t_abre = await self.navegar("Fundos Municipais")
        try:
            versao = await self._abrir_fundo(alvos.fundo_id, alvos.fundo_nome)
        except _Falha as exc:
            if exc.args:
                self.reg.erro(self.n, self.replica, "edição: abrir o Fundo", str(exc))
            raise _Falha() from exc  # já registrado
        # leitura entre réplicas: a versão exibida não pode ser anterior a uma gravação já confirmada
        confirmadas = [e["versao_aberta"] + 1 for e in self.reg.edicoes_salvas if e["t"] < t_abre]
        if confirmadas and versao < max(confirmadas):
            self.reg.leituras_desatualizadas.append(
                {
                    "sessao": self.n,
                    "replica": self.replica,
                    "o_que": "versão do Fundo no detalhe",
                    "exibida": versao,
                    "ja_confirmada": max(confirmadas),
                }
            )
        self.etapa = "preencher a edição"
        await page.get_by_role("tab", name="Editar").click()
        form = page.get_by_test_id("stForm").filter(has=page.get_by_label("Observações")).last
        tag = self._tag("edicao")
        await form.get_by_label("Observações").fill(tag)
        await asyncio.sleep(self.rng.uniform(*DIGITACAO_S))
        self.etapa = "salvar a edição"
        incerto = {"tag": tag, "sessao": self.n, "replica": self.replica}
        botao = form.get_by_role("button", name="Salvar")
        t, dt = await self._gravar_medindo(
            "edicao", botao, "edição: salvar", MSG_EDICAO_OK, self.reg.edicoes_incertas, incerto
        )
        erros = await self._problemas("edição: salvar", aceitar_conflito=True)
        ok = await page.get_by_test_id("stAlertContentSuccess").filter(has_text=MSG_EDICAO_OK).count()
        conflito = await page.get_by_test_id("stAlertContentError").filter(has_text=MSG_CONFLITO).count()
        registro = {
            "tag": tag,
            "sessao": self.n,
            "replica": self.replica,
            "versao_aberta": versao,
            "t": time.monotonic(),
        }
        if ok and not conflito:
            self.reg.edicoes_salvas.append(registro)
            self._medir("gravacao", "edicao", t, dt, "erro" if erros else "ok")
            # a própria gravação tem de aparecer no detalhe
            legenda = page.get_by_test_id("stCaptionContainer").filter(has_text="Última alteração:")
            m = re.search(r"versão (\d+)", (await legenda.first.text_content()) or "")
            if m is None or int(m.group(1)) < versao + 1:
                self.reg.leituras_desatualizadas.append(
                    {
                        "sessao": self.n,
                        "replica": self.replica,
                        "o_que": "própria edição no detalhe",
                        "exibida": m and int(m.group(1)),
                        "ja_confirmada": versao + 1,
                    }
                )
        elif conflito and not ok:
            self.reg.edicoes_recusadas.append(registro)
            self._medir("gravacao", "edicao", t, dt, "erro" if erros else "conflito")
            # o caminho do usuário: "Carregar a versão atual"; o campo deveria deixar de mostrar o recusado
            self.etapa = "carregar a versão atual"
            await self._clicar_e_esperar(page.get_by_role("button", name="Carregar a versão atual"))
            await self._problemas("edição: carregar a versão atual")
            campo = page.get_by_test_id("stForm").filter(has=page.get_by_label("Observações")).last
            if await campo.get_by_label("Observações").input_value() == tag:
                self.reg.recargas_sem_versao_atual.append({"sessao": self.n, "replica": self.replica, "tag": tag})
        else:
            self.reg.edicoes_incertas.append(registro)
            self._medir("gravacao", "edicao", t, dt, "erro")
            if not erros:
                self.reg.erro(
                    self.n,
                    self.replica,
                    "edição: salvar",
                    "nem “Alterações gravadas.” nem o aviso de conflito apareceram",
                )

    async def comentar(self) -> None:
        page = self.page
        t_abre = await self.navegar("Plano de trabalho")
        meta = self.n % self.alvos.metas
        self.etapa = "preencher o comentário"
        expansor = page.get_by_test_id("stExpander").filter(has_text=EXPANSOR_META).nth(meta)
        await expansor.locator("summary").click()
        existentes = "\n".join(await expansor.get_by_test_id("stChatMessage").all_text_contents())
        faltam = [
            c["tag"]
            for c in self.reg.comentarios
            if c["meta"] == meta and c["t"] < t_abre and c["tag"] not in existentes
        ]
        if faltam:
            self.reg.leituras_desatualizadas.append(
                {
                    "sessao": self.n,
                    "replica": self.replica,
                    "o_que": f"comentários da meta {meta + 1}",
                    "faltando": faltam,
                }
            )
        tag = self._tag("comentario")
        await expansor.get_by_label("Novo comentário").fill(tag)
        self.etapa = "comentar"
        incerto = {"tag": tag, "meta": meta, "sessao": self.n, "replica": self.replica}
        botao = expansor.get_by_role("button", name="Comentar")
        t, dt = await self._gravar_medindo(
            "comentario", botao, "comentário", MSG_COMENTARIO_OK, self.reg.comentarios_incertos, incerto
        )
        erros = await self._problemas("comentário")
        ok = await page.get_by_test_id("stAlertContentSuccess").filter(has_text=MSG_COMENTARIO_OK).count()
        registro = {"tag": tag, "meta": meta, "sessao": self.n, "replica": self.replica, "t": time.monotonic()}
        if ok:
            self.reg.comentarios.append(registro)
            if await expansor.get_by_label("Novo comentário").input_value() == tag:
                self.reg.campos_nao_limpos.append({"sessao": self.n, "replica": self.replica, "tag": tag})
            visivel = await page.get_by_test_id("stChatMessage").filter(has_text=tag).count()
            if not visivel:
                self.reg.leituras_desatualizadas.append(
                    {"sessao": self.n, "replica": self.replica, "o_que": "próprio comentário", "faltando": [tag]}
                )
        else:
            self.reg.comentarios_incertos.append(registro)
            if not erros:
                self.reg.erro(self.n, self.replica, "comentário", "“Comentário registrado.” não apareceu")
        self._medir("gravacao", "comentario", t, dt, "ok" if ok and not erros else "erro")

    async def recuperar(self) -> bool:
        """Depois de uma falha: recarrega e entra de novo (a sessão do Streamlit recomeça)."""
        try:
            await self.entrar()
            return True
        except Exception:  # noqa: BLE001 - já registrado
            return False

    async def laco(self, prazo: float, replicas: int) -> None:
        """Até o prazo: uma gravação (se ainda houver cota) e uma leitura, com uma pausa curta.
        Começa gravando, e as sessões de uma mesma réplica começam por tipos diferentes (edição
        disputada, comentário), para que toda réplica grave logo no início mesmo numa carga curta."""
        while time.monotonic() < prazo:
            try:
                if self.gravacoes_max is None or self.gravacoes < self.gravacoes_max:
                    if (self.gravacoes + self.n // replicas) % 2 == 0:
                        await self.editar_fundo_disputado()
                    else:
                        await self.comentar()
                if time.monotonic() >= prazo:
                    break
                await self.ler()
                await asyncio.sleep(self.rng.uniform(*PAUSA_S))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - registra e recomeça a sessão
                if not isinstance(exc, _Falha):
                    await self._falhou(f"em {self.pagina_atual or 'início'}", exc)
                elif exc.args:
                    self.reg.erro(self.n, self.replica, f"em {self.pagina_atual}", str(exc.args[0]))
                if time.monotonic() >= prazo or not await self.recuperar():
                    return


# --- sondagem do cache por processo --------------------------------------------------------------------


async def _metrica(sessao: SessaoCarga, rotulo: str) -> int | None:
    await sessao.navegar("Visão geral")
    m = sessao.page.get_by_test_id("stMetric").filter(has_text=rotulo).get_by_test_id("stMetricValue")
    texto = (await m.first.inner_text()).strip()
    return int(re.sub(r"\D", "", texto)) if re.search(r"\d", texto) else None


async def _sondar_cache(sessoes_por_replica: dict[int, SessaoCarga], alvos: Alvos) -> dict:
    """Lê "Fundos Municipais" na Visão geral (contagem em `st.cache_data`) em todas as réplicas,
    inativa um Fundo pela réplica 1 e lê de novo: a réplica que gravou limpa o próprio cache;
    as outras mostram o número antigo até o TTL (5 min) vencer."""
    if not sessoes_por_replica:
        return {"falhou": "nenhuma sessão ativa"}

    rotulo = "Fundos Municipais"
    antes = {r: await _metrica(s, rotulo) for r, s in sessoes_por_replica.items()}
    gravadora = sessoes_por_replica[min(sessoes_por_replica)]
    await gravadora.navegar("Fundos Municipais")
    await gravadora._abrir_fundo(alvos.sonda_id, alvos.sonda_nome)
    page = gravadora.page
    await page.get_by_role("tab", name="Editar").click()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_label("Observações")).last
    await form.get_by_test_id("stSelectbox").filter(has_text="Situação").click()
    await page.keyboard.type(STATUS_FUNDO["inativo"])
    await page.get_by_role("option", name=STATUS_FUNDO["inativo"], exact=True).click()
    await gravadora._clicar_e_esperar(
        form.get_by_role("button", name="Salvar"), esperado=gravadora._desfecho(MSG_EDICAO_OK)
    )
    gravou = bool(await page.get_by_test_id("stAlertContentSuccess").filter(has_text=MSG_EDICAO_OK).count())
    momento = time.monotonic()
    depois = {r: await _metrica(s, rotulo) for r, s in sessoes_por_replica.items()}
    return {
        "leitura": f"Visão geral → “{rotulo}” (consultas.totais, st.cache_data com TTL de 300 s)",
        "gravacao": f"situação do Fundo {alvos.sonda_id} → inativo, pela réplica {min(sessoes_por_replica) + 1}",
        "gravou": gravou,
        "antes": {str(r + 1): v for r, v in antes.items()},
        "depois": {str(r + 1): v for r, v in depois.items()},
        "segundos_apos_gravar": round(time.monotonic() - momento, 1),
    }


# --- condução ------------------------------------------------------------------------------------------


async def _conduzir(
    servidores: list[Servidor],
    alvos: Alvos,
    reg: Registro,
    *,
    sessoes: int,
    duracao_s: float,
    gravacoes_max: int | None,
    semente: int,
) -> dict:
    from playwright.async_api import async_playwright  # importação tardia: Playwright é dependência de desenvolvimento

    senhas = {u.email: u.senha for u in USUARIOS_DEMO}
    papeis = {u.email: u.papel for u in USUARIOS_DEMO}
    resultado: dict = {}
    async with async_playwright() as p:
        navegador = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        resultado["chromium"] = navegador.version
        lista: list[SessaoCarga] = []
        try:
            for i in range(sessoes):
                email = CONTAS[i % len(CONTAS)]
                paginas = [t for _, t, _, _ in acesso.paginas_do_papel(papeis[email]) if t != "Entrar"]
                replica = i % len(servidores)
                s = SessaoCarga(
                    i,
                    replica,
                    servidores[replica].base,
                    email,
                    senhas[email],
                    paginas,
                    alvos,
                    reg,
                    random.Random(semente * 1000 + i),
                    gravacoes_max,
                )
                await s.abrir(navegador)
                lista.append(s)

            # aquece cada réplica (a primeira execução de um processo importa tudo): fora das medidas
            async def aquecer(srv: Servidor) -> None:
                ctx = await navegador.new_context()
                try:
                    page = await ctx.new_page()
                    await page.goto(srv.base + "/", timeout=TEMPO_LOGIN_S * 1000)
                    await page.wait_for_selector(PRONTO, timeout=TEMPO_LOGIN_S * 1000)
                    await page.wait_for_selector("[data-testid='stMain'] h1", timeout=TEMPO_LOGIN_S * 1000)
                finally:
                    await ctx.close()

            await asyncio.gather(*(aquecer(srv) for srv in servidores))

            async def entrar(s: SessaoCarga) -> bool:
                for _ in range(2):  # uma nova tentativa (o erro da primeira fica registrado)
                    try:
                        await s.entrar()
                        return True
                    except _Falha:
                        continue
                return False

            logados = await asyncio.wait_for(asyncio.gather(*(entrar(s) for s in lista)), TEMPO_LOGIN_S)
            ativas = [s for s, ok in zip(lista, logados) if ok]
            inicio = time.monotonic()
            prazo = inicio + duracao_s
            resultado["inicio_s"] = round(inicio - reg.t0, 2)
            await asyncio.gather(*(s.laco(prazo, len(servidores)) for s in ativas))
            resultado["duracao_real_s"] = round(time.monotonic() - inicio, 2)
            # uma sessão logada por réplica para a sondagem
            por_replica: dict[int, SessaoCarga] = {}
            for s in ativas:
                por_replica.setdefault(s.replica, s)
            try:
                resultado["cache"] = await asyncio.wait_for(_sondar_cache(por_replica, alvos), 60)
            except Exception as exc:  # noqa: BLE001 - a sondagem é informativa
                resultado["cache"] = {"falhou": f"{type(exc).__name__}: {str(exc)[:300]}"}
        finally:
            for s in lista:
                await s.fechar()
            await navegador.close()
    return resultado


def _percentis(valores: list[float]) -> dict:
    if not valores:
        return {"n": 0, "p50": None, "p95": None, "max": None}
    v = sorted(valores)

    def p(q: float) -> float:
        return round(v[max(0, math.ceil(q * len(v)) - 1)], 3)

    return {"n": len(v), "p50": p(0.50), "p95": p(0.95), "max": round(v[-1], 3)}


def _conferir_banco(url_banco: str, alvos: Alvos, reg: Registro) -> dict:
    """Compara o que a tela confirmou com o que está no banco."""
    eng = _engine(url_banco)
    try:
        with Session(eng) as s:
            fundo = s.get(FundoMunicipal, alvos.fundo_id)
            trilha = s.exec(
                select(RegistroAuditoria)
                .where(
                    RegistroAuditoria.entidade == FundoMunicipal.__tablename__,
                    RegistroAuditoria.entidade_id == str(alvos.fundo_id),
                    RegistroAuditoria.acao == "alteracao",
                )
                .order_by(RegistroAuditoria.id)
            ).all()
            textos = list(s.exec(select(ComentarioPlano.texto).where(ComentarioPlano.texto.like("carga-comentario-%"))))
    finally:
        eng.dispose()
    obs_na_trilha = [(t.depois or {}).get("observacoes") for t in trilha]
    versoes = [((t.antes or {}).get("versao"), (t.depois or {}).get("versao")) for t in trilha]
    salvas = [e["tag"] for e in reg.edicoes_salvas]
    recusadas = [e["tag"] for e in reg.edicoes_recusadas]
    incertas = [e["tag"] for e in reg.edicoes_incertas]
    contagem_com = defaultdict(int)
    for t in textos:
        contagem_com[t] += 1
    com_ok = [c["tag"] for c in reg.comentarios]
    com_incertos = [c["tag"] for c in reg.comentarios_incertos]
    cadeia = [v for v in versoes if v[0] is not None]
    esperado_cadeia = list(
        zip(
            range(alvos.versao_inicial, alvos.versao_inicial + len(cadeia)),
            range(alvos.versao_inicial + 1, alvos.versao_inicial + len(cadeia) + 1),
        )
    )
    perdidas_ed = [t for t in salvas if t not in obs_na_trilha]
    perdidos_com = [t for t in com_ok if contagem_com.get(t, 0) == 0]
    return {
        "edicao": {
            "fundo_id": alvos.fundo_id,
            "salvas": len(salvas),
            "conflitos": len(recusadas),
            "incertas": len(incertas),
            "incertas_no_banco": sum(1 for t in incertas if t in obs_na_trilha),
            "perdidas": perdidas_ed,
            "recusadas_gravadas": [t for t in recusadas if t in obs_na_trilha],
            "alteracoes_na_trilha": len(trilha),
            "alheias_na_trilha": sum(1 for o in obs_na_trilha if o not in salvas and o not in incertas),
            "versao_inicial": alvos.versao_inicial,
            "versao_final": fundo.versao,
            "versao_esperada": alvos.versao_inicial + len(salvas),
            "versao_consistente": fundo.versao == alvos.versao_inicial + len(trilha)
            and (not incertas or len(trilha) >= len(salvas)),
            "cadeia_de_versoes_ok": cadeia == esperado_cadeia and len(cadeia) == len(trilha),
            "observacoes_finais_sao_da_ultima": not trilha or fundo.observacoes == obs_na_trilha[-1],
        },
        "comentarios": {
            "confirmados": len(com_ok),
            "incertos": len(com_incertos),
            "incertos_no_banco": sum(1 for t in com_incertos if contagem_com.get(t)),
            "perdidos": perdidos_com,
            "duplicados": [t for t, n in contagem_com.items() if n > 1],
        },
        "perdidas": len(perdidas_ed) + len(perdidos_com),
    }


def _erros_nos_logs(servidores: list[Servidor]) -> list[dict]:
    achados = []
    for i, srv in enumerate(servidores):
        try:
            texto = srv.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        n = texto.count("Traceback (most recent call last)")
        if n:
            achados.append(
                {
                    "replica": i + 1,
                    "tracebacks": n,
                    "log": str(srv.log),
                    "trecho": texto[texto.find("Traceback") :][:1500],
                }
            )
    return achados


def _versao_postgres(url_banco: str) -> str:
    eng = _engine(url_banco)
    try:
        with eng.connect() as c:
            return c.execute(text("SHOW server_version")).scalar() or "?"
    except Exception:  # noqa: BLE001
        return "?"
    finally:
        eng.dispose()


def executar_carga(
    url_pg: str,
    *,
    replicas: int = 2,
    sessoes: int = 8,
    duracao_s: float = 60,
    gravacoes_por_sessao: int | None = None,
    saida_json: str | Path | None = None,
    banco_temporario: bool = True,
    semente: int = 22,
    imprimir: bool = True,
) -> dict:
    """Conduz a carga e devolve o resultado (ver o docstring do módulo). `aprovado` é verdadeiro
    quando não houve erros, nem gravações perdidas, e a versão final do Fundo disputado bate."""
    _exigir_postgres(url_pg)
    if not 1 <= replicas <= 8:
        raise ErroCarga("--replicas deve estar entre 1 e 8")
    if not replicas <= sessoes <= 64:
        raise ErroCarga("--sessoes deve estar entre o número de réplicas e 64")
    if not 5 <= duracao_s <= 3600:
        raise ErroCarga("--duracao deve estar entre 5 e 3600 segundos")
    if gravacoes_por_sessao is not None and gravacoes_por_sessao < 0:
        raise ErroCarga("--gravacoes-por-sessao não pode ser negativo")
    if not banco_temporario and (make_url(url_pg).database or "postgres") in BANCOS_DO_SERVIDOR:
        raise ErroCarga(
            f"o banco {make_url(url_pg).database or '(padrão)'} é do próprio servidor PostgreSQL: "
            "informe um banco vazio criado para a carga, ou deixe a carga criar um temporário"
        )
    if not CHROMIUM.exists():
        raise ErroCarga(f"Chromium não encontrado em {CHROMIUM} (instale com `apt-get install -y chromium`)")
    try:
        import playwright.async_api  # noqa: F401 - importação tardia: confere se o Playwright está instalado
    except ImportError as exc:
        raise ErroCarga("pacote playwright não instalado (pip install -r requirements-dev.txt)") from exc

    for nome in ("streamlit", "streamlit.runtime.caching.cache_data_api"):  # "No runtime found": irrelevante aqui
        logging.getLogger(nome).setLevel(logging.ERROR)

    pasta = Path(tempfile.mkdtemp(prefix="pnat_carga_"))
    url_banco = criar_banco_temporario(url_pg) if banco_temporario else url_pg
    servidores: list[Servidor] = []
    reg = Registro()
    inicio = relogio.agora_utc()
    try:
        t = time.monotonic()
        preparar_banco(url_banco)
        preparo_s = time.monotonic() - t
        alvos = ler_alvos(url_banco)
        # banco novo com a demonstração que esta função carregou: MODO_DEMO só aqui
        for i in range(replicas):  # todas partem juntas; cada uma entra na lista assim que existe
            servidores.append(iniciar_servidor(url_banco, pasta / f"replica_{i + 1}.log", modo_demo=True))
        for srv in servidores:
            esperar_servidor(srv)
        carga_antes = _carga_da_maquina()
        reg = Registro(pasta=pasta)
        # prazo rígido: aquecimento e logins (até TEMPO_LOGIN_S cada), a carga, a folga e a sondagem do cache
        limite = 2 * TEMPO_LOGIN_S + duracao_s + FOLGA_S + 60
        try:
            conduzido = asyncio.run(
                asyncio.wait_for(
                    _conduzir(
                        servidores,
                        alvos,
                        reg,
                        sessoes=sessoes,
                        duracao_s=duracao_s,
                        gravacoes_max=gravacoes_por_sessao,
                        semente=semente,
                    ),
                    limite,
                )
            )
        except TimeoutError:
            reg.erro(-1, -1, "carga", f"prazo rígido de {limite:.0f} s estourado: sessões canceladas")
            conduzido = {}
        mortos = [i + 1 for i, s in enumerate(servidores) if s.proc.poll() is not None]
        for i in mortos:
            reg.erro(
                -1, i - 1, "servidor", f"a réplica {i} terminou durante a carga:\n{fim_do_log(servidores[i - 1].log)}"
            )
        carga_depois = _carga_da_maquina()
        conferencia = _conferir_banco(url_banco, alvos, reg)
        pg_versao = _versao_postgres(url_banco)
    finally:
        for srv in servidores:
            encerrar(srv.proc)
        if banco_temporario:
            try:
                apagar_banco(url_banco)
            except Exception as exc:  # noqa: BLE001 - não esconde o erro original
                print(
                    f"aviso: não foi possível apagar o banco temporário {make_url(url_banco).database}: {exc}",
                    file=sys.stderr,
                )
    logs = _erros_nos_logs(servidores)
    resultado = _resumir(
        reg,
        servidores,
        conferencia,
        conduzido,
        logs,
        replicas=replicas,
        sessoes=sessoes,
        duracao_s=duracao_s,
        gravacoes_por_sessao=gravacoes_por_sessao,
        inicio=inicio,
        preparo_s=preparo_s,
        pg_versao=pg_versao,
        carga_maquina=(carga_antes, carga_depois),
        banco=make_url(url_banco).render_as_string(hide_password=True),
        banco_temporario=banco_temporario,
        pasta=pasta,
    )
    if saida_json:
        Path(saida_json).parent.mkdir(parents=True, exist_ok=True)
        Path(saida_json).write_text(json.dumps(resultado, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    if imprimir:
        print(resumo_markdown(resultado))
    return resultado


def _resumir(
    reg: Registro,
    servidores: list[Servidor],
    conferencia: dict,
    conduzido: dict,
    logs: list[dict],
    *,
    replicas: int,
    sessoes: int,
    duracao_s: float,
    gravacoes_por_sessao,
    inicio: datetime,
    preparo_s: float,
    pg_versao: str,
    carga_maquina: tuple,
    banco: str,
    banco_temporario: bool,
    pasta: Path,
) -> dict:
    def bloco(medidas: list[Medida], erros: list[dict], salvas, recusadas, comentarios) -> dict:
        return {
            "requisicoes": len(medidas),
            "leituras": _percentis([m.duracao_s for m in medidas if m.tipo == "leitura" and m.resultado != "erro"]),
            "gravacoes": _percentis([m.duracao_s for m in medidas if m.tipo == "gravacao" and m.resultado != "erro"]),
            "logins": _percentis([m.duracao_s for m in medidas if m.tipo == "login" and m.resultado != "erro"]),
            "erros": len(erros),
            "edicoes_salvas": len(salvas),
            "conflitos": len(recusadas),
            "comentarios": len(comentarios),
            "gravacoes_confirmadas": len(salvas) + len(comentarios),
        }

    total = bloco(reg.medidas, reg.erros, reg.edicoes_salvas, reg.edicoes_recusadas, reg.comentarios)
    por_replica = []
    for i, srv in enumerate(servidores):
        b = bloco(
            [m for m in reg.medidas if m.replica == i],
            [e for e in reg.erros if e["replica"] == i],
            [e for e in reg.edicoes_salvas if e["replica"] == i],
            [e for e in reg.edicoes_recusadas if e["replica"] == i],
            [c for c in reg.comentarios if c["replica"] == i],
        )
        b.update({"replica": i + 1, "porta": srv.porta, "sessoes": sum(1 for n in range(sessoes) if n % replicas == i)})
        por_replica.append(b)
    erros_total = len(reg.erros) + sum(x["tracebacks"] for x in logs)
    ed = conferencia["edicao"]
    aprovado = (
        erros_total == 0
        and conferencia["perdidas"] == 0
        and ed["versao_consistente"]
        and ed["cadeia_de_versoes_ok"]
        and not ed["recusadas_gravadas"]
        and not ed["alheias_na_trilha"]
        and not conferencia["comentarios"]["duplicados"]
        and not reg.leituras_desatualizadas
    )
    return {
        "aprovado": aprovado,
        "configuracao": {
            "replicas": replicas,
            "sessoes": sessoes,
            "duracao_s": duracao_s,
            "gravacoes_por_sessao": gravacoes_por_sessao,
            "contas": list(CONTAS),
            "banco": banco,
            "banco_temporario": banco_temporario,
        },
        "maquina": {
            "nucleos": os.cpu_count(),
            "sistema": platform.platform(),
            "python": platform.python_version(),
            "postgresql": pg_versao,
            "streamlit": _versao_pacote("streamlit"),
            "playwright": _versao_pacote("playwright"),
            "chromium": conduzido.get("chromium"),
            "carga_media_1min_antes": carga_maquina[0],
            "carga_media_1min_depois": carga_maquina[1],
        },
        "inicio": inicio.isoformat(timespec="seconds"),
        "preparo_do_banco_s": round(preparo_s, 1),
        "duracao_real_s": conduzido.get("duracao_real_s"),
        "total": total,
        "replicas": por_replica,
        "erros": {
            "total": erros_total,
            "na_tela_ou_no_navegador": len(reg.erros),
            "nos_logs_dos_servidores": logs,
            "lista": reg.erros[:200],
        },
        "gravacoes": {"perdidas": conferencia["perdidas"], "edicao": ed, "comentarios": conferencia["comentarios"]},
        "leituras_desatualizadas": reg.leituras_desatualizadas,
        "recargas_sem_versao_atual": len(reg.recargas_sem_versao_atual),
        "comentarios_que_continuam_no_campo": len(reg.campos_nao_limpos),
        "novas_tentativas": reg.novas_tentativas,
        "pedidos_externos_bloqueados": sorted(set(reg.bloqueados))[:50],
        "cache": conduzido.get("cache"),
        "logs": str(pasta),
        "medidas": [asdict(m) for m in reg.medidas],
    }


def _carga_da_maquina() -> float | None:
    """Média de carga de 1 minuto do sistema (outros processos também disputam os núcleos)."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _versao_pacote(nome: str) -> str | None:
    try:
        return version(nome)
    except PackageNotFoundError:
        return None


def _s(v) -> str:
    return "—" if v is None else f"{v:.2f}".replace(".", ",")


def resumo_markdown(r: dict) -> str:
    """Resumo em português (markdown) do resultado de `executar_carga`."""
    c, m, t = r["configuracao"], r["maquina"], r["total"]
    ed, com = r["gravacoes"]["edicao"], r["gravacoes"]["comentarios"]
    sim = lambda ok: "sim" if ok else "**NÃO**"  # noqa: E731
    linhas = [
        f"## Carga: {c['replicas']} réplica(s), {c['sessoes']} sessão(ões), {c['duracao_s']:g} s "
        f"— {'APROVADA' if r['aprovado'] else 'REPROVADA'}",
        "",
        f"Máquina: {m['nucleos']} núcleo(s) ({m['sistema']}); PostgreSQL {m['postgresql']}, "
        f"Streamlit {m['streamlit']}, "
        f"Chromium {m['chromium']} (navegadores e servidores na mesma máquina; carga média de 1 min "
        f"{_s(m['carga_media_1min_antes'])} antes e {_s(m['carga_media_1min_depois'])} depois). Banco: {c['banco']}"
        f"{' (temporário, já apagado)' if c['banco_temporario'] else ''}. Início {r['inicio']}, "
        f"duração medida {_s(r['duracao_real_s'])} s.",
        "",
        "| | total | "
        + " | ".join(f"réplica {x['replica']} (:{x['porta']}, {x['sessoes']} sessões)" for x in r["replicas"])
        + " |",
        "|---|---:|" + "---:|" * len(r["replicas"]),
    ]

    def linha(rotulo: str, f) -> None:
        linhas.append(f"| {rotulo} | {f(t)} | " + " | ".join(f(x) for x in r["replicas"]) + " |")

    linha("requisições (login, leituras e gravações medidas)", lambda x: str(x["requisicoes"]))
    linha("erros", lambda x: str(x["erros"]))
    linha("edições do Fundo disputado salvas", lambda x: str(x["edicoes_salvas"]))
    linha("edições recusadas com o aviso de conflito", lambda x: str(x["conflitos"]))
    linha("comentários gravados", lambda x: str(x["comentarios"]))
    for chave, rotulo in (("leituras", "leitura"), ("gravacoes", "gravação"), ("logins", "login")):
        linha(
            f"{rotulo}: n / p50 / p95 / máx (s)",
            lambda x, k=chave: f"{x[k]['n']} / {_s(x[k]['p50'])} / {_s(x[k]['p95'])} / {_s(x[k]['max'])}",
        )
    linhas += [
        "",
        "Conferência no banco:",
        f"- gravações perdidas (confirmadas na tela e ausentes do banco): **{r['gravacoes']['perdidas']}**",
        f"- Fundo {ed['fundo_id']}: versão inicial {ed['versao_inicial']}, final {ed['versao_final']}; "
        f"inicial + salvas = {ed['versao_esperada']}; consistente: {sim(ed['versao_consistente'])}; "
        f"cadeia de versões da trilha sem saltos nem repetições: {sim(ed['cadeia_de_versoes_ok'])}; "
        f"observações finais = última alteração: {sim(ed['observacoes_finais_sao_da_ultima'])}",
        f"- recusadas que ainda assim foram gravadas: {len(ed['recusadas_gravadas'])}; alterações na trilha sem "
        f"confirmação: {ed['alheias_na_trilha']}; cliques sem resposta reconhecível: {ed['incertas']} "
        f"(no banco: {ed['incertas_no_banco']})",
        f"- comentários: {com['confirmados']} confirmados, {len(com['perdidos'])} perdidos, "
        f"{len(com['duplicados'])} duplicados, {com['incertos']} sem confirmação "
        f"(no banco: {com['incertos_no_banco']})",
        f"- leituras desatualizadas entre réplicas (versão ou comentário já confirmados e não exibidos): "
        f"{len(r['leituras_desatualizadas'])}",
        f"- “Carregar a versão atual” que deixou na tela o texto recusado: {r['recargas_sem_versao_atual']} de "
        f"{ed['conflitos']}; comentário gravado que continuou no campo: {r['comentarios_que_continuam_no_campo']} de "
        f"{com['confirmados']}",
        f"- pedidos a hosts externos bloqueados: {len(r['pedidos_externos_bloqueados'])}; buscas repetidas "
        f"depois de {TEMPO_ACAO_MS // 2000} s sem resposta: {len(r['novas_tentativas'])}",
    ]
    cache = r.get("cache") or {}
    if "antes" in cache:
        linhas.append(
            f"- cache por processo: {cache['leitura']}; antes {cache['antes']}; {cache['gravacao']} "
            f"({'gravada' if cache['gravou'] else 'NÃO gravada'}); depois {cache['depois']} "
            f"(lido até {_s(cache['segundos_apos_gravar'])} s depois). Réplica que não gravou mantém o "
            "valor antigo até o TTL de 300 s vencer."
        )
    elif cache:
        linhas.append(f"- sondagem do cache não concluída: {cache.get('falhou')}")
    if r["erros"]["lista"] or r["erros"]["nos_logs_dos_servidores"]:
        linhas += ["", "Erros (até 15):"]
        for e in r["erros"]["lista"][:15]:
            linhas.append(
                f"- sessão {e['sessao']}, réplica {e['replica'] + 1}, {e['onde']} ({_s(e['momento_s'])} s): "
                + e["mensagem"].replace("\n", " ")[:500]
            )
        for x in r["erros"]["nos_logs_dos_servidores"]:
            linhas.append(f"- réplica {x['replica']}: {x['tracebacks']} traceback(s) no log {x['log']}")
    linhas.append(f"\nLogs dos servidores: {r['logs']}")
    return "\n".join(linhas)
