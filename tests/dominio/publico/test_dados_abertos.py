"""Pacote de dados abertos (dominio/publico/dados_abertos.py): cada tabela pública é um recurso
com Table Schema completo; a conversão do texto da tela para tipos; filtros; CSV RFC 4180 e
JSON; nenhum dado pessoal e nenhuma contagem de pessoas entre 1 e k−1; o pacote gravado em
disco passa no `frictionless validate` sem erros."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
import streamlit as st

from core import relogio
from dominio.publico import consultas, dados_abertos, supressao
from tests.apoio.dados_abertos import campos_proibidos, pequenas, valores_proibidos
from tests.apoio.painel import incluir_acao, publicar


def test_todo_recurso_e_uma_tabela_publica_e_vice_versa():
    assert [r.nome for r in dados_abertos.RECURSOS] == list(consultas.tabelas_publicas())


def test_campos_declarados_sao_exatamente_as_colunas_do_painel():
    tabelas = consultas.tabelas_publicas()
    for r in dados_abertos.RECURSOS:
        assert [c.coluna for c in r.campos] == list(tabelas[r.nome].columns), r.nome
        nomes = [c.nome for c in r.campos]
        assert len(set(nomes)) == len(nomes), r.nome
        assert all(n.isascii() and n == n.lower() and " " not in n for n in nomes), nomes
        assert {c.tipo for c in r.campos} <= set(dados_abertos.TIPOS)
        assert set(r.chave_primaria) <= set(nomes)


def test_esquema_tem_descricao_e_unidade_do_dicionario():
    dic = {(t, c): (sig, uni) for t, c, sig, uni, *_ in consultas.DICIONARIO}
    for r in dados_abertos.RECURSOS:
        esquema = dados_abertos.esquema(r)
        assert esquema["missingValues"] == [""]
        for c, f in zip(r.campos, esquema["fields"]):
            sig, uni = dic[(r.nome, c.coluna)]
            assert f["description"].startswith(sig) and f["unit"] == uni and f["title"] == c.coluna
            if c.pessoas:
                assert "suprimido" in f["description"] and f["constraints"]["minimum"] == 0


@pytest.mark.parametrize(
    ("valor", "tipo", "esperado"),
    [
        ("1.530", "integer", 1530),
        ("0", "integer", 0),
        (7, "integer", 7),
        ("X", "integer", None),
        ("—", "number", None),
        (float("nan"), "number", None),
        ("92,9%", "number", Decimal("92.9")),
        ("R$ 1.234,56", "number", Decimal("1234.56")),
        ("19,77", "number", Decimal("19.77")),
        (Decimal("10.50"), "number", Decimal("10.50")),
        ("Sim", "boolean", True),
        ("Não", "boolean", False),
        ("15/11/2026", "date", date(2026, 11, 15)),
        (date(2024, 1, 2), "date", date(2024, 1, 2)),
        ("", "string", None),
        ("Webinário", "string", "Webinário"),
    ],
)
def test_converter_o_texto_da_tela(valor, tipo, esperado):
    assert dados_abertos.converter(valor, tipo) == esperado


@pytest.mark.parametrize(("valor", "tipo"), [("12a", "integer"), ("1,5", "integer"), ("talvez", "boolean")])
def test_converter_recusa_texto_inesperado(valor, tipo):
    with pytest.raises(ValueError):
        dados_abertos.converter(valor, tipo)


def test_csv_rfc4180_ponto_decimal_datas_iso_e_vazio_para_ausente():
    r = dados_abertos.Recurso(
        "t",
        "T",
        "d",
        (
            dados_abertos.Campo("A", "a", "string"),
            dados_abertos.Campo("B", "b", "number"),
            dados_abertos.Campo("C", "c", "date"),
            dados_abertos.Campo("D", "d", "boolean"),
            dados_abertos.Campo("E", "e", "integer", pessoas=True),
        ),
    )
    linhas = [
        {"a": 'diz "oi", e sai', "b": Decimal("1234.50"), "c": date(2024, 3, 1), "d": True, "e": None},
        {"a": "linha\nnova", "b": 45.5, "c": None, "d": False, "e": 12},
    ]
    texto = "".join(dados_abertos.linhas_csv(r, linhas))
    assert texto.startswith("a,b,c,d,e\r\n")
    assert '"diz ""oi"", e sai",1234.50,2024-03-01,true,\r\n' in texto
    lidas = list(csv.reader(io.StringIO(texto, newline="")))
    assert lidas[2] == ["linha\nnova", "45.5", "", "false", "12"]
    js = json.loads("".join(dados_abertos.linhas_json(r, linhas)))
    assert js[0] == {"a": 'diz "oi", e sai', "b": 1234.5, "c": "2024-03-01", "d": True, "e": None}
    assert js[1]["e"] == 12
    assert json.loads("".join(dados_abertos.linhas_json(r, []))) == []


def test_filtros_uf_e_ano():
    r = dados_abertos.POR_NOME["recursos_por_ano"]
    assert dados_abertos.validar_filtros(r, {"ano": "2024"}) == {"ano": 2024}
    with pytest.raises(dados_abertos.FiltroInvalido, match="não tem o filtro “uf”"):
        dados_abertos.validar_filtros(r, {"uf": "PR"})
    with pytest.raises(dados_abertos.FiltroInvalido, match="ano inválido"):
        dados_abertos.validar_filtros(r, {"ano": "24"})
    with pytest.raises(dados_abertos.FiltroInvalido, match="parâmetro desconhecido"):
        dados_abertos.validar_filtros(r, {"limite": "3"})
    p = dados_abertos.POR_NOME["presenca_por_uf"]
    assert dados_abertos.validar_filtros(p, {"uf": "pr"}) == {"uf": "PR"}
    with pytest.raises(dados_abertos.FiltroInvalido, match="uf inválida"):
        dados_abertos.validar_filtros(p, {"uf": "Paraná"})
    assert dados_abertos.POR_NOME["dicionario_de_dados"].filtros == ()
    linhas = [{"uf": "PR", "x": 1}, {"uf": "SP", "x": 2}]
    assert list(dados_abertos.filtrar(linhas, {"uf": "SP"})) == [{"uf": "SP", "x": 2}]


def test_nenhum_dado_pessoal_em_nenhum_recurso():
    tabelas = dados_abertos.tabelas_abertas()
    for r in dados_abertos.RECURSOS:
        assert campos_proibidos([c.nome for c in r.campos]) == [], r.nome
        valores = [v for linha in tabelas[r.nome] for v in linha.values()]
        assert valores_proibidos(valores) == [], r.nome
    assert campos_proibidos(["nome_responsavel", "cpf", "uf"]) == ["nome_responsavel", "cpf"]  # a lista funciona


def _acao_com_publico_pequeno(demo_usuarios):
    """Uma ação de comunicação com público pequeno e, como na vida, uma nova publicação do painel
    (os dados abertos leem o retrato publicado, não o banco)."""
    incluir_acao(magistrados=3, servidores=2)
    publicar(email=demo_usuarios["dmf"].email)
    st.cache_data.clear()


def test_nenhuma_contagem_de_pessoas_entre_1_e_k_menos_1(banco_limpo, demo_usuarios):
    _acao_com_publico_pequeno(demo_usuarios)
    k = supressao.k_configurado()
    tabelas = dados_abertos.tabelas_abertas()
    total = 0
    for r in dados_abertos.RECURSOS:
        contagens = list(dados_abertos.linhas_com_pessoas(r, tabelas[r.nome]))
        total += len(contagens)
        assert pequenas(contagens, k) == [], r.nome
    assert total > 20  # a conferência viu as contagens de pessoas (não passou por vazio)
    informativo = next(x for x in tabelas["publico_acoes_comunicacao"] if x["tipo_acao"] == "Informativo")
    assert informativo["magistrados"] is None and informativo["outros"] == 0  # suprimida vira vazio; zero fica
    assert pequenas([0, 1, 4, 5], 5) == [1, 4]


def test_planilha_humana_com_numeros_e_x_nas_suprimidas(banco_limpo, demo_usuarios):
    _acao_com_publico_pequeno(demo_usuarios)
    r = dados_abertos.POR_NOME["publico_acoes_comunicacao"]
    df = dados_abertos.para_planilha(r, dados_abertos.tabelas_abertas()[r.nome])
    assert list(df.columns) == [c.coluna for c in r.campos]
    assert "X" in set(df["Magistrados"])
    assert all(v == "X" or isinstance(v, int) for c in ["Magistrados", "Total"] for v in df[c])
    comp = dados_abertos.POR_NOME["indicadores_completude"]
    dfc = dados_abertos.para_planilha(comp, dados_abertos.tabelas_abertas()[comp.nome])
    assert all(v is None or isinstance(v, (int, float)) for v in dfc["% recebidos"])
    from comum import exportacao

    texto = exportacao.para_csv(dfc).decode("utf-8-sig")
    assert "%" not in texto.splitlines()[1] and re.search(r";\d+,\d;", texto)  # 92,9 sem “%”
    rec = dados_abertos.POR_NOME["recursos_por_ano"]
    texto = exportacao.para_csv(dados_abertos.para_planilha(rec, dados_abertos.tabelas_abertas()[rec.nome]))
    linha = texto.decode("utf-8-sig").splitlines()[1].split(";")
    assert re.fullmatch(r"\d+", linha[0]) and all(re.fullmatch(r"\d+,\d\d", v) for v in linha[2:])


def test_pacote_de_dados_valida_no_frictionless_sem_erros(tmp_path):
    frictionless = pytest.importorskip("frictionless", reason="pip install -r requirements-dev.txt")
    hoje = relogio.hoje()
    tabelas = dados_abertos.tabelas_abertas(hoje)
    d = dados_abertos.pacote(atualizado=None, hoje=hoje, anos=dados_abertos.cobertura(tabelas, hoje))
    assert d["licenses"][0]["name"] == "CC-BY-4.0" and d["language"] == "pt-BR"
    (tmp_path / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    for r in dados_abertos.RECURSOS:
        texto = "".join(dados_abertos.linhas_csv(r, tabelas[r.nome]))
        (tmp_path / f"{r.nome}.csv").write_bytes(texto.encode("utf-8"))
    relatorio = frictionless.validate(str(tmp_path / "datapackage.json"))
    erros = [e.message for t in relatorio.tasks for e in t.errors] + [e.message for e in relatorio.errors]
    assert relatorio.valid, erros[:10]
    assert len(relatorio.tasks) == len(dados_abertos.RECURSOS)


def test_painel_tem_secao_dados_abertos_com_enderecos_exemplos_e_acessibilidade():
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP

    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["pub_exp_api"] = True  # o expander da API aberto (o conteúdo só é montado aberto)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    subtitulos = [s.value for s in at.subheader]
    assert "Dados abertos" in subtitulos and subtitulos[-1] == "Acessibilidade"
    texto = "\n".join(m.value for m in at.markdown)
    assert "/api/dados/datapackage.json" in texto and "CC-BY-4.0" in texto
    assert "eMAG 3.1" in texto and "WCAG 2.1" in texto
    codigos = [c.value for c in at.code]
    assert any(c.startswith("curl ") and "/api/dados/recursos_por_ano.csv" in c for c in codigos)
    assert any("pd.read_csv(" in c and "/api/dados/recursos_por_ano.csv" in c for c in codigos)
    enderecos = next(d.value for d in at.dataframe if "CSV" in d.value.columns)
    assert len(enderecos) == len(dados_abertos.RECURSOS)
    assert all(u.endswith(f"/api/dados/{r.nome}.csv") for u, r in zip(enderecos["CSV"], dados_abertos.RECURSOS))
    # todo gráfico do painel tem a frase de resumo (a alternativa em texto)
    resumos = [c.value for c in at.caption if c.value.startswith("Resumo do gráfico:")]
    assert len(resumos) >= 5
