"""Capture reads: who may see a batch, its items and their counts."""

from __future__ import annotations

from django.db.models import QuerySet

from luutru.capture.models import ImportBatch, ImportItem
from luutru.registry import queries as registry_queries


def can_see_batch(user, batch: ImportBatch) -> bool:
    """The person who brought the files in, or anyone who takes documents in for that body."""
    if user is None or not user.is_authenticated:
        return False
    if batch.created_by_id == user.pk:
        return True
    return registry_queries.may_add_documents(user, batch.org)


def batches_for(user) -> QuerySet[ImportBatch]:
    """Recent batches this user may follow."""
    orgs = registry_queries.upload_orgs(user)
    qs = ImportBatch.objects.filter(created_by=user) | ImportBatch.objects.filter(org__in=orgs)
    return qs.distinct().select_related("org", "created_by").order_by("-created_at", "-id")


def items_to_review(user) -> QuerySet[ImportItem]:
    ids = batches_for(user).values("pk")
    return (
        ImportItem.objects.filter(batch_id__in=ids, state="review")
        .select_related("batch", "batch__org", "document")
        .order_by("-updated_at")
    )
