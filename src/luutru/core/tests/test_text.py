"""clean_reason: a reason is printable text, never control characters."""

from __future__ import annotations

import pytest

from luutru.core.text import clean_reason


@pytest.mark.parametrize(
    "raw",
    ["\x00", "\x00\x00\x00", " \x00 \x1b ", "\u202e\u200b", "\r\n\t", "", None],
)
def test_only_controls_is_no_reason(raw):
    assert clean_reason(raw) == ""


def test_keeps_vietnamese_text_normalized_and_stripped():
    decomposed = "Gia\u0309m đô\u0323 mật"  # combining marks (NFD-like)
    assert clean_reason(f"  {decomposed}\x00 ") == "Giảm độ mật"


def test_controls_inside_are_removed_but_line_breaks_kept():
    assert clean_reason("Lý do\x00 một\r\ndòng hai\x1b") == "Lý do một\ndòng hai"
