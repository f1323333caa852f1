"""Cache dos agregados de leitura (`st.cache_data`) e a sua invalidação quando o processo grava.

Único módulo de `core`, `comum` e `dominio` que importa o Streamlit: os domínios declaram as
consultas em cache com `agregado_em_cache` e não sabem de onde vem o cache (o contrato do
import-linter em pyproject.toml confere)."""

from __future__ import annotations

import logging
import sys
import threading

from sqlalchemy import event
from sqlmodel import Session
from streamlit import cache_data, cache_resource

from core.config import obter_config


class _SemAvisoDeImportacao(logging.Filter):
    """Ao decorar uma função, o `st.cache_data` confere os parâmetros do cache num gerenciador em
    memória provisório e avisa “No runtime found, using MemoryCacheStorageManager” se o servidor
    ainda não existe — e não existe enquanto o `asgi.py` importa os módulos (27 avisos em inglês a
    cada partida, no log do operador). O cache de verdade é criado na primeira chamada, já com o
    servidor no ar; o aviso não diz nada. Só essa mensagem é descartada."""

    def filter(self, registro: logging.LogRecord) -> bool:
        return not registro.getMessage().startswith("No runtime found")


logging.getLogger("streamlit.runtime.caching.cache_data_api").addFilter(_SemAvisoDeImportacao())

TTL_CACHE = 300  # segundos de vida dos agregados em `st.cache_data`; as gravações os limpam antes

_TRAVAS_CACHE: dict[tuple, threading.Lock] = {}
_TRAVA_DAS_TRAVAS = threading.Lock()


# caches por tabela de que dependem (ver `agregado_em_cache(tabelas=...)`)
_CACHES_POR_TABELA: dict[str, list] = {}


def agregado_em_cache(funcao=None, *, tabelas: tuple[str, ...] = (), max_entries: int = 256):
    """`st.cache_data` com TTL (`TTL_CACHE`) para uma consulta agregada só de leitura cujo primeiro
    argumento é a URL do banco (um processo pode servir a mais de um banco: testes, benchmark),
    limpo quando o processo grava.

    `tabelas`: as tabelas que a consulta lê. Com elas, só uma gravação numa dessas tabelas limpa
    este cache (com um milhão de fluxos, refazer os agregados de recursos custa segundos, e
    centenas de pontos focais gravando indicadores não devem refazê-los); sem elas, qualquer
    gravação limpa.

    Chamadas simultâneas com os mesmos argumentos calculam uma vez só: a segunda espera a
    primeira e lê o cache. Sem isso, dez sessões abrindo a mesma página fria calculavam dez vezes
    o mesmo agregado, ao mesmo tempo, cada uma com o seu resultado em memória (picos de 800 MB
    no benchmark com um milhão de fluxos). Os argumentos precisam ser imutáveis (tuplas, datas)."""

    def decorar(f):
        cacheada = cache_data(ttl=TTL_CACHE, show_spinner=False, max_entries=max_entries)(f)
        for tabela in tabelas:
            _CACHES_POR_TABELA.setdefault(tabela, []).append(cacheada)
        if not tabelas:
            _CACHES_POR_TABELA.setdefault("*", []).append(cacheada)

        def chamar(*args):
            chave = (f.__module__, f.__qualname__, args)
            with _TRAVA_DAS_TRAVAS:
                if len(_TRAVAS_CACHE) > 4096:  # só chaves antigas; quem espera guarda a sua trava
                    _TRAVAS_CACHE.clear()
                trava = _TRAVAS_CACHE.setdefault(chave, threading.Lock())
            with trava:
                return cacheada(*args)

        chamar.__name__, chamar.__qualname__, chamar.__doc__ = f.__name__, f.__qualname__, f.__doc__
        chamar.__wrapped__ = f
        chamar.clear = cacheada.clear
        return chamar

    return decorar(funcao) if funcao is not None else decorar


def limpar_caches_de(tabelas) -> None:
    """Esvazia os caches que dependem de alguma das `tabelas` e os que não declararam tabelas.
    `tabelas` vazio ou None: todos (`limpar_caches`). Todo `st.cache_data` do sistema passa por
    `agregado_em_cache` (o teste `test_todo_cache_passa_pelo_decorador` confere)."""
    if not tabelas:
        limpar_caches()
        return
    alvo = set(tabelas) | {"*"}
    for tabela, lista in _CACHES_POR_TABELA.items():
        if tabela in alvo:
            for cacheada in lista:
                cacheada.clear()


def limpar_caches_do_sistema() -> None:
    """`st.cache_data`, `st.cache_resource` e os `lru_cache` dos módulos do projeto (`core`, `comum`, `dominio`, `ui`) (menos a
    configuração, que não é cache de dados)."""
    limpar_caches()
    cache_resource.clear()
    for nome, modulo in list(sys.modules.items()):
        if not nome.startswith(("core.", "comum.", "dominio.", "ui.")) or modulo is None:
            continue
        for valor in list(vars(modulo).values()):
            if valor is obter_config or not callable(getattr(valor, "cache_clear", None)):
                continue
            if getattr(valor, "__module__", None) == nome:  # só os definidos no próprio módulo
                valor.cache_clear()


def limpar_caches() -> None:
    """Esvazia os caches de consulta deste processo (`st.cache_data`)."""
    cache_data.clear()


@event.listens_for(Session, "after_commit")
def _limpar_apos_gravar(s: Session) -> None:
    """Toda transação que gravou algo invalida os agregados em cache deste processo que dependem
    das tabelas gravadas (`auditoria` anota quais)."""
    tabelas = s.info.pop("alterou", None)
    if tabelas:
        limpar_caches_de(tabelas if isinstance(tabelas, (set, frozenset)) else None)
