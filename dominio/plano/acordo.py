"""O texto do ACT CNJ–CNMP nº 22/2023 e de seu Plano de Trabalho (seed 000), carregado
como dado de referência: o acordo (assinatura, vigência), as metas (item 4), as etapas
(item 5), as obrigações (Cláusulas 3ª a 5ª) e o ano 1 do plano com as 10 atividades do
cronograma (item 6). Os meses previstos não constam do texto publicado: a equipe do DMF
os informa na página *Cronograma*."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from models.plano import (
    Acordo,
    AtividadeCronograma,
    AtividadeMeta,
    Etapa,
    ItemEtapa,
    Meta,
    Obrigacao,
    PlanoAnual,
)

NUMERO_ACORDO = "22/2023"
DATA_ASSINATURA = date(2023, 11, 14)  # assinatura eletrônica em 14/11/2023

METAS = {
    "a": "Dar ampla divulgação do Acordo de Cooperação Técnica junto aos membros do Poder Judiciário e Ministério Público, por meio da realização de webinários e informativos, a fim de permitir a disseminação de seus objetivos e a capilaridade das ações previstas junto às unidades da Federação.",
    "b": "Desenvolver indicadores para o funcionamento dos Grupos Interinstitucionais fomentados a partir do Acordo de Cooperação CNJ e MPT nº 037/2020, permitindo medir o alcance e os resultados das ações por ele implementadas.",
    "c": "Produzir notas e orientações técnicas para a definição de fluxos e o funcionamento e monitoramento dos Grupos Interinstitucionais.",
    "d": "Realizar o monitoramento dos Grupos Interinstitucionais por meio de metodologias quantitativas de amplo alcance e qualitativas de alcance focalizado.",
    "e": "Apoiar a realização do monitoramento dos Escritórios Sociais, conforme metodologia desenvolvida pelo Conselho Nacional de Justiça.",
    "f": "Fomentar, acompanhar e medir ações de sustentabilidade para os Escritórios Sociais, especialmente por meio do incentivo à destinação de recursos para os Fundos Municipais de Políticas Penais.",
}

ETAPAS = {
    "Comunicação": [
        "Disseminação do Acordo de Cooperação, seu objeto e finalidades para Tribunais de Justiça e Procuradorias Regionais de Justiça",
        "Divulgação permanente de ações decorrentes deste Plano de Trabalho",
        "Divulgação de resultados obtidos",
    ],
    "Pesquisas e diagnósticos": [
        "Elaboração de indicadores, critérios e instrumentos para coleta de dados dos Grupos Interinstitucionais",
        "Elaboração e publicação de notas técnicas para orientação dos Grupos Interinstitucionais",
        "Elaboração e publicação de notas e pareceres a respeito da temática do Acordo de Cooperação",
        "Elaboração e publicação de notas e pareceres para destinação de recursos de penas pecuniárias, TACs e multas para os Fundos Municipais de Políticas Penais e Escritórios Sociais",
        "Elaboração e publicação de relatórios",
    ],
    "Ações metodológicas": [
        "Coleta de dados junto aos Grupos Interinstitucionais",
        "Mapeamento dos recursos potenciais e valores direcionados aos Fundos Municipais de Políticas Penais e Escritórios Sociais",
        "Realização de processos formativos para monitoramento e sustentabilidade dos Escritórios Sociais, conforme metodologia publicada pelo Conselho Nacional de Justiça",
        "Realização de ciclos de monitoramento in loco dos Escritórios Sociais",
    ],
}

# (nome, etapa, metas a que serve) — item 6; a ligação às metas e etapas é a leitura do DMF, editável
ATIVIDADES = [
    ("Disseminação do Acordo", "Comunicação", "a"),
    ("Elaboração de indicadores, critérios e instrumentos para coleta de dados", "Pesquisas e diagnósticos", "b"),
    ("Elaboração e publicação de notas e pareceres sobre a PNAT", "Pesquisas e diagnósticos", "c"),
    ("Elaboração e publicação de notas e pareceres para destinação de recursos", "Pesquisas e diagnósticos", "f"),
    ("Coleta de dados junto aos Grupos Interinstitucionais", "Ações metodológicas", "bd"),
    (
        "Mapeamento dos recursos potenciais e valores direcionados aos Fundos Municipais de Políticas Penais e Escritórios Sociais",
        "Ações metodológicas",
        "f",
    ),
    (
        "Realização de processos formativos para monitoramento e sustentabilidade dos Escritórios Sociais",
        "Ações metodológicas",
        "ef",
    ),
    ("Realização de ciclos de monitoramento in loco dos Escritórios Sociais", "Ações metodológicas", "e"),
    ("Planejamento para o ano consecutivo da cooperação", None, ""),
    ("Elaboração e publicação de relatórios", "Pesquisas e diagnósticos", "de"),
]

# (cláusula, alínea, responsável, texto) — Cláusulas 3ª (comuns), 4ª (CNJ) e 5ª (CNMP)
OBRIGACOES = [
    (3, "a", "ambos", "Aprovar o Plano de Trabalho relativo aos objetivos deste Acordo."),
    (3, "b", "ambos", "Executar as ações objeto deste Acordo, assim como monitorar os respectivos resultados."),
    (
        3,
        "c",
        "ambos",
        "Analisar resultados parciais, reformulando metas quando necessário ao atingimento do resultado final.",
    ),
    (
        3,
        "d",
        "ambos",
        "Disponibilizar recursos humanos, tecnológicos e materiais para executar as ações, mediante custeio próprio.",
    ),
    (
        3,
        "e",
        "ambos",
        "Promover o intercâmbio de informações e de documentos necessários à consecução dos objetivos deste instrumento.",
    ),
    (
        3,
        "f",
        "ambos",
        "Manter sigilo das informações sensíveis, dos dados pessoais e dos dados pessoais sensíveis (LAI e LGPD) obtidos em razão da execução do acordo, somente divulgando-os se houver expressa autorização dos partícipes e previsão na legislação de regência.",
    ),
    (3, "g", "ambos", "Obedecer às restrições legais relativas à propriedade intelectual, se for o caso."),
    (3, "h", "ambos", "Articular as ações para o fiel cumprimento das finalidades deste instrumento."),
    (
        4,
        "a",
        "cnj",
        "Impulsionar junto aos GMFs dos Tribunais de Justiça a criação de Grupos Interinstitucionais nas unidades federativas, voltados à efetivação da PNAT mediante a regularização das cotas legais, a proposição de agenda legislativa e a adoção de mecanismos de sustentabilidade da Política e dos serviços a ela afetos.",
    ),
    (
        4,
        "b",
        "cnj",
        "Organizar e providenciar, em conjunto com o CNMP, toda a estrutura necessária para a viabilização de capacitações, oficinas, seminários e eventos sobre as temáticas do Acordo.",
    ),
    (
        4,
        "c",
        "cnj",
        "Estabelecer estudos conjuntos de suporte aos Juízos de Execução Penal, SENAPPEN e outros parceiros para a implementação das ações da PNAT e efetivação de Planos Estaduais, incluindo o conceito de trabalho decente no sistema prisional.",
    ),
    (
        4,
        "d",
        "cnj",
        "Exercer, em conjunto com o CNMP, a fiscalização da utilização dos recursos oriundos de multas e indenizações por dano moral coletivo em Ações Judiciais e TACs, empregados nos projetos identificados como prioritários pelo CNJ.",
    ),
    (
        4,
        "e",
        "cnj",
        "Difundir informações para viabilizar a destinação de recursos decorrentes das penas de prestação pecuniária, respeitada a independência funcional dos Juízos, com vistas à viabilidade dos projetos prioritários.",
    ),
    (
        4,
        "f",
        "cnj",
        "Estabelecer um fluxo de informações e interação entre o Ministério Público do Trabalho e os Escritórios Sociais para a fiscalização e efetivação de políticas públicas de acesso ao trabalho por pessoas egressas.",
    ),
    (
        4,
        "g",
        "cnj",
        "Apoiar a realização de ciclos de audiências públicas com a iniciativa privada, terceiro setor, ONGs e entidades da sociedade civil para identificar potencialidades e vocações de atividades nas unidades prisionais ou para egressos.",
    ),
    (
        5,
        "a",
        "cnmp",
        "Organizar e providenciar, em conjunto com o CNJ, toda a estrutura necessária para a preparação e desenvolvimento das fiscalizações conjuntas.",
    ),
    (
        5,
        "b",
        "cnmp",
        "Organizar e providenciar, em conjunto com o CNJ, toda a estrutura necessária para a viabilização de capacitações, oficinas, seminários e eventos sobre a PNAT.",
    ),
    (
        5,
        "c",
        "cnmp",
        "Difundir informações para viabilizar a destinação de recursos decorrentes de multas e indenizações por dano moral coletivo em Ações Judiciais e TACs, respeitada a independência funcional do Membro oficiante.",
    ),
    (
        5,
        "d",
        "cnmp",
        "Exercer, em conjunto com o CNJ, a fiscalização da utilização dos recursos oriundos de multas e indenizações por dano moral coletivo em Ações Judiciais e TACs, empregados nos projetos prioritários.",
    ),
    (
        5,
        "e",
        "cnmp",
        "Realizar, em conjunto com o CNJ, ciclos de audiências públicas com a iniciativa privada, terceiro setor, ONGs e entidades da sociedade civil para identificar potencialidades e vocações de atividades.",
    ),
    (
        5,
        "f",
        "cnmp",
        "Auxiliar o CNJ na realização dos demais objetivos conjuntos do Acordo, indicando pessoal técnico para auxiliar nos estudos e grupos de trabalho.",
    ),
]


def carregar_plano_base(s: Session) -> dict[str, int]:
    """Inclui o que faltar do texto do acordo e do ano 1 do plano (idempotente)."""
    n = {"acordo": 0, "metas": 0, "etapas": 0, "obrigacoes": 0, "atividades": 0}
    if s.exec(select(Acordo)).first() is None:
        s.add(Acordo(numero=NUMERO_ACORDO, data_assinatura=DATA_ASSINATURA))
        n["acordo"] = 1
    metas = {m.letra: m for m in s.exec(select(Meta))}
    for letra, texto in METAS.items():
        if letra not in metas:
            metas[letra] = Meta(letra=letra, texto=texto)
            s.add(metas[letra])
            n["metas"] += 1
    etapas = {e.nome: e for e in s.exec(select(Etapa))}
    for ordem, (nome, itens) in enumerate(ETAPAS.items(), start=1):
        if nome in etapas:
            continue
        etapas[nome] = Etapa(ordem=ordem, nome=nome)
        s.add(etapas[nome])
        s.flush()
        for i, texto in enumerate(itens, start=1):
            s.add(ItemEtapa(etapa_id=etapas[nome].id, ordem=i, texto=texto))
        n["etapas"] += 1
    existentes = set(s.exec(select(Obrigacao.clausula, Obrigacao.alinea)).all())
    for clausula, alinea, resp, texto in OBRIGACOES:
        if (clausula, alinea) not in existentes:
            s.add(Obrigacao(clausula=clausula, alinea=alinea, responsavel=resp, texto=texto))
            n["obrigacoes"] += 1
    s.flush()
    if s.exec(select(PlanoAnual)).first() is None:
        plano = PlanoAnual(ano=1, inicio=DATA_ASSINATURA.replace(day=1))
        s.add(plano)
        s.flush()
        for ordem, (nome, etapa, letras) in enumerate(ATIVIDADES, start=1):
            a = AtividadeCronograma(
                plano_id=plano.id, ordem=ordem, nome=nome, etapa_id=etapas[etapa].id if etapa else None
            )
            s.add(a)
            s.flush()
            for letra in letras:
                s.add(AtividadeMeta(atividade_id=a.id, meta_id=metas[letra].id))
            n["atividades"] += 1
    return n
