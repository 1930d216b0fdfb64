"""One record per real company: dedupe keys and near matches."""

import pytest

from handlers.transfer.dedupe import NearMatcher, company_key


@pytest.mark.parametrize(
    "name",
    [
        "Padaria Silva Ltda",
        "PADARIA SILVA",
        "Padaria Silva - ME",
        "padaria silva ltda.",
        "Padaria Silva EPP",
        "Padaria Silva EIRELI",
        "Padaria Silva S.A.",
        "Padaria Silva S/A",
    ],
)
def test_legal_suffixes_case_and_punctuation_do_not_matter(name):
    assert company_key(name) == "padaria silva"


def test_accents_do_not_matter():
    assert company_key("Metalúrgica São Jorge") == company_key("Metalurgica Sao Jorge S.A.")


def test_english_suffixes():
    assert company_key("Acme, Inc.") == company_key("ACME LLC") == "acme"


def test_a_name_that_is_only_a_suffix_keeps_a_key():
    assert company_key("S.A.") != ""


def test_near_match_catches_typos_but_keeps_similar_companies_apart():
    matcher = NearMatcher()
    matcher.add(1, "Padaria Silva Ltda")
    matcher.add(2, "Metalúrgica São Jorge S.A.")
    assert matcher.find("padaria silva").id == 1
    assert matcher.find("padaria silva").exact
    typo = matcher.find("Metalurgica Sao Jorje")
    assert typo.id == 2 and not typo.exact
    assert matcher.find("Padaria Silveira") is None
    assert matcher.find("Padaria Souza") is None


def test_short_names_only_match_exactly():
    matcher = NearMatcher()
    matcher.add(1, "Acme")
    assert matcher.find("Acne") is None
    assert matcher.find("ACME Ltda").id == 1


def test_names_that_differ_in_a_number_are_different_companies():
    matcher = NearMatcher()
    matcher.add(1, "Supermercado Bom Preço Loja 12")
    assert matcher.find("Supermercado Bom Preço Loja 13") is None
    assert matcher.find("Supermercado Bom Preco Loja 12 Ltda").id == 1


def test_a_typo_in_any_word_of_a_longer_name_is_still_caught():
    matcher = NearMatcher()
    for i, name in enumerate(
        ["Padaria Souza Norte", "Padaria Silva Santos Ltda", "Transportes Silva Santos"]
    ):
        matcher.add(i, name)
    assert matcher.find("Padaira Silva Santos").id == 1  # typo in the common first word
    assert matcher.find("Padaria Silva Santso ME").id == 1  # typo in the last word
