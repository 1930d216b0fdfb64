"""Linking a chat identity to a person, help, and the fallback for what wasn't understood."""

from __future__ import annotations

import re

from handlers.kernel import asking, i18n
from handlers.kernel.context import Context
from handlers.kernel.formatting import money
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import Router
from storage import people
from storage.text import fold

router = Router("core")

i18n.register(
    {
        "core.linked": {
            "pt-BR": "Pronto, *{name}*! Sua conta está vinculada. Envie *ajuda* para ver o que sei "
            "fazer.",
            "en": "All set, *{name}*! Your account is linked. Send *help* to see what I can do.",
        },
        "core.code_invalid": {
            "pt-BR": "Esse código não vale (pode ter expirado ou já ter sido usado). Peça um novo ao "
            "seu gestor ou ao time de Sales Ops.",
            "en": "That code is not valid (it may have expired or been used already). Ask your "
            "manager or Sales Ops for a new one.",
        },
        "core.code_throttled": {
            "pt-BR": "Muitas tentativas com códigos errados. Tente de novo em {minutes} min.",
            "en": "Too many wrong codes. Try again in {minutes} min.",
        },
        "core.already_linked": {
            "pt-BR": "Você já está vinculado como *{name}*. Envie *ajuda* para ver o que sei fazer.",
            "en": "You are already linked as *{name}*. Send *help* to see what I can do.",
        },
        "core.help": {
            "pt-BR": (
                "Eu acompanho o ritmo das suas vendas. Alguns exemplos:\n"
                "- *registrar ligação Acme: CFO quer proposta até sexta*\n"
                "- *visitei a Padaria Silva, pediram orçamento*\n"
                "- *o que tenho hoje?* — seus passos de cadência do dia\n"
                "- *próximo passo com a Acme*\n"
                "- *status Acme* · *meu pipeline* · *previsão do mês* · *negócios parados*\n"
                "- *colocar a Silva na cadência de nutrição*\n"
                "Nos lembretes, use os botões *feito*, *pular* e *adiar*."
            ),
            "en": (
                "I keep the rhythm of your sales. Some examples:\n"
                "- *log call Acme: CFO wants a proposal by Friday*\n"
                "- *visited Silva Bakery, they asked for a quote*\n"
                "- *what's due today?* — your cadence steps for the day\n"
                "- *what's next for Acme?*\n"
                "- *status Acme* · *my pipeline* · *forecast this month* · *stalled deals*\n"
                "- *enroll Acme in exploratory*\n"
                "On reminders, use the *done*, *skip* and *snooze* buttons."
            ),
        },
        "core.fallback": {
            "pt-BR": "Não entendi. Tente, por exemplo, *o que tenho hoje?* ou *registrar ligação Acme: "
            "falei com o CFO*. Envie *ajuda* para ver tudo.",
            "en": "I didn't understand that. Try, for example, *what's due today?* or *log call Acme: "
            "talked to the CFO*. Send *help* to see everything.",
        },
    }
)

_LINK = re.compile(
    r"^/?(?:start|link|vincular)(?:@\w+)?\s+([A-Za-z0-9-]{4,32})\s*$", re.IGNORECASE
)
_HELP_WORDS = {
    "help",
    "ajuda",
    "/help",
    "/ajuda",
    "?",
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
        people.redeem_link_code, code, msg.platform, msg.sender.external_id, msg.chat_id, ctx.now()
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


i18n.register(
    {
        "core.out_of_domain": {
            "pt-BR": "Eu só ajudo com o trabalho de vendas.",
            "en": "I only help with sales work.",
        },
        "core.unclear_account": {
            "pt-BR": "O que você quer com *{account}*?",
            "en": "What would you like for *{account}*?",
        },
        "core.unclear": {
            "pt-BR": "Não entendi o que você precisa. Experimente *o que tenho hoje?*, *status"
            " Acme* ou *liguei pra Acme, pediram proposta*; *ajuda* mostra tudo.",
            "en": "I'm not sure what you need. Try *what do I have today?*, *status Acme* or"
            " *called Acme, they want a proposal*; *help* shows everything.",
        },
        "core.unclear_amount": {
            "pt-BR": "*{amount}* para quê? Diga com a conta, assim: *a Acme agora é {amount}*"
            " (muda o valor do negócio) ou *novo negócio para a Acme de {amount}*.",
            "en": "What is *{amount}* for? Say it with the account, like *the Acme deal is now"
            " {amount}* (changes the deal's amount) or *new deal for Acme, {amount}*.",
        },
        "core.button.status": {"pt-BR": "Status", "en": "Status"},
        "core.button.next": {"pt-BR": "Próximo passo", "en": "Next step"},
        "core.button.note": {"pt-BR": "Registrar nota", "en": "Log a note"},
        "core.note_hint": {
            "pt-BR": "Escreva assim: *nota {account}: o que aconteceu*.",
            "en": "Write it like this: *note {account}: what happened*.",
        },
    }
)


@router.intent("out_of_domain")
async def out_of_domain(msg: Incoming, ctx: Context, parsed: object) -> Answer:
    """Weather, football, jokes: one polite sentence and the help, never data or a write."""
    text = f"{ctx.t('core.out_of_domain')}\n\n{ctx.t('core.help')}"
    return Answer([Reply(text)], intent="out_of_domain")


@router.intent("unclear")
async def unclear(msg: Incoming, ctx: Context, parsed: object) -> Answer:
    """Only a name, an emoji, a number or "ok": ask what they want, never write."""
    name = getattr(parsed, "name", None)
    mention = getattr(parsed, "mention", None)
    if mention is not None and not mention.sure:  # "a padaria" with two: which one first
        chosen = asking.from_mention(msg, ctx, parsed, mention)  # type: ignore[arg-type]
        if isinstance(chosen, Answer):
            return chosen
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
