"""Importação de fluxos que não perdoa demais (dominio/recursos/importacao.py): número CNJ que não
pode existir (Resolução CNJ 65/2008, art. 1º, §§ 3º a 5º) recusado com linha e campo, também pela
linha de comando; código IBGE em linha de projeto recusado em vez de ignorado; colunas fora do
modelo listadas no resultado, não descartadas em silêncio; coluna do modelo repetida recusada."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlmodel import func, select

from comum.validadores import digitos_verificadores_processo
from core.banco import sessao
from core.erros import ErroValidacao
from dominio.recursos.importacao import CABECALHOS
from models.recursos import FluxoRecurso
from models.usuarios import RegistroAuditoria
from tests.apoio.erros import mensagens
from tests.apoio.importacao_fluxos import CAMPOS, RIO, csv_bytes, importar, linha, linha_tac

# dígitos verificadores certos, segmento J = 0 (o caso do issue) e TR = 28 na Justiça Estadual
SEGMENTO_ZERO = "0000000-98.0000.0.00.0000"
TJ_28 = f"0058967-{digitos_verificadores_processo('0058967', '2016', '8', '28', '0000')}.2016.8.28.0000"
ORGAO_PROJETO = "MPT — PRT 1ª Região (importação)"


def retrato() -> tuple[int, int]:
    with sessao() as s:
        return (
            s.exec(select(func.count()).select_from(FluxoRecurso)).one(),
            s.exec(select(func.count()).select_from(RegistroAuditoria)).one(),
        )


def recusar(ator, conteudo: bytes) -> list[str]:
    antes = retrato()
    with pytest.raises(ErroValidacao) as exc:
        importar(ator, conteudo)
    assert retrato() == antes, "a importação recusada gravou algo"
    return mensagens(exc)


@pytest.fixture
def dmf(banco_limpo, demo_usuarios):
    return demo_usuarios["dmf"]


# --- número CNJ impossível ------------------------------------------------------------------------


def test_res_cnj_65_2008_numero_impossivel_recusado_com_linha_e_campo(dmf):
    """Res. CNJ 65/2008, art. 1º, §§ 4º e 5º: dígitos verificadores certos não bastam — J = 0 e
    TR = 28 na Justiça Estadual são recusados, cada um na sua linha e no campo do processo."""
    problemas = recusar(
        dmf, csv_bytes([linha(valor="1,00"), linha(processo=SEGMENTO_ZERO), linha(processo=TJ_28, valor="3,00")])
    )
    assert problemas == [
        f"Linha 3, campo “Número do processo”: número de processo “{SEGMENTO_ZERO}” impossível: o segmento do "
        "Judiciário (J) “0” não existe: vai de 1 a 9 (Res. CNJ 65/2008, art. 1º, § 4º)",
        f"Linha 4, campo “Número do processo”: número de processo “{TJ_28}” impossível: o tribunal (TR) “28” "
        "não existe na Justiça dos Estados e do Distrito Federal e Territórios (J = 8): admite 01 a 27 "
        "(Res. CNJ 65/2008, art. 1º, § 5º, VII)",
    ]


def test_res_cnj_65_2008_ano_futuro_recusado_na_importacao(dmf):
    """Res. CNJ 65/2008, art. 1º, § 3º: o ano do ajuizamento não pode passar do ano de hoje (o da
    importação: HOJE = 30/06/2025)."""
    futuro = f"0058967-{digitos_verificadores_processo('0058967', '2026', '8', '19', '0000')}.2026.8.19.0000"
    (problema,) = recusar(dmf, csv_bytes([linha(processo=futuro)]))
    assert problema.startswith("Linha 2, campo “Número do processo”") and "2026 está no futuro" in problema


# --- código IBGE em linha de projeto --------------------------------------------------------------


@pytest.mark.parametrize(
    ("ibge", "trecho"),
    [
        ("abc", "“abc” deve ter 7 dígitos"),
        ("12345", "“12345” deve ter 7 dígitos"),
        ("9999999", "município 9999999 não existe no cadastro do IBGE"),
        (RIO, "só se usa para Fundo Municipal ou Escritório Social; para projeto ou entidade, deixe em branco"),
    ],
)
def test_codigo_ibge_em_linha_de_projeto_e_recusado(dmf, ibge, trecho):
    """Projeto ou entidade não tem município no cadastro: um código IBGE na linha — lixo, inexistente
    ou mesmo válido — seria descartado sem aviso; a linha é recusada com o porquê."""
    (problema,) = recusar(dmf, csv_bytes([linha_tac(orgao_origem=ORGAO_PROJETO, destino_ibge=ibge)]))
    assert problema.startswith("Linha 2, campo “Código IBGE do município de destino”: ") and trecho in problema


def test_projeto_sem_codigo_ibge_continua_aceito(dmf):
    assert importar(dmf, csv_bytes([linha_tac(orgao_origem=ORGAO_PROJETO)])).incluidas == 1


# --- colunas fora do modelo -----------------------------------------------------------------------


def _csv_com_extras(cabecalhos: list[str], extras: list[str]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=";")
    w.writerow(cabecalhos)
    r = linha(valor="7,00")
    w.writerow([r.get(c, "") for c in CAMPOS] + extras)
    return buf.getvalue().encode()


def test_colunas_fora_do_modelo_listadas_no_resultado(dmf):
    """Uma coluna de nome desconhecido e uma sem nome mas com dados são listadas no resultado (e na
    frase que a página e a CLI mostram); uma sem nome e vazia não."""
    conteudo = _csv_com_extras([*CABECALHOS, "Observação do tribunal", "", ""], ["qualquer coisa", "dado solto", ""])
    r = importar(dmf, conteudo)
    assert r.incluidas == 1
    assert r.colunas_ignoradas == ("Observação do tribunal", f"coluna {len(CABECALHOS) + 2} (sem nome)")
    assert r.aviso_colunas_ignoradas.startswith(
        f"2 coluna(s) fora do modelo não foram lidas: “Observação do tribunal”; “coluna {len(CABECALHOS) + 2} (sem nome)”."
    )


def test_sem_colunas_extras_nada_a_avisar(dmf):
    r = importar(dmf, csv_bytes([linha(valor="8,00")]))
    assert (r.colunas_ignoradas, r.aviso_colunas_ignoradas) == ((), "")


def test_coluna_do_modelo_repetida_e_recusada(dmf):
    """Com "Valor (R$)" duas vezes, uma delas seria descartada em silêncio: o arquivo é recusado."""
    i = CABECALHOS.index("Valor (R$)")
    problemas = recusar(dmf, _csv_com_extras([*CABECALHOS, "valor (r$)"], ["9,00"]))
    assert problemas == [
        f"Linha 1, campo “Valor (R$)”: coluna repetida no cabeçalho (colunas {i + 1} e {len(CABECALHOS) + 1})"
    ]


# --- linha de comando -----------------------------------------------------------------------------


@pytest.fixture
def banco_cli(_modelo_sqlite, tmp_path) -> Path:
    import sqlite3
    from contextlib import closing

    destino = tmp_path / "cli.sqlite3"
    with closing(sqlite3.connect(_modelo_sqlite)) as o, closing(sqlite3.connect(destino)) as d:
        o.backup(d)
    return destino


def test_cli_recusa_numero_cnj_impossivel_com_linha_e_campo(banco_cli, tmp_path):
    """`manage.py import fluxos`: o número `0000000-98.0000.0.00.0000` (dígitos certos, J = 0) sai
    com 1, a linha e o campo no stderr, e nada é gravado (Res. CNJ 65/2008, art. 1º, § 4º)."""
    from tests.apoio.cli import cli, falha
    from tests.apoio.cli import retrato as retrato_cli

    arquivo = tmp_path / "impossivel.csv"
    arquivo.write_bytes(csv_bytes([linha(valor="1,00"), linha(processo=SEGMENTO_ZERO, valor="2,00")]))
    antes = retrato_cli(banco_cli)
    falha(
        cli(banco_cli, "import", "fluxos", str(arquivo)),
        1,
        "nada foi importado",
        f"Linha 3, campo “Número do processo”: número de processo “{SEGMENTO_ZERO}” impossível",
        "§ 4º",
    )
    assert retrato_cli(banco_cli) == antes


def test_cli_lista_colunas_ignoradas(banco_cli, tmp_path):
    """`manage.py import fluxos`: a coluna fora do modelo aparece na saída, depois do resumo."""
    from tests.apoio.cli import cli, ok

    arquivo = tmp_path / "extra.csv"
    arquivo.write_bytes(_csv_com_extras([*CABECALHOS, "Observação do tribunal"], ["x"]))
    r = ok(cli(banco_cli, "import", "fluxos", str(arquivo)))
    assert "atenção: 1 coluna(s) fora do modelo não foram lidas: “Observação do tribunal”." in r.stdout
