"""Leitura única de planilhas e CSVs (comum/planilhas.py, issue #16 item 1): os ataques do issue
refeitos em tamanho de teste — <dimension> gigante, célula enorme, bomba de compressão, espaço em
branco, CSV de uma linha só, codificações, TSV e binários — recusados com mensagem própria em
pt-BR que cita no máximo 80 caracteres de um valor, sem ler além do ponto da recusa. A memória de
cada leitura é medida com o tracemalloc (nenhum tempo é afirmado: o benchmark em
ferramentas/bench_arquivos.py imprime tempo e RSS dos ataques em tamanho real)."""

from __future__ import annotations

import io
import subprocess
import sys
import tracemalloc
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from comum import planilhas
from core.erros import ErroValidacao
from ferramentas import arquivos_maliciosos as am

LIM = planilhas.limites(20 * 1024 * 1024, 1_000)
RAIZ = Path(__file__).resolve().parents[2]
MB = 1024 * 1024


def recusa(nome: str, conteudo: bytes, lim=LIM, *, memoria_max_mb: float | None = 30):
    """O único problema da recusa, conferindo que a leitura alocou menos de `memoria_max_mb`
    (None: sem medir, onde o tracemalloc tornaria o teste lento demais)."""
    if memoria_max_mb is not None:
        tracemalloc.start()
    try:
        with pytest.raises(ErroValidacao) as exc:
            planilhas.ler_planilha(nome, conteudo, lim)
        pico = tracemalloc.get_traced_memory()[1] if memoria_max_mb is not None else 0
    finally:
        tracemalloc.stop()
    assert memoria_max_mb is None or pico < memoria_max_mb * MB, f"a recusa alocou {pico / MB:.1f} MB"
    (p,) = exc.value.problemas
    assert p.campo == "arquivo"
    assert len(p.mensagem) < 400, p.mensagem  # nunca o valor inteiro
    return p


def xlsx(linhas, titulo="Fluxos") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = titulo
    for r in linhas:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- planilhas boas continuam como eram ---------------------------------------------------------


def test_csv_e_xlsx_bons_lidos_com_linhas_vazias_de_fora():
    csv_ = "a;b\r\n1;2\r\n;\r\n\r\n3;4\r\n".encode("cp1252")
    assert planilhas.ler_planilha("x.csv", csv_, LIM) == [["a", "b"], ["1", "2"], ["3", "4"]]
    assert planilhas.ler_planilha("x.csv", "a,b\n1,2\n".encode("utf-8-sig"), LIM) == [["a", "b"], ["1", "2"]]
    assert planilhas.ler_planilha("x.csv", b"\r\n\r\na,b\n1,2", LIM) == [["a", "b"], ["1", "2"]]
    lidas = planilhas.ler_planilha("x.XLSX", xlsx([["a", "b"], [1, 2.5], [None, None], ["c", None]]), LIM)
    assert lidas == [["a", "b"], [1, 2.5], ["c"]]


def test_xlsx_le_a_aba_pedida_ou_a_primeira():
    wb = openpyxl.Workbook()
    wb.active.append(["primeira"])
    wb.create_sheet("Valores").append(["valores"])
    buf = io.BytesIO()
    wb.save(buf)
    assert planilhas.ler_planilha("x.xlsx", buf.getvalue(), LIM, aba="Valores") == [["valores"]]
    assert planilhas.ler_planilha("x.xlsx", buf.getvalue(), LIM, aba="Outra") == [["primeira"]]


# --- item 1: os ataques do issue ----------------------------------------------------------------


def test_dimension_gigante_e_ignorada():
    """Uma planilha de 4 linhas que declara A1:XFD1048576: antes, o openpyxl completava cada linha
    até a coluna 16.384 e inventava um milhão de linhas (434 MB → 1.277 MB em 16 s no Índice);
    agora só as células que existem contam."""
    nome, conteudo = am.xlsx_dimensao_enorme(["UF", "Presos"], [["AC", "1"], ["AL", "2"], ["AM", "3"]])
    tracemalloc.start()
    try:
        linhas = planilhas.ler_planilha(nome, conteudo, LIM)
        _, pico = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert linhas == [["UF", "Presos"], ["AC", "1"], ["AL", "2"], ["AM", "3"]]
    assert pico < 20 * MB, f"{pico / MB:.1f} MB"


def test_celula_enorme_compactada_e_bomba_de_compressao():
    """Uma célula de 50 MB num arquivo de 52 KB: recusada pelo diretório do ZIP (a parte cresce mil
    vezes), sem descompactar nada; a mensagem não traz a célula."""
    p = recusa(*am.xlsx_celula_enorme(8))
    assert (
        "vezes ao ser descompactada (limite: 100 vezes)" in p.mensagem
        and "bomba de compressão" in p.mensagem
        and "AAAA" not in p.mensagem
    )


def test_celula_enorme_sem_compressao_recusada_pela_varredura():
    """A mesma célula num XLSX sem compressão (passa pela razão): a varredura das partes XML acha
    o trecho de texto maior do que uma célula aceita antes de o parser juntá-lo."""
    p = recusa(*am.xlsx_celula_enorme(5, compressao=zipfile.ZIP_STORED))
    assert "trecho de texto ou de espaços com mais de 262.136 bytes" in p.mensagem


def test_espaco_em_branco_de_gigabytes():
    """1,5 MB que viram 1,5 GB de espaço em branco (3,1 GB e 19–25 s antes): aqui 40 MB contra
    uma soma descompactada aceita de 30 MB — recusado pelo diretório do ZIP, antes da razão."""
    p = recusa(*am.xlsx_espacos(40), replace(LIM, descompactado_max=30 * MB))
    assert "teria 40,0 MB descompactado; o limite é 30 MB" in p.mensagem


def test_espaco_em_branco_abaixo_da_soma_mas_acima_da_razao():
    p = recusa(*am.xlsx_espacos(20))
    assert "bomba de compressão" in p.mensagem


def test_espaco_em_branco_sem_compressao_e_em_fatias():
    """Sem compressão, o espaço passa pela razão e é achado pela varredura; em fatias (marcações
    vazias a cada 64 KB), a razão recusa."""
    assert "bytes seguidos" in recusa(*am.xlsx_espacos(3, compressao=zipfile.ZIP_STORED)).mensagem
    assert "bomba de compressão" in recusa(*am.xlsx_espacos_fatiados(20)).mensagem


def test_linha_com_celulas_demais_recusada_antes_do_parser():
    """Uma linha com 300 mil células num XLSX sem compressão: o openpyxl montaria todas (32 s e
    550 MB com 900 mil); a varredura conta as marcações da linha antes."""
    conteudo = am.xlsx_manual([b'<row r="1">' + b"<c><v>1</v></c>" * 300_000 + b"</row>"], compressao=0)
    assert "marcações XML numa só linha" in recusa("x.xlsx", conteudo).mensagem


def test_linha_distante_para_no_maximo_do_excel():
    p = recusa(*am.xlsx_linha_distante(), memoria_max_mb=None)  # um milhão de linhas vazias, uma a uma
    assert "passa da linha 1.048.576" in p.mensagem


def test_colunas_e_caracteres_por_celula_no_xlsx():
    p = recusa(*am.xlsx_colunas_demais(300))
    assert (p.linha, p.mensagem) == (1, "a linha tem 300 colunas; o limite é 200")
    longa = "Ç" * 150  # o openpyxl já corta em 32.767 ao ler; aqui, um limite configurado menor
    p = recusa("x.xlsx", xlsx([["a", "b"], ["c", longa]]), replace(LIM, caracteres_max=100))
    assert p.linha == 2 and "uma célula tem 150 caracteres; o limite é 100" in p.mensagem
    assert f"“{'Ç' * 80}…”" in p.mensagem and "Ç" * 81 not in p.mensagem


def test_colunas_vazias_a_direita_nao_contam():
    """Células só formatadas (vazias) à direita não passam o limite de colunas."""
    conteudo = am.xlsx_manual([b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="KZ1" s="0"/></row>'])
    assert planilhas.ler_planilha("x.xlsx", conteudo, LIM) == [["a"]]


def test_limite_de_linhas_para_a_leitura():
    lim = planilhas.limites(20 * MB, 3)
    assert len(planilhas.ler_planilha("x.csv", b"a;b\n1;2\n3;4\n5;6\n", lim)) == 4
    p = recusa("x.csv", b"a;b\n" + b"1;2\n" * 10, lim)
    assert p.mensagem == "tem mais de 3 linhas; o limite é 3 por arquivo. Divida-o em partes."
    p = recusa("x.xlsx", xlsx([["a"]] + [[i] for i in range(10)]), lim)
    assert p.mensagem.startswith("tem mais de 3 linhas")


def test_bomba_de_entidades_recusada():
    p = recusa(*am.xlsx_entidades())
    assert "entidades ou DTD" in p.mensagem


def test_xlsx_corrompido_ou_de_outro_tipo():
    assert "está corrompido" in recusa("x.xlsx", b"PK\x03\x04 isto nao e um zip").mensagem
    p = recusa(*am.pdf_como_xlsx())
    assert p.mensagem == "não foi possível ler a planilha XLSX: o conteúdo de “fluxos.xlsx” é um PDF, não uma planilha"
    assert "executável (ELF)" in recusa("x.xlsx", am.elf()).mensagem


def test_csv_de_uma_linha_de_10_mb():
    """10 MB numa linha só: antes, `_csv.Error` em inglês na página e traceback na CLI."""
    p = recusa(*am.csv_linha_unica(10))
    assert (p.linha, p.mensagem) == (1, "uma célula passa de 131.072 caracteres; o limite é 32.767")
    p = recusa(*am.csv_separadores(10))
    assert p.linha == 1 and p.mensagem == "a linha tem 10.485.761 colunas; o limite é 200"
    p = recusa(*am.csv_aspas_abertas(2))
    assert p.linha == 1 and "uma célula passa de" in p.mensagem


def test_celula_de_10_mb_para_no_limite_mesmo_se_outra_biblioteca_muda_o_do_csv():
    """O limite de célula do módulo csv é global e o frictionless o leva a 2³¹ ao ser importado
    (a suíte o importa nos testes dos dados abertos): a leitura o fixa de novo a cada arquivo."""
    import csv

    antes = csv.field_size_limit(sys.maxsize)
    try:
        p = recusa(*am.csv_linha_unica(10))
        assert (p.linha, p.mensagem) == (1, "uma célula passa de 131.072 caracteres; o limite é 32.767")
    finally:
        csv.field_size_limit(antes)


def test_csv_celula_acima_do_limite_citada_em_80_caracteres():
    p = recusa("x.csv", b"a;b\n1;" + b"y" * 40_000 + b"\n")
    assert p.linha == 2 and "uma célula tem 40.000 caracteres; o limite é 32.767" in p.mensagem
    assert f"“{'y' * 80}…”" in p.mensagem


@pytest.mark.parametrize(
    ("arquivo", "trecho"),
    [
        (am.csv_utf16(), "a codificação não é UTF-8 nem Windows (cp1252) — parece UTF-16; salve o CSV como UTF-8"),
        (am.csv_codificacao_desconhecida(), "a codificação não é UTF-8 nem Windows (cp1252); salve o CSV como UTF-8"),
        (am.csv_tsv(), "o arquivo está separado por tabulação (TSV)"),
        (am.csv_binario(), "“binario.csv” não é um CSV: o conteúdo é um arquivo binário, não texto"),
        (am.elf_como_csv(), "“fluxos.csv” não é um CSV: o conteúdo é um programa executável (ELF), não texto"),
        (("sem_sep.csv", b"Tipo de origem\nTAC\n"), "não tem separador de colunas"),
        (("fluxos.ods", b"x"), "“fluxos.ods”: envie CSV ou XLSX"),
        (("vazio.csv", b" \n"), "“vazio.csv” está vazio"),
    ],
    ids=["utf16", "codificacao", "tsv", "binario", "elf", "sem_separador", "extensao", "vazio"],
)
def test_csv_codificacao_separador_e_binario_tem_mensagens_proprias(arquivo, trecho):
    assert trecho in recusa(*arquivo).mensagem


def test_xlsx_com_extensao_csv_e_recusado_com_a_dica():
    p = recusa(*am.xlsx_como_csv(xlsx([["a", "b"], [1, 2]])))
    assert "o conteúdo é uma planilha XLSX; se for uma planilha XLSX, envie-a com a extensão .xlsx" in p.mensagem


def test_tamanho_recusado_antes_de_ler(monkeypatch):
    def nao_ler(*_):
        raise AssertionError("não deveria ler")

    monkeypatch.setattr(planilhas, "_linhas_csv", nao_ler)
    monkeypatch.setattr(planilhas, "_linhas_xlsx", nao_ler)
    lim = planilhas.limites(2 * MB, 10)
    p = recusa("indice.csv", b"a;b\n" + b"x" * (3 * MB), lim)
    assert p.mensagem == "“indice.csv” tem 3,0 MB; o limite é 2 MB. Divida-o em partes."


def test_limites_vem_da_configuracao(monkeypatch):
    from core.config import limpar_config

    monkeypatch.setenv("PLANILHA_COLUNAS_MAX", "3")
    monkeypatch.setenv("PLANILHA_CARACTERES_MAX", "5")
    limpar_config()
    try:
        lim = planilhas.limites(MB, 10)
        assert (lim.colunas_max, lim.caracteres_max) == (3, 5)
        assert recusa("x.csv", b"a;b;c;d\n", lim).mensagem == "a linha tem 4 colunas; o limite é 3"
        assert "uma célula tem 6 caracteres; o limite é 5" in recusa("x.csv", b"a;bbbbbb\n", lim).mensagem
    finally:
        monkeypatch.undo()
        limpar_config()


# --- leitura rápida (python-calamine) e a extensão da aba ----------------------------------------


def _ler_em_outro_processo(nome: str, conteudo: bytes, tmp_path, linhas_max=1_000) -> subprocess.CompletedProcess:
    """`ler_planilha` num processo filho com 2 GB de memória virtual: se uma grade densa escapar
    da conferência, o Rust aborta o filho (sem exceção), não a suíte."""
    arquivo = tmp_path / nome
    arquivo.write_bytes(conteudo)
    codigo = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "from comum import planilhas\n"
        "from core.erros import ErroValidacao\n"
        "try:\n"
        f"    print(len(planilhas.ler_planilha({nome!r}, open(sys.argv[1], 'rb').read(), planilhas.limites(20 << 20, {linhas_max}))))\n"
        "except ErroValidacao as exc:\n"
        "    print(exc.problemas[0].linha, exc.problemas[0].mensagem)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", codigo, str(arquivo)], capture_output=True, text=True, timeout=300, cwd=RAIZ
    )


def test_celulas_nos_cantos_nao_montam_grade(tmp_path):
    """A1 e XFD1048576: o calamine pediria 512 GB de uma vez e abortaria o processo; a varredura
    mede a extensão pelas referências e a leitura fica com o openpyxl, que recusa a linha larga."""
    r = _ler_em_outro_processo(*am.xlsx_cantos(), tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip() == "1048576 a linha tem 16.384 colunas; o limite é 200"


def test_referencia_partida_entre_dois_blocos_da_varredura(tmp_path):
    """A referência da célula distante começa antes do fim do primeiro bloco de 1 MB e termina
    no segundo: a sobreposição entre os blocos a mede mesmo assim."""

    def posicao(conteudo: bytes) -> int:
        with zipfile.ZipFile(io.BytesIO(conteudo)) as zf:
            return zf.read("xl/worksheets/sheet1.xml").index(b'<c r="ZZ900000"')

    sem_preenchimento = posicao(am.xlsx_cantos("ZZ900000")[1])
    nome, conteudo = am.xlsx_cantos("ZZ900000", preenchimento=MB - 8 - sem_preenchimento)
    assert posicao(conteudo) == MB - 8  # a referência atravessa a emenda dos dois primeiros blocos
    r = _ler_em_outro_processo(nome, conteudo, tmp_path, linhas_max=100_000)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip() == "900000 a linha tem 702 colunas; o limite é 200", r.stdout


def test_celula_alem_da_ultima_linha_do_excel_recusada_pela_varredura():
    p = recusa(*am.xlsx_cantos("B1048577"))
    assert p.mensagem == "a planilha passa da linha 1.048.576, o máximo do Excel"


@pytest.mark.parametrize("leitor", ["calamine", "openpyxl"])
def test_os_dois_leitores_dao_as_mesmas_linhas(leitor, monkeypatch):
    """O calamine (extensão conferida) e o openpyxl (extensão grande demais ou fora do comum) dão
    os mesmos valores: número inteiro como int, data como datetime, vazias como None, a linha até
    a última célula preenchida e o número da linha do Excel nas recusas."""
    if leitor == "openpyxl":
        monkeypatch.setattr(planilhas, "CELULAS_GRADE_MAX", 0)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["C3"], ws["D3"], ws["E3"] = "Tipo", "Valor", "Data"
    ws["C4"], ws["D4"], ws["E4"], ws["F4"] = "TAC", 3550308, 1.5, datetime(2026, 3, 1)
    ws["C6"], ws["D6"] = True, ""
    ws["C7"] = "x" * 150
    buf = io.BytesIO()
    wb.save(buf)
    p = recusa("x.xlsx", buf.getvalue(), replace(LIM, caracteres_max=100), memoria_max_mb=None)
    assert p.linha == 7 and "uma célula tem 150 caracteres" in p.mensagem
    del ws["C7"]
    buf = io.BytesIO()
    wb.save(buf)
    lidas = planilhas.ler_planilha("x.xlsx", buf.getvalue(), LIM)
    assert lidas == [
        [None, None, "Tipo", "Valor", "Data"],
        [None, None, "TAC", 3550308, 1.5, datetime(2026, 3, 1)],
        [None, None, True],
    ]
    assert type(lidas[1][3]) is int


@pytest.mark.parametrize(
    "aba",
    [
        b'<row r="1"><c t="inlineStr"><is><t>a</t></is></c></row>',  # sem a referência
        b'<row r="1"><c s="0" r="A1" t="inlineStr"><is><t>a</t></is></c></row>',  # referência depois
        b'<row r="1"><x:c r="A1" t="inlineStr"><is><t>a</t></is></x:c></row>',  # prefixo
    ],
    ids=["sem_referencia", "referencia_depois", "prefixo"],
)
def test_celulas_sem_referencia_medivel_ficam_com_o_openpyxl(aba, monkeypatch):
    """Sem `<c r="...` no começo de cada célula a extensão não é medida: a aba não vai ao calamine."""

    def sem_calamine(*_):
        raise AssertionError("a aba não deveria ir ao calamine")

    monkeypatch.setattr(planilhas, "_linhas_calamine", sem_calamine)
    try:
        planilhas.ler_planilha("x.xlsx", am.xlsx_manual([aba]), LIM)
    except ErroValidacao:
        pass  # o openpyxl pode recusar o prefixo sem namespace declarado: importa que o calamine não leu


def test_extensao_medida_pelas_referencias():
    ext = planilhas.Extensao()
    ext.medir(b"", b'<row r="7"><c r="B7"><v>1</v></c><c r="ab123456"><v>2</v></c></row>')
    assert (ext.conferivel, ext.ultima_linha, ext.ultima_coluna) == (True, 123_456, 28)
    assert ext.celulas == 123_456 * 28
    partida = b'<row r="9"><c r="C9"><v>1</v></c></row>'  # “<c r="” partida: metade em cada bloco
    ext.medir(b"", partida[:14])
    ext.medir(partida[:14][-32:], partida[:14][-32:] + partida[14:])
    assert ext.conferivel
    cortada = planilhas.Extensao()  # zeros à esquerda alongam a referência além da sobreposição
    cortada.medir(b"", b'<row r="1"><c r="A000000000000000000000000000000000')
    assert not cortada.conferivel
    ext.medir(b"", b'<row r="8"><c><v>1</v></c></row>')
    assert not ext.conferivel
