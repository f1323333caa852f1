"""Papéis, permissões e escopo. Toda escrita chama `exigir` no serviço, não
só na página: chamar um serviço como o usuário errado levanta `AcessoNegado`."""

from __future__ import annotations

from core.erros import AcessoNegado
from models.usuarios import PAPEIS, Usuario

ADMIN, DMF, CNMP, PONTO_FOCAL = "admin", "dmf", "cnmp", "ponto_focal"
PUBLICO = "publico"  # visitante sem login (não é um papel de conta)

# permissão -> papéis que a têm
PERMISSOES: dict[str, frozenset[str]] = {
    "registros.ver": frozenset({ADMIN, DMF, CNMP}),
    "registros.editar": frozenset({ADMIN, DMF}),
    "unidade_propria.ver": frozenset({PONTO_FOCAL}),
    "usuarios.gerir": frozenset({ADMIN}),
    "auditoria.ver": frozenset({ADMIN}),
    "municipios.incluir": frozenset({ADMIN}),
    "painel.interno": frozenset({ADMIN, DMF, CNMP, PONTO_FOCAL}),
    "plano.ver": frozenset({ADMIN, DMF, CNMP}),
    "plano.editar": frozenset({ADMIN, DMF}),
    "plano.comentar": frozenset({ADMIN, DMF, CNMP}),
    "funpen.ver": frozenset({ADMIN, DMF, CNMP}),
    "funpen.editar": frozenset({ADMIN, DMF}),
    "recursos.ver": frozenset({ADMIN, DMF, CNMP}),
    "recursos.editar": frozenset({ADMIN, DMF}),
    "lgpd.gerir": frozenset({ADMIN}),
    "indicadores.ver": frozenset({ADMIN, DMF, CNMP, PONTO_FOCAL}),
    "indicadores.editar": frozenset({ADMIN, DMF}),
    "coleta.informar": frozenset({ADMIN, DMF, PONTO_FOCAL}),  # ponto focal: só a própria unidade (exigir_escopo)
    "coleta.ver_todas": frozenset({ADMIN, DMF, CNMP}),
    "revisao.validar": frozenset({ADMIN, DMF}),
    "revisao.aprovar": frozenset({CNMP}),
    "revisao.reabrir": frozenset({ADMIN, DMF, CNMP}),
    "monitoramento.ver": frozenset({ADMIN, DMF, CNMP}),
    "qualitativo.ver": frozenset({ADMIN, DMF, CNMP, PONTO_FOCAL}),  # ponto focal: só a própria unidade
    "qualitativo.editar": frozenset({ADMIN, DMF}),
}

ROTULO_PERMISSAO = {
    "registros.ver": "consultar os cadastros",
    "registros.editar": "incluir ou alterar cadastros",
    "unidade_propria.ver": "consultar a própria unidade",
    "usuarios.gerir": "gerir usuários",
    "auditoria.ver": "consultar a trilha de auditoria",
    "municipios.incluir": "incluir municípios",
    "painel.interno": "acessar o painel interno",
    "plano.ver": "consultar o Plano de Trabalho",
    "plano.editar": "alterar o Plano de Trabalho",
    "plano.comentar": "comentar o Plano de Trabalho",
    "funpen.ver": "consultar o índice penitenciário, as propostas FUNPEN e as cotas da PNAT",
    "funpen.editar": "alterar cenários do índice, propostas FUNPEN e contratos com cotas da PNAT",
    "recursos.ver": "consultar os fluxos de recursos",
    "recursos.editar": "incluir ou alterar fluxos de recursos",
    "lgpd.gerir": "consultar e registrar incidentes com dados pessoais (LGPD)",
    "indicadores.ver": "consultar o catálogo de indicadores",
    "indicadores.editar": "alterar o catálogo de indicadores, as regras de validação e os períodos de coleta",
    "coleta.informar": "informar valores de indicadores",
    "coleta.ver_todas": "consultar os valores de todas as unidades",
    "revisao.validar": "validar envios de indicadores",
    "revisao.aprovar": "aprovar envios de indicadores",
    "revisao.reabrir": "reabrir envios aprovados",
    "monitoramento.ver": "consultar o monitoramento dos indicadores",
    "qualitativo.ver": "consultar os registros qualitativos",
    "qualitativo.editar": "incluir ou alterar registros qualitativos",
}


def papel_de(ator: Usuario | None) -> str:
    if ator is None or not ator.ativo:
        return PUBLICO
    return ator.papel


def pode(ator: Usuario | None, permissao: str) -> bool:
    return papel_de(ator) in PERMISSOES[permissao]


def exigir(ator: Usuario | None, permissao: str) -> Usuario:
    """Levanta `AcessoNegado` se o ator não tem a permissão; devolve o ator."""
    if permissao not in PERMISSOES:
        raise KeyError(permissao)
    if ator is None:
        raise AcessoNegado(f"É preciso entrar no sistema para {ROTULO_PERMISSAO[permissao]}.")
    if not ator.ativo:
        raise AcessoNegado("Esta conta está desativada.")
    if ator.papel not in PERMISSOES[permissao]:
        raise AcessoNegado(f"O perfil “{PAPEIS.get(ator.papel, ator.papel)}” não pode {ROTULO_PERMISSAO[permissao]}.")
    return ator


def exigir_escopo(ator: Usuario | None, *, grupo_id: int | None = None, escritorio_id: int | None = None) -> Usuario:
    """Ponto focal só age sobre a própria unidade; DMF e admin, sobre qualquer uma."""
    if ator is None or not ator.ativo:
        raise AcessoNegado("É preciso entrar no sistema com uma conta ativa.")
    if ator.papel in (ADMIN, DMF):
        return ator
    if ator.papel == PONTO_FOCAL:
        if grupo_id is not None and ator.grupo_id == grupo_id:
            return ator
        if escritorio_id is not None and ator.escritorio_id == escritorio_id:
            return ator
        raise AcessoNegado("Ponto focal só pode acessar os dados da própria unidade.")
    raise AcessoNegado(f"O perfil “{PAPEIS.get(ator.papel, ator.papel)}” não pode alterar dados de unidades.")


# --- páginas ------------------------------------------------------------------
# (arquivo, título, ícone, seção, papéis que a veem). O app.py registra em
# st.navigation apenas as páginas do papel atual.
TODOS_LOGADOS = frozenset({ADMIN, DMF, CNMP, PONTO_FOCAL})

PAGINAS: list[tuple[str, str, str, str, frozenset[str]]] = [
    ("paginas/visao_geral.py", "Visão geral", ":material/dashboard:", "Acompanhamento", TODOS_LOGADOS),
    ("paginas/minha_unidade.py", "Minha unidade", ":material/home_work:", "Acompanhamento", frozenset({PONTO_FOCAL})),
    ("paginas/plano.py", "Plano de trabalho", ":material/flag:", "Plano de Trabalho", PERMISSOES["plano.ver"]),
    ("paginas/cronograma.py", "Cronograma", ":material/view_timeline:", "Plano de Trabalho", PERMISSOES["plano.ver"]),
    (
        "paginas/comunicacao.py",
        "Comunicação e publicações",
        ":material/campaign:",
        "Plano de Trabalho",
        PERMISSOES["plano.ver"],
    ),
    ("paginas/vigencia.py", "Vigência", ":material/event:", "Plano de Trabalho", PERMISSOES["plano.ver"]),
    (
        "paginas/relatorio.py",
        "Relatório periódico",
        ":material/description:",
        "Plano de Trabalho",
        PERMISSOES["plano.ver"] & PERMISSOES["recursos.ver"],
    ),
    ("paginas/indicadores.py", "Indicadores", ":material/rule:", "Indicadores", PERMISSOES["indicadores.ver"]),
    (
        "paginas/coleta.py",
        "Coleta",
        ":material/edit_note:",
        "Indicadores",
        PERMISSOES["coleta.informar"] | PERMISSOES["coleta.ver_todas"],
    ),
    (
        "paginas/revisao.py",
        "Revisão",
        ":material/approval:",
        "Indicadores",
        PERMISSOES["revisao.validar"] | PERMISSOES["revisao.aprovar"],
    ),
    (
        "paginas/monitoramento.py",
        "Monitoramento",
        ":material/monitoring:",
        "Indicadores",
        PERMISSOES["monitoramento.ver"],
    ),
    (
        "paginas/qualitativo.py",
        "Registros qualitativos",
        ":material/forum:",
        "Indicadores",
        PERMISSOES["qualitativo.ver"],
    ),
    ("paginas/indice.py", "Índice penitenciário", ":material/leaderboard:", "FUNPEN e cotas", PERMISSOES["funpen.ver"]),
    ("paginas/propostas.py", "Propostas FUNPEN", ":material/fact_check:", "FUNPEN e cotas", PERMISSOES["funpen.ver"]),
    ("paginas/cotas.py", "Cotas PNAT", ":material/work:", "FUNPEN e cotas", PERMISSOES["funpen.ver"]),
    ("paginas/recursos.py", "Recursos", ":material/payments:", "Recursos", PERMISSOES["recursos.ver"]),
    (
        "paginas/prestacao_contas.py",
        "Prestação de contas",
        ":material/receipt_long:",
        "Recursos",
        PERMISSOES["recursos.ver"],
    ),
    ("paginas/grupos.py", "Grupos Interinstitucionais", ":material/groups:", "Cadastros", PERMISSOES["registros.ver"]),
    ("paginas/escritorios.py", "Escritórios Sociais", ":material/apartment:", "Cadastros", PERMISSOES["registros.ver"]),
    ("paginas/fundos.py", "Fundos Municipais", ":material/account_balance:", "Cadastros", PERMISSOES["registros.ver"]),
    ("paginas/usuarios.py", "Usuários", ":material/manage_accounts:", "Administração", PERMISSOES["usuarios.gerir"]),
    (
        "paginas/municipios.py",
        "Municípios",
        ":material/location_city:",
        "Administração",
        PERMISSOES["municipios.incluir"],
    ),
    ("paginas/auditoria.py", "Trilha de auditoria", ":material/history:", "Administração", PERMISSOES["auditoria.ver"]),
    ("paginas/lgpd.py", "Incidentes LGPD", ":material/shield_lock:", "Administração", PERMISSOES["lgpd.gerir"]),
    ("paginas/publico.py", "Painel público", ":material/public:", "Público", TODOS_LOGADOS | {PUBLICO}),
    ("paginas/entrar.py", "Entrar", ":material/login:", "Público", frozenset({PUBLICO})),
    ("paginas/conta.py", "Minha conta", ":material/person:", "Conta", TODOS_LOGADOS),
]


def paginas_do_papel(papel: str) -> list[tuple[str, str, str, str]]:
    return [(arq, titulo, icone, secao) for arq, titulo, icone, secao, papeis in PAGINAS if papel in papeis]
