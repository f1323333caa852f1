"""Tipo de arquivo julgado pelo conteúdo (comum/tipos_arquivo.py, issue #16 item 9): a assinatura
dos primeiros bytes contra a extensão, os pacotes ZIP pelo diretório e o tipo MIME da tabela."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from comum import tipos_arquivo as ta
from ferramentas import arquivos_maliciosos as am


def _zip(partes: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for nome, conteudo in partes.items():
            zf.writestr(nome, conteudo)
    return buf.getvalue()


def _xlsx() -> bytes:
    buf = io.BytesIO()
    openpyxl.Workbook().save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("conteudo", "tipo"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\n\n%PDF-1.4 depois de lixo", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b"\xff\xd8\xff\xe0....", "jpeg"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....", "ole"),
        (am.elf(1), "elf"),
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60, "exe"),
        (b"MZ;Tipo;Valor\nx;y;1\n", "texto"),  # “MZ” num CSV não faz dele um executável
        (b"#!/bin/sh\nrm -rf /\n", "script"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        ("UF;Presos\n".encode("utf-16"), "utf16"),
        ("UF;Presos\n".encode("utf-16-le"), "utf16"),
        ("Órgão;Valor\n1.234,56\n".encode("cp1252"), "texto"),
        ("Órgão;Valor\n".encode("utf-8-sig"), "texto"),
        (am.csv_binario(4)[1], "binario"),
        (_xlsx(), "xlsx"),
        (_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}), "docx"),
        (_zip({"[Content_Types].xml": b"<x/>", "ppt/presentation.xml": b"<x/>"}), "pptx"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), "odt"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "ods"),
        (_zip({"foto.jpg": b"\xff\xd8\xff"}), "zip"),
        (b"PK\x03\x04 quebrado", "zip"),
    ],
)
def test_identificar_pelo_conteudo(conteudo, tipo):
    assert ta.identificar(conteudo) == tipo


@pytest.mark.parametrize(
    ("nome", "conteudo", "trecho"),
    [
        (
            "relatorio.pdf",
            am.elf(1),
            "“relatorio.pdf” tem a extensão .pdf, mas o conteúdo é um programa executável (ELF)",
        ),
        ("planilha.xlsx", b"%PDF-1.4\n", "mas o conteúdo é um PDF"),
        ("foto.PNG", b"\xff\xd8\xff\xe0", "mas o conteúdo é uma imagem JPEG"),
        ("ata.docx", _xlsx(), "mas o conteúdo é uma planilha XLSX"),
        ("ata.txt", am.elf(1), "mas o conteúdo é um programa executável (ELF)"),
        ("lista.csv", b"MZ\x90\x00\x03" + b"\x00" * 60, "um programa executável do Windows"),
    ],
)
def test_extensao_que_nao_confere_com_o_conteudo(nome, conteudo, trecho):
    assert trecho in ta.conferir_extensao(nome, conteudo)


@pytest.mark.parametrize(
    ("nome", "conteudo"),
    [
        ("nota.pdf", b"%PDF-1.4\n"),
        ("planilha.xlsx", _xlsx()),
        ("pacote.zip", _xlsx()),  # um XLSX também é um ZIP
        ("lista.csv", "Órgão;Valor\n".encode("cp1252")),
        ("ata.txt", "Ata\n".encode("utf-16")),
        ("sem_tabela.exe", am.elf(1)),  # extensão fora da tabela: quem chama recusa pela lista de aceitas
    ],
)
def test_extensao_que_confere(nome, conteudo):
    assert ta.conferir_extensao(nome, conteudo) is None


def test_mime_da_extensao_e_extensao():
    assert ta.mime_da_extensao("C:\\pasta\\Nota.Final.PDF") == "application/pdf"
    assert ta.mime_da_extensao("dados.csv") == "text/csv"
    assert ta.mime_da_extensao("programa.exe") == "application/octet-stream"
    assert ta.extensao("sem_extensao") == "" and ta.extensao("a.b/c") == ""
