"""The digest text a manager reads on a phone: headline first, short sections, both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.reports import digest as dg
from storage import metrics as sm
from storage.metrics import TeamData

NOW = datetime(2026, 11, 24, 11, tzinfo=UTC)  # Tuesday 08:00 in São Paulo
SP = ZoneInfo("America/Sao_Paulo")
STAGES = (
    sm.Stage("prospecting", 1, "Prospecção", "Prospecting", 0.1),
    sm.Stage("negotiation", 2, "Negociação", "Negotiation", 0.5),
)
YESTERDAY = datetime(2026, 11, 23, 15, tzinfo=UTC)


def _team(reps: int = 8) -> TeamData:
    people = tuple(sm.Rep(i, f"Rep {i:02d}") for i in range(1, reps + 1))
    deals = tuple(
        sm.Deal(
            i,
            f"Deal {i}",
            "Acme",
            1,
            "negotiation",
            1000.0 * i,
            "BRL",
            "open",
            NOW - timedelta(days=60),
            close_date=date(2026, 11, 30),
        )
        for i in range(1, 7)
    ) + (
        sm.Deal(
            50,
            "Big Win",
            "Acme",
            2,
            "negotiation",
            250000,
            "BRL",
            "won",
            NOW - timedelta(days=40),
            closed_at=YESTERDAY,
        ),
        sm.Deal(
            51,
            "Lost One",
            "Acme",
            2,
            "negotiation",
            9000,
            "BRL",
            "lost",
            NOW - timedelta(days=40),
            closed_at=YESTERDAY,
            lost_reason="competitor",
        ),
    )
    changes = (
        sm.DealChange(50, YESTERDAY, "negotiation", "negotiation", "open", "won"),
        sm.DealChange(51, YESTERDAY, "negotiation", "negotiation", "open", "lost"),
    )
    return TeamData(
        7,
        "Vendas <Sul>",
        "BRL",
        1_000_000.0,
        people,
        STAGES,
        interactions=tuple(sm.InteractionRow(p.person_id, "call", YESTERDAY) for p in people),
        due=tuple(sm.DueStep(p.person_id, NOW - timedelta(days=2), "Padaria") for p in people),
        last_logged={p.person_id: YESTERDAY for p in people},
        deals=deals,
        changes=changes,
    )


def _digest(data: TeamData) -> dg.Digest:
    return dg.compute(data, dg.windows(NOW, SP, set(), None))


def test_headline_numbers_come_first_in_portuguese():
    text = dg.render(_digest(_team()), "pt-BR")
    lines = text.splitlines()
    assert lines[0] == "*Resumo · Vendas <Sul>* — ter., 24 de nov."
    assert lines[1].startswith("*Previsão do mês:* R$\xa0260,5\xa0mil de R$\xa01\xa0mi (26%)")
    assert "ganho R$\xa0250\xa0mil" in lines[1]
    assert lines[3].startswith("*Último dia útil:* 8 registros")


def test_english_formats_money_and_dates_its_own_way():
    text = dg.render(_digest(_team()), "en")
    assert text.splitlines()[0] == "*Digest · Vendas <Sul>* — Tue, Nov 24"
    assert "R$260.5K of R$1M (26%)" in text
    assert "- Lost: Lost One · R$9K (competitor)" in text
    assert "Nov 22" in text  # the oldest overdue step


def test_sections_are_cut_to_a_few_items_with_a_way_to_see_all():
    text = dg.render(_digest(_team(reps=8)), "en")
    assert text.count("overdue (oldest") == dg.SHORT_ITEMS
    assert "- … and 5 more" in text
    assert text.rstrip().endswith("for the full list._")
    assert len(text) < 1500  # one phone screen or two


def test_full_version_lists_everything_and_the_stages():
    text = dg.render(_digest(_team(reps=8)), "pt-BR", full=True)
    assert text.count("em atraso (mais antigo") == 8
    assert "*Pipeline por etapa*" in text and "- Negociação: 6 ·" in text
    assert "and" not in text and "e mais" not in text


def test_empty_team_says_so_instead_of_zeros_everywhere():
    data = TeamData(3, "Nova", "BRL", None, stages=STAGES)
    text = dg.render(_digest(data), "en")
    assert "The team has no reps yet." in text
    assert "(no target)" in text
    assert "*Needs you*" not in text and "*Activity per rep*" not in text


def test_team_without_deals_still_reports_activity():
    data = _team(reps=2)
    data = TeamData(
        data.team_id,
        data.team_name,
        "BRL",
        None,
        data.reps,
        STAGES,
        interactions=data.interactions,
        last_logged=data.last_logged,
    )
    text = dg.render(_digest(data), "pt-BR")
    assert "R$\xa00 em 0 negócios" in text
    assert "- Rep 01: 1 registro (ligações 1)" in text
    assert "Conversão" not in text and "*Desde o último resumo*" not in text


def test_data_carries_the_numbers_for_scripts():
    data = dg.to_data(_digest(_team()))
    assert data["forecast"]["won"] == 250000
    assert data["pipeline"][1] == {
        "stage": "negotiation",
        "count": 6,
        "amount": 21000.0,
        "weighted": 10500.0,
    }
    assert [x["title"] for x in data["won"]] == ["Big Win"]
    assert data["lost"][0]["reason"] == "competitor"
    assert len(data["overdue"]) == 8
