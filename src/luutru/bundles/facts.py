"""What the grouping engine knows of documents and plan items, read from the
database (issue 11): registered documents with the citations capture kept
(``registry.Citation``) and the head of their text, a captured bundle's items
(registered or still waiting for review), and the body's file plan items.
Each read is a few queries for the whole set, whatever its size.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import QuerySet
from django.db.models.functions import Substr

from luutru.bundles.identity import cue_kind, split_symbol
from luutru.bundles.types import CitedRef, DocFacts, PlanItemFacts
from luutru.capture.models import ImportItem
from luutru.capture.registering import parse
from luutru.core.vn import nfc
from luutru.filing.models import FilePlanItem
from luutru.registry.models import Citation, Document

HEAD = 2000  # characters of the body text the engine reads (citations sit near the top)
CHUNK = 2000  # ids per query (SQLite allows 32,766 parameters)
FIELDS = (
    "pk",
    "org_id",
    "direction",
    "doc_type__name",
    "type_name",
    "code_number",
    "code_notation",
    "issued_date",
    "organ_name",
    "issuer",
    "subject",
)
CITED = (
    "document_id",
    "position",
    "type_name",
    "number_symbol",
    "code_number",
    "code_notation",
    "issued_date",
    "issuer",
    "text",
)


def _kind_in(head: str, symbol: str, text: str) -> str:
    """A reply or a replacement, from the words in front of the citation in the text."""
    for needle in (text[:40], symbol):
        at = head.find(needle) if needle else -1
        if at >= 0:
            return cue_kind(head[max(0, at - 60) : at])
    return cue_kind(text[:30])


def _symbol(number: str, notation: str) -> str:
    if not (number and notation):
        return notation or number
    head, slash, _ = notation.partition("/")
    return f"{number}/{notation}" if (not slash or head.isdigit()) else f"{number}-{notation}"


def _doc_facts(row: dict, head: str, cites: Sequence[dict]) -> DocFacts:
    head = nfc(head or "")
    refs = tuple(
        CitedRef(
            number_symbol=c["number_symbol"],
            code_number=c["code_number"],
            code_notation=c["code_notation"],
            issued_date=c["issued_date"],
            issuer=c["issuer"],
            type_name=c["type_name"],
            kind=_kind_in(head, c["number_symbol"], c["text"]),
        )
        for c in cites
    )
    return DocFacts(
        key=row["pk"],
        subject=row["subject"] or "",
        number_symbol=_symbol(row["code_number"], row["code_notation"]),
        code_number=row["code_number"],
        code_notation=row["code_notation"],
        type_name=row["type_name"] or row["doc_type__name"] or "",
        issuer=row["issuer"] or row["organ_name"] or "",
        issued_date=row["issued_date"],
        direction=row["direction"],
        text_head=head,
        cites=refs,
    )


def _rows(qs: QuerySet[Document]) -> list[dict]:
    return list(qs.annotate(head=Substr("text__text", 1, HEAD)).values(*FIELDS, "head"))


def from_documents(documents: Iterable[Document]) -> list[DocFacts]:
    """Facts of registered documents (a queryset or any iterable of them), in the
    order given, each with its citations and the head of its text."""
    if isinstance(documents, QuerySet):
        rows = _rows(documents.order_by().order_by("issued_date", "pk"))
        ids = [r["pk"] for r in rows]
    else:
        ids = list(dict.fromkeys(d.pk for d in documents))
        found: dict[int, dict] = {}
        for i in range(0, len(ids), CHUNK):
            for r in _rows(Document.objects.filter(pk__in=ids[i : i + CHUNK])):
                found[r["pk"]] = r
        rows = [found[i] for i in ids if i in found]
    cites: dict[int, list[dict]] = defaultdict(list)
    for i in range(0, len(ids), CHUNK):
        for c in Citation.objects.filter(document_id__in=ids[i : i + CHUNK]).values(*CITED):
            cites[c["document_id"]].append(c)
    for v in cites.values():
        v.sort(key=lambda c: c["position"])
    return [_doc_facts(r, r["head"], cites.get(r["pk"], ())) for r in rows]


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def from_items(items: Iterable[ImportItem]) -> list[DocFacts]:
    """Facts of a captured bundle's items, keyed by their name in the bundle: a
    registered item reads its document; one waiting for review reads its header
    from its text as capture does (``capture.registering.parse``). Items with no
    text (failed) are left out: the caller lists them apart."""
    items = list(items)
    registered = [i for i in items if i.document_id]
    by_doc = {f.key: f for f in from_documents(Document(pk=i.document_id) for i in registered)}
    out: list[DocFacts] = []
    for item in items:
        if item.document_id and item.document_id in by_doc:
            f = by_doc[item.document_id]
            out.append(DocFacts(**{**f.__dict__, "key": item.name}))
            continue
        if not item.text:
            continue
        _fields, meta, _low = parse(item.text, item.batch.org)
        number, notation = split_symbol(meta.get("symbol") or "")
        head = nfc(item.text[:HEAD])
        refs = []
        for c in meta.get("citations") or ():
            n, t = split_symbol(c.get("symbol") or "")
            refs.append(
                CitedRef(
                    number_symbol=c.get("symbol") or "",
                    code_number=n,
                    code_notation=t,
                    issued_date=_date(c.get("issued_date")),
                    issuer=c.get("issuer") or "",
                    type_name=c.get("type_name") or "",
                    kind=_kind_in(head, c.get("symbol") or "", c.get("text") or ""),
                )
            )
        doc_type = meta.get("doc_type")
        out.append(
            DocFacts(
                key=item.name,
                subject=meta.get("subject") or "",
                number_symbol=meta.get("symbol") or "",
                code_number=number,
                code_notation=notation,
                type_name=meta.get("type_name") or (doc_type.name if doc_type else ""),
                issuer=meta.get("issuer") or meta.get("organ_name") or "",
                issued_date=_date(meta.get("issued_date")),
                direction=item.batch.direction,
                text_head=head,
                cites=tuple(refs),
            )
        )
    return out


def plan_items(org, year: int | None) -> list[PlanItemFacts]:
    """The items of the body's file plans for ``year`` (every year when None)."""
    qs = FilePlanItem.objects.filter(plan__org=org).select_related("plan", "retention")
    if year is not None:
        qs = qs.filter(plan__year=year)
    return [
        PlanItemFacts(
            id=i.pk, code=i.code, title=i.title, year=i.plan.year, retention=str(i.retention)
        )
        for i in qs.order_by("plan__year", "order", "pk")
    ]
