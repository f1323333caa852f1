"""Nenhum visitante vê as entranhas do sistema (issue #16): banco fora do ar, erro do driver, defeito
numa página e banco ocupado viram mensagens em pt-BR com uma referência; os detalhes vão para o log
com a mesma referência. Tudo pelo `app.py`, como um visitante."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing

import pytest
from sqlalchemy.exc import OperationalError
from streamlit.testing.v1 import AppTest

from tests.apoio.paginas import abrir, erros, sem_excecao
from tests.conftest import APP, usar_banco

# o que não pode aparecer na tela: URL, usuário, senha, base, driver e mensagens em inglês
INTERNOS = ("127.0.0.1", "pnat_app", "segredo-xyz", "pnat_producao", "psycopg", "connection", "refused", "Error")


def _referencia(texto: str) -> str:
    achadas = re.findall(r"ERRO-[0-9A-F]{8}", texto)
    assert achadas, f"sem referência na tela: {texto}"
    return achadas[0]


def _tela(at: AppTest) -> str:
    return " ".join([erros(at)] + [m.value for m in at.markdown] + [w.value for w in at.warning])


def test_postgres_fora_do_ar_nao_mostra_url_usuario_nem_driver(caplog):
    """Ataque do issue #16: com o PostgreSQL fora do ar, o visitante via URL, usuário, base e o
    erro do driver."""
    url = "postgresql+psycopg://pnat_app:segredo-xyz@127.0.0.1:1/pnat_producao"
    with usar_banco(url), caplog.at_level("ERROR", logger="pnat.erros"):
        at = AppTest.from_file(APP, default_timeout=60).run()
    sem_excecao(at)
    tela = _tela(at)
    assert "Não foi possível conectar ao banco de dados" in tela
    for interno in INTERNOS:
        assert interno not in tela, interno
    ref = _referencia(tela)
    registro = next(r for r in caplog.records if ref in r.getMessage())
    assert "127.0.0.1" in registro.getMessage() and "segredo-xyz" not in registro.getMessage()  # o log tem o detalhe


@pytest.mark.parametrize(
    ("erro", "mensagem"),
    [
        (
            OperationalError("SELECT 1", {}, Exception("server at 127.0.0.1 user pnat_app: connection refused")),
            "O banco de dados não respondeu como deveria",
        ),
        (
            OperationalError("UPDATE fundo_municipal SET versao=2", {}, sqlite3.OperationalError("database is locked")),
            "O banco de dados está ocupado com outra gravação longa",
        ),
        (RuntimeError("Error: pnat_producao em 127.0.0.1"), "Ocorreu um erro interno"),
    ],
    ids=["driver", "ocupado", "defeito"],
)
def test_erro_nao_tratado_vira_mensagem_com_referencia(erro, mensagem, monkeypatch, caplog):
    from dominio.publico import consultas

    def quebrado():
        raise erro

    monkeypatch.setattr(consultas, "dados_ficticios", quebrado)
    with caplog.at_level("ERROR", logger="pnat.erros"):
        at = abrir()
    sem_excecao(at)
    tela = _tela(at)
    assert mensagem in tela
    for interno in INTERNOS:
        assert interno not in tela, interno
    ref = _referencia(tela)
    registro = next(r for r in caplog.records if ref in r.getMessage())
    assert registro.exc_info is not None and registro.exc_info[1] is erro  # traceback completo no log


def test_login_com_banco_ocupado_diz_o_que_fazer(banco_limpo, monkeypatch):
    """Ataque do issue #16: uma entrada durante uma importação grande mostrava, depois de 11 s, um
    `OperationalError` em inglês. Agora, depois das novas tentativas, uma mensagem em pt-BR que
    diz o que fazer; e sem a trava, a mesma entrada passa."""
    from core import banco

    monkeypatch.setattr(banco, "ESPERA_SQLITE_MS", 200)  # o motor deste banco ainda não foi criado
    arquivo = banco_limpo.removeprefix("sqlite:///")
    at = abrir().switch_page("paginas/entrar.py").run()
    at.text_input[0].input("dmf@demo.pnat.jus.br")
    at.text_input[1].input("Demo-Dmf-2023")
    with closing(sqlite3.connect(arquivo, isolation_level=None)) as importacao:
        importacao.execute("BEGIN IMMEDIATE")  # a importação grande segura a escrita
        at.button[0].click().run()
        importacao.execute("ROLLBACK")
    sem_excecao(at)
    assert "O banco de dados está ocupado" in erros(at) and "tente de novo" in erros(at)
    assert "locked" not in erros(at) and "Error" not in erros(at)
    assert at.session_state["usuario_id"] is None
    at.button[0].click().run()
    sem_excecao(at)
    assert not erros(at)
    assert "Entrando…" in [i.value for i in at.info]  # a sessão foi criada: o navegador vai à rota do cookie
