"""Demonstração de recursos: alguns milhares de fluxos fictícios em três anos, das origens
mais comuns aos Fundos e Escritórios da demonstração, com prestações de contas em dia,
a vencer e vencidas; estimativas de recursos potenciais por UF. Determinístico (semente fixa)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from comum.validadores import TR_POR_UF, digitos_verificadores_processo
from core.config import obter_config
from dominio.recursos.regras import prazo_padrao_prestacao
from dominio.recursos.servicos import (
    DadosFluxo,
    carregar_salarios_minimos,
    chave_de,
    novo_fluxo,
)
from models.recursos import RecursoPotencial
from models.territorio import Municipio
from models.unidades import EscritorioSocial, FundoMunicipal
from models.usuarios import Parametro

CHAVE = "demo_recursos_carregado"
QUANTIDADE = 3000

# origem: (peso, faixa de valor em reais)
ORIGENS = {
    "prestacao_pecuniaria": (40, (300, 25_000)),
    "anpp": (18, (500, 40_000)),
    "transacao_penal": (10, (200, 6_000)),
    "suspensao_condicional": (6, (300, 8_000)),
    "tac": (8, (10_000, 400_000)),
    "multa_dano_moral": (4, (20_000, 900_000)),
    "funpen": (6, (80_000, 1_500_000)),
    "orcamento_proprio": (4, (20_000, 300_000)),
    "doacao": (2, (1_000, 50_000)),
    "convenio": (2, (50_000, 600_000)),
}


def numero_processo_estadual(uf: str, ano: int, sequencial: str, origem: str) -> str:
    """Número CNJ (Res. CNJ 65/2008) da Justiça Estadual (J = 8) do TJ da `uf`, com dígitos
    verificadores corretos; `sequencial` com 7 dígitos e `origem` com 4, já formatados. O código
    do tribunal (TR) vem da tabela da Resolução (art. 1º, § 5º, VII: `TR_POR_UF`)."""
    tr = TR_POR_UF[uf]
    dd = digitos_verificadores_processo(sequencial, str(ano), "8", tr, origem)
    return f"{sequencial}-{dd}.{ano}.8.{tr}.{origem}"


def _processo(rnd: random.Random, uf: str, ano: int) -> str:
    """Número CNJ fictício com dígitos verificadores corretos (Justiça Estadual, J = 8)."""
    n, origem = f"{rnd.randint(1, 9_999_999):07d}", f"{rnd.randint(1, 999):04d}"
    return numero_processo_estadual(uf, ano, n, origem)


def carregar_demo_recursos(s: Session, hoje: date) -> dict[str, int]:
    n = {"fluxos de recursos": 0}
    if s.get(Parametro, CHAVE) is not None:
        return n
    carregar_salarios_minimos(s)
    rnd = random.Random(2023)
    fundos = s.exec(select(FundoMunicipal.id, Municipio.uf_sigla, Municipio.nome).join(Municipio)).all()
    escritorios = s.exec(select(EscritorioSocial.id, Municipio.uf_sigla, Municipio.nome).join(Municipio)).all()
    if not fundos:
        return n
    origens, pesos = list(ORIGENS), [v[0] for v in ORIGENS.values()]
    inicio = hoje - timedelta(days=3 * 365)
    dias_prestacao = obter_config().prazo_prestacao_dias
    vistos: set[str] = set()
    for _i in range(QUANTIDADE):
        tipo = rnd.choices(origens, pesos)[0]
        lo, hi = ORIGENS[tipo][1]
        valor = Decimal(rnd.randint(lo * 100, hi * 100)) / 100
        para_fundo = rnd.random() < 0.7 or not escritorios
        dest_id, uf, cidade = rnd.choice(fundos if para_fundo else escritorios)
        d0 = inicio + timedelta(days=rnd.randint(0, 3 * 365 - 120))
        etapa = rnd.choices(["potencial", "destinado", "transferido", "aplicado"], [8, 17, 35, 40])[0]
        d_dest = d0 + timedelta(days=rnd.randint(5, 40))
        d_transf = d_dest + timedelta(days=rnd.randint(10, 60))
        d_apl = d_transf + timedelta(days=rnd.randint(20, 120))
        # passada a data de aplicação, quase todo valor transferido já foi aplicado
        if etapa == "transferido" and d_apl < hoje and rnd.random() < 0.95:
            etapa = "aplicado"
        datas = {"data_potencial": d0}
        if etapa in ("destinado", "transferido", "aplicado"):
            datas["data_destinacao"] = min(d_dest, hoje)
        if etapa in ("transferido", "aplicado"):
            datas["data_transferencia"] = min(d_transf, hoje)
        if etapa == "aplicado":
            datas["data_aplicacao"] = min(d_apl, hoje)
        if tipo in ("prestacao_pecuniaria", "transacao_penal", "suspensao_condicional", "anpp"):
            orgao_tipo, orgao = "tribunal", f"TJ{uf} — Comarca de {cidade} — Vara de Execuções Penais"
        elif tipo in ("tac", "multa_dano_moral"):
            orgao_tipo, orgao = "ministerio_publico", f"MP{uf} — Promotoria de Justiça de {cidade}"
        elif tipo == "funpen":
            orgao_tipo, orgao = "senappen", "Senappen — FUNPEN (repasse fundo a fundo)"
        else:
            orgao_tipo, orgao = "municipio", f"Prefeitura Municipal de {cidade}"
        status, prazo, aplicado, apresentada = "nao_exigida", None, None, None
        if etapa in ("transferido", "aplicado") and tipo not in ("orcamento_proprio", "funpen"):
            prazo = prazo_padrao_prestacao(datas["data_transferencia"], dias_prestacao)
            # e quase toda prestação de contas vencida já foi apresentada: ficam algumas atrasadas
            if etapa == "aplicado" and rnd.random() < (0.97 if prazo < hoje else 0.5):
                status, apresentada = rnd.choice(["apresentada", "aprovada", "aprovada"]), min(prazo, hoje)
                aplicado = (valor * Decimal(rnd.randint(70, 100)) / 100).quantize(Decimal("0.01"))
            else:
                status = "pendente"  # parte vencida, parte a vencer, conforme o prazo
        dados = DadosFluxo(
            tipo_origem=tipo,
            orgao_tipo=orgao_tipo,
            orgao_origem=orgao,
            uf_origem=uf,
            destino_tipo="fundo" if para_fundo else "escritorio",
            fundo_id=dest_id if para_fundo else None,
            escritorio_id=None if para_fundo else dest_id,
            valor=valor,
            etapa=etapa,
            processo=_processo(rnd, uf, d0.year) if orgao_tipo == "tribunal" else None,
            justificativa=(
                "Projeto de qualificação profissional de egressos aprovado em edital (fictício)."
                if tipo in ("tac", "multa_dano_moral") and etapa != "potencial"
                else ""
            ),
            status_prestacao=status,
            prazo_prestacao=prazo,
            data_prestacao=apresentada,
            valor_aplicado=aplicado,
            atividades_resultados="Oficinas e bolsas de qualificação (fictício)." if apresentada else "",
            **datas,
        )
        chave = chave_de(dados)
        if chave in vistos:
            continue
        vistos.add(chave)
        s.add(novo_fluxo(dados))
        n["fluxos de recursos"] += 1
    # estimativas de recursos potenciais (saldos de contas judiciais etc.) por UF, nos três anos
    ufs = sorted({uf for _, uf, _ in fundos})
    for ano in range(inicio.year, hoje.year + 1):
        for uf in ufs:
            for tipo, orgao in (
                ("prestacao_pecuniaria", f"TJ{uf} — contas judiciais de prestação pecuniária"),
                ("tac", f"MP{uf} — TACs com valor a destinar"),
            ):
                s.add(
                    RecursoPotencial(
                        uf_sigla=uf,
                        ano=ano,
                        tipo_origem=tipo,
                        orgao=orgao,
                        valor_estimado=Decimal(rnd.randint(200_000, 4_000_000)),
                        fonte="Levantamento da demonstração (fictício)",
                    )
                )
    s.add(Parametro(chave=CHAVE, valor="sim"))
    return n
