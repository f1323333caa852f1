"""Tipos de coluna comuns: dinheiro exato ao centavo e data-hora em UTC.

- `Dinheiro` guarda `Decimal` como inteiro de centavos (BIGINT) nos dois bancos:
  somas em SQL são exatas no SQLite e no PostgreSQL, e frações de centavo são
  recusadas em vez de arredondadas em silêncio.
- `DataHoraUTC` guarda sempre em UTC com fuso; datas sem fuso são recusadas. O instante
  atual vem de `core.relogio.agora_utc`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.types import TypeDecorator

CENTAVO = Decimal("0.01")
# maior valor monetário aceito (quase R$ 1 trilhão): muito acima de qualquer fluxo, repasse ou
# saldo real e, em centavos, longe do limite do BIGINT (somas de milhões de linhas continuam exatas)
VALOR_MAXIMO = Decimal("999999999999.99")


class Dinheiro(TypeDecorator):
    """Valor em reais (`Decimal`), armazenado como centavos inteiros."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("Valores monetários devem ser Decimal ou texto, nunca float.")
        try:
            valor = Decimal(value)
        except (InvalidOperation, TypeError) as exc:
            raise ValueError(f"Valor monetário inválido: {value!r}") from exc
        if valor.is_finite() and abs(valor) > VALOR_MAXIMO:
            raise ValueError(f"Valor monetário acima do máximo aceito: {value!r}")
        centavos = valor * 100
        if centavos != centavos.to_integral_value():
            raise ValueError(f"Valor monetário com fração de centavo: {value!r}")
        return int(centavos)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(CENTAVO)

    @property
    def python_type(self):
        return Decimal


class DataHoraUTC(TypeDecorator):
    """Data-hora com fuso, sempre armazenada e devolvida em UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("Data-hora sem fuso horário: informe-a em UTC ou com fuso.")
        valor = value.astimezone(UTC)
        if dialect.name == "sqlite":
            # SQLite não tem fuso: guarda-se o instante UTC sem o sufixo.
            return valor.replace(tzinfo=None)
        return valor

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    @property
    def python_type(self):
        return datetime
