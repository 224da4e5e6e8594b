"""Uploads: every bad file is refused in Vietnamese and changes nothing."""

from __future__ import annotations

import pytest

from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.registry.models import Document
from luutru.registry.tests.conftest import blob_files, snapshot
from luutru.registry.tests.files import (
    make_docx,
    make_jpeg,
    make_party_pdf,
    make_pdf,
    make_png,
    make_zip,
    truncated,
)
from luutru.storage.models import Blob


def refused(upload, *args, **kwargs) -> list[str]:
    before = snapshot()
    with pytest.raises(RuleViolation) as exc:
        upload(*args, **kwargs)
    assert snapshot() == before, "a refused upload changed something"
    return exc.value.messages


def test_a_valid_pdf_is_stored_with_its_page_count(upload):
    doc, warnings = upload(make_pdf(["Trang"], pages=3))
    assert doc.page_amount == 3
    assert doc.code_number == "12" and doc.code_notation == "NQ/TU"
    assert doc.type_name == "Nghị quyết"
    assert doc.blob.mime == "application/pdf"
    assert doc.original_filename == "nghi-quyet.pdf"
    assert warnings == []
    assert Event.objects.filter(action="document.create", object_id=str(doc.pk)).exists()
    assert len(blob_files()) == 1


def test_pdf_page_count_overrides_a_typed_one_with_a_warning(upload):
    doc, warnings = upload(make_pdf(pages=2), page_amount=5)
    assert doc.page_amount == 2
    assert any("khác số trang của tệp PDF" in w for w in warnings)


def test_docx_jpeg_png_are_accepted(upload):
    docx_doc, _ = upload(
        make_docx(["Công văn"]), "cong-van.docx", symbol="5-CV/TU", type_abbrev="CV"
    )
    jpg_doc, _ = upload(make_jpeg(), "anh.jpg", symbol="6-CV/TU", type_abbrev="CV")
    png_doc, _ = upload(make_png(), "anh.PNG", symbol="7-CV/TU", type_abbrev="CV", page_amount=None)
    assert docx_doc.blob.mime.endswith("wordprocessingml.document")
    assert jpg_doc.blob.mime == "image/jpeg" and jpg_doc.page_amount == 1
    assert png_doc.blob.mime == "image/png"
    assert Blob.objects.count() == 3


def test_a_docx_keeps_the_typed_page_count(upload):
    doc, _ = upload(make_docx(), "cv.docx", symbol="5-CV/TU", type_abbrev="CV", page_amount=4)
    assert doc.page_amount == 4


def test_an_empty_file_is_refused(upload):
    messages = refused(upload, b"", "rong.pdf")
    assert messages == ["Tệp “rong.pdf” rỗng (0 byte). Hãy chọn lại đúng tệp văn bản."]


def test_a_file_over_the_size_limit_is_refused(upload, settings):
    settings.LUUTRU_MAX_UPLOAD_BYTES = 2000
    messages = refused(upload, make_pdf(["x" * 50], pages=5))
    assert any("vượt giới hạn" in m for m in messages)


def test_a_png_named_pdf_is_refused(upload):
    messages = refused(upload, make_png(), "nghi-quyet.pdf")
    assert any("có đuôi .pdf nhưng nội dung là ảnh PNG" in m for m in messages)


def test_a_pdf_named_docx_is_refused(upload):
    messages = refused(upload, make_pdf(), "cong-van.docx")
    assert any("có đuôi .docx nhưng nội dung là tệp PDF" in m for m in messages)


def test_a_zip_named_docx_is_refused(upload):
    messages = refused(upload, make_zip(), "cong-van.docx")
    assert any("nội dung là tệp nén ZIP" in m for m in messages)


def test_a_jpeg_named_png_is_refused(upload):
    messages = refused(upload, make_jpeg(), "anh.png")
    assert any("có đuôi .png nhưng nội dung là ảnh JPEG" in m for m in messages)


def test_text_named_pdf_is_refused(upload):
    messages = refused(upload, "Xin chào".encode(), "gia.pdf")
    assert any("nội dung là một định dạng không nhận ra được" in m for m in messages)


def test_an_unsupported_extension_is_refused(upload):
    messages = refused(upload, make_pdf(), "van-ban.wps")
    assert any("có đuôi .wps: hệ thống chỉ nhận" in m for m in messages)
    messages = refused(upload, make_pdf(), "khong-duoi")
    assert any("không có đuôi" in m for m in messages)


def test_a_truncated_pdf_is_refused(upload):
    messages = refused(upload, truncated(make_pdf(pages=3)), "cut.pdf")
    assert any("bị hỏng hoặc không đầy đủ" in m for m in messages)


def test_a_pdf_cut_just_before_its_end_marker_is_refused(upload):
    data = make_pdf(pages=2)
    messages = refused(upload, data[: data.rindex(b"%%EOF")], "cut.pdf")
    assert any("bị hỏng hoặc không đầy đủ" in m for m in messages)


def test_a_pdf_with_a_password_is_refused(upload):
    messages = refused(upload, make_pdf(encrypt="matkhau"), "mat-khau.pdf")
    assert any("đã đặt mật khẩu hoặc mã hóa" in m for m in messages)


def test_a_pdf_with_only_an_owner_password_is_refused(upload):
    messages = refused(upload, make_pdf(owner_password="chu"), "han-che.pdf")
    assert any("đã đặt mật khẩu hoặc mã hóa" in m for m in messages)


def test_a_truncated_png_and_jpeg_are_refused(upload):
    assert any("bị hỏng" in m for m in refused(upload, truncated(make_png((300, 300))), "a.png"))
    big = make_jpeg((400, 400), "navy")
    assert any("bị hỏng" in m for m in refused(upload, truncated(big, 0.6), "a.jpg"))


def test_a_corrupt_docx_is_refused(upload):
    messages = refused(upload, truncated(make_docx()), "hong.docx")
    assert any("bị hỏng hoặc không đầy đủ" in m for m in messages)
    broken = make_zip({"word/document.xml": "<w:document", "[Content_Types].xml": "<Types/>"})
    messages = refused(upload, broken, "hong2.docx")
    assert any("bị hỏng hoặc không đầy đủ" in m for m in messages)


def test_file_and_metadata_failures_are_reported_together(upload):
    messages = refused(upload, b"", "rong.pdf", subject="", symbol="NQ/TU")
    assert len(messages) == 3
    assert any("rỗng" in m for m in messages)
    assert "Chưa nhập trích yếu nội dung văn bản." in messages


def test_identical_bytes_are_stored_once(upload, world):
    data = make_party_pdf()
    first, _ = upload(data)
    second, warnings = upload(data, "ban-sao.pdf", symbol="13-NQ/TU")
    assert first.pk != second.pk
    assert first.blob_id == second.blob_id
    assert Blob.objects.count() == 1
    assert len(blob_files()) == 1
    assert any("giống hệt" in w and "12-NQ/TU" in w for w in warnings)


def test_same_bytes_warning_hides_documents_the_user_may_not_open(upload, world):
    data = make_pdf(["Riêng của Ban Tổ chức"])
    upload(data, actor=world.board_official, org=world.board, subject="Hồ sơ nhân sự bí mật")
    _, warnings = upload(data, symbol="14-NQ/TU")
    text = " ".join(warnings)
    assert "giống hệt một văn bản đã có trong hệ thống" in text
    assert "nhân sự" not in text and "Ban Tổ chức" not in text


def test_same_number_symbol_and_issuer_gives_a_warning_not_a_refusal(upload):
    upload(make_pdf(["một"]))
    doc, warnings = upload(make_pdf(["hai"]))
    assert Document.objects.count() == 2
    assert any("cùng số, ký hiệu 12-NQ/TU" in w for w in warnings)


def test_a_user_outside_the_org_cannot_upload_into_it(upload, world):
    messages = refused(upload, actor=world.board_official, org=world.office)
    assert any("không làm việc tại “Văn phòng Tỉnh ủy”" in m for m in messages)


def test_a_secret_document_above_the_clearance_is_refused(upload, world):
    messages = refused(upload, secrecy=1)
    assert any("chỉ được tiếp cận tài liệu đến độ “Thường”" in m for m in messages)
    doc, _ = upload(actor=world.head, secrecy=2)
    assert doc.secrecy == 2
