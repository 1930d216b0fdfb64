"""Settings: defaults, overrides from ritmo.toml, and one sentence naming a bad variable."""

from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import ConfigError


def test_defaults_match_the_public_contract() -> None:
    s = Settings.from_env({})
    assert (str(s.db_path), s.timezone, s.locale, s.http_host, s.http_port) == (
        "ritmo.db",
        "America/Sao_Paulo",
        "pt-BR",
        "127.0.0.1",
        8080,
    )
    assert s.telegram_api_base_url == "https://api.telegram.org/bot"
    assert s.slack_api_base_url == "https://slack.com/api/"
    assert s.lease_ttl == 15  # seconds; README "Several processes"
    assert Settings.from_env({"RITMO_LEASE_TTL": "3"}).lease_ttl == 3


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"RITMO_TIMEZONE": "Mars/Olympus"}, "RITMO_TIMEZONE"),
        ({"RITMO_LOCALE": "fr"}, "RITMO_LOCALE"),
        ({"RITMO_HTTP_PORT": "eighty"}, "RITMO_HTTP_PORT"),
        ({"RITMO_LEASE_TTL": "0"}, "RITMO_LEASE_TTL"),
        ({"TELEGRAM_API_BASE_URL": "ftp://x"}, "TELEGRAM_API_BASE_URL"),
        ({"TELEGRAM_WEBHOOK_URL": "https://x/hook"}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"RITMO_CONFIG": "/nonexistent/ritmo.toml"}, "RITMO_CONFIG"),
    ],
)
def test_a_bad_value_fails_naming_the_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.from_env(env)


def test_the_toml_file_overrides_the_environment(tmp_path: Path) -> None:
    cfg = tmp_path / "ritmo.toml"
    cfg.write_text(
        'timezone = "America/Manaus"\nstalled_days = 10\n[holidays]\ncountry = "BR"\n'
        'subdivision = "SP"\n[[stages]]\nkey = "lead"\nlabel_pt = "Lead"\n'
        'label_en = "Lead"\nprobability = 0.05\n',
        "utf-8",
    )
    s = Settings.from_env({"RITMO_CONFIG": str(cfg), "RITMO_TIMEZONE": "UTC"})
    assert s.timezone == "America/Manaus" and s.stalled_days == 10
    assert s.holidays_subdivision == "SP" and [st.key for st in s.stages] == ["lead"]


def test_the_digests_silent_rep_threshold_comes_from_the_toml(tmp_path: Path) -> None:
    cfg = tmp_path / "ritmo.toml"
    cfg.write_text("silent_days = 5\n", "utf-8")
    assert Settings.from_env({"RITMO_CONFIG": str(cfg)}).options().silent_days == 5
    assert Settings.from_env({}).options().silent_days == 3
    cfg.write_text("silent_days = 0\n", "utf-8")
    with pytest.raises(ConfigError, match="silent_days"):
        Settings.from_env({"RITMO_CONFIG": str(cfg), "RITMO_LOCALE": "en"})


def test_broken_toml_is_one_sentence(tmp_path: Path) -> None:
    cfg = tmp_path / "ritmo.toml"
    cfg.write_text("timezone = \n", "utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Settings.from_env({"RITMO_CONFIG": str(cfg), "RITMO_LOCALE": "en"})


def test_a_bad_value_from_the_toml_names_the_field_and_the_file(tmp_path: Path) -> None:
    cfg = tmp_path / "ritmo.toml"
    cfg.write_text('locale = "en"\ndigest_time = "8h"\n', "utf-8")
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"RITMO_CONFIG": str(cfg)})
    assert str(caught.value) == (
        f"digest_time in {cfg} must be a time like 08:00 (got '8h')."
    )  # said in the file's own locale, which RITMO_LOCALE (unset) would have made pt-BR


def test_the_toml_locale_wins_over_the_environment_only_when_valid(tmp_path: Path) -> None:
    cfg = tmp_path / "ritmo.toml"
    cfg.write_text('locale = "fr"\n', "utf-8")
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"RITMO_CONFIG": str(cfg), "RITMO_LOCALE": "en"})
    assert str(caught.value) == f"locale in {cfg} must be one of: pt-BR, en, es (got 'fr')."
