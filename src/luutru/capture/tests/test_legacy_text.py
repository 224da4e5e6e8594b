"""Documents typed in the charsets before Unicode (TCVN3 with .VnTime fonts, VNI with
VNI-Times) are read as Vietnamese: converted, capitals of TCVN3's "H" fonts kept,
the header parsed, and the item says the file was not Unicode. Unicode text and
other languages are never touched."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from luutru.capture import legacy, steps
from luutru.capture.header import parse_header

# Samples as the charsets' users write them (not made with this module's tables).
TCVN3_SAMPLES = [
    ("hép møt tÕt", "hộp mứt tết"),
    ("§¶ng céng s¶n ViÖt Nam", "Đảng cộng sản Việt Nam"),
    (
        "Nghi quyÕt vÒ c«ng t¸c v¨n th\u00ad, l\u00adu tr÷",
        "Nghi quyết về công tác văn thư, lưu trữ",
    ),
]
VNI_SAMPLES = [
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("ÑAÛNG COÄNG SAÛN VIEÄT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    (
        "Tænh uûy Quaûng Ninh, ngaøy 04 thaùng 02 naêm 2025",
        "Tỉnh ủy Quảng Ninh, ngày 04 tháng 02 năm 2025",
    ),
]


@pytest.mark.parametrize(("typed", "meant"), TCVN3_SAMPLES)
def test_tcvn3_to_unicode(typed, meant):
    assert legacy.to_unicode(typed, legacy.TCVN3) == meant


@pytest.mark.parametrize(("typed", "meant"), VNI_SAMPLES)
def test_vni_to_unicode(typed, meant):
    assert legacy.to_unicode(typed, legacy.VNI) == meant


def test_the_charset_is_told_from_the_text():
    tcvn3 = " ".join(t for t, _ in TCVN3_SAMPLES)
    vni = " ".join(t for t, _ in VNI_SAMPLES)
    assert legacy.charset_of(tcvn3) == legacy.TCVN3
    assert legacy.charset_of(vni) == legacy.VNI
    # Unicode Vietnamese, in capitals too, other languages with Latin-1 letters, and
    # too few words to tell: left as they are.
    for text in (
        " ".join(m for _, m in TCVN3_SAMPLES + VNI_SAMPLES),
        "ĐẢNG CỘNG SẢN VIỆT NAM TỈNH ỦY QUẢNG NINH BÁO CÁO TỔNG KẾT CÔNG TÁC NĂM",
        "Café, résumé, naïve, über, straße, façade, déjà vu © 2024 § 3 — à la carte piñata",
        "hép møt",
    ):
        assert legacy.charset_of(text) == "", text


def test_capitals_fonts():
    assert legacy.capitals_font(".VnTimeH")
    assert legacy.capitals_font("ABCDEF+.VnArialH,Bold")
    assert legacy.capitals_font(".VnArial NarrowH")
    assert not legacy.capitals_font(".VnTime")
    assert not legacy.capitals_font("VNI-Times")
    assert not legacy.capitals_font("TimesNewRomanPSMT")


# A Party decision typed with .VnTime, its lines in capitals with .VnTimeH (typed as
# small letters: TCVN3 has no capitals with tone marks).
CAPS = [
    (801, "tØnh ñy qu¶ng ninh"),
    (800, "®¶ng céng s¶n viÖt nam"),
    (715, "quyÕt ®Þnh"),
    (590, "t/m ban th\u00adêng vô"),
    (575, "bÝ th\u00ad"),
]
PLAIN = [
    (770, "Sè 127-Q§/TU"),
    (755, "H¹ Long, ngµy 04 th¸ng 02 n¨m 2025"),
    (695, "vÒ viÖc thµnh lËp Ban ChØ ®¹o c«ng t¸c v¨n th\u00ad, l\u00adu tr÷"),
    (650, "C¨n cø §iÒu lÖ §¶ng vµ Quy chÕ lµm viÖc cña TØnh ñy."),
    (630, "C¸c c¬ quan, ®¬n vÞ c¨n cø quyÕt ®Þnh thi hµnh."),
    (530, "NguyÔn V¨n An"),
]


def _tcvn3_pdf(tmp_path: Path) -> bytes:
    """The decision as Word prints it to PDF: the capitals font named ".VnTimeH"."""
    import pikepdf
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = Path("/usr/share/fonts/truetype/dejavu")
    pdfmetrics.registerFont(TTFont("VnPlain", str(fonts / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont("VnCaps", str(fonts / "DejaVuSans.ttf")))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    caps = dict(CAPS)
    for y, line in sorted(CAPS + PLAIN, key=lambda yl: -yl[0]):  # in reading order, as Word
        c.setFont("VnCaps" if y in caps else "VnPlain", 13)
        if y == 800:  # the motto, top right
            c.drawRightString(A4[0] - 60, y + 1, line)
        else:
            c.drawString(60, y, line)
    c.save()
    pdf = pikepdf.open(io.BytesIO(buf.getvalue()))
    for font in pdf.pages[0].Resources.Font.values():
        if "DejaVuSans" in str(font.BaseFont):
            font.BaseFont = pikepdf.Name("/ABCDEF+.VnTimeH")
            for part in font.get("/DescendantFonts", []):
                part.BaseFont = pikepdf.Name("/ABCDEF+.VnTimeH")
                part.FontDescriptor.FontName = pikepdf.Name("/ABCDEF+.VnTimeH")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _check_decision(extracted: steps.Extracted) -> None:
    text = extracted.text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Hạ Long, ngày 04 tháng 02 năm 2025" in text
    assert any("TCVN3" in n and "Unicode" in n for n in extracted.notes)
    parsed = parse_header(text)
    assert parsed.value("issuer") == "TỈNH ỦY QUẢNG NINH"
    assert parsed.metadata()["symbol"] == "127-QĐ/TU"
    assert parsed.value("type_name") == "Quyết định"
    assert parsed.value("issued_date") == dt.date(2025, 2, 4)
    assert parsed.value("subject") == "về việc thành lập Ban Chỉ đạo công tác văn thư, lưu trữ"
    assert parsed.value("signer_full_name") == "Nguyễn Văn An"
    assert parsed.value("signer_position") == "BÍ THƯ"


@pytest.mark.django_db
def test_a_tcvn3_pdf_is_read_as_vietnamese(tmp_path):
    _check_decision(steps.pdf_text(_tcvn3_pdf(tmp_path)))


@pytest.mark.django_db
def test_a_tcvn3_word_document_is_read_as_vietnamese():
    import docx

    d = docx.Document()
    lines = sorted(CAPS + PLAIN, key=lambda yl: -yl[0])
    for _, line in lines:
        run = d.add_paragraph().add_run(line)
        run.font.name = ".VnTimeH" if line in dict(CAPS).values() else ".VnTime"
    buf = io.BytesIO()
    d.save(buf)
    _check_decision(steps.docx_text(buf.getvalue()))


def test_unicode_files_are_not_touched():
    from luutru.capture.tests.files import make_party_letter

    extracted = steps.pdf_text(make_party_letter())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in extracted.text
    assert not any("TCVN3" in n or "VNI" in n for n in extracted.notes)


def test_many_line_end_marks_are_converted_in_one_pass():
    # pdfium's line-end mark after each "ư" of a long hostile page: each becomes "ư"
    # and a line end, in time linear in the text (it was quadratic: 18 s for this).
    page = ("th\ufffe" + "vô ") * 60_000
    out = legacy.from_tcvn3(page)
    assert out.count("thư\n") == 60_000
    assert "\ufffe" not in out
