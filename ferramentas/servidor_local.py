"""O sistema real num subprocesso do uvicorn (`asgi:app`: o Streamlit e as rotas de web/, como
em produção) em 127.0.0.1 e o Chromium do Debian que o visita: o que os testes de navegador (tests/e2e), o benchmark (`manage.py bench`) e o teste de
carga com réplicas (`manage.py carga`) usam em comum."""

from __future__ import annotations

import asyncio
import ctypes
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from core import acesso
from core.config import RAIZ

CHROMIUM = Path("/usr/bin/chromium")
# o Chromium baixado pelo Playwright não funciona aqui: usa-se o do Debian, com estas opções
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTS_LOCAIS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# a página terminou de rodar e está ligada ao servidor
PRONTO = "[data-testid='stApp'][data-test-connection-state='CONNECTED'][data-test-script-state='notRunning']"
TEMPO_PARTIDA_S = 90  # limite para o servidor responder em /saude

# O plotly.js continua um desenho assíncrono depois que o gráfico foi desmontado (troca de página
# ou nova execução no meio do desenho) e lê o estado interno que a desmontagem apagou
# (`gd._fullLayout`): "Cannot read properties of undefined (reading '_axisMatchGroups')" e afins
# (plotly.js #5159, react-plotly.js #140). Nada muda na tela — o gráfico já saiu dela —, e o
# sistema não controla essa ordem. Só conta como essa corrida a exceção desse formato cujo
# primeiro quadro da pilha está no próprio pacote do gráfico do Streamlit; qualquer outra
# exceção JavaScript continua sendo falha.
_CORRIDA_PLOTLY = re.compile(r"Cannot read properties of undefined \(reading '_\w+'\)")


def corrida_do_plotly(mensagem: str, pilha: str | None) -> bool:
    """A exceção JavaScript é a leitura tardia de um gráfico Plotly já desmontado?"""
    if not _CORRIDA_PLOTLY.fullmatch(mensagem.strip()):
        return False
    quadros = [q.strip() for q in (pilha or "").splitlines() if q.strip().startswith("at ")]
    return bool(quadros) and "/static/js/PlotlyChart." in quadros[0]


QUADRO_MAX = 16 * 1024  # só quadros pequenos são decodificados: new_session e script_finished são pequenos


class Canal:
    """Início (`new_session`) e fim (`script_finished`) de cada execução do script, como o
    navegador os recebe pelo WebSocket, com o instante de chegada (`time.perf_counter()`).

    Esperar uma execução pelo atributo data-test-script-state do stApp não basta: numa execução
    curta numa máquina carregada o React junta "running" e "notRunning" numa só renderização e
    o atributo nem muda (visto no CI: a carga esperou 45 s por uma execução que já tinha
    terminado). As mensagens do servidor não se perdem."""

    def __init__(self) -> None:
        self._msg = ForwardMsg
        self.eventos: list[tuple[float, str, int | None]] = []
        self.fins = 0  # execuções terminadas (de qualquer desfecho)
        self.novo = asyncio.Event()

    def ligar(self, page) -> None:
        page.on("websocket", lambda ws: ws.on("framereceived", self._quadro))

    def _quadro(self, dados) -> None:
        if not isinstance(dados, (bytes, bytearray)) or len(dados) > QUADRO_MAX:
            return
        try:
            m = self._msg.FromString(bytes(dados))
        except Exception:  # noqa: BLE001 - quadro que não é ForwardMsg
            return
        tipo = m.WhichOneof("type")
        if tipo == "new_session":
            self.eventos.append((time.perf_counter(), "inicio", None))
        elif tipo == "script_finished":
            self.eventos.append((time.perf_counter(), "fim", m.script_finished))
            self.fins += 1
        else:
            return
        self.novo.set()

    def terminou_desde(self, n: int) -> bool:
        """Depois do evento `n`, a última notícia é o fim de uma execução completa?"""
        ev = self.eventos[n:]
        return bool(ev) and ev[-1][1] == "fim" and ev[-1][2] != self._msg.FINISHED_EARLY_FOR_RERUN


class ServidorNaoSubiu(RuntimeError):
    """O Streamlit terminou ou não respondeu a tempo (a mensagem traz o fim do log)."""


def porta_livre() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fim_do_log(caminho: Path, linhas: int = 40) -> str:
    try:
        return "\n".join(caminho.read_text(encoding="utf-8", errors="replace").splitlines()[-linhas:])
    except OSError:
        return "(sem log)"


def encerrar(proc: subprocess.Popen) -> None:
    """SIGTERM no grupo do processo; se não sair em 10 s, SIGKILL no grupo."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


def _morrer_com_o_pai() -> None:  # pragma: no cover - roda no processo filho
    """No Linux, o servidor recebe SIGTERM se o processo que o criou morrer (nada fica órfão)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - só uma proteção extra
        pass


@dataclass
class Servidor:
    proc: subprocess.Popen
    porta: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.porta}"


# Memória do processo do Streamlit: cada sessão roda o script numa thread, e a glibc dá a cada
# thread que aloca em paralelo uma arena própria (até 8 por núcleo), que guarda o que foi liberado
# para reuso em vez de devolvê-lo ao sistema. Com dez sessões simultâneas, o pico de RSS crescia
# com o número de arenas, não com os dados. Duas arenas bastam para duas CPUs (o GIL já serializa
# o Python). Vale para `manage.py run`, testes de navegador, benchmark e carga; quem define
# MALLOC_ARENA_MAX no ambiente prevalece.
ARENAS_MALLOC = "2"


def ambiente_do_servidor(base: dict[str, str] | None = None) -> dict[str, str]:
    """O ambiente do processo do servidor: `base` (padrão: o deste processo) com
    `MALLOC_ARENA_MAX` (ARENAS_MALLOC) quando não definido."""
    env = dict(os.environ if base is None else base)
    env.setdefault("MALLOC_ARENA_MAX", ARENAS_MALLOC)
    return env


def comando_servidor(porta: int, endereco: str, *opcoes: str) -> list[str]:
    """`python -m uvicorn asgi:app` na porta e no endereço dados, com as `opcoes` extras do uvicorn
    (usado aqui e pelo `manage.py run`). As opções do Streamlit vêm do `.streamlit/config.toml` e
    de variáveis `STREAMLIT_*`."""
    return [sys.executable, "-m", "uvicorn", "asgi:app", "--host", endereco, "--port", str(porta), *opcoes]


def iniciar_servidor(
    url_banco: str, log: Path, *, modo_demo: bool, porta: int | None = None, acessos_no_log: bool = False
) -> Servidor:
    """Inicia `uvicorn asgi:app` em 127.0.0.1 numa porta livre (sem esperar que responda).
    `DATABASE_URL` vai explícito: o ambiente de quem chama pode apontar para outro banco. Os pedidos
    só vão para o log com `acessos_no_log` (como no `manage.py run`)."""
    porta = porta or porta_livre()
    env = ambiente_do_servidor({k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")})
    env.update(
        {
            "DATABASE_URL": url_banco,
            "MODO_DEMO": "true" if modo_demo else "false",
            "PYTHONUNBUFFERED": "1",
            "STREAMLIT_SERVER_HEADLESS": "true",
            "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        }
    )
    cmd = comando_servidor(porta, "127.0.0.1", *(() if acessos_no_log else ("--no-access-log",)))
    with log.open("wb") as saida:
        proc = subprocess.Popen(
            cmd,
            cwd=RAIZ,
            env=env,
            stdout=saida,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_morrer_com_o_pai if sys.platform.startswith("linux") else None,
        )
    return Servidor(proc, porta, log)


def esperar_servidor(srv: Servidor, limite_s: float = TEMPO_PARTIDA_S) -> None:
    """Espera /saude responder 200 (servidor no ar e banco na última revisão); `ServidorNaoSubiu`
    se o processo terminar ou o tempo acabar. Confere também que o processo continua vivo depois da resposta (a porta não era de outro)."""
    limite = time.monotonic() + limite_s
    while True:
        if srv.proc.poll() is not None:
            raise ServidorNaoSubiu(
                f"o servidor da porta {srv.porta} terminou com código {srv.proc.returncode} "
                f"antes de responder:\n{fim_do_log(srv.log)}"
            )
        try:
            with urllib.request.urlopen(f"{srv.base}/saude", timeout=2) as r:
                if r.status == 200:
                    time.sleep(0.5)
                    if srv.proc.poll() is None:
                        return
                    continue
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() > limite:
            raise ServidorNaoSubiu(
                f"o servidor não respondeu em {srv.base}/saude em {limite_s:.0f} s:\n{fim_do_log(srv.log)}"
            )
        time.sleep(0.25)


def subir_servidor(url_banco: str, log: Path, *, modo_demo: bool) -> Servidor:
    """`iniciar_servidor` + `esperar_servidor`; se não subir, encerra o processo e levanta o erro."""
    srv = iniciar_servidor(url_banco, log, modo_demo=modo_demo)
    try:
        esperar_servidor(srv)
    except BaseException:
        encerrar(srv.proc)
        raise
    return srv


# --- navegação pelo menu (testes no navegador e benchmark) ----------------------------------


def link_do_menu(page, titulo: str):
    """O link `titulo` do menu lateral (numa página do Playwright, síncrona ou assíncrona)."""
    return page.get_by_test_id("stSidebarNav").get_by_role("link", name=titulo, exact=True)


def caminho_da_url(arquivo: str, papel: str) -> str:
    """Caminho que o Streamlit dá à página: a padrão é "/", as demais "/<nome do arquivo>"."""
    nome = Path(arquivo).stem
    padrao = nome == "pendencias" or (papel == acesso.PUBLICO and nome == "publico")
    return "/" if padrao else "/" + nome
