"""Linha de comando do operador (`manage.py`) executada como processo de verdade.

Cada teste roda `python manage.py ...` num subprocesso com um ambiente montado
aqui: DATABASE_URL aponta para um arquivo SQLite do próprio teste (nunca para o
banco compartilhado da sessão, que o conftest põe em os.environ) e MODO_DEMO é
sempre explícito. Os bancos de partida (migrado; com referência; com
demonstração) são montados uma vez por módulo, pela própria CLI, e copiados
para cada teste pela API de backup do SQLite (o arquivo está em modo WAL).

Verifica-se o código de saída, as mensagens em português e o estado do banco
depois do comando, lido diretamente com sqlite3.
"""

from __future__ import annotations

import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError

from ferramentas.servidor_local import porta_livre
from tests.apoio.cli import (
    MANAGE,
    RAIZ,
    _ambiente,
    _sem_ingles,
    auditoria,
    cli,
    consulta,
    contar,
    copiar_banco,
    falha,
    ok,
    recusa_sem_gravar,
    retrato,
    tabelas,
    usuario,
)
from tests.conftest import usar_banco

SENHA_BOA = "Senha-Forte-123"


# --- execução da CLI -----------------------------------------------------------


# --- leitura do banco --------------------------------------------------------------


# --- bancos de partida (montados pela própria CLI, uma vez por módulo) ----------------


@pytest.fixture(scope="module")
def _modelos(tmp_path_factory) -> dict[str, Path]:
    pasta = tmp_path_factory.mktemp("cli_modelos")
    migrado = pasta / "migrado.sqlite3"
    ok(cli(migrado, "db", "upgrade"))
    referencia = copiar_banco(migrado, pasta / "referencia.sqlite3")
    ok(cli(referencia, "reference", "load"))
    demo = copiar_banco(referencia, pasta / "demo.sqlite3")
    ok(cli(demo, "demo", "load", modo_demo="true"))
    return {"migrado": migrado, "referencia": referencia, "demo": demo}


@pytest.fixture
def db_migrado(_modelos, tmp_path) -> Path:
    """Banco só com o esquema (sem UFs, municípios nem demonstração)."""
    return copiar_banco(_modelos["migrado"], tmp_path / "migrado.sqlite3")


@pytest.fixture
def db_referencia(_modelos, tmp_path) -> Path:
    """Banco migrado com UFs e municípios do IBGE."""
    return copiar_banco(_modelos["referencia"], tmp_path / "referencia.sqlite3")


@pytest.fixture
def db_demo(_modelos, tmp_path) -> Path:
    """Banco migrado com referência e dados de demonstração (Grupos, Escritórios, usuários)."""
    return copiar_banco(_modelos["demo"], tmp_path / "demo.sqlite3")


# --- ajuda e uso incorreto ---------------------------------------------------------


@pytest.mark.parametrize(
    ("comando", "esperado"),
    [
        (
            [],
            [
                "{db,reference,demo,users,import,report,lembretes,run,bench,carga}",
                "esquema do banco",
                "contas de acesso",
                "importação de planilhas",
            ],
        ),
        (["db"], ["upgrade", "check"]),
        (["db", "upgrade"], []),
        (["db", "check"], []),
        (["reference"], ["load", "municipio"]),
        (["reference", "load"], []),
        (["reference", "municipio"], ["--codigo", "--nome", "--uf", "código IBGE de 7 dígitos"]),
        (["demo"], ["load"]),
        (["demo", "load"], []),
        (["users"], ["add", "passwd"]),
        (
            ["users", "add"],
            ["--email", "--role", "--scope", "--name", "--senha-stdin", "--sem-senha", "grupo:UF ou escritorio:ID"],
        ),
        (["users", "passwd"], ["--email", "--senha-stdin"]),
        (["run"], ["--demo", "--porta", "--migrar"]),
    ],
    ids=[
        "manage.py",
        "db",
        "db-upgrade",
        "db-check",
        "reference",
        "reference-load",
        "reference-municipio",
        "demo",
        "demo-load",
        "users",
        "users-add",
        "users-passwd",
        "run",
    ],
)
def test_ajuda_em_portugues(tmp_path, comando, esperado):
    banco = tmp_path / "nao_criar.sqlite3"
    r = cli(banco, *comando, "--help")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert r.stdout.startswith("uso: manage.py")
    assert "opções:" in r.stdout
    assert "mostra esta ajuda e sai" in r.stdout
    _sem_ingles(r.stdout)
    for trecho in esperado:
        assert trecho in r.stdout
    assert not banco.exists(), "--help não deve abrir o banco"


@pytest.mark.parametrize(
    ("comando", "trechos"),
    [
        ([], ["faltam os argumentos obrigatórios"]),
        (["db"], ["faltam os argumentos obrigatórios"]),
        (["db", "migrate"], ["opção inválida: 'migrate'"]),
        (["db", "check", "--xpto"], ["argumentos não reconhecidos: --xpto"]),
        (["reference", "municipio", "--codigo", "5101837"], ["faltam os argumentos obrigatórios: --nome, --uf"]),
        (["users", "add", "--role", "dmf"], ["faltam os argumentos obrigatórios: --email"]),
        (["users", "add", "--email"], ["argumento --email: esperava um valor"]),
        (["run", "--porta", "abc"], ["argumento --porta: valor int inválido: 'abc'"]),
    ],
    ids=[
        "vazio",
        "db",
        "db-migrate",
        "arg-desconhecido",
        "municipio-sem-nome",
        "users-add-sem-email",
        "email-sem-valor",
        "porta-nao-numerica",
    ],
)
def test_uso_incorreto_sai_com_2_em_portugues(tmp_path, comando, trechos):
    banco = tmp_path / "nao_criar.sqlite3"
    r = falha(cli(banco, *comando), 2, "manage.py", ": erro: ", *trechos)
    assert r.stderr.startswith("uso: manage.py")
    assert not banco.exists()


# --- esquema ---------------------------------------------------------------------


def test_db_check_e_upgrade(tmp_path):
    banco = tmp_path / "novo.sqlite3"
    falha(cli(banco, "db", "check"), 1, "não existe", "python manage.py db upgrade")
    assert not banco.exists(), "db check não deve criar o arquivo do banco"
    banco.touch()  # arquivo existente, mas sem migrações
    falha(cli(banco, "db", "check"), 1, "não tem nenhuma migração aplicada", "python manage.py db upgrade")
    assert tabelas(banco) == []

    r = ok(cli(banco, "db", "upgrade"))
    assert "na revisão" in r.stdout
    revisao = consulta(banco, "SELECT version_num FROM alembic_version")[0][0]
    assert revisao in r.stdout
    assert {"usuario", "registro_auditoria", "uf", "municipio", "escritorio_social"} <= set(tabelas(banco))
    assert contar(banco, "usuario") == 0 and contar(banco, "registro_auditoria") == 0

    r = ok(cli(banco, "db", "check"))
    assert r.stdout.strip() == f"Esquema em dia (revisão {revisao})."

    ok(cli(banco, "db", "upgrade"))  # sem migrações pendentes: continua em dia
    assert consulta(banco, "SELECT version_num FROM alembic_version") == [(revisao,)]


@pytest.mark.parametrize(
    ("comando", "entrada", "modo_demo"),
    [
        (["reference", "load"], None, "false"),
        (
            ["reference", "municipio", "--codigo", "5101837", "--nome", "Boa Esperança do Norte", "--uf", "MT"],
            None,
            "false",
        ),
        (["demo", "load"], None, "true"),
        (["users", "add", "--email", "a@exemplo.gov.br", "--role", "admin", "--sem-senha"], None, "false"),
        (
            ["users", "add", "--email", "a@exemplo.gov.br", "--role", "admin", "--senha-stdin"],
            SENHA_BOA + "\n",
            "false",
        ),
        (["users", "passwd", "--email", "a@exemplo.gov.br", "--senha-stdin"], SENHA_BOA + "\n", "false"),
    ],
    ids=[
        "reference-load",
        "reference-municipio",
        "demo-load",
        "users-add-sem-senha",
        "users-add-stdin",
        "users-passwd",
    ],
)
def test_comandos_recusam_banco_sem_migracao(tmp_path, comando, entrada, modo_demo):
    banco = tmp_path / "vazio.sqlite3"
    banco.touch()
    falha(
        cli(banco, *comando, entrada=entrada, modo_demo=modo_demo),
        1,
        "não tem nenhuma migração aplicada",
        "python manage.py db upgrade",
    )
    assert tabelas(banco) == [], "nada deveria ter sido gravado"


# --- referência ------------------------------------------------------------------


def test_reference_load_idempotente(db_migrado):
    r = ok(cli(db_migrado, "reference", "load"))
    assert "27 UF(s) e 5570 município(s) incluídos" in r.stdout
    assert contar(db_migrado, "uf") == 27
    assert contar(db_migrado, "municipio") == 5570
    assert consulta(db_migrado, "SELECT nome, uf_sigla FROM municipio WHERE codigo_ibge = 5103403") == [
        ("Cuiabá", "MT")
    ]
    trilha = auditoria(db_migrado, "uf") + auditoria(db_migrado, "municipio")
    assert len(trilha) == 27 + 5570
    assert {(t["usuario_email"], t["usuario_id"], t["acao"]) for t in trilha} == {("sistema", None, "inclusao")}

    # o texto do acordo e o ano 1 do plano vêm junto
    assert "6 meta(s), 3 etapa(s), 21 obrigação(ões) e 10 atividade(s) do ano 1" in r.stdout
    assert contar(db_migrado, "meta") == 6 and contar(db_migrado, "obrigacao") == 21
    assert contar(db_migrado, "atividade_cronograma") == 10 and contar(db_migrado, "acordo") == 1
    trilha_total = contar(db_migrado, "registro_auditoria")

    r = ok(cli(db_migrado, "reference", "load"))
    assert "0 UF(s) e 0 município(s) incluídos" in r.stdout
    assert "0 meta(s), 0 etapa(s), 0 obrigação(ões) e 0 atividade(s)" in r.stdout
    assert contar(db_migrado, "uf") == 27
    assert contar(db_migrado, "municipio") == 5570
    assert contar(db_migrado, "registro_auditoria") == trilha_total


def test_reference_municipio_inclui(db_referencia):
    r = ok(
        cli(
            db_referencia,
            "reference",
            "municipio",
            "--codigo",
            "5101837",
            "--nome",
            "Boa Esperança do Norte",
            "--uf",
            "mt",
        )
    )
    assert r.stdout.strip() == "Município Boa Esperança do Norte/MT (5101837) incluído."
    assert consulta(
        db_referencia, "SELECT nome, uf_sigla, incluido_manualmente FROM municipio WHERE codigo_ibge = 5101837"
    ) == [("Boa Esperança do Norte", "MT", 1)]
    assert contar(db_referencia, "municipio") == 5571
    (registro,) = auditoria(db_referencia, "municipio", "5101837")
    assert registro["usuario_email"] == "sistema" and registro["usuario_id"] is None
    assert registro["acao"] == "inclusao"
    assert registro["depois"]["nome"] == "Boa Esperança do Norte"

    recusa_sem_gravar(
        db_referencia,
        ["reference", "municipio", "--codigo", "5101837", "--nome", "Outro", "--uf", "MT"],
        1,
        "Campo “código IBGE”",
        "5101837 já está cadastrado (Boa Esperança do Norte/MT)",
        "Nada foi gravado",
    )


@pytest.mark.parametrize(
    ("codigo", "nome", "uf", "trechos"),
    [
        ("510183", "Curto", "MT", ["Campo “código IBGE”", "“510183” deve ter 7 dígitos"]),
        ("51018AB", "Letras", "MT", ["Campo “código IBGE”", "“51018AB” deve ter 7 dígitos"]),
        ("5101899", "Sem UF", "XX", ["Campo “UF”", "UF “XX” não existe"]),
        ("3101899", "Outra UF", "MT", ["Campo “código IBGE”", "não são o código de MT (51)"]),
        ("5101899", "   ", "MT", ["Campo “nome”", "informe o nome do município"]),
        ("5103403", "Cuiabá de novo", "MT", ["Campo “código IBGE”", "5103403 já está cadastrado (Cuiabá/MT)"]),
    ],
    ids=[
        "codigo-6-digitos",
        "codigo-nao-numerico",
        "uf-desconhecida",
        "codigo-de-outra-uf",
        "nome-vazio",
        "codigo-duplicado",
    ],
)
def test_reference_municipio_recusa(db_referencia, codigo, nome, uf, trechos):
    recusa_sem_gravar(
        db_referencia,
        ["reference", "municipio", "--codigo", codigo, "--nome", nome, "--uf", uf],
        1,
        *trechos,
        "Nada foi gravado",
    )


# --- demonstração ----------------------------------------------------------------

TABELAS_DEMO = (
    "uf",
    "municipio",
    "meta",
    "atividade_cronograma",
    "grupo_interinstitucional",
    "escritorio_social",
    "fundo_municipal",
    "usuario",
    "parametro",
    "registro_auditoria",
)


@pytest.mark.parametrize("modo_demo", [None, "false"], ids=["ausente", "false"])
def test_demo_load_exige_modo_demo(db_migrado, modo_demo):
    if (
        modo_demo is None
        and (RAIZ / ".env").exists()
        and "MODO_DEMO" in (RAIZ / ".env").read_text(encoding="utf-8").upper()
    ):
        pytest.skip("o .env local define MODO_DEMO")
    r = falha(
        cli(db_migrado, "demo", "load", modo_demo=modo_demo),
        1,
        "MODO_DEMO=true",
        "modo de demonstração",
        "Nada foi gravado",
    )
    assert "senha:" not in r.stderr
    # nem a referência do IBGE, que o comando carrega antes da demonstração, pode ter sido gravada
    assert {t: contar(db_migrado, t) for t in TABELAS_DEMO} == dict.fromkeys(TABELAS_DEMO, 0)


def test_demo_load_idempotente_e_mostra_contas(db_migrado):
    from demo.demonstracao import USUARIOS_DEMO

    r = ok(cli(db_migrado, "demo", "load", modo_demo="true"))
    assert ("18 Grupos Interinstitucionais, 40 Escritórios Sociais, 25 Fundos Municipais, 5 usuários") in r.stdout
    assert "Contas de demonstração" in r.stdout
    for u in USUARIOS_DEMO:
        linha = next(x for x in r.stdout.splitlines() if u.email in x)
        assert u.papel in linha and f"senha: {u.senha}" in linha
    contagens = {t: contar(db_migrado, t) for t in TABELAS_DEMO}
    assert contagens["uf"] == 27 and contagens["municipio"] == 5570
    assert contagens["grupo_interinstitucional"] == 18 and contagens["escritorio_social"] == 40
    assert contagens["fundo_municipal"] == 25 and contagens["usuario"] == len(USUARIOS_DEMO)
    assert consulta(db_migrado, "SELECT valor FROM parametro WHERE chave = 'demo_carregado'") == [("sim",)]
    trilha = auditoria(db_migrado, "usuario")
    assert len(trilha) == len(USUARIOS_DEMO)
    assert {t["usuario_email"] for t in trilha} == {"sistema"}
    assert {t["depois"]["senha_hash"] for t in trilha} == {"***"}

    r = ok(cli(db_migrado, "demo", "load", modo_demo="true"))
    assert (
        "0 Grupos Interinstitucionais, 0 Escritórios Sociais, 0 Fundos Municipais, 0 usuários, 0 anos do plano, "
        "0 ações de comunicação, 0 publicações" in r.stdout
    )
    assert "senha: Demo-Gestao-2023" in r.stdout
    assert {t: contar(db_migrado, t) for t in TABELAS_DEMO} == contagens


# --- users add -------------------------------------------------------------------


def _conferir_auditoria_usuario(banco: Path, u: dict, senha: str | None) -> None:
    (registro,) = auditoria(banco, "usuario", str(u["id"]))
    assert registro["usuario_email"] == "sistema" and registro["usuario_id"] is None
    assert registro["acao"] == "inclusao"
    assert registro["depois"]["email"] == u["email"]
    assert registro["depois"]["senha_hash"] == ("***" if senha else None)
    if senha:
        texto = json.dumps(registro, ensure_ascii=False)
        assert senha not in texto and u["senha_hash"] not in texto


def test_users_add_senha_stdin(db_referencia):
    r = ok(
        cli(
            db_referencia,
            "users",
            "add",
            "--email",
            "  Nova.Pessoa@Exemplo.GOV.br ",
            "--name",
            "Nova Pessoa",
            "--role",
            "dmf",
            "--senha-stdin",
            entrada=SENHA_BOA + "\n",
        )
    )
    u = usuario(db_referencia, "nova.pessoa@exemplo.gov.br")
    assert u is not None
    assert r.stdout.strip() == f"Usuário nova.pessoa@exemplo.gov.br (dmf) incluído com id {u['id']}."
    assert (u["nome"], u["papel"], u["ativo"], u["grupo_id"], u["escritorio_id"]) == (
        "Nova Pessoa",
        "dmf",
        1,
        None,
        None,
    )
    assert u["senha_hash"].startswith("$argon2id$")
    assert PasswordHasher().verify(u["senha_hash"], SENHA_BOA)
    _conferir_auditoria_usuario(db_referencia, u, SENHA_BOA)


def test_users_add_senha_stdin_com_crlf(db_referencia):
    ok(
        cli(
            db_referencia,
            "users",
            "add",
            "--email",
            "crlf@exemplo.gov.br",
            "--role",
            "cnmp",
            "--senha-stdin",
            entrada=SENHA_BOA + "\r\n",
        )
    )
    assert PasswordHasher().verify(usuario(db_referencia, "crlf@exemplo.gov.br")["senha_hash"], SENHA_BOA)


def test_users_add_sem_senha(db_referencia):
    r = ok(cli(db_referencia, "users", "add", "--email", "oidc@exemplo.gov.br", "--role", "cnmp", "--sem-senha"))
    assert "Usuário oidc@exemplo.gov.br (cnmp) incluído" in r.stdout
    u = usuario(db_referencia, "oidc@exemplo.gov.br")
    assert u["senha_hash"] is None
    assert u["nome"] == "oidc@exemplo.gov.br"  # sem --name, o nome é o e-mail
    _conferir_auditoria_usuario(db_referencia, u, None)


def test_users_add_ponto_focal_de_grupo(db_demo):
    (grupo_pr,) = consulta(db_demo, "SELECT id FROM grupo_interinstitucional WHERE uf_sigla = 'PR'")[0]
    r = ok(
        cli(
            db_demo,
            "users",
            "add",
            "--email",
            "pf.novo@exemplo.gov.br",
            "--role",
            "ponto_focal",
            "--scope",
            "grupo:pr",
            "--senha-stdin",
            entrada=SENHA_BOA + "\n",
        )
    )
    assert "(ponto_focal) incluído" in r.stdout
    u = usuario(db_demo, "pf.novo@exemplo.gov.br")
    assert (u["papel"], u["grupo_id"], u["escritorio_id"]) == ("ponto_focal", grupo_pr, None)
    _conferir_auditoria_usuario(db_demo, u, SENHA_BOA)


def test_users_add_ponto_focal_de_escritorio(db_demo):
    (escritorio,) = consulta(db_demo, "SELECT max(id) FROM escritorio_social")[0]
    ok(
        cli(
            db_demo,
            "users",
            "add",
            "--email",
            "pf.es@exemplo.gov.br",
            "--role",
            "ponto_focal",
            "--scope",
            f"escritorio:{escritorio}",
            "--sem-senha",
        )
    )
    u = usuario(db_demo, "pf.es@exemplo.gov.br")
    assert (u["grupo_id"], u["escritorio_id"]) == (None, escritorio)


def _senha(args: list[str]) -> list[str]:
    return args + ["--senha-stdin"]


@pytest.mark.parametrize(
    ("args", "entrada", "codigo", "trechos"),
    [
        (
            _senha(["--email", "invalido", "--role", "dmf"]),
            SENHA_BOA,
            1,
            ["Campo “e-mail”", "e-mail “invalido” inválido", "Nada foi gravado"],
        ),
        (
            _senha(["--email", "ADMIN@demo.pnat.jus.br", "--role", "dmf"]),
            SENHA_BOA,
            1,
            ["Campo “e-mail”", "já existe um usuário com o e-mail admin@demo.pnat.jus.br", "Nada foi gravado"],
        ),
        (
            _senha(["--email", "x@exemplo.gov.br", "--role", "dmf"]),
            "Curta-1",
            1,
            ["Campo “senha”", "pelo menos 12 caracteres", "Nada foi gravado"],
        ),
        (
            _senha(["--email", "x@exemplo.gov.br", "--role", "dmf"]),
            "senha12345678",
            1,
            ["Campo “senha”", "uma das mais usadas", "Nada foi gravado"],
        ),
        (_senha(["--email", "x@exemplo.gov.br", "--role", "dmf"]), "", 1, ["Campo “senha”", "pelo menos 12"]),
        (_senha(["--email", "invalido", "--role", "dmf"]), "curta", 1, ["Campo “e-mail”", "Campo “senha”"]),
        (
            _senha(["--email", "x@exemplo.gov.br", "--role", "ponto_focal"]),
            SENHA_BOA,
            1,
            ["Campo “escopo”", "exatamente um Grupo ou um Escritório", "Nada foi gravado"],
        ),
        (
            _senha(["--email", "x@exemplo.gov.br", "--role", "admin", "--scope", "grupo:PR"]),
            SENHA_BOA,
            1,
            ["Campo “--scope”", "só o papel ponto_focal tem unidade", "Nada foi gravado"],
        ),
        (
            ["--email", "x@exemplo.gov.br", "--role", "dmf", "--scope", "escritorio:1", "--sem-senha"],
            None,
            1,
            ["Campo “--scope”", "papel dmf"],
        ),
        (
            _senha(["--email", "x@exemplo.gov.br", "--role", "ponto_focal", "--scope", "grupo:ZZ"]),
            SENHA_BOA,
            1,
            ["Campo “--scope”", "UF “ZZ” não existe", "Nada foi gravado"],
        ),
        (
            _senha(["--email", "x@exemplo.gov.br", "--role", "ponto_focal", "--scope", "grupo:SP"]),
            SENHA_BOA,
            1,
            ["Campo “--scope”", "não há Grupo Interinstitucional na UF SP"],
        ),
        (
            _senha(["--email", "x@exemplo.gov.br", "--role", "ponto_focal", "--scope", "escritorio:99999"]),
            SENHA_BOA,
            1,
            ["Campo “--scope”", "Escritório Social 99999 não existe"],
        ),
        (
            _senha(["--email", "x@exemplo.gov.br", "--role", "ponto_focal", "--scope", "cidade:1"]),
            SENHA_BOA,
            1,
            ["Campo “--scope”", "grupo:UF (ex.: grupo:PR) ou escritorio:ID"],
        ),
        (
            _senha(["--email", "x@exemplo.gov.br", "--role", "root"]),
            SENHA_BOA,
            2,
            ["uso: manage.py users add", "argumento --role: opção inválida: 'root'", "'ponto_focal'"],
        ),
        (
            _senha(["--email", "x@exemplo.gov.br", "--role", "dmf", "--sem-senha"]),
            SENHA_BOA,
            2,
            ["não pode ser usado com o argumento", "--sem-senha", "--senha-stdin"],
        ),
        (
            ["--email", "x@exemplo.gov.br", "--role", "dmf"],
            None,
            1,
            ["sem terminal para digitar a senha", "--senha-stdin"],
        ),
    ],
    ids=[
        "email-invalido",
        "email-duplicado",
        "senha-curta",
        "senha-so-letras",
        "senha-vazia",
        "varios-campos",
        "ponto-focal-sem-escopo",
        "admin-com-escopo",
        "dmf-com-escopo",
        "escopo-uf-desconhecida",
        "escopo-uf-sem-grupo",
        "escopo-escritorio-inexistente",
        "escopo-mal-formado",
        "papel-invalido",
        "senha-stdin-e-sem-senha",
        "sem-terminal",
    ],
)
def test_users_add_recusa(db_demo, args, entrada, codigo, trechos):
    recusa_sem_gravar(
        db_demo, ["users", "add", *args], codigo, *trechos, entrada=None if entrada is None else entrada + "\n"
    )


def test_auditoria_identifica_o_registro_incluido(db_demo):
    """A trilha aponta o id de cada inclusão feita pela CLI (já houve registros com entidade_id “?”)."""
    assert consulta(db_demo, "SELECT count(*) FROM registro_auditoria WHERE entidade_id = '?'") == [(0,)]
    ok(cli(db_demo, "users", "add", "--email", "id@exemplo.gov.br", "--role", "dmf", "--sem-senha"))
    u = usuario(db_demo, "id@exemplo.gov.br")
    assert [a["acao"] for a in auditoria(db_demo, "usuario", str(u["id"]))] == ["inclusao"]
    assert [a["depois"]["nome"] for a in auditoria(db_demo, "municipio", "5103403")] == ["Cuiabá"]
    assert [a["depois"]["sigla"] for a in auditoria(db_demo, "uf", "PR")] == ["PR"]


# --- users passwd ----------------------------------------------------------------


def test_users_passwd(db_demo):
    from dominio.usuarios.servicos import FalhaLogin, autenticar

    email = "dmf@demo.pnat.jus.br"
    consulta_antes = usuario(db_demo, email)
    with closing(sqlite3.connect(db_demo)) as c:  # simula tentativas erradas anteriores, de dois endereços
        for endereco in ("198.51.100.1", "198.51.100.1", "203.0.113.9"):
            c.execute(
                "INSERT INTO tentativa_login (momento, email, endereco, sucesso) VALUES (?, ?, ?, 0)",
                ("2026-01-01 12:00:00.000000+00:00", email, endereco),
            )
        c.commit()

    r = ok(
        cli(
            db_demo, "users", "passwd", "--email", " DMF@demo.pnat.jus.br", "--senha-stdin", entrada="Nova-Senha-2024\n"
        )
    )
    assert r.stdout.strip() == f"Senha de {email} redefinida."
    u = usuario(db_demo, email)
    assert u["senha_hash"] != consulta_antes["senha_hash"]
    assert contar(db_demo, "tentativa_login") == 0  # a senha nova não herda a espera das falhas antigas

    (registro,) = [t for t in auditoria(db_demo, "usuario", str(u["id"])) if t["acao"] == "alteracao"]
    assert registro["usuario_email"] == "sistema" and registro["usuario_id"] is None
    assert registro["antes"]["senha_hash"] == registro["depois"]["senha_hash"] == "***"

    with usar_banco(f"sqlite:///{db_demo}"):
        assert autenticar(email, "Nova-Senha-2024").id == u["id"]
        with pytest.raises(FalhaLogin):
            autenticar(email, "Demo-Dmf-2023")


@pytest.mark.parametrize(
    ("args", "entrada", "trechos"),
    [
        (
            ["--email", "ninguem@exemplo.gov.br", "--senha-stdin"],
            "Nova-Senha-2024",
            ["não há usuário com o e-mail ninguem@exemplo.gov.br"],
        ),
        (
            ["--email", "dmf@demo.pnat.jus.br", "--senha-stdin"],
            "fraca",
            ["Campo “nova senha”", "pelo menos 12", "Nada foi gravado"],
        ),
        (["--email", "dmf@demo.pnat.jus.br"], None, ["sem terminal para digitar a senha", "--senha-stdin"]),
    ],
    ids=["email-desconhecido", "senha-fraca", "sem-terminal"],
)
def test_users_passwd_recusa(db_demo, args, entrada, trechos):
    recusa_sem_gravar(
        db_demo, ["users", "passwd", *args], 1, *trechos, entrada=None if entrada is None else entrada + "\n"
    )
    assert PasswordHasher().verify(usuario(db_demo, "dmf@demo.pnat.jus.br")["senha_hash"], "Demo-Dmf-2023")


# --- senha digitada num terminal (pseudoterminal) -------------------------------------


def _cli_terminal(banco: Path, args: list[str], respostas: list[tuple[str, str]]) -> subprocess.CompletedProcess:
    """Executa a CLI com a entrada padrão num pseudoterminal, respondendo aos prompts do getpass (no stderr)."""
    import pty

    mestre, escravo = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, MANAGE, *args],
        cwd=RAIZ,
        env=_ambiente(banco, "false"),
        stdin=escravo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # sem /dev/tty: getpass usa a entrada padrão
    )
    os.close(escravo)
    erro = b""
    try:
        for prompt, resposta in respostas:
            limite = time.monotonic() + 60
            while prompt.encode() not in erro:
                assert time.monotonic() < limite and proc.poll() is None, f"sem o prompt {prompt!r}: {erro!r}"
                prontos, _, _ = select.select([proc.stderr], [], [], 1)
                if prontos:
                    erro += os.read(proc.stderr.fileno(), 4096)
            erro = erro.replace(prompt.encode(), b"", 1)
            os.write(mestre, resposta.encode() + b"\n")
        saida, resto = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(mestre)
    return subprocess.CompletedProcess(proc.args, proc.returncode, saida.decode(), (erro + resto).decode())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudoterminal testado só no Linux")
def test_users_add_senha_no_terminal(db_referencia):
    r = _cli_terminal(
        db_referencia,
        ["users", "add", "--email", "tty@exemplo.gov.br", "--role", "dmf"],
        [("Senha: ", SENHA_BOA), ("Repita a senha: ", SENHA_BOA)],
    )
    assert r.returncode == 0, r.stderr
    assert "Usuário tty@exemplo.gov.br (dmf) incluído" in r.stdout
    assert PasswordHasher().verify(usuario(db_referencia, "tty@exemplo.gov.br")["senha_hash"], SENHA_BOA)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudoterminal testado só no Linux")
def test_users_passwd_senhas_diferentes_no_terminal(db_demo):
    antes = retrato(db_demo)
    r = _cli_terminal(
        db_demo,
        ["users", "passwd", "--email", "dmf@demo.pnat.jus.br"],
        [("Senha: ", "Nova-Senha-2024"), ("Repita a senha: ", "Outra-Senha-2024")],
    )
    assert r.returncode == 1
    assert "erro: as senhas digitadas são diferentes; nada foi gravado" in r.stderr
    assert retrato(db_demo) == antes
    with pytest.raises(VerifyMismatchError):
        PasswordHasher().verify(usuario(db_demo, "dmf@demo.pnat.jus.br")["senha_hash"], "Nova-Senha-2024")


# --- import com arquivos hostis (issue #16) --------------------------------------------------------


_HOSTIS = {
    "espacos": ("xlsx_espacos", (40,), "parece uma bomba de compressão"),
    "celula": ("xlsx_celula_enorme", (8,), "parece uma bomba de compressão"),
    "linha_10mb": ("csv_linha_unica", (10,), "uma célula passa de 131.072 caracteres; o limite é 32.767"),
    "tsv": ("csv_tsv", (), "separado por tabulação (TSV)"),
    "binario": ("csv_binario", (), "o conteúdo é um arquivo binário, não texto"),
    "pdf_xlsx": ("pdf_como_xlsx", (), "o conteúdo de “fluxos.xlsx” é um PDF, não uma planilha"),
}


@pytest.mark.parametrize(
    ("comando", "caso"),
    [*(("fluxos", c) for c in _HOSTIS), ("indicadores", "espacos"), ("indicadores", "linha_10mb")],
)
def test_import_de_arquivo_hostil_sai_com_1_e_mensagem_em_portugues(db_demo, tmp_path, comando, caso):
    """`manage.py import fluxos|indicadores` com os arquivos do issue #16 (em tamanho de teste):
    mensagem em pt-BR, saída 1, nada gravado e nenhum traceback (antes: `_csv.Error` e 3,1 GB de
    memória)."""
    from ferramentas import arquivos_maliciosos as am

    funcao, argumentos, trecho = _HOSTIS[caso]
    nome, conteudo = getattr(am, funcao)(*argumentos)
    arquivo = tmp_path / nome
    arquivo.write_bytes(conteudo)
    r = recusa_sem_gravar(db_demo, ["import", comando, str(arquivo)], 1, "erro: nada foi importado", trecho)
    assert "Traceback" not in r.stderr and len(r.stderr) < 1000, r.stderr


def test_import_recusa_arquivo_grande_antes_de_ler(db_demo, tmp_path):
    """Acima de 20 MB, a CLI recusa pelo tamanho do arquivo no disco, sem lê-lo."""
    arquivo = tmp_path / "grande.csv"
    with arquivo.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    falha(
        cli(db_demo, "import", "fluxos", str(arquivo)),
        1,
        "Campo “arquivo”: “grande.csv” tem 21,0 MB; o limite é 20 MB. Divida-o em partes.",
    )


def test_lembretes_sem_smtp_simulam_e_recusam_enviar(banco_cli):
    r = ok(cli(banco_cli, "lembretes", "enviar", "--simular", "--data", "07/12/2026", modo_demo="true"))
    assert "Simulação para 07/12/2026 (nada foi gravado nem enviado)." in r.stdout
    assert "dmf@demo.pnat.jus.br" in r.stdout and "Resumo da semana de 07/12/2026" in r.stdout
    assert "E-mail desligado: configure SMTP_HOST" in r.stdout
    _sem_ingles(r.stdout)
    falha(cli(banco_cli, "lembretes", "enviar", modo_demo="true"), 1, "e-mail desligado", "--simular")
    falha(cli(banco_cli, "lembretes", "enviar", "--data", "31/02/2026", modo_demo="true"), 1, "--data")
    assert contar(banco_cli, "mensagem_email") == 0


# --- run: o servidor -------------------------------------------------------------------------------


def _responde(porta: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{porta}/saude", timeout=5) as r:
            return r.status == 200
    except OSError:  # recusada, fechada ou sem resposta a tempo
        return False


def test_run_para_por_inteiro_com_um_sigterm_e_libera_a_porta(db_demo, tmp_path):
    """Quem supervisiona o serviço (systemd, um `kill`) manda SIGTERM ao processo que iniciou: o
    `manage.py run` vira o próprio uvicorn, de modo que o sinal para o servidor e a porta fica livre.
    Antes, o SIGTERM parava só o manage.py e o uvicorn, filho dele, seguia órfão com a porta."""
    porta = porta_livre()
    with (tmp_path / "run.log").open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, MANAGE, "run", "--porta", str(porta)],
            cwd=RAIZ,
            env=_ambiente(db_demo, "true") | {"STREAMLIT_SERVER_HEADLESS": "true"},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        limite = time.monotonic() + 90
        while not _responde(porta):
            assert proc.poll() is None and time.monotonic() < limite, (tmp_path / "run.log").read_text()[-3000:]
            time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)  # só ao processo iniciado, não ao grupo
        # o uvicorn para com elegância e devolve o sinal recebido como código de saída
        assert proc.wait(timeout=30) in (0, -signal.SIGTERM)
        assert not _responde(porta), "a porta continua respondendo: sobrou um servidor órfão"
    finally:
        if _grupo_vivo(proc.pid):  # o que sobrou (o servidor órfão, se o teste falhou)
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


def _grupo_vivo(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False
