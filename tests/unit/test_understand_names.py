"""Name matching: accents, case and company suffixes never matter; close calls become questions."""

from __future__ import annotations

from handlers.understanding import Candidate, name_key, normalize, resolve

ACCOUNTS = [
    Candidate(i, n)
    for i, n in enumerate(
        [
            "Padaria Silva Ltda",
            "Padaria Souza ME",
            "Silva Transportes",
            "ACME Indústria S.A.",
            "Academia Fit",
            "Mercado Silveira",
            "Banco do Brasil S.A.",
        ]
    )
]


def names(resolution):
    return [c.name for c in resolution.choices]


def test_suffix_and_case_do_not_matter():
    assert resolve("padaria silva", ACCOUNTS).best.name == "Padaria Silva Ltda"
    assert resolve("acme", ACCOUNTS).best.name == "ACME Indústria S.A."
    assert resolve("ACME INDUSTRIA", ACCOUNTS).best.name == "ACME Indústria S.A."


def test_accents_do_not_matter_either_way():
    people = [Candidate(1, "João Gonçalves", "person"), Candidate(2, "Maria Souza", "person")]
    assert resolve("joao goncalves", people).best.id == 1
    assert resolve("Joäo Gonçalvês", people).best.id == 1


def test_a_typo_still_finds_the_account():
    assert resolve("padria silva", ACCOUNTS).best.name == "Padaria Silva Ltda"


def test_two_close_candidates_become_a_question():
    result = resolve("silva", ACCOUNTS)
    assert result.best is None
    assert set(names(result)) == {"Padaria Silva Ltda", "Silva Transportes"}


def test_two_records_with_the_same_name_are_a_question():
    twins = [Candidate(1, "Acme"), Candidate(2, "ACME ltda")]
    assert {c.id for c in resolve("acme", twins).choices} == {1, 2}


def test_nothing_similar_is_not_found():
    result = resolve("Zebra Têxtil", ACCOUNTS)
    assert not result.found and not result.ambiguous


def test_normalisation():
    assert normalize("  Próximo   passo, ACME?! ") == "proximo passo acme"
    assert name_key("Padaria Silva Ltda.") == "padaria silva"
    assert name_key("ME") == "me"
