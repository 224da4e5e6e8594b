"""Real PDFs laid out like Party documents (36-HD/VPTW header cells), for the demo.

Fonts come from Debian packages (fonts-liberation2: Times-metric and full
Vietnamese coverage; fonts-dejavu-core as a fallback). A font is used only if it
has every glyph of a Vietnamese test string, so diacritics never fall out.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from luutru.core.vn import long_date

VIETNAMESE_PROBE = "ĐẢNG CỘNG SẢN VIỆT NAM Ủy ban Kiểm tra ngày tháng năm ữỹỵợẫậặỗểệịọụựừ"

FONT_DIRS = [
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/liberation"),
]
# family → (regular, bold, italic, bold italic) file names
FAMILIES = [
    (
        "LiberationSerif-Regular.ttf",
        "LiberationSerif-Bold.ttf",
        "LiberationSerif-Italic.ttf",
        "LiberationSerif-BoldItalic.ttf",
    ),
    (
        "DejaVuSerif.ttf",
        "DejaVuSerif-Bold.ttf",
        "DejaVuSerif-Italic.ttf",
        "DejaVuSerif-BoldItalic.ttf",
    ),
    (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    ),
]

R, B, IT, BI = "DemoSerif", "DemoSerif-Bold", "DemoSerif-Italic", "DemoSerif-BoldItalic"
_registered: str = ""


class FontMissing(RuntimeError):
    pass


def _find(name: str) -> Path | None:
    for d in FONT_DIRS:
        if (d / name).exists():
            return d / name
    return None


def _covers(font: TTFont) -> bool:
    cmap = font.face.charToGlyph
    return all(ord(c) in cmap for c in VIETNAMESE_PROBE if not c.isspace())


def register_fonts() -> str:
    """Register the first font family that covers Vietnamese; return its regular file name."""
    global _registered
    if _registered:
        return _registered
    for regular, bold, italic, bold_italic in FAMILIES:
        path = _find(regular)
        if path is None:
            continue
        font = TTFont(R, str(path))
        if not _covers(font):
            continue
        pdfmetrics.registerFont(font)
        # Missing styles fall back to the nearest one we have (fonts-dejavu-core has no italics).
        bold_path = _find(bold) or path
        pdfmetrics.registerFont(TTFont(B, str(bold_path)))
        pdfmetrics.registerFont(TTFont(IT, str(_find(italic) or path)))
        pdfmetrics.registerFont(TTFont(BI, str(_find(bold_italic) or bold_path)))
        pdfmetrics.registerFontFamily(R, normal=R, bold=B, italic=IT, boldItalic=BI)
        _registered = str(path)
        return _registered
    raise FontMissing(
        "Không tìm thấy phông chữ có đủ dấu tiếng Việt. Cài gói Debian fonts-liberation2 "
        "hoặc fonts-dejavu-core rồi chạy lại."
    )


@dataclass
class PartyDocument:
    """What one Party document shows, cell by cell (36-HD/VPTW)."""

    superior: str  # cell 2, line 1: the superior body, e.g. "ĐẢNG BỘ TỈNH HÒA BÌNH AN"
    issuer: str  # cell 2, line 2: e.g. "TỈNH ỦY"
    number: str  # "12"
    notation: str  # "NQ/TU"
    place: str
    day: dt.date
    type_name: str  # "Nghị quyết"; empty for a công văn
    subject: str
    body: list[str]
    signer_authority: str  # "T/M BAN THƯỜNG VỤ"
    signer_position: str  # "BÍ THƯ"
    signer_name: str
    recipients: list[str] = field(default_factory=list)
    secrecy: str = ""  # "MẬT"
    urgency: str = ""  # "KHẨN"
    # Socio-political organizations head their documents with the national motto
    # instead of the Party's name.
    motto: tuple[str, str] | None = None

    @property
    def symbol_line(self) -> str:
        # Party style: "Số 12-NQ/TU", no colon after "Số" (DOMAIN.md §3).
        return f"Số {self.number}-{self.notation}"


PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 30 * mm, 15 * mm, 20 * mm, 20 * mm
TEXT_W = PAGE_W - LEFT - RIGHT


def _body_style() -> ParagraphStyle:
    return ParagraphStyle(
        "body",
        fontName=R,
        fontSize=14,
        leading=19,
        alignment=TA_JUSTIFY,
        firstLineIndent=12 * mm,
        spaceAfter=6,
    )


def _centered(
    c: canvas.Canvas, font: str, size: float, x: float, y: float, text: str, underline: bool = False
) -> None:
    c.setFont(font, size)
    c.drawCentredString(x, y, text)
    if underline:
        w = pdfmetrics.stringWidth(text, font, size)
        c.setLineWidth(0.6)
        c.line(x - w / 2, y - 2, x + w / 2, y - 2)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    words, lines, line = text.split(), [], ""
    for w in words:
        trial = f"{line} {w}".strip()
        if pdfmetrics.stringWidth(trial, font, size) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = w
    if line:
        lines.append(line)
    return lines


def render(doc: PartyDocument) -> tuple[bytes, int]:
    """Lay out ``doc`` on A4 and return (PDF bytes, page count)."""
    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1, invariant=1)
    c.setTitle(f"{doc.symbol_line} {doc.subject}")
    c.setAuthor(doc.issuer.title())
    c.setCreator("luutru demo")

    left_x = LEFT + 38 * mm  # centre of the left header cell
    right_x = PAGE_W - RIGHT - 45 * mm  # centre of the right header cell
    y = PAGE_H - TOP

    if doc.motto:
        right_x = PAGE_W - RIGHT - 47 * mm
        _centered(c, B, 11, right_x, y, doc.motto[0])
        _centered(c, B, 12, right_x, y - 16, doc.motto[1], underline=True)
    else:
        # Cell 1: "ĐẢNG CỘNG SẢN VIỆT NAM", top right, caps 15 bold, underlined.
        _centered(c, B, 14.5, right_x, y, "ĐẢNG CỘNG SẢN VIỆT NAM", underline=True)
    # Cell 2: superior caps 14, issuer caps 14 bold, "*" below.
    ly = y
    cell_w = 66 * mm if doc.motto else 80 * mm
    for line in _wrap(doc.superior.upper(), R, 13, cell_w):
        _centered(c, R, 13, left_x, ly, line)
        ly -= 17
    for line in _wrap(doc.issuer.upper(), B, 13, cell_w):
        _centered(c, B, 13, left_x, ly, line)
        ly -= 16
    _centered(c, R, 13, left_x, ly + 1, "*")
    # Cell 3: number and symbol.
    ly -= 17
    _centered(c, R, 13, left_x, ly, doc.symbol_line)
    # Cell 4: place and date, italic, under the Party name.
    _centered(c, IT, 13, right_x, y - 32, long_date(doc.day, doc.place))
    y = min(ly, y - 32) - 9
    if not doc.type_name:
        # Công văn: subject under the number, 12 italic ("V/v …").
        for line in _wrap(doc.subject, IT, 12, 70 * mm):
            y -= 15
            _centered(c, IT, 12, left_x, y, line)
    # Cell 10: secrecy and urgency marks below the number (Party wording unverified).
    for mark in (doc.secrecy, doc.urgency):
        if mark:
            y -= 24
            width = pdfmetrics.stringWidth(mark, B, 13)
            c.setFont(B, 13)
            c.drawCentredString(left_x, y, mark)
            c.rect(left_x - width / 2 - 4, y - 5, width + 8, 19)
    if doc.type_name:
        # Cell 5: type caps bold, subject bold below it.
        y -= 40
        _centered(c, B, 15, PAGE_W / 2, y, doc.type_name.upper())
        for line in _wrap(doc.subject, B, 14, TEXT_W - 30 * mm):
            y -= 19
            _centered(c, B, 14, PAGE_W / 2, y, line)
        _centered(c, R, 13, PAGE_W / 2, y - 12, "-----")
        y -= 34
    else:
        y -= 30

    style = _body_style()
    pages = 1
    for text in doc.body:
        p = Paragraph(text, style)
        _, h = p.wrap(TEXT_W, PAGE_H)
        if y - h < BOTTOM + 20 * mm:
            c.showPage()
            pages += 1
            y = PAGE_H - TOP
        p.drawOn(c, LEFT, y - h)
        y -= h + style.spaceAfter

    # Cells 7 and 9: signer block on the right, recipients on the left, side by side.
    block_h = 120 + 14 * len(doc.recipients)
    if y - block_h < BOTTOM:
        c.showPage()
        pages += 1
        y = PAGE_H - TOP
    y -= 14
    sign_x = PAGE_W - RIGHT - 40 * mm
    _centered(c, B, 13, sign_x, y, doc.signer_authority.upper())
    if doc.signer_position:
        _centered(c, B, 13, sign_x, y - 16, doc.signer_position.upper())
    _centered(c, IT, 11, sign_x, y - 40, "(đã ký)")
    _centered(c, B, 13, sign_x, y - 80, doc.signer_name)

    if doc.recipients:
        c.setFont(BI, 12)
        c.drawString(LEFT, y, "Nơi nhận:")
        w = pdfmetrics.stringWidth("Nơi nhận:", BI, 12)
        c.setLineWidth(0.5)
        c.line(LEFT, y - 2, LEFT + w, y - 2)
        ry = y
        c.setFont(R, 11)
        for r in doc.recipients:
            ry -= 14
            c.drawString(LEFT, ry, f"- {r},")
        ry -= 14
        c.drawString(LEFT, ry, "- Lưu Văn phòng.")
    c.showPage()
    c.save()
    return buf.getvalue(), pages
