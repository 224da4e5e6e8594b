"""Destruction (tiêu hủy) of what a decided appraisal ordered: two different
people confirm; at the second confirmation the dossiers move along the
``destroy`` edge, their documents' content goes (text, OCR copy, the original
bytes when no document that is not destroyed shares them), and the manifest of
every removed file (SHA-256) is written for the minutes. Metadata, the decision
and the minutes stay. A hold found at that moment refuses the whole step."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from luutru.access.policy import has_role
from luutru.audit.services import record
from luutru.capture.models import DocumentText, ImportItem
from luutru.core.errors import RuleViolation
from luutru.disposal.models import Confirmation, Destruction, Outcome, RemovedFile
from luutru.disposal.queries import hold_text, holds_covering, manifest_digest
from luutru.filing.lifecycle import transition
from luutru.filing.models import Dossier, DossierItem, DossierStatus
from luutru.storage.models import Blob
from luutru.storage.services import remove_blobs

CONFIRMERS = ("archivist", "head")


def may_confirm(user: User, destruction: Destruction) -> bool:
    return any(has_role(user, r, destruction.org) for r in CONFIRMERS)


def confirm_destruction(actor: User, destruction: Destruction) -> Destruction:
    """Record ``actor``'s confirmation; the second, by another person, destroys."""
    with transaction.atomic():
        destruction = (
            Destruction.objects.select_for_update(of=("self",))
            .select_related("appraisal", "org")
            .get(pk=destruction.pk)
        )
        failures = []
        if not may_confirm(actor, destruction):
            failures.append(
                "Chỉ lưu trữ viên hoặc lãnh đạo của cơ quan mới được xác nhận hủy tài liệu."
            )
        if destruction.status != Destruction.Status.PENDING:
            failures.append("Tài liệu của quyết định này đã được hủy.")
        confirmed = list(destruction.confirmations.select_related("user"))
        if any(c.user_id == actor.pk for c in confirmed):
            failures.append(
                "Bạn đã xác nhận việc hủy này: cần một người khác (lưu trữ viên hoặc lãnh đạo) "
                "xác nhận lần thứ hai."
            )
        RuleViolation.check(failures)
        items = list(
            destruction.appraisal.items.filter(decision=Outcome.DESTROY).select_related("dossier")
        )
        dossiers = list(
            Dossier.objects.select_for_update(of=("self",))
            .select_related("org")
            .filter(pk__in=[i.dossier_id for i in items])
            .order_by("pk")
        )
        for d in dossiers:
            holds = holds_covering(d)
            if holds:
                failures.append(
                    f"Hồ sơ {d.file_notation} đang bị tạm giữ, không được hủy: "
                    + "; ".join(hold_text(h) for h in holds)
                    + "."
                )
        RuleViolation.check(failures)
        Confirmation.objects.create(destruction=destruction, user=actor)
        record(
            actor,
            "disposal.destruction.confirm",
            destruction,
            after={"confirmation": len(confirmed) + 1},
        )
        if not confirmed:
            return destruction
        _destroy(actor, destruction, dossiers)
    return destruction


def _destroy(actor: User, destruction: Destruction, dossiers: list[Dossier]) -> None:
    decision = destruction.appraisal.decision_number
    transition(actor, dossiers, "destroy", after={"decision": decision})
    ids = {d.pk for d in dossiers}
    by_pk = {d.pk: d for d in dossiers}
    items = list(
        DossierItem.objects.filter(dossier_id__in=ids, removed_at__isnull=True)
        .select_related("document", "document__blob")
        .order_by("dossier_id", "position")
    )
    doc_ids = {i.document_id for i in items}
    # A document also filed in a dossier that lives on keeps its content.
    living = dict(
        DossierItem.objects.filter(document_id__in=doc_ids, removed_at__isnull=True)
        .exclude(dossier_id__in=ids)
        .exclude(dossier__status=DossierStatus.DESTROYED)
        .values_list("document_id", "dossier__file_notation")
    )
    texts = {t.document_id: t for t in DocumentText.objects.filter(document_id__in=doc_ids)}
    ocr_sizes = dict(
        Blob.objects.filter(
            pk__in=[t.ocr_blob_id for t in texts.values() if t.ocr_blob_id]
        ).values_list("sha256", "size")
    )
    rows: list[RemovedFile] = []
    shas: list[str] = []
    done: set[int] = set()
    for item in items:
        doc = item.document
        if doc.pk in done:
            continue
        done.add(doc.pk)
        text = texts.get(doc.pk)
        files = []
        if doc.blob is not None:
            files.append((doc.blob.sha256, doc.blob.size, doc.original_filename or doc.blob.sha256))
        if text is not None and text.ocr_blob_id:
            name = f"{doc.original_filename or doc.pk} (bản OCR)"
            files.append((text.ocr_blob_id, ocr_sizes.get(text.ocr_blob_id, 0), name))
        dossier = by_pk[item.dossier_id]
        kept_reason = (
            f"Văn bản còn trong hồ sơ {living[doc.pk]} chưa hủy." if doc.pk in living else ""
        )
        rows += [
            RemovedFile(
                destruction=destruction,
                dossier=dossier,
                document=doc,
                sha256=sha,
                size=size,
                name=name[:255],
                removed=not kept_reason,
                kept_reason=kept_reason,
            )
            for sha, size, name in files
        ]
        if kept_reason:
            continue
        shas += [sha for sha, _, _ in files]
        # The content goes; the document's metadata stays (and stays searchable).
        # Neither registry nor capture has a service for lawful destruction: the
        # rows naming the bytes are released here, with the events below.
        if doc.blob_id is not None:
            doc.blob = None
            doc.save(update_fields=["blob", "updated_at"])
        if text is not None:
            text.delete()
        ImportItem.objects.filter(document_id=doc.pk).update(blob=None, ocr_blob=None)
    report = remove_blobs(
        actor,
        shas,
        reason=f"Tiêu hủy theo quyết định {decision}",
        org_id=destruction.org_id,
    )
    kept = set(report.kept)
    for r in rows:
        if r.removed and r.sha256 in kept:
            r.removed = False
            r.kept_reason = "Văn bản khác chưa hủy dùng tệp cùng nội dung."
    RemovedFile.objects.bulk_create(rows)
    destruction.status, destruction.done_at = Destruction.Status.DONE, timezone.now()
    destruction.manifest_sha256 = manifest_digest(destruction)
    destruction.save(update_fields=["status", "done_at", "manifest_sha256"])
    record(
        actor,
        "disposal.destruction.done",
        destruction,
        after={
            "decision": decision,
            "dossiers": sorted(ids),
            "removed": len(report.removed),
            "kept": len(kept) + sum(1 for r in rows if not r.removed and r.sha256 not in kept),
            "manifest_sha256": destruction.manifest_sha256,
        },
    )
