"""Secrecy stamps the header parser may have missed.

The parser reads a secrecy mark from a header line made only of marks ("MẬT",
"TỐI MẬT THƯỢNG KHẨN"). A stamp read badly — a box around it read as letters
("IMẬTI", "[MẬT]"), a digit for a letter ("M4T"), one letter wrong in "TỐI MẬT" —
is not a mark for the parser, yet the file may be secret. ``suspected_secrecy``
finds such lines near the top of the text and returns the highest level they
suggest; until a person confirms it, the item is treated as that secret.
"""

from __future__ import annotations

import functools
import re

from luutru.capture.vietnamese import fold

# The header zone: stamps sit above the title, within the first lines.
HEADER_LINES = 25
# Letters a stamp's box or OCR noise adds around the mark.
NOISE = 2
# OCR's usual digit-for-letter swaps in capitals.
_DIGITS = str.maketrans({"4": "A", "0": "O", "1": "I", "7": "T", "5": "S", "8": "B"})
MARKS = (("TUYETMAT", 3), ("TOIMAT", 2), ("MAT", 1))
_MOST_LETTERS = len(MARKS[0][0]) + NOISE


def distance(a: str, b: str) -> int:
    """Levenshtein distance: letters changed, dropped or added."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def line_level(line: str) -> int:
    """The secrecy a short header line suggests (0 when it is not stamp-like)."""
    if sum(ch.isalnum() for ch in line) > 2 * _MOST_LETTERS:
        return 0  # too long to be a stamp, however folding spells its letters
    letters = re.sub(r"[^A-Z]", "", fold(line).upper().translate(_DIGITS))
    if not letters or len(letters) > _MOST_LETTERS:
        return 0
    for mark, level in MARKS:
        if mark in letters and len(letters) - len(mark) <= NOISE:
            return level
        # A longer mark with one letter misread ("TOI MAI", "TUYET MAT" as "TUYFT MAT").
        if len(mark) >= 6 and distance(mark, letters) <= 1:
            return level
    return 0


@functools.lru_cache(maxsize=32)  # asked for the same text by extraction and the header step
def suspected_secrecy(text: str) -> int:
    """The highest secrecy a stamp-like line near the top of ``text`` suggests."""
    lines = [ln for ln in (text or "").splitlines() if ln.strip()][:HEADER_LINES]
    return max((line_level(ln) for ln in lines), default=0)
