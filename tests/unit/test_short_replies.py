"""Bare yes/no answers, as people type them on a phone or dictate them."""

import pytest

from handlers.understanding.short_replies import social, yes_or_no


@pytest.mark.parametrize(
    "said",
    ["sim", "Sim!", "SIMMM", "s", "ss", "pode sim", "ok pode", "isso mesmo", "confirma", "blz",
     "👍", "yes", "Yep.", "yes pls", "sure", "go ahead", "do it", "ok"],
)  # fmt: skip
def test_yes(said: str) -> None:
    assert yes_or_no(said) == "yes"


@pytest.mark.parametrize(
    "said",
    ["não", "Nao", "n", "nãooo", "não, obrigado", "cancela", "esquece", "deixa pra lá",
     "no", "nope", "cancel", "never mind", "don't", "👎"],
)  # fmt: skip
def test_no(said: str) -> None:
    assert yes_or_no(said) == "no"


@pytest.mark.parametrize(
    "said",
    ["sim, liguei pra Acme", "não liguei pra Acme ainda", "por favor", "kkk", "?", "sim não",
     "ok, e a Padaria?", "yes we closed acme", "no answer from acme", "", "s" * 50],
)  # fmt: skip
def test_anything_more_is_not_a_bare_answer(said: str) -> None:
    assert yes_or_no(said) is None


@pytest.mark.parametrize(
    ("said", "kind"),
    [("obrigado", "thanks"), ("obg!!", "thanks"), ("valeuuu", "thanks"),
     ("muito obrigada", "thanks"), ("thank you so much", "thanks"), ("🙏", "thanks"),
     ("bom dia", "greeting"), ("Boa tarde!", "greeting"), ("oi", "greeting"),
     ("hi there", "greeting"), ("blz", "ack"), ("beleza", "ack"), ("got it", "ack"),
     ("👍", "ack"), ("muito", None), ("sim", None), ("obrigado, liguei pra acme", None),
     ("bom dia, o que tenho hoje?", None), ("tudo bem?", None)],
)  # fmt: skip
def test_social_turns(said: str, kind: str | None) -> None:
    assert social(said) == kind
