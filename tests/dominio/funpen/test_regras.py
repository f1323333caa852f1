"""Regras do FUNPEN e das cotas da PNAT (dominio/funpen/regras.py), nos limites exatos,
cada teste citando o artigo que prova."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from decimal import localcontext

import pytest

from core.erros import ErroValidacao
from dominio.funpen import regras as r
from tests.apoio.funpen import CNPJS

# --- Decreto 9.450/2018, art. 5º: cotas da PNAT ---------------------------------------------


def test_art5_contrato_so_acima_de_330_mil():
    """Decreto 9.450/2018, art. 5º: valor anual *acima* de R$ 330.000,00."""
    assert r.contrato_sujeito_a_cotas(D("330000.00")) is False
    assert r.contrato_sujeito_a_cotas(D("330000.01")) is True
    res = r.avaliar_cota_contrato(valor_anual=D("330000.00"), trabalhadores=500, ppl=0, egressos=0)
    assert res.situacao == r.NAO_SE_APLICA and not res.aplicavel and "R$ 330.000,00" in res.resultado.explicacao


@pytest.mark.parametrize(
    "trab,pct", [(0, 3), (1, 3), (200, 3), (201, 4), (500, 4), (501, 5), (1000, 5), (1001, 6), (50000, 6)]
)
def test_art5_faixas_de_percentual(trab, pct):
    """Decreto 9.450/2018, art. 5º: 3% até 200; 4% de 201 a 500; 5% de 501 a 1.000; 6% acima."""
    assert r.percentual_cota(trab) == D(pct)


def test_art5_faixas_em_palavras_vem_da_tabela():
    """Decreto 9.450/2018, art. 5º: o texto das faixas sai da mesma tabela que a conferência usa."""
    assert r.faixas_cota_em_palavras() == (
        "3% até 200 trabalhadores, 4% de 201 a 500, 5% de 501 a 1.000 e 6% acima de 1.000"
    )
    outra = ((100, D(2)), (None, D("7.5")))
    assert r.faixas_cota_em_palavras(outra) == "2% até 100 trabalhadores e 7,5% acima de 100"


def test_art5_mudar_a_tabela_muda_a_conferencia_e_o_texto(monkeypatch):
    """Decreto 9.450/2018, art. 5º: trocar `FAIXAS_COTA_PNAT` muda o percentual conferido e a
    regra escrita na página de cotas (dominio/funpen/servicos.py), sem outro lugar a editar."""
    from dominio.funpen import servicos as funpen

    monkeypatch.setattr(r, "FAIXAS_COTA_PNAT", ((300, D(3)), (None, D(7))))
    assert r.percentual_cota(250) == D(3) and r.percentual_cota(301) == D(7)
    texto = funpen.regra_cotas_em_palavras()
    assert "3% até 300 trabalhadores e 7% acima de 300" in texto
    assert "201 a 500" not in texto


@pytest.mark.parametrize(
    "trab,cima,baixo",
    [(200, 6, 6), (201, 9, 8), (50, 2, 1), (500, 20, 20), (501, 26, 25), (1000, 50, 50), (1001, 61, 60), (10, 1, 0)],
)
def test_art5_arredondamento_configuravel(trab, cima, baixo):
    """Decreto 9.450/2018, art. 5º: o arredondamento de frações não consta das fontes (configuração ARREDONDAMENTO_COTAS):
    "para_cima" (padrão) e "para_baixo"."""
    assert r.vagas_exigidas(trab) == cima
    assert r.vagas_exigidas(trab, "para_cima") == cima
    assert r.vagas_exigidas(trab, "para_baixo") == baixo
    with pytest.raises(ErroValidacao, match="arredondamento"):
        r.vagas_exigidas(trab, "matematico")


def test_art5_cumprimento_ppl_mais_egressos():
    """Decreto 9.450/2018, art. 5º: cumpre quando PPL + egressos ≥ vagas exigidas."""
    v = D("330000.01")
    ok = r.avaliar_cota_contrato(valor_anual=v, trabalhadores=201, ppl=5, egressos=4)  # exige 9
    assert ok.situacao == r.ATENDE and ok.exigidas == 9 and ok.contratados == 9 and ok.percentual == D(4)
    falta = r.avaliar_cota_contrato(valor_anual=v, trabalhadores=201, ppl=5, egressos=3)
    assert falta.situacao == r.NAO_ATENDE and "faltam 1" in falta.resultado.explicacao
    baixo = r.avaliar_cota_contrato(valor_anual=v, trabalhadores=201, ppl=5, egressos=3, arredondamento="para_baixo")
    assert baixo.situacao == r.ATENDE and baixo.exigidas == 8
    assert ok.resultado.artigo == "Decreto 9.450/2018, art. 5º"
    with pytest.raises(ErroValidacao, match="PPL contratadas"):
        r.avaliar_cota_contrato(valor_anual=v, trabalhadores=10, ppl=-1, egressos=0)


# --- Portaria 250/2015 ----------------------------------------------------------------------


def test_art14_contrapartida_cme_10_e_20_por_cento_exatos():
    """Portaria 250/2015, art. 14: CME ≥ 10% (N/NE/CO) e ≥ 20% (SE/S) do valor total."""
    total = D("1000000.00")
    assert (
        r.avaliar_contrapartida(
            programa="cme", regiao="Norte", valor_total=total, contrapartida=D("100000.00")
        ).situacao
        == r.ATENDE
    )
    nao = r.avaliar_contrapartida(programa="cme", regiao="Nordeste", valor_total=total, contrapartida=D("99900.00"))
    assert nao.situacao == r.NAO_ATENDE and "9,99%" in nao.explicacao and "10%" in nao.explicacao
    # um centavo abaixo dos 10% já não atende
    assert (
        r.avaliar_contrapartida(
            programa="cme", regiao="Centro-Oeste", valor_total=total, contrapartida=D("99999.99")
        ).situacao
        == r.NAO_ATENDE
    )
    assert (
        r.avaliar_contrapartida(
            programa="cme", regiao="Sudeste", valor_total=total, contrapartida=D("200000.00")
        ).situacao
        == r.ATENDE
    )
    assert (
        r.avaliar_contrapartida(programa="cme", regiao="Sul", valor_total=total, contrapartida=D("199900.00")).situacao
        == r.NAO_ATENDE
    )
    assert "art. 14" in nao.artigo


def test_art23_contrapartida_ciap_2_5_e_5_por_cento():
    """Portaria 250/2015, art. 23, § 1º: CIAP ≥ 2,5% (N/NE/CO) e ≥ 5% (SE/S)."""
    total = D("400000.00")
    assert r.percentual_contrapartida_minima("ciap", "Norte") == D("2.5")
    assert (
        r.avaliar_contrapartida(
            programa="ciap", regiao="Norte", valor_total=total, contrapartida=D("10000.00")
        ).situacao
        == r.ATENDE
    )  # 2,5% exatos
    assert (
        r.avaliar_contrapartida(programa="ciap", regiao="Norte", valor_total=total, contrapartida=D("9999.99")).situacao
        == r.NAO_ATENDE
    )
    assert (
        r.avaliar_contrapartida(programa="ciap", regiao="Sul", valor_total=total, contrapartida=D("20000.00")).situacao
        == r.ATENDE
    )  # 5% exatos
    res = r.avaliar_contrapartida(programa="ciap", regiao="Sul", valor_total=total, contrapartida=D("19960.00"))
    assert res.situacao == r.NAO_ATENDE and "4,99%" in res.explicacao and "art. 23" in res.artigo
    assert (
        r.avaliar_contrapartida(programa="ciap", regiao="Sul", valor_total=D("0"), contrapartida=D("0")).situacao
        == r.A_VERIFICAR
    )
    with pytest.raises(ErroValidacao, match="região"):
        r.percentual_contrapartida_minima("cme", "Atlântida")


def test_arts_13_e_22_vigencia_maxima():
    """Portaria 250/2015, art. 13 (CME ≤ 30 meses) e art. 22 (CIAP ≤ 48 meses)."""
    assert r.avaliar_vigencia(programa="cme", meses=30).situacao == r.ATENDE
    assert r.avaliar_vigencia(programa="cme", meses=31).situacao == r.NAO_ATENDE
    assert r.avaliar_vigencia(programa="ciap", meses=48).situacao == r.ATENDE
    res = r.avaliar_vigencia(programa="ciap", meses=49)
    assert res.situacao == r.NAO_ATENDE and res.artigo.endswith("art. 22")
    assert r.avaliar_vigencia(programa="cme", meses=None).situacao == r.A_VERIFICAR
    assert r.avaliar_vigencia(programa="cme", meses=0).situacao == r.NAO_ATENDE


def test_arts_13_e_22_uma_proposta_por_uf():
    """Portaria 250/2015, arts. 13 e 22: uma proposta por UF em cada programa."""
    assert r.avaliar_proposta_unica(programa="cme", uf="PA", outras_da_uf_no_programa=0).situacao == r.ATENDE
    res = r.avaliar_proposta_unica(programa="ciap", uf="PA", outras_da_uf_no_programa=1)
    assert res.situacao == r.NAO_ATENDE and "art. 22" in res.artigo


def _cot(i, cnpj=None, contato="(61) 3333-0000", nome=None):
    return r.Cotacao(
        fornecedor=nome if nome is not None else f"Fornecedor {i}", cnpj=cnpj or CNPJS[i % 3], contato=contato
    )


def test_art2_par1_tres_cotacoes_com_cnpj_valido():
    """Portaria 250/2015, art. 2º, § 1º: ≥ 3 cotações por item com nome, CNPJ e contato."""
    tres = r.ItemCotado("Tornozeleiras", tuple(_cot(i) for i in range(3)))
    assert r.avaliar_cotacoes([tres]).situacao == r.ATENDE
    duas = r.ItemCotado("Mobiliário", tuple(_cot(i) for i in range(2)))
    res = r.avaliar_cotacoes([tres, duas])
    assert res.situacao == r.NAO_ATENDE and "“Mobiliário” tem 2" in res.explicacao
    cnpj_ruim = r.ItemCotado("Computadores", (_cot(0), _cot(1), _cot(2, cnpj="11.222.333/0001-00")))
    res = r.avaliar_cotacoes([cnpj_ruim])
    assert res.situacao == r.NAO_ATENDE and "dígitos verificadores" in res.explicacao
    sem_contato = r.ItemCotado("Veículo", (_cot(0), _cot(1), _cot(2, contato=" ")))
    assert "sem contato" in r.avaliar_cotacoes([sem_contato]).explicacao
    assert r.avaliar_cotacoes([]).situacao == r.A_VERIFICAR


def test_art3_despesas_vedadas_com_inciso():
    """Portaria 250/2015, art. 3º, I–XI: categorias vedadas, cada uma com seu inciso."""
    incisos = [v[0] for v in r.CATEGORIAS_DESPESA.values() if v[0]]
    assert incisos == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
    assert r.despesa_vedada("taxa_administracao") == "I"
    assert r.despesa_vedada("manutencao_geral") == "X"
    assert r.despesa_vedada("equipamentos") is None
    assert r.avaliar_despesas(["equipamentos", "equipe_tecnica"]).situacao == r.ATENDE
    res = r.avaliar_despesas(["equipamentos", "publicidade", "taxa_administracao"])
    assert res.situacao == r.NAO_ATENDE and res.explicacao.index("inciso I)") < res.explicacao.index("inciso VIII")
    with pytest.raises(ErroValidacao):
        r.despesa_vedada("festa")


def test_art7_estudo_de_demanda_e_art8_meta_de_reducao():
    """Portaria 250/2015, art. 7º, § 1º (estudo de demanda) e art. 8º (meta de redução)."""
    assert (
        r.avaliar_estudo_demanda(flagrantes_mes=320, presos_provisorios=4100, perfil="70% sem antecedentes").situacao
        == r.ATENDE
    )
    res = r.avaliar_estudo_demanda(flagrantes_mes=None, presos_provisorios=4100, perfil="")
    assert res.situacao == r.NAO_ATENDE and "flagrante" in res.explicacao and "perfil" in res.explicacao
    assert r.avaliar_meta_reducao(D("15")).situacao == r.ATENDE
    assert r.avaliar_meta_reducao(None).situacao == r.NAO_ATENDE
    assert r.avaliar_meta_reducao(D("0")).situacao == r.NAO_ATENDE


def test_art9_paragrafo_unico_cme_sem_alternativas_penais():
    """Portaria 250/2015, art. 9º, parágrafo único: sem política de alternativas penais, só com CIAP conjunta."""
    assert r.avaliar_politica_alternativas(politica_alternativas=True, ciap_conjunta=False).situacao == r.ATENDE
    assert r.avaliar_politica_alternativas(politica_alternativas=False, ciap_conjunta=True).situacao == r.ATENDE
    res = r.avaliar_politica_alternativas(politica_alternativas=False, ciap_conjunta=False)
    assert res.situacao == r.NAO_ATENDE and "parágrafo único" in res.artigo


def test_art15_coordenador_e_art2_proponente():
    """Portaria 250/2015, art. 15 (coordenador) e art. 2º (proponente legitimado)."""
    assert r.avaliar_coordenador("Maria da Silva").situacao == r.ATENDE
    assert r.avaliar_coordenador("  ").situacao == r.NAO_ATENDE
    assert r.avaliar_proponente_250(orgao_executivo_uf=True, declaracao_metas_cnpcp=True).situacao == r.ATENDE
    assert r.avaliar_proponente_250(orgao_executivo_uf=False, declaracao_metas_cnpcp=True).situacao == r.NAO_ATENDE
    assert r.avaliar_proponente_250(orgao_executivo_uf=True, declaracao_metas_cnpcp=False).situacao == r.NAO_ATENDE


# --- Portaria 206/2008 ----------------------------------------------------------------------


@pytest.mark.parametrize("natureza,teto", [("coordenacao", "4000.00"), ("tecnica", "3000.00"), ("estagio", "600.00")])
def test_art13_anexo_i_limites_de_remuneracao(natureza, teto):
    """Portaria 206/2008, art. 13 e Anexo I: igual ao teto atende; R$ 0,01 acima não."""
    assert r.avaliar_remuneracao(natureza=natureza, valor_mensal=D(teto)).situacao == r.ATENDE
    acima = r.avaliar_remuneracao(natureza=natureza, valor_mensal=D(teto) + D("0.01"), nome="Fulana")
    assert acima.situacao == r.NAO_ATENDE and acima.explicacao.startswith("Fulana — R$ ")
    assert "Anexo I" in acima.artigo


def test_art2_par1_janela_de_registro_configuravel():
    """Portaria 206/2008, art. 2º, §§ 1º e 4º: 08/01/2009 a 05/04/2009, sem prorrogação."""
    assert r.avaliar_janela_registro(date(2009, 1, 8)).situacao == r.ATENDE
    assert r.avaliar_janela_registro(date(2009, 4, 5)).situacao == r.ATENDE
    assert r.avaliar_janela_registro(date(2009, 1, 7)).situacao == r.NAO_ATENDE
    res = r.avaliar_janela_registro(date(2009, 4, 6))
    assert res.situacao == r.NAO_ATENDE and "08/01/2009 a 05/04/2009" in res.explicacao
    assert r.avaliar_janela_registro(None).situacao == r.A_VERIFICAR
    assert r.avaliar_janela_registro(date(2025, 3, 1), date(2025, 2, 1), date(2025, 3, 1)).situacao == r.ATENDE


def test_arts_6_a_9_declaracoes_por_tipo_de_proponente():
    """Portaria 206/2008, arts. 6º (I–III), 7º, 8º (caput, I, II, parágrafo único) e 9º."""
    assert r.declaracoes_exigidas("orgao_penitenciario") == ("metas_cnpcp", "comissao_classificacao", "infopen")
    assert r.declaracoes_exigidas("judiciario") == ("colaboracao_judiciario", "articulacao_politica")
    assert "articulacao_politica" in r.declaracoes_exigidas("ong")
    assert "qualificacoes_titulos" in r.declaracoes_exigidas("organismo_internacional")
    assert r.declaracoes_exigidas("outro") == ("articulacao_politica",)
    res = r.avaliar_declaracoes("orgao_penitenciario", {"metas_cnpcp", "infopen"})
    assert [x.situacao for x in res] == [r.ATENDE, r.NAO_ATENDE, r.ATENDE]
    assert res[1].artigo == "Portaria DEPEN 206/2008, art. 6º, II"
    oi = r.avaliar_declaracoes("organismo_internacional", {"pertinencia_estatutaria", "contribuicao_politicas"})
    assert [x.situacao for x in oi] == [r.ATENDE, r.ATENDE, r.A_VERIFICAR, r.NAO_ATENDE]
    with pytest.raises(ErroValidacao):
        r.declaracoes_exigidas("sindicato")


# --- Portaria 206/2008, Anexo II: notas qualitativas ------------------------------------------


@pytest.mark.parametrize("pct,nota", [("0", 2), ("2.99", 2), ("3", 1), ("9.9", 1), ("9.95", 1), ("10", 0), ("55", 0)])
def test_anexo_ii_a_inconsistencia_infopen(pct, nota):
    """Portaria 206/2008, Anexo II, item 4, a): ≥ 10% → 0; 3% a 9,9% → 1; < 3% → 2."""
    n = r.nota_inconsistencia_infopen(D(pct))
    assert n.nota == nota and n.faixa == r.ESCALAS_QUALITATIVAS["a"][nota]


@pytest.mark.parametrize(
    "presos,agentes,nota", [(2001, 100, 0), (2000, 100, 1), (501, 100, 1), (500, 100, 2), (0, 10, 2)]
)
def test_anexo_ii_f_presos_por_agente(presos, agentes, nota):
    """Portaria 206/2008, Anexo II, item 4, f): > 20 → 0; > 5 a 20 → 1; ≤ 5 → 2."""
    n = r.nota_presos_por_agente(presos, agentes)
    assert n.nota == nota and n.faixa == r.ESCALAS_QUALITATIVAS["f"][nota]


def test_anexo_ii_f_sem_agentes_e_erro():
    """Portaria 206/2008, Anexo II, item 4, f): razão indefinida sem agentes."""
    with pytest.raises(ErroValidacao, match="agentes"):
        r.nota_presos_por_agente(100, 0)


@pytest.mark.parametrize(
    "atraso,aditivos,nota",
    [("0", 0, 2), ("0", 1, 2), ("0", 2, 1), ("10", 0, 1), ("30", 0, 1), ("60", 3, 1), ("60.01", 0, 0), ("0", 4, 0)],
)
def test_anexo_ii_i_obras_e_aditivos(atraso, aditivos, nota):
    """Portaria 206/2008, Anexo II, item 4, i): > 60% ou > 3 aditivos → 0; no prazo com até 1 → 2; resto → 1."""
    assert r.nota_obras(D(atraso), aditivos).nota == nota


# --- Portaria 206/2008, Anexo II: índice penitenciário ----------------------------------------


def test_anexo_ii_fracao_ideal_negativo_e_total_zero():
    """Portaria 206/2008, Anexo II, item 5 (nota *): fração ideal; crescimento negativo conta 0; total 0 dá 0."""
    fr = r.fracoes_ideais({"AC": D(-5), "BA": D(5), "SP": D(15)}, negativo_conta_zero=True)
    assert fr == {"AC": D(0), "BA": D("0.25"), "SP": D("0.75")}
    assert r.fracoes_ideais({"AC": D(0), "BA": D(0)}) == {"AC": D(0), "BA": D(0)}


def _tres_ufs():
    """Caso pequeno calculado à mão (ver comentários do teste)."""
    quali_ac = {c: 2 for c in r.CRITERIOS_QUALITATIVOS} | {"a": 0}
    quali_outros = {c: 1 for c in r.CRITERIOS_QUALITATIVOS} | {"a": 0}
    return {
        "AC": {
            "presos_100mil": 100,
            "crescimento": D("-5"),
            "territorio": 1,
            "populacao": 1,
            "servidores": 0,
            "pop_carceraria": 1,
            "pib_per_capita": 1,
            "idh": 2,
            **quali_ac,
        },
        "BA": {
            "presos_100mil": 100,
            "crescimento": D("5"),
            "territorio": 1,
            "populacao": 2,
            "servidores": 0,
            "pop_carceraria": 1,
            "pib_per_capita": 1,
            "idh": 1,
            **quali_outros,
        },
        "SP": {
            "presos_100mil": 200,
            "crescimento": D("15"),
            "territorio": 2,
            "populacao": 1,
            "servidores": 0,
            "pop_carceraria": 2,
            "pib_per_capita": 2,
            "idh": 1,
            **quali_outros,
        },
    }


def _q(num, den):
    with localcontext() as ctx:
        ctx.prec = 34
        return D(num) / D(den)


def _perto(a, b):
    assert abs(a - b) < D("1e-25"), (a, b)


def test_anexo_ii_indice_tres_ufs_calculado_a_mao():
    """Portaria 206/2008, Anexo II, item 5, na leitura adotada (docs/dominio.md).

    Frações ideais (AC, BA, SP):
      presos/100 mil 100,100,200 → ¼ ¼ ½ (peso 2); crescimento −5,5,15 → 0 ¼ ¾ (peso 1, negativo conta 0);
      território 1,1,2 → ¼ ¼ ½ (0,5); população 1,2,1 → ¼ ½ ¼ (1); servidores 0,0,0 → 0 0 0 (1, total zero);
      pop. carcerária 1,1,2 → ¼ ¼ ½ (2). Σ pesos = 7,5.
      Q_AC = (2·¼ + 0 + 0,5·¼ + ¼ + 0 + 2·¼)/7,5 = 1,375/7,5 = 11/60
      Q_BA = (0,5 + 0,25 + 0,125 + 0,5 + 0 + 0,5)/7,5 = 1,875/7,5 = 1/4
      Q_SP = (1 + 0,75 + 0,25 + 0,25 + 0 + 1)/7,5 = 3,25/7,5 = 13/30
    Qualitativos: a) todos 0 → frações 0; b)–j) AC 2, BA 1, SP 1 → ½ ¼ ¼. L = 9/10 da fração:
      L_AC = 0,45; L_BA = L_SP = 0,225
    Ib = (Q + L)/2: AC 19/60; BA 19/80; SP 79/240
    Correção (pesos 1 e 1): PIB 1,1,2 → ¼ ¼ ½; IDH 2,1,1 → ½ ¼ ¼. Ic: AC 3/8; BA 1/4; SP 3/8
    Ip = Ib·(1 − Ic): AC 19/60·5/8 = 19/96; BA 19/80·3/4 = 57/320; SP 79/240·5/8 = 79/384
      em 1920 avos: 380, 342, 395 → Σ = 1117/1920; participações 380/1117, 342/1117, 395/1117
    Orçamento R$ 1.000,00 = 100.000 centavos: AC 34.019,70; BA 30.617,73; SP 35.362,58 (centavos exatos)
      pisos 34.019 + 30.617 + 35.362 = 99.998 → sobram 2 centavos: maiores restos BA (0,726) e AC (0,696)
      → AC R$ 340,20; BA R$ 306,18; SP R$ 353,62; soma R$ 1.000,00.
    """
    linhas = {ln.uf: ln for ln in r.calcular_indice(_tres_ufs(), orcamento=D("1000.00"))}
    _perto(linhas["AC"].q, _q(11, 60))
    _perto(linhas["BA"].q, _q(1, 4))
    _perto(linhas["SP"].q, _q(13, 30))
    assert linhas["AC"].fracoes["crescimento"] == 0 and linhas["SP"].fracoes["servidores"] == 0
    assert linhas["AC"].fracoes["a"] == 0
    _perto(linhas["AC"].l, D("0.45"))
    _perto(linhas["BA"].l, D("0.225"))
    _perto(linhas["AC"].ib, _q(19, 60))
    _perto(linhas["SP"].ib, _q(79, 240))
    assert linhas["AC"].ic == D("0.375") and linhas["BA"].ic == D("0.25")
    _perto(linhas["AC"].ip, _q(19, 96))
    _perto(linhas["BA"].ip, _q(57, 320))
    _perto(linhas["SP"].ip, _q(79, 384))
    _perto(linhas["AC"].participacao, _q(380, 1117))
    _perto(linhas["SP"].participacao, _q(395, 1117))
    assert [linhas[u].alocacao for u in ("AC", "BA", "SP")] == [D("340.20"), D("306.18"), D("353.62")]
    assert sum(ln.alocacao for ln in linhas.values()) == D("1000.00")


def test_anexo_ii_pesos_editaveis():
    """Portaria 206/2008, Anexo II, item 2: pesos editáveis; só presos/100 mil com peso → Q é a fração dele."""
    pesos = {k: D(0) for k in r.CRITERIOS_QUANTITATIVOS} | {"presos_100mil": D(1)}
    linhas = {ln.uf: ln for ln in r.calcular_indice(_tres_ufs(), pesos=pesos)}
    assert linhas["SP"].q == D("0.5") and linhas["AC"].alocacao is None
    with pytest.raises(ErroValidacao, match="soma dos pesos"):
        r.calcular_indice(_tres_ufs(), pesos={k: D(0) for k in r.CRITERIOS_QUANTITATIVOS})
    with pytest.raises(ErroValidacao, match="negativo"):
        r.calcular_indice(_tres_ufs(), pesos={"idh": D(-1)})


def test_anexo_ii_valor_ausente_nomeia_uf_e_criterio():
    """Portaria 206/2008, Anexo II: valor ausente é erro com UF e critério, nunca zero silencioso."""
    dados = _tres_ufs()
    del dados["BA"]["idh"]
    dados["SP"]["f"] = None
    with pytest.raises(ErroValidacao) as exc:
        r.calcular_indice(dados)
    msg = str(exc.value)
    assert "Campo “IDH”: UF BA sem valor informado" in msg
    assert "Campo “f) Relação presos por agente penitenciário”: UF SP sem valor informado" in msg


def test_anexo_ii_notas_fora_da_escala_e_negativos():
    """Portaria 206/2008, Anexo II, item 4: notas só 0, 1 ou 2; valores brutos (salvo crescimento) ≥ 0."""
    dados = _tres_ufs()
    dados["AC"]["b"] = 3
    dados["BA"]["populacao"] = -1
    with pytest.raises(ErroValidacao) as exc:
        r.calcular_indice(dados)
    assert "UF AC: a nota deve ser 0, 1 ou 2" in str(exc.value) and "UF BA: o valor não pode ser negativo" in str(
        exc.value
    )


def test_anexo_ii_degenerados():
    """Portaria 206/2008, Anexo II: uma UF só recebe tudo; tudo zero não reparte orçamento."""
    so_uma = {"AC": _tres_ufs()["AC"]}
    ln = r.calcular_indice(so_uma)[0]
    # frações 1 em tudo (salvo crescimento negativo e servidores 0 → 0; a → 0): Q = (2+0+0,5+1+0+2)/7,5
    _perto(ln.q, _q(55, 75))
    assert ln.ic == 1 and ln.ip == 0 and ln.participacao == 0
    # Ic = 1 zera o Ip: sem índice, orçamento positivo não se reparte
    with pytest.raises(ErroValidacao, match="todos os índices são zero"):
        r.calcular_indice(so_uma, orcamento=D("10.00"))
    assert r.alocar_orcamento(D("0.00"), {"AC": D(0)}) == {"AC": D("0.00")}
    with pytest.raises(ErroValidacao, match="nenhuma UF"):
        r.calcular_indice({})


def test_anexo_ii_alocacao_soma_exata_e_deterministica():
    """Portaria 206/2008, Anexo II, item 1: a soma das alocações é o orçamento ao centavo."""
    pesos = {uf: D(1) for uf in ("AC", "AL", "AM")}
    assert r.alocar_orcamento(D("100.00"), pesos) == {"AC": D("33.34"), "AL": D("33.33"), "AM": D("33.33")}
    pesos = {f"U{i:02d}": D(i + 1) / D(7) for i in range(27)}
    for orc in (D("0.01"), D("1234567.89"), D("0.26")):
        assert sum(r.alocar_orcamento(orc, pesos).values()) == orc
    with pytest.raises(ErroValidacao):
        r.alocar_orcamento(D("1.001"), pesos)
