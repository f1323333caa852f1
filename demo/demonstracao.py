"""Dados de demonstração (idempotente): Grupos em 18 UFs, cerca de 40 Escritórios
Sociais e 25 Fundos Municipais em municípios reais, um usuário por papel e a execução
do Plano de Trabalho (demo/plano.py). Tudo aqui é fictício, salvo o texto do Plano de Trabalho;
o painel mostra um aviso enquanto esses dados estiverem carregados."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from core import relogio
from core.banco import sessao
from core.config import obter_config
from core.erros import ErroNegocio
from demo.funpen import carregar_demo_funpen
from demo.indicadores import carregar_demo_indicadores
from demo.lgpd import carregar_demo_lgpd
from demo.plano import carregar_demo_plano
from demo.qualitativo import carregar_demo_qualitativo
from demo.recursos import carregar_demo_recursos
from dominio.publico import consultas
from dominio.publico.consultas import CHAVE_DEMO
from dominio.usuarios.servicos import CHAVE_CONTAS_DEMO, gerar_hash, senha_confere
from models.indicadores import PeriodoColeta
from models.publico import PainelPublicado
from models.territorio import Municipio
from models.unidades import EscritorioSocial, FundoMunicipal, GrupoInterinstitucional
from models.usuarios import Parametro, Usuario

# 18 UFs com Grupo Interinstitucional articulado (jan/2023, segundo o CNJ); a escolha das UFs é ilustrativa
GRUPOS = [
    ("AC", "constituido"),
    ("AL", "em_funcionamento"),
    ("BA", "em_funcionamento"),
    ("CE", "em_funcionamento"),
    ("DF", "constituido"),
    ("ES", "em_funcionamento"),
    ("GO", "constituido"),
    ("MA", "em_funcionamento"),
    ("MG", "em_funcionamento"),
    ("MT", "em_articulacao"),
    ("PA", "constituido"),
    ("PB", "em_funcionamento"),
    ("PE", "em_funcionamento"),
    ("PR", "em_funcionamento"),
    ("RJ", "constituido"),
    ("RS", "em_funcionamento"),
    ("SC", "em_articulacao"),
    ("TO", "constituido"),
]

# (código IBGE, situação, gestão) — municípios reais; nomes e datas ilustrativos
ESCRITORIOS = [
    (3205309, "em_funcionamento", "estadual"),
    (3205002, "em_funcionamento", "estadual"),
    (3201308, "em_funcionamento", "estadual"),
    (4106902, "em_funcionamento", "estadual"),
    (4113700, "em_funcionamento", "municipal"),
    (4115200, "em_implantacao", "estadual"),
    (3106200, "em_funcionamento", "estadual"),
    (3170206, "em_funcionamento", "municipal"),
    (3136702, "em_implantacao", "estadual"),
    (3304557, "em_funcionamento", "estadual"),
    (3303302, "em_implantacao", "municipal"),
    (3550308, "em_funcionamento", "osc"),
    (3509502, "em_implantacao", "municipal"),
    (4314902, "em_funcionamento", "estadual"),
    (4305108, "em_funcionamento", "municipal"),
    (4205407, "em_funcionamento", "estadual"),
    (4209102, "em_implantacao", "municipal"),
    (2927408, "em_funcionamento", "estadual"),
    (2910800, "em_funcionamento", "municipal"),
    (2611606, "em_funcionamento", "estadual"),
    (2607208, "suspenso", "municipal"),
    (2304400, "em_funcionamento", "estadual"),
    (2307304, "em_implantacao", "municipal"),
    (2111300, "em_funcionamento", "estadual"),
    (2105302, "em_implantacao", "estadual"),
    (2507507, "em_funcionamento", "estadual"),
    (2504009, "em_funcionamento", "municipal"),
    (2704302, "em_funcionamento", "estadual"),
    (2211001, "em_funcionamento", "estadual"),
    (2408102, "em_funcionamento", "estadual"),
    (2800308, "em_implantacao", "estadual"),
    (5300108, "em_funcionamento", "estadual"),
    (5208707, "em_funcionamento", "estadual"),
    (5103403, "em_implantacao", "estadual"),
    (5002704, "em_funcionamento", "estadual"),
    (1501402, "em_funcionamento", "estadual"),
    (1302603, "em_implantacao", "estadual"),
    (1200401, "em_funcionamento", "estadual"),
    (1721000, "em_funcionamento", "estadual"),
    (1400100, "encerrado", "estadual"),
]

# (código IBGE, situação) — municípios reais; números de lei, datas e CNPJs fictícios
FUNDOS = [
    (4106902, "em_operacao"),
    (4113700, "em_operacao"),
    (4119905, "regulamentado"),
    (4104808, "criado"),
    (3205309, "em_operacao"),
    (3205002, "regulamentado"),
    (3201209, "criado"),
    (3106200, "regulamentado"),
    (3170206, "em_operacao"),
    (3118601, "criado"),
    (4314902, "em_operacao"),
    (4305108, "regulamentado"),
    (4316907, "criado"),
    (4205407, "regulamentado"),
    (4209102, "em_operacao"),
    (2927408, "criado"),
    (2611606, "regulamentado"),
    (2304400, "em_operacao"),
    (2507507, "criado"),
    (5208707, "regulamentado"),
    (5002704, "criado"),
    (1501402, "criado"),
    (1721000, "em_operacao"),
    (3550308, "regulamentado"),
    (3304557, "criado"),
]

INSTITUICOES_BASE = [
    "Tribunal de Justiça (GMF)",
    "Ministério Público do Trabalho",
    "Ministério Público Estadual",
    "Defensoria Pública",
    "Secretaria de Administração Penitenciária",
    "OAB — Seccional",
]


@dataclass(frozen=True)
class UsuarioDemo:
    email: str
    nome: str
    papel: str
    senha: str
    unidade: str | None = None  # "grupo:PR" ou "escritorio:<código IBGE>"


USUARIOS_DEMO = [
    UsuarioDemo("admin@demo.pnat.jus.br", "Administração do Sistema (demo)", "admin", "Demo-Gestao-2023"),
    UsuarioDemo("dmf@demo.pnat.jus.br", "Equipe DMF/CNJ (demo)", "dmf", "Demo-Dmf-2023"),
    UsuarioDemo("cnmp@demo.pnat.jus.br", "Comissão do Sistema Prisional/CNMP (demo)", "cnmp", "Demo-Comissao-2023"),
    UsuarioDemo(
        "pf.grupo.pr@demo.pnat.jus.br", "Ponto focal do Grupo PR (demo)", "ponto_focal", "Demo-Focal-2023", "grupo:PR"
    ),
    UsuarioDemo(
        "pf.escritorio.vitoria@demo.pnat.jus.br",
        "Ponto focal do Escritório de Vitória (demo)",
        "ponto_focal",
        "Demo-Focal-2023",
        "escritorio:3205309",
    ),
]


def cnpj_ficticio(n: int, prefixo: str = "999") -> str:
    """CNPJ fictício com dígitos verificadores corretos: `prefixo` (3 dígitos) + `n` (5 dígitos)
    + 0001 (base 99.9NN.NNN/0001 por padrão). Usado também pela demonstração de escala."""
    base = [int(c) for c in f"{prefixo}{n:05d}0001"]

    def dv(digitos: list[int]) -> int:
        pesos = list(range(len(digitos) - 7, 1, -1)) + list(range(9, 1, -1))
        r = sum(d * p for d, p in zip(digitos, pesos)) % 11
        return 0 if r < 2 else 11 - r

    d1 = dv(base)
    return "".join(map(str, base + [d1, dv(base + [d1])]))


class DemoNaoPermitido(ErroNegocio):
    pass


def exigir_modo_demo() -> None:
    """Levanta `DemoNaoPermitido` fora do modo de demonstração (`MODO_DEMO=true`)."""
    if not obter_config().modo_demo:
        raise DemoNaoPermitido(
            "Os dados de demonstração criam contas com senhas conhecidas e só podem ser carregados em modo de "
            "demonstração: defina MODO_DEMO=true (ou use `python manage.py run --demo`)."
        )


def _reabrir_conta_demo(s, existente: Usuario, u: UsuarioDemo) -> None:
    """Conta de demonstração que já existia: reativada (a partida sem MODO_DEMO a desativa) e com a
    senha publicada (um banco de demonstração antigo pode ter a de uma versão anterior)."""
    if not existente.ativo:
        existente.ativo = True
        s.add(existente)
    if not senha_confere(existente.senha_hash, u.senha):
        existente.senha_hash = gerar_hash(u.senha)
        s.add(existente)


def carregar_demo(hoje: date | None = None) -> dict[str, int]:
    """Inclui o que faltar dos dados de demonstração. Devolve quantos de cada tipo incluiu.

    Só em modo de demonstração (`MODO_DEMO=true`): os usuários de demonstração têm
    senhas conhecidas, que não podem existir numa implantação real."""
    exigir_modo_demo()
    incluidos = {"grupos": 0, "escritorios": 0, "fundos": 0, "usuarios": 0}
    with sessao() as s:
        grupos = {g.uf_sigla: g for g in s.exec(select(GrupoInterinstitucional))}
        for i, (uf, status) in enumerate(GRUPOS):
            if uf in grupos:
                continue
            ano = 2021 + i % 3
            g = GrupoInterinstitucional(
                uf_sigla=uf,
                status=status,
                ato_criacao="" if status == "em_articulacao" else f"Portaria Conjunta GMF/MPT nº {i + 1}/{ano}",
                data_criacao=None if status == "em_articulacao" else date(ano, 1 + (i * 5) % 12, 1 + (i * 7) % 27),
                instituicoes_membro=INSTITUICOES_BASE[: 3 + i % 4],
                contato_pontos_focais=f"GMF do TJ{uf} — gmf@tj{uf.lower()}.jus.br (fictício)",
            )
            s.add(g)
            grupos[uf] = g
            incluidos["grupos"] += 1

        nomes_mun = {m.codigo_ibge: m for m in s.exec(select(Municipio))}
        escritorios = {e.municipio_codigo: e for e in s.exec(select(EscritorioSocial))}
        for i, (codigo, status, gestao) in enumerate(ESCRITORIOS):
            if codigo in escritorios:
                continue
            m = nomes_mun[codigo]
            termo = date(2019 + i % 4, 1 + (i * 3) % 12, 1 + (i * 11) % 27)
            inaug = None if status == "em_implantacao" else date(termo.year + 1, termo.month, termo.day)
            orgao = {
                "estadual": f"Secretaria de Estado de Administração Penitenciária — {m.uf_sigla}",
                "municipal": f"Prefeitura Municipal de {m.nome}",
                "osc": "Associação de apoio a egressos (OSC parceira)",
                "consorcio": "Consórcio intermunicipal",
            }[gestao]
            e = EscritorioSocial(
                nome=f"Escritório Social de {m.nome}",
                municipio_codigo=codigo,
                orgao_gestor=orgao,
                tipo_gestao=gestao,
                termo_cooperacao=f"Termo de Cooperação Técnica nº {10 + i}/{termo.year}",
                data_termo=termo,
                data_inauguracao=inaug,
                status=status,
            )
            s.add(e)
            escritorios[codigo] = e
            incluidos["escritorios"] += 1

        fundos = set(s.exec(select(FundoMunicipal.municipio_codigo)))
        for i, (codigo, status) in enumerate(FUNDOS):
            if codigo in fundos:
                continue
            m = nomes_mun[codigo]
            ano = 2021 + i % 3
            s.add(
                FundoMunicipal(
                    nome=f"Fundo Municipal de Políticas Penais de {m.nome}",
                    municipio_codigo=codigo,
                    lei_numero=f"{1000 + 37 * i}/{ano}",
                    lei_data=date(ano, 1 + (i * 5) % 12, 1 + (i * 3) % 27),
                    cnpj=cnpj_ficticio(i + 1),
                    conselho_gestor=f"Conselho Municipal de Políticas Penais de {m.nome}",
                    status=status,
                )
            )
            incluidos["fundos"] += 1
        s.flush()

        usuarios = {x.email: x for x in s.exec(select(Usuario))}
        for u in USUARIOS_DEMO:
            if u.email in usuarios:
                _reabrir_conta_demo(s, usuarios[u.email], u)
                continue
            grupo_id = escritorio_id = None
            if u.unidade and u.unidade.startswith("grupo:"):
                grupo_id = grupos[u.unidade.split(":")[1]].id
            elif u.unidade:
                escritorio_id = escritorios[int(u.unidade.split(":")[1])].id
            s.add(
                Usuario(
                    nome=u.nome,
                    email=u.email,
                    papel=u.papel,
                    senha_hash=gerar_hash(u.senha),
                    grupo_id=grupo_id,
                    escritorio_id=escritorio_id,
                )
            )
            incluidos["usuarios"] += 1

        s.flush()
        incluidos |= carregar_demo_plano(s, hoje or relogio.hoje())
        incluidos |= carregar_demo_funpen(s, hoje or relogio.hoje())
        incluidos |= carregar_demo_recursos(s, hoje or relogio.hoje())
        incluidos |= carregar_demo_lgpd(s, hoje or relogio.hoje())
        incluidos |= carregar_demo_indicadores(s, hoje or relogio.hoje())
        incluidos |= carregar_demo_qualitativo(s, hoje or relogio.hoje())

        contas = json.dumps(
            [{"email": u.email, "senha": u.senha, "papel": u.papel} for u in USUARIOS_DEMO], ensure_ascii=False
        )
        for chave, valor in ((CHAVE_DEMO, "sim"), (CHAVE_CONTAS_DEMO, contas)):
            p = s.get(Parametro, chave)
            if p is None:
                s.add(Parametro(chave=chave, valor=valor))
            elif p.valor != valor:
                p.valor = valor
                s.add(p)
    incluidos["publicações do painel público"] = _publicar_painel_demo(hoje or relogio.hoje())
    return incluidos


def _publicar_painel_demo(hoje: date) -> int:
    """O painel público da demonstração, publicado pela conta de demonstração da Comissão do CNMP."""
    return publicar_painel_se_faltar(hoje, "cnmp@demo.pnat.jus.br")


def publicar_painel_se_faltar(hoje: date | None = None, email: str | None = None) -> int:
    """Publica o painel público do último período encerrado, como a Comissão do CNMP faria, se
    ainda não houver publicação (sem ela, o painel público não mostra números). Publica a conta
    `email` ou, sem ele, a primeira conta ativa da Comissão do CNMP. Devolve 1 se publicou. A
    demonstração, a base em escala (`demo escala`) e a cópia do benchmark passam por aqui."""
    hoje = hoje or relogio.hoje()
    with sessao() as s:
        if s.exec(select(PainelPublicado.id).limit(1)).first() is not None:
            return 0
        filtro = Usuario.email == email if email else (Usuario.papel == "cnmp") & Usuario.ativo.is_(True)
        cnmp = s.exec(select(Usuario).where(filtro).order_by(Usuario.id)).first()
        periodo = s.exec(
            select(PeriodoColeta).where(PeriodoColeta.prazo < hoje).order_by(PeriodoColeta.prazo.desc()).limit(1)
        ).first()
    if cnmp is None or periodo is None:
        return 0
    consultas.publicar_painel(cnmp, periodo.id, hoje)
    return 1
