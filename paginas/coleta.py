"""Coleta dos indicadores: o ponto focal informa os valores da própria unidade em cada período
(rascunho e envio para validação); DMF e administradores informam por qualquer unidade, também
depois da trava, acompanham a situação de todas as unidades num período e importam planilhas; a
Comissão do CNMP consulta."""

from decimal import Decimal
from functools import partial

import pandas as pd
import streamlit as st

from comum import formatos
from comum.formatos import ler_decimal
from core import acesso
from core.erros import ErroValidacao, Problema
from dominio.cadastros import unidades
from dominio.indicadores import coleta
from dominio.indicadores import servicos as indicadores
from dominio.indicadores.importacao import COLUNAS, importar_valores, modelo_xlsx, situacao_das_unidades
from dominio.indicadores.regras import SITUACOES_PERIODO, data_da_trava, valor_efetivo
from models.indicadores import ACOES_REVISAO, ALVOS, DESAGREGACOES, PERIODICIDADES, STATUS_ENVIO, TIPOS_INDICADOR
from ui.campos import filtro, opcao
from ui.comum import (
    abrir_pagina,
    gravar_com_trava,
    importacao_de_planilha,
    prefixo_formulario,
    tabela_exportavel,
    texto_md,
    versao_aberta,
)
from ui.filtros_url import id_na_url, indice_da_url
from ui.indicadores import (
    aviso_do_digitado,
    guardar_digitado,
    situacao_envio,
    tabela_periodos,
    tabela_situacao_das_unidades,
    valor_digitado,
)

ator, hoje, pode_informar = abrir_pagina(
    "Coleta de indicadores",
    "Metas b, d e e do Plano de Trabalho: cada unidade informa os indicadores de cada período; o DMF valida "
    "e a Comissão do CNMP aprova. Números no formato brasileiro: 1.234,56.",
    permissao=acesso.COLETA_INFORMAR,
)
propria = unidades.propria(ator)
pode_importar = pode_informar and propria is None
SIM_NAO = {None: "—", 1: "Sim", 0: "Não"}

if alertas := st.session_state.pop("co_alertas", None):
    st.warning(
        "**Avisos para o revisor** (não impedem o envio):\n\n" + "\n".join(f"- {a}" for a in alertas),
        icon=":material/warning:",
    )


# --- formulário ------------------------------------------------------------------------------------------


def texto_de(n: Decimal | None, tipo: str) -> str:
    """Número gravado como o usuário digitaria: 1.234 ou 1.234,56."""
    if n is None:
        return ""
    if tipo == "valor":
        return formatos.numero(n, 2)
    return formatos.numero(n, 0 if n == n.to_integral_value() else 2)


def valor_exibido(v, tipo: str) -> str:
    if tipo == "percentual":
        ef = valor_efetivo(tipo, v.valor, v.numerador, v.denominador)
        return (
            f"{texto_de(v.numerador, tipo)} ÷ {texto_de(v.denominador, tipo)} = "
            f"{formatos.numero(ef, 2) if ef is not None else '—'} %"
        )
    if tipo == "sim_nao":
        return SIM_NAO.get(int(v.valor) if v.valor is not None else None, "—")
    if tipo == "valor":
        return formatos.dinheiro(v.valor)
    return texto_de(v.valor, tipo)


def cabecalho_item(it) -> None:
    ver = it.versao
    st.markdown(f"**{texto_md(it.indicador.codigo)} — {texto_md(ver.nome)}**", help=texto_md(ver.definicao))
    limites = []
    if ver.minimo is not None:
        limites.append(f"mínimo {texto_de(ver.minimo, ver.tipo)}")
    if ver.maximo is not None:
        limites.append(f"máximo {texto_de(ver.maximo, ver.tipo)}")
    st.caption(
        f"{TIPOS_INDICADOR[ver.tipo]} · unidade: {texto_md(ver.unidade_medida)} · versão {ver.numero}"
        + (f" · {', '.join(limites)}" if limites else "")
    )


def campos_item(it, pre: str, padroes: dict) -> dict:
    """Os campos de um indicador. Devolve o que foi digitado, por desagregação, e anota em
    `padroes` (chave do campo → valor gravado) para saber se há digitado ainda não gravado.

    Os campos não estão num `st.form` (no formulário o digitado só sai do navegador ao clicar
    num botão dele): cada campo, ao perder o foco, guarda o valor na memória da sessão
    (`guardar_digitado`), e ao voltar à página ele nasce com o que estava lá."""
    ver, cod, grav = it.versao, it.indicador.codigo, it.valores
    base = f"{pre}_{cod}"
    lido: dict = {}
    total = grav.get("")

    memoria = f"{pre}__digitado"

    def padrao(chave: str, valor):
        padroes[chave] = valor
        return valor_digitado(memoria, chave, valor)

    def manter(chave: str) -> dict:
        return {"on_change": guardar_digitado, "args": (memoria, chave)}

    if ver.tipo == "percentual":
        c1, c2, c_com = st.columns([1, 1, 2])
        lido[""] = {
            "numerador": c1.text_input(
                "Numerador",
                value=padrao(f"{base}_num", texto_de(total.numerador if total else None, ver.tipo)),
                key=f"{base}_num",
                placeholder="ex.: 1.234",
                **manter(f"{base}_num"),
            ),
            "denominador": c2.text_input(
                "Denominador",
                key=f"{base}_den",
                placeholder="ex.: 8.500",
                value=padrao(f"{base}_den", texto_de(total.denominador if total else None, ver.tipo)),
                **manter(f"{base}_den"),
            ),
        }
    elif ver.tipo == "sim_nao":
        c1, c_com = st.columns([1, 2])
        atual = padrao(f"{base}_sn", int(total.valor) if total is not None and total.valor is not None else None)
        opcoes = [None, 1, 0]
        lido[""] = {
            "sim_nao": c1.selectbox(
                "Resposta",
                opcoes,
                index=opcoes.index(atual),
                format_func=SIM_NAO.get,
                key=f"{base}_sn",
                placeholder="Selecione",
                **manter(f"{base}_sn"),
            )
        }
    else:
        c1, c_com = st.columns([1, 2])
        rotulo = "Total (R$)" if ver.tipo == "valor" else "Total"
        lido[""] = {
            "valor": c1.text_input(
                rotulo,
                value=padrao(f"{base}_total", texto_de(total.valor if total else None, ver.tipo)),
                key=f"{base}_total",
                placeholder="ex.: 1.234,56" if ver.tipo == "valor" else "ex.: 12",
                **manter(f"{base}_total"),
            )
        }
    lido["_comentario"] = c_com.text_input(
        "Comentário (opcional)",
        value=padrao(f"{base}_coment", total.comentario if total else ""),
        key=f"{base}_coment",
        max_chars=1000,
        placeholder="Explique um número fora do habitual, uma fonte diferente…",
        **manter(f"{base}_coment"),
    )
    for dim in ver.desagregacoes:
        nome_dim, cats = DESAGREGACOES[dim]
        n = sum(1 for c in cats if f"{dim}:{c}" in grav)
        with st.expander(
            f"Por {nome_dim[0].lower() + nome_dim[1:]}" + (f" ({n} de {len(cats)} gravados)" if n else "")
        ):
            st.caption(
                "Com todas as categorias preenchidas, a soma tem de ser igual ao total; com parte delas, não "
                "pode passar dele."
            )
            colunas = st.columns(min(4, len(cats)))
            for k, (cat, nome_cat) in enumerate(cats.items()):
                chave = f"{dim}:{cat}"
                g = grav.get(chave)
                lido[chave] = {
                    "valor": colunas[k % len(colunas)].text_input(
                        nome_cat,
                        value=padrao(f"{base}_{dim}_{cat}", texto_de(g.valor if g else None, ver.tipo)),
                        key=f"{base}_{dim}_{cat}",
                        **manter(f"{base}_{dim}_{cat}"),
                    )
                }
    return lido


def ler_valores(itens_lidos: list) -> list[coleta.ValorInformado]:
    """Converte o digitado em valores; números ilegíveis viram `ErroValidacao` (nada é gravado)."""
    problemas: list[Problema] = []
    valores: list[coleta.ValorInformado] = []
    for it, lido in itens_lidos:
        cod, ver = it.indicador.codigo, it.versao
        comentario = (lido.get("_comentario") or "").strip()
        for chave, campos in lido.items():
            if chave == "_comentario":
                continue
            onde = f"{cod} — {coleta.rotulo_desagregacao(chave)}"
            numeros: dict[str, Decimal | None] = {}
            for campo, texto in campos.items():
                if campo == "sim_nao":
                    numeros["valor"] = None if texto is None else Decimal(texto)
                    continue
                try:
                    numeros[campo] = ler_decimal(texto, negativo=True)
                except ValueError as exc:
                    sufixo = f" ({campo})" if campo != "valor" else ""
                    problemas.append(Problema(onde + sufixo, str(exc)))
                    numeros[campo] = None
            vi = coleta.ValorInformado(
                ver.id,
                chave,
                numeros.get("valor"),
                numeros.get("numerador"),
                numeros.get("denominador"),
                comentario if chave == "" else "",
            )
            if chave == "" and comentario and vi.vazio:
                problemas.append(Problema(f"{cod} — Comentário", "informe o total para gravar o comentário"))
            if not vi.vazio:
                valores.append(vi)
    if problemas:
        raise ErroValidacao(problemas)
    return valores


def mostrar_somente_leitura(itens) -> None:
    for it in itens:
        with st.container(border=True):
            cabecalho_item(it)
            if not it.valores:
                st.caption("Sem valor informado.")
                continue
            ordem = coleta.chaves_desagregacao(it.versao)
            linhas = [
                {
                    "Desagregação": coleta.rotulo_desagregacao(k),
                    "Valor": valor_exibido(v, it.versao.tipo),
                    "Comentário": v.comentario,
                }
                for k, v in sorted(it.valores.items(), key=lambda kv: ordem.index(kv[0]) if kv[0] in ordem else 99)
            ]
            st.dataframe(pd.DataFrame(linhas), hide_index=True, width="stretch")


def mostrar_eventos(f) -> None:
    if not f.eventos:
        return
    with st.expander(f"Linha do tempo do envio ({len(f.eventos)})", icon=":material/history:"):
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Quando": formatos.data_hora(e.momento),
                        "O quê": ACOES_REVISAO.get(e.acao, e.acao),
                        "Situação": f"{STATUS_ENVIO.get(e.de_status, e.de_status or '—')} → {STATUS_ENVIO.get(e.para_status, e.para_status)}",
                        "Por": e.usuario_email,
                        "Comentário": e.comentario,
                    }
                    for e in f.eventos
                ]
            ),
            hide_index=True,
            width="stretch",
        )


def escolher_periodo(u: unidades.Unidade, df, sugerido: int | None) -> int:
    """A tabela dos períodos da unidade e a escolha de um. O período fica na URL (?periodo=<id>; um
    link de Minhas pendências ou de um e-mail abre nele): recarregar ou voltar à página abre o
    mesmo, e gravar (que muda a situação no rótulo) não o troca pelo primeiro. Sem link nem escolha
    anterior, abre no `sugerido` (o próximo a enviar: `coleta.periodo_sugerido`)."""
    mostrar = df.drop(columns=["id"]).assign(Prazo=df["Prazo"].map(formatos.data))
    with st.expander("Períodos da unidade", expanded=propria is not None, icon=":material/calendar_month:"):
        st.dataframe(mostrar, hide_index=True, width="stretch", height=250, key=f"co_periodos_{u.tipo}{u.id}")
    ids = [int(i) for i in df["id"]]
    rotulos = {int(r["id"]): f"{r['Período']} — {r['Situação do envio']}" for _, r in df.iterrows()}
    lembrado = f"_co_periodo_lembrado_{u.chave}"
    per_id = st.selectbox(
        "Período",
        ids,
        index=indice_da_url("periodo", ids, st.session_state.get(lembrado) or sugerido),
        format_func=rotulos.get,
        key=f"co_periodo_{u.tipo}{u.id}",
        placeholder="Selecione",
        persist_state="session",
    )
    id_na_url("periodo", per_id)
    st.session_state[lembrado] = per_id
    return per_id


def cabecalho_do_envio(u: unidades.Unidade, f) -> None:
    """Unidade e período, datas e prazo, situação do envio, devolução e bloqueio."""
    per = f.periodo
    st.subheader(f"{texto_md(u.nome)} — {indicadores.rotulo(per)}")
    st.caption(
        f"Referência: {formatos.data(per.inicio)} a {formatos.data(per.fim)} · prazo de entrega "
        f"{formatos.data(per.prazo)} · trava em {formatos.data(data_da_trava(per.prazo, per.dias_tolerancia))} "
        f"· período {SITUACOES_PERIODO[f.situacao_periodo].lower()}"
    )
    st.markdown(
        f"**Situação do envio:** {situacao_envio(f.status)}"
        + (f" · enviado em {formatos.data_hora(f.envio.enviado_em)}" if f.envio and f.envio.enviado_em else "")
    )
    if f.status == "devolvido" and f.envio.comentario_revisao:
        st.warning(f"**Devolvido para correção:** {texto_md(f.envio.comentario_revisao)}", icon=":material/undo:")
    if not f.pode_editar:
        st.info(f.motivo_bloqueio, icon=":material/lock:")


def editar_envio(u: unidades.Unidade, f, pre: str, chave: str, versao) -> None:
    """Os campos dos indicadores vigentes e os botões de gravar o rascunho e de enviar; os
    desativados com valores gravados, só para consulta."""
    per = f.periodo
    vigentes = [it for it in f.itens if it.indicador.ativo and it.versao.id == it.indicador.versao_atual_id]
    outros = [it for it in f.itens if it not in vigentes]
    st.caption(
        f"{len(vigentes)} indicador(es) de periodicidade {PERIODICIDADES[per.periodicidade].lower()}. "
        "Grave o rascunho "
        "quantas vezes quiser; ao enviar, todos os totais são obrigatórios (pode ser 0) e as regras de "
        "validação são conferidas."
    )
    situacao_do_digitado = st.empty()
    lidos = []
    padroes: dict = {}
    for it in vigentes:
        with st.container(border=True):
            cabecalho_item(it)
            lidos.append((it, campos_item(it, pre, padroes)))
    aviso_do_digitado(situacao_do_digitado, padroes, f.envio)
    c = st.container(horizontal=True)
    rascunho = c.button("Gravar rascunho", key=f"{pre}_rascunho", icon=":material/save:")
    enviar = c.button("Enviar para validação", key=f"{pre}_enviar", type="primary", icon=":material/send:")
    if outros:
        st.markdown("**Indicadores desativados com valores gravados** (só consulta)")
        mostrar_somente_leitura(outros)
    if rascunho or enviar:

        def salvar():
            valores = ler_valores(lidos)
            r = coleta.salvar(ator, u.tipo, u.id, per.id, valores, hoje=hoje, versao_envio=versao, enviar=enviar)
            if r.alertas:
                st.session_state["co_alertas"] = [a.texto for a in r.alertas]

        gravar_com_trava(
            salvar,
            chave=chave,
            formulario=pre,
            mensagem="Enviado para validação do DMF." if enviar else "Rascunho gravado.",
        )


def formulario_da_unidade(u: unidades.Unidade) -> None:
    periodos = coleta.periodos_da_unidade(ator, u.tipo, u.id, hoje)
    if periodos.empty:
        st.info("Nenhum período de coleta aberto para esta unidade.")
        return
    per_id = escolher_periodo(u, tabela_periodos(periodos), coleta.periodo_sugerido(periodos))
    f = coleta.formulario(ator, u.tipo, u.id, per_id, hoje)
    cabecalho_do_envio(u, f)
    chave = f"envio_{u.chave}_{per_id}"
    pre = prefixo_formulario(f"co_{u.tipo[0]}{u.id}_{per_id}")  # com unidade e período: nada vaza entre formulários
    versao = versao_aberta(chave, f.envio.versao if f.envio else None)
    if f.pode_editar:
        editar_envio(u, f, pre, chave, versao)
    else:
        mostrar_somente_leitura(f.itens)
    if f.status == "enviado" and pode_informar:
        if st.button(
            "Retirar envio",
            key=f"{pre}_retirar",
            icon=":material/undo:",
            help="Volta os valores a rascunho para corrigir; depois, envie de novo.",
        ):
            gravar_com_trava(
                lambda: coleta.retirar_envio(ator, f.envio.id, versao),
                chave=chave,
                formulario=pre,
                mensagem="Envio retirado: os valores voltaram a rascunho.",
            )
    mostrar_eventos(f)


def escolher_unidade() -> unidades.Unidade | None:
    c1, c2, c3 = st.columns([1, 1, 3])
    tipo = opcao(ALVOS, "Tipo de unidade", "co_tipo", onde=c1)
    lista = coleta.unidades_visiveis(ator, tipo)
    ufs = sorted({u.uf for u in lista})
    uf = filtro(ufs, "UF", "co_uf", onde=c2)
    lista = [u for u in lista if uf in (None, u.uf)]
    por_chave = {u.chave: u for u in lista}
    chave = c3.selectbox(
        "Unidade",
        list(por_chave),
        format_func=lambda k: por_chave[k].nome,
        key="co_unidade",
        index=None,
        placeholder="Escolha a unidade",
    )
    return por_chave.get(chave)


# --- página -------------------------------------------------------------------------------------------------

if propria is not None:
    minha = coleta.unidades_visiveis(ator)[0]
    st.markdown(f"**Unidade:** {texto_md(minha.nome)}")
    formulario_da_unidade(minha)
else:
    abas = ["Informar valores" if pode_informar else "Consultar valores", "Situação por unidade"]
    abas += ["Importar planilha"] if pode_importar else []
    tabs = dict(zip(abas, st.tabs(abas)))

    with tabs[abas[0]]:
        if pode_informar:
            st.caption(
                "O DMF informa por qualquer unidade, também depois da trava do período. Quem informa valores "
                "de um envio não pode validá-lo."
            )
        u = escolher_unidade()
        if u is None:
            st.info("Escolha a unidade para ver o formulário.")
        else:
            formulario_da_unidade(u)

    with tabs["Situação por unidade"]:
        pers = [p for p in indicadores.periodos(ator) if p.abertura <= hoje]
        if not pers:
            st.info("Nenhum período de coleta aberto.")
        else:
            por_id = {p.id: p for p in pers}
            c1, c2, c3 = st.columns([2, 1, 1])
            pid = c1.selectbox(
                "Período",
                list(por_id),
                key="co_sit_periodo",
                format_func=lambda i: (
                    f"{indicadores.rotulo(por_id[i])} ({PERIODICIDADES[por_id[i].periodicidade].lower()})"
                ),
                placeholder="Selecione",
            )
            tipo_s = filtro(ALVOS, "Tipo de unidade", "co_sit_tipo", todos="Todos", onde=c2)
            uf_s = filtro(sorted({u.uf for u in coleta.unidades_visiveis(ator)}), "UF", "co_sit_uf", onde=c3)
            sit = tabela_situacao_das_unidades(situacao_das_unidades(ator, pid, hoje, tipo=tipo_s, uf=uf_s))
            if not sit.empty:
                contagem = sit["Situação do envio"].value_counts()
                st.caption(
                    f"{len(sit)} unidade(s): "
                    + " · ".join(f"{k}: {v}" for k, v in contagem.items())
                    + f". Prazo de entrega: {formatos.data(por_id[pid].prazo)}."
                )
            tabela_exportavel(
                sit,
                f"situacao_coleta_{por_id[pid].periodicidade}_{por_id[pid].ano}_{por_id[pid].numero}",
                chave="co_sit_tab",
                vazio="Nenhuma unidade informa indicadores desta periodicidade.",
            )

    if pode_importar:
        with tabs["Importar planilha"]:
            importacao_de_planilha(
                explicacao="Valores de várias unidades e períodos de uma vez, em **CSV** (separador `;` ou `,`, "
                "UTF-8 ou Windows) ou **XLSX**, com as colunas do modelo; números como `1.234,56`. O "
                "arquivo entra **inteiro ou não entra**. Cada unidade e período é conferido como um envio "
                "e fica “Enviado”, com você como quem informou (outra pessoa do DMF valida). Reimportar o "
                "mesmo arquivo não muda nada.",
                modelo=modelo_xlsx(ator, hoje),
                nome_modelo="modelo_valores_indicadores.xlsx",
                colunas=COLUNAS,
                prefixo="co",
                importar=partial(importar_valores, ator, hoje=hoje),
                resumo=lambda r: (
                    f"Importação concluída: {formatos.numero(r.linhas)} linha(s) lidas de "
                    f"{formatos.numero(r.envios)} envio(s) (unidade e período); "
                    f"{formatos.numero(r.enviados)} passaram a “Enviado”, "
                    f"{formatos.numero(r.atualizados)} já enviados foram atualizados e "
                    f"{formatos.numero(r.sem_mudanca)} não mudaram."
                ),
                nome_erros="problemas_importacao_indicadores",
                aviso=lambda r: r.aviso_colunas_ignoradas,
            )
