"""Serviços do Plano de Trabalho (dominio/plano/servicos.py) e da comunicação
(dominio/plano/comunicacao.py) num banco real: quem lê, quem grava e quem comenta (conferido no
serviço), validação em pt-BR sem gravar nada, trava otimista, histórico, progresso das
metas, ano consecutivo do plano, obrigações e evidências, vigência e Cláusula 12ª, alertas,
ações de comunicação e publicações — e uma volta completa no PostgreSQL.

Os dados de demonstração dependem da data em que foram carregados; por isso os testes leem
deles só o que é estável (ou calculam o esperado a partir do próprio banco) e passam sempre
uma data de hoje fixa aos serviços."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from sqlmodel import select

from core import relogio
from core.banco import sessao
from core.erros import AcessoNegado, ConflitoEdicao, ErroValidacao, NaoEncontrado
from dominio.plano import comunicacao
from dominio.plano import servicos as plano
from dominio.plano.regras import somar_meses
from dominio.usuarios import trilha
from models.plano import (
    AcaoComunicacao,
    Anexo,
    AtividadeCronograma,
    AtividadeMeta,
    ComentarioPlano,
    Evidencia,
    Meta,
    Obrigacao,
    PlanoAnual,
    Publicacao,
    PublicacaoAtividade,
    PublicacaoMeta,
    ResponsavelAcompanhamento,
    TermoAditivo,
)
from models.usuarios import RegistroAuditoria, Usuario
from tests.apoio.banco import contar
from tests.apoio.erros import problemas_por_campo
from ui.historico import tabela_historico

# Data fixa para os serviços. Os dados de demonstração têm no máximo 4 anos do plano (o último
# começa até 01/11/2026), de modo que em HOJE todos os anos da demonstração já começaram.
HOJE = date(2026, 11, 25)
LINK = "https://www.cnj.jus.br/sistema-carcerario/"
PDF = b"%PDF-1.4\n%teste\n"


def historico_legivel(ator, atividade_id: int):
    """O histórico da atividade como a tela o mostra (serviço com valores crus + ui.historico)."""
    crus = plano.historico_atividade(ator, atividade_id)
    return tabela_historico(crus, trilha.referencias(crus))


# --- utilidades -------------------------------------------------------------------------------


def total_trilha() -> int:
    """Toda gravação pela sessão deixa registro na trilha: se o total não muda, nada foi gravado."""
    return contar(RegistroAuditoria)


def plano_ano(ano: int) -> PlanoAnual:
    with sessao() as s:
        return s.exec(select(PlanoAnual).where(PlanoAnual.ano == ano)).one()


def ultimo_plano() -> PlanoAnual:
    with sessao() as s:
        return s.exec(select(PlanoAnual).order_by(PlanoAnual.ano.desc())).first()


def atividade(plano_id: int, ordem: int) -> AtividadeCronograma:
    with sessao() as s:
        return s.exec(
            select(AtividadeCronograma).where(
                AtividadeCronograma.plano_id == plano_id, AtividadeCronograma.ordem == ordem
            )
        ).one()


def letras_da_atividade(atividade_id: int) -> list[str]:
    with sessao() as s:
        return sorted(s.exec(select(Meta.letra).join(AtividadeMeta).where(AtividadeMeta.atividade_id == atividade_id)))


def dados(a: AtividadeCronograma, **kw) -> plano.DadosAtividade:
    base = dict(
        meses_previstos=list(a.meses_previstos),
        meses_executados=list(a.meses_executados),
        status=a.status,
        percentual=a.percentual,
        metas=letras_da_atividade(a.id),
        observacoes=a.observacoes,
    )
    base.update(kw)
    return plano.DadosAtividade(**base)


def definir(ator, plano_id: int, ordem: int, *, hoje: date = HOJE, **kw) -> AtividadeCronograma:
    a = atividade(plano_id, ordem)
    return plano.salvar_atividade(ator, a.id, a.versao, dados(a, **kw), hoje=hoje)


def linha_do_cronograma(ator, plano_id: int, atividade_id: int) -> pd.Series:
    """A linha da atividade na tabela do cronograma em HOJE, como a tela a mostra."""
    return plano.tabela_cronograma(ator, plano_id, HOJE).set_index("id").loc[atividade_id]


def obrigacao(clausula: int, alinea: str) -> Obrigacao:
    with sessao() as s:
        return s.exec(select(Obrigacao).where(Obrigacao.clausula == clausula, Obrigacao.alinea == alinea)).one()


def obrigacao_sem_evidencia() -> Obrigacao:
    with sessao() as s:
        tem = select(Evidencia.id).where(Evidencia.obrigacao_id == Obrigacao.id).exists()
        return s.exec(select(Obrigacao).where(~tem).order_by(Obrigacao.clausula, Obrigacao.alinea)).first()


def acao_nova(**kw) -> comunicacao.DadosAcao:
    base = dict(
        tipo="webinario",
        titulo="Webinário de teste sobre a PNAT",
        data=date(2026, 3, 10),
        publico_magistrados=10,
        publico_membros_mp=5,
        publico_servidores=0,
        publico_outros=0,
        ufs=["AP"],
        metas=["a"],
    )
    base.update(kw)
    return comunicacao.DadosAcao(**base)


def publicacao_nova(**kw) -> comunicacao.DadosPublicacao:
    base = dict(
        tipo="nota_tecnica",
        numero="9/2026",
        titulo="Nota técnica de teste",
        data=date(2026, 6, 1),
        link="https://www.cnj.jus.br/nota-9-2026",
        metas=["c"],
    )
    base.update(kw)
    return comunicacao.DadosPublicacao(**base)


def fim_atual() -> date:
    with sessao() as s:
        return plano._situacao_vigencia(s, HOJE).fim_atual


# --- acesso -----------------------------------------------------------------------------------

LEITURAS = {
    "tabela_cronograma": lambda ator: plano.tabela_cronograma(ator, plano_ano(1).id, HOJE),
    "tabela_metas": lambda ator: plano.tabela_metas(ator, None),
    "tabela_obrigacoes": lambda ator: plano.tabela_obrigacoes(ator),
    "situacao_vigencia": lambda ator: plano.situacao_vigencia(ator, HOJE),
    "tabela_acoes": lambda ator: comunicacao.tabela_acoes(ator),
    "alertas": lambda ator: plano.alertas(ator, HOJE),
    "alcance_por_uf": lambda ator: comunicacao.alcance_por_uf(ator, HOJE),
}


@pytest.mark.parametrize("perfil", ["pf_grupo", "pf_escritorio", None])
@pytest.mark.parametrize("leitura", sorted(LEITURAS))
def test_pontos_focais_e_visitantes_nao_leem_o_plano(perfil, leitura, demo_usuarios):
    ator = demo_usuarios[perfil] if perfil else None
    esperado = "É preciso entrar no sistema" if perfil is None else "não pode consultar o Plano de Trabalho"
    with pytest.raises(AcessoNegado, match=esperado):
        LEITURAS[leitura](ator)


@pytest.mark.parametrize("perfil", ["cnmp", "dmf", "admin"])
def test_cnmp_dmf_e_admin_leem_o_plano(perfil, demo_usuarios):
    ator = demo_usuarios[perfil]
    assert len(LEITURAS["tabela_cronograma"](ator)) == 10
    assert list(LEITURAS["tabela_metas"](ator)["Meta"]) == list("abcdef")
    assert len(LEITURAS["tabela_obrigacoes"](ator)) == 21  # Cláusulas 3ª (8), 4ª (7) e 5ª (6)
    assert LEITURAS["situacao_vigencia"](ator).numero == "22/2023"
    assert len(LEITURAS["tabela_acoes"](ator)) > 0
    assert len(LEITURAS["alcance_por_uf"](ator)) == 27


def _escritas(ator, u) -> dict:
    """Cada gravação com dados válidos: só o perfil pode impedi-la."""
    p1 = plano_ano(1)
    a = atividade(p1.id, 2)
    ob = obrigacao_sem_evidencia()
    acao_id = int(comunicacao.tabela_acoes(u["dmf"])["id"].iloc[0])
    acao = comunicacao.obter_acao(u["dmf"], acao_id)[0]
    pub = comunicacao.obter_publicacao(u["dmf"], int(comunicacao.tabela_publicacoes(u["dmf"])["id"].iloc[0]))[0]
    return {
        "salvar_atividade": lambda: plano.salvar_atividade(
            ator, a.id, a.versao, dados(a, observacoes="por quem não pode"), hoje=HOJE
        ),
        "salvar_obrigacao": lambda: plano.salvar_obrigacao(ator, ob.id, ob.versao, status="em_andamento"),
        "incluir_evidencia": lambda: plano.incluir_evidencia(
            ator, alvo="obrigacao", alvo_id=ob.id, descricao="Ata", data=date(2026, 1, 5), link=LINK, hoje=HOJE
        ),
        "salvar_termo": lambda: plano.salvar_termo(
            ator, plano.DadosTermo("7/2026", date(2026, 1, 5), None, True, "Ajusta o cronograma"), hoje=HOJE
        ),
        "salvar_responsavel": lambda: plano.salvar_responsavel(
            ator,
            plano.DadosResponsavel("cnmp", "Fulana de Tal", "Promotora", "Portaria 1/2026", date(2026, 1, 5)),
            hoje=HOJE,
        ),
        "criar_proximo_ano": lambda: plano.criar_proximo_ano(ator),
        "salvar_acao": lambda: comunicacao.salvar_acao(ator, acao_nova()),
        "salvar_publicacao": lambda: comunicacao.salvar_publicacao(ator, publicacao_nova(), hoje=HOJE),
        "excluir_acao": lambda: comunicacao.excluir_acao(ator, acao.id, acao.versao),
        "alterar_publicacao": lambda: comunicacao.salvar_publicacao(
            ator, publicacao_nova(numero="77/2026"), hoje=HOJE, ident=pub.id, versao=pub.versao
        ),
        "excluir_publicacao": lambda: comunicacao.excluir_publicacao(  # a versão depois da alteração acima
            ator, pub.id, comunicacao.obter_publicacao(u["dmf"], pub.id)[0].versao
        ),
    }


ESCRITAS = [
    "salvar_atividade",
    "salvar_obrigacao",
    "incluir_evidencia",
    "salvar_termo",
    "salvar_responsavel",
    "criar_proximo_ano",
    "salvar_acao",
    "salvar_publicacao",
    "excluir_acao",
    "alterar_publicacao",
    "excluir_publicacao",
]
TABELAS = [
    PlanoAnual,
    AtividadeCronograma,
    AtividadeMeta,
    Obrigacao,
    Evidencia,
    TermoAditivo,
    ResponsavelAcompanhamento,
    AcaoComunicacao,
    Publicacao,
    Anexo,
]


@pytest.mark.parametrize("perfil", ["cnmp", "pf_grupo", None])
def test_quem_nao_edita_nao_grava_nada_nem_chamando_o_servico(perfil, demo_usuarios, banco_limpo):
    ator = demo_usuarios[perfil] if perfil else None
    escritas = _escritas(ator, demo_usuarios)
    assert sorted(escritas) == sorted(ESCRITAS)
    antes = (total_trilha(), [contar(t) for t in TABELAS])
    versao_atividade = atividade(plano_ano(1).id, 2).versao
    for nome in ESCRITAS:
        with pytest.raises(AcessoNegado) as exc:
            escritas[nome]()
        if perfil == "cnmp":
            assert "“Comissão CNMP” não pode alterar o Plano de Trabalho" in str(exc.value), nome
    assert (total_trilha(), [contar(t) for t in TABELAS]) == antes
    assert atividade(plano_ano(1).id, 2).versao == versao_atividade


def test_as_mesmas_escritas_funcionam_para_o_dmf(demo_usuarios, banco_limpo):
    """Controle do teste anterior: os dados usados são válidos, a recusa vinha só do perfil."""
    escritas = _escritas(demo_usuarios["dmf"], demo_usuarios)
    antes = total_trilha()
    for nome in ESCRITAS:
        escritas[nome]()
    assert total_trilha() > antes
    assert contar(AcaoComunicacao) >= 1


def test_cnmp_comenta_e_o_comentario_aparece(demo_usuarios, banco_limpo):
    cnmp = demo_usuarios["cnmp"]
    meta_b = int(plano.tabela_metas(cnmp, None).set_index("Meta").loc["b", "id"])
    c = plano.comentar(cnmp, alvo="meta", alvo_id=meta_b, texto="  A Comissão sugere incluir o indicador de cotas.  ")
    lista = plano.comentarios(cnmp, alvo="meta", alvo_id=meta_b)
    assert [x.id for x in lista][-1] == c.id
    ultimo = lista[-1]
    assert ultimo.texto == "A Comissão sugere incluir o indicador de cotas."
    assert (ultimo.autor_id, ultimo.autor_papel) == (cnmp.id, "cnmp")
    assert plano.rotulo_autor(ultimo).startswith(f"{cnmp.nome} (Comissão CNMP) — ")
    # o DMF vê o mesmo comentário
    assert c.id in [x.id for x in plano.comentarios(demo_usuarios["dmf"], alvo="meta", alvo_id=meta_b)]


def test_comentario_vazio_ou_longo_e_recusado(demo_usuarios, banco_limpo):
    cnmp = demo_usuarios["cnmp"]
    ob = obrigacao(5, "a")
    antes = contar(ComentarioPlano)
    with pytest.raises(ErroValidacao, match="escreva o comentário"):
        plano.comentar(cnmp, alvo="obrigacao", alvo_id=ob.id, texto="   ")
    with pytest.raises(ErroValidacao, match="o comentário tem 3001 caracteres; o limite é 3.000"):
        plano.comentar(cnmp, alvo="obrigacao", alvo_id=ob.id, texto="x" * 3001)
    assert contar(ComentarioPlano) == antes


@pytest.mark.parametrize("perfil", ["pf_grupo", "pf_escritorio", None])
def test_pontos_focais_e_visitantes_nao_comentam(perfil, demo_usuarios, banco_limpo):
    ator = demo_usuarios[perfil] if perfil else None
    antes = contar(ComentarioPlano)
    with pytest.raises(AcessoNegado):
        plano.comentar(ator, alvo="obrigacao", alvo_id=obrigacao(5, "a").id, texto="Comentário indevido")
    assert contar(ComentarioPlano) == antes


# --- cronograma: validação, gravação, histórico -----------------------------------------------


@pytest.mark.parametrize(
    ("mudanca", "campo", "trecho"),
    [
        (dict(meses_previstos=[0, 2, 13]), "meses previstos", "use meses de 1 a 12 (recebido: 0, 13)"),
        (dict(meses_executados=[2, 14]), "meses executados", "use meses de 1 a 12 (recebido: 14)"),
        # hoje = 15/01/2024 (Mês 3 do ano 1): o Mês 4 (02/2024) ainda não começou
        (
            dict(status="em_andamento", percentual=50, meses_executados=[2, 3, 4]),
            "meses executados",
            "o Mês 4 (02/2024) ainda não começou",
        ),
        (
            dict(status="concluida", percentual=90, meses_executados=[2, 3]),
            "% executado",
            "atividade concluída tem 100% executado",
        ),
        (
            dict(status="em_andamento", percentual=100, meses_executados=[2, 3]),
            "situação",
            "com 100% executado, marque a atividade como concluída",
        ),
        (
            dict(status="nao_iniciada", percentual=0, meses_executados=[2]),
            "situação",
            "atividade não iniciada não tem meses executados nem percentual",
        ),
        (
            dict(status="nao_iniciada", percentual=10, meses_executados=[]),
            "situação",
            "atividade não iniciada não tem meses executados nem percentual",
        ),
        (
            dict(status="concluida", percentual=100, meses_executados=[]),
            "meses executados",
            "informe em que meses a atividade concluída foi executada",
        ),
        (dict(percentual=101), "% executado", "informe um número inteiro de 0 a 100"),
        (dict(status="suspensa"), "situação", "“suspensa” não é válida"),
        (dict(metas=["b", "z"]), "metas", "meta(s) inexistente(s): z"),
    ],
)
def test_salvar_atividade_valida_campo_a_campo_sem_gravar(mudanca, campo, trecho, demo_usuarios, banco_limpo):
    """Plano de Trabalho, item 6: meses de 1 a 12, executados só em meses já começados,
    situação coerente com o percentual; mensagens por campo, em pt-BR; nada gravado."""
    a = atividade(plano_ano(1).id, 2)
    antes = (total_trilha(), contar(AtividadeMeta))
    with pytest.raises(ErroValidacao) as exc:
        plano.salvar_atividade(demo_usuarios["dmf"], a.id, a.versao, dados(a, **mudanca), hoje=date(2024, 1, 15))
    assert any(trecho in m for m in problemas_por_campo(exc).get(campo, [])), problemas_por_campo(exc)
    assert f"Campo “{campo}”" in str(exc.value)
    depois = atividade(plano_ano(1).id, 2)
    assert (depois.versao, depois.status, depois.percentual, depois.meses_executados) == (
        a.versao,
        a.status,
        a.percentual,
        a.meses_executados,
    )
    assert (total_trilha(), contar(AtividadeMeta)) == antes


def test_mes_executado_aceito_no_primeiro_dia_do_mes(demo_usuarios, banco_limpo):
    """Plano de Trabalho, item 6: o Mês 4 do ano 1 (02/2024) pode ser marcado como executado
    a partir de 01/02/2024, não antes."""
    a = atividade(plano_ano(1).id, 2)
    d = dados(a, status="em_andamento", percentual=60, meses_executados=[2, 3, 4])
    with pytest.raises(ErroValidacao):
        plano.salvar_atividade(demo_usuarios["dmf"], a.id, a.versao, d, hoje=date(2024, 1, 31))
    salvo = plano.salvar_atividade(demo_usuarios["dmf"], a.id, a.versao, d, hoje=date(2024, 2, 1))
    assert salvo.meses_executados == [2, 3, 4]


def test_salvar_atividade_grava_metas_versao_e_historico(demo_usuarios, banco_limpo):
    dmf = demo_usuarios["dmf"]
    p1 = plano_ano(1)
    a = atividade(p1.id, 2)
    assert letras_da_atividade(a.id) == ["b"]

    # 1) volta a atividade para "não iniciada"
    a1 = plano.salvar_atividade(
        dmf, a.id, a.versao, dados(a, status="nao_iniciada", percentual=0, meses_executados=[], metas=["b"]), hoje=HOJE
    )
    assert a1.versao == a.versao + 1
    # 2) e a põe em andamento, com outros meses e outras metas
    a2 = definir(
        dmf,
        p1.id,
        2,
        meses_previstos=[5, 2, 3, 3],
        meses_executados=[3, 2],
        status="em_andamento",
        percentual=40,
        metas=["c", "d"],
        observacoes="  Reprogramada na reunião de janeiro.  ",
    )
    assert a2.versao == a.versao + 2
    lida = atividade(p1.id, 2)
    assert (lida.meses_previstos, lida.meses_executados, lida.status, lida.percentual, lida.observacoes) == (
        [2, 3, 5],
        [2, 3],
        "em_andamento",
        40,
        "Reprogramada na reunião de janeiro.",
    )
    assert letras_da_atividade(a.id) == ["c", "d"]
    assert plano.metas_da_atividade(dmf, a.id) == ["c", "d"]

    linha = linha_do_cronograma(dmf, p1.id, a.id)
    assert (linha["Meses previstos"], linha["Meses executados"], linha["Situação"], linha["Metas"]) == (
        "2–3, 5",
        "2–3",
        "Em andamento",
        "c, d",
    )
    assert linha["_previstos"] == [2, 3, 5]
    # o último mês previsto (Mês 5 do ano 1 = 03/2024) já passou em HOJE: atrasada
    assert (linha["Atrasada"], linha["_atrasada"]) == ("Sim", True)
    assert linha["Motivo do atraso"] == "o último mês previsto (Mês 5, até 31/03/2024) terminou sem conclusão"

    h = historico_legivel(demo_usuarios["cnmp"], a.id)
    assert list(h.columns) == ["Quando", "Quem", "Ação", "O que mudou"]
    recente, anterior = h.iloc[0], h.iloc[1]
    assert (recente["Quem"], recente["Ação"]) == (demo_usuarios["dmf"].nome, "Alteração")
    assert "Situação: Não iniciada → Em andamento" in recente["O que mudou"]
    assert "% executado: 0 → 40" in recente["O que mudou"]
    assert "Meses previstos: 2–5 → 2–3, 5" in recente["O que mudou"]
    assert "Meses executados: — → 2–3" in recente["O que mudou"]
    assert "Observações: — → Reprogramada na reunião de janeiro." in recente["O que mudou"]
    assert "versao" not in recente["O que mudou"]
    assert "Situação: Concluída → Não iniciada" in anterior["O que mudou"]
    assert h.iloc[-1]["Ação"] == "Inclusão"


def test_salvar_atividade_com_versao_antiga_e_conflito(demo_usuarios, banco_limpo):
    dmf = demo_usuarios["dmf"]
    a = atividade(plano_ano(1).id, 3)
    plano.salvar_atividade(dmf, a.id, a.versao, dados(a, observacoes="primeira pessoa"), hoje=HOJE)
    antes = total_trilha()
    with pytest.raises(ConflitoEdicao, match="foi alterado\\(a\\) por outra pessoa"):
        plano.salvar_atividade(dmf, a.id, a.versao, dados(a, observacoes="segunda pessoa"), hoje=HOJE)
    assert atividade(plano_ano(1).id, 3).observacoes == "primeira pessoa"
    assert total_trilha() == antes


def test_mudar_so_as_metas_tambem_sobe_a_versao(demo_usuarios, banco_limpo):
    """Duas pessoas abrem a mesma atividade; a primeira muda só as metas vinculadas. A segunda,
    com a versão antiga, recebe conflito em vez de desfazer em silêncio a mudança da primeira."""
    dmf = demo_usuarios["dmf"]
    a = atividade(plano_ano(1).id, 3)
    assert letras_da_atividade(a.id) == ["c"]
    h_antes = len(historico_legivel(dmf, a.id))
    salvo = plano.salvar_atividade(dmf, a.id, a.versao, dados(a, metas=["b", "c"]), hoje=HOJE)
    assert salvo.versao == a.versao + 1
    assert letras_da_atividade(a.id) == ["b", "c"]
    with pytest.raises(ConflitoEdicao):
        plano.salvar_atividade(dmf, a.id, a.versao, dados(a, metas=["c", "d"]), hoje=HOJE)
    assert letras_da_atividade(a.id) == ["b", "c"]
    # o histórico não ganha linha vazia só porque a versão subiu
    h = historico_legivel(dmf, a.id)
    assert len(h) == h_antes and (h["O que mudou"] != "").all()
    # salvar sem mudar nada não sobe a versão
    igual = plano.salvar_atividade(dmf, a.id, salvo.versao, dados(atividade(plano_ano(1).id, 3)), hoje=HOJE)
    assert igual.versao == salvo.versao


# --- metas e progresso ------------------------------------------------------------------------


def test_progresso_da_meta_e_a_media_das_atividades_do_ano(demo_usuarios, banco_limpo):
    """Plano de Trabalho, item 4: progresso = média do % das atividades vinculadas no ano
    escolhido, sem as canceladas. No ano 1, a meta b tem as atividades 2 e 5; a d, as 5 e 10."""
    dmf = demo_usuarios["dmf"]
    p1 = plano_ano(1)
    definir(dmf, p1.id, 2, status="em_andamento", percentual=40, meses_executados=[2])
    definir(dmf, p1.id, 5, status="em_andamento", percentual=75, meses_executados=[6])
    definir(dmf, p1.id, 10, status="cancelada", percentual=30, meses_executados=[6])

    metas = plano.tabela_metas(dmf, p1.id).set_index("Meta")
    assert metas.loc["b", "Progresso (%)"] == 57.5  # (40 + 75) / 2
    assert metas.loc["d", "Progresso (%)"] == 75.0  # a 10 foi cancelada e não conta
    assert (metas.loc["b", "Atividades"], metas.loc["b", "Atividades concluídas"]) == (2, 0)
    assert metas.loc["d", "Atividades"] == 2

    comp = plano.composicao_meta(dmf, "d", p1.id)
    assert list(comp.atividades["Nº"]) == [5, 10]
    assert list(comp.atividades["% executado"]) == [75, 30]
    assert list(comp.atividades["Situação"]) == ["Em andamento", "Cancelada"]
    assert list(comp.atividades["Conta no progresso"]) == ["Sim", "Não"]
    assert set(comp.atividades["Ano"]) == {1}

    # sem filtro de ano, entram as atividades de todos os anos
    todos = plano.composicao_meta(dmf, "b", None).atividades
    assert len(todos) == 2 * len(plano.listar_planos(dmf))


def test_meta_sem_atividades_que_contem_fica_sem_progresso(demo_usuarios, banco_limpo):
    """Plano de Trabalho, item 4: a meta cujas atividades do ano estão todas canceladas não
    tem progresso (vazio, e não 0%)."""
    dmf = demo_usuarios["dmf"]
    p1 = plano_ano(1)
    definir(dmf, p1.id, 3, status="cancelada", percentual=0, meses_executados=[])  # única atividade da meta c
    metas = plano.tabela_metas(dmf, p1.id).set_index("Meta")
    assert pd.isna(metas.loc["c", "Progresso (%)"])
    assert metas.loc["c", "Atividades"] == 1


# --- ano consecutivo do plano -----------------------------------------------------------------


def test_criar_proximo_ano_copia_o_planejamento_sem_execucao(demo_usuarios, banco_limpo):
    """Plano de Trabalho, item 6 ("Planejamento para o ano consecutivo da cooperação"): o ano
    seguinte começa 12 meses depois do último e copia atividades (menos as canceladas), meses
    previstos e metas, sem nada executado."""
    dmf = demo_usuarios["dmf"]
    ultimo = ultimo_plano()
    cancelada = definir(dmf, ultimo.id, 9, status="cancelada", percentual=0, meses_executados=[], hoje=HOJE)
    # os meses executados da demonstração são relativos à data real: conferidos com ela
    definir(dmf, ultimo.id, 2, meses_previstos=[1, 7, 8], hoje=relogio.hoje())
    origem = {a.ordem: a for a in plano.atividades(dmf, ultimo.id)}

    novo = plano.criar_proximo_ano(dmf)
    assert novo.ano == ultimo.ano + 1
    assert novo.inicio == somar_meses(ultimo.inicio, 12)
    assert novo.inicio.day == 1 and novo.inicio.month == ultimo.inicio.month
    assert novo.copiado_de_id == ultimo.id
    assert [p.ano for p in plano.listar_planos(dmf)][-1] == novo.ano
    assert plano.rotulo_plano(novo) == f"Ano {novo.ano} ({novo.inicio:%m/%Y} a {somar_meses(novo.inicio, 11):%m/%Y})"

    copias = {a.ordem: a for a in plano.atividades(dmf, novo.id)}
    assert sorted(copias) == sorted(o for o, a in origem.items() if a.status != "cancelada")
    assert cancelada.ordem not in copias
    for ordem, c in copias.items():
        o = origem[ordem]
        assert (c.nome, c.etapa_id, c.meses_previstos) == (o.nome, o.etapa_id, o.meses_previstos)
        assert (c.meses_executados, c.status, c.percentual) == ([], "nao_iniciada", 0)
        assert letras_da_atividade(c.id) == letras_da_atividade(o.id)
    assert copias[2].meses_previstos == [1, 7, 8]
    assert letras_da_atividade(copias[5].id) == ["b", "d"]

    # o ano novo já aparece no cronograma, com prazos contados a partir do seu início
    tab = plano.tabela_cronograma(dmf, novo.id, novo.inicio - timedelta(days=1))
    assert len(tab) == len(copias) and set(tab["Situação"]) == {"Não iniciada"}
    assert set(tab["Atrasada"]) == {"Não"}
    # no primeiro dia do Mês 1, atrasam só as que previam o Mês 1 e seguem não iniciadas
    tab = plano.tabela_cronograma(dmf, novo.id, novo.inicio).set_index("Nº")
    assert set(tab.index[tab["_atrasada"]]) == {o for o, c in copias.items() if 1 in c.meses_previstos}
    assert tab.loc[2, "Atrasada"] == "Sim"
    assert tab.loc[2, "Motivo do atraso"] == f"deveria ter começado no Mês 1 ({novo.inicio:%m/%Y}) e não foi iniciada"


def test_ano_corrente(demo_usuarios):
    planos = plano.listar_planos(demo_usuarios["dmf"])
    assert plano.ano_corrente(planos, date(2024, 10, 31)).ano == 1
    assert plano.ano_corrente(planos, date(2024, 11, 1)).ano == 2
    assert plano.ano_corrente(planos, date(2020, 1, 1)).ano == 1  # antes de tudo: o primeiro
    assert plano.ano_corrente(planos, date(2099, 1, 1)).ano == planos[-1].ano  # depois: o último
    assert plano.ano_corrente([], HOJE) is None


# --- obrigações e evidências ------------------------------------------------------------------


def test_obrigacao_cumprida_exige_evidencia(demo_usuarios, banco_limpo):
    """Cláusulas 3ª a 5ª: a obrigação só se marca como cumprida com evidência."""
    dmf = demo_usuarios["dmf"]
    ob = obrigacao(3, "c")
    assert ob.status == "em_andamento"
    with pytest.raises(ErroValidacao, match="para marcar a obrigação como cumprida, inclua antes uma evidência"):
        plano.salvar_obrigacao(dmf, ob.id, ob.versao, status="cumprida")
    assert obrigacao(3, "c").status == "em_andamento"

    e = plano.incluir_evidencia(
        dmf,
        alvo="obrigacao",
        alvo_id=ob.id,
        descricao="  Ata da 3ª reunião  ",
        data=date(2026, 5, 4),
        link=f" {LINK} ",
        hoje=HOJE,
    )
    assert (e.link, e.descricao, e.incluido_por, e.obrigacao_id, e.atividade_id) == (
        LINK,
        "Ata da 3ª reunião",
        "dmf@demo.pnat.jus.br",
        ob.id,
        None,
    )
    o = plano.salvar_obrigacao(dmf, ob.id, ob.versao, status="cumprida", observacoes=" ok ")
    assert (o.status, o.observacoes, o.versao) == ("cumprida", "ok", ob.versao + 1)
    linha = plano.tabela_obrigacoes(dmf).set_index("id").loc[ob.id]
    assert (linha["Situação"], linha["Evidências"], linha["Cláusula"], linha["Responsável"]) == (
        "Cumprida",
        1,
        "3ª (comuns)",
        "CNJ e CNMP",
    )
    with pytest.raises(ErroValidacao, match="“feita” não é válida"):
        plano.salvar_obrigacao(dmf, ob.id, o.versao, status="feita")


@pytest.mark.parametrize(
    ("kw", "campo", "trecho"),
    [
        (dict(), "link ou arquivo", "informe um link ou envie um arquivo"),
        (dict(link="www.cnj.jus.br/relatorio"), "link", "não é um endereço http(s) válido"),
        (dict(link="ftp://cnj.jus.br/x.pdf"), "link", "não é um endereço http(s) válido"),
        (
            dict(arquivo=plano.ArquivoEnviado("grande.pdf", b"0" * (10 * 1024 * 1024 + 1))),
            "arquivo",
            "“grande.pdf” tem 10,01 MB, acima do limite de 10 MB",
        ),
        (dict(arquivo=plano.ArquivoEnviado("programa.exe", b"MZ")), "arquivo", "tipo de arquivo “.exe” não aceito"),
        (dict(arquivo=plano.ArquivoEnviado("semextensao", b"abc")), "arquivo", "“semextensao” não aceito"),
        (dict(arquivo=plano.ArquivoEnviado("vazio.pdf", b"")), "arquivo", "“vazio.pdf” está vazio"),
        (dict(link=LINK, data=date(2026, 11, 26)), "data", "a data 26/11/2026 está no futuro"),
        (dict(link=LINK, data=None), "data", "informe a data"),
        (dict(link=LINK, descricao="  "), "descrição", "descreva a evidência"),
    ],
)
def test_evidencia_recusada(kw, campo, trecho, demo_usuarios, banco_limpo):
    ob = obrigacao_sem_evidencia()
    base = dict(alvo="obrigacao", alvo_id=ob.id, descricao="Ofício enviado", data=date(2026, 11, 25), hoje=HOJE)
    base.update(kw)
    antes = (contar(Evidencia), contar(Anexo), total_trilha())
    with pytest.raises(ErroValidacao) as exc:
        plano.incluir_evidencia(demo_usuarios["dmf"], **base)
    assert any(trecho in m for m in problemas_por_campo(exc).get(campo, [])), problemas_por_campo(exc)
    assert (contar(Evidencia), contar(Anexo), total_trilha()) == antes


def test_arquivo_de_exatamente_10_mb_e_aceito(demo_usuarios, banco_limpo):
    a = atividade(plano_ano(1).id, 1)
    e = plano.incluir_evidencia(
        demo_usuarios["dmf"],
        alvo="atividade",
        alvo_id=a.id,
        descricao="Planilha",
        data=HOJE,
        arquivo=plano.ArquivoEnviado("dados.CSV", b"1" * (10 * 1024 * 1024)),
        hoje=HOJE,
    )
    assert e.anexo_id is not None and e.link is None


def test_evidencia_em_arquivo_fica_no_banco_e_so_quem_ve_o_plano_baixa(demo_usuarios, banco_limpo):
    dmf = demo_usuarios["dmf"]
    a = atividade(plano_ano(1).id, 1)
    e = plano.incluir_evidencia(
        dmf,
        alvo="atividade",
        alvo_id=a.id,
        descricao="Lista de presença",
        data=date(2024, 1, 10),
        arquivo=plano.ArquivoEnviado("C:\\docs\\lista.pdf", PDF),
        hoje=HOJE,
    )
    lista = plano.evidencias(dmf, alvo="atividade", alvo_id=a.id)
    assert (e.id, "lista.pdf") in [(x.id, nome) for x, nome in lista]
    for perfil in ("dmf", "cnmp", "admin"):
        anexo = plano.obter_anexo(demo_usuarios[perfil], e.anexo_id)
        assert (anexo.conteudo, anexo.nome_arquivo, anexo.tipo_mime, anexo.tamanho) == (
            PDF,
            "lista.pdf",
            "application/pdf",
            len(PDF),
        )
    for ator in (demo_usuarios["pf_grupo"], demo_usuarios["pf_escritorio"], None):
        with pytest.raises(AcessoNegado):
            plano.obter_anexo(ator, e.anexo_id)
        with pytest.raises(AcessoNegado):  # "público" vale só para anexos de publicações
            plano.obter_anexo(ator, e.anexo_id, publico=True)
    assert linha_do_cronograma(dmf, plano_ano(1).id, a.id)["Evidências"] >= 1


def test_anexo_de_publicacao_e_publico(demo_usuarios, banco_limpo):
    pub = comunicacao.salvar_publicacao(
        demo_usuarios["dmf"], publicacao_nova(link=None, arquivo=plano.ArquivoEnviado("nota.pdf", PDF)), hoje=HOJE
    )
    assert plano.obter_anexo(None, pub.anexo_id, publico=True).conteudo == PDF
    with pytest.raises(AcessoNegado):
        plano.obter_anexo(None, pub.anexo_id)


# --- vigência e termos aditivos ---------------------------------------------------------------


def termo(numero="2/2026", assinatura=None, novo_fim=None, altera_plano=False, descricao="Prorroga a vigência"):
    return plano.DadosTermo(numero, assinatura, novo_fim, altera_plano, descricao)


def test_prorrogacao_deve_ir_alem_do_termino_atual(demo_usuarios, banco_limpo):
    """Cláusula 8ª: o Termo Aditivo de prorrogação fixa um término posterior ao atual."""
    fim = fim_atual()
    hoje = fim - timedelta(days=10)
    antes = contar(TermoAditivo)
    with pytest.raises(ErroValidacao) as exc:
        plano.salvar_termo(demo_usuarios["dmf"], termo(assinatura=hoje, novo_fim=fim), hoje=hoje)
    assert problemas_por_campo(exc)["novo término"] == [f"deve ser posterior ao término atual ({fim:%d/%m/%Y})"]
    assert contar(TermoAditivo) == antes


def test_prorrogacao_assinada_depois_do_fim_e_recusada(demo_usuarios, banco_limpo):
    """Cláusulas 8ª e 9ª: um acordo extinto não se prorroga — o termo que prorroga é assinado
    dentro da vigência (no último dia ainda vale)."""
    fim = fim_atual()
    hoje = fim + timedelta(days=30)
    with pytest.raises(ErroValidacao) as exc:
        plano.salvar_termo(
            demo_usuarios["dmf"], termo(assinatura=fim + timedelta(days=1), novo_fim=somar_meses(fim, 12)), hoje=hoje
        )
    assert problemas_por_campo(exc)["data de assinatura"] == [
        f"é posterior ao fim da vigência ({fim:%d/%m/%Y}): um acordo extinto não se prorroga"
    ]
    t = plano.salvar_termo(demo_usuarios["dmf"], termo(assinatura=fim, novo_fim=somar_meses(fim, 12)), hoje=hoje)
    assert t.id is not None


def test_termo_valido_muda_o_fim_da_vigencia_e_numero_e_unico(demo_usuarios, banco_limpo):
    """Cláusulas 8ª e 9ª: o termo válido prorroga a vigência; números de termo não se repetem."""
    dmf = demo_usuarios["dmf"]
    fim = fim_atual()
    hoje = fim - timedelta(days=10)
    novo_fim = somar_meses(fim, 12)
    t = plano.salvar_termo(
        dmf,
        termo(numero=" 5/2027 ", assinatura=fim - timedelta(days=20), novo_fim=novo_fim, altera_plano=True),
        hoje=hoje,
    )
    assert t.numero == "5/2027"
    vig = plano.situacao_vigencia(demo_usuarios["cnmp"], hoje)
    assert vig.fim_atual == novo_fim
    assert vig.fim_original == date(2025, 11, 14)
    assert vig.dias_restantes == (novo_fim - hoje).days
    assert "5/2027" in [x.numero for x in vig.termos]

    antes = contar(TermoAditivo)
    with pytest.raises(ErroValidacao) as exc:
        plano.salvar_termo(
            dmf, termo(numero="5/2027", assinatura=hoje, altera_plano=True, descricao="Ajusta o cronograma"), hoje=hoje
        )
    assert problemas_por_campo(exc)["número"] == ["já existe o Termo Aditivo nº 5/2027"]
    assert contar(TermoAditivo) == antes
    # editar o próprio termo mantendo o número é permitido
    t2 = plano.salvar_termo(
        dmf,
        termo(
            numero="5/2027",
            assinatura=fim - timedelta(days=20),
            novo_fim=novo_fim,
            altera_plano=True,
            descricao="Prorroga e ajusta",
        ),
        hoje=hoje,
        ident=t.id,
        versao=t.versao,
    )
    assert (t2.id, t2.descricao, t2.versao) == (t.id, "Prorroga e ajusta", t.versao + 1)


def test_termo_sem_efeito_ou_com_datas_invalidas(demo_usuarios, banco_limpo):
    with pytest.raises(ErroValidacao) as exc:
        plano.salvar_termo(
            demo_usuarios["dmf"], termo(numero="", assinatura=date(2023, 10, 1), descricao=""), hoje=HOJE
        )
    p = problemas_por_campo(exc)
    assert p["número"] == ["informe o número do termo (ex.: 1/2025)"]
    assert "o termo deve prorrogar a vigência, alterar o plano, ou ambos" in p["o que altera"]
    assert "descreva o que o termo altera" in p["o que altera"]
    assert p["data de assinatura"] == ["é anterior à assinatura do acordo"]
    with pytest.raises(ErroValidacao, match="a data 26/11/2026 está no futuro"):
        plano.salvar_termo(demo_usuarios["dmf"], termo(assinatura=date(2026, 11, 26), altera_plano=True), hoje=HOJE)


def test_designacoes_da_clausula_12(demo_usuarios, banco_limpo):
    """Cláusula 12ª: cada partícipe designa os responsáveis em até 30 dias da assinatura
    (prazo 14/12/2023); vale a primeira designação de cada um."""
    dmf = demo_usuarios["dmf"]
    vig = plano.situacao_vigencia(dmf, HOJE)
    assert vig.prazo_designacao == date(2023, 12, 14)
    cnj, cnmp = vig.designacoes["cnj"], vig.designacoes["cnmp"]
    assert (cnj.designado_em, cnj.no_prazo) == (date(2023, 12, 5), True)
    assert (cnmp.designado_em, cnmp.no_prazo) == (date(2023, 12, 22), False)

    # uma designação anterior do CNMP, registrada agora, passa a ser a que conta
    r = plano.salvar_responsavel(
        dmf,
        plano.DadosResponsavel(
            "cnmp", "  Procuradora designada  ", "Procuradora", "Portaria CNMP 9/2023", date(2023, 12, 14)
        ),
        hoje=HOJE,
    )
    assert (r.nome, r.participe) == ("Procuradora designada", "cnmp")
    vig = plano.situacao_vigencia(dmf, HOJE)
    assert (vig.designacoes["cnmp"].designado_em, vig.designacoes["cnmp"].no_prazo) == (date(2023, 12, 14), True)
    assert vig.designacoes["cnj"].designado_em == date(2023, 12, 5)
    assert r.id in [x.id for x in vig.responsaveis]


def test_designacao_recusada(demo_usuarios, banco_limpo):
    antes = contar(ResponsavelAcompanhamento)
    with pytest.raises(ErroValidacao) as exc:
        plano.salvar_responsavel(
            demo_usuarios["dmf"], plano.DadosResponsavel("mpt", " ", "", "", date(2023, 11, 13)), hoje=HOJE
        )
    p = problemas_por_campo(exc)
    assert p["partícipe"] == ["escolha CNJ ou CNMP"]
    assert p["nome"] == ["informe o nome da pessoa designada"]
    assert p["data da designação"] == ["é anterior à assinatura do acordo"]
    with pytest.raises(ErroValidacao, match="a data 26/11/2026 está no futuro"):
        plano.salvar_responsavel(
            demo_usuarios["dmf"], plano.DadosResponsavel("cnj", "Fulano", "", "", date(2026, 11, 26)), hoje=HOJE
        )
    assert contar(ResponsavelAcompanhamento) == antes


# --- alertas ----------------------------------------------------------------------------------


def _textos(lista, tema=None) -> list[str]:
    return [a.texto for a in lista if tema is None or a.tema == tema]


def test_alertas_de_atividades_atrasadas_nos_dados_de_demonstracao(demo_usuarios):
    """Plano de Trabalho, item 6: cada atividade atrasada (nos anos já começados) vira um
    alerta de erro com o ano, o número, o nome e o motivo."""
    dmf = demo_usuarios["dmf"]
    lista = plano.alertas(dmf, HOJE)
    cronograma = [a for a in lista if a.tema == "cronograma"]
    assert cronograma and {a.nivel for a in cronograma} == {"erro"}
    esperados = []
    for p in plano.listar_planos(dmf):
        tab = plano.tabela_cronograma(dmf, p.id, HOJE)
        for _, linha in tab[tab["_atrasada"]].iterrows():
            esperados.append(
                f"Ano {p.ano}, atividade {linha['Nº']} ({linha['Atividade']}): {linha['Motivo do atraso']}."
            )
    assert _textos(lista, "cronograma") == esperados
    # a demonstração sempre tem uma atividade marcada como atrasada (ciclos in loco, nº 8)
    assert any(
        "atividade 8 (Realização de ciclos de monitoramento in loco dos Escritórios Sociais): "
        "marcada como atrasada." in t
        for t in esperados
    )


def test_alerta_de_atraso_some_quando_a_atividade_e_concluida(demo_usuarios, banco_limpo):
    dmf = demo_usuarios["dmf"]
    p1 = plano_ano(1)
    definir(dmf, p1.id, 2, status="em_andamento", percentual=50)
    texto = (
        f"Ano 1, atividade 2 ({atividade(p1.id, 2).nome}): o último mês previsto (Mês 5, até 31/03/2024) "
        "terminou sem conclusão."
    )
    assert texto in _textos(plano.alertas(dmf, HOJE))
    assert texto not in _textos(plano.alertas(dmf, date(2024, 3, 31)))  # último dia do Mês 5
    definir(dmf, p1.id, 2, status="concluida", percentual=100)
    assert not any("Ano 1, atividade 2 " in t for t in _textos(plano.alertas(dmf, HOJE)))


def test_alerta_de_obrigacoes_sem_evidencia(demo_usuarios, banco_limpo):
    """Cláusulas 3ª a 5ª: obrigações sem evidência (menos as não aplicáveis no período)."""
    dmf = demo_usuarios["dmf"]

    def esperado() -> str:
        tab = plano.tabela_obrigacoes(dmf)
        sem = tab[(tab["Evidências"] == 0) & (tab["Situação"] != "Não aplicável no período")]
        rot = ", ".join(f"{c.split('ª')[0]}ª {a})" for c, a in zip(sem["Cláusula"], sem["Alínea"]))
        return f"{len(sem)} obrigação(ões) sem evidência: {rot}."

    inicial = _textos(plano.alertas(dmf, HOJE), "obrigacoes")
    assert inicial == [esperado()]
    assert "3ª c)" in inicial[0] and "3ª a)" not in inicial[0]

    ob_c, ob_d = obrigacao(3, "c"), obrigacao(3, "d")
    plano.incluir_evidencia(
        dmf, alvo="obrigacao", alvo_id=ob_c.id, descricao="Relatório", data=HOJE, link=LINK, hoje=HOJE
    )
    plano.salvar_obrigacao(dmf, ob_d.id, ob_d.versao, status="nao_aplicavel")
    depois = _textos(plano.alertas(dmf, HOJE), "obrigacoes")
    assert depois == [esperado()]
    assert "3ª c)" not in depois[0] and "3ª d)" not in depois[0]
    assert int(depois[0].split()[0]) == int(inicial[0].split()[0]) - 2


def test_alerta_da_clausula_12_sem_designacao(demo_usuarios, banco_limpo):
    """Cláusula 12ª: sem designação de um partícipe, o alerta aparece depois do prazo
    (14/12/2023), não antes. O estado é construído alterando a designação do CNMP para o CNJ."""
    dmf = demo_usuarios["dmf"]
    assert not any("Cláusula 12ª" in t for t in _textos(plano.alertas(dmf, HOJE)))  # a demonstração tem as duas
    with sessao() as s:
        r = s.exec(select(ResponsavelAcompanhamento).where(ResponsavelAcompanhamento.participe == "cnmp")).one()
    plano.salvar_responsavel(
        dmf,
        plano.DadosResponsavel("cnj", r.nome, r.cargo, r.ato_designacao, r.data_designacao),
        hoje=HOJE,
        ident=r.id,
        versao=r.versao,
    )
    vig = plano.situacao_vigencia(dmf, HOJE)
    assert (vig.designacoes["cnmp"].designado_em, vig.designacoes["cnmp"].vencido) == (None, True)
    assert vig.designacoes["cnj"].vencido is False

    alerta = "Cláusula 12ª: o CNMP não designou os responsáveis pelo acompanhamento; o prazo venceu em 14/12/2023."
    lista = plano.alertas(dmf, HOJE)
    assert alerta in _textos(lista, "vigencia")
    assert [a.nivel for a in lista if a.texto == alerta] == ["erro"]
    assert not any("o CNJ não designou" in t for t in _textos(lista))
    assert alerta in _textos(plano.alertas(dmf, date(2023, 12, 15)))
    assert alerta not in _textos(plano.alertas(dmf, date(2023, 12, 14)))  # no dia do prazo ainda não venceu


def test_alerta_de_fim_de_vigencia(demo_usuarios):
    """Cláusula 8ª: aviso quando faltam 90 dias ou menos; erro depois do término."""
    dmf = demo_usuarios["dmf"]
    fim = fim_atual()
    perto = plano.alertas(dmf, fim - timedelta(days=30))
    assert (
        f"A vigência do acordo termina em {fim:%d/%m/%Y} (30 dia(s)). Prorrogação só por Termo Aditivo "
        "(Cláusula 8ª)." in _textos(perto, "vigencia")
    )
    assert [a.nivel for a in perto if "termina em" in a.texto] == ["aviso"]
    assert any("termina em" in t for t in _textos(plano.alertas(dmf, fim - timedelta(days=90))))
    assert not any("A vigência" in t for t in _textos(plano.alertas(dmf, fim - timedelta(days=91))))
    depois = plano.alertas(dmf, fim + timedelta(days=1))
    assert f"A vigência do acordo terminou em {fim:%d/%m/%Y}." in _textos(depois, "vigencia")
    assert not any("termina em" in t for t in _textos(depois))


# --- comunicação ------------------------------------------------------------------------------


def test_acao_com_uf_inexistente_ou_publico_negativo_e_recusada(demo_usuarios, banco_limpo):
    antes = (contar(AcaoComunicacao), total_trilha())
    with pytest.raises(ErroValidacao) as exc:
        comunicacao.salvar_acao(
            demo_usuarios["dmf"],
            acao_nova(
                ufs=["SP", "xx"],
                publico_servidores=-1,
                metas=["g"],
                tipo="live",
                titulo=" ",
                data=None,
                link="cnj.jus.br",
            ),
        )
    p = problemas_por_campo(exc)
    assert p["UFs alcançadas"] == ["UF(s) inexistente(s): XX"]
    assert p["público — servidores"] == ["informe um número inteiro não negativo"]
    assert p["metas"] == ["meta(s) inexistente(s): g"]
    assert p["tipo"] == ["use um de: Webinário, Informativo, Seminário, Oficina, Capacitação"]
    assert p["título"] == ["informe o título"] and p["data"] == ["informe a data"]
    assert "não é um endereço http(s) válido" in p["link"][0]
    assert (contar(AcaoComunicacao), total_trilha()) == antes


def test_alcance_por_uf_so_conta_acoes_realizadas(demo_usuarios, banco_limpo):
    """Meta a (capilaridade nas unidades da Federação): por UF, ações com data até hoje."""
    dmf = demo_usuarios["dmf"]
    inicial = comunicacao.alcance_por_uf(dmf, HOJE).set_index("UF")
    assert len(inicial) == 27 and {"AP", "RR", "SP", "DF"} <= set(inicial.index)
    assert inicial.loc["AP", "Estado"] == "Amapá" and inicial.loc["AP", "Região"] == "Norte"

    comunicacao.salvar_acao(
        dmf, acao_nova(data=HOJE, ufs=["ap", "SP"], publico_magistrados=10, publico_membros_mp=5, publico_outros=3)
    )
    comunicacao.salvar_acao(dmf, acao_nova(data=HOJE + timedelta(days=1), ufs=["RR", "SP"], titulo="Agendada"))
    agora = comunicacao.alcance_por_uf(dmf, HOJE).set_index("UF")
    assert len(agora) == 27
    ap, rr, sp = agora.loc["AP"], agora.loc["RR"], agora.loc["SP"]
    assert (ap["Ações realizadas"], ap["Público alcançado"], ap["Alcançada"]) == (
        inicial.loc["AP", "Ações realizadas"] + 1,
        inicial.loc["AP", "Público alcançado"] + 18,
        "Sim",
    )
    assert (rr["Ações realizadas"], rr["Público alcançado"]) == (
        inicial.loc["RR", "Ações realizadas"],
        inicial.loc["RR", "Público alcançado"],
    )
    assert sp["Ações realizadas"] == inicial.loc["SP", "Ações realizadas"] + 1
    # no dia seguinte, a ação agendada passa a contar
    amanha = comunicacao.alcance_por_uf(dmf, HOJE + timedelta(days=1)).set_index("UF")
    assert amanha.loc["RR", "Ações realizadas"] == inicial.loc["RR", "Ações realizadas"] + 1
    assert amanha.loc["RR", "Alcançada"] == "Sim"
    # antes de qualquer ação, nenhuma UF alcançada
    vazio = comunicacao.alcance_por_uf(dmf, date(2023, 11, 14))
    assert set(vazio["Alcançada"]) == {"Não"} and vazio["Ações realizadas"].sum() == 0
    pub = comunicacao.publico_por_categoria(dmf, HOJE)
    assert pub["Ações"] == contar(AcaoComunicacao) - 1


def test_tabela_de_acoes_filtra_por_uf_tipo_e_periodo(demo_usuarios, banco_limpo):
    dmf = demo_usuarios["dmf"]
    a1 = comunicacao.salvar_acao(
        dmf, acao_nova(tipo="oficina", titulo="Oficina no Amapá", data=date(2026, 2, 10), ufs=["AP"])
    )
    a2 = comunicacao.salvar_acao(
        dmf,
        acao_nova(
            tipo="seminario", titulo="Seminário no Amapá", data=date(2026, 4, 10), ufs=["AP", "RR"], metas=["a", "d"]
        ),
    )
    todas = comunicacao.tabela_acoes(dmf)
    assert {a1.id, a2.id} <= set(todas["id"])
    ap = comunicacao.tabela_acoes(dmf, uf="AP")
    assert list(ap["id"]) == [a2.id, a1.id]  # mais recentes primeiro
    linha = ap.set_index("id").loc[a2.id]
    assert (linha["UFs"], linha["Metas"], linha["Tipo"], linha["Público total"]) == ("AP, RR", "a, d", "Seminário", 15)
    assert list(comunicacao.tabela_acoes(dmf, uf="AP", tipos=["oficina"])["id"]) == [a1.id]
    assert list(comunicacao.tabela_acoes(dmf, uf="AP", inicio=date(2026, 3, 1))["id"]) == [a2.id]
    assert list(comunicacao.tabela_acoes(dmf, uf="AP", fim=date(2026, 2, 10))["id"]) == [a1.id]
    assert comunicacao.tabela_acoes(dmf, uf="AP", inicio=date(2026, 2, 11), fim=date(2026, 4, 9)).empty
    periodo = comunicacao.tabela_acoes(dmf, inicio=date(2026, 2, 10), fim=date(2026, 4, 10))
    assert set(periodo["id"]) == {a1.id, a2.id}
    oficinas = comunicacao.tabela_acoes(dmf, tipos=["oficina", "capacitacao"])
    assert set(oficinas["Tipo"]) <= {"Oficina", "Capacitação"} and a1.id in set(oficinas["id"])

    # alterar e excluir (a exclusão leva junto UFs e metas)
    _, ufs, metas = comunicacao.obter_acao(dmf, a2.id)
    assert (ufs, metas) == (["AP", "RR"], ["a", "d"])
    a2b = comunicacao.salvar_acao(
        dmf,
        acao_nova(tipo="seminario", titulo="Seminário no Amapá", data=date(2026, 4, 10), ufs=["RR"], metas=["d"]),
        ident=a2.id,
        versao=a2.versao,
    )
    assert comunicacao.obter_acao(dmf, a2.id)[1:] == (["RR"], ["d"])
    with pytest.raises(ConflitoEdicao):
        comunicacao.excluir_acao(dmf, a2.id, a2.versao)
    comunicacao.excluir_acao(dmf, a2.id, a2b.versao)
    assert list(comunicacao.tabela_acoes(dmf, uf="RR")["id"]).count(a2.id) == 0


def test_publicacao_exige_link_ou_arquivo_e_numero_unico_por_tipo(demo_usuarios, banco_limpo):
    dmf = demo_usuarios["dmf"]
    antes = contar(Publicacao)
    with pytest.raises(ErroValidacao) as exc:
        comunicacao.salvar_publicacao(dmf, publicacao_nova(link=None), hoje=HOJE)
    assert problemas_por_campo(exc)["link ou arquivo"] == ["informe o link da publicação ou envie o arquivo"]
    with pytest.raises(ErroValidacao, match="a data 26/11/2026 está no futuro"):
        comunicacao.salvar_publicacao(dmf, publicacao_nova(data=date(2026, 11, 26)), hoje=HOJE)
    assert contar(Publicacao) == antes

    p1 = comunicacao.salvar_publicacao(dmf, publicacao_nova(), hoje=HOJE)
    with pytest.raises(ErroValidacao) as exc:
        comunicacao.salvar_publicacao(dmf, publicacao_nova(titulo="Outra"), hoje=HOJE)
    assert problemas_por_campo(exc)["número"] == ["já existe Nota técnica nº 9/2026"]
    assert contar(Publicacao) == antes + 1
    # o mesmo número em outro tipo é outra publicação
    p2 = comunicacao.salvar_publicacao(
        dmf,
        publicacao_nova(
            tipo="parecer",
            link=None,
            arquivo=plano.ArquivoEnviado("parecer.pdf", PDF),
            atividades=[atividade(plano_ano(1).id, 4).id],
        ),
        hoje=HOJE,
    )
    assert p2.anexo_id is not None and p2.id != p1.id
    tab = comunicacao.tabela_publicacoes(dmf).set_index("id")
    assert (tab.loc[p1.id, "Tipo"], tab.loc[p1.id, "Número"], tab.loc[p1.id, "Arquivo"]) == (
        "Nota técnica",
        "9/2026",
        "Não",
    )
    assert (tab.loc[p2.id, "Atividades"], tab.loc[p2.id, "Arquivo"]) == ("ano 1, nº 4", "Sim")
    # ao alterar, o arquivo já guardado basta
    p2b = comunicacao.salvar_publicacao(
        dmf,
        publicacao_nova(tipo="parecer", link=None, titulo="Parecer revisto"),
        hoje=HOJE,
        ident=p2.id,
        versao=p2.versao,
    )
    assert (p2b.titulo, p2b.anexo_id) == ("Parecer revisto", p2.anexo_id)
    with pytest.raises(ErroValidacao, match="atividade do cronograma inexistente"):
        comunicacao.salvar_publicacao(dmf, publicacao_nova(numero="10/2026", atividades=[999999]), hoje=HOJE)


def _trilha_de(entidade: str, entidade_id: int) -> list[tuple[str, str]]:
    with sessao() as s:
        return [
            (r.acao, r.usuario_email)
            for r in s.exec(
                select(RegistroAuditoria)
                .where(RegistroAuditoria.entidade == entidade, RegistroAuditoria.entidade_id == str(entidade_id))
                .order_by(RegistroAuditoria.id)
            )
        ]


def test_alterar_publicacao_com_versao_antiga_e_conflito_e_nada_muda(demo_usuarios, banco_limpo):
    dmf, admin = demo_usuarios["dmf"], demo_usuarios["admin"]
    pub = comunicacao.salvar_publicacao(dmf, publicacao_nova(), hoje=HOJE)
    v0 = pub.versao
    # outra pessoa (admin) altera primeiro, a partir da mesma versão
    outra = comunicacao.salvar_publicacao(
        admin, publicacao_nova(titulo="Título do administrador"), hoje=HOJE, ident=pub.id, versao=v0
    )
    assert outra.versao == v0 + 1
    with pytest.raises(ConflitoEdicao, match="foi alterado\\(a\\) por outra pessoa"):
        comunicacao.salvar_publicacao(dmf, publicacao_nova(titulo="Título do DMF"), hoje=HOJE, ident=pub.id, versao=v0)
    with pytest.raises(ConflitoEdicao):
        comunicacao.excluir_publicacao(dmf, pub.id, v0)
    atual, metas, _ats, _nome = comunicacao.obter_publicacao(dmf, pub.id)
    assert (atual.titulo, atual.versao, metas) == ("Título do administrador", v0 + 1, ["c"])
    assert _trilha_de("publicacao", pub.id) == [
        ("inclusao", dmf.email),
        ("alteracao", admin.email),
    ]


def test_excluir_publicacao_apaga_ligacoes_e_arquivo_e_audita(demo_usuarios, banco_limpo):
    dmf = demo_usuarios["dmf"]
    pub = comunicacao.salvar_publicacao(
        dmf,
        publicacao_nova(
            link=None, arquivo=plano.ArquivoEnviado("nota.pdf", PDF), atividades=[atividade(plano_ano(1).id, 4).id]
        ),
        hoje=HOJE,
    )
    anexo_id = pub.anexo_id
    antes = (contar(Publicacao), contar(PublicacaoMeta), contar(PublicacaoAtividade), contar(Anexo))
    trilha_antes = total_trilha()
    comunicacao.excluir_publicacao(dmf, pub.id, pub.versao)
    depois = (contar(Publicacao), contar(PublicacaoMeta), contar(PublicacaoAtividade), contar(Anexo))
    assert depois == tuple(n - 1 for n in antes)
    assert pub.id not in set(comunicacao.tabela_publicacoes(dmf)["id"])
    assert _trilha_de("publicacao", pub.id)[-1] == ("exclusao", dmf.email)
    assert _trilha_de("anexo", anexo_id)[-1] == ("exclusao", dmf.email)
    assert total_trilha() - trilha_antes == 4  # publicação, meta, atividade e arquivo
    with pytest.raises(NaoEncontrado):
        comunicacao.obter_publicacao(dmf, pub.id)
    with pytest.raises(NaoEncontrado, match="pode ter sido excluído"):
        comunicacao.excluir_publicacao(dmf, pub.id, pub.versao)


# --- PostgreSQL -------------------------------------------------------------------------------


@pytest.mark.postgres
def test_postgres_volta_completa_do_cronograma(url_postgres):
    """As listas de meses (JSON), a trilha e as consultas de cronograma, metas, alertas e
    alcance funcionam também no PostgreSQL."""
    from tests.conftest import preparar_banco, usar_banco

    with usar_banco(url_postgres):
        preparar_banco(url_postgres)
        with sessao() as s:
            dmf = s.exec(select(Usuario).where(Usuario.email == "dmf@demo.pnat.jus.br")).one()
            cnmp = s.exec(select(Usuario).where(Usuario.email == "cnmp@demo.pnat.jus.br")).one()
        p1 = plano_ano(1)
        a = atividade(p1.id, 2)
        salvo = definir(
            dmf,
            p1.id,
            2,
            meses_previstos=[5, 2, 3],
            meses_executados=[2, 3],
            status="em_andamento",
            percentual=40,
            metas=["b", "c"],
        )
        assert salvo.versao == a.versao + 1
        lida = atividade(p1.id, 2)
        assert (lida.meses_previstos, lida.meses_executados) == ([2, 3, 5], [2, 3])

        linha = linha_do_cronograma(cnmp, p1.id, a.id)
        assert (linha["Meses previstos"], linha["Meses executados"], linha["Metas"], linha["Atrasada"]) == (
            "2–3, 5",
            "2–3",
            "b, c",
            "Sim",
        )
        assert "Situação: Concluída → Em andamento" in historico_legivel(cnmp, a.id).iloc[0]["O que mudou"]
        assert (
            f"Ano 1, atividade 2 ({a.nome}): o último mês previsto (Mês 5, até 31/03/2024) terminou sem "
            "conclusão." in _textos(plano.alertas(cnmp, HOJE))
        )
        assert any(x.tema == "obrigacoes" for x in plano.alertas(cnmp, HOJE))

        metas = plano.tabela_metas(cnmp, p1.id).set_index("Meta")
        assert metas.loc["c", "Atividades"] == 2
        novo = plano.criar_proximo_ano(dmf)
        copia, origem = atividade(novo.id, 2), atividade(novo.copiado_de_id, 2)
        assert (copia.meses_previstos, copia.meses_executados) == (origem.meses_previstos, [])
        assert copia.meses_previstos and all(isinstance(m, int) for m in copia.meses_previstos)
        assert letras_da_atividade(copia.id) == letras_da_atividade(origem.id)
        assert len(comunicacao.alcance_por_uf(cnmp, HOJE)) == 27
        acao = comunicacao.salvar_acao(dmf, acao_nova(data=HOJE, ufs=["AP"]))
        assert comunicacao.alcance_por_uf(cnmp, HOJE).set_index("UF").loc["AP", "Ações realizadas"] >= 1
        assert acao.id in set(comunicacao.tabela_acoes(cnmp, uf="AP")["id"])
