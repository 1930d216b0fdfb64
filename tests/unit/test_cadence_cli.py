"""`ritmo cadences …`, `ritmo users away` as Sales Ops would run them."""

from __future__ import annotations

import argparse
import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.commands import cadences as command
from bot.config import Settings
from bot.errors import UserError
from storage.interface import Tx
from tests.store_views import read_at, write_at


def run(argv: list[str], settings: Settings | None = None) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    command.register(sub)
    users = sub.add_parser("users").add_subparsers()
    command.add_away_parser(users)
    args = parser.parse_args(argv)
    return args.func(args, settings or Settings(locale="en"))


def test_list_shows_the_builtins(capsys):
    assert run(["cadences", "list", "--json"]) == 0
    listed = {c["key"]: c for c in json.loads(capsys.readouterr().out)}
    assert set(listed) == {"exploratory", "nurture", "conversion", "partner_onboarding"}
    assert listed["nurture"]["business_days"] is False


def test_show_prints_steps_in_the_locale(capsys):
    assert run(["cadences", "show", "conversion"], Settings(locale="pt-BR")) == 0
    out = capsys.readouterr().out
    assert out.startswith("Conversão (conversion)")
    assert " 1. +0 dias úteis" in out


def test_preview_puts_christmas_steps_on_monday(capsys):
    argv = [
        "cadences",
        "preview",
        "conversion",
        "--start",
        "2026-12-21",
        "--tz",
        "America/Manaus",
        "--holidays",
        "BR",
        "--json",
    ]
    assert run(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["date"] for s in data["steps"]][:4] == [
        "2026-12-21",
        "2026-12-22",
        "2026-12-23",
        "2026-12-28",
    ]
    assert data["steps"][0]["due_at"] == "2026-12-21T09:00:00-04:00"


def test_preview_text_has_one_line_per_step(capsys):
    assert run(["cadences", "preview", "exploratory", "--start", "2026-12-21"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # a heading, the days-off sentence, then one line per step
    assert len(lines) == 2 + 7 and "Mon 2026-12-28 09:00" in lines[4]
    assert "Skipped in this period: 2026-12-25" in lines[1]


def test_preview_names_weekdays_in_portuguese_under_pt_br(capsys):
    argv = ["cadences", "preview", "exploratory", "--start", "2026-12-21"]
    assert run(argv, Settings(locale="pt-BR")) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any("seg. 2026-12-28 09:00" in line for line in lines)  # a step on Monday the 28th
    assert not any(day in "\n".join(lines) for day in ("Mon", "Tue", "Wed", "Thu", "Fri"))


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["cadences", "show", "nope"], "no cadence 'nope'"),
        (["cadences", "preview", "nurture", "--start", "21/12/2026"], "is not a date"),
        (
            ["cadences", "preview", "nurture", "--start", "2026-12-21", "--tz", "Mars/Base"],
            "not a known time zone",
        ),
        (
            ["cadences", "preview", "nurture", "--start", "2026-12-21", "--holidays", "XX"],
            "Unknown holidays",
        ),
        (["cadences", "validate", "/nonexistent.toml"], "does not exist"),
    ],
)
def test_mistakes_are_one_sentence(argv, problem):
    with pytest.raises(UserError) as caught:
        run(argv)
    assert problem in str(caught.value)


def test_validate_accepts_a_good_file_and_names_field_of_a_bad_one(tmp_path: Path, capsys):
    good = tmp_path / "good.toml"
    good.write_text(
        'key = "g"\nname = { pt-BR = "G", en = "G" }\non_complete = "switch:nurture"\n'
        '[[steps]]\nchannel = "call"\naction = { pt-BR = "Ligar", en = "Call" }\n',
        encoding="utf-8",
    )
    assert run(["cadences", "validate", str(good)]) == 0
    assert "is valid, 1 step." in capsys.readouterr().out
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text().replace('"call"', '"smoke"'), encoding="utf-8")
    with pytest.raises(UserError) as caught:
        run(["cadences", "validate", str(bad)])
    assert f"{bad}: field steps[1].channel: unknown channel 'smoke'" in str(caught.value)


def test_custom_folder_cadences_are_listed(tmp_path: Path, capsys):
    (tmp_path / "x.toml").write_text(
        'key = "x"\nname = { pt-BR = "X", en = "X" }\n'
        '[[steps]]\nchannel = "note"\naction = { pt-BR = "Anotar", en = "Note" }\n',
        encoding="utf-8",
    )
    settings = Settings(locale="en", cadence_folder=str(tmp_path))
    assert run(["cadences", "list", "--json"], settings) == 0
    sources = {c["key"]: c["source"] for c in json.loads(capsys.readouterr().out)}
    assert sources["x"] == "custom" and sources["nurture"] == "builtin"


def _enrolled(path: Path, settings: Settings, now: datetime, rep_name: str, cadence: str):  # noqa: ANN202
    """A rep with one account enrolled in `cadence` at `now`, written through the store."""
    from cadence_jobs import workflow
    from cadence_jobs.jobs import install_cadences
    from handlers.kernel.context import Options
    from storage.audit import CLI

    def write(tx: Tx):  # noqa: ANN202
        install_cadences(tx, settings)
        rep = tx.people.add_person(
            name=rep_name, role="rep", timezone="America/Manaus", locale="en", actor=CLI, now=now
        )
        acme = tx.accounts.create_account(name="Acme", owner_id=rep.id, actor=CLI, now=now)
        return workflow.enrol(
            tx,
            actor=CLI,
            cadence_key=cadence,
            account_id=acme.id,
            owner_id=rep.id,
            now=now,
            options=Options(),
        )

    return write_at(path, write)


def test_users_away_moves_steps(tmp_path: Path, capsys):
    path = tmp_path / "away.db"
    now = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
    settings = Settings(locale="en", db_path=path)
    e = _enrolled(path, settings, now, "Ana Lima", "exploratory")
    assert (
        run(
            ["users", "away", "ana lima", "--from", "2026-03-02", "--to", "2026-03-06"],
            dataclasses.replace(settings),
        )
        == 0
    )
    assert "Ana Lima away from 2026-03-02 to 2026-03-06; 1 step moved" in capsys.readouterr().out
    moved = read_at(path, lambda tx: tx.enrolments.get(e.id))
    assert moved.due_at == datetime(2026, 3, 9, 14, 0, tzinfo=UTC)
    with pytest.raises(UserError):
        run(["users", "away", "ana lima", "--from", "2026-03-06", "--to", "2026-03-02"], settings)


def test_pause_a_cadence_until_a_date(tmp_path: Path, capsys):
    path = tmp_path / "pause.db"
    now = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
    settings = Settings(locale="en", db_path=path)
    e = _enrolled(path, settings, now, "Ana", "nurture")
    assert run(["cadences", "pause", "nurture", "--until", "2026-04-01"], settings) == 0
    assert "1 enrolment in the nurture cadence paused until 2026-04-01" in (
        capsys.readouterr().out
    )
    paused = read_at(path, lambda tx: tx.enrolments.get(e.id))
    assert paused.state == "paused" and str(paused.paused_until) == "2026-04-01"
    with pytest.raises(UserError):
        run(["cadences", "pause", "nope", "--until", "2026-04-01"], settings)
