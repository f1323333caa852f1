"""Minhas pendências de cada perfil (ver servicos.py)."""
