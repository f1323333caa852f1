"""Parecer técnico em PDF (reportlab) com o checklist de uma proposta FUNPEN.

Usa a fonte DejaVu Sans quando instalada (acentos, “≥”, travessões); sem ela, cai na
Helvetica embutida do PDF e troca os poucos símbolos que a Helvetica não tem."""

from __future__ import annotations

from datetime import date

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Spacer

from comum.formatos import dinheiro
from comum.pdf import EstilosPdf, documento_pdf, estilos_pdf, grade_pdf, tabela_pdf
from comum.validadores import formatar_cnpj
from dominio.funpen import regras
from models.funpen import PROGRAMAS, STATUS_PROPOSTA

COR_SITUACAO = {
    regras.ATENDE: colors.HexColor("#1b7f3b"),
    regras.NAO_ATENDE: colors.HexColor("#b3261e"),
    regras.A_VERIFICAR: colors.HexColor("#8a5a00"),
    regras.NAO_SE_APLICA: colors.grey,
}


def _identificacao_e_valores(e: EstilosPdf, p, uf) -> list:
    """Seções 1 e 2: quem propõe, o quê, e os valores (com a contrapartida em % do total)."""
    pct = (p.contrapartida * 100 / p.valor_total).quantize(regras.CENTAVO) if p.valor_total else None
    registro = p.data_registro.strftime("%d/%m/%Y") if p.data_registro else "não informado"
    identificacao = [
        ("Título", p.titulo),
        ("Órgão proponente", p.orgao_proponente),
        ("UF / região", f"{uf.sigla} — {uf.regiao}"),
        ("Programa", PROGRAMAS[p.programa]),
        ("Situação", STATUS_PROPOSTA[p.status]),
        ("Registro no SICONV", registro),
        ("Vigência prevista", f"{p.vigencia_meses} meses" if p.vigencia_meses else "não informada"),
        ("Coordenador(a)", p.coordenador or "não designado(a)"),
    ]
    valores = [
        ("Valor total da proposta", dinheiro(p.valor_total)),
        (
            "Contrapartida",
            dinheiro(p.contrapartida) + (f" ({str(pct).replace('.', ',')}% do total)" if pct is not None else ""),
        ),
        ("Repasse solicitado", dinheiro(p.valor_total - p.contrapartida)),
    ]
    larguras = [4.2 * cm, 12.8 * cm]
    return [
        Paragraph(e.texto("1. Identificação"), e.h),
        tabela_pdf(e, identificacao, larguras, cabecalho=False),
        Paragraph(e.texto("2. Valores"), e.h),
        tabela_pdf(e, valores, larguras, cabecalho=False),
    ]


def _checklist(e: EstilosPdf, resultados: list[regras.Resultado], contagem: dict[str, int]) -> list:
    """Seção 3: cada verificação com a situação em cor, a regra, o artigo e a explicação."""
    celulas = [[Paragraph(e.texto(x), e.pb) for x in ("Situação", "Regra", "Artigo", "Explicação")]]
    for r in resultados:
        cor = ParagraphStyle("sit", parent=e.pb, textColor=COR_SITUACAO[r.situacao])
        celulas.append(
            [Paragraph(e.texto(r.situacao.upper()), cor)]
            + [Paragraph(e.texto(x), e.p) for x in (r.regra, r.artigo, r.explicacao)]
        )
    resumo = (
        f"{len(resultados)} verificações: {contagem[regras.ATENDE]} atendem, "
        f"{contagem[regras.NAO_ATENDE]} não atendem, {contagem[regras.A_VERIFICAR]} a verificar."
    )
    return [
        Paragraph(e.texto("3. Checklist de conformidade"), e.h),
        Paragraph(e.texto(resumo), e.n),
        Spacer(1, 4),
        grade_pdf(celulas, [2.3 * cm, 3.6 * cm, 3.6 * cm, 7.5 * cm]),
    ]


def _itens(e: EstilosPdf, itens: pd.DataFrame) -> list:
    """Seção 4: itens com categoria (e se é vedada, com a exceção do art. 3º, V ou VI, aplicada ou o
    que falta para ela), valor, número de cotações, os fornecedores cotados e a outra documentação
    de preço do art. 2º, § 1º."""
    el = [Paragraph(e.texto("4. Itens e cotações"), e.h)]
    if itens.empty:
        return [*el, Paragraph(e.texto("Nenhum item cadastrado."), e.n)]
    celulas = [[Paragraph(e.texto(x), e.pb) for x in ("Item", "Categoria", "Valor", "Cotações", "Fornecedores")]]
    for _, r in itens.iterrows():
        fornecedores = "<br/>".join(
            [e.texto(f"{nome} ({formatar_cnpj(cnpj)}) {dinheiro(valor)}") for nome, cnpj, valor in r["Fornecedores"]]
            + [
                e.texto(f"Outra documentação (art. 2º, § 1º): {doc} — {nome} ({formatar_cnpj(cnpj)})")
                for doc, nome, cnpj in r.get("Outra documentação", None) or []
            ]
        )
        celulas.append(
            [
                Paragraph(e.texto(r["Item"]), e.p),
                Paragraph(e.texto(f"{r['Categoria']} (vedada: {r['Vedada (art. 3º)']})"), e.p),
                Paragraph(e.texto(dinheiro(r["Valor"])), e.p),
                Paragraph(e.texto(r["Cotações"]), e.p),
                Paragraph(fornecedores or "—", e.p),
            ]
        )
    return [*el, grade_pdf(celulas, [3.1 * cm, 3.3 * cm, 2.7 * cm, 1.9 * cm, 6.0 * cm])]


def _equipe(e: EstilosPdf, equipe: pd.DataFrame) -> list:
    """Seção 5: a equipe com a remuneração e o limite do Anexo I."""
    el = [Paragraph(e.texto("5. Equipe"), e.h)]
    if equipe.empty:
        return [*el, Paragraph(e.texto("Nenhuma pessoa da equipe cadastrada."), e.n)]
    linhas = [["Nome", "Natureza", "Remuneração mensal", "Limite (Anexo I)"]] + [
        [r["Nome"], r["Natureza"], dinheiro(r["Remuneração mensal"]), dinheiro(r["Limite (Anexo I)"])]
        for _, r in equipe.iterrows()
    ]
    return [*el, tabela_pdf(e, linhas, [5.5 * cm, 5 * cm, 3.3 * cm, 3.2 * cm])]


def _conclusao(e: EstilosPdf, contagem: dict[str, int], emitido_por: str) -> list:
    """Seção 6: o que falta para aprovar, e a ressalva de que o checklist não substitui o DEPEN."""
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
    return [
        Paragraph(e.texto("6. Conclusão"), e.h),
        Paragraph(e.texto(conclusao), e.n),
        Spacer(1, 10),
        Paragraph(
            e.texto(
                f"Emitido por {emitido_por} pelo Sistema de Monitoramento do ACT CNJ–CNMP nº 22/2023. "
                "Checklist automático: não substitui a análise do DEPEN (Portaria 250/2015, art. 2º, § 2º)."
            ),
            e.p,
        ),
    ]


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
    """O parecer em PDF: título, as seis seções e o rodapé com a proposta e a página."""
    e = estilos_pdf(pequeno=(8.5, 10.5), titulo=(15, 19), secao=11.5)
    contagem = {
        s: sum(r.situacao == s for r in resultados) for s in (regras.ATENDE, regras.NAO_ATENDE, regras.A_VERIFICAR)
    }
    subtitulo = f"{PROGRAMAS[p.programa]} — {uf.nome} ({uf.sigla}) — emitido em {hoje:%d/%m/%Y}"
    elementos = [
        Paragraph(e.texto("Parecer técnico — checklist da proposta FUNPEN"), e.t),
        Paragraph(e.texto(subtitulo), e.sub),
        Spacer(1, 8),
        *_identificacao_e_valores(e, p, uf),
        *_checklist(e, resultados, contagem),
        *_itens(e, itens),
        *_equipe(e, equipe),
        *_conclusao(e, contagem, emitido_por),
    ]
    return documento_pdf(
        elementos,
        titulo=f"Parecer — proposta {p.id}",
        autor="ACT CNJ–CNMP 22/2023",
        rodape=f"Parecer da proposta nº {p.id} — {uf.sigla} — {p.programa.upper()}",
        e=e,
    )
