"""Dados de referência: UFs e municípios do IBGE (data/), e inclusão de
municípios posteriores à lista de 2022 pelo administrador."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlmodel import select

from comum.textos import somente_algarismos
from core import acesso
from core.banco import sessao
from core.config import RAIZ
from core.erros import ErroValidacao, Problema, trecho
from dominio.indicadores.servicos import carregar_catalogo_padrao
from dominio.plano.acordo import carregar_plano_base
from dominio.recursos.servicos import carregar_salarios_minimos
from models.territorio import UF, Municipio
from models.usuarios import Usuario

PASTA_DADOS = RAIZ / "data"


def _ler_csv(caminho: Path) -> list[dict[str, str]]:
    with caminho.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def carregar_referencia() -> dict[str, int]:
    """Carrega UFs, municípios e o texto do acordo e do Plano de Trabalho (metas, etapas,
    obrigações, ano 1 do cronograma). Idempotente: só inclui o que falta. Devolve contagens incluídas."""
    ufs = _ler_csv(PASTA_DADOS / "uf.csv")
    municipios = _ler_csv(PASTA_DADOS / "municipios_ibge.csv")
    incluidos = {"uf": 0, "municipio": 0}
    with sessao() as s:
        existentes_uf = set(s.exec(select(UF.sigla)))
        for linha in ufs:
            if linha["sigla"] not in existentes_uf:
                s.add(
                    UF(
                        sigla=linha["sigla"],
                        codigo_ibge=int(linha["codigo_ibge"]),
                        nome=linha["nome"],
                        regiao=linha["regiao"],
                        capital=linha["capital"],
                    )
                )
                incluidos["uf"] += 1
        s.flush()
        existentes_mun = set(s.exec(select(Municipio.codigo_ibge)))
        for linha in municipios:
            codigo = int(linha["codigo_ibge"])
            if codigo not in existentes_mun:
                s.add(Municipio(codigo_ibge=codigo, nome=linha["nome"], uf_sigla=linha["uf"]))
                incluidos["municipio"] += 1
        s.flush()
        incluidos |= carregar_plano_base(s)
        incluidos |= carregar_catalogo_padrao(s)
        incluidos["salarios_minimos"] = carregar_salarios_minimos(s)
    return incluidos


def listar_ufs() -> list[UF]:
    with sessao() as s:
        return list(s.exec(select(UF).order_by(UF.sigla)))


def listar_municipios(uf_sigla: str | None = None) -> list[Municipio]:
    with sessao() as s:
        q = select(Municipio).order_by(Municipio.nome)
        if uf_sigla:
            q = q.where(Municipio.uf_sigla == uf_sigla)
        return list(s.exec(q))


def incluir_municipio(
    ator: Usuario | None, codigo_ibge: str | int, nome: str, uf_sigla: str, *, sistema: bool = False
) -> Municipio:
    """Inclui município ausente da lista do IBGE de 2022 (ex.: Boa Esperança do Norte/MT)."""
    if not sistema:
        acesso.exigir(ator, acesso.MUNICIPIOS_INCLUIR)
    problemas: list[Problema] = []
    texto = str(codigo_ibge).strip()
    codigo = None
    if not somente_algarismos(texto) or len(texto) != 7:
        problemas.append(Problema("código IBGE", f"“{trecho(texto)}” deve ter 7 dígitos"))
    else:
        codigo = int(texto)
    nome = (nome or "").strip()
    if not nome:
        problemas.append(Problema("nome", "informe o nome do município"))
    uf_sigla = (uf_sigla or "").strip().upper()
    with sessao(ator) as s:
        uf = s.get(UF, uf_sigla)
        if uf is None:
            problemas.append(Problema("UF", f"UF “{trecho(uf_sigla)}” não existe"))
        elif codigo is not None and codigo // 100000 != uf.codigo_ibge:
            problemas.append(
                Problema(
                    "código IBGE",
                    f"os dois primeiros dígitos ({texto[:2]}) não são o código de {uf_sigla} ({uf.codigo_ibge})",
                )
            )
        if codigo is not None and s.get(Municipio, codigo) is not None:
            existente = s.get(Municipio, codigo)
            problemas.append(
                Problema("código IBGE", f"{codigo} já está cadastrado ({existente.nome}/{existente.uf_sigla})")
            )
        if problemas:
            raise ErroValidacao(problemas)
        m = Municipio(codigo_ibge=codigo, nome=nome, uf_sigla=uf_sigla, incluido_manualmente=True)
        s.add(m)
        return m
