"""A versão leve do painel público (`/painel`) num navegador de verdade, contra `uvicorn asgi:app`:
a página abre sem sessão do Streamlit, os gráficos desenham (o Plotly vem do próprio servidor) e
nenhum pedido vai a outro host; os dois painéis se ligam."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.navegador


def test_versao_leve_abre_e_desenha_os_graficos_sem_outros_hosts(aba):
    page = aba.page
    resposta = page.goto(aba.base + "/painel")
    assert resposta is not None and resposta.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Painel público do ACT CNJ–CNMP nº 22/2023")
    page.wait_for_selector(".figura svg.main-svg", timeout=60_000)
    figuras = page.locator("figure.grafico")
    assert figuras.count() >= 5
    page.wait_for_function(
        "() => [...document.querySelectorAll('.figura')].every(f => f.querySelector('svg.main-svg'))",
        timeout=60_000,
    )
    assert aba.bloqueadas == [] and aba.erros_js == [], (aba.bloqueadas, aba.erros_js)
    assert any("/painel/plotly-" in u for u in aba.locais)
    assert not any("/_stcore/stream" in u for u in aba.locais)  # nenhuma sessão do Streamlit
    # a tabela abre sem JavaScript próprio (details/summary) e tem cabeçalhos de coluna
    page.get_by_text("Ver a tabela por UF").click()
    expect(page.locator("table:has(caption:text('Presença por UF')) th[scope='col']").first).to_be_visible()
    # e leva ao painel interativo
    page.get_by_role("link", name="painel interativo", exact=True).click()
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
    expect(page.get_by_role("link", name="Versão leve do painel (sem JavaScript interativo)")).to_be_visible()
