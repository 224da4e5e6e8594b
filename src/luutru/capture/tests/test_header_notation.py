"""State-style number and symbol (NĐ 30/2020) beside the Party style, in registry.notation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luutru.registry.notation import parse_state_symbol, parse_symbol

STATE_TYPES = {"NQ", "QĐ", "CT", "QC", "QyĐ", "TB", "HD", "KH", "BC", "TTr", "BB"}
PARTY_TYPES = {"NQ", "QĐ", "CT", "KL", "HD", "TB", "CV", "BS"}


@pytest.mark.parametrize(
    ("text", "number", "type_abbrev", "issuer", "notation"),
    [
        ("Số: 12/QĐ-UBND", "12", "QĐ", "UBND", "QĐ-UBND"),
        ("12/QyĐ-UBND", "12", "QyĐ", "UBND", "QyĐ-UBND"),
        ("Số: 125/UBND-VP", "125", "", "UBND-VP", "UBND-VP"),
        ("Số: 05/2024/NQ-HĐND", "05", "NQ", "HĐND", "2024/NQ-HĐND"),
        ("Số: 1099/KH-MTTQ-BTT", "1099", "KH", "MTTQ-BTT", "KH-MTTQ-BTT"),
    ],
)
def test_state_symbols(text, number, type_abbrev, issuer, notation):
    parsed = parse_symbol(text, type_abbrevs=STATE_TYPES, style="state")
    assert (parsed.number, parsed.type_abbrev, parsed.issuer) == (number, type_abbrev, issuer)
    assert parsed.notation == notation
    assert parsed.symbol == f"{number}/{notation}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Số 12-QĐ/UBND", "kiểu văn bản của Đảng"),
        ("12/", "không đúng mẫu"),
        ("Số: /QĐ-UBND", "không đúng mẫu"),
        ("Số: 12/qđ-ubnd", "không đúng mẫu"),
        ("Số: 12/QĐ-" + "A" * 30, "dài quá 30"),
    ],
)
def test_bad_state_symbols_are_refused_in_vietnamese(text, message):
    with pytest.raises(ValueError, match=message):
        parse_state_symbol(text, type_abbrevs=STATE_TYPES)


def test_the_party_style_is_unchanged():
    parsed = parse_symbol("Số 127-QĐ/TW", type_abbrevs=PARTY_TYPES)
    assert (parsed.number, parsed.notation, parsed.symbol) == ("127", "QĐ/TW", "127-QĐ/TW")
    with pytest.raises(ValueError, match="kiểu văn bản Nhà nước"):
        parse_symbol("Số: 12/QĐ-UBND", type_abbrevs=PARTY_TYPES)


@given(
    number=st.integers(1, 10**11 - 1),
    type_abbrev=st.sampled_from(sorted(STATE_TYPES)),
    issuer=st.from_regex(r"[A-ZĐ]{2,6}(-[A-ZĐ]{2,4})?", fullmatch=True),
)
def test_state_symbols_round_trip(number, type_abbrev, issuer):
    text = f"Số: {number}/{type_abbrev}-{issuer}"
    parsed = parse_symbol(text, type_abbrevs=STATE_TYPES, style="state")
    assert f"Số: {parsed.symbol}" == text
