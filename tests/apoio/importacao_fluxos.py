"""Planilhas de fluxos de recursos para os testes de importação: linhas válidas, CSV e XLSX em memória."""

from __future__ import annotations

import csv
import io

import openpyxl
from sqlmodel import select

from core.banco import sessao
from demo.recursos import numero_processo_estadual
from dominio.recursos import importacao as imp
from dominio.recursos.importacao import CABECALHOS, importar_fluxos
from models.unidades import EscritorioSocial, FundoMunicipal
from tests.apoio.fluxos import CNPJ_OK, HOJE, PROCESSO_TJRJ

RIO, NITEROI, SAO_GONCALO = "3304557", "3303302", "3304904"  # Fundo+Escritório; só Escritório; nenhum


def linha(**kw) -> dict[str, str]:
    """Uma linha válida (a do modelo, com órgão próprio dos testes); `kw` por nome de campo."""
    base = {
        "tipo_origem": "Prestação pecuniária",
        "orgao_tipo": "Tribunal (comarca/vara)",
        "orgao_origem": "TJRJ — Comarca da Capital — VEP (importação)",
        "uf_origem": "RJ",
        "processo": PROCESSO_TJRJ,
        "destino_tipo": "Fundo Municipal",
        "destino_ibge": RIO,
        "destino_nome": "",
        "destino_cnpj": "",
        "valor": "12.345,67",
        "etapa": "Transferido",
        "data_potencial": "",
        "data_destinacao": "10/03/2024",
        "data_transferencia": "02/04/2024",
        "data_aplicacao": "",
        "justificativa": "",
        "status_prestacao": "Pendente",
        "prazo_prestacao": "02/10/2024",
    }
    base.update(kw)
    return base


def linha_tac(**kw) -> dict[str, str]:
    """Um TAC do Ministério Público destinado a um projeto com CNPJ: sem processo, transferência nem
    prestação, com a justificativa escrita (Res. Conjunta CNJ/CNMP 10/2024, art. 6º); `kw` por campo."""
    tac = {
        "tipo_origem": "Termo de ajustamento de conduta (TAC)",
        "orgao_tipo": "Ministério Público (ramo/unidade)",
        "orgao_origem": "MPT — PRT 1ª Região",
        "processo": "",
        "destino_tipo": "Projeto ou entidade",
        "destino_ibge": "",
        "destino_nome": "Projeto Trabalho e Renda",
        "destino_cnpj": CNPJ_OK,
        "etapa": "Destinado",
        "data_transferencia": "",
        "status_prestacao": "",
        "prazo_prestacao": "",
        "justificativa": "Edital 1/2024, projeto aprovado.",
    }
    return linha(**(tac | kw))


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


def linhas_geradas(n: int, semente: int = 22) -> list[dict]:
    """`n` linhas certas e distintas, como as de um tribunal ou MP: prestações pecuniárias com
    número CNJ válido para Fundos, ANPP para Escritórios, TAC para projetos com CNPJ, FUNPEN
    aplicado com prestação de contas; datas dos últimos três anos antes de HOJE."""
    import random
    from datetime import timedelta

    rnd = random.Random(semente)
    fundos = [(RIO, "RJ", "19")]
    with sessao() as s:
        from models.territorio import Municipio

        fundos = [
            (str(i), u)
            for i, u in s.exec(
                select(Municipio.codigo_ibge, Municipio.uf_sigla).join(
                    FundoMunicipal, FundoMunicipal.municipio_codigo == Municipio.codigo_ibge
                )
            )
        ]
        por_mun: dict = {}
        for i, u in s.exec(
            select(Municipio.codigo_ibge, Municipio.uf_sigla).join(
                EscritorioSocial, EscritorioSocial.municipio_codigo == Municipio.codigo_ibge
            )
        ):
            por_mun.setdefault((str(i), u), 0)
            por_mun[(str(i), u)] += 1
    escritorios = [k for k, q in por_mun.items() if q == 1]
    saida = []
    for _ in range(n):
        d0 = HOJE - timedelta(days=rnd.randint(200, 3 * 365))
        d1 = d0 + timedelta(days=rnd.randint(5, 40))
        d2 = d1 + timedelta(days=rnd.randint(10, 60))
        d3 = d2 + timedelta(days=rnd.randint(10, 90))
        reais = rnd.randint(100, 900_000)
        valor = f"{reais:,}".replace(",", ".") + f",{rnd.randint(0, 99):02d}"
        # só destinado (sem processo nem prestação): os ANPP para Escritórios e os TAC para projetos
        destinado = {
            "processo": "",
            "valor": valor,
            "etapa": "Destinado",
            "data_destinacao": f"{d1:%d/%m/%Y}",
            "data_transferencia": "",
            "status_prestacao": "",
            "prazo_prestacao": "",
        }
        k = rnd.random()
        if k < 0.5:
            ibge, uf = rnd.choice(fundos)
            num, orig = f"{rnd.randint(1, 9_999_999):07d}", f"{rnd.randint(1, 999):04d}"
            r = linha(
                orgao_origem=f"TJ{uf} — Comarca {rnd.randint(1, 40)} — VEP",
                uf_origem=uf,
                processo=numero_processo_estadual(uf, d0.year, num, orig),
                destino_ibge=ibge,
                valor=valor,
                data_potencial=f"{d0:%d/%m/%Y}",
                data_destinacao=f"{d1:%d/%m/%Y}",
                data_transferencia=f"{d2:%d/%m/%Y}",
                prazo_prestacao="",
            )
        elif k < 0.7:
            ibge, uf = rnd.choice(escritorios)
            r = linha(
                **destinado,
                tipo_origem="anpp",
                orgao_tipo="ministerio_publico",
                orgao_origem=f"MP{uf} — PJ {rnd.randint(1, 9)}",
                uf_origem=uf,
                destino_tipo="Escritório Social",
                destino_ibge=ibge,
            )
        elif k < 0.85:
            r = linha_tac(**destinado, destino_nome=f"Projeto {rnd.randint(1, 300)}")
        else:
            ibge, uf = rnd.choice(fundos)
            r = linha(
                tipo_origem="FUNPEN fundo a fundo",
                orgao_tipo="Senappen",
                orgao_origem="Senappen",
                uf_origem=uf,
                processo="",
                destino_ibge=ibge,
                valor=valor,
                etapa="Aplicado",
                data_destinacao=f"{d1:%d/%m/%Y}",
                data_transferencia=f"{d2:%d/%m/%Y}",
                data_aplicacao=f"{min(d3, HOJE):%d/%m/%Y}",
                status_prestacao="Apresentada",
                data_prestacao=f"{min(d3, HOJE):%d/%m/%Y}",
                valor_aplicado=valor,
                prazo_prestacao="",
                atividades_resultados="Oficinas de qualificação",
                comprovante_publicidade="https://transparencia.exemplo.gov.br/p",
            )
        saida.append(r)
    return saida


def fundo_de(ibge: str) -> int:
    """Id do Fundo Municipal do município `ibge` (código em texto, como na planilha)."""
    with sessao() as s:
        return s.exec(select(FundoMunicipal.id).where(FundoMunicipal.municipio_codigo == int(ibge))).one()
