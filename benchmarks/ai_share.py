"""What share of the understanding corpus the rules would send to the optional model.

Each message is parsed by the rules exactly as the chat does (the asker's book, today, locale)
and counted as sent when `handlers.ai.reading.unsure` says so: no model is called. The
held-out part is the number to report; the others are shown beside it.

    python -m benchmarks.ai_share [--part heldout|heldout2|dev|dev2|all]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections import Counter
from pathlib import Path

from benchmarks.understanding import PARTS, Reader, load_rows
from handlers.ai.reading import unsure
from handlers.kernel import asking
from handlers.kernel.messages import Incoming, Sender


async def share(parts: tuple[str, ...]) -> dict[str, tuple[int, int, Counter[str]]]:
    """Per part: (sent to the model, messages, the rules' intents of those sent)."""
    out: dict[str, tuple[int, int, Counter[str]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        reader = await Reader.open(Path(tmp))
        try:
            dispatcher = reader.app.dispatcher
            assert dispatcher is not None
            for part in parts:
                rows = load_rows((part,))
                sent, intents = 0, Counter[str]()
                for row in rows:
                    sender = Sender(
                        "console",
                        row.asker,
                        reader.names.get(row.asker),
                        reader.locales.get(row.asker, "pt-BR"),
                    )
                    ctx = await dispatcher.context_for(
                        Incoming(sender, row.asker, "x", text=row.text)
                    )
                    parsed = await asking.parser(row.text, ctx)
                    if unsure(parsed):
                        sent += 1
                        intents[parsed.intent] += 1
                out[part] = (sent, len(rows), intents)
        finally:
            await reader.close()
    return out


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--part", default="all", choices=(*PARTS, "all"))
    part = args.parse_args().part
    parts = PARTS if part == "all" else (part,)
    for name, (sent, total, intents) in asyncio.run(share(parts)).items():
        print(
            f"{name}: {sent} of {total} messages ({100 * sent / max(total, 1):.1f} %) would "
            f"go to the model; rules said {dict(intents)}"
        )


if __name__ == "__main__":
    main()
