"""Leituras das normas do FUNPEN que o texto deixa em aberto ou excetua, nos seus limites
(dominio/funpen/regras.py): Portaria DEPEN 250/2015, art. 2º, § 1º (cotações ou outra documentação,
com os dados do fornecedor) e art. 3º, V e VI (as exceções das vedações); Portaria DEPEN 206/2008,
Anexo II, item 4, d) (o vão das três reformulações) e i) (“com 01 aditivo” para zero aditivos)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from core.erros import ErroValidacao
from dominio.funpen import regras as r
from tests.apoio.funpen import DOCUMENTO_DA_ATA

CNPJS = ["11.222.333/0001-81", "99.900.101/0001-86", "99.900.102/0001-20"]


def _cot(i: int, cnpj: str | None = None, contato: str = "(61) 3333-0000") -> r.Cotacao:
    return r.Cotacao(f"Fornecedor {i}", cnpj or CNPJS[i % 3], contato)


def _doc(**kw) -> r.DocumentoPreco:
    return r.DocumentoPreco(**(DOCUMENTO_DA_ATA | {"cnpj": CNPJS[0]} | kw))


# --- Portaria 250/2015, art. 2º, § 1º --------------------------------------------------------------


def test_art2_par1_outra_documentacao_no_lugar_das_tres_cotacoes_fica_a_verificar():
    """Portaria 250/2015, art. 2º, § 1º: "no mínimo 03 (três) cotações … ou outra documentação que possa
    subsidiar análise comparativa": sem as 3 cotações, a outra documentação com os dados do fornecedor
    tira o item do “não atende”; se ela permite a comparação é juízo do analista (a verificar)."""
    so_ata = r.ItemCotado("Tornozeleiras", (), (_doc(),))
    res = r.avaliar_cotacoes([so_ata])
    assert res.situacao == r.A_VERIFICAR and res.artigo == "Portaria DEPEN 250/2015, art. 2º, § 1º"
    assert "Ata de registro de preços nº 12/2015 (Fornecedor da ata)" in res.explicacao
    duas_e_ata = r.ItemCotado("Mobiliário", (_cot(0), _cot(1)), (_doc(),))
    assert r.situacao_cotacoes_item(duas_e_ata)[0] == r.A_VERIFICAR
    # com as 3 cotações, a documentação a mais não muda nada
    tres_e_ata = r.ItemCotado("Computadores", (_cot(0), _cot(1), _cot(2)), (_doc(),))
    assert r.avaliar_cotacoes([tres_e_ata]).situacao == r.ATENDE
    # um item sem nada derruba a proposta; o coberto pela documentação aparece como a verificar
    nada = r.ItemCotado("Veículo")
    res = r.avaliar_cotacoes([so_ata, nada])
    assert res.situacao == r.NAO_ATENDE and "“Veículo” tem 0" in res.explicacao and "A verificar:" in res.explicacao


@pytest.mark.parametrize(
    ("campo", "valor", "trecho"),
    [
        ("fornecedor", " ", "sem nome do fornecedor"),
        ("cnpj", "11.222.333/0001-00", "dígitos verificadores"),
        ("contato", "", "sem contato do fornecedor"),
        ("descricao", "", "sem a descrição do documento"),
    ],
)
def test_art2_par1_outra_documentacao_sem_dados_do_fornecedor_nao_vale(campo, valor, trecho):
    """Portaria 250/2015, art. 2º, § 1º: "Tais dados devem conter ao menos o nome, o número de inscrição
    no CNPJ e contato do fornecedor" — também a outra documentação; sem eles, o item não atende."""
    res = r.avaliar_cotacoes([r.ItemCotado("Tornozeleiras", (_cot(0),), (_doc(**{campo: valor}),))])
    assert res.situacao == r.NAO_ATENDE and trecho in res.explicacao


def test_art2_par1_tres_cotacoes_do_mesmo_fornecedor_nao_sao_tres():
    """Portaria 250/2015, art. 2º, § 1º: três cotações do mesmo CNPJ não comparam preços de mercado
    (leitura adotada: fornecedores distintos); a terceira de outro CNPJ resolve."""
    mesmo = r.ItemCotado("Tornozeleiras", (_cot(0), _cot(1, cnpj=CNPJS[0]), _cot(2, cnpj=CNPJS[0])))
    situacao, texto = r.situacao_cotacoes_item(mesmo)
    assert situacao == r.NAO_ATENDE and "3 cotação(ões) válida(s), de 1 fornecedor(es) distinto(s)" in texto
    dois = r.ItemCotado("Tornozeleiras", (_cot(0), _cot(1), _cot(2, cnpj=CNPJS[1])))
    assert r.situacao_cotacoes_item(dois)[0] == r.NAO_ATENDE
    assert r.situacao_cotacoes_item(r.ItemCotado("T", (_cot(0), _cot(1), _cot(2))))[0] == r.ATENDE


def test_art2_par1_dados_do_fornecedor_de_cada_cotacao():
    """Portaria 250/2015, art. 2º, § 1º: cada cotação traz nome, CNPJ válido e contato; a que não traz
    não conta (e a explicação diz por quê)."""
    assert r.problemas_fornecedor("Loja", CNPJS[0], "x") == []
    assert r.problemas_fornecedor("", "123", " ") == [
        "sem nome do fornecedor",
        "CNPJ “123” deve ter 14 dígitos",
        "sem contato do fornecedor",
    ]
    item = r.ItemCotado("T", (_cot(0), _cot(1), r.Cotacao("", CNPJS[2], "x")))
    situacao, texto = r.situacao_cotacoes_item(item)
    assert situacao == r.NAO_ATENDE and "2 cotação(ões) válida(s)" in texto and "sem nome do fornecedor" in texto


# --- Portaria 250/2015, art. 3º, V e VI ------------------------------------------------------------

V, VI = "pagamento_apos_vigencia", "taxas_multas_juros"


@pytest.mark.parametrize(
    ("autorizacao", "fato_gerador", "vedada"),
    [(True, True, None), (True, False, "V"), (False, True, "V"), (False, False, "V")],
)
def test_art3_v_pagamento_apos_vigencia_excecao_exige_as_duas_condicoes(autorizacao, fato_gerador, vedada):
    """Portaria 250/2015, art. 3º, V: pagamento depois da vigência é vedado "salvo se expressamente
    autorizada pela autoridade competente do Ministério da Justiça e desde que o fato gerador da
    despesa tenha ocorrido durante a vigência" — as duas condições, não uma só."""
    d = r.Despesa(V, "Última parcela", autorizacao_mj=autorizacao, fato_gerador_na_vigencia=fato_gerador)
    inciso, nota = r.situacao_despesa(d)
    assert inciso == vedada
    res = r.avaliar_despesas([d])
    if vedada is None:
        assert (
            res.situacao == r.ATENDE and "exceção do art. 3º, V" in nota and "exceção do art. 3º, V" in res.explicacao
        )
    else:
        assert res.situacao == r.NAO_ATENDE and "inciso V" in res.explicacao
    if autorizacao != fato_gerador:  # só uma condição: a explicação diz a que falta
        falta = "fato gerador" if autorizacao else "expressamente autorizado"
        assert falta in nota and falta in res.explicacao


@pytest.mark.parametrize(
    ("multa", "mercado", "vedada"),
    [(True, True, None), (True, False, "VI"), (False, True, "VI"), (False, False, "VI")],
)
def test_art3_vi_multa_por_atraso_do_mj_em_condicoes_de_mercado(multa, mercado, vedada):
    """Portaria 250/2015, art. 3º, VI: taxas bancárias, multas, juros e correção são vedados, "exceto, no
    que se refere às multas, se decorrentes de atraso na transferência de recursos pelo MJ, e desde que
    os prazos para pagamento e os percentuais sejam os mesmos aplicados no mercado"."""
    d = r.Despesa(VI, "Multa contratual", multa_atraso_mj=multa, condicoes_mercado=mercado)
    assert r.situacao_despesa(d)[0] == vedada
    assert r.avaliar_despesas([d]).situacao == (r.ATENDE if vedada is None else r.NAO_ATENDE)


def test_art3_excecoes_nao_alcancam_outros_incisos():
    """Portaria 250/2015, art. 3º: as exceções são só dos incisos V e VI; as demais vedações não têm
    exceção, e a despesa antes da vigência (IV) não se salva com as condições do V."""
    assert set(r.EXCECOES_DESPESA) == {V, VI}
    d = r.Despesa("despesa_antes_vigencia", autorizacao_mj=True, fato_gerador_na_vigencia=True)
    assert r.situacao_despesa(d) == ("IV", "")
    res = r.avaliar_despesas([r.Despesa(V, "A", True, True), r.Despesa("publicidade", "B")])
    assert (
        res.situacao == r.NAO_ATENDE and "inciso VIII" in res.explicacao and "Admitidas pela exceção" in res.explicacao
    )


# --- Portaria 206/2008, Anexo II, item 4, d) e i) --------------------------------------------------


@pytest.mark.parametrize(("reformulacoes", "nota"), [(0, 2), (1, 2), (2, 1), (4, 0), (10, 0)])
def test_anexo_ii_d_reformulacoes_nas_faixas(reformulacoes, nota):
    """Portaria 206/2008, Anexo II, item 4, d): acima de três → 0; duas → 1; uma ou nenhuma → 2 — sem
    leitura a mostrar."""
    n = r.nota_reformulacoes(reformulacoes)
    assert (n.nota, n.leitura) == (nota, "")
    assert n.faixa == r.ESCALAS_QUALITATIVAS["d"][nota]


def test_anexo_ii_d_tres_reformulacoes_fora_das_faixas_com_a_leitura_aplicada():
    """Portaria 206/2008, Anexo II, item 4, d): exatamente três não está em faixa alguma; a nota traz a
    leitura aplicada (padrão: 1, pois três não está “acima de três”) e a faixa o diz; a outra leitura
    (0) é configurável."""
    padrao = r.nota_reformulacoes(3)
    assert padrao.nota == 1 and r.LEITURA_TRES_REFORMULACOES_PADRAO == "nota_1"
    assert "exatamente três não cabem em faixa alguma" in padrao.leitura and "nota 1" in padrao.leitura
    assert "fora das faixas do Anexo II" in padrao.faixa and len(padrao.faixa) <= 200
    zero = r.nota_reformulacoes(3, "nota_0")
    assert zero.nota == 0 and "nota 0" in zero.leitura
    with pytest.raises(ErroValidacao):
        r.nota_reformulacoes(3, "nota_2")
    for ruim in (-1, True, 2.5):
        with pytest.raises(ErroValidacao):
            r.nota_reformulacoes(ruim)


def test_anexo_ii_i_zero_aditivos_recebe_dois_e_a_leitura_e_dita():
    """Portaria 206/2008, Anexo II, item 4, i): a nota 2 é de quem executa no prazo "com 01 (um) aditivo
    de prazo"; zero aditivos é lido como “até um” e recebe 2 — e a nota diz essa leitura; com um
    aditivo, a faixa é a do texto e não há leitura a dizer."""
    zero = r.nota_obras(D("0"), 0)
    assert zero.nota == 2 and zero.leitura == r.LEITURA_OBRAS_SEM_ADITIVO
    assert "“com 01 (um) aditivo de prazo”" in zero.leitura and "sem aditivo algum" in zero.leitura
    um = r.nota_obras(D("0"), 1)
    assert (um.nota, um.leitura) == (2, "")
    assert r.nota_obras(D("0.01"), 0).leitura == ""  # com atraso não é 2: nada a dizer


def test_anexo_ii_leituras_das_escalas_para_a_tela():
    """Portaria 206/2008, Anexo II, item 4: a tela lista as leituras de a), d) (com a configurada) e i)."""
    textos = r.leituras_das_escalas("nota_0")
    assert [t[:2] for t in textos] == ["a)", "d)", "i)"]
    assert "Leitura aplicada: nota 0" in textos[1] and textos[2] == r.LEITURA_OBRAS_SEM_ADITIVO
