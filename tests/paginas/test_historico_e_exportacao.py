"""Pela página: a trilha de auditoria legível (rótulos, nomes, horário de Brasília) e a
exportação completa das tabelas paginadas (todas as linhas filtradas, não a página)."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from sqlmodel import select

from comum import formatos
from core.banco import sessao
from models.unidades import STATUS_FUNDO, FundoMunicipal
from models.usuarios import RegistroAuditoria
from tests.apoio.fluxos import incluir_doacoes_no_acre
from tests.apoio.paginas import abrir, clicar, sem_excecao
from ui.historico import ENTIDADES

ISO = re.compile(r"T\d{2}:\d{2}|\+00:00|\d{4}-\d{2}-\d{2}")
COLUNA_CRUA = re.compile(r"\b[a-z]+_[a-z_]+\b")  # uf_origem, data_destinacao, fluxo_recurso…


def test_trilha_de_auditoria_legivel(banco_limpo, demo_usuarios):
    # uma alteração feita por uma pessoa (a carga da demonstração é do sistema)
    dmf = demo_usuarios["dmf"]
    with sessao(dmf) as s:
        fundo = s.exec(select(FundoMunicipal).where(FundoMunicipal.status != "inativo")).first()
        status_antes = fundo.status
        fundo.observacoes, fundo.status = "Conferido em campo", "inativo"
        s.add(fundo)
    at = abrir(demo_usuarios["admin"]).switch_page("paginas/auditoria.py").run()
    sem_excecao(at)
    df = at.dataframe[0].value
    assert list(df.columns) == ["Quando", "Quem", "Ação", "Registro", "Nº do registro", "O que mudou"]
    assert df["Quando"].map(lambda q: bool(re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", q))).all()
    assert set(df["Registro"]) <= set(ENTIDADES.values())
    assert set(df["Ação"]) <= {"Inclusão", "Alteração", "Exclusão"}
    texto = " | ".join(df["Quando"]) + " | ".join(df["O que mudou"])
    achado = ISO.search(texto)
    assert not achado, texto[max(0, achado.start() - 300) : achado.end() + 50]
    rotulos = {r for m in df["O que mudou"] for r in re.findall(r"(?:^|; )([^:;]+):", m)}
    assert rotulos and not [r for r in rotulos if COLUNA_CRUA.search(r)]
    # o registro mais recente, no horário de Brasília e com o nome de quem agiu
    with sessao() as s:
        ultimo = s.exec(
            select(RegistroAuditoria).order_by(RegistroAuditoria.momento.desc(), RegistroAuditoria.id.desc())
        ).first()
        momento, usuario_id = ultimo.momento, ultimo.usuario_id
    assert df.iloc[0]["Quando"] == formatos.data_hora(momento)
    assert usuario_id == dmf.id and df.iloc[0]["Quem"] == dmf.nome
    assert df.iloc[0]["Registro"] == "Fundo Municipal"
    assert "Observações: " in df.iloc[0]["O que mudou"] and "→ Conferido em campo" in df.iloc[0]["O que mudou"]
    assert f"Situação: {STATUS_FUNDO[status_antes]} → {STATUS_FUNDO['inativo']}" in df.iloc[0]["O que mudou"]
    # o filtro mostra o nome do registro, não a tabela
    assert at.multiselect(key="au_ent").options and not any("_" in o for o in at.multiselect(key="au_ent").options)
    # exportação: todas as linhas filtradas (só os envios de coleta: mais de uma página)
    at.multiselect(key="au_ent").set_value(["envio_coleta"]).run()
    legenda = next(c.value for c in at.caption if "registro(s) — página" in c.value)
    total = int(legenda.split(" ")[0].replace(".", ""))
    assert total > 100 and len(at.dataframe[0].value) == 100
    clicar(at, "Preparar CSV")
    pronto = at.session_state["_exportacao_au_tabela"]
    linhas = Path(pronto["caminho"]).read_text(encoding="utf-8-sig").splitlines()
    Path(pronto["caminho"]).unlink()
    assert pronto["linhas"] == total and len(linhas) == total + 1
    assert all(";Envio de coleta;" in x for x in linhas[1:])
    assert linhas[0] == "Quando;Quem;Ação;Registro;Nº do registro;O que mudou"


def test_exportacao_completa_dos_fluxos_filtrados(banco_limpo, demo_usuarios):
    incluir_doacoes_no_acre(450, etapa="destinado")
    incluir_doacoes_no_acre(30, etapa="transferido")  # fora do filtro
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/recursos.py").run()
    sem_excecao(at)
    at.multiselect(key="rc_uf").set_value(["AC"])
    at.multiselect(key="rc_origem").set_value(["doacao"])
    at.multiselect(key="rc_etapa").set_value(["destinado"]).run()
    sem_excecao(at)
    tabela = next(d for d in at.dataframe if "Órgão de origem" in d.value.columns and "Etapa" in d.value.columns)
    assert len(tabela.value) == 200  # a tela mostra uma página
    legenda = next(c.value for c in at.caption if "fluxo(s) — página" in c.value)
    total = int(legenda.split(" ")[0].replace(".", ""))
    assert total >= 450
    assert any(b.label == "Preparar CSV" for b in at.button) and any(b.label == "Preparar XLSX" for b in at.button)
    clicar(at, "Preparar CSV")
    pronto = at.session_state["_exportacao_rc_tabela"]
    assert pronto["linhas"] == total
    linhas = Path(pronto["caminho"]).read_text(encoding="utf-8-sig").splitlines()
    assert len(linhas) == total + 1
    assert all(";AC;" in x and "Destinado" in x and "Doação" in x for x in linhas[1:])
    assert any(b.label == f"Baixar CSV ({formatos.numero(total)} linhas)" for b in at.get("download_button"))
    clicar(at, "Preparar XLSX")
    pronto_xlsx = at.session_state["_exportacao_rc_tabela"]
    assert not Path(pronto["caminho"]).exists()  # o arquivo anterior foi apagado
    folha = openpyxl.load_workbook(pronto_xlsx["caminho"], read_only=True).active
    assert sum(1 for _ in folha.iter_rows()) == total + 1
    # mudar o filtro descarta o arquivo preparado com o filtro anterior
    at.multiselect(key="rc_etapa").set_value(["transferido"]).run()
    assert at.session_state["_exportacao_rc_tabela"] is None
    assert not Path(pronto_xlsx["caminho"]).exists()


def test_exportacao_completa_das_prestacoes(demo_usuarios):
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/prestacao_contas.py").run()
    sem_excecao(at)
    legenda = next(c.value for c in at.caption if "prestação(ões) — página" in c.value)
    total = int(legenda.split(" ")[0].replace(".", ""))
    clicar(at, "Preparar CSV")
    pronto = at.session_state["_exportacao_pc_tabela"]
    linhas = Path(pronto["caminho"]).read_text(encoding="utf-8-sig").splitlines()
    assert pronto["linhas"] == total and len(linhas) == total + 1
    assert {x.split(";")[1] for x in linhas[1:]} <= {"vencida", "a vencer"}  # o filtro padrão da página
    Path(pronto["caminho"]).unlink()
