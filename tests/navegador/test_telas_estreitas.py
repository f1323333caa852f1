"""Celular em pé (390 × 844 px): toda página, do visitante e de cada perfil, cabe na largura da
tela. Nem o documento nem a área principal rolam na horizontal; nenhum elemento da área principal
passa da borda, salvo dentro de uma caixa que rola (tabelas, o cronograma de 12 meses); todo
gráfico desenhado cabe na tela ou numa dessas caixas. No mesmo passeio, com os expansores abertos, nenhum
texto visível ou acessível traz palavra em inglês do Streamlit ou do Plotly (`tests.apoio.ingles`): um
passeio por perfil confere as duas coisas."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import acesso
from demo.demonstracao import USUARIOS_DEMO
from tests.apoio.ingles import abrir_expansores, textos_em_ingles
from tests.apoio.navegador import CONTAS_QUE_COBREM_TUDO

pytestmark = pytest.mark.navegador

LARGURA, ALTURA = 390, 844

# Mede a página aberta. Um elemento "vaza" se passa da borda da tela e nenhum ancestral dele, dentro
# da área principal, corta ou rola o que passa (overflow-x diferente de visible): é o que alargaria a
# página. Uma caixa que rola precisa ela mesma caber na tela.
MEDIR = """() => {
  const vw = window.innerWidth;
  const main = document.querySelector("[data-testid='stMain']");
  const nome = (el) => (el.getAttribute('data-testid') || el.tagName.toLowerCase()) + ' “' +
    (el.innerText || el.getAttribute('aria-label') || '').slice(0, 50).replace(/\\s+/g, ' ') + '”';
  const fora = (r) => r.right > vw + 1 || r.left < -1;
  // a caixa que rola ou corta, dentro da tela, que contém o elemento (null se nenhuma)
  const caixa = (el) => {
    for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible' && !fora(p.getBoundingClientRect())) return p;
    }
    return null;
  };
  // a barra de ferramentas de um elemento (tela cheia, baixar) só aparece sob o ponteiro
  const toolbar = "[data-testid='stElementToolbar']";
  const vazam = [];
  for (const el of main.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || !fora(r) || el.closest(toolbar)) continue;
    if (caixa(el) === null) {
      vazam.push(nome(el) + ' de ' + Math.round(r.left) + ' a ' + Math.round(r.right) + ' px');
    }
  }
  const graficos = [...main.querySelectorAll("[data-testid='stPlotlyChart']")].map((g) => {
    const r = g.getBoundingClientRect();
    const c = caixa(g);
    return {largura: Math.round(r.width), direita: Math.round(r.right),
            rola: c !== null && c.scrollWidth > c.clientWidth};
  });
  return {vw, documento: document.documentElement.scrollWidth, principal: main.scrollWidth,
          principal_visivel: main.clientWidth, vazam: vazam.slice(0, 5), n_vazam: vazam.length, graficos};
}"""


def _problemas(m: dict) -> list[str]:
    p = []
    if m["documento"] > m["vw"] + 1:
        p.append(f"o documento tem {m['documento']} px de largura")
    if m["principal"] > m["principal_visivel"] + 1:
        p.append(f"a área principal rola na horizontal ({m['principal']} px em {m['principal_visivel']})")
    if m["n_vazam"]:
        p.append(f"{m['n_vazam']} elemento(s) passam da borda: " + "; ".join(m["vazam"]))
    for i, g in enumerate(m["graficos"], start=1):
        if g["largura"] and g["direita"] > m["vw"] + 1 and not g["rola"]:
            p.append(f"gráfico {i} com {g['largura']} px, fora de uma caixa que rola")
    return p


def _percorrer(aba, papel: str, quem: str) -> tuple[list[str], int]:
    problemas, graficos = [], 0
    for arquivo, titulo, _icone, _secao in acesso.paginas_do_papel(papel):
        aba.ir("/" + Path(arquivo).stem)
        aba.page.mouse.move(0, 0)  # nada sob o ponteiro (barras de ferramentas, dicas)
        aba.page.wait_for_timeout(700)  # gráficos e tabelas terminam de desenhar
        m = aba.page.evaluate(MEDIR)
        assert m["vw"] == LARGURA
        graficos += sum(1 for g in m["graficos"] if g["largura"])
        problemas += [f"{quem} → {titulo}: {p}" for p in _problemas(m)]
        abrir_expansores(aba)
        problemas += [f"{quem} → {titulo}: texto em inglês: {a}" for a in textos_em_ingles(aba.page)]
    return problemas, graficos


def test_paginas_do_visitante_cabem_num_celular(aba):
    aba.page.set_viewport_size({"width": LARGURA, "height": ALTURA})
    problemas, graficos = _percorrer(aba, acesso.PUBLICO, "visitante")
    assert not problemas, "\n".join(problemas)
    assert graficos >= 4  # o painel público tem mapas e barras: a medida viu gráficos desenhados


@pytest.mark.parametrize("email", CONTAS_QUE_COBREM_TUDO)
def test_paginas_de_cada_perfil_cabem_num_celular_e_falam_portugues(aba, email):
    aba.page.set_viewport_size({"width": LARGURA, "height": ALTURA})
    aba.entrar(email)
    papel = next(u.papel for u in USUARIOS_DEMO if u.email == email)
    problemas, graficos = _percorrer(aba, papel, email)
    assert not problemas, "\n".join(problemas)
    assert graficos >= 1  # a visão geral de todo perfil tem gráfico


def test_a_medida_acusa_o_que_alarga_a_pagina(aba):
    """A própria medida: um bloco de 900 px na área principal é acusado; dentro de uma caixa que
    rola, não."""
    aba.page.set_viewport_size({"width": LARGURA, "height": ALTURA})
    aba.ir("/entrar")
    aba.page.evaluate(
        """() => { const b = document.querySelector("[data-testid='stMainBlockContainer']");
        const d = document.createElement('div'); d.id = 'largo'; d.style.width = '900px'; d.style.height = '10px';
        b.appendChild(d); }"""
    )
    assert any("900" in p or "passam da borda" in p for p in _problemas(aba.page.evaluate(MEDIR)))
    aba.page.evaluate(
        """() => { const d = document.getElementById('largo'); const c = document.createElement('div');
        c.style.overflowX = 'auto'; d.parentElement.insertBefore(c, d); c.appendChild(d); }"""
    )
    assert _problemas(aba.page.evaluate(MEDIR)) == []
