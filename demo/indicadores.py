"""Demonstração dos indicadores: períodos dos últimos 13 meses (mensais), 5 trimestres e 3
semestres; envios das unidades em todas as situações da revisão — aprovados nos períodos
antigos, uma mistura nos recentes, poucos no período aberto —, alguns com atraso, um devolvido
ao ponto focal de Vitória e um valor atípico para o revisor ver. Números fictícios, gerados
de forma determinística e coerentes com as regras do catálogo padrão."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from core.relogio import fuso
from dominio.cadastros import unidades
from dominio.indicadores.regras import data_da_trava
from dominio.indicadores.servicos import indicadores_vigentes, novo_periodo
from models.indicadores import (
    DESAGREGACOES,
    EnvioColeta,
    EventoRevisao,
    PeriodoColeta,
    ValorIndicador,
)
from models.usuarios import Parametro, Usuario

CHAVE = "demo_indicadores_carregado"


def _periodos(s: Session, hoje: date) -> list[PeriodoColeta]:
    pedidos = []
    for k in range(12, -1, -1):  # 13 meses até o atual
        m = hoje.month - k
        a = hoje.year + (m - 1) // 12
        pedidos.append(("mensal", a, (m - 1) % 12 + 1))
    tri = (hoje.month - 1) // 3 + 1
    for k in range(4, -1, -1):
        n = tri - k
        pedidos.append(("trimestral", hoje.year + (n - 1) // 4, (n - 1) % 4 + 1))
    sem = (hoje.month - 1) // 6 + 1
    for k in range(2, -1, -1):
        n = sem - k
        pedidos.append(("semestral", hoje.year + (n - 1) // 2, (n - 1) % 2 + 1))
    existentes = {(p.periodicidade, p.ano, p.numero): p for p in s.exec(select(PeriodoColeta))}
    r = []
    for per, ano, num in pedidos:
        if (per, ano, num) in existentes:
            r.append(existentes[(per, ano, num)])
            continue
        p = novo_periodo(per, ano, num, dias_prazo=15, dias_tolerancia=10)
        s.add(p)
        r.append(p)
    s.flush()
    return r


def _repartir(total: int, n: int, rng: random.Random) -> list[int]:
    """`total` em `n` partes inteiras não negativas que somam exatamente `total`."""
    pesos = [rng.random() + 0.2 for _ in range(n)]
    partes = [int(total * w / sum(pesos)) for w in pesos]
    partes[0] += total - sum(partes)
    return partes


def _desag(codigo_dim: str, total: int, rng: random.Random) -> dict[str, Decimal]:
    cats = list(DESAGREGACOES[codigo_dim][1])
    return {f"{codigo_dim}:{c}": Decimal(v) for c, v in zip(cats, _repartir(total, len(cats), rng))}


def valores_escritorio(base: int, rng: random.Random, periodicidade: str) -> dict[str, dict[str, Decimal]]:
    """Código → {desagregação: valor}; atende E01 ≤ E02, E04 ≤ E03 ≤ E02, E07 ≤ E01."""
    if periodicidade == "trimestral":
        return {"E09": {"": Decimal(rng.randint(0, 4_000_000)) / 100}}
    # cada Escritório tem o seu porte (`base`) e varia em torno dele de um mês para outro, como na vida real
    e01 = max(1, round(base * rng.uniform(0.85, 1.15)))
    e02 = round(e01 * rng.uniform(1.9, 2.3))
    e03 = round(e02 * rng.uniform(0.45, 0.6))
    e04 = round(e03 * rng.uniform(0.5, 0.65))
    e07 = round(e01 * rng.uniform(0.08, 0.14))
    e08 = round(e01 * rng.uniform(0.07, 0.12))
    v = {
        "E01": {
            "": Decimal(e01),
            **_desag("sexo", e01, rng),
            **_desag("raca_cor", e01, rng),
            **_desag("faixa_etaria", e01, rng),
        },
        "E02": {"": Decimal(e02)},
        "E03": {"": Decimal(e03), **_desag("area", e03, rng)},
        "E04": {"": Decimal(e04), **_desag("area", e04, rng)},
        "E05": {"": Decimal(round(base * rng.uniform(0.15, 0.25)))},
        "E06": {"": Decimal(round(base * rng.uniform(0.25, 0.35)))},
        "E07": {"": Decimal(e07), **_desag("sexo", e07, rng), **_desag("raca_cor", e07, rng)},
        "E08": {"": Decimal(e08), **_desag("sexo", e08, rng)},
    }
    v["E05"].update(_desag("sexo", int(v["E05"][""]), rng))
    return v


def valores_grupo(base: int, rng: random.Random, periodicidade: str, status: str) -> dict[str, dict[str, Decimal]]:
    if periodicidade == "semestral":
        g07 = rng.randint(0, 3)
        return {
            "G01": {"": Decimal(1 if status in ("constituido", "em_funcionamento") else 0)},
            "G03": {"": Decimal(rng.randint(4, 12))},
            "G07": {"": Decimal(g07)},
            "G08": {"": Decimal(rng.randint(0, g07))},
        }
    contratos = rng.randint(0, 12)
    g05 = contratos * rng.randint(3, 12)
    g06 = int(g05 * rng.uniform(0.3, 0.95))
    g11 = int(base * 40 * rng.uniform(0.9, 1.1))
    g12 = rng.randint(0, 40)
    return {
        "G02": {"": Decimal(rng.randint(1, 4))},
        "G04": {"": Decimal(contratos)},
        "G05": {"": Decimal(g05)},
        "G06": {"": Decimal(g06), **_desag("sexo", g06, rng), **_desag("raca_cor", g06, rng)},
        "G09": {"": Decimal(rng.randint(0, 5))},
        "G10": {"": Decimal(rng.randint(0, 3))},
        "G11": {
            "": Decimal(g11),
            **_desag("sexo", g11, rng),
            **_desag("raca_cor", g11, rng),
            **_desag("faixa_etaria", g11, rng),
        },
        "G12": {"": Decimal(g12), **_desag("sexo", g12, rng), **_desag("raca_cor", g12, rng)},
        "G13": {"": (Decimal(g11), Decimal(int(g11 / rng.uniform(0.12, 0.3))))},
    }


def _momento(d: date, hora: int = 14) -> datetime:
    return datetime.combine(d, time(hora, 0), tzinfo=fuso())


def evento_revisao(momento: datetime, usuario: tuple[int | None, str], de_status: str, para_status: str) -> dict:
    """Campos de um evento de revisão em que `usuario` (id, e-mail) leva o envio de `de_status`
    a `para_status`; a ação tem o nome do novo status (enviado, devolvido, validado, aprovado).
    Comum a esta demonstração e à de escala (demo/escala.py)."""
    return {
        "momento": momento,
        "usuario_id": usuario[0],
        "usuario_email": usuario[1],
        "acao": para_status,
        "de_status": de_status,
        "para_status": para_status,
    }


# Faixas do sorteio da situação de um envio: (limite, situação) em ordem crescente de limite;
# vale a primeira faixa cujo limite passa do número sorteado, senão a situação final (None:
# a unidade não enviou). Uma tabela por idade do período: aberto, recente e antigo.
Faixas = tuple[tuple[tuple[float, str | None], ...], str | None]
SITUACOES_DEMO: dict[str, Faixas] = {
    "aberto": (((0.2, "enviado"), (0.35, "rascunho")), None),
    "recente": (((0.35, "enviado"), (0.6, "validado"), (0.72, "aprovado"), (0.82, "devolvido")), None),
    "antigo": (((0.86, "aprovado"), (0.9, "validado"), (0.96, None)), "enviado"),
}


def sortear_situacao(
    x: float, prazo: date, trava: date, hoje: date, faixas: dict[str, Faixas] = SITUACOES_DEMO
) -> str | None:
    """Situação do envio para o número sorteado `x` (0 ≤ x < 1), conforme a idade do período:
    aberto até o `prazo`, antigo 30 dias depois da `trava`, recente entre os dois. Comum a esta
    demonstração e à de escala (demo/escala.py), cada uma com as suas `faixas`."""
    idade = "aberto" if hoje <= prazo else "antigo" if hoje > trava + timedelta(days=30) else "recente"
    limites, final = faixas[idade]
    return next((situacao for limite, situacao in limites if x < limite), final)


def _situacao(per: PeriodoColeta, hoje: date, rng: random.Random) -> str | None:
    """Situação sorteada conforme a idade do período (None: a unidade não enviou)."""
    return sortear_situacao(rng.random(), per.prazo, data_da_trava(per.prazo, per.dias_tolerancia), hoje)


def carregar_demo_indicadores(s: Session, hoje: date) -> dict[str, int]:
    n = {"envios de indicadores": 0, "valores de indicadores": 0}
    if s.get(Parametro, CHAVE) is not None:
        return n
    rng = random.Random(22_2023)
    periodos = _periodos(s, hoje)
    usuarios = {u.email: u for u in s.exec(select(Usuario))}
    dmf = usuarios.get("dmf@demo.pnat.jus.br")
    cnmp = usuarios.get("cnmp@demo.pnat.jus.br")
    pf_por_unidade = {
        unidades.chave_de(u.grupo_id, u.escritorio_id): u for u in usuarios.values() if u.papel == "ponto_focal"
    }
    catalogo = {
        alvo: {
            per: {i.codigo: v for i, v in indicadores_vigentes(s, alvo, per)}
            for per in ("mensal", "trimestral", "semestral")
        }
        for alvo in ("grupo", "escritorio")
    }
    todas = [u for u in unidades.todas(s) if u.informa]
    base = {u.chave: rng.randint(15, 110) for u in todas}
    atipico_feito = False
    ja_enviados = set(s.exec(select(EnvioColeta.periodo_id, EnvioColeta.unidade_chave)))  # ex.: dados de escala
    for per in periodos:
        for u in todas:
            versoes = catalogo[u.tipo][per.periodicidade]
            if not versoes:
                continue
            if (per.id, u.chave) in ja_enviados:
                continue
            pf = pf_por_unidade.get(u.chave)
            aberto = hoje <= per.prazo
            if pf is not None and aberto:
                continue  # o período aberto dos pontos focais de demonstração fica para eles preencherem
            status = _situacao(per, hoje, rng)
            if (
                pf is not None
                and u.tipo == "escritorio"
                and not aberto
                and hoje <= data_da_trava(per.prazo, per.dias_tolerancia)
            ):
                status = "devolvido"
            if status is None:
                continue
            valores = (
                valores_escritorio(base[u.chave], rng, per.periodicidade)
                if u.tipo == "escritorio"
                else valores_grupo(base[u.chave], rng, per.periodicidade, u.status)
            )
            if (
                not atipico_feito
                and status == "enviado"
                and u.tipo == "escritorio"
                and per.periodicidade == "mensal"
                and not aberto
            ):
                valores["E02"][""] *= 6  # atendimentos seis vezes acima do habitual: o revisor vê o alerta
                atipico_feito = True
            atraso = rng.random() < 0.2
            d_envio = (
                per.prazo + timedelta(days=rng.randint(1, 8))
                if atraso
                else per.prazo - timedelta(days=rng.randint(0, 12))
            )
            d_envio = min(d_envio, hoje)
            env = EnvioColeta(periodo_id=per.id, unidade_chave=u.chave, status=status, **u.ids)
            if status != "rascunho":
                env.primeiro_envio_em = env.enviado_em = _momento(d_envio)
            if status in ("validado", "aprovado"):
                env.validado_em, env.validado_por_id = _momento(min(d_envio + timedelta(days=3), hoje), 10), dmf.id
            if status == "aprovado":
                env.aprovado_em, env.aprovado_por_id = _momento(min(d_envio + timedelta(days=8), hoje), 16), cnmp.id
            if status == "devolvido":
                env.comentario_revisao = (
                    "A soma dos encaminhamentos por área não confere com o relatório mensal "
                    "do Escritório; revise E03 e E04 (demonstração)."
                )
            s.add(env)
            s.flush()
            informante = pf.id if pf else None
            for codigo, por_desag in valores.items():
                ver = versoes[codigo]
                for desag, numero in por_desag.items():
                    if isinstance(numero, tuple):
                        s.add(
                            ValorIndicador(
                                envio_id=env.id,
                                versao_indicador_id=ver.id,
                                numerador=numero[0],
                                denominador=numero[1],
                                informado_por_id=informante,
                                informado_em=_momento(d_envio, 9),
                            )
                        )
                    else:
                        s.add(
                            ValorIndicador(
                                envio_id=env.id,
                                versao_indicador_id=ver.id,
                                desagregacao=desag,
                                valor=numero,
                                informado_por_id=informante,
                                informado_em=_momento(d_envio, 9),
                            )
                        )
                    n["valores de indicadores"] += 1
            autor = (pf.id, pf.email) if pf else (None, "ponto focal (demonstração)")
            if env.enviado_em:
                s.add(EventoRevisao(envio_id=env.id, **evento_revisao(env.enviado_em, autor, "rascunho", "enviado")))
            if status == "devolvido":
                momento = _momento(min(d_envio + timedelta(days=2), hoje), 11)
                s.add(
                    EventoRevisao(
                        envio_id=env.id,
                        comentario=env.comentario_revisao,
                        **evento_revisao(momento, (dmf.id, dmf.email), "enviado", "devolvido"),
                    )
                )
            if env.validado_em:
                revisao = evento_revisao(env.validado_em, (dmf.id, dmf.email), "enviado", "validado")
                s.add(EventoRevisao(envio_id=env.id, **revisao))
            if env.aprovado_em:
                revisao = evento_revisao(env.aprovado_em, (cnmp.id, cnmp.email), "validado", "aprovado")
                s.add(EventoRevisao(envio_id=env.id, **revisao))
            n["envios de indicadores"] += 1
        s.flush()
    s.add(Parametro(chave=CHAVE, valor="sim"))
    s.flush()
    return n
