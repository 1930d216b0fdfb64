"""`ritmo digest` and `ritmo teams target` from the shell, against a real store file."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from PIL import Image

from bot import cli
from storage import backends, stages
from storage.audit import Actor
from storage.interface import Tx

T0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def store_path(store_url, monkeypatch):
    """The seeded store `ritmo` is pointed at (RITMO_DB): a SQLite file or a PostgreSQL URL."""
    for var in ("RITMO_CONFIG", "RITMO_LOCALE", "SLACK_BOT_TOKEN", "TELEGRAM_BOT_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    path = store_url
    monkeypatch.setenv("RITMO_DB", path)
    store = backends.connect_sync(path)
    try:
        store.write(_seed)
    finally:
        store.close()
    return path


def _seed(tx: Tx) -> None:
    """Vendas Sul (target 100k): Márcia manages it, Ana sells Acme ERP."""
    system = Actor.system("test")
    tx.stages.install_stages(stages.DEFAULT_STAGES, system)
    for name, role in (("Márcia Gestora", "manager"), ("Ana", "rep")):
        tx.people.add_person(
            name=name,
            role=role,
            timezone="America/Sao_Paulo",
            locale="pt-BR",
            actor=system,
            now=T0,
            team="Vendas Sul",
        )  # a manager added with her team manages it
    team = tx.people.get_team_by_name("Vendas Sul")
    assert team is not None
    tx.people.set_team_target(team.id, 100000, "BRL", system, T0)
    ana = tx.people.find_person("Ana")
    assert ana is not None
    acme = tx.accounts.create_account(name="Acme", owner_id=ana.id, actor=system, now=T0)
    tx.deals.create_deal(
        account_id=acme.id,
        owner_id=ana.id,
        title="Acme ERP",
        stage_key="proposal",
        amount=50000,
        actor=system,
        now=T0,
    )


def test_digest_prints_the_managers_text_and_saves_the_chart(store_path, tmp_path, capsys):
    chart = tmp_path / "out" / "chart.png"
    chart.parent.mkdir()
    # accents and case don't matter in the name
    assert cli.main(["digest", "--manager", "marcia GESTORA", "--chart", str(chart)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Resumo · Vendas Sul — ")
    assert "*" not in out.splitlines()[0]  # markup removed for the terminal
    assert f"Gráfico salvo em {chart}" in out
    with Image.open(chart) as img:
        assert img.format == "PNG" and img.width >= 600


def test_digest_json_and_team_target(store_path, capsys):
    assert cli.main(["teams", "target", "vendas sul", "250000"]) == 0
    assert "Vendas Sul" in capsys.readouterr().out
    assert cli.main(["digest", "--manager", "Márcia Gestora", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (team,) = data["teams"]
    assert team["forecast"]["target"] == 250000
    assert {"stage": "proposal", "count": 1, "amount": 50000.0, "weighted": 25000.0} in team[
        "pipeline"
    ]


@pytest.mark.parametrize(
    "written", ["250.000", "250.000,00", "R$ 250 mil", "250000", "250,000.00"]
)
def test_team_target_reads_amounts_as_the_chat_does(store_path, capsys, written):
    assert cli.main(["teams", "target", "Vendas Sul", written]) == 0
    said = capsys.readouterr().out.strip().replace("\xa0", " ")
    assert said == "Meta mensal da equipe Vendas Sul: R$ 250 mil"
    assert cli.main(["digest", "--manager", "Márcia Gestora", "--json"]) == 0
    (team,) = json.loads(capsys.readouterr().out)["teams"]
    assert team["forecast"]["target"] == 250000


def test_team_target_takes_the_currency_it_is_written_in(store_path, capsys):
    assert cli.main(["teams", "target", "Vendas Sul", "US$ 40 mil"]) == 0
    said = capsys.readouterr().out.strip().replace("\xa0", " ")
    assert said == "Meta mensal da equipe Vendas Sul: US$ 40 mil"


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["digest", "--manager", "Ninguém"], "Ninguém"),
        (["digest", "--manager", "Ana"], "não gerencia"),
        (["teams", "target", "Norte", "10"], "Norte"),
        (["teams", "target", "Vendas Sul", "muito"], "muito"),
        (["teams", "target", "Vendas Sul", "-5"], "R$ 250 mil"),
    ],
)
def test_mistakes_are_one_sentence_and_exit_2(store_path, capsys, argv, says):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
