"""Normalização de textos lidos de planilhas e formulários, comum às importações em lote."""

from __future__ import annotations

import unicodedata


def normalizar(texto) -> str:
    """Forma de comparação de rótulos e cabeçalhos: sem acentos, em minúsculas, sem parênteses e
    com os espaços reduzidos a um só (“Código IBGE (destino)” → “codigo ibge destino”). None vira
    texto vazio."""
    t = unicodedata.normalize("NFKD", str(texto or "")).encode("ascii", "ignore").decode()
    return " ".join(t.lower().replace("(", " ").replace(")", " ").split())


def texto_da_celula(v) -> str:
    """Conteúdo de uma célula de planilha como texto aparado: vazio para None e, para números
    inteiros que o Excel guarda como float (código IBGE 3205309.0), sem a parte decimal."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()
