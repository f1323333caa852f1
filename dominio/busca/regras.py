"""Regras da busca: a forma de comparação dos textos (sem acentos nem caixa), o número CNJ com
ou sem pontuação e o limite do que se digita. Funções puras, sem banco."""

from __future__ import annotations

import re
import unicodedata

TAMANHO_MAXIMO = 100  # caracteres da consulta; o resto é descartado
TAMANHO_MINIMO = 2  # menos que isso casaria com quase tudo
DIGITOS_MINIMOS_PROCESSO = 7  # o número sequencial NNNNNNN do número CNJ
_NAO_DIGITO = re.compile(r"\D")


def normalizar(texto) -> str:
    """Forma de comparação: sem acentos (decomposição NFKD do `unicodedata`), em minúsculas e com
    os espaços reduzidos a um só — “São  JOSÉ” e “sao jose” casam."""
    decomposto = unicodedata.normalize("NFKD", str(texto or ""))
    sem_acento = "".join(c for c in decomposto if not unicodedata.combining(c))
    return " ".join(sem_acento.casefold().split())


def preparar_consulta(texto) -> str:
    """O que foi digitado, aparado e cortado em `TAMANHO_MAXIMO` caracteres, sem caracteres de
    controle (texto hostil é só texto: a busca nunca o interpreta)."""
    limpo = "".join(c if c.isprintable() else " " for c in str(texto or ""))
    return " ".join(limpo.split())[:TAMANHO_MAXIMO]


def casa(consulta_normalizada: str, *campos) -> bool:
    """Cada palavra da consulta aparece em algum dos `campos` (comparados por `normalizar`)."""
    alvo = " ".join(normalizar(c) for c in campos if c)
    return all(palavra in alvo for palavra in consulta_normalizada.split())


def digitos_de_processo(texto) -> str | None:
    """Os dígitos de um número de processo CNJ (Res. CNJ 65/2008, art. 1º: NNNNNNN-DD.AAAA.J.TR.OOOO)
    digitado com ou sem pontuação: só quando a consulta é feita de dígitos e da pontuação do
    número (“-”, “.”, espaço) e tem ao menos `DIGITOS_MINIMOS_PROCESSO` dígitos; senão None."""
    t = str(texto or "").strip()
    if not t or re.search(r"[^\d.\-\s/]", t):
        return None
    digitos = _NAO_DIGITO.sub("", t)
    return digitos if DIGITOS_MINIMOS_PROCESSO <= len(digitos) <= 20 else None
