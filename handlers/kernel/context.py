"""What a handler is given: the store, the clock, the options and who is asking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from handlers.kernel import i18n

if TYPE_CHECKING:
    from storage.interface import Store
    from storage.people import Person


@dataclass(frozen=True)
class Options:
    """The settings handlers and jobs need, built from bot.config.Settings (handlers never read
    the environment)."""

    default_timezone: str = "America/Sao_Paulo"
    default_locale: str = "pt-BR"
    holidays_country: str = "BR"
    holidays_subdivision: str | None = None
    holidays_categories: tuple[str, ...] | None = None  # None: public + Carnival, Corpus Christi
    holidays_extra: tuple[date, ...] = ()
    stalled_days: int = 14
    silent_days: int = 3  # a rep who logged nothing for this long is named in the digest
    link_code_ttl_days: int = 7
    digest_time: str = "08:00"
    cadence_folder: str | None = None
    max_message_chars: int = 4000
    extra: dict[str, Any] = field(default_factory=dict)


class Wording(Protocol):
    """What the wording helpers read of a Context: enough to write for someone no message
    came from (the morning agenda's reader)."""

    @property
    def locale(self) -> str: ...
    def t(self, key: str, **params: object) -> str: ...
    def now(self) -> datetime: ...


@dataclass
class Context:
    """Per-message context. `person` is None for a chat identity nobody has linked yet."""

    store: Store
    now: Callable[[], datetime]
    options: Options
    person: Person | None = None
    locale: str = "pt-BR"
    services: dict[str, Any] = field(default_factory=dict)
    # Values fixed for the whole message (its local date), worked out once when first needed.
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def t(self, key: str, **params: object) -> str:
        return i18n.t(self.locale, key, **params)

    def tn(self, key: str, n: int, **params: object) -> str:
        """The plural form of `key` that the count `n` takes in the asker's language."""
        return i18n.tn(self.locale, key, n, **params)
