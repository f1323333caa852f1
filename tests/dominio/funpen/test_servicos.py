"""Serviços do FUNPEN e das cotas (dominio/funpen/servicos.py): permissões no serviço, importação
de planilhas brasileiras tudo-ou-nada, cenários (gravar, comparar, XLSX), checklist e
parecer em PDF, cumprimento das cotas por contrato e por UF, demonstração idempotente."""

from __future__ import annotations

import dataclasses
import io
from decimal import Decimal as D

import pandas as pd
import pytest
from sqlmodel import func, select

from core.banco import sessao
from core.erros import AcessoNegado, ErroValidacao
from dominio.funpen import regras
from dominio.funpen import servicos as funpen
from models.funpen import (
    CATEGORIAS_DESPESA,
    CRITERIOS_INDICE,
    CenarioIndice,
    ContratoPublico,
    EquipeProposta,
    PropostaFunpen,
    ValorIndiceUF,
)
from tests.apoio.banco import contar

UFS = {"AC", "BA", "SP", "RJ", "PR"}
CAB = (
    "UF;presos_100mil;crescimento;territorio;populacao;servidores;pop_carceraria;pib_per_capita;idh;"
    "a;b;c;d;e;f;g;h;i;j;inconsistencia_pct;presos;agentes;obras_atraso_pct;aditivos;fonte"
)


def _csv(*linhas: str, codificacao="utf-8") -> bytes:
    return ("\n".join([CAB, *linhas]) + "\n").encode(codificacao)


LINHA_AC = "AC;520;-1,5;164.124;830.000;1.200;4.316;23.500,00;0,710;2;1;2;1;0;;2;1;2;2;;4316;480;;;INFOPEN (fictício)"
LINHA_BA = "BA;190;3,3;564.760;14.140.000;2.000;26.866;22.000,00;0,691;;1;1;2;2;1;1;2;;2;12,5;;;35;2;Secretaria"
LINHA_SP = "SP;450;1,4;248.219;44.410.000;12.000;199.845;55.000,00;0,806;1;2;2;2;2;0;2;2;1;2;;;;;;"


def test_modelos_e_regras_usam_os_mesmos_codigos():
    """Portaria 206/2008, Anexo II e Portaria 250/2015, art. 3º: os CHECKs do banco batem com as regras."""
    assert set(CRITERIOS_INDICE) == set(funpen.CRITERIOS_ENTRADA)
    assert set(CATEGORIAS_DESPESA) == set(regras.CATEGORIAS_DESPESA)


def test_permissoes_no_servico(demo_usuarios):
    cnmp, pf = demo_usuarios["cnmp"], demo_usuarios["pf_grupo"]
    assert funpen.listar_cenarios(cnmp) and not funpen.tabela_propostas(cnmp).empty
    with pytest.raises(AcessoNegado, match="Comissão CNMP"):
        funpen.salvar_contrato(
            cnmp, funpen.DadosContrato("1/2025", "Órgão", "DF", "Objeto", "1,00", 1, 0, 0, "01/01/2025")
        )
    with pytest.raises(AcessoNegado):
        funpen.salvar_proposta(cnmp, funpen.DadosProposta("cme", "DF", "T", "O", "1,00", "0,00"))
    with pytest.raises(AcessoNegado):
        funpen.salvar_cenario(cnmp, nome="x", ano_referencia=2025, entrada=funpen.EntradaIndice())
    for f in (funpen.listar_cenarios, funpen.tabela_propostas, funpen.cumprimento_por_uf):
        with pytest.raises(AcessoNegado):
            f(pf)
    with pytest.raises(AcessoNegado, match="entrar no sistema"):
        funpen.tabela_contratos(None)


@pytest.mark.parametrize(
    "texto,valor",
    [
        ("1.234,56", "1234.56"),
        ("-3,5", "-3.5"),
        ("0,774", "0.774"),
        ("12.345", "12345"),
        ("0.774", "0.774"),
        ("1.234.567", "1234567"),
        ("42", "42"),
        ("12,5%", "12.5"),
        (0.7, "0.7"),
        (3, "3"),
    ],
)
def test_ler_numero_formato_brasileiro(texto, valor):
    assert funpen.ler_numero(texto) == D(valor)


def test_importa_csv_brasileiro_com_notas_de_dados_brutos():
    """Portaria 206/2008, Anexo II, item 4: a, f e i calculadas dos dados brutos quando a nota vem vazia."""
    e = funpen.ler_planilha_indice(_csv(LINHA_AC, LINHA_BA, LINHA_SP, codificacao="cp1252"), "dados.csv", UFS)
    assert sorted(e.valores) == ["AC", "BA", "SP"]
    assert e.valores["AC"]["crescimento"] == D("-1.5") and e.valores["AC"]["territorio"] == D(164124)
    assert e.valores["AC"]["idh"] == D("0.710") and e.valores["AC"]["pib_per_capita"] == D("23500.00")
    assert e.valores["AC"]["f"] == 1 and e.faixas["AC"]["f"] == "acima de 5 até 20 presos por agente"  # 4316/480 ≈ 9
    assert e.valores["BA"]["a"] == 0 and e.faixas["BA"]["a"] == "inconsistência de 10% ou superior"  # 12,5%
    assert e.valores["BA"]["i"] == 1  # 35% em atraso
    assert e.fontes["AC"] == "INFOPEN (fictício)"
    df = funpen.calcular(e, orcamento=D("1000000.00"))
    assert sum(df["Alocação"]) == D("1000000.00") and list(df["Posição"]) == [1, 2, 3]


def test_importacao_tudo_ou_nada_com_linha_e_campo():
    ruim = _csv(
        LINHA_AC.replace(";0,710;", ";0,7x;"),
        LINHA_BA.replace("BA;", "XX;", 1),
        LINHA_SP.replace(";1;2;2;2;2;0;", ";1;2;2;2;5;0;"),
        LINHA_AC,
    )
    with pytest.raises(ErroValidacao) as exc:
        funpen.ler_planilha_indice(ruim, "dados.csv", UFS)
    msg = str(exc.value)
    assert "Linha 2, campo “IDH”: UF AC: “0,7x” não é um número" in msg
    assert "Linha 3, campo “UF”: “XX” não é uma UF" in msg
    assert (
        "Linha 4, campo “e) Plano Nacional de Saúde no Sistema Penitenciário”: UF SP: a nota deve ser 0, 1 ou 2" in msg
    )
    assert "Linha 5, campo “UF”: AC aparece mais de uma vez" in msg
    sem_valor = _csv(LINHA_SP.replace("SP;450;", "SP;;", 1))
    with pytest.raises(
        ErroValidacao, match="Linha 2, campo “Presos por 100.000 habitantes”: UF SP sem valor informado"
    ):
        funpen.ler_planilha_indice(sem_valor, "d.csv", UFS)
    sem_bruto = _csv(LINHA_SP.replace(";1;2;2;2;2;0;2;2;1;2;", ";;2;2;2;2;0;2;2;1;2;", 1))
    with pytest.raises(ErroValidacao, match="sem nota e sem “a\\) inconsistência do InfoPen \\(%\\)”"):
        funpen.ler_planilha_indice(sem_bruto, "d.csv", UFS)
    with pytest.raises(ErroValidacao, match="coluna desconhecida “lixo”"):
        funpen.ler_planilha_indice((b"UF;lixo\nAC;1\n"), "d.csv", UFS)
    with pytest.raises(ErroValidacao, match="envie CSV ou XLSX"):
        funpen.ler_planilha_indice(b"x", "dados.ods", UFS)


def test_importa_xlsx_com_numeros_e_textos():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(CAB.split(";"))
    for linha in (LINHA_AC, LINHA_SP):
        celulas = linha.split(";")
        ws.append(
            [float(c.replace(".", "").replace(",", ".")) if i in (1, 3, 8) and c else c for i, c in enumerate(celulas)]
        )
    buf = io.BytesIO()
    wb.save(buf)
    e = funpen.ler_planilha_indice(buf.getvalue(), "dados.xlsx", UFS)
    assert e.valores["AC"]["territorio"] == D(164124) and e.valores["SP"]["idh"] == D("0.806")


def test_cenario_grava_compara_e_exporta_xlsx(banco_limpo, demo_usuarios):
    from openpyxl import load_workbook

    dmf = demo_usuarios["dmf"]
    e = funpen.ler_planilha_indice(_csv(LINHA_AC, LINHA_BA, LINHA_SP), "dados.csv", UFS)
    antes = contar(CenarioIndice)
    with pytest.raises(ErroValidacao, match="Campo “nome do cenário”: informe um nome"):
        funpen.salvar_cenario(dmf, nome=" ", ano_referencia=2025, entrada=e)
    with pytest.raises(ErroValidacao, match="soma dos pesos"):
        funpen.salvar_cenario(
            dmf, nome="Zerado", ano_referencia=2025, entrada=e, pesos={k: D(0) for k in regras.CRITERIOS_CORRECAO}
        )
    assert contar(CenarioIndice) == antes
    a = funpen.salvar_cenario(dmf, nome="Três UFs", ano_referencia=2025, entrada=e, orcamento=D("100.00"))
    b = funpen.salvar_cenario(
        dmf,
        nome="Três UFs sem território",
        ano_referencia=2025,
        entrada=e,
        pesos={"territorio": D(0)},
        orcamento=D("100.00"),
    )
    with pytest.raises(ErroValidacao, match="já existe"):
        funpen.salvar_cenario(dmf, nome="Três UFs", ano_referencia=2025, entrada=e)
    c, lida = funpen.carregar_cenario(dmf, a.id)
    assert lida.valores == e.valores and lida.faixas["AC"]["f"] == e.faixas["AC"]["f"]
    assert c.criado_por == "dmf@demo.pnat.jus.br" and funpen.pesos_do_cenario(b)["territorio"] == 0
    comp = funpen.comparar_cenarios(demo_usuarios["cnmp"], [a.id, b.id])
    assert list(comp["UF"]) == ["AC", "BA", "SP"]
    assert sum(comp["Diferença de alocação"]) == 0  # os dois repartem os mesmos R$ 100,00
    assert abs(comp["Diferença de participação (p.p.)"].sum()) < 1e-3
    wb = load_workbook(io.BytesIO(funpen.xlsx_cenarios(dmf, [a.id, b.id])))
    assert wb.sheetnames == ["Três UFs", "Três UFs sem território", "Comparação", "Fórmula"]
    cab = [c.value for c in wb["Três UFs"][1]]
    for coluna in ("Q", "L", "Ib", "Ic", "Ip", "Participação (%)", "Alocação", "Fração: IDH"):
        assert coluna in cab
    alocs = [r[cab.index("Alocação")] for r in wb["Três UFs"].iter_rows(min_row=2, values_only=True)]
    assert round(sum(alocs), 2) == 100.0
    assert "Ip = Ib − Ib × Ic." in [r[0] for r in wb["Fórmula"].iter_rows(values_only=True)]
    with sessao() as s:
        assert (
            s.exec(select(func.count()).select_from(ValorIndiceUF).where(ValorIndiceUF.cenario_id == a.id)).one()
            == 3 * 18
        )


def _proposta_sp(demo_usuarios) -> PropostaFunpen:
    with sessao() as s:
        return s.exec(select(PropostaFunpen).where(PropostaFunpen.uf_sigla == "SP")).one()


def test_checklist_da_demonstracao_cita_artigos(demo_usuarios):
    """Portaria 250/2015, arts. 3º e 14; Portaria 206/2008, art. 13 e Anexo I (proposta de SP da demonstração)."""
    res = funpen.checklist(demo_usuarios["cnmp"], _proposta_sp(demo_usuarios).id)
    por_regra = {r.regra: r for r in res}
    assert por_regra["Contrapartida mínima"].situacao == regras.NAO_ATENDE
    assert (
        "15%" in por_regra["Contrapartida mínima"].explicacao and "20%" in por_regra["Contrapartida mínima"].explicacao
    )
    assert (
        por_regra["Despesas vedadas"].situacao == regras.NAO_ATENDE
        and "inciso VIII" in por_regra["Despesas vedadas"].explicacao
    )
    assert por_regra["Remuneração: Coordenação"].situacao == regras.NAO_ATENDE
    assert por_regra["Coordenador responsável"].artigo == "Portaria DEPEN 250/2015, art. 15"
    with sessao() as s:
        pa = s.exec(
            select(PropostaFunpen).where(PropostaFunpen.uf_sigla == "PA", PropostaFunpen.programa == "cme")
        ).one()
        rs = s.exec(select(PropostaFunpen).where(PropostaFunpen.uf_sigla == "RS")).one()
    assert all(r.situacao == regras.ATENDE for r in funpen.checklist(demo_usuarios["cnmp"], pa.id))
    rs_res = {r.regra: r.situacao for r in funpen.checklist(demo_usuarios["cnmp"], rs.id)}
    assert rs_res["Política de alternativas penais"] == regras.NAO_ATENDE
    assert rs_res["Registro no período"] == regras.A_VERIFICAR


def test_parecer_pdf_tem_secoes_e_numeros(demo_usuarios):
    from pypdf import PdfReader

    p = _proposta_sp(demo_usuarios)
    pdf = funpen.parecer_pdf(demo_usuarios["cnmp"], p.id)
    assert pdf.startswith(b"%PDF")
    texto = "\n".join(pg.extract_text() for pg in PdfReader(io.BytesIO(pdf)).pages)
    for trecho in (
        "Parecer técnico",
        "1. Identificação",
        "2. Valores",
        "3. Checklist de conformidade",
        "4. Itens e cotações",
        "5. Equipe",
        "6. Conclusão",
        "R$ 5.000.000,00",
        "R$ 750.000,00",
        "R$ 4.250.000,00",
        "NÃO ATENDE",
        "Portaria DEPEN 250/2015, art. 14",
        "R$ 4.500,00",
        "São Paulo (SP)",
        "deve ser diligenciada",
    ):
        assert trecho in texto.replace("\n", " ") or trecho in texto, trecho


def test_tabelas_da_proposta_devolvem_valores_crus(demo_usuarios):
    """Dinheiro em `Decimal` e CNPJ só com dígitos: quem formata para a tela é ui/funpen.py."""
    cnmp = demo_usuarios["cnmp"]
    p = _proposta_sp(demo_usuarios)
    props = funpen.tabela_propostas(cnmp).set_index("id")
    assert props.loc[p.id, "Valor total"] == p.valor_total and isinstance(props.loc[p.id, "Contrapartida"], D)
    itens = funpen.itens_da_proposta(cnmp, p.id)
    assert not itens.empty and all(isinstance(v, D) for v in itens["Valor"])
    nome, cnpj, valor = itens["Fornecedores"].iloc[0][0]
    assert nome and cnpj.isdigit() and len(cnpj) == 14 and isinstance(valor, D)
    equipe = funpen.equipe_da_proposta(cnmp, p.id)
    with sessao() as s:
        gravada = s.exec(select(EquipeProposta).where(EquipeProposta.proposta_id == p.id)).all()
    assert list(equipe["Remuneração mensal"]) == [e.remuneracao_mensal for e in gravada]
    assert list(equipe["Limite (Anexo I)"]) == [regras.LIMITES_REMUNERACAO[e.natureza][1] for e in gravada]


def test_proposta_invalida_nao_grava_e_valida_em_portugues(banco_limpo, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    antes = contar(PropostaFunpen)
    dados = funpen.DadosProposta(
        programa="cme",
        uf_sigla="",
        titulo=" ",
        orgao_proponente="Secretaria",
        valor_total="abc",
        contrapartida="10,00",
        vigencia_meses="dez",
        data_registro="31/02/2015",
        meta_reducao_pct="150",
    )
    with pytest.raises(ErroValidacao) as exc:
        funpen.salvar_proposta(dmf, dados)
    msg = str(exc.value)
    for trecho in (
        "Campo “UF”: escolha uma UF",
        "Campo “título”: obrigatório",
        "Campo “valor total”: valor monetário inválido",
        "Campo “vigência (meses)”: “dez” não é um número inteiro",
        "Campo “data de registro”: data inválida",
        "Campo “meta de redução (%)”",
    ):
        assert trecho in msg, trecho
    assert contar(PropostaFunpen) == antes
    p = funpen.salvar_proposta(
        dmf,
        funpen.DadosProposta(
            "ciap", "AP", "CIAP Macapá", "Secretaria", "1.000,00", "25,00", vigencia_meses="48", meta_reducao_pct="12,5"
        ),
    )
    assert p.valor_total == D("1000.00") and p.meta_reducao_pct == D("12.50")
    with pytest.raises(ErroValidacao, match="cotação 1: CNPJ"):
        funpen.adicionar_item(
            dmf,
            p.id,
            funpen.DadosItem(
                "Mesa", "equipamentos", "100,00", [funpen.DadosCotacao("A", "11.222.333/0001-00", "x", "1,00")]
            ),
        )
    it = funpen.adicionar_item(
        dmf,
        p.id,
        funpen.DadosItem(
            "Mesa",
            "equipamentos",
            "100,00",
            [
                funpen.DadosCotacao(f"F{i}", cnpj, "(96) 3000-0000", "100,00")
                for i, cnpj in enumerate(["11222333000181", "99900101000186", "99900102000120"])
            ],
        ),
    )
    funpen.adicionar_equipe(dmf, p.id, funpen.DadosEquipe("Estagiária", "estagio", "600,00"))
    res = {r.regra: r.situacao for r in funpen.checklist(dmf, p.id)}
    assert res["Cotações de preço"] == res["Contrapartida mínima"] == res["Remuneração: Estágio"] == regras.ATENDE
    funpen.excluir_item(dmf, it.id)
    assert funpen.itens_da_proposta(dmf, p.id).empty
    # trava otimista: versão antiga recusada
    from core.erros import ConflitoEdicao

    funpen.salvar_proposta(
        dmf,
        funpen.DadosProposta("ciap", "AP", "CIAP Macapá 2", "Secretaria", "1.000,00", "25,00"),
        ident=p.id,
        versao=p.versao,
    )
    with pytest.raises(ConflitoEdicao):
        funpen.salvar_proposta(
            dmf,
            funpen.DadosProposta("ciap", "AP", "CIAP Macapá 3", "Secretaria", "1.000,00", "25,00"),
            ident=p.id,
            versao=p.versao,
        )


def test_cotas_por_contrato_e_por_uf(banco_limpo, demo_usuarios):
    """Decreto 9.450/2018, art. 5º: contratos da demonstração no DF (um abaixo de R$ 330 mil)."""
    dmf = demo_usuarios["dmf"]
    df = funpen.tabela_contratos(dmf, uf=["DF"])
    assert len(df) == 3
    copa = df[df["Objeto"] == "Copeiragem"].iloc[0]
    assert copa["Situação"] == regras.NAO_SE_APLICA and pd.isna(copa["Vagas exigidas"])
    assert isinstance(copa["Valor anual"], D) and set(df["Situação"]) <= set(regras.SITUACOES)  # valores crus
    uf = funpen.cumprimento_por_uf(dmf).set_index("UF")
    assert len(uf) == 27
    # DF: limpeza 320 trab. → 4% = 12,8 → 13 (7+6 = 13, cumpre); apoio 610 → 5% = 30,5 → 31 (12+10 = 22, não cumpre)
    assert (uf.loc["DF", "Sujeitos à cota"], uf.loc["DF", "Cumprem"], uf.loc["DF", "Vagas exigidas"]) == (2, 1, 44)
    assert uf.loc["DF", "Vagas preenchidas"] == 13 + 22 and uf.loc["DF", "Contratos que cumprem (%)"] == 50.0
    assert uf.loc["AC", "Sujeitos à cota"] == 0 and "Situação" not in uf.columns  # a tela resume a situação
    antes = contar(ContratoPublico)
    with pytest.raises(ErroValidacao) as exc:
        funpen.salvar_contrato(
            dmf,
            funpen.DadosContrato("", "Órgão", "DF", "Limpeza", "1.000,001", "10", "8", "5", "2025-13-01", "01/01/2020"),
        )
    msg = str(exc.value)
    assert "Campo “número do contrato”: obrigatório" in msg and "mais de duas casas" in msg
    assert "passam do total de trabalhadores" in msg and "Campo “início”: data inválida" in msg
    assert contar(ContratoPublico) == antes
    c = funpen.salvar_contrato(
        dmf, funpen.DadosContrato("99/2025", "Órgão", "AC", "Limpeza", "330.000,01", "201", "5", "3", "01/02/2025")
    )
    assert funpen.avaliar_contrato(c, "para_cima").situacao == regras.NAO_ATENDE  # exige 9
    assert funpen.avaliar_contrato(c, "para_baixo").situacao == regras.ATENDE  # exige 8


def test_arredondamento_vem_da_configuracao(monkeypatch):
    from core.config import limpar_config

    assert funpen.arredondamento_cotas() == "para_cima"
    monkeypatch.setenv("ARREDONDAMENTO_COTAS", "para_baixo")
    limpar_config()
    try:
        assert funpen.arredondamento_cotas() == "para_baixo"
        assert "desprezadas" in funpen.regra_cotas_em_palavras()
    finally:
        monkeypatch.delenv("ARREDONDAMENTO_COTAS")
        limpar_config()


def test_demonstracao_idempotente(banco_limpo):
    from demo.demonstracao import carregar_demo

    antes = (contar(CenarioIndice), contar(PropostaFunpen), contar(ContratoPublico))
    assert antes[0] >= 2 and antes[1] == 6 and antes[2] >= 20
    carregar_demo()
    assert (contar(CenarioIndice), contar(PropostaFunpen), contar(ContratoPublico)) == antes
    with sessao() as s:
        ufs = s.exec(select(func.count(func.distinct(ValorIndiceUF.uf_sigla)))).one()
    assert ufs == 27


def test_percentual_exato_no_banco(banco_limpo, demo_usuarios):
    p = funpen.salvar_proposta(
        demo_usuarios["dmf"],
        funpen.DadosProposta("cme", "RR", "CME Boa Vista", "Secretaria", "100,00", "10,00", meta_reducao_pct="33,33"),
    )
    with sessao() as s:
        assert s.get(PropostaFunpen, p.id).meta_reducao_pct == D("33.33")


def test_checklist_206_periodo_e_declaracoes(demo_usuarios):
    """Portaria 206/2008, art. 2º, §§ 1º e 4º, e arts. 6º a 9º (conferência avulsa)."""
    from datetime import date

    res = funpen.checklist_206(
        demo_usuarios["cnmp"],
        tipo_proponente="orgao_penitenciario",
        apresentadas=["metas_cnpcp", "comissao_classificacao", "infopen"],
        data_registro=date(2009, 1, 8),
    )
    assert [r.situacao for r in res] == [regras.ATENDE] * 4
    with pytest.raises(ErroValidacao, match="período de registro"):
        funpen.checklist_206(
            demo_usuarios["cnmp"],
            tipo_proponente="ong",
            apresentadas=[],
            data_registro=None,
            inicio=date(2025, 2, 1),
            fim=date(2025, 1, 1),
        )
    with pytest.raises(AcessoNegado):
        funpen.checklist_206(demo_usuarios["pf_grupo"], tipo_proponente="ong", apresentadas=[], data_registro=None)


@pytest.mark.postgres
def test_postgres_valores_exatos_e_cascata(url_postgres):
    """Dinheiro e percentual exatos no PostgreSQL; excluir a proposta leva itens e cotações (FK em cascata)."""
    from datetime import date

    from core.esquema import atualizar_esquema
    from dominio.cadastros.referencia import carregar_referencia
    from models.funpen import CotacaoItem, ItemProposta
    from tests.conftest import usar_banco

    with usar_banco(url_postgres):
        atualizar_esquema(url_postgres)
        carregar_referencia()
        with sessao() as s:
            p = PropostaFunpen(
                programa="cme",
                uf_sigla="RR",
                titulo="CME",
                orgao_proponente="Sejus",
                valor_total=D("1234567.89"),
                contrapartida=D("123456.79"),
                meta_reducao_pct=D("33.33"),
            )
            s.add(p)
            s.flush()
            it = ItemProposta(proposta_id=p.id, descricao="X", categoria="equipamentos", valor=D("0.01"))
            s.add(it)
            s.flush()
            s.add(CotacaoItem(item_id=it.id, fornecedor="F", cnpj="11222333000181", contato="c", valor=D("0.01")))
            s.add(
                ContratoPublico(
                    numero="1",
                    orgao_contratante="O",
                    uf_sigla="RR",
                    objeto="o",
                    valor_anual=D("330000.01"),
                    trabalhadores=10,
                    data_inicio=date(2025, 1, 1),
                )
            )
        with sessao() as s:
            lida = s.get(PropostaFunpen, p.id)
            assert (lida.valor_total, lida.contrapartida, lida.meta_reducao_pct) == (
                D("1234567.89"),
                D("123456.79"),
                D("33.33"),
            )
            assert s.exec(select(ContratoPublico)).one().valor_anual == D("330000.01")
        from sqlalchemy import text

        with sessao() as s:
            s.exec(text(f"DELETE FROM proposta_funpen WHERE id = {p.id}"))
        with sessao() as s:
            assert s.exec(select(func.count()).select_from(CotacaoItem)).one() == 0


# --- arquivos hostis (issue #16) ------------------------------------------------------------------


def test_indice_em_codificacao_desconhecida_ou_utf16_tem_mensagem_em_portugues():
    """Antes, um CSV do Índice em codificação inesperada acabava em UnboundLocalError."""
    from ferramentas import arquivos_maliciosos as am

    with pytest.raises(ErroValidacao, match="a codificação não é UTF-8 nem Windows \\(cp1252\\); salve o CSV"):
        funpen.ler_planilha_indice(am.csv_codificacao_desconhecida()[1], "indice.csv", UFS)
    with pytest.raises(ErroValidacao, match="parece UTF-16"):
        funpen.ler_planilha_indice(am.csv_utf16()[1], "indice.csv", UFS)


def test_indice_com_dimension_gigante_le_so_as_ufs_do_arquivo():
    """A planilha do Índice que declarava A1:XFD1048576 (434 MB → 1.277 MB em 16 s, enviada por
    um usuário do CNMP) é lida como as outras."""
    from ferramentas import arquivos_maliciosos as am

    linhas = [r.split(";") for r in _csv(LINHA_AC, LINHA_BA, LINHA_SP).decode().splitlines()]
    _, conteudo = am.xlsx_dimensao_enorme(linhas[0], linhas[1:])
    e = funpen.ler_planilha_indice(conteudo, "indice.xlsx", UFS)
    assert sorted(e.valores) == ["AC", "BA", "SP"]


def test_indice_com_celula_enorme_recusado_sem_ecoar_a_celula():
    from ferramentas import arquivos_maliciosos as am

    with pytest.raises(ErroValidacao) as exc:
        funpen.ler_planilha_indice(am.xlsx_celula_enorme(8)[1], "indice.xlsx", UFS)
    assert "bomba de compressão" in str(exc.value) and len(str(exc.value)) < 400


@pytest.mark.parametrize("vigencia", ["9" * 40, "2147483648"])
def test_inteiro_maior_que_a_coluna_e_recusado_sem_gravar(banco_limpo, demo_usuarios, vigencia):
    """Vigência de 40 dígitos derrubava a gravação no SQLite (`OverflowError`, em inglês) e a de
    2.147.483.648 meses no PostgreSQL (fora do `integer`); agora as duas são a mensagem do campo,
    nos dois bancos (core.banco: o limite do PostgreSQL vale para os dois)."""
    antes = contar(PropostaFunpen)
    dados = funpen.DadosProposta(
        "ciap", "AP", "CIAP Macapá", "Secretaria", "1.000,00", "25,00", vigencia_meses=vigencia
    )
    with pytest.raises(
        ErroValidacao, match=r"Campo “vigência meses”: passa do maior número aceito \(2\.147\.483\.647\)"
    ):
        funpen.salvar_proposta(demo_usuarios["dmf"], dados)
    assert contar(PropostaFunpen) == antes
    # no limite, grava
    p = funpen.salvar_proposta(demo_usuarios["dmf"], dataclasses.replace(dados, vigencia_meses="2147483647"))
    assert p.vigencia_meses == 2**31 - 1
