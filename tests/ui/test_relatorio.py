"""Relatório periódico: PDF com as seções e os números do período, XLSX com as mesmas tabelas,
gráficos como imagens, período validado em pt-BR, acesso por perfil, linha de comando e página."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from comum.formatos import dinheiro
from core import relogio
from core.erros import AcessoNegado, ErroValidacao
from dominio.plano import comunicacao
from dominio.recursos import servicos as recursos
from tests.apoio.navegador import pular_ou_falhar
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


@pytest.fixture(scope="module")
def graficos_e_pdf(gerado):
    """As imagens dos gráficos (como `gerar_relatorio` as faz) e o PDF montado com elas."""
    _, _, _, dados = gerado
    imgs = relatorio.imagens(dados)
    return imgs, relatorio.gerar_pdf(dados, imgs)


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
    # o relatório só lê: o erro diz o que não aconteceu, sem o “Nada foi gravado” das gravações
    assert any(e.value.startswith("**O relatório não foi gerado.**") for e in at.error)
    assert not any("Nada foi gravado" in e.value for e in at.error)
    assert [s.label for s in at.status] == ["O relatório não foi gerado."]
    assert not at.get("download_button")


def test_atalho_preenche_o_periodo_e_datas_a_mao_desmarcam_o_atalho(demo_usuarios):
    from dominio.plano import servicos as plano
    from dominio.plano.regras import atalhos_de_periodo
    from tests.apoio.paginas import abrir, sem_excecao

    dmf = demo_usuarios["dmf"]
    atalhos = atalhos_de_periodo(relogio.hoje(), [p.inicio for p in plano.listar_planos(dmf)])
    at = abrir(dmf).switch_page("paginas/relatorio.py").run()
    pilulas = at.button_group(key="rel_atalho")
    assert pilulas.options == list(atalhos) and "Mês anterior" in atalhos
    pilulas.set_value("Mês anterior").run()
    sem_excecao(at)
    (campo,) = at.date_input  # o campo renasce com o período do atalho (chave nova)
    assert campo.label == "Período" and campo.value == atalhos["Mês anterior"]
    campo.set_value((date(2025, 5, 1), date(2025, 5, 31))).run()
    sem_excecao(at)
    assert at.button_group(key="rel_atalho").value is None
    assert at.date_input[0].value == (date(2025, 5, 1), date(2025, 5, 31))


@pytest.mark.parametrize("perfil", ["pf_grupo", "pf_escritorio", None])
def test_ponto_focal_e_visitante_nao_tem_a_pagina(perfil, demo_usuarios):
    from tests.apoio.paginas import abrir, sem_excecao

    at = abrir(demo_usuarios[perfil] if perfil else None)
    sem_excecao(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("paginas/relatorio.py")
    assert not [b for b in at.button if b.key == "rel_gerar"]


# --- legível no papel: nada partido, nada cortado ------------------------------------------------


def _palavras_do_texto_extraido(pdf: bytes, tmp_path) -> set[str]:
    """As palavras do PDF como o `pdftotext -layout` (poppler-utils) as lê."""
    if shutil.which("pdftotext") is None:
        pular_ou_falhar("pdftotext não encontrado (apt-get install -y poppler-utils)")
    arq = tmp_path / "r.pdf"
    arq.write_bytes(pdf)
    texto = subprocess.run(["pdftotext", "-layout", str(arq), "-"], capture_output=True, text=True, check=True).stdout
    return set(texto.split())


def test_nenhuma_palavra_das_tabelas_sai_partida(gerado, monkeypatch, tmp_path):
    """Cada palavra de cada célula (cabeçalhos inclusive) aparece inteira no texto do PDF: sem
    “Executado” / “s” nem “Informante” / “s” quando a coluna é estreita."""
    _, _, _, dados = gerado
    linhas_das_tabelas: list[list] = []
    original = relatorio.tabela_pdf

    def espiar(e, linhas, larguras, **kw):
        linhas_das_tabelas.extend(linhas)
        return original(e, linhas, larguras, **kw)

    monkeypatch.setattr(relatorio, "tabela_pdf", espiar)
    pdf = relatorio.gerar_pdf(dados, {})
    palavras = _palavras_do_texto_extraido(pdf, tmp_path)
    cabecalhos = {p for c in linhas_das_tabelas[0] for p in str(c).split()}
    assert "Indicador" in cabecalhos and len(linhas_das_tabelas) > 50
    esperadas = {p for linha in linhas_das_tabelas for c in linha for p in str(c).split()}
    partidas = sorted(esperadas - palavras)
    assert not partidas, f"palavras partidas ou ausentes no PDF: {partidas[:20]}"
    for cabecalho in ("Executados", "Informantes", "Esperadas", "Recebidas", "Destinado"):
        assert cabecalho in palavras


def test_larguras_sem_partir_dao_a_coluna_a_palavra_mais_longa():
    from reportlab.lib.units import cm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from comum.pdf import larguras_sem_partir

    fonte = "Helvetica-Bold"
    linhas = [[("Destinado (R$)", fonte, 8), ("Observações longas sobre o repasse", fonte, 8)]]
    larguras = larguras_sem_partir(linhas, [0.8 * cm, 10 * cm])
    assert larguras[0] >= stringWidth("Destinado", fonte, 8) + 8
    assert sum(larguras) == pytest.approx(10.8 * cm)  # a folga da outra coluna paga a diferença


def _margem_em_branco(png: Path, faixas_cm: dict[str, float], dpi: int) -> dict[str, int]:
    """Quantos pixels não brancos há em cada faixa da borda da página (em cm)."""
    from PIL import Image

    im = Image.open(png).convert("L")
    w, h = im.size
    px = {lado: round(cm_ * dpi / 2.54) for lado, cm_ in faixas_cm.items()}
    caixas = {
        "esquerda": (0, 0, px["esquerda"], h),
        "direita": (w - px["direita"], 0, w, h),
        "topo": (0, 0, w, px["topo"]),
        "base": (0, h - px["base"], w, h),
    }
    return {lado: sum(1 for v in im.crop(c).tobytes() if v < 235) for lado, c in caixas.items()}


def test_paginas_do_pdf_nao_tem_nada_cortado_na_borda(graficos_e_pdf, tmp_path):
    """Cada página renderizada (pdftoppm) tem em branco as faixas das bordas: margens de 2 cm dos
    lados e 1,8 cm no alto (faixas de 1,5 e 1,2 cm) e, embaixo, até o rodapé (faixa de 0,9 cm).
    Uma tabela ou imagem mais larga que a página encostaria nelas."""
    if shutil.which("pdftoppm") is None:
        pular_ou_falhar("pdftoppm não encontrado (apt-get install -y poppler-utils)")
    imgs, pdf = graficos_e_pdf
    assert imgs, "o relatório saiu sem gráficos (Chromium do kaleido?)"
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(tmp_path / "r.pdf"), str(tmp_path / "p")], check=True)
    paginas = sorted(tmp_path.glob("p-*.png"))
    assert len(paginas) == len(PdfReader(io.BytesIO(pdf)).pages)
    faixas = {"esquerda": 1.5, "direita": 1.5, "topo": 1.2, "base": 0.9}
    sujas = {p.name: m for p in paginas if any((m := _margem_em_branco(p, faixas, 40)).values())}
    assert not sujas, f"conteúdo na borda da página: {sujas}"


def test_graficos_do_pdf_nao_tem_rotulo_cortado_na_borda(graficos_e_pdf):
    """Os gráficos são desenhados numa largura fixa com margens que crescem para os rótulos
    (`graficos.para_telas`): a última linha e a última coluna de pixels de cada lado da imagem
    ficam em branco — um rótulo de eixo ou valor cortado pela borda deixaria traços nelas."""
    from PIL import Image

    imgs, _ = graficos_e_pdf
    assert set(imgs) >= {"metas", "cronograma", "recursos_origem"}
    for nome, png in imgs.items():
        im = Image.open(io.BytesIO(png)).convert("L")
        w, h = im.size
        borda = [im.crop(c) for c in ((0, 0, 1, h), (w - 1, 0, w, h), (0, 0, w, 1), (0, h - 1, w, h))]
        escuros = sum(1 for b in borda for v in b.tobytes() if v < 235)
        assert escuros == 0, f"gráfico {nome}: {escuros} pixels não brancos na borda da imagem"
