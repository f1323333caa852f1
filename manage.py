#!/usr/bin/env python3
"""Linha de comando do operador. Use `python manage.py --help`.

Códigos de saída: 0 sucesso; 1 erro de dados ou de negócio (mensagem em pt-BR);
2 uso incorreto do comando.

Cada comando importa dentro da própria função o que usa (linhas marcadas “importação tardia”):
`--help`, os erros de uso e os comandos simples não pagam a carga do Streamlit, do SQLAlchemy,
dos modelos e das ferramentas (segundos numa máquina carregada).
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from dataclasses import fields
from pathlib import Path
from typing import NoReturn

from demo.tamanhos import Tamanhos

# --- argparse em português ----------------------------------------------------
_TRADUCOES = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos posicionais",
    "options": "opções",
    "show this help message and exit": "mostra esta ajuda e sai",
    "the following arguments are required: %s": "faltam os argumentos obrigatórios: %s",
    "unrecognized arguments: %s": "argumentos não reconhecidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "opção inválida: %(value)r (escolha entre %(choices)s)",
    "expected one argument": "esperava um valor",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: erro: %(message)s\n",
    "invalid %(type)s value: %(value)r": "valor %(type)s inválido: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "opção ambígua: %(option)s pode ser %(matches)s",
    "not allowed with argument %s": "não pode ser usado com o argumento %s",
    "one of the arguments %s is required": "um dos argumentos %s é obrigatório",
}
argparse._ = lambda s: _TRADUCOES.get(s, s)  # argparse usa gettext; traduzimos as mensagens comuns


def _silenciar_streamlit() -> None:
    """Fora do servidor, o cache do Streamlit avisa que não há runtime: irrelevante na CLI."""
    import streamlit  # noqa: F401 - configura os loggers dele primeiro (importação tardia)

    for nome in ("streamlit", "streamlit.runtime.caching.cache_data_api"):
        logging.getLogger(nome).setLevel(logging.ERROR)


def _erro(msg: str) -> int:
    print(f"erro: {msg}", file=sys.stderr)
    return 1


def _com_detalhe(exc) -> str:
    """A mensagem de `EsquemaDesatualizado` e, para o operador, o detalhe (URL sem senha, erro do driver)."""
    detalhe = getattr(exc, "detalhe", None)
    return f"{exc} (detalhe: {detalhe})" if detalhe else str(exc)


def _ler_senha(args) -> str | None:
    if getattr(args, "senha_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise SystemExit(
            _erro("sem terminal para digitar a senha: use --senha-stdin e envie a senha pela entrada padrão")
        )
    senha = getpass.getpass("Senha: ")
    if senha != getpass.getpass("Repita a senha: "):
        raise SystemExit(_erro("as senhas digitadas são diferentes; nada foi gravado"))
    return senha


# --- comandos -----------------------------------------------------------------


def cmd_db_upgrade(args) -> int:
    from sqlalchemy.engine import make_url  # importação tardia

    from core.banco import url_atual  # importação tardia
    from core.esquema import atualizar_esquema, revisao_atual  # importação tardia

    atualizar_esquema()
    print(f"Banco {make_url(url_atual()).render_as_string(hide_password=True)} na revisão {revisao_atual()}.")
    return 0


def cmd_db_check(args) -> int:
    from core.esquema import EsquemaDesatualizado, revisao_atual, verificar_esquema  # importação tardia

    try:
        verificar_esquema()
    except EsquemaDesatualizado as exc:
        return _erro(_com_detalhe(exc))
    print(f"Esquema em dia (revisão {revisao_atual()}).")
    return 0


def cmd_reference_load(args) -> int:
    from dominio.cadastros.referencia import carregar_referencia  # importação tardia

    n = carregar_referencia()
    print(
        f"Referência carregada: {n['uf']} UF(s) e {n['municipio']} município(s) incluídos; do acordo e do Plano de "
        f"Trabalho, {n['metas']} meta(s), {n['etapas']} etapa(s), {n['obrigacoes']} obrigação(ões) e "
        f"{n['atividades']} atividade(s) do ano 1 (os já existentes foram mantidos)."
    )
    return 0


def cmd_reference_municipio(args) -> int:
    from dominio.cadastros.referencia import incluir_municipio  # importação tardia

    m = incluir_municipio(None, args.codigo, args.nome, args.uf, sistema=True)
    print(f"Município {m.nome}/{m.uf_sigla} ({m.codigo_ibge}) incluído.")
    return 0


def cmd_demo_load(args) -> int:
    from demo.demonstracao import USUARIOS_DEMO, carregar_demo, exigir_modo_demo  # importação tardia
    from dominio.cadastros.referencia import carregar_referencia  # importação tardia

    exigir_modo_demo()  # antes de gravar a referência: fora do modo de demonstração nada é gravado
    carregar_referencia()
    n = carregar_demo()
    rotulos = {
        "grupos": "Grupos Interinstitucionais",
        "escritorios": "Escritórios Sociais",
        "fundos": "Fundos Municipais",
        "usuarios": "usuários",
    }
    print(
        "Dados de demonstração incluídos agora: "
        + ", ".join(f"{v} {rotulos.get(k, k)}" for k, v in n.items())
        + " (o que já existia foi mantido)."
    )
    print("Contas de demonstração (mude as senhas antes de expor o sistema):")
    for u in USUARIOS_DEMO:
        print(f"  {u.papel:<12} {u.email:<42} senha: {u.senha}")
    return 0


def cmd_demo_escala(args) -> int:
    """Gera os dados de escala nacional (issue #8). Não cria contas com senha: não exige MODO_DEMO."""
    from core.esquema import atualizar_esquema  # importação tardia
    from demo.escala import com_fator, gerar_escala, ja_gerado, validar_tamanhos  # importação tardia
    from dominio.cadastros.referencia import carregar_referencia  # importação tardia

    t = Tamanhos(**{campo.name: getattr(args, campo.name) for campo in fields(Tamanhos)})  # opção = campo
    t = com_fator(t, args.fator)
    validar_tamanhos(t)  # antes de gravar qualquer coisa, nem o esquema
    atualizar_esquema()
    if ja_gerado() is None:
        carregar_referencia()
    gerar_escala(t, progresso=lambda msg: print(msg, flush=True))
    return 0


def _escopo(texto: str | None, papel: str) -> tuple[int | None, int | None]:
    from sqlmodel import select  # importação tardia

    from core.banco import sessao  # importação tardia
    from core.erros import ErroValidacao, Problema  # importação tardia
    from models.territorio import UF  # importação tardia
    from models.unidades import EscritorioSocial, GrupoInterinstitucional  # importação tardia

    def recusar(msg: str) -> NoReturn:
        raise ErroValidacao(Problema("--scope", msg))

    if not texto:
        return None, None
    if papel != "ponto_focal":
        recusar(f"só o papel ponto_focal tem unidade; retire --scope para o papel {papel}")
    tipo, _, valor = texto.strip().partition(":")
    valor = valor.strip()
    with sessao() as s:
        if tipo == "grupo" and valor:
            if s.get(UF, valor.upper()) is None:
                recusar(f"UF “{valor}” não existe")
            g = s.exec(select(GrupoInterinstitucional).where(GrupoInterinstitucional.uf_sigla == valor.upper())).first()
            if g is None:
                recusar(f"não há Grupo Interinstitucional na UF {valor.upper()}")
            return g.id, None
        if tipo == "escritorio" and valor.isdigit():
            if s.get(EscritorioSocial, int(valor)) is None:
                recusar(f"Escritório Social {valor} não existe")
            return None, int(valor)
    recusar(f"“{texto}” deve ser grupo:UF (ex.: grupo:PR) ou escritorio:ID (ex.: escritorio:12)")


def cmd_users_add(args) -> int:
    from dominio.usuarios.servicos import DadosUsuario, criar_usuario  # importação tardia

    grupo_id, escritorio_id = _escopo(args.scope, args.role)
    senha = None if args.sem_senha else _ler_senha(args)
    u = criar_usuario(
        None, DadosUsuario(args.name or args.email, args.email, args.role, grupo_id, escritorio_id), senha, sistema=True
    )
    print(f"Usuário {u.email} ({u.papel}) incluído com id {u.id}.")
    return 0


def cmd_users_passwd(args) -> int:
    from sqlmodel import select  # importação tardia

    from core.banco import sessao  # importação tardia
    from dominio.usuarios.servicos import definir_senha  # importação tardia
    from models.usuarios import Usuario  # importação tardia

    with sessao() as s:
        u = s.exec(select(Usuario).where(Usuario.email == args.email.strip().lower())).first()
    if u is None:
        return _erro(f"não há usuário com o e-mail {args.email}")
    definir_senha(None, u.id, _ler_senha(args), sistema=True)
    print(f"Senha de {u.email} redefinida.")
    return 0


def _importar_arquivo(args, importar, resumo: str, tamanho_max: int) -> int:
    """Lê o arquivo (recusado pelo tamanho antes de ir para a memória, se passar de `tamanho_max`),
    importa-o como o sistema pelo mesmo serviço da página (`importar`, tudo ou nada) e imprime o
    `resumo` preenchido com o resultado `r`, ou os problemas (até 500) com saída 1."""
    from comum.planilhas import mensagem_de_tamanho  # importação tardia
    from core import relogio  # importação tardia
    from core.erros import ErroValidacao, Problema  # importação tardia

    caminho = Path(args.arquivo)
    if not caminho.is_file():
        return _erro(f"arquivo {caminho} não encontrado")
    try:
        tamanho = caminho.stat().st_size
        if tamanho > tamanho_max:
            raise ErroValidacao(Problema("arquivo", mensagem_de_tamanho(caminho.name, tamanho, tamanho_max)))
        with caminho.open("rb") as f:
            conteudo = f.read(tamanho_max + 1)  # o arquivo pode ter crescido desde o stat
        r = importar(None, caminho.name, conteudo, hoje=relogio.hoje(), sistema=True)
    except MemoryError:
        return _erro(f"memória insuficiente para ler {caminho.name}; nada foi importado")
    except ErroValidacao as exc:
        print(f"erro: nada foi importado; {len(exc.problemas)} problema(s) em {caminho.name}:", file=sys.stderr)
        for p in exc.problemas[:500]:
            print(f"  {p}", file=sys.stderr)
        if len(exc.problemas) > 500:
            print(f"  … e mais {len(exc.problemas) - 500} problema(s).", file=sys.stderr)
        return 1
    print(resumo.format(r=r))
    if r.colunas_ignoradas:  # colunas do arquivo fora do modelo: a pessoa precisa saber
        print(f"atenção: {r.aviso_colunas_ignoradas}")
    return 0


def cmd_import_fluxos(args) -> int:
    """Importa fluxos de recursos de um CSV/XLSX (tudo ou nada; linhas já importadas são ignoradas)."""
    from dominio.recursos.importacao import TAMANHO_MAX, importar_fluxos  # importação tardia

    return _importar_arquivo(
        args,
        importar_fluxos,
        "Importação concluída: {r.linhas} linha(s) lidas, {r.incluidas} fluxo(s) incluído(s), "
        "{r.ja_existentes} já existiam e foram ignorados.",
        TAMANHO_MAX,
    )


def cmd_import_indicadores(args) -> int:
    """Importa valores de indicadores de um CSV/XLSX (tudo ou nada; os envios ficam “enviado”)."""
    from dominio.indicadores.importacao import importar_valores  # importação tardia
    from dominio.recursos.importacao import TAMANHO_MAX  # importação tardia

    return _importar_arquivo(
        args,
        importar_valores,
        "Importação concluída: {r.linhas} linha(s) lidas de {r.envios} envio(s) (unidade e período); "
        "{r.enviados} passaram a “enviado”, {r.atualizados} já enviados foram atualizados e "
        "{r.sem_mudanca} não mudaram.",
        TAMANHO_MAX,
    )


def cmd_report(args) -> int:
    """Gera o relatório periódico (PDF e XLSX) do período na pasta indicada."""
    from comum.formatos import ler_data  # importação tardia
    from core import relogio  # importação tardia
    from core.erros import ErroValidacao, Problema  # importação tardia
    from models.usuarios import Usuario  # importação tardia
    from ui.relatorio import gerar_relatorio  # importação tardia

    problemas = []
    datas = {}
    for campo, texto in (("--inicio", args.inicio), ("--fim", args.fim)):
        try:
            datas[campo] = ler_data(texto)
        except ValueError as exc:
            problemas.append(Problema(campo, str(exc)))
    if problemas:
        raise ErroValidacao(problemas)
    pasta = Path(args.saida)
    pasta.mkdir(parents=True, exist_ok=True)
    # leitura como o sistema: um usuário em memória (não gravado) com perfil de administrador
    sistema = Usuario(nome="Linha de comando", email="sistema", papel="admin", ativo=True)
    pdf, xlsx, dados = gerar_relatorio(sistema, datas["--inicio"], datas["--fim"], relogio.hoje())
    nome = f"relatorio_act_22_2023_{dados.inicio:%Y%m%d}_{dados.fim:%Y%m%d}"
    (pasta / f"{nome}.pdf").write_bytes(pdf)
    (pasta / f"{nome}.xlsx").write_bytes(xlsx)
    for aviso in dados.avisos:
        print(f"aviso: {aviso}", file=sys.stderr)
    print(f"Relatório gravado em {pasta / (nome + '.pdf')} e {pasta / (nome + '.xlsx')}.")
    return 0


def cmd_lembretes_enviar(args) -> int:
    from comum.formatos import ler_data  # importação tardia
    from core import relogio  # importação tardia
    from core.config import obter_config  # importação tardia
    from dominio.lembretes import servicos as lembretes  # importação tardia

    try:
        hoje = ler_data(args.data) if args.data else relogio.hoje()
    except ValueError as exc:
        return _erro(f"--data: {exc}")
    if args.simular:
        previa = lembretes.simular(hoje)
        print(f"Simulação para {hoje:%d/%m/%Y} (nada foi gravado nem enviado).")
        for titulo, itens in (("Novas", previa.novas), ("Pendentes de execuções anteriores", previa.pendentes)):
            print(f"{titulo}: {len(itens)}")
            for email, assunto in itens:
                print(f"  {email:<42} {assunto}")
        if not obter_config().email_ligado:
            print("E-mail desligado: configure SMTP_HOST, SMTP_REMETENTE e URL_BASE para enviar (docs/operacao.md).")
        return 0
    if not obter_config().email_ligado:
        return _erro(
            "e-mail desligado: configure SMTP_HOST, SMTP_REMETENTE e URL_BASE (docs/operacao.md) ou use --simular "
            "para ver o que iria; nada foi gravado nem enviado"
        )
    r = lembretes.enviar(hoje)
    print(
        f"Lembretes de {hoje:%d/%m/%Y}: {r.geradas} mensagem(ns) nova(s) na caixa de saída; {r.enviadas} enviada(s), "
        f"{r.falhas} com falha (ficam para a próxima execução), {r.descartadas} descartada(s) "
        "(conta desativada ou resumo desligado)."
    )
    for erro in r.erros[:10]:
        print(f"  falha: {erro}", file=sys.stderr)
    return 1 if r.falhas else 0


def cmd_run(args) -> int:
    from core.config import limpar_config, obter_config  # importação tardia
    from core.esquema import atualizar_esquema  # importação tardia

    if args.demo:
        os.environ["MODO_DEMO"] = "true"  # vale para este processo e para o servidor abaixo
        limpar_config()
    cfg = obter_config()
    if cfg.eh_sqlite or args.migrar:
        atualizar_esquema()
        print("Esquema do banco atualizado.")
    else:
        print(
            "PostgreSQL: as migrações são um passo de implantação (`python manage.py db upgrade`); não as executo aqui."
        )
    if args.demo:
        from core.esquema import verificar_esquema  # importação tardia

        verificar_esquema()
        if (rc := cmd_demo_load(args)) != 0:
            return rc
    from ferramentas.servidor_local import ambiente_do_servidor, comando_servidor  # importação tardia

    env = ambiente_do_servidor()
    comando = comando_servidor(args.porta, args.endereco)  # uvicorn asgi:app (Streamlit + rotas de web/)
    print(
        f"Abrindo o sistema em http://{'localhost' if args.endereco in ('0.0.0.0', '127.0.0.1') else args.endereco}:{args.porta}/"
    )
    sys.stdout.flush()
    sys.stderr.flush()
    # o manage.py vira o uvicorn (exec, sem processo filho): o PID, os sinais de quem o supervisiona
    # (um SIGTERM do systemd ou um `kill`) e o código de saída passam a ser os do servidor; com um
    # filho, o SIGTERM parava o manage.py e deixava o uvicorn órfão, segurando a porta
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    os.execve(comando[0], comando, env)


def cmd_bench(args) -> int:
    """Benchmark (issue #8): tempos das páginas (AppTest frio e quente), SQL, navegador, importação e
    memória; imprime a tabela em markdown e grava o JSON. Mede, não afirma: sai com 0 mesmo fora do orçamento."""
    from core.banco import url_atual  # importação tardia
    from core.esquema import verificar_esquema  # importação tardia
    from ferramentas.bench import SAIDA_PADRAO, executar_bench  # importação tardia

    if args.arquivos:
        from ferramentas.bench_arquivos import executar_bench_arquivos  # importação tardia

        executar_bench_arquivos()
        return 0
    if args.linhas_importacao < 0 or args.sessoes < 0 or args.repeticoes < 1:
        return _erro("--linhas-importacao e --sessoes não podem ser negativos, nem --repeticoes menor que 1")
    if args.escala:
        if args.url:
            return _erro("use --escala (a base de escala em var/escala.sqlite3) ou --url, não os dois")
        url = _base_de_escala(fator=args.fator)
    elif args.fator != 1:
        return _erro("--fator vale só com --escala (a base var/escala_xN.sqlite3)")
    else:
        url = args.url or url_atual()
    verificar_esquema(url)
    paginas = [p for texto in (args.paginas or []) for p in texto.split(",") if p.strip()] or None
    try:
        executar_bench(
            url,
            paginas=paginas,
            navegador=not args.sem_navegador,
            linhas_importacao=args.linhas_importacao,
            sessoes=args.sessoes,
            repeticoes=args.repeticoes,
            lado_a_lado=not args.sem_lado_a_lado,
            saida_json=args.saida or SAIDA_PADRAO,
        )
    except ValueError as exc:  # página desconhecida
        return _erro(str(exc))
    return 0


def _base_de_escala(pasta=None, fator: int = 1) -> str:
    """var/escala.sqlite3 migrada e com os dados de `demo escala` nos tamanhos padrão (gerados só
    na primeira vez, ~2 min): o benchmark inteiro com um comando num clone novo. Com `fator` N > 1,
    var/escala_xN.sqlite3 com os tamanhos × N (`demo escala --fator N`; ~6 min para N = 3)."""
    from core.banco import usar_url  # importação tardia
    from core.config import RAIZ  # importação tardia
    from core.esquema import atualizar_esquema  # importação tardia
    from demo.escala import com_fator, gerar_escala, ja_gerado  # importação tardia

    tamanhos = com_fator(Tamanhos(), fator)  # antes de criar o arquivo: recusa um fator impossível
    caminho = (pasta or RAIZ / "var") / ("escala.sqlite3" if fator == 1 else f"escala_x{fator}.sqlite3")
    caminho.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{caminho}"
    atualizar_esquema(url)
    if ja_gerado(url) is None:
        print(f"Gerando a base de escala em {caminho} (só desta vez)…", flush=True)
        with usar_url(url):  # a referência (UFs, municípios, catálogo) é carregada no banco atual
            gerar_escala(tamanhos, progresso=lambda msg: print(msg, flush=True))
    return url


def cmd_carga(args) -> int:
    """Teste de carga com várias réplicas (issue #8): servidores em portas locais sobre o mesmo PostgreSQL e
    sessões de navegador simultâneas lendo e gravando. Sai com 1 se houve erro ou gravação perdida."""
    from core.config import obter_config  # importação tardia
    from ferramentas.servidor_local import ServidorNaoSubiu  # importação tardia

    if args.painel:
        from ferramentas.carga_painel import executar_carga_painel  # importação tardia

        if args.clientes < 1 or args.duracao < 1:
            return _erro("--clientes e --duracao precisam ser maiores que zero")
        try:
            r = executar_carga_painel(
                base=args.servidor,
                url_banco=None if args.servidor else (args.url or obter_config().database_url),
                clientes=args.clientes,
                duracao_s=args.duracao,
            )
        except (ValueError, ServidorNaoSubiu) as exc:
            return _erro(str(exc))
        if args.saida:
            Path(args.saida).write_text(json.dumps(r, ensure_ascii=False, indent=1), encoding="utf-8")
        return 0 if r["erros"] == 0 else 1
    from ferramentas.carga import ErroCarga, executar_carga  # importação tardia

    try:
        r = executar_carga(
            args.url or obter_config().database_url,
            replicas=args.replicas,
            sessoes=args.sessoes,
            duracao_s=args.duracao,
            gravacoes_por_sessao=args.gravacoes_por_sessao,
            saida_json=args.saida,
            banco_temporario=not args.banco_vazio,
        )
    except (ErroCarga, ServidorNaoSubiu) as exc:
        return _erro(str(exc))
    return 0 if r["aprovado"] else 1


def _inteiro(parser, opcao: str, padrao: int | None, ajuda: str, metavar: str = "N") -> None:
    """Uma opção de número inteiro (`--sessoes 10`)."""
    parser.add_argument(opcao, type=int, default=padrao, metavar=metavar, help=ajuda)


def _comandos_db(sub) -> None:
    """`db upgrade` e `db check`: o esquema do banco."""
    db = sub.add_parser("db", help="esquema do banco (migrações)").add_subparsers(dest="acao", required=True)
    db.add_parser("upgrade", help="aplica todas as migrações pendentes (alembic upgrade head)").set_defaults(
        func=cmd_db_upgrade
    )
    db.add_parser("check", help="confere se o banco está na última migração (sai com 1 se não estiver)").set_defaults(
        func=cmd_db_check
    )


def _comandos_reference(sub) -> None:
    """`reference load` e `reference municipio`: UFs e municípios do IBGE."""
    ref = sub.add_parser("reference", help="dados de referência (UFs e municípios do IBGE)").add_subparsers(
        dest="acao", required=True
    )
    ref.add_parser("load", help="carrega UFs e municípios (idempotente)").set_defaults(func=cmd_reference_load)
    rm = ref.add_parser("municipio", help="inclui município ausente da lista do IBGE de 2022")
    rm.add_argument("--codigo", required=True, help="código IBGE de 7 dígitos")
    rm.add_argument("--nome", required=True)
    rm.add_argument("--uf", required=True, help="sigla da UF")
    rm.set_defaults(func=cmd_reference_municipio)


def _comandos_demo(sub) -> None:
    """`demo load` e `demo escala`: dados de demonstração e a escala nacional fictícia."""
    demo = sub.add_parser("demo", help="dados de demonstração").add_subparsers(dest="acao", required=True)
    demo.add_parser("load", help="carrega os dados de demonstração (idempotente) e mostra as senhas").set_defaults(
        func=cmd_demo_load
    )
    esc = demo.add_parser(
        "escala", help="gera dados fictícios em escala nacional para medir o desempenho (uma vez por banco)"
    )
    for campo in fields(Tamanhos):  # uma opção por campo (`--grupos`, `--fluxos`…), padrão e ajuda dele
        padrao = campo.default
        texto = f"{padrao:_}".replace("_", ".") if campo.metadata["quantidade"] else str(padrao)
        _inteiro(esc, f"--{campo.name}", padrao, f"{campo.metadata['ajuda']} (padrão: {texto})")
    _inteiro(
        esc,
        "--fator",
        1,
        "multiplica Escritórios, Fundos, fluxos e auditoria por N, para medir o crescimento (padrão: 1)",
    )
    esc.set_defaults(func=cmd_demo_escala)


def _comandos_users(sub) -> None:
    """`users add` e `users passwd`: contas de acesso."""
    us = sub.add_parser("users", help="contas de acesso").add_subparsers(dest="acao", required=True)
    ua = us.add_parser("add", help="inclui um usuário")
    ua.add_argument("--email", required=True)
    ua.add_argument("--role", required=True, choices=["admin", "dmf", "cnmp", "ponto_focal"], help="perfil")
    ua.add_argument("--scope", help="unidade do ponto focal: grupo:UF ou escritorio:ID")
    ua.add_argument("--name", help="nome completo (padrão: o e-mail)")
    senha = ua.add_mutually_exclusive_group()
    senha.add_argument("--senha-stdin", action="store_true", help="lê a senha da entrada padrão em vez de perguntar")
    senha.add_argument("--sem-senha", action="store_true", help="conta sem senha local (só login institucional OIDC)")
    ua.set_defaults(func=cmd_users_add)
    up = us.add_parser("passwd", help="define uma nova senha")
    up.add_argument("--email", required=True)
    up.add_argument("--senha-stdin", action="store_true", help="lê a senha da entrada padrão")
    up.set_defaults(func=cmd_users_passwd)


def _comandos_import(sub) -> None:
    """`import fluxos` e `import indicadores`: planilhas pela linha de comando."""
    imp = sub.add_parser("import", help="importação de planilhas").add_subparsers(dest="acao", required=True)
    imf = imp.add_parser("fluxos", help="importa fluxos de recursos de um CSV ou XLSX no modelo da página Recursos")
    imf.add_argument("arquivo", help="caminho do CSV ou XLSX")
    imf.set_defaults(func=cmd_import_fluxos)
    imi = imp.add_parser(
        "indicadores", help="importa valores de indicadores de um CSV ou XLSX no modelo da página Coleta"
    )
    imi.add_argument("arquivo", help="caminho do CSV ou XLSX")
    imi.set_defaults(func=cmd_import_indicadores)


def _comandos_report(sub) -> None:
    """`report`: o relatório periódico de um intervalo."""
    rep = sub.add_parser("report", help="gera o relatório periódico (PDF e XLSX) de um período")
    rep.add_argument("--inicio", required=True, help="data inicial, DD/MM/AAAA")
    rep.add_argument("--fim", required=True, help="data final, DD/MM/AAAA")
    rep.add_argument("--saida", required=True, help="pasta onde gravar os arquivos")
    rep.set_defaults(func=cmd_report)


def _comandos_lembretes(sub) -> None:
    """`lembretes enviar`: a tarefa diária dos e-mails."""
    le = sub.add_parser("lembretes", help="e-mails de lembrete, resumo e aviso").add_subparsers(
        dest="acao", required=True
    )
    lee = le.add_parser(
        "enviar",
        help="gera os lembretes de prazo e os resumos semanais do dia e envia a caixa de saída (rodar pelo cron)",
    )
    lee.add_argument("--data", metavar="DD/MM/AAAA", help="dia de referência (padrão: hoje em Brasília)")
    lee.add_argument("--simular", action="store_true", help="mostra o que seria enviado, sem gravar nem enviar")
    lee.set_defaults(func=cmd_lembretes_enviar)


def _comandos_run(sub) -> None:
    """`run`: inicia o servidor."""
    run = sub.add_parser("run", help="inicia a aplicação (no SQLite, aplica as migrações antes)")
    run.add_argument("--demo", action="store_true", help="carrega os dados de demonstração antes de iniciar")
    run.add_argument("--migrar", action="store_true", help="aplica as migrações também fora do SQLite")
    run.add_argument("--porta", type=int, default=8501)
    run.add_argument("--endereco", default="127.0.0.1")
    run.set_defaults(func=cmd_run)


def _comandos_bench(sub) -> None:
    """`bench`: o benchmark (ferramentas/bench.py)."""
    be = sub.add_parser(
        "bench", help="benchmark: tempos das páginas, SQL, navegador, importação e memória (tabela e JSON)"
    )
    be.add_argument("--url", help="URL do banco a medir (padrão: DATABASE_URL)")
    be.add_argument(
        "--escala",
        action="store_true",
        help="mede var/escala.sqlite3, gerada na primeira vez com `demo escala` nos tamanhos padrão",
    )
    _inteiro(
        be, "--fator", 1, "com --escala: mede var/escala_xN.sqlite3, a escala nacional × N (gerada na primeira vez)"
    )
    be.add_argument(
        "--sem-lado-a-lado",
        action="store_true",
        help="pula a página ingênua (todos os fluxos no pandas) medida ao lado de Recursos",
    )
    be.add_argument("--sem-navegador", action="store_true", help="pula navegador e memória (Chromium)")
    _inteiro(
        be,
        "--linhas-importacao",
        100_000,
        "linhas do CSV de fluxos importado numa cópia do banco (0 pula; padrão: 100.000)",
    )
    _inteiro(be, "--sessoes", 10, "navegadores simultâneos na medição de memória (padrão: 10)")
    _inteiro(be, "--repeticoes", 1, "execuções fria e quente de cada página no AppTest; vale a mediana (padrão: 1)")
    be.add_argument("--saida", metavar="ARQUIVO.json", help="onde gravar o JSON (padrão: var/bench.json)")
    be.add_argument(
        "--arquivos",
        action="store_true",
        help="só os arquivos maliciosos (issue #16): tempo e crescimento da memória de cada um, sem banco",
    )
    be.add_argument(
        "--paginas", nargs="+", metavar="PAGINA", help="só estas páginas, pelo nome do arquivo (ex.: recursos publico)"
    )
    be.set_defaults(func=cmd_bench)


def _comandos_carga(sub) -> None:
    """`carga`: o teste de carga (ferramentas/carga.py)."""
    ca = sub.add_parser("carga", help="teste de carga: várias réplicas no mesmo PostgreSQL, sessões lendo e gravando")
    ca.add_argument(
        "--url",
        help="URL do servidor PostgreSQL (padrão: DATABASE_URL); a carga roda num banco "
        "temporário criado nele e apagado no fim",
    )
    _inteiro(ca, "--replicas", 2, "processos do Streamlit (padrão: 2)")
    _inteiro(ca, "--sessoes", 8, "navegadores simultâneos, distribuídos entre as réplicas (padrão: 8)")
    _inteiro(ca, "--duracao", 60, "duração da carga (padrão: 60)", metavar="SEGUNDOS")
    _inteiro(ca, "--gravacoes-por-sessao", None, "limite de gravações de cada sessão (padrão: sem limite até o fim)")
    ca.add_argument("--saida", metavar="ARQUIVO.json", help="grava o resultado completo em JSON")
    ca.add_argument(
        "--banco-vazio",
        action="store_true",
        help="usa o próprio banco da URL, que tem de estar vazio, em vez de um temporário",
    )
    ca.add_argument(
        "--painel",
        action="store_true",
        help="em vez das réplicas: martela a versão leve do painel público (/painel) num processo, com "
        "--clientes simultâneos, e mostra requisições por segundo, p95 e a memória antes e depois",
    )
    _inteiro(ca, "--clientes", 200, "com --painel: clientes simultâneos (padrão: 200)")
    ca.add_argument(
        "--servidor",
        metavar="URL",
        help="com --painel: mede o servidor que já roda nesta URL local (ex.: http://127.0.0.1:8501) em vez "
        "de subir um com o banco de --url",
    )
    ca.set_defaults(func=cmd_carga)


def montar_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="manage.py", description="Operação do Sistema de Monitoramento do ACT CNJ–CNMP nº 22/2023."
    )
    sub = p.add_subparsers(dest="grupo", required=True)
    _comandos_db(sub)
    _comandos_reference(sub)
    _comandos_demo(sub)
    _comandos_users(sub)
    _comandos_import(sub)
    _comandos_report(sub)
    _comandos_lembretes(sub)
    _comandos_run(sub)
    _comandos_bench(sub)
    _comandos_carga(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = montar_parser().parse_args(argv)
    _silenciar_streamlit()
    from core.erros import ErroNegocio  # importação tardia
    from core.esquema import EsquemaDesatualizado  # importação tardia

    try:
        if args.func not in (cmd_db_upgrade, cmd_db_check, cmd_run, cmd_demo_escala, cmd_bench, cmd_carga):
            from core.esquema import verificar_esquema  # importação tardia

            verificar_esquema()
        return args.func(args)
    except EsquemaDesatualizado as exc:
        return _erro(_com_detalhe(exc))
    except ErroNegocio as exc:
        msg = str(exc)
        return _erro(msg if "Nada foi gravado" in msg else f"{msg.rstrip('.')}. Nada foi gravado.")
    except Exception as exc:
        from core.banco import eh_banco_ocupado  # importação tardia
        from core.erros import BancoOcupado  # importação tardia

        if eh_banco_ocupado(exc):  # a transação foi desfeita inteira
            return _erro(str(BancoOcupado()))
        raise


if __name__ == "__main__":
    sys.exit(main())
