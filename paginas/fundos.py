"""Cadastro dos Fundos Municipais de Políticas Penais."""

from ui.cadastros import FUNDOS, pagina_de_cadastro

pagina_de_cadastro(FUNDOS)
