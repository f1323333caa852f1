"""Arquivos hostis montados por programa (issue #16): planilhas com <dimension> gigante, célula
enorme, bombas de compressão, CSV de uma linha só, codificações erradas, TSV, binários e
executáveis renomeados. Servem aos testes (tests/comum/test_planilhas.py e vizinhos) e ao
benchmark de arquivos maliciosos (`ferramentas.bench_arquivos`, `manage.py bench --arquivos`).

Cada função devolve (nome do arquivo, bytes). Os tamanhos são parâmetros: o benchmark usa os do
issue (célula de 50 MB, 1,5 GB de espaços, CSV de 10 MB); os testes, versões menores que disparam
as mesmas defesas."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterable, Iterator

MB = 1024 * 1024

_TIPOS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_LIVRO = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Fluxos" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_LIVRO_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
_ABA_INICIO = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _esc(texto: str) -> str:
    return texto.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _coluna(n: int) -> str:
    letras = ""
    while n:
        n, r = divmod(n - 1, 26)
        letras = chr(65 + r) + letras
    return letras


def linha_xml(numero: int, valores: Iterable[str]) -> bytes:
    """Uma <row> com células de texto em linha (inlineStr)."""
    celulas = "".join(
        f'<c r="{_coluna(i)}{numero}" t="inlineStr"><is><t>{_esc(v)}</t></is></c>'
        for i, v in enumerate(valores, start=1)
    )
    return f'<row r="{numero}">{celulas}</row>'.encode()


def xlsx_manual(
    partes_da_aba: Iterable[bytes],
    *,
    dimensao: str | None = None,
    compressao: int = zipfile.ZIP_DEFLATED,
    livro: str = _LIVRO,
) -> bytes:
    """Um XLSX mínimo escrito à mão, com a aba gravada aos pedaços (`partes_da_aba`, o conteúdo
    de <sheetData>), para montar arquivos de centenas de MB descompactados sem tê-los na memória."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compressao, compresslevel=9 if compressao else None) as zf:
        zf.writestr("[Content_Types].xml", _TIPOS)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", livro)
        zf.writestr("xl/_rels/workbook.xml.rels", _LIVRO_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as aba:
            aba.write(_ABA_INICIO.encode())
            if dimensao:
                aba.write(f'<dimension ref="{dimensao}"/>'.encode())
            aba.write(b"<sheetData>")
            for parte in partes_da_aba:
                aba.write(parte)
            aba.write(b"</sheetData></worksheet>")
    return buf.getvalue()


def _repetido(texto: bytes, total: int) -> Iterator[bytes]:
    bloco = texto * max(1, MB // len(texto))
    while total > 0:
        yield bloco[:total]
        total -= len(bloco)


# --- os ataques do issue #16 --------------------------------------------------------------------


def xlsx_dimensao_enorme(cabecalho: list[str], linhas: list[list[str]]) -> tuple[str, bytes]:
    """Uma planilha pequena e válida que declara <dimension ref="A1:XFD1048576">: o openpyxl, ao
    confiar nela, completava cada linha até a coluna 16.384 e inventava um milhão de linhas."""
    partes = [linha_xml(1, cabecalho)] + [linha_xml(i, r) for i, r in enumerate(linhas, start=2)]
    return "dimensao_enorme.xlsx", xlsx_manual(partes, dimensao="A1:XFD1048576")


def xlsx_celula_enorme(mb: int = 50, *, compressao: int = zipfile.ZIP_DEFLATED) -> tuple[str, bytes]:
    """Uma célula com `mb` MB de texto (o do issue: 50 MB num arquivo de 52 KB)."""
    partes = [
        linha_xml(1, ["Tipo de origem", "Órgão de origem"]),
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>',
        *_repetido(b"A", mb * MB),
        b"</t></is></c></row>",
    ]
    return "celula_enorme.xlsx", xlsx_manual(partes, compressao=compressao)


def xlsx_espacos(mb: int = 1500, *, compressao: int = zipfile.ZIP_DEFLATED) -> tuple[str, bytes]:
    """Uma aba que descompacta em `mb` MB de espaço em branco entre duas linhas (o do issue:
    1,5 MB que viram 1,5 GB)."""
    partes = [linha_xml(1, ["Tipo de origem", "Órgão de origem"]), *_repetido(b" ", mb * MB), linha_xml(2, ["a", "b"])]
    return "espacos.xlsx", xlsx_manual(partes, compressao=compressao)


def xlsx_espacos_fatiados(mb: int = 100) -> tuple[str, bytes]:
    """Espaço em branco em fatias de 64 KB separadas por marcações vazias (cada fatia abaixo do
    limite de uma célula, a soma acima do que o ZIP pode descompactar)."""
    fatia = b"<x/>" + b" " * (64 * 1024)
    return "espacos_fatiados.xlsx", xlsx_manual(_repetido(fatia, mb * MB))


def xlsx_linha_distante() -> tuple[str, bytes]:
    """Uma linha com número 2.000.000.000: quem completa as linhas que faltam gera dois bilhões."""
    partes = [linha_xml(1, ["Tipo de origem", "Órgão de origem"]), linha_xml(2_000_000_000, ["a", "b"])]
    return "linha_distante.xlsx", xlsx_manual(partes)


def xlsx_cantos(ultima: str = "XFD1048576", *, preenchimento: int = 0) -> tuple[str, bytes]:
    """Duas células, em A1 e em `ultima`: um leitor que monta a aba como grade densa (o
    python-calamine) reservaria linhas × colunas células — 512 GB para XFD1048576 — e o processo
    morreria sem exceção. `preenchimento` bytes de células comuns antes da última deslocam a
    referência dela pelo XML, byte a byte (para cair na emenda entre dois blocos da varredura)."""
    linha = "".join(c for c in ultima if c.isdigit())
    partes = [linha_xml(1, ["Tipo de origem"])]
    enchidos, n = 0, 2
    while enchidos + 64 < preenchimento:  # linhas de uma célula (2, 3, 4...) até quase o tamanho pedido
        partes.append(f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>'.encode())
        enchidos += len(partes[-1])
        n += 1
    partes.append(b" " * (preenchimento - enchidos))
    partes.append(f'<row r="{linha}"><c r="{ultima}" t="inlineStr"><is><t>x</t></is></c></row>'.encode())
    return "cantos.xlsx", xlsx_manual(partes)


def xlsx_colunas_demais(colunas: int = 5_000) -> tuple[str, bytes]:
    """Uma linha com `colunas` células preenchidas."""
    return "colunas_demais.xlsx", xlsx_manual([linha_xml(1, (f"c{i}" for i in range(colunas)))])


def xlsx_entidades() -> tuple[str, bytes]:
    """Uma “bomba de entidades” (billion laughs) no XML do livro: cada entidade vale dez da
    anterior; expandida, vira gigabytes."""
    entidades = '<!ENTITY r0 "rir">' + "".join(
        f'<!ENTITY r{i} "{("&r" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    livro = _LIVRO.replace("<workbook ", f"<!DOCTYPE workbook [{entidades}]><workbook ").replace(
        'name="Fluxos"', 'name="&r9;"'
    )
    return "entidades.xlsx", xlsx_manual([linha_xml(1, ["a", "b"])], livro=livro)


def csv_linha_unica(mb: int = 10) -> tuple[str, bytes]:
    """Um CSV de uma linha só com `mb` MB (uma célula enorme)."""
    return "linha_unica.csv", b"Tipo de origem;" + b"x" * (mb * MB) + b"\n"


def csv_separadores(mb: int = 10) -> tuple[str, bytes]:
    """Um CSV de uma linha só feita de separadores: milhões de colunas vazias."""
    return "separadores.csv", b";" * (mb * MB) + b"\n"


def csv_aspas_abertas(mb: int = 10) -> tuple[str, bytes]:
    """Aspas abertas e nunca fechadas: o resto do arquivo vira uma célula só."""
    return "aspas_abertas.csv", b'Tipo de origem;"' + b"linha\n" * (mb * MB // 6)


def csv_utf16() -> tuple[str, bytes]:
    return "indice_utf16.csv", "UF;Presos\nAC;1\n".encode("utf-16")


def csv_codificacao_desconhecida() -> tuple[str, bytes]:
    """Bytes que não são UTF-8 nem Windows-1252 (0x81, 0x8D...): no Índice, acabavam em UnboundLocalError."""
    return "indice_codificacao.csv", b"UF;Presos\nAC;\x81\x8d\x8f\x90\x9d\n"


def csv_tsv() -> tuple[str, bytes]:
    return "fluxos_tsv.csv", b"Tipo de origem\tOrg\xc3\xa3o de origem\tUF de origem\nTAC\tVEP\tPR\n"


def csv_binario(kb: int = 64) -> tuple[str, bytes]:
    """Bytes aleatórios (sempre os mesmos) com extensão .csv."""
    return "binario.csv", random.Random(16).randbytes(kb * 1024)


def elf(kb: int = 16) -> bytes:
    """O começo de um executável ELF de 64 bits, seguido de bytes aleatórios."""
    cabecalho = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00"
    return cabecalho + random.Random(9).randbytes(kb * 1024)


def elf_como_pdf() -> tuple[str, bytes]:
    return "relatorio.pdf", elf()


def elf_como_csv() -> tuple[str, bytes]:
    return "fluxos.csv", elf()


def pdf_como_xlsx() -> tuple[str, bytes]:
    return "fluxos.xlsx", b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def xlsx_como_csv(conteudo_xlsx: bytes) -> tuple[str, bytes]:
    return "fluxos.csv", conteudo_xlsx


def zip_bomba(mb: int = 1000, nome: str = "documentos.zip") -> tuple[str, bytes]:
    """Um ZIP (ou, pelo nome, um DOCX) com uma parte de `mb` MB de zeros compactada em ~1 MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        if nome.endswith(".docx"):
            zf.writestr("[Content_Types].xml", _TIPOS)
            zf.writestr("word/document.xml", "<w:document/>")
        with zf.open("zeros.bin", "w", force_zip64=True) as parte:
            for bloco in _repetido(b"\x00", mb * MB):
                parte.write(bloco)
    return nome, buf.getvalue()
