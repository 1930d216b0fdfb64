"""A skipped scan is one that would have found nothing: the gates never change a reading."""

from __future__ import annotations

import re
from datetime import date
from importlib import import_module

import pytest

from benchmarks.understanding import load_rows
from handlers.understanding import intents
from handlers.understanding.prefilter import Gated, Group, finditer, needles, search

parse_module = import_module("handlers.understanding.parse")
dates = import_module("handlers.understanding.dates")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?:fech(?:a|ou)|close)\b", {"fecha", "fechou", "close"}),
        (r"(?<![a-z])liguei(?: pra)? (?P<who>\w+)", {"liguei ", "liguei pra "}),
        (r"(?:\d+ )?dias?", {"dia"}),
        (r"semana que (?=vem)", {"semana que "}),
        (r"\bq[1-2]\b", {"q1", "q2"}),
    ],
)
def test_the_needles_are_what_every_match_must_hold(pattern, expected):
    assert needles(re.compile(pattern)) == expected


@pytest.mark.parametrize(
    "pattern",
    [r"\d+", r"(?i)sexta", r"(?:sexta)?", r"[^a]\w", r"(?:amanha|\d+)", r"(?!nao)\w+"],
)
def test_a_pattern_with_nothing_it_must_hold_is_always_scanned(pattern):
    compiled = re.compile(pattern)
    assert needles(compiled) is None
    assert Gated(compiled).possible("")


def test_a_gate_finds_what_the_pattern_finds_and_skips_only_texts_without_a_needle():
    weekday = re.compile(r"\b(?:sexta|segunda)(?:-feira)?\b")
    assert [m.group() for m in finditer(weekday, "ligar sexta-feira ou segunda")] == [
        "sexta-feira",
        "segunda",
    ]
    assert search(weekday, "ligar amanha") is None
    assert not Gated(weekday).possible("ligar amanha")


def _patterns() -> list[re.Pattern[str]]:
    stage_words = parse_module._derived(parse_module._stage_table(parse_module.DEFAULT_STAGES)[0])[
        1
    ]
    cues = [pattern for _, pattern in intents.cue_patterns(stage_words)]
    found = cues + [parse_module._cue_heads(p) for p in cues] + [parse_module._NEVER_A_NAME]
    return found + [v for v in vars(dates).values() if isinstance(v, re.Pattern)]


def test_no_message_of_the_corpus_is_kept_from_a_match_of_any_gated_pattern():
    texts: list[str] = []
    for row in load_rows(("dev", "dev2")):
        msg = parse_module._Message(row.text, date(2026, 12, 10), False)
        texts += [msg.flat, msg.join()]
    for pattern in _patterns():
        gate = Gated(pattern)
        for text in texts:
            if pattern.search(text) is not None:
                assert gate.possible(text), (pattern.pattern[:80], text)


def test_a_group_scans_each_pattern_as_its_own_finditer_would():
    weekday = re.compile(r"\b(?:sexta|segunda)(?:-feira)?\b")
    quarter = re.compile(r"\bq[1-4]\b")  # needles shorter than a gram
    anything = re.compile(r"\w+")  # no needle known: always scanned
    group = Group(weekday, quarter, anything)
    for text in ("ligar sexta-feira no q3", "ligar amanha", ""):
        scans = group.finditers(text)
        assert [[m.span() for m in scan] for scan in scans] == [
            [m.span() for m in p.finditer(text)] for p in (weekday, quarter, anything)
        ]


def test_the_word_dates_group_finds_on_the_corpus_what_each_pattern_finds():
    texts = [
        parse_module._Message(row.text, date(2026, 12, 10), False).join()
        for row in load_rows(("dev", "dev2"))
    ]
    group = dates._WORD_DATES
    for text in texts:
        scans = group.finditers(text)
        for pattern, scan in zip(group.patterns, scans, strict=True):
            assert [m.span() for m in scan] == [m.span() for m in pattern.finditer(text)]
