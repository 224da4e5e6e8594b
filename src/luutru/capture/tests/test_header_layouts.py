"""Issue 10, item 2 and 4: the header parser on real layouts (State legal types,
numbers as printed, subjects in capitals or wrapped before a name, issuers over
several lines, the Youth Union, bare-name signers, non-standard numbers) and
confidences that mean something. Examples written here, not drawn from the bench."""

from __future__ import annotations

import pytest

from luutru.capture import pipeline
from luutru.capture.header import parse_header

pytestmark = pytest.mark.django_db

DECREE = """CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 45/2023/NĐ-CP Hà Nội, ngày 01 tháng 7 năm 2023
NGHỊ ĐỊNH
Quy định chi tiết một số điều của Luật Dầu khí
-----
Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
"""

LAW = """QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Luật số: 05/2022/QH15
LUẬT
SỞ HỮU TRÍ TUỆ
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật sửa đổi, bổ sung một số điều.
Luật này được Quốc hội khóa XV, kỳ họp thứ 3 thông qua
Hà Nội, ngày 16 tháng 6 năm 2022
"""

PRIME_MINISTER = """THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 17/CT-TTg Hà Nội, ngày 08 tháng 6 năm 2024
CHỈ THỊ
Về tăng cường công tác phòng cháy, chữa cháy tại
Đồng bằng sông Cửu Long
-----
Trong thời gian qua, công tác phòng cháy đã có chuyển biến.
"""


def party(subject_lines: str, *, number="Số 21-KH/HU", issuer="HUYỆN ỦY KIM BẢNG", tail=""):
    return (
        f"ĐẢNG BỘ TỈNH HÀ NAM ĐẢNG CỘNG SẢN VIỆT NAM\n{issuer}\n*\n"
        f"{number} Kim Bảng, ngày 10 tháng 4 năm 2025\nKẾ HOẠCH\n{subject_lines}\n"
        "-----\nNhằm nâng cao chất lượng sinh hoạt chi bộ.\n" + tail
    )


def test_state_legal_types_and_numbers_as_printed():
    h = parse_header(DECREE)
    assert h.symbol == "45/2023/NĐ-CP"
    assert h.value("type_name") == "Nghị định"
    assert h.value("subject") == "Quy định chi tiết một số điều của Luật Dầu khí"
    assert h.confidence("code_notation") >= 0.9


def test_law_number_type_and_capital_subject():
    h = parse_header(LAW)
    assert h.symbol == "05/2022/QH15"
    assert h.value("type_name") == "Luật"
    assert h.value("subject") == "SỞ HỮU TRÍ TUỆ"
    assert h.value("issuer") == "QUỐC HỘI"
    assert h.value("issuer_parent") is None


def test_issuer_abbreviation_keeps_its_small_letter():
    h = parse_header(PRIME_MINISTER)
    assert h.symbol == "17/CT-TTg"
    # The line ends on "tại": the next one goes on, though it starts with a capital.
    assert h.value("subject") == (
        "Về tăng cường công tác phòng cháy, chữa cháy tại Đồng bằng sông Cửu Long"
    )


@pytest.mark.parametrize(
    "subject",
    [
        "Quản lý hồ sơ đảng viên năm 2025",  # "Quản" is no body cue "Qua"
        "Thực hiện Chỉ thị của Ban Thường vụ về sinh hoạt chi bộ",
    ],
)
def test_subject_opening_with_a_word_a_body_opens_with(subject):
    h = parse_header(party(subject))
    assert h.value("subject") == subject
    assert h.value("type_name") == "Kế hoạch"


def test_subject_in_capitals_under_the_type():
    text = party("VỀ CHẾ ĐỘ SINH HOẠT CỦA\nCHI BỘ NÔNG THÔN")
    h = parse_header(text.replace("KẾ HOẠCH", "QUY ĐỊNH").replace("KH/HU", "QĐ/HU"))
    assert h.value("type_name") == "Quy định"
    assert h.value("subject") == "VỀ CHẾ ĐỘ SINH HOẠT CỦA CHI BỘ NÔNG THÔN"


def test_subject_wrapped_before_a_name():
    h = parse_header(party("về việc cử đồng chí\nTrương Thị Mai Hoa tham gia đoàn công tác"))
    assert h.value("subject") == "về việc cử đồng chí Trương Thị Mai Hoa tham gia đoàn công tác"


def test_motto_words_inside_a_subject_stay_in_it():
    subject = "tuyên truyền kỷ niệm Ngày thành lập\nĐảng Cộng sản Việt Nam năm 2025"
    h = parse_header(party(subject))
    assert h.value("motto") == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert h.value("subject") == subject.replace("\n", " ")


def test_issuer_over_two_lines_under_its_parent():
    text = (
        "ĐẢNG BỘ TỈNH HÀ NAM ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY CÁC CƠ QUAN\nĐẢNG TỈNH\n*\n"
        "Số 04-NQ/ĐU Phủ Lý, ngày 02 tháng 3 năm 2025\nNGHỊ QUYẾT\n"
        "về công tác kiểm tra, giám sát năm 2025\n-----\n"
    )
    h = parse_header(text)
    assert h.value("issuer") == "ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG TỈNH"
    assert h.value("issuer_parent") == "ĐẢNG BỘ TỈNH HÀ NAM"


@pytest.mark.parametrize("number", ["Số: 15-KH/TWĐTN-VP", "Số: 15 KH/TWĐTN-VP"])
def test_youth_union_central(number):
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐOÀN TNCS HỒ CHÍ MINH\n***\nĐOÀN TNCS HỒ CHÍ MINH\n"
        f"{number} Hà Nội, ngày 20 tháng 5 năm 2025\nKẾ HOẠCH\n"
        "tổ chức tháng thanh niên năm 2025\n-----\n"
    )
    h = parse_header(text)
    assert h.symbol == "15-KH/TWĐTN-VP"
    assert h.value("issuer") == "ĐOÀN TNCS HỒ CHÍ MINH"
    assert h.value("issuer_parent") == "BAN CHẤP HÀNH TRUNG ƯƠNG"
    assert h.value("subject") == "tổ chức tháng thanh niên năm 2025"


def test_bare_name_signer_block():
    tail = "Nơi nhận:\n- Các chi bộ,\n- Lưu Văn phòng.\n(đã ký)\nHồ Văn Khải\n"
    h = parse_header(party("về sinh hoạt chi bộ năm 2025", tail=tail))
    assert h.value("signer_full_name") == "Hồ Văn Khải"
    assert h.confidence("signer_full_name") >= 0.9
    assert h.value("signer_position") is None


@pytest.mark.parametrize(
    ("name_line", "name"),
    [
        # Specks OCR reads beside a bare name: a comma after it, a small letter before.
        ("Hồ Văn Khải,", "Hồ Văn Khải"),
        ("ị Hồ Văn Khải", "Hồ Văn Khải"),
        ("Hồ-Văn Khải", "Hồ Văn Khải"),  # a speck read as a dash between two names
        ("Hồ Văn.Khải", "Hồ Văn Khải"),  # or as a full stop
        # Not a speck: a word in capitals before the names is no bare name's.
        ("ĐẢNG Hồ Văn Khải", None),
    ],
)
def test_a_bare_name_with_specks_beside_it_is_read(name_line, name):
    tail = f"Nơi nhận:\n- Các chi bộ,\n- Lưu Văn phòng.\n{name_line}\n"
    assert (
        parse_header(party("về sinh hoạt chi bộ năm 2025", tail=tail)).value("signer_full_name")
        == name
    )


@pytest.mark.parametrize(
    ("number", "symbol", "code"), [("Số 03-KH", "", "03"), ("Số 08", "", "08")]
)
def test_non_standard_numbers(number, symbol, code):
    text = party("về sinh hoạt chi bộ năm 2025", number=number)
    h = parse_header(text)
    assert h.value("code_number") == code
    # Kept as printed: whole in a text layer; from a scan the "/HU" may be lost.
    assert h.confidence("code_number") >= 0.9
    assert parse_header(text, ocr=True).confidence("code_number") < 0.9
    assert h.value("subject") == "về sinh hoạt chi bộ năm 2025"


def test_number_without_issuer_keeps_its_type():
    h = parse_header(party("về sinh hoạt chi bộ năm 2025", number="Số 03-KH"))
    assert h.value("code_notation") == "KH"
    assert h.value("type_name") == "Kế hoạch"


def test_subject_with_a_word_no_syllable_is_never_confident():
    clean = parse_header(party("về sinh hoạt chi bộ năm 2025"))
    assert clean.confidence("subject") >= 0.9
    noisy = parse_header(party("về sinh hqạt chi bộ năm 2025"))
    assert noisy.value("subject") == "về sinh hqạt chi bộ năm 2025"
    assert noisy.confidence("subject") < 0.9
    # The review reason names the field that is likely wrong, and only it.
    _, _, low = pipeline.parse(party("về sinh hqạt chi bộ năm 2025"), None)
    assert [x for x in low if x.startswith(pipeline.FIELD_LABELS["subject"])] == [
        f"{pipeline.FIELD_LABELS['subject']} (có chữ không phải âm tiết tiếng Việt: “hqạt”, "
        "có thể đọc sai)"
    ]
    _, _, low = pipeline.parse(party("về sinh hoạt chi bộ năm 2025"), None)
    assert not [x for x in low if x.startswith(pipeline.FIELD_LABELS["subject"])]


def test_number_that_does_not_parse_whole_is_never_confident():
    h = parse_header(party("về sinh hoạt chi bộ năm 2025", number="Số 2l-KH/HU"))
    assert h.value("code_number") == "21"
    assert h.confidence("code_number") < 0.9
