"""Lembretes e resumos por e-mail: o que o comando `manage.py lembretes enviar` gera a cada dia
(lembretes de prazo aos pontos focais, resumo semanal da fila ao DMF e à Comissão do CNMP), a
composição das mensagens (texto simples e HTML com o texto do usuário escapado, em UTF-8) e o
envio pelo SMTP (`smtplib`) do que está na caixa de saída.

Quem recebe e quando: `dominio.lembretes.regras`. As filas vêm das consultas que as páginas
usam (`coleta.periodos_da_unidade`, `coleta.fila_revisao`, `recursos.resumo_prestacoes` e
`recursos.prestacoes`), consultadas com a própria conta do destinatário: ninguém recebe por
e-mail o que não veria no sistema. Toda mensagem passa pela caixa de saída (`MensagemEmail`):
um envio que falha fica pendente e é tentado de novo na execução seguinte."""

from __future__ import annotations

import html
import smtplib
import ssl
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlmodel import Session, func, select

from comum import formatos
from core import acesso, relogio
from core.banco import sessao
from core.config import Config, obter_config
from core.erros import trecho
from dominio.cadastros import unidades
from dominio.indicadores import coleta
from dominio.indicadores.regras import data_da_trava
from dominio.indicadores.servicos import rotulo
from dominio.lembretes import fila
from dominio.lembretes.regras import (
    RESUMO_DO_PAPEL,
    TIPOS_RESUMO,
    dia_do_resumo,
    lembrete_de_prazo,
    marcar_link,
    partes_do_corpo,
    recebe,
    texto_livre,
)
from dominio.recursos import servicos as recursos
from models.indicadores import STATUS_ENVIO, PeriodoColeta
from models.lembretes import MensagemEmail, PreferenciaEmail
from models.usuarios import Usuario

ITENS_NO_RESUMO = 20  # itens listados por fila no resumo (o total vem sempre; o resto está na página)
ASSINATURA = "Sistema de Monitoramento do ACT CNJ–CNMP nº 22/2023 — mensagem automática, não responda."


# --- preferências ----------------------------------------------------------------------------------


def _resumos_ligados(s: Session, usuario_id: int) -> bool:
    p = s.get(PreferenciaEmail, usuario_id)
    return True if p is None else p.resumos_semanais


def resumos_ligados(ator: Usuario | None) -> bool:
    """Se a pessoa recebe os resumos semanais (padrão: sim)."""
    acesso.exigir(ator, acesso.PAINEL_INTERNO)
    with sessao(ator) as s:
        return _resumos_ligados(s, ator.id)


def definir_resumos(ator: Usuario | None, ligados: bool) -> None:
    """Liga ou desliga os resumos semanais da própria conta (página Minha conta)."""
    acesso.exigir(ator, acesso.PAINEL_INTERNO)
    with sessao(ator) as s:
        p = s.get(PreferenciaEmail, ator.id) or PreferenciaEmail(usuario_id=ator.id)
        p.resumos_semanais = bool(ligados)
        p.atualizado_em = relogio.agora_utc()
        s.add(p)


# --- geração ---------------------------------------------------------------------------------------


def _lembretes_de_prazo(s: Session, u: Usuario, hoje: date, cfg: Config) -> list[MensagemEmail]:
    """Lembretes devidos hoje ao ponto focal `u`, pelos períodos abertos da sua unidade, se ela é
    esperada na coleta (`Unidade.informa`, como em `dominio.indicadores.monitoramento`)."""
    tipo_u, id_u = unidades.propria(u)
    unidade = unidades.obter(s, tipo_u, id_u)
    if not unidade.informa:  # só a unidade esperada na coleta (a mesma regra da completude)
        return []
    tabela = coleta.periodos_da_unidade(u, tipo_u, id_u, hoje)
    if tabela.empty:
        return []
    periodos = {p.id: p for p in s.exec(select(PeriodoColeta).where(PeriodoColeta.id.in_(list(tabela["id"]))))}
    r = []
    for _, linha in tabela.iterrows():
        per = periodos[int(linha["id"])]
        status = linha["Situação do envio"] if isinstance(linha["Situação do envio"], str) else None
        devido = lembrete_de_prazo(
            per.prazo, per.dias_tolerancia, status, hoje, cfg.lembrete_dias_antes, cfg.dias_depois_do_prazo
        )
        if devido is None:
            continue
        tipo, data_ref = devido
        nome, periodo = texto_livre(unidade.nome), texto_livre(rotulo(per))
        situacao = STATUS_ENVIO[status].lower() if status else "nenhum valor informado"
        if tipo == "prazo_antes":
            faltam = (per.prazo - hoje).days
            quando = "hoje" if faltam == 0 else f"em {faltam} dia(s)"
            assunto = f"Lembrete: indicadores de {periodo} até {formatos.data(per.prazo)}"
            corpo = (
                f"Os indicadores de {nome} referentes a {periodo} devem ser enviados até "
                f"{formatos.data(per.prazo)} (o prazo termina {quando}).\n\nSituação atual: {situacao}."
            )
        else:
            trava = data_da_trava(per.prazo, per.dias_tolerancia)
            assunto = f"Prazo vencido: indicadores de {periodo}"
            corpo = (
                f"O prazo para enviar os indicadores de {nome} referentes a {periodo} venceu em "
                f"{formatos.data(per.prazo)}.\n\nSituação atual: {situacao}. O sistema ainda aceita o envio, "
                f"com atraso, até {formatos.data(trava)}; depois disso, só a equipe do DMF grava os valores."
            )
        r.append(
            MensagemEmail(
                usuario_id=u.id,
                tipo=tipo,
                referencia=f"periodo:{per.id}",
                data=data_ref,
                assunto=assunto[:200],
                corpo=corpo,
                caminho=f"/coleta?periodo={per.id}",
            )
        )
    return r


def _itens_da_fila(u: Usuario) -> tuple[int, list[str]]:
    """A fila de revisão padrão do papel (enviados para o DMF, validados para o CNMP), com um link
    para cada envio."""
    f = coleta.fila_revisao(u)
    linhas = []
    for _, r in f.head(ITENS_NO_RESUMO).iterrows():
        falhas = f", {r['Regras com falha']} regra(s) com falha" if r["Regras com falha"] else ""
        linhas.append(
            f"• {texto_livre(r['Unidade'])} ({r['UF']}) — {texto_livre(r['Período'])}{falhas}: "
            + marcar_link(f"/revisao?envio={int(r['id'])}")
        )
    return len(f), linhas


def _resumo(u: Usuario, tipo: str, hoje: date, data_ref: date) -> MensagemEmail | None:
    """O resumo semanal de `u` (DMF: valores a validar e prestações de contas vencidas; CNMP:
    valores a aprovar). Sem nada pendente, não há resumo."""
    n_fila, itens = _itens_da_fila(u)
    verbo = "validar" if tipo == "resumo_dmf" else "aprovar"
    blocos, assunto_partes = [], []
    if n_fila:
        mais = f"\n(e mais {formatos.numero(n_fila - len(itens))} na página Revisão)" if n_fila > len(itens) else ""
        blocos.append(f"Valores de indicadores a {verbo}: {formatos.numero(n_fila)}\n" + "\n".join(itens) + mais)
        assunto_partes.append(f"{formatos.numero(n_fila)} envio(s) a {verbo}")
    if tipo == "resumo_dmf":
        n_venc, valor = recursos.resumo_prestacoes(u, hoje)["vencida"]
        if n_venc:
            pc = recursos.prestacoes(u, hoje, situacoes=["vencida"], pagina=1, por_pagina=ITENS_NO_RESUMO)
            linhas = [
                f"• {texto_livre(r['Destino'])} ({r['UF']}), {formatos.dinheiro(r['Valor (R$)'])}, "
                f"prazo {formatos.data(r['Prazo'])}"
                + (f", processo {texto_livre(r['Processo'])}" if r["Processo"] else "")
                for _, r in pc.iterrows()
            ]
            mais = f"\n(e mais {formatos.numero(n_venc - len(linhas))})" if n_venc > len(linhas) else ""
            blocos.append(
                f"Prestações de contas vencidas: {formatos.numero(n_venc)}, somando {formatos.dinheiro(valor)}\n"
                + "\n".join(linhas)
                + mais
                + "\nVeja e registre as apresentadas: "
                + marcar_link("/prestacao_contas?situacao=vencida")
            )
            assunto_partes.append(f"{formatos.numero(n_venc)} prestação(ões) de contas vencida(s)")
    if not blocos:
        return None
    return MensagemEmail(
        usuario_id=u.id,
        tipo=tipo,
        referencia="semana",
        data=data_ref,
        assunto=f"Resumo da semana de {formatos.data(data_ref)}: " + "; ".join(assunto_partes),
        corpo=f"Pendências na sua fila em {formatos.data(hoje)}:\n\n" + "\n\n".join(blocos),
        caminho="/revisao",
    )


def _gerar(s: Session, hoje: date, cfg: Config) -> list[MensagemEmail]:
    """Mensagens devidas hoje que ainda não estão na caixa de saída (nada é gravado aqui)."""
    novas: list[MensagemEmail] = []
    contas = s.exec(select(Usuario).where(Usuario.ativo.is_(True)).order_by(Usuario.id)).all()
    data_resumo = dia_do_resumo(hoje, cfg.resumo_dia_semana)
    for u in contas:
        if u.papel == acesso.PONTO_FOCAL:
            candidatas = _lembretes_de_prazo(s, u, hoje, cfg)
        elif u.papel in RESUMO_DO_PAPEL and _resumos_ligados(s, u.id):
            tipo = RESUMO_DO_PAPEL[u.papel]
            candidatas = (
                [] if fila.existe(s, u.id, tipo, "semana", data_resumo) else [_resumo(u, tipo, hoje, data_resumo)]
            )
        else:
            candidatas = []
        novas += [m for m in candidatas if m is not None and not fila.existe(s, u.id, m.tipo, m.referencia, m.data)]
    return novas


# --- composição ------------------------------------------------------------------------------------


def _link(cfg: Config, caminho: str) -> str:
    return cfg.url_base.strip().rstrip("/") + caminho


def compor(m: MensagemEmail, u: Usuario, cfg: Config) -> EmailMessage:
    """A mensagem pronta: UTF-8, texto simples e a alternativa HTML (todo texto escapado com
    `html.escape`; os links, endereços do próprio sistema: URL_BASE + página + parâmetros)."""
    partes = partes_do_corpo(m.corpo)
    rodape = [ASSINATURA]
    if m.tipo in TIPOS_RESUMO:
        rodape.append(("Para deixar de receber este resumo semanal, desligue-o em Minha conta: ", "/conta"))
    texto = "".join(t if k == "texto" else _link(cfg, t) for k, t in partes)
    corpo_txt = (
        f"Olá, {u.nome}.\n\n{texto}\n\nAbra no sistema: {_link(cfg, m.caminho)}\n\n-- \n"
        + "\n".join(p if isinstance(p, str) else p[0] + _link(cfg, p[1]) for p in rodape)
        + "\n"
    )

    def a(caminho: str) -> str:
        url = html.escape(_link(cfg, caminho))
        return f'<a href="{url}">{url}</a>'

    corpo_html = "".join(html.escape(t) if k == "texto" else a(t) for k, t in partes)
    paragrafos = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in corpo_html.split("\n\n"))
    rodape_html = "<br>".join(html.escape(p) if isinstance(p, str) else html.escape(p[0]) + a(p[1]) for p in rodape)
    pagina_html = (
        '<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"></head><body>'
        f"<p>Olá, {html.escape(u.nome)}.</p>{paragrafos}"
        f"<p><strong>Abra no sistema:</strong> {a(m.caminho)}</p>"
        f'<hr><p style="color:#555;font-size:small">{rodape_html}</p></body></html>'
    )
    msg = EmailMessage()
    msg["Subject"] = m.assunto
    msg["From"] = cfg.smtp_remetente
    msg["To"] = u.email
    msg["Date"] = format_datetime(relogio.agora())
    msg["Message-ID"] = make_msgid(domain="pnat")
    msg.set_content(corpo_txt, charset="utf-8")
    msg.add_alternative(pagina_html, subtype="html", charset="utf-8")
    return msg


# --- envio -----------------------------------------------------------------------------------------


@dataclass
class Resultado:
    geradas: int = 0
    enviadas: int = 0
    falhas: int = 0
    descartadas: int = 0
    erros: list[str] = field(default_factory=list)


def _conectar(cfg: Config) -> smtplib.SMTP:
    smtp = smtplib.SMTP(cfg.smtp_host, cfg.smtp_port, timeout=30)
    if cfg.smtp_starttls:
        smtp.starttls(context=ssl.create_default_context())
    if cfg.smtp_usuario:
        smtp.login(cfg.smtp_usuario, cfg.smtp_senha.get_secret_value() if cfg.smtp_senha else "")
    return smtp


def _marcar(mensagem_id: int, *, situacao: str, erro: str = "", tentou: bool = True) -> None:
    with sessao() as s:
        m = s.get(MensagemEmail, mensagem_id)
        m.situacao = situacao
        m.tentativas += 1 if tentou else 0
        m.ultimo_erro = trecho(erro, 490) if erro else ("" if situacao == "enviada" else m.ultimo_erro)
        if situacao == "enviada":
            m.enviada_em = relogio.agora_utc()
        s.add(m)


def _pendentes() -> list[tuple[MensagemEmail, Usuario, bool]]:
    with sessao() as s:
        linhas = s.exec(
            select(MensagemEmail, Usuario)
            .join(Usuario, Usuario.id == MensagemEmail.usuario_id)
            .where(MensagemEmail.situacao == "pendente")
            .order_by(MensagemEmail.id)
        ).all()
        return [(m, u, _resumos_ligados(s, u.id)) for m, u in linhas]


def _enviar_pendentes(cfg: Config, r: Resultado) -> None:
    """Envia cada pendente numa só conexão; cada resultado é gravado logo (um erro no meio não
    refaz o que já saiu). Servidor fora do ar: tudo continua pendente, com o erro anotado."""
    fila_ = []
    for m, u, ligados in _pendentes():
        if recebe(u.ativo, m.tipo, ligados):
            fila_.append((m, u))
        else:
            motivo = "conta desativada" if not u.ativo else "resumos semanais desligados pela pessoa"
            _marcar(m.id, situacao="descartada", erro=motivo, tentou=False)
            r.descartadas += 1
    if not fila_:
        return
    try:
        smtp = _conectar(cfg)
    except (OSError, smtplib.SMTPException) as exc:
        erro = f"servidor SMTP {cfg.smtp_host}:{cfg.smtp_port} indisponível: {exc}"
        for m, _ in fila_:
            _marcar(m.id, situacao="pendente", erro=erro)
        r.falhas += len(fila_)
        r.erros.append(erro)
        return
    try:
        for i, (m, u) in enumerate(fila_):
            try:
                smtp.send_message(compor(m, u, cfg))
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as exc:
                _marcar(m.id, situacao="pendente", erro=f"recusada pelo servidor: {exc}")
                r.falhas += 1
                r.erros.append(f"{u.email}: {trecho(exc)}")
                continue
            except (OSError, smtplib.SMTPException) as exc:  # conexão caiu: o resto fica para a próxima
                for m2, _ in fila_[i:]:
                    _marcar(m2.id, situacao="pendente", erro=f"conexão perdida: {exc}")
                r.falhas += len(fila_) - i
                r.erros.append(f"conexão com o SMTP perdida: {trecho(exc)}")
                return
            _marcar(m.id, situacao="enviada")
            r.enviadas += 1
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass


@dataclass
class Previa:
    """O que uma execução mandaria: (e-mail, assunto) das novas e das pendentes."""

    novas: list[tuple[str, str]]
    pendentes: list[tuple[str, str]]


def simular(hoje: date) -> Previa:
    """O que `enviar` geraria e mandaria hoje, sem gravar nem enviar nada."""
    cfg = obter_config()
    with sessao() as s:
        emails = {u.id: u.email for u in s.exec(select(Usuario))}
        novas = [(emails[m.usuario_id], m.assunto) for m in _gerar(s, hoje, cfg)]
    pend = [(u.email, m.assunto) for m, u, ligados in _pendentes() if recebe(u.ativo, m.tipo, ligados)]
    return Previa(novas, pend)


def enviar(hoje: date) -> Resultado:
    """Gera as mensagens devidas hoje (lembretes de prazo e resumos), grava-as na caixa de saída
    e envia todas as pendentes (também as de execuções anteriores que falharam e os avisos de
    devolução e aprovação deixados pela revisão). Processo do sistema (cron), sem usuário: quem
    recebe o quê vem das regras, e cada fila é lida com a conta do destinatário."""
    cfg = obter_config()
    r = Resultado()
    with sessao() as s:
        for m in _gerar(s, hoje, cfg):
            r.geradas += fila.enfileirar(s, m)
    _enviar_pendentes(cfg, r)
    return r


def situacao_da_caixa(ator: Usuario | None) -> dict[str, int]:
    """Quantas mensagens há em cada situação e quantas pendentes já falharam (página Usuários)."""
    acesso.exigir(ator, acesso.USUARIOS_GERIR)
    with sessao(ator) as s:
        linhas = s.exec(
            select(MensagemEmail.situacao, MensagemEmail.tentativas > 0, func.count()).group_by(
                MensagemEmail.situacao, MensagemEmail.tentativas > 0
            )
        ).all()
    c: Counter[str] = Counter()
    for sit, falhou, n in linhas:
        c[sit] += n
        if sit == "pendente" and falhou:
            c["com_falha"] += n
    return {k: c[k] for k in ("pendente", "enviada", "descartada", "com_falha")}
