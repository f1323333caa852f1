"""O que envolve toda página, e não uma página só: a sessão de quem entrou (cookie, login e saída,
para onde voltar) e a proteção do roteador (esquema do banco na partida, erro interno convertido
numa mensagem em pt-BR com referência no log)."""
