"""Cadastro dos Grupos Interinstitucionais (um por UF)."""

from ui.cadastros import GRUPOS, pagina_de_cadastro

pagina_de_cadastro(GRUPOS)
