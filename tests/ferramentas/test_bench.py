"""Benchmark (`manage.py bench`) em tamanho mínimo, como teste de fumaça: nenhum tempo é
afirmado. Roda uma vez por módulo numa cópia do banco de demonstração (500 linhas de importação,
2 sessões de navegador) e confere a forma do resultado: uma linha por página com tempos
numéricos, a tabela em markdown impressa, o JSON gravado, a importação medida e o banco medido
intocado. A parte de navegador roda só com o Chromium do Debian; sem ele, o teste dela é pulado
com o motivo (com CI=true, falha: o CI deve tê-lo).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys

import pytest

from comum.formatos import numero
from core import acesso
from tests.apoio.banco import contar
from tests.conftest import RAIZ, usar_banco

pytestmark = [pytest.mark.bench, pytest.mark.timeout(1200)]


def _motivo_sem_navegador() -> str | None:
    from ferramentas.bench_navegador import CHROMIUM

    if not CHROMIUM.exists():
        return f"Chromium não encontrado em {CHROMIUM} (instale com `apt-get install -y chromium`)"
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "pacote playwright não instalado (pip install -r requirements-dev.txt)"
    return None


def _contagens() -> dict[str, int]:
    from models.recursos import FluxoRecurso
    from models.usuarios import RegistroAuditoria, Usuario

    return {m.__tablename__: contar(m) for m in (Usuario, FluxoRecurso, RegistroAuditoria)}


@pytest.fixture(scope="module")
def copia(tmp_path_factory, _modelo_sqlite) -> str:
    """Cópia só deste módulo do banco de demonstração (como `banco_limpo`, mas para vários testes)."""
    destino = tmp_path_factory.mktemp("bench") / "bench.sqlite3"
    with sqlite3.connect(_modelo_sqlite) as origem, sqlite3.connect(destino) as c:
        origem.backup(c)
    return f"sqlite:///{destino}"


@pytest.fixture(scope="module")
def bench(copia, tmp_path_factory):
    """Roda o benchmark uma vez; devolve (resultado, texto impresso, caminho do JSON, contagens antes e depois)."""
    from ferramentas.bench import executar_bench

    saida = tmp_path_factory.mktemp("bench_saida") / "bench.json"
    with usar_banco(copia):
        antes = _contagens()
        impresso = io.StringIO()
        with contextlib.redirect_stdout(impresso):
            r = executar_bench(
                copia,
                navegador=_motivo_sem_navegador() is None,
                linhas_importacao=500,
                sessoes=2,
                perfis=("pf_escritorio", "publico"),
                saida_json=saida,
            )
        depois = _contagens()
    return r, impresso.getvalue(), saida, antes, depois


def test_uma_linha_por_pagina_com_tempos_numericos(bench):
    r = bench[0]
    assert [p["arquivo"] for p in r["paginas"]] == [p[0] for p in acesso.PAGINAS]
    for p in r["paginas"]:
        assert not p["erros"], (p["arquivo"], p["erros"])
        for campo in ("frio_s", "quente_s", "sql_pagina_s", "sql_bruto_s"):
            assert isinstance(p[campo], float) and p[campo] >= 0, (p["arquivo"], campo, p[campo])
        assert p["consultas"] > 0  # ao menos o roteador consulta o banco
    perfis = {p["arquivo"]: p["perfil"] for p in r["paginas"]}
    assert perfis["paginas/publico.py"] == perfis["paginas/entrar.py"] == acesso.PUBLICO
    assert perfis["paginas/minha_unidade.py"] == acesso.PONTO_FOCAL
    assert perfis["paginas/usuarios.py"] == perfis["paginas/recursos.py"] == acesso.ADMIN


def test_json_gravado_igual_ao_resultado(bench):
    r, _, saida, *_ = bench
    gravado = json.loads(saida.read_text(encoding="utf-8"))
    assert [p["arquivo"] for p in gravado["paginas"]] == [p["arquivo"] for p in r["paginas"]]
    assert gravado["maquina"]["cpus"] >= 1 and gravado["maquina"]["banco"]["tipo"] == "sqlite"
    assert gravado["maquina"]["banco"]["linhas"]["fluxo_recurso"] > 0
    assert gravado["orcamento"]["quente_s"] == 0.5


def test_tabela_markdown_impressa(bench):
    r, impresso, *_ = bench
    assert impresso.strip() == r["markdown"].strip()
    linhas = impresso.splitlines()
    cab = next(i for i, linha in enumerate(linhas) if linha.startswith("| página | perfil | frio s"))
    assert linhas[cab + 1].startswith("|---|")
    corpo = [linha for linha in linhas[cab + 2 :] if linha.startswith("| ")]
    assert [linha.split(" | ")[0][2:] for linha in corpo] == [p[1] for p in acesso.PAGINAS]
    assert all(("✅" in linha or "❌" in linha) for linha in corpo)
    assert "Importação de fluxos" in impresso and "linhas/s" in impresso
    assert "Máquina:" in impresso and "Banco: SQLite" in impresso
    # a referência da máquina (laço fixo de Python) sai no JSON e na linha da máquina
    assert r["maquina"]["referencia_s"] > 0
    assert f"5 milhões de somas em Python em {numero(r['maquina']['referencia_s'], 2)} s de CPU" in impresso


def test_importacao_medida_e_banco_medido_intocado(bench):
    r, _, _, antes, depois = bench
    imp = r["importacao"]
    assert "erro" not in imp, imp
    assert imp["incluidas"] == 500 and imp["ja_existentes"] == 0 and imp["linhas_por_s"] > 0
    # importação, contas do benchmark e logins (auditados) foram para a cópia descartável
    assert depois == antes


def test_termina_com_a_linha_de_orcamentos_coerente_com_o_json(bench):
    from ferramentas.bench import ORCAMENTOS

    r, impresso, saida, *_ = bench
    ultima = impresso.strip().splitlines()[-1]
    m = re.match(r"orçamentos: (\d+) de (\d+) cumpridos", ultima)
    assert m, ultima
    cumpridos, medidos = int(m.group(1)), int(m.group(2))
    vereditos = json.loads(saida.read_text(encoding="utf-8"))["orcamentos"]
    assert [v["chave"] for v in vereditos] == [o.chave for o in ORCAMENTOS]
    assert cumpridos == sum(v["situacao"] == "cumprido" for v in vereditos) <= medidos
    assert medidos == sum(v["situacao"] != "não medido" for v in vereditos)
    assert r["orcamentos_resumo"]["linha"] == ultima
    # cada não cumprido aparece na linha, nenhum cumprido aparece
    for v in vereditos:
        assert (v["descricao"] in ultima) == (v["situacao"] == "não cumprido"), (v, ultima)
    # páginas, razão SQL (ao menos a página mais pesada lê 50 ms?) e lado a lado sempre medidos aqui
    situacao = {v["chave"]: v["situacao"] for v in vereditos}
    assert situacao["frio_s"] != "não medido" and situacao["quente_s"] != "não medido"
    assert situacao["lado_a_lado_x"] != "não medido" and situacao["importacao_linhas_s"] != "não medido"
    assert situacao["memoria_mb"] == "não medido"  # 2 sessões: o orçamento é o de 10, não conta
    assert "Não medidos nesta rodada (não contam):" in impresso


def test_lado_a_lado_mede_as_duas_paginas_no_mesmo_banco(bench):
    lado = bench[0]["lado_a_lado"]
    assert "erro" not in lado, lado
    assert lado["ingenua_s"] > 0 and lado["recursos_frio_s"] > 0
    assert lado["razao"] == pytest.approx(lado["ingenua_s"] / lado["recursos_frio_s"])
    assert "Lado a lado" in bench[1] and "página ingênua" in bench[1]


def test_julgar_orcamentos_conta_so_o_medido():
    from ferramentas.bench import julgar_orcamentos, linhas_de_orcamento

    nada = julgar_orcamentos({})
    assert {v["situacao"] for v in nada} == {"não medido"}
    assert linhas_de_orcamento(nada)[-1] == "orçamentos: 0 de 0 cumpridos"
    r = {
        "paginas": [
            {"titulo": "Recursos", "frio_s": 3.0, "quente_s": 0.2, "razao_sql": 2.0, "sql_pagina_s": 0.01},
            {"titulo": "Entrar", "frio_s": 0.1, "quente_s": 0.1, "razao_sql": None, "sql_pagina_s": None},
        ],
        "importacao": {"linhas_por_s": 25_000.0},
        "navegador": {"memoria": {"sessoes": 10, "pico_mb": 700.0}, "painel_leve_s": 0.4},
        "lado_a_lado": {"razao": 9.0},
    }
    v = {x["chave"]: x for x in julgar_orcamentos(r)}
    assert v["frio_s"]["situacao"] == "não cumprido" and v["frio_s"]["fora"] == [{"o_que": "Recursos", "valor": 3.0}]
    assert v["quente_s"]["situacao"] == "cumprido"
    assert v["razao_sql"]["situacao"] == "não medido"  # 10 ms de SQL: ruído, não julgado
    assert v["importacao_linhas_s"]["situacao"] == "cumprido"
    assert v["importacao_xlsx_linhas_s"]["situacao"] == "não medido"
    assert v["memoria_mb"]["situacao"] == "não cumprido" and v["painel_leve_s"]["situacao"] == "cumprido"
    assert v["lado_a_lado_x"]["situacao"] == "não cumprido"
    ultima = linhas_de_orcamento(list(v.values()))[-1]
    assert ultima.startswith("orçamentos: 3 de 6 cumpridos — não cumpridos: página fria")
    assert "Recursos 3,00 s" in ultima and "10 sessões 700 MB" in ultima and "9,0 ×" in ultima


def test_navegador_e_memoria(bench):
    motivo = _motivo_sem_navegador()
    if motivo is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{motivo} (no CI a parte de navegador do benchmark é obrigatória)")
        pytest.skip(motivo)
    r = bench[0]
    nav = r["navegador"]
    assert "erro" not in nav and "pulado" not in nav, nav
    medidas = [p for p in r["paginas"] if p.get("navegador_1a_s") is not None]
    assert len(medidas) == 6 and "paginas/publico.py" in [p["arquivo"] for p in medidas]
    for p in medidas:
        assert p["navegador_1a_s"] > 0 and p["navegador_2a_s"] > 0
    # servidor frio: Recursos numa aba nova (mesma sessão do navegador) e a versão leve /painel
    assert nav["recursos_aba_nova_s"] > 0 and nav["recursos_aba_nova_quente_s"] > 0, nav
    assert nav["painel_leve_s"] > 0, nav
    situacao = {v["chave"]: v["situacao"] for v in r["orcamentos"]}
    assert situacao["navegador_s"] != "não medido" and situacao["painel_leve_s"] != "não medido"
    mem = nav["memoria"]
    assert mem["sessoes"] == 2 and mem["perfis"] == ["pf_escritorio", "publico"] and not mem["erros"], mem
    # cada sessão visita as páginas do seu menu, menos a inicial, já aberta (o painel, para o visitante)
    paginas_pf = len(acesso.paginas_do_papel(acesso.PONTO_FOCAL)) - 1
    paginas_visitante = len(acesso.paginas_do_papel(acesso.PUBLICO)) - 1
    assert mem["visitas"] == paginas_pf + paginas_visitante
    assert mem["pico_mb"] >= mem["rss_final_mb"] > 0
    # o que limita uma réplica: a CPU do servidor por página servida, e o p95 das visitas
    assert mem["cpu_servidor_s"] > 0 and mem["cpu_por_visita_s"] == mem["cpu_servidor_s"] / mem["visitas"]
    tempos = sorted(v["s"] for v in mem["visitas_detalhe"])  # arredondados a 1 ms no detalhe
    assert tempos[0] - 0.001 <= mem["visita_p95_s"] <= tempos[-1] + 0.001
    assert "s por visita" in r["markdown"] and "p95" in r["markdown"]


def test_cpu_e_percentil_do_servidor():
    from ferramentas.bench_navegador import cpu_s, percentil

    antes = cpu_s(os.getpid())
    sum(i * i for i in range(2_000_000))  # gasta CPU de verdade
    assert antes is not None and cpu_s(os.getpid()) > antes
    assert cpu_s(2**22 + 7) is None  # processo que não existe
    valores = [float(v) for v in range(1, 21)]  # 1..20
    assert percentil(valores, 95) == 19.0 and percentil(valores, 50) == 10.0 and percentil(valores, 100) == 20.0
    assert percentil([3.0], 95) == 3.0 and percentil([], 95) is None


def test_cli_bench(copia, tmp_path):
    env = {**os.environ, "DATABASE_URL": "sqlite:////caminho/que/nao/existe.sqlite3"}  # --url manda
    saida = tmp_path / "cli.json"
    p = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "bench",
            "--url",
            copia,
            "--sem-navegador",
            "--linhas-importacao",
            "0",
            "--paginas",
            "entrar,conta",
            "--saida",
            str(saida),
        ],
        cwd=RAIZ,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    assert "| Entrar | publico |" in p.stdout and "| Minha conta | admin |" in p.stdout
    assert "Páginas pelo AppTest (2)" in p.stderr  # progresso em português, fora da tabela
    assert [x["arquivo"] for x in json.loads(saida.read_text())["paginas"]] == ["paginas/entrar.py", "paginas/conta.py"]

    p = subprocess.run(
        [sys.executable, "manage.py", "bench", "--url", copia, "--paginas", "naoexiste"],
        cwd=RAIZ,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 1 and "página(s) desconhecida(s): naoexiste" in p.stderr

    p = subprocess.run(
        [sys.executable, "manage.py", "bench", "--escala", "--url", copia],
        cwd=RAIZ,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 1 and "use --escala" in p.stderr and "não os dois" in p.stderr
