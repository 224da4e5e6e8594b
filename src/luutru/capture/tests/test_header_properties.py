"""Property tests: headers generated from random metadata parse back to that metadata."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luutru.capture.header import HeaderVocabulary, parse_header
from luutru.core.vn import long_date
from luutru.rules.models import RuleProfile

pytestmark = pytest.mark.django_db

PLACES = ["QUẢNG NINH", "NGHỆ AN", "HÀ TĨNH", "ĐẮK LẮK", "KHÁNH HÒA", "THÁI BÌNH", "LÂM ĐỒNG"]
TOWNS = ["Hạ Long", "Vinh", "Hà Tĩnh", "Buôn Ma Thuột", "Nha Trang", "Thái Bình", "Đà Lạt"]
WORDS = (
    "công tác văn thư lưu trữ chuyển đổi số kiểm tra giám sát phát triển đảng viên cán bộ "
    "nông thôn mới cải cách hành chính phòng chống tham nhũng lãng phí tổ chức bộ máy "
    "tuyên truyền học tập quán triệt nghị quyết an sinh xã hội quốc phòng an ninh"
).split()
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Lan", "Minh", "Nga", "Phương", "Thủy"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Ngọc"]
PARTY_SIGNERS = [
    ("T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    ("K/T BÍ THƯ", "PHÓ BÍ THƯ"),
    ("", "CHÁNH VĂN PHÒNG"),
]
STATE_SIGNERS = [
    ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ("", "GIÁM ĐỐC"),
]
SECRECY = {1: "MẬT", 2: "TỐI MẬT", 3: "TUYỆT MẬT"}
URGENCY = {1: "KHẨN", 2: "THƯỢNG KHẨN", 3: "HỎA TỐC"}


@pytest.fixture(scope="module")
def vocabularies(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return {
            style: HeaderVocabulary.from_profile(
                RuleProfile.objects.get(code=code), org_names=False
            )
            for style, code in (("party", "party-2018"), ("state", "state-2020"))
        }


@st.composite
def headers(draw, vocabularies):
    style = draw(st.sampled_from(["party", "state"]))
    vocab = vocabularies[style]
    t = draw(st.sampled_from(vocab.types))
    place_upper = draw(st.sampled_from(PLACES))
    town = draw(st.sampled_from(TOWNS))
    number = str(draw(st.integers(1, 99_999)))
    # Up to next year: a later year is no document's and is never confident.
    day = draw(st.dates(dt.date(1990, 1, 1), dt.date(timezone.localdate().year + 1, 12, 31)))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=18))
    subject_words = ["về", *words]
    secrecy = draw(st.integers(0, 3))
    urgency = draw(st.integers(0, 3))
    name = " ".join(
        [draw(st.sampled_from(FAMILY)), draw(st.sampled_from(MIDDLE)), draw(st.sampled_from(GIVEN))]
    )
    merged = draw(st.booleans())
    if style == "party":
        parent, issuer = draw(
            st.sampled_from(
                [
                    ("", f"TỈNH ỦY {place_upper}"),
                    (f"TỈNH ỦY {place_upper}", "BAN TỔ CHỨC"),
                    (f"ĐẢNG BỘ TỈNH {place_upper}", f"HUYỆN ỦY {draw(st.sampled_from(PLACES))}"),
                ]
            )
        )
        abbrev = draw(st.sampled_from(sorted(vocab.issuers)))
        motto = ["ĐẢNG CỘNG SẢN VIỆT NAM"]
        symbol = f"Số {number}-{t.abbrev}/{abbrev}" if t.abbrev else ""
        notation = f"{t.abbrev}/{abbrev}"
        authority, position = draw(st.sampled_from(PARTY_SIGNERS))
        left = [line for line in (parent, issuer) if line] + ["*"]
    else:
        parent, issuer = draw(
            st.sampled_from(
                [
                    ("", f"ỦY BAN NHÂN DÂN TỈNH {place_upper}"),
                    (f"UBND TỈNH {place_upper}", "SỞ NỘI VỤ"),
                ]
            )
        )
        motto = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        notation = f"{t.abbrev}-UBND" if t.abbrev else "UBND-VP"
        symbol = f"Số: {number}/{notation}"
        authority, position = draw(st.sampled_from(STATE_SIGNERS))
        left = ["ỦY BAN NHÂN DÂN", f"TỈNH {place_upper}"] if not parent else [parent, issuer]
    if not t.abbrev and style == "party":
        t = next(x for x in vocab.types if x.abbrev == "NQ")
        symbol, notation = f"Số {number}-NQ/{abbrev}", f"NQ/{abbrev}"
    cong_van = t.name == "Công văn"
    subject = " ".join(subject_words)
    if cong_van:
        subject = "V/v " + " ".join(words)
    date_line = long_date(day, town)
    lines: list[str] = []
    if merged:
        for i in range(max(len(left), len(motto))):
            pieces = [left[i] if i < len(left) else "", motto[i] if i < len(motto) else ""]
            lines.append(" ".join(p for p in pieces if p))
        lines.append(f"{symbol} {date_line}")
    else:
        lines += left + motto + [symbol, date_line]
    marks = [m for m in (SECRECY.get(secrecy), URGENCY.get(urgency)) if m]
    if cong_van:
        lines += _wrap(subject) + marks + ["Kính gửi: Các cơ quan, đơn vị"]
    else:
        lines += marks + [t.name.upper()] + _wrap(subject) + ["-----"]
    lines += [
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        "Nội dung văn bản.",
        "Nơi nhận:",
        "- Như trên,",
    ]
    lines += [authority, position, "(Đã ký)", name] if authority else [position, name]
    expected = {
        "issuer_parent": parent or None,
        "issuer": issuer,
        "motto": motto[0],
        "code_number": number,
        "code_notation": notation,
        "type_name": t.name,
        "place": town,
        "issued_date": day,
        "subject": subject,
        "secrecy": secrecy,
        "urgency": urgency,
        "signer_position": position,
        "signer_full_name": name,
    }
    return style, "\n".join(line for line in lines if line), expected


def _wrap(text: str, width: int = 60) -> list[str]:
    lines, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    return [*lines, cur]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_generated_headers_parse_back_to_their_metadata(vocabularies, data):
    style, text, expected = data.draw(headers(vocabularies))
    parsed = parse_header(text, vocabulary=vocabularies[style])
    got = {key: parsed.value(key) for key in expected}
    assert got == expected, text
    assert not parsed.needs_review(), (parsed.uncertain(), text)
    meta = parsed.metadata()
    sep = "/" if style == "state" else "-"
    assert meta["symbol"] == f"{expected['code_number']}{sep}{expected['code_notation']}"


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=400))
def test_any_text_parses_without_error(vocabularies, text):
    parsed = parse_header(text, vocabulary=vocabularies["party"])
    for f in parsed.fields.values():
        assert 0.0 <= f.confidence <= 1.0
    if parsed.value("code_number") is None:
        assert parsed.needs_review()


ISSUER_WORDS = ["HỘI", "NÔNG", "DÂN", "TỈNH", "BAN", "SỞ", "Y", "TẾ", "ỦY", "CCB", "MTTQ", "BCH"]
CAPITALS = st.text(alphabet="ABCDĐEGHKLMNPQSTUVXYg", min_size=1, max_size=8)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    issuer=st.lists(st.sampled_from(ISSUER_WORDS), min_size=1, max_size=6),
    parent=st.lists(st.sampled_from(ISSUER_WORDS), max_size=5),
    kind=CAPITALS,
    body=CAPITALS,
    party=st.booleans(),
    ocr=st.booleans(),
)
def test_any_number_under_any_issuer_parses_without_error(issuer, parent, kind, body, party, ocr):
    # The number's abbreviations are checked against the issuer's printed name
    # (``_spelt_by``): any name, any letters, read from a scan or not.
    number = f"Số 12-{kind}/{body}" if party else f"Số: 12/{kind}-{body}"
    text = (
        f"{' '.join(parent)}\n{' '.join(issuer)}\n{number} Hà Nội, ngày 02 tháng 3 năm 2024\n"
        "THÔNG BÁO\nvề công tác văn thư\n-----\n"
    )
    parsed = parse_header(text, ocr=ocr)
    for f in parsed.fields.values():
        assert 0.0 <= f.confidence <= 1.0
