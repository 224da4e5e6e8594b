"""The second OCR pass over the header band puts back the lines Tesseract drops."""

from __future__ import annotations

import pytest

from luutru.capture import header_ocr, ocr, steps
from luutru.capture.header import parse_header

FIRST = "\n".join(
    [
        "HỘI NÔNG DÂN VIỆT NAM",
        "BCH HỘI NÔNG DÂN TỈNH GIA LAI",
        "Số: 15-TB/HNDT Gia Lai, ngày 02 tháng 6 năm 2021",
        "về tổ chức đại hội chi bộ",
        "nhiệm kỳ 2025 - 2027",
        "Sau một thời gian triển khai, công việc đã có chuyển biến.",
    ]
)
# What Tesseract gives for the band with ``--psm 6``: columns on one baseline
# joined, rules and specks read as letters.
SECOND = [
    "HỘI NÔNG DÂN VIỆT NAM __ ĐẢNG CỘNG SẢN VIỆT NAM",
    "BCH HỘI NÔNG DÂN TỈNH GIA LAI š 3TT Eitbif0fiotttSVtovtrcrortaxmgrmrrmagrroere",
    "% Š ớ",
    "Số: 15-TB/HNDT Gia Lai, ngày 02 tháng 6 năm 2021",
    "THÔNG BÁO",
    "về tổ chức đại hội chi bộ :",
]


@pytest.mark.django_db
def test_dropped_motto_and_type_line_come_back_where_they_stand():
    text, added = header_ocr.merge(FIRST, SECOND)
    assert added == ["ĐẢNG CỘNG SẢN VIỆT NAM", "THÔNG BÁO"]
    lines = text.splitlines()
    assert lines.index("ĐẢNG CỘNG SẢN VIỆT NAM") == lines.index("HỘI NÔNG DÂN VIỆT NAM") + 1
    assert lines.index("THÔNG BÁO") == lines.index("về tổ chức đại hội chi bộ") - 1
    # Nothing read the first time is repeated; the speck rows add nothing.
    assert len(lines) == len(FIRST.splitlines()) + 2
    assert not any("Eitbif" in line or "Š" in line for line in lines)


@pytest.mark.django_db
def test_a_complete_first_reading_is_left_as_it_is():
    second = [line + " :" for line in FIRST.splitlines()[:4]]
    assert header_ocr.merge(FIRST, second) == (FIRST, [])


@pytest.mark.django_db
@pytest.mark.skipif(not ocr.available(), reason="Tesseract (vie) is not installed")
def test_the_second_pass_reads_a_real_scans_header_band():
    import random

    from bench.extraction.layouts import documents
    from bench.extraction.layouts.render import render_pdf, render_scan

    doc = next(d for d in documents("open", 20) if d.family.startswith("party-"))
    pdf = render_pdf(doc, random.Random(f"pdf/{doc.id}"))
    scan, _ = render_scan(pdf, random.Random(f"scan/{doc.id}"), 200)
    lines = header_ocr.band_lines(scan, "jpeg")
    assert any("ĐẢNG CỘNG SẢN VIỆT NAM" in line for line in lines), lines
    result = ocr.run_ocr(scan, "jpeg")
    # What capture keeps: the reading with its tone marks restored (a first reading
    # may hold the motto as "ĐÁNG CỘNG SẢN VIỆT NAM": read, not dropped).
    kept = steps.corrected_ocr_text(result.text, None)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in kept


@pytest.mark.django_db
def test_a_dropped_subject_line_comes_back_under_its_type_line_and_fragments_do_not():
    first = "\n".join(
        [
            "TỈNH ỦY SÓC TRĂNG ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số 333-QĐ/TU Sóc Trăng, ngày 12 tháng 3 năm 2021",
            "Trong quá trình thực hiện, nếu có vướng mắc, phản ánh kịp thời về",
            "cơ quan XD trực để tổng hợp",
        ]
    )
    second = [
        "TỈNH ỦY SÓC TRĂNG ĐẢNG CỘNG SẢN VIỆT NAM",
        ": Số 333-QĐ/TU Sóc Trăng, ngày 12 tháng 3 năm 2021",
        ": QUYẾT ĐỊNH",
        "về việc thành lập Ban Chỉ đạo phát triển kinh tế tập thể :",
        "VỀ CÔNG TÁC Ong, TỔ CHỨC",  # a capitals line misread: not a subject line
        "Trong quá trình thực hiện, nếu có vướng mắc, phản ánh kịp thời về",
        "vn cơ quan thường trực để tổng hợp",  # a fragment of a line read already
    ]
    text, added = header_ocr.merge(first, second)
    assert added == ["QUYẾT ĐỊNH", "về việc thành lập Ban Chỉ đạo phát triển kinh tế tập thể"]
    lines = text.splitlines()
    assert lines[2:4] == added  # under the date line, in the band's order
    assert len(lines) == 6


# A first reading that kept the motto and the type line but dropped the trích yếu
# under it: the body's first sentence stands right under the type line.
DROPPED_SUBJECT = "\n".join(
    [
        "TỈNH ỦY BẠC LIÊU ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 78-KL/TU Bạc Liêu, ngày 17 tháng 11 năm 2022",
        "KẾT LUẬN",
        "Văn bản này được phổ biến đến toàn thể cán bộ, đảng viên, hội viên và nhân dân",
        "trên địa bàn..  - - : Ỷ",
        "Kinh phí bảo đảm từ nguồn dự toán được giao hằng năm.",
    ]
)


def test_a_body_sentence_under_the_type_line_asks_for_the_band():
    assert not header_ocr.header_complete(DROPPED_SUBJECT)
    kept = DROPPED_SUBJECT.replace("KẾT LUẬN", "KẾT LUẬN\nvề tiếp tục thực hiện tổ chức đại hội")
    assert header_ocr.header_complete(kept)
    # A trích yếu in capitals, or one wrapped short, is no body sentence.
    caps = DROPPED_SUBJECT.replace("Văn bản này", "VỀ CÔNG TÁC VĂN THƯ").split("\n")
    assert header_ocr.header_complete("\n".join(caps[:4]))


@pytest.mark.django_db
def test_a_two_line_subject_dropped_whole_comes_back_in_order_with_its_years():
    second = [
        "TỈNH ỦY BẠC LIÊU ĐẢNG CỘNG SẢN VIỆT NAM :",
        "Số 78-KL/TU | Bạc Liêu, ngày 17 tháng 11 năm 2022",
        "| KẾT LUẬN",
        "về tiếp tục thực hiện tổ chức đại hội :",
        "chi bộ nhiệm kỳ 2025 - 2027 năm 2022",
        "Văn bản này được phổ biến đến toàn thể cán bộ, đảng viên, hội viên và nhân dân :",
    ]
    text, added = header_ocr.merge(DROPPED_SUBJECT, second)
    assert added == [
        "về tiếp tục thực hiện tổ chức đại hội",
        "chi bộ nhiệm kỳ 2025 - 2027 năm 2022",
    ]
    lines = text.splitlines()
    assert lines[3:5] == added  # right under the type line, the second under the first
    assert lines[5].startswith("Văn bản này")


def test_a_line_read_again_with_other_marks_is_not_added_twice():
    first = "\n".join(
        [
            "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số 52-NQ/TW Hà Nội, ngày 20 tháng 5 năm 2020",
            "NGHỊ QUYẾT",
            "VỀ NHIỆM VỤ CỦA ĐẢNG VIÊN ĐANG CÔNG TÁC",
            "THƯỜNG XUYÊN LIÊN HỆ VỚI NƠI CƯ TRÚ",
            "VỀ CÔNG TÁC BẢO VỆ CHÍNH TRỊ NỘI",
            "Sau một thời gian triển khai, công việc đã có chuyển biến.",
            "BỘ ĐẲNG",
        ]
    )
    second = ["NGHỊ QUYẾT", "VƠI NƠI CƯ TRU", "BỘ ĐẢNG"]
    _, added = header_ocr.merge(first, second)
    # A long run read with other marks is there already; a short one ("BỘ ĐẲNG"
    # under the body) may be other words read elsewhere, so the band's line comes back.
    assert added == ["BỘ ĐẢNG"]


@pytest.mark.parametrize(
    ("lines_below", "band_line", "added"),
    [
        # The word the first reading lost ends a word of the dictionary: it comes back.
        ([], ": tử .", ["tử"]),
        # Read already on the line below (behind a speck): nothing is added.
        (["tử"], ": tử .", []),
        ([". tử. n :"], ": tử .", []),
        # Not the end of a word begun above ("điện" / "bàn"): a speck's reading.
        ([], ": bàn .", []),
    ],
)
def test_a_subjects_last_word_dropped_on_its_own_line_comes_back(lines_below, band_line, added):
    first = "\n".join(
        [
            "ĐẢNG ỦY PHƯỜNG MINH KHAI ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số 737-NQ/ĐU Minh Khai, ngày 10 tháng 3 năm 2021",
            "NGHỊ QUYẾT",
            "về tăng cường lãnh đạo công tác lưu",
            "trữ tài liệu điện",
            *lines_below,
            "",
            "Sau một thời gian triển khai, công việc đã có chuyển biến.",
        ]
    )
    second = ["NGHỊ QUYẾT", ": đạo công tác lưu .", "trữ tài liệu điện : :", band_line]
    text, got = header_ocr.merge(first, second)
    assert got == added
    if added:
        lines = text.splitlines()
        assert lines[lines.index("trữ tài liệu điện") + 1] == "tử"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("band_line", "added", "secrecy", "urgency"),
    [
        # A boxed stamp the first reading dropped, specks read beside it.
        ("KHẨN Xện”", ["KHẨN"], 0, 1),
        ("TỐI MẬT :", ["TỐI MẬT"], 2, 0),
        # A stamp word opening a line of capitals is no stamp (the line comes back
        # as a dropped line in capitals, not as "MẬT").
        ("MẬT TRẬN TỔ QUỐC", ["MẬT TRẬN TỔ QUỐC"], 0, 0),
    ],
)
def test_a_stamp_the_first_reading_dropped_comes_back(band_line, added, secrecy, urgency):
    first = "\n".join(
        [
            "TỈNH ỦY BẮC GIANG ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số 07-QĐ/TU Bắc Giang, ngày 24 tháng 9 năm 2017",
            "QUYẾT ĐỊNH",
            "về việc thành lập Ban Chỉ đạo",
        ]
    )
    second = ["Số 07-QĐ/TU Bắc Giang, ngày 24 tháng 9 năm 2017", band_line, "QUYẾT ĐỊNH :"]
    text, got = header_ocr.merge(first, second)
    assert got == added
    parsed = parse_header(text, ocr=True)
    assert (parsed.value("secrecy"), parsed.value("urgency")) == (secrecy, urgency)


@pytest.mark.django_db
@pytest.mark.skipif(not ocr.available(), reason="Tesseract (vie) is not installed")
def test_boxed_stamps_on_a_real_scan_are_found_and_read():
    import random

    from bench.extraction.layouts import documents
    from bench.extraction.layouts.render import render_pdf, render_scan

    docs = documents("open", 40)
    stamped = [d for d in docs if d.stamps][:3]
    plain = next(d for d in docs if not d.stamps)
    for doc in [*stamped, plain]:
        pdf = render_pdf(doc, random.Random(f"pdf/{doc.id}"))
        scan, _ = render_scan(pdf, random.Random(f"scan/{doc.id}"), 200)
        assert header_ocr.stamps_in_boxes(scan, "jpeg") == doc.stamps, doc.id
        # A stamp read the first time is not read again (nor its box's word added).
        assert header_ocr.stamps_in_boxes(scan, "jpeg", doc.stamps) == []


def test_a_stamp_found_in_a_box_goes_under_the_number_line():
    first = "TỈNH ỦY BẮC GIANG\nSố 07-QĐ/TU Bắc Giang, ngày 24 tháng 9 năm 2017\nQUYẾT ĐỊNH"
    lines = header_ocr._put_stamps(first, ["MẬT", "THƯỢNG KHẨN"]).split("\n")
    assert lines[2:4] == ["MẬT", "THƯỢNG KHẨN"]
    assert header_ocr._stamps_read("\n".join(lines)) == ["MẬT", "THƯỢNG KHẨN"]
    assert header_ocr._stamps_read(first) == []


def test_an_image_the_stamp_search_cannot_read_adds_nothing():
    assert header_ocr.stamps_in_boxes(b"\x89PNG not an image", "png") == []
    assert header_ocr.recover(b"not an image", "jpeg", "MẬT\nSố 1-NQ/TU")[1] == []


@pytest.mark.parametrize("dpi", [1, 100_000])
def test_a_resolution_no_scanner_writes_does_not_blow_up_the_band(dpi):
    import io

    from PIL import Image

    page = Image.new("L", (1654, 2339), 255)
    buf = io.BytesIO()
    page.save(buf, "PNG", dpi=(dpi, dpi))
    band = header_ocr.band_image(buf.getvalue(), "png")
    assert band.size == (1654, int(2339 * header_ocr.BAND))
    assert header_ocr.stamps_in_boxes(buf.getvalue(), "png") == []


def test_a_low_resolution_scan_is_enlarged_to_the_target_within_bounds():
    import io

    from PIL import Image

    page = Image.new("L", (827, 1170), 255)  # A4 at 100 dpi
    buf = io.BytesIO()
    page.save(buf, "PNG", dpi=(100, 100))
    assert header_ocr.band_image(buf.getvalue(), "png").size[0] == 1654
