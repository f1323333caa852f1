"""O que os testes de dados abertos compartilham: campos proibidos (dados pessoais) e a
conferência de que nenhuma contagem de pessoas publicada fica entre 1 e k−1."""

from __future__ import annotations

import re

# partes de nome de campo que indicariam dado pessoal (LGPD, art. 5º, I): nenhuma pode aparecer
CAMPOS_PROIBIDOS = {
    "nome",
    "cpf",
    "rg",
    "email",
    "mail",
    "telefone",
    "celular",
    "endereco",
    "cep",
    "nascimento",
    "idade",
    "sexo",
    "raca",
    "processo",
    "usuario",
    "senha",
    "responsavel",
    "autor",
    "ip",
    "matricula",
    "prontuario",
}
VALORES_PROIBIDOS = {
    "e-mail": re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
    "CPF": re.compile(r"\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b"),
    "número de processo": re.compile(r"\d{7}-\d{2}\.\d{4}\.\d\.\d{2}\.\d{4}"),
    "telefone": re.compile(r"\(\d{2}\)\s?\d{4,5}-\d{4}"),
}


def campos_proibidos(nomes: list[str]) -> list[str]:
    """Os nomes de campo com alguma parte (separada por “_”) da lista de proibidos."""
    return [n for n in nomes if set(n.lower().split("_")) & CAMPOS_PROIBIDOS]


def valores_proibidos(valores) -> list[str]:
    achados = []
    for v in valores:
        if isinstance(v, str):
            achados += [f"{tipo}: {v[:40]}" for tipo, rx in VALORES_PROIBIDOS.items() if rx.search(v)]
    return achados


def pequenas(contagens, k: int) -> list[int]:
    """As contagens de pessoas entre 1 e k−1 (deveriam ter sido suprimidas)."""
    return [v for v in contagens if 0 < v < k]
