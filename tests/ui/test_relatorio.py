"""Relatório periódico: PDF com as seções e os números do período, XLSX com as mesmas tabelas,
gráficos como imagens, período validado em pt-BR, acesso por perfil, linha de comando e página."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from comum.formatos import dinheiro
from core import relogio
from core.erros import AcessoNegado, ErroValidacao
from dominio.plano import comunicacao
from dominio.recursos import servicos as recursos
from tests.conftest import RAIZ
from ui import relatorio

HOJE = relogio.hoje()
INICIO = date(2024, 1, 1)


@pytest.fixture(scope="module")
def gerado():
    from sqlmodel import select

    from core.banco import sessao
    from models.usuarios import Usuario

    with sessao() as s:
        cnmp = s.exec(select(Usuario).where(Usuario.papel == "cnmp")).first()
    pdf, xlsx, dados = relatorio.gerar_relatorio(cnmp, INICIO, HOJE, HOJE)
    return cnmp, pdf, xlsx, dados


def _texto_pdf(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_pdf_tem_as_secoes_e_os_numeros_do_periodo(gerado):
    cnmp, pdf, _, dados = gerado
    texto = " ".join(_texto_pdf(pdf).split())
    assert "Relatório do ACT CNJ–CNMP nº 22/2023" in texto and "Página 1" in texto
    assert f"Período: 01/01/2024 a {HOJE:%d/%m/%Y}" in texto
    for i, secao in enumerate(relatorio.SECOES, start=1):
        assert f"{i}. {secao}" in texto, secao
    t = recursos.totais(cnmp, recursos.Filtros(inicio=INICIO, fim=HOJE))
    assert dinheiro(t["total"]) in texto  # o total do período, ao centavo
    n_acoes = len(comunicacao.tabela_acoes(cnmp, inicio=INICIO, fim=HOJE))
    assert f"Ações de comunicação no período {n_acoes}" in texto
    assert "Dar ampla divulgação do Acordo" in texto and "Fomentar, acompanhar e medir" in texto  # metas a e f
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 4


def test_graficos_entram_como_imagens(gerado):
    _, pdf, _, dados = gerado
    if dados.avisos:
        pytest.skip(f"sem Chromium nesta máquina: {dados.avisos[0]}") if os.environ.get(
            "CI"
        ) != "true" else pytest.fail(dados.avisos[0])
    imagens = sum(len(p.images) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert imagens >= 3, "metas, cronograma e recursos"


def test_xlsx_tem_as_mesmas_tabelas(gerado):
    cnmp, _, xlsx, dados = gerado
    wb = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert wb.sheetnames == [
        "Resumo",
        "Metas",
        "Cronograma",
        "Ações de comunicação",
        "Publicações",
        "Recursos por origem",
        "Recursos por UF",
        "Completude dos indicadores",
        "Indicadores aprovados",
        "Envios de indicadores",
    ]
    metas = wb["Metas"]
    assert [c.value for c in metas[1]][:2] == ["Meta", "Texto"]
    assert metas.max_row == 7  # cabeçalho + 6 metas
    origem = wb["Recursos por origem"]
    soma = sum(round(float(r[1].value) * 100) for r in origem.iter_rows(min_row=2))
    assert soma == int(dados.recursos_origem["Valor (R$)"].sum() * 100)
    assert "Período: 01/01/2024" in wb["Resumo"]["A2"].value


def test_periodo_invalido_em_portugues():
    with pytest.raises(ErroValidacao) as exc:
        relatorio.validar_periodo(date(2025, 5, 1), date(2025, 4, 1), HOJE)
    assert "Campo “fim”: 01/04/2025 é anterior ao início (01/05/2025)" in str(exc.value)
    with pytest.raises(ErroValidacao, match="está no futuro"):
        relatorio.validar_periodo(date(2025, 5, 1), date(2999, 1, 1), HOJE)
    with pytest.raises(ErroValidacao, match="informe a data inicial"):
        relatorio.validar_periodo(None, HOJE, HOJE)


@pytest.mark.parametrize("perfil", ["pf_grupo", "pf_escritorio"])
def test_ponto_focal_nao_gera_relatorio(perfil, demo_usuarios):
    with pytest.raises(AcessoNegado):
        relatorio.montar_dados(demo_usuarios[perfil], INICIO, HOJE, HOJE)
    with pytest.raises(AcessoNegado):
        relatorio.montar_dados(None, INICIO, HOJE, HOJE)


def _cli(*args, url: str):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env["DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, str(RAIZ / "manage.py"), *args], cwd=RAIZ, env=env, capture_output=True, text=True, timeout=300
    )


def test_linha_de_comando(banco_demo, tmp_path):
    r = _cli(
        "report", "--inicio", "01/01/2024", "--fim", HOJE.strftime("%d/%m/%Y"), "--saida", str(tmp_path), url=banco_demo
    )
    assert r.returncode == 0, r.stderr
    assert "Relatório gravado em" in r.stdout
    pdfs = list(tmp_path.glob("relatorio_act_22_2023_20240101_*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
    assert len(list(tmp_path.glob("*.xlsx"))) == 1
    r = _cli("report", "--inicio", "31/02/2024", "--fim", "01/01/2023", "--saida", str(tmp_path / "x"), url=banco_demo)
    assert r.returncode == 1
    assert "Campo “--inicio”: data inválida “31/02/2024”: use o formato DD/MM/AAAA" in r.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("perfil", ["dmf", "cnmp", "admin"])
def test_pagina_gera_e_oferece_os_downloads(perfil, demo_usuarios):
    from tests.apoio.paginas import abrir, sem_excecao

    at = abrir(demo_usuarios[perfil]).switch_page("paginas/relatorio.py").run()
    sem_excecao(at)
    assert not at.get("download_button"), "nada para baixar antes de gerar"
    at.button(key="rel_gerar").click().run(timeout=180)
    sem_excecao(at)
    assert any("pronto" in s.value for s in at.success), [e.value for e in at.error]
    rotulos = [b.label for b in at.get("download_button")]
    assert rotulos == ["Baixar PDF", "Baixar XLSX"]
    pdf, xlsx, inicio, fim, _avisos = at.session_state["rel_arquivos"]
    assert pdf.startswith(b"%PDF-") and xlsx.startswith(b"PK"), "PDF e XLSX de verdade"
    assert fim == relogio.hoje() and inicio <= fim
    assert [s.label for s in at.status] == ["Relatório gerado."]
    barra = at.get("progress")
    assert barra and barra[-1].proto.value == 100


def test_periodo_invertido_na_pagina_nao_gera(demo_usuarios):
    from tests.apoio.paginas import abrir, sem_excecao

    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/relatorio.py").run()
    at.date_input(key="rel_periodo").set_value((date(2025, 5, 1),)).run()
    at.button(key="rel_gerar").click().run(timeout=120)
    sem_excecao(at)
    assert any("informe a data final" in e.value for e in at.error), [e.value for e in at.error]
    assert [s.label for s in at.status] == ["O relatório não foi gerado."]
    assert not at.get("download_button")


@pytest.mark.parametrize("perfil", ["pf_grupo", "pf_escritorio", None])
def test_ponto_focal_e_visitante_nao_tem_a_pagina(perfil, demo_usuarios):
    from tests.apoio.paginas import abrir, sem_excecao

    at = abrir(demo_usuarios[perfil] if perfil else None)
    sem_excecao(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("paginas/relatorio.py")
    assert not [b for b in at.button if b.key == "rel_gerar"]
