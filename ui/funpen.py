"""Peças de tela do FUNPEN: checklist com ícone e cor, tabelas com valores formatados para a
tela e as exportações, e a lista de uma proposta (itens com cotações, equipe) com inclusão e
exclusão."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from comum import formatos
from comum.validadores import formatar_cnpj
from dominio.funpen import regras
from dominio.funpen import servicos as funpen
from models.funpen import NATUREZAS_EQUIPE
from ui.campos import em_formulario, inclusao_em_expansor, opcao
from ui.comum import formatar_colunas, tabela_exportavel, tratando_erros

# a situação de cada regra na tela: emoji nas tabelas; no texto (st.markdown), ícone Material (fonte servida pelo
# Streamlit, sem depender de emoji do sistema) e cor
ICONE_SITUACAO = {regras.ATENDE: "✅", regras.NAO_ATENDE: "❌", regras.A_VERIFICAR: "⚠️", regras.NAO_SE_APLICA: "—"}
MARCA_SITUACAO = {
    regras.ATENDE: ":green[:material/check_circle: Atende]",
    regras.NAO_ATENDE: ":red[:material/cancel: Não atende]",
    regras.A_VERIFICAR: ":orange[:material/help: A verificar]",
    regras.NAO_SE_APLICA: ":gray[:material/remove: Não se aplica]",
}


def checklist_markdown(resultados: list[regras.Resultado]) -> str:
    """Tabela Markdown do checklist com ícone e cor por situação (para `st.markdown`)."""

    def cel(t: str) -> str:
        # "$" viraria fórmula LaTeX no st.markdown ("R$ 1,00 ... R$ 2,00")
        return str(t).replace("|", "\\|").replace("$", "\\$").replace("\n", " ")

    linhas = ["| Situação | Regra | Artigo | Explicação |", "|---|---|---|---|"]
    linhas += [
        f"| {MARCA_SITUACAO[r.situacao]} | {cel(r.regra)} | {cel(r.artigo)} | {cel(r.explicacao)} |" for r in resultados
    ]
    return "\n".join(linhas)


def situacao_com_icone(situacao: str) -> str:
    """Código da situação (`regras.ATENDE`...) → “✅ Atende”."""
    return f"{ICONE_SITUACAO[situacao]} {situacao.capitalize()}"


def situacao_da_uf(sujeitos: int, cumprem: int) -> str:
    """Resumo do cumprimento das cotas numa UF, com ícone."""
    if not sujeitos:
        return "— Sem contrato sujeito"
    if cumprem == sujeitos:
        return "✅ Todos cumprem"
    return f"❌ {sujeitos - cumprem} não cumpre(m)"


def fornecedores(cotacoes) -> str:
    """[(fornecedor, CNPJ, valor)] → “Fornecedor (00.000.000/0000-00) R$ 1,00; …”."""
    return "; ".join(f"{nome} ({formatar_cnpj(cnpj)}) {formatos.dinheiro(valor)}" for nome, cnpj, valor in cotacoes)


def tabela_propostas(df: pd.DataFrame) -> pd.DataFrame:
    return formatar_colunas(df, {"Valor total": formatos.dinheiro, "Contrapartida": formatos.dinheiro})


def documentos_de_preco(documentos) -> str:
    """[(documento, fornecedor, CNPJ)] → “Ata 12/2015 — Fornecedor (00.000.000/0000-00); …”."""
    return "; ".join(f"{doc} — {nome} ({formatar_cnpj(cnpj)})" for doc, nome, cnpj in documentos)


def tabela_itens(df: pd.DataFrame) -> pd.DataFrame:
    formatos_itens = {"Valor": formatos.dinheiro, "Fornecedores": fornecedores}
    if "Outra documentação" in df.columns:
        formatos_itens["Outra documentação"] = documentos_de_preco
    return formatar_colunas(df, formatos_itens)


def tabela_equipe(df: pd.DataFrame) -> pd.DataFrame:
    return formatar_colunas(df, {"Remuneração mensal": formatos.dinheiro, "Limite (Anexo I)": formatos.dinheiro})


def tabela_contratos(df: pd.DataFrame) -> pd.DataFrame:
    return formatar_colunas(df, {"Valor anual": formatos.dinheiro, "Situação": situacao_com_icone})


def cumprimento_por_uf(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(Situação=[situacao_da_uf(s, c) for s, c in zip(df["Sujeitos à cota"], df["Cumprem"])])


# --- itens e equipe da proposta: a mesma lista com inclusão e exclusão ----------------------------


@dataclass(frozen=True)
class ListaDaProposta:
    """Uma lista de uma proposta. `nome` compõe as chaves dos campos (`pr_{nome}_{id}` no
    formulário de inclusão, `pr_excluir_{nome}_{id}` na exclusão); `campos(prefixo)` desenha os
    campos dentro do `st.form` e devolve os dados para `adicionar(ator, proposta_id, dados)`."""

    nome: str
    chave_tabela: str
    arquivo: str
    listar: Callable
    formatar: Callable[[pd.DataFrame], pd.DataFrame]
    vazio: str
    incluir: str
    icone: str
    botao: str
    campos: Callable
    adicionar: Callable
    incluido: str
    coluna_rotulo: str
    excluir: str
    escolha: str
    remover: Callable
    excluido: str


def _campos_item(prefixo: str) -> funpen.DadosItem:
    c1, c2, c3 = st.columns([3, 2, 1])
    desc = c1.text_input("Descrição *", key=f"{prefixo}_desc")
    cat = c2.selectbox(
        "Categoria da despesa *",
        list(regras.CATEGORIAS_DESPESA),
        format_func=lambda c: (
            regras.CATEGORIAS_DESPESA[c][1]
            + (f" (vedada: art. 3º, {regras.CATEGORIAS_DESPESA[c][0]})" if regras.CATEGORIAS_DESPESA[c][0] else "")
        ),
        key=f"{prefixo}_cat",
        placeholder="Selecione",
    )
    valor = c3.text_input("Valor (R$) *", key=f"{prefixo}_valor", placeholder="10.000,00")
    excecoes = {}
    for categoria, (inciso, condicoes, admite) in regras.EXCECOES_DESPESA.items():
        st.caption(
            f"Exceção do art. 3º, {inciso} ({admite}) — só para a categoria "
            f"“{regras.CATEGORIAS_DESPESA[categoria][1]}”; vale com todas as condições marcadas:"
        )
        for atributo, texto in condicoes:
            excecoes[atributo] = st.checkbox(texto[:1].upper() + texto[1:], key=f"{prefixo}_{atributo}")
    st.markdown("Cotações (art. 2º, § 1º: ao menos 3, de fornecedores distintos, com nome, CNPJ e contato)")
    cots = []
    for n in range(1, 4):
        k1, k2, k3, k4 = st.columns([3, 2, 2, 1])
        cots.append(
            funpen.DadosCotacao(
                fornecedor=k1.text_input(f"Fornecedor {n}", key=f"{prefixo}_f{n}"),
                cnpj=k2.text_input(f"CNPJ {n}", key=f"{prefixo}_cnpj{n}", placeholder="00.000.000/0000-00"),
                contato=k3.text_input(f"Contato {n}", key=f"{prefixo}_c{n}"),
                valor=k4.text_input(f"Valor {n}", key=f"{prefixo}_v{n}"),
            )
        )
    st.markdown(
        "Ou outra documentação que permita comparar o valor com os preços de mercado (art. 2º, § 1º: ata de "
        "registro de preços, contrato público, painel de preços…), também com nome, CNPJ e contato do fornecedor"
    )
    k1, k2, k3, k4 = st.columns([3, 2, 2, 2])
    doc = funpen.DadosDocumentoPreco(
        descricao=k1.text_input("Documento", key=f"{prefixo}_doc", placeholder="Ata de registro de preços nº 12/2015"),
        fornecedor=k2.text_input("Fornecedor do documento", key=f"{prefixo}_docf"),
        cnpj=k3.text_input("CNPJ do fornecedor", key=f"{prefixo}_doccnpj", placeholder="00.000.000/0000-00"),
        contato=k4.text_input("Contato do fornecedor", key=f"{prefixo}_docc"),
    )
    return funpen.DadosItem(desc, cat, valor, cots, [doc], **excecoes)


def _campos_pessoa(prefixo: str) -> funpen.DadosEquipe:
    c1, c2, c3 = st.columns([3, 2, 1])
    nome = c1.text_input("Nome *", key=f"{prefixo}_nome")
    nat = opcao(NATUREZAS_EQUIPE, "Natureza da atividade *", f"{prefixo}_nat", onde=c2)
    rem = c3.text_input("Remuneração mensal (R$) *", key=f"{prefixo}_rem", placeholder="3.000,00")
    return funpen.DadosEquipe(nome, nat, rem)


ITENS = ListaDaProposta(
    nome="item",
    chave_tabela="pr_itens",
    arquivo="itens_proposta",
    listar=funpen.itens_da_proposta,
    formatar=tabela_itens,
    vazio="Nenhum item cadastrado.",
    incluir="Incluir item com cotações",
    icone=":material/add:",
    botao="Incluir item",
    campos=_campos_item,
    adicionar=funpen.adicionar_item,
    incluido="Item incluído.",
    coluna_rotulo="Item",
    excluir="Excluir item",
    escolha="Escolha um item",
    remover=funpen.excluir_item,
    excluido="Item excluído.",
)

EQUIPE = ListaDaProposta(
    nome="pessoa",
    chave_tabela="pr_equipe",
    arquivo="equipe_proposta",
    listar=funpen.equipe_da_proposta,
    formatar=tabela_equipe,
    vazio="Nenhuma pessoa da equipe cadastrada.",
    incluir="Incluir pessoa na equipe",
    icone=":material/person_add:",
    botao="Incluir",
    campos=_campos_pessoa,
    adicionar=funpen.adicionar_equipe,
    incluido="Pessoa incluída na equipe.",
    coluna_rotulo="Nome",
    excluir="Excluir pessoa",
    escolha="Escolha uma pessoa",
    remover=funpen.excluir_equipe,
    excluido="Pessoa excluída da equipe.",
)


def mostrar_lista_da_proposta(ator, proposta_id: int, lista: ListaDaProposta, *, pode_editar: bool) -> None:
    """A tabela exportável e, para quem edita, o formulário de inclusão e a exclusão de uma linha."""
    df = lista.listar(ator, proposta_id)
    tabela_exportavel(
        lista.formatar(df),
        f"{lista.arquivo}_{proposta_id}",
        chave=f"{lista.chave_tabela}_{proposta_id}",
        vazio=lista.vazio,
    )
    if not pode_editar:
        return
    inclusao_em_expansor(
        lista.incluir,
        em_formulario(lista.campos, lista.botao, icon=":material/add:"),
        f"pr_{lista.nome}_{proposta_id}",
        lambda dados: lista.adicionar(ator, proposta_id, dados),
        mensagem=lista.incluido,
        icone=lista.icone,
    )
    if df.empty:
        return
    rotulos = dict(zip(df["id"], df[lista.coluna_rotulo]))
    c1, c2 = st.columns([3, 1])
    alvo = opcao(
        rotulos,
        lista.excluir,
        f"pr_excluir_{lista.nome}_{proposta_id}",
        padrao=None,
        onde=c1,
        placeholder=lista.escolha,
    )
    if c2.button(
        "Excluir", key=f"pr_excluir_{lista.nome}_btn_{proposta_id}", disabled=alvo is None, icon=":material/delete:"
    ):
        with tratando_erros():
            lista.remover(ator, int(alvo))
            st.session_state["_aviso"] = lista.excluido
            st.rerun()
