"""Regras puras dos fluxos de recursos (dominio/recursos/regras.py), nos limites exatos.

Cada teste cita a norma que prova. Nenhuma regra lê o relógio: a data de hoje é sempre
passada (HOJE fixo)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from dominio.recursos import regras as r
from models.recursos import (
    ETAPAS,
    ORIGENS_JUDICIAIS,
    ORIGENS_RES_CONJUNTA_10,
    TIPOS_ORIGEM,
)

HOJE = date(2025, 6, 30)
# histórico como o da referência (services/recursos_regras.SALARIOS_MINIMOS_INICIAIS)
HISTORICO = [(inicio, valor) for inicio, valor, _ in r.SALARIOS_MINIMOS_INICIAIS]
TODAS = {
    "data_potencial": date(2024, 1, 10),
    "data_destinacao": date(2024, 2, 10),
    "data_transferencia": date(2024, 3, 10),
    "data_aplicacao": date(2024, 4, 10),
}


def datas(**kw) -> dict[str, date | None]:
    base = dict.fromkeys(r.COLUNA_DATA_ETAPA.values())
    base.update(kw)
    return base


def ate(etapa: str) -> dict[str, date | None]:
    """As datas de TODAS até `etapa` (inclusive); as seguintes ficam vazias."""
    i = r.ORDEM_ETAPAS.index(etapa)
    return datas(**{r.COLUNA_DATA_ETAPA[e]: TODAS[r.COLUNA_DATA_ETAPA[e]] for e in r.ORDEM_ETAPAS[: i + 1]})


def campos(problemas) -> list[str]:
    return [c for c, _ in problemas]


# --- origem judicial: número do processo -----------------------------------------------------


@pytest.mark.parametrize("tipo", list(TIPOS_ORIGEM))
def test_exige_processo_so_para_origens_judiciais(tipo):
    """Res. CNJ 558/2024 (prestação pecuniária) e CPP arts. 76 e 89 (transação penal, suspensão
    condicional do processo): valor decidido em processo traz o número único (Res. CNJ 65/2008).
    ANPP (CPP art. 28-A), TAC, FUNPEN, orçamento, doação e convênio não o exigem."""
    esperado = tipo in ("prestacao_pecuniaria", "transacao_penal", "suspensao_condicional")
    assert r.exige_processo(tipo) is esperado
    assert set(ORIGENS_JUDICIAIS) == {"prestacao_pecuniaria", "transacao_penal", "suspensao_condicional"}


# --- Res. Conjunta CNJ/CNMP 10/2024, art. 6º: justificativa da destinação ----------------------


@pytest.mark.parametrize("tipo", list(TIPOS_ORIGEM))
@pytest.mark.parametrize("etapa", list(ETAPAS))
def test_exige_justificativa_por_origem_e_etapa(tipo, etapa):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 6º: a destinação de TAC, multas e danos morais
    coletivos exige justificativa escrita — a partir de "destinado" (o potencial ainda não foi
    destinado); as demais origens não estão sujeitas à resolução conjunta."""
    esperado = tipo in ("tac", "multa_dano_moral") and etapa != "potencial"
    assert r.exige_justificativa(tipo, etapa) is esperado
    assert set(ORIGENS_RES_CONJUNTA_10) == {"tac", "multa_dano_moral"}


# --- etapas e datas (potencial → destinado → transferido → aplicado) ---------------------------


@pytest.mark.parametrize("etapa", list(ETAPAS))
def test_etapas_com_todas_as_datas_coerentes_nao_tem_problemas(etapa):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14 (rastreabilidade do valor destinado, transferido e
    aplicado): cada etapa alcançada tem data, em ordem, até hoje."""
    assert r.problemas_das_etapas(etapa, ate(etapa), HOJE) == []


def test_potencial_nao_exige_data_nem_como_etapa_anterior():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: o mapeamento do potencial é anterior à decisão e
    pode não ter data; um valor já destinado também pode não ter passado pelo mapeamento."""
    assert r.problemas_das_etapas("potencial", datas(), HOJE) == []
    sem_potencial = ate("aplicado") | {"data_potencial": None}
    assert r.problemas_das_etapas("aplicado", sem_potencial, HOJE) == []


@pytest.mark.parametrize(
    ("etapa", "falta", "campo"),
    [
        ("destinado", "data_destinacao", "data — destinado"),
        ("transferido", "data_transferencia", "data — transferido"),
        ("transferido", "data_destinacao", "data — destinado"),
        ("aplicado", "data_aplicacao", "data — aplicado"),
        ("aplicado", "data_transferencia", "data — transferido"),
        ("aplicado", "data_destinacao", "data — destinado"),
    ],
)
def test_cada_etapa_exige_a_propria_data_e_as_anteriores(etapa, falta, campo):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: a prestação de contas informa o valor destinado,
    o transferido e o aplicado; cada etapa alcançada precisa da sua data e das anteriores
    (exceto a do potencial)."""
    d = ate(etapa) | {falta: None}
    p = r.problemas_das_etapas(etapa, d, HOJE)
    assert p == [(campo, f"a etapa “{ETAPAS[etapa]}” exige esta data")]


def test_etapa_sem_nenhuma_data_lista_todas_as_que_faltam():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: todas as datas das etapas alcançadas."""
    assert campos(r.problemas_das_etapas("aplicado", datas(), HOJE)) == [
        "data — destinado",
        "data — transferido",
        "data — aplicado",
    ]


@pytest.mark.parametrize(
    ("etapa", "sobrando", "campo"),
    [
        ("potencial", "data_destinacao", "data — destinado"),
        ("destinado", "data_transferencia", "data — transferido"),
        ("transferido", "data_aplicacao", "data — aplicado"),
        ("potencial", "data_aplicacao", "data — aplicado"),
    ],
)
def test_data_de_etapa_nao_alcancada_e_recusada(etapa, sobrando, campo):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: não se informa transferência ou aplicação de um
    valor que ainda não chegou a essa etapa."""
    d = ate(etapa) | {sobrando: TODAS["data_aplicacao"]}
    rotulo = campo.removeprefix("data — ").capitalize()
    assert r.problemas_das_etapas(etapa, d, HOJE) == [(campo, f"a etapa “{rotulo}” ainda não foi alcançada")]


def test_datas_nao_andam_para_tras_mas_podem_repetir():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: destinação, transferência e aplicação ocorrem
    nessa ordem; no mesmo dia é possível."""
    mesmo_dia = datas(
        data_potencial=date(2024, 5, 2),
        data_destinacao=date(2024, 5, 2),
        data_transferencia=date(2024, 5, 2),
        data_aplicacao=date(2024, 5, 2),
    )
    assert r.problemas_das_etapas("aplicado", mesmo_dia, HOJE) == []
    para_tras = ate("aplicado") | {"data_transferencia": date(2024, 2, 9)}  # um dia antes da destinação
    p = r.problemas_das_etapas("aplicado", para_tras, HOJE)
    assert p == [("data — transferido", "09/02/2024 é anterior à data de “Destinado” (10/02/2024)")]


def test_ordem_conferida_mesmo_sem_a_data_intermediaria():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: a aplicação não pode ser anterior à destinação
    (a comparação pula a data potencial ausente)."""
    d = datas(data_destinacao=date(2024, 3, 1), data_transferencia=date(2024, 3, 5), data_aplicacao=date(2024, 3, 4))
    assert campos(r.problemas_das_etapas("aplicado", d, HOJE)) == ["data — aplicado"]
    d = datas(data_potencial=date(2024, 3, 2), data_destinacao=date(2024, 3, 1))
    assert campos(r.problemas_das_etapas("destinado", d, HOJE)) == ["data — destinado"]


@pytest.mark.parametrize("coluna", list(r.COLUNA_DATA_ETAPA.values()))
def test_data_no_futuro_e_recusada_hoje_e_aceita(coluna):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: registra-se o que já aconteceu — hoje é aceito,
    amanhã não."""
    d = datas(**{c: HOJE for c in r.COLUNA_DATA_ETAPA.values()})
    assert r.problemas_das_etapas("aplicado", d, HOJE) == []
    d[coluna] = HOJE + timedelta(days=1)
    p = r.problemas_das_etapas("aplicado", d, HOJE)
    etapa = next(e for e, c in r.COLUNA_DATA_ETAPA.items() if c == coluna)
    assert (f"data — {ETAPAS[etapa].lower()}", "a data 01/07/2025 está no futuro") in p


def test_etapa_invalida():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: só as quatro etapas do fluxo."""
    assert r.problemas_das_etapas("pago", datas(), HOJE) == [
        ("etapa", "“pago” não é válida; use Potencial, Destinado, Transferido, Aplicado")
    ]


# --- data de referência ---------------------------------------------------------------------


def test_data_referencia_e_a_da_etapa_mais_avancada_com_data():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: as séries mostram o valor na etapa mais avançada."""
    assert r.data_referencia(ate("aplicado")) == TODAS["data_aplicacao"]
    assert r.data_referencia(ate("transferido")) == TODAS["data_transferencia"]
    assert r.data_referencia(ate("destinado")) == TODAS["data_destinacao"]
    assert r.data_referencia(ate("potencial")) == TODAS["data_potencial"]
    assert r.data_referencia(datas(data_potencial=date(2024, 1, 1), data_transferencia=date(2024, 6, 1))) == date(
        2024, 6, 1
    )
    assert r.data_referencia(datas()) is None
    assert r.data_referencia({}) is None


# --- salário mínimo e procedimento simplificado -----------------------------------------------


def test_salario_minimo_em_vigor_muda_no_dia_da_vigencia():
    """Res. Conjunta CNJ/CNMP 10/2024 (procedimento simplificado até 30 salários mínimos): vale o
    salário mínimo em vigor na data — Lei 14.663/2023 a partir de 01/05/2023; Decreto
    11.864/2023 a partir de 01/01/2024."""
    assert r.salario_minimo_em(date(2023, 4, 30), HISTORICO) == D("1302.00")
    assert r.salario_minimo_em(date(2023, 5, 1), HISTORICO) == D("1320.00")
    assert r.salario_minimo_em(date(2023, 12, 31), HISTORICO) == D("1320.00")
    assert r.salario_minimo_em(date(2024, 1, 1), HISTORICO) == D("1412.00")
    assert r.salario_minimo_em(date(2030, 1, 1), HISTORICO) == D("1518.00")
    assert r.salario_minimo_em(date(2022, 12, 31), HISTORICO) is None
    assert r.salario_minimo_em(date(2024, 1, 1), []) is None
    assert r.salario_minimo_em(date(2024, 1, 1), list(reversed(HISTORICO))) == D("1412.00")  # ordem indiferente


@pytest.mark.parametrize(
    ("valor", "d", "esperado"),
    [
        (D("42360.00"), date(2024, 6, 1), "simplificado"),  # exatamente 30 × 1.412,00
        (D("42360.01"), date(2024, 6, 1), "completo"),
        (D("0.01"), date(2024, 6, 1), "simplificado"),
        (D("39600.00"), date(2023, 12, 31), "simplificado"),  # 30 × 1.320,00
        (D("39600.01"), date(2023, 12, 31), "completo"),
        (D("42360.00"), date(2023, 12, 31), "completo"),  # a mesma quantia, com o salário mínimo anterior
        (D("39060.00"), date(2023, 4, 30), "simplificado"),  # 30 × 1.302,00
        (D("39060.01"), date(2023, 4, 30), "completo"),
        (D("45540.00"), date(2025, 1, 1), "simplificado"),  # 30 × 1.518,00, no dia da vigência
        (D("45540.01"), date(2025, 1, 1), "completo"),
    ],
)
def test_procedimento_simplificado_ate_30_salarios_minimos(valor, d, esperado):
    """Res. Conjunta CNJ/CNMP 10/2024: procedimento simplificado de prestação de contas para
    valores de até 30 salários mínimos (inclusive); um centavo acima, o completo do art. 14."""
    assert r.procedimento_prestacao(valor, d, HISTORICO) == esperado


def test_procedimento_a_verificar_sem_salario_minimo():
    """Res. Conjunta CNJ/CNMP 10/2024: sem o salário mínimo da data não se sabe o procedimento —
    "a verificar", nunca um palpite."""
    assert r.procedimento_prestacao(D("100.00"), date(2024, 6, 1), []) == "a verificar"
    assert r.procedimento_prestacao(D("100.00"), date(2022, 12, 31), HISTORICO) == "a verificar"


# --- situação da prestação de contas ---------------------------------------------------------

PRAZO = date(2025, 3, 31)


@pytest.mark.parametrize(
    ("hoje", "esperado"),
    [
        (PRAZO + timedelta(days=1), "vencida"),
        (PRAZO + timedelta(days=400), "vencida"),
        (PRAZO, "a vencer"),  # o próprio dia do prazo ainda não venceu
        (PRAZO - timedelta(days=1), "a vencer"),
        (PRAZO - timedelta(days=30), "a vencer"),
        (PRAZO - timedelta(days=31), "no prazo"),
        (PRAZO - timedelta(days=365), "no prazo"),
    ],
)
def test_situacao_da_prestacao_pendente_nos_limites(hoje, esperado):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: prestação devida e não apresentada fica vencida
    no dia seguinte ao prazo; nos 30 dias anteriores (inclusive o dia do prazo), a vencer."""
    assert r.situacao_prestacao(status="pendente", prazo=PRAZO, hoje=hoje) == esperado


def test_situacao_com_janela_configurada():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: a janela de alerta é parâmetro (30 dias por padrão)."""
    assert (
        r.situacao_prestacao(status="pendente", prazo=PRAZO, hoje=PRAZO - timedelta(days=7), janela_dias=7)
        == "a vencer"
    )
    assert (
        r.situacao_prestacao(status="pendente", prazo=PRAZO, hoje=PRAZO - timedelta(days=8), janela_dias=7)
        == "no prazo"
    )


@pytest.mark.parametrize("status", ["apresentada", "aprovada", "rejeitada"])
def test_prestacao_entregue_nao_vence(status):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: apresentada a prestação, o prazo não importa mais."""
    assert r.situacao_prestacao(status=status, prazo=PRAZO, hoje=PRAZO + timedelta(days=100)) == "entregue"
    assert r.situacao_prestacao(status=status, prazo=None, hoje=HOJE) == "entregue"


def test_prestacao_nao_exigida_e_sem_prazo():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: sem prestação devida não há prazo; pendente sem
    prazo é mostrada como tal, não como vencida."""
    assert r.situacao_prestacao(status="nao_exigida", prazo=PRAZO, hoje=PRAZO + timedelta(days=1)) == "não exigida"
    assert r.situacao_prestacao(status="pendente", prazo=None, hoje=HOJE) == "sem prazo"


def test_prazo_padrao_conta_dias_corridos_da_transferencia():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14 (prazo fixado no instrumento; o sistema sugere
    PRAZO_PRESTACAO_DIAS corridos da transferência)."""
    assert r.prazo_padrao_prestacao(date(2024, 12, 1), 90) == date(2025, 3, 1)
    assert r.prazo_padrao_prestacao(date(2024, 2, 29), 1) == date(2024, 3, 1)
    assert r.prazo_padrao_prestacao(None, 90) is None


# --- chave natural (importação sem repetição) --------------------------------------------------

BASE = r.ChaveFluxo(
    tipo_origem="prestacao_pecuniaria",
    orgao_origem="TJRJ — Comarca da Capital — VEP",
    uf_origem="RJ",
    processo="0058967-77.2016.8.19.0000",
    destino="fundo:25",
    valor=D("12345.67"),
    data_inicial=date(2024, 3, 10),
)


def _com(**kw) -> r.ChaveFluxo:
    return r.ChaveFluxo(**(BASE.__dict__ | kw))


def test_chave_natural_estavel_a_espacos_e_caixa():
    """Res. CNJ 65/2008 (número único) e Res. Conjunta CNJ/CNMP 10/2024, art. 14 (um valor, uma
    prestação): a mesma linha, digitada com outros espaços ou caixa, é o mesmo fluxo."""
    k = r.chave_natural(BASE)
    assert len(k) == 64 and all(c in "0123456789abcdef" for c in k)  # cabe na coluna (64)
    assert r.chave_natural(BASE) == k
    assert r.chave_natural(_com(orgao_origem="  tjrj —   comarca da CAPITAL —\tVEP ")) == k
    assert r.chave_natural(_com(uf_origem="rj")) == k
    assert r.chave_natural(_com(destino="FUNDO:25")) == k
    assert r.chave_natural(_com(valor=D("12345.670"))) == k  # mesmo valor em centavos


@pytest.mark.parametrize(
    "mudanca",
    [
        {"valor": D("12345.68")},
        {"valor": D("12345.66")},
        {"data_inicial": date(2024, 3, 11)},
        {"data_inicial": None},
        {"processo": None},
        {"processo": "0058967-77.2016.8.19.0001"},
        {"destino": "fundo:24"},
        {"destino": "escritorio:25"},
        {"uf_origem": "SP"},
        {"tipo_origem": "anpp"},
        {"orgao_origem": "TJRJ — Comarca de Niterói — VEP"},
    ],
    ids=lambda m: next(iter(m)),
)
def test_chave_natural_muda_com_outro_valor_data_ou_destino(mudanca):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: valores diferentes (outro centavo, outra data,
    outro destino, outro processo) são fluxos distintos e não podem ser confundidos."""
    assert r.chave_natural(_com(**mudanca)) != r.chave_natural(BASE)


# --- regras de um fluxo, as mesmas do formulário e da importação --------------------------------


def test_res_cnj_65_2008_art1_conferir_processo():
    """Res. CNJ 65/2008, art. 1º: número único formatado; dígitos verificadores conferidos; e
    Res. CNJ 558/2024 / CPP arts. 76 e 89: obrigatório só nas origens judiciais."""
    assert r.conferir_processo("anpp", " 00589677720168190000 ") == ("0058967-77.2016.8.19.0000", None)
    assert r.conferir_processo("anpp", "0058967-78.2016.8.19.0000")[1].endswith("dígitos verificadores não conferem")
    assert r.conferir_processo("prestacao_pecuniaria", "  ") == (None, r.PROCESSO_OBRIGATORIO)
    assert r.conferir_processo("anpp", None) == (None, None)
    assert r.conferir_processo("", None) == (None, None)  # origem inválida: o problema é a origem


def test_cf_art18_conferir_uf():
    """Constituição Federal, art. 18: a UF é uma das unidades da Federação do cadastro."""
    assert r.conferir_uf(" rj ", {"RJ", "SP"}) == ("RJ", None)
    assert r.conferir_uf("XX", {"RJ"}) == ("XX", "UF “XX” não existe")
    for vazia in (None, "", "  "):  # em branco: pede a sigla, em vez de dizer que a UF “” não existe
        assert r.conferir_uf(vazia, {"RJ"}) == ("", "informe a sigla da UF (ex.: SP)")


def test_res_conjunta_10_2024_art14_conferir_orgao():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: o fluxo identifica quem decidiu (órgão de origem)."""
    assert r.conferir_orgao("  TJRJ   —  VEP ") == ("TJRJ — VEP", None)
    assert r.conferir_orgao(" \t ")[1].startswith("informe o tribunal")


@pytest.mark.parametrize(
    ("valor", "mensagem"),
    [
        (D("0.01"), None),
        (D("999999999999.99"), None),
        (None, "informe o valor"),
        (D("0"), "deve ser maior que zero"),
        (D("-1"), "deve ser maior que zero"),
        (D("Infinity"), "deve ser maior que zero"),
        (D("NaN"), "informe um número (ex.: 1.234,56)"),
        (10, "informe um número (ex.: 1.234,56)"),
        (D("1000000000000.00"), "acima do máximo aceito (R$ 999.999.999.999,99); confira os dígitos"),
        (D("1.005"), "tem mais de duas casas decimais"),
    ],
)
def test_lei_9069_1995_art1_valor_em_reais_e_centavos(valor, mensagem):
    """Lei 9.069/1995, art. 1º: valor em reais, exato ao centavo, maior que zero, nos limites."""
    assert r.problema_valor(valor) == mensagem


def test_res_conjunta_10_2024_art14_valor_aplicado():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: valor aplicado entre zero e o valor do fluxo."""
    assert r.problema_valor_aplicado(None, D("10")) is None
    assert r.problema_valor_aplicado(D("10"), D("10")) is None
    assert r.problema_valor_aplicado(D("0"), D("10")) is None
    assert r.problema_valor_aplicado(D("-0.01"), D("10")) == "não pode ser negativo"
    assert r.problema_valor_aplicado(D("10.01"), D("10")) == "é maior que o valor do fluxo"
    assert r.problema_valor_aplicado(D("10.01"), D("NaN")) is None  # o problema é o valor do fluxo


def test_res_conjunta_10_2024_art14_cnpj_do_destino():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: projeto ou entidade identificado pelo CNPJ válido."""
    assert r.conferir_cnpj_destino("projeto", "11.222.333/0001-81") == ("11222333000181", None)
    assert r.conferir_cnpj_destino("projeto", "") == (None, "obrigatório para projeto ou entidade")
    assert r.conferir_cnpj_destino("fundo", None) == (None, None)
    assert "dígitos verificadores não conferem" in r.conferir_cnpj_destino("fundo", "11.222.333/0001-82")[1]


@pytest.mark.parametrize("tipo", list(TIPOS_ORIGEM))
@pytest.mark.parametrize("etapa", list(ETAPAS))
def test_res_conjunta_10_2024_art6_justificativa(tipo, etapa):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 6º: sem justificativa, só TAC e multa/dano moral
    coletivo a partir de "destinado" são recusados; com justificativa, nenhum."""
    esperado = tipo in ORIGENS_RES_CONJUNTA_10 and etapa != "potencial"
    assert (r.problema_justificativa(tipo, etapa, "") is not None) == esperado
    assert r.problema_justificativa(tipo, etapa, "Termo de destinação nº 1") is None


def test_res_conjunta_10_2024_art14_prestacao_apresentada():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: a prestação apresentada tem data e valor aplicado."""
    assert r.problemas_prestacao("pendente", None, None) == []
    assert r.problemas_prestacao("aprovada", date(2024, 9, 1), D("1")) == []
    assert r.problemas_prestacao("apresentada", None, None) == [
        ("data da prestação de contas", "informe quando foi apresentada"),
        ("valor aplicado", "a prestação de contas informa o valor efetivamente aplicado (art. 14)"),
    ]
    assert r.problemas_prestacao("paga", None, None) == [("situação da prestação de contas", "“paga” não é válida")]


def test_res_conjunta_10_2024_art14_comprovante_de_publicidade():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: o comprovante de publicidade é um endereço http(s)."""
    assert r.problema_comprovante(None) is None
    assert r.problema_comprovante(" HTTPS://tjrj.jus.br/x") is None
    assert r.problema_comprovante("tjrj.jus.br/x") == "informe o endereço (http/https) onde a prestação foi publicada"


def test_cf_art7_iv_salario_minimo_em_vigor():
    """Constituição Federal, art. 7º, IV: o salário mínimo da data é o da última vigência iniciada."""
    assert r.salario_minimo_em(date(2024, 12, 31), HISTORICO) == D("1412.00")
    assert r.salario_minimo_em(date(2025, 1, 1), HISTORICO) == D("1518.00")
    assert r.salario_minimo_em(date(2022, 12, 31), HISTORICO) is None
