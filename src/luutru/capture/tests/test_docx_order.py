"""A Word document's header table is read where it stands: before the body."""

import io

import docx
import pytest

from luutru.capture.header import parse_header
from luutru.capture.steps import docx_text


def _office_docx() -> bytes:
    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "TỈNH ỦY QUẢNG NINH"
    table.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    table.cell(1, 0).text = "Số 12-KH/TU"
    table.cell(1, 1).text = "Hạ Long, ngày 04 tháng 02 năm 2020"
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("triển khai công tác văn thư, lưu trữ năm 2020")
    d.add_paragraph("Căn cứ Quy định của Ban Chấp hành Trung ương…")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_header_table_comes_before_the_body_text():
    lines = docx_text(_office_docx()).text.splitlines()
    assert lines.index("TỈNH ỦY QUẢNG NINH") < lines.index("KẾ HOẠCH")
    assert lines.index("Số 12-KH/TU") < lines.index("KẾ HOẠCH")


@pytest.mark.django_db
def test_a_word_document_header_parses_from_its_table():
    header = parse_header(docx_text(_office_docx()).text)
    assert header.fields["code_notation"].value.endswith("KH/TU")
    assert header.fields["code_number"].value in ("12", 12)
    assert str(header.fields["issued_date"].value) == "2020-02-04"
    assert "văn thư, lưu trữ" in header.fields["subject"].value
