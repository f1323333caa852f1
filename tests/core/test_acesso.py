"""Nomes das permissões: escritos uma vez, como constantes de core/acesso.py; o resto do código
usa as constantes (uma busca por `acesso.REVISAO_VALIDAR` acha todos os usos)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from core import acesso
from core.erros import AcessoNegado
from models.usuarios import Usuario

RAIZ = Path(__file__).resolve().parents[2]
PASTAS_DO_CODIGO = ("app.py", "manage.py", "core", "comum", "dominio", "ui", "paginas", "models", "demo", "ferramentas")


def constantes_do_modulo() -> dict[str, str]:
    return {nome: valor for nome, valor in vars(acesso).items() if nome.isupper() and isinstance(valor, str)}


def arquivos_do_codigo() -> list[Path]:
    saida = []
    for nome in PASTAS_DO_CODIGO:
        caminho = RAIZ / nome
        saida += [caminho] if caminho.is_file() else sorted(caminho.rglob("*.py"))
    return saida


def literais_de_permissao(arquivo: Path) -> list[tuple[int, str]]:
    """(linha, texto) de cada literal de texto do arquivo igual ao nome de uma permissão,
    e cada f-string com uma parte fixa igual ao prefixo de uma (f"revisao.{acao}")."""
    nomes = set(acesso.PERMISSOES)
    prefixos = {n.split(".")[0] + "." for n in nomes}
    achados = []
    for no in ast.walk(ast.parse(arquivo.read_text(encoding="utf-8"))):
        if isinstance(no, ast.Constant) and isinstance(no.value, str) and no.value in nomes:
            achados.append((no.lineno, no.value))
        if isinstance(no, ast.JoinedStr):
            partes = [p.value for p in no.values if isinstance(p, ast.Constant)]
            if any(p in prefixos for p in partes):
                achados.append((no.lineno, "".join(partes)))
    return achados


def test_toda_permissao_da_tabela_de_papeis_e_uma_constante():
    constantes = constantes_do_modulo()
    for permissao in acesso.PERMISSOES:
        nomes = [n for n, v in constantes.items() if v == permissao]
        assert nomes == [permissao.upper().replace(".", "_")], permissao
    assert set(acesso.TODAS_PERMISSOES) == set(acesso.PERMISSOES)
    assert len(acesso.TODAS_PERMISSOES) == len(set(acesso.TODAS_PERMISSOES))
    assert set(acesso.ROTULO_PERMISSAO) == set(acesso.PERMISSOES)


def test_nenhum_nome_de_permissao_escrito_fora_de_core_acesso():
    arquivos = arquivos_do_codigo()
    assert RAIZ / "core" / "acesso.py" in arquivos and len(arquivos) > 50
    fora = {
        f"{arq.relative_to(RAIZ)}:{linha}: {texto}"
        for arq in arquivos
        if arq != RAIZ / "core" / "acesso.py"
        for linha, texto in literais_de_permissao(arq)
    }
    assert not fora, "use as constantes de core/acesso.py:\n" + "\n".join(sorted(fora))


def test_a_varredura_acha_literal_e_f_string(tmp_path):
    """A própria varredura: sem isto, um teste que nunca acha nada passaria sempre."""
    arq = tmp_path / "exemplo.py"
    arq.write_text('exigir(ator, "revisao.validar")\nexigir(ator, f"revisao.{acao}")\nx = "revisao"\n')
    assert [linha for linha, _ in literais_de_permissao(arq)] == [1, 2]


@pytest.mark.parametrize("permissao", acesso.TODAS_PERMISSOES)
def test_exigir_aceita_cada_constante_e_recusa_quem_nao_tem(permissao):
    papeis = acesso.PERMISSOES[permissao]
    for papel in (acesso.ADMIN, acesso.DMF, acesso.CNMP, acesso.PONTO_FOCAL):
        u = Usuario(id=1, email="x@x.br", nome="X", papel=papel, ativo=True, senha_hash="")
        if papel in papeis:
            assert acesso.exigir(u, permissao) is u
        else:
            with pytest.raises(AcessoNegado):
                acesso.exigir(u, permissao)


def test_nome_desconhecido_e_erro_de_programacao():
    with pytest.raises(KeyError):
        acesso.exigir(None, "revisao.validar_tudo")
