"""Declared intents (handlers.understanding.plugins): read only where the built-in reading found
nothing, with only the entities they ask for; a declaration that could not work is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from handlers.kernel.context import Options
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.router import Router
from handlers.understanding.parse import parse
from handlers.understanding.plugins import IntentPlugin

TODAY = date(2026, 12, 7)  # a Monday
NOON = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
BROCHURE = IntentPlugin(
    "brochure",
    {"pt-BR": ("manda o folder",), "en": ("send the brochure",), "es": ("manda el folleto",)},
    frozenset({"name"}),
)
SAMPLES = IntentPlugin("samples", {"en": ("send samples", "samples")}, frozenset({"date"}))


@pytest.mark.parametrize(
    "text", ["Manda o folder pra Padaria Silva", "send the brochure to Padaria Silva"]
)
def test_a_cue_is_read_when_nothing_built_in_was(text: str) -> None:
    assert parse(text, TODAY).intent in ("unknown", "unclear", "out_of_domain")
    parsed = parse(text, TODAY, declared=(BROCHURE,))
    assert (parsed.intent, parsed.name) == ("brochure", "Padaria Silva")


def test_only_the_entities_asked_for_are_kept() -> None:
    text = "Padaria Silva wants samples on friday?"
    parsed = parse(text, TODAY, declared=(SAMPLES,))
    assert parsed.intent == "samples"
    assert parsed.entities() == {"date": "2026-12-11"}  # the name was not asked for


def test_the_earliest_cue_wins_and_declaration_order_breaks_ties() -> None:
    both = (SAMPLES, BROCHURE)
    assert parse("send the brochure and samples", TODAY, declared=both).intent == "brochure"
    also = IntentPlugin("other", {"en": ("send the brochure",)})
    assert parse("send the brochure", TODAY, declared=(also, BROCHURE)).intent == "other"


@pytest.mark.parametrize("text", ["meu pipeline", "what's due today?", "status da Acme"])
def test_a_built_in_reading_stays_whatever_is_declared(text: str) -> None:
    greedy = IntentPlugin("greedy", {"en": ("pipeline", "due", "today", "status", "acme")})
    assert parse(text, TODAY, declared=(greedy,)) == parse(text, TODAY)


@pytest.mark.parametrize("text", ["nao liguei pro Acme ainda", "haven't called Acme"])
def test_a_fact_held_back_by_a_negation_stays_a_question_whatever_is_declared(text: str) -> None:
    greedy = IntentPlugin("greedy", {"pt-BR": ("liguei",), "en": ("called",)})
    assert parse(text, TODAY, declared=(greedy,)).intent == "unclear"


def test_a_declaration_that_could_not_work_is_refused() -> None:
    with pytest.raises(ValueError, match="built in"):
        IntentPlugin("pipeline", {"en": ("my deals",)})
    with pytest.raises(ValueError, match="unknown entities"):
        IntentPlugin("x", {"en": ("x",)}, frozenset({"colour"}))
    with pytest.raises(ValueError, match="no cue"):
        IntentPlugin("x", {"en": ()})


def test_a_declared_intent_without_a_handler_is_refused_by_the_dispatcher() -> None:
    lonely = Router("lonely", reads=(BROCHURE,))
    with pytest.raises(ValueError, match="brochure"):
        Dispatcher([lonely], store=None, options=Options(), now=lambda: NOON)  # type: ignore[arg-type]
