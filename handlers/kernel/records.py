"""Creating records on request: "cria a conta Metal Forte", "novo negócio para a Alicerce de 30
mil", "add contact Maria Silva at Acme, maria@x.com".

Each is a card first and a write after the button, and the write checks again that the
record doesn't exist yet (someone may have created it in between): a second account with the
same name is refused, never made.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from handlers.kernel import asking
from handlers.kernel import formatting as fmt
from handlers.kernel.asking import Found
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import Router
from handlers.understanding.parse import Parsed
from handlers.understanding.vocab import FIRST_NAMES
from storage import accounts, deals, stages
from storage.audit import Actor
from storage.interface import Tx
from storage.text import fold

router = Router("records")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{7,}\d")
# ("contacto" and "en": a Spanish speaker's "nuevo contacto en X: …")
_CONTACT_WORD = re.compile(
    r"\b(?:contatos?|contacts?|contactos?|pessoa|person)\b[\s:]*", re.IGNORECASE
)
# ("pls add …", "por favor cadastra …": a courtesy before the verb is no name)
_PLEASE = r"^\s*(?:(?:pls|plz|please|por favor|pf|hey|ei|oi)[\s,]+)?"
_ADD_VERB = re.compile(
    _PLEASE + r"(?:adiciona\w*|add|cadastra\w*|inclui\w*|salva\w*|save)\s+"
    r"(?:(?:o|a|the)\s+)?(?=[A-ZÀ-Ý])"
)
_ADD_FIRST_NAME = re.compile(
    _PLEASE + r"(?:adiciona\w*|add|cadastra\w*|inclui\w*|salva\w*|save)\s+"
    r"(?:(?:o|a|the)\s+)?(?P<first>[a-z]+)\b"
)
# A role said after a person's name is not part of it ("Carlos gerente", "Ana, the CFO").
_ROLE = re.compile(
    r"\s+(?:o |a |the |our |their |nosso |nossa )?(?:gerente|diretor\w*|dono|dona"
    r"|comprador\w*|financeiro|compras|socio|socia|manager|director|owner|buyer"
    r"|ceo|cfo|cto|coo|vp|head|responsavel|responsável)\b",
    re.IGNORECASE,
)
_ROLE_THEN_NAME = re.compile(
    r"\b(?i:gerente|diretor\w*|dono|dona|comprador\w*|socio|socia|manager|director|owner"
    r"|buyer|ceo|cfo|cto|coo|vp|head of \w+)\s+(?P<name>[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)+)"
)
_CAPITALISED = re.compile(r"[A-ZÀ-Ý][\w'’-]*(?:\s+(?:(?:da|do|de|dos|das)\s+)?[A-ZÀ-Ý][\w'’-]*)*")
_NAME_END = re.compile(
    r"(?:^|\s+)(?:da|do|de|na|no|em|en|at|from|of|for|para|pra|as|como|,)\s|[,;:(<\n]|\s-\s",
    re.IGNORECASE,
)


def contact_details(text: str) -> tuple[str | None, str | None, str | None]:
    """(person's name, e-mail, phone) said in a create-contact message; None when absent.

    The name is the words after "contato"/"contact" up to the account ("da", "at", …), a
    comma or the e-mail.
    """
    email = _EMAIL.search(text)
    rest = _EMAIL.sub(" ", text)
    phone = _PHONE.search(rest)
    if phone:
        rest = rest[: phone.start()] + " " + rest[phone.end() :]
    word = _CONTACT_WORD.search(rest) or _ADD_VERB.match(rest)
    name = None
    if word:
        name = _name_after(rest, word.end())
    verb = _ADD_VERB.match(rest)
    if name is None and verb is not None and word is not None and word.start() > verb.end():
        # "adiciona a Sandra do RH da Alicerce como contato", "add Bob at X as a contact": the
        # person opens the request, the word for contact comes last
        name = _name_after(rest, verb.end())
        word = verb
    if name is None and word is None:
        # "cadastra o carlos gerente do mar azul": a first name typed in lower case
        lower = _ADD_FIRST_NAME.match(rest)
        if lower and lower.group("first").lower() in FIRST_NAMES:
            name = lower.group("first").capitalize()
    if name is not None and word is not None:
        # "novo contato Farmácia Popular: Ricardo Nogueira, …": the words before the colon are
        # the company, the person is the first name that opens what follows it
        head, colon, tail = rest[word.end() :].partition(":")
        lead = _CAPITALISED.match(tail.strip()) if colon and name in head else None
        if lead is not None and fold(lead.group(0).split()[0]) in FIRST_NAMES:
            name = " ".join(lead.group(0).split())
    if name is not None:
        name = _ROLE.split(name, maxsplit=1)[0].strip() or name  # "Carlos gerente": Carlos
    if name is None and word:
        # "novo contato na Boa Safra: Henrique Bastos, filho do dono": the account first, the
        # person after the colon, as the capitalised words that open it
        after = re.split(r"[:\n]", rest[word.end() :], maxsplit=1)
        said = after[1].strip() if len(after) > 1 else ""
        title = _TITLE.match(said)  # "…: dona Rosa, esposa do dono": the title is how she's known
        lead = _CAPITALISED.match(said[title.end() :] if title else said) if said else None
        name = " ".join(lead.group(0).split()) if lead else None
        if name is not None and title is not None:
            name = f"{title.group(1).capitalize()} {name}"
        if name is None and len(after) > 1:
            name = _typed_lower(after[1])  # "…: marta souza compras", typed on a phone
        if name is None and len(after) == 1:
            # "contato na Boa Safra Henrique Bastos 62 9…": the person's capitalised words
            # after the account, with no colon between
            lead = _CAPITALISED.search(after[0])
            words = lead.group(0).split() if lead else []
            # ("contato na horizonte a arquiteta Marina Lopes": the account typed in lower
            # case, the one name in capitals is the person's, known first name or not)
            before = after[0][: lead.start()] if lead is not None else ""
            if len(words) >= 2 and (
                fold(words[0]) in FIRST_NAMES or (len(before.split()) >= 3 and before.islower())
            ):
                name = " ".join(words)
        if name is None and len(after) == 1:
            name = _lower_after_account(after[0])  # "contato na boa safra henrique bastos"
    if name is None:
        name = _named_between_commas(rest)
    if name is None:
        # "save this number for X's CFO Dan Wu": the person named in full after their role
        after_role = _ROLE_THEN_NAME.search(rest)
        name = " ".join(after_role.group("name").split()) if after_role else None
    return (
        name,
        email.group(0) if email else None,
        " ".join(phone.group(0).split()) if phone else None,
    )


def _name_after(text: str, start: int) -> str | None:
    """The words from `start` up to the account ("da", "at", …), a comma or the e-mail."""
    tail = text[start:]
    end = _NAME_END.search(tail + " ")
    return " ".join(tail[: end.start() if end else len(tail)].split()).strip(" .") or None


def _named_between_commas(text: str) -> str | None:
    """The person said on their own between commas after the role that introduced them
    ("cadastra o gerente novo da X, Carlos Menezes", "o contato do financeiro, Silvia, …"):
    capitalised words opening with a known first name; None when there are none."""
    for part in re.split(r"[,;]", text)[1:]:
        words = part.split()
        if (
            words
            and len(words) <= 4
            and fold(words[0]) in FIRST_NAMES
            and all(w[:1].isupper() or w in _SURNAME_JOINERS for w in words)
        ):
            return " ".join(words)
    return None


_LOWER_NAME = re.compile(r"\s*(?P<first>[a-zà-ÿ]+)(?P<rest>(?:\s+[a-zà-ÿ]+){0,3})")
_SURNAME_JOINERS = frozenset({"da", "do", "de", "dos", "das"})


def _typed_lower(text: str) -> str | None:
    """A person's name typed in lower case ("marta souza compras"): a known first name, and
    the surnames after it up to a role or the end of the words; None when it doesn't open
    with a first name (then the name is asked for, never guessed)."""
    m = _LOWER_NAME.match(text)
    if m is None or m.group("first") not in FIRST_NAMES:
        return None
    words = _ROLE.split(m.group(0), maxsplit=1)[0].split()
    while words and words[-1] in _SURNAME_JOINERS:
        words.pop()
    return " ".join(w if w in _SURNAME_JOINERS else w.capitalize() for w in words) or None


_TITLE = re.compile(r"(dona|dono|seu|sr|sra|dr|dra|mr|mrs|ms)\.?\s+(?=[A-ZÀ-Ý])", re.IGNORECASE)
# Words that end a person's name typed in lower case: a role, or an e-mail said aloud.
_NAME_STOPS = frozenset(
    """arroba ponto email e-mail tel fone cel celular whats zap arquiteta arquiteto engenheira
    engenheiro esposa marido mae pai irma irmao secretaria secretario assistente compradora
    comprador gerente diretor diretora dono dona socio socia financeiro compras analista
    vendedor vendedora supervisor supervisora coordenador coordenadora contador contadora
    recepcionista""".split()
)


def _lower_after_account(text: str) -> str | None:
    """A person typed in lower case after the account ("na boa safra henrique bastos filho do
    sergio"): from the first known first name past the account's first word, up to two
    surnames, stopping at a role, an e-mail said aloud or the first name said again."""
    words = text.split()
    if len(words) < 3 or fold(words[0]) not in ("na", "no", "da", "do", "at", "for", "em"):
        return None
    for i in range(2, len(words)):
        first = fold(words[i])
        if first not in FIRST_NAMES or not words[i].islower():
            continue
        kept = [words[i]]
        for w in words[i + 1 : i + 3]:
            low = fold(w)
            if low in _NAME_STOPS or low == first or low in FIRST_NAMES or low in _SURNAME_JOINERS:
                break
            if (low in ("filho", "filha")) and len(kept) >= 1:
                break
            kept.append(w)
        return " ".join(w.capitalize() for w in kept)
    return None


def _card(ctx: Context, text: str, action: str, args: dict) -> Reply:
    return Reply(
        text,
        private=True,
        buttons=(
            Button(ctx.t("deal.confirm"), action, args, style="primary"),
            Button(ctx.t("ask.cancel"), "ask.cancel"),
        ),
    )


def _exists_answer(ctx: Context, found: tuple[str, str], **kw: Any) -> Answer:
    which, name = found
    key = "records.account_exists" if which == "mine" else "records.account_taken"
    # the asker's own account is what the answer is about; someone else's is only named
    entities = {"account": name} if which == "mine" else {}
    return Answer(
        [Reply(ctx.t(key, name=esc(name)), **kw)],
        intent="create_account",
        entities=entities,
        data={"exists": True},
    )


@router.intent("create_account")
async def propose_account(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    name = " ".join((parsed.name or "").split())[:200]
    if not name:
        return Answer([Reply(ctx.t("records.need_account_name"))], intent="create_account")
    scope = await asking.owner_ids(ctx)
    found = await ctx.store.read(lambda tx: tx.accounts.same_name(name, scope))
    if found is not None:
        return _exists_answer(ctx, found)
    return Answer(
        [
            _card(
                ctx,
                ctx.t("records.propose_account", name=esc(name)),
                "records.account",
                {"name": name},
            )
        ],
        intent="create_account",
        entities={"account": name},
        data={"name": name, "confirmed": False},
    )


@router.action("records.account")
async def create_account(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    assert ctx.person is not None
    person, name = ctx.person, str(args["name"])
    scope = await asking.owner_ids(ctx)

    def write(tx: Tx) -> accounts.Account | tuple[str, str]:
        found = tx.accounts.same_name(name, scope)
        return found or tx.accounts.create_account(
            name=name, owner_id=person.id, actor=Actor.person(person.id), now=ctx.now()
        )

    made = await ctx.store.write(write)
    if isinstance(made, tuple):
        return _exists_answer(ctx, made, edit=True)
    return Answer(
        [Reply(ctx.t("records.created_account", name=esc(made.name)), edit=True)],
        intent="create_account",
        data={"account_id": made.id, "confirmed": True},
    )


def _first_stage(tx: Tx, key: str | None) -> stages.Stage:
    listed = tx.stages.list_stages()
    return next((s for s in listed if s.key == key), listed[0])


@asking.reruns("create_deal")
@router.intent("create_deal")
async def propose_deal(
    msg: Incoming, ctx: Context, parsed: Parsed, pinned: Found | None = None
) -> Answer:
    found = await asking.resolve(msg, ctx, parsed, pinned, offer_create=True)
    if isinstance(found, Answer):
        return found
    account = found.account
    assert account is not None
    stage = await ctx.store.read(_first_stage, parsed.stage)
    amount = parsed.amount.value if parsed.amount else 0.0
    currency = (parsed.amount.currency if parsed.amount else None) or "BRL"
    close = parsed.date if parsed.date and parsed.date >= asking.today(ctx) else None
    args = {
        "account_id": account.id,
        "title": account.name[:120],
        "amount": amount,
        "currency": currency,
        "stage": stage.key,
        "close_date": close.isoformat() if close else None,
    }
    text = ctx.t(
        "records.propose_deal",
        title=esc(args["title"]),
        account=esc(account.name),
        amount=fmt.money(amount, currency, ctx.locale),
        stage=stage.label(ctx.locale),
        close=_day(ctx, close),
    )
    return Answer(
        [_card(ctx, text, "records.deal", args)],
        intent="create_deal",
        entities={
            "account": account.name,
            **({"amount": parsed.amount.as_json()} if parsed.amount else {}),
            **({"date": close.isoformat()} if close else {}),  # the close date on the card
        },
        data={**args, "confirmed": False},
    )


def _day(ctx: Context, value: date | None) -> str:
    if value is None:
        return ctx.t("records.no_close")
    return fmt.day(value, ctx.locale, year=value.year != asking.today(ctx).year)


@router.action("records.deal")
async def create_deal(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    assert ctx.person is not None
    person = ctx.person
    scope = await asking.owner_ids(ctx)
    close = date.fromisoformat(args["close_date"]) if args.get("close_date") else None

    def write(tx: Tx) -> deals.Deal | None:
        if tx.accounts.visible_account(int(args["account_id"]), scope) is None:
            return None
        return tx.deals.create_deal(
            account_id=int(args["account_id"]),
            owner_id=person.id,
            title=str(args["title"]),
            stage_key=str(args["stage"]),
            amount=float(args["amount"]),
            currency=str(args["currency"]),
            close_date=close,
            actor=Actor.person(person.id),
            now=ctx.now(),
        )

    deal = await ctx.store.write(write)
    if deal is None:
        return Answer([Reply(ctx.t("records.gone"), edit=True)], intent="create_deal")
    text = ctx.t(
        "records.created_deal",
        title=esc(deal.title),
        amount=fmt.money(deal.amount, deal.currency, ctx.locale),
    )
    return Answer(
        [Reply(text, edit=True)],
        intent="create_deal",
        data={"deal_id": deal.id, "confirmed": True},
    )


@asking.reruns("create_contact")
@router.intent("create_contact")
async def propose_contact(
    msg: Incoming, ctx: Context, parsed: Parsed, pinned: Found | None = None
) -> Answer:
    person_name, email, phone = contact_details(parsed.body or parsed.text)
    if not person_name:
        return Answer([Reply(ctx.t("records.need_contact"))], intent="create_contact")
    # a company the book doesn't know is offered to create, and the contact goes on in it
    found = await asking.resolve(msg, ctx, parsed, pinned, offer_create=True)
    if isinstance(found, Answer):
        return found
    account = found.account
    assert account is not None
    existing = await ctx.store.read(lambda tx: tx.accounts.contacts_of(account.id))
    if any(fold(c.name) == fold(person_name) for c in existing):
        return Answer(
            [
                Reply(
                    ctx.t(
                        "records.contact_exists", name=esc(person_name), account=esc(account.name)
                    )
                )
            ],
            intent="create_contact",
            data={"exists": True},
        )
    details = "".join(f", {esc(v)}" for v in (email, phone) if v)
    args = {"account_id": account.id, "name": person_name[:200], "email": email, "phone": phone}
    text = ctx.t(
        "records.propose_contact",
        name=esc(person_name),
        account=esc(account.name),
        details=details,
    )
    return Answer(
        [_card(ctx, text, "records.contact", args)],
        intent="create_contact",
        entities={"account": account.name, "contact": person_name},
        data={**args, "confirmed": False},
    )


@router.action("records.contact")
async def create_contact(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    assert ctx.person is not None
    person = ctx.person
    scope = await asking.owner_ids(ctx)

    def write(tx: Tx):
        account = tx.accounts.visible_account(int(args["account_id"]), scope)
        if account is None:
            return None
        contact = tx.accounts.create_contact(
            account_id=account.id,
            name=str(args["name"]),
            email=args.get("email"),
            phone=args.get("phone"),
            actor=Actor.person(person.id),
            now=ctx.now(),
        )
        return account, contact

    made = await ctx.store.write(write)
    if made is None:
        return Answer([Reply(ctx.t("records.gone"), edit=True)], intent="create_contact")
    account, contact = made
    text = ctx.t("records.created_contact", name=esc(contact.name), account=esc(account.name))
    return Answer(
        [Reply(text, edit=True)],
        intent="create_contact",
        data={"contact_id": contact.id, "confirmed": True},
    )
