"""Which term (nhiệm kỳ, khóa) a Party document belongs to, and which term a
congress elects (the Văn kiện Đảng database, issue 13 item 7).

Legal basis: Hướng dẫn 36-HD/VPTW ngày 03/4/2018 (DOMAIN.md §3, verified): the
documents of a Party committee, and of the bodies it set up, are numbered per
issuer × type × **term**, from 01; a term runs from the day after a congress
closes to the end of the next congress's closing day, or from the opening of the
new committee's first plenum when that plenum meets during the congress. A
congress numbers every document it issues in one series of its own.

Whether a body's documents are numbered per term on a day is the numbering
scope of the rule profile in force (``RuleProfile.numbering_scope``); the terms
themselves are the body's ``Term`` rows (``orgs``). These functions take any
objects with ``start`` and ``end`` dates: ``rules`` imports no other app.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from luutru.rules import book
from luutru.rules.models import Evidence, RuleProfile

TERM_BASIS = "Hướng dẫn 36-HD/VPTW ngày 03/4/2018"
TERM_EVIDENCE = Evidence.VERIFIED
# How far from a term's first day a congress's documents may be dated (the
# congress sits for a few days before it, or its first plenum opens the term
# while it still sits). Not fixed by any instrument found.
CONGRESS_WINDOW_DAYS = 31
CONGRESS_WINDOW_EVIDENCE = Evidence.DEFAULT

_YEARS = re.compile(r"(?:nhiệm kỳ|khóa|khoá)\s*(\d{4})\s*[–—-]\s*(\d{4})", re.IGNORECASE)


class Dated(Protocol):
    start: dt.date
    end: dt.date | None


T = TypeVar("T", bound=Dated)


def numbered_per_term(org: Any, day: dt.date | None) -> bool:
    """Are ``org``'s documents of ``day`` numbered per term (the profile's scope)?"""
    profile = book.profile(org, day)
    return profile is not None and (
        profile.numbering_scope == RuleProfile.NumberingScope.PARTY_TERM
    )


def term_on(terms: Iterable[T], day: dt.date | None) -> T | None:
    """The term in force on ``day``: it began on or before it and had not ended."""
    if day is None:
        return None
    for term in terms:
        if term.start <= day and (term.end is None or day <= term.end):
            return term
    return None


def term_elected(terms: Iterable[T], day: dt.date | None, text: str = "") -> T | None:
    """The term a congress elects, for one of its documents dated ``day``: the
    term its text names ("nhiệm kỳ 2025–2030"), else the term beginning nearest
    the day within ``CONGRESS_WINDOW_DAYS`` (a congress precedes its term)."""
    terms = list(terms)
    named = _YEARS.search(text or "")
    if named:
        first, last = int(named.group(1)), int(named.group(2))
        for term in terms:
            if term.start.year == first and (term.end is None or term.end.year in (last, last - 1)):
                return term
        for term in terms:
            if term.start.year == first:
                return term
    if day is None:
        return None
    near = [t for t in terms if abs((t.start - day).days) <= CONGRESS_WINDOW_DAYS]
    return min(near, key=lambda t: abs((t.start - day).days), default=None)
