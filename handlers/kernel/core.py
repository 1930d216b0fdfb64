"""Linking a chat identity to a person, help, and the fallback for what wasn't understood."""

from __future__ import annotations

import re

from handlers.kernel import asking, i18n, lookup
from handlers.kernel.context import Context
from handlers.kernel.formatting import day, money
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import Router
from handlers.understanding import short_replies
from storage.text import fold

router = Router("core")

_LINK = re.compile(
    r"^/?(?:start|link|vincular)(?:@\w+)?\s+([A-Za-z0-9-]{4,32})\s*$", re.IGNORECASE
)
_HELP_WORDS = {
    "help",
    "ajuda",
    "/help",
    "/ajuda",
    "/start",
    "start",
    "menu",
    "comandos",
    "commands",
    "socorro",
}


_LINK_WORD = re.compile(
    r"\b(?:code|codigo|código|vincular|vincula|vínculo|vinculo|link)\b", re.IGNORECASE
)
# In a sentence a code is a word with a digit in it, or one in capitals (codes are printed so)
_CODE = re.compile(r"(?<![\w@.-])(?:(?=[A-Za-z-]*\d)[A-Za-z0-9-]{4,32}|[A-Z0-9-]{6,32})(?![\w@-])")


def link_code_in(text: str) -> str | None:
    """The code in "/start CODE", "link CODE" or "vincular CODE" (also "/start@bot CODE"), or
    in a short sentence about linking that holds one code ("código 771204 pra vincular",
    "here's my code: 330981")."""
    match = _LINK.match(text.strip())
    if match:
        return match.group(1).upper()
    if len(text) > 80 or not _LINK_WORD.search(text):
        return None
    codes = _CODE.findall(text)
    return codes[0].upper() if len(codes) == 1 else None


_HELP_MAX = 40  # longer than any help word with a bot mention: not a help request


def is_help(text: str) -> bool:
    if len(text) > _HELP_MAX:  # checked on every message; most are long and need no fold
        return False
    words = fold(text).strip(" !.")
    return words in _HELP_WORDS or re.sub(r"@\w+$", "", words) in _HELP_WORDS


@router.message(lambda msg, ctx: link_code_in(msg.text) is not None, public=True)
async def link(msg: Incoming, ctx: Context) -> Answer:
    code = link_code_in(msg.text)
    assert code is not None
    if ctx.person is not None:
        return Answer(
            [Reply(ctx.t("core.already_linked", name=esc(ctx.person.name)))], intent="link"
        )
    result = await ctx.store.write(
        lambda tx: tx.people.redeem_link_code(
            code, msg.platform, msg.sender.external_id, msg.chat_id, ctx.now()
        )
    )
    if result.status == "linked":
        assert result.person is not None
        locale = result.person.locale
        return Answer(
            [Reply(i18n.t(locale, "core.linked", name=esc(result.person.name)))],
            intent="link",
            data={"person": result.person.name},
        )
    if result.status == "throttled":
        minutes = max(1, round(result.retry_after_s / 60))
        return Answer([Reply(ctx.t("core.code_throttled", minutes=minutes))], intent="link")
    return Answer(
        [Reply(ctx.t("core.code_invalid"))], intent="link", data={"status": result.status}
    )


@router.message(lambda msg, ctx: is_help(msg.text))
async def help_(msg: Incoming, ctx: Context) -> Answer:
    return Answer([Reply(ctx.t("core.help"))], intent="help")


@router.intent("help")
async def help_asked(msg: Incoming, ctx: Context, parsed: object) -> Answer:
    """ "how do I use this?", "o que você sabe fazer?": the parser's help, same answer."""
    return await help_(msg, ctx)


@router.intent("out_of_domain")
async def out_of_domain(msg: Incoming, ctx: Context, parsed: object) -> Answer:
    """Weather, football, jokes: one polite sentence and the help, never data or a write.
    A thank-you or a greeting gets a word back instead of the help page."""
    said = short_replies.social(msg.text)
    if said is not None:
        return Answer([Reply(_social_reply(ctx, said))], intent="out_of_domain")
    text = f"{ctx.t('core.out_of_domain')}\n\n{ctx.t('core.help')}"
    return Answer([Reply(text)], intent="out_of_domain")


def _social_reply(ctx: Context, said: str) -> str:
    """A word back, by her first name; a greeting for the time of day where she is (after
    midnight it is still night, but "today" is already the new day)."""
    first = esc(ctx.person.name.split()[0]) if ctx.person and ctx.person.name.split() else ""
    if said != "greeting":
        return ctx.t(f"core.social_{said}", name=first)
    hour = ctx.now().astimezone(lookup.zone(ctx.person, ctx.options.default_timezone)).hour
    part = (
        "night"
        if hour < 4
        else "morning"
        if hour < 12
        else "afternoon"
        if hour < 18
        else "evening"
    )
    return ctx.t(f"core.social_{part}", name=first)


@router.intent("unclear")
async def unclear(msg: Incoming, ctx: Context, parsed: object) -> Answer:
    """Only a name, an emoji, a number, a day or "ok": ask what they want, never write; a bare
    amount or day is shown back with how to say what it is for. A bare "ok"
    or "valeu" gets a nod; a bare "sim"/"não" with no card waiting says so (the dispatcher
    already gave a card sent in the last minutes its answer)."""
    said = short_replies.social(msg.text)
    if said is not None:
        return Answer([Reply(_social_reply(ctx, said))], intent="unclear")
    if short_replies.yes_or_no(msg.text) is not None:
        return Answer([Reply(ctx.t("core.nothing_to_answer"))], intent="unclear")
    name = getattr(parsed, "name", None)
    mention = getattr(parsed, "mention", None)
    if mention is not None and not mention.sure:  # "a padaria" with two: which one first
        chosen = asking.from_mention(msg, ctx, parsed, mention)  # type: ignore[arg-type]
        if isinstance(chosen, Answer):
            return chosen
    found: asking.Found | None
    if mention is not None and mention.sure:
        found = asking.Found(
            account=asking.NameRow(mention.hits[0].account_id, mention.hits[0].account_name)
        )
    else:
        found = await ctx.store.read(asking.find_in_book, name, ctx.person) if name else None
    if found is None or found.account is None:
        amount = getattr(parsed, "amount", None)
        if amount is not None:  # only a number: say how to use it, and write nothing
            currency = amount.currency or "BRL"
            shown = money(amount.value, currency, ctx.locale)
            return Answer(
                [Reply(ctx.t("core.unclear_amount", amount=esc(shown)))],
                intent="unclear",
                entities={"amount": amount.as_json(currency)},
            )
        when = getattr(parsed, "date", None)
        if when is not None:  # only a day ("amanhã", "tmrw", "sexta"): say how to use it
            shown = day(when, ctx.locale, weekday=True)
            return Answer(
                [Reply(ctx.t("core.unclear_date", day=esc(shown)))],
                intent="unclear",
                entities={"date": when.isoformat()},
            )
        return Answer([Reply(ctx.t("core.unclear"))], intent="unclear")
    account = found.account
    args = {
        "account_id": account.id,
        "text": account.name,
        "today": asking.today(ctx).isoformat(),
        "message_id": msg.message_id,
    }
    buttons = (
        Button(ctx.t("core.button.status"), "unclear.pick", {**args, "intent": "status"}),
        Button(ctx.t("core.button.next"), "unclear.pick", {**args, "intent": "next_step"}),
        Button(ctx.t("core.button.note"), "unclear.note", {"account": account.name}),
    )
    return Answer(
        [
            Reply(
                ctx.t("core.unclear_account", account=esc(account.name)),
                buttons=buttons,
                private=True,
            )
        ],
        intent="unclear",
        entities={"account": account.name},
    )


@router.action("unclear.pick")
async def unclear_pick(msg: Incoming, ctx: Context, args: dict) -> Answer:
    """Status or next step for the account the bare name meant."""
    scope = await asking.owner_ids(ctx)
    found = await ctx.store.read(asking.pinned_account, int(args["account_id"]), scope)
    if found.account is None:
        return Answer([Reply(ctx.t("dispatch.stale_button"))])
    return await asking.rerun(msg, ctx, args, found)


@router.action("unclear.note")
async def unclear_note(msg: Incoming, ctx: Context, args: dict) -> Answer:
    return Answer(
        [Reply(ctx.t("core.note_hint", account=esc(str(args.get("account")))))], intent="unclear"
    )
