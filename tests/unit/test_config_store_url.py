"""RITMO_DB (or ritmo.toml's [store] url) names the store: a file path or sqlite:/// URL is
SQLite, a postgresql:// URL is the server; anything else is one sentence naming the variable."""

from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import ConfigError

URL = "postgresql://ritmo:s3cr3t-pw@db.internal:5432/sales"


def test_a_postgresql_url_selects_the_server_and_its_password_is_a_secret() -> None:
    s = Settings.from_env({"RITMO_DB": URL})
    assert s.on_server and s.store_url == URL
    assert s.store_display == "postgresql sales @ db.internal"  # what `ritmo init` prints
    assert "s3cr3t-pw" in s.secrets  # masked in every log line like a token


def test_a_path_and_a_sqlite_url_are_the_sqlite_file() -> None:
    assert Settings.from_env({"RITMO_DB": "/var/lib/ritmo/ritmo.db"}).store_url == (
        "/var/lib/ritmo/ritmo.db"
    )
    relative = Settings.from_env({"RITMO_DB": "sqlite:///data/ritmo.db"})
    absolute = Settings.from_env({"RITMO_DB": "sqlite:////srv/ritmo.db"})
    assert (relative.db_path, absolute.db_path) == (Path("data/ritmo.db"), Path("/srv/ritmo.db"))
    assert not relative.on_server and relative.store_url == "data/ritmo.db"


def test_an_unknown_scheme_is_refused_naming_the_variable_and_the_known_ones() -> None:
    with pytest.raises(ConfigError) as raised:
        Settings.from_env({"RITMO_DB": "mysql://root@localhost/ritmo", "RITMO_LOCALE": "en"})
    text = str(raised.value)
    assert "RITMO_DB" in text and "postgresql://" in text and "sqlite://" in text
    assert "\n" not in text


def test_the_toml_store_table_names_the_server(tmp_path: Path) -> None:
    config = tmp_path / "ritmo.toml"
    config.write_text(f'[store]\nurl = "{URL}"\n', encoding="utf-8")
    s = Settings.from_env({"RITMO_CONFIG": str(config), "RITMO_DB": "ignored.db"})
    assert s.on_server and s.store_url == URL


@pytest.mark.parametrize("body", ['store = "x"', "[store]\nurl = 5", '[store]\nuri = "x"'])
def test_a_malformed_store_table_is_one_sentence(tmp_path: Path, body: str) -> None:
    config = tmp_path / "ritmo.toml"
    config.write_text(body + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        Settings.from_env({"RITMO_CONFIG": str(config), "RITMO_LOCALE": "en"})
    assert "store" in str(raised.value) and "\n" not in str(raised.value)
