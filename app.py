"""Roteador do Sistema de Monitoramento do ACT CNJ–CNMP nº 22/2023.

Configura a página, identifica quem está logado, confere o esquema do banco e
registra em `st.navigation` apenas as páginas que o papel atual pode ver.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from core import acesso
from core.config import RAIZ
from dominio.publico.consultas import dados_ficticios
from dominio.usuarios import servicos as usuarios
from dominio.usuarios import sessoes
from ui.aplicacao import sessao as sessao_ui
from ui.aplicacao.protecao import conferir_partida, protegido
from ui.comum import texto_md

# ícone local: um ícone ":material/...:" na aba seria buscado na internet a cada página
st.set_page_config(
    page_title="Monitoramento ACT CNJ–CNMP 22/2023", page_icon=str(RAIZ / "static" / "icone.png"), layout="wide"
)
st.html(RAIZ / "static" / "pt_br.css")  # textos fixos do Streamlit em português (ver o arquivo)
# os demais textos fixos do Streamlit em inglês (multiselect, calendário, avisos, dicas): só o texto muda
st.html(RAIZ / "static" / "pt_br.html", unsafe_allow_javascript=True)
# acessibilidade (docs/acessibilidade.md): contraste dos textos em cinza; idioma pt-BR do documento (o
# index.html do Streamlit declara lang="en") e menu lateral sem lista inválida — só atributos mudam
st.html(RAIZ / "static" / "acessibilidade.css")
st.html(RAIZ / "static" / "acessibilidade.html", unsafe_allow_javascript=True)
st.html(RAIZ / "static" / "telas.css")  # celulares: nada alarga a página (docs/funcionalidades.md)


def _oidc_configurado() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # sem secrets.toml
        return False


def _identificar():
    """Devolve o `Usuario` desta aba. Com o cookie de sessão, quem decide é a sessão do banco (a
    saída em outra aba, a troca de senha e o administrador a encerram para todas as réplicas); sem
    cookie, vale o `usuario_id` da sessão do Streamlit (o que os testes com AppTest definem) ou a
    conta institucional (OIDC) casada por e-mail, que ganha a sua sessão e o seu cookie aqui."""
    token = sessao_ui.token_do_cookie()
    oidc_logado = _oidc_configurado() and getattr(st.user, "is_logged_in", False)
    # uma aba que já entrou pelo cookie nunca volta a valer só pelo usuario_id: se a conexão for
    # refeita sem o cookie (apagado pela saída em outra aba), ela sai também
    veio_do_cookie = st.session_state.pop(sessao_ui.CHAVE_SESSAO, None) is not None
    u = None
    if token is not None and (valida := sessoes.validar(token)) is not None:
        u = valida.usuario
        st.session_state[sessao_ui.CHAVE_SESSAO] = valida.id
    elif token is not None and oidc_logado and sessoes.origem(token) == "oidc":
        # a sessão institucional terminou (saída, administrador, prazo): sai também do provedor
        sessao_ui.navegar("/sessao/sair?destino=/auth/logout", "Sua sessão terminou. Saindo…")
    elif token is None and not veio_do_cookie:
        u = usuarios.carregar(st.session_state.get("usuario_id"))
    if u is None and oidc_logado:
        try:
            u = usuarios.usuario_por_email_oidc(st.user.get("email"))
        except usuarios.FalhaLogin as exc:
            st.session_state["erro_oidc"] = str(exc)
            st.logout()
        else:
            sessao_ui.abrir_sessao(u, "oidc", sessao_ui.caminho_com_filtros(""))
    st.session_state["usuario_id"] = u.id if u else None
    st.session_state["_usuario"] = u
    return u


conferir_partida()  # esquema do banco e contas de demonstração (ui/aplicacao/protecao.py)
with protegido():  # nenhum erro interno chega ao visitante: mensagem em pt-BR e referência no log
    usuario = _identificar()
papel = acesso.papel_de(usuario)

secoes: dict[str, list] = {}
escondidas: list = []
visiveis = set()
for arquivo, titulo, icone, secao in acesso.paginas_do_papel(papel):
    # a inicial: Minhas pendências para quem entrou; o painel público para o visitante
    padrao = (arquivo == "paginas/pendencias.py") or (papel == acesso.PUBLICO and arquivo == "paginas/publico.py")
    visiveis.add(arquivo)
    if not padrao:
        secoes.setdefault(secao, []).append(st.Page(arquivo, title=titulo, icon=icone))
        continue
    # a inicial fica em "/"; o endereço com o nome dela (um favorito, um link) também a abre, por uma
    # cópia escondida (o Streamlit reserva o nome da inicial: ela recebe outro, que nunca aparece)
    secoes.setdefault(secao, []).append(st.Page(arquivo, title=titulo, icon=icone, default=True, url_path="inicio"))
    escondidas.append(st.Page(arquivo, title=titulo, url_path=Path(arquivo).stem, visibility="hidden"))
    secao_inicial = secao
# As outras páginas do sistema também têm endereço, escondido do menu: um link ou favorito para uma
# delas abre o login (visitante; depois de entrar, volta a ela) ou o aviso de página indisponível
# (perfil sem acesso) — nunca o aviso em inglês do Streamlit.
porteiro = "paginas/entrar.py" if papel == acesso.PUBLICO else "paginas/nao_encontrada.py"
for arquivo, titulo, _icone, _secao, _papeis in acesso.PAGINAS:
    if arquivo not in visiveis:
        escondidas.append(st.Page(porteiro, title=titulo, url_path=Path(arquivo).stem, visibility="hidden"))
secoes[secao_inicial] += escondidas  # fora do menu, na seção da inicial (que sempre existe)

with st.sidebar:
    st.markdown("**Monitoramento do ACT CNJ–CNMP nº 22/2023**  \nPNAT — trabalho e renda no sistema prisional")
    if usuario is not None:
        st.caption(f"{texto_md(usuario.nome)}  \n{usuarios.PAPEIS[usuario.papel]}")
        with st.form("busca_lateral", border=False, enter_to_submit=True):
            busca_lateral = st.text_input(
                "Buscar",
                key="busca_lateral_q",
                max_chars=100,
                placeholder="Nome, município, nº do processo…",
                label_visibility="collapsed",
            )
            buscou = st.form_submit_button("Buscar", icon=":material/search:")
        if st.button("Sair", icon=":material/logout:", key="sair"):
            oidc = _oidc_configurado() and getattr(st.user, "is_logged_in", False)
            sessao_ui.sair("/auth/logout" if oidc else "/")

pagina = st.navigation(secoes, expanded=True)  # sem "View more": o menu inteiro, em português
if usuario is not None and buscou and busca_lateral.strip():
    # a busca da barra lateral abre a página Buscar com a consulta no endereço (?q=)
    st.session_state.pop("busca_q", None)
    st.switch_page("paginas/buscar.py", query_params={"q": busca_lateral.strip()[:100]})
# para onde voltar depois do login: esta página, com os filtros da URL
st.session_state[sessao_ui.CHAVE_DESTINO] = sessao_ui.caminho_com_filtros(pagina.url_path)
st.session_state[sessao_ui.CHAVE_TITULO] = pagina.title
# depois de st.navigation: elementos comuns desenhados no alto de toda página
with protegido():
    if dados_ficticios():
        st.warning(
            "**Ambiente de demonstração:** os cadastros, usuários e números exibidos são fictícios "
            "(salvo o texto do Plano de Trabalho).",
            icon=":material/science:",
        )
    pagina.run()
