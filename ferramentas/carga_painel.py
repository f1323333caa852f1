"""Carga na versão leve do painel público (`GET /painel`): muitos clientes simultâneos contra um
processo (`uvicorn asgi:app`), medindo requisições por segundo, latências (mediana e p95) e a
memória (RSS) do servidor antes e depois.

Cada cliente é uma corrotina com a sua conexão HTTP/1.1 mantida aberta que pede a página em laço até
o prazo, como um navegador novo (sem If-None-Match) e aceitando gzip; o HTTP é falado direto no
socket, para que o cliente não custe mais CPU que o servidor medido (ver `_martelar`). Só tráfego local:
o endereço tem de ser 127.0.0.1 ou localhost. Sem `base`, sobe um servidor próprio
(`ferramentas.servidor_local`) com uma cópia do banco indicado e o encerra no fim.

    python manage.py carga --painel [--clientes 200] [--duracao 20]

Mede, não afirma: a máquina pode estar ocupada por outros processos (a carga média entra no
resultado)."""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx

from ferramentas.servidor_local import encerrar, subir_servidor

HOSTS_LOCAIS = {"127.0.0.1", "localhost"}


def rss_mb(pid: int) -> float | None:
    """A memória residente (VmRSS) do processo `pid`, em MB (Linux)."""
    try:
        for linha in Path(f"/proc/{pid}/status").read_text().splitlines():
            if linha.startswith("VmRSS:"):
                return int(linha.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_s(pid: int) -> float | None:
    """O tempo de CPU (usuário + sistema) já gasto pelo processo `pid`, em segundos (Linux)."""
    try:
        campos = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(campos[11]) + int(campos[12])) / os.sysconf("SC_CLK_TCK")


def pid_na_porta(porta: int) -> int | None:
    """O processo que escuta em `porta` (lendo /proc/net/tcp e os descritores de /proc): para
    medir a memória de um servidor já rodando."""
    alvo = f":{porta:04X}"
    inodes = set()
    for arquivo in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            for linha in Path(arquivo).read_text().splitlines()[1:]:
                campos = linha.split()
                if campos[1].endswith(alvo) and campos[3] == "0A":  # 0A: LISTEN
                    inodes.add(campos[9])
        except OSError:
            continue
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                destino = os.readlink(f"/proc/{pid}/fd/{fd}")
                if destino.startswith("socket:[") and destino[8:-1] in inodes:
                    return int(pid)
        except OSError:
            continue
    return None


class RespostaInvalida(Exception):
    """O servidor respondeu algo que não é uma resposta HTTP/1.1 completa."""


async def ler_resposta(leitor: asyncio.StreamReader) -> tuple[int, int, bool]:
    """Lê uma resposta HTTP/1.1 inteira da conexão: (status, bytes do corpo no fio, mantém a conexão).
    O corpo vem com Content-Length ou em partes (chunked)."""
    cabecalho = await leitor.readuntil(b"\r\n\r\n")
    linhas = cabecalho.decode("latin-1").split("\r\n")
    partes = linhas[0].split(" ", 2)
    if len(partes) < 2 or not partes[0].startswith("HTTP/1.") or not partes[1].isdigit():
        raise RespostaInvalida(linhas[0][:80])
    campos = {}
    for linha in linhas[1:]:
        nome, _, valor = linha.partition(":")
        campos[nome.strip().lower()] = valor.strip()
    if "content-length" in campos:
        tamanho = int(campos["content-length"])
        await leitor.readexactly(tamanho)
    elif campos.get("transfer-encoding", "").lower() == "chunked":
        tamanho = 0
        while True:
            pedaco = int((await leitor.readuntil(b"\r\n")).split(b";")[0], 16)
            await leitor.readexactly(pedaco + 2)
            tamanho += pedaco
            if pedaco == 0:
                break
    else:
        raise RespostaInvalida("resposta sem Content-Length nem chunked")
    return int(partes[1]), tamanho, campos.get("connection", "").lower() != "close"


async def _martelar(url: str, clientes: int, duracao_s: float) -> tuple[list[float], int, int]:
    """`clientes` corrotinas, cada uma com a sua conexão HTTP/1.1 mantida aberta (keep-alive, como um
    navegador), pedindo `url` em laço até o prazo.

    O cliente fala HTTP direto no socket, sem biblioteca: com 200 clientes num processo Python, o
    próprio cliente HTTP (httpx) gastava mais CPU por requisição do que o servidor medido e limitava a
    vazão a ~180/s numa máquina ociosa, enquanto o `wrk` media mais de 2.000/s no mesmo servidor."""
    partes = urlparse(url)
    host, porta = partes.hostname, partes.port or 80
    pedido = (
        f"GET {partes.path or '/'} HTTP/1.1\r\nHost: {partes.netloc}\r\nAccept-Encoding: gzip\r\n"
        "User-Agent: pnat-carga\r\n\r\n"
    ).encode("ascii")
    latencias: list[float] = []
    erros = 0
    bytes_total = 0
    fim = time.monotonic() + duracao_s

    async def um_cliente() -> None:
        nonlocal erros, bytes_total
        conexao = None
        while time.monotonic() < fim:
            t0 = time.perf_counter()
            try:
                if conexao is None:
                    conexao = await asyncio.wait_for(asyncio.open_connection(host, porta), 30.0)
                leitor, escritor = conexao
                escritor.write(pedido)
                status, tamanho, manter = await asyncio.wait_for(ler_resposta(leitor), 30.0)
            except (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, RespostaInvalida):
                erros += 1
                if conexao is not None:
                    conexao[1].close()
                conexao = None
                continue
            if not manter:
                escritor.close()
                conexao = None
            if status != 200:
                erros += 1
                continue
            latencias.append(time.perf_counter() - t0)
            bytes_total += tamanho  # no fio (gzip)
        if conexao is not None:
            conexao[1].close()

    await asyncio.gather(*(um_cliente() for _ in range(clientes)))
    return latencias, erros, bytes_total


def _p(valores: list[float], q: float) -> float | None:
    if not valores:
        return None
    ordenados = sorted(valores)
    return ordenados[min(len(ordenados) - 1, int(q * len(ordenados)))]


def medir_painel(base: str, *, clientes: int = 200, duracao_s: float = 20.0, pid: int | None = None) -> dict:
    """Martela `base`/painel com `clientes` simultâneos por `duracao_s`; devolve as medidas."""
    host = urlparse(base).hostname
    if host not in HOSTS_LOCAIS:
        raise ValueError(f"a carga só vai a 127.0.0.1 ou localhost, não a “{host}”")
    url = base.rstrip("/") + "/painel"
    pid = pid or pid_na_porta(urlparse(base).port or 80)
    try:
        aquecimento = httpx.get(url, timeout=120.0)  # gera a página (a primeira vez)
    except httpx.HTTPError as exc:
        raise ValueError(f"o servidor em {base} não respondeu ({type(exc).__name__}); ele está rodando?") from exc
    if aquecimento.status_code != 200:
        raise ValueError(f"{url} respondeu {aquecimento.status_code}, não 200")
    rss_antes = rss_mb(pid) if pid else None
    cpu_antes = cpu_s(pid) if pid else None
    t0 = time.perf_counter()
    latencias, erros, bytes_total = asyncio.run(_martelar(url, clientes, duracao_s))
    decorrido = time.perf_counter() - t0
    rss_depois = rss_mb(pid) if pid else None
    cpu_depois = cpu_s(pid) if pid else None
    # CPU do servidor por resposta: independe de quanto da máquina os outros processos tomam
    cpu_ms = (
        (cpu_depois - cpu_antes) * 1000 / len(latencias)
        if latencias and cpu_antes is not None and cpu_depois is not None
        else None
    )
    return {
        "url": url,
        "clientes": clientes,
        "duracao_s": round(decorrido, 2),
        "requisicoes": len(latencias),
        "erros": erros,
        "req_por_s": round(len(latencias) / decorrido, 1) if decorrido else None,
        "mediana_ms": round(statistics.median(latencias) * 1000, 1) if latencias else None,
        "p95_ms": round(_p(latencias, 0.95) * 1000, 1) if latencias else None,
        "bytes_por_resposta": round(bytes_total / len(latencias)) if latencias else None,
        "cpu_servidor_ms_por_req": round(cpu_ms, 2) if cpu_ms else None,
        "capacidade_estimada_req_s": round(1000 / cpu_ms) if cpu_ms else None,
        "rss_antes_mb": round(rss_antes, 1) if rss_antes else None,
        "rss_depois_mb": round(rss_depois, 1) if rss_depois else None,
        "carga_media_maquina": round(os.getloadavg()[0], 2),
        "nucleos": os.cpu_count(),
    }


def resumo(r: dict) -> str:
    """As medidas em linhas para o terminal, em português."""

    def n(v, casas: int = 1) -> str:
        return "—" if v is None else f"{v:,.{casas}f}".replace(",", "X").replace(".", ",").replace("X", ".")

    return "\n".join(
        [
            f"Carga em {r['url']}: {r['clientes']} clientes simultâneos por {n(r['duracao_s'])} s",
            f"  requisições: {n(r['requisicoes'], 0)} ({n(r['req_por_s'])} por segundo), erros: {r['erros']}",
            f"  latência: mediana {n(r['mediana_ms'])} ms, p95 {n(r['p95_ms'])} ms; "
            f"{n(r['bytes_por_resposta'], 0)} bytes por resposta (gzip)",
            f"  CPU do servidor: {n(r['cpu_servidor_ms_por_req'], 2)} ms por requisição (com um núcleo "
            f"livre, ~{n(r['capacidade_estimada_req_s'], 0)} requisições por segundo)",
            f"  memória do servidor (RSS): {n(r['rss_antes_mb'])} MB antes, {n(r['rss_depois_mb'])} MB depois",
            f"  máquina: carga média {n(r['carga_media_maquina'], 2)} em {r['nucleos']} núcleos "
            "(outros processos competem pela CPU)",
        ]
    )


def executar_carga_painel(
    *, base: str | None = None, url_banco: str | None = None, clientes: int = 200, duracao_s: float = 20.0
) -> dict:
    """Com `base`, mede o servidor que já roda ali; sem ela, sobe `uvicorn asgi:app` numa porta
    livre sobre `url_banco` e o encerra no fim. Imprime o resumo e devolve as medidas."""
    if base is not None:
        r = medir_painel(base, clientes=clientes, duracao_s=duracao_s)
    else:
        if url_banco is None:
            raise ValueError("indique o servidor (base) ou o banco (url_banco)")
        with tempfile.TemporaryDirectory(prefix="carga_painel_") as pasta:
            srv = subir_servidor(url_banco, Path(pasta) / "servidor.log", modo_demo=False)
            try:
                r = medir_painel(srv.base, clientes=clientes, duracao_s=duracao_s, pid=srv.proc.pid)
            finally:
                encerrar(srv.proc)
    print(resumo(r), flush=True)
    return r
