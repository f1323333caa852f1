"""O que o roteador faz para que nenhum visitante veja as entranhas do sistema: a conferência de
partida (esquema do banco, contas de demonstração fora do modo de demonstração), o endereço do
cliente para o freio de entradas e a tradução de qualquer erro não tratado numa mensagem em pt-BR
com uma referência — os detalhes (URL, driver, traceback) vão só para o log, com a mesma
referência, que a pessoa pode citar ao administrador."""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from core.banco import eh_banco_ocupado, url_atual
from core.config import obter_config
from core.erros import BancoOcupado, ErroNegocio
from core.esquema import EsquemaDesatualizado, verificar_esquema
from dominio.usuarios import servicos as usuarios
from dominio.usuarios import tentativas

log = logging.getLogger("pnat.erros")

_CONFERIDOS: set[str] = set()  # bancos cujas contas de demonstração este processo já conferiu
_TRAVA = threading.Lock()


def nova_referencia() -> str:
    """Código curto e único o bastante para achar o erro no log (ex.: `ERRO-7F3A9C1D`)."""
    return f"ERRO-{secrets.token_hex(4).upper()}"


def registrar_erro(exc: BaseException, detalhe: str | None = None) -> str:
    """Grava no log o erro completo (com traceback) e devolve a referência que a tela mostra."""
    ref = nova_referencia()
    log.error("%s: %s%s", ref, type(exc).__name__, f" ({detalhe})" if detalhe else "", exc_info=exc)
    return ref


def mensagem_para_visitante(exc: BaseException, ref: str) -> str:
    """O que a tela diz de um erro não tratado: em pt-BR, sem nada do banco nem da configuração."""
    contato = f"Se continuar, informe ao administrador a referência **{ref}**."
    if eh_banco_ocupado(exc):
        return f"{BancoOcupado()} {contato}"
    if isinstance(exc, (DBAPIError, SQLAlchemyError)):
        return (
            "O banco de dados não respondeu como deveria e a operação não foi concluída. "
            f"Tente de novo em alguns minutos. {contato}"
        )
    return f"Ocorreu um erro interno e a operação não foi concluída. Tente de novo. {contato}"


@contextmanager
def protegido() -> Iterator[None]:
    """Em volta do que o roteador executa: erro de negócio vira a própria mensagem; qualquer outro
    (banco fora do ar, configuração, driver, defeito), a mensagem genérica com referência. Em ambos
    os casos a execução para ali. `st.stop`, `st.rerun` e `st.switch_page` passam (não são
    `Exception`)."""
    try:
        yield
    except ErroNegocio as exc:
        st.error(str(exc))
        st.stop()
    except Exception as exc:
        ref = registrar_erro(exc)
        st.error(mensagem_para_visitante(exc, ref), icon=":material/error:")
        st.stop()


def conferir_partida() -> None:
    """Esquema do banco na última revisão (senão, o que fazer, sem detalhes internos) e, uma vez
    por processo e banco, as contas de demonstração desativadas se o sistema não está em modo de
    demonstração."""
    try:
        verificar_esquema()
    except EsquemaDesatualizado as exc:
        ref = registrar_erro(exc, exc.detalhe)
        st.error(f"**O sistema não pode iniciar.** {exc} Referência: {ref}.")
        st.stop()
    url = url_atual()
    if url in _CONFERIDOS:
        return
    with _TRAVA, protegido():
        if url not in _CONFERIDOS:
            usuarios.desativar_contas_demo_fora_do_modo_demo()
            _CONFERIDOS.add(url)


def endereco_do_cliente() -> str:
    """O endereço do cliente desta sessão (`dominio.usuarios.tentativas:endereco_do_cliente`)."""
    cfg = obter_config()
    try:
        ip = st.context.ip_address
        nome = cfg.endereco_cliente_cabecalho
        cabecalhos = {nome: st.context.headers.get(nome)} if nome else {}
    except Exception:  # fora de uma sessão do servidor
        ip, cabecalhos = None, {}
    # no AppTest o contexto é simulado: só texto vale como endereço
    ip = ip if isinstance(ip, str) else None
    cabecalhos = {k: v for k, v in cabecalhos.items() if isinstance(v, str)}
    return tentativas.endereco_do_cliente(ip, cabecalhos, cfg)
