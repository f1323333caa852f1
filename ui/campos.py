"""Campos de formulário comuns às páginas."""

from __future__ import annotations

import streamlit as st


def opcao(rotulos: dict, rotulo: str, chave: str, atual=None, *, padrao: int | None = 0, onde=None, **extra):
    """Selectbox que mostra os rótulos em pt-BR de `rotulos` e devolve o código escolhido.

    Começa em `atual` quando é uma das opções; senão, na posição `padrao` (None: nenhuma).
    `onde` é a coluna ou o contêiner (padrão: a página); `extra` vai direto ao `selectbox`
    (help, disabled, placeholder...)."""
    codigos = list(rotulos)
    extra.setdefault("placeholder", "Selecione")
    return (onde or st).selectbox(
        rotulo,
        codigos,
        format_func=rotulos.get,
        key=chave,
        index=codigos.index(atual) if atual in codigos else padrao,
        **extra,
    )
