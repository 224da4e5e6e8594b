"""Orphans and leftovers of killed writers (issue 8 item 21).

A kill between storing bytes and committing the row naming them leaves a file
no row names (OCR run again makes other bytes, so no rerun reclaims it); a kill
while storing leaves a file in ``blobs/tmp``; a row can outlive everything that
named it. ``luutru fixity`` reports them; ``luutru fixity --clean`` removes the
ones older than a grace age (a writer mid-commit is never robbed), audited, and
never anything referenced.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from luutru.audit.models import Event
from luutru.capture.models import DocumentText
from luutru.registry.models import Document
from luutru.storage.models import Blob
from luutru.storage.services import blob_references, put_blob, store

pytestmark = pytest.mark.django_db
OLD = time.time() - 3 * 3600


def fixity(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("fixity", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def _age(path) -> None:
    os.utime(path, (OLD, OLD))


@pytest.fixture
def mess(world):
    s = store()
    # Named by a document and by an OCR text: kept, however old.
    kept = put_blob(io.BytesIO(b"%PDF-1.4 van ban"), "application/pdf")
    ocr = put_blob(io.BytesIO(b"%PDF-1.4 ban ocr"), "application/pdf")
    doc = Document.objects.create(
        org=world.office, subject="Nghị quyết", code_number="1", code_notation="NQ/TU", blob=kept
    )
    DocumentText.objects.create(document=doc, text="chữ", method="ocr", ocr_blob=ocr)
    # Killed between moving OCR output in and saving its row: a file, no row.
    lost_sha, _ = s.put(io.BytesIO(b"%PDF-1.4 ocr bo do"))
    # A row nothing names any more.
    unnamed = put_blob(io.BytesIO(b"%PDF-1.4 khong ai dung"), "application/pdf")
    # Killed while storing: a half-written temporary file.
    (s.root / "tmp").mkdir(parents=True, exist_ok=True)
    leftover = s.root / "tmp" / "tmpab12cd"
    leftover.write_bytes(b"%PDF-1.4 nua chu")
    # A writer mid-commit right now: bytes in, row not yet committed.
    fresh_sha, _ = s.put(io.BytesIO(b"%PDF-1.4 dang ghi"))
    for sha in (kept.sha256, ocr.sha256, lost_sha, unnamed.sha256):
        _age(s.path(sha))
    _age(leftover)
    Blob.objects.filter(pk__in=[kept.pk, ocr.pk, unnamed.pk]).update(
        created_at=timezone.now() - dt.timedelta(hours=3)
    )
    return {
        "kept": [kept.sha256, ocr.sha256],
        "lost": lost_sha,
        "unnamed": unnamed.sha256,
        "leftover": leftover,
        "fresh": fresh_sha,
    }


def test_every_foreign_key_to_blob_is_found_from_the_models():
    found = {(m._meta.label, f.name) for m, f in blob_references()}
    assert {
        ("registry.Document", "blob"),
        ("capture.DocumentText", "ocr_blob"),
        ("capture.ImportItem", "blob"),
        ("capture.ImportItem", "ocr_blob"),
    } <= found


def test_fixity_reports_orphans_and_leftovers(mess):
    code, out, err = fixity()
    assert code == 0, err  # no record lost a byte: housekeeping only
    assert "1 tệp không có bản ghi" in out
    assert "1 bản ghi không còn được dùng" in out
    assert "1 tệp tạm bỏ dở" in out
    assert mess["lost"] in out and mess["unnamed"] in out
    assert mess["fresh"] not in out  # younger than the grace age
    assert "luutru fixity --clean" in out


def test_clean_removes_them_keeps_everything_referenced_and_audits(mess):
    s = store()
    code, out, err = fixity("--clean")
    assert code == 0, err
    # The unused row's bytes go with it.
    assert "Đã dọn: 2 tệp không có bản ghi, 1 bản ghi không còn được dùng, 1 tệp tạm" in out
    assert not s.path(mess["lost"]).exists()
    assert not s.path(mess["unnamed"]).exists()
    assert not Blob.objects.filter(pk=mess["unnamed"]).exists()
    assert not mess["leftover"].exists()
    for sha in mess["kept"]:
        assert s.path(sha).exists() and Blob.objects.filter(pk=sha).exists()
    assert s.path(mess["fresh"]).exists()  # a writer mid-commit is not robbed
    event = Event.objects.get(action="storage.clean")
    assert mess["lost"] in event.after["files"] and mess["unnamed"] in event.after["rows"]
    assert event.after["leftovers"] == 1

    code, out, _ = fixity()
    assert "0 tệp không có bản ghi, 0 bản ghi không còn được dùng, 0 tệp tạm" in out
    assert "Mọi tệp đều nguyên vẹn." in out


def test_grace_zero_takes_the_fresh_ones_too(mess):
    fixity("--clean", "--grace", "0")
    assert not store().path(mess["fresh"]).exists()
    for sha in mess["kept"]:
        assert store().path(sha).exists()


def test_storing_bytes_already_on_disk_renews_their_age(mess):
    s = store()
    sha, _ = s.put(io.BytesIO(b"%PDF-1.4 ocr bo do"))  # the same bytes stored again
    assert sha == mess["lost"]
    assert s.path(sha).stat().st_mtime > OLD + 3600
    fixity("--clean")
    assert s.path(sha).exists()  # its writer is about to commit the row
