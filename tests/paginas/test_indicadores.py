"""Páginas Indicadores e Coleta pelo app.py (AppTest): o ponto focal vê só a própria unidade,
grava rascunho e envia; número ilegível e regra que impede o envio mostram o erro em pt-BR e não
gravam nada; DMF escolhe a unidade e vê a situação de todas; CNMP só consulta; DMF altera a
definição de um indicador (versão 2), inclui outro e altera uma regra escolhida na lista; CNMP e ponto focal não veem formulários de
edição no catálogo.

Os dados de demonstração são gerados para a data de hoje: o período aberto do Escritório de
Vitória (ponto focal de demonstração) começa vazio."""

from __future__ import annotations

from sqlmodel import select

from core import relogio
from core.banco import sessao
from dominio.indicadores import coleta
from dominio.indicadores.regras import SITUACOES_PERIODO
from models.indicadores import EnvioColeta, EventoRevisao, Indicador, PeriodoColeta, ValorIndicador, VersaoIndicador
from tests.apoio.banco import contar
from tests.apoio.coleta import periodo_mensal_id
from tests.apoio.paginas import abrir, botao, clicar, da_pagina, prefixo, recusado, selecionar_primeira, sem_excecao

HOJE = relogio.hoje()
E_VALORES = {"E01": "10", "E02": "1.020", "E03": "8", "E04": "4", "E05": "3", "E06": "2", "E07": "1", "E08": "1"}


def _retrato() -> tuple[int, ...]:
    return tuple(contar(m) for m in (EnvioColeta, ValorIndicador, EventoRevisao))


def _envio_vitoria() -> EnvioColeta | None:
    with sessao() as s:
        return s.exec(
            select(EnvioColeta).where(
                EnvioColeta.periodo_id == periodo_mensal_id(HOJE), EnvioColeta.unidade_chave == "e:1"
            )
        ).first()


def _periodo_com_envio() -> int:
    """O período mensal mais recente em que Vitória tem envio (com valores) na demonstração."""
    with sessao() as s:
        return s.exec(
            select(EnvioColeta.periodo_id)
            .join(PeriodoColeta, PeriodoColeta.id == EnvioColeta.periodo_id)
            .where(EnvioColeta.unidade_chave == "e:1", PeriodoColeta.periodicidade == "mensal")
            .order_by(PeriodoColeta.inicio.desc())
        ).first()


def _coleta_pf(usuario):
    """A Coleta do ponto focal de Vitória no período do mês corrente, como o link de Minhas pendências a abre."""
    at = abrir(usuario)
    at.query_params["periodo"] = str(periodo_mensal_id(HOJE))
    at.switch_page("paginas/coleta.py").run()
    sem_excecao(at)
    pid = at.selectbox(key="co_periodo_escritorio1").value
    assert pid == periodo_mensal_id(HOJE), "o período do link"
    return at, f"co_e1_{pid}"


def test_coleta_aberta_pelo_menu_comeca_no_proximo_periodo_a_enviar(demo_usuarios):
    """Sem link, a Coleta não abre no mês que mal começou: abre no período por enviar com o prazo mais
    próximo que o ponto focal ainda pode gravar (no dia 4 de dezembro, novembro)."""
    pf = demo_usuarios["pf_escritorio"]
    at = abrir(pf).switch_page("paginas/coleta.py").run()
    sem_excecao(at)
    escolhido = at.selectbox(key="co_periodo_escritorio1").value
    periodos = coleta.periodos_da_unidade(pf, "escritorio", 1, HOJE)
    a_enviar = coleta.pendentes_de_envio(periodos)
    gravaveis = a_enviar[a_enviar["Período de coleta"] != SITUACOES_PERIODO["travado"]]
    assert escolhido in set(gravaveis["id"]), "um período que ainda falta enviar e ainda se pode gravar"
    prazo = periodos.set_index("id").loc[escolhido, "Prazo"]
    assert prazo == gravaveis["Prazo"].min(), "o de prazo mais próximo"
    assert escolhido == coleta.periodo_sugerido(periodos)
    # a escolha fica na URL, e voltar pelo menu (sem ela) mantém o último escolhido na sessão
    outro = next(int(i) for i in periodos["id"] if int(i) != escolhido)
    at.selectbox(key="co_periodo_escritorio1").set_value(outro).run()
    del at.query_params["periodo"]
    at.switch_page("paginas/coleta.py").run()
    assert at.selectbox(key="co_periodo_escritorio1").value == outro


def _preencher(at, pre, **trocas):
    for cod, v in {**E_VALORES, **trocas}.items():
        at.text_input(key=f"{pre}_{cod}_total").input(v)


# --- Coleta: ponto focal ---------------------------------------------------------------------------------


def test_ponto_focal_ve_so_a_propria_unidade_grava_rascunho_e_envia(banco_limpo, demo_usuarios):
    at, pre = _coleta_pf(demo_usuarios["pf_escritorio"])
    assert "Coleta de indicadores" in [t.value for t in at.title]
    assert not [s for s in at.selectbox if s.key in ("co_unidade", "co_tipo", "co_uf")], "sem escolha de unidade"
    assert not at.tabs, "sem situação por unidade nem importação"
    assert any("Escritório Social de Vitória (ES)" in m.value for m in at.markdown)
    assert all(
        k.startswith("co_periodo_escritorio1")
        for k in [s.key for s in at.selectbox if s.key and s.key.startswith("co_periodo")]
    )
    # rascunho com parte dos valores e uma desagregação
    at.text_input(key=f"{pre}_E01_total").input("10")
    at.text_input(key=f"{pre}_E02_total").input("1.020")
    at.text_input(key=f"{pre}_E01_sexo_feminino").input("4")
    at.text_input(key=f"{pre}_E01_coment").input("Mutirão de documentação")
    clicar(at, "Gravar rascunho")
    assert "Rascunho gravado." in [s.value for s in at.success], [e.value for e in at.error]
    e = _envio_vitoria()
    assert e.status == "rascunho"
    with sessao() as s:
        vals = {
            (v.desagregacao, v.valor, v.comentario)
            for v in s.exec(select(ValorIndicador).where(ValorIndicador.envio_id == e.id))
        }
    assert ("", 1020, "") in vals and ("sexo:feminino", 4, "") in vals and ("", 10, "Mutirão de documentação") in vals
    base, pre = pre, prefixo(at, pre)
    assert pre != base, "gravado: os campos nascem de novo (chaves da geração seguinte)"
    assert at.text_input(key=f"{pre}_E02_total").value == "1.020", "o formulário volta com o que foi gravado"
    # envio com todos os totais
    _preencher(at, pre)
    clicar(at, "Enviar para validação")
    assert "Enviado para validação do DMF." in [s.value for s in at.success], [e.value for e in at.error]
    assert _envio_vitoria().status == "enviado"
    assert not da_pagina(at.text_input), "enviado: formulário só de consulta"
    assert any("aguardam o DMF" in i.value for i in at.info)
    assert any("Enviado (aguarda o DMF)" in m.value for m in at.markdown)
    assert any(e.label.startswith("Linha do tempo do envio") for e in at.expander)
    # retirar o envio volta a rascunho
    clicar(at, "Retirar envio")
    assert _envio_vitoria().status == "rascunho"
    assert at.text_input(key=f"{prefixo(at, base)}_E01_total").value == "10"


def test_numero_invalido_mostra_erro_e_nao_grava(banco_limpo, demo_usuarios):
    at, pre = _coleta_pf(demo_usuarios["pf_escritorio"])
    antes = _retrato()
    _preencher(at, pre, E03="8,x")
    at.text_input(key=f"{pre}_E01_raca_cor_preta").input("muitos")
    at.text_input(key=f"{pre}_E01_raca_cor_branca").input("1.5")  # ambíguo: não vira 1,5 nem 15
    clicar(at, "Gravar rascunho")
    recusado(
        at,
        "Campo “E03 — Total”: “8,x” não é um número no padrão brasileiro: use vírgula nos decimais",
        "Campo “E01 — Raça/cor (IBGE): Preta”: “muitos” não é um número",
        "Campo “E01 — Raça/cor (IBGE): Branca”: “1.5” é ambíguo",
    )
    assert at.text_input(key=f"{pre}_E03_total").value == "8,x", "o digitado continua na tela"
    assert _retrato() == antes and _envio_vitoria() is None


def test_regra_que_falha_no_envio_mostra_o_texto_e_nao_grava(banco_limpo, demo_usuarios):
    at, pre = _coleta_pf(demo_usuarios["pf_escritorio"])
    antes = _retrato()
    _preencher(at, pre, E01="3.000")
    clicar(at, "Enviar para validação")
    recusado(
        at,
        "Campo “regra de validação”: Pessoas atendidas não passam dos atendimentos: deveria valer E01 ≤ E02, "
        "mas E01 = 3.000 e E02 = 1.020",
    )
    assert _retrato() == antes and _envio_vitoria() is None


def _devolver_o_envio_do_mes(usuarios) -> int:
    """O ponto focal de Vitória envia o período do mês e o DMF o devolve com comentário; devolve o
    id do período. Os dados de demonstração só têm um envio devolvido que o ponto focal ainda pode
    corrigir entre os dias 16 e 25 de cada mês (período fechado, na tolerância): o teste não
    depende da data em que roda."""
    from dominio.indicadores import coleta
    from tests.apoio.coleta import enviar, envio

    pf, dmf = usuarios["pf_escritorio"], usuarios["dmf"]
    per = periodo_mensal_id(HOJE)
    r = enviar(pf, pf, per, hoje=HOJE)
    assert r.status == "enviado"
    e = envio(per, pf)
    coleta.devolver(dmf, e.id, e.versao, "A soma dos encaminhamentos não confere; revise E03 e E04.")
    return per


def test_ponto_focal_ve_a_devolucao_e_corrige(banco_limpo, demo_usuarios):
    per = _devolver_o_envio_do_mes(demo_usuarios)
    at, _ = _coleta_pf(demo_usuarios["pf_escritorio"])
    at.selectbox(key="co_periodo_escritorio1").set_value(per).run()
    sem_excecao(at)
    assert any("Devolvido para correção:" in w.value and "revise E03 e E04" in w.value for w in at.warning)
    assert at.text_input, "devolvido: o ponto focal corrige"
    assert botao(at, "Enviar para validação")


# --- Coleta: DMF e CNMP ------------------------------------------------------------------------------------


def test_dmf_escolhe_a_unidade_e_ve_a_situacao_por_unidade(demo_usuarios):
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/coleta.py").run()
    sem_excecao(at)
    assert [t.label for t in at.tabs] == ["Informar valores", "Situação por unidade", "Importar planilha"]
    at.selectbox(key="co_tipo").set_value("escritorio").run()
    at.selectbox(key="co_uf").set_value("ES").run()
    assert set(at.selectbox(key="co_unidade").options) == {
        "Escritório Social de Cariacica (ES)",
        "Escritório Social de Serra (ES)",
        "Escritório Social de Vitória (ES)",
    }
    at.selectbox(key="co_unidade").set_value("e:1").run()
    sem_excecao(at)
    pid = at.selectbox(key="co_periodo_escritorio1").value
    assert at.text_input(key=f"co_e1_{pid}_E01_total") is not None
    assert botao(at, "Enviar para validação")
    situacao = next(
        d.value for d in at.dataframe if "Situação do envio" in d.value.columns and "Entrega" in d.value.columns
    )
    assert len(situacao) > 10 and "Escritório Social de Vitória (ES)" in set(situacao["Unidade"])
    assert situacao["Situação do envio"].str.match(r"^(📝|📨|☑️|✅|↩️|⬜) ").all()  # ícone e rótulo na tela
    assert "⬜ Sem dados" in set(situacao["Situação do envio"])
    assert any(b.label == "Baixar o modelo (XLSX)" for b in at.get("download_button"))


def test_cnmp_consulta_sem_campos_nem_importacao(demo_usuarios):
    at = abrir(demo_usuarios["cnmp"]).switch_page("paginas/coleta.py").run()
    sem_excecao(at)
    assert [t.label for t in at.tabs] == ["Consultar valores", "Situação por unidade"]
    at.selectbox(key="co_tipo").set_value("escritorio").run()
    at.selectbox(key="co_unidade").set_value("e:1").run()
    at.selectbox(key="co_periodo_escritorio1").set_value(_periodo_com_envio()).run()
    sem_excecao(at)
    assert not da_pagina(at.text_input) and not at.text_area
    assert not [
        b for b in at.button if b.label in ("Gravar rascunho", "Enviar para validação", "Retirar envio", "Importar")
    ]
    assert any("consulta os valores, mas não os informa" in i.value for i in at.info)
    assert any("Pessoas atendidas" in m.value for m in at.markdown)


# --- Indicadores --------------------------------------------------------------------------------------------


def _indicadores(usuario):
    at = abrir(usuario).switch_page("paginas/indicadores.py").run()
    sem_excecao(at)
    return at


def test_dmf_altera_definicao_e_cria_a_versao_2(banco_limpo, demo_usuarios):
    with sessao() as s:
        e01 = s.exec(select(Indicador).where(Indicador.codigo == "E01")).one()
    at = _indicadores(demo_usuarios["dmf"])
    at.selectbox(key="in_escolhido").set_value(e01.id).run()
    assert any(s.value == "E01 — Pessoas atendidas" for s in at.subheader)
    pre = f"in_ed_{e01.id}"
    at.text_input(key=f"{pre}_nome").input("Pessoas atendidas (únicas no mês)")
    clicar(at, "Gravar alterações")
    assert any("Campo “motivo da mudança”" in e.value for e in at.error), "sem motivo, não grava"
    at.text_area(key=f"{pre}_motivo").input("Deixar claro que conta pessoas únicas")
    at.text_input(key=f"{pre}_maximo").input("5.000")
    clicar(at, "Gravar alterações")
    assert "Indicador E01 alterado: criada a versão 2." in [s.value for s in at.success], [e.value for e in at.error]
    with sessao() as s:
        vs = s.exec(
            select(VersaoIndicador).where(VersaoIndicador.indicador_id == e01.id).order_by(VersaoIndicador.numero)
        ).all()
    assert [v.numero for v in vs] == [1, 2] and vs[1].nome == "Pessoas atendidas (únicas no mês)"
    assert vs[1].maximo == 5000 and vs[1].motivo == "Deixar claro que conta pessoas únicas"
    hist = next(d.value for d in at.dataframe if "O que mudou" in d.value.columns)
    assert list(hist["Versão"]) == [2, 1]
    assert hist.iloc[0]["O que mudou"] == "nome; máximo: — → 5.000" and hist.iloc[1]["O que mudou"] == "Versão inicial"
    catalogo = _catalogo(at).set_index("Código")  # o serviço dá o número; a tabela, o formato brasileiro
    assert catalogo.loc["E01", "Máximo"] == "5.000", catalogo.loc["E01"].to_dict()


def test_dmf_inclui_indicador(banco_limpo, demo_usuarios):
    at = _indicadores(demo_usuarios["dmf"])
    assert "Novo indicador" in [t.label for t in at.tabs]
    at.text_input(key="in_novo_codigo").input("e10")
    at.selectbox(key="in_novo_alvo").set_value("escritorio")
    at.text_input(key="in_novo_nome").input("Pessoas que concluíram cursos")
    at.text_area(key="in_novo_definicao").input("Pessoas atendidas que concluíram curso de qualificação no mês.")
    at.text_input(key="in_novo_unidade").input("pessoas")
    at.multiselect(key="in_novo_desagregacoes").set_value(["sexo"])
    clicar(at, "Incluir indicador")
    assert "Indicador E10 incluído." in [s.value for s in at.success], [e.value for e in at.error]
    with sessao() as s:
        ind, ver = s.exec(
            select(Indicador, VersaoIndicador)
            .join(VersaoIndicador, VersaoIndicador.id == Indicador.versao_atual_id)
            .where(Indicador.codigo == "E10")
        ).one()
    assert (ind.alvo, ver.numero, ver.desagregacoes) == ("escritorio", 1, ["sexo"])


def test_dmf_inclui_regra_e_periodo(banco_limpo, demo_usuarios):
    at = _indicadores(demo_usuarios["dmf"])
    at.text_input(key="in_regra_nova_nome").input("Qualificados não passam dos atendidos")
    at.selectbox(key="in_regra_nova_alvo").set_value("escritorio")
    at.text_input(key="in_regra_nova_esq").input("E08")
    at.text_input(key="in_regra_nova_dir").input("E01")
    clicar(at, "Gravar regra")
    assert "Regra gravada: E08 ≤ E01." in [s.value for s in at.success], [e.value for e in at.error]
    regras = next(d.value for d in at.dataframe if "Expressão" in d.value.columns)
    assert "E08 ≤ E01" in set(regras["Expressão"]) and "E01 ≤ E02" in set(regras["Expressão"])
    at.selectbox(key="in_gerar_per").set_value("anual")
    at.number_input(key="in_gerar_ano").set_value(HOJE.year + 1)
    clicar(at, "Gerar períodos do ano")
    assert f"1 período(s) de {HOJE.year + 1} criado(s) (anual)." in [s.value for s in at.success]
    periodos = next(d.value for d in at.dataframe if "Trava" in d.value.columns)
    assert f"Ano de {HOJE.year + 1}" in set(periodos["Período"])


def test_cnmp_e_ponto_focal_so_consultam_o_catalogo(demo_usuarios):
    for perfil in ("cnmp", "pf_escritorio", "pf_grupo"):
        at = _indicadores(demo_usuarios[perfil])
        assert [t.label for t in at.tabs] == ["Catálogo", "Regras de validação", "Períodos de coleta"], perfil
        assert not da_pagina(at.text_input) and not at.text_area and not at.number_input, perfil
        assert not da_pagina(at.button), perfil
        selecionar_primeira(at, "in_tabela")
        assert any(d.value.columns.tolist()[:2] == ["Versão", "Data"] for d in at.dataframe), "histórico de versões"
        assert not da_pagina(at.text_input) and not da_pagina(at.button), perfil


def _catalogo(at):
    return next((d.value for d in at.dataframe if "Desagregações" in d.value.columns), None)


def test_filtros_do_catalogo(demo_usuarios):
    at = _indicadores(demo_usuarios["cnmp"])
    total = len(_catalogo(at))
    at.selectbox(key="in_f_alvo").set_value("grupo").run()
    df = _catalogo(at)
    assert 0 < len(df) < total and set(df["Unidades"]) == {"Grupos Interinstitucionais"}
    at.selectbox(key="in_f_alvo").set_value(None).run()
    at.selectbox(key="in_f_meta").set_value("e").run()
    df = _catalogo(at)
    assert 0 < len(df) < total and set(df["Meta"]) == {"e"}
    at.selectbox(key="in_f_alvo").set_value(None).run()
    at.selectbox(key="in_f_ativo").set_value("inativos").run()
    sem_excecao(at)
    assert any("Nenhum indicador com esses filtros." in i.value for i in at.info)


def test_regra_de_alerta_nao_impede_o_envio_e_avisa(banco_limpo, demo_usuarios):
    at, pre = _coleta_pf(demo_usuarios["pf_escritorio"])
    _preencher(at, pre, E01="5", E02="5", E03="8")  # E03 > E02: só alerta
    clicar(at, "Enviar para validação")
    assert "Enviado para validação do DMF." in [s.value for s in at.success], [e.value for e in at.error]
    aviso = " ".join(w.value for w in at.warning)
    assert "Avisos para o revisor" in aviso and "deveria valer E03 ≤ E02" in aviso
    assert _envio_vitoria().status == "enviado"


def _regras_na_tela(at) -> list[str]:
    return list(next(d.value for d in at.dataframe if "Expressão" in d.value.columns)["Regra"])


def test_dmf_escolhe_regra_existente_e_altera(banco_limpo, demo_usuarios):
    at = _indicadores(demo_usuarios["dmf"])
    antes = _regras_na_tela(at)
    caixa = at.selectbox(key="in_regra_sel")
    assert caixa.options[0] == "Incluir uma regra nova" and sorted(caixa.options[1:]) == sorted(antes)
    escolhida = caixa.options[1]
    caixa.select_index(1).run()
    regra_id = at.selectbox(key="in_regra_sel").value
    at.text_input(key=f"in_regra_{regra_id}_nome").input("Regra renomeada pelo DMF")
    clicar(at, "Gravar regra")
    assert any(s.value.startswith("Regra gravada: ") for s in at.success), [e.value for e in at.error]
    depois = _regras_na_tela(at)
    assert len(depois) == len(antes) and "Regra renomeada pelo DMF" in depois and escolhida not in depois
    assert at.selectbox(key="in_periodo_sel").options[0] == "Incluir um período novo"
