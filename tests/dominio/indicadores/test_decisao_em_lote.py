"""Decisão em lote na revisão (`coleta.decidir_em_lote`): o DMF valida e a Comissão do CNMP aprova
de uma vez os envios sem alerta, com as mesmas conferências da decisão individual — permissão,
situação de origem, segregação de funções, versão lida — e mais a de não ter alerta; tudo ou nada."""

from __future__ import annotations

import statistics
from datetime import date

import pytest
from sqlmodel import select

from core.banco import sessao
from core.erros import AcessoNegado, ErroValidacao
from dominio.indicadores import coleta
from dominio.indicadores import servicos as indicadores
from models.indicadores import EnvioColeta, EventoRevisao, Indicador, PeriodoColeta, ValorIndicador, VersaoIndicador
from models.usuarios import RegistroAuditoria
from tests.apoio.banco import contar
from tests.apoio.coleta import enviar, envio


def _habituais() -> dict[str, int]:
    """A mediana de cada total nos 12 últimos envios mensais de Vitória com dados na demonstração — o
    histórico que `regras.valor_atipico` olha —: enviados assim, os totais não são atípicos."""
    with sessao() as s:
        linhas = s.exec(
            select(Indicador.codigo, ValorIndicador.valor)
            .join(VersaoIndicador, VersaoIndicador.id == ValorIndicador.versao_indicador_id)
            .join(Indicador, Indicador.id == VersaoIndicador.indicador_id)
            .join(EnvioColeta, EnvioColeta.id == ValorIndicador.envio_id)
            .join(PeriodoColeta, PeriodoColeta.id == EnvioColeta.periodo_id)
            .where(
                EnvioColeta.unidade_chave == "e:1",
                EnvioColeta.status.in_(coleta.STATUS_COM_DADOS),
                PeriodoColeta.periodicidade == "mensal",
                ValorIndicador.desagregacao == "",
                ValorIndicador.valor.is_not(None),
            )
            .order_by(PeriodoColeta.inicio.desc())
        ).all()
    por_codigo: dict[str, list] = {}
    for cod, v in linhas:
        por_codigo.setdefault(cod, []).append(v)
    return {cod: round(statistics.median(vs[:12])) for cod, vs in por_codigo.items()}


@pytest.fixture
def dois_envios(banco_limpo, demo_usuarios):
    """O ponto focal de Vitória envia janeiro e fevereiro de 2030 (meses sem nada da demonstração) com
    os totais de sempre: dois envios sem alerta."""
    dmf, pf = demo_usuarios["dmf"], demo_usuarios["pf_escritorio"]
    jan, fev = (
        indicadores.salvar_periodo(
            dmf, indicadores.DadosPeriodo("mensal", 2030, m, date(2030, m, 1), date(2030, m + 1, 15), 10)
        ).id
        for m in (1, 2)
    )
    habituais = _habituais()
    for per in (jan, fev):
        enviar(pf, pf, per, **habituais)
    return demo_usuarios | {"envios": [envio(jan, pf).id, envio(fev, pf).id], "habituais": habituais}


def _situacoes(ids) -> list[str]:
    with sessao() as s:
        return [s.get(EnvioColeta, i).status for i in ids]


def _versoes(ator, ids) -> dict[int, int]:
    return coleta.versoes_dos_envios(ator, ids)


def _retrato(ids) -> tuple:
    return (_situacoes(ids), contar(EventoRevisao), contar(RegistroAuditoria))


def test_dmf_valida_e_cnmp_aprova_em_lote_com_evento_e_trilha_de_cada_envio(dois_envios):
    dmf, cnmp, ids = dois_envios["dmf"], dois_envios["cnmp"], dois_envios["envios"]
    fila = coleta.fila_revisao(dmf, situacoes=("enviado",))
    sem_alerta = fila[fila["id"].isin(ids)]
    assert (sem_alerta["Regras com falha"] == 0).all() and (sem_alerta["Atípicos"] == 0).all()
    eventos, trilha = contar(EventoRevisao), contar(RegistroAuditoria)

    assert coleta.decidir_em_lote(dmf, "validar", _versoes(dmf, ids)) == 2
    assert _situacoes(ids) == ["validado", "validado"]
    assert contar(EventoRevisao) == eventos + 2, "um evento na linha do tempo de cada envio"
    assert contar(RegistroAuditoria) > trilha
    with sessao() as s:
        assert {s.get(EnvioColeta, i).validado_por_id for i in ids} == {dmf.id}

    assert coleta.decidir_em_lote(cnmp, "aprovar", _versoes(cnmp, ids)) == 2
    assert _situacoes(ids) == ["aprovado", "aprovado"]
    with sessao() as s:
        acoes = s.exec(select(EventoRevisao.acao).where(EventoRevisao.envio_id == ids[0])).all()
    assert acoes[-2:] == ["validado", "aprovado"]


def test_perfil_sem_a_decisao_nao_decide_em_lote(dois_envios):
    ids = dois_envios["envios"]
    antes = _retrato(ids)
    for perfil, acao in (("cnmp", "validar"), ("pf_escritorio", "validar"), ("pf_escritorio", "aprovar")):
        with pytest.raises(AcessoNegado):
            coleta.decidir_em_lote(dois_envios[perfil], acao, dict.fromkeys(ids, 1))
    with pytest.raises(AcessoNegado):
        coleta.decidir_em_lote(None, "validar", dict.fromkeys(ids, 1))
    assert _retrato(ids) == antes


def test_um_envio_que_nao_pode_ser_decidido_impede_o_lote_inteiro_e_diz_qual(dois_envios):
    dmf, cnmp, ids = dois_envios["dmf"], dois_envios["cnmp"], dois_envios["envios"]
    versoes = _versoes(dmf, ids)
    antes = _retrato(ids)

    # outra pessoa mexeu num deles depois que a fila foi mostrada (versão lida ficou para trás)
    with pytest.raises(ErroValidacao) as e:
        coleta.decidir_em_lote(dmf, "validar", {ids[0]: versoes[ids[0]], ids[1]: versoes[ids[1]] - 1})
    assert len(e.value.problemas) == 1 and "Fevereiro/2030" in e.value.problemas[0].campo
    assert _retrato(ids) == antes, "nada decidido: nem o envio de janeiro, que estava em ordem"

    # a Comissão não aprova o que o DMF ainda não validou
    with pytest.raises(ErroValidacao, match="Não é possível aprovar um envio"):
        coleta.decidir_em_lote(cnmp, "aprovar", versoes)
    # envio inexistente
    with pytest.raises(ErroValidacao, match="envio nº 999999"):
        coleta.decidir_em_lote(dmf, "validar", {**versoes, 999_999: 1})
    # nenhum, ou demais
    with pytest.raises(ErroValidacao, match="ao menos um envio"):
        coleta.decidir_em_lote(dmf, "validar", {})
    with pytest.raises(ErroValidacao, match=f"no máximo {coleta.LOTE_MAXIMO}"):
        coleta.decidir_em_lote(dmf, "validar", {i: 1 for i in range(1, coleta.LOTE_MAXIMO + 2)})
    assert _retrato(ids) == antes


def _marco(dmf, quem_informa, pf, totais: dict[str, int]) -> int:
    """Março/2030 criado pelo DMF e enviado por `quem_informa` com os `totais`; devolve o envio."""
    mar = indicadores.salvar_periodo(
        dmf, indicadores.DadosPeriodo("mensal", 2030, 3, date(2030, 3, 1), date(2030, 4, 15), 10)
    ).id
    enviar(quem_informa, pf, mar, hoje=date(2030, 3, 10), **totais)
    return envio(mar, pf).id


def _recusa_so_marco(dmf, todos: list[int], motivo: str) -> None:
    """O lote `todos` é recusado inteiro, com um só problema: o envio de março, pelo `motivo`."""
    antes = _retrato(todos)
    with pytest.raises(ErroValidacao, match=motivo) as e:
        coleta.decidir_em_lote(dmf, "validar", _versoes(dmf, todos))
    assert [p.campo for p in e.value.problemas] == ["Escritório Social de Vitória (ES) — Março/2030"]
    assert _retrato(todos) == antes


def test_segregacao_quem_informou_valores_nao_valida_em_lote(dois_envios):
    dmf, pf, ids = dois_envios["dmf"], dois_envios["pf_escritorio"], dois_envios["envios"]
    # o DMF informa valores de março em nome da unidade e envia
    todos = [*ids, _marco(dmf, dmf, pf, dois_envios["habituais"])]
    _recusa_so_marco(dmf, todos, "informou valores deste envio")


def test_envio_com_alerta_fica_fora_do_lote(dois_envios):
    dmf, pf, ids = dois_envios["dmf"], dois_envios["pf_escritorio"], dois_envios["envios"]
    habituais = dois_envios["habituais"]
    atipico = _marco(dmf, pf, pf, habituais | {"E02": habituais["E02"] * 6})
    assert coleta.analise(dmf, atipico).atipicos, "seis vezes o habitual é atípico"
    _recusa_so_marco(dmf, [*ids, atipico], "tem alerta")
    # um a um, o revisor ainda pode validá-lo depois de examiná-lo
    coleta.validar(dmf, atipico, _versoes(dmf, [atipico])[atipico])
    assert _situacoes([atipico]) == ["validado"]
