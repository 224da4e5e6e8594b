"""Text of e-documents as offices make them, seen on real signed PDFs of provincial
offices. The system that signs an issued document stamps its number and day on page 1
("Số: 1865 /STC-VP", "ngày 08 tháng 9"), drawn by signature fields, not the page's
text: the text layer read "Số: /STC-VP" and "ngày tháng 9", and the number was lost
(the fields here are form fields with their appearance, as those signatures are). A
Word file whose header is a text box written after the body drew the body first."""

from __future__ import annotations

import io

import pytest

from luutru.capture import steps
from luutru.capture.header import parse_header

pytestmark = pytest.mark.django_db


def _signed_copy(stamps: list[tuple[str, str]]) -> bytes:
    """A letter whose number and day are left blank in its text, each ``(after,
    value)`` drawn by a field placed right after the text ``after`` on its line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    from luutru.registry.tests.files import _font_name

    font = _font_name()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    lines = [
        (60, 790, "UBND TỈNH LÂM ĐỒNG"),
        (320, 790, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (80, 772, "SỞ TÀI CHÍNH"),
        (340, 772, "Độc lập - Tự do - Hạnh phúc"),
        (80, 750, "Số:          /STC-VP"),
        (300, 750, "Lâm Đồng, ngày       tháng 9 năm 2025"),
        (60, 728, "V/v cử đại diện tham gia Ban Vì sự tiến bộ"),
        (60, 712, "của phụ nữ tỉnh"),
        (200, 680, "Kính gửi: Sở Nội vụ tỉnh Lâm Đồng"),
    ]
    c.setFont(font, 12)
    for x, y, text in lines:
        c.drawString(x, y, text)
    for k, (after, value) in enumerate(stamps):
        x, y, text = next(line for line in lines if line[2].startswith(after))
        left = x + stringWidth(after, font, 12) + 4
        c.acroForm.textfield(
            name=f"stamp{k}", value=value, x=left, y=y - 4, width=10 + 7 * len(value),
            height=16, borderWidth=0, fontName="Helvetica", fontSize=12,
        )  # fmt: skip
    c.save()
    return buf.getvalue()


def test_the_number_and_day_a_signing_system_stamps_are_read_where_they_stand():
    pdf = _signed_copy([("Số:", "1865"), ("Lâm Đồng, ngày", "08")])
    text = steps.pdf_text(pdf).text
    assert "Số: 1865 /STC-VP" in text
    assert "ngày 08 tháng 9 năm 2025" in text
    h = parse_header(text)
    assert h.symbol == "1865/STC-VP"
    assert h.value("issued_date").isoformat() == "2025-09-08"


def test_a_signatures_own_words_stay_out_of_the_header():
    # "Ký bởi: …" drawn by a signature is the signature's: the text is as printed.
    pdf = _signed_copy([("Số:", "Ky boi: So Tai chinh")])  # its Helvetica has no marks
    assert "Số: /STC-VP" in steps.pdf_text(pdf).text


def test_a_header_drawn_after_the_body_reads_first():
    # A Word file whose header is a text box written after the body: pdfium gives the
    # text as drawn, body first; the header stands above it all on the page.
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from luutru.registry.tests.files import _font_name

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont(_font_name(), 12)
    body = ["Kính gửi: Sở Nội vụ tỉnh Lâm Đồng", "Sở Dân tộc và Tôn giáo thống nhất cử",
            "01 lãnh đạo tham gia Ban.", "Nơi nhận:", "- Như trên;", "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC", "Hoàng Văn Bằng"]  # fmt: skip
    for k, line in enumerate(body):
        c.drawString(80, 640 - 18 * k, line)
    header = [(60, 790, "UBND TỈNH LÂM ĐỒNG"), (60, 774, "SỞ DÂN TỘC VÀ TÔN GIÁO"),
              (320, 790, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
              (340, 774, "Độc lập - Tự do - Hạnh phúc"), (80, 750, "Số: 427/SDTTG-VP"),
              (300, 750, "Lâm Đồng, ngày 04 tháng 9 năm 2025"),
              (60, 728, "V/v cử lãnh đạo Sở tham gia Ban")]  # fmt: skip
    for x, y, line in header:
        c.drawString(x, y, line)
    c.save()
    text = steps.pdf_text(buf.getvalue()).text
    assert text.startswith("UBND TỈNH LÂM ĐỒNG\nSỞ DÂN TỘC VÀ TÔN GIÁO")
    assert text.index("Kính gửi") > text.index("V/v cử lãnh đạo")
    h = parse_header(text)
    assert (h.value("issuer"), h.symbol) == ("SỞ DÂN TỘC VÀ TÔN GIÁO", "427/SDTTG-VP")
    assert h.value("signer_full_name") == "Hoàng Văn Bằng"


def test_a_scan_whose_only_text_is_an_e_copys_stamp_is_a_scan():
    # "SAO Y; CÔNG AN TỈNH …" printed over a scanned page by the system that certified
    # the copy: the page is still an image to read by OCR, not a text of one line.
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from luutru.capture.tests.files import make_party_letter, scan_of
    from luutru.registry.tests.files import _font_name

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    image = scan_of(make_party_letter())
    c.drawImage(ImageReader(io.BytesIO(image)), 0, 0, width=A4[0], height=A4[1])
    c.setFont(_font_name(), 8)
    c.drawString(400, 820, "SAO Y; CÔNG AN TỈNH LÂM ĐỒNG; 06/01/2026; 16:42:26")
    c.save()
    extracted = steps.pdf_text(buf.getvalue())
    assert extracted.needs_ocr and not extracted.ocr_layer
