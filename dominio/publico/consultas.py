"""Agregados para o painel interno e o painel público. Agregação em SQL;
cache por URL do banco (o cache do Streamlit é do processo e sobrevive a trocas de banco), limpo quando se grava numa tabela que ele lê."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
from sqlmodel import Session, func, select

from comum.formatos import data, resumo_meses
from core import acesso, relogio
from core.banco import sessao, url_atual
from core.cache import agregado_em_cache
from core.erros import ErroNegocio, ErroValidacao, Problema
from dominio.funpen import servicos as funpen
from dominio.indicadores.monitoramento import contagens_publicaveis, destaques_publicos
from dominio.indicadores.servicos import rotulo as rotulo_periodo
from dominio.plano.regras import progresso_meta
from dominio.plano.servicos import ano_corrente, atividades_do_plano, obter_anexo, rotulo_plano, situacao_da_atividade
from dominio.publico import painel, supressao
from dominio.recursos.regras import etapas_a_partir_de, valores_acumulados
from dominio.recursos.servicos import TABELAS_RECURSOS
from models.indicadores import PeriodoColeta
from models.plano import (
    STATUS_ATIVIDADE,
    TIPOS_ACAO,
    TIPOS_PUBLICACAO,
    AcaoComunicacao,
    Anexo,
    AtividadeCronograma,
    AtividadeMeta,
    Meta,
    PlanoAnual,
    Publicacao,
)
from models.publico import PainelPublicado
from models.recursos import TIPOS_ORIGEM, ResumoFluxo
from models.territorio import UF, Municipio
from models.unidades import EscritorioSocial, FundoMunicipal, GrupoInterinstitucional
from models.usuarios import Parametro, RegistroAuditoria

CHAVE_DEMO = "demo_carregado"


def _contar_por_uf_do_municipio(s: Session, modelo, status_excluido: str) -> dict[str, int]:
    """Quantos registros de `modelo` (ligado a um município) há por UF, fora os de `status_excluido`."""
    return dict(
        s.exec(
            select(Municipio.uf_sigla, func.count())
            .select_from(modelo)
            .join(Municipio)
            .where(modelo.status != status_excluido)
            .group_by(Municipio.uf_sigla)
        ).all()
    )


@agregado_em_cache
def _contagens_por_uf(url: str) -> pd.DataFrame:
    with sessao(url=url) as s:
        ufs = s.exec(select(UF.sigla, UF.nome, UF.regiao).order_by(UF.sigla)).all()
        grupos = dict(
            s.exec(
                select(GrupoInterinstitucional.uf_sigla, func.count())
                .where(GrupoInterinstitucional.status != "inativo")
                .group_by(GrupoInterinstitucional.uf_sigla)
            ).all()
        )
        escr = _contar_por_uf_do_municipio(s, EscritorioSocial, "encerrado")
        fundos = _contar_por_uf_do_municipio(s, FundoMunicipal, "inativo")
    df = pd.DataFrame(ufs, columns=["UF", "Estado", "Região"])
    df["Grupo Interinstitucional"] = df["UF"].map(lambda u: "Sim" if grupos.get(u) else "Não")
    df["Escritórios Sociais"] = df["UF"].map(lambda u: int(escr.get(u, 0)))
    df["Fundos Municipais"] = df["UF"].map(lambda u: int(fundos.get(u, 0)))
    return df


def contagens_por_uf() -> pd.DataFrame:
    """Por UF: se tem Grupo ativo, quantos Escritórios e Fundos (exclui encerrados/inativos)."""
    return _contagens_por_uf(url_atual()).copy()


@agregado_em_cache
def _totais(url: str) -> dict[str, int]:
    with sessao(url=url) as s:
        return {
            "grupos": s.exec(
                select(func.count())
                .select_from(GrupoInterinstitucional)
                .where(GrupoInterinstitucional.status != "inativo")
            ).one(),
            "escritorios": s.exec(
                select(func.count()).select_from(EscritorioSocial).where(EscritorioSocial.status != "encerrado")
            ).one(),
            "escritorios_funcionando": s.exec(
                select(func.count()).select_from(EscritorioSocial).where(EscritorioSocial.status == "em_funcionamento")
            ).one(),
            "fundos": s.exec(
                select(func.count()).select_from(FundoMunicipal).where(FundoMunicipal.status != "inativo")
            ).one(),
        }


def totais() -> dict[str, int]:
    return dict(_totais(url_atual()))


@agregado_em_cache
def _plano(url: str) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    with sessao(url=url) as s:
        metas = [(m.letra, m.texto) for m in s.exec(select(Meta).order_by(Meta.letra))]
        primeiro = s.exec(select(func.min(PlanoAnual.id))).one()
        atividades = [(a.ordem, a.nome) for a in atividades_do_plano(s, primeiro)]
    return metas, atividades


def plano() -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    """Metas (letra, texto) e atividades do cronograma (ordem, nome)."""
    return _plano(url_atual())


def ultima_atualizacao():
    """Momento da última alteração registrada na trilha (para o painel público)."""
    with sessao() as s:
        return s.exec(select(func.max(RegistroAuditoria.momento))).one()


CHAVE_ESCALA = "escala_gerada"  # demo/escala.py: dados fictícios em escala nacional


def dados_ficticios() -> bool:
    """Há dados fictícios no banco (demonstração ou escala): toda página avisa."""
    with sessao() as s:
        return any(s.get(Parametro, chave) is not None for chave in (CHAVE_DEMO, CHAVE_ESCALA))


@agregado_em_cache(tabelas=TABELAS_RECURSOS)
def _recursos_agrupados(url: str) -> pd.DataFrame:
    """Soma dos fluxos que passaram da etapa potencial por UF de origem, origem, etapa e ano (da
    destinação; na falta, da data de referência), lida do resumo que o banco mantém por gatilhos
    (`ResumoFluxo`, migração 0008): uns milhares de linhas em vez do milhão de fluxos (com um
    milhão, ~1,7 s de GROUP BY no SQLite antes; agora milissegundos). Base dos agregados
    públicos de recursos."""
    r = ResumoFluxo
    with sessao(url=url) as s:
        linhas = s.exec(
            select(r.uf_origem, r.tipo_origem, r.etapa, r.ano, r.valor).where(
                r.etapa.in_(etapas_a_partir_de("destinado")), r.quantidade > 0
            )
        ).all()
    return pd.DataFrame([tuple(x) for x in linhas], columns=["uf", "origem", "etapa", "ano", "valor"])


@agregado_em_cache(tabelas=TABELAS_RECURSOS)
def _recursos_publicos(url: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    base = _recursos_agrupados(url)
    with sessao(url=url) as s:
        ufs = s.exec(select(UF.sigla, UF.nome).order_by(UF.sigla)).all()
    por_origem = base.groupby("origem")["valor"].sum() if len(base) else pd.Series(dtype=object)
    por_uf = base.groupby("uf")["valor"].sum().to_dict() if len(base) else {}
    df_o = pd.DataFrame(
        [{"Origem": TIPOS_ORIGEM[t], "Destinado (R$)": v} for t, v in por_origem.items()],
        columns=["Origem", "Destinado (R$)"],
    ).sort_values("Destinado (R$)", ascending=False)
    df_u = pd.DataFrame(
        [{"UF": sg, "Estado": nome, "Destinado (R$)": por_uf.get(sg) or 0} for sg, nome in ufs],
        columns=["UF", "Estado", "Destinado (R$)"],
    )
    df_u["Destinado (mil R$)"] = df_u["Destinado (R$)"].map(lambda v: float(v) / 1000)
    return df_o, df_u


def recursos_publicos() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Agregados públicos dos recursos destinados (etapas destinado, transferido e aplicado):
    por origem e por UF de origem. Nenhum processo, órgão ou pessoa aparece."""
    df_o, df_u = _recursos_publicos(url_atual())
    return df_o.copy(), df_u.copy()


# --- painel público: agregados sem login ------------------------------------------------------
# Nenhuma destas funções exige perfil: devolvem só agregados. Contagens de PESSOAS passam por
# `dominio.publico.supressao` (supressão primária e complementar; limite k = SUPRESSAO_K). Cache por URL do banco e pela data.

COLUNAS_PUBLICO_ACOES = ["Magistrados", "Membros do MP", "Servidores", "Outros"]


def _plano_corrente(s, hoje) -> PlanoAnual | None:
    return ano_corrente(list(s.exec(select(PlanoAnual).order_by(PlanoAnual.ano))), hoje)


@agregado_em_cache
def _metas_publicas(url: str, hoje) -> tuple[str, pd.DataFrame]:
    with sessao(url=url) as s:
        p = _plano_corrente(s, hoje)
        metas = s.exec(select(Meta).order_by(Meta.letra)).all()
        por_meta: dict[int, list[tuple[str, int]]] = {}
        if p is not None:
            q = (
                select(AtividadeMeta.meta_id, AtividadeCronograma.status, AtividadeCronograma.percentual)
                .join(AtividadeCronograma)
                .where(AtividadeCronograma.plano_id == p.id)
            )
            for meta_id, status, pct in s.exec(q):
                por_meta.setdefault(meta_id, []).append((status, pct))
        rotulo = rotulo_plano(p) if p is not None else ""
    linhas = []
    for m in metas:
        ats = por_meta.get(m.id, [])
        linhas.append(
            {
                "Meta": m.letra,
                "Descrição": m.texto,
                "Progresso (%)": progresso_meta(ats),
                "Atividades no ano": len(ats),
                "Atividades concluídas": sum(1 for st_, _ in ats if st_ == "concluida"),
            }
        )
    return rotulo, pd.DataFrame(
        linhas, columns=["Meta", "Descrição", "Progresso (%)", "Atividades no ano", "Atividades concluídas"]
    )


def metas_publicas(hoje=None) -> tuple[str, pd.DataFrame]:
    """Progresso de cada meta no ano do plano que contém `hoje` (regra de `prazos_plano.progresso_meta`:
    média do % executado das atividades vinculadas, sem as canceladas). Sem login."""
    rotulo, df = _metas_publicas(url_atual(), hoje or relogio.hoje())
    return rotulo, df.copy()


SITUACOES_PUBLICAS = ["Concluída", "Em andamento", "Atrasada", "Não iniciada", "Cancelada"]


@agregado_em_cache
def _cronograma_publico(url: str, hoje) -> tuple[str, pd.DataFrame]:
    with sessao(url=url) as s:
        p = _plano_corrente(s, hoje)
        ats = [] if p is None else atividades_do_plano(s, p.id)
        rotulo = rotulo_plano(p) if p is not None else ""
        linhas = []
        for a in ats:
            sit = situacao_da_atividade(a, p.inicio, hoje)
            situacao = "Atrasada" if sit.atrasada else STATUS_ATIVIDADE.get(a.status, a.status)
            linhas.append(
                {
                    "Nº": a.ordem,
                    "Atividade": a.nome,
                    "Meses previstos": resumo_meses(a.meses_previstos),
                    "Situação": situacao,
                    "% executado": a.percentual,
                }
            )
    return rotulo, pd.DataFrame(linhas, columns=["Nº", "Atividade", "Meses previstos", "Situação", "% executado"])


def cronograma_publico(hoje=None) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """Ano do plano que contém `hoje`: (rótulo do ano, atividades com situação de prazo, resumo
    por situação). Atrasada segue `prazos_plano.situacao_atividade`. Sem login."""
    rotulo, df = _cronograma_publico(url_atual(), hoje or relogio.hoje())
    resumo = pd.DataFrame(
        {"Situação": SITUACOES_PUBLICAS, "Atividades": [int((df["Situação"] == s_).sum()) for s_ in SITUACOES_PUBLICAS]}
    )
    return rotulo, df.copy(), resumo


@agregado_em_cache(tabelas=TABELAS_RECURSOS)
def _recursos_por_ano(url: str) -> pd.DataFrame:
    soma: dict[tuple[int, str], dict[str, Decimal]] = {}
    for _uf, origem, etapa, ano, valor in _recursos_agrupados(url).itertuples(index=False):
        d = soma.setdefault((ano, origem), {"destinado": Decimal(0), "transferido": Decimal(0), "aplicado": Decimal(0)})
        for chegou, v in valores_acumulados({etapa: valor}).items():  # o mesmo “Destinado” da página Recursos
            if chegou in d:
                d[chegou] += v
    return pd.DataFrame(
        [
            {
                "Ano": ano,
                "Origem": TIPOS_ORIGEM.get(o, o),
                "Destinado (R$)": v["destinado"],
                "Transferido (R$)": v["transferido"],
                "Aplicado (R$)": v["aplicado"],
            }
            for (ano, o), v in sorted(soma.items())
        ],
        columns=["Ano", "Origem", "Destinado (R$)", "Transferido (R$)", "Aplicado (R$)"],
    )


def recursos_por_ano() -> pd.DataFrame:
    """Por ano (da destinação; na falta, da data de referência) e origem: valores que chegaram a
    destinado (inclui os já transferidos e aplicados), a transferido (inclui aplicados) e a aplicado."""
    return _recursos_por_ano(url_atual()).copy()


@agregado_em_cache
def _publicacoes_publicas(url: str, limite: int) -> pd.DataFrame:
    with sessao(url=url) as s:
        pubs = s.exec(
            select(Publicacao, Anexo.nome_arquivo)
            .outerjoin(Anexo, Anexo.id == Publicacao.anexo_id)
            .order_by(Publicacao.data.desc(), Publicacao.id.desc())
            .limit(limite)
        ).all()
        return pd.DataFrame(
            [
                {
                    "Data": p.data,
                    "Tipo": TIPOS_PUBLICACAO.get(p.tipo, p.tipo),
                    "Número": p.numero,
                    "Título": p.titulo,
                    "Link": p.link or "",
                    "Arquivo": nome or "",
                    "anexo_id": p.anexo_id,
                }
                for p, nome in pubs
            ],
            columns=["Data", "Tipo", "Número", "Título", "Link", "Arquivo", "anexo_id"],
        )


def publicacoes_publicas(limite: int = 10) -> pd.DataFrame:
    """Últimas publicações (notas técnicas, pareceres, orientações, relatórios): são públicas.
    A coluna `anexo_id` serve ao botão de download e não é exportada."""
    return _publicacoes_publicas(url_atual(), limite).copy()


@agregado_em_cache(max_entries=64)
def _anexo_publico(url: str, anexo_id: int) -> tuple[str, str, bytes]:
    a = obter_anexo(None, anexo_id, publico=True)  # só anexos de publicações; os demais exigem login
    return a.nome_arquivo, a.tipo_mime, bytes(a.conteudo)


def anexo_publico(anexo_id: int) -> tuple[str, str, bytes]:
    """(nome, tipo MIME, conteúdo) do arquivo de uma publicação."""
    return _anexo_publico(url_atual(), int(anexo_id))


def anexo_publico_ou_nada(anexo_id: int) -> tuple[str, str, bytes] | None:
    """`anexo_publico`, ou None se o arquivo deixou de existir ou de ser de uma publicação depois
    que o painel foi publicado (o painel publicado guarda só o número do anexo)."""
    try:
        return anexo_publico(anexo_id)
    except ErroNegocio:
        return None


@agregado_em_cache
def _publico_acoes_bruto(url: str, hoje) -> pd.DataFrame:
    a = AcaoComunicacao
    with sessao(url=url) as s:
        r = s.exec(
            select(
                a.tipo,
                func.sum(a.publico_magistrados),
                func.sum(a.publico_membros_mp),
                func.sum(a.publico_servidores),
                func.sum(a.publico_outros),
            )
            .where(a.data <= hoje)
            .group_by(a.tipo)
        ).all()
    por_tipo = {t: vals for t, *vals in r}
    return pd.DataFrame(
        [[rot, *[int(v or 0) for v in por_tipo[t]]] for t, rot in TIPOS_ACAO.items() if t in por_tipo],
        columns=["Tipo de ação", *COLUNAS_PUBLICO_ACOES],
    )


TABELA_ACOES = "publico_acoes_comunicacao"


def publico_acoes(
    hoje=None, k: int | None = None, *, publicados: dict | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Público alcançado (pessoas) pelas ações de comunicação já realizadas, por tipo de ação e
    categoria, com totais de linha e de coluna, depois da supressão primária e complementar
    (`dominio.publico.supressao`, k = SUPRESSAO_K). Devolve (tabela com None nas suprimidas, máscara).
    ``publicados``: a supressão conjunta do painel publicado (`publicar_painel`), que vale no lugar
    da supressão desta tabela sozinha."""
    bruto = _publico_acoes_bruto(url_atual(), hoje or relogio.hoje())
    if bruto.empty:
        vazio = pd.DataFrame(columns=["Tipo de ação", *COLUNAS_PUBLICO_ACOES, supressao.TOTAL])
        return vazio, vazio.astype(bool)
    tabela, mascara = supressao.suprimir_dataframe(
        bruto,
        COLUNAS_PUBLICO_ACOES,
        k=k,
        total_linha=supressao.TOTAL,
        total_coluna=supressao.TOTAL,
        rotulo="Tipo de ação",
    )
    if publicados is not None:
        for i, linha in enumerate(tabela["Tipo de ação"]):
            for c in [*COLUNAS_PUBLICO_ACOES, supressao.TOTAL]:
                oculta = publicados.get(supressao.chave_celula(TABELA_ACOES, linha, c), 0) is None
                mascara.loc[i, c] = oculta
                if not oculta and tabela.loc[i, c] is None:  # visível no conjunto: o número volta
                    tabela.loc[i, c] = int(_publico_acoes_valor(bruto, linha, c))
    return tabela, mascara


def _publico_acoes_valor(bruto: pd.DataFrame, linha: str, coluna: str) -> int:
    linhas = bruto if linha == supressao.TOTAL else bruto[bruto["Tipo de ação"] == linha]
    colunas = COLUNAS_PUBLICO_ACOES if coluna == supressao.TOTAL else [coluna]
    return int(linhas[colunas].to_numpy().sum())


def grade_publico_acoes(hoje) -> supressao.Grade | None:
    """As contagens cruas do público das ações, para a supressão conjunta do painel publicado."""
    bruto = _publico_acoes_bruto(url_atual(), hoje)
    if bruto.empty:
        return None
    return supressao.Grade(
        TABELA_ACOES,
        tuple(bruto["Tipo de ação"]),
        tuple(COLUNAS_PUBLICO_ACOES),
        tuple(tuple(int(v) for v in linha) for linha in bruto[COLUNAS_PUBLICO_ACOES].itertuples(index=False)),
        total_linha=True,
        total_coluna=True,
    )


@agregado_em_cache
def _cotas_publicas(url: str) -> pd.DataFrame:
    return funpen.cumprimento_publico()


def cotas_publicas() -> pd.DataFrame:
    """`funpen.cumprimento_publico` em cache: contratos (não pessoas) por UF."""
    return _cotas_publicas(url_atual()).copy()


@agregado_em_cache
def _ultima_atualizacao(url: str):
    with sessao(url=url) as s:
        return s.exec(select(func.max(RegistroAuditoria.momento))).one()


def ultima_atualizacao_cache():
    """`ultima_atualizacao` em cache (limpo a cada gravação, como os demais agregados)."""
    return _ultima_atualizacao(url_atual())


# --- dados abertos: tabelas públicas e dicionário de dados -------------------------------------

FONTE_UNIDADES = "Cadastro de Grupos, Escritórios e Fundos do sistema de monitoramento (DMF/CNJ)"
FONTE_RECURSOS = "Fluxos de recursos cadastrados no sistema (etapas destinado, transferido e aplicado)"
FONTE_PLANO = "Plano de Trabalho do ACT CNJ–CNMP nº 22/2023 (metas, item 4; cronograma, item 6)"
FONTE_COTAS = "Contratos públicos cadastrados; regra do Decreto 9.450/2018"
FONTE_COMUNICACAO = "Ações de comunicação cadastradas (etapa Comunicação do Plano de Trabalho)"
FONTE_INDICADORES = (
    "Indicadores informados pelos Grupos e Escritórios e aprovados pela Comissão do CNMP "
    "(metas b, d e e do Plano de Trabalho)"
)
SEM_SUPRESSAO = "Não se aplica (não é contagem de pessoas)"
COM_SUPRESSAO = (
    "“X” quando o valor está entre 1 e k−1 pessoas (k = SUPRESSAO_K, padrão 5), difere de 1 a k−1 "
    "pessoas de um valor já publicado antes, ou permitiria recalcular outro por subtração (supressão "
    "complementar); zeros são publicados"
)

# (tabela, coluna, significado, unidade, fonte, supressão)
_UF = ("UF", "Sigla da Unidade da Federação", "texto (2 letras)")
_ESTADO = ("Estado", "Nome da Unidade da Federação", "texto")
DICIONARIO: list[tuple[str, str, str, str, str, str]] = [
    *[
        (t, c, d, u, FONTE_UNIDADES, SEM_SUPRESSAO)
        for t, c, d, u in [
            ("presenca_por_uf", *_UF),
            ("presenca_por_uf", *_ESTADO),
            ("presenca_por_uf", "Região", "Região geográfica do IBGE", "texto"),
            ("presenca_por_uf", "Grupo Interinstitucional", "Se a UF tem Grupo Interinstitucional ativo", "Sim/Não"),
            (
                "presenca_por_uf",
                "Escritórios Sociais",
                "Escritórios Sociais em implantação, em funcionamento ou suspensos",
                "quantidade de unidades",
            ),
            (
                "presenca_por_uf",
                "Fundos Municipais",
                "Fundos Municipais de Políticas Penais não inativos",
                "quantidade de fundos",
            ),
        ]
    ],
    (
        "recursos_por_origem",
        "Origem",
        "Origem do recurso (prestação pecuniária, ANPP, TAC etc.)",
        "texto",
        FONTE_RECURSOS,
        SEM_SUPRESSAO,
    ),
    (
        "recursos_por_origem",
        "Destinado (R$)",
        "Soma dos valores já destinados, transferidos ou aplicados",
        "reais (R$)",
        FONTE_RECURSOS,
        SEM_SUPRESSAO,
    ),
    ("recursos_por_uf", *_UF, FONTE_RECURSOS, SEM_SUPRESSAO),
    ("recursos_por_uf", *_ESTADO, FONTE_RECURSOS, SEM_SUPRESSAO),
    (
        "recursos_por_uf",
        "Destinado (R$)",
        "Soma dos valores destinados, transferidos ou aplicados com origem na UF",
        "reais (R$)",
        FONTE_RECURSOS,
        SEM_SUPRESSAO,
    ),
    (
        "recursos_por_ano",
        "Ano",
        "Ano da destinação (na falta, da data de referência do fluxo)",
        "ano",
        FONTE_RECURSOS,
        SEM_SUPRESSAO,
    ),
    ("recursos_por_ano", "Origem", "Origem do recurso", "texto", FONTE_RECURSOS, SEM_SUPRESSAO),
    (
        "recursos_por_ano",
        "Destinado (R$)",
        "Valores que chegaram à etapa destinado (inclui transferidos e aplicados)",
        "reais (R$)",
        FONTE_RECURSOS,
        SEM_SUPRESSAO,
    ),
    (
        "recursos_por_ano",
        "Transferido (R$)",
        "Valores que chegaram à etapa transferido (inclui aplicados)",
        "reais (R$)",
        FONTE_RECURSOS,
        SEM_SUPRESSAO,
    ),
    (
        "recursos_por_ano",
        "Aplicado (R$)",
        "Valores com aplicação comprovada (etapa aplicado)",
        "reais (R$)",
        FONTE_RECURSOS,
        SEM_SUPRESSAO,
    ),
    ("cotas_pnat_por_uf", *_UF, FONTE_COTAS, SEM_SUPRESSAO),
    ("cotas_pnat_por_uf", *_ESTADO, FONTE_COTAS, SEM_SUPRESSAO),
    (
        "cotas_pnat_por_uf",
        "Sujeitos à cota",
        "Contratos de serviço acima de R$ 330.000,00/ano, sujeitos à reserva de vagas",
        "quantidade de contratos",
        FONTE_COTAS,
        SEM_SUPRESSAO,
    ),
    (
        "cotas_pnat_por_uf",
        "Cumprem",
        "Contratos sujeitos que cumprem a cota",
        "quantidade de contratos",
        FONTE_COTAS,
        SEM_SUPRESSAO,
    ),
    (
        "cotas_pnat_por_uf",
        "Contratos que cumprem (%)",
        "Cumprem ÷ sujeitos à cota; vazio sem contrato sujeito",
        "percentual (%)",
        FONTE_COTAS,
        SEM_SUPRESSAO,
    ),
    ("progresso_metas", "Meta", "Letra da meta do Plano de Trabalho (item 4)", "letra a–f", FONTE_PLANO, SEM_SUPRESSAO),
    ("progresso_metas", "Descrição", "Texto da meta", "texto", FONTE_PLANO, SEM_SUPRESSAO),
    (
        "progresso_metas",
        "Progresso (%)",
        "Média do % executado das atividades do ano vinculadas à meta, sem as canceladas; vazio se nenhuma",
        "percentual (%)",
        FONTE_PLANO,
        SEM_SUPRESSAO,
    ),
    (
        "progresso_metas",
        "Atividades no ano",
        "Atividades do cronograma do ano vinculadas à meta",
        "quantidade de atividades",
        FONTE_PLANO,
        SEM_SUPRESSAO,
    ),
    (
        "progresso_metas",
        "Atividades concluídas",
        "Dessas, as concluídas",
        "quantidade de atividades",
        FONTE_PLANO,
        SEM_SUPRESSAO,
    ),
    (
        "cronograma_situacao",
        "Situação",
        "Concluída, Em andamento, Atrasada, Não iniciada ou Cancelada (atrasada: "
        "marcada assim, último mês previsto vencido sem conclusão ou primeiro mês começado sem início)",
        "texto",
        FONTE_PLANO,
        SEM_SUPRESSAO,
    ),
    (
        "cronograma_situacao",
        "Atividades",
        "Atividades do ano do plano nessa situação",
        "quantidade de atividades",
        FONTE_PLANO,
        SEM_SUPRESSAO,
    ),
    ("cronograma_atividades", "Nº", "Número de ordem da atividade no cronograma", "número", FONTE_PLANO, SEM_SUPRESSAO),
    ("cronograma_atividades", "Atividade", "Nome da atividade", "texto", FONTE_PLANO, SEM_SUPRESSAO),
    (
        "cronograma_atividades",
        "Meses previstos",
        "Meses do ano do plano (1–12) em que a atividade está prevista",
        "meses (ex.: 1–3, 5)",
        FONTE_PLANO,
        SEM_SUPRESSAO,
    ),
    (
        "cronograma_atividades",
        "Situação",
        "Situação de prazo na data de hoje (ver cronograma_situacao)",
        "texto",
        FONTE_PLANO,
        SEM_SUPRESSAO,
    ),
    (
        "cronograma_atividades",
        "% executado",
        "Percentual executado informado pela equipe do DMF",
        "percentual (%)",
        FONTE_PLANO,
        SEM_SUPRESSAO,
    ),
    ("publicacoes", "Data", "Data de publicação", "data (DD/MM/AAAA)", "Publicações cadastradas", SEM_SUPRESSAO),
    (
        "publicacoes",
        "Tipo",
        "Nota técnica, parecer, orientação técnica ou relatório",
        "texto",
        "Publicações cadastradas",
        SEM_SUPRESSAO,
    ),
    (
        "publicacoes",
        "Número",
        "Número da publicação no seu tipo (ex.: 1/2024)",
        "texto",
        "Publicações cadastradas",
        SEM_SUPRESSAO,
    ),
    ("publicacoes", "Título", "Título da publicação", "texto", "Publicações cadastradas", SEM_SUPRESSAO),
    (
        "publicacoes",
        "Link",
        "Endereço da publicação na internet, quando há",
        "URL",
        "Publicações cadastradas",
        SEM_SUPRESSAO,
    ),
    (
        "publicacoes",
        "Arquivo",
        "Nome do arquivo anexado, baixável no painel",
        "texto",
        "Publicações cadastradas",
        SEM_SUPRESSAO,
    ),
    (
        "publico_acoes_comunicacao",
        "Tipo de ação",
        "Webinário, informativo, seminário etc.; a linha “Total” soma todos",
        "texto",
        FONTE_COMUNICACAO,
        SEM_SUPRESSAO,
    ),
    *[
        (
            "publico_acoes_comunicacao",
            c,
            f"Pessoas da categoria “{c}” no público das ações já realizadas",
            "pessoas",
            FONTE_COMUNICACAO,
            COM_SUPRESSAO,
        )
        for c in COLUNAS_PUBLICO_ACOES
    ],
    ("publico_acoes_comunicacao", "Total", "Soma das categorias da linha", "pessoas", FONTE_COMUNICACAO, COM_SUPRESSAO),
    *[
        ("indicadores_destaques", c, d, u, FONTE_INDICADORES, s)
        for c, d, u, s in [
            (
                "Ano",
                "Ano de referência dos períodos de coleta (o corrente, até agora, e o anterior)",
                "ano",
                SEM_SUPRESSAO,
            ),
            (
                "Código",
                "Código do indicador no catálogo (E: Escritórios Sociais; G: Grupos Interinstitucionais)",
                "texto",
                SEM_SUPRESSAO,
            ),
            ("Indicador", "Nome do indicador", "texto", SEM_SUPRESSAO),
            ("Unidades", "Tipo de unidade que informa o indicador", "texto", SEM_SUPRESSAO),
            (
                "Valor",
                "Total nacional do ano, só com valores aprovados: soma dos períodos (fluxos) ou último período "
                "informado por unidade (estoques), somado entre as unidades; sim/não como % de unidades com “sim”; "
                "“—” sem valor aprovado",
                "conforme a unidade de medida (número, R$ ou %)",
                "“X” quando é contagem de pessoas entre 1 e k−1 (k = SUPRESSAO_K, padrão 5); zeros são publicados",
            ),
            ("Unidade de medida", "Unidade do valor (pessoas, contratos, % …)", "texto", SEM_SUPRESSAO),
            (
                "Unidades informantes",
                "Grupos ou Escritórios com valor aprovado no ano",
                "quantidade de unidades",
                SEM_SUPRESSAO,
            ),
        ]
    ],
    ("indicadores_por_uf", *_UF, FONTE_INDICADORES, SEM_SUPRESSAO),
    (
        "indicadores_por_uf",
        "Estado",
        "Nome da Unidade da Federação; a linha “Total” soma as UFs",
        "texto",
        FONTE_INDICADORES,
        SEM_SUPRESSAO,
    ),
    (
        "indicadores_por_uf",
        "Pessoas inseridas no trabalho (E07)",
        "Pessoas inseridas no trabalho pelos Escritórios "
        "Sociais da UF no ano corrente (valores aprovados; 0 se a UF não tem valor aprovado)",
        "pessoas",
        FONTE_INDICADORES,
        COM_SUPRESSAO,
    ),
    (
        "indicadores_por_uf",
        "Pessoas egressas empregadas (G12)",
        "Pessoas egressas empregadas por ação do Grupo "
        "Interinstitucional da UF no ano corrente (valores aprovados; 0 se a UF não tem valor aprovado)",
        "pessoas",
        FONTE_INDICADORES,
        COM_SUPRESSAO,
    ),
    *[
        ("indicadores_completude", c, d, u, FONTE_INDICADORES, SEM_SUPRESSAO)
        for c, d, u in [
            ("Periodicidade", "Mensal, trimestral, semestral ou anual", "texto"),
            ("Período", "Último período daquela periodicidade com o prazo de entrega vencido", "texto"),
            ("Prazo", "Prazo de entrega dos formulários do período", "data (DD/MM/AAAA)"),
            (
                "Unidades esperadas",
                "Grupos e Escritórios em funcionamento com indicador ativo da periodicidade",
                "quantidade de unidades",
            ),
            (
                "Formulários recebidos",
                "Formulários enviados ao menos uma vez (inclui os de unidades não esperadas)",
                "quantidade de formulários",
            ),
            ("Recebidos no prazo", "Formulários enviados até o prazo, inclusive", "quantidade de formulários"),
            ("% recebidos", "Recebidos ÷ esperadas; “—” sem unidade esperada", "percentual (%)"),
            ("% no prazo", "Recebidos no prazo ÷ esperadas; “—” sem unidade esperada", "percentual (%)"),
        ]
    ],
    *[
        ("dicionario_de_dados", c, d, "texto", "Este painel", SEM_SUPRESSAO)
        for c, d in [
            ("Tabela", "Nome do arquivo da tabela pública (sem extensão)"),
            ("Coluna", "Nome da coluna"),
            ("Significado", "O que a coluna informa"),
            ("Unidade", "Unidade ou formato do valor"),
            ("Fonte", "De onde vem o dado"),
            ("Supressão", "Se e como valores são ocultados para proteger pessoas"),
        ]
    ],
]


def dicionario_dados() -> pd.DataFrame:
    """Dicionário de dados do painel público: uma linha por coluna de cada tabela pública."""
    return pd.DataFrame(DICIONARIO, columns=["Tabela", "Coluna", "Significado", "Unidade", "Fonte", "Supressão"])


def tabelas_calculadas(hoje=None, publicados: dict | None = None) -> dict[str, pd.DataFrame]:
    """Cada tabela pública calculada agora, pelo nome do arquivo exportado (as suprimidas já com
    “X”). É o que `publicar_painel` grava; o painel e os dados abertos leem o publicado
    (`tabelas_publicas`). ``publicados``: a supressão conjunta do retrato (ver `publicar_painel`);
    sem ela, cada tabela passa pela sua própria supressão."""
    hoje = hoje or relogio.hoje()
    por_origem, por_uf = recursos_publicos()
    _, metas = metas_publicas(hoje)
    _, ativs, resumo = cronograma_publico(hoje)
    pub, mascara = publico_acoes(hoje, publicados=publicados)
    ind = destaques_publicos(hoje, publicados=publicados)
    return {
        "presenca_por_uf": contagens_por_uf(),
        "recursos_por_origem": por_origem,
        "recursos_por_uf": por_uf.drop(columns=["Destinado (mil R$)"]),
        "recursos_por_ano": recursos_por_ano(),
        "cotas_pnat_por_uf": cotas_publicas(),
        "progresso_metas": metas,
        "cronograma_situacao": resumo,
        "cronograma_atividades": ativs,
        "publicacoes": publicacoes_publicas().drop(columns=["anexo_id"]),
        "publico_acoes_comunicacao": supressao.exibir(pub, mascara, [*COLUNAS_PUBLICO_ACOES, supressao.TOTAL]),
        "indicadores_destaques": ind.indicadores,
        "indicadores_por_uf": ind.por_uf,
        "indicadores_completude": ind.completude,
        "dicionario_de_dados": dicionario_dados(),
    }


# --- painel publicado: o retrato de cada período -------------------------------------------------


def tabelas_publicas(hoje=None) -> dict[str, pd.DataFrame]:
    """Cada tabela pública, pelo nome do arquivo exportado, exatamente como o painel a exporta
    (as suprimidas já com “X”), lida do painel publicado que vale em `hoje` (padrão: o último).
    Antes da primeira publicação, as tabelas vêm vazias (com as colunas). O painel, os dados
    abertos e os testes usam esta lista."""
    return tabelas_do_retrato(painel.vigente(hoje))


def tabelas_do_retrato(p: painel.Painel | None) -> dict[str, pd.DataFrame]:
    """As tabelas públicas do retrato `p` (cópias), ou as tabelas vazias, com as colunas, se não há
    retrato publicado. `tabelas_publicas` e a página leve (`/painel`) leem por aqui."""
    if p is not None:
        return {nome: df.copy() for nome, df in p.tabelas.items()}
    colunas: dict[str, list[str]] = {}
    for tabela, coluna, *_ in DICIONARIO:
        colunas.setdefault(tabela, []).append(coluna)
    return {
        nome: (dicionario_dados() if nome == "dicionario_de_dados" else pd.DataFrame(columns=cols))
        for nome, cols in colunas.items()
    }


def painel_publicado(hoje=None) -> painel.Painel | None:
    """O painel público que vale em `hoje` (padrão: o último publicado), ou None se nenhum."""
    return painel.vigente(hoje)


def publicar_painel(ator, periodo_id: int, hoje=None) -> painel.Painel:
    """Publica o painel público do período `periodo_id`: calcula as tabelas públicas, aplica a
    supressão conjunta a todas as contagens de pessoas do retrato — entre tabelas e contra todas
    as publicações anteriores (`dominio.publico.supressao:suprimir_conjunto`; LGPD, Lei
    13.709/2018, art. 12) — e grava o retrato (`models.publico.PainelPublicado`, com a trilha de
    auditoria). O painel e os dados abertos passam a mostrar este retrato até a próxima
    publicação. Exige `painel.publicar` e período com prazo de entrega vencido."""
    acesso.exigir(ator, acesso.PAINEL_PUBLICAR)
    hoje = hoje or relogio.hoje()
    with sessao(ator) as s:
        periodo = s.get(PeriodoColeta, periodo_id)
        if periodo is None:
            raise ErroValidacao(Problema("período", "período não encontrado"))
        if periodo.prazo >= hoje:
            raise ErroValidacao(
                Problema(
                    "período",
                    f"o prazo de entrega de {rotulo_periodo(periodo)} vai até {data(periodo.prazo)}; "
                    "publique depois dele",
                )
            )
        rotulo = rotulo_periodo(periodo)
    k = supressao.k_configurado()
    ind = contagens_publicaveis(hoje)
    grades = [g for g in [grade_publico_acoes(hoje), *ind.grades] if g is not None]
    publicados = supressao.suprimir_conjunto(
        grades, avulsas=ind.avulsas, ligadas=ind.ligadas, anteriores=painel.celulas_publicadas(), k=k
    )
    tabelas = tabelas_calculadas(hoje, publicados)
    pubs = publicacoes_publicas()
    destaques = destaques_publicos(hoje, publicados=publicados)
    rotulo_ano, _ = metas_publicas(hoje)
    conteudo = {
        "formato": painel.FORMATO,
        "tabelas": {nome: painel.codificar_tabela(df) for nome, df in tabelas.items()},
        "celulas": publicados,
        "extras": {
            "totais": {c: int(v) for c, v in totais().items()},
            "rotulo_ano_plano": rotulo_ano,
            "ano_indicadores": int(destaques.ano),
            "anexos_publicacoes": [None if v is None or v != v else int(v) for v in pubs["anexo_id"]],  # v != v: NaN
        },
    }
    with sessao(ator) as s:
        registro = PainelPublicado(
            periodo_id=periodo_id,
            rotulo=rotulo,
            data_referencia=hoje,
            publicado_por_id=ator.id,
            k=k,
            conteudo=conteudo,
        )
        s.add(registro)
        s.flush()
        ident = registro.id
    return painel.obter(ident)
