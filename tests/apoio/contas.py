"""As contas de demonstração pela chave do perfil que os testes usam (uma fonte para a fixture
`demo_usuarios`, os testes de páginas e os de navegador)."""

from __future__ import annotations

# quem entra, na ordem em que os passeios as usam
EMAIL_DO_PERFIL = {
    "admin": "admin@demo.pnat.jus.br",
    "dmf": "dmf@demo.pnat.jus.br",
    "cnmp": "cnmp@demo.pnat.jus.br",
    "pf_grupo": "pf.grupo.pr@demo.pnat.jus.br",
    "pf_escritorio": "pf.escritorio.vitoria@demo.pnat.jus.br",
}
# o visitante (sem conta) e quem entra
PERFIS = {"publico": None} | EMAIL_DO_PERFIL
