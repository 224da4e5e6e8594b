"""Vietnamese text as the index sees it: NFC, case folding, diacritic folding.

Two forms of every token are indexed: the *exact* form (NFC + casefold, tone
marks kept: "đại") and the *folded* form (marks removed and đ→d, which Unicode
does not decompose: "dai"). A token is a run of letters and digits, which in
Vietnamese is one syllable; "12-NQ/TU" gives "12", "nq", "tu".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A base letter or digit followed by letters, digits or combining marks: marks
# stay with their letter even in text that is not NFC, and a stray mark alone
# never makes a token (so folding can never empty a token).
_TOKEN = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])*")
_MARKS = re.compile(r"[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
# Unicode gives đ/Đ no decomposition; a few other stroked letters alike.
_STROKES = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "ø": "o", "ł": "l", "ħ": "h"})
# Longer "words" are noise (hashes, base64 in OCR output) and bloat the index.
MAX_TOKEN_CHARS = 60


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def exact(text: str) -> str:
    """NFC and case folded, diacritics kept."""
    return nfc(nfc(text).casefold())


def fold(text: str) -> str:
    """Case and diacritics folded: "Đại Hội" → "dai hoi"."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return nfc(_MARKS.sub("", decomposed).translate(_STROKES))


def tokens(text: str) -> list[str]:
    """The exact tokens of ``text``, in order."""
    return [t for t in _TOKEN.findall(exact(text)) if len(t) <= MAX_TOKEN_CHARS]


def index_forms(text: str) -> tuple[str, str]:
    """(exact, folded) token streams joined by single spaces, as indexed.

    Folding the joined string keeps one folded token per exact token, so
    phrase positions agree between the two fields."""
    joined = " ".join(tokens(text))
    return joined, fold(joined)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    exact: str
    folded: str


def spans(text: str) -> list[Span]:
    """Tokens of an NFC ``text`` with their offsets (for highlighting)."""
    out = []
    for m in _TOKEN.finditer(text):
        e = exact(m.group())
        out.append(Span(m.start(), m.end(), e, fold(e)))
    return out
