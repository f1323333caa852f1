"""Gestão de usuários (administrador)."""

import pandas as pd
import streamlit as st

from comum import formatos
from core.config import obter_config
from core.erros import ConflitoEdicao
from dominio.cadastros import servicos as registros
from dominio.lembretes import servicos as lembretes
from dominio.pendencias import servicos as pendencias
from dominio.usuarios import senhas, sessoes
from dominio.usuarios import servicos as usuarios
from models.sessoes import ORIGENS_SESSAO
from models.usuarios import PAPEIS
from ui import filtros_url
from ui.aplicacao import sessao as sessao_ui
from ui.campos import opcao
from ui.comum import (
    abrir_pagina,
    esquecer_versao,
    limpar_formulario,
    prefixo_formulario,
    recarregar_versao_atual,
    tabela_exportavel,
    texto_md,
    tratando_erros,
    versao_aberta,
)

ator = abrir_pagina(
    "Usuários",
    "Pontos focais respondem por exatamente uma unidade (Grupo ou Escritório). Senhas com no mínimo "
    f"{senhas.SENHA_MIN} caracteres, fora da lista de senhas comuns e sem o e-mail, guardadas com Argon2id.",
).ator
if not obter_config().modo_demo and (demo := usuarios.contas_demo_no_banco(ator)):
    st.warning(
        f"**{len(demo)} conta(s) de demonstração neste banco**, com senhas publicadas: "
        + ", ".join(texto_md(u.email) for u in demo)
        + ". Como o sistema não está em modo de demonstração (MODO_DEMO), elas foram desativadas na partida "
        "e não entram. Exclua os dados de demonstração ou use um banco sem eles em produção.",
        icon=":material/gpp_maybe:",
    )
caixa = lembretes.situacao_da_caixa(ator)
if not obter_config().email_ligado:
    st.info(
        "**E-mail desligado:** sem SMTP_HOST, SMTP_REMETENTE e URL_BASE na configuração, os lembretes de prazo, "
        "os resumos semanais e os avisos de devolução e aprovação não saem"
        + (
            f" ({formatos.numero(caixa['pendente'])} mensagem(ns) aguardando na caixa de saída)"
            if caixa["pendente"]
            else ""
        )
        + ". Veja docs/operacao.md; `manage.py lembretes enviar --simular` mostra o que iria.",
        icon=":material/mail_lock:",
    )
elif caixa["com_falha"]:
    st.warning(
        f"**{formatos.numero(caixa['com_falha'])} e-mail(s) com falha de envio** aguardam a próxima execução de "
        "`manage.py lembretes enviar` (o erro fica registrado; confira o servidor SMTP).",
        icon=":material/mail:",
    )
unidades = registros.opcoes_unidades()


def escopo(chave: str, papel: str, grupo_id=None, escritorio_id=None):
    if papel != "ponto_focal":
        return None, None
    tipo = st.radio(
        "Unidade do ponto focal",
        ["Grupo Interinstitucional", "Escritório Social"],
        horizontal=True,
        index=1 if escritorio_id else 0,
        key=f"{chave}_tipo",
    )
    if tipo == "Grupo Interinstitucional":
        g = opcao(unidades["grupo"], "Grupo *", f"{chave}_grupo", grupo_id, padrao=None, placeholder="Escolha o Grupo")
        return g, None
    e = opcao(
        unidades["escritorio"],
        "Escritório *",
        f"{chave}_esc",
        escritorio_id,
        padrao=None,
        placeholder="Escolha o Escritório",
    )
    return None, e


lista = usuarios.listar_usuarios(ator)
# links de Minhas pendências: /usuarios?filtro=sem_escopo, /usuarios?filtro=demo, /usuarios?usuario=7
FILTROS = {
    "sem_escopo": ("pontos focais sem unidade ativa", pendencias.pontos_focais_sem_unidade_ativa),
    "demo": ("contas de demonstração ativas", pendencias.contas_demo_ativas),
}
filtro_url = filtros_url.valor_da_url("filtro", FILTROS)
usuario_url = filtros_url.valor_da_url("usuario", {u.id for u in lista}, int)
if filtro_url is not None or usuario_url is not None:
    if usuario_url is not None:
        so = {usuario_url}
        descricao = "o usuário do link"
    else:
        descricao, funcao = FILTROS[filtro_url]
        so = {u.id for u in funcao(ator)}
    lista = [u for u in lista if u.id in so]
    c1, c2 = st.columns([3, 1])
    c1.info(f"Mostrando só {descricao}: {formatos.numero(len(lista))}.", icon=":material/filter_alt:")
    with c2:
        st.page_link("paginas/usuarios.py", label="Mostrar todos", icon=":material/filter_alt_off:")
rotulo_unidade = lambda u: unidades["grupo"].get(u.grupo_id) or unidades["escritorio"].get(u.escritorio_id) or "—"  # noqa: E731
df = pd.DataFrame(
    [
        {
            "id": u.id,
            "Nome": u.nome,
            "E-mail": u.email,
            "Perfil": PAPEIS[u.papel],
            "Unidade": rotulo_unidade(u),
            "Ativo": "Sim" if u.ativo else "Não",
            "Último acesso": formatos.data_hora(u.ultimo_acesso),
        }
        for u in lista
    ]
)
sel = tabela_exportavel(df, "usuarios", chave="us_tabela", selecionavel=True, vazio="Nenhum usuário.")
if sel is None and usuario_url is not None and len(df) == 1:
    sel = df.iloc[0]  # o link abre o usuário

with st.expander("Novo usuário", icon=":material/person_add:"):
    papel = opcao(PAPEIS, "Perfil *", "us_novo_papel")
    g, e = escopo("us_novo", papel)
    with st.form("us_novo"):
        nome = st.text_input("Nome *")
        email = st.text_input("E-mail *")
        senha = st.text_input(
            "Senha inicial",
            type="password",
            help="Deixe em branco para contas que entram só pelo login institucional (OIDC). "
            + senhas.regras_em_texto(),
        )
        enviado = st.form_submit_button("Incluir", type="primary")
    if enviado:
        with tratando_erros():
            u = usuarios.criar_usuario(ator, usuarios.DadosUsuario(nome, email, papel, g, e), senha or None)
            st.session_state["_aviso"] = f"Usuário {u.email} incluído."
            st.rerun()

if sel is not None:
    u = next(x for x in lista if x.id == int(sel["id"]))
    st.divider()
    st.subheader(texto_md(u.nome))
    aba_dados, aba_senha = st.tabs(["Perfil e acesso", "Redefinir senha"])
    with aba_dados:
        versao = versao_aberta(f"usuario_{u.id}", u.versao)
        pre = prefixo_formulario(f"us_editar_{u.id}")  # papel e unidade também voltam ao gravado numa recarga
        papel = opcao(PAPEIS, "Perfil *", f"{pre}_papel", u.papel)
        g, e = escopo(pre, papel, u.grupo_id, u.escritorio_id)
        with st.form(pre):
            nome = st.text_input("Nome *", value=u.nome, key=f"{pre}_nome")
            email = st.text_input("E-mail *", value=u.email, key=f"{pre}_email")
            ativo = st.checkbox("Conta ativa", value=u.ativo, key=f"{pre}_ativo")
            enviado = st.form_submit_button("Salvar", type="primary")
        if enviado:
            try:
                with tratando_erros():
                    usuarios.alterar_usuario(ator, u.id, versao, usuarios.DadosUsuario(nome, email, papel, g, e, ativo))
                    esquecer_versao(f"usuario_{u.id}")
                    limpar_formulario(f"us_editar_{u.id}")
                    st.session_state["_aviso"] = "Alterações gravadas."
                    st.rerun()
            except ConflitoEdicao as exc:
                st.error(texto_md(exc))
                st.button(
                    "Carregar a versão atual",
                    on_click=recarregar_versao_atual,
                    args=(f"usuario_{u.id}", f"us_editar_{u.id}"),
                    icon=":material/refresh:",
                )
    with aba_senha:
        with st.form(f"us_senha_{u.id}", clear_on_submit=True):
            nova = st.text_input("Nova senha", type="password", help=senhas.regras_em_texto())
            enviado = st.form_submit_button("Redefinir")
        if enviado:
            with tratando_erros():
                usuarios.definir_senha(ator, u.id, nova)
                if u.id == ator.id and st.session_state.get(sessao_ui.CHAVE_SESSAO) is not None:
                    sessao_ui.abrir_sessao(ator, "senha")  # a própria sessão também terminou: uma nova
                st.success("Senha redefinida. As sessões abertas dessa conta foram encerradas.")

st.divider()
st.subheader("Sessões ativas")
st.caption(
    "Quem está com o sistema aberto agora, em qualquer réplica. Encerrar uma sessão tira a pessoa do sistema "
    "naquele navegador na próxima ação dela; a trilha de auditoria registra quem encerrou."
)
ativas = sessoes.listar_ativas(ator)
if not ativas:
    st.caption("Nenhuma sessão ativa.")
else:
    propria_id = st.session_state.get(sessao_ui.CHAVE_SESSAO)
    tabela_sessoes = pd.DataFrame(
        [
            {
                "Nome": a.nome + (" (esta sessão)" if a.id == propria_id else ""),
                "E-mail": a.email,
                "Entrada por": ORIGENS_SESSAO[a.origem],
                "Início": formatos.data_hora(a.criada_em),
                "Último acesso": formatos.data_hora(a.ultimo_acesso),
                "Expira": formatos.data_hora(a.expira_em),
                "Endereço": a.endereco or "—",
                "Navegador": a.agente or "—",
            }
            for a in ativas
        ]
    )
    escolha = st.dataframe(
        tabela_sessoes,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="us_sessoes",
    )
    if escolha.selection.rows:
        alvo = ativas[escolha.selection.rows[0]]
        rotulo = "Encerrar esta sessão (sair)" if alvo.id == propria_id else f"Encerrar a sessão de {alvo.nome}"
        if st.button(rotulo, icon=":material/logout:", key="us_encerrar_sessao"):
            with tratando_erros():
                sessoes.encerrar_sessao(ator, alvo.id)
                st.session_state["_aviso"] = f"Sessão de {alvo.email} encerrada."
                st.rerun()
