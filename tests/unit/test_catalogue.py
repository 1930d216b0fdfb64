"""The gettext catalogues agree: same msgids, same placeholders, every plural form, every key used.

The checks are plain functions run against the shipped `.po` files and, to show they bite,
against small broken catalogues written to a temporary folder.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from handlers.kernel import i18n

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "cadence_jobs", "storage")


def _fields(template: str) -> set[str]:
    return {
        f.split(".")[0].split("[")[0] for _, f, _, _ in string.Formatter().parse(template) if f
    }


def catalogue_problems(catalogues: dict[str, i18n.Messages]) -> list[str]:
    """Every disagreement between locales' catalogues, as one sentence each."""
    problems: list[str] = []
    reference_locale, reference = next(iter(catalogues.items()))
    for locale, messages in catalogues.items():
        for kind, own, ref in (
            ("text", messages.texts, reference.texts),
            ("plural", messages.plurals, reference.plurals),
        ):
            for key in sorted(set(ref) - set(own)):
                problems.append(f"{locale} lacks {kind} msgid {key!r}")
            for key in sorted(set(own) - set(ref)):
                problems.append(f"{locale} has {kind} msgid {key!r} that {reference_locale} lacks")
        for key in sorted(set(messages.texts) & set(reference.texts)):
            if _fields(messages.texts[key]) != _fields(reference.texts[key]):
                problems.append(f"{locale} {key!r} placeholders differ from {reference_locale}")
        for key, forms in sorted(messages.plurals.items()):
            if len(forms) != messages.num_plurals or not all(forms):
                problems.append(
                    f"{locale} plural {key!r} has {sum(1 for f in forms if f)} of "
                    f"{messages.num_plurals} forms"
                )
            if key in reference.plurals:
                # A form may leave out {count} ("um registro"), nothing else.
                expected = set().union(*map(_fields, reference.plurals[key])) - {"count"}
                for form in forms:
                    if _fields(form) - {"count"} != expected:
                        problems.append(
                            f"{locale} plural {key!r} placeholders differ from {reference_locale}"
                        )
                        break
    return problems


def _shipped() -> dict[str, i18n.Messages]:
    return {locale: i18n.read_catalogue(i18n.po_path(locale)) for locale in i18n.LOCALES}


def test_every_locale_has_every_msgid_with_the_same_placeholders_and_all_plural_forms() -> None:
    assert catalogue_problems(_shipped()) == []


def _write_po(folder: Path, name: str, header_plural: str, body: str) -> Path:
    path = folder / f"{name}.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n'
        '"Content-Type: text/plain; charset=utf-8\\n"\n'
        f'"Plural-Forms: {header_plural}\\n"\n\n{body}',
        encoding="utf-8",
    )
    return path


GOOD_PT = (
    'msgid "log.done"\nmsgstr "Registrei {kind}."\n\n'
    'msgid "log.count"\nmsgid_plural "log.count"\n'
    'msgstr[0] "{count} registro"\nmsgstr[1] "{count} registros"\n'
)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            'msgid "log.count"\nmsgid_plural "log.count"\nmsgstr[0] "{count} log"\n'
            'msgstr[1] "{count} logs"\n',
            "en lacks text msgid 'log.done'",
        ),
        (
            'msgid "log.done"\nmsgstr "Logged {what}."\n\n'
            'msgid "log.count"\nmsgid_plural "log.count"\nmsgstr[0] "{count} log"\n'
            'msgstr[1] "{count} logs"\n',
            "en 'log.done' placeholders differ from pt-BR",
        ),
        (
            'msgid "log.done"\nmsgstr "Logged {kind}."\n\n'
            'msgid "log.count"\nmsgid_plural "log.count"\nmsgstr[0] "{count} log"\n'
            'msgstr[1] ""\n',
            "en plural 'log.count' has 1 of 2 forms",
        ),
    ],
)
def test_the_check_catches_a_missing_msgid_a_changed_placeholder_and_a_missing_plural_form(
    tmp_path: Path, body: str, problem: str
) -> None:
    pt = i18n.read_catalogue(_write_po(tmp_path, "pt", "nplurals=2; plural=(n > 1);", GOOD_PT))
    en = i18n.read_catalogue(_write_po(tmp_path, "en", "nplurals=2; plural=(n != 1);", body))
    assert problem in catalogue_problems({"pt-BR": pt, "en": en})


def _key_arguments(node: ast.Call) -> list[ast.expr]:
    """The arguments of a `t(...)`/`tn(...)` call that can be the key (locale comes first)."""
    return [arg for arg in node.args[:2] if not isinstance(arg, ast.Name | ast.Attribute)]


def _literal_keys(expr: ast.expr) -> list[str]:
    """The key strings an argument can take: a literal, either arm of a conditional, or an
    f-string's fixed prefix followed by '*'."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [expr.value]
    if isinstance(expr, ast.IfExp):
        return _literal_keys(expr.body) + _literal_keys(expr.orelse)
    if isinstance(expr, ast.JoinedStr) and expr.values:
        first = expr.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return [first.value + "*"]
    if isinstance(expr, ast.BinOp) and isinstance(expr.left, ast.Constant):
        return [str(expr.left.value) + "*"]
    return []


def used_keys() -> dict[str, list[tuple[str, str]]]:
    """Every key a `t`/`tn` call names in the four packages, by function, with where it is."""
    found: dict[str, list[tuple[str, str]]] = {"t": [], "tn": []}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            tree = ast.parse(path.read_text("utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name not in found:
                    continue
                where = f"{path.relative_to(REPO)}:{node.lineno}"
                for arg in _key_arguments(node):
                    found[name] += [(key, where) for key in _literal_keys(arg)]
    return found


def _exists(key: str, known: set[str]) -> bool:
    if key.endswith("*"):
        return any(k.startswith(key[:-1]) for k in known)
    return key in known


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    catalogue = i18n.read_catalogue(i18n.po_path(i18n.DEFAULT_LOCALE))
    used = used_keys()
    assert len(used["t"]) > 300  # the scan really reads the code
    missing = [
        f"{where}: {key}" for key, where in used["t"] if not _exists(key, set(catalogue.texts))
    ]
    missing += [
        f"{where}: {key} (plural)"
        for key, where in used["tn"]
        if not _exists(key, set(catalogue.plurals))
    ]
    assert missing == []


def test_plural_forms_follow_each_locale() -> None:
    for locale, one, many in (("pt-BR", 1, 0), ("en", 1, 0), ("es", 1, 0)):
        catalogue = i18n.messages(locale)
        assert catalogue.plural(one) == 0, locale
        assert catalogue.plural(many) == 1, locale
