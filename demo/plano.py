"""Demonstração da execução do Plano de Trabalho: meses previstos e executados de cada
ano do plano até o ano corrente, com algumas atividades concluídas e algumas atrasadas;
termo aditivo de prorrogação; designações da Cláusula 12ª (uma fora do prazo);
obrigações com e sem evidência; ações de comunicação em parte das UFs; publicações e
comentários. Tudo fictício, salvo o texto do acordo."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from sqlmodel import Session, select

from dominio.plano.acordo import DATA_ASSINATURA
from dominio.plano.regras import inicio_do_mes, mes_corrente, somar_meses
from dominio.plano.servicos import copiar_ano_do_plano
from models.plano import (
    AcaoComunicacao,
    AcaoComunicacaoMeta,
    AcaoComunicacaoUF,
    Anexo,
    AtividadeCronograma,
    ComentarioPlano,
    Evidencia,
    Meta,
    Obrigacao,
    PlanoAnual,
    Publicacao,
    PublicacaoAtividade,
    PublicacaoMeta,
    ResponsavelAcompanhamento,
    TermoAditivo,
)
from models.usuarios import Parametro, Usuario

CHAVE = "demo_plano_carregado"

# meses previstos de cada atividade (ordem 1–10) num ano típico do plano
MESES_PREVISTOS = {
    1: [1, 2, 3, 4, 9, 10],
    2: [2, 3, 4, 5],
    3: [4, 5, 6, 7, 8],
    4: [5, 6, 7, 8, 9],
    5: [6, 7, 8, 9, 10, 11],
    6: [5, 6, 7, 8, 9, 10],
    7: [7, 8, 9, 10],
    8: [8, 9, 10, 11, 12],
    9: [11, 12],
    10: [6, 12],
}

# (tipo, título, dias após a assinatura, público: magistrados, MP, servidores, outros, UFs, metas)
ACOES = [
    (
        "webinario",
        "Webinário de lançamento do ACT CNJ–CNMP nº 22/2023",
        45,
        (120, 95, 310, 40),
        "DF GO MT MS SP RJ MG ES PR SC RS BA PE CE",
        "a",
    ),
    (
        "informativo",
        "Informativo nº 1 — o que muda com o acordo para os Grupos Interinstitucionais",
        70,
        (0, 0, 0, 0),
        "DF PR BA PE",
        "ac",
    ),
    (
        "oficina",
        "Oficina de indicadores dos Grupos Interinstitucionais — Região Nordeste",
        160,
        (18, 22, 41, 12),
        "BA PE CE PB AL MA PI RN SE",
        "bd",
    ),
    (
        "capacitacao",
        "Capacitação: monitoramento e sustentabilidade dos Escritórios Sociais",
        250,
        (9, 6, 87, 30),
        "ES MG RJ SP",
        "ef",
    ),
    (
        "seminario",
        "Seminário nacional: recursos de penas pecuniárias e TACs para Fundos Municipais",
        330,
        (64, 58, 120, 45),
        "DF SP RJ PR RS",
        "f",
    ),
    ("webinario", "Webinário: trabalho decente no sistema prisional", 420, (80, 70, 220, 60), "AC AM PA TO GO", "a"),
    ("oficina", "Oficina com pontos focais dos Grupos — Região Sul", 500, (12, 15, 30, 8), "PR SC RS", "bd"),
    ("capacitacao", "Capacitação para ciclos de monitoramento in loco", 620, (4, 3, 52, 16), "ES BA CE", "e"),
    ("informativo", "Informativo nº 2 — resultados do primeiro ano", 390, (0, 0, 0, 0), "", "a"),
    (
        "webinario",
        "Webinário: cotas da PNAT em contratos públicos (Decreto 9.450/2018)",
        760,
        (95, 110, 260, 70),
        "SP MG RJ BA PE CE PA",
        "ad",
    ),
]

# (tipo, número, título, dias após a assinatura, metas, ordem da atividade do ano 1)
PUBLICACOES = [
    ("nota_tecnica", "1/2024", "Fluxos de funcionamento dos Grupos Interinstitucionais da PNAT", 150, "c", 3),
    ("orientacao", "1/2024", "Orientações para a coleta de dados junto aos Grupos Interinstitucionais", 180, "bd", 2),
    ("parecer", "1/2024", "Destinação de prestações pecuniárias a Fundos Municipais de Políticas Penais", 260, "f", 4),
    ("relatorio", "1/2024", "Relatório do primeiro ano do ACT CNJ–CNMP nº 22/2023", 400, "abcdef", 10),
    ("nota_tecnica", "2/2025", "Indicadores de monitoramento dos Escritórios Sociais", 560, "e", 2),
]

PDF_DEMO = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 66>>stream\nBT /F1 18 Tf 72 760 Td (Documento de demonstracao - ficticio) Tj ET\nendstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _execucao(ordem: int, previstos: list[int], plano: PlanoAnual, hoje: date, ultimo_ano_completo: bool):
    """(executados, status, percentual) plausíveis para a atividade em `hoje`."""
    atual = mes_corrente(plano.inicio, hoje)
    if atual is None and plano.inicio > hoje:
        return [], "nao_iniciada", 0
    limite = 12 if atual is None else atual
    if plano.ano == 1 and ordem == 8:  # ciclos in loco: adiados para o ano 2 (cancelada no ano 1)
        return [], "cancelada", 0
    if plano.ano == 1 and ordem == 2 and atual is None:  # indicadores: concluída com dois meses de atraso
        return [m + 2 for m in previstos], "concluida", 100
    if ultimo_ano_completo and ordem == 6:  # mapeamento de recursos: parou no meio (atrasada)
        return [m for m in previstos if m <= limite][:-2], "em_andamento", 70
    if ultimo_ano_completo and ordem == 8:  # ciclos in loco: marcados como atrasados
        return previstos[:2], "atrasada", 40
    if ultimo_ano_completo and ordem == 4:  # notas sobre recursos: concluída com um mês de atraso
        return [min(12, m + 1) for m in previstos], "concluida", 100
    feitos = [m for m in previstos if m <= limite]
    if not feitos:
        return [], "nao_iniciada", 0
    if len(feitos) == len(previstos) and (atual is None or previstos[-1] < atual):
        return feitos, "concluida", 100
    return feitos, "em_andamento", max(5, min(95, round(100 * len(feitos) / (len(previstos) + 1))))


def carregar_demo_plano(s: Session, hoje: date) -> dict[str, int]:
    n = {"anos do plano": 0, "ações de comunicação": 0, "publicações": 0}
    if s.get(Parametro, CHAVE) is not None:
        return n
    metas = {m.letra: m.id for m in s.exec(select(Meta))}
    planos = list(s.exec(select(PlanoAnual).order_by(PlanoAnual.ano)))
    # anos até o que contém hoje (no máximo 4: vigência prorrogada até 14/11/2027)
    while planos and somar_meses(planos[-1].inicio, 12) <= hoje and len(planos) < 4:
        planos.append(copiar_ano_do_plano(s, planos[-1]))
        n["anos do plano"] += 1
    completos = [p for p in planos if somar_meses(p.inicio, 12) <= hoje]
    ultimo_completo = completos[-1].id if completos else None
    primeiro_ano_ativs: dict[int, AtividadeCronograma] = {}
    for p in planos:
        for a in s.exec(select(AtividadeCronograma).where(AtividadeCronograma.plano_id == p.id)):
            prev = MESES_PREVISTOS.get(a.ordem, [])
            exe, status, pct = _execucao(a.ordem, prev, p, hoje, p.id == ultimo_completo)
            a.meses_previstos, a.meses_executados, a.status, a.percentual = prev, exe, status, pct
            s.add(a)
            if p.ano == 1:
                primeiro_ano_ativs[a.ordem] = a
            if status == "concluida" and a.ordem in (1, 2, 3, 10):
                s.add(
                    Evidencia(
                        atividade_id=a.id,
                        descricao=f"Registro de execução — ano {p.ano}",
                        data=min(hoje, inicio_do_mes(p.inicio, exe[-1]) + timedelta(days=20)),
                        link="https://www.cnj.jus.br/sistema-carcerario/",
                        incluido_por="dmf@demo.pnat.jus.br",
                    )
                )
    s.flush()

    if hoje >= date(2025, 10, 20):
        s.add(
            TermoAditivo(
                numero="1/2025",
                data_assinatura=date(2025, 10, 20),
                nova_data_fim=date(2027, 11, 14),
                altera_plano=True,
                descricao="Prorroga a vigência por 24 meses e aprova o planejamento dos "
                "anos 3 e 4 do Plano de Trabalho (fictício).",
            )
        )
    for participe, nome, cargo, ato, data in (
        (
            "cnj",
            "Coordenação do Eixo 3 do DMF (demo)",
            "Juiz(a) auxiliar",
            "Portaria DMF nº 101/2023 (fictícia)",
            date(2023, 12, 5),
        ),
        (
            "cnmp",
            "Membro auxiliar da Comissão do Sistema Prisional (demo)",
            "Promotor(a) de Justiça",
            "Portaria CNMP-CSP nº 12/2023 (fictícia)",
            date(2023, 12, 22),
        ),
    ):
        s.add(
            ResponsavelAcompanhamento(
                participe=participe, nome=nome, cargo=cargo, ato_designacao=ato, data_designacao=data
            )
        )

    for o in s.exec(select(Obrigacao)):
        chave = (o.clausula, o.alinea)
        if chave in {(3, "a"), (3, "b"), (4, "a"), (4, "b"), (5, "b")}:
            o.status = "cumprida"
            s.add(
                Evidencia(
                    obrigacao_id=o.id,
                    descricao="Ata de reunião de acompanhamento (fictícia)",
                    data=DATA_ASSINATURA + timedelta(days=60 + 7 * ord(o.alinea)),
                    link="https://www.cnj.jus.br/sistema-carcerario/",
                    incluido_por="dmf@demo.pnat.jus.br",
                )
            )
        elif chave in {(3, "c"), (4, "e"), (5, "c"), (4, "g")}:
            o.status = "em_andamento"
        s.add(o)

    for tipo, titulo, dias, publico, ufs, letras in ACOES:
        d = DATA_ASSINATURA + timedelta(days=dias)
        if d > hoje:
            continue
        a = AcaoComunicacao(
            tipo=tipo,
            titulo=titulo,
            data=d,
            publico_magistrados=publico[0],
            publico_membros_mp=publico[1],
            publico_servidores=publico[2],
            publico_outros=publico[3],
        )
        s.add(a)
        s.flush()
        for uf in ufs.split():
            s.add(AcaoComunicacaoUF(acao_id=a.id, uf_sigla=uf))
        for letra in letras:
            s.add(AcaoComunicacaoMeta(acao_id=a.id, meta_id=metas[letra]))
        n["ações de comunicação"] += 1

    for tipo, numero, titulo, dias, letras, ordem in PUBLICACOES:
        d = DATA_ASSINATURA + timedelta(days=dias)
        if d > hoje:
            continue
        anexo = Anexo(
            nome_arquivo=f"{tipo}_{numero.replace('/', '-')}.pdf",
            tipo_mime="application/pdf",
            tamanho=len(PDF_DEMO),
            sha256=hashlib.sha256(PDF_DEMO).hexdigest(),
            conteudo=PDF_DEMO,
        )
        s.add(anexo)
        s.flush()
        p = Publicacao(
            tipo=tipo,
            numero=numero,
            titulo=titulo,
            data=d,
            anexo_id=anexo.id,
            resumo="Documento fictício da demonstração.",
        )
        s.add(p)
        s.flush()
        for letra in letras:
            s.add(PublicacaoMeta(publicacao_id=p.id, meta_id=metas[letra]))
        if ordem in primeiro_ano_ativs:
            s.add(PublicacaoAtividade(publicacao_id=p.id, atividade_id=primeiro_ano_ativs[ordem].id))
        n["publicações"] += 1

    cnmp = s.exec(select(Usuario).where(Usuario.papel == "cnmp")).first()
    if cnmp is not None:
        s.add(
            ComentarioPlano(
                alvo="meta",
                alvo_id=metas["a"],
                autor_id=cnmp.id,
                autor_nome=cnmp.nome,
                autor_papel="cnmp",
                texto="Sugerimos priorizar as UFs da Região Norte ainda não alcançadas nos próximos webinários.",
            )
        )
        ob = s.exec(select(Obrigacao).where(Obrigacao.clausula == 5, Obrigacao.alinea == "a")).first()
        if ob is not None:
            s.add(
                ComentarioPlano(
                    alvo="obrigacao",
                    alvo_id=ob.id,
                    autor_id=cnmp.id,
                    autor_nome=cnmp.nome,
                    autor_papel="cnmp",
                    texto="A Comissão propõe calendário de fiscalizações conjuntas para o próximo semestre.",
                )
            )
    s.add(Parametro(chave=CHAVE, valor="sim"))
    return n
