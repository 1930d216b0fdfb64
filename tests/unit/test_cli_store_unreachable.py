"""A CLI command whose PostgreSQL server went away (PgSyncStore reconnects once, then gives up)
ends with one sentence in the person's language, not the driver's text."""

from __future__ import annotations

import pytest

from bot.cli import _store_error
from storage.errors import StoreUnavailable

DRIVER_TEXT = "consuming input failed: server closed the connection unexpectedly"


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        ("pt-BR", "Rode de novo quando o servidor voltar"),
        ("en", "Run it again when the server is back"),
    ],
)
@pytest.mark.parametrize("kind", ["reconnecting", "commit_unknown"])
def test_a_server_away_is_one_plain_sentence(locale: str, said: str, kind: str) -> None:
    text = _store_error(StoreUnavailable(kind, DRIVER_TEXT), locale)
    assert said in text
    assert DRIVER_TEXT not in text and "store can't write" not in text
