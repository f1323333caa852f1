"""contas: tentativas de entrada por conta e endereço; trilha de auditoria só de inclusões no banco

Revisão: 0010
Anterior: 0009
Criada em: 03/12/2026

Revisada à mão.

- Tabela nova `tentativa_login` (momento, e-mail digitado, endereço do cliente, sucesso), com
  índices por e-mail e por endereço seguidos do momento: o freio de tentativas de
  `dominio/usuarios/tentativas.py` conta nela as falhas recentes, e por estar no banco ele vale
  para todas as réplicas.
- Gatilhos que recusam UPDATE e DELETE em `registro_auditoria` venha o comando de onde vier
  (aplicação, `psql`, `sqlite3`):
  - SQLite: BEFORE UPDATE e BEFORE DELETE por linha com `RAISE(ABORT, …)`; e BEFORE INSERT que
    recusa um id já existente, porque `INSERT OR REPLACE` apaga a linha antiga sem disparar o
    gatilho de DELETE (o SQLite só o dispara com `PRAGMA recursive_triggers`).
  - PostgreSQL: uma função que levanta erro (SQLSTATE 42501, `insufficient_privilege`) e um
    gatilho BEFORE UPDATE OR DELETE OR TRUNCATE por comando (o TRUNCATE não dispara gatilhos de
    linha). Quem pode apagar ou desligar o gatilho é só o dono da tabela: docs/operacao.md mostra
    a implantação em que a aplicação entra com um papel que não é dono de nada.
  Uma migração futura que precise reconstruir `registro_auditoria` no SQLite (batch_alter_table
  copia a tabela) tem de recriar estes gatilhos.
O downgrade apaga gatilhos, função e tabela.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from migrations.blocos import criar_tabela, texto

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"

MENSAGEM = "a trilha de auditoria só recebe inclusões"

_GATILHOS_SQLITE = {
    "registro_auditoria_sem_alteracao": (
        f"BEFORE UPDATE ON registro_auditoria BEGIN SELECT RAISE(ABORT, '{MENSAGEM}: alteração recusada'); END"
    ),
    "registro_auditoria_sem_exclusao": (
        f"BEFORE DELETE ON registro_auditoria BEGIN SELECT RAISE(ABORT, '{MENSAGEM}: exclusão recusada'); END"
    ),
    "registro_auditoria_sem_substituicao": (
        "BEFORE INSERT ON registro_auditoria "
        "WHEN EXISTS (SELECT 1 FROM registro_auditoria WHERE id = NEW.id) "
        f"BEGIN SELECT RAISE(ABORT, '{MENSAGEM}: substituição recusada'); END"
    ),
}

_FUNCAO_PG = f"""
CREATE FUNCTION registro_auditoria_so_inclusao() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MENSAGEM}: % recusado', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$
"""


def upgrade() -> None:
    criar_tabela(
        "tentativa_login",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("momento", sa.DateTime(timezone=True), nullable=False),
        texto("email", 254),
        texto("endereco", 64),
        sa.Column("sucesso", sa.Boolean(), nullable=False),
    )
    with op.batch_alter_table("tentativa_login", schema=None) as batch_op:
        batch_op.create_index("ix_tentativa_login_email_momento", ["email", "momento"], unique=False)
        batch_op.create_index("ix_tentativa_login_endereco_momento", ["endereco", "momento"], unique=False)
        batch_op.create_index(batch_op.f("ix_tentativa_login_momento"), ["momento"], unique=False)

    if op.get_context().dialect.name == "postgresql":
        op.execute(_FUNCAO_PG)
        op.execute(
            "CREATE TRIGGER registro_auditoria_so_inclusao BEFORE UPDATE OR DELETE OR TRUNCATE "
            "ON registro_auditoria FOR EACH STATEMENT EXECUTE FUNCTION registro_auditoria_so_inclusao()"
        )
    else:
        for nome, corpo in _GATILHOS_SQLITE.items():
            op.execute(f"CREATE TRIGGER {nome} {corpo}")


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP TRIGGER registro_auditoria_so_inclusao ON registro_auditoria")
        op.execute("DROP FUNCTION registro_auditoria_so_inclusao()")
    else:
        for nome in _GATILHOS_SQLITE:
            op.execute(f"DROP TRIGGER {nome}")
    with op.batch_alter_table("tentativa_login", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tentativa_login_momento"))
        batch_op.drop_index("ix_tentativa_login_endereco_momento")
        batch_op.drop_index("ix_tentativa_login_email_momento")
    op.drop_table("tentativa_login")
