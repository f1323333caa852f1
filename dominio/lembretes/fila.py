"""A caixa de saída dos e-mails: incluir uma mensagem uma vez só (chave única usuário, tipo,
referência, data) e o aviso de decisão que a revisão dos indicadores deixa na mesma transação em
que muda a situação do envio. O envio pelo SMTP está em `dominio.lembretes.servicos`."""

from __future__ import annotations

from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from dominio.lembretes.regras import AVISO_DA_SITUACAO, marcar_link, texto_livre
from models.lembretes import MensagemEmail
from models.usuarios import Usuario


def existe(s: Session, usuario_id: int, tipo: str, referencia: str, data: date) -> bool:
    return (
        s.exec(
            select(MensagemEmail.id).where(
                MensagemEmail.usuario_id == usuario_id,
                MensagemEmail.tipo == tipo,
                MensagemEmail.referencia == referencia,
                MensagemEmail.data == data,
            )
        ).first()
        is not None
    )


def enfileirar(s: Session, m: MensagemEmail) -> bool:
    """Inclui `m` na caixa de saída se ainda não há mensagem com a mesma chave; devolve se incluiu.
    Duas execuções ao mesmo tempo: a chave única recusa a segunda (num ponto de salvamento, sem
    desfazer o resto da transação)."""
    if existe(s, m.usuario_id, m.tipo, m.referencia, m.data):
        return False
    try:
        with s.begin_nested():
            s.add(m)
    except IntegrityError:
        return False
    return True


def pontos_focais(s: Session, unidade_chave: str) -> list[Usuario]:
    """Contas ativas de ponto focal da unidade (“g:<id>” ou “e:<id>”)."""
    letra, _, ident = unidade_chave.partition(":")
    coluna = Usuario.grupo_id if letra == "g" else Usuario.escritorio_id
    return list(
        s.exec(
            select(Usuario)
            .where(Usuario.papel == "ponto_focal", coluna == int(ident), Usuario.ativo.is_(True))
            .order_by(Usuario.id)
        )
    )


def avisar_decisao(
    s: Session,
    *,
    envio_id: int,
    envio_versao: int,
    unidade_chave: str,
    unidade_nome: str,
    periodo_id: int,
    periodo_rotulo: str,
    para_status: str,
    comentario: str,
    hoje: date,
) -> int:
    """Deixa na caixa de saída, para cada ponto focal ativo da unidade, o aviso de que o envio foi
    devolvido (com o comentário de quem revisou) ou aprovado. Chamado pelo serviço da revisão na
    mesma transação da mudança de situação: se ela for desfeita, o aviso também é. A referência leva
    a versão do envio, que muda a cada decisão: duas devoluções no mesmo dia são dois avisos."""
    tipo = AVISO_DA_SITUACAO.get(para_status)
    if tipo is None:
        return 0
    caminho = f"/coleta?periodo={periodo_id}"
    marcar_link(caminho)  # confere o formato do link
    nome, periodo = texto_livre(unidade_nome), texto_livre(periodo_rotulo)
    if tipo == "devolvido":
        assunto = f"Envio devolvido para correção: {periodo}"
        corpo = (
            f"Os valores dos indicadores de {nome} em {periodo} foram devolvidos para correção.\n\n"
            f"Comentário de quem revisou:\n{texto_livre(comentario.strip())}\n\n"
            "Corrija os valores e envie de novo pela página Coleta."
        )
    else:
        assunto = f"Envio aprovado: {periodo}"
        corpo = (
            f"Os valores dos indicadores de {nome} em {periodo} foram aprovados pela Comissão do CNMP e estão travados."
        )
    n = 0
    for u in pontos_focais(s, unidade_chave):
        n += enfileirar(
            s,
            MensagemEmail(
                usuario_id=u.id,
                tipo=tipo,
                referencia=f"envio:{envio_id}:v{envio_versao}",
                data=hoje,
                assunto=assunto[:200],
                corpo=corpo[:20_000],
                caminho=caminho,
            ),
        )
    return n
