"""Importação de valores de indicadores (dominio/indicadores/importacao.py) e o comando
`manage.py import indicadores`: CSV (; ou ,; UTF-8 ou cp1252) e XLSX em formatos brasileiros, tudo
ou nada, cada problema com a linha da planilha e a coluna; o envio fica “enviado” com o
importador como quem informou (segregação de funções); reimportar não muda nada; ponto focal e
envios aprovados recusados; situação das unidades num período.

Os dados de demonstração são gerados para a data de hoje: o período aberto do Escritório de
Vitória e do Grupo do Paraná (unidades dos pontos focais de demonstração) começa vazio."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal as D

import openpyxl
import pandas as pd
import pytest
from sqlmodel import select

from core import relogio
from core.banco import sessao
from core.erros import AcessoNegado, ErroValidacao
from dominio.indicadores import coleta
from dominio.indicadores.importacao import (
    CABECALHOS,
    importar_valores,
    ler_desagregacao,
    modelo_xlsx,
    situacao_das_unidades,
)
from dominio.indicadores.regras import TransicaoInvalida
from dominio.indicadores.servicos import DadosIndicador, salvar_indicador
from models.indicadores import EnvioColeta, EventoRevisao, Indicador, PeriodoColeta, ValorIndicador, VersaoIndicador
from models.territorio import Municipio
from models.unidades import EscritorioSocial
from models.usuarios import RegistroAuditoria
from tests.apoio.banco import contar
from tests.apoio.coleta import periodo_mensal_id
from tests.apoio.erros import mensagens

HOJE = relogio.hoje()
MES = f"{HOJE.month:02d}/{HOJE.year}"
TRI = f"T{(HOJE.month - 1) // 3 + 1}/{HOJE.year}"
VITORIA = "3205309"
E_VALORES = {"E01": "10", "E02": "1.020", "E03": "8", "E04": "4", "E05": "3", "E06": "2", "E07": "1", "E08": "1"}


# --- utilidades -------------------------------------------------------------------------------------


def retrato() -> tuple[int, ...]:
    return tuple(contar(m) for m in (EnvioColeta, ValorIndicador, EventoRevisao, RegistroAuditoria))


def linha(
    tipo="Escritório",
    uf="ES",
    ibge=VITORIA,
    nome="",
    periodo=MES,
    codigo="E01",
    desag="Total",
    valor="",
    num="",
    den="",
    comentario="",
) -> list[str]:
    return [tipo, uf, ibge, nome, periodo, codigo, desag, valor, num, den, comentario]


def vitoria(**trocas) -> list[list[str]]:
    """Todos os totais do mês do Escritório de Vitória, mais duas desagregações de E01."""
    vals = {**E_VALORES, **trocas}
    return [linha(codigo=c, valor=v) for c, v in vals.items()] + [
        linha(codigo="E01", desag="Sexo: Feminino", valor="4"),
        linha(codigo="E01", desag="sexo:masculino", valor="6"),
    ]


def grupo_pr() -> list[list]:
    g = dict(tipo="Grupo", uf="PR", ibge="", periodo=TRI)
    return [
        linha(codigo=c, valor=v, **g)
        for c, v in (
            ("G02", 3),
            ("G04", 5),
            ("G05", 40),
            ("G06", 30),
            ("G09", 2),
            ("G10", 1),
            ("G11", 1200),
            ("G12", 15),
        )
    ] + [linha(codigo="G06", desag="Sexo: Feminino", valor=12, **g), linha(codigo="G13", num=1200.0, den=8500.0, **g)]


def csv_bytes(linhas, sep=";", codificacao="cp1252") -> bytes:
    texto = "\r\n".join(sep.join(str(c) for c in r) for r in [CABECALHOS, *linhas])
    return texto.encode(codificacao)


def xlsx_bytes(linhas) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Valores"
    ws.append(CABECALHOS)
    for r in linhas:
        ws.append([None if c == "" else c for c in r])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def envio_de(chave: str, periodicidade: str, ano: int, numero: int) -> EnvioColeta | None:
    with sessao() as s:
        per = s.exec(
            select(PeriodoColeta).where(
                PeriodoColeta.periodicidade == periodicidade, PeriodoColeta.ano == ano, PeriodoColeta.numero == numero
            )
        ).one()
        return s.exec(
            select(EnvioColeta).where(EnvioColeta.periodo_id == per.id, EnvioColeta.unidade_chave == chave)
        ).first()


def envio_vitoria() -> EnvioColeta | None:
    return envio_de("e:1", "mensal", HOJE.year, HOJE.month)


# --- modelo -------------------------------------------------------------------------------------------


def test_modelo_tem_valores_instrucoes_e_indicadores(demo_usuarios):
    wb = openpyxl.load_workbook(io.BytesIO(modelo_xlsx(demo_usuarios["dmf"], HOJE)))
    assert wb.sheetnames == ["Valores", "Instruções", "Indicadores"]
    assert [c.value for c in wb["Valores"][1]] == CABECALHOS
    assert wb["Valores"].max_row > 1, "linhas de exemplo"
    codigos = {r[0]: r for r in wb["Indicadores"].iter_rows(min_row=2, values_only=True)}
    assert {"E01", "E09", "G01", "G13"} <= set(codigos)
    assert codigos["E01"][4] == "Mensal" and "Sexo: Feminino" in codigos["E01"][8]
    assert codigos["G13"][4] == "Trimestral" and codigos["G13"][8] == "Total"


def test_desagregacao_aceita_rotulo_e_codigo():
    assert ler_desagregacao("") == "" and ler_desagregacao("TOTAL") == ""
    assert ler_desagregacao("Sexo: Feminino") == ler_desagregacao("sexo:feminino") == "sexo:feminino"
    assert ler_desagregacao("Raça/cor (IBGE): Preta") == ler_desagregacao("raca_cor : preta") == "raca_cor:preta"
    assert ler_desagregacao("Faixa etária: 18 a 24 anos") == "faixa_etaria:18_24"
    assert ler_desagregacao("Sexo: outro") is None


# --- importação que dá certo ------------------------------------------------------------------------------


def test_csv_importa_e_deixa_enviado_com_o_importador(banco_limpo, demo_usuarios):
    dmf = demo_usuarios["dmf"]
    assert envio_vitoria() is None
    r = importar_valores(dmf, "vitoria.csv", csv_bytes(vitoria()), hoje=HOJE)
    assert (r.linhas, r.envios, r.enviados, r.atualizados, r.sem_mudanca) == (10, 1, 1, 0, 0)
    e = envio_vitoria()
    assert e.status == "enviado" and e.enviado_em is not None and e.primeiro_envio_em == e.enviado_em
    with sessao() as s:
        valores = s.exec(select(ValorIndicador).where(ValorIndicador.envio_id == e.id)).all()
        eventos = s.exec(select(EventoRevisao).where(EventoRevisao.envio_id == e.id)).all()
    assert len(valores) == 10 and {v.informado_por_id for v in valores} == {dmf.id}
    assert {(v.desagregacao, v.valor) for v in valores} >= {("", D("1020")), ("sexo:feminino", D(4))}
    assert [(x.acao, x.de_status, x.para_status, x.usuario_email) for x in eventos] == [
        ("importado", "rascunho", "enviado", dmf.email)
    ]
    with pytest.raises(TransicaoInvalida, match="não pode validar"):
        coleta.validar(dmf, e.id, e.versao)  # quem importou não valida
    coleta.validar(demo_usuarios["admin"], e.id, e.versao)  # outra pessoa pode


def test_xlsx_com_numeros_em_celulas_e_separador_virgula(banco_limpo, demo_usuarios):
    r = importar_valores(demo_usuarios["admin"], "grupo.xlsx", xlsx_bytes(grupo_pr()), hoje=HOJE)
    assert (r.envios, r.enviados) == (1, 1)
    tri = (HOJE.month - 1) // 3 + 1
    e = envio_de("g:14", "trimestral", HOJE.year, tri)
    assert e.status == "enviado"
    with sessao() as s:
        g13 = s.exec(
            select(ValorIndicador).where(ValorIndicador.envio_id == e.id, ValorIndicador.numerador.is_not(None))
        ).one()
    assert (g13.numerador, g13.denominador) == (D(1200), D(8500))
    # o mesmo conteúdo em CSV com vírgula e UTF-8 é uma reimportação: nada muda
    linhas = [[str(c).replace(".0", "") for c in r] for r in grupo_pr()]
    r2 = importar_valores(
        demo_usuarios["admin"], "grupo.csv", csv_bytes(linhas, sep=",", codificacao="utf-8"), hoje=HOJE
    )
    assert (r2.enviados, r2.atualizados, r2.sem_mudanca) == (0, 0, 1)


def test_reimportar_o_mesmo_arquivo_nao_muda_nada(banco_limpo, demo_usuarios):
    conteudo = csv_bytes(vitoria())
    importar_valores(demo_usuarios["dmf"], "v.csv", conteudo, hoje=HOJE)
    antes, versao = retrato(), envio_vitoria().versao
    r = importar_valores(demo_usuarios["dmf"], "v.csv", conteudo, hoje=HOJE)
    assert (r.enviados, r.atualizados, r.sem_mudanca, r.valores_alterados) == (0, 0, 1, 0)
    assert retrato() == antes and envio_vitoria().versao == versao


def test_arquivo_alterado_atualiza_o_envio_ja_enviado(banco_limpo, demo_usuarios):
    importar_valores(demo_usuarios["dmf"], "v.csv", csv_bytes(vitoria()), hoje=HOJE)
    r = importar_valores(demo_usuarios["dmf"], "v.csv", csv_bytes(vitoria(E06="5")), hoje=HOJE)
    assert (r.atualizados, r.valores_alterados) == (1, 1)
    with sessao() as s:
        acoes = [x.acao for x in s.exec(select(EventoRevisao).where(EventoRevisao.envio_id == envio_vitoria().id))]
    assert acoes == ["importado", "importado"]


def test_indicadores_fora_do_arquivo_ficam_como_estao(banco_limpo, demo_usuarios):
    """O rascunho do ponto focal tem todos os totais; o arquivo corrige só E06 e envia."""
    pf = demo_usuarios["pf_escritorio"]
    f = coleta.formulario(pf, "escritorio", pf.escritorio_id, periodo_mensal_id(HOJE), HOJE)
    valores = [
        coleta.ValorInformado(it.versao.id, "", valor=D(E_VALORES[it.indicador.codigo].replace(".", "")))
        for it in f.itens
    ]
    coleta.salvar(pf, "escritorio", pf.escritorio_id, f.periodo.id, valores, hoje=HOJE, versao_envio=None)
    importar_valores(demo_usuarios["dmf"], "e06.csv", csv_bytes([linha(codigo="E06", valor="7")]), hoje=HOJE)
    e = envio_vitoria()
    with sessao() as s:
        por_informante = {
            v.valor: v.informado_por_id for v in s.exec(select(ValorIndicador).where(ValorIndicador.envio_id == e.id))
        }
    assert e.status == "enviado" and len(por_informante) >= 7
    assert por_informante[D(7)] == demo_usuarios["dmf"].id and por_informante[D(1020)] == pf.id


# --- recusas -------------------------------------------------------------------------------------------------


def test_linhas_ruins_com_linha_e_coluna_e_nada_gravado(banco_limpo, demo_usuarios):
    linhas = vitoria(E02="1x0") + [
        linha(codigo="E99", valor="1"),  # linha 12
        linha(codigo="E01", desag="Sexo: Outro", valor="1"),  # 13
        linha(codigo="E01", desag="Sexo: Feminino", valor="4"),  # 14: repete a 10
        linha(tipo="Fundo", codigo="E05", valor="1"),  # 15
        linha(ibge="1234", codigo="E05", valor="1"),  # 16
        linha(periodo="13/2026", codigo="E05", valor="1"),  # 17
        linha(periodo=TRI, codigo="E05", valor="1"),  # 18: E05 é mensal
        linha(tipo="Grupo", uf="PR", ibge="", codigo="E05", valor="1"),  # 19: E05 é de Escritório
        linha(codigo="E02", desag="Sexo: Feminino", valor="1"),  # 20: E02 não se desagrega
    ]
    antes = retrato()
    with pytest.raises(ErroValidacao) as exc:
        importar_valores(demo_usuarios["dmf"], "ruim.csv", csv_bytes(linhas), hoje=HOJE)
    texto = "\n".join(mensagens(exc))
    for esperado in (
        "Linha 3, campo “Valor”: “1x0” não é um número",
        "Linha 12, campo “Código do indicador”: o indicador E99 não existe",
        "Linha 13, campo “Desagregação”: “Sexo: Outro” não é uma desagregação conhecida",
        "Linha 14, campo “Desagregação”: repete a linha 10",
        "Linha 15, campo “Tipo de unidade”: “Fundo” não é Grupo nem Escritório",
        "Linha 16, campo “Código IBGE do município”: “1234” deve ter 7 dígitos",
        "Linha 17, campo “Período”: período “13/2026” não reconhecido",
        "Linha 18, campo “Período”: o indicador E05 é mensal",
        "Linha 19, campo “Código do indicador”: o indicador E05 é informado por Escritórios Sociais",
        "Linha 20, campo “Desagregação”: E02 não se desagrega por “Sexo: Feminino”",
    ):
        assert esperado in texto, f"{esperado!r} ausente de:\n{texto}"
    assert retrato() == antes


def test_valor_fora_do_tipo_e_total_faltando_apontam_a_linha(banco_limpo, demo_usuarios):
    linhas = [r for r in vitoria(E05="2,5") if r[5] != "E08"]  # E08 faltando
    with pytest.raises(ErroValidacao) as exc:
        importar_valores(demo_usuarios["dmf"], "ruim.csv", csv_bytes(linhas), hoje=HOJE)
    texto = "\n".join(mensagens(exc))
    assert "Linha 6, campo “Valor”: E05 (Total): contagem deve ser um número inteiro não negativo" in texto
    assert "Linha 2, campo “Código do indicador”" in texto and "E08 — Total: informe o total" in texto
    assert envio_vitoria() is None


def test_regra_que_impede_o_envio_aponta_a_linha(banco_limpo, demo_usuarios):
    antes = retrato()
    with pytest.raises(ErroValidacao) as exc:
        importar_valores(demo_usuarios["dmf"], "ruim.csv", csv_bytes(vitoria(E07="11")), hoje=HOJE)
    assert mensagens(exc) == [
        "Linha 8, campo “Valor”: Escritório Social de Vitória (ES), " + rotulo_mes() + " — regra de validação: "
        "Inseridos no trabalho não passam das pessoas atendidas: deveria valer E07 ≤ E01, mas E07 = 11 e E01 = 10"
    ]
    assert retrato() == antes


def rotulo_mes() -> str:
    from dominio.indicadores.regras import rotulo_periodo

    return rotulo_periodo("mensal", HOJE.year, HOJE.month)


def test_cabecalho_sem_coluna_obrigatoria(banco_limpo, demo_usuarios):
    conteudo = "Tipo de unidade;UF;Valor\nEscritório;ES;1".encode()
    with pytest.raises(ErroValidacao) as exc:
        importar_valores(demo_usuarios["dmf"], "x.csv", conteudo, hoje=HOJE)
    assert "Linha 1, campo “Período”: coluna obrigatória ausente" in "\n".join(mensagens(exc))


def test_ponto_focal_e_cnmp_nao_importam(banco_limpo, demo_usuarios):
    antes = retrato()
    with pytest.raises(AcessoNegado, match="feita pelo DMF"):
        importar_valores(demo_usuarios["pf_escritorio"], "v.csv", csv_bytes(vitoria()), hoje=HOJE)
    with pytest.raises(AcessoNegado):
        importar_valores(demo_usuarios["cnmp"], "v.csv", csv_bytes(vitoria()), hoje=HOJE)
    assert retrato() == antes


@pytest.mark.parametrize(
    "status,trecho",
    [("aprovado", "foi aprovado pelo CNMP: reabra-o"), ("validado", "foi validado pelo DMF: devolva-o")],
)
def test_envio_validado_ou_aprovado_e_recusado(banco_limpo, demo_usuarios, status, trecho):
    with sessao() as s:
        _, per, esc, mun = s.exec(
            select(EnvioColeta, PeriodoColeta, EscritorioSocial, Municipio)
            .join(PeriodoColeta, PeriodoColeta.id == EnvioColeta.periodo_id)
            .join(EscritorioSocial, EscritorioSocial.id == EnvioColeta.escritorio_id)
            .join(Municipio, Municipio.codigo_ibge == EscritorioSocial.municipio_codigo)
            .where(EnvioColeta.status == status, PeriodoColeta.periodicidade == "mensal")
        ).first()
    periodo = f"{per.numero:02d}/{per.ano}"
    linhas = [[r[0], mun.uf_sigla, str(mun.codigo_ibge), "", periodo, *r[5:]] for r in vitoria()]
    antes = retrato()
    with pytest.raises(ErroValidacao) as exc:
        importar_valores(demo_usuarios["dmf"], "v.csv", csv_bytes(linhas), hoje=HOJE)
    assert len(mensagens(exc)) == 1
    assert mensagens(exc)[0].startswith(f"Linha 2, campo “Período”: o envio de {esc.nome} ({mun.uf_sigla})")
    assert trecho in mensagens(exc)[0]
    assert retrato() == antes


# --- situação das unidades num período --------------------------------------------------------------------


def test_situacao_das_unidades(banco_limpo, demo_usuarios):
    pid = periodo_mensal_id(HOJE)
    df = situacao_das_unidades(demo_usuarios["cnmp"], pid, HOJE)
    assert list(df.columns) == [
        "Unidade",
        "Tipo",
        "UF",
        "Situação do envio",
        "Primeiro envio",
        "Último envio",
        "Entrega",
    ]
    assert set(df["Tipo"]) == {"Escritório Social"}  # no mês só Escritórios informam
    vit = df[df["Unidade"] == "Escritório Social de Vitória (ES)"].iloc[0]
    assert pd.isna(vit["Situação do envio"]) and vit["Entrega"] == "Aguardando (no prazo)"  # sem envio
    assert vit["Primeiro envio"] is None or pd.isna(vit["Primeiro envio"])
    importar_valores(demo_usuarios["dmf"], "v.csv", csv_bytes(vitoria()), hoje=HOJE)
    df = situacao_das_unidades(demo_usuarios["dmf"], pid, HOJE, uf="ES")
    assert set(df["UF"]) == {"ES"}
    vit = df[df["Unidade"] == "Escritório Social de Vitória (ES)"].iloc[0]
    assert (
        vit["Situação do envio"] == "enviado" and vit["Entrega"] == "Recebido no prazo"
    )  # o código; a tela põe o rótulo
    assert isinstance(vit["Último envio"], datetime)
    with pytest.raises(AcessoNegado):
        situacao_das_unidades(demo_usuarios["pf_escritorio"], pid, HOJE)


# --- manage.py import indicadores (subprocesso) ----------------------------------------------------------------


def test_cli_importa_e_nao_repete(banco_cli, tmp_path):
    from tests.apoio.cli import cli, consulta, ok

    arquivo = tmp_path / "vitoria.csv"
    arquivo.write_bytes(csv_bytes(vitoria()))
    r = ok(cli(banco_cli, "import", "indicadores", str(arquivo)))
    assert r.stdout.strip() == (
        "Importação concluída: 10 linha(s) lidas de 1 envio(s) (unidade e período); "
        "1 passaram a “enviado”, 0 já enviados foram atualizados e 0 não mudaram."
    )
    sql = (
        "SELECT e.status, e.versao FROM envio_coleta e JOIN periodo_coleta p ON p.id = e.periodo_id "
        "WHERE e.unidade_chave = 'e:1' AND p.periodicidade = 'mensal' AND p.ano = ? AND p.numero = ?"
    )
    ((status, versao),) = consulta(banco_cli, sql, HOJE.year, HOJE.month)
    assert status == "enviado"
    r = ok(cli(banco_cli, "import", "indicadores", str(arquivo)))
    assert "0 passaram a “enviado”, 0 já enviados foram atualizados e 1 não mudaram." in r.stdout
    assert consulta(banco_cli, sql, HOJE.year, HOJE.month) == [(status, versao)]


def test_cli_recusa_com_linhas_e_nao_grava(banco_cli, tmp_path):
    from tests.apoio.cli import cli, falha
    from tests.apoio.cli import retrato as retrato_cli

    arquivo = tmp_path / "ruim.csv"
    arquivo.write_bytes(csv_bytes(vitoria(E02="abc")))
    antes = retrato_cli(banco_cli)
    falha(
        cli(banco_cli, "import", "indicadores", str(arquivo)),
        1,
        "nada foi importado",
        "1 problema(s) em ruim.csv",
        "Linha 3, campo “Valor”: “abc” não é um número",
    )
    assert retrato_cli(banco_cli) == antes


def test_cli_arquivo_inexistente(banco_cli, tmp_path):
    from tests.apoio.cli import cli, falha

    falha(cli(banco_cli, "import", "indicadores", str(tmp_path / "nao_existe.csv")), 1, "não encontrado")


def test_verdadeiro_e_falso_do_excel_so_valem_nos_indicadores_sim_nao(banco_limpo, demo_usuarios):
    """Uma célula VERDADEIRO/FALSO do XLSX vale 1/0 num indicador sim/não e é recusada numa
    contagem (antes, valia 1 em qualquer indicador: o bool do Python é um int)."""
    dmf = demo_usuarios["dmf"]
    dados = DadosIndicador(
        codigo="E99",
        alvo="escritorio",
        nome="Tem parceria com o Sistema S",
        definicao="O Escritório tem parceria vigente com alguma entidade do Sistema S.",
        unidade_medida="sim/não",
        tipo="sim_nao",
        periodicidade="mensal",
        meta_letra="e",
    )
    salvar_indicador(dmf, dados)
    contagem_verdadeira = [linha(codigo=c, valor=True if c == "E03" else v) for c, v in E_VALORES.items()]
    with pytest.raises(ErroValidacao) as exc:
        importar_valores(dmf, "v.xlsx", xlsx_bytes(contagem_verdadeira), hoje=HOJE)
    assert any("“Verdadeiro” não é um número" in m for m in mensagens(exc)), mensagens(exc)
    assert envio_vitoria() is None

    importar_valores(dmf, "v.xlsx", xlsx_bytes([*vitoria(), linha(codigo="E99", valor=False)]), hoje=HOJE)
    with sessao() as s:
        e99 = s.exec(
            select(ValorIndicador.valor)
            .join(VersaoIndicador, VersaoIndicador.id == ValorIndicador.versao_indicador_id)
            .join(Indicador, Indicador.id == VersaoIndicador.indicador_id)
            .where(ValorIndicador.envio_id == envio_vitoria().id, Indicador.codigo == "E99")
        ).all()
    assert e99 == [D(0)]
