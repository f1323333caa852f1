"""Minhas pendências: o que cada perfil tem a fazer, contado pelas mesmas funções que as páginas de
destino usam para listar (uma fonte só: a contagem daqui é o número de linhas de lá, com o mesmo
filtro). Cada pendência diz a página de destino e os parâmetros da URL que a abrem já filtrada ou
posicionada no item; a formatação fica na `ui/`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from comum.formatos import local
from core import acesso
from core.config import obter_config
from dominio.cadastros import unidades
from dominio.indicadores import coleta, qualitativo
from dominio.lgpd import servicos as lgpd
from dominio.plano import servicos as plano
from dominio.recursos import servicos as recursos
from dominio.usuarios import servicos as usuarios
from dominio.usuarios import sessoes
from models.usuarios import Usuario

LIMITE_ITENS = 10  # itens listados por pendência (a contagem é sempre a do total)


@dataclass(frozen=True)
class Item:
    """Um item pendente: o texto que o identifica (nome do domínio: período, unidade, alerta), o
    prazo quando há, um detalhe (ex.: o comentário de quem devolveu) e os parâmetros da URL que
    abrem a página de destino nele."""

    texto: str
    filtros: dict[str, str | list[str]]
    prazo: date | None = None
    detalhe: str = ""
    nivel: str = "aviso"  # "erro" (vencido) | "aviso"


@dataclass(frozen=True)
class Pendencia:
    tipo: str  # chave de TIPOS (ui/pendencias.py dá o título)
    pagina: str  # arquivo da página de destino (core.acesso.PAGINAS)
    quantidade: int
    filtros: dict[str, str | list[str]] = field(default_factory=dict)  # a lista inteira na página de destino
    itens: list[Item] = field(default_factory=list)  # no máximo LIMITE_ITENS


def _pendencia(tipo: str, pagina: str, itens: list[Item], filtros=None, quantidade: int | None = None) -> Pendencia:
    return Pendencia(
        tipo, pagina, len(itens) if quantidade is None else quantidade, dict(filtros or {}), itens[:LIMITE_ITENS]
    )


# --- ponto focal ---------------------------------------------------------------------------------


def _da_unidade(ator: Usuario, hoje: date) -> list[Pendencia]:
    tipo, ident = unidades.propria(ator)
    periodos = coleta.periodos_da_unidade(ator, tipo, ident, hoje)
    a_enviar = coleta.pendentes_de_envio(periodos, coleta.A_ENVIAR)
    devolvidos = coleta.pendentes_de_envio(periodos, ("devolvido",))
    registros = qualitativo.tabela_registros(ator, hoje=hoje)
    em_atraso = registros[registros["Em atraso"] == "Sim"].sort_values(["Prazo do encaminhamento", "id"])
    return [
        _pendencia(
            "coleta_a_enviar",
            "paginas/coleta.py",
            [
                Item(
                    r["Período"],
                    {"periodo": str(int(r["id"]))},
                    r["Prazo"],
                    r["Período de coleta"],
                    "erro" if r["Prazo"] < hoje else "aviso",
                )
                for _, r in a_enviar.iterrows()
            ],
        ),
        _pendencia(
            "coleta_devolvida",
            "paginas/coleta.py",
            [
                Item(r["Período"], {"periodo": str(int(r["id"]))}, r["Prazo"], r["Comentário da revisão"] or "")
                for _, r in devolvidos.iterrows()
            ],
        ),
        _pendencia(
            "qualitativo_em_atraso",
            "paginas/qualitativo.py",
            [
                Item(
                    f"Nº {int(r['id'])} — {r['Método']}",
                    {"registro": str(int(r["id"]))},
                    r["Prazo do encaminhamento"],
                    r["Encaminhamento"],
                    "erro",
                )
                for _, r in em_atraso.iterrows()
            ],
        ),
    ]


# --- revisão, recursos, plano, LGPD --------------------------------------------------------------


def _fila(ator: Usuario, tipo: str, situacao: str) -> Pendencia:
    fila = coleta.fila_revisao(ator, situacoes=(situacao,), contar=False)
    return _pendencia(
        tipo,
        "paginas/revisao.py",
        [
            Item(f"{r['Unidade']} — {r['Período']}", {"situacao": situacao, "envio": str(int(r["id"]))})
            for _, r in fila.iterrows()
        ],
        {"situacao": situacao},
    )


def _prestacoes(ator: Usuario, hoje: date) -> Pendencia:
    total = recursos.resumo_prestacoes(ator, hoje)["vencida"][0]
    primeiras = recursos.prestacoes(ator, hoje, situacoes=["vencida"], pagina=1, por_pagina=LIMITE_ITENS)
    itens = [
        Item(f"{r['Destino']} — {r['Órgão de origem']}", {"situacao": "vencida"}, r["Prazo"], r["Processo"], "erro")
        for _, r in primeiras.iterrows()
    ]
    return _pendencia("prestacoes_vencidas", "paginas/prestacao_contas.py", itens, {"situacao": "vencida"}, total)


_PAGINA_DO_ALERTA = {
    "cronograma": "paginas/cronograma.py",
    "vigencia": "paginas/vigencia.py",
    "obrigacoes": "paginas/plano.py",
}


def filtros_do_alerta(a: plano.Alerta) -> dict[str, str]:
    """Parâmetros da URL que abrem a página do alerta no ano da atividade atrasada."""
    return {"ano": str(a.ano)} if a.ano is not None else {}


def pagina_do_alerta(a: plano.Alerta) -> str:
    return _PAGINA_DO_ALERTA[a.tema]


def _alertas_plano(ator: Usuario, hoje: date) -> list[Pendencia]:
    todos = plano.alertas(ator, hoje)
    saida = []
    for tipo, tema in (("atividades_atrasadas", "cronograma"), ("vigencia", "vigencia")):
        lista = [a for a in todos if a.tema == tema]
        saida.append(
            _pendencia(
                tipo,
                _PAGINA_DO_ALERTA[tema],
                [Item(a.texto, filtros_do_alerta(a), nivel=a.nivel) for a in lista],
            )
        )
    ob = plano.obrigacoes_sem_evidencia(ator)
    saida.append(
        _pendencia(
            "obrigacoes",
            "paginas/plano.py",
            [
                Item(
                    f"Cláusula {r['Cláusula']}, alínea {r['Alínea']}): {r['Obrigação']}",
                    {"obrigacao": str(int(r["id"]))},
                )
                for _, r in ob.iterrows()
            ],
            {"obrigacoes": "sem_evidencia"},
        )
    )
    return saida


def _comentarios(ator: Usuario) -> Pendencia:
    return _pendencia(
        "comentarios",
        "paginas/plano.py",
        [
            Item(c.item, {"comentario": str(c.ultimo.id)}, detalhe=c.ultimo.texto)
            for c in plano.comentarios_aguardando(ator)
        ],
        {"comentarios": "aguardando"},
    )


def _lgpd(ator: Usuario, hoje: date) -> Pendencia:
    return _pendencia(
        "lgpd",
        "paginas/lgpd.py",
        [Item(a.texto, {"incidente": str(a.incidente_id)}, nivel=a.nivel) for a in lgpd.alertas_lgpd(ator, hoje)],
    )


# --- administração -------------------------------------------------------------------------------


def pontos_focais_sem_unidade_ativa(ator: Usuario) -> list[Usuario]:
    """Contas ativas de ponto focal cuja unidade não está mais ativa (Grupo inativo, Escritório
    encerrado): sem escopo em que trabalhar, devem mudar de unidade ou ser desativadas."""
    acesso.exigir(ator, acesso.USUARIOS_GERIR)
    encerradas = {"grupo": {"inativo"}, "escritorio": {"encerrado"}}
    por_chave = {u.chave: u for u in coleta.unidades_visiveis(ator)}
    return [
        u
        for u in usuarios.listar_usuarios(ator)
        if u.ativo
        and u.papel == acesso.PONTO_FOCAL
        and (
            (un := por_chave.get(unidades.chave_de(u.grupo_id, u.escritorio_id))) is None
            or un.status in encerradas[un.tipo]
        )
    ]


def contas_demo_ativas(ator: Usuario) -> list[Usuario]:
    """Contas de demonstração (senhas publicadas) ainda ativas num sistema fora do modo de
    demonstração: a partida as desativa; se alguma voltou a valer, é pendência do administrador."""
    if obter_config().modo_demo:
        return []
    return [u for u in usuarios.contas_demo_no_banco(ator) if u.ativo]


def _admin(ator: Usuario) -> list[Pendencia]:
    demo = contas_demo_ativas(ator)
    ativas = sessoes.listar_ativas(ator)
    return [
        _pendencia(
            "sem_escopo",
            "paginas/usuarios.py",
            [Item(f"{u.nome} <{u.email}>", {"usuario": str(u.id)}) for u in pontos_focais_sem_unidade_ativa(ator)],
            {"filtro": "sem_escopo"},
        ),
        _pendencia(
            "demo_ativas",
            "paginas/usuarios.py",
            [Item(u.email, {"usuario": str(u.id)}, nivel="erro") for u in demo],
            {"filtro": "demo"},
        ),
        _pendencia(
            "sessoes_ativas",
            "paginas/usuarios.py",
            [Item(f"{s.nome} <{s.email}>", {}, local(s.expira_em).date()) for s in ativas],
        ),
    ]


def pendencias(ator: Usuario | None, hoje: date) -> list[Pendencia]:
    """As pendências do ator, pelas permissões dele (`core.acesso`): ponto focal, a própria unidade
    (períodos a enviar, envios devolvidos, encaminhamentos qualitativos em atraso); quem valida
    (DMF, administrador), os envios a validar; a Comissão do CNMP, os validados a aprovar; quem
    altera recursos, as prestações de contas vencidas; quem altera o plano, os alertas do plano;
    quem comenta o plano, os comentários à espera de resposta; quem gere incidentes, os prazos
    LGPD; quem gere usuários, as contas e as sessões. Também as pendências vazias (quantidade 0)."""
    acesso.exigir(ator, acesso.PAINEL_INTERNO)
    saida: list[Pendencia] = []
    if unidades.propria(ator) is not None:
        saida += _da_unidade(ator, hoje)
    if acesso.pode(ator, acesso.REVISAO_VALIDAR):
        saida.append(_fila(ator, "a_validar", "enviado"))
    if acesso.pode(ator, acesso.REVISAO_APROVAR):
        saida.append(_fila(ator, "a_aprovar", "validado"))
    if acesso.pode(ator, acesso.RECURSOS_EDITAR):
        saida.append(_prestacoes(ator, hoje))
    if acesso.pode(ator, acesso.PLANO_EDITAR):
        saida += _alertas_plano(ator, hoje)
    if acesso.pode(ator, acesso.PLANO_COMENTAR):
        saida.append(_comentarios(ator))
    if acesso.pode(ator, acesso.LGPD_GERIR):
        saida.append(_lgpd(ator, hoje))
    if acesso.pode(ator, acesso.USUARIOS_GERIR):
        saida += _admin(ator)
    return saida
