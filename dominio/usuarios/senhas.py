"""Política de senhas: o que se confere quando uma senha é definida (criação da conta, redefinição
pelo administrador, troca pela própria pessoa, `manage.py users`). Senhas antigas mais fracas
continuam entrando: a política vale na próxima troca.

Na linha do NIST SP 800-63B (seção 5.1.1.2): comprimento mínimo, nenhuma senha de uma lista de
senhas comuns (com as brasileiras) e nada derivado do identificador da conta; sem exigir mistura de
classes de caracteres, que empurra para `Senha@2024`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from core.config import RAIZ
from core.erros import ErroValidacao, Problema

SENHA_MIN = 12
SENHA_MAX = 128  # acima disso, o Argon2 gastaria tempo à toa numa senha colada por engano
ARQUIVO_SENHAS_COMUNS = RAIZ / "data" / "senhas_comuns.txt"
# parte do e-mail antes do @ com menos letras do que isto não é procurada na senha (“ana” recusaria “Banana…”)
PARTE_LOCAL_MIN = 4

_TROCAS_L33T = str.maketrans({"@": "a", "4": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s", "7": "t"})
_PONTAS = re.compile(r"^[^a-z]+|[^a-z]+$")
# sequências de teclado e de números, nos dois sentidos, que se completam em qualquer ponto
_SEQUENCIAS = tuple(
    x * 4
    for base in ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv")
    for x in (base, base[::-1])
)


@functools.cache
def senhas_comuns() -> frozenset[str]:
    """As senhas de `data/senhas_comuns.txt` (uma por linha, minúsculas, sem acentos)."""
    with open(ARQUIVO_SENHAS_COMUNS, encoding="utf-8") as f:
        return frozenset(linha.strip() for linha in f if linha.strip() and not linha.startswith("#"))


def _sem_acentos(texto: str) -> str:
    decomposto = unicodedata.normalize("NFKD", texto.lower())
    return "".join(c for c in decomposto if not unicodedata.combining(c))


def _so_letras_e_digitos(texto: str) -> str:
    return "".join(c for c in _sem_acentos(texto) if c.isalnum())


def eh_comum(senha: str) -> bool:
    """A senha, ou o seu miolo sem números e símbolos nas pontas (`Flamengo2024!` → `flamengo`),
    também com as trocas comuns de letras por símbolos (`P@ssw0rd` → `password`), está na lista."""
    lista = senhas_comuns()
    minuscula = _sem_acentos(senha)
    miolo = _PONTAS.sub("", minuscula)
    candidatas = {minuscula, miolo, miolo.translate(_TROCAS_L33T), _PONTAS.sub("", minuscula.translate(_TROCAS_L33T))}
    return any(c in lista for c in candidatas if c)


def eh_sequencia(senha: str) -> bool:
    """Letras e números da senha são um trecho de uma sequência de teclado ou numérica
    (`123456789012`, `9876543210987`) ou um padrão curto repetido
    (`abcabcabcabc`, `12121212…`)."""
    x = _so_letras_e_digitos(senha)
    if not x:
        return False
    if any(x in seq for seq in _SEQUENCIAS):
        return True
    return any(x == (x[:p] * (len(x) // p + 1))[: len(x)] for p in range(1, 5))


def contem_email(senha: str, email: str | None) -> bool:
    """A senha contém o e-mail da conta, ou a parte antes do @ (com `PARTE_LOCAL_MIN` letras ou
    mais), comparando sem maiúsculas, acentos, pontos nem símbolos (`Joao.Silva-2024` contém
    `joao.silva@…`)."""
    if not email:
        return False
    alvo = _so_letras_e_digitos(senha)
    local, _, _dominio = email.strip().partition("@")
    partes = [_so_letras_e_digitos(email), _so_letras_e_digitos(local)]
    return any(len(p) >= PARTE_LOCAL_MIN and p in alvo for p in partes)


def problemas_da_senha(senha: str, email: str | None = None) -> list[str]:
    """O que a senha fere na política, em pt-BR (lista vazia: aceita)."""
    senha = senha or ""
    if len(senha) < SENHA_MIN:
        return [f"a senha deve ter pelo menos {SENHA_MIN} caracteres (tem {len(senha)})"]
    if len(senha) > SENHA_MAX:
        return [f"a senha deve ter no máximo {SENHA_MAX} caracteres"]
    problemas = []
    if len(set(senha)) < 4 or eh_sequencia(senha):
        problemas.append("a senha é uma sequência ou repetição (como “123456789012” ou “abcabcabcabc”)")
    if eh_comum(senha):
        problemas.append("esta senha é uma das mais usadas (ou deriva de uma delas) e seria adivinhada; escolha outra")
    if contem_email(senha, email):
        problemas.append("a senha não pode conter o seu e-mail nem a parte dele antes do @")
    return problemas


def validar_senha(senha: str, email: str | None = None, campo: str = "senha") -> None:
    """Levanta `ErroValidacao` com um problema por regra ferida."""
    problemas = problemas_da_senha(senha, email)
    if problemas:
        raise ErroValidacao([Problema(campo, p) for p in problemas])


def regras_em_texto() -> str:
    """A política em uma frase, para as telas em que se escolhe uma senha."""
    return (
        f"No mínimo {SENHA_MIN} caracteres; não pode ser uma senha comum (como “Brasil@2024”) "
        "nem conter o seu e-mail. Uma frase de várias palavras é fácil de lembrar e difícil de adivinhar."
    )
