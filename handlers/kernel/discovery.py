"""Find the routers of a plug-in package (handlers/plugins by default) at start.

Why a scan and not a list: a new intent should be one file of its own, not that file plus an
edit to the central router list (issue 15: "adding a new intent touches ≤ 4 files", i.e. the
module and one catalogue per locale). The scan imports every module of the package once, in
name order so the routers' order (and so which plug-in's cue wins a tie) never depends on the
file system; a module without a `router` is a helper and is skipped. A module that fails to
import stops the start with its error: a half-loaded set of intents would answer some
messages and silently not others.
"""

from __future__ import annotations

import importlib
import pkgutil

from handlers.kernel.router import Router

PLUGIN_PACKAGE = "handlers.plugins"


def plugin_routers(package: str = PLUGIN_PACKAGE) -> list[Router]:
    """The `router` of each module of `package`, in module-name order."""
    root = importlib.import_module(package)
    names = sorted(info.name for info in pkgutil.iter_modules(root.__path__) if not info.ispkg)
    found: list[Router] = []
    for name in names:
        module = importlib.import_module(f"{package}.{name}")
        router = getattr(module, "router", None)
        if isinstance(router, Router):
            found.append(router)
    return found
