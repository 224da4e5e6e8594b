"""The shapes the grouping engine takes and gives (issue 11).

Plain data, no database: `bundles.facts` builds `DocFacts` from registered
documents (or from a captured bundle's items), `bundles.grouping.propose` turns
them into a `Proposal`, `bundles.suggest.rank` orders the open dossiers and plan
items for one new document. The review screen stores proposals in its own
models and reads them back into these shapes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CitedRef:
    """A document a member cites, as printed ("Chỉ thị số 35-CT/TW, ngày 30/5/2019 của Bộ Chính trị")."""

    number_symbol: str
    code_number: str = ""
    code_notation: str = ""
    issued_date: dt.date | None = None
    issuer: str = ""
    type_name: str = ""
    kind: str = (
        "cites"  # "cites" (Căn cứ, Thực hiện…), "replies" (Phúc đáp…), "replaces" (thay thế…)
    )


@dataclass(frozen=True)
class DocFacts:
    """What the grouping knows of one document. `key` is a path inside the bundle
    folder (a captured bundle) or a registered document's id (loose documents)."""

    key: str | int
    subject: str
    number_symbol: str = ""
    code_number: str = ""
    code_notation: str = ""
    type_name: str = ""
    issuer: str = ""
    issued_date: dt.date | None = None
    direction: str = ""  # registry Direction: incoming / outgoing / internal
    text_head: str = ""  # the first ~2,000 characters of the body text, for citations
    cites: tuple[CitedRef, ...] = ()


@dataclass(frozen=True)
class PlanItemFacts:
    """One item of the body's file plan (danh mục hồ sơ) for the year."""

    id: int
    code: str  # "I.3", "II.12" as the plan numbers it
    title: str
    year: int
    retention: str = ""


@dataclass(frozen=True)
class MissingRef:
    """A document cited by members but absent from the group, as cited."""

    number_symbol: str
    issued_date: dt.date | None = None
    issuer: str = ""
    cited_by: tuple[str | int, ...] = ()


@dataclass
class Group:
    """One proposed dossier."""

    title: str  # "Hồ sơ về việc …", "Tập lưu … năm …"
    start: dt.date | None
    end: dt.date | None
    members: list[str | int]  # DocFacts keys, in date order
    plan_item: PlanItemFacts | None = None  # None: "ngoài danh mục"
    missing: list[MissingRef] = field(default_factory=list)
    outside_period: list[str | int] = field(default_factory=list)
    confidence: float = 0.0

    @property
    def period(self) -> str:
        """ "2024" or "2024–2025", as the dossier's time is written."""
        if self.start is None or self.end is None:
            return ""
        if self.start.year == self.end.year:
            return str(self.start.year)
        return f"{self.start.year}–{self.end.year}"


@dataclass
class Proposal:
    groups: list[Group]
    unassigned: list[str | int]  # keys that fit no group: listed apart, never forced


@dataclass(frozen=True)
class Candidate:
    """An open dossier or a plan item a new document may go into."""

    kind: str  # "dossier" or "plan_item"
    id: int
    title: str
    plan_item: PlanItemFacts | None = None
    member_facts: tuple[DocFacts, ...] = ()  # the dossier's documents so far


@dataclass(frozen=True)
class Feedback:
    """An official's answer to a suggestion, learnt per body."""

    document: DocFacts
    candidate_kind: str
    candidate_id: int
    accepted: bool
