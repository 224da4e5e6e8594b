"""The capture pipeline, the same for every entry point (Paperless-ngx consumer style).

``intake`` runs the first two steps where the bytes are (the request, the
command): store the blob (deduplicated by SHA-256) and identify the real
format. ``process_item`` claims the item in a worker and runs the chain of
steps (``chain``; by default extract text → OCR → parse the header → detect
duplicates → check signatures → register the document), each recorded on the
item with its progress; every item ends done, needing review, duplicate, or
failed with a Vietnamese reason, and the batch ends when its last item has.

Restarts: the item's state is in the database and each step is idempotent.
An item is claimed with a lease naming its process; a rerun reclaims items
whose lease ran out or whose process is gone. The document and the item's
link to it commit in one transaction, and blobs are content-addressed, so a
rerun never makes a second document. A kill between storing bytes and
committing their row (OCR output, made anew by the rerun) leaves a file no row
names: ``luutru fixity`` reports it and ``--clean`` removes it. A killed
worker's claim is a retry; only attempts that ended in an error count.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from pathlib import PurePosixPath

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from luutru.capture.bundle import Incoming
from luutru.capture.chain import HandedOff, Work, run_chain

# Read by the bench, the demo and tests through this module, as before the chain.
from luutru.capture.documents import extract_document_text  # noqa: F401
from luutru.capture.models import FINISHED_STATES, ImportBatch, ImportItem, ItemState, Step
from luutru.capture.registering import FIELD_LABELS, REVIEW_THRESHOLD, parse  # noqa: F401
from luutru.core.processes import pid_alive
from luutru.registry.content import inspect_upload
from luutru.search.services import refresh_index
from luutru.storage.services import put_blob_bytes

log = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=30)
# Attempts that ended in an error before an item fails (``ImportItem.errors``).
MAX_ERRORS = 3
# Claims before an item fails: a killed worker's claim is a retry, but a file
# that kills its worker every time must still end.
MAX_CLAIMS = 10


def owner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# ---------------------------------------------------------------- intake


def intake(batch: ImportBatch, incoming: Incoming) -> ImportItem:
    """Store and identify one file; return its item (the existing one on a rerun)."""
    name = incoming.name
    existing = ImportItem.objects.filter(batch=batch, name=name).first()
    if existing is not None:
        return existing
    if incoming.failure:
        return ImportItem.objects.create(
            batch=batch,
            name=name,
            size=incoming.size,
            state=ItemState.FAILED,
            step=incoming.step,
            reason=incoming.failure,
        )
    data = incoming.data or b""
    facts = inspect_upload(data, PurePosixPath(name).name, _max_bytes())
    if not facts.ok:
        return ImportItem.objects.create(
            batch=batch,
            name=name,
            size=len(data),
            state=ItemState.FAILED,
            step=Step.STORE if not data else Step.IDENTIFY,
            reason=" ".join(facts.failures),
        )
    # The blob is written and fsynced before the row naming it commits; the
    # item commits with the blob row, so a blob row is never left unnamed.
    with transaction.atomic():
        blob = put_blob_bytes(data, facts.mime)
        return ImportItem.objects.create(
            batch=batch,
            name=name,
            size=len(data),
            blob=blob,
            kind=facts.kind,
            pages=facts.page_amount,
            state=ItemState.PENDING,
            step=Step.EXTRACT,
            progress=20,
        )


def _max_bytes() -> int:
    return settings.LUUTRU_MAX_UPLOAD_BYTES


# ---------------------------------------------------------------- claiming


def _pid_alive(owner: str) -> bool:
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's worker: trust its lease
    return pid_alive(int(pid))


def claim(item_id: int, owner: str | None = None) -> ImportItem | None:
    """Take an unfinished item for this process, or None if another live one holds it."""
    owner = owner or owner_id()
    now = timezone.now()
    fields = {
        "state": ItemState.RUNNING,
        "owner": owner,
        "lease_until": now + LEASE,
        "attempts": F("attempts") + 1,
    }
    base = ImportItem.objects.filter(pk=item_id)
    taken = base.filter(
        Q(state=ItemState.PENDING)
        | Q(state=ItemState.RUNNING, lease_until__lt=now)
        | Q(state=ItemState.RUNNING, owner=owner)
    ).update(**fields)
    if not taken:
        current = base.filter(state=ItemState.RUNNING).values_list("owner", flat=True).first()
        if current is None or _pid_alive(current):
            return None
        # Its process died (kill -9, power cut): compare-and-set on the dead owner.
        if not base.filter(state=ItemState.RUNNING, owner=current).update(**fields):
            return None
    return ImportItem.objects.select_related("batch", "batch__org", "batch__created_by").get(
        pk=item_id
    )


def reclaimable(batch: ImportBatch | None = None):
    """Unfinished items no live process is working on."""
    now = timezone.now()
    qs = ImportItem.objects.filter(state__in=(ItemState.PENDING, ItemState.RUNNING))
    if batch is not None:
        qs = qs.filter(batch=batch)
    ids = []
    for pk, state, owner, lease in qs.values_list("pk", "state", "owner", "lease_until"):
        if state == ItemState.PENDING or lease is None or lease < now or not _pid_alive(owner):
            ids.append(pk)
    return ids


# ---------------------------------------------------------------- the chain


def process_item(item_id: int, *, inline_ocr: bool = True) -> str | None:
    """Run the chain's remaining steps on one item; return its state (None if not ours).

    With ``inline_ocr`` False, an item that needs OCR is handed to the "ocr"
    queue instead of being recognised here."""
    item = claim(item_id)
    if item is None:
        return None
    if item.errors >= MAX_ERRORS:
        _end(
            item,
            ItemState.FAILED,
            f"Đã thử xử lý {item.errors} lần, lần nào cũng gặp lỗi (bước “{item.get_step_display()}”). "
            "Hãy kiểm tra tệp rồi nhập lại.",
        )
        return item.state
    if item.attempts > MAX_CLAIMS:
        # Each earlier claim ended with its process gone (killed, out of memory):
        # not an error of the file we saw, but it must not loop for ever.
        _end(
            item,
            ItemState.FAILED,
            f"Tiến trình xử lý tệp này bị dừng đột ngột {item.attempts - 1} lần "
            f"(bước “{item.get_step_display()}”), có thể do tệp làm tràn bộ nhớ. "
            "Hãy kiểm tra tệp rồi nhập lại, hoặc báo quản trị viên.",
        )
        return item.state
    if item.blob_id is None:
        _end(item, ItemState.FAILED, item.reason or "Tệp chưa được lưu.")
        return item.state
    try:
        state, reason = run_chain(Work(item, inline_ocr=inline_ocr))
    except HandedOff:
        return ItemState.PENDING
    except Exception as exc:  # one bad file (or one broken step) must not stop the batch
        log.exception("capture item %s failed at %s", item.pk, item.step)
        item.errors += 1
        _end(
            item,
            ItemState.FAILED,
            f"Lỗi ở bước “{item.get_step_display()}”: {exc.__class__.__name__}. "
            "Hãy báo quản trị viên (chi tiết trong nhật ký máy chủ).",
        )
    else:
        _end(item, state, reason)
    return item.state


def _end(item: ImportItem, state: str, reason: str = "") -> None:
    """Put ``item`` in its end state and, if it was the batch's last, end the batch."""
    item.state = state
    item.reason = reason
    item.owner, item.lease_until = "", None
    if state in (ItemState.DONE, ItemState.DUPLICATE):
        item.step = Step.END
    item.progress = 100
    item.save()
    transaction.on_commit(lambda: finish_batch_if_done(item.batch_id))


def finish_batch_if_done(batch_id: int) -> bool:
    """Mark a sealed batch ended once every item has; then bring search up to date."""
    if ImportItem.objects.filter(batch_id=batch_id).exclude(state__in=FINISHED_STATES).exists():
        return False
    ended = ImportBatch.objects.filter(pk=batch_id, sealed=True, finished_at__isnull=True).update(
        finished_at=timezone.now()
    )
    if ended:
        refresh_search()
    return bool(ended)


def refresh_search() -> None:
    """Drain pending index changes (the index follows saves by signals)."""
    try:
        refresh_index()
    except Exception:  # the index is derived data: a failure here must not fail capture
        log.exception("search refresh after capture failed")


def counts(batch: ImportBatch) -> dict[str, int]:
    rows = batch.items.values("state").annotate(n=Count("pk"))
    out = {s: 0 for s in ItemState.values}
    for row in rows:
        out[row["state"]] = row["n"]
    out["total"] = sum(out[s] for s in ItemState.values)
    out["finished"] = sum(out[s] for s in FINISHED_STATES)
    return out
