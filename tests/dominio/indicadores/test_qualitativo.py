"""Registros qualitativos (metas d e e): escopo do ponto focal no serviço (só a própria
unidade, também nos anexos), CNMP só lê, validação em pt-BR sem gravar, trava otimista,
anexos de ida e volta, ciclos, resumos por unidade e por ciclo, demonstração idempotente e
a página pelo app.py (AppTest)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import func, select

from comum.anexos import ArquivoEnviado
from core import relogio
from core.banco import sessao
from core.erros import AcessoNegado, ConflitoEdicao, ErroValidacao, NaoEncontrado
from demo.qualitativo import carregar_demo_qualitativo
from dominio.indicadores import qualitativo
from models.indicadores import AnexoRegistro, CicloMonitoramento, RegistroQualitativo
from models.plano import Anexo
from models.unidades import EscritorioSocial, GrupoInterinstitucional
from models.usuarios import Usuario
from tests.apoio.banco import contar
from tests.apoio.paginas import abrir, clicar, grava_um, recusa_sem_gravar, sem_excecao
from ui.graficos import indicadores as graficos_indicadores

HOJE = relogio.hoje()


@pytest.fixture
def demo_ql(banco_limpo):
    """Banco limpo com a demonstração qualitativa (idempotente: não duplica se já estiver ligada ao demo)."""
    with sessao() as s:
        carregar_demo_qualitativo(s, HOJE)
    return banco_limpo


def _chave_grupo(uf: str) -> str:
    with sessao() as s:
        return f"g:{s.exec(select(GrupoInterinstitucional.id).where(GrupoInterinstitucional.uf_sigla == uf)).one()}"


def _chave_escritorio(ibge: int) -> str:
    with sessao() as s:
        return f"e:{s.exec(select(EscritorioSocial.id).where(EscritorioSocial.municipio_codigo == ibge)).one()}"


def _registro_de(chave: str) -> RegistroQualitativo:
    tipo, ident = chave.split(":")
    coluna = RegistroQualitativo.grupo_id if tipo == "g" else RegistroQualitativo.escritorio_id
    with sessao() as s:
        return s.exec(select(RegistroQualitativo).where(coluna == int(ident)).order_by(RegistroQualitativo.id)).first()


def _anexo_de(registro_id: int) -> int:
    with sessao() as s:
        return s.exec(select(AnexoRegistro.anexo_id).where(AnexoRegistro.registro_id == registro_id)).first()


def _ciclo(meta: str) -> CicloMonitoramento:
    with sessao() as s:
        return s.exec(
            select(CicloMonitoramento).where(CicloMonitoramento.meta_letra == meta).order_by(CicloMonitoramento.id)
        ).first()


def _dados(**k) -> qualitativo.DadosRegistro:
    base = dict(
        unidade_chave=_chave_grupo("PR"),
        data=HOJE - timedelta(days=3),
        metodo="entrevista",
        equipe="Equipe DMF",
        achados="Reuniões regulares do Grupo",
        recomendacoes="Registrar atas",
        status_encaminhamento="pendente",
        prazo_encaminhamento=HOJE + timedelta(days=30),
    )
    base.update(k)
    return qualitativo.DadosRegistro(**base)


# --- demonstração ---------------------------------------------------------------------------------


def test_demo_idempotente_com_as_unidades_dos_pontos_focais(banco_limpo):
    with sessao() as s:
        ja = s.exec(select(func.count()).select_from(RegistroQualitativo)).one()
        primeira = carregar_demo_qualitativo(s, HOJE)
    with sessao() as s:
        assert carregar_demo_qualitativo(s, HOJE) == {"registros qualitativos": 0}
    with sessao() as s:
        regs = list(s.exec(select(RegistroQualitativo)))
        ciclos = list(s.exec(select(CicloMonitoramento)))
    assert len(regs) == ja + primeira["registros qualitativos"] and len(regs) >= 10
    assert {c.meta_letra for c in ciclos} >= {"d", "e"}
    assert all(r.data <= HOJE for r in regs)
    assert len({r.metodo for r in regs}) >= 3 and len({r.status_encaminhamento for r in regs}) >= 3
    assert _registro_de(_chave_grupo("PR")) is not None and _registro_de(_chave_escritorio(3205309)) is not None
    por_id = {c.id: c for c in ciclos}
    for r in regs:  # cada registro dentro do período e do tipo de unidade do seu ciclo
        if r.ciclo_id is not None:
            c = por_id[r.ciclo_id]
            assert c.inicio <= r.data <= c.fim
            assert (r.grupo_id is not None) == (c.meta_letra == "d")


# --- escopo ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("perfil,propria", [("pf_grupo", ("g", "PR")), ("pf_escritorio", ("e", 3205309))])
def test_ponto_focal_so_ve_a_propria_unidade(perfil, propria, demo_ql, demo_usuarios):
    u = demo_usuarios[perfil]
    chave = _chave_grupo(propria[1]) if propria[0] == "g" else _chave_escritorio(propria[1])
    outra = _chave_escritorio(3205309) if propria[0] == "g" else _chave_grupo("PR")
    df = qualitativo.tabela_registros(u, hoje=HOJE)
    assert len(df) >= 2
    assert df["Unidade"].nunique() == 1
    assert df.equals(qualitativo.tabela_registros(u, unidade_chave=chave, hoje=HOJE))
    with pytest.raises(AcessoNegado):
        qualitativo.tabela_registros(u, unidade_chave=outra)
    assert [x.chave for x in qualitativo.unidades_visiveis(u)] == [chave]
    resumo = qualitativo.resumo_por_unidade(u, hoje=HOJE)
    assert len(resumo) == 1 and resumo.loc[0, "Registros"] == len(df)
    por_ciclo = qualitativo.resumo_por_ciclo(u, hoje=HOJE)
    assert por_ciclo["Registros"].sum() == len(df)
    meta = "d" if propria[0] == "g" else "e"
    assert {c.meta_letra for c in qualitativo.listar_ciclos(u)} == {meta}


def test_ponto_focal_nao_le_registro_nem_anexo_de_outra_unidade(demo_ql, demo_usuarios):
    pf = demo_usuarios["pf_escritorio"]
    alheio = _registro_de(_chave_grupo("BA"))
    anexo_alheio = _anexo_de(alheio.id)
    assert anexo_alheio is not None
    for chamada in (
        lambda: qualitativo.obter_registro(pf, alheio.id),
        lambda: qualitativo.detalhe_registro(pf, alheio.id),
        lambda: qualitativo.anexos(pf, alheio.id),
        lambda: qualitativo.obter_anexo(pf, anexo_alheio),
    ):
        with pytest.raises(AcessoNegado, match="própria unidade"):
            chamada()
    proprio = _registro_de(_chave_escritorio(3205309))
    d = qualitativo.detalhe_registro(pf, proprio.id)
    assert d.unidade.nome.startswith("Escritório Social de Vitória") and d.anexos
    assert qualitativo.obter_anexo(pf, d.anexos[0].anexo_id).conteudo.startswith(b"Relat")
    # a DMF e a Comissão do CNMP leem qualquer unidade
    for perfil in ("dmf", "cnmp", "admin"):
        assert qualitativo.obter_anexo(demo_usuarios[perfil], anexo_alheio).nome_arquivo.endswith(".txt")


def test_sem_login_ou_conta_inativa_nao_le(demo_ql, demo_usuarios):
    r = _registro_de(_chave_grupo("PR"))
    inativo = demo_usuarios["dmf"].model_copy(update={"ativo": False})
    for ator in (None, inativo):
        chamadas = [
            (qualitativo.tabela_registros, ()),
            (qualitativo.obter_registro, (r.id,)),
            (qualitativo.resumo_por_unidade, ()),
            (qualitativo.resumo_por_ciclo, ()),
            (qualitativo.listar_ciclos, ()),
            (qualitativo.obter_anexo, (1,)),
        ]
        for funcao, args in chamadas:
            with pytest.raises(AcessoNegado):
                funcao(ator, *args)


@pytest.mark.parametrize("perfil", ["cnmp", "pf_grupo", "pf_escritorio"])
def test_so_dmf_e_admin_gravam(perfil, demo_ql, demo_usuarios):
    u = demo_usuarios[perfil]
    r = _registro_de(_chave_grupo("PR"))
    c = _ciclo("d")
    antes = (contar(RegistroQualitativo), contar(CicloMonitoramento), contar(AnexoRegistro))
    arq = ArquivoEnviado("ata.txt", b"ata", "text/plain")
    for chamada in (
        lambda: qualitativo.salvar_registro(u, _dados(), hoje=HOJE),
        lambda: qualitativo.salvar_registro(u, _dados(), hoje=HOJE, ident=r.id, versao=r.versao),
        lambda: qualitativo.excluir_registro(u, r.id, r.versao),
        lambda: qualitativo.anexar(u, r.id, arq),
        lambda: qualitativo.remover_anexo(u, _anexo_de(_registro_de(_chave_grupo("BA")).id)),
        lambda: qualitativo.salvar_ciclo(u, qualitativo.DadosCiclo("X", "d", HOJE, HOJE)),
        lambda: qualitativo.excluir_ciclo(u, c.id, c.versao),
    ):
        with pytest.raises(AcessoNegado):
            chamada()
    assert (contar(RegistroQualitativo), contar(CicloMonitoramento), contar(AnexoRegistro)) == antes


def test_cnmp_le_todas_as_unidades(demo_ql, demo_usuarios):
    df = qualitativo.tabela_registros(demo_usuarios["cnmp"], hoje=HOJE)
    assert len(df) == contar(RegistroQualitativo) and df["Unidade"].nunique() >= 8
    so_pr = qualitativo.tabela_registros(demo_usuarios["cnmp"], unidade_chave=_chave_grupo("PR"))
    assert set(so_pr["Unidade"]) == {"Grupo Interinstitucional — PR"}


# --- validação e trava -------------------------------------------------------------------------------


def test_registro_invalido_diz_os_campos_e_nao_grava(demo_ql, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    antes = contar(RegistroQualitativo)
    with pytest.raises(ErroValidacao) as e:
        qualitativo.salvar_registro(
            dmf, qualitativo.DadosRegistro(None, None, "telefonema", " ", "", status_encaminhamento="talvez"), hoje=HOJE
        )
    campos = {p.campo for p in e.value.problemas}
    assert campos == {"unidade", "data", "método", "equipe", "achados", "encaminhamento"}
    assert "Campo “equipe”: informe quem aplicou o método" in str(e.value)

    with pytest.raises(ErroValidacao) as e:
        qualitativo.salvar_registro(dmf, _dados(data=HOJE + timedelta(days=1)), hoje=HOJE)
    assert str(e.value) == f"Campo “data”: a data {HOJE + timedelta(days=1):%d/%m/%Y} está no futuro"

    with pytest.raises(ErroValidacao) as e:
        qualitativo.salvar_registro(dmf, _dados(prazo_encaminhamento=HOJE - timedelta(days=10)), hoje=HOJE)
    assert [p.campo for p in e.value.problemas] == ["prazo do encaminhamento"]
    assert "não pode ser anterior à data do registro" in str(e.value)

    ciclo_d, ciclo_e = _ciclo("d"), _ciclo("e")
    with pytest.raises(ErroValidacao) as e:  # data fora do ciclo
        qualitativo.salvar_registro(dmf, _dados(ciclo_id=ciclo_d.id, data=ciclo_d.fim + timedelta(days=1)), hoje=HOJE)
    assert [p.campo for p in e.value.problemas] == ["ciclo"] and "está fora do ciclo" in str(e.value)
    with pytest.raises(ErroValidacao) as e:  # ciclo in loco (meta e) de Escritórios para um Grupo
        qualitativo.salvar_registro(dmf, _dados(ciclo_id=ciclo_e.id, data=HOJE - timedelta(days=1)), hoje=HOJE)
    assert "é dos Escritórios Sociais; a unidade escolhida é um Grupo Interinstitucional" in str(e.value)
    with pytest.raises(ErroValidacao) as e:
        qualitativo.salvar_registro(dmf, _dados(unidade_chave="g:999999", ciclo_id=999999), hoje=HOJE)
    assert {p.campo for p in e.value.problemas} == {"unidade", "ciclo"}
    with pytest.raises(ErroValidacao, match="o limite é 6.000"):
        qualitativo.salvar_registro(dmf, _dados(achados="x" * 6001), hoje=HOJE)
    assert contar(RegistroQualitativo) == antes


def test_inclui_altera_e_detecta_conflito(demo_ql, demo_usuarios):
    dmf, admin = demo_usuarios["dmf"], demo_usuarios["admin"]
    c = _ciclo("e")
    dados = _dados(
        unidade_chave=_chave_escritorio(3205309),
        metodo="visita_in_loco",
        ciclo_id=c.id,
        data=max(c.inicio, HOJE - timedelta(days=1)),
        prazo_encaminhamento=None,
    )
    r = qualitativo.salvar_registro(dmf, dados, hoje=HOJE)
    assert (r.versao, r.registrado_por, r.escritorio_id, r.grupo_id) == (
        1,
        dmf.email,
        int(dados.unidade_chave[2:]),
        None,
    )
    dados.status_encaminhamento, dados.equipe = "concluido", "  Equipe DMF e CNMP  "
    r2 = qualitativo.salvar_registro(admin, dados, hoje=HOJE, ident=r.id, versao=1)
    assert (r2.versao, r2.status_encaminhamento, r2.equipe, r2.registrado_por) == (
        2,
        "concluido",
        "Equipe DMF e CNMP",
        dmf.email,
    )
    dados.achados = "Outra versão"
    with pytest.raises(ConflitoEdicao, match="alterado\\(a\\) por outra pessoa"):
        qualitativo.salvar_registro(dmf, dados, hoje=HOJE, ident=r.id, versao=1)
    assert qualitativo.obter_registro(dmf, r.id).achados == "Reuniões regulares do Grupo"
    with pytest.raises(NaoEncontrado):
        qualitativo.obter_registro(dmf, 999999)
    # o ponto focal do Escritório vê o registro novo; o do Grupo não
    assert r.id in set(qualitativo.tabela_registros(demo_usuarios["pf_escritorio"])["id"])
    assert r.id not in set(qualitativo.tabela_registros(demo_usuarios["pf_grupo"])["id"])


def test_filtros_e_atraso(demo_ql, demo_usuarios):
    adm = demo_usuarios["admin"]
    c = _ciclo("e")
    df = qualitativo.tabela_registros(adm, ciclo_id=c.id, metodo="visita_in_loco", hoje=HOJE)
    assert len(df) >= 3 and set(df["Método"]) == {"Visita in loco"} and set(df["Ciclo"]) == {c.nome}
    assert list(df["Data"]) == sorted(df["Data"], reverse=True)
    pend = qualitativo.tabela_registros(adm, status="pendente", hoje=HOJE)
    assert set(pend["Encaminhamento"]) == {"Pendente"}
    atrasados = pend.loc[pend["Em atraso"] == "Sim"]
    assert len(atrasados) >= 2 and all(p < HOJE for p in atrasados["Prazo do encaminhamento"])
    # daqui a um ano, todo pendente com prazo está em atraso
    futuro = qualitativo.tabela_registros(adm, status="pendente", hoje=HOJE + timedelta(days=365))
    assert (futuro["Em atraso"] == "Sim").sum() == futuro["Prazo do encaminhamento"].notna().sum()
    t = qualitativo.totais(qualitativo.tabela_registros(adm, hoje=HOJE))
    assert t["em_atraso"] == len(atrasados) + len(
        qualitativo.tabela_registros(adm, status="em_andamento", hoje=HOJE).query("`Em atraso` == 'Sim'")
    )
    assert t["pendentes"] >= t["em_atraso"] and t["registros"] == contar(RegistroQualitativo)


# --- anexos --------------------------------------------------------------------------------------------


def test_anexo_ida_e_volta_e_remocao(demo_ql, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    r = qualitativo.salvar_registro(dmf, _dados(), hoje=HOJE)
    conteudo = "%PDF-1.4\n% Ata da entrevista — São José\n".encode()  # um PDF de verdade: o conteúdo é conferido
    info = qualitativo.anexar(dmf, r.id, ArquivoEnviado("pasta/ata entrevista.pdf", conteudo, ""))
    assert (info.nome_arquivo, info.tamanho, info.tipo_mime) == ("ata entrevista.pdf", len(conteudo), "application/pdf")
    assert [a.anexo_id for a in qualitativo.anexos(demo_usuarios["pf_grupo"], r.id)] == [info.anexo_id]
    a = qualitativo.obter_anexo(demo_usuarios["pf_grupo"], info.anexo_id)
    assert a.conteudo == conteudo and a.nome_arquivo == "ata entrevista.pdf"
    assert qualitativo.tabela_registros(dmf).set_index("id").loc[r.id, "Anexos"] == 1
    with pytest.raises(AcessoNegado):
        qualitativo.obter_anexo(demo_usuarios["pf_escritorio"], info.anexo_id)

    antes = contar(Anexo)
    with pytest.raises(ErroValidacao, match="Campo “arquivo”: escolha um arquivo"):
        qualitativo.anexar(dmf, r.id, None)
    with pytest.raises(ErroValidacao, match="tipo de arquivo “.exe” não aceito"):
        qualitativo.anexar(dmf, r.id, ArquivoEnviado("x.exe", b"MZ", ""))
    with pytest.raises(NaoEncontrado):
        qualitativo.anexar(dmf, 999999, ArquivoEnviado("x.pdf", b"%PDF-1.4\n", ""))
    assert contar(Anexo) == antes

    # anexos de outras partes do sistema não saem por aqui
    with sessao() as s:
        outro = Anexo(nome_arquivo="plano.pdf", tipo_mime="application/pdf", tamanho=1, sha256="0" * 64, conteudo=b"x")
        s.add(outro)
        s.flush()
        outro_id = outro.id
    with pytest.raises(NaoEncontrado):
        qualitativo.obter_anexo(dmf, outro_id)

    qualitativo.remover_anexo(dmf, info.anexo_id)
    assert qualitativo.anexos(dmf, r.id) == []
    with sessao() as s:
        assert s.get(Anexo, info.anexo_id) is None

    # excluir o registro leva os anexos junto
    zip_vazio = b"PK\x05\x06" + b"\x00" * 18  # um ZIP de verdade (vazio): o conteúdo é conferido
    info2 = qualitativo.anexar(dmf, r.id, ArquivoEnviado("fotos.zip", zip_vazio, ""))
    atual = qualitativo.obter_registro(dmf, r.id)
    qualitativo.excluir_registro(dmf, r.id, atual.versao)
    with sessao() as s:
        assert s.get(RegistroQualitativo, r.id) is None and s.get(Anexo, info2.anexo_id) is None


# --- ciclos ------------------------------------------------------------------------------------------


def test_ciclo_valida_nome_meta_e_periodo(demo_ql, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    existente = _ciclo("d")
    antes = contar(CicloMonitoramento)
    with pytest.raises(ErroValidacao) as e:
        qualitativo.salvar_ciclo(
            dmf, qualitativo.DadosCiclo(existente.nome.upper(), "f", HOJE, HOJE - timedelta(days=1))
        )
    assert {p.campo for p in e.value.problemas} == {"nome", "meta", "fim"}
    assert "já existe um ciclo chamado" in str(e.value) and "não pode ser anterior ao início" in str(e.value)
    with pytest.raises(ErroValidacao) as e:
        qualitativo.salvar_ciclo(dmf, qualitativo.DadosCiclo("  ", "e", None, None))
    assert {p.campo for p in e.value.problemas} == {"nome", "início", "fim"}
    assert contar(CicloMonitoramento) == antes

    c = qualitativo.salvar_ciclo(dmf, qualitativo.DadosCiclo("2º ciclo in loco", "e", HOJE, HOJE + timedelta(days=60)))
    assert c.versao == 1 and c.nome == "2º ciclo in loco"
    assert (
        qualitativo.salvar_ciclo(
            dmf, qualitativo.DadosCiclo("2º ciclo in loco", "e", HOJE, HOJE), ident=c.id, versao=1
        ).versao
        == 2
    )
    with pytest.raises(ConflitoEdicao):
        qualitativo.salvar_ciclo(dmf, qualitativo.DadosCiclo("2º ciclo", "e", HOJE, HOJE), ident=c.id, versao=1)
    qualitativo.excluir_ciclo(dmf, c.id, 2)
    assert contar(CicloMonitoramento) == antes

    # um ciclo com registros não pode encolher, trocar de meta nem ser excluído
    with pytest.raises(ErroValidacao) as e:
        qualitativo.salvar_ciclo(
            dmf,
            qualitativo.DadosCiclo(existente.nome, "e", existente.fim, existente.fim),
            ident=existente.id,
            versao=existente.versao,
        )
    assert {p.campo for p in e.value.problemas} == {"período", "meta"}
    with pytest.raises(ErroValidacao, match="só um ciclo sem registros"):
        qualitativo.excluir_ciclo(dmf, existente.id, existente.versao)


# --- resumos e gráfico ------------------------------------------------------------------------------------


def test_resumos_por_unidade_e_por_ciclo(demo_ql, demo_usuarios):
    adm = demo_usuarios["admin"]
    regs = qualitativo.tabela_registros(adm, hoje=HOJE)
    por_unidade = qualitativo.resumo_por_unidade(adm, hoje=HOJE)
    assert list(por_unidade.columns) == [
        "Unidade",
        "Tipo",
        "UF",
        "Registros",
        "Último registro",
        "Encaminhamentos pendentes",
        "Em atraso",
    ]
    assert por_unidade["Registros"].sum() == len(regs)
    assert (por_unidade["Registros"] == 0).any()  # cobertura: unidades ainda não monitoradas aparecem
    pr = por_unidade.set_index("Unidade").loc["Grupo Interinstitucional — PR"]
    so_pr = regs.loc[regs["Unidade"] == "Grupo Interinstitucional — PR"]
    assert pr["UF"] == "PR" and pr["Registros"] == len(so_pr) and pr["Último registro"] == max(so_pr["Data"])
    assert pr["Encaminhamentos pendentes"] == so_pr["Encaminhamento"].isin(["Pendente", "Em andamento"]).sum()
    assert set(qualitativo.resumo_por_unidade(adm, tipo="grupo")["Tipo"]) == {"Grupo Interinstitucional"}
    c = _ciclo("e")
    so_ciclo = qualitativo.resumo_por_unidade(adm, ciclo_id=c.id)
    assert so_ciclo["Registros"].sum() == len(qualitativo.tabela_registros(adm, ciclo_id=c.id))

    por_ciclo = qualitativo.resumo_por_ciclo(adm, hoje=HOJE)
    assert por_ciclo["Registros"].sum() == len(regs)
    metodos = ["Entrevista", "Grupo focal", "Visita in loco", "Análise documental"]
    assert (por_ciclo[metodos].sum(axis=1) == por_ciclo["Registros"]).all()
    linha_e = por_ciclo.set_index("Ciclo").loc[c.nome]
    assert linha_e["Meta"] == "Meta e" and linha_e["Visita in loco"] >= 3
    fig = graficos_indicadores.figura_metodos_por_ciclo(por_ciclo)
    assert {t.name for t in fig.data} <= set(metodos) and fig.layout.separators == ",."
    assert sum(sum(t.x) for t in fig.data) == len(regs)


# --- página ----------------------------------------------------------------------------------------------


def _pagina(usuario):
    at = abrir(usuario).switch_page("paginas/qualitativo.py").run()
    sem_excecao(at)
    return at


def test_pagina_admin_tabela_grafico_e_detalhe(demo_ql, demo_usuarios):
    at = _pagina(demo_usuarios["admin"])
    assert [t.value for t in at.title] == ["Registros qualitativos"]
    assert [t.label for t in at.tabs] == ["Registros", "Por ciclo", "Por unidade", "Novo registro", "Ciclos"]
    assert len(at.dataframe[0].value) == contar(RegistroQualitativo)
    assert at.get("plotly_chart")
    # detalhe do registro de Vitória, com o anexo para baixar
    r = _registro_de(_chave_escritorio(3205309))
    at.selectbox(key="ql_escolhido").set_value(r.id).run()
    sem_excecao(at)
    assert any("Escritório Social de Vitória" in h.value for h in at.subheader)
    assert any(r.achados in t.value for t in at.text)
    # filtro por método
    at.selectbox(key="ql_f_metodo").set_value("grupo_focal").run()
    sem_excecao(at)
    assert set(at.dataframe[0].value["Método"]) == {"Grupo focal"}


def test_pagina_registro_invalido_mostra_erro_e_nao_grava(demo_ql, demo_usuarios):
    at = _pagina(demo_usuarios["dmf"])
    antes = contar(RegistroQualitativo)
    at.date_input(key="ql_novo_data").set_value(HOJE - timedelta(days=2))
    at.date_input(key="ql_novo_prazo").set_value(HOJE - timedelta(days=5))
    recusa_sem_gravar(
        at,
        "Incluir registro",
        RegistroQualitativo,
        "Campo “unidade”: escolha o Grupo Interinstitucional ou o Escritório Social",
        "Campo “equipe”",
        "Campo “achados”: descreva os achados",
        "Campo “prazo do encaminhamento”",
        form="ql_novo",
    )
    assert contar(RegistroQualitativo) == antes


def test_pagina_registro_valido_e_gravado(demo_ql, demo_usuarios):
    at = _pagina(demo_usuarios["dmf"])
    antes = contar(RegistroQualitativo)
    c = _ciclo("d")
    at.selectbox(key="ql_novo_unidade").set_value(_chave_grupo("PR"))
    at.date_input(key="ql_novo_data").set_value(c.inicio + timedelta(days=1))
    at.selectbox(key="ql_novo_metodo").set_value("grupo_focal")
    at.selectbox(key="ql_novo_ciclo").set_value(c.id)
    at.text_input(key="ql_novo_equipe").input("Equipe DMF")
    at.text_area(key="ql_novo_achados").input("Grupo discute fiscalização de cotas")
    grava_um(at, "Incluir registro", RegistroQualitativo, "Registro incluído.", form="ql_novo")
    assert contar(RegistroQualitativo) == antes + 1
    with sessao() as s:
        novo = s.exec(select(RegistroQualitativo).order_by(RegistroQualitativo.id.desc())).first()
    assert (novo.metodo, novo.ciclo_id, novo.registrado_por) == ("grupo_focal", c.id, "dmf@demo.pnat.jus.br")


def test_pagina_altera_registro_pelo_detalhe(demo_ql, demo_usuarios):
    at = _pagina(demo_usuarios["admin"])
    r = _registro_de(_chave_grupo("BA"))
    at.selectbox(key="ql_escolhido").set_value(r.id).run()
    sem_excecao(at)
    pre = f"ql_ed_{r.id}"
    at.selectbox(key=f"{pre}_status").set_value("concluido")
    clicar(at, "Gravar alterações", pre)
    assert "Registro atualizado." in [s.value for s in at.success]
    with sessao() as s:
        novo = s.get(RegistroQualitativo, r.id)
    assert novo.status_encaminhamento == "concluido" and novo.versao == r.versao + 1


def test_pagina_ciclos_invalido_e_valido(demo_ql, demo_usuarios):
    at = _pagina(demo_usuarios["admin"])
    antes = contar(CicloMonitoramento)
    at.text_input(key="ql_ciclo_novo_nome").input(_ciclo("d").nome)
    at.date_input(key="ql_ciclo_novo_inicio").set_value(HOJE)
    at.date_input(key="ql_ciclo_novo_fim").set_value(HOJE - timedelta(days=1))
    recusa_sem_gravar(
        at, "Incluir ciclo", CicloMonitoramento, "já existe um ciclo chamado", "Campo “fim”", form="ql_ciclo_novo"
    )
    assert contar(CicloMonitoramento) == antes
    at.text_input(key="ql_ciclo_novo_nome").input("2º ciclo in loco — teste")
    at.selectbox(key="ql_ciclo_novo_meta").set_value("e")
    at.date_input(key="ql_ciclo_novo_fim").set_value(HOJE + timedelta(days=90))
    grava_um(at, "Incluir ciclo", CicloMonitoramento, "Ciclo incluído.", form="ql_ciclo_novo")
    assert contar(CicloMonitoramento) == antes + 1


def test_pagina_cnmp_so_le(demo_ql, demo_usuarios):
    at = _pagina(demo_usuarios["cnmp"])
    assert [t.label for t in at.tabs] == ["Registros", "Por ciclo", "Por unidade"]
    assert len(at.dataframe[0].value) == contar(RegistroQualitativo)
    assert not [b for b in at.button if b.label in ("Incluir registro", "Gravar alterações", "Incluir ciclo", "Anexar")]
    assert not any(e.label == "Alterar este registro" for e in at.expander)


def test_pagina_ponto_focal_so_a_propria_unidade(demo_ql, demo_usuarios):
    at = _pagina(demo_usuarios["pf_escritorio"])
    assert [t.label for t in at.tabs] == ["Registros", "Por ciclo"]
    unidades_vistas = set(at.dataframe[0].value["Unidade"])
    assert len(unidades_vistas) == 1 and next(iter(unidades_vistas)).startswith("Escritório Social de Vitória")
    assert at.selectbox(key="ql_f_unidade").disabled
    assert not [b for b in at.button if b.label in ("Incluir registro", "Gravar alterações", "Anexar")]
    assert not any(e.label == "Alterar este registro" for e in at.expander)
    assert at.get("download_button")  # o anexo da visita in loco da própria unidade


def test_pagina_ponto_focal_sem_registros(banco_limpo):
    with sessao() as s:
        grupo_ac = s.exec(select(GrupoInterinstitucional).where(GrupoInterinstitucional.uf_sigla == "AC")).one()
        pf = Usuario(
            nome="Ponto focal AC (teste)", email="pf.ac@teste.pnat.jus.br", papel="ponto_focal", grupo_id=grupo_ac.id
        )
        s.add(pf)
        s.flush()
    at = _pagina(pf)
    assert any(
        "Ainda não há registros qualitativos" in i.value and "Grupo Interinstitucional — AC" in i.value for i in at.info
    )
    assert not at.exception


def test_pagina_remove_anexo_e_exclui_registro(demo_ql, demo_usuarios):
    at = _pagina(demo_usuarios["admin"])
    r = _registro_de(_chave_escritorio(3205309))
    anexo_id = _anexo_de(r.id)
    at.selectbox(key="ql_escolhido").set_value(r.id).run()
    sem_excecao(at)
    next(b for b in at.button if b.key == f"ql_remover_btn_{r.id}").click().run()
    sem_excecao(at)
    assert "Anexo removido." in [s.value for s in at.success]
    with sessao() as s:
        assert s.get(Anexo, anexo_id) is None
    antes = contar(RegistroQualitativo)
    at.selectbox(key="ql_escolhido").set_value(r.id).run()
    next(b for b in at.button if b.key == f"ql_excluir_{r.id}").click().run()
    sem_excecao(at)
    assert "Registro excluído." in [s.value for s in at.success]
    assert contar(RegistroQualitativo) == antes - 1
