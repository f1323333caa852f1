"""Cada página, por cada perfil, rodada pelo `app.py` com AppTest: abre sem
exceção quando o perfil pode vê-la e nem é registrada quando não pode."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from core import acesso, relogio
from dominio.indicadores import coleta
from tests.apoio.banco import contar
from tests.apoio.paginas import abrir, por_rotulo, selecionar_primeira, sem_excecao

PERFIS = ["publico", "admin", "dmf", "cnmp", "pf_grupo", "pf_escritorio"]

# título (st.title) que cada página mostra; ponto focal vê o nome da sua unidade
TITULOS = {
    "paginas/pendencias.py": "Minhas pendências",
    "paginas/visao_geral.py": "Visão geral",
    "paginas/grupos.py": "Grupos Interinstitucionais",
    "paginas/escritorios.py": "Escritórios Sociais",
    "paginas/fundos.py": "Fundos Municipais de Políticas Penais",
    "paginas/usuarios.py": "Usuários",
    "paginas/municipios.py": "Municípios",
    "paginas/auditoria.py": "Trilha de auditoria",
    "paginas/publico.py": "Painel público do ACT CNJ–CNMP nº 22/2023",
    "paginas/entrar.py": "Entrar",
    "paginas/conta.py": "Minha conta",
    "paginas/plano.py": "Plano de trabalho",
    "paginas/cronograma.py": "Cronograma",
    "paginas/comunicacao.py": "Comunicação e publicações",
    "paginas/vigencia.py": "Vigência",
    "paginas/relatorio.py": "Relatório periódico",
    "paginas/recursos.py": "Recursos",
    "paginas/prestacao_contas.py": "Prestação de contas",
    "paginas/indice.py": "Índice penitenciário",
    "paginas/propostas.py": "Propostas FUNPEN",
    "paginas/cotas.py": "Cotas PNAT",
    "paginas/lgpd.py": "Incidentes LGPD",
    "paginas/indicadores.py": "Indicadores",
    "paginas/coleta.py": "Coleta de indicadores",
    "paginas/revisao.py": "Revisão dos indicadores",
    "paginas/monitoramento.py": "Monitoramento dos indicadores",
    "paginas/qualitativo.py": "Registros qualitativos",
    "paginas/buscar.py": "Buscar",
    "paginas/glossario.py": "Glossário",
}


def _papel(perfil: str) -> str:
    return {"pf_grupo": acesso.PONTO_FOCAL, "pf_escritorio": acesso.PONTO_FOCAL}.get(perfil, perfil)


def _casos():
    for perfil in PERFIS:
        for arquivo, *_ in acesso.PAGINAS:
            yield pytest.param(perfil, arquivo, id=f"{perfil}-{arquivo.split('/')[1][:-3]}")


def test_todas_as_paginas_tem_titulo_conhecido():
    assert set(TITULOS) | {"paginas/minha_unidade.py"} == {p[0] for p in acesso.PAGINAS}


@pytest.mark.parametrize("perfil,arquivo", list(_casos()))
def test_pagina_por_perfil(perfil, arquivo, demo_usuarios):
    usuario = demo_usuarios.get(perfil)
    at = abrir(usuario)
    sem_excecao(at)
    papeis = next(p[4] for p in acesso.PAGINAS if p[0] == arquivo)
    if _papel(perfil) not in papeis:
        # não registrada em st.navigation: nem por endereço se chega a ela
        with pytest.raises(ValueError):
            at.switch_page(arquivo)
        return
    at.switch_page(arquivo).run()
    sem_excecao(at)
    titulos = [t.value for t in at.title]
    if arquivo == "paginas/minha_unidade.py":
        esperado = "Grupo Interinstitucional — PR" if perfil == "pf_grupo" else "Escritório Social"
        assert any(esperado in t for t in titulos), titulos
    else:
        assert TITULOS[arquivo] in titulos
    # aviso de demonstração em toda página enquanto os dados de demonstração existirem
    assert any("Ambiente de demonstração" in w.value for w in at.warning)


@pytest.mark.parametrize("perfil", PERFIS)
def test_menu_so_com_paginas_do_perfil(perfil, demo_usuarios):
    at = abrir(demo_usuarios.get(perfil))
    esperadas = {arq for arq, *_ in acesso.paginas_do_papel(_papel(perfil))}
    for arquivo, *_ in acesso.PAGINAS:
        if arquivo in esperadas:
            at.switch_page(arquivo)  # registrada: não levanta
        else:
            with pytest.raises(ValueError):
                at.switch_page(arquivo)


def test_visitante_abre_no_painel_publico():
    at = abrir()
    sem_excecao(at)
    assert "Painel público do ACT CNJ–CNMP nº 22/2023" in [t.value for t in at.title]
    assert at.metric[0].label == "Grupos Interinstitucionais" and at.metric[0].value == "18"
    assert "sair" not in [b.key for b in at.button]


def test_logado_ve_menu_lateral_com_sair_em_toda_pagina(demo_usuarios):
    at = abrir(demo_usuarios["cnmp"]).switch_page("paginas/grupos.py").run()
    assert at.button(key="sair").label == "Sair"
    assert any("Comissão CNMP" in c.value for c in at.sidebar.caption)


def test_login_pela_pagina_entrar_leva_a_rota_do_cookie():
    """A senha certa cria a sessão no banco e leva o navegador à rota que grava o cookie HttpOnly:
    só o código de uso único vai na URL; a aba fica sem usuário até o cookie existir."""
    from urllib.parse import parse_qs, urlsplit

    from dominio.usuarios import sessoes

    at = abrir().switch_page("paginas/entrar.py").run()
    at.text_input[0].input("dmf@demo.pnat.jus.br")
    at.text_input[1].input("Demo-Dmf-2023")
    at.button[0].click().run()  # botão do formulário "Entrar"
    sem_excecao(at)
    assert "Entrando…" in [i.value for i in at.info]
    url = urlsplit(at.get("link_button")[0].proto.url)
    consulta = parse_qs(url.query)
    assert url.path == "/sessao/entrar" and consulta["destino"] == ["/"]
    assert at.session_state["usuario_id"] is None
    # o segredo do vínculo vai num cookie gravado por este navegador, não na URL
    script = " ".join(h.proto.body for h in at.get("html"))
    vinculo = re.search(rf"{sessoes.NOME_COOKIE_VINCULO}=([\w-]+); path=/sessao;", script).group(1)
    assert vinculo not in at.get("link_button")[0].proto.url
    assert sessoes.ativar(consulta["codigo"][0], None) is None
    token = sessoes.ativar(consulta["codigo"][0], vinculo)  # o que a rota do cookie faz
    assert sessoes.validar(token).usuario.email == "dmf@demo.pnat.jus.br"


def test_sair_encerra_e_leva_a_rota_que_apaga_o_cookie(demo_usuarios):
    at = abrir(demo_usuarios["dmf"])
    at.button(key="sair").click().run()
    sem_excecao(at)
    assert "usuario_id" not in at.session_state or at.session_state["usuario_id"] is None
    assert at.get("link_button")[0].proto.url == "/sessao/sair?destino=%2F"


def test_aba_que_entrou_pelo_cookie_sai_se_o_cookie_some(demo_usuarios):
    """A conexão refeita sem o cookie (a saída em outra aba o apagou) não mantém o login só pelo
    `usuario_id` que ficou na sessão do Streamlit."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["usuario_id"] = demo_usuarios["dmf"].id
    at.session_state["_sessao_id"] = 1  # esta aba tinha entrado pelo cookie
    at.run()
    sem_excecao(at)
    assert "Painel público do ACT CNJ–CNMP nº 22/2023" in [t.value for t in at.title]
    assert at.session_state["usuario_id"] is None


@pytest.mark.parametrize(
    "perfil,arquivo,titulo",
    [
        (None, "paginas/usuarios.py", "Entrar"),  # visitante: o login, e depois de entrar volta à página
        ("dmf", "paginas/usuarios.py", "Página não encontrada"),  # perfil sem acesso
        ("dmf", "paginas/entrar.py", "Página não encontrada"),
    ],
)
def test_endereco_de_pagina_fora_do_perfil(perfil, arquivo, titulo, demo_usuarios):
    """Um link ou favorito para uma página que o perfil não vê abre o login ou o aviso em
    português — nunca o aviso em inglês do Streamlit; a página em si não roda."""
    from pathlib import Path

    at = abrir(demo_usuarios.get(perfil))
    nome = Path(arquivo).stem
    porteiro = next(h for h, p in at._registered_pages.items() if p.get("url_pathname") == nome)
    at._page_hash = porteiro  # como o navegador pede /<nome>
    at.run()
    sem_excecao(at)
    assert titulo in [t.value for t in at.title]
    if perfil is None:
        assert "Entre para ver a página **Usuários**." in [i.value for i in at.info]
        assert at.session_state["_destino"] == "/usuarios"


def test_login_com_senha_errada_mostra_erro_e_nao_entra():
    at = abrir().switch_page("paginas/entrar.py").run()
    at.text_input[0].input("dmf@demo.pnat.jus.br")
    at.text_input[1].input("senha-errada-123")
    at.button[0].click().run()
    sem_excecao(at)
    assert "E-mail ou senha incorretos." in [e.value for e in at.error]
    assert at.session_state["usuario_id"] is None


def test_login_com_email_desconhecido_responde_como_senha_errada(banco_limpo):
    """Ataque do issue #16: a mensagem dizia se o e-mail tinha conta. Agora a tela é a mesma."""
    telas = []
    for email in ("dmf@demo.pnat.jus.br", "ninguem.aqui@cnj.jus.br"):
        at = abrir().switch_page("paginas/entrar.py").run()
        at.text_input[0].input(email)
        at.text_input[1].input("senha-errada-123")
        at.button[0].click().run()
        sem_excecao(at)
        telas.append([e.value for e in at.error])
    assert telas[0] == telas[1] == ["E-mail ou senha incorretos."]


def test_entrar_mostra_contas_demo_so_em_modo_demo(monkeypatch, banco_limpo):
    from core.config import limpar_config

    at = abrir().switch_page("paginas/entrar.py").run()
    assert any("Contas de demonstração" in e.label for e in at.expander)
    monkeypatch.setenv("MODO_DEMO", "false")
    limpar_config()
    try:
        at = abrir().switch_page("paginas/entrar.py").run()
        assert not any("Contas de demonstração" in e.label for e in at.expander)
    finally:
        monkeypatch.setenv("MODO_DEMO", "true")
        limpar_config()


def test_partida_sem_modo_demo_desativa_contas_demo_e_avisa_o_administrador(monkeypatch, banco_limpo, caplog):
    """Ataque do issue #16: com MODO_DEMO=false as contas de demonstração entravam. Agora a partida
    as desativa (log), a página Usuários avisa o administrador e a senha publicada não entra."""
    from core.config import limpar_config
    from dominio.usuarios.servicos import DadosUsuario, criar_usuario

    real = criar_usuario(
        None, DadosUsuario("Fulana Real", "fulana.real@cnj.jus.br", "admin"), "Frase-Longa-da-Fulana", sistema=True
    )
    monkeypatch.setenv("MODO_DEMO", "false")
    limpar_config()
    try:
        with caplog.at_level("WARNING"):
            at = abrir().switch_page("paginas/entrar.py").run()
        assert "5 conta(s) de demonstração desativada(s)" in caplog.text
        at.text_input[0].input("admin@demo.pnat.jus.br")
        at.text_input[1].input("Demo-Gestao-2023")
        at.button[0].click().run()
        sem_excecao(at)
        assert at.session_state["usuario_id"] is None
        assert any("desativada" in e.value for e in at.error)
        at = abrir(real).switch_page("paginas/usuarios.py").run()
        sem_excecao(at)
        aviso = " ".join(w.value for w in at.warning)
        assert "5 conta(s) de demonstração neste banco" in aviso and "admin@demo.pnat.jus.br" in aviso.replace("\\", "")
    finally:
        monkeypatch.setenv("MODO_DEMO", "true")
        limpar_config()
    at = abrir(real).switch_page("paginas/usuarios.py").run()
    assert not any("conta(s) de demonstração" in w.value for w in at.warning)  # em modo demo, sem aviso


def test_cnmp_consulta_sem_formularios_de_edicao(demo_usuarios):
    at = abrir(demo_usuarios["cnmp"]).switch_page("paginas/fundos.py").run()
    sem_excecao(at)
    assert not any(e.label == "Novo Fundo Municipal" for e in at.expander)
    selecionar_primeira(at, "fu_tabela")
    assert [t.label for t in at.tabs] == ["Detalhes", "Recursos", "Histórico"]  # sem "Editar"


def test_filtro_de_fundos_por_uf(demo_usuarios):
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/fundos.py").run()
    total = at.dataframe[0].value.shape[0]
    at.multiselect(key="fu_uf").select("PR").run()
    sem_excecao(at)
    df = at.dataframe[0].value
    assert 0 < len(df) < total and set(df["UF"]) == {"PR"}


def test_filtros_de_fundos_vem_da_url_e_vao_para_ela(demo_usuarios):
    """Recarregar, um favorito ou um link com `?uf=PR&situacao=…` abre a lista já filtrada; mudar o
    filtro muda a URL. Valores que não são opções são ignorados."""
    at = abrir(demo_usuarios["dmf"])
    at.query_params["uf"] = ["PR", "XX"]
    at.switch_page("paginas/fundos.py").run()
    sem_excecao(at)
    assert at.multiselect(key="fu_uf").value == ["PR"]
    assert set(at.dataframe[0].value["UF"]) == {"PR"}
    at.multiselect(key="fu_uf").select("SC").run()
    assert at.query_params["uf"] == ["PR", "SC"]
    at.multiselect(key="fu_uf").set_value([]).run()
    assert "uf" not in at.query_params


# --- formulários: entrada ruim não grava; conflito de edição não perde nada ---------------------


def test_novo_fundo_com_cnpj_invalido_nao_grava(banco_limpo, demo_usuarios):
    from models.unidades import FundoMunicipal

    antes = contar(FundoMunicipal)
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/fundos.py").run()
    at.selectbox(key="fu_novo_local_uf").select("SP").run()
    at.selectbox(key="fu_novo_local_mun_SP").select(3509502).run()  # São Paulo
    por_rotulo(at.text_input, "Nome *").input("Fundo Municipal de Políticas Penais de Campinas")
    por_rotulo(at.text_input, "Número da lei municipal *").input("17.999/2023")
    por_rotulo(at.text_input, "CNPJ").input("11.222.333/0001-00")
    at.button[0].click().run()  # Salvar do formulário novo
    sem_excecao(at)
    erros = " ".join(e.value for e in at.error)
    assert "Nada foi gravado" in erros
    assert "Campo “CNPJ”" in erros and "dígitos verificadores" in erros
    assert "Campo “data da lei”" in erros  # data obrigatória não informada
    assert contar(FundoMunicipal) == antes
    # o que a pessoa digitou continua no formulário para corrigir
    assert por_rotulo(at.text_input, "Nome *").value == "Fundo Municipal de Políticas Penais de Campinas"


def test_novo_fundo_valido_grava_e_audita(banco_limpo, demo_usuarios):
    from datetime import date

    from models.unidades import FundoMunicipal
    from models.usuarios import RegistroAuditoria

    antes = contar(FundoMunicipal)
    at = abrir(demo_usuarios["dmf"]).switch_page("paginas/fundos.py").run()
    at.selectbox(key="fu_novo_local_uf").select("SP").run()
    at.selectbox(key="fu_novo_local_mun_SP").select(3509502).run()
    por_rotulo(at.text_input, "Nome *").input("Fundo Municipal de Políticas Penais de Campinas")
    por_rotulo(at.text_input, "Número da lei municipal *").input("17.999/2023")
    por_rotulo(at.date_input, "Data da lei *").set_value(date(2023, 5, 10))
    por_rotulo(at.text_input, "CNPJ").input("11.222.333/0001-81")
    at.button[0].click().run()
    sem_excecao(at)
    assert not at.error, [e.value for e in at.error]
    assert any("incluído" in s.value for s in at.success)
    assert contar(FundoMunicipal) == antes + 1
    from core.banco import sessao

    with sessao() as s:
        f = s.exec(select(FundoMunicipal).where(FundoMunicipal.municipio_codigo == 3509502)).one()
        assert f.cnpj == "11222333000181" and f.lei_data == date(2023, 5, 10)
        reg = s.exec(
            select(RegistroAuditoria).where(
                RegistroAuditoria.entidade == "fundo_municipal", RegistroAuditoria.entidade_id == str(f.id)
            )
        ).one()
        assert reg.acao == "inclusao" and reg.usuario_email == "dmf@demo.pnat.jus.br"


def test_duas_sessoes_editando_o_mesmo_fundo(banco_limpo, demo_usuarios):
    """A segunda gravação é recusada com aviso de conflito; a primeira fica; o que a
    segunda pessoa digitou continua na tela."""
    from core.banco import sessao
    from models.unidades import FundoMunicipal

    sessoes = []
    for perfil in ("dmf", "admin"):
        at = abrir(demo_usuarios[perfil]).switch_page("paginas/fundos.py").run()
        selecionar_primeira(at, "fu_tabela")
        sessoes.append(at)
    a, b = sessoes
    from dominio.cadastros.servicos import tabela_fundos

    fundo_id = int(tabela_fundos(demo_usuarios["dmf"]).iloc[0]["id"])  # a primeira linha da tabela

    por_rotulo(a.text_input, "Conselho gestor", 1).input("Conselho da primeira pessoa")
    a.button[1].click().run()  # Salvar do formulário de edição
    sem_excecao(a)
    assert any("Alterações gravadas" in s.value for s in a.success)

    por_rotulo(b.text_input, "Conselho gestor", 1).input("Conselho da segunda pessoa")
    b.button[1].click().run()
    sem_excecao(b)
    erros = " ".join(e.value for e in b.error)
    assert "foi alterado(a) por outra pessoa" in erros
    assert por_rotulo(b.text_input, "Conselho gestor", 1).value == "Conselho da segunda pessoa"

    with sessao() as s:
        f = s.get(FundoMunicipal, fundo_id)
        assert f.conselho_gestor == "Conselho da primeira pessoa"
        assert f.versao == 2

    # "Carregar a versão atual" mostra o que está gravado e permite refazer a alteração
    b.button(key=f"recarregar_fundo_{fundo_id}").click().run()
    sem_excecao(b)
    assert por_rotulo(b.text_input, "Conselho gestor", 1).value == "Conselho da primeira pessoa"
    por_rotulo(b.text_input, "Conselho gestor", 1).input("Conselho da segunda pessoa")
    b.button[1].click().run()
    sem_excecao(b)
    assert not b.error, [e.value for e in b.error]
    assert any("Alterações gravadas" in x.value for x in b.success)
    with sessao() as s:
        f = s.get(FundoMunicipal, fundo_id)
        assert (f.conselho_gestor, f.versao) == ("Conselho da segunda pessoa", 3)


def test_auditoria_lista_para_admin(demo_usuarios):
    at = abrir(demo_usuarios["admin"]).switch_page("paginas/auditoria.py").run()
    sem_excecao(at)
    assert at.dataframe, "a trilha deve mostrar os registros da carga de demonstração"


def test_pagina_usa_o_dia_de_brasilia_quando_em_utc_ja_e_o_dia_seguinte(demo_usuarios):
    """Às 02:30 UTC de 01/03/2027 ainda é 28/02 em Brasília: o período padrão da trilha (30 dias
    até hoje) termina em 28/02, com o relógio congelado também na thread do AppTest."""
    with relogio.congelar(datetime(2027, 3, 1, 2, 30, tzinfo=UTC)):
        at = abrir(demo_usuarios["admin"]).switch_page("paginas/auditoria.py").run()
    sem_excecao(at)
    assert at.date_input(key="au_periodo").value == (date(2027, 1, 29), date(2027, 2, 28))


def test_ponto_focal_de_escritorio_ve_sua_unidade(demo_usuarios):
    at = abrir(demo_usuarios["pf_escritorio"]).switch_page("paginas/minha_unidade.py").run()
    sem_excecao(at)
    texto = " ".join(m.value for m in at.markdown)
    assert "Vitória/ES" in texto


def test_minha_unidade_separa_os_periodos_a_enviar_dos_ja_travados(demo_usuarios):
    """Um período travado sem envio o ponto focal não envia mais pela Coleta: a página o mostra à
    parte, dizendo que é com o DMF, e não na lista dos que aguardam o envio da unidade."""
    pf = demo_usuarios["pf_escritorio"]
    periodos = coleta.periodos_da_unidade(pf, "escritorio", pf.escritorio_id, relogio.hoje())
    pendentes = coleta.pendentes_de_envio(periodos)
    travados = coleta.travados(pendentes)
    assert travados.any() and not travados.all(), "a demonstração tem pendentes travados e abertos"
    at = abrir(pf).switch_page("paginas/minha_unidade.py").run()
    sem_excecao(at)
    assert not at.error
    (a_enviar,) = [w.value for w in at.warning if "aguardando o envio" in w.value]
    (ja_travados,) = [w.value for w in at.warning if "travado" in w.value]
    for rotulo in pendentes[travados]["Período"].head(6):
        assert rotulo in ja_travados and rotulo not in a_enviar
    for rotulo in pendentes[~travados]["Período"].head(6):
        assert rotulo in a_enviar and rotulo not in ja_travados
    assert "fale com a equipe do DMF" in ja_travados


def test_toda_caixa_de_escolha_tem_texto_em_portugues_quando_vazia():
    """Sem `placeholder`, o Streamlit 1.67 mostra “Choose an option” / “Choose options” numa
    caixa de escolha vazia (um multiselect que a pessoa esvaziou, um selectbox sem valor): toda
    chamada de `selectbox` e `multiselect` nas páginas e em ui/ traz o texto em português."""
    import ast
    from pathlib import Path

    raiz = Path(__file__).resolve().parents[2]
    faltam = []
    for f in [raiz / "app.py", *(raiz / "paginas").rglob("*.py"), *(raiz / "ui").rglob("*.py")]:
        for n in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if (
                isinstance(n, ast.Call)
                and isinstance(n.func, ast.Attribute)
                and n.func.attr in ("selectbox", "multiselect")
                and "placeholder" not in {k.arg for k in n.keywords}
            ):
                faltam.append(f"{f.relative_to(raiz)}:{n.lineno} ({n.func.attr})")
    assert faltam == []
