"""The fake Slack Web API and the request signer behave like Slack, as slack_sdk sees them."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from benchmarks.fakes.slack_api import FakeSlackApi
from benchmarks.fakes.slack_signing import action_request, command_request, event_request


async def test_the_real_client_talks_to_the_fake() -> None:
    async with FakeSlackApi() as fake:
        assert fake.base_url.endswith("/api/")
        client = AsyncWebClient(token="xoxb-test", base_url=fake.base_url)
        who = await client.auth_test()
        assert who["user_id"] == fake.bot_user_id
        posted = await client.chat_postMessage(
            channel="D1",
            text="hi",
            blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}],
        )
        await client.chat_update(channel="D1", ts=posted["ts"], text="done", blocks=[])
        await client.chat_postEphemeral(channel="C1", user="U1", text="psst")
        await client.views_publish(user_id="U1", view={"type": "home", "blocks": []})
        opened = await client.conversations_open(users="U1")
        assert opened["channel"]["id"] == "DU1"
        call = await fake.wait_for("chat.postMessage", lambda c: c.params["text"] == "hi")
        assert call.token == "xoxb-test"
        assert call.blocks[0]["type"] == "section"
        assert fake.calls_to("chat.update")[0].params["ts"] == posted["ts"]
        assert fake.calls_to("views.publish")[0].view["type"] == "home"


async def test_users_info_knows_only_added_users() -> None:
    async with FakeSlackApi() as fake:
        fake.add_user("U1", "Ana", locale="pt-BR")
        client = AsyncWebClient(token="xoxb-test", base_url=fake.base_url)
        asked = await client.users_info(user="U1", include_locale=True)
        assert asked["user"]["locale"] == "pt-BR"
        assert "locale" not in (await client.users_info(user="U1"))["user"]  # as Slack does
        with pytest.raises(SlackApiError):
            await client.users_info(user="U2")


async def test_a_429_is_retried_after_the_retry_after_pause() -> None:
    async with FakeSlackApi() as fake:
        fake.rate_limit("chat.postMessage", times=1, retry_after=0)
        client = AsyncWebClient(
            token="xoxb-test",
            base_url=fake.base_url,
            retry_handlers=[AsyncRateLimitErrorRetryHandler(2)],
        )
        await client.chat_postMessage(channel="D1", text="hi")
        statuses = [c.status for c in fake.calls if c.method == "chat.postMessage"]
        assert statuses == [429, 200]


async def test_without_a_retry_handler_a_429_is_an_error() -> None:
    async with FakeSlackApi() as fake:
        fake.rate_limit("chat.postMessage")
        client = AsyncWebClient(token="xoxb-test", base_url=fake.base_url)
        with pytest.raises(SlackApiError):
            await client.chat_postMessage(channel="D1", text="hi")


async def test_wait_for_times_out_when_nothing_comes() -> None:
    async with FakeSlackApi() as fake:
        with pytest.raises(TimeoutError):
            await fake.wait_for("chat.update", timeout=0.05)


async def test_wait_for_wakes_on_a_later_call() -> None:
    import asyncio

    async with FakeSlackApi() as fake:
        client = AsyncWebClient(token="xoxb-test", base_url=fake.base_url)
        waiter = asyncio.create_task(fake.wait_for("chat.postEphemeral"))
        await asyncio.sleep(0)
        await client.chat_postEphemeral(channel="C1", user="U1", text="later")
        assert (await waiter).params["text"] == "later"


def _verify(secret: str, req) -> bool:
    return SignatureVerifier(secret).is_valid_request(req.body, req.headers)


def test_signed_requests_pass_slack_sdks_verifier() -> None:
    event = event_request("s3cret", {"type": "message", "channel_type": "im", "text": "oi"})
    command = command_request("s3cret", "today")
    action = action_request("s3cret", "tok123")
    for req in (event, command, action):
        assert _verify("s3cret", req)
    assert json.loads(event.body)["event"]["text"] == "oi"
    assert parse_qs(command.body.decode())["text"] == ["today"]
    payload = json.loads(parse_qs(action.body.decode())["payload"][0])
    assert payload["actions"][0]["value"] == "tok123"


def test_forged_and_replayed_requests_fail_slack_sdks_verifier() -> None:
    forged = command_request("wrong", "today")
    replayed = command_request("s3cret", "today", timestamp=int(time.time()) - 6 * 60)
    assert not _verify("s3cret", forged)
    assert not _verify("s3cret", replayed)


def test_a_retried_event_carries_the_retry_headers() -> None:
    req = event_request("s3cret", {"type": "app_mention"}, retry_num=1)
    assert req.headers["X-Slack-Retry-Num"] == "1"


async def test_the_real_clients_file_upload_goes_through_the_fakes_three_steps() -> None:
    async with FakeSlackApi() as fake:
        client = AsyncWebClient(token="xoxb-test", base_url=fake.base_url)
        done = await client.files_upload_v2(
            channel="D1", content=b"\x89PNG-bytes", filename="c.png", alt_txt="a chart"
        )
        assert done["file"]["name"] == "c.png"
        (shared,) = fake.shared_files("D1")
        assert (shared.data, shared.filename, shared.alt_txt) == (
            b"\x89PNG-bytes",
            "c.png",
            "a chart",
        )
        (asked,) = fake.calls_to("files.getUploadURLExternal")
        assert asked.token == "xoxb-test" and int(asked.params["length"]) == len(b"\x89PNG-bytes")
        assert fake.calls_to("upload")[0].params["data"] == b"\x89PNG-bytes"


async def test_the_fake_refuses_to_share_a_file_whose_bytes_never_arrived() -> None:
    async with FakeSlackApi() as fake:
        client = AsyncWebClient(token="xoxb-test", base_url=fake.base_url)
        url = await client.files_getUploadURLExternal(filename="c.png", length=3)
        with pytest.raises(SlackApiError) as refused:
            await client.files_completeUploadExternal(
                files=[{"id": url["file_id"], "title": "c"}], channel_id="D1"
            )
        assert refused.value.response["error"] == "file_not_found"
        assert fake.shared_files() == []
