"""Cadastros de Grupos, Escritórios e Fundos: quem pode gravar (conferido no
serviço, não só na página), validação em pt-BR sem gravar nada, trava otimista."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import Session, select

from core.banco import sessao
from core.erros import AcessoNegado, ConflitoEdicao, ErroValidacao
from dominio.cadastros import servicos as registros
from models.unidades import FundoMunicipal, GrupoInterinstitucional
from tests.apoio.banco import contar

CNPJ_VALIDO = "11.222.333/0001-81"


def fundo_novo(**kw) -> registros.DadosFundo:
    base = dict(
        nome="Fundo Municipal de Políticas Penais de Campinas",
        municipio_codigo=3509502,
        lei_numero="17.999/2023",
        lei_data=date(2023, 5, 10),
        cnpj=CNPJ_VALIDO,
    )
    base.update(kw)
    return registros.DadosFundo(**base)


# --- quem pode gravar -------------------------------------------------------------------------


@pytest.mark.parametrize("perfil", ["cnmp", "pf_grupo", "pf_escritorio"])
def test_perfis_sem_edicao_nao_gravam_nem_chamando_o_servico(perfil, demo_usuarios, banco_limpo):
    antes = contar(FundoMunicipal)
    with pytest.raises(AcessoNegado) as exc:
        registros.salvar(demo_usuarios[perfil], "fundo", fundo_novo())
    assert "não pode incluir ou alterar cadastros" in str(exc.value)
    assert contar(FundoMunicipal) == antes


def test_visitante_nao_grava(banco_limpo):
    with pytest.raises(AcessoNegado, match="É preciso entrar no sistema"):
        registros.salvar(None, "fundo", fundo_novo())


def test_conta_desativada_perde_o_acesso_na_hora(demo_usuarios, banco_limpo):
    dmf = replace_usuario(demo_usuarios["dmf"], ativo=False)
    with pytest.raises(AcessoNegado, match="desativada"):
        registros.salvar(dmf, "fundo", fundo_novo())


def replace_usuario(u, **kw):
    copia = u.model_copy()
    for k, v in kw.items():
        setattr(copia, k, v)
    return copia


@pytest.mark.parametrize("perfil", ["dmf", "admin"])
def test_dmf_e_admin_incluem(perfil, demo_usuarios, banco_limpo):
    f = registros.salvar(demo_usuarios[perfil], "fundo", fundo_novo())
    assert f.id is not None and f.cnpj == "11222333000181" and f.versao == 1


def test_ponto_focal_le_so_a_propria_unidade(demo_usuarios):
    pf = demo_usuarios["pf_grupo"]
    assert registros.obter(pf, "grupo", pf.grupo_id).uf_sigla == "PR"
    with sessao() as s:
        outro = s.exec(select(GrupoInterinstitucional).where(GrupoInterinstitucional.uf_sigla == "BA")).one()
    with pytest.raises(AcessoNegado, match="própria unidade"):
        registros.obter(pf, "grupo", outro.id)
    with pytest.raises(AcessoNegado):
        registros.obter(pf, "escritorio", 1)
    with pytest.raises(AcessoNegado):
        registros.tabela_fundos(pf)


# --- validação: mensagens em pt-BR, campo a campo, nada gravado -------------------------------


def test_fundo_invalido_lista_todos_os_problemas_e_nao_grava(demo_usuarios, banco_limpo):
    antes = contar(FundoMunicipal)
    with pytest.raises(ErroValidacao) as exc:
        registros.salvar(
            demo_usuarios["dmf"],
            "fundo",
            fundo_novo(
                nome=" ", municipio_codigo=None, lei_numero="", lei_data=date(2999, 1, 1), cnpj="11.222.333/0001-00"
            ),
        )
    campos = {p.campo for p in exc.value.problemas}
    assert campos == {"nome", "município", "número da lei", "data da lei", "CNPJ"}
    texto = str(exc.value)
    assert "Campo “CNPJ”: CNPJ “11.222.333/0001-00” inválido: dígitos verificadores não conferem" in texto
    assert "a data 01/01/2999 está no futuro" in texto
    assert contar(FundoMunicipal) == antes


def test_fundo_duplicado_no_municipio_e_cnpj_repetido(demo_usuarios, banco_limpo):
    dmf = demo_usuarios["dmf"]
    primeiro = registros.salvar(dmf, "fundo", fundo_novo())
    with pytest.raises(ErroValidacao) as exc:
        registros.salvar(dmf, "fundo", fundo_novo(nome="Outro"))
    msgs = [str(p) for p in exc.value.problemas]
    assert "Campo “município”: este município já tem Fundo Municipal cadastrado" in msgs
    assert any(m.startswith("Campo “CNPJ”: 11.222.333/0001-81 já pertence a") for m in msgs)
    # alterar o próprio registro sem mudar município/CNPJ não acusa duplicidade
    alterado = registros.salvar(dmf, "fundo", fundo_novo(conselho_gestor="Conselho X"), ident=primeiro.id, versao=1)
    assert alterado.versao == 2 and alterado.conselho_gestor == "Conselho X"


def test_grupo_um_por_uf_e_ato_obrigatorio_quando_constituido(demo_usuarios, banco_limpo):
    dmf = demo_usuarios["dmf"]
    with pytest.raises(ErroValidacao) as exc:
        registros.salvar(dmf, "grupo", registros.DadosGrupo(uf_sigla="pr", status="constituido"))
    msgs = [str(p) for p in exc.value.problemas]
    assert "Campo “UF”: já existe Grupo Interinstitucional em PR (há um por UF)" in msgs
    assert "Campo “ato de criação”: informe o ato que constituiu o grupo" in msgs
    g = registros.salvar(
        dmf,
        "grupo",
        registros.DadosGrupo(
            uf_sigla="sp",
            status="constituido",
            ato_criacao="Portaria Conjunta nº 1/2024",
            data_criacao=date(2024, 3, 1),
            instituicoes_membro=["TJSP", " MPT ", ""],
        ),
    )
    assert g.uf_sigla == "SP" and g.instituicoes_membro == ["TJSP", "MPT"]
    with pytest.raises(ErroValidacao, match="instituições repetidas"):
        registros.salvar(
            dmf,
            "grupo",
            registros.DadosGrupo(uf_sigla="SP", instituicoes_membro=["TJSP", "tjsp"]),
            ident=g.id,
            versao=g.versao,
        )


def test_escritorio_em_funcionamento_exige_inauguracao_coerente(demo_usuarios, banco_limpo):
    dados = registros.DadosEscritorio(
        nome="Escritório Social de Campinas",
        municipio_codigo=3509502,
        orgao_gestor="SAP/SP",
        status="em_funcionamento",
        data_termo=date(2024, 5, 1),
        data_inauguracao=None,
    )
    with pytest.raises(ErroValidacao, match="precisa da data de inauguração"):
        registros.salvar(demo_usuarios["dmf"], "escritorio", dados)
    with pytest.raises(ErroValidacao, match="anterior à data do termo"):
        registros.salvar(demo_usuarios["dmf"], "escritorio", replace(dados, data_inauguracao=date(2024, 1, 1)))
    with pytest.raises(ErroValidacao, match="código IBGE 1234567 não está cadastrado"):
        registros.salvar(demo_usuarios["dmf"], "escritorio", replace(dados, municipio_codigo=1234567))
    e = registros.salvar(demo_usuarios["dmf"], "escritorio", replace(dados, data_inauguracao=date(2024, 6, 1)))
    assert e.id is not None


# --- trava otimista --------------------------------------------------------------------------


def test_versao_desatualizada_e_recusada_sem_perder_a_primeira(demo_usuarios, banco_limpo):
    dmf, admin = demo_usuarios["dmf"], demo_usuarios["admin"]
    f = registros.salvar(dmf, "fundo", fundo_novo())
    registros.salvar(dmf, "fundo", fundo_novo(conselho_gestor="primeira"), ident=f.id, versao=1)
    with pytest.raises(ConflitoEdicao) as exc:
        registros.salvar(admin, "fundo", fundo_novo(conselho_gestor="segunda"), ident=f.id, versao=1)
    assert "foi alterado(a) por outra pessoa" in str(exc.value)
    assert registros.obter(dmf, "fundo", f.id).conselho_gestor == "primeira"


def _corrida(url: str) -> None:
    """Duas transações leem a mesma versão e gravam ao mesmo tempo (como duas réplicas):
    o UPDATE ... WHERE versao = 1 da segunda não acha a linha e vira conflito."""
    from core.banco import obter_engine
    from core.edicao import gravar

    engine = obter_engine(url)
    with Session(engine) as s0:
        fid = s0.exec(select(FundoMunicipal.id).order_by(FundoMunicipal.id)).first()
    lidos = threading.Barrier(2)
    resultados: dict[str, object] = {}

    def editar(nome: str) -> None:
        with Session(engine) as s:
            f = s.get(FundoMunicipal, fid)
            lidos.wait(timeout=10)
            f.conselho_gestor = nome
            s.add(f)
            try:
                if nome == "B":
                    fim_a.wait(timeout=10)
                gravar(s, "O Fundo Municipal")
                s.commit()
                resultados[nome] = "ok"
            except ConflitoEdicao as exc:
                s.rollback()
                resultados[nome] = exc
            finally:
                if nome == "A":
                    fim_a.set()

    fim_a = threading.Event()
    ts = [threading.Thread(target=editar, args=(n,)) for n in ("A", "B")]
    for t in ts:
        t.start()
    for t in ts:
        t.join(timeout=30)
    assert resultados["A"] == "ok"
    assert isinstance(resultados["B"], ConflitoEdicao)
    with Session(engine) as s:
        f = s.get(FundoMunicipal, fid)
        assert (f.conselho_gestor, f.versao) == ("A", 2)


def test_corrida_entre_transacoes_sqlite(banco_limpo):
    _corrida(banco_limpo)


@pytest.mark.postgres
def test_corrida_entre_transacoes_postgres(url_postgres):
    from tests.conftest import preparar_banco, usar_banco

    with usar_banco(url_postgres):
        preparar_banco(url_postgres)
        _corrida(url_postgres)


# --- listagens -------------------------------------------------------------------------------


def test_listagens_filtram_e_buscam(demo_usuarios):
    cnmp = demo_usuarios["cnmp"]
    todos = registros.tabela_escritorios(cnmp)
    es = registros.tabela_escritorios(cnmp, uf=["ES"])
    assert 0 < len(es) < len(todos) and set(es["UF"]) == {"ES"}
    busca = registros.tabela_escritorios(cnmp, busca="vitória")
    assert len(busca) >= 1 and all(
        "Vitória" in m or "vitória" in n.lower() for m, n in zip(busca["Município"], busca["Nome"])
    )
    fundos = registros.tabela_fundos(cnmp, status=["criado"])
    assert set(fundos["Situação"]) <= {"Criado por lei"}
    assert all(c == "" or len(c) == 18 for c in registros.tabela_fundos(cnmp)["CNPJ"])  # 00.000.000/0000-00
    grupos = registros.tabela_grupos(cnmp)
    assert len(grupos) == 18 and list(grupos["UF"]) == sorted(grupos["UF"])


# --- texto maior que a coluna -------------------------------------------------------------------


def _texto_longo_recusado(ator) -> None:
    antes = contar(FundoMunicipal)
    with pytest.raises(ErroValidacao) as exc:
        registros.salvar(ator, "fundo", fundo_novo(nome="Fundo " + "x" * 300, observacoes="o" * 2001))
    assert [str(p) for p in exc.value.problemas] == [
        "Campo “nome”: tem 306 caracteres; o máximo é 200",
        "Campo “observações”: tem 2.001 caracteres; o máximo é 2.000",
    ]
    assert contar(FundoMunicipal) == antes
    r = registros.salvar(ator, "fundo", fundo_novo(nome="F" * 200, observacoes="o" * 2000))  # no limite exato
    assert len(r.nome) == 200


def test_texto_maior_que_a_coluna_vira_mensagem_sqlite(demo_usuarios, banco_limpo):
    """O SQLite guardaria o texto inteiro; `core.banco._conferir_tamanhos` recusa antes, com o campo."""
    _texto_longo_recusado(demo_usuarios["dmf"])


@pytest.mark.postgres
def test_texto_maior_que_a_coluna_vira_mensagem_postgres(url_postgres):
    """No PostgreSQL a gravação caía com StringDataRightTruncation (em inglês, na tela); agora é a
    mesma mensagem do campo e nada é gravado."""
    from models.usuarios import Usuario
    from tests.conftest import preparar_banco, usar_banco

    with usar_banco(url_postgres):
        preparar_banco(url_postgres)
        with sessao() as s:
            dmf = s.exec(select(Usuario).where(Usuario.email == "dmf@demo.pnat.jus.br")).one()
        _texto_longo_recusado(dmf)
