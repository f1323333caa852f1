"""Gerador de dados em escala nacional (demo/escala.py, `manage.py demo escala`), em tamanho
mínimo: contagens pedidas, integridade (chaves estrangeiras, regras dos serviços), regras entre
indicadores e somas das desagregações, assimetria dos fluxos por UF, recusa de uma segunda
geração, convivência com a demonstração, a linha de comando e o PostgreSQL.

É também o teste de fumaça do gerador no CI (sem medir tempo)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from core import relogio
from tests.apoio.cli import consulta, contar
from tests.conftest import preparar_banco, usar_banco

TAMANHOS_MINIMOS = dict(grupos=27, escritorios=20, fundos=30, anos=1, fluxos=2_000, auditoria=500, semente=7)
TABELAS = (
    "grupo_interinstitucional",
    "escritorio_social",
    "fundo_municipal",
    "usuario",
    "periodo_coleta",
    "envio_coleta",
    "valor_indicador",
    "evento_revisao",
    "fluxo_recurso",
    "registro_auditoria",
)


def _contagens(banco: Path) -> dict[str, int]:
    return {t: contar(banco, t) for t in TABELAS}


@pytest.fixture(scope="module")
def escala(tmp_path_factory):
    """Banco novo (migrado, só com a referência) e o gerador rodado uma vez em tamanho mínimo."""
    from demo.escala import Tamanhos, gerar_escala

    arquivo = tmp_path_factory.mktemp("escala") / "escala.sqlite3"
    url = f"sqlite:///{arquivo}"
    mensagens: list[str] = []
    with usar_banco(url):
        preparar_banco(url, demo=False)
        antes = _contagens(arquivo)
        r = gerar_escala(Tamanhos(**TAMANHOS_MINIMOS), progresso=mensagens.append, hoje=relogio.hoje())
    return {"arquivo": arquivo, "url": url, "antes": antes, "resultado": r, "mensagens": mensagens}


def test_contagens_conferem_com_os_tamanhos(escala):
    arquivo, antes, r = escala["arquivo"], escala["antes"], escala["resultado"]
    depois = _contagens(arquivo)
    assert {t: depois[t] - antes[t] for t in TABELAS} == {t: r[t] for t in TABELAS}
    assert r["grupo_interinstitucional"] == 27
    assert r["escritorio_social"] == 20 and r["fundo_municipal"] == 30
    assert r["fluxo_recurso"] == 2_000
    assert r["registro_auditoria"] == 500 + 1  # os sintéticos e o registro da própria geração
    assert r["envio_coleta"] > 0 and r["valor_indicador"] > 10 * r["envio_coleta"] // 2
    # um ano de períodos mensais, trimestrais e semestrais até o mês atual
    hoje = relogio.hoje()
    assert consulta(arquivo, "SELECT count(*) FROM periodo_coleta WHERE periodicidade = 'mensal'")[0][0] == 12
    assert (
        consulta(arquivo, "SELECT max(inicio) FROM periodo_coleta WHERE periodicidade = 'mensal'")[0][0]
        == date(hoje.year, hoje.month, 1).isoformat()
    )
    # um Grupo por UF, Fundos em municípios distintos (a restrição única garante; aqui, a conta)
    assert consulta(arquivo, "SELECT count(DISTINCT uf_sigla) FROM grupo_interinstitucional")[0][0] == 27
    (marcador,) = consulta(arquivo, "SELECT valor FROM parametro WHERE chave = 'escala_gerada'")[0]
    dados = json.loads(marcador)
    assert dados["tamanhos"]["fluxos"] == 2_000 and dados["contagens"]["fluxo_recurso"] == 2_000
    (trilha,) = consulta(
        arquivo, "SELECT depois FROM registro_auditoria WHERE entidade = 'parametro' AND entidade_id = 'escala_gerada'"
    )
    assert json.loads(trilha[0])["chave"] == "escala_gerada"
    # progresso em português, tabela a tabela, com o tempo
    texto = "\n".join(escala["mensagens"])
    for tabela in ("grupo_interinstitucional", "fundo_municipal", "fluxo_recurso", "registro_auditoria"):
        assert f"  {tabela}: " in texto
    assert "Tempo total:" in texto and " s" in texto and "2.000 fluxos de recursos" in texto


def test_integridade_e_contas_sem_senha(escala):
    arquivo = escala["arquivo"]
    assert consulta(arquivo, "PRAGMA foreign_key_check") == []
    assert consulta(arquivo, "PRAGMA integrity_check") == [("ok",)]
    # as restrições CHECK valem na inclusão (o SQLite as confere sempre); as contas geradas não têm senha
    assert (
        consulta(
            arquivo, "SELECT count(*) FROM usuario WHERE email LIKE '%@escala.invalid' AND senha_hash IS NOT NULL"
        )[0][0]
        == 0
    )
    assert (
        consulta(arquivo, "SELECT count(*) FROM usuario WHERE email LIKE '%@escala.invalid'")[0][0]
        == escala["resultado"]["usuario"]
    )
    # chaves naturais dos fluxos não se confundem com as das importações (sha256 em hexadecimal)
    assert consulta(arquivo, "SELECT count(*) FROM fluxo_recurso WHERE chave_natural NOT LIKE 'escala-%'")[0][0] == 0


def test_fluxos_passam_na_validacao_do_servico(escala):
    """Uma amostra dos fluxos passa pela mesma validação da tela e da importação: número CNJ com
    dígitos verificadores, CNPJ do projeto, datas das etapas em ordem e no passado, justificativa
    de TAC e multas, prestação de contas com data e valor aplicado."""
    from dataclasses import fields

    from sqlmodel import Session, select

    from core.banco import obter_engine
    from dominio.recursos.servicos import DadosFluxo, Referencias, validar_fluxo
    from models.recursos import FluxoRecurso

    with usar_banco(escala["url"]):
        with Session(obter_engine()) as s:
            refs = Referencias.carregar(s)
            amostra = s.exec(select(FluxoRecurso).where(FluxoRecurso.id % 7 == 0)).all()
            etapas = set(s.exec(select(FluxoRecurso.etapa).distinct()))
            situacoes = set(s.exec(select(FluxoRecurso.status_prestacao).distinct()))
    assert len(amostra) > 200
    assert etapas == {"potencial", "destinado", "transferido", "aplicado"}
    assert {"pendente", "aprovada", "nao_exigida"} <= situacoes
    nomes = {f.name for f in fields(DadosFluxo)}
    for f in amostra:
        dados = DadosFluxo(**{n: getattr(f, n) for n in nomes})
        _, problemas = validar_fluxo(dados, refs, relogio.hoje())
        assert problemas == [], (f.id, [str(p) for p in problemas])
        if f.valor_aplicado is not None:
            assert f.valor_aplicado <= f.valor


def test_indicadores_respeitam_as_regras_e_as_desagregacoes(escala):
    from collections import defaultdict

    from sqlmodel import Session, select

    from core.banco import obter_engine
    from dominio.indicadores.coleta import (
        ValorInformado,
        avaliar_regras,
        conferir_valores,
        versoes_do_formulario,
    )
    from models.indicadores import EnvioColeta, PeriodoColeta, ValorIndicador

    with usar_banco(escala["url"]):
        with Session(obter_engine()) as s:
            envios = s.exec(
                select(EnvioColeta, PeriodoColeta.periodicidade).join(
                    PeriodoColeta, PeriodoColeta.id == EnvioColeta.periodo_id
                )
            ).all()
            valores = defaultdict(list)
            for v in s.exec(select(ValorIndicador)):
                valores[v.envio_id].append(
                    ValorInformado(v.versao_indicador_id, v.desagregacao, v.valor, v.numerador, v.denominador)
                )
            formularios = {}
            com_desagregacao = sem_desagregacao = 0
            for envio, periodicidade in envios:
                alvo = "grupo" if envio.grupo_id is not None else "escritorio"
                if (alvo, periodicidade) not in formularios:
                    formularios[(alvo, periodicidade)] = versoes_do_formulario(s, alvo, periodicidade)
                problemas, efetivos = conferir_valores(
                    formularios[(alvo, periodicidade)], valores[envio.id], obrigar_totais=True
                )
                assert problemas == [], (envio.id, [str(p) for p in problemas])
                falhas = [r.texto for r in avaliar_regras(s, alvo, efetivos) if r.situacao == "falha"]
                assert falhas == [], (envio.id, falhas)
                if any(v.desagregacao for v in valores[envio.id]):
                    com_desagregacao += 1
                elif periodicidade == "mensal":
                    sem_desagregacao += 1
    assert com_desagregacao > 0 and sem_desagregacao > 0
    status = dict(consulta(escala["arquivo"], "SELECT status, count(*) FROM envio_coleta GROUP BY status"))
    assert status["aprovado"] > sum(status.values()) / 2  # os painéis têm dados aprovados
    # quem informou não revisou (segregação de funções) e todo envio não rascunho tem o evento “enviado”
    assert (
        consulta(
            escala["arquivo"],
            """
        SELECT count(*) FROM envio_coleta e JOIN valor_indicador v ON v.envio_id = e.id
        WHERE v.informado_por_id IN (e.validado_por_id, e.aprovado_por_id)""",
        )[0][0]
        == 0
    )
    assert (
        consulta(
            escala["arquivo"],
            """
        SELECT count(*) FROM envio_coleta e WHERE e.status <> 'rascunho'
        AND NOT EXISTS (SELECT 1 FROM evento_revisao r WHERE r.envio_id = e.id AND r.acao = 'enviado')""",
        )[0][0]
        == 0
    )


def test_fluxos_concentrados_em_poucas_ufs(escala):
    arquivo = escala["arquivo"]
    por_uf = consulta(
        arquivo, "SELECT uf_origem, sum(valor), count(*) FROM fluxo_recurso GROUP BY uf_origem ORDER BY sum(valor) DESC"
    )
    total = sum(v for _, v, _ in por_uf)
    assert por_uf[0][1] / total > por_uf[-1][1] / total
    # as cinco UFs com mais fluxos concentram bem mais que 5/27 deles
    contagens = sorted((n for _, _, n in por_uf), reverse=True)
    assert sum(contagens[:5]) / sum(contagens) > 0.4
    # log-normal: média bem acima da mediana
    valores = sorted(v for (v,) in consulta(arquivo, "SELECT valor FROM fluxo_recurso"))
    assert sum(valores) / len(valores) > 2 * valores[len(valores) // 2]
    # Fundos em municípios de todas as regiões, sem repetir município
    assert (
        consulta(
            arquivo,
            """SELECT count(DISTINCT u.regiao) FROM fundo_municipal f
        JOIN municipio m ON m.codigo_ibge = f.municipio_codigo JOIN uf u ON u.sigla = m.uf_sigla""",
        )[0][0]
        >= 4
    )


def test_segunda_geracao_e_recusada_sem_gravar(escala):
    from core.erros import ErroNegocio
    from demo.escala import Tamanhos, gerar_escala

    antes = _contagens(escala["arquivo"])
    with usar_banco(escala["url"]):
        with pytest.raises(ErroNegocio, match="já foram gerados neste banco em"):
            gerar_escala(Tamanhos(**TAMANHOS_MINIMOS), progresso=lambda _m: None)
    assert _contagens(escala["arquivo"]) == antes


def test_tamanhos_invalidos_recusados(escala):
    from core.erros import ErroValidacao
    from demo.escala import Tamanhos, gerar_escala

    antes = _contagens(escala["arquivo"])
    with usar_banco(escala["url"]):
        with pytest.raises(ErroValidacao) as exc:
            gerar_escala(Tamanhos(grupos=28, anos=0, fluxos=-1), progresso=lambda _m: None)
    campos = {p.campo for p in exc.value.problemas}
    assert campos == {"grupos", "anos", "fluxos"}
    assert _contagens(escala["arquivo"]) == antes


def test_convive_com_a_demonstracao(banco_limpo):
    """Com a demonstração carregada (18 Grupos, 25 Fundos, períodos recentes), só inclui Grupos
    nas UFs que faltam, Fundos em municípios livres, e reaproveita os períodos existentes."""
    from demo.escala import Tamanhos, gerar_escala

    arquivo = Path(banco_limpo.removeprefix("sqlite:///"))
    antes = _contagens(arquivo)
    r = gerar_escala(
        Tamanhos(grupos=27, escritorios=10, fundos=10, anos=1, fluxos=500, auditoria=50), progresso=lambda _m: None
    )
    assert r["grupo_interinstitucional"] == 27 - 18
    assert consulta(arquivo, "SELECT count(*), count(DISTINCT uf_sigla) FROM grupo_interinstitucional")[0] == (27, 27)
    assert r["fundo_municipal"] == 10 and _contagens(arquivo)["fundo_municipal"] == antes["fundo_municipal"] + 10
    assert r["periodo_coleta"] < 12  # os meses recentes já vinham da demonstração
    assert consulta(arquivo, "PRAGMA foreign_key_check") == []
    # a demonstração continua marcada e intacta
    assert consulta(arquivo, "SELECT valor FROM parametro WHERE chave = 'demo_carregado'") == [("sim",)]


# --- linha de comando ------------------------------------------------------------------------------


def test_cli_demo_escala(tmp_path):
    from tests.apoio.cli import cli, falha, ok

    banco = tmp_path / "novo.sqlite3"  # nem existe: o comando migra e carrega a referência
    r = ok(
        cli(
            banco,
            "demo",
            "escala",
            "--grupos",
            "5",
            "--escritorios",
            "6",
            "--fundos",
            "7",
            "--anos",
            "1",
            "--fluxos",
            "1000",
            "--auditoria",
            "100",
            modo_demo="false",
        )
    )
    assert "Gerando dados de escala" in r.stdout and "  fluxo_recurso: 1.000 em " in r.stdout
    assert (
        "Dados de escala incluídos: 5 Grupos Interinstitucionais, 6 Escritórios Sociais, 7 Fundos Municipais"
        in r.stdout
    )
    contagens = _contagens(banco)
    assert (
        contagens["grupo_interinstitucional"],
        contagens["escritorio_social"],
        contagens["fundo_municipal"],
        contagens["fluxo_recurso"],
    ) == (5, 6, 7, 1000)
    assert consulta(banco, "SELECT count(*) FROM municipio")[0][0] == 5570
    # de novo: recusado em português, nada muda
    falha(
        cli(banco, "demo", "escala", "--fluxos", "1000", modo_demo="false"),
        1,
        "já foram gerados neste banco",
        "Nada foi gravado",
    )
    assert _contagens(banco) == contagens


def test_opcoes_da_linha_de_comando_saem_dos_tamanhos(capsys):
    """Uma opção de `demo escala` por campo de `Tamanhos`, com o padrão dele: a linha de comando não
    digita de novo os padrões (a semente, que não é quantidade, sai sem separador de milhar)."""
    import manage
    from demo.tamanhos import Tamanhos

    args = manage.montar_parser().parse_args(["demo", "escala"])
    assert Tamanhos(**{nome: getattr(args, nome) for nome in vars(Tamanhos())}) == Tamanhos()
    with pytest.raises(SystemExit):
        manage.main(["demo", "escala", "--help"])
    ajuda = " ".join(capsys.readouterr().out.split())
    assert "Fundos Municipais, em municípios distintos (padrão: 1.000)" in ajuda
    assert "fluxos de recursos (padrão: 1.000.000)" in ajuda
    assert "mesma semente, mesmos dados (padrão: 2023)" in ajuda


def test_cli_demo_escala_tamanho_invalido_nao_cria_banco(tmp_path):
    from tests.apoio.cli import cli, falha

    banco = tmp_path / "nao_criar.sqlite3"
    falha(cli(banco, "demo", "escala", "--grupos", "30", modo_demo="false"), 1, "grupos", "de 0 a 27")
    falha(cli(banco, "demo", "escala", "--fluxos", "muitos", modo_demo="false"), 2, "--fluxos")
    assert not banco.exists()


# --- PostgreSQL ----------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_gera_no_postgresql(url_postgres):
    from sqlalchemy import text

    from core.banco import obter_engine
    from core.erros import ErroNegocio
    from demo.escala import Tamanhos, gerar_escala

    with usar_banco(url_postgres):
        preparar_banco(url_postgres, demo=False)
        r = gerar_escala(Tamanhos(**TAMANHOS_MINIMOS), url=url_postgres, progresso=lambda _m: None)
        with obter_engine(url_postgres).connect() as conn:

            def n(tabela: str) -> int:
                return conn.scalar(text(f"SELECT count(*) FROM {tabela}"))

            assert (
                n("grupo_interinstitucional"),
                n("escritorio_social"),
                n("fundo_municipal"),
                n("fluxo_recurso"),
            ) == (27, 20, 30, 2_000)
            assert n("valor_indicador") == r["valor_indicador"] > 0
            # as sequências dos ids seguem em dia: uma nova inclusão pela aplicação não colide
            proximo = conn.scalar(text("SELECT nextval(pg_get_serial_sequence('envio_coleta', 'id'))"))
            assert proximo > conn.scalar(text("SELECT max(id) FROM envio_coleta"))
            assert conn.scalar(text("SELECT count(*) FROM fluxo_recurso WHERE valor_aplicado > valor")) == 0
        # o que foi gravado pelo COPY volta pelo ORM com os tipos certos e passa na validação do serviço
        from dataclasses import fields

        from sqlmodel import Session, select

        from dominio.recursos.servicos import DadosFluxo, Referencias, validar_fluxo
        from models.indicadores import ValorIndicador
        from models.recursos import FluxoRecurso

        with Session(obter_engine(url_postgres)) as s:
            refs = Referencias.carregar(s)
            nomes = {f.name for f in fields(DadosFluxo)}
            for f in s.exec(select(FluxoRecurso).order_by(FluxoRecurso.id).limit(300)):
                assert f.criado_em.tzinfo is not None and f.data_referencia <= relogio.hoje()
                _, problemas = validar_fluxo(DadosFluxo(**{n: getattr(f, n) for n in nomes}), refs, relogio.hoje())
                assert problemas == [], (f.id, [str(p) for p in problemas])
            v = s.exec(select(ValorIndicador).where(ValorIndicador.valor.is_not(None))).first()
            assert v.informado_em.tzinfo is not None and v.valor == v.valor.to_integral_value()
        with pytest.raises(ErroNegocio, match="já foram gerados"):
            gerar_escala(Tamanhos(**TAMANHOS_MINIMOS), url=url_postgres, progresso=lambda _m: None)


def test_bench_escala_gera_a_base_uma_vez_num_clone_novo(tmp_path, monkeypatch):
    """`manage.py bench --escala` num clone novo: cria var/, migra, carrega a referência (UFs,
    municípios, catálogo) e gera a base de escala só na primeira vez (aqui em tamanho mínimo)."""
    import functools

    import demo.escala
    import manage

    monkeypatch.setattr(  # os tamanhos padrão de que o manage.py parte, em tamanho mínimo
        manage,
        "Tamanhos",
        functools.partial(manage.Tamanhos, escritorios=3, fundos=3, anos=1, fluxos=50, auditoria=10),
    )
    pasta = tmp_path / "var"  # como num clone novo: a pasta ainda não existe
    url = manage._base_de_escala(pasta)
    assert url == f"sqlite:///{pasta / 'escala.sqlite3'}"
    marcador = demo.escala.ja_gerado(url)
    assert marcador is not None
    from sqlalchemy import func, select

    from core.banco import obter_engine
    from models.recursos import FluxoRecurso

    with obter_engine(url).connect() as conn:
        assert conn.scalar(select(func.count()).select_from(FluxoRecurso)) == 50
    assert manage._base_de_escala(pasta) == url and demo.escala.ja_gerado(url) == marcador, "a 2ª vez só mede"


def test_fator_multiplica_a_escala_e_da_outra_base(tmp_path, monkeypatch):
    """`demo escala --fator N` / `bench --escala --fator N`: Escritórios, Fundos, fluxos e auditoria
    × N (Grupos e anos ficam), em var/escala_xN.sqlite3, sem tocar a base de fator 1."""
    import functools

    import demo.escala
    import manage
    from core.erros import ErroValidacao

    t3 = demo.escala.com_fator(demo.escala.Tamanhos(), 3)
    assert (t3.grupos, t3.escritorios, t3.fundos, t3.anos, t3.fluxos, t3.auditoria) == (
        27,
        900,
        3000,
        5,
        3_000_000,
        300_000,
    )
    assert demo.escala.com_fator(demo.escala.Tamanhos(), 10).fundos == 5_570  # não há mais municípios
    for ruim in (0, 11, True):
        with pytest.raises(ErroValidacao, match="fator"):
            demo.escala.com_fator(demo.escala.Tamanhos(), ruim)

    monkeypatch.setattr(  # os tamanhos padrão de que o manage.py parte, em tamanho mínimo
        manage,
        "Tamanhos",
        functools.partial(manage.Tamanhos, escritorios=3, fundos=3, anos=1, fluxos=50, auditoria=10),
    )
    pasta = tmp_path / "var"
    url = manage._base_de_escala(pasta, fator=2)
    assert url == f"sqlite:///{pasta / 'escala_x2.sqlite3'}" and not (pasta / "escala.sqlite3").exists()
    from sqlalchemy import func, select

    from core.banco import obter_engine
    from models.recursos import FluxoRecurso

    with obter_engine(url).connect() as conn:
        assert conn.scalar(select(func.count()).select_from(FluxoRecurso)) == 100
