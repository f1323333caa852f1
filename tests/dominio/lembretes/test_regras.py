"""Quem recebe qual e-mail e quando: as regras puras nos limites (prazo, trava, semana)."""

from __future__ import annotations

from datetime import date

import pytest

from dominio.lembretes import regras

PRAZO = date(2030, 2, 15)  # tolerância 10: trava em 25/02/2030


def _lembrete(hoje, status=None, antes=5, depois=(1, 7)):
    return regras.lembrete_de_prazo(PRAZO, 10, status, hoje, antes, depois)


@pytest.mark.parametrize(
    ("hoje", "esperado"),
    [
        (date(2030, 2, 9), None),  # seis dias antes: cedo
        (date(2030, 2, 10), ("prazo_antes", date(2030, 2, 10))),  # cinco dias antes
        (date(2030, 2, 12), ("prazo_antes", date(2030, 2, 10))),  # o cron falhou dias 10 e 11: mesma chave
        (date(2030, 2, 15), ("prazo_antes", date(2030, 2, 10))),  # no dia do prazo ainda é “antes”
        (date(2030, 2, 16), ("prazo_vencido", date(2030, 2, 16))),  # um dia depois
        (date(2030, 2, 21), ("prazo_vencido", date(2030, 2, 16))),
        (date(2030, 2, 22), ("prazo_vencido", date(2030, 2, 22))),  # sete dias depois
        (date(2030, 2, 25), ("prazo_vencido", date(2030, 2, 22))),  # último dia antes da trava
        (date(2030, 2, 26), None),  # travado: só o DMF grava
    ],
)
def test_lembrete_de_prazo_nos_limites(hoje, esperado):
    assert _lembrete(hoje) == esperado


@pytest.mark.parametrize("status", ["enviado", "validado", "aprovado"])
def test_quem_ja_enviou_nao_e_lembrado(status):
    assert _lembrete(date(2030, 2, 12), status) is None
    assert _lembrete(date(2030, 2, 16), status) is None


@pytest.mark.parametrize("status", [None, "rascunho", "devolvido"])
def test_quem_ainda_nao_enviou_e_lembrado(status):
    assert _lembrete(date(2030, 2, 16), status)[0] == "prazo_vencido"


def test_dias_configurados_zero_desligam():
    assert _lembrete(date(2030, 2, 14), antes=0) is None
    assert _lembrete(date(2030, 2, 20), depois=()) is None


def test_dia_do_resumo_e_o_ultimo_dia_da_semana_configurado():
    segunda = date(2030, 2, 4)
    assert segunda.weekday() == 0
    assert regras.dia_do_resumo(segunda, 0) == segunda
    assert regras.dia_do_resumo(date(2030, 2, 10), 0) == segunda  # domingo: a segunda da mesma semana
    assert regras.dia_do_resumo(date(2030, 2, 11), 0) == date(2030, 2, 11)
    assert regras.dia_do_resumo(date(2030, 2, 6), 4) == date(2030, 2, 1)  # sexta-feira anterior


def test_recebe_conta_ativa_e_preferencia_so_nos_resumos():
    assert regras.recebe(True, "resumo_dmf", True)
    assert not regras.recebe(True, "resumo_cnmp", False)
    assert regras.recebe(True, "devolvido", False)  # desligar o resumo não desliga o aviso
    assert not regras.recebe(False, "prazo_antes", True)


def test_links_so_do_proprio_sistema_e_texto_do_usuario_sem_marca():
    corpo = "Veja " + regras.marcar_link("/revisao?envio=3") + " e " + regras.texto_livre("[[/x?y=1]] <b>")
    assert regras.partes_do_corpo(corpo) == [
        ("texto", "Veja "),
        ("link", "/revisao?envio=3"),
        ("texto", " e [ [/x?y=1] ] <b>"),
    ]
    with pytest.raises(ValueError, match="caminho de link inválido"):
        regras.marcar_link("https://outro.site/")
