"""As leituras novas do FUNPEN pelos serviços (dominio/funpen/servicos.py): itens com outra
documentação de preço e com as condições das exceções do art. 3º, V e VI (Portaria DEPEN 250/2015)
gravados, no checklist e no parecer em PDF; a nota d do índice calculada das reformulações por
convênio, com o vão das três mostrado (Portaria DEPEN 206/2008, Anexo II, item 4, d)."""

from __future__ import annotations

import io

import pytest

from core.erros import ErroValidacao
from dominio.funpen import regras
from dominio.funpen import servicos as funpen
from models.funpen import DocumentoPrecoItem, ItemProposta
from tests.apoio.banco import contar
from tests.apoio.funpen import CNPJS, DOCUMENTO_DA_ATA

UFS = {"AC", "BA", "SP"}
CAB = (
    "UF;presos_100mil;crescimento;territorio;populacao;servidores;pop_carceraria;pib_per_capita;idh;"
    "a;b;c;d;e;f;g;h;i;j;reformulacoes;obras_atraso_pct;aditivos"
)


def _linha(uf: str, d: str, reformulacoes: str, i: str = "1", atraso: str = "", aditivos: str = "") -> str:
    return f"{uf};520;1,5;164.124;830.000;1.200;4.316;23.500,00;0,710;2;1;2;{d};0;2;2;1;{i};2;{reformulacoes};{atraso};{aditivos}"


@pytest.fixture
def proposta(banco_limpo, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    return dmf, funpen.salvar_proposta(
        dmf, funpen.DadosProposta("ciap", "AP", "CIAP Macapá", "Secretaria", "1.000,00", "25,00", vigencia_meses="48")
    )


def _doc(**kw) -> funpen.DadosDocumentoPreco:
    return funpen.DadosDocumentoPreco(**(DOCUMENTO_DA_ATA | {"cnpj": CNPJS[0]} | kw))


def test_art2_par1_item_com_outra_documentacao_gravado_no_checklist_e_no_parecer(proposta):
    """Portaria 250/2015, art. 2º, § 1º: o item sem as 3 cotações, com a outra documentação (e os dados
    do fornecedor), grava; o checklist fica “a verificar” e cita o documento; a tabela de itens e o
    parecer em PDF mostram a documentação."""
    from pypdf import PdfReader

    dmf, p = proposta
    it = funpen.adicionar_item(dmf, p.id, funpen.DadosItem("Tornozeleiras", "equipamentos", "500,00", [], [_doc()]))
    res = {r.regra: r for r in funpen.checklist(dmf, p.id)}["Cotações de preço"]
    assert (
        res.situacao == regras.A_VERIFICAR
        and "Ata de registro de preços nº 12/2015 (Fornecedor da ata)" in res.explicacao
    )
    itens = funpen.itens_da_proposta(dmf, p.id)
    assert itens.iloc[0]["Outra documentação"] == [
        ("Ata de registro de preços nº 12/2015", "Fornecedor da ata", CNPJS[0])
    ]
    texto = " ".join(pg.extract_text() for pg in PdfReader(io.BytesIO(funpen.parecer_pdf(dmf, p.id))).pages)
    texto = " ".join(texto.split())
    assert "Outra documentação (art. 2º, § 1º): Ata de registro de preços nº 12/2015" in texto
    assert "A VERIFICAR" in texto.upper()
    funpen.excluir_item(dmf, it.id)
    assert contar(DocumentoPrecoItem) == 0


def test_art2_par1_outra_documentacao_sem_dados_do_fornecedor_recusada(proposta):
    """Portaria 250/2015, art. 2º, § 1º: a outra documentação também traz nome, CNPJ válido e contato;
    sem eles (ou sem dizer o que é o documento), nada é gravado."""
    dmf, p = proposta
    antes = (contar(ItemProposta), contar(DocumentoPrecoItem))
    with pytest.raises(ErroValidacao) as exc:
        funpen.adicionar_item(
            dmf, p.id, funpen.DadosItem("T", "equipamentos", "1,00", [], [_doc(descricao="", cnpj="123", contato="")])
        )
    msg = str(exc.value)
    for trecho in ("descreva o documento", "CNPJ “123” deve ter 14 dígitos", "sem contato do fornecedor"):
        assert trecho in msg
    assert (contar(ItemProposta), contar(DocumentoPrecoItem)) == antes


def test_art3_v_excecao_gravada_e_no_checklist(proposta):
    """Portaria 250/2015, art. 3º, V: pagamento depois da vigência com autorização expressa do MJ e fato
    gerador na vigência passa, com a exceção dita no checklist e na tabela de itens; só com a
    autorização, segue vedado e diz o que falta."""
    dmf, p = proposta
    funpen.adicionar_item(
        dmf,
        p.id,
        funpen.DadosItem(
            "Última parcela", "pagamento_apos_vigencia", "10,00", autorizacao_mj=True, fato_gerador_na_vigencia=True
        ),
    )
    res = {r.regra: r for r in funpen.checklist(dmf, p.id)}["Despesas vedadas"]
    assert res.situacao == regras.ATENDE and "exceção do art. 3º, V" in res.explicacao
    assert funpen.itens_da_proposta(dmf, p.id).iloc[0]["Vedada (art. 3º)"].startswith("Não — exceção do art. 3º, V")
    funpen.adicionar_item(dmf, p.id, funpen.DadosItem("Multa", "taxas_multas_juros", "5,00", multa_atraso_mj=True))
    res = {r.regra: r for r in funpen.checklist(dmf, p.id)}["Despesas vedadas"]
    assert (
        res.situacao == regras.NAO_ATENDE and "inciso VI" in res.explicacao and "prazos de pagamento" in res.explicacao
    )


def test_art3_condicao_de_excecao_em_outra_categoria_recusada(proposta):
    """Portaria 250/2015, art. 3º: marcar uma condição do inciso V num item que não é pagamento depois
    da vigência não vale nada — o formulário recusa, em vez de guardar um dado sem sentido."""
    dmf, p = proposta
    with pytest.raises(
        ErroValidacao, match=r"só se aplica à categoria “Pagamento em data posterior à vigência” \(inciso V\)"
    ):
        funpen.adicionar_item(dmf, p.id, funpen.DadosItem("Mesa", "equipamentos", "1,00", autorizacao_mj=True))


def test_anexo_ii_d_reformulacoes_na_planilha_com_a_leitura_das_tres(monkeypatch):
    """Portaria 206/2008, Anexo II, item 4, d): a nota d sai das reformulações por convênio; três caem
    no vão e recebem a leitura configurada (`REFORMULACOES_TRES`), que a faixa registra; número
    quebrado é recusado com UF e campo."""
    conteudo = ("\n".join([CAB, _linha("AC", "", "3"), _linha("BA", "", "2"), _linha("SP", "", "4")]) + "\n").encode()
    e = funpen.ler_planilha_indice(conteudo, "d.csv", UFS)
    assert {uf: int(e.valores[uf]["d"]) for uf in UFS} == {"AC": 1, "BA": 1, "SP": 0}
    assert "fora das faixas do Anexo II" in e.faixas["AC"]["d"] and "fora" not in e.faixas["BA"]["d"]
    assert "fora das faixas" in funpen.tabela_entrada(e).set_index("UF").loc["AC", "Faixas das notas"]
    from core.config import obter_config

    monkeypatch.setattr(obter_config(), "reformulacoes_tres", "nota_0")
    assert int(funpen.ler_planilha_indice(conteudo, "d.csv", UFS).valores["AC"]["d"]) == 0
    assert "Leitura aplicada: nota 0" in funpen.leituras_das_escalas()[1]
    quebrado = ("\n".join([CAB, _linha("AC", "", "2,5")]) + "\n").encode()
    with pytest.raises(ErroValidacao, match="informe um número inteiro"):
        funpen.ler_planilha_indice(quebrado, "d.csv", UFS)


def test_anexo_ii_i_zero_aditivos_na_planilha_diz_a_leitura():
    """Portaria 206/2008, Anexo II, item 4, i): sem aditivo, obras no prazo → 2, e a faixa gravada diz
    que “com 01 (um) aditivo” foi lido como “até um”."""
    conteudo = ("\n".join([CAB, _linha("AC", "1", "0", i="", atraso="0", aditivos="0")]) + "\n").encode()
    e = funpen.ler_planilha_indice(conteudo, "d.csv", UFS)
    assert int(e.valores["AC"]["i"]) == 2 and "lido como “até um”" in e.faixas["AC"]["i"]
