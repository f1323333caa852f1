"""Consulta da trilha de auditoria (somente leitura).

Os serviços devolvem os valores crus (instante em UTC, códigos, ids, os dicionários antes/depois);
a tela e as exportações os transformam em rótulos, nomes e horário de Brasília (`ui.historico`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd
from sqlmodel import SQLModel, func, select

from comum.textos import somente_algarismos
from core import acesso
from core.banco import ler_em_partes, sessao
from core.relogio import fuso
from models.territorio import UF, Municipio
from models.unidades import EscritorioSocial, FundoMunicipal, GrupoInterinstitucional
from models.usuarios import RegistroAuditoria, Usuario

ACOES = {"inclusao": "Inclusão", "alteracao": "Alteração", "exclusao": "Exclusão"}
COLUNAS = ["id", "momento", "usuario_id", "usuario_email", "acao", "entidade", "entidade_id", "antes", "depois"]
TAMANHO_DA_PARTE = 2000  # linhas por leitura na exportação completa


def _inicio_do_dia(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=fuso())


@dataclass
class FiltrosTrilha:
    """Os filtros da página da trilha e da exportação completa (uma só definição): período em dias
    de Brasília, registros (entidades), ações e um trecho do e-mail de quem agiu."""

    inicio: date | None = None
    fim: date | None = None
    entidades: list[str] | None = None
    acoes: list[str] | None = None
    usuario: str = ""

    def condicoes(self) -> list:
        """As condições SQL sobre `RegistroAuditoria`."""
        r = RegistroAuditoria
        condicoes = []
        if self.inicio:
            condicoes.append(r.momento >= _inicio_do_dia(self.inicio))
        if self.fim:
            condicoes.append(r.momento < _inicio_do_dia(self.fim + timedelta(days=1)))
        if self.entidades:
            condicoes.append(r.entidade.in_(self.entidades))
        if self.acoes:
            condicoes.append(r.acao.in_(self.acoes))
        if self.usuario.strip():
            condicoes.append(func.lower(r.usuario_email).like(f"%{self.usuario.strip().lower()}%"))
        return condicoes


_SELECAO = [getattr(RegistroAuditoria, c) for c in COLUNAS]


def _consulta(*filtros):
    """Os registros da trilha que passam nos `filtros`, nas colunas de `COLUNAS`, dos mais recentes
    para os mais antigos: a mesma ordem na página, na exportação completa e no histórico de um
    registro."""
    r = RegistroAuditoria
    return select(*_SELECAO).where(*filtros).order_by(r.momento.desc(), r.id.desc())


def _quadro(linhas: Iterable[tuple]) -> pd.DataFrame:
    return pd.DataFrame([tuple(x) for x in linhas], columns=COLUNAS)


def consultar(
    ator: Usuario | None, filtros: FiltrosTrilha | None = None, *, pagina: int = 1, por_pagina: int = 100
) -> tuple[pd.DataFrame, int]:
    """Devolve (página da trilha com os valores crus, total de registros com os filtros); os dias
    do período são dias de Brasília."""
    acesso.exigir(ator, acesso.AUDITORIA_VER)
    r = RegistroAuditoria
    condicoes = (filtros or FiltrosTrilha()).condicoes()
    with sessao(ator) as s:
        total = s.exec(select(func.count()).select_from(r).where(*condicoes)).one()
        linhas = s.exec(_consulta(*condicoes).offset((max(pagina, 1) - 1) * por_pagina).limit(por_pagina)).all()
        return _quadro(linhas), total


def em_partes(
    ator: Usuario | None, filtros: FiltrosTrilha | None = None, *, tamanho: int = TAMANHO_DA_PARTE
) -> Iterator[pd.DataFrame]:
    """Todos os registros com os filtros de `consultar`, na mesma ordem, em partes de `tamanho`
    linhas lidas do banco aos poucos (para exportar sem carregar a trilha inteira)."""
    acesso.exigir(ator, acesso.AUDITORIA_VER)  # antes da primeira parte, não no primeiro `next`
    return ler_em_partes(ator, _consulta(*(filtros or FiltrosTrilha()).condicoes()), tamanho, _quadro)


def do_registro(entidade: str, ident: int | str) -> pd.DataFrame:
    """Registros da trilha sobre um registro (mais recentes primeiro), valores crus. Sem checagem
    de permissão: quem chama (o histórico de cada área) já checou a sua."""
    r = RegistroAuditoria
    with sessao() as s:
        return _quadro(s.exec(_consulta(r.entidade == entidade, r.entidade_id == str(ident))).all())


def entidades(ator: Usuario | None) -> list[str]:
    acesso.exigir(ator, acesso.AUDITORIA_VER)
    with sessao(ator) as s:
        return list(s.exec(select(RegistroAuditoria.entidade).distinct().order_by(RegistroAuditoria.entidade)))


# --- nomes dos registros citados -------------------------------------------------------------


def _nomes_de(s, tabela: str, chaves: set[str]) -> dict[str, str]:
    """Nome de cada registro citado por chave: usuário, unidade, UF e município pelo nome; demais
    tabelas pela coluna nome/título, quando têm uma."""
    if tabela == "usuario":
        ids = [int(c) for c in chaves if somente_algarismos(c)]
        return {str(i): n for i, n in s.exec(select(Usuario.id, Usuario.nome).where(Usuario.id.in_(ids)))}
    if tabela == "grupo_interinstitucional":
        ids = [int(c) for c in chaves if somente_algarismos(c)]
        g = GrupoInterinstitucional
        return {
            str(i): f"Grupo Interinstitucional — {uf}"
            for i, uf in s.exec(select(g.id, g.uf_sigla).where(g.id.in_(ids)))
        }
    if tabela in ("escritorio_social", "fundo_municipal"):
        m = EscritorioSocial if tabela == "escritorio_social" else FundoMunicipal
        ids = [int(c) for c in chaves if somente_algarismos(c)]
        return {str(i): n for i, n in s.exec(select(m.id, m.nome).where(m.id.in_(ids)))}
    if tabela == "uf":
        return dict(s.exec(select(UF.sigla, UF.nome).where(UF.sigla.in_(list(chaves)))).all())
    if tabela == "municipio":
        ids = [int(c) for c in chaves if somente_algarismos(c)]
        return {
            str(c): f"{n}/{uf}"
            for c, n, uf in s.exec(
                select(Municipio.codigo_ibge, Municipio.nome, Municipio.uf_sigla).where(Municipio.codigo_ibge.in_(ids))
            )
        }
    t = SQLModel.metadata.tables.get(tabela)
    coluna = next((t.c[n] for n in ("nome", "titulo") if t is not None and n in t.c), None)
    if coluna is None or "id" not in t.c:
        return {}
    ids = [int(c) for c in chaves if somente_algarismos(c)]
    return {str(i): n for i, n in s.execute(select(t.c.id, coluna).where(t.c.id.in_(ids)))}


def referencias(df: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Para os registros crus `df` (de `consultar`, `em_partes` ou `do_registro`): tabela citada →
    {chave: nome}, para a tela trocar ids e códigos por nomes — quem agiu (`usuario`) e os valores
    de colunas com chave estrangeira (unidade, UF, município, usuário…). Só leitura de nomes."""
    pedidos: dict[str, set[str]] = {"usuario": {str(int(u)) for u in df.get("usuario_id", []) if pd.notna(u)}}
    for entidade, antes, depois in zip(df.get("entidade", []), df.get("antes", []), df.get("depois", []), strict=True):
        t = SQLModel.metadata.tables.get(entidade)
        if t is None:
            continue
        for valores in (antes or {}, depois or {}):
            for campo, valor in valores.items():
                if valor in (None, "") or campo not in t.c:
                    continue
                for fk in t.c[campo].foreign_keys:
                    pedidos.setdefault(fk.column.table.name, set()).add(str(valor))
    with sessao() as s:
        return {tabela: _nomes_de(s, tabela, chaves) for tabela, chaves in pedidos.items() if chaves}
