"""Slack end to end: signed requests to ritmo's real /slack/events, Web API calls to a fake.

The `slack` tests run on SQLite and on PostgreSQL (`store_url`); a refused bot token stops
start-up before any store work and runs on SQLite only."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

import bot.app as app_module
from benchmarks.fakes.slack_api import FakeSlackApi
from benchmarks.fakes.slack_signing import (
    SignedRequest,
    action_request,
    command_request,
    event_request,
    sign,
)
from bot.app import App
from bot.config import Settings
from handlers.kernel.messages import Answer, Button, Reply
from handlers.kernel.router import Router
from storage.audit import Actor
from storage.interface import Tx
from storage.people import Identity, Person
from tests.e2e.slack_app import SECRET, SlackApp, running

TEST = Actor.system("test")

# A stand-in capability with a button, until cadence reminders exist on main.
probe = Router("probe")


@probe.message(lambda msg, ctx: msg.text == "probe")
async def _probe(msg: Any, ctx: Any) -> Answer:
    buttons = (
        Button("Done", "probe.done", {"n": 1}, style="primary"),
        Button("Skip", "probe.skip"),
    )
    return Answer([Reply("Call *Acme*", buttons=buttons, private=True)], intent="probe")


slow_gate: dict[str, asyncio.Event] = {}  # made per test: an Event binds to one loop


@probe.message(lambda msg, ctx: msg.text == "slow")
async def _slow(msg: Any, ctx: Any) -> Answer:
    await slow_gate["release"].wait()  # work that outlasts Slack's 3-second acknowledgement window
    return Answer([Reply("finally")], intent="probe")


@probe.message(lambda msg, ctx: msg.text == "public probe")
async def _public_probe(msg: Any, ctx: Any) -> Answer:
    return Answer([Reply("Pick one", buttons=(Button("Show", "probe.show"),))], intent="probe")


@probe.action("probe.show")
async def _probe_show(msg: Any, ctx: Any, args: dict[str, Any]) -> Answer:
    return Answer([Reply("Pipeline: R$ 1.000.000", private=True, edit=True)], intent="probe")


@probe.action("probe.done")
async def _probe_done(msg: Any, ctx: Any, args: dict[str, Any]) -> Answer:
    return Answer([Reply(f"Marked done ({args['n']})", private=True)], intent="probe")


class Slack(SlackApp):
    async def send(self, req: SignedRequest) -> int:
        response = await self.http.post("/slack/events", data=req.body, headers=req.headers)
        return response.status

    async def event(self, event: dict[str, Any], **kw: Any) -> int:
        return await self.send(event_request(SECRET, event, **kw))

    async def dm(self, user: str, text: str, ts: str = "1700000100.000100", **kw: Any) -> int:
        event = {
            "type": "message",
            "channel_type": "im",
            "user": user,
            "channel": "D" + user,
            "ts": ts,
            "text": text,
        }
        return await self.event(event, event_id=f"Ev-{user}-{ts}", **kw)

    async def command(self, user: str, text: str, channel: str | None = None) -> int:
        channel = channel or "D" + user
        return await self.send(
            command_request(
                SECRET,
                text,
                user_id=user,
                channel_id=channel,
                trigger_id=f"trig-{user}-{time.monotonic_ns()}",
                response_url=self.fake.hooks_url + "cmd",
            )
        )

    async def person(
        self, name: str, locale: str = "en", role: str = "rep", slack_user: str | None = None
    ) -> Person:
        assert self.app.store is not None

        def add(tx: Tx) -> Person:
            person = tx.people.add_person(
                name=name,
                role=role,
                timezone="America/Sao_Paulo",
                locale=locale,
                actor=TEST,
                now=self.app.now(),
                team="Sales",
            )
            if slack_user:
                tx.people.link_identity(
                    person.id, "slack", slack_user, "D" + slack_user, TEST, self.app.now()
                )
            return person

        return await self.app.store.write(add)

    async def link_code(self, person: Person) -> str:
        assert self.app.store is not None
        return await self.app.store.write(
            lambda tx: tx.people.create_link_code(
                person.id, timedelta(days=7), TEST, self.app.now()
            )
        )

    async def inbox_rows(self) -> int:
        assert self.app.store is not None
        return await self.app.store.read(lambda tx: tx.inbox.count("slack"))

    def texts(self, method: str) -> list[str]:
        return [c.params.get("text", "") for c in self.fake.calls_to(method)]


@pytest.fixture
async def slack(
    store_url: str, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> AsyncIterator[Slack]:
    routers = app_module.build_routers()
    monkeypatch.setattr(app_module, "build_routers", lambda: [*routers, probe])
    # The clock: a Monday morning in São Paulo, working hours.
    async with running(store_url, "en", clock) as running_app:
        yield Slack(running_app.app, running_app.fake, running_app.http)


def _to(channel: str):
    return lambda call: call.params.get("channel") == channel


async def test_linking_with_the_slash_command(slack: Slack) -> None:
    ana = await slack.person("Ana Souza", locale="pt-BR")
    code = await slack.link_code(ana)
    assert await slack.command("U1", f"link {code}") == 200
    call = await slack.fake.wait_for("chat.postMessage", _to("DU1"))
    assert "Ana Souza" in call.params["text"]
    assert "vinculada" in call.params["text"]
    assert slack.app.store is not None
    linked = await slack.app.store.read(lambda tx: tx.people.person_for_identity("slack", "U1"))
    assert linked is not None and linked.id == ana.id


async def test_an_unknown_user_gets_one_polite_refusal_and_nothing_else(slack: Slack) -> None:
    assert await slack.dm("U9", "what's my pipeline?") == 200
    call = await slack.fake.wait_for("chat.postMessage", _to("DU9"))
    await slack.adapter.worker.drain()
    assert "don't know you yet" in call.params["text"]
    assert len(slack.fake.calls_to("chat.postMessage")) == 1
    assert not any(c.blocks and c.blocks[-1]["type"] == "actions" for c in slack.fake.calls)


async def test_a_bad_signature_is_refused_and_changes_nothing(slack: Slack) -> None:
    forged = event_request(
        "not-the-secret",
        {
            "type": "message",
            "channel_type": "im",
            "user": "U1",
            "channel": "DU1",
            "ts": "1.1",
            "text": "help",
        },
    )
    assert await slack.send(forged) == 401
    await slack.adapter.worker.drain()
    assert await slack.inbox_rows() == 0
    assert slack.fake.calls_to("chat.postMessage") == []


async def test_a_replayed_old_request_is_refused(slack: Slack) -> None:
    old = int(time.time()) - 6 * 60
    replay = command_request(SECRET, "help", user_id="U1", channel_id="DU1", timestamp=old)
    assert await slack.send(replay) == 401
    await slack.adapter.worker.drain()
    assert await slack.inbox_rows() == 0


async def test_a_retried_event_is_stored_and_answered_once(slack: Slack) -> None:
    await slack.person("Bruno", slack_user="U2")
    assert await slack.dm("U2", "help", ts="1700000200.000100") == 200
    assert await slack.dm("U2", "help", ts="1700000200.000100", retry_num=1) == 200
    await slack.fake.wait_for("chat.postMessage", _to("DU2"))
    await slack.adapter.worker.drain()
    assert await slack.inbox_rows() == 1
    assert len(slack.fake.calls_to("chat.postMessage")) == 1


async def test_a_command_in_a_channel_is_answered_only_to_its_author(slack: Slack) -> None:
    await slack.person("Carla", slack_user="U3")
    assert await slack.command("U3", "help", channel="C777") == 200
    call = await slack.fake.wait_for("chat.postEphemeral")
    assert (call.params["channel"], call.params["user"]) == ("C777", "U3")
    assert "I keep the rhythm" in call.params["text"]
    await slack.adapter.worker.drain()
    assert slack.fake.calls_to("chat.postMessage") == []


async def test_an_ephemeral_refusal_falls_back_to_the_response_url(slack: Slack) -> None:
    await slack.person("Carla", slack_user="U3")
    slack.fake.fail("chat.postEphemeral", "channel_not_found")
    assert await slack.command("U3", "help", channel="G123") == 200
    call = await slack.fake.wait_for("response_url")
    assert call.params["response_type"] == "ephemeral"
    assert "I keep the rhythm" in call.params["text"]


async def test_app_home_is_published_for_a_linked_person(slack: Slack) -> None:
    await slack.person("Dora", slack_user="U4")
    assert (
        await slack.event(
            {"type": "app_home_opened", "user": "U4", "tab": "home", "channel": "DU4"},
            event_id="EvHome1",
        )
        == 200
    )
    call = await slack.fake.wait_for("views.publish")
    assert call.params["user_id"] == "U4"
    view = call.view
    assert view["type"] == "home"
    assert view["blocks"][0]["type"] == "header"
    assert len(view["blocks"]) > 1


async def test_app_home_for_a_stranger_shows_only_the_refusal(slack: Slack) -> None:
    assert (
        await slack.event(
            {"type": "app_home_opened", "user": "U5", "tab": "home"}, event_id="EvHome2"
        )
        == 200
    )
    view = (await slack.fake.wait_for("views.publish")).view
    text = json.dumps(view)
    assert "don't know you yet" in text
    assert all(b["type"] != "actions" for b in view["blocks"])


async def test_a_button_is_pressed_once_and_its_message_updated(slack: Slack) -> None:
    await slack.person("Eva", slack_user="U6")
    assert await slack.dm("U6", "probe") == 200
    posted = await slack.fake.wait_for("chat.postMessage", _to("DU6"))
    buttons = posted.blocks[-1]["elements"]
    assert [b["text"]["text"] for b in buttons] == ["Done", "Skip"]
    payload_kw = {
        "user_id": "U6",
        "channel_id": "DU6",
        "message_ts": "1700000000.000001",
        "trigger_id": "trig-press-1",
    }
    press = action_request(SECRET, buttons[0]["value"], **payload_kw)
    assert await slack.send(press) == 200
    update = await slack.fake.wait_for("chat.update")
    assert update.params["ts"] == "1700000000.000001"
    assert all(b["type"] != "actions" for b in update.blocks)
    done = await slack.fake.wait_for(
        "chat.postMessage", lambda c: "Marked done" in c.params["text"]
    )
    assert done.params["channel"] == "DU6"


async def test_someone_elses_button_is_refused_and_the_message_left_alone(slack: Slack) -> None:
    await slack.person("Eva", slack_user="U6")
    await slack.person("Fabio", slack_user="U7")
    await slack.dm("U6", "probe")
    posted = await slack.fake.wait_for("chat.postMessage", _to("DU6"))
    token = posted.blocks[-1]["elements"][0]["value"]
    press = action_request(
        SECRET,
        token,
        user_id="U7",
        channel_id="C1",
        trigger_id="trig-x",
        response_url=slack.fake.hooks_url + "act",
    )
    assert await slack.send(press) == 200
    refusal = await slack.fake.wait_for("chat.postEphemeral")
    assert refusal.params["user"] == "U7"
    assert "no longer valid" in refusal.params["text"]
    assert slack.fake.calls_to("chat.update") == []


async def test_a_429_is_honoured_before_answering(slack: Slack) -> None:
    await slack.person("Gil", slack_user="U8")
    slack.fake.rate_limit("chat.postMessage", times=1, retry_after=1)
    assert await slack.dm("U8", "help") == 200
    await slack.fake.wait_for("chat.postMessage", _to("DU8"))
    attempts = [c for c in slack.fake.calls if c.method == "chat.postMessage"]
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 1.0


async def test_a_mention_in_a_channel_keeps_personal_replies_private(slack: Slack) -> None:
    await slack.person("Hugo", slack_user="U10")
    mention = {
        "type": "app_mention",
        "user": "U10",
        "channel": "C42",
        "ts": "1700000300.1",
        "text": "<@UBOT> probe",
    }
    assert await slack.event(mention, event_id="EvMention1") == 200
    call = await slack.fake.wait_for("chat.postEphemeral")
    assert (call.params["channel"], call.params["user"]) == ("C42", "U10")
    await slack.adapter.worker.drain()
    assert slack.fake.calls_to("chat.postMessage") == []


async def test_a_public_answer_to_a_mention_goes_in_the_thread(slack: Slack) -> None:
    await slack.person("Hugo", slack_user="U10")
    mention = {
        "type": "app_mention",
        "user": "U10",
        "channel": "C42",
        "ts": "1700000300.2",
        "text": "<@UBOT> help",
    }
    await slack.event(mention, event_id="EvMention2")
    call = await slack.fake.wait_for("chat.postMessage")
    assert (call.params["channel"], call.params["thread_ts"]) == ("C42", "1700000300.2")


async def test_a_proactive_message_is_a_dm_opened_on_demand(slack: Slack) -> None:
    person = await slack.person("Iris", locale="pt-BR")
    identity = Identity(0, person.id, "slack", "U11", None, True)
    ts = await slack.adapter.deliver(identity, [Reply("Lembrete: *ligar* para a Acme")])
    call = await slack.fake.wait_for("chat.postMessage")
    assert call.params["channel"] == "DU11"
    assert ts == slack.fake.calls_to("chat.postMessage")[0].params.get("ts", ts)
    assert slack.fake.calls_to("conversations.open")[0].params["users"] == "U11"


async def test_a_proactive_message_to_an_unreachable_person_is_a_permanent_failure(
    slack: Slack,
) -> None:
    from bot.channels.base import DeliveryError

    person = await slack.person("Juca")
    identity = Identity(0, person.id, "slack", "U12", "DU12", True)
    slack.fake.fail("chat.postMessage", "account_inactive")
    with pytest.raises(DeliveryError) as failure:
        await slack.adapter.deliver(identity, [Reply("oi")])
    assert failure.value.permanent


async def test_an_event_is_journaled_before_slack_gets_its_acknowledgement(slack: Slack) -> None:
    await slack.person("Kai", slack_user="U13")
    assert await slack.dm("U13", "help") == 200
    assert await slack.inbox_rows() == 1  # committed by the time the 200 left


async def test_url_verification_is_answered_with_the_challenge(slack: Slack) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "x"}).encode()
    req = sign(SECRET, body, "application/json")
    response = await slack.http.post("/slack/events", data=req.body, headers=req.headers)
    assert response.status == 200
    assert (await response.json())["challenge"] == "c-123"


async def test_a_reminder_dm_is_marked_done_with_its_button(slack: Slack) -> None:
    from cadence_jobs import jobs, scan

    rep = await slack.person("Lara", locale="en", slack_user="U20")
    now, options = slack.app.now(), slack.app.settings.options()
    enrolment_id = await _enrol(slack, rep)
    assert slack.app.store is not None
    assert await slack.app.store.write(scan.queue_due, now, options) == 1
    await jobs.dispatcher_for(slack.app).drain()

    reminder = await slack.fake.wait_for("chat.postMessage", _to("DU20"))
    reminder_ts = (await slack.app.store.read(lambda tx: tx.outbox.get(1))).platform_message_id
    assert "Acme &amp; Co" in reminder.params["text"]
    buttons = {b["action_id"]: b for b in reminder.blocks[-1]["elements"]}
    done = next(b for b in buttons.values() if b["text"]["text"] == "Done")
    press = action_request(
        SECRET,
        done["value"],
        user_id="U20",
        channel_id="DU20",
        message_ts=reminder_ts,
        trigger_id="trig-done",
    )
    assert await slack.send(press) == 200
    update = await slack.fake.wait_for("chat.update")
    assert update.params["ts"] == reminder_ts
    assert "Next step" in update.params["text"]  # the reminder now says what was done
    assert all(b["type"] != "actions" for b in update.blocks)
    after = await slack.app.store.read(lambda tx: tx.enrolments.get(enrolment_id))
    assert after.step_index == 1


async def test_a_button_on_an_ephemeral_message_replaces_it_through_response_url(
    slack: Slack,
) -> None:
    await slack.person("Hugo", slack_user="U10")
    mention = {
        "type": "app_mention",
        "user": "U10",
        "channel": "C42",
        "ts": "1700000300.3",
        "text": "<@UBOT> probe",
    }
    await slack.event(mention, event_id="EvMention3")
    shown = await slack.fake.wait_for("chat.postEphemeral")
    token = shown.blocks[-1]["elements"][0]["value"]
    press = action_request(
        SECRET,
        token,
        user_id="U10",
        channel_id="C42",
        ephemeral=True,
        trigger_id="trig-eph",
        response_url=slack.fake.hooks_url + "eph",
    )
    assert await slack.send(press) == 200
    replaced = await slack.fake.wait_for("response_url")
    assert replaced.params["replace_original"] is True
    assert all(b["type"] != "actions" for b in replaced.params["blocks"])
    done = await slack.fake.wait_for(
        "chat.postEphemeral", lambda c: "Marked done" in c.params["text"]
    )
    assert done.params["user"] == "U10"
    assert slack.fake.calls_to("chat.update") == []


async def test_a_refused_bot_token_stops_ritmo_with_one_sentence(tmp_path: Any) -> None:
    from bot.errors import ConfigError

    async with FakeSlackApi() as fake:
        fake.fail("auth.test", "invalid_auth")
        settings = Settings.from_env(
            {
                "RITMO_DB": str(tmp_path / "ritmo.db"),
                "SLACK_BOT_TOKEN": "xoxb-wrong",
                "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_BASE_URL": fake.base_url,
            }
        )
        app = App(settings)
        await app.open()
        try:
            with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN"):
                await app.start_adapters()
        finally:
            await app.close()


async def test_a_bare_slash_command_shows_help_in_the_persons_language(slack: Slack) -> None:
    await slack.person("Marcos", locale="pt-BR", slack_user="U21")
    assert await slack.command("U21", "") == 200
    call = await slack.fake.wait_for("chat.postMessage", _to("DU21"))
    assert "Eu acompanho o ritmo das suas vendas" in call.params["text"]
    section = call.blocks[0]["text"]["text"]
    assert "• *registrar ligação Acme: CFO quer proposta até sexta*" in section


async def test_a_private_edit_never_replaces_a_message_others_can_read(slack: Slack) -> None:
    await slack.person("Nina", slack_user="U22")
    await slack.event(
        {
            "type": "app_mention",
            "user": "U22",
            "channel": "C9",
            "ts": "1700000400.1",
            "text": "<@UBOT> public probe",
        },
        event_id="EvMention4",
    )
    shown = await slack.fake.wait_for("chat.postMessage", _to("C9"))
    token = shown.blocks[-1]["elements"][0]["value"]
    press = action_request(
        SECRET,
        token,
        user_id="U22",
        channel_id="C9",
        message_ts="1700000000.000001",
        trigger_id="trig-pub",
        response_url=slack.fake.hooks_url + "pub",
    )
    assert await slack.send(press) == 200
    secret = await slack.fake.wait_for("chat.postEphemeral")
    assert "Pipeline: R$ 1.000.000" in secret.params["text"]
    update = await slack.fake.wait_for("chat.update")
    assert "R$" not in json.dumps(update.params)


async def test_slow_work_happens_after_the_acknowledgement(slack: Slack) -> None:
    await slack.person("Otto", slack_user="U23")
    slow_gate["release"] = asyncio.Event()
    assert await slack.dm("U23", "slow") == 200  # acknowledged while the handler still waits
    assert slack.fake.calls_to("chat.postMessage") == []
    slow_gate["release"].set()
    call = await slack.fake.wait_for("chat.postMessage", _to("DU23"))
    assert call.params["text"] == "finally"


async def _enrol(slack: Slack, rep: Person) -> int:
    """Acme & Co in the exploratory cadence for `rep`: its first step is due now."""
    from cadence_jobs import workflow

    now, options = slack.app.now(), slack.app.settings.options()

    def enrol(tx: Tx) -> int:
        acme = tx.accounts.create_account(name="Acme & Co", owner_id=rep.id, actor=TEST, now=now)
        maria = tx.accounts.create_contact(
            account_id=acme.id, name="Maria", actor=TEST, now=now, email="maria@acme.com"
        )
        return workflow.enrol(
            tx,
            actor=Actor.person(rep.id),
            cadence_key="exploratory",
            account_id=acme.id,
            owner_id=rep.id,
            now=now,
            options=options,
            contact_id=maria.id,
        ).id

    assert slack.app.store is not None
    return await slack.app.store.write(enrol)


async def _book(slack: Slack, rep: Person) -> None:
    """An account with an open deal for `rep`, so logging and asking have something to find."""

    now = slack.app.now()

    def add(tx: Tx) -> None:
        for name, amount in (("Acme Corp", 50000.0), ("Padaria Silva", 12000.0)):
            account = tx.accounts.create_account(name=name, owner_id=rep.id, actor=TEST, now=now)
            tx.deals.create_deal(
                account_id=account.id,
                owner_id=rep.id,
                title=f"{name} deal",
                stage_key="proposal",
                amount=amount,
                currency="BRL",
                actor=TEST,
                now=now,
            )

    assert slack.app.store is not None
    await slack.app.store.write(add)


async def test_logging_a_call_in_english_from_a_direct_message(slack: Slack) -> None:

    rep = await slack.person("Paula", locale="en", slack_user="U30")
    await _book(slack, rep)
    assert await slack.dm("U30", "log call Acme: CFO wants a proposal") == 200
    answer = await slack.fake.wait_for("chat.postMessage", _to("DU30"))
    assert "Logged call with *Acme Corp*" in answer.blocks[0]["text"]["text"]
    assert slack.app.store is not None
    logged = await slack.app.store.read(lambda tx: tx.interactions.recent_for_account(1, None))
    assert [(i.kind, i.source_platform) for i in logged] == [("call", "slack")]


async def test_logging_in_portuguese_with_the_slash_command(slack: Slack) -> None:

    rep = await slack.person("Quitéria", locale="pt-BR", slack_user="U31")
    await _book(slack, rep)
    assert await slack.command("U31", "log visitei a padaria silva, pediram orçamento") == 200
    answer = await slack.fake.wait_for("chat.postMessage", _to("DU31"))
    assert "Registrei" in answer.params["text"] and "Padaria Silva" in answer.params["text"]
    assert slack.app.store is not None
    logged = await slack.app.store.read(lambda tx: tx.interactions.recent_for_account(2, None))
    assert [i.kind for i in logged] == ["visit"]


async def test_a_log_card_is_confirmed_with_its_button(slack: Slack) -> None:
    rep = await slack.person("Vera", locale="en", slack_user="U35")
    await _book(slack, rep)
    assert await slack.dm("U35", "called Acme, deal is now 80k") == 200
    card = await slack.fake.wait_for("chat.postMessage", _to("DU35"))
    confirm = card.blocks[-1]["elements"][0]
    assert confirm["text"]["text"] == "Confirm"
    press = action_request(
        SECRET,
        confirm["value"],
        user_id="U35",
        channel_id="DU35",
        message_ts="1700000000.000001",
        trigger_id="trig-log-card",
    )
    assert await slack.send(press) == 200
    update = await slack.fake.wait_for("chat.update")
    assert "Acme Corp" in update.params["text"]
    assert all(b["type"] != "actions" for b in update.blocks)


async def test_asking_for_the_pipeline_in_portuguese_stays_private_in_a_channel(
    slack: Slack,
) -> None:
    rep = await slack.person("Rafa", locale="pt-BR", slack_user="U32")
    await _book(slack, rep)
    mention = {
        "type": "app_mention",
        "user": "U32",
        "channel": "C55",
        "ts": "1700000600.1",
        "text": "<@UBOT> meu pipeline",
    }
    assert await slack.event(mention, event_id="EvPipe1") == 200
    answer = await slack.fake.wait_for("chat.postEphemeral")
    assert answer.params["user"] == "U32"
    assert "Pipeline" in answer.params["text"] and "Proposta" in answer.params["text"]
    await slack.adapter.worker.drain()
    assert slack.fake.calls_to("chat.postMessage") == []


async def test_asking_whats_due_today_in_english(slack: Slack) -> None:
    rep = await slack.person("Sam", locale="en", slack_user="U33")
    await _enrol(slack, rep)
    assert await slack.command("U33", "today") == 200
    answer = await slack.fake.wait_for("chat.postMessage", _to("DU33"))
    assert "Your agenda for today (1)" in answer.params["text"]
    assert "Acme &amp; Co" in answer.params["text"]


async def test_asking_whats_due_today_in_portuguese(slack: Slack) -> None:
    rep = await slack.person("Simone", locale="pt-BR", slack_user="U36")
    await _enrol(slack, rep)
    assert await slack.dm("U36", "o que tenho hoje?") == 200
    answer = await slack.fake.wait_for("chat.postMessage", _to("DU36"))
    assert "Sua agenda de hoje (1)" in answer.params["text"]


async def test_app_home_shows_the_agenda_and_the_pipeline(slack: Slack) -> None:
    rep = await slack.person("Tina", locale="en", slack_user="U34")
    await _book(slack, rep)
    await _enrol(slack, rep)
    await slack.event(
        {"type": "app_home_opened", "user": "U34", "tab": "home"}, event_id="EvHome3"
    )
    view = json.dumps((await slack.fake.wait_for("views.publish")).view)
    assert "Pipeline" in view and "Proposal" in view
    assert "Your agenda for today" in view


async def test_a_managers_home_also_shows_who_is_behind(slack: Slack, clock: Any) -> None:
    rep = await slack.person("Ugo", locale="en", slack_user="U37")
    await _enrol(slack, rep)
    await slack.person("Wanda", locale="en", role="manager", slack_user="U38")
    clock.advance(days=7)  # the rep's first step is now a week late
    await slack.event(
        {"type": "app_home_opened", "user": "U38", "tab": "home"}, event_id="EvHome4"
    )
    view = json.dumps((await slack.fake.wait_for("views.publish")).view)
    assert "Who is behind" in view and "Ugo" in view
    await slack.event(
        {"type": "app_home_opened", "user": "U37", "tab": "home"}, event_id="EvHome5"
    )
    own = await slack.fake.wait_for("views.publish", lambda c: c.params["user_id"] == "U37")
    assert "Who is behind" not in json.dumps(own.view)


async def _queue_digest(slack: Slack, name: str, user: str, locale: str = "en") -> bytes:
    """`name` manages the Sales team; their digest is queued in the outbox as the morning job
    queues it. Returns the chart the payload carries."""
    from handlers.reports import digest

    manager = await slack.person(name, locale=locale, role="manager", slack_user=user)
    store, now = slack.app.store, slack.app.now()
    assert store is not None

    def manage(tx: Tx) -> None:
        team = tx.people.ensure_team("Sales", TEST, now)
        tx.people.set_team_manager(team.id, manager.id, TEST, now)

    await store.write(manage)
    payload = await digest.outbox_builder(store, slack.app.settings.options())(manager.id, now)
    assert payload is not None
    key = f"digest:{manager.id}:test"
    await store.write(lambda tx: tx.outbox.enqueue(manager.id, "digest", key, payload, now))
    chart = digest.payload_image(payload)
    assert chart is not None and chart.startswith(b"\x89PNG")
    return chart


async def _deliver_queued(slack: Slack) -> None:
    from cadence_jobs import jobs

    await jobs.dispatcher_for(slack.app).drain()


async def test_a_digest_from_the_outbox_arrives_as_text_and_its_chart_as_a_png(
    slack: Slack,
) -> None:
    chart = await _queue_digest(slack, "Wanda", "U40")
    await _deliver_queued(slack)
    text = await slack.fake.wait_for("chat.postMessage", _to("DU40"))
    assert "Sales" in text.params["text"]
    # The chart itself is there, so its description isn't.
    assert "🖼" not in json.dumps(text.blocks, ensure_ascii=False)
    (shared,) = slack.fake.shared_files("DU40")
    assert shared.data == chart
    assert shared.filename.endswith(".png") and shared.alt_txt
    shared_at = slack.fake.calls_to("files.completeUploadExternal")[0].at
    assert shared_at >= text.at  # the chart comes under the text, not above it
    sent = await slack.app.store.read(lambda tx: tx.outbox.get(1))
    assert sent.platform_message_id == text.params.get("ts", sent.platform_message_id)
    assert sent.state == "sent"


async def test_a_rate_limited_chart_upload_waits_and_still_arrives(slack: Slack) -> None:
    chart = await _queue_digest(slack, "Xena", "U41", locale="pt-BR")
    slack.fake.rate_limit("upload", times=1, retry_after=1)
    await _deliver_queued(slack)
    attempts = [c for c in slack.fake.calls if c.method == "upload"]
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 1.0
    assert [f.data for f in slack.fake.shared_files("DU41")] == [chart]
    assert len(slack.fake.calls_to("chat.postMessage")) == 1  # the text went once


async def test_without_the_files_scope_the_digest_text_still_arrives(
    slack: Slack, caplog: pytest.LogCaptureFixture
) -> None:
    await _queue_digest(slack, "Yara", "U42")
    slack.fake.fail("files.getUploadURLExternal", "missing_scope")
    with caplog.at_level("WARNING", logger="bot.channels.slack.client"):
        await _deliver_queued(slack)
    text = await slack.fake.wait_for("chat.postMessage", _to("DU42"))
    assert "Sales" in text.params["text"]
    assert slack.fake.shared_files() == []
    assert "missing_scope" in caplog.text
    sent = await slack.app.store.read(lambda tx: tx.outbox.get(1))
    assert sent.state == "sent"  # not retried: that would send the text a second time
    assert len(slack.fake.calls_to("chat.postMessage")) == 1


async def test_a_chart_asked_for_in_a_channel_stays_private_and_is_not_shared(
    slack: Slack,
) -> None:
    await _queue_digest(slack, "Zelia", "U43")
    await slack.event(
        {
            "type": "app_mention",
            "user": "U43",
            "channel": "C1",
            "ts": "1700000300.000100",
            "text": "<@UBOT> digest",
        },
        event_id="EvDigestInChannel",
    )
    answer = await slack.fake.wait_for("chat.postEphemeral")
    assert "Sales" in answer.params["text"]
    # Described instead: a file shared in a channel would be public.
    assert "🖼" in json.dumps(answer.blocks, ensure_ascii=False)
    assert slack.fake.shared_files() == []


async def test_a_long_list_has_a_next_page_button_that_shows_the_rest(slack: Slack) -> None:

    rep = await slack.person("Paula", locale="en", slack_user="U40")
    past = slack.app.now() - timedelta(days=90)

    def add(tx: Tx) -> None:
        for n in range(12):
            account = tx.accounts.create_account(
                name=f"Account {n:02d}", owner_id=rep.id, actor=TEST, now=past
            )
            tx.deals.create_deal(
                account_id=account.id,
                owner_id=rep.id,
                title=f"Deal {n:02d}",
                stage_key="proposal",
                amount=1000.0,
                currency="BRL",
                actor=TEST,
                now=past,
            )

    assert slack.app.store is not None
    await slack.app.store.write(add)
    assert await slack.dm("U40", "stalled deals") == 200
    first = await slack.fake.wait_for("chat.postMessage", _to("DU40"))
    assert first.params["text"].count("Deal ") == 10 and "… and 2 more." in first.params["text"]
    next_page = first.blocks[-1]["elements"][0]
    assert next_page["text"]["text"] == "Next page"
    press = action_request(
        SECRET,
        next_page["value"],
        user_id="U40",
        channel_id="DU40",
        message_ts="1700000000.000001",
        trigger_id="trig-next-page",
    )
    assert await slack.send(press) == 200
    second = await slack.fake.wait_for(
        "chat.postMessage", lambda tx: _to("DU40")(tx) and tx is not first
    )
    assert second.params["text"].count("Deal ") == 2
    assert all(b["type"] != "actions" for b in second.blocks)
