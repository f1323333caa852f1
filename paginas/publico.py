"""Painel público: somente agregados, sem dados pessoais e sem login.

Tudo vem do painel publicado (`consultas.painel_publicado`): um retrato por período, gravado
quando o período é publicado e válido até a publicação seguinte, com a supressão conjunta das
contagens de pessoas (`dominio.publico.supressao:suprimir_conjunto`). Toda tabela é exportada por
`_exportar`, com CSV e XLSX; o dicionário de dados (`consultas.dicionario_dados`) descreve cada coluna."""

import streamlit as st

from comum import formatos
from comum.anexos import tipo_para_baixar
from dominio.publico import consultas, dados_abertos, glossario, supressao
from ui import graficos, painel_publico
from ui.comum import expansor_sob_demanda, grafico, tabela_exportavel, texto_md
from ui.graficos import funpen as graficos_funpen

# colunas de recursos com a dica do glossário (o mesmo sentido da página Recursos)
POR_ETAPA = {
    f"{termo} (R$)": st.column_config.NumberColumn(format="R$ %.2f", help=glossario.ajuda(termo))
    for termo in ("Destinado", "Transferido", "Aplicado")
}

painel = consultas.painel_publicado()
tabs = consultas.tabelas_publicas()


def _exportar(nome: str, chave: str, **kw) -> None:
    """Tabela pública `nome` na tela, com CSV e XLSX (o nome é também o do arquivo e o do dicionário).
    Os arquivos levam números como números (`dados_abertos.planilha`): sem separador de milhar,
    percentuais sem “%” (a unidade está no dicionário) e “X” nas contagens suprimidas."""
    tabela_exportavel(tabs[nome], nome, chave=chave, exportar=dados_abertos.planilha(nome, tabs[nome]), **kw)


def _tabelas_sob_demanda(rotulo: str, chave: str, *tabelas: tuple[str, str], **kw) -> None:
    """As tabelas públicas `tabelas` (nome e chave, como em `_exportar`) num `expansor_sob_demanda`:
    montadas só quando alguém o abre."""
    with expansor_sob_demanda(rotulo, chave=chave, **kw) as aberto:
        if aberto:
            for nome, chave_tabela in tabelas:
                _exportar(nome, chave_tabela)


st.title("Painel público do ACT CNJ–CNMP nº 22/2023")
st.markdown(
    "Acordo de Cooperação Técnica entre o **Conselho Nacional de Justiça** e o **Conselho Nacional do Ministério "
    "Público** para a **Política Nacional de Trabalho no âmbito do Sistema Prisional (PNAT)**: trabalho e renda "
    "para pessoas privadas de liberdade e egressas do sistema prisional."
)
st.markdown(
    f":material/bolt: [{painel_publico.ROTULO_VERSAO_LEVE}](painel): os mesmos números numa página estática, "
    "que abre depressa em qualquer aparelho."
)
if painel is None:
    st.info(
        "O painel ainda não foi publicado. Os números aparecem aqui quando a equipe do DMF ou a Comissão do "
        "CNMP publicar o primeiro período.",
        icon=":material/schedule:",
    )
    st.stop()
st.caption(texto_md(painel_publico.texto_publicado(painel)))


def _metricas(cartoes: list[painel_publico.Cartao], colunas: list | None = None) -> None:
    """Os números em destaque (`ui.painel_publico`, os mesmos da versão leve), um por coluna."""
    for col, c in zip(colunas or st.columns(max(3, len(cartoes))), cartoes):
        col.metric(c.rotulo, c.valor, help=texto_md(c.ajuda) if c.ajuda else None)


_metricas(painel_publico.cartoes_totais(painel.extras["totais"]))

df = tabs["presenca_por_uf"]
st.subheader("Presença por Unidade da Federação")
medida = st.radio("Mostrar no mapa", ["Escritórios Sociais", "Fundos Municipais"], horizontal=True, key="pub_medida")
fig = graficos.mapa_ufs(
    df, medida, rotulo=medida, hover=["Grupo Interinstitucional", "Escritórios Sociais", "Fundos Municipais"]
)
grafico(fig, config=graficos.CONFIG_MAPA, key="pub_mapa", resumo=graficos.resumo_ufs(df, medida))
_tabelas_sob_demanda("Ver a tabela por UF", "pub_exp_uf", ("presenca_por_uf", "pub_tabela"))

# --- Plano de Trabalho: metas e cronograma do ano corrente ---------------------------------------
rotulo_ano, metas = painel.extras["rotulo_ano_plano"], tabs["progresso_metas"]
if not metas.empty:
    st.subheader("Metas do Plano de Trabalho")
    if rotulo_ano:
        st.caption(
            f"Progresso no {rotulo_ano}: média do percentual executado das atividades do cronograma "
            "vinculadas a cada meta (as canceladas não contam)."
        )
    grafico(
        graficos.barras_progresso_metas(metas.rename(columns={"Descrição": "Texto"})),
        config=graficos.CONFIG_GRAFICO,
        key="pub_metas_graf",
        resumo=graficos.resumo_barras(metas, "Meta", "Progresso (%)", unidade="%", rotulo="progresso das metas"),
    )
    for letra, texto in zip(metas["Meta"], metas["Descrição"]):
        st.markdown(f"**{letra})** {texto_md(texto)}")
    _tabelas_sob_demanda("Ver a tabela de progresso das metas", "pub_exp_metas", ("progresso_metas", "pub_metas_tab"))

ativs, resumo = tabs["cronograma_atividades"], tabs["cronograma_situacao"]
if not ativs.empty:
    st.subheader("Situação do cronograma")
    _metricas(painel_publico.resumo_situacoes(resumo))
    _tabelas_sob_demanda(
        "Ver as atividades do ano",
        "pub_exp_crono",
        ("cronograma_situacao", "pub_crono_resumo"),
        ("cronograma_atividades", "pub_crono_tab"),
    )

# --- indicadores (só valores aprovados pelo CNMP) -----------------------------------------------
ano_ind = painel.extras["ano_indicadores"]
if not tabs["indicadores_destaques"].empty:
    st.subheader("Indicadores")
    st.caption(
        f"Totais nacionais de {ano_ind} (até o último período aprovado). Somente valores **aprovados** pela "
        "Comissão do CNMP, depois da validação do DMF: números ainda em revisão não aparecem aqui."
    )
    cols = [*st.columns(3), *st.columns(3)]  # duas linhas: rótulos inteiros, sem reticências
    _metricas(painel_publico.cartoes_indicadores(tabs["indicadores_destaques"], ano_ind), cols)
    _tabelas_sob_demanda(
        "Ver a tabela dos indicadores em destaque", "pub_exp_ind", ("indicadores_destaques", "pub_ind_tab")
    )
    if not tabs["indicadores_por_uf"].empty:
        st.markdown(f"**Pessoas inseridas no trabalho e egressos empregados, por UF — {ano_ind}**")
        _exportar("indicadores_por_uf", "pub_ind_uf")
        st.caption(supressao.nota_rodape(painel.k))
    completude_pub = tabs["indicadores_completude"]
    if not completude_pub.empty:
        st.markdown("**Entrega dos formulários no último período encerrado**")
        cols = st.columns(max(3, len(completude_pub)))
        _metricas(painel_publico.cartoes_completude(completude_pub), cols)
        for col, no_prazo in zip(cols, completude_pub["% no prazo"]):
            col.caption(f"No prazo: {texto_md(no_prazo)}")
        _tabelas_sob_demanda(
            "Ver a tabela de entrega dos formulários", "pub_exp_comp", ("indicadores_completude", "pub_ind_comp")
        )

# --- recursos ----------------------------------------------------------------------------------
por_origem = tabs["recursos_por_origem"]
if not por_origem.empty:
    por_uf_rec = tabs["recursos_por_uf"]
    st.subheader("Recursos destinados a Fundos Municipais, Escritórios Sociais e projetos")
    st.metric(
        "Total destinado",
        formatos.dinheiro(por_origem["Destinado (R$)"].sum()),
        help=glossario.ajuda("Destinado"),
    )
    c1, c2 = st.columns(2)
    with c1:
        grafico(
            graficos.barras_valor(por_origem, "Origem", "Destinado (R$)"),
            config=graficos.CONFIG_GRAFICO,
            key="pub_rec_origem",
            resumo=graficos.resumo_barras(por_origem, "Origem", "Destinado (R$)", rotulo="valor destinado"),
        )
    with c2:
        grafico(
            graficos.mapa_recursos_por_uf(por_uf_rec),
            config=graficos.CONFIG_MAPA,
            key="pub_rec_mapa",
            resumo=graficos.resumo_ufs(por_uf_rec, "Destinado (R$)"),
        )
    with expansor_sob_demanda("Ver as tabelas de recursos", chave="pub_exp_rec") as aberto:
        if aberto:
            _exportar(
                "recursos_por_origem", "pub_rec_tab_o", formatos_colunas={"Destinado (R$)": POR_ETAPA["Destinado (R$)"]}
            )
            _exportar(
                "recursos_por_uf", "pub_rec_tab_u", formatos_colunas={"Destinado (R$)": POR_ETAPA["Destinado (R$)"]}
            )

por_ano = tabs["recursos_por_ano"]
if not por_ano.empty:
    st.subheader("Recursos por ano e origem")
    st.caption(
        "Ano da destinação. Destinado inclui os valores já transferidos e aplicados; transferido inclui os aplicados."
    )
    grafico(
        graficos.barras_recursos_por_ano(por_ano),
        config=graficos.CONFIG_GRAFICO,
        key="pub_rec_ano",
        resumo=graficos.resumo_recursos_por_ano(por_ano),
    )
    with expansor_sob_demanda("Ver a tabela por ano", chave="pub_exp_ano") as aberto:
        if aberto:
            _exportar(
                "recursos_por_ano",
                "pub_rec_tab_a",
                formatos_colunas=POR_ETAPA,
            )

# --- cotas da PNAT -------------------------------------------------------------------------------
cotas = tabs["cotas_pnat_por_uf"]
if int(cotas["Sujeitos à cota"].sum()):
    st.subheader("Cotas da PNAT em contratos públicos")
    st.caption(
        "Decreto 9.450/2018: contratos de serviços acima de R$ 330.000,00 por ano reservam vagas para pessoas "
        "presas e egressas. Por UF, quantos contratos sujeitos à cota a cumprem (em cinza, UFs sem contrato "
        "sujeito cadastrado)."
    )
    grafico(
        graficos_funpen.mapa_cotas(cotas),
        config=graficos.CONFIG_MAPA,
        key="pub_cotas_mapa",
        resumo=graficos.resumo_ufs(cotas, "Contratos que cumprem (%)", unidade="%"),
    )
    _tabelas_sob_demanda("Ver a tabela de cotas por UF", "pub_exp_cotas", ("cotas_pnat_por_uf", "pub_cotas_tab"))

# --- comunicação e publicações -------------------------------------------------------------------
publico = tabs["publico_acoes_comunicacao"]
if not publico.empty:
    st.subheader("Público das ações de comunicação")
    st.caption("Pessoas alcançadas pelas ações já realizadas, por tipo de ação e categoria.")
    _exportar("publico_acoes_comunicacao", "pub_acoes_tab")
    st.caption(supressao.nota_rodape(painel.k))

pubs = tabs["publicacoes"]
if not pubs.empty:
    st.subheader("Últimas publicações")
    for i, (p, anexo_id) in enumerate(zip(pubs.to_dict("records"), painel.extras["anexos_publicacoes"])):
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        c1.markdown(
            f"**{texto_md(p['Tipo'])} nº {texto_md(p['Número'])}** — {texto_md(p['Título'])} "
            f"({formatos.data(p['Data'])})"
        )
        arquivo = consultas.anexo_publico_ou_nada(anexo_id) if anexo_id is not None else None
        if arquivo is not None:
            nome, _mime, conteudo = arquivo
            c2.download_button(
                "Baixar",
                conteudo,
                nome,
                tipo_para_baixar(nome),
                key=f"pub_anexo_{i}",
                icon=":material/download:",
            )
        elif p["Link"]:
            c2.link_button("Abrir", p["Link"], icon=":material/open_in_new:")
    _tabelas_sob_demanda("Ver a tabela de publicações", "pub_exp_pubs", ("publicacoes", "pub_pubs_tab"))

# --- dados abertos ------------------------------------------------------------------------------
st.subheader("Dados abertos")
st.markdown(
    "Todas as tabelas deste painel podem ser baixadas acima em CSV para planilhas (UTF-8, separador `;`, "
    "vírgula decimal, números sem separador de milhar, percentuais como números) e XLSX. O dicionário de "
    "dados descreve cada coluna: significado, unidade, fonte e supressão."
)
_tabelas_sob_demanda(
    "Dicionário de dados", "pub_exp_dicionario", ("dicionario_de_dados", "pub_dicionario"), icone=":material/menu_book:"
)

base = (st.context.url or "").split("?")[0].rstrip("/")
base = base[: -len("/publico")] if base.endswith("/publico") else base
pacote_url = dados_abertos.endereco(base, "datapackage.json")
st.markdown(
    "**Para sistemas e análises** — uma API sem login, só de leitura, com as mesmas tabelas: o "
    f"[pacote de dados]({pacote_url}) (Frictionless Data Package, licença CC-BY-4.0) descreve cada "
    "tabela, coluna, tipo e unidade; cada tabela sai em CSV (UTF-8, vírgula, ponto decimal, datas "
    "AAAA-MM-DD) ou JSON, com filtros `uf` e `ano` onde a tabela os tem."
)
with expansor_sob_demanda("Endereços e exemplos da API", chave="pub_exp_api", icone=":material/api:") as aberto:
    if aberto:
        st.dataframe(
            [
                {
                    "Tabela": r.titulo,
                    "CSV": dados_abertos.endereco(base, f"{r.nome}.csv"),
                    "JSON": dados_abertos.endereco(base, f"{r.nome}.json"),
                    "Filtros": ", ".join(r.filtros) or "—",
                }
                for r in dados_abertos.RECURSOS
            ],
            hide_index=True,
            width="stretch",
            column_config={"CSV": st.column_config.LinkColumn("CSV"), "JSON": st.column_config.LinkColumn("JSON")},
            key="pub_api_tab",
        )
        exemplo_csv = dados_abertos.endereco(base, "recursos_por_ano.csv")
        st.markdown("Linha de comando (curl):")
        st.code(f'curl -sS "{exemplo_csv}?ano=2024" -o recursos_2024.csv', language="bash")
        st.markdown("Python (pandas):")
        st.code(
            f'import pandas as pd\n\ndf = pd.read_csv("{exemplo_csv}")\nprint(df.groupby("ano")["destinado_reais"].sum())',
            language="python",
        )
        st.caption("Documentação completa: docs/dados_abertos.md no repositório do sistema.")

st.caption("Somente dados agregados; nenhum dado pessoal é publicado.")

# --- acessibilidade (eMAG 3.1: página ou seção “Acessibilidade”) ----------------------------------
st.subheader("Acessibilidade")
st.markdown(
    "Este painel busca atender ao **eMAG 3.1** (Modelo de Acessibilidade em Governo Eletrônico) e às "
    "**WCAG 2.1, nível AA**. A cada versão, testes automáticos com o axe-core examinam todas as páginas, "
    "para o público e para cada perfil, e recusam violações graves; o painel e o login são percorridos só "
    "com o teclado.\n\n"
    "- **Teclado:** `Tab` e `Shift+Tab` passam pelos menus, opções, tabelas e botões; `Enter` ou espaço "
    "os aciona; nas tabelas, as setas movem entre as células.\n"
    "- **Gráficos:** cada gráfico tem ao lado um resumo em texto e, logo abaixo, a tabela com os mesmos "
    "dados, que também pode ser baixada.\n"
    "- **Idioma:** a página declara o português do Brasil, para a leitura correta pelos leitores de tela.\n"
    "- **Limitações conhecidas:** os mapas e gráficos interativos não são navegáveis pelo teclado (a "
    "tabela ao lado traz os mesmos dados); não há atalhos de teclado próprios (accesskey) nem alto contraste "
    "próprio — use o zoom e o contraste do navegador ou do sistema.\n\n"
    "Encontrou uma barreira de acesso? Comunique-a à Ouvidoria do CNJ, dizendo a página e o que aconteceu."
)
