"""Parte de navegador do benchmark (`ferramentas/bench.py`): o sistema real num subprocesso do
Streamlit e o Chromium do Debian (headless) pelo Playwright, sem internet.

Tempo de uma visita (relógio deste processo): do clique (ou do `goto`) até o navegador ter
recebido do servidor a mensagem `script_finished` de uma execução completa — lida nos quadros do
WebSocket — **e** o `stApp` mostrar `data-test-script-state="notRunning"` conectado (o seletor de
“pronto” dos testes de navegador). Só o atributo não basta: sob carga o React junta “começou” e
“terminou” numa só renderização e o atributo nunca sai de `notRunning`. Execuções interrompidas
por `st.rerun` (o login, por exemplo) não contam; espera-se a seguinte, e mais 300 ms sem nova
execução. Memória: `VmHWM` (pico de RSS) e `VmRSS` do processo do servidor em `/proc/<pid>/status`.
"""

from __future__ import annotations

import asyncio
import math
import os
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from sqlmodel import func, select

from comum.formatos import numero
from core import acesso
from core.banco import sessao
from dominio.usuarios.servicos import DadosUsuario, criar_usuario
from ferramentas import servidor_local
from ferramentas.servidor_local import CHROMIUM, PRONTO, Canal, caminho_da_url, fim_do_log, link_do_menu
from models.unidades import EscritorioSocial, GrupoInterinstitucional
from models.usuarios import Usuario

CHROMIUM_ARGS = [
    *servidor_local.CHROMIUM_ARGS,
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",  # sem internet: só o servidor local
]
TEMPO_VISITA_MS = 300_000  # uma visita sob 10 sessões num banco grande pode demorar
ASSENTAR_MS = 300


Progresso = Callable[[str], None]


# --- servidor ------------------------------------------------------------------------


@contextmanager
def servidor(url_banco: str, pasta: Path) -> Iterator[tuple[str, int]]:
    """Sobe `streamlit run app.py` numa porta livre apontando para `url_banco`; devolve (URL base, pid)."""
    srv = servidor_local.subir_servidor(url_banco, pasta / "streamlit.log", modo_demo=False)
    try:
        yield srv.base, srv.proc.pid
    finally:
        servidor_local.encerrar(srv.proc)


def memoria_mb(pid: int) -> dict[str, float | None]:
    """Pico (VmHWM) e atual (VmRSS) do processo, em MB (MiB)."""
    valores: dict[str, float | None] = {"pico_mb": None, "rss_mb": None}
    try:
        texto = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return valores
    for linha in texto.splitlines():
        chave, _, resto = linha.partition(":")
        if chave in ("VmHWM", "VmRSS"):
            valores["pico_mb" if chave == "VmHWM" else "rss_mb"] = int(resto.split()[0]) / 1024
    return valores


def cpu_s(pid: int) -> float | None:
    """Tempo de CPU (usuário + sistema) que o processo já gastou, em segundos; None se não há."""
    try:
        campos = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    # depois do nome: estado é o campo 3 do proc(5); utime e stime, os campos 14 e 15
    return (int(campos[11]) + int(campos[12])) / os.sysconf("SC_CLK_TCK")


def percentil(valores: list[float], p: float) -> float | None:
    """O percentil `p` (0 a 100) pelo posto mais próximo: o menor valor com `p`% dos valores até ele."""
    if not valores:
        return None
    ordenados = sorted(valores)
    return ordenados[max(0, math.ceil(p / 100 * len(ordenados)) - 1)]


# --- contas --------------------------------------------------------------------------


def criar_contas(por_perfil: int = 1) -> dict[str, list[tuple[str, str, str]]]:
    """No banco atual — a cópia descartável do benchmark — cria `por_perfil` contas por perfil (uma
    pessoa por sessão: entradas simultâneas na mesma conta disputariam a mesma linha) com senha
    aleatória e devolve perfil → [(e-mail, senha, papel)]. Os pontos focais respondem pela unidade
    de um ponto focal que já exista (o da demonstração, se houver), senão pelo primeiro Grupo e
    pelo primeiro Escritório."""
    with sessao() as s:
        focais = list(
            s.exec(
                select(Usuario)
                .where(Usuario.papel == "ponto_focal", Usuario.ativo == True)  # noqa: E712
                .order_by(Usuario.id)
            )
        )
        preferidos = sorted(focais, key=lambda u: not u.email.endswith("@demo.pnat.jus.br"))
        grupo = (
            next((u.grupo_id for u in preferidos if u.grupo_id), None)
            or s.exec(select(func.min(GrupoInterinstitucional.id))).one()
        )
        escritorio = (
            next((u.escritorio_id for u in preferidos if u.escritorio_id), None)
            or s.exec(select(func.min(EscritorioSocial.id))).one()
        )
    senha = f"Bench-{secrets.token_urlsafe(12)}-9"
    sufixo = secrets.token_hex(3)
    contas: dict[str, list[tuple[str, str, str]]] = {}
    for perfil, papel, g, e in (
        ("admin", "admin", None, None),
        ("dmf", "dmf", None, None),
        ("cnmp", "cnmp", None, None),
        ("pf_grupo", "ponto_focal", grupo, None),
        ("pf_escritorio", "ponto_focal", None, escritorio),
    ):
        if papel == "ponto_focal" and g is None and e is None:
            continue  # banco sem Grupos ou sem Escritórios
        for k in range(1, por_perfil + 1):
            email = f"bench.{perfil.replace('_', '.')}.{k}.{sufixo}@bench.invalid"
            criar_usuario(None, DadosUsuario(f"Benchmark ({perfil} {k})", email, papel, g, e), senha, sistema=True)
            contas.setdefault(perfil, []).append((email, senha, papel))
    return contas


# --- medição no navegador -------------------------------------------------------------


def _caminho_atual(page) -> str:
    return urlparse(page.url).path.rstrip("/") or "/"


async def _esperar_fim(page, canal: Canal, n0: int) -> float:
    """Espera o fim da execução disparada depois do evento `n0` e a tela pronta; devolve o instante."""
    limite = time.monotonic() + TEMPO_VISITA_MS / 1000
    while True:
        while not canal.terminou_desde(n0):
            canal.novo.clear()
            if canal.terminou_desde(n0):
                break
            restante = limite - time.monotonic()
            if restante <= 0:
                raise TimeoutError(f"o script não terminou em {TEMPO_VISITA_MS // 1000} s")
            try:
                await asyncio.wait_for(canal.novo.wait(), timeout=restante)
            except TimeoutError:
                pass
        await page.wait_for_selector(PRONTO, timeout=TEMPO_VISITA_MS)
        fim = time.perf_counter()
        n = len(canal.eventos)
        await asyncio.sleep(ASSENTAR_MS / 1000)
        if len(canal.eventos) == n:
            return fim
        n0 = n  # rodou de novo: espera essa execução também


async def _clicar(page, locator) -> float:
    """Clica e devolve o tempo (s) do clique ao fim do script, com a tela pronta."""
    canal = page._canal_bench
    n0 = len(canal.eventos)
    t0 = time.perf_counter()
    await locator.click()
    return await _esperar_fim(page, canal, n0) - t0


async def _fechar(alvo) -> None:
    """Fecha contexto ou navegador; numa interrupção eles já podem ter sido fechados."""
    try:
        await alvo.close()
    except Exception:  # noqa: BLE001 - TargetClosedError etc.
        pass


async def _nova_aba(navegador):
    ctx = await navegador.new_context(
        viewport={"width": 1280, "height": 1000}, locale="pt-BR", timezone_id="America/Sao_Paulo"
    )
    ctx.set_default_timeout(TEMPO_VISITA_MS)
    page = await ctx.new_page()
    page._canal_bench = Canal()
    page._canal_bench.ligar(page)
    return ctx, page


async def _abrir(page, base: str, caminho: str) -> float:
    """Carrega o endereço e devolve o tempo (s) da navegação ao fim do script."""
    canal = page._canal_bench
    n0 = len(canal.eventos)
    t0 = time.perf_counter()
    await page.goto(base + caminho)
    return await _esperar_fim(page, canal, n0) - t0


async def _entrar(page, base: str, email: str, senha: str) -> None:
    await _abrir(page, base, "/entrar")
    await page.get_by_label("E-mail", exact=True).fill(email)
    await page.get_by_label("Senha", exact=True).fill(senha)
    await _clicar(page, page.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Entrar"))
    sair = page.get_by_test_id("stSidebar").get_by_role("button", name="Sair")
    await sair.wait_for(state="visible", timeout=60_000)


async def _excecoes(page) -> int:
    return await page.locator("[data-testid='stException']").count()


async def _medir_pesadas(
    navegador, base: str, pesadas: list[dict], publica: dict | None, conta, progresso: Progresso
) -> dict:
    """1ª e 2ª visita (clique no menu → fim do script) das páginas pesadas como administrador, e o painel
    público como visitante (1ª = carregar o endereço; 2ª = clique no menu vindo de Entrar)."""
    saida: dict = {}
    if pesadas and conta:
        ctx, page = await _nova_aba(navegador)
        try:
            await _entrar(page, base, conta[0], conta[1])
            for rodada in ("navegador_1a_s", "navegador_2a_s"):
                for p in pesadas:
                    try:
                        if _caminho_atual(page) == caminho_da_url(p["arquivo"], acesso.ADMIN):
                            await _clicar(page, link_do_menu(page, "Minha conta"))  # sair da página para poder voltar
                        p[rodada] = await _clicar(page, link_do_menu(page, p["titulo"]))
                    except Exception as exc:  # noqa: BLE001 - ex.: página que passa do limite; as outras seguem
                        p["erros"].append(f"navegador: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
                        progresso(f"  navegador: {p['titulo']} falhou ({p['erros'][-1]})")
                        continue
                    if await _excecoes(page):
                        p["erros"].append("caixa de exceção no navegador")
                    progresso(
                        f"  navegador, {'1ª' if rodada.endswith('1a_s') else '2ª'} visita: {p['titulo']} "
                        f"{numero(p[rodada], 2)} s"
                    )
        finally:
            await _fechar(ctx)
    if publica is not None:
        # o piso de uma carga nova: a página Entrar (só um formulário) numa aba nova, que baixa e
        # interpreta o JavaScript do Streamlit como o visitante do painel público
        saida["entrar_carga_s"] = await _carga_em_aba_nova(navegador, base, "/entrar")
        ctx, page = await _nova_aba(navegador)
        try:
            publica["navegador_1a_s"] = saida["publico_carga_s"] = await _abrir(page, base, "/")
            await _clicar(page, link_do_menu(page, "Entrar"))
            publica["navegador_2a_s"] = await _clicar(page, link_do_menu(page, publica["titulo"]))
            progresso(
                f"  navegador, painel público: carga {numero(publica['navegador_1a_s'], 2)} s, clique "
                f"{numero(publica['navegador_2a_s'], 2)} s"
            )
        except Exception as exc:  # noqa: BLE001 - relatado; a medição de memória segue
            publica["erros"].append(f"navegador: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
            progresso(f"  navegador: painel público falhou ({publica['erros'][-1]})")
        finally:
            await _fechar(ctx)
        # a mesma carga nova com o cache do servidor já quente: o que resta é o navegador
        saida["publico_carga_quente_s"] = await _carga_em_aba_nova(navegador, base, "/")
        progresso(
            f"  navegador, carga em aba nova: Entrar {numero(saida['entrar_carga_s'], 2)} s, painel público "
            f"com o cache quente {numero(saida['publico_carga_quente_s'], 2)} s"
        )
    return saida


async def _carga_em_aba_nova(navegador, base: str, caminho: str) -> float | None:
    """Tempo de carregar `caminho` numa aba nova até o fim do script (None se falhar)."""
    ctx, page = await _nova_aba(navegador)
    try:
        return await _abrir(page, base, caminho)
    except Exception:  # noqa: BLE001 - só contexto para a medida principal
        return None
    finally:
        await _fechar(ctx)


async def _medir_abas_novas(navegador, base: str, conta, progresso: Progresso) -> dict:
    """Com o servidor recém-iniciado (caches frios): *Recursos* numa aba nova de quem já entrou
    (fria, depois quente) e a primeira abertura de `/painel` (a versão leve, HTML pronto) num
    navegador novo, do `goto` ao evento `load`."""
    saida: dict = {}
    ctx, page = await _nova_aba(navegador)
    try:
        await _entrar(page, base, conta[0], conta[1])
        caminho = caminho_da_url("paginas/recursos.py", acesso.ADMIN)
        for chave in ("recursos_aba_nova_s", "recursos_aba_nova_quente_s"):
            aba = await ctx.new_page()  # mesma sessão do navegador (cookie), aba nova
            aba._canal_bench = Canal()
            aba._canal_bench.ligar(aba)
            try:
                saida[chave] = await _abrir(aba, base, caminho)
            finally:
                await _fechar(aba)
        progresso(
            f"  navegador, Recursos numa aba nova: fria {numero(saida['recursos_aba_nova_s'], 2)} s, quente "
            f"{numero(saida['recursos_aba_nova_quente_s'], 2)} s"
        )
    except Exception as exc:  # noqa: BLE001 - relatado; as outras medidas seguem
        saida["recursos_aba_nova_erro"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    finally:
        await _fechar(ctx)
    ctx = await navegador.new_context(locale="pt-BR")
    try:
        page = await ctx.new_page()
        t0 = time.perf_counter()
        await page.goto(base + "/painel", wait_until="load")
        saida["painel_leve_s"] = time.perf_counter() - t0
        progresso(f"  navegador, /painel (versão leve) na primeira abertura: {numero(saida['painel_leve_s'], 2)} s")
    except Exception as exc:  # noqa: BLE001 - relatado; as outras medidas seguem
        saida["painel_leve_erro"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    finally:
        await _fechar(ctx)
    return saida


async def _sessao(navegador, base: str, perfil: str, conta, visitas: list, erros: list) -> None:
    """Uma sessão: entra (salvo visitante) e visita, pelo menu, todas as páginas do perfil."""
    papel = conta[2] if conta else acesso.PUBLICO
    ctx, page = await _nova_aba(navegador)
    try:
        if conta:
            await _entrar(page, base, conta[0], conta[1])
        else:
            await _abrir(page, base, "/")
        for arquivo, titulo, _, _ in acesso.paginas_do_papel(papel):
            if _caminho_atual(page) == caminho_da_url(arquivo, papel):
                continue  # já está nela (a página inicial)
            visitas.append((perfil, titulo, await _clicar(page, link_do_menu(page, titulo))))
    except Exception as exc:  # noqa: BLE001 - relatado; as outras sessões seguem
        erros.append(f"{perfil}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    finally:
        await _fechar(ctx)


async def _medir_async(
    base: str,
    pid: int,
    linhas: list[dict],
    *,
    contas: dict,
    perfis: list[str],
    sessoes: int,
    pesadas: int,
    progresso: Progresso,
) -> dict:
    from playwright.async_api import async_playwright  # importação tardia: Playwright é dependência de desenvolvimento

    r: dict = {"rss_inicial_mb": memoria_mb(pid)["rss_mb"]}
    internas = [p for p in linhas if p["perfil"] == acesso.ADMIN and p["frio_s"] is not None]
    escolhidas = sorted(internas, key=lambda p: -p["frio_s"])[:pesadas]
    publica = next((p for p in linhas if p["arquivo"] == "paginas/publico.py"), None)
    r["paginas_medidas"] = [p["titulo"] for p in escolhidas] + ([publica["titulo"]] if publica else [])
    async with async_playwright() as pw:
        navegador = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            r |= await _medir_abas_novas(navegador, base, contas["admin"][0], progresso)  # servidor ainda frio
            progresso(f"Navegador: {len(r['paginas_medidas'])} página(s), 1ª e 2ª visita…")
            r |= await _medir_pesadas(navegador, base, escolhidas, publica, contas["admin"][0], progresso)
            r["rss_apos_tempos_mb"] = memoria_mb(pid)["rss_mb"]
            usaveis = [p for p in perfis if p == "publico" or p in contas]
            if sessoes > 0 and usaveis:
                nomes = [usaveis[i % len(usaveis)] for i in range(sessoes)]
                progresso(
                    f"Memória: {sessoes} sessões simultâneas ({', '.join(nomes)}) visitando todas as páginas do perfil…"
                )
                visitas, erros = [], []
                t0, cpu0 = time.perf_counter(), cpu_s(pid)

                def conta(i: int, perfil: str):
                    if perfil == "publico":
                        return None
                    return contas[perfil][nomes[:i].count(perfil) % len(contas[perfil])]

                await asyncio.gather(
                    *[
                        _sessao(navegador, base, perfil, conta(i, perfil), visitas, erros)
                        for i, perfil in enumerate(nomes)
                    ]
                )
                m, cpu1 = memoria_mb(pid), cpu_s(pid)
                tempos = [v[2] for v in visitas]
                cpu_servidor = cpu1 - cpu0 if cpu0 is not None and cpu1 is not None else None
                r["memoria"] = {
                    "sessoes": sessoes,
                    "perfis": nomes,
                    "visitas": len(visitas),
                    "duracao_s": time.perf_counter() - t0,
                    "rss_inicial_mb": r["rss_inicial_mb"],
                    "pico_mb": m["pico_mb"],
                    "rss_final_mb": m["rss_mb"],
                    "visita_mediana_s": statistics.median(tempos) if tempos else None,
                    "visita_max_s": max(tempos) if tempos else None,
                    "visita_p95_s": percentil(tempos, 95),
                    # a CPU do servidor (um processo: o GIL o deixa perto de um núcleo) por página
                    # servida: o que limita quantas pessoas uma réplica atende
                    "cpu_servidor_s": cpu_servidor,
                    "cpu_por_visita_s": cpu_servidor / len(visitas) if cpu_servidor is not None and visitas else None,
                    "visitas_detalhe": [{"perfil": a, "pagina": b, "s": round(c, 3)} for a, b, c in visitas],
                    "erros": erros,
                }
            else:
                r["memoria"] = {"erro": "nenhum perfil com conta utilizável" if sessoes else "sessoes=0"}
        finally:
            await _fechar(navegador)
    return r


def medir(
    url: str,
    linhas: list[dict],
    *,
    contas: dict[str, list[tuple[str, str, str]]],
    perfis: list[str],
    sessoes: int,
    pesadas: int,
    progresso: Progresso,
) -> dict:
    """Sobe o servidor contra `url` (a cópia do banco medido, onde `criar_contas` criou as `contas`),
    mede as páginas pesadas (preenche `navegador_1a_s`/`navegador_2a_s` nas `linhas` do AppTest) e a
    memória com `sessoes` sessões simultâneas. Sem Chromium ou Playwright, devolve {"pulado": motivo}."""
    if not CHROMIUM.exists():
        return {"pulado": f"Chromium não encontrado em {CHROMIUM}"}
    try:
        import playwright.async_api  # noqa: F401 - importação tardia: confere se o Playwright está instalado
    except ImportError:
        return {"pulado": "pacote playwright não instalado (pip install -r requirements-dev.txt)"}
    if "admin" not in contas:
        return {"erro": "sem a conta de administrador do benchmark"}
    with tempfile.TemporaryDirectory(prefix="bench_servidor_") as pasta:
        progresso("Navegador: iniciando o servidor Streamlit…")
        try:
            with servidor(url, Path(pasta)) as (base, pid):
                r = asyncio.run(
                    _medir_async(
                        base,
                        pid,
                        linhas,
                        contas=contas,
                        perfis=perfis,
                        sessoes=sessoes,
                        pesadas=pesadas,
                        progresso=progresso,
                    )
                )
                r["servidor"] = base
                return r
        except Exception as exc:  # noqa: BLE001 - relatado no resultado; o resto do benchmark segue
            log = fim_do_log(Path(pasta) / "streamlit.log", 15)
            progresso(f"Navegador: falhou ({type(exc).__name__}: {str(exc).splitlines()[0][:300]})")
            return {"erro": f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}", "log": log}
