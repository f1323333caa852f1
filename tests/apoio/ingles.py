"""Texto em inglês na tela: a lista de palavras que o Streamlit 1.67 e o plotly.js 3.8 mostram, e a
coleta, numa página aberta no navegador, de todo texto visível ou acessível que traga uma delas
(usadas pelos passeios de tests/navegador: visitante na tela larga, cada perfil no celular)."""

from __future__ import annotations

import re

# Textos em inglês do Streamlit 1.67 e do plotly.js 3.8 (conferidos nos pacotes e na tela): botões e
# dicas da barra dos gráficos e das tabelas, o menu do multiselect, o calendário, o estado da execução
# e as células vazias. Palavras inteiras, com maiúsculas e minúsculas como aparecem.
INGLES = [
    "Select all",
    "Select",
    "matches",
    "No results",
    "No options",
    "Choose",
    "Download",
    "Zoom",
    "Pan",
    "Autoscale",
    "Reset",
    "Produced with Plotly",
    "Toggle",
    "Fullscreen",
    "Search",
    "Close",
    "Dismiss",
    "Clear",
    "Press Enter",
    "Running",
    "Stop",
    "Deploy",
    "Rerun",
    "Show/hide",
    "Show password",
    "Hide password",
    "Open sidebar",
    "Main menu",
    "Skip to main content",
    "Link to heading",
    "Help for",
    "Drag and drop",
    "Browse files",
    "per file",
    "View more",
    "View less",
    "Add row",
    "Delete",
    "Copy",
    "Loading",
    "Previous month",
    "Next month",
    "Lasso",
    "Box Select",
    "Sidebar",
    "Use arrow keys",
    "Choose date",
    "Today",
    "Empty",
    "yyyy",
    "day",
    "month",
    "year",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "None",
    "nan",
    "NaN",
    "NaT",
]
RE_INGLES = re.compile(r"(?<![\w/])(" + "|".join(re.escape(p) for p in INGLES) + r")(?![\w])")

# Tudo o que está na tela ou chega ao leitor de tela, com onde está (para a mensagem do erro)
COLETAR = """() => {
    const fora = 'code, pre, script, style, noscript, template';
    const saida = [];
    const visivel = (el) => el && (el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null);
    const onde = (el) => {
        const t = el.closest('[data-testid]');
        return el.tagName.toLowerCase() + (t ? ' em ' + t.getAttribute('data-testid') : '');
    };
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
        const el = n.parentElement;
        const t = (n.textContent || '').trim();
        if (!t || !el || el.closest(fora)) continue;
        // células espelhadas das tabelas: na tela (canvas), embora o espelho fique fora da vista
        if (!visivel(el) && !el.closest('[role=grid]')) continue;
        saida.push({onde: onde(el), texto: t});
    }
    const atributos = ['aria-label', 'title', 'placeholder', 'alt', 'data-title', 'aria-valuetext'];
    for (const el of document.querySelectorAll(atributos.map(a => '[' + a + ']').join(', '))) {
        if (el.closest(fora)) continue;
        for (const a of atributos) {
            const v = el.getAttribute(a);
            if (v && v.trim()) saida.push({onde: onde(el) + ' [' + a + ']', texto: v.trim()});
        }
    }
    return saida;
}"""


def _coletar_em_ingles(page) -> set[str]:
    return {
        f"{item['onde']}: {item['texto'][:120]}" for item in page.evaluate(COLETAR) if RE_INGLES.search(item["texto"])
    }


def textos_em_ingles(page, *, espera_ms: int = 1500) -> list[str]:
    """Os textos da página com palavra da lista `INGLES`: “onde: texto”.

    A tradução dos textos do próprio Streamlit (static/pt_br.html) é aplicada logo depois de cada
    desenho; com a máquina ocupada, um texto pode ser lido no instante entre os dois. Por isso o
    que aparece na primeira leitura é lido de novo depois de `espera_ms`, e só conta o que
    continuou em inglês: o que a pessoa de fato lê."""
    achados = _coletar_em_ingles(page)
    if achados:
        page.wait_for_timeout(espera_ms)
        achados &= _coletar_em_ingles(page)
    return sorted(achados)


def abrir_expansores(aba) -> None:
    """Abre os expansores visíveis da página (tabelas e formulários que ficam dentro deles; os das
    abas escondidas ficam fechados)."""
    abertos = aba.page.evaluate(
        """() => { let n = 0;
            for (const s of document.querySelectorAll("[data-testid='stExpander'] details:not([open]) > summary")) {
                if (s.checkVisibility()) { s.click(); n++; }
            }
            return n; }"""
    )
    if abertos:
        aba.esperar(settle_ms=300)
