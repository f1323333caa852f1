"""Importação de planilhas de fluxos (services/importacao_fluxos.py) e o comando
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
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import func, select

from models.recursos import FluxoRecurso
from models.unidades import EscritorioSocial, FundoMunicipal
from models.usuarios import RegistroAuditoria
from services import importacao_fluxos as imp
from services.db import sessao
from services.erros import AcessoNegado, ErroValidacao
from services.importacao_fluxos import CABECALHOS, importar_fluxos, modelo_xlsx

HOJE = date(2025, 6, 30)
PROCESSO_TJRJ = "0058967-77.2016.8.19.0000"  # número real (Res. CNJ 65/2008)
CNPJ_OK = "11.222.333/0001-81"
RIO, NITEROI, SAO_GONCALO = "3304557", "3303302", "3304904"  # Fundo+Escritório; só Escritório; nenhum


# --- utilidades -------------------------------------------------------------------------------

def contar(modelo) -> int:
    with sessao() as s:
        return s.exec(select(func.count()).select_from(modelo)).one()


def retrato() -> tuple[int, int]:
    return contar(FluxoRecurso), contar(RegistroAuditoria)


def linha(**kw) -> dict[str, str]:
    """Uma linha válida (a do modelo, com órgão próprio dos testes); `kw` por nome de campo."""
    base = {"tipo_origem": "Prestação pecuniária", "orgao_tipo": "Tribunal (comarca/vara)",
            "orgao_origem": "TJRJ — Comarca da Capital — VEP (importação)", "uf_origem": "RJ",
            "processo": PROCESSO_TJRJ, "destino_tipo": "Fundo Municipal", "destino_ibge": RIO, "destino_nome": "",
            "destino_cnpj": "", "valor": "12.345,67", "etapa": "Transferido", "data_potencial": "",
            "data_destinacao": "10/03/2024", "data_transferencia": "02/04/2024", "data_aplicacao": "",
            "justificativa": "", "status_prestacao": "Pendente", "prazo_prestacao": "02/10/2024"}
    base.update(kw)
    return base


CAMPOS = [c[1] for c in imp.COLUNAS]


def csv_bytes(linhas: list[dict], *, sep: str = ";", codificacao: str = "utf-8", cabecalhos=None) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    w.writerow(cabecalhos or CABECALHOS)
    for r in linhas:
        w.writerow([r.get(c, "") for c in CAMPOS])
    return buf.getvalue().encode(codificacao)


def xlsx_bytes(linhas: list[list], cabecalhos=None, aba: str = "Fluxos") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = aba
    ws.append(cabecalhos or CABECALHOS)
    for r in linhas:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def importar(ator, conteudo: bytes, nome: str = "fluxos.csv", **kw):
    return importar_fluxos(ator, nome, conteudo, hoje=kw.pop("hoje", HOJE), **kw)


def recusar(ator, conteudo: bytes, nome: str = "fluxos.csv") -> list:
    """Importa esperando recusa; confere que nada foi gravado; devolve os problemas."""
    antes = retrato()
    with pytest.raises(ErroValidacao) as exc:
        importar(ator, conteudo, nome)
    assert retrato() == antes, "a importação recusada gravou algo"
    return exc.value.problemas


def fluxos_do_orgao(trecho: str) -> list[FluxoRecurso]:
    with sessao() as s:
        return list(s.exec(select(FluxoRecurso).where(FluxoRecurso.orgao_origem.contains(trecho))
                           .order_by(FluxoRecurso.id)))


def fundo_de(ibge: str) -> int:
    with sessao() as s:
        return s.exec(select(FundoMunicipal.id).where(FundoMunicipal.municipio_codigo == int(ibge))).one()


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
        linha(tipo_origem="Termo de ajustamento de conduta (TAC)", orgao_tipo="Ministério Público (ramo/unidade)",
              orgao_origem="MPRJ — 1ª PJ (importação)", processo="", destino_tipo="Projeto ou entidade",
              destino_ibge="", destino_nome="Projeto Recomeçar", destino_cnpj=CNPJ_OK, valor="1.000.000,00",
              etapa="Destinado", data_transferencia="", justificativa="Edital 1/2024 (projeto aprovado).",
              status_prestacao="Não exigida", prazo_prestacao=""),
    ]
    n, trilha = retrato()
    r = importar(dmf, csv_bytes(linhas))
    assert (r.linhas, r.incluidas, r.ja_existentes) == (3, 3, 0)
    assert contar(FluxoRecurso) == n + 3 and contar(RegistroAuditoria) == trilha + 3
    f1, f2 = fluxos_do_orgao("VEP (importação)")
    assert (f1.valor, f1.fundo_id, f1.processo, f1.etapa, f1.status_prestacao, f1.prazo_prestacao, f1.data_referencia) == (
        D("12345.67"), fundo_de(RIO), PROCESSO_TJRJ, "transferido", "pendente", date(2024, 10, 2), date(2024, 4, 2))
    with sessao() as s:
        esc_niteroi = s.exec(select(EscritorioSocial.id).where(EscritorioSocial.municipio_codigo == int(NITEROI))).one()
    assert (f2.valor, f2.destino_tipo, f2.escritorio_id, f2.fundo_id, f2.status_prestacao) == (
        D("0.01"), "escritorio", esc_niteroi, None, "nao_exigida")
    (tac,) = fluxos_do_orgao("MPRJ — 1ª PJ (importação)")
    assert (tac.valor, tac.destino_cnpj, tac.destino_nome, tac.justificativa, tac.processo) == (
        D("1000000.00"), "11222333000181", "Projeto Recomeçar", "Edital 1/2024 (projeto aprovado).", None)
    with sessao() as s:
        reg = s.exec(select(RegistroAuditoria).where(RegistroAuditoria.entidade == "fluxo_recurso",
                                                     RegistroAuditoria.entidade_id == str(tac.id))).one()
    assert reg.usuario_email == "dmf@demo.pnat.jus.br"


def test_csv_virgula_em_cp1252(dmf):
    """CSV com , em Windows-1252 (o Excel brasileiro): acentos lidos corretamente; valores com
    vírgula decimal entre aspas."""
    linhas = [linha(orgao_origem="TJRJ — Comarca de São Gonçalo — Vara Única (importação)", valor="1.234,56"),
              linha(tipo_origem="Suspensão condicional do processo", valor="99,90")]
    conteudo = csv_bytes(linhas, sep=",", codificacao="cp1252")
    assert "Prestação pecuniária".encode("cp1252") in conteudo and b'"1.234,56"' in conteudo
    with pytest.raises(UnicodeDecodeError):
        conteudo.decode("utf-8")
    r = importar(dmf, conteudo)
    assert (r.incluidas, r.ja_existentes) == (2, 0)
    (f,) = fluxos_do_orgao("São Gonçalo")
    assert (f.orgao_origem, f.valor, f.tipo_origem) == (
        "TJRJ — Comarca de São Gonçalo — Vara Única (importação)", D("1234.56"), "prestacao_pecuniaria")
    (g,) = [x for x in fluxos_do_orgao("VEP (importação)") if x.tipo_origem == "suspensao_condicional"]
    assert g.valor == D("99.90")


def test_csv_utf8_com_bom_e_quebras_de_linha_unix(dmf):
    """CSV salvo pelo Excel como "UTF-8 com BOM", com linhas em branco no fim."""
    conteudo = b"\xef\xbb\xbf" + csv_bytes([linha()]).replace(b"\r\n", b"\n") + b"\n;;;\n\n"
    assert importar(dmf, conteudo).incluidas == 1


def test_xlsx_com_celulas_numericas_e_datas(dmf):
    """XLSX montado no openpyxl: número do IBGE e valor como números, datas como datas do Excel."""
    cel = linha(valor=1234.56, destino_ibge=int(RIO), data_destinacao=datetime(2024, 3, 10),
                data_transferencia=date(2024, 4, 2), prazo_prestacao=datetime(2024, 10, 2))
    cel2 = linha(valor=7, destino_ibge=int(RIO), data_destinacao=datetime(2024, 3, 10), data_transferencia=datetime(2024, 4, 2))
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
    assert [r[0] for r in wb["Instruções"].iter_rows(min_row=2, max_row=len(CABECALHOS) + 1, values_only=True)] == CABECALHOS
    n = contar(FluxoRecurso)
    r = importar(dmf, modelo, "modelo_fluxos_recursos.xlsx")
    assert (r.linhas, r.incluidas, r.ja_existentes) == (1, 1, 0)
    assert contar(FluxoRecurso) == n + 1
    (f,) = fluxos_do_orgao("TJRJ — Comarca da Capital — VEP")
    assert (f.tipo_origem, f.uf_origem, f.processo, f.fundo_id, f.valor, f.etapa) == (
        "prestacao_pecuniaria", "RJ", PROCESSO_TJRJ, fundo_de(RIO), D("12345.67"), "transferido")
    assert (f.data_destinacao, f.data_transferencia, f.status_prestacao, f.prazo_prestacao) == (
        date(2024, 3, 10), date(2024, 4, 2), "pendente", date(2024, 10, 2))


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
    variantes = [linha(valor=f"{i},00", orgao_origem="  tjrj — COMARCA da capital —  vep (importação) ",
                       processo="00589677720168190000") for i in range(1, 6)]
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
        linha(tipo_origem="prestacao pecuniaria", orgao_tipo="TRIBUNAL (COMARCA/VARA)", destino_tipo="FUNDO MUNICIPAL",
              etapa="transferido", status_prestacao="PENDENTE", valor="1,00"),
        linha(tipo_origem="prestacao_pecuniaria", orgao_tipo="tribunal", destino_tipo="fundo", etapa="TRANSFERIDO",
              status_prestacao="pendente", valor="2,00"),
        linha(tipo_origem="  Prestacão   Pecuniária ", destino_tipo="Fundo municipal", etapa="Transferído",
              status_prestacao="nao exigida", valor="3,00"),
        linha(tipo_origem="ACORDO DE NAO PERSECUCAO PENAL (ANPP)", processo="", valor="4,00",
              destino_tipo="escritorio social", destino_ibge=NITEROI, status_prestacao="Não exigida"),
    ]
    assert importar(dmf, csv_bytes(linhas, cabecalhos=cab)).incluidas == 4
    fs = fluxos_do_orgao("VEP (importação)")
    assert [(f.tipo_origem, f.destino_tipo, f.etapa, f.status_prestacao) for f in fs] == [
        ("prestacao_pecuniaria", "fundo", "transferido", "pendente"),
        ("prestacao_pecuniaria", "fundo", "transferido", "pendente"),
        ("prestacao_pecuniaria", "fundo", "transferido", "nao_exigida"),
        ("anpp", "escritorio", "transferido", "nao_exigida")]
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

@pytest.mark.parametrize(("kw", "campo", "trecho"), [
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
    ({"destino_ibge": "9999999"}, "Código IBGE do município de destino", "município 9999999 não existe no cadastro do IBGE"),
    ({"destino_ibge": "330455"}, "Código IBGE do município de destino", "“330455” deve ter 7 dígitos"),
    ({"destino_ibge": ""}, "Código IBGE do município de destino", "deve ter 7 dígitos"),
    ({"destino_ibge": "Rio"}, "Código IBGE do município de destino", "deve ter 7 dígitos"),
    ({"destino_ibge": NITEROI}, "Código IBGE do município de destino",
     f"o município {NITEROI} não tem Fundo Municipal cadastrado"),
    ({"destino_tipo": "Escritório Social", "destino_ibge": SAO_GONCALO}, "Código IBGE do município de destino",
     "o município não tem Escritório Social cadastrado"),
    ({"destino_tipo": "Projeto ou entidade", "destino_ibge": "", "destino_nome": "Projeto X", "destino_cnpj": "11.222.333/0001-82"},
     "CNPJ do destino", "dígitos verificadores não conferem"),
    ({"destino_tipo": "Projeto ou entidade", "destino_ibge": "", "destino_nome": "Projeto X"},
     "CNPJ do destino", "obrigatório para projeto ou entidade"),
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
    ({"tipo_origem": "TAC", "orgao_tipo": "Ministério Público (ramo/unidade)", "processo": ""}, "justificativa",
     "exige justificativa escrita (Res. Conjunta CNJ/CNMP 10/2024, art. 6º)"),
], ids=lambda x: x if isinstance(x, str) else None)
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
    ps = recusar(dmf, csv_bytes([linha(valor="abc"), linha(valor="2,00"), linha(data_destinacao="31/02/2024"),
                                 linha(destino_ibge="123", uf_origem="XX")]))
    assert sorted((p.linha, p.campo) for p in ps) == [
        (2, "Valor (R$)"), (4, "Data da destinação"), (5, "Código IBGE do município de destino")]
    ps = recusar(dmf, csv_bytes([linha(uf_origem="XX", processo="1")]))
    assert sorted(p.campo for p in ps) == ["Número do processo", "UF de origem"]
    assert all(str(p).startswith("Linha 2, campo ") for p in ps)


def test_linha_repetida_no_arquivo_cita_as_duas_linhas(dmf):
    """Chave natural: a mesma linha duas vezes no arquivo é recusada, citando a primeira; mesmo
    com espaços e caixa diferentes no órgão."""
    ps = recusar(dmf, csv_bytes([linha(), linha(valor="2,00"),
                                 linha(orgao_origem="tjrj —  comarca da capital — vep (IMPORTAÇÃO)")]))
    assert [str(p) for p in ps] == [
        "Linha 4, campo “linha inteira”: repete a linha 2 (mesma origem, destino, valor e data)"]


def test_coluna_obrigatoria_ausente(dmf):
    """O cabeçalho (linha 1) tem de trazer todas as colunas obrigatórias; a mensagem nomeia cada uma."""
    sem = [h for h in CABECALHOS if h not in ("Valor (R$)", "Etapa")]
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=";")
    w.writerow(sem)
    w.writerow(["x"] * len(sem))
    ps = recusar(dmf, buf.getvalue().encode())
    assert [(p.linha, p.campo) for p in ps] == [(1, "Valor (R$)"), (1, "Etapa")]
    assert str(ps[0]) == ("Linha 1, campo “Valor (R$)”: coluna obrigatória ausente no cabeçalho "
                          "(baixe o modelo na página Recursos)")
    ps = recusar(dmf, csv_bytes([linha()], cabecalhos=["Coluna A"] + CABECALHOS[1:]))
    assert [p.campo for p in ps] == ["Tipo de origem"]


@pytest.mark.parametrize(("nome", "conteudo", "trecho"), [
    ("vazio.csv", b"", "“vazio.csv” está vazio"),
    ("branco.csv", b"  \r\n\n ", "“branco.csv” está vazio"),
    ("cabecalho.csv", (";".join(CABECALHOS) + "\r\n").encode(), "não há linhas de dados abaixo do cabeçalho"),
    ("cabecalho.csv", (";".join(CABECALHOS) + "\r\n;;;\r\n\r\n").encode(), "não há linhas de dados abaixo do cabeçalho"),
    ("cabecalho.xlsx", None, "não há linhas de dados abaixo do cabeçalho"),
    ("fluxos.pdf", b"%PDF-1.4", "“fluxos.pdf”: envie CSV ou XLSX"),
    ("quebrado.xlsx", b"PK\x03\x04 isto nao e um zip", "não foi possível ler a planilha XLSX"),
    ("bytes.csv", b"Tipo de origem;\x81\x8d\x8f\x90\x9d\n", "a codificação não é UTF-8 nem Windows (cp1252)"),
])
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

    monkeypatch.setattr(imp, "_linhas_csv", nao_ler)
    monkeypatch.setattr(imp, "_linhas_xlsx", nao_ler)
    monkeypatch.setattr(imp, "_ler_texto", nao_ler)
    grande = csv_bytes([linha()]) + b"x" * (21 * 1024 * 1024)
    ps = recusar(dmf, grande, "fluxos.2024.csv")
    assert [str(p) for p in ps] == [
        "Campo “arquivo”: “fluxos.2024.csv” tem 21,0 MB; o limite é 20 MB. Divida-o em partes."]
    assert recusar(dmf, b"PK" + grande, "planilha.xlsx")[0].mensagem.startswith("“planilha.xlsx” tem 21,0 MB")


def test_exatamente_20_mb_nao_e_recusado_pelo_tamanho(dmf, monkeypatch):
    """Limite de 20 MB: o próprio limite é aceito (o que vem depois é a leitura normal)."""
    lido = []
    monkeypatch.setattr(imp, "_linhas_csv", lambda c: lido.append(len(c)) or [CABECALHOS])
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
        reg = s.exec(select(RegistroAuditoria).where(RegistroAuditoria.entidade == "fluxo_recurso",
                                                     RegistroAuditoria.entidade_id == str(f.id))).one()
    assert (reg.usuario_id, reg.usuario_email) == (None, "sistema")


# --- manage.py import fluxos (subprocesso) ------------------------------------------------------

@pytest.fixture
def banco_cli(_modelo_sqlite, tmp_path) -> Path:
    """Cópia própria do banco modelo (migrado, referência e demonstração) para a CLI."""
    import sqlite3
    from contextlib import closing

    destino = tmp_path / "cli.sqlite3"
    with closing(sqlite3.connect(_modelo_sqlite)) as o, closing(sqlite3.connect(destino)) as d:
        o.backup(d)
    return destino


def test_cli_importa_e_nao_repete(banco_cli, tmp_path):
    """`manage.py import fluxos ARQUIVO`: sai com 0 e o resumo em pt-BR; a segunda execução não
    inclui nada."""
    from tests.test_cli import cli, contar as contar_cli, ok

    arquivo = tmp_path / "fluxos.csv"
    arquivo.write_bytes(csv_bytes([linha(valor="1,00"), linha(valor="2,00")], sep=",", codificacao="cp1252"))
    n = contar_cli(banco_cli, "fluxo_recurso")
    r = ok(cli(banco_cli, "import", "fluxos", str(arquivo)))
    assert r.stdout.strip() == ("Importação concluída: 2 linha(s) lidas, 2 fluxo(s) incluído(s), "
                                "0 já existiam e foram ignorados.")
    assert contar_cli(banco_cli, "fluxo_recurso") == n + 2
    r = ok(cli(banco_cli, "import", "fluxos", str(arquivo)))
    assert r.stdout.strip() == ("Importação concluída: 2 linha(s) lidas, 0 fluxo(s) incluído(s), "
                                "2 já existiam e foram ignorados.")
    assert contar_cli(banco_cli, "fluxo_recurso") == n + 2


def test_cli_modelo_xlsx(banco_cli, tmp_path):
    """`manage.py import fluxos` lê o modelo XLSX como está."""
    from tests.test_cli import cli, ok

    arquivo = tmp_path / "modelo.xlsx"
    arquivo.write_bytes(modelo_xlsx())
    assert "1 fluxo(s) incluído(s)" in ok(cli(banco_cli, "import", "fluxos", str(arquivo))).stdout


def test_cli_recusa_com_linhas_e_nao_grava(banco_cli, tmp_path):
    """`manage.py import fluxos`: com problemas, sai com 1, lista "Linha N" no stderr e não grava
    nada (todas as tabelas com a mesma contagem)."""
    from tests.test_cli import cli, falha, retrato as retrato_cli

    arquivo = tmp_path / "ruim.csv"
    arquivo.write_bytes(csv_bytes([linha(valor="1,00"), linha(valor="abc"), linha(data_destinacao="31/02/2024")]))
    antes = retrato_cli(banco_cli)
    r = falha(cli(banco_cli, "import", "fluxos", str(arquivo)), 1, "nada foi importado", "2 problema(s) em ruim.csv",
              "Linha 3, campo “Valor (R$)”", "Linha 4, campo “Data da destinação”")
    assert "31/02/2024" in r.stderr
    assert retrato_cli(banco_cli) == antes


def test_cli_arquivo_inexistente(banco_cli, tmp_path):
    """`manage.py import fluxos`: arquivo que não existe sai com 1 e mensagem em pt-BR."""
    from tests.test_cli import cli, falha, retrato as retrato_cli

    antes = retrato_cli(banco_cli)
    falha(cli(banco_cli, "import", "fluxos", str(tmp_path / "nao_existe.csv")), 1, "não encontrado")
    assert retrato_cli(banco_cli) == antes
