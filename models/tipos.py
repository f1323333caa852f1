"""Tipos de coluna comuns: dinheiro exato ao centavo e data-hora em UTC.

- `Dinheiro` guarda `Decimal` como inteiro de centavos (BIGINT) nos dois bancos:
  somas em SQL são exatas no SQLite e no PostgreSQL, e frações de centavo são
  recusadas em vez de arredondadas em silêncio.
- `DataHoraUTC` guarda sempre em UTC com fuso; datas sem fuso são recusadas.
- `agora_utc`, o padrão das colunas de data-hora, lê o relógio único (`core.relogio`), que se
  registra aqui com `usar_relogio`: models/ fica abaixo de core/ e não o importa.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.types import TypeDecorator

CENTAVO = Decimal("0.01")
# maior valor monetário aceito (quase R$ 1 trilhão): muito acima de qualquer fluxo, repasse ou
# saldo real e, em centavos, longe do limite do BIGINT (somas de milhões de linhas continuam exatas)
VALOR_MAXIMO = Decimal("999999999999.99")


def reais_de_centavos(centavos: int) -> Decimal:
    """Os centavos inteiros guardados numa coluna `Dinheiro` (ou somados em SQL) em reais."""
    return (Decimal(int(centavos)) / 100).quantize(CENTAVO)


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
        return reais_de_centavos(value)

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


def _agora_do_sistema() -> datetime:
    return datetime.now(UTC)


_fonte_do_agora: Callable[[], datetime] = _agora_do_sistema


def usar_relogio(fonte: Callable[[], datetime]) -> None:
    """Faz `agora_utc` ler `fonte`. `core.relogio` se registra aqui ao ser importado, e assim os
    padrões das colunas (`criado_em`, `momento`, ...) vêm do relógio único e congelam com ele."""
    global _fonte_do_agora
    _fonte_do_agora = fonte


def agora_utc() -> datetime:
    """Agora em UTC, com fuso: o valor padrão das colunas de data-hora."""
    return _fonte_do_agora()
