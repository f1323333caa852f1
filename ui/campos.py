"""Campos e formulários comuns às páginas: escolha de código com rótulo, formulário a partir dos
campos, inclusão e edição com trava otimista."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import streamlit as st

from comum import formatos
from core.erros import trecho
from dominio.cadastros import referencia
from ui.comum import gravar_com_trava, prefixo_formulario, texto_md, versao_aberta


def opcao(
    rotulos: dict,
    rotulo: str,
    chave: str,
    atual=None,
    *,
    padrao: int | None = 0,
    onde=None,
    placeholder: str = "Selecione",
    **extra,
):
    """Selectbox que mostra os rótulos em pt-BR de `rotulos` e devolve o código escolhido.

    Começa em `atual` quando é uma das opções; senão, na posição `padrao` (None: nenhuma).
    `onde` é a coluna ou o contêiner (padrão: a página); `extra` vai direto ao `selectbox`
    (help, disabled...)."""
    codigos = list(rotulos)
    return (onde or st).selectbox(
        rotulo,
        codigos,
        format_func=rotulos.get,
        key=chave,
        index=codigos.index(atual) if atual in codigos else padrao,
        placeholder=placeholder,
        **extra,
    )


def valor_atual(registro, nome: str, padrao=""):
    """Valor do campo `nome` do registro em edição, ou `padrao` num registro novo (`registro` None):
    o valor inicial de cada campo de um formulário que serve à inclusão e à edição."""
    return getattr(registro, nome) if registro is not None else padrao


def campo_data(rotulo: str, chave: str, valor=None, *, onde=None, **extra):
    """Campo de data em DD/MM/AAAA, começando em `valor` (None: em branco; uma dupla de datas:
    um período). `onde` é a coluna ou o contêiner; `extra` vai direto ao `date_input`."""
    return (onde or st).date_input(rotulo, value=valor, format="DD/MM/YYYY", key=chave, **extra)


def campo_inteiro(
    rotulo: str,
    chave: str,
    valor: int = 0,
    *,
    minimo: int = 0,
    maximo: int | None = None,
    onde=None,
    **extra,
) -> int:
    """Campo de número inteiro (quantidades, anos, dias), de `minimo` a `maximo`, começando em
    `valor`. `onde` é a coluna ou o contêiner; `extra` vai direto ao `number_input` (help...)."""
    return int(
        (onde or st).number_input(
            rotulo, min_value=minimo, max_value=maximo, value=valor, step=1, key=chave, format="%d", **extra
        )
    )


def campo_data_em_texto(rotulo: str, chave: str, valor=None, *, onde=None):
    """Campo de texto para uma data em DD/MM/AAAA, começando em `valor` (None: em branco), para o
    serviço que lê e valida o texto digitado; devolve o texto."""
    return (onde or st).text_input(
        rotulo, value=formatos.data(valor) if valor else "", placeholder="DD/MM/AAAA", key=chave
    )


def campo_uf(chave: str, atual: str | None = None, *, onde=None) -> str | None:
    """Escolha obrigatória de uma das 27 UFs pela sigla, começando em `atual` (None: nenhuma)."""
    ufs = [u.sigla for u in referencia.listar_ufs()]
    return (onde or st).selectbox("UF *", ufs, index=ufs.index(atual) if atual else None, placeholder="UF", key=chave)


@dataclass(frozen=True)
class NumeroDigitado:
    """O que `campo_decimal` leu: o número (None quando vazio ou inválido) e a mensagem do erro."""

    valor: Decimal | None
    erro: str | None = None


def campo_decimal(
    rotulo: str,
    chave: str,
    valor=None,
    *,
    onde=None,
    casas: int | None = None,
    minimo: Decimal | float | int | None = None,
    maximo: Decimal | float | int | None = None,
    negativo: bool = False,
    obrigatorio: bool = False,
    placeholder: str = "0,00",
    **extra,
) -> NumeroDigitado:
    """Campo de número decimal em pt-BR: um `text_input` lido por `comum.formatos.ler_decimal`
    (vírgula decimal, ponto de milhar; “1.5” é ambíguo e recusado), começando em `valor`. Um texto
    inválido ou fora de `minimo`–`maximo` mostra a mensagem logo abaixo do campo, no mesmo lugar
    (`onde`: a coluna ou o contêiner), e volta em `NumeroDigitado.erro` para a página não gravar nem
    calcular com ele; `obrigatorio`: vazio também é erro. Substitui o `st.number_input` nos decimais: lá “2,5” virava 25 sem aviso."""
    lugar = onde or st
    texto = lugar.text_input(
        rotulo, value=formatos.texto_decimal(valor, casas), key=chave, placeholder=placeholder, **extra
    )
    try:
        lido = formatos.ler_decimal(texto, casas=casas, negativo=negativo)
        if lido is None and obrigatorio:
            raise ValueError("campo obrigatório: informe um número (decimais com vírgula, como 2,5)")
        if lido is not None and minimo is not None and lido < Decimal(str(minimo)):
            raise ValueError(f"“{trecho(texto.strip(), 30)}” está abaixo do mínimo ({formatos.texto_decimal(minimo)})")
        if lido is not None and maximo is not None and lido > Decimal(str(maximo)):
            raise ValueError(f"“{trecho(texto.strip(), 30)}” está acima do máximo ({formatos.texto_decimal(maximo)})")
    except ValueError as exc:
        mensagem = f"{rotulo.rstrip(' *')}: {exc}."
        lugar.error(texto_md(mensagem), icon=":material/error:")
        return NumeroDigitado(None, mensagem)
    return NumeroDigitado(lido)


def filtro(opcoes, rotulo: str, chave: str, *, todos: str = "Todas", onde=None):
    """Selectbox de filtro: começa em `todos` (devolve None) e oferece os códigos de `opcoes` — um
    dicionário código → rótulo em pt-BR, ou uma lista de códigos mostrados como são (ex.: siglas)."""
    rotulos = opcoes if isinstance(opcoes, dict) else {o: o for o in opcoes}
    return opcao({None: todos, **rotulos}, rotulo, chave, onde=onde)


def em_formulario(campos, botao: str = "Salvar", **opcoes_botao):
    """Faz de `campos(prefixo, *registro)` (desenha os campos e devolve os dados) um formulário:
    os campos num `st.form` com o botão `botao`; devolve os dados só quando enviado, senão None."""

    def formulario(prefixo: str, *registro):
        with st.form(prefixo):
            dados = campos(prefixo, *registro)
            enviado = st.form_submit_button(botao, type="primary", **opcoes_botao)
        return dados if enviado else None

    return formulario


def formulario_de_inclusao(formulario, base: str, salvar, *, mensagem) -> None:
    """Formulário `formulario(prefixo)` de um registro novo, gravado por `salvar(dados)` com
    `gravar_com_trava` (a própria `base` é a chave da trava); `mensagem` é o texto de sucesso ou
    uma função dos dados que o dá."""
    dados = formulario(prefixo_formulario(base))
    if dados is not None:
        gravar_com_trava(
            lambda: salvar(dados),
            chave=base,
            formulario=base,
            mensagem=mensagem(dados) if callable(mensagem) else mensagem,
        )


def inclusao_em_expansor(
    rotulo: str, formulario, base: str, salvar, *, mensagem, icone: str = ":material/add:"
) -> None:
    """O `formulario_de_inclusao` dentro de um expansor fechado `rotulo`, como fica abaixo de uma
    lista: quem só consulta não o vê (a página o desenha só para quem pode gravar)."""
    with st.expander(rotulo, icon=icone):
        formulario_de_inclusao(formulario, base, salvar, mensagem=mensagem)


def exclusao_com_confirmacao(
    rotulo: str, base: str, ident: int, aviso: str, excluir, *, chave: str, mensagem: str, cancelar: bool = False
) -> None:
    """Botão `rotulo` que só pede a exclusão: `aviso` e “Sim, excluir” (com `cancelar`, também
    “Não, manter”) confirmam, e `excluir()` grava com `gravar_com_trava` (`chave`: a trava do
    registro). As chaves dos botões são `{base}_{ident}`, `{base}_sim_{ident}` e `{base}_nao_{ident}`;
    o pedido fica em `{base}_conf_{ident}_pedido`, apagado com o formulário `{base}_conf_{ident}`."""
    formulario = f"{base}_conf_{ident}"
    pedido = f"{formulario}_pedido"
    if st.button(rotulo, key=f"{base}_{ident}", icon=":material/delete:"):
        st.session_state[pedido] = True
    if not st.session_state.get(pedido):
        return
    st.warning(aviso)
    sim = st
    if cancelar:
        sim, nao = st.columns(2)
        if nao.button("Não, manter", key=f"{base}_nao_{ident}"):
            st.session_state.pop(pedido, None)
            st.rerun()
    if sim.button("Sim, excluir", key=f"{base}_sim_{ident}", type="primary"):
        gravar_com_trava(excluir, chave=chave, formulario=formulario, mensagem=mensagem)


def formulario_de_edicao(
    formulario, base: str, registro, salvar, *, chave: str, mensagem: str = "Alterações gravadas."
) -> int:
    """Formulário `formulario(prefixo, registro)` com trava otimista: `salvar(dados, versao)`
    recebe a versão do registro de quando o formulário foi aberto. Devolve essa versão, para a
    exclusão do mesmo registro (`chave`) conferir a mesma trava."""
    versao = versao_aberta(chave, registro.versao)
    dados = formulario(prefixo_formulario(base), registro)
    if dados is not None:
        gravar_com_trava(lambda: salvar(dados, versao), chave=chave, formulario=base, mensagem=mensagem)
    return versao
