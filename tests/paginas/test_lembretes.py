"""Páginas dos e-mails: Minha conta liga e desliga o resumo semanal; Usuários avisa o
administrador que o e-mail está desligado; os links dos e-mails abrem o item exato (Coleta no
período, Revisão no envio, Prestação de contas nas vencidas)."""

from __future__ import annotations

from dominio.indicadores import coleta
from dominio.lembretes import servicos as lembretes
from tests.apoio.paginas import abrir, sem_excecao


def _pagina(at, arquivo, **parametros):
    for k, v in parametros.items():
        at.query_params[k] = v
    at.switch_page(arquivo).run()
    sem_excecao(at)
    return at


def test_conta_desliga_e_religa_o_resumo_semanal(banco_limpo, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    at = _pagina(abrir(dmf), "paginas/conta.py")
    chave = at.toggle(key="conta_resumos")
    assert chave.value is True and chave.label == "Receber o resumo semanal da minha fila por e-mail"
    chave.set_value(False).run()
    sem_excecao(at)
    assert lembretes.resumos_ligados(dmf) is False
    assert any("Resumo semanal desligado" in s.value for s in at.success)
    at.toggle(key="conta_resumos").set_value(True).run()
    assert lembretes.resumos_ligados(dmf) is True


def test_conta_do_ponto_focal_explica_os_emails_sem_opcao_de_resumo(demo_usuarios):
    at = _pagina(abrir(demo_usuarios["pf_escritorio"]), "paginas/conta.py")
    assert not [t for t in at.toggle if t.key == "conta_resumos"]
    assert any("lembretes de prazo" in c.value for c in at.caption)


def test_usuarios_avisa_que_o_email_esta_desligado(demo_usuarios):
    at = _pagina(abrir(demo_usuarios["admin"]), "paginas/usuarios.py")
    assert any("E-mail desligado" in i.value and "SMTP_HOST" in i.value for i in at.info)


def test_links_dos_emails_abrem_o_item(demo_usuarios):
    pf, dmf = demo_usuarios["pf_escritorio"], demo_usuarios["dmf"]
    at = _pagina(abrir(pf), "paginas/coleta.py", periodo="12")
    assert at.selectbox(key=f"co_periodo_escritorio{pf.escritorio_id}").value == 12

    ultimo = int(coleta.fila_revisao(dmf)["id"].iloc[-1])
    at = _pagina(abrir(dmf), "paginas/revisao.py", envio=str(ultimo))
    assert at.selectbox(key="rv_envio").value == ultimo

    at = _pagina(abrir(dmf), "paginas/prestacao_contas.py", situacao="vencida")
    assert at.multiselect(key="pc_sit").value == ["vencida"]


def test_conta_do_administrador_sem_resumo(demo_usuarios):
    at = _pagina(abrir(demo_usuarios["admin"]), "paginas/conta.py")
    assert not [t for t in at.toggle if t.key == "conta_resumos"]
    assert any("não recebe e-mails" in c.value for c in at.caption)
