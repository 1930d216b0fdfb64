"""How the understanding benchmark reads an answer: what a person would see it understood."""

from __future__ import annotations

from benchmarks.understanding import reading_of
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
