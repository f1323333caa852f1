"""Prazos em dias úteis dos incidentes com dados pessoais (Cláusula 13ª, IV; Res. CD/ANPD
15/2024, art. 6º), com datas fixas: fins de semana, feriados nacionais, Carnaval e Corpus
Christi (dias úteis salvo se configurados), feriado local configurado, pequeno porte."""

from __future__ import annotations

from datetime import date

import pytest

from dominio.lgpd.regras import (
    dias_uteis_entre,
    e_dia_util,
    feriado_nacional,
    fim_da_guarda,
    prazo_anpd,
    prazo_complemento,
    prazo_participe,
    prazo_titulares,
    relogios_incidente,
    situacao_relogio,
    somar_dias_uteis,
)


def _relogios_sem_comunicacoes(*, risco_relevante: bool) -> dict:
    """Relógios, por chave, de um incidente conhecido em 02/11/2026, aberto e sem nenhuma
    comunicação, vistos em 25/11/2026."""
    return {
        r.chave: r
        for r in relogios_incidente(
            data_conhecimento=date(2026, 11, 2),
            pequeno_porte=False,
            risco_relevante=risco_relevante,
            encerrado=False,
            data_comunicacao_participe=None,
            data_comunicacao_anpd=None,
            data_comunicacao_titulares=None,
            data_complemento=None,
            hoje=date(2026, 11, 25),
        )
    }


def test_feriados_nacionais_da_biblioteca():
    """Dias úteis excluem os feriados nacionais (Lei 662/1949): Confraternização Universal,
    Tiradentes, Natal; Carnaval e Corpus Christi não são feriados nacionais em lei."""
    assert feriado_nacional(date(2026, 1, 1)) == "Confraternização Universal"
    assert feriado_nacional(date(2026, 4, 21)) == "Tiradentes"
    assert feriado_nacional(date(2026, 12, 25)) == "Natal"
    assert feriado_nacional(date(2026, 11, 20)) is not None  # Lei 14.759/2023
    assert feriado_nacional(date(2026, 2, 16)) is None  # segunda de Carnaval
    assert feriado_nacional(date(2026, 2, 17)) is None  # terça de Carnaval
    assert feriado_nacional(date(2026, 6, 4)) is None  # Corpus Christi


def test_e_dia_util():
    """Cláusula 13ª, IV: "dias úteis" — segunda a sexta, fora de feriados e dias configurados."""
    assert e_dia_util(date(2026, 11, 25))  # quarta
    assert not e_dia_util(date(2026, 11, 28))  # sábado
    assert not e_dia_util(date(2026, 11, 29))  # domingo
    assert not e_dia_util(date(2026, 12, 25))  # Natal
    assert e_dia_util(date(2026, 2, 17))  # Carnaval sem configuração
    assert not e_dia_util(date(2026, 2, 17), {date(2026, 2, 17)})


def test_contagem_comeca_no_dia_util_seguinte_e_pula_fim_de_semana():
    """Cláusula 13ª, IV ("em até 2 dias úteis do conhecimento"), contando como o CPC, art. 224:
    conhecimento na sexta 20/11/2026 (feriado) ou na quinta 19/11 → o dia não conta."""
    assert prazo_participe(date(2026, 11, 19)) == date(2026, 11, 24)  # qui → (sex feriado) seg 23, ter 24
    assert prazo_participe(date(2026, 11, 27)) == date(2026, 12, 1)  # sex → seg 30/11, ter 01/12
    assert prazo_participe(date(2026, 11, 28)) == date(2026, 12, 1)  # sábado → seg, ter
    assert somar_dias_uteis(date(2026, 11, 25), 0) == date(2026, 11, 25)
    with pytest.raises(ValueError):
        somar_dias_uteis(date(2026, 11, 25), -1)


def test_ano_novo():
    """Res. CD/ANPD 15/2024, art. 6º: 3 dias úteis; 01/01 é feriado nacional.
    Conhecimento em 31/12/2025 (quarta) → 02/01 (sex), 05/01 (seg), 06/01 (ter)."""
    assert prazo_anpd(date(2025, 12, 31)) == date(2026, 1, 6)


def test_tiradentes():
    """Res. CD/ANPD 15/2024, art. 6º: 3 dias úteis; 21/04/2026 (terça) é feriado nacional.
    Conhecimento em 17/04/2026 (sexta) → 20/04, 22/04, 23/04."""
    assert prazo_anpd(date(2026, 4, 17)) == date(2026, 4, 23)


def test_natal():
    """Cláusula 13ª, IV: 2 dias úteis; 25/12/2026 (sexta) é feriado nacional.
    Conhecimento em 24/12/2026 (quinta) → 28/12 (seg), 29/12 (ter)."""
    assert prazo_participe(date(2026, 12, 24)) == date(2026, 12, 29)


def test_carnaval_e_dia_util_salvo_se_configurado():
    """Cláusula 13ª, IV: Carnaval (16 e 17/02/2026) não é feriado nacional em lei; conta como
    dia útil, salvo se configurado como dia não útil institucional."""
    assert prazo_participe(date(2026, 2, 13)) == date(2026, 2, 17)
    carnaval = {date(2026, 2, 16), date(2026, 2, 17)}
    assert prazo_participe(date(2026, 2, 13), carnaval) == date(2026, 2, 19)


def test_corpus_christi_e_dia_util_salvo_se_configurado():
    """Res. CD/ANPD 15/2024, art. 6º: Corpus Christi (04/06/2026, quinta) não é feriado nacional.
    Conhecimento em 03/06 → 04, 05, 08/06; configurado → 05, 08, 09/06."""
    assert prazo_anpd(date(2026, 6, 3)) == date(2026, 6, 8)
    assert prazo_anpd(date(2026, 6, 3), feriados_extra={date(2026, 6, 4)}) == date(2026, 6, 9)


def test_feriado_local_configurado():
    """Res. CD/ANPD 15/2024, art. 6º, com feriado local configurado (ex.: 23/04/2026, São Jorge
    no Rio de Janeiro): conhecimento em 22/04 → 24/04, 27/04, 28/04."""
    assert prazo_anpd(date(2026, 4, 22)) == date(2026, 4, 27)
    assert prazo_anpd(date(2026, 4, 22), feriados_extra={date(2026, 4, 23)}) == date(2026, 4, 28)


def test_pequeno_porte_dobra_prazos_da_anpd_e_nao_o_do_participe():
    """Res. CD/ANPD 15/2024: agente de pequeno porte tem os prazos em dobro
    — 6 dias úteis para ANPD e titulares, 40 para o complemento; o prazo da Cláusula 13ª,
    IV, é contratual e não dobra."""
    c = date(2026, 11, 23)  # segunda
    assert prazo_anpd(c) == date(2026, 11, 26)
    assert prazo_anpd(c, pequeno_porte=True) == date(2026, 12, 1)
    assert prazo_titulares(c, pequeno_porte=True) == date(2026, 12, 1)
    assert prazo_complemento(c) == somar_dias_uteis(c, 20)
    assert prazo_complemento(c, pequeno_porte=True) == somar_dias_uteis(c, 40)
    assert dias_uteis_entre(c, prazo_complemento(c, pequeno_porte=True)) == 40


def test_complemento_conta_da_comunicacao_a_anpd():
    """Res. CD/ANPD 15/2024, art. 6º: 20 dias úteis contados da comunicação à ANPD; sem ela,
    o prazo do complemento ainda não corre."""
    rel = _relogios_sem_comunicacoes(risco_relevante=True)
    assert rel["complemento"].estado == "aguardando"
    assert rel["anpd"].estado == "vencido"


def test_guarda_de_cinco_anos():
    """Res. CD/ANPD 15/2024: registro guardado por 5 anos, contados em meses
    até o dia de igual número (CC, art. 132, § 3º)."""
    assert fim_da_guarda(date(2024, 3, 10)) == date(2029, 3, 10)
    assert fim_da_guarda(date(2024, 2, 29)) == date(2029, 3, 1)


def test_textos_da_situacao():
    """Cláusula 13ª, IV: cumprido, a vencer (dias úteis) e vencido (dias corridos)."""
    prazo = date(2026, 11, 24)
    assert (
        situacao_relogio("participe", "P", prazo, date(2026, 11, 23), date(2026, 11, 25)).texto
        == "cumprido em 23/11/2026"
    )
    atrasado = situacao_relogio("participe", "P", prazo, date(2026, 11, 26), date(2026, 11, 30))
    assert atrasado.estado == "cumprido_com_atraso" and "2 dias úteis após o prazo" in atrasado.texto
    a_vencer = situacao_relogio("participe", "P", date(2026, 11, 30), None, date(2026, 11, 25))
    assert a_vencer.estado == "a_vencer" and a_vencer.texto.startswith("vence em 3 dias úteis")
    um = situacao_relogio("participe", "P", date(2026, 11, 30), None, date(2026, 11, 27))  # sex → seg
    assert um.estado == "vencendo" and um.texto.startswith("vence em 1 dia útil") and um.alerta
    hoje_ = situacao_relogio("participe", "P", prazo, None, prazo)
    assert hoje_.estado == "vencendo" and hoje_.texto.startswith("vence hoje")
    vencido = situacao_relogio("participe", "P", prazo, None, date(2026, 11, 25))
    assert vencido.estado == "vencido" and vencido.texto.startswith("vencido há 1 dia (")
    assert situacao_relogio("participe", "P", prazo, None, date(2026, 11, 29)).texto.startswith("vencido há 5 dias")


def test_sem_risco_relevante_so_o_participe_e_exigido():
    """LGPD, art. 48: só incidente que possa acarretar risco ou dano relevante se comunica à
    ANPD e aos titulares; a Cláusula 13ª, IV, vale para qualquer incidente."""
    rel = _relogios_sem_comunicacoes(risco_relevante=False)
    assert rel["participe"].estado == "vencido"
    assert {rel[k].estado for k in ("anpd", "titulares", "complemento")} == {"nao_exigido"}
