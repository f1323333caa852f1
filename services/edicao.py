"""Edição com trava otimista: a versão lida no formulário tem de ser a atual."""
from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from services.erros import ConflitoEdicao, NaoEncontrado

T = TypeVar("T")

MSG_CONFLITO = (
    "{rotulo} foi alterado(a) por outra pessoa depois que você abriu o formulário. "
    "Suas alterações não foram gravadas: recarregue a página para ver a versão atual e refaça-as."
)


def obter_para_edicao(s: Session, modelo: type[T], ident, versao: int, rotulo: str) -> T:
    """Carrega o registro e confere a versão; levanta `ConflitoEdicao` se mudou."""
    obj = s.get(modelo, ident)
    if obj is None:
        raise NaoEncontrado(f"{rotulo} não foi encontrado(a): pode ter sido excluído(a).")
    if obj.versao != versao:
        raise ConflitoEdicao(MSG_CONFLITO.format(rotulo=rotulo))
    return obj


def gravar(s: Session, rotulo: str = "Este registro") -> None:
    """`flush` que traduz a corrida entre processos (UPDATE ... WHERE versao) em conflito."""
    try:
        s.flush()
    except StaleDataError as exc:
        raise ConflitoEdicao(MSG_CONFLITO.format(rotulo=rotulo)) from exc
