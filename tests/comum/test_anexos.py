"""Anexos (comum/anexos.py, issue #16 item 9): o conteúdo confere com a extensão, os formatos
compactados passam pelo diretório do ZIP e o tipo gravado e servido é o da extensão conferida,
nunca o informado pelo navegador."""

from __future__ import annotations

import io

import openpyxl

from comum.anexos import ArquivoEnviado, guardar_anexo, tipo_para_baixar, validar_arquivo
from ferramentas import arquivos_maliciosos as am

PDF = b"%PDF-1.4\n%teste\n"


def test_executavel_renomeado_para_pdf_e_recusado():
    """Antes, um executável renomeado .pdf era guardado e servido como PDF."""
    (p,) = validar_arquivo(ArquivoEnviado(*am.elf_como_pdf(), "application/pdf"))
    assert p.campo == "arquivo"
    assert p.mensagem == (
        "“relatorio.pdf” tem a extensão .pdf, mas o conteúdo é um programa executável (ELF); "
        "o arquivo foi recusado (envie o arquivo original, sem renomear)"
    )


def test_bomba_de_compressao_como_zip_ou_docx_e_recusada():
    for nome in ("documentos.zip", "ata.docx"):
        (p,) = validar_arquivo(ArquivoEnviado(*am.zip_bomba(200, nome)))
        assert "bomba de compressão" in p.mensagem, p.mensagem


def test_arquivos_bons_passam():
    buf = io.BytesIO()
    openpyxl.Workbook().save(buf)
    for arq in (
        ArquivoEnviado("nota.pdf", PDF),
        ArquivoEnviado("lista.xlsx", buf.getvalue()),
        ArquivoEnviado("lista.csv", "Órgão;Valor\n".encode("cp1252")),
        ArquivoEnviado("ata.txt", "Ata da reunião\n".encode()),
    ):
        assert validar_arquivo(arq) == [], arq.nome


def test_nome_enorme_citado_em_80_caracteres():
    nome = "a" * 300 + ".pdf"
    (p,) = validar_arquivo(ArquivoEnviado(nome, b"texto"))
    assert "a" * 81 not in p.mensagem and f"“{'a' * 80}…”" in p.mensagem


def test_tipo_gravado_e_servido_e_o_da_extensao_conferida(banco_limpo):
    from core.banco import sessao

    with sessao(None) as s:
        a = guardar_anexo(s, ArquivoEnviado("C:\\docs\\nota.pdf", PDF, "text/html"))
        assert (a.nome_arquivo, a.tipo_mime) == ("nota.pdf", "application/pdf")
    assert tipo_para_baixar("nota.pdf") == "application/pdf"
    assert tipo_para_baixar("ata.txt") == "text/plain"
