"""Cadastro dos Escritórios Sociais (Resolução CNJ 307/2019)."""

from ui.cadastros import ESCRITORIOS, pagina_de_cadastro

pagina_de_cadastro(ESCRITORIOS)
