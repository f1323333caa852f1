"""As leituras das normas do FUNPEN na tela, pelo app.py (AppTest): a página do índice diz, ao lado
da fórmula, como as escalas d e i do Anexo II da Portaria DEPEN 206/2008 são lidas onde deixam vão;
a de propostas inclui um item com a outra documentação de preço e a exceção do art. 3º, V, da
Portaria DEPEN 250/2015, e o checklist e a tabela de itens as mostram."""

from __future__ import annotations

from sqlmodel import select

from core.banco import sessao
from dominio.funpen import regras
from models.funpen import DocumentoPrecoItem, PropostaFunpen
from tests.apoio.banco import contar
from tests.apoio.paginas import SEL0, abrir, clicar, sem_excecao


def test_indice_mostra_as_leituras_das_escalas_d_e_i(demo_usuarios):
    """Portaria 206/2008, Anexo II, item 4, d) e i): o vão das três reformulações, com a leitura
    configurada (padrão: nota 1), e “com 01 (um) aditivo” lido como “até um” para zero aditivos."""
    at = abrir(demo_usuarios["cnmp"]).switch_page("paginas/indice.py").run()
    sem_excecao(at)
    texto = "\n".join(m.value for m in at.markdown)
    assert "**Escalas das notas: onde o Anexo II deixa vão**" in texto
    assert "exatamente três não cabem em faixa alguma. Leitura aplicada: nota 1" in texto
    assert regras.LEITURA_OBRAS_SEM_ADITIVO in texto


def test_dmf_inclui_item_com_outra_documentacao_e_excecao_do_inciso_v(banco_limpo, demo_usuarios):
    """Portaria 250/2015, art. 2º, § 1º e art. 3º, V: pelo formulário, um pagamento depois da vigência
    autorizado pelo MJ com fato gerador na vigência, coberto por uma ata de registro de preços; a tabela
    de itens mostra a documentação e a exceção, o checklist cita as duas."""
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/propostas.py").run()
    at.session_state["pr_tabela"] = SEL0
    at.run()
    with sessao() as s:
        pid = s.exec(select(PropostaFunpen).order_by(PropostaFunpen.uf_sigla, PropostaFunpen.programa)).first().id
    antes = contar(DocumentoPrecoItem)
    p = f"pr_item_{pid}"
    at.text_input(key=f"{p}_desc").input("Parcela final da instalação")
    at.selectbox(key=f"{p}_cat").select("pagamento_apos_vigencia")
    at.text_input(key=f"{p}_valor").input("1.000,00")
    at.checkbox(key=f"{p}_autorizacao_mj").check()
    at.checkbox(key=f"{p}_fato_gerador_na_vigencia").check()
    at.text_input(key=f"{p}_doc").input("Ata de registro de preços nº 12/2015")
    at.text_input(key=f"{p}_docf").input("Loja da Ata")
    at.text_input(key=f"{p}_doccnpj").input("11.222.333/0001-81")
    at.text_input(key=f"{p}_docc").input("(61) 3333-0000")
    clicar(at, "Incluir item")
    sem_excecao(at)
    assert any("Item incluído" in s.value for s in at.success)
    assert contar(DocumentoPrecoItem) == antes + 1
    at.session_state["pr_tabela"] = SEL0
    at.run()
    itens = next(d.value for d in at.dataframe if "Outra documentação" in d.value.columns)
    linha = itens[itens["Item"] == "Parcela final da instalação"].iloc[0]
    assert linha["Outra documentação"] == "Ata de registro de preços nº 12/2015 — Loja da Ata (11.222.333/0001-81)"
    assert linha["Vedada (art. 3º)"].startswith("Não — exceção do art. 3º, V")
    tabela = next(m.value for m in at.markdown if m.value.startswith("| Situação |") and "Cotações de preço" in m.value)
    cotacoes = next(ln for ln in tabela.splitlines() if "| Cotações de preço |" in ln)
    assert "Parcela final da instalação" in cotacoes and "Ata de registro de preços nº 12/2015" in cotacoes
    assert ":orange[:material/help: A verificar]" in cotacoes or ":red[:material/cancel: Não atende]" in cotacoes
    despesas = next(ln for ln in tabela.splitlines() if "| Despesas vedadas |" in ln)
    assert "exceção do art. 3º, V" in despesas
