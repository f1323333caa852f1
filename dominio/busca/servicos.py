"""Busca: Grupos Interinstitucionais, Escritórios Sociais, Fundos Municipais, municípios,
processos (número CNJ dos fluxos de recursos) e publicações, dentro do que a pessoa pode ver.

Escopo (decisão registrada em docs/funcionalidades.md): a busca é só para quem entrou no
sistema — o visitante tem o painel público e os dados abertos. Quem consulta os cadastros
(`REGISTROS_VER`) acha Grupos, Escritórios, Fundos e municípios; quem consulta os recursos
(`RECURSOS_VER`), os processos; quem consulta o Plano (`PLANO_VER`), as publicações. O ponto
focal acha só a própria unidade (o Grupo ou o Escritório a que está ligado)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func as sa_func
from sqlmodel import select

from comum.formatos import dinheiro
from core import acesso
from core.banco import sessao
from dominio.busca.regras import TAMANHO_MINIMO, casa, digitos_de_processo, normalizar, preparar_consulta
from models.plano import TIPOS_PUBLICACAO, Publicacao
from models.recursos import FluxoRecurso
from models.territorio import UF, Municipio
from models.unidades import EscritorioSocial, FundoMunicipal, GrupoInterinstitucional
from models.usuarios import Usuario

LIMITE_POR_TIPO = 20

GRUPO, ESCRITORIO, FUNDO, MUNICIPIO, PROCESSO, PUBLICACAO = (
    "Grupo Interinstitucional",
    "Escritório Social",
    "Fundo Municipal",
    "Município",
    "Processo",
    "Publicação",
)


@dataclass(frozen=True)
class Achado:
    """Um resultado: o que é, como se chama, uma linha de contexto e a página (arquivo em
    `paginas/`) com os parâmetros de endereço que abrem exatamente o item."""

    tipo: str
    titulo: str
    detalhe: str
    pagina: str
    parametros: dict[str, str] = field(default_factory=dict)


@dataclass
class ResultadoBusca:
    consulta: str
    achados: list[Achado] = field(default_factory=list)
    omitidos: dict[str, int] = field(default_factory=dict)  # tipo -> quantos além do limite
    aviso: str = ""


def _limitar(tipo: str, achados: list[Achado], r: ResultadoBusca) -> None:
    if len(achados) > LIMITE_POR_TIPO:
        r.omitidos[tipo] = len(achados) - LIMITE_POR_TIPO
    r.achados += achados[:LIMITE_POR_TIPO]


def buscar(ator: Usuario | None, texto) -> ResultadoBusca:
    """Os achados de `texto` (sem acentos nem caixa; número CNJ com ou sem pontuação) que o `ator`
    pode ver, até `LIMITE_POR_TIPO` por tipo. Visitante não busca (`AcessoNegado`)."""
    acesso.exigir(ator, acesso.PAINEL_INTERNO)
    consulta = preparar_consulta(texto)
    r = ResultadoBusca(consulta=consulta)
    q = normalizar(consulta)
    if len(q.replace(" ", "")) < TAMANHO_MINIMO:
        r.aviso = f"Digite ao menos {TAMANHO_MINIMO} letras ou números."
        return r
    processo = digitos_de_processo(consulta)
    with sessao(ator) as s:
        ufs = {u.sigla: u.nome for u in s.exec(select(UF))}
        if acesso.papel_de(ator) == acesso.PONTO_FOCAL:
            _propria_unidade(s, ator, q, ufs, r)
            return r
        if acesso.pode(ator, acesso.REGISTROS_VER):
            _cadastros(s, q, ufs, r)
        if acesso.pode(ator, acesso.RECURSOS_VER) and processo:
            _processos(s, processo, r)
        if acesso.pode(ator, acesso.PLANO_VER):
            pubs = [
                Achado(
                    PUBLICACAO,
                    f"{TIPOS_PUBLICACAO.get(p.tipo, p.tipo)} nº {p.numero} — {p.titulo}",
                    f"Publicada em {p.data:%d/%m/%Y}",
                    "paginas/comunicacao.py",
                    {"publicacao": str(p.id)},
                )
                for p in s.exec(select(Publicacao).order_by(Publicacao.data.desc(), Publicacao.id.desc()))
                if casa(q, TIPOS_PUBLICACAO.get(p.tipo, p.tipo), p.numero, p.titulo)
            ]
            _limitar(PUBLICACAO, pubs, r)
    return r


def _nome_grupo(sigla: str, ufs: dict[str, str]) -> str:
    return f"Grupo Interinstitucional — {ufs.get(sigla, sigla)} ({sigla})"


def _propria_unidade(s, ator: Usuario, q: str, ufs: dict[str, str], r: ResultadoBusca) -> None:
    """Ponto focal: só o Grupo ou o Escritório dele, aberto em “Minha unidade”."""
    if ator.grupo_id is not None and (g := s.get(GrupoInterinstitucional, ator.grupo_id)) is not None:
        nome = _nome_grupo(g.uf_sigla, ufs)
        if casa(q, nome, "grupo interinstitucional", g.uf_sigla):
            r.achados.append(Achado(GRUPO, nome, "A sua unidade", "paginas/minha_unidade.py"))
    if ator.escritorio_id is not None and (e := s.get(EscritorioSocial, ator.escritorio_id)) is not None:
        m = s.get(Municipio, e.municipio_codigo)
        municipio = f"{m.nome} ({m.uf_sigla})" if m else ""
        if casa(q, e.nome, municipio, "escritorio social"):
            r.achados.append(Achado(ESCRITORIO, e.nome, f"A sua unidade · {municipio}", "paginas/minha_unidade.py"))


def _com_municipio(s, modelo):
    """Os registros de `modelo` (Escritório Social ou Fundo Municipal), por nome, cada um com o nome
    e a UF do seu município."""
    return s.exec(
        select(modelo, Municipio.nome, Municipio.uf_sigla)
        .join(Municipio, Municipio.codigo_ibge == modelo.municipio_codigo)
        .order_by(modelo.nome)
    )


def _cadastros(s, q: str, ufs: dict[str, str], r: ResultadoBusca) -> None:
    grupos = [
        Achado(GRUPO, _nome_grupo(g.uf_sigla, ufs), g.ato_criacao or "", "paginas/grupos.py", {"id": str(g.id)})
        for g in s.exec(select(GrupoInterinstitucional).order_by(GrupoInterinstitucional.uf_sigla))
        if casa(q, _nome_grupo(g.uf_sigla, ufs), "grupo interinstitucional", g.uf_sigla)
    ]
    _limitar(GRUPO, grupos, r)
    escritorios = [
        Achado(ESCRITORIO, e.nome, f"{m} ({uf})", "paginas/escritorios.py", {"id": str(e.id)})
        for e, m, uf in _com_municipio(s, EscritorioSocial)
        if casa(q, e.nome, m, uf)
    ]
    _limitar(ESCRITORIO, escritorios, r)
    fundos = [
        Achado(FUNDO, f.nome, f"{m} ({uf})", "paginas/fundos.py", {"id": str(f.id)})
        for f, m, uf in _com_municipio(s, FundoMunicipal)
        if casa(q, f.nome, m, uf, f.cnpj)
    ]
    _limitar(FUNDO, fundos, r)
    municipios = [
        Achado(
            MUNICIPIO,
            f"{nome} ({uf})",
            f"Código IBGE {codigo} · abre os Fundos Municipais filtrados por este nome",
            "paginas/fundos.py",
            {"busca": nome},
        )
        for codigo, nome, uf in s.exec(
            select(Municipio.codigo_ibge, Municipio.nome, Municipio.uf_sigla).order_by(Municipio.nome)
        )
        if casa(q, nome)
    ]
    _limitar(MUNICIPIO, municipios, r)


def _processos(s, digitos: str, r: ResultadoBusca) -> None:
    """Fluxos cujo número CNJ contém os dígitos digitados (a pontuação não conta)."""
    so_digitos = sa_func.replace(sa_func.replace(FluxoRecurso.processo, "-", ""), ".", "")
    fluxos = s.exec(
        select(FluxoRecurso.id, FluxoRecurso.processo, FluxoRecurso.orgao_origem, FluxoRecurso.valor)
        .where(FluxoRecurso.processo.is_not(None), so_digitos.contains(digitos, autoescape=True))
        .order_by(FluxoRecurso.id.desc())
        .limit(LIMITE_POR_TIPO + 1)
    ).all()
    achados = [
        Achado(
            PROCESSO,
            f"Processo {processo}",
            f"Fluxo nº {ident} · {orgao} · {dinheiro(valor)}",
            "paginas/recursos.py",
            {"fluxo": str(ident)},
        )
        for ident, processo, orgao, valor in fluxos
    ]
    if len(achados) > LIMITE_POR_TIPO:
        r.omitidos[PROCESSO] = 1  # “mais de 20”: a consulta para no primeiro além do limite
    r.achados += achados[:LIMITE_POR_TIPO]
