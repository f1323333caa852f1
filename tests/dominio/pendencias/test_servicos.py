"""Minhas pendências: cada contagem é o número de linhas que a página de destino lista com o mesmo
filtro (as mesmas funções), e cada item leva ao próprio item."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core import relogio
from core.banco import sessao
from core.erros import AcessoNegado
from dominio.cadastros import unidades
from dominio.indicadores import coleta, qualitativo
from dominio.lgpd import servicos as lgpd
from dominio.pendencias import servicos as pendencias
from dominio.plano import servicos as plano
from dominio.recursos import servicos as recursos
from dominio.usuarios import sessoes
from models.indicadores import EnvioColeta
from models.plano import Meta
from models.unidades import GrupoInterinstitucional


def _por_tipo(ator):
    return {p.tipo: p for p in pendencias.pendencias(ator, relogio.hoje())}


def test_tipos_de_cada_perfil(demo_usuarios):
    assert set(_por_tipo(demo_usuarios["pf_grupo"])) == {"coleta_a_enviar", "coleta_devolvida", "qualitativo_em_atraso"}
    assert set(_por_tipo(demo_usuarios["cnmp"])) == {"a_aprovar", "comentarios"}
    dmf = set(_por_tipo(demo_usuarios["dmf"]))
    assert dmf == {"a_validar", "prestacoes_vencidas", "atividades_atrasadas", "vigencia", "obrigacoes", "comentarios"}
    # o administrador faz o trabalho do DMF (core.acesso) e o da administração
    assert set(_por_tipo(demo_usuarios["admin"])) == dmf | {"lgpd", "sem_escopo", "demo_ativas", "sessoes_ativas"}


def test_visitante_nao_tem_pendencias():
    with pytest.raises(AcessoNegado):
        pendencias.pendencias(None, relogio.hoje())


def test_contagens_da_revisao_iguais_a_fila(demo_usuarios):
    dmf, cnmp = demo_usuarios["dmf"], demo_usuarios["cnmp"]
    a_validar = _por_tipo(dmf)["a_validar"]
    fila = coleta.fila_revisao(dmf, situacoes=("enviado",))
    assert a_validar.quantidade == len(fila) > 0
    assert a_validar.pagina == "paginas/revisao.py" and a_validar.filtros == {"situacao": "enviado"}
    assert [int(i.filtros["envio"]) for i in a_validar.itens] == [int(x) for x in fila["id"][: pendencias.LIMITE_ITENS]]
    a_aprovar = _por_tipo(cnmp)["a_aprovar"]
    assert a_aprovar.quantidade == len(coleta.fila_revisao(cnmp, situacoes=("validado",))) > 0
    assert all(i.filtros["situacao"] == "validado" for i in a_aprovar.itens)


def test_prestacoes_vencidas_iguais_a_lista_da_prestacao_de_contas(demo_usuarios):
    dmf, hoje = demo_usuarios["dmf"], relogio.hoje()
    p = _por_tipo(dmf)["prestacoes_vencidas"]
    listadas = recursos.prestacoes(dmf, hoje, situacoes=["vencida"])
    assert p.quantidade == len(listadas) > pendencias.LIMITE_ITENS
    assert len(p.itens) == pendencias.LIMITE_ITENS and p.filtros == {"situacao": "vencida"}
    assert [i.prazo for i in p.itens] == list(listadas["Prazo"][: pendencias.LIMITE_ITENS])


def test_atividades_atrasadas_iguais_ao_cronograma_de_todos_os_anos(demo_usuarios):
    """Uma regra de atraso para todo ano do plano: o que as pendências (e os alertas) contam é a soma
    das atrasadas que o Cronograma de cada ano lista, e cada item abre o ano dela."""
    dmf, hoje = demo_usuarios["dmf"], relogio.hoje()
    p = _por_tipo(dmf)["atividades_atrasadas"]
    por_ano = {
        pl.ano: int(plano.tabela_cronograma(dmf, pl.id, hoje)["_atrasada"].sum()) for pl in plano.listar_planos(dmf)
    }
    assert p.quantidade == sum(por_ano.values()) > 0
    for ano, n in por_ano.items():
        assert sum(i.filtros == {"ano": str(ano)} for i in p.itens) == n
    assert p.pagina == "paginas/cronograma.py"


def test_obrigacoes_sem_evidencia_iguais_a_lista_do_plano(demo_usuarios):
    """Cláusulas 3ª a 5ª: a obrigação sem evidência (e que a pede) conta uma vez e abre o Plano nela."""
    dmf = demo_usuarios["dmf"]
    p = _por_tipo(dmf)["obrigacoes"]
    listadas = plano.obrigacoes_sem_evidencia(dmf)
    todas = plano.tabela_obrigacoes(dmf)
    assert p.quantidade == len(listadas) > 1 and len(listadas) < len(todas)
    assert p.pagina == "paginas/plano.py" and p.filtros == {"obrigacoes": "sem_evidencia"}
    assert [i.filtros["obrigacao"] for i in p.itens] == [str(i) for i in listadas["id"][: len(p.itens)]]
    assert (listadas["Evidências"] == 0).all() and "Não aplicável no período" not in set(listadas["Situação"])


def test_lgpd_e_sessoes_do_administrador(demo_usuarios):
    admin, hoje = demo_usuarios["admin"], relogio.hoje()
    pend = _por_tipo(admin)
    alertas = lgpd.alertas_lgpd(admin, hoje)
    assert pend["lgpd"].quantidade == len(alertas) > 0
    assert [i.filtros for i in pend["lgpd"].itens] == [{"incidente": str(a.incidente_id)} for a in alertas]
    assert pend["sessoes_ativas"].quantidade == len(sessoes.listar_ativas(admin))
    assert pend["demo_ativas"].quantidade == 0  # em modo de demonstração elas valem


def test_ponto_focal_contagens_iguais_as_da_coleta_e_do_qualitativo(demo_usuarios):
    pf, hoje = demo_usuarios["pf_escritorio"], relogio.hoje()
    pend = _por_tipo(pf)
    tipo, ident = unidades.propria(pf)
    periodos = coleta.periodos_da_unidade(pf, tipo, ident, hoje)
    sem_envio = periodos[periodos["Situação do envio"].isin(["rascunho"]) | periodos["Situação do envio"].isna()]
    assert pend["coleta_a_enviar"].quantidade == len(sem_envio) > 0
    assert {int(i.filtros["periodo"]) for i in pend["coleta_a_enviar"].itens} <= set(sem_envio["id"])
    prazos = [i.prazo for i in pend["coleta_a_enviar"].itens]
    assert prazos == sorted(prazos)  # os mais urgentes primeiro
    em_atraso = qualitativo.totais(qualitativo.tabela_registros(pf, hoje=hoje))["em_atraso"]
    assert pend["qualitativo_em_atraso"].quantidade == em_atraso


def test_devolvido_comentario_e_unidade_encerrada(banco_limpo, demo_usuarios):
    """O que muda as pendências aparece nelas: o envio devolvido (com o comentário de quem
    devolveu) para o ponto focal; o comentário da Comissão para o DMF responder (e não para ela
    mesma); o ponto focal de Grupo inativo para o administrador."""
    pf, dmf, cnmp, admin = (demo_usuarios[k] for k in ("pf_grupo", "dmf", "cnmp", "admin"))
    chave = unidades.chave_de(pf.grupo_id, None)
    with sessao() as s:
        e = s.exec(
            select(EnvioColeta).where(EnvioColeta.unidade_chave == chave, EnvioColeta.status == "enviado")
        ).first()
        if e is None:
            e = s.exec(select(EnvioColeta).where(EnvioColeta.unidade_chave == chave)).first()
            e.status = "enviado"
            s.add(e)
        envio_id = e.id
    with sessao() as s:
        versao = s.get(EnvioColeta, envio_id).versao
    coleta.devolver(dmf, envio_id, versao, "Confira o total de vagas de março.")
    devolvidos = _por_tipo(pf)["coleta_devolvida"]
    assert devolvidos.quantidade == 1
    assert devolvidos.itens[0].detalhe == "Confira o total de vagas de março."

    antes_dmf = _por_tipo(dmf)["comentarios"].quantidade
    antes_cnmp = _por_tipo(cnmp)["comentarios"].quantidade
    with sessao() as s:
        meta_id = s.exec(select(Meta.id).where(Meta.letra == "f")).one()
    plano.comentar(cnmp, alvo="meta", alvo_id=meta_id, texto="Qual o cronograma desta meta?")
    assert _por_tipo(dmf)["comentarios"].quantidade == antes_dmf + 1
    assert _por_tipo(cnmp)["comentarios"].quantidade == antes_cnmp
    plano.comentar(dmf, alvo="meta", alvo_id=meta_id, texto="Segue no relatório do ano 4.")
    assert _por_tipo(dmf)["comentarios"].quantidade == antes_dmf
    assert _por_tipo(cnmp)["comentarios"].quantidade == antes_cnmp + 1
    assert len(plano.comentarios_aguardando(cnmp)) == antes_cnmp + 1

    assert pf.id not in {int(i.filtros["usuario"]) for i in _por_tipo(admin)["sem_escopo"].itens}
    with sessao() as s:
        g = s.get(GrupoInterinstitucional, pf.grupo_id)
        g.status = "inativo"
        s.add(g)
    sem_escopo = _por_tipo(admin)["sem_escopo"]
    assert pf.id in {int(i.filtros["usuario"]) for i in sem_escopo.itens}
    assert sem_escopo.quantidade == len(pendencias.pontos_focais_sem_unidade_ativa(admin))
