"""Importação de planilhas de fluxos enviadas por tribunais e unidades do MP (CSV ou XLSX em
formatos brasileiros). Tudo ou nada: qualquer linha ruim recusa o arquivo inteiro, com a lista
de linhas e campos em português; linhas já importadas antes (mesma chave natural) são
ignoradas, de modo que reimportar o mesmo arquivo não inclui nada.

Desempenho (issue #8): cada linha passa por uma validação rápida — cada texto repetido (opções,
órgãos, datas, municípios, processos) interpretado uma vez, sem montar objetos — e só vai à
validação completa quando alguma regra acusa problema; é a completa que dá as mensagens. As duas
e o formulário chamam as mesmas regras (dominio/recursos/regras.py). Os fluxos novos entram em lote pelo Core, com a trilha de auditoria escrita em lote
(`auditoria.incluir_em_lote`). tests/dominio/recursos/test_importacao_desempenho.py mede a vazão."""

from __future__ import annotations

import gc
import io
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from operator import itemgetter

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import ARRAY, String, any_, bindparam
from sqlmodel import select

from comum.formatos import dinheiro as formatar_dinheiro
from comum.formatos import ler_data, ler_dinheiro
from comum.planilhas import ler_planilha, limites
from comum.textos import aviso_colunas_ignoradas, colunas_fora_do_modelo, somente_algarismos
from comum.textos import normalizar as _norm
from comum.textos import texto_da_celula as _texto
from core import acesso
from core.auditoria import incluir_em_lote
from core.banco import reservar_escrita, sessao
from core.config import obter_config
from core.erros import ErroValidacao, Problema, trecho
from core.relogio import agora_utc
from dominio.recursos import regras
from dominio.recursos.resumo import inclusao_em_lote
from dominio.recursos.servicos import (
    TEXTOS_LIMITADOS,
    DadosFluxo,
    Referencias,
    colunas_novo_fluxo,
    limite_de_texto,
    problemas_de_tamanho,
    validar_fluxo,
)
from models.recursos import OPCOES_DO_FLUXO, TIPOS_ORIGEM, FluxoRecurso
from models.territorio import Municipio
from models.tipos import CENTAVO, VALOR_MAXIMO
from models.unidades import EscritorioSocial, FundoMunicipal
from models.usuarios import Usuario

TAMANHO_MAX = 20 * 1024 * 1024  # 20 MB por arquivo
LINHAS_MAX = 200_000


def _opcoes(campo: str) -> str:
    """Os rótulos aceitos numa coluna codificada do fluxo, para a explicação do modelo de planilha."""
    return "; ".join(OPCOES_DO_FLUXO[campo].values())


# (cabeçalho no modelo, campo, obrigatório, explicação) — o modelo baixável e o README seguem esta lista
COLUNAS = [
    ("Tipo de origem", "tipo_origem", True, _opcoes("tipo_origem")),
    ("Tipo do órgão de origem", "orgao_tipo", True, _opcoes("orgao_tipo")),
    ("Órgão de origem", "orgao_origem", True, "tribunal, comarca e vara; ramo e unidade do MP; ou o órgão"),
    ("UF de origem", "uf_origem", True, "sigla, ex.: PR"),
    (
        "Número do processo",
        "processo",
        False,
        f"NNNNNNN-DD.AAAA.J.TR.OOOO; {regras.PROCESSO_OBRIGATORIO}",
    ),
    ("Tipo de destino", "destino_tipo", True, _opcoes("destino_tipo")),
    (
        "Código IBGE do município de destino",
        "destino_ibge",
        False,
        "7 dígitos; para Fundo Municipal ou Escritório Social (em branco para projeto ou entidade)",
    ),
    (
        "Nome do destino",
        "destino_nome",
        False,
        "projeto ou entidade; ou o nome do Escritório, se o município tiver mais de um",
    ),
    ("CNPJ do destino", "destino_cnpj", False, "obrigatório para projeto ou entidade"),
    ("Valor (R$)", "valor", True, "ex.: 1.234,56"),
    ("Etapa", "etapa", True, _opcoes("etapa")),
    ("Data potencial", "data_potencial", False, "DD/MM/AAAA"),
    ("Data da destinação", "data_destinacao", False, "DD/MM/AAAA"),
    ("Data da transferência", "data_transferencia", False, "DD/MM/AAAA"),
    ("Data da aplicação", "data_aplicacao", False, "DD/MM/AAAA"),
    ("Justificativa da destinação", "justificativa", False, "obrigatória para TAC, multa e dano moral coletivo"),
    ("Situação da prestação de contas", "status_prestacao", False, _opcoes("status_prestacao")),
    ("Prazo da prestação de contas", "prazo_prestacao", False, "DD/MM/AAAA"),
    ("Data da prestação de contas", "data_prestacao", False, "DD/MM/AAAA; quando a prestação já foi apresentada"),
    (
        "Valor aplicado (R$)",
        "valor_aplicado",
        False,
        "valor efetivamente aplicado (Res. Conjunta CNJ/CNMP 10/2024, art. 14)",
    ),
    ("Atividades e resultados", "atividades_resultados", False, "o que foi feito com o recurso (art. 14)"),
    ("Comprovante de publicidade", "comprovante_publicidade", False, "endereço http(s) onde a prestação foi publicada"),
]
# nomes de campo da validação (dominio.recursos.servicos.validar_fluxo) → cabeçalho da planilha, para o relatório de erros
CAMPO_PARA_COLUNA = {
    "tipo de origem": "Tipo de origem",
    "tipo do órgão de origem": "Tipo do órgão de origem",
    "órgão de origem": "Órgão de origem",
    "UF de origem": "UF de origem",
    "número do processo": "Número do processo",
    "tipo de destino": "Tipo de destino",
    "Fundo Municipal de destino": "Código IBGE do município de destino",
    "Escritório Social de destino": "Código IBGE do município de destino",
    "nome do destino": "Nome do destino",
    "CNPJ do destino": "CNPJ do destino",
    "valor": "Valor (R$)",
    "etapa": "Etapa",
    "data — potencial": "Data potencial",
    "data — destinado": "Data da destinação",
    "data — transferido": "Data da transferência",
    "data — aplicado": "Data da aplicação",
    "justificativa": "Justificativa da destinação",
    "valor aplicado": "Valor aplicado (R$)",
    "situação da prestação de contas": "Situação da prestação de contas",
    "data da prestação de contas": "Data da prestação de contas",
    "comprovante de publicidade": "Comprovante de publicidade",
    "atividades e resultados": "Atividades e resultados",
}
CABECALHOS = [c[0] for c in COLUNAS]


def _tradutor(opcoes: dict[str, str]) -> dict[str, str]:
    """Aceita o código ("prestacao_pecuniaria") ou o rótulo ("Prestação pecuniária"), sem acento nem caixa."""
    m = {}
    for codigo, rotulo in opcoes.items():
        m[_norm(codigo)] = codigo
        m[_norm(codigo.replace("_", " "))] = codigo
        m[_norm(rotulo)] = codigo
    return m


TRADUTORES = {campo: _tradutor(opcoes) for campo, opcoes in OPCOES_DO_FLUXO.items()}
_POR_CABECALHO = {_norm(h): campo for h, campo, _, _ in COLUNAS}


@dataclass
class ResultadoImportacao:
    linhas: int
    incluidas: int
    ja_existentes: int
    # cabeçalhos que não são colunas do modelo (até 80 caracteres cada; "coluna N (sem nome)" para
    # uma coluna sem cabeçalho com dados): o que havia nelas não foi lido — quem importou precisa saber
    colunas_ignoradas: tuple[str, ...] = ()

    @property
    def aviso_colunas_ignoradas(self) -> str:
        """A frase que a página e a linha de comando mostram ao lado do resumo ("" se nenhuma)."""
        return aviso_colunas_ignoradas(self.colunas_ignoradas)


def cabecalho_e_instrucoes(wb: Workbook, ws, colunas: list[tuple[str, str, bool, str]]):
    """Cabeçalho em negrito com largura legível na aba de dados e a aba "Instruções" (coluna,
    obrigatória, o que aceita) de um modelo de planilha. Devolve a aba de instruções."""
    for i, (h, *_) in enumerate(colunas, start=1):
        ws.cell(row=1, column=i).font = Font(bold=True)
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = max(14, len(h) + 2)
    inst = wb.create_sheet("Instruções")
    inst.append(["Coluna", "Obrigatória", "O que aceita"])
    for h, _, obrig, expl in colunas:
        inst.append([h, "sim" if obrig else "não", expl])
    inst.append([])
    return inst


def modelo_de_planilha(
    aba: str,
    colunas: list[tuple[str, str, bool, str]],
    exemplos: list[list],
    instrucoes: list[str],
    larguras: tuple[int, int],
) -> Workbook:
    """O modelo de planilha de uma importação: aba `aba` com os cabeçalhos de `colunas` e as linhas
    de `exemplos`; aba "Instruções" com cada coluna (`cabecalho_e_instrucoes`), depois um texto de
    `instrucoes` por linha, e `larguras` das colunas de nome e de explicação."""
    wb = Workbook()
    ws = wb.active
    ws.title = aba
    ws.append([c[0] for c in colunas])
    for linha in exemplos:
        ws.append(linha)
    inst = cabecalho_e_instrucoes(wb, ws, colunas)
    for texto in instrucoes:
        inst.append([texto])
    inst.column_dimensions["A"].width, inst.column_dimensions["C"].width = larguras
    return wb


def bytes_da_planilha(wb: Workbook) -> bytes:
    """O arquivo XLSX do `wb`, para baixar."""
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def modelo_xlsx() -> bytes:
    """O modelo de planilha: aba "Fluxos" com os cabeçalhos e uma linha de exemplo; aba
    "Instruções" com cada coluna, se é obrigatória e o que aceita."""
    exemplo = [
        "Prestação pecuniária",
        "Tribunal (comarca/vara)",
        "TJRJ — Comarca da Capital — VEP",
        "RJ",
        "0058967-77.2016.8.19.0000",
        "Fundo Municipal",
        "3304557",
        "",
        "",
        "12.345,67",
        "Transferido",
        "",
        "10/03/2024",
        "02/04/2024",
        "",
        "",
        "Pendente",
        "02/10/2024",
        "",
        "",
        "",
        "",
    ]
    instrucoes = [
        "CSV: separador ; ou , — codificação UTF-8 ou Windows (cp1252) — valores 1.234,56 — datas DD/MM/AAAA.",
        "O arquivo entra inteiro ou não entra: qualquer linha com problema recusa tudo, com a lista do que corrigir.",
        "Linhas já importadas antes (mesma origem, órgão, processo, destino, valor e primeira data) são ignoradas.",
        "Colunas fora do modelo não são lidas: o resultado da importação as lista.",
    ]
    return bytes_da_planilha(modelo_de_planilha("Fluxos", COLUNAS, [exemplo], instrucoes, (36, 90)))


def ler_arquivo(nome: str, conteudo: bytes, *, aba: str = "Fluxos") -> list[list]:
    """As linhas não vazias do CSV ou XLSX (aba `aba`, se existir; senão a primeira), cabeçalho na
    primeira, pela leitura única com limites (`comum.planilhas.ler_planilha`): 20 MB, 200.000
    linhas e os limites de colunas, caracteres por célula e ZIP da configuração."""
    linhas = ler_planilha(nome, conteudo, limites(TAMANHO_MAX, LINHAS_MAX), aba=aba)
    if len(linhas) < 2:
        raise ErroValidacao(Problema("arquivo", "não há linhas de dados abaixo do cabeçalho"))
    return linhas


def _data(v, campo, linha, p) -> date | None:
    if v is None or _texto(v) == "":
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    try:
        return ler_data(_texto(v))
    except ValueError as exc:
        p.append(Problema(campo, str(exc), linha))
        return None


def _dinheiro(v, campo, linha, p) -> Decimal | None:
    if v is None or _texto(v) == "":
        return None
    if isinstance(v, (int, Decimal, float)):
        # célula numérica do Excel: 15 algarismos significativos, como o próprio Excel
        valor = Decimal(format(v, ".15g")) if isinstance(v, float) else Decimal(v)
        if valor.is_finite() and abs(valor) > VALOR_MAXIMO:
            p.append(
                Problema(
                    campo,
                    f"valor “{_texto(v)}” acima do máximo aceito "
                    f"({formatar_dinheiro(VALOR_MAXIMO)}); confira os dígitos",
                    linha,
                )
            )
            return None
        if not isinstance(v, float):
            return valor
        if valor != valor.quantize(Decimal("0.01")):  # fração de centavo: recusada, não arredondada
            p.append(Problema(campo, f"valor “{str(valor).replace('.', ',')}” tem mais de duas casas decimais", linha))
            return None
        return valor.quantize(Decimal("0.01"))
    try:
        return ler_dinheiro(_texto(v))
    except ValueError as exc:
        p.append(Problema(campo, str(exc), linha))
        return None


FALHA = object()  # a validação rápida não aceita o valor: a linha vai para a validação completa


class _Memo(dict):
    """`funcao(valor)` lembrada por valor de célula: uma planilha repete muito os mesmos textos
    (opções, órgãos, datas, municípios), e cada um é interpretado uma vez por importação. Só
    textos e None são lembrados: 1, 1.0 e True são a mesma chave de dicionário, mas células
    diferentes."""

    __slots__ = ("funcao",)

    def __init__(self, funcao):
        super().__init__()
        self.funcao = funcao

    def __missing__(self, valor):
        try:
            r = self.funcao(valor)
        except Exception:  # noqa: BLE001 - a validação completa reproduz (e explica) o problema
            r = FALHA
        if valor is None or valor.__class__ is str:
            self[valor] = r
        return r


@dataclass
class _Cadastro:
    """O que a validação de uma linha consulta no banco, carregado uma vez por importação."""

    refs: Referencias
    municipios: set[int]
    fundo_por_ibge: dict[int, int]
    escr_por_ibge: dict[int, list[tuple[int, str]]]

    @classmethod
    def carregar(cls, s) -> _Cadastro:
        escr_por_ibge: dict[int, list[tuple[int, str]]] = {}
        for eid, ibge, enome in s.exec(
            select(EscritorioSocial.id, EscritorioSocial.municipio_codigo, EscritorioSocial.nome)
        ):
            escr_por_ibge.setdefault(ibge, []).append((eid, enome))
        return cls(
            Referencias.carregar(s),
            set(s.exec(select(Municipio.codigo_ibge))),
            dict(s.exec(select(FundoMunicipal.municipio_codigo, FundoMunicipal.id)).all()),
            escr_por_ibge,
        )


def _opcao(campo: str, v) -> tuple[str | None, str | None]:
    """Etapa 1 de uma linha: o código de uma coluna de opções (tipo de origem, tipo do órgão,
    tipo de destino, etapa, situação da prestação) a partir do código ou do rótulo; a situação
    em branco é "não exigida". Devolve (código ou None, problema ou None)."""
    bruto = _texto(v)
    if campo == "status_prestacao" and not bruto:
        return "nao_exigida", None
    codigo = TRADUTORES[campo].get(_norm(bruto))
    return codigo, None if codigo else f"“{trecho(bruto)}” não é uma opção válida"


def _problema_ibge(cad: _Cadastro, ibge_txt: str) -> str | None:
    """O código IBGE do município tem 7 dígitos e está no cadastro do IBGE (`data/`)."""
    if not somente_algarismos(ibge_txt) or len(ibge_txt) != 7:
        return f"“{ibge_txt[:80]}” deve ter 7 dígitos"
    if int(ibge_txt) not in cad.municipios:
        return f"município {ibge_txt} não existe no cadastro do IBGE"
    return None


def _destino(cad: _Cadastro, destino_tipo: str | None, v_ibge, v_nome) -> tuple[int | None, int | None, str | None]:
    """Etapa 2 de uma linha: o Fundo Municipal ou o Escritório Social de destino pelo código
    IBGE do município (e pelo nome, se o município tem mais de um Escritório). Devolve
    (fundo_id, escritorio_id, problema ou None). Projeto ou entidade não tem município no cadastro:
    um código IBGE na linha dele é recusado (inválido ou não), em vez de ignorado em silêncio."""
    ibge_txt = _texto(v_ibge)
    if destino_tipo not in ("fundo", "escritorio"):
        if destino_tipo == "projeto" and ibge_txt:
            problema = _problema_ibge(cad, ibge_txt) or (
                "só se usa para Fundo Municipal ou Escritório Social; para projeto ou entidade, deixe em "
                "branco (o sistema não guarda o município do projeto)"
            )
            return None, None, problema
        return None, None, None
    problema = _problema_ibge(cad, ibge_txt)
    if problema:
        return None, None, problema
    if destino_tipo == "fundo":
        fundo_id = cad.fundo_por_ibge.get(int(ibge_txt))
        if fundo_id is None:
            return None, None, f"o município {ibge_txt} não tem Fundo Municipal cadastrado"
        return fundo_id, None, None
    opcoes = cad.escr_por_ibge.get(int(ibge_txt), [])
    nome_d = _norm(v_nome)
    if len(opcoes) > 1 and nome_d:
        opcoes = [o for o in opcoes if _norm(o[1]) == nome_d]
    if not opcoes:
        return None, None, "o município não tem Escritório Social cadastrado"
    if len(opcoes) > 1:
        return None, None, "há mais de um Escritório no município: informe o nome do destino"
    return None, opcoes[0][0], None


# colunas do arquivo lidas como data (DD/MM/AAAA), na ordem das etapas
COLUNAS_DE_DATA = (
    "data_potencial",
    "data_destinacao",
    "data_transferencia",
    "data_aplicacao",
    "prazo_prestacao",
    "data_prestacao",
)
_COLUNA_IBGE = "Código IBGE do município de destino"


def _validacao_completa(cad: _Cadastro, campos: dict[str, int], hoje: date):
    """A validação de sempre, campo a campo: lê as opções e o destino (`_opcao`, `_destino`),
    o dinheiro e as datas da planilha e confere o fluxo com `validar_fluxo` — as regras de
    dominio/recursos/regras.py. Devolve `completa(n, linha)` → (colunas do fluxo, problemas com
    a linha e o cabeçalho da coluna)."""
    rotulo = {c: h for h, c, _, _ in COLUNAS}

    def completa(n: int, r: list) -> tuple[dict | None, list[Problema]]:
        val = {campo: r[i] for campo, i in campos.items()}
        erros_linha: list[Problema] = []
        cod = {}
        for campo in TRADUTORES:
            cod[campo], msg = _opcao(campo, val.get(campo))
            if msg:
                erros_linha.append(Problema(rotulo[campo], msg, n))
        fundo_id, escritorio_id, msg = _destino(
            cad, cod["destino_tipo"], val.get("destino_ibge"), val.get("destino_nome")
        )
        if msg:
            erros_linha.append(Problema(_COLUNA_IBGE, msg, n))
        valor = _dinheiro(val.get("valor"), "Valor (R$)", n, erros_linha)
        aplicado = _dinheiro(val.get("valor_aplicado"), "Valor aplicado (R$)", n, erros_linha)
        datas = {k: _data(val.get(k), rotulo[k], n, erros_linha) for k in COLUNAS_DE_DATA}
        if erros_linha:
            return None, erros_linha
        dados = DadosFluxo(
            tipo_origem=cod["tipo_origem"],
            orgao_tipo=cod["orgao_tipo"],
            orgao_origem=_texto(val.get("orgao_origem")),
            uf_origem=_texto(val.get("uf_origem")),
            destino_tipo=cod["destino_tipo"],
            valor=valor,
            etapa=cod["etapa"],
            processo=_texto(val.get("processo")) or None,
            fundo_id=fundo_id,
            escritorio_id=escritorio_id,
            destino_nome=_texto(val.get("destino_nome")) if cod["destino_tipo"] == "projeto" else "",
            destino_cnpj=_texto(val.get("destino_cnpj")) or None,
            justificativa=_texto(val.get("justificativa")),
            status_prestacao=cod["status_prestacao"],
            valor_aplicado=aplicado,
            atividades_resultados=_texto(val.get("atividades_resultados")),
            comprovante_publicidade=_texto(val.get("comprovante_publicidade")) or None,
            **datas,
        )
        limpo, probs = validar_fluxo(dados, cad.refs, hoje)
        if probs:
            return None, [Problema(CAMPO_PARA_COLUNA.get(x.campo, x.campo), x.mensagem, n) for x in probs]
        return colunas_novo_fluxo(limpo, hoje), []

    return completa


def _memos_da_rapida(cad: _Cadastro, hoje: date) -> dict[str, _Memo]:
    """Cada texto de célula interpretado uma vez (`_Memo`) pelas mesmas funções da completa: as
    opções (`_opcao`) e as regras de dominio/recursos/regras.py; um valor com problema é FALHA."""

    def aceito(par):
        valor, problema = par
        return FALHA if problema else valor

    def opcao(campo):
        return _Memo(lambda v: aceito(_opcao(campo, v)))

    def fundo(v):
        fundo_id, _, problema = _destino(cad, "fundo", v, None)
        return FALHA if problema or fundo_id not in cad.refs.fundos else fundo_id

    def comprovante(v):
        t = _texto(v) or None
        return FALHA if regras.problema_comprovante(t) else t

    def data_(v):
        erros: list = []
        d = _data(v, "", 0, erros)
        return FALHA if erros else d

    return {
        **{campo: opcao(campo) for campo in TRADUTORES},
        "orgao_origem": _Memo(lambda v: aceito(regras.conferir_orgao(_texto(v)))),
        "uf_origem": _Memo(lambda v: aceito(regras.conferir_uf(_texto(v), cad.refs.ufs))),
        "processo": _Memo(lambda v: aceito(regras.conferir_processo("", _texto(v), hoje))),
        "destino_cnpj": _Memo(lambda v: aceito(regras.conferir_cnpj_destino("", _texto(v)))),
        "comprovante_publicidade": _Memo(comprovante),
        "data": _Memo(data_),
        "fundo": _Memo(fundo),
        "texto": _Memo(_texto),
    }


def _validacao_rapida(cad: _Cadastro, campos: dict[str, int], hoje: date):
    """A validação rápida de uma linha: os mesmos passos e as mesmas regras da completa
    (`_opcao`, `_destino` e as funções de dominio/recursos/regras.py), com cada texto repetido
    interpretado uma vez e sem montar objetos. Devolve `rapida(linha)` → colunas do fluxo, ou
    None se alguma regra acusar um problema (ou a célula não for do tipo esperado): então a
    linha passa pela completa, que dá as mensagens."""
    m = _memos_da_rapida(cad, hoje)
    m_origem, m_orgao_tipo, m_destino = m["tipo_origem"], m["orgao_tipo"], m["destino_tipo"]
    m_etapa, m_status, m_orgao, m_uf = m["etapa"], m["status_prestacao"], m["orgao_origem"], m["uf_origem"]
    m_processo, m_cnpj, m_comprovante = m["processo"], m["destino_cnpj"], m["comprovante_publicidade"]
    m_data, m_fundo, m_texto = m["data"], m["fundo"], m["texto"]
    escritorios: dict = {}
    etapas_sem_problemas: dict[tuple, bool] = {}  # a mesma combinação de etapa e datas, conferida uma vez
    # a regra decide uma vez por tipo de origem; textos até o menor limite não passam de coluna alguma
    processo_obrigatorio = {t: regras.conferir_processo(t, None)[1] is not None for t in TIPOS_ORIGEM}
    menor_limite = min(limite_de_texto(c) for c in TEXTOS_LIMITADOS)

    def escritorio(v_ibge, v_nome):
        _, escritorio_id, problema = _destino(cad, "escritorio", v_ibge, v_nome)
        return FALHA if problema or escritorio_id not in cad.refs.escritorios else escritorio_id

    dias_prazo = obter_config().prazo_prestacao_dias
    # colunas ausentes do cabeçalho: o None acrescentado ao fim de cada linha
    pegar = itemgetter(*[campos.get(c, -1) for _, c, _, _ in COLUNAS])

    def rapida(r: list) -> dict | None:
        (
            v_origem,
            v_orgao_tipo,
            v_orgao,
            v_uf,
            v_processo,
            v_destino,
            v_ibge,
            v_nome,
            v_cnpj,
            v_valor,
            v_etapa,
            v_dpot,
            v_ddest,
            v_dtransf,
            v_dapl,
            v_just,
            v_status,
            v_prazo,
            v_dprest,
            v_aplicado,
            v_ativ,
            v_comprov,
        ) = pegar(r)
        tipo, etapa, destino, st = m_origem[v_origem], m_etapa[v_etapa], m_destino[v_destino], m_status[v_status]
        orgao_tipo, org, sigla, proc = m_orgao_tipo[v_orgao_tipo], m_orgao[v_orgao], m_uf[v_uf], m_processo[v_processo]
        cnpj_, compr = m_cnpj[v_cnpj], m_comprovante[v_comprov]
        if (
            tipo is FALHA
            or etapa is FALHA
            or destino is FALHA
            or st is FALHA
            or orgao_tipo is FALHA
            or org is FALHA
            or sigla is FALHA
            or proc is FALHA
            or cnpj_ is FALHA
            or compr is FALHA
        ):
            return None
        if proc is None and processo_obrigatorio[tipo]:
            return None
        fundo_id = escritorio_id = None
        nome = ""
        if destino == "fundo":
            fundo_id = m_fundo[v_ibge]
            if fundo_id is FALHA:
                return None
            alvo = f"fundo:{fundo_id}"
        elif destino == "escritorio":
            chave = (v_ibge, v_nome)
            escritorio_id = escritorios.get(chave)
            if escritorio_id is None:
                try:
                    escritorio_id = escritorio(v_ibge, v_nome)
                except Exception:  # noqa: BLE001 - a validação completa reproduz o problema
                    escritorio_id = FALHA
                if (v_ibge is None or v_ibge.__class__ is str) and (v_nome is None or v_nome.__class__ is str):
                    escritorios[chave] = escritorio_id
            if escritorio_id is FALHA:
                return None
            alvo = f"escritorio:{escritorio_id}"
        else:
            if m_texto[v_ibge]:  # código IBGE em linha de projeto: a completa diz o problema
                return None
            nome = " ".join(m_texto[v_nome].split())
            if not nome or (cnpj_ is None and regras.conferir_cnpj_destino(destino, None)[1]):
                return None
            alvo = f"projeto:{cnpj_ or nome}"
        dpot, ddest, dtransf, dapl = m_data[v_dpot], m_data[v_ddest], m_data[v_dtransf], m_data[v_dapl]
        prazo, dprest = m_data[v_prazo], m_data[v_dprest]
        if dpot is FALHA or ddest is FALHA or dtransf is FALHA or dapl is FALHA or prazo is FALHA or dprest is FALHA:
            return None
        chave_etapas = (etapa, dpot, ddest, dtransf, dapl)
        etapas_ok = etapas_sem_problemas.get(chave_etapas)
        if etapas_ok is None:
            datas = {
                "data_potencial": dpot,
                "data_destinacao": ddest,
                "data_transferencia": dtransf,
                "data_aplicacao": dapl,
            }
            etapas_ok = etapas_sem_problemas[chave_etapas] = not regras.problemas_das_etapas(etapa, datas, hoje)
        if not etapas_ok:
            return None
        valor = _valor_rapido(v_valor)
        if valor is FALHA or regras.problema_valor(valor):
            return None
        aplicado = _valor_rapido(v_aplicado)
        if aplicado is FALHA or regras.problema_valor_aplicado(aplicado, valor):
            return None
        just, ativ = m_texto[v_just], m_texto[v_ativ]
        if regras.problema_justificativa(tipo, etapa, just) or regras.problemas_prestacao(st, dprest, aplicado):
            return None
        textos = {
            "orgao_origem": org,
            "destino_nome": nome,
            "justificativa": just,
            "atividades_resultados": ativ,
            "comprovante_publicidade": compr,
        }
        if max(map(len, filter(None, textos.values())), default=0) > menor_limite and problemas_de_tamanho(textos):
            return None
        if prazo is None and st == "pendente":
            prazo = regras.prazo_padrao_prestacao(dtransf, dias_prazo)
        return {
            "tipo_origem": tipo,
            "orgao_tipo": orgao_tipo,
            "orgao_origem": org,
            "uf_origem": sigla,
            "destino_tipo": destino,
            "valor": valor,
            "etapa": etapa,
            "processo": proc,
            "fundo_id": fundo_id,
            "escritorio_id": escritorio_id,
            "destino_nome": nome,
            "destino_cnpj": cnpj_,
            "data_potencial": dpot,
            "data_destinacao": ddest,
            "data_transferencia": dtransf,
            "data_aplicacao": dapl,
            "justificativa": just,
            "valor_aplicado": aplicado,
            "atividades_resultados": ativ,
            "comprovante_publicidade": compr,
            "prazo_prestacao": prazo,
            "data_prestacao": dprest,
            "status_prestacao": st,
            "observacoes": "",
            "data_referencia": dapl or dtransf or ddest or dpot or hoje,
            "chave_natural": regras.chave_natural_de(
                tipo, org, sigla, proc, alvo, valor, dpot or ddest or dtransf or dapl
            ),
        }

    return rapida


def _validadores(s, campos: dict[str, int], hoje: date):
    """As duas validações de uma linha (lista de células, completada com None até as colunas do
    cabeçalho e com um None a mais no fim), com o que consultam no banco carregado uma vez
    (`_Cadastro`):

    - `completa(n, linha)` → (colunas do fluxo, problemas): campo a campo, com as mensagens por
      linha e coluna (`_validacao_completa`);
    - `rapida(linha)` → colunas do fluxo, ou None se alguma regra acusar problema — então a
      linha passa pela completa, que diz o que está errado (`_validacao_rapida`). As duas chamam
      as mesmas regras (dominio/recursos/regras.py); a rápida só evita interpretar de novo os
      textos repetidos e montar objetos (tests/dominio/recursos/test_importacao.py compara as
      duas linha a linha)."""
    cad = _Cadastro.carregar(s)
    return _validacao_rapida(cad, campos, hoje), _validacao_completa(cad, campos, hoje)


# 1.234,56, o formato das planilhas brasileiras, até 21 algarismos antes da vírgula (longe do
# limite de precisão do Decimal, em que ler_dinheiro falharia)
_RE_VALOR_BR = re.compile(r"[0-9][0-9.]{0,20},[0-9]{2}")


def _valor_rapido(v) -> Decimal | None:
    """O valor que `_dinheiro` devolveria, quando a validação completa o aceitaria (finito,
    exato ao centavo; maior que zero é conferido por quem chama); FALHA se não."""
    if v is None:
        return None
    if v.__class__ is str:
        if _RE_VALOR_BR.fullmatch(v):  # o que ler_dinheiro faria com ele, sem os outros casos
            return Decimal(v.replace(".", "").replace(",", "."))
        if not v.strip():
            return None
        try:
            return ler_dinheiro(v)  # já finito e exato ao centavo
        except (ValueError, ArithmeticError):
            return FALHA
    erros: list = []
    try:
        d = _dinheiro(v, "", 0, erros)
        if erros or d is None:
            return FALHA if erros else None
        return d if d.is_finite() and d == d.quantize(CENTAVO) else FALHA
    except (ValueError, TypeError, ArithmeticError):
        return FALHA


def _chaves_existentes(s, chaves: list[str]) -> set[str]:
    """As chaves naturais que já estão no banco: no PostgreSQL numa consulta só (`= ANY` de uma
    lista); no SQLite em blocos (limite de parâmetros por comando)."""
    coluna = FluxoRecurso.chave_natural
    if s.get_bind().dialect.name == "postgresql":
        return set(s.exec(select(coluna).where(coluna == any_(bindparam("chaves", chaves, type_=ARRAY(String))))))
    existentes: set[str] = set()
    for i in range(0, len(chaves), 900):
        existentes.update(s.exec(select(coluna).where(coluna.in_(chaves[i : i + 900]))))
    return existentes


@contextmanager
def _sem_coleta_de_ciclos():
    """Desliga a coleta de ciclos do Python durante a importação: ela percorre todos os objetos
    vivos a cada tantas alocações e, com as centenas de milhares de células e dicionários de uma
    planilha grande, custava perto de um quinto do tempo. A importação não cria ciclos; a
    contagem de referências continua liberando a memória. Religa no fim (se estava ligada)."""
    ligada = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if ligada:
            gc.enable()


def importar_fluxos(
    ator: Usuario | None, nome: str, conteudo: bytes, *, hoje: date, sistema: bool = False, progresso=None
) -> ResultadoImportacao:
    """Valida o arquivo inteiro; se tudo estiver certo, grava numa só transação. `progresso`,
    se dado, é chamado com a fração (0–1) das linhas validadas.

    Cada linha passa pela validação rápida e, se ela não tiver certeza, pela completa, que diz o
    que está errado (`_validadores`); os fluxos novos entram em lote, com a trilha de auditoria
    de cada um (`auditoria.incluir_em_lote`)."""
    if not sistema:
        acesso.exigir(ator, acesso.RECURSOS_EDITAR)
    with _sem_coleta_de_ciclos():
        return _importar(ator, nome, conteudo, hoje, progresso)


def _cabecalho(linhas: list[list]) -> tuple[dict[str, int], tuple[str, ...]]:
    """Lê o cabeçalho: (campo → índice da coluna, colunas fora do modelo). Uma coluna do modelo
    repetida ou uma obrigatória ausente recusam o arquivo; uma coluna de nome desconhecido — ou sem
    nome, mas com dados — entra na lista das ignoradas (`comum.textos.colunas_fora_do_modelo`),
    que o resultado mostra."""
    campos: dict[str, int] = {}
    p: list[Problema] = []
    rotulo = {c: h for h, c, _, _ in COLUNAS}
    for i, bruto in enumerate(linhas[0]):
        campo = _POR_CABECALHO.get(_norm(bruto))
        if campo is None:
            continue
        if campo in campos:
            p.append(
                Problema(rotulo[campo], f"coluna repetida no cabeçalho (colunas {campos[campo] + 1} e {i + 1})", 1)
            )
        else:
            campos[campo] = i
    p += [
        Problema(h, "coluna obrigatória ausente no cabeçalho (baixe o modelo na página Recursos)", 1)
        for h, campo, obrig, _ in COLUNAS
        if obrig and campo not in campos
    ]
    if p:
        raise ErroValidacao(p)
    return campos, colunas_fora_do_modelo(linhas, _POR_CABECALHO.__contains__)


def _importar(ator: Usuario | None, nome: str, conteudo: bytes, hoje: date, progresso) -> ResultadoImportacao:
    linhas = ler_arquivo(nome, conteudo)
    campos, ignoradas = _cabecalho(linhas)
    largura = max(campos.values()) + 1
    p: list[Problema] = []
    with sessao(ator) as s:
        rapida, completa = _validadores(s, campos, hoje)
        novos: list[dict] = []
        vistas: dict[str, int] = {}
        total = len(linhas) - 1
        for n in range(2, total + 2):
            r = linhas[n - 1]
            if progresso and n % 2000 == 0:
                progresso(min(1.0, (n - 1) / total))
            if len(r) < largura:
                r.extend([None] * (largura - len(r)))
            r.append(None)  # o valor das colunas ausentes do cabeçalho
            dados = rapida(r)
            if dados is None:
                dados, probs = completa(n, r)
                if probs:
                    p += probs
                    continue
            chave = dados["chave_natural"]
            if chave in vistas:
                p.append(
                    Problema(
                        "linha inteira", f"repete a linha {vistas[chave]} (mesma origem, destino, valor e data)", n
                    )
                )
                continue
            vistas[chave] = n
            if not p:
                novos.append(dados)
        if p:
            raise ErroValidacao(p)
        # em fila com outra importação simultânea, antes de ver o que já existe (senão as duas
        # incluiriam as mesmas linhas): a validação acima não segura a escrita de ninguém
        reservar_escrita(s)
        existentes = _chaves_existentes(s, list(vistas))
        incluir = [d for d in novos if d["chave_natural"] not in existentes]
        agora = agora_utc()
        for d in incluir:
            d["versao"], d["criado_em"], d["atualizado_em"] = 1, agora, agora
        incluir_em_lote(s, FluxoRecurso, incluir, envolver=inclusao_em_lote)
        if progresso:
            progresso(1.0)
    return ResultadoImportacao(
        linhas=total, incluidas=len(incluir), ja_existentes=len(novos) - len(incluir), colunas_ignoradas=ignoradas
    )
