"""Regras do FUNPEN e das cotas da PNAT, como funções puras (sem banco, sem tela).

Fontes (regras e leituras adotadas descritas em docs/dominio.md):
- Decreto 9.450/2018, art. 5º — cotas de PPL e egressos em contratos de serviços.
- Portaria DEPEN 250/2015 — Centrais de Monitoração Eletrônica (CME) e Centrais
  Integradas de Alternativas Penais (CIAP).
- Portaria DEPEN 206/2008 — financiamento FUNPEN (exercício 2009): janela de registro,
  declarações por tipo de proponente, limites de remuneração (Anexo I) e índice
  penitenciário (Anexo II).

Toda regra devolve um `Resultado` (situação “atende” / “não atende” / “a verificar”,
artigo e explicação em pt-BR) que o checklist e o parecer mostram linha a linha.
Valores em dinheiro e percentuais são `Decimal`, nunca float.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext

from comum.formatos import dinheiro, numero
from comum.validadores import validar_cnpj
from core.erros import ErroValidacao, Problema, trecho

ATENDE = "atende"
NAO_ATENDE = "não atende"
A_VERIFICAR = "a verificar"
NAO_SE_APLICA = "não se aplica"  # só para cotas: contrato abaixo do valor do art. 5º
SITUACOES = (ATENDE, NAO_ATENDE, A_VERIFICAR, NAO_SE_APLICA)

CENTAVO = Decimal("0.01")
CEM = Decimal(100)


@dataclass(frozen=True)
class Resultado:
    """Uma linha do checklist: o que se conferiu, a situação, o artigo e o porquê."""

    regra: str
    situacao: str
    artigo: str
    explicacao: str

    def __post_init__(self):
        if self.situacao not in SITUACOES:
            raise ValueError(f"situação desconhecida: {self.situacao}")


def _pct(valor: Decimal) -> str:
    """Decimal('2.5') → '2,5%'; Decimal('10') → '10%'."""
    texto = format(valor.normalize(), "f")
    return texto.replace(".", ",") + "%"


def _dec(valor, campo: str) -> Decimal:
    if isinstance(valor, float):
        raise TypeError(f"{campo}: use Decimal, nunca float")
    return Decimal(valor)


# =====================================================================================
# Cotas da PNAT — Decreto 9.450/2018, art. 5º
# =====================================================================================

LIMITE_VALOR_ANUAL_PNAT = Decimal("330000.00")
ARTIGO_PNAT = "Decreto 9.450/2018, art. 5º"
ARREDONDAMENTOS = {
    "para_cima": "frações arredondadas para cima (a vaga parcial conta como vaga inteira)",
    "para_baixo": "frações desprezadas (arredondamento para baixo)",
}
ARREDONDAMENTO_PADRAO = "para_cima"


def contrato_sujeito_a_cotas(valor_anual: Decimal) -> bool:
    """Decreto 9.450/2018, art. 5º: a reserva de vagas vale para contratos de serviços
    (inclusive de engenharia) com valor anual **acima** de R$ 330.000,00 — exatamente
    R$ 330.000,00 não está sujeito; R$ 330.000,01 está."""
    return _dec(valor_anual, "valor anual") > LIMITE_VALOR_ANUAL_PNAT


# Decreto 9.450/2018, art. 5º: (até quantos trabalhadores o contrato demanda, percentual de vagas
# reservadas); None é a última faixa, sem teto. A conferência (`percentual_cota`) e o texto da
# regra mostrado na tela (`faixas_cota_em_palavras`) leem esta tabela.
FAIXAS_COTA_PNAT: tuple[tuple[int | None, Decimal], ...] = (
    (200, Decimal(3)),
    (500, Decimal(4)),
    (1000, Decimal(5)),
    (None, Decimal(6)),
)


def percentual_cota(trabalhadores: int) -> Decimal:
    """Decreto 9.450/2018, art. 5º: percentual das vagas reservadas a pessoas presas e
    egressos pela faixa do número de trabalhadores do contrato (`FAIXAS_COTA_PNAT`): 3% até
    200; 4% de 201 a 500; 5% de 501 a 1.000; 6% acima de 1.000."""
    if not isinstance(trabalhadores, int) or trabalhadores < 0:
        raise ErroValidacao(Problema("trabalhadores", "informe um número inteiro maior ou igual a zero"))
    for teto, percentual in FAIXAS_COTA_PNAT:
        if teto is None or trabalhadores <= teto:
            return percentual
    raise ValueError("FAIXAS_COTA_PNAT deve terminar numa faixa sem teto (None)")


def faixas_cota_em_palavras(faixas: Iterable[tuple[int | None, Decimal]] | None = None) -> str:
    """Decreto 9.450/2018, art. 5º: as faixas de `FAIXAS_COTA_PNAT` em português — "3% até
    200 trabalhadores, 4% de 201 a 500, 5% de 501 a 1.000 e 6% acima de 1.000"."""
    faixas = list(FAIXAS_COTA_PNAT if faixas is None else faixas)
    partes, piso = [], None
    for teto, percentual in faixas:
        if piso is None and teto is not None:
            partes.append(f"{_pct(percentual)} até {numero(teto)} trabalhadores")
        elif teto is not None:
            partes.append(f"{_pct(percentual)} de {numero(piso + 1)} a {numero(teto)}")
        else:
            partes.append(f"{_pct(percentual)} acima de {numero(piso)}" if piso is not None else _pct(percentual))
        piso = teto
    return ", ".join(partes[:-1]) + " e " + partes[-1] if len(partes) > 1 else "".join(partes)


def vagas_exigidas(trabalhadores: int, arredondamento: str = ARREDONDAMENTO_PADRAO) -> int:
    """Decreto 9.450/2018, art. 5º: número de vagas reservadas = percentual da faixa ×
    trabalhadores. O decreto não diz como arredondar frações (não consta do
    texto): é a configuração `ARREDONDAMENTO_COTAS` — "para_cima" (padrão) ou
    "para_baixo". A conta é exata (Decimal)."""
    if arredondamento not in ARREDONDAMENTOS:
        raise ErroValidacao(
            Problema(
                "arredondamento das cotas",
                f"“{trecho(arredondamento)}” não é válido: use " + " ou ".join(ARREDONDAMENTOS),
            )
        )
    exato = Decimal(trabalhadores) * percentual_cota(trabalhadores) / CEM
    modo = ROUND_CEILING if arredondamento == "para_cima" else ROUND_FLOOR
    return int(exato.to_integral_value(rounding=modo))


@dataclass(frozen=True)
class ResultadoCota:
    aplicavel: bool
    percentual: Decimal | None
    exigidas: int
    contratados: int
    resultado: Resultado

    @property
    def situacao(self) -> str:
        return self.resultado.situacao


def avaliar_cota_contrato(
    *, valor_anual: Decimal, trabalhadores: int, ppl: int, egressos: int, arredondamento: str = ARREDONDAMENTO_PADRAO
) -> ResultadoCota:
    """Decreto 9.450/2018, art. 5º: o contrato cumpre a cota quando pessoas presas (PPL)
    mais egressos contratados ≥ vagas exigidas. Abaixo do valor anual do caput, “não se
    aplica”."""
    problemas = [
        Problema(c, "informe um número inteiro maior ou igual a zero")
        for c, v in (("trabalhadores", trabalhadores), ("PPL contratadas", ppl), ("egressos contratados", egressos))
        if not isinstance(v, int) or v < 0
    ]
    if problemas:
        raise ErroValidacao(problemas)
    contratados = ppl + egressos
    if not contrato_sujeito_a_cotas(valor_anual):
        return ResultadoCota(
            False,
            None,
            0,
            contratados,
            Resultado(
                "Cota de PPL e egressos",
                NAO_SE_APLICA,
                ARTIGO_PNAT,
                f"Valor anual de {dinheiro(valor_anual)} não passa de {dinheiro(LIMITE_VALOR_ANUAL_PNAT)}: "
                "o contrato não está sujeito à reserva de vagas.",
            ),
        )
    pct = percentual_cota(trabalhadores)
    exigidas = vagas_exigidas(trabalhadores, arredondamento)
    base = (
        f"{numero(trabalhadores)} trabalhadores → {_pct(pct)} = {numero(exigidas)} vaga(s) "
        f"({ARREDONDAMENTOS[arredondamento]}); contratados {ppl} PPL + {egressos} egressos = {contratados}"
    )
    situacao = ATENDE if contratados >= exigidas else NAO_ATENDE
    falta = "" if situacao == ATENDE else f"; faltam {exigidas - contratados}"
    return ResultadoCota(
        True, pct, exigidas, contratados, Resultado("Cota de PPL e egressos", situacao, ARTIGO_PNAT, base + falta + ".")
    )


# =====================================================================================
# Portaria DEPEN 250/2015 — CME e CIAP
# =====================================================================================

PROGRAMAS = {
    "cme": "Central de Monitoração Eletrônica (CME)",
    "ciap": "Central Integrada de Alternativas Penais (CIAP)",
}
REGIOES_GRUPO_1 = ("Norte", "Nordeste", "Centro-Oeste")
REGIOES_GRUPO_2 = ("Sudeste", "Sul")

# programa → (percentual N/NE/CO, percentual SE/S, artigo)
CONTRAPARTIDA_MINIMA = {
    "cme": (Decimal("10"), Decimal("20"), "Portaria DEPEN 250/2015, art. 14, parágrafo único"),
    "ciap": (Decimal("2.5"), Decimal("5"), "Portaria DEPEN 250/2015, art. 23, § 1º"),
}
# programa → (meses máximos, artigo)
VIGENCIA_MAXIMA = {
    "cme": (30, "Portaria DEPEN 250/2015, art. 13"),
    "ciap": (48, "Portaria DEPEN 250/2015, art. 22"),
}
MINIMO_COTACOES = 3


def _exigir_programa(programa: str) -> None:
    if programa not in PROGRAMAS:
        raise ErroValidacao(Problema("programa", f"“{trecho(programa)}” não é CME nem CIAP"))


def percentual_contrapartida_minima(programa: str, regiao: str) -> Decimal:
    """Portaria 250/2015, art. 14 (CME: ≥ 10% no Norte, Nordeste e Centro-Oeste; ≥ 20% no
    Sudeste e Sul) e art. 23, § 1º (CIAP: ≥ 2,5% e ≥ 5%), sobre o valor total da proposta."""
    _exigir_programa(programa)
    g1, g2, _ = CONTRAPARTIDA_MINIMA[programa]
    if regiao in REGIOES_GRUPO_1:
        return g1
    if regiao in REGIOES_GRUPO_2:
        return g2
    raise ErroValidacao(Problema("região", f"“{trecho(regiao)}” não é uma região do IBGE"))


def avaliar_contrapartida(*, programa: str, regiao: str, valor_total: Decimal, contrapartida: Decimal) -> Resultado:
    """Portaria 250/2015, art. 14 (CME) e art. 23 (CIAP): contrapartida financeira mínima
    como percentual do **valor total da proposta** (repasse + contrapartida). Conta exata:
    contrapartida × 100 ≥ valor total × percentual (10% exatos atendem; 9,99% não)."""
    pct_min = percentual_contrapartida_minima(programa, regiao)
    artigo = CONTRAPARTIDA_MINIMA[programa][2]
    total, contra = _dec(valor_total, "valor total"), _dec(contrapartida, "contrapartida")
    if total <= 0:
        return Resultado("Contrapartida mínima", A_VERIFICAR, artigo, "Valor total da proposta não informado.")
    if contra < 0 or contra > total:
        return Resultado(
            "Contrapartida mínima",
            NAO_ATENDE,
            artigo,
            f"Contrapartida de {dinheiro(contra)} fora do intervalo de 0 ao valor total ({dinheiro(total)}).",
        )
    minimo = (total * pct_min / CEM).quantize(CENTAVO, rounding=ROUND_CEILING)
    with localcontext() as ctx:
        ctx.prec = 40
        pct_real = (contra * CEM / total).quantize(Decimal("0.01"), rounding=ROUND_FLOOR)
    atende = contra * CEM >= total * pct_min
    texto = (
        f"Contrapartida de {dinheiro(contra)} = {_pct(pct_real)} do valor total ({dinheiro(total)}); "
        f"mínimo na região {regiao}: {_pct(pct_min)} ({dinheiro(minimo)})."
    )
    return Resultado("Contrapartida mínima", ATENDE if atende else NAO_ATENDE, artigo, texto)


def avaliar_vigencia(*, programa: str, meses: int | None) -> Resultado:
    """Portaria 250/2015, art. 13 (CME: vigência de no máximo 30 meses) e art. 22 (CIAP:
    no máximo 48 meses)."""
    _exigir_programa(programa)
    maximo, artigo = VIGENCIA_MAXIMA[programa]
    if meses is None:
        return Resultado("Prazo de vigência", A_VERIFICAR, artigo, "Vigência prevista não informada.")
    if meses <= 0:
        return Resultado("Prazo de vigência", NAO_ATENDE, artigo, "A vigência precisa ter ao menos 1 mês.")
    situacao = ATENDE if meses <= maximo else NAO_ATENDE
    return Resultado("Prazo de vigência", situacao, artigo, f"Vigência de {meses} meses; máximo de {maximo} meses.")


def avaliar_proposta_unica(*, programa: str, uf: str, outras_da_uf_no_programa: int) -> Resultado:
    """Portaria 250/2015, arts. 13 (CME) e 22 (CIAP): cada UF apresenta somente uma
    proposta por programa. `outras_da_uf_no_programa` conta as demais propostas da mesma
    UF no mesmo programa (sem a própria)."""
    _exigir_programa(programa)
    artigo = VIGENCIA_MAXIMA[programa][1]
    if outras_da_uf_no_programa == 0:
        return Resultado("Uma proposta por UF", ATENDE, artigo, f"Única proposta de {uf} neste programa.")
    return Resultado(
        "Uma proposta por UF",
        NAO_ATENDE,
        artigo,
        f"{uf} tem outras {outras_da_uf_no_programa} proposta(s) neste programa; só uma é admitida.",
    )


ARTIGO_COTACOES = "Portaria DEPEN 250/2015, art. 2º, § 1º"


@dataclass(frozen=True)
class Cotacao:
    fornecedor: str
    cnpj: str
    contato: str
    valor: Decimal | None = None


@dataclass(frozen=True)
class DocumentoPreco:
    """Portaria 250/2015, art. 2º, § 1º: a "outra documentação que possa subsidiar análise
    comparativa entre os valores indicados na proposta e os preços praticados no mercado" (ata
    de registro de preços, contrato público, painel de preços...), no lugar das 3 cotações; como
    elas, traz ao menos o nome, o CNPJ e o contato do fornecedor."""

    descricao: str
    fornecedor: str
    cnpj: str
    contato: str


@dataclass(frozen=True)
class ItemCotado:
    descricao: str
    cotacoes: tuple[Cotacao, ...] = ()
    documentos: tuple[DocumentoPreco, ...] = ()


def problemas_fornecedor(fornecedor: str, cnpj: str, contato: str) -> list[str]:
    """Portaria 250/2015, art. 2º, § 1º, última frase: "Tais dados devem conter ao menos o nome, o
    número de inscrição no Cadastro Nacional de Pessoas Jurídicas e contato do fornecedor" — vale
    para as cotações e para a outra documentação. O CNPJ tem de ser válido."""
    erros = []
    if not (fornecedor or "").strip():
        erros.append("sem nome do fornecedor")
    try:
        validar_cnpj(cnpj)
    except ValueError as exc:
        erros.append(str(exc))
    if not (contato or "").strip():
        erros.append("sem contato do fornecedor")
    return erros


def situacao_cotacoes_item(item: ItemCotado) -> tuple[str, str]:
    """Portaria 250/2015, art. 2º, § 1º: "no mínimo 03 (três) cotações de preços referentes a
    cada item … ou outra documentação que possa subsidiar análise comparativa", uma e outra com
    nome, CNPJ e contato do fornecedor. Devolve (situação, explicação) do item:

    - *atende*: 3 cotações com os dados do fornecedor, de 3 fornecedores distintos (leitura
      adotada: três cotações do mesmo CNPJ não são três cotações de preço de mercado);
    - *a verificar*: menos de 3, mas com outra documentação que traz os dados do fornecedor — se
      ela permite comparar com os preços de mercado é juízo do analista, não do sistema;
    - *não atende*: nem uma coisa nem outra."""
    motivos: list[str] = []
    cnpjs: set[str] = set()
    validas = 0
    for c in item.cotacoes:
        erros = problemas_fornecedor(c.fornecedor, c.cnpj, c.contato)
        if erros:
            motivos.append(f"{c.fornecedor or 'cotação'}: {', '.join(erros)}")
        else:
            validas += 1
            cnpjs.add(validar_cnpj(c.cnpj))
    if len(cnpjs) >= MINIMO_COTACOES:
        return ATENDE, f"“{item.descricao}”: {len(cnpjs)} cotações de fornecedores distintos"
    docs_validos = []
    for d in item.documentos:
        erros = problemas_fornecedor(d.fornecedor, d.cnpj, d.contato)
        if not (d.descricao or "").strip():
            erros.insert(0, "sem a descrição do documento")
        if erros:
            motivos.append(f"documentação “{d.descricao or d.fornecedor or '—'}”: {', '.join(erros)}")
        else:
            docs_validos.append(d)
    repetidas = f", de {len(cnpjs)} fornecedor(es) distinto(s)" if validas > len(cnpjs) else ""
    contagem = f"“{item.descricao}” tem {validas} cotação(ões) válida(s){repetidas}"
    if docs_validos:
        nomes = "; ".join(f"{d.descricao.strip()} ({d.fornecedor.strip()})" for d in docs_validos)
        return A_VERIFICAR, (
            f"{contagem} e outra documentação para a análise comparativa: {nomes} — conferir se ela permite "
            "comparar o valor proposto com os preços de mercado"
        )
    detalhe = f" ({'; '.join(motivos)})" if motivos else ""
    return NAO_ATENDE, contagem + detalhe


def avaliar_cotacoes(itens: Iterable[ItemCotado]) -> Resultado:
    """Portaria 250/2015, art. 2º, § 1º: por item, no mínimo 3 cotações de preço ou outra
    documentação que subsidie a análise comparativa com os preços de mercado, com nome, CNPJ
    (válido) e contato do fornecedor (`situacao_cotacoes_item`). Um item sem nenhuma das duas
    → não atende; um coberto só pela outra documentação → a verificar."""
    itens = list(itens)
    if not itens:
        return Resultado("Cotações de preço", A_VERIFICAR, ARTIGO_COTACOES, "Nenhum item cadastrado na proposta.")
    por_situacao: dict[str, list[str]] = {ATENDE: [], A_VERIFICAR: [], NAO_ATENDE: []}
    for item in itens:
        situacao, texto = situacao_cotacoes_item(item)
        por_situacao[situacao].append(texto)
    if por_situacao[NAO_ATENDE]:
        texto = (
            f"Exigem-se {MINIMO_COTACOES} cotações válidas por item, ou outra documentação para a análise "
            "comparativa: " + "; ".join(por_situacao[NAO_ATENDE]) + "."
        )
        if por_situacao[A_VERIFICAR]:
            texto += " A verificar: " + "; ".join(por_situacao[A_VERIFICAR]) + "."
        return Resultado("Cotações de preço", NAO_ATENDE, ARTIGO_COTACOES, texto)
    if por_situacao[A_VERIFICAR]:
        return Resultado(
            "Cotações de preço",
            A_VERIFICAR,
            ARTIGO_COTACOES,
            "Sem as 3 cotações, vale a outra documentação do § 1º: " + "; ".join(por_situacao[A_VERIFICAR]) + ".",
        )
    sujeito = "O item tem" if len(itens) == 1 else f"Todos os {len(itens)} itens têm"
    return Resultado(
        "Cotações de preço",
        ATENDE,
        ARTIGO_COTACOES,
        f"{sujeito} ao menos {MINIMO_COTACOES} cotações de fornecedores distintos, com nome, CNPJ válido e contato.",
    )


# Categorias de despesa. As vedadas trazem o inciso do art. 3º da Portaria 250/2015.
CATEGORIAS_DESPESA: dict[str, tuple[str | None, str]] = {
    "estrutura_fisica": (None, "Estruturação física da central"),
    "equipamentos": (None, "Equipamentos e mobiliário"),
    "material_consumo": (None, "Material de consumo"),
    "servicos_terceiros": (None, "Serviços de terceiros (pessoa jurídica ou física)"),
    "monitoracao_eletronica": (None, "Serviço de monitoração eletrônica"),
    "equipe_tecnica": (None, "Equipe técnica multidisciplinar"),
    "capacitacao": (None, "Capacitação da equipe"),
    "taxa_administracao": ("I", "Taxa de administração, de gerência ou similar"),
    "consultoria_servidor": ("II", "Pagamento a servidor ou empregado público por consultoria ou assistência técnica"),
    "finalidade_diversa": ("III", "Finalidade diversa da estabelecida no instrumento"),
    "despesa_antes_vigencia": ("IV", "Despesa em data anterior à vigência"),
    "pagamento_apos_vigencia": ("V", "Pagamento em data posterior à vigência"),
    "taxas_multas_juros": ("VI", "Taxas bancárias, multas, juros ou correção monetária"),
    "transferencia_clubes": ("VII", "Transferência a clubes, associações de servidores ou congêneres"),
    "publicidade": ("VIII", "Publicidade (salvo educativa, informativa ou de orientação social)"),
    "elaboracao_proposta": ("IX", "Elaboração da proposta"),
    "manutencao_geral": ("X", "Despesas gerais de manutenção (água, energia, aluguel, telefone, limpeza)"),
    "outra_vedada": ("XI", "Outra despesa vedada pela legislação ou não prevista no instrumento"),
}


def despesa_vedada(categoria: str) -> str | None:
    """Portaria 250/2015, art. 3º, I–XI: devolve o inciso que veda a categoria (ou None)."""
    if categoria not in CATEGORIAS_DESPESA:
        raise ErroValidacao(Problema("categoria da despesa", f"“{trecho(categoria)}” não é uma categoria conhecida"))
    return CATEGORIAS_DESPESA[categoria][0]


# Portaria 250/2015, art. 3º, V e VI: as duas vedações com exceção no próprio inciso. Categoria →
# (inciso, condições da exceção: (atributo de `Despesa`, o que a condição exige), o que a exceção admite).
# A exceção só vale com todas as condições; a tela, o checklist e o parecer citam cada uma.
EXCECOES_DESPESA: dict[str, tuple[str, tuple[tuple[str, str], ...], str]] = {
    "pagamento_apos_vigencia": (
        "V",
        (
            (
                "autorizacao_mj",
                "pagamento expressamente autorizado pela autoridade competente do Ministério da Justiça",
            ),
            ("fato_gerador_na_vigencia", "fato gerador da despesa ocorrido durante a vigência do convênio"),
        ),
        "pagamento depois da vigência",
    ),
    "taxas_multas_juros": (
        "VI",
        (
            (
                "multa_atraso_mj",
                "a despesa é multa (não taxa bancária, juros nem correção monetária) decorrente de atraso na "
                "transferência de recursos pelo Ministério da Justiça",
            ),
            ("condicoes_mercado", "prazos de pagamento e percentuais iguais aos aplicados no mercado"),
        ),
        "multa por atraso do repasse",
    ),
}


@dataclass(frozen=True)
class Despesa:
    """Uma despesa da proposta: a categoria e, para os incisos V e VI do art. 3º, as condições
    da exceção que a pessoa declarou (`EXCECOES_DESPESA`)."""

    categoria: str
    descricao: str = ""
    autorizacao_mj: bool = False
    fato_gerador_na_vigencia: bool = False
    multa_atraso_mj: bool = False
    condicoes_mercado: bool = False


def situacao_despesa(despesa: Despesa | str) -> tuple[str | None, str]:
    """Portaria 250/2015, art. 3º, I–XI, com as exceções dos incisos V ("salvo se expressamente
    autorizada pela autoridade competente do Ministério da Justiça e desde que o fato gerador da
    despesa tenha ocorrido durante a vigência do convênio") e VI ("exceto, no que se refere às
    multas, se decorrentes de atraso na transferência de recursos pelo MJ, e desde que os prazos
    para pagamento e os percentuais sejam os mesmos aplicados no mercado"). Devolve (inciso que
    veda a despesa ou None, nota): a nota diz que a exceção foi aplicada, ou o que falta para ela."""
    d = Despesa(despesa) if isinstance(despesa, str) else despesa
    inciso = despesa_vedada(d.categoria)
    if d.categoria not in EXCECOES_DESPESA:
        return inciso, ""
    _, condicoes, admite = EXCECOES_DESPESA[d.categoria]
    faltam = [texto for atributo, texto in condicoes if not getattr(d, atributo)]
    if not faltam:
        return None, f"exceção do art. 3º, {inciso} ({admite}): " + "; ".join(t for _, t in condicoes)
    if len(faltam) == len(condicoes):
        return inciso, ""
    return inciso, f"a exceção do inciso {inciso} exige também: " + "; ".join(faltam)


def avaliar_despesas(despesas: Iterable[Despesa | str]) -> Resultado:
    """Portaria 250/2015, art. 3º, I–XI: nenhuma despesa da proposta pode cair numa categoria
    vedada — salvo nas exceções dos incisos V e VI, com todas as suas condições
    (`situacao_despesa`), que a explicação cita."""
    artigo = "Portaria DEPEN 250/2015, art. 3º"
    despesas = [Despesa(d) if isinstance(d, str) else d for d in despesas]
    if not despesas:
        return Resultado("Despesas vedadas", A_VERIFICAR, artigo, "Nenhuma despesa cadastrada na proposta.")
    vedadas: dict[tuple[str, str], list[str]] = {}
    excecoes: list[str] = []
    for d in despesas:
        inciso, nota = situacao_despesa(d)
        quem = f"“{d.descricao}”: " if d.descricao else ""
        if inciso:
            vedadas.setdefault((inciso, CATEGORIAS_DESPESA[d.categoria][1]), [])
            if nota:
                vedadas[(inciso, CATEGORIAS_DESPESA[d.categoria][1])].append(quem + nota)
        elif nota:
            excecoes.append(quem + nota)
    admitidas = (" Admitidas pela exceção: " + "; ".join(excecoes) + ".") if excecoes else ""
    if vedadas:
        partes = [
            f"{rotulo} (inciso {inciso}" + (f"; {'; '.join(notas)}" if notas else "") + ")"
            for (inciso, rotulo), notas in sorted(vedadas.items(), key=lambda t: _ROMANOS.index(t[0][0]))
        ]
        return Resultado(
            "Despesas vedadas", NAO_ATENDE, artigo, "Despesas vedadas: " + "; ".join(partes) + "." + admitidas
        )
    texto = (
        "A despesa cadastrada não é vedada."
        if len(despesas) == 1
        else f"Nenhuma das {len(despesas)} despesas é vedada."
    )
    return Resultado("Despesas vedadas", ATENDE, artigo, texto + admitidas)


_ROMANOS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]


def avaliar_estudo_demanda(*, flagrantes_mes: int | None, presos_provisorios: int | None, perfil: str) -> Resultado:
    """Portaria 250/2015, art. 7º, § 1º (CME): estudo diagnóstico de demanda com, ao menos,
    (a) volume mensal de presos em flagrante e número de presos provisórios na localidade e
    (b) o perfil desses presos (antecedentes e tipo penal)."""
    artigo = "Portaria DEPEN 250/2015, art. 7º"
    faltam = []
    if flagrantes_mes is None:
        faltam.append("volume mensal de presos em flagrante")
    if presos_provisorios is None:
        faltam.append("número de presos provisórios")
    if not (perfil or "").strip():
        faltam.append("perfil dos presos (antecedentes e tipo penal)")
    if faltam:
        return Resultado(
            "Estudo de demanda", NAO_ATENDE, artigo, "Falta no estudo de demanda: " + ", ".join(faltam) + "."
        )
    return Resultado(
        "Estudo de demanda",
        ATENDE,
        artigo,
        f"{numero(flagrantes_mes)} presos em flagrante por mês e {numero(presos_provisorios)} presos "
        "provisórios, com perfil descrito.",
    )


def avaliar_meta_reducao(meta_reducao_pct: Decimal | None) -> Resultado:
    """Portaria 250/2015, art. 8º (CME): a proposta apresenta meta de redução do número de
    presos provisórios no Estado."""
    artigo = "Portaria DEPEN 250/2015, art. 8º"
    if meta_reducao_pct is None:
        return Resultado("Meta de redução de presos provisórios", NAO_ATENDE, artigo, "Meta de redução não informada.")
    meta = _dec(meta_reducao_pct, "meta de redução")
    if meta <= 0 or meta > 100:
        return Resultado(
            "Meta de redução de presos provisórios",
            NAO_ATENDE,
            artigo,
            f"Meta de {_pct(meta)} inválida: informe uma redução entre 0% e 100%.",
        )
    return Resultado("Meta de redução de presos provisórios", ATENDE, artigo, f"Meta de redução de {_pct(meta)}.")


def avaliar_politica_alternativas(*, politica_alternativas: bool, ciap_conjunta: bool) -> Resultado:
    """Portaria 250/2015, art. 9º, parágrafo único (CME): não se financia CME na UF sem
    política de alternativas penais, salvo se vier junto um projeto de CIAP."""
    artigo = "Portaria DEPEN 250/2015, art. 9º, parágrafo único"
    if politica_alternativas:
        return Resultado(
            "Política de alternativas penais", ATENDE, artigo, "A UF desenvolve política de alternativas penais."
        )
    if ciap_conjunta:
        return Resultado(
            "Política de alternativas penais",
            ATENDE,
            artigo,
            "A UF não tem política de alternativas penais, mas apresenta projeto de CIAP em conjunto.",
        )
    return Resultado(
        "Política de alternativas penais",
        NAO_ATENDE,
        artigo,
        "Sem política de alternativas penais e sem projeto de CIAP em conjunto: a CME não pode ser financiada.",
    )


def avaliar_coordenador(coordenador: str) -> Resultado:
    """Portaria 250/2015, art. 15 (CME): a proposta indica a equipe de servidores do Estado,
    com a designação de 1 (um) coordenador responsável."""
    artigo = "Portaria DEPEN 250/2015, art. 15"
    if (coordenador or "").strip():
        return Resultado("Coordenador responsável", ATENDE, artigo, f"Coordenador(a): {coordenador.strip()}.")
    return Resultado("Coordenador responsável", NAO_ATENDE, artigo, "Coordenador responsável não designado.")


def avaliar_proponente_250(*, orgao_executivo_uf: bool, declaracao_metas_cnpcp: bool) -> Resultado:
    """Portaria 250/2015, art. 2º: só propõem os órgãos do Poder Executivo da UF responsáveis
    pela administração penitenciária ou pelas alternativas penais, com declaração de como a
    UF alcançará as metas da Resolução CNPCP nº 01/2008."""
    artigo = "Portaria DEPEN 250/2015, art. 2º"
    if not orgao_executivo_uf:
        return Resultado(
            "Proponente legitimado",
            NAO_ATENDE,
            artigo,
            "O proponente não é órgão do Executivo da UF responsável pela área.",
        )
    if not declaracao_metas_cnpcp:
        return Resultado(
            "Proponente legitimado",
            NAO_ATENDE,
            artigo,
            "Falta a declaração sobre as metas da Resolução CNPCP nº 01/2008.",
        )
    return Resultado(
        "Proponente legitimado",
        ATENDE,
        artigo,
        "Órgão do Executivo da UF, com declaração sobre as metas da Resolução CNPCP nº 01/2008.",
    )


# =====================================================================================
# Portaria DEPEN 206/2008
# =====================================================================================

# natureza → (rótulo, teto mensal)
LIMITES_REMUNERACAO = {
    "coordenacao": ("Coordenação", Decimal("4000.00")),
    "tecnica": ("Técnica (consultoria ou colaboração)", Decimal("3000.00")),
    "estagio": ("Estágio", Decimal("600.00")),
}


def avaliar_remuneracao(*, natureza: str, valor_mensal: Decimal, nome: str = "") -> Resultado:
    """Portaria 206/2008, art. 13 e Anexo I: remuneração mensal de pessoas contratadas
    diretamente limitada a R$ 4.000,00 (Coordenação), R$ 3.000,00 (Técnica) e R$ 600,00
    (Estágio). Igual ao teto atende; um centavo acima não."""
    artigo = "Portaria DEPEN 206/2008, art. 13 e Anexo I"
    if natureza not in LIMITES_REMUNERACAO:
        raise ErroValidacao(Problema("natureza da atividade", f"“{trecho(natureza)}” não está no Anexo I"))
    rotulo, teto = LIMITES_REMUNERACAO[natureza]
    valor = _dec(valor_mensal, "remuneração")
    quem = f"{nome} — " if nome else ""
    situacao = ATENDE if valor <= teto else NAO_ATENDE
    return Resultado(
        f"Remuneração: {rotulo}",
        situacao,
        artigo,
        f"{quem}{dinheiro(valor)}/mês; limite de {dinheiro(teto)}/mês para {rotulo}.",
    )


JANELA_REGISTRO_2009 = (date(2009, 1, 8), date(2009, 4, 5))


# período de abertura dos programas CME e CIAP no SICONV (Portaria 250/2015, arts. 10 e 20)
JANELA_PROGRAMAS_2015 = (date(2015, 8, 24), date(2015, 9, 6))
ARTIGO_JANELA_2009 = "Portaria DEPEN 206/2008, art. 2º, §§ 1º e 4º"
ARTIGO_JANELA_2015 = "Portaria DEPEN 250/2015, arts. 10 e 20"


def avaliar_janela_registro(
    data_registro: date | None,
    inicio: date = JANELA_REGISTRO_2009[0],
    fim: date = JANELA_REGISTRO_2009[1],
    artigo: str = ARTIGO_JANELA_2009,
) -> Resultado:
    """Portaria 206/2008, art. 2º, § 1º e § 4º: propostas registradas no SICONV de
    08/01/2009 a 05/04/2009, sem prorrogação; fora do período não são analisadas. As datas
    são parâmetros: a Portaria 250/2015 (arts. 10 e 20) abre os programas CME e CIAP de
    24/08 a 06/09/2015 (`JANELA_PROGRAMAS_2015`)."""
    periodo = f"{inicio:%d/%m/%Y} a {fim:%d/%m/%Y}"
    if data_registro is None:
        return Resultado(
            "Registro no período", A_VERIFICAR, artigo, f"Data de registro não informada (período: {periodo})."
        )
    dentro = inicio <= data_registro <= fim
    return Resultado(
        "Registro no período",
        ATENDE if dentro else NAO_ATENDE,
        artigo,
        f"Registrada em {data_registro:%d/%m/%Y}; período: {periodo}"
        + ("." if dentro else " — fora do período, sem prorrogação."),
    )


TIPOS_PROPONENTE = {
    "orgao_penitenciario": "Órgão estadual ou distrital da administração penitenciária",
    "judiciario": "Órgão do Poder Judiciário estadual ou distrital",
    "ong": "Organização não governamental",
    "organismo_internacional": "Organismo internacional",
    "outro": "Outro órgão ou entidade",
}

# código → (artigo, texto). Lidos da Portaria 206/2008, arts. 6º a 9º (seed 003).
DECLARACOES = {
    "metas_cnpcp": ("art. 6º, I", "Declaração de como a UF pretende alcançar as metas da Resolução CNPCP nº 01/2008"),
    "comissao_classificacao": (
        "art. 6º, II",
        "Declaração dos estabelecimentos penais com Comissão Técnica de Classificação e sua composição",
    ),
    "infopen": (
        "art. 6º, III",
        "Declaração de preenchimento mínimo de 80% do InfoPen Estatística com inconsistência "
        "≤ 5% nos três meses anteriores (ou explanação dos motivos)",
    ),
    "colaboracao_judiciario": (
        "art. 7º",
        "Declaração de como o órgão vem colaborando para as metas da Resolução CNPCP nº 01/2008",
    ),
    "docs_ldo": ("art. 8º, caput", "Documentos dos arts. 32 a 36 da Lei 11.768/2008 (LDO)"),
    "pertinencia_estatutaria": (
        "art. 8º, I",
        "Documentação da pertinência entre o pleito e as finalidades estatutárias",
    ),
    "contribuicao_politicas": (
        "art. 8º, II",
        "Declaração de como a proposta contribuirá para as políticas públicas penitenciárias",
    ),
    "qualificacoes_titulos": (
        "art. 8º, parágrafo único",
        "Documentação das qualificações ou títulos públicos da entidade, quando for o caso",
    ),
    "articulacao_politica": (
        "art. 9º",
        "Declaração do órgão da administração penitenciária de que a proposta se "
        "articula com a política penitenciária estadual ou distrital",
    ),
}

DECLARACOES_POR_PROPONENTE = {
    "orgao_penitenciario": ("metas_cnpcp", "comissao_classificacao", "infopen"),
    "judiciario": ("colaboracao_judiciario", "articulacao_politica"),
    "ong": ("docs_ldo", "pertinencia_estatutaria", "contribuicao_politicas", "articulacao_politica"),
    "organismo_internacional": (
        "pertinencia_estatutaria",
        "contribuicao_politicas",
        "qualificacoes_titulos",
        "articulacao_politica",
    ),
    "outro": ("articulacao_politica",),
}
# exigidas só "quando for o caso": ausentes ficam "a verificar", não "não atende"
DECLARACOES_CONDICIONAIS = {"qualificacoes_titulos"}


def declaracoes_exigidas(tipo_proponente: str) -> tuple[str, ...]:
    """Portaria 206/2008, arts. 6º a 9º: declarações que acompanham a proposta conforme o
    proponente — órgão penitenciário (art. 6º, I–III); Judiciário (art. 7º); ONG (art. 8º,
    caput, I e II); organismo internacional (art. 8º, parágrafo único: I, II e títulos); e,
    para todo proponente diverso do art. 6º, a declaração do órgão penitenciário (art. 9º)."""
    if tipo_proponente not in DECLARACOES_POR_PROPONENTE:
        raise ErroValidacao(Problema("tipo de proponente", f"“{trecho(tipo_proponente)}” não é um tipo conhecido"))
    return DECLARACOES_POR_PROPONENTE[tipo_proponente]


def avaliar_declaracoes(tipo_proponente: str, apresentadas: Iterable[str]) -> list[Resultado]:
    """Portaria 206/2008, arts. 6º a 9º: uma linha por declaração exigida do tipo de
    proponente, “atende” se apresentada."""
    apresentadas = set(apresentadas)
    saida = []
    for codigo in declaracoes_exigidas(tipo_proponente):
        artigo, texto = DECLARACOES[codigo]
        if codigo in apresentadas:
            situacao = ATENDE
            expl = "Apresentada."
        elif codigo in DECLARACOES_CONDICIONAIS:
            situacao = A_VERIFICAR
            expl = "Não apresentada; exigida só quando for o caso — conferir."
        else:
            situacao = NAO_ATENDE
            expl = "Não apresentada."
        saida.append(Resultado(texto, situacao, f"Portaria DEPEN 206/2008, {artigo}", expl))
    return saida


# =====================================================================================
# Índice penitenciário — Portaria DEPEN 206/2008, Anexo II (leitura adotada: docs/dominio.md)
# =====================================================================================

CRITERIOS_QUANTITATIVOS = {
    "presos_100mil": ("Presos por 100.000 habitantes", Decimal("2")),
    "crescimento": ("Crescimento da população carcerária em 12 meses (%)", Decimal("1")),
    "territorio": ("Dimensão territorial (km²)", Decimal("0.5")),
    "populacao": ("População", Decimal("1")),
    "servidores": ("Efetivo de servidores penitenciários", Decimal("1")),
    "pop_carceraria": ("População carcerária absoluta", Decimal("2")),
}
CRITERIOS_CORRECAO = {
    "pib_per_capita": ("PIB per capita (R$)", Decimal("1")),
    "idh": ("IDH", Decimal("1")),
}
CRITERIOS_QUALITATIVOS = {
    "a": "Alimentação do InfoPen — Módulo Estatística",
    "b": "Alimentação do InfoPen — Módulo Gestão",
    "c": "Prestações de contas entregues no prazo",
    "d": "Reformulações dos Planos de Trabalho",
    "e": "Plano Nacional de Saúde no Sistema Penitenciário",
    "f": "Relação presos por agente penitenciário",
    "g": "Ouvidoria do sistema penitenciário",
    "h": "Informações de indulto e comutação",
    "i": "Prazo das obras e aditivos de prazo",
    "j": "Central de apoio a penas e medidas alternativas",
}
# escalas do Anexo II, item 4 (nota → faixa)
ESCALAS_QUALITATIVAS = {
    "a": {
        0: "inconsistência de 10% ou superior",
        1: "inconsistência entre 3% e 9,9%",
        2: "inconsistência inferior a 3%",
    },
    "b": {
        0: "não aderiu ao InfoPen Gestão",
        1: "aderiu e não iniciou a inclusão de dados",
        2: "aderiu e iniciou a inclusão de dados",
    },
    "c": {
        0: "nenhuma prestação de contas no prazo",
        1: "uma ou mais no prazo com documentação incompleta",
        2: "todas no prazo com documentação completa",
    },
    "d": {
        0: "acima de três reformulações por convênio",
        1: "duas reformulações por convênio",
        2: "uma ou nenhuma reformulação por convênio",
    },
    "e": {0: "não assinou o Termo de Adesão", 1: "assinou, mas não está qualificado", 2: "assinou e está qualificado"},
    "f": {0: "acima de 20 presos por agente", 1: "acima de 5 até 20 presos por agente", 2: "até 5 presos por agente"},
    "g": {
        0: "não existe Ouvidoria",
        1: "Ouvidoria-Geral do Estado implantada",
        2: "Ouvidoria própria do sistema penitenciário implantada",
    },
    "h": {0: "não informa", 1: "informa fora do prazo do Decreto de Indulto", 2: "informa dentro do prazo"},
    "i": {
        0: "mais de 60% das obras em atraso ou mais de três aditivos de prazo",
        1: "de 30% a 60% das obras em atraso, ou até três aditivos de prazo",
        2: "obras no prazo, com 01 (um) aditivo de prazo (lido como “até um”)",
    },
    "j": {
        0: "não possui central ou órgão similar",
        1: "central em processo de implantação",
        2: "central em pleno funcionamento",
    },
}
TODOS_CRITERIOS = {**CRITERIOS_QUANTITATIVOS, **{k: (v, None) for k, v in CRITERIOS_CORRECAO.items()}}


def rotulo_criterio(codigo: str) -> str:
    if codigo in CRITERIOS_QUANTITATIVOS:
        return CRITERIOS_QUANTITATIVOS[codigo][0]
    if codigo in CRITERIOS_CORRECAO:
        return CRITERIOS_CORRECAO[codigo][0]
    if codigo in CRITERIOS_QUALITATIVOS:
        return f"{codigo}) {CRITERIOS_QUALITATIVOS[codigo]}"
    raise KeyError(codigo)


def pesos_padrao() -> dict[str, Decimal]:
    """Portaria 206/2008, Anexo II, itens 2 e 3: pesos dos critérios quantitativos (2; 1;
    0,5; 1; 1; 2) e de correção (1 e 1, leitura adotada: o Anexo não lhes dá peso)."""
    return {
        **{k: p for k, (_, p) in CRITERIOS_QUANTITATIVOS.items()},
        **{k: p for k, (_, p) in CRITERIOS_CORRECAO.items()},
    }


@dataclass(frozen=True)
class Nota:
    """A nota 0–2 de um critério qualitativo, o texto da faixa do Anexo II e, quando o Anexo não
    decide o caso e o sistema aplicou uma leitura, a frase que a diz (mostrada ao lado da nota)."""

    nota: int
    faixa: str
    leitura: str = ""


# Portaria 206/2008, Anexo II, item 4, d): "0 - Acima de três reformulações por convênio; 1 - Duas
# reformulações por convênio; 2 - Uma ou nenhuma reformulação por convênio". Exatamente três
# reformulações não cabem em faixa alguma; a leitura aplicada é a configuração
# `REFORMULACOES_TRES` (opção → (nota, por quê)).
LEITURAS_TRES_REFORMULACOES = {
    "nota_1": (
        1,
        "a nota 0 exige “acima de três” e três não está acima de três: fica com a faixa intermediária (1)",
    ),
    "nota_0": (
        0,
        "três já passa de “duas”, teto da faixa intermediária: fica com a nota 0",
    ),
}
LEITURA_TRES_REFORMULACOES_PADRAO = "nota_1"


def leitura_tres_reformulacoes(leitura_tres: str = LEITURA_TRES_REFORMULACOES_PADRAO) -> str:
    """Portaria 206/2008, Anexo II, item 4, d): a frase que a tela mostra sobre o vão das três
    reformulações, com a leitura configurada (`LEITURAS_TRES_REFORMULACOES`)."""
    nota, porque = LEITURAS_TRES_REFORMULACOES[leitura_tres]
    return (
        "d) O Anexo II dá 0 a “acima de três” reformulações por convênio, 1 a “duas” e 2 a “uma ou nenhuma”: "
        f"exatamente três não cabem em faixa alguma. Leitura aplicada: nota {nota} — {porque}."
    )


def leituras_das_escalas(leitura_tres: str = LEITURA_TRES_REFORMULACOES_PADRAO) -> list[str]:
    """Portaria 206/2008, Anexo II, item 4, a), d) e i): as leituras que o sistema aplica onde as
    escalas deixam vão, para a tela mostrar ao lado do índice."""
    return [
        "a) Entre 9,9% e 10% de inconsistência o Anexo II não decide; leitura aplicada: abaixo de 10% e a partir "
        "de 3%, nota 1.",
        leitura_tres_reformulacoes(leitura_tres),
        LEITURA_OBRAS_SEM_ADITIVO,
    ]


def nota_reformulacoes(reformulacoes: int, leitura_tres: str = LEITURA_TRES_REFORMULACOES_PADRAO) -> Nota:
    """Portaria 206/2008, Anexo II, item 4, d): reformulações dos Planos de Trabalho por convênio
    (todas, inclusive as alterações de prazo) — acima de três → 0; duas → 1; uma ou nenhuma → 2.
    O Anexo não dá faixa a exatamente três: a leitura é `leitura_tres`
    (`LEITURAS_TRES_REFORMULACOES`; padrão: nota 1, pois três não está “acima de três”), e a nota
    leva a frase da leitura aplicada para a tela."""
    if isinstance(reformulacoes, bool) or not isinstance(reformulacoes, int) or reformulacoes < 0:
        raise ErroValidacao(
            Problema("d) reformulações por convênio", "informe um número inteiro maior ou igual a zero")
        )
    if leitura_tres not in LEITURAS_TRES_REFORMULACOES:
        raise ErroValidacao(
            Problema(
                "leitura de três reformulações",
                f"“{trecho(leitura_tres)}” não é válida: use " + " ou ".join(LEITURAS_TRES_REFORMULACOES),
            )
        )
    if reformulacoes == 3:
        nota, _ = LEITURAS_TRES_REFORMULACOES[leitura_tres]
        return Nota(
            nota,
            f"{ESCALAS_QUALITATIVAS['d'][nota]} (três reformulações: fora das faixas do Anexo II, leitura aplicada)",
            leitura_tres_reformulacoes(leitura_tres),
        )
    nota = 0 if reformulacoes > 3 else 1 if reformulacoes == 2 else 2
    return Nota(nota, ESCALAS_QUALITATIVAS["d"][nota])


def nota_inconsistencia_infopen(inconsistencia_pct: Decimal) -> Nota:
    """Portaria 206/2008, Anexo II, item 4, a): inconsistência de 10% ou mais → 0; entre
    3% e 9,9% → 1; inferior a 3% → 2. Leitura adotada para o vão entre 9,9% e 10%: abaixo
    de 10% e a partir de 3% → 1."""
    v = _dec(inconsistencia_pct, "inconsistência")
    if v < 0 or v > 100:
        raise ErroValidacao(Problema("a) inconsistência (%)", "informe um percentual de 0 a 100"))
    nota = 0 if v >= 10 else 1 if v >= 3 else 2
    return Nota(nota, ESCALAS_QUALITATIVAS["a"][nota])


def nota_presos_por_agente(presos: int, agentes: int) -> Nota:
    """Portaria 206/2008, Anexo II, item 4, f): acima de 20 presos por agente → 0; acima de
    5 até 20 → 1; até 5 → 2 (razão exata, sem arredondar)."""
    if agentes is None or agentes <= 0:
        raise ErroValidacao(Problema("f) agentes penitenciários", "informe um número de agentes maior que zero"))
    if presos is None or presos < 0:
        raise ErroValidacao(Problema("f) presos", "informe um número de presos maior ou igual a zero"))
    razao = Decimal(presos) / Decimal(agentes)
    nota = 0 if razao > 20 else 1 if razao > 5 else 2
    return Nota(nota, ESCALAS_QUALITATIVAS["f"][nota])


# Portaria 206/2008, Anexo II, item 4, i): a leitura que a nota aplica onde o texto não decide,
# dita na tela ao lado da nota.
LEITURA_OBRAS_SEM_ADITIVO = (
    "i) a nota 2 do Anexo II é para quem executa no prazo “com 01 (um) aditivo de prazo”; leitura aplicada: "
    "“com até um aditivo” — sem aditivo algum, a UF também recebe 2 (pedir menos aditivos não pode dar nota pior)."
)


def nota_obras(atraso_pct: Decimal, aditivos: int) -> Nota:
    """Portaria 206/2008, Anexo II, item 4, i): mais de 60% das obras em atraso ou mais de
    três aditivos de prazo → 0; de 30% a 60% em atraso, ou até três aditivos → 1; obras no
    prazo "com 01 (um) aditivo de prazo" → 2. Leitura adotada, dita na tela pela nota
    (`Nota.leitura`): “com 01 aditivo” lido como “com até um” — zero aditivos também recebe 2
    (`LEITURA_OBRAS_SEM_ADITIVO`). Atraso entre 0% e 30% com até três aditivos cai na nota 1
    pela segunda condição da faixa ("ou solicitarem até três aditivos")."""
    v = _dec(atraso_pct, "obras em atraso")
    if v < 0 or v > 100:
        raise ErroValidacao(Problema("i) obras em atraso (%)", "informe um percentual de 0 a 100"))
    if aditivos is None or aditivos < 0:
        raise ErroValidacao(Problema("i) aditivos de prazo", "informe um número maior ou igual a zero"))
    if v > 60 or aditivos > 3:
        nota = 0
    elif v == 0 and aditivos <= 1:
        nota = 2
    else:
        nota = 1
    return Nota(nota, ESCALAS_QUALITATIVAS["i"][nota], LEITURA_OBRAS_SEM_ADITIVO if nota == 2 and aditivos == 0 else "")


def fracoes_ideais(valores: Mapping[str, Decimal], *, negativo_conta_zero: bool = False) -> dict[str, Decimal]:
    """Portaria 206/2008, Anexo II, item 5 (nota *): cada valor bruto vira a fração ideal da
    UF — sua parte no total nacional do critério. Crescimento negativo conta como 0
    (`negativo_conta_zero`); se o total do critério é 0, toda UF recebe 0 (leitura adotada)."""
    limpos = {uf: (max(Decimal(0), Decimal(v)) if negativo_conta_zero else Decimal(v)) for uf, v in valores.items()}
    total = sum(limpos.values(), Decimal(0))
    if total == 0:
        return {uf: Decimal(0) for uf in limpos}
    return {uf: v / total for uf, v in limpos.items()}


@dataclass
class LinhaIndice:
    uf: str
    fracoes: dict[str, Decimal] = field(default_factory=dict)
    q: Decimal = Decimal(0)
    l: Decimal = Decimal(0)  # noqa: E741 - nome do Anexo
    ib: Decimal = Decimal(0)
    ic: Decimal = Decimal(0)
    ip: Decimal = Decimal(0)
    participacao: Decimal = Decimal(0)
    alocacao: Decimal | None = None


FORMULA_EM_PALAVRAS = [
    "Fração ideal: a parte da UF no total nacional de cada critério (crescimento negativo conta 0; "
    "critério com total 0 dá 0 a todas as UFs).",
    "Q = soma de (peso × fração) dos critérios quantitativos ÷ soma dos pesos.",
    "L = média das frações ideais das dez notas qualitativas (a–j).",
    "Ib = (Q + L) ÷ 2.",
    "Ic = soma de (peso × fração) de PIB per capita e IDH ÷ soma dos pesos.",
    "Ip = Ib − Ib × Ic.",
    "Participação = Ip da UF ÷ soma dos Ip; alocação = orçamento × participação, em centavos, "
    "com as sobras de centavos distribuídas pelos maiores restos (empate: ordem alfabética da UF).",
]


def _exigir_valores(valores: Mapping[str, Mapping[str, object]], criterios: Iterable[str]) -> None:
    problemas = []
    for uf in sorted(valores):
        for c in criterios:
            if valores[uf].get(c) is None:
                problemas.append(Problema(rotulo_criterio(c), f"UF {uf} sem valor informado"))
    if problemas:
        raise ErroValidacao(problemas)


def calcular_indice(
    valores: Mapping[str, Mapping[str, object]],
    pesos: Mapping[str, Decimal] | None = None,
    orcamento: Decimal | None = None,
) -> list[LinhaIndice]:
    """Portaria 206/2008, Anexo II, item 5 (leitura adotada, descrita em docs/dominio.md):
    Q = Σ(peso × fração)/Σ pesos (quantitativos); L = média das frações das notas a–j;
    Ib = (Q + L)/2; Ic = Σ(peso × fração)/Σ pesos (PIB per capita e IDH); Ip = Ib − Ib × Ic;
    participação = Ip/ΣIp; alocação do orçamento proporcional ao Ip, exata ao centavo.

    `valores[uf][criterio]` traz os valores brutos (quantitativos, de correção e as notas
    0–2 de a–j). Valor ausente levanta `ErroValidacao` nomeando UF e critério — nunca
    vira zero em silêncio."""
    if not valores:
        raise ErroValidacao(Problema("UFs", "nenhuma UF informada"))
    pesos_usados = pesos_padrao() | {k: Decimal(v) for k, v in (pesos or {}).items()}
    problemas = [
        Problema(f"peso de {rotulo_criterio(k)}", "o peso não pode ser negativo")
        for k, v in pesos_usados.items()
        if v < 0
    ]
    for grupo, nome in ((CRITERIOS_QUANTITATIVOS, "quantitativos"), (CRITERIOS_CORRECAO, "de correção")):
        if sum((pesos_usados[k] for k in grupo), Decimal(0)) <= 0:
            problemas.append(Problema("pesos", f"a soma dos pesos dos critérios {nome} deve ser maior que zero"))
    if problemas:
        raise ErroValidacao(problemas)
    todos = [*CRITERIOS_QUANTITATIVOS, *CRITERIOS_QUALITATIVOS, *CRITERIOS_CORRECAO]
    _exigir_valores(valores, todos)
    problemas = []
    for uf in sorted(valores):
        for c in todos:
            v = valores[uf][c]
            try:
                d = _dec(v, rotulo_criterio(c)) if not isinstance(v, int) else Decimal(v)
            except Exception:  # noqa: BLE001
                problemas.append(Problema(rotulo_criterio(c), f"UF {uf}: valor “{trecho(v)}” não é número"))
                continue
            if c in CRITERIOS_QUALITATIVOS and d not in (0, 1, 2):
                problemas.append(
                    Problema(rotulo_criterio(c), f"UF {uf}: a nota deve ser 0, 1 ou 2 (recebido {trecho(v)})")
                )
            elif c != "crescimento" and c not in CRITERIOS_QUALITATIVOS and d < 0:
                problemas.append(Problema(rotulo_criterio(c), f"UF {uf}: o valor não pode ser negativo"))
    if problemas:
        raise ErroValidacao(problemas)

    linhas = {uf: LinhaIndice(uf) for uf in sorted(valores)}
    with localcontext() as ctx:
        ctx.prec = 34
        for c in todos:
            fr = fracoes_ideais(
                {uf: Decimal(valores[uf][c]) for uf in linhas}, negativo_conta_zero=(c == "crescimento")
            )
            for uf, f in fr.items():
                linhas[uf].fracoes[c] = f
        soma_q = sum((pesos_usados[c] for c in CRITERIOS_QUANTITATIVOS), Decimal(0))
        soma_c = sum((pesos_usados[c] for c in CRITERIOS_CORRECAO), Decimal(0))
        for ln in linhas.values():
            ln.q = sum((pesos_usados[c] * ln.fracoes[c] for c in CRITERIOS_QUANTITATIVOS), Decimal(0)) / soma_q
            ln.l = sum((ln.fracoes[c] for c in CRITERIOS_QUALITATIVOS), Decimal(0)) / len(CRITERIOS_QUALITATIVOS)
            ln.ib = (ln.q + ln.l) / 2
            ln.ic = sum((pesos_usados[c] * ln.fracoes[c] for c in CRITERIOS_CORRECAO), Decimal(0)) / soma_c
            ln.ip = ln.ib - ln.ib * ln.ic
        total_ip = sum((ln.ip for ln in linhas.values()), Decimal(0))
        for ln in linhas.values():
            ln.participacao = ln.ip / total_ip if total_ip > 0 else Decimal(0)
    if orcamento is not None:
        alocacoes = alocar_orcamento(_dec(orcamento, "orçamento"), {uf: ln.ip for uf, ln in linhas.items()})
        for uf, v in alocacoes.items():
            linhas[uf].alocacao = v
    return list(linhas.values())


def alocar_orcamento(orcamento: Decimal, pesos_uf: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Portaria 206/2008, Anexo II, item 1: o índice é aplicado ao montante da ação
    orçamentária. Divide `orcamento` em proporção aos pesos (Ip), em centavos inteiros, pelo
    método dos maiores restos: cada UF recebe o piso da sua cota e os centavos que sobram
    vão, um a um, às UFs de maior resto (empate: ordem alfabética). A soma é exatamente o
    orçamento."""
    if orcamento < 0 or orcamento != orcamento.quantize(CENTAVO):
        raise ErroValidacao(Problema("orçamento", "informe um valor não negativo, em centavos"))
    total = sum(pesos_uf.values(), Decimal(0))
    if total <= 0:
        if orcamento == 0:
            return {uf: Decimal("0.00") for uf in pesos_uf}
        raise ErroValidacao(Problema("orçamento", "todos os índices são zero: não há como repartir o orçamento"))
    centavos = int(orcamento * 100)
    with localcontext() as ctx:
        ctx.prec = 50
        exatos = {uf: Decimal(centavos) * p / total for uf, p in pesos_uf.items()}
    pisos = {uf: int(v.to_integral_value(rounding=ROUND_FLOOR)) for uf, v in exatos.items()}
    sobra = centavos - sum(pisos.values())
    ordem = sorted(pisos, key=lambda uf: (-(exatos[uf] - pisos[uf]), uf))
    for uf in ordem[:sobra]:
        pisos[uf] += 1
    return {uf: (Decimal(c) / 100).quantize(CENTAVO) for uf, c in pisos.items()}
