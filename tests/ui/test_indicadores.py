"""ui/indicadores.py: códigos de situação e instantes dos serviços da coleta viram o texto da tela."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from ui import indicadores


def test_situacao_envio_com_icone_e_rotulo():
    assert indicadores.situacao_envio(None) == "⬜ Sem dados"
    assert indicadores.situacao_envio(float("nan")) == "⬜ Sem dados"  # vazio vindo do pandas
    assert indicadores.situacao_envio("enviado") == "📨 Enviado (aguarda o DMF)"
    assert indicadores.situacao_envio("validado", curta=True) == "☑️ Validado pelo DMF"


def test_tabelas_formatadas_como_a_tela_e_a_exportacao():
    instante = datetime(2025, 3, 10, 15, 30, tzinfo=UTC)  # 12:30 em Brasília
    sit = pd.DataFrame(
        {"Situação do envio": ["aprovado", None], "Primeiro envio": [instante, None], "Último envio": [instante, None]}
    )
    tela = indicadores.tabela_situacao_das_unidades(sit)
    assert tela.iloc[0].to_dict() == {
        "Situação do envio": "✅ Aprovado pelo CNMP",
        "Primeiro envio": "10/03/2025 12:30",
        "Último envio": "10/03/2025 12:30",
    }
    assert tela.iloc[1].to_dict() == {"Situação do envio": "⬜ Sem dados", "Primeiro envio": "—", "Último envio": "—"}
    fila = indicadores.tabela_fila(pd.DataFrame({"Situação": ["devolvido"], "Enviado em": [instante]}))
    assert fila.iloc[0].to_dict() == {"Situação": "↩️ Devolvido para correção", "Enviado em": "10/03/2025 12:30"}
    assert sit["Situação do envio"].iloc[0] == "aprovado"  # o original não muda
