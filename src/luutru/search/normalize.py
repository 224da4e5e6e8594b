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

# A token is a run of letters and digits (of the NFC text, where Vietnamese
# letters carry their marks precomposed); anything else only separates.
_TOKEN = re.compile(r"[^\W_]+")
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
    if "đ" in decomposed:
        decomposed = decomposed.replace("đ", "d")
    if decomposed.isascii():
        return decomposed
    # Fast path for Latin text (indexing speed): when every character yields
    # exactly one ASCII base letter, dropping the rest drops only the marks.
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii")
    if len(ascii_only) == len(unicodedata.normalize("NFC", decomposed)):
        return ascii_only
    return fold_slow(text)


def fold_slow(text: str) -> str:
    """``fold`` for any script: remove combining marks one by one."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return nfc(kept.translate(_STROKES))


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
