"""A channel is a plug-in: one spec listed in `bot.channels.CHANNELS`, nothing else.

A tiny "fakechat" channel, defined here and never shipped, is listed the way a real one is (one
more entry in the registry tuple). With nothing else changed, its config section is read from
the environment and masked as a secret, `ritmo run` builds and starts it, a stranger is told
its own link command, a person links and is answered through the shared journaled path (journal
before ack, a redelivery handled once), and a reply its platform failed to take reaches the
person later through the outbox, under its declared limits.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot import channels
from bot.app import App
from bot.channels.base import ChannelSpec, ConfigField, Host, UndeliveredReplies
from bot.config import Settings
from bot.inbox import InboxWorker
from cadence_jobs.jobs import dispatcher_for
from cadence_jobs.ratelimit import Limits, limiter_for
from handlers.kernel.messages import Answer, Incoming, Reply, Sender
from storage.audit import CLI
from storage.people import Identity

FAKE = "fakechat"
TOKEN = "fakechat-secret-token-1"


class FakeChat:
    """The whole channel: payloads are {"id", "from", "text"}; what it sends is kept in `sent`."""

    platform = FAKE

    def __init__(self, host: Host) -> None:
        assert host.store is not None and host.dispatcher is not None
        self.worker = InboxWorker.for_channel(self, host.store, host.dispatcher, host.now)
        self.sent: list[tuple[str, str]] = []
        self.outage = False  # the platform refuses replies for now

    # inbound
    def event_id(self, payload: dict[str, Any]) -> str | None:
        return payload.get("id")

    def parse(self, payload: dict[str, Any]) -> Incoming | None:
        sender = Sender(FAKE, payload["from"], None, "en")
        return Incoming(sender, payload["from"], payload["id"], text=payload["text"])

    async def respond(
        self, incoming: Incoming | None, payload: dict[str, Any], answer: Answer | None
    ) -> None:
        if incoming is None or answer is None:
            return
        if self.outage:
            raise UndeliveredReplies(answer.replies, "fakechat is down")
        self.sent += [(incoming.chat_id, self.render(r, "en")) for r in answer.replies]

    async def receive(self, payloads: list[dict[str, Any]]) -> str:
        """What its webhook would do: journal, then acknowledge."""
        await self.worker.take(payloads)
        return "ack"

    # outbound
    def render(self, reply: Reply, locale: str) -> str:
        return reply.text

    async def deliver(self, identity: Identity, replies: Sequence[Reply]) -> str:
        self.sent += [(identity.external_id, self.render(r, "en")) for r in replies]
        return f"fake-{len(self.sent)}"

    async def start(self) -> None:
        self.worker.start()

    async def stop(self) -> None:
        await self.worker.stop()


SPEC = ChannelSpec(
    name=FAKE,
    identity_kind="a phone number",
    link_command="/join",
    limits=Limits(per_second=5, per_chat_interval=2.0),
    config=(ConfigField("FAKECHAT_TOKEN", "fakechat_token", secret=True),),
    enabled_by="fakechat_token",
    build=FakeChat,
)


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The one line: CHANNELS gains an entry."""
    monkeypatch.setattr(channels, "CHANNELS", (*channels.CHANNELS, SPEC))
    channels.install()
    yield
    monkeypatch.undo()
    channels.install()


class Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at


async def test_a_fourth_channel_is_listed_once_and_works_end_to_end(
    listed: None, tmp_path: Path
) -> None:
    settings = Settings.from_env({"RITMO_DB": str(tmp_path / "fake.db"), "FAKECHAT_TOKEN": TOKEN})
    assert settings.enabled_channels() == (FAKE,)
    assert TOKEN in settings.secrets  # masked in every log line
    assert FAKE in channels.names() and limiter_for(FAKE).limits == SPEC.limits

    clock = Clock()
    app = App(settings, now=clock)
    await app.open()
    try:
        await app.start_adapters()
        fake = app.adapters[FAKE]
        assert isinstance(fake, FakeChat)

        # A stranger is told this platform's link command; a redelivery is handled once.
        hello = {"id": "e1", "from": "+5511900000000", "text": "hello"}
        assert await fake.receive([hello]) == "ack"
        await fake.receive([hello])
        await fake.worker.drain()
        assert len(fake.sent) == 1 and "/join CODE" in fake.sent[0][1]

        assert app.store is not None
        ana = await app.store.write(
            lambda tx: tx.people.add_person(
                name="Ana", role="rep", timezone="UTC", locale="en", actor=CLI, now=clock()
            )
        )
        code = await app.store.write(
            lambda tx: tx.people.create_link_code(ana.id, timedelta(days=7), CLI, clock())
        )
        await fake.receive([{"id": "e2", "from": "+5511900000000", "text": f"link {code}"}])
        await fake.worker.drain()
        assert "All set, *Ana*" in fake.sent[-1][1]

        # The platform fails to take an answer: the shared path queues it in the outbox, and
        # the outbox delivers it through the channel's outbound half once it is back.
        fake.outage = True
        await fake.receive([{"id": "e3", "from": "+5511900000000", "text": "help"}])
        await fake.worker.drain()
        fake.outage = False
        before = len(fake.sent)
        clock.at += timedelta(minutes=5)
        await dispatcher_for(app).drain()
        assert len(fake.sent) > before
        assert fake.sent[-1][0] == "+5511900000000"
    finally:
        for adapter in app.adapters.values():
            await adapter.stop()
        await app.close()


def test_an_unlisted_platform_is_refused_by_the_registry() -> None:
    with pytest.raises(channels.UnknownPlatform):
        channels.named(FAKE)
