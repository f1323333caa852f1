"""Componentes de tela comuns: erros, tabelas com filtros e exportação, aviso de demonstração."""

from __future__ import annotations

import math
import re
import tempfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

import pandas as pd
import streamlit as st

from comum import exportacao, formatos
from comum.textos import somente_algarismos
from core import acesso, relogio
from core.erros import ConflitoEdicao, ErroNegocio, ErroValidacao
from models.usuarios import Usuario
from ui import graficos

# caracteres que, em qualquer lugar, fazem markdown no Streamlit: HTML (<, >), imagem e link ([ ]),
# ênfase e código (* _ ` ~), tabela (|), LaTeX ($), chaves e a própria barra
_ESPECIAIS_MARKDOWN = set("\\`*_{}[]<>|~$")
# no começo do texto, os que abrem bloco: título (#), lista (- + ou “1.”), citação (>), linha (=)
_INICIO_DE_BLOCO = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
# dois-pontos seguido de letra, dígito ou barra: diretiva de cor (:red[...]), ícone (:material/x:) ou emoji (:smile:)
_DIRETIVA = re.compile(r":(?=[0-9A-Za-z/])")
# caracteres que ficam como estão num endereço posto em link markdown; os demais (espaço, <, >,
# parênteses) são codificados com %, para o endereço não sair do link
_SEGUROS_URL = ":/?#@!$&'*+,;=%~-._"


def texto_md(valor) -> str:
    """Texto digitado por alguém, pronto para entrar em markdown do Streamlit como texto (títulos,
    descrições, comentários, nomes, valores da trilha, nomes de arquivo, mensagens que citam o
    digitado): cada caractere com sentido em markdown vai escapado com barra invertida — HTML,
    imagens e links, ênfase, LaTeX com `$`, diretivas de cor `:red[...]`, ícones e emojis `:x:`, e
    o que abriria título ou lista no começo —, e a quebra de linha vira espaço. É a única porta do
    texto de alguém para o markdown; nas figuras, ver `ui.graficos.texto_grafico`."""
    s = "" if valor is None else str(valor).replace("\r", " ").replace("\n", " ")
    s = "".join(f"\\{c}" if c in _ESPECIAIS_MARKDOWN else c for c in s)
    s = _DIRETIVA.sub(r"\:", s)
    return _INICIO_DE_BLOCO.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], s)


def link_md(endereco: str, rotulo: str | None = None) -> str:
    """Link markdown para um endereço digitado por alguém (os serviços só aceitam http e https):
    o rótulo (padrão: o próprio endereço) escapado por `texto_md` e o endereço codificado."""
    return f"[{texto_md(endereco if rotulo is None else rotulo)}]({quote(endereco, safe=_SEGUROS_URL)})"


def usuario_atual():
    """O `Usuario` logado nesta sessão (posto pelo app.py) ou None."""
    return st.session_state.get("_usuario")


@contextmanager
def tratando_erros(o_que_nao_aconteceu: str = "Nada foi gravado"):
    """Mostra erros de negócio em pt-BR na tela em vez de um traceback. Um erro de validação abre
    com o que não aconteceu: “Nada foi gravado” numa gravação; uma ação que só lê diz o seu
    (“O relatório não foi gerado”), para não assustar quem não estava gravando nada."""
    try:
        yield
    except ConflitoEdicao:
        raise  # quem chamou decide como oferecer a recarga
    except ErroValidacao as exc:
        # as mensagens citam trechos do que foi digitado: texto, nunca markdown
        st.error(
            f"**{o_que_nao_aconteceu}.** Corrija e tente de novo:\n\n"
            + "\n".join(f"- {texto_md(p)}" for p in exc.problemas)
        )
    except ErroNegocio as exc:
        st.error(texto_md(exc))


@contextmanager
def expansor_sob_demanda(rotulo: str, *, chave: str, icone: str | None = ":material/table:"):
    """Um `st.expander` fechado cujo conteúdo só é montado quando alguém o abre: dentro do `with`,
    o valor é True se está aberto. Abrir ou fechar roda a página de novo (`on_change="rerun"`).
    Um expander comum monta no navegador tudo o que tem dentro, mesmo fechado: no painel público,
    as tabelas e os botões de download dos expanders custavam à primeira carga de uma aba nova
    tanto quanto os gráficos (docs/desempenho.md)."""
    exp = st.expander(rotulo, icon=icone, key=chave, on_change="rerun")
    with exp:
        yield exp.open is not False  # None: sem estado de widget (sempre desenhar)


def formatar_colunas(
    df: pd.DataFrame, formatos_por_coluna: dict[str, Callable], *, vazio_com_sentido: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Cópia de `df` com cada coluna passada pela sua função de exibição: os valores crus do
    serviço viram o texto da tela e das exportações (ex.: `{"Valor": formatos.dinheiro}`).
    Célula vazia (None, NaN, NaT) vira “—”, sem passar pela função (nunca “None” nem “nan”), salvo
    nas colunas de `vazio_com_sentido`, cuja função também diz o que o vazio quer dizer (a situação
    “Sem dados” de uma unidade sem envio, por exemplo)."""
    saida = df.copy()
    for coluna, formatar in formatos_por_coluna.items():
        if coluna in vazio_com_sentido:
            saida[coluna] = saida[coluna].map(lambda v, f=formatar: f(None if _vazia(v) else v))
        else:
            saida[coluna] = saida[coluna].map(lambda v, f=formatar: TRACO if _vazia(v) else f(v))
    return saida


TRACO = "—"  # o que a tela mostra numa célula sem valor
_SEM_MILHAR = ("Código", "Nº", "Ano", "Id")  # colunas de códigos e números de ordem: sem ponto de milhar


def _vazia(v) -> bool:
    """None, NaN, NaT e o pd.NA: a célula sem valor (listas e textos nunca são vazias aqui)."""
    if v is None:
        return True
    try:
        return bool(pd.isna(v)) if not isinstance(v, (list, tuple, dict, set, str)) else False
    except (TypeError, ValueError):
        return False


def _numero_em_texto(coluna: str, config) -> Callable:
    """A função de exibição de uma coluna numérica com células vazias (que o `st.dataframe`
    mostraria como “None”): o formato que a página pediu (`R$ %.2f` → `formatos.dinheiro`,
    `%…%%` → percentual), senão `formatos.texto_numero` (milhar com ponto, decimal com vírgula)."""
    formato = str(((config or {}).get("type_config") or {}).get("format") or "") if isinstance(config, dict) else ""
    if str(coluna).startswith(_SEM_MILHAR):
        return lambda v: str(int(v)) if float(v).is_integer() else formatos.texto_numero(v)
    if formato.startswith("R$"):
        return lambda v: formatos.dinheiro(Decimal(str(v)).quantize(Decimal("0.01")))
    if formato.endswith("%%"):
        return formatos.texto_pct
    return formatos.texto_numero


def tabela_exportavel(
    df: pd.DataFrame,
    nome_arquivo: str,
    *,
    chave: str,
    selecionavel: bool = False,
    formatos_colunas: dict | None = None,
    vazio: str = "Nenhum registro encontrado.",
    exportar: pd.DataFrame | None = None,
    completa: ExportacaoCompleta | None = None,
):
    """Mostra a tabela com botões CSV/XLSX; devolve a linha selecionada (índice) ou None.
    `exportar`: a versão da tabela para os arquivos (mesmas linhas, valores como números), quando a
    tela mostra texto formatado (ex.: “92,9%”); sem ela, exporta-se o que a tela mostra. A coluna
    `id`, quando há, não aparece na tela nem nos arquivos.
    `completa`: numa tabela paginada, os arquivos trazem todas as linhas filtradas, não a página
    (ver `ExportacaoCompleta`)."""
    if df.empty:
        st.info(vazio)
        return None
    visivel = df.drop(columns=[c for c in df.columns if c == "id"])
    if exportar is not None:
        exportar = exportar.drop(columns=[c for c in exportar.columns if c == "id"])
    mostrar = visivel.copy()
    em_texto = set()
    for coluna in mostrar.columns:
        if mostrar[coluna].map(lambda v: hasattr(v, "strftime")).any():
            mostrar[coluna] = mostrar[coluna].map(
                lambda v: formatos.data(v) if v is not None and not pd.isna(v) else "—"
            )
            em_texto.add(coluna)
        elif mostrar[coluna].map(lambda v: isinstance(v, Decimal)).any():
            # dinheiro como "R$ 1.234,56" (o formato numérico da tabela não tem vírgula decimal);
            # as exportações continuam com números
            mostrar[coluna] = mostrar[coluna].map(lambda v: formatos.dinheiro(v) if isinstance(v, Decimal) else "—")
            em_texto.add(coluna)
        elif mostrar[coluna].map(_vazia).any():
            # célula vazia: o st.dataframe escreveria “None” (números) ou “None”/“nan” (textos); vira
            # “—”, e a coluna numérica passa a texto no formato brasileiro (as exportações, números)
            if pd.api.types.is_numeric_dtype(mostrar[coluna]) and not pd.api.types.is_bool_dtype(mostrar[coluna]):
                formatar = _numero_em_texto(coluna, (formatos_colunas or {}).get(coluna))
                em_texto.add(coluna)
            else:
                formatar = lambda v: v  # noqa: E731 - textos ficam como estão
            mostrar[coluna] = mostrar[coluna].map(lambda v, f=formatar: TRACO if _vazia(v) else f(v))
    # números no formato do navegador (pt-BR: 1.268 e 0,5), salvo quando a página pede outro
    config = {
        c: st.column_config.NumberColumn(c, format="localized")
        for c in mostrar.columns
        if pd.api.types.is_numeric_dtype(mostrar[c])
        and not pd.api.types.is_bool_dtype(mostrar[c])
        and not str(c).startswith(_SEM_MILHAR)
    }  # códigos e números de ordem sem milhar
    config.update({c: v for c, v in (formatos_colunas or {}).items() if c not in em_texto})
    evento = st.dataframe(
        mostrar,
        hide_index=True,
        width="stretch",
        key=chave,
        column_config=config,
        on_select="rerun" if selecionavel else "ignore",
        selection_mode="single-row",
    )
    if completa is not None:
        _exportacao_completa(nome_arquivo, chave, completa)
        return _linha_escolhida(df, evento, selecionavel)
    botoes = st.container(horizontal=True)  # lado a lado, cada botão do tamanho do seu texto
    # arquivos gerados só no clique (dado "preguiçoso"): gerar o XLSX de cada tabela a cada
    # execução custava dezenas de ms por tabela (o painel público tem 14)
    for rotulo, gerar, extensao, tipo in (
        ("Baixar CSV", exportacao.para_csv, "csv", TIPOS_ARQUIVO["csv"]),
        ("Baixar XLSX", exportacao.para_xlsx, "xlsx", TIPOS_ARQUIVO["xlsx"]),
    ):
        botoes.download_button(
            rotulo,
            lambda gerar=gerar: gerar(visivel if exportar is None else exportar),
            f"{nome_arquivo}.{extensao}",
            tipo,
            key=f"{chave}_{extensao}",
            icon=":material/download:",
            on_click="ignore",  # baixar não reexecuta
        )
    return _linha_escolhida(df, evento, selecionavel)


def _linha_escolhida(df: pd.DataFrame, evento, selecionavel: bool):
    if selecionavel and evento and evento.selection.rows:
        return df.iloc[evento.selection.rows[0]]
    return None


TIPOS_ARQUIVO = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class ExportacaoCompleta(NamedTuple):
    """A exportação de todas as linhas filtradas de uma tabela paginada.

    `partes()`: as linhas, nas mesmas colunas e ordem da tela, em partes lidas do banco aos poucos
    (o mesmo filtro da página: uma função do serviço monta os dois); `total`: quantas são;
    `filtros`: os filtros da tela (um arquivo preparado com outros filtros não é oferecido)."""

    partes: Callable[[], Iterable[pd.DataFrame]]
    total: int
    filtros: tuple


def _exportacao_completa(nome_arquivo: str, chave: str, c: ExportacaoCompleta) -> None:
    """Botões “Preparar CSV/XLSX”: escrevem o arquivo com todas as linhas filtradas, parte a parte
    (num arquivo temporário, com uma barra de progresso), e então oferecem o download."""
    k = f"_exportacao_{chave}"
    pronto = st.session_state.get(k)
    if pronto is not None and pronto["filtros"] != c.filtros:
        _apagar(pronto["caminho"])
        pronto = st.session_state[k] = None
    botoes = st.container(horizontal=True)
    for extensao, escrever in (("csv", exportacao.escrever_csv), ("xlsx", exportacao.escrever_xlsx)):
        if botoes.button(
            f"Preparar {extensao.upper()}",
            key=f"{chave}_preparar_{extensao}",
            icon=":material/table_view:",
            help=f"Gera o arquivo com todas as {formatos.numero(c.total)} linha(s) com estes filtros.",
        ):
            if pronto is not None:
                _apagar(pronto["caminho"])
            pronto = st.session_state[k] = _preparar(c, extensao, escrever)
    if pronto is not None:
        caminho, extensao = pronto["caminho"], pronto["extensao"]
        botoes.download_button(
            f"Baixar {extensao.upper()} ({formatos.numero(pronto['linhas'])} linhas)",
            lambda: Path(caminho).read_bytes(),
            f"{nome_arquivo}.{extensao}",
            TIPOS_ARQUIVO[extensao],
            key=f"{chave}_{extensao}",
            icon=":material/download:",
            on_click="ignore",
        )
    st.caption(
        f"A exportação traz todas as {formatos.numero(c.total)} linha(s) com estes filtros, não só a página mostrada."
    )


def _preparar(c: ExportacaoCompleta, extensao: str, escrever) -> dict:
    barra = st.progress(0.0, text="Preparando o arquivo…")

    def avancar(linhas: int) -> None:
        barra.progress(
            min(1.0, linhas / max(1, c.total)),
            text=f"Preparando o arquivo: {formatos.numero(linhas)} de {formatos.numero(c.total)} linhas…",
        )

    with tempfile.NamedTemporaryFile(prefix="pnat_exportacao_", suffix=f".{extensao}", delete=False) as arquivo:
        partes = (p.drop(columns=[col for col in p.columns if col == "id"]) for p in c.partes())
        linhas = escrever(partes, arquivo, ao_escrever=avancar)
    barra.empty()
    return {"filtros": c.filtros, "caminho": arquivo.name, "extensao": extensao, "linhas": linhas}


def _apagar(caminho: str) -> None:
    Path(caminho).unlink(missing_ok=True)


def tabela_para_escolher(
    df: pd.DataFrame, nome_arquivo: str, *, chave: str, contagem: str, vazio: str, ver: str = "o detalhe", editar=False
):
    """A contagem das linhas com o convite a escolher uma (“12 contrato(s). Selecione uma linha para
    ver o detalhe e editar.”) e a `tabela_exportavel` selecionável; devolve a linha escolhida ou None."""
    convite = f"Selecione uma linha para ver {ver}" + (" e editar." if editar else ".")
    st.caption(f"{formatos.numero(len(df))} {contagem}. {convite}")
    return tabela_exportavel(df, nome_arquivo, chave=chave, selecionavel=True, vazio=vazio)


def id_da_url(parametro: str) -> int | None:
    """O número do item que um link (o da busca, por exemplo) pede para abrir: `?parametro=N` no
    endereço; None se ausente ou se não for um número."""
    valor = str(st.query_params.get(parametro, ""))
    return int(valor) if somente_algarismos(valor, 12) else None


def linha_da_url(df: pd.DataFrame, parametro: str = "id"):
    """A linha de `df` cujo `id` é o de `?parametro=N` (ver `id_da_url`), ou None; se o item pedido
    não está na tabela (filtros, permissão, excluído), avisa em vez de abrir outro."""
    ident = id_da_url(parametro)
    if ident is None:
        return None
    achada = df[df["id"] == ident] if "id" in df.columns else df.iloc[0:0]
    if len(achada):
        return achada.iloc[0]
    st.info(
        "O item pedido no endereço não está nesta lista (veja os filtros) ou não existe mais.", icon=":material/info:"
    )
    return None


def escolha_segue_a_tabela(linha, chave: str, opcoes, *, padrao=None) -> None:
    """Prepara o `selectbox` de chave `chave` que acompanha uma tabela selecionável (chamar antes de
    desenhá-lo): um clique numa linha nova da tabela (`linha`, de `tabela_exportavel`) passa a ser a
    escolha; uma escolha que saiu das `opcoes` (o filtro mudou, o registro sumiu) volta a `padrao`.
    Clicar de novo na mesma linha não desfaz o que a pessoa escolheu depois no `selectbox`."""
    ultima = f"_linha_{chave}"
    if linha is not None and st.session_state.get(ultima) != int(linha["id"]):
        st.session_state[ultima] = int(linha["id"])
        st.session_state[chave] = int(linha["id"])
    if st.session_state.get(chave) not in opcoes:
        st.session_state[chave] = padrao


def registros_em_tabela(registros, colunas: dict[str, str]) -> pd.DataFrame:
    """Uma linha por registro e uma coluna por rótulo de `colunas` (rótulo → atributo), com o valor
    cru do atributo; sem registros, a tabela vazia já tem as colunas. Os valores que a tela mostra de
    outro jeito passam depois por `formatar_colunas`."""
    return pd.DataFrame([[getattr(r, a) for a in colunas.values()] for r in registros], columns=list(colunas))


def tabela_de_registros(
    registros, colunas: dict[str, str], nome_arquivo: str, *, chave: str, vazio: str, exibir: dict | None = None
):
    """A tabela exportável de uma lista de registros: as colunas de `registros_em_tabela`, as de
    `exibir` passadas por `formatar_colunas` (rótulo → função de exibição)."""
    df = formatar_colunas(registros_em_tabela(registros, colunas), exibir or {})
    return tabela_exportavel(df, nome_arquivo, chave=chave, vazio=vazio)


def pagina_atual(chave: str, total: int, por_pagina: int) -> tuple[int, int]:
    """Página pedida no campo `chave` (1 se passou do fim, por exemplo depois de mudar um
    filtro) e o número de páginas."""
    paginas = max(1, math.ceil(total / por_pagina))
    pagina = int(st.session_state.get(chave, 1) or 1)
    if not 1 <= pagina <= paginas:
        pagina = 1
        st.session_state[chave] = 1  # antes de o campo ser desenhado nesta execução
    return pagina, paginas


def seletor_de_pagina(chave: str, paginas: int) -> None:
    if paginas > 1:
        st.number_input(
            "Página",
            min_value=1,
            max_value=paginas,
            step=1,
            key=chave,
            width=220,
            help=f"De 1 a {formatos.numero(paginas)}.",
            format="%d",
        )


def versao_aberta(chave: str, versao_atual: int) -> int:
    """Versão do registro quando o formulário foi aberto (para a trava otimista)."""
    k = f"_versao_{chave}"
    if k not in st.session_state:
        st.session_state[k] = versao_atual
    return st.session_state[k]


def esquecer_versao(chave: str) -> None:
    st.session_state.pop(f"_versao_{chave}", None)


def prefixo_formulario(base: str) -> str:
    """Prefixo das chaves dos campos do formulário `base`, com a geração atual.

    No Streamlit 1.67 um campo com `key` guarda a identidade pela chave: apagar a chave do
    `session_state` ou mudar o valor padrão não redesenha o que o navegador mostra. Para
    descartar o digitado (depois de gravar, ou ao recarregar a versão atual depois de um
    conflito), `limpar_formulario` passa o formulário à geração seguinte, e os campos
    nascem com chaves novas e com os valores gravados. Na geração 0 o prefixo é a própria
    base (as chaves conhecidas pelos testes)."""
    geracao = st.session_state.get(f"_geracao_{base}", 0)
    return base if geracao == 0 else f"{base}~{geracao}"


def limpar_formulario(prefixo: str) -> None:
    """Descarta o que foi digitado nos campos do formulário (`prefixo`, com ou sem a geração):
    apaga as chaves de todas as gerações e passa à seguinte (ver `prefixo_formulario`)."""
    base = prefixo.split("~", 1)[0]
    for chave in [k for k in st.session_state if str(k).startswith((f"{base}_", f"{base}~"))]:
        del st.session_state[chave]
    st.session_state[f"_geracao_{base}"] = st.session_state.get(f"_geracao_{base}", 0) + 1


def recarregar_versao_atual(chave: str, prefixo: str) -> None:
    esquecer_versao(chave)
    limpar_formulario(prefixo)


def gravar_com_trava(acao, *, chave: str, formulario: str, mensagem: str | Callable[[object], str]) -> None:
    """Executa `acao()` (uma gravação no serviço). Em sucesso: limpa o formulário, guarda o
    aviso (`mensagem`, ou `mensagem(resultado)` quando o texto depende do que `acao()` devolveu)
    e reinicia a página. Em erro de validação: mensagem em pt-BR, nada gravado, o digitado
    continua na tela. Em conflito de edição: aviso e botão para recarregar."""
    try:
        with tratando_erros():
            resultado = acao()
            esquecer_versao(chave)
            limpar_formulario(formulario)
            st.session_state["_aviso"] = mensagem(resultado) if callable(mensagem) else mensagem
            st.rerun()
    except ConflitoEdicao as exc:
        st.error(str(exc), icon=":material/sync_problem:")
        st.button(
            "Carregar a versão atual",
            key=f"recarregar_{chave}",
            on_click=recarregar_versao_atual,
            args=(chave, formulario),
            icon=":material/refresh:",
            help="Descarta o que você digitou neste formulário e mostra os dados gravados agora.",
        )


def aviso_pendente() -> None:
    """Mostra a mensagem de sucesso deixada pela gravação antes do `st.rerun()`."""
    if msg := st.session_state.pop("_aviso", None):
        st.success(msg, icon=":material/check_circle:")


def cabecalho(titulo: str, legenda: str | None = None) -> None:
    """Abertura das páginas: título, legenda e o aviso deixado pela última gravação."""
    st.title(titulo)
    if legenda:
        st.caption(legenda)
    aviso_pendente()


class Abertura(NamedTuple):
    """O que uma página sabe ao abrir: quem está logado, a data de hoje e se pode gravar."""

    ator: Usuario | None
    hoje: date
    pode: bool


def abrir_pagina(titulo: str, legenda: str | None = None, *, permissao: str | None = None) -> Abertura:
    """Abertura comum das páginas: desenha o `cabecalho` e devolve quem está logado, a data de
    hoje (o relógio único) e se essa pessoa tem a `permissao` de gravar da página (False quando
    a página não grava). A página só esconde o que o perfil não usa; o serviço confere de novo."""
    ator = usuario_atual()
    cabecalho(titulo, legenda)
    return Abertura(ator, relogio.hoje(), permissao is not None and acesso.pode(ator, permissao))


def importacao_de_planilha(
    *,
    explicacao: str,
    modelo: bytes,
    nome_modelo: str,
    colunas,
    prefixo: str,
    importar,
    resumo,
    nome_erros: str,
    aviso=None,
) -> None:
    """Aba de importação: explicação, modelo XLSX, colunas, envio do arquivo com barra de
    progresso e, no fim, o `resumo(resultado)` ou a lista de problemas (linha, campo) exportável.
    `importar(nome, conteudo, progresso)` chama o serviço (tudo ou nada); `aviso(resultado)`, se
    dado, é uma frase (ou "") mostrada em destaque abaixo do resumo — por exemplo, as colunas do
    arquivo que ficaram de fora (o texto vem do arquivo e é escapado)."""
    st.markdown(explicacao)
    st.download_button(
        "Baixar o modelo (XLSX)",
        modelo,
        nome_modelo,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{prefixo}_modelo",
        icon=":material/download:",
        on_click="ignore",
    )
    with st.expander("Colunas do modelo"):
        st.dataframe(
            pd.DataFrame(
                [{"Coluna": h, "Obrigatória": "sim" if o else "não", "O que aceita": e} for h, _, o, e in colunas]
            ),
            hide_index=True,
            width="stretch",
        )
    arquivo = st.file_uploader("Arquivo (até 20 MB)", type=["csv", "xlsx", "txt"], key=f"{prefixo}_arquivo")
    if arquivo is None or not st.button(
        "Importar", type="primary", key=f"{prefixo}_importar", icon=":material/upload:"
    ):
        return
    barra = st.progress(0.0, text="Validando as linhas…")
    try:
        r = importar(
            arquivo.name,
            arquivo.getvalue(),
            progresso=lambda x: barra.progress(x, text=f"Validando as linhas… {x:.0%}"),
        )
    except ErroValidacao as exc:
        barra.empty()
        st.error(f"**Nada foi importado.** {len(exc.problemas)} problema(s) no arquivo “{texto_md(arquivo.name)}”:")
        erros = pd.DataFrame(
            [{"Linha": p.linha or "", "Campo": p.campo, "Problema": p.mensagem} for p in exc.problemas]
        )
        tabela_exportavel(erros, nome_erros, chave=f"{prefixo}_erros")
    except ErroNegocio as exc:  # sem permissão, ou registro alterado por outra pessoa durante a importação
        barra.empty()
        st.error(f"**Nada foi importado.** {texto_md(exc)}")
    else:
        barra.empty()
        st.success(resumo(r), icon=":material/check_circle:")
        texto_aviso = aviso(r) if aviso else ""
        if texto_aviso:
            st.warning(texto_md(texto_aviso), icon=":material/warning:")


def resumo_grafico(texto: str) -> None:
    """A alternativa em texto de um gráfico, logo abaixo dele (eMAG 3.1, recomendação 3.6; WCAG 2.1,
    critério 1.1.1): “Resumo do gráfico: …”. `texto` vem de `ui.graficos.resumo_*`."""
    st.caption(f"Resumo do gráfico: {texto_md(texto)}")


def grafico(fig, *, resumo: str | None = None, rolagem_horizontal: bool = False, **opcoes) -> None:
    """`st.plotly_chart` na largura do contêiner, com a figura pronta para telas estreitas
    (`ui.graficos.para_telas`: legenda abaixo, margens para os rótulos) e a alternativa em texto logo
    abaixo (`resumo_grafico`): a frase dada ou, sem ela, a lida dos dados da figura
    (`ui.graficos.resumo_figura`). A configuração parte de `graficos.CONFIG_GRAFICO` (idioma pt-BR do
    Plotly, sem o logotipo); a dada a completa.

    `rolagem_horizontal`: para o gráfico que não se lê abaixo de uma largura mínima (o cronograma de
    12 meses, o diagrama de fluxo), que então rola na horizontal dentro da própria caixa, como as tabelas, sem alargar a
    página (a largura mínima está em static/telas.css)."""
    opcoes.setdefault("width", "stretch")
    opcoes["config"] = {**graficos.CONFIG_GRAFICO, **(opcoes.get("config") or {})}
    graficos.para_telas(fig)
    if rolagem_horizontal:
        with st.container(key=f"rolagem_horizontal_{opcoes.get('key', id(fig))}"):
            st.plotly_chart(fig, **opcoes)
    else:
        st.plotly_chart(fig, **opcoes)
    resumo_grafico(resumo or graficos.resumo_figura(fig))
