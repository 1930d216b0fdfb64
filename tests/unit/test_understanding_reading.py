"""How the understanding benchmark reads an answer: what a person would see it understood."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from benchmarks.understanding import Row, answer_line, reading_of
from handlers.kernel.messages import Answer, Button, Reply


def _offer(action: str) -> Answer:
    card = Reply(
        "Criar a conta *Padaria Estrela*?",
        buttons=(
            Button("Confirmar", action, {"name": "Padaria Estrela"}),
            Button("Cancelar", "ask.cancel"),
        ),
    )
    return Answer([card], intent="create_account", entities={"account": "Padaria Estrela"})


def test_both_ways_of_offering_a_new_account_read_as_an_offer():
    assert reading_of(_offer("account.create")).account == "new:Padaria Estrela"
    assert reading_of(_offer("records.account")).account == "new:Padaria Estrela"


def test_an_account_found_reads_as_its_name():
    answer = Answer([Reply("ok")], intent="status", entities={"account": "Acme"})
    assert reading_of(answer).account == "Acme"


def _row() -> Row:
    return Row("d-1", "dev", "pt", "ana", "status padaria", "status", "", "", "", "", "", {})


def test_the_answers_line_is_the_same_for_the_same_answer_whatever_token_the_store_minted():
    first, second = _offer("account.create"), _offer("account.create")
    second.replies[0] = replace(
        second.replies[0],
        buttons=tuple(replace(b, token=f"t{i}") for i, b in enumerate(second.replies[0].buttons)),
    )
    assert answer_line(_row(), first) == answer_line(_row(), second)


def test_the_answers_line_changes_when_any_part_of_the_answer_does():
    line = answer_line(_row(), _offer("account.create"))
    other_text = Answer([Reply("Criar?")], intent="create_account", entities={"account": "X"})
    other_date = _offer("account.create")
    other_date.entities["date"] = date(2026, 12, 11)
    assert answer_line(_row(), other_text) != line
    assert '"date": "2026-12-11"' in answer_line(_row(), other_date)
    assert json.loads(line)["replies"][0]["buttons"][0]["args"] == {"name": "Padaria Estrela"}
