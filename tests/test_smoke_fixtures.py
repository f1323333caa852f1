def test_banco_demo_tem_dados(demo_usuarios):
    from dominio.publico.consultas import totais

    t = totais()
    assert t["grupos"] == 18
    assert t["fundos"] == 25
    assert demo_usuarios["pf_grupo"].grupo_id is not None


def test_postgres_fixture(url_postgres):
    from sqlalchemy import create_engine, text

    e = create_engine(url_postgres)
    with e.connect() as c:
        assert c.execute(text("select 1")).scalar() == 1
    e.dispose()
