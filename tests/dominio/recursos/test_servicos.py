"""Serviços de recursos (dominio/recursos/servicos.py) num banco real: quem lê e quem grava (conferido no
serviço), validação em pt-BR sem gravar nada, chave natural, prestação de contas (Res. Conjunta
CNJ/CNMP 10/2024, art. 14), mapeamento, receitas do Fundo, Sankey — e somas exatas ao centavo
no SQLite e no PostgreSQL.

Os dados de demonstração dependem da data em que foram carregados (últimos três anos); os
testes usam fluxos próprios, com órgãos de origem próprios e datas fixas antigas (2012–2016)
quando precisam isolar somas, e passam sempre uma data de hoje fixa aos serviços."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal as D

import pandas as pd
import pytest
from sqlmodel import select

from core.banco import sessao
from core.config import obter_config
from core.erros import AcessoNegado, ConflitoEdicao, ErroValidacao
from dominio.recursos import servicos as recursos
from dominio.recursos.importacao import importar_fluxos, modelo_xlsx
from dominio.recursos.regras import PROCESSO_OBRIGATORIO
from dominio.recursos.servicos import DadosFluxo, Filtros, Referencias
from models.recursos import (
    TIPOS_DESTINO,
    TIPOS_ORIGEM,
    FluxoRecurso,
    RecursoPotencial,
    SalarioMinimo,
)
from models.territorio import Municipio
from models.unidades import EscritorioSocial, FundoMunicipal
from models.usuarios import RegistroAuditoria
from tests.apoio.banco import contar
from tests.apoio.erros import problemas_por_campo
from tests.apoio.fluxos import CNPJ_OK, HOJE, NITEROI, PROCESSO_TJRJ, RIO, dados, fundo_de
from tests.conftest import demo_em

PROCESSO_ERRADO = "0058967-78.2016.8.19.0000"  # um dígito verificador trocado
CNPJ_ERRADO = "11.222.333/0001-82"


# --- utilidades -------------------------------------------------------------------------------


def retrato() -> tuple[int, int, int, int]:
    """Fluxos, estimativas, salários mínimos e trilha: se nada muda, nada foi gravado."""
    return contar(FluxoRecurso), contar(RecursoPotencial), contar(SalarioMinimo), contar(RegistroAuditoria)


def escritorio_de(ibge: int) -> int:
    with sessao() as s:
        return s.exec(select(EscritorioSocial.id).where(EscritorioSocial.municipio_codigo == ibge)).first()


def validar(**kw) -> dict[str, list[str]]:
    with sessao() as s:
        refs = Referencias.carregar(s)
    _, p = recursos.validar_fluxo(dados(**kw), refs, HOJE)
    saida: dict[str, list[str]] = {}
    for x in p:
        saida.setdefault(x.campo, []).append(x.mensagem)
    return saida


def para_projeto(nome: str, **kw) -> DadosFluxo:
    """Os `dados` de teste destinados a um projeto ou entidade com CNPJ válido, em vez do Fundo do Rio."""
    return dados(destino_tipo="projeto", fundo_id=None, destino_nome=nome, destino_cnpj=CNPJ_OK, **kw)


def recarregar(ident: int) -> FluxoRecurso:
    with sessao() as s:
        return s.get(FluxoRecurso, ident)


# --- acesso -----------------------------------------------------------------------------------

LEITURAS = {
    "totais": lambda a: recursos.totais(a, Filtros()),
    "dados_sankey": lambda a: recursos.dados_sankey(a, Filtros()),
    "serie_mensal": lambda a: recursos.serie_mensal(a, Filtros()),
    "por_uf": lambda a: recursos.por_uf(a, Filtros()),
    "tabela_fluxos": lambda a: recursos.tabela_fluxos(a, Filtros(), por_pagina=5),
    "receitas_do_fundo": lambda a: recursos.receitas_do_fundo(a, fundo_de(RIO)),
    "prestacoes": lambda a: recursos.prestacoes(a, HOJE),
    "mapeamento": lambda a: recursos.mapeamento(a, 2024),
    "obter_fluxo": lambda a: recursos.obter_fluxo(a, 1),
}


@pytest.mark.parametrize("leitura", list(LEITURAS))
@pytest.mark.parametrize("quem", ["pf_grupo", "pf_escritorio", None])
def test_sem_recursos_ver_nao_le_nada(demo_usuarios, quem, leitura):
    """Acesso (core/acesso.py, `recursos.ver`): pontos focais e visitantes não consultam os
    fluxos de recursos — a recusa é do serviço, não só da página."""
    ator = demo_usuarios[quem] if quem else None
    with pytest.raises(AcessoNegado):
        LEITURAS[leitura](ator)


@pytest.mark.parametrize("leitura", list(LEITURAS))
@pytest.mark.parametrize("quem", ["admin", "dmf", "cnmp"])
def test_admin_dmf_e_cnmp_leem(demo_usuarios, quem, leitura):
    """Acesso (`recursos.ver`): administrador, DMF e CNMP consultam."""
    assert LEITURAS[leitura](demo_usuarios[quem]) is not None


def _escritas(banco_limpo):
    f = recarregar(1)
    return {
        "salvar_fluxo (novo)": lambda a: recursos.salvar_fluxo(a, dados(), hoje=HOJE),
        "salvar_fluxo (alteração)": lambda a: recursos.salvar_fluxo(
            a,
            DadosFluxo(**{k: getattr(f, k) for k in DadosFluxo.__dataclass_fields__}),
            hoje=HOJE,
            ident=f.id,
            versao=f.versao,
        ),
        "registrar_prestacao": lambda a: recursos.registrar_prestacao(
            a,
            f.id,
            f.versao,
            status="apresentada",
            data_prestacao=HOJE,
            valor_aplicado=f.valor,
            atividades_resultados="Oficinas",
            comprovante="https://exemplo.jus.br/p",
            prazo=None,
            hoje=HOJE,
        ),
        "salvar_potencial": lambda a: recursos.salvar_potencial(
            a, uf="RJ", ano=2012, tipo_origem="tac", orgao="MPRJ", valor="10,00", fonte="teste"
        ),
        "importar_fluxos": lambda a: importar_fluxos(a, "modelo.xlsx", modelo_xlsx(), hoje=HOJE),
        "salvar_salario_minimo": lambda a: recursos.salvar_salario_minimo(
            a, date(2012, 1, 1), "622,00", "Decreto 7.655/2011"
        ),
    }


@pytest.mark.parametrize("quem", ["cnmp", "pf_grupo", "pf_escritorio", None])
def test_quem_so_le_nao_grava_nada(banco_limpo, demo_usuarios, quem):
    """Acesso (`recursos.editar`: administrador e DMF): o CNMP consulta, mas toda gravação é
    recusada no serviço — e nada é gravado, nem na trilha de auditoria."""
    ator = demo_usuarios[quem] if quem else None
    antes = retrato()
    for _nome, escrita in _escritas(banco_limpo).items():
        with pytest.raises(AcessoNegado):
            escrita(ator)
    assert retrato() == antes


def test_acesso_conferido_antes_de_ler_o_arquivo(banco_limpo, demo_usuarios):
    """Acesso (`recursos.editar`): o arquivo de quem não pode importar nem é lido."""
    with pytest.raises(AcessoNegado):
        importar_fluxos(demo_usuarios["cnmp"], "lixo.pdf", b"\x00" * 10, hoje=HOJE)


@pytest.mark.parametrize("quem", ["dmf", "cnmp", "pf_grupo", None])
def test_salario_minimo_so_o_administrador(banco_limpo, demo_usuarios, quem):
    """Acesso (parâmetro do sistema, `usuarios.gerir`): só o administrador altera o histórico do
    salário mínimo usado no limite de 30 salários mínimos (Res. Conjunta CNJ/CNMP 10/2024)."""
    antes = retrato()
    with pytest.raises(AcessoNegado):
        recursos.salvar_salario_minimo(demo_usuarios[quem] if quem else None, date(2012, 1, 1), "622,00", "x")
    assert retrato() == antes


def test_administrador_inclui_e_corrige_salario_minimo(banco_limpo, demo_usuarios):
    """Res. Conjunta CNJ/CNMP 10/2024 (30 salários mínimos): histórico editável pelo administrador;
    a mesma vigência é corrigida, não duplicada."""
    admin = demo_usuarios["admin"]
    n = contar(SalarioMinimo)
    recursos.salvar_salario_minimo(admin, date(2012, 1, 1), "622,00", " Decreto nº 7.655/2011 ")
    assert (date(2012, 1, 1), D("622.00")) in recursos.historico_salario_minimo()
    recursos.salvar_salario_minimo(admin, date(2012, 1, 1), D("622.01"), "corrigido")
    assert contar(SalarioMinimo) == n + 1
    with sessao() as s:
        sm = s.get(SalarioMinimo, date(2012, 1, 1))
    assert (sm.valor, sm.norma) == (D("622.01"), "corrigido")
    for inicio, valor, campo in [
        (None, "622,00", "vigência"),
        (date(2012, 1, 1), "abc", "valor"),
        (date(2012, 1, 1), "0", "valor"),
        (date(2012, 1, 1), "-1,00", "valor"),
    ]:
        with pytest.raises(ErroValidacao) as exc:
            recursos.salvar_salario_minimo(admin, inicio, valor, "x")
        assert campo in problemas_por_campo(exc)
    assert contar(SalarioMinimo) == n + 1


# --- validação em pt-BR -----------------------------------------------------------------------


def test_fluxo_valido_e_normalizado():
    """Res. CNJ 65/2008: o número único é guardado formatado; o valor digitado "1.234,56" vira
    Decimal exato; espaços e caixa da UF e do órgão são normalizados."""
    with sessao() as s:
        refs = Referencias.carregar(s)
    limpo, p = recursos.validar_fluxo(
        dados(valor="R$ 1.234,56", uf_origem=" rj ", processo="00589677720168190000", orgao_origem="  TJRJ   —  VEP  "),
        refs,
        HOJE,
    )
    assert p == []
    assert (limpo.valor, limpo.uf_origem, limpo.processo, limpo.orgao_origem) == (
        D("1234.56"),
        "RJ",
        PROCESSO_TJRJ,
        "TJRJ — VEP",
    )


def test_numero_de_processo_com_digito_trocado_e_recusado():
    """Res. CNJ 65/2008, Anexo VIII (ISO 7064 mod 97-10): o número real do TJRJ passa; com um
    dígito verificador trocado, não."""
    assert validar(processo=PROCESSO_TJRJ) == {}
    assert validar(processo=PROCESSO_ERRADO) == {
        "número do processo": [f"número de processo “{PROCESSO_ERRADO}” inválido: dígitos verificadores não conferem"]
    }
    assert validar(processo="0058967-77.2016.8.19.000") == {
        "número do processo": [
            "número de processo “0058967-77.2016.8.19.000” fora do formato NNNNNNN-DD.AAAA.J.TR.OOOO"
        ]
    }


@pytest.mark.parametrize(
    ("tipo", "rotulo"),
    [
        ("prestacao_pecuniaria", "prestação pecuniária"),
        ("transacao_penal", "transação penal"),
        ("suspensao_condicional", "suspensão condicional do processo"),
    ],
)
def test_origem_judicial_sem_processo(tipo, rotulo):
    """Res. CNJ 558/2024 e CPP arts. 76 e 89: valor decidido em processo exige o número único
    (Res. CNJ 65/2008)."""
    texto = "obrigatório para prestação pecuniária, transação penal e suspensão condicional do processo"
    assert rotulo in texto and PROCESSO_OBRIGATORIO == texto
    assert validar(tipo_origem=tipo, processo=None) == {"número do processo": [texto]}
    assert validar(tipo_origem=tipo, processo="   ") == {"número do processo": [texto]}
    assert validar(tipo_origem="anpp", processo=None) == {}  # CPP art. 28-A: não exigido


def test_projeto_exige_nome_e_cnpj_valido():
    """Res. CNJ 558/2024 e Res. Conjunta CNJ/CNMP 10/2024, art. 14 (beneficiários identificados):
    projeto ou entidade tem nome e CNPJ com dígitos verificadores corretos."""
    base = dict(destino_tipo="projeto", fundo_id=None, destino_nome="Projeto Recomeçar")
    assert validar(**base, destino_cnpj=CNPJ_OK) == {}
    assert validar(**base, destino_cnpj=CNPJ_ERRADO) == {
        "CNPJ do destino": [f"CNPJ “{CNPJ_ERRADO}” inválido: dígitos verificadores não conferem"]
    }
    assert validar(**base, destino_cnpj="123") == {"CNPJ do destino": ["CNPJ “123” deve ter 14 dígitos"]}
    assert validar(**base, destino_cnpj=None) == {"CNPJ do destino": ["obrigatório para projeto ou entidade"]}
    assert validar(**(base | {"destino_nome": "  "}), destino_cnpj=CNPJ_OK) == {
        "nome do destino": ["informe o projeto ou a entidade beneficiária"]
    }


def test_destino_inexistente():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14 (destinatário identificado): o Fundo ou o
    Escritório de destino tem de estar no cadastro."""
    assert validar(fundo_id=999_999) == {"Fundo Municipal de destino": ["não encontrado no cadastro de Fundos"]}
    assert validar(destino_tipo="escritorio", escritorio_id=999_999) == {
        "Escritório Social de destino": ["não encontrado no cadastro de Escritórios"]
    }
    assert validar(destino_tipo="fundos") == {"tipo de destino": ["“fundos” não é válido"]}


def test_tac_destinado_sem_justificativa():
    """Res. Conjunta CNJ/CNMP 10/2024, art. 6º: a destinação de TAC, multa ou dano moral coletivo
    exige justificativa escrita; o potencial ainda não."""
    base = dict(tipo_origem="tac", orgao_tipo="ministerio_publico", orgao_origem="MPRJ — 1ª PJ (teste)", processo=None)
    msg = (
        "a destinação de TAC, multa ou dano moral coletivo exige justificativa escrita "
        "(Res. Conjunta CNJ/CNMP 10/2024, art. 6º)"
    )
    assert validar(**base, etapa="destinado", data_transferencia=None) == {"justificativa": [msg]}
    assert validar(**base, justificativa="   ") == {"justificativa": [msg]}
    assert validar(
        **(base | {"tipo_origem": "multa_dano_moral"}), etapa="aplicado", data_aplicacao=date(2024, 5, 1)
    ) == {"justificativa": [msg]}
    assert validar(**base, justificativa="Edital 1/2024: projeto aprovado pelo conselho.") == {}
    assert (
        validar(
            **base, etapa="potencial", data_potencial=date(2024, 1, 5), data_destinacao=None, data_transferencia=None
        )
        == {}
    )


@pytest.mark.parametrize(
    ("valor", "mensagem"),
    [
        ("abc", "valor monetário inválido “abc”: use o formato 1.234,56"),
        ("-5", "deve ser maior que zero"),
        ("-5,00", "deve ser maior que zero"),
        ("0", "deve ser maior que zero"),
        ("0,00", "deve ser maior que zero"),
        ("1,234", "valor “1,234” tem mais de duas casas decimais"),
        ("", "informe o valor"),
        (None, "informe o valor"),
        (D("-0.01"), "deve ser maior que zero"),
        (D("10.001"), "tem mais de duas casas decimais"),
        (D("Infinity"), "deve ser maior que zero"),
        (D("NaN"), "informe um número (ex.: 1.234,56)"),
        (10.5, "informe um número (ex.: 1.234,56)"),
    ],
)
def test_valor_invalido(valor, mensagem):
    """Dinheiro exato ao centavo (BRL): valor positivo, com no máximo duas casas; float não
    (models/tipos.py)."""
    assert validar(valor=valor) == {"valor": [mensagem]}


def test_varios_problemas_de_uma_vez_e_nada_gravado(banco_limpo, demo_usuarios):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: todos os problemas do formulário de uma vez, em
    pt-BR, com o campo; nada é gravado."""
    antes = retrato()
    with pytest.raises(ErroValidacao) as exc:
        recursos.salvar_fluxo(
            demo_usuarios["dmf"],
            dados(
                processo=PROCESSO_ERRADO, valor="abc", uf_origem="XX", orgao_origem=" ", data_aplicacao=date(2024, 5, 1)
            ),
            hoje=HOJE,
        )
    assert set(problemas_por_campo(exc)) == {
        "número do processo",
        "valor",
        "UF de origem",
        "órgão de origem",
        "data — aplicado",
    }
    assert "Campo “UF de origem”: UF “XX” não existe" in str(exc.value)
    assert retrato() == antes


# --- gravação, chave natural, edição -----------------------------------------------------------


def test_salvar_fluxo_grava_com_auditoria_e_data_de_referencia(banco_limpo, demo_usuarios):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: o fluxo gravado guarda valor exato, a data da
    etapa mais avançada e o prazo sugerido da prestação (dias corridos da transferência)."""
    n, _, _, trilha = retrato()
    f = recursos.salvar_fluxo(demo_usuarios["dmf"], dados(valor="12.345,67", status_prestacao="pendente"), hoje=HOJE)
    g = recarregar(f.id)
    assert (g.valor, g.data_referencia, g.etapa, g.versao) == (D("12345.67"), date(2024, 4, 2), "transferido", 1)
    assert g.prazo_prestacao == date(2024, 4, 2) + timedelta(days=obter_config().prazo_prestacao_dias)
    assert contar(FluxoRecurso) == n + 1 and contar(RegistroAuditoria) == trilha + 1
    with sessao() as s:
        reg = s.exec(
            select(RegistroAuditoria).where(
                RegistroAuditoria.entidade == "fluxo_recurso", RegistroAuditoria.entidade_id == str(f.id)
            )
        ).one()
    assert (reg.acao, reg.usuario_email) == ("inclusao", "dmf@demo.pnat.jus.br")


def test_potencial_sem_data_usa_o_hoje_informado(banco_limpo, demo_usuarios):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: um potencial sem data entra nas séries na data de
    hoje — a informada ao serviço, não a do relógio."""
    f = recursos.salvar_fluxo(
        demo_usuarios["dmf"],
        dados(etapa="potencial", data_destinacao=None, data_transferencia=None),
        hoje=date(2016, 5, 20),  # não antes do ano do processo (Res. CNJ 65/2008, art. 1º, § 3º)
    )
    assert recarregar(f.id).data_referencia == date(2016, 5, 20)


def test_fluxo_repetido_e_recusado_pela_chave_natural(banco_limpo, demo_usuarios):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14 (um valor, uma prestação de contas): o mesmo fluxo
    — mesma origem, destino, valor e primeira data, ainda que digitado com outros espaços e
    caixa — não entra duas vezes; um centavo a mais é outro fluxo."""
    dmf = demo_usuarios["dmf"]
    f = recursos.salvar_fluxo(dmf, dados(), hoje=HOJE)
    antes = retrato()
    with pytest.raises(ErroValidacao) as exc:
        recursos.salvar_fluxo(
            dmf,
            dados(
                orgao_origem="  tjrj — comarca da capital — vep (TESTE) ",
                uf_origem="rj",
                valor="1.000,00",
                processo="00589677720168190000",
            ),
            hoje=HOJE,
        )
    assert problemas_por_campo(exc) == {
        "fluxo": [f"já existe um fluxo igual (nº {f.id}): mesma origem, destino, valor e data"]
    }
    assert retrato() == antes
    outro = recursos.salvar_fluxo(dmf, dados(valor=D("1000.01")), hoje=HOJE)
    assert outro.id != f.id


def test_alterar_fluxo_com_trava_otimista(banco_limpo, demo_usuarios):
    """Trava otimista (core/edicao.py): alterar o próprio fluxo não o acusa de repetido; a
    versão antiga é recusada; a nova chave natural acompanha o valor."""
    dmf = demo_usuarios["dmf"]
    f = recursos.salvar_fluxo(dmf, dados(), hoje=HOJE)
    g = recursos.salvar_fluxo(dmf, dados(valor="2.000,00"), hoje=HOJE, ident=f.id, versao=f.versao)
    assert (recarregar(f.id).valor, recarregar(f.id).versao) == (D("2000.00"), 2)
    assert g.chave_natural != f.chave_natural
    with pytest.raises(ConflitoEdicao):
        recursos.salvar_fluxo(dmf, dados(valor="3.000,00"), hoje=HOJE, ident=f.id, versao=1)
    outro = recursos.salvar_fluxo(dmf, dados(valor="5,00"), hoje=HOJE)
    with pytest.raises(ErroValidacao) as exc:  # alterar para ficar igual a outro fluxo
        recursos.salvar_fluxo(dmf, dados(valor="5,00"), hoje=HOJE, ident=f.id, versao=2)
    assert problemas_por_campo(exc)["fluxo"][0].startswith(f"já existe um fluxo igual (nº {outro.id})")


# --- prestação de contas (Res. Conjunta CNJ/CNMP 10/2024, art. 14) -----------------------------


def _pendente(dmf, **kw) -> FluxoRecurso:
    return recursos.salvar_fluxo(dmf, dados(status_prestacao="pendente", **kw), hoje=HOJE)


def _registrar(ator, f, **kw):
    base = dict(
        status="apresentada",
        data_prestacao=date(2025, 1, 15),
        valor_aplicado="900,00",
        atividades_resultados="Oficinas de qualificação para 40 egressos.",
        comprovante="https://www.tjrj.jus.br/prestacao/1",
        prazo=f.prazo_prestacao,
        hoje=HOJE,
    )
    base.update(kw)
    return recursos.registrar_prestacao(ator, f.id, f.versao, **base)


def test_registrar_prestacao_apresentada(banco_limpo, demo_usuarios):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: a prestação registra data, valor efetivamente
    aplicado, atividades e resultados e o comprovante de publicidade."""
    dmf = demo_usuarios["dmf"]
    f = _pendente(dmf)
    trilha = contar(RegistroAuditoria)
    _registrar(dmf, f)
    g = recarregar(f.id)
    assert (g.status_prestacao, g.data_prestacao, g.valor_aplicado, g.versao) == (
        "apresentada",
        date(2025, 1, 15),
        D("900.00"),
        f.versao + 1,
    )
    assert g.atividades_resultados == "Oficinas de qualificação para 40 egressos."
    assert g.comprovante_publicidade == "https://www.tjrj.jus.br/prestacao/1"
    assert contar(RegistroAuditoria) == trilha + 1
    with pytest.raises(ConflitoEdicao):  # versão antiga
        _registrar(dmf, f)


@pytest.mark.parametrize(
    ("kw", "campo", "mensagem"),
    [
        ({"data_prestacao": None}, "data da prestação de contas", "informe quando foi apresentada"),
        (
            {"valor_aplicado": None},
            "valor aplicado",
            "a prestação de contas informa o valor efetivamente aplicado (art. 14)",
        ),
        (
            {"valor_aplicado": ""},
            "valor aplicado",
            "a prestação de contas informa o valor efetivamente aplicado (art. 14)",
        ),
        (
            {"atividades_resultados": "  "},
            "atividades e resultados",
            "descreva o que foi feito com o recurso (art. 14)",
        ),
        ({"valor_aplicado": "1.000,01"}, "valor aplicado", "é maior que o valor do fluxo"),
        ({"valor_aplicado": D("-1.00")}, "valor aplicado", "não pode ser negativo"),
        ({"valor_aplicado": "xyz"}, "valor aplicado", "valor monetário inválido “xyz”: use o formato 1.234,56"),
        ({"data_prestacao": date(2025, 7, 1)}, "data da prestação de contas", "a data 01/07/2025 está no futuro"),
        (
            {"comprovante": "www.tjrj.jus.br"},
            "comprovante de publicidade",
            "informe o endereço (http/https) onde a prestação foi publicada",
        ),
        ({"status": "paga"}, "situação da prestação de contas", "“paga” não é válida"),
    ],
)
def test_prestacao_incompleta_e_recusada_sem_gravar(banco_limpo, demo_usuarios, kw, campo, mensagem):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: apresentada exige data (não futura), valor aplicado
    (não maior que o recebido), atividades e resultados e publicação em endereço web."""
    dmf = demo_usuarios["dmf"]
    f = _pendente(dmf)
    antes = retrato()
    with pytest.raises(ErroValidacao) as exc:
        _registrar(dmf, f, **kw)
    assert mensagem in problemas_por_campo(exc).get(campo, []), problemas_por_campo(exc)
    assert retrato() == antes
    assert recarregar(f.id).versao == f.versao


def test_aplicado_igual_ao_valor_e_aceito(banco_limpo, demo_usuarios):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: aplicar o valor inteiro é o limite aceito."""
    dmf = demo_usuarios["dmf"]
    f = _pendente(dmf)
    _registrar(dmf, f, valor_aplicado="1.000,00", status="aprovada", data_prestacao=HOJE)
    assert recarregar(f.id).valor_aplicado == D("1000.00")


def _prestacao(ator, ident: int):
    df = recursos.prestacoes(ator, HOJE)
    linha = df[df["id"] == ident]
    assert len(linha) == 1
    return linha.iloc[0]


def test_prestacoes_situacao_no_hoje_informado(banco_limpo, demo_usuarios):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: no dia do prazo a prestação está "a vencer"; no
    dia seguinte, "vencida"; 30 dias antes, "a vencer"; 31, "no prazo"; apresentada, "entregue"."""
    dmf = demo_usuarios["dmf"]
    casos = {
        "vencida": HOJE - timedelta(days=1),
        "a vencer": HOJE,
        "a vencer (30)": HOJE + timedelta(days=30),
        "no prazo": HOJE + timedelta(days=31),
    }
    ids = {}
    for i, (nome, prazo) in enumerate(casos.items()):
        ids[nome] = _pendente(dmf, valor=D(100 + i), prazo_prestacao=prazo).id
    entregue = _pendente(dmf, valor=D("555.55"), prazo_prestacao=HOJE - timedelta(days=100))
    _registrar(dmf, entregue, valor_aplicado="500,00")
    nao_exigida = recursos.salvar_fluxo(dmf, dados(valor=D("777.77")), hoje=HOJE)
    for nome, prazo in casos.items():
        linha = _prestacao(dmf, ids[nome])
        assert (linha["Situação"], linha["Dias"], linha["Prazo"]) == (nome.split(" (")[0], (prazo - HOJE).days, prazo)
        assert linha["Status"] == "Pendente" and linha["Origem"] == "Prestação pecuniária"
        assert linha["Destino"] == "Fundo Municipal de Políticas Penais de Rio de Janeiro"
    linha = _prestacao(dmf, entregue.id)
    assert (linha["Situação"], linha["Status"], linha["Aplicado (R$)"]) == ("entregue", "Apresentada", D("500.00"))
    todas = recursos.prestacoes(dmf, HOJE)
    assert nao_exigida.id not in set(todas["id"])
    vencidas = recursos.prestacoes(dmf, HOJE, situacoes=["vencida"], ufs=["RJ"])
    assert ids["vencida"] in set(vencidas["id"]) and set(vencidas["Situação"]) == {"vencida"}
    assert set(vencidas["UF"]) == {"RJ"}
    assert ids["a vencer"] not in set(vencidas["id"])
    # o mesmo fluxo, noutro "hoje": a situação acompanha a data informada
    df = recursos.prestacoes(dmf, HOJE - timedelta(days=2))
    assert df[df["id"] == ids["vencida"]].iloc[0]["Situação"] == "a vencer"


def test_prestacoes_procedimento_pelo_salario_minimo_da_destinacao(banco_limpo, demo_usuarios):
    """Res. Conjunta CNJ/CNMP 10/2024: simplificado até 30 salários mínimos vigentes na
    destinação (30 × R$ 1.412,00 = R$ 42.360,00 em 2024); "a verificar" sem salário mínimo."""
    dmf = demo_usuarios["dmf"]
    ate = _pendente(dmf, valor="42.360,00")
    acima = _pendente(dmf, valor="42.360,01")
    antigo = _pendente(dmf, valor="10,00", data_destinacao=date(2012, 3, 10), data_transferencia=date(2012, 4, 2))
    assert _prestacao(dmf, ate.id)["Procedimento"] == "simplificado"
    assert _prestacao(dmf, acima.id)["Procedimento"] == "completo"
    assert _prestacao(dmf, antigo.id)["Procedimento"] == "a verificar"
    recursos.salvar_salario_minimo(demo_usuarios["admin"], date(2012, 1, 1), "622,00", "Decreto nº 7.655/2011")
    assert _prestacao(dmf, antigo.id)["Procedimento"] == "simplificado"


# --- mapeamento, receitas do Fundo, Sankey ------------------------------------------------------

ANO = 2012  # sem dados de demonstração


def test_mapeamento_potencial_contra_destinado_no_ano(banco_limpo, demo_usuarios):
    """Mapeamento de recursos (Res. CNJ 558/2024 e Res. Conjunta CNJ/CNMP 10/2024): por UF e
    origem, o potencial estimado do ano contra o destinado a Fundos e Escritórios no ano."""
    dmf = demo_usuarios["dmf"]
    for uf, ano, orgao, valor, fonte in (
        ("rj", ANO, " TJRJ — contas ", "100.000,00", "ofício"),
        ("RJ", ANO, "TJRJ — outra vara", D("50000.01"), "ofício"),
        ("RJ", ANO + 1, "TJRJ — contas", "999,00", "outro ano"),
    ):
        recursos.salvar_potencial(
            dmf, uf=uf, ano=ano, tipo_origem="prestacao_pecuniaria", orgao=orgao, valor=valor, fonte=fonte
        )
    recursos.salvar_potencial(dmf, uf="ES", ano=ANO, tipo_origem="tac", orgao="MPES", valor="0,00", fonte="nada")
    d12 = dict(data_destinacao=date(ANO, 3, 10), data_transferencia=date(ANO, 4, 2))
    recursos.salvar_fluxo(dmf, dados(valor="30.000,00", **d12), hoje=HOJE)  # conta
    recursos.salvar_fluxo(
        dmf,
        dados(valor="0,01", etapa="destinado", data_destinacao=date(ANO, 12, 31), data_transferencia=None),
        hoje=HOJE,
    )  # conta: último dia do ano
    recursos.salvar_fluxo(
        dmf,
        dados(valor="5.000,00", destino_tipo="escritorio", fundo_id=None, escritorio_id=escritorio_de(NITEROI), **d12),
        hoje=HOJE,
    )  # conta
    recursos.salvar_fluxo(
        dmf,
        dados(
            valor="7,00",
            etapa="potencial",
            data_potencial=date(ANO, 2, 1),
            data_destinacao=None,
            data_transferencia=None,
        ),
        hoje=HOJE,
    )  # potencial: não
    recursos.salvar_fluxo(
        dmf, dados(valor="8,00", data_destinacao=date(ANO + 1, 1, 1), data_transferencia=date(ANO + 1, 1, 2)), hoje=HOJE
    )  # outro ano: não
    recursos.salvar_fluxo(dmf, para_projeto("Projeto X", valor="9,00", **d12), hoje=HOJE)  # projeto: não
    df = recursos.mapeamento(dmf, ANO)
    linhas = {(r["UF"], r["Origem"]): r for _, r in df.iterrows()}
    assert set(linhas) == {("RJ", "Prestação pecuniária"), ("ES", "Termo de ajustamento de conduta (TAC)")}
    rj = linhas[("RJ", "Prestação pecuniária")]
    assert rj["Potencial estimado (R$)"] == D("150000.01")
    assert rj["Destinado a Fundos e Escritórios (R$)"] == D("35000.01")
    assert rj["Aproveitamento"] == pytest.approx(float(D("35000.01") / D("150000.01")))
    es = linhas[("ES", "Termo de ajustamento de conduta (TAC)")]
    assert es["Aproveitamento"] is None or pd_isna(es["Aproveitamento"])  # potencial zero: sem divisão


def pd_isna(x) -> bool:
    import pandas as pd

    return bool(pd.isna(x))


def test_salvar_potencial_atualiza_e_valida(banco_limpo, demo_usuarios):
    """Mapeamento de recursos: a mesma UF, ano, origem e órgão é uma estimativa só (atualizada);
    valores negativos ou ilegíveis, ano e UF inválidos são recusados sem gravar."""
    dmf = demo_usuarios["dmf"]
    a = recursos.salvar_potencial(dmf, uf="RJ", ano=ANO, tipo_origem="tac", orgao="MPRJ", valor="10,00", fonte="a")
    b = recursos.salvar_potencial(dmf, uf="rj", ano=ANO, tipo_origem="tac", orgao=" MPRJ ", valor="20,00", fonte="b")
    assert a.id == b.id
    with sessao() as s:
        r = s.get(RecursoPotencial, a.id)
    assert (r.valor_estimado, r.fonte, r.versao) == (D("20.00"), "b", 2)
    antes = retrato()
    for kw, campo in [
        ({"valor": "-5,00"}, "valor estimado"),
        ({"valor": D("-5")}, "valor estimado"),
        ({"valor": "abc"}, "valor estimado"),
        ({"valor": None}, "valor estimado"),
        ({"ano": 1999}, "ano"),
        ({"ano": None}, "ano"),
        ({"uf": "XX"}, "UF"),
        ({"uf": ""}, "UF"),
        ({"tipo_origem": "loteria"}, "origem"),
    ]:
        base = dict(uf="RJ", ano=ANO, tipo_origem="tac", orgao="MPRJ 2", valor="1,00", fonte="x") | kw
        with pytest.raises(ErroValidacao) as exc:
            recursos.salvar_potencial(dmf, **base)
        assert campo in problemas_por_campo(exc), (kw, problemas_por_campo(exc))
    assert retrato() == antes


def test_receitas_do_fundo_por_ano_e_origem(banco_limpo, demo_usuarios):
    """Fundo Municipal de Políticas Penais: receitas (transferidas ou aplicadas) por ano e origem,
    com o valor aplicado informado na prestação de contas (Res. Conjunta CNJ/CNMP 10/2024, art. 14)."""
    dmf = demo_usuarios["dmf"]
    fundo = fundo_de(RIO)
    antes = recursos.receitas_do_fundo(dmf, fundo)
    t = lambda a, m, d: dict(data_destinacao=date(a, m, d), data_transferencia=date(a, m, d))  # noqa: E731
    recursos.salvar_fluxo(dmf, dados(valor="100,10", **t(ANO, 3, 1)), hoje=HOJE)
    recursos.salvar_fluxo(dmf, dados(valor="200,20", **t(ANO, 11, 1)), hoje=HOJE)
    anpp = dict(tipo_origem="anpp", processo=None)
    recursos.salvar_fluxo(dmf, dados(valor="0,07", **anpp, **t(ANO, 5, 5)), hoje=HOJE)
    ap = recursos.salvar_fluxo(
        dmf,
        dados(
            valor="50,00",
            etapa="aplicado",
            data_aplicacao=date(ANO + 1, 6, 1),
            status_prestacao="pendente",
            **t(ANO + 1, 2, 1),
        ),
        hoje=HOJE,
    )
    _registrar(dmf, ap, valor_aplicado="45,55", data_prestacao=date(ANO + 1, 7, 1))
    recursos.salvar_fluxo(
        dmf,
        dados(valor="999,99", etapa="destinado", data_destinacao=date(ANO, 1, 1), data_transferencia=None),
        hoje=HOJE,
    )  # só destinado: não é receita
    recursos.salvar_fluxo(
        dmf, dados(valor="888,88", fundo_id=fundo_de(4106902), **t(ANO, 1, 1)), hoje=HOJE
    )  # outro Fundo
    depois = recursos.receitas_do_fundo(dmf, fundo)
    novas = depois[depois["Ano"].isin([ANO, ANO + 1])].reset_index(drop=True)
    assert len(antes[antes["Ano"].isin([ANO, ANO + 1])]) == 0
    assert novas.to_dict("records") == [
        {
            "Ano": ANO,
            "Origem": "Acordo de não persecução penal (ANPP)",
            "Transferido (R$)": D("0.07"),
            "Aplicado (R$)": D("0.00"),
            "Fluxos": 1,
        },
        {
            "Ano": ANO,
            "Origem": "Prestação pecuniária",
            "Transferido (R$)": D("300.30"),
            "Aplicado (R$)": D("0.00"),
            "Fluxos": 2,
        },
        {
            "Ano": ANO + 1,
            "Origem": "Prestação pecuniária",
            "Transferido (R$)": D("50.00"),
            "Aplicado (R$)": D("45.55"),
            "Fluxos": 1,
        },
    ]
    assert len(depois) == len(antes) + 3


def test_sankey_agrupa_os_menores_em_outros_destinos_sem_perder_total(banco_limpo, demo_usuarios):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14 (transparência dos destinatários): o Sankey mostra
    os `top_n` maiores destinos pelo nome e junta os demais em "Outros destinos"; o total é o
    mesmo."""
    dmf = demo_usuarios["dmf"]
    filtro = Filtros(inicio=date(ANO, 1, 1), fim=date(ANO, 12, 31))
    d12 = dict(data_destinacao=date(ANO, 3, 10), data_transferencia=date(ANO, 4, 2))
    valores = {4106902: "5.000,00", 4113700: "4.000,00", 4119905: "3.000,00", 4104808: "2.000,00", 3205309: "1.000,01"}
    for ibge, v in valores.items():
        recursos.salvar_fluxo(dmf, dados(valor=v, fundo_id=fundo_de(ibge), **d12), hoje=HOJE)
    recursos.salvar_fluxo(dmf, para_projeto("Projeto Pequeno", valor="0,99", **d12), hoje=HOJE)
    total = D("15001.00")
    completo = recursos.dados_sankey(dmf, filtro, top_n=100)
    assert len(completo) == 6 and sum(completo["valor"], D(0)) == total
    top = recursos.dados_sankey(dmf, filtro, top_n=2)
    assert sum(top["valor"], D(0)) == total
    assert set(top["destino"]) == {
        "Fundo Municipal de Políticas Penais de Curitiba",
        "Fundo Municipal de Políticas Penais de Londrina",
        "Outros destinos",
    }
    outros = top[top["destino"] == "Outros destinos"]
    assert sum(outros["valor"], D(0)) == D("6001.00")
    # "Outros destinos" separado por tipo de destino (Fundo / Projeto) e por origem e UF
    assert set(outros["destino_tipo"]) == {"Fundo Municipal", "Projeto ou entidade"}
    assert set(top["origem"]) == {"Prestação pecuniária"} and set(top["uf"]) == {"RJ"}
    assert all(isinstance(v, D) for v in top["valor"])
    um = recursos.dados_sankey(dmf, filtro, top_n=0)  # pelo menos um destino fica com o nome
    assert set(um["destino"]) == {"Fundo Municipal de Políticas Penais de Curitiba", "Outros destinos"}
    vazio = recursos.dados_sankey(dmf, Filtros(inicio=date(1990, 1, 1), fim=date(1990, 12, 31)))
    assert vazio.empty


def test_tabela_de_fluxos_pagina_e_filtra(banco_limpo, demo_usuarios):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: a lista mostra processo, destino e valor, mais
    recentes primeiro, com o total do filtro."""
    dmf = demo_usuarios["dmf"]
    for i in range(3):
        recursos.salvar_fluxo(
            dmf,
            dados(valor=D(10 + i), data_destinacao=date(ANO, 3, 1 + i), data_transferencia=date(ANO, 4, 1 + i)),
            hoje=HOJE,
        )
    filtro = Filtros(
        inicio=date(ANO, 1, 1),
        fim=date(ANO, 12, 31),
        ufs=["RJ"],
        origens=["prestacao_pecuniaria"],
        etapas=["transferido"],
        fundo_id=fundo_de(RIO),
    )
    df, total = recursos.tabela_fluxos(dmf, filtro, pagina=1, por_pagina=2)
    assert total == 3 and len(df) == 2
    assert list(df["Data"]) == [date(ANO, 4, 3), date(ANO, 4, 2)]
    assert df.iloc[0]["Processo"] == PROCESSO_TJRJ and df.iloc[0]["Valor (R$)"] == D("12.00")
    assert df.iloc[0]["Destino"] == "Fundo Municipal de Políticas Penais de Rio de Janeiro (Fundo Municipal)"
    df2, _ = recursos.tabela_fluxos(dmf, filtro, pagina=2, por_pagina=2)
    assert list(df2["Valor (R$)"]) == [D("10.00")]


# --- dinheiro exato ao centavo (SQLite e PostgreSQL) -------------------------------------------

N_FLUXOS = 5000
INICIO, FIM = date(2012, 1, 1), date(2016, 12, 31)  # período sem dados de demonstração
ORIGENS_SEM_PROCESSO = ["anpp", "funpen", "orcamento_proprio", "doacao", "convenio", "outra", "tac"]


def _incluir_fluxos_aleatorios(n: int, semente: int) -> list[DadosFluxo]:
    """`n` fluxos válidos com valores de R$ 0,01 a R$ 12.345,67 (semente fixa), gravados numa
    sessão; devolve os dados gravados."""
    rnd = random.Random(semente)
    with sessao() as s:
        refs = Referencias.carregar(s)
        fundos = s.exec(select(FundoMunicipal.id, Municipio.uf_sigla).join(Municipio)).all()
        escritorios = s.exec(select(EscritorioSocial.id, Municipio.uf_sigla).join(Municipio)).all()
        gravados = []
        for i in range(n):
            valor = D("0.01") if i == 0 else D("12345.67") if i == 1 else D(rnd.randint(1, 1_234_567)) / 100
            tipo = rnd.choice(ORIGENS_SEM_PROCESSO)
            etapa = rnd.choice(["potencial", "destinado", "transferido", "aplicado"])
            d0 = INICIO + timedelta(days=rnd.randint(0, 1700))
            datas = {"data_potencial": d0}
            if etapa != "potencial":
                datas["data_destinacao"] = d0 + timedelta(days=rnd.randint(0, 30))
            if etapa in ("transferido", "aplicado"):
                datas["data_transferencia"] = datas["data_destinacao"] + timedelta(days=rnd.randint(0, 30))
            if etapa == "aplicado":
                datas["data_aplicacao"] = datas["data_transferencia"] + timedelta(days=rnd.randint(0, 30))
            sorteio = rnd.random()
            if sorteio < 0.5:
                fid, uf = rnd.choice(fundos)
                destino = dict(destino_tipo="fundo", fundo_id=fid)
            elif sorteio < 0.8:
                eid, uf = rnd.choice(escritorios)
                destino = dict(destino_tipo="escritorio", escritorio_id=eid)
            else:
                uf = rnd.choice(["AC", "AM", "RJ", "SP", "PR"])
                destino = dict(
                    destino_tipo="projeto", destino_nome=f"Projeto {rnd.randint(1, 15)}", destino_cnpj="11222333000181"
                )
            d = DadosFluxo(
                tipo_origem=tipo,
                orgao_tipo="outro",
                orgao_origem=f"Órgão de teste {i}",
                uf_origem=uf,
                valor=valor,
                etapa=etapa,
                justificativa="Justificativa de teste." if tipo == "tac" else "",
                **destino,
                **datas,
            )
            limpo, p = recursos.validar_fluxo(d, refs, HOJE)
            assert p == [], p
            s.add(recursos.novo_fluxo(limpo))
            gravados.append(limpo)
    return gravados


def _conferir_somas_exatas(ator) -> None:
    """Compara os agregados em SQL com a soma em Decimal feita aqui, centavo a centavo."""
    gravados = _incluir_fluxos_aleatorios(N_FLUXOS, semente=20_240_601)
    filtro = Filtros(inicio=INICIO, fim=FIM)
    esperado_total = sum((d.valor for d in gravados), D("0.00"))
    por_etapa, por_uf_total, por_uf_dest = defaultdict(D), defaultdict(D), defaultdict(D)
    por_mes, por_origem_uf = defaultdict(D), defaultdict(D)
    for d in gravados:
        ref = recursos.data_referencia(
            {k: getattr(d, k) for k in ("data_potencial", "data_destinacao", "data_transferencia", "data_aplicacao")}
        )
        por_etapa[d.etapa] += d.valor
        por_uf_total[d.uf_origem] += d.valor
        if d.etapa != "potencial":
            por_uf_dest[d.uf_origem] += d.valor
        por_mes[(f"{ref:%Y-%m}", TIPOS_ORIGEM[d.tipo_origem])] += d.valor
        por_origem_uf[(TIPOS_ORIGEM[d.tipo_origem], d.uf_origem, TIPOS_DESTINO[d.destino_tipo])] += d.valor

    # o que foi gravado volta idêntico
    with sessao() as s:
        lidos = s.exec(select(FluxoRecurso.valor).where(FluxoRecurso.data_referencia.between(INICIO, FIM))).all()
        todos = s.exec(select(FluxoRecurso.valor)).all()
    assert sorted(lidos) == sorted(d.valor for d in gravados)
    assert all(isinstance(v, D) and v == v.quantize(D("0.01")) for v in lidos)

    t = recursos.totais(ator, filtro)
    assert t["fluxos"] == N_FLUXOS
    assert t["total"] == esperado_total and isinstance(t["total"], D)
    for etapa in ("potencial", "destinado", "transferido", "aplicado"):
        assert t[etapa] == por_etapa[etapa], etapa
    assert recursos.totais(ator, Filtros())["total"] == sum(todos, D("0.00"))  # com a demonstração

    uf = recursos.por_uf(ator, filtro)
    assert len(uf) == 27
    for _, linha in uf.iterrows():
        assert linha["Total (R$)"] == por_uf_total.get(linha["UF"], D("0.00")), linha["UF"]
        assert linha["Destinado (R$)"] == por_uf_dest.get(linha["UF"], D("0.00")), linha["UF"]
        assert isinstance(linha["Total (R$)"], D) and isinstance(linha["Destinado (R$)"], D)
    assert sum(uf["Total (R$)"], D(0)) == esperado_total
    assert int(uf["Fluxos"].sum()) == N_FLUXOS

    serie = recursos.serie_mensal(ator, filtro)
    assert {(r["Mês"], r["Origem"]): r["Valor"] for _, r in serie.iterrows()} == dict(por_mes)
    assert sum(serie["Valor"], D(0)) == esperado_total
    assert list(serie["Mês"]) == sorted(serie["Mês"])

    for top_n in (3, 10, 10_000):
        sk = recursos.dados_sankey(ator, filtro, top_n=top_n)
        assert sum(sk["valor"], D(0)) == esperado_total, top_n
        assert all(isinstance(v, D) for v in sk["valor"])
        agrupado = defaultdict(D)
        for _, r in sk.iterrows():
            agrupado[(r["origem"], r["uf"], r["destino_tipo"])] += r["valor"]
        assert dict(agrupado) == dict(por_origem_uf), top_n


def test_somas_exatas_ao_centavo_sqlite(banco_limpo, demo_usuarios):
    """Dinheiro exato ao centavo (BRL; models/tipos.py guarda centavos inteiros): 5.000 valores de
    R$ 0,01 a R$ 12.345,67 somados no banco (totais, por UF, série mensal, Sankey) dão
    exatamente a soma em Decimal — no SQLite."""
    _conferir_somas_exatas(demo_usuarios["cnmp"])


@pytest.mark.postgres
def test_somas_exatas_ao_centavo_postgres(url_postgres):
    """Dinheiro exato ao centavo (BRL): as mesmas somas no PostgreSQL."""
    with demo_em(url_postgres) as dmf:
        _conferir_somas_exatas(dmf)
        # e uma volta pelos serviços de gravação e prestação de contas
        f = recursos.salvar_fluxo(dmf, dados(valor="42.360,01", status_prestacao="pendente"), hoje=HOJE)
        assert _prestacao(dmf, f.id)["Procedimento"] == "completo"
        _registrar(dmf, f, valor_aplicado="42.360,01")
        assert recarregar(f.id).valor_aplicado == D("42360.01")
        with pytest.raises(ErroValidacao):
            recursos.salvar_fluxo(dmf, dados(valor="42.360,01", status_prestacao="pendente"), hoje=HOJE)


def test_condicao_sql_igual_a_regra(banco_limpo, demo_usuarios):
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: a condição SQL da situação (para contar e
    paginar no banco) classifica cada fluxo exatamente como `situacao_prestacao`, nas fronteiras
    (prazo ontem, hoje, daqui a 30 e 31 dias, sem prazo) e em todos os status."""
    from dominio.recursos.regras import situacao_prestacao
    from models.recursos import STATUS_PRESTACAO

    dmf = demo_usuarios["dmf"]
    prazos = [None, HOJE - timedelta(days=1), HOJE, HOJE + timedelta(days=30), HOJE + timedelta(days=31)]
    casos = {}
    for i, (status, prazo) in enumerate((st, p) for st in STATUS_PRESTACAO for p in prazos):
        f = _pendente(dmf, valor=D(10 + i), prazo_prestacao=HOJE)
        with sessao() as s:  # direto no banco: combinações que o formulário não deixaria gravar
            r = s.get(FluxoRecurso, f.id)
            r.status_prestacao, r.prazo_prestacao = status, prazo
            s.add(r)
        casos[f.id] = situacao_prestacao(status=status, prazo=prazo, hoje=HOJE)
    with sessao() as s:
        for situacao in [*recursos.SITUACOES_PRESTACAO, "não exigida"]:
            ids = set(
                s.exec(
                    select(FluxoRecurso.id).where(
                        recursos.condicao_situacoes([situacao], HOJE), FluxoRecurso.id.in_(casos)
                    )
                )
            )
            assert ids == {i for i, sit in casos.items() if sit == situacao}, situacao
    resumo = recursos.resumo_prestacoes(dmf, HOJE)
    df = recursos.prestacoes(dmf, HOJE)
    for situacao in recursos.SITUACOES_PRESTACAO:
        assert resumo[situacao][0] == int((df["Situação"] == situacao).sum()), situacao
        assert resumo[situacao][1] == df.loc[df["Situação"] == situacao, "Valor (R$)"].sum(), situacao


def test_prestacoes_paginadas_no_banco_e_resumo_em_cache(banco_limpo, demo_usuarios):
    """A página lê só `por_pagina` linhas, pelo prazo; as páginas juntas são a lista inteira; o
    resumo por situação vem do cache até a próxima gravação."""
    dmf = demo_usuarios["dmf"]
    for i in range(7):
        _pendente(dmf, valor=D(200 + i), prazo_prestacao=HOJE - timedelta(days=10 + i))
    todas = recursos.prestacoes(dmf, HOJE, situacoes=["vencida"])
    assert len(todas) >= 7
    n_paginas = -(-len(todas) // 3)
    paginas = [
        recursos.prestacoes(dmf, HOJE, situacoes=["vencida"], pagina=n, por_pagina=3) for n in range(1, n_paginas + 2)
    ]
    assert [len(p) for p in paginas] == [3] * (n_paginas - 1) + [len(todas) - 3 * (n_paginas - 1), 0]
    juntas = pd.concat(paginas, ignore_index=True)
    assert list(juntas["id"]) == list(todas["id"]), "as páginas juntas são a lista inteira, na mesma ordem"
    assert list(todas["Prazo"]) == sorted(todas["Prazo"]), "pelo prazo, os mais atrasados primeiro"
    antes = recursos.resumo_prestacoes(dmf, HOJE)["vencida"][0]
    assert antes == len(todas)
    _pendente(dmf, valor=D("999.00"), prazo_prestacao=HOJE - timedelta(days=1))
    assert recursos.resumo_prestacoes(dmf, HOJE)["vencida"][0] == antes + 1, "gravar limpa o cache"
    with pytest.raises(AcessoNegado):
        recursos.resumo_prestacoes(None, HOJE)
