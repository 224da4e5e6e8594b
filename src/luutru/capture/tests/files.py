"""Test files for capture: Party documents with a body, their scans, bundles."""

from __future__ import annotations

import io
import zipfile

from luutru.registry.tests.files import _font_name

BODY = [
    "Thực hiện Chỉ thị số 35-CT/TW, ngày 30/5/2019 của Bộ Chính trị về đại hội đảng bộ",
    "các cấp, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt",
    "công tác văn thư, lưu trữ; lập hồ sơ công việc đầy đủ và nộp lưu đúng thời hạn.",
    "Các cơ quan, đơn vị rà soát danh mục hồ sơ, bố trí cán bộ làm công tác lưu trữ,",
    "bảo quản an toàn tài liệu, phục vụ khai thác, sử dụng theo quy định của Đảng.",
]


def make_party_letter(
    *,
    issuer: str = "TỈNH ỦY THỬ NGHIỆM",
    number: str = "12-NQ/TU",
    date_line: str = "Hạ Long, ngày 04 tháng 02 năm 2025",
    type_name: str = "NGHỊ QUYẾT",
    subject: str = "về công tác văn thư, lưu trữ",
    signer_position: str = "BÍ THƯ",
    signer: str = "Hoàng Văn Em",
    pages: int = 1,
    mark: str = "",
) -> bytes:
    """A born-digital Party document: header cells 1–5, a body and a signature;
    ``mark`` is a secrecy/urgency stamp ("MẬT") printed under the number."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _font_name()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    width, _ = A4
    for page in range(1, pages + 1):
        c.setFont(font, 12)
        c.drawRightString(width - 60, 800, "ĐẢNG CỘNG SẢN VIỆT NAM")
        c.drawString(60, 800, issuer)
        c.drawString(110, 785, "*")
        c.drawString(60, 770, f"Số {number}")
        c.drawRightString(width - 60, 770, date_line)
        if mark:
            c.drawString(60, 745, mark)
        c.setFont(font, 15)
        c.drawCentredString(width / 2, 715, type_name)
        c.setFont(font, 13)
        c.drawCentredString(width / 2, 695, subject)
        c.drawCentredString(width / 2, 680, "-----")
        c.setFont(font, 12)
        y = 650
        for line in BODY * 2:
            c.drawString(70, y, line)
            y -= 19
        c.drawString(width - 230, y - 20, "T/M BAN THƯỜNG VỤ")
        c.drawString(width - 200, y - 38, signer_position)
        c.drawString(width - 220, y - 100, signer)
        c.drawString(290, 40, str(page))
        c.showPage()
    c.save()
    return buf.getvalue()


def scan_of(pdf: bytes, *, rotate: int = 0, dpi: int = 200, fmt: str = "PNG") -> bytes:
    """Page 1 of ``pdf`` as a grey scanned image at ``dpi`` (``rotate``: 180 = upside down)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        doc.close()
    if rotate:
        image = image.rotate(rotate, expand=True)
    buf = io.BytesIO()
    image.save(buf, fmt, dpi=(dpi, dpi))
    return buf.getvalue()


def scanned_pdf(pdf: bytes, *, rotate: int = 0, dpi: int = 200) -> bytes:
    """A PDF holding only the image of a page (no text layer), as a scanner makes it."""
    from PIL import Image

    image = Image.open(io.BytesIO(scan_of(pdf, rotate=rotate, dpi=dpi)))
    buf = io.BytesIO()
    image.save(buf, "PDF", resolution=dpi)
    return buf.getvalue()


def make_bundle(files: dict[str, bytes]) -> bytes:
    """A ZIP of ``{path: bytes}``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()
