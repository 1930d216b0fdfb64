"""Cell parsing: Brazilian and international numbers, dates, e-mails, phones, statuses."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.transfer.values import (
    ValueProblem,
    format_amount,
    parse_amount,
    parse_coordinate,
    parse_currency,
    parse_date,
    parse_email,
    parse_lost_reason,
    parse_phone,
    parse_status,
)


@pytest.mark.parametrize(
    ("cell", "value", "currency"),
    [
        ("1.234,56", 1234.56, None),
        ("R$ 1.234,56", 1234.56, "BRL"),
        ("R$1.234.567,00", 1234567.0, "BRL"),
        ("1,234.56", 1234.56, None),
        ("US$ 1,200.00", 1200.0, "USD"),
        ("4997.0", 4997.0, None),
        ("117.0", 117.0, None),
        ("25000", 25000.0, None),
        ("1.234", 1234.0, None),
        ("1,5", 1.5, None),
        (" 2.500 ", 2500.0, None),
        ("EUR 10", 10.0, "EUR"),
    ],
)
def test_amounts_in_every_notation(cell, value, currency):
    assert parse_amount(cell) == (pytest.approx(value), currency)


@pytest.mark.parametrize("cell", ["mil reais", "1,2,3x", "R$", "-5", "-1.234,00"])
def test_bad_or_negative_amounts_are_refused(cell):
    with pytest.raises(ValueProblem):
        parse_amount(cell)


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_exported_amounts_read_back_exactly(value):
    assert parse_amount(format_amount(value))[0] == value


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("31/12/2026", date(2026, 12, 31)),
        ("2026-12-31", date(2026, 12, 31)),
        ("2023-11-15 20:09", date(2023, 11, 15)),
        ("2024-06-12 12:51:17", date(2024, 6, 12)),
        ("05/07/2026", date(2026, 7, 5)),
        ("31.12.26", date(2026, 12, 31)),
    ],
)
def test_dates_iso_and_day_first(cell, expected):
    assert parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["31/02/2026", "2026-13-01", "amanhã", "12"])
def test_impossible_dates_are_refused(cell):
    with pytest.raises(ValueProblem) as problem:
        parse_date(cell)
    assert problem.value.key == "transfer.bad_date"


def test_email_keeps_the_first_address_lowercased():
    assert parse_email("Luciana@Padaria.com.br, lu@gmail.com") == "luciana@padaria.com.br"
    with pytest.raises(ValueProblem):
        parse_email("fernanda@acmelog")


def test_phone_drops_excel_apostrophe_and_extra_numbers():
    assert parse_phone("'+55 11 98000-1111") == "+55 11 98000-1111"
    assert parse_phone("(61) 99209-9392, (61) 32559311") == "(61) 99209-9392"


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("Em Andamento", "open"),
        ("Vendida", "won"),
        ("Perdida", "lost"),
        ("Won", "won"),
        ("aberto", "open"),
        ("GANHO", "won"),
        ("Closed Lost", "lost"),
    ],
)
def test_statuses_of_every_crm(cell, status):
    assert parse_status(cell) == status


def test_unknown_status_is_refused():
    with pytest.raises(ValueProblem):
        parse_status("pendente")


@pytest.mark.parametrize(
    ("cell", "reason", "known"),
    [
        ("Preço alto", "price", True),
        ("Sem orçamento", "no_budget", True),
        ("Went with a competitor", "competitor", True),
        ("no_decision", "no_decision", True),
        ("Nada", None, True),
        ("Cliente faliu", "other", False),
    ],
)
def test_lost_reasons_map_to_the_standard_list(cell, reason, known):
    assert parse_lost_reason(cell) == (reason, known)


def test_coordinates_accept_decimal_comma_and_check_range():
    assert parse_coordinate("-23,5505", 90) == -23.5505
    with pytest.raises(ValueProblem):
        parse_coordinate("95,0", 90)


def test_currency_codes_and_symbols():
    assert parse_currency("brl") == "BRL"
    assert parse_currency("R$") == "BRL"
    with pytest.raises(ValueProblem):
        parse_currency("reais")
