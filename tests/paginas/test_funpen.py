"""Páginas do FUNPEN e das cotas pelo app.py (AppTest): resultado do índice com fórmula,
gráficos e mapa; entrada ruim mostra erro em pt-BR e não grava; CNMP consulta sem
formulários de edição."""

from __future__ import annotations

from sqlmodel import select

from core.banco import sessao
from models.funpen import CenarioIndice, ContratoPublico, EquipeProposta, PropostaFunpen
from tests.apoio.banco import contar
from tests.apoio.paginas import (
    SEL0,
    abrir,
    clicar,
    erros,
    grava_um,
    por_rotulo,
    recusa_sem_gravar,
    recusado,
    selecionar_primeira,
    sem_excecao,
)


def _tabela_com(at, coluna: str):
    return next(d.value for d in at.dataframe if coluna in d.value.columns)


# --- Índice penitenciário ------------------------------------------------------------------


def test_indice_cnmp_ve_resultado_formula_e_mapa_sem_salvar(demo_usuarios):
    at = abrir(demo_usuarios["cnmp"]).switch_page("paginas/indice.py").run()
    sem_excecao(at)
    df = at.dataframe[0].value
    assert len(df) == 27 and {"Q", "L", "Ib", "Ic", "Ip", "Participação (%)", "Alocação"} <= set(df.columns)
    assert any(c.startswith("Fração: ") for c in df.columns)
    assert df["Alocação"].iloc[0].startswith("R$ ")
    assert len(at.get("plotly_chart")) == 2  # ranking e mapa
    assert any("Ip = Ib − Ib × Ic." in m.value for m in at.markdown)
    assert not any(e.label == "Salvar como cenário" for e in at.expander)


def test_indice_orcamento_invalido_mostra_erro(demo_usuarios):
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/indice.py").run()
    chave = next(k for k in (w.key for w in at.text_input) if k and k.startswith("ix_orcamento_"))
    at.text_input(key=chave).input("12,345").run()
    sem_excecao(at)
    assert "Orçamento a repartir (R\\$): “12,345” tem casas decimais demais" in erros(at)  # $ escapado
    assert not at.dataframe or "Alocação" not in at.dataframe[0].value.columns  # nada calculado com ele


def test_indice_pesos_em_pt_br_virgula_decimal_e_ponto_ambiguo_recusado(demo_usuarios):
    """Issue #17, item 5: no number_input, “2,5” virava 25 sem aviso. Agora o peso é lido em pt-BR
    (2,5 = dois e meio) e “1.5” é recusado ao lado do campo, sem calcular."""
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/indice.py").run()
    chave = next(k for k in (w.key for w in at.text_input) if k and k.startswith("ix_peso_"))
    at.text_input(key=chave).input("2,5").run()
    sem_excecao(at)
    assert not erros(at)
    assert len(at.dataframe[0].value) == 27
    assert at.text_input(key=chave).value == "2,5"
    at.text_input(key=chave).input("1.5").run()
    sem_excecao(at)
    assert "“1.5” é ambíguo" in erros(at) and "Escreva 1,5" in erros(at)
    assert any("espera a correção de 1 campo(s)" in w.value for w in at.warning)
    assert not any("Participação (%)" in d.value.columns for d in at.dataframe)


def test_indice_dmf_salva_cenario_e_nome_vazio_nao_grava(banco_limpo, demo_usuarios):
    antes = contar(CenarioIndice)
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/indice.py").run()
    assert any(e.label == "Salvar como cenário" for e in at.expander)
    recusa_sem_gravar(at, "Salvar cenário", CenarioIndice, "Campo “nome do cenário”: informe um nome")
    assert contar(CenarioIndice) == antes
    at.text_input(key="ix_salvar_nome").input("Cópia do padrão")
    grava_um(at, "Salvar cenário", CenarioIndice, "Cenário “Cópia do padrão” salvo")
    assert contar(CenarioIndice) == antes + 1


def test_indice_compara_cenarios(demo_usuarios):
    at = abrir(demo_usuarios["cnmp"]).switch_page("paginas/indice.py").run()
    comp = _tabela_com(at, "Diferença de participação (p.p.)")
    assert len(comp) == 27 and "Diferença de participação (p.p.)" in comp.columns
    assert at.get("download_button")


# --- Propostas FUNPEN -----------------------------------------------------------------------


def test_nova_proposta_invalida_nao_grava(banco_limpo, demo_usuarios):
    antes = contar(PropostaFunpen)
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/propostas.py").run()
    at.selectbox(key="pr_nova_uf").select("AP")
    at.text_input(key="pr_nova_titulo").input("CIAP Macapá")
    at.text_input(key="pr_nova_orgao").input("Secretaria de Justiça do Amapá")
    at.text_input(key="pr_nova_total").input("um milhão")
    at.text_input(key="pr_nova_contra").input("10.000,00")
    recusa_sem_gravar(at, "Salvar", PropostaFunpen, "Campo “valor total”: valor monetário inválido")
    assert contar(PropostaFunpen) == antes
    assert at.text_input(key="pr_nova_titulo").value == "CIAP Macapá"  # o digitado continua
    at.text_input(key="pr_nova_total").input("1.000.000,00")
    grava_um(at, "Salvar", PropostaFunpen, "Proposta “CIAP Macapá” incluída")
    assert contar(PropostaFunpen) == antes + 1


def test_cnmp_ve_checklist_e_pdf_sem_edicao(demo_usuarios):
    at = abrir(demo_usuarios["cnmp"]).switch_page("paginas/propostas.py").run()
    sem_excecao(at)
    assert not any(e.label == "Nova proposta" for e in at.expander)
    selecionar_primeira(at, "pr_tabela")
    assert [t.label for t in at.tabs] == ["Checklist", "Itens e cotações", "Equipe"]
    propostas = at.dataframe(key="pr_tabela").value
    assert propostas["Valor total"].str.startswith("R$ ").all()
    sp = list(propostas["UF"]).index("SP")  # a proposta da demonstração com itens e equipe
    at.session_state["pr_tabela"] = {"selection": {"rows": [sp], "columns": [], "cells": []}}
    at.run()
    itens = _tabela_com(at, "Fornecedores")
    assert itens["Valor"].str.startswith("R$ ").all() and itens["Fornecedores"].str.contains(r"\(\d\d\.\d{3}").all()
    equipe = _tabela_com(at, "Limite (Anexo I)")
    assert equipe["Limite (Anexo I)"].str.startswith("R$ ").all()
    tabela = next(
        m.value
        for m in at.markdown
        if m.value.startswith("| Situação | Regra | Artigo | Explicação |") and "Portaria DEPEN 250/2015" in m.value
    )
    linhas = tabela.splitlines()[2:]
    assert linhas and all("| Portaria DEPEN" in ln for ln in linhas)
    assert all(":material/" in ln.split("|")[1] for ln in linhas)  # ícone por linha
    assert any(b.label == "Baixar parecer (PDF)" for b in at.get("download_button"))
    assert not any(e.label.startswith("Incluir") for e in at.expander)


def test_dmf_inclui_pessoa_acima_do_teto_e_checklist_acusa(banco_limpo, demo_usuarios):
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/propostas.py").run()
    at.session_state["pr_tabela"] = SEL0
    at.run()
    with sessao() as s:
        prop = s.exec(select(PropostaFunpen).order_by(PropostaFunpen.uf_sigla, PropostaFunpen.programa)).first()
    pid = prop.id
    antes = contar(EquipeProposta)
    at.text_input(key=f"pr_pessoa_{pid}_nome").input("Fulano de Tal")
    at.selectbox(key=f"pr_pessoa_{pid}_nat").select("estagio")
    at.text_input(key=f"pr_pessoa_{pid}_rem").input("600,01")
    clicar(at, "Incluir")
    assert any("Pessoa incluída" in s.value for s in at.success)
    assert contar(EquipeProposta) == antes + 1
    at.session_state["pr_tabela"] = SEL0
    at.run()
    tabela = next(m.value for m in at.markdown if m.value.startswith("| Situação |") and "Fulano de Tal" in m.value)
    linha = next(ln for ln in tabela.splitlines() if "Fulano de Tal" in ln)
    assert ":red[:material/cancel: Não atende]" in linha and "Anexo I" in linha and "R\\$ 600,01" in linha


# --- Cotas PNAT ------------------------------------------------------------------------------


def _novo_contrato(at, *, valor: str, inicio: str):
    at.text_input(key="co_novo_numero").input("77/2025")
    at.selectbox(key="co_novo_uf").select("AC")
    at.text_input(key="co_novo_orgao").input("Universidade Federal do Acre")
    at.text_input(key="co_novo_objeto").input("Limpeza e conservação")
    at.text_input(key="co_novo_valor").input(valor)
    at.text_input(key="co_novo_trab").input("201")
    at.text_input(key="co_novo_ppl").input("5")
    at.text_input(key="co_novo_egr").input("4")
    at.text_input(key="co_novo_inicio").input(inicio)
    por_rotulo(at.button, "Salvar").click().run()


def test_novo_contrato_invalido_nao_grava_e_valido_grava(banco_limpo, demo_usuarios):
    antes = contar(ContratoPublico)
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/cotas.py").run()
    sem_excecao(at)
    _novo_contrato(at, valor="330.000,01", inicio="31/02/2025")
    sem_excecao(at)
    recusado(at, "Campo “início”: data inválida “31/02/2025”")
    assert contar(ContratoPublico) == antes
    at.text_input(key="co_novo_inicio").input("01/03/2025")
    grava_um(at, "Salvar", ContratoPublico, "Contrato 77/2025 incluído")
    assert contar(ContratoPublico) == antes + 1
    at.multiselect(key="co_uf").select("AC").run()
    df = at.dataframe(key="co_tabela").value
    assert "Atende" in df[df["Contrato"] == "77/2025"].iloc[0]["Situação"]  # 201 → 4% = 8,04 → 9; 5 + 4 = 9


def test_cnmp_ve_cotas_por_uf_e_mapa_sem_formularios(demo_usuarios):
    at = abrir(demo_usuarios["cnmp"]).switch_page("paginas/cotas.py").run()
    sem_excecao(at)
    assert at.get("plotly_chart")
    por_uf = _tabela_com(at, "Sujeitos à cota").set_index("UF")
    assert len(por_uf) == 27
    assert por_uf.loc["AC", "Situação"] == "— Sem contrato sujeito" and por_uf.loc["DF", "Situação"].startswith("❌")
    contratos = at.dataframe(key="co_tabela").value
    assert contratos["Valor anual"].str.match(r"^R\$ [\d.]+,\d\d$").all()
    assert set(contratos["Situação"]) <= {"✅ Atende", "❌ Não atende", "— Não se aplica"}
    assert not any(e.label == "Novo contrato" for e in at.expander)
    selecionar_primeira(at, "co_tabela")
    assert any("Fundamento:" in m.value and "Decreto 9.450/2018, art. 5º" in m.value for m in at.markdown)
    assert not any(b.label == "Salvar" for b in at.button)


def test_conferencia_da_portaria_206_por_tipo_de_proponente(demo_usuarios):
    """Portaria 206/2008, arts. 6º a 9º e art. 2º, § 1º, na página (CNMP também confere; nada é gravado)."""
    at = abrir(demo_usuarios["cnmp"]).switch_page("paginas/propostas.py").run()
    at.selectbox(key="pr206_tipo").set_value("judiciario").run()
    at.checkbox(key="pr206_judiciario_colaboracao_judiciario").check()
    at.text_input(key="pr206_registro").input("06/04/2009").run()
    sem_excecao(at)
    tabela = next(m.value for m in at.markdown if m.value.startswith("| Situação |") and "art. 7º" in m.value)
    linhas = tabela.splitlines()[2:]
    assert len(linhas) == 3  # período + art. 7º + art. 9º
    assert ":red[:material/cancel: Não atende]" in linhas[0] and "fora do período" in linhas[0]
    assert ":green[:material/check_circle: Atende]" in linhas[1] and "art. 7º" in linhas[1]
    assert ":red[:material/cancel: Não atende]" in linhas[2] and "art. 9º" in linhas[2]
    at.text_input(key="pr206_registro").input("31/02/2009").run()
    assert "Campo “registro no SICONV”: data inválida" in erros(at)
