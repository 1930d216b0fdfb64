"""Conversation scenarios: ask latency per intent, name resolution over 200k accounts, and
log throughput through the whole handler path (dispatcher, parser, lookup, write, tokens).

Everything runs in-process and warm, on a copy of the scale's store (logging writes to it).
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.harness import Bench, Result, Scenario, repeated, summary_ms
from bot.app import build_parser, build_routers
from handlers.kernel import lookup
from handlers.kernel.context import Options
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.messages import Incoming, Sender
from storage import backends, stages
from storage.audit import Actor
from storage.interface import Store, Tx
from storage.seeding import SyntheticSpec
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx

ROUNDS = 60  # timed messages per intent (after one warm-up round)
NAME_QUERIES = 300
NAMES_ACCOUNTS = 200_000
LOGS = 4_000
LOG_CONCURRENCY = 64
LOG_TARGET = 2_500  # logs/s, judged on the median of bench.repeat rounds (issue 19's target)
LOG_FLOOR = 2_000  # below this on a quiet run, something regressed


def _pick_cast(path, reps: int = 1) -> dict:
    """The busiest rep(s), the first one's manager and 20 of their account names, read from the
    scale's SQLite file. A PostgreSQL store was moved from that file with its ids, so the same
    people are found there; picking them is set-up, not product code."""
    conn = sqlite3.connect(path)
    busiest = [
        r[0]
        for r in conn.execute(
            "SELECT owner_id FROM accounts a JOIN people p ON p.id = a.owner_id"
            " WHERE p.role = 'rep' GROUP BY owner_id ORDER BY count(*) DESC, owner_id LIMIT ?",
            (reps,),
        )
    ]
    manager_id = conn.execute(
        "SELECT t.manager_id FROM teams t JOIN people p ON p.team_id = t.id WHERE p.id = ?",
        (busiest[0],),
    ).fetchone()[0]
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM accounts WHERE owner_id = ? ORDER BY id LIMIT 20", (busiest[0],)
        )
    ]
    conn.close()
    return {"reps": busiest, "manager": manager_id, "names": names}


def _link_cast(tx: Tx, picked: dict) -> dict:
    """Console identities for the picked reps (bench-rep, bench-rep2, …), their manager and an
    admin, through the store's interface (so on either backend)."""
    now = datetime.now(UTC)
    admin = tx.people.find_person("Bench Admin") or tx.people.add_person(
        name="Bench Admin",
        role="admin",
        timezone="America/Sao_Paulo",
        locale="pt-BR",
        actor=Actor.system("bench"),
        now=now,
    )
    cast = {"manager": picked["manager"], "admin": admin.id}
    for n, rep in enumerate(picked["reps"], 1):
        cast["rep" if n == 1 else f"rep{n}"] = rep
    for role, pid in cast.items():
        tx.people.link_identity(
            pid,
            "console",
            f"bench-{role}",
            f"bench-{role}",
            Actor.system("bench"),
            now,
            preferred=False,
        )
    return {"ids": cast, "names": picked["names"]}


def _phrasings(names: list[str]) -> dict[str, list[str]]:
    short = [lookup.name_key(n) for n in names]  # as typed: lower-case, no suffix
    return {
        "agenda": ["o que tenho hoje?", "what's due today?", "meus próximos passos"],
        "next_step": [f"próximo passo com a {s}" for s in short],
        "status": [f"status {s}" for s in short],
        "pipeline": ["meu pipeline", "my pipeline", "pipeline em negociação"],
        "forecast": ["previsão do mês", "forecast next quarter"],
        "closing": ["o que fecha este mês?", "deals closing next month"],
        "stalled": ["negócios parados", "stalled deals"],
        "overdue": ["quem está atrasado?", "what's overdue?"],
        "team": ["como está o time?"],
        "stage_change": [f"mover {s} para negociação" for s in short],
        "won": [f"ganho {s}" for s in short],
        "lost": [f"perdido {s} preço" for s in short],
    }


class _Chat:
    def __init__(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher
        self.n = 0

    async def say(self, who: str, text: str) -> float:
        self.n += 1
        msg = Incoming(
            Sender("console", f"bench-{who}"), f"bench-{who}", f"bench-{self.n}", text=text
        )
        started = time.perf_counter()
        answer = await self.dispatcher.handle(msg)
        elapsed = time.perf_counter() - started
        if answer.intent == "unknown":
            raise RuntimeError(f"{text!r} was not understood: {answer.replies[0].text}")
        return elapsed


def chat_for(store: Store) -> _Chat:
    """The real dispatcher (every router, the parser) over `store`, speaking as console users."""
    dispatcher = Dispatcher(
        build_routers(), store, Options(), lambda: datetime.now(UTC), build_parser()
    )
    return _Chat(dispatcher)


async def _open(bench: Bench, name: str, reps: int = 1) -> tuple[Store, dict, _Chat]:
    store = await backends.connect(bench.writable(name))
    cast = await store.write(_link_cast, _pick_cast(bench.store_path, reps))
    return store, cast, chat_for(store)


def _latency(bench: Bench, label: str, samples: list[float]) -> list[Result]:
    """p50 and p95; PostgreSQL's target is the p95 only (issue 16), SQLite's both."""
    p50, p95 = summary_ms(samples)
    on_pg = bench.backend == "postgres"
    return [
        Result("ask", f"{label} p50", p50, "ms", *((None, None) if on_pg else ("<= 5", p50 <= 5))),
        Result("ask", f"{label} p95", p95, "ms", "<= 20", p95 <= 20),
    ]


async def ask_latency(bench: Bench) -> list[Result]:
    """p50/p95 of one message through the dispatcher, per intent (rep; manager for team)."""
    store, cast, chat = await _open(bench, "conversation")
    results = []
    try:
        every = []
        for intent, texts in _phrasings(cast["names"]).items():
            who = "manager" if intent in ("team", "overdue") else "rep"
            for text in texts:
                await chat.say(who, text)  # warm caches and the parser
            samples = [await chat.say(who, texts[i % len(texts)]) for i in range(ROUNDS)]
            every += samples
            results += _latency(bench, intent, samples)
        results += _latency(bench, "all intents", every)
    finally:
        await store.close()
    return results


def _names_store() -> Path:
    """A SQLite store with 200k accounts (the large scale's count) and little else, cached."""
    from benchmarks.harness import CACHE

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"names{NAMES_ACCOUNTS // 1000}k.db"
    conn = db.connect_sync(path)
    if conn.execute("SELECT count(*) FROM accounts").fetchone()[0] < NAMES_ACCOUNTS:
        with db.transaction(conn):
            SqliteTx(conn).stages.install_stages(stages.DEFAULT_STAGES, Actor.system("bench"))
            SqliteTx(conn).seeding.seed_synthetic(
                SyntheticSpec(
                    reps=2_000,
                    accounts=NAMES_ACCOUNTS,
                    deals=1_000,
                    interactions=1_000,
                    enrolments=1_000,
                ),
                datetime.now(UTC),
            )
        conn.execute("ANALYZE")
    conn.close()
    return path


def _typo(rnd: random.Random, name: str) -> str:
    """The name folded, with one letter of its longest word dropped."""
    words = lookup.name_key(name).split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    i = rnd.randrange(1, len(word) - 1)
    words[longest] = word[:i] + word[i + 1 :]
    return " ".join(words)


async def name_resolution(bench: Bench) -> list[Result]:
    """An admin naming one of 200k accounts: exact, lower-case/unaccented, and with a typo."""
    path = _names_store()
    conn = sqlite3.connect(path)  # picks the names to look for; the lookups go to the store
    store = backends.connect_sync(bench.from_sqlite(path, "names"))
    rnd = random.Random(7)
    count = conn.execute("SELECT max(id) FROM accounts").fetchone()[0]
    results = []
    samples_all = []
    for label, mangle in (
        ("as written", lambda n: n),
        ("folded, no suffix", lookup.name_key),
        ("one typo", lambda n: _typo(rnd, n)),
    ):
        samples, found = [], 0
        for _ in range(NAME_QUERIES):
            row = conn.execute(
                "SELECT name FROM accounts WHERE id = ?", (rnd.randrange(1, count + 1),)
            ).fetchone()
            query = mangle(row[0])
            started = time.perf_counter()
            result = store.read(lookup.find, query, None)
            samples.append(time.perf_counter() - started)
            names = [result.account.name] if result.account else [c.name for c in result.choices]
            found += row[0] in names
        samples_all += samples
        p50, p95 = summary_ms(samples)
        results.append(Result("names", f"200k, {label} p95", p95, "ms", "<= 20", p95 <= 20))
        results.append(Result("names", f"200k, {label} p50", p50, "ms"))
        results.append(Result("names", f"200k, {label} found", 100 * found / NAME_QUERIES, "%"))
    conn.close()
    store.close()
    return results


async def log_throughput(bench: Bench) -> list[Result]:
    """Logs per second through the whole handler path, many reps' messages at once.

    `bench.repeat` rounds of LOGS messages on the same store (each message a new one); the
    median round is judged and the spread reported, since one round on this shared machine
    can be a third slower than the next.
    """
    store, cast, chat = await _open(bench, "conversation_log")
    names = [lookup.name_key(n) for n in cast["names"]]
    kinds = ["registrar ligação", "log call", "registrar visita", "log email"]
    texts = [f"{kinds[i % 4]} {names[i % len(names)]}: conversa {i}" for i in range(LOGS)]

    async def one_round(r: int) -> tuple[float, int]:
        queue = list(enumerate(texts))
        before = store.batches

        async def worker() -> None:
            while queue:
                n, text = queue.pop()
                msg = Incoming(
                    Sender("console", "bench-rep"), "bench-rep", f"log-{r}-{n}", text=text
                )
                answer = await chat.dispatcher.handle(msg)
                if not answer.data.get("written"):
                    raise RuntimeError(f"{text!r} was not logged: {answer.replies[0].text}")

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(LOG_CONCURRENCY)))
        return LOGS / (time.perf_counter() - started), store.batches - before

    try:
        await chat.dispatcher.handle(
            Incoming(Sender("console", "bench-rep"), "bench-rep", "warm", text=texts[0])
        )
        rounds = [await one_round(r) for r in range(bench.repeat)]
    finally:
        await store.close()
    on_pg = bench.backend == "postgres"  # PostgreSQL's target is a ratio to SQLite's (run.py)
    return [
        repeated(
            "log",
            "logs/s through the handler path",
            [r for r, _ in rounds],
            "logs/s",
            None if on_pg else f">= {LOG_TARGET} (floor {LOG_FLOOR})",
            None if on_pg else (lambda rate: rate >= LOG_TARGET),
        ),
        repeated(
            "log", "write transactions for those logs", [float(b) for _, b in rounds], "commits"
        ),
    ]


SCENARIOS = [
    Scenario("ask", ask_latency),
    Scenario("names", name_resolution),
    Scenario("log", log_throughput),
]
