"""Painel publicado (dominio/publico/painel.py e consultas.publicar_painel) e a supressão conjunta
(dominio/publico/supressao.py:suprimir_conjunto; LGPD, Lei 13.709/2018, art. 12): o painel
público lê um retrato por período, e nenhuma célula pequena sai por subtração — nem entre
tabelas do mesmo retrato, nem entre dois retratos (o ataque por diferença do issue #16)."""

from __future__ import annotations

import numpy as np
import pytest
from sqlmodel import select

from comum import exportacao
from core import relogio
from core.banco import sessao
from core.erros import AcessoNegado, ErroValidacao
from dominio.publico import consultas, painel, supressao
from dominio.publico.supressao import Grade, chave_celula, suprimir_conjunto
from models.indicadores import PeriodoColeta
from models.publico import PainelPublicado
from models.usuarios import RegistroAuditoria
from tests.apoio.painel import incluir_acao, publicar

K = 5
CATEGORIAS = consultas.COLUNAS_PUBLICO_ACOES
TOTAL = supressao.TOTAL


# --- o atacante: lê as tabelas exportadas e tenta recuperar números --------------------------------


def _numero(texto) -> int | None:
    """'1.530' → 1530; 'X' → None (oculto)."""
    t = str(texto).strip()
    if t == supressao.SIMBOLO:
        return None
    return int(t.replace(".", ""))


def _celulas_exportadas(tabelas: dict) -> tuple[dict[str, int | None], list[list[tuple[str, int]]]]:
    """Células de contagem de pessoas das tabelas públicas (como exportadas em CSV) e as equações
    que qualquer pessoa monta com elas: total de linha, total de coluna e o mesmo total em duas tabelas.
    Cada equação é uma lista de (chave, coeficiente) que soma zero."""
    celulas: dict[str, int | None] = {}
    eqs: list[list[tuple[str, int]]] = []
    acoes = tabelas["publico_acoes_comunicacao"]
    linhas = list(acoes["Tipo de ação"])
    for _, r in acoes.iterrows():
        for c in [*CATEGORIAS, TOTAL]:
            celulas[chave_celula("publico_acoes_comunicacao", r["Tipo de ação"], c)] = _numero(r[c])
    internas = [x for x in linhas if x != TOTAL]
    for x in linhas:  # linha: soma das categorias = Total
        eqs.append(
            [(chave_celula("publico_acoes_comunicacao", x, c), 1) for c in CATEGORIAS]
            + [(chave_celula("publico_acoes_comunicacao", x, TOTAL), -1)]
        )
    for c in [*CATEGORIAS, TOTAL]:  # coluna: soma das linhas = linha Total
        eqs.append(
            [(chave_celula("publico_acoes_comunicacao", x, c), 1) for x in internas]
            + [(chave_celula("publico_acoes_comunicacao", TOTAL, c), -1)]
        )
    por_uf = tabelas["indicadores_por_uf"]
    colunas_uf = [c for c in por_uf.columns if c not in ("UF", "Estado")]
    for _, r in por_uf.iterrows():
        for c in colunas_uf:
            celulas[chave_celula("indicadores_por_uf", r["UF"], c)] = _numero(r[c])
    ufs = [u for u in por_uf["UF"] if u != TOTAL]
    if ufs:
        for c in colunas_uf:
            eqs.append(
                [(chave_celula("indicadores_por_uf", u, c), 1) for u in ufs]
                + [(chave_celula("indicadores_por_uf", TOTAL, c), -1)]
            )
    dest = tabelas["indicadores_destaques"]
    pessoas = dest[dest["Unidade de medida"].str.lower() == "pessoas"]
    for _, r in pessoas.iterrows():
        chave = chave_celula("indicadores_destaques", r["Código"], r["Ano"])
        celulas[chave] = _numero(r["Valor"])
        rotulo = next((c for c in colunas_uf if f"({r['Código']})" in c), None)
        total_uf = chave_celula("indicadores_por_uf", TOTAL, rotulo)
        if rotulo and total_uf in celulas and r["Ano"] == dest["Ano"].max():
            eqs.append([(chave, 1), (total_uf, -1)])
    return celulas, eqs


def _recuperaveis(celulas: dict[str, int | None], eqs) -> set[str]:
    """As células ocultas que o sistema de equações determina (álgebra linear exata: a célula
    está no espaço das linhas da matriz das incógnitas)."""
    ocultas = sorted(c for c, v in celulas.items() if v is None)
    if not ocultas:
        return set()
    pos = {c: i for i, c in enumerate(ocultas)}
    linhas = []
    for eq in eqs:
        if all(c in celulas for c, _ in eq):
            linha = np.zeros(len(ocultas))
            for c, coef in eq:
                if c in pos:
                    linha[pos[c]] += coef
            if linha.any():
                linhas.append(linha)
    if not linhas:
        return set()
    a = np.array(linhas)
    posto = np.linalg.matrix_rank(a)
    return {c for c in ocultas if np.linalg.matrix_rank(np.vstack([a, np.eye(len(ocultas))[pos[c]]])) == posto}


def _diferencas_pequenas(antes: dict, depois: dict, k: int = K) -> dict[str, int]:
    """Células publicadas nas duas visitas cuja diferença revela de 1 a k − 1 pessoas."""
    return {
        c: depois[c] - antes[c]
        for c in antes.keys() & depois.keys()
        if antes[c] is not None and depois[c] is not None and 0 < abs(depois[c] - antes[c]) < k
    }


def _csv(tabelas: dict) -> dict[str, bytes]:
    return {nome: exportacao.para_csv(df) for nome, df in tabelas.items()}


@pytest.fixture
def k5(monkeypatch):
    from core.config import limpar_config

    monkeypatch.setenv("SUPRESSAO_K", str(K))
    limpar_config()
    yield K
    monkeypatch.delenv("SUPRESSAO_K")
    limpar_config()


def _incluir_acao(**publico: int) -> None:
    incluir_acao("Informativo incluído entre duas visitas", **publico)


# --- o ataque do issue #16, repetido ----------------------------------------------------------------


def test_ataque_por_diferenca_nao_recupera_nada(banco_limpo, k5):
    """Visita 1; alguém inclui um registro com uma pessoa; visita 2; publica-se o período seguinte;
    visita 3. Nenhum par de visitas, nem nenhuma visita sozinha, mostra aquela pessoa."""
    primeira = publicar()
    visita1 = consultas.tabelas_publicas()
    antes, _ = _celulas_exportadas(visita1)
    assert antes, "o painel publicado tem contagens de pessoas"

    _incluir_acao(magistrados=1)

    # entre publicações, o painel e as exportações não mudam: a subtração dá zero em tudo
    visita2 = consultas.tabelas_publicas()
    assert _csv(visita2) == _csv(visita1)

    # sem o retrato (cada tabela calculada na hora e suprimida sozinha), o ataque funcionaria:
    # o total de magistrados sobe de 1 entre as visitas — é isto que o teste precisa impedir
    ingenuas, _ = _celulas_exportadas(consultas.tabelas_calculadas(relogio.hoje()))
    assert 1 in _diferencas_pequenas(antes, ingenuas).values()

    segunda = publicar()
    assert segunda.id != primeira.id
    visita3 = consultas.tabelas_publicas()
    depois, eqs = _celulas_exportadas(visita3)
    for visita in (visita1, visita2):
        ca, _ = _celulas_exportadas(visita)
        assert _diferencas_pequenas(ca, depois) == {}
    assert _recuperaveis(depois, eqs) == set()
    assert _recuperaveis(antes, _celulas_exportadas(visita1)[1]) == set()
    # a linha do informativo: a pessoa incluída não aparece (nem o total da linha)
    informativo = visita3["publico_acoes_comunicacao"].set_index("Tipo de ação").loc["Informativo"]
    assert informativo["Magistrados"] == supressao.SIMBOLO and informativo[TOTAL] == supressao.SIMBOLO
    # nenhum número publicado entre 1 e k − 1
    assert all(v is None or v == 0 or v >= K for v in depois.values())


def test_muitas_inclusoes_depois_voltam_a_aparecer(banco_limpo, k5):
    """A supressão temporal não esconde para sempre: quando a diferença para o último valor
    publicado chega a k, a célula volta a ser publicada."""
    publicar()
    antes, _ = _celulas_exportadas(consultas.tabelas_publicas())
    total_mag = chave_celula("publico_acoes_comunicacao", TOTAL, "Magistrados")
    _incluir_acao(magistrados=2)
    publicar()
    meio, _ = _celulas_exportadas(consultas.tabelas_publicas())
    assert meio[total_mag] is None
    _incluir_acao(magistrados=40)
    publicar()
    depois, eqs = _celulas_exportadas(consultas.tabelas_publicas())
    assert depois[total_mag] == antes[total_mag] + 42
    assert _recuperaveis(depois, eqs) == set()


# --- a supressão conjunta, sem banco ----------------------------------------------------------------


def test_supressao_conjunta_oculta_o_mesmo_numero_nas_duas_tabelas():
    """O total nacional nos destaques e o total da coluna na tabela por UF são o mesmo número: se
    um fica oculto (aqui, pela diferença de 2 para a publicação anterior), o outro também."""
    g = Grade("por_uf", ("PR", "SC"), ("E07",), ((40,), (30,)), False, True)
    total = chave_celula("por_uf", TOTAL, "E07")
    nacional = chave_celula("destaques", "E07", 2026)
    anterior = {total: 68, nacional: 68, chave_celula("por_uf", "PR", "E07"): 38}
    r = suprimir_conjunto([g], avulsas={nacional: 70}, ligadas=[{total, nacional}], anteriores=[anterior], k=K)
    assert r[total] is None and r[nacional] is None
    assert r[chave_celula("por_uf", "PR", "E07")] is None  # 38 → 40: duas pessoas
    # e nenhuma equação fica com uma só oculta
    for eq in g.equacoes():
        assert sum(r[c] is None for c in eq) != 1


def test_supressao_conjunta_sem_anteriores_igual_a_da_tabela_sozinha():
    celulas = [[20, 3, 8], [15, 9, 0], [7, 6, 12]]
    sozinha = supressao.suprimir(celulas, k=K, total_linha=True, total_coluna=True)
    g = Grade("t", ("a", "b", "c"), ("x", "y", "z"), tuple(map(tuple, celulas)), True, True)
    r = suprimir_conjunto([g], k=K)
    for i, linha in enumerate(["a", "b", "c", TOTAL]):
        for j, coluna in enumerate(["x", "y", "z", TOTAL]):
            assert (r[chave_celula("t", linha, coluna)] is None) == sozinha.mascara[i][j]


def test_supressao_temporal_por_diferenca_pequena():
    g = Grade("t", ("a", "b"), ("x", "y"), ((50, 60), (70, 80)), True, True)
    anterior = {chave_celula("t", "a", "x"): 48, chave_celula("t", "b", "y"): 80}
    r = suprimir_conjunto([g], anteriores=[anterior], k=K)
    assert r[chave_celula("t", "a", "x")] is None  # 48 → 50
    # a complementar fecha linhas e colunas
    for eq in g.equacoes():
        assert sum(r[c] is None for c in eq) != 1


# --- a publicação: quem, quando, o que fica gravado -------------------------------------------------


def test_publicar_exige_permissao_e_periodo_encerrado(banco_limpo, demo_usuarios):
    hoje = relogio.hoje()
    with sessao() as s:
        aberto = s.exec(select(PeriodoColeta).where(PeriodoColeta.prazo >= hoje)).first()
        fechado = s.exec(select(PeriodoColeta).where(PeriodoColeta.prazo < hoje)).first()
    for quem in ("pf_grupo", "admin"):
        with pytest.raises(AcessoNegado):
            consultas.publicar_painel(demo_usuarios[quem], fechado.id, hoje)
    with pytest.raises(AcessoNegado):
        consultas.publicar_painel(None, fechado.id, hoje)
    if aberto is not None:
        with pytest.raises(ErroValidacao, match="prazo de entrega"):
            consultas.publicar_painel(demo_usuarios["cnmp"], aberto.id, hoje)
    p = consultas.publicar_painel(demo_usuarios["dmf"], fechado.id, hoje)
    assert consultas.painel_publicado().id == p.id
    with sessao() as s:
        trilha = s.exec(
            select(RegistroAuditoria).where(
                RegistroAuditoria.entidade == PainelPublicado.__tablename__,
                RegistroAuditoria.entidade_id == str(p.id),
            )
        ).all()
    assert [t.acao for t in trilha] == ["inclusao"] and trilha[0].usuario_email == "dmf@demo.pnat.jus.br"


def test_retrato_guarda_so_numeros_suprimidos(banco_limpo, k5):
    """O JSON gravado (e copiado para a trilha) não tem contagem de pessoas entre 1 e k − 1."""
    _incluir_acao(magistrados=2, servidores=1)
    publicar()
    with sessao() as s:
        conteudo = s.exec(select(PainelPublicado.conteudo).order_by(PainelPublicado.id.desc())).first()
    assert all(v is None or v == 0 or v >= K for v in conteudo["celulas"].values())
    acoes = painel.decodificar_tabela(conteudo["tabelas"]["publico_acoes_comunicacao"])
    assert not acoes[[*CATEGORIAS, TOTAL]].isin(["1", "2", "3", "4"]).any().any()


def test_codificacao_do_retrato_preserva_tipos():
    from datetime import date
    from decimal import Decimal

    import pandas as pd

    df = pd.DataFrame({"Data": [date(2026, 1, 2), None], "Valor": [Decimal("1234.56"), Decimal("0")], "n": [1, 2]})
    volta = painel.decodificar_tabela(painel.codificar_tabela(df))
    assert volta["Data"].iloc[0] == date(2026, 1, 2) and volta["Data"].iloc[1] is None
    assert volta["Valor"].iloc[0] == Decimal("1234.56") and list(volta["n"]) == [1, 2]
