"""Fluxos de recursos válidos (prestação pecuniária do TJRJ ao Fundo do Rio) para os testes de serviço."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from sqlmodel import select

from core.banco import sessao
from dominio.recursos.servicos import DadosFluxo
from models.recursos import FluxoRecurso
from models.unidades import FundoMunicipal

HOJE = date(2025, 6, 30)


PROCESSO_TJRJ = "0058967-77.2016.8.19.0000"  # número real (Res. CNJ 65/2008: dígitos 77 conferem)


CNPJ_OK = "11.222.333/0001-81"  # dígitos verificadores certos (destino em projeto ou entidade)


RIO, NITEROI = 3304557, 3303302  # o Rio tem Fundo e Escritório na demonstração; Niterói só Escritório


def fundo_de(ibge: int) -> int:
    with sessao() as s:
        return s.exec(select(FundoMunicipal.id).where(FundoMunicipal.municipio_codigo == ibge)).one()


def dados(**kw) -> DadosFluxo:
    """Prestação pecuniária do TJRJ, transferida ao Fundo do Rio (órgão próprio dos testes)."""
    base = dict(
        tipo_origem="prestacao_pecuniaria",
        orgao_tipo="tribunal",
        orgao_origem="TJRJ — Comarca da Capital — VEP (teste)",
        uf_origem="RJ",
        processo=PROCESSO_TJRJ,
        destino_tipo="fundo",
        fundo_id=fundo_de(RIO) if "fundo_id" not in kw else None,
        valor=D("1000.00"),
        etapa="transferido",
        data_destinacao=date(2024, 3, 10),
        data_transferencia=date(2024, 4, 2),
    )
    base.update(kw)
    return DadosFluxo(**base)


def doacao(orgao_origem: str) -> DadosFluxo:
    """Doação de R$ 5,00 destinada ao Fundo do Rio, sem processo: o fluxo mais simples que a tela grava."""
    return DadosFluxo(
        tipo_origem="doacao",
        orgao_tipo="outro",
        orgao_origem=orgao_origem,
        uf_origem="RJ",
        destino_tipo="fundo",
        fundo_id=fundo_de(RIO),
        valor="5,00",
        etapa="destinado",
        data_destinacao=date(2024, 1, 2),
    )


def incluir_doacoes_no_acre(n: int, *, etapa: str = "destinado") -> None:
    """`n` doações do Acre a um projeto, direto no banco (para tabelas com mais de uma página)."""
    with sessao() as s:
        s.add_all(
            FluxoRecurso(
                tipo_origem="doacao",
                orgao_tipo="outro",
                orgao_origem=f"Doador de teste {i}",
                uf_origem="AC",
                destino_tipo="projeto",
                destino_nome="Projeto de teste",
                valor=D(f"{1000 + i}.50"),
                etapa=etapa,
                data_destinacao=date(2024, 1, 1 + i % 28),
                data_referencia=date(2024, 1, 1 + i % 28),
                chave_natural=f"teste-acre-{etapa}-{i}",
            )
            for i in range(n)
        )
