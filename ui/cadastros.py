"""Páginas de cadastro (Grupos Interinstitucionais, Escritórios Sociais, Fundos Municipais):
uma só montagem — lista filtrável com exportação, detalhe, inclusão e edição com trava
otimista, histórico de alterações —, configurada por espécie (`GRUPOS`, `ESCRITORIOS`, `FUNDOS`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import streamlit as st

from comum import formatos
from comum.validadores import formatar_cnpj
from core import acesso
from dominio.cadastros import referencia
from dominio.cadastros import servicos as registros
from dominio.usuarios import servicos as usuarios
from models.unidades import STATUS_ESCRITORIO, STATUS_FUNDO, STATUS_GRUPO, TIPO_GESTAO_ESCRITORIO
from ui import filtros_url
from ui.campos import (
    campo_data,
    em_formulario,
    formulario_de_edicao,
    inclusao_em_expansor,
    opcao,
    valor_atual,
)
from ui.comum import abrir_pagina, linha_da_url, tabela_para_escolher, texto_md
from ui.historico import mostrar_trilha
from ui.recursos import mostrar_recursos_do_fundo


def filtro_ufs(chave: str) -> list[str]:
    """Filtro por UF, guardado na URL (`?uf=PR`)."""
    ufs = [u.sigla for u in referencia.listar_ufs()]
    filtros_url.lista_da_url("uf", f"{chave}_uf", ufs)
    escolhidas = st.multiselect("UF", ufs, key=f"{chave}_uf", placeholder="Todas")
    filtros_url.lista_na_url("uf", escolhidas)
    return escolhidas


def filtro_situacao(chave: str, opcoes: dict[str, str]) -> list[str]:
    """Filtro por situação, guardado na URL pelo código (`?situacao=ativo`)."""
    inverso = {v: k for k, v in opcoes.items()}
    if f"{chave}_sit" not in st.session_state and "situacao" in st.query_params:
        st.session_state[f"{chave}_sit"] = [opcoes[c] for c in st.query_params.get_all("situacao") if c in opcoes]
    escolhidos = st.multiselect("Situação", list(opcoes.values()), key=f"{chave}_sit", placeholder="Todas")
    filtros_url.lista_na_url("situacao", [inverso[e] for e in escolhidos])
    return [inverso[e] for e in escolhidos]


def mostrar_historico(ator, especie: str, ident: int) -> None:
    mostrar_trilha(registros.historico(ator, especie, ident), chave=f"cad_hist_{especie}_{ident}")


def campo(rotulo: str, valor) -> None:
    st.markdown(f"**{rotulo}:** {texto_md(valor) if valor not in (None, '') else '—'}")


def campo_pontos_focais(focais) -> None:
    campo("Pontos focais com acesso ao sistema", ", ".join(f"{u.nome} ({u.email})" for u in focais) or "nenhum")


def escolher_municipio(chave: str, atual: int | None = None) -> int | None:
    """UF e município (fora do formulário, para a lista de municípios acompanhar a UF)."""
    ufs = [u.sigla for u in referencia.listar_ufs()]
    uf_atual = None
    if atual is not None:
        uf_atual = str(atual)[:2]
        uf_atual = next((u.sigla for u in referencia.listar_ufs() if str(u.codigo_ibge) == uf_atual), None)
    c1, c2 = st.columns([1, 3])
    uf = c1.selectbox("UF *", ufs, index=ufs.index(uf_atual) if uf_atual else None, key=f"{chave}_uf", placeholder="UF")
    if not uf:
        c2.selectbox("Município *", [], key=f"{chave}_mun_vazio", placeholder="Escolha antes a UF", disabled=True)
        return None
    municipios = referencia.listar_municipios(uf)
    codigos = [m.codigo_ibge for m in municipios]
    nomes = {m.codigo_ibge: m.nome for m in municipios}
    return c2.selectbox(
        "Município *",
        codigos,
        format_func=lambda c: nomes[c],
        key=f"{chave}_mun_{uf}",
        index=codigos.index(atual) if atual in codigos else None,
        placeholder="Escolha o município",
    )


def _data(rotulo: str, atual, nome: str, chave: str, onde=st):
    return campo_data(rotulo, chave, valor_atual(atual, nome, None), onde=onde)


def _com_municipio(campos):
    """Formulário de cadastro com município: UF e município fora do `st.form` (a lista de
    municípios acompanha a UF) e os `campos(chave, atual)` dentro, com o botão Salvar."""
    formulario = em_formulario(campos, "Salvar", icon=":material/save:")

    def com_municipio(chave: str, atual=None):
        municipio = escolher_municipio(f"{chave}_local", valor_atual(atual, "municipio_codigo", None))
        dados = formulario(chave, atual)
        return None if dados is None else replace(dados, municipio_codigo=municipio)

    return com_municipio


# --- formulários e detalhes de cada espécie --------------------------------------------------------


def campos_grupo(chave: str, atual=None) -> registros.DadosGrupo:
    ufs = [u.sigla for u in referencia.listar_ufs()]
    uf = st.selectbox(
        "UF *",
        ufs,
        index=ufs.index(atual.uf_sigla) if atual else None,
        placeholder="Escolha a UF",
        disabled=atual is not None,
        key=f"{chave}_uf",
    )
    situacao = opcao(STATUS_GRUPO, "Situação *", f"{chave}_sit", valor_atual(atual, "status", None))
    ato = st.text_input(
        "Ato de criação",
        value=valor_atual(atual, "ato_criacao"),
        help="Ex.: Portaria Conjunta nº 1/2021. Obrigatório quando o grupo já foi constituído.",
        key=f"{chave}_ato",
    )
    data_criacao = _data("Data de criação", atual, "data_criacao", f"{chave}_data")
    membros = st.text_area(
        "Instituições membro (uma por linha)",
        value="\n".join(atual.instituicoes_membro) if atual else "",
        key=f"{chave}_membros",
    )
    contato = st.text_input(
        "Pontos focais (nomes e contatos institucionais)",
        value=valor_atual(atual, "contato_pontos_focais"),
        key=f"{chave}_contato",
    )
    obs = st.text_area("Observações", value=valor_atual(atual, "observacoes"), key=f"{chave}_obs")
    return registros.DadosGrupo(
        uf_sigla=uf or "",
        ato_criacao=ato,
        data_criacao=data_criacao,
        status=situacao,
        instituicoes_membro=membros.splitlines(),
        contato_pontos_focais=contato,
        observacoes=obs,
    )


formulario_grupo = em_formulario(campos_grupo, "Salvar", icon=":material/save:")


def detalhes_grupo(ator, g) -> None:
    campo("Situação", STATUS_GRUPO[g.status])
    campo("Ato de criação", g.ato_criacao)
    campo("Data de criação", formatos.data(g.data_criacao))
    campo("Instituições membro", ", ".join(g.instituicoes_membro))
    campo("Contato dos pontos focais", g.contato_pontos_focais)
    campo_pontos_focais(usuarios.pontos_focais(grupo_id=g.id))
    campo("Observações", g.observacoes)


def campos_escritorio(chave: str, atual=None) -> registros.DadosEscritorio:
    nome = st.text_input("Nome *", value=valor_atual(atual, "nome"), key=f"{chave}_nome")
    orgao = st.text_input("Órgão gestor *", value=valor_atual(atual, "orgao_gestor"), key=f"{chave}_orgao")
    c1, c2 = st.columns(2)
    gestao = opcao(
        TIPO_GESTAO_ESCRITORIO, "Tipo de gestão *", f"{chave}_gestao", valor_atual(atual, "tipo_gestao", None), onde=c1
    )
    situacao = opcao(STATUS_ESCRITORIO, "Situação *", f"{chave}_sit", valor_atual(atual, "status", None), onde=c2)
    termo = st.text_input("Termo de cooperação", value=valor_atual(atual, "termo_cooperacao"), key=f"{chave}_termo")
    c3, c4 = st.columns(2)
    data_termo = _data("Data do termo", atual, "data_termo", f"{chave}_data_termo", c3)
    inauguracao = _data("Data de inauguração", atual, "data_inauguracao", f"{chave}_inauguracao", c4)
    obs = st.text_area("Observações", value=valor_atual(atual, "observacoes"), key=f"{chave}_obs")
    return registros.DadosEscritorio(
        nome=nome,
        municipio_codigo=None,  # escolhido fora do formulário (ver _com_municipio)
        orgao_gestor=orgao,
        tipo_gestao=gestao,
        termo_cooperacao=termo,
        data_termo=data_termo,
        data_inauguracao=inauguracao,
        status=situacao,
        observacoes=obs,
    )


formulario_escritorio = _com_municipio(campos_escritorio)


def detalhes_escritorio(ator, e) -> None:
    campo("Município", registros.nome_municipio(e.municipio_codigo))
    campo("Órgão gestor", f"{e.orgao_gestor} ({TIPO_GESTAO_ESCRITORIO[e.tipo_gestao]})")
    campo("Situação", STATUS_ESCRITORIO[e.status])
    campo("Termo de cooperação", f"{e.termo_cooperacao or '—'}, de {formatos.data(e.data_termo)}")
    campo("Inauguração", formatos.data(e.data_inauguracao))
    campo_pontos_focais(usuarios.pontos_focais(escritorio_id=e.id))
    campo("Observações", e.observacoes)


def campos_fundo(chave: str, atual=None) -> registros.DadosFundo:
    nome = st.text_input("Nome *", value=valor_atual(atual, "nome"), key=f"{chave}_nome")
    c1, c2 = st.columns(2)
    lei = c1.text_input(
        "Número da lei municipal *",
        value=valor_atual(atual, "lei_numero"),
        placeholder="1.234/2022",
        key=f"{chave}_lei",
    )
    lei_data = _data("Data da lei *", atual, "lei_data", f"{chave}_lei_data", c2)
    c3, c4 = st.columns(2)
    cnpj = c3.text_input(
        "CNPJ",
        value=formatar_cnpj(atual.cnpj) if atual and atual.cnpj else "",
        placeholder="00.000.000/0000-00",
        help="Os dígitos verificadores são conferidos.",
        key=f"{chave}_cnpj",
    )
    situacao = opcao(STATUS_FUNDO, "Situação *", f"{chave}_sit", valor_atual(atual, "status", None), onde=c4)
    conselho = st.text_input("Conselho gestor", value=valor_atual(atual, "conselho_gestor"), key=f"{chave}_conselho")
    obs = st.text_area("Observações", value=valor_atual(atual, "observacoes"), key=f"{chave}_obs")
    return registros.DadosFundo(
        nome=nome,
        municipio_codigo=None,  # escolhido fora do formulário (ver _com_municipio)
        lei_numero=lei,
        lei_data=lei_data,
        cnpj=cnpj,
        conselho_gestor=conselho,
        status=situacao,
        observacoes=obs,
    )


formulario_fundo = _com_municipio(campos_fundo)


def detalhes_fundo(ator, f) -> None:
    campo("Município", registros.nome_municipio(f.municipio_codigo))
    campo("Lei de criação", f"nº {f.lei_numero}, de {formatos.data(f.lei_data)}")
    campo("CNPJ", formatar_cnpj(f.cnpj) if f.cnpj else None)
    campo("Conselho gestor", f.conselho_gestor)
    campo("Situação", STATUS_FUNDO[f.status])
    campo("Observações", f.observacoes)


# --- a página --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cadastro:
    """O que muda de uma página de cadastro para outra.

    `prefixo` compõe as chaves dos campos (`{prefixo}_uf`, `{prefixo}_tabela`, `{prefixo}_novo`,
    `{prefixo}_editar_{id}`); `tabela(ator, uf=, status=[, busca=])` é o serviço da lista;
    `abas` são abas extras do detalhe, depois de “Detalhes”: nome → (permissão, desenho(ator, registro))."""

    especie: str
    prefixo: str
    titulo: str
    legenda: str
    situacoes: dict[str, str]
    tabela: Callable
    contagem: str
    arquivo: str
    vazio: str
    novo: str
    formulario: Callable
    detalhes: Callable
    incluido: Callable[[object], str]
    subtitulo: Callable[[object, object], str]
    busca: bool = True
    abas: dict[str, tuple[str, Callable]] = field(default_factory=dict)


GRUPOS = Cadastro(
    especie="grupo",
    prefixo="gr",
    titulo="Grupos Interinstitucionais",
    legenda="Um grupo por UF, articulando o GMF do Tribunal de Justiça, o MPT e outros órgãos para efetivar a PNAT.",
    situacoes=STATUS_GRUPO,
    tabela=registros.tabela_grupos,
    contagem="grupo(s)",
    arquivo="grupos_interinstitucionais",
    vazio="Nenhum Grupo Interinstitucional com esses filtros.",
    novo="Novo Grupo Interinstitucional",
    formulario=formulario_grupo,
    detalhes=detalhes_grupo,
    incluido=lambda d: f"Grupo Interinstitucional de {d.uf_sigla} incluído.",
    subtitulo=lambda g, linha: f"Grupo Interinstitucional — {linha['Estado']} ({g.uf_sigla})",
    busca=False,
)

ESCRITORIOS = Cadastro(
    especie="escritorio",
    prefixo="es",
    titulo="Escritórios Sociais",
    legenda="Atendimento a pessoas egressas, pré-egressas e familiares (Resolução CNJ nº 307/2019).",
    situacoes=STATUS_ESCRITORIO,
    tabela=registros.tabela_escritorios,
    contagem="escritório(s)",
    arquivo="escritorios_sociais",
    vazio="Nenhum Escritório Social com esses filtros.",
    novo="Novo Escritório Social",
    formulario=formulario_escritorio,
    detalhes=detalhes_escritorio,
    incluido=lambda d: f"{d.nome} incluído.",
    subtitulo=lambda e, linha: e.nome,
)

FUNDOS = Cadastro(
    especie="fundo",
    prefixo="fu",
    titulo="Fundos Municipais de Políticas Penais",
    legenda=(
        "Criados por lei municipal; recebem repasses do FUNPEN, orçamento municipal, convênios, doações e outras "
        "receitas."
    ),
    situacoes=STATUS_FUNDO,
    tabela=registros.tabela_fundos,
    contagem="fundo(s)",
    arquivo="fundos_municipais",
    vazio="Nenhum Fundo Municipal com esses filtros.",
    novo="Novo Fundo Municipal",
    formulario=formulario_fundo,
    detalhes=detalhes_fundo,
    incluido=lambda d: f"{d.nome} incluído.",
    subtitulo=lambda f, linha: f.nome,
    abas={"Recursos": (acesso.RECURSOS_VER, lambda ator, f: mostrar_recursos_do_fundo(ator, f.id))},
)


def _lista(ator, c: Cadastro):
    """Filtros, contagem e a tabela exportável; devolve a linha selecionada ou None."""
    colunas = st.columns(3 if c.busca else 2)
    with colunas[0]:
        filtros = {"uf": filtro_ufs(c.prefixo)}
    with colunas[1]:
        filtros["status"] = filtro_situacao(c.prefixo, c.situacoes)
    if c.busca:
        with colunas[2]:
            chave_busca = f"{c.prefixo}_busca"
            if "busca" in st.query_params and chave_busca not in st.session_state:  # link da página Buscar
                st.session_state[chave_busca] = str(st.query_params["busca"])[:100]
            filtros["busca"] = st.text_input("Buscar por nome ou município", key=chave_busca)
    df = c.tabela(ator, **filtros)
    linha = tabela_para_escolher(df, c.arquivo, chave=f"{c.prefixo}_tabela", contagem=c.contagem, vazio=c.vazio)
    return linha if linha is not None else linha_da_url(df)  # ?id=N: o item aberto por um link


def _detalhe(ator, c: Cadastro, linha, pode_editar: bool) -> None:
    r = registros.obter(ator, c.especie, int(linha["id"]))
    st.divider()
    st.subheader(texto_md(c.subtitulo(r, linha)))
    extras = {nome: desenho for nome, (permissao, desenho) in c.abas.items() if acesso.pode(ator, permissao)}
    nomes = ["Detalhes", *extras] + (["Editar"] if pode_editar else []) + ["Histórico"]
    abas = dict(zip(nomes, st.tabs(nomes)))
    with abas["Detalhes"]:
        c.detalhes(ator, r)
        st.caption(f"Última alteração: {formatos.data_hora(r.atualizado_em)} · versão {r.versao}")
    for nome, desenho in extras.items():
        with abas[nome]:
            desenho(ator, r)
    if pode_editar:
        with abas["Editar"]:
            formulario_de_edicao(
                c.formulario,
                f"{c.prefixo}_editar_{r.id}",
                r,
                lambda dados, versao: registros.salvar(ator, c.especie, dados, ident=r.id, versao=versao),
                chave=f"{c.especie}_{r.id}",
            )
    with abas["Histórico"]:
        mostrar_historico(ator, c.especie, r.id)


def pagina_de_cadastro(c: Cadastro) -> None:
    """Monta a página de cadastro da espécie `c`: título, lista, inclusão e detalhe da linha escolhida."""
    ator, _, pode_editar = abrir_pagina(c.titulo, c.legenda, permissao=acesso.REGISTROS_EDITAR)
    linha = _lista(ator, c)
    if pode_editar:
        inclusao_em_expansor(
            c.novo,
            c.formulario,
            f"{c.prefixo}_novo",
            lambda dados: registros.salvar(ator, c.especie, dados),
            mensagem=c.incluido,
        )
    if linha is not None:
        _detalhe(ator, c, linha, pode_editar)
