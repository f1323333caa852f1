"""Índice penitenciário (Portaria DEPEN 206/2008, Anexo II): dados por UF (cenário salvo
ou planilha), pesos editáveis, resultado com todas as frações e índices, ranking, mapa,
cenários salvos e comparação com exportação XLSX."""

from decimal import Decimal

import streamlit as st

from comum import formatos
from core import acesso
from dominio.funpen import regras
from dominio.funpen import servicos as funpen
from ui import graficos
from ui.campos import campo_decimal, campo_inteiro, opcao
from ui.comum import abrir_pagina, grafico, tabela_exportavel, tratando_erros
from ui.graficos import funpen as graficos_funpen

ator, hoje, pode_editar = abrir_pagina(
    "Índice penitenciário",
    "Portaria DEPEN 206/2008, Anexo II: percentual de expectativa de recursos de cada UF, a partir de critérios "
    "quantitativos, qualitativos (notas 0 a 2) e de correção. A fórmula da Portaria é solta; a leitura adotada "
    "está ao lado do resultado, e todos os pesos são editáveis.",
    permissao=acesso.FUNPEN_EDITAR,
)

cenarios = funpen.listar_cenarios(ator)
aba_calc, aba_comp = st.tabs(["Cálculo", "Comparar cenários"])

with aba_calc:
    origem = st.radio("Dados por UF", ["Cenário salvo", "Planilha (CSV ou XLSX)"], horizontal=True, key="ix_origem")
    entrada = None
    cenario = None
    if origem == "Cenário salvo":
        if not cenarios:
            st.info("Nenhum cenário salvo. Envie uma planilha para calcular.")
        else:
            rotulos = {c.id: f"{c.nome} ({c.ano_referencia})" for c in cenarios}
            cid = opcao(rotulos, "Cenário", "ix_cenario")
            cenario, entrada = funpen.carregar_cenario(ator, cid)
    else:
        c1, c2 = st.columns([3, 1])
        arquivo = c1.file_uploader(
            "Planilha com uma linha por UF",
            type=["csv", "xlsx"],
            key="ix_arquivo",
            help="CSV com “;”, vírgula decimal (1.234,56), UTF-8 ou Windows-1252; ou XLSX. "
            "As notas a, d, f e i podem vir vazias se vierem os dados brutos.",
        )
        c2.download_button(
            "Baixar modelo CSV",
            funpen.modelo_planilha_indice(sorted(funpen.ufs_validas())),
            "modelo_indice_penitenciario.csv",
            "text/csv",
            key="ix_modelo",
            icon=":material/download:",
        )
        if arquivo is not None:
            with tratando_erros("A planilha não foi lida"):
                entrada = funpen.ler_planilha_indice(arquivo.getvalue(), arquivo.name, funpen.ufs_validas())
                st.success(f"Planilha lida: {len(entrada.valores)} UF(s).", icon=":material/check_circle:")

    if entrada is not None:
        pesos_base = funpen.pesos_do_cenario(cenario) if cenario else regras.pesos_padrao()
        sufixo = f"{cenario.id}" if cenario else "arq"
        with st.expander("Pesos dos critérios (padrão do Anexo II)", icon=":material/tune:"):
            pesos: dict[str, Decimal] = {}
            erros: list[str] = []
            criterios = [*regras.CRITERIOS_QUANTITATIVOS, *regras.CRITERIOS_CORRECAO]
            colunas = st.columns(4)
            for i, c in enumerate(criterios):
                padrao = regras.pesos_padrao()[c]
                peso = campo_decimal(
                    regras.rotulo_criterio(c),
                    f"ix_peso_{sufixo}_{c}",
                    pesos_base[c],
                    onde=colunas[i % 4],
                    casas=4,
                    minimo=0,
                    maximo=100,
                    placeholder="0,5",
                    obrigatorio=True,
                    help=f"Padrão do Anexo II: {formatos.texto_decimal(padrao)}. Decimais com vírgula (2,5).",
                )
                if peso.erro:
                    erros.append(peso.erro)
                else:
                    pesos[c] = peso.valor
        orcamento_lido = campo_decimal(
            "Orçamento a repartir (R$)",
            f"ix_orcamento_{sufixo}",
            cenario.orcamento if cenario else None,
            casas=2,
            placeholder="1.000.000,00",
            help="Vazio: só o índice, sem alocação.",
        )
        orcamento = orcamento_lido.valor
        if orcamento_lido.erro:
            erros.append(orcamento_lido.erro)
        df = None
        if erros:
            st.warning(
                f"O cálculo espera a correção de {formatos.numero(len(erros))} campo(s), indicados acima "
                "(pesos no quadro “Pesos dos critérios”).",
                icon=":material/edit_note:",
            )
        else:
            with tratando_erros("O índice não foi calculado"):
                df = funpen.calcular(entrada, pesos, orcamento)
        if df is not None:
            esq, dir_ = st.columns([3, 1])
            with dir_:
                st.markdown("**Fórmula (leitura adotada)**")
                st.markdown("\n".join(f"- {t}" for t in regras.FORMULA_EM_PALAVRAS))
                st.markdown("**Escalas das notas: onde o Anexo II deixa vão**")
                st.markdown("\n".join(f"- {t}" for t in funpen.leituras_das_escalas()))
            with esq:
                c1, c2, c3 = st.columns(3)
                c1.metric("UFs no cálculo", formatos.numero(len(df)))
                c2.metric(
                    "Maior participação",
                    f"{df.iloc[0]['UF']} — " + formatos.percentual(df.iloc[0]["Participação (%)"] / 100, 2),
                )
                c3.metric("Critérios", formatos.numero(len(funpen.CRITERIOS_ENTRADA)))
                if orcamento is not None:
                    total = sum(v for v in df["Alocação"] if v is not None)
                    st.caption(
                        f"Orçamento de {formatos.dinheiro(orcamento)} repartido em proporção ao Ip; soma das "
                        f"alocações: {formatos.dinheiro(total)} (exata ao centavo).".replace("$", "\\$")
                    )
                mostrar = df.copy()
                mostrar["Alocação"] = mostrar["Alocação"].map(lambda v: formatos.dinheiro(v) if v is not None else "—")
                tabela_exportavel(mostrar, "indice_penitenciario", chave="ix_resultado")
            st.markdown("**Participação no índice por UF**")
            grafico(
                graficos.mapa_ufs(
                    df, "Participação (%)", rotulo="Participação (%)", hover=["Participação (%)", "Posição"]
                ),
                config=graficos.CONFIG_MAPA,
                key="ix_mapa",
            )
            st.markdown("**Ranking por participação**")
            grafico(graficos_funpen.barras_ranking(df), config=graficos.CONFIG_GRAFICO, key="ix_ranking")
            with st.expander("Valores de entrada por UF", icon=":material/table:"):
                tabela_exportavel(funpen.tabela_entrada(entrada), "indice_entrada", chave="ix_entrada")

            if pode_editar:
                st.divider()
                with st.expander("Salvar como cenário", icon=":material/save:"):
                    with st.form("ix_salvar"):
                        nome = st.text_input("Nome do cenário *", key="ix_salvar_nome")
                        ano = campo_inteiro("Ano de referência *", "ix_salvar_ano", hoje.year, minimo=2000, maximo=2100)
                        obs = st.text_area("Observações", key="ix_salvar_obs")
                        enviado = st.form_submit_button("Salvar cenário", type="primary", icon=":material/save:")
                    if enviado:
                        with tratando_erros():
                            c = funpen.salvar_cenario(
                                ator,
                                nome=nome,
                                ano_referencia=ano,
                                entrada=entrada,
                                pesos=pesos,
                                orcamento=orcamento,
                                observacoes=obs,
                            )
                            st.session_state["_aviso"] = f"Cenário “{c.nome}” salvo."
                            st.rerun()

with aba_comp:
    if len(cenarios) < 1:
        st.info("Nenhum cenário salvo para comparar.")
    else:
        rotulos = {c.id: f"{c.nome} ({c.ano_referencia})" for c in cenarios}
        escolhidos = st.multiselect(
            "Cenários (até 3)",
            list(rotulos),
            format_func=rotulos.get,
            max_selections=3,
            default=list(rotulos)[:2],
            key="ix_comparar",
            placeholder="Escolha até 3 cenários",
        )
        if escolhidos:
            comp = funpen.comparar_cenarios(ator, escolhidos)
            mostrar = comp.copy()
            for col in [c for c in mostrar.columns if c.startswith(("Alocação", "Diferença de alocação"))]:
                mostrar[col] = mostrar[col].map(lambda v: formatos.dinheiro(v) if v is not None and v == v else "—")
            tabela_exportavel(mostrar, "comparacao_cenarios", chave="ix_comparacao")
            st.download_button(
                "Baixar XLSX dos cenários (todas as colunas e a fórmula)",
                funpen.xlsx_cenarios(ator, escolhidos),
                "cenarios_indice_penitenciario.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key="ix_xlsx",
                icon=":material/download:",
            )
