"""Peças de interface reutilizadas pelas páginas (somente apresentação)."""
