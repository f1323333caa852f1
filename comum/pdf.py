"""Peças dos PDFs gerados com o reportlab (parecer técnico e relatório periódico): fontes, estilos,
tabelas com grade e o documento A4 com rodapé."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

FONTES_DEJAVU = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)


def fontes_pdf() -> tuple[str, str, bool]:
    """(fonte normal, fonte em negrito, se escrevem todo o Unicode): a DejaVu Sans, registrada no
    reportlab na primeira chamada, quando instalada (pacote fonts-dejavu-core); senão a Helvetica
    embutida, que não tem “≥”, “→” nem “≤” — quem escreve o texto os troca."""
    if all(f.exists() for f in FONTES_DEJAVU):
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONTES_DEJAVU[0])))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONTES_DEJAVU[1])))
        return "DejaVuSans", "DejaVuSans-Bold", True
    return "Helvetica", "Helvetica-Bold", False


@dataclass(frozen=True)
class EstilosPdf:
    """Fontes e estilos de parágrafo de um documento em PDF."""

    normal: str  # nome da fonte normal
    negrito: str  # nome da fonte em negrito
    unicode_ok: bool  # a fonte escreve “≥”, “→” e “≤”
    n: ParagraphStyle  # texto
    p: ParagraphStyle  # texto pequeno (notas e células)
    pb: ParagraphStyle  # texto pequeno em negrito (cabeçalho das tabelas)
    t: ParagraphStyle  # título
    h: ParagraphStyle  # título de seção
    sub: ParagraphStyle  # subtítulo centralizado, abaixo do título

    def texto(self, valor) -> str:
        """`valor` como texto de parágrafo do reportlab: escapado (um “<” do usuário não vira
        marcação) e, sem fonte Unicode, com “≥”, “→” e “≤” trocados por equivalentes."""
        s = escape(str(valor))
        if not self.unicode_ok:
            s = s.replace("≥", "&gt;=").replace("→", "-&gt;").replace("≤", "&lt;=")
        return s


def estilos_pdf(
    *, pequeno: tuple[float, float] = (8, 10), titulo: tuple[float, float] = (16, 20), secao: float = 12.5
) -> EstilosPdf:
    """Estilos com a fonte de `fontes_pdf`: corpo 9,5 pt; `pequeno` e `titulo` como (tamanho,
    entrelinha); `secao`, o tamanho dos títulos de seção (azul)."""
    normal, negrito, unicode_ok = fontes_pdf()
    base = getSampleStyleSheet()
    n = ParagraphStyle("n", parent=base["Normal"], fontName=normal, fontSize=9.5, leading=12.5)
    p = ParagraphStyle("p", parent=n, fontSize=pequeno[0], leading=pequeno[1])
    return EstilosPdf(
        normal=normal,
        negrito=negrito,
        unicode_ok=unicode_ok,
        n=n,
        p=p,
        pb=ParagraphStyle("pb", parent=p, fontName=negrito),
        t=ParagraphStyle("t", parent=base["Title"], fontName=negrito, fontSize=titulo[0], leading=titulo[1]),
        h=ParagraphStyle(
            "h",
            parent=base["Heading2"],
            fontName=negrito,
            fontSize=secao,
            spaceBefore=8,
            spaceAfter=5,
            textColor=colors.HexColor("#08519c"),
        ),
        sub=ParagraphStyle("s", parent=n, alignment=TA_CENTER, textColor=colors.HexColor("#444444")),
    )


RECUO_CELULA = 4  # pt de cada lado do texto numa célula (LEFTPADDING e RIGHTPADDING de `grade_pdf`)


def larguras_sem_partir(linhas: list[list[tuple[str, str, float]]], larguras: list[float]) -> list[float]:
    """Larguras de coluna em que nenhuma palavra é partida no meio (“Destina” / “do”): cada coluna
    fica com pelo menos a largura da sua palavra mais longa, medida na fonte de cada célula
    (`linhas`: (texto, fonte, tamanho) por célula), mais o recuo; o que falta sai, em proporção, das
    colunas que têm folga, e a soma das `larguras` pedidas se mantém. Se nem assim couber, as
    colunas ficam com a largura mínima (a tabela passa da soma pedida, não corta palavras)."""
    minimos = [0.0] * len(larguras)
    for linha in linhas:
        for j, (texto, fonte, tamanho) in enumerate(linha):
            for palavra in str(texto).split():
                minimos[j] = max(minimos[j], stringWidth(palavra, fonte, tamanho) + 2 * RECUO_CELULA + 1)
    resultado = [max(m, w) for m, w in zip(minimos, larguras)]
    excesso = sum(resultado) - sum(larguras)
    while excesso > 0.01:
        folgas = [max(0.0, r - m) for r, m in zip(resultado, minimos)]
        total_folga = sum(folgas)
        if total_folga <= 0.01:
            break
        tirar = min(excesso, total_folga)
        resultado = [r - tirar * f / total_folga for r, f in zip(resultado, folgas)]
        excesso -= tirar
    return resultado


def grade_pdf(celulas: list[list], larguras: list[float], *, cabecalho: bool = True) -> Table:
    """Tabela com grade; com `cabecalho`, a primeira linha tem fundo e se repete a cada página. As
    `larguras` pedidas passam por `larguras_sem_partir` (medidas no texto e na fonte de cada
    `Paragraph`), para nenhuma palavra sair partida no meio."""
    estilo = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if cabecalho:
        estilo.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef3f8")))
    medidas = [
        [
            (c.getPlainText(), c.style.fontName, c.style.fontSize)
            if isinstance(c, Paragraph)
            else (str(c), "Helvetica", 10)
            for c in linha
        ]
        for linha in celulas
    ]
    tabela = Table(celulas, colWidths=larguras_sem_partir(medidas, larguras), repeatRows=1 if cabecalho else 0)
    tabela.setStyle(TableStyle(estilo))
    return tabela


def tabela_pdf(e: EstilosPdf, linhas: list[list], larguras: list[float], *, cabecalho: bool = True) -> Table:
    """`grade_pdf` de textos: a primeira linha (o cabeçalho) em negrito; sem `cabecalho`, a
    primeira coluna em negrito (tabela de rótulo e valor). O texto quebra entre palavras."""
    estilos = [
        [e.pb if (i == 0 if cabecalho else j == 0) else e.p for j in range(len(linha))]
        for i, linha in enumerate(linhas)
    ]
    celulas = [[Paragraph(e.texto(c), st) for c, st in zip(linha, sts)] for linha, sts in zip(linhas, estilos)]
    return grade_pdf(celulas, larguras, cabecalho=cabecalho)


def documento_pdf(elementos: list, *, titulo: str, autor: str, rodape: str, e: EstilosPdf) -> bytes:
    """PDF A4 (margens de 2 cm) com os `elementos` e, em cada página, o `rodape` à esquerda e o
    número da página à direita."""
    buf = io.BytesIO()

    def desenhar_rodape(canvas, doc):
        canvas.saveState()
        canvas.setFont(e.normal, 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(2 * cm, 1.2 * cm, rodape)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Página {doc.page}")
        canvas.restoreState()

    SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.8 * cm,
        bottomMargin=2 * cm,
        title=titulo,
        author=autor,
        lang="pt-BR",
    ).build(elementos, onFirstPage=desenhar_rodape, onLaterPages=desenhar_rodape)
    return buf.getvalue()
