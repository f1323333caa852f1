"""Papéis, permissões e escopo. Toda escrita chama `exigir` no serviço, não
só na página: chamar um serviço como o usuário errado levanta `AcessoNegado`."""

from __future__ import annotations

from core.erros import AcessoNegado
from models.usuarios import PAPEIS, Usuario

ADMIN, DMF, CNMP, PONTO_FOCAL = "admin", "dmf", "cnmp", "ponto_focal"
PUBLICO = "publico"  # visitante sem login (não é um papel de conta)

# permissões: cada nome escrito só aqui; serviços, páginas e o app usam as constantes
REGISTROS_VER = "registros.ver"
REGISTROS_EDITAR = "registros.editar"
UNIDADE_PROPRIA_VER = "unidade_propria.ver"
USUARIOS_GERIR = "usuarios.gerir"
AUDITORIA_VER = "auditoria.ver"
MUNICIPIOS_INCLUIR = "municipios.incluir"
PAINEL_INTERNO = "painel.interno"
PLANO_VER = "plano.ver"
PLANO_EDITAR = "plano.editar"
PLANO_COMENTAR = "plano.comentar"
FUNPEN_VER = "funpen.ver"
FUNPEN_EDITAR = "funpen.editar"
RECURSOS_VER = "recursos.ver"
RECURSOS_EDITAR = "recursos.editar"
LGPD_GERIR = "lgpd.gerir"
INDICADORES_VER = "indicadores.ver"
INDICADORES_EDITAR = "indicadores.editar"
COLETA_INFORMAR = "coleta.informar"
COLETA_VER_TODAS = "coleta.ver_todas"
REVISAO_VALIDAR = "revisao.validar"
REVISAO_APROVAR = "revisao.aprovar"
REVISAO_REABRIR = "revisao.reabrir"
PAINEL_PUBLICAR = "painel.publicar"
MONITORAMENTO_VER = "monitoramento.ver"
QUALITATIVO_VER = "qualitativo.ver"
QUALITATIVO_EDITAR = "qualitativo.editar"
TODAS_PERMISSOES = (
    REGISTROS_VER,
    REGISTROS_EDITAR,
    UNIDADE_PROPRIA_VER,
    USUARIOS_GERIR,
    AUDITORIA_VER,
    MUNICIPIOS_INCLUIR,
    PAINEL_INTERNO,
    PLANO_VER,
    PLANO_EDITAR,
    PLANO_COMENTAR,
    FUNPEN_VER,
    FUNPEN_EDITAR,
    RECURSOS_VER,
    RECURSOS_EDITAR,
    LGPD_GERIR,
    INDICADORES_VER,
    INDICADORES_EDITAR,
    COLETA_INFORMAR,
    COLETA_VER_TODAS,
    REVISAO_VALIDAR,
    REVISAO_APROVAR,
    REVISAO_REABRIR,
    PAINEL_PUBLICAR,
    MONITORAMENTO_VER,
    QUALITATIVO_VER,
    QUALITATIVO_EDITAR,
)

# permissão -> papéis que a têm
PERMISSOES: dict[str, frozenset[str]] = {
    REGISTROS_VER: frozenset({ADMIN, DMF, CNMP}),
    REGISTROS_EDITAR: frozenset({ADMIN, DMF}),
    UNIDADE_PROPRIA_VER: frozenset({PONTO_FOCAL}),
    USUARIOS_GERIR: frozenset({ADMIN}),
    AUDITORIA_VER: frozenset({ADMIN}),
    MUNICIPIOS_INCLUIR: frozenset({ADMIN}),
    PAINEL_INTERNO: frozenset({ADMIN, DMF, CNMP, PONTO_FOCAL}),
    PLANO_VER: frozenset({ADMIN, DMF, CNMP}),
    PLANO_EDITAR: frozenset({ADMIN, DMF}),
    PLANO_COMENTAR: frozenset({ADMIN, DMF, CNMP}),
    FUNPEN_VER: frozenset({ADMIN, DMF, CNMP}),
    FUNPEN_EDITAR: frozenset({ADMIN, DMF}),
    RECURSOS_VER: frozenset({ADMIN, DMF, CNMP}),
    RECURSOS_EDITAR: frozenset({ADMIN, DMF}),
    LGPD_GERIR: frozenset({ADMIN}),
    INDICADORES_VER: frozenset({ADMIN, DMF, CNMP, PONTO_FOCAL}),
    INDICADORES_EDITAR: frozenset({ADMIN, DMF}),
    COLETA_INFORMAR: frozenset({ADMIN, DMF, PONTO_FOCAL}),  # ponto focal: só a própria unidade (exigir_escopo)
    COLETA_VER_TODAS: frozenset({ADMIN, DMF, CNMP}),
    REVISAO_VALIDAR: frozenset({ADMIN, DMF}),
    REVISAO_APROVAR: frozenset({CNMP}),
    REVISAO_REABRIR: frozenset({ADMIN, DMF, CNMP}),
    PAINEL_PUBLICAR: frozenset({DMF, CNMP}),
    MONITORAMENTO_VER: frozenset({ADMIN, DMF, CNMP}),
    QUALITATIVO_VER: frozenset({ADMIN, DMF, CNMP, PONTO_FOCAL}),  # ponto focal: só a própria unidade
    QUALITATIVO_EDITAR: frozenset({ADMIN, DMF}),
}

ROTULO_PERMISSAO = {
    REGISTROS_VER: "consultar os cadastros",
    REGISTROS_EDITAR: "incluir ou alterar cadastros",
    UNIDADE_PROPRIA_VER: "consultar a própria unidade",
    USUARIOS_GERIR: "gerir usuários",
    AUDITORIA_VER: "consultar a trilha de auditoria",
    MUNICIPIOS_INCLUIR: "incluir municípios",
    PAINEL_INTERNO: "acessar o painel interno",
    PLANO_VER: "consultar o Plano de Trabalho",
    PLANO_EDITAR: "alterar o Plano de Trabalho",
    PLANO_COMENTAR: "comentar o Plano de Trabalho",
    FUNPEN_VER: "consultar o índice penitenciário, as propostas FUNPEN e as cotas da PNAT",
    FUNPEN_EDITAR: "alterar cenários do índice, propostas FUNPEN e contratos com cotas da PNAT",
    RECURSOS_VER: "consultar os fluxos de recursos",
    RECURSOS_EDITAR: "incluir ou alterar fluxos de recursos",
    LGPD_GERIR: "consultar e registrar incidentes com dados pessoais (LGPD)",
    INDICADORES_VER: "consultar o catálogo de indicadores",
    INDICADORES_EDITAR: "alterar o catálogo de indicadores, as regras de validação e os períodos de coleta",
    COLETA_INFORMAR: "informar valores de indicadores",
    COLETA_VER_TODAS: "consultar os valores de todas as unidades",
    REVISAO_VALIDAR: "validar envios de indicadores",
    REVISAO_APROVAR: "aprovar envios de indicadores",
    REVISAO_REABRIR: "reabrir envios aprovados",
    PAINEL_PUBLICAR: "publicar o painel público de um período",
    MONITORAMENTO_VER: "consultar o monitoramento dos indicadores",
    QUALITATIVO_VER: "consultar os registros qualitativos",
    QUALITATIVO_EDITAR: "incluir ou alterar registros qualitativos",
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


def exigir_conta_ativa(ator: Usuario | None) -> Usuario:
    """Levanta `AcessoNegado` sem ator ou com a conta desativada; devolve o ator. A primeira
    conferência das leituras e gravações cujo escopo depende da unidade do ponto focal."""
    if ator is None or not ator.ativo:
        raise AcessoNegado("É preciso entrar no sistema com uma conta ativa.")
    return ator


def exigir_escopo(ator: Usuario | None, *, grupo_id: int | None = None, escritorio_id: int | None = None) -> Usuario:
    """Ponto focal só age sobre a própria unidade; DMF e admin, sobre qualquer uma."""
    exigir_conta_ativa(ator)
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
    ("paginas/pendencias.py", "Minhas pendências", ":material/checklist:", "Acompanhamento", TODOS_LOGADOS),
    ("paginas/visao_geral.py", "Visão geral", ":material/dashboard:", "Acompanhamento", TODOS_LOGADOS),
    ("paginas/minha_unidade.py", "Minha unidade", ":material/home_work:", "Acompanhamento", frozenset({PONTO_FOCAL})),
    ("paginas/buscar.py", "Buscar", ":material/search:", "Acompanhamento", TODOS_LOGADOS),
    ("paginas/plano.py", "Plano de trabalho", ":material/flag:", "Plano de Trabalho", PERMISSOES[PLANO_VER]),
    ("paginas/cronograma.py", "Cronograma", ":material/view_timeline:", "Plano de Trabalho", PERMISSOES[PLANO_VER]),
    (
        "paginas/comunicacao.py",
        "Comunicação e publicações",
        ":material/campaign:",
        "Plano de Trabalho",
        PERMISSOES[PLANO_VER],
    ),
    ("paginas/vigencia.py", "Vigência", ":material/event:", "Plano de Trabalho", PERMISSOES[PLANO_VER]),
    (
        "paginas/relatorio.py",
        "Relatório periódico",
        ":material/description:",
        "Plano de Trabalho",
        PERMISSOES[PLANO_VER] & PERMISSOES[RECURSOS_VER],
    ),
    ("paginas/indicadores.py", "Indicadores", ":material/rule:", "Indicadores", PERMISSOES[INDICADORES_VER]),
    (
        "paginas/coleta.py",
        "Coleta",
        ":material/edit_note:",
        "Indicadores",
        PERMISSOES[COLETA_INFORMAR] | PERMISSOES[COLETA_VER_TODAS],
    ),
    (
        "paginas/revisao.py",
        "Revisão",
        ":material/approval:",
        "Indicadores",
        PERMISSOES[REVISAO_VALIDAR] | PERMISSOES[REVISAO_APROVAR],
    ),
    (
        "paginas/monitoramento.py",
        "Monitoramento",
        ":material/monitoring:",
        "Indicadores",
        PERMISSOES[MONITORAMENTO_VER],
    ),
    (
        "paginas/qualitativo.py",
        "Registros qualitativos",
        ":material/forum:",
        "Indicadores",
        PERMISSOES[QUALITATIVO_VER],
    ),
    ("paginas/indice.py", "Índice penitenciário", ":material/leaderboard:", "FUNPEN e cotas", PERMISSOES[FUNPEN_VER]),
    ("paginas/propostas.py", "Propostas FUNPEN", ":material/fact_check:", "FUNPEN e cotas", PERMISSOES[FUNPEN_VER]),
    ("paginas/cotas.py", "Cotas PNAT", ":material/work:", "FUNPEN e cotas", PERMISSOES[FUNPEN_VER]),
    ("paginas/recursos.py", "Recursos", ":material/payments:", "Recursos", PERMISSOES[RECURSOS_VER]),
    (
        "paginas/prestacao_contas.py",
        "Prestação de contas",
        ":material/receipt_long:",
        "Recursos",
        PERMISSOES[RECURSOS_VER],
    ),
    ("paginas/grupos.py", "Grupos Interinstitucionais", ":material/groups:", "Cadastros", PERMISSOES[REGISTROS_VER]),
    ("paginas/escritorios.py", "Escritórios Sociais", ":material/apartment:", "Cadastros", PERMISSOES[REGISTROS_VER]),
    ("paginas/fundos.py", "Fundos Municipais", ":material/account_balance:", "Cadastros", PERMISSOES[REGISTROS_VER]),
    ("paginas/usuarios.py", "Usuários", ":material/manage_accounts:", "Administração", PERMISSOES[USUARIOS_GERIR]),
    (
        "paginas/municipios.py",
        "Municípios",
        ":material/location_city:",
        "Administração",
        PERMISSOES[MUNICIPIOS_INCLUIR],
    ),
    ("paginas/auditoria.py", "Trilha de auditoria", ":material/history:", "Administração", PERMISSOES[AUDITORIA_VER]),
    ("paginas/lgpd.py", "Incidentes LGPD", ":material/shield_lock:", "Administração", PERMISSOES[LGPD_GERIR]),
    ("paginas/publico.py", "Painel público", ":material/public:", "Público", TODOS_LOGADOS | {PUBLICO}),
    ("paginas/glossario.py", "Glossário", ":material/menu_book:", "Público", TODOS_LOGADOS | {PUBLICO}),
    ("paginas/entrar.py", "Entrar", ":material/login:", "Público", frozenset({PUBLICO})),
    ("paginas/conta.py", "Minha conta", ":material/person:", "Conta", TODOS_LOGADOS),
]


def paginas_do_papel(papel: str) -> list[tuple[str, str, str, str]]:
    return [(arq, titulo, icone, secao) for arq, titulo, icone, secao, papeis in PAGINAS if papel in papeis]
