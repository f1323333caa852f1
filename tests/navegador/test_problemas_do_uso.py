"""O que o uso diário mostrou (issue do ciclo de monitoramento), repetido no navegador como a pessoa
faria: cada teste refaz um dos problemas relatados e confere que ele sumiu.

- “2,5” digitado num peso do Índice FUNPEN virava 25; “1.5” era adivinhado;
- a exportação dos fluxos trazia só a página da tela (200 linhas);
- a página Relatório mandava rodar uma linha de comando;
- não havia busca.

Os outros problemas da lista têm os seus testes de navegador próprios: sessões (test_sessoes.py),
ciclo da coleta e Minhas pendências (test_ciclo_coleta.py), inglês na tela (test_sem_ingles.py),
celular (test_telas_estreitas.py)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from dominio.funpen import regras as regras_funpen

pytestmark = pytest.mark.navegador

ESPERA = 30_000  # ms: a máquina de testes é dividida


def _main(page):
    return page.get_by_test_id("stMain")


def _ir_pelo_menu(aba, titulo: str) -> None:
    aba.page.get_by_test_id("stSidebarNav").get_by_role("link", name=titulo, exact=True).click()
    aba.esperar()


def _digitar(aba, campo, texto: str) -> None:
    """Digita num campo de texto e confirma (Enter), como a pessoa faz."""
    campo.fill(texto)
    campo.press("Enter")
    aba.esperar()


def test_peso_do_indice_aceita_virgula_e_recusa_o_ponto_ambiguo(aba):
    aba.entrar("dmf@demo.pnat.jus.br")
    _ir_pelo_menu(aba, "Índice penitenciário")
    page = aba.page
    _main(page).get_by_text("Pesos dos critérios (padrão do Anexo II)").click()
    rotulo = regras_funpen.rotulo_criterio(next(iter(regras_funpen.CRITERIOS_QUANTITATIVOS)))
    campo = _main(page).get_by_label(rotulo, exact=True)
    _digitar(aba, campo, "2,5")
    expect(campo).to_have_value("2,5")
    erros = _main(page).get_by_test_id("stAlertContentError")
    expect(erros.filter(has_text=rotulo)).to_have_count(0)
    _digitar(aba, campo, "1.5")
    aviso = erros.filter(has_text=rotulo)
    expect(aviso).to_contain_text("é ambíguo", timeout=ESPERA)
    expect(aviso).to_contain_text("Escreva 1,5")


def test_exportacao_dos_fluxos_traz_todas_as_linhas_filtradas(aba, tmp_path):
    aba.entrar("dmf@demo.pnat.jus.br")
    _ir_pelo_menu(aba, "Recursos")
    page = aba.page
    _main(page).get_by_role("tab", name="Fluxos").click()
    aba.esperar()
    preparar = _main(page).get_by_role("button", name="Preparar CSV")
    expect(preparar.first).to_be_visible(timeout=ESPERA)
    preparar.first.click()
    aba.esperar()
    baixar = _main(page).get_by_role("button", name=re.compile(r"Baixar CSV \([\d.]+ linhas\)"))
    expect(baixar.first).to_be_visible(timeout=120_000)
    anunciadas = int(re.search(r"\(([\d.]+) linhas\)", baixar.first.inner_text())[1].replace(".", ""))
    assert anunciadas > 200, f"só {anunciadas} linhas: a página da tela, não a lista filtrada"
    with page.expect_download(timeout=60_000) as baixado:
        baixar.first.click()
    arquivo = tmp_path / "fluxos.csv"
    baixado.value.save_as(arquivo)
    linhas = list(csv.reader(io.StringIO(arquivo.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(linhas) - 1 == anunciadas, "o arquivo traz o que o botão anuncia"


def test_relatorio_gerado_na_propria_pagina(aba, tmp_path):
    aba.entrar("dmf@demo.pnat.jus.br")
    _ir_pelo_menu(aba, "Relatório periódico")
    page = aba.page
    expect(_main(page)).not_to_contain_text("manage.py")
    _main(page).get_by_role("button", name="Gerar relatório").click()
    baixar = _main(page).get_by_role("button", name="Baixar PDF")
    expect(baixar).to_be_visible(timeout=240_000)
    expect(_main(page)).to_contain_text("Relatório gerado.")
    with page.expect_download(timeout=60_000) as baixado:
        baixar.click()
    arquivo = tmp_path / "relatorio.pdf"
    baixado.value.save_as(arquivo)
    assert arquivo.read_bytes().startswith(b"%PDF-")


def test_busca_da_barra_lateral_abre_o_item(aba):
    aba.entrar("dmf@demo.pnat.jus.br")
    page = aba.page
    caixa = page.get_by_test_id("stSidebar").get_by_placeholder("Nome, município, nº do processo…")
    _digitar(aba, caixa, "vitoria")  # sem acento: acha “Vitória”
    expect(_main(page).locator("h1").first).to_have_text("Buscar", timeout=ESPERA)
    assert "q=vitoria" in page.url
    resultado = _main(page).get_by_role("link", name=re.compile("Escritório Social de Vitória"))
    expect(resultado.first).to_be_visible(timeout=ESPERA)
    resultado.first.click()
    aba.esperar()
    expect(_main(page).locator("h1").first).to_have_text("Escritórios Sociais", timeout=ESPERA)
    expect(_main(page)).to_contain_text("Escritório Social de Vitória")
    assert re.search(r"[?&]id=\d+", page.url), page.url
