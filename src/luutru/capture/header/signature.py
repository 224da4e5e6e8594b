"""The signature block: authority line (T/M, K/T, TM., KT. …), position and name."""

from __future__ import annotations

import re

from luutru.capture.header.names import _KEEP_UPPER
from luutru.capture.header.result import Field, ParsedHeader
from luutru.capture.header.text import AUTHORITY, EDGE_JUNK, NAME, SIGNED, _is_upper, _key, _Line
from luutru.capture.header.vocabulary import HeaderVocabulary
from luutru.capture.vietnamese import fold, is_syllable


def _signer(out: ParsedHeader, lines: list[_Line], vocab: HeaderVocabulary) -> None:
    """The authority line, position and name at the end of the document: the name
    is the last name-like line; the position is the capitals just above it (past
    "(Đã ký)"), the authority line above that."""
    tail = [line for line in lines[-40:] if line.text.strip()][-14:]
    types = {_key(t.name) for t in vocab.types}
    f = out.fields
    for i in range(len(tail) - 1, -1, -1):
        name = _trailing_name(tail[i].text)
        if not name:
            continue
        found: list[str] = []
        for j in range(i - 1, max(-1, i - 5), -1):
            text = _trailing_upper(tail[j].text)
            if not text:
                if not found and SIGNED.match(tail[j].text.strip()):
                    continue
                if not found:
                    continue
                break
            if _key(text) in types:
                break  # a type name in the body is not a position
            found.insert(0, text)
            if AUTHORITY.match(text) or len(found) == 2:
                break
        if not found:
            continue
        if AUTHORITY.match(found[-1]):
            # Signed for the body with no position line: "T/M BAN THƯỜNG VỤ" then the name.
            authority, position, conf = found[-1], re.sub(r"^\S+\s+", "", found[-1]), 0.8
        else:
            position = found[-1]
            authority = found[0] if len(found) == 2 else ""
            conf = 0.95
        f["signer_full_name"] = Field(name, 0.95)
        f["signer_position"] = Field(position, conf)
        if authority:
            f["signer_authority"] = Field(authority, 0.95 if AUTHORITY.match(authority) else 0.8)
        return
    # A bare-name block: the last line is a name alone, under "(Đã ký)" or the
    # recipients' list; no position is printed, so the name is not confident.
    if tail:
        last = tail[-1].text.strip()
        name = _trailing_name(last)
        above = tail[-2].text.strip() if len(tail) >= 2 else ""
        if name and name == last.strip(EDGE_JUNK + ".:;-—"):
            # Under "(Đã ký)" or the last recipient the line is the signer's.
            placed = bool(SIGNED.match(above)) or above.startswith("- ")
            f["signer_full_name"] = Field(name, 0.9 if placed else 0.85)


AUTHORITY_WORDS = ("T/M", "K/T", "T/L", "TM.", "KT.", "TL.", "TUQ.", "Q.", "TM", "KT", "TL", "TUQ")


def _trailing_name(text: str) -> str:
    words = [w.strip(EDGE_JUNK + ".:;-—") for w in text.replace(",", " , ").split()]
    words = [w for w in words if w]
    run: list[str] = []
    for w in reversed(words):
        if re.fullmatch(r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]*", w) and not (len(w) == 1 and run == []):
            run.insert(0, w)
            continue
        break
    if 2 <= len(run) <= 6 and NAME.match(" ".join(run)):
        return " ".join(run)
    return ""


def _trailing_upper(text: str) -> str:
    """The capitals at the end of a line (the signature block sits on the right)."""

    words = [w for w in (w.strip(EDGE_JUNK + ",;:-—") for w in text.split()) if w]
    run: list[str] = []
    for w in reversed(words):
        bare = w.strip(".")
        if fold(bare).upper() in ("LUU", "NHAN"):
            break  # "- Lưu: VT." and "Nơi nhận:" are the recipients' column
        if w in AUTHORITY_WORDS or (
            _is_upper(bare) and len(bare) >= 2 and (is_syllable(bare) or bare in _KEEP_UPPER)
        ):
            run.insert(0, w if w in AUTHORITY_WORDS else bare)
            continue
        break
    joined = " ".join(run)
    # "- Lưu: VT." ends in capitals too; a position has two words or a long one.
    if len(run) < 2 and len(joined) < 5:
        return ""
    if not re.search(r"[A-ZĐÀ-Ỹ]{2,}", joined):
        return ""
    return joined
