"""Issue 10, fifteenth round: what real documents print and the layout bench never drew.
A decision names who issues it under its trích yếu (NĐ 30/2020 Appendix I, "THẨM QUYỀN
BAN HÀNH"); Word wraps a long name or subject where the header's cell ends (a year
alone on a line, a name broken after its dash or before "VIỆT NAM"); Word prints an en
dash; a city's districts are numbered. Examples written here in the published forms'
layout, none copied from a document."""

from __future__ import annotations

import pytest

from luutru.capture.header import parse_header

pytestmark = pytest.mark.django_db

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def decision(subject: str, below: str, *, issuer="ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG") -> str:
    return (
        f"{issuer}\n{MOTTO}Số: 15/2024/QĐ-UBND Đà Lạt, ngày 03 tháng 5 năm 2024\n"
        f"QUYẾT ĐỊNH\n{subject}\n{below}\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "Theo đề nghị của Giám đốc Sở Nội vụ,\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n"
    )


@pytest.mark.parametrize(
    "below",
    [
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM\nĐỒNG",  # wrapped at the page's width
    ],
)
def test_who_issues_a_decision_is_no_part_of_its_subject(below):
    h = parse_header(decision("BAN HÀNH QUY CHẾ QUẢN LÝ CÔNG CHỨC,\nVIÊN CHỨC NĂM 2024", below))
    assert h.value("subject") == "BAN HÀNH QUY CHẾ QUẢN LÝ CÔNG CHỨC, VIÊN CHỨC NĂM 2024"
    assert h.confidence("subject") >= 0.9


def test_a_council_under_its_resolution_with_its_session():
    text = (
        f"HỘI ĐỒNG NHÂN DÂN\nTỈNH LÂM ĐỒNG\n{MOTTO}"
        "Số: 21/2024/NQ-HĐND Đà Lạt, ngày 10 tháng 7 năm 2024\nNGHỊ QUYẾT\n"
        "QUY ĐỊNH MỨC CHI HỖ TRỢ CÔNG TÁC PHỔ BIẾN,\nGIÁO DỤC PHÁP LUẬT\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG\nKHÓA X, KỲ HỌP THỨ 14\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    )
    h = parse_header(text)
    assert h.value("subject") == "QUY ĐỊNH MỨC CHI HỖ TRỢ CÔNG TÁC PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT"


def test_a_subject_naming_its_body_after_cua_keeps_it():
    # "… CỦA" / "ỦY BAN NHÂN DÂN TỈNH …": the body is the subject's own words.
    text = decision(
        "BAN HÀNH QUY CHẾ LÀM VIỆC CỦA\nỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
    )
    assert parse_header(text).value("subject") == (
        "BAN HÀNH QUY CHẾ LÀM VIỆC CỦA ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    )


def test_a_body_line_no_authority_stays_in_the_subject():
    # A chi bộ's committee named in a huyện ủy's decision is the subject's, not the issuer.
    text = (
        "ĐẢNG BỘ TỈNH HÀ NAM ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY KIM BẢNG\n*\n"
        "Số 112-QĐ/HU Kim Bảng, ngày 10 tháng 4 năm 2025\nQUYẾT ĐỊNH\n"
        "CHUẨN Y KẾT QUẢ BẦU CỬ\nBAN CHẤP HÀNH ĐẢNG BỘ XÃ TƯỢNG LĨNH\n"
        "-----\n- Căn cứ Điều lệ Đảng;\nBAN THƯỜNG VỤ HUYỆN ỦY QUYẾT ĐỊNH\n"
    )
    assert parse_header(text).value("subject") == (
        "CHUẨN Y KẾT QUẢ BẦU CỬ BAN CHẤP HÀNH ĐẢNG BỘ XÃ TƯỢNG LĨNH"
    )


@pytest.mark.parametrize(
    "lines, subject",
    [
        ("KIỂM TRA CÔNG TÁC VĂN THƯ, LƯU TRỮ NĂM\n2025", "… NĂM 2025"),
        ("THỰC HIỆN CHƯƠNG TRÌNH GIẢM NGHÈO GIAI ĐOẠN\n2021-2025", "… GIAI ĐOẠN 2021-2025"),
    ],
)
def test_a_year_word_wrapped_onto_its_own_line(lines, subject):
    text = (
        f"ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n{MOTTO}Số: 88/KH-UBND Đà Lạt, ngày 03 tháng 5 năm 2025\n"
        f"KẾ HOẠCH\n{lines}\nCăn cứ Kế hoạch số 12/KH-UBND ngày 10 tháng 01 năm 2025;\n"
    )
    got = parse_header(text).value("subject")
    assert got.endswith(subject.removeprefix("… ")), got


def test_the_dash_printed_is_kept():
    text = (
        "BỘ LAO ĐỘNG – THƯƠNG\nBINH VÀ XÃ HỘI\n" + MOTTO
        + "Số: 23/2024/QĐ-BLĐTBXH Hà Nội, ngày 05 tháng 10 năm 2024\nQUYẾT ĐỊNH\n"
        "Ban hành kế hoạch giai đoạn 2026 – 2030\nCăn cứ Nghị định số 62/2022/NĐ-CP;\n"
    )  # fmt: skip
    h = parse_header(text)
    assert h.value("issuer") == "BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI"
    assert h.value("subject") == "Ban hành kế hoạch giai đoạn 2026 – 2030"


@pytest.mark.parametrize("ocr", [False, True])
@pytest.mark.parametrize("place", ["Thành phố Hồ Chí Minh", "TP Hồ Chí Minh", "TP. Hồ Chí Minh"])
def test_a_city_named_with_its_level(place, ocr):
    text = (
        f"ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n{MOTTO}"
        f"Số: 37/QĐ-UBND {place}, ngày 17 tháng 02 năm 2024\n"
        "QUYẾT ĐỊNH\nVề việc phê duyệt quy hoạch\nCăn cứ Luật Tổ chức;\n"
    )
    assert parse_header(text, ocr=ocr).value("place") == place


def test_a_conference_then_what_it_is_about_on_a_scan_that_lost_the_rule():
    text = (
        "TỈNH ỦY HÀ NAM ĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        "Số 45-KL/TU Phủ Lý, ngày 13 tháng 5 năm 2024\nKẾT LUẬN\n"
        "HỘI NGHỊ LẦN THỨ BẢY\nBAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHÓA XX)\n"
        "về phát triển hạ tầng giao thông đến năm 2030,\nđịnh hướng đến năm 2045\n\n"
        "Các cơ quan, đơn vị căn cứ nội dung này xây dựng kế hoạch cụ thể.\n"
    )
    assert parse_header(text, ocr=True).value("subject") == (
        "HỘI NGHỊ LẦN THỨ BẢY BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHÓA XX) về phát triển hạ tầng "
        "giao thông đến năm 2030, định hướng đến năm 2045"
    )


@pytest.mark.parametrize(
    "left, number, type_line, lines, subject",
    [
        # A line's start OCR read twice is read once.
        ("HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG NINH", "Số: 99/2025/NQ-HĐND", "NGHỊ QUYẾT",
         "QUY ĐỊNH MỨC CHI PHỤC VỤ CÔNG\nTÁC TỔ CHỨC\nTÁC TỔ CHỨC BẦU CỬ CÁC CẤP",
         "QUY ĐỊNH MỨC CHI PHỤC VỤ CÔNG TÁC TỔ CHỨC BẦU CỬ CÁC CẤP"),
        # After a blank line OCR put in it, a line opening on a joining word goes on.
        ("BỘ TÀI CHÍNH - BỘ NỘI VỤ", "Số: 68/2013/TTLT-BTC-BNV", "THÔNG TƯ LIÊN TỊCH",
         "QUY ĐỊNH QUẢN LÝ KINH PHÍ THỰC HIỆN DỰ ÁN 3\n\nVÀ DỰ ÁN 4 CỦA CHƯƠNG TRÌNH",
         "QUY ĐỊNH QUẢN LÝ KINH PHÍ THỰC HIỆN DỰ ÁN 3 VÀ DỰ ÁN 4 CỦA CHƯƠNG TRÌNH"),
    ],
)  # fmt: skip
def test_a_scanned_subject_in_capitals(left, number, type_line, lines, subject):
    text = (
        f"{left}\n{MOTTO}{number} Hà Nội, ngày 16 tháng 12 năm 2025\n{type_line}\n{lines}\n\n"
        "Sau một thời gian triển khai, công việc đã có chuyển biến.\n"
    )
    assert parse_header(text, ocr=True).value("subject") == subject


def test_a_qualified_type_and_a_ruled_subject_in_capitals_wrapped_before_a_capital():
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM\n*\n"
        "Số 216-QĐ/TW Hà Nội, ngày 01 tháng 4 năm 2024\nQUY ĐỊNH (BỔ SUNG)\n"
        "VỀ QUAN HỆ LÃNH ĐẠO CỦA BỘ CHÍNH TRỊ, BAN BÍ\nTHƯ VỚI MỘT SỐ TỔ CHỨC ĐẢNG.\n-----\n"
        "Các cơ quan, đơn vị căn cứ nội dung này xây dựng kế hoạch cụ thể.\n"
    )
    h = parse_header(text)
    assert h.value("type_name") == "Quy định"
    assert h.value("subject") == (
        "VỀ QUAN HỆ LÃNH ĐẠO CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỚI MỘT SỐ TỔ CHỨC ĐẢNG"
    )


def test_a_class_named_by_a_capital_letter_is_no_speck():
    text = (
        f"ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\n{MOTTO}"
        "Số: 45/UBND-NN Cao Lãnh, ngày 10 tháng 3 năm 2024\n"
        "V/v phòng chống dịch cúm A (H5N1)\nKính gửi: Sở Nông nghiệp\n"
    )
    assert parse_header(text).value("subject") == "V/v phòng chống dịch cúm A (H5N1)"


def test_what_a_born_digital_header_prints_between_its_words_is_kept():
    text = (
        "THƯỜNG TRỰC\nHĐND - UBND TỈNH HÒA BÌNH\n" + MOTTO
        + "Số: 06/QC-TT Hòa Bình, ngày 20 tháng 3 năm 2024\nQUY CHẾ\n"
        "PHỐI HỢP GIỮA THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN TỈNH - ỦY BAN NHÂN DÂN TỈNH\n"
        "VỀ CHƯƠNG TRÌNH “TOÀN DÂN ĐOÀN KẾT” CỦA SỞ NÔNG NGHIỆP & PTNT\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
    )  # fmt: skip
    h = parse_header(text)
    assert h.value("subject") == (
        "PHỐI HỢP GIỮA THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN TỈNH - ỦY BAN NHÂN DÂN TỈNH "
        "VỀ CHƯƠNG TRÌNH “TOÀN DÂN ĐOÀN KẾT” CỦA SỞ NÔNG NGHIỆP & PTNT"
    )
    assert (h.value("issuer"), h.value("issuer_parent")) == (
        "THƯỜNG TRỰC HĐND - UBND TỈNH HÒA BÌNH",
        None,
    )


@pytest.mark.parametrize(
    "line, number",
    [
        ("Số: 3358/SGD&ĐT-VP Ninh Thuận, ngày 10 tháng 10 năm 2024", "3358/SGD&ĐT-VP"),
        ("Nghị quyết số:\n653/2024/UBTVQH15 Hà Nội, ngày 10 tháng 10 năm 2024", "653/2024/UBTVQH15"),
        # A department's small letter: "GDTrH" (Giáo dục Trung học) was cut to "GD", at 0.99.
        ("Số: 1520/SGD&ĐT-GDTrH Vinh, ngày 05 tháng 9 năm 2023", "1520/SGD&ĐT-GDTrH"),
        ("Số: 215/GDĐT-TCCB Vinh, ngày 05 tháng 9 năm 2023", "215/GDĐT-TCCB"),
        # Joint bodies parted by a slash or a dot (quy chế phối hợp, old joint circulars).
        ("Số: 01/QCPH/UBND-UBMTTQ Vinh, ngày 15 tháng 3 năm 2021", "01/QCPH/UBND-UBMTTQ"),
        ("Số: 06/QC-TT.HĐND-UBND Vinh, ngày 10 tháng 01 năm 2022", "06/QC-TT.HĐND-UBND"),
        ("Số: 01/2002/TTLT/BVHTT-BYT Hà Nội, ngày 04 tháng 02 năm 2002", "01/2002/TTLT/BVHTT-BYT"),
        # A Party number after its type, on a line of its own (Word's cell).
        ("Nghị quyết số: 11-NQ/TW\nHà Nội, ngày 06 tháng 01 năm 2012", "11-NQ/TW"),
    ],
)  # fmt: skip
def test_numbers_as_offices_print_them(line, number):
    text = f"SỞ GIÁO DỤC VÀ ĐÀO TẠO\n{MOTTO}{line}\nV/v tổ chức kỳ thi\nKính gửi: Các trường\n"
    h = parse_header(text)
    assert h.symbol == number
    assert h.confidence("code_notation") >= 0.9, h.reasons


@pytest.mark.parametrize(
    "lines, subject",
    [
        ("VỀ VIỆC PHÊ DUYỆT QUY HOẠCH ĐẾN NĂM 2020 VÀ TẦM NHÌN ĐẾN\nNĂM 2030",
         "VỀ VIỆC PHÊ DUYỆT QUY HOẠCH ĐẾN NĂM 2020 VÀ TẦM NHÌN ĐẾN NĂM 2030"),
        ("THỰC HIỆN CHỈ THỊ SỐ 37-CT/TW NGÀY\n03/9/2019 CỦA BAN BÍ THƯ",
         "THỰC HIỆN CHỈ THỊ SỐ 37-CT/TW NGÀY 03/9/2019 CỦA BAN BÍ THƯ"),
        ("KỶ NIỆM 100 NĂM NGÀY SINH ĐỒNG CHÍ NGUYỄN VĂN CỪ (09/7/1912\n- 09/7/2012)",
         "KỶ NIỆM 100 NĂM NGÀY SINH ĐỒNG CHÍ NGUYỄN VĂN CỪ (09/7/1912 - 09/7/2012)"),
    ],
)  # fmt: skip
def test_a_subject_in_capitals_broken_before_a_date_or_after_den(lines, subject):
    text = (
        f"ỦY BAN NHÂN DÂN\nTỈNH TRÀ VINH\n{MOTTO}Số: 739/KH-UBND Trà Vinh, ngày 04 tháng 5 năm 2016\n"
        f"KẾ HOẠCH\n{lines}\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
    )
    assert parse_header(text).value("subject") == subject


def test_a_long_subject_in_capitals_wrapped_as_one_paragraph():
    lines = [
        "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA THÔNG TƯ SỐ 149/2020/TT-BCA NGÀY 31",
        "THÁNG 12 NĂM 2020 CỦA BỘ TRƯỞNG BỘ CÔNG AN QUY ĐỊNH CHI TIẾT MỘT SỐ",
        "ĐIỀU VÀ BIỆN PHÁP THI HÀNH LUẬT PHÒNG CHÁY VÀ CHỮA CHÁY VÀ LUẬT SỬA",
        "ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT PHÒNG CHÁY VÀ CHỮA CHÁY VÀ NGHỊ",
        "ĐỊNH SỐ 136/2020/NĐ-CP CỦA CHÍNH PHỦ",
    ]
    text = (
        f"BỘ CÔNG AN\n{MOTTO}Số: 32/2024/TT-BCA Hà Nội, ngày 10 tháng 7 năm 2024\nTHÔNG TƯ\n"
        + "\n".join(lines)
        + "\nCăn cứ Luật Phòng cháy và chữa cháy;\n"
    )
    assert parse_header(text).value("subject") == " ".join(lines)


@pytest.mark.parametrize("place", ["TP.Hồ Chí Minh", "Phan Rang-Tháp Chàm"])
def test_places_printed_glued_or_dashed(place):
    text = (
        f"SỞ GIÁO DỤC VÀ ĐÀO TẠO\n{MOTTO}Số: 2917/SGDĐT-VP {place}, ngày 05 tháng 11 năm 2010\n"
        "V/v báo cáo nhanh tình hình\nKính gửi: Các trường\n"
    )
    assert parse_header(text).value("place") == place


def test_the_registry_stamps_den_beside_a_subject_line_still_goes():
    # The "ĐẾN" a subject in capitals ends a line on stays (above); the registry's stamp
    # read at the end of a subject's line, beside an urgency stamp, does not.
    text = (
        "TỈNH ĐOÀN HÀ NAM ĐOÀN TNCS HỒ CHÍ MINH\n***\n"
        "Số: 12-CV/TĐTN Phủ Lý, ngày 10 tháng 3 năm 2025\n"
        "V/v tổ chức đại hội chi bộ nhiệm kỳ 2025 - 2027\ntrên địa bàn HỎA TỐC ĐẾN\n"
        "Kính gửi: Các cơ sở Đoàn\n"
    )
    assert "ĐẾN" not in parse_header(text, ocr=True).value("subject")


def test_a_name_beside_the_motto_with_a_space_between_is_no_glued_name():
    # "BỘ NỘI VỤ CỘNG HÒA …": the text layer keeps the two columns apart ("VỤ" + "C"
    # would spell a syllable, but nothing was glued).
    text = (
        "BỘ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 209/BNV-TCBC Hà Nội, ngày 20 tháng 01 năm 2024\n"
        "V/v lấy ý kiến về dự thảo nghị định\nKính gửi: Các bộ, ngành\n"
    )
    h = parse_header(text)
    assert h.value("issuer") == "BỘ NỘI VỤ"
    assert "issuer" not in h.reasons


def test_signed_for_the_peoples_committee_of_a_province():
    # "NHÂN" of "NHÂN DÂN" is no "nhận" of the recipients' "Nơi nhận".
    text = (
        f"ỦY BAN NHÂN DÂN\nTỈNH BẾN TRE\n{MOTTO}Số: 12/QĐ-UBND Bến Tre, ngày 10 tháng 3 năm 2024\n"
        "QUYẾT ĐỊNH\nVề việc ban hành quy chế\nCăn cứ Luật Tổ chức;\nNơi nhận:\n- Như trên;\n"
        "- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN TỈNH\nCHỦ TỊCH\nCao Tấn Khổng\n"
    )
    h = parse_header(text)
    assert h.value("signer_authority") == "TM. ỦY BAN NHÂN DÂN TỈNH"
    assert h.confidence("signer_authority") >= 0.9


@pytest.mark.parametrize(
    "head, type_line, issuer",
    [
        ("TỈNH ỦY LÀO CAI ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 13-KL/TU", "KẾT LUẬN CỦA BAN THƯỜNG VỤ",
         "TỈNH ỦY LÀO CAI"),
        (f"HỘI ĐỒNG NHÂN DÂN\nTỈNH LÀO CAI\n{MOTTO}Số: 13/2024/NQ-HĐND",
         "NGHỊ QUYẾT CỦA HĐND TỈNH LÀO CAI", "HỘI ĐỒNG NHÂN DÂN TỈNH LÀO CAI"),
    ],
)  # fmt: skip
def test_a_type_named_with_its_body(head, type_line, issuer):
    text = (
        f"{head} Lào Cai, ngày 17 tháng 01 năm 2024\n{type_line}\n"
        "Về kế hoạch giám sát năm 2024\n-----\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
    )
    h = parse_header(text)
    assert h.value("type_name") == type_line.split(" CỦA ")[0].capitalize()
    assert h.value("issuer") == issuer
    assert h.value("subject") == "Về kế hoạch giám sát năm 2024"


def test_authority_marks_printed_with_a_dot_and_a_caps_subject_with_its_stops():
    text = (
        f"HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG TRỊ\n{MOTTO}"
        "Số: 37/2016/NQ-HĐND Quảng Trị, ngày 14 tháng 12 năm 2016\nNGHỊ QUYẾT\n"
        "VỀ VIỆC HỖ TRỢ BỘ PHẬN MỘT CỬA TẠI UBND HUYỆN, THÀNH PHỐ;\n"
        "UBND XÃ, PHƯỜNG TRÊN ĐỊA BÀN TỈNH.\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;\nNơi nhận:\n- Như trên;\n"
        "T/M. HỘI ĐỒNG NHÂN DÂN TỈNH\nK/T. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHà Ngọc Đông\n"
    )
    h = parse_header(text)
    assert h.value("subject") == (
        "VỀ VIỆC HỖ TRỢ BỘ PHẬN MỘT CỬA TẠI UBND HUYỆN, THÀNH PHỐ; UBND XÃ, PHƯỜNG TRÊN ĐỊA BÀN TỈNH"
    )
    assert h.confidence("subject") >= 0.9
    assert h.value("signer_authority") == "K/T. CHỦ TỊCH"
    assert h.confidence("signer_authority") >= 0.9


def test_two_bodies_a_dash_joins_without_spaces_are_no_odd_word():
    text = (
        "BỘ TÀI CHÍNH-BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH " + MOTTO
        + "Số: 144/2014/TTLT-BTC-BVHTTDL Hà Nội, ngày 30 tháng 9 năm 2014\n"
        "THÔNG TƯ LIÊN TỊCH\nHướng dẫn quản lý kinh phí\nCăn cứ Luật Ngân sách;\n"
    )  # fmt: skip
    h = parse_header(text)
    assert h.value("issuer") == "BỘ TÀI CHÍNH-BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert "issuer" not in h.reasons


# One field each: (text, read from a scan, field, value); born-digital ones confident.
ONE_FIELD = {
    # "UỶ BAN" is "ỦY BAN" with its mark where offices put it before the 2018 rules.
    "tone placed as printed": (
        f"UỶ BAN NHÂN DÂN\nTỈNH BẾN TRE\n{MOTTO}Số: 1312/KH-UBND Bến Tre, ngày 13 tháng 3 năm 2020\n"
        "KẾ HOẠCH\nTriển khai công tác hoà giải ở cơ sở năm 2020\nCăn cứ Luật Hoà giải ở cơ sở;\n",
        False, "issuer", "UỶ BAN NHÂN DÂN TỈNH BẾN TRE",
    ),
    # 36-HD/VPTW: "TW" stands for "Trung ương" ("UBKTTW" of "ỦY BAN KIỂM TRA TRUNG ƯƠNG").
    "TW is Trung ương": (
        "ỦY BAN KIỂM TRA TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM\n*\n"
        "Số 11-HD/UBKTTW Hà Nội, ngày 12 tháng 5 năm 2024\nHƯỚNG DẪN\n"
        "thực hiện một số điều về kỷ luật đảng viên\n-----\nCăn cứ Điều lệ Đảng;\n",
        False, "code_notation", "HD/UBKTTW",
    ),
    "a numbered district is a place": (
        f"ỦY BAN NHÂN DÂN QUẬN 8\n{MOTTO}Số: 27/2024/QĐ-UBND Quận 8, ngày 08 tháng 8 năm 2024\n"
        "QUYẾT ĐỊNH\nVề việc phê duyệt Điều lệ Hội Khuyến học\nCăn cứ Luật Tổ chức;\n",
        False, "place", "Quận 8",
    ),
    "a district glued to its number on a scan": (
        f"ỦY BAN NHÂN DÂN QUẬN8\n{MOTTO}Số: 27/2024/QĐ-UBND Quận 8, ngày 08 tháng 8 năm 2024\n"
        "QUYẾT ĐỊNH\nVề việc phê duyệt Điều lệ Hội Khuyến học\nCăn cứ Luật Tổ chức;\n",
        True, "issuer", "ỦY BAN NHÂN DÂN QUẬN 8",
    ),
    # "&" in a department after the issuer's dash (Ban Công tác Thiếu nhi & Trường học).
    "& in a Youth Union department": (
        "BCH ĐOÀN TỈNH LÂM ĐỒNG\n***\nĐOÀN TNCS HỒ CHÍ MINH\n"
        "Số: 156 -CV/TĐTN-BCTĐ&TTN Đà Lạt, ngày 10 tháng 3 năm 2020\n"
        "V/v tổ chức Ngày hội thiếu nhi\nKính gửi: Các huyện đoàn\n",
        False, "code_notation", "CV/TĐTN-BCTĐ&TTN",
    ),
    # The Young Pioneers' council: "TNTP" is their letters, no odd word.
    "the Young Pioneers' council": (
        "ĐỘI TNTP HỒ CHÍ MINH\nHỘI ĐỒNG ĐỘI TỈNH NGHỆ AN\n***\nĐOÀN TNCS HỒ CHÍ MINH\n"
        "Số: 25-KH/HĐĐ Vinh, ngày 20 tháng 8 năm 2023\nKẾ HOẠCH\n"
        "Tổ chức Liên hoan chỉ huy Đội giỏi năm 2023\n-----\nCăn cứ Chương trình công tác Đội;\n",
        False, "issuer_parent", "ĐỘI TNTP HỒ CHÍ MINH",
    ),
    "a school's letters": (
        f"PHÒNG GD&ĐT HUYỆN NAM ĐÀN\nTRƯỜNG THCS XUÂN HÒA\n{MOTTO}"
        "Số: 45/KH-THCS Nam Đàn, ngày 05 tháng 9 năm 2023\nKẾ HOẠCH\n"
        "Tổ chức các hoạt động đầu năm học\nCăn cứ Kế hoạch năm học;\n",
        False, "issuer_parent", "PHÒNG GD&ĐT HUYỆN NAM ĐÀN",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", ONE_FIELD)
def test_one_field_as_printed(case):
    text, ocr, field, value = ONE_FIELD[case]
    h = parse_header(text, ocr=ocr)
    assert h.value(field) == value
    assert ocr or h.confidence(field) >= 0.9


def _issued(block: str, number: str, body: str) -> str:
    return f"{block}\n{MOTTO}{number}\n{body}\n"


GUIDE = (
    "Số: 1271/HD-TLĐ Hà Nội, ngày 07 tháng 8 năm 2017",
    "HƯỚNG DẪN\nThực hiện chế độ báo cáo thống kê\nCăn cứ Luật Thống kê;",
)
PLAN = (
    "Số: 01/KH-TB Phố Bảng, ngày 10 tháng 12 năm 2025",
    "KẾ HOẠCH\nTuyên truyền về cuộc bầu cử\nCăn cứ Luật Bầu cử;",
)
NOTICE = (
    "Số: 151/TB-PGDĐT Đồng Xoài, ngày 10 tháng 10 năm 2024",
    "THÔNG BÁO\nLịch kiểm tra cuối năm\nCăn cứ Kế hoạch năm học;",
)
# An issuer's block as printed → (issuer, parent): a name Word wrapped in its cell stays
# one issuer; a parent over its body stays two.
ISSUER_BLOCKS = {
    "before VIỆT NAM": (_issued("TỔNG LIÊN ĐOÀN LAO ĐỘNG\nVIỆT NAM", *GUIDE),
                        "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", None),
    "XÃ HỘI names no body": (_issued("BỘ LAO ĐỘNG - THƯƠNG\nBINH VÀ XÃ HỘI", *GUIDE),
                             "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", None),
    "a standing committee": (_issued("ỦY BAN THƯỜNG VỤ\nQUỐC HỘI", *GUIDE),
                             "ỦY BAN THƯỜNG VỤ QUỐC HỘI", None),
    "broken after its dash": (_issued("BỘ TÀI CHÍNH - BỘ NỘI VỤ -\nBỘ Y TẾ", *GUIDE),
                              "BỘ TÀI CHÍNH - BỘ NỘI VỤ - BỘ Y TẾ", None),
    "a parent over its body": (
        _issued("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\nLIÊN ĐOÀN LAO ĐỘNG TỈNH NGHỆ AN",
                "Số: 34/KH-LĐLĐ Vinh, ngày 07 tháng 8 năm 2024",
                "KẾ HOẠCH\nTổ chức Tháng Công nhân\nCăn cứ Chương trình công tác năm 2024;"),
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH NGHỆ AN", "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"),
    "broken after its comma": (
        _issued("ỦY BAN BẦU CỬ XÃ PHỐ BẢNG\nTIỂU BAN THÔNG TIN,\nTUYÊN TRUYỀN, KHÁNH TIẾT", *PLAN),
        "TIỂU BAN THÔNG TIN, TUYÊN TRUYỀN, KHÁNH TIẾT", "ỦY BAN BẦU CỬ XÃ PHỐ BẢNG"),
    "LIÊN NGÀNH over its bodies": (
        _issued("UBND TỈNH NGHỆ AN\nLIÊN NGÀNH\nSỞ TÀI CHÍNH - SỞ CÔNG THƯƠNG", *PLAN),
        "LIÊN NGÀNH SỞ TÀI CHÍNH - SỞ CÔNG THƯƠNG", "UBND TỈNH NGHỆ AN"),
    "a joint name broken inside a body": (
        _issued("BỘ TÀI CHÍNH - BỘ LAO\nĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
                "Số: 68/2013/TTLT-BTC-BLĐTBXH Hà Nội, ngày 21 tháng 5 năm 2013",
                "THÔNG TƯ LIÊN TỊCH\nQuy định quản lý kinh phí\nCăn cứ Luật Ngân sách nhà nước;"),
        "BỘ TÀI CHÍNH - BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", None),
    "a school after ĐẠI HỌC": (
        _issued("ĐẢNG BỘ ĐẠI HỌC THÁI NGUYÊN\nĐẢNG ỦY TRƯỜNG ĐẠI HỌC\nKỸ THUẬT CÔNG NGHIỆP",
                *NOTICE),
        "ĐẢNG ỦY TRƯỜNG ĐẠI HỌC KỸ THUẬT CÔNG NGHIỆP", "ĐẢNG BỘ ĐẠI HỌC THÁI NGUYÊN"),
    "a city's TP": (
        _issued("TỔNG LIÊN ĐOÀN LAO ĐỘNG\nVIỆT NAM\nLIÊN ĐOÀN LAO ĐỘNG\nTP HÀ NỘI", *NOTICE),
        "LIÊN ĐOÀN LAO ĐỘNG TP HÀ NỘI", "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"),
    "a town's TX.": (
        _issued("UBND TX. ĐỒNG XOÀI\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO", *NOTICE),
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "UBND TX. ĐỒNG XOÀI"),
}  # fmt: skip


@pytest.mark.parametrize("case", ISSUER_BLOCKS)
def test_an_issuer_block_as_printed(case):
    text, issuer, parent = ISSUER_BLOCKS[case]
    h = parse_header(text)
    assert (h.value("issuer"), h.value("issuer_parent")) == (issuer, parent)


@pytest.mark.parametrize(
    "line, notation",
    [
        ("Số:      /TTr - THCS Xuân Lương, ngày 10 tháng 3 năm 2020", "TTr-THCS"),
        ("Số:         / TB-UBND Đức Hợp, ngày 05 tháng 12 năm 2021", "TB-UBND"),
    ],
)
def test_a_number_left_blank(line, notation):
    # A draft, or a copy published before it had its number: the line is the number
    # line (its notation no part of the issuer's name), and no number is guessed.
    text = f"TRƯỜNG THCS XUÂN LƯƠNG\n{MOTTO}{line}\nTỜ TRÌNH\nVề việc xét thi đua\nKính gửi: Phòng GD&ĐT\n"
    h = parse_header(text)
    assert h.value("issuer") == "TRƯỜNG THCS XUÂN LƯƠNG"
    assert (h.value("code_notation"), h.value("code_number")) == (notation, None)
    assert "để trống" in h.reasons["code_notation"]


@pytest.mark.parametrize(
    "head, type_line, below, subject",
    [
        # An attachment's rules, no number or date of their own: the trích yếu opens on
        # the type's line, its issuer is the block above, not the lines under the type.
        ("ỦY BAN NHÂN DÂN\nXÃ XUÂN PHÚ\n" + MOTTO, "QUY CHẾ LÀM VIỆC",
         "CỦA ỦY BAN NHÂN DÂN XÃ XUÂN PHÚ NHIỆM KỲ 2021 - 2026\n"
         "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/7/2021)",
         "LÀM VIỆC CỦA ỦY BAN NHÂN DÂN XÃ XUÂN PHÚ NHIỆM KỲ 2021 - 2026"),
        # Its own "CỦA ĐẢNG" is no body the type is named with.
        ("BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n"
         "Số 11-HD/VPTW Hà Nội, ngày 28 tháng 5 năm 2004\n",
         "HƯỚNG DẪN VỀ THỂ THỨC VĂN BẢN CỦA ĐẢNG", "-----\nThực hiện Quyết định của Ban Bí thư;",
         "VỀ THỂ THỨC VĂN BẢN CỦA ĐẢNG"),
    ],
)  # fmt: skip
def test_a_trich_yeu_opening_on_its_type_line(head, type_line, below, subject):
    h = parse_header(f"{head}{type_line}\n{below}\nChương I\n")
    assert h.value("subject") == subject
    assert h.value("issuer") in ("ỦY BAN NHÂN DÂN XÃ XUÂN PHÚ", "VĂN PHÒNG")
    assert h.confidence("type_name") >= 0.9


def test_a_body_without_its_place_over_another_is_no_parent():
    # Two bodies issuing jointly share the place line: not a parent and its body.
    text = _issued(
        "ỦY BAN NHÂN DÂN\nỦY BAN MTTQ VIỆT NAM\nTỈNH ĐẮK LẮK",
        "Số: 01/QCPH/UBND-UBMTTQ Đắk Lắk, ngày 27 tháng 10 năm 2017",
        "QUY CHẾ\nPHỐI HỢP CÔNG TÁC GIỮA ỦY BAN NHÂN DÂN TỈNH VÀ ỦY BAN MTTQ TỈNH\nChương I",
    )
    h = parse_header(text)
    assert h.confidence("issuer") < 0.9 and h.confidence("issuer_parent") < 0.9
    assert "hai cơ quan" in h.reasons["issuer"]


def test_a_decisions_trich_yeu_written_as_a_letters():
    # "V/V …" under "QUYẾT ĐỊNH" is the decision's trích yếu: the document is no công văn.
    text = decision(
        "V/V CÔNG BỐ THỦ TỤC HÀNH CHÍNH ĐƯỢC CHUẨN HÓA THUỘC\nTHẨM QUYỀN GIẢI QUYẾT CỦA SỞ NỘI VỤ",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
    )
    h = parse_header(text)
    assert h.value("type_name") == "Quyết định" and h.confidence("type_name") >= 0.9
    assert h.value("subject") == (
        "V/V CÔNG BỐ THỦ TỤC HÀNH CHÍNH ĐƯỢC CHUẨN HÓA THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA SỞ NỘI VỤ"
    )


def test_a_highland_province_and_name():
    # "Đắk Lắk" is a province's name, no misread; "H’Hen Niê" is a name as printed.
    text = (
        f"HỘI LHPN TỈNH ĐẮK LẮK\n{MOTTO}Số: 12/NQ-HLHPN Buôn Ma Thuột, ngày 05 tháng 3 năm 2024\n"
        "NGHỊ QUYẾT\nVề việc phê duyệt kế hoạch hoạt động năm 2024 tại tỉnh Đắk Lắk\n"
        "Căn cứ Điều lệ Hội;\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. BAN THƯỜNG VỤ\nCHỦ TỊCH\n"
        "H’Hen Niê\n"
    )
    h = parse_header(text)
    assert h.confidence("subject") >= 0.9, h.reasons
    assert h.value("signer_full_name") == "H’Hen Niê"


def test_a_misread_longer_type_opens_no_trich_yeu():
    # A scan's "THÔNG TƯ LIÊN TỒN" is a misread "THÔNG TƯ LIÊN TỊCH", not "Thông tư"
    # and a trích yếu "LIÊN TỒN": the number's "TTLT" still tells the type.
    text = (
        f"BỘ GIÁO DỤC VÀ ĐÀO TẠO - BỘ Y TẾ\n{MOTTO}"
        "Số: 32/2021/TTLT-BGDĐT-BYT Hà Nội, ngày 05 tháng 3 năm 2021\nTHÔNG TƯ LIÊN TỒN\n"
        "Hướng dẫn công tác y tế trường học\nCăn cứ Luật Giáo dục;\n"
    )
    h = parse_header(text, ocr=True)
    assert h.value("type_name") == "Thông tư liên tịch"
    assert "LIÊN TỒN" not in (h.value("subject") or "")


def test_a_scanned_trich_yeu_goes_on_past_a_blank_after_a_comma():
    # No trích yếu ends on a comma: the blank line is OCR's, the line below its own.
    text = (
        f"HỘI ĐỒNG NHÂN DÂN\nTỈNH BÌNH ĐỊNH\n{MOTTO}"
        "Số: 21/2022/NQ-HĐND Bình Định, ngày 07 tháng 9 năm 2022\nNGHỊ QUYẾT\n\n"
        "BAN HÀNH QUY ĐỊNH CƠ CHẾ LỒNG GHÉP NGUỒN VỐN GIỮA CÁC\n"
        "CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA VÀ CÁC CHƯƠNG TRÌNH,\n\n"
        "DỰ ÁN KHÁC TRÊN ĐỊA BÀN TỈNH GIAI ĐOẠN 2021-2025\n\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH BÌNH ĐỊNH\nKHÓA XIII, KỲ HỌP THỨ 7\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    )
    h = parse_header(text, ocr=True)
    assert h.value("subject").endswith(
        "CÁC CHƯƠNG TRÌNH, DỰ ÁN KHÁC TRÊN ĐỊA BÀN TỈNH GIAI ĐOẠN 2021-2025"
    )


@pytest.mark.parametrize(
    "number_line",
    [
        "Số: lŒ6/QĐ-UBND",
        "Số: 5 #2 /QĐ-UBND",
        "Số: /74/QĐ-UBND",
        "Số: J†§ /QĐ-UBND",
        "Số: 4†1#/QĐ-UBND",
    ],
)
def test_a_number_written_by_hand_is_not_taken_from_a_document_cited(number_line):
    # Paper documents have their number written in by hand; OCR reads specks. The
    # number line is still the number line: no number is guessed, and none is taken
    # from the grounds below ("Căn cứ Nghị định số 126/2024/NĐ-CP …").
    text = (
        f"ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n{MOTTO}{number_line} Lâm Đồng, ngày 22 tháng 9 năm 2025\n"
        "QUYẾT ĐỊNH\nVề việc cho phép hợp nhất Hội Công chứng viên\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\n"
        "Căn cứ Nghị định số 126/2024/NĐ-CP ngày 08 tháng 10 năm 2024 của\n"
        "Chính phủ giai đoạn 2011-2020; Nghị định số 63/2010/NĐ-CP ngày 08/6/2010;\n"
    )
    h = parse_header(text, ocr=True)
    assert h.value("code_notation") == "QĐ-UBND"
    assert h.value("code_number") is None
    assert "viết tay" in h.reasons["code_notation"]


@pytest.mark.parametrize(
    "block, authority, position",
    [
        ("TL. BỘ TRƯỞNG\nVỤ TRƯỞNG\nVỤ TỔ CHỨC PHI CHÍNH PHỦ", "TL. BỘ TRƯỞNG",
         "VỤ TRƯỞNG VỤ TỔ CHỨC PHI CHÍNH PHỦ"),
        ("TM. HỘI ĐỒNG\nCHỦ TỊCH\nGIÁM ĐỐC SỞ NỘI VỤ", "TM. HỘI ĐỒNG", "CHỦ TỊCH GIÁM ĐỐC SỞ NỘI VỤ"),
    ],
)  # fmt: skip
def test_a_signature_block_of_three_lines(block, authority, position):
    # The authority, then the signer's post over two lines (its unit, or a second post).
    text = (
        f"BỘ NỘI VỤ\n{MOTTO}Số: 8977/BNV-TCPCP Hà Nội, ngày 06 tháng 10 năm 2025\n"
        "V/v trả lời đề nghị của Sở Nội vụ\nKính gửi: Sở Nội vụ tỉnh Lâm Đồng\n"
        "Bộ Nội vụ trả lời như sau.\nNơi nhận:\n- Như trên;\n- Lưu: VT, TCPCP.\n"
        f"{block}\nThang Thị Hạnh\n"
    )
    h = parse_header(text)
    assert (h.value("signer_authority"), h.value("signer_position")) == (authority, position)
    assert h.confidence("signer_authority") >= 0.9
