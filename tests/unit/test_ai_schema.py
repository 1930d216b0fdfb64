"""The reading schema, its validation, and what the prompt lets leave the machine."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.ai import prompt, schema
from handlers.ai.schema import Invalid, Vocabulary

VOCAB = Vocabulary(candidates=("Acme Ltda", "Padaria Silva"), stages=("proposal", "commit"))


def reading(intent: str = "log", **entities: object) -> dict:
    base = {
        "account": None,
        "contact": None,
        "kind": None,
        "date": None,
        "period": None,
        "amount": None,
        "stage": None,
        "cadence": None,
        "reason": None,
        "body": "",
    }
    return {"intent": intent, "entities": {**base, **entities}}


def test_the_schema_has_the_documented_keys_and_offers_only_the_askers_names():
    built = schema.build(VOCAB)
    entities = built["properties"]["entities"]
    assert set(entities["properties"]) == {
        "account",
        "contact",
        "kind",
        "date",
        "period",
        "amount",
        "stage",
        "cadence",
        "reason",
        "body",
    }
    assert entities["properties"]["account"]["enum"] == ["Acme Ltda", "Padaria Silva", None]
    assert "log" in built["properties"]["intent"]["enum"]
    assert built["additionalProperties"] is False


def test_a_valid_answer_becomes_a_parsed_like_a_rules_reading():
    got = schema.validate(
        reading(
            "log",
            account="Acme Ltda",
            kind="visit",
            date="2026-03-02",
            amount={"value": 1500, "currency": "brl"},
            body="pediram orçamento",
        ),
        VOCAB,
    )
    parsed = got.parsed("visitei a acme")
    assert got.writes and parsed.intent == "log" and parsed.name == "Acme Ltda"
    assert parsed.date == date(2026, 3, 2) and parsed.amount is None  # a log stores no amount
    assert got.amount is not None and got.amount.currency == "BRL"
    assert parsed.body == "pediram orçamento"


@pytest.mark.parametrize(
    "bad",
    [
        {"intent": "delete_everything", "entities": {}},
        reading(account="Someone Else's Account"),
        reading(date="next friday"),
        reading(amount={"value": -3, "currency": "BRL"}),
        reading(stage="won-all"),
        reading(body="x" * 5000),
        {"intent": "log", "entities": {"tool_call": "mark_all_won"}},
        reading(period={"start": "2026-03-10", "end": "2026-03-01"}),
    ],
)
def test_anything_outside_the_schema_is_invalid(bad):
    with pytest.raises(Invalid):
        schema.validate(bad, VOCAB)


def test_phones_and_emails_stay_home_unless_allowed():
    text = "liguei pro joao (11) 98765-4321, joao@acme.com.br, quer proposta"
    sent = prompt.messages(text, "pt-BR", date(2026, 3, 2), VOCAB)[1]["content"]
    assert "98765" not in sent and "joao@acme" not in sent and "quer proposta" in sent
    assert "Acme Ltda" in sent and "2026-03-02" in sent
    allowed = prompt.messages(text, "pt-BR", date(2026, 3, 2), VOCAB, send_contact_data=True)
    assert "joao@acme.com.br" in allowed[1]["content"]
