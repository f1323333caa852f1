"""Trilha de auditoria por eventos de sessão do SQLAlchemy.

Toda inclusão, alteração e exclusão feita pela sessão ORM gera, na mesma
transação, um `RegistroAuditoria` com autor, momento, entidade, id e os valores
antes e depois. O mecanismo é um só (eventos registrados na classe `Session`),
de modo que nenhum serviço precisa — nem consegue — deixar de auditar:

- `after_flush` grava os registros das alterações da unidade de trabalho;
- `do_orm_execute` recusa UPDATE/DELETE em lote pelo ORM, que escapariam ao
  `after_flush`;
- a própria trilha não pode ser alterada nem excluída pela aplicação.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from models.tipos import agora_utc
from models.usuarios import RegistroAuditoria

CHAVE_ATOR = "ator"
NAO_AUDITADAS = {RegistroAuditoria.__tablename__}
CAMPOS_SENSIVEIS = {"senha_hash"}


class ErroAuditoria(RuntimeError):
    pass


def definir_ator(sessao: Session, ator) -> None:
    """Registra na sessão quem está agindo (um `Usuario` ou None para o sistema)."""
    if ator is None:
        sessao.info[CHAVE_ATOR] = (None, "sistema")
    else:
        sessao.info[CHAVE_ATOR] = (ator.id, ator.email)


def _valor_json(valor: Any) -> Any:
    if isinstance(valor, (bytes, bytearray, memoryview)):
        dados = bytes(valor)
        return f"<arquivo de {len(dados)} bytes, sha256 {hashlib.sha256(dados).hexdigest()[:16]}…>"
    if isinstance(valor, Decimal):
        return str(valor)
    if isinstance(valor, datetime):
        return valor.isoformat()
    if isinstance(valor, date):
        return valor.isoformat()
    if isinstance(valor, (list, tuple)):
        return [_valor_json(v) for v in valor]
    if isinstance(valor, dict):
        return {k: _valor_json(v) for k, v in valor.items()}
    return valor


def _mascarar(campo: str, valor: Any) -> Any:
    if campo in CAMPOS_SENSIVEIS and valor is not None:
        return "***"
    return valor


def _id_de(obj) -> str:
    """Chave primária já atribuída pelo banco (em `after_flush` a identidade dos
    objetos novos ainda não foi registrada, mas os atributos de PK já têm valor)."""
    estado = inspect(obj)
    chave = estado.mapper.primary_key_from_instance(obj)
    if any(v is None for v in chave):
        raise ErroAuditoria(f"Registro de {obj.__tablename__} sem chave primária após gravar.")
    return "/".join(str(v) for v in chave)


def _estado_atual(obj) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {
        attr.key: _valor_json(_mascarar(attr.key, getattr(obj, attr.key)))
        for attr in mapper.column_attrs
    }


def _diferencas(obj) -> tuple[dict[str, Any], dict[str, Any]]:
    estado = inspect(obj)
    antes: dict[str, Any] = {}
    depois: dict[str, Any] = {}
    for attr in estado.mapper.column_attrs:
        hist = estado.attrs[attr.key].history
        if not hist.has_changes():
            continue
        velho = hist.deleted[0] if hist.deleted else None
        novo = hist.added[0] if hist.added else None
        if velho == novo:
            continue
        antes[attr.key] = _valor_json(_mascarar(attr.key, velho))
        depois[attr.key] = _valor_json(_mascarar(attr.key, novo))
    coluna_versao = estado.mapper.version_id_col
    if depois and coluna_versao is not None:
        # a trava otimista incrementa a versão no próprio UPDATE, fora do histórico dos atributos
        chave = estado.mapper.get_property_by_column(coluna_versao).key
        atual = getattr(obj, chave)
        antes.setdefault(chave, atual - 1)
        depois.setdefault(chave, atual)
    return antes, depois


@event.listens_for(Session, "before_flush")
def _proteger_trilha(sessao: Session, _ctx, _instancias) -> None:
    for obj in list(sessao.dirty) + list(sessao.deleted):
        if isinstance(obj, RegistroAuditoria):
            raise ErroAuditoria("A trilha de auditoria não pode ser alterada nem excluída.")
    # marca a data de atualização dos registros versionados alterados
    agora = agora_utc()
    for obj in sessao.dirty:
        if hasattr(obj, "atualizado_em") and sessao.is_modified(obj, include_collections=False):
            obj.atualizado_em = agora


@event.listens_for(Session, "after_flush")
def _registrar(sessao: Session, _ctx) -> None:
    usuario_id, email = sessao.info.get(CHAVE_ATOR, (None, "sistema"))
    momento = agora_utc()
    linhas: list[dict[str, Any]] = []

    def linha(obj, acao, antes, depois):
        linhas.append(
            {
                "momento": momento,
                "usuario_id": usuario_id,
                "usuario_email": email,
                "entidade": obj.__tablename__,
                "entidade_id": _id_de(obj),
                "acao": acao,
                "antes": antes,
                "depois": depois,
            }
        )

    for obj in sessao.new:
        if getattr(obj, "__tablename__", None) in NAO_AUDITADAS:
            continue
        linha(obj, "inclusao", None, _estado_atual(obj))
    for obj in sessao.dirty:
        if getattr(obj, "__tablename__", None) in NAO_AUDITADAS or not sessao.is_modified(obj):
            continue
        antes, depois = _diferencas(obj)
        if depois:
            linha(obj, "alteracao", antes, depois)
    for obj in sessao.deleted:
        if getattr(obj, "__tablename__", None) in NAO_AUDITADAS:
            continue
        linha(obj, "exclusao", _estado_atual(obj), None)
    if linhas:
        sessao.connection().execute(insert(RegistroAuditoria.__table__), linhas)
        sessao.info["alterou"] = True


@event.listens_for(Session, "do_orm_execute")
def _recusar_lote(estado) -> None:
    if not (estado.is_update or estado.is_delete):
        return
    mapper = estado.bind_mapper
    tabela = getattr(mapper, "local_table", None) if mapper is not None else None
    nome = getattr(tabela, "name", None)
    if nome == RegistroAuditoria.__tablename__:
        raise ErroAuditoria("A trilha de auditoria não pode ser alterada nem excluída.")
    if estado.execution_options.get("auditoria_em_lote_registrada"):
        return
    raise ErroAuditoria(
        f"Alteração em lote na tabela {nome!r} sem registro de auditoria: altere os objetos pela sessão."
    )
