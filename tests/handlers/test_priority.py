"""The priority score orders what a rep would do first, and says why."""

from __future__ import annotations

from handlers.conversation.ask_agenda import why
from handlers.kernel.context import Context, Options
from handlers.reports.priority import Factors, score


def test_a_big_late_deal_beats_a_small_one_due_today():
    big = score(Factors(amount=200_000, probability=0.7, days_overdue=3, days_since_touch=10))
    small = score(Factors(amount=5_000, probability=0.1, days_overdue=0, days_since_touch=1))
    assert big.score > small.score


def test_each_part_moves_the_score_the_right_way():
    base = Factors(amount=50_000, probability=0.5, days_overdue=0, days_since_touch=2)
    assert score(Factors(100_000, 0.5, 0, 2)).score > score(base).score
    assert score(Factors(50_000, 0.9, 0, 2)).score > score(base).score
    assert score(Factors(50_000, 0.5, 2, 2)).score > score(base).score
    assert score(Factors(50_000, 0.5, 0, 20)).score > score(base).score


def test_the_score_is_bounded_and_never_touched_counts_as_idle():
    top = score(Factors(amount=10**9, probability=1.0, days_overdue=99, days_since_touch=None))
    assert top.score == 100.0
    assert score(Factors()).score >= 0


def test_why_names_the_heaviest_parts():
    late = score(Factors(amount=1_000, probability=0.1, days_overdue=10, days_since_touch=40))
    assert [p.key for p in late.why()] == ["overdue", "idle"]


def test_the_why_says_one_day_in_the_singular():
    factors = Factors(amount=0.0, probability=0.0, days_overdue=1, days_since_touch=1)
    pt = why(Context(None, None, Options(), locale="pt-BR"), score(factors), factors, "BRL")
    en = why(Context(None, None, Options(), locale="en"), score(factors), factors, "BRL")
    assert "atrasado 1 dia" in pt and "sem contato há 1 dia" in pt and "dias" not in pt
    assert "1 day late" in en and "no touch in 1 day" in en and "days" not in en
