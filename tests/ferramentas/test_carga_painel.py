"""A ferramenta de carga da versão leve do painel (`ferramentas/carga_painel.py`, issue #19 item 1).

O cliente fala HTTP/1.1 direto no socket: estes testes conferem que ele lê respostas com
Content-Length e em partes, recusa o que não é HTTP, só vai a endereços locais e, contra o
servidor real (`uvicorn asgi:app`), conta requisições sem erros e lê a memória do processo.
Não afirmam tempos: a máquina é compartilhada."""

from __future__ import annotations

import asyncio

import pytest

from ferramentas.carga_painel import RespostaInvalida, executar_carga_painel, ler_resposta, medir_painel


def _ler(bruto: bytes):
    async def ler():
        leitor = asyncio.StreamReader()
        leitor.feed_data(bruto)
        leitor.feed_eof()
        return await ler_resposta(leitor)

    return asyncio.run(ler())


def test_le_resposta_com_content_length():
    bruto = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Encoding: gzip\r\n\r\nabcde"
    assert _ler(bruto) == (200, 5, True)


def test_le_resposta_em_partes_e_connection_close():
    bruto = b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
    assert _ler(bruto) == (404, 5, False)


@pytest.mark.parametrize(
    "bruto",
    [
        b"SSH-2.0-OpenSSH\r\n\r\n",
        b"HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nX-Nada: 1\r\n\r\n",  # sem tamanho nem partes
    ],
)
def test_recusa_o_que_nao_e_resposta_http(bruto):
    with pytest.raises(RespostaInvalida):
        _ler(bruto)


def test_corpo_incompleto_e_erro_de_leitura():
    with pytest.raises(asyncio.IncompleteReadError):
        _ler(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")


def test_so_vai_a_enderecos_locais():
    with pytest.raises(ValueError, match="só vai a 127.0.0.1 ou localhost"):
        medir_painel("http://exemplo.gov.br:8501", clientes=1, duracao_s=0.1)


def test_carga_contra_o_servidor_real(banco_limpo, capsys):
    """Sobe `uvicorn asgi:app` com a demonstração (painel publicado), martela /painel por 2 s com 20
    clientes e confere as contas: requisições respondidas sem erro, bytes gzip por resposta, CPU e
    memória do processo do servidor lidas, resumo em português."""
    r = executar_carga_painel(url_banco=banco_limpo, clientes=20, duracao_s=2.0)
    assert r["erros"] == 0
    assert r["requisicoes"] > 20  # cada cliente respondeu mais de uma vez pela mesma conexão
    assert r["req_por_s"] > 0 and r["p95_ms"] >= r["mediana_ms"] > 0
    assert 1_000 < r["bytes_por_resposta"] < 200_000  # a página comprimida, não um erro curto
    assert r["rss_antes_mb"] > 0 and r["rss_depois_mb"] > 0
    assert r["cpu_servidor_ms_por_req"] > 0
    saida = capsys.readouterr().out
    assert "requisições:" in saida and "por segundo" in saida and "memória do servidor (RSS)" in saida
