"""Resumos dos fluxos mantidos pelo banco (`ResumoFluxo`, gatilhos da migração 0008, e
`ResumoDestino`, da 0014): depois de cada caminho de escrita — formulário pelo ORM (inclusão e alteração de etapa, valor, data e UF),
importação em lote (executemany no SQLite, COPY no PostgreSQL), exclusão e atualização por SQL
à mão, downgrade e upgrade da migração com dados — cada resumo é igual ao GROUP BY feito
em `fluxo_recurso`, nos dois bancos; e as leituras que os usam (agregado público, totais e Sankey
da página Recursos sem período) dão o mesmo que as somas nos fluxos."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import text
from sqlmodel import select

from core.banco import sessao, url_atual
from core.cache import limpar_caches
from dominio.publico import consultas
from dominio.recursos import servicos as recursos
from dominio.recursos.importacao import importar_fluxos
from dominio.recursos.servicos import Filtros
from models.recursos import TIPOS_DESTINO, TIPOS_ORIGEM, FluxoRecurso, ResumoDestino, ResumoFluxo
from models.unidades import EscritorioSocial, FundoMunicipal
from tests.apoio.fluxos import HOJE, dados, fundo_de
from tests.apoio.importacao_fluxos import HOJE as HOJE_IMPORTACAO
from tests.apoio.importacao_fluxos import csv_bytes, linhas_geradas
from tests.conftest import demo_em

RIO = 3304557


def resumo_no_banco() -> dict[tuple, tuple[int, D]]:
    with sessao() as s:
        return {
            (u, t, e, a): (q, v)
            for u, t, e, a, q, v in s.exec(
                select(
                    ResumoFluxo.uf_origem,
                    ResumoFluxo.tipo_origem,
                    ResumoFluxo.etapa,
                    ResumoFluxo.ano,
                    ResumoFluxo.quantidade,
                    ResumoFluxo.valor,
                )
            )
        }


def resumo_dos_fluxos() -> dict[tuple, tuple[int, D]]:
    """O mesmo agrupamento calculado em Python a partir de cada fluxo."""
    saida: dict[tuple, list] = {}
    with sessao() as s:
        for u, t, e, dd, dr, v in s.exec(
            select(
                FluxoRecurso.uf_origem,
                FluxoRecurso.tipo_origem,
                FluxoRecurso.etapa,
                FluxoRecurso.data_destinacao,
                FluxoRecurso.data_referencia,
                FluxoRecurso.valor,
            )
        ):
            par = saida.setdefault((u, t, e, (dd or dr).year), [0, D("0.00")])
            par[0] += 1
            par[1] += v
    return {k: (q, v) for k, (q, v) in saida.items()}


COLUNAS_DESTINO = ("destino_tipo", "destino_id", "destino_nome", "tipo_origem", "uf_origem", "etapa")


def resumo_destino_no_banco() -> dict[tuple, tuple[int, D]]:
    r = ResumoDestino
    with sessao() as s:
        return {
            tuple(linha[:-2]): tuple(linha[-2:])
            for linha in s.exec(select(*(getattr(r, c) for c in COLUNAS_DESTINO), r.quantidade, r.valor))
        }


def resumo_destino_dos_fluxos() -> dict[tuple, tuple[int, D]]:
    """O grão do Sankey calculado em Python a partir de cada fluxo (0 como id de projeto)."""
    x = FluxoRecurso
    saida: dict[tuple, list] = {}
    with sessao() as s:
        for t, fundo, escr, nome, o, u, e, v in s.exec(
            select(
                x.destino_tipo,
                x.fundo_id,
                x.escritorio_id,
                x.destino_nome,
                x.tipo_origem,
                x.uf_origem,
                x.etapa,
                x.valor,
            )
        ):
            par = saida.setdefault((t, fundo or escr or 0, nome, o, u, e), [0, D("0.00")])
            par[0] += 1
            par[1] += v
    return {k: (q, v) for k, (q, v) in saida.items()}


def _iguais(banco: dict, esperado: dict) -> None:
    assert banco == esperado, {
        k: (banco.get(k), esperado.get(k)) for k in set(banco) | set(esperado) if banco.get(k) != esperado.get(k)
    }


def conferir() -> None:
    _iguais(resumo_no_banco(), resumo_dos_fluxos())
    _iguais(resumo_destino_no_banco(), resumo_destino_dos_fluxos())


def percorrer_escritas(dmf) -> None:
    """Cada caminho de escrita em `fluxo_recurso`, conferindo o resumo depois de cada um."""
    conferir()  # o que a demonstração (ou o gerador) incluiu
    # formulário: inclusão
    f = recursos.salvar_fluxo(dmf, dados(orgao_origem="TJRJ — resumo (teste)"), hoje=HOJE)
    conferir()
    # alteração da etapa, do valor e da data de destinação (muda o ano do grupo)
    destinado = dict(
        orgao_origem="TJRJ — resumo (teste)",
        etapa="destinado",
        data_destinacao=date(2019, 5, 2),
        data_transferencia=None,
        valor=D("1234.56"),
    )
    f = recursos.salvar_fluxo(dmf, dados(**destinado), hoje=HOJE, ident=f.id, versao=f.versao)
    conferir()
    # alteração da UF de origem (sai de um grupo e entra noutro)
    recursos.salvar_fluxo(dmf, dados(**destinado, uf_origem="ES"), hoje=HOJE, ident=f.id, versao=f.versao)
    conferir()
    # importação em lote
    r = importar_fluxos(dmf, "lote.csv", csv_bytes(linhas_geradas(300, semente=8)), hoje=HOJE_IMPORTACAO)
    assert r.incluidas == 300
    conferir()
    # no SQLite a importação tira e recria o gatilho de inclusão (dominio/recursos/resumo.py): uma
    # inclusão depois dela continua somando
    recursos.salvar_fluxo(dmf, dados(orgao_origem="TJRJ — depois do lote (teste)", valor=D("77.77")), hoje=HOJE)
    conferir()
    # alteração que não toca no resumo (observações) e alteração em massa por SQL
    with sessao() as s:
        s.exec(text("UPDATE fluxo_recurso SET observacoes = 'conferido' WHERE id % 3 = 0"))
        s.exec(text("UPDATE fluxo_recurso SET valor = valor + 1 WHERE id % 5 = 0"))
        s.commit()
    conferir()
    # exclusões: um fluxo só (grupo que pode zerar e sumir) e muitos de uma vez
    with sessao() as s:
        s.exec(text("DELETE FROM fluxo_recurso WHERE id = :i").bindparams(i=f.id))
        s.exec(text("DELETE FROM fluxo_recurso WHERE id % 7 = 0"))
        s.commit()
    conferir()
    assert all(q > 0 for q, _ in resumo_no_banco().values()), "grupo sem fluxos não fica no resumo"


def leituras_batem() -> None:
    """Agregado público e totais da página Recursos (que leem o resumo) = somas nos fluxos."""
    limpar_caches()
    base = consultas._recursos_agrupados.__wrapped__(url_atual())
    esperado = {k: v for k, (_, v) in resumo_dos_fluxos().items() if k[2] != "potencial"}
    assert {(u, o, e, a): v for u, o, e, a, v in base.itertuples(index=False)} == esperado
    with sessao() as s:
        todos = list(
            s.exec(select(FluxoRecurso.uf_origem, FluxoRecurso.tipo_origem, FluxoRecurso.etapa, FluxoRecurso.valor))
        )
    for filtros in (
        Filtros(),
        Filtros(ufs=["RJ", "ES"]),
        Filtros(origens=["prestacao_pecuniaria"]),
        Filtros(etapas=["transferido", "aplicado"]),
    ):
        t = recursos._totais.__wrapped__(url_atual(), filtros.chave())
        sel = [
            v
            for u, o, e, v in todos
            if (not filtros.ufs or u in filtros.ufs)
            and (not filtros.origens or o in filtros.origens)
            and (not filtros.etapas or e in filtros.etapas)
        ]
        assert (t["fluxos"], t["total"]) == (len(sel), sum(sel, D("0.00"))), filtros
        assert isinstance(t["fluxos"], int)
    sankey_batem()


def sankey_batem() -> None:
    """Res. Conjunta CNJ/CNMP 10/2024, art. 14: o Sankey sem período (do resumo por destino) tem,
    para cada origem, UF e destino pelo nome, a soma dos fluxos — com e sem filtros."""
    x = FluxoRecurso
    with sessao() as s:
        fundos = dict(s.exec(select(FundoMunicipal.id, FundoMunicipal.nome)).all())
        escritorios = dict(s.exec(select(EscritorioSocial.id, EscritorioSocial.nome)).all())
        todos = list(
            s.exec(
                select(
                    x.tipo_origem,
                    x.uf_origem,
                    x.etapa,
                    x.destino_tipo,
                    x.fundo_id,
                    x.escritorio_id,
                    x.destino_nome,
                    x.valor,
                )
            )
        )
    for filtros in (Filtros(), Filtros(ufs=["RJ", "ES"], etapas=["transferido", "aplicado"])):
        esperado: dict[tuple, D] = {}
        for o, u, e, t, fundo, escr, nome, v in todos:
            if (filtros.ufs and u not in filtros.ufs) or (filtros.etapas and e not in filtros.etapas):
                continue
            destino = fundos[fundo] if t == "fundo" else escritorios[escr] if t == "escritorio" else nome
            chave = (TIPOS_ORIGEM[o], u, TIPOS_DESTINO[t], destino)
            esperado[chave] = esperado.get(chave, D("0.00")) + v
        limpar_caches()
        df = recursos._dados_sankey.__wrapped__(url_atual(), filtros.chave(), 1_000_000)
        assert dict(zip(map(tuple, df[["origem", "uf", "destino_tipo", "destino"]].values), df["valor"])) == esperado
        assert all(isinstance(v, D) for v in df["valor"])


def test_resumo_acompanha_toda_escrita_sqlite(banco_limpo, demo_usuarios):
    percorrer_escritas(demo_usuarios["dmf"])
    leituras_batem()


def test_migracao_preenche_o_resumo_com_os_fluxos_existentes(banco_limpo):
    from alembic import command

    from core.banco import descartar_engines
    from core.esquema import config_alembic

    descartar_engines()
    command.downgrade(config_alembic(banco_limpo), "0007")
    with sessao() as s:  # sem gatilhos: fluxos incluídos entre o downgrade e o upgrade
        s.exec(
            text(
                "UPDATE fluxo_recurso SET etapa = 'destinado', data_transferencia = NULL, "
                "data_aplicacao = NULL WHERE id % 4 = 0"
            )
        )
        s.commit()
    descartar_engines()
    command.upgrade(config_alembic(banco_limpo), "head")
    conferir()
    assert resumo_no_banco(), "a demonstração tem fluxos"


@pytest.mark.postgres
def test_resumo_acompanha_toda_escrita_postgres(url_postgres):
    with demo_em(url_postgres) as dmf:
        percorrer_escritas(dmf)
        leituras_batem()


@pytest.mark.postgres
def test_resumo_no_postgres_com_duas_transacoes_simultaneas(url_postgres):
    """Duas importações em transações abertas ao mesmo tempo nos mesmos grupos: a segunda espera
    a primeira (linhas do resumo travadas na mesma ordem) e nenhuma soma se perde."""
    import threading

    with demo_em(url_postgres) as dmf:
        arquivos = [csv_bytes(linhas_geradas(200, semente=s)) for s in (31, 32)]
        erros: list[BaseException] = []

        def importar(conteudo: bytes) -> None:
            try:
                importar_fluxos(dmf, "paralelo.csv", conteudo, hoje=HOJE_IMPORTACAO)
            except BaseException as exc:  # noqa: BLE001 - conferido abaixo
                erros.append(exc)

        fios = [threading.Thread(target=importar, args=(a,)) for a in arquivos]
        for t in fios:
            t.start()
        for t in fios:
            t.join(120)
        assert not erros, erros
        conferir()


def test_resumo_vazio_sem_fluxos(banco_limpo):
    with sessao() as s:
        s.exec(text("DELETE FROM fluxo_recurso"))
        s.commit()
    assert resumo_no_banco() == {} and resumo_destino_no_banco() == {}
    limpar_caches()
    assert consultas._recursos_agrupados.__wrapped__(url_atual()).empty
    t = recursos._totais.__wrapped__(url_atual(), Filtros().chave())
    assert (t["fluxos"], t["total"]) == (0, D("0.00"))
    assert recursos._dados_sankey.__wrapped__(url_atual(), Filtros().chave(), 10).empty
    assert fundo_de(RIO)  # o cadastro continua
