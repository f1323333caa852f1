"""FUNPEN e cotas da PNAT: índice penitenciário (importação dos dados por UF, cálculo,
cenários, comparação e XLSX), propostas de CME e CIAP (cadastro, checklist e parecer em
PDF) e contratos públicos com cotas de PPL e egressos (cumprimento por contrato e por UF).

Leituras exigem `funpen.ver` (admin, DMF, CNMP); gravações, `funpen.editar` (admin e DMF).
As regras, com os artigos, ficam em `dominio.funpen.regras` (funções puras)."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pandas as pd
from sqlmodel import Session, select

from comum import exportacao
from comum.formatos import dinheiro, ler_data, ler_dinheiro, ler_numero_planilha
from comum.planilhas import ler_planilha, limites
from comum.validadores import validar_cnpj
from core import acesso, relogio
from core.banco import sessao
from core.config import obter_config
from core.edicao import gravar, incluir_ou_alterar, obter_na_sessao, obter_registro
from core.erros import ErroValidacao, Problema, trecho
from dominio.funpen import regras
from models.funpen import (
    NATUREZAS_EQUIPE,
    PROGRAMAS,
    STATUS_PROPOSTA,
    CenarioIndice,
    ContratoPublico,
    CotacaoItem,
    DocumentoPrecoItem,
    EquipeProposta,
    ItemProposta,
    PropostaFunpen,
    ValorIndiceUF,
)
from models.territorio import UF
from models.usuarios import Usuario

# =====================================================================================
# Índice penitenciário
# =====================================================================================

CRITERIOS_ENTRADA = [*regras.CRITERIOS_QUANTITATIVOS, *regras.CRITERIOS_CORRECAO, *regras.CRITERIOS_QUALITATIVOS]
# colunas opcionais de dados brutos que o Anexo II converte em nota (a, d, f, i)
COLUNAS_BRUTAS = {
    "inconsistencia_pct": "a) inconsistência do InfoPen (%)",
    "reformulacoes": "d) reformulações por convênio",
    "presos": "f) presos",
    "agentes": "f) agentes penitenciários",
    "obras_atraso_pct": "i) obras em atraso (%)",
    "aditivos": "i) aditivos de prazo",
}
# nota → colunas de dados brutos de que o Anexo II a calcula
NOTAS_DE_BRUTOS = {
    "a": ("inconsistencia_pct",),
    "d": ("reformulacoes",),
    "f": ("presos", "agentes"),
    "i": ("obras_atraso_pct", "aditivos"),
}
TAMANHO_MAX_PLANILHA = 2 * 1024 * 1024
LINHAS_MAX_PLANILHA = 1_000  # uma linha por UF: 27; folga para linhas de notas


def _normalizar(texto: str) -> str:
    t = unicodedata.normalize("NFKD", str(texto or "")).encode("ascii", "ignore").decode().lower().strip()
    return re.sub(r"[^a-z0-9]+", "_", t).strip("_")


def _mapa_cabecalhos() -> dict[str, str]:
    mapa = {"uf": "uf", "sigla": "uf", "fonte": "fonte"}
    for c in CRITERIOS_ENTRADA:
        mapa[_normalizar(c)] = c
        mapa[_normalizar(regras.rotulo_criterio(c))] = c
    for c in regras.CRITERIOS_QUALITATIVOS:
        mapa[_normalizar(f"nota {c}")] = c
    for c, rot in COLUNAS_BRUTAS.items():
        mapa[_normalizar(c)] = c
        mapa[_normalizar(rot)] = c
    return mapa


def ler_numero(texto) -> Decimal:
    """Número exigido de uma célula da planilha do índice: `comum.formatos.ler_numero_planilha`
    (aceita também “12,5%”); vazio é recusado."""
    valor = ler_numero_planilha(texto, porcento=True)
    if valor is None:
        raise ValueError("valor vazio")
    return valor


def _linhas_planilha(conteudo: bytes, nome_arquivo: str) -> list[list]:
    """As linhas não vazias do CSV ou XLSX (primeira aba) pela leitura única com limites
    (`comum.planilhas.ler_planilha`): 2 MB, `LINHAS_MAX_PLANILHA` linhas e os limites de colunas,
    caracteres por célula e ZIP da configuração."""
    return ler_planilha(nome_arquivo or "", conteudo, limites(TAMANHO_MAX_PLANILHA, LINHAS_MAX_PLANILHA))


@dataclass
class EntradaIndice:
    """Valores por UF prontos para o cálculo, com a faixa (texto da escala) e a fonte."""

    valores: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    faixas: dict[str, dict[str, str]] = field(default_factory=dict)
    fontes: dict[str, str] = field(default_factory=dict)


def valores_do_cenario(cenario_id: int, entrada: EntradaIndice) -> list[ValorIndiceUF]:
    """As linhas gravadas de um cenário do índice: uma por UF e critério, com a faixa e a fonte."""
    return [
        ValorIndiceUF(
            cenario_id=cenario_id,
            uf_sigla=uf,
            criterio=crit,
            valor=str(v),
            faixa=entrada.faixas.get(uf, {}).get(crit, ""),
            fonte=entrada.fontes.get(uf, ""),
        )
        for uf, vals in entrada.valores.items()
        for crit, v in vals.items()
    ]


def ler_planilha_indice(conteudo: bytes, nome_arquivo: str, ufs_validas: set[str]) -> EntradaIndice:
    """Lê CSV (`;`, UTF-8 ou cp1252, vírgula decimal) ou XLSX com uma linha por UF. Colunas:
    UF, os critérios quantitativos e de correção e as notas a–j; as notas a, d, f e i podem vir
    vazias se vierem os dados brutos (inconsistência %, reformulações por convênio, presos e
    agentes, obras em atraso % e aditivos), convertidos pela escala do Anexo II — com a leitura
    configurada (`REFORMULACOES_TRES`) para as três reformulações que a escala d não cobre. Tudo ou nada: qualquer problema
    levanta `ErroValidacao` com linha e campo, e nada é aproveitado."""
    linhas = _linhas_planilha(conteudo, nome_arquivo)
    if not linhas:
        raise ErroValidacao(Problema("arquivo", "está vazio"))
    mapa = _mapa_cabecalhos()
    cab = [mapa.get(_normalizar(c)) for c in linhas[0]]
    desconhecidas = [str(c) for c, m in zip(linhas[0], cab) if m is None and str(c or "").strip()]
    problemas: list[Problema] = [
        Problema("cabeçalho", f"coluna desconhecida “{trecho(c)}”", linha=1) for c in desconhecidas
    ]
    if "uf" not in cab:
        problemas.append(Problema("cabeçalho", "falta a coluna UF", linha=1))
    for c in CRITERIOS_ENTRADA:
        if c not in cab and not (c in NOTAS_DE_BRUTOS and _tem_brutos(c, cab)):
            problemas.append(Problema("cabeçalho", f"falta a coluna “{regras.rotulo_criterio(c)}”", linha=1))
    if problemas:
        raise ErroValidacao(problemas)
    entrada = EntradaIndice()
    for n, linha in enumerate(linhas[1:], start=2):
        reg = {cab[i]: linha[i] for i in range(min(len(cab), len(linha))) if cab[i]}
        uf = str(reg.get("uf") or "").strip().upper()
        if uf not in ufs_validas:
            problemas.append(Problema("UF", f"“{trecho(reg.get('uf') or '')}” não é uma UF", linha=n))
            continue
        if uf in entrada.valores:
            problemas.append(Problema("UF", f"{uf} aparece mais de uma vez", linha=n))
            continue
        valores: dict[str, Decimal] = {}
        faixas: dict[str, str] = {}
        for c in CRITERIOS_ENTRADA:
            bruto = reg.get(c)
            vazio = bruto is None or str(bruto).strip() == ""
            rotulo = regras.rotulo_criterio(c)
            if vazio and c in NOTAS_DE_BRUTOS:
                try:
                    nota = _nota_de_brutos(c, reg)
                except ValueError as exc:
                    problemas.append(Problema(rotulo, f"UF {uf}: {exc}", linha=n))
                    continue
                except ErroValidacao as exc:
                    problemas.extend(Problema(p.campo, f"UF {uf}: {p.mensagem}", linha=n) for p in exc.problemas)
                    continue
                valores[c] = Decimal(nota.nota)
                faixas[c] = nota.faixa
                continue
            if vazio:
                problemas.append(Problema(rotulo, f"UF {uf} sem valor informado", linha=n))
                continue
            try:
                v = ler_numero(bruto)
            except ValueError as exc:
                problemas.append(Problema(rotulo, f"UF {uf}: {exc}", linha=n))
                continue
            if c in regras.CRITERIOS_QUALITATIVOS:
                if v not in (0, 1, 2):
                    problemas.append(
                        Problema(rotulo, f"UF {uf}: a nota deve ser 0, 1 ou 2 (recebido {trecho(bruto)})", linha=n)
                    )
                    continue
                faixas[c] = regras.ESCALAS_QUALITATIVAS[c][int(v)]
            elif c != "crescimento" and v < 0:
                problemas.append(Problema(rotulo, f"UF {uf}: o valor não pode ser negativo", linha=n))
                continue
            valores[c] = v
        entrada.valores[uf] = valores
        entrada.faixas[uf] = faixas
        entrada.fontes[uf] = str(reg.get("fonte") or "").strip()[:200]
    if not entrada.valores and not problemas:
        problemas.append(Problema("arquivo", "nenhuma linha de UF"))
    if problemas:
        raise ErroValidacao(problemas)
    return entrada


def _tem_brutos(c: str, cab: list) -> bool:
    return all(e in cab for e in NOTAS_DE_BRUTOS[c])


def _nota_de_brutos(c: str, reg: dict) -> regras.Nota:
    def num(chave):
        bruto = reg.get(chave)
        if bruto is None or str(bruto).strip() == "":
            raise ValueError(f"sem nota e sem “{COLUNAS_BRUTAS[chave]}” para calculá-la")
        return ler_numero(bruto)

    if c == "a":
        return regras.nota_inconsistencia_infopen(num("inconsistencia_pct"))
    if c == "d":
        reformulacoes = num("reformulacoes")
        if reformulacoes != reformulacoes.to_integral_value():
            raise ValueError(f"“{str(reg.get('reformulacoes'))[:80]}” reformulações: informe um número inteiro")
        return regras.nota_reformulacoes(int(reformulacoes), leitura_tres_reformulacoes())
    if c == "f":
        return regras.nota_presos_por_agente(int(num("presos")), int(num("agentes")))
    return regras.nota_obras(num("obras_atraso_pct"), int(num("aditivos")))


def modelo_planilha_indice(ufs: list[str]) -> bytes:
    """CSV-modelo (`;`, UTF-8 com BOM) com o cabeçalho aceito e uma linha por UF."""
    colunas = ["UF", *CRITERIOS_ENTRADA, *COLUNAS_BRUTAS, "fonte"]
    df = pd.DataFrame([{c: (uf if c == "UF" else "") for c in colunas} for uf in ufs], columns=colunas)
    return exportacao.para_csv(df)


def ufs_validas() -> set[str]:
    with sessao() as s:
        return set(s.exec(select(UF.sigla)))


def _nomes_ufs(s: Session) -> dict[str, str]:
    return dict(s.exec(select(UF.sigla, UF.nome)).all())


def _fmt_dec(v: Decimal, casas: int = 6) -> float:
    """Decimal → float só para exibir/exportar (o cálculo segue em Decimal)."""
    return float(round(v, casas))


def calcular(
    entrada: EntradaIndice, pesos: dict[str, Decimal] | None = None, orcamento: Decimal | None = None
) -> pd.DataFrame:
    """Tabela do índice: uma linha por UF com cada fração ideal, Q, L, Ib, Ic, Ip,
    participação e alocação (Portaria 206/2008, Anexo II; leitura adotada em docs/dominio.md)."""
    linhas = regras.calcular_indice(entrada.valores, pesos, orcamento)
    with sessao() as s:
        nomes = _nomes_ufs(s)
    saida = []
    for ln in sorted(linhas, key=lambda x: (-x.ip, x.uf)):
        reg = {"UF": ln.uf, "Estado": nomes.get(ln.uf, ln.uf)}
        for c in CRITERIOS_ENTRADA:
            reg[f"Fração: {regras.rotulo_criterio(c)}"] = _fmt_dec(ln.fracoes[c])
        reg |= {
            "Q": _fmt_dec(ln.q),
            "L": _fmt_dec(ln.l),
            "Ib": _fmt_dec(ln.ib),
            "Ic": _fmt_dec(ln.ic),
            "Ip": _fmt_dec(ln.ip),
            "Participação (%)": _fmt_dec(ln.participacao * 100, 4),
            "Alocação": ln.alocacao,
        }
        saida.append(reg)
    df = pd.DataFrame(saida)
    df.insert(0, "Posição", range(1, len(df) + 1))
    return df


def tabela_entrada(entrada: EntradaIndice) -> pd.DataFrame:
    """Os valores de entrada por UF (com as faixas das notas) para conferência na tela."""
    linhas = []
    for uf in sorted(entrada.valores):
        reg = {"UF": uf}
        for c in CRITERIOS_ENTRADA:
            v = entrada.valores[uf].get(c)
            reg[regras.rotulo_criterio(c)] = None if v is None else float(v)
        reg["Faixas das notas"] = "; ".join(f"{c}) {t}" for c, t in sorted(entrada.faixas.get(uf, {}).items()))
        reg["Fonte"] = entrada.fontes.get(uf, "")
        linhas.append(reg)
    return pd.DataFrame(linhas)


def _validar_pesos(pesos: dict[str, Decimal]) -> dict[str, str]:
    conhecidos = regras.pesos_padrao()
    return {k: str(Decimal(v)) for k, v in pesos.items() if k in conhecidos}


def salvar_cenario(
    ator: Usuario | None,
    *,
    nome: str,
    ano_referencia: int,
    entrada: EntradaIndice,
    pesos: dict[str, Decimal] | None = None,
    orcamento: Decimal | None = None,
    observacoes: str = "",
) -> CenarioIndice:
    """Guarda um cenário (pesos, orçamento e valores por UF). Só grava o que calcula: o
    índice é calculado antes, e qualquer problema levanta `ErroValidacao` sem gravar."""
    acesso.exigir(ator, acesso.FUNPEN_EDITAR)
    problemas = []
    nome = (nome or "").strip()
    if not nome:
        problemas.append(Problema("nome do cenário", "informe um nome"))
    elif len(nome) > 150:
        problemas.append(Problema("nome do cenário", "use até 150 caracteres"))
    if not isinstance(ano_referencia, int) or not 2000 <= ano_referencia <= 2100:
        problemas.append(Problema("ano de referência", "informe um ano entre 2000 e 2100"))
    if problemas:
        raise ErroValidacao(problemas)
    pesos_usados = regras.pesos_padrao() | {k: Decimal(v) for k, v in (pesos or {}).items()}
    regras.calcular_indice(entrada.valores, pesos_usados, orcamento)  # valida tudo antes de gravar
    with sessao(ator) as s:
        if s.exec(select(CenarioIndice).where(CenarioIndice.nome == nome)).first():
            raise ErroValidacao(Problema("nome do cenário", f"já existe um cenário chamado “{trecho(nome)}”"))
        c = CenarioIndice(
            nome=nome,
            ano_referencia=ano_referencia,
            pesos=_validar_pesos(pesos_usados),
            orcamento=orcamento,
            criado_por=ator.email,
            observacoes=(observacoes or "").strip()[:2000],
        )
        s.add(c)
        s.flush()
        s.add_all(valores_do_cenario(c.id, entrada))
        gravar(s, "O cenário")
        return c


def listar_cenarios(ator: Usuario | None) -> list[CenarioIndice]:
    acesso.exigir(ator, acesso.FUNPEN_VER)
    with sessao(ator) as s:
        return list(s.exec(select(CenarioIndice).order_by(CenarioIndice.ano_referencia.desc(), CenarioIndice.nome)))


def carregar_cenario(ator: Usuario | None, cenario_id: int) -> tuple[CenarioIndice, EntradaIndice]:
    acesso.exigir(ator, acesso.FUNPEN_VER)
    with sessao(ator) as s:
        c = obter_na_sessao(s, CenarioIndice, cenario_id, "Cenário não encontrado.")
        entrada = EntradaIndice()
        for v in s.exec(select(ValorIndiceUF).where(ValorIndiceUF.cenario_id == cenario_id)):
            entrada.valores.setdefault(v.uf_sigla, {})[v.criterio] = Decimal(v.valor)
            if v.faixa:
                entrada.faixas.setdefault(v.uf_sigla, {})[v.criterio] = v.faixa
            if v.fonte:
                entrada.fontes[v.uf_sigla] = v.fonte
        return c, entrada


def pesos_do_cenario(c: CenarioIndice) -> dict[str, Decimal]:
    return regras.pesos_padrao() | {k: Decimal(v) for k, v in (c.pesos or {}).items()}


def resultado_cenario(ator: Usuario | None, cenario_id: int) -> pd.DataFrame:
    c, entrada = carregar_cenario(ator, cenario_id)
    return calcular(entrada, pesos_do_cenario(c), c.orcamento)


def comparar_cenarios(ator: Usuario | None, ids: list[int]) -> pd.DataFrame:
    """Participação (%) e alocação de cada UF em cada cenário, lado a lado; com dois
    cenários, também a diferença (segundo − primeiro)."""
    acesso.exigir(ator, acesso.FUNPEN_VER)
    if not ids:
        return pd.DataFrame()
    tabela: pd.DataFrame | None = None
    nomes = []
    for i in ids:
        c, _ = carregar_cenario(ator, i)
        nomes.append(c.nome)
        df = resultado_cenario(ator, i)[["UF", "Participação (%)", "Alocação"]]
        df = df.rename(columns={"Participação (%)": f"Participação (%) — {c.nome}", "Alocação": f"Alocação — {c.nome}"})
        tabela = df if tabela is None else tabela.merge(df, on="UF", how="outer")
    if len(ids) == 2:
        a, b = nomes
        tabela["Diferença de participação (p.p.)"] = (
            tabela[f"Participação (%) — {b}"].fillna(0) - tabela[f"Participação (%) — {a}"].fillna(0)
        ).round(4)
        if tabela[f"Alocação — {a}"].notna().any() and tabela[f"Alocação — {b}"].notna().any():
            tabela["Diferença de alocação"] = [
                (y if pd.notna(y) else Decimal(0)) - (x if pd.notna(x) else Decimal(0))
                for x, y in zip(tabela[f"Alocação — {a}"], tabela[f"Alocação — {b}"])
            ]
    return tabela.sort_values("UF").reset_index(drop=True)


def _xlsx_abas(abas: dict[str, pd.DataFrame]) -> bytes:
    buf = io.BytesIO()
    with exportacao.escritor_xlsx(buf) as w:
        usados: set[str] = set()
        for nome, df in abas.items():
            aba = re.sub(r"[\[\]:*?/\\]", "-", nome)[:31]
            while aba in usados:
                aba = aba[:28] + f"~{len(usados)}"
            usados.add(aba)
            tabela = exportacao.preparar_tabela(df, para_csv=False)
            tabela.to_excel(w, sheet_name=aba, index=False)
            folha = w.sheets[aba]
            reais = w.book.add_format({"num_format": '"R$" #,##0.00'})  # o Excel mostra com os separadores do sistema
            for i, coluna in enumerate(tabela.columns):
                largura = min(60, max(10, len(str(coluna)) + 2, *(len(str(v)) + 2 for v in tabela[coluna].head(60))))
                eh_dinheiro = str(coluna).startswith(("Alocação", "Diferença de alocação"))
                folha.set_column(i, i, largura, reais if eh_dinheiro else None)
            folha.freeze_panes(1, 0)
    return buf.getvalue()


def xlsx_cenarios(ator: Usuario | None, ids: list[int]) -> bytes:
    """XLSX com uma aba por cenário (todas as frações, Q, L, Ib, Ic, Ip, participação e
    alocação), a comparação e a fórmula em palavras. Células neutralizadas contra fórmulas."""
    acesso.exigir(ator, acesso.FUNPEN_VER)
    abas: dict[str, pd.DataFrame] = {}
    for i in ids:
        c, _ = carregar_cenario(ator, i)
        abas[c.nome] = resultado_cenario(ator, i)
    if len(ids) > 1:
        abas["Comparação"] = comparar_cenarios(ator, ids)
    abas["Fórmula"] = pd.DataFrame({"Portaria DEPEN 206/2008, Anexo II (leitura adotada)": regras.FORMULA_EM_PALAVRAS})
    return _xlsx_abas(abas)


# =====================================================================================
# Propostas FUNPEN (Portaria 250/2015)
# =====================================================================================


@dataclass
class DadosProposta:
    programa: str
    uf_sigla: str
    titulo: str
    orgao_proponente: str
    valor_total: str | Decimal
    contrapartida: str | Decimal
    orgao_executivo_uf: bool = True
    declaracao_metas_cnpcp: bool = False
    data_registro: str | date | None = None
    vigencia_meses: int | None = None
    coordenador: str = ""
    flagrantes_mes: int | None = None
    presos_provisorios: int | None = None
    perfil_demanda: str = ""
    meta_reducao_pct: str | Decimal | None = None
    politica_alternativas: bool = False
    ciap_conjunta: bool = False
    status: str = "rascunho"
    observacoes: str = ""


@dataclass
class DadosCotacao:
    fornecedor: str
    cnpj: str
    contato: str
    valor: str | Decimal


@dataclass
class DadosDocumentoPreco:
    """Outra documentação de preço (Portaria 250/2015, art. 2º, § 1º)."""

    descricao: str
    fornecedor: str
    cnpj: str
    contato: str


@dataclass
class DadosItem:
    descricao: str
    categoria: str
    valor: str | Decimal
    cotacoes: list[DadosCotacao] = field(default_factory=list)
    documentos: list[DadosDocumentoPreco] = field(default_factory=list)
    # condições das exceções do art. 3º, V e VI (regras.EXCECOES_DESPESA)
    autorizacao_mj: bool = False
    fato_gerador_na_vigencia: bool = False
    multa_atraso_mj: bool = False
    condicoes_mercado: bool = False


@dataclass
class DadosEquipe:
    nome: str
    natureza: str
    remuneracao_mensal: str | Decimal


def _dinheiro_campo(p: list[Problema], campo: str, valor, *, obrigatorio: bool = True) -> Decimal | None:
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        if obrigatorio:
            p.append(Problema(campo, "informe o valor"))
        return None
    if isinstance(valor, Decimal):
        v = valor
    else:
        try:
            v = ler_dinheiro(str(valor))
        except ValueError as exc:
            p.append(Problema(campo, str(exc)))
            return None
    if v < 0:
        p.append(Problema(campo, "não pode ser negativo"))
        return None
    return v


def _inteiro(p: list[Problema], campo: str, valor, *, minimo: int = 0) -> int | None:
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        return None
    try:
        v = int(str(valor).strip().replace(".", "")) if not isinstance(valor, int) else valor
    except ValueError:
        p.append(Problema(campo, f"“{trecho(valor)}” não é um número inteiro"))
        return None
    if v < minimo:
        p.append(Problema(campo, f"deve ser maior ou igual a {minimo}"))
        return None
    return v


def _validar_proposta(s: Session, d: DadosProposta) -> dict:
    p: list[Problema] = []
    if d.programa not in PROGRAMAS:
        p.append(Problema("programa", "escolha CME ou CIAP"))
    if not s.get(UF, d.uf_sigla or ""):
        p.append(Problema("UF", "escolha uma UF"))
    for campo, valor, limite in (("título", d.titulo, 300), ("órgão proponente", d.orgao_proponente, 300)):
        if not (valor or "").strip():
            p.append(Problema(campo, "obrigatório"))
        elif len(valor.strip()) > limite:
            p.append(Problema(campo, f"use até {limite} caracteres"))
    total = _dinheiro_campo(p, "valor total", d.valor_total)
    contra = _dinheiro_campo(p, "contrapartida", d.contrapartida)
    if total is not None and total == 0:
        p.append(Problema("valor total", "deve ser maior que zero"))
    if total is not None and contra is not None and contra > total:
        p.append(Problema("contrapartida", "não pode passar do valor total da proposta"))
    data_reg = d.data_registro
    if isinstance(data_reg, str):
        data_reg = None if not data_reg.strip() else data_reg
        if data_reg is not None:
            try:
                data_reg = ler_data(data_reg)
            except ValueError as exc:
                p.append(Problema("data de registro", str(exc)))
                data_reg = None
    vig = _inteiro(p, "vigência (meses)", d.vigencia_meses, minimo=1)
    flag = _inteiro(p, "presos em flagrante por mês", d.flagrantes_mes)
    prov = _inteiro(p, "presos provisórios", d.presos_provisorios)
    meta = None
    if d.meta_reducao_pct not in (None, ""):
        try:
            meta = d.meta_reducao_pct if isinstance(d.meta_reducao_pct, Decimal) else ler_numero(d.meta_reducao_pct)
            if not 0 < meta <= 100 or meta != meta.quantize(Decimal("0.01")):
                p.append(
                    Problema("meta de redução (%)", "informe um percentual maior que 0 e até 100, com até duas casas")
                )
                meta = None
        except ValueError as exc:
            p.append(Problema("meta de redução (%)", str(exc)))
    if d.status not in STATUS_PROPOSTA:
        p.append(Problema("situação", f"“{d.status}” não é válida"))
    if p:
        raise ErroValidacao(p)
    return dict(
        programa=d.programa,
        uf_sigla=d.uf_sigla,
        titulo=d.titulo.strip(),
        orgao_proponente=d.orgao_proponente.strip(),
        orgao_executivo_uf=bool(d.orgao_executivo_uf),
        declaracao_metas_cnpcp=bool(d.declaracao_metas_cnpcp),
        data_registro=data_reg,
        valor_total=total,
        contrapartida=contra,
        vigencia_meses=vig,
        coordenador=(d.coordenador or "").strip()[:150],
        flagrantes_mes=flag,
        presos_provisorios=prov,
        perfil_demanda=(d.perfil_demanda or "").strip()[:2000],
        meta_reducao_pct=meta,
        politica_alternativas=bool(d.politica_alternativas),
        ciap_conjunta=bool(d.ciap_conjunta),
        status=d.status,
        observacoes=(d.observacoes or "").strip()[:2000],
    )


def salvar_proposta(
    ator: Usuario | None, dados: DadosProposta, *, ident: int | None = None, versao: int | None = None
) -> PropostaFunpen:
    """Inclui (sem `ident`) ou altera com trava otimista. A proposta pode ser gravada
    mesmo sem cumprir as regras: o checklist é que mostra o que falta."""
    acesso.exigir(ator, acesso.FUNPEN_EDITAR)
    with sessao(ator) as s:
        return incluir_ou_alterar(s, PropostaFunpen, _validar_proposta(s, dados), ident, versao, "A proposta")


def obter_proposta(ator: Usuario | None, ident: int) -> PropostaFunpen:
    return obter_registro(ator, acesso.FUNPEN_VER, PropostaFunpen, ident, "Proposta não encontrada.")


def tabela_propostas(ator: Usuario | None) -> pd.DataFrame:
    """Uma linha por proposta, com os valores em `Decimal` e a contagem do checklist."""
    acesso.exigir(ator, acesso.FUNPEN_VER)
    with sessao(ator) as s:
        props = list(s.exec(select(PropostaFunpen).order_by(PropostaFunpen.uf_sigla, PropostaFunpen.programa)))
    linhas = []
    for p in props:
        res = checklist(ator, p.id)
        linhas.append(
            {
                "id": p.id,
                "UF": p.uf_sigla,
                "Programa": p.programa.upper(),
                "Título": p.titulo,
                "Valor total": p.valor_total,
                "Contrapartida": p.contrapartida,
                "Situação": STATUS_PROPOSTA[p.status],
                "Atende": sum(r.situacao == regras.ATENDE for r in res),
                "Não atende": sum(r.situacao == regras.NAO_ATENDE for r in res),
                "A verificar": sum(r.situacao == regras.A_VERIFICAR for r in res),
            }
        )
    return pd.DataFrame(
        linhas,
        columns=[
            "id",
            "UF",
            "Programa",
            "Título",
            "Valor total",
            "Contrapartida",
            "Situação",
            "Atende",
            "Não atende",
            "A verificar",
        ],
    )


def _validar_documentos(p: list[Problema], documentos: list[DadosDocumentoPreco]) -> list[dict]:
    """A outra documentação do art. 2º, § 1º: o que é o documento e, como nas cotações, nome, CNPJ
    válido e contato do fornecedor (`regras.problemas_fornecedor`). Linhas em branco são puladas."""
    saida = []
    for n, doc in enumerate(documentos, start=1):
        if not any(str(x or "").strip() for x in (doc.descricao, doc.fornecedor, doc.cnpj, doc.contato)):
            continue
        campo = f"outra documentação {n}"
        erros = [
            Problema(campo, f"{erro} (Portaria 250/2015, art. 2º, § 1º)")
            for erro in regras.problemas_fornecedor(doc.fornecedor, doc.cnpj, doc.contato)
        ]
        if not (doc.descricao or "").strip():
            erros.insert(0, Problema(campo, "descreva o documento (ex.: ata de registro de preços nº …)"))
        p += erros
        if not erros:
            saida.append(
                dict(
                    descricao=doc.descricao.strip()[:300],
                    fornecedor=doc.fornecedor.strip()[:200],
                    cnpj=validar_cnpj(doc.cnpj),
                    contato=doc.contato.strip()[:200],
                )
            )
    return saida


def _validar_excecoes(p: list[Problema], d: DadosItem) -> dict[str, bool]:
    """As condições das exceções do art. 3º, V e VI (`regras.EXCECOES_DESPESA`), só cabem na
    categoria do próprio inciso."""
    marcadas = {}
    for categoria, (inciso, condicoes, _) in regras.EXCECOES_DESPESA.items():
        for atributo, texto in condicoes:
            marcadas[atributo] = bool(getattr(d, atributo))
            if marcadas[atributo] and d.categoria != categoria:
                rotulo = regras.CATEGORIAS_DESPESA[categoria][1]
                p.append(
                    Problema(
                        "exceção do art. 3º", f"“{trecho(texto)}” só se aplica à categoria “{rotulo}” (inciso {inciso})"
                    )
                )
    return marcadas


def _validar_item(d: DadosItem) -> tuple[dict, list[dict]]:
    p: list[Problema] = []
    if not (d.descricao or "").strip():
        p.append(Problema("descrição do item", "obrigatória"))
    if d.categoria not in regras.CATEGORIAS_DESPESA:
        p.append(Problema("categoria da despesa", "escolha uma categoria"))
    valor = _dinheiro_campo(p, "valor do item", d.valor)
    cotacoes = []
    for n, c in enumerate(d.cotacoes, start=1):
        if not any(str(x or "").strip() for x in (c.fornecedor, c.cnpj, c.contato, c.valor)):
            continue
        campo = f"cotação {n}"
        if not (c.fornecedor or "").strip():
            p.append(Problema(f"{campo}: fornecedor", "obrigatório"))
        try:
            cnpj = validar_cnpj(c.cnpj)
        except ValueError as exc:
            p.append(Problema(f"{campo}: CNPJ", str(exc)))
            cnpj = None
        if not (c.contato or "").strip():
            p.append(Problema(f"{campo}: contato", "obrigatório (Portaria 250/2015, art. 2º, § 1º)"))
        v = _dinheiro_campo(p, f"{campo}: valor", c.valor)
        cotacoes.append(
            dict(
                fornecedor=(c.fornecedor or "").strip()[:200],
                cnpj=cnpj,
                contato=(c.contato or "").strip()[:200],
                valor=v,
            )
        )
    excecoes = _validar_excecoes(p, d) if d.categoria in regras.CATEGORIAS_DESPESA else {}
    if p:
        raise ErroValidacao(p)
    return dict(descricao=d.descricao.strip()[:300], categoria=d.categoria, valor=valor, **excecoes), cotacoes


def adicionar_item(ator: Usuario | None, proposta_id: int, dados: DadosItem) -> ItemProposta:
    """Inclui o item com as suas cotações e a outra documentação de preço (Portaria 250/2015,
    art. 2º, § 1º) e as condições declaradas das exceções do art. 3º, V e VI."""
    acesso.exigir(ator, acesso.FUNPEN_EDITAR)
    p: list[Problema] = []
    try:
        campos, cotacoes = _validar_item(dados)
    except ErroValidacao as exc:
        p += exc.problemas
    documentos = _validar_documentos(p, dados.documentos)
    if p:
        raise ErroValidacao(p)
    with sessao(ator) as s:
        obter_na_sessao(s, PropostaFunpen, proposta_id, "Proposta não encontrada.")
        item = ItemProposta(proposta_id=proposta_id, **campos)
        s.add(item)
        s.flush()
        for c in cotacoes:
            s.add(CotacaoItem(item_id=item.id, **c))
        for doc in documentos:
            s.add(DocumentoPrecoItem(item_id=item.id, **doc))
        gravar(s, "O item")
        return item


def _incluir_ligado(ator: Usuario | None, pai, pai_id: int, mensagem: str, obj, rotulo: str):
    """Grava `obj`, ligado ao registro `pai_id` de `pai`, depois de conferir que este existe
    (`NaoEncontrado(mensagem)` se não)."""
    with sessao(ator) as s:
        obter_na_sessao(s, pai, pai_id, mensagem)
        s.add(obj)
        gravar(s, rotulo)
        return obj


def adicionar_cotacao(ator: Usuario | None, item_id: int, dados: DadosCotacao) -> CotacaoItem:
    acesso.exigir(ator, acesso.FUNPEN_EDITAR)
    _, cot = _validar_item(DadosItem(descricao="-", categoria="equipamentos", valor="0", cotacoes=[dados]))
    if not cot:
        raise ErroValidacao(Problema("cotação", "preencha fornecedor, CNPJ, contato e valor"))
    return _incluir_ligado(
        ator, ItemProposta, item_id, "Item não encontrado.", CotacaoItem(item_id=item_id, **cot[0]), "A cotação"
    )


def excluir_item(ator: Usuario | None, item_id: int) -> None:
    acesso.exigir(ator, acesso.FUNPEN_EDITAR)
    with sessao(ator) as s:
        item = obter_na_sessao(s, ItemProposta, item_id, "Item não encontrado.")
        for c in s.exec(select(CotacaoItem).where(CotacaoItem.item_id == item_id)):
            s.delete(c)
        for doc in s.exec(select(DocumentoPrecoItem).where(DocumentoPrecoItem.item_id == item_id)):
            s.delete(doc)
        s.delete(item)


def adicionar_equipe(ator: Usuario | None, proposta_id: int, dados: DadosEquipe) -> EquipeProposta:
    acesso.exigir(ator, acesso.FUNPEN_EDITAR)
    p: list[Problema] = []
    if not (dados.nome or "").strip():
        p.append(Problema("nome", "obrigatório"))
    if dados.natureza not in NATUREZAS_EQUIPE:
        p.append(Problema("natureza da atividade", "escolha Coordenação, Técnica ou Estágio"))
    valor = _dinheiro_campo(p, "remuneração mensal", dados.remuneracao_mensal)
    if p:
        raise ErroValidacao(p)
    e = EquipeProposta(
        proposta_id=proposta_id, nome=dados.nome.strip()[:150], natureza=dados.natureza, remuneracao_mensal=valor
    )
    return _incluir_ligado(ator, PropostaFunpen, proposta_id, "Proposta não encontrada.", e, "A equipe")


def excluir_equipe(ator: Usuario | None, equipe_id: int) -> None:
    acesso.exigir(ator, acesso.FUNPEN_EDITAR)
    with sessao(ator) as s:
        e = obter_na_sessao(s, EquipeProposta, equipe_id, "Pessoa da equipe não encontrada.")
        s.delete(e)


def _despesa(i: ItemProposta) -> regras.Despesa:
    return regras.Despesa(
        i.categoria,
        i.descricao,
        autorizacao_mj=i.autorizacao_mj,
        fato_gerador_na_vigencia=i.fato_gerador_na_vigencia,
        multa_atraso_mj=i.multa_atraso_mj,
        condicoes_mercado=i.condicoes_mercado,
    )


def _itens_cotacoes_documentos(
    s: Session, proposta_id: int
) -> tuple[list[ItemProposta], list[CotacaoItem], list[DocumentoPrecoItem]]:
    itens = list(s.exec(select(ItemProposta).where(ItemProposta.proposta_id == proposta_id).order_by(ItemProposta.id)))
    ids = [i.id for i in itens]
    if not ids:
        return itens, [], []
    cots = list(s.exec(select(CotacaoItem).where(CotacaoItem.item_id.in_(ids)).order_by(CotacaoItem.id)))
    docs = list(
        s.exec(select(DocumentoPrecoItem).where(DocumentoPrecoItem.item_id.in_(ids)).order_by(DocumentoPrecoItem.id))
    )
    return itens, cots, docs


def _item_cotado(i: ItemProposta, cots: list[CotacaoItem], docs: list[DocumentoPrecoItem]) -> regras.ItemCotado:
    return regras.ItemCotado(
        i.descricao,
        tuple(regras.Cotacao(c.fornecedor, c.cnpj, c.contato, c.valor) for c in cots if c.item_id == i.id),
        tuple(regras.DocumentoPreco(d.descricao, d.fornecedor, d.cnpj, d.contato) for d in docs if d.item_id == i.id),
    )


def itens_da_proposta(ator: Usuario | None, proposta_id: int) -> pd.DataFrame:
    """Itens da proposta: valor em `Decimal`; “Fornecedores” é a lista de cotações
    (fornecedor, CNPJ só com dígitos, valor em `Decimal`); “Outra documentação” a do art. 2º,
    § 1º (documento, fornecedor, CNPJ); “Vedada (art. 3º)” diz o inciso, ou a exceção dos incisos
    V e VI aplicada, ou o que falta para ela (`regras.situacao_despesa`)."""
    acesso.exigir(ator, acesso.FUNPEN_VER)
    with sessao(ator) as s:
        itens, cots, docs = _itens_cotacoes_documentos(s, proposta_id)
    linhas = []
    for i in itens:
        cs = [c for c in cots if c.item_id == i.id]
        vedada, nota = regras.situacao_despesa(_despesa(i))
        if vedada:
            texto_vedada = f"Sim — inciso {vedada}" + (f" ({nota})" if nota else "")
        else:
            texto_vedada = f"Não — {nota}" if nota else "Não"
        linhas.append(
            {
                "id": i.id,
                "Item": i.descricao,
                "Categoria": regras.CATEGORIAS_DESPESA[i.categoria][1],
                "Vedada (art. 3º)": texto_vedada,
                "Valor": i.valor,
                "Cotações": len(cs),
                "Fornecedores": [(c.fornecedor, c.cnpj, c.valor) for c in cs],
                "Outra documentação": [(d.descricao, d.fornecedor, d.cnpj) for d in docs if d.item_id == i.id],
            }
        )
    return pd.DataFrame(
        linhas,
        columns=[
            "id",
            "Item",
            "Categoria",
            "Vedada (art. 3º)",
            "Valor",
            "Cotações",
            "Fornecedores",
            "Outra documentação",
        ],
    )


def equipe_da_proposta(ator: Usuario | None, proposta_id: int) -> pd.DataFrame:
    """Equipe da proposta: remuneração e limite do Anexo I em `Decimal`."""
    acesso.exigir(ator, acesso.FUNPEN_VER)
    with sessao(ator) as s:
        equipe = list(
            s.exec(select(EquipeProposta).where(EquipeProposta.proposta_id == proposta_id).order_by(EquipeProposta.id))
        )
    linhas = [
        {
            "id": e.id,
            "Nome": e.nome,
            "Natureza": NATUREZAS_EQUIPE[e.natureza],
            "Remuneração mensal": e.remuneracao_mensal,
            "Limite (Anexo I)": regras.LIMITES_REMUNERACAO[e.natureza][1],
        }
        for e in equipe
    ]
    return pd.DataFrame(linhas, columns=["id", "Nome", "Natureza", "Remuneração mensal", "Limite (Anexo I)"])


def checklist(
    ator: Usuario | None, proposta_id: int, janela: tuple[date, date] = regras.JANELA_PROGRAMAS_2015
) -> list[regras.Resultado]:
    """Checklist da proposta, uma linha por regra, com o artigo: Portaria 250/2015 (arts. 2º,
    3º, 7º, 8º, 9º, 10/20, 13/22, 14/23 e 15) e limites de remuneração da Portaria 206/2008
    (art. 13 e Anexo I). `janela` é o período de registro (padrão: 24/08 a 06/09/2015)."""
    acesso.exigir(ator, acesso.FUNPEN_VER)
    with sessao(ator) as s:
        p = obter_na_sessao(s, PropostaFunpen, proposta_id, "Proposta não encontrada.")
        regiao = s.get(UF, p.uf_sigla).regiao
        outras = list(
            s.exec(
                select(PropostaFunpen).where(
                    PropostaFunpen.uf_sigla == p.uf_sigla,
                    PropostaFunpen.id != p.id,
                    PropostaFunpen.status != "arquivada",
                )
            )
        )
        itens, cots, docs = _itens_cotacoes_documentos(s, p.id)
        equipe = list(s.exec(select(EquipeProposta).where(EquipeProposta.proposta_id == p.id)))
    res = [
        regras.avaliar_proponente_250(
            orgao_executivo_uf=p.orgao_executivo_uf, declaracao_metas_cnpcp=p.declaracao_metas_cnpcp
        ),
        regras.avaliar_janela_registro(p.data_registro, janela[0], janela[1], regras.ARTIGO_JANELA_2015),
        regras.avaliar_proposta_unica(
            programa=p.programa, uf=p.uf_sigla, outras_da_uf_no_programa=sum(o.programa == p.programa for o in outras)
        ),
        regras.avaliar_vigencia(programa=p.programa, meses=p.vigencia_meses),
        regras.avaliar_contrapartida(
            programa=p.programa, regiao=regiao, valor_total=p.valor_total, contrapartida=p.contrapartida
        ),
        regras.avaliar_cotacoes([_item_cotado(i, cots, docs) for i in itens]),
        regras.avaliar_despesas([_despesa(i) for i in itens]),
    ]
    if p.programa == "cme":
        ciap_na_uf = any(o.programa == "ciap" for o in outras)
        res += [
            regras.avaliar_estudo_demanda(
                flagrantes_mes=p.flagrantes_mes, presos_provisorios=p.presos_provisorios, perfil=p.perfil_demanda
            ),
            regras.avaliar_meta_reducao(p.meta_reducao_pct),
            regras.avaliar_politica_alternativas(
                politica_alternativas=p.politica_alternativas, ciap_conjunta=p.ciap_conjunta or ciap_na_uf
            ),
            regras.avaliar_coordenador(p.coordenador),
        ]
    if equipe:
        res += [
            regras.avaliar_remuneracao(natureza=e.natureza, valor_mensal=e.remuneracao_mensal, nome=e.nome)
            for e in equipe
        ]
    else:
        res.append(
            regras.Resultado(
                "Remuneração da equipe",
                regras.A_VERIFICAR,
                "Portaria DEPEN 206/2008, art. 13 e Anexo I",
                "Nenhuma pessoa da equipe cadastrada.",
            )
        )
    return res


def checklist_206(
    ator: Usuario | None,
    *,
    tipo_proponente: str,
    apresentadas: list[str],
    data_registro: str | date | None,
    inicio: date = regras.JANELA_REGISTRO_2009[0],
    fim: date = regras.JANELA_REGISTRO_2009[1],
) -> list[regras.Resultado]:
    """Conferência avulsa (nada é gravado) de uma proposta da Portaria 206/2008: período de
    registro no SICONV (art. 2º, §§ 1º e 4º, datas parametrizáveis) e declarações exigidas
    pelo tipo de proponente (arts. 6º a 9º)."""
    acesso.exigir(ator, acesso.FUNPEN_VER)
    p: list[Problema] = []
    registro = _data_campo(p, "registro no SICONV", data_registro, obrigatorio=False)
    if inicio > fim:
        p.append(Problema("período de registro", "o início não pode ser depois do fim"))
    if p:
        raise ErroValidacao(p)
    return [
        regras.avaliar_janela_registro(registro, inicio, fim),
        *regras.avaliar_declaracoes(tipo_proponente, apresentadas),
    ]


def parecer_pdf(ator: Usuario | None, proposta_id: int, hoje: date | None = None) -> bytes:
    """Parecer técnico em PDF com identificação, valores, checklist (situação, regra,
    artigo, explicação), itens e cotações, equipe e conclusão."""
    from dominio.funpen import parecer as gerador  # importação tardia: o reportlab só é carregado ao gerar o PDF

    p = obter_proposta(ator, proposta_id)
    resultados = checklist(ator, proposta_id)
    with sessao(ator) as s:
        uf = s.get(UF, p.uf_sigla)
    return gerador.gerar(
        p,
        uf,
        resultados,
        itens_da_proposta(ator, proposta_id),
        equipe_da_proposta(ator, proposta_id),
        emitido_por=ator.nome,
        hoje=hoje or relogio.hoje(),
    )


# =====================================================================================
# Cotas da PNAT (Decreto 9.450/2018, art. 5º)
# =====================================================================================


@dataclass
class DadosContrato:
    numero: str
    orgao_contratante: str
    uf_sigla: str
    objeto: str
    valor_anual: str | Decimal
    trabalhadores: str | int
    ppl_contratados: str | int = 0
    egressos_contratados: str | int = 0
    data_inicio: str | date | None = None
    data_fim: str | date | None = None
    observacoes: str = ""


def _data_campo(p: list[Problema], campo: str, valor, *, obrigatorio: bool) -> date | None:
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        if obrigatorio:
            p.append(Problema(campo, "informe a data (DD/MM/AAAA)"))
        return None
    if isinstance(valor, date):
        return valor
    try:
        return ler_data(valor)
    except ValueError as exc:
        p.append(Problema(campo, str(exc)))
        return None


def _validar_contrato(s: Session, d: DadosContrato) -> dict:
    p: list[Problema] = []
    for campo, valor, limite in (
        ("número do contrato", d.numero, 40),
        ("órgão contratante", d.orgao_contratante, 300),
        ("objeto", d.objeto, 500),
    ):
        if not (valor or "").strip():
            p.append(Problema(campo, "obrigatório"))
        elif len(valor.strip()) > limite:
            p.append(Problema(campo, f"use até {limite} caracteres"))
    if not s.get(UF, d.uf_sigla or ""):
        p.append(Problema("UF", "escolha uma UF"))
    valor = _dinheiro_campo(p, "valor anual", d.valor_anual)
    trab = _inteiro(p, "trabalhadores", d.trabalhadores)
    if trab is None and not any(x.campo == "trabalhadores" for x in p):
        p.append(Problema("trabalhadores", "informe quantos trabalhadores o contrato demanda"))
    ppl = _inteiro(p, "PPL contratadas", d.ppl_contratados) or 0
    egr = _inteiro(p, "egressos contratados", d.egressos_contratados) or 0
    if trab is not None and ppl + egr > trab:
        p.append(Problema("PPL contratadas", f"PPL + egressos ({ppl + egr}) passam do total de trabalhadores ({trab})"))
    ini = _data_campo(p, "início", d.data_inicio, obrigatorio=True)
    fim = _data_campo(p, "término", d.data_fim, obrigatorio=False)
    if ini and fim and fim < ini:
        p.append(Problema("término", "não pode ser anterior ao início"))
    if p:
        raise ErroValidacao(p)
    return dict(
        numero=d.numero.strip(),
        orgao_contratante=d.orgao_contratante.strip(),
        uf_sigla=d.uf_sigla,
        objeto=d.objeto.strip(),
        valor_anual=valor,
        trabalhadores=trab,
        ppl_contratados=ppl,
        egressos_contratados=egr,
        data_inicio=ini,
        data_fim=fim,
        observacoes=(d.observacoes or "").strip()[:2000],
    )


def salvar_contrato(
    ator: Usuario | None, dados: DadosContrato, *, ident: int | None = None, versao: int | None = None
) -> ContratoPublico:
    acesso.exigir(ator, acesso.FUNPEN_EDITAR)
    with sessao(ator) as s:
        return incluir_ou_alterar(s, ContratoPublico, _validar_contrato(s, dados), ident, versao, "O contrato")


def obter_contrato(ator: Usuario | None, ident: int) -> ContratoPublico:
    return obter_registro(ator, acesso.FUNPEN_VER, ContratoPublico, ident, "Contrato não encontrado.")


def arredondamento_cotas() -> str:
    return obter_config().arredondamento_cotas


def leitura_tres_reformulacoes() -> str:
    """A leitura configurada (`REFORMULACOES_TRES`) para as três reformulações por convênio que a
    escala d do Anexo II da Portaria 206/2008 não põe em faixa alguma."""
    return obter_config().reformulacoes_tres


def leituras_das_escalas() -> list[str]:
    """As leituras das escalas do Anexo II aplicadas no cálculo, para a tela (com a configurada)."""
    return regras.leituras_das_escalas(leitura_tres_reformulacoes())


def avaliar_contrato(c: ContratoPublico, arredondamento: str | None = None) -> regras.ResultadoCota:
    return regras.avaliar_cota_contrato(
        valor_anual=c.valor_anual,
        trabalhadores=c.trabalhadores,
        ppl=c.ppl_contratados,
        egressos=c.egressos_contratados,
        arredondamento=arredondamento or arredondamento_cotas(),
    )


def tabela_contratos(ator: Usuario | None, *, uf: list[str] | None = None) -> pd.DataFrame:
    """Contratos com a avaliação da cota: valor anual em `Decimal`, datas como `date` e a
    situação como código (`regras.ATENDE`, `regras.NAO_ATENDE`, `regras.NAO_SE_APLICA`...)."""
    acesso.exigir(ator, acesso.FUNPEN_VER)
    with sessao(ator) as s:
        q = select(ContratoPublico).order_by(ContratoPublico.uf_sigla, ContratoPublico.numero)
        if uf:
            q = q.where(ContratoPublico.uf_sigla.in_(uf))
        contratos = list(s.exec(q))
    modo = arredondamento_cotas()
    linhas = []
    for c in contratos:
        r = avaliar_contrato(c, modo)
        linhas.append(
            {
                "id": c.id,
                "UF": c.uf_sigla,
                "Contrato": c.numero,
                "Órgão contratante": c.orgao_contratante,
                "Objeto": c.objeto,
                "Valor anual": c.valor_anual,
                "Trabalhadores": c.trabalhadores,
                "Cota (%)": float(r.percentual) if r.percentual is not None else None,
                "Vagas exigidas": r.exigidas if r.aplicavel else None,
                "PPL": c.ppl_contratados,
                "Egressos": c.egressos_contratados,
                "Situação": r.situacao,
                "Explicação": r.resultado.explicacao,
                "Início": c.data_inicio,
                "Término": c.data_fim,
            }
        )
    return pd.DataFrame(
        linhas,
        columns=[
            "id",
            "UF",
            "Contrato",
            "Órgão contratante",
            "Objeto",
            "Valor anual",
            "Trabalhadores",
            "Cota (%)",
            "Vagas exigidas",
            "PPL",
            "Egressos",
            "Situação",
            "Explicação",
            "Início",
            "Término",
        ],
    )


def cumprimento_por_uf(ator: Usuario | None) -> pd.DataFrame:
    """Por UF (todas as 27): contratos cadastrados, sujeitos à cota (acima de R$ 330.000,00
    por ano), que cumprem, vagas exigidas e preenchidas (PPL + egressos, só nos sujeitos) e
    o percentual de contratos sujeitos que cumprem (vazio se não há contrato sujeito)."""
    acesso.exigir(ator, acesso.FUNPEN_VER)
    return _cumprimento_por_uf()


def cumprimento_publico() -> pd.DataFrame:
    """Para o painel público (sem login): por UF, só contratos sujeitos à cota, quantos cumprem
    e o percentual. Nenhuma contagem de pessoas (vagas) nem contrato identificado."""
    df = _cumprimento_por_uf()
    return df[["UF", "Estado", "Sujeitos à cota", "Cumprem", "Contratos que cumprem (%)"]]


def _cumprimento_por_uf() -> pd.DataFrame:
    with sessao() as s:
        ufs = s.exec(select(UF.sigla, UF.nome, UF.regiao).order_by(UF.sigla)).all()
        contratos = list(s.exec(select(ContratoPublico)))
    modo = arredondamento_cotas()
    por_uf: dict[str, dict] = {
        u: {"contratos": 0, "sujeitos": 0, "cumprem": 0, "exigidas": 0, "preenchidas": 0} for u, _, _ in ufs
    }
    for c in contratos:
        r = avaliar_contrato(c, modo)
        d = por_uf[c.uf_sigla]
        d["contratos"] += 1
        if r.aplicavel:
            d["sujeitos"] += 1
            d["cumprem"] += r.situacao == regras.ATENDE
            d["exigidas"] += r.exigidas
            d["preenchidas"] += min(r.contratados, r.exigidas) if r.exigidas else 0
    linhas = []
    for sigla, nome, regiao in ufs:
        d = por_uf[sigla]
        pct = round(100 * d["cumprem"] / d["sujeitos"], 1) if d["sujeitos"] else None
        linhas.append(
            {
                "UF": sigla,
                "Estado": nome,
                "Região": regiao,
                "Contratos": d["contratos"],
                "Sujeitos à cota": d["sujeitos"],
                "Cumprem": d["cumprem"],
                "Vagas exigidas": d["exigidas"],
                "Vagas preenchidas": d["preenchidas"],
                "Contratos que cumprem (%)": pct,
            }
        )
    return pd.DataFrame(linhas)


def regra_cotas_em_palavras() -> str:
    """Decreto 9.450/2018, art. 5º, em palavras para a página de cotas: valor anual mínimo,
    faixas (da mesma tabela que a conferência usa, `regras.FAIXAS_COTA_PNAT`) e o
    arredondamento configurado."""
    modo = arredondamento_cotas()
    return (
        f"Decreto 9.450/2018, art. 5º: contratos de serviços com valor anual acima de "
        f"{dinheiro(regras.LIMITE_VALOR_ANUAL_PNAT)} reservam vagas para pessoas presas e egressos — "
        f"{regras.faixas_cota_em_palavras()}. O contrato cumpre quando PPL + "
        f"egressos contratados ≥ vagas exigidas. Arredondamento configurado: {regras.ARREDONDAMENTOS[modo]} "
        "(as fontes não dizem como arredondar; variável ARREDONDAMENTO_COTAS)."
    )
