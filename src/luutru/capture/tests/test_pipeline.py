"""The pipeline end to end on real files: born-digital PDF, DOCX, duplicates, no header."""

from __future__ import annotations

from luutru.audit.models import Event
from luutru.capture.models import ImportItem, ItemState, Step, TextMethod
from luutru.capture.tests.conftest import capture
from luutru.capture.tests.files import make_party_letter
from luutru.registry.models import Document
from luutru.registry.tests.files import make_docx, make_pdf
from luutru.storage.models import Blob


def test_born_digital_party_pdf_becomes_a_described_document(world, items):
    batch = capture(world.province, {"nq12.pdf": make_party_letter()})
    item = items(batch)["nq12.pdf"]
    assert item.state == ItemState.DONE, item.reason
    assert item.step == Step.END
    doc = item.document
    assert doc.symbol_display == "12-NQ/TU"
    assert doc.issued_date.isoformat() == "2025-02-04"
    assert "văn thư, lưu trữ" in doc.subject
    assert doc.text.method == TextMethod.PDF_TEXT
    assert "Chỉ thị số 35-CT/TW" in doc.text.text
    assert batch.finished_at is not None
    assert Event.objects.filter(action="document.create", object_id=str(doc.pk)).exists()


def test_docx_text_is_extracted_and_kept(world, items):
    data = make_docx(
        [
            "TỈNH ỦY THỬ NGHIỆM",
            "Số 7-CV/TU",
            "Hạ Long, ngày 10 tháng 03 năm 2025",
            "CÔNG VĂN",
            "về việc chỉnh lý tài liệu tồn đọng",
            "Kính gửi: các cơ quan tham mưu, giúp việc Tỉnh ủy",
        ]
    )
    batch = capture(world.province, {"cv7.docx": data})
    item = items(batch)["cv7.docx"]
    assert item.state in (ItemState.DONE, ItemState.REVIEW), item.reason
    assert item.text_method == TextMethod.DOCX
    text = item.document.text.text if item.document_id else item.text
    assert "chỉnh lý tài liệu tồn đọng" in text


def test_same_bytes_twice_makes_one_document(world, items):
    pdf = make_party_letter()
    first = capture(world.province, {"a.pdf": pdf})
    second = capture(world.province, {"ban-sao/a.pdf": pdf})
    a, b = items(first)["a.pdf"], items(second)["ban-sao/a.pdf"]
    assert a.state == ItemState.DONE
    assert b.state == ItemState.DUPLICATE
    assert b.document_id == a.document_id
    assert "giống hệt" in b.reason
    assert Document.objects.count() == 1
    assert Blob.objects.count() == 1


def test_same_number_and_issuer_goes_to_review(world, items):
    capture(world.province, {"a.pdf": make_party_letter()})
    other = make_party_letter(subject="về công tác lưu trữ tài liệu điện tử")
    batch = capture(world.province, {"b.pdf": other})
    item = items(batch)["b.pdf"]
    assert item.state == ItemState.REVIEW
    assert "cùng số, ký hiệu 12-NQ/TU" in item.reason
    assert item.document_id is not None


def test_document_without_header_waits_for_review_without_a_document(world, items):
    pdf = make_pdf(["Biên bản ghi nhớ buổi làm việc", "Nội dung trao đổi về kho lưu trữ"])
    batch = capture(world.province, {"ghi-nho.pdf": pdf})
    item = items(batch)["ghi-nho.pdf"]
    assert item.state == ItemState.REVIEW
    assert item.document_id is None
    assert "Không đọc được phần đầu văn bản" in item.reason or "chưa đủ" in item.reason
    assert "kho lưu trữ" in item.text
    assert Document.objects.count() == 0
    assert batch.finished_at is not None


def test_a_batch_ends_only_when_every_item_has(world):
    from luutru.capture import services

    batch = services.start_batch(None, world.province, label="x")
    services.add_files(batch, [])
    assert batch.finished_at is None
    services.seal(batch)
    batch.refresh_from_db()
    assert batch.finished_at is not None


def test_closed_fonds_refuses_the_batch_and_changes_nothing(world):
    import pytest

    from luutru.capture import services
    from luutru.core.errors import RuleViolation

    fonds = world.province.fonds
    import datetime as dt

    fonds.status = "closed"
    fonds.closed_on = dt.date(2020, 1, 1)
    fonds.save()
    with pytest.raises(RuleViolation):
        services.start_batch(None, world.province)
    assert not ImportItem.objects.exists()


def test_an_item_held_by_a_dead_process_is_taken_back(world):
    import socket

    from luutru.capture import pipeline, services
    from luutru.capture.bundle import Incoming

    batch = services.start_batch(None, world.province)
    services.add_files(batch, [Incoming("a.pdf", 1, data=make_party_letter())])
    item = batch.items.get()
    ImportItem.objects.filter(pk=item.pk).update(
        state=ItemState.RUNNING,
        owner=f"{socket.gethostname()}:4194303",  # above pid_max: never alive
        lease_until=__import__("django.utils.timezone").utils.timezone.now() + pipeline.LEASE,
    )
    assert pipeline.reclaimable(batch) == [item.pk]
    ImportItem.objects.filter(pk=item.pk).update(owner=pipeline.owner_id().replace(":", ":1", 0))
    assert pipeline.process_item(item.pk) == ItemState.DONE


def test_an_item_held_by_a_live_process_is_left_alone(world):
    from luutru.capture import pipeline, services
    from luutru.capture.bundle import Incoming

    batch = services.start_batch(None, world.province)
    services.add_files(batch, [Incoming("a.pdf", 1, data=make_party_letter())])
    item = batch.items.get()
    assert pipeline.claim(item.pk, owner="may-khac:1") is not None
    assert pipeline.reclaimable(batch) == []
    assert pipeline.claim(item.pk) is None  # another machine's lease still holds
