"""Relógio único (`core.relogio`): hoje e agora em Brasília, agora em UTC para gravar,
congelamento para os testes — e nenhum outro módulo lê o relógio do servidor."""

from __future__ import annotations

import ast
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from core import relogio
from models.usuarios import RegistroAuditoria

RAIZ = Path(__file__).resolve().parent.parent.parent
FONTES = ["core", "comum", "dominio", "ui", "paginas", "demo", "ferramentas", "models", "manage.py", "app.py"]
MENOS_TRES_HORAS = timedelta(hours=-3)


def test_de_madrugada_em_utc_brasilia_ainda_esta_no_dia_anterior():
    with relogio.congelar(datetime(2027, 3, 1, 2, 30, tzinfo=UTC)):
        assert relogio.hoje() == date(2027, 2, 28)
        assert relogio.agora().replace(tzinfo=None) == datetime(2027, 2, 28, 23, 30)
        assert relogio.agora_utc() == datetime(2027, 3, 1, 2, 30, tzinfo=UTC)
    with relogio.congelar(datetime(2027, 3, 1, 3, 0, tzinfo=UTC)):
        assert relogio.hoje() == date(2027, 3, 1), "às 03:00 UTC já é meia-noite em Brasília"


def test_agora_tem_fuso_de_brasilia_e_agora_utc_tem_fuso_utc():
    a, u = relogio.agora(), relogio.agora_utc()
    assert a.tzinfo is not None and a.utcoffset() == MENOS_TRES_HORAS
    assert a.isoformat().endswith("-03:00")
    assert u.tzinfo is not None and u.utcoffset() == timedelta(0)
    assert abs(u - a) < timedelta(seconds=5), "são o mesmo instante, em fusos diferentes"
    assert relogio.hoje() == a.date()


def test_congelar_para_o_relogio_e_e_desfeito_ao_sair():
    momento = datetime(2030, 6, 15, 12, 0, tzinfo=UTC)
    with relogio.congelar(momento) as congelado:
        assert congelado == momento
        assert relogio.agora_utc() == momento and relogio.agora() == momento
        assert relogio.hoje() == date(2030, 6, 15)
        vistos: list[date] = []
        t = threading.Thread(target=lambda: vistos.append(relogio.hoje()))
        t.start()
        t.join()
        assert vistos == [date(2030, 6, 15)], "as páginas rodam em outra thread e veem o relógio congelado"
        assert RegistroAuditoria(acao="inclusao", entidade="teste", entidade_id="1").momento == momento, (
            "o que se grava também congela"
        )
    assert relogio.agora_utc().year != 2030 and abs(relogio.agora_utc() - datetime.now(UTC)) < timedelta(seconds=5)


def test_congelar_e_desfeito_mesmo_com_excecao_e_aninhado_restaura_o_de_fora():
    de_fora = datetime(2028, 1, 10, 15, 0, tzinfo=UTC)
    with relogio.congelar(de_fora):
        with pytest.raises(RuntimeError), relogio.congelar(datetime(2029, 1, 1, 15, 0, tzinfo=UTC)):
            assert relogio.hoje() == date(2029, 1, 1)
            raise RuntimeError("falha dentro do bloco")
        assert relogio.agora_utc() == de_fora
    assert abs(relogio.agora_utc() - datetime.now(UTC)) < timedelta(seconds=5), "o relógio voltou a andar"


def test_congelar_le_data_e_data_hora_sem_fuso_como_horario_de_brasilia():
    with relogio.congelar(date(2027, 2, 28)):
        assert relogio.hoje() == date(2027, 2, 28)
        assert relogio.agora_utc() == datetime(2027, 2, 28, 15, 0, tzinfo=UTC)
    with relogio.congelar(datetime(2027, 2, 28, 23, 30)):
        assert relogio.hoje() == date(2027, 2, 28)
        assert relogio.agora_utc() == datetime(2027, 3, 1, 2, 30, tzinfo=UTC)


def _leituras_do_relogio_do_servidor(arquivo: Path, raiz: Path = RAIZ) -> list[str]:
    """Chamadas a `date.today()`, `datetime.today()`, `datetime.utcnow()` e `datetime.now()` sem fuso."""
    achados = []
    for no in ast.walk(ast.parse(arquivo.read_text("utf-8"), str(arquivo))):
        if not (isinstance(no, ast.Call) and isinstance(no.func, ast.Attribute)):
            continue
        dono = no.func.value
        nome_dono = dono.id if isinstance(dono, ast.Name) else dono.attr if isinstance(dono, ast.Attribute) else None
        if nome_dono not in ("date", "datetime"):
            continue
        metodo = no.func.attr
        if metodo in ("today", "utcnow") or (metodo == "now" and not no.args and not no.keywords):
            achados.append(f"{arquivo.relative_to(raiz)}:{no.lineno} {nome_dono}.{metodo}()")
    return achados


def test_nenhum_modulo_fora_do_relogio_le_o_relogio_do_servidor():
    arquivos = []
    for nome in FONTES:
        caminho = RAIZ / nome
        arquivos += sorted(caminho.rglob("*.py")) if caminho.is_dir() else [caminho]
    arquivos = [a for a in arquivos if a != RAIZ / "core" / "relogio.py"]
    assert len(arquivos) > 50 and RAIZ / "paginas" / "plano.py" in arquivos, "a varredura acha o código"
    achados = [a for arquivo in arquivos for a in _leituras_do_relogio_do_servidor(arquivo)]
    assert achados == [], "use core.relogio (hoje, agora, agora_utc): " + ", ".join(achados)


def test_a_varredura_acha_as_leituras_proibidas(tmp_path):
    amostra = tmp_path / "amostra.py"
    amostra.write_text(
        "import datetime as dt\nfrom datetime import UTC, date, datetime\n"
        "a = date.today()\nb = datetime.now()\nc = dt.datetime.utcnow()\nd = datetime.today()\n"
        "e = datetime.now(UTC)\nf = datetime.now(tz=UTC)\n",
        "utf-8",
    )
    achados = [a.split(" ", 1)[1] for a in _leituras_do_relogio_do_servidor(amostra, tmp_path)]
    assert achados == ["date.today()", "datetime.now()", "datetime.utcnow()", "datetime.today()"]
