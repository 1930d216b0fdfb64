"""Intents that live outside the built-in reading: drop a module here and ritmo serves it.

Each module of this package that defines a module-level `router` (a handlers.kernel.router
Router, usually declaring an IntentPlugin with `Router(NAME, reads=(INTENT,))`) is added to
the router list at start, after the built-in routers, in module-name order
(handlers/kernel/discovery.py). A new intent is then one module here plus its msgids in each
locale's catalogue; no other file changes. tests/data/plugins/brochure.py is an example.
"""
