"""A Slack user's language is asked of users.info once, remembered in a bounded cache, and a
failed or slow answer is None (the caller falls back to RITMO_LOCALE) rather than an error."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from benchmarks.fakes.slack_api import FakeSlackApi
from bot.channels.slack.client import make_client
from bot.channels.slack.locale import SlackLocales


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlackApi]:
    async with FakeSlackApi() as api:
        api.add_user("U1", locale="en-US")
        api.add_user("U2", locale="pt-BR")
        api.add_user("U3", locale="es-ES")
        yield api


def _locales(fake: FakeSlackApi, **kw: object) -> SlackLocales:
    return SlackLocales(make_client("xoxb-test", fake.base_url), **kw)  # type: ignore[arg-type]


async def test_a_users_locale_is_asked_once_with_include_locale(fake: FakeSlackApi) -> None:
    locales = _locales(fake)
    assert [await locales.of("U1") for _ in range(3)] == ["en-US"] * 3
    assert await locales.of("U2") == "pt-BR"
    asked = fake.calls_to("users.info")
    assert [c.params["user"] for c in asked] == ["U1", "U2"]
    assert asked[0].params["include_locale"] in ("1", "true")


async def test_the_cache_keeps_only_the_most_recent_users(fake: FakeSlackApi) -> None:
    locales = _locales(fake, size=2)
    for user in ("U1", "U2", "U1", "U3"):  # U1 used again, so U2 is the one forgotten
        await locales.of(user)
    await locales.of("U1")
    await locales.of("U2")
    assert [c.params["user"] for c in fake.calls_to("users.info")] == ["U1", "U2", "U3", "U2"]


async def test_a_refusal_is_none_and_not_asked_again_for_a_while(fake: FakeSlackApi) -> None:
    ticks = Ticks()
    locales = _locales(fake, retry_after=60.0, monotonic=ticks)
    fake.fail("users.info", "missing_scope")
    assert await locales.of("U1") is None
    assert await locales.of("U1") is None  # remembered: no second call
    assert await locales.of("U404") is None  # user_not_found
    assert len(fake.calls_to("users.info")) == 2
    ticks.now = 61.0
    assert await locales.of("U1") == "en-US"  # Slack answers again; asked once more


async def test_a_slow_answer_is_none_within_the_timeout(fake: FakeSlackApi) -> None:
    fake.delay("users.info", 0.5)
    locales = _locales(fake, timeout=0.05)
    assert await locales.of("U1") is None


async def test_an_unreachable_slack_is_none() -> None:
    async with FakeSlackApi() as api:
        base_url = api.base_url
    locales = SlackLocales(make_client("xoxb-test", base_url), timeout=1.0)
    assert await locales.of("U1") is None
