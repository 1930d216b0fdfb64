"""Each digest metric against values worked out by hand on one small team (see the comments)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from handlers.reports import conversion_metrics, deal_metrics, metric_windows, rep_metrics
from storage import metrics as sm


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# Monday 23 Nov 2026, 08:00 in São Paulo; Friday the 20th is a national holiday.
NOW = utc(2026, 11, 23, 11)

STAGES = [
    sm.Stage("prospecting", 1, "Prospecção", "Prospecting", 0.1),
    sm.Stage("qualification", 2, "Qualificação", "Qualification", 0.2),
    sm.Stage("proposal", 3, "Proposta", "Proposal", 0.5),
    sm.Stage("negotiation", 4, "Negociação", "Negotiation", 0.7),
    sm.Stage("commit", 5, "Fechamento", "Commit", 0.9),
]
REPS = [sm.Rep(1, "Ana"), sm.Rep(2, "Bruno"), sm.Rep(3, "Caio")]

INTERACTIONS = [
    sm.InteractionRow(1, "call", utc(2026, 11, 19, 15)),
    sm.InteractionRow(1, "call", utc(2026, 11, 21, 12)),
    sm.InteractionRow(1, "email", utc(2026, 11, 22, 10)),
    sm.InteractionRow(2, "visit", utc(2026, 11, 18, 20)),  # before the window
    sm.InteractionRow(2, "meeting", utc(2026, 11, 23, 4)),  # today, after the window
]
STEPS = [
    sm.StepEvent(1, "done", utc(2026, 11, 19, 14)),
    sm.StepEvent(2, "skipped", utc(2026, 11, 20, 14)),
    sm.StepEvent(2, "snoozed", utc(2026, 11, 20, 15)),
    sm.StepEvent(2, "done", utc(2026, 11, 22, 15)),
    sm.StepEvent(2, "replied", utc(2026, 11, 22, 16)),
]
DUE = [
    sm.DueStep(1, utc(2026, 11, 22, 12), "Acme"),
    sm.DueStep(1, utc(2026, 11, 20, 12), "Padaria Silva"),
    sm.DueStep(1, utc(2026, 11, 23, 12), "Gamma"),  # due later today: not overdue
    sm.DueStep(2, utc(2026, 11, 21, 12), "Beta"),
]
LAST_LOGGED = {1: utc(2026, 11, 22, 10), 2: utc(2026, 11, 18, 20)}


def deal(id_, title, owner, stage, amount, status, created, **kw):
    return sm.Deal(
        id_,
        title,
        f"{title} Ltda",
        owner,
        stage,
        amount,
        kw.pop("currency", "BRL"),
        status,
        created,
        **kw,
    )


DEALS = [
    deal(
        1,
        "Acme ERP",
        1,
        "negotiation",
        100000,
        "open",
        utc(2026, 9, 1, 11),
        close_date=date(2026, 11, 28),
        last_touch_at=utc(2026, 11, 22),
        segment="industry",
    ),
    deal(
        2,
        "Beta CRM",
        2,
        "proposal",
        50000,
        "open",
        utc(2026, 10, 1, 11),
        close_date=date(2026, 12, 10),
        last_touch_at=utc(2026, 10, 20, 11),
        segment="retail",
    ),
    deal(
        3,
        "Gamma",
        1,
        "commit",
        20000,
        "open",
        utc(2026, 10, 15, 11),
        close_date=date(2026, 11, 30),
        segment="industry",
    ),
    deal(
        4,
        "Delta",
        1,
        "commit",
        30000,
        "won",
        utc(2026, 9, 21, 11),
        closed_at=utc(2026, 11, 10, 11),
        segment="industry",
    ),
    deal(
        5,
        "Epsilon",
        2,
        "proposal",
        40000,
        "lost",
        utc(2026, 10, 22, 11),
        closed_at=utc(2026, 11, 21, 11),
        lost_reason="price",
        segment="retail",
    ),
    deal(
        6,
        "Zeta",
        3,
        "prospecting",
        10000,
        "open",
        utc(2026, 11, 1, 11),
        close_date=date(2026, 11, 25),
        currency="USD",
    ),
    deal(
        7, "Eta", 3, "commit", 15000, "won", utc(2026, 8, 21, 11), closed_at=utc(2026, 10, 20, 11)
    ),
]


def change(deal_id, at, frm, to, to_status="open"):
    return sm.DealChange(deal_id, at, frm, to, "open" if frm else None, to_status)


# Stage positions P0 Q1 Pr2 N3 C4, a win counts as 5. Spans seen in the 90 days:
# Acme [0,3], Beta [1,2], Gamma [2,4] (skips negotiation), Delta [3,5], Epsilon [2,2] (lost),
# Zeta [0,0], Eta [4,5] (entered commit before the window, won inside it).
CHANGES = [
    change(1, utc(2026, 9, 1, 11), None, "prospecting"),
    change(1, utc(2026, 9, 20), "prospecting", "qualification"),
    change(1, utc(2026, 10, 10), "qualification", "proposal"),
    change(1, utc(2026, 11, 21), "proposal", "negotiation"),
    change(2, utc(2026, 10, 1, 11), None, "qualification"),
    change(2, utc(2026, 11, 19), "qualification", "proposal"),
    change(3, utc(2026, 10, 15, 11), None, "proposal"),
    change(3, utc(2026, 11, 1), "proposal", "commit"),
    change(4, utc(2026, 9, 21, 11), None, "negotiation"),
    change(4, utc(2026, 10, 20), "negotiation", "commit"),
    change(4, utc(2026, 11, 10, 11), "commit", "commit", "won"),
    change(5, utc(2026, 10, 22, 11), None, "proposal"),
    change(5, utc(2026, 11, 21, 11), "proposal", "proposal", "lost"),
    change(6, utc(2026, 11, 1, 11), None, "prospecting"),
    change(7, utc(2026, 8, 21, 11), None, "commit"),
    change(7, utc(2026, 10, 20, 11), "commit", "commit", "won"),
]
CADENCES = [
    sm.CadenceCount("exploratory", "Exploratória", "Exploratory", 10, 3),
    sm.CadenceCount("nurture", "Nutrição", "Nurture", 4, 2),
    sm.CadenceCount("conversion", "Conversão", "Conversion", 0, 0),
]
SNAPSHOTS = [
    sm.Snapshot(date(2026, 10, 1), 20000, 5000, 40000),
    sm.Snapshot(date(2026, 10, 15), 10000, 5000, 40000),
    sm.Snapshot(date(2026, 10, 31), 15000, 15000, 15000),
    sm.Snapshot(date(2026, 11, 1), 99999, 0, 0),  # this month: not part of last month's record
]

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
BLACK_CONSCIOUSNESS_DAY = date(2026, 11, 20)


def test_window_on_monday_after_friday_holiday_starts_on_thursday():
    start, end = metric_windows.activity_window(NOW, SAO_PAULO, {BLACK_CONSCIOUSNESS_DAY})
    assert start == utc(2026, 11, 19, 3)  # local midnight is 03:00 UTC
    assert end == utc(2026, 11, 23, 3)


def test_activity_per_rep_counts_only_the_window_busiest_first():
    start, end = metric_windows.activity_window(NOW, SAO_PAULO, {BLACK_CONSCIOUSNESS_DAY})
    ana, bruno, caio = rep_metrics.activity_by_rep(REPS, INTERACTIONS, STEPS, start, end)
    assert (ana.name, dict(ana.by_kind), ana.done, ana.skipped, ana.snoozed) == (
        "Ana",
        {"call": 2, "email": 1},
        1,
        0,
        0,
    )
    assert (bruno.name, bruno.interactions, bruno.done, bruno.skipped, bruno.snoozed) == (
        "Bruno",
        0,
        1,
        1,
        1,
    )
    assert (caio.name, caio.interactions, caio.done) == ("Caio", 0, 0)


def test_overdue_per_rep_with_the_oldest_step():
    ana, bruno = rep_metrics.overdue_by_rep(REPS, DUE, NOW)
    assert (ana.name, ana.count, ana.oldest_label) == ("Ana", 2, "Padaria Silva")
    assert ana.oldest_due_at == utc(2026, 11, 20, 12)
    assert (bruno.name, bruno.count, bruno.oldest_label) == ("Bruno", 1, "Beta")


def test_silent_reps_never_logged_first():
    caio, bruno = rep_metrics.silent_reps(REPS, LAST_LOGGED, NOW, days=3)
    assert (caio.name, caio.last_logged_at) == ("Caio", None)
    assert (bruno.name, bruno.last_logged_at) == ("Bruno", utc(2026, 11, 18, 20))


def test_movements_since_the_last_digest():
    moves = deal_metrics.movements_since(DEALS, CHANGES, utc(2026, 11, 20, 11))
    assert [(mv.deal.title, mv.from_stage, mv.to_stage) for mv in moves.advanced] == [
        ("Acme ERP", "proposal", "negotiation")
    ]
    assert moves.won == ()
    assert [(d.title, d.lost_reason) for d in moves.lost] == [("Epsilon", "price")]


def test_deals_created_in_the_window_are_new_not_moved_from_nothing():
    # Gamma's creation and first move both fall in the window: it is new, not "— → commit";
    # Zeta (deal 6) was only created in it.
    moves = deal_metrics.movements_since(DEALS, CHANGES, utc(2026, 10, 15))
    assert [d.title for d in moves.created] == ["Gamma", "Zeta"]
    assert "Gamma" not in [mv.deal.title for mv in moves.advanced]
    assert all(mv.from_stage is not None for mv in moves.advanced)


def test_movements_over_a_longer_gap_include_the_win_biggest_first():
    moves = deal_metrics.movements_since(DEALS, CHANGES, utc(2026, 11, 9))
    assert [mv.deal.title for mv in moves.advanced] == [
        "Acme ERP",
        "Beta CRM",
    ]  # Gamma moved on 1 Nov
    assert [d.title for d in moves.won] == ["Delta"]
    assert moves.won_amount == 30000


def test_stalled_deals_biggest_first_untouched_count_from_creation():
    stalled = deal_metrics.stalled_deals(DEALS, NOW, days=14)
    assert [(s.deal.title, s.idle_days) for s in stalled] == [
        ("Beta CRM", 34),
        ("Gamma", 39),
        ("Zeta", 22),
    ]


def test_pipeline_by_stage_and_month_forecast_against_target():
    p = deal_metrics.pipeline(DEALS, STAGES, date(2026, 11, 23), "BRL", target=200000)
    assert [(s.stage.key, s.count, s.amount, s.weighted) for s in p.stages] == [
        ("prospecting", 0, 0, 0),
        ("qualification", 0, 0, 0),
        ("proposal", 1, 50000, 25000),
        ("negotiation", 1, 100000, pytest.approx(70000)),
        ("commit", 1, 20000, 18000),
    ]
    # won 30k (Delta) + Acme 100k x 0.7 + Gamma 20k x 0.9; Beta closes in December.
    assert p.won == 30000
    assert p.weighted == pytest.approx(118000)
    assert p.committed == 50000
    assert p.best_case == 150000
    assert p.attainment == pytest.approx(0.59)
    assert (p.open_count, p.open_amount, p.other_currency) == (3, 170000, 1)


def test_conversion_rates_over_90_days():
    start = utc(2026, 8, 25, 11)
    report = conversion_metrics.conversion(DEALS, CHANGES, STAGES, start, NOW)
    rates = [(s.from_key, s.to_key, s.entered, s.advanced) for s in report.overall.steps]
    assert rates == [
        ("prospecting", "qualification", 2, 1),
        ("qualification", "proposal", 2, 2),
        ("proposal", "negotiation", 4, 2),
        ("negotiation", "commit", 3, 2),
        ("commit", "won", 3, 2),
    ]
    assert report.overall.steps[3].rate == pytest.approx(2 / 3)
    assert report.overall.won == 2
    assert report.overall.avg_cycle_days == pytest.approx(55)


def test_conversion_by_segment():
    report = conversion_metrics.conversion(DEALS, CHANGES, STAGES, utc(2026, 8, 25, 11), NOW)
    assert sorted(report.by_segment) == ["industry", "retail"]
    retail = report.by_segment["retail"]
    assert [(s.entered, s.advanced) for s in retail.steps] == [
        (0, 0),
        (1, 1),
        (2, 0),
        (0, 0),
        (0, 0),
    ]
    assert retail.steps[0].rate is None
    assert (retail.won, retail.avg_cycle_days) == (0, None)
    industry = report.by_segment["industry"]
    assert [(s.entered, s.advanced) for s in industry.steps] == [
        (1, 1),
        (1, 1),
        (2, 2),
        (3, 2),
        (2, 1),
    ]
    assert industry.avg_cycle_days == pytest.approx(50)


def test_cadence_response_rates_best_first_and_unused_left_out():
    rows = conversion_metrics.cadence_responses(CADENCES)
    assert [(r.cadence_key, r.rate) for r in rows] == [("nurture", 0.5), ("exploratory", 0.3)]
    assert rows[0].name("en") == "Nurture" and rows[0].name("pt-BR") == "Nutrição"


def test_forecast_accuracy_last_month():
    first, last = metric_windows.previous_month(date(2026, 11, 23))
    assert (first, last) == (date(2026, 10, 1), date(2026, 10, 31))
    actual = deal_metrics.won_between(DEALS, first, last, "BRL")
    assert actual == 15000
    acc = deal_metrics.forecast_accuracy(SNAPSHOTS, actual, first, last)
    # snapshots 20k, 10k, 15k against 15k: mean abs error 10k/3, i.e. 2/9 of the actual
    assert acc.snapshots == 3
    assert acc.mean_forecast == pytest.approx(15000)
    assert acc.accuracy == pytest.approx(7 / 9)
    assert acc.bias == pytest.approx(0)


def test_empty_team():
    start, end = metric_windows.activity_window(NOW, SAO_PAULO, set())
    assert rep_metrics.activity_by_rep([], INTERACTIONS, STEPS, start, end) == ()
    assert rep_metrics.overdue_by_rep([], DUE, NOW) == ()
    assert rep_metrics.silent_reps([], LAST_LOGGED, NOW) == ()
    p = deal_metrics.pipeline([], STAGES, date(2026, 11, 23), "BRL", target=200000)
    assert (p.open_count, p.weighted, p.attainment) == (0, 0, 0)
    report = conversion_metrics.conversion([], CHANGES, STAGES, start, end)
    assert all(s.rate is None for s in report.overall.steps)
    assert report.by_segment == {}
    assert conversion_metrics.cadence_responses([]) == ()
    acc = deal_metrics.forecast_accuracy([], 0, date(2026, 10, 1), date(2026, 10, 31))
    assert (acc.snapshots, acc.accuracy, acc.mean_forecast) == (0, None, None)


def test_team_with_no_deals():
    p = deal_metrics.pipeline([], STAGES, date(2026, 11, 23), "BRL", target=None)
    assert [s.count for s in p.stages] == [0] * 5
    assert p.attainment is None
    assert deal_metrics.stalled_deals([], NOW, 14) == ()
    assert deal_metrics.movements_since([], CHANGES, utc(2026, 1, 1)) == deal_metrics.Movements()
    report = conversion_metrics.conversion([], [], STAGES, utc(2026, 8, 25), NOW)
    assert (report.overall.won, report.overall.avg_cycle_days) == (0, None)
    # forecasts were made but nothing closed: accuracy is undefined, not 0 %
    acc = deal_metrics.forecast_accuracy(SNAPSHOTS, 0, date(2026, 10, 1), date(2026, 10, 31))
    assert acc.accuracy is None and acc.bias == pytest.approx(15000)
