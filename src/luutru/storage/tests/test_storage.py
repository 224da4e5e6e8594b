"""Blob store: identical bytes stored once, no torn files, fixity finds damage."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from django.conf import settings

from luutru.storage.models import Blob
from luutru.storage.services import check_fixity, open_blob, put_blob, store


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.django_db
def test_the_same_bytes_twice_make_one_file_and_one_row():
    data = b"%PDF-1.4 noi dung thu nghiem"
    first = put_blob(io.BytesIO(data), "application/pdf")
    second = put_blob(io.BytesIO(data), "application/pdf")
    assert first.pk == second.pk == hashlib.sha256(data).hexdigest()
    assert Blob.objects.count() == 1
    root = Path(settings.BLOB_ROOT)
    stored = [p for p in files_under(root) if p.relative_to(root).parts[0] != "tmp"]
    assert stored == [root / first.sha256[:2] / first.sha256[2:4] / first.sha256]
    assert files_under(root / "tmp") == []
    with open_blob(first) as f:
        assert f.read() == data
    assert first.size == len(data)


class BrokenStream(io.RawIOBase):
    """Gives some bytes, then fails as a dropped upload would."""

    def __init__(self):
        self.calls = 0

    def read(self, size=-1):
        self.calls += 1
        if self.calls == 1:
            return b"mot phan tep"
        raise OSError("kết nối bị ngắt")


@pytest.mark.django_db
def test_a_failed_write_leaves_no_temporary_file_and_no_row():
    with pytest.raises(OSError):
        put_blob(BrokenStream(), "application/pdf")
    root = Path(settings.BLOB_ROOT)
    assert files_under(root) == []
    assert not Blob.objects.exists()


@pytest.mark.django_db
def test_fixity_reports_a_changed_and_a_missing_blob():
    good = put_blob(io.BytesIO(b"tep tot"), "application/pdf")
    changed = put_blob(io.BytesIO(b"tep se bi sua"), "application/pdf")
    missing = put_blob(io.BytesIO(b"tep se bi xoa"), "application/pdf")
    assert check_fixity().healthy

    path = store().path(changed.sha256)
    path.write_bytes(b"tep da bi sua")
    store().path(missing.sha256).unlink()

    report = check_fixity()
    assert not report.healthy
    assert report.checked == 3 and report.ok == 1
    assert report.mismatched == [changed.sha256]
    assert report.missing == [missing.sha256]
    assert good.sha256 not in report.mismatched + report.missing
