"""Migrações do Alembic (`versions/`) e os blocos que as revisões compartilham (`migrations.blocos`)."""
