"""Peças de tela da coleta e da revisão dos indicadores: ícone e rótulo da situação do envio e
as tabelas dos serviços com texto de tela (as exportações saem como a tela mostra)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from comum import formatos
from models.indicadores import STATUS_ENVIO
from ui.comum import formatar_colunas

ICONES_STATUS = {"rascunho": "📝", "enviado": "📨", "validado": "☑️", "aprovado": "✅", "devolvido": "↩️", None: "⬜"}
DIGITADO_NA_SESSAO = "Valores mantidos nesta sessão, ainda não gravados"


def situacao_envio(codigo: str | None, *, curta: bool = False) -> str:
    """Código de `STATUS_ENVIO` (None: sem envio) → “📨 Enviado (aguarda o DMF)”; `curta` tira o parêntese."""
    if codigo is not None and pd.isna(codigo):
        codigo = None
    rotulo = STATUS_ENVIO.get(codigo, "Sem dados")
    return f"{ICONES_STATUS[codigo]} {rotulo.split(' (')[0] if curta else rotulo}"


def _data_hora_ou_vazio(valor) -> str:
    return "" if valor is None or pd.isna(valor) else formatos.data_hora(valor)


def tabela_periodos(df: pd.DataFrame) -> pd.DataFrame:
    """`coleta.periodos_da_unidade` com a situação do envio com ícone."""
    return formatar_colunas(df, {"Situação do envio": situacao_envio}, vazio_com_sentido=("Situação do envio",))


def tabela_situacao_das_unidades(df: pd.DataFrame) -> pd.DataFrame:
    """`situacao_das_unidades` com a situação com ícone e os envios em DD/MM/AAAA HH:MM."""
    return formatar_colunas(
        df,
        {
            "Situação do envio": situacao_envio,
            "Primeiro envio": _data_hora_ou_vazio,
            "Último envio": _data_hora_ou_vazio,
        },
        vazio_com_sentido=("Situação do envio",),
    )


def tabela_fila(df: pd.DataFrame) -> pd.DataFrame:
    """`coleta.fila_revisao` com a situação com ícone e o envio em DD/MM/AAAA HH:MM."""
    return formatar_colunas(
        df, {"Situação": situacao_envio, "Enviado em": _data_hora_ou_vazio}, vazio_com_sentido=("Situação",)
    )


def guardar_digitado(memoria: str, chave: str) -> None:
    """`on_change` de um campo da coleta: guarda o valor na memória `memoria` da sessão. O
    Streamlit esquece o valor de um campo que não é desenhado (a pessoa foi a outra página); a
    memória fica até a gravação (`limpar_formulario` apaga as chaves do formulário)."""
    st.session_state.setdefault(memoria, {})[chave] = st.session_state.get(chave)


def valor_digitado(memoria: str, chave: str, gravado):
    """Com que valor o campo nasce: o que ficou na memória da sessão ou, sem ele, o gravado."""
    return st.session_state.get(memoria, {}).get(chave, gravado)


def digitado_nao_gravado(padroes: dict) -> bool:
    """Algum campo (chave → valor gravado, que o campo mostra ao nascer) tem outro valor na sessão?"""
    return any(k in st.session_state and st.session_state[k] != v for k, v in padroes.items())


def aviso_do_digitado(lugar, padroes: dict, envio) -> None:
    """Diz à pessoa onde está o que ela digitou: só na sessão (ainda não gravado) ou gravado como
    rascunho, com data e hora. `lugar` é um `st.empty()` acima dos campos."""
    if digitado_nao_gravado(padroes):
        lugar.warning(
            f"**{DIGITADO_NA_SESSAO}.** Eles continuam aqui se você for a outra página e voltar, mas "
            "se perdem ao sair do sistema: grave o rascunho ou envie para validação.",
            icon=":material/edit_note:",
        )
    elif envio is not None and envio.status == "rascunho":
        lugar.info(f"Rascunho gravado em {formatos.data_hora(envio.atualizado_em)}.", icon=":material/save:")
