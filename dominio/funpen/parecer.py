"""Parecer técnico em PDF (reportlab) com o checklist de uma proposta FUNPEN.

Usa a fonte DejaVu Sans quando instalada (acentos, “≥”, travessões); sem ela, cai na
Helvetica embutida do PDF e troca os poucos símbolos que a Helvetica não tem."""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from comum.formatos import dinheiro
from comum.pdf import fontes_pdf
from comum.validadores import formatar_cnpj
from dominio.funpen import regras
from models.funpen import PROGRAMAS, STATUS_PROPOSTA

COR_SITUACAO = {
    regras.ATENDE: colors.HexColor("#1b7f3b"),
    regras.NAO_ATENDE: colors.HexColor("#b3261e"),
    regras.A_VERIFICAR: colors.HexColor("#8a5a00"),
    regras.NAO_SE_APLICA: colors.grey,
}


def gerar(
    p,
    uf,
    resultados: list[regras.Resultado],
    itens: pd.DataFrame,
    equipe: pd.DataFrame,
    *,
    emitido_por: str,
    hoje: date,
) -> bytes:
    normal, negrito, unicode_ok = fontes_pdf()

    def t(texto) -> str:
        s = escape(str(texto))
        if not unicode_ok:
            s = s.replace("≥", "&gt;=").replace("→", "-&gt;").replace("≤", "&lt;=")
        return s

    base = getSampleStyleSheet()
    st_normal = ParagraphStyle("n", parent=base["Normal"], fontName=normal, fontSize=9.5, leading=12.5)
    st_peq = ParagraphStyle("p", parent=st_normal, fontSize=8.5, leading=10.5)
    st_peq_b = ParagraphStyle("pb", parent=st_peq, fontName=negrito)
    st_tit = ParagraphStyle("t", parent=base["Title"], fontName=negrito, fontSize=15, leading=19)
    st_sub = ParagraphStyle("s", parent=st_normal, alignment=TA_CENTER, textColor=colors.HexColor("#444444"))
    st_h = ParagraphStyle(
        "h",
        parent=base["Heading2"],
        fontName=negrito,
        fontSize=11.5,
        spaceBefore=10,
        spaceAfter=4,
        textColor=colors.HexColor("#08519c"),
    )

    def tabela(dados, larguras, cab=True):
        tb = Table(dados, colWidths=larguras, repeatRows=1 if cab else 0)
        estilo = [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if cab:
            estilo.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")))
        tb.setStyle(TableStyle(estilo))
        return tb

    contagem = {
        s: sum(r.situacao == s for r in resultados) for s in (regras.ATENDE, regras.NAO_ATENDE, regras.A_VERIFICAR)
    }
    pct = (p.contrapartida * 100 / p.valor_total).quantize(regras.CENTAVO) if p.valor_total else None
    el = [
        Paragraph(t("Parecer técnico — checklist da proposta FUNPEN"), st_tit),
        Paragraph(t(f"{PROGRAMAS[p.programa]} — {uf.nome} ({uf.sigla}) — emitido em {hoje:%d/%m/%Y}"), st_sub),
        Spacer(1, 8),
        Paragraph(t("1. Identificação"), st_h),
        tabela(
            [
                [Paragraph(t(a), st_peq_b), Paragraph(t(b), st_peq)]
                for a, b in [
                    ("Título", p.titulo),
                    ("Órgão proponente", p.orgao_proponente),
                    ("UF / região", f"{uf.sigla} — {uf.regiao}"),
                    ("Programa", PROGRAMAS[p.programa]),
                    ("Situação", STATUS_PROPOSTA[p.status]),
                    (
                        "Registro no SICONV",
                        p.data_registro.strftime("%d/%m/%Y") if p.data_registro else "não informado",
                    ),
                    ("Vigência prevista", f"{p.vigencia_meses} meses" if p.vigencia_meses else "não informada"),
                    ("Coordenador(a)", p.coordenador or "não designado(a)"),
                ]
            ],
            [4.2 * cm, 12.8 * cm],
            cab=False,
        ),
        Paragraph(t("2. Valores"), st_h),
        tabela(
            [
                [Paragraph(t(a), st_peq_b), Paragraph(t(b), st_peq)]
                for a, b in [
                    ("Valor total da proposta", dinheiro(p.valor_total)),
                    (
                        "Contrapartida",
                        dinheiro(p.contrapartida)
                        + (f" ({str(pct).replace('.', ',')}% do total)" if pct is not None else ""),
                    ),
                    ("Repasse solicitado", dinheiro(p.valor_total - p.contrapartida)),
                ]
            ],
            [4.2 * cm, 12.8 * cm],
            cab=False,
        ),
        Paragraph(t("3. Checklist de conformidade"), st_h),
        Paragraph(
            t(
                f"{len(resultados)} verificações: {contagem[regras.ATENDE]} atendem, "
                f"{contagem[regras.NAO_ATENDE]} não atendem, {contagem[regras.A_VERIFICAR]} a verificar."
            ),
            st_normal,
        ),
        Spacer(1, 4),
    ]
    linhas = [[Paragraph(t(x), st_peq_b) for x in ("Situação", "Regra", "Artigo", "Explicação")]]
    for r in resultados:
        sit = ParagraphStyle("sit", parent=st_peq_b, textColor=COR_SITUACAO[r.situacao])
        linhas.append(
            [
                Paragraph(t(r.situacao.upper()), sit),
                Paragraph(t(r.regra), st_peq),
                Paragraph(t(r.artigo), st_peq),
                Paragraph(t(r.explicacao), st_peq),
            ]
        )
    el.append(tabela(linhas, [2.3 * cm, 3.6 * cm, 3.6 * cm, 7.5 * cm]))

    el.append(Paragraph(t("4. Itens e cotações"), st_h))
    if itens.empty:
        el.append(Paragraph(t("Nenhum item cadastrado."), st_normal))
    else:
        linhas = [[Paragraph(t(x), st_peq_b) for x in ("Item", "Categoria", "Valor", "Cotações", "Fornecedores")]]
        for _, r in itens.iterrows():
            linhas.append(
                [
                    Paragraph(t(r["Item"]), st_peq),
                    Paragraph(t(f"{r['Categoria']} (vedada: {r['Vedada (art. 3º)']})"), st_peq),
                    Paragraph(t(dinheiro(r["Valor"])), st_peq),
                    Paragraph(t(r["Cotações"]), st_peq),
                    Paragraph(
                        "<br/>".join(
                            t(f"{nome} ({formatar_cnpj(cnpj)}) {dinheiro(valor)}")
                            for nome, cnpj, valor in r["Fornecedores"]
                        )
                        or "—",
                        st_peq,
                    ),
                ]
            )
        el.append(tabela(linhas, [3.1 * cm, 3.3 * cm, 2.7 * cm, 1.9 * cm, 6.0 * cm]))

    el.append(Paragraph(t("5. Equipe"), st_h))
    if equipe.empty:
        el.append(Paragraph(t("Nenhuma pessoa da equipe cadastrada."), st_normal))
    else:
        linhas = [[Paragraph(t(x), st_peq_b) for x in ("Nome", "Natureza", "Remuneração mensal", "Limite (Anexo I)")]]
        for _, r in equipe.iterrows():
            linhas.append(
                [Paragraph(t(r[c]), st_peq) for c in ("Nome", "Natureza")]
                + [Paragraph(t(dinheiro(r[c])), st_peq) for c in ("Remuneração mensal", "Limite (Anexo I)")]
            )
        el.append(tabela(linhas, [5.5 * cm, 5 * cm, 3.3 * cm, 3.2 * cm]))

    el.append(Paragraph(t("6. Conclusão"), st_h))
    if contagem[regras.NAO_ATENDE]:
        conclusao = (
            f"A proposta não atende a {contagem[regras.NAO_ATENDE]} requisito(s) listado(s) no item 3 e "
            "deve ser diligenciada antes da aprovação."
        )
    elif contagem[regras.A_VERIFICAR]:
        conclusao = (
            f"A proposta atende aos requisitos verificados; restam {contagem[regras.A_VERIFICAR]} ponto(s) a verificar."
        )
    else:
        conclusao = "A proposta atende a todos os requisitos verificados."
    el += [
        Paragraph(t(conclusao), st_normal),
        Spacer(1, 10),
        Paragraph(
            t(
                f"Emitido por {emitido_por} pelo Sistema de Monitoramento do ACT CNJ–CNMP nº 22/2023. "
                "Checklist automático: não substitui a análise do DEPEN (Portaria 250/2015, art. 2º, § 2º)."
            ),
            st_peq,
        ),
    ]

    buf = io.BytesIO()

    def rodape(canvas, doc):
        canvas.saveState()
        canvas.setFont(normal, 8)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(2 * cm, 1.2 * cm, f"Parecer da proposta nº {p.id} — {uf.sigla} — {p.programa.upper()}")
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Página {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.8 * cm,
        bottomMargin=2 * cm,
        title=f"Parecer — proposta {p.id}",
        author="ACT CNJ–CNMP 22/2023",
        lang="pt-BR",
    )
    doc.build(el, onFirstPage=rodape, onLaterPages=rodape)
    return buf.getvalue()
