"""Apoio compartilhado pelos testes (os módulos de teste não importam uns aos outros)."""
