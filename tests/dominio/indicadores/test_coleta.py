"""Coleta e revisão dos indicadores nos serviços (não só nas páginas): escopo do ponto focal,
rascunho e envio com regras, devolução e reenvio, aprovação que trava, reabertura motivada e
auditada, segregação de funções, trava do período, conflito de edição, versões do catálogo."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import Decimal as D

import pandas as pd
import pytest
from sqlmodel import func, select

from core.banco import sessao
from core.erros import AcessoNegado, ConflitoEdicao, ErroValidacao
from dominio.indicadores import coleta
from dominio.indicadores import servicos as indicadores
from dominio.indicadores.coleta import ValorInformado as VI
from dominio.indicadores.regras import SITUACOES_PERIODO, TransicaoInvalida
from dominio.usuarios.servicos import gerar_hash
from models.indicadores import EventoRevisao, Indicador, PeriodoColeta, RegraValidacao, ValorIndicador, VersaoIndicador
from models.usuarios import RegistroAuditoria, Usuario
from tests.apoio.banco import contar
from tests.apoio.coleta import HOJE, NUMS, _form, _valores, enviado, enviar, envio


@pytest.fixture
def cenario(banco_limpo, demo_usuarios):
    """Período mensal de janeiro/2030 (sem nada da demonstração) e os usuários."""
    dmf = demo_usuarios["dmf"]
    p = indicadores.salvar_periodo(
        dmf, indicadores.DadosPeriodo("mensal", 2030, 1, date(2030, 1, 1), date(2030, 2, 15), 10)
    )
    return demo_usuarios | {"periodo": p.id}


def _outro_dmf() -> Usuario:
    with sessao() as s:
        u = Usuario(
            nome="Segunda pessoa do DMF", email="dmf2@teste.jus.br", papel="dmf", senha_hash=gerar_hash("x" * 12)
        )
        s.add(u)
        s.flush()
        return u


# --- escopo ---------------------------------------------------------------------------------------


def test_ponto_focal_so_alcanca_a_propria_unidade(cenario):
    pf, pfg = cenario["pf_escritorio"], cenario["pf_grupo"]
    per = cenario["periodo"]
    assert [u.chave for u in coleta.unidades_visiveis(pf)] == [f"e:{pf.escritorio_id}"]
    with pytest.raises(AcessoNegado, match="própria unidade"):
        coleta.formulario(pfg, "escritorio", pf.escritorio_id, per, HOJE)
    with pytest.raises(AcessoNegado, match="própria unidade"):
        coleta.periodos_da_unidade(pfg, "escritorio", pf.escritorio_id, HOJE)
    f = _form(pf, pf, per)
    with pytest.raises(AcessoNegado):
        coleta.salvar(pfg, "escritorio", pf.escritorio_id, per, _valores(f), hoje=HOJE, versao_envio=None)
    r = enviar(pf, pf, per)
    with pytest.raises(AcessoNegado, match="própria unidade"):
        coleta.analise(pfg, r.envio_id)
    assert contar(ValorIndicador, ValorIndicador.envio_id == r.envio_id) == 8  # só o envio legítimo


def test_cnmp_e_visitante_nao_informam(cenario):
    pf, per = cenario["pf_escritorio"], cenario["periodo"]
    f = _form(cenario["cnmp"], pf, per)
    assert not f.pode_editar and "não os informa" in f.motivo_bloqueio
    for ator in (cenario["cnmp"], None):
        with pytest.raises(AcessoNegado):
            coleta.salvar(ator, "escritorio", pf.escritorio_id, per, _valores(f), hoje=HOJE, versao_envio=None)
    assert envio(per, pf) is None


# --- rascunho e envio ---------------------------------------------------------------------------------


def test_rascunho_parcial_e_envio_exige_totais(cenario):
    pf, per = cenario["pf_escritorio"], cenario["periodo"]
    f = _form(pf, pf, per)
    parcial = _valores(f)[:2]
    r = coleta.salvar(pf, "escritorio", pf.escritorio_id, per, parcial, hoje=HOJE, versao_envio=None)
    assert r.status == "rascunho"
    f = _form(pf, pf, per)
    with pytest.raises(ErroValidacao) as e:
        coleta.salvar(
            pf, "escritorio", pf.escritorio_id, per, parcial, hoje=HOJE, versao_envio=f.envio.versao, enviar=True
        )
    assert "Campo “E03 — Total”: informe o total de “Encaminhamentos à rede” (pode ser 0) antes de enviar" in str(
        e.value
    )
    assert envio(per, pf).status == "rascunho"


def test_regra_que_impede_bloqueia_e_nada_e_gravado(cenario):
    pf, per = cenario["pf_escritorio"], cenario["periodo"]
    valores_antes, eventos_antes = contar(ValorIndicador), contar(EventoRevisao)
    with pytest.raises(ErroValidacao) as e:
        enviar(pf, pf, per, E01=30)  # pessoas atendidas (30) > atendimentos (20)
    assert "deveria valer E01 ≤ E02, mas E01 = 30 e E02 = 20" in str(e.value)
    assert envio(per, pf) is None
    assert (contar(ValorIndicador), contar(EventoRevisao)) == (valores_antes, eventos_antes)


def test_regra_de_alerta_nao_impede_e_volta_para_a_tela(cenario):
    pf, per = cenario["pf_escritorio"], cenario["periodo"]
    r = enviar(pf, pf, per, E03=25, E04=4)  # encaminhamentos (25) > atendimentos (20): só alerta
    assert r.status == "enviado"
    assert [a.nome for a in r.alertas] == ["Encaminhamentos não passam dos atendimentos"]
    a = coleta.analise(cenario["dmf"], r.envio_id)
    assert any(x.situacao == "falha" and x.severidade == "alerta" for x in a.regras)


def test_desagregacao_que_nao_soma_o_total_e_recusada(cenario):
    pf, per = cenario["pf_escritorio"], cenario["periodo"]
    f = _form(pf, pf, per)
    e07 = next(it.versao.id for it in f.itens if it.indicador.codigo == "E07")
    vals = _valores(f, E07=5) + [
        VI(e07, "sexo:feminino", valor=D(2)),
        VI(e07, "sexo:masculino", valor=D(2)),
        VI(e07, "sexo:nao_informado", valor=D(0)),
    ]
    with pytest.raises(ErroValidacao, match=r"E07 — Sexo.*soma por sexo \(4\) difere do total \(5\)"):
        coleta.salvar(pf, "escritorio", pf.escritorio_id, per, vals, hoje=HOJE, versao_envio=None, enviar=True)
    vals[-1] = VI(e07, "sexo:nao_informado", valor=D(1))
    assert (
        coleta.salvar(pf, "escritorio", pf.escritorio_id, per, vals, hoje=HOJE, versao_envio=None, enviar=True).status
        == "enviado"
    )


def test_valor_de_tipo_errado_diz_indicador_e_campo(cenario):
    pf, per = cenario["pf_escritorio"], cenario["periodo"]
    f = _form(pf, pf, per)
    with pytest.raises(ErroValidacao, match="Campo “E02 — Total”: contagem deve ser um número inteiro"):
        coleta.salvar(pf, "escritorio", pf.escritorio_id, per, _valores(f, E02=D("2.5")), hoje=HOJE, versao_envio=None)
    assert envio(per, pf) is None


# --- revisão -------------------------------------------------------------------------------------------


def test_devolvido_e_reenviado_ate_a_aprovacao(cenario):
    pf, dmf, cnmp, per = cenario["pf_escritorio"], cenario["dmf"], cenario["cnmp"], cenario["periodo"]
    r = enviar(pf, pf, per)
    e = envio(per, pf)
    with pytest.raises(ErroValidacao, match="motivo"):
        coleta.devolver(dmf, e.id, e.versao, "  ")
    e = coleta.devolver(dmf, e.id, e.versao, "Confira E03 com o relatório mensal.")
    assert e.status == "devolvido"
    f = _form(pf, pf, per)
    assert f.pode_editar and f.envio.comentario_revisao == "Confira E03 com o relatório mensal."
    assert enviar(pf, pf, per, E03=9).status == "enviado"  # reenvio corrigido
    e = envio(per, pf)
    e = coleta.validar(dmf, e.id, e.versao)
    with pytest.raises(TransicaoInvalida):
        coleta.validar(dmf, e.id, e.versao)  # já validado
    e = coleta.aprovar(cnmp, e.id, e.versao)
    assert e.status == "aprovado"
    with sessao() as s:
        acoes = [
            x.acao
            for x in s.exec(
                select(EventoRevisao).where(EventoRevisao.envio_id == r.envio_id).order_by(EventoRevisao.id)
            )
        ]
    assert acoes == ["enviado", "devolvido", "enviado", "validado", "aprovado"]


def test_cnmp_so_examina_depois_do_dmf(cenario):
    pf, cnmp, per = cenario["pf_escritorio"], cenario["cnmp"], cenario["periodo"]
    e = enviado(pf, per)
    with pytest.raises(AcessoNegado):
        coleta.validar(cnmp, e.id, e.versao)
    with pytest.raises(TransicaoInvalida):
        coleta.aprovar(cnmp, e.id, e.versao)
    with pytest.raises(TransicaoInvalida, match="aguarda a validação do DMF"):
        coleta.devolver(cnmp, e.id, e.versao, "Não confere com o SISDEPEN.")
    with pytest.raises(AcessoNegado):
        coleta.aprovar(cenario["dmf"], e.id, e.versao)  # aprovar é da Comissão do CNMP
    assert envio(per, pf).status == "enviado"


def test_aprovado_trava_e_reabertura_exige_motivo_e_fica_auditada(cenario):
    pf, dmf, cnmp, per = cenario["pf_escritorio"], cenario["dmf"], cenario["cnmp"], cenario["periodo"]
    e = enviado(pf, per)
    e = coleta.aprovar(cnmp, e.id, coleta.validar(dmf, e.id, e.versao).versao)
    f = _form(pf, pf, per)
    assert not f.pode_editar and "aprovados pelo CNMP" in f.motivo_bloqueio
    with pytest.raises(AcessoNegado, match="aprovados"):
        coleta.salvar(
            pf, "escritorio", pf.escritorio_id, per, _valores(f, E02=99), hoje=HOJE, versao_envio=f.envio.versao
        )
    with pytest.raises(AcessoNegado, match="aprovados"):  # nem o DMF altera valor aprovado sem reabrir
        coleta.salvar(
            dmf, "escritorio", pf.escritorio_id, per, _valores(f, E02=99), hoje=HOJE, versao_envio=f.envio.versao
        )
    with sessao() as s:
        assert 20 in [int(v.valor) for v in s.exec(select(ValorIndicador).where(ValorIndicador.envio_id == e.id))]
    with pytest.raises(ErroValidacao, match="motivo da reabertura"):
        coleta.reabrir(cnmp, e.id, e.versao, "")
    with pytest.raises(AcessoNegado):
        coleta.reabrir(pf, e.id, e.versao, "Quero corrigir um número.")
    e = coleta.reabrir(cnmp, e.id, e.versao, "Erro de digitação em E02 apontado pelo TJES.")
    assert e.status == "devolvido" and e.aprovado_em is None
    assert _form(pf, pf, per).pode_editar
    with sessao() as s:
        ev = s.exec(select(EventoRevisao).where(EventoRevisao.envio_id == e.id, EventoRevisao.acao == "reaberto")).one()
        assert ev.usuario_email == cnmp.email and "TJES" in ev.comentario
        trilha = s.exec(
            select(RegistroAuditoria).where(
                RegistroAuditoria.entidade == "envio_coleta",
                RegistroAuditoria.entidade_id == str(e.id),
                RegistroAuditoria.acao == "alteracao",
            )
        ).all()
        assert any(t.depois.get("status") == "devolvido" and t.antes.get("status") == "aprovado" for t in trilha)


def test_quem_informou_nao_valida_nem_aprova(cenario):
    pf, dmf, per = cenario["pf_escritorio"], cenario["dmf"], cenario["periodo"]
    enviar(dmf, pf, per)  # o DMF informou pela unidade
    e = envio(per, pf)
    a = coleta.analise(dmf, e.id)
    assert "outra pessoa do DMF" in a.acoes["validar"]
    with pytest.raises(TransicaoInvalida, match="não pode validar"):
        coleta.validar(dmf, e.id, e.versao)
    outro = _outro_dmf()
    assert coleta.validar(outro, e.id, e.versao).status == "validado"


def test_conflito_de_edicao_entre_dois_formularios(cenario):
    pf, dmf, per = cenario["pf_escritorio"], cenario["dmf"], cenario["periodo"]
    f = _form(pf, pf, per)
    coleta.salvar(pf, "escritorio", pf.escritorio_id, per, _valores(f), hoje=HOJE, versao_envio=None)
    # o DMF abriu o formulário antes da gravação do ponto focal (sem envio)
    with pytest.raises(ConflitoEdicao):
        coleta.salvar(dmf, "escritorio", pf.escritorio_id, per, _valores(f, E02=50), hoje=HOJE, versao_envio=None)
    with sessao() as s:
        assert {
            int(v.valor) for v in s.exec(select(ValorIndicador).where(ValorIndicador.envio_id == envio(per, pf).id))
        } == set(NUMS.values())


def test_gravar_so_troca_quem_informou_o_que_mudou(cenario):
    pf, dmf, per = cenario["pf_escritorio"], cenario["dmf"], cenario["periodo"]
    f = _form(pf, pf, per)
    coleta.salvar(pf, "escritorio", pf.escritorio_id, per, _valores(f), hoje=HOJE, versao_envio=None)
    f = _form(dmf, pf, per)
    coleta.salvar(dmf, "escritorio", pf.escritorio_id, per, _valores(f, E06=5), hoje=HOJE, versao_envio=f.envio.versao)
    with sessao() as s:
        quem = {
            c: u
            for c, u in s.exec(
                select(Indicador.codigo, ValorIndicador.informado_por_id)
                .join(VersaoIndicador, VersaoIndicador.id == ValorIndicador.versao_indicador_id)
                .join(Indicador, Indicador.id == VersaoIndicador.indicador_id)
                .where(ValorIndicador.envio_id == f.envio.id)
            )
        }
    assert quem.pop("E06") == dmf.id and set(quem.values()) == {pf.id}


# --- trava do período ----------------------------------------------------------------------------------


def test_periodo_travado_so_o_dmf_grava(cenario):
    pf, dmf, per = cenario["pf_escritorio"], cenario["dmf"], cenario["periodo"]
    no_atraso = date(2030, 2, 25)  # prazo 15/02 + 10 dias: último dia aceito
    assert _form(pf, pf, per, no_atraso).pode_editar
    travado = date(2030, 2, 26)
    f = _form(pf, pf, per, travado)
    assert not f.pode_editar and "travou em 25/02/2030" in f.motivo_bloqueio
    with pytest.raises(AcessoNegado, match="travou"):
        coleta.salvar(pf, "escritorio", pf.escritorio_id, per, _valores(f), hoje=travado, versao_envio=None)
    assert enviar(dmf, pf, per, travado).status == "enviado"


def test_periodo_futuro_nao_aceita_valores(cenario):
    pf, per = cenario["pf_escritorio"], cenario["periodo"]
    antes = date(2029, 12, 31)
    f = _form(pf, pf, per, antes)
    assert not f.pode_editar and "abre em 01/01/2030" in f.motivo_bloqueio


def test_retirar_envio_volta_a_rascunho(cenario):
    pf, pfg, per = cenario["pf_escritorio"], cenario["pf_grupo"], cenario["periodo"]
    e = enviado(pf, per)
    with pytest.raises(AcessoNegado):
        coleta.retirar_envio(pfg, e.id, e.versao)
    assert coleta.retirar_envio(pf, e.id, e.versao).status == "rascunho"
    assert _form(pf, pf, per).pode_editar


def test_fila_do_dmf_e_do_cnmp(cenario):
    pf, dmf, cnmp, per = cenario["pf_escritorio"], cenario["dmf"], cenario["cnmp"], cenario["periodo"]
    r = enviar(pf, pf, per)
    assert r.envio_id in coleta.fila_revisao(dmf, periodo_id=per)["id"].tolist()
    assert r.envio_id not in coleta.fila_revisao(cnmp, periodo_id=per)["id"].tolist()
    e = envio(per, pf)
    coleta.validar(dmf, e.id, e.versao)
    assert coleta.fila_revisao(cnmp, periodo_id=per)["id"].tolist() == [r.envio_id]
    with pytest.raises(AcessoNegado):
        coleta.fila_revisao(pf)
    with pytest.raises(AcessoNegado):
        coleta.fila_revisao(pf, contar=False)


def test_fila_sem_contagens_tem_os_mesmos_envios(cenario):
    """Minhas pendências pede a fila sem as contagens (não lê o histórico): os mesmos envios, na
    mesma ordem e com os mesmos rótulos; só as contagens ficam vazias."""
    pf, dmf, per = cenario["pf_escritorio"], cenario["dmf"], cenario["periodo"]
    enviar(pf, pf, per)
    completa = coleta.fila_revisao(dmf)
    leve = coleta.fila_revisao(dmf, contar=False)
    assert len(completa) >= 1
    iguais = ["id", "Unidade", "UF", "Período", "Situação", "No prazo"]
    assert leve[iguais].equals(completa[iguais])
    assert leve["Regras com falha"].isna().all() and leve["Atípicos"].isna().all()
    assert completa["Regras com falha"].notna().all() and completa["Atípicos"].notna().all()


def test_atipico_aparece_para_o_revisor_sem_bloquear(cenario):
    """O histórico da demonstração dá ao Escritório de Vitória dezenas de pessoas atendidas por mês."""
    pf, dmf, per = cenario["pf_escritorio"], cenario["dmf"], cenario["periodo"]
    r = enviar(pf, pf, per, E01=10, E02=20)
    a = coleta.analise(dmf, r.envio_id)
    textos = dict((c, at.texto) for c, at in a.atipicos)
    assert "E01" in textos
    # o serviço devolve o texto cru do aviso; o ⚠️ é da tela (ui.indicadores.tabela_valores_do_envio)
    linha = a.valores.loc[a.valores["Código"] == "E01"].iloc[0]
    assert linha["Atípico"] == textos["E01"] and linha["efetivo"] == 10 and linha["tipo"] == "contagem"


# --- catálogo e versões -----------------------------------------------------------------------------------


def _dados(ind: Indicador, v: VersaoIndicador, **troca) -> indicadores.DadosIndicador:
    """Os dados do formulário do catálogo como estão gravados: código, alvo e ordem do indicador,
    o resto da versão; `troca` muda campos."""
    do_indicador = ("codigo", "alvo", "ordem")
    base = {c.name: getattr(ind if c.name in do_indicador else v, c.name) for c in fields(indicadores.DadosIndicador)}
    return indicadores.DadosIndicador(**(base | {"desagregacoes": list(v.desagregacoes)} | troca))


def test_mudar_definicao_cria_versao_e_valores_guardam_a_sua(cenario):
    pf, dmf, per = cenario["pf_escritorio"], cenario["dmf"], cenario["periodo"]
    r = enviar(pf, pf, per)
    with sessao() as s:
        ind = s.exec(select(Indicador).where(Indicador.codigo == "E02")).one()
    ind, v1 = indicadores.obter_indicador(dmf, ind.id)
    nova_def = _dados(ind, v1, definicao="Atendimentos individuais e coletivos realizados no mês.")
    with pytest.raises(ErroValidacao, match="motivo da mudança"):
        indicadores.salvar_indicador(dmf, nova_def, ident=ind.id, versao=ind.versao)
    ind2, nova = indicadores.salvar_indicador(
        dmf, nova_def, ident=ind.id, versao=ind.versao, motivo="Inclui atendimentos coletivos (nota técnica 1/2030)."
    )
    assert nova
    _, v2 = indicadores.obter_indicador(dmf, ind.id)
    assert v2.numero == 2 and v2.id != v1.id
    assert [v.numero for v in indicadores.versoes(dmf, ind.id)] == [2, 1]
    with sessao() as s:  # o valor já enviado continua na versão 1
        versoes = set(s.exec(select(ValorIndicador.versao_indicador_id).where(ValorIndicador.envio_id == r.envio_id)))
    assert v1.id in versoes and v2.id not in versoes
    # mudar só a ordem não cria versão
    _, criou = indicadores.salvar_indicador(dmf, _dados(ind2, v2, ordem=99), ident=ind.id, versao=ind2.versao)
    assert not criou
    # com valores informados, o código não muda
    with pytest.raises(ErroValidacao, match="código e o tipo de unidade não podem mudar"):
        indicadores.salvar_indicador(dmf, _dados(ind2, v2, codigo="E99"), ident=ind.id, versao=ind2.versao + 1)


def test_so_dmf_e_admin_alteram_o_catalogo(cenario):
    for quem in ("cnmp", "pf_grupo", "pf_escritorio"):
        with pytest.raises(AcessoNegado):
            indicadores.salvar_indicador(
                cenario[quem], indicadores.DadosIndicador("X01", "grupo", "n", "d", "u", "contagem", "mensal", "b")
            )
        with pytest.raises(AcessoNegado):
            indicadores.gerar_periodos(cenario[quem], "mensal", 2031)
    assert not indicadores.tabela_catalogo(cenario["pf_grupo"]).empty  # consultar, todos os logados consultam
    with pytest.raises(AcessoNegado):
        indicadores.tabela_catalogo(None)


def test_novo_indicador_validado_campo_a_campo(cenario):
    dmf = cenario["dmf"]
    with pytest.raises(ErroValidacao) as e:
        indicadores.salvar_indicador(
            dmf,
            indicadores.DadosIndicador(
                "1X",
                "outro",
                "",
                "d",
                "u",
                "percentual",
                "diaria",
                "z",
                desagregacoes=["sexo"],
                minimo=D(10),
                maximo=D(5),
            ),
        )
    texto = str(e.value)
    for campo in ("código", "unidades que informam", "nome", "periodicidade", "meta", "desagregações", "mínimo"):
        assert f"“{campo}”" in texto
    ind, _ = indicadores.salvar_indicador(
        dmf,
        indicadores.DadosIndicador(
            "E10",
            "escritorio",
            "Pessoas com documentação emitida",
            "Documentos civis emitidos no mês.",
            "pessoas",
            "contagem",
            "mensal",
            "e",
            desagregacoes=["sexo"],
        ),
    )
    f = _form(cenario["pf_escritorio"], cenario["pf_escritorio"], cenario["periodo"])
    assert "E10" in [it.indicador.codigo for it in f.itens]  # entra nos formulários do período


def test_regras_de_validacao_conferem_os_codigos(cenario):
    dmf = cenario["dmf"]
    with pytest.raises(ErroValidacao) as e:
        indicadores.salvar_regra(dmf, indicadores.DadosRegra("x", "escritorio", "E01 + Z99", "<=", "G05"))
    assert "o indicador Z99 não existe" in str(e.value) and "é de Grupos Interinstitucionais" in str(e.value)
    with pytest.raises(ErroValidacao, match="sim/não"):
        indicadores.salvar_regra(dmf, indicadores.DadosRegra("x", "grupo", "G01", "<=", "1"))
    r = indicadores.salvar_regra(
        dmf, indicadores.DadosRegra("Familiares até atendimentos", "escritorio", "e06", "<=", "E02 + 5")
    )
    assert (r.lado_esquerdo, r.lado_direito) == ("E06", "E02 + 5")
    pf, per = cenario["pf_escritorio"], cenario["periodo"]
    with pytest.raises(ErroValidacao, match="Familiares até atendimentos"):
        enviar(pf, pf, per, E06=26)  # 26 > 20 + 5
    with sessao() as s:
        assert s.exec(select(func.count()).select_from(RegraValidacao)).one() >= 7


def test_periodos_validados_e_gerados_sem_duplicar(cenario):
    dmf = cenario["dmf"]
    with pytest.raises(ErroValidacao) as e:
        indicadores.salvar_periodo(
            dmf, indicadores.DadosPeriodo("mensal", 2030, 1, date(2030, 1, 1), date(2030, 1, 20), 10)
        )
    assert "vence antes do fim do período (31/01/2030)" in str(e.value) and "já está cadastrado" not in str(e.value)
    with pytest.raises(ErroValidacao, match="Janeiro/2030 já está cadastrado"):
        indicadores.salvar_periodo(
            dmf, indicadores.DadosPeriodo("mensal", 2030, 1, date(2030, 1, 1), date(2030, 2, 20), 10)
        )
    assert indicadores.gerar_periodos(dmf, "mensal", 2030) == 11  # janeiro já existia
    assert indicadores.gerar_periodos(dmf, "mensal", 2030) == 0
    with sessao() as s:
        fev = s.exec(
            select(PeriodoColeta).where(
                PeriodoColeta.ano == 2030, PeriodoColeta.numero == 2, PeriodoColeta.periodicidade == "mensal"
            )
        ).one()
    assert (fev.inicio, fev.fim, fev.prazo) == (date(2030, 2, 1), date(2030, 2, 28), date(2030, 3, 15))


def test_periodo_com_envios_nao_muda_de_referencia(cenario):
    pf, dmf, per = cenario["pf_escritorio"], cenario["dmf"], cenario["periodo"]
    enviar(pf, pf, per)
    with sessao() as s:
        p = s.get(PeriodoColeta, per)
    with pytest.raises(ErroValidacao, match="já há envios"):
        indicadores.salvar_periodo(
            dmf,
            indicadores.DadosPeriodo("mensal", 2030, 3, date(2030, 3, 1), date(2030, 4, 15), 10),
            ident=per,
            versao=p.versao,
        )
    p2 = indicadores.salvar_periodo(
        dmf,
        indicadores.DadosPeriodo("mensal", 2030, 1, date(2030, 1, 1), date(2030, 2, 20), 5),
        ident=per,
        versao=p.versao,
    )
    assert p2.prazo == date(2030, 2, 20)


@pytest.mark.postgres
def test_fluxo_completo_no_postgres(url_postgres):
    """Do rascunho à aprovação no PostgreSQL, com percentual exato e a fila e o histórico em SQL."""
    from tests.conftest import preparar_banco, usar_banco

    with usar_banco(url_postgres):
        preparar_banco(url_postgres)
        with sessao() as s:
            us = {u.email: u for u in s.exec(select(Usuario))}
        pf, dmf, cnmp = (
            us["pf.escritorio.vitoria@demo.pnat.jus.br"],
            us["dmf@demo.pnat.jus.br"],
            us["cnmp@demo.pnat.jus.br"],
        )
        pfg = us["pf.grupo.pr@demo.pnat.jus.br"]
        per = indicadores.salvar_periodo(
            dmf, indicadores.DadosPeriodo("mensal", 2030, 1, date(2030, 1, 1), date(2030, 2, 15), 10)
        ).id
        r = enviar(pf, pf, per)
        e = envio(per, pf)
        e = coleta.aprovar(cnmp, e.id, coleta.validar(dmf, e.id, e.versao).versao)
        assert e.status == "aprovado"
        assert coleta.analise(dmf, r.envio_id).atipicos  # histórico da demonstração lido no PostgreSQL
        # percentual exato (G13) num trimestre de grupo
        tri = indicadores.salvar_periodo(
            dmf, indicadores.DadosPeriodo("trimestral", 2030, 1, date(2030, 1, 1), date(2030, 4, 15), 10)
        ).id
        f = coleta.formulario(pfg, "grupo", pfg.grupo_id, tri, HOJE)
        g13 = next(it.versao.id for it in f.itens if it.indicador.codigo == "G13")
        coleta.salvar(
            pfg,
            "grupo",
            pfg.grupo_id,
            tri,
            [VI(g13, "", numerador=D("1234.56"), denominador=D("9876.54"))],
            hoje=HOJE,
            versao_envio=None,
        )
        with sessao() as s:
            v = s.exec(
                select(ValorIndicador)
                .where(ValorIndicador.versao_indicador_id == g13)
                .order_by(ValorIndicador.id.desc())
            ).first()
        assert (v.numerador, v.denominador) == (D("1234.56"), D("9876.54"))


def test_valor_de_indicador_desativado_nao_se_perde_ao_regravar(cenario):
    pf, dmf, per = cenario["pf_escritorio"], cenario["dmf"], cenario["periodo"]
    f = _form(pf, pf, per)
    coleta.salvar(pf, "escritorio", pf.escritorio_id, per, _valores(f), hoje=HOJE, versao_envio=None)
    e08 = next(it.indicador for it in f.itens if it.indicador.codigo == "E08")
    indicadores.definir_ativo(dmf, e08.id, e08.versao, False)
    f = _form(pf, pf, per)  # E08 ainda aparece (valor gravado), mas sai do que o formulário envia
    vals = [
        v
        for v in _valores(f)
        if v.versao_indicador_id != next(it.versao.id for it in f.itens if it.indicador.codigo == "E08")
    ]
    coleta.salvar(pf, "escritorio", pf.escritorio_id, per, vals, hoje=HOJE, versao_envio=f.envio.versao, enviar=True)
    with sessao() as s:
        codigos = set(
            s.exec(
                select(Indicador.codigo)
                .join(VersaoIndicador, VersaoIndicador.indicador_id == Indicador.id)
                .join(ValorIndicador, ValorIndicador.versao_indicador_id == VersaoIndicador.id)
                .where(ValorIndicador.envio_id == f.envio.id)
            )
        )
    assert "E08" in codigos


def test_envio_retirado_deixa_de_contar_como_recebido(cenario):
    pf, per = cenario["pf_escritorio"], cenario["periodo"]
    e = enviado(pf, per)
    assert e.primeiro_envio_em is not None
    e = coleta.retirar_envio(pf, e.id, e.versao)
    assert e.primeiro_envio_em is None and e.enviado_em is None
    assert enviar(pf, pf, per).status == "enviado"
    assert envio(per, pf).primeiro_envio_em is not None


def _periodos(*linhas):
    """Uma tabela como a de `periodos_da_unidade` (mais recentes primeiro): (id, prazo, situação do
    período, situação do envio)."""
    return pd.DataFrame(
        [
            {
                "id": i,
                "Período": f"P{i}",
                "Prazo": prazo,
                "Período de coleta": SITUACOES_PERIODO[situacao],
                "Situação do envio": envio,
                "Comentário da revisão": "",
            }
            for i, prazo, situacao, envio in linhas
        ]
    )


def test_periodo_sugerido_e_o_proximo_a_enviar_que_ainda_se_pode_gravar():
    # 04/12: dezembro acabou de abrir (vence em 15/01), novembro vence em 15/12, outubro já foi
    # validado e março nunca foi enviado, mas está travado para o ponto focal
    periodos = _periodos(
        (12, date(2027, 1, 15), "aberto", None),
        (11, date(2026, 12, 15), "aberto", "rascunho"),
        (10, date(2026, 11, 15), "em_atraso", "validado"),
        (3, date(2026, 4, 15), "travado", None),
    )
    assert coleta.periodo_sugerido(periodos) == 11
    # devolvido para correção também é a enviar; com o prazo mais próximo, vem primeiro
    periodos.loc[periodos["id"] == 10, "Situação do envio"] = "devolvido"
    assert coleta.periodo_sugerido(periodos) == 10
    # tudo enviado (ou só o travado por enviar): o mais recente
    tudo_enviado = _periodos(
        (12, date(2027, 1, 15), "aberto", "enviado"),
        (3, date(2026, 4, 15), "travado", None),
    )
    assert coleta.periodo_sugerido(tudo_enviado) == 12
    assert coleta.periodo_sugerido(_periodos()) is None
