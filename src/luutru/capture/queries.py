"""Capture reads: which batches and items a user may see, and their counts.

Every read goes through the access policy: a batch is judged by its body and
who brought it in; an item also by its secrecy (what the parser saw or
suspects, or its document's level, whichever is higher). Items a user may not
read are counted on the batch, never named.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from luutru.access.policy import can_view, visible_q
from luutru.capture.models import FINISHED_STATES, ImportBatch, ImportItem, ItemState
from luutru.registry import queries as registry_queries


def can_see_batch(user, batch: ImportBatch) -> bool:
    """May ``user`` follow ``batch`` (its progress, the items they may read)?"""
    return can_view(user, batch, "importbatch")


def can_see_item(user, item: ImportItem) -> bool:
    return can_view(user, item, "importitem")


def may_work_on(user, batch: ImportBatch) -> bool:
    """Acts on a batch (retry, confirm): its uploader or someone who takes documents in there."""
    if user is None or not user.is_authenticated:
        return False
    return batch.created_by_id == user.pk or registry_queries.may_add_documents(user, batch.org)


def batches_for(user) -> QuerySet[ImportBatch]:
    """Recent batches this user may follow."""
    return (
        ImportBatch.objects.filter(visible_q(user, object_type="importbatch"))
        .select_related("org", "created_by")
        .order_by("-created_at", "-id")
    )


def visible_items(user, batch: ImportBatch | None = None) -> QuerySet[ImportItem]:
    qs = ImportItem.objects.filter(visible_q(user, object_type="importitem"))
    if batch is not None:
        qs = qs.filter(batch=batch)
    return qs.select_related("batch", "batch__org", "document")


def items_to_review(user) -> QuerySet[ImportItem]:
    return visible_items(user).filter(state=ItemState.REVIEW).order_by("-updated_at")


def counts(user, batch: ImportBatch) -> dict[str, int]:
    """Items per state that ``user`` may read, ``hidden`` (the others, counted only), and
    ``all``/``all_finished`` for the batch's progress."""
    out = {s: 0 for s in ItemState.values}
    visible = visible_items(user, batch).order_by()
    for row in visible.values("state").annotate(n=Count("pk")):
        out[row["state"]] = row["n"]
    out["total"] = sum(out[s] for s in ItemState.values)
    out["finished"] = sum(out[s] for s in FINISHED_STATES)
    everything = batch.items.order_by()
    out["all"] = everything.count()
    out["all_finished"] = everything.filter(state__in=FINISHED_STATES).count()
    out["hidden"] = out["all"] - out["total"]
    return out


def batch_label(user, batch: ImportBatch) -> str:
    """The batch's label, unless it names a file the user may not read (a one-file
    upload is labelled with the file's name)."""
    label = str(batch)
    if not batch.label:
        return label
    named = batch.items.filter(Q(name=batch.label) | Q(name__endswith=f"/{batch.label}"))
    if named.exclude(pk__in=visible_items(user, batch).values("pk")).exists():
        return f"Đợt nhập {batch.pk}"
    return label
