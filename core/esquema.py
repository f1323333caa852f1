"""Versão do esquema do banco: a configuração do Alembic, a revisão em que o banco está, a
atualização para a última migração e a verificação feita ao iniciar a aplicação."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from core.banco import obter_engine, url_atual
from core.config import RAIZ


def config_alembic(url: str | None = None):
    cfg = AlembicConfig(str(RAIZ / "alembic.ini"))
    cfg.set_main_option("script_location", str(RAIZ / "migrations"))
    cfg.set_main_option("sqlalchemy.url", (url or url_atual()).replace("%", "%%"))
    cfg.attributes["configurar_log"] = False
    return cfg


@cache
def revisao_head() -> str:
    """A última revisão das migrações, lida dos arquivos uma vez por processo: ler e compilar os
    arquivos de `migrations/` custava ~45 ms a cada execução de página (a verificação do esquema
    roda em todas); o código de um processo não muda enquanto ele vive."""
    return ScriptDirectory.from_config(config_alembic()).get_current_head()


def revisao_atual(url: str | None = None) -> str | None:
    with obter_engine(url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def atualizar_esquema(url: str | None = None) -> None:
    """`alembic upgrade head` no banco indicado."""
    command.upgrade(config_alembic(url), "head")


class EsquemaDesatualizado(RuntimeError):
    """O banco não está pronto. A mensagem (`str`) vai para a tela de qualquer visitante e não
    cita URL, usuário, caminho nem erro do driver; `detalhe` os tem, para o log e para o operador
    na linha de comando."""

    def __init__(self, mensagem: str, detalhe: str | None = None):
        super().__init__(mensagem)
        self.detalhe = detalhe


def verificar_esquema(url: str | None = None) -> None:
    """Confere que o banco está na última migração; senão explica o que executar.

    Um arquivo SQLite inexistente não é criado aqui (um erro de digitação na URL
    não deixa arquivos vazios para trás)."""
    u = make_url(url or url_atual())
    if u.get_backend_name() == "sqlite" and u.database not in (None, "", ":memory:") and not Path(u.database).exists():
        raise EsquemaDesatualizado(
            "O arquivo do banco de dados SQLite não existe. Execute `python manage.py db upgrade` para criá-lo "
            "(ou confira DATABASE_URL).",
            f"arquivo {u.database} inexistente",
        )
    try:
        atual = revisao_atual(url)
    except Exception as exc:  # banco inacessível
        raise EsquemaDesatualizado(
            "Não foi possível conectar ao banco de dados. Tente de novo em alguns minutos; se continuar, "
            "avise o administrador do sistema.",
            f"{u.render_as_string(hide_password=True)}: {type(exc).__name__}: {exc}",
        ) from exc
    head = revisao_head()
    if atual != head:
        situacao = "não tem nenhuma migração aplicada" if atual is None else f"está na revisão {atual}"
        raise EsquemaDesatualizado(
            f"O banco de dados {situacao}, mas o sistema espera a revisão {head}. "
            "Execute `python manage.py db upgrade` (ou `alembic upgrade head`) antes de iniciar a aplicação."
        )
