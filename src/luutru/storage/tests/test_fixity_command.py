"""``luutru fixity`` re-hashes every blob and names changed and missing ones
with the documents that use them."""

from __future__ import annotations

import io
from io import StringIO

import pytest
from django.core.management import call_command

from luutru.registry.models import Document
from luutru.storage.services import put_blob, store


def run_fixity() -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("fixity", stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def blobs(world):
    a = put_blob(io.BytesIO(b"%PDF-1.4 mot"), "application/pdf")
    b = put_blob(io.BytesIO(b"%PDF-1.4 hai"), "application/pdf")
    c = put_blob(io.BytesIO(b"%PDF-1.4 ba"), "application/pdf")
    doc = Document.objects.create(
        org=world.office,
        subject="Nghị quyết về công tác lưu trữ",
        code_number="12",
        code_notation="NQ/TU",
        blob=b,
    )
    return a, b, c, doc


def test_fixity_passes_when_every_blob_is_intact(blobs):
    code, out, err = run_fixity()
    assert code == 0, err
    assert "Đã kiểm tra 3 tệp: 3 nguyên vẹn, 0 bị thay đổi, 0 bị mất." in out
    assert "Mọi tệp đều nguyên vẹn." in out


def test_a_changed_byte_is_reported_with_the_document_using_it(blobs):
    _, b, _, doc = blobs
    path = store().path(b.sha256)
    data = bytearray(path.read_bytes())
    data[3] ^= 0x01
    path.write_bytes(bytes(data))

    code, out, err = run_fixity()
    assert code == 1
    assert "2 nguyên vẹn, 1 bị thay đổi, 0 bị mất" in out
    assert "Tệp bị thay đổi nội dung" in err
    assert b.sha256 in err
    assert f"văn bản #{doc.pk} 12-NQ/TU “Nghị quyết về công tác lưu trữ”" in err
    assert "Văn phòng Tỉnh ủy" in err


def test_a_deleted_blob_is_reported_missing(blobs):
    a, _, _, _ = blobs
    store().path(a.sha256).unlink()

    code, out, err = run_fixity()
    assert code == 1
    assert "2 nguyên vẹn, 0 bị thay đổi, 1 bị mất" in out
    assert "Tệp bị mất" in err
    assert a.sha256 in err
    assert "(không văn bản nào dùng tệp này)" in err
    assert "Tệp bị thay đổi nội dung" not in err
