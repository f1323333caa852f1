"""Fontes dos PDFs gerados com o reportlab (parecer técnico e relatório periódico)."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

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
