"""Which days are off (issue 13 item 14d): Carnival Monday and Tuesday and Corpus Christi are
off by default in Brazil (the holidays package files them as optional), `[holidays]
categories` and `extra` change that, and `ritmo cadences preview` says the rule in force."""

import json
from datetime import date
from pathlib import Path

from cadence_jobs.workflow import calendar_for
from handlers.kernel.context import Options
from handlers.reports.digest import holiday_calendar
from storage.schedules import Schedule
from tests.cli.conftest import Run

CARNIVAL = {"2027-02-08", "2027-02-09"}
CORPUS_CHRISTI = "2027-05-27"


def _preview(ritmo: Run, tmp_path: Path, toml: str, start: str, locale: str = "en") -> dict:
    cfg = tmp_path / "ritmo.toml"
    cfg.write_text(toml, "utf-8")
    result = ritmo(
        "cadences",
        "preview",
        "exploratory",
        "--start",
        start,
        "--json",
        extra_env={"RITMO_CONFIG": str(cfg), "RITMO_LOCALE": locale},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _dates(preview: dict) -> set[str]:
    return {step["date"] for step in preview["steps"]}


def test_carnival_and_corpus_christi_are_off_by_default_and_the_preview_says_so(ritmo, tmp_path):
    carnival = _preview(ritmo, tmp_path, '[holidays]\nsubdivision = "SP"\n', "2027-02-05")
    assert not _dates(carnival) & CARNIVAL
    assert carnival["days_off"] == (
        "Days off: public holidays of BR-SP, plus Carnival (Monday and Tuesday) and Corpus "
        "Christi ([holidays] categories changes this). Skipped in this period: 2027-02-08, "
        "2027-02-09."
    )
    corpus = _preview(ritmo, tmp_path, "", "2027-05-26")
    assert CORPUS_CHRISTI not in _dates(corpus)
    assert "Skipped in this period: 2027-05-27." in corpus["days_off"]


def test_public_only_makes_carnival_a_working_day(ritmo, tmp_path):
    public = _preview(ritmo, tmp_path, '[holidays]\ncategories = ["public"]\n', "2027-02-05")
    by_default = _preview(ritmo, tmp_path, "", "2027-02-05")
    assert _dates(public) != _dates(by_default)
    assert public["days_off"] == "Days off: holidays of BR in the categories public."


def test_extra_dates_are_skipped_and_named(ritmo, tmp_path):
    toml = '[holidays]\nextra = ["2027-02-11", 2027-02-12]\n'
    preview = _preview(ritmo, tmp_path, toml, "2027-02-05", locale="pt-BR")
    assert not _dates(preview) & {"2027-02-11", "2027-02-12"}
    assert "Folgas extras ([holidays] extra): 2027-02-11, 2027-02-12." in preview["days_off"]


def test_the_text_preview_prints_the_rule_under_the_heading(ritmo, tmp_path):
    result = ritmo(
        "cadences",
        "preview",
        "exploratory",
        "--start",
        "2027-02-05",
        extra_env={"RITMO_LOCALE": "pt-BR"},
    )
    lines = result.stdout.splitlines()
    assert lines[1].startswith(
        "Folgas: feriados públicos de BR, mais Carnaval (segunda e terça) e Corpus Christi"
    )


def test_reminders_and_digests_use_the_same_days_off():
    """The scheduler's calendar and the digest's, not only the preview."""
    options = Options(holidays_extra=(date(2027, 3, 3),))
    schedule = Schedule(
        1,
        "Ana",
        "pt-BR",
        "America/Sao_Paulo",
        "09:00",
        "18:00",
        "1,2,3,4,5",
        None,
        None,
        "immediate",
        None,
        (),
    )
    cal = calendar_for(schedule, options)
    for day in (date(2027, 2, 8), date(2027, 2, 9), date(2027, 5, 27), date(2027, 3, 3)):
        assert not cal.is_working_day(day) and day in holiday_calendar(options)
    assert cal.is_working_day(date(2027, 2, 10))  # Ash Wednesday: a half day, worked
    public = Options(holidays_categories=("public",))
    assert date(2027, 2, 8) not in holiday_calendar(public)
