"""Cadastros de Grupos Interinstitucionais, Escritórios Sociais e Fundos
Municipais: validação, inclusão, alteração com trava otimista e listagens."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

import pandas as pd
from sqlmodel import Session, func, select

from comum.validadores import formatar_cnpj, validar_cnpj
from core import acesso, relogio
from core.banco import sessao
from core.edicao import incluir_ou_alterar, obter_na_sessao, repetido
from core.erros import ErroValidacao, Problema, trecho
from dominio.usuarios import trilha
from models.territorio import UF, Municipio
from models.unidades import (
    STATUS_ESCRITORIO,
    STATUS_FUNDO,
    STATUS_GRUPO,
    TIPO_GESTAO_ESCRITORIO,
    EscritorioSocial,
    FundoMunicipal,
    GrupoInterinstitucional,
)
from models.usuarios import Usuario


@dataclass
class DadosGrupo:
    uf_sigla: str
    ato_criacao: str = ""
    data_criacao: date | None = None
    status: str = "em_articulacao"
    instituicoes_membro: list[str] = field(default_factory=list)
    contato_pontos_focais: str = ""
    observacoes: str = ""


@dataclass
class DadosEscritorio:
    nome: str
    municipio_codigo: int | None
    orgao_gestor: str
    tipo_gestao: str = "estadual"
    termo_cooperacao: str = ""
    data_termo: date | None = None
    data_inauguracao: date | None = None
    status: str = "em_implantacao"
    observacoes: str = ""


@dataclass
class DadosFundo:
    nome: str
    municipio_codigo: int | None
    lei_numero: str
    lei_data: date | None
    cnpj: str | None = None
    conselho_gestor: str = ""
    status: str = "criado"
    observacoes: str = ""


def _texto(valor: str | None) -> str:
    return (valor or "").strip()


def _data_nao_futura(p: list[Problema], campo: str, valor: date | None, hoje: date) -> None:
    if valor is not None and valor > hoje:
        p.append(Problema(campo, f"a data {valor:%d/%m/%Y} está no futuro"))


def _status(p: list[Problema], valor: str, opcoes: dict[str, str], campo: str = "situação") -> None:
    if valor not in opcoes:
        p.append(Problema(campo, f"“{trecho(valor)}” não é válida; use uma de: {', '.join(opcoes.values())}"))


def _municipio(p: list[Problema], s: Session, codigo: int | None) -> None:
    if codigo is None:
        p.append(Problema("município", "escolha o município"))
    elif s.get(Municipio, codigo) is None:
        p.append(Problema("município", f"código IBGE {codigo} não está cadastrado"))


def _nome_e_municipio(p: list[Problema], s: Session, d: DadosEscritorio | DadosFundo, falta_nome: str) -> None:
    """Nome e município, que Escritórios e Fundos exigem."""
    if not _texto(d.nome):
        p.append(Problema("nome", falta_nome))
    _municipio(p, s, d.municipio_codigo)


def _validar_grupo(s: Session, d: DadosGrupo, ident: int | None, hoje: date) -> DadosGrupo:
    p: list[Problema] = []
    uf = _texto(d.uf_sigla).upper()
    if s.get(UF, uf) is None:
        p.append(Problema("UF", f"UF “{d.uf_sigla}” não existe"))
    else:
        if repetido(s, GrupoInterinstitucional, ident, GrupoInterinstitucional.uf_sigla == uf):
            p.append(Problema("UF", f"já existe Grupo Interinstitucional em {uf} (há um por UF)"))
    _status(p, d.status, STATUS_GRUPO)
    _data_nao_futura(p, "data de criação", d.data_criacao, hoje)
    if d.status != "em_articulacao" and not _texto(d.ato_criacao):
        p.append(Problema("ato de criação", "informe o ato que constituiu o grupo"))
    membros = [m.strip() for m in d.instituicoes_membro if m and m.strip()]
    if len(set(m.lower() for m in membros)) != len(membros):
        p.append(Problema("instituições membro", "há instituições repetidas"))
    if p:
        raise ErroValidacao(p)
    return replace(
        d,
        uf_sigla=uf,
        ato_criacao=_texto(d.ato_criacao),
        instituicoes_membro=membros,
        contato_pontos_focais=_texto(d.contato_pontos_focais),
        observacoes=_texto(d.observacoes),
    )


def _validar_escritorio(s: Session, d: DadosEscritorio, ident: int | None, hoje: date) -> DadosEscritorio:
    p: list[Problema] = []
    _nome_e_municipio(p, s, d, "informe o nome do Escritório Social")
    if not _texto(d.orgao_gestor):
        p.append(Problema("órgão gestor", "informe o órgão que gere o Escritório"))
    _status(p, d.tipo_gestao, TIPO_GESTAO_ESCRITORIO, "tipo de gestão")
    _status(p, d.status, STATUS_ESCRITORIO)
    _data_nao_futura(p, "data do termo", d.data_termo, hoje)
    _data_nao_futura(p, "data de inauguração", d.data_inauguracao, hoje)
    if d.status == "em_funcionamento" and d.data_inauguracao is None:
        p.append(Problema("data de inauguração", "Escritório em funcionamento precisa da data de inauguração"))
    if d.data_termo and d.data_inauguracao and d.data_inauguracao < d.data_termo:
        p.append(Problema("data de inauguração", "é anterior à data do termo de cooperação"))
    if p:
        raise ErroValidacao(p)
    return replace(
        d,
        nome=_texto(d.nome),
        orgao_gestor=_texto(d.orgao_gestor),
        termo_cooperacao=_texto(d.termo_cooperacao),
        observacoes=_texto(d.observacoes),
    )


def _validar_fundo(s: Session, d: DadosFundo, ident: int | None, hoje: date) -> DadosFundo:
    p: list[Problema] = []
    _nome_e_municipio(p, s, d, "informe o nome do Fundo")
    if d.municipio_codigo is not None:
        if repetido(s, FundoMunicipal, ident, FundoMunicipal.municipio_codigo == d.municipio_codigo):
            p.append(Problema("município", "este município já tem Fundo Municipal cadastrado"))
    if not _texto(d.lei_numero):
        p.append(Problema("número da lei", "informe o número da lei municipal de criação"))
    if d.lei_data is None:
        p.append(Problema("data da lei", "informe a data da lei"))
    _data_nao_futura(p, "data da lei", d.lei_data, hoje)
    cnpj = None
    if _texto(d.cnpj):
        try:
            cnpj = validar_cnpj(d.cnpj)
            if outro := repetido(s, FundoMunicipal, ident, FundoMunicipal.cnpj == cnpj):
                p.append(Problema("CNPJ", f"{formatar_cnpj(cnpj)} já pertence a {outro.nome}"))
        except ValueError as exc:
            p.append(Problema("CNPJ", str(exc)))
    _status(p, d.status, STATUS_FUNDO)
    if p:
        raise ErroValidacao(p)
    return replace(
        d,
        nome=_texto(d.nome),
        lei_numero=_texto(d.lei_numero),
        cnpj=cnpj,
        conselho_gestor=_texto(d.conselho_gestor),
        observacoes=_texto(d.observacoes),
    )


@dataclass(frozen=True)
class Especie:
    modelo: type
    validar: Callable[[Session, Any, int | None, date], Any]
    rotulo: str


ESPECIES: dict[str, Especie] = {
    "grupo": Especie(GrupoInterinstitucional, _validar_grupo, "O Grupo Interinstitucional"),
    "escritorio": Especie(EscritorioSocial, _validar_escritorio, "O Escritório Social"),
    "fundo": Especie(FundoMunicipal, _validar_fundo, "O Fundo Municipal"),
}


def salvar(
    ator: Usuario | None,
    especie: str,
    dados,
    *,
    ident: int | None = None,
    versao: int | None = None,
    hoje: date | None = None,
    sistema: bool = False,
):
    """Inclui (sem `ident`) ou altera (com `ident` e a `versao` lida) um cadastro.

    Só DMF e administrador gravam; a validação roda antes de qualquer escrita e,
    havendo problema, nada é gravado."""
    if not sistema:
        acesso.exigir(ator, acesso.REGISTROS_EDITAR)
    esp = ESPECIES[especie]
    hoje = hoje or relogio.hoje()
    with sessao(ator) as s:
        limpo = esp.validar(s, dados, ident, hoje)
        if ident is not None and versao is None:
            raise ValueError("versao é obrigatória para alterar")
        campos = {f.name: getattr(limpo, f.name) for f in fields(limpo)}
        return incluir_ou_alterar(s, esp.modelo, campos, ident, versao, esp.rotulo)


def obter(ator: Usuario | None, especie: str, ident: int):
    """Detalhe de um cadastro: DMF, admin e CNMP veem todos; ponto focal, só a própria unidade."""
    esp = ESPECIES[especie]
    if not acesso.pode(ator, acesso.REGISTROS_VER):
        if especie == "grupo":
            acesso.exigir_escopo(ator, grupo_id=ident)
        elif especie == "escritorio":
            acesso.exigir_escopo(ator, escritorio_id=ident)
        else:
            acesso.exigir(ator, acesso.REGISTROS_VER)
    with sessao(ator) as s:
        return obter_na_sessao(s, esp.modelo, ident, f"{esp.rotulo} {ident} não foi encontrado(a).")


# --- listagens ---------------------------------------------------------------


def tabela_grupos(
    ator: Usuario | None, *, uf: list[str] | None = None, status: list[str] | None = None
) -> pd.DataFrame:
    acesso.exigir(ator, acesso.REGISTROS_VER)
    g = GrupoInterinstitucional
    q = select(
        g.id, g.uf_sigla, UF.nome, UF.regiao, g.status, g.ato_criacao, g.data_criacao, g.instituicoes_membro
    ).join(UF)
    if uf:
        q = q.where(g.uf_sigla.in_(uf))
    if status:
        q = q.where(g.status.in_(status))
    with sessao(ator) as s:
        linhas = s.exec(q.order_by(g.uf_sigla)).all()
    return pd.DataFrame(
        [
            {
                "id": r[0],
                "UF": r[1],
                "Estado": r[2],
                "Região": r[3],
                "Situação": STATUS_GRUPO[r[4]],
                "Ato de criação": r[5],
                "Data de criação": r[6],
                "Instituições": len(r[7] or []),
            }
            for r in linhas
        ],
        columns=["id", "UF", "Estado", "Região", "Situação", "Ato de criação", "Data de criação", "Instituições"],
    )


def _filtrar_por_municipio(q, modelo, uf: list[str] | None, status: list[str] | None, busca: str):
    """Aplica à consulta `q` de `modelo` (escritório ou fundo, ligado a um município) os filtros de UF,
    situação e busca no nome da unidade ou do município."""
    if uf:
        q = q.where(Municipio.uf_sigla.in_(uf))
    if status:
        q = q.where(modelo.status.in_(status))
    if busca.strip():
        padrao = f"%{busca.strip().lower()}%"
        q = q.where(func.lower(modelo.nome).like(padrao) | func.lower(Municipio.nome).like(padrao))
    return q


def tabela_escritorios(
    ator: Usuario | None, *, uf: list[str] | None = None, status: list[str] | None = None, busca: str = ""
) -> pd.DataFrame:
    acesso.exigir(ator, acesso.REGISTROS_VER)
    e = EscritorioSocial
    q = select(
        e.id, e.nome, Municipio.nome, Municipio.uf_sigla, e.orgao_gestor, e.tipo_gestao, e.status, e.data_inauguracao
    ).join(Municipio)
    q = _filtrar_por_municipio(q, e, uf, status, busca)
    with sessao(ator) as s:
        linhas = s.exec(q.order_by(Municipio.uf_sigla, Municipio.nome, e.nome)).all()
    return pd.DataFrame(
        [
            {
                "id": r[0],
                "Nome": r[1],
                "Município": r[2],
                "UF": r[3],
                "Órgão gestor": r[4],
                "Gestão": TIPO_GESTAO_ESCRITORIO[r[5]],
                "Situação": STATUS_ESCRITORIO[r[6]],
                "Inauguração": r[7],
            }
            for r in linhas
        ],
        columns=["id", "Nome", "Município", "UF", "Órgão gestor", "Gestão", "Situação", "Inauguração"],
    )


def tabela_fundos(
    ator: Usuario | None, *, uf: list[str] | None = None, status: list[str] | None = None, busca: str = ""
) -> pd.DataFrame:
    acesso.exigir(ator, acesso.REGISTROS_VER)
    f = FundoMunicipal
    q = select(f.id, f.nome, Municipio.nome, Municipio.uf_sigla, f.lei_numero, f.lei_data, f.cnpj, f.status).join(
        Municipio
    )
    q = _filtrar_por_municipio(q, f, uf, status, busca)
    with sessao(ator) as s:
        linhas = s.exec(q.order_by(Municipio.uf_sigla, Municipio.nome)).all()
    return pd.DataFrame(
        [
            {
                "id": r[0],
                "Nome": r[1],
                "Município": r[2],
                "UF": r[3],
                "Lei": r[4],
                "Data da lei": r[5],
                "CNPJ": formatar_cnpj(r[6]) if r[6] else "",
                "Situação": STATUS_FUNDO[r[7]],
            }
            for r in linhas
        ],
        columns=["id", "Nome", "Município", "UF", "Lei", "Data da lei", "CNPJ", "Situação"],
    )


def nome_municipio(codigo: int | None) -> str:
    if codigo is None:
        return "—"
    with sessao() as s:
        m = s.get(Municipio, codigo)
        return f"{m.nome}/{m.uf_sigla}" if m else str(codigo)


def rotulos_por_municipio(s: Session, modelo, ordem) -> dict[int, str]:
    """Rótulo “nome — município/UF” de cada registro de `modelo` (escritório ou fundo), por id, na ordem
    da UF e depois de `ordem`."""
    return {
        ident: f"{nome} — {mun}/{uf}"
        for ident, nome, mun, uf in s.exec(
            select(modelo.id, modelo.nome, Municipio.nome, Municipio.uf_sigla)
            .join(Municipio)
            .order_by(Municipio.uf_sigla, ordem)
        )
    }


def opcoes_unidades() -> dict[str, dict[int, str]]:
    """Rótulos de Grupos e Escritórios para escolher o escopo de um ponto focal."""
    with sessao() as s:
        grupos = {
            g.id: f"Grupo Interinstitucional — {g.uf_sigla}"
            for g in s.exec(select(GrupoInterinstitucional).order_by(GrupoInterinstitucional.uf_sigla))
        }
        escritorios = rotulos_por_municipio(s, EscritorioSocial, EscritorioSocial.nome)
    return {"grupo": grupos, "escritorio": escritorios}


def historico(ator: Usuario | None, especie: str, ident: int) -> pd.DataFrame:
    """Registros da trilha de auditoria sobre o cadastro (mais recentes primeiro), valores crus
    (a tela os mostra com `ui.historico.tabela_historico`)."""
    acesso.exigir(ator, acesso.REGISTROS_VER)
    return trilha.do_registro(ESPECIES[especie].modelo.__tablename__, ident)
