"""Tipos de coluna: dinheiro exato ao centavo e data-hora em UTC, nos dois bancos."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    Table,
    create_engine,
    func,
    insert,
    select,
)

from comum import formatos
from models.tipos import VALOR_MAXIMO, DataHoraUTC, Dinheiro

meta = MetaData()
lancamento = Table(
    "lancamento_teste",
    meta,
    Column("id", Integer, primary_key=True),
    Column("valor", Dinheiro()),
    Column("momento", DataHoraUTC()),
)


def _verificar(url: str) -> None:
    engine = create_engine(url)
    try:
        meta.create_all(engine)
        with engine.begin() as c:
            # 0,10 somado 10.000 vezes: em ponto flutuante daria 999,9999999998...
            c.execute(insert(lancamento), [{"valor": Decimal("0.10")} for _ in range(10_000)])
            c.execute(insert(lancamento), [{"valor": Decimal("12345678901.23")}, {"valor": "-0.01"}])
            soma = c.execute(select(func.sum(lancamento.c.valor))).scalar()
            # a soma é feita em SQL sobre centavos inteiros e volta como Decimal exato em reais
            assert soma == Decimal("12345679901.22") and isinstance(soma, Decimal)
            valores = c.execute(select(lancamento.c.valor).order_by(lancamento.c.id.desc()).limit(2)).scalars().all()
            assert valores == [Decimal("-0.01"), Decimal("12345678901.23")]
            assert all(isinstance(v, Decimal) and v.as_tuple().exponent == -2 for v in valores)

            brasilia = datetime(2026, 11, 25, 21, 30, tzinfo=ZoneInfo("America/Sao_Paulo"))
            c.execute(insert(lancamento), [{"valor": 0, "momento": brasilia}])
            lido = c.execute(select(lancamento.c.momento).where(lancamento.c.momento.is_not(None))).scalar_one()
            assert lido.tzinfo is not None and lido.utcoffset() == timedelta(0)
            assert lido == datetime(2026, 11, 26, 0, 30, tzinfo=UTC)
            assert formatos.data_hora(lido) == "25/11/2026 21:30"
            # comparação com instantes em outro fuso funciona (o parâmetro também vai em UTC)
            n = c.execute(
                select(func.count()).where(lancamento.c.momento >= datetime(2026, 11, 26, tzinfo=UTC))
            ).scalar()
            assert n == 1
    finally:
        meta.drop_all(engine)
        engine.dispose()


def test_dinheiro_e_datas_sqlite(tmp_path):
    _verificar(f"sqlite:///{tmp_path / 'tipos.sqlite3'}")


@pytest.mark.postgres
def test_dinheiro_e_datas_postgres(url_postgres):
    _verificar(url_postgres)


def test_dinheiro_recusa_float_e_fracao_de_centavo():
    t = Dinheiro()
    assert t.process_bind_param(Decimal("1234.56"), None) == 123456
    assert t.process_bind_param("0.1", None) == 10
    with pytest.raises(TypeError, match="nunca float"):
        t.process_bind_param(0.1, None)
    with pytest.raises(ValueError, match="fração de centavo"):
        t.process_bind_param(Decimal("0.001"), None)
    with pytest.raises(ValueError, match="inválido"):
        t.process_bind_param("dez reais", None)
    # acima de VALOR_MAXIMO a soma em centavos de milhões de linhas poderia sair do BIGINT
    assert t.process_bind_param(VALOR_MAXIMO, None) == 99_999_999_999_999
    with pytest.raises(ValueError, match="acima do máximo"):
        t.process_bind_param(VALOR_MAXIMO + Decimal("0.01"), None)


def test_data_hora_sem_fuso_e_recusada():
    with pytest.raises(ValueError, match="sem fuso"):
        DataHoraUTC().process_bind_param(datetime(2026, 1, 1, 12, 0), type("D", (), {"name": "sqlite"}))
