"""Regras de prazo e de progresso do Plano de Trabalho (dominio/plano/regras.py), como
funções puras: sem banco e sempre com a data de hoje fixa, injetada no argumento.

Cada teste de regra cita, na docstring, a cláusula ou o item do Plano de Trabalho (ou o
artigo de lei) que a regra aplica, como a função correspondente."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dominio.plano import regras

ASSINATURA = date(2023, 11, 14)  # ACT CNJ–CNMP nº 22/2023
INICIO_ANO_1 = date(2023, 11, 1)  # Mês 1 do ano 1 do plano = mês da assinatura


# --- contagem de meses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inicio", "meses", "esperado"),
    [
        (date(2023, 11, 14), 24, date(2025, 11, 14)),  # a vigência do acordo
        (date(2023, 11, 14), 1, date(2023, 12, 14)),
        (date(2023, 11, 14), 2, date(2024, 1, 14)),  # vira o ano
        (date(2023, 12, 31), 1, date(2024, 1, 31)),  # vira o ano com dia 31
        (date(2023, 11, 1), 12, date(2024, 11, 1)),
        (date(2024, 2, 29), 12, date(2025, 3, 1)),  # 29/02 sem correspondente: o dia imediato
        (date(2024, 2, 29), 48, date(2028, 2, 29)),  # e com correspondente quatro anos depois
        (date(2023, 11, 14), 0, date(2023, 11, 14)),
        (date(2024, 1, 14), -2, date(2023, 11, 14)),  # para trás, voltando o ano
    ],
)
def test_somar_meses_mesmo_dia_do_mes_de_chegada(inicio, meses, esperado):
    """CC art. 132 § 3º: os prazos de meses expiram no dia de igual número do de início."""
    assert regras.somar_meses(inicio, meses) == esperado


@pytest.mark.parametrize(
    ("inicio", "esperado"),
    [
        (date(2024, 1, 31), date(2024, 3, 1)),  # fevereiro de ano bissexto não tem 31: vale 01/03
        (date(2023, 1, 31), date(2023, 3, 1)),  # nem de ano comum
        (date(2023, 1, 29), date(2023, 3, 1)),  # 2023 não tem 29/02
        (date(2024, 1, 29), date(2024, 2, 29)),  # 2024 tem
        (date(2024, 3, 31), date(2024, 5, 1)),
        (date(2024, 1, 30), date(2024, 3, 1)),
    ],
)
def test_somar_meses_sem_dia_correspondente_vence_no_dia_imediato(inicio, esperado):
    """CC art. 132 § 3º ("ou no imediato, se faltar exata correspondência") e Lei 810/1949,
    art. 3º: sem o dia de igual número no mês de chegada, o prazo vence no dia seguinte ao
    último dia desse mês, o primeiro do mês subsequente."""
    assert regras.somar_meses(inicio, 1) == esperado


# --- meses do plano ---------------------------------------------------------------------------


def test_meses_do_plano_a_partir_de_novembro_de_2023():
    """Plano de Trabalho, item 6: o cronograma corre do Mês 1 ao Mês 12; o Mês 1 é o mês da
    assinatura (11/2023), e o ano atravessa a virada do calendário."""
    assert regras.inicio_do_mes(INICIO_ANO_1, 1) == date(2023, 11, 1)
    assert regras.fim_do_mes(INICIO_ANO_1, 1) == date(2023, 11, 30)
    assert regras.inicio_do_mes(INICIO_ANO_1, 2) == date(2023, 12, 1)
    assert regras.fim_do_mes(INICIO_ANO_1, 2) == date(2023, 12, 31)
    assert regras.inicio_do_mes(INICIO_ANO_1, 3) == date(2024, 1, 1)
    assert regras.fim_do_mes(INICIO_ANO_1, 3) == date(2024, 1, 31)
    assert regras.fim_do_mes(INICIO_ANO_1, 4) == date(2024, 2, 29)  # 2024 é bissexto
    assert regras.inicio_do_mes(INICIO_ANO_1, 12) == date(2024, 10, 1)
    assert regras.fim_do_mes(INICIO_ANO_1, 12) == date(2024, 10, 31)


def test_inicio_do_plano_no_meio_do_mes_conta_o_mes_inteiro():
    """Plano de Trabalho, item 6: um plano iniciado em 14/11/2023 tem o Mês 1 = 11/2023 inteiro."""
    assert regras.inicio_do_mes(ASSINATURA, 1) == date(2023, 11, 1)
    assert regras.fim_do_mes(ASSINATURA, 12) == date(2024, 10, 31)


@pytest.mark.parametrize(
    ("hoje", "mes"),
    [
        (date(2023, 10, 31), None),  # antes do ano do plano
        (date(2023, 11, 1), 1),
        (date(2023, 11, 30), 1),
        (date(2023, 12, 1), 2),
        (date(2024, 1, 1), 3),
        (date(2024, 1, 31), 3),
        (date(2024, 2, 29), 4),
        (date(2024, 10, 31), 12),
        (date(2024, 11, 1), None),  # já é o ano seguinte
    ],
)
def test_mes_corrente(hoje, mes):
    """Plano de Trabalho, item 6: em que Mês (1–12) do cronograma cai a data de hoje."""
    assert regras.mes_corrente(INICIO_ANO_1, hoje) == mes


def test_posicao_de_hoje_fora_do_ano_e_none():
    """Plano de Trabalho, item 6: a linha de hoje só aparece no Gantt dentro do ano do plano."""
    assert regras.posicao_de_hoje(INICIO_ANO_1, date(2023, 10, 31)) is None
    assert regras.posicao_de_hoje(INICIO_ANO_1, date(2024, 11, 1)) is None
    assert regras.posicao_de_hoje(INICIO_ANO_1, date(2030, 1, 1)) is None


@pytest.mark.parametrize(
    ("mes", "primeiro_dia"),
    [(1, date(2023, 11, 1)), (3, date(2024, 1, 1)), (4, date(2024, 2, 1)), (12, date(2024, 10, 1))],
)
def test_posicao_de_hoje_fica_na_faixa_do_mes_e_cresce(mes, primeiro_dia):
    """Plano de Trabalho, item 6: no eixo do Gantt o Mês n ocupa [n − 0,5; n + 0,5]; a
    posição de hoje cresce dia a dia dentro do mês e fica sempre nessa faixa."""
    ultimo = regras.fim_do_mes(INICIO_ANO_1, mes)
    dias = [primeiro_dia + timedelta(days=i) for i in range((ultimo - primeiro_dia).days + 1)]
    posicoes = [regras.posicao_de_hoje(INICIO_ANO_1, d) for d in dias]
    assert all(mes - 0.5 <= p <= mes + 0.5 for p in posicoes)
    assert all(a < b for a, b in zip(posicoes, posicoes[1:]))
    # o meio do mês fica perto do centro da barra
    assert posicoes[len(posicoes) // 2] == pytest.approx(mes, abs=0.05)
    # e o dia seguinte ao último já está na faixa do mês seguinte (ou fora do ano)
    seguinte = regras.posicao_de_hoje(INICIO_ANO_1, ultimo + timedelta(days=1))
    assert seguinte is None if mes == 12 else seguinte > posicoes[-1]


# --- situação de prazo das atividades ---------------------------------------------------------


def _sit(status="em_andamento", previstos=(2, 3, 4), executados=(2,), hoje=date(2024, 1, 15)) -> regras.SituacaoPrazo:
    return regras.situacao_atividade(
        status=status,
        meses_previstos=list(previstos),
        meses_executados=list(executados),
        inicio_plano=INICIO_ANO_1,
        hoje=hoje,
    )


@pytest.mark.parametrize("status", ["concluida", "cancelada"])
def test_concluida_e_cancelada_nunca_atrasam(status):
    """Plano de Trabalho, item 6: atividade concluída ou cancelada nunca está atrasada,
    mesmo depois do fim do último mês previsto e sem nenhum mês executado."""
    sit = _sit(status=status, previstos=[1, 2], executados=[], hoje=date(2025, 6, 1))
    assert sit == regras.SituacaoPrazo(False, "")


def test_marcada_como_atrasada_esta_atrasada():
    """Plano de Trabalho, item 6: a atividade marcada como atrasada está atrasada, ainda que
    esteja dentro dos meses previstos (ou nem tenha meses previstos)."""
    assert _sit(status="atrasada", previstos=[3, 4], executados=[3], hoje=date(2024, 1, 2)) == regras.SituacaoPrazo(
        True, "marcada como atrasada"
    )
    assert _sit(status="atrasada", previstos=[], executados=[]).atrasada is True


def test_ultimo_mes_previsto_terminou_sem_conclusao():
    """Plano de Trabalho, item 6: terminou o último mês previsto sem conclusão → atrasada.
    No último dia do último mês ainda não está; no dia seguinte, está."""
    # previstos 2–4: o Mês 4 é 02/2024, que termina em 29/02/2024 (bissexto)
    no_ultimo_dia = _sit(previstos=[4, 2, 3], executados=[2, 3], hoje=date(2024, 2, 29))
    assert no_ultimo_dia.atrasada is False
    no_dia_seguinte = _sit(previstos=[4, 2, 3], executados=[2, 3], hoje=date(2024, 3, 1))
    assert no_dia_seguinte.atrasada is True
    assert no_dia_seguinte.motivo == "o último mês previsto (Mês 4, até 29/02/2024) terminou sem conclusão"


def test_nao_iniciada_depois_do_fim_tambem_atrasa_pelo_ultimo_mes():
    """Plano de Trabalho, item 6: passado o último mês previsto, o motivo é o fim do prazo."""
    sit = _sit(status="nao_iniciada", previstos=[2], executados=[], hoje=date(2024, 1, 1))
    assert sit.atrasada is True
    assert "Mês 2, até 31/12/2023" in sit.motivo


def test_nao_iniciada_depois_do_inicio_do_primeiro_mes():
    """Plano de Trabalho, item 6: começou o primeiro mês previsto e a atividade segue não
    iniciada, sem mês executado → atrasada, já no primeiro dia do mês; na véspera, não."""
    vespera = _sit(status="nao_iniciada", previstos=[3, 4, 5], executados=[], hoje=date(2023, 12, 31))
    assert vespera.atrasada is False
    primeiro_dia = _sit(status="nao_iniciada", previstos=[5, 3, 4], executados=[], hoje=date(2024, 1, 1))
    assert primeiro_dia.atrasada is True
    assert primeiro_dia.motivo == "deveria ter começado no Mês 3 (01/2024) e não foi iniciada"


def test_nao_iniciada_com_mes_executado_nao_conta_como_nao_comecada():
    """Plano de Trabalho, item 6: a regra do primeiro mês só vale sem nenhum mês executado."""
    assert _sit(status="nao_iniciada", previstos=[3, 4, 5], executados=[3], hoje=date(2024, 1, 10)).atrasada is False


def test_em_andamento_antes_do_fim_nao_atrasa():
    """Plano de Trabalho, item 6: em andamento, dentro dos meses previstos, não está atrasada —
    nem mesmo sem mês executado (a regra do primeiro mês é só para as não iniciadas)."""
    assert _sit(
        status="em_andamento", previstos=[2, 3, 4], executados=[], hoje=date(2024, 2, 1)
    ) == regras.SituacaoPrazo(False)
    assert _sit(
        status="em_andamento", previstos=[2, 3, 4], executados=[2, 3], hoje=date(2024, 2, 29)
    ) == regras.SituacaoPrazo(False)


@pytest.mark.parametrize("status", ["nao_iniciada", "em_andamento"])
def test_sem_meses_previstos_nao_atrasa(status):
    """Plano de Trabalho, item 6: sem meses previstos no cronograma não há prazo a vencer."""
    assert _sit(status=status, previstos=[], executados=[], hoje=date(2026, 1, 1)) == regras.SituacaoPrazo(False)


def test_motivo_do_atraso_em_pt_br_com_o_mes_e_a_data():
    """Plano de Trabalho, item 6: o motivo mostrado na tela diz o Mês do cronograma e a data
    no formato brasileiro."""
    sit = regras.situacao_atividade(
        status="em_andamento",
        meses_previstos=[11, 12],
        meses_executados=[11],
        inicio_plano=date(2024, 11, 1),
        hoje=date(2025, 11, 3),
    )
    assert sit.atrasada
    assert sit.motivo == "o último mês previsto (Mês 12, até 31/10/2025) terminou sem conclusão"


# --- progresso das metas ----------------------------------------------------------------------


def test_progresso_e_a_media_dos_percentuais():
    """Plano de Trabalho, item 4: o progresso da meta é a média do % executado das atividades
    vinculadas."""
    assert regras.progresso_meta([("concluida", 100), ("em_andamento", 50), ("nao_iniciada", 0)]) == 50.0
    assert regras.progresso_meta([("em_andamento", 40)]) == 40.0


def test_progresso_ignora_canceladas():
    """Plano de Trabalho, item 4: atividades canceladas não entram na média."""
    assert regras.progresso_meta([("concluida", 100), ("cancelada", 0), ("em_andamento", 60)]) == 80.0
    assert regras.progresso_meta([("cancelada", 100), ("nao_iniciada", 0)]) == 0.0


def test_progresso_sem_atividades_que_contem_e_none():
    """Plano de Trabalho, item 4: sem atividade que conte, não há progresso (None, não 0%)."""
    assert regras.progresso_meta([]) is None
    assert regras.progresso_meta([("cancelada", 30), ("cancelada", 100)]) is None


def test_progresso_arredonda_para_uma_casa():
    """Plano de Trabalho, item 4: o progresso aparece com uma casa decimal."""
    assert regras.progresso_meta([("em_andamento", 10), ("em_andamento", 20), ("em_andamento", 20)]) == 16.7
    assert regras.progresso_meta([("em_andamento", 33), ("em_andamento", 33), ("em_andamento", 34)]) == 33.3
    assert regras.progresso_meta([("em_andamento", 1), ("nao_iniciada", 0), ("nao_iniciada", 0)]) == 0.3


# --- vigência (Cláusula 8ª) -------------------------------------------------------------------


def test_vigencia_original_de_24_meses():
    """Cláusula 8ª: vigência de 24 meses a contar da assinatura (14/11/2023) → 14/11/2025."""
    assert regras.fim_da_vigencia(ASSINATURA, 24, []) == date(2025, 11, 14)


def test_vigencia_prorrogada_vale_a_data_mais_distante():
    """Cláusula 8ª: prorrogável por Termo Aditivo; vale a data mais distante fixada."""
    assert regras.fim_da_vigencia(ASSINATURA, 24, [date(2027, 11, 14), date(2026, 5, 14)]) == date(2027, 11, 14)
    assert regras.fim_da_vigencia(ASSINATURA, 24, [date(2026, 5, 14)]) == date(2026, 5, 14)


def test_vigencia_ignora_termos_que_nao_prorrogam():
    """Cláusula 8ª: termos sem nova data de término (só alteram o plano) não mudam a vigência,
    e uma data anterior ao término original não o encurta."""
    assert regras.fim_da_vigencia(ASSINATURA, 24, [None, None]) == date(2025, 11, 14)
    assert regras.fim_da_vigencia(ASSINATURA, 24, [None, date(2026, 1, 31), None]) == date(2026, 1, 31)
    assert regras.fim_da_vigencia(ASSINATURA, 24, [date(2025, 1, 1)]) == date(2025, 11, 14)


# --- designação dos responsáveis (Cláusula 12ª) -----------------------------------------------

PRAZO_12 = date(2023, 12, 14)


def test_prazo_de_designacao_30_dias_corridos():
    """Cláusula 12ª: cada partícipe designa os responsáveis no prazo máximo de 30 dias da
    assinatura: 14/11/2023 + 30 dias = 14/12/2023."""
    assert regras.prazo_designacao(ASSINATURA) == PRAZO_12
    assert regras.prazo_designacao(ASSINATURA, 10) == date(2023, 11, 24)


def test_designacao_no_ultimo_dia_do_prazo_esta_no_prazo():
    """Cláusula 12ª: a designação feita no dia do prazo está no prazo; no dia seguinte, não."""
    no_dia = regras.situacao_designacao("cnj", [PRAZO_12], PRAZO_12, date(2024, 3, 1))
    assert (no_dia.no_prazo, no_dia.vencido, no_dia.designado_em) == (True, False, PRAZO_12)
    depois = regras.situacao_designacao("cnmp", [PRAZO_12 + timedelta(days=1)], PRAZO_12, date(2024, 3, 1))
    assert (depois.no_prazo, depois.vencido) == (False, False)
    assert depois.participe == "cnmp" and depois.prazo == PRAZO_12


def test_sem_designacao_vence_no_dia_seguinte_ao_prazo():
    """Cláusula 12ª: sem designação, o prazo está vencido só depois do dia do prazo."""
    antes = regras.situacao_designacao("cnj", [], PRAZO_12, date(2023, 12, 1))
    assert (antes.designado_em, antes.no_prazo, antes.vencido) == (None, None, False)
    no_dia = regras.situacao_designacao("cnj", [], PRAZO_12, PRAZO_12)
    assert no_dia.vencido is False
    depois = regras.situacao_designacao("cnj", [], PRAZO_12, PRAZO_12 + timedelta(days=1))
    assert (depois.no_prazo, depois.vencido) == (None, True)


def test_vale_a_primeira_designacao():
    """Cláusula 12ª: conta a primeira designação do partícipe; trocas posteriores do
    responsável não tornam a designação intempestiva."""
    sit = regras.situacao_designacao(
        "cnj", [date(2024, 6, 1), date(2023, 12, 5), date(2025, 1, 10)], PRAZO_12, date(2025, 2, 1)
    )
    assert sit.designado_em == date(2023, 12, 5)
    assert sit.no_prazo is True
    tardia = regras.situacao_designacao("cnj", [date(2024, 6, 1), date(2024, 1, 2)], PRAZO_12, date(2025, 2, 1))
    assert (tardia.designado_em, tardia.no_prazo) == (date(2024, 1, 2), False)


# --- alerta de fim de vigência ----------------------------------------------------------------


def test_vigencia_terminando_nos_ultimos_90_dias():
    """Cláusula 8ª: a prorrogação depende de Termo Aditivo; o alerta aparece quando faltam 90
    dias ou menos para o término (inclusive no último dia) e some depois do término."""
    fim = date(2025, 11, 14)
    assert regras.vigencia_terminando(fim, fim - timedelta(days=90)) is True
    assert regras.vigencia_terminando(fim, fim - timedelta(days=91)) is False
    assert regras.vigencia_terminando(fim, fim - timedelta(days=1)) is True
    assert regras.vigencia_terminando(fim, fim) is True
    assert regras.vigencia_terminando(fim, fim + timedelta(days=1)) is False
    assert regras.vigencia_terminando(fim, fim - timedelta(days=30), janela_dias=20) is False


# --- uma regra de atraso para todos os anos do plano --------------------------------------------


def test_ano_do_plano_que_nao_comecou_nao_tem_atividade_atrasada():
    """Plano de Trabalho, item 6: o cronograma de um ano conta a partir do Mês 1 dele. Antes disso
    nenhuma atividade está atrasada — nem a marcada como atrasada —, a mesma resposta no cronograma,
    nos alertas e no painel (todos chamam `situacao_atividade`); no primeiro dia do Mês 1 a marcada
    passa a contar."""
    inicio = date(2027, 11, 1)
    for status in ("atrasada", "nao_iniciada", "em_andamento"):
        antes = regras.situacao_atividade(
            status=status, meses_previstos=[1], meses_executados=[], inicio_plano=inicio, hoje=date(2027, 10, 31)
        )
        assert antes.atrasada is False, status
    no_inicio = regras.situacao_atividade(
        status="atrasada", meses_previstos=[3], meses_executados=[], inicio_plano=inicio, hoje=inicio
    )
    assert no_inicio.atrasada is True


def test_ultimo_mes_previsto_inclui_o_ultimo_dia():
    """O fim do último mês previsto ainda está no prazo (CC art. 132, `comum.prazos.vencido`); o dia
    seguinte não — igual em todos os anos do plano."""
    for inicio in (date(2025, 11, 1), date(2026, 11, 1)):  # anos 3 e 4
        fim_mes_2 = date(inicio.year, 12, 31)  # Mês 1 = novembro, Mês 2 = dezembro
        kw = dict(status="em_andamento", meses_previstos=[1, 2], meses_executados=[1], inicio_plano=inicio)
        assert regras.situacao_atividade(**kw, hoje=fim_mes_2).atrasada is False
        assert regras.situacao_atividade(**kw, hoje=fim_mes_2 + timedelta(days=1)).atrasada is True


ANOS_DO_PLANO = [date(2023, 11, 1), date(2024, 11, 1), date(2025, 11, 1)]


@pytest.mark.parametrize(
    ("hoje", "nome", "esperado"),
    [
        # decisão do projeto: meses, trimestres e semestres civis completos antes de hoje
        (date(2026, 3, 31), "Mês anterior", (date(2026, 2, 1), date(2026, 2, 28))),
        (date(2026, 1, 10), "Mês anterior", (date(2025, 12, 1), date(2025, 12, 31))),
        (date(2026, 4, 1), "Trimestre anterior", (date(2026, 1, 1), date(2026, 3, 31))),
        (date(2026, 3, 31), "Trimestre anterior", (date(2025, 10, 1), date(2025, 12, 31))),
        (date(2026, 7, 1), "Semestre anterior", (date(2026, 1, 1), date(2026, 6, 30))),
        (date(2026, 6, 30), "Semestre anterior", (date(2025, 7, 1), date(2025, 12, 31))),
        (date(2026, 10, 4), "Ano civil até hoje", (date(2026, 1, 1), date(2026, 10, 4))),
        # o ano do plano que contém hoje, e o anterior inteiro (Mês 1 a Mês 12)
        (date(2026, 10, 4), "Ano do plano até hoje", (date(2025, 11, 1), date(2026, 10, 4))),
        (date(2026, 10, 4), "Ano anterior do plano", (date(2024, 11, 1), date(2025, 10, 31))),
        (date(2025, 11, 1), "Ano do plano até hoje", (date(2025, 11, 1), date(2025, 11, 1))),
        # depois do último ano do plano: o último vira o anterior
        (date(2026, 12, 4), "Ano anterior do plano", (date(2025, 11, 1), date(2026, 10, 31))),
    ],
)
def test_atalhos_de_periodo_do_relatorio(hoje, nome, esperado):
    assert regras.atalhos_de_periodo(hoje, ANOS_DO_PLANO)[nome] == esperado


def test_atalhos_de_periodo_sem_ano_do_plano_que_caiba():
    """Antes do Mês 1, nem o ano do plano até hoje nem o anterior; depois do último ano, não há
    “ano do plano até hoje”. Os atalhos civis existem sempre."""
    antes = regras.atalhos_de_periodo(date(2023, 10, 4), ANOS_DO_PLANO)
    assert list(antes) == ["Mês anterior", "Trimestre anterior", "Semestre anterior", "Ano civil até hoje"]
    depois = regras.atalhos_de_periodo(date(2026, 12, 4), ANOS_DO_PLANO)
    assert "Ano do plano até hoje" not in depois and "Ano anterior do plano" in depois
    assert regras.atalhos_de_periodo(date(2026, 12, 4)) == {k: depois[k] for k in antes}
