"""Cadence definitions: the TOML format, its validation, and loading built-in and custom files.

A cadence file is written by Sales Ops, not by a developer, so every problem found is reported
with the file, the field (`steps[2].channel`) and what is wrong, and all problems of a file are
reported at once instead of one per attempt. Problems are keys with parameters: the engine
never words them (handlers.kernel.cadence_problems does, in pt-BR and English).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from storage import labels

CHANNELS = ("call", "email", "meeting", "visit", "whatsapp", "linkedin", "note")
STANDARD_KINDS = ("exploratory", "nurture", "conversion")
LOCALES = ("pt-BR", "en")


@dataclass(frozen=True)
class Text:
    """A user-facing text: pt-BR and English always, any other locale the file gives (`es`).

    A cadence file is data, so a third language is one more key in its tables; a locale the
    file lacks reads the pt-BR text.
    """

    pt: str
    en: str
    others: tuple[tuple[str, str], ...] = ()

    def get(self, locale: str) -> str:
        if locale == "en":
            return self.en
        return dict(self.others).get(locale) or self.pt

    def as_dict(self) -> dict[str, str]:
        return {"pt-BR": self.pt, "en": self.en, **dict(self.others)}


@dataclass(frozen=True)
class Name(Text):
    """A cadence's name: a locale the file lacks reads the English name, as every cadence name
    does (storage.labels.cadence_name), not the pt-BR text a step's action falls back to."""

    def get(self, locale: str) -> str:
        return labels.cadence_name(locale, self.as_dict(), self.en)


@dataclass(frozen=True)
class Next:
    """What happens after a reply or after the last step: stop, or move to another cadence."""

    action: str  # "exit" (on reply), "none" (on completion) or "switch"
    target: str | None = None

    def __str__(self) -> str:
        return f"switch:{self.target}" if self.action == "switch" else self.action


@dataclass(frozen=True)
class Step:
    """One step: wait this many days after the previous one, then do `action` on `channel`."""

    wait: int
    channel: str
    action: Text
    template: Text | None = None


@dataclass(frozen=True)
class Cadence:
    key: str
    name: Text
    kind: str
    steps: tuple[Step, ...]
    business_days: bool = True
    on_reply: Next = Next("exit")
    on_complete: Next = Next("none")
    stop_account_on_reply: bool = False
    source: str = "builtin"
    file: str = field(default="", compare=False)
    # A custom file with a built-in's key replaces it only when it says so (never by accident).
    replaces_builtin: bool = field(default=False, compare=False)

    def step(self, index: int) -> Step:
        return self.steps[index]

    def links(self) -> tuple[str, ...]:
        """Keys of the cadences this one may switch to."""
        return tuple(n.target for n in (self.on_reply, self.on_complete) if n.target)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where, and a message key with its parameters; the words are
    presentation (handlers.kernel.cadence_problems says them in the reader's language)."""

    file: str
    field: str
    key: str
    params: Mapping[str, Any]


class CadenceError(ValueError):
    """One or more problems in cadence files. `str()` names them by key for logs; a person is
    shown `handlers.kernel.cadence_problems.describe(error, locale)`, one per line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.file}: {p.field}: {p.key}" for p in self.problems))


class _Checker:
    """Collects the problems of one file while reading it."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, field: str, key: str, **params: Any) -> None:
        self.problems.append(Problem(self.file, field, f"cadence.error.{key}", params))

    def string(self, data: Mapping[str, Any], name: str, where: str, default: Any = ...) -> Any:
        if name not in data:
            if default is ...:
                self.add(where + name, "missing")
            return None if default is ... else default
        value = data[name]
        if not isinstance(value, str) or not value.strip():
            self.add(where + name, "type", expected="string")
            return None
        return value.strip()

    def flag(self, data: Mapping[str, Any], name: str, default: bool) -> bool:
        value = data.get(name, default)
        if not isinstance(value, bool):
            self.add(name, "type", expected="bool")
            return default
        return value

    def text(self, data: Mapping[str, Any], name: str, where: str, required: bool) -> Text | None:
        if name not in data:
            if required:
                self.add(where + name, "missing")
            return None
        value = data[name]
        if not isinstance(value, Mapping):
            self.add(where + name, "type", expected="table")
            return None
        missing = [loc for loc in LOCALES if not isinstance(value.get(loc), str) or not value[loc]]
        if missing:
            self.add(where + name, "locales", missing=", ".join(missing))
            return None
        others = tuple(
            sorted(
                (loc, text.strip())
                for loc, text in value.items()
                if loc not in LOCALES and isinstance(text, str) and text.strip()
            )
        )
        return Text(value["pt-BR"].strip(), value["en"].strip(), others)

    def next(self, data: Mapping[str, Any], name: str, stop: str) -> Next:
        raw = self.string(data, name, "", default=stop)
        if raw is None:
            return Next(stop)
        if raw == stop:
            return Next(stop)
        action, _, target = raw.partition(":")
        if action == "switch" and _valid_key(target):
            return Next("switch", target)
        self.add(name, "next", value=raw, allowed=f"{stop} | switch:<key>")
        return Next(stop)


_TOP_FIELDS = frozenset(
    {
        "key",
        "name",
        "kind",
        "business_days",
        "steps",
        "on_reply",
        "on_complete",
        "stop_account_on_reply",
        "replaces_builtin",
    }
)
_STEP_FIELDS = frozenset({"wait", "channel", "action", "template"})


def _valid_key(value: str) -> bool:
    return bool(value) and all(
        c.isascii() and (c.islower() or c.isdigit() or c in "_-") for c in value
    )


def parse(data: Mapping[str, Any], file: str, source: str = "custom") -> Cadence:
    """Build a cadence from parsed TOML (or its stored JSON form).

    Raises:
        CadenceError: every problem found in the data.
    """
    check = _Checker(file)
    for unknown in sorted(set(data) - _TOP_FIELDS):
        check.add(unknown, "unknown_field")
    key = check.string(data, "key", "")
    if key is not None and not _valid_key(key):
        check.add("key", "key", value=key)
    name = check.text(data, "name", "", required=True)
    kind = check.string(data, "kind", "", default="custom")
    steps = _parse_steps(data.get("steps"), check)
    business_days = check.flag(data, "business_days", True)
    on_reply = check.next(data, "on_reply", "exit")
    on_complete = check.next(data, "on_complete", "none")
    stop_account_on_reply = check.flag(data, "stop_account_on_reply", False)
    replaces_builtin = check.flag(data, "replaces_builtin", False)
    for name_, switch in (("on_reply", on_reply), ("on_complete", on_complete)):
        if switch.target is not None and switch.target == key:
            check.add(name_, "self_switch")
    if check.problems:
        raise CadenceError(check.problems)
    assert key is not None and name is not None  # else a problem was raised just above
    return Cadence(
        key=key,
        name=Name(name.pt, name.en, name.others),
        kind=kind,
        steps=steps,
        business_days=business_days,
        on_reply=on_reply,
        on_complete=on_complete,
        stop_account_on_reply=stop_account_on_reply,
        source=source,
        file=file,
        replaces_builtin=replaces_builtin,
    )


def _parse_steps(raw: Any, check: _Checker) -> tuple[Step, ...]:
    if raw is None:
        check.add("steps", "no_steps")
        return ()
    if not isinstance(raw, list) or not all(isinstance(s, Mapping) for s in raw):
        check.add("steps", "type", expected="steps")
        return ()
    if not raw:
        check.add("steps", "no_steps")
    steps = []
    for index, item in enumerate(raw):
        where = f"steps[{index + 1}]."
        for unknown in sorted(set(item) - _STEP_FIELDS):
            check.add(where + unknown, "unknown_field")
        wait = item.get("wait", 0)
        if isinstance(wait, bool) or not isinstance(wait, int) or not 0 <= wait <= 365:
            check.add(where + "wait", "wait", value=wait)
        channel = check.string(item, "channel", where)
        if channel is not None and channel not in CHANNELS:
            check.add(where + "channel", "channel", value=channel, allowed=", ".join(CHANNELS))
        action = check.text(item, "action", where, required=True)
        template = check.text(item, "template", where, required=False)
        if action is not None:  # else the problem is recorded and parse() raises it
            steps.append(Step(wait=wait, channel=channel, action=action, template=template))
    return tuple(steps)


def to_dict(cadence: Cadence) -> dict[str, Any]:
    """The cadence as plain data in the TOML file's shape (stored as JSON, shown by --json)."""
    steps = []
    for step in cadence.steps:
        entry: dict[str, Any] = {
            "wait": step.wait,
            "channel": step.channel,
            "action": step.action.as_dict(),
        }
        if step.template is not None:
            entry["template"] = step.template.as_dict()
        steps.append(entry)
    return {
        "key": cadence.key,
        "name": cadence.name.as_dict(),
        "kind": cadence.kind,
        "business_days": cadence.business_days,
        "on_reply": str(cadence.on_reply),
        "on_complete": str(cadence.on_complete),
        "stop_account_on_reply": cadence.stop_account_on_reply,
        "steps": steps,
    }


def load_text(text: str, file: str, source: str = "custom") -> Cadence:
    """Parse one cadence from TOML text. Raises CadenceError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CadenceError(
            [Problem(file, "-", "cadence.error.toml", {"detail": str(exc)})]
        ) from exc
    return parse(data, file, source)


def load_file(path: str | Path, source: str = "custom") -> Cadence:
    """Parse one cadence file. Raises CadenceError, naming the file, for anything wrong with it
    (not UTF-8, unreadable, not TOML, bad fields)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CadenceError([Problem(str(path), "-", "cadence.error.not_text", {})]) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CadenceError(
            [Problem(str(path), "-", "cadence.error.unreadable", {"reason": reason})]
        ) from None
    return load_text(text, str(path), source)


def load_builtin() -> dict[str, Cadence]:
    """The cadences shipped with ritmo, by key."""
    folder = resources.files("cadence_jobs") / "builtin"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    found = [
        load_text(f.read_text(encoding="utf-8"), f"builtin/{f.name}", "builtin") for f in files
    ]
    return by_key(found, {})


def load_folder(
    path: str | Path, known: Mapping[str, Cadence] | None = None
) -> dict[str, Cadence]:
    """Every `*.toml` cadence in a folder, by key (`load_all` decides whether a custom key
    may replace a built-in one).

    `known` (usually the built-ins) is used to check that `switch:` targets exist.

    Raises:
        CadenceError: the problems of every broken file together.
    """
    problems: list[Problem] = []
    found: list[Cadence] = []
    for file in sorted(Path(path).glob("*.toml")):
        try:
            found.append(load_file(file))
        except CadenceError as exc:
            problems.extend(exc.problems)
    if problems:
        raise CadenceError(problems)
    return by_key(found, known or {})


def load_all(folder: str | Path | None) -> dict[str, Cadence]:
    """Built-ins plus the custom folder (if any), with every `switch:` target checked."""
    cadences = load_builtin()
    if folder:
        custom = load_folder(folder, cadences)
        _check_replacements(custom, cadences)
        cadences.update(custom)
    return cadences


def _check_replacements(custom: Mapping[str, Cadence], builtin: Mapping[str, Cadence]) -> None:
    """A custom cadence replaces a built-in one only with `replaces_builtin = true`.

    Raises:
        CadenceError: a custom key that silently shadows a built-in, or a flag with nothing to
            replace.
    """
    problems = [
        Problem(c.file, "key", "cadence.error.builtin_key", {"value": c.key})
        for c in custom.values()
        if c.key in builtin and not c.replaces_builtin
    ] + [
        Problem(c.file, "replaces_builtin", "cadence.error.nothing_to_replace", {"value": c.key})
        for c in custom.values()
        if c.replaces_builtin and c.key not in builtin
    ]
    if problems:
        raise CadenceError(problems)


def by_key(found: list[Cadence], known: Mapping[str, Cadence]) -> dict[str, Cadence]:
    """Index cadences by key, refusing duplicate keys and `switch:` targets that don't exist.

    Raises:
        CadenceError: every duplicate and dangling target.
    """
    problems: list[Problem] = []
    seen: dict[str, Cadence] = {}
    for cadence in found:
        if cadence.key in seen:
            other = seen[cadence.key].file
            problems.append(
                Problem(
                    cadence.file,
                    "key",
                    "cadence.error.duplicate",
                    {"value": cadence.key, "other": other},
                )
            )
        seen[cadence.key] = cadence
    everything = {**known, **seen}
    for cadence in seen.values():
        for name, nxt in (("on_reply", cadence.on_reply), ("on_complete", cadence.on_complete)):
            if nxt.target is not None and nxt.target not in everything:
                problems.append(
                    Problem(
                        cadence.file, name, "cadence.error.unknown_target", {"value": nxt.target}
                    )
                )
    if problems:
        raise CadenceError(problems)
    return seen
