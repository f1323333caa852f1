"""Relatório periódico (etapa "Elaboração e publicação de relatórios" do Plano de Trabalho):
para um período, um PDF e um XLSX com metas, cronograma, comunicação e publicações,
recursos e indicadores, com os gráficos como imagens, prontos para publicar.

Os gráficos viram PNG pelo kaleido, que usa um Chrome/Chromium instalado na máquina
(o kaleido 1.x não baixa o próprio Chrome sem internet): sem ele, o relatório sai sem imagens e diz por quê."""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
)

from comum import formatos
from comum.exportacao import escritor_xlsx, preparar_tabela
from comum.formatos import data as fmt_data
from comum.formatos import dinheiro, numero, percentual
from comum.pdf import EstilosPdf, documento_pdf, estilos_pdf, tabela_pdf
from core import acesso, relogio
from core.erros import ErroValidacao, Problema
from dominio.indicadores import monitoramento
from dominio.indicadores import regras as indicadores_regras
from dominio.plano import comunicacao
from dominio.plano import servicos as plano
from dominio.plano.regras import inicio_do_mes, posicao_de_hoje
from dominio.recursos import servicos as recursos
from dominio.recursos.regras import valores_acumulados
from models.usuarios import Usuario
from ui import graficos

log = logging.getLogger(__name__)
SECOES = ["Resumo", "Metas do Plano de Trabalho", "Cronograma", "Comunicação e publicações", "Recursos", "Indicadores"]


@dataclass
class DadosRelatorio:
    inicio: date
    fim: date
    gerado_em: datetime
    ano_plano: str
    metas: pd.DataFrame
    cronograma: pd.DataFrame
    rotulos_meses: list[str]
    posicao_fim: float | None
    acoes: pd.DataFrame
    publicacoes: pd.DataFrame
    ufs_alcancadas: int
    recursos_totais: dict
    recursos_origem: pd.DataFrame
    recursos_uf: pd.DataFrame
    prestacoes_vencidas: int
    valor_vencido: Decimal
    avisos: list[str] = field(default_factory=list)
    indicadores: monitoramento.ResumoRelatorio | None = None


def validar_periodo(inicio: date | None, fim: date | None, hoje: date) -> None:
    p = []
    if inicio is None:
        p.append(Problema("início", "informe a data inicial (DD/MM/AAAA)"))
    if fim is None:
        p.append(Problema("fim", "informe a data final (DD/MM/AAAA)"))
    if inicio and fim and fim < inicio:
        p.append(Problema("fim", f"{fim:%d/%m/%Y} é anterior ao início ({inicio:%d/%m/%Y})"))
    if fim and fim > hoje:
        p.append(Problema("fim", f"{fim:%d/%m/%Y} está no futuro"))
    if p:
        raise ErroValidacao(p)


def montar_dados(ator: Usuario | None, inicio: date, fim: date, hoje: date) -> DadosRelatorio:
    """Reúne o que o relatório mostra. Exige leitura do plano e dos recursos."""
    acesso.exigir(ator, acesso.PLANO_VER)
    acesso.exigir(ator, acesso.RECURSOS_VER)
    validar_periodo(inicio, fim, hoje)
    planos = plano.listar_planos(ator)
    p = plano.ano_corrente(planos, fim)
    metas = plano.tabela_metas(ator, p.id if p else None)
    crono = plano.tabela_cronograma(ator, p.id, fim) if p else pd.DataFrame()
    rotulos = [f"Mês {m}<br>{inicio_do_mes(p.inicio, m):%m/%Y}" for m in range(1, 13)] if p else []
    acoes = comunicacao.tabela_acoes(ator, inicio=inicio, fim=fim)
    pubs = comunicacao.tabela_publicacoes(ator)
    pubs = pubs[(pubs["Data"] >= inicio) & (pubs["Data"] <= fim)] if len(pubs) else pubs
    alcance = comunicacao.alcance_por_uf(ator, fim)
    filtros = recursos.Filtros(inicio=inicio, fim=fim)
    sk = recursos.dados_sankey(ator, filtros, top_n=1)
    por_origem = (
        (
            sk.groupby("origem", as_index=False)["valor"]
            .sum()
            .sort_values("valor", ascending=False)
            .rename(columns={"origem": "Origem", "valor": "Valor (R$)"})
        )
        if len(sk)
        else pd.DataFrame(columns=["Origem", "Valor (R$)"])
    )
    por_uf = recursos.por_uf(ator, filtros)
    vencidas, valor_vencido = recursos.resumo_prestacoes(ator, fim)["vencida"]
    return DadosRelatorio(
        inicio=inicio,
        fim=fim,
        gerado_em=relogio.agora(),
        ano_plano=plano.rotulo_plano(p) if p else "—",
        metas=metas,
        cronograma=crono,
        rotulos_meses=rotulos,
        posicao_fim=posicao_de_hoje(p.inicio, fim) if p else None,
        acoes=acoes,
        publicacoes=pubs,
        ufs_alcancadas=int((alcance["Alcançada"] == "Sim").sum()),
        recursos_totais=recursos.totais(ator, filtros),
        recursos_origem=por_origem,
        recursos_uf=por_uf[por_uf["Fluxos"] > 0].sort_values("Destinado (R$)", ascending=False),
        prestacoes_vencidas=vencidas,
        valor_vencido=valor_vencido,
        indicadores=monitoramento.resumo_relatorio(inicio, fim),
    )


# --- gráficos como imagens -------------------------------------------------------------------


def figuras(d: DadosRelatorio) -> dict[str, go.Figure]:
    figs: dict[str, go.Figure] = {}
    if len(d.metas):
        figs["metas"] = graficos.barras_progresso_metas(d.metas)
    if len(d.cronograma):
        figs["cronograma"] = graficos.gantt_cronograma(
            d.cronograma, d.rotulos_meses, posicao_hoje=d.posicao_fim, rotulo_hoje=f"Fim do período ({fmt_data(d.fim)})"
        )
    if len(d.recursos_origem):
        figs["recursos_origem"] = graficos.barras_valor(d.recursos_origem, "Origem", "Valor (R$)")
    if len(d.recursos_uf):
        top = d.recursos_uf.head(15)
        figs["recursos_uf"] = graficos.barras_valor(top.assign(UF=top["UF"]), "UF", "Destinado (R$)")
    return figs


# Largura de cada gráfico na página (cm) e a da figura exportada (px): com ~53 px por cm, o texto de
# 14 px da figura sai com ~7,5 pt no papel, do tamanho das notas; a figura é desenhada nessa largura
# fixa e os eixos abrem margem para os rótulos (automargin), então nada é cortado ao reduzi-la.
LARGURA_NO_PDF_CM = {"cronograma": 17.0}
LARGURA_PADRAO_CM = 15.0
LARGURA_IMAGEM_PX = {17.0: 900, 15.0: 800}


def _largura_no_pdf(nome: str) -> float:
    return LARGURA_NO_PDF_CM.get(nome, LARGURA_PADRAO_CM)


def imagens(d: DadosRelatorio) -> dict[str, bytes]:
    """PNG de cada gráfico (numa só sessão do navegador). Sem Chrome/Chromium, devolve {} e
    deixa um aviso no relatório."""
    figs = figuras(d)
    if not figs:
        return {}
    try:
        with tempfile.TemporaryDirectory() as pasta:
            caminhos = [str(Path(pasta) / f"{nome}.png") for nome in figs]
            for fig in figs.values():
                graficos.para_telas(fig)  # legenda abaixo e margens que crescem para caber os rótulos
                fig.update_layout(paper_bgcolor="white", font={"family": "DejaVu Sans, Arial, sans-serif", "size": 14})
            larguras = [LARGURA_IMAGEM_PX[_largura_no_pdf(nome)] for nome in figs]
            pio.write_images(list(figs.values()), caminhos, width=larguras, height=None, scale=2)
            return {nome: Path(c).read_bytes() for nome, c in zip(figs, caminhos)}
    except Exception as exc:  # noqa: BLE001 - kaleido sem navegador: o relatório sai sem imagens
        log.warning("gráficos do relatório sem imagem: %s", exc)
        d.avisos.append(
            "Os gráficos não foram incluídos: a geração de imagens precisa do Chromium instalado "
            "(apt-get install -y chromium)."
        )
        return {}


# --- PDF -------------------------------------------------------------------------------------

CABECALHOS_PDF = {
    "Ações de comunicação": "Ações",
    "Atividades": "Ativ.",
    "Publicações": "Publ.",
    "Progresso (%)": "Progresso",
    "Meses previstos": "Previstos",
    "Meses executados": "Executados",
    "% executado": "% exec.",
    "Público total": "Público",
    "Não recebidas (prazo vencido)": "Não receb.",
    "% recebidas": "% receb.",
    "Aguardando": "A vencer",
    "Unidades informantes": "Informantes",
    "Valor aprovado": "Valor",
}


def _df_para_linhas(df: pd.DataFrame, colunas: list[str], formatos: dict | None = None) -> list[list[str]]:
    formatos = formatos or {}
    linhas = [[CABECALHOS_PDF.get(c, c) for c in colunas]]
    for _, r in df.iterrows():
        linha = []
        for c in colunas:
            v = r[c]
            if c in formatos:
                linha.append(formatos[c](v))
            elif isinstance(v, Decimal):
                linha.append(dinheiro(v))
            elif isinstance(v, date):
                linha.append(fmt_data(v))
            elif v is None or (isinstance(v, float) and v != v):
                linha.append("—")
            else:
                linha.append(str(v))
        linhas.append(linha)
    return linhas


def _imagem_pdf(imgs: dict[str, bytes], nome: str):
    """O gráfico `nome` na largura dele no papel (`LARGURA_NO_PDF_CM`), com a proporção da imagem;
    sem a imagem, um espaço."""
    if nome not in imgs:
        return Spacer(1, 2)
    largura = _largura_no_pdf(nome) * cm

    leitor = ImageReader(io.BytesIO(imgs[nome]))
    w, h = leitor.getSize()
    return Image(io.BytesIO(imgs[nome]), width=largura, height=largura * h / w)


def _pdf_capa_e_resumo(d: DadosRelatorio, e: EstilosPdf) -> list:
    """Título, período e a seção 1 (resumo em tabela, com os avisos)."""
    t = d.recursos_totais
    acumulados = valores_acumulados(t)
    el: list = [
        Paragraph("Relatório do ACT CNJ–CNMP nº 22/2023", e.t),
        Paragraph(
            escape(
                f"Período: {fmt_data(d.inicio)} a {fmt_data(d.fim)} · {d.ano_plano} · gerado em "
                f"{d.gerado_em:%d/%m/%Y %H:%M} (horário de Brasília)"
            ),
            e.n,
        ),
        Spacer(1, 8),
        Paragraph("1. Resumo", e.h),
    ]
    conc = int((d.cronograma["Situação"] == "Concluída").sum()) if len(d.cronograma) else 0
    atr = int(d.cronograma["_atrasada"].sum()) if len(d.cronograma) else 0
    resumo = [
        ["Indicador", "Valor"],
        [
            "Atividades do cronograma (ano do plano)",
            f"{numero(len(d.cronograma))} ({numero(conc)} concluídas, {numero(atr)} atrasadas)",
        ],
        ["Ações de comunicação no período", numero(len(d.acoes))],
        ["UFs alcançadas pela divulgação (acumulado)", f"{d.ufs_alcancadas} de 27"],
        ["Publicações no período", numero(len(d.publicacoes))],
        ["Recursos no período (todas as etapas)", dinheiro(t["total"])],
        [
            "Destinado / transferido / aplicado",
            f"{dinheiro(acumulados['destinado'])} / {dinheiro(acumulados['transferido'])} / "
            f"{dinheiro(acumulados['aplicado'])}",
        ],
        [
            "Prestações de contas vencidas (fim do período)",
            f"{numero(d.prestacoes_vencidas)} ({dinheiro(d.valor_vencido)})",
        ],
    ]
    if d.indicadores is not None and len(d.indicadores.completude):
        comp = d.indicadores.completude
        esperadas, recebidas = int(comp["Esperadas"].sum()), int(comp["Recebidas"].sum())
        resumo.append(
            [
                "Formulários de indicadores recebidos (períodos que terminam no intervalo)",
                f"{numero(recebidas)} de {numero(esperadas)} esperados "
                f"({formatos.texto_pct(indicadores_regras.percentual(recebidas, esperadas))})",
            ]
        )
    el.append(tabela_pdf(e, resumo, [9 * cm, 8 * cm]))
    for aviso in d.avisos:
        el += [Spacer(1, 4), Paragraph(escape(aviso), e.p)]

    return el


def _pdf_metas(d: DadosRelatorio, imgs: dict[str, bytes], e: EstilosPdf) -> list:
    """Seção 2: metas do Plano de Trabalho (gráfico e tabela)."""
    el: list = []
    el += [
        Paragraph("2. Metas do Plano de Trabalho", e.h),
        Paragraph(escape(plano.REGRA_PROGRESSO.replace("**", "")), e.p),
        Spacer(1, 4),
        _imagem_pdf(imgs, "metas"),
    ]
    el.append(
        tabela_pdf(
            e,
            _df_para_linhas(
                d.metas,
                ["Meta", "Texto", "Progresso (%)", "Atividades", "Ações de comunicação", "Publicações"],
                {"Progresso (%)": lambda v: "—" if v is None or v != v else percentual(Decimal(str(v)) / 100)},
            ),
            [1.3 * cm, 10 * cm, 2 * cm, 1.2 * cm, 1.3 * cm, 1.2 * cm],
        )
    )

    return el


def _pdf_cronograma(d: DadosRelatorio, imgs: dict[str, bytes], e: EstilosPdf) -> list:
    """Seção 3: cronograma do ano do plano (gráfico e tabela)."""
    el: list = []
    el += [
        PageBreak(),
        Paragraph(f"3. Cronograma — {escape(d.ano_plano)}", e.h),
        Paragraph(escape(plano.REGRA_ATRASO.replace("**", "")), e.p),
        Spacer(1, 4),
        _imagem_pdf(imgs, "cronograma"),
    ]
    if len(d.cronograma):
        el.append(
            tabela_pdf(
                e,
                _df_para_linhas(
                    d.cronograma,
                    ["Nº", "Atividade", "Meses previstos", "Meses executados", "Situação", "% executado", "Atrasada"],
                ),
                [0.9 * cm, 6.3 * cm, 2 * cm, 2.1 * cm, 2.2 * cm, 1.6 * cm, 1.9 * cm],
            )
        )

    return el


def _pdf_comunicacao(d: DadosRelatorio, e: EstilosPdf) -> list:
    """Seção 4: ações de comunicação e publicações do período."""
    el: list = []
    el += [PageBreak(), Paragraph("4. Comunicação e publicações", e.h)]
    if len(d.acoes):
        el.append(
            tabela_pdf(
                e,
                _df_para_linhas(d.acoes, ["Data", "Tipo", "Título", "Público total", "UFs"]),
                [2 * cm, 2.4 * cm, 7 * cm, 1.8 * cm, 4 * cm],
            )
        )
    else:
        el.append(Paragraph("Nenhuma ação de comunicação no período.", e.n))
    el.append(Spacer(1, 6))
    if len(d.publicacoes):
        el.append(
            tabela_pdf(
                e,
                _df_para_linhas(d.publicacoes, ["Data", "Tipo", "Número", "Título"]),
                [2 * cm, 3 * cm, 2 * cm, 10.2 * cm],
            )
        )
    else:
        el.append(Paragraph("Nenhuma publicação no período.", e.n))

    return el


def _pdf_recursos(d: DadosRelatorio, imgs: dict[str, bytes], e: EstilosPdf) -> list:
    """Seção 5: recursos por origem e por UF de origem."""
    el: list = []
    el += [
        PageBreak(),
        Paragraph("5. Recursos", e.h),
        Paragraph("Valores cuja etapa atual tem data no período, por origem e por UF de origem.", e.p),
        _imagem_pdf(imgs, "recursos_origem"),
    ]
    if len(d.recursos_origem):
        el.append(tabela_pdf(e, _df_para_linhas(d.recursos_origem, ["Origem", "Valor (R$)"]), [10 * cm, 5 * cm]))
    el += [Spacer(1, 6), _imagem_pdf(imgs, "recursos_uf")]
    if len(d.recursos_uf):
        el.append(
            tabela_pdf(
                e,
                _df_para_linhas(d.recursos_uf, ["UF", "Estado", "Fluxos", "Total (R$)", "Destinado (R$)"]),
                [1.2 * cm, 5 * cm, 2 * cm, 4.4 * cm, 4.4 * cm],
            )
        )

    return el


def _pdf_indicadores(d: DadosRelatorio, e: EstilosPdf) -> list:
    """Seção 6: completude, totais aprovados e envios dos períodos de coleta do intervalo."""
    el: list = []
    el += [PageBreak(), Paragraph("6. Indicadores", e.h)]
    ind = d.indicadores
    if ind is None or (ind.completude.empty and ind.envios["Envios"].sum() == 0):
        el.append(Paragraph("Nenhum período de coleta de indicadores terminou no intervalo.", e.n))
    else:
        el.append(
            Paragraph(
                escape(
                    "Períodos de coleta que terminam no intervalo. Completude e pontualidade na data final do intervalo: "
                    "unidade esperada é a que está em funcionamento e tem indicador ativo da periodicidade; recebido é o "
                    "formulário enviado ao menos uma vez; no prazo, o enviado até o prazo, inclusive. “—”: nenhuma unidade "
                    "esperada."
                ),
                e.p,
            )
        )
        el.append(Spacer(1, 4))
        if len(ind.completude):
            pct = {c: formatos.texto_pct for c in ("% recebidas", "% no prazo")}
            inteiros = dict.fromkeys(monitoramento.COLUNAS_CONTAGENS, numero)
            colunas = [c for c in ind.completude.columns if c != "Com atraso"]  # = recebidas − no prazo (no XLSX)
            el.append(
                tabela_pdf(
                    e,
                    _df_para_linhas(ind.completude, colunas, {**pct, **inteiros}),
                    [2.7 * cm, 2.1 * cm, 2.2 * cm, 2.2 * cm, 1.5 * cm, 1.6 * cm, 1.5 * cm, 1.6 * cm, 1.6 * cm],
                )
            )
        el += [
            Spacer(1, 8),
            Paragraph(
                escape(
                    "Totais nacionais dos indicadores em destaque nesses períodos, só com valores aprovados pela Comissão do "
                    "CNMP (soma dos períodos ou último período informado por unidade, conforme o indicador)."
                ),
                e.p,
            ),
            Spacer(1, 4),
        ]
        el.append(
            tabela_pdf(
                e,
                _df_para_linhas(
                    ind.indicadores,
                    ["Código", "Indicador", "Unidades", "Valor aprovado", "Unidade de medida", "Unidades informantes"],
                ),
                [1.7 * cm, 4.4 * cm, 3.4 * cm, 2 * cm, 3.3 * cm, 2.2 * cm],
            )
        )
        el += [
            Spacer(1, 8),
            KeepTogether(
                [
                    Paragraph("Envios desses períodos por situação atual na revisão (DMF valida, CNMP aprova).", e.p),
                    Spacer(1, 4),
                    tabela_pdf(e, _df_para_linhas(ind.envios, ["Situação", "Envios"]), [10 * cm, 3 * cm]),
                ]
            ),
        ]

    return el


def gerar_pdf(d: DadosRelatorio, imgs: dict[str, bytes]) -> bytes:
    """O relatório periódico em PDF: capa e resumo, metas, cronograma, comunicação, recursos e
    indicadores, cada seção montada por uma função própria."""
    e = estilos_pdf()
    el = _pdf_capa_e_resumo(d, e)
    el += _pdf_metas(d, imgs, e)
    el += _pdf_cronograma(d, imgs, e)
    el += _pdf_comunicacao(d, e)
    el += _pdf_recursos(d, imgs, e)
    el += _pdf_indicadores(d, e)
    return documento_pdf(
        el,
        titulo="Relatório do ACT CNJ–CNMP nº 22/2023",
        autor="CNJ/DMF e CNMP",
        rodape=f"ACT CNJ–CNMP nº 22/2023 — relatório de {fmt_data(d.inicio)} a {fmt_data(d.fim)}",
        e=e,
    )


# --- XLSX ------------------------------------------------------------------------------------


def gerar_xlsx(d: DadosRelatorio, imgs: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with escritor_xlsx(buf) as w:
        capa = pd.DataFrame(
            {
                "Relatório do ACT CNJ–CNMP nº 22/2023": [
                    f"Período: {fmt_data(d.inicio)} a {fmt_data(d.fim)}",
                    d.ano_plano,
                    f"Gerado em {d.gerado_em:%d/%m/%Y %H:%M} (horário de Brasília)",
                    *d.avisos,
                ]
            }
        )
        capa.to_excel(w, sheet_name="Resumo", index=False)
        abas = {
            "Metas": d.metas.drop(columns=["id"], errors="ignore"),
            "Cronograma": d.cronograma.drop(
                columns=[c for c in d.cronograma.columns if c.startswith("_") or c == "id"], errors="ignore"
            ),
            "Ações de comunicação": d.acoes.drop(columns=["id"], errors="ignore"),
            "Publicações": d.publicacoes.drop(columns=["id", "anexo_id"], errors="ignore"),
            "Recursos por origem": d.recursos_origem,
            "Recursos por UF": d.recursos_uf.drop(columns=["Destinado (mil R$)"], errors="ignore"),
        }
        if d.indicadores is not None:
            abas |= {
                "Completude dos indicadores": d.indicadores.completude,
                "Indicadores aprovados": d.indicadores.indicadores,
                "Envios de indicadores": d.indicadores.envios,
            }
        for nome, df in abas.items():
            preparar_tabela(df, para_csv=False).to_excel(w, sheet_name=nome[:31], index=False)
            folha = w.sheets[nome[:31]]
            folha.freeze_panes(1, 0)
            for i, c in enumerate(df.columns):
                folha.set_column(i, i, min(60, max(12, len(str(c)) + 2)))
        folha = w.sheets["Resumo"]
        folha.set_column(0, 0, 80)
        linha = len(capa) + 3
        for nome, png in imgs.items():
            folha.insert_image(linha, 0, f"{nome}.png", {"image_data": io.BytesIO(png), "x_scale": 0.6, "y_scale": 0.6})
            linha += 32
    return buf.getvalue()


# etapas da geração, na ordem, com a fração concluída ao terminá-las (a página mostra o progresso)
ETAPAS = (
    ("Reunindo os dados do período", 0.35),
    ("Desenhando os gráficos", 0.7),
    ("Montando o PDF", 0.9),
    ("Montando o XLSX", 1.0),
)


def gerar_relatorio(
    ator: Usuario | None, inicio: date, fim: date, hoje: date, *, etapa: Callable[[str, float], None] | None = None
) -> tuple[bytes, bytes, DadosRelatorio]:
    """(PDF, XLSX, dados) do relatório do período — a mesma função para a página e para a linha
    de comando. `etapa(nome, fração)`, se dada, é chamada ao começar cada uma das `ETAPAS` (com a
    fração já concluída) e uma última vez com fração 1.0."""
    avisar = etapa or (lambda _nome, _fracao: None)
    feito = 0.0
    passos = iter(ETAPAS)

    def proxima():
        nonlocal feito
        nome, fim_da_etapa = next(passos)
        avisar(nome, feito)
        feito = fim_da_etapa

    proxima()
    d = montar_dados(ator, inicio, fim, hoje)
    proxima()
    imgs = imagens(d)
    proxima()
    pdf = gerar_pdf(d, imgs)
    proxima()
    xlsx = gerar_xlsx(d, imgs)
    avisar("Relatório pronto", feito)
    return pdf, xlsx, d
