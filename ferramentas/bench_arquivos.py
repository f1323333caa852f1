"""Benchmark dos arquivos maliciosos (issue #16; `manage.py bench --arquivos`): cada ataque do
issue, no tamanho do issue (célula de 50 MB, 1,5 GB de espaços, CSV de 10 MB, bomba de 1 GB...),
entregue ao caminho de leitura que o recebe na aplicação — importação de fluxos, de valores de
indicadores, entradas do Índice ou anexo —, cada um num processo novo. Imprime, por arquivo, o
desfecho (recusado, com o começo da mensagem, ou lido), o tempo e o crescimento da memória
residente (pico do processo durante a leitura menos o que ele tinha antes). Mede, não afirma: a
meta do issue (menos de 2 s e de 100 MB por arquivo) fica ao lado de cada linha."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ferramentas import arquivos_maliciosos as am

RAIZ = Path(__file__).resolve().parent.parent
META_SEGUNDOS = 2.0
META_MB = 100.0
UFS = (
    "AC AL AM AP BA CE DF ES GO MA MG MS MT PA PB PE PI PR RJ RN RO RR RS SC SE SP TO".split()
)  # o Índice confere as UFs; aqui sem banco


@dataclass(frozen=True)
class Caso:
    chave: str
    descricao: str
    alvo: str  # fluxos | indicadores | indice | anexo
    montar: Callable[[float], tuple[str, bytes]]  # recebe a escala (1 = tamanho do issue)


def _cabecalho_fluxos() -> list[str]:
    from dominio.recursos.importacao import CABECALHOS  # importação tardia: só ao montar o caso

    return CABECALHOS


def _indice_com_dimensao(_escala: float) -> tuple[str, bytes]:
    from dominio.funpen.servicos import modelo_planilha_indice  # importação tardia

    linhas = [r.split(";") for r in modelo_planilha_indice(list(UFS)).decode("utf-8-sig").splitlines()]
    return am.xlsx_dimensao_enorme(linhas[0], linhas[1:])


def _mb(escala: float, mb: int) -> int:
    return max(1, round(mb * escala))


CASOS = [
    Caso("dimensao_indice", "<dimension> A1:XFD1048576 no Índice", "indice", _indice_com_dimensao),
    Caso(
        "dimensao_fluxos",
        "<dimension> A1:XFD1048576 nos fluxos",
        "fluxos",
        lambda e: am.xlsx_dimensao_enorme(_cabecalho_fluxos(), [["x"] * 22] * 3),
    ),
    Caso(
        "celula_50mb_indice",
        "célula de 50 MB (XLSX de 52 KB) no Índice",
        "indice",
        lambda e: am.xlsx_celula_enorme(_mb(e, 50)),
    ),
    Caso(
        "celula_15mb_sem_compressao",
        "célula de 15 MB num XLSX sem compressão",
        "fluxos",
        lambda e: am.xlsx_celula_enorme(_mb(e, 15), compressao=zipfile.ZIP_STORED),
    ),
    Caso(
        "espacos_1500mb_fluxos",
        "1,5 GB de espaços (XLSX de 1,5 MB) — import fluxos",
        "fluxos",
        lambda e: am.xlsx_espacos(_mb(e, 1500)),
    ),
    Caso(
        "espacos_1500mb_indicadores",
        "1,5 GB de espaços (XLSX de 1,5 MB) — import indicadores",
        "indicadores",
        lambda e: am.xlsx_espacos(_mb(e, 1500)),
    ),
    Caso(
        "espacos_19mb_sem_compressao",
        "19 MB de espaços num XLSX sem compressão",
        "fluxos",
        lambda e: am.xlsx_espacos(_mb(e, 19), compressao=zipfile.ZIP_STORED),
    ),
    Caso(
        "espacos_fatiados",
        "espaços em fatias de 64 KB entre marcações vazias",
        "fluxos",
        lambda e: am.xlsx_espacos_fatiados(_mb(e, 250)),
    ),
    Caso(
        "celulas_900mil_numa_linha",
        "900 mil células numa linha (XLSX sem compressão)",
        "fluxos",
        lambda e: (
            "celulas_numa_linha.xlsx",
            am.xlsx_manual([b'<row r="1">' + b"<c><v>1</v></c>" * _mb(e, 900_000) + b"</row>"], compressao=0),
        ),
    ),
    Caso("linha_distante", "linha nº 2.000.000.000", "fluxos", lambda e: am.xlsx_linha_distante()),
    Caso("cantos", "células em A1 e XFD1048576 (grade de 17 bilhões)", "fluxos", lambda e: am.xlsx_cantos()),
    Caso("entidades", "bomba de entidades XML (billion laughs)", "fluxos", lambda e: am.xlsx_entidades()),
    Caso("csv_linha_10mb", "CSV de uma linha só com 10 MB", "fluxos", lambda e: am.csv_linha_unica(_mb(e, 10))),
    Caso("csv_separadores_10mb", "CSV de 10 MB de separadores", "fluxos", lambda e: am.csv_separadores(_mb(e, 10))),
    Caso("csv_aspas_10mb", "CSV de 10 MB com aspas abertas", "fluxos", lambda e: am.csv_aspas_abertas(_mb(e, 10))),
    Caso(
        "indice_codificacao",
        "CSV do Índice em codificação desconhecida",
        "indice",
        lambda e: am.csv_codificacao_desconhecida(),
    ),
    Caso("indice_utf16", "CSV do Índice em UTF-16", "indice", lambda e: am.csv_utf16()),
    Caso("tsv", "TSV com extensão .csv", "fluxos", lambda e: am.csv_tsv()),
    Caso("binario", "bytes aleatórios com extensão .csv", "fluxos", lambda e: am.csv_binario()),
    Caso("pdf_como_xlsx", "PDF com extensão .xlsx", "fluxos", lambda e: am.pdf_como_xlsx()),
    Caso("elf_como_pdf", "executável ELF renomeado .pdf (anexo)", "anexo", lambda e: am.elf_como_pdf()),
    Caso("zip_bomba_1gb", "ZIP com 1 GB de zeros (anexo)", "anexo", lambda e: am.zip_bomba(_mb(e, 1000))),
    Caso("docx_bomba_1gb", "DOCX com 1 GB de zeros (anexo)", "anexo", lambda e: am.zip_bomba(_mb(e, 1000), "ata.docx")),
]


# --- no processo filho --------------------------------------------------------------------------


def _status_kb(campo: str) -> int | None:
    try:
        for linha in Path("/proc/self/status").read_text().splitlines():
            if linha.startswith(campo + ":"):
                return int(linha.split()[1])
    except OSError:
        return None
    return None


def _zerar_pico() -> bool:
    """Zera o pico de memória residente do processo (VmHWM), no Linux."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _ler(alvo: str, nome: str, conteudo: bytes) -> str:
    """Entrega o arquivo ao caminho de leitura do `alvo`; devolve o desfecho em uma linha."""
    from core.erros import ErroValidacao  # importação tardia: no processo filho

    try:
        if alvo in ("fluxos", "indicadores"):
            from dominio.recursos.importacao import ler_arquivo  # importação tardia

            linhas = ler_arquivo(nome, conteudo, aba="Fluxos" if alvo == "fluxos" else "Valores")
            return f"lido: {len(linhas)} linhas"
        if alvo == "indice":
            from dominio.funpen.servicos import ler_planilha_indice  # importação tardia

            entrada = ler_planilha_indice(conteudo, nome, set(UFS))
            return f"lido: {len(entrada.valores)} UFs"
        from comum.anexos import ArquivoEnviado, validar_arquivo  # importação tardia

        problemas = validar_arquivo(ArquivoEnviado(nome, conteudo))
        if not problemas:
            return "aceito"
        raise ErroValidacao(problemas)
    except ErroValidacao as exc:
        return f"recusado: {exc.problemas[0]}"


def medir_no_processo(alvo: str, caminho: str) -> dict:
    """A medição de um arquivo, no processo atual (novo): aquece o caminho de leitura com um
    arquivo bom (imports tardios), zera o pico de memória e lê o arquivo."""
    conteudo = Path(caminho).read_bytes()
    _ler(alvo, "aquecimento.csv", b"a;b\n1;2\n")
    _ler(alvo, "aquecimento.xlsx", am.xlsx_manual([am.linha_xml(1, ["a", "b"])]))
    zerou = _zerar_pico()
    antes = _status_kb("VmRSS")
    t0 = time.perf_counter()
    desfecho = _ler(alvo, Path(caminho).name, conteudo)
    segundos = time.perf_counter() - t0
    pico = _status_kb("VmHWM") if zerou else None
    crescimento = (pico - antes) / 1024 if pico is not None and antes is not None else None
    return {"segundos": segundos, "rss_mb": crescimento, "desfecho": desfecho}


# --- no processo principal ----------------------------------------------------------------------


def executar_bench_arquivos(
    *, escala: float = 1.0, casos: list[str] | None = None, imprimir: Callable[[str], None] = print
) -> list[dict]:
    """Monta cada arquivo (em `escala` do tamanho do issue), mede-o num processo novo e imprime a
    tabela; devolve as linhas (caso, arquivo, KB, alvo, desfecho, segundos, rss_mb)."""
    escolhidos = [c for c in CASOS if casos is None or c.chave in casos]
    resultado = []
    imprimir(cabecalho_markdown())
    with tempfile.TemporaryDirectory(prefix="bench_arquivos_") as pasta:
        for caso in escolhidos:
            nome, conteudo = caso.montar(escala)
            caminho = Path(pasta) / nome
            caminho.write_bytes(conteudo)
            del conteudo
            proc = subprocess.run(
                [sys.executable, "-m", "ferramentas.bench_arquivos", caso.alvo, str(caminho)],
                cwd=RAIZ,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=600,
            )
            if proc.returncode != 0:
                medida = {"segundos": None, "rss_mb": None, "desfecho": f"falhou: {proc.stderr.strip()[-300:]}"}
            else:
                medida = json.loads(proc.stdout.strip().splitlines()[-1])
            linha = {
                "caso": caso.chave,
                "descricao": caso.descricao,
                "arquivo": nome,
                "kb": caminho.stat().st_size / 1024,
                "alvo": caso.alvo,
                **medida,
            }
            caminho.unlink()
            resultado.append(linha)
            imprimir(_linha_markdown(linha))
    imprimir(_resumo(resultado))
    return resultado


def _num(v: float | None, casas: int) -> str:
    return "—" if v is None else f"{v:,.{casas}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _linha_markdown(r: dict) -> str:
    ok = r["segundos"] is not None and r["segundos"] < META_SEGUNDOS and (r["rss_mb"] or 0) < META_MB
    desfecho = r["desfecho"][:110] + ("…" if len(r["desfecho"]) > 110 else "")
    return (
        f"| {r['descricao']} | {r['alvo']} | {_num(r['kb'], 0)} KB | {_num(r['segundos'], 3)} s | "
        f"{_num(r['rss_mb'], 1)} MB | {'✅' if ok else '❌'} | {desfecho} |"
    )


def cabecalho_markdown() -> str:
    return (
        f"| arquivo | caminho | tamanho | tempo | RSS (crescimento) | meta (< {_num(META_SEGUNDOS, 0)} s e "
        f"< {_num(META_MB, 0)} MB) | desfecho |\n|---|---|---|---|---|---|---|"
    )


def _resumo(linhas: list[dict]) -> str:
    tempos = [r["segundos"] for r in linhas if r["segundos"] is not None]
    rss = [r["rss_mb"] for r in linhas if r["rss_mb"] is not None]
    return (
        f"\n{len(linhas)} arquivo(s); maior tempo {_num(max(tempos, default=None), 3)} s; "
        f"maior crescimento da memória {_num(max(rss, default=None), 1)} MB."
    )


if __name__ == "__main__":  # o processo filho: python -m ferramentas.bench_arquivos ALVO CAMINHO
    print(json.dumps(medir_no_processo(sys.argv[1], sys.argv[2]), ensure_ascii=False))
