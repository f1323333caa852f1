"""Leitura única das planilhas e CSVs enviados (fluxos, valores de indicadores, entradas do Índice),
com os limites conferidos enquanto o arquivo é lido, antes de qualquer coisa ficar inteira na
memória. Cada recusa é um `ErroValidacao` no campo “arquivo”, em pt-BR, citando no máximo 80
caracteres de um valor.

A ordem das conferências (docs/seguranca_arquivos.md):

1. tamanho do arquivo e arquivo vazio; extensão (CSV ou XLSX) e conteúdo que confere com ela
   (`comum.tipos_arquivo`: um PDF ou um executável renomeado não é lido);
2. XLSX: o diretório do ZIP (número de partes, soma descompactada e razão de compactação de cada
   parte) antes de descompactar qualquer coisa; depois cada parte XML é varrida em blocos atrás de
   um trecho de texto sem marcação maior do que uma célula pode ter (um espaço em branco de 1,5 GB
   ou uma célula de 50 MB param aqui, sem montar a árvore XML);
3. XLSX: a mesma varredura recusa DTD e entidades (bomba de entidades) e mede, pelas referências
   das células (r="XFD1048576"), o retângulo que a aba ocupa; a dimensão declarada (<dimension>)
   não conta. Se o retângulo cabe em `CELULAS_GRADE_MAX`, o python-calamine (em Rust) lê a aba
   inteira de uma vez — ele monta a aba como uma grade densa, e uma célula em A1 e outra em
   XFD1048576 pediriam 512 GB e derrubariam o processo; senão (ou se o calamine não ler o
   arquivo), o openpyxl lê em modo read_only, linha a linha, com o XML pelo defusedxml;
4. CSV: codificação (UTF-8 ou Windows-1252; UTF-16 e binários com mensagem própria), separador
   (; ou ,; tabulação com mensagem própria) e nenhuma linha com separadores demais antes do csv;
5. durante a leitura, linha a linha: linhas, colunas e caracteres por célula; a leitura para na
   primeira que passa do limite."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from comum import formatos, tipos_arquivo
from core.config import obter_config
from core.erros import ErroValidacao, Problema, trecho

LINHAS_FISICAS_MAX = 1_048_576  # o máximo de linhas de uma planilha do Excel
PARTES_ZIP_MAX = 10_000  # partes dentro de um XLSX (um XLSX comum tem menos de 50)
_BLOCO = 1024 * 1024  # varredura das partes XML em blocos de 1 MB
_BYTES_POR_CARACTERE_XML = 8  # “&quot;” = 6 bytes para 1 caractere; folga para a marcação da célula
_CAMPO = "arquivo"
COLUNAS_EXCEL = 16_384  # o máximo de colunas de uma planilha do Excel (XFD)
_MARCACOES_POR_CELULA = 8  # <c><is><t></t></is></c> são 6 “<”; folga para fórmula e texto rico
_RE_BRANCOS_INICIAIS = re.compile(r"\s*")
_RE_LINHA_XML = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_SOBREPOSICAO = 32  # bytes do fim do bloco anterior: uma marcação partida entre dois blocos é achada
CELULA_CSV_MAX = 131_072  # caracteres: o padrão do módulo csv, acima do máximo de uma célula do Excel
CELULAS_GRADE_MAX = 3_000_000  # células da grade do calamine (32 bytes cada: ~96 MB)
_LINHAS_SEM_CONFERIR = 99_999  # uma referência de célula com menos de 6 dígitos na linha
_COLUNAS_SEM_CONFERIR = 26  # e com uma letra só na coluna (A a Z)
# uma referência que passa dos tetos: coluna de duas letras ou mais, ou linha de seis dígitos ou mais
_RE_REFERENCIA_LONGA = re.compile(rb'<c r="[A-Za-z](?:[A-Za-z]|\d{6})')
_RE_REFERENCIA = re.compile(rb'<c r="([A-Za-z]+)(\d+)')
# células cuja posição não se mede por `<c r="...`: sem a referência logo depois do nome, ou com
# prefixo de namespace; numa aba com qualquer uma delas, a leitura fica com o openpyxl
_RE_CELULA_SEM_REFERENCIA = re.compile(rb"<c[>/\t\n\r]")
_RE_CELULA_COM_PREFIXO = re.compile(rb":c[\s>/]")
_ACHADO_DTD = "DTD"


@dataclass(frozen=True)
class Limites:
    """Os limites de uma leitura. `tamanho_max` e `linhas_max` são de quem importa (fluxos: 20 MB
    e 200.000 linhas); os demais vêm da configuração (`core.config.Config`)."""

    tamanho_max: int  # bytes do arquivo
    linhas_max: int  # linhas de dados (sem o cabeçalho e sem as vazias)
    colunas_max: int
    caracteres_max: int  # por célula
    descompactado_max: int  # bytes: soma das partes do ZIP
    razao_max: int  # tamanho descompactado ÷ compactado de uma parte


def limites(tamanho_max: int, linhas_max: int) -> Limites:
    """Os limites de uma importação: tamanho e linhas dela, colunas, caracteres por célula e o que
    um ZIP pode ter vindos da configuração."""
    cfg = obter_config()
    return Limites(
        tamanho_max=tamanho_max,
        linhas_max=linhas_max,
        colunas_max=cfg.planilha_colunas_max,
        caracteres_max=cfg.planilha_caracteres_max,
        descompactado_max=cfg.planilha_descompactada_max_mb * 1024 * 1024,
        razao_max=cfg.planilha_razao_compactacao_max,
    )


def _recusa(mensagem: str, linha: int | None = None) -> ErroValidacao:
    return ErroValidacao(Problema(_CAMPO, mensagem, linha))


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",")


def mensagem_de_tamanho(nome: str, tamanho: int, tamanho_max: int) -> str:
    """“x.csv” tem 21,0 MB; o limite é 20 MB. (também usada pela linha de comando, que recusa
    pelo tamanho antes de ler o arquivo do disco)."""
    limite = tamanho_max / 1024 / 1024
    limite_txt = f"{limite:.0f}" if limite == int(limite) else f"{limite:.1f}".replace(".", ",")
    return f"“{trecho(nome)}” tem {_mb(tamanho)} MB; o limite é {limite_txt} MB. Divida-o em partes."


# --- ZIP (XLSX e anexos) ------------------------------------------------------------------------


def problema_do_zip(nome: str, conteudo: bytes, lim: Limites) -> str | None:
    """Confere o diretório de um ZIP (XLSX, DOCX, ODT, ZIP...) sem descompactar nada: número de
    partes, soma dos tamanhos descompactados e razão de compactação de cada parte (uma bomba de
    compressão cresce centenas de vezes). O tamanho declarado de cada parte vale: o `zipfile` não
    entrega mais bytes do que ela declara. Devolve a mensagem do problema, ou None."""
    try:
        with zipfile.ZipFile(io.BytesIO(conteudo)) as zf:
            partes = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return f"“{trecho(nome)}” está corrompido (o diretório do arquivo compactado não pode ser lido)"
    if len(partes) > PARTES_ZIP_MAX:
        return f"“{trecho(nome)}” tem {formatos.numero(len(partes))} partes compactadas; o limite é {formatos.numero(PARTES_ZIP_MAX)}"
    total = sum(p.file_size for p in partes)
    if total > lim.descompactado_max:
        return (
            f"“{trecho(nome)}” teria {_mb(total)} MB descompactado; o limite é "
            f"{formatos.numero(lim.descompactado_max // 1024 // 1024)} MB (o arquivo foi recusado antes de ser aberto)"
        )
    for p in partes:
        if p.file_size > 1024 * 1024 and p.file_size > lim.razao_max * max(p.compress_size, 1):
            razao = p.file_size // max(p.compress_size, 1)
            return (
                f"“{trecho(nome)}”: a parte “{trecho(p.filename)}” cresce {formatos.numero(razao)} vezes ao ser "
                f"descompactada (limite: {formatos.numero(lim.razao_max)} vezes) — parece uma bomba de compressão; "
                "o arquivo foi recusado"
            )
    return None


@dataclass
class Extensao:
    """O retângulo que as células de uma aba ocupam, medido pelas referências delas (r="B7") na
    varredura do XML, sem montar nada: a última linha e a última coluna que alguma célula pode
    ocupar. Por economia a medida é um teto — linhas de menos de 6 dígitos contam como 99.999 e
    colunas de uma letra como Z. Uma aba com alguma célula sem a referência no começo (a posição
    dela viria da anterior) ou com prefixo de namespace não é `conferivel`."""

    ultima_linha: int = _LINHAS_SEM_CONFERIR
    ultima_coluna: int = _COLUNAS_SEM_CONFERIR
    sem_referencia: int = 0  # células “<c ” menos as “<c r="”, somadas bloco a bloco
    outra_forma: bool = False  # “<c>”, “<c/>”, prefixo de namespace, livro que não é XLSX...

    @property
    def conferivel(self) -> bool:
        return not self.sem_referencia and not self.outra_forma

    @property
    def celulas(self) -> int:
        return self.ultima_linha * self.ultima_coluna

    def medir(self, anterior: bytes, juntos: bytes) -> None:
        """Mede o bloco em `juntos` (= `anterior`, o fim do bloco anterior, + o bloco): cada
        marcação conta no bloco em que termina."""
        self.sem_referencia += (juntos.count(b"<c ") - anterior.count(b"<c ")) - (
            juntos.count(b'<c r="') - anterior.count(b'<c r="')
        )
        if _RE_CELULA_SEM_REFERENCIA.search(juntos) or (b":c" in juntos and _RE_CELULA_COM_PREFIXO.search(juntos)):
            self.outra_forma = True
        for m in _RE_REFERENCIA_LONGA.finditer(juntos):
            ref = _RE_REFERENCIA.match(juntos, m.start())
            if ref is None or ref.end() == len(juntos):  # cortada pelo fim do bloco, ou sem dígitos
                if m.start() < len(juntos) - _SOBREPOSICAO:  # e o próximo bloco não a verá inteira
                    self.outra_forma = True
                continue
            self.ultima_coluna = max(self.ultima_coluna, _numero_da_coluna(ref[1]))
            self.ultima_linha = max(self.ultima_linha, int(ref[2]))


def _numero_da_coluna(letras: bytes) -> int:
    """A → 1, Z → 26, AA → 27, XFD → 16.384."""
    n = 0
    for letra in letras.upper():
        n = n * 26 + letra - 64
    return n


def _varrer_xml(fluxo, limite_trecho: int, marcacoes_max: int | None, extensao: Extensao | None = None) -> str | None:
    """Varre uma parte XML em blocos de 1 MB, sem montar nada, atrás do que o parser XML
    juntaria na memória: um trecho sem “<” maior que `limite_trecho` bytes (texto de uma célula ou
    espaço entre marcações), uma DTD (onde se declaram as entidades de uma bomba de entidades;
    devolve `_ACHADO_DTD`) e, numa aba (`marcacoes_max` dado), mais de `marcacoes_max` marcações
    seguidas sem começar uma linha nova (<row>: uma linha com um milhão de células ou um mar de
    elementos fora das linhas). Numa aba, mede também a `extensao` das células. Devolve o que
    achou, em pt-BR, ou None."""
    corrida = 0  # bytes sem “<” desde o último “<”
    marcacoes = 0  # “<” desde o último começo de linha
    janela = max(limite_trecho // 2, 1)
    resto = b""  # o fim do bloco anterior, para achar uma marcação partida entre dois blocos
    while bloco := fluxo.read(_BLOCO):
        juntos = resto + bloco
        if b"<!DOCTYPE" in juntos or b"<!ENTITY" in juntos:
            return _ACHADO_DTD
        primeiro = bloco.find(b"<")
        if primeiro < 0:
            corrida += len(bloco)
            if corrida > limite_trecho:
                return f"um trecho de texto ou de espaços com mais de {formatos.numero(limite_trecho)} bytes seguidos"
            resto = juntos[-_SOBREPOSICAO:]
            continue
        if corrida + primeiro > limite_trecho:
            return f"um trecho de texto ou de espaços com mais de {formatos.numero(limite_trecho)} bytes seguidos"
        # todo trecho maior que o limite contém uma janela alinhada de limite/2 bytes sem “<”:
        # só essas janelas são medidas por inteiro
        pos = primeiro
        while pos + janela <= len(bloco):
            if bloco.find(b"<", pos, pos + janela) < 0:
                inicio = bloco.rfind(b"<", 0, pos) + 1
                fim = bloco.find(b"<", pos + janela)
                if fim >= 0 and fim - inicio > limite_trecho:
                    return (
                        f"um trecho de texto ou de espaços com mais de {formatos.numero(limite_trecho)} bytes seguidos"
                    )
            pos += janela
        corrida = len(bloco) - bloco.rfind(b"<") - 1
        if marcacoes_max is not None:
            ultimo = 0
            for m in _RE_LINHA_XML.finditer(juntos):
                if m.start() >= len(resto) or m.end() > len(resto):
                    marcacoes += juntos.count(b"<", max(ultimo, len(resto)), m.start())
                    if marcacoes > marcacoes_max:
                        return f"mais de {formatos.numero(marcacoes_max)} marcações XML numa só linha"
                    marcacoes = 0
                    ultimo = m.start() + 1
            marcacoes += juntos.count(b"<", max(ultimo, len(resto)))
            if marcacoes > marcacoes_max:
                return f"mais de {formatos.numero(marcacoes_max)} marcações XML numa só linha"
        if extensao is not None:
            extensao.medir(resto, juntos)
        resto = juntos[-_SOBREPOSICAO:]
    if corrida > limite_trecho:
        return f"um trecho de texto ou de espaços com mais de {formatos.numero(limite_trecho)} bytes seguidos"
    return None


def _recusa_dtd() -> ErroValidacao:
    return _recusa(
        "não foi possível ler a planilha XLSX: o XML dela declara entidades ou DTD, recusados "
        "(é assim que se monta uma bomba de entidades)"
    )


def _recusa_linha_fisica() -> ErroValidacao:
    return _recusa(f"a planilha passa da linha {formatos.numero(LINHAS_FISICAS_MAX)}, o máximo do Excel")


def _conferir_xlsx(nome: str, conteudo: bytes, lim: Limites) -> Extensao:
    """O diretório do ZIP (`problema_do_zip`) e, em cada parte XML, o que o parser juntaria na
    memória (`_varrer_xml`). Devolve a extensão das abas somadas (o maior retângulo); um livro
    que não é um XLSX comum (XLSB, ODS, sem xl/workbook.xml) volta `conferivel=False`."""
    problema = problema_do_zip(nome, conteudo, lim)
    if problema:
        raise _recusa(f"não foi possível ler a planilha XLSX: {problema}")
    limite_trecho = lim.caracteres_max * _BYTES_POR_CARACTERE_XML
    marcacoes_max = _MARCACOES_POR_CELULA * COLUNAS_EXCEL
    extensao = Extensao()
    try:
        with zipfile.ZipFile(io.BytesIO(conteudo)) as zf:
            nomes = set(zf.namelist())
            extensao.outra_forma = "xl/workbook.xml" not in nomes or any(n.endswith(".bin") for n in nomes)
            for parte in zf.infolist():
                if not parte.filename.endswith((".xml", ".rels")):
                    continue
                aba = parte.filename.startswith("xl/worksheets/")
                with zf.open(parte) as fluxo:
                    achado = _varrer_xml(
                        fluxo, limite_trecho, marcacoes_max if aba else None, extensao if aba else None
                    )
                if achado == _ACHADO_DTD:
                    raise _recusa_dtd()
                if achado:
                    raise _recusa(
                        f"a planilha tem, em “{trecho(parte.filename)}”, {achado} — mais do que uma planilha "
                        f"aceita ({formatos.numero(lim.caracteres_max)} caracteres por célula, {formatos.numero(COLUNAS_EXCEL)} "
                        "colunas); o arquivo foi recusado antes de ser lido"
                    )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise _recusa(f"não foi possível ler a planilha XLSX: “{trecho(nome)}” está corrompido") from exc
    if extensao.conferivel and extensao.ultima_linha > LINHAS_FISICAS_MAX:
        raise _recusa_linha_fisica()
    return extensao


# --- linhas -------------------------------------------------------------------------------------


def _recusa_colunas(n: int, colunas: int, lim: Limites) -> ErroValidacao:
    return _recusa(f"a linha tem {formatos.numero(colunas)} colunas; o limite é {formatos.numero(lim.colunas_max)}", n)


def _recusa_celula(n: int, valor: str, lim: Limites) -> ErroValidacao:
    return _recusa(
        f"uma célula tem {formatos.numero(len(valor))} caracteres; o limite é {formatos.numero(lim.caracteres_max)} "
        f"(começa com “{trecho(valor)}”)",
        n,
    )


def _recusa_linhas(lim: Limites) -> ErroValidacao:
    return _recusa(
        f"tem mais de {formatos.numero(lim.linhas_max)} linhas; o limite é {formatos.numero(lim.linhas_max)} por arquivo. "
        "Divida-o em partes."
    )


def _linhas_aceitas(linhas, lim: Limites) -> list[list]:
    """As linhas não vazias de uma aba (listas ou tuplas, células como o openpyxl as dá, na ordem
    das linhas do Excel), cada uma até a última célula preenchida (os dois leitores diferem nas
    vazias à direita), conferidas: para na linha 1.048.576, nas linhas do importador, na primeira
    linha com colunas preenchidas demais e na primeira célula longa demais."""
    aceitas: list[list] = []
    cmax, colmax, limite_linhas = lim.caracteres_max, lim.colunas_max, lim.linhas_max + 1
    for n, r in enumerate(linhas, start=1):
        if n > LINHAS_FISICAS_MAX:
            raise _recusa_linha_fisica()
        if not r or not any(str(c).strip() for c in r if c is not None):
            continue
        r = list(r)
        while r[-1] is None:
            r.pop()
        if len(r) > colmax:
            raise _recusa_colunas(n, len(r), lim)
        for c in r:
            if c.__class__ is str and len(c) > cmax:
                raise _recusa_celula(n, c, lim)
        aceitas.append(r)
        if len(aceitas) > limite_linhas:
            raise _recusa_linhas(lim)
    return aceitas


def _como_openpyxl(c):
    """Uma célula do calamine como o openpyxl a daria: vazia como None, número inteiro como int,
    data como datetime."""
    if c == "":
        return None
    if c.__class__ is float and c.is_integer():
        return int(c)
    if c.__class__ is date:
        return datetime(c.year, c.month, c.day)
    return c


def _linhas_calamine(conteudo: bytes, lim: Limites, aba: str | None) -> list[list] | None:
    """As linhas da aba pelo python-calamine, com as mesmas conferências e os mesmos valores da
    leitura pelo openpyxl; None se o calamine não consegue ler o livro (quem chama passa ao
    openpyxl, que diz o que há de errado). Só é chamada com a extensão da aba já conferida."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum  # importação tardia: só ao ler um XLSX

    try:
        livro = CalamineWorkbook.from_filelike(io.BytesIO(conteudo))
        abas = [m.name for m in livro.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        if not abas:
            return None
        folha = livro.get_sheet_by_name(aba if aba in abas else abas[0])
        # o calamine começa as linhas na 1ª (as de cima vazias) e as colunas na primeira usada
        vazias_a_esquerda = [None] * folha.start[1] if folha.height else []

        def convertidas():
            for r in folha.iter_rows():
                if all(c.__class__ is str for c in r):
                    r = [c or None for c in r]
                else:
                    r = [_como_openpyxl(c) for c in r]
                yield vazias_a_esquerda + r if vazias_a_esquerda else r

        return _linhas_aceitas(convertidas(), lim)
    except ErroValidacao:
        raise
    except BaseException as exc:  # noqa: BLE001 - erro do calamine (inclusive o PanicException do Rust)
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise  # KeyboardInterrupt, SystemExit...
        return None


def _linhas_xlsx(nome: str, conteudo: bytes, lim: Limites, aba: str | None) -> list[list]:
    extensao = _conferir_xlsx(nome, conteudo, lim)
    if extensao.conferivel and extensao.celulas <= CELULAS_GRADE_MAX:
        linhas = _linhas_calamine(conteudo, lim, aba)
        if linhas is not None:
            return linhas
    return _linhas_openpyxl(nome, conteudo, lim, aba)


def _linhas_openpyxl(nome: str, conteudo: bytes, lim: Limites, aba: str | None) -> list[list]:
    from defusedxml import DefusedXmlException  # importação tardia: só ao ler um XLSX
    from openpyxl import load_workbook  # importação tardia: o openpyxl só é carregado ao ler um XLSX

    def recusa_de(exc: BaseException) -> ErroValidacao:
        causa: BaseException | None = exc
        while causa is not None:  # o openpyxl embrulha o erro do XML num ValueError
            if isinstance(causa, DefusedXmlException):
                return _recusa_dtd()
            causa = causa.__cause__ or causa.__context__
        return _recusa(f"não foi possível ler a planilha XLSX: “{trecho(nome)}” está corrompido ou não é uma planilha")

    try:
        wb = load_workbook(io.BytesIO(conteudo), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - arquivo corrompido: qualquer erro do openpyxl vira uma recusa
        raise recusa_de(exc) from exc
    try:
        folhas = wb.worksheets
        if not folhas:
            raise _recusa(f"“{trecho(nome)}” não tem nenhuma aba com dados")
        ws = wb[aba] if aba and aba in wb.sheetnames else folhas[0]
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()  # a <dimension> declarada não conta: só as células que existem
        return _linhas_aceitas(ws.iter_rows(values_only=True), lim)
    except ErroValidacao:
        raise
    except Exception as exc:  # noqa: BLE001 - XML quebrado no meio da aba
        raise recusa_de(exc) from exc
    finally:
        wb.close()


def _decodificar(nome: str, conteudo: bytes) -> str:
    """O texto de um CSV: UTF-8 (com ou sem BOM) ou Windows-1252. UTF-16 e binários recusados
    com mensagem própria."""
    tipo = tipos_arquivo.identificar(conteudo)
    if tipo == "utf16":
        raise _recusa("a codificação não é UTF-8 nem Windows (cp1252) — parece UTF-16; salve o CSV como UTF-8")
    if tipo in tipos_arquivo.FAMILIA_ZIP:
        raise _recusa(
            f"“{trecho(nome)}” tem a extensão de CSV, mas o conteúdo é {tipos_arquivo.descrever(tipo)}; "
            "se for uma planilha XLSX, envie-a com a extensão .xlsx"
        )
    if tipo != "texto":
        raise _recusa(
            f"“{trecho(nome)}” não é um CSV: o conteúdo é {tipos_arquivo.descrever(tipo)}, não texto. "
            "Envie a planilha em CSV (texto separado por ;) ou XLSX"
        )
    for cod in ("utf-8-sig", "cp1252"):
        try:
            texto = conteudo.decode(cod)
        except UnicodeDecodeError:
            continue
        if cod == "cp1252" and any(c in texto for c in "\x81\x8d\x8f\x90\x9d"):
            continue
        return texto
    raise _recusa("a codificação não é UTF-8 nem Windows (cp1252); salve o CSV como UTF-8")


def _separador(texto: str) -> str:
    """; ou , pelo que mais aparece na primeira linha (empate: ;). Tabulação e nenhum separador
    são recusados com mensagem própria."""
    inicio = _RE_BRANCOS_INICIAIS.match(texto).end()  # linhas em branco antes do cabeçalho não contam
    fim = texto.find("\n", inicio, inicio + _BLOCO)
    primeira = texto[inicio : fim if fim >= 0 else inicio + _BLOCO]  # uma linha de 10 MB não é copiada inteira
    pv, vg, tab = primeira.count(";"), primeira.count(","), primeira.count("\t")
    if tab > max(pv, vg):
        raise _recusa(
            "o arquivo está separado por tabulação (TSV); salve-o como CSV separado por ; (ponto e vírgula) "
            "ou , (vírgula), ou envie a planilha em XLSX"
        )
    if pv == 0 and vg == 0:
        raise _recusa(
            f"a primeira linha (“{trecho(primeira.strip())}”) não tem separador de colunas; o CSV deve separar "
            "as colunas por ; (ponto e vírgula) ou , (vírgula)",
            1,
        )
    return ";" if pv >= vg else ","


def _linhas_do_texto(texto: str, sep: str, lim: Limites):
    """As linhas do texto, cada uma com o seu “\n”, como o csv espera (o mesmo que um arquivo
    aberto com newline=""), sem copiar o texto (o io.StringIO guardaria uma cópia de até quatro
    bytes por caractere). Antes de entregar ao csv uma linha maior que uma célula, conta os
    separadores: 10 MB de “;” viraria uma lista de dez milhões de células."""
    inicio, fim_do_texto, n = 0, len(texto), 0
    cmax, separadores_max = lim.caracteres_max, lim.colunas_max * 4
    while inicio < fim_do_texto:
        fim = texto.find("\n", inicio)
        if fim < 0:
            fim = fim_do_texto - 1
        n += 1
        if fim - inicio > cmax:
            separadores = texto.count(sep, inicio, fim)
            if separadores >= separadores_max:
                raise _recusa_colunas(n, separadores + 1, lim)
        yield texto[inicio : fim + 1]
        inicio = fim + 1


def _linhas_csv(nome: str, conteudo: bytes, lim: Limites) -> list[list]:
    # o limite de uma célula no módulo csv é do processo inteiro, e há bibliotecas que o mudam ao
    # serem importadas (o frictionless o leva a 2³¹): fixado a cada leitura, uma célula de 10 MB
    # para no limite em vez de ser montada
    csv.field_size_limit(max(CELULA_CSV_MAX, lim.caracteres_max + 1))
    texto = _decodificar(nome, conteudo)
    sep = _separador(texto)
    leitor = csv.reader(_linhas_do_texto(texto, sep, lim), delimiter=sep)
    linhas: list[list] = []
    cmax, colmax, limite_linhas = lim.caracteres_max, lim.colunas_max, lim.linhas_max + 1
    n = 0
    try:
        for n, r in enumerate(leitor, start=1):
            if not any(map(str.strip, r)):
                continue
            if len(r) > colmax:
                raise _recusa_colunas(n, len(r), lim)
            if max(map(len, r)) > cmax:
                raise _recusa_celula(n, max(r, key=len), lim)
            linhas.append(r)
            if len(linhas) > limite_linhas:
                raise _recusa_linhas(lim)
    except csv.Error as exc:
        n += 1  # a linha em que o csv parou
        if "field larger than field limit" in str(exc):
            raise _recusa(
                f"uma célula passa de {formatos.numero(csv.field_size_limit())} caracteres; o limite é {formatos.numero(cmax)}",
                n,
            ) from exc
        raise _recusa(
            "o CSV está malformado (aspas sem fechamento ou quebra de linha no meio de uma célula); "
            "abra-o na planilha e salve de novo como CSV",
            n,
        ) from exc
    return linhas


def ler_planilha(nome: str, conteudo: bytes, lim: Limites, *, aba: str | None = None) -> list[list]:
    """As linhas não vazias de um CSV (células como texto) ou XLSX (células como o openpyxl as lê:
    texto, número, data, booleano ou None), com o cabeçalho na primeira. `aba`: a aba do XLSX a
    ler, se existir (senão, a primeira). Recusa com `ErroValidacao` no campo “arquivo” tudo o que
    passa dos `lim`ites ou não é o que a extensão diz, sem ler além do ponto da recusa."""
    if len(conteudo) > lim.tamanho_max:
        raise _recusa(mensagem_de_tamanho(nome, len(conteudo), lim.tamanho_max))
    if not conteudo or conteudo.isspace():  # sem copiar o conteúdo (strip copiaria)
        raise _recusa(f"“{trecho(nome)}” está vazio")
    ext = tipos_arquivo.extensao(nome)
    if ext == ".xlsx":
        tipo = tipos_arquivo.identificar(conteudo)
        if tipo not in ("xlsx", "zip"):  # um ZIP sem as partes de planilha: o openpyxl diz o que falta
            raise _recusa(
                f"não foi possível ler a planilha XLSX: o conteúdo de “{trecho(nome)}” é "
                f"{tipos_arquivo.descrever(tipo)}, não uma planilha"
            )
        return _linhas_xlsx(nome, conteudo, lim, aba)
    if ext in (".csv", ".txt"):
        return _linhas_csv(nome, conteudo, lim)
    raise _recusa(f"“{trecho(nome)}”: envie CSV ou XLSX")
