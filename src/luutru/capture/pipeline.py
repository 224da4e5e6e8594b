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
rerun never makes a second document. ``process_items`` (the import's runner)
claims items by the chunk, reads them outside any transaction and registers
them in one (``chain``): a kill rolls the chunk back to claimed items, which
a rerun takes again like any other. A kill between storing bytes and
committing their row (OCR output, made anew by the rerun) leaves a file no row
names: ``luutru fixity`` reports it and ``--clean`` removes it. A killed
worker's claim is a retry; only attempts that ended in an error count.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from luutru.audit.services import appending
from luutru.capture.bundle import Incoming
from luutru.capture.chain import HandedOff, Work, run_chain

# Read by the bench, the demo and tests through this module, as before the chain.
from luutru.capture.documents import extract_document_text  # noqa: F401
from luutru.capture.models import FINISHED_STATES, ImportBatch, ImportItem, ItemState, Step
from luutru.capture.registering import FIELD_LABELS, REVIEW_THRESHOLD, parse  # noqa: F401
from luutru.core.processes import pid_alive
from luutru.registry.content import inspect_upload
from luutru.registry.models import Document
from luutru.registry.services import registering_many
from luutru.search.services import refresh_index
from luutru.storage.services import put_blobs_bytes

log = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=30)
# Attempts that ended in an error before an item fails (``ImportItem.errors``).
MAX_ERRORS = 3
# Claims before an item fails: a killed worker's claim is a retry, but a file
# that kills its worker every time must still end.
MAX_CLAIMS = 10
# ``process_items``: items claimed and registered together (one transaction),
# and how long their reading may take before those read so far are registered
# (a chunk of scans is registered item by item, as each OCR ends).
CHUNK = 25
CHUNK_SECONDS = 1.0


def owner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# ---------------------------------------------------------------- intake


def intake(batch: ImportBatch, incoming: Incoming, *, known: bool | None = None) -> ImportItem:
    """Store and identify one file; return its item (the existing one on a rerun).
    ``known`` False: the caller knows the batch has no item of that name yet."""
    with transaction.atomic():
        return intake_many(
            batch, [incoming], known={incoming.name} if known is not False else set()
        )[0]


def intake_many(batch: ImportBatch, files: list[Incoming], *, known: set[str]) -> list[ImportItem]:
    """``intake`` for several files, in the caller's transaction: their bytes are
    written side by side (``put_blobs_bytes``), then their items in one statement.
    ``known``: names the batch may hold an item of already (a rerun): that item is
    returned. Call inside a transaction."""
    out: list[ImportItem | None] = []
    new: list[ImportItem] = []
    keep: list[tuple[ImportItem, bytes, str]] = []  # the file's item, bytes and MIME type
    for incoming in files:
        name = incoming.name
        existing = (
            ImportItem.objects.filter(batch=batch, name=name).first() if name in known else None
        )
        out.append(existing)
        if existing is not None:
            continue
        item = ImportItem(batch=batch, name=name, size=incoming.size)
        new.append(item)
        if incoming.failure:
            item.state, item.step, item.reason = ItemState.FAILED, incoming.step, incoming.failure
            continue
        data = incoming.data or b""
        item.size = len(data)
        facts = inspect_upload(data, PurePosixPath(name).name, _max_bytes())
        if not facts.ok:
            item.state, item.reason = ItemState.FAILED, " ".join(facts.failures)
            item.step = Step.STORE if not data else Step.IDENTIFY
            continue
        item.kind, item.pages = facts.kind, facts.page_amount
        item.state, item.step, item.progress = ItemState.PENDING, Step.EXTRACT, 20
        keep.append((item, data, facts.mime))
    # The blobs are written and fsynced before the rows naming them commit; the
    # items commit with the blob rows, so a blob row is never left unnamed.
    blobs = put_blobs_bytes([(data, mime) for _, data, mime in keep])
    for (item, _, _), blob in zip(keep, blobs, strict=True):
        item.blob = blob
    ImportItem.objects.bulk_create(new)
    made = iter(new)
    return [item if item is not None else next(made) for item in out]


def _max_bytes() -> int:
    return settings.LUUTRU_MAX_UPLOAD_BYTES


# ---------------------------------------------------------------- claiming


def _pid_alive(owner: str) -> bool:
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's worker: trust its lease
    return pid_alive(int(pid))


def _claim_fields(owner: str) -> dict:
    return {
        "state": ItemState.RUNNING,
        "owner": owner,
        "lease_until": timezone.now() + LEASE,
        "attempts": F("attempts") + 1,
    }


def _claimable(owner: str) -> Q:
    """Items free to take: waiting, or running under a lease that ran out or is ours."""
    return (
        Q(state=ItemState.PENDING)
        | Q(state=ItemState.RUNNING, lease_until__lt=timezone.now())
        | Q(state=ItemState.RUNNING, owner=owner)
    )


def claim(item_id: int, owner: str | None = None) -> ImportItem | None:
    """Take an unfinished item for this process, or None if another live one holds it."""
    owner = owner or owner_id()
    fields = _claim_fields(owner)
    base = ImportItem.objects.filter(pk=item_id)
    taken = base.filter(_claimable(owner)).update(**fields)
    if not taken:
        current = base.filter(state=ItemState.RUNNING).values_list("owner", flat=True).first()
        if current is None or _pid_alive(current):
            return None
        # Its process died (kill -9, power cut): compare-and-set on the dead owner.
        if not base.filter(state=ItemState.RUNNING, owner=current).update(**fields):
            return None
    return _with_batch(ImportItem.objects).get(pk=item_id)


def _with_batch(qs):
    return qs.select_related("blob", "batch", "batch__org", "batch__created_by")


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
    if ended := _guard(item):
        _end(item, *ended)
        return item.state
    try:
        result = run_chain(Work(item, inline_ocr=inline_ocr))
        assert result is not None  # the whole chain ran
    except HandedOff:
        return ItemState.PENDING
    except Exception as exc:  # one bad file (or one broken step) must not stop the batch
        _fail(item, exc)
    else:
        _end(item, *result)
    return item.state


def _guard(item: ImportItem) -> tuple[str, str] | None:
    """The end of an item that must not run again (state, reason), or None."""
    if item.errors >= MAX_ERRORS:
        return (
            ItemState.FAILED,
            f"Đã thử xử lý {item.errors} lần, lần nào cũng gặp lỗi (bước “{item.get_step_display()}”). "
            "Hãy kiểm tra tệp rồi nhập lại.",
        )
    if item.attempts > MAX_CLAIMS:
        # Each earlier claim ended with its process gone (killed, out of memory):
        # not an error of the file we saw, but it must not loop for ever.
        return (
            ItemState.FAILED,
            f"Tiến trình xử lý tệp này bị dừng đột ngột {item.attempts - 1} lần "
            f"(bước “{item.get_step_display()}”), có thể do tệp làm tràn bộ nhớ. "
            "Hãy kiểm tra tệp rồi nhập lại, hoặc báo quản trị viên.",
        )
    if item.blob_id is None:
        return ItemState.FAILED, item.reason or "Tệp chưa được lưu."
    return None


def _fail(item: ImportItem, exc: Exception, *, notify: bool = True) -> None:
    log.error("capture item %s failed at %s", item.pk, item.step, exc_info=exc)
    item.errors += 1
    _end(
        item,
        ItemState.FAILED,
        f"Lỗi ở bước “{item.get_step_display()}”: {exc.__class__.__name__}. "
        "Hãy báo quản trị viên (chi tiết trong nhật ký máy chủ).",
        notify=notify,
    )


def _end(item: ImportItem, state: str, reason: str = "", *, notify: bool = True) -> None:
    """Put ``item`` in its end state and, if it was the batch's last, end the batch
    (``notify`` False: the caller does, once for many items)."""
    item.state = state
    item.reason = reason
    item.owner, item.lease_until = "", None
    if state in (ItemState.DONE, ItemState.DUPLICATE):
        item.step = Step.END
    item.progress = 100
    item.save()
    if notify:
        transaction.on_commit(lambda: finish_batch_if_done(item.batch_id))


# ---------------------------------------------------------------- many items at once


def process_items(
    ids: Iterable[int],
    *,
    progress: Callable[[], None] | None = None,
) -> None:
    """Run the chain on these items here, ``CHUNK`` at a time (OCR inline).

    A chunk is claimed in one statement; its items are read (text, OCR, header,
    duplicates, signatures) outside any transaction, then registered in one,
    each in its own savepoint, so one item's error fails that item only. An
    item held by a process that died is taken over one at a time (``claim``).
    ``progress`` is called after each chunk."""
    pending = list(ids)
    owner = owner_id()
    for start in range(0, len(pending), CHUNK):
        chunk = pending[start : start + CHUNK]
        ImportItem.objects.filter(pk__in=chunk).filter(_claimable(owner)).update(
            **_claim_fields(owner)
        )
        mine: dict[int, ImportItem] = {}
        batches: dict[int, ImportBatch] = {}
        for i in _with_batch(
            ImportItem.objects.filter(pk__in=chunk, state=ItemState.RUNNING, owner=owner)
        ):
            # One batch (and body) object for its items: what is read of the body
            # once (its fonds) is not asked again for each item.
            i.batch = batches.setdefault(i.batch_id, i.batch)
            mine[i.pk] = i
        registered = _registered(mine.values())
        works: list[tuple[Work, object]] = []
        began = time.monotonic()
        for pk in chunk:
            item = mine.get(pk)
            if item is None:
                continue
            works.append(_read(item, registered))
            if time.monotonic() - began >= CHUNK_SECONDS:
                _register(works)
                works, began = [], time.monotonic()
        _register(works)
        # Held by others: a dead process's items are taken over one by one.
        for pk, holder in ImportItem.objects.filter(
            pk__in=[pk for pk in chunk if pk not in mine], state=ItemState.RUNNING
        ).values_list("pk", "owner"):
            if not _pid_alive(holder):
                process_item(pk, inline_ocr=True)
        if progress:
            progress()


def _registered(items: Iterable[ImportItem]) -> dict[tuple[str | None, int], int]:
    """The first document registered of each of these items' (blob, body), in one query."""
    items = list(items)
    found: dict[tuple[str | None, int], int] = {}
    rows = (
        Document.objects.filter(
            blob_id__in={i.blob_id for i in items if i.blob_id},
            org_id__in={i.batch.org_id for i in items},
        )
        .order_by("-pk")
        .values_list("blob_id", "org_id", "pk")
    )
    for blob_id, org_id, pk in rows:
        found[(blob_id, org_id)] = pk  # the lowest pk is read last
    return found


def _read(item: ImportItem, registered: dict | None = None) -> tuple[Work, object]:
    """The steps that only read, outside any transaction: (work, its end, the
    error it met, or None when the rest of the chain is still to run)."""
    work = Work(item, inline_ocr=True, batched=True)
    work.registered = registered
    if ended := _guard(item):
        return work, ended
    try:
        return work, run_chain(work, before_transaction=True)
    except Exception as exc:  # failed in the transaction below, with the others
        return work, exc


def _register(works: list[tuple[Work, object]]) -> None:
    """The rest of the chain for ``works`` and their ends, in one transaction."""
    if not works:
        return
    # The rules read once, the audit chain's head locked once, for the whole chunk.
    with transaction.atomic(), registering_many(), appending():
        for work, outcome in works:
            item = work.item
            try:
                with transaction.atomic():  # a savepoint: this item's error undoes only it
                    if isinstance(outcome, Exception):
                        raise outcome
                    result = outcome if outcome is not None else run_chain(work)
                    assert isinstance(result, tuple)
                    work.flush(row=False)  # the end writes the whole row
                    _end(item, *result, notify=False)
            except Exception as exc:  # one bad file (or one broken step) must not stop the batch
                # What the savepoint undid is gone from the row: start from it again.
                at = item.step
                item = ImportItem.objects.get(pk=item.pk)
                item.step = at
                _fail(item, exc, notify=False)
    for batch_id in {work.item.batch_id for work, _ in works}:
        finish_batch_if_done(batch_id)


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
