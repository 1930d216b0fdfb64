"""Both languages exist for every registered sentence and take the same parameters."""

import string

import pytest

from bot import cli
from handlers.kernel import i18n

cli.build_parser()  # with no argv it imports every command module, registering their texts


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("key", i18n.keys())
def test_both_languages_take_the_same_parameters(key: str) -> None:
    versions = i18n.versions(key)
    assert _fields(versions["pt-BR"]) == _fields(versions["en"])


def test_a_text_missing_a_language_is_refused_at_registration() -> None:
    with pytest.raises(ValueError, match="no en version"):
        i18n.register({"test.only_pt": {"pt-BR": "só português"}})


@pytest.mark.parametrize(
    ("hint", "locale"),
    [
        ("pt", "pt-BR"),
        ("pt_BR", "pt-BR"),
        ("en-US", "en"),
        ("es", "es"),
        ("es-419", "es"),
        ("fr", "pt-BR"),
        (None, "pt-BR"),
    ],
)
def test_platform_language_hints_map_to_a_supported_locale(hint: str | None, locale: str) -> None:
    assert i18n.normalize_locale(hint) == locale
