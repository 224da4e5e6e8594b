"""The documents a registered document cites, and their links to registered ones.

A citation is kept as printed ("Chỉ thị số 35-CT/TW, ngày 30/5/2019 của Bộ
Chính trị") and names a registered document when one has the same number and
notation, the same issuer (when the citation names one) and the same year: a
number comes round again in another year or term, and then names another
document. A citation with no date links only when a single document fits.
Links are made both ways in time: when the citing document is registered, and
when the cited one is registered later. Reads of the links go through the
access policy (``queries.citations_for``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from luutru.audit.services import record
from luutru.core.vn import nfc
from luutru.registry.models import Citation, Document

NUMBER = re.compile(r"^(?P<number>\d+[a-zA-Z]?)[-/](?P<notation>\S+)$")
SYMBOL_LIMIT = 60


def split_symbol(symbol: str) -> tuple[str, str]:
    """("35", "CT/TW") from "35-CT/TW"; ("30", "2020/NĐ-CP") from "30/2020/NĐ-CP";
    ("", "") when it is no number."""
    m = NUMBER.match(nfc(symbol).strip().removeprefix("Số").strip(" :"))
    return (m["number"], m["notation"]) if m else ("", "")


def _key(text: str) -> str:
    return " ".join(nfc(text or "").casefold().split())


def _fits(citation: Citation, doc: Document) -> bool:
    if citation.issuer and _key(citation.issuer) not in {
        _key(doc.organ_name),
        _key(doc.issuer),
    }:
        return False
    if citation.issued_date is not None:
        return doc.issued_date is not None and doc.issued_date.year == citation.issued_date.year
    return True


def _pick(citation: Citation, candidates: list[Document], org_id: int) -> Document | None:
    fitting = [d for d in candidates if d.pk != citation.document_id and _fits(citation, d)]
    if citation.issued_date is None and len({(d.organ_name, d.issued_date) for d in fitting}) > 1:
        return None  # no year to tell them apart
    if not fitting:
        return None
    # The same document registered by several bodies: the citing body's own copy first.
    return min(fitting, key=lambda d: (d.org_id != org_id, d.pk))


def store_citations(actor, doc: Document, citations: Iterable[dict]) -> list[Citation]:
    """Keep what ``doc`` cites (dicts with ``type_name``, ``symbol``, ``issued_date``,
    ``issuer``, ``text``), linked to registered documents; call inside the
    transaction that registers ``doc`` (its ``document.create`` event names them)."""
    rows: list[Citation] = []
    for raw in citations:
        symbol = " ".join(nfc(str(raw.get("symbol") or "")).split())
        number, notation = split_symbol(symbol)
        if not symbol or len(symbol) > SYMBOL_LIMIT or len(number) > 11:
            continue  # not a number a document carries
        issued = raw.get("issued_date")
        rows.append(
            Citation(
                document=doc,
                position=len(rows),
                type_name=nfc(str(raw.get("type_name") or "")).strip()[:100],
                number_symbol=symbol,
                code_number=number,
                code_notation=notation,
                issued_date=issued if isinstance(issued, dt.date) else None,
                issuer=" ".join(nfc(str(raw.get("issuer") or "")).split())[:200],
                text=" ".join(nfc(str(raw.get("text") or "")).split())[:500],
            )
        )
    if not rows:
        return []
    keys = {(c.code_number, c.code_notation) for c in rows}
    candidates: dict[tuple[str, str], list[Document]] = {}
    for number, notation in keys:
        candidates[(number, notation)] = list(
            Document.objects.filter(code_number=number, code_notation=notation).order_by("pk")
        )
    for c in rows:
        c.cited = _pick(c, candidates[(c.code_number, c.code_notation)], doc.org_id)
    Citation.objects.bulk_create(rows)
    return rows


def link_citing(actor, doc: Document) -> int:
    """Link the citations still unlinked that name ``doc`` (registered after the
    documents citing it); each change is an event on the citing document.
    Call inside the transaction that registers ``doc``. Returns how many."""
    if not (doc.code_number and doc.code_notation):
        return 0
    # Looked for bare first: most numbers are cited by nothing yet, and the default
    # order (by the citing document, through its own order) cost more than the look.
    waiting_rows = Citation.objects.filter(
        cited__isnull=True, code_number=doc.code_number, code_notation=doc.code_notation
    )
    if not waiting_rows.exists():
        return 0
    waiting = list(waiting_rows.select_related("document").order_by("pk"))
    candidates = list(
        Document.objects.filter(code_number=doc.code_number, code_notation=doc.code_notation)
    )
    linked = 0
    for c in waiting:
        chosen = _pick(c, candidates, c.document.org_id)
        if chosen is None:
            continue
        c.cited = chosen
        c.save(update_fields=["cited"])
        record(
            actor,
            "document.citation_linked",
            c.document,
            before={"number_symbol": c.number_symbol, "cited": None},
            after={"number_symbol": c.number_symbol, "cited": chosen.pk},
        )
        linked += 1
    return linked
