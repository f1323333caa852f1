"""Uma só validação do fluxo (FluxoRecurso): o formulário (`validar_fluxo`) e a importação de
planilhas — a validação completa e a rápida — chamam as mesmas regras de
dominio/recursos/regras.py. Os mesmos casos ruins passam pelos três caminhos e dão as mesmas
mensagens; a rápida nunca aceita o que as regras recusam."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from core.banco import sessao
from dominio.recursos import importacao as imp
from dominio.recursos.regras import PROCESSO_OBRIGATORIO
from dominio.recursos.servicos import DadosFluxo, Referencias, limite_de_texto, validar_fluxo
from tests.apoio.fluxos import dados
from tests.apoio.importacao_fluxos import CAMPOS, HOJE, RIO, fundo_de, linha

ORGAO = "TJRJ — Comarca da Capital — VEP (importação)"
PROJETO_FORM = {"destino_tipo": "projeto", "destino_nome": "Projeto X"}
PROJETO_LINHA = {"destino_tipo": "Projeto ou entidade", "destino_ibge": "", "destino_nome": "Projeto X"}
TAC_FORM = {"tipo_origem": "tac", "orgao_tipo": "ministerio_publico", "processo": None}
TAC_LINHA = {"tipo_origem": "TAC", "orgao_tipo": "Ministério Público (ramo/unidade)", "processo": ""}
ENTREGUE_FORM = {"status_prestacao": "apresentada", "prazo_prestacao": None}
ENTREGUE_LINHA = {"status_prestacao": "Apresentada", "prazo_prestacao": ""}

# (norma e artigo da regra, campos do formulário, os mesmos campos na planilha)
CASOS = [
    (
        "Res. CNJ 65-2008, art. 1º: dígitos verificadores",
        {"processo": "0058967-78.2016.8.19.0000"},
        {"processo": "0058967-78.2016.8.19.0000"},
    ),
    ("Res. CNJ 65-2008, art. 1º: formato", {"processo": "58967-77.2016"}, {"processo": "58967-77.2016"}),
    ("Res. CNJ 558-2024 e CPP arts. 76 e 89: processo obrigatório", {"processo": None}, {"processo": ""}),
    ("Lei 9.069-1995, art. 1º: valor zero", {"valor": "0,00"}, {"valor": "0,00"}),
    ("Lei 9.069-1995, art. 1º: valor negativo", {"valor": "-5,00"}, {"valor": "-5,00"}),
    ("Lei 9.069-1995, art. 1º: valor vazio", {"valor": ""}, {"valor": ""}),
    ("Lei 9.069-1995, art. 1º: valor ilegível", {"valor": "abc"}, {"valor": "abc"}),
    ("Lei 9.069-1995, art. 1º: fração de centavo", {"valor": "12,345"}, {"valor": "12,345"}),
    (
        "Res. Conjunta 10-2024, art. 14: CNPJ do destino inválido",
        {**PROJETO_FORM, "fundo_id": None, "destino_cnpj": "11.222.333/0001-82"},
        {**PROJETO_LINHA, "destino_cnpj": "11.222.333/0001-82"},
    ),
    (
        "Res. Conjunta 10-2024, art. 14: CNPJ do destino obrigatório",
        {**PROJETO_FORM, "fundo_id": None, "destino_cnpj": None},
        {**PROJETO_LINHA, "destino_cnpj": ""},
    ),
    ("Res. Conjunta 10-2024, art. 6º: justificativa", TAC_FORM, TAC_LINHA),
    (
        "Res. Conjunta 10-2024, art. 14: valor aplicado maior que o fluxo",
        {"valor_aplicado": D("99999.00")},
        {"valor_aplicado": "99.999,00"},
    ),
    (
        "Res. Conjunta 10-2024, art. 14: valor aplicado negativo",
        {"valor_aplicado": D("-1.00")},
        {"valor_aplicado": "-1,00"},
    ),
    (
        "Res. Conjunta 10-2024, art. 14: prestação apresentada sem data",
        {**ENTREGUE_FORM, "valor_aplicado": D("100.00")},
        {**ENTREGUE_LINHA, "valor_aplicado": "100,00"},
    ),
    (
        "Res. Conjunta 10-2024, art. 14: prestação apresentada sem valor aplicado",
        {**ENTREGUE_FORM, "data_prestacao": date(2024, 9, 1)},
        {**ENTREGUE_LINHA, "data_prestacao": "01/09/2024"},
    ),
    (
        "Res. Conjunta 10-2024, art. 14: comprovante de publicidade",
        {"comprovante_publicidade": "www.tjrj.jus.br/prestacao"},
        {"comprovante_publicidade": "www.tjrj.jus.br/prestacao"},
    ),
    ("Res. Conjunta 10-2024, art. 14: órgão de origem", {"orgao_origem": "   "}, {"orgao_origem": "   "}),
    ("CF, art. 18: UF de origem", {"uf_origem": "XX"}, {"uf_origem": "XX"}),
    (
        "Res. Conjunta 10-2024, arts. 6º e 14: data no futuro",
        {"data_transferencia": date(2025, 7, 1)},
        {"data_transferencia": "01/07/2025"},
    ),
    (
        "Res. Conjunta 10-2024, arts. 6º e 14: datas fora de ordem",
        {"data_transferencia": date(2024, 3, 9)},
        {"data_transferencia": "09/03/2024"},
    ),
    (
        "Res. Conjunta 10-2024, arts. 6º e 14: etapa não alcançada",
        {"data_aplicacao": date(2024, 5, 5)},
        {"data_aplicacao": "05/05/2024"},
    ),
    (
        "Res. Conjunta 10-2024, arts. 6º e 14: data da etapa ausente",
        {"data_transferencia": None},
        {"data_transferencia": ""},
    ),
    (
        "Res. Conjunta 10-2024, art. 14: órgão maior que a coluna",
        {"orgao_origem": "x" * (limite_de_texto("orgao_origem") + 1)},
        {"orgao_origem": "x" * (limite_de_texto("orgao_origem") + 1)},
    ),
    (
        "Res. CNJ 558-2024 e Res. Conjunta 10-2024, arts. 6º e 14: vários problemas na mesma linha",
        {**TAC_FORM, "uf_origem": "XX", "valor": "0,00", "data_aplicacao": date(2024, 5, 5)},
        {**TAC_LINHA, "uf_origem": "XX", "valor": "0,00", "data_aplicacao": "05/05/2024"},
    ),
]


def formulario_base(fundo_id: int) -> DadosFluxo:
    """O fluxo de `linha()` (tests/apoio/importacao_fluxos.py) como o formulário o envia: o de
    `tests.apoio.fluxos.dados` com o órgão, o valor e a prestação de contas da linha."""
    return dados(
        orgao_origem=ORGAO,
        valor="12.345,67",
        fundo_id=fundo_id,
        status_prestacao="pendente",
        prazo_prestacao=date(2024, 10, 2),
    )


@pytest.fixture
def caminhos(banco_limpo, demo_usuarios):
    """(mensagens do formulário, mensagens da importação completa, resultado da rápida) de um caso:
    as mensagens como pares (coluna da planilha, mensagem)."""
    fundo = fundo_de(RIO)
    campos = {c: i for i, c in enumerate(CAMPOS)}
    with sessao() as s:
        refs = Referencias.carregar(s)
        rapida, completa = imp._validadores(s, campos, HOJE)

    def rodar(form: dict, planilha: dict):
        _, probs = validar_fluxo(replace(formulario_base(fundo), **form), refs, HOJE)
        do_formulario = [(imp.CAMPO_PARA_COLUNA.get(p.campo, p.campo), p.mensagem) for p in probs]
        r = [linha(**planilha).get(c, "") for c in CAMPOS] + [None]
        dados, probs_c = completa(2, r)
        assert (dados is None) == bool(probs_c)
        return do_formulario, [(p.campo, p.mensagem) for p in probs_c], rapida(list(r))

    return rodar


def test_o_caso_base_passa_nos_tres_caminhos(caminhos):
    """Sem problema no formulário nem na importação; a rápida aceita e dá as colunas da completa."""
    form, completa, rapida = caminhos({}, {})
    assert form == [] and completa == []
    assert rapida is not None and rapida["valor"] == D("12345.67") and rapida["uf_origem"] == "RJ"


@pytest.mark.parametrize(("norma", "form", "planilha"), CASOS, ids=[c[0] for c in CASOS])
def test_mesmo_caso_ruim_mesmas_mensagens_no_formulario_e_na_importacao(caminhos, norma, form, planilha):
    """Cada caso cita a norma e o artigo da regra (dominio/recursos/regras.py) que o recusa: o
    formulário e a importação (completa) dão as mesmas mensagens, e a rápida não aceita a linha."""
    do_formulario, da_importacao, rapida = caminhos(form, planilha)
    assert do_formulario, norma
    assert do_formulario == da_importacao
    assert rapida is None


def test_processo_obrigatorio_escrito_uma_vez():
    """Res. CNJ 558/2024 e CPP arts. 76 e 89: o texto de quando o número do processo é
    obrigatório sai da regra e é o mesmo na mensagem e nas instruções do modelo de planilha."""
    assert PROCESSO_OBRIGATORIO == (
        "obrigatório para prestação pecuniária, transação penal e suspensão condicional do processo"
    )
    (explicacao,) = [e for _, c, _, e in imp.COLUNAS if c == "processo"]
    assert explicacao.endswith(PROCESSO_OBRIGATORIO)
