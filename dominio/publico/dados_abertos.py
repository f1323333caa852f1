"""Dados abertos do painel público: o pacote de dados (Frictionless Data Package) e as linhas
tipadas de cada tabela pública, para a API HTTP (`web/dados_abertos.py`) e para os downloads do
painel (`paginas/publico.py`).

Uma fonte só: toda tabela sai de `consultas.tabelas_publicas` — a mesma que o painel mostra e
que já passou pela supressão de `dominio.publico.supressao` — e aqui só muda de representação:
o texto de tela (“1.530”, “92,9%”, “R$ 1.234,56”, “X”, “—”, “Sim”) vira número, booleano, data
ISO 8601 ou vazio. Nenhuma consulta ao banco é feita aqui, de modo que o painel e a API não podem
discordar. As descrições das colunas vêm do dicionário de dados (`consultas.DICIONARIO`).

Funções puras (sem banco nem rede), salvo `tabelas_abertas`, que lê `consultas.tabelas_publicas`.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import pandas as pd

from core import relogio
from dominio.publico import consultas, supressao

LICENCA = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Atribuição 4.0 Internacional",
    "path": "https://creativecommons.org/licenses/by/4.0/deed.pt_BR",
}
FONTES = [
    {"title": "Conselho Nacional de Justiça (CNJ) — Departamento de Monitoramento e Fiscalização (DMF)"},
    {"title": "Conselho Nacional do Ministério Público (CNMP) — Comissão do Sistema Prisional"},
    {"title": "Acordo de Cooperação Técnica CNJ–CNMP nº 22/2023 (Plano de Trabalho: metas e cronograma)"},
    {"title": "Decreto 9.450/2018 (Política Nacional de Trabalho no âmbito do Sistema Prisional — PNAT)"},
    {"title": "Lei 13.709/2018 (LGPD), arts. 5º, III, e 12: só agregados anonimizados são publicados"},
    {"title": "Lei 12.527/2011 (Lei de Acesso à Informação), art. 8º: divulgação em formato aberto"},
]
NOME_PACOTE = "pnat-act-cnj-cnmp-22-2023"
TITULO_PACOTE = "Dados abertos do monitoramento do ACT CNJ–CNMP nº 22/2023 (PNAT)"
DESCRICAO_PACOTE = (
    "Agregados públicos do sistema de monitoramento do Acordo de Cooperação Técnica nº 22/2023 entre o "
    "CNJ e o CNMP, sobre a Política Nacional de Trabalho no âmbito do Sistema Prisional (PNAT): presença de "
    "Grupos Interinstitucionais, Escritórios Sociais e Fundos Municipais de Políticas Penais por UF, recursos "
    "destinados, cotas da PNAT em contratos públicos, Plano de Trabalho, indicadores aprovados pela Comissão "
    "do CNMP, público das ações de comunicação e publicações. Só dados aprovados e publicados; nenhum dado "
    "pessoal. Contagens de pessoas entre 1 e k−1 (k = SUPRESSAO_K, padrão 5) e as células que permitiriam "
    "recalculá-las ficam vazias (supressão primária e complementar)."
)
PALAVRAS_CHAVE = ["PNAT", "sistema prisional", "trabalho e renda", "egressos", "CNJ", "CNMP", "dados abertos"]
VAZIO_SUPRIMIDO = (
    " Vazio quando o valor foi suprimido para proteger as pessoas (contagem entre 1 e k−1, k = SUPRESSAO_K, "
    "padrão 5, ou célula que permitiria recalculá-la pelos totais)."
)
PADRAO_UF = "^[A-Z]{2}$"
PADRAO_UF_OU_TOTAL = "^([A-Z]{2}|Total)$"
TIPOS = ("string", "integer", "number", "boolean", "date")
PREFIXO_API = "/api/dados"  # onde web/dados_abertos.py serve a API
# filtros da API: nome do parâmetro → nome do campo que ele filtra
FILTROS = {"uf": "uf", "ano": "ano"}


@dataclass(frozen=True)
class Campo:
    """Uma coluna de uma tabela pública: o rótulo da tela (e do dicionário), o nome na API
    (minúsculas, sem acento), o tipo do Table Schema e se é contagem de pessoas (sujeita à supressão)."""

    coluna: str
    nome: str
    tipo: str
    pessoas: bool = False
    padrao: str | None = None
    obrigatorio: bool = False


@dataclass(frozen=True)
class Recurso:
    """Uma tabela pública como recurso do pacote de dados."""

    nome: str
    titulo: str
    descricao: str
    campos: tuple[Campo, ...]
    chave_primaria: tuple[str, ...] = ()
    chaves_estrangeiras: tuple[dict, ...] = field(default_factory=tuple)

    def campo(self, nome: str) -> Campo | None:
        return next((c for c in self.campos if c.nome == nome), None)

    @property
    def filtros(self) -> tuple[str, ...]:
        """Os filtros que a tabela aceita (os campos `uf` e `ano` que ela tiver)."""
        return tuple(p for p, nome in FILTROS.items() if self.campo(nome) is not None)


def _uf(total: bool = False) -> Campo:
    return Campo("UF", "uf", "string", padrao=PADRAO_UF_OU_TOTAL if total else PADRAO_UF, obrigatorio=True)


_FK_UF = ({"fields": "uf", "reference": {"resource": "presenca_por_uf", "fields": "uf"}},)

RECURSOS: tuple[Recurso, ...] = (
    Recurso(
        "presenca_por_uf",
        "Presença por Unidade da Federação",
        "Por UF: se há Grupo Interinstitucional ativo e quantos Escritórios Sociais e Fundos Municipais de "
        "Políticas Penais estão cadastrados (sem os encerrados e inativos).",
        (
            _uf(),
            Campo("Estado", "estado", "string", obrigatorio=True),
            Campo("Região", "regiao", "string"),
            Campo("Grupo Interinstitucional", "grupo_interinstitucional", "boolean"),
            Campo("Escritórios Sociais", "escritorios_sociais", "integer"),
            Campo("Fundos Municipais", "fundos_municipais", "integer"),
        ),
        ("uf",),
    ),
    Recurso(
        "recursos_por_origem",
        "Recursos destinados, por origem",
        "Soma dos recursos que chegaram às etapas destinado, transferido ou aplicado, por origem.",
        (
            Campo("Origem", "origem", "string", obrigatorio=True),
            Campo("Destinado (R$)", "destinado_reais", "number"),
        ),
        ("origem",),
    ),
    Recurso(
        "recursos_por_uf",
        "Recursos destinados, por UF de origem",
        "Soma dos recursos destinados, transferidos ou aplicados com origem em cada UF.",
        (
            _uf(),
            Campo("Estado", "estado", "string"),
            Campo("Destinado (R$)", "destinado_reais", "number"),
        ),
        ("uf",),
        _FK_UF,
    ),
    Recurso(
        "recursos_por_ano",
        "Recursos por ano e origem",
        "Por ano da destinação e origem: valores que chegaram a destinado, a transferido e a aplicado.",
        (
            Campo("Ano", "ano", "integer", obrigatorio=True),
            Campo("Origem", "origem", "string", obrigatorio=True),
            Campo("Destinado (R$)", "destinado_reais", "number"),
            Campo("Transferido (R$)", "transferido_reais", "number"),
            Campo("Aplicado (R$)", "aplicado_reais", "number"),
        ),
        ("ano", "origem"),
    ),
    Recurso(
        "cotas_pnat_por_uf",
        "Cotas da PNAT em contratos públicos, por UF",
        "Contratos sujeitos à reserva de vagas do Decreto 9.450/2018 e quantos a cumprem, por UF "
        "(contratos, não pessoas).",
        (
            _uf(),
            Campo("Estado", "estado", "string"),
            Campo("Sujeitos à cota", "sujeitos_a_cota", "integer"),
            Campo("Cumprem", "cumprem", "integer"),
            Campo("Contratos que cumprem (%)", "cumprem_percentual", "number"),
        ),
        ("uf",),
        _FK_UF,
    ),
    Recurso(
        "progresso_metas",
        "Progresso das metas do Plano de Trabalho",
        "Progresso de cada meta no ano corrente do Plano de Trabalho (média do % executado das atividades).",
        (
            Campo("Meta", "meta", "string", obrigatorio=True),
            Campo("Descrição", "descricao", "string"),
            Campo("Progresso (%)", "progresso_percentual", "number"),
            Campo("Atividades no ano", "atividades_no_ano", "integer"),
            Campo("Atividades concluídas", "atividades_concluidas", "integer"),
        ),
        ("meta",),
    ),
    Recurso(
        "cronograma_situacao",
        "Situação do cronograma",
        "Quantas atividades do ano corrente do Plano de Trabalho estão em cada situação de prazo.",
        (
            Campo("Situação", "situacao", "string", obrigatorio=True),
            Campo("Atividades", "atividades", "integer"),
        ),
        ("situacao",),
    ),
    Recurso(
        "cronograma_atividades",
        "Atividades do cronograma",
        "Atividades do ano corrente do Plano de Trabalho, com os meses previstos, a situação e o % executado.",
        (
            Campo("Nº", "numero", "integer", obrigatorio=True),
            Campo("Atividade", "atividade", "string"),
            Campo("Meses previstos", "meses_previstos", "string"),
            Campo("Situação", "situacao", "string"),
            Campo("% executado", "executado_percentual", "number"),
        ),
        ("numero",),
    ),
    Recurso(
        "publicacoes",
        "Últimas publicações",
        "Notas técnicas, pareceres, orientações e relatórios publicados no âmbito do acordo.",
        (
            Campo("Data", "data", "date"),
            Campo("Tipo", "tipo", "string"),
            Campo("Número", "numero", "string"),
            Campo("Título", "titulo", "string"),
            Campo("Link", "link", "string"),
            Campo("Arquivo", "arquivo", "string"),
        ),
    ),
    Recurso(
        "publico_acoes_comunicacao",
        "Público das ações de comunicação",
        "Pessoas alcançadas pelas ações de comunicação já realizadas, por tipo de ação e categoria, com os "
        "totais (a linha “Total” soma os tipos).",
        (
            Campo("Tipo de ação", "tipo_acao", "string", obrigatorio=True),
            *[
                Campo(c, n, "integer", pessoas=True)
                for c, n in zip(
                    [*consultas.COLUNAS_PUBLICO_ACOES, supressao.TOTAL],
                    ["magistrados", "membros_mp", "servidores", "outros", "total"],
                )
            ],
        ),
        ("tipo_acao",),
    ),
    Recurso(
        "indicadores_destaques",
        "Indicadores em destaque",
        "Totais nacionais dos indicadores em destaque no ano de referência e no anterior, só com valores "
        "aprovados pela Comissão do CNMP.",
        (
            Campo("Ano", "ano", "integer", obrigatorio=True),
            Campo("Código", "codigo", "string", obrigatorio=True),
            Campo("Indicador", "indicador", "string"),
            Campo("Unidades", "unidades", "string"),
            # contagem de pessoas quando unidade_medida = "pessoas" (ver `linhas_com_pessoas`)
            Campo("Valor", "valor", "number"),
            Campo("Unidade de medida", "unidade_medida", "string"),
            Campo("Unidades informantes", "unidades_informantes", "integer"),
        ),
        ("ano", "codigo"),
    ),
    Recurso(
        "indicadores_por_uf",
        "Pessoas inseridas no trabalho e egressos empregados, por UF",
        "Por UF, no ano de referência, com a linha “Total”: pessoas inseridas no trabalho pelos Escritórios "
        "Sociais (E07) e pessoas egressas empregadas por ação dos Grupos (G12), só valores aprovados.",
        (
            _uf(total=True),
            Campo("Estado", "estado", "string"),
            Campo("Pessoas inseridas no trabalho (E07)", "inseridas_trabalho_e07", "integer", pessoas=True),
            Campo("Pessoas egressas empregadas (G12)", "egressas_empregadas_g12", "integer", pessoas=True),
        ),
        ("uf",),
    ),
    Recurso(
        "indicadores_completude",
        "Entrega dos formulários de indicadores",
        "Por periodicidade, no último período com prazo vencido: unidades esperadas, formulários recebidos e "
        "recebidos no prazo.",
        (
            Campo("Periodicidade", "periodicidade", "string", obrigatorio=True),
            Campo("Período", "periodo", "string"),
            Campo("Prazo", "prazo", "date"),
            Campo("Unidades esperadas", "unidades_esperadas", "integer"),
            Campo("Formulários recebidos", "formularios_recebidos", "integer"),
            Campo("Recebidos no prazo", "recebidos_no_prazo", "integer"),
            Campo("% recebidos", "recebidos_percentual", "number"),
            Campo("% no prazo", "no_prazo_percentual", "number"),
        ),
        ("periodicidade",),
    ),
    Recurso(
        "dicionario_de_dados",
        "Dicionário de dados",
        "Uma linha por coluna de cada tabela pública, como nos downloads do painel: significado, unidade, "
        "fonte e supressão.",
        (
            Campo("Tabela", "tabela", "string", obrigatorio=True),
            Campo("Coluna", "coluna", "string", obrigatorio=True),
            Campo("Significado", "significado", "string"),
            Campo("Unidade", "unidade", "string"),
            Campo("Fonte", "fonte", "string"),
            Campo("Supressão", "supressao", "string"),
        ),
        ("tabela", "coluna"),
    ),
)
POR_NOME: dict[str, Recurso] = {r.nome: r for r in RECURSOS}


# --- do texto da tela ao valor tipado ----------------------------------------------------------

_AUSENTES = {"", "—", "-", supressao.SIMBOLO}
_NUMERO_BR = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")


def _ausente(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, str) and v.strip() in _AUSENTES


def _numero_do_texto(texto: str) -> Decimal:
    """“1.530” → 1530; “92,9%” → 92.9; “R$ 1.234,56” → 1234.56; “19,77” → 19.77."""
    t = texto.strip().replace("R$", "").replace("%", "").replace("\xa0", "").replace(" ", "")
    if not _NUMERO_BR.match(t):
        raise ValueError(f"valor numérico inesperado numa tabela pública: “{texto[:80]}”")
    return Decimal(t.replace(".", "").replace(",", "."))


def converter(valor, tipo: str):
    """Valor de uma célula da tabela pública (como o painel a mostra) no tipo do Table Schema:
    int, Decimal/float, bool, date ou str; None quando ausente (“—”, vazio) ou suprimido (“X”)."""
    if _ausente(valor):
        return None
    if tipo == "string":
        return str(valor)
    if tipo == "boolean":
        if isinstance(valor, bool):
            return valor
        t = str(valor).strip().lower()
        if t in ("sim", "true"):
            return True
        if t in ("não", "nao", "false"):
            return False
        raise ValueError(f"valor sim/não inesperado numa tabela pública: “{str(valor)[:80]}”")
    if tipo == "date":
        if isinstance(valor, datetime):
            return valor.date()
        if isinstance(valor, date):
            return valor
        return datetime.strptime(str(valor).strip(), "%d/%m/%Y").date()
    if tipo == "integer":
        if isinstance(valor, str):
            n = _numero_do_texto(valor)
            if n != n.to_integral_value():
                raise ValueError(f"valor inteiro inesperado numa tabela pública: “{valor[:80]}”")
            return int(n)
        return int(valor)
    if tipo == "number":
        if isinstance(valor, str):
            return _numero_do_texto(valor)
        if isinstance(valor, Decimal):
            return valor
        return float(valor)
    raise ValueError(f"tipo desconhecido: {tipo}")


def linhas_tipadas(recurso: Recurso, df: pd.DataFrame) -> Iterator[dict]:
    """As linhas da tabela pública `df`, uma por vez, com os nomes e os tipos do recurso (exatamente
    os campos declarados, na ordem declarada). ValueError se faltar uma coluna declarada."""
    faltam = [c.coluna for c in recurso.campos if c.coluna not in df.columns]
    if faltam:
        raise ValueError(f"a tabela pública {recurso.nome} não tem as colunas {faltam}")
    colunas = [c.coluna for c in recurso.campos]
    for valores in df[colunas].itertuples(index=False, name=None):
        yield {c.nome: converter(v, c.tipo) for c, v in zip(recurso.campos, valores)}


def tabela_publica(nome: str, hoje: date | None = None) -> pd.DataFrame:
    """A tabela pública `nome` como o painel a mostra (de `consultas.tabelas_publicas`)."""
    return consultas.tabelas_publicas(hoje or relogio.hoje())[nome]


def tabelas_abertas(hoje: date | None = None) -> dict[str, list[dict]]:
    """Cada tabela pública (de `consultas.tabelas_publicas`, a mesma do painel) como linhas tipadas."""
    publicas = consultas.tabelas_publicas(hoje or relogio.hoje())
    return {r.nome: list(linhas_tipadas(r, publicas[r.nome])) for r in RECURSOS}


def versao_publicada():
    """Momento da última atualização dos dados publicados (o Last-Modified da API e o
    `lastUpdated` do pacote): o mesmo “Dados atualizados em” do painel."""
    return consultas.ultima_atualizacao_cache()


def para_planilha(recurso: Recurso, linhas: list[dict]) -> pd.DataFrame:
    """A tabela para os downloads do painel (CSV pt-BR e XLSX): rótulos da tela como cabeçalho,
    números como números (sem separador de milhar; percentuais sem “%”, com a unidade no
    dicionário), datas como datas, “Sim”/“Não” e “X” nas contagens de pessoas suprimidas."""
    dados = {}
    for c in recurso.campos:
        valores = [linha[c.nome] for linha in linhas]
        if c.pessoas:
            valores = [supressao.SIMBOLO if v is None else v for v in valores]
        elif c.tipo == "boolean":
            valores = [None if v is None else ("Sim" if v else "Não") for v in valores]
        elif c.tipo == "number" and not c.nome.endswith("_reais"):  # dinheiro fica Decimal (2 casas)
            valores = [None if v is None else (int(v) if v == int(v) else float(v)) for v in valores]
        dados[c.coluna] = pd.Series(valores, dtype=object)
    return pd.DataFrame(dados, columns=[c.coluna for c in recurso.campos])


def planilha(nome: str, df: pd.DataFrame) -> pd.DataFrame:
    """`para_planilha` da tabela pública `nome` já lida (`df`, como o painel a mostra)."""
    recurso = POR_NOME[nome]
    return para_planilha(recurso, list(linhas_tipadas(recurso, df)))


def endereco(base: str, arquivo: str) -> str:
    """Endereço de um arquivo da API a partir da base do sistema (ex.: https://host/ → …/api/dados/x.csv)."""
    return base.rstrip("/") + PREFIXO_API + "/" + arquivo


# --- filtros, CSV e JSON ------------------------------------------------------------------------


class FiltroInvalido(ValueError):
    """Filtro da API que a tabela não aceita ou com valor inválido (mensagem em pt-BR)."""


def validar_filtros(recurso: Recurso, parametros: dict[str, str]) -> dict[str, object]:
    """Confere os parâmetros de consulta: só `uf` (sigla de 2 letras) e `ano` (4 dígitos), e só
    nas tabelas que têm esses campos. Devolve {campo: valor}; levanta FiltroInvalido."""
    filtros: dict[str, object] = {}
    for chave, valor in parametros.items():
        if chave not in FILTROS:
            aceitos = ", ".join(recurso.filtros) or "nenhum"
            raise FiltroInvalido(f"parâmetro desconhecido “{chave[:40]}”; esta tabela aceita: {aceitos}")
        if chave not in recurso.filtros:
            aceitos = ", ".join(recurso.filtros) or "nenhum"
            raise FiltroInvalido(f"a tabela {recurso.nome} não tem o filtro “{chave}”; aceita: {aceitos}")
        v = valor.strip()
        if chave == "uf":
            if not re.fullmatch(r"[A-Za-z]{2}", v):
                raise FiltroInvalido(f"uf inválida “{v[:20]}”: use a sigla de 2 letras (ex.: uf=PR)")
            filtros["uf"] = v.upper()
        elif chave == "ano":
            if not re.fullmatch(r"\d{4}", v):
                raise FiltroInvalido(f"ano inválido “{v[:20]}”: use 4 dígitos (ex.: ano=2024)")
            filtros["ano"] = int(v)
    return filtros


def filtrar(linhas: Iterable[dict], filtros: dict[str, object]) -> Iterator[dict]:
    for linha in linhas:
        if all(linha.get(c) == v for c, v in filtros.items()):
            yield linha


def texto_csv(valor) -> str:
    """Valor tipado no CSV aberto: ponto decimal, datas ISO 8601, true/false, vazio se ausente."""
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "true" if valor else "false"
    if isinstance(valor, Decimal):
        return format(valor.normalize() if valor == valor.to_integral_value() else valor, "f")
    if isinstance(valor, float):
        return repr(valor)
    if isinstance(valor, date):
        return valor.isoformat()
    return str(valor)


def valor_json(valor):
    if isinstance(valor, Decimal):
        return int(valor) if valor == valor.to_integral_value() else float(valor)
    if isinstance(valor, date):
        return valor.isoformat()
    return valor


def linhas_csv(recurso: Recurso, linhas: Iterable[dict]) -> Iterator[str]:
    """CSV RFC 4180 (vírgula, aspas quando preciso, fim de linha CRLF), uma linha por vez:
    o cabeçalho são os nomes dos campos declarados."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")

    def tirar() -> str:
        texto = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return texto

    w.writerow([c.nome for c in recurso.campos])
    yield tirar()
    for linha in linhas:
        w.writerow([texto_csv(linha[c.nome]) for c in recurso.campos])
        yield tirar()


def linhas_json(recurso: Recurso, linhas: Iterable[dict]) -> Iterator[str]:
    """Um array JSON de objetos (um por linha, com os campos declarados), em pedaços."""
    yield "["
    primeira = True
    for linha in linhas:
        objeto = {c.nome: valor_json(linha[c.nome]) for c in recurso.campos}
        yield ("" if primeira else ",") + json.dumps(objeto, ensure_ascii=False)
        primeira = False
    yield "]"


# --- pacote de dados ------------------------------------------------------------------------------


def _entrada_dicionario() -> dict[tuple[str, str], tuple[str, str, str]]:
    return {(t, c): (sig, uni, sup) for t, c, sig, uni, _fonte, sup in consultas.DICIONARIO}


def esquema(recurso: Recurso) -> dict:
    """Table Schema do recurso: campos com tipo, título (o rótulo do painel), descrição e unidade
    (do dicionário de dados), restrições; valores ausentes; chaves primária e estrangeiras."""
    dic = _entrada_dicionario()
    campos = []
    for c in recurso.campos:
        significado, unidade, sup = dic[(recurso.nome, c.coluna)]
        descricao = significado + "." if not significado.endswith(".") else significado
        if c.pessoas or sup != consultas.SEM_SUPRESSAO:  # o dicionário diz quais colunas têm supressão
            descricao += VAZIO_SUPRIMIDO
        f: dict = {"name": c.nome, "title": c.coluna, "type": c.tipo, "description": descricao, "unit": unidade}
        if c.tipo == "date":
            f["format"] = "default"  # ISO 8601 (AAAA-MM-DD)
        restricoes: dict = {}
        if c.obrigatorio:
            restricoes["required"] = True
        if c.padrao:
            restricoes["pattern"] = c.padrao
        if c.pessoas:
            restricoes["minimum"] = 0
        if restricoes:
            f["constraints"] = restricoes
        campos.append(f)
    s: dict = {"fields": campos, "missingValues": [""]}
    if recurso.chave_primaria:
        s["primaryKey"] = list(recurso.chave_primaria)
    if recurso.chaves_estrangeiras:
        s["foreignKeys"] = [dict(fk) for fk in recurso.chaves_estrangeiras]
    return s


def pacote(*, atualizado: datetime | None, hoje: date, anos: tuple[int, int]) -> dict:
    """O descritor do pacote de dados (Frictionless Data Package v1), com caminhos relativos
    (`<recurso>.csv`), resolvidos a partir do endereço do próprio datapackage.json."""
    recursos = []
    for r in RECURSOS:
        recursos.append(
            {
                "name": r.nome,
                "title": r.titulo,
                "description": r.descricao
                + (f" Filtros na API: {', '.join(r.filtros)} (ex.: ?{r.filtros[0]}=…)." if r.filtros else ""),
                "path": f"{r.nome}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True},
                "schema": esquema(r),
            }
        )
    d: dict = {
        "profile": "tabular-data-package",
        "name": NOME_PACOTE,
        "title": TITULO_PACOTE,
        "description": DESCRICAO_PACOTE,
        "licenses": [LICENCA],
        "sources": FONTES,
        "keywords": PALAVRAS_CHAVE,
        "language": "pt-BR",
        "created": (atualizado or datetime.combine(hoje, datetime.min.time())).isoformat(),
        "temporalCoverage": {
            "start": f"{anos[0]}-01-01",
            "end": hoje.isoformat(),
        },
        "resources": recursos,
    }
    if atualizado is not None:
        d["lastUpdated"] = atualizado.isoformat()
    return d


def cobertura(tabelas: dict[str, list[dict]], hoje: date) -> tuple[int, int]:
    """Primeiro e último ano com dado nas tabelas que têm ano (cobertura temporal do pacote)."""
    anos = [linha["ano"] for linhas in tabelas.values() for linha in linhas if isinstance(linha.get("ano"), int)]
    anos += [linha["data"].year for linha in tabelas.get("publicacoes", []) if linha.get("data")]
    return (min(anos), max(anos)) if anos else (hoje.year, hoje.year)


def linhas_com_pessoas(recurso: Recurso, linhas: Iterable[dict]) -> Iterator[int]:
    """Todas as contagens de pessoas publicadas no recurso: as colunas marcadas `pessoas` e, nos
    indicadores em destaque, o valor dos indicadores medidos em pessoas. Para o teste de supressão."""
    for linha in linhas:
        for c in recurso.campos:
            if c.pessoas and linha[c.nome] is not None:
                yield int(linha[c.nome])
        if recurso.nome == "indicadores_destaques" and str(linha.get("unidade_medida", "")).strip() == "pessoas":
            if linha["valor"] is not None:
                yield int(linha["valor"])
