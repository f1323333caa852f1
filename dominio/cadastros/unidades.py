"""A unidade que informa indicadores ou recebe monitoramento: um Grupo Interinstitucional ou
um Escritório Social, com o escopo de leitura de cada perfil (o ponto focal só vê a sua)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from core import acesso
from core.edicao import obter_na_sessao
from core.erros import AcessoNegado
from models.territorio import Municipio
from models.unidades import EscritorioSocial, GrupoInterinstitucional
from models.usuarios import Usuario

# situações em que a unidade deve informar indicadores (as demais não são esperadas na coleta)
STATUS_QUE_INFORMAM = {
    "grupo": frozenset({"constituido", "em_funcionamento"}),
    "escritorio": frozenset({"em_funcionamento"}),
}


@dataclass(frozen=True)
class Unidade:
    tipo: str  # "grupo" ou "escritorio"
    id: int
    nome: str
    uf: str
    status: str = ""
    # desde quando a unidade existe para a coleta: o ato de criação do Grupo; a inauguração do
    # Escritório (na falta dela, o termo de cooperação). None: desconhecida (o prazo vale como está)
    criada_em: date | None = None

    @property
    def chave(self) -> str:
        return f"{self.tipo[0]}:{self.id}"

    @property
    def ids(self) -> dict[str, int | None]:
        """`grupo_id`/`escritorio_id` para gravar nas tabelas que apontam para uma das duas."""
        return {
            "grupo_id": self.id if self.tipo == "grupo" else None,
            "escritorio_id": self.id if self.tipo == "escritorio" else None,
        }

    @property
    def informa(self) -> bool:
        return self.status in STATUS_QUE_INFORMAM[self.tipo]


def chave_de(grupo_id: int | None, escritorio_id: int | None) -> str:
    return f"g:{grupo_id}" if grupo_id is not None else f"e:{escritorio_id}"


def de_grupo(g: GrupoInterinstitucional) -> Unidade:
    return Unidade("grupo", g.id, f"Grupo Interinstitucional — {g.uf_sigla}", g.uf_sigla, g.status, g.data_criacao)


def de_escritorio(e: EscritorioSocial, uf: str) -> Unidade:
    return Unidade("escritorio", e.id, f"{e.nome} ({uf})", uf, e.status, e.data_inauguracao or e.data_termo)


def todas(s: Session, tipo: str | None = None) -> list[Unidade]:
    """Todas as unidades cadastradas, Grupos por UF e Escritórios por UF e nome."""
    r: list[Unidade] = []
    if tipo in (None, "grupo"):
        for g in s.exec(select(GrupoInterinstitucional).order_by(GrupoInterinstitucional.uf_sigla)):
            r.append(de_grupo(g))
    if tipo in (None, "escritorio"):
        linhas = s.exec(
            select(EscritorioSocial, Municipio.uf_sigla)
            .join(Municipio, Municipio.codigo_ibge == EscritorioSocial.municipio_codigo)
            .order_by(Municipio.uf_sigla, EscritorioSocial.nome)
        ).all()
        for e, uf in linhas:
            r.append(de_escritorio(e, uf))
    return r


def obter(s: Session, tipo: str, ident: int) -> Unidade:
    if tipo == "grupo":
        return de_grupo(obter_na_sessao(s, GrupoInterinstitucional, ident, "Grupo Interinstitucional não encontrado."))
    if tipo == "escritorio":
        e = obter_na_sessao(s, EscritorioSocial, ident, "Escritório Social não encontrado.")
        return de_escritorio(e, s.get(Municipio, e.municipio_codigo).uf_sigla)
    raise ValueError(tipo)


def da_chave(s: Session, chave: str) -> Unidade:
    letra, _, ident = chave.partition(":")
    return obter(s, {"g": "grupo", "e": "escritorio"}[letra], int(ident))


def propria(ator: Usuario | None) -> tuple[str, int] | None:
    """(tipo, id) da unidade do ponto focal; None para os demais perfis."""
    if ator is None or ator.papel != acesso.PONTO_FOCAL:
        return None
    return ("grupo", ator.grupo_id) if ator.grupo_id is not None else ("escritorio", ator.escritorio_id)


def visiveis(s: Session, ator: Usuario | None, permissao_todas: str, tipo: str | None = None) -> list[Unidade]:
    """Unidades que o ator pode consultar: o ponto focal, só a sua; quem tem `permissao_todas`, todas."""
    acesso.exigir_conta_ativa(ator)
    p = propria(ator)
    if p is not None:
        return [u for u in [obter(s, *p)] if tipo in (None, u.tipo)]
    acesso.exigir(ator, permissao_todas)
    return todas(s, tipo)


def exigir_leitura(ator: Usuario | None, tipo: str, ident: int, permissao_todas: str) -> None:
    """Ponto focal lê só a própria unidade; os demais precisam de `permissao_todas`."""
    acesso.exigir_conta_ativa(ator)
    p = propria(ator)
    if p is not None:
        if p != (tipo, ident):
            raise AcessoNegado("Ponto focal só pode acessar os dados da própria unidade.")
        return
    acesso.exigir(ator, permissao_todas)
