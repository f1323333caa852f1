"""Arquivos enviados pelos usuários e guardados no banco como `Anexo`: a validação (extensão,
conteúdo que confere com ela, tamanho e, nos formatos compactados, o diretório do ZIP) e a
gravação com o tipo MIME da extensão conferida, comuns às evidências do plano, às publicações e
aos registros qualitativos."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from sqlmodel import Session

from comum import tipos_arquivo
from comum.planilhas import limites, problema_do_zip
from core.erros import Problema, trecho
from models.plano import Anexo

TAMANHO_MAX_ANEXO = 10 * 1024 * 1024
EXTENSOES_ANEXO = {
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".xls",
    ".xlsx",
    ".ods",
    ".csv",
    ".txt",
    ".png",
    ".jpg",
    ".jpeg",
    ".ppt",
    ".pptx",
    ".odp",
    ".zip",
}


@dataclass
class ArquivoEnviado:
    """Um arquivo recebido de um formulário: o nome como veio do navegador, os bytes e o tipo MIME
    informado (pode vir vazio)."""

    nome: str
    conteudo: bytes
    tipo_mime: str = ""


def validar_arquivo(arq: ArquivoEnviado | None, campo: str = "arquivo") -> list[Problema]:
    """Problemas de um arquivo enviado: extensão fora de `EXTENSOES_ANEXO`, vazio ou acima de
    `TAMANHO_MAX_ANEXO`; conteúdo que não é o que a extensão diz (um executável renomeado para
    .pdf: `comum.tipos_arquivo.conferir_extensao`); e, nos formatos compactados (DOCX, XLSX, ODT,
    ZIP...), um diretório de ZIP ilegível ou de bomba de compressão
    (`comum.planilhas.problema_do_zip`). Nenhum arquivo não é problema aqui (quem exige, confere
    antes)."""
    if arq is None:
        return []
    p = []
    nome = trecho(arq.nome)
    ext = tipos_arquivo.extensao(arq.nome)
    if ext not in EXTENSOES_ANEXO:
        p.append(
            Problema(campo, f"tipo de arquivo “{ext or nome}” não aceito; use PDF, documento, planilha, imagem ou ZIP")
        )
    if len(arq.conteudo) == 0:
        p.append(Problema(campo, f"“{nome}” está vazio"))
    elif len(arq.conteudo) > TAMANHO_MAX_ANEXO:
        mb = math.ceil(len(arq.conteudo) * 100 / 1024 / 1024) / 100  # arredonda para cima: 10 MB + 1 byte = 10,01
        p.append(Problema(campo, f"“{nome}” tem {f'{mb:.2f}'.replace('.', ',')} MB, acima do limite de 10 MB"))
    elif ext in EXTENSOES_ANEXO:
        problema = tipos_arquivo.conferir_extensao(arq.nome, arq.conteudo)
        if problema is None and tipos_arquivo.identificar(arq.conteudo) in tipos_arquivo.FAMILIA_ZIP:
            problema = problema_do_zip(arq.nome, arq.conteudo, limites(TAMANHO_MAX_ANEXO, 0))
        if problema:
            p.append(Problema(campo, problema))
    return p


def guardar_anexo(s: Session, arq: ArquivoEnviado) -> Anexo:
    """Grava `arq` como `Anexo` na sessão `s` (já validado com `validar_arquivo`) e devolve o
    registro com o id: só o nome do arquivo, sem o caminho que alguns navegadores mandam; o tipo
    MIME da extensão, que `validar_arquivo` conferiu contra o conteúdo (o que o navegador informou
    não vale: é o que o arquivo diz ser); o SHA-256 do conteúdo."""
    nome = arq.nome.replace("\\", "/").rsplit("/", 1)[-1][:200]
    mime = tipos_arquivo.mime_da_extensao(nome)
    a = Anexo(
        nome_arquivo=nome,
        tipo_mime=mime[:100],
        tamanho=len(arq.conteudo),
        sha256=hashlib.sha256(arq.conteudo).hexdigest(),
        conteudo=arq.conteudo,
    )
    s.add(a)
    s.flush()
    return a


def tipo_para_baixar(nome_arquivo: str) -> str:
    """O tipo MIME com que um anexo sai no download: o da extensão, que `validar_arquivo` conferiu
    contra o conteúdo na inclusão e `guardar_anexo` gravou. Um anexo incluído antes dessa
    conferência (com o tipo que o navegador informou) também sai com o tipo da extensão, nunca
    com o informado."""
    return tipos_arquivo.mime_da_extensao(nome_arquivo)
