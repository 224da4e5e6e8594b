"""Content-addressed blob store: bytes are written and fsynced before the row
that names them commits, so a crash leaves the old state or the new one."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone

from luutru.audit.services import Actor, record
from luutru.storage.models import Blob

CHUNK = 1024 * 1024


class LocalBlobStore:
    """``<root>/ab/cd/<sha256>``; the root comes from settings, never the database."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root or settings.BLOB_ROOT)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def open(self, sha256: str) -> BinaryIO:
        return self.path(sha256).open("rb")

    def put(self, stream: BinaryIO) -> tuple[str, int]:
        """Copy ``stream`` in, fsync it, rename it into place; return (sha256, size)."""
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        fd, tmp_name = tempfile.mkstemp(dir=tmp_dir)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            final = self.path(sha)
            if final.exists():
                try:
                    # The cleanup's grace age counts from this writer: bytes an
                    # unfinished writer left are about to be named by our row.
                    os.utime(final)
                    os.unlink(tmp_name)
                    return sha, size
                except FileNotFoundError:
                    pass  # cleaned away meanwhile: ours go in their place
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp_name, final)
            _fsync_dir(final.parent)
            return sha, size
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def store() -> LocalBlobStore:
    return LocalBlobStore()


def put_blob(stream: BinaryIO, mime: str) -> Blob:
    """Store bytes once (identical uploads share a blob) and return the row."""
    sha, size = store().put(stream)
    blob, _ = Blob.objects.get_or_create(sha256=sha, defaults={"size": size, "mime": mime})
    return blob


def put_blob_bytes(data: bytes, mime: str) -> Blob:
    """``put_blob`` for bytes in memory: bytes already stored are not written and fsynced again."""
    sha = hashlib.sha256(data).hexdigest()
    blob = Blob.objects.filter(sha256=sha).first()
    if blob is not None and store().exists(sha):
        return blob
    return put_blob(io.BytesIO(data), mime)


def put_blobs_bytes(files: list[tuple[bytes, str]]) -> list[Blob]:
    """``put_blob_bytes`` for several (bytes, mime) at once, in the order given: the
    new bytes are written and fsynced side by side (the disk flushes many fsyncs
    together; one after another each waits its own turn), then their rows are made."""
    shas = [hashlib.sha256(data).hexdigest() for data, _ in files]
    s = store()
    rows = {b.sha256: b for b in Blob.objects.filter(sha256__in=set(shas))}
    new = {sha: data for sha, (data, _) in zip(shas, files, strict=True) if sha not in rows}
    missing = {sha: data for sha, (data, _) in zip(shas, files, strict=True) if not s.exists(sha)}
    writes = {**new, **missing}
    if writes:
        with ThreadPoolExecutor(max_workers=min(8, len(writes))) as pool:
            list(pool.map(lambda data: s.put(io.BytesIO(data)), writes.values()))
    made = {
        sha: Blob(sha256=sha, size=len(data), mime=mime)
        for sha, (data, mime) in zip(shas, files, strict=True)
        if sha in new
    }
    # Another process may have made the same row meanwhile: its row stands.
    Blob.objects.bulk_create(made.values(), ignore_conflicts=True)
    rows.update(made)
    return [rows[sha] for sha in shas]


def open_blob(blob: Blob) -> BinaryIO:
    return store().open(blob.sha256)


@dataclass
class FixityReport:
    checked: int = 0
    ok: int = 0
    mismatched: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.mismatched and not self.missing


def check_fixity(progress: Callable[[FixityReport], object] | None = None) -> FixityReport:
    """Re-hash every blob the database names; report changed and missing bytes."""
    s = store()
    report = FixityReport()
    for blob in Blob.objects.order_by("sha256").iterator(chunk_size=2000):
        report.checked += 1
        p = s.path(blob.sha256)
        if not p.exists():
            report.missing.append(blob.sha256)
            continue
        digest = hashlib.sha256()
        with p.open("rb") as f:
            while chunk := f.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != blob.sha256:
            report.mismatched.append(blob.sha256)
        else:
            report.ok += 1
        if progress:
            progress(report)
    return report


# ---------------------------------------------------------------- who uses a blob

# Storage is kernel: it knows no app that names blobs. An app whose rows do
# registers how to name them (its AppConfig.ready), for the fixity report.
_blob_users: list[Callable[[str], list[str]]] = []


def register_blob_users(describe: Callable[[str], list[str]]) -> None:
    """``describe(sha256)`` returns one line per row of the caller's app that uses
    that blob (what the archivist must restore when the bytes are lost)."""
    if describe not in _blob_users:
        _blob_users.append(describe)


def blob_users(sha256: str) -> list[str]:
    """Every registered app's lines naming the rows that use this blob."""
    return [line for describe in _blob_users for line in describe(sha256)]


# ---------------------------------------------------------------- orphans and leftovers

# What a cleanup leaves alone: a writer stores bytes, then commits the row naming
# them; until it commits, its file looks like an orphan.
GRACE = dt.timedelta(hours=1)
LEFTOVER_DIR = "tmp"


def blob_references() -> list[tuple[type[models.Model], models.ForeignKey[Any, Any]]]:
    """Every foreign key (or one-to-one) to ``Blob`` of every installed model,
    found through the models' meta: a new app's blobs are protected without
    this module knowing it."""
    refs = []
    for model in apps.get_models(include_auto_created=True):
        for f in model._meta.get_fields():
            # OneToOneField is a ForeignKey too.
            if isinstance(f, models.ForeignKey) and f.related_model is Blob:
                refs.append((model, f))
    return refs


def _referenced_q() -> Q:
    """Blob rows some row names (evaluated by the database, at the moment asked)."""
    q = Q(pk__in=[])
    for model, f in blob_references():
        q |= Q(
            pk__in=model._base_manager.filter(**{f"{f.attname}__isnull": False}).values(f.attname)
        )
    return q


@dataclass
class OrphanReport:
    files: list[str] = field(default_factory=list)  # bytes no Blob row names
    rows: list[str] = field(default_factory=list)  # Blob rows nothing refers to
    leftovers: list[str] = field(default_factory=list)  # temporary files of killed writers

    @property
    def empty(self) -> bool:
        return not (self.files or self.rows or self.leftovers)


def _older(path: Path, cutoff: float) -> bool:
    try:
        return path.stat().st_mtime < cutoff
    except FileNotFoundError:
        return False


def _stored_files(s: LocalBlobStore) -> Iterator[Path]:
    if not s.root.is_dir():
        return
    for p in s.root.glob("??/??/*"):
        if p.is_file() and len(p.name) == 64:
            yield p


def find_orphans(grace: dt.timedelta = GRACE) -> OrphanReport:
    """Files no row names, rows nothing names, temporary leftovers: each older
    than ``grace`` (younger ones may belong to a writer about to commit)."""
    s = store()
    cutoff = time.time() - grace.total_seconds()
    row_cutoff = timezone.now() - grace
    report = OrphanReport()
    known = set(Blob.objects.values_list("sha256", flat=True))
    report.files = sorted(
        p.name for p in _stored_files(s) if p.name not in known and _older(p, cutoff)
    )
    report.rows = sorted(
        Blob.objects.filter(created_at__lt=row_cutoff)
        .exclude(_referenced_q())
        .values_list("sha256", flat=True)
    )
    tmp = s.root / LEFTOVER_DIR
    if tmp.is_dir():
        report.leftovers = sorted(p.name for p in tmp.iterdir() if _older(p, cutoff))
    return report


def clean_orphans(actor: Actor, grace: dt.timedelta = GRACE) -> OrphanReport:
    """Remove what ``find_orphans`` reports, each checked again at the moment it
    goes; nothing a row names is removed (rows go through Django's PROTECT, files
    only while no row names them). Writes one audit event; returns what went."""
    s = store()
    cutoff = time.time() - grace.total_seconds()
    found = find_orphans(grace)
    done = OrphanReport()
    for sha in found.rows:
        try:
            with transaction.atomic():
                gone, _ = (
                    Blob.objects.filter(pk=sha, created_at__lt=timezone.now() - grace)
                    .exclude(_referenced_q())
                    .delete()
                )
        except ProtectedError:  # named meanwhile
            continue
        if gone:
            done.rows.append(sha)
    # Bytes of the rows just removed are orphans now too.
    known = set(Blob.objects.values_list("sha256", flat=True))
    candidates = [*found.files, *(sha for sha in done.rows if sha not in found.files)]
    aside_dir = s.root / LEFTOVER_DIR
    aside_dir.mkdir(parents=True, exist_ok=True)
    for sha in candidates:
        path = s.path(sha)
        if sha in known or not _older(path, cutoff):
            continue
        # Moved aside first, then checked again: a writer that stored the same
        # bytes meanwhile renewed their age or committed their row.
        aside = aside_dir / f".clean-{sha}"
        try:
            os.replace(path, aside)
        except FileNotFoundError:
            continue
        if aside.stat().st_mtime >= cutoff or Blob.objects.filter(pk=sha).exists():
            if not path.exists():
                os.replace(aside, path)
            else:
                aside.unlink()
            continue
        aside.unlink()
        done.files.append(sha)
    for name in found.leftovers:
        p = aside_dir / name
        if _older(p, cutoff):
            p.unlink(missing_ok=True)
            done.leftovers.append(name)
    if not done.empty:
        record(
            actor,
            "storage.clean",
            object_type="storage",
            object_id="blobs",
            after={
                "files": done.files[:1000],
                "rows": done.rows[:1000],
                "leftovers": len(done.leftovers),
                "grace_seconds": int(grace.total_seconds()),
            },
        )
    return done


# ---------------------------------------------------------------- removal (disposal)


@dataclass
class RemovalReport:
    removed: list[str] = field(default_factory=list)  # rows and bytes gone
    kept: list[str] = field(default_factory=list)  # still named by a row: left in place


def remove_blobs(
    actor: Actor, shas: list[str], *, reason: str, org_id: int | None = None
) -> RemovalReport:
    """Remove blobs no row names any more (lawful destruction, issue 14), inside the
    caller's transaction: each row goes now, its bytes once the transaction
    commits (a rollback keeps both). A blob still named by any row stays. One
    audit event names what went and what stayed. A crash between the commit and
    the unlink leaves bytes no row names: ``luutru fixity --clean`` removes them."""
    report = RemovalReport()
    for sha in dict.fromkeys(shas):
        try:
            with transaction.atomic():
                gone, _ = Blob.objects.filter(pk=sha).exclude(_referenced_q()).delete()
        except ProtectedError:  # named meanwhile
            gone = 0
        if gone:
            report.removed.append(sha)
        else:
            report.kept.append(sha)
    paths = [store().path(sha) for sha in report.removed]

    def unlink() -> None:
        for path in paths:
            path.unlink(missing_ok=True)

    if paths:
        transaction.on_commit(unlink)
    record(
        actor,
        "storage.remove",
        object_type="storage",
        object_id="blobs",
        org_id=org_id,
        after={"reason": reason, "removed": report.removed, "kept": report.kept},
    )
    return report
