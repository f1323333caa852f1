"""Minha conta: dados do usuário, e-mails que recebe (resumos semanais) e troca da própria senha."""

import streamlit as st

from comum import formatos
from dominio.lembretes import servicos as lembretes
from dominio.lembretes.regras import RESUMO_DO_PAPEL
from dominio.usuarios import senhas
from dominio.usuarios import servicos as usuarios
from models.usuarios import PAPEIS
from ui.aplicacao import sessao as sessao_ui
from ui.comum import texto_md, tratando_erros, usuario_atual

ator = usuario_atual()
st.title("Minha conta")
if st.query_params.get("aviso") == "senha_trocada":  # volta da troca de senha (sessão nova, abaixo)
    st.success("Senha trocada. As sessões abertas com a senha antiga foram encerradas.", icon=":material/check_circle:")
    del st.query_params["aviso"]
st.markdown(
    f"**Nome:** {texto_md(ator.nome)}  \n**E-mail:** {texto_md(ator.email)}  \n**Perfil:** {PAPEIS[ator.papel]}  \n"
    f"**Último acesso:** {formatos.data_hora(ator.ultimo_acesso)}"
)

st.subheader("E-mails do sistema")
if ator.papel == "ponto_focal":
    st.caption(
        "Você recebe por e-mail os lembretes de prazo da coleta dos indicadores da sua unidade e os avisos de "
        "devolução e de aprovação dos envios."
    )
elif ator.papel not in RESUMO_DO_PAPEL:
    st.caption("Seu perfil não recebe e-mails do sistema; a página Usuários mostra se o envio de e-mails está ligado.")
else:
    ligados = lembretes.resumos_ligados(ator)
    novo = st.toggle(
        "Receber o resumo semanal da minha fila por e-mail",
        value=ligados,
        key="conta_resumos",
        help="Equipe do DMF: valores a validar e prestações de contas vencidas; Comissão do CNMP: valores a aprovar.",
    )
    if novo != ligados:
        with tratando_erros():
            lembretes.definir_resumos(ator, novo)
            st.success(
                "Resumo semanal ligado." if novo else "Resumo semanal desligado: você não o receberá mais.",
                icon=":material/mail:",
            )

st.subheader("Trocar senha")
with st.form("troca_senha", clear_on_submit=True):
    atual = st.text_input("Senha atual", type="password", autocomplete="current-password")
    nova = st.text_input(
        f"Nova senha (mínimo {senhas.SENHA_MIN} caracteres)",
        type="password",
        autocomplete="new-password",
        help=senhas.regras_em_texto(),
    )
    conf = st.text_input("Confirme a nova senha", type="password", autocomplete="new-password")
    enviado = st.form_submit_button("Trocar senha", type="primary")
if enviado:
    with tratando_erros():
        usuarios.trocar_propria_senha(ator, atual, nova, conf)
        if st.session_state.get(sessao_ui.CHAVE_SESSAO) is None:  # sem cookie de sessão (testes)
            st.success("Senha trocada.")
        else:  # a troca encerrou todas as sessões da conta, esta também: o navegador recebe uma nova
            sessao_ui.abrir_sessao(ator, "senha", "/conta?aviso=senha_trocada")
