"""Controle de divulgação estatística de tabelas de contagens de PESSOAS (painel público).

Princípio (LGPD, Lei 13.709/2018, arts. 5º, III, e 12 — só dado anonimizado, que não se
possa reverter, deixa de ser pessoal —, como nos painéis públicos do CNJ):
publicar só agregados, suprimir as células pequenas (**supressão primária**) e também
as células a partir das quais uma suprimida poderia ser recalculada por subtração dos
totais (**supressão complementar**).

Regras adotadas (funções puras, sem banco nem Streamlit):

- **Limite k**: a configuração ``SUPRESSAO_K`` (``core.config.Config.supressao_k``,
  padrão 5). Toda contagem com ``0 < valor < k`` é suprimida — inclusive um total de
  linha, de coluna ou o total geral, que também é uma contagem de pessoas.
- **Zeros são publicados.** Um zero diz que ninguém daquele grupo está na célula; não
  há pessoa a identificar, e escondê-lo só empobreceria o dado aberto. Por isso zeros
  nunca são suprimidos na supressão primária, e só servem de complemento quando não há
  célula positiva disponível na mesma linha/coluna (esconder um zero protege pouco:
  zeros costumam ser estruturais e conhecidos).
- **Supressão complementar**: cada linha ou coluna com total visível é uma equação
  (soma das células = total). Se exatamente UMA de suas incógnitas (células ou o próprio
  total) está suprimida, ela seria recuperada por subtração; então suprime-se mais uma:
  a **menor célula interna não suprimida** (positiva de preferência; empate: a primeira
  na ordem da tabela); se não houver célula interna, o total da equação. Repete-se até
  um ponto fixo (nenhuma equação com exatamente uma suprimida). O conjunto suprimido só
  cresce, logo o processo termina.
- Formatos tratados: tabela só com totais de linha; tabela com totais de linha e de
  coluna (e o total geral, que fecha a coluna de totais e a linha de totais); lista
  unidimensional com total geral.

Limitação conhecida (e aceita, como nas regras usuais de agências de estatística): a regra
"nenhuma equação com uma única suprimida" impede a recuperação exata por subtração numa
linha ou coluna, mas não calcula intervalos de incerteza por programação linear.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from comum.formatos import numero
from core.config import obter_config

SIMBOLO = "X"
TOTAL = "Total"


def k_configurado() -> int:
    """O limite k da configuração ``SUPRESSAO_K`` (padrão 5)."""
    return int(obter_config().supressao_k)


def _primaria(valor: int, k: int) -> bool:
    return 0 < valor < k


@dataclass(frozen=True)
class TabelaSuprimida:
    """Resultado da supressão numa grade que inclui os totais (última coluna = totais de
    linha, quando há; última linha = totais de coluna, quando há).

    ``valores``: a grade com ``None`` nas células suprimidas; ``mascara``: True onde
    suprimido; ``primarias``: True onde a supressão foi primária (``0 < valor < k``)."""

    valores: list[list[int | None]]
    mascara: list[list[bool]]
    primarias: list[list[bool]]
    k: int
    tem_total_linha: bool
    tem_total_coluna: bool

    @property
    def suprimidas(self) -> int:
        return sum(sum(linha) for linha in self.mascara)


def _equacoes(n: int, m: int, total_linha: bool, total_coluna: bool) -> list[list[tuple[int, int]]]:
    """Cada equação é a lista de posições (na grade com totais) cujas células somam ao último membro."""
    eqs: list[list[tuple[int, int]]] = []
    if total_linha:
        for i in range(n):
            eqs.append([(i, j) for j in range(m)] + [(i, m)])
    if total_coluna:
        for j in range(m):
            eqs.append([(i, j) for i in range(n)] + [(n, j)])
    if total_linha and total_coluna:
        eqs.append([(i, m) for i in range(n)] + [(n, m)])  # coluna dos totais de linha = total geral
        eqs.append([(n, j) for j in range(m)] + [(n, m)])  # linha dos totais de coluna = total geral
    return eqs


def suprimir(
    celulas: Sequence[Sequence[int]], *, k: int | None = None, total_linha: bool = True, total_coluna: bool = False
) -> TabelaSuprimida:
    """Supressão primária e complementar de uma tabela de contagens de pessoas
    (LGPD, Lei 13.709/2018, art. 12: o agregado publicado não pode ser revertido).
    ``celulas``: n linhas × m colunas de inteiros ≥ 0, sem totais; os
    totais pedidos são calculados aqui (soma), para que sejam sempre coerentes.
    ``k``: limite (padrão: ``SUPRESSAO_K`` da configuração)."""
    k = k_configurado() if k is None else int(k)
    grade = [[int(v) for v in linha] for linha in celulas]
    n = len(grade)
    m = len(grade[0]) if n else 0
    if any(len(linha) != m for linha in grade):
        raise ValueError("todas as linhas devem ter o mesmo número de colunas")
    if any(v < 0 for linha in grade for v in linha):
        raise ValueError("contagens não podem ser negativas")
    if total_linha:
        for linha in grade:
            linha.append(sum(linha))
    if total_coluna:
        largura = m + (1 if total_linha else 0)
        grade.append([sum(grade[i][j] for i in range(n)) for j in range(largura)])
    internas = {(i, j) for i in range(n) for j in range(m)}
    primarias = [[_primaria(v, k) for v in linha] for linha in grade]
    mascara = [list(linha) for linha in primarias]
    eqs = _equacoes(n, m, total_linha, total_coluna)

    mudou = True
    while mudou:  # até o ponto fixo
        mudou = False
        for eq in eqs:
            if sum(mascara[i][j] for i, j in eq) != 1:
                continue
            livres = [(i, j) for i, j in eq if not mascara[i][j]]
            internas_livres = [p for p in livres if p in internas]
            positivas = [p for p in internas_livres if grade[p[0]][p[1]] > 0]
            candidatas = positivas or internas_livres or livres
            i, j = min(candidatas, key=lambda p: (grade[p[0]][p[1]], p))
            mascara[i][j] = True
            mudou = True
    valores = [[None if mascara[i][j] else v for j, v in enumerate(linha)] for i, linha in enumerate(grade)]
    return TabelaSuprimida(valores, mascara, primarias, k, total_linha, total_coluna)


def suprimir_lista(valores: Sequence[int], *, k: int | None = None) -> tuple[list[int | None], list[bool]]:
    """Lista unidimensional com total geral (LGPD, Lei 13.709/2018, art. 12; k de ``SUPRESSAO_K``).
    Devolve (valores com o total geral no fim e ``None`` onde suprimido, máscara)."""
    r = suprimir([list(valores)], k=k, total_linha=True, total_coluna=False)
    return r.valores[0], r.mascara[0]


def suprimir_dataframe(
    df: pd.DataFrame,
    colunas: list[str],
    *,
    k: int | None = None,
    total_linha: str | None = TOTAL,
    total_coluna: str | None = None,
    rotulo: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Aplica ``suprimir`` às ``colunas`` (contagens de pessoas) de ``df``.

    ``total_linha``: nome da coluna de totais de linha a acrescentar (None: sem ela).
    ``total_coluna``: texto da linha de totais a acrescentar na coluna ``rotulo`` (None: sem ela).
    Devolve (tabela com ``None`` nas suprimidas, máscara booleana de mesmo formato)."""
    r = suprimir(
        df[colunas].astype(int).values.tolist(),
        k=k,
        total_linha=total_linha is not None,
        total_coluna=total_coluna is not None,
    )
    cols = list(colunas) + ([total_linha] if total_linha is not None else [])
    base = df.reset_index(drop=True).copy()
    if total_coluna is not None:
        extra = {c: "" for c in base.columns}
        if rotulo is not None:
            extra[rotulo] = total_coluna
        base = pd.concat([base, pd.DataFrame([extra])], ignore_index=True)
    saida = base.drop(columns=list(colunas)).copy()
    mascara = pd.DataFrame(False, index=saida.index, columns=saida.columns)
    for j, c in enumerate(cols):
        saida[c] = pd.Series([linha[j] for linha in r.valores], dtype=object)
        mascara[c] = [linha[j] for linha in r.mascara]
    ordem = [c for c in df.columns if c not in colunas] + cols
    return saida[ordem], mascara[ordem]


def nota_rodape(k: int | None = None, simbolo: str = SIMBOLO) -> str:
    """Nota em pt-BR que acompanha toda tabela pública com supressão."""
    k = k_configurado() if k is None else k
    return (
        f"“{simbolo}”: valor não divulgado para proteger as pessoas — contagens de 1 a {k - 1} pessoas "
        f"(abaixo de {k}), as que mudaram menos de {k} pessoas desde a publicação anterior e as células que "
        "permitiriam recalculá-las a partir dos totais (supressão complementar). Zeros são publicados."
    )


def exibir(
    df: pd.DataFrame, mascara: pd.DataFrame | None = None, colunas: list[str] | None = None, *, simbolo: str = SIMBOLO
) -> pd.DataFrame:
    """Troca as células suprimidas (``None`` ou marcadas na máscara) por ``simbolo`` ("X" ou,
    por exemplo, "<5") nas ``colunas``; os números viram texto no formato brasileiro (1.530),
    para que tela, CSV e XLSX mostrem o mesmo."""
    saida = df.copy()
    for c in colunas if colunas is not None else list(df.columns):
        marcada = mascara[c] if mascara is not None and c in mascara else pd.Series(False, index=df.index)
        saida[c] = [
            simbolo if (bool(oc) or v is None or (isinstance(v, float) and pd.isna(v))) else numero(int(v))
            for v, oc in zip(df[c], marcada)
        ]
    return saida


# --- supressão conjunta das tabelas de um painel publicado -----------------------------------
# O painel público é um retrato por período (ver `dominio.publico.consultas:publicar_painel`).
# As contagens de pessoas de TODAS as tabelas do retrato passam juntas por uma só supressão:
# as mesmas equações de linha e coluna de `suprimir`, mais (1) as células de tabelas
# diferentes que publicam o mesmo número (o total nacional de um indicador nos destaques e o
# total da coluna dele na tabela por UF) — se uma fica oculta, as outras também — e (2) a
# comparação com os retratos já publicados: quem guardou o painel anterior subtrai os dois,
# e uma diferença entre 1 e k − 1 revelaria as poucas pessoas incluídas no intervalo.


def chave_celula(tabela: str, linha, coluna) -> str:
    """Nome estável de uma célula de contagem publicada: tabela, rótulo da linha e da coluna."""
    return f"{tabela}|{linha}|{coluna}"


@dataclass(frozen=True)
class Grade:
    """Tabela de contagens de pessoas, sem totais, para `suprimir_conjunto`: ``linhas`` e
    ``colunas`` são os rótulos (o total de linha, na coluna ``TOTAL``; o de coluna, na linha ``TOTAL``)."""

    tabela: str
    linhas: tuple[str, ...]
    colunas: tuple[str, ...]
    celulas: tuple[tuple[int, ...], ...]
    total_linha: bool = True
    total_coluna: bool = False

    def valores(self) -> dict[str, int]:
        """Cada célula, com os totais pedidos (soma), pela chave de `chave_celula`."""
        r = {}
        for i, linha in enumerate(self.linhas):
            for j, coluna in enumerate(self.colunas):
                r[chave_celula(self.tabela, linha, coluna)] = int(self.celulas[i][j])
            if self.total_linha:
                r[chave_celula(self.tabela, linha, TOTAL)] = sum(int(v) for v in self.celulas[i])
        if self.total_coluna:
            for j, coluna in enumerate(self.colunas):
                r[chave_celula(self.tabela, TOTAL, coluna)] = sum(int(x[j]) for x in self.celulas)
            if self.total_linha:
                r[chave_celula(self.tabela, TOTAL, TOTAL)] = sum(int(v) for x in self.celulas for v in x)
        return r

    def internas(self) -> set[str]:
        return {chave_celula(self.tabela, linha, coluna) for linha in self.linhas for coluna in self.colunas}

    def equacoes(self) -> list[list[str]]:
        """Cada equação: as chaves que somam ao último membro (um total)."""
        n, m = len(self.linhas), len(self.colunas)
        nomes_l = [*self.linhas, TOTAL]
        nomes_c = [*self.colunas, TOTAL]
        return [
            [chave_celula(self.tabela, nomes_l[i], nomes_c[j]) for i, j in eq]
            for eq in _equacoes(n, m, self.total_linha, self.total_coluna)
        ]


def suprimir_conjunto(
    grades: Sequence[Grade],
    *,
    avulsas: dict[str, int] | None = None,
    ligadas: Sequence[set[str]] = (),
    anteriores: Sequence[dict[str, int | None]] = (),
    k: int | None = None,
) -> dict[str, int | None]:
    """Supressão primária e complementar de todas as contagens de pessoas de um painel
    publicado, juntas (LGPD, Lei 13.709/2018, arts. 5º, III, e 12: o agregado publicado não
    pode ser revertido à pessoa, nem por subtração entre tabelas ou entre publicações).

    - ``grades``: tabelas com equações de total (como em `suprimir`);
    - ``avulsas``: contagens soltas (ex.: o total nacional de um indicador), pela chave;
    - ``ligadas``: grupos de chaves que publicam o mesmo número em tabelas diferentes: se uma
      fica oculta, todas ficam;
    - ``anteriores``: as células publicadas nos retratos anteriores (chave → valor, ou None se
      oculta). Uma célula cujo valor difere de 1 a k − 1 de algum valor já publicado dela é
      oculta (supressão **temporal**): senão a subtração entre os dois painéis mostraria as
      poucas pessoas incluídas no intervalo.

    Primária: ``0 < valor < k``. Complementar, até o ponto fixo: equação com exatamente uma
    oculta → oculta-se a menor célula interna visível (de preferência positiva e que tenha
    mudado desde a última publicação; empate: a primeira na ordem); sem interna, o total.
    Devolve chave → valor publicado (None se oculto)."""
    k = k_configurado() if k is None else int(k)
    valores: dict[str, int] = {}
    internas: set[str] = set()
    equacoes: list[list[str]] = []
    for g in grades:
        valores.update(g.valores())
        internas |= g.internas()
        equacoes.extend(g.equacoes())
    valores.update({c: int(v) for c, v in (avulsas or {}).items()})
    ordem = {c: i for i, c in enumerate(valores)}
    ultimo: dict[str, int] = {}
    oculta: set[str] = set()
    for c, v in valores.items():
        if _primaria(v, k):
            oculta.add(c)
        for anterior in anteriores:
            p = anterior.get(c)
            if p is not None and _primaria(abs(v - int(p)), k):
                oculta.add(c)
            if p is not None:
                ultimo[c] = int(p)
    grupos = [set(g) & set(valores) for g in ligadas]

    def mudou(c: str) -> bool:
        return c not in ultimo or ultimo[c] != valores[c]

    alterou = True
    while alterou:  # até o ponto fixo; o conjunto oculto só cresce
        alterou = False
        for eq in equacoes:
            if sum(c in oculta for c in eq) != 1:
                continue
            livres = [c for c in eq if c not in oculta]
            internas_livres = [c for c in livres if c in internas]
            positivas = [c for c in internas_livres if valores[c] > 0]
            candidatas = positivas or internas_livres or livres
            escolhida = min(candidatas, key=lambda c: (not mudou(c), valores[c], ordem[c]))
            oculta.add(escolhida)
            alterou = True
        for g in grupos:
            if g & oculta and not g <= oculta:
                oculta |= g
                alterou = True
    return {c: (None if c in oculta else v) for c, v in valores.items()}
