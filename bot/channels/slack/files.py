"""Fetching a file a person shared in Slack (an audio clip), for the voice-note handler.

Slack serves `url_private_download` only to a request carrying the bot token (the `files:read`
scope); files.info says where it is. Only translates: a file id in, bytes out, never more than
the limit given (a clip larger than Slack said is cut off there, and refused by the handler).
"""

from __future__ import annotations

from typing import Any

import aiohttp

CHUNK = 64 * 1024


class SlackFiles:
    """Downloads by file id with the bot's client and token."""

    def __init__(self, client: Any, token: str, limit: int) -> None:
        self.client = client
        self._token = token
        self.limit = limit

    def __repr__(self) -> str:  # the token stays out of any repr that reaches a log
        return "SlackFiles()"

    async def download(self, file_id: str) -> bytes:
        """The file's bytes, at most `limit` + 1 of them.

        Raises:
            aiohttp.ClientError, slack_sdk.errors.SlackApiError: Slack would not hand it over.
        """
        info = await self.client.files_info(file=file_id)
        file = info["file"]
        url = file.get("url_private_download") or file["url_private"]
        headers = {"Authorization": f"Bearer {self._token}"}
        data = bytearray()
        async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as resp:
            resp.raise_for_status()
            async for chunk in resp.content.iter_chunked(CHUNK):
                data.extend(chunk)
                if len(data) > self.limit:
                    break
        return bytes(data[: self.limit + 1])
