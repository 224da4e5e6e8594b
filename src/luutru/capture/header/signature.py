"""The signature block: authority line (T/M, K/T, TM., KT. …), position and name."""

from __future__ import annotations

import functools
import re

from luutru.capture.header.names import _KEEP_UPPER
from luutru.capture.header.result import Field, ParsedHeader
from luutru.capture.header.text import (
    AUTHORITY,
    EDGE_JUNK,
    MOTTOS,
    NAME,
    SIGNED,
    _is_upper,
    _key,
    _Line,
)
from luutru.capture.header.vocabulary import HeaderVocabulary
from luutru.capture.vietnamese import fold, given_names, is_syllable
from luutru.core.vn import nfc


def _signer(out: ParsedHeader, lines: list[_Line], vocab: HeaderVocabulary) -> None:
    """The authority line, position and name at the end of the document: the name
    is the last name-like line; the position is the capitals just above it (past
    "(Đã ký)"), the authority line above that."""
    # A page's number alone on a line (the next page's, before what is attached) is none.
    written = [line for line in lines[-80:] if line.text.strip() and not _PAGE.match(line.text)]
    # The last 14 lines, a long recipients' list ("- Các tỉnh ủy, thành ủy," …, read
    # after the signature by OCR or under a minutes' two signers) not counted in them.
    tail: list[_Line] = []
    counted = 0
    for line in reversed(written):
        tail.insert(0, line)
        counted += not _RECIPIENT.match(line.text)
        if counted == 14:
            break
    types = {_key(t.name) for t in vocab.types}
    f = out.fields
    for i in range(len(tail) - 1, -1, -1):
        # Two signers side by side (a joint circular) make one line of two names.
        name = _trailing_name(tail[i].text) or _trailing_name(tail[i].text, 8)
        if not name:
            continue
        if _RECIPIENT.match(tail[i].text) and not _surname(name.split()[0]):
            continue  # an entry's own capitals ("- Các đồng chí Ủy viên Ban Thường Vụ,")
        found: list[str] = []
        looked = 0  # lines looked at above the name: four, recipients' entries not counted
        for j in range(i - 1, -1, -1):
            text = _trailing_upper(tail[j].text)
            # OCR reads a long recipients' list beside the signature line by line
            # between the name and its position ("- Liên đoàn Lao động,").
            looked += not (not text and _RECIPIENT.match(tail[j].text))
            if looked > 4:
                break
            if not text:
                if not found:
                    continue  # "(Đã ký)", a recipient, a line OCR made of the signature
                break
            if _key(text) in types or _key(text) in MOTTO_KEYS:
                break  # a type name in the body, or a motto, is not a position
            found.insert(0, text)
            if AUTHORITY.match(text):
                break
            if len(found) == 2:
                # "TL. BỘ TRƯỞNG" / "VỤ TRƯỞNG" / "VỤ TỔ CHỨC PHI CHÍNH PHỦ", "TM. HỘI ĐỒNG" /
                # "CHỦ TỊCH" / "GIÁM ĐỐC SỞ NỘI VỤ": a third line up, when it is the
                # authority, is the block's; the two below are the signer's posts.
                above = _trailing_upper(tail[j - 1].text) if j >= 1 else ""
                if above and AUTHORITY.match(above):
                    found.insert(0, above)
                break
        if not found:
            continue
        halves = [_halves(text) for text in found]
        if any(halves):
            # Two blocks side by side: the first in reading order signs first.
            found = [h[0] if h else text for h, text in zip(halves, found, strict=True)]
            name = _first_name_of_two(name)
            out.warnings.append("Văn bản có hai người ký; đã lấy người ký thứ nhất.")
        elif len(name.split()) > 6 or _two_names(name):
            if _key(str(out.value("type_name") or "")) != "BIEN BAN":
                continue
            # Minutes: the secretary signs on the left, the chair on the right.
            first = _first_name_of_two(name)
            f["signer_full_name"] = Field(name[len(first) :].strip(), 0.85)
            out.reasons["signer_full_name"] = (
                "biên bản có hai người ký trên một dòng; đã lấy người bên phải (chủ trì)"
            )
            return
        if AUTHORITY.match(found[-1]):
            authority = found[-1]
            prefix, _, rest = authority.partition(" ")
            if prefix in ("Q.", "Q"):
                # "Q. CHỦ TỊCH": the acting holder's position is the line itself.
                f["signer_full_name"] = Field(name, 0.95)
                f["signer_position"] = Field(authority, 0.95)
                return
            if prefix.rstrip(".") in ("T/M", "TM"):
                # "T/M BỘ CHÍNH TRỊ" then the name: signed for the body, no position
                # printed (none is made up).
                f["signer_full_name"] = Field(name, 0.95)
                f["signer_authority"] = Field(authority, 0.95)
                return
            # "K/T BÍ THƯ" straight above a name: the deputy's own line is missing.
            position, conf = rest, 0.8
            out.reasons["signer_position"] = (
                f"dưới dòng “{authority}” không có dòng chức vụ của người ký thay"
            )
        else:
            position = " ".join(found[1:]) if len(found) == 3 else found[-1]
            authority = found[0] if len(found) >= 2 else ""
            conf = 0.95
        f["signer_full_name"] = Field(name, 0.95)
        f["signer_position"] = Field(position, conf)
        if authority:
            f["signer_authority"] = Field(authority, 0.95 if AUTHORITY.match(authority) else 0.8)
        return
    # A bare-name block: the last line is a name alone, under "(Đã ký)" or the
    # recipients' list; no position is printed, so the name is not confident.
    if tail:
        # OCR may read recipients' entries after the name (the two columns line by
        # line): the last line that is no entry without a name is the one looked at.
        k = len(tail) - 1
        while k > 0 and _RECIPIENT.match(tail[k].text) and not _trailing_name(tail[k].text):
            k -= 1
        last = tail[k].text.strip()
        name = _trailing_name(last)
        above = tail[k - 1].text.strip() if k >= 1 else ""
        # A speck OCR read before the name ("ị Lê Minh Châu") or after it ("… Thảo,").
        before = last.strip(EDGE_JUNK + ".,:;-—")[: -len(name)].strip(EDGE_JUNK + ".,:;-—")
        if name and (before == "" or (len(before) <= 2 and not before.isupper())):
            # Under "(Đã ký)" or the last recipient the line is the signer's; with
            # entries read after it, less surely.
            placed = bool(SIGNED.match(above)) or above.startswith("- ")
            sure = placed and k == len(tail) - 1
            f["signer_full_name"] = Field(name, 0.9 if sure else 0.85)
        elif name and last.startswith("- ") and name.split()[0] in SURNAMES:
            # The name beside the last recipient ("- Lưu: VT. Lò Thị Duyên"): a Word
            # table's two cells printed on one line, the recipients' and the signer's.
            f["signer_full_name"] = Field(name, 0.85)
            out.reasons["signer_full_name"] = (
                "tên người ký in cùng dòng với nơi nhận, không có dòng chức vụ"
            )


MOTTO_KEYS = frozenset(_key(m) for m in MOTTOS)
_PAGE = re.compile(r"^\W*\d{1,3}\W*$")
_RECIPIENT = re.compile(r"^[\W_]{0,6}?[-–+•~]\s*\S")  # "- Các sở, …"; OCR: "....~ Các …"

AUTHORITY_WORDS = (
    "T/M", "K/T", "T/L", "T/M.", "K/T.", "T/L.", "TM.", "KT.", "TL.", "TUQ.", "Q.", "TM", "KT",
    "TL", "TUQ",
)  # fmt: skip


# Common family names: where the second of two names printed on one line starts.
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào "
    "Trương Trịnh Mai Lâm Hà Cao Lương Tạ Tô Đoàn Vương Triệu Lưu Châu Quách Thái Kiều "
    "Chu Hứa Mạc Tăng Nông Lò".split()
)


def _surname_by_letters() -> dict[str, str]:
    by: dict[str, list[str]] = {}
    for name in SURNAMES:
        by.setdefault(fold(name).lower(), []).append(name)
    return {k: v[0] for k, v in by.items() if len(v) == 1}


SURNAME_BY_LETTERS = _surname_by_letters()


def _surname(word: str) -> bool:
    """A family name, or one with its tone marks misread ("Đỉnh" for "Đinh")."""
    return word in SURNAMES or fold(word).lower() in SURNAME_BY_LETTERS


def surname_marks(name: str) -> str:
    """A scan's signer whose family name OCR gave a wrong tone mark ("Định", "Đỉnh",
    "Vụ"): the one family name spelt with those letters ("Đinh", "Vũ"). Only the
    tone marks change; a name whose letters match no family name stays as read."""
    first, _, rest = name.partition(" ")
    if not rest or first in SURNAMES:
        return name
    known = SURNAME_BY_LETTERS.get(fold(first).lower())
    return f"{known} {rest}" if known else name


def name_marks(name: str) -> str:
    """A scan's signer read with wrong marks: the family name as ``surname_marks``
    reads it, and a middle or given name that no name is spelt as ("Khác", "Đúc")
    read as the one name spelt with those letters (vocab/names.txt: "Khắc", "Đức").
    A word spelt like two names, or like none, stays as read."""
    first, _, rest = surname_marks(name).partition(" ")
    if not rest:
        return first
    names, by_letters = _given_names()
    words = [w if w in names else by_letters.get(fold(w).lower(), w) for w in rest.split()]
    return " ".join([first, *words])


@functools.lru_cache(maxsize=1)
def _given_names() -> tuple[frozenset[str], dict[str, str]]:
    names = given_names()
    by: dict[str, list[str]] = {}
    for w in names:
        by.setdefault(fold(w).lower(), []).append(w)
    return names, {k: v[0] for k, v in by.items() if len(v) == 1}


def _halves(text: str) -> tuple[str, str] | None:
    """A line of two signature blocks side by side: two authority marks
    ("KT. BỘ TRƯỞNG … KT. BỘ TRƯỞNG …") or the same words twice ("THỨ TRƯỞNG THỨ TRƯỞNG")."""
    words = text.split()
    marks = [k for k, w in enumerate(words) if w in AUTHORITY_WORDS]
    if len(marks) == 2:
        return " ".join(words[marks[0] : marks[1]]), " ".join(words[marks[1] :])
    n = len(words)
    if n >= 2 and n % 2 == 0 and words[: n // 2] == words[n // 2 :]:
        return " ".join(words[: n // 2]), " ".join(words[n // 2 :])
    return None


def _first_name_of_two(run: str) -> str:
    """ "Nguyễn Văn An Trần Thị Bình" → "Nguyễn Văn An": cut where a family name
    starts the second (each name two to four words), else in the middle."""
    words = run.split()
    n = len(words)
    cuts = [k for k in range(2, n - 1) if words[k] in SURNAMES and k <= 4 and n - k <= 4]
    if not cuts:
        return " ".join(words[: max(2, n // 2)]) if n >= 4 else run
    k = min(cuts, key=lambda c: abs(c - n / 2))
    return " ".join(words[:k])


def _two_names(run: str) -> bool:
    """Six words with a family name starting the second four or fewer: two names
    printed on one line (no one name runs to six words)."""
    words = run.split()
    n = len(words)
    return n >= 6 and any(words[k] in SURNAMES and 2 <= n - k <= 4 for k in range(2, 5))


def _trailing_name(text: str, most: int = 6) -> str:
    text = text.rstrip(EDGE_JUNK + ".,:;")  # "Nguyễn Xuân Thảo,": a speck read as a comma
    text = re.sub(r"(?<=[^\W\d_])[-.](?=[A-ZĐÀ-Ỹ][a-zà-ỹđ])", " ", text)  # "Ngô-Kim", "Xuân.Vĩnh"
    words = [w.strip(EDGE_JUNK + ".:;-—") for w in text.replace(",", " , ").split()]
    words = [w for w in words if w]
    run: list[str] = []
    for w in reversed(words):
        # ``À-Ỹ`` holds small letters too ("ị"): the first must be a capital.
        capital = re.fullmatch(r"[A-ZĐÀ-Ỹ](?:['’][A-ZĐÀ-Ỹ])?[a-zà-ỹđ]*", w) and w[0].isupper()
        if capital and not (len(w) == 1 and run == []):
            run.insert(0, w)
            continue
        break
    if most > 6 and len(run) <= 6:
        return ""  # the wider search is for two names only
    if 2 <= len(run) <= most and (NAME.match(" ".join(run)) or most > 6):
        return " ".join(run)
    return ""


def _trailing_upper(text: str) -> str:
    """The capitals at the end of a line (the signature block sits on the right)."""

    words = [w for w in (w.strip(EDGE_JUNK + ",;:-—") for w in text.split()) if w]
    run: list[str] = []
    for w in reversed(words):
        bare = w.strip(".")
        if nfc(bare).upper() in ("LƯU", "NHẬN", "LUU", "NHAN"):
            # "- Lưu: VT." and "Nơi nhận:" are the recipients' column ("NHÂN DÂN" is not).
            break
        # One letter only inside a run ("BỘ Y TẾ"), not as a speck at its end.
        if w in AUTHORITY_WORDS or (
            _is_upper(bare)
            and (len(bare) >= 2 or (run and bare.isalpha()))
            and (is_syllable(bare) or bare in _KEEP_UPPER)
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
