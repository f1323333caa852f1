"""Issue #17, item 5: nenhum campo decimal da tela passa pelo `st.number_input` (nele, “2,5” virava 25
sem aviso); decimais e dinheiro usam `ui.campos.campo_decimal`, lido por `comum.formatos.ler_decimal`.
O `number_input` fica só para contagens inteiras (passo inteiro, `format="%d"`), e toda data é
mostrada em DD/MM/AAAA."""

from __future__ import annotations

import ast

from tests.conftest import RAIZ

ARQUIVOS = sorted([*(RAIZ / "paginas").rglob("*.py"), *(RAIZ / "ui").rglob("*.py")])  # com as subpastas


def _chamadas(nome: str):
    for arq in ARQUIVOS:
        for no in ast.walk(ast.parse(arq.read_text(encoding="utf-8"))):
            if isinstance(no, ast.Call) and isinstance(no.func, ast.Attribute) and no.func.attr == nome:
                yield f"{arq.relative_to(RAIZ)}:{no.lineno}", {k.arg: k.value for k in no.keywords}


def test_number_input_so_para_inteiros():
    achados = list(_chamadas("number_input"))
    assert achados, "a varredura não achou nenhum number_input: o teste não está olhando os arquivos certos"
    ruins = []
    for onde, args in achados:
        formato = args.get("format")
        passo = args.get("step")
        inteiro = isinstance(formato, ast.Constant) and formato.value == "%d"
        inteiro = inteiro and isinstance(passo, ast.Constant) and isinstance(passo.value, int)
        for chave in ("min_value", "max_value", "value", "step"):
            v = args.get(chave)
            if isinstance(v, ast.Constant) and isinstance(v.value, float):
                inteiro = False
        if not inteiro:
            ruins.append(onde)
    assert not ruins, f"number_input decimal (use ui.campos.campo_decimal) ou sem step inteiro e format='%d': {ruins}"


def test_datas_em_dd_mm_aaaa():
    ruins = []
    for onde, args in _chamadas("date_input"):
        formato = args.get("format")
        if not (isinstance(formato, ast.Constant) and formato.value == "DD/MM/YYYY"):
            ruins.append(onde)
    assert not ruins, f"date_input sem format='DD/MM/YYYY' (use ui.campos.campo_data): {ruins}"
