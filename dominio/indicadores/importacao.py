"""Importação de valores de indicadores por planilha (CSV ou XLSX em formatos brasileiros), para
o DMF lançar de uma vez o que as unidades mandaram por outro meio; e a situação dos envios de
todas as unidades num período.

Tudo ou nada: qualquer linha ruim recusa o arquivo inteiro, com “Linha N, campo “X”: …” (a
numeração da planilha, cabeçalho na linha 1). Para cada unidade e período do arquivo, os
indicadores presentes substituem os valores gravados desses indicadores; os demais valores do
envio ficam como estão. O conjunto tem de passar pelas mesmas conferências do envio pela página
(totais obrigatórios, somas das desagregações, regras “Impede o envio”) e o envio passa a
“enviado”, com o importador como quem informou — por isso ele não pode validá-lo depois
(segregação de funções). Reimportar o mesmo arquivo não muda nada."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pandas as pd
from openpyxl.styles import Font
from sqlmodel import select

from comum.formatos import ler_numero_planilha, local
from comum.textos import (
    aviso_colunas_ignoradas,
    colunas_fora_do_modelo,
    normalizar,
    somente_algarismos,
    texto_da_celula,
)
from core import acesso
from core.banco import reservar_escrita, sessao
from core.edicao import gravar, obter_na_sessao
from core.erros import AcessoNegado, ErroValidacao, Problema, trecho
from core.relogio import agora_utc
from dominio.cadastros import unidades
from dominio.cadastros.unidades import Unidade
from dominio.indicadores.coleta import (
    ValorInformado,
    avaliar_regras,
    chaves_desagregacao,
    conferir_valores,
    gravar_valores_no_envio,
    registrar_evento,
    rotulo_desagregacao,
    versoes_do_formulario,
)
from dominio.indicadores.regras import (
    ENTREGAS,
    entrega,
    formatar_numero,
    ler_periodo,
    proxima_situacao,
    rotulo_periodo,
    situacao_periodo,
    termos_expressao,
)
from dominio.indicadores.servicos import indicadores_vigentes, rotulo
from dominio.recursos.importacao import bytes_da_planilha, ler_arquivo, modelo_de_planilha
from models.indicadores import (
    ALVO_SINGULAR,
    ALVOS,
    DESAGREGACOES,
    PERIODICIDADES,
    TIPOS_INDICADOR,
    EnvioColeta,
    Indicador,
    PeriodoColeta,
    RegraValidacao,
    ValorIndicador,
    VersaoIndicador,
)
from models.territorio import Municipio
from models.unidades import EscritorioSocial, GrupoInterinstitucional
from models.usuarios import Usuario

# (cabeçalho no modelo, campo, obrigatório, explicação) — o modelo baixável e a página seguem esta lista
COLUNAS = [
    ("Tipo de unidade", "tipo", True, "Grupo ou Escritório"),
    ("UF", "uf", False, "sigla da UF; obrigatória para Grupo (um por UF)"),
    ("Código IBGE do município", "ibge", False, "7 dígitos; obrigatório para Escritório"),
    ("Nome da unidade", "nome", False, "nome do Escritório, só quando o município tem mais de um"),
    (
        "Período",
        "periodo",
        True,
        "mensal 01/2026 ou jan/2026; trimestral 1º trimestre de 2026 ou T1/2026; "
        "semestral 1º semestre de 2026 ou S1/2026; anual 2026",
    ),
    ("Código do indicador", "codigo", True, "ex.: E01 — lista na aba “Indicadores” do modelo"),
    (
        "Desagregação",
        "desagregacao",
        False,
        "Total (ou em branco) ou dimensão: categoria, ex.: Sexo: Feminino (também o código sexo:feminino)",
    ),
    ("Valor", "valor", False, "contagem e valor em R$: 1.234,56; sim/não: Sim ou Não; vazio nos percentuais"),
    ("Numerador", "numerador", False, "só nos percentuais"),
    ("Denominador", "denominador", False, "só nos percentuais"),
    ("Comentário", "comentario", False, "opcional, até 1.000 caracteres"),
]
CABECALHOS = [c[0] for c in COLUNAS]
_ROTULO = {campo: h for h, campo, _, _ in COLUNAS}
_POR_CABECALHO = {normalizar(h): campo for h, campo, _, _ in COLUNAS}
_POR_CABECALHO.update(
    {
        normalizar("Código IBGE"): "ibge",
        normalizar("Unidade"): "nome",
        normalizar("Indicador"): "codigo",
        normalizar("Tipo"): "tipo",
        normalizar("Comentario"): "comentario",
    }
)
_TIPOS_UNIDADE = {}
for _cod in ALVOS:
    for _t in (_cod, ALVOS[_cod], ALVO_SINGULAR[_cod], ALVO_SINGULAR[_cod].split()[0]):
        _TIPOS_UNIDADE[normalizar(_t)] = _cod
_SIM_NAO = {"sim": 1, "s": 1, "nao": 0, "n": 0}
STATUS_TRAVADOS = {
    "validado": "foi validado pelo DMF: devolva-o para correção (página Revisão) antes de importar",
    "aprovado": "foi aprovado pelo CNMP: reabra-o (página Revisão, com motivo) antes de importar",
}


def _chave_desag(texto: str) -> str:
    """Normaliza “Raça/cor (IBGE): Preta”, “raca_cor:preta”, “Sexo : feminino” para comparar."""
    return re.sub(r"\s*:\s*", ":", normalizar(texto))


_DESAGREGACOES: dict[str, str] = {}
for _dim, (_nome_dim, _cats) in DESAGREGACOES.items():
    for _cat, _nome_cat in _cats.items():
        chave = f"{_dim}:{_cat}"
        for d in {_dim, _dim.replace("_", " "), _nome_dim, _nome_dim.split(" (")[0]}:
            for c in {_cat, _cat.replace("_", " "), _nome_cat}:
                _DESAGREGACOES[_chave_desag(f"{d}:{c}")] = chave


def ler_desagregacao(texto) -> str | None:
    """ "" ou “Total” → ""; “Sexo: Feminino” ou “sexo:feminino” → "sexo:feminino"; None se desconhecida."""
    t = _chave_desag(texto_da_celula(texto))
    if t in ("", "total"):
        return ""
    return _DESAGREGACOES.get(t)


@dataclass
class Resultado:
    linhas: int
    envios: int  # unidades × períodos do arquivo
    enviados: int  # passaram a “enviado” agora
    atualizados: int  # já estavam enviados e tiveram valores alterados
    sem_mudanca: int  # já estavam enviados com os mesmos valores
    valores_alterados: int
    colunas_ignoradas: tuple[str, ...] = ()  # fora do modelo: não lidas (comum.textos.colunas_fora_do_modelo)

    @property
    def aviso_colunas_ignoradas(self) -> str:
        """A frase que a página e a linha de comando mostram ao lado do resumo ("" se nenhuma)."""
        return aviso_colunas_ignoradas(self.colunas_ignoradas)


# --- modelo -----------------------------------------------------------------------------------------


def modelo_xlsx(ator: Usuario | None, hoje: date, *, sistema: bool = False) -> bytes:
    """O modelo: aba “Valores” com os cabeçalhos e linhas de exemplo; “Instruções” com cada
    coluna; “Indicadores” com os códigos ativos, a periodicidade e as desagregações aceitas."""
    if not sistema:
        acesso.exigir(ator, acesso.INDICADORES_VER)
    with sessao(ator) as s:
        catalogo = {alvo: indicadores_vigentes(s, alvo) for alvo in ALVOS}
    mes = f"{hoje.month:02d}/{hoje.year}"
    tri = f"{(hoje.month - 1) // 3 + 1}º trimestre de {hoje.year}"
    exemplos = [
        ["Escritório", "ES", "3205309", "", mes, "E01", "Total", "120", "", "", ""],
        ["Escritório", "ES", "3205309", "", mes, "E01", "Sexo: Feminino", "45", "", "", ""],
        ["Escritório", "ES", "3205309", "", mes, "E02", "Total", "260", "", "", "inclui mutirão de documentação"],
        ["Grupo", "PR", "", "", tri, "G13", "Total", "", "1.234", "8.500", ""],
        ["Grupo", "PR", "", "", tri, "G04", "Total", "7", "", "", ""],
    ]
    instrucoes = [
        "Uma linha por unidade, período, indicador e desagregação. As linhas de exemplo são só exemplos: apague-as.",
        "CSV: separador ; ou , — codificação UTF-8 ou Windows (cp1252) — números 1.234,56.",
        "O arquivo entra inteiro ou não entra: qualquer linha com problema recusa tudo, com a lista do que corrigir.",
        "Cada unidade e período do arquivo é conferido como um envio: todos os totais dos indicadores da "
        "periodicidade (do arquivo ou já gravados), as somas das desagregações e as regras que impedem o envio.",
        "Os indicadores presentes no arquivo substituem os valores já gravados deles; os demais ficam como estão.",
        "Depois da importação o envio fica “Enviado (aguarda o DMF)” e quem importou não pode validá-lo.",
        "Envios validados ou aprovados não são alterados: devolva-os ou reabra-os antes na página Revisão.",
        "Reimportar o mesmo arquivo não muda nada.",
    ]
    wb = modelo_de_planilha("Valores", COLUNAS, exemplos, instrucoes, (30, 100))
    ind = wb.create_sheet("Indicadores")
    ind.append(
        [
            "Código",
            "Indicador",
            "Unidades",
            "Tipo",
            "Periodicidade",
            "Unidade de medida",
            "Mínimo",
            "Máximo",
            "Desagregações aceitas",
        ]
    )
    for alvo, itens in catalogo.items():
        for i, v in itens:
            ind.append(
                [
                    i.codigo,
                    v.nome,
                    ALVOS[alvo],
                    TIPOS_INDICADOR[v.tipo],
                    PERIODICIDADES[v.periodicidade],
                    v.unidade_medida,
                    formatar_numero(v.minimo) if v.minimo is not None else "",
                    formatar_numero(v.maximo) if v.maximo is not None else "",
                    "; ".join(rotulo_desagregacao(c) for c in chaves_desagregacao(v)),
                ]
            )
    for col in range(1, 10):
        ind.cell(row=1, column=col).font = Font(bold=True)
    for letra, largura in zip("ABCDEFGHI", (9, 50, 26, 34, 14, 22, 10, 10, 120)):
        ind.column_dimensions[letra].width = largura
    return bytes_da_planilha(wb)


# --- importação ---------------------------------------------------------------------------------------


@dataclass
class _Linha:
    n: int
    unidade: Unidade
    periodo: PeriodoColeta
    indicador: Indicador
    versao: VersaoIndicador
    valor: ValorInformado


@dataclass
class _Grupo:
    unidade: Unidade
    periodo: PeriodoColeta
    linhas: list[_Linha] = field(default_factory=list)


def _exigir_importar(ator: Usuario | None) -> None:
    acesso.exigir(ator, acesso.COLETA_INFORMAR)
    if ator.papel == acesso.PONTO_FOCAL:
        raise AcessoNegado(
            "A importação de planilhas é feita pelo DMF; o ponto focal informa os valores pela página Coleta."
        )


def _numero(v, campo: str, n: int, p: list[Problema]):
    if v is None or texto_da_celula(v) == "":
        return None
    try:
        return ler_numero_planilha(v if isinstance(v, (int, float)) else texto_da_celula(v))
    except ValueError as exc:
        p.append(Problema(_ROTULO[campo], str(exc), n))
        return None


def _coluna_do_problema(mensagem: str, tipo: str) -> str:
    m = mensagem.lower()
    if "denominador" in m and "numerador e denominador" not in m:
        return _ROTULO["denominador"]
    if "numerador" in m and tipo == "percentual" and "numerador e denominador" not in m:
        return _ROTULO["numerador"]
    if "comentário" in m:
        return _ROTULO["comentario"]
    if "desagrega" in m:
        return _ROTULO["desagregacao"]
    return _ROTULO["valor"]


@dataclass
class _Apoio:
    """O que a leitura das linhas consulta no banco, carregado uma vez por importação."""

    grupos_por_uf: dict[str, GrupoInterinstitucional]
    municipios: dict[int, str]
    escr_por_ibge: dict[int, list[EscritorioSocial]]
    per_por_chave: dict[tuple[str, int, int], PeriodoColeta]
    inds: dict[str, tuple[Indicador, VersaoIndicador]]
    cache_periodo: dict[str, tuple[str, int, int] | str] = field(default_factory=dict)

    @classmethod
    def carregar(cls, s) -> _Apoio:
        escr_por_ibge: dict[int, list[EscritorioSocial]] = defaultdict(list)
        for e in s.exec(select(EscritorioSocial)):
            escr_por_ibge[e.municipio_codigo].append(e)
        return cls(
            grupos_por_uf={g.uf_sigla: g for g in s.exec(select(GrupoInterinstitucional))},
            municipios=dict(s.exec(select(Municipio.codigo_ibge, Municipio.uf_sigla)).all()),
            escr_por_ibge=escr_por_ibge,
            per_por_chave={(x.periodicidade, x.ano, x.numero): x for x in s.exec(select(PeriodoColeta))},
            inds={
                i.codigo: (i, v)
                for i, v in s.exec(
                    select(Indicador, VersaoIndicador).join(
                        VersaoIndicador, VersaoIndicador.id == Indicador.versao_atual_id
                    )
                )
            },
        )


def _campos_do_cabecalho(cabecalho: list) -> dict[str, int]:
    """Coluna de cada campo pelo cabeçalho (a primeira, se repetido); recusa o arquivo sem as
    colunas obrigatórias ou sem Valor nem Numerador/Denominador."""
    campos = {}
    for i, c in enumerate(normalizar(c) for c in cabecalho):
        if c in _POR_CABECALHO and _POR_CABECALHO[c] not in campos:
            campos[_POR_CABECALHO[c]] = i
    faltam = [h for h, campo, obrig, _ in COLUNAS if obrig and campo not in campos]
    if faltam:
        raise ErroValidacao(
            [
                Problema(h, "coluna obrigatória ausente no cabeçalho (baixe o modelo na página Coleta)", 1)
                for h in faltam
            ]
        )
    if "valor" not in campos and "numerador" not in campos:
        raise ErroValidacao(Problema("Valor", "o cabeçalho não tem a coluna Valor nem Numerador/Denominador", 1))
    return campos


def _unidade_da_linha(apoio: _Apoio, val: dict, n: int, erros: list[Problema]) -> Unidade | None:
    """O Grupo (pela UF) ou o Escritório (pelo código IBGE e, se o município tem mais de um,
    pelo nome) da linha; None com o problema em `erros`."""
    tipo_txt = texto_da_celula(val.get("tipo"))
    tipo = _TIPOS_UNIDADE.get(normalizar(tipo_txt))
    if tipo is None:
        erros.append(Problema(_ROTULO["tipo"], f"“{tipo_txt}” não é Grupo nem Escritório", n))
        return None
    uf = texto_da_celula(val.get("uf")).upper()
    if tipo == "grupo":
        if not uf:
            erros.append(Problema(_ROTULO["uf"], "informe a UF do Grupo Interinstitucional", n))
            return None
        g = apoio.grupos_por_uf.get(uf)
        if g is None:
            erros.append(Problema(_ROTULO["uf"], f"não há Grupo Interinstitucional cadastrado na UF “{trecho(uf)}”", n))
            return None
        return unidades.de_grupo(g)
    ibge = texto_da_celula(val.get("ibge"))
    if not (somente_algarismos(ibge) and len(ibge) == 7):
        erros.append(Problema(_ROTULO["ibge"], f"“{trecho(ibge)}” deve ter 7 dígitos (obrigatório para Escritório)", n))
        return None
    if int(ibge) not in apoio.municipios:
        erros.append(Problema(_ROTULO["ibge"], f"município {ibge} não existe no cadastro do IBGE", n))
        return None
    uf_mun = apoio.municipios[int(ibge)]
    if uf and uf != uf_mun:
        erros.append(Problema(_ROTULO["uf"], f"o município {ibge} é de {uf_mun}, não de {trecho(uf)}", n))
        return None
    opcoes = apoio.escr_por_ibge.get(int(ibge), [])
    nome_u = normalizar(val.get("nome"))
    if len(opcoes) > 1 and nome_u:
        opcoes = [e for e in opcoes if normalizar(e.nome) == nome_u]
        if not opcoes:
            erros.append(
                Problema(
                    _ROTULO["nome"],
                    f"não há Escritório “{trecho(texto_da_celula(val.get('nome')))}” no município {ibge}",
                    n,
                )
            )
            return None
    if not opcoes:
        erros.append(Problema(_ROTULO["ibge"], f"o município {ibge} não tem Escritório Social cadastrado", n))
        return None
    if len(opcoes) > 1:
        erros.append(
            Problema(_ROTULO["nome"], f"o município {ibge} tem mais de um Escritório: informe o nome da unidade", n)
        )
        return None
    e = opcoes[0]
    return unidades.de_escritorio(e, uf_mun)


def _periodo_da_linha(
    apoio: _Apoio, val: dict, n: int, erros: list[Problema], hoje: date
) -> tuple[PeriodoColeta | None, str]:
    """O período de coleta da linha (cadastrado e já aberto) e o texto como veio; cada texto
    é lido uma vez por importação."""
    per_txt = texto_da_celula(val.get("periodo"))
    if per_txt not in apoio.cache_periodo:
        try:
            apoio.cache_periodo[per_txt] = ler_periodo(per_txt)
        except ValueError as exc:
            apoio.cache_periodo[per_txt] = str(exc)
    lido = apoio.cache_periodo[per_txt]
    if isinstance(lido, str):
        erros.append(Problema(_ROTULO["periodo"], lido, n))
        return None, per_txt
    per = apoio.per_por_chave.get(lido)
    if per is None:
        erros.append(
            Problema(
                _ROTULO["periodo"],
                f"{rotulo_periodo(*lido)} não está cadastrado como período de coleta (cadastre-o na página Indicadores)",
                n,
            )
        )
    elif situacao_periodo(per.abertura, per.prazo, per.dias_tolerancia, hoje) == "futuro":
        erros.append(Problema(_ROTULO["periodo"], f"{rotulo(per)} só abre em {per.abertura:%d/%m/%Y}", n))
        return None, per_txt
    return per, per_txt


def _indicador_da_linha(
    apoio: _Apoio,
    val: dict,
    n: int,
    erros: list[Problema],
    u: Unidade | None,
    per: PeriodoColeta | None,
    per_txt: str,
) -> tuple[str, Indicador | None, VersaoIndicador | None]:
    """(código, indicador, versão vigente) da linha: do catálogo, ativo, do tipo da unidade e
    da periodicidade do período."""
    codigo = texto_da_celula(val.get("codigo")).upper()
    if not codigo:
        erros.append(Problema(_ROTULO["codigo"], "informe o código do indicador (ex.: E01)", n))
        return codigo, None, None
    if codigo not in apoio.inds:
        erros.append(Problema(_ROTULO["codigo"], f"o indicador {trecho(codigo)} não existe no catálogo", n))
        return codigo, None, None
    ind, ver = apoio.inds[codigo]
    if not ind.ativo:
        erros.append(Problema(_ROTULO["codigo"], f"o indicador {codigo} está desativado", n))
    elif u is not None and ind.alvo != u.tipo:
        erros.append(
            Problema(
                _ROTULO["codigo"],
                f"o indicador {codigo} é informado por {ALVOS[ind.alvo]}, não por {ALVOS[u.tipo]}",
                n,
            )
        )
    elif per is not None and ver.periodicidade != per.periodicidade:
        erros.append(
            Problema(
                _ROTULO["periodo"],
                f"o indicador {codigo} é {PERIODICIDADES[ver.periodicidade].lower()}; "
                f"“{per_txt}” é um período {PERIODICIDADES[per.periodicidade].lower()}",
                n,
            )
        )
    return codigo, ind, ver


def _desagregacao_da_linha(
    val: dict, n: int, erros: list[Problema], codigo: str, ver: VersaoIndicador | None
) -> str | None:
    """A chave da desagregação da linha (Total ou, por exemplo, Sexo: Feminino), entre as que
    a versão do indicador aceita."""
    desag_txt = texto_da_celula(val.get("desagregacao"))
    desag = ler_desagregacao(desag_txt)
    if desag is None:
        erros.append(
            Problema(
                _ROTULO["desagregacao"],
                f"“{trecho(desag_txt)}” não é uma desagregação conhecida (use Total ou, por exemplo, Sexo: Feminino)",
                n,
            )
        )
    elif ver is not None and desag not in chaves_desagregacao(ver):
        aceitas = ", ".join(DESAGREGACOES[d][0] for d in ver.desagregacoes) or "nenhuma (só o Total)"
        erros.append(
            Problema(
                _ROTULO["desagregacao"],
                f"{codigo} não se desagrega por “{trecho(rotulo_desagregacao(desag))}”; aceitas: {aceitas}",
                n,
            )
        )
    return desag


def _numeros_da_linha(val: dict, n: int, erros: list[Problema], ver: VersaoIndicador | None) -> tuple:
    """(valor, numerador, denominador) da linha; "sim"/"não" valem 1/0 nos indicadores sim/não;
    a linha sem número algum é recusada."""
    bruto_valor = val.get("valor")
    sim_nao = ver is not None and ver.tipo == "sim_nao"
    if sim_nao and isinstance(bruto_valor, bool):  # célula VERDADEIRO/FALSO do Excel
        valor = Decimal(int(bruto_valor))
    elif sim_nao and normalizar(texto_da_celula(bruto_valor)) in _SIM_NAO:
        valor = Decimal(_SIM_NAO[normalizar(texto_da_celula(bruto_valor))])
    else:
        valor = _numero(bruto_valor, "valor", n, erros)
    numerador = _numero(val.get("numerador"), "numerador", n, erros)
    denominador = _numero(val.get("denominador"), "denominador", n, erros)
    if (
        valor is None
        and numerador is None
        and denominador is None
        and not any(x.campo in (_ROTULO["valor"], _ROTULO["numerador"], _ROTULO["denominador"]) for x in erros)
    ):
        erros.append(
            Problema(
                _ROTULO["valor"],
                "linha sem número: informe o valor (ou numerador e denominador, nos percentuais)",
                n,
            )
        )
    return valor, numerador, denominador


def _agrupar_linhas(
    apoio: _Apoio, linhas: list[list], campos: dict[str, int], hoje: date, progresso, p: list[Problema]
) -> tuple[dict[tuple[str, int], _Grupo], set[tuple[str, int]]]:
    """Lê cada linha (unidade, período, indicador, desagregação, números) e a junta ao grupo
    unidade × período; os problemas vão para `p`. Devolve (grupos, unidade × período com linha
    ruim — esses não têm o conjunto conferido)."""
    total = len(linhas) - 1
    grupos: dict[tuple[str, int], _Grupo] = {}
    com_erro: set[tuple[str, int]] = set()
    vistas: dict[tuple, int] = {}
    for n, r in enumerate(linhas[1:], start=2):
        if progresso and n % 500 == 0:
            progresso(min(0.9, 0.9 * (n - 1) / total))
        val = {campo: (r[i] if i < len(r) else None) for campo, i in campos.items()}
        erros: list[Problema] = []
        u = _unidade_da_linha(apoio, val, n, erros)
        per, per_txt = _periodo_da_linha(apoio, val, n, erros, hoje)
        codigo, ind, ver = _indicador_da_linha(apoio, val, n, erros, u, per, per_txt)
        desag = _desagregacao_da_linha(val, n, erros, codigo, ver)
        valor, numerador, denominador = _numeros_da_linha(val, n, erros, ver)
        comentario = texto_da_celula(val.get("comentario"))
        if erros or u is None or per is None or ind is None:
            p += erros
            if u is not None and per is not None:
                com_erro.add((u.chave, per.id))
            continue
        chave = (u.chave, per.id, ind.id, desag)
        if chave in vistas:
            p.append(
                Problema(
                    _ROTULO["desagregacao"],
                    f"repete a linha {vistas[chave]} (mesma unidade, período, indicador e desagregação)",
                    n,
                )
            )
            continue
        vistas[chave] = n
        g = grupos.setdefault((u.chave, per.id), _Grupo(u, per))
        g.linhas.append(
            _Linha(n, u, per, ind, ver, ValorInformado(ver.id, desag, valor, numerador, denominador, comentario))
        )
    return grupos, com_erro


def _envios_e_valores_gravados(
    s, grupos: dict[tuple[str, int], _Grupo]
) -> tuple[dict[tuple[str, int], EnvioColeta], dict[int, list[tuple[ValorIndicador, int]]]]:
    """Os envios já existentes dos grupos do arquivo e os valores gravados em cada um (com o
    indicador), em blocos de 900 (limite de parâmetros do SQLite)."""
    periodo_ids = {pid for _, pid in grupos}
    envios: dict[tuple[str, int], EnvioColeta] = {}
    for i in range(0, len(periodo_ids), 900):
        lote = list(periodo_ids)[i : i + 900]
        for e in s.exec(select(EnvioColeta).where(EnvioColeta.periodo_id.in_(lote))):
            if (e.unidade_chave, e.periodo_id) in grupos:
                envios[(e.unidade_chave, e.periodo_id)] = e
    gravados: dict[int, list[tuple[ValorIndicador, int]]] = defaultdict(list)
    ids_envio = [e.id for e in envios.values()]
    for i in range(0, len(ids_envio), 900):
        for v, ind_id in s.exec(
            select(ValorIndicador, VersaoIndicador.indicador_id)
            .join(VersaoIndicador, VersaoIndicador.id == ValorIndicador.versao_indicador_id)
            .where(ValorIndicador.envio_id.in_(ids_envio[i : i + 900]))
        ):
            gravados[v.envio_id].append((v, ind_id))
    return envios, gravados


def _conferir_envios(
    s, grupos: dict[tuple[str, int], _Grupo], com_erro: set[tuple[str, int]], p: list[Problema]
) -> list[tuple[_Grupo, EnvioColeta | None, list[ValorInformado], set[tuple[int, str]]]]:
    """Confere cada unidade × período como um envio: não travado, valores do arquivo somados
    aos já gravados de outros indicadores, totais e regras de validação com severidade de erro.
    Devolve o que gravar por grupo; os problemas vão para `p`."""
    envios, gravados = _envios_e_valores_gravados(s, grupos)
    cache_versoes: dict[tuple[str, str], dict] = {}
    planos: list[tuple[_Grupo, EnvioColeta | None, list[ValorInformado], set[tuple[int, str]]]] = []
    for (chave_u, pid), g in grupos.items():
        if (chave_u, pid) in com_erro:
            continue
        u, per = g.unidade, g.periodo
        primeira = g.linhas[0].n
        contexto = f"{u.nome}, {rotulo(per)}"
        envio = envios.get((chave_u, pid))
        if envio is not None and envio.status in STATUS_TRAVADOS:
            p.append(Problema(_ROTULO["periodo"], f"o envio de {contexto} {STATUS_TRAVADOS[envio.status]}", primeira))
            continue
        versoes = cache_versoes.setdefault(
            (u.tipo, per.periodicidade), versoes_do_formulario(s, u.tipo, per.periodicidade)
        )
        vigente_do_ind = {i.id: vid for vid, (i, _) in versoes.items()}
        no_arquivo = {ln.indicador.id for ln in g.linhas}
        novos = [ln.valor for ln in g.linhas]
        conferir = list(novos)
        manter: list[ValorInformado] = []
        for v, ind_id in gravados.get(envio.id, []) if envio is not None else []:
            if ind_id in no_arquivo:
                continue
            vi = ValorInformado(
                v.versao_indicador_id, v.desagregacao, v.valor, v.numerador, v.denominador, v.comentario
            )
            manter.append(vi)
            if ind_id in vigente_do_ind:  # valor de outra versão do mesmo indicador: confere pela vigente
                conferir.append(
                    ValorInformado(
                        vigente_do_ind[ind_id], v.desagregacao, v.valor, v.numerador, v.denominador, v.comentario
                    )
                )
        probs, efetivos = conferir_valores(versoes, conferir, obrigar_totais=True)
        for x in probs:
            p.append(_na_linha(x, g, contexto, versoes))
        for r in avaliar_regras(s, u.tipo, efetivos):
            if r.situacao == "falha" and r.severidade == "erro":
                p.append(
                    Problema(
                        _ROTULO["valor"],
                        f"{contexto} — regra de validação: {r.texto}",
                        _linha_da_regra(r.nome, g, s, u.tipo),
                    )
                )
        planos.append((g, envio, novos + manter, {(ln.versao.id, ln.valor.desagregacao) for ln in g.linhas}))
    return planos


def _gravar_envios(s, planos: list, ator: Usuario | None, nome: str, total: int) -> Resultado:
    """Grava os valores de cada grupo e deixa o envio “enviado” (com o evento na história);
    quem importou passa a responder pelos valores do arquivo (segregação de funções)."""
    res = Resultado(linhas=total, envios=len(planos), enviados=0, atualizados=0, sem_mudanca=0, valores_alterados=0)
    for g, envio, valores, do_arquivo in planos:
        u, per = g.unidade, g.periodo
        if envio is None:
            envio = EnvioColeta(periodo_id=per.id, unidade_chave=u.chave, status="rascunho", **u.ids)
            s.add(envio)
            s.flush()
        mudancas = gravar_valores_no_envio(s, envio, valores, ator)
        res.valores_alterados += mudancas
        de = envio.status
        agora = agora_utc()
        if de != "enviado":
            envio.status = proxima_situacao(de, "enviar")
            if ator is not None:  # quem importou responde pelos valores do arquivo (segregação de funções)
                s.flush()
                for v in s.exec(select(ValorIndicador).where(ValorIndicador.envio_id == envio.id)):
                    if (v.versao_indicador_id, v.desagregacao) in do_arquivo and v.informado_por_id != ator.id:
                        v.informado_por_id = ator.id
                        s.add(v)
            res.enviados += 1
            comentario = f"Planilha “{trecho(nome)}”."
        elif mudancas:
            res.atualizados += 1
            comentario = f"Planilha “{trecho(nome)}”: {mudancas} valor(es) alterado(s)."
        else:
            res.sem_mudanca += 1
            continue
        envio.enviado_em = agora
        envio.primeiro_envio_em = envio.primeiro_envio_em or agora
        envio.atualizado_em = agora
        s.add(envio)
        registrar_evento(s, envio, ator, "importado", de, envio.status, comentario)
        gravar(s, f"O envio de {u.nome} em {rotulo(per)}")
    return res


def importar_valores(
    ator: Usuario | None, nome: str, conteudo: bytes, *, hoje: date, progresso=None, sistema: bool = False
) -> Resultado:
    """Valida o arquivo inteiro; se tudo estiver certo, grava numa só transação e deixa cada envio
    do arquivo como “enviado”. `progresso`, se dado, recebe a fração (0–1) das linhas validadas.

    Etapas: cabeçalho (`_campos_do_cabecalho`), linhas agrupadas por unidade × período
    (`_agrupar_linhas`), cada grupo conferido como um envio (`_conferir_envios`) e, sem
    problema algum, a gravação (`_gravar_envios`)."""
    if not sistema:
        _exigir_importar(ator)
    linhas = ler_arquivo(nome, conteudo, aba="Valores")
    campos = _campos_do_cabecalho(linhas[0])
    p: list[Problema] = []
    with sessao(ator) as s:
        # em fila com outra importação simultânea: as versões dos envios lidas abaixo são as que
        # a gravação vai conferir
        reservar_escrita(s)
        grupos, com_erro = _agrupar_linhas(_Apoio.carregar(s), linhas, campos, hoje, progresso, p)
        planos = _conferir_envios(s, grupos, com_erro, p)
        if p:
            p.sort(key=lambda x: x.linha or 0)
            raise ErroValidacao(p)
        res = _gravar_envios(s, planos, ator, nome, len(linhas) - 1)
        res.colunas_ignoradas = colunas_fora_do_modelo(linhas, _POR_CABECALHO.__contains__)
        if progresso:
            progresso(1.0)
    return res


def _na_linha(x: Problema, g: _Grupo, contexto: str, versoes: dict) -> Problema:
    """Leva um problema do conjunto (campo “E01 — Sexo”) à linha do arquivo que o causou."""
    codigo, _, resto = x.campo.partition(" — ")
    linhas_cod = [ln for ln in g.linhas if ln.indicador.codigo == codigo]
    tipo = next((v.tipo for i, v in versoes.values() if i.codigo == codigo), "contagem")
    alvo = None
    for ln in linhas_cod:
        if rotulo_desagregacao(ln.valor.desagregacao) == resto:
            alvo = ln
            break
    if alvo is None and resto and resto != "Total":  # soma de uma dimensão: a linha do total, ou a 1ª da dimensão
        dim = next((d for d, (nome_d, _) in DESAGREGACOES.items() if nome_d == resto), None)
        alvo = next((ln for ln in linhas_cod if ln.valor.desagregacao == ""), None) or next(
            (ln for ln in linhas_cod if dim and ln.valor.desagregacao.startswith(f"{dim}:")), None
        )
    if alvo is not None:
        return Problema(_coluna_do_problema(x.mensagem, tipo), f"{codigo} ({resto or 'Total'}): {x.mensagem}", alvo.n)
    linha = linhas_cod[0].n if linhas_cod else g.linhas[0].n
    return Problema(_ROTULO["codigo"], f"{contexto} — {x.campo}: {x.mensagem}", linha)


def _linha_da_regra(nome_regra: str, g: _Grupo, s, alvo: str) -> int:
    """Linha do total do primeiro indicador da regra que está no arquivo (ou a primeira do conjunto)."""
    r = s.exec(select(RegraValidacao).where(RegraValidacao.nome == nome_regra, RegraValidacao.alvo == alvo)).first()
    if r is not None:
        codigos = [
            t for lado in (r.lado_esquerdo, r.lado_direito) for t in termos_expressao(lado) if isinstance(t, str)
        ]
        for c in codigos:
            for ln in g.linhas:
                if ln.indicador.codigo == c and ln.valor.desagregacao == "":
                    return ln.n
    return g.linhas[0].n


# --- situação das unidades num período ------------------------------------------------------------------


def situacao_das_unidades(
    ator: Usuario | None, periodo_id: int, hoje: date, *, tipo: str | None = None, uf: str | None = None
) -> pd.DataFrame:
    """Cada unidade que informa indicadores da periodicidade do período (ou que já tem envio nele),
    com a situação do envio, as datas de envio e a pontualidade. DMF, admin e CNMP."""
    acesso.exigir(ator, acesso.COLETA_VER_TODAS)
    with sessao(ator) as s:
        per = obter_na_sessao(s, PeriodoColeta, periodo_id, "Período não encontrado.")
        tipos = [t for t in ALVOS if (tipo in (None, t)) and indicadores_vigentes(s, t, per.periodicidade)]
        envios = {e.unidade_chave: e for e in s.exec(select(EnvioColeta).where(EnvioColeta.periodo_id == periodo_id))}
        lista = [
            u
            for t in tipos
            for u in unidades.todas(s, t)
            if (u.informa or u.chave in envios) and (not uf or u.uf == uf)
        ]
    linhas = []
    for u in lista:
        e = envios.get(u.chave)
        st_env = e.status if e else None
        primeiro = local(e.primeiro_envio_em).date() if e and e.primeiro_envio_em else None
        linhas.append(
            {
                "Unidade": u.nome,
                "Tipo": ALVO_SINGULAR[u.tipo],
                "UF": u.uf,
                "Situação do envio": st_env,
                "Primeiro envio": e.primeiro_envio_em if e else None,
                "Último envio": e.enviado_em if e else None,
                "Entrega": ENTREGAS[entrega(primeiro, per.prazo, hoje, u.criada_em)],
            }
        )
    return pd.DataFrame(
        linhas, columns=["Unidade", "Tipo", "UF", "Situação do envio", "Primeiro envio", "Último envio", "Entrega"]
    )
