"""A misconfigured deployment is told what is wrong in the operator's language, in one sentence."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import Run, assert_user_mistake


def _said(result: subprocess.CompletedProcess[str]) -> str:
    assert_user_mistake(result)
    return result.stderr.strip()


@pytest.mark.parametrize(
    ("locale", "sentence"),
    [
        (
            "en",
            "ritmo: RITMO_HTTP_PORT must be a positive whole number, like 8080 (got 'eighty').",
        ),
        (
            "pt-BR",
            "ritmo: RITMO_HTTP_PORT deve ser um número inteiro positivo, como 8080 "
            "(recebido 'eighty').",
        ),
        (  # RITMO_LOCALE unset: pt-BR, the default
            "",
            "ritmo: RITMO_HTTP_PORT deve ser um número inteiro positivo, como 8080 "
            "(recebido 'eighty').",
        ),
    ],
)
def test_a_bad_number_is_explained_in_ritmo_locale(ritmo: Run, locale: str, sentence: str) -> None:
    result = ritmo(
        "users", "list", extra_env={"RITMO_LOCALE": locale, "RITMO_HTTP_PORT": "eighty"}
    )
    assert _said(result) == sentence


@pytest.mark.parametrize(
    ("locale", "sentence"),
    [
        (
            "en",
            "ritmo: SLACK_BOT_TOKEN needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET "
            "(HTTP mode); set one of them.",
        ),
        (
            "pt-BR",
            "ritmo: SLACK_BOT_TOKEN precisa de SLACK_APP_TOKEN (Socket Mode) ou de "
            "SLACK_SIGNING_SECRET (modo HTTP); defina um dos dois.",
        ),
    ],
)
def test_a_missing_companion_variable_is_named_in_ritmo_locale(
    ritmo: Run, locale: str, sentence: str
) -> None:
    result = ritmo("init", extra_env={"RITMO_LOCALE": locale, "SLACK_BOT_TOKEN": "xoxb-1"})
    assert _said(result) == sentence


def test_a_missing_config_file_is_named_in_ritmo_locale(ritmo: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "ritmo.toml"
    english = _said(ritmo("init", extra_env={"RITMO_LOCALE": "en", "RITMO_CONFIG": str(missing)}))
    assert english == (
        f"ritmo: RITMO_CONFIG names {missing}, which does not exist; create the file or fix "
        "the path."
    )
    portuguese = _said(
        ritmo("init", extra_env={"RITMO_LOCALE": "pt-BR", "RITMO_CONFIG": str(missing)})
    )
    assert portuguese == (
        f"ritmo: RITMO_CONFIG aponta para {missing}, que não existe; crie o arquivo ou corrija "
        "o caminho."
    )
    assert not (tmp_path / "ritmo.db").exists()  # stopped before touching the store


def test_an_invalid_ritmo_locale_is_explained_in_portuguese(ritmo: Run) -> None:
    result = ritmo("users", "list", extra_env={"RITMO_LOCALE": "fr"})
    assert _said(result) == "ritmo: RITMO_LOCALE deve ser um de: pt-BR, en (recebido 'fr')."


def test_a_bad_field_in_ritmo_toml_names_the_field_and_the_file(
    ritmo: Run, tmp_path: Path
) -> None:
    cfg = tmp_path / "ritmo.toml"
    cfg.write_text('timezone = "Mars/Olympus"\n', "utf-8")
    result = ritmo("users", "list", extra_env={"RITMO_LOCALE": "pt-BR", "RITMO_CONFIG": str(cfg)})
    assert _said(result) == (
        f"ritmo: timezone em {cfg} não é um fuso horário conhecido ('Mars/Olympus'); use um "
        "nome IANA como America/Sao_Paulo."
    )


def test_nothing_to_run_is_said_in_ritmo_locale(ritmo: Run) -> None:
    result = ritmo("run", extra_env={"RITMO_LOCALE": "pt-BR", "RITMO_HTTP_PORT": "18998"})
    assert _said(result) == (
        "ritmo: Nada para rodar: defina TELEGRAM_BOT_TOKEN e/ou SLACK_BOT_TOKEN, ou experimente "
        "`ritmo demo` para o console."
    )
