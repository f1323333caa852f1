"""Normalização de textos lidos de planilhas e formulários, comum às importações em lote."""

from __future__ import annotations

import unicodedata


def somente_algarismos(texto: str, maximo: int = 18) -> bool:
    """Texto de 1 a `maximo` algarismos de 0 a 9, que `int()` lê sem surpresa. `str.isdigit` não
    serve: aceita “²” (que `int()` recusa com ValueError) e algarismos de outras escritas, e não
    limita o tamanho (acima de 4.300 algarismos, `int()` também recusa)."""
    return 0 < len(texto) <= maximo and texto.isascii() and texto.isdigit()


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


def colunas_fora_do_modelo(linhas: list[list], conhecido) -> tuple[str, ...]:
    """As colunas de uma planilha (cabeçalho em `linhas[0]`) que a importação não lê: as de nome
    que `conhecido(nome_normalizado)` não reconhece (até 80 caracteres cada) e as sem nome que
    trazem dados em alguma linha (“coluna N (sem nome)”). A importação as devolve no resultado,
    para quem importou saber o que ficou de fora, em vez de descartá-las em silêncio."""
    fora: list[str] = []
    sem_nome: list[int] = []
    for i, bruto in enumerate(linhas[0]):
        if conhecido(normalizar(bruto)):
            continue
        if texto_da_celula(bruto):
            fora.append(texto_da_celula(bruto)[:80])
        else:
            sem_nome.append(i)
    for i in sem_nome:
        if any(i < len(r) and texto_da_celula(r[i]) for r in linhas[1:]):
            fora.append(f"coluna {i + 1} (sem nome)")
    return tuple(fora)


def aviso_colunas_ignoradas(colunas: tuple[str, ...]) -> str:
    """A frase que a página e a linha de comando mostram ao lado do resumo da importação ("" se
    nenhuma coluna ficou de fora)."""
    if not colunas:
        return ""
    nomes = "; ".join(f"“{c}”" for c in colunas)
    return (
        f"{len(colunas)} coluna(s) fora do modelo não foram lidas: {nomes}. "
        "Se os dados delas importam, renomeie a coluna com um cabeçalho do modelo e importe de novo."
    )
