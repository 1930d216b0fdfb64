"""`ritmo --help`, usage and argparse's errors speak RITMO_LOCALE (pt-BR, en, es)."""

from __future__ import annotations

import re

import pytest

from bot.cli import build_parser
from bot.cli_locale import DOMAIN, help_texts, speaking
from handlers.kernel import i18n
from tests.cli.conftest import Run, assert_user_mistake

# argparse's own messages a person can meet (not the ones only a programmer's mistake shows).
ARGPARSE_MESSAGES = (
    "usage: ",
    "positional arguments",
    "options",
    "show this help message and exit",
    "argument %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)",
    "the following arguments are required: %s",
    "unrecognized arguments: %s",
    "expected one argument",
    "invalid %(type)s value: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s",
)
_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sr]")


@pytest.mark.parametrize("locale", ["pt-BR", "es"])
def test_every_help_text_and_argparse_message_is_translated_with_its_placeholders(
    locale: str,
) -> None:
    texts = i18n.read_catalogue(i18n.po_path(locale, DOMAIN)).texts
    wanted = help_texts(build_parser()) | set(ARGPARSE_MESSAGES)
    assert sorted(m for m in wanted if not texts.get(m)) == []
    for english in wanted:
        assert sorted(_PLACEHOLDER.findall(texts[english])) == sorted(
            _PLACEHOLDER.findall(english)
        ), english


def test_speaking_restores_argparse_afterwards() -> None:
    with speaking("es"):
        assert "uso:" in build_parser().format_usage()
    assert build_parser().format_usage().startswith("usage:")


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("pt-BR", ["uso: ritmo", "opções", "cria ou migra o banco", "mostra esta ajuda e sai"]),
        ("es", ["uso: ritmo", "opciones", "crea o migra la base", "muestra esta ayuda y sale"]),
        ("en", ["usage: ritmo", "options", "create or migrate the store"]),
    ],
)
def test_help_is_in_the_operators_language(ritmo: Run, locale: str, words: list[str]) -> None:
    result = ritmo("--help", extra_env={"RITMO_LOCALE": locale})
    assert result.returncode == 0, result.stderr
    for word in words:
        assert word in result.stdout


def test_a_subcommands_help_is_translated_too(ritmo: Run) -> None:
    result = ritmo("users", "add", "--help", extra_env={"RITMO_LOCALE": "es"})
    assert result.returncode == 0 and "uso: ritmo users add" in result.stdout
    assert "argumentos posicionales" in result.stdout


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("pt-BR", ["argumento --role: opção inválida: 'boss'", "(veja `ritmo users add --help`)"]),
        (
            "es",
            ["argumento --role: opción no válida: 'boss'", "(consulta `ritmo users add --help`)"],
        ),
        ("en", ["invalid choice: 'boss'"]),
    ],
)
def test_a_bad_argument_is_one_sentence_in_the_operators_language(
    ritmo: Run, locale: str, words: list[str]
) -> None:
    result = ritmo("users", "add", "Ana", "--role", "boss", extra_env={"RITMO_LOCALE": locale})
    assert result.returncode == 2
    assert_user_mistake(result, *words)


def test_a_missing_argument_is_named_in_spanish(ritmo: Run) -> None:
    result = ritmo("backup", extra_env={"RITMO_LOCALE": "es"})
    assert result.returncode == 2
    assert_user_mistake(result, "faltan argumentos obligatorios: file")
