"""Uma célula hostil não volta inteira na mensagem de erro: as três importações de planilha
(fluxos de recursos, valores de indicadores, dados do índice FUNPEN) recusam o arquivo citando no
máximo `core.erros.CITACAO_MAX` caracteres do que foi enviado, em qualquer coluna e com qualquer
forma de valor ruim (texto, número enorme, número minúsculo, espaços no meio). Antes, números,
opções, CNPJ, períodos e notas eram citados inteiros: uma célula de 30 mil caracteres voltava
inteira na tela, a cada linha ruim."""

from __future__ import annotations

import pytest

from core.erros import CITACAO_MAX, ErroValidacao
from core.relogio import hoje
from dominio.funpen import servicos as funpen
from dominio.indicadores.importacao import CABECALHOS as CABECALHOS_INDICADORES
from dominio.indicadores.importacao import importar_valores
from tests.apoio import importacao_fluxos as fluxos

TAMANHO = 20_000
# cada forma de valor ruim passa por um caminho diferente das leituras
HOSTIS = {
    "texto": "<script>alert(1)</script>" + "A" * TAMANHO,
    "digitos": "9" * TAMANHO,
    "minusculo": "0," + "0" * TAMANHO + "1",
    "decimais": "1," + "5" * TAMANHO,
    "espacos": "1" + " " * 10 + "x" * TAMANHO,
}


def _sem_eco(problemas, carga: str) -> None:
    """Nenhuma mensagem traz mais de CITACAO_MAX caracteres seguidos da carga (o fim dela, que
    é a repetição longa). Sem problema algum, nada foi citado (o nome do destino de um Fundo, por
    exemplo, é ignorado)."""
    pedaco = carga[-(CITACAO_MAX + 1) :]
    longas = [str(p)[:120] for p in problemas if pedaco in str(p)]
    assert not longas, longas


def _problemas(chamada) -> list:
    try:
        chamada()
    except ErroValidacao as exc:
        return exc.problemas
    return []


@pytest.mark.parametrize("forma", sorted(HOSTIS))
@pytest.mark.parametrize("campo", fluxos.CAMPOS)
def test_importacao_de_fluxos_nao_ecoa_a_celula(banco_limpo, demo_usuarios, campo, forma):
    carga = HOSTIS[forma]
    conteudo = fluxos.csv_bytes([fluxos.linha(**{campo: carga})])
    _sem_eco(_problemas(lambda: fluxos.importar(demo_usuarios["dmf"], conteudo)), carga)


# uma linha certa: o total de E01 do Escritório de Vitória no mês corrente
_LINHA_INDICADOR = {
    "tipo": "Escritório",
    "uf": "ES",
    "ibge": "3205309",
    "nome": "",
    "periodo": f"{hoje():%m/%Y}",
    "codigo": "E01",
    "desag": "Total",
    "valor": "10",
    "num": "",
    "den": "",
    "comentario": "",
}


@pytest.mark.parametrize("forma", sorted(HOSTIS))
@pytest.mark.parametrize("campo", list(_LINHA_INDICADOR))
def test_importacao_de_indicadores_nao_ecoa_a_celula(banco_limpo, demo_usuarios, campo, forma):
    carga = HOSTIS[forma]
    celulas = {**_LINHA_INDICADOR, campo: carga}
    conteudo = "\r\n".join(";".join(r) for r in [CABECALHOS_INDICADORES, celulas.values()]).encode()
    _sem_eco(
        _problemas(lambda: importar_valores(demo_usuarios["dmf"], "valores.csv", conteudo, hoje=hoje())),
        carga,
    )


_CAB_FUNPEN = (
    "UF;presos_100mil;crescimento;territorio;populacao;servidores;pop_carceraria;pib_per_capita;idh;"
    "a;b;c;d;e;f;g;h;i;j;inconsistencia_pct;presos;agentes;obras_atraso_pct;aditivos;fonte"
).split(";")
_LINHA_FUNPEN = "SP;450;1,4;248.219;44.410.000;12.000;199.845;55.000,00;0,806;1;2;2;2;2;0;2;2;1;2;;;;;;".split(";")


@pytest.mark.parametrize("forma", sorted(HOSTIS))
@pytest.mark.parametrize("coluna", [c for c in _CAB_FUNPEN if c != "fonte"])
def test_planilha_do_indice_funpen_nao_ecoa_a_celula(coluna, forma):
    carga = HOSTIS[forma]
    celulas = list(_LINHA_FUNPEN)
    celulas[_CAB_FUNPEN.index(coluna)] = carga
    if coluna in ("a", "f", "i"):  # nota vazia: calculada dos dados brutos (ver a carga também neles)
        celulas[_CAB_FUNPEN.index(coluna)] = ""
        bruto = {"a": "inconsistencia_pct", "f": "presos", "i": "obras_atraso_pct"}[coluna]
        celulas[_CAB_FUNPEN.index(bruto)] = carga
        if coluna == "f":
            celulas[_CAB_FUNPEN.index("agentes")] = "10"
    conteudo = ("\n".join([";".join(_CAB_FUNPEN), ";".join(celulas)]) + "\n").encode()
    _sem_eco(_problemas(lambda: funpen.ler_planilha_indice(conteudo, "dados.csv", {"SP", "RJ"})), carga)


@pytest.mark.parametrize("campo", ["valor", "valor_aplicado"])
def test_expoente_enorme_no_valor_do_fluxo_e_recusado_com_mensagem(banco_limpo, demo_usuarios, campo):
    """“1e999999999” fazia o `decimal` estourar (`decimal.Overflow`, fora das recusas da importação:
    a página caía num erro genérico); agora é “não é um valor monetário”, com a linha."""
    conteudo = fluxos.csv_bytes([fluxos.linha(**{campo: "1e999999999"})])
    problemas = _problemas(lambda: fluxos.importar(demo_usuarios["dmf"], conteudo))
    assert [p.linha for p in problemas] == [2], problemas


def test_codigo_ibge_com_algarismo_sobrescrito_e_recusado_com_mensagem(banco_limpo, demo_usuarios):
    """“²” passa por `str.isdigit`, mas `int()` o recusa: a importação caía com ValueError."""
    dmf = demo_usuarios["dmf"]
    conteudo = fluxos.csv_bytes([fluxos.linha(destino_ibge="²" * 7)])
    assert any("deve ter 7 dígitos" in p.mensagem for p in _problemas(lambda: fluxos.importar(dmf, conteudo)))
    celulas = {**_LINHA_INDICADOR, "ibge": "²" * 7}
    conteudo = "\r\n".join(";".join(r) for r in [CABECALHOS_INDICADORES, celulas.values()]).encode()
    problemas = _problemas(lambda: importar_valores(dmf, "valores.csv", conteudo, hoje=hoje()))
    assert any("deve ter 7 dígitos" in p.mensagem for p in problemas), problemas
