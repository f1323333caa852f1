"""Abrir o sistema pelo `app.py` no AppTest, como cada perfil, e conferir que nada falhou."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import APP


def abrir(usuario=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if usuario is not None:
        at.session_state["usuario_id"] = usuario.id
    return at.run()


def sem_excecao(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def prefixo(at: AppTest, base: str) -> str:
    """Prefixo atual das chaves do formulário `base` (a geração muda a cada gravação ou
    recarga: ver ui.comum.prefixo_formulario)."""
    chave = f"_geracao_{base}"
    geracao = at.session_state[chave] if chave in at.session_state else 0
    return base if geracao == 0 else f"{base}~{geracao}"
