"""Glossário do sistema: um sentido para cada termo que aparece na tela, escrito uma vez aqui.

A página Glossário (aberta a todos, inclusive sem login), as dicas (`help=`) das métricas e
colunas que usam estes termos e o arquivo docs/glossario.md saem deste dicionário — um teste
confere que o arquivo é igual a `em_markdown()`. Para regravar o arquivo:

    .venv/bin/python -m dominio.publico.glossario > docs/glossario.md
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Termo:
    termo: str
    definicao: str
    onde: str  # páginas em que o termo aparece
    funcao: str = ""  # a função que calcula o número, quando o termo é um número


TERMOS: tuple[Termo, ...] = (
    Termo(
        "Potencial",
        "Valor identificado (por exemplo, saldo de conta judicial de prestação pecuniária ou estimativa de "
        "mapeamento) cujo destino ainda não foi decidido: fluxo na etapa potencial. Não entra no “Destinado”.",
        "Recursos",
        "dominio.recursos.regras.valores_acumulados",
    ),
    Termo(
        "Destinado",
        "Valor com destino já decidido (Fundo Municipal, Escritório Social ou projeto): soma dos fluxos nas "
        "etapas destinado, transferido e aplicado. Inclui, portanto, o que já foi transferido e aplicado.",
        "Recursos, Painel público, Relatório periódico",
        "dominio.recursos.regras.valores_acumulados",
    ),
    Termo(
        "Transferido",
        "Valor que já saiu da origem e chegou à conta do destino: soma dos fluxos nas etapas transferido e "
        "aplicado. A transferência abre o prazo da prestação de contas.",
        "Recursos, Painel público, Relatório periódico",
        "dominio.recursos.regras.valores_acumulados",
    ),
    Termo(
        "Aplicado",
        "Valor que o destino já usou no objeto aprovado: fluxos na etapa aplicado. É o “executado” do dinheiro; "
        "no sistema, “executado” fica reservado às atividades do cronograma.",
        "Recursos, Painel público, Relatório periódico",
        "dominio.recursos.regras.valores_acumulados",
    ),
    Termo(
        "Executado (% executado, meses executados)",
        "Andamento de uma atividade do cronograma do Plano de Trabalho: meses em que ela de fato ocorreu e o "
        "percentual concluído informado pelo DMF. Não se refere a dinheiro (ver “Aplicado”).",
        "Cronograma, Plano de trabalho, Relatório periódico",
    ),
    Termo(
        "Prestação de contas",
        "Demonstração, pelo destino, de como usou o valor transferido (Res. Conjunta CNJ/CNMP 10/2024, art. 14), "
        "com prazo contado da transferência. Situações: não exigida, pendente, apresentada, aprovada ou "
        "rejeitada; vencida é a pendente com o prazo já passado.",
        "Prestação de contas, Recursos, Relatório periódico",
        "dominio.recursos.regras.situacao_prestacao",
    ),
    Termo(
        "Recebido (formulário de indicadores)",
        "Formulário de indicadores que a unidade enviou ao menos uma vez no período de coleta; “no prazo” é o "
        "enviado até o prazo do período. Rascunho não conta como recebido.",
        "Coleta, Monitoramento, Relatório periódico",
    ),
    Termo(
        "Validado",
        "Envio de indicadores conferido pelo DMF; segue para a Comissão do CNMP. Ainda não é dado oficial.",
        "Revisão, Coleta, Monitoramento",
    ),
    Termo(
        "Aprovado",
        "Envio de indicadores aceito pela Comissão do CNMP depois de validado pelo DMF: só valores aprovados "
        "entram no monitoramento, no relatório e no painel público. Para a prestação de contas, “aprovada” é a "
        "prestação aceita pelo órgão que a analisou.",
        "Revisão, Monitoramento, Painel público, Prestação de contas",
    ),
    Termo(
        "Meta",
        "Cada uma das seis metas (a a f) do Plano de Trabalho do ACT CNJ–CNMP nº 22/2023; o progresso de uma meta "
        "é a média do percentual executado das atividades do ano ligadas a ela.",
        "Plano de trabalho, Cronograma, Comunicação e publicações, Relatório periódico",
        "dominio.plano.regras.progresso_meta",
    ),
    Termo(
        "Indicador",
        "Medida do catálogo (código, fórmula, unidade de medida e periodicidade) que Grupos e Escritórios informam "
        "a cada período de coleta.",
        "Indicadores, Coleta, Revisão, Monitoramento",
    ),
    Termo(
        "Período (de coleta)",
        "Intervalo de datas a que se referem os valores de indicadores (mensal, trimestral, semestral ou anual), "
        "com prazo de envio. Nos filtros de Recursos, “período” é o intervalo da data da etapa atual do fluxo.",
        "Coleta, Revisão, Monitoramento, Recursos",
    ),
    Termo(
        "Grupo Interinstitucional",
        "Colegiado estadual da PNAT (um por UF) que articula a política de trabalho e renda no sistema prisional; "
        "unidade informante de indicadores.",
        "Grupos Interinstitucionais, Minha unidade, Painel público, Buscar",
    ),
    Termo(
        "Escritório Social",
        "Equipamento de atenção a pessoas egressas do sistema prisional e seus familiares, ligado a um município; "
        "pode receber recursos e é unidade informante de indicadores.",
        "Escritórios Sociais, Minha unidade, Recursos, Painel público, Buscar",
    ),
    Termo(
        "Fundo Municipal",
        "Fundo Municipal de Políticas Penais: conta pública de um município que pode receber recursos destinados "
        "(um por município, identificado pelo CNPJ).",
        "Fundos Municipais, Recursos, Buscar",
    ),
    Termo(
        "Processo (número CNJ)",
        "Número único do processo judicial no formato NNNNNNN-DD.AAAA.J.TR.OOOO (Res. CNJ 65/2008), obrigatório "
        "para fluxos de origem judicial. A busca o encontra com ou sem pontuação.",
        "Recursos, Buscar",
        "comum.validadores.validar_processo_cnj",
    ),
)

POR_TERMO: dict[str, Termo] = {t.termo: t for t in TERMOS}


def ajuda(termo: str) -> str:
    """A definição de `termo` para uma dica (`help=`) na tela; KeyError se o termo não existe (um
    rótulo novo precisa entrar no glossário antes de ganhar dica)."""
    return POR_TERMO[termo].definicao


def em_markdown() -> str:
    """O glossário inteiro como o arquivo docs/glossario.md."""
    linhas = [
        "# Glossário",
        "",
        "Um sentido para cada termo que aparece nas telas do sistema. Este arquivo é gerado de",
        "`dominio/publico/glossario.py` (a mesma fonte da página Glossário e das dicas das métricas);",
        "para mudá-lo, altere o módulo e rode `.venv/bin/python -m dominio.publico.glossario > docs/glossario.md`.",
        "",
        "| Termo | Definição | Onde aparece | Cálculo |",
        "|---|---|---|---|",
    ]
    for t in TERMOS:
        calculo = f"`{t.funcao}`" if t.funcao else "—"
        linhas.append(f"| **{t.termo}** | {t.definicao} | {t.onde} | {calculo} |")
    return "\n".join(linhas) + "\n"


if __name__ == "__main__":
    print(em_markdown(), end="")
