"""Routers: each capability module owns one and registers its handlers on it.

Check-then-handle, as python-telegram-bot does: a route first *checks* a message (cheap, no I/O),
and the first route whose check passes *handles* it. Three kinds of route exist: button actions
(by dotted action name), understood intents (by intent name), and raw message checks. A router
may also bring intents of its own for the parser to read (`reads`, see
handlers.understanding.plugins); the dispatcher hands them to the parser.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from handlers.kernel.context import Context
from handlers.kernel.messages import Answer, Incoming
from handlers.understanding.plugins import IntentPlugin

MessageHandler = Callable[[Incoming, Context], Awaitable[Answer]]
ActionHandler = Callable[[Incoming, Context, dict[str, Any]], Awaitable[Answer]]
IntentHandler = Callable[[Incoming, Context, Any], Awaitable[Answer]]
Check = Callable[[Incoming, Context], bool]
# The decorators hand back the function as it was typed, so a handler that takes more
# (optional) arguments can still be called with them elsewhere.
_M = TypeVar("_M", bound=MessageHandler)
_A = TypeVar("_A", bound=ActionHandler)
_I = TypeVar("_I", bound=IntentHandler)
# The services key under which the dispatcher keeps every router's declared intents.
PLUGIN_INTENTS = "intent_plugins"


@dataclass
class Router:
    name: str
    messages: list[tuple[Check, MessageHandler]] = field(default_factory=list)
    actions: dict[str, ActionHandler] = field(default_factory=dict)
    intents: dict[str, IntentHandler] = field(default_factory=dict)
    public: set[str] = field(default_factory=set)  # routes open to unlinked senders
    reads: tuple[IntentPlugin, ...] = ()  # intents of its own, read after the built-in ones

    def message(self, check: Check, *, public: bool = False) -> Callable[[_M], _M]:
        """Register a handler for messages whose `check(msg, ctx)` is true."""

        def register(fn: _M) -> _M:
            self.messages.append((check, fn))
            if public:
                self.public.add(fn.__name__)
            return fn

        return register

    def action(self, name: str) -> Callable[[_A], _A]:
        """Register a handler for a button action such as "step.done"."""

        def register(fn: _A) -> _A:
            if name in self.actions:
                raise ValueError(f"action {name!r} registered twice in router {self.name}")
            self.actions[name] = fn
            return fn

        return register

    def intent(self, name: str) -> Callable[[_I], _I]:
        """Register a handler for text understood as intent `name` (see handlers.understanding)."""

        def register(fn: _I) -> _I:
            if name in self.intents:
                raise ValueError(f"intent {name!r} registered twice in router {self.name}")
            self.intents[name] = fn
            return fn

        return register
