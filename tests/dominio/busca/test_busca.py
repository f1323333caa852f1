"""Busca: escopo por perfil (ponto focal só a própria unidade, visitante não busca), acentos e
caixa, número CNJ com e sem pontuação, entrada hostil como texto e limite de tamanho."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core.banco import sessao
from core.erros import AcessoNegado
from dominio.busca import regras
from dominio.busca import servicos as busca
from models.recursos import FluxoRecurso


def _tipos(r) -> set[str]:
    return {a.tipo for a in r.achados}


def _titulos(r, tipo: str) -> list[str]:
    return [a.titulo for a in r.achados if a.tipo == tipo]


def _um_processo() -> tuple[int, str]:
    with sessao() as s:
        f = s.exec(select(FluxoRecurso).where(FluxoRecurso.processo.is_not(None)).order_by(FluxoRecurso.id)).first()
    return f.id, f.processo


# --- regras ------------------------------------------------------------------------------------


def test_normalizar_tira_acentos_caixa_e_espacos():
    assert regras.normalizar("  São   JOSÉ dos Pinhais ") == "sao jose dos pinhais"
    assert regras.normalizar("ESCRITÓRIO") == regras.normalizar("escritorio")
    assert regras.normalizar(None) == ""


@pytest.mark.parametrize(
    "texto,esperado",
    [
        ("0000057-05.2026.8.21.0565", "00000570520268210565"),
        ("00000570520268210565", "00000570520268210565"),
        ("0000057 05 2026 8 21 0565", "00000570520268210565"),
        ("0000057", "0000057"),
        ("123456", None),  # menos que o número sequencial
        ("Vitória 2026", None),  # texto não é número de processo
        ("1/2024", None),
    ],
)
def test_digitos_de_processo(texto, esperado):
    assert regras.digitos_de_processo(texto) == esperado


def test_consulta_longa_e_controle_sao_cortados():
    assert len(regras.preparar_consulta("a" * 5000)) == regras.TAMANHO_MAXIMO
    assert regras.preparar_consulta("vit\x00ória\n\t<b>") == "vit ória <b>"


# --- escopo e resultados -----------------------------------------------------------------------


def test_dmf_acha_com_ou_sem_acento_e_caixa(demo_usuarios):
    dmf = demo_usuarios["dmf"]
    com = busca.buscar(dmf, "VITÓRIA")
    sem = busca.buscar(dmf, "vitoria")
    assert com.achados == sem.achados
    assert "Escritório Social de Vitória" in _titulos(com, busca.ESCRITORIO)
    assert "Vitória (ES)" in _titulos(com, busca.MUNICIPIO)
    escritorio = next(a for a in com.achados if a.titulo == "Escritório Social de Vitória")
    assert (escritorio.pagina, escritorio.parametros) == ("paginas/escritorios.py", {"id": "1"})
    municipio = next(a for a in com.achados if a.tipo == busca.MUNICIPIO and a.titulo == "Vitória (ES)")
    assert municipio.parametros == {"busca": "Vitória"}


def test_grupo_pelo_nome_do_estado_e_publicacao_pelo_titulo(demo_usuarios):
    cnmp = demo_usuarios["cnmp"]
    r = busca.buscar(cnmp, "grupo parana")
    assert _titulos(r, busca.GRUPO) == ["Grupo Interinstitucional — Paraná (PR)"]
    assert r.achados[0].pagina == "paginas/grupos.py" and r.achados[0].parametros["id"].isdigit()
    pubs = busca.buscar(cnmp, "destinacao prestacoes pecuniarias")
    assert [a.titulo for a in pubs.achados if a.tipo == busca.PUBLICACAO] == [
        "Parecer nº 1/2024 — Destinação de prestações pecuniárias a Fundos Municipais de Políticas Penais"
    ]
    assert pubs.achados[0].pagina == "paginas/comunicacao.py" and "publicacao" in pubs.achados[0].parametros


@pytest.mark.parametrize("forma", ["pontuado", "digitos", "espacos", "parcial"])
def test_processo_pelo_numero_cnj_em_qualquer_formato(forma, demo_usuarios):
    ident, processo = _um_processo()
    digitos = processo.replace("-", "").replace(".", "")
    consulta = {
        "pontuado": processo,
        "digitos": digitos,
        "espacos": processo.replace("-", " ").replace(".", " "),
        "parcial": digitos[:13],
    }[forma]
    r = busca.buscar(demo_usuarios["dmf"], consulta)
    achados = [a for a in r.achados if a.tipo == busca.PROCESSO]
    assert {"fluxo": str(ident)} in [a.parametros for a in achados] or busca.PROCESSO in r.omitidos
    assert all(a.pagina == "paginas/recursos.py" for a in achados)
    if forma != "parcial":
        assert any(a.titulo == f"Processo {processo}" for a in achados)


def test_ponto_focal_so_acha_a_propria_unidade(demo_usuarios):
    pf = demo_usuarios["pf_escritorio"]
    r = busca.buscar(pf, "vitoria")
    assert [(a.tipo, a.titulo, a.pagina) for a in r.achados] == [
        (busca.ESCRITORIO, "Escritório Social de Vitória", "paginas/minha_unidade.py")
    ]
    assert busca.buscar(pf, "serra").achados == []  # outro Escritório
    assert busca.buscar(pf, _um_processo()[1]).achados == []  # processos: fora do escopo
    assert busca.buscar(pf, "nota tecnica").achados == []  # publicações: fora do escopo
    pf_grupo = demo_usuarios["pf_grupo"]
    assert _titulos(busca.buscar(pf_grupo, "parana"), busca.GRUPO) == ["Grupo Interinstitucional — Paraná (PR)"]
    assert busca.buscar(pf_grupo, "espirito santo").achados == []


def test_visitante_nao_busca():
    with pytest.raises(AcessoNegado, match="É preciso entrar no sistema"):
        busca.buscar(None, "vitoria")


def test_consulta_curta_hostil_ou_longa(demo_usuarios):
    dmf = demo_usuarios["dmf"]
    curta = busca.buscar(dmf, " a ")
    assert curta.achados == [] and "ao menos 2" in curta.aviso
    hostil = busca.buscar(dmf, "<script>alert(1)</script>%' OR 1=1 --")
    assert hostil.achados == [] and hostil.consulta.startswith("<script>")
    longa = busca.buscar(dmf, "vitoria " + "x" * 500)
    assert len(longa.consulta) == regras.TAMANHO_MAXIMO and longa.achados == []


def test_limite_por_tipo_e_avisado(demo_usuarios):
    r = busca.buscar(demo_usuarios["admin"], "sao")  # dezenas de municípios com “São”
    assert len(_titulos(r, busca.MUNICIPIO)) == busca.LIMITE_POR_TIPO
    assert r.omitidos[busca.MUNICIPIO] > 0
