"""Histórico legível: a trilha de auditoria (valores crus dos serviços) na linguagem da tela.

Cada coluna vira o seu rótulo (`rotulo_campo`: um rótulo por coluna de cada modelo, definido uma
vez aqui ou tirado de onde a tela já o define, como o modelo de importação dos fluxos), cada
código vira o seu rótulo pt-BR (os dicionários de `models`), cada id ou sigla citado vira o nome
(`dominio.usuarios.trilha.referencias`) e cada valor, o formato brasileiro: instantes em
DD/MM/AAAA HH:MM no horário de Brasília, datas DD/MM/AAAA, dinheiro R$ 1.234,56, Sim/Não e “—”.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache

import pandas as pd
import streamlit as st
from sqlalchemy import Boolean, Date, DateTime
from sqlmodel import SQLModel

from comum import formatos
from dominio.recursos.importacao import COLUNAS as COLUNAS_IMPORTACAO_FLUXOS
from dominio.usuarios.trilha import ACOES, referencias
from models import funpen, indicadores, lembretes, lgpd, plano, recursos, sessoes, unidades, usuarios
from models.tipos import DataHoraUTC, Dinheiro

VAZIO = "—"
# colunas técnicas, que não dizem nada a quem lê o histórico (o momento já está em “Quando”)
TECNICAS = {"id", "versao", "atualizado_em", "criado_em", "chave_natural"}  # o id já está em “Nº do registro”

ENTIDADES = {
    "acao_comunicacao": "Ação de comunicação",
    "acao_comunicacao_meta": "Meta de ação de comunicação",
    "acao_comunicacao_uf": "UF de ação de comunicação",
    "acordo": "Acordo de Cooperação Técnica",
    "alvo_indicador": "Linha de base e meta de indicador",
    "anexo": "Anexo",
    "anexo_registro": "Anexo de registro qualitativo",
    "atividade_cronograma": "Atividade do cronograma",
    "atividade_meta": "Meta de atividade",
    "cenario_indice": "Cenário do índice penitenciário",
    "ciclo_monitoramento": "Ciclo de monitoramento",
    "comentario_plano": "Comentário do plano",
    "contrato_publico": "Contrato público",
    "cotacao_item": "Cotação de item",
    "dia_nao_util": "Dia não útil",
    "documento_preco_item": "Documento de preço de item",
    "encarregado": "Encarregado (LGPD)",
    "envio_coleta": "Envio de coleta",
    "equipe_proposta": "Equipe de proposta",
    "escritorio_social": "Escritório Social",
    "etapa": "Etapa do plano",
    "evento_revisao": "Evento de revisão",
    "evidencia": "Evidência",
    "fluxo_recurso": "Fluxo de recurso",
    "fundo_municipal": "Fundo Municipal",
    "grupo_interinstitucional": "Grupo Interinstitucional",
    "incidente_lgpd": "Incidente (LGPD)",
    "indicador": "Indicador",
    "item_etapa": "Item de etapa",
    "item_proposta": "Item de proposta",
    "mensagem_email": "Mensagem de e-mail",
    "meta": "Meta",
    "municipio": "Município",
    "obrigacao": "Obrigação",
    "painel_publicado": "Painel publicado",
    "parametro": "Parâmetro",
    "periodo_coleta": "Período de coleta",
    "plano_anual": "Plano anual",
    "proposta_funpen": "Proposta ao Funpen",
    "preferencia_email": "Preferência de e-mail",
    "publicacao": "Publicação",
    "publicacao_atividade": "Atividade de publicação",
    "publicacao_meta": "Meta de publicação",
    "recurso_potencial": "Recurso potencial",
    "registro_auditoria": "Registro da trilha de auditoria",
    "regra_validacao": "Regra de validação",
    "registro_qualitativo": "Registro qualitativo",
    "responsavel_acompanhamento": "Responsável pelo acompanhamento",
    "resumo_destino": "Resumo de fluxos por destino",
    "resumo_fluxo": "Resumo de fluxos",
    "salario_minimo": "Salário mínimo",
    "sessao_usuario": "Sessão de usuário",
    "tentativa_login": "Tentativa de entrada",
    "termo_aditivo": "Termo aditivo",
    "uf": "UF",
    "usuario": "Usuário",
    "valor_indicador": "Valor de indicador",
    "valor_indice_uf": "Valor do índice por UF",
    "versao_indicador": "Versão de indicador",
}

# rótulo de uma coluna com o mesmo sentido em qualquer modelo
_COMUNS = {
    "nome": "Nome",
    "titulo": "Título",
    "descricao": "Descrição",
    "observacoes": "Observações",
    "status": "Situação",
    "tipo": "Tipo",
    "data": "Data",
    "valor": "Valor (R$)",
    "uf_sigla": "UF",
    "municipio_codigo": "Município",
    "grupo_id": "Grupo Interinstitucional",
    "escritorio_id": "Escritório Social",
    "fundo_id": "Fundo Municipal",
    "usuario_id": "Usuário",
    "usuario_email": "E-mail do usuário",
    "email": "E-mail",
    "cnpj": "CNPJ",
    "link": "Endereço (link)",
    "anexo_id": "Anexo",
    "meta_id": "Meta",
    "meta_letra": "Meta",
    "etapa_id": "Etapa",
    "plano_id": "Plano anual",
    "atividade_id": "Atividade",
    "proposta_id": "Proposta",
    "item_id": "Item",
    "indicador_id": "Indicador",
    "periodo_id": "Período de coleta",
    "envio_id": "Envio",
    "ciclo_id": "Ciclo de monitoramento",
    "ordem": "Ordem",
    "numero": "Número",
    "ano": "Ano",
    "inicio": "Início",
    "fim": "Fim",
    "prazo": "Prazo",
    "participe": "Partícipe",
    "comentario": "Comentário",
    "momento": "Momento",
    "texto": "Texto",
    "fonte": "Fonte",
    "ato_designacao": "Ato de designação",
    "data_designacao": "Data da designação",
    "data_inicio": "Data de início",
    "data_fim": "Data de fim",
    "data_criacao": "Data de criação",
    "data_assinatura": "Data da assinatura",
    "data_registro": "Data do registro",
    "contato": "Contato",
    "fornecedor": "Fornecedor",
    "criado_por": "Criado por",
    "papel": "Perfil",
    "ativo": "Ativo",
    "ativa": "Ativa",
}

# rótulos próprios de um modelo (além dos comuns)
_POR_MODELO: dict[str, dict[str, str]] = {
    # os mesmos cabeçalhos da planilha de importação de fluxos (uma só definição)
    "fluxo_recurso": {campo: rotulo for rotulo, campo, *_ in COLUNAS_IMPORTACAO_FLUXOS}
    | {
        "fundo_id": "Fundo Municipal de destino",
        "escritorio_id": "Escritório Social de destino",
        "data_referencia": "Data de referência",
    },
    "atividade_cronograma": {
        "nome": "Atividade",
        "meses_previstos": "Meses previstos",
        "meses_executados": "Meses executados",
        "percentual": "% executado",
    },
    "grupo_interinstitucional": {
        "ato_criacao": "Ato de criação",
        "instituicoes_membro": "Instituições membro",
        "contato_pontos_focais": "Contato dos pontos focais",
    },
    "escritorio_social": {
        "orgao_gestor": "Órgão gestor",
        "tipo_gestao": "Tipo de gestão",
        "termo_cooperacao": "Termo de cooperação",
        "data_termo": "Data do termo",
        "data_inauguracao": "Data da inauguração",
    },
    "fundo_municipal": {
        "lei_numero": "Número da lei",
        "lei_data": "Data da lei",
        "conselho_gestor": "Conselho gestor",
    },
    "usuario": {
        "senha_hash": "Senha",
        "falhas_login": "Tentativas de entrada erradas",
        "bloqueado_ate": "Bloqueado até",
        "ultimo_acesso": "Último acesso",
    },
}

# códigos → rótulos pt-BR (os mesmos dicionários dos formulários e tabelas)
_CODIGOS: dict[str, dict[str, dict]] = {
    "fluxo_recurso": {
        "tipo_origem": recursos.TIPOS_ORIGEM,
        "orgao_tipo": recursos.TIPOS_ORGAO,
        "destino_tipo": recursos.TIPOS_DESTINO,
        "etapa": recursos.ETAPAS,
        "status_prestacao": recursos.STATUS_PRESTACAO,
    },
    "recurso_potencial": {"tipo_origem": recursos.TIPOS_ORIGEM},
    "resumo_destino": {
        "destino_tipo": recursos.TIPOS_DESTINO,
        "tipo_origem": recursos.TIPOS_ORIGEM,
        "etapa": recursos.ETAPAS,
    },
    "resumo_fluxo": {"tipo_origem": recursos.TIPOS_ORIGEM, "etapa": recursos.ETAPAS},
    "usuario": {"papel": usuarios.PAPEIS},
    "grupo_interinstitucional": {"status": unidades.STATUS_GRUPO},
    "escritorio_social": {"status": unidades.STATUS_ESCRITORIO, "tipo_gestao": unidades.TIPO_GESTAO_ESCRITORIO},
    "fundo_municipal": {"status": unidades.STATUS_FUNDO},
    "atividade_cronograma": {"status": plano.STATUS_ATIVIDADE},
    "obrigacao": {"status": plano.STATUS_OBRIGACAO, "responsavel": plano.RESPONSAVEIS_OBRIGACAO},
    "acao_comunicacao": {"tipo": plano.TIPOS_ACAO},
    "publicacao": {"tipo": plano.TIPOS_PUBLICACAO},
    "responsavel_acompanhamento": {"participe": plano.PARTICIPES},
    "encarregado": {"participe": plano.PARTICIPES},
    "incidente_lgpd": {"status": lgpd.STATUS_INCIDENTE, "participe": plano.PARTICIPES},
    "dia_nao_util": {"abrangencia": lgpd.ABRANGENCIAS},
    "proposta_funpen": {"status": funpen.STATUS_PROPOSTA, "programa": funpen.PROGRAMAS},
    "equipe_proposta": {"natureza": funpen.NATUREZAS_EQUIPE},
    "indicador": {"alvo": indicadores.ALVO_SINGULAR},
    "regra_validacao": {"alvo": indicadores.ALVO_SINGULAR, "severidade": indicadores.SEVERIDADES},
    "versao_indicador": {
        "tipo": indicadores.TIPOS_INDICADOR,
        "periodicidade": indicadores.PERIODICIDADES,
        "agregacao": indicadores.AGREGACOES,
    },
    "periodo_coleta": {"periodicidade": indicadores.PERIODICIDADES},
    "envio_coleta": {"status": indicadores.STATUS_ENVIO},
    "evento_revisao": {"de_status": indicadores.STATUS_ENVIO, "para_status": indicadores.STATUS_ENVIO},
    "registro_qualitativo": {
        "metodo": indicadores.METODOS_QUALITATIVOS,
        "status_encaminhamento": indicadores.STATUS_ENCAMINHAMENTO,
    },
    "sessao_usuario": {"origem": sessoes.ORIGENS_SESSAO, "motivo_encerramento": sessoes.MOTIVOS_ENCERRAMENTO},
    "mensagem_email": {"tipo": lembretes.TIPOS_MENSAGEM, "situacao": lembretes.SITUACOES_MENSAGEM},
}

# palavras dos nomes de coluna com acento ou sigla, para as colunas sem rótulo próprio
_PALAVRAS = {
    "acao": "ação", "agregacao": "agregação", "alinea": "alínea", "anpd": "ANPD", "aplicacao": "aplicação",
    "atraso": "atraso", "autorizacao": "autorização", "cenario": "cenário", "ciap": "CIAP", "clausula": "cláusula",
    "cnpcp": "CNPCP", "codigo": "código", "comentario": "comentário", "comunicacao": "comunicação",
    "condicoes": "condições", "conteudo": "conteúdo", "cooperacao": "cooperação", "criacao": "criação",
    "criterio": "critério", "declaracao": "declaração", "definicao": "definição", "desagregacao": "desagregação",
    "desagregacoes": "desagregações", "descricao": "descrição", "designacao": "designação",
    "destinacao": "destinação", "encaminhamento": "encaminhamento", "endereco": "endereço", "gestao": "gestão",
    "ibge": "IBGE", "inauguracao": "inauguração", "instituicoes": "instituições", "maximo": "máximo",
    "minimo": "mínimo", "mj": "MJ", "mp": "MP", "municipio": "município", "numero": "número",
    "obrigacao": "obrigação", "orcamento": "orçamento", "orgao": "órgão", "pct": "(%)", "periodo": "período",
    "politica": "política", "ppl": "PPL", "prestacao": "prestação", "provisorios": "provisórios",
    "publicacao": "publicação", "recomendacoes": "recomendações", "reducao": "redução",
    "referencia": "referência", "regiao": "região", "remuneracao": "remuneração", "responsavel": "responsável",
    "revisao": "revisão", "rotulo": "rótulo", "sensiveis": "sensíveis", "sha256": "SHA-256", "titulo": "título",
    "tolerancia": "tolerância", "transferencia": "transferência", "uf": "UF", "ultimo": "último",
    "usuario": "usuário", "vigencia": "vigência", "vinculo": "vínculo", "email": "e-mail",
}  # fmt: skip


def rotulo_entidade(tabela: str) -> str:
    return ENTIDADES.get(tabela, _humanizar(tabela))


def _humanizar(nome: str) -> str:
    palavras = [p for p in nome.split("_") if p != "id"]
    texto = " ".join(_PALAVRAS.get(p, p) for p in palavras) or nome
    return texto[0].upper() + texto[1:]


@cache
def rotulo_campo(tabela: str, coluna: str) -> str:
    """Rótulo da coluna `coluna` do modelo de tabela `tabela`, como a tela o escreve."""
    return _POR_MODELO.get(tabela, {}).get(coluna) or _COMUNS.get(coluna) or _humanizar(coluna)


@cache
def _tipo_da_coluna(tabela: str, coluna: str):
    t = SQLModel.metadata.tables.get(tabela)
    return t.c[coluna].type if t is not None and coluna in t.c else None


@cache
def _alvo_da_chave(tabela: str, coluna: str) -> str | None:
    t = SQLModel.metadata.tables.get(tabela)
    if t is None or coluna not in t.c:
        return "usuario" if coluna.endswith("usuario_id") else None
    return next((fk.column.table.name for fk in t.c[coluna].foreign_keys), None)


def sim_nao(valor: bool) -> str:
    return "Sim" if valor else "Não"


def formatar_valor(tabela: str, coluna: str, valor, refs: dict[str, dict[str, str]] | None = None) -> str:
    """Um valor gravado na trilha (JSON: datas em ISO, dinheiro em texto) como a tela o mostra."""
    if valor is None or valor == "" or valor == []:
        return VAZIO
    if coluna in _CODIGOS.get(tabela, {}):
        rotulos = _CODIGOS[tabela][coluna]
        if isinstance(valor, list):
            return "; ".join(str(rotulos.get(v, v)) for v in valor)
        return str(rotulos.get(valor, valor))
    alvo = _alvo_da_chave(tabela, coluna)
    if alvo is not None:
        return (refs or {}).get(alvo, {}).get(str(valor), str(valor))
    tipo = _tipo_da_coluna(tabela, coluna)
    if isinstance(valor, bool) or isinstance(tipo, Boolean):
        return sim_nao(bool(valor))
    if isinstance(tipo, Dinheiro):
        try:
            return formatos.dinheiro(Decimal(str(valor)))
        except InvalidOperation:
            return str(valor)
    if isinstance(tipo, (DataHoraUTC, DateTime)) or isinstance(valor, datetime):
        return _instante(valor)
    if isinstance(tipo, Date) or isinstance(valor, date):
        return _dia(valor)
    if coluna.startswith("meses_") and isinstance(valor, list):
        return formatos.resumo_meses(valor)
    if isinstance(valor, list):
        return "; ".join(formatar_escalar(v) for v in valor)
    if isinstance(valor, dict):
        if any(isinstance(v, (dict, list)) for v in valor.values()):
            # um retrato inteiro (ex.: o conteúdo de um painel publicado): o resumo, não o JSON
            return f"{formatos.numero(len(valor))} seção(ões): " + ", ".join(map(str, valor))
        return "; ".join(f"{k}: {formatar_escalar(v)}" for k, v in valor.items())
    if isinstance(valor, (int, float, Decimal)):
        return formatos.formatar_numero(valor)
    return str(valor)


def formatar_escalar(valor) -> str:
    """Um valor solto, sem coluna que diga o tipo (dentro de uma lista ou dicionário)."""
    if valor is None or valor == "":
        return VAZIO
    if isinstance(valor, bool):
        return sim_nao(valor)
    if isinstance(valor, (int, float, Decimal)):
        return formatos.formatar_numero(valor)
    if isinstance(valor, (dict, list)):
        return f"{formatos.numero(len(valor))} item(ns)"
    return str(valor)


def _instante(valor) -> str:
    if isinstance(valor, str):
        try:
            valor = datetime.fromisoformat(valor)
        except ValueError:
            return valor
    return formatos.data_hora(valor)


def _dia(valor) -> str:
    if isinstance(valor, str):
        try:
            valor = date.fromisoformat(valor[:10])
        except ValueError:
            return valor
    return formatos.data(valor)


def _mudancas(tabela: str, acao: str, antes: dict | None, depois: dict | None, refs) -> str:
    antes, depois = antes or {}, depois or {}
    campos = [c for c in (depois or antes) if c not in TECNICAS]
    if acao == "alteracao":
        return "; ".join(
            f"{rotulo_campo(tabela, c)}: {formatar_valor(tabela, c, antes.get(c), refs)} → "
            f"{formatar_valor(tabela, c, depois.get(c), refs)}"
            for c in campos
        )
    valores = depois or antes
    return "; ".join(f"{rotulo_campo(tabela, c)}: {formatar_valor(tabela, c, valores.get(c), refs)}" for c in campos)


def quem(usuario_id, email: str, refs) -> str:
    """Quem agiu: o nome da pessoa (o e-mail, se a conta não existe mais; “Sistema” para o sistema)."""
    if usuario_id is not None and not pd.isna(usuario_id):
        nome = (refs or {}).get("usuario", {}).get(str(int(usuario_id)))
        if nome:
            return nome
    return "Sistema" if email == "sistema" else email


def tabela_historico(df: pd.DataFrame, refs, *, com_entidade: bool = False) -> pd.DataFrame:
    """Os registros crus da trilha (`dominio.usuarios.trilha`) como a tela e as exportações os
    mostram: Quando (Brasília), Quem (nome), Ação, [Registro,] O que mudou (rótulos e nomes).
    No histórico de um registro (`com_entidade=False`), alterações em que só colunas técnicas
    mudaram (a versão) ficam de fora; a trilha completa mostra todas."""
    colunas = ["Quando", "Quem", "Ação", *(["Registro", "Nº do registro"] if com_entidade else []), "O que mudou"]
    linhas = []
    for x in df.itertuples(index=False):
        mudou = _mudancas(x.entidade, x.acao, x.antes, x.depois, refs)
        if x.acao == "alteracao" and not mudou and not com_entidade:
            continue
        linha = [formatos.data_hora(x.momento), quem(x.usuario_id, x.usuario_email, refs), ACOES[x.acao]]
        if com_entidade:
            linha += [rotulo_entidade(x.entidade), x.entidade_id]
        linhas.append([*linha, mudou or VAZIO])
    return pd.DataFrame(linhas, columns=colunas)


def mostrar_trilha(df: pd.DataFrame, *, chave: str) -> None:
    """O histórico de um registro (registros crus da trilha) na tela, legível."""
    tabela = tabela_historico(df, referencias(df))
    if tabela.empty:
        st.info("Sem alterações registradas.")
    else:
        st.dataframe(tabela, hide_index=True, width="stretch", key=chave)
