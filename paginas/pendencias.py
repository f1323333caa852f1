"""Minhas pendências: a primeira página depois do login, com o que o perfil tem a fazer e um link
para cada item, que abre a página de destino já filtrada ou posicionada nele."""

from dominio.pendencias import servicos as pendencias
from ui.comum import abrir_pagina
from ui.pendencias import mostrar_pendencias

ator, hoje, _ = abrir_pagina(
    "Minhas pendências",
    "O que espera por você hoje. Cada número é o da lista na página de destino; cada item abre essa página "
    "no próprio item.",
)
mostrar_pendencias(pendencias.pendencias(ator, hoje))
