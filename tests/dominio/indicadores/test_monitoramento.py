"""Monitoramento dos indicadores (dominio/indicadores/monitoramento.py) com dados controlados em 2023,
ano sem dados de demonstração: completude e pontualidade no limite do prazo, período sem
unidade esperada, unidade não esperada que enviou, unidades atrasadas com pontos focais,
tendência, comparação entre UFs e metas só com aprovados, destaques públicos sem valores não
aprovados e com supressão, resumo do relatório e acesso por perfil."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
import streamlit as st
from sqlmodel import select

from comum import formatos
from core import relogio
from core.banco import sessao
from core.erros import AcessoNegado, ErroValidacao
from core.relogio import fuso
from dominio.cadastros import unidades
from dominio.indicadores import monitoramento
from dominio.indicadores.regras import percentual
from dominio.indicadores.servicos import novo_periodo
from models.indicadores import (
    AlvoIndicador,
    EnvioColeta,
    Indicador,
    PeriodoColeta,
    ValorIndicador,
)
from models.unidades import EscritorioSocial
from models.usuarios import Usuario
from ui.graficos import indicadores as graficos_indicadores

ANO = 2023


def _periodo(periodicidade: str, numero: int, *, ano: int = ANO, dias_prazo: int = 15) -> PeriodoColeta:
    with sessao() as s:
        p = novo_periodo(periodicidade, ano, numero, dias_prazo=dias_prazo, dias_tolerancia=10)
        s.add(p)
        s.flush()
        return p


def _momento(d: date, h: int, m: int = 0) -> datetime:
    """Instante no horário de Brasília (gravado em UTC)."""
    return datetime.combine(d, time(h, m), tzinfo=fuso())


def _envio(
    per: PeriodoColeta,
    u: unidades.Unidade,
    status: str,
    primeiro: datetime | None = None,
    valores: dict[str, int] | None = None,
) -> int:
    if primeiro is None and status != "rascunho":
        primeiro = _momento(per.prazo - timedelta(days=1), 10)
    with sessao() as s:
        e = EnvioColeta(
            periodo_id=per.id,
            unidade_chave=u.chave,
            status=status,
            primeiro_envio_em=primeiro,
            enviado_em=primeiro,
            **u.ids,
        )
        s.add(e)
        s.flush()
        for codigo, v in (valores or {}).items():
            ind = s.exec(select(Indicador).where(Indicador.codigo == codigo)).one()
            s.add(ValorIndicador(envio_id=e.id, versao_indicador_id=ind.versao_atual_id, valor=Decimal(v)))
        return e.id


def _unidades(tipo: str) -> list[unidades.Unidade]:
    with sessao() as s:
        return [u for u in unidades.todas(s, tipo) if u.informa]


def _id(codigo: str) -> int:
    with sessao() as s:
        return s.exec(select(Indicador.id).where(Indicador.codigo == codigo)).one()


def _em_ufs_distintas(lista: list[unidades.Unidade], n: int) -> list[unidades.Unidade]:
    escolhidas, ufs = [], set()
    for u in lista:
        if u.uf not in ufs:
            escolhidas.append(u)
            ufs.add(u.uf)
        if len(escolhidas) == n:
            return escolhidas
    raise AssertionError("unidades insuficientes na demonstração")


# --- completude e pontualidade ----------------------------------------------------------------------


def _escritorios_inaugurados_em(d: date | None) -> None:
    """Todos os Escritórios passam a existir (inauguração e termo) em `d`."""
    with sessao() as s:
        for e in s.exec(select(EscritorioSocial)):
            e.data_inauguracao = e.data_termo = d
            s.add(e)


def test_completude_e_pontualidade_no_limite_do_prazo(banco_limpo, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    per = _periodo("mensal", 3)  # março/2023, prazo 15/04/2023
    _escritorios_inaugurados_em(date(2022, 1, 1))  # todos já existiam no período
    esc = _unidades("escritorio")
    n = len(esc)
    assert n >= 4
    a, b, c = esc[0], esc[1], esc[2]
    _envio(per, a, "aprovado", _momento(per.prazo, 23, 30))  # no último minuto do prazo (já 16/04 em UTC)
    _envio(per, b, "enviado", _momento(per.prazo + timedelta(days=1), 0, 5))  # um dia depois
    _envio(per, c, "rascunho")  # gravou mas não enviou

    # no dia do prazo: quem não enviou ainda está no prazo
    no_prazo = monitoramento.completude(dmf, per.id, per.prazo)
    assert no_prazo.totais["pendentes"] == n - 2 and no_prazo.totais["atrasadas"] == 0

    hoje = per.prazo + timedelta(days=20)
    comp = monitoramento.completude(dmf, per.id, hoje)
    t = comp.totais
    assert (t["esperadas"], t["recebidas"], t["no_prazo"], t["com_atraso"]) == (n, 2, 1, 1)
    assert t["atrasadas"] == n - 2 and t["pendentes"] == 0 and t["recebidas_nao_esperadas"] == 0
    assert t["pct_recebidas"] == percentual(2, n) and t["pct_no_prazo"] == percentual(1, n)
    por_chave = {ln.unidade.chave: ln for ln in comp.linhas}
    assert por_chave[a.chave].entrega == "no_prazo" and por_chave[a.chave].primeiro_envio == per.prazo
    assert por_chave[b.chave].entrega == "com_atraso"
    assert por_chave[c.chave].entrega == "atrasada" and not por_chave[c.chave].recebida
    # grupos não têm indicador mensal: não são esperados nem aparecem
    assert all(ln.unidade.tipo == "escritorio" for ln in comp.linhas)

    uf = comp.por_uf.set_index("UF")
    assert int(uf["Esperadas"].sum()) == n and int(uf["Recebidas"].sum()) == 2
    sem_escritorio = uf[uf["Esperadas"] == 0]
    assert len(sem_escritorio) and sem_escritorio["% recebidas"].isna().all()  # nada esperado: sem percentual
    tabela = comp.tabela_ufs(so_com_dados=False).set_index("UF")
    assert tabela.loc[sem_escritorio.index, "% recebidas"].isna().all()  # número, não texto: a página formata
    tab_u = comp.tabela_unidades()
    assert len(tab_u) == n
    assert set(tab_u["Pontualidade"]) == {"Recebido no prazo", "Recebido com atraso", "Não recebido (prazo vencido)"}


def test_periodo_sem_unidade_esperada_e_unidade_nao_esperada_que_enviou(banco_limpo, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    anual = _periodo("anual", 1)  # não há indicador anual no catálogo
    hoje = anual.prazo + timedelta(days=40)
    comp = monitoramento.completude(dmf, anual.id, hoje)
    assert comp.totais["esperadas"] == 0 and comp.totais["recebidas"] == 0
    assert comp.totais["pct_recebidas"] is None and comp.totais["pct_no_prazo"] is None
    assert comp.linhas == [] and comp.tabela_unidades().empty and comp.tabela_ufs().empty
    assert comp.tabela_ufs(so_com_dados=False)["% recebidas"].isna().all()
    assert monitoramento.atrasadas(dmf, anual.id, hoje).empty
    assert formatos.texto_pct(comp.totais["pct_recebidas"]) == "—"

    # um Grupo envia mesmo sem ser esperado: conta como recebido, o percentual continua “—”
    grupo = _unidades("grupo")[0]
    _envio(anual, grupo, "enviado")
    comp = monitoramento.completude(dmf, anual.id, hoje)
    assert comp.totais["recebidas"] == 1 and comp.totais["recebidas_nao_esperadas"] == 1
    assert comp.totais["pct_recebidas"] is None
    linha = comp.tabela_unidades().iloc[0]
    assert linha["Esperada"].startswith("Não") and linha["Recebida"] == "Sim"

    # num período com esperadas, a não esperada soma aos recebidos (como no DHIS2)
    per = _periodo("mensal", 4)
    _envio(per, grupo, "enviado")
    n = len(_unidades("escritorio"))
    comp = monitoramento.completude(dmf, per.id, per.prazo + timedelta(days=1))
    assert comp.totais["esperadas"] == n and comp.totais["recebidas"] == 1
    assert comp.totais["pct_recebidas"] == percentual(1, n)


def test_unidades_atrasadas_com_pontos_focais(banco_limpo, demo_usuarios):
    dmf, pf_g, pf_e = demo_usuarios["dmf"], demo_usuarios["pf_grupo"], demo_usuarios["pf_escritorio"]
    tri = _periodo("trimestral", 1)
    hoje = tri.prazo + timedelta(days=3)
    enviou = _unidades("grupo")[-1]
    _envio(tri, enviou, "validado")
    atras = monitoramento.atrasadas(dmf, tri.id, hoje)
    assert enviou.nome not in set(atras["Unidade"])
    assert (atras["Dias de atraso"] == 3).all()
    linha_g = atras[atras["Unidade"] == "Grupo Interinstitucional — PR"].iloc[0]
    assert f"{pf_g.nome} <{pf_g.email}>" in linha_g["Pontos focais"]
    assert "GMF do TJPR" in linha_g["Contato no cadastro"]  # contato cadastrado no Grupo
    vitoria = atras[atras["Pontos focais"].str.contains(pf_e.email, regex=False)]
    assert len(vitoria) == 1 and vitoria.iloc[0]["Tipo"] == "Escritório Social"

    # conta desativada não aparece como ponto focal
    with sessao() as s:
        u = s.get(Usuario, pf_e.id)
        u.ativo = False
        s.add(u)
    atras = monitoramento.atrasadas(dmf, tri.id, hoje)
    assert not atras["Pontos focais"].str.contains(pf_e.email, regex=False).any()


def test_emails_para_cobrar_so_dos_pontos_focais_ativos_das_unidades_atrasadas(banco_limpo, demo_usuarios):
    dmf, pf_g, pf_e = demo_usuarios["dmf"], demo_usuarios["pf_grupo"], demo_usuarios["pf_escritorio"]
    tri = _periodo("trimestral", 1)
    hoje = tri.prazo + timedelta(days=3)
    comp = monitoramento.completude(dmf, tri.id, hoje)
    emails = monitoramento.emails_para_cobrar(comp)
    assert pf_g.email in emails and pf_e.email in emails
    assert len(emails) == len(set(emails))
    # a unidade que enviou sai da cobrança
    vitoria = next(u for u in _unidades("escritorio") if u.chave == unidades.chave_de(None, pf_e.escritorio_id))
    _envio(tri, vitoria, "enviado")
    comp = monitoramento.completude(dmf, tri.id, hoje)
    assert pf_e.email not in monitoramento.emails_para_cobrar(comp)
    # no prazo ainda não há cobrança
    assert monitoramento.emails_para_cobrar(monitoramento.completude(dmf, tri.id, tri.prazo)) == []


# --- tendência, comparação e metas --------------------------------------------------------------------


@pytest.fixture
def dados_2023(banco_limpo):
    """Maio/2023: um Escritório aprovado (E07 = 40), outro aprovado noutra UF (E07 = 3), um terceiro
    com valor enorme só enviado e um quarto com valor enorme validado; um Grupo aprovado com
    G12 = 2 e G04 = 2."""
    per = _periodo("mensal", 5)
    a, b, c, d = _em_ufs_distintas(_unidades("escritorio"), 4)
    _envio(per, a, "aprovado", valores={"E07": 40, "E01": 100})
    _envio(per, b, "aprovado", valores={"E07": 3, "E01": 30})
    _envio(per, c, "enviado", valores={"E07": 1_000_000, "E01": 2_000_000})
    _envio(per, d, "validado", valores={"E07": 500_000, "E01": 600_000})
    tri = _periodo("trimestral", 2)
    grupo = next(g for g in _unidades("grupo") if g.uf not in (a.uf, b.uf, c.uf, d.uf))
    _envio(tri, grupo, "aprovado", valores={"G12": 2, "G04": 2})
    st.cache_data.clear()
    return {"per": per, "tri": tri, "a": a, "b": b, "c": c, "d": d, "grupo": grupo}


def test_serie_comparacao_e_metas_so_com_aprovados_por_padrao(dados_2023, demo_usuarios):
    dmf, x = demo_usuarios["dmf"], dados_2023
    e07 = _id("E07")
    serie = monitoramento.serie_indicador(dmf, e07, uf=x["a"].uf, unidade_chave=x["b"].chave)
    maio = serie.tabela[serie.tabela["periodo_id"] == x["per"].id].iloc[0]
    assert maio["Nacional"] == 43 and maio["UF"] == 40 and maio["Unidade"] == 3
    assert maio["Unidades informantes"] == 2 and serie.acumula and maio["Acumulado no ano"] == 43
    tudo = monitoramento.serie_indicador(dmf, e07, situacoes=("enviado", "validado", "aprovado"))
    assert tudo.tabela.set_index("periodo_id").loc[x["per"].id, "Nacional"] == 1_500_043
    with pytest.raises(ErroValidacao, match="rascunhos e devolvidos não são dados"):
        monitoramento.serie_indicador(dmf, e07, situacoes=("rascunho",))

    comp = monitoramento.comparacao_ufs(dmf, e07, ANO)
    assert comp.nacional == 43 and comp.meta is None
    assert list(comp.tabela["UF"]) == [x["a"].uf, x["b"].uf]  # maior valor primeiro
    assert list(comp.tabela["Valor"]) == [40.0, 3.0]

    with sessao() as s:
        s.add(AlvoIndicador(indicador_id=e07, ano=ANO, linha_de_base=Decimal(20), meta=Decimal(86)))
    metas = monitoramento.progresso_metas(dmf, ANO).set_index("Código")
    assert metas.loc["E07", "Realizado"] == 43 and metas.loc["E07", "% da meta"] == 50.0
    assert monitoramento.comparacao_ufs(dmf, e07, ANO).meta == 86
    serie = monitoramento.serie_indicador(dmf, e07)
    assert serie.tabela.set_index("periodo_id").loc[x["per"].id, "Meta anual"] == 86
    assert monitoramento.progresso_metas(dmf, 2031).empty


# --- painel público -----------------------------------------------------------------------------------


def test_destaques_publicos_sem_valores_nao_aprovados_e_com_supressao(dados_2023, demo_usuarios):
    x = dados_2023
    d = monitoramento.destaques_publicos(date(ANO, 12, 31), k=5)
    assert d.ano == ANO
    assert d.valores[("E07", ANO)] == 43 and d.valores[("E01", ANO)] == 130  # nem enviados nem validados
    texto = d.indicadores.to_csv() + d.por_uf.to_csv()
    for enorme in ("1.000.000", "1000000", "500.000", "1.500.043", "2.000.000"):
        assert enorme not in texto
    # contagem nacional de pessoas pequena (G12 = 2) suprimida; contratos (G04 = 2) não são pessoas
    assert ("G12", ANO) in d.suprimidos and d.valores[("G12", ANO)] is None
    linhas = d.indicadores[d.indicadores["Ano"] == ANO].set_index("Código")
    assert linhas.loc["G12", "Valor"] == "X" and linhas.loc["G04", "Valor"] == "2"
    assert linhas.loc["E07", "Valor"] == "43"

    # por UF: E07 = 3 na UF de b é suprimida e, para não sair do total por subtração, a de a também
    uf = d.por_uf.set_index("UF")
    col = monitoramento.INDICADORES_POR_UF["E07"]
    assert uf.loc[x["b"].uf, col] == "X" and uf.loc[x["a"].uf, col] == "X"
    assert uf.loc["Total", col] == "43"
    assert x["c"].uf not in uf.index and x["d"].uf not in uf.index  # só enviado/validado: fora
    publicados = [v for c_ in monitoramento.INDICADORES_POR_UF.values() for v in uf[c_]]
    assert not {"1", "2", "3", "4"} & set(publicados)
    # sem dado pessoal
    nomes = {u.nome for u in demo_usuarios.values()} | {u.email for u in demo_usuarios.values()}
    tudo = texto + d.completude.to_csv()
    assert "@" not in tudo and not any(n in tudo for n in nomes)


def test_destaques_usam_o_k_da_configuracao(dados_2023, monkeypatch):
    from core.config import limpar_config

    monkeypatch.setenv("SUPRESSAO_K", "100")
    limpar_config()
    try:
        d = monitoramento.destaques_publicos(date(ANO, 12, 31))
        assert ("E07", ANO) in d.suprimidos  # 43 < 100
        assert d.indicadores.set_index(["Código", "Ano"]).loc[("E01", ANO), "Valor"] == "130"
    finally:
        monkeypatch.delenv("SUPRESSAO_K")
        limpar_config()


def test_destaques_publicos_completude_do_ultimo_periodo_fechado(dados_2023):
    d = monitoramento.destaques_publicos(date(ANO, 12, 31))
    comp = d.completude.set_index("Periodicidade")
    # mensal: maio/2023 é o único mensal de 2023 com prazo vencido nesta base
    assert comp.loc["Mensal", "Período"] == "Maio/2023"
    assert comp.loc["Mensal", "Formulários recebidos"] == 4
    assert comp.loc["Mensal", "% recebidos"].endswith("%")


def test_tabelas_publicas_incluem_os_indicadores(dados_2023):
    from dominio.publico import consultas

    tabelas = consultas.tabelas_calculadas(date(ANO, 12, 31))
    assert {"indicadores_destaques", "indicadores_por_uf", "indicadores_completude"} <= set(tabelas)
    assert tabelas["indicadores_por_uf"].iloc[-1]["UF"] == "Total"


# --- relatório ----------------------------------------------------------------------------------------


def test_resumo_do_relatorio(dados_2023):
    r = monitoramento.resumo_relatorio(date(ANO, 5, 1), date(ANO, 6, 30))
    assert list(r.completude["Período"]) == ["Maio/2023", "2º trimestre de 2023"]
    maio = r.completude.iloc[0]
    assert maio["Recebidas"] == 4 and maio["Esperadas"] == len(_unidades("escritorio"))
    # o 2º trimestre vence em 15/07: na data final do intervalo (30/06) o Grupo ainda não tinha enviado
    tri = r.completude.iloc[1]
    assert tri["Recebidas"] == 0 and tri["Não recebidas (prazo vencido)"] == 0 and tri["Aguardando"] > 0
    ind = r.indicadores.set_index("Código")
    assert ind.loc["E07", "Valor aprovado"] == "43" and ind.loc["E01", "Valor aprovado"] == "130"
    envios = dict(zip(r.envios["Situação"], r.envios["Envios"]))
    assert envios["Aprovado pelo CNMP"] == 3 and envios["Enviado (aguarda o DMF)"] == 1
    assert envios["Validado pelo DMF (aguarda o CNMP)"] == 1
    vazio = monitoramento.resumo_relatorio(date(2023, 1, 1), date(2023, 1, 31))
    assert vazio.completude.empty and vazio.envios["Envios"].sum() == 0


# --- acesso ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("perfil", ["pf_grupo", "pf_escritorio", None])
def test_ponto_focal_e_publico_nao_acessam_o_monitoramento_interno(perfil, demo_usuarios):
    ator = demo_usuarios[perfil] if perfil else None
    with sessao() as s:
        per_id = s.exec(select(PeriodoColeta.id)).first()
    e07 = _id("E07")
    chamadas = [
        lambda: monitoramento.completude(ator, per_id, relogio.hoje()),
        lambda: monitoramento.atrasadas(ator, per_id, relogio.hoje()),
        lambda: monitoramento.serie_indicador(ator, e07),
        lambda: monitoramento.comparacao_ufs(ator, e07, relogio.hoje().year),
        lambda: monitoramento.progresso_metas(ator, relogio.hoje().year),
        lambda: monitoramento.anos_com_dados(ator),
    ]
    for chamada in chamadas:
        with pytest.raises(AcessoNegado):
            chamada()


@pytest.mark.parametrize("perfil", ["admin", "dmf", "cnmp"])
def test_perfis_internos_acessam(perfil, demo_usuarios):
    ator = demo_usuarios[perfil]
    with sessao() as s:
        pers = list(s.exec(select(PeriodoColeta)))
    per = monitoramento.periodo_padrao(pers, relogio.hoje())
    assert per is not None and per.prazo < relogio.hoje()
    assert monitoramento.completude(ator, per.id, relogio.hoje()).totais["esperadas"] > 0


def test_graficos_em_portugues(dados_2023, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    serie = monitoramento.serie_indicador(dmf, _id("E07"), uf=dados_2023["a"].uf)
    fig = graficos_indicadores.grafico_serie(serie)
    assert fig.layout.xaxis.title.text == "Período" and fig.layout.yaxis.title.text == "Pessoas"
    assert {t.name for t in fig.data} >= {"Nacional", f"UF {dados_2023['a'].uf}"}
    assert fig.layout.separators == ",."
    comp = monitoramento.comparacao_ufs(dmf, _id("E07"), ANO)
    fig = graficos_indicadores.grafico_comparacao(comp)
    assert fig.layout.xaxis.title.text == "UF" and list(fig.data[0].x) == list(comp.tabela["UF"])


def test_escritorio_inaugurado_depois_do_prazo_nao_nasce_atrasado(banco_limpo, demo_usuarios):
    """Uma regra só de atraso (comum.prazos, CC art. 132): o Escritório inaugurado 17 dias depois do
    prazo do período conta o prazo a partir da inauguração — não aparece com 17 dias de atraso no dia
    em que passa a existir; no dia seguinte, sim, com 1 dia."""
    dmf = demo_usuarios["dmf"]
    per = _periodo("mensal", 3)  # prazo 15/04/2023
    _escritorios_inaugurados_em(date(2022, 1, 1))
    novo = _unidades("escritorio")[0]
    inauguracao = per.prazo + timedelta(days=17)
    with sessao() as s:
        e = s.get(EscritorioSocial, novo.id)
        e.data_inauguracao = inauguracao
        s.add(e)
    no_dia = monitoramento.completude(dmf, per.id, inauguracao)
    linha = next(ln for ln in no_dia.linhas if ln.unidade.chave == novo.chave)
    assert linha.esperada and linha.entrega == "pendente"
    assert novo.nome not in set(monitoramento.atrasadas(dmf, per.id, inauguracao)["Unidade"])
    depois = monitoramento.atrasadas(dmf, per.id, inauguracao + timedelta(days=1)).set_index("Unidade")
    assert depois.loc[novo.nome, "Dias de atraso"] == 1 and depois.loc[novo.nome, "Prazo"] == inauguracao
    # os que já existiam contam do prazo do período
    outro = next(n for n in depois.index if n != novo.nome)
    assert depois.loc[outro, "Dias de atraso"] == 18 and depois.loc[outro, "Prazo"] == per.prazo
