"""Demonstração do monitoramento qualitativo (metas d e e): um ciclo de métodos qualitativos
dos Grupos Interinstitucionais, já encerrado, e um ciclo in loco dos Escritórios Sociais, em
curso, com registros em várias unidades — entre elas as dos pontos focais de demonstração
(Grupo do PR e Escritório Social de Vitória/ES) —, métodos e encaminhamentos variados, dois
encaminhamentos em atraso e dois anexos em texto. Tudo fictício; datas até `hoje`."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from comum.anexos import ArquivoEnviado, guardar_anexo
from models.indicadores import AnexoRegistro, CicloMonitoramento, RegistroQualitativo
from models.unidades import EscritorioSocial, GrupoInterinstitucional
from models.usuarios import Parametro

CHAVE = "demo_qualitativo_carregado"
EQUIPE_DMF = "Equipe DMF/CNJ e Comissão do Sistema Prisional/CNMP (demonstração)"

# (unidade, ciclo, dias antes de hoje, método, encaminhamento, prazo em dias a partir de hoje, achados, recomendações)
# unidade: "g:<UF>" ou "e:<código IBGE>"; ciclo: "d", "e" ou None (registro avulso)
REGISTROS = [
    (
        "g:PR",
        "d",
        170,
        "entrevista",
        "concluido",
        None,
        "Coordenação do Grupo relata reuniões mensais regulares e boa articulação entre GMF e MPT.",
        "Registrar em ata as deliberações sobre fiscalização de cotas.",
    ),
    (
        "g:PR",
        "d",
        100,
        "grupo_focal",
        "em_andamento",
        30,
        "Participantes apontam baixa adesão de órgãos municipais às cotas da PNAT em contratos públicos.",
        "Elaborar nota orientativa aos municípios sobre a reserva de vagas (Decreto 9.450/2018).",
    ),
    (
        "g:BA",
        "d",
        160,
        "entrevista",
        "pendente",
        -10,
        "Grupo sem plano de trabalho aprovado; instituições-membro sem ponto focal designado.",
        "Aprovar plano de trabalho e designar pontos focais em 60 dias.",
    ),
    (
        "g:MG",
        "d",
        120,
        "grupo_focal",
        "concluido",
        None,
        "Boa prática: painel de acompanhamento das vagas ocupadas por egressos em contratos estaduais.",
        "Compartilhar a metodologia do painel com os demais Grupos.",
    ),
    (
        "g:RS",
        "d",
        60,
        "entrevista",
        "nao_aplicavel",
        None,
        "Grupo em funcionamento regular; sem pendências identificadas nesta rodada.",
        "",
    ),
    (
        "g:PE",
        "d",
        40,
        "analise_documental",
        "pendente",
        45,
        "Atas de 2024 não registram a participação do Ministério Público do Trabalho.",
        "Confirmar a composição atual do Grupo e atualizar o ato de criação.",
    ),
    (
        "g:CE",
        None,
        200,
        "analise_documental",
        "concluido",
        None,
        "Ato de criação e regimento interno conferidos; composição conforme a cooperação CNJ–MPT.",
        "",
    ),
    (
        "e:3205309",
        "e",
        80,
        "visita_in_loco",
        "em_andamento",
        20,
        "Atendimento a egressos e familiares funcionando; fila de espera para documentação civil.",
        "Firmar parceria com o órgão de identificação civil para mutirões mensais.",
    ),
    (
        "e:3205309",
        "e",
        79,
        "entrevista",
        "concluido",
        None,
        "Pessoas atendidas relatam boa acolhida; sugerem ampliar o horário de atendimento.",
        "Avaliar atendimento em horário estendido um dia por semana.",
    ),
    (
        "e:4106902",
        "e",
        50,
        "visita_in_loco",
        "pendente",
        -5,
        "Equipe técnica reduzida; encaminhamentos para trabalho e renda sem retorno registrado.",
        "Recompor a equipe técnica e registrar o desfecho dos encaminhamentos.",
    ),
    (
        "e:3550308",
        "e",
        30,
        "visita_in_loco",
        "pendente",
        60,
        "Espaço físico adequado; ausência de articulação com o Fundo Municipal de Políticas Penais.",
        "Aproximar o Escritório do conselho gestor do Fundo Municipal.",
    ),
    (
        "e:2927408",
        "e",
        10,
        "grupo_focal",
        "em_andamento",
        40,
        "Pré-egressos mobilizados nas unidades prisionais relatam pouca informação sobre o Escritório.",
        "Ampliar a divulgação do Escritório nas unidades prisionais (pré-egressos).",
    ),
]

ANEXOS = {  # índice em REGISTROS → (nome do arquivo, texto)
    7: (
        "relatorio_visita_vitoria.txt",
        "Relatório de visita in loco ao Escritório Social de Vitória/ES (demonstração; conteúdo fictício).",
    ),
    2: ("ata_entrevista_grupo_ba.txt", "Ata da entrevista com a coordenação do Grupo da BA (demonstração)."),
}


def carregar_demo_qualitativo(s: Session, hoje: date) -> dict[str, int]:
    """Inclui os ciclos e registros qualitativos de demonstração uma única vez (marca em `Parametro`)."""
    n = {"registros qualitativos": 0}
    if s.get(Parametro, CHAVE) is not None:
        return n
    grupos = {g.uf_sigla: g.id for g in s.exec(select(GrupoInterinstitucional))}
    escritorios = {e.municipio_codigo: e.id for e in s.exec(select(EscritorioSocial))}
    ciclos = {
        "d": CicloMonitoramento(
            nome=f"Métodos qualitativos dos Grupos Interinstitucionais — {(hoje - timedelta(days=180)).year} "
            "(demonstração)",
            meta_letra="d",
            inicio=hoje - timedelta(days=180),
            fim=hoje - timedelta(days=20),
            descricao="Entrevistas com as coordenações e grupos focais com as instituições-membro (meta d).",
        ),
        "e": CicloMonitoramento(
            nome=f"1º ciclo de monitoramento in loco dos Escritórios Sociais — {(hoje - timedelta(days=90)).year} "
            "(demonstração)",
            meta_letra="e",
            inicio=hoje - timedelta(days=90),
            fim=hoje + timedelta(days=90),
            descricao="Visitas in loco pela metodologia CNJ de monitoramento dos Escritórios Sociais (meta e).",
        ),
    }
    for c in ciclos.values():
        s.add(c)
    s.flush()
    for i, (unidade, ciclo, dias, metodo, status, prazo, achados, recomendacoes) in enumerate(REGISTROS):
        letra, _, chave = unidade.partition(":")
        grupo_id = grupos.get(chave) if letra == "g" else None
        escritorio_id = escritorios.get(int(chave)) if letra == "e" else None
        if grupo_id is None and escritorio_id is None:
            continue  # unidade ausente do cadastro de demonstração
        r = RegistroQualitativo(
            grupo_id=grupo_id,
            escritorio_id=escritorio_id,
            ciclo_id=ciclos[ciclo].id if ciclo else None,
            data=hoje - timedelta(days=dias),
            metodo=metodo,
            equipe=EQUIPE_DMF,
            achados=achados,
            recomendacoes=recomendacoes,
            status_encaminhamento=status,
            prazo_encaminhamento=hoje + timedelta(days=prazo) if prazo is not None else None,
            registrado_por="dmf@demo.pnat.jus.br",
        )
        s.add(r)
        s.flush()
        if i in ANEXOS:
            nome, texto = ANEXOS[i]
            a = guardar_anexo(s, ArquivoEnviado(nome, texto.encode("utf-8"), "text/plain"))
            s.add(AnexoRegistro(registro_id=r.id, anexo_id=a.id))
        n["registros qualitativos"] += 1
    s.add(Parametro(chave=CHAVE, valor="sim"))
    return n
