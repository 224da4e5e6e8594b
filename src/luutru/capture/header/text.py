"""Header text as lines, the patterns that find fields in it (matched on the
folded text), and fuzzy phrase search for OCR."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from luutru.capture.vietnamese import fold
from luutru.core.vn import nfc

PARTY, STATE, FRONT = "party", "state", "front"


PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"


STATE_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


STATE_MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


YOUTH_MOTTO = "ĐOÀN TNCS HỒ CHÍ MINH"


MOTTOS = (PARTY_MOTTO, STATE_MOTTO, YOUTH_MOTTO)


SECRECY_MARKS = {"TUYET MAT": 3, "TOI MAT": 2, "MAT": 1}


URGENCY_MARKS = {"HOA TOC": 3, "THUONG KHAN": 2, "KHAN": 1}


SECRECY_WORDS = {3: "TUYỆT MẬT", 2: "TỐI MẬT", 1: "MẬT"}


URGENCY_WORDS = {3: "HỎA TỐC", 2: "THƯỢNG KHẨN", 1: "KHẨN"}


# Authority prefixes of the signature block (State: TM., KT., TL., TUQ., Q.; Party: T/M, K/T, T/L).
AUTHORITY = re.compile(r"^(?:T/M\.?|K/T\.?|T/L\.?|TUQ\.?|TM\.?|KT\.?|TL\.?|Q\.)\s+\S", re.UNICODE)


# A name of the Central Highlands may open a word on a capital and an apostrophe
# ("H’Hen Niê", "K’Sor Phước").
NAME = re.compile(
    r"^(?:[A-ZĐÀ-Ỹ](?:['’][A-ZĐÀ-Ỹ])?[a-zà-ỹđ]+)(?:\s+[A-ZĐÀ-Ỹ](?:['’][A-ZĐÀ-Ỹ])?[a-zà-ỹđ]*){1,5}$"
)


SEPARATOR = re.compile(r"^[\s\-–—_*.•=~]{3,}$")


SIGNED = re.compile(r"^\W*\(?\s*(?:đã\s*ký|ký\s*tên|ký)\b[^)]*\)?\W*$", re.I)


# "Số: 30/2020/NĐ-CP", "Luật số: 01/2011/QH13", "Số: 12/CT-TTg": the year and a
# trailing small letter of the issuer ("TTg") are part of what is printed. Legal
# documents name their type before "số" ("Pháp lệnh số: 02/2022/UBTVQH15").
LEGAL_NUMBER_TYPES = (
    r"(?:Luat|Phap\s+lenh|Lenh|Nghi\s+quyet|Nghi\s+dinh|Thong\s+tu(?:\s+lien\s+tich)?)"
)
# A Party number so printed, opening its line ("Nghị quyết số: 11-NQ/TW"); inside a line
# it is a document cited ("Thực hiện Quyết định số 31-QĐ/TW …").
PARTY_NUMBER_TYPES = r"(?:^(?:Nghi\s+quyet|Quyet\s+dinh|Chi\s+thi|Ket\s+luan|Quy\s+dinh)\s+s|S)"


# Folded patterns (no diacritics), matched on fold(line).
# "Số" as OCR misreads it too ("Sẽ 926-NQ/TW"); the dash lost ("Số04CV/VPTW").
F_SYMBOL_PARTY = re.compile(
    r"(?<![^\W_]|/)"
    + PARTY_NUMBER_TYPES
    + r"[O0o6e]\s*[:.;']{0,2}\s*(?P<number>[0-9OoIl]{1,11})(?P<sep>(?:\s*[-–]\s*)+|\s*[.:]\s*|\s+|)"
    r"(?P<type>[A-Z][A-Za-z1]{0,3})\s*/\s*(?P<issuer>[A-Z](?:[A-Z0-9]|&(?=[A-Z]))*(?:\s*-\s*[A-Z0-9](?:[A-Z0-9]|&(?=[A-Z]))+(?![a-z]))*)"
)


# OCR may lose the slash ("Số 1482-ĐATU"), or the dash too ("Số:09BBTU"): the rules'
# abbreviations split it again.
F_SYMBOL_NOSLASH = re.compile(
    r"(?<![^\W_]|/)S[O0o6]\s*[:.;']{0,2}\s*(?P<number>[0-9]{1,11})\s*(?P<sep>[-/]?)\s*(?P<glued>[A-Z][A-Za-z]{0,4} ?[A-Z]{2,10})(?![\w/-])"
)


F_SYMBOL_STATE = re.compile(
    r"(?<![^\W_]|/)(?:"
    + LEGAL_NUMBER_TYPES
    + r"\s+[Ss]|S)[O0o6e]\s*[:.;']{0,2}\s*(?P<number>[0-9OoIl]{1,11})\s*/\s*"
    # the year's slash may be lost ("08/2016NĐCP": the notation is split again later)
    r"(?:(?P<year>[12][0-9]{3})\s*(?P<ys>/?)\s*)?"
    # each part after a dash two capitals or more: "… KH-SYT - Hà Giang" ends at "SYT";
    # a small letter between capitals is its own ("SGD&ĐT-GDTrH": Giáo dục Trung học);
    # "&" inside an abbreviation: "SGD&ĐT" (Sở Giáo dục và Đào tạo). A joint body's parts
    # may be parted by a slash or a dot too ("01/QCPH/UBND-UBMTTQ", "06/QC-TT.HĐND-UBND").
    r"(?P<notation>[A-Z](?:[A-Za-z0-9]|&(?=[A-Z]))*"
    r"(?:(?:\s*-\s*|/(?=[A-Z]{2})|\.(?=[A-Z]{2}))"
    r"[A-Z0-9](?:[A-Z0-9]|[a-z](?=[A-Z0-9])|&(?=[A-Z]))+(?:[a-z](?![A-Za-z]))?(?![a-z]))*)"
)


# A State number whose slash OCR lost ("Số: 3612UBND-VP", "Số:500QĐ-TTg"): only with a dash after it,
# so that a Party number glued the same way ("Số04CV/VPTW") is not taken for one.
F_SYMBOL_STATE_NOSLASH = re.compile(
    r"(?<![^\W_]|/)S[O0o6e]\s*[:.;']{0,2}\s*(?P<number>[0-9]{1,11})"
    r"(?P<notation>[A-Z][A-Za-z]{1,9}\s*-\s*[A-Z0-9]{2,}(?:\s*-\s*[A-Z0-9]{2,})*(?:[a-z](?![A-Za-z]))?)(?![\w/])"
)


# Non-standard numbers: "Số 02-KH" (no issuer abbreviation), bare "Số 08".
F_SYMBOL_SHORT = re.compile(
    r"(?<![^\W_]|/)S[O0o6]\s*[:.;']{0,2}\s*(?P<number>[0-9]{1,6})(?:\s*-\s*(?P<type>[A-Z][A-Za-z]{0,3}))?(?![\w/-])"
)


F_DATE = re.compile(
    # OCR's specks after "ngày" ("ngày'22") or its first letter misread ("hgày"); a
    # misread "tháng" ("Ping") whose second piece is no digit (else "Ping 12" gave
    # month 2), or a speck after it ("tháng. 10").
    r"(?P<place>[^,;]*?)\s*(?P<comma>[,.]?)\s*[^\w\s]{0,3}\s*\b(?P<ng>[a-z]g[a-z]{1,2}y?)[^\w\s]{0,2}\s*(?P<d>[0-9]{1,2})[^\s\d]?\s*"
    r"(?P<th>th[a-z]{1,3}|\S{1,5}(?:\s[^\s\d]\S{0,3})?)[^\w\s]{0,2}\s*(?P<m>[0-9]{1,2})[^\s\d]{0,2}\s*"
    # "năm" misread ("năni 2022") or a speck after it ("năm.2016")
    r"n[a-z]{1,3}[^\w\s]{0,2}\s*(?P<y>[0-9]{4})",
    re.I,
)


# A date line OCR damaged past reading ("ngày 13 tháng 10 năm nhớ") still names its place.
F_PLACE_BEFORE_DATE = re.compile(r"(?P<place>[^,;]*?)\s*,\s*[^\w\s]{0,3}\s*ng[a-z]{1,2}y\b", re.I)


STRICT_DATE = re.compile(r"^ngày (0[1-9]|[12][0-9]|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm [0-9]{4}$")


F_VV = re.compile(r"^\s*V\s*[/|]\s*[^\w\s]?\s*[vV]\b\.?\s*")


# "VA đôn đốc", "Vý tăng cường", "VW⁄% bình xét": three or four marks only with a speck
# among them; "W⁄% bảo vệ": "V/" read as one letter (Vietnamese has no W).
F_VV_LOOSE = re.compile(r"^\s*[VW](?:\S{0,2}|(?=\S{0,3}[^\w\s])\S{3,4})\s+(?=[a-z])")


F_CITED = re.compile(
    r"(?P<type>(?:[A-Z][a-z]+)(?:[\s:.-]+(?!so\b)[a-z]+){0,2})[.,:]?\s*(?:so\s+)?"
    r"(?P<symbol>[0-9]{1,11}(?:\s?-\s?[A-Z][A-Za-z]{0,3}\s?/\s?[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"
    r"|\s?/\s?(?:[12][0-9]{3}/)?[A-Z][A-Za-z0-9]*(?:\s?-\s?[A-Z0-9]+(?![a-z]))*))"
    r"(?:\s*,?\s*ngay\s+(?P<date>[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
    r"|[0-9]{1,2}\s+thang\s+[0-9]{1,2}\s+nam\s+[0-9]{4}))?"
    r"(?:\s*,?\s+cua\s+(?P<issuer>[^,;.:\n(]+?))?(?=\s+(?:ve|V/v)\s|\s*[,;.:\n(]|\s*$)"
)


BODY_CUES = tuple(
    fold(w)
    for w in (
        "Căn cứ", "Thực hiện", "Kính gửi", "Theo", "Xét", "Để", "Nhằm", "Trong", "Sau khi",
        "Qua", "Hôm nay", "Thời gian", "Điều", "Phần", "Nơi nhận", "Ngày", "Tiếp nhận",
        "Vừa qua", "Năm", "Thời gian qua", "Triển khai",
    )
)  # fmt: skip


# A body cue is whole words: "Quản lý …" is no "Qua …", "Thực hiện" no "Thực".
_CUE_WORDS = re.compile("(?:" + "|".join(re.escape(c) for c in BODY_CUES) + r")(?!\w)")


# The administrative levels as printed (the longer first: "THỊ XÃ" before "XÃ"), and folded.
LEVELS_PRINTED = ("THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "TỈNH", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG")
LEVEL_WORDS = tuple(fold(level) for level in LEVELS_PRINTED)


def _key(text: str) -> str:
    """Folded, upper-case, single-spaced: the form names are compared in."""
    return " ".join(fold(text).upper().split())


@dataclass(eq=False)  # a line is itself: blank lines are many and alike
class _Line:
    text: str
    folded: str
    spans: list[tuple[int, int]] = field(default_factory=list)

    def take(self, start: int, end: int) -> None:
        self.spans.append((start, end))

    def rest(self) -> str:
        """The text not yet taken by a field, single-spaced."""
        chars = list(self.text)
        for s, e in self.spans:
            for i in range(s, e):
                chars[i] = " "
        return " ".join("".join(chars).split())

    def rest_parts(self) -> list[str]:
        """The untaken pieces, in order."""
        marks = [False] * len(self.text)
        for s, e in self.spans:
            for i in range(s, e):
                marks[i] = True
        parts: list[str] = []
        cur: list[str] = []
        for ch, m in zip(self.text, marks, strict=True):
            if m:
                if cur:
                    parts.append("".join(cur))
                    cur = []
            else:
                cur.append(ch)
        if cur:
            parts.append("".join(cur))
        return [" ".join(p.split()) for p in parts if p.strip()]


def _lines(text: str) -> list[_Line]:
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2010", "-")
    # OCR confuses Đ with the Icelandic eth, which looks the same.
    text = text.replace("\u00d0", "Đ").replace("\u00f0", "đ").replace("\u2044", "/")
    out = []
    raws = [" ".join(raw.split()) for raw in text.split("\n")]
    raws = [" ".join(_without_arrival_stamp(raw).split()) for raw in _without_receiver(raws)]
    for raw in _rejoin_wrapped(raws):
        out.append(_Line(raw, fold(raw)))
    return out


# Where the document's own end is: the recipients' "Nơi nhận:" beside the signature,
# or a law's "… thông qua ngày …" above its signer (a law has no recipients' list).
_OWN_END = re.compile(r"^[\W_]*n[o0]i\s*nh[a-z]n\b|\bthong\s+qua\s+ngay\b", re.I)
# What offices attach after the signature: an appendix, a list "(Kèm theo …)", a
# form ("Mẫu số 01") or a document with its own motto.
_ATTACHED = re.compile(
    r"^[\W_]*(?:(?:PHU LUC|Phu luc)\b|DANH SACH\b|BIEU MAU\b|Mau so\s*:?\s*\d|MAU SO\s*:?\s*\d"
    r"|\(\s*(?:[Bb]an hanh )?[Kk]em theo\b"
    r"|DANG CONG SAN VIET NAM\W*$|CONG HOA XA HOI CHU NGHIA VIET NAM\W*$)"
)


def own_text(text: str, header: int = 8) -> str:
    """The document's own text, without what is attached after its signature. Past
    the first recipients' list (or a law's passing line), the text ends where the
    first line that opens an appendix, a list, a form or another document is: at
    the start of its page when it opens a page of its own (what OCR read before it
    there, a table's heading, belongs to it too), else at the line. The signature
    block (and a law's passing date) is then at the end of what is left, however
    long the attachment. A text with neither is left whole."""
    pages = [page.split("\n") for page in text.split("\f")]
    where = [(p, i) for p, lines in enumerate(pages) for i in range(len(lines))]
    folded = [fold(" ".join(pages[p][i].split())) for p, i in where]
    end = next((k for k in range(header, len(where)) if _OWN_END.search(folded[k])), None)
    if end is None:
        # OCR lost the recipients' line (a sparse last page): a page after the first
        # that opens with an attachment is one.
        tops: dict[int, list[int]] = {}  # a page's first three written lines
        for k, (page, _) in enumerate(where):
            if page > 0 and len(tops.setdefault(page, [])) < 3 and folded[k].strip(" .,:;-_'"):
                tops[page].append(k)
        opening = next(
            (p for p, top in sorted(tops.items()) if any(_ATTACHED.match(folded[k]) for k in top)),
            None,
        )
        if opening is None:
            return text
        return "\f".join("\n".join(lines) for lines in pages[:opening])
    cut = next((k for k in range(end + 1, len(where)) if _ATTACHED.match(folded[k])), None)
    if cut is None:
        return text
    page, line = where[cut]
    kept = pages[:page] if page > where[end][0] else [*pages[:page], pages[page][:line]]
    return "\f".join("\n".join(lines) for lines in kept)


# "ĐẾN" as the stamp prints it: then its number, a mark, or nothing (not a subject's
# "ĐẾN HẾT NĂM", "2021 ĐẾN 2025").
_STAMP_DEN = re.compile(r"(?<!\w)DEN(?=\s*(?:$|[^\w\s]|\d|S\S?\s*[:.…\d]))(?!\s*(?:19|20)\d\d\b)")


# The receiving registry's "ĐẾN" stamp (NĐ 30/2020, Appendix IV), read with the page
# when it lies over or beside the header: "ĐẾN Số: 681", "Ngày: 20/3", "Chuyển: …",
# "Số và ký hiệu hồ sơ: …". Its words are the registry's, not the document's; a
# field after "Chuyển:" or the file's number runs to the line's end.
_ARRIVAL_STAMP = (
    # "ĐẾN" as the stamp prints it, then its number field, however OCR read the hand
    re.compile(
        _STAMP_DEN.pattern
        + r"\s*(?:S\S?\s*:?)?[\s.…:]*(?:(?<=\s)(?:[^\w\s]+|\S*\d\S*)(?=\s|$)\s*){0,2}(?=\s|$)"
    ),
    re.compile(
        r"(?<!\w)(?:chuyen|so va ky hieu ho so|ky hieu ho so|luu ho so so)\s*(?::|[.…]{2,}).*$",
        re.I,
    ),
    # a field left empty; the day the clerk wrote in ("Ngày: 20/3")
    re.compile(r"(?<!\w)(?:ngay|so)\s*:\s*[.…]{3,}", re.I),
    re.compile(r"(?<!\w)ngay\s*:\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?(?![\d/])[.…]*", re.I),
)


_ARRIVAL_NUMBER = re.compile(r"^\W*\w{0,3}\W*so\s*:?\s*\d{1,5}\W*$", re.I)
_RECEIVER_WORDS = re.compile(
    r"(?<!\w)(?:UY|BAN|VAN PHONG|DANG|HOI|DOAN|SO|PHONG|TRUONG|UBND|MTTQ|CHI BO|CONG AN)(?!\w)"
)


def _without_receiver(raws: list[str]) -> list[str]:
    """``raws`` without the receiving body's name printed at the top of a "ĐẾN"
    stamp: a short line in capitals naming a body, right above the stamp's "ĐẾN"
    (or above its arrival number "Số: 190", with "ĐẾN" under it)."""
    out = list(raws)
    for i, raw in enumerate(raws):
        if not _STAMP_DEN.search(fold(raw)):
            continue
        above = i - 1
        if above >= 0 and _ARRIVAL_NUMBER.match(fold(raws[above])):
            above -= 1
        if above < 0:
            continue
        line = raws[above]
        letters = [c for c in line if c.isalpha()]
        if (
            letters
            and sum(c.isupper() for c in letters) >= 0.9 * len(letters)
            and len(line.split()) <= 8
            and not any(c.isdigit() for c in line)
            and _RECEIVER_WORDS.search(fold(line))
            and not any(_key(m) in _key(line) for m in MOTTOS)
        ):
            out[above] = ""
    return out


def _subject_goes_to(folded: str, m: re.Match[str]) -> bool:
    """A line's last word "ĐẾN" after words of its own is a trích yếu's "to" a line
    broke ("… VÀ TẦM NHÌN ĐẾN" / "NĂM 2030"), not the stamp's word standing alone."""
    words = re.findall(r"[A-Za-z]{2,}", folded[: m.start()])
    return (
        m.group().strip() == "DEN"
        and not folded[m.end() :].strip()
        and len(words) >= 2
        and all(w.isupper() for w in words)  # a line in capitals, as the trích yếu's
        and not _STAMP_WORDS.search(" ".join(words[-2:]))  # not "HỎA TỐC" beside "ĐẾN"
    )


# The urgency and secrecy marks' words, as the stamps beside "ĐẾN" print them.
_STAMP_WORDS = re.compile(r"\b(?:" + "|".join((*URGENCY_MARKS, *SECRECY_MARKS)) + r")\b")


def _without_arrival_stamp(raw: str) -> str:
    """``raw`` without the words of the registry's "ĐẾN" stamp."""
    folded = fold(raw)
    low = folded.lower()
    if not any(cue in low for cue in ("den", ":", "ho so", "chuyen")):
        return raw
    spans = [
        m.span()
        for pattern in _ARRIVAL_STAMP
        for m in pattern.finditer(folded)
        if not _subject_goes_to(folded, m)
    ]
    for start, end in sorted(spans, reverse=True):
        if end > start:
            raw = raw[:start] + " " + raw[end:]
    return raw


# A date line a table cell wrapped: "…, ngày 15 tháng 12" over "năm 2022": the two
# lines hold a whole date across their break, neither alone.
_WHOLE_DATE = re.compile(r"\bngay \d{1,2} thang \d{1,2} nam (?:19|20)\d{2}\b")
WRAP_LINES = 40  # the header's lines, where cells wrap
# "Số:" (or "Luật số:") left alone at a narrow cell's end, the number on the next line.
_NUMBER_CUT = re.compile(r"^(?:[a-z]+ ){0,2}so\s*:?$")  # "Số:", "Luật số:", "Nghị quyết số:"
_NUMBER_REST = re.compile(r"^\d+\s*[-/]")


def _rejoin_wrapped(lines: list[str]) -> list[str]:
    """Lines of a header cell that Word or LibreOffice wrapped at the cell's edge
    joined again: a motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" over "NAM"), a date
    ("…, ngày 15 tháng 12" over "năm 2022") and a number ("Số:" over "324-TTr/…").
    Each is told by both halves: the first line ends as the motto or a date begins,
    the next goes on with the rest."""
    out = list(lines)
    folded = [fold(line).lower() for line in out[:WRAP_LINES]]
    i = 0
    while i < len(folded) - 1:
        here, there = folded[i], folded[i + 1]
        if there and (
            _motto_cut(here, there)
            or _date_cut(here, there)
            or (_NUMBER_CUT.match(here) and _NUMBER_REST.match(there))
        ):
            out[i : i + 2] = [f"{out[i]} {out[i + 1]}"]
            folded[i : i + 2] = [f"{here} {there}"]
            continue
        i += 1
    return out


def _date_cut(here: str, there: str) -> bool:
    if "ngay" not in here or _WHOLE_DATE.search(here):
        return False
    m = _WHOLE_DATE.search(f"{here} {there}")
    return m is not None and m.start() < len(here) < m.end()


# Each motto cut after each of its words: (its first words, the rest).
_MOTTO_CUTS = frozenset(
    (" ".join(words[:k]), " ".join(words[k:]))
    for words in (fold(m).lower().split() for m in (*MOTTOS, STATE_MOTTO_2))
    for k in range(1, len(words))
)
# A motto follows no such word; a subject in capitals does ("… CỦA ĐẢNG CỘNG SẢN" over
# "VIỆT NAM", "… THÀNH LẬP ĐẢNG CỘNG SẢN" over "VIỆT NAM").
_BEFORE_NO_MOTTO = frozenset({"cua", "ve", "va", "voi", "cho", "trong", "tai", "lap"})


def _motto_cut(here: str, there: str) -> bool:
    """The motto over two lines, the rest a line of its own: the first line is the
    motto's first words, or ends with three or more of them after a name printed
    beside it on the same line ("QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" over "NAM":
    a one-line left cell beside the motto's first line)."""
    here, there = here.strip(" .,:;"), there.strip(" .,:;")
    if (here, there) in _MOTTO_CUTS:
        return True
    words = here.split()
    for k in range(3, len(words)):
        head = " ".join(words[-k:])
        if (head, there) in _MOTTO_CUTS:
            return words[-k - 1] not in _BEFORE_NO_MOTTO
    return False


def _digits(text: str) -> tuple[str, bool]:
    """OCR letters that stand for digits (O, l, I) turned back; says whether any were."""
    fixed = text.translate(str.maketrans("OoIl", "0011"))
    return fixed, fixed != text


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _find_phrase(line: _Line, phrase: str) -> tuple[int, int, bool] | None:
    """Where ``phrase`` sits in the line, by folded comparison; says whether exact.
    OCR noise (stray dots, a lost or wrong letter) is allowed: a few edits."""
    target = fold(phrase).upper()
    hay = line.folded.upper()
    i = hay.find(target)
    if i >= 0:
        j = i + len(target)
        return i, j, line.text[i:j].upper() == nfc(phrase).upper()
    # Compare letters only, then allow one edit per six letters (Sellers' search).
    idx = [k for k, c in enumerate(hay) if c.isalnum()]
    letters = "".join(hay[k] for k in idx)
    want = "".join(c for c in target if c.isalnum())
    if len(letters) < len(want) * 0.8:
        return None
    # Most of the phrase's letter pairs must be there before the costly search.
    pairs = {want[k : k + 2] for k in range(len(want) - 1)}
    if sum(p in letters for p in pairs) < 0.6 * len(pairs):
        return None
    best = _approx_find(want, letters)
    if best is None:
        return None
    dist, start, end = best
    if dist > max(1, len(want) // 6):
        return None
    return idx[start], idx[end - 1] + 1, False


def _approx_find(pattern: str, text: str) -> tuple[int, int, int] | None:
    """Best approximate occurrence of ``pattern`` in ``text``: (edits, start, end)."""
    m = len(pattern)
    if m == 0 or not text:
        return None
    # prev[i] = (distance, start) for pattern[:i] ending at the current text position.
    prev = [(i, 0) for i in range(m + 1)]
    best: tuple[int, int, int] | None = None
    for j, ch in enumerate(text, 1):
        cur = [(0, j)]
        for i in range(1, m + 1):
            sub = (prev[i - 1][0] + (pattern[i - 1] != ch), prev[i - 1][1])
            dele = (prev[i][0] + 1, prev[i][1])
            ins = (cur[i - 1][0] + 1, cur[i - 1][1])
            cur.append(min(sub, dele, ins))
        if best is None or cur[m][0] < best[0]:
            best = (cur[m][0], cur[m][1], j)
        prev = cur
    return best


EDGE_JUNK = " _|~*»«ˆ`'‘’“”\"•"


def _cue(text: str) -> bool:
    key = fold(text)
    return (
        bool(_CUE_WORDS.match(key))
        or bool(re.match(r"^(?:[IVX]+|[0-9]+|[a-z])[.)]\s", text))
        # A bullet starts the body; "- 2025" is a subject wrapped inside "2021 - 2025".
        or bool(re.match(r"^[-+•]\s*[^\W\d_]", text))
    )
