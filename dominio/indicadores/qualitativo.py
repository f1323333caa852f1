"""Monitoramento qualitativo (Plano de Trabalho, item 4): métodos de alcance focalizado junto
aos Grupos Interinstitucionais (meta d) e ciclos de monitoramento in loco dos Escritórios
Sociais (meta e; etapa Ações metodológicas).

Um *ciclo* agrupa os registros de uma rodada de monitoramento; um *registro* é a aplicação de
um método (entrevista, grupo focal, visita in loco, análise documental) a uma unidade, com a
equipe, os achados, as recomendações, o encaminhamento e os anexos.

Ler exige `qualitativo.ver`; o ponto focal lê só a própria unidade, aqui no serviço e não só
na página. Gravar exige `qualitativo.editar` (administradores e DMF)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlmodel import Session, func, select

from comum.anexos import ArquivoEnviado, guardar_anexo, validar_arquivo
from comum.prazos import vencido
from comum.textos import somente_algarismos
from comum.validadores import data_exigida
from core import acesso, edicao, relogio
from core.banco import sessao
from core.edicao import gravar, incluir_ou_alterar, obter_na_sessao, obter_para_edicao
from core.erros import ErroValidacao, NaoEncontrado, Problema
from dominio.cadastros import unidades
from dominio.cadastros.unidades import Unidade
from models.indicadores import (
    ALVO_SINGULAR,
    ALVOS,
    METODOS_QUALITATIVOS,
    STATUS_ENCAMINHAMENTO,
    AnexoRegistro,
    CicloMonitoramento,
    RegistroQualitativo,
)
from models.plano import Anexo
from models.usuarios import Usuario

VER = acesso.QUALITATIVO_VER
EDITAR = acesso.QUALITATIVO_EDITAR

# meta do ciclo → tipo de unidade que ele monitora (item 4 do Plano de Trabalho)
METAS_CICLO = {
    "d": "Meta d — Grupos Interinstitucionais (métodos qualitativos de alcance focalizado)",
    "e": "Meta e — Escritórios Sociais (ciclos de monitoramento in loco)",
}
TIPO_DA_META = {"d": "grupo", "e": "escritorio"}
META_DO_TIPO = {v: k for k, v in TIPO_DA_META.items()}

# encaminhamentos que ainda pedem providência
EM_ABERTO = frozenset({"pendente", "em_andamento"})

ROTULO_CICLO = "Este ciclo"
ROTULO_REGISTRO = "Este registro qualitativo"

COLUNAS_REGISTROS = [
    "id",
    "Nº",
    "Data",
    "Unidade",
    "UF",
    "Método",
    "Ciclo",
    "Equipe",
    "Encaminhamento",
    "Prazo do encaminhamento",
    "Em atraso",
    "Anexos",
]


def _hoje(hoje: date | None) -> date:
    return hoje or relogio.hoje()


def _em_atraso(r: RegistroQualitativo, hoje: date) -> bool:
    return (
        r.status_encaminhamento in EM_ABERTO
        and r.prazo_encaminhamento is not None
        and vencido(r.prazo_encaminhamento, hoje)
    )


def _chave_para_tipo_id(chave: str) -> tuple[str, int]:
    letra, _, ident = (chave or "").partition(":")
    tipo = {"g": "grupo", "e": "escritorio"}.get(letra)
    if tipo is None or not somente_algarismos(ident):
        raise NaoEncontrado("Unidade não encontrada.")
    return tipo, int(ident)


def _tipo_id(r: RegistroQualitativo) -> tuple[str, int]:
    return ("grupo", r.grupo_id) if r.grupo_id is not None else ("escritorio", r.escritorio_id)


def _exigir_leitura_registro(ator: Usuario | None, r: RegistroQualitativo) -> None:
    unidades.exigir_leitura(ator, *_tipo_id(r), VER)


def _filtro_unidade(stmt, tipo: str, ident: int):
    coluna = RegistroQualitativo.grupo_id if tipo == "grupo" else RegistroQualitativo.escritorio_id
    return stmt.where(coluna == ident)


# --- unidades e ciclos --------------------------------------------------------------------------


def unidades_visiveis(ator: Usuario | None, tipo: str | None = None) -> list[Unidade]:
    """Unidades que o ator pode consultar aqui: o ponto focal, só a sua; os demais, todas."""
    with sessao(ator) as s:
        return unidades.visiveis(s, ator, VER, tipo)


def rotulo_ciclo(c: CicloMonitoramento) -> str:
    return f"{c.nome} (meta {c.meta_letra}, {c.inicio:%d/%m/%Y} a {c.fim:%d/%m/%Y})"


def _ciclos(s: Session, ator: Usuario | None, meta: str | None = None) -> list[CicloMonitoramento]:
    stmt = select(CicloMonitoramento).order_by(CicloMonitoramento.inicio.desc(), CicloMonitoramento.id.desc())
    propria = unidades.propria(ator)
    if propria is not None:  # o ponto focal vê os ciclos do tipo da sua unidade
        meta = META_DO_TIPO[propria[0]]
    if meta is not None:
        stmt = stmt.where(CicloMonitoramento.meta_letra == meta)
    return list(s.exec(stmt))


def listar_ciclos(ator: Usuario | None, *, meta: str | None = None) -> list[CicloMonitoramento]:
    """Ciclos de monitoramento, mais recentes primeiro (o ponto focal vê os da meta da sua unidade)."""
    acesso.exigir(ator, VER)
    with sessao(ator) as s:
        return _ciclos(s, ator, meta)


def obter_ciclo(ator: Usuario | None, ident: int) -> CicloMonitoramento:
    return edicao.obter_registro(ator, VER, CicloMonitoramento, ident, "Ciclo de monitoramento não encontrado.")


@dataclass
class DadosCiclo:
    nome: str
    meta_letra: str
    inicio: date | None
    fim: date | None
    descricao: str = ""


def salvar_ciclo(
    ator: Usuario | None, dados: DadosCiclo, *, ident: int | None = None, versao: int | None = None
) -> CicloMonitoramento:
    """Inclui (sem `ident`) ou altera (com `ident` e a `versao` lida) um ciclo de monitoramento.

    Nome único; meta d (Grupos) ou e (Escritórios); início até o fim. Na alteração, os
    registros já ligados ao ciclo têm de continuar dentro do período e do tipo de unidade."""
    acesso.exigir(ator, EDITAR)
    p: list[Problema] = []
    nome = (dados.nome or "").strip()
    if not nome:
        p.append(Problema("nome", "informe o nome do ciclo"))
    elif len(nome) > 150:
        p.append(Problema("nome", f"o nome tem {len(nome)} caracteres; o limite é 150"))
    if dados.meta_letra not in METAS_CICLO:
        p.append(Problema("meta", "escolha a meta d (Grupos Interinstitucionais) ou e (Escritórios Sociais)"))
    if dados.inicio is None:
        p.append(Problema("início", "informe a data de início"))
    if dados.fim is None:
        p.append(Problema("fim", "informe a data de fim"))
    if dados.inicio is not None and dados.fim is not None and dados.fim < dados.inicio:
        p.append(
            Problema("fim", f"o fim ({dados.fim:%d/%m/%Y}) não pode ser anterior ao início ({dados.inicio:%d/%m/%Y})")
        )
    descricao = (dados.descricao or "").strip()
    if len(descricao) > 2000:
        p.append(Problema("descrição", f"a descrição tem {len(descricao)} caracteres; o limite é 2.000"))
    with sessao(ator) as s:
        if nome:
            for outro in s.exec(select(CicloMonitoramento)):
                if outro.id != ident and outro.nome.strip().casefold() == nome.casefold():
                    p.append(Problema("nome", f"já existe um ciclo chamado “{outro.nome}”"))
                    break
        if ident is not None and not p:
            regs = list(s.exec(select(RegistroQualitativo).where(RegistroQualitativo.ciclo_id == ident)))
            fora = [r for r in regs if not (dados.inicio <= r.data <= dados.fim)]
            if fora:
                datas = ", ".join(sorted({f"{r.data:%d/%m/%Y}" for r in fora})[:5])
                p.append(
                    Problema(
                        "período",
                        f"{len(fora)} registro(s) deste ciclo ficariam fora do período "
                        f"(datas: {datas}); ajuste o período ou os registros",
                    )
                )
            outro_tipo = [r for r in regs if _tipo_id(r)[0] != TIPO_DA_META[dados.meta_letra]]
            if outro_tipo:
                p.append(
                    Problema(
                        "meta",
                        f"o ciclo tem {len(outro_tipo)} registro(s) de "
                        f"{ALVOS[_tipo_id(outro_tipo[0])[0]]}; a meta {dados.meta_letra} é dos "
                        f"{ALVOS[TIPO_DA_META[dados.meta_letra]]}",
                    )
                )
        if p:
            raise ErroValidacao(p)
        campos = dict(nome=nome, meta_letra=dados.meta_letra, inicio=dados.inicio, fim=dados.fim, descricao=descricao)
        return incluir_ou_alterar(s, CicloMonitoramento, campos, ident, versao, ROTULO_CICLO)


def excluir_ciclo(ator: Usuario | None, ident: int, versao: int) -> None:
    """Exclui um ciclo sem registros (com registros, desligue-os ou altere o ciclo)."""
    acesso.exigir(ator, EDITAR)
    with sessao(ator) as s:
        c = obter_para_edicao(s, CicloMonitoramento, ident, versao, ROTULO_CICLO)
        n = s.exec(
            select(func.count()).select_from(RegistroQualitativo).where(RegistroQualitativo.ciclo_id == ident)
        ).one()
        if n:
            raise ErroValidacao(
                Problema("ciclo", f"o ciclo tem {n} registro(s); só um ciclo sem registros pode ser excluído")
            )
        s.delete(c)
        gravar(s, ROTULO_CICLO)


# --- registros ----------------------------------------------------------------------------------


def tabela_registros(
    ator: Usuario | None,
    *,
    unidade_chave: str | None = None,
    ciclo_id: int | None = None,
    metodo: str | None = None,
    status: str | None = None,
    hoje: date | None = None,
) -> pd.DataFrame:
    """Uma linha por registro (mais recentes primeiro). O ponto focal recebe só a própria
    unidade; pedir outra levanta `AcessoNegado`. `hoje` decide o que está em atraso."""
    hoje = _hoje(hoje)
    propria = unidades.propria(ator)
    if unidade_chave is not None:
        tipo, ident = _chave_para_tipo_id(unidade_chave)
        unidades.exigir_leitura(ator, tipo, ident, VER)
    elif propria is not None:
        unidades.exigir_leitura(ator, *propria, VER)
        tipo, ident = propria
    else:
        acesso.exigir(ator, VER)
        tipo = ident = None
    with sessao(ator) as s:
        stmt = select(RegistroQualitativo).order_by(RegistroQualitativo.data.desc(), RegistroQualitativo.id.desc())
        if tipo is not None:
            stmt = _filtro_unidade(stmt, tipo, ident)
        if ciclo_id is not None:
            stmt = stmt.where(RegistroQualitativo.ciclo_id == ciclo_id)
        if metodo is not None:
            stmt = stmt.where(RegistroQualitativo.metodo == metodo)
        if status is not None:
            stmt = stmt.where(RegistroQualitativo.status_encaminhamento == status)
        regs = list(s.exec(stmt))
        por_chave = {u.chave: u for u in unidades.todas(s)}
        ciclos = {c.id: c.nome for c in s.exec(select(CicloMonitoramento))}
        n_anexos = dict(
            s.exec(select(AnexoRegistro.registro_id, func.count()).group_by(AnexoRegistro.registro_id)).all()
        )
    linhas = []
    for r in regs:
        u = por_chave[unidades.chave_de(r.grupo_id, r.escritorio_id)]
        linhas.append(
            {
                "id": r.id,
                "Nº": r.id,
                "Data": r.data,
                "Unidade": u.nome,
                "UF": u.uf,
                "Método": METODOS_QUALITATIVOS[r.metodo],
                "Ciclo": ciclos.get(r.ciclo_id, "—"),
                "Equipe": r.equipe,
                "Encaminhamento": STATUS_ENCAMINHAMENTO[r.status_encaminhamento],
                "Prazo do encaminhamento": r.prazo_encaminhamento,
                "Em atraso": "Sim" if _em_atraso(r, hoje) else "Não",
                "Anexos": int(n_anexos.get(r.id, 0)),
            }
        )
    return pd.DataFrame(linhas, columns=COLUNAS_REGISTROS)


def totais(df: pd.DataFrame) -> dict[str, int]:
    """Números do alto da página, a partir de `tabela_registros`."""
    aberto = {STATUS_ENCAMINHAMENTO[k] for k in EM_ABERTO}
    return {
        "registros": len(df),
        "unidades": int(df["Unidade"].nunique()) if len(df) else 0,
        "pendentes": int(df["Encaminhamento"].isin(aberto).sum()) if len(df) else 0,
        "em_atraso": int((df["Em atraso"] == "Sim").sum()) if len(df) else 0,
    }


def obter_registro(ator: Usuario | None, ident: int) -> RegistroQualitativo:
    """O registro, se o ator pode lê-lo (ponto focal: só da própria unidade)."""
    acesso.exigir_conta_ativa(ator)
    with sessao(ator) as s:
        r = obter_na_sessao(s, RegistroQualitativo, ident, "Registro qualitativo não encontrado.")
    _exigir_leitura_registro(ator, r)
    return r


@dataclass(frozen=True)
class InfoAnexo:
    anexo_id: int
    nome_arquivo: str
    tipo_mime: str
    tamanho: int
    incluido_em: datetime


@dataclass(frozen=True)
class DetalheRegistro:
    registro: RegistroQualitativo
    unidade: Unidade
    ciclo: CicloMonitoramento | None
    anexos: list[InfoAnexo]

    @property
    def titulo(self) -> str:
        r = self.registro
        return f"Nº {r.id} — {METODOS_QUALITATIVOS[r.metodo]} em {r.data:%d/%m/%Y} — {self.unidade.nome}"


def _anexos(s: Session, registro_id: int) -> list[InfoAnexo]:
    linhas = s.exec(
        select(Anexo.id, Anexo.nome_arquivo, Anexo.tipo_mime, Anexo.tamanho, Anexo.incluido_em)
        .join(AnexoRegistro, AnexoRegistro.anexo_id == Anexo.id)
        .where(AnexoRegistro.registro_id == registro_id)
        .order_by(Anexo.id)
    ).all()
    return [InfoAnexo(*linha) for linha in linhas]


def detalhe_registro(ator: Usuario | None, ident: int) -> DetalheRegistro:
    """Registro com a unidade, o ciclo e a lista de anexos (sem o conteúdo)."""
    r = obter_registro(ator, ident)
    with sessao(ator) as s:
        u = unidades.obter(s, *_tipo_id(r))
        c = s.get(CicloMonitoramento, r.ciclo_id) if r.ciclo_id is not None else None
        return DetalheRegistro(r, u, c, _anexos(s, r.id))


@dataclass
class DadosRegistro:
    unidade_chave: str | None
    data: date | None
    metodo: str
    equipe: str
    achados: str
    recomendacoes: str = ""
    status_encaminhamento: str = "pendente"
    prazo_encaminhamento: date | None = None
    ciclo_id: int | None = None


_LIMITES = (("equipe", "equipe", 500), ("achados", "achados", 6000), ("recomendacoes", "recomendações", 6000))


def _validar_registro(s: Session, d: DadosRegistro, hoje: date) -> tuple[list[Problema], Unidade | None]:
    p: list[Problema] = []
    u: Unidade | None = None
    if not d.unidade_chave:
        p.append(Problema("unidade", "escolha o Grupo Interinstitucional ou o Escritório Social"))
    else:
        try:
            u = unidades.obter(s, *_chave_para_tipo_id(d.unidade_chave))
        except NaoEncontrado:
            p.append(Problema("unidade", "unidade não encontrada: pode ter sido excluída"))
    data_exigida(p, "data", d.data, hoje, "informe a data em que o método foi aplicado")
    if d.metodo not in METODOS_QUALITATIVOS:
        p.append(Problema("método", "escolha entrevista, grupo focal, visita in loco ou análise documental"))
    if not (d.equipe or "").strip():
        p.append(Problema("equipe", "informe quem aplicou o método (nomes ou instituições)"))
    if not (d.achados or "").strip():
        p.append(Problema("achados", "descreva os achados"))
    for campo, rotulo, limite in _LIMITES:
        n = len((getattr(d, campo) or "").strip())
        if n > limite:
            p.append(Problema(rotulo, f"o texto tem {n} caracteres; o limite é {limite:,}".replace(",", ".")))
    if d.status_encaminhamento not in STATUS_ENCAMINHAMENTO:
        p.append(Problema("encaminhamento", "escolha pendente, em andamento, concluído ou não se aplica"))
    if d.prazo_encaminhamento is not None and d.data is not None and d.prazo_encaminhamento < d.data:
        p.append(
            Problema(
                "prazo do encaminhamento",
                f"o prazo ({d.prazo_encaminhamento:%d/%m/%Y}) não pode ser "
                f"anterior à data do registro ({d.data:%d/%m/%Y})",
            )
        )
    if d.ciclo_id is not None:
        c = s.get(CicloMonitoramento, d.ciclo_id)
        if c is None:
            p.append(Problema("ciclo", "ciclo não encontrado: pode ter sido excluído"))
        else:
            if d.data is not None and not (c.inicio <= d.data <= c.fim):
                p.append(
                    Problema(
                        "ciclo",
                        f"a data {d.data:%d/%m/%Y} está fora do ciclo “{c.nome}” "
                        f"({c.inicio:%d/%m/%Y} a {c.fim:%d/%m/%Y})",
                    )
                )
            if u is not None and TIPO_DA_META[c.meta_letra] != u.tipo:
                p.append(
                    Problema(
                        "ciclo",
                        f"o ciclo “{c.nome}” (meta {c.meta_letra}) é dos "
                        f"{ALVOS[TIPO_DA_META[c.meta_letra]]}; a unidade escolhida é um "
                        f"{ALVO_SINGULAR[u.tipo]}",
                    )
                )
    return p, u


def salvar_registro(
    ator: Usuario | None, dados: DadosRegistro, *, hoje: date, ident: int | None = None, versao: int | None = None
) -> RegistroQualitativo:
    """Inclui (sem `ident`) ou altera (com `ident` e a `versao` lida) um registro qualitativo.
    Com qualquer problema levanta `ErroValidacao` e nada é gravado."""
    acesso.exigir(ator, EDITAR)
    with sessao(ator) as s:
        p, u = _validar_registro(s, dados, hoje)
        if p:
            raise ErroValidacao(p)
        campos = dict(
            ciclo_id=dados.ciclo_id,
            data=dados.data,
            metodo=dados.metodo,
            equipe=dados.equipe.strip(),
            achados=dados.achados.strip(),
            recomendacoes=(dados.recomendacoes or "").strip(),
            status_encaminhamento=dados.status_encaminhamento,
            prazo_encaminhamento=dados.prazo_encaminhamento,
            **u.ids,
        )
        if ident is None:
            campos["registrado_por"] = ator.email
        return incluir_ou_alterar(s, RegistroQualitativo, campos, ident, versao, ROTULO_REGISTRO)


def excluir_registro(ator: Usuario | None, ident: int, versao: int) -> None:
    """Exclui o registro e os arquivos anexados a ele (tudo na trilha de auditoria)."""
    acesso.exigir(ator, EDITAR)
    with sessao(ator) as s:
        r = obter_para_edicao(s, RegistroQualitativo, ident, versao, ROTULO_REGISTRO)
        for ligacao in s.exec(select(AnexoRegistro).where(AnexoRegistro.registro_id == ident)).all():
            anexo = s.get(Anexo, ligacao.anexo_id)
            s.delete(ligacao)
            s.flush()
            if anexo is not None:
                s.delete(anexo)
        s.delete(r)
        gravar(s, ROTULO_REGISTRO)


# --- anexos -------------------------------------------------------------------------------------


def anexar(ator: Usuario | None, registro_id: int, arquivo: ArquivoEnviado | None) -> InfoAnexo:
    """Anexa um arquivo (relatório, ata, lista de presença, fotos) a um registro."""
    acesso.exigir(ator, EDITAR)
    p = [Problema("arquivo", "escolha um arquivo")] if arquivo is None else validar_arquivo(arquivo)
    with sessao(ator) as s:
        obter_na_sessao(
            s, RegistroQualitativo, registro_id, "Registro qualitativo não encontrado: pode ter sido excluído."
        )
        if p:
            raise ErroValidacao(p)
        a = guardar_anexo(s, arquivo)
        s.add(AnexoRegistro(registro_id=registro_id, anexo_id=a.id))
        gravar(s)
        return InfoAnexo(a.id, a.nome_arquivo, a.tipo_mime, a.tamanho, a.incluido_em)


def anexos(ator: Usuario | None, registro_id: int) -> list[InfoAnexo]:
    """Anexos do registro (sem o conteúdo), na ordem de inclusão."""
    obter_registro(ator, registro_id)
    with sessao(ator) as s:
        return _anexos(s, registro_id)


def _registro_do_anexo(s: Session, anexo_id: int) -> RegistroQualitativo:
    ligacao = s.exec(select(AnexoRegistro).where(AnexoRegistro.anexo_id == anexo_id)).first()
    r = s.get(RegistroQualitativo, ligacao.registro_id) if ligacao is not None else None
    if r is None:  # também para anexos de outras partes do sistema: aqui só os dos registros
        raise NaoEncontrado("Arquivo não encontrado.")
    return r


def obter_anexo(ator: Usuario | None, anexo_id: int) -> Anexo:
    """Arquivo anexado a um registro; o escopo é o da unidade do registro."""
    acesso.exigir_conta_ativa(ator)
    with sessao(ator) as s:
        r = _registro_do_anexo(s, anexo_id)
        _exigir_leitura_registro(ator, r)
        return s.get(Anexo, anexo_id)


def remover_anexo(ator: Usuario | None, anexo_id: int) -> None:
    acesso.exigir(ator, EDITAR)
    with sessao(ator) as s:
        _registro_do_anexo(s, anexo_id)
        ligacao = s.exec(select(AnexoRegistro).where(AnexoRegistro.anexo_id == anexo_id)).one()
        s.delete(ligacao)
        s.flush()
        s.delete(s.get(Anexo, anexo_id))
        gravar(s)


# --- resumos ------------------------------------------------------------------------------------


def _registros_no_escopo(s: Session, ator: Usuario | None) -> list[RegistroQualitativo]:
    stmt = select(RegistroQualitativo)
    propria = unidades.propria(ator)
    if propria is not None:
        stmt = _filtro_unidade(stmt, *propria)
    return list(s.exec(stmt))


def resumo_por_unidade(
    ator: Usuario | None, *, ciclo_id: int | None = None, tipo: str | None = None, hoje: date | None = None
) -> pd.DataFrame:
    """Uma linha por unidade visível (também as ainda sem registro: mostram a cobertura), com
    o número de registros, a data do último, os encaminhamentos pendentes (pendentes ou em
    andamento) e os em atraso. O ponto focal recebe só a própria unidade."""
    hoje = _hoje(hoje)
    colunas = ["Unidade", "Tipo", "UF", "Registros", "Último registro", "Encaminhamentos pendentes", "Em atraso"]
    with sessao(ator) as s:
        lista = unidades.visiveis(s, ator, VER, tipo)
        regs = [r for r in _registros_no_escopo(s, ator) if ciclo_id is None or r.ciclo_id == ciclo_id]
    por_unidade: dict[str, list[RegistroQualitativo]] = {}
    for r in regs:
        por_unidade.setdefault(unidades.chave_de(r.grupo_id, r.escritorio_id), []).append(r)
    linhas = []
    for u in lista:
        rs = por_unidade.get(u.chave, [])
        linhas.append(
            {
                "Unidade": u.nome,
                "Tipo": ALVO_SINGULAR[u.tipo],
                "UF": u.uf,
                "Registros": len(rs),
                "Último registro": max((r.data for r in rs), default=None),
                "Encaminhamentos pendentes": sum(r.status_encaminhamento in EM_ABERTO for r in rs),
                "Em atraso": sum(_em_atraso(r, hoje) for r in rs),
            }
        )
    df = pd.DataFrame(linhas, columns=colunas)
    return df.sort_values(
        ["Registros", "UF", "Unidade"], ascending=[False, True, True], kind="stable", ignore_index=True
    )


def resumo_por_ciclo(ator: Usuario | None, *, hoje: date | None = None) -> pd.DataFrame:
    """Uma linha por ciclo (e “Sem ciclo”, se houver registros avulsos), com os registros por
    método, as unidades alcançadas e os encaminhamentos pendentes e em atraso. O ponto focal
    recebe só a contagem da própria unidade."""
    hoje = _hoje(hoje)
    acesso.exigir(ator, VER)
    metodos = list(METODOS_QUALITATIVOS.values())
    colunas = [
        "id",
        "Ciclo",
        "Meta",
        "Início",
        "Fim",
        "Registros",
        "Unidades",
        *metodos,
        "Encaminhamentos pendentes",
        "Em atraso",
    ]
    with sessao(ator) as s:
        ciclos = sorted(_ciclos(s, ator), key=lambda c: (c.inicio, c.id))
        regs = _registros_no_escopo(s, ator)

    def linha(ident, nome, meta, inicio, fim, rs):
        return {
            "id": ident,
            "Ciclo": nome,
            "Meta": meta,
            "Início": inicio,
            "Fim": fim,
            "Registros": len(rs),
            "Unidades": len({unidades.chave_de(r.grupo_id, r.escritorio_id) for r in rs}),
            **{rot: sum(r.metodo == k for r in rs) for k, rot in METODOS_QUALITATIVOS.items()},
            "Encaminhamentos pendentes": sum(r.status_encaminhamento in EM_ABERTO for r in rs),
            "Em atraso": sum(_em_atraso(r, hoje) for r in rs),
        }

    linhas = [
        linha(c.id, c.nome, f"Meta {c.meta_letra}", c.inicio, c.fim, [r for r in regs if r.ciclo_id == c.id])
        for c in ciclos
    ]
    avulsos = [r for r in regs if r.ciclo_id is None]
    if avulsos:
        linhas.append(linha(None, "Sem ciclo", "—", None, None, avulsos))
    return pd.DataFrame(linhas, columns=colunas)
