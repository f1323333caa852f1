"""Validação de identificadores brasileiros e de datas informadas."""

from __future__ import annotations

import re
from datetime import date

from brutils import is_valid_cnpj

from core.erros import Problema


def somente_digitos(texto: str | None) -> str:
    return re.sub(r"\D", "", texto or "")


def validar_cnpj(texto: str) -> str:
    """Instrução Normativa RFB 2.119/2022 (Cadastro Nacional da Pessoa Jurídica): 14 dígitos, os
    dois últimos verificadores (módulo 11, conferidos pelo brutils). Devolve o CNPJ só com
    dígitos ou levanta ValueError."""
    digitos = somente_digitos(texto)
    if len(digitos) != 14:
        raise ValueError(f"CNPJ “{texto}” deve ter 14 dígitos")
    if not is_valid_cnpj(digitos):
        raise ValueError(f"CNPJ “{texto}” inválido: dígitos verificadores não conferem")
    return digitos


def formatar_cnpj(digitos: str | None) -> str:
    d = somente_digitos(digitos)
    if len(d) != 14:
        return digitos or ""
    return f"{d[:2]}.{d[2:5]}.{d[5:8]}/{d[8:12]}-{d[12:]}"


_RE_PROCESSO = re.compile(r"^(\d{7})-?(\d{2})\.?(\d{4})\.?(\d)\.?(\d{2})\.?(\d{4})$")


def digitos_verificadores_processo(n: str, ano: str, j: str, tr: str, origem: str) -> str:
    """Resolução CNJ 65/2008, art. 1º e Anexo VIII: dígitos verificadores do número
    único de processo pelo algoritmo ISO 7064 mod 97-10:
    `DD = 98 − (NNNNNNN AAAA J TR OOOO 00 mod 97)`.

    (O `is_valid_legal_process` do brutils 2.5.0 usa 97 em vez de 98 e recusa
    números reais; por isso a regra está aqui.)"""
    resto = int(f"{n}{ano}{j}{tr}{origem}00") % 97
    return f"{98 - resto:02d}"


def validar_processo_cnj(texto: str) -> str:
    """Resolução CNJ 65/2008, art. 1º: formato NNNNNNN-DD.AAAA.J.TR.OOOO com dígitos
    verificadores mod 97-10 (Anexo VIII). Devolve o número formatado ou levanta ValueError."""
    m = _RE_PROCESSO.match((texto or "").strip())
    if not m:
        raise ValueError(f"número de processo “{texto}” fora do formato NNNNNNN-DD.AAAA.J.TR.OOOO")
    n, dd, ano, j, tr, origem = m.groups()
    if digitos_verificadores_processo(n, ano, j, tr, origem) != dd:
        raise ValueError(f"número de processo “{texto}” inválido: dígitos verificadores não conferem")
    return f"{n}-{dd}.{ano}.{j}.{tr}.{origem}"


_RE_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def validar_email(texto: str) -> str:
    t = (texto or "").strip().lower()
    if not _RE_EMAIL.match(t):
        raise ValueError(f"e-mail “{texto}” inválido")
    return t


def data_exigida(p: list[Problema], campo: str, valor: date | None, hoje: date, falta: str = "informe a data") -> None:
    """Acrescenta a `p` o problema da data obrigatória `valor`: ausente (`falta`) ou no futuro."""
    if valor is None:
        p.append(Problema(campo, falta))
    elif valor > hoje:
        p.append(Problema(campo, f"a data {valor:%d/%m/%Y} está no futuro"))
