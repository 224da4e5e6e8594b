"""The header parser on Party and State headers, as PDF text and OCR leave them."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from luutru.capture.header import HeaderVocabulary, display_name, parse_header
from luutru.orgs.models import Secrecy
from luutru.registry.models import Urgency
from luutru.rules.models import RuleProfile

pytestmark = pytest.mark.django_db

PARTY_DECISION = """TỈNH ỦY QUẢNG NINH ĐẢNG CỘNG SẢN VIỆT NAM
BAN TỔ CHỨC
*
Số 127-QĐ/BTCTU Quảng Ninh, ngày 04 tháng 02 năm 2025
QUYẾT ĐỊNH
về việc kiện toàn Ban Chỉ đạo công tác chuyển đổi số
trong các cơ quan Đảng tỉnh năm 2025
-----
Thực hiện Chỉ thị số 35-CT/TW, ngày 30/5/2019 của Bộ Chính trị về đại hội đảng bộ các cấp,
Căn cứ Quy định số 24-QĐ/TW, ngày 30/7/2021 của Ban Chấp hành Trung ương;
Xét đề nghị của Văn phòng Tỉnh ủy, Ban Thường vụ Tỉnh ủy quyết định:
Điều 1. Kiện toàn Ban Chỉ đạo gồm các đồng chí có tên sau đây.
Nơi nhận: T/M BAN THƯỜNG VỤ
- Như Điều 3, PHÓ BÍ THƯ
- Lưu Văn phòng.
Nguyễn Thị Hồng Nhung
"""

STATE_LETTER = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NINH Độc lập - Tự do - Hạnh phúc
Số: 125/UBND-VP Quảng Ninh, ngày 15 tháng 3 năm 2024
V/v triển khai thực hiện Kế hoạch
chuyển đổi số năm 2024
THƯỢNG KHẨN
Kính gửi: Các sở, ban, ngành
Thực hiện Công văn số 12/BNV-VTLTNN ngày 02/01/2024 của Bộ Nội vụ về việc lập hồ sơ,
Nơi nhận: KT. CHỦ TỊCH
- Như trên; PHÓ CHỦ TỊCH
- Lưu: VT.
Đặng Xuân Phương
"""


def party_vocab() -> HeaderVocabulary:
    return HeaderVocabulary.from_profile(RuleProfile.objects.get(code="party-2018"))


def test_a_party_decision_is_read_field_by_field():
    parsed = parse_header(PARTY_DECISION)
    v = parsed.value
    assert parsed.style == "party"
    assert v("motto") == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert (v("issuer_parent"), v("issuer")) == ("TỈNH ỦY QUẢNG NINH", "BAN TỔ CHỨC")
    assert (v("code_number"), v("code_notation")) == ("127", "QĐ/BTCTU")
    assert v("type_name") == "Quyết định"
    assert v("place") == "Quảng Ninh"
    assert v("issued_date") == dt.date(2025, 2, 4)
    assert v("subject") == (
        "về việc kiện toàn Ban Chỉ đạo công tác chuyển đổi số trong các cơ quan Đảng tỉnh năm 2025"
    )
    assert (v("signer_position"), v("signer_full_name")) == ("PHÓ BÍ THƯ", "Nguyễn Thị Hồng Nhung")
    assert v("signer_authority") == "T/M BAN THƯỜNG VỤ"
    assert v("cited") == ["35-CT/TW", "24-QĐ/TW"]
    assert parsed.citations[0].issued_date == dt.date(2019, 5, 30)
    assert parsed.citations[0].issuer == "Bộ Chính trị"
    assert v("secrecy") == Secrecy.NONE and v("urgency") == Urgency.NONE
    assert not parsed.needs_review()


def test_quy_dinh_and_quyet_dinh_share_qd_but_the_type_line_decides():
    text = PARTY_DECISION.replace("QUYẾT ĐỊNH\n", "QUY ĐỊNH\n")
    assert parse_header(text).value("type_name") == "Quy định"


def test_a_state_letter_with_vv_subject_and_urgency():
    parsed = parse_header(STATE_LETTER)
    v = parsed.value
    assert parsed.style == "state"
    assert v("motto") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert v("issuer") == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"
    assert (v("code_number"), v("code_notation")) == ("125", "UBND-VP")
    assert v("type_name") == "Công văn"
    assert v("subject") == "V/v triển khai thực hiện Kế hoạch chuyển đổi số năm 2024"
    assert v("urgency") == Urgency.THUONG_KHAN
    assert v("issued_date") == dt.date(2024, 3, 15)
    assert (v("signer_position"), v("signer_full_name")) == ("PHÓ CHỦ TỊCH", "Đặng Xuân Phương")
    assert v("cited") == ["12/BNV-VTLTNN"]
    assert parsed.metadata()["symbol"] == "125/UBND-VP"
    assert parsed.metadata()["organ_name"] == "Ủy ban nhân dân tỉnh Quảng Ninh"


def test_a_state_decision_symbol_names_its_type():
    text = STATE_LETTER.replace("Số: 125/UBND-VP", "Số: 12/QĐ-UBND").replace(
        "V/v triển khai thực hiện Kế hoạch\nchuyển đổi số năm 2024",
        "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n-----",
    )
    parsed = parse_header(text)
    assert parsed.value("code_notation") == "QĐ-UBND"
    assert parsed.value("type_name") == "Quyết định"
    assert parsed.value("subject") == "Về việc thành lập Tổ công tác"


@pytest.mark.parametrize(
    ("mark", "secrecy", "urgency"),
    [
        ("MẬT", Secrecy.MAT, Urgency.NONE),
        ("TỐI MẬT", Secrecy.TOI_MAT, Urgency.NONE),
        ("TUYỆT MẬT", Secrecy.TUYET_MAT, Urgency.NONE),
        ("KHẨN", Secrecy.NONE, Urgency.KHAN),
        ("HỎA TỐC", Secrecy.NONE, Urgency.HOA_TOC),
        ("TỐI MẬT THƯỢNG KHẨN", Secrecy.TOI_MAT, Urgency.THUONG_KHAN),
    ],
)
def test_secrecy_and_urgency_marks_map_to_the_enums(mark, secrecy, urgency):
    text = PARTY_DECISION.replace("QUYẾT ĐỊNH\n", f"{mark}\nQUYẾT ĐỊNH\n")
    parsed = parse_header(text)
    assert (parsed.value("secrecy"), parsed.value("urgency")) == (secrecy, urgency)
    assert parsed.value("type_name") == "Quyết định"


def test_secret_in_the_body_is_not_a_mark():
    text = PARTY_DECISION.replace("Điều 1.", "bảo vệ BÍ MẬT nhà nước. Điều 1.")
    assert parse_header(text).value("secrecy") == Secrecy.NONE


def test_lost_tone_marks_still_find_fields_but_ask_for_review():
    ocr = PARTY_DECISION.replace("ngày 04 tháng 02 năm", "ngay 04 thang 02 nam").replace(
        "QUYẾT ĐỊNH", "QUYET ĐINH"
    )
    parsed = parse_header(ocr)
    assert parsed.value("issued_date") == dt.date(2025, 2, 4)
    assert parsed.value("type_name") == "Quyết định"
    assert parsed.confidence("type_name") < 0.9
    assert parsed.needs_review()
    assert "type_name" in parsed.uncertain()


def test_an_impossible_date_is_not_taken():
    parsed = parse_header(PARTY_DECISION.replace("ngày 04 tháng 02", "ngày 30 tháng 02"))
    assert "issued_date" not in parsed.fields
    assert parsed.needs_review()
    assert any("không có thật" in w for w in parsed.warnings)


def test_an_unknown_type_abbreviation_lowers_confidence():
    parsed = parse_header(
        PARTY_DECISION.replace("127-QĐ/BTCTU", "127-XY/BTCTU"), vocabulary=party_vocab()
    )
    assert parsed.confidence("code_notation") < 0.9
    assert parsed.needs_review()


def test_text_without_a_header_gives_no_fields_and_needs_review():
    parsed = parse_header("Biên bản này được lập thành hai bản có giá trị như nhau.\n")
    assert not parsed.value("code_number") and not parsed.value("issued_date")
    assert parsed.needs_review()
    assert parse_header("").needs_review()


def test_types_come_from_the_rule_profile_not_from_code():
    profile = RuleProfile.objects.get(code="party-2018")
    profile.doc_types.create(name="Thư chúc mừng", abbrev="TCM")
    text = PARTY_DECISION.replace("QUYẾT ĐỊNH\n", "THƯ CHÚC MỪNG\n").replace("127-QĐ/", "127-TCM/")
    parsed = parse_header(text, profile)
    assert parsed.value("type_name") == "Thư chúc mừng"
    assert parsed.value("doc_type") == profile.doc_types.get(abbrev="TCM").pk


def test_metadata_creates_a_document_through_the_registry(world):
    from luutru.registry.services import create_document
    from luutru.registry.tests.files import make_pdf

    text = (
        PARTY_DECISION.replace("TỈNH ỦY QUẢNG NINH ĐẢNG", "TỈNH ỦY THỬ NGHIỆM ĐẢNG")
        .replace("BAN TỔ CHỨC\n", "")
        .replace("127-QĐ/BTCTU", "127-QĐ/TU")
    )
    parsed = parse_header(text, org=world.province)
    assert parsed.value("organ_name") == "Tỉnh ủy Thử nghiệm"
    doc, _ = create_document(
        world.clerk,
        world.office,
        content=io.BytesIO(make_pdf()),
        filename="qd.pdf",
        metadata=parsed.metadata(),
    )
    assert (doc.code_number, doc.code_notation, doc.type_name) == ("127", "QĐ/TU", "Quyết định")
    assert doc.issued_date == dt.date(2025, 2, 4)
    assert doc.signer_position == "Phó Bí thư"


@pytest.mark.parametrize(
    ("upper", "name"),
    [
        ("TỈNH ỦY QUẢNG NINH", "Tỉnh ủy Quảng Ninh"),
        ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH", "Ủy ban nhân dân tỉnh Quảng Ninh"),
        ("ĐẢNG ỦY XÃ HÒA BÌNH", "Đảng ủy xã Hòa Bình"),
        ("HUYỆN ỦY TIÊN YÊN", "Huyện ủy Tiên Yên"),
        ("BỘ CHÍNH TRỊ", "Bộ Chính trị"),
        ("BAN BÍ THƯ", "Ban Bí thư"),
    ],
)
def test_display_names_in_sentence_case(upper, name):
    assert display_name(upper) == name


def test_a_state_letter_received_by_a_party_body_gets_the_party_profiles_type(world):
    parsed = parse_header(STATE_LETTER, org=world.office)
    party_cv = RuleProfile.objects.get(code="party-2018").doc_types.get(name="Công văn")
    assert parsed.style == "state"
    assert parsed.value("type_name") == "Công văn"
    assert parsed.value("doc_type") == party_cv.pk
    assert parsed.metadata()["symbol"] == "125/UBND-VP"


def test_a_type_the_receiving_profile_lacks_is_left_for_review(world):
    profile = RuleProfile.objects.get(code="state-2020")
    profile.doc_types.create(name="Thông tư", abbrev="TT")
    text = STATE_LETTER.replace("Số: 125/UBND-VP", "Số: 12/TT-UBND").replace(
        "V/v triển khai thực hiện Kế hoạch\nchuyển đổi số năm 2024",
        "THÔNG TƯ\nhướng dẫn lập hồ sơ\n-----",
    )
    parsed = parse_header(text, org=world.office)
    assert parsed.value("type_name") == "Thông tư"
    assert parsed.value("doc_type") is None
    assert parsed.needs_review()
    assert any("không có trong bộ quy tắc" in w for w in parsed.warnings)


def test_a_type_added_to_the_rules_is_seen_at_once():
    profile = RuleProfile.objects.get(code="party-2018")
    parse_header(PARTY_DECISION)  # fills the vocabulary cache
    profile.doc_types.create(name="Nghị quyết liên tịch", abbrev="NQLT")
    text = PARTY_DECISION.replace("QUYẾT ĐỊNH\n", "NGHỊ QUYẾT LIÊN TỊCH\n").replace(
        "127-QĐ/", "127-NQLT/"
    )
    assert parse_header(text).value("type_name") == "Nghị quyết liên tịch"


@pytest.mark.django_db
def test_a_speck_read_as_a_colon_does_not_end_a_subject_broken_before_its_years():
    text = "\n".join(
        [
            "THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 1697/CT-TTg Hà Nội, ngày 29 tháng 8 năm 2022",
            "CHỈ THỊ",
            "Về tổ chức đại hội.",
            "chi bộ nhiệm kỳ:",
            "2025 - 2027",
            "",
            "Sau một thời gian triển khai, công việc đã có chuyển biến.",
        ]
    )
    got = parse_header(text, ocr=True)
    assert got.value("subject") == "Về tổ chức đại hội chi bộ nhiệm kỳ 2025 - 2027"
    # Born-digital, a colon that ends a line before a list is the body's.
    listed = text.replace("chi bộ nhiệm kỳ:\n2025 - 2027", "chi bộ nhiệm kỳ:\n- Các chi bộ")
    assert "Các chi bộ" not in (parse_header(listed).value("subject") or "")


@pytest.mark.parametrize(
    ("line", "number", "notation", "put_back"),
    [
        # Every separator lost: the rules' abbreviations split it, the motto says how.
        ("ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY TRÀ VINH\nSố:09BBTU", "09", "BB/TU", True),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nỦY BAN NHÂN DÂN\nSố:06BCUBND", "06", "BC-UBND", True),
        # The State slash lost before an issuer ending on a small letter.
        ("THỦ TƯỚNG CHÍNH PHỦ\nSố:500QĐ-TTg", "500", "QĐ-TTg", True),
        # Specks after "Số:", the section sign and the eth OCR reads for "S" and "Đ".
        (
            "ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH TRUNG ƯƠNG\nSố:'548-HD/VPTW",
            "548",
            "HD/VPTW",
            False,
        ),
        ("ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY GIA LAI\n` §ố:118-CV/TU", "118", "CV/TU", False),
        ("ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY\nSố 27-QÐ/TU", "27", "QĐ/TU", False),
        # The dash read as a speck; a speck read as a tone mark on an abbreviation's capital.
        ("ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY NGA SƠN\nSố:09.BB/HU", "09", "BB/HU", True),
        ("ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY TRÀ VINH\nSố 03:BC/TU", "03", "BC/TU", True),
        ("ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY XÃ AN NHƠN\nSố: 22-BC/ĐŨ", "22", "BC/ĐU", True),
    ],
)
def test_number_lines_as_ocr_damages_them(line, number, notation, put_back):
    from luutru.capture.steps import corrected_ocr_text

    type_line = TYPE_LINES.get(re.split(r"[-/]", notation)[0], "")
    text = corrected_ocr_text(f"{line} Trà Vinh, ngày 05 tháng 4 năm 2019\n{type_line}", None)
    parsed = parse_header(text, ocr=True)
    assert (parsed.value("code_number"), parsed.value("code_notation")) == (number, notation)
    # A separator put back is not what was printed: a person checks it.
    assert (parsed.fields["code_notation"].confidence < 0.9) == put_back


TYPE_LINES = {"BB": "BIÊN BẢN", "BC": "BÁO CÁO", "QĐ": "QUYẾT ĐỊNH", "HD": "HƯỚNG DẪN"}


@pytest.mark.parametrize(
    ("header", "why"),
    [
        # The type line says Tờ trình, the number says Kế hoạch: one is misread.
        (
            "ỦY BAN NHÂN DÂN\nXÃ KIM SƠN\nSố: 1050/KH-UBND Kim Sơn, ngày 05 tháng 4 năm 2019\n"
            "TỜ TRÌNH\nVề việc đề nghị phê duyệt kế hoạch",
            "không khớp tên loại",
        ),
        # "VPT": the rules' "VPTW" with a letter lost, though the issuer's initials fit it.
        (
            "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM\nVĂN PHÒNG\n"
            "Số 03-HD/VPT Hà Nội, ngày 05 tháng 4 năm 2019\nHƯỚNG DẪN\nvề công tác văn thư",
            "mất một chữ cái",
        ),
    ],
)
def test_number_that_disagrees_is_not_confident(header, why):
    parsed = parse_header(header, ocr=True)
    assert parsed.fields["code_notation"].confidence < 0.9
    assert why in parsed.why("code_notation")


@pytest.mark.parametrize(
    ("number", "type_line", "notation"),
    [
        # "TTr" with its small letter lost, under a Tờ trình's type line.
        ("Số: 1050/TT-UBND", "TỜ TRÌNH", "TTr-UBND"),
        ("Số: 643-TT/BTGDVTU", "TỜ TRÌNH", "TTr/BTGDVTU"),
        # "CTI": the look-alikes make it "CTr", a Chỉ thị's type line says "CT".
        ("Số: 07/CTI-UBND", "CHỈ THỊ", "CT-UBND"),
        # Two letters apart ("KH" under "TỜ TRÌNH"), or a type line read one letter off
        # ("TỜ TRÍNH"): the number stays as read.
        ("Số: 1050/KH-UBND", "TỜ TRÌNH", "KH-UBND"),
        ("Số: 1050/TT-UBND", "TỜ TRNH", "TT-UBND"),
    ],
)
def test_a_number_one_letter_off_its_type_line_takes_the_type_lines(number, type_line, notation):
    from luutru.capture.steps import corrected_ocr_text

    text = corrected_ocr_text(
        f"ỦY BAN NHÂN DÂN\nXÃ KIM SƠN\n{number} Kim Sơn, ngày 05 tháng 4 năm 2019\n"
        f"{type_line}\nVề việc đề nghị phê duyệt kế hoạch",
        None,
    )
    parsed = parse_header(text, ocr=True)
    assert parsed.value("code_notation") == notation
    assert parsed.value("type_name") in ("Tờ trình", "Chỉ thị")
    # Either way a person checks the number against the page.
    assert parsed.fields["code_notation"].confidence < 0.9
    assert parsed.fields["type_name"].confidence < 0.9
    if notation.split("-")[0] in ("TTr", "CT"):
        assert "tên loại in trên văn bản" in parsed.why("code_notation")


@pytest.mark.parametrize(
    ("line", "symbol"),
    [("Số: 500/KH-SYT - Hà Giang", "KH-SYT"), ("Số: 3691/QĐ-TTg - Hà Nội", "QĐ-TTg")],
)
def test_a_place_after_a_dash_is_no_part_of_the_state_symbol(line, symbol):
    text = f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{line}, ngày 08 tháng 10 năm 2024\nKẾ HOẠCH"
    assert parse_header(text, ocr=True).value("code_notation") == symbol


def test_an_issuer_glued_to_the_motto_is_not_confident():
    # A text layer whose columns ran together lost the "C" the two shared.
    text = (
        "ỦY BAN NHÂN DÂN XÃ PHÚC LỘCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Số: 334/BC-UBND Phúc Lộc, ngày 06 tháng 6 năm 2018\nBÁO CÁO\nvề công tác văn thư"
    )
    parsed = parse_header(text)
    assert parsed.value("motto") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert parsed.fields["issuer"].confidence < 0.9
    assert "dính liền" in parsed.reasons["issuer"]


def test_an_issuer_run_into_the_motto_where_no_letter_can_be_lost_stays_confident():
    text = (
        "ỦY BAN NHÂN DÂN TỈNH BÌNHCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Số: 334/BC-UBND Bình, ngày 06 tháng 6 năm 2018\nBÁO CÁO\nvề công tác văn thư"
    )
    parsed = parse_header(text)
    assert parsed.value("issuer") == "ỦY BAN NHÂN DÂN TỈNH BÌNH"  # "BÌNHC" is no syllable
    assert "dính liền" not in parsed.reasons.get("issuer", "")


@pytest.mark.parametrize(
    ("subject", "clean"),
    [
        ("VỀ CHỨC NĂNG, NHIỆM VỤ, TỔ CHỨC.BỘ MÁY CỦA CƠ QUAN THAM MƯU Ji",
         "VỀ CHỨC NĂNG, NHIỆM VỤ, TỔ CHỨC BỘ MÁY CỦA CƠ QUAN THAM MƯU"),
        ("VỀ CÔNG TÁC VĂN THƯ TRONG CÁC. CƠ QUAN CỦA ĐẢNG",
         "VỀ CÔNG TÁC VĂN THƯ TRONG CÁC CƠ QUAN CỦA ĐẢNG"),
        ("về khai thác khoáng sản giai đoạn 2021 -.2025 =ẽ",
         "về khai thác khoáng sản giai đoạn 2021 - 2025"),
        # Spaces lost around a year, a full stop before a one-letter word, a dash by "về".
        ("Quán triệt các nghị quyết của Đảng năm2022", "Quán triệt các nghị quyết của Đảng năm 2022"),
        ("về sinh hoạt chi bộ giai đoạn 2021- 2025", "về sinh hoạt chi bộ giai đoạn 2021 - 2025"),
        ("V/v lấy.ý kiến góp ý dự thảo văn kiện", "V/v lấy ý kiến góp ý dự thảo văn kiện"),
        ("V/v ứng dụng công nghệ thông tin trong quản lý -_ văn bản",
         "V/v ứng dụng công nghệ thông tin trong quản lý văn bản"),
        ("Kết luận của Thường trực - về xây dựng đội ngũ",
         "Kết luận của Thường trực về xây dựng đội ngũ"),
        ("về phát triển kinh tế - xã hội giai đoạn 2021-2025",
         "về phát triển kinh tế - xã hội giai đoạn 2021-2025"),
        # What a trích yếu may hold stays: an abbreviation, a one-letter word.
        ("về công tác phối hợp với UBND TP. Hồ Chí Minh ở cơ sở",
         "về công tác phối hợp với UBND TP. Hồ Chí Minh ở cơ sở"),
    ],
)  # fmt: skip
def test_specks_inside_and_after_a_scanned_subject_go(subject, clean):
    text = (
        "ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY GIA LAI\n"
        f"Số 12-QĐ/TU Pleiku, ngày 03 tháng 3 năm 2025\nQUY ĐỊNH\n{subject}\n\n"
        "Sau một thời gian triển khai, công việc đã có chuyển biến."
    )
    assert parse_header(text, ocr=True).value("subject") == clean


@pytest.mark.parametrize(
    ("date_line", "place", "date"),
    [
        ("Thanh Hóa, ngày 11 tháng 04 năni 2022", "Thanh Hóa", dt.date(2022, 4, 11)),
        ("Bạc Liêu, ngày 12 tháng 6 năm.2016", "Bạc Liêu", dt.date(2016, 6, 12)),
        ("Hà Nội, hgày 23 tháng 8 năm 2017", "Hà Nội", dt.date(2017, 8, 23)),
        ("Pleiku, ngày 14 tháng. 10 năm 2023", "Pleiku", dt.date(2023, 10, 14)),
        # The date past reading: the place before "ngày" is kept, not confident.
        ("Vĩnh Yên, ngày 13 tháng 10 năm nhớ", "Vĩnh Yên", None),
        ("Lào Cai, ngày jÐ HC ¡ 7 năm 2017.", "Lào Cai", None),
    ],
)
def test_date_lines_as_ocr_damages_them(date_line, place, date):
    text = (
        f"ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY\nSố 977-QĐ/TU {date_line}\nQUYẾT ĐỊNH\nvề công tác cán bộ"
    )
    parsed = parse_header(text, ocr=True)
    assert (parsed.value("place"), parsed.value("issued_date")) == (place, date)
    if date is None:
        assert parsed.confidence("place") < 0.9 and "ngày tháng" in parsed.why("place")


def test_a_scans_place_is_sure_only_where_the_header_names_it_too():
    head = "ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY LÀO CAI\nSố 12-QĐ/TU {}, ngày 03 tháng 3 năm 2025\nQUYẾT ĐỊNH"
    named = parse_header(head.format("Lào Cai"), ocr=True)
    assert named.value("place") == "Lào Cai" and named.confidence("place") >= 0.9
    misread = parse_header(head.format("Tào Cai"), ocr=True)  # OCR's "T" for "L"
    assert misread.value("place") == "Tào Cai" and misread.confidence("place") < 0.9
    assert "không thấy trong tên cơ quan" in misread.why("place")
    garbled = parse_header(head.format("An Nhơh"), ocr=True)
    assert garbled.confidence("place") < 0.9 and "âm tiết" in garbled.why("place")
    # Born-digital text is what was printed: no check needed.
    assert parse_header(head.format("Tào Cai")).confidence("place") >= 0.9


@pytest.mark.parametrize(
    ("lines", "parent", "issuer"),
    [
        # The band's clean reading above the first reading's glued one.
        (["TỈNH ỦY BẮC GIANG", "TỈNHỦYBÄCGING", "BAN TỔ CHỨC"], "TỈNH ỦY BẮC GIANG", "BAN TỔ CHỨC"),
        # A piece of a line over the whole line.
        (["ỦY BAN", "ỦY BAN NHÂN DÂN TỈNH KON TUM", "SỞ NỘI VỤ"], "ỦY BAN NHÂN DÂN TỈNH KON TUM", "SỞ NỘI VỤ"),
        # Two lines of one name are no repeat.
        (["HỘI NÔNG DÂN VIỆT NAM", "BCH HỘI NÔNG DÂN TỈNH GIA LAI"], "HỘI NÔNG DÂN VIỆT NAM",
         "BCH HỘI NÔNG DÂN TỈNH GIA LAI"),
    ],
)  # fmt: skip
def test_a_header_line_read_twice_is_kept_once(lines, parent, issuer):
    text = "\n".join(
        [*lines, "Số 12-BC/BTCTU Kon Tum, ngày 03 tháng 3 năm 2025", "BÁO CÁO", "về công tác"]
    )
    parsed = parse_header(text, ocr=True)
    assert (parsed.value("issuer_parent"), parsed.value("issuer")) == (parent, issuer)


@pytest.mark.parametrize(
    ("line", "issuer"),
    [
        ("ĐẢNG ỦY PHƯỜNG YÊN LẠC TEEE", "ĐẢNG ỦY PHƯỜNG YÊN LẠC"),
        ("BCH HỘI LHPN TỈNH HÒA BÌNH 3", "BCH HỘI LHPN TỈNH HÒA BÌNH"),
        ("VĂN PHÒNG Ẽ", "VĂN PHÒNG"),
        # A number or a letter a name takes stays.
        ("CHI BỘ KHU PHỐ 3", "CHI BỘ KHU PHỐ 3"),
        ("CHI BỘ TRƯỜNG THCS 2", "CHI BỘ TRƯỜNG THCS 2"),
        ("CHI BỘ ĐỘI B", "CHI BỘ ĐỘI B"),
    ],
)
def test_specks_after_an_issuer_go_and_its_numbers_stay(line, issuer):
    text = f"{line}\nSố 12-NQ/CB Kon Tum, ngày 03 tháng 3 năm 2025\nNGHỊ QUYẾT\nvề công tác"
    assert parse_header(text, ocr=True).value("issuer") == issuer


BODY = "Sau một thời gian triển khai, công việc đã có chuyển biến; song ở một số nơi việc"


@pytest.mark.parametrize(
    ("block", "subject"),
    [
        # A narrow block read line by line with blank lines between (no two blank lines
        # are the same line: the first one above it must not end it).
        ("\nTriển khai nâng cao\n\nchất lượng sinh hoạt\n\nchi bộ giai đoạn 2021\n\n- 2025\n",
         "Triển khai nâng cao chất lượng sinh hoạt chi bộ giai đoạn 2021 - 2025"),
        ("Một số nội dung :\nvề chăm lo đời\nsống người có\n\ncông\n",
         "Một số nội dung về chăm lo đời sống người có công"),
        # A speck read as a colon, and the next line behind a speck read as a dash.
        ("kết quả kiểm tra:\n- tài chính đảng\n\ntrên địa bàn\n",
         "kết quả kiểm tra tài chính đảng trên địa bàn"),
        ("về tăng cường lãnh đạo tuyên:\n-_ truyền về biển, đảo\n",
         "về tăng cường lãnh đạo tuyên truyền về biển, đảo"),
        ("Thực hiện chủ trương sáp nhập\n\n-_ các thôn, tổ dân phố năm 2022\n",
         "Thực hiện chủ trương sáp nhập các thôn, tổ dân phố năm 2022"),
        # A dash inside one word of the dictionary is a speck; between two words it stays.
        ("Thực hiện chế độ báo cáo định - kỳ của các chi bộ năm 2024\n",
         "Thực hiện chế độ báo cáo định kỳ của các chi bộ năm 2024"),
        ("về phát triển kinh tế - xã hội vùng biên giới\n",
         "về phát triển kinh tế - xã hội vùng biên giới"),
        # A body's line whose last word OCR cut ("… từ n" / "guồn …") is no part of it.
        ("tình hình công tác lưu trữ tài liệu điện tử\nKinh phí bảo đảm từ n\n\n"
         "guồn dự toán được giao hằng năm và các nguồn hợp pháp\n",
         "tình hình công tác lưu trữ tài liệu điện tử"),
        # After a blank line, a line under a phrase that cannot end there goes on.
        ("về việc khen thưởng đồng chí\n\nLê Thế Đình Duyên công tác tại cơ sở :\n",
         "về việc khen thưởng đồng chí Lê Thế Đình Duyên công tác tại cơ sở"),
        # Without a blank line, and behind a speck read as a dash.
        ("về việc chuẩn y kết quả bầu cử đồng chí -\nPhan Bá Khải nhiệm kỳ 2020 - 2025.\n",
         "về việc chuẩn y kết quả bầu cử đồng chí Phan Bá Khải nhiệm kỳ 2020 - 2025"),
        # Two years with the dash lost; a capitalised speck after the last year.
        ("Về giữ gìn bản sắc văn hóa các dân tộc giai đoạn 2021 2025\n",
         "Về giữ gìn bản sắc văn hóa các dân tộc giai đoạn 2021 - 2025"),
        ("về quản lý hoạt động khai thác khoáng sản năm 2016 Thiện\n",
         "về quản lý hoạt động khai thác khoáng sản năm 2016"),
        # A name follows "đồng chí"; a body's line does not take its place.
        ("về việc khen thưởng đồng chí\n"
         "Văn bản này được phổ biến đến toàn thể cán bộ, đảng viên, hội viên và nhân dân\n",
         "về việc khen thưởng đồng chí"),
        # A word pair broken over two lines is corrected whole ("đẳng" / "viên").
        ("Quy trình xem xét, thi hành kỷ luật đẳng\nviên trong thời gian tới\n",
         "Quy trình xem xét, thi hành kỷ luật đảng viên trong thời gian tới"),
        # The first word of a line going on, read in capitals ("VỆ" for "vệ").
        ("nâng cao hiệu quả an toàn\n\nVỆ sinh thực phẩm\n",
         "nâng cao hiệu quả an toàn vệ sinh thực phẩm"),
        # A body's wide line, its start lost, is no part of a short-lined subject.
        ("hành động về phổ biến,\ngiáo dục pháp luật.\n"
         "| nh thực hiện, nếu có vướng mắc, phản ánh kịp thời về\n",
         "hành động về phổ biến, giáo dục pháp luật"),
        ("ý kiến về xây dựng đội ngũ cán bộ cấp cơ sở\n"
         "bộ phận tham mưu theo dõi, đôn đốc, kiểm tra và định kỳ sáu tháng báo cáo kết\n",
         "ý kiến về xây dựng đội ngũ cán bộ cấp cơ sở"),
    ],
)  # fmt: skip
def test_a_scanned_subjects_lines_are_read_whole(block, subject):
    text = (
        "ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY GIA LAI\n"
        f"Số 12-KH/TU Pleiku, ngày 03 tháng 3 năm 2025\nKẾ HOẠCH\n{block}\n{BODY}"
    )
    assert parse_header(text, ocr=True).value("subject") == subject


def test_a_type_line_read_twice_is_no_subject():
    text = (
        "BCH ĐOÀN TỈNH QUẢNG TRỊ ĐOÀN TNCS HỒ CHÍ MINH\n"
        "Số: 06-BC/TĐTN-VP Đông Hà, ngày 11 tháng 11 năm 2023\n"
        "BẢO CÁO\nMẬT\nBÁO CÁO -\nQuản lý đảng viên đi\nlàm ăn xa nơi cư trú\n\n" + BODY
    )
    parsed = parse_header(text, ocr=True)
    assert parsed.value("type_name") == "Báo cáo"
    assert parsed.value("subject") == "Quản lý đảng viên đi làm ăn xa nơi cư trú"


def test_a_state_number_read_below_the_type_line_still_leaves_type_and_subject():
    # OCR read the number's column after the type line and the subject.
    text = (
        "BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 23 tháng 4 năm 2017\n\nTHÔNG TƯ\nQuy định định mức kinh tế -\n"
        "kỹ thuật chỉnh lý tài liệu\n\nSố: 89/2017/TT-BTC\n\n" + BODY
    )
    parsed = parse_header(text, ocr=True)
    assert parsed.value("type_name") == "Thông tư"
    assert parsed.value("subject") == "Quy định định mức kinh tế - kỹ thuật chỉnh lý tài liệu"
    assert parsed.value("code_notation") == "2017/TT-BTC"
    assert parsed.value("issuer") == "BỘ TÀI CHÍNH"


@pytest.mark.parametrize("vv", ["V/v", "VW⁄%", "VW⁄%w", "VA"])
def test_a_v_v_misread_with_specks_still_opens_a_cong_vans_subject(vv):
    text = (
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH BÌNH ĐỊNH Độc lập - Tự do - Hạnh phúc\n"
        "Số: 3019/MTTQ-BTT Quy Nhơn, ngày 13 tháng 6 năm 2022\n"
        f"{vv} bình xét\nhộ nghèo, hộ\ncận nghèo\n\nKính gửi: Ủy ban nhân dân các xã\n"
    )
    assert parse_header(text, ocr=True).value("subject") == "V/v bình xét hộ nghèo, hộ cận nghèo"


@pytest.mark.parametrize(
    ("line", "type_name"),
    [
        ("BÁO GÁO .", "Báo cáo"),
        ("NGHỊQUYT  _ 7...", "Nghị quyết"),
        ("KẾ Ế HOẠCH :", "Kế hoạch"),
        ("BÁO CÁO _. X ng", "Báo cáo"),
        ("CHỈ THỊ", "Chỉ thị"),
    ],
)
def test_a_type_line_one_letter_off_is_read_not_sure(line, type_name):
    text = (
        "ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY NINH THUẬN\nSố 03 Phan Rang, ngày 11 tháng 8 năm 2017\n"
        f"{line}\ntình hình tổ chức đại hội chi bộ nhiệm kỳ 2025 - 2027\n\n{BODY}"
    )
    parsed = parse_header(text, ocr=True)
    assert parsed.value("type_name") == type_name
    assert parsed.value("subject") == "tình hình tổ chức đại hội chi bộ nhiệm kỳ 2025 - 2027"
    assert (parsed.confidence("type_name") < 0.9) == (line != "CHỈ THỊ")


@pytest.mark.parametrize("line", ["CHƯƠN G TRÌNH .", "CHƯƠNG TRÌNH"])
def test_a_type_line_with_its_last_letter_parted_is_read_not_sure(line):
    text = (
        "TỈNH ỦY HÀ GIANG ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Số 3844-CTr/TU Hà Giang, ngày 27 tháng 6 năm 2017\n"
        f"{line}\n\ncông tác năm 2017 về phát triển đoàn\nviên, hội viên đến năm 2030\n\n{BODY}"
    )
    parsed = parse_header(text, ocr=True)
    assert parsed.value("type_name") == "Chương trình"
    assert (
        parsed.value("subject")
        == "công tác năm 2017 về phát triển đoàn viên, hội viên đến năm 2030"
    )
    assert (parsed.confidence("type_name") < 0.9) == (line != "CHƯƠNG TRÌNH")


@pytest.mark.parametrize(
    ("stamp", "secrecy", "urgency"),
    [("THƯỢNG KHẨN Sỹh Sài", 0, 2), ("MẬT Di Cột", 1, 0), ("MẬT TRẬN Tổ", 0, 0)],
)
def test_a_stamp_with_specks_beside_it_is_read_not_sure(stamp, secrecy, urgency):
    text = (
        "BỘ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        f"Số: 1122/2020/TT-BNV Hà Nội, ngày 18 tháng 3 năm 2020\n{stamp}\nTHÔNG TƯ\n"
        "Hướng dẫn chế độ báo cáo thống kê\n\n" + BODY
    )
    parsed = parse_header(text, ocr=True)
    assert (parsed.value("secrecy"), parsed.value("urgency")) == (secrecy, urgency)
    if secrecy or urgency:
        assert parsed.confidence("secrecy" if secrecy else "urgency") < 0.9


@pytest.mark.parametrize(
    ("line", "issuer"),
    [
        ("TỈNH ỦY LÀO CẮT", "TỈNH ỦY LÀO CAI"),  # a letter misread
        ("TỈNH ỦY TRÀ VNH", "TỈNH ỦY TRÀ VINH"),  # a letter dropped
        ("TÌNHỦYTRÀVNH", "TỈNH ỦY TRÀ VINH"),  # glued, and a letter dropped
        ("HỘI ĐỒNG NHÂN DÂN TỈNHYÊNBẢI", "HỘI ĐỒNG NHÂN DÂN TỈNH YÊN BÁI"),
        # Left as read: a name one letter off two provinces, a district's name.
        ("TỈNH ỦY HAI GIANG", "TỈNH ỦY HAI GIANG"),
        ("HUYỆN ỦY BẮC BÌNH", "HUYỆN ỦY BẮC BÌNH"),
    ],
)
def test_a_province_misread_after_tinh_is_read_as_the_one_it_can_be(line, issuer):
    text = (
        f"{line} ĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-NQ/TU Pleiku, ngày 03 tháng 3 năm 2025\n"
        f"NGHỊ QUYẾT\nvề công tác cán bộ\n\n{BODY}"
    )
    parsed = parse_header(text, ocr=True)
    assert parsed.value("issuer") == issuer
    if issuer != line:
        assert parsed.confidence("issuer") < 0.9 and "danh mục tỉnh" in parsed.why("issuer")
    # Born-digital text keeps what is printed.
    assert parse_header(text).value("issuer") == line


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("read", "subject"),
    [
        ("VỀ THẤM QUYỀN CỦA CẤP ỦY TRONG QUẢN LÝ", "VỀ THẨM QUYỀN CỦA CẤP ỦY TRONG QUẢN LÝ"),
        ("VỀ TIẾP TỤC ĐỔI MỚI PHƯỜNG THỨC LÃNH ĐẠO", "VỀ TIẾP TỤC ĐỔI MỚI PHƯƠNG THỨC LÃNH ĐẠO"),
        (
            "VỀ CHÚC NĂNG, NHIỆM VỤ CỦA CƠ QUAN THAM MƯU",
            "VỀ CHỨC NĂNG, NHIỆM VỤ CỦA CƠ QUAN THAM MƯU",
        ),
    ],
)
def test_a_scanned_subject_in_capitals_is_read_with_the_dictionary(read, subject):
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM\n"
        f"Số 09-QĐ/TW Hà Nội, ngày 04 tháng 10 năm 2021\nQUY ĐỊNH\n{read}\n\n{BODY}"
    )
    assert parse_header(text, ocr=True).value("subject") == subject
    assert parse_header(text).value("subject") == read  # a text layer is kept as printed


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("Hà Khác Thuận", "Hà Khắc Thuận"),  # "Khác" is no name; "Khắc" is
        ("Định Đúc Luân", "Đinh Đức Luân"),  # family and middle name both
        ("Nguyễn Thị Hoa", "Nguyễn Thị Hoa"),  # right as read
        ("Trần Văn Thạnh", "Trần Văn Thạnh"),  # spelt like two names (Thanh, Thành): as read
        ("Lê Văn Xyz", "Lê Văn Xyz"),  # like no name: as read
    ],
)
def test_a_scanned_signers_name_takes_the_marks_of_the_one_name_it_can_be(read, name):
    from luutru.capture.header.signature import name_marks

    assert name_marks(read) == name
    text = (
        "ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY GIA LAI\nSố 12-NQ/TU Pleiku, ngày 03 tháng 3 năm 2025\n"
        f"NGHỊ QUYẾT\nvề công tác cán bộ\n\n{BODY}\n\nT/M TỈNH ỦY\nBÍ THƯ\n\n{read}\n"
    )
    assert parse_header(text, ocr=True).value("signer_full_name") == name
    assert parse_header(text).value("signer_full_name") == read  # a text layer: as printed


@pytest.mark.parametrize(
    ("date_line", "sure"),
    [
        ("Hà Nội, ngày 26 tháng 10 năm 2016", True),
        ("Hà Nội, ngày 2G tháng 10 năm 2016", False),  # "2G": a 6 misread, not the 2nd
        ("Lào Cai, ngày 08 tháng †1 năm 2023", False),  # "†1": a 1 misread, not January
    ],
)
def test_a_mark_touching_a_dates_digits_makes_it_not_sure(date_line, sure):
    # Every scanned date is doubted as a hand may have written its day ("viết tay",
    # 0.88); a mark touching its digits doubts it further, saying so.
    text = f"ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY\nSố 977-QĐ/TU {date_line}\nQUYẾT ĐỊNH\nvề cán bộ"
    h = parse_header(text, ocr=True)
    assert h.confidence("issued_date") < 0.9
    assert ("viết tay" in h.why("issued_date")) == sure


@pytest.mark.parametrize(
    ("read", "notation", "why"),
    [
        # One known abbreviation the digit may be a letter of: read so, not sure.
        ("T1r-UBND", "TTr-UBND", "“T1r”"),
        # None: kept as read, not sure.
        ("T1x-UBND", "T1x-UBND", "chữ số"),
    ],
)
def test_a_digit_inside_an_abbreviations_letters_is_not_sure(read, notation, why):
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ ĐÔNG HƯNG\n"
        f"Số: 69/{read} Đông Hưng, ngày 16 tháng 4 năm 2019\nTỜ TRÌNH\nVề việc xin kinh phí"
    )
    parsed = parse_header(text, ocr=True)
    assert parsed.value("code_notation") == notation
    assert parsed.confidence("code_notation") < 0.9 and why in parsed.why("code_notation")


def test_a_type_line_read_twice_with_a_stamp_between_is_no_subject():
    text = (
        "TỈNH ỦY NINH THUẬN ĐẢNG CỘNG SẢN VIỆT NAM\nBAN TUYÊN GIÁO VÀ DÂN VẬN\n"
        "Số: 399-TTr/BTGDVTU Ninh Thuận, ngày 01 tháng 02 năm 2020\nTỜ TRÌNH\n"
        "| TUYẾỆT MẬT |\n\nKHẨN\n\nTƠ TRÌNH\nvề việc đề nghị phê duyệt kinh phí\n\n" + BODY
    )
    from luutru.capture.steps import corrected_ocr_text

    parsed = parse_header(corrected_ocr_text(text, None), ocr=True)  # as the import reads it
    assert parsed.value("subject") == "về việc đề nghị phê duyệt kinh phí"
    assert parsed.value("secrecy") == 3  # "TUYẾỆT": a letter OCR added


def test_a_type_line_with_a_letter_in_the_wrong_case_is_read():
    text = (
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH TRÀ VINH\n"
        "Số: 06/KH-MTTQ-BTT Trà Vinh, ngày 21 tháng 9 năm 2019\nKế HOẠCH\n"
        "Tổ chức xây dựng đội ngũ cán bộ\n\n" + BODY
    )
    parsed = parse_header(text, ocr=True)
    assert parsed.value("type_name") == "Kế hoạch" and parsed.confidence("type_name") < 0.9
    assert parsed.value("subject") == "Tổ chức xây dựng đội ngũ cán bộ"


@pytest.mark.parametrize(
    "between",
    [
        "V/v lấy ý kiến góp ý dự\n\nthảo văn kiện Đại hội\n\n",
        # Blank lines, a speck line and a stamp OCR put between it and "Kính gửi".
        "V/v lấy ý kiến góp ý dự :\n\nthảo văn kiện Đại hội\n\nn\n\nMẬT\n\n",
        # "Nơi nhận" OCR put above "Kính gửi" ends it.
        "V/v lấy ý kiến góp ý dự thảo văn kiện Đại hội\nNơi nhận: ni\n",
    ],
)
def test_a_v_v_subject_with_a_blank_line_inside_it_is_read_down_to_the_recipients(between):
    text = (
        "ỦY BAN MTTQ VIỆT NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH VĨNH PHÚC\n"
        "BAN THƯỜNG TRỰC\nSố: 490/MTTQ-BTT-TH Vĩnh Yên, ngày 20 tháng 08 năm 2020\n"
        f"{between}Kính gửi: Các đồng chí Ủy viên\n"
    )
    subject = "V/v lấy ý kiến góp ý dự thảo văn kiện Đại hội"
    assert parse_header(text, ocr=True).value("subject") == subject


def test_a_header_of_very_long_lines_is_read_in_bounded_time():
    # A hostile file (or a text layer with a paragraph per line): lines of thousands
    # of words took minutes before header lines were cut at HEADER_LINE characters.
    import time

    lines = ["ĐẢNG CỘNG SẢN VIỆT NAM", "TỈNH ỦY GIA LAI " * 2000, "BÁO GÁO " * 4000]
    text = "\n".join(
        [*lines * 5, "Số 12-NQ/TU Pleiku, ngày 03 tháng 3 năm 2025", "định - kỳ " * 4000]
    )
    started = time.monotonic()
    parsed = parse_header(text, ocr=True)
    assert time.monotonic() - started < 10
    assert parsed.value("motto") == "ĐẢNG CỘNG SẢN VIỆT NAM"


@pytest.mark.parametrize(
    ("number_line", "symbol"),
    [
        # "Số" misread or lost: a number the rules know both abbreviations of.
        ("bD 08-ĐA/UBKTTU Bắc Giang, ngày 28 tháng 6 năm 2022", ("08", "ĐA/UBKTTU")),
        ("¡90 613-NQ/TW_. : Hà Nội, ngày 24 tháng 6 năm 2021", ("613", "NQ/TW")),
        # The slash read as a letter, and letters read for others.
        ("Số 74-ĐAIUBKTTU Bắc Giang, ngày 17 tháng 7 năm 2020", ("74", "ĐA/UBKTTU")),
        ("Số 86-TIr/TU Bắc Giang, ngày 17 tháng 7 năm 2020", ("86", "TTr/TU")),
        ("Số 06-HD/VPIW Bắc Giang, ngày 17 tháng 7 năm 2020", ("06", "HD/VPTW")),
        ("Số 769-C1/TU Bắc Giang, ngày 17 tháng 7 năm 2020", ("769", "CT/TU")),
        ("Số 691-QĐĐĐ/TU Bắc Giang, ngày 17 tháng 7 năm 2020", ("691", "QĐ/TU")),
    ],
)
def test_a_scanned_number_misread_is_read_not_sure(number_line, symbol):
    text = f"TỈNH ỦY BẮC GIANG ĐẢNG CỘNG SẢN VIỆT NAM\n{number_line}\nĐỀ ÁN\nvề công tác"
    parsed = parse_header(text, ocr=True)
    assert (parsed.value("code_number"), parsed.value("code_notation")) == symbol
    assert parsed.fields["code_notation"].confidence < 0.9


@pytest.mark.parametrize(
    "line",
    [
        # Beside the date line, but abbreviations the rules do not know.
        "bD 08-XY/ZZZ Bắc Giang, ngày 28 tháng 6 năm 2022",
        # Known ones, but far from the date line: a cited number, not this one's.
        "Bắc Giang, ngày 28 tháng 6 năm 2022\nĐỀ ÁN\nvề công tác\nthực hiện 08-NQ/TW",
    ],
)
def test_a_number_without_so_is_not_taken_from_elsewhere(line):
    text = f"TỈNH ỦY BẮC GIANG ĐẢNG CỘNG SẢN VIỆT NAM\n{line}"
    assert parse_header(text, ocr=True).value("code_number") in (None, "")


@pytest.mark.parametrize(
    ("block", "subject"),
    [
        # A piece of a body's line, opening on a cut word, is no part of the subject.
        ("Một số nội dung về tuyên truyền về biển, đảo đến năm 2030\n"
         "ội dung này xây dựng kế hoạch cụ thể, phân công người\n",
         "Một số nội dung về tuyên truyền về biển, đảo đến năm 2030"),
        ("Quản lý đảng viên đi làm ăn\nxa nơi cư trú năm 2023\nc, kiểm tra và định kỳ sáu\n",
         "Quản lý đảng viên đi làm ăn xa nơi cư trú năm 2023"),
        # A word cut at a line's end and its end on the next line are one word.
        ("Quy định về xử phạt vi phạm hành chính trong lĩn\n\nh vực văn thư\n",
         "Quy định về xử phạt vi phạm hành chính trong lĩnh vực văn thư"),
    ],
)  # fmt: skip
def test_a_cut_word_opening_a_line_ends_the_subject_or_joins_the_word_above(block, subject):
    text = (
        "ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY GIA LAI\n"
        f"Số 12-KH/TU Pleiku, ngày 03 tháng 3 năm 2025\nKẾ HOẠCH\n{block}\n{BODY}"
    )
    assert parse_header(text, ocr=True).value("subject") == subject


@pytest.mark.parametrize(
    ("line", "issuer"),
    [
        # The last word cut at the column's edge: one word only begins so after the
        # word before it (header phrases, the dictionary).
        ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜN", "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"),
        ("ỦY BAN NHÂN DÂN TỈNH BẠC LI", "ỦY BAN NHÂN DÂN TỈNH BẠC LIÊU"),
        # A dash read between two words of a name; a name's own spaced dash stays.
        ("ỦY BAN NHÂN DÂN TỈNH HÀ-GIANG", "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG"),
        ("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU", "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU"),
        # A last letter parted from its word; a letter a name takes stays ("BỘ Y TẾ").
        ("BỘ Y TẾ", "BỘ Y TẾ"),
        # Whole words stay: a place whose name begins another word ("TÂN AN", "PHÚ MỸ").
        ("ỦY BAN NHÂN DÂN XÃ TÂN AN", "ỦY BAN NHÂN DÂN XÃ TÂN AN"),
        ("ỦY BAN NHÂN DÂN XÃ PHÚ MỸ", "ỦY BAN NHÂN DÂN XÃ PHÚ MỸ"),
    ],
)
def test_a_scanned_issuer_cut_at_the_column_edge_is_read_whole(line, issuer):
    text = (
        f"{line} CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 12/KH-UBND Hà Nội, ngày 03 tháng 3 năm 2025\nKẾ HOẠCH\nvề công tác văn thư"
    )
    assert parse_header(text, ocr=True).value("issuer") == issuer


@pytest.mark.parametrize(
    ("place_read", "place", "sure"),
    [
        # As the issuer's line names it: confirmed, sure.
        ("Hòa Bình", "Hòa Bình", True),
        # A speck read as a word before it goes; marks as the issuer's line prints them.
        ("Km Hòa Bình", "Hòa Bình", False),
        ("Hòa Bính", "Hòa Bình", False),
        # Not in the issuer's line: kept as read, not sure.
        ("Km Lạc Sơn", "Km Lạc Sơn", False),
    ],
)
def test_a_scanned_place_is_read_as_the_issuers_line_names_it(place_read, place, sure):
    text = (
        "TỈNH ỦY HÒA BÌNH ĐẢNG CỘNG SẢN VIỆT NAM\n"
        f"Số 12-KH/TU {place_read}, ngày 03 tháng 3 năm 2025\nKẾ HOẠCH\nvề công tác văn thư"
    )
    parsed = parse_header(text, ocr=True)
    assert parsed.value("place") == place
    assert (parsed.confidence("place") >= 0.9) == sure


@pytest.mark.parametrize(
    ("line", "parent"),
    [
        # A word's last letter OCR parted from it.
        ("BAN CHẤP HÀNH TRUN G ƯƠNG", "BAN CHẤP HÀNH TRUNG ƯƠNG"),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN CHẤP HÀNH TRUNG ƯƠNG"),
    ],
)
def test_a_scanned_name_with_a_last_letter_parted_is_joined(line, parent):
    text = (
        f"{line} ĐẢNG CỘNG SẢN VIỆT NAM\nVĂN PHÒNG\n"
        "Số 12-CV/VPTW Hà Nội, ngày 03 tháng 3 năm 2025\nV/v công tác văn thư\nKính gửi: Các tỉnh ủy"
    )
    assert parse_header(text, ocr=True).value("issuer_parent") == parent


def test_a_scanned_date_in_a_year_no_document_has_is_not_sure():
    text = "TỈNH ỦY HÒA BÌNH ĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-KH/TU Hòa Bình, ngày 20 tháng 4 năm {}\nKẾ HOẠCH\nvề công tác"
    assert parse_header(text.format(1202), ocr=True).confidence("issued_date") < 0.9
    assert "1202" in parse_header(text.format(1202), ocr=True).why("issued_date")
    assert "viết tay" in parse_header(text.format(2020), ocr=True).why("issued_date")


def test_one_word_of_a_two_word_place_is_not_confirmed_by_the_issuer():
    text = "TỈNH ỦY HÒA BÌNH ĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-KH/TU {}, ngày 20 tháng 4 năm 2020\nKẾ HOẠCH\nvề công tác"
    assert parse_header(text.format("Bình"), ocr=True).confidence("place") < 0.9
    assert parse_header(text.format("Hòa Bình"), ocr=True).confidence("place") >= 0.9
