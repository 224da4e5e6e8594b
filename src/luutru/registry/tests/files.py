"""Small builders of real files for tests (PDF, DOCX, JPEG, PNG), good and broken.

Other apps may import them: ``from luutru.registry.tests.files import make_pdf``.
``metadata_for(org, **overrides)`` gives a valid metadata dict for
``registry.services.create_document``.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

FONT_PATHS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
]


def _font_name() -> str:
    """A TTF font that carries Vietnamese diacritics, so text can be extracted again."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "LuutruTestSans" in pdfmetrics.getRegisteredFontNames():
        return "LuutruTestSans"
    for p in FONT_PATHS:
        if p.exists():
            pdfmetrics.registerFont(TTFont("LuutruTestSans", str(p)))
            return "LuutruTestSans"
    return "Helvetica"


def make_pdf(
    text_lines: list[str] | None = None,
    pages: int = 1,
    *,
    encrypt: str | None = None,
    owner_password: str | None = None,
) -> bytes:
    """An A4 PDF with ``pages`` pages, each showing ``text_lines`` (and its page number).
    ``encrypt`` sets a user password; ``owner_password`` alone restricts permissions."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    encryption = None
    if encrypt is not None or owner_password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encryption = StandardEncryption(
            encrypt or "", ownerPassword=owner_password or "chu-so-huu", canPrint=0
        )
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encryption, invariant=1)
    font = _font_name()
    lines = text_lines or ["Văn bản thử nghiệm"]
    for page in range(1, pages + 1):
        c.setFont(font, 13)
        y = 780
        for line in lines:
            c.drawString(72, y, line)
            y -= 20
        c.drawString(290, 40, str(page))
        c.showPage()
    c.save()
    return buf.getvalue()


def make_party_pdf(
    *,
    issuer: str = "TỈNH ỦY THỬ NGHIỆM",
    symbol: str = "Số 12-NQ/TU",
    date_line: str = "Hạ Long, ngày 04 tháng 02 năm 2025",
    type_name: str = "NGHỊ QUYẾT",
    subject: str = "về công tác văn thư, lưu trữ",
    pages: int = 1,
) -> bytes:
    """A PDF laid out like a Party document header (36-HD/VPTW cells 1–5)."""
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
        c.drawString(100, 785, "*")
        c.drawString(60, 770, symbol)
        c.drawRightString(width - 60, 770, date_line)
        c.setFont(font, 14)
        c.drawCentredString(width / 2, 720, type_name)
        c.setFont(font, 12)
        c.drawCentredString(width / 2, 700, subject)
        c.drawString(290, 40, str(page))
        c.showPage()
    c.save()
    return buf.getvalue()


def make_docx(paragraphs: list[str] | None = None) -> bytes:
    """A real Word document with the given paragraphs."""
    import docx

    d = docx.Document()
    for p in paragraphs or ["Công văn thử nghiệm về công tác lưu trữ"]:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_png(size: tuple[int, int] = (60, 40), color: str = "white") -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


def make_jpeg(size: tuple[int, int] = (60, 40), color: str = "white") -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG")
    return buf.getvalue()


def make_zip(names: dict[str, str] | None = None) -> bytes:
    """A ZIP archive that is not a Word document (or is, given the right names)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in (names or {"ghi-chu.txt": "không phải văn bản Word"}).items():
            zf.writestr(name, text)
    return buf.getvalue()


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    """The first part of a file, as a broken transfer leaves it."""
    return data[: max(1, int(len(data) * keep))]


def metadata_for(org, **overrides) -> dict:
    """Valid metadata for ``create_document`` in ``org`` (a resolution, 12-NQ/TU by default)."""
    from luutru.rules.queries import document_types

    types = document_types(org)
    type_abbrev = overrides.pop("type_abbrev", "NQ")
    data = {
        "doc_type": types.filter(abbrev=type_abbrev).order_by("pk").first(),
        "symbol": f"12-{type_abbrev}/TU",
        "issued_date": dt.date(2025, 2, 4),
        "organ_name": "Tỉnh ủy Thử nghiệm",
        "subject": "Về công tác văn thư, lưu trữ năm 2025",
        "signer_full_name": "Hoàng Văn Em",
        "signer_position": "Bí thư",
        "page_amount": None,
        "secrecy": 0,
        "urgency": 0,
        "description": "",
    }
    data.update(overrides)
    return data
