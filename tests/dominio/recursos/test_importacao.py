"""Importação de planilhas de fluxos (dominio/recursos/importacao.py) e o comando
`manage.py import fluxos`: CSV (; ou ,; UTF-8 ou cp1252) e XLSX em formatos brasileiros, tudo
ou nada, sem repetir linhas já importadas (chave natural), com cada problema apontado por linha
e campo em pt-BR.

Em todo caso de falha confere-se que nada foi gravado: nem fluxos nem registros na trilha de
auditoria. A data de hoje é sempre passada aos serviços (HOJE fixo); a CLI usa a do relógio,
por isso os arquivos dela só têm datas passadas."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal as D

import openpyxl
import pytest
from sqlmodel import func, select

from comum import planilhas
from core.banco import sessao
from core.erros import AcessoNegado, ErroValidacao
from dominio.recursos import importacao as imp
from dominio.recursos.importacao import CABECALHOS, modelo_xlsx
from models.recursos import FluxoRecurso
from models.unidades import EscritorioSocial, FundoMunicipal
from models.usuarios import RegistroAuditoria
from tests.apoio.banco import contar
from tests.apoio.fluxos import doacao
from tests.apoio.importacao_fluxos import (
    CAMPOS,
    CNPJ_OK,
    HOJE,
    NITEROI,
    PROCESSO_TJRJ,
    RIO,
    SAO_GONCALO,
    csv_bytes,
    fundo_de,
    importar,
    linha,
    linha_tac,
    linhas_geradas,
    xlsx_bytes,
)

# --- utilidades -------------------------------------------------------------------------------


def retrato() -> tuple[int, int]:
    return contar(FluxoRecurso), contar(RegistroAuditoria)


def recusar(ator, conteudo: bytes, nome: str = "fluxos.csv") -> list:
    """Importa esperando recusa; confere que nada foi gravado; devolve os problemas."""
    antes = retrato()
    with pytest.raises(ErroValidacao) as exc:
        importar(ator, conteudo, nome)
    assert retrato() == antes, "a importação recusada gravou algo"
    return exc.value.problemas


def fluxos_do_orgao(trecho: str) -> list[FluxoRecurso]:
    with sessao() as s:
        return list(
            s.exec(select(FluxoRecurso).where(FluxoRecurso.orgao_origem.contains(trecho)).order_by(FluxoRecurso.id))
        )


@pytest.fixture
def dmf(banco_limpo, demo_usuarios):
    return demo_usuarios["dmf"]


# --- arquivos válidos ---------------------------------------------------------------------------


def test_csv_ponto_e_virgula_utf8(dmf):
    """CSV com ; em UTF-8: fundo, escritório e projeto; TAC destinado com justificativa (Res.
    Conjunta CNJ/CNMP 10/2024, art. 6º); valores exatos ao centavo."""
    linhas = [
        linha(),
        linha(destino_tipo="Escritório Social", destino_ibge=NITEROI, valor="0,01", status_prestacao=""),
        linha_tac(
            orgao_origem="MPRJ — 1ª PJ (importação)",
            destino_nome="Projeto Recomeçar",
            valor="1.000.000,00",
            justificativa="Edital 1/2024 (projeto aprovado).",
            status_prestacao="Não exigida",
        ),
    ]
    n, trilha = retrato()
    r = importar(dmf, csv_bytes(linhas))
    assert (r.linhas, r.incluidas, r.ja_existentes) == (3, 3, 0)
    assert contar(FluxoRecurso) == n + 3 and contar(RegistroAuditoria) == trilha + 3
    f1, f2 = fluxos_do_orgao("VEP (importação)")
    assert (
        f1.valor,
        f1.fundo_id,
        f1.processo,
        f1.etapa,
        f1.status_prestacao,
        f1.prazo_prestacao,
        f1.data_referencia,
    ) == (D("12345.67"), fundo_de(RIO), PROCESSO_TJRJ, "transferido", "pendente", date(2024, 10, 2), date(2024, 4, 2))
    with sessao() as s:
        esc_niteroi = s.exec(select(EscritorioSocial.id).where(EscritorioSocial.municipio_codigo == int(NITEROI))).one()
    assert (f2.valor, f2.destino_tipo, f2.escritorio_id, f2.fundo_id, f2.status_prestacao) == (
        D("0.01"),
        "escritorio",
        esc_niteroi,
        None,
        "nao_exigida",
    )
    (tac,) = fluxos_do_orgao("MPRJ — 1ª PJ (importação)")
    assert (tac.valor, tac.destino_cnpj, tac.destino_nome, tac.justificativa, tac.processo) == (
        D("1000000.00"),
        "11222333000181",
        "Projeto Recomeçar",
        "Edital 1/2024 (projeto aprovado).",
        None,
    )
    with sessao() as s:
        reg = s.exec(
            select(RegistroAuditoria).where(
                RegistroAuditoria.entidade == "fluxo_recurso", RegistroAuditoria.entidade_id == str(tac.id)
            )
        ).one()
    assert reg.usuario_email == "dmf@demo.pnat.jus.br"


def test_csv_virgula_em_cp1252(dmf):
    """CSV com , em Windows-1252 (o Excel brasileiro): acentos lidos corretamente; valores com
    vírgula decimal entre aspas."""
    linhas = [
        linha(orgao_origem="TJRJ — Comarca de São Gonçalo — Vara Única (importação)", valor="1.234,56"),
        linha(tipo_origem="Suspensão condicional do processo", valor="99,90"),
    ]
    conteudo = csv_bytes(linhas, sep=",", codificacao="cp1252")
    assert "Prestação pecuniária".encode("cp1252") in conteudo and b'"1.234,56"' in conteudo
    with pytest.raises(UnicodeDecodeError):
        conteudo.decode("utf-8")
    r = importar(dmf, conteudo)
    assert (r.incluidas, r.ja_existentes) == (2, 0)
    (f,) = fluxos_do_orgao("São Gonçalo")
    assert (f.orgao_origem, f.valor, f.tipo_origem) == (
        "TJRJ — Comarca de São Gonçalo — Vara Única (importação)",
        D("1234.56"),
        "prestacao_pecuniaria",
    )
    (g,) = [x for x in fluxos_do_orgao("VEP (importação)") if x.tipo_origem == "suspensao_condicional"]
    assert g.valor == D("99.90")


def test_csv_utf8_com_bom_e_quebras_de_linha_unix(dmf):
    """CSV salvo pelo Excel como "UTF-8 com BOM", com linhas em branco no fim."""
    conteudo = b"\xef\xbb\xbf" + csv_bytes([linha()]).replace(b"\r\n", b"\n") + b"\n;;;\n\n"
    assert importar(dmf, conteudo).incluidas == 1


def test_xlsx_com_celulas_numericas_e_datas(dmf):
    """XLSX montado no openpyxl: número do IBGE e valor como números, datas como datas do Excel."""
    cel = linha(
        valor=1234.56,
        destino_ibge=int(RIO),
        data_destinacao=datetime(2024, 3, 10),
        data_transferencia=date(2024, 4, 2),
        prazo_prestacao=datetime(2024, 10, 2),
    )
    cel2 = linha(
        valor=7, destino_ibge=int(RIO), data_destinacao=datetime(2024, 3, 10), data_transferencia=datetime(2024, 4, 2)
    )
    r = importar(dmf, xlsx_bytes([[cel.get(c, "") for c in CAMPOS], [cel2.get(c, "") for c in CAMPOS]]), "fluxos.xlsx")
    assert (r.linhas, r.incluidas) == (2, 2)
    fs = fluxos_do_orgao("VEP (importação)")
    assert sorted(f.valor for f in fs) == [D("7.00"), D("1234.56")]
    assert {f.data_transferencia for f in fs} == {date(2024, 4, 2)}
    assert {f.prazo_prestacao for f in fs} == {date(2024, 10, 2)}


def test_xlsx_usa_a_aba_fluxos_mesmo_que_nao_seja_a_primeira(dmf):
    """O modelo tem as abas "Fluxos" e "Instruções"; a ordem delas não importa."""
    wb = openpyxl.Workbook()
    wb.active.title = "Instruções"
    wb.active.append(["nada aqui"])
    ws = wb.create_sheet("Fluxos")
    ws.append(CABECALHOS)
    ws.append([linha().get(c, "") for c in CAMPOS])
    buf = io.BytesIO()
    wb.save(buf)
    assert importar(dmf, buf.getvalue(), "planilha.XLSX").incluidas == 1


def test_modelo_xlsx_importa_como_esta(dmf):
    """O modelo baixável (aba "Fluxos" com a linha de exemplo) entra como está num banco que tem o
    Fundo do Rio de Janeiro (município 3304557), e a aba "Instruções" descreve cada coluna."""
    modelo = modelo_xlsx()
    wb = openpyxl.load_workbook(io.BytesIO(modelo))
    assert wb.sheetnames == ["Fluxos", "Instruções"]
    assert [c.value for c in wb["Fluxos"][1]] == CABECALHOS
    assert [
        r[0] for r in wb["Instruções"].iter_rows(min_row=2, max_row=len(CABECALHOS) + 1, values_only=True)
    ] == CABECALHOS
    n = contar(FluxoRecurso)
    r = importar(dmf, modelo, "modelo_fluxos_recursos.xlsx")
    assert (r.linhas, r.incluidas, r.ja_existentes) == (1, 1, 0)
    assert contar(FluxoRecurso) == n + 1
    (f,) = fluxos_do_orgao("TJRJ — Comarca da Capital — VEP")
    assert (f.tipo_origem, f.uf_origem, f.processo, f.fundo_id, f.valor, f.etapa) == (
        "prestacao_pecuniaria",
        "RJ",
        PROCESSO_TJRJ,
        fundo_de(RIO),
        D("12345.67"),
        "transferido",
    )
    assert (f.data_destinacao, f.data_transferencia, f.status_prestacao, f.prazo_prestacao) == (
        date(2024, 3, 10),
        date(2024, 4, 2),
        "pendente",
        date(2024, 10, 2),
    )


def test_reimportar_o_mesmo_arquivo_nao_inclui_nada(dmf):
    """Chave natural (origem, órgão, UF, processo, destino, valor, primeira data): reimportar o
    mesmo arquivo inclui 0 e informa quantas já existiam; um arquivo com uma linha nova e uma
    velha inclui só a nova."""
    linhas = [linha(valor=f"{i},00") for i in range(1, 6)]
    conteudo = csv_bytes(linhas)
    assert importar(dmf, conteudo).incluidas == 5
    antes = retrato()
    r = importar(dmf, conteudo)
    assert (r.linhas, r.incluidas, r.ja_existentes) == (5, 0, 5)
    assert retrato() == antes
    # o mesmo conteúdo em XLSX, com espaços e caixa diferentes no órgão, também é reconhecido
    variantes = [
        linha(
            valor=f"{i},00",
            orgao_origem="  tjrj — COMARCA da capital —  vep (importação) ",
            processo="00589677720168190000",
        )
        for i in range(1, 6)
    ]
    r = importar(dmf, xlsx_bytes([[v.get(c, "") for c in CAMPOS] for v in variantes]), "de_novo.xlsx")
    assert (r.incluidas, r.ja_existentes) == (0, 5)
    r = importar(dmf, csv_bytes([linha(valor="1,00"), linha(valor="6,00")]))
    assert (r.linhas, r.incluidas, r.ja_existentes) == (2, 1, 1)
    assert retrato()[0] == antes[0] + 1


def test_rotulos_sem_acento_e_sem_caixa_e_codigos(dmf):
    """As opções são aceitas pelo rótulo (sem acento nem caixa) ou pelo código; os cabeçalhos
    também, e em qualquer ordem, com colunas a mais ignoradas."""
    cab = [h.upper() for h in CABECALHOS]
    cab[CAMPOS.index("orgao_origem")] = "orgao de origem"
    cab[CAMPOS.index("valor")] = "valor r$"
    linhas = [
        linha(
            tipo_origem="prestacao pecuniaria",
            orgao_tipo="TRIBUNAL (COMARCA/VARA)",
            destino_tipo="FUNDO MUNICIPAL",
            etapa="transferido",
            status_prestacao="PENDENTE",
            valor="1,00",
        ),
        linha(
            tipo_origem="prestacao_pecuniaria",
            orgao_tipo="tribunal",
            destino_tipo="fundo",
            etapa="TRANSFERIDO",
            status_prestacao="pendente",
            valor="2,00",
        ),
        linha(
            tipo_origem="  Prestacão   Pecuniária ",
            destino_tipo="Fundo municipal",
            etapa="Transferído",
            status_prestacao="nao exigida",
            valor="3,00",
        ),
        linha(
            tipo_origem="ACORDO DE NAO PERSECUCAO PENAL (ANPP)",
            processo="",
            valor="4,00",
            destino_tipo="escritorio social",
            destino_ibge=NITEROI,
            status_prestacao="Não exigida",
        ),
    ]
    assert importar(dmf, csv_bytes(linhas, cabecalhos=cab)).incluidas == 4
    fs = fluxos_do_orgao("VEP (importação)")
    assert [(f.tipo_origem, f.destino_tipo, f.etapa, f.status_prestacao) for f in fs] == [
        ("prestacao_pecuniaria", "fundo", "transferido", "pendente"),
        ("prestacao_pecuniaria", "fundo", "transferido", "pendente"),
        ("prestacao_pecuniaria", "fundo", "transferido", "nao_exigida"),
        ("anpp", "escritorio", "transferido", "nao_exigida"),
    ]
    # colunas fora de ordem e uma a mais
    ordem = list(reversed(CABECALHOS)) + ["Observação do tribunal"]
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=";")
    w.writerow(ordem)
    r = linha(valor="5,00")
    w.writerow([r.get(CAMPOS[CABECALHOS.index(h)], "") for h in reversed(CABECALHOS)] + ["qualquer coisa"])
    assert importar(dmf, buf.getvalue().encode()).incluidas == 1


def test_progresso_chega_a_um(dmf):
    """A página mostra o progresso da validação; termina em 100%."""
    vistos = []
    importar(dmf, csv_bytes([linha(valor=f"{i},00") for i in range(1, 4)]), progresso=vistos.append)
    assert vistos[-1] == 1.0


# --- recusas: tudo ou nada, com linha e campo --------------------------------------------------

# (campos da linha, campo do problema, trecho da mensagem): um caso por tipo de campo ruim
LINHAS_RUINS = [
    ({"valor": "-5,00"}, "valor", "deve ser maior que zero"),
    ({"valor": "0"}, "valor", "deve ser maior que zero"),
    ({"valor": "abc"}, "Valor (R$)", "valor monetário inválido “abc”"),
    ({"valor": "12,345"}, "Valor (R$)", "tem mais de duas casas decimais"),
    ({"valor": ""}, "valor", "informe o valor"),
    ({"data_destinacao": "31/02/2024"}, "Data da destinação", "data inválida “31/02/2024”: use o formato DD/MM/AAAA"),
    ({"prazo_prestacao": "2024-13-01"}, "Prazo da prestação de contas", "data inválida"),
    ({"data_transferencia": "01/07/2025"}, "data — transferido", "a data 01/07/2025 está no futuro"),
    ({"data_transferencia": "09/03/2024"}, "data — transferido", "é anterior à data de “Destinado”"),
    ({"data_aplicacao": "05/05/2024"}, "data — aplicado", "ainda não foi alcançada"),
    ({"data_transferencia": ""}, "data — transferido", "exige esta data"),
    (
        {"destino_ibge": "9999999"},
        "Código IBGE do município de destino",
        "município 9999999 não existe no cadastro do IBGE",
    ),
    ({"destino_ibge": "330455"}, "Código IBGE do município de destino", "“330455” deve ter 7 dígitos"),
    ({"destino_ibge": ""}, "Código IBGE do município de destino", "deve ter 7 dígitos"),
    ({"destino_ibge": "Rio"}, "Código IBGE do município de destino", "deve ter 7 dígitos"),
    (
        {"destino_ibge": NITEROI},
        "Código IBGE do município de destino",
        f"o município {NITEROI} não tem Fundo Municipal cadastrado",
    ),
    (
        {"destino_tipo": "Escritório Social", "destino_ibge": SAO_GONCALO},
        "Código IBGE do município de destino",
        "o município não tem Escritório Social cadastrado",
    ),
    (
        {
            "destino_tipo": "Projeto ou entidade",
            "destino_ibge": "",
            "destino_nome": "Projeto X",
            "destino_cnpj": "11.222.333/0001-82",
        },
        "CNPJ do destino",
        "dígitos verificadores não conferem",
    ),
    (
        {"destino_tipo": "Projeto ou entidade", "destino_ibge": "", "destino_nome": "Projeto X"},
        "CNPJ do destino",
        "obrigatório para projeto ou entidade",
    ),
    ({"processo": "0058967-78.2016.8.19.0000"}, "número do processo", "dígitos verificadores não conferem"),
    ({"processo": "58967-77.2016"}, "número do processo", "fora do formato NNNNNNN-DD.AAAA.J.TR.OOOO"),
    ({"processo": ""}, "número do processo", "obrigatório para prestação pecuniária"),
    ({"tipo_origem": "Loteria"}, "Tipo de origem", "“Loteria” não é uma opção válida"),
    ({"tipo_origem": ""}, "Tipo de origem", "“” não é uma opção válida"),
    ({"orgao_tipo": "Cartório"}, "Tipo do órgão de origem", "não é uma opção válida"),
    ({"destino_tipo": "Conta"}, "Tipo de destino", "não é uma opção válida"),
    ({"etapa": "Pago"}, "Etapa", "“Pago” não é uma opção válida"),
    ({"status_prestacao": "Atrasada"}, "Situação da prestação de contas", "não é uma opção válida"),
    ({"status_prestacao": "Apresentada"}, "data da prestação de contas", "informe quando foi apresentada"),
    ({"uf_origem": "XX"}, "UF de origem", "UF “XX” não existe"),
    ({"orgao_origem": "   "}, "órgão de origem", "informe o tribunal"),
    (
        {"tipo_origem": "TAC", "orgao_tipo": "Ministério Público (ramo/unidade)", "processo": ""},
        "justificativa",
        "exige justificativa escrita (Res. Conjunta CNJ/CNMP 10/2024, art. 6º)",
    ),
]


@pytest.mark.parametrize(("kw", "campo", "trecho"), LINHAS_RUINS, ids=lambda x: x if isinstance(x, str) else None)
def test_linha_ruim_recusa_o_arquivo_inteiro(dmf, kw, campo, trecho):
    """Tudo ou nada: uma linha com problema (aqui a 3, depois de uma boa) recusa o arquivo; a
    mensagem diz "Linha N", o campo e o que corrigir; nada é gravado (fluxos e trilha)."""
    ps = recusar(dmf, csv_bytes([linha(valor="1,00"), linha(**kw)]))
    campo = imp.CAMPO_PARA_COLUNA.get(campo, campo)  # o relatório usa o cabeçalho da planilha
    assert campo in imp.CABECALHOS or campo == "linha inteira", campo
    ps_linha = [p for p in ps if p.campo == campo]
    assert ps_linha, [str(p) for p in ps]
    p = ps_linha[0]
    assert p.linha == 3 and trecho in p.mensagem, str(p)
    assert str(p).startswith(f"Linha 3, campo “{campo}”: ")
    assert all(x.linha == 3 for x in ps)


def test_fracao_de_centavo_em_celula_numerica_e_recusada(dmf):
    """Dinheiro exato ao centavo (models/tipos.py): fração de centavo é recusada, não arredondada
    em silêncio — também numa célula numérica do Excel; 0,1 + 0,2 calculado no Excel
    (0,30000000000000004) é lido como 0,30."""
    ps = recusar(dmf, xlsx_bytes([[linha(valor=10.555).get(c, "") for c in CAMPOS]]), "f.xlsx")
    assert [str(p) for p in ps] == ["Linha 2, campo “Valor (R$)”: valor “10,555” tem mais de duas casas decimais"]
    r = importar(dmf, xlsx_bytes([[linha(valor=0.1 + 0.2).get(c, "") for c in CAMPOS]]), "g.xlsx")
    assert r.incluidas == 1 and fluxos_do_orgao("VEP (importação)")[0].valor == D("0.30")


def test_todas_as_linhas_ruins_sao_listadas(dmf):
    """Tudo ou nada: a lista traz todos os problemas de todas as linhas, cada um com a sua linha."""
    ps = recusar(
        dmf,
        csv_bytes(
            [
                linha(valor="abc"),
                linha(valor="2,00"),
                linha(data_destinacao="31/02/2024"),
                linha(destino_ibge="123", uf_origem="XX"),
            ]
        ),
    )
    assert sorted((p.linha, p.campo) for p in ps) == [
        (2, "Valor (R$)"),
        (4, "Data da destinação"),
        (5, "Código IBGE do município de destino"),
    ]
    ps = recusar(dmf, csv_bytes([linha(uf_origem="XX", processo="1")]))
    assert sorted(p.campo for p in ps) == ["Número do processo", "UF de origem"]
    assert all(str(p).startswith("Linha 2, campo ") for p in ps)


def test_linha_repetida_no_arquivo_cita_as_duas_linhas(dmf):
    """Chave natural: a mesma linha duas vezes no arquivo é recusada, citando a primeira; mesmo
    com espaços e caixa diferentes no órgão."""
    ps = recusar(
        dmf,
        csv_bytes([linha(), linha(valor="2,00"), linha(orgao_origem="tjrj —  comarca da capital — vep (IMPORTAÇÃO)")]),
    )
    assert [str(p) for p in ps] == [
        "Linha 4, campo “linha inteira”: repete a linha 2 (mesma origem, destino, valor e data)"
    ]


def test_coluna_obrigatoria_ausente(dmf):
    """O cabeçalho (linha 1) tem de trazer todas as colunas obrigatórias; a mensagem nomeia cada uma."""
    sem = [h for h in CABECALHOS if h not in ("Valor (R$)", "Etapa")]
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=";")
    w.writerow(sem)
    w.writerow(["x"] * len(sem))
    ps = recusar(dmf, buf.getvalue().encode())
    assert [(p.linha, p.campo) for p in ps] == [(1, "Valor (R$)"), (1, "Etapa")]
    assert str(ps[0]) == (
        "Linha 1, campo “Valor (R$)”: coluna obrigatória ausente no cabeçalho (baixe o modelo na página Recursos)"
    )
    ps = recusar(dmf, csv_bytes([linha()], cabecalhos=["Coluna A"] + CABECALHOS[1:]))
    assert [p.campo for p in ps] == ["Tipo de origem"]


@pytest.mark.parametrize(
    ("nome", "conteudo", "trecho"),
    [
        ("vazio.csv", b"", "“vazio.csv” está vazio"),
        ("branco.csv", b"  \r\n\n ", "“branco.csv” está vazio"),
        ("cabecalho.csv", (";".join(CABECALHOS) + "\r\n").encode(), "não há linhas de dados abaixo do cabeçalho"),
        (
            "cabecalho.csv",
            (";".join(CABECALHOS) + "\r\n;;;\r\n\r\n").encode(),
            "não há linhas de dados abaixo do cabeçalho",
        ),
        ("cabecalho.xlsx", None, "não há linhas de dados abaixo do cabeçalho"),
        ("fluxos.pdf", b"%PDF-1.4", "“fluxos.pdf”: envie CSV ou XLSX"),
        ("quebrado.xlsx", b"PK\x03\x04 isto nao e um zip", "não foi possível ler a planilha XLSX"),
        ("bytes.csv", b"Tipo de origem;\x81\x8d\x8f\x90\x9d\n", "a codificação não é UTF-8 nem Windows (cp1252)"),
    ],
)
def test_arquivo_vazio_sem_dados_ou_ilegivel(dmf, nome, conteudo, trecho):
    """Arquivo vazio, só com cabeçalho, de outro formato, corrompido ou em codificação ilegível:
    recusado com uma mensagem clara sobre o arquivo."""
    if conteudo is None:
        conteudo = xlsx_bytes([])
    ps = recusar(dmf, conteudo, nome)
    assert len(ps) == 1 and ps[0].campo == "arquivo" and trecho in ps[0].mensagem, str(ps[0])


def test_csv_em_utf16_e_recusado_com_mensagem_clara(dmf):
    """Um CSV salvo em UTF-16 ("Unicode" do Excel) não vira lixo lido como cp1252: é recusado
    dizendo que a codificação não serve."""
    for conteudo in (csv_bytes([linha()], codificacao="utf-16"), csv_bytes([linha()], codificacao="utf-16-le")):
        ps = recusar(dmf, conteudo)
        assert len(ps) == 1 and ps[0].campo == "arquivo", [str(p) for p in ps]
        assert "codificação" in ps[0].mensagem and "UTF-8" in ps[0].mensagem


def test_arquivo_acima_de_20_mb_recusado_antes_de_ler(dmf, monkeypatch):
    """Limite de 20 MB por arquivo: recusado pelo tamanho, antes de qualquer leitura do conteúdo."""

    def nao_ler(*_):
        raise AssertionError("o arquivo grande não deveria ser lido")

    monkeypatch.setattr(planilhas, "_linhas_csv", nao_ler)
    monkeypatch.setattr(planilhas, "_linhas_xlsx", nao_ler)
    monkeypatch.setattr(planilhas, "_decodificar", nao_ler)
    grande = csv_bytes([linha()]) + b"x" * (21 * 1024 * 1024)
    ps = recusar(dmf, grande, "fluxos.2024.csv")
    assert [str(p) for p in ps] == [
        "Campo “arquivo”: “fluxos.2024.csv” tem 21,0 MB; o limite é 20 MB. Divida-o em partes."
    ]
    assert recusar(dmf, b"PK" + grande, "planilha.xlsx")[0].mensagem.startswith("“planilha.xlsx” tem 21,0 MB")


def test_exatamente_20_mb_nao_e_recusado_pelo_tamanho(dmf, monkeypatch):
    """Limite de 20 MB: o próprio limite é aceito (o que vem depois é a leitura normal)."""
    lido = []
    monkeypatch.setattr(planilhas, "_linhas_csv", lambda _n, c, _lim: lido.append(len(c)) or [CABECALHOS])
    conteudo = b"x" * imp.TAMANHO_MAX
    ps = recusar(dmf, conteudo)
    assert lido == [imp.TAMANHO_MAX] and "não há linhas de dados" in ps[0].mensagem


@pytest.mark.parametrize("quem", ["cnmp", "pf_grupo", "pf_escritorio", None])
def test_quem_nao_edita_nao_importa(banco_limpo, demo_usuarios, quem):
    """Acesso (`recursos.editar`: administrador e DMF): os demais não importam, e nada é gravado."""
    antes = retrato()
    with pytest.raises(AcessoNegado):
        importar(demo_usuarios[quem] if quem else None, csv_bytes([linha()]))
    assert retrato() == antes


def test_admin_importa_e_sistema_sem_ator(banco_limpo, demo_usuarios):
    """Acesso: o administrador importa; a CLI importa como "sistema" (sem ator), na trilha."""
    assert importar(demo_usuarios["admin"], csv_bytes([linha(valor="1,00")])).incluidas == 1
    assert importar(None, csv_bytes([linha(valor="2,00")]), sistema=True).incluidas == 1
    (f,) = [x for x in fluxos_do_orgao("VEP (importação)") if x.valor == D("2.00")]
    with sessao() as s:
        reg = s.exec(
            select(RegistroAuditoria).where(
                RegistroAuditoria.entidade == "fluxo_recurso", RegistroAuditoria.entidade_id == str(f.id)
            )
        ).one()
    assert (reg.usuario_id, reg.usuario_email) == (None, "sistema")


# --- manage.py import fluxos (subprocesso) ------------------------------------------------------


def test_cli_importa_e_nao_repete(banco_cli, tmp_path):
    """`manage.py import fluxos ARQUIVO`: sai com 0 e o resumo em pt-BR; a segunda execução não
    inclui nada."""
    from tests.apoio.cli import cli, ok
    from tests.apoio.cli import contar as contar_cli

    arquivo = tmp_path / "fluxos.csv"
    arquivo.write_bytes(csv_bytes([linha(valor="1,00"), linha(valor="2,00")], sep=",", codificacao="cp1252"))
    n = contar_cli(banco_cli, "fluxo_recurso")
    r = ok(cli(banco_cli, "import", "fluxos", str(arquivo)))
    assert r.stdout.strip() == (
        "Importação concluída: 2 linha(s) lidas, 2 fluxo(s) incluído(s), 0 já existiam e foram ignorados."
    )
    assert contar_cli(banco_cli, "fluxo_recurso") == n + 2
    r = ok(cli(banco_cli, "import", "fluxos", str(arquivo)))
    assert r.stdout.strip() == (
        "Importação concluída: 2 linha(s) lidas, 0 fluxo(s) incluído(s), 2 já existiam e foram ignorados."
    )
    assert contar_cli(banco_cli, "fluxo_recurso") == n + 2


def test_cli_modelo_xlsx(banco_cli, tmp_path):
    """`manage.py import fluxos` lê o modelo XLSX como está."""
    from tests.apoio.cli import cli, ok

    arquivo = tmp_path / "modelo.xlsx"
    arquivo.write_bytes(modelo_xlsx())
    assert "1 fluxo(s) incluído(s)" in ok(cli(banco_cli, "import", "fluxos", str(arquivo))).stdout


def test_cli_recusa_com_linhas_e_nao_grava(banco_cli, tmp_path):
    """`manage.py import fluxos`: com problemas, sai com 1, lista "Linha N" no stderr e não grava
    nada (todas as tabelas com a mesma contagem)."""
    from tests.apoio.cli import cli, falha
    from tests.apoio.cli import retrato as retrato_cli

    arquivo = tmp_path / "ruim.csv"
    arquivo.write_bytes(csv_bytes([linha(valor="1,00"), linha(valor="abc"), linha(data_destinacao="31/02/2024")]))
    antes = retrato_cli(banco_cli)
    r = falha(
        cli(banco_cli, "import", "fluxos", str(arquivo)),
        1,
        "nada foi importado",
        "2 problema(s) em ruim.csv",
        "Linha 3, campo “Valor (R$)”",
        "Linha 4, campo “Data da destinação”",
    )
    assert "31/02/2024" in r.stderr
    assert retrato_cli(banco_cli) == antes


def test_cli_arquivo_inexistente(banco_cli, tmp_path):
    """`manage.py import fluxos`: arquivo que não existe sai com 1 e mensagem em pt-BR."""
    from tests.apoio.cli import cli, falha
    from tests.apoio.cli import retrato as retrato_cli

    antes = retrato_cli(banco_cli)
    falha(cli(banco_cli, "import", "fluxos", str(tmp_path / "nao_existe.csv")), 1, "não encontrado")
    assert retrato_cli(banco_cli) == antes


def test_cli_importacoes_simultaneas_nao_duplicam_nem_quebram(banco_cli, tmp_path):
    """Ataque do issue #16: duas importações pela CLI ao mesmo tempo terminavam num traceback cru.
    Agora a segunda espera a primeira (trava de escrita pedida antes de ver o que já existe):
    as duas saem com 0, uma inclui as linhas e a outra as acha já incluídas."""
    import subprocess
    import sys

    from tests.apoio.cli import MANAGE, RAIZ, _ambiente
    from tests.apoio.cli import contar as contar_cli

    arquivo = tmp_path / "fluxos.csv"
    arquivo.write_bytes(csv_bytes(linhas_geradas(400, semente=16)))
    n = contar_cli(banco_cli, "fluxo_recurso")
    processos = [
        subprocess.Popen(
            [sys.executable, MANAGE, "import", "fluxos", str(arquivo)],
            cwd=RAIZ,
            env=_ambiente(banco_cli, "false"),
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    saidas = [p.communicate(timeout=180) for p in processos]
    assert [p.returncode for p in processos] == [0, 0], saidas
    assert all(erro == "" for _, erro in saidas), saidas
    resumos = sorted(saida.strip() for saida, _ in saidas)
    assert resumos == [
        "Importação concluída: 400 linha(s) lidas, 0 fluxo(s) incluído(s), 400 já existiam e foram ignorados.",
        "Importação concluída: 400 linha(s) lidas, 400 fluxo(s) incluído(s), 0 já existiam e foram ignorados.",
    ]
    assert contar_cli(banco_cli, "fluxo_recurso") == n + 400


def test_cli_importacao_que_nao_consegue_a_vez_desiste_sem_gravar(banco_cli, tmp_path, monkeypatch):
    """Com outra gravação longa segurando o banco além de `ESPERA_IMPORTACAO_SEGUNDOS`, a importação
    desiste com mensagem em pt-BR que diz o que fazer, sem traceback e sem gravar nada."""
    import sqlite3
    from contextlib import closing

    from tests.apoio.cli import cli, falha
    from tests.apoio.cli import retrato as retrato_cli

    arquivo = tmp_path / "fluxos.csv"
    arquivo.write_bytes(csv_bytes([linha(valor="3,00")]))
    antes = retrato_cli(banco_cli)
    monkeypatch.setenv("ESPERA_IMPORTACAO_SEGUNDOS", "1")
    with closing(sqlite3.connect(banco_cli, isolation_level=None)) as outra:
        outra.execute("BEGIN IMMEDIATE")  # a “outra importação”, que não termina a tempo
        r = cli(banco_cli, "import", "fluxos", str(arquivo))
        outra.execute("ROLLBACK")
    falha(r, 1, "Outra importação ou gravação longa está em andamento", "Nada foi gravado", "envie o arquivo de novo")
    assert r.stderr.count("Nada foi gravado") == 1
    assert retrato_cli(banco_cli) == antes


@pytest.mark.postgres
def test_importacoes_simultaneas_no_postgres_ficam_em_fila(url_postgres):
    """No PostgreSQL a fila é uma trava consultiva da transação: duas importações do mesmo arquivo
    ao mesmo tempo não quebram na chave única nem duplicam; uma inclui, a outra acha tudo incluído."""
    import threading

    from tests.conftest import demo_em

    with demo_em(url_postgres):
        conteudo = csv_bytes(linhas_geradas(300, semente=5))
        n = contar(FluxoRecurso)
        resultados, falhas = [], []

        def rodar():
            try:
                resultados.append(importar(None, conteudo, sistema=True))
            except Exception as exc:  # noqa: BLE001 - o teste quer ver qualquer falha
                falhas.append(exc)

        linhas_de_execucao = [threading.Thread(target=rodar) for _ in range(2)]
        for t in linhas_de_execucao:
            t.start()
        for t in linhas_de_execucao:
            t.join(timeout=180)
        assert falhas == []
        assert sorted(r.incluidas for r in resultados) == [0, 300]
        assert contar(FluxoRecurso) == n + 300


# --- validação rápida e gravação em lote (issue #8) --------------------------------------------
#
# A importação valida cada linha por um caminho rápido (textos interpretados uma vez, sem montar
# objetos) e só recorre à validação completa, campo a campo, quando o rápido não tem certeza; os
# fluxos entram em lote pelo Core, com a trilha escrita em lote. Os testes abaixo comparam tudo
# com a importação de antes, reproduzida aqui como oráculo.


def importacao_antiga(ator, conteudo: bytes, nome: str = "fluxos.csv", hoje: date = HOJE):
    """A importação como era antes do issue #8: linha a linha com `DadosFluxo` e `validar_fluxo`
    e um objeto ORM por fluxo (`novo_fluxo`). Devolve (problemas, fluxos novos) sem gravar."""
    from core.erros import Problema
    from dominio.recursos.servicos import (
        DadosFluxo,
        Referencias,
        chave_de,
        novo_fluxo,
        validar_fluxo,
    )
    from models.territorio import Municipio

    linhas = imp.ler_arquivo(nome, conteudo)
    cab = [imp._norm(c) for c in linhas[0]]
    campos = {imp._POR_CABECALHO[c]: i for i, c in enumerate(cab) if c in imp._POR_CABECALHO}
    p: list = []
    with sessao(ator) as s:
        refs = Referencias.carregar(s)
        fundo_por_ibge = dict(s.exec(select(FundoMunicipal.municipio_codigo, FundoMunicipal.id)).all())
        escr_por_ibge: dict = {}
        for eid, ibge, enome in s.exec(
            select(EscritorioSocial.id, EscritorioSocial.municipio_codigo, EscritorioSocial.nome)
        ):
            escr_por_ibge.setdefault(ibge, []).append((eid, enome))
        municipios = set(s.exec(select(Municipio.codigo_ibge)))
    novos, vistas = [], {}
    for n, r in enumerate(linhas[1:], start=2):
        val = {campo: (r[i] if i < len(r) else None) for campo, i in campos.items()}
        erros_linha = []
        cod = {}
        for campo, trad in imp.TRADUTORES.items():
            bruto = imp._texto(val.get(campo))
            if campo == "status_prestacao" and not bruto:
                cod[campo] = "nao_exigida"
                continue
            cod[campo] = trad.get(imp._norm(bruto))
            if cod[campo] is None:
                rotulo = next(h for h, c, _, _ in imp.COLUNAS if c == campo)
                erros_linha.append(Problema(rotulo, f"“{bruto}” não é uma opção válida", n))
        fundo_id = escritorio_id = None
        ibge_txt = imp._texto(val.get("destino_ibge"))
        if cod.get("destino_tipo") in ("fundo", "escritorio"):
            if not ibge_txt.isdigit() or len(ibge_txt) != 7:
                erros_linha.append(
                    Problema("Código IBGE do município de destino", f"“{ibge_txt}” deve ter 7 dígitos", n)
                )
            elif int(ibge_txt) not in municipios:
                erros_linha.append(
                    Problema(
                        "Código IBGE do município de destino", f"município {ibge_txt} não existe no cadastro do IBGE", n
                    )
                )
            elif cod["destino_tipo"] == "fundo":
                fundo_id = fundo_por_ibge.get(int(ibge_txt))
                if fundo_id is None:
                    erros_linha.append(
                        Problema(
                            "Código IBGE do município de destino",
                            f"o município {ibge_txt} não tem Fundo Municipal cadastrado",
                            n,
                        )
                    )
            else:
                opcoes = escr_por_ibge.get(int(ibge_txt), [])
                nome_d = imp._norm(val.get("destino_nome"))
                if len(opcoes) > 1 and nome_d:
                    opcoes = [o for o in opcoes if imp._norm(o[1]) == nome_d]
                if len(opcoes) != 1:
                    erros_linha.append(
                        Problema(
                            "Código IBGE do município de destino",
                            "o município não tem Escritório Social cadastrado"
                            if not opcoes
                            else "há mais de um Escritório no município: informe o nome do destino",
                            n,
                        )
                    )
                else:
                    escritorio_id = opcoes[0][0]
        valor = imp._dinheiro(val.get("valor"), "Valor (R$)", n, erros_linha)
        aplicado = imp._dinheiro(val.get("valor_aplicado"), "Valor aplicado (R$)", n, erros_linha)
        datas = {
            k: imp._data(val.get(k), next(h for h, c, _, _ in imp.COLUNAS if c == k), n, erros_linha)
            for k in imp.COLUNAS_DE_DATA
        }
        if erros_linha:
            p += erros_linha
            continue
        dados = DadosFluxo(
            tipo_origem=cod["tipo_origem"],
            orgao_tipo=cod["orgao_tipo"],
            orgao_origem=imp._texto(val.get("orgao_origem")),
            uf_origem=imp._texto(val.get("uf_origem")),
            destino_tipo=cod["destino_tipo"],
            valor=valor,
            etapa=cod["etapa"],
            processo=imp._texto(val.get("processo")) or None,
            fundo_id=fundo_id,
            escritorio_id=escritorio_id,
            destino_nome=imp._texto(val.get("destino_nome")) if cod["destino_tipo"] == "projeto" else "",
            destino_cnpj=imp._texto(val.get("destino_cnpj")) or None,
            justificativa=imp._texto(val.get("justificativa")),
            status_prestacao=cod["status_prestacao"],
            valor_aplicado=aplicado,
            atividades_resultados=imp._texto(val.get("atividades_resultados")),
            comprovante_publicidade=imp._texto(val.get("comprovante_publicidade")) or None,
            **datas,
        )
        limpo, probs = validar_fluxo(dados, refs, hoje)
        if probs:
            p += [Problema(imp.CAMPO_PARA_COLUNA.get(x.campo, x.campo), x.mensagem, n) for x in probs]
            continue
        chave = chave_de(limpo)
        if chave in vistas:
            p.append(
                Problema("linha inteira", f"repete a linha {vistas[chave]} (mesma origem, destino, valor e data)", n)
            )
            continue
        vistas[chave] = n
        novos.append(novo_fluxo(limpo, hoje))
    return p, novos


def colunas(f: FluxoRecurso) -> dict:
    """As colunas de um fluxo, menos id e datas de criação (que cada gravação atribui)."""
    return {k: v for k, v in f.model_dump().items() if k not in ("id", "criado_em", "atualizado_em")}


@pytest.fixture
def dois_escritorios_em_niteroi(dmf):
    """Um segundo Escritório em Niterói: o destino precisa do nome para escolher entre os dois."""
    with sessao() as s:
        s.add(
            EscritorioSocial(
                nome="Escritório Social de Niterói — Centro", municipio_codigo=int(NITEROI), orgao_gestor="SEAP/RJ"
            )
        )
    return dmf


def linhas_boas() -> list[dict]:
    """Linhas certas, de todos os destinos e etapas, com as variações que a planilha aceita."""
    return [
        linha(valor="1,00"),
        linha(
            valor=" 2,00 ", orgao_origem="  tjrj —  Comarca  da Capital (importação) ", processo="00589677720168190000"
        ),
        linha(valor="R$ 3,00", uf_origem=" rj "),
        linha(valor="4.00"),
        linha(valor="1.234.567,89"),
        linha(valor="5"),
        linha(
            valor="6,00",
            tipo_origem="prestacao_pecuniaria",
            orgao_tipo="tribunal",
            destino_tipo="fundo",
            etapa="TRANSFERIDO",
            data_destinacao="2024-03-10",
            data_transferencia=" 02/04/2024 ",
        ),
        linha(valor="7,00", status_prestacao="", prazo_prestacao=""),
        linha(valor="8,00", status_prestacao="pendente", prazo_prestacao=""),  # prazo padrão (PRAZO_PRESTACAO_DIAS)
        linha(
            valor="9,00",
            etapa="Aplicado",
            data_aplicacao="01/05/2024",
            status_prestacao="Apresentada",
            data_prestacao="02/05/2024",
            valor_aplicado="9,00",
            atividades_resultados=" Oficinas ",
            comprovante_publicidade=" https://exemplo.gov.br/p ",
        ),
        linha(
            valor="10,00",
            etapa="Potencial",
            data_potencial="01/01/2024",
            data_destinacao="",
            data_transferencia="",
            status_prestacao="",
            prazo_prestacao="",
        ),
        linha(
            valor="11,00",
            etapa="Potencial",
            data_destinacao="",
            data_transferencia="",
            status_prestacao="",
            prazo_prestacao="",
        ),  # sem data: a referência é hoje
        linha(valor="12,00", data_potencial="01/03/2024"),
        linha(
            valor="13,00",
            destino_tipo="Escritório Social",
            destino_ibge=NITEROI,
            destino_nome="escritorio social de niteroi",
        ),
        linha(
            valor="14,00",
            destino_tipo="escritorio",
            destino_ibge=NITEROI,
            destino_nome="Escritório Social de Niterói — Centro",
        ),
        linha(
            valor="15,00",
            tipo_origem="TAC",
            orgao_tipo="ministerio_publico",
            orgao_origem="MPRJ — 1ª PJ (importação)",
            processo="",
            destino_tipo="projeto",
            destino_ibge="",
            destino_nome="  Projeto   Recomeçar ",
            destino_cnpj="11222333000181",
            etapa="Destinado",
            data_transferencia="",
            justificativa=" Edital 1/2024 ",
            status_prestacao="Não exigida",
            prazo_prestacao="",
        ),
        linha(
            valor="16,00",
            tipo_origem="Doação",
            orgao_tipo="Outro",
            processo="",
            destino_tipo="Projeto ou entidade",
            destino_ibge="",  # em linha de projeto, um código IBGE é recusado (test_importacao_leituras.py)
            destino_nome="Entidade",
            destino_cnpj=CNPJ_OK,
        ),
        linha(valor="17,00", tipo_origem="anpp", processo=""),
        linha(valor="18,00", tipo_origem="anpp", destino_cnpj=CNPJ_OK),
        linha(valor="19,00", valor_aplicado="0,00"),
        linha(
            valor="20,00",
            status_prestacao="Aprovada",
            data_prestacao="01/06/2024",
            valor_aplicado="20,00",
            atividades_resultados="Feito",
        ),
        linha(valor="21,00", data_destinacao="30/06/2025", data_transferencia="30/06/2025"),  # hoje
        linha(valor="22,00", destino_ibge=f" {RIO} "),
    ]


def linhas_ruins() -> list[dict]:
    """Um caso de cada campo ruim (LINHAS_RUINS) e outros casos-limite (alguns valem: 1e3, 1,5,
    Escritório sem nome num município com um só)."""
    return (
        [linha(**kw) for kw, _, _ in LINHAS_RUINS]
        + [
            linha(valor=v)
            for v in ("NaN", "Infinity", "-Infinity", "1e3", "0,00", "-0,01", "1,2,3", "1.2.3", "R$", "1,5")
        ]
        + [
            linha(valor="10,00", valor_aplicado="10,01"),
            linha(valor_aplicado="-1,00"),
            linha(valor_aplicado="abc"),
            linha(status_prestacao="Aprovada", data_prestacao="01/05/2024"),  # sem valor aplicado
            linha(status_prestacao="Rejeitada", valor_aplicado="1,00"),  # sem data da prestação
            linha(comprovante_publicidade="ftp://exemplo.gov.br"),
            linha(comprovante_publicidade="exemplo.gov.br"),
            linha(data_potencial="11/03/2024"),  # potencial depois da destinação
            linha(data_potencial="01/07/2025"),
            linha(data_destinacao="01/07/2025", data_transferencia="02/07/2025"),
            linha(etapa="Destinado"),  # transferência preenchida numa etapa anterior
            linha(etapa="Aplicado"),  # falta a data da aplicação
            linha(destino_tipo="Projeto ou entidade", destino_ibge="", destino_nome="   ", destino_cnpj=CNPJ_OK),
            linha(destino_tipo="Escritório Social", destino_ibge=NITEROI),  # dois Escritórios, sem o nome
            linha(destino_tipo="Escritório Social", destino_ibge=NITEROI, destino_nome="Outro"),
            linha(destino_tipo="Escritório Social", destino_ibge="33033020"),
            linha(destino_ibge="3304557.0"),
            linha(destino_cnpj="123"),
            linha(processo="0058967-77.2016.8.19.000"),
            linha(uf_origem=""),
            linha(tipo_origem="Multa ou dano moral coletivo", processo="", justificativa="  "),
            linha(orgao_tipo=""),
            linha(etapa=""),
            linha(destino_tipo=""),
            linha(prazo_prestacao="32/01/2024"),
            linha(data_prestacao="ontem"),
        ]
    )


def variadas() -> list[dict]:
    """Boas e ruins intercaladas, com linhas repetidas (a repetição de uma ruim não conta)."""
    boas, ruins = linhas_boas(), linhas_ruins()
    saida = []
    for i in range(max(len(boas), len(ruins))):
        saida += boas[i : i + 1] + ruins[i : i + 1]
    return saida + [
        boas[0],
        boas[2],
        ruins[0],
        linha(valor="1,00", orgao_origem="TJRJ — COMARCA DA CAPITAL — VEP (IMPORTAÇÃO)"),
    ]


def arquivo_no_formato(linhas_: list[dict], formato: str, nome: str) -> tuple[bytes, str]:
    """As linhas num arquivo `csv` ou `xlsx` (com as células que o Excel grava) e o nome dele."""
    if formato == "csv":
        return csv_bytes(linhas_), f"{nome}.csv"
    return xlsx_bytes([[celulas_xlsx(r).get(c) for c in CAMPOS] for r in linhas_]), f"{nome}.xlsx"


def celulas_xlsx(r: dict) -> dict:
    """A mesma linha com as células que o Excel grava: números, datas, vazias."""
    from comum.formatos import ler_data

    x = dict(r)
    for k in imp.COLUNAS_DE_DATA:
        try:
            x[k] = datetime.combine(ler_data(x[k]), datetime.min.time()) if x.get(k) else None
        except ValueError:
            pass
    for k in ("valor", "valor_aplicado"):
        try:
            numero = D(x[k].replace(".", "").replace(",", ".")) if x.get(k) else None
        except ArithmeticError:
            continue  # fica o texto
        if numero is None or numero.is_finite():  # o Excel não guarda infinito nem NaN
            x[k] = None if numero is None else float(numero)
        if isinstance(x[k], float) and x[k].is_integer():
            x[k] = int(x[k])  # o openpyxl lê 5 como inteiro e 5,5 como float
    if str(x.get("destino_ibge", "")).isdigit():
        x["destino_ibge"] = int(x["destino_ibge"])
    return x


def exato(d: dict) -> dict:
    """Para comparar valores sem que Decimal('7') e Decimal('7.00') pareçam iguais."""
    return {k: (type(v), str(v)) for k, v in d.items()}


def test_validacao_rapida_aceita_so_o_que_a_completa_aceita(dois_escritorios_em_niteroi):
    """Linha a linha (CSV e células de XLSX, com e sem colunas opcionais): a validação rápida ou
    não decide (e a completa diz o que está errado) ou devolve exatamente as colunas que a
    completa devolveria; e a completa dá o mesmo que a importação antiga (fluxo e problemas)."""
    from core.erros import Problema

    sem_opcionais = [c for c in CAMPOS if c not in ("valor_aplicado", "comprovante_publicidade", "data_potencial")]
    casos = [
        (CAMPOS, [[r.get(c, "") for c in CAMPOS] for r in variadas()]),
        (CAMPOS, [[celulas_xlsx(r).get(c) for c in CAMPOS] for r in variadas()]),
        (sem_opcionais, [[r.get(c, "") for c in sem_opcionais] for r in linhas_boas() + linhas_ruins()]),
        (CAMPOS, [["x", 1, True, 2.5, D("3"), date(2024, 1, 1), None] * 3 + [None]]),
    ]  # células sem sentido
    aceitas = 0
    for campos_arquivo, linhas_ in casos:
        campos = {c: i for i, c in enumerate(campos_arquivo)}
        with sessao() as s:
            rapida, completa = imp._validadores(s, campos, HOJE)
        for n, r in enumerate(linhas_, start=2):
            r = list(r) + [None]
            dados_c, probs_c = completa(n, r)
            dados_r = rapida(r)
            if dados_r is not None:
                aceitas += 1
                assert not probs_c and exato(dados_r) == exato(dados_c), (n, r, probs_c)
            assert (dados_c is None) == bool(probs_c) and all(isinstance(p, Problema) and p.linha == n for p in probs_c)
    assert aceitas >= 2 * len(linhas_boas())  # o caminho rápido é o usado nas linhas certas


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_arquivo_misto_da_os_mesmos_problemas_que_a_importacao_antiga(dois_escritorios_em_niteroi, formato):
    """Um arquivo com um caso de cada campo ruim entre linhas boas (e linhas repetidas): a
    recusa lista exatamente os problemas da importação antiga, na mesma ordem, com a mesma
    linha, campo e mensagem; nada é gravado."""
    dmf = dois_escritorios_em_niteroi
    conteudo, nome = arquivo_no_formato(variadas(), formato, "misto")
    esperados, _ = importacao_antiga(dmf, conteudo, nome)
    ps = recusar(dmf, conteudo, nome)
    assert [str(p) for p in ps] == [str(p) for p in esperados]
    assert len({p.linha for p in ps}) > len(LINHAS_RUINS)  # cada linha ruim apareceu
    assert any(p.campo == "linha inteira" for p in ps)


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_arquivo_certo_grava_o_mesmo_que_a_importacao_antiga(dois_escritorios_em_niteroi, formato):
    """As linhas boas de todos os tipos gravam, coluna a coluna, o que a importação antiga
    gravaria (valores normalizados, datas, prazo padrão, chave natural, data de referência), na
    ordem do arquivo."""
    dmf = dois_escritorios_em_niteroi
    boas = linhas_boas()
    conteudo, nome = arquivo_no_formato(boas, formato, "boas")
    problemas, esperados = importacao_antiga(dmf, conteudo, nome)
    assert problemas == []
    with sessao() as s:
        ultimo = s.exec(select(func.max(FluxoRecurso.id))).one()
    r = importar(dmf, conteudo, nome)
    assert (r.linhas, r.incluidas, r.ja_existentes) == (len(boas), len(boas), 0)
    with sessao() as s:
        gravados = list(s.exec(select(FluxoRecurso).where(FluxoRecurso.id > ultimo).order_by(FluxoRecurso.id)))
    assert [colunas(f) for f in gravados] == [colunas(f) for f in esperados]
    assert [f.id for f in gravados] == list(range(ultimo + 1, ultimo + 1 + len(boas)))
    assert {f.versao for f in gravados} == {1} and all(f.criado_em.tzinfo is not None for f in gravados)


def test_uma_linha_ruim_entre_dez_mil_nao_grava_nada(dmf):
    """Tudo ou nada em escala: 10.000 linhas certas e uma data impossível na linha 7.779 — a
    recusa aponta só essa linha e nada é gravado (nem fluxos nem trilha)."""
    linhas_ = linhas_geradas(10_000)
    linhas_[7_777] = dict(linhas_[7_777], data_destinacao="31/02/2024")
    ps = recusar(dmf, csv_bytes(linhas_))
    assert [str(p) for p in ps] == [
        "Linha 7779, campo “Data da destinação”: data inválida “31/02/2024”: use o formato DD/MM/AAAA"
    ]


def test_reimportar_arquivo_grande_nao_repete_nada(dmf):
    """Chave natural em escala: 3.000 linhas entram; o mesmo arquivo de novo inclui 0 e não
    grava nada; um arquivo com 1.000 delas e 500 novas inclui só as 500."""
    linhas_ = linhas_geradas(3_500)
    antes = retrato()
    r = importar(dmf, csv_bytes(linhas_[:3_000]))
    assert (r.linhas, r.incluidas, r.ja_existentes) == (3_000, 3_000, 0)
    assert retrato() == (antes[0] + 3_000, antes[1] + 3_000)
    depois = retrato()
    r = importar(dmf, csv_bytes(linhas_[:3_000]))
    assert (r.incluidas, r.ja_existentes) == (0, 3_000) and retrato() == depois
    r = importar(dmf, csv_bytes(linhas_[2_000:3_500]))
    assert (r.linhas, r.incluidas, r.ja_existentes) == (1_500, 500, 1_000)
    assert retrato() == (depois[0] + 500, depois[1] + 500)


def trilha_pelo_orm(ator, conteudo: bytes, nome: str = "fluxos.csv") -> dict[str, tuple]:
    """A trilha que o `after_flush` escreve quando os fluxos do arquivo são incluídos um a um
    pela sessão (como antes do issue #8), numa transação desfeita no fim. Por chave natural:
    (autor, ação, `depois` lido, e `antes` e `depois` como o banco os guardou)."""
    from sqlalchemy import text

    class Desfazer(Exception):
        pass

    problemas, fluxos = importacao_antiga(ator, conteudo, nome)
    assert problemas == []
    saida = {}
    with pytest.raises(Desfazer):
        with sessao(ator) as s:
            s.add_all(fluxos)
            s.flush()
            for f in fluxos:
                reg = s.exec(
                    select(RegistroAuditoria).where(
                        RegistroAuditoria.entidade == "fluxo_recurso", RegistroAuditoria.entidade_id == str(f.id)
                    )
                ).one()
                bruto = (
                    s.connection()
                    .execute(text("SELECT antes, depois FROM registro_auditoria WHERE id = :i"), {"i": reg.id})
                    .one()
                )
                saida[f.chave_natural] = ((reg.usuario_email, reg.usuario_id, reg.acao), reg.depois, tuple(bruto))
            raise Desfazer
    return saida


def conferir_trilha_do_lote(ator, conteudo: bytes, nome: str, email: str, usuario_id) -> None:
    """Importa `conteudo` e confere que cada fluxo incluído tem um registro de inclusão igual ao
    que o `after_flush` escreveria: autor, entidade, id, `antes` nulo e `depois` com as mesmas
    chaves, na mesma ordem, e os mesmos valores (menos id e datas de criação, próprios de cada
    gravação, que conferem com o fluxo gravado); o `antes` guardado byte a byte igual."""
    from sqlalchemy import text

    pelo_orm = trilha_pelo_orm(ator, conteudo, nome)
    n_fluxos, n_trilha = retrato()
    r = importar(ator, conteudo, nome, sistema=ator is None)
    assert r.incluidas == len(pelo_orm) and retrato() == (n_fluxos + r.incluidas, n_trilha + r.incluidas)
    with sessao() as s:
        ultimos = list(s.exec(select(FluxoRecurso).order_by(FluxoRecurso.id.desc()).limit(r.incluidas)))
        for f in ultimos:
            (reg,) = s.exec(
                select(RegistroAuditoria).where(
                    RegistroAuditoria.entidade == "fluxo_recurso", RegistroAuditoria.entidade_id == str(f.id)
                )
            ).all()
            autor_orm, depois_orm, (antes_orm, _) = pelo_orm[f.chave_natural]
            assert (reg.usuario_email, reg.usuario_id, reg.acao) == autor_orm == (email, usuario_id, "inclusao")
            assert reg.antes is None and list(reg.depois) == list(depois_orm)
            proprios = ("id", "criado_em", "atualizado_em")
            assert {k: v for k, v in reg.depois.items() if k not in proprios} == {
                k: v for k, v in depois_orm.items() if k not in proprios
            }
            assert reg.depois["id"] == f.id
            assert reg.depois["criado_em"] == reg.depois["atualizado_em"] == f.criado_em.isoformat()
            assert reg.depois["criado_em"].endswith("+00:00") and depois_orm["criado_em"].endswith("+00:00")
            antes_lote = (
                s.connection()
                .execute(text("SELECT antes FROM registro_auditoria WHERE id = :i"), {"i": reg.id})
                .scalar()
            )
            assert antes_lote == antes_orm
            assert reg.momento.tzinfo is not None


def test_trilha_do_lote_igual_a_do_listener(dois_escritorios_em_niteroi):
    """Auditoria: os fluxos incluídos em lote têm, cada um, o registro que a sessão ORM teria
    escrito — com o usuário que importou."""
    dmf = dois_escritorios_em_niteroi
    conferir_trilha_do_lote(dmf, csv_bytes(linhas_boas()), "boas.csv", dmf.email, dmf.id)


def test_trilha_do_lote_pela_cli_e_sistema(dois_escritorios_em_niteroi):
    """Auditoria: importado sem ator (a CLI), o autor na trilha é "sistema"; em XLSX também
    (valores de células numéricas do Excel)."""
    conteudo = xlsx_bytes([[celulas_xlsx(r).get(c) for c in CAMPOS] for r in linhas_boas()])
    conferir_trilha_do_lote(None, conteudo, "boas.xlsx", "sistema", None)


def test_falha_no_meio_da_gravacao_desfaz_fluxos_e_trilha(dmf, monkeypatch):
    """Tudo ou nada também na gravação em lote: se o banco falha depois de gravar os fluxos e
    antes da trilha, a transação inteira é desfeita — não fica fluxo sem trilha."""
    import core.auditoria

    original, chamadas = core.auditoria._escrever, []

    def falhar_na_trilha(conexao, tabela, nomes, valores):
        chamadas.append(tabela.name)
        if tabela.name == "registro_auditoria":
            raise RuntimeError("o disco encheu")
        original(conexao, tabela, nomes, valores)

    monkeypatch.setattr(core.auditoria, "_escrever", falhar_na_trilha)
    antes = retrato()
    with pytest.raises(RuntimeError, match="o disco encheu"):
        importar(dmf, csv_bytes(linhas_geradas(300)))
    assert chamadas == ["fluxo_recurso", "registro_auditoria"] and retrato() == antes
    monkeypatch.setattr(core.auditoria, "_escrever", original)
    assert importar(dmf, csv_bytes(linhas_geradas(300))).incluidas == 300  # e o banco segue utilizável


def test_lote_em_blocos_grava_cada_linha_uma_vez_com_sua_trilha(dmf, monkeypatch):
    """No SQLite o lote vai em `INSERT`s de várias linhas (`core.auditoria.LINHAS_POR_INSERT_SQLITE`
    por comando): com blocos de 7, 50 linhas dão 7 blocos cheios e um de 1 — todas gravadas, na
    ordem dos ids reservados, cada uma com o seu registro na trilha."""
    import core.auditoria

    monkeypatch.setattr(core.auditoria, "LINHAS_POR_INSERT_SQLITE", 7)
    antes = retrato()
    assert importar(dmf, csv_bytes(linhas_geradas(50))).incluidas == 50
    assert retrato() == (antes[0] + 50, antes[1] + 50)
    with sessao() as s:
        ids = list(s.exec(select(FluxoRecurso.id).order_by(FluxoRecurso.id.desc()).limit(50)))
        trilha = s.exec(
            select(RegistroAuditoria.entidade_id)
            .where(RegistroAuditoria.entidade == "fluxo_recurso")
            .order_by(RegistroAuditoria.id.desc())
            .limit(50)
        ).all()
    assert ids == list(range(ids[0], ids[0] - 50, -1)), "ids seguidos, sem buraco nem repetição"
    assert [int(i) for i in trilha] == ids


def test_importacao_limpa_os_caches_so_quando_grava(dmf, monkeypatch):
    """Toda transação que grava limpa os caches de consulta no commit (core/cache.py): a
    importação em lote, que não passa pela unidade de trabalho do ORM, também; reimportar o
    mesmo arquivo, que não grava nada, não limpa."""
    import core.cache

    limpezas = []
    monkeypatch.setattr(core.cache, "limpar_caches_de", lambda tabelas: limpezas.append(set(tabelas)))
    conteudo = csv_bytes([linha(valor=f"{i},00") for i in range(1, 4)])
    importar(dmf, conteudo)
    assert limpezas == [{"fluxo_recurso"}], "os caches que dependem dos fluxos"
    importar(dmf, conteudo)
    assert limpezas == [{"fluxo_recurso"}]


def salvar_doacao_pela_tela(ator) -> FluxoRecurso:
    """Um fluxo salvo como na tela (sessão ORM, `salvar_fluxo`), para ver o id que recebe depois de um lote."""
    from dominio.recursos.servicos import salvar_fluxo

    return salvar_fluxo(ator, doacao("Doador (tela)"), hoje=HOJE)


def test_gravar_pela_sessao_depois_do_lote(dmf):
    """Os ids reservados pelo lote não colidem com os da sessão ORM: um fluxo salvo pela tela
    depois da importação recebe o id seguinte."""
    importar(dmf, csv_bytes([linha(valor=f"{i},00") for i in range(1, 4)]))
    ultimo = fluxos_do_orgao("VEP (importação)")[-1].id
    f = salvar_doacao_pela_tela(dmf)
    assert f.id == ultimo + 1


def test_chave_natural_sem_montar_a_chave():
    """`chave_natural_de` é a `chave_natural` de sempre (a identidade dos fluxos já gravados)."""
    from dominio.recursos.regras import ChaveFluxo, chave_natural, chave_natural_de

    for args in [
        ("anpp", " TJRJ  vara ", "rj", None, "Fundo:1", D("10.50"), None),
        ("tac", "MP", "SP", "0058967-77.2016.8.19.0000", "projeto:Nome", D("1"), date(2024, 1, 2)),
    ]:
        assert chave_natural_de(*args) == chave_natural(ChaveFluxo(*args))


def test_inclusao_em_lote_exige_todas_as_colunas(dmf):
    """`auditoria.incluir_em_lote` recusa linhas incompletas (a trilha não teria o estado inteiro)
    e não grava a própria trilha em lote."""
    from core.auditoria import ErroAuditoria, incluir_em_lote

    with pytest.raises(ErroAuditoria, match="sem as colunas"):
        with sessao() as s:
            incluir_em_lote(s, FluxoRecurso, [{"tipo_origem": "anpp"}])
    with pytest.raises(ErroAuditoria):
        with sessao() as s:
            incluir_em_lote(s, RegistroAuditoria, [{"acao": "inclusao"}])


@pytest.mark.postgres
def test_importacao_em_lote_no_postgres(url_postgres):
    """No PostgreSQL (ids da sequência, COPY): o arquivo certo grava o mesmo que a importação
    antiga, com a trilha igual à do listener; reimportar não inclui nada; o arquivo misto é
    recusado com os mesmos problemas e nada gravado; a sessão ORM continua a sequência."""
    from models.usuarios import Usuario
    from tests.conftest import preparar_banco, usar_banco

    with usar_banco(url_postgres):
        preparar_banco(url_postgres)
        with sessao() as s:
            dmf = s.exec(select(Usuario).where(Usuario.email == "dmf@demo.pnat.jus.br")).one()
            s.add(
                EscritorioSocial(
                    nome="Escritório Social de Niterói — Centro", municipio_codigo=int(NITEROI), orgao_gestor="SEAP/RJ"
                )
            )
        boas = csv_bytes(linhas_boas())
        _, esperados = importacao_antiga(dmf, boas)
        conferir_trilha_do_lote(dmf, boas, "boas.csv", dmf.email, dmf.id)
        gravados = fluxos_do_orgao("(importação)")
        por_chave = {f.chave_natural: colunas(f) for f in gravados}
        assert por_chave == {f.chave_natural: colunas(f) for f in esperados}
        antes = retrato()
        r = importar(dmf, boas)
        assert (r.incluidas, r.ja_existentes) == (0, len(linhas_boas())) and retrato() == antes
        misto = csv_bytes(variadas())
        esperados_p, _ = importacao_antiga(dmf, misto)
        assert [str(p) for p in recusar(dmf, misto)] == [str(p) for p in esperados_p]
        conferir_trilha_do_lote(None, csv_bytes(linhas_geradas(500)), "geradas.csv", "sistema", None)
        ultimo = max(f.id for f in fluxos_do_orgao(""))
        f = salvar_doacao_pela_tela(dmf)
        assert f.id > ultimo


# --- arquivos gerados (também para tests/dominio/recursos/test_importacao_desempenho.py) ------------------------


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_valor_grande_demais_e_texto_longo_demais_viram_erro_de_linha(dmf, formato):
    """Valores acima de R$ 999.999.999.999,99 (models.tipos.VALOR_MAXIMO: além disso a soma em
    centavos sairia do BIGINT e o Decimal perderia precisão) e textos maiores que a coluna (o
    PostgreSQL recusaria a gravação; o SQLite guardaria) são erros da linha e do campo, não uma
    queda da importação; nada é gravado."""
    antes = retrato()
    longas = [
        linha(valor="1.000.000.000.000,00"),  # 3: um centavo acima do máximo
        linha(valor="1" * 30 + ",00"),  # 4: 30 algarismos (o Decimal perderia a precisão)
        linha(orgao_origem="TJRJ " + "x" * 300),  # 5
        linha(
            tipo_origem="TAC", orgao_tipo="Ministério Público (ramo/unidade)", processo="", justificativa="j" * 4001
        ),  # 6
        linha(atividades_resultados="a" * 4001),  # 7
        linha(destino_tipo="Projeto ou entidade", destino_ibge="", destino_nome="P" * 201, destino_cnpj=CNPJ_OK),  # 8
        linha(comprovante_publicidade="https://exemplo.gov.br/" + "c" * 500),  # 9
    ]
    if formato == "csv":
        conteudo, nome = csv_bytes([linha(valor="1,00")] + longas), "longas.csv"
    else:
        celulas = [[r.get(c, "") for c in CAMPOS] for r in [linha(valor="1,00")] + longas]
        celulas[2][CAMPOS.index("valor")] = 1e30  # célula numérica do Excel
        conteudo, nome = xlsx_bytes(celulas), "longas.xlsx"
    ps = recusar(dmf, conteudo, nome)
    por_linha = {p.linha: p for p in ps}
    assert set(por_linha) == {3, 4, 5, 6, 7, 8, 9}, [str(p) for p in ps]
    assert (
        por_linha[3].campo == "Valor (R$)" and "acima do máximo aceito (R$ 999.999.999.999,99)" in por_linha[3].mensagem
    )
    assert por_linha[4].campo == "Valor (R$)" and "acima do máximo aceito" in por_linha[4].mensagem
    assert str(por_linha[5]) == "Linha 5, campo “Órgão de origem”: tem 305 caracteres; o máximo é 200"
    assert str(por_linha[6]) == "Linha 6, campo “Justificativa da destinação”: tem 4.001 caracteres; o máximo é 4.000"
    assert por_linha[7].campo == "Atividades e resultados" and "o máximo é 4.000" in por_linha[7].mensagem
    assert por_linha[8].campo == "Nome do destino" and "o máximo é 200" in por_linha[8].mensagem
    assert por_linha[9].campo == "Comprovante de publicidade" and "o máximo é 500" in por_linha[9].mensagem
    assert retrato() == antes


def test_no_limite_exato_grava(dmf):
    """O máximo exato (valor e tamanhos das colunas) é aceito e gravado como veio."""
    r = importar(
        dmf,
        csv_bytes(
            [linha(valor="999.999.999.999,99", orgao_origem="TJRJ " + "x" * 195, atividades_resultados="a" * 4000)]
        ),
    )
    assert r.incluidas == 1
    f = fluxos_do_orgao("TJRJ xxx")[0]
    assert f.valor == D("999999999999.99") and len(f.orgao_origem) == 200 and len(f.atividades_resultados) == 4000


# --- arquivos hostis (issue #16 item 1; issue #20) ------------------------------------------------


def test_tsv_e_binario_tem_mensagens_proprias(dmf):
    """Issue #20: um TSV e um binário recebiam mensagens enganosas (coluna ausente, codificação);
    agora cada um diz o que é."""
    from ferramentas import arquivos_maliciosos as am

    tsv = csv_bytes([linha()], sep="\t")
    (p,) = recusar(dmf, tsv, "fluxos.csv")
    assert p.mensagem == (
        "o arquivo está separado por tabulação (TSV); salve-o como CSV separado por ; (ponto e vírgula) "
        "ou , (vírgula), ou envie a planilha em XLSX"
    )
    (p,) = recusar(dmf, am.csv_binario()[1], "fluxos.csv")
    assert p.mensagem.startswith("“fluxos.csv” não é um CSV: o conteúdo é um arquivo binário, não texto")
    (p,) = recusar(dmf, modelo_xlsx(), "fluxos.csv")
    assert "o conteúdo é uma planilha XLSX; se for uma planilha XLSX, envie-a com a extensão .xlsx" in p.mensagem


def test_dimension_gigante_importa_so_as_linhas_que_existem(dmf):
    """A <dimension> A1:XFD1048576 não faz a leitura inventar linhas nem colunas: as linhas do
    arquivo são importadas como as de qualquer planilha."""
    from ferramentas import arquivos_maliciosos as am

    valores = [[r.get(c, "") for c in CAMPOS] for r in (linha(valor="7,00"), linha(valor="8,00"))]
    _, conteudo = am.xlsx_dimensao_enorme(CABECALHOS, valores)
    assert importar(dmf, conteudo, "dimensao.xlsx").incluidas == 2


def test_celula_enorme_e_linha_unica_de_10_mb_recusadas(dmf):
    from ferramentas import arquivos_maliciosos as am

    (p,) = recusar(dmf, *reversed(am.xlsx_celula_enorme(8)))
    assert "bomba de compressão" in p.mensagem and "AAAA" not in p.mensagem
    (p,) = recusar(dmf, *reversed(am.csv_linha_unica(10)))
    # “passa de 131.072” (o limite do módulo csv) ou “tem 10.485.760” (se alguma biblioteca carregada o
    # elevou: o limite do csv é global ao processo); em ambos, a linha, o limite e no máximo um trecho curto
    assert str(p).startswith("Linha 1, campo “arquivo”: uma célula ") and "o limite é 32.767" in str(p)
    assert len(str(p)) < 200
