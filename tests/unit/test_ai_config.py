"""The optional AI settings: off by default, read from the environment or `[ai]`, and one
sentence in the operator's language for each bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import ConfigError

URL = "http://127.0.0.1:11434/v1"


def test_without_settings_the_model_is_off() -> None:
    s = Settings.from_env({})
    assert s.ai_base_url is None and s.ai_send_contact_data is False
    assert (s.ai_timeout, s.ai_hourly_limit, s.ai_daily_budget) == (4.0, 30, 500)


def test_the_environment_sets_every_ai_field_and_the_key_is_a_secret() -> None:
    s = Settings.from_env(
        {
            "RITMO_AI_BASE_URL": URL,
            "RITMO_AI_API_KEY": "sk-secret-123",
            "RITMO_AI_MODEL": "qwen",
            "RITMO_AI_TRANSCRIBE_MODEL": "whisper",
            "RITMO_AI_SEND_CONTACT_DATA": "true",
            "RITMO_AI_TIMEOUT": "2.5",
            "RITMO_AI_HOURLY_LIMIT": "10",
            "RITMO_AI_DAILY_BUDGET": "99",
        }
    )
    assert (s.ai_model, s.ai_transcribe_model, s.ai_send_contact_data) == ("qwen", "whisper", True)
    assert (s.ai_timeout, s.ai_hourly_limit, s.ai_daily_budget) == (2.5, 10, 99)
    assert "sk-secret-123" in s.secrets


def test_the_ai_table_of_ritmo_toml_sets_the_same_fields(tmp_path: Path) -> None:
    toml = tmp_path / "ritmo.toml"
    toml.write_text(
        f'[ai]\nbase_url = "{URL}"\nmodel = "llama3"\nsend_contact_data = false\ntimeout = 3\n',
        "utf-8",
    )
    s = Settings.from_env({"RITMO_CONFIG": str(toml)})
    assert (s.ai_base_url, s.ai_model, s.ai_timeout) == (URL, "llama3", 3.0)


@pytest.mark.parametrize(
    ("env", "named", "said"),
    [
        ({"RITMO_AI_MODEL": "qwen"}, "RITMO_AI_MODEL", "needs RITMO_AI_BASE_URL"),
        ({"RITMO_AI_BASE_URL": URL}, "RITMO_AI_BASE_URL", "RITMO_AI_MODEL"),
        (
            {"RITMO_AI_BASE_URL": "localhost:11434", "RITMO_AI_MODEL": "q"},
            "RITMO_AI_BASE_URL",
            "http",
        ),
        (
            {"RITMO_AI_BASE_URL": URL, "RITMO_AI_MODEL": "q", "RITMO_AI_TIMEOUT": "0"},
            "RITMO_AI_TIMEOUT",
            "seconds",
        ),
        (
            {
                "RITMO_AI_BASE_URL": URL,
                "RITMO_AI_MODEL": "q",
                "RITMO_AI_SEND_CONTACT_DATA": "maybe",
            },
            "RITMO_AI_SEND_CONTACT_DATA",
            "true or false",
        ),
        (
            {"RITMO_AI_BASE_URL": URL, "RITMO_AI_MODEL": "q", "RITMO_AI_HOURLY_LIMIT": "-1"},
            "RITMO_AI_HOURLY_LIMIT",
            "positive whole number",
        ),
    ],
)
def test_a_bad_ai_value_is_one_english_sentence_naming_it(env, named, said) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"RITMO_LOCALE": "en", **env})
    message = str(caught.value)
    assert named in message and said in message and "\n" not in message


def test_the_sentence_is_in_portuguese_by_default_and_a_typo_in_ai_is_named(
    tmp_path: Path,
) -> None:
    with pytest.raises(ConfigError, match="deve ser true ou false"):
        Settings.from_env(
            {
                "RITMO_AI_BASE_URL": URL,
                "RITMO_AI_MODEL": "q",
                "RITMO_AI_SEND_CONTACT_DATA": "talvez",
            }
        )
    toml = tmp_path / "ritmo.toml"
    toml.write_text(f'[ai]\nbase_url = "{URL}"\nmodle = "x"\n', "utf-8")
    with pytest.raises(ConfigError, match="ai.model"):
        Settings.from_env({"RITMO_CONFIG": str(toml)})
