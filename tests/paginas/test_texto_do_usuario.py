"""Texto digitado é texto (issue #16, item 2), pelo `app.py` com o AppTest: com cargas hostis em
todos os campos de texto livre (`tests/apoio/cargas.py`), o visitante e cada perfil abrem cada página
do seu menu, e nenhum texto que o Streamlit desenha como markdown (títulos, legendas, avisos,
rótulos de métricas e de expansores) leva a carga sem escape: ela só aparece com as barras de
`ui.comum.texto_md`, que a fazem sair como texto. O teste de navegador confere o desenho."""

from __future__ import annotations

import re
import sqlite3

import pytest
from sqlmodel import select

from core import acesso
from core.banco import sessao
from models.usuarios import Usuario
from tests.apoio.cargas import semear_cargas
from tests.apoio.contas import PERFIS
from tests.apoio.paginas import abrir, sem_excecao
from tests.conftest import usar_banco

# pedaços das cargas que só existem se o texto entrou no markdown sem escape
SEM_ESCAPE = re.compile(r"!\[x\]\(|(?<!\\)\[y\]\(javascript|(?<!\\)<(img|script)|(?<!\\):red\[z|(?<!\\)\$x\^2")
TIPOS_MARKDOWN = ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader")


@pytest.fixture(scope="module")
def banco_com_cargas(tmp_path_factory, _modelo_sqlite):
    from tests.apoio.painel import publicar

    destino = tmp_path_factory.mktemp("cargas_apptest") / "cargas.sqlite3"
    with sqlite3.connect(_modelo_sqlite) as origem, sqlite3.connect(destino) as copia:
        origem.backup(copia)
    url = f"sqlite:///{destino}"
    with usar_banco(url):
        assert semear_cargas() > 40
        publicar()
        yield url


def test_o_detector_acha_a_carga_sem_escape():
    from tests.apoio.cargas import CARGA
    from ui.comum import texto_md

    assert SEM_ESCAPE.search(CARGA)
    assert not SEM_ESCAPE.search(texto_md(CARGA))


def _textos_markdown(at) -> list[str]:
    textos = [str(e.value) for tipo in TIPOS_MARKDOWN for e in at.get(tipo)]
    textos += [str(m.label) for m in at.metric] + [str(m.help or "") for m in at.metric]
    textos += [str(e.label) for e in at.expander]
    return textos


PAPEIS = {"publico": acesso.PUBLICO, "admin": acesso.ADMIN, "dmf": acesso.DMF, "cnmp": acesso.CNMP}


def _casos():
    for perfil in PERFIS:
        for arquivo, *_ in acesso.paginas_do_papel(PAPEIS.get(perfil, acesso.PONTO_FOCAL)):
            yield pytest.param(perfil, arquivo, id=f"{perfil}-{arquivo.split('/')[1][:-3]}")


@pytest.mark.parametrize("perfil,arquivo", list(_casos()))
def test_carga_nunca_entra_no_markdown_sem_escape(banco_com_cargas, perfil, arquivo):
    usuario = None
    if PERFIS[perfil] is not None:
        with sessao() as s:
            usuario = s.exec(select(Usuario).where(Usuario.email == PERFIS[perfil])).one()
    at = abrir(usuario)
    sem_excecao(at)
    at.switch_page(arquivo).run()
    sem_excecao(at)
    vazados = [t[:160] for t in _textos_markdown(at) if SEM_ESCAPE.search(t)]
    assert vazados == []
