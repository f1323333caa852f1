"""Validação de identificadores brasileiros e de datas informadas."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from brutils import is_valid_cnpj

from core import relogio
from core.erros import Problema, trecho


def somente_digitos(texto: str | None) -> str:
    return re.sub(r"\D", "", texto or "")


def validar_cnpj(texto: str) -> str:
    """Instrução Normativa RFB 2.119/2022 (Cadastro Nacional da Pessoa Jurídica): 14 dígitos, os
    dois últimos verificadores (módulo 11, conferidos pelo brutils). Devolve o CNPJ só com
    dígitos ou levanta ValueError."""
    digitos = somente_digitos(texto)
    if len(digitos) != 14:
        raise ValueError(f"CNPJ “{trecho(texto)}” deve ter 14 dígitos")
    if not is_valid_cnpj(digitos):
        raise ValueError(f"CNPJ “{trecho(texto)}” inválido: dígitos verificadores não conferem")
    return digitos


def formatar_cnpj(digitos: str | None) -> str:
    d = somente_digitos(digitos)
    if len(d) != 14:
        return digitos or ""
    return f"{d[:2]}.{d[2:5]}.{d[5:8]}/{d[8:12]}-{d[12:]}"


_RE_PROCESSO = re.compile(r"^(\d{7})-?(\d{2})\.?(\d{4})\.?(\d)\.?(\d{2})\.?(\d{4})$")


def _faixa(primeiro: int, ultimo: int) -> tuple[str, ...]:
    return tuple(f"{i:02d}" for i in range(primeiro, ultimo + 1))


# Resolução CNJ 65/2008, art. 1º, § 5º, VII (Justiça dos Estados e do DF: os Tribunais de Justiça
# de 01 a 27, "observados os Estados da Federação e o Distrito Federal, em ordem alfabética") e V
# (os Tribunais Regionais Eleitorais, na mesma ordem): o código de cada UF no campo TR.
TR_POR_UF = {
    uf: f"{i:02d}"
    for i, uf in enumerate(
        (
            "AC",
            "AL",
            "AP",
            "AM",
            "BA",
            "CE",
            "DF",
            "ES",
            "GO",
            "MA",
            "MT",
            "MS",
            "MG",
            "PA",
            "PB",
            "PR",
            "PE",
            "PI",
            "RJ",
            "RN",
            "RS",
            "RO",
            "RR",
            "SC",
            "SE",
            "SP",
            "TO",
        ),  # fmt: skip
        start=1,
    )
}


@dataclass(frozen=True)
class SegmentoJudiciario:
    """Um valor do campo J e os códigos de tribunal (TR) que a Resolução admite nele."""

    nome: str
    inciso_j: str  # inciso do art. 1º, § 4º
    tribunais: tuple[str, ...]
    incisos_tr: str  # incisos do art. 1º, § 5º que dão os códigos TR


# Resolução CNJ 65/2008, art. 1º, § 4º (o campo J, de 1 a 9) e § 5º (o campo TR em cada segmento):
# I — 00 nos processos originários do STF, do CNJ, do STJ, do TST, do TSE e do STM; II — 90 nos do
# Conselho da Justiça Federal e do Conselho Superior da Justiça do Trabalho; III — TRFs de 01 a 06
# (a 6ª Região, criada pela Lei 14.226/2021, entrou pela Resolução CNJ 477/2022); IV — TRTs de 01 a
# 24; V — TREs de 01 a 27, pelos Estados em ordem alfabética; VI — Circunscrições Judiciárias
# Militares de 01 a 12; VII — Tribunais de Justiça de 01 a 27; VIII — Tribunais de Justiça Militar
# de Minas Gerais, Rio Grande do Sul e São Paulo: 13, 21 e 26. Não há outro código (nem o 00 na
# Justiça dos Estados, que não tem tribunal superior próprio).
SEGMENTOS_JUDICIARIO: dict[str, SegmentoJudiciario] = {
    "1": SegmentoJudiciario("Supremo Tribunal Federal", "I", ("00",), "I"),
    "2": SegmentoJudiciario("Conselho Nacional de Justiça", "II", ("00",), "I"),
    "3": SegmentoJudiciario("Superior Tribunal de Justiça", "III", ("00",), "I"),
    "4": SegmentoJudiciario("Justiça Federal", "IV", (*_faixa(1, 6), "90"), "II e III"),
    "5": SegmentoJudiciario("Justiça do Trabalho", "V", ("00", *_faixa(1, 24), "90"), "I, II e IV"),
    "6": SegmentoJudiciario("Justiça Eleitoral", "VI", ("00", *_faixa(1, 27)), "I e V"),
    "7": SegmentoJudiciario("Justiça Militar da União", "VII", ("00", *_faixa(1, 12)), "I e VI"),
    "8": SegmentoJudiciario("Justiça dos Estados e do Distrito Federal e Territórios", "VIII", _faixa(1, 27), "VII"),
    "9": SegmentoJudiciario("Justiça Militar Estadual", "IX", ("13", "21", "26"), "VIII"),
}

# Resolução CNJ 65/2008, art. 1º, § 3º: AAAA é o ano do ajuizamento. A numeração única valeu também
# para os processos já em tramitação e os arquivados, que a receberam com o ano em que foram
# ajuizados — por isso o texto não dá um piso. Leitura adotada: nenhum processo dos segmentos do
# § 4º pode ser anterior a 1890, ano do Decreto 848/1890, que criou o mais antigo deles (o Supremo
# Tribunal Federal); nem posterior ao ano de hoje.
ANO_MINIMO_PROCESSO = 1890


def _lista(itens: tuple[str, ...]) -> str:
    """('00', '01', '02', '03', '90') → '00, 01 a 03 e 90' (faixas contíguas resumidas)."""
    grupos: list[list[int]] = []
    for n in sorted(int(i) for i in itens):
        if grupos and n == grupos[-1][-1] + 1:
            grupos[-1].append(n)
        else:
            grupos.append([n])
    partes = [f"{g[0]:02d}" if len(g) == 1 else f"{g[0]:02d} a {g[-1]:02d}" for g in grupos]
    return ", ".join(partes[:-1]) + " e " + partes[-1] if len(partes) > 1 else partes[0]


def problema_campos_processo(ano: str, j: str, tr: str, hoje: date) -> str | None:
    """Resolução CNJ 65/2008, art. 1º, §§ 3º a 5º: o segmento J existe (1 a 9, § 4º); o tribunal
    TR é um dos que o § 5º admite para aquele segmento (`SEGMENTOS_JUDICIARIO`); o ano AAAA do
    ajuizamento (§ 3º) não está no futuro nem antes de `ANO_MINIMO_PROCESSO` (leitura adotada).
    Devolve a mensagem do primeiro problema ou None."""
    segmento = SEGMENTOS_JUDICIARIO.get(j)
    if segmento is None:
        return f"o segmento do Judiciário (J) “{j}” não existe: vai de 1 a 9 (Res. CNJ 65/2008, art. 1º, § 4º)"
    if tr not in segmento.tribunais:
        return (
            f"o tribunal (TR) “{tr}” não existe na {segmento.nome} (J = {j}): admite "
            f"{_lista(segmento.tribunais)} (Res. CNJ 65/2008, art. 1º, § 5º, {segmento.incisos_tr})"
        )
    if int(ano) > hoje.year:
        return f"o ano do ajuizamento (AAAA) {ano} está no futuro (Res. CNJ 65/2008, art. 1º, § 3º)"
    if int(ano) < ANO_MINIMO_PROCESSO:
        return (
            f"o ano do ajuizamento (AAAA) {ano} é anterior a {ANO_MINIMO_PROCESSO}: nenhum processo "
            "do Judiciário pode ser tão antigo (Res. CNJ 65/2008, art. 1º, § 3º)"
        )
    return None


def digitos_verificadores_processo(n: str, ano: str, j: str, tr: str, origem: str) -> str:
    """Resolução CNJ 65/2008, art. 1º e Anexo VIII: dígitos verificadores do número
    único de processo pelo algoritmo ISO 7064 mod 97-10:
    `DD = 98 − (NNNNNNN AAAA J TR OOOO 00 mod 97)`.

    (O `is_valid_legal_process` do brutils 2.5.0 usa 97 em vez de 98 e recusa
    números reais; por isso a regra está aqui.)"""
    resto = int(f"{n}{ano}{j}{tr}{origem}00") % 97
    return f"{98 - resto:02d}"


def validar_processo_cnj(texto: str, hoje: date | None = None) -> str:
    """Resolução CNJ 65/2008, art. 1º: formato NNNNNNN-DD.AAAA.J.TR.OOOO com dígitos
    verificadores mod 97-10 (Anexo VIII), segmento J e tribunal TR que existam (§§ 4º e 5º) e ano
    que não esteja no futuro nem antes de 1890 (§ 3º; `problema_campos_processo`). `hoje` é o dia
    de referência (padrão: o relógio do sistema). Devolve o número formatado ou levanta
    ValueError."""
    m = _RE_PROCESSO.match((texto or "").strip())
    if not m:
        raise ValueError(
            f"número de processo “{trecho((texto or '').strip())}” fora do formato NNNNNNN-DD.AAAA.J.TR.OOOO"
        )
    n, dd, ano, j, tr, origem = m.groups()
    if digitos_verificadores_processo(n, ano, j, tr, origem) != dd:
        raise ValueError(f"número de processo “{trecho(texto.strip())}” inválido: dígitos verificadores não conferem")
    problema = problema_campos_processo(ano, j, tr, hoje if hoje is not None else relogio.hoje())
    if problema:
        raise ValueError(f"número de processo “{trecho(texto.strip())}” impossível: {problema}")
    return f"{n}-{dd}.{ano}.{j}.{tr}.{origem}"


_RE_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def validar_email(texto: str) -> str:
    t = (texto or "").strip().lower()
    if not _RE_EMAIL.match(t):
        raise ValueError(f"e-mail “{trecho(texto)}” inválido")
    return t


def data_exigida(p: list[Problema], campo: str, valor: date | None, hoje: date, falta: str = "informe a data") -> None:
    """Acrescenta a `p` o problema da data obrigatória `valor`: ausente (`falta`) ou no futuro."""
    if valor is None:
        p.append(Problema(campo, falta))
    elif valor > hoje:
        p.append(Problema(campo, f"a data {valor:%d/%m/%Y} está no futuro"))
