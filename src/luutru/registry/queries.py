"""Registry reads, always filtered through the access policy."""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from luutru.access import kinds
from luutru.access.policy import can_view, subject_for, visible_q
from luutru.orgs.models import Membership, Organization, Role
from luutru.registry.models import Document

# Roles that take documents into a body's records (the body they work in).
WORKING_ROLES = (Role.OFFICIAL, Role.CLERK, Role.HEAD)
SYMBOL_QUERY = re.compile(r"^(?:Số:?\s*)?(\d{1,11})-(\S+)$")


def documents_visible_to(user) -> QuerySet[Document]:
    """Every document ``user`` may open (the policy as a filter)."""
    return Document.objects.filter(visible_q(user, object_type="document"))


def search_documents(
    user, *, org_id: int | None = None, year: int | None = None, text: str = ""
) -> QuerySet[Document]:
    """Visible documents filtered by organization, year of issue and a text found
    in the subject or the number/symbol ("12-NQ/TU", "NQ/TU", a word)."""
    qs = documents_visible_to(user).select_related("org", "doc_type")
    if org_id:
        qs = qs.filter(org_id=org_id)
    if year:
        qs = qs.filter(issued_date__year=year)
    text = (text or "").strip()
    if text:
        m = SYMBOL_QUERY.match(text)
        if m:
            number, notation = m.groups()
            qs = qs.filter(
                Q(code_number=number) | Q(code_number=number.lstrip("0")),
                code_notation__icontains=notation,
            )
        else:
            qs = qs.filter(
                Q(subject__icontains=text)
                | Q(code_notation__icontains=text)
                | Q(code_number=text)
                | Q(organ_name__icontains=text)
            )
    return qs.order_by("-issued_date", "-id")


def organizations_with_visible_documents(user) -> QuerySet[Organization]:
    return Organization.objects.filter(pk__in=documents_visible_to(user).values("org")).order_by(
        "path"
    )


def years_with_visible_documents(user) -> list[int]:
    dates = (
        documents_visible_to(user).exclude(issued_date__isnull=True).dates("issued_date", "year")
    )
    return sorted({d.year for d in dates}, reverse=True)


def loose_documents(org) -> QuerySet[Document]:
    """Documents of ``org`` that sit in no dossier (removed items do not count)."""
    filed = Document.objects.filter(
        dossier_items__isnull=False, dossier_items__removed_at__isnull=True
    )
    return Document.objects.filter(org=org).exclude(pk__in=filed.values("pk"))


def upload_orgs(user, today: dt.date | None = None) -> QuerySet[Organization]:
    """The bodies in which ``user`` may take documents in: where they hold a working role today."""
    subject = subject_for(user)
    if subject.person_id is None:
        return Organization.objects.none()
    today = today or timezone.localdate()
    ids = (
        Membership.objects.filter(
            person_id=subject.person_id, role__in=WORKING_ROLES, valid_from__lte=today
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .values("org_id")
    )
    return Organization.objects.filter(pk__in=ids).select_related("fonds").order_by("path")


def may_add_documents(user, org) -> bool:
    return upload_orgs(user).filter(pk=org.pk).exists()


def can_edit_document(user, document: Document) -> bool:
    """Who may correct metadata: whoever may read it and either entered it or
    works in the body that holds it."""
    if not can_view(user, document, "document"):
        return False
    if document.created_by_id is not None and document.created_by_id == getattr(user, "pk", None):
        return True
    return may_add_documents(user, document.org)


def dossiers_of(user, document: Document) -> list:
    """The dossiers a document sits in, only those ``user`` may open."""
    items = (
        document.dossier_items.filter(removed_at__isnull=True)
        .select_related("dossier", "dossier__org")
        .order_by("dossier__file_catalog", "dossier__file_notation")
    )
    return [item.dossier for item in items if can_view(user, item.dossier, "dossier")]


def citations_for(user, document: Document) -> list[tuple]:
    """The documents ``document`` cites, as ``(citation, cited)`` pairs: ``cited`` is
    the registered document only when ``user`` may open it (otherwise None, and the
    citation is shown as printed)."""
    rows = document.citations.select_related("cited", "cited__org")
    return [
        (c, c.cited if c.cited is not None and can_view(user, c.cited, "document") else None)
        for c in rows
    ]


def with_holdings(documents: QuerySet[Document]) -> QuerySet[Document]:
    """``documents`` each knowing in the same query whether it is an archive holding
    (``Document.in_holdings`` reads it instead of asking once per document)."""
    kind = kinds.get("document")
    held = kind.archived_q() if kind is not None else None
    if held is None:
        return documents.annotate(held_now=Value(False, output_field=BooleanField()))
    return documents.annotate(
        held_now=Case(
            When(held, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )
