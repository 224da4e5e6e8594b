"""Each form as PDF: page 1 rendered to PNG and read by Tesseract (proves the fonts
carry the Vietnamese glyphs), and the text layer read with pypdfium2."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.utils import timezone

from luutru.forms import builders, render

from .conftest import ocr_first_page, pdf_text, register_documents

pytestmark = pytest.mark.django_db


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _check(form, tmp_path, ocr_words: list[str], text_words: list[str]) -> None:
    content = render.to_pdf(form)
    assert content.startswith(b"%PDF")
    seen = _nfc(ocr_first_page(content, tmp_path))
    missing = [w for w in ["ĐẢNG CỘNG SẢN VIỆT NAM", *ocr_words] if w not in seen]
    assert not missing, f"not on page 1: {missing}\n{seen}"
    text = _nfc(pdf_text(content))
    assert all(w in text for w in text_words), text


def test_file_plan_pdf(world, issued_plan, tmp_path):
    _check(
        builders.file_plan(issued_plan),
        tmp_path,
        ["DANH MỤC HỒ SƠ NĂM 2025", "Quyết định số 15-QĐ/VPTU", "Công tác tổng hợp"],
        ["(2) Tên đề mục và tiêu đề hồ sơ", "Tổng số: 3 (ba) hồ sơ", "Hồ sơ nhân sự"],
    )


def test_document_index_pdf(world, closed_dossier, tmp_path):
    _check(
        builders.dossier_index(world.official, closed_dossier),
        tmp_path,
        ["MỤC LỤC VĂN BẢN", "Kế hoạch công tác năm 2024"],
        ["(4) Tên loại và trích yếu nội dung", "Mục lục này gồm 3 (ba) văn bản."],
    )


def test_closing_certificate_pdf(world, closed_dossier, tmp_path):
    _check(
        builders.closing_certificate(world.official, closed_dossier),
        tmp_path,
        ["CHỨNG TỪ KẾT THÚC", "Hồ sơ này gồm có: 3 (ba) văn bản, 6 (sáu) trang."],
        ["NGƯỜI LẬP HỒ SƠ", "Nguyễn Văn An"],
    )


def test_dossier_cover_pdf(world, closed_dossier, tmp_path):
    _check(
        builders.dossier_cover(world.official, closed_dossier),
        tmp_path,
        ["HỒ SƠ", "Thời hạn bảo quản: Vĩnh viễn", "Gồm 3 (ba) văn bản"],
        ["Mã hồ sơ: 000.00.01.T01.2024.01.VP"],
    )


def test_fonds_dossier_list_pdf(world, deposit, tmp_path):
    from luutru.archive.services import accept_deposit, submit_deposit

    submit_deposit(world.official, deposit)
    accept_deposit(world.archivist, deposit)
    _check(
        builders.fonds_dossier_list(world.archivist, world.office, 2024),
        tmp_path,
        ["MỤC LỤC HỒ SƠ", "Phông Văn phòng"],
        ["(3) Tiêu đề hồ sơ", "Mục lục này gồm 2 (hai) hồ sơ."],
    )


def test_deposit_list_pdf(world, deposit, tmp_path):
    _check(
        builders.deposit_list(world.official, deposit),
        tmp_path,
        ["MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU", "Mục lục này gồm 2 (hai) hồ sơ."],
        ["(7) Ghi chú", "Kế hoạch công tác năm 2024"],
    )


def test_handover_record_pdf(world, deposit, tmp_path):
    _check(
        builders.handover_record(world.official, deposit),
        tmp_path,
        ["BIÊN BẢN", "Về việc giao nhận hồ sơ, tài liệu nộp lưu", "BÊN GIAO: Văn phòng"],
        ["Tổng số hồ sơ: 2 (hai) hồ sơ", "ĐẠI DIỆN BÊN NHẬN", "(3) Tiêu đề hồ sơ"],
    )


@pytest.mark.parametrize(
    ("kind", "direction", "title"),
    [
        ("di", "outgoing", "ĐĂNG KÝ VĂN BẢN ĐI"),
        ("den", "incoming", "ĐĂNG KÝ VĂN BẢN ĐẾN"),
    ],
)
def test_register_pdf(world, tmp_path, kind, direction, title):
    register_documents(world, direction=direction, count=2)
    today = timezone.localdate()
    form = builders.register(world.clerk, world.office, kind, dt.date(2024, 1, 1), today)
    _check(
        form,
        tmp_path,
        [title, "ngày 01 tháng 01 năm 2024"],
        ["Công văn Về việc tổ chức hội nghị số", "2 (hai) văn bản"],
    )


def test_pdf_embeds_its_fonts_and_fetches_nothing_else(world, issued_plan, tmp_path):
    import subprocess

    from luutru.forms.pdf_engine import _fetcher

    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(render.to_pdf(builders.file_plan(issued_plan)))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    embedded = [line.split()[0] for line in fonts.splitlines()[2:] if " yes " in line]
    assert embedded and all("Luutru-Serif" in name for name in embedded), fonts
    with pytest.raises(ValueError, match="không được tải"):
        _fetcher().fetch("https://fonts.example.org/font.woff2")
    with pytest.raises(ValueError):
        _fetcher().fetch("file:///etc/passwd")


def _long_form(per_heading: int = 60):
    from luutru.forms.layout import Form, Para, Row, Table

    rows = []
    for h in range(1, 5):
        rows.append(Row([f"{h}", f"Đề mục số {h}", "", "", ""], "heading"))
        rows += [
            Row([f"{h}.{k:03d}", f"Hồ sơ {h}.{k}", "10 năm", "", ""]) for k in range(per_heading)
        ]
    return Form(
        slug="dai",
        title="DANH MỤC HỒ SƠ NĂM 2025",
        issuer=["VĂN PHÒNG TỈNH ỦY"],
        blocks=[Table(["a", "b", "c", "d", "e"], [1, 4, 1, 1, 1], rows), Para("Tổng số: 240")],
    )


def test_a_long_table_is_laid_out_in_two_halves_and_numbered_across_the_join():
    from luutru.forms import pdf_out

    form = _long_form()
    first, second = pdf_out.split(form)
    assert first.tables[0].rows[-1].cells[0] == "2.059"
    assert (
        second.tables[0].rows[0].cells[1] == "Đề mục số 3"
        and second.blocks[-1].text == "Tổng số: 240"
    )
    content = render.to_pdf(form)
    text = _nfc(pdf_text(content))
    assert all(f"{h}.{k:03d}" in text for h in range(1, 5) for k in range(60))
    assert text.count("DANH MỤC HỒ SƠ NĂM 2025") >= 2  # title once, then in the page footers
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(content)
    try:
        pages = [pdf[i].get_textpage().get_text_range().split() for i in range(len(pdf))]
    finally:
        pdf.close()
    assert "1" not in pages[0][:3]
    assert all(str(n) in words for n, words in enumerate(pages, start=1) if n > 1)
    third = next(n for n, words in enumerate(pages, start=1) if "3.000" in words)
    assert "2.059" not in pages[third - 1]  # the third heading starts a page


def test_a_helper_process_that_fails_still_gives_the_whole_form(monkeypatch):
    """The second half is laid out by a helper started for this form; if it cannot
    start or fails, this process lays that half out itself."""
    import sys

    from luutru.forms import pdf_out

    form = _long_form(per_heading=110)  # long enough for a helper (pdf_out.HELPER_ROWS)
    whole = _nfc(pdf_text(render.to_pdf(form)))
    monkeypatch.setattr(sys, "executable", "/bin/false")
    assert _nfc(pdf_text(render.to_pdf(form))) == whole
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    assert _nfc(pdf_text(render.to_pdf(form))) == whole
    assert pdf_out._helpers.acquire(blocking=False)  # every helper slot was given back
    pdf_out._helpers.release()
