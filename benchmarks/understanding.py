"""How well ritmo understands messages it was not written for.

Every message of the corpus (tests/data/understanding) is said by its asker to a real ritmo
(the whole dispatcher, a real SQLite store holding the corpus's book, the clock pinned to the
corpus's "today") and the answer is compared with the label: the intent, the account, and the
dates and amount it carries. The held-out part's number is the one that counts; the
development part is the one to look at.

    python -m benchmarks.understanding [--part heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|heldout10|dev|dev2|dev3|dev4|dev5|dev6|dev7|dev8|dev9|dev10|dev11|dev12|dev13|dev14|dev15|dev16|dev17|dev18|dev19|dev20|dev21|dev22|dev23|dev24|dev25|dev26|dev27|dev28|dev29|dev30|all] [--misses 40] [--json FILE]
        [--answers FILE]

`--answers FILE` writes the whole answer given to each row (intent, entities, data, reply texts
and buttons) as one JSON line per row, so a change meant to keep every reading (a faster parser)
can be proved to by diffing the file before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from bot.app import App
from bot.config import Settings
from handlers.kernel.messages import Answer, Button, Incoming, Sender
from storage.audit import Actor
from storage.interface import Tx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "understanding"
NOW = datetime(2026, 12, 10, 12, 30, tzinfo=UTC)  # Thursday 09:30 in São Paulo
TODAY = date(2026, 12, 10)
SEED = Actor.system("corpus")
PARTS = (
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "dev9",
    "dev10",
    "dev11",
    "dev12",
    "dev13",
    "dev14",
    "dev15",
    "dev16",
    "dev17",
    "dev18",
    "dev19",
    "dev20",
    "dev21",
    "dev22",
    "dev23",
    "dev24",
    "dev25",
    "dev26",
    "dev27",
    "dev28",
    "dev29",
    "dev30",
)  # *2 … *10, dev2 … dev30: written later by other writers
LANGS = ("pt", "en")

# A custom cadence, so "na cadência follow_up" has something to find.
FOLLOW_UP_CADENCE = """key = "follow_up"
kind = "follow_up"
business_days = true
on_reply = "exit"
on_complete = "none"
stop_account_on_reply = false

[name]
pt-BR = "Follow-up pós-feira"
en = "Post-fair follow-up"

[[steps]]
wait = 0
channel = "email"
[steps.action]
pt-BR = "Mandar o material da feira"
en = "Send the fair's material"

[[steps]]
wait = 3
channel = "call"
[steps.action]
pt-BR = "Ligar para marcar uma conversa"
en = "Call to book a conversation"
"""


@dataclass(frozen=True)
class Row:
    """One labelled message (see tests/data/understanding/README.md for the columns)."""

    id: str
    part: str
    lang: str
    asker: str
    text: str
    intent: str
    account: str
    date: str
    follow_up: str
    amount: str
    stage: str
    extra: dict[str, str]


@dataclass
class Reading:
    """What ritmo made of a message, in the corpus's terms."""

    intent: str
    account: str  # "" none, "?" asked which, "new:<name>" offered to create, else the name
    date: str = ""
    follow_up: str = ""
    amount: str = ""
    stage: str = ""


@dataclass
class Verdict:
    row: Row
    reading: Reading
    intent_ok: bool
    account_ok: bool
    checks: dict[str, bool] = field(default_factory=dict)  # date, follow_up, amount, stage

    @property
    def ok(self) -> bool:
        return self.intent_ok and self.account_ok


def load_rows(parts: Iterable[str] = PARTS, folder: Path = CORPUS) -> list[Row]:
    rows: list[Row] = []
    for part in parts:
        for lang in LANGS:
            path = folder / f"{part}_{lang}.csv"
            if not path.exists():
                continue
            lines = [
                line
                for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                if not line.startswith("#")
            ]
            for rec in csv.DictReader(lines):
                extra = dict(
                    kv.split("=", 1) for kv in (rec.get("extra") or "").split(";") if "=" in kv
                )
                rows.append(
                    Row(
                        rec["id"],
                        part,
                        lang,
                        rec["asker"],
                        rec["text"],
                        rec["intent"].strip(),
                        (rec.get("account") or "").strip(),
                        (rec.get("date") or "").strip(),
                        (rec.get("follow_up") or "").strip(),
                        (rec.get("amount") or "").strip(),
                        (rec.get("stage") or "").strip(),
                        extra,
                    )
                )
    return rows


def load_book(folder: Path = CORPUS) -> dict[str, Any]:
    return json.loads((folder / "book.json").read_text(encoding="utf-8"))


def _seed(tx: Tx, book: dict[str, Any]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for p in book["people"]:
        person = tx.people.add_person(
            name=p["name"],
            role=p["role"],
            timezone=book["timezone"],
            locale=p["locale"],
            actor=SEED,
            now=NOW,
            team=p.get("team"),
        )
        tx.people.link_identity(person.id, "console", p["key"], p["key"], SEED, NOW)
        ids[p["key"]] = person.id
    for a in book["accounts"]:
        account = tx.accounts.create_account(
            name=a["name"], owner_id=ids[a["owner"]], actor=SEED, now=NOW
        )
        for c in a["contacts"]:
            tx.accounts.create_contact(
                account_id=account.id,
                name=c["name"],
                actor=SEED,
                now=NOW,
                email=c.get("email"),
                phone=c.get("phone"),
                role=c.get("role"),
            )
        for d in a["deals"]:
            tx.deals.create_deal(
                account_id=account.id,
                owner_id=ids[d["owner"]],
                title=d["title"],
                stage_key=d["stage"],
                amount=d["amount"],
                actor=SEED,
                now=NOW,
                close_date=date.fromisoformat(d["close_date"]),
            )
    return ids


class Reader:
    """A ritmo on a scratch store holding the corpus's book, answering as each asker."""

    def __init__(self, app: App, book: dict[str, Any]) -> None:
        self.app = app
        self.locales = {p["key"]: p["locale"] for p in book["people"]}
        self.names = {p["key"]: p["name"] for p in book["people"]}
        self.counter = 0

    @classmethod
    async def open(cls, workdir: Path, folder: Path = CORPUS) -> Reader:
        cadences = workdir / "cadences"
        cadences.mkdir(parents=True, exist_ok=True)
        (cadences / "follow_up.toml").write_text(FOLLOW_UP_CADENCE, encoding="utf-8")
        settings = Settings(db_path=workdir / "corpus.db", cadence_folder=str(cadences))
        app = App(settings, now=lambda: NOW)
        await app.open()
        book = load_book(folder)
        assert app.store is not None
        await app.store.write(_seed, book)
        return cls(app, book)

    async def close(self) -> None:
        await self.app.close()

    async def answer(self, asker: str, text: str) -> Answer:
        assert self.app.dispatcher is not None
        self.counter += 1
        sender = Sender(
            "console", asker, self.names.get(asker, asker), self.locales.get(asker, "pt-BR")
        )
        msg = Incoming(sender, asker, f"corpus-{self.counter}", text=text)
        # Every row is the first message of a conversation: a card the previous row left open
        # is closed, so a row's "sim" or "não" is read as said out of the blue.
        self.app.dispatcher.cards.forget()
        return await self.app.dispatcher.handle(msg)

    async def read(self, asker: str, text: str) -> Reading:
        return reading_of(await self.answer(asker, text))


def reading_of(answer: Answer) -> Reading:
    """The answer in the corpus's terms: what a person would see it understood."""
    ent = answer.entities or {}
    account = ent.get("account")
    actions = {b.action: b for r in answer.replies for b in r.all_buttons()}
    # Both ways ritmo offers to create an account: the button under "not found" in any request,
    # and the confirm card of an explicit "cria a conta X".
    offer = actions.get("account.create") or actions.get("records.account")
    if offer is not None:
        shown = f"new:{offer.args.get('name', '')}"
    elif isinstance(account, list):
        shown = "?" if account else ""
    elif isinstance(account, str):
        shown = account
    else:
        shown = ""
    when = ent.get("date")
    period = ent.get("period")
    if isinstance(period, dict) and answer.intent == "away":
        when = f"{period.get('start')}..{period.get('end')}"
    follow = ent.get("follow_up")
    amount = ent.get("amount")
    return Reading(
        intent=answer.intent or "unknown",
        account=shown,
        date=str(when or ""),
        follow_up=str(follow.get("date", "")) if isinstance(follow, dict) else "",
        amount=_number(amount.get("value")) if isinstance(amount, dict) else "",
        stage=str(ent.get("stage") or ""),
    )


def _number(value: Any) -> str:
    if value is None:
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else str(round(number, 2))


def _same_account(expected: str, got: str) -> bool:
    if expected.startswith("new:"):
        return got.startswith("new:") and _fold(got[4:]) == _fold(expected[4:])
    return _fold(expected) == _fold(got)


def _fold(text: str) -> str:
    from handlers.understanding.text import fold

    return " ".join(fold(text).split())


def judge(row: Row, got: Reading) -> Verdict:
    checks: dict[str, bool] = {}
    if row.date:
        said = got.date or (TODAY.isoformat() if got.intent == "log" else "")
        checks["date"] = said == row.date
    if row.follow_up:
        checks["follow_up"] = got.follow_up == row.follow_up
    if row.amount:
        checks["amount"] = got.amount == _number(row.amount)
    if row.stage:
        checks["stage"] = got.stage == row.stage
    return Verdict(
        row, got, got.intent == row.intent, _same_account(row.account, got.account), checks
    )


@dataclass
class Report:
    """Accuracies (intent and account both right) by part, language and intent."""

    verdicts: list[Verdict]

    def accuracy(self, keep: Any = lambda v: True) -> tuple[float, int]:
        chosen = [v for v in self.verdicts if keep(v)]
        if not chosen:
            return float("nan"), 0
        return 100.0 * sum(v.ok for v in chosen) / len(chosen), len(chosen)

    def field_accuracy(self, name: str, part: str) -> tuple[float, int]:
        judged = [v.checks[name] for v in self.verdicts if v.row.part == part and name in v.checks]
        if not judged:
            return float("nan"), 0
        return 100.0 * sum(judged) / len(judged), len(judged)

    def out_of_domain_acted(self, part: str) -> int:
        """Off-topic messages answered with data or a write: the harmful misses."""
        harmless = {"out_of_domain", "unclear", "help", "unknown"}
        return sum(
            1
            for v in self.verdicts
            if v.row.part == part
            and v.row.intent == "out_of_domain"
            and v.reading.intent not in harmless
        )

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for part in PARTS:
            acc, n = self.accuracy(lambda v, p=part: v.row.part == p)
            if not n:
                continue
            block: dict[str, Any] = {"messages": n, "intent_and_account": round(acc, 1)}
            for lang in LANGS:
                acc_l, n_l = self.accuracy(
                    lambda v, p=part, lg=lang: v.row.part == p and v.row.lang == lg
                )
                block[f"intent_and_account_{lang}"] = round(acc_l, 1)
                block[f"messages_{lang}"] = n_l
            intent_only = [v.intent_ok for v in self.verdicts if v.row.part == part]
            block["intent"] = round(100.0 * sum(intent_only) / len(intent_only), 1)
            for name in ("date", "follow_up", "amount", "stage"):
                acc_f, n_f = self.field_accuracy(name, part)
                block[name] = {"accuracy": round(acc_f, 1), "messages": n_f}
            block["out_of_domain_acted"] = self.out_of_domain_acted(part)
            per_intent: dict[str, Any] = {}
            for intent in sorted({v.row.intent for v in self.verdicts if v.row.part == part}):
                acc_i, n_i = self.accuracy(
                    lambda v, p=part, i=intent: v.row.part == p and v.row.intent == i
                )
                per_intent[intent] = {"accuracy": round(acc_i, 1), "messages": n_i}
            block["per_intent"] = per_intent
            out[part] = block
        return out

    def misses(self, part: str) -> list[Verdict]:
        return [
            v
            for v in self.verdicts
            if v.row.part == part and (not v.ok or not all(v.checks.values()))
        ]


def answer_line(row: Row, answer: Answer) -> str:
    """The whole answer to a row as one JSON line: what a reading change would show in a diff.

    Buttons are written without their token: it is a random id the store mints, not a reading.
    """
    replies = [
        {
            "text": r.text,
            "buttons": [_button(b) for b in r.buttons],
            "choices": [_button(b) for b in r.choices],
            "image": r.image is not None,
            "private": r.private,
            "edit": r.edit,
        }
        for r in answer.replies
    ]
    whole = {
        "id": row.id,
        "part": row.part,
        "lang": row.lang,
        "intent": answer.intent,
        "entities": answer.entities,
        "data": answer.data,
        "replies": replies,
    }
    return json.dumps(whole, ensure_ascii=False, sort_keys=True, default=_plain)


def _button(b: Button) -> dict[str, Any]:
    return {
        "label": b.label,
        "action": b.action,
        "args": dict(b.args),
        "style": b.style,
        "confirm": b.confirm,
    }


def _plain(value: Any) -> Any:
    """JSON for what an answer may carry besides JSON types, the same on every run."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    if isinstance(value, tuple):
        return list(value)
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    raise TypeError(f"no stable JSON for {type(value).__name__} in an answer")


async def evaluate(
    rows: list[Row], workdir: Path | None = None, answers: IO[str] | None = None
) -> Report:
    verdicts: list[Verdict] = []
    with tempfile.TemporaryDirectory(prefix="ritmo-corpus-") as scratch:
        reader = await Reader.open(Path(workdir or scratch))
        try:
            for row in rows:
                answer = await reader.answer(row.asker, row.text)
                if answers is not None:
                    answers.write(answer_line(row, answer) + "\n")
                verdicts.append(judge(row, reading_of(answer)))
        finally:
            await reader.close()
    return Report(verdicts)


def _print(report: Report, show_misses: int, parts: Iterable[str]) -> None:
    summary = report.summary()
    for part, block in summary.items():
        print(f"\n== {part}: {block['messages']} messages ==")
        print(
            f"intent and account right: {block['intent_and_account']:.1f} %  "
            f"(pt {block['intent_and_account_pt']:.1f} %, "
            f"en {block['intent_and_account_en']:.1f} %); intent alone "
            f"{block['intent']:.1f} %"
        )
        for name in ("date", "follow_up", "amount", "stage"):
            f = block[name]
            print(f"  {name:<10} {f['accuracy']:6.1f} % of {f['messages']}")
        print(f"  out-of-domain answered with data or a write: {block['out_of_domain_acted']}")
        for intent, f in block["per_intent"].items():
            print(f"  {intent:<16} {f['accuracy']:6.1f} % of {f['messages']}")
    for part in parts:
        missed = report.misses(part)
        if not missed or not show_misses:
            continue
        confusions = Counter((v.row.intent, v.reading.intent) for v in missed if not v.intent_ok)
        print(f"\n-- {part}: most common intent confusions (expected -> got) --")
        for (want, got), n in confusions.most_common(15):
            print(f"  {n:4d}  {want} -> {got}")
        print(f"\n-- {part}: misses (first {show_misses} of {len(missed)}) --")
        for v in missed[:show_misses]:
            bad = [k for k, ok in v.checks.items() if not ok]
            print(
                f"{v.row.id} [{v.row.asker}] {v.row.text!r}\n"
                f"    want {v.row.intent}/{v.row.account or '-'} "
                f"{_fields(asdict(v.row), bad)}\n"
                f"    got  {v.reading.intent}/{v.reading.account or '-'} "
                f"{_fields(asdict(v.reading), bad)}"
            )


def _fields(values: dict[str, Any], names: list[str]) -> str:
    return " ".join(f"{n}={values.get(n) or '-'}" for n in names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=(*PARTS, "all"), default="all")
    parser.add_argument(
        "--misses",
        type=int,
        default=0,
        help="list this many misses per part (look at dev, not held-out)",
    )
    parser.add_argument("--json", type=Path, help="write the summary here")
    parser.add_argument(
        "--answers", type=Path, help="write each row's whole answer here, one JSON line per row"
    )
    args = parser.parse_args(argv)
    parts = PARTS if args.part == "all" else (args.part,)
    rows = load_rows(parts)
    if args.answers:
        with args.answers.open("w", encoding="utf-8") as out:
            report = asyncio.run(evaluate(rows, answers=out))
    else:
        report = asyncio.run(evaluate(rows))
    _print(report, args.misses, parts)
    if args.json:
        args.json.write_text(json.dumps(report.summary(), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = [
    "Reader",
    "Reading",
    "Report",
    "Row",
    "answer_line",
    "evaluate",
    "judge",
    "load_rows",
    "main",
]
