"""Round twenty of understanding: native English in a hurry and Brazilians writing English
(dev20's kinds of miss).

Each group is a kind of miss met there, in other words (as another rep would type the same
thing: US/UK sales slang, texting shorthand, pt-BR with no accents), against a small book of
names that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.kernel.records import contact_details
from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import ACTS, account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Halvorsen Marine"),
        BookName(1, "Halvorsen Marine", deal_id=31, deal_title="Dock sensors"),
        BookName(2, "Torrefacao Grao Nobre"),
        BookName(2, "Torrefacao Grao Nobre", deal_id=32, deal_title="Moedores"),
        BookName(3, "Kestrel Analytics"),
        BookName(3, "Kestrel Analytics", deal_id=33, deal_title="BI seats"),
    ]
)


read = reader(BOOK)


# -- the asker's own life said in the work's words: shopping, a party, a rhetorical "remind me"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("walmart has a sale on laptops this weekend", "en"),
        ("best buy is having a huge sale on headphones", "en"),
        ("remind me why I agreed to run the 5k lol", "en"),
        ("remind me why i said yes to this", "en"),
        ("me lembra por que eu aceitei esse emprego kkk", "pt-BR"),
        ("what do I buy the team for the holiday party", "en"),
        ("o que eu dou de presente pro time no amigo secreto", "pt-BR"),
        ("secret santa for the team is friday, any gift ideas", "en"),
    ],
)
def test_the_askers_own_life_is_not_answered_with_data(text, locale):
    assert read(text, locale).intent not in ACTS


# -- a deal's number said to be something else now: its new amount ------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("halvorsen's number is 70k now", "en", 70000),
        ("kestrel number's 38k now, they dropped two seats", "en", 38000),
        ("halvorsen amount should be 61,200 not 60k", "en", 61200),
        ("the value on kestrel should be 44k, not 40", "en", 44000),
        ("grao nobre's number is 25k now", "en", 25000),
    ],
)
def test_a_deals_number_said_anew_is_its_amount(text, locale, value):
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert account(parsed) is not None
    assert parsed.amount is not None and parsed.amount.value == value


# -- a close date that slips to a day: the deal's date, not a note --------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("kestrel slipping to feb 3, legal is slow", "en", "2027-02-03"),
        ("halvorsen slipped to jan 15 fyi", "en", "2027-01-15"),
        ("heads up halvorsen slips to 1/20", "en", "2027-01-20"),
        ("grao nobre slipping to march 2, they're waiting on the bank", "en", "2027-03-02"),
    ],
)
def test_a_deal_slipping_to_a_day_moves_its_close_date(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert account(parsed) is not None
    assert str(parsed.date) == day


# -- a stage said as what the deal now is, an adjective: the stage moves -------------------------


@pytest.mark.parametrize(
    ("text", "locale", "stage"),
    [
        ("kestrel is qualified, bump it up", "en", "qualification"),
        ("halvorsen is qualified now", "en", "qualification"),
        ("a grao nobre ja ta qualificada", "pt-BR", "qualification"),
        ("grao nobre ta qualificado ja", "pt-BR", "qualification"),
        ("kestrel's qualified, move it", "en", "qualification"),
    ],
)
def test_a_stage_said_as_an_adjective_moves_the_deal(text, locale, stage):
    parsed = read(text, locale)
    assert parsed.intent == "stage_change"
    assert parsed.stage == stage


# -- won and lost in the trade's slang -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("halvorsen PO came in 🎉", "en", "won"),
        ("got the PO from kestrel!!", "en", "won"),
        ("kestrel is done, PO received", "en", "won"),
        ("recebemos o PO da grao nobre", "pt-BR", "won"),
        ("halvorsen said way too pricey, we're out", "en", "lost"),
        ("kestrel went dark for good and we're out", "en", "lost"),
    ],
)
def test_won_and_lost_in_slang(text, locale, intent):
    parsed = read(text, locale)
    assert parsed.intent == intent
    assert account(parsed) is not None


# -- a manager asking after the team by a rep's name or everyone against quota ---------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("show me joana's numbers", "en"),
        ("pull up mike's numbers for the month", "en"),
        ("how's everyone tracking against quota", "en"),
        ("how is everybody doing vs target", "en"),
    ],
)
def test_the_team_by_a_reps_name_or_everyone(text, locale):
    assert read(text, locale).intent == "team"


# -- the lists asked in slang --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("show me my losses this quarter", "en", "lost_list"),
        ("my losses pls", "en", "lost_list"),
        ("which deals are asleep", "en", "stalled"),
        ("any deals sleeping on me?", "en", "stalled"),
        ("what should I be doing right now", "en", "agenda"),
        ("what should i work on today", "en", "agenda"),
        ("what's in commit this month", "en", "forecast"),
        ("whats sitting in commit rn", "en", "forecast"),
    ],
)
def test_the_lists_asked_in_slang(text, locale, intent):
    assert read(text, locale).intent == intent


# -- a contact added at an account named in lower case or by its possessive -----------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("add Rita Gomes as a contact at halvorsen marine - rita@halvorsen.no", "en"),
        ("save this number for kestrel's CTO Ian Park 212-555-0199", "en"),
        ("new contact at kestrel analytics: Bo Lind, bo@kestrel.io", "en"),
        ("salva o contato do Caio, comprador da grao nobre, 11 98888-1234", "pt-BR"),
    ],
)
def test_a_contact_is_added_at_the_account_named(text, locale):
    parsed = read(text, locale)
    assert parsed.intent == "create_contact"
    assert account(parsed) is not None


# -- days said the hurried way ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("I'll be at a trade show tue-thu next week", "2026-12-15", "2026-12-17"),
        ("out mon-wed next week", "2026-12-14", "2026-12-16"),
        ("off at a conference mon to tue next week", "2026-12-14", "2026-12-15"),
    ],
)
def test_a_span_of_weekdays_is_that_span(text, start, end):
    parsed = read(text, "en")
    assert parsed.intent == "away"
    assert parsed.period is not None
    assert (str(parsed.period.start), str(parsed.period.end)) == (start, end)


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("visited halvorsen tue, they want a trial on two docks", "en", "2026-12-08"),
        ("met kestrel mon, bo wants the pricing sheet", "en", "2026-12-07"),
        ("visitei a grao nobre seg, querem testar o moedor", "pt-BR", "2026-12-07"),
    ],
)
def test_a_bare_weekday_after_a_visit_done_is_behind(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert str(parsed.date) == day


# -- requests in the trade's shorthand ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("what can this app actually do", "en", "help"),
        ("what does this bot do", "en", "help"),
        ("unsubscribe halvorsen from the sequence", "en", "unenroll"),
        ("unsub kestrel from every sequence", "en", "unenroll"),
        ("how far off quota am I", "en", "my_sales"),
        ("am i way off my target", "en", "my_sales"),
        ("send me the team digest again, deleted it by mistake", "en", "digest"),
        ("lost the weekly digest, resend?", "en", "digest"),
        ("need to email bo next tue, pls remind", "en", "task"),
        ("gotta call kestrel monday, please remind", "en", "task"),
    ],
)
def test_requests_in_shorthand(text, locale, intent):
    assert read(text, locale).intent == intent


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("got a demo with kestrel on the 17th", "2026-12-17"),
        ("landed a meeting w/ Bo at halvorsen for tue", "2026-12-15"),
    ],
)
def test_a_meeting_got_from_the_client_is_booked_on_its_day(text, day):
    parsed = read(text, "en")
    assert parsed.intent == "cadence_action"
    assert parsed.action == "meeting_booked"
    assert str(parsed.date) == day


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("how's the kestrel deal going? Bo said it's close", "en"),
        ("how is halvorsen doing? mike says they will close soon", "en"),
        ("como ta a grao nobre? o caio falou que fecha", "pt-BR"),
    ],
)
def test_a_question_then_what_someone_said_asks_the_status(text, locale):
    parsed = read(text, locale)
    assert parsed.intent == "status"
    assert account(parsed) is not None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("pls add Rita Gomes as a contact at halvorsen marine - rita@halvorsen.no", "Rita Gomes"),
        ("please add Bo Lind as contact at kestrel", "Bo Lind"),
        ("save this number for kestrel's CTO Ian Park 212-555-0199", "Ian Park"),
        ("por favor cadastra a Joana Lima como contato da grao nobre", "Joana Lima"),
    ],
)
def test_the_person_of_a_contact_added_in_a_hurry(text, name):
    assert contact_details(text)[0] == name


# -- a run-on log, then the day to ping them: the follow-up, not the day it happened -------------


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("talked to bo at kestrel ping him on the 21st", "en", "2026-12-21"),
        (
            "met kestrel the seats need sign off before christmas nudge bo on the 18th",
            "en",
            "2026-12-18",
        ),
        (
            "called halvorsen they want it before new year chase them on the 22nd",
            "en",
            "2026-12-22",
        ),
        (
            "falei com o caio da grao nobre ele acha que fecha antes do natal ligar pra ele dia 21",
            "pt-BR",
            "2026-12-21",
        ),
    ],
)
def test_a_day_to_ping_after_a_run_on_log_is_the_follow_up(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert parsed.date is None or str(parsed.date) == "2026-12-10"
    assert parsed.follow_up is not None and str(parsed.follow_up.due) == day


# -- a day said the hurried way: the end of another day, a reminder's short weekday ------------


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("sent kestrel the proposal EOD yesterday", "en", "2026-12-09"),
        ("send halvorsen the quote by eod tomorrow", "en", "2026-12-11"),
        ("mandei a proposta pra grao nobre ontem fim do dia", "pt-BR", "2026-12-09"),
        ("remind me wed to call kestrel", "en", "2026-12-16"),
        ("remind me sat to send halvorsen the quote", "en", "2026-12-12"),
        ("me lembra qua de ligar pra grao nobre", "pt-BR", "2026-12-16"),
    ],
)
def test_a_day_said_in_a_hurry_is_that_day(text, locale, day):
    assert str(read(text, locale).date) == day


# -- a cadence paused until a day: its steps wait (snoozed), the account stays enrolled -----------


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("pausa a cadencia da grao nobre ate segunda", "pt-BR", "2026-12-14"),
        ("segura a cadencia da grao nobre ate dia 20", "pt-BR", "2026-12-20"),
        ("pause kestrel's sequence till monday", "en", "2026-12-14"),
        ("pause the cadence for halvorsen until jan 5", "en", "2027-01-05"),
    ],
)
def test_a_cadence_paused_until_a_day_is_snoozed(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "cadence_action"
    assert parsed.action == "snooze"
    assert str(parsed.date) == day


def test_a_cadence_paused_with_no_day_is_left():
    assert read("pause halvorsen's sequence", "en").intent == "unenroll"
