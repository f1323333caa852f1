"""Recursos: de onde vem o dinheiro (prestação pecuniária, ANPP, TAC, FUNPEN…), para onde foi
e em que etapa está; mapeamento de recursos potenciais; importação de planilhas."""

from functools import partial

import streamlit as st

from comum import formatos
from core import acesso
from core.config import obter_config
from dominio.cadastros import referencia
from dominio.publico import glossario
from dominio.recursos import servicos as recursos
from dominio.recursos.importacao import COLUNAS, importar_fluxos, modelo_xlsx
from dominio.recursos.regras import PROCESSO_OBRIGATORIO, valores_acumulados
from models.recursos import ETAPAS, TIPOS_DESTINO, TIPOS_ORGAO, TIPOS_ORIGEM
from ui import graficos
from ui.campos import campo_data, inclusao_em_expansor, opcao
from ui.comum import (
    ExportacaoCompleta,
    abrir_pagina,
    grafico,
    gravar_com_trava,
    id_da_url,
    importacao_de_planilha,
    pagina_atual,
    prefixo_formulario,
    seletor_de_pagina,
    tabela_exportavel,
    texto_md,
    tratando_erros,
)

ator, hoje, pode_editar = abrir_pagina(
    "Recursos",
    "Meta f e etapa de mapeamento do Plano de Trabalho: valores de penas de prestação pecuniária, ANPP, "
    "transação penal, TACs, multas, FUNPEN e outras fontes até os Fundos Municipais de Políticas Penais, "
    "Escritórios Sociais e projetos.",
    permissao=acesso.RECURSOS_EDITAR,
)
SIGLAS = [u.sigla for u in referencia.listar_ufs()]
DINHEIRO = st.column_config.NumberColumn(format="R$ %.2f")
# destino que é uma unidade cadastrada: o rótulo do campo, o sufixo da chave e o convite a escolher
UNIDADES_DE_DESTINO = {
    "fundo": ("Fundo Municipal *", "fundo", "Escolha o Fundo"),
    "escritorio": ("Escritório Social *", "escr", "Escolha o Escritório"),
}

with st.container(border=True):
    c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
    primeira, ultima = recursos.intervalo_datas(ator)
    periodo = campo_data("Período (data da etapa atual)", "rc_periodo", (primeira, ultima) if primeira else (), onde=c1)
    ufs = c2.multiselect("UF de origem", SIGLAS, key="rc_uf", placeholder="Todas")
    origens = c3.multiselect(
        "Origem", list(TIPOS_ORIGEM), format_func=TIPOS_ORIGEM.get, key="rc_origem", placeholder="Todas"
    )
    etapas = c4.multiselect("Etapa", list(ETAPAS), format_func=ETAPAS.get, key="rc_etapa", placeholder="Todas")
filtros = recursos.Filtros(
    inicio=periodo[0] if len(periodo) >= 1 else None,
    fim=periodo[1] if len(periodo) == 2 else None,
    ufs=ufs,
    origens=origens,
    etapas=etapas,
)

t = recursos.totais(ator, filtros)
acumulados = valores_acumulados(t)
m = st.columns(4)
for coluna, etapa in zip(m, ("potencial", "destinado", "transferido", "aplicado")):
    coluna.metric(
        ETAPAS[etapa],
        formatos.dinheiro_compacto(acumulados[etapa]),
        help=f"{glossario.ajuda(ETAPAS[etapa])} Exato: {formatos.dinheiro(acumulados[etapa])}",
    )
st.caption(
    f"{formatos.numero(t['fluxos'])} fluxo(s), total de {formatos.dinheiro(t['total'])}. Etapas em ordem: "
    "potencial → destinado → transferido → aplicado; **Destinado** inclui o já transferido e aplicado, e "
    "**Transferido** inclui o aplicado (mesmo sentido do painel público; ver o Glossário)."
)


def formulario_fluxo(pre: str) -> recursos.DadosFluxo | None:
    """Um fluxo novo: o destino fica fora do `st.form` (a escolha muda os campos), o resto dentro;
    devolve os dados só quando enviado."""
    opcoes = recursos.opcoes_destino()
    d1, d2 = st.columns([1, 3])
    destino_tipo = opcao(TIPOS_DESTINO, "Tipo de destino *", f"{pre}_destino_tipo", onde=d1)
    unidade_destino = dict.fromkeys(UNIDADES_DE_DESTINO)  # o id do Fundo ou do Escritório escolhido
    if destino_tipo in UNIDADES_DE_DESTINO:
        rotulo, sufixo, convite = UNIDADES_DE_DESTINO[destino_tipo]
        unidade_destino[destino_tipo] = opcao(
            opcoes[destino_tipo],
            rotulo,
            f"{pre}_{sufixo}",
            padrao=None,
            onde=d2,
            placeholder=convite,
        )
    with st.form(pre):
        a1, a2, a3 = st.columns(3)
        tipo = opcao(TIPOS_ORIGEM, "Origem *", f"{pre}_tipo", onde=a1)
        orgao_tipo = opcao(TIPOS_ORGAO, "Tipo do órgão *", f"{pre}_orgao_tipo", onde=a2)
        uf = a3.selectbox("UF de origem *", SIGLAS, index=None, key=f"{pre}_uf", placeholder="UF")
        orgao = st.text_input(
            "Órgão de origem *",
            key=f"{pre}_orgao",
            max_chars=recursos.limite_de_texto("orgao_origem"),
            placeholder="Ex.: TJPR — Comarca de Curitiba — 1ª Vara de Execuções Penais",
        )
        processo = st.text_input(
            "Número do processo",
            key=f"{pre}_processo",
            placeholder="NNNNNNN-DD.AAAA.J.TR.OOOO",
            help=f"{PROCESSO_OBRIGATORIO.capitalize()}; os dígitos verificadores são conferidos.",
        )
        b1, b2 = st.columns([3, 2])
        destino_nome = b1.text_input(
            "Projeto ou entidade (se o destino não é Fundo nem Escritório)",
            key=f"{pre}_destino_nome",
            max_chars=recursos.limite_de_texto("destino_nome"),
        )
        destino_cnpj = b2.text_input("CNPJ do destino", key=f"{pre}_cnpj", placeholder="00.000.000/0000-00")
        e1, e2 = st.columns(2)
        valor_txt = e1.text_input("Valor (R$) *", key=f"{pre}_valor", placeholder="1.234,56")
        etapa = opcao(ETAPAS, "Etapa *", f"{pre}_etapa", onde=e2)
        f1, f2, f3, f4 = st.columns(4)
        dp = campo_data("Data potencial", f"{pre}_dp", onde=f1)
        dd = campo_data("Data da destinação", f"{pre}_dd", onde=f2)
        dt = campo_data("Data da transferência", f"{pre}_dt", onde=f3)
        da = campo_data("Data da aplicação", f"{pre}_da", onde=f4)
        justificativa = st.text_area(
            "Justificativa da destinação",
            key=f"{pre}_just",
            max_chars=recursos.limite_de_texto("justificativa"),
            help="Obrigatória para TAC, multa e dano moral coletivo (Res. Conjunta CNJ/CNMP 10/2024, art. 6º).",
        )
        exige_contas = st.checkbox("A destinação exige prestação de contas", key=f"{pre}_contas")
        prazo = campo_data(
            "Prazo da prestação de contas",
            f"{pre}_prazo",
            help=f"Em branco: {formatos.numero(obter_config().prazo_prestacao_dias)} dias corridos da transferência.",
        )
        enviado = st.form_submit_button("Incluir", type="primary")
    if not enviado:
        return None
    return recursos.DadosFluxo(
        tipo_origem=tipo,
        orgao_tipo=orgao_tipo,
        orgao_origem=orgao,
        uf_origem=uf or "",
        destino_tipo=destino_tipo,
        valor=valor_txt,
        etapa=etapa,
        processo=processo,
        fundo_id=unidade_destino["fundo"],
        escritorio_id=unidade_destino["escritorio"],
        destino_nome=destino_nome,
        destino_cnpj=destino_cnpj,
        data_potencial=dp,
        data_destinacao=dd,
        data_transferencia=dt,
        data_aplicacao=da,
        justificativa=justificativa,
        status_prestacao="pendente" if exige_contas else "nao_exigida",
        prazo_prestacao=prazo,
    )


abas = ["Para onde vai", "Por mês", "Por UF", "Fluxos", "Mapeamento"] + (["Importar planilha"] if pode_editar else [])
# abas sob demanda: só a aberta soma os fluxos (com um milhão de fluxos, cada agregado frio custa
# de décimos a segundos, e cada combinação de filtros é um cálculo novo); campos e formulários
# são desenhados em todas, para nada digitado se perder ao trocar de aba
fluxo_da_url = id_da_url("fluxo")  # ?fluxo=N: o fluxo aberto por um link (da página Buscar)
tabs = dict(zip(abas, st.tabs(abas, key="rc_abas", on_change="rerun", default="Fluxos" if fluxo_da_url else None)))


def aberta(rotulo: str) -> bool:
    return tabs[rotulo].open is not False  # None: sem estado (sempre desenhar)


with tabs["Para onde vai"]:
    top = st.slider("Destinos mostrados pelo nome (os demais somam em “Outros destinos”)", 3, 30, 10, key="rc_top")
    if aberta("Para onde vai"):
        sk = recursos.dados_sankey(ator, filtros, top_n=top)
        if sk.empty:
            st.info("Nenhum fluxo com esses filtros.")
        else:
            grafico(
                graficos.sankey_fluxos(sk), config=graficos.CONFIG_GRAFICO, key="rc_sankey", rolagem_horizontal=True
            )
            st.caption("Origem → UF → tipo de destino → destino. Passe o mouse para ver os valores.")

with tabs["Por mês"]:
    if aberta("Por mês"):
        serie = recursos.serie_mensal(ator, filtros)
        if serie.empty:
            st.info("Nenhum fluxo com esses filtros.")
        else:
            grafico(graficos.serie_mensal_por_origem(serie), config=graficos.CONFIG_GRAFICO, key="rc_serie")
            tabela_exportavel(
                serie.assign(Mês=serie["Mês"].map(lambda m: f"{m[5:7]}/{m[:4]}")),  # AAAA-MM → MM/AAAA
                "recursos_por_mes",
                chave="rc_serie_tab",
                formatos_colunas={"Valor": DINHEIRO},
            )

with tabs["Por UF"]:
    if aberta("Por UF"):
        uf_df = recursos.por_uf(ator, filtros)
        grafico(
            graficos.mapa_ufs(
                uf_df, "Destinado (mil R$)", rotulo="Destinado (mil R$)", escala="Greens", hover=["Fluxos"]
            ),
            config=graficos.CONFIG_MAPA,
            key="rc_mapa",
        )
        st.caption("Valores destinados (etapas destinado, transferido e aplicado), pela UF de origem.")
        tabela_exportavel(
            uf_df.drop(columns=["Destinado (mil R$)"]),
            "recursos_por_uf",
            chave="rc_uf_tab",
            formatos_colunas={
                "Total (R$)": DINHEIRO,
                "Destinado (R$)": st.column_config.NumberColumn(format="R$ %.2f", help=glossario.ajuda("Destinado")),
            },
        )

with tabs["Fluxos"]:
    por_pagina = 200
    pagina, paginas = pagina_atual("rc_pagina", int(t["fluxos"]), por_pagina)
    df, total = recursos.tabela_fluxos(ator, filtros, pagina=pagina, por_pagina=por_pagina)
    st.caption(
        f"{formatos.numero(total)} fluxo(s) — página {formatos.numero(pagina)} de {formatos.numero(paginas)}, "
        f"{por_pagina} por página, mais recentes primeiro."
    )
    sel = tabela_exportavel(
        df,
        "fluxos",
        chave="rc_tabela",
        selecionavel=True,
        vazio="Nenhum fluxo com esses filtros.",
        formatos_colunas={"Valor (R$)": DINHEIRO},
        completa=ExportacaoCompleta(partial(recursos.fluxos_em_partes, ator, filtros), total, filtros.chave()),
    )
    seletor_de_pagina("rc_pagina", paginas)
    if sel is None and fluxo_da_url is not None:
        with tratando_erros():
            f = recursos.obter_fluxo(ator, fluxo_da_url)
            nome = f" {f.destino_nome}" if f.destino_nome else ""
            sel = {"id": f.id, "Destino": f"{TIPOS_DESTINO[f.destino_tipo]}{nome}"}
    if sel is not None:
        f = recursos.obter_fluxo(ator, int(sel["id"]))
        st.divider()
        st.subheader(f"Fluxo nº {f.id} — {formatos.dinheiro(f.valor)}")
        c1, c2 = st.columns(2)
        c1.markdown(
            f"**Origem:** {TIPOS_ORIGEM[f.tipo_origem]}  \n**Órgão:** {texto_md(f.orgao_origem)} ({f.uf_origem})  \n"
            f"**Processo:** {texto_md(f.processo or '—')}  \n**Destino:** {texto_md(sel['Destino'])}"
        )
        c2.markdown(
            f"**Etapa:** {ETAPAS[f.etapa]}  \n**Potencial:** {formatos.data(f.data_potencial)} · "
            f"**Destinação:** {formatos.data(f.data_destinacao)}  \n**Transferência:** "
            f"{formatos.data(f.data_transferencia)} · **Aplicação:** {formatos.data(f.data_aplicacao)}  \n"
            f"**Justificativa:** {f.justificativa or '—'}"
        )
        st.caption("A prestação de contas deste fluxo se registra na página *Prestação de contas*.")

    if pode_editar:
        inclusao_em_expansor(
            "Novo fluxo",
            formulario_fluxo,
            "rc_novo",
            lambda dados: recursos.salvar_fluxo(ator, dados, hoje=hoje),
            mensagem="Fluxo incluído.",
        )

with tabs["Mapeamento"]:
    anos = list(range(hoje.year, hoje.year - 6, -1))
    ano = st.selectbox("Ano", anos, key="rc_map_ano", placeholder="Selecione")
    if aberta("Mapeamento"):
        mp = recursos.mapeamento(ator, ano)
        if mp.empty:
            st.info(f"Nenhuma estimativa nem destinação registrada em {ano}.")
        else:
            mostrar = mp.assign(
                Aproveitamento=mp["Aproveitamento"].map(
                    lambda v: formatos.percentual(v) if v is not None and v == v else "—"
                )
            )
            tabela_exportavel(
                mostrar,
                f"mapeamento_{ano}",
                chave="rc_map_tab",
                formatos_colunas={
                    "Potencial estimado (R$)": DINHEIRO,
                    "Destinado a Fundos e Escritórios (R$)": DINHEIRO,
                },
            )
            st.caption(
                "Aproveitamento = destinado a Fundos e Escritórios no ano ÷ potencial estimado. Estimativas vêm de "
                "levantamentos (ex.: saldos de contas judiciais de prestação pecuniária)."
            )
    if pode_editar:
        with st.expander("Registrar estimativa de recurso potencial", icon=":material/add_chart:"):
            pre = prefixo_formulario("rc_pot")
            with st.form(pre):
                g1, g2, g3 = st.columns(3)
                p_uf = g1.selectbox("UF *", SIGLAS, index=None, key=f"{pre}_uf", placeholder="UF")
                p_ano = g2.number_input(
                    "Ano *", min_value=2000, max_value=2100, value=hoje.year, key=f"{pre}_ano", step=1, format="%d"
                )
                p_tipo = opcao(TIPOS_ORIGEM, "Origem *", f"{pre}_tipo", onde=g3)
                p_orgao = st.text_input("Órgão", key=f"{pre}_orgao", placeholder="Ex.: TJPR — contas judiciais")
                p_valor = st.text_input("Valor estimado (R$) *", key=f"{pre}_valor", placeholder="1.234.567,89")
                p_fonte = st.text_input("Fonte da estimativa", key=f"{pre}_fonte")
                ok = st.form_submit_button("Registrar", type="primary")
            if ok:
                gravar_com_trava(
                    lambda: recursos.salvar_potencial(
                        ator,
                        uf=p_uf or "",
                        ano=int(p_ano),
                        tipo_origem=p_tipo,
                        orgao=p_orgao,
                        valor=p_valor,
                        fonte=p_fonte,
                    ),
                    chave="potencial_novo",
                    formulario=pre,
                    mensagem="Estimativa registrada.",
                )

if pode_editar:
    with tabs["Importar planilha"]:
        importacao_de_planilha(
            explicacao="Planilhas de tribunais e unidades do MP, em **CSV** (separador `;` ou `,`, UTF-8 ou Windows) "
            "ou **XLSX**, com as colunas do modelo. Valores como `1.234,56`, datas `DD/MM/AAAA`. "
            "O arquivo entra **inteiro ou não entra**; linhas já importadas antes são ignoradas.",
            modelo=modelo_xlsx(),
            nome_modelo="modelo_fluxos_recursos.xlsx",
            colunas=COLUNAS,
            prefixo="rc",
            importar=partial(importar_fluxos, ator, hoje=hoje),
            resumo=lambda r: (
                f"Importação concluída: {formatos.numero(r.linhas)} linha(s) lidas, "
                f"{formatos.numero(r.incluidas)} fluxo(s) incluído(s), "
                f"{formatos.numero(r.ja_existentes)} já existiam e foram ignorados."
            ),
            nome_erros="problemas_importacao",
            aviso=lambda r: r.aviso_colunas_ignoradas,
        )
