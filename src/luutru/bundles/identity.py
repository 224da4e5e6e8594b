"""Which document a citation names, among the documents at hand (issue 11).

A number and notation ("12-KH/HU") name a document only together with its year
and its issuer: the numbering starts again each year (or term), and every
district committee writes "/HU". So a citation names a document of the set when
the number and notation agree, the year agrees (when the citation gives a date)
and the issuer agrees (when the citation names one). When several still fit, the
one from the citing document's own issuer wins; if that does not decide, the
citation is ambiguous: the document is present, but which one is not known.
Pure functions, no database.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from luutru.bundles.types import CitedRef, DocFacts
from luutru.capture.vietnamese import fold

# Words in front of an issuer's name that do not change who it is
# ("Ban Thường vụ Tỉnh ủy" issues as "Tỉnh ủy").
_ORGAN_PREFIXES = (
    "ban thuong vu ",
    "ban chap hanh ",
    "thuong truc ",
    "thuong vu ",
    "t/m ",
    "tm ",
)

# Cue words in front of a citation that tell a reply or a replacement.
_REPLY_CUES = ("phuc dap", "tra loi", "theo de nghi tai", "theo de nghi cua", "theo yeu cau tai")
_REPLACE_CUES = ("thay the", "bai bo", "sua doi", "bo sung")


@functools.lru_cache(maxsize=65536)
def issuer_key(text: str) -> str:
    """The issuer as compared: folded, lower case, one space, no organ prefix."""
    key = " ".join(re.sub(r"[^\w\s]", " ", fold(text or "").casefold()).split())
    changed = True
    while changed:
        changed = False
        for p in _ORGAN_PREFIXES:
            if key.startswith(p):
                key, changed = key[len(p) :], True
    return key


def issuers_agree(a: str, b: str) -> bool:
    """The same issuer as far as the names tell: the shorter name's words all in
    the longer one ("Tỉnh ủy" and "Tỉnh ủy Quảng Ninh"); "Huyện ủy Đông Triều" and
    "Huyện ủy Hoành Bồ" do not. An unknown issuer agrees with any."""
    ka, kb = issuer_key(a), issuer_key(b)
    if not ka or not kb:
        return True
    wa, wb = ka.split(), kb.split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return all(w in long_ for w in short)


@functools.lru_cache(maxsize=65536)
def notation_key(number: str, notation: str) -> tuple[str, str]:
    """("12", "KH/HU") for "012" and "KH/HU" as printed; folded, no spaces."""
    n = re.sub(r"\s", "", fold(number or "")).upper().lstrip("0") or ""
    t = re.sub(r"\s", "", fold(notation or "")).upper().strip("-/")
    return n, t


_SYMBOL = re.compile(r"^\s*(?:so\s*)?(?P<n>\d+[A-Za-z]?)\s*[-/]\s*(?P<t>\S.*)$", re.IGNORECASE)


def split_symbol(symbol: str) -> tuple[str, str]:
    """("35", "CT/TW") from "35-CT/TW"; ("30", "2020/ND-CP") from "30/2020/NĐ-CP"."""
    m = _SYMBOL.match(fold(symbol or ""))
    if not m:
        return "", ""
    return notation_key(m["n"], m["t"])


def doc_symbol(doc: DocFacts) -> tuple[str, str]:
    if doc.code_number and doc.code_notation:
        return notation_key(doc.code_number, doc.code_notation)
    return split_symbol(doc.number_symbol)


def ref_symbol(ref: CitedRef) -> tuple[str, str]:
    if ref.code_number and ref.code_notation:
        return notation_key(ref.code_number, ref.code_notation)
    return split_symbol(ref.number_symbol)


def ref_identity(ref: CitedRef) -> tuple[str, str, int | None, str]:
    """What names one cited document: number, notation, year, issuer (as keys)."""
    n, t = ref_symbol(ref)
    return n, t, ref.issued_date.year if ref.issued_date else None, issuer_key(ref.issuer)


def cue_kind(before: str) -> str:
    """The kind of a citation from the words just in front of it."""
    folded = fold(before or "").casefold()
    if any(c in folded for c in _REPLY_CUES):
        return "replies"
    if any(c in folded for c in _REPLACE_CUES):
        return "replaces"
    return "cites"


AMBIGUOUS = object()  # present among the documents, but which one is not known


@dataclass
class SymbolIndex:
    """The documents at hand by number and notation."""

    by_symbol: dict[tuple[str, str], list[DocFacts]]

    @classmethod
    def of(cls, docs: Iterable[DocFacts]) -> SymbolIndex:
        by: dict[tuple[str, str], list[DocFacts]] = defaultdict(list)
        for d in docs:
            n, t = doc_symbol(d)
            if n and t:
                by[(n, t)].append(d)
        return cls(dict(by))

    def resolve(self, ref: CitedRef, citing: DocFacts | None = None) -> DocFacts | object | None:
        """The document ``ref`` names among those at hand; ``AMBIGUOUS`` when several
        fit and nothing tells them apart; None when none is at hand (a gap)."""
        n, t = ref_symbol(ref)
        if not (n and t):
            return None
        fitting: Sequence[DocFacts] = [
            d
            for d in self.by_symbol.get((n, t), ())
            if (citing is None or d.key != citing.key)
            and (
                ref.issued_date is None
                or (d.issued_date is not None and d.issued_date.year == ref.issued_date.year)
            )
            and (not ref.issuer or issuers_agree(ref.issuer, d.issuer))
        ]
        if citing is not None and citing.issued_date is not None:
            # A document cannot cite one written after it.
            fitting = [
                d for d in fitting if d.issued_date is None or d.issued_date <= citing.issued_date
            ]
        if len(fitting) > 1 and ref.issued_date is not None:
            same_day = [d for d in fitting if d.issued_date == ref.issued_date]
            fitting = same_day or fitting
        if len(fitting) > 1 and citing is not None and citing.issuer:
            own = [d for d in fitting if issuer_key(d.issuer) == issuer_key(citing.issuer)]
            fitting = own or fitting
        if len(fitting) > 1 and citing is not None and citing.issued_date is not None:
            # Undated citation: "the plan No. 12" of this year's letters is this year's plan.
            year = citing.issued_date.year
            this_year = [d for d in fitting if d.issued_date and d.issued_date.year == year]
            fitting = this_year or fitting
        if not fitting:
            return None
        if len(fitting) > 1:
            return AMBIGUOUS
        return fitting[0]


def same_cited(a: CitedRef, b: CitedRef) -> bool:
    """Two citations name one document: number and notation agree, and so do the
    years and the issuers where both are given."""
    na, nb = ref_symbol(a), ref_symbol(b)
    if not na[0] or na != nb:
        return False
    if a.issued_date and b.issued_date and a.issued_date.year != b.issued_date.year:
        return False
    return not (a.issuer and b.issuer) or issuers_agree(a.issuer, b.issuer)
