"""Partes comuns às páginas de cadastro (filtros, detalhe, histórico, gravação)."""

from __future__ import annotations

import streamlit as st

from dominio.cadastros import referencia
from dominio.cadastros import servicos as registros
from ui.comum import aviso_pendente, gravar_com_trava  # noqa: F401 - aviso_pendente reexportado às páginas


def filtro_ufs(chave: str) -> list[str]:
    return st.multiselect("UF", [u.sigla for u in referencia.listar_ufs()], key=f"{chave}_uf", placeholder="Todas")


def filtro_situacao(chave: str, opcoes: dict[str, str]) -> list[str]:
    escolhidos = st.multiselect("Situação", list(opcoes.values()), key=f"{chave}_sit", placeholder="Todas")
    inverso = {v: k for k, v in opcoes.items()}
    return [inverso[e] for e in escolhidos]


def gravar(
    ator, especie: str, dados, *, formulario: str, ident: int | None = None, versao: int | None = None, mensagem: str
) -> None:
    """Grava o cadastro pelo serviço (`gravar_com_trava`: nada se perde em erro ou conflito)."""
    gravar_com_trava(
        lambda: registros.salvar(ator, especie, dados, ident=ident, versao=versao),
        chave=f"{especie}_{ident}",
        formulario=formulario,
        mensagem=mensagem,
    )


def mostrar_historico(ator, especie: str, ident: int) -> None:
    df = registros.historico(ator, especie, ident)
    if df.empty:
        st.info("Sem alterações registradas.")
    else:
        st.dataframe(df, hide_index=True, width="stretch")


def campo(rotulo: str, valor) -> None:
    st.markdown(f"**{rotulo}:** {valor if valor not in (None, '') else '—'}")


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


def opcao(rotulos: dict[str, str], rotulo: str, valor_atual: str | None, chave: str, padrao: int = 0) -> str:
    """Selectbox que mostra rótulos em pt-BR e devolve o código."""
    codigos = list(rotulos)
    return st.selectbox(
        rotulo,
        codigos,
        format_func=lambda c: rotulos[c],
        key=chave,
        index=codigos.index(valor_atual) if valor_atual in codigos else padrao,
        placeholder="Selecione",
    )
