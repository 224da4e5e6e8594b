"""What the index holds for a document or a dossier, read from the database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.core.exceptions import ObjectDoesNotExist

from luutru.filing.models import Dossier, DossierItem, DossierStatus
from luutru.orgs.models import Secrecy
from luutru.registry.models import Document
from luutru.search.backends.base import IndexDoc

# Full text beyond this is not indexed: a 2,000-page OCR result would
# otherwise dominate the writer's memory for little gain in recall.
MAX_BODY_CHARS = 2_000_000
ARCHIVED = (DossierStatus.ARCHIVED, DossierStatus.TRANSFERRED)


def document_doc(doc: Document) -> IndexDoc:
    try:
        text = doc.text
    except ObjectDoesNotExist:
        text = None
    body = "\n".join(filter(None, [doc.description, text.text if text else ""]))
    return IndexDoc(
        kind="document",
        obj_id=doc.pk,
        title=doc.subject,
        ident=" ".join(filter(None, [doc.symbol_display, doc.arrival_number])),
        issuer=" ".join(filter(None, [doc.organ_name, doc.type_name, doc.signer_full_name])),
        body=body[:MAX_BODY_CHARS],
        org_ids=(doc.org_id,),
        secrecy=doc.secrecy,
        owner_id=doc.created_by_id,
        archived=doc.in_holdings,
        day=doc.issued_date,
        year=doc.issued_date.year if doc.issued_date else None,
        type=doc.type_name or (doc.doc_type.name if doc.doc_type_id else ""),
        status="",
    )


def dossier_doc(dossier: Dossier, subjects: list[str]) -> IndexDoc:
    return IndexDoc(
        kind="dossier",
        obj_id=dossier.pk,
        title=dossier.title,
        ident=" ".join(filter(None, [dossier.file_notation, dossier.file_code])),
        issuer=" ".join(filter(None, [dossier.org.name, dossier.creator.full_name])),
        body="\n".join(filter(None, [dossier.description, *subjects])),
        org_ids=(dossier.org_id,),
        secrecy=dossier.secrecy,
        owner_id=dossier.owner_id,
        archived=dossier.status in ARCHIVED,
        day=dossier.end_date or dossier.start_date,
        year=dossier.file_catalog,
        type="Hồ sơ",
        status=dossier.status,
    )


def _documents(ids=None, after: int = 0):
    qs = Document.objects.select_related("text", "doc_type").order_by("pk")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.filter(pk__gt=after)


def readable_items(dossier_ids):
    """The items whose subjects a dossier's text holds: those of its documents
    that are not secret. A dossier is read by whoever may read it (its body, a
    grant, its owner) and a grant on, or ownership of, a dossier does not open
    its secret documents (as its index exports say); so a secret document's
    subject is never the dossier's text — the document is found as itself, by
    those who may open it. Used by the index and by the result's snippet alike,
    so a hit, its snippet, counts and facets all come from the same text."""
    return DossierItem.objects.filter(
        dossier_id__in=dossier_ids, removed_at__isnull=True, document__secrecy__lte=Secrecy.NONE
    )


def _dossier_subjects(dossiers: list[Dossier]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    rows = (
        readable_items([d.pk for d in dossiers])
        .order_by("dossier_id", "position")
        .values_list("dossier_id", "document__subject")
    )
    for dossier_id, subject in rows:
        out[dossier_id].append(subject)
    return out


def _dossiers(ids=None, after: int = 0):
    qs = Dossier.objects.select_related("org", "creator").order_by("pk")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.filter(pk__gt=after)


def load(kind: str, ids: list[int]) -> tuple[list[IndexDoc], list[int]]:
    """Index rows for ``ids`` that still exist, and the ids that are gone."""
    if kind == "document":
        docs = [document_doc(d) for d in _documents(ids)]
    else:
        dossiers = list(_dossiers(ids))
        subjects = _dossier_subjects(dossiers)
        docs = [dossier_doc(d, subjects.get(d.pk, [])) for d in dossiers]
    found = {d.obj_id for d in docs}
    return docs, [i for i in ids if i not in found]


def chunks(kind: str, after: int, size: int) -> Iterator[list[IndexDoc]]:
    """Every ``kind`` row with pk > ``after``, ``size`` at a time (keyset
    pagination: memory stays bounded however large the table)."""
    while True:
        if kind == "document":
            batch = [document_doc(d) for d in _documents(after=after)[:size]]
        else:
            dossiers = list(_dossiers(after=after)[:size])
            subjects = _dossier_subjects(dossiers)
            batch = [dossier_doc(d, subjects.get(d.pk, [])) for d in dossiers]
        if not batch:
            return
        yield batch
        after = batch[-1].obj_id


def count(kind: str, *, upto: int | None = None) -> int:
    qs = (Document if kind == "document" else Dossier).objects.all()
    return qs.filter(pk__lte=upto).count() if upto is not None else qs.count()
