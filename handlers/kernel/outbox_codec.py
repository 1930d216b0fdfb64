"""The one codec between replies and the JSON an outbox row carries.

Every producer (the digest, the due scan's agendas and alerts, durable replies) and the outbox
dispatcher go through here, so a field such as a button's style or a chart cannot be kept by
one writer and dropped by another.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any

from handlers.kernel.messages import Button, Image, Reply


def encode(replies: Sequence[Reply]) -> list[dict[str, Any]]:
    """Replies as plain JSON data; `decode` gives them back unchanged (except `edit`)."""
    out = []
    for r in replies:
        data: dict[str, Any] = {
            "text": r.text,
            "buttons": _encode_buttons(r.buttons),
            "choices": _encode_buttons(r.choices),
            "private": r.private,
        }
        if r.image is not None:
            data["image"] = {
                "png_base64": base64.b64encode(r.image.data).decode("ascii"),
                "filename": r.image.filename,
                "alt": r.image.alt,
            }
        out.append(data)
    return out


def payload(replies: Sequence[Reply]) -> dict[str, Any]:
    """An outbox payload holding just these replies."""
    return {"replies": encode(replies)}


def decode(payload: Mapping[str, Any]) -> list[Reply]:
    """The replies stored in an outbox payload; a button stored with its token keeps it, and a
    reply stored without `private` is private (agendas and alerts carry personal data)."""
    return [
        Reply(
            r["text"],
            buttons=_decode_buttons(r.get("buttons", ())),
            choices=_decode_buttons(r.get("choices", ())),
            image=_decode_image(r.get("image")),
            private=r.get("private", True),
        )
        for r in payload.get("replies", ())
    ]


def _encode_buttons(items: Sequence[Button]) -> list[dict[str, Any]]:
    return [
        {
            "label": b.label,
            "action": b.action,
            "args": dict(b.args),
            "style": b.style,
            "confirm": b.confirm,
            "token": b.token,
        }
        for b in items
    ]


def _decode_buttons(data: Sequence[Mapping[str, Any]]) -> tuple[Button, ...]:
    return tuple(
        Button(
            b["label"],
            b["action"],
            b.get("args", {}),
            style=b.get("style"),
            confirm=b.get("confirm"),
            token=b.get("token"),
        )
        for b in data
    )


def _decode_image(data: Mapping[str, Any] | None) -> Image | None:
    """An attached chart, stored base64-encoded in the payload's JSON."""
    if not data:
        return None
    return Image(
        base64.b64decode(data["png_base64"]),
        data.get("filename", "chart.png"),
        data.get("alt", ""),
    )
