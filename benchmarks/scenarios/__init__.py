"""Benchmark scenarios: every module here with a SCENARIOS list is picked up by run.py."""

from __future__ import annotations

import importlib
import pkgutil

from benchmarks.harness import Scenario


def discover() -> list[Scenario]:
    found: list[Scenario] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "SCENARIOS", []))
    return found
