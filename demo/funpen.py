"""Demonstração do FUNPEN e das cotas da PNAT: dois cenários do índice penitenciário com
as 27 UFs, seis propostas de CME/CIAP (umas conformes, outras não) e contratos públicos
com e sem cumprimento da cota. Números plausíveis, mas **fictícios** (ordem de grandeza
de população, área, PIB per capita e IDH aproximada; presos, servidores e notas inventados).
Idempotente por marcador em `Parametro`."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

from sqlmodel import Session

from dominio.funpen import regras
from dominio.funpen import servicos as funpen
from models.funpen import (
    CenarioIndice,
    ContratoPublico,
    CotacaoItem,
    EquipeProposta,
    ItemProposta,
    PropostaFunpen,
)
from models.usuarios import Parametro

CHAVE = "demo_funpen_carregado"

# UF: (população, área km², PIB per capita R$, IDH) — aproximações; presos por 100 mil e presos por agente inventados
UFS = {
    "AC": (830_000, 164_124, 23_500, "0.710", 520, 9),
    "AL": (3_130_000, 27_830, 20_000, "0.684", 330, 14),
    "AM": (3_940_000, 1_559_168, 28_000, "0.700", 260, 11),
    "AP": (733_000, 142_470, 22_000, "0.688", 380, 7),
    "BA": (14_140_000, 564_760, 22_000, "0.691", 190, 17),
    "CE": (8_790_000, 148_894, 20_000, "0.734", 360, 22),
    "DF": (2_820_000, 5_760, 90_000, "0.814", 560, 6),
    "ES": (3_830_000, 46_074, 40_000, "0.771", 590, 8),
    "GO": (7_050_000, 340_203, 33_000, "0.737", 330, 12),
    "MA": (6_780_000, 329_642, 16_000, "0.676", 180, 10),
    "MG": (20_540_000, 586_521, 35_000, "0.774", 330, 9),
    "MS": (2_760_000, 357_145, 43_000, "0.742", 690, 15),
    "MT": (3_660_000, 903_207, 50_000, "0.736", 400, 13),
    "PA": (8_120_000, 1_245_870, 25_000, "0.690", 250, 16),
    "PB": (3_970_000, 56_467, 19_000, "0.698", 350, 21),
    "PE": (9_060_000, 98_067, 22_000, "0.719", 560, 27),
    "PI": (3_270_000, 251_756, 18_000, "0.690", 170, 8),
    "PR": (11_440_000, 199_298, 45_000, "0.769", 330, 10),
    "RJ": (16_050_000, 43_750, 50_000, "0.762", 300, 19),
    "RN": (3_300_000, 52_809, 22_000, "0.728", 340, 12),
    "RO": (1_580_000, 237_765, 32_000, "0.700", 700, 6),
    "RR": (636_000, 223_644, 27_000, "0.699", 640, 9),
    "RS": (10_880_000, 281_707, 46_000, "0.771", 380, 14),
    "SC": (7_610_000, 95_730, 50_000, "0.792", 340, 5),
    "SE": (2_210_000, 21_938, 21_000, "0.702", 310, 11),
    "SP": (44_410_000, 248_219, 55_000, "0.806", 450, 18),
    "TO": (1_510_000, 277_466, 30_000, "0.731", 300, 7),
}
CRESCIMENTO = [
    "4.2",
    "-1.5",
    "6.8",
    "2.1",
    "3.3",
    "7.9",
    "-0.4",
    "1.2",
    "5.5",
    "8.1",
    "0.9",
    "2.7",
    "4.4",
    "6.1",
    "-2.3",
    "3.8",
    "9.0",
    "1.7",
    "-0.8",
    "2.2",
    "5.0",
    "11.3",
    "0.6",
    "3.1",
    "4.9",
    "1.4",
    "7.2",
]


def _valores_uf(i: int, uf: str) -> tuple[dict[str, D], dict[str, str]]:
    pop, area, pib, idh, taxa, por_agente = UFS[uf]
    presos = pop * taxa // 100_000
    agentes = max(1, presos // por_agente)
    valores = {
        "presos_100mil": D(taxa),
        "crescimento": D(CRESCIMENTO[i]),
        "territorio": D(area),
        "populacao": D(pop),
        "servidores": D(agentes + agentes // 5),
        "pop_carceraria": D(presos),
        "pib_per_capita": D(pib),
        "idh": D(idh),
    }
    faixas = {}
    notas = {
        "a": regras.nota_inconsistencia_infopen(D((i * 7) % 14) / 1 + D("0.5")),
        "f": regras.nota_presos_por_agente(presos, agentes),
        "i": regras.nota_obras(D((i * 13) % 80), (i * 3) % 5),
    }
    for c in regras.CRITERIOS_QUALITATIVOS:
        nota = (
            notas[c] if c in notas else regras.Nota((i + ord(c)) % 3, regras.ESCALAS_QUALITATIVAS[c][(i + ord(c)) % 3])
        )
        valores[c] = D(nota.nota)
        faixas[c] = nota.faixa
    return valores, faixas


def _cenario(s: Session, nome: str, pesos: dict[str, D], orcamento: D, obs: str) -> None:
    c = CenarioIndice(
        nome=nome,
        ano_referencia=2025,
        pesos={k: str(v) for k, v in pesos.items()},
        orcamento=orcamento,
        criado_por="dmf@demo.pnat.jus.br",
        observacoes=obs,
    )
    s.add(c)
    s.flush()
    entrada = funpen.EntradaIndice()
    for i, uf in enumerate(sorted(UFS)):
        entrada.valores[uf], entrada.faixas[uf] = _valores_uf(i, uf)
        entrada.fontes[uf] = "Demonstração (fictício)"
    s.add_all(funpen.valores_do_cenario(c.id, entrada))


CNPJS = ["99900101000186", "99900102000120", "99900103000175", "11222333000181"]

# (programa, UF, título, total, contrapartida, vigência, coordenador, flagrantes, provisórios, meta, política, CIAP conjunta,
#  registro, itens [(descrição, categoria, valor, nº de cotações)], equipe [(nome, natureza, remuneração)])
PROPOSTAS = [
    (
        "cme",
        "PA",
        "Central de Monitoração Eletrônica de Belém",
        "2400000.00",
        "240000.00",
        30,
        "Ana Beatriz Moraes",
        410,
        6200,
        "12.5",
        True,
        False,
        date(2015, 8, 28),
        [
            ("Serviço de monitoração eletrônica (tornozeleiras)", "monitoracao_eletronica", "1500000.00", 3),
            ("Mobiliário da central", "equipamentos", "120000.00", 3),
        ],
        [("Ana Beatriz Moraes", "coordenacao", "4000.00"), ("Carlos Lima", "tecnica", "3000.00")],
    ),
    (
        "ciap",
        "PA",
        "Central Integrada de Alternativas Penais de Belém",
        "800000.00",
        "20000.00",
        48,
        "João Pedro Ramos",
        None,
        None,
        None,
        True,
        False,
        date(2015, 8, 30),
        [("Equipe técnica multidisciplinar", "equipe_tecnica", "500000.00", 3)],
        [("Maria Clara Souza", "estagio", "600.00")],
    ),
    (
        "cme",
        "SP",
        "Central de Monitoração Eletrônica da Capital",
        "5000000.00",
        "750000.00",
        30,
        "Renata Alves",
        1900,
        31000,
        "8",
        True,
        False,
        date(2015, 9, 2),
        [
            ("Serviço de monitoração eletrônica", "monitoracao_eletronica", "3900000.00", 3),
            ("Campanha publicitária institucional", "publicidade", "150000.00", 3),
        ],
        [("Renata Alves", "coordenacao", "4500.00")],
    ),
    (
        "ciap",
        "BA",
        "CIAP Salvador e Região Metropolitana",
        "950000.00",
        "23750.00",
        50,
        "Tiago Nascimento",
        None,
        None,
        None,
        True,
        False,
        date(2015, 9, 8),
        [
            ("Computadores", "equipamentos", "90000.00", 2),
            ("Taxa de administração", "taxa_administracao", "30000.00", 3),
        ],
        [],
    ),
    (
        "cme",
        "RS",
        "Central de Monitoração Eletrônica de Porto Alegre",
        "3000000.00",
        "600000.00",
        24,
        "",
        None,
        9000,
        None,
        False,
        False,
        None,
        [("Serviço de monitoração eletrônica", "monitoracao_eletronica", "2200000.00", 3)],
        [("Paulo Henrique Dias", "tecnica", "3000.01")],
    ),
    (
        "ciap",
        "MG",
        "CIAP Belo Horizonte",
        "1200000.00",
        "60000.00",
        36,
        "Luíza Fernandes",
        None,
        None,
        None,
        True,
        False,
        date(2015, 8, 25),
        [
            ("Reforma do espaço de atendimento", "estrutura_fisica", "400000.00", 3),
            ("Material de consumo", "material_consumo", "25000.00", 3),
        ],
        [("Luíza Fernandes", "coordenacao", "3800.00")],
    ),
]

# contratos: (UF, órgão, objeto, valor anual, trabalhadores, PPL, egressos)
CONTRATOS = [
    ("DF", "Ministério da Justiça e Segurança Pública", "Limpeza e conservação predial", "4800000.00", 320, 7, 6),
    ("DF", "Ministério da Saúde", "Apoio administrativo", "9600000.00", 610, 12, 10),
    ("DF", "Tribunal Regional Federal da 1ª Região", "Copeiragem", "290000.00", 18, 0, 0),
    ("SP", "Universidade Federal de São Paulo", "Vigilância patrimonial", "12500000.00", 1150, 40, 29),
    ("SP", "Receita Federal — 8ª Região Fiscal", "Limpeza e conservação", "2100000.00", 150, 2, 2),
    ("RJ", "Fundação Oswaldo Cruz", "Manutenção predial (engenharia)", "7300000.00", 480, 10, 9),
    ("RJ", "Universidade Federal do Rio de Janeiro", "Jardinagem", "330000.00", 25, 0, 0),
    ("MG", "Universidade Federal de Minas Gerais", "Portaria e recepção", "3400000.00", 210, 5, 4),
    ("PR", "Universidade Tecnológica Federal do Paraná", "Limpeza", "1500000.00", 120, 3, 1),
    ("PR", "Polícia Federal — Superintendência no PR", "Manutenção de frota", "330000.01", 12, 1, 0),
    ("RS", "Hospital de Clínicas de Porto Alegre", "Higienização hospitalar", "8800000.00", 520, 14, 12),
    ("SC", "Universidade Federal de Santa Catarina", "Apoio administrativo", "2600000.00", 180, 3, 2),
    ("BA", "Universidade Federal da Bahia", "Limpeza e conservação", "3900000.00", 260, 6, 5),
    ("PE", "Tribunal Regional do Trabalho da 6ª Região", "Recepção", "1100000.00", 70, 1, 2),
    (
        "CE",
        "Departamento Nacional de Obras Contra as Secas",
        "Manutenção de açudes (engenharia)",
        "5200000.00",
        390,
        9,
        7,
    ),
    ("PA", "Universidade Federal do Pará", "Vigilância", "4100000.00", 240, 4, 3),
    ("AM", "Universidade Federal do Amazonas", "Limpeza", "1800000.00", 110, 2, 1),
    ("GO", "Instituto Federal de Goiás", "Portaria", "900000.00", 60, 2, 0),
    ("MA", "Universidade Federal do Maranhão", "Limpeza e conservação", "1400000.00", 95, 3, 0),
    ("ES", "Instituto Federal do Espírito Santo", "Apoio administrativo", "700000.00", 40, 1, 1),
    ("MS", "Universidade Federal de Mato Grosso do Sul", "Vigilância", "2300000.00", 140, 2, 1),
    ("MT", "Universidade Federal de Mato Grosso", "Limpeza", "1250000.00", 85, 1, 1),
    ("PB", "Universidade Federal da Paraíba", "Jardinagem e limpeza", "260000.00", 20, 0, 0),
    ("TO", "Universidade Federal do Tocantins", "Manutenção predial", "640000.00", 35, 1, 0),
]


def carregar_demo_funpen(s: Session, hoje: date) -> dict[str, int]:
    n = {"cenários do índice": 0, "propostas FUNPEN": 0, "contratos com cotas": 0}
    if s.get(Parametro, CHAVE) is not None:
        return n
    padrao = regras.pesos_padrao()
    _cenario(
        s,
        "Anexo II — pesos padrão (demonstração)",
        padrao,
        D("50000000.00"),
        "Pesos do Anexo II da Portaria 206/2008; orçamento fictício de R$ 50 milhões.",
    )
    _cenario(
        s,
        "Mais peso à população carcerária (demonstração)",
        padrao | {"pop_carceraria": D("3"), "territorio": D("0")},
        D("50000000.00"),
        "Variação para comparar: população carcerária com peso 3 e sem dimensão territorial.",
    )
    n["cenários do índice"] = 2
    for prog, uf, titulo, total, contra, vig, coord, flag, prov, meta, pol, conj, reg, itens, equipe in PROPOSTAS:
        p = PropostaFunpen(
            programa=prog,
            uf_sigla=uf,
            titulo=titulo,
            orgao_proponente=f"Secretaria de Estado de Administração Penitenciária — {uf} (fictício)",
            orgao_executivo_uf=True,
            declaracao_metas_cnpcp=uf != "BA",
            data_registro=reg,
            valor_total=D(total),
            contrapartida=D(contra),
            vigencia_meses=vig,
            coordenador=coord,
            flagrantes_mes=flag,
            presos_provisorios=prov,
            perfil_demanda="62% sem antecedentes; tráfico e furto predominam (fictício)"
            if prog == "cme" and flag
            else "",
            meta_reducao_pct=D(meta) if meta else None,
            politica_alternativas=pol,
            ciap_conjunta=conj,
            status="em_analise",
        )
        s.add(p)
        s.flush()
        for j, (desc, cat, valor, ncot) in enumerate(itens):
            it = ItemProposta(proposta_id=p.id, descricao=desc, categoria=cat, valor=D(valor))
            s.add(it)
            s.flush()
            for k in range(ncot):
                s.add(
                    CotacaoItem(
                        item_id=it.id,
                        fornecedor=f"Fornecedor {chr(65 + k)} Ltda. (fictício)",
                        cnpj=CNPJS[(j + k) % len(CNPJS)],
                        contato=f"(61) 3000-{1000 + k * 111}",
                        valor=(D(valor) * (D(100) + k * 3) / 100).quantize(D("0.01")),
                    )
                )
        for nome, nat, rem in equipe:
            s.add(EquipeProposta(proposta_id=p.id, nome=nome, natureza=nat, remuneracao_mensal=D(rem)))
        n["propostas FUNPEN"] += 1
    for i, (uf, orgao, objeto, valor, trab, ppl, egr) in enumerate(CONTRATOS):
        inicio = hoje - timedelta(days=60 + 37 * i)
        s.add(
            ContratoPublico(
                numero=f"{10 + i}/{inicio.year}",
                orgao_contratante=orgao,
                uf_sigla=uf,
                objeto=objeto,
                valor_anual=D(valor),
                trabalhadores=trab,
                ppl_contratados=ppl,
                egressos_contratados=egr,
                data_inicio=inicio,
                data_fim=inicio + timedelta(days=365 * 2),
                observacoes="Dados fictícios de demonstração.",
            )
        )
        n["contratos com cotas"] += 1
    s.add(Parametro(chave=CHAVE, valor="sim"))
    return n
