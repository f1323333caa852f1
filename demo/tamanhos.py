"""Os tamanhos da escala nacional fictícia (`manage.py demo escala`): cada campo com o seu padrão
e a sua ajuda, lidos pela linha de comando para montar as opções (`--grupos`, `--fluxos`…) e pelo
gerador em `demo.escala`. Módulo leve de propósito (só a biblioteca padrão): o `--help` do
`manage.py` o importa sem pagar a carga do SQLAlchemy e do pandas."""

from __future__ import annotations

from dataclasses import dataclass, field


def _campo(padrao: int, ajuda: str, *, quantidade: bool = True):
    """Um tamanho com o seu padrão e a ajuda da opção; `quantidade=False` para um número que não
    se lê como quantidade (a semente 2023 não vira “2.023” na ajuda)."""
    return field(default=padrao, metadata={"ajuda": ajuda, "quantidade": quantidade})


@dataclass
class Tamanhos:
    """Quantidades a gerar. Os padrões são a escala nacional da issue #8."""

    grupos: int = _campo(27, "Grupos Interinstitucionais, um por UF, no máximo 27")
    escritorios: int = _campo(300, "Escritórios Sociais")
    fundos: int = _campo(1000, "Fundos Municipais, em municípios distintos")
    anos: int = _campo(5, "anos de indicadores mensais, até o mês atual")
    fluxos: int = _campo(1_000_000, "fluxos de recursos")
    auditoria: int = _campo(100_000, "registros de auditoria")
    semente: int = _campo(2023, "semente do sorteio: mesma semente, mesmos dados", quantidade=False)
