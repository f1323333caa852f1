"""Prazos de incidentes com dados pessoais, como funções puras (a data de hoje e os dias
não úteis configurados são sempre argumentos).

Normas:
- ACT CNJ–CNMP nº 22/2023, Cláusula 13ª, IV: cada partícipe comunica ao outro "em até 2
  (dois) dias úteis do conhecimento" qualquer incidente com dados pessoais.
- Resolução CD/ANPD 15/2024, art. 6º: o controlador comunica à ANPD em 3 dias úteis do
  conhecimento de que o incidente afetou dados pessoais; informações complementares em
  20 dias úteis contados da comunicação; a comunicação aos titulares também em 3 dias
  úteis (artigo *não confirmado*). Agentes de pequeno porte têm esses prazos em dobro
  (o dispositivo exato — Res. CD/ANPD 2/2022, art. 14, ou parágrafo do art. 6º da Res.
  15/2024 — *não confirmado* no texto primário). Registros dos incidentes guardados por
  5 anos (art. 10 da Res. 15/2024 e termo inicial "data do registro"
  *não confirmados*).

Contagem (leitura adotada, por analogia ao CPC, arts. 219 e 224, e à Lei 9.784/1999,
art. 66): exclui-se o dia do conhecimento; conta-se a partir do primeiro dia útil
seguinte; só dias úteis entram na conta, e o prazo termina no N-ésimo dia útil. Dia
útil: segunda a sexta que não seja feriado nacional (biblioteca `holidays`, só a
categoria de feriados públicos) nem dia não útil configurado (institucional ou local).
Carnaval e Corpus Christi não são feriados nacionais em lei: só contam quando
configurados. A Sexta-feira Santa vem da biblioteca como feriado nacional (Lei
9.093/1995, art. 2º, a faz feriado religioso por lei municipal; observada em todo o país).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from dominio.plano.regras import somar_meses

PRAZO_PARTICIPE = 2  # dias úteis — Cláusula 13ª, IV
PRAZO_ANPD = 3  # dias úteis — Res. CD/ANPD 15/2024, art. 6º
PRAZO_TITULARES = 3  # dias úteis — Res. CD/ANPD 15/2024 (artigo não confirmado)
PRAZO_COMPLEMENTO = 20  # dias úteis da comunicação à ANPD — Res. CD/ANPD 15/2024, art. 6º
GUARDA_MESES = 60  # 5 anos — Res. CD/ANPD 15/2024
ALERTA_DIAS_UTEIS = 1  # alerta quando falta 1 dia útil ou menos


@lru_cache(maxsize=64)
def _feriados_do_ano(ano: int) -> dict[date, str]:
    return dict(holidays.country_holidays("BR", years=ano, categories=("public",), language="pt_BR"))


def feriado_nacional(d: date) -> str | None:
    """Nome do feriado nacional em `d` (Lei 662/1949, Lei 6.802/1980, Lei 14.759/2023…,
    pela biblioteca `holidays`), ou None. Carnaval e Corpus Christi não entram."""
    return _feriados_do_ano(d.year).get(d)


def e_dia_util(d: date, feriados_extra: Iterable[date] = ()) -> bool:
    """Cláusula 13ª, IV, e Res. CD/ANPD 15/2024, art. 6º, contam "dias úteis": de segunda a
    sexta, fora dos feriados nacionais e dos dias não úteis configurados (`feriados_extra`)."""
    if d.weekday() >= 5:
        return False
    if feriado_nacional(d) is not None:
        return False
    return d not in set(feriados_extra)


def somar_dias_uteis(inicio: date, n: int, feriados_extra: Iterable[date] = ()) -> date:
    """O N-ésimo dia útil depois de `inicio` (o dia do conhecimento não conta: CPC, art. 224,
    e Lei 9.784/1999, art. 66, por analogia). Conhecimento numa sexta com prazo de 2 dias
    úteis vence na terça; num sábado, também na terça (segunda é o 1º dia útil)."""
    if n < 0:
        raise ValueError("o número de dias úteis não pode ser negativo")
    extras = set(feriados_extra)
    d, contados = inicio, 0
    while contados < n:
        d += timedelta(days=1)
        if e_dia_util(d, extras):
            contados += 1
    return d


def dias_uteis_entre(inicio: date, fim: date, feriados_extra: Iterable[date] = ()) -> int:
    """Quantos dias úteis há em (inicio, fim] — 0 se fim ≤ inicio."""
    extras = set(feriados_extra)
    n, d = 0, inicio
    while d < fim:
        d += timedelta(days=1)
        if e_dia_util(d, extras):
            n += 1
    return n


def prazo_participe(data_conhecimento: date, feriados_extra: Iterable[date] = ()) -> date:
    """Cláusula 13ª, IV: comunicar o outro partícipe "em até 2 (dois) dias úteis do
    conhecimento". Prazo contratual: não dobra para agente de pequeno porte."""
    return somar_dias_uteis(data_conhecimento, PRAZO_PARTICIPE, feriados_extra)


def _dobro(dias: int, pequeno_porte: bool) -> int:
    """Agente de tratamento de pequeno porte: prazos de comunicação em dobro (Res. CD/ANPD
    2/2022 ou Res. CD/ANPD 15/2024; dispositivo exato não confirmado)."""
    return dias * 2 if pequeno_porte else dias


def prazo_anpd(data_conhecimento: date, pequeno_porte: bool = False, feriados_extra: Iterable[date] = ()) -> date:
    """Res. CD/ANPD 15/2024, art. 6º: comunicação à ANPD em 3 dias úteis do conhecimento
    (6 para agente de pequeno porte)."""
    return somar_dias_uteis(data_conhecimento, _dobro(PRAZO_ANPD, pequeno_porte), feriados_extra)


def prazo_titulares(data_conhecimento: date, pequeno_porte: bool = False, feriados_extra: Iterable[date] = ()) -> date:
    """Res. CD/ANPD 15/2024 (artigo não confirmado): comunicação aos titulares
    em 3 dias úteis do conhecimento (6 para agente de pequeno porte)."""
    return somar_dias_uteis(data_conhecimento, _dobro(PRAZO_TITULARES, pequeno_porte), feriados_extra)


def prazo_complemento(
    data_comunicacao_anpd: date, pequeno_porte: bool = False, feriados_extra: Iterable[date] = ()
) -> date:
    """Res. CD/ANPD 15/2024, art. 6º: informações complementares em 20 dias úteis contados
    da comunicação à ANPD (40 para agente de pequeno porte)."""
    return somar_dias_uteis(data_comunicacao_anpd, _dobro(PRAZO_COMPLEMENTO, pequeno_porte), feriados_extra)


def fim_da_guarda(data_registro: date) -> date:
    """Res. CD/ANPD 15/2024: registro do incidente guardado por 5 anos — 60
    meses até o dia de igual número (CC, art. 132, § 3º); depois, revisão para eliminação
    (Cláusula 13ª, III)."""
    return somar_meses(data_registro, GUARDA_MESES)


def _plural(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


@dataclass(frozen=True)
class SituacaoRelogio:
    chave: str  # participe | anpd | titulares | complemento
    rotulo: str
    prazo: date | None
    cumprido_em: date | None
    estado: str  # cumprido | cumprido_com_atraso | a_vencer | vencendo | vencido | nao_exigido | aguardando
    texto: str
    dias: int | None = None  # úteis restantes (a vencer) ou corridos de atraso (vencido)

    @property
    def alerta(self) -> bool:
        return self.estado in ("vencendo", "vencido")


def situacao_relogio(
    chave: str,
    rotulo: str,
    prazo: date | None,
    cumprido_em: date | None,
    hoje: date,
    feriados_extra: Iterable[date] = (),
) -> SituacaoRelogio:
    """Situação de um prazo: "cumprido em DD/MM/AAAA" (com o atraso, se houve); "vence hoje" ou
    "vence em N dia(s) útil(eis)"; "vencido há N dia(s)" (dias corridos desde o vencimento).
    Falta de 1 dia útil ou menos é "vencendo" (alerta)."""
    if prazo is None:
        return SituacaoRelogio(chave, rotulo, None, cumprido_em, "aguardando", "aguarda a comunicação à ANPD")
    if cumprido_em is not None:
        if cumprido_em <= prazo:
            return SituacaoRelogio(chave, rotulo, prazo, cumprido_em, "cumprido", f"cumprido em {cumprido_em:%d/%m/%Y}")
        atraso = dias_uteis_entre(prazo, cumprido_em, feriados_extra)
        return SituacaoRelogio(
            chave,
            rotulo,
            prazo,
            cumprido_em,
            "cumprido_com_atraso",
            f"cumprido em {cumprido_em:%d/%m/%Y}, {_plural(atraso, 'dia útil', 'dias úteis')} após o prazo",
            atraso,
        )
    if hoje > prazo:
        atraso = (hoje - prazo).days
        return SituacaoRelogio(
            chave,
            rotulo,
            prazo,
            None,
            "vencido",
            f"vencido há {_plural(atraso, 'dia', 'dias')} (em {prazo:%d/%m/%Y})",
            atraso,
        )
    faltam = dias_uteis_entre(hoje, prazo, feriados_extra)
    estado = "vencendo" if faltam <= ALERTA_DIAS_UTEIS else "a_vencer"
    texto = "vence hoje" if hoje == prazo else f"vence em {_plural(faltam, 'dia útil', 'dias úteis')}"
    return SituacaoRelogio(chave, rotulo, prazo, None, estado, f"{texto} ({prazo:%d/%m/%Y})", faltam)


ROTULOS_RELOGIOS = {
    "participe": "Outro partícipe (Cláusula 13ª, IV)",
    "anpd": "ANPD (Res. CD/ANPD 15/2024, art. 6º)",
    "titulares": "Titulares (Res. CD/ANPD 15/2024)",
    "complemento": "Complemento à ANPD (Res. CD/ANPD 15/2024, art. 6º)",
}


def relogios_incidente(
    *,
    data_conhecimento: date,
    pequeno_porte: bool,
    risco_relevante: bool,
    encerrado: bool,
    data_comunicacao_participe: date | None,
    data_comunicacao_anpd: date | None,
    data_comunicacao_titulares: date | None,
    data_complemento: date | None,
    hoje: date,
    feriados_extra: Iterable[date] = (),
) -> list[SituacaoRelogio]:
    """Os quatro prazos de um incidente. Sem risco ou dano relevante aos titulares (LGPD,
    art. 48), ANPD, titulares e complemento não são exigidos; o outro partícipe sempre é
    (Cláusula 13ª, IV: "qualquer incidente"). O complemento corre da comunicação à ANPD e,
    encerrado o incidente sem complemento, deixa de ser exigido (só se envia "quando
    necessário"). Em incidente encerrado nenhum prazo pendente gera alerta."""
    extras = set(feriados_extra)
    saida = [
        situacao_relogio(
            "participe",
            ROTULOS_RELOGIOS["participe"],
            prazo_participe(data_conhecimento, extras),
            data_comunicacao_participe,
            hoje,
            extras,
        )
    ]
    if not risco_relevante:
        for chave, cumprido in (
            ("anpd", data_comunicacao_anpd),
            ("titulares", data_comunicacao_titulares),
            ("complemento", data_complemento),
        ):
            texto = "não exigido (sem risco ou dano relevante)"
            if cumprido is not None:
                texto = f"comunicado em {cumprido:%d/%m/%Y} (não exigido)"
            saida.append(SituacaoRelogio(chave, ROTULOS_RELOGIOS[chave], None, cumprido, "nao_exigido", texto))
    else:
        saida.append(
            situacao_relogio(
                "anpd",
                ROTULOS_RELOGIOS["anpd"],
                prazo_anpd(data_conhecimento, pequeno_porte, extras),
                data_comunicacao_anpd,
                hoje,
                extras,
            )
        )
        saida.append(
            situacao_relogio(
                "titulares",
                ROTULOS_RELOGIOS["titulares"],
                prazo_titulares(data_conhecimento, pequeno_porte, extras),
                data_comunicacao_titulares,
                hoje,
                extras,
            )
        )
        prazo_c = prazo_complemento(data_comunicacao_anpd, pequeno_porte, extras) if data_comunicacao_anpd else None
        if encerrado and data_complemento is None:
            saida.append(
                SituacaoRelogio(
                    "complemento",
                    ROTULOS_RELOGIOS["complemento"],
                    prazo_c,
                    None,
                    "nao_exigido",
                    "não enviado (incidente encerrado sem necessidade de complemento)",
                )
            )
        else:
            saida.append(
                situacao_relogio(
                    "complemento", ROTULOS_RELOGIOS["complemento"], prazo_c, data_complemento, hoje, extras
                )
            )
    if encerrado:
        saida = [
            r
            if not r.alerta
            else SituacaoRelogio(
                r.chave,
                r.rotulo,
                r.prazo,
                r.cumprido_em,
                "nao_exigido",
                f"{r.texto} — incidente encerrado sem o registro",
            )
            for r in saida
        ]
    return saida
