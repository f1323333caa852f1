"""Testes de navegador (ponta a ponta): o sistema real no Streamlit, dirigido
pelo Chromium do Debian via Playwright, sem acesso à internet.

Cobrem o painel público (com o mapa desenhado só com o topojson local de
static/), o login de cada perfil de demonstração com a visita a todas as
páginas que o perfil vê (e a ausência das que não vê), a saída e o login com
senha errada. Fixtures em tests/navegador/conftest.py.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from core import acesso, relogio
from demo.demonstracao import USUARIOS_DEMO
from dominio.indicadores.regras import rotulo_periodo
from ferramentas.servidor_local import caminho_da_url, corrida_do_plotly, link_do_menu
from tests.apoio.navegador import ERRO_EM_INGLES, EXTERNOS_TOLERADOS, titulos_no_menu

pytestmark = pytest.mark.navegador

NUM_UFS = 27
MAPA_PATHS = ".js-plotly-plot .geo path.choroplethlocation"  # um <path> por UF no coroplético

CONTAS = {
    "admin": "admin@demo.pnat.jus.br",
    "dmf": "dmf@demo.pnat.jus.br",
    "cnmp": "cnmp@demo.pnat.jus.br",
    "pf_grupo": "pf.grupo.pr@demo.pnat.jus.br",
    "pf_escritorio": "pf.escritorio.vitoria@demo.pnat.jus.br",
}
DEMO = {u.email: u for u in USUARIOS_DEMO}

# título (h1) esperado em cada página, quando difere do título no menu
TITULO_H1 = {
    "Painel público": "Painel público do ACT CNJ–CNMP nº 22/2023",
    "Fundos Municipais": "Fundos Municipais de Políticas Penais",
    "Coleta": "Coleta de indicadores",
    "Revisão": "Revisão dos indicadores",
    "Monitoramento": "Monitoramento dos indicadores",
}
TITULO_MINHA_UNIDADE = {
    "pf_grupo": "Grupo Interinstitucional — PR",
    "pf_escritorio": "Escritório Social de Vitória",
}


# --- auxiliares -----------------------------------------------------------------


def conferir_sem_erro(aba, onde: str) -> None:
    page = aba.page
    excecoes = page.locator("[data-testid='stException']").all_inner_texts()
    assert not excecoes, f"{onde}: caixa de exceção na página:\n" + "\n---\n".join(excecoes)
    # alertas do Plano de Trabalho (atividades atrasadas etc.) e prazos LGPD são conteúdo, não falha do sistema
    erros = page.locator(":not(.st-key-alertas_plano) [data-testid='stAlertContentError']").all_inner_texts()
    alertas = page.locator(
        ".st-key-alertas_plano [data-testid='stAlertContentError'], "
        ".st-key-alertas_lgpd [data-testid='stAlertContentError']"
    ).all_inner_texts()
    erros = [e for e in erros if e not in alertas]
    assert not erros, f"{onde}: mensagem de erro na página: {erros}"
    texto = page.get_by_test_id("stApp").inner_text()
    achado = ERRO_EM_INGLES.search(texto)
    assert achado is None, f"{onde}: texto de erro em inglês na página ({achado.group(0)!r}):\n{texto[:2000]}"
    erros_js = [(e, p) for e, p in zip(aba.erros_js, aba.pilhas_js) if not corrida_do_plotly(e, p)]
    assert not erros_js, f"{onde}: exceções JavaScript:\n" + "\n---\n".join(f"{e}\n{p}" for e, p in erros_js)


def conferir_h1(page, esperado: str, onde: str) -> None:
    """Espera (com novas tentativas) o título da página ser `esperado`: só então a troca de página terminou."""
    expect(page.locator("[data-testid='stMain'] h1").first, f"{onde}: título da página").to_have_text(
        esperado, timeout=20_000
    )


def conferir_sem_internet(aba, onde: str) -> None:
    externos = [u for u in aba.bloqueadas if not EXTERNOS_TOLERADOS.match(u)]
    assert not externos, f"{onde}: a página tentou usar a internet: {externos}"


def conferir_mapa(aba, onde: str) -> None:
    """O coroplético das UFs foi desenhado (27 <path> com área) e o topojson veio do próprio servidor."""
    page = aba.page
    try:
        page.wait_for_function(
            "([sel, n]) => document.querySelectorAll(sel).length >= n", arg=[MAPA_PATHS, NUM_UFS], timeout=20_000
        )
    except Exception:  # noqa: BLE001 - a mensagem abaixo diz o que faltou
        pytest.fail(
            f"{onde}: o mapa não foi desenhado ({page.locator(MAPA_PATHS).count()} UFs); "
            f"exceções JS: {aba.erros_js}; requisições bloqueadas: {aba.bloqueadas}"
        )
    # uma página pode ter mais de um mapa, e um mapa com UFs sem dado tem a camada cinza por baixo
    desenhadas = page.locator(MAPA_PATHS).count()
    assert desenhadas >= NUM_UFS, f"{onde}: esperadas ao menos {NUM_UFS} UFs desenhadas, há {desenhadas}"
    # os contornos vêm por endereço (static/br_uf.geojson) e cada mapa desenha quando os recebe: o
    # primeiro da página pode ainda estar chegando enquanto um menor, numa coluna, já desenhou
    # a conferência é a própria espera: medir de novo depois correria contra uma nova execução da
    # página, que recria o mapa grande e o desenha outra vez quando os contornos chegam
    try:
        page.wait_for_function(
            "() => [...document.querySelectorAll('.js-plotly-plot .geo')].some("
            "g => { const r = g.getBoundingClientRect(); return r.width > 200 && r.height > 200; })",
            timeout=20_000,
        )
    except Exception:  # noqa: BLE001 - a mensagem abaixo diz o tamanho de cada mapa
        caixas = [
            page.locator(".js-plotly-plot .geo").nth(i).bounding_box()
            for i in range(page.locator(".js-plotly-plot .geo").count())
        ]
        pytest.fail(f"{onde}: mapa sem tamanho: {caixas}")
    com_contorno = page.eval_on_selector_all(
        MAPA_PATHS, "els => els.filter(e => (e.getAttribute('d') || '').length > 20).length"
    )
    # UFs sem valor viram <path> vazio na camada de dados (a camada cinza por baixo as desenha)
    assert com_contorno >= NUM_UFS, f"{onde}: só {com_contorno} de {desenhadas} UFs com contorno desenhado"
    topojson = [u for u in aba.locais if "/app/static/" in u and u.endswith(".json")]
    assert topojson, f"{onde}: o mapa-base não foi pedido a /app/static/ (pedidos locais: {aba.locais[-20:]})"
    assert not [u for u in aba.bloqueadas if "plot.ly" in u or "topojson" in u], (
        f"{onde}: o Plotly tentou buscar o mapa-base na internet: {aba.bloqueadas}"
    )


def entrar(aba, email: str, senha: str) -> None:
    page = aba.page
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Senha", exact=True).fill(senha)
    page.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Entrar").click()
    aba.esperar()


# --- testes ---------------------------------------------------------------------


def test_painel_publico_sem_login_desenha_mapa_sem_internet(aba):
    aba.ir("/")
    page = aba.page
    conferir_h1(page, TITULO_H1["Painel público"], "Painel público")
    assert page.get_by_text("Painel público", exact=False).first.is_visible()
    conferir_mapa(aba, "Painel público")
    conferir_sem_erro(aba, "Painel público")
    conferir_sem_internet(aba, "Painel público")
    assert titulos_no_menu(page) == [t for _, t, _, _ in acesso.paginas_do_papel(acesso.PUBLICO)]


@pytest.mark.parametrize("perfil", list(CONTAS))
def test_perfil_entra_visita_suas_paginas_e_sai(aba, perfil):
    page = aba.page
    email = CONTAS[perfil]
    conta = DEMO[email]
    papel = conta.papel
    paginas = acesso.paginas_do_papel(papel)
    visiveis = [titulo for _, titulo, _, _ in paginas]
    proibidas = [titulo for _, titulo, _, _, papeis in acesso.PAGINAS if papel not in papeis]

    aba.ir("/entrar")
    conferir_h1(page, "Entrar", "Entrar")
    entrar(aba, email, conta.senha)
    conferir_h1(page, "Minhas pendências", f"{perfil}: depois de entrar")
    assert page.get_by_test_id("stSidebar").get_by_text(conta.nome, exact=False).is_visible()

    menu = titulos_no_menu(page)
    assert menu == visiveis, f"{perfil}: menu {menu}, esperado {visiveis}"
    for titulo in proibidas:
        assert link_do_menu(page, titulo).count() == 0, f"{perfil}: “{titulo}” não deveria estar no menu"

    for arquivo, titulo, _, _ in paginas:
        onde = f"{perfil} → {titulo}"
        caminho = caminho_da_url(arquivo, papel)
        link_do_menu(page, titulo).click()
        expect(page, f"{onde}: URL").to_have_url(
            re.compile(re.escape(aba.base + caminho) + r"/?(\?.*)?$"), timeout=20_000
        )
        if titulo == "Minha unidade":
            esperado = TITULO_MINHA_UNIDADE[perfil]
        else:
            esperado = TITULO_H1.get(titulo, titulo)
        conferir_h1(page, esperado, onde)
        aba.esperar()
        if titulo in ("Visão geral", "Painel público"):
            conferir_mapa(aba, onde)
        conferir_sem_erro(aba, onde)
    conferir_sem_internet(aba, perfil)

    page.get_by_test_id("stSidebar").get_by_role("button", name="Sair").click()
    expect(link_do_menu(page, "Entrar")).to_be_visible(timeout=20_000)
    aba.esperar()
    assert titulos_no_menu(page) == [t for _, t, _, _ in acesso.paginas_do_papel(acesso.PUBLICO)]
    assert page.get_by_test_id("stSidebar").get_by_role("button", name="Sair").count() == 0
    conferir_sem_erro(aba, f"{perfil}: depois de sair")


def test_login_com_senha_errada_mostra_mensagem_e_fica_em_entrar(aba):
    page = aba.page
    aba.ir("/entrar")
    entrar(aba, CONTAS["cnmp"], "senha-errada-123")
    alerta = page.locator("[data-testid='stAlertContentError']")
    expect(alerta).to_have_text(["E-mail ou senha incorretos."], timeout=20_000)
    conferir_h1(page, "Entrar", "senha errada")
    assert page.url.rstrip("/").endswith("/entrar")
    assert "Entrar" in titulos_no_menu(page)
    assert page.get_by_test_id("stSidebar").get_by_role("button", name="Sair").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0


def test_gantt_do_cronograma_tem_12_meses_e_linha_de_hoje(aba, tmp_path):
    """O Gantt desenha Mês 1–12, as barras de previsto e executado e a linha de hoje; a
    captura fica salva para quem quiser olhar (caminho impresso)."""

    from dominio.plano.acordo import DATA_ASSINATURA
    from dominio.plano.regras import posicao_de_hoje, somar_meses

    page = aba.page
    _abrir(aba, "dmf", "Cronograma", assentar_ms=1500)
    grafico = page.locator("[data-testid='stPlotlyChart'] .js-plotly-plot").first
    expect(grafico).to_be_visible(timeout=20_000)
    meses = [t for t in grafico.locator(".xtick text").all_text_contents() if t.strip()]
    assert len(meses) == 12 and all(m.startswith("Mês") for m in meses), meses
    assert grafico.locator(".barlayer .point").count() > 20, "barras de previsto e executado"
    # o ano exibido é o que contém hoje, se houver; então a linha de hoje aparece
    inicio = DATA_ASSINATURA.replace(day=1)
    while somar_meses(inicio, 12) <= relogio.hoje():
        inicio = somar_meses(inicio, 12)
    if posicao_de_hoje(inicio, relogio.hoje()) is not None and relogio.hoje() < date(2027, 11, 1):
        anotacoes = grafico.locator(".annotation-text").all_text_contents()
        assert any(a.startswith("Hoje (") for a in anotacoes), anotacoes
        assert (
            grafico.locator(".shapelayer path[style*='dash']").count() >= 1
            or grafico.locator(".shapelayer path").count() >= 13
        ), "linha tracejada de hoje além das 12 divisões"
    captura = tmp_path / "gantt_cronograma.png"
    grafico.screenshot(path=str(captura))
    assert captura.stat().st_size > 10_000
    print(f"captura do Gantt: {captura}")
    conferir_sem_erro(aba, "Cronograma")
    conferir_sem_internet(aba, "Cronograma")


def test_recursos_desenha_sankey_e_mapa(aba, tmp_path):
    """Página Recursos: o Sankey tem nós e ligações; a aba Por UF desenha o mapa sem internet."""
    page = aba.page
    _abrir(aba, "cnmp", "Recursos", assentar_ms=1500)
    sankey = page.locator("[data-testid='stPlotlyChart'] .js-plotly-plot").first
    expect(sankey).to_be_visible(timeout=20_000)
    assert sankey.locator(".sankey-node").count() >= 8, "nós do Sankey"
    assert sankey.locator(".sankey-link").count() >= 8, "ligações do Sankey"
    captura = tmp_path / "sankey_recursos.png"
    sankey.screenshot(path=str(captura))
    print(f"captura do Sankey: {captura}")
    page.get_by_role("tab", name="Por UF").click()
    aba.esperar(1500)
    conferir_mapa(aba, "Recursos → Por UF")
    page.screenshot(path=str(tmp_path / "recursos_por_uf.png"))
    print(f"captura do mapa: {tmp_path / 'recursos_por_uf.png'}")
    conferir_sem_erro(aba, "Recursos")
    conferir_sem_internet(aba, "Recursos")


def test_envio_de_arquivo_em_portugues(aba, tmp_path):
    """O campo de envio do Streamlit 1.67 diz “Upload” e “100MB per file” sem parâmetro para
    trocar; static/pt_br.css (carregado em app.py) põe “Escolher arquivo” e “ou arraste o arquivo
    até aqui” no lugar, e o limite certo fica no rótulo."""
    page = aba.page
    _abrir(aba, "dmf", "Recursos")
    page.get_by_role("tab", name="Importar planilha").click()
    aba.esperar(800)
    campo = page.get_by_test_id("stFileUploader").first
    expect(campo).to_be_visible(timeout=20_000)
    assert "Arquivo (até 20 MB)" in campo.inner_text()
    textos = page.evaluate("""() => {
      const z = document.querySelector("[data-testid='stFileUploaderDropzone']");
      const p = z.querySelector("[data-testid='stBaseButton-secondary'] [data-testid='stMarkdownContainer'] p");
      const i = z.querySelector("[data-testid='stFileUploaderDropzoneInstructions'] span");
      return [getComputedStyle(p, '::after').content, getComputedStyle(p).fontSize,
              getComputedStyle(i, '::after').content, getComputedStyle(i).fontSize];
    }""")
    assert textos == ['"Escolher arquivo"', "0px", '"ou arraste o arquivo até aqui"', "0px"], textos
    campo.screenshot(path=str(tmp_path / "envio.png"))
    conferir_sem_erro(aba, "Recursos → Importar planilha")


def test_visitante_so_ve_o_painel_publico_e_baixa_csv(aba, tmp_path):
    """Sem login: o menu tem só o painel público, o glossário e Entrar, uma página restrita pedida pelo
    endereço não abre (mostra o login, em português), e o CSV de uma tabela pública baixa em
    UTF-8 com BOM e separador `;`."""
    page = aba.page
    aba.ir("/recursos")  # página de perfil logado pedida pelo endereço: o visitante recebe o login
    conferir_h1(page, "Entrar", "visitante em /recursos")
    expect(page.get_by_text("Entre para ver a página Recursos.")).to_be_visible()
    assert page.locator("[data-testid='stMain'] h1", has_text="Recursos").count() == 0
    assert "Page not found" not in page.get_by_test_id("stApp").inner_text()
    aba.ir("/")
    conferir_h1(page, TITULO_H1["Painel público"], "visitante")
    menu = titulos_no_menu(page)
    assert menu == [t for _, t, _, _ in acesso.paginas_do_papel(acesso.PUBLICO)]
    assert set(menu) == {"Painel público", "Glossário", "Entrar"}, menu
    conferir_sem_erro(aba, "visitante")

    page.get_by_text("Ver a tabela por UF", exact=True).click()
    aba.esperar()
    botao = page.locator(".st-key-pub_tabela_csv").get_by_role("button", name="Baixar CSV")
    expect(botao).to_be_visible(timeout=20_000)
    download = None
    for _ in range(3):  # um clique que chega enquanto o botão é redesenhado se perde: tenta de novo
        try:
            with page.expect_download(timeout=20_000) as info:
                botao.click()
            download = info.value
            break
        except Exception:  # noqa: BLE001 - nova tentativa abaixo
            aba.esperar(1000)
    assert download is not None, "o download do CSV não começou em 3 tentativas"
    assert download.suggested_filename == "presenca_por_uf.csv"
    destino = tmp_path / download.suggested_filename
    download.save_as(destino)
    bruto = destino.read_bytes()
    assert bruto.startswith(b"\xef\xbb\xbf"), bruto[:20]
    linhas = bruto.decode("utf-8-sig").splitlines()
    assert linhas[0].split(";") == [
        "UF",
        "Estado",
        "Região",
        "Grupo Interinstitucional",
        "Escritórios Sociais",
        "Fundos Municipais",
    ]
    assert len(linhas) == 1 + NUM_UFS and all(linha.count(";") == 5 for linha in linhas)
    conferir_sem_internet(aba, "visitante")


def _sair(aba) -> None:
    page = aba.page
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sair").click()
    expect(link_do_menu(page, "Entrar")).to_be_visible(timeout=20_000)
    aba.esperar()


def _abrir(aba, perfil: str, titulo_menu: str, assentar_ms: int = 400) -> None:
    """Entra como `perfil` e abre `titulo_menu` pelo menu, conferindo os títulos no caminho."""
    page = aba.page
    aba.ir("/entrar")
    conferir_h1(page, "Entrar", "Entrar")
    entrar(aba, CONTAS[perfil], DEMO[CONTAS[perfil]].senha)
    conferir_h1(page, "Minhas pendências", f"{perfil}: depois de entrar")
    link_do_menu(page, titulo_menu).click()
    conferir_h1(page, TITULO_H1.get(titulo_menu, titulo_menu), f"{perfil} → {titulo_menu}")
    aba.esperar(assentar_ms)


def _examinar_envio_de_vitoria(aba, onde: str, mes: str) -> None:
    """Na Revisão, escolhe o envio de Vitória no período `mes` (a demonstração pode ter outros dela na fila)."""
    page = aba.page
    caixa = page.get_by_test_id("stSelectbox").filter(has_text="Envio em exame")
    caixa.click()
    page.keyboard.type("Vitória")
    page.get_by_role("option").filter(has_text="Escritório Social de Vitória").filter(has_text=mes).first.click()
    aba.esperar()
    expect(
        page.locator("[data-testid='stMain'] h3").filter(has_text="Escritório Social de Vitória").first,
        f"{onde}: envio de Vitória em exame",
    ).to_contain_text(mes, timeout=20_000)


def test_um_valor_da_entrada_a_aprovacao(aba):
    """O ponto focal de Vitória escolhe o mês corrente (aberto e vazio na demonstração), preenche e
    envia; o DMF valida; a Comissão do CNMP aprova; o ponto focal, pelo link do período, vê o envio
    aprovado e travado."""
    page = aba.page
    valores = ["120", "260", "90", "40", "12", "15", "18", "9"]  # E01..E08: respeitam as regras do catálogo

    _abrir(aba, "pf_escritorio", "Coleta")
    mes = rotulo_periodo("mensal", relogio.hoje().year, relogio.hoje().month)
    page.get_by_test_id("stSelectbox").filter(has_text="Período").first.click()
    page.get_by_role("option").filter(has_text=mes).first.click()
    aba.esperar()
    expect(
        page.locator("[data-testid='stMain'] h3").filter(has_text="Escritório Social de Vitória").first
    ).to_contain_text(mes, timeout=20_000)
    expect(page.get_by_test_id("stMarkdownContainer").filter(has_text="Situação do envio:").first).to_contain_text(
        "Sem dados"
    )
    totais = page.get_by_label("Total", exact=True)
    expect(totais).to_have_count(len(valores))
    for campo, v in zip(totais.all(), valores):
        campo.fill(v)
    page.get_by_role("button", name="Enviar para validação").click()
    aba.esperar()
    expect(page.get_by_text("Enviado para validação do DMF.")).to_be_visible(timeout=20_000)
    expect(page.get_by_test_id("stMarkdownContainer").filter(has_text="Situação do envio:").first).to_contain_text(
        "Enviado"
    )
    conferir_sem_erro(aba, "ponto focal depois de enviar")
    periodo = re.search(r"[?&]periodo=(\d+)", page.url).group(1)  # o período escolhido fica na URL
    _sair(aba)

    _abrir(aba, "dmf", "Revisão")
    _examinar_envio_de_vitoria(aba, "DMF", mes)
    expect(page.get_by_test_id("stDataFrame").filter(has_text="Atendimentos realizados").first).to_be_visible()
    page.get_by_role("button", name="Validar", exact=True).click()
    aba.esperar()
    expect(page.get_by_text("validado: segue para a Comissão do CNMP")).to_be_visible(timeout=20_000)
    _sair(aba)

    _abrir(aba, "cnmp", "Revisão")
    _examinar_envio_de_vitoria(aba, "CNMP", mes)
    page.get_by_role("button", name="Aprovar", exact=True).click()
    aba.esperar()
    expect(page.get_by_text("aprovado: os valores ficam travados")).to_be_visible(timeout=20_000)
    _sair(aba)

    _abrir(aba, "pf_escritorio", "Coleta")
    aba.ir(f"/coleta?periodo={periodo}")  # como o link do e-mail da aprovação
    expect(page.get_by_test_id("stMarkdownContainer").filter(has_text="Situação do envio:").first).to_contain_text(
        "Aprovado pelo CNMP"
    )
    expect(page.get_by_text("aprovados pelo CNMP e estão travados")).to_be_visible()
    assert page.get_by_role("button", name="Enviar para validação").count() == 0
    conferir_sem_erro(aba, "ponto focal depois da aprovação")
    conferir_sem_internet(aba, "entrada à aprovação")


def _coleta_grupo_pr(aba) -> None:
    _abrir(aba, "pf_grupo", "Coleta")
    expect(aba.page.get_by_label("Total", exact=True).first).to_be_visible(timeout=20_000)


def test_conflito_de_edicao_recarrega_o_gravado_no_navegador(aba, outra_aba):
    """Duas sessões do ponto focal do Grupo do PR no mesmo formulário. A segunda a gravar recebe
    o aviso de conflito; “Carregar a versão atual” tem de mostrar no navegador o que a primeira
    gravou (e não o texto recusado, que o navegador guardava sob a mesma chave do campo), e só
    então a nova gravação vale. Depois de gravar, o comentário some do campo."""
    _coleta_grupo_pr(aba)
    _coleta_grupo_pr(outra_aba)
    a, b = aba.page, outra_aba.page

    a.get_by_label("Total", exact=True).first.fill("11")
    a.get_by_role("button", name="Gravar rascunho").click()
    aba.esperar()
    expect(a.get_by_text("Rascunho gravado.")).to_be_visible(timeout=20_000)
    expect(a.get_by_label("Total", exact=True).first).to_have_value("11")

    b.get_by_label("Total", exact=True).first.fill("22")
    b.get_by_role("button", name="Gravar rascunho").click()
    outra_aba.esperar()
    expect(b.get_by_text("por outra pessoa").first).to_be_visible(timeout=20_000)
    expect(b.get_by_label("Total", exact=True).first).to_have_value("22")  # o digitado fica até a recarga

    b.get_by_role("button", name="Carregar a versão atual").click()
    outra_aba.esperar()
    expect(b.get_by_label("Total", exact=True).first, "a recarga mostra o que a outra sessão gravou").to_have_value(
        "11", timeout=20_000
    )
    b.get_by_label("Total", exact=True).first.fill("33")
    b.get_by_role("button", name="Gravar rascunho").click()
    outra_aba.esperar()
    expect(b.get_by_text("Rascunho gravado.")).to_be_visible(timeout=20_000)
    expect(b.get_by_label("Total", exact=True).first).to_have_value("33")
    conferir_sem_erro(outra_aba, "depois da recarga e da nova gravação")
