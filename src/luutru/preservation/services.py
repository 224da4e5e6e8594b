"""Preservation of accepted electronic records (issue 14, item 5): each blob's
format identified by PRONOM signature, each document in an archived dossier
given a PDF/A copy or a recorded decision to keep its original, and every blob
re-hashed on a schedule. All of it runs in the worker, in small chunks; pages
only read what these functions wrote.

Events are recorded in PREMIS terms (``PreservationEvent``: eventType,
eventDateTime, eventOutcome, linking agent = tool and version); each change is
audited as well. A fixity failure sends ``signals.fixity_failed`` (the
notices app tells the archivists)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from luutru.audit.services import Actor, record
from luutru.capture import office
from luutru.capture.models import DocumentText
from luutru.filing.models import DossierStatus
from luutru.preservation import formats, pdfa
from luutru.preservation.models import (
    FixityRun,
    FormatIdentification,
    PreservationCopy,
    PreservationEvent,
)
from luutru.preservation.signals import fixity_failed
from luutru.registry.content import sniff
from luutru.registry.models import Document
from luutru.storage.models import Blob
from luutru.storage.services import put_blob_bytes, remove_blobs, store

SYSTEM = "hệ thống (bảo quản)"
# Per task run: documents given a preservation decision; blobs (or bytes) re-hashed.
PRESERVE_CHUNK = 20
FIXITY_CHUNK_BLOBS = 2000
FIXITY_CHUNK_BYTES = 4 * 1024**3
READ = 4 * 1024 * 1024
IMAGE_KINDS = ("jpeg", "png")
PROBLEMS = {
    "missing": "Tệp bị mất.",
    "changed": "Mã SHA-256 không khớp: nội dung đã bị thay đổi.",
    "unreadable": "Không đọc được tệp.",
}


def fixity_every() -> dt.timedelta:
    """How long between the starts of two fixity passes (LUUTRU_FIXITY_EVERY_HOURS, default 24)."""
    raw = os.environ.get("LUUTRU_FIXITY_EVERY_HOURS", "")
    try:
        hours = float(raw) if raw else 24.0
    except ValueError:
        hours = 24.0
    return dt.timedelta(hours=max(hours, 0.01))


def _event(
    kind: str, sha: str, outcome: str, agent: str, detail: str = "", result: str = ""
) -> PreservationEvent:
    return PreservationEvent.objects.create(
        event_type=kind,
        at=timezone.now(),
        sha256=sha,
        outcome=outcome,
        agent=agent[:200],
        detail=detail[:1000],
        result_sha256=result,
    )


# ---------------------------------------------------------------- identification


def identify_blob(sha: str) -> FormatIdentification:
    """Identify one blob's format by PRONOM signature and record it (with an event)."""
    path = store().path(sha)
    tool = formats.tool()
    if not path.is_file():
        found = formats.Identified("", "", "", "", "none")
        outcome, detail = PreservationEvent.Outcome.FAILURE, "Không tìm thấy tệp trong kho."
    else:
        found = formats.identify(path)
        outcome = (
            PreservationEvent.Outcome.SUCCESS if found.puid else PreservationEvent.Outcome.FAILURE
        )
        detail = (
            f"{found.puid} {found.name}" + (f" {found.version}" if found.version else "")
            if found.puid
            else "Không khớp chữ ký PRONOM nào."
        )
    with transaction.atomic():
        ident, _ = FormatIdentification.objects.update_or_create(
            sha256=sha,
            defaults={
                "puid": found.puid,
                "format_name": found.name,
                "format_version": found.version,
                "mime": found.mime,
                "basis": found.basis,
                "tool": tool[:200],
                "identified_at": timezone.now(),
            },
        )
        _event(PreservationEvent.Type.IDENTIFICATION, sha, outcome, tool, detail)
    return ident


# ---------------------------------------------------------------- preservation copies


def accepted_documents() -> QuerySet[Document]:
    """Documents with content filed in a dossier the archive accepted."""
    return Document.objects.filter(
        blob__isnull=False,
        dossier_items__removed_at__isnull=True,
        dossier_items__dossier__status=DossierStatus.ARCHIVED,
    ).distinct()


def pending_documents() -> QuerySet[Document]:
    """Accepted documents with no preservation decision yet."""
    return accepted_documents().filter(preservation__isnull=True)


@dataclass
class Decided:
    decision: str
    copy: Blob | None = None
    level: str = ""
    reason: str = ""
    agent: str = ""
    outcome: str = PreservationEvent.Outcome.SUCCESS


def _decide(doc: Document, ident: FormatIdentification, data: bytes) -> Decided:
    D = PreservationCopy.Decision
    text = DocumentText.objects.filter(document=doc).select_related("ocr_blob").first()
    copy_path = store().path(text.ocr_blob.sha256) if text and text.ocr_blob else None
    if text is not None and text.ocr_blob is not None and copy_path and copy_path.is_file():
        level = pdfa.pdfa_level(copy_path.read_bytes())
        if level:
            return Decided(D.REUSED, copy=text.ocr_blob, level=level, agent="luutru capture")
    kind = sniff(data)
    if kind == "pdf":
        level = pdfa.pdfa_level(data)
        if level:
            return Decided(D.ORIGINAL_PDFA, level=level, agent=pdfa.pikepdf_agent())
        try:
            made = pdfa.pdf_to_pdfa(data)
        except pdfa.NotConverted as e:
            return Decided(
                D.KEPT,
                reason=f"{e} Giữ nguyên bản gốc PDF ({ident.puid or 'không rõ mã PRONOM'}).",
                agent=pdfa.pikepdf_agent(),
                outcome=PreservationEvent.Outcome.FAILURE,
            )
        blob = put_blob_bytes(made, "application/pdf")
        return Decided(D.MADE, copy=blob, level=pdfa.PDFA.upper(), agent=pdfa.pikepdf_agent())
    if kind in office.KINDS and office.available():
        agent = f"LibreOffice ({office.soffice()}), PDF/A-2b"
        try:
            made = office.to_pdfa(data, kind)
        except office.OfficeError as e:
            return Decided(
                D.KEPT, reason=f"{e} Giữ nguyên bản gốc.", agent=agent, outcome="failure"
            )
        blob = put_blob_bytes(made, "application/pdf")
        return Decided(D.MADE, copy=blob, level=pdfa.pdfa_level(made) or "2B", agent=agent)
    if kind in IMAGE_KINDS:
        return Decided(
            D.KEPT,
            reason=(
                f"Ảnh {kind.upper()} không có chữ nhận dạng: giữ nguyên bản gốc "
                "(định dạng ảnh mở, đọc được lâu dài); bản PDF/A có khi nhập qua OCR."
            ),
            outcome=PreservationEvent.Outcome.NOT_APPLICABLE,
        )
    name = ident.format_name or "định dạng không nhận ra"
    return Decided(
        D.KEPT,
        reason=f"{name} ({ident.puid or 'không có mã PRONOM'}): không chuyển sang PDF/A, "
        "giữ nguyên bản gốc.",
        outcome=PreservationEvent.Outcome.NOT_APPLICABLE,
    )


def preserve_document(doc: Document) -> PreservationCopy | None:
    """Give one document its preservation decision (idempotent: a decided
    document is left as it is). None when its bytes are missing (fixity says so)."""
    existing = PreservationCopy.objects.filter(document=doc).first()
    if existing is not None or doc.blob_id is None:
        return existing
    sha = str(doc.blob_id)
    ident = FormatIdentification.objects.filter(sha256=sha).first() or identify_blob(sha)
    path = store().path(sha)
    if not path.is_file():
        return None
    data = path.read_bytes()
    decided = _decide(doc, ident, data)
    with transaction.atomic():
        copy, created = PreservationCopy.objects.get_or_create(
            document=doc,
            defaults={
                "source_sha256": sha,
                "decision": decided.decision,
                "copy": decided.copy,
                "pdfa": decided.level,
                "reason": decided.reason[:500],
                "agent": decided.agent[:200],
                "decided_at": timezone.now(),
            },
        )
        if not created:  # another worker decided meanwhile
            return copy
        detail = copy.get_decision_display() + (f": {decided.reason}" if decided.reason else "")
        if decided.level:
            detail += f" (PDF/A-{decided.level})"
        _event(
            PreservationEvent.Type.NORMALIZATION,
            sha,
            decided.outcome,
            decided.agent or SYSTEM,
            detail,
            result=decided.copy.sha256 if decided.copy is not None else "",
        )
        record(
            SYSTEM,
            "preservation.copy",
            doc,
            after={
                "decision": decided.decision,
                "source": sha,
                "copy": decided.copy.sha256 if decided.copy is not None else None,
                "pdfa": decided.level,
                "puid": ident.puid,
            },
        )
    return copy


def preserve_pending(limit: int | None = None, after: int = 0) -> tuple[int, bool, int]:
    """Decide up to ``limit`` (``PRESERVE_CHUNK``) pending documents numbered
    above ``after``; (done, more remain, the last one looked at). A document whose
    bytes are missing stays pending (fixity names it) and is passed over."""
    limit = limit or PRESERVE_CHUNK
    ids = list(
        pending_documents()
        .filter(pk__gt=after)
        .order_by("pk")
        .values_list("pk", flat=True)[: limit + 1]
    )
    done, last = 0, after
    for doc in Document.objects.filter(pk__in=ids[:limit]).order_by("pk"):
        if preserve_document(doc) is not None:
            done += 1
        last = doc.pk
    return done, len(ids) > limit, last


def release_copy(doc: Document, actor: Actor = SYSTEM) -> None:
    """The document's content changed or was destroyed: its preservation decision
    goes, and a copy made here goes with it (inside the caller's transaction)."""
    copies = list(
        PreservationCopy.objects.filter(document=doc).exclude(source_sha256=doc.blob_id or "")
    )
    for c in copies:
        own = c.decision == PreservationCopy.Decision.MADE and c.copy_id is not None
        sha = str(c.copy_id) if own else ""
        c.delete()
        if own:
            remove_blobs(
                actor,
                [sha],
                reason=f"Bản PDF/A bảo quản của văn bản {doc.pk}: bản gốc đã thay đổi hoặc bị hủy",
                org_id=doc.org_id,
            )


# ---------------------------------------------------------------- fixity


@dataclass
class Chunk:
    run: FixityRun
    checked: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    finished: bool = False


def _hash(path: os.PathLike[str] | str, buf: bytearray) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    view = memoryview(buf)
    with open(path, "rb", buffering=0) as f:
        while n := f.readinto(buf):
            digest.update(view[:n])
            size += n
    return digest.hexdigest(), size


def fixity_agent() -> str:
    try:
        own = version("luutru")
    except PackageNotFoundError:
        own = "?"
    return f"luutru {own} (SHA-256 của hashlib, OpenSSL)"


def current_run() -> FixityRun | None:
    return FixityRun.objects.filter(finished_at__isnull=True).order_by("pk").first()


def fixity_chunk(max_blobs: int = FIXITY_CHUNK_BLOBS, max_bytes: int = FIXITY_CHUNK_BYTES) -> Chunk:
    """Re-hash the next blobs of the current pass (a new pass if none is under
    way), at most ``max_blobs`` or about ``max_bytes``; record where it stopped."""
    run = current_run()
    if run is None:
        run = FixityRun.objects.create(started_at=timezone.now())
    chunk = Chunk(run=run)
    s = store()
    buf = bytearray(READ)
    started = time.monotonic()
    size_sum = 0
    blobs = Blob.objects.filter(sha256__gt=run.cursor).order_by("sha256")
    rows = list(blobs.values_list("sha256", "size")[:max_blobs])
    last = run.cursor
    early = False
    agent = fixity_agent()
    for sha, size in rows:
        path = s.path(sha)
        try:
            got, got_size = _hash(path, buf)
        except FileNotFoundError:
            chunk.failures.append({"sha256": sha, "problem": "missing"})
        except OSError:  # a folder in its place, no permission, a disk error
            chunk.failures.append({"sha256": sha, "problem": "unreadable"})
        else:
            if got != sha or got_size != size:
                chunk.failures.append({"sha256": sha, "problem": "changed"})
            size_sum += got_size
        chunk.checked += 1
        last = sha
        if size_sum >= max_bytes:
            early = sha != rows[-1][0]
            break
    chunk.finished = not early and len(rows) < max_blobs
    with transaction.atomic():
        run = FixityRun.objects.select_for_update().get(pk=run.pk)
        run.cursor = last
        run.chunks += 1
        run.checked += chunk.checked
        run.ok += chunk.checked - len(chunk.failures)
        run.checked_bytes += size_sum
        run.seconds += time.monotonic() - started
        run.failed += len(chunk.failures)
        run.failures = (list(run.failures) + chunk.failures)[:1000]
        for f in chunk.failures:
            _event(
                PreservationEvent.Type.FIXITY,
                f["sha256"],
                PreservationEvent.Outcome.FAILURE,
                agent,
                PROBLEMS[f["problem"]],
            )
        if chunk.finished:
            run.finished_at = timezone.now()
        run.save()
        if chunk.failures:
            record(
                SYSTEM,
                "preservation.fixity.failure",
                object_type="fixityrun",
                object_id=run.pk,
                after={"failures": chunk.failures[:100]},
            )
            fixity_failed.send(sender=FixityRun, run=run, failures=chunk.failures)
        if chunk.finished:
            record(
                SYSTEM,
                "preservation.fixity",
                object_type="fixityrun",
                object_id=run.pk,
                after={
                    "checked": run.checked,
                    "ok": run.ok,
                    "failed": run.failed,
                    "bytes": run.checked_bytes,
                },
            )
    chunk.run = run
    return chunk
