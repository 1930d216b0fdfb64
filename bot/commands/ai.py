"""`ritmo ai check`: one call to the configured model endpoint, and one sentence on how it went."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.ai.client import AIClient
from bot.commands.common import say
from bot.config import Settings
from bot.errors import UserError
from handlers.ai.port import AIFailure


def register(sub: argparse._SubParsersAction) -> None:
    ai = sub.add_parser("ai", help="the optional language model")
    asub = ai.add_subparsers(dest="ai_command", metavar="ACTION", parser_class=type(ai))
    asub.required = True
    check = asub.add_parser("check", help="call the model endpoint once and say how it went")
    check.set_defaults(func=check_endpoint)


def check_endpoint(args: argparse.Namespace, settings: Settings) -> int:
    """Exit 0 when the endpoint answered, 1 when it did not, 2 when none is configured."""
    if not settings.ai_base_url:
        raise UserError(say(settings, "cli.ai.off"))
    client = AIClient(
        settings.ai_base_url,
        settings.ai_model,
        api_key=settings.ai_api_key,
        transcribe_model=settings.ai_transcribe_model,
        timeout=settings.ai_timeout,
    )

    async def go() -> int:
        try:
            report = await client.check()
        finally:
            await client.close()
        return round(report.latency * 1000)

    url = settings.ai_base_url
    try:
        ms = asyncio.run(go())
    except AIFailure as failed:
        if failed.outcome == "timeout":
            text = say(settings, "cli.ai.failed.timeout", url=url, seconds=settings.ai_timeout)
        else:
            text = say(settings, "cli.ai.failed", url=url, detail=failed.detail)
        sys.stderr.write(f"ritmo: {text}\n")
        return 1
    model = settings.ai_model or settings.ai_transcribe_model
    print(say(settings, "cli.ai.ok", model=model, url=url, ms=ms))
    return 0
