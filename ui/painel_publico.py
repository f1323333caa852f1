"""Painel público em HTML pronto (a “versão leve”, servida em `/painel` por `web/painel_leve.py`).

Os mesmos números, tabelas e gráficos da página `paginas/publico.py`, lidos do mesmo retrato
publicado (`dominio.publico.painel`, `consultas.tabelas_do_retrato`), com as figuras dos mesmos
construtores (`ui.graficos`, `ui.graficos.funpen`) e as mesmas frases de resumo dos gráficos. Sem
Streamlit: é uma página estática que qualquer proxy ou CDN guarda; sem JavaScript, continua legível
(textos, resumos e tabelas), e com ele os gráficos aparecem com o Plotly servido pelo próprio
sistema (nenhum pedido sai do servidor).

Todo texto que vem dos dados passa por `html.escape` (`_t`); nas figuras, os construtores já usam
`ui.graficos.texto_grafico`. A saída é determinística (ids fixos dos gráficos): a mesma versão do
retrato gera os mesmos bytes em qualquer réplica, e o ETag (hash dos bytes) coincide entre elas."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from pathlib import Path

import pandas as pd
import plotly

from comum import formatos
from dominio.indicadores import monitoramento
from dominio.publico import consultas, dados_abertos, supressao
from dominio.publico.painel import Painel
from ui import graficos
from ui.graficos import funpen as graficos_funpen

TITULO = "Painel público do ACT CNJ–CNMP nº 22/2023"
ROTULO_VERSAO_LEVE = "Versão leve do painel (sem JavaScript interativo)"
ARQUIVO_PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
_SEM_MILHAR = ("Código", "Nº", "Ano", "Id")


def versao_plotly_js() -> str:
    """Os 12 primeiros dígitos do SHA-256 do plotly.min.js instalado: vão no endereço do arquivo,
    que pode então ser guardado por um ano (outro Plotly, outro endereço)."""
    return hashlib.sha256(ARQUIVO_PLOTLY_JS.read_bytes()).hexdigest()[:12]


# --- textos compartilhados com a página interativa ----------------------------------------------


@dataclass(frozen=True)
class Cartao:
    """Um número em destaque: rótulo, valor já formatado e a explicação (texto simples)."""

    rotulo: str
    valor: str
    ajuda: str = ""


def cartoes_indicadores(destaques: pd.DataFrame, ano: int) -> list[Cartao]:
    """Os indicadores em destaque do `ano` (na ordem de `monitoramento.ROTULOS_PUBLICOS`), com o
    valor do ano anterior na explicação quando houver."""
    cartoes = []
    for codigo, rotulo in monitoramento.ROTULOS_PUBLICOS.items():
        atual = destaques[(destaques["Código"] == codigo) & (destaques["Ano"] == ano)]
        if atual.empty:
            continue
        anterior = destaques[(destaques["Código"] == codigo) & (destaques["Ano"] == ano - 1)]
        ajuda = f"{atual['Indicador'].iloc[0]} ({atual['Unidades'].iloc[0]}; {atual['Unidade de medida'].iloc[0]})."
        if not anterior.empty:
            ajuda += f" Em {ano - 1}: {anterior['Valor'].iloc[0]}."
        cartoes.append(Cartao(rotulo, str(atual["Valor"].iloc[0]), ajuda))
    return cartoes


def cartoes_completude(completude: pd.DataFrame) -> list[Cartao]:
    """A entrega dos formulários no último período encerrado: recebidos (%) por período, com o
    número de formulários, o de unidades esperadas, o prazo e o percentual no prazo."""
    return [
        Cartao(
            f"Recebidos — {r['Período']}",
            str(r["% recebidos"]),
            f"{formatos.numero(r['Formulários recebidos'])} formulário(s) recebido(s) de "
            f"{formatos.numero(r['Unidades esperadas'])} unidade(s) esperada(s). Prazo: "
            f"{formatos.data(r['Prazo'])}. No prazo: {r['% no prazo']}.",
        )
        for _, r in completude.iterrows()
    ]


def resumo_situacoes(resumo: pd.DataFrame) -> list[Cartao]:
    """Concluídas, em andamento e atrasadas, da tabela `cronograma_situacao`."""
    contagem = dict(zip(resumo["Situação"], resumo["Atividades"]))
    return [
        Cartao("Concluídas", formatos.numero(contagem["Concluída"])),
        Cartao("Em andamento", formatos.numero(contagem["Em andamento"])),
        Cartao(
            "Atrasadas",
            formatos.numero(contagem["Atrasada"]),
            "Marcadas como atrasadas, com o último mês previsto vencido sem conclusão, ou com o primeiro "
            "mês previsto já começado sem início.",
        ),
    ]


def cartoes_totais(totais: dict) -> list[Cartao]:
    """Os três totais do alto do painel."""
    return [
        Cartao("Grupos Interinstitucionais", formatos.numero(totais["grupos"])),
        Cartao(
            "Escritórios Sociais",
            formatos.numero(totais["escritorios"]),
            "Em implantação, em funcionamento ou suspensos.",
        ),
        Cartao("Fundos Municipais de Políticas Penais", formatos.numero(totais["fundos"])),
    ]


def texto_publicado(p: Painel) -> str:
    """“Números publicados em … referentes a …” (texto simples)."""
    return (
        f"Números publicados em {formatos.data_hora(p.publicado_em)} (horário de Brasília), referentes a "
        f"{p.rotulo}; valem até a próxima publicação."
    )


# --- HTML ---------------------------------------------------------------------------------------


def _t(valor) -> str:
    """Texto de dado, escapado para HTML (aparece literalmente, nunca vira marcação)."""
    return escape("" if valor is None else str(valor), quote=True)


def _vazio(v) -> bool:
    return v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v))


def _celula(coluna: str, v) -> tuple[str, bool]:
    """O valor de uma célula como a tela mostra (pt-BR) e se é número (alinhado à direita)."""
    if _vazio(v):
        return "—", False
    if isinstance(v, bool):
        return ("Sim" if v else "Não"), False
    if isinstance(v, Decimal):
        return formatos.dinheiro(v), True
    if hasattr(v, "strftime"):
        return formatos.data(v), False
    if hasattr(v, "item") and not isinstance(v, str):  # escalares do numpy
        v = v.item()
    if isinstance(v, int):
        return (str(v) if str(coluna).startswith(_SEM_MILHAR) else formatos.numero(v)), True
    if isinstance(v, float):
        return formatos.numero(v, casas=0 if v == int(v) else 2), True
    return str(v), False


def tabela_html(df: pd.DataFrame, legenda: str, *, nome: str | None = None) -> str:
    """Tabela com legenda (`caption`), cabeçalhos com `scope="col"` e rolagem horizontal alcançável
    pelo teclado; `nome`: a tabela dos dados abertos, com os links de CSV e JSON."""
    if df.empty:
        return '<p class="nota">Nenhum registro encontrado.</p>'
    colunas = [c for c in df.columns if c != "id"]
    cab = "".join(f'<th scope="col">{_t(c)}</th>' for c in colunas)
    linhas = []
    for registro in df[colunas].itertuples(index=False, name=None):
        celulas = []
        for c, v in zip(colunas, registro):
            texto, num = _celula(c, v)
            celulas.append(f'<td class="num">{_t(texto)}</td>' if num else f"<td>{_t(texto)}</td>")
        linhas.append("<tr>" + "".join(celulas) + "</tr>")
    baixar = ""
    if nome is not None and nome in dados_abertos.POR_NOME:
        arquivo = dados_abertos.PREFIXO_API.lstrip("/") + "/" + nome
        baixar = (
            f'<p class="baixar">Dados abertos: <a href="{_t(arquivo)}.csv">{_t(nome)}.csv</a> · '
            f'<a href="{_t(arquivo)}.json">{_t(nome)}.json</a></p>'
        )
    return (
        f'<div class="rolagem" role="region" aria-label="Tabela: {_t(legenda)}" tabindex="0"><table>'
        f"<caption>{_t(legenda)}</caption><thead><tr>{cab}</tr></thead><tbody>{''.join(linhas)}</tbody>"
        f"</table></div>{baixar}"
    )


def _detalhes(resumo: str, conteudo: str) -> str:
    return f"<details><summary>{_t(resumo)}</summary>{conteudo}</details>"


def _cartoes(cartoes: Iterable[Cartao]) -> str:
    itens = "".join(
        f'<div class="cartao"><dt>{_t(c.rotulo)}</dt><dd class="valor">{_t(c.valor)}</dd>'
        + (f'<dd class="ajuda">{_t(c.ajuda)}</dd>' if c.ajuda else "")
        + "</div>"
        for c in cartoes
    )
    return f'<dl class="cartoes">{itens}</dl>'


class _Graficos:
    """Numera os gráficos da página (ids fixos: a mesma página, os mesmos bytes)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, fig, resumo: str, *, config: dict, titulo: str) -> str:
        self.n += 1
        div = fig.to_html(
            include_plotlyjs=False,
            full_html=False,
            config={**config, "responsive": True},
            div_id=f"grafico-{self.n}",
        )
        return (
            f'<figure class="grafico" aria-labelledby="grafico-{self.n}-titulo">'
            f'<figcaption id="grafico-{self.n}-titulo" class="titulo-grafico">{_t(titulo)}</figcaption>'
            f'<div class="figura">{div}</div>'
            f'<p class="resumo">Resumo do gráfico: {_t(resumo)}</p></figure>'
        )


def _secao(ident: str, titulo: str, *partes: str) -> str:
    return f'<section aria-labelledby="{ident}"><h2 id="{ident}">{_t(titulo)}</h2>{"".join(partes)}</section>'


def _p(texto: str, classe: str = "") -> str:
    return f'<p class="{classe}">{_t(texto)}</p>' if classe else f"<p>{_t(texto)}</p>"


def _com_tabela(resumo: str, df: pd.DataFrame, legenda: str, nome: str) -> str:
    """A tabela de dados de um gráfico ou de cartões, fechada num “Ver …” (`_detalhes`)."""
    return _detalhes(resumo, tabela_html(df, legenda, nome=nome))


# Cada seção do painel é uma função (painel, tabelas do retrato, numerador de gráficos) → HTML,
# "" quando a tabela dela está vazia; `SECOES` dá a ordem na página.


def _secao_presenca(p: Painel, tabs: dict[str, pd.DataFrame], g: _Graficos) -> str:
    df = tabs["presenca_por_uf"]
    hover = ["Grupo Interinstitucional", "Escritórios Sociais", "Fundos Municipais"]
    return _secao(
        "presenca",
        "Presença por Unidade da Federação",
        *(
            g(
                graficos.mapa_ufs(df, medida, rotulo=medida, hover=hover),
                graficos.resumo_ufs(df, medida),
                config=graficos.CONFIG_MAPA,
                titulo=f"Mapa: {medida} por UF",
            )
            for medida in ("Escritórios Sociais", "Fundos Municipais")
        ),
        _com_tabela("Ver a tabela por UF", df, "Presença por UF", "presenca_por_uf"),
    )


def _secao_metas(p: Painel, tabs: dict[str, pd.DataFrame], g: _Graficos) -> str:
    metas = tabs["progresso_metas"]
    if metas.empty:
        return ""
    rotulo_ano = p.extras["rotulo_ano_plano"]
    legenda = (
        _p(
            f"Progresso no {rotulo_ano}: média do percentual executado das atividades do cronograma "
            "vinculadas a cada meta (as canceladas não contam).",
            "legenda",
        )
        if rotulo_ano
        else ""
    )
    lista = "".join(
        f"<li><strong>{_t(letra)})</strong> {_t(texto)}</li>" for letra, texto in zip(metas["Meta"], metas["Descrição"])
    )
    return _secao(
        "metas",
        "Metas do Plano de Trabalho",
        legenda,
        g(
            graficos.barras_progresso_metas(metas.rename(columns={"Descrição": "Texto"})),
            graficos.resumo_barras(metas, "Meta", "Progresso (%)", unidade="%", rotulo="progresso das metas"),
            config=graficos.CONFIG_GRAFICO,
            titulo="Progresso de cada meta (%)",
        ),
        f'<ul class="metas">{lista}</ul>',
        _com_tabela("Ver a tabela de progresso das metas", metas, "Progresso das metas", "progresso_metas"),
    )


def _secao_cronograma(p: Painel, tabs: dict[str, pd.DataFrame], g: _Graficos) -> str:
    ativs, resumo = tabs["cronograma_atividades"], tabs["cronograma_situacao"]
    if ativs.empty:
        return ""
    return _secao(
        "cronograma",
        "Situação do cronograma",
        _cartoes(resumo_situacoes(resumo)),
        _detalhes(
            "Ver as atividades do ano",
            tabela_html(resumo, "Atividades por situação", nome="cronograma_situacao")
            + tabela_html(ativs, "Atividades do cronograma", nome="cronograma_atividades"),
        ),
    )


def _secao_indicadores(p: Painel, tabs: dict[str, pd.DataFrame], g: _Graficos) -> str:
    destaques = tabs["indicadores_destaques"]
    if destaques.empty:
        return ""
    ano_ind = p.extras["ano_indicadores"]
    extras = []
    if not tabs["indicadores_por_uf"].empty:
        titulo_uf = f"Pessoas inseridas no trabalho e egressos empregados, por UF — {ano_ind}"
        extras += [
            f"<h3>{_t(titulo_uf)}</h3>",
            tabela_html(tabs["indicadores_por_uf"], titulo_uf, nome="indicadores_por_uf"),
            _p(supressao.nota_rodape(p.k), "legenda"),
        ]
    completude = tabs["indicadores_completude"]
    if not completude.empty:
        extras += [
            "<h3>Entrega dos formulários no último período encerrado</h3>",
            _cartoes(cartoes_completude(completude)),
            _com_tabela(
                "Ver a tabela de entrega dos formulários",
                completude,
                "Entrega dos formulários",
                "indicadores_completude",
            ),
        ]
    return _secao(
        "indicadores",
        "Indicadores",
        _p(
            f"Totais nacionais de {ano_ind} (até o último período aprovado). Somente valores aprovados "
            "pela Comissão do CNMP, depois da validação do DMF: números ainda em revisão não aparecem aqui.",
            "legenda",
        ),
        _cartoes(cartoes_indicadores(destaques, ano_ind)),
        _com_tabela(
            "Ver a tabela dos indicadores em destaque", destaques, "Indicadores em destaque", "indicadores_destaques"
        ),
        *extras,
    )


def _secao_recursos(p: Painel, tabs: dict[str, pd.DataFrame], g: _Graficos) -> str:
    por_origem, por_uf = tabs["recursos_por_origem"], tabs["recursos_por_uf"]
    if por_origem.empty:
        return ""
    total = Cartao(
        "Total destinado",
        formatos.dinheiro(por_origem["Destinado (R$)"].sum()),
        "Valores já destinados, transferidos ou aplicados, de todas as origens.",
    )
    return _secao(
        "recursos",
        "Recursos destinados a Fundos Municipais, Escritórios Sociais e projetos",
        _cartoes([total]),
        '<div class="lado-a-lado">',
        g(
            graficos.barras_valor(por_origem, "Origem", "Destinado (R$)"),
            graficos.resumo_barras(por_origem, "Origem", "Destinado (R$)", rotulo="valor destinado"),
            config=graficos.CONFIG_GRAFICO,
            titulo="Valor destinado por origem",
        ),
        g(
            graficos.mapa_recursos_por_uf(por_uf),
            graficos.resumo_ufs(por_uf, "Destinado (R$)"),
            config=graficos.CONFIG_MAPA,
            titulo="Mapa: valor destinado por UF de origem (mil R$)",
        ),
        "</div>",
        _detalhes(
            "Ver as tabelas de recursos",
            tabela_html(por_origem, "Recursos destinados por origem", nome="recursos_por_origem")
            + tabela_html(por_uf, "Recursos destinados por UF de origem", nome="recursos_por_uf"),
        ),
    )


def _secao_recursos_por_ano(p: Painel, tabs: dict[str, pd.DataFrame], g: _Graficos) -> str:
    por_ano = tabs["recursos_por_ano"]
    if por_ano.empty:
        return ""
    return _secao(
        "recursos-ano",
        "Recursos por ano e origem",
        _p(
            "Ano da destinação. Destinado inclui os valores já transferidos e aplicados; transferido "
            "inclui os aplicados.",
            "legenda",
        ),
        g(
            graficos.barras_recursos_por_ano(por_ano),
            graficos.resumo_recursos_por_ano(por_ano),
            config=graficos.CONFIG_GRAFICO,
            titulo="Valor destinado por ano e origem",
        ),
        _com_tabela("Ver a tabela por ano", por_ano, "Recursos por ano e origem", "recursos_por_ano"),
    )


def _secao_cotas(p: Painel, tabs: dict[str, pd.DataFrame], g: _Graficos) -> str:
    cotas = tabs["cotas_pnat_por_uf"]
    if cotas.empty or not int(pd.to_numeric(cotas["Sujeitos à cota"]).sum()):
        return ""
    return _secao(
        "cotas",
        "Cotas da PNAT em contratos públicos",
        _p(
            "Decreto 9.450/2018: contratos de serviços acima de R$ 330.000,00 por ano reservam vagas "
            "para pessoas presas e egressas. Por UF, quantos contratos sujeitos à cota a cumprem (em "
            "cinza, UFs sem contrato sujeito cadastrado).",
            "legenda",
        ),
        g(
            graficos_funpen.mapa_cotas(cotas),
            graficos.resumo_ufs(cotas, "Contratos que cumprem (%)", unidade="%"),
            config=graficos.CONFIG_MAPA,
            titulo="Mapa: contratos que cumprem a cota (%) por UF",
        ),
        _com_tabela("Ver a tabela de cotas por UF", cotas, "Cotas da PNAT por UF", "cotas_pnat_por_uf"),
    )


def _secao_comunicacao(p: Painel, tabs: dict[str, pd.DataFrame], g: _Graficos) -> str:
    publico = tabs["publico_acoes_comunicacao"]
    if publico.empty:
        return ""
    return _secao(
        "comunicacao",
        "Público das ações de comunicação",
        _p("Pessoas alcançadas pelas ações já realizadas, por tipo de ação e categoria.", "legenda"),
        tabela_html(publico, "Público das ações de comunicação", nome="publico_acoes_comunicacao"),
        _p(supressao.nota_rodape(p.k), "legenda"),
    )


def _secao_publicacoes(p: Painel, tabs: dict[str, pd.DataFrame], g: _Graficos) -> str:
    pubs = tabs["publicacoes"]
    if pubs.empty:
        return ""
    itens = []
    for pub in pubs.to_dict("records"):
        link = str(pub.get("Link") or "")
        abrir = f' — <a href="{_t(link)}" rel="noopener">abrir</a>' if link.startswith("https://") else ""
        itens.append(
            f"<li><strong>{_t(pub['Tipo'])} nº {_t(pub['Número'])}</strong> — {_t(pub['Título'])} "
            f"({_t(formatos.data(pub['Data']))}){abrir}</li>"
        )
    return _secao(
        "publicacoes",
        "Últimas publicações",
        '<ul class="publicacoes">' + "".join(itens) + "</ul>",
        _p("Os anexos das publicações se baixam no painel interativo.", "legenda"),
        _com_tabela("Ver a tabela de publicações", pubs, "Publicações", "publicacoes"),
    )


SECOES = (
    _secao_presenca,
    _secao_metas,
    _secao_cronograma,
    _secao_indicadores,
    _secao_recursos,
    _secao_recursos_por_ano,
    _secao_cotas,
    _secao_comunicacao,
    _secao_publicacoes,
)


def _corpo_do_painel(p: Painel, tabs: dict[str, pd.DataFrame]) -> list[str]:
    """O texto de publicação, os cartões dos totais e as seções com dados, na ordem de `SECOES`."""
    g = _Graficos()
    partes = [_p(texto_publicado(p), "legenda"), _cartoes(cartoes_totais(p.extras["totais"]))]
    return partes + [html for secao in SECOES if (html := secao(p, tabs, g))]


CSS = """
:root{color-scheme:light;--texto:#1b1b1b;--fraco:#4a4a4a;--link:#0b4f8a;--borda:#c8ccd2;--fundo2:#f3f5f8}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--texto);background:#fff}
a{color:var(--link)}
a:focus-visible,summary:focus-visible,.rolagem:focus-visible{outline:3px solid #c2185b;outline-offset:2px}
.pular{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.pular:focus{left:.5rem;top:.5rem}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem;border-bottom:1px solid var(--borda)}
header p{margin:.25rem 0 .75rem;color:var(--fraco)}
h1{font-size:1.75rem;line-height:1.25;margin:1rem 0 .5rem}
h2{font-size:1.35rem;margin:2rem 0 .5rem;border-top:1px solid var(--borda);padding-top:1rem}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}
.legenda,.nota,.resumo,.baixar{color:var(--fraco);font-size:.95rem}
.aviso{background:#fff4e5;border-left:4px solid #b45309;padding:.75rem 1rem}
.cartoes{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.75rem;margin:1rem 0}
.cartao{background:var(--fundo2);border-radius:.5rem;padding:.75rem 1rem}
.cartao dt{font-size:.95rem;color:var(--fraco)}
.cartao dd{margin:0}
.cartao .valor{font-size:1.75rem;font-weight:600}
.cartao .ajuda{font-size:.85rem;color:var(--fraco)}
.grafico{margin:1rem 0}
.titulo-grafico{font-weight:600}
.figura{min-height:260px;width:100%}
.lado-a-lado{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}
details{margin:.75rem 0}
summary{cursor:pointer;color:var(--link);font-weight:600;padding:.25rem 0}
.rolagem{overflow-x:auto;max-width:100%;margin:.5rem 0}
table{border-collapse:collapse;font-size:.9rem;min-width:100%}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid var(--borda);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:var(--fundo2)}
td.num{text-align:right;white-space:nowrap}
footer{margin-top:2rem;padding-bottom:2rem;border-top:1px solid var(--borda);color:var(--fraco)}
@media (max-width:40rem){h1{font-size:1.4rem}.cartao .valor{font-size:1.4rem}.lado-a-lado{display:block}}
"""


# O Plotly (4,8 MB, ~1 s de CPU só para o navegador avaliá-lo) não atrasa o texto: até ele chegar,
# `Plotly.newPlot` de cada figura (o script que `fig.to_html` gera) só anota o pedido; carregada a
# página (evento load: texto, tabelas e resumos já na tela), o arquivo é pedido e, avaliado, desenha
# os gráficos um a um, cedendo a vez ao navegador entre eles.
ESPERA_PLOTLY = (
    "window.Plotly={newPlot:function(){(window.graficosPendentes=window.graficosPendentes||[]).push(arguments)}};"
)
CARREGA_PLOTLY = (
    "(function(){function c(){var s=document.createElement('script');s.src=%s;s.onload=function(){"
    "var f=window.graficosPendentes||[];(function um(){var a=f.shift();if(!a)return;"
    "Plotly.newPlot.apply(Plotly,a);setTimeout(um,0)})()};document.body.appendChild(s)}"
    "if(document.readyState==='complete')c();else window.addEventListener('load',c)})();"
)


def pagina_html(p: Painel | None, *, ficticio: bool, endereco_js: str, endereco_interativo: str) -> str:
    """A página inteira do retrato `p` (None: ainda não publicado). `endereco_js`: onde está o
    plotly.min.js servido pelo sistema; `endereco_interativo`: a página do Streamlit. Os endereços
    são relativos à página (funcionam atrás de qualquer proxy)."""
    corpo: list[str] = []
    if ficticio:
        corpo.append(
            '<p class="aviso" role="note"><strong>Ambiente de demonstração:</strong> os cadastros, usuários e '
            "números exibidos são fictícios (salvo o texto do Plano de Trabalho).</p>"
        )
    corpo.append(
        "<p>Acordo de Cooperação Técnica entre o <strong>Conselho Nacional de Justiça</strong> e o "
        "<strong>Conselho Nacional do Ministério Público</strong> para a <strong>Política Nacional de Trabalho "
        "no âmbito do Sistema Prisional (PNAT)</strong>: trabalho e renda para pessoas privadas de liberdade e "
        "egressas do sistema prisional.</p>"
    )
    corpo.append(
        f'<p>Esta é a versão leve do painel, uma página estática. No <a href="{_t(endereco_interativo)}">painel '
        "interativo</a> há mapas com seletor, tabelas com filtros e os downloads em CSV e XLSX.</p>"
    )
    if p is None:
        corpo.append(
            '<p class="nota">O painel ainda não foi publicado. Os números aparecem aqui quando a equipe do DMF '
            "ou a Comissão do CNMP publicar o primeiro período.</p>"
        )
    else:
        corpo += _corpo_do_painel(p, consultas.tabelas_do_retrato(p))
    corpo.append(
        _secao(
            "dados-abertos",
            "Dados abertos",
            "<p>Todas as tabelas deste painel estão na API de dados abertos, sem login: o "
            f'<a href="{_t(dados_abertos.PREFIXO_API.lstrip("/"))}/datapackage.json">pacote de dados</a> '
            "(Frictionless Data Package, licença CC-BY-4.0) descreve cada tabela, coluna, tipo e unidade; cada "
            "tabela sai em CSV ou JSON (links abaixo de cada tabela).</p>",
        )
    )
    corpo.append(
        _secao(
            "acessibilidade",
            "Acessibilidade",
            "<p>Esta página busca atender ao <strong>eMAG 3.1</strong> e às <strong>WCAG 2.1, nível AA</strong>. "
            "Funciona sem JavaScript: cada gráfico tem ao lado um resumo em texto e, logo abaixo, a tabela com os "
            "mesmos dados. Os gráficos não são navegáveis pelo teclado (a tabela traz os mesmos dados). "
            "Encontrou uma barreira de acesso? Comunique-a à Ouvidoria do CNJ, dizendo a página e o que "
            "aconteceu.</p>",
        )
    )
    return (
        '<!doctype html>\n<html lang="pt-BR"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_t(TITULO)} — versão leve</title>"
        '<link rel="icon" href="data:,">'
        '<meta name="description" content="Números do ACT CNJ–CNMP nº 22/2023 (PNAT): Grupos, Escritórios '
        'Sociais, Fundos Municipais, metas, indicadores e recursos.">'
        f"<style>{CSS}</style>"
        f"<script>{ESPERA_PLOTLY}</script></head><body>"
        '<a class="pular" href="#conteudo">Pular para o conteúdo</a>'
        "<header><p>Conselho Nacional de Justiça · Conselho Nacional do Ministério Público</p></header>"
        f'<main id="conteudo" tabindex="-1"><h1>{_t(TITULO)}</h1>{"".join(corpo)}</main>'
        "<footer><p>Somente dados agregados; nenhum dado pessoal é publicado. "
        f'<a href="{_t(endereco_interativo)}">Abrir o painel interativo</a>.</p></footer>'
        f"<script>{CARREGA_PLOTLY % json.dumps(endereco_js)}</script></body></html>\n"
    )
