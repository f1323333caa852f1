"""Quem recebe qual e-mail e quando — regras puras, sem banco nem relógio (`hoje` é argumento).

Os prazos são os da coleta dos indicadores (Plano de Trabalho do ACT CNJ–CNMP nº 22/2023, item 4,
metas b, d e e): cada período tem abertura, prazo de entrega e trava (prazo + tolerância), como
definidos em `dominio.indicadores.regras.situacao_periodo` e `data_da_trava`; o envio ainda não
feito é o que `dominio.indicadores.regras.pode_editar_valores` deixa editar (sem envio, rascunho ou
devolvido). As prestações de contas vencidas são as de `dominio.recursos.regras.situacao_prestacao`
(Res. Conjunta CNJ/CNMP 10/2024, art. 14)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dominio.indicadores.regras import data_da_trava, pode_editar_valores

# papel → tipo do resumo semanal (a fila de cada um: o DMF valida, a Comissão do CNMP aprova)
RESUMO_DO_PAPEL = {"dmf": "resumo_dmf", "cnmp": "resumo_cnmp"}
TIPOS_RESUMO = frozenset(RESUMO_DO_PAPEL.values())
# situação a que a revisão levou o envio → aviso ao ponto focal (a reabertura também devolve)
AVISO_DA_SITUACAO = {"devolvido": "devolvido", "aprovado": "aprovado"}


def lembrete_de_prazo(
    prazo: date,
    dias_tolerancia: int,
    status_envio: str | None,
    hoje: date,
    dias_antes: int,
    dias_depois: tuple[int, ...],
) -> tuple[str, date] | None:
    """O lembrete devido hoje ao ponto focal de uma unidade num período aberto, como (tipo, data de
    referência), ou None.

    - Só quem ainda não enviou (`pode_editar_valores`: sem envio, rascunho ou devolvido).
    - `prazo_vencido`: passado o prazo, nos dias `prazo + d` de `dias_depois`, e só até a trava
      (`data_da_trava`): depois dela o ponto focal não grava mais e fala com o DMF.
    - `prazo_antes`: de `prazo - dias_antes` até o próprio prazo.

    A data de referência é o dia nominal do lembrete (não o de hoje): um comando que deixou de rodar
    num dia manda o lembrete no dia seguinte, uma vez só; de vários vencidos, só o mais recente."""
    if not pode_editar_valores(status_envio):
        return None
    if hoje > prazo:
        if hoje > data_da_trava(prazo, dias_tolerancia):
            return None
        vencidos = [prazo + timedelta(days=d) for d in dias_depois if d > 0 and prazo + timedelta(days=d) <= hoje]
        return ("prazo_vencido", max(vencidos)) if vencidos else None
    if dias_antes > 0 and prazo - timedelta(days=dias_antes) <= hoje:
        return ("prazo_antes", prazo - timedelta(days=dias_antes))
    return None


def dia_do_resumo(hoje: date, dia_semana: int) -> date:
    """O dia de referência do resumo semanal: o último `dia_semana` (0 = segunda-feira) até hoje.
    Um resumo por semana; se o comando não rodou nesse dia, o resumo sai no seguinte."""
    return hoje - timedelta(days=(hoje.weekday() - dia_semana) % 7)


def recebe(ativo: bool, tipo: str, resumos_ligados: bool) -> bool:
    """Conta desativada não recebe nada; quem desligou os resumos semanais não os recebe (os
    lembretes de prazo e os avisos de decisão continuam)."""
    return ativo and (resumos_ligados or tipo not in TIPOS_RESUMO)


_LINK = re.compile(r"\[\[(/[a-z_]+(?:\?[A-Za-z0-9_=&%.-]*)?)\]\]")


def marcar_link(caminho: str) -> str:
    """Um link dentro do corpo: `[[/revisao?envio=3]]`, trocado pelo endereço completo ao compor."""
    if not _LINK.fullmatch(f"[[{caminho}]]"):
        raise ValueError(f"caminho de link inválido: {caminho!r}")
    return f"[[{caminho}]]"


def texto_livre(texto: str) -> str:
    """Texto de usuário (comentário, nome) dentro do corpo: sem as marcas de link."""
    return str(texto).replace("[[", "[ [").replace("]]", "] ]")


def partes_do_corpo(corpo: str) -> list[tuple[str, str]]:
    """O corpo em pedaços ("texto", …) e ("link", caminho), na ordem, para compor texto e HTML."""
    partes: list[tuple[str, str]] = []
    pos = 0
    for m in _LINK.finditer(corpo):
        if m.start() > pos:
            partes.append(("texto", corpo[pos : m.start()]))
        partes.append(("link", m.group(1)))
        pos = m.end()
    if pos < len(corpo):
        partes.append(("texto", corpo[pos:]))
    return partes
