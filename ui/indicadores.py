"""Peças de tela da coleta e da revisão dos indicadores: ícone e rótulo da situação do envio e
as tabelas dos serviços com texto de tela (as exportações saem como a tela mostra)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from urllib.parse import quote

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


# as colunas da tabela de valores na Revisão: as de `AnaliseEnvio.valores` sem as cruas do valor
COLUNAS_VALORES_NA_TELA = [
    "Código",
    "Indicador",
    "Versão",
    "Desagregação",
    "Valor",
    "Mediana anterior",
    "Atípico",
    "Comentário",
    "Informado por",
    "Em",
]


def texto_do_valor(tipo: str, valor, numerador, denominador, efetivo) -> str:
    """O valor informado como a revisão o mostra: “12 ÷ 40 = 30 %” no percentual (com as duas
    partes), “Sim”/“Não”, “R$ 1.234,56” e a contagem com milhar."""
    if tipo == "percentual":
        if efetivo is None or pd.isna(efetivo):
            return "—"
        partes = (formatos.formatar_numero(x) for x in (numerador, denominador, efetivo))
        return "{} ÷ {} = {} %".format(*partes)
    if tipo == "sim_nao":
        return "Sim" if valor == 1 else "Não"
    if tipo == "valor":
        return "R$ " + formatos.formatar_numero(Decimal(valor).quantize(Decimal("0.01")))
    return formatos.formatar_numero(valor)


def tabela_valores_do_envio(df: pd.DataFrame) -> pd.DataFrame:
    """`AnaliseEnvio.valores` (valores crus) com o texto da revisão: o valor no formato do tipo, a
    mediana anterior com milhar, o aviso de atípico com ⚠️ (vazio quando não há: a página pinta as
    linhas com aviso) e o momento em DD/MM/AAAA HH:MM."""
    saida = df.copy()
    saida["Valor"] = [
        texto_do_valor(t, v, n, d, e)
        for t, v, n, d, e in zip(df["tipo"], df["valor"], df["numerador"], df["denominador"], df["efetivo"])
    ]
    saida["Mediana anterior"] = df["Mediana anterior"].map(
        lambda m: "" if m is None or pd.isna(m) else formatos.formatar_numero(m)
    )
    saida["Atípico"] = df["Atípico"].map(lambda t: f"⚠️ {t}" if isinstance(t, str) and t else "")
    saida["Em"] = df["Em"].map(_data_hora_ou_vazio)
    return saida[COLUNAS_VALORES_NA_TELA]


MAILTO_MAXIMO = 1800  # caracteres: acima disso, alguns programas de e-mail cortam o endereço mailto:


def mailto_de_cobranca(emails: list[str], rotulo_periodo: str, prazo: date) -> str | None:
    """Endereço `mailto:` com os `emails` em cópia oculta (nenhum ponto focal vê o e-mail dos
    outros), o assunto e o texto da cobrança do período; None se ficaria longo demais para os
    programas de e-mail (então a página oferece só a lista para copiar)."""
    assunto = f"Indicadores de {rotulo_periodo}: envio em atraso"
    corpo = (
        f"Prezado(a) ponto focal,\n\nos indicadores de {rotulo_periodo} da sua unidade ainda não foram enviados; "
        f"o prazo era {formatos.data(prazo)}. Por favor, envie-os pela página Coleta do sistema de monitoramento "
        "do ACT CNJ–CNMP nº 22/2023.\n\nEquipe CNJ/DMF"
    )
    url = (
        "mailto:?bcc=" + ",".join(quote(e, safe="@") for e in emails) + f"&subject={quote(assunto)}&body={quote(corpo)}"
    )
    return url if len(url) <= MAILTO_MAXIMO else None


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
