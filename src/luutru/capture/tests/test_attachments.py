"""A document as most run: past its first page, its signature on the last page of
its own text, and something attached after it (an appendix list, a form, another
document); and a scanned PDF read as its scanner stored it. Examples written here,
not drawn from the bench."""

from __future__ import annotations

import io

import pytest

from luutru.capture import ocr
from luutru.capture.header import parse_header
from luutru.capture.tests.files import make_party_letter, scan_of

pytestmark = pytest.mark.django_db

HEAD = """TỈNH ỦY HÀ NAM ĐẢNG CỘNG SẢN VIỆT NAM
BAN TỔ CHỨC
*
Số 215-QĐ/BTCTU Phủ Lý, ngày 12 tháng 3 năm 2025
QUYẾT ĐỊNH
về việc kiện toàn Tổ giúp việc Ban Chỉ đạo
-----
"""
BODY = "Các cơ quan, đơn vị căn cứ quyết định này phân công người phụ trách.\n" * 30
SIGNATURE = """Nơi nhận:
- Như Điều 3,
- Lưu Văn phòng.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
(Đã ký)
Trần Quang Minh
"""
MEMBERS = "".join(
    f"{k} Đồng chí Nguyễn Văn Hùng{k} Phó Trưởng Ban Tuyên giáo và Dân vận\n" for k in range(1, 26)
)
LIST = (
    "PHỤ LỤC\nDANH SÁCH\nTHÀNH VIÊN TỔ GIÚP VIỆC\n"
    "(Kèm theo Quyết định số 215-QĐ/BTCTU ngày 12/3/2025 của Ban Tổ chức Tỉnh ủy)\n"
    "STT Họ và tên Chức vụ, đơn vị\n" + MEMBERS
)
FORM = """Mẫu số 02
ĐẢNG CỘNG SẢN VIỆT NAM
TÊN CƠ QUAN, TỔ CHỨC
BÁO CÁO
Kết quả thực hiện
1. ……………………………………
T/M BAN THƯỜNG VỤ
BÍ THƯ
Lê Văn Toàn
"""


@pytest.mark.parametrize(
    ("attached", "page_break"),
    [(LIST, "\n"), (LIST, "\n\f2\n"), (FORM, "\n\f3\n"), ("", "\n\f2\n")],
    ids=["list-same-page", "list-next-page", "form-with-its-own-signature", "none"],
)
def test_the_signer_is_read_above_what_is_attached(attached, page_break):
    # The signature block is the document's own, however long the list after it;
    # a form's blank or filled signature block is not the document's signer.
    h = parse_header(HEAD + BODY + SIGNATURE + page_break + attached)
    assert h.value("signer_full_name") == "Trần Quang Minh"
    assert h.value("signer_position") == "PHÓ BÍ THƯ"
    assert h.confidence("signer_full_name") >= 0.9
    assert h.symbol == "215-QĐ/BTCTU"


def test_a_page_number_after_a_bare_name_is_no_part_of_it():
    # The next page's number ("3") stands between the name and the appendix.
    tail = "Nơi nhận:\n- Như trên,\n- Lưu Văn phòng.\nTrần Quang Minh\n\f3\n" + LIST
    h = parse_header(HEAD + BODY + tail)
    assert h.value("signer_full_name") == "Trần Quang Minh"


def test_an_attachment_opening_a_page_is_cut_when_ocr_lost_the_recipients_line():
    # A sparse last page: OCR kept the name but lost "Nơi nhận:" and the position.
    tail = "- Như trên,\n- Lưu Văn phòng.\nTrần Quang Minh\n\f- Mẫu số 03\n" + FORM
    h = parse_header(HEAD + BODY + tail, ocr=True)
    assert h.value("signer_full_name") == "Trần Quang Minh"


@pytest.mark.parametrize("articles", [22, 60])
def test_a_long_laws_passing_date_is_read_at_its_foot(articles):
    # Its foot past the lines the header's date is looked for in (25), before the
    # 40 lines of the header (22 articles) or past them (60).
    law = (
        "QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Luật số: 05/2022/QH15\nLUẬT\nSỞ HỮU TRÍ TUỆ\n"
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
        + "Điều 1. Sửa đổi, bổ sung một số điều của Luật.\n"
        * articles
        + "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp\n"
        "thứ 3 thông qua ngày 16 tháng 6 năm 2022.\nCHỦ TỊCH QUỐC HỘI\nVương Đình Huệ\n"
        "\fPHỤ LỤC\nDANH MỤC\n(Ban hành kèm theo Luật số 05/2022/QH15)\n"
        + "Quy định ngày 20 tháng 10 năm 2023 về nội dung.\n"
        * 20
    )
    h = parse_header(law)
    assert str(h.value("issued_date")) == "2022-06-16"
    assert h.value("signer_full_name") == "Vương Đình Huệ"
    assert h.symbol == "05/2022/QH15"


def test_running_text_after_the_recipients_is_not_taken_for_an_attachment():
    # What opens an attachment is a heading: "DANH SÁCH" in capitals, "Phụ lục" or
    # "Mẫu số 01" opening a line, "(Kèm theo …)" in brackets; not the same words
    # wrapped to the start of a line of running text.
    from luutru.capture.header.text import own_text

    text = HEAD + BODY + SIGNATURE + "danh sách kèm theo được gửi sau.\nkèm theo hồ sơ.\n"
    assert own_text(text) == text
    assert own_text(text + "DANH SÁCH\nĐOÀN KIỂM TRA\n") == text.rstrip("\n")


STATE = """{issuer} CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 21/{notation} Hà Nội, ngày 23 tháng 12 năm 2021
CHỈ THỊ
Về tăng cường công tác phòng cháy, chữa cháy
-----
Trong thời gian qua, công tác phòng cháy đã có chuyển biến.
"""
PM = "THỦ TƯỚNG CHÍNH PHỦ"
WOMEN = "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM\nĐOÀN CHỦ TỊCH"
FRONT = "ỦY BAN MTTQ VIỆT NAM TỈNH BẮC GIANG\nBAN THƯỜNG TRỰC"


@pytest.mark.parametrize(
    ("issuer", "notation", "confident"),
    [
        (PM, "CT-TTg", True),
        (PM, "CT-TTE", False),  # "TTg" misread
        (PM, "CT-UBND", False),  # another body's
        ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "CT-BGDĐT", True),  # "VÀ" skipped
        (WOMEN, "CT-ĐCT", True),
        (WOMEN, "CT-TL", False),  # letters of the two names, picked by chance
        (FRONT, "CT-MTTQ-BTT", True),  # a word printed as an abbreviation
        # ... or spelt out after "ỦY BAN"
        ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH YÊN BÁI\nBAN THƯỜNG TRỰC", "CT-MTTQ-BTT", True),
    ],
)
def test_a_scanned_state_number_agrees_with_the_issuer_printed(issuer, notation, confident):
    # The rules list no State abbreviations (each body has its own): the issuer's
    # printed name is the check.
    text = STATE.format(issuer=issuer, notation=notation)
    h = parse_header(text, ocr=True)
    assert h.value("code_notation") == notation
    assert (h.confidence("code_notation") >= 0.9) is confident, h.reasons
    # Born-digital text has no misread letters: its number stays as sure as it was.
    assert parse_header(text).confidence("code_notation") >= 0.9


def test_a_number_that_runs_on_past_what_was_read_is_not_confident():
    # A speck read between the dash and the department ("BGDĐT-.KGVX").
    text = STATE.format(issuer="BỘ GIÁO DỤC VÀ ĐÀO TẠO", notation="BGDĐT-.KGVX")
    h = parse_header(text, ocr=True)
    assert h.confidence("code_notation") < 0.9
    assert "còn tiếp" in h.reasons["code_notation"]
    whole = parse_header(STATE.format(issuer="BỘ GIÁO DỤC VÀ ĐÀO TẠO", notation="BGDĐT-KGVX"))
    assert whole.value("code_notation") == "BGDĐT-KGVX"
    assert whole.confidence("code_notation") >= 0.9


def _jpeg_scan_pdf(mode: str = "L") -> tuple[bytes, bytes]:
    import img2pdf
    from PIL import Image

    page = Image.open(io.BytesIO(scan_of(make_party_letter(number="31-NQ/TU"), dpi=200)))
    buf = io.BytesIO()
    page.convert(mode).save(buf, "JPEG", quality=80, dpi=(200, 200))
    return buf.getvalue(), img2pdf.convert(buf.getvalue())


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_a_scanned_pdf_page_is_read_as_the_scanner_stored_it(tmp_path, mode):
    # Rendering the page made 1,655 pixels of a 1,654-pixel scan at 200 dpi (595.44
    # points), resampling every pixel; Tesseract then lost lines of a sparse page.
    jpeg, pdf = _jpeg_scan_pdf(mode)
    pages = ocr._page_images(pdf, "pdf", None, tmp_path)
    assert pages[0].path.read_bytes() == jpeg
    assert pages[0].dpi == 200


def test_a_bitonal_scan_is_read_at_its_own_pixels(tmp_path):
    import img2pdf
    from PIL import Image

    page = Image.open(io.BytesIO(scan_of(make_party_letter(number="31-NQ/TU"), dpi=300)))
    bits = page.point(lambda v: 255 if v > 160 else 0).convert("1")
    buf = io.BytesIO()
    bits.save(buf, "TIFF", compression="group4", dpi=(300, 300))
    pages = ocr._page_images(img2pdf.convert(buf.getvalue()), "pdf", None, tmp_path)
    import numpy as np

    with Image.open(pages[0].path) as read:
        assert read.size == bits.size
        assert (np.asarray(read.convert("1")) == np.asarray(bits)).all()


def test_a_page_that_is_not_one_upright_image_is_rendered(tmp_path):
    # A born-digital page (text, no image) has no stored scan: it is drawn.
    pages = ocr._page_images(make_party_letter(number="32-NQ/TU"), "pdf", None, tmp_path)
    assert pages[0].path.suffix == ".jpg"
    assert pages[0].dpi == ocr.PDF_DPI


FARMERS = """HỘI NÔNG DÂN VIỆT NAM ĐẢNG CỘNG SẢN VIỆT NAM
BCH HỘI NÔNG DÂN TỈNH VĨNH PHÚC
Số: 3469-TB/{abbrev} Vĩnh Yên, ngày 13 tháng 6 năm 2023
THÔNG BÁO
Kết luận của Thường trực về công tác hội năm 2023
-----
Ngày 10 tháng 6 năm 2023, Thường trực đã họp.
"""


@pytest.mark.parametrize(("abbrev", "confident"), [("HNDT", True), ("HNBT", False)])
def test_a_scanned_party_style_number_of_a_mass_organization_spells_its_name(abbrev, confident):
    # The rules list the Party's abbreviations, not the associations': "HNBT" is
    # "HNDT" (Hội Nông dân tỉnh, after "BCH") with a letter misread.
    h = parse_header(FARMERS.format(abbrev=abbrev), ocr=True)
    assert h.value("code_notation") == f"TB/{abbrev}"
    assert (h.confidence("code_notation") >= 0.9) is confident, h.reasons


def test_a_huge_text_of_attachment_headings_is_parsed_in_linear_time():
    # No input stops the service: 20,000 pages each opening with a heading (each
    # looked at once, not against every other).
    import time

    text = HEAD + "\f".join(["PHỤ LỤC\nDANH SÁCH\n(Kèm theo Quyết định)"] * 20_000)
    started = time.perf_counter()
    h = parse_header(text)
    assert time.perf_counter() - started < 10
    assert h.symbol == "215-QĐ/BTCTU"


def test_a_scan_with_a_mark_drawn_over_it_is_rendered_with_the_mark(tmp_path):
    # A line drawn or a note typed over the scan is part of the page: it is drawn
    # with it, not dropped by taking the stored image alone.
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    jpeg, _ = _jpeg_scan_pdf()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(1654 * 72 / 200, 2339 * 72 / 200))
    c.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, 1654 * 72 / 200, 2339 * 72 / 200)
    c.save()
    alone = ocr._page_images(buf.getvalue(), "pdf", None, tmp_path)
    # reportlab writes the JPEG under ASCII85: undone, the JPEG is the scanner's.
    assert alone[0].path.read_bytes() == jpeg
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(1654 * 72 / 200, 2339 * 72 / 200))
    c.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, 1654 * 72 / 200, 2339 * 72 / 200)
    c.line(50, 50, 400, 400)
    c.save()
    (tmp_path / "marked").mkdir()
    marked = ocr._page_images(buf.getvalue(), "pdf", None, tmp_path / "marked")
    assert marked[0].path.read_bytes() != jpeg
    with Image.open(marked[0].path) as drawn:  # the line is on the page read
        assert (
            drawn.convert("L").getpixel((round(200 * 225 / 72), 2339 - round(200 * 225 / 72))) < 128
        )


def test_a_long_recipients_list_after_the_signature_is_not_counted_in_its_lines():
    # A minutes' two signers, then twenty recipients under them: the chair is read.
    recipients = "".join(f"- Ban Thường vụ huyện ủy số {k},\n" for k in range(1, 21))
    tail = "THƯ KÝ CHỦ TRÌ\nĐinh Ngọc Châu Bùi Công Trường\nNơi nhận:\n" + recipients
    minutes = HEAD.replace("QUYẾT ĐỊNH", "BIÊN BẢN")
    h = parse_header(minutes + BODY + tail + "- Lưu Văn phòng.\n")
    assert h.value("signer_full_name") == "Bùi Công Trường"


def test_a_name_at_a_lines_end_under_the_motto_is_no_signer():
    # A short letter signed with a bare name: "… Đảng Cộng sản Việt Nam" ending a
    # subject line a few lines under the motto is not a name under a position.
    text = """ỦY BAN NHÂN DÂN TỈNH BẮC GIANG
SỞ GIÁO DỤC VÀ ĐÀO TẠO
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 31/SGDĐT-VP Bắc Giang, ngày 13 tháng 10 năm 2020
V/v kỷ niệm 95 năm Ngày thành
lập Đảng Cộng sản Việt Nam
Kính gửi: Ủy ban nhân dân các xã, phường
Kinh phí bảo đảm từ nguồn dự toán được giao hằng năm.
Nơi nhận:
- Như trên;
- Lưu: VT.
Hồ Hữu Diệp
"""
    assert parse_header(text).value("signer_full_name") == "Hồ Hữu Diệp"


def test_a_long_recipients_list_read_line_by_line_beside_the_signature():
    # OCR reads the two columns line by line: the position, then entries, then the
    # name beside an entry, then more entries ("....~", "__-": specks before them).
    tail = (
        "Nơi nhận: TM BAN THƯỜNG VỤ\n"
        "- Ủy ban Mặt trận Tổ quốc và các đoàn thể, PHÓ BÍ THƯ\n"
        "- Các sở, ban, ngành,\n- Cổng Thông tin điện tử,\n- Các ban, cơ quan tham mưu,\n"
        "- Liên đoàn Lao động,\n- Các đồng chí Thành viên Ban Chỉ đạo, Đinh Thế Hưng\n"
        "....~ Các đồng chí Ủy viên Ban Thường vụ,\n- Hội Liên hiệp Phụ nữ,\n"
        "- Các huyện ủy, thị ủy, thành ủy trực thuộc,\n__- Lưu Văn phòng.\n"
    )
    h = parse_header(HEAD + BODY + tail, ocr=True)
    assert h.value("signer_full_name") == "Đinh Thế Hưng"
    assert h.value("signer_position") == "PHÓ BÍ THƯ"
    # The position lost, the name read among the entries: a person confirms it.
    lost = tail.replace("TM BAN THƯỜNG VỤ", "").replace(" PHÓ BÍ THƯ", "")
    h = parse_header(HEAD + BODY + lost, ocr=True)
    assert h.value("signer_full_name") == "Đinh Thế Hưng"
    assert h.confidence("signer_full_name") < 0.9


def test_an_entrys_own_capitals_are_no_signer():
    # OCR capitalised an entry's last words under the position; the name was lost.
    tail = (
        "Nơi nhận: KT. CHỦ TỊCH\n- Như trên; PHÓ CHỦ TỊCH\n"
        "- Các đồng chí Ủy viên Ban Thường Vụ,\n- Lưu: VT.\n"
    )
    h = parse_header(HEAD + BODY + tail, ocr=True)
    assert h.value("signer_full_name") is None
    # A family name misread ("Đỉnh") beside an entry is still a name.
    h = parse_header(
        HEAD + BODY + tail.replace("- Lưu: VT.", "- Lưu: VT. Đỉnh Quốc Thuận"), ocr=True
    )
    assert h.value("signer_full_name") in ("Đinh Quốc Thuận", "Đỉnh Quốc Thuận")
