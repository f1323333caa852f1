"""ui/funpen.py: os valores crus dos serviços do FUNPEN viram o texto da tela e das exportações."""

from __future__ import annotations

from decimal import Decimal as D

import pandas as pd

from dominio.funpen import regras
from ui import funpen


def test_situacao_da_uf_resume_os_contratos_sujeitos():
    assert funpen.situacao_da_uf(0, 0) == "— Sem contrato sujeito"
    assert funpen.situacao_da_uf(2, 2) == "✅ Todos cumprem"
    assert funpen.situacao_da_uf(3, 1) == "❌ 2 não cumpre(m)"


def test_cumprimento_por_uf_ganha_a_coluna_situacao():
    df = pd.DataFrame({"UF": ["AC", "DF"], "Sujeitos à cota": [0, 2], "Cumprem": [0, 1]})
    assert list(funpen.cumprimento_por_uf(df)["Situação"]) == ["— Sem contrato sujeito", "❌ 1 não cumpre(m)"]
    assert "Situação" not in df.columns  # o original não muda


def test_contratos_e_itens_formatados_em_pt_br():
    contratos = pd.DataFrame({"Valor anual": [D("330000.01")], "Situação": [regras.NAO_SE_APLICA]})
    tela = funpen.tabela_contratos(contratos)
    assert tela.iloc[0].to_dict() == {"Valor anual": "R$ 330.000,01", "Situação": "— Não se aplica"}
    itens = pd.DataFrame(
        {
            "Valor": [D("1234.5")],
            "Fornecedores": [[("Loja A", "11222333000181", D("10")), ("B", "99900101000186", D("2.5"))]],
        }
    )
    linha = funpen.tabela_itens(itens).iloc[0]
    assert linha["Valor"] == "R$ 1.234,50"
    assert linha["Fornecedores"] == "Loja A (11.222.333/0001-81) R$ 10,00; B (99.900.101/0001-86) R$ 2,50"
    assert funpen.tabela_itens(itens.assign(Fornecedores=[[]])).iloc[0]["Fornecedores"] == ""


def test_checklist_markdown_escapa_barra_e_cifrao():
    r = regras.Resultado("Teto | limite", regras.ATENDE, "art. 1º", "Até R$ 10,00\nok")
    linhas = funpen.checklist_markdown([r]).splitlines()
    assert linhas[0] == "| Situação | Regra | Artigo | Explicação |"
    assert linhas[2].startswith("| :green[:material/check_circle: Atende] | Teto \\| limite | art. 1º |")
    assert "R\\$ 10,00 ok" in linhas[2]  # quebra de linha vira espaço
