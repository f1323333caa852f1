"""Revisão dos envios de indicadores (como a aprovação em níveis do DHIS2): o DMF valida, a
Comissão do CNMP aprova; qualquer um dos dois devolve com comentário; o aprovado só se reabre
com motivo. Quem informou valores de um envio não o valida nem o aprova (segregação)."""

import pandas as pd
import streamlit as st

from comum import formatos
from core import acesso
from dominio.indicadores import coleta, monitoramento
from dominio.indicadores import servicos as indicadores
from dominio.indicadores.regras import ENTREGAS, entrega
from dominio.publico import consultas, painel
from models.indicadores import ACOES_REVISAO, SEVERIDADES, STATUS_ENVIO
from ui import filtros_url
from ui.comum import (
    abrir_pagina,
    escolha_segue_a_tabela,
    esquecer_versao,
    formatar_colunas,
    gravar_com_trava,
    prefixo_formulario,
    tabela_exportavel,
    texto_md,
    tratando_erros,
    versao_aberta,
)
from ui.indicadores import situacao_envio, tabela_fila, tabela_valores_do_envio

ator, hoje, _ = abrir_pagina(
    "Revisão dos indicadores",
    "Fluxo: o ponto focal **envia** → a equipe do DMF **valida** → a Comissão do CNMP **aprova** (os valores "
    "ficam travados e passam a valer no painel público e no relatório). Em qualquer etapa o envio pode ser "
    "**devolvido** com comentário; o aprovado só é **reaberto** com motivo registrado. Quem informou valores "
    "de um envio não pode validá-lo nem aprová-lo.",
)

# --- publicação do painel público --------------------------------------------------------------------
if acesso.pode(ator, acesso.PAINEL_PUBLICAR):
    with st.expander("Publicar o painel público", icon=":material/public:"):
        vigente = consultas.painel_publicado()
        st.caption(
            "O painel público e os dados abertos mostram o último período publicado, até a próxima publicação: "
            "incluir ou aprovar valores não muda o painel até lá. Ao publicar, os números do dia são apurados "
            "(só valores aprovados) e as contagens de pessoas de todas as tabelas passam juntas pela supressão, "
            "também contra as publicações anteriores, para que a diferença entre dois painéis não revele "
            "poucas pessoas."
        )
        if vigente is None:
            st.info("O painel ainda não foi publicado.", icon=":material/schedule:")
        else:
            st.markdown(
                f"**No ar:** {texto_md(vigente.rotulo)}, publicado em {formatos.data_hora(vigente.publicado_em)}."
            )
        encerrados = sorted(
            (p for p in indicadores.periodos(ator) if p.prazo < hoje), key=lambda p: p.prazo, reverse=True
        )
        if not encerrados:
            st.caption("Nenhum período com prazo de entrega vencido para publicar.")
        else:
            pub_periodo = st.selectbox(
                "Período a publicar",
                [p.id for p in encerrados],
                format_func={p.id: indicadores.rotulo(p) for p in encerrados}.get,
                key="rv_pub_periodo",
                help="Só períodos com o prazo de entrega vencido.",
                placeholder="Selecione",
            )
            pendentes = coleta.fila_revisao(ator, situacoes=("enviado", "validado"), periodo_id=pub_periodo)
            if len(pendentes):
                st.warning(
                    f"{formatos.numero(len(pendentes))} envio(s) deste período ainda não aprovado(s) pela "
                    "Comissão do CNMP: os valores deles não entram no painel.",
                    icon=":material/pending_actions:",
                )
            if st.button("Publicar o painel", type="primary", key="rv_publicar", icon=":material/publish:"):
                with tratando_erros():
                    publicado = consultas.publicar_painel(ator, pub_periodo, hoje)
                    st.session_state["_aviso"] = f"Painel público de {publicado.rotulo} publicado."
                    st.rerun()
        historico = painel.historico()
        if not historico.empty:
            st.dataframe(
                formatar_colunas(
                    historico.drop(columns=["id"]),
                    {"Apurado em": formatos.data, "Publicado em": formatos.data_hora},
                ),
                hide_index=True,
                width="stretch",
                key="rv_pub_historico",
            )

# --- fila ------------------------------------------------------------------------------------------
SITUACOES_FILTRO = ["enviado", "validado", "aprovado", "devolvido"]
PONTUALIDADE_CURTA = {
    "no_prazo": "No prazo",
    "com_atraso": "Com atraso",
    "pendente": "Aguardando",
    "atrasada": "Atrasado",
}
padrao = list(coleta.FILA_PADRAO.get(ator.papel, ("enviado",)))
pers = indicadores.periodos(ator)
por_periodo = {p.id: p for p in pers}
lista_ufs = monitoramento.ufs()

c1, c2, c3 = st.columns([2, 2, 1])
# um link (Minhas pendências) abre a fila já filtrada e no envio: /revisao?situacao=enviado&envio=12
filtros_url.lista_da_url("situacao", "rv_situacoes", SITUACOES_FILTRO)
envio_da_url = filtros_url.valor_da_url("envio", range(1, 2**63), int)
situacoes = c1.multiselect(
    "Situação",
    SITUACOES_FILTRO,
    default=None if "rv_situacoes" in st.session_state else padrao,
    format_func=STATUS_ENVIO.get,
    key="rv_situacoes",
    help="DMF começa pelos enviados (a validar); a Comissão do CNMP, pelos validados (a aprovar).",
    placeholder="Todas",
)
periodo_id = c2.selectbox(
    "Período",
    [0, *por_periodo],
    key="rv_periodo",
    format_func=lambda i: "Todos os períodos" if i == 0 else indicadores.rotulo(por_periodo[i]),
    placeholder="Selecione",
)
uf = c3.selectbox(
    "UF",
    ["", *[sg for sg, _ in lista_ufs]],
    key="rv_uf",
    format_func=lambda sg: "Todas" if sg == "" else sg,
    placeholder="Selecione",
)

if not situacoes:
    st.info("Escolha ao menos uma situação para ver a fila.")
    st.stop()

fila_bruta = coleta.fila_revisao(ator, situacoes=tuple(situacoes), periodo_id=periodo_id or None, uf=uf or None)
fila = tabela_fila(fila_bruta)
st.markdown(f"**{formatos.numero(len(fila))}** envio(s) na fila. Clique numa linha para examiná-la.")
linha = tabela_exportavel(
    fila,
    "fila_revisao_indicadores",
    chave="rv_fila",
    selecionavel=True,
    vazio="Nenhum envio nesta situação com estes filtros.",
)
if fila.empty:
    st.stop()


# --- decisão em lote -------------------------------------------------------------------------------
DECISOES_EM_LOTE = {  # ação → (permissão, situação de origem, verbo, quais são, o que acontece depois)
    "validar": (
        acesso.REVISAO_VALIDAR,
        "enviado",
        "Validar",
        "Envios dos pontos focais",
        "validado(s): seguem para a Comissão do CNMP",
    ),
    "aprovar": (
        acesso.REVISAO_APROVAR,
        "validado",
        "Aprovar",
        "Envios validados pelo DMF",
        "aprovado(s): os valores ficam travados",
    ),
}


def decisao_em_lote(fila_bruta: pd.DataFrame) -> None:
    """Validar (DMF) ou aprovar (CNMP) de uma vez os envios da fila sem alerta — nenhuma regra em
    falha, nenhum total atípico —, menos os que a pessoa deixar de fora (com centenas de unidades, a
    lista do que fica de fora é curta); os com alerta ficam para o exame um a um, abaixo. O serviço confere tudo de novo (`coleta.decidir_em_lote`): tudo ou nada."""
    for acao, (permissao, origem, verbo, quais, depois) in DECISOES_EM_LOTE.items():
        if not acesso.pode(ator, permissao) or origem not in situacoes:
            continue
        sem_alerta = fila_bruta[
            (fila_bruta["Situação"] == origem) & (fila_bruta["Regras com falha"] == 0) & (fila_bruta["Atípicos"] == 0)
        ]
        if sem_alerta.empty:
            continue
        ids_lote = [int(i) for i in sem_alerta["id"]]
        chave = f"rv_lote_{acao}"
        # as versões de quando o lote apareceu na tela: um envio alterado depois disso não entra calado
        lidas = st.session_state.setdefault(f"_versao_{chave}", {})
        if faltam := [i for i in ids_lote if i not in lidas]:
            lidas.update(coleta.versoes_dos_envios(ator, faltam))
        with st.expander(
            f"{verbo} em lote os envios sem alerta ({formatos.numero(len(ids_lote))})", icon=":material/done_all:"
        ):
            st.caption(
                f"{quais} sem nenhuma regra em falha e sem total atípico em relação "
                "ao histórico da unidade. Os que têm alerta ficam de fora: examine-os um a um, abaixo. Se algum "
                "envio do lote não puder ser decidido por você, nenhum é, e a mensagem diz qual e por quê."
            )
            st.dataframe(
                tabela_fila(sem_alerta).drop(columns=["id", "Situação", "Regras com falha", "Atípicos"]),
                hide_index=True,
                width="stretch",
                height=min(250, 38 + 35 * len(sem_alerta)),
                key=f"{chave}_tabela",
            )
            rotulos = {int(r["id"]): f"{r['Unidade']} — {r['Período']}" for _, r in sem_alerta.iterrows()}
            fora = st.multiselect(
                "Deixar de fora do lote",
                ids_lote,
                default=[],
                format_func=rotulos.get,
                key=f"{prefixo_formulario(chave)}_fora",
                placeholder="Nenhum: o lote leva todos os da tabela",
                help="Os envios que você quer examinar antes, um a um, abaixo.",
            )
            escolhidos = [i for i in ids_lote if i not in fora]
            st.caption(f"**{formatos.numero(len(escolhidos))}** envio(s) no lote.")
            if st.button(
                f"{verbo} os envios do lote",  # rótulo fixo: um clique vale mesmo que a fila mude ao mesmo tempo
                type="primary",
                key=f"{chave}_botao",
                disabled=not escolhidos,
                icon=":material/done_all:",
            ):
                lote = {i: lidas[i] for i in escolhidos}
                gravar_com_trava(
                    lambda acao=acao, lote=lote: coleta.decidir_em_lote(ator, acao, lote),
                    chave=chave,
                    formulario=chave,
                    mensagem=lambda n, depois=depois: f"{formatos.numero(n)} envio(s) {depois}.",
                )
                esquecer_versao(chave)  # só chega aqui se nada foi gravado: a próxima tentativa lê as versões atuais


decisao_em_lote(fila_bruta)

ids = [int(i) for i in fila["id"]]
if envio_da_url in ids and "_rv_envio_da_url" not in st.session_state:
    st.session_state["_rv_envio_da_url"] = st.session_state["rv_envio"] = envio_da_url  # só na chegada
escolha_segue_a_tabela(linha, "rv_envio", ids, padrao=ids[0])
rotulos = {int(r["id"]): f"{r['Unidade']} — {r['Período']} ({r['Situação']})" for _, r in fila.iterrows()}
escolhido = st.selectbox("Envio em exame", ids, key="rv_envio", format_func=rotulos.get, placeholder="Selecione")

# --- análise do envio ---------------------------------------------------------------------------------
a = coleta.analise(ator, escolhido)
e, per = a.envio, a.periodo
st.subheader(f"{texto_md(a.unidade.nome)} — {indicadores.rotulo(per)}")
primeiro = formatos.local(e.primeiro_envio_em).date() if e.primeiro_envio_em else None
c1, c2, c3, c4 = st.columns(4)
c1.metric("Situação", situacao_envio(e.status, curta=True))
c2.metric("Prazo", formatos.data(per.prazo))
c3.metric("Primeiro envio", formatos.data(primeiro))
ent = entrega(primeiro, per.prazo, hoje, a.unidade.criada_em)
c4.metric("Pontualidade", PONTUALIDADE_CURTA[ent], help=ENTREGAS[ent])
if e.comentario_revisao:
    st.info(f"**Último comentário da revisão:** {texto_md(e.comentario_revisao)}", icon=":material/comment:")

st.markdown("#### Regras de validação")
ordem_sit = {"falha": 0, "pulada": 1, "ok": 2}
ordem_sev = {"erro": 0, "alerta": 1}
regras = sorted(a.regras, key=lambda r: (ordem_sit.get(r.situacao, 3), ordem_sev.get(r.severidade, 2)))
falhas = [r for r in regras if r.situacao == "falha"]
if not regras:
    st.caption("Não há regra de validação ativa para este tipo de unidade.")
elif not falhas:
    st.success("Todas as regras conferidas passaram.", icon=":material/task_alt:")
for r in falhas:
    if r.severidade == "erro":
        st.error(f"**{SEVERIDADES['erro']}** — {texto_md(r.texto)}", icon=":material/block:")
    else:
        st.warning(f"**{SEVERIDADES['alerta']}** — {texto_md(r.texto)}", icon=":material/warning:")
if regras:
    with st.expander(f"Todas as regras ({len(regras)})", icon=":material/rule:"):
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Resultado": {
                            "falha": "❌ Falhou",
                            "pulada": "➖ Não conferida (falta valor)",
                            "ok": "✅ Passou",
                        }[r.situacao],
                        "Se falhar": SEVERIDADES[r.severidade],
                        "Regra": r.texto,
                    }
                    for r in regras
                ]
            ),
            hide_index=True,
            width="stretch",
            key="rv_regras",
        )

st.markdown("#### Valores informados")
for codigo, at_ in a.atipicos:
    st.warning(
        f"**Valor atípico em {texto_md(codigo)}** — {texto_md(at_.texto)}. Confira com a unidade antes de decidir.",
        icon=":material/troubleshoot:",
    )
if a.valores.empty:
    st.info("Este envio não tem valores.")
else:
    desagregacoes = st.toggle(
        "Mostrar as desagregações (sexo, raça/cor, faixa etária, área)", value=False, key="rv_desagregacoes"
    )
    valores = tabela_valores_do_envio(a.valores if desagregacoes else a.valores[a.valores["Desagregação"] == "Total"])

    def _destacar(linha_v):
        cor = "background-color: #fff3cd" if linha_v["Atípico"] else ""
        return [cor] * len(linha_v)

    st.dataframe(valores.style.apply(_destacar, axis=1), hide_index=True, width="stretch", key="rv_valores")
    if a.atipicos:
        st.caption(
            "Linhas em amarelo: valor atípico frente ao histórico da própria unidade (escore z modificado; "
            "só avisa, não impede)."
        )
st.markdown("**Informado por:** " + (", ".join(texto_md(n) for n in a.informantes) if a.informantes else "—"))

with st.expander("Linha do tempo", icon=":material/history:", expanded=False):
    if not a.eventos:
        st.caption("Sem eventos registrados.")
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Quando": formatos.data_hora(ev.momento),
                        "Quem": ev.usuario_email,
                        "Ação": ACOES_REVISAO.get(ev.acao, ev.acao),
                        "De": STATUS_ENVIO.get(ev.de_status, "—") if ev.de_status else "—",
                        "Para": STATUS_ENVIO.get(ev.para_status, ev.para_status),
                        "Comentário": ev.comentario or "",
                    }
                    for ev in a.eventos
                ]
            ),
            hide_index=True,
            width="stretch",
            key="rv_eventos",
        )

# --- decisão --------------------------------------------------------------------------------------
st.markdown("#### Decisão")
chave = f"envio_{e.id}"
versao = versao_aberta(chave, e.versao)
rotulo_envio = f"{a.unidade.nome} em {indicadores.rotulo(per)}"
acoes = a.acoes

if not acoes:
    if e.status == "enviado":
        st.info("Este envio aguarda a validação do DMF; depois dela, a Comissão do CNMP decide.")
    elif e.status == "devolvido":
        st.info("Devolvido para correção: aguarda o ponto focal corrigir e reenviar.")
    else:
        st.info(f"Seu perfil não tem decisão a tomar sobre um envio “{STATUS_ENVIO[e.status]}”.")

for acao, verbo, msg in (
    ("validar", "Validar", "validado: segue para a Comissão do CNMP"),
    ("aprovar", "Aprovar", "aprovado: os valores ficam travados"),
):
    if acao not in acoes:
        continue
    if acoes[acao]:
        st.warning(f"**{verbo} não está disponível para você.** {acoes[acao]}", icon=":material/block:")
    elif st.button(verbo, type="primary", key=f"rv_{acao}", icon=":material/check:"):
        funcao = coleta.validar if acao == "validar" else coleta.aprovar
        gravar_com_trava(
            lambda funcao=funcao: funcao(ator, e.id, versao),
            chave=chave,
            formulario="rv_acao",
            mensagem=f"Envio de {rotulo_envio} {msg}.",
        )

# decisões que pedem um texto (o comentário de quem devolve, o motivo de quem reabre)
for acao, explicacao, rotulo, exemplo, botao, icone, funcao, msg in (
    (
        "devolver",
        None,
        "Comentário para quem informou *",
        "O que precisa ser corrigido, e em quais indicadores",
        "Devolver para correção",
        ":material/undo:",
        coleta.devolver,
        "devolvido para correção",
    ),
    (
        "reabrir",
        "Reabrir destrava os valores aprovados e devolve o envio para correção. O motivo fica na linha do "
        "tempo e na trilha de auditoria.",
        "Motivo da reabertura *",
        None,
        "Reabrir",
        ":material/lock_open:",
        coleta.reabrir,
        "reaberto e devolvido para correção",
    ),
):
    if acao not in acoes:
        continue
    with st.form(f"rv_form_{acao}"):
        if explicacao:
            st.caption(explicacao)
        texto = st.text_area(rotulo, key=f"{prefixo_formulario('rv_acao')}_{acao}", max_chars=2000, placeholder=exemplo)
        enviado = st.form_submit_button(botao, icon=icone)
    if enviado:
        gravar_com_trava(
            lambda funcao=funcao, texto=texto: funcao(ator, e.id, versao, texto),
            chave=chave,
            formulario="rv_acao",
            mensagem=f"Envio de {rotulo_envio} {msg}.",
        )

if acesso.pode(ator, acesso.MONITORAMENTO_VER):
    st.page_link(
        "paginas/monitoramento.py",
        label="Ver a completude e as tendências no Monitoramento",
        icon=":material/monitoring:",
    )
