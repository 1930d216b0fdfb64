"""What is wrong in a cadence file, in the reader's language: the engine reports each problem as
a key with parameters (cadence_jobs.definitions.Problem), and this is where they become words.
"""

from __future__ import annotations

from cadence_jobs.definitions import CadenceError, Problem
from handlers.kernel.i18n import t


def problem_text(problem: Problem, locale: str) -> str:
    """One problem as a line: file, field, and what is wrong."""
    params = dict(problem.params)
    if "expected" in params:
        params["expected"] = t(locale, f"cadence.type.{params['expected']}")
    text = t(locale, problem.key, **params)
    return t(locale, "cadence.error.line", file=problem.file, field=problem.field, problem=text)


def describe(error: CadenceError, locale: str) -> str:
    """Every problem of the error, one per line, in `locale`."""
    return "\n".join(problem_text(p, locale) for p in error.problems)
