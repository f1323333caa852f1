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
from core.erros import ErroValidacao, Problema

ATENDE = "atende"
NAO_ATENDE = "não atende"
A_VERIFICAR = "a verificar"
NAO_SE_APLICA = "não se aplica"  # só para cotas: contrato abaixo do valor do art. 5º
SITUACOES = (ATENDE, NAO_ATENDE, A_VERIFICAR, NAO_SE_APLICA)
ICONE_SITUACAO = {ATENDE: "✅", NAO_ATENDE: "❌", A_VERIFICAR: "⚠️", NAO_SE_APLICA: "—"}
# para st.markdown: ícone Material (fonte servida pelo Streamlit, sem depender de emoji do sistema) e cor
MARCA_SITUACAO = {
    ATENDE: ":green[:material/check_circle: Atende]",
    NAO_ATENDE: ":red[:material/cancel: Não atende]",
    A_VERIFICAR: ":orange[:material/help: A verificar]",
    NAO_SE_APLICA: ":gray[:material/remove: Não se aplica]",
}

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
                "arredondamento das cotas", f"“{arredondamento}” não é válido: use " + " ou ".join(ARREDONDAMENTOS)
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
        raise ErroValidacao(Problema("programa", f"“{programa}” não é CME nem CIAP"))


def percentual_contrapartida_minima(programa: str, regiao: str) -> Decimal:
    """Portaria 250/2015, art. 14 (CME: ≥ 10% no Norte, Nordeste e Centro-Oeste; ≥ 20% no
    Sudeste e Sul) e art. 23, § 1º (CIAP: ≥ 2,5% e ≥ 5%), sobre o valor total da proposta."""
    _exigir_programa(programa)
    g1, g2, _ = CONTRAPARTIDA_MINIMA[programa]
    if regiao in REGIOES_GRUPO_1:
        return g1
    if regiao in REGIOES_GRUPO_2:
        return g2
    raise ErroValidacao(Problema("região", f"“{regiao}” não é uma região do IBGE"))


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


@dataclass(frozen=True)
class Cotacao:
    fornecedor: str
    cnpj: str
    contato: str
    valor: Decimal | None = None


@dataclass(frozen=True)
class ItemCotado:
    descricao: str
    cotacoes: tuple[Cotacao, ...] = ()


def avaliar_cotacoes(itens: Iterable[ItemCotado]) -> Resultado:
    """Portaria 250/2015, art. 2º, § 1º: no mínimo 3 cotações de preço por item, cada uma
    com nome, CNPJ (válido) e contato do fornecedor."""
    artigo = "Portaria DEPEN 250/2015, art. 2º, § 1º"
    itens = list(itens)
    if not itens:
        return Resultado("Cotações de preço", A_VERIFICAR, artigo, "Nenhum item cadastrado na proposta.")
    falhas: list[str] = []
    for item in itens:
        validas = 0
        motivos: list[str] = []
        for c in item.cotacoes:
            erros = []
            if not (c.fornecedor or "").strip():
                erros.append("sem nome do fornecedor")
            try:
                validar_cnpj(c.cnpj)
            except ValueError as exc:
                erros.append(str(exc))
            if not (c.contato or "").strip():
                erros.append("sem contato")
            if erros:
                motivos.append(f"{c.fornecedor or 'cotação'}: {', '.join(erros)}")
            else:
                validas += 1
        if validas < MINIMO_COTACOES:
            detalhe = f" ({'; '.join(motivos)})" if motivos else ""
            falhas.append(f"“{item.descricao}” tem {validas} cotação(ões) válida(s){detalhe}")
    if falhas:
        return Resultado(
            "Cotações de preço",
            NAO_ATENDE,
            artigo,
            f"Exigem-se {MINIMO_COTACOES} cotações válidas por item: " + "; ".join(falhas) + ".",
        )
    sujeito = "O item tem" if len(itens) == 1 else f"Todos os {len(itens)} itens têm"
    return Resultado(
        "Cotações de preço",
        ATENDE,
        artigo,
        f"{sujeito} ao menos {MINIMO_COTACOES} cotações com nome, CNPJ válido e contato.",
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
        raise ErroValidacao(Problema("categoria da despesa", f"“{categoria}” não é uma categoria conhecida"))
    return CATEGORIAS_DESPESA[categoria][0]


def avaliar_despesas(categorias: Iterable[str]) -> Resultado:
    """Portaria 250/2015, art. 3º, I–XI: nenhuma despesa da proposta pode cair numa
    categoria vedada."""
    artigo = "Portaria DEPEN 250/2015, art. 3º"
    categorias = list(categorias)
    if not categorias:
        return Resultado("Despesas vedadas", A_VERIFICAR, artigo, "Nenhuma despesa cadastrada na proposta.")
    vedadas = sorted(
        {(despesa_vedada(c), CATEGORIAS_DESPESA[c][1]) for c in categorias if despesa_vedada(c)},
        key=lambda t: _ROMANOS.index(t[0]),
    )
    if vedadas:
        return Resultado(
            "Despesas vedadas",
            NAO_ATENDE,
            artigo,
            "Despesas vedadas: " + "; ".join(f"{d} (inciso {i})" for i, d in vedadas) + ".",
        )
    texto = (
        "A despesa cadastrada não é vedada."
        if len(categorias) == 1
        else f"Nenhuma das {len(categorias)} despesas é vedada."
    )
    return Resultado("Despesas vedadas", ATENDE, artigo, texto)


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
        raise ErroValidacao(Problema("natureza da atividade", f"“{natureza}” não está no Anexo I"))
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
        raise ErroValidacao(Problema("tipo de proponente", f"“{tipo_proponente}” não é um tipo conhecido"))
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
        2: "obras no prazo, com até um aditivo de prazo",
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
    nota: int
    faixa: str


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


def nota_obras(atraso_pct: Decimal, aditivos: int) -> Nota:
    """Portaria 206/2008, Anexo II, item 4, i): mais de 60% das obras em atraso ou mais de
    três aditivos de prazo → 0; de 30% a 60% em atraso, ou até três aditivos → 1; obras no
    prazo com (até) um aditivo → 2. O Anexo não cobre atraso entre 0% e 30%: leitura
    adotada — só obras sem atraso e com até um aditivo recebem 2; o resto, 1."""
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
    return Nota(nota, ESCALAS_QUALITATIVAS["i"][nota])


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
                problemas.append(Problema(rotulo_criterio(c), f"UF {uf}: valor “{v}” não é número"))
                continue
            if c in CRITERIOS_QUALITATIVOS and d not in (0, 1, 2):
                problemas.append(Problema(rotulo_criterio(c), f"UF {uf}: a nota deve ser 0, 1 ou 2 (recebido {v})"))
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
