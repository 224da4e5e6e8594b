"""File plan numbering: Roman numerals for major headings and file codes
("01.VP" = two-digit order + "." + the major heading's abbreviation).

Two schemes (FilePlan.code_scheme, DOMAIN.md §4): items are numbered from 01
across the whole plan, or from 01 within each major heading. The pure
functions here carry the rule; ``renumber`` applies it to a plan's rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models import this module (roman numerals)
    from luutru.filing.models import FilePlan, FilePlanHeading, FilePlanItem

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")

# Abbreviation of a heading: capitals (with Đ), digits and hyphens.
ABBREV_RE = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9-]{0,15}$")

ACROSS_PLAN = "across_plan"
PER_HEADING = "per_heading"


def roman(n: int) -> str:
    """1 → "I", 4 → "IV", 14 → "XIV"."""
    if not 0 < n < 4000:
        raise ValueError(f"Không viết được số La Mã cho {n}.")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int:
    """ "XIV" → 14; ValueError for anything that is not a Roman numeral."""
    t = (text or "").strip().upper()
    if not t or not _ROMAN_RE.match(t):
        raise ValueError(f"“{text}” không phải số La Mã.")
    values = dict((letters, value) for value, letters in _ROMAN if len(letters) == 1)
    total, prev = 0, 0
    for ch in reversed(t):
        v = values[ch]
        total += -v if v < prev else v
        prev = max(prev, v)
    return total


def item_code(order: int, abbrev: str) -> str:
    """The file code: "01.VP" (order padded to two digits)."""
    return f"{order:02d}.{abbrev}"


def split_code(code: str) -> tuple[int, str] | None:
    """ "01.VP" → (1, "VP"); None when the text is not a file code."""
    m = re.match(r"^\s*(\d{1,3})\.([A-ZĐ0-9][A-ZĐ0-9-]*)\s*$", code or "")
    return (int(m.group(1)), m.group(2)) if m else None


def assign_codes(majors: Sequence[tuple[object, str]], scheme: str) -> list[tuple[int, str]]:
    """Codes for items listed in plan order, each given as (major heading key,
    major heading abbreviation). Returns (order number, code) per item."""
    out: list[tuple[int, str]] = []
    counters: dict[object, int] = {}
    for position, (key, abbrev) in enumerate(majors, start=1):
        if scheme == PER_HEADING:
            counters[key] = counters.get(key, 0) + 1
            number = counters[key]
        else:
            number = position
        out.append((number, item_code(number, abbrev)))
    return out


def ordered_headings(plan: FilePlan) -> list[FilePlanHeading]:
    """Headings in display order: each major heading followed by its sub-headings."""
    headings = list(plan.headings.all())
    majors = {h.pk: h for h in headings if h.parent_id is None}
    return sorted(
        headings,
        key=lambda h: (
            majors[h.parent_id].order if h.parent_id else h.order,
            h.parent_id or 0,
            h.parent_id is not None,
            h.order,
            h.pk,
        ),
    )


def ordered_items(plan: FilePlan) -> list[tuple[FilePlanItem, FilePlanHeading]]:
    """The plan's items in display order: major headings by order, each
    heading's own items, then its sub-headings' items; each with its major
    heading (whose abbreviation its code carries)."""
    headings = list(plan.headings.all())
    items = list(plan.items.all())
    by_heading: dict[int, list[FilePlanItem]] = {}
    for it in items:
        by_heading.setdefault(it.heading_id, []).append(it)
    children: dict[int | None, list[FilePlanHeading]] = {}
    for h in headings:
        children.setdefault(h.parent_id, []).append(h)
    for group in children.values():
        group.sort(key=lambda h: (h.order, h.pk))
    result: list[tuple[FilePlanItem, FilePlanHeading]] = []

    def walk(h: FilePlanHeading, major: FilePlanHeading) -> None:
        for it in sorted(by_heading.get(h.pk, []), key=lambda i: (i.order, i.pk)):
            result.append((it, major))
        for child in children.get(h.pk, []):
            walk(child, major)

    for major in children.get(None, []):
        walk(major, major)
    return result


def renumber(plan: FilePlan) -> None:
    """Recompute every item's order and code after an insert, move or delete.

    Codes are unique per plan in the database, so changed rows first take a
    temporary code, then their final one."""
    from luutru.filing.models import FilePlanItem

    ordered = ordered_items(plan)
    codes = assign_codes([(major.pk, major.abbrev) for _it, major in ordered], plan.code_scheme)
    changed = []
    for index, ((it, _major), (_number, code)) in enumerate(
        zip(ordered, codes, strict=True), start=1
    ):
        if it.order != index or it.code != code:
            it.order, it.code = index, code
            changed.append(it)
    if not changed:
        return
    for it in changed:
        FilePlanItem.objects.filter(pk=it.pk).update(code=f"~{it.pk}")
    for it in changed:
        FilePlanItem.objects.filter(pk=it.pk).update(code=it.code, order=it.order)
