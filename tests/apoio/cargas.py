"""Cargas hostis para os testes de “texto digitado é texto” (issue #16, item 2): HTML, <script>,
imagens e links markdown, endereços javascript:, diretivas de cor do Streamlit e LaTeX, postas em
cada campo de texto livre que alguma tela mostra."""

from __future__ import annotations

from sqlmodel import select

from core.banco import sessao

# a carga completa: cada pedaço tentaria uma coisa diferente no navegador
CARGA = (
    '<img src="http://example.org/p.png" onerror="window.__xss=1"> '
    "![x](http://example.org/i.png) [y](javascript:window.__xss=2) "
    ":red[z] $x^2$ <script>window.__xss=3</script>"
)
CARGA_CURTA = "![x](http://example.org/c.png)"  # para campos curtos (números, siglas)


def _campos_de_texto():
    """(modelo, campos) de texto livre que alguma tela mostra."""
    from models.funpen import ContratoPublico, PropostaFunpen
    from models.indicadores import EnvioColeta, RegistroQualitativo, RegraValidacao, VersaoIndicador
    from models.lgpd import IncidenteLgpd
    from models.plano import (
        AcaoComunicacao,
        AtividadeCronograma,
        ComentarioPlano,
        Evidencia,
        Meta,
        Obrigacao,
        Publicacao,
    )
    from models.recursos import FluxoRecurso
    from models.unidades import EscritorioSocial, FundoMunicipal, GrupoInterinstitucional
    from models.usuarios import Usuario

    return [
        (GrupoInterinstitucional, ["ato_criacao", "contato_pontos_focais"]),
        (EscritorioSocial, ["nome", "orgao_gestor", "termo_cooperacao"]),
        (FundoMunicipal, ["nome", "conselho_gestor"]),
        (Usuario, ["nome"]),
        (Publicacao, ["titulo", "resumo", "numero"]),
        (AcaoComunicacao, ["titulo"]),
        (Meta, ["texto"]),
        (AtividadeCronograma, ["nome"]),
        (Obrigacao, ["texto"]),
        (Evidencia, ["descricao"]),
        (ComentarioPlano, ["texto"]),
        (PropostaFunpen, ["titulo", "orgao_proponente"]),
        (ContratoPublico, ["objeto", "orgao_contratante", "numero"]),
        (IncidenteLgpd, ["descricao", "medidas_adotadas"]),
        (RegistroQualitativo, ["equipe", "achados", "recomendacoes"]),
        (FluxoRecurso, ["orgao_origem"]),
        (EnvioColeta, ["comentario_revisao"]),
        (VersaoIndicador, ["nome", "definicao", "unidade_medida", "fonte"]),
        (RegraValidacao, ["nome"]),
    ]


def _carga_para(coluna, i: int) -> str:
    """A carga que cabe na coluna (com o número da linha no fim, para campos únicos)."""
    limite = getattr(coluna.type, "length", None) or 10_000
    sufixo = f" {i}"
    carga = CARGA if len(CARGA) + len(sufixo) <= limite else CARGA_CURTA
    return (carga + sufixo)[:limite]


def semear_cargas(linhas_por_tabela: int = 3) -> int:
    """Põe a carga nos campos de texto das primeiras linhas de cada tabela; devolve quantos campos."""
    n = 0
    with sessao() as s:
        for modelo, campos in _campos_de_texto():
            colunas = modelo.__table__.c
            assert set(campos) <= set(colunas.keys()), (modelo.__name__, campos)
            for i, obj in enumerate(s.exec(select(modelo).order_by(modelo.id).limit(linhas_por_tabela))):
                for campo in campos:
                    if campo == "unidade_medida" and obj.unidade_medida.strip().lower() == "pessoas":
                        continue  # a unidade "pessoas" liga a supressão do painel: fica como está
                    setattr(obj, campo, _carga_para(colunas[campo], i))
                    n += 1
                s.add(obj)
        s.commit()
    return n
