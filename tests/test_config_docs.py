"""Configuração lida na hora (não na importação), documentação que não apodrece
(docs/operacao.md cita toda variável e todo comando; o CI roda o comando do README),
dados de referência e de demonstração."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlmodel import func, select

from core.config import Config, limpar_config, obter_config

RAIZ = Path(__file__).resolve().parent.parent
README = (RAIZ / "README.md").read_text(encoding="utf-8")
OPERACAO = (RAIZ / "docs" / "operacao.md").read_text(encoding="utf-8")


def test_url_do_banco_vem_do_ambiente_na_hora(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/outro.sqlite3")
    limpar_config()
    try:
        assert obter_config().database_url == "sqlite:////tmp/outro.sqlite3"
    finally:
        monkeypatch.undo()
        limpar_config()
    assert obter_config().database_url != "sqlite:////tmp/outro.sqlite3"


def test_padrao_e_sqlite_em_pasta_ignorada_pelo_git(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("MODO_DEMO", raising=False)
    cfg = Config(_env_file=None)
    assert cfg.database_url.endswith("/var/pnat.sqlite3") and cfg.eh_sqlite
    assert "/var/" in (RAIZ / ".gitignore").read_text()
    assert cfg.modo_demo is False


def test_streamlit_sem_vigia_de_arquivos():
    """Produção: nenhum observador de arquivos por sessão (~0,5 s do servidor por aba nova) — e o
    Streamlit lê a opção do arquivo. A coleta de lixo depois de cada execução continua ligada."""
    import tomllib

    from streamlit import config as st_config

    arquivo = tomllib.loads((RAIZ / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert arquivo["server"]["fileWatcherType"] == "none"
    st_config.get_config_options(force_reparse=True, options_from_flags={})
    try:
        assert st_config.get_option("server.fileWatcherType") == "none"
        assert st_config.get_option("runner.postScriptGC") is True
    finally:
        st_config.get_config_options(force_reparse=True)


def test_servidor_congela_os_modulos_antes_da_primeira_sessao():
    """`asgi.py` carrega os módulos que as páginas usam e os tira das coletas de lixo (`gc.freeze`):
    a coleta que o Streamlit faz depois de cada execução percorre só o que as sessões criaram."""
    import subprocess
    import sys

    codigo = (
        "import gc, sys, asgi; "
        "print(gc.get_freeze_count(), 'dominio.recursos.servicos' in sys.modules, 'ui.graficos' in sys.modules)"
    )
    saida = subprocess.run(
        [sys.executable, "-c", codigo], cwd=RAIZ, capture_output=True, text=True, timeout=120, check=True
    ).stdout.split()
    assert int(saida[0]) > 100_000 and saida[1:] == ["True", "True"]


def test_operacao_documenta_toda_configuracao():
    for nome in Config.model_fields:
        if nome == "segredo_sessao":
            continue  # reservado, sem efeito hoje
        assert f"`{nome.upper()}`" in OPERACAO, f"docs/operacao.md não documenta {nome.upper()}"


def test_operacao_documenta_todo_comando_da_cli():
    import manage

    parser = manage.montar_parser()
    grupos = parser._subparsers._group_actions[0].choices
    for grupo, sub in grupos.items():
        acoes = sub._subparsers._group_actions[0].choices if sub._subparsers else {None: None}
        for acao in acoes:
            comando = f"`{grupo} {acao}" if acao else f"`{grupo}"
            assert comando in OPERACAO, f"docs/operacao.md não documenta {comando}`"


def test_ci_roda_exatamente_o_comando_de_testes_do_readme():
    blocos = re.findall(r"```bash\n(.*?)```", README, re.S)
    comandos = [linha for linha in blocos[0].splitlines() if linha and not linha.startswith("#")]
    assert len(comandos) == 2 and "manage.py run --demo" in comandos[0] and "pytest" in comandos[1]
    ci = (RAIZ / ".ci" / "run").read_text()
    assert comandos[1] in ci.splitlines()


def test_municipio_posterior_a_2022_so_pelo_admin(demo_usuarios, banco_limpo):
    from core.erros import AcessoNegado, ErroValidacao
    from dominio.cadastros.referencia import incluir_municipio

    with pytest.raises(AcessoNegado):
        incluir_municipio(demo_usuarios["dmf"], "5101837", "Boa Esperança do Norte", "MT")
    with pytest.raises(ErroValidacao, match="não são o código de MT"):
        incluir_municipio(demo_usuarios["admin"], "3501837", "Boa Esperança do Norte", "MT")
    m = incluir_municipio(demo_usuarios["admin"], "5101837", "Boa Esperança do Norte", "mt")
    assert (m.codigo_ibge, m.uf_sigla, m.incluido_manualmente) == (5101837, "MT", True)


def test_referencia_completa(banco_demo):
    from core.banco import sessao
    from models.territorio import UF, Municipio

    with sessao() as s:
        assert s.exec(select(func.count()).select_from(UF)).one() == 27
        assert s.exec(select(func.count()).select_from(Municipio)).one() >= 5570
        assert s.get(Municipio, 3550308).nome == "São Paulo"


def test_demo_so_em_modo_demo_e_idempotente(monkeypatch, banco_limpo):
    from demo.demonstracao import DemoNaoPermitido, carregar_demo

    assert set(carregar_demo().values()) == {0}  # já carregada: nada novo
    monkeypatch.setenv("MODO_DEMO", "false")
    limpar_config()
    try:
        with pytest.raises(DemoNaoPermitido, match="MODO_DEMO=true"):
            carregar_demo()
    finally:
        monkeypatch.setenv("MODO_DEMO", "true")
        limpar_config()


def test_demo_tem_o_que_o_plano_pede(banco_demo):
    from dominio.publico.consultas import plano, totais

    metas, atividades = plano()
    assert [m[0] for m in metas] == list("abcdef")
    assert len(atividades) == 10 and atividades[0][1] == "Disseminação do Acordo"
    t = totais()
    assert t["grupos"] == 18 and 35 <= t["escritorios"] <= 45 and t["fundos"] == 25
