"""Página Buscar e a busca da barra lateral pelo app.py (AppTest), para cada perfil; os links
abrem o item exato na página dele (parâmetros de endereço)."""

from __future__ import annotations

import pytest

from tests.apoio.paginas import abrir, sem_excecao


def _links(at) -> list[tuple[str, str, str]]:
    """(rótulo, página, parâmetros) de cada link de página desenhado."""
    return [(e.proto.label, e.proto.page, e.proto.query_string) for e in at.get("page_link")]


def _buscar(usuario, consulta: str):
    at = abrir(usuario).switch_page("paginas/buscar.py").run()
    sem_excecao(at)
    at.text_input(key="busca_q").set_value(consulta).run()
    sem_excecao(at)
    return at


@pytest.mark.parametrize("perfil", ["admin", "dmf", "cnmp"])
def test_quem_ve_os_cadastros_acha_e_o_link_abre_o_item(perfil, demo_usuarios):
    at = _buscar(demo_usuarios[perfil], "VITORIA")
    links = _links(at)
    assert any("Escritório Social de Vitória" in rotulo and "id=1" in qs for rotulo, _p, qs in links), links
    assert at.query_params["q"] in ("VITORIA", ["VITORIA"])


@pytest.mark.parametrize("perfil,acha", [("pf_escritorio", True), ("pf_grupo", False)])
def test_ponto_focal_so_acha_a_propria_unidade(perfil, acha, demo_usuarios):
    at = _buscar(demo_usuarios[perfil], "vitória")
    links = _links(at)
    if acha:
        assert len(links) == 1 and "Escritório Social de Vitória" in links[0][0]
    else:
        assert links == []
        assert any("Nada encontrado" in i.value for i in at.info)


def test_visitante_nao_tem_busca(demo_usuarios):
    at = abrir()
    sem_excecao(at)
    with pytest.raises(ValueError):
        at.switch_page("paginas/buscar.py")
    assert not [t for t in at.text_input if t.key == "busca_lateral_q"]


def test_busca_da_barra_lateral_vai_para_a_pagina_com_q(demo_usuarios):
    at = abrir(demo_usuarios["dmf"])
    at.text_input(key="busca_lateral_q").set_value("vitória")
    next(b for b in at.button if b.label == "Buscar").click().run()
    sem_excecao(at)
    assert "Buscar" in [t.value for t in at.title]
    assert at.text_input(key="busca_q").value == "vitória"
    assert any("Escritório Social de Vitória" in rotulo for rotulo, *_ in _links(at))


def test_entrada_hostil_e_texto(demo_usuarios):
    at = _buscar(demo_usuarios["dmf"], "<img src=x onerror=alert(1)> **negrito**")
    sem_excecao(at)
    texto = " ".join(i.value for i in at.info)
    assert "\\<img src=x onerror=alert(1)\\> \\*\\*negrito\\*\\*" in texto, texto


def test_link_da_busca_abre_o_escritorio(demo_usuarios):
    at = abrir(demo_usuarios["dmf"])
    at.query_params["id"] = "1"
    at.switch_page("paginas/escritorios.py").run()
    sem_excecao(at)
    assert any("Escritório Social de Vitória" in s.value for s in at.subheader), [s.value for s in at.subheader]


def test_link_da_busca_abre_a_publicacao(demo_usuarios):
    from dominio.plano import comunicacao

    pubs = comunicacao.tabela_publicacoes(demo_usuarios["cnmp"])
    ultima = pubs.iloc[-1]  # não é a primeira da tabela: o endereço é que escolhe
    at = abrir(demo_usuarios["cnmp"])
    at.query_params["publicacao"] = str(int(ultima["id"]))
    at.switch_page("paginas/comunicacao.py").run()
    sem_excecao(at)
    assert any(str(ultima["Título"]) in s.value for s in at.subheader), [s.value for s in at.subheader]


@pytest.mark.parametrize("valor", ["²", "١", "9" * 5000, "-1", "1.0"])
@pytest.mark.parametrize(
    ("perfil", "pagina", "parametro"),
    [("dmf", "paginas/escritorios.py", "id"), ("pf_escritorio", "paginas/coleta.py", "periodo")],
)
def test_numero_estranho_no_endereco_abre_a_pagina_sem_ele(demo_usuarios, perfil, pagina, parametro, valor):
    """`str.isdigit` aceita “²” e algarismos de outras escritas, que `int()` recusa ou lê: um link
    com `?id=²` caía no “Ocorreu um erro interno” (ValueError). Agora o endereço é ignorado, como
    um id que não existe (comum.textos:somente_algarismos)."""
    at = abrir(demo_usuarios[perfil])
    at.query_params[parametro] = valor
    at.switch_page(pagina).run()
    sem_excecao(at)
    assert not at.error, [e.value for e in at.error]
