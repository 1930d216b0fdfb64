"""A voice note: transcribed by the configured model, then read like a typed message.

The channel only says where the file is (and how long and large the platform says it is) and
lends a way to download it; everything else is decided here. The reply starts with what was
heard, so the seller sees it, and a write is always a confirm card, whoever read it (the
rules or the model): a transcript can mishear a name.
"""

from __future__ import annotations

from dataclasses import replace

from handlers.ai.confirm import DIRECT_WRITES, answer_reading, card, run
from handlers.ai.port import MAX_AUDIO_BYTES, MAX_AUDIO_SECONDS, AIFailure
from handlers.ai.reading import consult, reserve, settle
from handlers.conversation import checkin
from handlers.kernel import asking
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Attachment, Incoming, Reply
from handlers.kernel.router import Router
from handlers.understanding.parse import MAX_MESSAGE_CHARS
from storage.ai_calls import Refused

router = Router("voice")

VOICE_KINDS = ("voice", "audio")


def voice_of(msg: Incoming) -> Attachment | None:
    return next((a for a in msg.attachments if a.kind in VOICE_KINDS), None)


def _is_voice(msg: Incoming, ctx: Context) -> bool:
    return msg.token is None and voice_of(msg) is not None


def _say(ctx: Context, key: str) -> Answer:
    return Answer([Reply(ctx.t(key))], intent="voice")


def _too_long(note: Attachment, data: bytes | None = None) -> bool:
    size = len(data) if data is not None else (note.size or 0)
    return size > MAX_AUDIO_BYTES or (note.seconds or 0) > MAX_AUDIO_SECONDS


@router.message(_is_voice)
async def voice_note(msg: Incoming, ctx: Context) -> Answer:
    """Hear the note, then answer the transcript as the chat answers text."""
    note = voice_of(msg)
    assert note is not None
    model = ctx.services.get("ai")
    download = ctx.services.get("downloads", {}).get(msg.platform)
    if model is None or not model.transcribe_model or download is None:
        return await _not_heard(msg, ctx)
    if _too_long(note):
        return _say(ctx, "ai.voice.too_long")
    call = await reserve(ctx, model, "transcribe", str(model.transcribe_model))
    if isinstance(call, Refused):
        model.observe("transcribe", "limited", None)
        return _say(ctx, f"ai.limit.{call.why}")
    heard = await _hear(ctx, model, call, note, download)
    if isinstance(heard, Answer):
        return heard
    answer = await _answer(replace(msg, text=heard, attachments=()), ctx)
    answer.replies = [Reply(ctx.t("ai.voice.heard", text=esc(heard))), *answer.replies]
    answer.data = {**answer.data, "transcript": heard}
    return answer


async def _not_heard(msg: Incoming, ctx: Context) -> Answer:
    """Voice is not enabled: say so, in the same message that offers to keep the note on an
    account (what ritmo did with a voice note before it could hear one)."""
    kept = await checkin.keep_attachment(msg, ctx)
    first, *rest = kept.replies
    kept.replies = [replace(first, text=f"{ctx.t('ai.voice.off')}\n{first.text}"), *rest]
    return kept


async def _hear(ctx: Context, model, call: int, note: Attachment, download) -> str | Answer:
    try:
        data = await download(note.ref)
    except Exception:  # the platform's file store: any failure reads the same to the seller
        await settle(ctx, model, call, "transcribe", "fallback", None)
        return _say(ctx, "ai.voice.failed")
    if _too_long(note, data):
        await settle(ctx, model, call, "transcribe", "fallback", None)
        return _say(ctx, "ai.voice.too_long")
    try:
        heard = await model.transcribe(data, note.name or "voice.ogg", note.mime or "audio/ogg")
    except AIFailure as failed:
        outcome = failed.outcome if failed.outcome in ("timeout", "invalid") else "fallback"
        await settle(ctx, model, call, "transcribe", outcome, failed.report)
        return _say(ctx, "ai.voice.failed")
    await settle(ctx, model, call, "transcribe", "ok", heard.report)
    text = heard.text.strip()[:MAX_MESSAGE_CHARS]
    return text or _say(ctx, "ai.voice.failed")


async def _answer(msg: Incoming, ctx: Context) -> Answer:
    """The transcript through the same pipeline: rules first, the model if they are unsure,
    and a confirm card for any write."""
    rules = await asking.parser(msg.text, ctx)
    consulted = await consult(msg.text, ctx, rules)
    if consulted is not None and consulted.reading is not None:
        reading = consulted.reading
        return await answer_reading(msg, ctx, consulted, reading.parsed(msg.text), voice=True)
    if rules.intent in DIRECT_WRITES and not rules.facts > 1:  # several facts: its own card
        answer = await card(msg, ctx, rules, None, "", voice=True)
    else:
        answer = await run(msg, ctx, rules)
    if consulted is not None and consulted.refused is not None:
        answer.replies = [*answer.replies, Reply(ctx.t(f"ai.limit.{consulted.refused}"))]
    return answer
