"""Demonstração de proteção de dados (Cláusula 13ª): três incidentes fictícios — um
encerrado com todas as comunicações no prazo, um com a comunicação à ANPD vencida e um
em apuração ainda dentro dos prazos —, os encarregados (DPO) dos dois partícipes e o
Carnaval e o Corpus Christi do ano como dias não úteis institucionais. Tudo fictício."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
from sqlmodel import Session

from dominio.lgpd.regras import somar_dias_uteis
from models.lgpd import DiaNaoUtil, Encarregado, IncidenteLgpd
from models.usuarios import Parametro

CHAVE = "demo_lgpd_carregado"


def _dias_institucionais(ano: int) -> list[tuple[date, str]]:
    """Carnaval (segunda e terça) e Corpus Christi: pontos facultativos, não feriados nacionais."""
    opcionais = holidays.country_holidays("BR", years=ano, categories=("optional",), language="pt_BR")
    return sorted((d, n) for d, n in opcionais.items() if n in ("Carnaval", "Corpus Christi"))


def carregar_demo_lgpd(s: Session, hoje: date) -> dict[str, int]:
    n = {"incidentes LGPD": 0}
    if s.get(Parametro, CHAVE) is not None:
        return n
    dias = _dias_institucionais(hoje.year)
    for d, nome in dias:
        s.add(DiaNaoUtil(data=d, descricao=f"{nome} (ponto facultativo; demonstração)", abrangencia="institucional"))
    extras = {d for d, _ in dias}

    for participe, nome, email, ato, inicio in (
        (
            "cnj",
            "Fulana de Tal (fictícia)",
            "encarregado@demo.cnj.jus.br",
            "Portaria CNJ nº 000/2023 (fictícia)",
            date(2023, 11, 20),
        ),
        (
            "cnmp",
            "Beltrano de Tal (fictício)",
            "encarregado@demo.cnmp.mp.br",
            "Portaria CNMP-PRESI nº 000/2023 (fictícia)",
            date(2023, 11, 27),
        ),
    ):
        s.add(Encarregado(participe=participe, nome=nome, email=email, ato_designacao=ato, data_inicio=inicio))

    # 1. encerrado, tudo no prazo
    c1 = hoje - timedelta(days=90)
    anpd1 = somar_dias_uteis(c1, 2, extras)
    comp1 = somar_dias_uteis(anpd1, 10, extras)
    s.add(
        IncidenteLgpd(
            participe="cnj",
            data_conhecimento=c1,
            data_registro=c1,
            descricao="Planilha de atendimentos de um Escritório Social enviada por e-mail a destinatário errado "
            "(demonstração).",
            categorias_dados=["identificacao", "contato", "pessoas_presas_egressas"],
            dados_sensiveis=False,
            risco_relevante=True,
            pessoas_afetadas=37,
            medidas_adotadas="Pedido de exclusão ao destinatário, confirmado por escrito; revisão da lista de envio.",
            data_comunicacao_participe=somar_dias_uteis(c1, 1, extras),
            data_comunicacao_anpd=anpd1,
            data_comunicacao_titulares=somar_dias_uteis(c1, 3, extras),
            data_complemento=comp1,
            data_encerramento=comp1 + timedelta(days=5),
            status="encerrado",
        )
    )
    # 2. comunicação à ANPD e aos titulares vencidas
    c2 = hoje - timedelta(days=12)
    s.add(
        IncidenteLgpd(
            participe="cnmp",
            data_conhecimento=c2,
            data_registro=c2,
            descricao="Acesso indevido a relatório com dados de saúde de pessoas presas em pasta compartilhada "
            "(demonstração).",
            categorias_dados=["identificacao", "saude", "pessoas_presas_egressas"],
            dados_sensiveis=True,
            risco_relevante=True,
            pessoas_afetadas=None,
            medidas_adotadas="Acesso à pasta revogado; apuração em curso.",
            data_comunicacao_participe=somar_dias_uteis(c2, 1, extras),
        )
    )
    # 3. em apuração, dentro dos prazos
    s.add(
        IncidenteLgpd(
            participe="cnj",
            data_conhecimento=hoje,
            data_registro=hoje,
            descricao="Notebook funcional com cópia local de formulários de coleta furtado (demonstração).",
            categorias_dados=["identificacao", "contato"],
            dados_sensiveis=False,
            risco_relevante=True,
            pessoas_afetadas=120,
            medidas_adotadas="Disco criptografado; senhas de acesso redefinidas.",
        )
    )
    n["incidentes LGPD"] = 3
    s.add(Parametro(chave=CHAVE, valor="sim"))
    return n
