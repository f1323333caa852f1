"""Prestação de contas dos recursos destinados (Res. Conjunta CNJ/CNMP 10/2024, art. 14):
vencidas e a vencer, procedimento simplificado até 30 salários mínimos, registro da prestação."""

import pandas as pd
import streamlit as st

from comum import formatos
from core import acesso
from dominio.cadastros import referencia
from dominio.recursos import servicos as recursos
from models.recursos import STATUS_PRESTACAO, TIPOS_ORIGEM
from ui import filtros_url
from ui.campos import campo_data, opcao
from ui.comum import (
    ExportacaoCompleta,
    abrir_pagina,
    gravar_com_trava,
    pagina_atual,
    prefixo_formulario,
    seletor_de_pagina,
    tabela_exportavel,
    texto_md,
    versao_aberta,
)

ator, hoje, pode_editar = abrir_pagina(
    "Prestação de contas",
    "Resolução Conjunta CNJ/CNMP 10/2024, art. 14: publicar o valor efetivamente aplicado, as atividades e os "
    "resultados e o comprovante de publicidade. Até 30 salários mínimos (o vigente na destinação), o "
    "procedimento é simplificado.",
    permissao=acesso.RECURSOS_EDITAR,
)
DINHEIRO = st.column_config.NumberColumn(format="R$ %.2f")
SITUACOES = list(recursos.SITUACOES_PRESTACAO)

c1, c2 = st.columns([3, 2])
filtros_url.lista_da_url("situacao", "pc_sit", SITUACOES)  # /prestacao_contas?situacao=vencida
sits = c1.multiselect(
    "Situação",
    SITUACOES,
    default=None if "pc_sit" in st.session_state else ["vencida", "a vencer"],
    key="pc_sit",
    placeholder="Todas",
)
ufs = c2.multiselect("UF de origem", [u.sigla for u in referencia.listar_ufs()], key="pc_uf", placeholder="Todas")
todas = recursos.resumo_prestacoes(ator, hoje)  # contadas no banco, em cache
m = st.columns(4)
m[0].metric("Vencidas", formatos.numero(todas["vencida"][0]))
m[1].metric("A vencer em 30 dias", formatos.numero(todas["a vencer"][0]))
m[2].metric("Entregues", formatos.numero(todas["entregue"][0]))
valor_vencido = todas["vencida"][1]
m[3].metric(
    "Valor com prestação vencida",
    formatos.dinheiro_compacto(valor_vencido),
    help=f"Exato: {formatos.dinheiro(valor_vencido)}",
)
if todas["vencida"][0]:
    st.warning(
        f"{formatos.numero(todas['vencida'][0])} prestação(ões) de contas vencida(s): "
        "cobre o destinatário e registre aqui quando for apresentada.",
        icon=":material/event_busy:",
    )

    def _so_vencidas():
        st.session_state["pc_sit"] = ["vencida"]

    st.button("Mostrar só as vencidas", on_click=_so_vencidas, icon=":material/filter_alt:", key="pc_so_vencidas")

filtradas = recursos.resumo_prestacoes(ator, hoje, ufs=ufs or None)
total = sum(filtradas[x][0] for x in (sits or SITUACOES))
por_pagina = 200
pagina, paginas = pagina_atual("pc_pagina", total, por_pagina)
df = recursos.prestacoes(ator, hoje, situacoes=sits or None, ufs=ufs or None, pagina=pagina, por_pagina=por_pagina)
st.caption(
    f"{formatos.numero(total)} prestação(ões) — página {formatos.numero(pagina)} de {formatos.numero(paginas)}, "
    f"{por_pagina} por página, pelo prazo."
)
sel = tabela_exportavel(
    df,
    "prestacoes_de_contas",
    chave="pc_tabela",
    selecionavel=pode_editar,
    vazio="Nenhuma prestação de contas nessa situação.",
    formatos_colunas={"Valor (R$)": DINHEIRO, "Aplicado (R$)": DINHEIRO},
    completa=ExportacaoCompleta(
        lambda: recursos.prestacoes_em_partes(ator, hoje, situacoes=sits or None, ufs=ufs or None),
        total,
        (hoje, tuple(sits), tuple(ufs)),
    ),
)
seletor_de_pagina("pc_pagina", paginas)
st.caption("Dias: até o prazo (negativo = dias de atraso). “Sem prazo”: prestação devida sem prazo informado.")

if pode_editar and sel is not None:
    f = recursos.obter_fluxo(ator, int(sel["id"]))
    st.divider()
    st.subheader(f"Fluxo nº {f.id} — {TIPOS_ORIGEM[f.tipo_origem]}, {formatos.dinheiro(f.valor)}")
    st.markdown(
        f"{texto_md(f.orgao_origem)} ({f.uf_origem}) → {texto_md(sel['Destino'])} · procedimento "
        f"**{texto_md(sel['Procedimento'])}**"
    )
    chave, pre = f"fluxo_{f.id}", prefixo_formulario(f"pc_editar_{f.id}")
    versao = versao_aberta(chave, f.versao)
    with st.form(pre):
        a1, a2, a3 = st.columns(3)
        status = opcao(STATUS_PRESTACAO, "Situação *", f"{pre}_status", f.status_prestacao, onde=a1)
        data_p = campo_data("Apresentada em", f"{pre}_data", f.data_prestacao, onde=a2)
        prazo = campo_data("Prazo", f"{pre}_prazo", f.prazo_prestacao, onde=a3)
        aplicado = st.text_input(
            "Valor efetivamente aplicado (R$)",
            value=formatos.dinheiro_para_digitar(f.valor_aplicado),
            key=f"{pre}_aplicado",
            placeholder="1.234,56",
        )
        atividades = st.text_area(
            "Atividades e resultados",
            value=f.atividades_resultados,
            key=f"{pre}_ativ",
            max_chars=recursos.limite_de_texto("atividades_resultados"),
        )
        comprovante = st.text_input(
            "Comprovante de publicidade (endereço)",
            value=f.comprovante_publicidade or "",
            key=f"{pre}_comp",
            placeholder="https://…",
            max_chars=recursos.limite_de_texto("comprovante_publicidade"),
        )
        ok = st.form_submit_button("Salvar", type="primary", icon=":material/save:")
    if ok:
        gravar_com_trava(
            lambda: recursos.registrar_prestacao(
                ator,
                f.id,
                versao,
                status=status,
                data_prestacao=data_p,
                valor_aplicado=aplicado,
                atividades_resultados=atividades,
                comprovante=comprovante or None,
                prazo=prazo,
                hoje=hoje,
            ),
            chave=chave,
            formulario=pre,
            mensagem="Prestação de contas registrada.",
        )

st.subheader("Salário mínimo (para o limite do procedimento simplificado)")
sm = pd.DataFrame(
    [
        {"Vigência a partir de": d, "Valor (R$)": v, "30 salários mínimos (R$)": 30 * v}
        for d, v in recursos.historico_salario_minimo()
    ],
    columns=["Vigência a partir de", "Valor (R$)", "30 salários mínimos (R$)"],
)
tabela_exportavel(
    sm,
    "salario_minimo",
    chave="pc_sm",
    vazio="Nenhum valor cadastrado.",
    formatos_colunas={"Valor (R$)": DINHEIRO, "30 salários mínimos (R$)": DINHEIRO},
)
if acesso.pode(ator, acesso.USUARIOS_GERIR):
    with st.expander("Incluir ou corrigir valor do salário mínimo (administrador)", icon=":material/edit:"):
        pre = prefixo_formulario("pc_sm_novo")
        with st.form(pre):
            b1, b2, b3 = st.columns(3)
            inicio = campo_data("Vigência a partir de *", f"{pre}_inicio", onde=b1)
            valor = b2.text_input("Valor (R$) *", key=f"{pre}_valor", placeholder="1.518,00")
            norma = b3.text_input("Norma", key=f"{pre}_norma", placeholder="Decreto nº …")
            ok_sm = st.form_submit_button("Salvar")
        if ok_sm:
            gravar_com_trava(
                lambda: recursos.salvar_salario_minimo(ator, inicio, valor, norma),
                chave="sm_novo",
                formulario=pre,
                mensagem="Salário mínimo salvo.",
            )
