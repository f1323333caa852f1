"""O tipo de um arquivo julgado pelo conteúdo (assinatura nos primeiros bytes, a “magic”), não pelo
nome: uma tabela pequena com os tipos que o sistema aceita (anexos, publicações, planilhas) e os
binários que mais aparecem disfarçados (executáveis, compactados). Quem recebe um arquivo confere a
extensão contra o conteúdo (`conferir_extensao`) e grava o tipo MIME da tabela (`mime_da_extensao`),
nunca o que o navegador informou."""

from __future__ import annotations

import io
import zipfile

from core.erros import trecho

# tipo detectado → como aparece nas mensagens
DESCRICAO = {
    "pdf": "um PDF",
    "png": "uma imagem PNG",
    "jpeg": "uma imagem JPEG",
    "gif": "uma imagem GIF",
    "ole": "um arquivo do Office 97-2003 (.doc, .xls ou .ppt)",
    "xlsx": "uma planilha XLSX",
    "docx": "um documento DOCX",
    "pptx": "uma apresentação PPTX",
    "odt": "um documento ODT",
    "ods": "uma planilha ODS",
    "odp": "uma apresentação ODP",
    "zip": "um arquivo ZIP",
    "elf": "um programa executável (ELF)",
    "exe": "um programa executável do Windows",
    "macho": "um programa executável do macOS",
    "script": "um script executável",
    "gzip": "um arquivo compactado GZIP",
    "rar": "um arquivo compactado RAR",
    "7z": "um arquivo compactado 7-Zip",
    "utf16": "um texto em UTF-16",
    "texto": "um texto",
    "binario": "um arquivo binário",
}

# assinatura (prefixo) → tipo; os ZIP são refinados pelo diretório (`_tipo_do_zip`)
_ASSINATURAS = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # ZIP vazio
    (b"\x7fELF", "elf"),
    (b"MZ", "exe"),  # só com o cabeçalho do DOS inteiro (ver `identificar`): “MZ;...” pode ser um CSV
    (b"\xcf\xfa\xed\xfe", "macho"),
    (b"\xce\xfa\xed\xfe", "macho"),
    (b"\xca\xfe\xba\xbe", "macho"),
    (b"#!/", "script"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\xff\xfe", "utf16"),
    (b"\xfe\xff", "utf16"),
)

# extensão aceita → (tipos de conteúdo que ela admite, tipo MIME gravado e servido)
EXTENSOES = {
    ".pdf": ({"pdf"}, "application/pdf"),
    ".png": ({"png"}, "image/png"),
    ".jpg": ({"jpeg"}, "image/jpeg"),
    ".jpeg": ({"jpeg"}, "image/jpeg"),
    ".doc": ({"ole"}, "application/msword"),
    ".xls": ({"ole"}, "application/vnd.ms-excel"),
    ".ppt": ({"ole"}, "application/vnd.ms-powerpoint"),
    ".docx": ({"docx"}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ({"xlsx"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pptx": ({"pptx"}, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ".odt": ({"odt"}, "application/vnd.oasis.opendocument.text"),
    ".ods": ({"ods"}, "application/vnd.oasis.opendocument.spreadsheet"),
    ".odp": ({"odp"}, "application/vnd.oasis.opendocument.presentation"),
    ".zip": ({"zip", "xlsx", "docx", "pptx", "odt", "ods", "odp"}, "application/zip"),
    ".csv": ({"texto", "utf16"}, "text/csv"),
    ".txt": ({"texto", "utf16"}, "text/plain"),
}
FAMILIA_ZIP = {"zip", "xlsx", "docx", "pptx", "odt", "ods", "odp"}
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
_OOXML = (("xl/workbook.xml", "xlsx"), ("word/document.xml", "docx"), ("ppt/presentation.xml", "pptx"))
_AMOSTRA = 8192  # bytes do começo examinados para decidir se é texto


def extensao(nome: str) -> str:
    """“Relatório.Final.PDF” → “.pdf”; sem ponto → “”."""
    base = (nome or "").replace("\\", "/").rsplit("/", 1)[-1]
    return ("." + base.rsplit(".", 1)[-1].lower()) if "." in base else ""


def mime_da_extensao(nome: str) -> str:
    """O tipo MIME gravado e servido para um arquivo já conferido (`conferir_extensao`)."""
    return EXTENSOES.get(extensao(nome), (set(), "application/octet-stream"))[1]


def _tipo_do_zip(conteudo: bytes) -> str:
    """ZIP comum ou pacote do Office/LibreOffice, pelo diretório do ZIP (só nomes; nada é
    descompactado além do “mimetype” do ODF, que tem poucos bytes)."""
    try:
        with zipfile.ZipFile(io.BytesIO(conteudo)) as zf:
            nomes = set(zf.namelist())
            if "mimetype" in nomes and zf.getinfo("mimetype").file_size <= 100:
                tipo = _ODF.get(zf.read("mimetype").strip())
                if tipo:
                    return tipo
            if "[Content_Types].xml" in nomes:
                for parte, tipo in _OOXML:
                    if parte in nomes:
                        return tipo
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        pass  # diretório ilegível: continua “zip”, e quem lê o conteúdo recusa com a sua mensagem
    return "zip"


def _parece_utf16(amostra: bytes) -> bool:
    """Texto UTF-16 sem BOM: um byte nulo a cada dois (caracteres latinos)."""
    pares = amostra[: len(amostra) // 2 * 2]
    if len(pares) < 4:
        return False
    nulos_pares, nulos_impares = pares[0::2].count(0), pares[1::2].count(0)
    metade = len(pares) // 2
    return max(nulos_pares, nulos_impares) >= metade * 0.6 and min(nulos_pares, nulos_impares) <= metade * 0.05


def identificar(conteudo: bytes) -> str:
    """O tipo do conteúdo, uma das chaves de `DESCRICAO`: pela assinatura dos primeiros bytes; sem
    assinatura conhecida, “utf16”, “texto” (sem bytes nulos nem caracteres de controle fora de
    tabulação e quebras de linha) ou “binario”."""
    for prefixo, tipo in _ASSINATURAS:
        if conteudo.startswith(prefixo):
            if tipo == "exe" and b"\x00" not in conteudo[:64]:
                continue
            return _tipo_do_zip(conteudo) if tipo == "zip" else tipo
    inicio = 3 if conteudo.startswith(b"\xef\xbb\xbf") else 0  # BOM do UTF-8
    amostra = conteudo[inicio : inicio + _AMOSTRA]
    if b"%PDF-" in amostra[:1024]:  # o PDF admite lixo antes do cabeçalho
        return "pdf"
    if b"\x00" in amostra:
        return "utf16" if _parece_utf16(amostra) else "binario"
    controles = sum(amostra.count(bytes([b])) for b in (*range(0, 9), 11, *range(14, 27), *range(28, 32)))
    return "binario" if controles > max(2, len(amostra) // 100) else "texto"


def descrever(tipo: str) -> str:
    return DESCRICAO.get(tipo, DESCRICAO["binario"])


def conferir_extensao(nome: str, conteudo: bytes) -> str | None:
    """None se o conteúdo é do tipo que a extensão de `nome` promete (tabela `EXTENSOES`); senão a
    mensagem em pt-BR. Extensão fora da tabela é problema de quem chama (lista de aceitas)."""
    ext = extensao(nome)
    aceitos = EXTENSOES.get(ext, (None, ""))[0]
    if aceitos is None:
        return None
    tipo = identificar(conteudo)
    if tipo in aceitos:
        return None
    return (
        f"“{trecho(nome)}” tem a extensão {ext}, mas o conteúdo é {descrever(tipo)}; "
        "o arquivo foi recusado (envie o arquivo original, sem renomear)"
    )
