"""Erros de negócio com mensagens em português, prontos para mostrar ao usuário."""

from __future__ import annotations

from dataclasses import dataclass


class ErroNegocio(Exception):
    """Base: a mensagem é dirigida ao usuário final, em pt-BR."""


class AcessoNegado(ErroNegocio):
    pass


class ConflitoEdicao(ErroNegocio):
    pass


class NaoEncontrado(ErroNegocio):
    pass


@dataclass(frozen=True)
class Problema:
    campo: str
    mensagem: str
    linha: int | None = None

    def __str__(self) -> str:
        onde = f"Linha {self.linha}, campo “{self.campo}”" if self.linha is not None else f"Campo “{self.campo}”"
        return f"{onde}: {self.mensagem}"


class ErroValidacao(ErroNegocio):
    """Um ou mais problemas de entrada; nada foi gravado."""

    def __init__(self, problemas: list[Problema] | Problema):
        self.problemas = [problemas] if isinstance(problemas, Problema) else list(problemas)
        super().__init__("; ".join(str(p) for p in self.problemas))


class BancoOcupado(ErroNegocio):
    """O banco ficou ocupado por outra gravação (no SQLite, “database is locked”) além do limite
    de espera e de novas tentativas; nada foi gravado."""

    def __init__(self, mensagem: str | None = None):
        super().__init__(
            mensagem
            or "O banco de dados está ocupado com outra gravação longa (por exemplo, uma importação de planilha). "
            "Nada foi gravado. Aguarde um ou dois minutos e tente de novo; se persistir, avise o administrador."
        )
