"""Lembretes, resumos e avisos por e-mail contra um servidor SMTP de verdade (aiosmtpd em
127.0.0.1, numa porta livre): destinatários, assuntos, texto em pt-BR e UTF-8, HTML com o texto
do usuário escapado, links para o item exato; a segunda execução do dia não manda nada; uma
falha fica na caixa de saída e sai na execução seguinte; conta desativada e resumo desligado
não recebem."""

from __future__ import annotations

import html
import socket
from datetime import date
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from core.banco import sessao
from core.config import limpar_config
from dominio.indicadores import coleta
from dominio.indicadores import servicos as indicadores
from dominio.lembretes import servicos as lembretes
from models.lembretes import MensagemEmail
from models.usuarios import Usuario
from tests.apoio.coleta import HOJE, enviar, envio

URL = "https://pnat.teste.jus.br"
COMENTARIO = 'Falta o <b>E02</b> & "ç" <script>alert(1)</script>'


def _porta_livre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Caixa:
    def __init__(self):
        self.recebidas = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - nome do aiosmtpd
        self.recebidas.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


class Servidor:
    """Servidor SMTP de teste; `ligar()`/`desligar()` e o que recebeu, por destinatário."""

    def __init__(self, porta: int):
        self.porta, self.caixa, self._ctrl = porta, _Caixa(), None

    def ligar(self):
        self._ctrl = Controller(self.caixa, hostname="127.0.0.1", port=self.porta)
        self._ctrl.start()

    def desligar(self):
        if self._ctrl is not None:
            self._ctrl.stop()
            self._ctrl = None

    def para(self, email: str) -> list:
        return [m for rcpts, m in self.caixa.recebidas if rcpts == [email]]

    @property
    def total(self) -> int:
        return len(self.caixa.recebidas)


@pytest.fixture
def smtp(monkeypatch):
    srv = Servidor(_porta_livre())
    for nome, valor in {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(srv.porta),
        "SMTP_REMETENTE": "Monitoramento PNAT <pnat@teste.jus.br>",
        "SMTP_STARTTLS": "false",
        "URL_BASE": URL + "/",
    }.items():
        monkeypatch.setenv(nome, valor)
    limpar_config()
    srv.ligar()
    yield srv
    srv.desligar()
    monkeypatch.undo()
    limpar_config()


@pytest.fixture
def cenario(banco_limpo, demo_usuarios):
    """Período mensal de janeiro/2030 (prazo 15/02/2030, trava 25/02/2030), sem envios."""
    p = indicadores.salvar_periodo(
        demo_usuarios["dmf"], indicadores.DadosPeriodo("mensal", 2030, 1, date(2030, 1, 1), date(2030, 2, 15), 10)
    )
    return demo_usuarios | {"periodo": p.id}


def _partes(m):
    texto, pagina = m.get_body(("plain",)), m.get_body(("html",))
    assert texto.get_content_charset() == "utf-8" and pagina.get_content_charset() == "utf-8"
    return texto.get_content(), pagina.get_content()


def _caixa_de_saida() -> list[MensagemEmail]:
    with sessao() as s:
        return list(s.exec(select(MensagemEmail).order_by(MensagemEmail.id)))


def test_lembrete_e_resumos_chegam_uma_vez_com_links(cenario, smtp):
    pf, dmf, cnmp, per = cenario["pf_escritorio"], cenario["dmf"], cenario["cnmp"], cenario["periodo"]
    r = lembretes.enviar(HOJE)  # 10/02/2030, domingo: cinco dias antes do prazo; resumo da segunda 04/02
    assert r.falhas == 0 and r.enviadas == r.geradas == smtp.total >= 3

    (lembrete,) = smtp.para(pf.email)
    assert lembrete["Subject"] == "Lembrete: indicadores de Janeiro/2030 até 15/02/2030"
    assert lembrete["From"] == "Monitoramento PNAT <pnat@teste.jus.br>"
    texto, pagina = _partes(lembrete)
    assert f"Olá, {pf.nome}." in texto and "(o prazo termina em 5 dia(s))" in texto
    assert "Situação atual: nenhum valor informado." in texto
    assert f"Abra no sistema: {URL}/coleta?periodo={per}" in texto
    assert f'<a href="{URL}/coleta?periodo={per}">' in pagina and 'lang="pt-BR"' in pagina

    (resumo_dmf,) = smtp.para(dmf.email)
    assert resumo_dmf["Subject"].startswith("Resumo da semana de 04/02/2030: ")
    assert "a validar" in resumo_dmf["Subject"] and "prestação(ões) de contas vencida(s)" in resumo_dmf["Subject"]
    texto, pagina = _partes(resumo_dmf)
    fila_dmf = coleta.fila_revisao(dmf)
    assert f"Valores de indicadores a validar: {len(fila_dmf)}" in texto
    assert f"{URL}/revisao?envio={int(fila_dmf['id'].iloc[0])}" in texto
    assert f"{URL}/prestacao_contas?situacao=vencida" in texto
    assert f"desligue-o em Minha conta: {URL}/conta" in texto
    assert f'<a href="{URL}/revisao?envio={int(fila_dmf["id"].iloc[0])}">' in pagina

    (resumo_cnmp,) = smtp.para(cnmp.email)
    assert "a aprovar" in resumo_cnmp["Subject"] and "prestação" not in resumo_cnmp["Subject"]
    assert smtp.para(cenario["admin"].email) == []

    de_novo = lembretes.enviar(HOJE)
    assert (de_novo.geradas, de_novo.enviadas, smtp.total) == (0, 0, r.enviadas)
    assert {m.situacao for m in _caixa_de_saida()} == {"enviada"}
    # terça-feira seguinte (o cron parou na segunda): o lembrete do prazo não se repete; o resumo da
    # semana nova (segunda, 11/02) sai uma vez
    assert lembretes.enviar(date(2030, 2, 12)).geradas == 2
    assert len(smtp.para(pf.email)) == 1
    assert smtp.para(dmf.email)[-1]["Subject"].startswith("Resumo da semana de 11/02/2030: ")


def test_devolucao_e_aprovacao_avisam_o_ponto_focal(cenario, smtp):
    pf, dmf, cnmp, per = cenario["pf_escritorio"], cenario["dmf"], cenario["cnmp"], cenario["periodo"]
    enviar(pf, pf, per)
    e = envio(per, pf)
    coleta.devolver(dmf, e.id, e.versao, COMENTARIO)
    pendente = [m for m in _caixa_de_saida() if m.tipo == "devolvido"]
    assert [(m.usuario_id, m.situacao) for m in pendente] == [(pf.id, "pendente")]  # na mesma transação

    lembretes.enviar(HOJE)
    (aviso,) = [m for m in smtp.para(pf.email) if m["Subject"].startswith("Envio devolvido")]
    assert aviso["Subject"] == "Envio devolvido para correção: Janeiro/2030"
    texto, pagina = _partes(aviso)
    assert "foram devolvidos para correção" in texto and COMENTARIO in texto
    assert html.escape(COMENTARIO) in pagina and "<script>" not in pagina and "<b>E02" not in pagina
    assert f'<a href="{URL}/coleta?periodo={per}">' in pagina

    enviar(pf, pf, per)
    e = envio(per, pf)
    e = coleta.validar(dmf, e.id, e.versao)
    coleta.aprovar(cnmp, e.id, e.versao)
    lembretes.enviar(HOJE)
    (aprovado,) = [m for m in smtp.para(pf.email) if m["Subject"].startswith("Envio aprovado")]
    assert aprovado["Subject"] == "Envio aprovado: Janeiro/2030"
    assert "aprovados pela Comissão do CNMP" in _partes(aprovado)[0]


def test_falha_de_envio_fica_na_caixa_e_sai_depois(cenario, smtp):
    smtp.desligar()
    r = lembretes.enviar(HOJE)
    assert r.enviadas == 0 and r.falhas == r.geradas >= 3 and "indisponível" in r.erros[0]
    caixa = _caixa_de_saida()
    assert {(m.situacao, m.tentativas) for m in caixa} == {("pendente", 1)}
    assert all("indisponível" in m.ultimo_erro for m in caixa)

    smtp.ligar()
    depois = lembretes.enviar(HOJE)
    assert (depois.geradas, depois.enviadas, depois.falhas) == (0, len(caixa), 0)
    assert smtp.total == len(caixa) and len(smtp.para(cenario["pf_escritorio"].email)) == 1
    assert {(m.situacao, m.tentativas) for m in _caixa_de_saida()} == {("enviada", 2)}


def test_conta_desativada_e_resumo_desligado_nao_recebem(cenario, smtp):
    pf, dmf, cnmp, per = cenario["pf_escritorio"], cenario["dmf"], cenario["cnmp"], cenario["periodo"]
    enviar(pf, pf, per)
    e = envio(per, pf)
    coleta.devolver(dmf, e.id, e.versao, "Corrija o E02, por favor.")  # aviso na caixa de saída
    with sessao() as s:
        s.get(Usuario, pf.id).ativo = False
    lembretes.definir_resumos(dmf, False)
    assert lembretes.resumos_ligados(dmf) is False and lembretes.resumos_ligados(cnmp) is True

    r = lembretes.enviar(HOJE)
    assert smtp.para(pf.email) == [] and smtp.para(dmf.email) == []
    assert len(smtp.para(cnmp.email)) == 1 and r.descartadas == 1
    (aviso,) = [m for m in _caixa_de_saida() if m.tipo == "devolvido"]
    assert (aviso.situacao, aviso.ultimo_erro) == ("descartada", "conta desativada")

    lembretes.definir_resumos(dmf, True)  # religado: o resumo da semana sai na próxima execução
    lembretes.enviar(HOJE)
    assert len(smtp.para(dmf.email)) == 1
