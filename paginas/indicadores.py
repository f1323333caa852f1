"""Catálogo de indicadores (metas b, d e e do Plano de Trabalho): definição vigente, história das
versões e metas anuais de cada indicador; regras de validação e períodos de coleta. DMF e
administradores alteram; os demais perfis consultam."""

from decimal import Decimal

import pandas as pd
import streamlit as st

from comum import formatos
from comum.formatos import ler_decimal
from core import acesso
from core.erros import ErroValidacao, Problema
from dominio.indicadores import servicos as indicadores
from dominio.indicadores.regras import SITUACOES_PERIODO, data_da_trava, situacao_periodo
from models import indicadores as modelo  # os rótulos em pt-BR dos códigos
from ui.campos import campo_data, campo_inteiro, filtro, opcao
from ui.comum import (
    abrir_pagina,
    escolha_segue_a_tabela,
    gravar_com_trava,
    prefixo_formulario,
    tabela_exportavel,
    texto_md,
    versao_aberta,
)

ator, hoje, pode_editar = abrir_pagina(
    "Indicadores",
    "Metas b, d e e do Plano de Trabalho: indicadores do funcionamento dos Grupos Interinstitucionais e do "
    "monitoramento dos Escritórios Sociais. Mudar o que um indicador mede cria uma nova versão; os valores já "
    "informados continuam ligados à versão sob a qual entraram.",
    permissao=acesso.INDICADORES_EDITAR,
)
METAS = {m: f"Meta {m}" for m in "abcdef"}
NOMES_CAMPOS = {
    "nome": "nome",
    "definicao": "definição",
    "unidade_medida": "unidade de medida",
    "tipo": "tipo",
    "periodicidade": "periodicidade",
    "agregacao": "agregação",
    "meta_letra": "meta",
    "fonte": "fonte",
    "desagregacoes": "desagregações",
    "minimo": "mínimo",
    "maximo": "máximo",
}
CAMPOS_LONGOS = {"definicao", "fonte", "nome"}


def gravar(acao, *, chave: str, formulario: str, mensagem: str) -> None:
    """`gravar_com_trava`; se `acao()` devolver um texto, ele é a mensagem de sucesso."""
    gravar_com_trava(
        acao,
        chave=chave,
        formulario=formulario,
        mensagem=lambda resultado: resultado if isinstance(resultado, str) else mensagem,
    )


def numero_ou_erro(texto: str, campo: str, problemas: list[Problema]) -> Decimal | None:
    try:
        return ler_decimal(texto, negativo=True)
    except ValueError as exc:
        problemas.append(Problema(campo, str(exc)))
        return None


def texto_numero(n) -> str:
    return "" if n is None else formatos.numero(n, 0 if n == n.to_integral_value() else 2)


def valor_de(v, campo: str):
    if v is None or (isinstance(v, list) and not v):
        return "—"
    if campo == "tipo":
        return modelo.TIPOS_INDICADOR[v].split(" (")[0]
    if campo == "periodicidade":
        return modelo.PERIODICIDADES[v]
    if campo == "agregacao":
        return modelo.AGREGACOES[v].split(" (")[0]
    if campo == "meta_letra":
        return METAS[v]
    if campo == "desagregacoes":
        return ", ".join(modelo.DESAGREGACOES[d][0] for d in v)
    if isinstance(v, Decimal):
        return texto_numero(v)
    return str(v)


def mudancas(anterior, atual) -> str:
    """O que mudou de uma versão para a seguinte, em português."""
    if anterior is None:
        return "Versão inicial"
    partes = []
    for campo, rotulo in NOMES_CAMPOS.items():
        a, b = getattr(anterior, campo), getattr(atual, campo)
        if a != b:
            partes.append(
                rotulo if campo in CAMPOS_LONGOS else f"{rotulo}: {valor_de(a, campo)} → {valor_de(b, campo)}"
            )
    return "; ".join(partes) or "—"


def campos_indicador(pre: str, ind=None, ver=None) -> tuple[indicadores.DadosIndicador, list[Problema], str]:
    """Campos do formulário do indicador (dentro de um st.form). Devolve os dados, os problemas de
    leitura dos números e o motivo da mudança."""

    def v(attr, padrao):
        return getattr(ver, attr) if ver is not None else padrao

    c1, c2, c3, c4 = st.columns([1, 2, 1, 1])
    codigo = c1.text_input(
        "Código *", value=ind.codigo if ind else "", key=f"{pre}_codigo", placeholder="E10", max_chars=12
    )
    alvo = opcao(modelo.ALVOS, "Unidades que informam *", f"{pre}_alvo", ind.alvo if ind else None, onde=c2)
    meta = opcao(METAS, "Meta *", f"{pre}_meta", v("meta_letra", "e"), onde=c3)
    ordem = campo_inteiro("Ordem no formulário", f"{pre}_ordem", ind.ordem if ind else 0, maximo=999, onde=c4)
    nome = st.text_input("Nome *", value=v("nome", ""), key=f"{pre}_nome", max_chars=200)
    definicao = st.text_area(
        "Definição *",
        value=v("definicao", ""),
        key=f"{pre}_definicao",
        max_chars=2000,
        help="O que se conta e como: aparece como ajuda no formulário de coleta.",
    )
    c1, c2, c3 = st.columns(3)
    unidade = c1.text_input(
        "Unidade de medida *",
        value=v("unidade_medida", ""),
        key=f"{pre}_unidade",
        placeholder="pessoas, atendimentos, R$…",
    )
    tipo = opcao(modelo.TIPOS_INDICADOR, "Tipo *", f"{pre}_tipo", v("tipo", "contagem"), onde=c2)
    periodicidade = opcao(
        modelo.PERIODICIDADES, "Periodicidade *", f"{pre}_periodicidade", v("periodicidade", "mensal"), onde=c3
    )
    c1, c2 = st.columns(2)
    agregacao = opcao(modelo.AGREGACOES, "Agregação no tempo *", f"{pre}_agregacao", v("agregacao", "soma"), onde=c1)
    desag = c2.multiselect(
        "Desagregações",
        list(modelo.DESAGREGACOES),
        default=v("desagregacoes", []),
        format_func=lambda d: modelo.DESAGREGACOES[d][0],
        key=f"{pre}_desagregacoes",
        placeholder="Nenhuma",
        help="Só contagens e valores em R$ se desagregam.",
    )
    c1, c2, c3 = st.columns([1, 1, 2])
    minimo_txt = c1.text_input(
        "Mínimo aceito", value=texto_numero(v("minimo", None)), key=f"{pre}_minimo", placeholder="sem mínimo"
    )
    maximo_txt = c2.text_input(
        "Máximo aceito",
        value=texto_numero(v("maximo", None)),
        key=f"{pre}_maximo",
        placeholder="sem máximo",
        help="No percentual, vale para o resultado (0 a 100).",
    )
    fonte = c3.text_input("Fonte", value=v("fonte", ""), key=f"{pre}_fonte", max_chars=300)
    motivo = ""
    if ind is not None:
        motivo = st.text_area(
            "Motivo da mudança",
            key=f"{pre}_motivo",
            max_chars=500,
            help="Obrigatório quando a definição muda; fica na história das versões.",
        )
    problemas: list[Problema] = []
    minimo = numero_ou_erro(minimo_txt, "mínimo", problemas)
    maximo = numero_ou_erro(maximo_txt, "máximo", problemas)
    dados = indicadores.DadosIndicador(
        codigo=codigo,
        alvo=alvo,
        nome=nome,
        definicao=definicao,
        unidade_medida=unidade,
        tipo=tipo,
        periodicidade=periodicidade,
        meta_letra=meta,
        agregacao=agregacao,
        fonte=fonte,
        desagregacoes=desag,
        minimo=minimo,
        maximo=maximo,
        ordem=ordem,
    )
    return dados, problemas, motivo


def exigir_sem_problemas(problemas: list[Problema]) -> None:
    if problemas:
        raise ErroValidacao(problemas)


def escolha_incluir_ou_alterar(rotulo: str, registros: dict, chave: str, incluir: str, nome) -> int | None:
    """Caixa “incluir um novo ou alterar um existente” (metas anuais, regras, períodos): a primeira
    opção, None, é a inclusão (com o texto `incluir`); as demais são os ids de `registros` (id →
    registro), cada um mostrado como `nome(registro)`. Devolve o id escolhido."""
    return st.selectbox(
        rotulo,
        [None, *registros],
        key=chave,
        format_func=lambda i: incluir if i is None else nome(registros[i]),
        placeholder="Selecione",
    )


def versao_do_escolhido(chave: str, registro) -> int | None:
    """A versão de `registro` quando o formulário foi aberto (trava otimista, `versao_aberta`);
    None na inclusão (`registro` None)."""
    return versao_aberta(chave, registro.versao) if registro else None


abas = ["Catálogo"] + (["Novo indicador"] if pode_editar else []) + ["Regras de validação", "Períodos de coleta"]
tabs = dict(zip(abas, st.tabs(abas)))

# --- catálogo ------------------------------------------------------------------------------------------
with tabs["Catálogo"]:
    c1, c2, c3 = st.columns(3)
    alvo_f = filtro(modelo.ALVOS, "Unidades", "in_f_alvo", onde=c1)
    meta_f = filtro(METAS, "Meta", "in_f_meta", onde=c2)
    situacoes = {"todos": "Ativos e inativos", "ativos": "Só ativos", "inativos": "Só inativos"}
    sit_f = opcao(situacoes, "Situação", "in_f_ativo", onde=c3)
    df = indicadores.tabela_catalogo(ator, alvo=alvo_f, meta=meta_f, incluir_inativos=sit_f != "ativos")
    if sit_f == "inativos":
        df = df[df["Ativo"] == "Não"].reset_index(drop=True)
    sel = tabela_exportavel(
        df, "catalogo_indicadores", chave="in_tabela", selecionavel=True, vazio="Nenhum indicador com esses filtros."
    )
    if not df.empty:
        ids = [int(i) for i in df["id"]]
        rotulos = {int(r["id"]): f"{r['Código']} — {r['Nome']}" for _, r in df.iterrows()}
        escolha_segue_a_tabela(sel, "in_escolhido", ids, padrao=ids[0])
        escolhido = st.selectbox(
            "Indicador",
            ids,
            format_func=rotulos.get,
            key="in_escolhido",
            help="Escolha aqui ou clique numa linha da tabela.",
            placeholder="Selecione",
        )
        ind, ver = indicadores.obter_indicador(ator, escolhido)
        st.subheader(f"{texto_md(ind.codigo)} — {texto_md(ver.nome)}")
        if not ind.ativo:
            st.warning(
                "Indicador **desativado**: não aparece nos formulários novos; os valores já informados ficam.",
                icon=":material/block:",
            )
        c1, c2 = st.columns(2)
        c1.markdown(
            f"**Unidades que informam:** {modelo.ALVOS[ind.alvo]}  \n**Meta:** {METAS[ver.meta_letra]}  \n"
            f"**Tipo:** {modelo.TIPOS_INDICADOR[ver.tipo]}  \n"
            f"**Periodicidade:** {modelo.PERIODICIDADES[ver.periodicidade]}  \n"
            f"**Agregação no tempo:** {modelo.AGREGACOES[ver.agregacao]}"
        )
        c2.markdown(
            f"**Unidade de medida:** {texto_md(ver.unidade_medida)}  \n"
            f"**Desagregações:** {valor_de(ver.desagregacoes, 'desagregacoes')}  \n"
            f"**Mínimo aceito:** {valor_de(ver.minimo, 'minimo')} · **Máximo aceito:** "
            f"{valor_de(ver.maximo, 'maximo')}  \n**Fonte:** {texto_md(ver.fonte or '—')}  \n"
            f"**Versão vigente:** nº {ver.numero}, de {formatos.data(ver.criado_em)}"
        )
        st.markdown(f"**Definição:** {texto_md(ver.definicao)}")

        st.markdown("**Histórico de versões**")
        hist = indicadores.versoes(ator, ind.id)  # da mais nova para a mais antiga
        linhas = [
            {
                "Versão": v.numero,
                "Data": formatos.data_hora(v.criado_em),
                "Autor": v.criado_por,
                "Motivo": v.motivo or "—",
                "O que mudou": mudancas(hist[k + 1] if k + 1 < len(hist) else None, v),
            }
            for k, v in enumerate(hist)
        ]
        st.dataframe(pd.DataFrame(linhas), hide_index=True, width="stretch", key="in_versoes")

        st.markdown("**Metas anuais** (linha de base e meta nacional)")
        metas_a = indicadores.metas_anuais(ator, ind.id)
        if ver.tipo in ("percentual", "sim_nao"):
            st.caption("Em %: no sim/não, a porcentagem de unidades com “Sim”.")
        if metas_a:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "Ano": m.ano,
                            "Linha de base": texto_numero(m.linha_de_base) or "—",
                            "Meta": texto_numero(m.meta) or "—",
                        }
                        for m in metas_a
                    ]
                ),
                hide_index=True,
                width="content",
                key="in_metas_tab",
            )
        else:
            st.info("Nenhuma meta anual definida.")

        if pode_editar:
            chave = f"indicador_{ind.id}"
            versao = versao_aberta(chave, ind.versao)
            pre = prefixo_formulario(f"in_ed_{ind.id}")
            with st.expander("Alterar a definição", icon=":material/edit:"):
                st.info(
                    f"Mudar o que o indicador mede (nome, definição, unidade, tipo, periodicidade, agregação, "
                    f"meta, fonte, desagregações, mínimo ou máximo) cria a **versão {ver.numero + 1}** e pede o "
                    "motivo. Os valores já informados continuam ligados à versão em que entraram. Só a ordem no "
                    "formulário muda sem nova versão.",
                    icon=":material/info:",
                )
                with st.form(pre):
                    dados, probs, motivo = campos_indicador(pre, ind, ver)
                    enviado = st.form_submit_button("Gravar alterações", type="primary")
                if enviado:

                    def alterar():
                        exigir_sem_problemas(probs)
                        _, nova = indicadores.salvar_indicador(ator, dados, ident=ind.id, versao=versao, motivo=motivo)
                        if nova:
                            return (
                                f"Indicador {dados.codigo.strip().upper()} alterado: criada a versão {ver.numero + 1}."
                            )
                        return f"Indicador {dados.codigo.strip().upper()} alterado (a definição não mudou)."

                    gravar(alterar, chave=chave, formulario=pre, mensagem="Indicador alterado.")
            if ind.ativo:
                rotulo_b, ajuda = "Desativar indicador", "Sai dos formulários de coleta novos; os valores ficam."
            else:
                rotulo_b, ajuda = "Reativar indicador", "Volta aos formulários de coleta."
            if st.button(
                rotulo_b,
                key=f"in_ativo_{ind.id}",
                help=ajuda,
                icon=":material/block:" if ind.ativo else ":material/check_circle:",
            ):
                gravar_com_trava(
                    lambda: indicadores.definir_ativo(ator, ind.id, versao, not ind.ativo),
                    chave=chave,
                    formulario=pre,
                    mensagem=f"Indicador {ind.codigo} {'desativado' if ind.ativo else 'reativado'}.",
                )

            with st.expander("Incluir ou alterar meta anual", icon=":material/flag:"):
                por_id = {m.id: m for m in metas_a}
                meta_id = escolha_incluir_ou_alterar(
                    "Meta anual", por_id, f"in_meta_sel_{ind.id}", "Incluir um ano novo", lambda m: f"Alterar {m.ano}"
                )
                m = por_id.get(meta_id)
                pre_m = prefixo_formulario(f"in_meta_{ind.id}_{meta_id or 'nova'}")
                chave_m = f"meta_{meta_id or 'nova'}_{ind.id}"
                versao_m = versao_do_escolhido(chave_m, m)
                with st.form(pre_m):
                    c1, c2, c3 = st.columns(3)
                    ano = campo_inteiro(
                        "Ano *", f"{pre_m}_ano", m.ano if m else hoje.year, minimo=2023, maximo=2100, onde=c1
                    )
                    base_txt = c2.text_input(
                        "Linha de base", value=texto_numero(m.linha_de_base) if m else "", key=f"{pre_m}_base"
                    )
                    alvo_txt = c3.text_input("Meta", value=texto_numero(m.meta) if m else "", key=f"{pre_m}_meta")
                    ok_m = st.form_submit_button("Gravar meta anual", type="primary")
                if ok_m:

                    def gravar_meta():
                        p: list[Problema] = []
                        base = numero_ou_erro(base_txt, "linha de base", p)
                        alvo_n = numero_ou_erro(alvo_txt, "meta", p)
                        exigir_sem_problemas(p)
                        indicadores.salvar_meta_anual(
                            ator, ind.id, ano, base, alvo_n, ident=m.id if m else None, versao=versao_m
                        )

                    gravar_com_trava(
                        gravar_meta, chave=chave_m, formulario=pre_m, mensagem=f"Meta anual de {ano} gravada."
                    )

# --- novo indicador --------------------------------------------------------------------------------------
if pode_editar:
    with tabs["Novo indicador"]:
        st.caption(
            "O indicador entra na versão 1 e aparece nos formulários de coleta da periodicidade escolhida. "
            "Crie antes os períodos de coleta, se ainda não houver."
        )
        pre = prefixo_formulario("in_novo")
        with st.form(pre):
            dados_n, probs_n, _ = campos_indicador(pre)
            ok_n = st.form_submit_button("Incluir indicador", type="primary")
        if ok_n:

            def incluir():
                exigir_sem_problemas(probs_n)
                indicadores.salvar_indicador(ator, dados_n, motivo="Inclusão")

            gravar_com_trava(
                incluir,
                chave="indicador_novo",
                formulario=pre,
                mensagem=f"Indicador {dados_n.codigo.strip().upper()} incluído.",
            )

# --- regras de validação ------------------------------------------------------------------------------------
with tabs["Regras de validação"]:
    st.caption(
        "Cada regra compara dois lados, como no DHIS2: um código de indicador ou uma soma de códigos e "
        "números (ex.: E03 + E04). Regras “Impede o envio” barram o envio do formulário; as de alerta só "
        "avisam o revisor. Quando falta um valor, a regra não é conferida."
    )
    df_r = indicadores.tabela_regras(ator)
    sel_r = tabela_exportavel(
        df_r, "regras_validacao", chave="in_regras", selecionavel=pode_editar, vazio="Nenhuma regra cadastrada."
    )
    if pode_editar:
        todas_regras = {r.id: r for r in indicadores.regras(ator)}
        escolha_segue_a_tabela(sel_r, "in_regra_sel", (None, *todas_regras))
        regra_id = escolha_incluir_ou_alterar(
            "Regra", todas_regras, "in_regra_sel", "Incluir uma regra nova", lambda r: r.nome
        )
        r = todas_regras.get(regra_id)
        pre_r = prefixo_formulario(f"in_regra_{regra_id or 'nova'}")
        chave_r = f"regra_{regra_id or 'nova'}"
        versao_r = versao_do_escolhido(chave_r, r)
        with st.form(pre_r):
            nome_r = st.text_input(
                "Nome *",
                value=r.nome if r else "",
                key=f"{pre_r}_nome",
                max_chars=200,
                placeholder="Ex.: Pessoas atendidas não passam dos atendimentos",
            )
            c1, c2, c3, c4 = st.columns([2, 2, 1, 2])
            alvos = list(modelo.ALVOS)
            alvo_r = opcao(modelo.ALVOS, "Unidades *", f"{pre_r}_alvo", r.alvo if r else None, onde=c1)
            esq = c2.text_input(
                "Lado esquerdo *", value=r.lado_esquerdo if r else "", key=f"{pre_r}_esq", placeholder="E01"
            )
            op = opcao(modelo.OPERADORES, "Operador *", f"{pre_r}_op", r.operador if r else None, onde=c3)
            dir_ = c4.text_input(
                "Lado direito *", value=r.lado_direito if r else "", key=f"{pre_r}_dir", placeholder="E02"
            )
            c1, c2 = st.columns(2)
            sev = opcao(modelo.SEVERIDADES, "Se falhar *", f"{pre_r}_sev", r.severidade if r else None, onde=c1)
            ativa = c2.checkbox("Regra ativa", value=r.ativa if r else True, key=f"{pre_r}_ativa")
            ok_r = st.form_submit_button("Gravar regra", type="primary")
        if ok_r:
            dados_r = indicadores.DadosRegra(
                nome=nome_r, alvo=alvo_r, lado_esquerdo=esq, operador=op, lado_direito=dir_, severidade=sev, ativa=ativa
            )
            gravar_com_trava(
                lambda: indicadores.salvar_regra(ator, dados_r, ident=regra_id, versao=versao_r),
                chave=chave_r,
                formulario=pre_r,
                mensagem=f"Regra gravada: {esq.strip().upper()} {modelo.OPERADORES[op]} {dir_.strip().upper()}.",
            )

# --- períodos de coleta -------------------------------------------------------------------------------------
with tabs["Períodos de coleta"]:
    st.caption(
        "Cada período abre numa data e tem um prazo de entrega. Depois do prazo ainda se aceitam envios com "
        "atraso durante os dias de tolerância; passada a trava, só o DMF grava valores."
    )
    per_f = filtro(modelo.PERIODICIDADES, "Periodicidade", "in_per_f")
    df_p = indicadores.tabela_periodos(ator, hoje, periodicidade=per_f)
    sel_p = tabela_exportavel(
        df_p, "periodos_coleta", chave="in_periodos", selecionavel=pode_editar, vazio="Nenhum período cadastrado."
    )
    if pode_editar:
        with st.expander("Gerar os períodos de um ano", icon=":material/calendar_month:"):
            pre_g = prefixo_formulario("in_gerar")
            with st.form(pre_g):
                c1, c2, c3, c4 = st.columns(4)
                per_g = opcao(modelo.PERIODICIDADES, "Periodicidade *", f"{pre_g}_per", onde=c1)
                ano_g = campo_inteiro("Ano *", f"{pre_g}_ano", hoje.year, minimo=2023, maximo=2100, onde=c2)
                prazo_g = campo_inteiro("Dias do fim do período até o prazo", f"{pre_g}_prazo", 15, maximo=365, onde=c3)
                tol_g = campo_inteiro("Dias de tolerância", f"{pre_g}_tol", 10, maximo=365, onde=c4)
                ok_g = st.form_submit_button("Gerar períodos do ano", type="primary")
            st.caption(
                "Cria só os períodos que faltam: abertura no primeiro dia do período, prazo alguns dias depois "
                "do último. Os já cadastrados não mudam."
            )
            if ok_g:

                def gerar():
                    n = indicadores.gerar_periodos(ator, per_g, ano_g, dias_prazo=prazo_g, dias_tolerancia=tol_g)
                    periodicidade = modelo.PERIODICIDADES[per_g].lower()
                    if n == 0:
                        return f"Nenhum período criado: os de {ano_g} ({periodicidade}) já existiam."
                    return f"{n} período(s) de {ano_g} criado(s) ({periodicidade})."

                gravar(gerar, chave="periodos_gerar", formulario=pre_g, mensagem="Períodos gerados.")

        with st.expander("Incluir ou alterar um período", icon=":material/edit_calendar:"):
            todos_p = {p.id: p for p in indicadores.periodos(ator, periodicidade=per_f)}
            escolha_segue_a_tabela(sel_p, "in_periodo_sel", (None, *todos_p))
            periodo_id = escolha_incluir_ou_alterar(
                "Período", todos_p, "in_periodo_sel", "Incluir um período novo", indicadores.rotulo
            )
            per = todos_p.get(periodo_id)
            pre_p = prefixo_formulario(f"in_periodo_{periodo_id or 'novo'}")
            chave_p = f"periodo_{periodo_id or 'novo'}"
            versao_p = versao_do_escolhido(chave_p, per)
            if per is not None:
                sit = situacao_periodo(per.abertura, per.prazo, per.dias_tolerancia, hoje)
                st.caption(
                    f"{indicadores.rotulo(per)}: de {formatos.data(per.inicio)} a {formatos.data(per.fim)} · "
                    f"{SITUACOES_PERIODO[sit]} · trava em "
                    f"{formatos.data(data_da_trava(per.prazo, per.dias_tolerancia))}. Com envios, só abertura, "
                    "prazo e tolerância podem mudar."
                )
            with st.form(pre_p):
                c1, c2, c3 = st.columns(3)
                pers = list(modelo.PERIODICIDADES)
                periodicidade_p = opcao(
                    modelo.PERIODICIDADES,
                    "Periodicidade *",
                    f"{pre_p}_per",
                    per.periodicidade if per else None,
                    onde=c1,
                )
                ano_p = campo_inteiro(
                    "Ano *", f"{pre_p}_ano", per.ano if per else hoje.year, minimo=2023, maximo=2100, onde=c2
                )
                numero_p = campo_inteiro(
                    "Número no ano *",
                    f"{pre_p}_numero",
                    per.numero if per else 1,
                    minimo=1,
                    maximo=12,
                    onde=c3,
                    help="Mês (1 a 12), trimestre (1 a 4), semestre (1 ou 2); 1 no anual.",
                )
                c1, c2, c3 = st.columns(3)
                abertura_p = campo_data("Abertura *", f"{pre_p}_abertura", per.abertura if per else None, onde=c1)
                prazo_p = campo_data("Prazo de entrega *", f"{pre_p}_prazo", per.prazo if per else None, onde=c2)
                tol_p = campo_inteiro(
                    "Dias de tolerância *", f"{pre_p}_tol", per.dias_tolerancia if per else 10, maximo=365, onde=c3
                )
                ok_p = st.form_submit_button("Gravar período", type="primary")
            if ok_p:
                dados_p = indicadores.DadosPeriodo(
                    periodicidade=periodicidade_p,
                    ano=ano_p,
                    numero=numero_p,
                    abertura=abertura_p,
                    prazo=prazo_p,
                    dias_tolerancia=tol_p,
                )
                gravar_com_trava(
                    lambda: indicadores.salvar_periodo(ator, dados_p, ident=periodo_id, versao=versao_p),
                    chave=chave_p,
                    formulario=pre_p,
                    mensagem="Período gravado.",
                )
    por_ano = ", ".join(f"{modelo.PERIODICIDADES[k].lower()} {v}" for k, v in modelo.PERIODOS_NO_ANO.items())
    st.caption(f"Períodos por ano: {por_ano}.")
