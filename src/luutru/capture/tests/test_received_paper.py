"""Paper as the registry receives it: the sender's red seal over the signature and
the signer's name, the signature in pen, the registry's own "ĐẾN" stamp under the
number (NĐ 30/2020, Appendix IV). On a colour scan OCR reads the page with that ink
whitened (a red secrecy stamp in the header is kept) and the file keeps the page as
scanned; the stamp's words are never read as the document's."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from luutru.capture import ink, ocr
from luutru.capture.header import parse_header
from luutru.capture.header.text import _lines
from luutru.capture.tests.files import make_party_letter
from luutru.registry.tests.files import FONT_PATHS

pytestmark = pytest.mark.django_db

needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="Tesseract is not installed")

DPI = 200
RED, PURPLE, BLUE = (205, 35, 45), (110, 45, 150), (35, 60, 175)
LETTER = dict(
    issuer="TỈNH ỦY QUẢNG NINH",
    number="127-QĐ/TU",
    type_name="QUYẾT ĐỊNH",
    subject="về việc thành lập Ban Chỉ đạo công tác văn thư",
    signer="Hoàng Văn Em",
)


def _font(size: int):
    path = next(p for p in FONT_PATHS if p.exists())
    return ImageFont.truetype(str(path), size)


def _box_of(pdf: bytes, words: str) -> tuple[float, float, float, float]:
    """Where ``words`` are printed on page 1, in pixels at ``DPI`` (left, top, right, bottom)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        height = page.get_height()
        text = page.get_textpage()
        found = text.search(words).get_next()
        assert found, words
        first, count = found
        left, bottom, _, top = text.get_charbox(first)
        _, _, right, _ = text.get_charbox(first + count - 1)
    finally:
        doc.close()
    k = DPI / 72
    return left * k, (height - top) * k, right * k, (height - bottom) * k


def received(pdf: bytes, *, secret: bool = False, stamp: tuple = PURPLE) -> Image.Image:
    """Page 1 of ``pdf`` as received, in colour: a red seal over the left of the
    signer's name, a signature in pen, the "ĐẾN" stamp (purple, or ``stamp``) under
    the number; with ``secret``, a red "MẬT" stamp in the header."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0].render(scale=DPI / 72).to_pil().convert("RGB")
    finally:
        doc.close()
    layer = Image.new("RGB", page.size, "white")
    draw = ImageDraw.Draw(layer)
    left, top, right, bottom = _box_of(pdf, LETTER["signer"])
    cx, cy, r = left + 10, top - 40, 105  # the seal: over the name's left and the signature
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=RED, width=5)
    draw.ellipse((cx - r + 28, cy - r + 28, cx + r - 28, cy + r - 28), outline=RED, width=3)
    star = [
        (cx + (30 if i % 2 == 0 else 12) * math.sin(math.radians(36 * i)),
         cy - (30 if i % 2 == 0 else 12) * math.cos(math.radians(36 * i)))
        for i in range(10)
    ]  # fmt: skip
    draw.polygon(star, fill=RED)
    for k, ch in enumerate("TỈNH ỦY QUẢNG NINH"):
        a = math.radians(-100 + 11 * k)
        draw.text((cx + (r - 14) * math.sin(a), cy - (r - 14) * math.cos(a)), ch, fill=RED,
                  font=_font(16), anchor="mm")  # fmt: skip
    pen = [(left + 20 + 6 * t, top - 45 + 22 * math.sin(t / 1.7)) for t in range(40)]
    draw.line(pen, fill=BLUE, width=3)
    n_left, _, _, n_bottom = _box_of(pdf, "Số 127")
    x, y = n_left, n_bottom + 12  # the "ĐẾN" stamp under the number
    draw.rectangle((x, y, x + 390, y + 215), outline=stamp, width=4)
    draw.text((x + 195, y + 25), "VĂN PHÒNG HUYỆN ỦY", fill=stamp, font=_font(20), anchor="mm")
    draw.text((x + 20, y + 80), "ĐẾN", fill=stamp, font=_font(36), anchor="lm")
    draw.text((x + 130, y + 65), "Số: ...........", fill=stamp, font=_font(22), anchor="lm")
    draw.text((x + 130, y + 105), "Ngày: .........", fill=stamp, font=_font(22), anchor="lm")
    draw.text(
        (x + 20, y + 145), "Chuyển: ...................", fill=stamp, font=_font(22), anchor="lm"
    )
    draw.text(
        (x + 20, y + 185), "Số và ký hiệu hồ sơ: ......", fill=stamp, font=_font(22), anchor="lm"
    )
    draw.text((x + 210, y + 55), "681", fill=BLUE, font=_font(28), anchor="lm")
    draw.text((x + 230, y + 98), "25/6", fill=BLUE, font=_font(28), anchor="lm")
    if secret:  # a red "MẬT" stamp at the header's right, under the date
        sx, sy = page.size[0] - 420, n_bottom + 40
        draw.rectangle((sx, sy, sx + 150, sy + 70), outline=RED, width=4)
        draw.text((sx + 75, sy + 35), "MẬT", fill=RED, font=_font(40), anchor="mm")
    return ImageChops.multiply(page, layer)


def _jpeg(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=85, dpi=(DPI, DPI))
    return buf.getvalue()


def test_seal_signature_and_stamp_are_whitened_and_the_print_under_them_kept():
    pdf = make_party_letter(**LETTER)
    page = received(pdf, secret=True)
    read = ink.whitened(page, DPI)
    assert read is not None and read.mode == "L"
    left, top, right, bottom = _box_of(pdf, LETTER["signer"])
    # The seal's ring beside the name is gone; the name's own print under it is there.
    ring = [(x, y) for x in range(int(left) - 120, int(right)) for y in range(int(top) - 150, int(bottom))
            if page.getpixel((x, y))[0] > 150 and page.getpixel((x, y))[1] < 100]  # fmt: skip
    assert ring and all(read.getpixel(p) > 200 for p in ring)
    name = [(x, y) for x in range(int(left), int(right)) for y in range(int(top), int(bottom))
            if max(page.getpixel((x, y))) < 60]  # fmt: skip
    assert name and sum(read.getpixel(p) < 100 for p in name) > 0.9 * len(name)
    # The "MẬT" stamp (one line, in the header band) is kept for the secrecy to be read.
    n_left, _, _, n_bottom = _box_of(pdf, "Số 127")
    stamp = [(x, y) for x in range(page.size[0] - 420, page.size[0] - 270)
             for y in range(int(n_bottom) + 40, int(n_bottom) + 110)
             if page.getpixel((x, y))[1] < 100]  # fmt: skip
    assert stamp and sum(read.getpixel(p) < 160 for p in stamp) > 0.9 * len(stamp)
    # The "ĐẾN" stamp is gone with the number written in it.
    den = [(x, y) for x in range(int(n_left), int(n_left) + 390)
           for y in range(int(n_bottom) + 12, int(n_bottom) + 227)
           if max(page.getpixel((x, y))) - min(page.getpixel((x, y))) > 100]  # fmt: skip
    assert den and all(read.getpixel(p) > 200 for p in den)


def test_the_grey_ghost_a_jpeg_leaves_of_a_colour_stamp_goes_too():
    """A JPEG keeps colour at half the resolution: the thin lines of the stamp's
    words and dots come out grey, not coloured, and OCR read that ghost into the
    subject's lines beside it (open draw 2929: subject right on 46 % of colour pages
    as received). What stands alone in the whitened stamp goes; the print stays."""
    pdf = make_party_letter(**LETTER)
    printed = _printed(pdf)
    buf = io.BytesIO()
    received(pdf).save(buf, "JPEG", quality=40, subsampling=2, dpi=(DPI, DPI))
    read = np.asarray(ink.whitened(Image.open(buf), DPI))
    n_left, _, _, n_bottom = _box_of(pdf, "Số 127")
    stamp = (slice(int(n_bottom) + 12, int(n_bottom) + 227), slice(int(n_left), int(n_left) + 390))
    ghost = read[stamp][printed[stamp] > 230] < 160  # where the paper is bare under the stamp
    assert ghost.sum() < 300, ghost.sum()  # 697 pixels with the colour alone
    black = read[stamp][printed[stamp] < 60] < 120
    assert black.sum() > 0.95 * black.size


@pytest.mark.parametrize("grey", [False, True])
def test_the_header_band_takes_page_1_as_the_first_reading_whitened_it(tmp_path, grey):
    """The second pass over the header band does not whiten page 1's ink again: it
    takes the page the first reading read, and its band is the same, pixel for pixel."""
    from luutru.capture import header_ocr

    page = received(make_party_letter(**LETTER), secret=True)
    data = _jpeg(page.convert("L") if grey else page)
    read = ink.whitened(Image.open(io.BytesIO(data)), DPI)
    assert read is not None
    read.save(tmp_path / "doc-1.bmp", "BMP", dpi=(DPI, DPI))
    again = header_ocr.band_image(data, "jpeg")
    taken = header_ocr.band_image(data, "jpeg", header_ocr.Page1(tmp_path / "doc-1.bmp", DPI))
    assert taken.mode == again.mode and taken.size == again.size
    assert (np.asarray(taken) == np.asarray(again)).all()


def test_yellowed_paper_is_no_ink_and_a_faint_stamp_still_is():
    pdf = make_party_letter(**LETTER)
    page = received(pdf, secret=True)
    # Old paper (yellowed), copied faint: the ink's colour is weaker, the paper's stronger.
    aged = ImageChops.multiply(page, Image.new("RGB", page.size, (242, 232, 196)))
    aged = Image.eval(aged, lambda v: int(v + (255 - v) * 0.4))
    read = ink.whitened(aged, DPI)
    assert read is not None
    left, top, right, bottom = _box_of(pdf, LETTER["signer"])
    ring = [(x, y) for x in range(int(left) - 120, int(right)) for y in range(int(top) - 150, int(bottom))
            if page.getpixel((x, y))[0] > 150 and page.getpixel((x, y))[1] < 100]  # fmt: skip
    assert ring and sum(read.getpixel(p) > 200 for p in ring) > 0.95 * len(ring)
    _, _, _, n_bottom = _box_of(pdf, "Số 127")
    stamp = [(x, y) for x in range(page.size[0] - 420, page.size[0] - 270)
             for y in range(int(n_bottom) + 40, int(n_bottom) + 110)
             if page.getpixel((x, y))[1] < 100]  # fmt: skip
    assert sum(read.getpixel(p) < 200 for p in stamp) > 0.9 * len(stamp), "the MẬT stamp is kept"
    name = [(x, y) for x in range(int(left), int(right)) for y in range(int(top), int(bottom))
            if max(page.getpixel((x, y))) < 60]  # fmt: skip
    assert sum(read.getpixel(p) < 160 for p in name) > 0.9 * len(name)


def test_pages_without_ink_are_read_as_they_are():
    pdf = make_party_letter(**LETTER)
    plain = Image.new("RGB", received(pdf).size, "white")
    assert ink.whitened(plain, DPI) is None
    # A grey page of print alone: no shape of a stamp's size in mid-grey ink.
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        printed = doc[0].render(scale=DPI / 72).to_pil().convert("L")
    finally:
        doc.close()
    assert ink.whitened(printed, DPI) is None
    worn = Image.eval(printed, lambda v: int(v + (255 - v) * 0.4))  # a faint copy
    assert ink.whitened(worn, DPI) is None
    # A faint copy with a copier lid's dark edge down its side and specks of dust, all
    # darker than its print: a title of three lines in capitals is still print.
    faint = Image.new("L", (1654, 2339), 250)
    draw = ImageDraw.Draw(faint)
    for n, line in enumerate(("NGHỊ QUYẾT", "VỀ TĂNG CƯỜNG CÔNG TÁC", "KIỂM TRA, GIÁM SÁT")):
        draw.text((827, 400 + 54 * n), line, fill=127, font=_font(52), anchor="mm")
    for n in range(4):
        draw.text((160, 620 + 40 * n), "Các cơ quan, đơn vị rà soát danh mục hồ sơ " * 2,
                  fill=127, font=_font(28))  # fmt: skip
    draw.rectangle((0, 0, 20, faint.height), fill=60)
    for k in range(400):
        x, y = (k * 7919) % faint.width, (k * 104729) % faint.height
        draw.ellipse((x, y, x + 2, y + 2), fill=(k * 37) % 100)
    assert ink.whitened(faint, DPI) is None
    assert ink.whitened(received(pdf).convert("L"), 0) is None  # no scale to size a stamp by
    for odd in (
        Image.new("L", (3, 3)),
        Image.new("L", (900, 900), 255),
        Image.new("L", (900, 900)),
    ):
        assert ink.whitened(odd, DPI) is None


def test_on_a_grey_scan_the_stamp_and_the_seal_go_by_their_paler_tone():
    pdf = make_party_letter(**LETTER)
    page = received(pdf, secret=True)
    grey = page.convert("L")
    read = ink.whitened(grey, DPI)
    assert read is not None and read.mode == "L" and read.size == grey.size
    n_left, _, _, n_bottom = _box_of(pdf, "Số 127")
    den = [(x, y) for x in range(int(n_left), int(n_left) + 390)
           for y in range(int(n_bottom) + 12, int(n_bottom) + 227)
           if max(page.getpixel((x, y))) - min(page.getpixel((x, y))) > 100]  # fmt: skip
    assert den and sum(read.getpixel(p) > 200 for p in den) > 0.95 * len(den)
    left, top, right, bottom = _box_of(pdf, LETTER["signer"])
    ring = [(x, y) for x in range(int(left) - 120, int(right)) for y in range(int(top) - 150, int(bottom))
            if page.getpixel((x, y))[0] > 150 and page.getpixel((x, y))[1] < 100]  # fmt: skip
    assert ring and sum(read.getpixel(p) > 200 for p in ring) > 0.9 * len(ring)
    # The print under them and beside them is kept: the name, every black pixel.
    name = [(x, y) for x in range(int(left), int(right)) for y in range(int(top), int(bottom))
            if max(page.getpixel((x, y))) < 60]  # fmt: skip
    assert name and all(read.getpixel(p) == grey.getpixel(p) for p in name)
    black = np.asarray(grey) < 40
    assert (np.asarray(read)[black] == np.asarray(grey)[black]).all()
    # The "MẬT" stamp is one line high: not a stamp's size, it is kept to be read.
    stamp = [(x, y) for x in range(page.size[0] - 420, page.size[0] - 270)
             for y in range(int(n_bottom) + 40, int(n_bottom) + 110)
             if page.getpixel((x, y))[1] < 100]  # fmt: skip
    assert stamp and all(read.getpixel(p) == grey.getpixel(p) for p in stamp)


def test_on_a_grey_scan_what_is_written_in_the_stamp_goes_and_the_number_above_stays():
    """In grey a black pen is as dark as print: the arrival number, its date and to
    whom it goes, written in the "ĐẾN" stamp, were read into the subject's lines
    (open draw 2929). What lies wholly within the stamp goes; the printed number
    just above its frame, and the print round it, stay."""
    pdf = make_party_letter(**LETTER)
    grey = received(pdf).convert("L")
    n_left, _, n_right, n_bottom = _box_of(pdf, "Số 127")
    x, y = n_left, n_bottom + 12  # the stamp's corner (``received``)
    pen = Image.new("L", grey.size, 255)
    for draw in (ImageDraw.Draw(grey), ImageDraw.Draw(pen)):
        draw.text((x + 200, y + 60), "1841", fill=15, font=_font(30), anchor="lm")
        draw.text((x + 130, y + 145), "Đ/c Hùng", fill=15, font=_font(30), anchor="lm")
    read = np.asarray(ink.whitened(grey, DPI))
    before = np.asarray(grey)
    written = np.asarray(pen) < 60
    assert written.sum() > 500  # the pen, as dark as print
    assert (read[written] > 200).mean() > 0.98
    # The stamp lies over the subject's print here: that line runs out of it, and stays.
    near_pen = np.asarray(pen.filter(ImageFilter.MinFilter(7))) < 250
    print_under = (before < 40) & ~near_pen
    print_under[: int(y)] = print_under[int(y) + 215 :] = False
    assert print_under.sum() > 300 and (read[print_under] == before[print_under]).all()
    number = (slice(int(n_bottom) - 40, int(n_bottom)), slice(int(n_left), int(n_right)))
    assert (before[number] < 60).sum() > 200
    assert (read[number] == before[number]).all()
    # Every black pixel outside the stamp is kept.
    outside = np.ones(before.shape, bool)
    outside[int(y) - 4 : int(y) + 220, int(x) - 4 : int(x) + 395] = False
    black = outside & (before < 40)
    assert (read[black] == before[black]).all()


def _frame_test_page(pdf: bytes, mode: str) -> tuple[Image.Image, tuple[int, int]]:
    """Page 1 as received with a "ĐẾN" stamp in an ink that scans as dark as print,
    in ``mode`` ("L" grey, "1" black and white); and the stamp's corner."""
    page = received(pdf, stamp=(45, 30, 70)).convert("L")
    if mode == "1":
        page = page.point(lambda v: 255 if v > 140 else 0).convert("1")
    n_left, _, _, n_bottom = _box_of(pdf, "Số 127")
    return page, (int(n_left), int(n_bottom) + 12)


@pytest.mark.parametrize("mode", ["L", "1"])
def test_a_stamp_as_dark_as_print_goes_by_its_frame(mode):
    """A dark ink scans as dark as print, in grey and in black and white: the "ĐẾN"
    stamp is then found by its frame (two upright lines a stamp's width apart, a
    line across); its frame and what is printed and written in it go, and the
    printed subject line the stamp lies on, which runs out of it, stays."""
    pdf = make_party_letter(**LETTER)
    page, (x, y) = _frame_test_page(pdf, mode)
    read = np.asarray(ink.whitened(page, DPI))
    before = np.asarray(page.convert("L"))
    printed = _printed(pdf)
    stamp = (slice(y - 4, y + 220), slice(x - 4, x + 395))
    own = (before[stamp] < 100) & (printed[stamp] > 200)  # the stamp's frame, words, pen
    assert own.sum() > 3000
    assert (read[stamp][own] > 200).mean() > 0.85  # what touches the print it lies on stays
    under = printed[stamp] < 60  # the print the stamp lies on
    assert under.sum() > 300
    assert (read[stamp][under] < 100).mean() > 0.8  # but for the frame's pixels across it


def _printed(pdf: bytes) -> np.ndarray:
    """Page 1 of ``pdf`` as printed, grey, at ``DPI``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return np.asarray(doc[0].render(scale=DPI / 72).to_pil().convert("L"))
    finally:
        doc.close()


def test_a_table_in_the_header_is_no_stamp():
    """A table's cells are framed too, but have more upright lines beside them."""
    pdf = make_party_letter(**LETTER)
    page = received(pdf).convert("L")
    n_left, _, _, n_bottom = _box_of(pdf, "Số 127")
    x, y = int(n_left), int(n_bottom) + 12
    page.paste(255, (x - 10, y - 5, x + 1200, y + 260))  # no stamp: a table instead
    draw = ImageDraw.Draw(page)
    for k in range(4):
        draw.line((x + 390 * k, y, x + 390 * k, y + 215), fill=0, width=4)
    for row in (y, y + 215):
        draw.line((x, row, x + 1170, row), fill=0, width=4)
    for k, word in enumerate(("Chỉ tiêu", "Kế hoạch", "Thực hiện")):
        draw.text((x + 40 + 390 * k, y + 100), word, fill=0, font=_font(30), anchor="lm")
    read = ink.whitened(page, DPI)
    if read is not None:
        cells = np.asarray(page)[y + 10 : y + 205, x + 10 : x + 1160] < 100
        assert (np.asarray(read)[y + 10 : y + 205, x + 10 : x + 1160][cells] < 100).all()


@needs_tesseract
def test_a_grey_scan_as_received_reads_the_subject_and_signer_the_stamp_covered():
    pdf = make_party_letter(**LETTER)
    buf = io.BytesIO()
    received(pdf, secret=True).convert("L").save(buf, "JPEG", quality=85, dpi=(DPI, DPI))
    result = ocr.run_ocr(buf.getvalue(), "jpeg")
    m = parse_header(result.text, ocr=True).metadata()
    assert m["symbol"] == LETTER["number"]
    assert m["subject"] == LETTER["subject"], result.text
    assert m["signer_full_name"] == LETTER["signer"], result.text
    # The PDF/A shows the page as scanned: the stamp is still there, in its grey.
    import pikepdf

    with pikepdf.open(io.BytesIO(result.pdf)) as kept:
        image = next(iter(kept.pages[0].get_images().values()))
        shown = np.asarray(pikepdf.PdfImage(image).as_pil_image().convert("L"))
    n_left, _, _, n_bottom = _box_of(pdf, "Số 127")
    stamp = shown[int(n_bottom) + 12 : int(n_bottom) + 227, int(n_left) : int(n_left) + 390]
    assert ((stamp > 60) & (stamp < 160)).sum() > 2000


@needs_tesseract
def test_a_colour_scan_as_received_is_read_whole_and_kept_as_scanned():
    pdf = make_party_letter(**LETTER)
    result = ocr.run_ocr(_jpeg(received(pdf, secret=True)), "jpeg")
    m = parse_header(result.text, ocr=True).metadata()
    assert m["signer_full_name"] == LETTER["signer"], result.text
    assert m["symbol"] == LETTER["number"]
    assert m["secrecy"] == 1, "the red MẬT stamp is read"
    assert "Chuyển" not in m["subject"] and "ĐẾN" not in m["subject"]
    # The PDF/A shows the page as scanned: the seal is still red there.
    import pikepdf

    with pikepdf.open(io.BytesIO(result.pdf)) as kept:
        image = next(iter(kept.pages[0].get_images().values()))
        shown = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
    r, g, b = (np.asarray(band, dtype=int) for band in shown.reduce(4).split())
    assert ((r > 150) & (g < 110) & (b < 110)).sum() > 50


def test_the_registry_stamp_is_no_part_of_the_header():
    text = "\n".join([
        "TỈNH ỦY QUẢNG NINH ĐẢNG CỘNG SẢN VIỆT NAM",
        "*",
        "Số 127-QĐ/TU Hạ Long, ngày 04 tháng 02 năm 2025",
        "VĂN PHÒNG HUYỆN ỦY",
        "ĐẾN Số: « -27TT",  # the number written in by hand, misread
        "Ngày: 25/6",
        "QUYẾT ĐỊNH",
        "Chuyển: Đ/c Hùng",
        "về việc thành lập Ban Chỉ đạo công tác văn thư",
        "Số và ký hiệu hồ sơ: ..........",
        "-----",
    ])  # fmt: skip
    m = parse_header(text, ocr=True).metadata()
    assert m["symbol"] == "127-QĐ/TU"
    assert m["subject"] == "về việc thành lập Ban Chỉ đạo công tác văn thư"
    assert str(m["issued_date"]) == "2025-02-04"


def test_the_receiving_body_printed_on_the_stamp_is_never_the_issuer():
    # The number line lost under the stamp (as OCR reads a grey scan), the stamp's
    # receiving body right under the date: it must not be taken for the issuer.
    text = "\n".join([
        "ĐẢNG BỘ TỈNH BÌNH ĐỊNH ĐẢNG CỘNG SẢN VIỆT NAM",
        "HUYỆN ỦY ĐỒNG XUÂN",
        "SðH1KNH Đồng Xuân, ngày 19 tháng 11 năm 2019",
        "TỐI MẬT",
        "VĂN PHÒNG TỈNH ỦY",
        "N3 Số: 190 -",
        "ĐẾN , Ngày: 20/11",
        "KẾ HOẠCH",
        "thực hiện công tác văn thư năm 2020",
    ])  # fmt: skip
    header = parse_header(text, ocr=True)
    m = header.metadata()
    assert "VĂN PHÒNG" not in m["issuer"] and "VĂN PHÒNG" not in m["issuer_parent"]
    assert m["secrecy"] == 2


def test_a_parent_is_no_surer_than_the_issuer_under_it():
    text = "\n".join([
        "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM",
        "SỐ ỐNG",
        "Số: 08-QĐ/TW Hà Nội, ngày 02 tháng 02 năm 2020",
        "QUY ĐỊNH",
        "về xây dựng đội ngũ trí thức",
    ])  # fmt: skip
    header = parse_header(text, ocr=True)
    f = header.fields
    assert f["issuer_parent"].confidence <= f["issuer"].confidence < 0.9
    assert "issuer_parent" in header.uncertain(0.9)


def test_an_issuer_that_is_only_a_province_s_name_is_doubted():
    text = "\n".join([
        "HỘI ĐỒNG NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "HNINH THUẬN Độc lập - Tự do - Hạnh phúc",
        "Số: 03/2024/NQ-HĐND Phan Rang - Tháp Chàm, ngày 11 tháng 10 năm 2024",
        "NGHỊ QUYẾT",
        "Về tăng cường lãnh đạo an toàn vệ sinh thực phẩm",
    ])  # fmt: skip
    header = parse_header(text, ocr=True)
    assert {"issuer", "issuer_parent"} <= set(header.uncertain(0.9)), header.fields


def test_words_like_the_stamp_s_in_a_header_are_kept():
    text = "\n".join([
        "TỈNH ỦY QUẢNG NINH ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 12-CT/TU Hạ Long, ngày 04 tháng 02 năm 2025",
        "CHỈ THỊ",
        "về công tác lưu trữ tài liệu điện tử",
        "ĐẾN NĂM 2030",
        "VỀ CÔNG TÁC CỦA BAN CHỈ ĐẠO",
        "ĐẾN HẾT NĂM 2025",
        "GIAI ĐOẠN 2021 ĐẾN 2025",
        "Số: 14/2024/NĐ-CP",
    ])  # fmt: skip
    lines = [" ".join(x.split()) for x in text.split("\n")]
    assert [line.text for line in _lines(text)] == lines


def test_a_signer_s_position_read_among_the_header_lines_is_no_known_issuer():
    # OCR read a grey page's lines out of order: the signer block's "CHỦ TỊCH" came
    # second, and stood as the issuer, confident because the phrase is a known one.
    text = "\n".join([
        "ủy BAN NHÂN DÂN TỈNH BẮC GIANG CỘNG",
        "Như trên; CHỦ TỊCH",
        "",
        "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ": Độc lập - Tự do - Hạnh phúc",
        "Số: 538/QĐ-UBND Bắc Giang, ngày 25 tháng 5 năm 2018",
        "QUYẾT ĐỊNH",
        "Về việc quản lý, sử dụng con dấu của các tổ chức đảng",
    ])  # fmt: skip
    out = parse_header(text, ocr=True)
    if out.value("issuer") == "CHỦ TỊCH":
        assert out.confidence("issuer") < 0.9
        assert "không khớp tên cơ quan" in out.reasons["issuer"]
    # The fixed phrases still name bodies; a signer block's phrases name none.
    from luutru.capture.header.parse import _known_body
    from luutru.capture.header.vocabulary import HeaderVocabulary

    vocab = HeaderVocabulary()
    assert _known_body("BAN TỔ CHỨC TỈNH ỦY", vocab) and _known_body("QUỐC HỘI", vocab)
    for position in ("CHỦ TỊCH", "PHÓ BÍ THƯ", "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ", "GIÁM ĐỐC"):
        assert not _known_body(position, vocab), position
