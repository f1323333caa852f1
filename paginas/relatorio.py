"""Relatório periódico (etapa "Elaboração e publicação de relatórios"): PDF e XLSX de um
período, com metas, cronograma, comunicação e publicações e recursos."""

import streamlit as st

from comum import formatos
from dominio.plano import servicos as plano
from dominio.plano.regras import atalhos_de_periodo
from ui import relatorio
from ui.campos import campo_data
from ui.comum import abrir_pagina, limpar_formulario, prefixo_formulario, tratando_erros

ator, hoje, _ = abrir_pagina(
    "Relatório periódico",
    "Etapa “Elaboração e publicação de relatórios” do Plano de Trabalho: um PDF pronto para publicar e um "
    "XLSX com as mesmas tabelas, para o período escolhido, gerados aqui mesmo.",
)

planos = plano.listar_planos(ator)
corrente = plano.ano_corrente(planos, hoje)
padrao = (corrente.inicio if corrente and corrente.inicio <= hoje else hoje.replace(month=1, day=1), hoje)
atalhos = atalhos_de_periodo(hoje, [p.inicio for p in planos])


def _aplicar_atalho() -> None:
    # o campo de datas renasce (geração nova, ui.comum.limpar_formulario) com o período do atalho:
    # mudar o valor padrão de um campo que já existe não muda o que o navegador mostra
    if (escolha := st.session_state.get("rel_atalho")) in atalhos:
        st.session_state["_rel_periodo_do_atalho"] = atalhos[escolha]
        limpar_formulario("rel_periodo")


def _esquecer_atalho() -> None:  # datas mudadas à mão: nenhum atalho fica marcado
    st.session_state["rel_atalho"] = None


st.pills(
    "Atalhos",
    list(atalhos),
    key="rel_atalho",
    on_change=_aplicar_atalho,
    help="Preenche o período abaixo; as datas ainda podem ser ajustadas à mão.",
)
periodo = campo_data(
    "Período",
    prefixo_formulario("rel_periodo"),
    st.session_state.get("_rel_periodo_do_atalho", padrao),
    max_value=hoje,
    on_change=_esquecer_atalho,
)
st.markdown("Seções: " + " · ".join(f"**{i}. {s}**" for i, s in enumerate(relatorio.SECOES, start=1)))

if st.button("Gerar relatório", type="primary", icon=":material/description:", key="rel_gerar"):
    inicio = periodo[0] if len(periodo) >= 1 else None
    fim = periodo[1] if len(periodo) == 2 else None
    st.session_state.pop("rel_arquivos", None)
    with tratando_erros("O relatório não foi gerado"):
        progresso = st.progress(0.0, text="Começando…")
        with st.status("Gerando o relatório…", expanded=True) as situacao:

            def etapa(nome: str, fracao: float) -> None:
                progresso.progress(fracao, text=f"{nome}…" if fracao < 1 else nome)
                if fracao < 1:
                    situacao.write(f"{nome}…")

            try:
                pdf, xlsx, dados = relatorio.gerar_relatorio(ator, inicio, fim, hoje, etapa=etapa)
            except Exception:
                situacao.update(label="O relatório não foi gerado.", state="error")
                progresso.empty()
                raise
            situacao.update(label="Relatório gerado.", state="complete", expanded=False)
        st.session_state["rel_arquivos"] = (pdf, xlsx, dados.inicio, dados.fim, list(dados.avisos))

if arquivos := st.session_state.get("rel_arquivos"):
    pdf, xlsx, inicio, fim, avisos = arquivos
    nome = f"relatorio_act_22_2023_{inicio:%Y%m%d}_{fim:%Y%m%d}"
    st.success(f"Relatório de {formatos.data(inicio)} a {formatos.data(fim)} pronto.", icon=":material/check_circle:")
    for aviso in avisos:
        st.warning(aviso)
    botoes = st.container(horizontal=True)
    botoes.download_button(
        "Baixar PDF", pdf, f"{nome}.pdf", "application/pdf", key="rel_pdf", icon=":material/picture_as_pdf:"
    )
    botoes.download_button(
        "Baixar XLSX",
        xlsx,
        f"{nome}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="rel_xlsx",
        icon=":material/table:",
    )
