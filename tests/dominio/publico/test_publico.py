"""Painel público (paginas/publico.py) e seus agregados (dominio/publico/consultas.py): abre sem
login, mostra as seções, não mostra dado pessoal, suprime contagens pequenas de pessoas e
tem dicionário de dados para toda coluna de toda tabela pública."""

from __future__ import annotations

import re
from datetime import date

import streamlit as st
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from core import relogio
from dominio.publico import consultas
from tests.apoio.painel import incluir_acao, publicar
from tests.conftest import APP, RAIZ

SECOES = [
    "Presença por Unidade da Federação",
    "Metas do Plano de Trabalho",
    "Situação do cronograma",
    "Recursos destinados a Fundos Municipais, Escritórios Sociais e projetos",
    "Recursos por ano e origem",
    "Cotas da PNAT em contratos públicos",
    "Público das ações de comunicação",
    "Últimas publicações",
    "Dados abertos",
]
RE_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
RE_PROCESSO = re.compile(r"\d{7}-\d{2}\.\d{4}\.\d\.\d{2}\.\d{4}")
RE_CPF = re.compile(r"\d{3}\.\d{3}\.\d{3}-\d{2}")


def _abrir_anonimo() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    return at.run()


def _texto_da_tela(at: AppTest) -> str:
    partes = [e.value for tipo in ("title", "subheader", "markdown", "caption") for e in at.get(tipo)]
    partes += [str(m.label) + " " + str(m.value) for m in at.metric]
    for d in at.dataframe:
        partes.append(d.value.to_csv(sep=";"))
    # as tabelas dos expanders só são montadas quando abertos: entram todas as que a página exporta
    for df in consultas.tabelas_publicas().values():
        partes.append(df.to_csv(sep=";"))
    return "\n".join(map(str, partes))


def _nomes_de_pessoas() -> set[str]:
    from core.banco import sessao
    from models.plano import ComentarioPlano, ResponsavelAcompanhamento
    from models.usuarios import Usuario

    with sessao() as s:
        nomes = set(s.exec(select(Usuario.nome)))
        nomes |= set(s.exec(select(ResponsavelAcompanhamento.nome)))
        nomes |= set(s.exec(select(ComentarioPlano.autor_nome)))
    return {n for n in nomes if n and len(n) > 4}


def test_painel_publico_anonimo_secoes_e_sem_dados_pessoais():
    at = _abrir_anonimo()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Painel público do ACT CNJ–CNMP nº 22/2023"]
    subtitulos = [s.value for s in at.subheader]
    for secao in SECOES:
        assert secao in subtitulos, (secao, subtitulos)
    texto = _texto_da_tela(at)
    assert not RE_EMAIL.search(texto), RE_EMAIL.search(texto).group(0)
    assert not RE_PROCESSO.search(texto), RE_PROCESSO.search(texto).group(0)
    assert not RE_CPF.search(texto)
    nomes = [n for n in _nomes_de_pessoas() if n in texto]
    assert not nomes, f"nomes de pessoas no painel público: {nomes}"
    assert "Números publicados em" in texto
    assert "Zeros são publicados" in texto  # nota da supressão junto à tabela de público
    # o dicionário de dados está num expander e é exportável
    assert any(e.label == "Dicionário de dados" for e in at.expander)


def test_expanders_do_painel_so_montam_as_tabelas_quando_abertos():
    """Fechados (como a página abre), os expanders não mandam tabela nem botão de download ao
    navegador: a primeira carga de uma aba nova não monta o que ninguém pediu (docs/desempenho.md)."""
    at = _abrir_anonimo()
    assert not at.exception, [e.value for e in at.exception]
    rotulos = [e.label for e in at.expander]
    assert "Ver a tabela por UF" in rotulos and "Dicionário de dados" in rotulos, rotulos
    for exp in at.expander:
        assert not exp.dataframe and not exp.get("download_button") and not exp.code, exp.label


def test_tabelas_do_painel_vem_todas_de_tabelas_publicas():
    """A página só exporta pelo `_exportar` (direto ou pelas duplas (nome, chave) de
    `_tabelas_sob_demanda`), que lê `consultas.tabelas_publicas` (logo, tudo o que ela exporta é
    coberto pelo teste do dicionário abaixo)."""
    fonte = (RAIZ / "paginas" / "publico.py").read_text(encoding="utf-8")
    assert fonte.count("tabela_exportavel(") == 1
    assert "tabela_exportavel(tabs[nome], nome," in fonte
    usados = set(re.findall(r'_exportar\(\s*"([a-z_]+)"', fonte))
    usados |= set(re.findall(r'\(\s*"([a-z_]+)",\s*"pub_[a-z_]+"\)', fonte))
    assert usados == set(consultas.tabelas_publicas())


def test_dicionario_cobre_toda_coluna_de_toda_tabela_publica():
    dic = consultas.dicionario_dados()
    assert not dic.duplicated(["Tabela", "Coluna"]).any()
    assert (dic[["Significado", "Unidade", "Fonte", "Supressão"]] != "").all().all()
    chaves = set(zip(dic["Tabela"], dic["Coluna"]))
    tabelas = consultas.tabelas_publicas()
    esperadas = set()
    for nome, df in tabelas.items():
        for coluna in df.columns:
            if coluna == "id":  # tabela_exportavel não a mostra nem exporta
                continue
            esperadas.add((nome, coluna))
    faltam = esperadas - chaves
    assert not faltam, f"colunas públicas sem entrada no dicionário de dados: {sorted(faltam)}"
    sobram = chaves - esperadas
    assert not sobram, f"entradas do dicionário sem coluna pública: {sorted(sobram)}"


def test_dicionario_baixavel_em_csv_e_xlsx():
    import io

    import openpyxl

    from comum import exportacao

    dic = consultas.dicionario_dados()
    csv = exportacao.para_csv(dic)
    assert csv.startswith(b"\xef\xbb\xbf")
    assert csv.decode("utf-8-sig").splitlines()[0] == "Tabela;Coluna;Significado;Unidade;Fonte;Supressão"
    wb = openpyxl.load_workbook(io.BytesIO(exportacao.para_xlsx(dic)))
    assert wb.active.max_row == len(dic) + 1


def test_publico_das_acoes_suprime_contagens_pequenas(banco_limpo):
    incluir_acao(magistrados=3)
    tabela, mascara = consultas.publico_acoes(k=5)
    linha = tabela.index[tabela["Tipo de ação"] == "Informativo"][0]
    assert tabela.loc[linha, "Magistrados"] is None and mascara.loc[linha, "Magistrados"]
    assert tabela.loc[linha, "Total"] is None  # total da linha (3) também é pequeno
    assert tabela.loc[linha, "Outros"] == 0  # zeros são publicados
    # complementar: a coluna Magistrados tem outra célula oculta, senão 3 sairia do total
    assert int(mascara["Magistrados"].iloc[:-1].sum()) >= 2
    # em nenhuma linha ou coluna com total visível há uma única oculta
    cols = ["Magistrados", "Membros do MP", "Servidores", "Outros"]
    for i in range(len(tabela)):
        if tabela.loc[i, "Total"] is not None:
            assert int(mascara.loc[i, cols].sum()) != 1
    for c in cols:
        if tabela[c].iloc[-1] is not None:
            assert int(mascara[c].iloc[:-1].sum()) != 1
    # nenhum valor publicado entre 1 e k−1
    valores = [v for c in [*cols, "Total"] for v in tabela[c] if v is not None]
    assert all(v == 0 or v >= 5 for v in valores)
    # e a versão exportada (tabelas_publicas), depois de publicada, mostra “X”
    publicar()
    exportada = consultas.tabelas_publicas()["publico_acoes_comunicacao"]
    assert exportada.loc[linha, "Magistrados"] == "X"
    assert not exportada[cols].isin(["1", "2", "3", "4"]).any().any()


def test_publico_das_acoes_k_da_configuracao(banco_limpo, monkeypatch):
    from core.config import limpar_config

    monkeypatch.setenv("SUPRESSAO_K", "100")
    limpar_config()
    st.cache_data.clear()
    try:
        tabela, mascara = consultas.publico_acoes()
        cols = ["Magistrados", "Membros do MP", "Servidores", "Outros", "Total"]
        valores = [v for c in cols for v in tabela[c] if v is not None]
        assert all(v == 0 or v >= 100 for v in valores)
        assert mascara[cols].any().any()
    finally:
        monkeypatch.delenv("SUPRESSAO_K")
        limpar_config()


def test_metas_e_cronograma_publicos_sem_login():
    rotulo, metas = consultas.metas_publicas()
    assert list(metas["Meta"]) == list("abcdef")
    assert rotulo.startswith("Ano ")
    assert metas["Progresso (%)"].dropna().between(0, 100).all()
    _, ativs, resumo = consultas.cronograma_publico()
    assert len(ativs) == 10
    assert int(resumo["Atividades"].sum()) == len(ativs)
    assert set(resumo["Situação"]) >= {"Concluída", "Em andamento", "Atrasada"}
    # com uma data bem depois do plano, nada concluído fica fora de "Atrasada"
    _, ativs_fim, resumo_fim = consultas.cronograma_publico(date(2040, 1, 1))
    assert set(ativs_fim["Situação"]) <= {"Concluída", "Cancelada", "Atrasada"}


def test_recursos_por_ano_e_publicacoes():
    por_ano = consultas.recursos_por_ano()
    assert list(por_ano.columns) == ["Ano", "Origem", "Destinado (R$)", "Transferido (R$)", "Aplicado (R$)"]
    assert (por_ano["Destinado (R$)"] >= por_ano["Transferido (R$)"]).all()
    assert (por_ano["Transferido (R$)"] >= por_ano["Aplicado (R$)"]).all()
    total_origem = consultas.recursos_publicos()[0]["Destinado (R$)"].sum()
    assert por_ano["Destinado (R$)"].sum() == total_origem
    pubs = consultas.publicacoes_publicas()
    assert not pubs.empty and pubs["Data"].is_monotonic_decreasing
    com_anexo = pubs.dropna(subset=["anexo_id"])
    nome, _, conteudo = consultas.anexo_publico(int(com_anexo["anexo_id"].iloc[0]))
    assert nome == com_anexo["Arquivo"].iloc[0] and conteudo


def test_anexo_que_nao_e_de_publicacao_nao_sai_sem_login(banco_limpo):
    import pytest

    from core.banco import sessao
    from core.erros import AcessoNegado
    from models.plano import Anexo

    with sessao() as s:
        a = Anexo(
            nome_arquivo="evidencia_interna.pdf",
            tipo_mime="application/pdf",
            tamanho=4,
            sha256="0" * 64,
            conteudo=b"%PDF",
        )
        s.add(a)
        s.commit()
        ident = a.id
    with pytest.raises(AcessoNegado):
        consultas.anexo_publico(ident)


def test_exportacoes_publicas_neutralizam_formulas(banco_limpo):
    """Um título de publicação que começa com = + - @ não vira fórmula no CSV nem no XLSX."""
    import io

    import openpyxl

    from comum import exportacao
    from core.banco import sessao
    from models.plano import Publicacao

    titulos = ['=HYPERLINK("http://x")', "+55 61", "-1+1", "@SOMA(A1)"]
    with sessao() as s:
        for i, t in enumerate(titulos):
            s.add(
                Publicacao(
                    tipo="parecer",
                    numero=f"{90 + i}/2099",
                    titulo=t,
                    data=relogio.hoje(),
                    link="https://exemplo.jus.br/x",
                )
            )
        s.commit()
    publicar()
    df = consultas.tabelas_publicas()["publicacoes"]
    texto = exportacao.para_csv(df).decode("utf-8-sig")
    for t in titulos:
        assert f"'{t}" in texto.replace('""', '"')
    ws = openpyxl.load_workbook(io.BytesIO(exportacao.para_xlsx(df))).active
    col = [c.value for c in ws[1]].index("Título") + 1
    valores = [ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1)]
    for t in titulos:
        assert f"'{t}" in valores
    assert all(ws.cell(row=r, column=col).data_type == "s" for r in range(2, ws.max_row + 1))
