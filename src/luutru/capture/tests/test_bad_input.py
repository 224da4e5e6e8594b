"""Bad input: each file gets its own clear Vietnamese outcome; the rest of the batch goes on."""

from __future__ import annotations

import time

import pytest

from luutru.capture import bundle, services
from luutru.capture.models import ImportItem, ItemState, Step
from luutru.capture.tests.conftest import capture
from luutru.capture.tests.files import make_bundle, make_party_letter
from luutru.core.errors import RuleViolation
from luutru.registry.models import Document
from luutru.registry.tests.files import make_pdf, make_png, truncated
from luutru.storage.models import Blob


def _zip_batch(world, data: bytes, name: str = "bo-ho-so.zip"):
    import io

    class Upload(io.BytesIO):
        size = len(data)

    f = Upload(data)
    f.name = name
    batch = services.start_batch(None, world.province)
    services.add_files(batch, bundle.from_uploads([f]))
    services.seal(batch)
    from luutru.capture.runner import run_batch

    run_batch(batch)
    batch.refresh_from_db()
    return batch


def test_each_bad_file_has_its_own_outcome_and_the_good_one_goes_through(world, items):
    good = make_party_letter()
    batch = capture(
        world.province,
        {
            "tot.pdf": good,
            "ma-hoa.pdf": make_pdf(["Văn bản mật khẩu"], encrypt="matkhau"),
            "hong.pdf": b"%PDF-1.7\n" + b"\x00rac" * 200,
            "cut-ngang.pdf": truncated(make_party_letter(number="13-NQ/TU")),
            "rong.pdf": b"",
            "anh-doi-ten.pdf": make_png(),
            "ghi-chu.txt": "không phải văn bản".encode(),
        },
    )
    got = items(batch)
    assert got["tot.pdf"].state == ItemState.DONE, got["tot.pdf"].reason
    expected = {
        "ma-hoa.pdf": "mã hóa",
        "hong.pdf": "bị hỏng",
        "cut-ngang.pdf": "bị hỏng",
        "rong.pdf": "rỗng (0 byte)",
        "anh-doi-ten.pdf": "nội dung là ảnh PNG",
        "ghi-chu.txt": "chỉ nhận PDF",
    }
    for name, words in expected.items():
        item = got[name]
        assert item.state == ItemState.FAILED, name
        assert words in item.reason, (name, item.reason)
        assert item.blob_id is None, name  # refused files are not kept
        assert item.document_id is None
    assert got["rong.pdf"].step == Step.STORE
    assert got["hong.pdf"].step == Step.IDENTIFY
    assert Document.objects.count() == 1
    assert Blob.objects.count() == 1
    assert batch.finished_at is not None


def test_enormous_file_is_refused_without_reading_it_all(world, items, settings, tmp_path):
    settings.LUUTRU_MAX_UPLOAD_BYTES = 100_000
    big = tmp_path / "to.pdf"
    big.write_bytes(make_pdf(["lớn"]) + b"\n%" + b"x" * 300_000)
    incoming = bundle.from_path(big, "to.pdf")
    assert incoming.data is None
    assert "vượt giới hạn" in incoming.failure
    batch = services.start_batch(None, world.province)
    services.add_files(batch, [incoming, *bundle.from_folder(tmp_path / "khong-co")])
    item = batch.items.get()
    assert item.state == ItemState.FAILED and item.blob_id is None
    assert "293 KB" in item.reason or "KB" in item.reason


def test_zip_bomb_entry_is_refused_and_the_rest_of_the_bundle_goes_on(world, items):
    data = make_bundle(
        {
            "bom/khong.pdf": b"\0" * (20 * 1024 * 1024),
            "that/nq12.pdf": make_party_letter(),
        }
    )
    assert len(data) < 200_000
    batch = _zip_batch(world, data)
    got = items(batch)
    bomb = got["bo-ho-so.zip/bom/khong.pdf"]
    assert bomb.state == ItemState.FAILED
    assert "bom nén" in bomb.reason
    assert got["bo-ho-so.zip/that/nq12.pdf"].state == ItemState.DONE


def test_zip_paths_climbing_out_are_refused(world, items):
    data = make_bundle(
        {
            "../../etc/thu.pdf": make_party_letter(),
            "/tuyet-doi/thu.pdf": make_party_letter(number="2-NQ/TU"),
            "C:/Windows/thu.pdf": make_party_letter(number="3-NQ/TU"),
            "hop-le/thu.pdf": make_party_letter(number="4-NQ/TU"),
        }
    )
    batch = _zip_batch(world, data)
    states = {i.name: (i.state, i.reason) for i in batch.items.all()}
    for raw in ("../../etc/thu.pdf", "/tuyet-doi/thu.pdf", "C:/Windows/thu.pdf"):
        state, reason = states[f"bo-ho-so.zip/{raw}"]
        assert state == ItemState.FAILED
        assert "không an toàn" in reason
    assert states["bo-ho-so.zip/hop-le/thu.pdf"][0] == ItemState.DONE
    assert Document.objects.count() == 1


def test_a_file_that_is_not_a_zip_is_refused_as_a_whole(world):
    with pytest.raises(RuleViolation) as exc:
        list(bundle.from_zip(__import__("io").BytesIO(b"PK\x03\x04 not really")))
    assert "không mở được" in exc.value.messages[0]
    batch = _zip_batch(world, b"PK\x03\x04 hong hoan toan", name="hong.zip")
    item = batch.items.get()
    assert item.state == ItemState.FAILED and "không mở được" in item.reason


def test_pdf_of_2000_pages_does_not_hang_and_says_what_was_read(world, items):
    pdf = make_pdf(["Báo cáo tổng hợp số liệu lưu trữ"], pages=2000)
    start = time.monotonic()
    batch = capture(world.province, {"2000-trang.pdf": pdf})
    elapsed = time.monotonic() - start
    item = items(batch)["2000-trang.pdf"]
    assert elapsed < 30
    assert item.finished
    assert item.pages == 2000
    assert any("2.000 trang" in n and "200 trang đầu" in n for n in item.notes), item.notes


def test_document_with_no_header_at_all_needs_review(world, items):
    batch = capture(world.province, {"trang-trang.pdf": make_pdf(["Danh sách cán bộ dự họp"])})
    item = items(batch)["trang-trang.pdf"]
    assert item.state == ItemState.REVIEW
    assert "màn hình xem lại" in item.reason
    assert not ImportItem.objects.exclude(state__in=["review"]).exists()
