"""Edição com trava otimista: a versão lida no formulário tem de ser a atual."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, select

from core import acesso
from core.banco import sessao
from core.erros import ConflitoEdicao, NaoEncontrado

T = TypeVar("T")

MSG_CONFLITO = (
    "{rotulo} foi alterado(a) por outra pessoa depois que você abriu o formulário. "
    "Suas alterações não foram gravadas: recarregue a página para ver a versão atual e refaça-as."
)


def obter_na_sessao(s: Session, modelo: type[T], ident, mensagem: str) -> T:
    """Lê um registro por id na sessão `s`; `NaoEncontrado(mensagem)` se não existe."""
    obj = s.get(modelo, ident)
    if obj is None:
        raise NaoEncontrado(mensagem)
    return obj


def repetido(s: Session, modelo: type[T], ident, *condicoes) -> T | None:
    """O registro de `modelo` que a inclusão (`ident` None) ou a alteração do registro `ident`
    repetiria: outro que atende às `condicoes` (os campos que a regra de unicidade guarda)."""
    outro = s.exec(select(modelo).where(*condicoes)).first()
    return outro if outro is not None and outro.id != ident else None


def obter_para_edicao(s: Session, modelo: type[T], ident, versao: int, rotulo: str) -> T:
    """Carrega o registro e confere a versão; levanta `ConflitoEdicao` se mudou."""
    obj = obter_na_sessao(s, modelo, ident, f"{rotulo} não foi encontrado(a): pode ter sido excluído(a).")
    if obj.versao != versao:
        raise ConflitoEdicao(MSG_CONFLITO.format(rotulo=rotulo))
    return obj


def gravar(s: Session, rotulo: str = "Este registro") -> None:
    """`flush` que traduz a corrida entre processos (UPDATE ... WHERE versao) em conflito."""
    try:
        s.flush()
    except StaleDataError as exc:
        raise ConflitoEdicao(MSG_CONFLITO.format(rotulo=rotulo)) from exc


def incluir_ou_alterar(s: Session, modelo: type[T], campos: dict, ident, versao: int | None, rotulo: str) -> T:
    """Inclui (sem `ident`) ou altera com trava otimista (com `ident` e a `versao` lida) e grava."""
    if ident is None:
        obj = modelo(**campos)
    else:
        obj = obter_para_edicao(s, modelo, ident, versao, rotulo)
        for k, v in campos.items():
            setattr(obj, k, v)
    s.add(obj)
    gravar(s, rotulo)
    return obj


def obter_registro(ator, permissao: str, modelo: type[T], ident, mensagem: str) -> T:
    """Lê um registro por id depois de conferir a permissão; `NaoEncontrado(mensagem)` se não existe."""
    acesso.exigir(ator, permissao)
    with sessao(ator) as s:
        return obter_na_sessao(s, modelo, ident, mensagem)
