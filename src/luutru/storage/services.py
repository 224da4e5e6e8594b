"""Content-addressed blob store: bytes are written and fsynced before the row
that names them commits, so a crash leaves the old state or the new one."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

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
                os.unlink(tmp_name)
            else:
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


def check_fixity(progress=None) -> FixityReport:
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
