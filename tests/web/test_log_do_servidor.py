"""O log do servidor como o operador o lê, com `uvicorn asgi:app` de verdade (o que o `manage.py run`
inicia, com o registro dos pedidos): cada pedido numa linha só, e nenhum aviso do Streamlit em
inglês na partida."""

from __future__ import annotations

import re
import urllib.request

from tests.apoio.navegador import servidor_rodando


def test_cada_pedido_uma_vez_no_log_e_a_partida_sem_aviso_em_ingles(banco_limpo, tmp_path):
    log = tmp_path / "servidor.log"
    with servidor_rodando(banco_limpo, log, modo_demo=True, acessos_no_log=True) as base:
        for _ in range(3):
            with urllib.request.urlopen(f"{base}/saude", timeout=30) as resposta:
                assert resposta.status == 200
    texto = log.read_text(encoding="utf-8", errors="replace")
    pedidos = [linha for linha in texto.splitlines() if '"GET /saude' in linha]
    # servidor_rodando também pede /saude enquanto espera o servidor subir: pelo menos os três daqui
    assert len(pedidos) >= 3, texto[-2000:]
    # cada pedido vem de uma conexão nova: o endereço e a porta do cliente o identificam
    clientes = [re.search(r"127\.0\.0\.1:\d+", linha).group() for linha in pedidos]
    assert len(clientes) == len(set(clientes)), "o mesmo pedido duas vezes no log:\n" + "\n".join(pedidos)
    assert texto.count("Application startup complete") == 1, texto[-2000:]
    assert "No runtime found" not in texto, texto[:2000]
