"""The Văn kiện Đảng database (issue 13 item 7): the resolutions, directives,
conclusions and regulations of Party bodies and the documents of their
congresses, by body → term and congress, by type and by year, each read through
the access policy like every other document.

What belongs to it: a registered document held by a Party body, numbered in
Party style ("12-NQ/TU", not "12/NQ-HĐND"), that is a Nghị quyết, Chỉ thị, Kết
luận or Quy định (399-QĐ/TW), or a congress document (the congress's resolution,
its political report or review report, its minutes and vote counts). The body
is the author (``organ_name``: the registry writes the body's own name there for
its own documents). Its term comes from the rules (``luutru.rules.terms``): the
profile in force says whether numbers run per term, the body's terms (or those of
the committee that set it up, as for numbering) say which term.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Case, Count, Max, Min, Q, QuerySet, Value, When
from django.db.models.functions import ExtractYear

from luutru.access import kinds
from luutru.access.policy import visible_q
from luutru.orgs.models import FondsSystem, Organization, Term, in_figures
from luutru.registry.models import Document
from luutru.rules import terms as term_rules

CORE_TYPES = ("Nghị quyết", "Chỉ thị", "Kết luận", "Quy định")
# Address slug → type name, for the type filter (the four, and what congresses issue).
TYPES = {
    "nghi-quyet": "Nghị quyết",
    "chi-thi": "Chỉ thị",
    "ket-luan": "Kết luận",
    "quy-dinh": "Quy định",
    "bao-cao": "Báo cáo",
    "bien-ban": "Biên bản",
    "quyet-dinh": "Quyết định",
}
CONGRESS = "dai-hoi"  # the type filter's value for every congress document
MAX_CONGRESS_ROWS = 2000  # congress documents of one body judged in memory (a few per term)
# "Đại hội … lần thứ XVI" elects the committee "khóa XVI": either names the congress.
_ORDINAL = re.compile(r"(?:lần thứ|khóa|khoá)\s+([IVXLCDM]+|\d+)\b", re.IGNORECASE)


def _type_is(*names: str) -> Q:
    return Q(type_name__in=names) | Q(type_name="", doc_type__name__in=names)


def _says(field_name: str, *phrases: str) -> Q:
    """``field_name`` contains one of ``phrases`` in any case. PostgreSQL folds
    every letter; SQLite only ASCII ones ("Đ" and "đ", "Ạ" and "ạ" stay apart),
    so the phrase is also asked capitalised and in capitals."""
    q = Q(pk__in=[])
    for p in phrases:
        for form in sorted({p.lower(), p[:1].upper() + p[1:].lower(), p.upper()}):
            q |= Q(**{f"{field_name}__icontains": form})
    return q


def congress_q() -> Q:
    """Documents of a congress: issued by the congress, or its resolution, its
    political or review report, its minutes and vote counts; not the papers
    that prepare it (plans, notices, the resolution convening it)."""
    by_congress = (
        _says("organ_name", "đại hội")
        | Q(issuer__istartswith="ĐẠI HỘI")
        | Q(issuer__istartswith="Đại hội")
    )
    names_it = _says("subject", "đại hội")
    elects = _says("subject", "bầu ban chấp hành", "bầu cấp ủy")
    preparing = _says("subject", "chuẩn bị", "tổ chức đại hội", "triệu tập", "lãnh đạo đại hội")
    return (
        by_congress
        | (_type_is("Nghị quyết") & names_it)
        | (_type_is("Báo cáo") & names_it & _says("subject", "chính trị", "kiểm điểm"))
        | (_type_is("Biên bản") & (names_it | elects))
    ) & ~preparing


def in_database_q() -> Q:
    """A Party body's document numbered in Party style, of a database type."""
    party_style = (
        Q(org__fonds_system=FondsSystem.PARTY)
        & Q(code_notation__contains="/")
        & ~Q(code_notation__regex=r"^[0-9]")
    )
    # A practice body's sample records are no Party documents (orgs.models.in_figures).
    return party_style & in_figures("org") & (_type_is(*CORE_TYPES) | congress_q())


def documents(user) -> QuerySet[Document]:
    """The database as ``user`` may see it (the access policy as a filter), each
    row knowing whether it is a congress document (``is_congress``)."""
    return (
        Document.objects.filter(visible_q(user, object_type="document"))
        .filter(in_database_q())
        .annotate(
            is_congress=Case(
                When(congress_q(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related("org", "doc_type")
        .order_by("-issued_date", "-pk")
    )


def holdings(user) -> QuerySet[Document]:
    """The documents of the database that are archive holdings (what is harvested)."""
    kind = kinds.get("document")
    held = kind.archived_q() if kind is not None else None
    if held is None:
        return Document.objects.none()
    return documents(user).filter(held).order_by("updated_at", "pk")


def type_label(doc: Document) -> str:
    return doc.type_name or (doc.doc_type.name if doc.doc_type is not None else "")


def by_body(qs: QuerySet[Document], name: str) -> QuerySet[Document]:
    return qs.filter(organ_name=name)


def by_type(qs: QuerySet[Document], slug: str) -> QuerySet[Document]:
    if slug == CONGRESS:
        return qs.filter(congress_q())
    return qs.filter(_type_is(TYPES[slug]))


def in_term(qs: QuerySet[Document], term: Term) -> QuerySet[Document]:
    """The documents numbered in ``term`` (a congress's documents are its own series)."""
    qs = qs.filter(issued_date__gte=term.start).exclude(congress_q())
    return qs.filter(issued_date__lte=term.end) if term.end else qs


# ---------------------------------------------------------------- bodies and terms


def body_named(name: str, day: dt.date | None = None) -> Organization | None:
    """The body of our tree an author's name is, preferring one in being on ``day``."""
    found = list(Organization.objects.filter(name=name).order_by("-valid_from"))
    for org in found:
        if day is None or (org.valid_from <= day and (org.valid_to is None or day <= org.valid_to)):
            return org
    return found[0] if found else None


def terms_of(body: Organization) -> list[Term]:
    """The terms ``body`` numbers by: its own, or those of the nearest committee
    above that has terms (a body set up by a committee numbers by its terms)."""
    ids = [int(p) for p in body.path.split(".") if p] or [body.pk]
    by_org: dict[int, list[Term]] = defaultdict(list)
    for t in Term.objects.filter(org_id__in=ids).select_related("org").order_by("start"):
        by_org[t.org_id].append(t)
    for oid in reversed(ids):
        if by_org.get(oid):
            return by_org[oid]
    return []


def numbering_terms(body: Organization) -> list[Term]:
    """The terms of ``body`` during which the rules in force numbered per term."""
    return [t for t in terms_of(body) if term_rules.numbered_per_term(body, t.start)]


def ordinal(text: str) -> str:
    """ "XVI" from "… Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI …", or ""."""
    m = _ORDINAL.search(text or "")
    return m.group(1).upper() if m else ""


@dataclass
class Entry:
    """A document of the database as its lists show it."""

    doc: Document
    type: str
    body: Organization | None
    term: Term | None
    congress: bool
    congress_term: Term | None = None  # the term a congress document's congress elected
    ordinal: str = ""

    @property
    def congress_label(self) -> str:
        if not self.congress:
            return ""
        head = f"Đại hội lần thứ {self.ordinal}" if self.ordinal else "Đại hội"
        return f"{head} ({self.congress_term.name})" if self.congress_term else head


def describe(docs: list[Document]) -> list[Entry]:
    """Each document with its type, its body in our tree, its term (under the
    numbering rules) and, for a congress document, the term its congress elected."""
    bodies: dict[str, Organization | None] = {}
    terms: dict[int, list[Term]] = {}
    out = []
    for doc in docs:
        name = doc.organ_name or doc.org.name
        if name not in bodies:
            bodies[name] = doc.org if doc.org.name == name else body_named(name, doc.issued_date)
        body = bodies[name]
        congress = bool(getattr(doc, "is_congress", False))
        entry = Entry(doc=doc, type=type_label(doc), body=body, term=None, congress=congress)
        if body is not None:
            if body.pk not in terms:
                terms[body.pk] = terms_of(body)
            if congress:
                entry.congress_term = term_rules.term_elected(
                    terms[body.pk], doc.issued_date, doc.subject
                )
                entry.ordinal = ordinal(doc.subject)
            elif term_rules.numbered_per_term(body, doc.issued_date):
                entry.term = term_rules.term_on(terms[body.pk], doc.issued_date)
        out.append(entry)
    return out


# ---------------------------------------------------------------- overviews


@dataclass
class BodyRow:
    name: str
    total: int
    counts: dict[str, int]
    congress: int
    first: dt.date | None
    last: dt.date | None


def bodies(qs: QuerySet[Document]) -> list[BodyRow]:
    """Each author with how many documents of each kind ``qs`` holds (one query)."""
    counts = {slug: Count("pk", filter=_type_is(name)) for slug, name in TYPES.items()}
    rows = (
        qs.order_by()
        .values("organ_name")
        .annotate(
            total=Count("pk"),
            congress=Count("pk", filter=congress_q()),
            first=Min("issued_date"),
            last=Max("issued_date"),
            **counts,
        )
        .order_by("-total", "organ_name")
    )
    out = []
    for row in rows:
        r: dict[str, Any] = dict(row)
        out.append(
            BodyRow(
                name=r["organ_name"],
                total=r["total"],
                counts={slug: r[slug] for slug in TYPES},
                congress=r["congress"],
                first=r["first"],
                last=r["last"],
            )
        )
    return out


@dataclass
class TermRow:
    term: Term
    count: int
    congress: list[Entry] = field(default_factory=list)  # the congress that elected it

    @property
    def congress_label(self) -> str:
        named = [e for e in self.congress if e.ordinal]
        return (named or self.congress)[0].congress_label if self.congress else ""

    @property
    def khoa(self) -> str:
        """The committee's khóa: the ordinal of the congress that elected it."""
        return next((e.ordinal for e in self.congress if e.ordinal), "")


@dataclass
class Panel:
    """One body's database: its terms (each with the congress that opened it),
    its congress documents no term could be found for, and its years."""

    body: Organization | None
    terms: list[TermRow]
    unplaced_congress: list[Entry]
    years: list[tuple[int, int]]


def panel(qs: QuerySet[Document], name: str) -> Panel:
    mine = by_body(qs, name)
    body = body_named(name)
    term_rows = [
        TermRow(term=t, count=in_term(mine, t).count())
        for t in (numbering_terms(body) if body is not None else [])
    ]
    by_term = {row.term.pk: row for row in term_rows}
    unplaced: list[Entry] = []
    congress_docs = list(
        mine.filter(congress_q()).order_by("issued_date", "pk")[:MAX_CONGRESS_ROWS]
    )
    for entry in describe(congress_docs):
        row = by_term.get(entry.congress_term.pk) if entry.congress_term else None
        (row.congress if row else unplaced).append(entry)
    years = [
        (r["year"], r["n"])
        for r in mine.order_by()
        .filter(issued_date__isnull=False)
        .values(year=ExtractYear("issued_date"))
        .annotate(n=Count("pk"))
        .order_by("-year")
    ]
    return Panel(body=body, terms=term_rows, unplaced_congress=unplaced, years=years)


def congress_documents(qs: QuerySet[Document], name: str, term: Term) -> list[int]:
    """The keys of ``name``'s congress documents whose congress elected ``term``."""
    docs = list(
        by_body(qs, name).filter(congress_q()).order_by("issued_date", "pk")[:MAX_CONGRESS_ROWS]
    )
    return [
        e.doc.pk
        for e in describe(docs)
        if e.congress_term is not None and e.congress_term.pk == term.pk
    ]
