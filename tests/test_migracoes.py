"""Migrações: `alembic upgrade head` constrói em SQLite e PostgreSQL o mesmo
esquema dos modelos; downgrade até a base e novo upgrade funcionam; o app
recusa-se a iniciar com banco desatualizado e diz o que executar."""

from __future__ import annotations

import re

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

import models
from core.banco import descartar_engines
from core.esquema import EsquemaDesatualizado, config_alembic, revisao_head, verificar_esquema


def _diferencas(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
            return compare_metadata(ctx, models.metadata)
    finally:
        engine.dispose()


def _tabelas(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def _ciclo_completo(url: str) -> None:
    cfg = config_alembic(url)
    command.upgrade(cfg, "head")
    assert _diferencas(url) == [], "o esquema migrado difere dos modelos"
    assert _tabelas(url) == set(models.metadata.tables)
    command.downgrade(cfg, "base")
    descartar_engines()
    assert _tabelas(url) == set()
    command.upgrade(cfg, "head")
    descartar_engines()
    assert _diferencas(url) == []


def test_sqlite_upgrade_igual_aos_modelos_e_volta(tmp_path):
    _ciclo_completo(f"sqlite:///{tmp_path / 'mig.sqlite3'}")


@pytest.mark.postgres
def test_postgres_upgrade_igual_aos_modelos_e_volta(url_postgres):
    _ciclo_completo(url_postgres)


@pytest.mark.postgres
def test_postgres_sem_enum_nativo_e_restricoes_nomeadas(url_postgres):
    command.upgrade(config_alembic(url_postgres), "head")
    engine = create_engine(url_postgres)
    try:
        with engine.connect() as c:
            assert c.execute(text("select count(*) from pg_type where typtype = 'e'")).scalar() == 0
            anonimas = (
                c.execute(
                    text(
                        "select conname from pg_constraint c join pg_namespace n on n.oid = c.connamespace "
                        "where n.nspname = 'public' and conname !~ '^(pk|uq|ck|fk)_' "
                        "and conname <> 'alembic_version_pkc'"
                    )
                )
                .scalars()
                .all()
            )
        assert anonimas == []
    finally:
        engine.dispose()
        descartar_engines()


def test_sqlite_chaves_estrangeiras_ligadas(tmp_path):
    """O SQLite só confere FKs com PRAGMA em cada conexão."""
    from sqlalchemy.exc import IntegrityError
    from sqlmodel import Session

    from core.banco import obter_engine
    from models.unidades import EscritorioSocial

    url = f"sqlite:///{tmp_path / 'fk.sqlite3'}"
    command.upgrade(config_alembic(url), "head")
    try:
        with obter_engine(url).connect() as c:
            assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        with Session(obter_engine(url)) as s:
            s.add(EscritorioSocial(nome="X", municipio_codigo=9999999, orgao_gestor="Y"))
            with pytest.raises(IntegrityError):
                s.flush()
    finally:
        descartar_engines()


def test_app_recusa_banco_desatualizado(tmp_path):
    arquivo = tmp_path / "vazio.sqlite3"
    url = f"sqlite:///{arquivo}"
    try:
        with pytest.raises(EsquemaDesatualizado, match="não existe"):
            verificar_esquema(url)
        assert not arquivo.exists()
        arquivo.touch()
        with pytest.raises(EsquemaDesatualizado) as exc:
            verificar_esquema(url)
        msg = str(exc.value)
        assert "não tem nenhuma migração aplicada" in msg
        assert "python manage.py db upgrade" in msg
        assert revisao_head() in msg
        command.upgrade(config_alembic(url), "head")
        verificar_esquema(url)  # em dia: não levanta
    finally:
        descartar_engines()


def test_app_mostra_erro_de_esquema_em_portugues(tmp_path):
    """Pelo app.py: com o banco sem migrações, a tela diz o que executar e para."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP, usar_banco

    with usar_banco(f"sqlite:///{tmp_path / 'vazio2.sqlite3'}"):
        at = AppTest.from_file(APP, default_timeout=30).run()
        assert not at.exception
        erros = " ".join(e.value for e in at.error)
        assert "O sistema não pode iniciar" in erros
        assert "python manage.py db upgrade" in erros


def _dados_0001_para_0002(url: str) -> None:
    """Um banco na revisão 0001 com atividades do cronograma (sem ano do plano) migra para
    a 0002 com elas no ano 1 (Mês 1 = 11/2023), e volta."""
    cfg = config_alembic(url)
    command.upgrade(cfg, "0001")
    engine = create_engine(url)
    try:
        with engine.begin() as c:
            for ordem, nome in ((1, "Disseminação do Acordo"), (2, "Elaboração de indicadores")):
                c.execute(
                    text(
                        "INSERT INTO atividade_cronograma (versao, criado_em, atualizado_em, ordem, nome) "
                        "VALUES (1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, :o, :n)"
                    ),
                    {"o": ordem, "n": nome},
                )
        command.upgrade(cfg, "head")
        with engine.connect() as c:
            plano = c.execute(text("SELECT id, ano, inicio FROM plano_anual")).all()
            assert len(plano) == 1 and plano[0][1] == 1 and str(plano[0][2]).startswith("2023-11-01")
            linhas = c.execute(
                text("SELECT ordem, plano_id, status, percentual FROM atividade_cronograma ORDER BY ordem")
            ).all()
            assert [(o, p, s, pc) for o, p, s, pc in linhas] == [
                (1, plano[0][0], "nao_iniciada", 0),
                (2, plano[0][0], "nao_iniciada", 0),
            ]
        assert _diferencas(url) == []
        command.downgrade(cfg, "0001")
        with engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM atividade_cronograma")).scalar() == 2
    finally:
        engine.dispose()
        descartar_engines()


def test_0002_leva_atividades_existentes_ao_ano_1_sqlite(tmp_path):
    _dados_0001_para_0002(f"sqlite:///{tmp_path / 'dados.sqlite3'}")


@pytest.mark.postgres
def test_0002_leva_atividades_existentes_ao_ano_1_postgres(url_postgres):
    _dados_0001_para_0002(url_postgres)


def _anterior_aos_gatilhos() -> str:
    """A revisão anterior à que cria os gatilhos da trilha (os ids mudam quando ramos se juntam)."""
    from alembic.script import ScriptDirectory

    for r in ScriptDirectory.from_config(config_alembic()).walk_revisions():
        if "registro_auditoria_so_inclusao" in open(r.path, encoding="utf-8").read():
            return r.down_revision
    raise AssertionError("nenhuma migração cria os gatilhos da trilha")


def _trilha_so_recebe_inclusoes(url: str) -> None:
    """Ataque do issue #16: UPDATE, DELETE (e, no PostgreSQL, TRUNCATE; no SQLite, INSERT OR
    REPLACE) crus na trilha, fora da aplicação, são recusados pelo banco; INSERT continua valendo."""
    from sqlalchemy.exc import DBAPIError

    command.upgrade(config_alembic(url), "head")
    engine = create_engine(url)
    inserir = (
        "INSERT INTO registro_auditoria (momento, usuario_email, entidade, entidade_id, acao) "
        "VALUES (CURRENT_TIMESTAMP, 'sistema', 'teste', '1', 'inclusao')"
    )
    ataques = [
        "UPDATE registro_auditoria SET usuario_email = 'outra pessoa'",
        "DELETE FROM registro_auditoria",
        "DELETE FROM registro_auditoria WHERE id = 1",
    ]
    if engine.dialect.name == "postgresql":
        ataques.append("TRUNCATE registro_auditoria")
    else:
        ataques.append(
            "INSERT OR REPLACE INTO registro_auditoria (id, momento, usuario_email, entidade, entidade_id, acao) "
            "VALUES (1, CURRENT_TIMESTAMP, 'outra pessoa', 'teste', '1', 'inclusao')"
        )
    try:
        with engine.begin() as c:
            c.execute(text(inserir))
            c.execute(text(inserir))
        for sql in ataques:
            with pytest.raises(DBAPIError, match="a trilha de auditoria só recebe inclusões"):
                with engine.begin() as c:
                    c.execute(text(sql))
        with engine.connect() as c:
            linhas = c.execute(text("SELECT id, usuario_email FROM registro_auditoria ORDER BY id")).all()
        assert [tuple(x) for x in linhas] == [(1, "sistema"), (2, "sistema")]
        command.downgrade(config_alembic(url), _anterior_aos_gatilhos())  # sem os gatilhos, o DELETE passa
        with engine.begin() as c:
            c.execute(text("DELETE FROM registro_auditoria WHERE id = 2"))
        command.upgrade(config_alembic(url), "head")
    finally:
        engine.dispose()
        descartar_engines()


def test_trilha_so_recebe_inclusoes_sqlite(tmp_path):
    _trilha_so_recebe_inclusoes(f"sqlite:///{tmp_path / 'trilha.sqlite3'}")


@pytest.mark.postgres
def test_trilha_so_recebe_inclusoes_postgres(url_postgres):
    _trilha_so_recebe_inclusoes(url_postgres)


def _blocos_sql_do_papel_restrito() -> list[list[str]]:
    """Os blocos ```sql da seção de docs/operacao.md sobre o papel da aplicação, comando a comando."""
    from pathlib import Path

    texto = (Path(__file__).resolve().parent.parent / "docs" / "operacao.md").read_text(encoding="utf-8")
    secao = texto.split("## PostgreSQL: a aplicação sem poder sobre a trilha", 1)[1].split("\n## ", 1)[0]
    blocos = re.findall(r"```sql\n(.*?)```", secao, re.S)
    return [[c.strip() for c in b.split(";") if c.strip()] for b in blocos]


@pytest.mark.postgres
def test_postgres_papel_da_aplicacao_nao_pode_mexer_na_trilha(url_postgres):
    """A implantação de docs/operacao.md, executada como está: migrações pelo dono, a aplicação
    entra e grava (trilha inclusive) pelo papel restrito, que não consegue alterar, apagar nem
    esvaziar a trilha, nem desligar ou apagar o gatilho dela."""
    import uuid

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError

    from core.banco import sessao
    from dominio.usuarios.servicos import DadosUsuario, autenticar, criar_usuario
    from tests.conftest import PG_ADMIN_URL, usar_banco

    sufixo = uuid.uuid4().hex[:8]
    dono, app = f"pnat_dono_{sufixo}", f"pnat_app_{sufixo}"
    base = make_url(url_postgres).database
    papeis, esquema, permissoes = _blocos_sql_do_papel_restrito()

    def trocar(sql: str) -> str:
        return re.sub(r"\bpnat_app\b", app, re.sub(r"\bpnat_dono\b", dono, sql))

    superusuario = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    no_banco = create_engine(url_postgres, isolation_level="AUTOCOMMIT")
    url_dono = make_url(url_postgres).set(username=dono).render_as_string(hide_password=False)
    url_app = make_url(url_postgres).set(username=app).render_as_string(hide_password=False)
    try:
        with superusuario.connect() as c:
            for sql in papeis:
                if sql.startswith("CREATE DATABASE"):
                    c.execute(text(f'ALTER DATABASE "{base}" OWNER TO {dono}'))
                else:
                    c.execute(text(trocar(sql)))
        with no_banco.connect() as c:
            for sql in esquema:
                c.execute(text(trocar(sql)))
        command.upgrade(config_alembic(url_dono), "head")
        descartar_engines()
        with no_banco.connect() as c:
            for sql in permissoes:
                c.execute(text(trocar(sql)))
        with usar_banco(url_app):
            u = criar_usuario(
                None, DadosUsuario("Fulana", "fulana@cnj.jus.br", "admin"), "Ponte-Azul-Sobre-o-Rio", sistema=True
            )
            assert autenticar("fulana@cnj.jus.br", "Ponte-Azul-Sobre-o-Rio").id == u.id
            with sessao() as s:
                assert s.exec(text("SELECT count(*) FROM registro_auditoria")).one()[0] >= 2
        engine_app = create_engine(url_app)
        try:
            for ataque in (
                "UPDATE registro_auditoria SET usuario_email = 'outra pessoa'",
                "DELETE FROM registro_auditoria",
                "TRUNCATE registro_auditoria",
                "DROP TRIGGER registro_auditoria_so_inclusao ON registro_auditoria",
                "ALTER TABLE registro_auditoria DISABLE TRIGGER ALL",
                "DROP TABLE registro_auditoria",
                "CREATE TABLE qualquer (x int)",
                "UPDATE alembic_version SET version_num = 'x'",
            ):
                with pytest.raises(DBAPIError, match="permission denied|must be owner|only"):
                    with engine_app.begin() as c:
                        c.execute(text(ataque))
        finally:
            engine_app.dispose()
    finally:
        descartar_engines()
        with no_banco.connect() as c:
            c.execute(text(f"DROP OWNED BY {dono}, {app} CASCADE"))
        no_banco.dispose()
        with superusuario.connect() as c:
            c.execute(text(f'ALTER DATABASE "{base}" OWNER TO postgres'))
            c.execute(text(f"DROP ROLE IF EXISTS {app}"))
            c.execute(text(f"DROP ROLE IF EXISTS {dono}"))
        superusuario.dispose()
