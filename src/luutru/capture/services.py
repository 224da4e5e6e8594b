"""Capture writes: open a batch, take files in, hand them to workers, confirm a review."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

from django.db import transaction
from django_tasks_db.models import DBTaskResult

from luutru.access.policy import Denied, can_view
from luutru.audit.services import record
from luutru.capture import pipeline, registering
from luutru.capture.bundle import Incoming
from luutru.capture.models import ImportBatch, ImportItem, ItemState, Source, Step
from luutru.capture.tasks import document_text, ocr_item, process_item
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.orgs.models import Organization
from luutru.orgs.services import ensure_fonds_open
from luutru.registry import queries as registry_queries
from luutru.registry.models import Direction, Document
from luutru.registry.secrecy import lowering_failures
from luutru.registry.services import update_document_metadata


def start_batch(
    actor,
    org: Organization,
    *,
    source: str = Source.UPLOAD,
    label: str = "",
    direction: str = Direction.INTERNAL,
    key: str = "",
) -> ImportBatch:
    """Open a batch for ``org``; refused (nothing created) where the user may not
    add documents or the organization's fonds is closed."""
    failures: list[str] = []
    if direction not in Direction.values:
        failures.append(f"Loại văn bản “{direction}” không hợp lệ (đến, đi hoặc nội bộ).")
    if actor is not None and not registry_queries.may_add_documents(actor, org):
        failures.append(
            f"Bạn không làm việc tại “{org.name}” nên không thể nhập tài liệu vào phông của cơ quan này."
        )
    try:
        ensure_fonds_open(org)
    except RuleViolation as exc:
        failures.extend(exc.messages)
    RuleViolation.check(failures)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            org=org,
            source=source,
            label=label[:255],
            direction=direction,
            key=key[:300],
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(
            actor,
            "capture.batch.start",
            batch,
            org_id=org.pk,
            after={"source": source, "label": label},
        )
    return batch


def find_unfinished(org: Organization, key: str) -> ImportBatch | None:
    """The batch a rerun of the same import should finish."""
    return (
        ImportBatch.objects.filter(org=org, key=key, finished_at__isnull=True)
        .order_by("-pk")
        .first()
    )


# ``add_files``: files whose items commit together, at most so many or so long.
INTAKE_CHUNK = 25
INTAKE_SECONDS = 0.5
INTAKE_BYTES = 64 * 1024 * 1024  # a chunk's files are held in memory together


def add_files(
    batch: ImportBatch,
    files: Iterable[Incoming],
    *,
    progress: Callable[[ImportItem], None] | None = None,
) -> int:
    """Store and identify each file (one bad file never stops the others); return how many.

    Files are taken ``INTAKE_CHUNK`` at a time (or what came in ``INTAKE_SECONDS``,
    or ``INTAKE_BYTES``); a chunk's bytes are written side by side and its items
    commit together: a kill loses at most the last chunk's rows, and the rerun
    stores those files again."""
    n = 0
    seen: set[str] = set()
    present = set(batch.items.values_list("name", flat=True))  # a rerun's files already in
    pending = iter(files)
    more = True
    while more:
        failure: Exception | None = None
        chunk: list[Incoming] = []
        began, held = time.monotonic(), 0
        while (
            len(chunk) < INTAKE_CHUNK
            and held < INTAKE_BYTES
            and time.monotonic() - began < INTAKE_SECONDS
        ):
            try:
                incoming = next(pending, None)
            except Exception as exc:  # the bundle as a whole: what is in stays in
                failure = exc
                incoming = None
            if incoming is None:
                more = False
                break
            incoming.name = _unique(incoming.name, seen)
            chunk.append(incoming)
            held += len(incoming.data or b"")
        if chunk:
            with transaction.atomic():
                items = pipeline.intake_many(batch, chunk, known=present)
            n += len(items)
            if progress:
                for item in items:
                    progress(item)
        if failure is not None:
            raise failure
    return n


def _unique(name: str, seen: set[str]) -> str:
    # Two files of the same name (two folders flattened by a browser): keep both.
    candidate, i = name, 1
    while candidate in seen:
        i += 1
        p = PurePosixPath(name)
        candidate = str(p.with_name(f"{p.stem} ({i}){p.suffix}"))
    seen.add(candidate)
    return candidate


def seal(batch: ImportBatch, notes: list[str] | None = None) -> None:
    """Every file is in: the batch may end when its items have."""
    ImportBatch.objects.filter(pk=batch.pk).update(sealed=True, notes=notes or batch.notes)
    batch.sealed = True
    pipeline.finish_batch_if_done(batch.pk)


def enqueue(batch: ImportBatch) -> int:
    """Hand every unfinished, unclaimed item of ``batch`` to the background workers."""
    return _enqueue(pipeline.reclaimable(batch))


def resume_all() -> int:
    """After a restart: re-enqueue every unfinished item no live process holds."""
    n = _enqueue(pipeline.reclaimable())
    for batch_id in ImportBatch.objects.filter(sealed=True, finished_at__isnull=True).values_list(
        "pk", flat=True
    ):
        pipeline.finish_batch_if_done(batch_id)
    return n


def _enqueue(ids: list[int]) -> int:
    # An item whose task is still waiting in the queue needs no second one.
    waiting = set()
    for args in DBTaskResult.objects.filter(
        status="READY", task_path__in=[process_item.module_path, ocr_item.module_path]
    ).values_list("args_kwargs", flat=True):
        if args and args.get("args"):
            waiting.add(args["args"][0])
    todo = [pk for pk in ids if pk not in waiting]
    at_ocr = set(ImportItem.objects.filter(pk__in=todo, step=Step.OCR).values_list("pk", flat=True))
    for pk in todo:
        (ocr_item if pk in at_ocr else process_item).enqueue(pk)
    return len(todo)


def submit(
    actor,
    org: Organization,
    files: Iterable[Incoming],
    *,
    source: str = Source.UPLOAD,
    label: str = "",
    direction: str = Direction.INTERNAL,
) -> ImportBatch:
    """Upload and API: open a batch, take the files in, queue the rest of the work."""
    batch = start_batch(actor, org, source=source, label=label, direction=direction)
    notes: list[str] = []
    try:
        add_files(batch, files)
    except RuleViolation as exc:  # the bundle as a whole (not a ZIP, a bomb)
        notes.extend(exc.messages)
    seal(batch, notes)
    enqueue(batch)
    return batch


def confirm_item(actor, item: ImportItem, metadata: dict, *, reason: str = "") -> Document:
    """The user confirms or corrects a reviewed item in one pass; the document is
    created (or corrected) with those fields and the item is done. The secrecy the
    person sets is confirmed; setting it below the level the parser saw or suspects
    (or the document's) is a lowering: clearance, the head's role and a ``reason``."""
    if item.state != ItemState.REVIEW:
        raise RuleViolation(
            f"Tệp “{item.name}” đang ở trạng thái “{item.get_state_display()}”, không cần xác nhận."
        )
    if not can_view(actor, item, "importitem"):
        raise Denied()
    batch = item.batch
    with transaction.atomic():
        # Only the item's row is locked (its document may be null: no outer-join lock).
        item = (
            ImportItem.objects.select_for_update(of=("self",))
            .select_related("batch", "document")
            .get(pk=item.pk)
        )
        before = item.level
        after = int(metadata.get("secrecy") or 0)
        RuleViolation.check(lowering_failures(actor, batch.org, before, after, reason))
        if item.document is not None:
            doc = update_document_metadata(actor, item.document, metadata, reason=reason)
            item.document = doc
        else:
            registering.register_document(actor, item, metadata)
            assert item.document is not None  # registered, or refused above
            doc = item.document
        item.state, item.step, item.reason = ItemState.DONE, Step.END, ""
        item.secrecy, item.secrecy_confirmed = doc.secrecy, True
        item.save()
        if doc.secrecy < before:
            record(
                actor,
                "capture.item.secrecy_lowered",
                item,
                org_id=batch.org_id,
                before={"secrecy": before},
                after={"secrecy": doc.secrecy, "reason": clean_reason(reason)},
            )
        record(
            actor,
            "capture.item.confirm",
            item,
            org_id=batch.org_id,
            after={"document": doc.pk, "secrecy": doc.secrecy},
        )
    pipeline.refresh_search()
    return doc


def item_metadata(item: ImportItem) -> dict:
    """What the review form starts from: the document's fields, else what was parsed."""
    d = item.document
    if d is not None:
        return {
            "doc_type": d.doc_type_id,
            "symbol": d.symbol_display,
            "issued_date": d.issued_date.strftime("%d/%m/%Y") if d.issued_date else "",
            "organ_name": d.organ_name,
            "subject": d.subject,
            "signer_full_name": d.signer_full_name,
            "signer_position": d.signer_position,
            "page_amount": d.page_amount,
            "secrecy": d.secrecy,
            "urgency": d.urgency,
            "description": d.description,
        }
    return registering.parsed_metadata(item)


def queue_document_text(document: Document) -> None:
    """After a document is entered by hand: extract its text in the background."""
    transaction.on_commit(lambda: document_text.enqueue(document.pk))
