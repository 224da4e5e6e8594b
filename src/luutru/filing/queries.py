"""Reads of the filing app, always filtered through the access policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from luutru.access.policy import subject_for, visible_q
from luutru.filing import lifecycle
from luutru.filing.closing import current_index, index_rows
from luutru.filing.lifecycle import HELD
from luutru.filing.models import Dossier, DossierItem, FilePlan, FilePlanItem
from luutru.orgs.models import Organization, Role
from luutru.registry.models import Document
from luutru.registry.queries import documents_visible_to as registry_documents
from luutru.registry.queries import upload_orgs

ARCHIVED = sorted(HELD)
BEING_FORMED = sorted(lifecycle.BEING_FORMED)


def dossiers_visible_to(user: Any) -> QuerySet[Dossier]:
    return Dossier.objects.filter(
        visible_q(
            user, object_type="dossier", owner_field="owner", archived_q=Q(status__in=ARCHIVED)
        )
    )


def plans_visible_to(user: Any) -> QuerySet[FilePlan]:
    return FilePlan.objects.filter(visible_q(user, object_type="fileplan", secrecy_field=None))


def documents_visible_to(user: Any) -> QuerySet[Document]:
    return registry_documents(user)


def working_orgs(user: Any) -> QuerySet[Organization]:
    """Bodies in which ``user`` holds a working role today (official, clerk, head)."""
    return upload_orgs(user)


def my_open_dossiers(user: Any) -> QuerySet[Dossier]:
    """Dossiers this user is forming (owner or named creator), still open or returned."""
    mine = Q(owner_id=user.pk)
    person = getattr(user, "person", None)
    if person is not None:
        mine |= Q(creator_id=person.pk)
    return dossiers_visible_to(user).filter(mine, status__in=BEING_FORMED)


def plans_awaiting_approval(user: Any) -> QuerySet[FilePlan]:
    """Draft plans with at least one item, at bodies where the user is a head
    (or below them)."""
    subject = subject_for(user)
    head_org_ids = [org_id for org_id, role in subject.roles if role == Role.HEAD]
    if not head_org_ids:
        return FilePlan.objects.none()
    in_scope = Q(pk__in=[])
    for path in Organization.objects.filter(pk__in=head_org_ids).values_list("path", flat=True):
        in_scope |= Q(org__path__startswith=path)
    return (
        plans_visible_to(user)
        .filter(in_scope, state=FilePlan.State.DRAFT)
        .annotate(n_items=Count("items"))
        .filter(n_items__gt=0)
    )


def unfiled_plan_items(plan: FilePlan) -> QuerySet[FilePlanItem]:
    """Planned files for which no dossier has been opened yet."""
    return plan.items.exclude(dossiers__isnull=False).order_by("order")


def dossier_items_in_order(dossier: Dossier) -> list[DossierItem]:
    return list(
        dossier.items.filter(removed_at__isnull=True)
        .select_related("document", "document__doc_type", "document__org")
        .order_by("position", "pk")
    )


def documents_in_order(dossier: Dossier) -> list[Document]:
    """The documents of a dossier in their filing order (removed ones left out)."""
    return [it.document for it in dossier_items_in_order(dossier)]


def removed_items(dossier: Dossier) -> list[DossierItem]:
    return list(
        dossier.items.filter(removed_at__isnull=False)
        .select_related("document")
        .order_by("-removed_at")
    )


def dossiers_of_item(item: FilePlanItem, user: Any) -> QuerySet[Dossier]:
    return dossiers_visible_to(user).filter(plan_item=item)


HIDDEN_DOCUMENT = "(Không hiển thị: bạn không có quyền xem văn bản này)"


def index_rows_for(user: Any, dossier: Dossier) -> tuple[list[dict[str, Any]], bool]:
    """The document index (mục lục văn bản) of ``dossier`` as ``user`` may read it:
    the index frozen at closing, or the live one while the dossier is being formed
    (second value True). A row of a document the user may not open keeps its place
    and pages, and says why its data is not shown (a grant on a dossier does not
    open the secret documents inside it)."""
    index = current_index(dossier)
    if index is not None:
        rows, draft = [dict(r) for r in index.rows], False
    else:
        items = dossier_items_in_order(dossier)
        rows, draft = index_rows(items), True
    ids = [r.get("document_id") for r in rows]
    visible = set(
        documents_visible_to(user).filter(pk__in=[i for i in ids if i]).values_list("pk", flat=True)
    )
    for r in rows:
        r["visible"] = r.get("document_id") in visible
        if not r["visible"]:
            r.update(symbol="", date="", type_and_subject=HIDDEN_DOCUMENT, author="", note="")
    return rows, draft
