"""ui/indicadores.py: códigos de situação e instantes dos serviços da coleta viram o texto da tela."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from urllib.parse import unquote

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


def test_valores_do_envio_com_o_texto_da_revisao():
    """Cada tipo de indicador no seu formato, o aviso de atípico com ⚠️ e a linha sem aviso vazia
    (a página pinta de amarelo só as com aviso)."""
    instante = datetime(2025, 3, 10, 15, 30, tzinfo=UTC)
    linhas = [
        ("E01", "contagem", Decimal("1195"), None, None, Decimal("1195"), Decimal("40.5"), "muito acima"),
        ("E02", "percentual", None, Decimal("12"), Decimal("40"), Decimal("30"), None, None),
        ("E03", "percentual", None, None, None, None, None, None),
        ("E04", "sim_nao", Decimal("1"), None, None, Decimal("1"), None, None),
        ("E05", "sim_nao", Decimal("0"), None, None, Decimal("0"), None, None),
        ("E06", "valor", Decimal("1234.5"), None, None, Decimal("1234.5"), None, None),
    ]
    df = pd.DataFrame(
        [
            {
                "Código": c,
                "Indicador": "x",
                "Versão": 1,
                "Desagregação": "Total",
                "tipo": t,
                "valor": v,
                "numerador": n,
                "denominador": d,
                "efetivo": e,
                "Mediana anterior": m,
                "Atípico": a,
                "Comentário": "",
                "Informado por": "pf@x",
                "Em": instante,
            }
            for c, t, v, n, d, e, m, a in linhas
        ]
    )
    tela = indicadores.tabela_valores_do_envio(df)
    assert list(tela.columns) == indicadores.COLUNAS_VALORES_NA_TELA
    assert not {"tipo", "valor", "numerador", "denominador", "efetivo"} & set(tela.columns)
    assert list(tela["Valor"]) == ["1.195", "12 ÷ 40 = 30 %", "—", "Sim", "Não", "R$ 1.234,50"]
    assert list(tela["Mediana anterior"]) == ["40,50", "", "", "", "", ""]
    assert list(tela["Atípico"]) == ["⚠️ muito acima", "", "", "", "", ""]
    assert set(tela["Em"]) == {"10/03/2025 12:30"}


def test_mailto_de_cobranca_em_copia_oculta_com_assunto_e_texto():
    url = indicadores.mailto_de_cobranca(["a@x.gov.br", "b+pnat@y.mp.br"], "Outubro/2026", date(2026, 11, 15))
    destino, resto = url.split("&", 1)
    assert destino == "mailto:?bcc=a@x.gov.br,b%2Bpnat@y.mp.br"  # o “+” não vira espaço
    campos = dict(p.split("=", 1) for p in resto.split("&"))
    assert unquote(campos["subject"]) == "Indicadores de Outubro/2026: envio em atraso"
    assert "o prazo era 15/11/2026" in unquote(campos["body"])
    # longo demais para os programas de e-mail: a página oferece só a lista para copiar
    muitos = [f"ponto.focal.{i}@escritorio.exemplo.gov.br" for i in range(60)]
    assert indicadores.mailto_de_cobranca(muitos, "Outubro/2026", date(2026, 11, 15)) is None
