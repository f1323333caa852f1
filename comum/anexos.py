"""Arquivos enviados pelos usuários e guardados no banco como `Anexo`: a validação (tipo e
tamanho) e a gravação, comuns às evidências do plano, às publicações e aos registros
qualitativos."""

from __future__ import annotations

import hashlib
import math
import mimetypes
from dataclasses import dataclass

from sqlmodel import Session

from core.erros import Problema
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
    `TAMANHO_MAX_ANEXO`. Nenhum arquivo não é problema aqui (quem exige, confere antes)."""
    if arq is None:
        return []
    p = []
    ext = ("." + arq.nome.rsplit(".", 1)[-1].lower()) if "." in arq.nome else ""
    if ext not in EXTENSOES_ANEXO:
        p.append(
            Problema(
                campo, f"tipo de arquivo “{ext or arq.nome}” não aceito; use PDF, documento, planilha, imagem ou ZIP"
            )
        )
    if len(arq.conteudo) == 0:
        p.append(Problema(campo, f"“{arq.nome}” está vazio"))
    elif len(arq.conteudo) > TAMANHO_MAX_ANEXO:
        mb = math.ceil(len(arq.conteudo) * 100 / 1024 / 1024) / 100  # arredonda para cima: 10 MB + 1 byte = 10,01
        p.append(Problema(campo, f"“{arq.nome}” tem {f'{mb:.2f}'.replace('.', ',')} MB, acima do limite de 10 MB"))
    return p


def guardar_anexo(s: Session, arq: ArquivoEnviado) -> Anexo:
    """Grava `arq` como `Anexo` na sessão `s` (já validado com `validar_arquivo`) e devolve o
    registro com o id: só o nome do arquivo, sem o caminho que alguns navegadores mandam; o tipo
    MIME informado ou deduzido da extensão; o SHA-256 do conteúdo."""
    nome = arq.nome.replace("\\", "/").rsplit("/", 1)[-1][:200]
    mime = arq.tipo_mime or mimetypes.guess_type(nome)[0] or "application/octet-stream"
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
