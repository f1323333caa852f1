"""Freio de entradas (issue #16): esperas crescentes por conta, por endereço e pelos dois, no banco;
nenhuma trava que um atacante dispare contra o administrador; mesma resposta para e-mail
desconhecido e senha errada (conferida contra um hash fictício)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher

from core import relogio
from core.config import Config
from dominio.usuarios import servicos as usuarios
from dominio.usuarios import tentativas
from dominio.usuarios.servicos import EsperaLogin, FalhaLogin
from models.usuarios import TentativaLogin
from tests.apoio.banco import contar

INICIO = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
ADMIN, SENHA_ADMIN = "admin@demo.pnat.jus.br", "Demo-Gestao-2023"
CASA, ATACANTE = "10.0.0.1", "203.0.113.66"


def _cfg(**kw) -> Config:
    return Config(_env_file=None, **kw)


def _tentar(email: str, senha: str, endereco: str, momento: datetime):
    """`autenticar` com o relógio parado em `momento`; devolve o usuário ou a exceção."""
    with relogio.congelar(momento):
        try:
            return usuarios.autenticar(email, senha, endereco)
        except FalhaLogin as exc:
            return exc


def _errar_ate_esperar(email: str, endereco: str, momento: datetime, vezes: int) -> datetime:
    """`vezes` senhas erradas, cada uma logo depois de acabar a espera pedida; devolve o instante final."""
    for _ in range(vezes):
        r = _tentar(email, "senha-errada-de-proposito", endereco, momento)
        if isinstance(r, EsperaLogin):
            momento += timedelta(seconds=r.segundos)
            r = _tentar(email, "senha-errada-de-proposito", endereco, momento)
        assert type(r) is FalhaLogin, r
        momento += timedelta(milliseconds=10)
    return momento


def test_espera_cresce_em_dobro_ate_o_maximo():
    assert [tentativas.espera_por_falhas(n, 5, 300) for n in range(4, 16)] == [
        0,
        1,
        2,
        4,
        8,
        16,
        32,
        64,
        128,
        256,
        300,
        300,
    ]
    assert tentativas.espera_por_falhas(10_000, 5, 300) == 300


def test_endereco_do_cliente_pela_conexao_ou_pelo_proxy_confiavel():
    assert tentativas.endereco_do_cliente("198.51.100.7", {"X-Forwarded-For": "1.2.3.4"}, _cfg()) == "198.51.100.7"
    assert tentativas.endereco_do_cliente(None, {}, _cfg()) == tentativas.SEM_ENDERECO
    atras = _cfg(endereco_cliente_cabecalho="X-Forwarded-For")
    # o cliente inventa “6.6.6.6”; o proxy acrescenta o endereço que viu: vale o último
    assert tentativas.endereco_do_cliente("127.0.0.1", {"X-Forwarded-For": "6.6.6.6, 198.51.100.7"}, atras) == (
        "198.51.100.7"
    )
    dois = _cfg(endereco_cliente_cabecalho="X-Forwarded-For", proxies_confiaveis=2)
    assert tentativas.endereco_do_cliente(None, {"X-Forwarded-For": "6.6.6.6, 198.51.100.7, 10.0.0.2"}, dois) == (
        "198.51.100.7"
    )
    # cabeçalho ausente (acesso que não passou pelo proxy): o endereço da conexão
    assert tentativas.endereco_do_cliente("10.9.9.9", {}, atras) == "10.9.9.9"


def test_email_desconhecido_e_senha_errada_respondem_igual(banco_limpo, monkeypatch):
    """Ataque do issue #16: a mensagem dizia se o e-mail tinha conta. Agora a mesma exceção, a mesma
    mensagem, uma conferência Argon2 em cada caso (a do desconhecido contra o hash fictício) e o
    mesmo freio: a 6ª tentativa pede a mesma espera."""
    conferidos: list[str] = []
    original = PasswordHasher.verify

    def espiao(self, hash_, senha):
        conferidos.append(hash_)
        return original(self, hash_, senha)

    monkeypatch.setattr(PasswordHasher, "verify", espiao)
    respostas = {}
    for email in ("dmf@demo.pnat.jus.br", "ninguem@exemplo.gov.br"):
        conferidos.clear()
        r = [_tentar(email, "errada-mas-longa-1", CASA, INICIO + timedelta(milliseconds=100 * i)) for i in range(6)]
        respostas[email] = [(type(x).__name__, str(x)) for x in r]
        assert len(conferidos) == 5 and all(h.startswith("$argon2id$") for h in conferidos)
    assert respostas["dmf@demo.pnat.jus.br"] == respostas["ninguem@exemplo.gov.br"]
    assert respostas["dmf@demo.pnat.jus.br"][0] == ("FalhaLogin", "E-mail ou senha incorretos.")
    assert respostas["dmf@demo.pnat.jus.br"][5][0] == "EsperaLogin"


def test_senha_certa_depois_da_espera_entra_sem_bloqueio(banco_limpo):
    """Cinco falhas não trancam a conta por 15 minutos: pedem 1 s, 2 s… e a senha certa entra
    assim que a espera acaba."""
    fim = _errar_ate_esperar("dmf@demo.pnat.jus.br", CASA, INICIO, 6)
    r = _tentar("dmf@demo.pnat.jus.br", "Demo-Dmf-2023", CASA, fim)
    assert isinstance(r, EsperaLogin) and r.segundos == 2
    assert "Aguarde 2 segundos" in str(r)
    u = _tentar("dmf@demo.pnat.jus.br", "Demo-Dmf-2023", CASA, fim + timedelta(seconds=2))
    assert u.email == "dmf@demo.pnat.jus.br"
    assert contar(TentativaLogin, TentativaLogin.sucesso == False) == 6  # noqa: E712 - no banco: vale entre réplicas


def test_atacante_nao_tranca_o_administrador_fora(banco_limpo):
    """Ataque do issue #16: cinco senhas erradas de qualquer um trancavam o administrador por 15
    minutos. Agora, depois de 40 falhas de um atacante, o administrador entra na hora do endereço
    de onde já entrou, e de um endereço novo espera no máximo `LOGIN_ESPERA_MAXIMA_SEGUNDOS`."""
    assert _tentar(ADMIN, SENHA_ADMIN, CASA, INICIO - timedelta(days=3)).email == ADMIN
    fim = _errar_ate_esperar(ADMIN, ATACANTE, INICIO, 40)
    assert isinstance(_tentar(ADMIN, "outra-errada-123", ATACANTE, fim), EsperaLogin)  # o atacante espera
    assert _tentar(ADMIN, SENHA_ADMIN, CASA, fim).email == ADMIN  # o administrador, não
    fim = _errar_ate_esperar(ADMIN, ATACANTE, fim + timedelta(minutes=5), 10)
    r = _tentar(ADMIN, SENHA_ADMIN, "198.51.100.20", fim)
    assert isinstance(r, EsperaLogin) and r.segundos <= 300
    assert _tentar(ADMIN, SENHA_ADMIN, "198.51.100.20", fim + timedelta(seconds=r.segundos)).email == ADMIN


def test_um_endereco_que_erra_em_muitas_contas_espera(banco_limpo):
    """Senhas tentadas em muitas contas (existentes ou não) a partir de um endereço: depois de
    `LOGIN_FALHAS_SEM_ESPERA_ENDERECO` falhas, o endereço espera, em qualquer conta; outro endereço não."""
    for i in range(20):
        r = _tentar(f"pessoa{i}@exemplo.gov.br", "errada-mas-longa-1", ATACANTE, INICIO + timedelta(seconds=i))
        assert type(r) is FalhaLogin
    logo = INICIO + timedelta(seconds=19.5)
    assert isinstance(_tentar("dmf@demo.pnat.jus.br", "Demo-Dmf-2023", ATACANTE, logo), EsperaLogin)
    assert _tentar("dmf@demo.pnat.jus.br", "Demo-Dmf-2023", CASA, logo).papel == "dmf"


def test_redefinir_a_senha_acaba_com_a_espera(demo_usuarios, banco_limpo):
    fim = _errar_ate_esperar("dmf@demo.pnat.jus.br", CASA, INICIO, 7)
    assert isinstance(_tentar("dmf@demo.pnat.jus.br", "Demo-Dmf-2023", CASA, fim), EsperaLogin)
    usuarios.definir_senha(demo_usuarios["admin"], demo_usuarios["dmf"].id, "Outra-Frase-Longa-7")
    assert _tentar("dmf@demo.pnat.jus.br", "Outra-Frase-Longa-7", CASA, fim).papel == "dmf"


def test_sem_endereco_nao_ha_medida_por_endereco(banco_limpo):
    """Sem endereço do cliente (conexões locais, proxy sem `ENDERECO_CLIENTE_CABECALHO`), todos parecem
    o mesmo cliente: falhas em muitas contas não atrasam as outras contas."""
    sem = tentativas.SEM_ENDERECO
    for i in range(25):
        r = _tentar(f"pessoa{i}@exemplo.gov.br", "errada-mas-longa-1", sem, INICIO + timedelta(milliseconds=i))
        assert type(r) is FalhaLogin
    assert _tentar("dmf@demo.pnat.jus.br", "Demo-Dmf-2023", sem, INICIO + timedelta(seconds=1)).papel == "dmf"
