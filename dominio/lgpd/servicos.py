"""Incidentes com dados pessoais (Cláusula 13ª do acordo; Resolução CD/ANPD 15/2024),
encarregados (DPO) de cada partícipe e dias não úteis configuráveis.

Tudo exige a permissão `lgpd.gerir` (só administradores), para ler e para gravar. As
regras de prazo ficam em `dominio.lgpd.regras`, com a data de hoje recebida como argumento."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

import pandas as pd
from sqlmodel import Session, select

from comum.validadores import data_exigida, validar_email
from core import acesso
from core.banco import sessao
from core.edicao import gravar, incluir_ou_alterar, obter_na_sessao, obter_para_edicao, obter_registro, repetido
from core.erros import ErroValidacao, Problema
from core.relogio import fuso
from dominio.lgpd.regras import (
    SituacaoRelogio,
    feriado_nacional,
    fim_da_guarda,
    relogios_incidente,
)
from models.lgpd import (
    ABRANGENCIAS,
    CATEGORIAS_DADOS,
    CATEGORIAS_SENSIVEIS,
    STATUS_INCIDENTE,
    DiaNaoUtil,
    Encarregado,
    IncidenteLgpd,
)
from models.plano import PARTICIPES
from models.usuarios import Usuario

PERMISSAO = acesso.LGPD_GERIR

REGRA_PRAZOS = (
    "Prazos em **dias úteis** contados a partir do dia útil seguinte ao conhecimento (o dia do conhecimento não "
    "conta): **2** para avisar o outro partícipe (Cláusula 13ª, IV); **3** para comunicar a ANPD e os titulares "
    "(Res. CD/ANPD 15/2024, art. 6º); **20** da comunicação à ANPD para o complemento; agente de pequeno porte tem "
    "os prazos da ANPD em dobro. Não são dias úteis: sábados, domingos, feriados nacionais e os dias cadastrados "
    "abaixo (Carnaval e Corpus Christi não são feriados nacionais: só contam se cadastrados). Registros guardados "
    "por 5 anos da data do registro."
)


def _feriados_extra(s: Session) -> set[date]:
    return set(s.exec(select(DiaNaoUtil.data)))


def _relogios(inc: IncidenteLgpd, hoje: date, extras: set[date]) -> list[SituacaoRelogio]:
    return relogios_incidente(
        data_conhecimento=inc.data_conhecimento,
        pequeno_porte=inc.agente_pequeno_porte,
        risco_relevante=inc.risco_relevante,
        encerrado=inc.status == "encerrado",
        data_comunicacao_participe=inc.data_comunicacao_participe,
        data_comunicacao_anpd=inc.data_comunicacao_anpd,
        data_comunicacao_titulares=inc.data_comunicacao_titulares,
        data_complemento=inc.data_complemento,
        hoje=hoje,
        feriados_extra=extras,
    )


def rotulo_incidente(inc: IncidenteLgpd) -> str:
    return f"Nº {inc.id} — {PARTICIPES[inc.participe]}, conhecido em {inc.data_conhecimento:%d/%m/%Y}"


# --- incidentes -------------------------------------------------------------------------------


def tabela_incidentes(ator: Usuario | None, hoje: date) -> pd.DataFrame:
    """Uma linha por incidente (mais recentes primeiro), com valores crus: “Sensíveis” é bool,
    “Pessoas afetadas” é int ou None (desconhecido) e cada prazo (“Outro partícipe”, “ANPD”,
    “Titulares”, “Complemento”) é a `SituacaoRelogio` do prazo; ui/lgpd.py formata para a tela."""
    acesso.exigir(ator, PERMISSAO)
    with sessao(ator) as s:
        extras = _feriados_extra(s)
        incs = s.exec(
            select(IncidenteLgpd).order_by(IncidenteLgpd.data_conhecimento.desc(), IncidenteLgpd.id.desc())
        ).all()
    linhas = []
    for inc in incs:
        rel = {r.chave: r for r in _relogios(inc, hoje, extras)}
        linhas.append(
            {
                "id": inc.id,
                "Nº": inc.id,
                "Partícipe": PARTICIPES[inc.participe],
                "Conhecimento": inc.data_conhecimento,
                "Situação": STATUS_INCIDENTE[inc.status],
                "Categorias": ", ".join(CATEGORIAS_DADOS.get(c, c) for c in inc.categorias_dados),
                "Sensíveis": inc.dados_sensiveis,
                "Pessoas afetadas": inc.pessoas_afetadas,
                **{
                    nome: rel[k]
                    for k, nome in (
                        ("participe", "Outro partícipe"),
                        ("anpd", "ANPD"),
                        ("titulares", "Titulares"),
                        ("complemento", "Complemento"),
                    )
                },
            }
        )
    colunas = [
        "id",
        "Nº",
        "Partícipe",
        "Conhecimento",
        "Situação",
        "Categorias",
        "Sensíveis",
        "Pessoas afetadas",
        "Outro partícipe",
        "ANPD",
        "Titulares",
        "Complemento",
    ]
    return pd.DataFrame(linhas, columns=colunas)


def obter_incidente(ator: Usuario | None, incidente_id: int) -> IncidenteLgpd:
    return obter_registro(ator, PERMISSAO, IncidenteLgpd, incidente_id, "Incidente não encontrado.")


def relogios(ator: Usuario | None, incidente_id: int, hoje: date) -> list[SituacaoRelogio]:
    acesso.exigir(ator, PERMISSAO)
    with sessao(ator) as s:
        inc = obter_na_sessao(s, IncidenteLgpd, incidente_id, "Incidente não encontrado.")
        return _relogios(inc, hoje, _feriados_extra(s))


@dataclass
class DadosIncidente:
    participe: str
    data_conhecimento: date | None
    descricao: str
    categorias_dados: list[str] = field(default_factory=list)
    dados_sensiveis: bool = False
    risco_relevante: bool = True
    pessoas_afetadas: int | None = None
    medidas_adotadas: str = ""
    agente_pequeno_porte: bool = False
    hora_conhecimento: time | None = None
    data_registro: date | None = None  # None: hoje (na inclusão) ou a já gravada (na alteração)
    data_comunicacao_participe: date | None = None
    data_comunicacao_anpd: date | None = None
    data_comunicacao_titulares: date | None = None
    data_complemento: date | None = None
    data_encerramento: date | None = None


_DATAS = (
    ("data_comunicacao_participe", "comunicação ao outro partícipe"),
    ("data_comunicacao_anpd", "comunicação à ANPD"),
    ("data_comunicacao_titulares", "comunicação aos titulares"),
    ("data_complemento", "complemento à ANPD"),
    ("data_encerramento", "encerramento"),
)


def _validar_incidente(d: DadosIncidente, hoje: date) -> list[Problema]:
    p: list[Problema] = []
    if d.participe not in PARTICIPES:
        p.append(Problema("partícipe", "escolha CNJ ou CNMP"))
    data_exigida(
        p, "data do conhecimento", d.data_conhecimento, hoje, "informe a data em que o incidente se tornou conhecido"
    )
    if d.data_registro is not None:
        if d.data_registro > hoje:
            p.append(Problema("data do registro", f"a data {d.data_registro:%d/%m/%Y} está no futuro"))
        elif d.data_conhecimento and d.data_registro < d.data_conhecimento:
            p.append(Problema("data do registro", "não pode ser anterior ao conhecimento do incidente"))
    if not (d.descricao or "").strip():
        p.append(Problema("o que aconteceu", "descreva o incidente"))
    if not d.categorias_dados:
        p.append(Problema("categorias de dados", "escolha ao menos uma categoria"))
    desconhecidas = [c for c in d.categorias_dados if c not in CATEGORIAS_DADOS]
    if desconhecidas:
        p.append(Problema("categorias de dados", f"categoria(s) inválida(s): {', '.join(desconhecidas)}"))
    sensiveis = [CATEGORIAS_DADOS[c] for c in d.categorias_dados if c in CATEGORIAS_SENSIVEIS]
    if sensiveis and not d.dados_sensiveis:
        p.append(
            Problema(
                "dados sensíveis",
                f"{' e '.join(sensiveis)} são dados sensíveis (LGPD, art. 5º, II): marque “envolve dados sensíveis”",
            )
        )
    if d.pessoas_afetadas is not None and (not isinstance(d.pessoas_afetadas, int) or d.pessoas_afetadas < 0):
        p.append(
            Problema("pessoas afetadas", "informe um número inteiro não negativo, ou deixe em branco se desconhecido")
        )
    for campo, rotulo in _DATAS:
        v = getattr(d, campo)
        if v is None:
            continue
        if v > hoje:
            p.append(Problema(rotulo, f"a data {v:%d/%m/%Y} está no futuro"))
        elif d.data_conhecimento and v < d.data_conhecimento:
            p.append(
                Problema(
                    rotulo,
                    f"a data {v:%d/%m/%Y} é anterior ao conhecimento do incidente ({d.data_conhecimento:%d/%m/%Y})",
                )
            )
    if d.data_complemento is not None:
        if d.data_comunicacao_anpd is None:
            p.append(Problema("complemento à ANPD", "informe antes a data da comunicação à ANPD"))
        elif d.data_complemento < d.data_comunicacao_anpd:
            p.append(Problema("complemento à ANPD", "não pode ser anterior à comunicação à ANPD"))
    if d.data_encerramento is not None:
        faltam = []
        if d.data_comunicacao_participe is None:
            faltam.append("a comunicação ao outro partícipe")
        if d.risco_relevante and d.data_comunicacao_anpd is None:
            faltam.append("a comunicação à ANPD")
        if d.risco_relevante and d.data_comunicacao_titulares is None:
            faltam.append("a comunicação aos titulares")
        if faltam:
            p.append(Problema("encerramento", f"para encerrar, registre antes {', '.join(faltam)}"))
        anteriores = [getattr(d, c) for c, _ in _DATAS[:-1] if getattr(d, c) is not None]
        if anteriores and d.data_encerramento < max(anteriores):
            p.append(Problema("encerramento", "não pode ser anterior às comunicações registradas"))
    return p


def _instante(d: date, h: time | None) -> datetime | None:
    if h is None:
        return None
    return datetime.combine(d, h, tzinfo=fuso()).astimezone(UTC)


def salvar_incidente(
    ator: Usuario | None, dados: DadosIncidente, *, hoje: date, ident: int | None = None, versao: int | None = None
) -> IncidenteLgpd:
    """Inclui (sem `ident`) ou altera (com `ident` e a `versao` lida) um incidente."""
    acesso.exigir(ator, PERMISSAO)
    p = _validar_incidente(dados, hoje)
    if p:
        raise ErroValidacao(p)
    with sessao(ator) as s:
        if ident is None:
            inc = IncidenteLgpd(
                participe=dados.participe,
                data_conhecimento=dados.data_conhecimento,
                data_registro=dados.data_registro or hoje,
                descricao="",
            )
        else:
            inc = obter_para_edicao(s, IncidenteLgpd, ident, versao, "Este incidente")
            if dados.data_registro is not None:
                inc.data_registro = dados.data_registro
            if inc.data_registro < dados.data_conhecimento:
                raise ErroValidacao(Problema("data do registro", "não pode ser anterior ao conhecimento do incidente"))
        inc.participe, inc.data_conhecimento = dados.participe, dados.data_conhecimento
        inc.conhecido_em = _instante(dados.data_conhecimento, dados.hora_conhecimento)
        inc.descricao, inc.medidas_adotadas = dados.descricao.strip(), (dados.medidas_adotadas or "").strip()
        inc.categorias_dados = [c for c in CATEGORIAS_DADOS if c in set(dados.categorias_dados)]
        inc.dados_sensiveis, inc.risco_relevante = dados.dados_sensiveis, dados.risco_relevante
        inc.pessoas_afetadas, inc.agente_pequeno_porte = dados.pessoas_afetadas, dados.agente_pequeno_porte
        for campo, _ in _DATAS:
            setattr(inc, campo, getattr(dados, campo))
        inc.status = "encerrado" if dados.data_encerramento else "em_apuracao"
        s.add(inc)
        gravar(s, "Este incidente")
        return inc


# --- alertas e guarda ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AlertaLgpd:
    nivel: str  # "erro" (vencido) | "aviso" (vence em até 1 dia útil)
    incidente_id: int
    texto: str


def alertas_lgpd(ator: Usuario | None, hoje: date) -> list[AlertaLgpd]:
    """Prazos vencidos e prazos com 1 dia útil ou menos, dos incidentes em apuração."""
    acesso.exigir(ator, PERMISSAO)
    saida: list[AlertaLgpd] = []
    with sessao(ator) as s:
        extras = _feriados_extra(s)
        incs = s.exec(
            select(IncidenteLgpd)
            .where(IncidenteLgpd.status != "encerrado")
            .order_by(IncidenteLgpd.data_conhecimento, IncidenteLgpd.id)
        ).all()
    for inc in incs:
        for r in _relogios(inc, hoje, extras):
            if r.alerta:
                saida.append(
                    AlertaLgpd(
                        "erro" if r.estado == "vencido" else "aviso",
                        inc.id,
                        f"Incidente nº {inc.id} ({PARTICIPES[inc.participe]}): {r.rotulo} — {r.texto}.",
                    )
                )
    saida.sort(key=lambda a: a.nivel != "erro")
    return saida


def tabela_guarda(ator: Usuario | None, hoje: date) -> pd.DataFrame:
    """Incidentes com o fim da guarda de 5 anos e a marca de revisão para eliminação
    (passados os 5 anos da data do registro; Cláusula 13ª, III)."""
    acesso.exigir(ator, PERMISSAO)
    with sessao(ator) as s:
        incs = s.exec(select(IncidenteLgpd).order_by(IncidenteLgpd.data_registro, IncidenteLgpd.id)).all()
    linhas = [
        {
            "id": i.id,
            "Nº": i.id,
            "Partícipe": PARTICIPES[i.participe],
            "Registro": i.data_registro,
            "Guarda até": fim_da_guarda(i.data_registro),
            "Revisar eliminação": "Sim" if fim_da_guarda(i.data_registro) <= hoje else "Não",
        }
        for i in incs
    ]
    return pd.DataFrame(linhas, columns=["id", "Nº", "Partícipe", "Registro", "Guarda até", "Revisar eliminação"])


def para_revisao_de_eliminacao(ator: Usuario | None, hoje: date) -> list[int]:
    df = tabela_guarda(ator, hoje)
    return [int(i) for i in df.loc[df["Revisar eliminação"] == "Sim", "id"]]


# --- encarregados -----------------------------------------------------------------------------


def listar_encarregados(ator: Usuario | None) -> list[Encarregado]:
    acesso.exigir(ator, PERMISSAO)
    with sessao(ator) as s:
        return list(s.exec(select(Encarregado).order_by(Encarregado.participe, Encarregado.data_inicio.desc())))


@dataclass
class DadosEncarregado:
    participe: str
    nome: str
    email: str
    ato_designacao: str
    data_inicio: date | None
    data_fim: date | None = None


def salvar_encarregado(
    ator: Usuario | None, dados: DadosEncarregado, *, hoje: date, ident: int | None = None, versao: int | None = None
) -> Encarregado:
    """Cláusula 13ª, V: cada partícipe informa ao outro o seu Encarregado (LGPD, art. 23, III)."""
    acesso.exigir(ator, PERMISSAO)
    p: list[Problema] = []
    if dados.participe not in PARTICIPES:
        p.append(Problema("partícipe", "escolha CNJ ou CNMP"))
    if not (dados.nome or "").strip():
        p.append(Problema("nome", "informe o nome do(a) encarregado(a)"))
    email = ""
    try:
        email = validar_email(dados.email or "")
    except ValueError as exc:
        p.append(Problema("e-mail", str(exc)))
    if dados.data_inicio is None:
        p.append(Problema("início", "informe a data de início da designação"))
    elif dados.data_inicio > hoje:
        p.append(Problema("início", f"a data {dados.data_inicio:%d/%m/%Y} está no futuro"))
    if dados.data_fim is not None and dados.data_inicio is not None and dados.data_fim < dados.data_inicio:
        p.append(Problema("fim", "não pode ser anterior ao início"))
    if p:
        raise ErroValidacao(p)
    with sessao(ator) as s:
        campos = dict(
            participe=dados.participe,
            nome=dados.nome.strip(),
            email=email,
            ato_designacao=(dados.ato_designacao or "").strip(),
            data_inicio=dados.data_inicio,
            data_fim=dados.data_fim,
        )
        return incluir_ou_alterar(s, Encarregado, campos, ident, versao, "Este encarregado")


# --- dias não úteis ------------------------------------------------------------------------------


def listar_dias_nao_uteis(ator: Usuario | None) -> list[DiaNaoUtil]:
    acesso.exigir(ator, PERMISSAO)
    with sessao(ator) as s:
        return list(s.exec(select(DiaNaoUtil).order_by(DiaNaoUtil.data)))


@dataclass
class DadosDiaNaoUtil:
    data: date | None
    descricao: str
    abrangencia: str
    localidade: str = ""


def salvar_dia_nao_util(
    ator: Usuario | None, dados: DadosDiaNaoUtil, *, ident: int | None = None, versao: int | None = None
) -> DiaNaoUtil:
    """Dia sem expediente que suspende a contagem dos prazos em dias úteis: institucional
    (ex.: Carnaval, Corpus Christi) ou local (feriado estadual ou municipal)."""
    acesso.exigir(ator, PERMISSAO)
    p: list[Problema] = []
    if dados.data is None:
        p.append(Problema("data", "informe a data"))
    elif dados.data.weekday() >= 5:
        p.append(Problema("data", f"{dados.data:%d/%m/%Y} cai num fim de semana, que já não é dia útil"))
    elif (nome := feriado_nacional(dados.data)) is not None:
        p.append(Problema("data", f"{dados.data:%d/%m/%Y} já é feriado nacional ({nome})"))
    if not (dados.descricao or "").strip():
        p.append(Problema("descrição", "informe o motivo (ex.: Carnaval, feriado estadual)"))
    if dados.abrangencia not in ABRANGENCIAS:
        p.append(Problema("abrangência", "escolha institucional ou local"))
    elif dados.abrangencia == "local" and not (dados.localidade or "").strip():
        p.append(Problema("UF/município", "informe a UF e/ou o município do feriado local"))
    with sessao(ator) as s:
        if dados.data is not None:
            if outro := repetido(s, DiaNaoUtil, ident, DiaNaoUtil.data == dados.data):
                p.append(Problema("data", f"{dados.data:%d/%m/%Y} já está cadastrado ({outro.descricao})"))
        if p:
            raise ErroValidacao(p)
        campos = dict(
            data=dados.data,
            descricao=dados.descricao.strip(),
            abrangencia=dados.abrangencia,
            localidade=(dados.localidade or "").strip() if dados.abrangencia == "local" else "",
        )
        return incluir_ou_alterar(s, DiaNaoUtil, campos, ident, versao, "Este dia não útil")


def excluir_dia_nao_util(ator: Usuario | None, ident: int, versao: int) -> None:
    acesso.exigir(ator, PERMISSAO)
    with sessao(ator) as s:
        d = obter_para_edicao(s, DiaNaoUtil, ident, versao, "Este dia não útil")
        s.delete(d)
        gravar(s, "Este dia não útil")
