"""Erros de negócio com mensagens em português, prontos para mostrar ao usuário."""

from __future__ import annotations

import re
from dataclasses import dataclass

CITACAO_MAX = 80  # caracteres de um valor citado numa mensagem (“…”)
_RE_CITACAO = re.compile("“([^”]{" + str(CITACAO_MAX + 1) + ",})”")


def trecho(texto, limite: int = CITACAO_MAX) -> str:
    """O começo de um valor para citar numa mensagem: até `limite` caracteres, com “…” quando
    cortado, e sem quebras de linha. Uma célula de 50 MB não volta inteira na tela."""
    t = str(texto if texto is not None else "")
    if len(t) > limite:
        t = t[:limite] + "…"
    return " ".join(t.splitlines()) if "\n" in t or "\r" in t else t


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

    def __post_init__(self) -> None:
        # rede de segurança: um valor citado entre “ ” nunca passa de CITACAO_MAX caracteres
        if len(self.mensagem) > CITACAO_MAX + 2 and "“" in self.mensagem:
            object.__setattr__(self, "mensagem", _RE_CITACAO.sub(lambda m: f"“{trecho(m.group(1))}”", self.mensagem))
        if len(self.campo) > CITACAO_MAX:
            object.__setattr__(self, "campo", trecho(self.campo))

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
