"""Cache dos agregados (`core.cache.agregado_em_cache`): por argumentos, limpo a cada gravação,
e chamadas simultâneas da mesma chave calculam uma vez só."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from core.cache import agregado_em_cache, limpar_caches


def test_chamadas_simultaneas_da_mesma_chave_calculam_uma_vez():
    chamadas: list[int] = []
    contador = threading.Lock()

    @agregado_em_cache
    def _lento(url: str, x: int) -> int:
        with contador:
            chamadas.append(x)
        time.sleep(0.3)
        return x * 2

    with ThreadPoolExecutor(8) as ex:
        resultados = list(ex.map(lambda _: _lento("sqlite://", 21), range(8)))
    assert resultados == [42] * 8
    assert chamadas == [21], "oito sessões ao mesmo tempo, um só cálculo"
    assert _lento("sqlite://", 22) == 44 and chamadas == [21, 22], "outra chave calcula"
    assert _lento("sqlite://", 21) == 42 and chamadas == [21, 22], "a mesma chave vem do cache"
    limpar_caches()
    assert _lento("sqlite://", 21) == 42 and chamadas == [21, 22, 21], "limpo (como numa gravação), recalcula"


def test_chaves_diferentes_calculam_em_paralelo():
    """A espera é só entre chamadas da mesma chave: filtros diferentes não fazem fila. As quatro
    chamadas se encontram numa barreira; se uma esperasse a outra, a barreira estouraria."""
    barreira = threading.Barrier(4, timeout=30)

    @agregado_em_cache
    def _encontro(url: str, x: int) -> int:
        barreira.wait()
        return x

    with ThreadPoolExecutor(4) as ex:
        assert sorted(ex.map(lambda x: _encontro("sqlite://", x), range(4))) == [0, 1, 2, 3]


def test_gravar_limpa_so_os_caches_das_tabelas_gravadas(banco_limpo, demo_usuarios):
    """Um agregado de recursos sobrevive à gravação de um Grupo (ou de indicadores, ou a um
    login); some com a gravação de um fluxo. Um cache sem tabelas declaradas some com qualquer
    gravação."""
    from datetime import date

    from dominio.cadastros import servicos as registros
    from dominio.recursos import servicos as recursos
    from tests.apoio.fluxos import doacao

    dmf = demo_usuarios["dmf"]
    chamadas: list[str] = []

    @agregado_em_cache(tabelas=recursos.TABELAS_RECURSOS)
    def _de_recursos(url: str) -> int:
        chamadas.append("recursos")
        return 1

    @agregado_em_cache
    def _de_tudo(url: str) -> int:
        chamadas.append("tudo")
        return 1

    _de_recursos("x"), _de_tudo("x")
    g = registros.tabela_grupos(dmf).iloc[0]
    grupo = registros.obter(dmf, "grupo", int(g["id"]))
    dados = registros.DadosGrupo(
        uf_sigla=grupo.uf_sigla,
        status=grupo.status,
        ato_criacao=grupo.ato_criacao,
        data_criacao=grupo.data_criacao,
        instituicoes_membro=grupo.instituicoes_membro,
        contato_pontos_focais="novo contato",
        observacoes=grupo.observacoes,
    )
    registros.salvar(dmf, "grupo", dados, ident=grupo.id, versao=grupo.versao)
    _de_recursos("x"), _de_tudo("x")
    assert chamadas == ["recursos", "tudo", "tudo"], "gravar um Grupo não refaz os agregados de recursos"

    recursos.salvar_fluxo(dmf, doacao("Doador (teste de cache)"), hoje=date(2024, 6, 30))
    _de_recursos("x"), _de_tudo("x")
    assert chamadas == ["recursos", "tudo", "tudo", "recursos", "tudo"], "gravar um fluxo refaz os dois"


def test_todo_cache_passa_pelo_decorador():
    """Todo `st.cache_data` do sistema passa por `agregado_em_cache` (trava de chamada única e
    limpeza por tabela): nenhum módulo o usa direto."""
    from pathlib import Path

    raiz = Path(__file__).resolve().parents[2]
    diretos = [
        str(f.relative_to(raiz))
        for pasta in ("core", "comum", "dominio", "paginas", "ui")
        for f in (raiz / pasta).rglob("*.py")
        if "cache_data(" in f.read_text(encoding="utf-8") and f.relative_to(raiz).as_posix() != "core/cache.py"
    ]
    assert diretos == []
