"""Reads of the review screen and of the arrival suggestions, always through
the access policy: sessions by their body, groups by their body and their most
secret document, documents by their own facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from luutru.access.policy import can_view, visible_q
from luutru.bundles.models import GroupMember, GroupState, ProposedGroup, ReviewSession
from luutru.capture.models import ImportBatch, ImportItem
from luutru.capture.queries import batches_for
from luutru.filing.lifecycle import BEING_FORMED
from luutru.filing.models import Dossier, FilePlan, FilePlanItem
from luutru.orgs.models import Organization
from luutru.registry.models import Document
from luutru.registry.queries import documents_visible_to, loose_documents, upload_orgs

GROUPS_PER_PAGE = 10
LOOSE_PER_PAGE = 30


def sessions_for(user) -> QuerySet[ReviewSession]:
    """Review sessions ``user`` may follow, newest first."""
    return (
        ReviewSession.objects.filter(visible_q(user, object_type="reviewsession"))
        .select_related("org", "batch", "created_by")
        .order_by("-created_at", "-id")
    )


def session_or_none(user, session_id: int) -> ReviewSession | None:
    session = (
        ReviewSession.objects.select_related("org", "batch", "created_by")
        .filter(pk=session_id)
        .first()
    )
    if session is None or not can_view(user, session, "reviewsession"):
        return None
    return session


def review_orgs(user) -> QuerySet[Organization]:
    """Bodies whose documents ``user`` may gather into dossiers (where they work)."""
    return upload_orgs(user)


def recent_batches(user, limit: int = 20) -> list[ImportBatch]:
    """Bundles the user may follow in the bodies where they form dossiers."""
    orgs = review_orgs(user)
    return list(batches_for(user).filter(org__in=orgs)[:limit])


def visible_groups(user, session: ReviewSession) -> QuerySet[ProposedGroup]:
    return (
        session.groups.filter(visible_q(user, object_type="proposedgroup"))
        .select_related("plan_item", "responsible", "retention", "dossier")
        .order_by("order", "pk")
    )


@dataclass
class Counts:
    groups: int = 0
    proposed: int = 0
    accepted: int = 0
    hidden_groups: int = 0
    documents: int = 0
    unassigned: int = 0
    hidden_documents: int = 0


def counts(user, session: ReviewSession) -> Counts:
    c = Counts()
    visible = visible_groups(user, session).order_by()
    for row in visible.values("state").annotate(n=Count("pk")):
        if row["state"] == GroupState.ACCEPTED:
            c.accepted = row["n"]
        else:
            c.proposed = row["n"]
    c.groups = c.proposed + c.accepted
    c.hidden_groups = session.groups.count() - c.groups
    members = session.members.filter(document__in=documents_visible_to(user))
    c.documents = members.count()
    c.unassigned = members.filter(group__isnull=True).count()
    c.hidden_documents = session.members.count() - c.documents
    return c


@dataclass
class Row:
    """A document as the review screen shows it."""

    member: GroupMember
    doc: Document
    image_item: int | None = None  # a capture item whose page image can be shown
    outside: bool = False


@dataclass
class GroupView:
    group: ProposedGroup
    rows: list[Row] = field(default_factory=list)
    hidden: int = 0
    missing: list[dict[str, Any]] = field(default_factory=list)


def groups_page(user, session: ReviewSession, page_number: Any) -> tuple[Page, list[GroupView]]:
    """One page of the groups the user may see, with their documents in order."""
    page = Paginator(visible_groups(user, session), GROUPS_PER_PAGE).get_page(page_number)
    groups = list(page.object_list)
    members = (
        GroupMember.objects.filter(group__in=groups)
        .select_related("document")
        .order_by("group_id", "position", "pk")
    )
    views = {g.pk: GroupView(group=g) for g in groups}
    visible_ids = _visible_ids(user, [m.document_id for m in members])
    images = _images([m.document_id for m in members])
    for m in members:
        v = views[m.group_id or 0]
        if m.document_id not in visible_ids:
            v.hidden += 1
            continue
        v.rows.append(
            Row(
                m,
                m.document,
                images.get(m.document_id),
                outside=m.document_id in set(v.group.outside_period),
            )
        )
    for v in views.values():
        v.missing = [{**gap, "day": _day(gap.get("date"))} for gap in v.group.missing]
    return page, [views[g.pk] for g in groups]


def unassigned_page(user, session: ReviewSession, page_number: Any) -> tuple[Page, list[Row]]:
    members = (
        session.members.filter(group__isnull=True, document__in=documents_visible_to(user))
        .select_related("document")
        .order_by("position", "pk")
    )
    page = Paginator(members, LOOSE_PER_PAGE).get_page(page_number)
    rows = list(page.object_list)
    images = _images([m.document_id for m in rows])
    return page, [Row(m, m.document, images.get(m.document_id)) for m in rows]


def _visible_ids(user, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    return set(documents_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def _images(document_ids: list[int]) -> dict[int, int]:
    """document id → a capture item of it whose page 1 the capture screen draws."""
    if not document_ids:
        return {}
    rows = ImportItem.objects.filter(document_id__in=document_ids, blob__isnull=False).filter(
        Q(kind__in=("pdf", "png", "jpeg")) | Q(ocr_blob__isnull=False)
    )
    return {doc: item for item, doc in rows.values_list("pk", "document_id")}


def _day(raw: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


def plan_items_for(session: ReviewSession) -> list[FilePlanItem]:
    """The items of the body's issued plans of the session's years."""
    plans = FilePlan.objects.filter(org=session.org, state=FilePlan.State.ISSUED)
    if session.year:
        plans = plans.filter(year=session.year)
    return list(
        FilePlanItem.objects.filter(plan__in=plans)
        .select_related("plan")
        .order_by("-plan__year", "order")
    )


# ---------------------------------------------------------------- waiting documents


def waiting_documents(user, limit: int = 10) -> list[Document]:
    """Documents of the bodies where ``user`` works that sit in no dossier yet,
    newest first: "Văn bản chờ đưa vào hồ sơ"."""
    orgs = list(upload_orgs(user))
    if not orgs:
        return []
    qs = Document.objects.none()
    for org in orgs:
        qs = qs | loose_documents(org)
    return list(
        qs.filter(visible_q(user, object_type="document"))
        .select_related("org")
        .order_by("-created_at", "-pk")[:limit]
    )


def waiting_count(user) -> int:
    orgs = list(upload_orgs(user))
    total = 0
    for org in orgs:
        total += loose_documents(org).filter(visible_q(user, object_type="document")).count()
    return total


def open_dossiers_of(user, org: Organization) -> list[Dossier]:
    """Dossiers of ``org`` being formed that ``user`` may open."""
    return list(
        Dossier.objects.filter(org=org, status__in=sorted(BEING_FORMED))
        .filter(visible_q(user, object_type="dossier"))
        .select_related("plan_item", "plan_item__plan")
        .order_by("-updated_at")[:200]
    )


def unopened_plan_items(org: Organization, year: int) -> list[FilePlanItem]:
    """Items of ``org``'s issued plan of ``year`` that have no dossier yet."""
    return list(
        FilePlanItem.objects.filter(
            plan__org=org, plan__year=year, plan__state=FilePlan.State.ISSUED
        )
        .exclude(dossiers__isnull=False)
        .select_related("plan")
        .order_by("order")
    )
