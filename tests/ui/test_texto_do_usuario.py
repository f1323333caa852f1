"""Texto digitado por alguém é texto (issue #16, item 2): nenhum `unsafe_allow_html` nem `st.html`
com conteúdo que não seja constante, e os campos de texto livre que entram em markdown (títulos,
descrições, comentários, nomes) passam por `ui.comum.texto_md` (ou `ui.comum.link_md`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import RAIZ
from ui.comum import link_md, texto_md

ARQUIVOS = sorted(
    # rglob: as subpastas também (ui/graficos/, ui/aplicacao/)
    [RAIZ / "app.py", *(RAIZ / "paginas").rglob("*.py"), *(RAIZ / "ui").rglob("*.py")],
)
TODO_O_CODIGO = sorted(
    p
    for pasta in ("paginas", "ui", "dominio", "comum", "core", "models", "demo", "ferramentas")
    for p in (RAIZ / pasta).rglob("*.py")
) + [RAIZ / "app.py", RAIZ / "manage.py"]

# funções do Streamlit cujo texto (primeiro argumento ou `label`/`help`) é markdown
RENDERIZAM_MARKDOWN = {
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "success",
    "toast",
    "title",
    "header",
    "subheader",
    "write",
    "expander",
    "popover",
    "metric",
    "button",
    "checkbox",
    "toggle",
    "radio",
    "page_link",
    "link_button",
    "download_button",
    "form_submit_button",
}
# campos de texto livre dos modelos e colunas dos serviços que os carregam
CAMPOS_DE_TEXTO = {
    "nome",
    "titulo",
    "descricao",
    "texto",
    "comentario",
    "comentario_revisao",
    "resumo",
    "definicao",
    "orgao_origem",
    "orgao_contratante",
    "orgao_gestor",
    "orgao_proponente",
    "objeto",
    "registrado_por",
    "incluido_por",
    "informantes",
    "motivo",
    "observacao",
    "observacoes",
    "link",
    "unidade_medida",
    "equipe",
    "achados",
    "recomendacoes",
    "contato_pontos_focais",
    "ato_criacao",
    "conselho_gestor",
    "termo_cooperacao",
    "medidas_adotadas",
    "processo",
    "email",
    "fornecedor",
    "contato",
    "fonte",
}
COLUNAS_DE_TEXTO = {"Título", "Nome", "Indicador", "Descrição", "Texto", "Destino", "Procedimento", "Unidade", "Órgão"}
PROTEGEM = {"texto_md", "link_md"}


def _arvore(arquivo: Path) -> ast.AST:
    return ast.parse(arquivo.read_text(encoding="utf-8"))


def _nome_da_chamada(no: ast.Call) -> str:
    f = no.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def _texto_livre_sem_escape(expr: ast.AST) -> list[str]:
    """Trechos de `expr` que levam um campo de texto livre ao markdown sem `texto_md`."""
    achados: list[str] = []

    def visitar(no: ast.AST) -> None:
        if isinstance(no, ast.Call) and _nome_da_chamada(no) in PROTEGEM:
            return  # o que está dentro já sai escapado
        if isinstance(no, ast.IfExp):  # a condição não vai para a tela
            visitar(no.body)
            visitar(no.orelse)
            return
        if isinstance(no, (ast.ListComp, ast.GeneratorExp)):  # o que vai para a tela é o elemento
            visitar(no.elt)
            return
        if isinstance(no, ast.Attribute) and no.attr in CAMPOS_DE_TEXTO:
            achados.append(ast.unparse(no))
            return
        if isinstance(no, ast.Subscript) and isinstance(no.slice, ast.Constant) and no.slice.value in COLUNAS_DE_TEXTO:
            achados.append(ast.unparse(no))
            return
        for filho in ast.iter_child_nodes(no):
            visitar(filho)

    visitar(expr)
    return achados


# funções que escapam um valor para dentro de um <script> (literal JSON com <, > e & em \\uXXXX)
ESCAPAM_PARA_SCRIPT = {"_js", "_js_gravar_cookie"}


def _escapado_para_script(no: ast.AST) -> bool:
    return (
        isinstance(no, ast.FormattedValue)
        and isinstance(no.value, ast.Call)
        and isinstance(no.value.func, ast.Name)
        and no.value.func.id in ESCAPAM_PARA_SCRIPT
    )


def _constante(expr: ast.AST) -> bool:
    """Texto fixo: constantes, um arquivo do projeto (`RAIZ / "static" / ...`) ou um f-string cujos
    valores variáveis passam todos por uma função que os escapa para dentro de um <script>
    (`ui.aplicacao.sessao.navegar`: o caminho para onde o navegador vai, como literal JSON)."""
    if isinstance(expr, ast.JoinedStr):
        return all(isinstance(v, ast.Constant) or _escapado_para_script(v) for v in expr.values)
    return all(
        isinstance(n, (ast.Constant, ast.BinOp, ast.Div, ast.Add, ast.Load))
        or (isinstance(n, ast.Name) and n.id == "RAIZ")
        for n in ast.walk(expr)
    )


@pytest.mark.parametrize("arquivo", TODO_O_CODIGO, ids=lambda p: str(p.relative_to(RAIZ)))
def test_sem_html_com_conteudo_variavel(arquivo):
    """`unsafe_allow_html=True` e `st.html` só com texto constante (nunca com texto de alguém)."""
    problemas = []
    for no in ast.walk(_arvore(arquivo)):
        if not isinstance(no, ast.Call):
            continue
        html_liberado = any(
            k.arg == "unsafe_allow_html" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
            for k in no.keywords
        )
        if html_liberado or _nome_da_chamada(no) == "html":
            conteudo = no.args[0] if no.args else None
            if not (conteudo is not None and _constante(conteudo)):
                problemas.append(f"linha {no.lineno}: {ast.unparse(no)[:100]}")
    assert problemas == []


@pytest.mark.parametrize("arquivo", ARQUIVOS, ids=lambda p: str(p.relative_to(RAIZ)))
def test_texto_livre_entra_no_markdown_pelo_texto_md(arquivo):
    problemas = []
    for no in ast.walk(_arvore(arquivo)):
        if not (isinstance(no, ast.Call) and _nome_da_chamada(no) in RENDERIZAM_MARKDOWN):
            continue
        alvos = no.args[:1] + [k.value for k in no.keywords if k.arg in ("label", "help", "body", "body_text")]
        if _nome_da_chamada(no) == "metric":
            alvos = no.args[:1] + [k.value for k in no.keywords if k.arg in ("label", "help")]
        for alvo in alvos:
            for trecho in _texto_livre_sem_escape(alvo):
                problemas.append(f"linha {no.lineno}: {trecho}")
    assert problemas == []


def test_script_so_com_valores_escapados():
    """Um <script> montado com f-string passa só se todo valor variável vier por `_js`."""
    assert _constante(ast.parse('f"<script>go({_js(url)});</script>"', mode="eval").body)
    assert not _constante(ast.parse('f"<script>go({url});</script>"', mode="eval").body)
    assert not _constante(ast.parse('f"<script>go({_js(url)}, {outro})</script>"', mode="eval").body)


def test_o_detector_acha_o_caso_inseguro():
    """O detector acima reprova o padrão inseguro (senão o teste passaria sem olhar nada)."""
    inseguro = ast.parse("st.markdown(f\"**{p.titulo}** {r['Nome']}\")").body[0].value
    seguro = ast.parse("st.markdown(f\"**{texto_md(p.titulo)}** {texto_md(r['Nome'])}\")").body[0].value
    assert _texto_livre_sem_escape(inseguro.args[0]) == ["p.titulo", "r['Nome']"]
    assert _texto_livre_sem_escape(seguro.args[0]) == []


PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=http://example.org/x.png onerror=alert(1)>",
    "![x](http://example.org/p.png)",
    "[clique](javascript:alert(1))",
    ":red[alerta] :material/warning:",
    "$\\frac{1}{2}$ $$x^2$$",
    "**negrito** _itálico_ `código` # título",
    "<a href='http://example.org'>link</a>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_texto_md_escapa_cada_caractere_com_sentido(payload):
    escapado = texto_md(payload)
    assert escapado.replace("\\", "") == payload.replace("\\", "")  # só ganhou barras
    # todo <, >, [, ], $, *, _, ` e | ganhou barra; e todo “:” seguido de letra
    for i, c in enumerate(escapado):
        if c in "<>[]$*_`|" or (c == ":" and escapado[i + 1 : i + 2].isalnum()):
            assert i > 0 and escapado[i - 1] == "\\", (c, i, escapado)


@pytest.mark.parametrize(
    "texto,esperado",
    [
        ("# título", "\\# título"),
        ("- item", "\\- item"),
        ("  1. item", "  1\\. item"),
        ("> citação", "\\> citação"),
        ("Campo nome: mínimo 3 (três) caracteres.", "Campo nome: mínimo 3 (três) caracteres."),
        ("dmf@demo.pnat.jus.br", "dmf@demo.pnat.jus.br"),
        (":red[a] :material/warning:", "\\:red\\[a\\] \\:material/warning:"),
        ("linha 1\nlinha 2", "linha 1 linha 2"),
    ],
)
def test_texto_md_so_escapa_o_que_faz_markdown(texto, esperado):
    """Texto comum fica legível (mensagens que citam o digitado continuam iguais); o que abriria
    bloco só é escapado no começo."""
    assert texto_md(texto) == esperado


def test_link_md_codifica_o_endereco_e_escapa_o_rotulo():
    md = link_md("https://exemplo.jus.br/a b)(<x>", "![img](http://example.org/p.png)")
    assert md.startswith("[!\\[img\\](http\\://example.org/p.png)](")
    assert md.endswith("(https://exemplo.jus.br/a%20b%29%28%3Cx%3E)")


def test_texto_em_grafico_aparece_literal():
    """O Plotly interpreta parte do HTML em rótulos e dicas: texto de alguém vai como entidades."""
    import pandas as pd

    from ui.graficos import barras_progresso_metas, texto_grafico

    assert texto_grafico("<a href='x'>a & b</a>") == "&lt;a href='x'&gt;a &amp; b&lt;/a&gt;"
    fig = barras_progresso_metas(
        pd.DataFrame({"Meta": ["a"], "Progresso (%)": [50.0], "Texto": ["<img src=http://example.org/p.png>"]})
    )
    assert fig.data[0].hovertext[0] == "&lt;img src=http://example.org/p.png&gt;"
