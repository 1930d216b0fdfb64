"""Enrolling an account in a cadence from the chat: "enroll Acme in nurture", or the owner's
yes to an offer (an idle deal or account) on a button.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from cadence_jobs import workflow
from handlers.conversation.cadence_replies import local_moment, name_markup, person_calendar
from handlers.kernel import asking
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import Router
from storage import accounts
from storage.audit import Actor
from storage.enrolments import AlreadyEnrolled, OptedOut
from storage.errors import NotFound
from storage.interface import Tx
from storage.text import fold

router = Router("cadence_enrol")


@router.action("cadence.enroll")
async def enroll_button(msg: Incoming, ctx: Context, args: dict) -> Answer:
    """The owner confirmed an offer (an idle deal or account) to enrol it in a cadence."""
    account_id, deal_id = args.get("account"), args.get("deal")
    if deal_id is not None:
        deal = await ctx.store.read(lambda tx: tx.deals.get_deal(int(deal_id)))
        if deal is None:
            return Answer([Reply(ctx.t("cadence.stale"), edit=True)], intent="enroll")
        account_id = deal.account_id
    if account_id is None:  # a button carries an account or a deal
        return Answer([Reply(ctx.t("cadence.stale"), edit=True)], intent="enroll")
    return await _enrol(ctx, int(account_id), str(args["cadence"]), deal_id)


@asking.reruns("enroll")
@router.intent("enroll")
async def enroll(
    msg: Incoming, ctx: Context, parsed: Any, pinned: asking.Found | None = None
) -> Answer:
    """ "enroll Acme in exploratory", "colocar a Silva na cadência de nutrição"."""
    person = ctx.person
    assert person is not None
    cadence = getattr(parsed, "cadence", None)
    name = getattr(parsed, "name", None)
    if cadence and pinned is not None and pinned.account is not None:  # chosen or created
        return await _enrol(ctx, pinned.account.id, cadence, None)
    mention = getattr(parsed, "mention", None)
    named = _named(mention, cadence)
    if pinned is not None and pinned.account is not None:  # chosen: no cadence said yet
        named["account"] = pinned.account.name
    if not cadence or not name:
        return Answer([Reply(ctx.t("cadence.enroll.ask"))], intent="enroll", entities=named)
    if mention is not None and mention.sure:  # the book already found it
        return await _enrol(ctx, mention.account_ids[0], cadence, None)
    owners = await ctx.store.read(lambda tx: tx.people.visible_owner_ids(person))
    found = await ctx.store.read(lambda tx: tx.accounts.list_accounts(owners))
    wanted = fold(name)
    scored = sorted(
        ((fuzz.WRatio(wanted, fold(a.name)), a) for a in found), key=lambda pair: -pair[0]
    )
    scored = [(s, a) for s, a in scored if s >= 80]
    if not scored and asking.looks_like_company(name) and hasattr(parsed, "text"):
        # a company the book doesn't hold ("enroll Harbor Freight Lines in …"): offer to
        # create it, then enrol it, as a log of a new company does
        in_book = await ctx.store.read(asking.find_in_book, name, ctx.person)
        if in_book.account is None and not in_book.choices:
            return asking.question(msg, ctx, parsed, in_book, offer_create=True)
    if not scored:
        return Answer(
            [Reply(ctx.t("cadence.no_match", name=name))],
            intent="enroll",
            entities={**named, "account": None},
        )
    close = [a for s, a in scored if s >= scored[0][0] - 5]
    if len(close) > 1:
        choices = tuple(
            Button(a.name, "cadence.enroll", {"account": a.id, "cadence": cadence})
            for a in close[:10]
        )
        return Answer(
            [Reply(ctx.t("cadence.which"), choices=choices)],
            intent="enroll",
            entities={**named, "account": [a.name for a in close[:10]]},
        )
    return await _enrol(ctx, close[0].id, cadence, None)


def _named(mention: Any, cadence: str | None) -> dict[str, object]:
    """What an ask-back says it understood (`Answer.entities`, read by the benchmark and the
    dispatcher's follow-ups): the account the book found (several names: it asks which),
    and the cadence when one was said."""
    found: dict[str, object] = {"cadence": cadence} if cadence else {}
    if mention is not None:
        names = [h.account_name for h in mention.hits]
        found["account"] = names[0] if mention.sure else names
    return found


def _step_owner(tx: Tx, asker_id: int, account: accounts.Account, deal_id: Any) -> int:
    """Whose steps an enrolment makes: the deal's owner when it is for a deal; the asker when
    the account is in their own book (they own it or have a deal there), so a rep starting a
    cadence on a shared account gets it, not the account's owner; otherwise (a manager
    enrolling a rep's account) the account's owner."""
    deal = tx.deals.get_deal(int(deal_id)) if deal_id is not None else None
    if deal is not None:
        return deal.owner_id
    if tx.accounts.visible_account(account.id, [asker_id]) is not None:
        return asker_id
    return account.owner_id or asker_id


async def _enrol(ctx: Context, account_id: int, cadence_key: str, deal_id: Any) -> Answer:
    person = ctx.person
    assert person is not None
    account = await ctx.store.read(lambda tx: tx.accounts.get_account(account_id))
    if account is None:  # deleted since the button or the question was sent
        return Answer([Reply(ctx.t("cadence.stale"), edit=True)], intent="enroll")
    contacts = await ctx.store.read(lambda tx: tx.accounts.contacts_of(account_id))
    contact = contacts[0] if contacts else None
    owner_id = await ctx.store.read(_step_owner, person.id, account, deal_id)
    who = name_markup(None, account.name, contact.name if contact else None)
    entities = {"account": account.name, "cadence": cadence_key}
    try:
        enrolment = await ctx.store.write(
            lambda tx: workflow.enrol(
                tx,
                actor=Actor.person(person.id),
                cadence_key=cadence_key,
                account_id=account_id,
                owner_id=owner_id,
                now=ctx.now(),
                options=ctx.options,
                contact_id=contact.id if contact else None,
                deal_id=int(deal_id) if deal_id is not None else None,
                reason="chat",
                once_per_account=True,
            )
        )
    except NotFound:
        known = await ctx.store.read(lambda tx: sorted(workflow.installed_keys(tx)))
        return Answer(
            [Reply(ctx.t("cadence.unknown_cadence", name=cadence_key, known=", ".join(known)))],
            intent="enroll",
            entities=entities,
        )
    except AlreadyEnrolled:
        return Answer(
            [Reply(ctx.t("cadence.already", who=who, cadence=esc(cadence_key)))],
            intent="enroll",
            entities=entities,
        )
    except OptedOut as exc:
        return Answer(
            [Reply(ctx.t("cadence.opted_out", who=who, channels=", ".join(exc.channels)))],
            intent="enroll",
            entities=entities,
        )
    assert enrolment.due_at is not None  # a new enrolment's first step is due
    cal = await person_calendar(ctx, owner_id)
    cadence = await ctx.store.read(workflow.load_cadence, cadence_key)
    first = cadence.steps[0]
    text = ctx.t(
        "cadence.enrolled",
        who=who,
        cadence=esc(cadence.name.get(ctx.locale)),
        channel=ctx.t(f"cadence.channel.{first.channel}"),
        when=local_moment(ctx, cal, enrolment.due_at),
    )
    return Answer(
        [Reply(text, edit=True)],
        intent="enroll",
        entities=entities,
        data={"enrolment": enrolment.id, "due_at": enrolment.due_at.isoformat()},
    )
