"""Which column of a file feeds which field: header matching for the generic format and presets.

Headers are compared folded (case, accents, stray spaces, a trailing `*` and a BOM never
matter). A field may have several candidate columns in order of preference; on each row the
first one with a value wins, so a Pipedrive export with both "Phone - Work" and "Phone -
Mobile" uses the mobile number when the work one is blank. A candidate may also be a group of
columns joined with a space (HubSpot's "First Name" + "Last Name").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as derived
from operator import itemgetter
from typing import Any

from handlers.transfer import presets
from handlers.transfer.folding import fold
from handlers.transfer.reading import TableError

KINDS = ("accounts", "contacts", "deals")

# The generic format: also the export columns, so an export reads back unchanged.
GENERIC: dict[str, dict[str, tuple[str, ...]]] = {
    "accounts": {
        "name": ("name", "nome"),
        "segment": ("segment", "segmento"),
        "city": ("city", "cidade"),
        "state": ("state", "estado", "uf"),
        "website": ("website", "site"),
        "latitude": ("latitude",),
        "longitude": ("longitude",),
    },
    "contacts": {
        "name": ("name", "nome"),
        "account": ("account", "conta", "empresa"),
        "email": ("email", "e-mail"),
        "phone": ("phone", "telefone", "celular"),
        "role": ("role", "cargo"),
    },
    "deals": {
        "account": ("account", "conta", "empresa"),
        "title": ("title", "titulo"),
        "stage": ("stage", "etapa"),
        "amount": ("amount", "valor"),
        "currency": ("currency", "moeda"),
        "close_date": ("close_date", "data_fechamento", "previsao_fechamento"),
        "owner": ("owner", "responsavel", "dono"),
        "status": ("status",),
        "lost_reason": ("lost_reason", "motivo_perda"),
    },
}

REQUIRED = {"accounts": ("name",), "contacts": ("name",), "deals": ("account", "title")}

Candidate = tuple[int, ...]


def header_key(header: str) -> str:
    """A header as it is compared: folded, without BOM or a required-field `*`; `_` = space."""
    return fold(header.lstrip("\ufeff").strip().rstrip("*").replace("_", " "))


@dataclass(frozen=True)
class ColumnMap:
    """For each field found, the candidate column groups in order of preference."""

    kind: str
    preset: str | None
    fields: Mapping[str, tuple[Candidate, ...]]
    # Derived from `fields` in __post_init__.
    _names: tuple[str, ...] = derived(init=False, repr=False, compare=False)
    _width: int = derived(init=False, repr=False, compare=False)
    _getter: Callable[[Sequence[str]], Any] | None = derived(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Most files give each field exactly one column: then one itemgetter call fetches the
        # whole row, which is what keeps a 100,000-row import within a couple of seconds.
        simple = all(len(c) == 1 and len(c[0]) == 1 for c in self.fields.values())
        indexes = [c[0][0] for c in self.fields.values()] if simple else []
        object.__setattr__(self, "_names", tuple(self.fields))
        object.__setattr__(self, "_width", max(indexes, default=-1) + 1)
        object.__setattr__(self, "_getter", itemgetter(*indexes, *indexes[:1]) if simple else None)

    def values(self, cells: Sequence[str]) -> dict[str, str]:
        """The trimmed value of each mapped field in one row; a blank cell may be absent or ""."""
        if self._getter is not None and len(cells) >= self._width:
            return dict(zip(self._names, map(str.strip, self._getter(cells)), strict=False))
        out: dict[str, str] = {}
        width = len(cells)
        for field, candidates in self.fields.items():
            for group in candidates:
                if len(group) == 1:
                    text = cells[group[0]].strip() if group[0] < width else ""
                else:
                    text = " ".join(filter(None, (cells[i].strip() for i in group if i < width)))
                if text:
                    out[field] = text
                    break
        return out


def _aliases(kind: str, preset: str | None) -> dict[str, tuple[presets.Alias, ...]]:
    if preset is None:
        return {field: tuple(names) for field, names in GENERIC[kind].items()}
    return presets.columns(preset, kind)


def map_columns(kind: str, headers: Sequence[str], preset: str | None = None) -> ColumnMap:
    """Match a file's headers to the fields of `kind` for the generic format or a preset.

    The first column with a given header wins (Pipedrive repeats custom-field headers).

    Raises:
        TableError: a required field has no column; the message names the expected headers
            and, when the headers look like a CRM export, the preset to use.
    """
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        positions.setdefault(header_key(header), index)
    fields: dict[str, tuple[Candidate, ...]] = {}
    for field, aliases in _aliases(kind, preset).items():
        found = []
        for alias in aliases:
            group = (alias,) if isinstance(alias, str) else alias
            indexes = tuple(positions.get(header_key(name), -1) for name in group)
            if all(i >= 0 for i in indexes):
                found.append(indexes)
        if found:
            fields[field] = tuple(found)
    missing = [f for f in REQUIRED[kind] if f not in fields]
    if missing:
        raise _missing_error(kind, preset, missing, headers)
    return ColumnMap(kind, preset, fields)


def _missing_error(
    kind: str, preset: str | None, missing: list[str], headers: Sequence[str]
) -> TableError:
    expected = "; ".join(
        f"{field} ({', '.join(GENERIC[kind][field])})" if preset is None else field
        for field in missing
    )
    guess = presets.guess(headers) if preset is None else None
    if guess:
        return TableError("transfer.missing_columns_try_preset", columns=expected, preset=guess)
    return TableError("transfer.missing_columns", columns=expected)
