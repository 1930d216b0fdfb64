"""Cadence files: the built-ins, custom folders, and errors that name file, field and problem."""

from pathlib import Path

import pytest

from cadence_jobs.definitions import (
    CHANNELS,
    CadenceError,
    load_all,
    load_builtin,
    load_file,
    load_folder,
    load_text,
    parse,
    to_dict,
)
from handlers.kernel.cadence_problems import describe

GOOD = """
key = "follow_up"
kind = "custom"
on_reply = "switch:conversion"
[name]
pt-BR = "Acompanhamento"
en = "Follow-up"
[[steps]]
wait = 0
channel = "call"
action = { pt-BR = "Ligar", en = "Call" }
[[steps]]
wait = 3
channel = "whatsapp"
action = { pt-BR = "Mandar mensagem", en = "Send a message" }
template = { pt-BR = "Oi {contact}", en = "Hi {contact}" }
"""


def test_builtins_are_the_four_documented_cadences():
    builtin = load_builtin()
    assert set(builtin) == {"exploratory", "nurture", "conversion", "partner_onboarding"}
    for cadence in builtin.values():
        assert cadence.source == "builtin"
        assert all(step.channel in CHANNELS for step in cadence.steps)
        assert all(step.action.pt and step.action.en for step in cadence.steps)


def test_exploratory_follows_up_every_two_to_three_business_days_and_moves_to_nurture():
    exploratory = load_builtin()["exploratory"]
    assert exploratory.business_days
    assert exploratory.steps[0].wait == 0
    assert all(step.wait in (2, 3) for step in exploratory.steps[1:])
    assert len({step.channel for step in exploratory.steps}) >= 3
    assert exploratory.on_complete.target == "nurture"


def test_partner_onboarding_has_the_agreed_sequence():
    steps = load_builtin()["partner_onboarding"].steps
    assert [s.channel for s in steps] == [
        "email",
        "call",
        "email",
        "whatsapp",
        "email",
        "meeting",
        "call",
    ]
    assert steps[1].wait <= 2 and steps[2].wait in (3, 4)


def test_a_custom_file_loads_with_both_languages(tmp_path: Path):
    (tmp_path / "follow_up.toml").write_text(GOOD, encoding="utf-8")
    cadence = load_folder(tmp_path, load_builtin())["follow_up"]
    assert cadence.name.get("en") == "Follow-up"
    assert cadence.name.get("pt-BR") == "Acompanhamento"
    assert cadence.steps[1].template.get("pt-BR") == "Oi {contact}"
    assert cadence.on_reply.target == "conversion"
    assert cadence.source == "custom"


def test_round_trip_through_stored_form():
    cadence = load_text(GOOD, "x.toml")
    assert parse(to_dict(cadence), "stored") == cadence


def test_broken_file_names_file_field_and_problem_in_both_languages(tmp_path: Path):
    broken = GOOD.replace('channel = "whatsapp"', 'channel = "fax"')
    path = tmp_path / "broken.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(CadenceError) as caught:
        load_file(path)
    en = describe(caught.value, "en")
    pt = describe(caught.value, "pt-BR")
    assert str(path) in en and "steps[2].channel" in en and "'fax'" in en
    assert "unknown channel" in en
    assert "canal" in pt and "desconhecido" in pt and "steps[2].channel" in pt


def test_every_problem_of_a_file_is_reported_at_once():
    broken = GOOD.replace("wait = 3", "wait = -1").replace('en = "Follow-up"', "")
    with pytest.raises(CadenceError) as caught:
        load_text(broken, "f.toml")
    fields = {p.field for p in caught.value.problems}
    assert fields == {"steps[2].wait", "name"}
    assert "missing en" in describe(caught.value, "en")


def test_invalid_toml_is_reported_with_the_file():
    with pytest.raises(CadenceError) as caught:
        load_text("key = ", "bad.toml")
    assert describe(caught.value, "en").startswith("bad.toml")
    assert "not valid TOML" in describe(caught.value, "en")


def test_missing_steps_and_bad_next():
    text = GOOD.split("[[steps]]")[0].replace('"switch:conversion"', '"jump"')
    with pytest.raises(CadenceError) as caught:
        load_text(text, "f.toml")
    fields = {p.field for p in caught.value.problems}
    assert fields == {"steps", "on_reply"}


def test_switch_to_an_unknown_cadence_is_rejected(tmp_path: Path):
    (tmp_path / "a.toml").write_text(GOOD.replace("conversion", "nowhere"), encoding="utf-8")
    with pytest.raises(CadenceError) as caught:
        load_all(tmp_path)
    assert "nowhere" in describe(caught.value, "en")
    assert caught.value.problems[0].field == "on_reply"


def test_two_files_with_the_same_key_are_rejected(tmp_path: Path):
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.toml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(CadenceError) as caught:
        load_folder(tmp_path, load_builtin())
    assert "a.toml" in describe(caught.value, "en") and "b.toml" in describe(caught.value, "en")


def test_unknown_fields_are_reported_not_ignored():
    with pytest.raises(CadenceError) as caught:
        load_text(GOOD.replace("wait = 0", "wait = 0\nchanel = 'call'"), "f.toml")
    assert caught.value.problems[0].field == "steps[1].chanel"
