"""``parse_header``: each field found as a span and taken out of its line; what is
left on the top-left lines is the issuer."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Iterable

from django.utils import timezone

from luutru.capture.header.citations import _cited
from luutru.capture.header.names import _KEEP_UPPER, display_name
from luutru.capture.header.result import Field, ParsedHeader
from luutru.capture.header.signature import AUTHORITY_WORDS, SURNAMES, _signer, name_marks
from luutru.capture.header.text import (
    EDGE_JUNK,
    F_DATE,
    F_PLACE_BEFORE_DATE,
    F_SYMBOL_NOSLASH,
    F_SYMBOL_PARTY,
    F_SYMBOL_SHORT,
    F_SYMBOL_STATE,
    F_SYMBOL_STATE_NOSLASH,
    F_VV,
    F_VV_LOOSE,
    FRONT,
    LEVEL_WORDS,
    LEVELS_PRINTED,
    MOTTOS,
    PARTY,
    PARTY_MOTTO,
    SECRECY_MARKS,
    SECRECY_WORDS,
    SEPARATOR,
    STATE,
    STATE_MOTTO,
    STATE_MOTTO_2,
    STRICT_DATE,
    URGENCY_MARKS,
    URGENCY_WORDS,
    YOUTH_MOTTO,
    _cue,
    _digits,
    _find_phrase,
    _is_upper,
    _key,
    _Line,
    _lines,
    own_text,
)
from luutru.capture.header.vocabulary import (
    HeaderVocabulary,
    Lookup,
    _target_type,
    _vocabulary,
)
from luutru.capture.stamps import NOISE as STAMP_NOISE
from luutru.capture.stamps import distance
from luutru.capture.vietnamese import (
    _corrector,
    dictionary_words,
    fold,
    frequencies,
    header_phrases,
    is_syllable,
    provinces,
    split_glued,
    strip_tones,
    tone_of,
)
from luutru.core.vn import nfc

HEAD_LINES = 40  # a header is read in the text's first lines


def parse_header(
    text: str,
    profile=None,
    *,
    org=None,
    vocabulary: HeaderVocabulary | None = None,
    ocr: bool = False,
    unsure: Iterable[str] = (),
) -> ParsedHeader:
    """Parse the header of a document's text into fields with confidences.
    Pass the org (its profile in force on the document's date is used), a
    profile, or a prebuilt ``vocabulary``; with none, the style decides.
    ``ocr``: the text was read from a scan (letters may be misread).
    ``unsure``: with ``ocr``, the words OCR itself read
    with low confidence (``ocr.UNSURE``): a field holding one goes to a person."""
    lines = _lines(text)
    out = ParsedHeader()
    f = out.fields
    head = _header_lines(lines[:HEAD_LINES])
    lookup = Lookup()  # the rule book and the organizations' names, read once per parse

    # Mottos and decorations.
    style_hint = ""
    wanted = [*MOTTOS, STATE_MOTTO_2]
    for i, line in enumerate(head[:12]):
        for phrase in list(wanted):
            hit = _find_phrase(line, phrase)
            if hit:
                s, e, exact = hit
                if phrase in MOTTOS and not _is_upper(line.text[s:e]):
                    continue  # "… Đảng Cộng sản Việt Nam" inside a subject is no motto
                if phrase == YOUTH_MOTTO and _youth_issuer(head[:12], i):
                    continue  # the issuer under its committee; the motto comes after
                line.take(s, e)
                if phrase in MOTTOS and _shared_letter_lost(line.text[:s], phrase):
                    f["_glued_motto"] = Field(True, 1.0)
                if phrase in MOTTOS and "motto" not in f:
                    f["motto"] = Field(phrase, 0.99 if exact else 0.9)
                    style_hint = {PARTY_MOTTO: PARTY, STATE_MOTTO: STATE}.get(phrase, FRONT)
                # One motto per document (the State's has a second line).
                wanted = (
                    [STATE_MOTTO_2]
                    if phrase == STATE_MOTTO
                    else [p for p in wanted if p not in MOTTOS]
                )
                if phrase == STATE_MOTTO_2:
                    wanted = [p for p in wanted if p != STATE_MOTTO_2]
        for mark in re.finditer(r"(?<!\S)[*]+(?!\S)|\|", line.text):
            line.take(mark.start(), mark.end())

    # Number and symbol: Party "Số 127-QĐ/TW", State "Số: 12/QĐ-UBND".
    symbol_at = None
    unread = _number_line_unread(head)
    for idx, line in enumerate(head[:25]):
        if unread is not None and idx > unread[0]:
            break  # below the number line: documents the text cites, not its number
        m = (
            F_SYMBOL_PARTY.search(line.folded)
            or F_SYMBOL_STATE.search(line.folded)
            or F_SYMBOL_STATE_NOSLASH.search(line.folded)
        )
        if m and _citing(line.folded[: m.start()]):
            m = None  # "Căn cứ Nghị định số 63/2010/NĐ-CP …": a document cited
        if not m:
            continue
        symbol_at = idx
        runs_on = _RUNS_ON.match(line.folded[m.end() :])
        line.take(m.start(), m.end())
        number, fixed = _digits(m["number"])
        if m.re is F_SYMBOL_PARTY:
            out.style = PARTY
            type_abbrev = line.text[m.start("type") : m.end("type")]
            issuer = line.text[m.start("issuer") : m.end("issuer")].replace(" ", "")
            notation = f"{type_abbrev}/{issuer}"
        else:
            out.style = STATE
            notation = line.text[m.start("notation") : m.end("notation")].replace(" ", "")
            type_abbrev, issuer = _type_and_issuer(notation)
            if year := m.groupdict().get("year"):
                f["_year"] = Field(year, 1.0)  # kept as printed: "30/2020/NĐ-CP"
        exact_so = re.match(_EXACT_SO, line.text[m.start() : m.start() + 30]) is not None
        # An abbreviation's capitals carry no tone marks: OCR read a speck as one ("BC/ĐŨ").
        toned = strip_tones(notation) != notation
        if toned:
            notation = strip_tones(notation)
            type_abbrev, issuer = strip_tones(type_abbrev), strip_tones(issuer)
        # A separator OCR lost (the dash, the year's slash) was put back: not as printed.
        if m.re is F_SYMBOL_PARTY:
            # The dash lost, or read as a speck ("Số:09.BB/TU", "Số 03:BC/BTGDVTU").
            lost = not m["sep"] or m["sep"].strip() in (".", ":")
        elif m.re is F_SYMBOL_STATE:
            lost = bool(m["year"] and not m["ys"])
        else:
            lost = True  # the slash after the number
        fixed = fixed or lost
        f["code_number"] = Field(number, 0.85 if fixed else (0.99 if exact_so else 0.95))
        f["code_notation"] = Field(
            notation, 0.85 if lost or toned else (0.99 if exact_so else 0.95)
        )
        f["_type_abbrev"] = Field(type_abbrev, 1.0)
        f["_issuer_abbrev"] = Field(issuer, 1.0)
        if runs_on:
            out.doubt(
                "code_notation",
                0.85,
                f"số ký hiệu còn tiếp sau chỗ đọc được (“{line.text[m.end() : m.end() + 12]}”): "
                "có thể một vết bẩn đã chen vào giữa; hãy so với ảnh trang",
            )
        break
    fonds = FRONT if style_hint == FRONT else (out.style or style_hint or PARTY)
    out.style = out.style or (PARTY if style_hint == FRONT else style_hint) or PARTY

    # Place and date; a long law's passing date, at its foot past the header.
    kept = own_text(text)
    own = lines if kept is text else _lines(kept)
    dated = head[:25]
    if not any(F_DATE.search(line.folded) for line in dated):
        dated = dated + _passing_foot(own, len(dated))
    date_at = None
    for idx, line in enumerate(dated):
        m = F_DATE.search(line.folded)
        if not m:
            continue
        d, fd = _digits(m["d"])
        mo, fm = _digits(m["m"])
        y, fy = _digits(m["y"])
        try:
            day = dt.date(int(y), int(mo), int(d))
        except ValueError:
            out.warnings.append(f"Ngày ghi trên văn bản “{d}/{mo}/{y}” không có thật.")
            line.take(m.start("place") if m["place"].strip() else m.start(), m.end())
            date_at = idx
            break
        date_text = line.text[m.end("place") : m.end()].lstrip(" ,")
        conf = 0.99 if STRICT_DATE.match(date_text) else 0.93
        # A law's passing date at its foot has no place: "… thông qua ngày 13 tháng 6 năm 2022".
        above = dated[idx - 1].folded if idx and not m["place"].strip() else ""
        passed = re.search(r"\bthong qua\s*$", m["place"].strip() or above, re.I) is not None
        garbled = not (m["th"].lower().startswith("th") and m["ng"].lower().startswith("ng"))
        # A mark touching the day's or month's digits may be a digit misread ("2G", "†1").
        folded = line.folded
        touched = any(
            re.match(r"[^\s\d]", folded[i : i + 1])
            for g in ("d", "m")
            for i in (m.start(g) - 1, m.end(g))
        )
        garbled = garbled or touched
        if fd or fm or fy or garbled or not (m["comma"] or passed):
            conf = 0.8  # a garbled "ngày" or "tháng" around the numbers
            out.reasons["issued_date"] = "chữ “ngày … tháng … năm” đọc không rõ"
        place = _place(line.text[m.start("place") : m.end("place")])
        place_start = m.end("place") - len(place) if place else m.end("place")
        line.take(place_start, m.end())
        if not FIRST_YEAR <= day.year <= timezone.localdate().year + 1:
            conf = min(conf, 0.6)  # "1202": a digit misread or lost, no year a document has
            out.reasons["issued_date"] = f"năm {day.year} không thể là năm ban hành văn bản"
        f["issued_date"] = Field(day, conf)
        if place:
            f["place"] = Field(place, 0.95 if place[:1].isupper() else 0.7)
        date_at = idx
        break

    if date_at is None:
        _place_without_date(out, head)
    elif date_at >= len(head[:25]):
        date_at = None  # the foot is no part of the header

    # Vocabulary: the profile in force on the document's date.
    vocab = vocabulary or _vocabulary(profile, org, fonds, out.value("issued_date"), lookup)
    if symbol_at is None:
        symbol_at = _symbol_without_slash(out, head, vocab)
    if symbol_at is None and unread is not None:
        symbol_at = _symbol_left_blank(out, head, *unread)
    if symbol_at is None:
        symbol_at = _symbol_without_so(out, head, vocab, date_at)
    _check_symbol(out, vocab)

    # Secrecy and urgency marks: a line left with only marks on it.
    for line in head[:25]:
        rest = line.rest()
        if not rest:
            continue
        sec, urg, words = _marks(_key(rest))
        stamp = _stamp_before_specks(rest) if not words else ""
        if stamp:  # "THƯỢNG KHẨN Sỹh Sài", "MẬT Di Cột": specks beside the stamp
            sec, urg, words = _marks(_key(stamp))
        if words:
            exact = _marks_exact(rest)
            if sec:
                f["secrecy"] = Field(sec, 0.99 if exact else 0.85)
            if urg:
                f["urgency"] = Field(urg, 0.99 if exact else 0.85)
            line.take(0, len(line.text))

    # Type line and subject (or "V/v …" for a công văn).
    start = max(i for i in (symbol_at, date_at, 0) if i is not None)
    if symbol_at is not None and date_at is not None and date_at > symbol_at + 2:
        start = symbol_at  # a law's passing date is at its foot
    type_at = _type_and_subject(out, head, vocab, start, symbol_at, date_at)

    # Issuer: the upper-case pieces left above the number line.
    _issuer(out, head, vocab, symbol_at, type_at, org, ocr=ocr)

    _issuer_abbrev_agrees(out, vocab)
    _issuer_not_a_type(out, vocab)
    _subject_words(out)
    _target_type(out, profile, org, lookup)
    # The signature is below the header: past its number line at least.
    _signer(out, own[symbol_at + 1 :] if symbol_at is not None else own, vocab)
    _cited(out, lines, vocab)
    if "_year" in f and "code_notation" in f:
        n = f["code_notation"]
        f["code_notation"] = Field(f"{f['_year'].value}/{n.value}", n.confidence)
    if ocr:
        _subject_in_capitals_read_as_text(out)
        _ocr_doubts(out, vocab)
        _unsure_doubts(out, unsure)
        _place_doubts(out, vocab)
        # A paper document's number and day are written in by hand when it is issued;
        # OCR reads a hand's digits as printed ones, confidently ("493" as "492" at 0.99
        # on real scanned letters of provincial offices). After the words OCR doubts,
        # whose reason names the word.
        for key in ("code_number", "issued_date"):
            out.doubt(key, 0.88, OCR_BY_HAND)
        if isinstance(name := out.value("signer_full_name"), str):
            signer = out.fields["signer_full_name"]
            out.fields["signer_full_name"] = Field(name_marks(name), signer.confidence)
    _issuer_complete(out)  # after the scan's doubts: a doubted parent names no place
    _issuer_only_a_place(out)
    _parent_under_doubt(out)
    if "_glued_motto" in f:
        for key in ("issuer", "issuer_parent", "organ_name"):
            out.doubt(key, 0.85, GLUED_MOTTO)
    # Internal helpers are not fields.
    for key in (
        "_type_abbrev",
        "_type_read",
        "_issuer_abbrev",
        "_year",
        "_short",
        "_unknown_issuer",
        "_glued_motto",
    ):
        f.pop(key, None)
    f.setdefault("secrecy", Field(0, 0.95))
    f.setdefault("urgency", Field(0, 0.95))
    if not ocr:
        _as_printed(out, text)
    return out


# Marks the reading drops or unifies that a born-digital header prints: Word's en
# dash ("2021 – 2025"), quotes around a name ("phong trào “Toàn dân …”"), a dash or
# "&" between two words ("HỘI ĐỒNG NHÂN DÂN TỈNH - ỦY BAN …", "NÔNG NGHIỆP & PTNT").
_QUOTES = '"“”‘’«»'
_DASH_CLASS = "[-\u2013\u2014\u2010]"
_BETWEEN = f"[\\s{_QUOTES}]*(?:[-\u2013\u2014\u2010&][\\s{_QUOTES}]*)?(?<=[\\s{_QUOTES}\\-\u2013\u2014\u2010&])"


def _as_printed(out: ParsedHeader, text: str) -> None:
    """A born-digital subject or name as its header prints it: the same words in the
    same order, with the dashes, quotes and "&" printed between and around them."""
    flat = " ".join(nfc("\n".join(text.splitlines()[:HEAD_LINES])).split())
    for key in ("subject", "issuer", "issuer_parent"):
        field = out.fields.get(key)
        if field is None or not isinstance(field.value, str) or not field.value.strip():
            continue
        words = [
            "".join(_DASH_CLASS if ch == "-" else re.escape(ch) for ch in w)
            for w in field.value.split()
        ]
        pattern = f"[{_QUOTES}]?" + _BETWEEN.join(words) + f"[{_QUOTES}]?"
        printed = re.search(pattern, flat)
        if printed is None:
            continue
        shown = printed[0]
        # A quote at either end only with its other half (not one of the next line's).
        if shown[-1] in "”’»" and not any(q in shown for q in "“‘«"):
            shown = shown[:-1]
        if shown[:1] in ("“", "‘", "«") and not any(q in shown for q in "”’»"):
            shown = shown[1:]
        if shown.count('"') % 2 and shown[-1:] == '"' and not field.value.endswith('"'):
            shown = shown[:-1]
        if shown.count('"') % 2 and shown[:1] == '"' and not field.value.startswith('"'):
            shown = shown[1:]
        out.fields[key] = Field(" ".join(shown.split()), field.confidence)


# A header's lines are short; a longer one (a text layer's paragraph, or a hostile
# file) is read in pieces of at most this many characters, so that no pattern
# costs more than a few milliseconds on it.
HEADER_LINE = 300


# A notation that goes on past what the number's pattern took: a mark and then more
# capitals ("BGDĐT-.KGVX", a speck read in it).
_RUNS_ON = re.compile(r"[-.,:;'/&]+\s?[A-Z]{2,}")


def _passing_foot(own: list[_Line], start: int) -> list[_Line]:
    """A law's "… thông qua ngày … tháng … năm …" at the end of its own text, past
    the first ``start`` lines (those the header's date is looked for in): the date's
    line and the one above it, where "thông qua" may end."""
    for i in range(len(own) - 1, max(start, 1) - 1, -1):
        if F_DATE.search(own[i].folded) and _PASSED.search(f"{own[i - 1].folded} {own[i].folded}"):
            return own[i - 1 : i + 1]
    return []


_PASSED = re.compile(r"\bthong\s+qua\b", re.I)


def _header_lines(lines: list[_Line]) -> list[_Line]:
    """The header's first lines, each longer than ``HEADER_LINE`` cut at spaces into
    pieces (the lines themselves, shared with the rest of the parse, otherwise)."""
    out: list[_Line] = []
    for line in lines:
        if len(line.text) <= HEADER_LINE:
            out.append(line)
            continue
        piece: list[str] = []
        for word in line.text.split(" "):
            word = word[:HEADER_LINE]
            if piece and len(" ".join(piece)) + 1 + len(word) > HEADER_LINE:
                out.append(_Line(" ".join(piece), fold(" ".join(piece))))
                piece = []
            piece.append(word)
        if piece:
            out.append(_Line(" ".join(piece), fold(" ".join(piece))))
    return out[:40]


def _youth_issuer(head: list[_Line], i: int) -> bool:
    """Is line ``i`` ("ĐOÀN TNCS HỒ CHÍ MINH") the Youth Union's name as issuer, under
    its committee ("BAN CHẤP HÀNH TRUNG ƯƠNG"), with the motto, the same words, later
    (a header table's left cell read before its right one)?"""
    # The committee's line, maybe wrapped ("BAN CHẤP HÀNH TRUNG" over "ƯƠNG").
    above = [_key(line.text) for line in head[max(0, i - 2) : i]]
    if not any(a.startswith(("BAN CHAP HANH", "BCH ")) for a in above):
        return False
    return any(_find_phrase(line, YOUTH_MOTTO) for line in head[i + 1 :])


def _shared_letter_lost(before: str, motto: str) -> bool:
    """Two columns' text run together ("XÃ PHÚC LỘCỘNG HÒA"): the text layer keeps
    one of two like letters that touch, so the name may have ended on the motto's
    first letter ("LỘC") as well as not ("LỘ")."""
    words = before.split()
    glued = bool(before) and not before[-1].isspace()  # "BỘ NỘI VỤ CỘNG HÒA" is apart
    return glued and words[-1][-1].isalpha() and is_syllable(words[-1] + motto[0])


GLUED_MOTTO = (
    "tên cơ quan dính liền với quốc hiệu, tiêu ngữ trên cùng một dòng; chữ ở chỗ nối "
    "có thể bị mất, hãy so với bản gốc"
)

# Fields OCR may misread into other real words, which nothing on the page can check.
OCR_SUBJECT = (
    "đọc từ ảnh quét: chữ có dấu có thể bị nhận sai thành một chữ khác có nghĩa "
    "(“số” thành “sở”); hãy so từng chữ với ảnh trang"
)
OCR_NAME = "đọc từ ảnh quét: tên riêng không có danh mục để đối chiếu; hãy so với ảnh trang"
OCR_SHORT = (
    "đọc từ ảnh quét: số không có chữ viết tắt cơ quan ban hành, có thể phần sau "
    "dấu “/” bị mất khi quét"
)
OCR_ISSUER = "đọc từ ảnh quét và không khớp tên cơ quan nào đã biết; hãy so với ảnh trang"
OCR_NO_SECRECY = (
    "đọc từ ảnh quét không thấy dấu độ mật; dấu đóng khung có thể bị mất khi nhận dạng, "
    "hãy xem ảnh trang"
)
OCR_NO_NUMBER = (
    "đọc từ ảnh quét không thấy dòng số, ký hiệu; các dòng tên cơ quan có thể bị đọc "
    "lệch chỗ, hãy so với ảnh trang"
)
OCR_NO_STAMP = (
    "đọc từ ảnh quét không thấy dấu độ khẩn; dấu đóng khung có thể bị mất khi nhận dạng, "
    "hãy xem ảnh trang"
)


def _known_body(value: str, vocab: HeaderVocabulary) -> bool:
    """A name the rules or the fixed header phrases spell whole ("QUỐC HỘI")."""
    key = _key(value)
    return key in {_key(n) for n in vocab.issuers.values()} or key in _phrase_keys()


# Who signs, not a body: the fixed phrases of a signer block ("KT. CHỦ TỊCH", "PHÓ BÍ
# THƯ") name no issuer, and a scan's line read as one is no known body (OCR once read
# a signer block's "CHỦ TỊCH" among the header's lines, and it stood as the issuer).
POSITION_TITLES = ("CHỦ TỊCH", "BÍ THƯ", "GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "TRƯỞNG BAN")


def _a_position(phrase: str) -> bool:
    words = nfc(phrase).upper().split()
    if words and words[0] in AUTHORITY_WORDS:
        return True
    return " ".join(words[1:] if words[:1] == ["PHÓ"] else words) in POSITION_TITLES


@functools.lru_cache(maxsize=1)
def _phrase_keys() -> frozenset[str]:
    return frozenset(_key(p) for p in header_phrases() if not _a_position(p))


def _ocr_doubts(out: ParsedHeader, vocab: HeaderVocabulary) -> None:
    """On a scan, a field whose words no list can check is never confident: the
    trích yếu, the signer's name, an issuer the rules and records do not name.
    A second reading of the header band (another page segmentation mode) did not
    make them so: the two readings (one engine) made the same letter error often
    enough that 6 of 26 agreed subjects were wrong (bench/README.md, issue 10,
    third round), and it cost 70-100 % more OCR, so it was dropped."""
    if "_short" in out.fields:
        for key in ("code_number", "code_notation"):
            out.doubt(key, 0.85, OCR_SHORT)
    out.doubt("subject", 0.85, OCR_SUBJECT)
    out.doubt("signer_full_name", 0.85, OCR_NAME)
    if "urgency" not in out.fields:
        # No urgency mark read: OCR often loses a boxed stamp ("HỎA TỐC") whole.
        out.fields["urgency"] = Field(0, 0.85)
        out.reasons["urgency"] = OCR_NO_STAMP
    if "secrecy" not in out.fields:
        # Nor is a lost "MẬT" a document without secrecy (open-part scans lost it whole).
        out.fields["secrecy"] = Field(0, 0.85)
        out.reasons["secrecy"] = OCR_NO_SECRECY
    if "code_number" not in out.fields:
        # The number line anchors the header: without it the lines above and beside
        # it (issuer, parent) may be read out of their places.
        for key in ("issuer", "issuer_parent", "organ_name"):
            out.doubt(key, 0.85, OCR_NO_NUMBER)
    for key in ("issuer", "issuer_parent", "organ_name"):
        value = out.value(key)
        if value and _key(value) not in vocab.names and not _known_body(value, vocab):
            out.doubt(key, 0.85, OCR_ISSUER)
    _abbrev_spells_issuer(out)


def _abbrev_spells_issuer(out: ParsedHeader) -> None:
    """A number read from a scan: the issuer part of its notation is the capitals of
    the issuer's name ("SNV" of "SỞ NỘI VỤ", "TTg" of "THỦ TƯỚNG CHÍNH PHỦ"); one OCR
    misread ("CT-TTE", "TB/HNBT") agrees with no name printed and goes to a person.
    The rules list no State abbreviations (each body has its own), nor the mass
    organizations', so the name printed is the check; a Party abbreviation the
    rules list is checked against them (``_check_symbol``)."""
    f = out.fields
    if "code_notation" not in f or f["code_notation"].confidence < 0.9:
        return
    if out.style == STATE:
        notation = re.sub(r"^\d{4}/", "", str(f["code_notation"].value))  # "2020/NĐ-CP"
        kind = str(f.get("_type_abbrev", Field("", 1.0)).value)
        if kind and notation.startswith(f"{kind}-"):
            notation = notation[len(kind) + 1 :]
        head = notation.split("-")[0]
    elif "_unknown_issuer" in f:
        head = str(f["_unknown_issuer"].value)
    else:
        return
    capitals = "".join(_capital(c) for c in head if c.isupper())
    names = [str(out.value(k) or "") for k in ("issuer", "issuer_parent")]
    if not capitals or not any(names):
        return
    if _spelt_by(capitals, names):
        return
    out.doubt(
        "code_notation",
        0.88,
        f"đọc từ ảnh quét: chữ viết tắt cơ quan “{head}” trong số ký hiệu không khớp tên "
        "cơ quan ban hành in trên văn bản; hãy so với ảnh trang",
    )


OCR_BY_HAND = (
    "đọc từ ảnh quét: số và ngày của bản giấy thường được viết tay khi phát hành, máy "
    "nhận dạng có thể đọc sai; hãy so với ảnh trang"
)
OCR_UNSURE = "đọc từ ảnh quét: máy nhận dạng không chắc đã đọc đúng “{}”; hãy so với ảnh trang"


def _unsure_doubts(out: ParsedHeader, unsure: Iterable[str]) -> None:
    """A field holding a word OCR itself doubts is not confident. Words are
    compared folded (the text's tone marks may have been restored after OCR); a
    doubted number/symbol word ("505/KH-SVHTTDIL") covers the number and the
    notation it holds; a date, its day, month and year."""
    words: dict[str, str] = {}
    for word in unsure:
        if key := _bare(word):
            words.setdefault(key, word)
    if not words:
        return
    symbols = {k: w for k, w in words.items() if "/" in w or "-" in w}
    for key, fld in list(out.fields.items()):
        if key.startswith("_") or fld.confidence < 0.9 or fld.value in (None, ""):
            continue
        value = fld.value
        # In the field's order, so that the word named is the same on every run (a set
        # named one doubted word or another by the process's hash seed).
        if isinstance(value, dt.date):
            tokens = [str(value.day), f"{value.day:02d}", str(value.month), f"{value.month:02d}"]
            tokens.append(str(value.year))
        else:
            tokens = [t for t in (_bare(t) for t in re.split(r"[\s,;]+", str(value))) if t]
        hit = next((words[t] for t in tokens if t in words), None)
        if hit is None and key in ("code_number", "code_notation"):
            whole = _bare(str(value))
            hit = next((w for k, w in symbols.items() if whole and whole in k), None)
        if hit is not None:
            out.doubt(key, 0.85, OCR_UNSURE.format(hit))


CUT_AT_LEVEL = (
    "tên cơ quan dừng ở chữ chỉ cấp “{}”, có thể thiếu tên địa phương; hãy so với văn bản"
)


# A body of the State named without its place names no parent: over another body and
# a place line it is one of two bodies issuing jointly ("ỦY BAN NHÂN DÂN" / "ỦY BAN
# MTTQ VIỆT NAM" / "TỈNH ĐẮK LẮK", a quy chế phối hợp).
_PLACELESS = {"ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "UBND", "HĐND"}
JOINT_BODIES = (
    "dòng trên “{}” không có địa danh nên không phải cơ quan cấp trên: có thể là văn bản "
    "hai cơ quan cùng ban hành; hãy so với văn bản"
)


def _issuer_complete(out: ParsedHeader) -> None:
    """A body's name ending on its level word ("ỦY BAN NHÂN DÂN XÃ") with no parent
    line to name the place: the place name was lost or read elsewhere. ("CÔNG AN
    TỈNH" under "ỦY BAN NHÂN DÂN TỈNH …", "CHI BỘ CÔNG AN XÃ" under its commune's
    Party committee are whole: the parent names the place.) A parent that names no
    place (``_PLACELESS``) is no parent."""
    parent = out.value("issuer_parent")
    if isinstance(parent, str) and " ".join(nfc(parent).upper().split()) in _PLACELESS:
        for key in ("issuer", "issuer_parent", "organ_name"):
            out.doubt(key, 0.85, JOINT_BODIES.format(parent))
        return
    value = out.value("issuer")
    if not isinstance(value, str) or not value.strip():
        return
    if out.value("issuer_parent") and out.confidence("issuer_parent") >= 0.9:
        return
    words = nfc(value).upper().split()
    for level in LEVELS_PRINTED:  # with their tone marks: "HÀ TĨNH" ends on no level
        n = len(level.split())
        if len(words) > n and " ".join(words[-n:]) == level:
            out.doubt("issuer", 0.85, CUT_AT_LEVEL.format(" ".join(value.split()[-n:])))
            return


ONLY_A_PLACE = "chỉ đọc được địa danh “{}”, không thấy tên cơ quan: chữ đầu dòng có thể bị mất"


def _issuer_only_a_place(out: ParsedHeader) -> None:
    """An issuer that is a province's name alone ("NINH THUẬN" of "HỘI ĐỒNG NHÂN
    DÂN" over "TỈNH NINH THUẬN", its first word lost) names a place, not a body."""
    value = out.value("issuer")
    if isinstance(value, str) and fold(value).upper().replace(" ", "") in provinces():
        out.doubt("issuer", 0.85, ONLY_A_PLACE.format(value))


PARENT_OF_DOUBTED = "dòng dưới nó (tên cơ quan ban hành) chưa chắc đã đọc đúng"


def _parent_under_doubt(out: ParsedHeader) -> None:
    """A line is the parent only because the line under it is the issuer: a doubted
    issuer ("SỐ ỐNG", a stamp's words) leaves its parent no surer."""
    if "issuer" in out.fields and "issuer_parent" in out.fields:
        out.doubt("issuer_parent", out.confidence("issuer"), PARENT_OF_DOUBTED)


TYPE_AS_ISSUER = (
    "dòng “{}” là tên loại văn bản, không phải tên cơ quan: phần đầu văn bản bị đọc lệch, "
    "hãy so với văn bản"
)


def _issuer_not_a_type(out: ParsedHeader, vocab: HeaderVocabulary) -> None:
    """An issuer read as a type line ("QUYẾT ĐỊNH") means the header's lines were
    read out of place: neither it nor the parent above it is taken as read."""
    value = out.value("issuer")
    if not isinstance(value, str) or not value.strip():
        return
    if vocab.type_by_name(value) is not None:
        for key in ("issuer", "issuer_parent", "organ_name"):
            out.doubt(key, 0.6, TYPE_AS_ISSUER.format(value))


def _bare(word: str) -> str:
    """Folded, lower-case letters and digits only: how OCR's words are compared."""
    return "".join(ch for ch in fold(word).lower() if ch.isalnum())


# "Số", or a legal type before it ("Luật số", "Pháp lệnh số"), printed exactly.
_EXACT_SO = re.compile(
    r"(?:(?:Luật|Pháp lệnh|Lệnh|Nghị quyết|Nghị định|Thông tư(?: liên tịch)?"
    r"|Quyết định|Chỉ thị|Kết luận|Quy định) số|[Ss]ố)\b"
)


def _symbol_without_slash(
    out: ParsedHeader, head: list[_Line], vocab: HeaderVocabulary
) -> int | None:
    """ "Số 1482-ĐATU" / "Số: 56/TTrUBND": the slash or dash OCR lost, put back where
    a type abbreviation of the rules starts the glued letters."""
    abbrevs = sorted({t.abbrev for t in vocab.types if t.abbrev}, key=len, reverse=True)
    for idx, line in enumerate(head[:25]):
        m = F_SYMBOL_NOSLASH.search(line.folded)
        if not m:
            continue
        glued = line.text[m.start("glued") : m.end("glued")].replace(" ", "")
        for abbrev in abbrevs:
            rest = glued[len(abbrev) :]
            # The slash read as a letter ("Số 74-ĐAIUBKTTU"): a known issuer after it.
            slash_read = bool(rest) and rest[0] in SLASH_READ and rest[1:] in vocab.issuers
            rest = rest[1:] if slash_read else rest
            if not glued.startswith(abbrev) or len(rest) < 2 or not rest.isupper():
                continue
            if m["sep"] == "-" and (not vocab.issuers or rest in vocab.issuers):
                out.style, notation = PARTY, f"{abbrev}/{rest}"
            elif m["sep"] == "/":
                out.style, notation = STATE, f"{abbrev}-{rest}"
            elif not m["sep"] and (
                rest in vocab.issuers
                or (out.style == STATE and not vocab.issuers and len(rest) > 2)
            ):
                # Both lost ("Số:09BBTU"): the motto's style says how it is printed (the
                # State's rules list no issuer abbreviations to check "UBND" against).
                notation = f"{abbrev}-{rest}" if out.style == STATE else f"{abbrev}/{rest}"
            else:
                continue
            line.take(m.start(), m.end())
            out.fields["code_number"] = Field(m["number"], 0.85)
            out.fields["code_notation"] = Field(notation, 0.8)
            out.fields["_type_abbrev"] = Field(abbrev, 1.0)
            out.fields["_issuer_abbrev"] = Field(rest, 1.0)
            return idx
    # "Số 02-KH" (a type of the rules, no issuer) or a bare "Số 08": kept as printed;
    # confident only in a text layer (OCR may have lost the "/HU" after it).
    known = {t.abbrev for t in vocab.types if t.abbrev}
    for idx, line in enumerate(head[:25]):
        m = F_SYMBOL_SHORT.search(line.folded)
        if not m or not line.text[m.start() : m.start() + 2] == "Số":
            continue
        blank = F_SYMBOL_BLANK.search(line.folded)
        if blank and re.search(r"[^\d\s]", blank["gap"].strip(" :")):
            continue  # "Số: 5 #2 /KH-BCA-C04": a number written by hand, not a bare "Số 5"
        abbrev = line.text[m.start("type") : m.end("type")] if m["type"] else ""
        if abbrev and abbrev not in known:
            continue
        line.take(m.start(), m.end())
        out.fields["code_number"] = Field(m["number"], 0.92)
        out.fields["_short"] = Field(True, 1.0)
        out.warnings.append(
            f"Số “{line.text[m.start() : m.end()]}” không có chữ viết tắt cơ quan ban hành."
        )
        if abbrev:
            out.style = out.style or PARTY
            out.fields["code_notation"] = Field(abbrev, 0.92)
            out.fields["_type_abbrev"] = Field(abbrev, 1.0)
            out.fields["_issuer_abbrev"] = Field("", 1.0)
        return idx
    return None


# "Số:      /TTr-THCS", "Số     -KH/TU": the number left blank, to be written in by hand
# when the document is issued (a draft, or a copy published before it had one).
# A scan's number written by hand, which OCR reads as specks ("Số: 5 #2 /KH-BCA-C04",
# "Số: lŒ6/QĐ-UBND", "Số: /74/UBND-KSTTHC"): no two letters in a row before the slash.
F_SYMBOL_BLANK = re.compile(
    r"(?<![^\W_]|/)So\s*:?(?P<gap>[^\n]{0,10}?)\s*(?P<sep>[-/])\s*"
    r"(?P<notation>[A-Z][A-Za-z&]*(?:\s*[-/.]\s*[A-Z][A-Za-z0-9&]*)*)"
)
LEFT_BLANK = (
    "số văn bản để trống trên bản này (bản dự thảo, hoặc bản chưa ghi số); hãy ghi số khi có"
)
ILLEGIBLE = "số văn bản đọc không ra (có thể viết tay): “{}”; hãy đọc trên ảnh trang và ghi vào"


def _citing(before: str) -> bool:
    """Does the text before a number on its line end on a sentence's words ("Căn cứ",
    "Thực hiện", "theo", "của"), so that the number is a document cited? A number line
    opens its line, or follows the capitals of a name ("QUỐC HỘI Luật số: …")."""
    return re.search(r"\b(?:Can cu|Thuc hien|theo|cua|tai|ve|va)\W*$", before) is not None


def _number_line_unread(head: list[_Line]) -> tuple[int, re.Match] | None:
    """The number line whose number is left blank or could not be read: its index and
    match."""
    for idx, line in enumerate(head[:25]):
        m = F_SYMBOL_BLANK.search(line.folded)
        if not m or line.text[m.start() : m.start() + 2] != "Số":
            continue
        gap, notation = m["gap"].strip(" :.…_"), m["notation"]
        # Blank, or digits OCR read among specks; a notation of two parts ("TB-UBND").
        # (A hand's digits read as specks: "4†1#", "J†§", "lŒ6", "5 #2".)
        read = not gap or (re.search(r"[\d\W]", gap) and not re.search(r"[A-Za-z]{2}", gap))
        if read and re.search(r"\w\s*[-/]\s*\w", notation):
            return idx, m
    return None


def _type_and_issuer(notation: str) -> tuple[str, str]:
    """A State notation's type and issuer: "QĐ-UBND" names a type, "UBND-VP" (a công
    văn) does not; or a slash parts them ("TTLT/BVHTT-BYT", "QCPH/UBND-UBMTTQ")."""
    type_abbrev, _, issuer = re.sub(r"[-/]", "\0", notation, count=1).partition("\0")
    return (type_abbrev, issuer) if issuer else ("", notation)


def _symbol_left_blank(out: ParsedHeader, head: list[_Line], idx: int, m: re.Match) -> int:
    """Line ``idx``, a number line whose number is left blank or written by hand and
    unread (``_number_line_unread``), is the header's number line (what follows it is
    no issuer's name); the notation is kept, no number is guessed."""
    line = head[idx]
    notation = re.sub(r"\s+", "", line.text[m.start("notation") : m.end("notation")])
    line.take(m.start(), m.end())
    type_abbrev, issuer = _type_and_issuer(notation)
    out.style = out.style or (STATE if m["sep"] == "/" else PARTY)
    out.fields["code_notation"] = Field(notation, 0.85)
    out.fields["_type_abbrev"] = Field(type_abbrev, 1.0)
    out.fields["_issuer_abbrev"] = Field(issuer, 1.0)
    gap = line.text[m.start("gap") : m.end("gap")].strip(" :.…_")
    if gap:
        why = ILLEGIBLE.format(gap)
        out.fields["code_number"] = Field(None, 0.0)
        out.reasons["code_number"] = why
    else:
        why = LEFT_BLANK
    out.reasons["code_notation"] = why
    out.warnings.append(why[0].upper() + why[1:] + ".")
    return idx


SLASH_READ = "Il1|"  # what OCR reads a slash as
# A Party number whose "Số" OCR lost or garbled ("bD 08-ĐA/UBKTTU", "¡90 613-NQ/TW").
F_PARTY_NUMBER_ALONE = re.compile(
    r"(?<![\w/])(?P<number>[0-9]{1,6})\s*[-–]\s*(?P<type>[A-Z][A-Za-z]{0,3})\s*/\s*"
    r"(?P<issuer>[A-Z][A-Z0-9]*(?:\s*-\s*[A-Z0-9]{2,}(?![a-z]))*)"
)
NO_SO = "không thấy chữ “Số” trước số, ký hiệu (có thể bị đọc sai khi quét); hãy so với ảnh trang"


def _symbol_without_so(
    out: ParsedHeader, head: list[_Line], vocab: HeaderVocabulary, date_at: int | None
) -> int | None:
    """A Party number read without its "Số": taken only beside the date line (on it,
    or the line above or below, where the number stands) and only when the rules
    know both its type and its issuer abbreviation, so that a cited number or a
    speck row is not read as this document's. Never confident."""
    if date_at is None or not vocab.issuers:
        return None
    known = {t.abbrev for t in vocab.types if t.abbrev}
    for idx in (date_at, date_at - 1, date_at + 1):
        if not 0 <= idx < len(head):
            continue
        line = head[idx]
        for m in F_PARTY_NUMBER_ALONE.finditer(line.folded):
            type_abbrev = line.text[m.start("type") : m.end("type")]
            issuer = line.text[m.start("issuer") : m.end("issuer")].replace(" ", "")
            if type_abbrev not in known or issuer.split("-")[0] not in vocab.issuers:
                continue
            line.take(m.start(), m.end())
            out.style = PARTY
            out.fields["code_number"] = Field(m["number"], 0.85)
            out.fields["code_notation"] = Field(f"{type_abbrev}/{issuer}", 0.85)
            out.fields["_type_abbrev"] = Field(type_abbrev, 1.0)
            out.fields["_issuer_abbrev"] = Field(issuer, 1.0)
            out.reasons.setdefault("code_number", NO_SO)
            return idx
    return None


def _capital(ch: str) -> str:
    """A letter as an abbreviation writes it: a capital without tone marks, Đ kept."""
    return "Đ" if ch in "Đđ" else fold(ch).upper()


# Words a Party or mass-organization abbreviation writes otherwise than by their first
# letters: "TW" is "Trung ương" (36-HD/VPTW: "UBKTTW", "HNDTW", "TWĐTN").
_ABBREVIATED_AS = {"TRUNG UONG": "TW"}


def _initials(text: str) -> str:
    """First letters of the words, marks folded but Đ kept: "ĐẢNG ỦY KHỐI" → "ĐUK";
    "ỦY BAN KIỂM TRA TRUNG ƯƠNG" → "UBKTTW"."""
    words = text.split()
    out, k = [], 0
    while k < len(words):
        two = _key(" ".join(words[k : k + 2]))
        if two in _ABBREVIATED_AS:
            out.append(_ABBREVIATED_AS[two])
            k += 2
            continue
        if words[k][0].isalpha():
            out.append(_capital(words[k][0]))
        k += 1
    return "".join(out)


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _spelt_by(capitals: str, names: list[str]) -> bool:
    """Are ``capitals`` a name's initials ("SNV" of "SỞ NỘI VỤ TỈNH HÀ NAM"), or one
    name's then the other's ("VPUB", each part two letters or more)? A part begins at
    one of the name's first three initials ("ỦY BAN MẶT TRẬN …": "MTTQ"), or where a
    word printed as an abbreviation begins (its letters all count: "ỦY BAN MTTQ …"),
    and skips at most two letters between its own ("BGDĐT" of "BỘ GIÁO DỤC VÀ ĐÀO
    TẠO"), so that a misread letter rarely spells a name by chance ("TL" of "ĐOÀN
    CHỦ TỊCH" then "HỘI LIÊN HIỆP …" does not)."""
    spelt = [_letters_of(name) for name in names if name]

    def part_of(part: str, name: tuple[str, set[int]]) -> bool:
        letters, starts = name
        for start in sorted(starts):
            at = -1
            for ch in part:
                nxt = letters.find(ch, at + 1, at + 4) if at >= 0 else start
                if nxt < 0 or nxt >= len(letters) or letters[nxt] != ch:
                    break
                at = nxt
            else:
                return True
        return False

    for k in [len(capitals), *range(2, len(capitals) - 1)]:  # a split's parts: two letters
        first, rest = capitals[:k], capitals[k:]
        for i, name in enumerate(spelt):
            if part_of(first, name) and (
                not rest or any(part_of(rest, o) for j, o in enumerate(spelt) if j != i)
            ):
                return True
    return False


def _letters_of(name: str) -> tuple[str, set[int]]:
    """A name's initials, an abbreviation word's letters all, and where a part of an
    abbreviation may begin (``_spelt_by``)."""
    letters, starts = "", {0, 1, 2}
    for word in name.split():
        bare = word.strip(".,;:-")
        if not bare or not bare[0].isalpha():
            continue
        if bare.isupper() and len(bare) >= 2 and not is_syllable(bare):
            starts.add(len(letters))
            letters += "".join(_capital(c) for c in bare)  # "CCB", "MTTQ"
            starts.add(len(letters))  # and after it: "BCH HỘI NÔNG DÂN TỈNH …" spells "HNDT"
        else:
            letters += _capital(bare[0])
    return letters, starts


def _letter_lost(abbrev: str, known: Iterable[str]) -> bool:
    """Is ``abbrev`` a known abbreviation with one letter lost ("VPT" of "VPTW")?"""
    return any(len(k) == len(abbrev) + 1 and _one_edit(abbrev, k) for k in known)


def _issuer_abbrev_agrees(out: ParsedHeader, vocab: HeaderVocabulary) -> None:
    """An issuer abbreviation the rules do not list ("BNCTU") is still confident
    when its letters are the initials of the issuer printed above it, in order
    ("BAN NỘI CHÍNH TỈNH ỦY"); otherwise the number goes to a person."""
    f = out.fields
    if "_unknown_issuer" not in f or "code_notation" not in f:
        return
    abbrev = f["_unknown_issuer"].value
    if _letter_lost(abbrev, vocab.issuers):
        out.doubt(
            "code_notation",
            0.85,
            f"chữ viết tắt cơ quan ban hành “{abbrev}” giống một chữ viết tắt trong quy tắc "
            "bị mất một chữ cái",
        )
        return
    letters = "".join(_capital(c) for c in abbrev if c.isalpha())
    own = _initials(out.value("issuer") or "")
    parent = _initials(out.value("issuer_parent") or "")
    # The body then its committee ("BAN NỘI CHÍNH" of "TỈNH ỦY": BNCTU), or the other way.
    if letters and (
        letters == own
        or (
            len(letters) >= 3
            and (_is_subsequence(letters, own + parent) or _is_subsequence(letters, parent + own))
        )
    ):
        out.warnings.append(
            f"Chữ viết tắt cơ quan ban hành “{abbrev}” chưa có trong danh mục quy tắc "
            "nhưng khớp tên cơ quan in trên văn bản."
        )
        return
    out.doubt(
        "code_notation",
        0.88,
        f"chữ viết tắt cơ quan ban hành “{abbrev}” chưa có trong danh mục quy tắc "
        "và không khớp tên cơ quan in trên văn bản",
    )
    out.warnings.append(f"Chữ viết tắt cơ quan ban hành “{abbrev}” chưa có trong danh mục quy tắc.")


@functools.lru_cache(maxsize=1)
def _province_words() -> frozenset[str]:
    """The words of the provinces' names, in lower case: "đắk", "lắk", "kon" are no
    Vietnamese syllables but are printed in the names."""
    return frozenset(w for name in provinces().values() for w in nfc(name).lower().split())


def _subject_words(out: ParsedHeader) -> None:
    """A trích yếu holding a word that is no Vietnamese syllable (a misread, a
    speck) is never confident; OCR text shows such words, born-digital text not."""
    f = out.fields
    if "subject" not in f:
        return
    words = re.findall(r"[^\W\d_]+", f["subject"].value)
    odd = [
        w
        for w in words
        if not (
            is_syllable(w)
            or (w.isupper() and len(w) <= 6)
            or w in "Vv"
            or (w[:1].isupper() and nfc(w).lower() in _province_words())  # "Đắk Lắk", "Kon Tum"
        )
    ]
    if odd:
        shown = ", ".join(f"“{w}”" for w in odd[:3])
        out.doubt("subject", 0.8, f"có chữ không phải âm tiết tiếng Việt: {shown}, có thể đọc sai")


def _check_symbol(out: ParsedHeader, vocab: HeaderVocabulary) -> None:
    f = out.fields
    if "code_notation" not in f:
        return
    type_abbrev, issuer = f["_type_abbrev"].value, f["_issuer_abbrev"].value
    f["_type_read"] = Field(type_abbrev, 1.0)  # as OCR read it (``_symbol_type_misread``)
    known_types = {t.abbrev for t in vocab.types if t.abbrev}
    conf = f["code_notation"].confidence
    # OCR doubles a letter, or triples it ("QĐĐ", "QĐĐĐ").
    undoubled = next(
        (a for a in (re.sub(r"(.)\1", r"\1", type_abbrev), re.sub(r"(.)\1+", r"\1", type_abbrev))
         if a in known_types),
        type_abbrev,
    )  # fmt: skip
    if type_abbrev and known_types and type_abbrev not in known_types and undoubled in known_types:
        # OCR doubles a letter ("QĐĐ"): the rules know only one reading.
        value = f["code_notation"].value.replace(type_abbrev, undoubled, 1)
        f["code_notation"] = Field(value, 0.85)
        f["_type_abbrev"] = Field(undoubled, 1.0)
        type_abbrev, conf = undoubled, 0.85
    if type_abbrev and known_types and type_abbrev not in known_types:
        if near := _look_alike(type_abbrev, known_types):
            # "TIr" under "TTr": a letter OCR reads for another; the rules know one reading.
            value = f["code_notation"].value.replace(type_abbrev, near, 1)
            f["code_notation"] = Field(value, 0.85)
            f["_type_abbrev"] = Field(near, 1.0)
            out.reasons.setdefault("code_notation", LOOKS_LIKE.format(type_abbrev, near))
            type_abbrev, conf = near, 0.85
    if out.style == PARTY and vocab.issuers and issuer.split("-")[0] not in vocab.issuers:
        head = issuer.split("-")[0]
        if near := _look_alike(head, vocab.issuers):  # "VPIW" of "VPTW"
            value = f["code_notation"].value.replace(f"/{head}", f"/{near}", 1)
            f["code_notation"] = Field(value, 0.85)
            issuer, conf = issuer.replace(head, near, 1), 0.85
            f["_issuer_abbrev"] = Field(issuer, 1.0)
            out.reasons.setdefault("code_notation", LOOKS_LIKE.format(head, near))
    if out.style == STATE and f["code_notation"].value in known_types:
        # "07/2019/TT": a type's abbreviation with no body after it (lost by OCR).
        conf = min(conf, 0.85)
        out.reasons.setdefault("code_notation", NOTATION_CUT.format(f["code_notation"].value))
    if out.style == STATE and type_abbrev and type_abbrev not in known_types:
        type_abbrev, issuer = "", f["code_notation"].value
        f["_type_abbrev"] = Field("", 1.0)
    if out.style == STATE and not type_abbrev and "-" not in issuer:
        # "TTrUBND": the dash lost between a type of the rules and the issuer.
        for abbrev in sorted(known_types, key=len, reverse=True):
            rest = issuer[len(abbrev) :]
            if issuer.startswith(abbrev) and len(rest) >= 2 and rest.isupper():
                f["code_notation"] = Field(f"{abbrev}-{rest}", 0.8)
                f["_type_abbrev"] = Field(abbrev, 1.0)
                type_abbrev, issuer, conf = abbrev, rest, 0.8
                break
    if type_abbrev and known_types and type_abbrev not in known_types:
        conf = min(conf, 0.6)
        out.warnings.append(f"“{type_abbrev}” không phải chữ viết tắt loại văn bản trong quy tắc.")
    head_issuer = issuer.split("-")[0]
    single = re.sub(r"(.)\1", r"\1", head_issuer)
    if (
        out.style == PARTY
        and vocab.issuers
        and head_issuer not in vocab.issuers
        and single in vocab.issuers
    ):
        # "CTr/ĐĐU": a letter doubled by OCR in the issuer, as in the type.
        value = f["code_notation"].value.replace(f"/{head_issuer}", f"/{single}", 1)
        f["code_notation"] = Field(value, min(conf, 0.85))
        issuer, conf = issuer.replace(head_issuer, single, 1), min(conf, 0.85)
    if (
        out.style == PARTY
        and vocab.issuers
        and issuer
        and issuer.split("-")[0] not in vocab.issuers
    ):
        # Decided once the issuer is read (``_issuer_abbrev_agrees``).
        f["_unknown_issuer"] = Field(issuer.split("-")[0], 1.0)
    if out.style == PARTY and "QyĐ" in type_abbrev:
        conf = min(conf, 0.5)
    first = re.split(r"[-/]", f["code_notation"].value)[0]
    if re.search(r"\d[^\W\d_]", first):
        # A digit inside an abbreviation's letters is one misread ("T1r"; "QH13" ends on its).
        conf = min(conf, 0.6)
        out.reasons.setdefault(
            "code_notation", f"chữ viết tắt “{first}” có chữ số lẫn giữa chữ cái"
        )
    f["code_notation"] = Field(f["code_notation"].value, conf)


# Letters OCR reads for others in an abbreviation's capitals ("TIr", "VPIW", "TTI").
LOOKS_LIKE = "chữ viết tắt đọc được là “{}”, quy tắc chỉ có “{}” gần giống; hãy so với ảnh trang"
LOOK_ALIKE = {"I": "Trl", "l": "IT", "1": "ITl", "|": "IT", "0": "O", "O": "0Q"}


def _look_alike(abbrev: str, known: Iterable[str]) -> str:
    """The one known abbreviation ``abbrev`` becomes when one letter OCR confuses
    with others is read as one of them; "" when none or more than one."""
    found = {
        abbrev[:i] + other + abbrev[i + 1 :]
        for i, ch in enumerate(abbrev)
        for other in LOOK_ALIKE.get(ch, "")
    } & set(known)
    return next(iter(found)) if len(found) == 1 else ""


NOTATION_CUT = "ký hiệu chỉ có tên loại “{}”, thiếu phần viết tắt cơ quan ban hành sau dấu “-”"


PLACE_NO_DATE = "dòng ngày tháng đọc không được; địa danh lấy từ chữ đứng trước “ngày”"


PLACE_UNCHECKED = (
    "đọc từ ảnh quét; địa danh không thấy trong tên cơ quan ban hành nên không đối chiếu "
    "được, hãy so với ảnh trang"
)
PLACE_NOT_WORDS = "đọc từ ảnh quét; địa danh có chữ không phải âm tiết tiếng Việt"


# A city or town named with its level before its name, written out or abbreviated.
_CITY_LEVEL_WORDS = ("Thành phố", "Thị xã", "Thị trấn")
_CITY_LEVELS = frozenset({"TP.", "TP", "Tp.", "Tp", "TX.", *_CITY_LEVEL_WORDS})


def _place_doubts(out: ParsedHeader, vocab: HeaderVocabulary) -> None:
    """On a scan, a place is sure when the header's own lines name it too ("TỈNH ỦY
    LÀO CAI" over "Lào Cai, ngày …") or the rules and records do; a place OCR may
    have misread ("Tào Cai", "An Nhơh") and nothing confirms goes to a person."""
    place = out.value("place")
    if not isinstance(place, str) or not place:
        return
    named = " ".join(str(out.value(k) or "") for k in ("issuer", "issuer_parent", "organ_name"))
    tokens = place.split()
    drop = _named_from(tokens, [_key(named), *vocab.names])
    if drop is None:
        if all(is_syllable(w) for w in tokens if w != "-"):
            out.doubt("place", 0.88, PLACE_UNCHECKED)
        else:
            out.doubt("place", 0.85, PLACE_NOT_WORDS)
        return
    read = " ".join(tokens[drop:])
    spelt = _as_named(tokens[drop:], named) or read
    for level in _CITY_LEVEL_WORDS:  # a level's second word in lower case
        if spelt.startswith(f"{level.title()} "):
            spelt = level + spelt[len(level) :]
    if " ".join(tokens[:drop]) in _CITY_LEVELS:
        spelt = f"{' '.join(tokens[:drop])} {spelt}"  # "TP. Hồ Chí Minh": its level stays
    if spelt != place:
        # Read as the issuer's line prints it: its capitals are larger and bolder
        # than the place's italics ("Tận Thành" under "XÃ TÂN THÀNH").
        out.fields["place"] = Field(spelt, 0.85)
        out.reasons["place"] = PLACE_AS_NAMED


FIRST_YEAR = 1930  # the Party's founding: no document of these archives is older
MAX_PLACE_SPECKS = 1


# Words a place's name follows in a body's name ("TỈNH ỦY HÒA BÌNH", "XÃ TÂN AN").
PLACE_AFTER = frozenset("UY TINH HUYEN XA PHUONG QUAN THANH PHO THI TRAN KHU BO DANG".split())


def _named_from(tokens: list[str], names: list[str]) -> int | None:
    """How many words OCR read before the place as specks ("Km Hòa Bình", "Tứ Bạc
    Liêu": short or no syllable, before a name of two words or more) when the rest
    is named in ``names`` (keys); None when no name holds it ("Tào Cai" is no speck
    before "Cai")."""
    for drop in range(min(len(tokens), MAX_PLACE_SPECKS + 1)):
        speck = all(len(w) <= 2 or not is_syllable(w) for w in tokens[:drop])
        if drop and (not speck or len(tokens) - drop < 2):
            return None
        key = _key(" ".join(tokens[drop:]))
        for n in names:
            at = f" {n} ".find(f" {key} ")
            if at < 0:
                continue
            # One word is a whole name only after a level's word: "Bình" is half of
            # "… HÒA BÌNH", "Vinh" the whole of "THÀNH PHỐ VINH".
            before = f" {n} "[:at].split()[-1:]
            if len(tokens) - drop > 1 or not before or before[0] in PLACE_AFTER:
                return drop
    return None


PLACE_AS_NAMED = (
    "đọc từ ảnh quét; địa danh lấy theo cách viết trong tên cơ quan ban hành, hãy so với ảnh trang"
)


def _as_named(words: list[str], named: str) -> str:
    """``words`` spelt as the issuer's line spells them, each word capitalised
    ("TÂN THÀNH" → "Tân Thành"); "" when the line does not hold them."""
    key = [_key(w) for w in words]
    names = named.split()
    for i in range(len(names) - len(key) + 1):
        if [_key(w) for w in names[i : i + len(key)]] == key:
            return " ".join(w.capitalize() for w in names[i : i + len(key)])
    return ""


def _place_without_date(out: ParsedHeader, head: list[_Line]) -> None:
    """The place of a date line OCR damaged past reading, not confident."""
    for line in head[:25]:
        m = F_PLACE_BEFORE_DATE.search(line.folded)
        place = _place(line.text[m.start("place") : m.end("place")]) if m else ""
        if m and place:
            line.take(m.end("place") - len(place), m.end())
            out.fields["place"] = Field(place, 0.85)
            out.reasons["place"] = PLACE_NO_DATE
            return


_NUMBERED_PLACE = re.compile(r"(?:Quận|Phường|Q\.|P\.)$")


_LEVEL_GLUED = re.compile(r"\b(TP|Tp|TX|Q|H)\.(?=[^\W\d_])")
_LEVEL_GLUED_SPACED = re.compile(r"^(TP|Tp|TX|Q|H)\. ")


def _place(chunk: str) -> str:
    """The place name at the end of the text before ", ngày": title-case words."""
    glued = _LEVEL_GLUED.search(chunk) is not None  # "TP.Hồ Chí Minh", read as printed
    chunk = _LEVEL_GLUED.sub(r"\1. ", chunk)
    words = [w if w == "-" else w.strip(EDGE_JUNK + ",;:-°").lstrip(".") for w in chunk.split()]
    out: list[str] = []
    words = [w for w in words if w]
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        bare = w.rstrip(".")
        # "Phan Rang-Tháp Chàm": a name's words joined by a dash are each title-case.
        title = all(
            p[:1].isupper() and p.isalpha() and (len(p) == 1 or not p[1:].isupper())
            for p in bare.split("-")
        )
        if (
            not out
            and bare.isdigit()
            and len(bare) <= 2
            and k
            and _NUMBERED_PLACE.match(words[k - 1])
        ):
            out.append(bare)  # "Quận 8", "Phường 3": a city's districts and wards by number
            continue
        if w == "-" and out:
            out.append(w)  # "Phan Rang - Tháp Chàm"
            continue
        if title or w in ("TP.", "Tp.", "TX.", "Q.", "H."):
            out.append(bare if title else w)
            continue
        break
    while out and out[-1] == "-":
        out.pop()
    # A city or town named with its level: "Thành phố Hồ Chí Minh", "TP Hồ Chí Minh".
    k = len(words) - len(out)
    if out and k >= 1 and words[k - 1] in ("TP", "Tp"):
        out.append(words[k - 1])
    elif out and k >= 2 and " ".join(words[k - 2 : k]) in _CITY_LEVEL_WORDS:
        out += [words[k - 1], words[k - 2]]
    place = " ".join(reversed(out))
    return _LEVEL_GLUED_SPACED.sub(r"\1.", place, count=1) if glued else place


def _marks(key: str) -> tuple[int, int, bool]:
    """Secrecy and urgency from a folded line made only of marks."""
    rest, sec, urg = f" {' '.join(re.sub(r'[^A-Z ]', ' ', key).split())} ", 0, 0
    for word, level in SECRECY_MARKS.items():
        if f" {word} " in rest:
            sec = max(sec, level)
            rest = rest.replace(f" {word} ", " ", 1)
    for word, level in URGENCY_MARKS.items():
        if f" {word} " in rest:
            urg = max(urg, level)
            rest = rest.replace(f" {word} ", " ", 1)
    rest = re.sub(r"[^A-Z]", "", rest.replace("DO", ""))
    # A scan's stamp box or speck read as a letter or two beside the mark ("TỐI MẬT ác").
    if len(rest) > STAMP_NOISE:
        return 0, 0, False
    return sec, urg, bool(sec or urg)


def _stamp_before_specks(text: str) -> str:
    """The words in capitals a line opens with, when every word after them is in
    lower or mixed case (specks OCR read beside a stamp); else ""."""
    words = text.split()
    k = next((i for i, w in enumerate(words) if not w.isupper()), len(words))
    if not 0 < k < len(words) or any(w.isupper() and len(w) > 1 for w in words[k:]):
        return ""
    return " ".join(words[:k])


def _marks_exact(text: str) -> bool:
    words = (
        set(SECRECY_WORDS.values())
        | set(URGENCY_WORDS.values())
        | {"HOẢ TỐC", "ĐỘ", "MẬT:", "KHẨN:"}
    )
    return all(w in words or any(w in x.split() for x in words) for w in nfc(text).upper().split())


def _type_and_subject(
    out: ParsedHeader,
    head: list[_Line],
    vocab: HeaderVocabulary,
    start: int,
    symbol_at: int | None,
    date_at: int | None,
) -> int | None:
    f = out.fields
    abbrev = f["_type_abbrev"].value if "_type_abbrev" in f else ""
    # A công văn: "V/v …" under the number.
    vv_from = symbol_at if symbol_at is not None else start
    cv = next((t for t in vocab.types if _key(t.name) == "CONG VAN"), None)
    # The symbol says công văn (State: no type; Party: CV): OCR may have lost the
    # slash of "V/v" ("VA đôn đốc", "Vý tăng cường").
    cong_van = symbol_at is not None and (abbrev == "" or (cv is not None and abbrev == cv.abbrev))
    for idx in range(vv_from, min(len(head), vv_from + 7)):
        line = head[idx]
        rest = line.rest().lstrip(EDGE_JUNK + ".,;:-")
        m = F_VV.match(fold(rest))
        # A misread "V/v" is taken where the number says công văn, or where
        # "Kính gửi" follows close below (the number itself may be misread).
        loose = None if m else F_VV_LOOSE.match(fold(rest))
        below = head[idx + 1 : idx + 1 + VV_TO_DEAR]
        if loose and not cong_van and _dear_below(below, specks=EDGE_JUNK + ".,;:-") is None:
            loose = None
        if loose and rest.startswith(("Về ", "Văn ")):
            loose = None
        m = m or loose
        if m and any(
            _is_upper(h.rest()) and _type_line(h.rest(), vocab) for h in head[vv_from:idx]
        ):
            break  # "QUYẾT ĐỊNH" / "V/V CÔNG BỐ …": the type's trích yếu, written as a letter's
        if m:
            parts = [rest]
            # The V/v block ends at "Kính gửi" when that follows close below: every
            # line before it is the subject's, even one opening with a capital.
            # "Kính gửi" as printed here, not after a speck: a ghost line OCR read twice
            # after a blank ("hội viên kaU, 2022" above "-_ Kính gửi") is not taken in.
            dear = _dear_below(below)
            for k, nxt in enumerate(below):
                r = nxt.rest()
                if dear is not None and k < dear:
                    # A blank line or a speck line OCR put inside it ("n") is not the end.
                    speck_line = all(_speck_word(w) for w in r.strip(EDGE_JUNK + ".,;:").split())
                    if _BODY_OPENS.match(fold(r.strip(EDGE_JUNK + ".,;:"))):
                        break  # "Nơi nhận" OCR put above "Kính gửi": the subject is over
                    if r and not SEPARATOR.match(r) and not speck_line:
                        parts.append(r)
                        nxt.take(0, len(nxt.text))
                    continue
                if dear is not None or not r or SEPARATOR.match(r) or _cue(r) or _is_upper(r):
                    break
                parts.append(r)
                nxt.take(0, len(nxt.text))
            line.take(0, len(line.text))
            subject = " ".join(parts)
            # The recipients line may be glued on ("… 2025 ___ Kính gửi: …").
            cut = re.search(r"\bKinh gui\b", fold(subject))
            if cut:
                subject = subject[: cut.start()]
            subject = " ".join(
                w for w in subject[m.end() :].split() if not LONE_MARKS_RUN.fullmatch(w)
            )
            subject = _clean_subject("V/v " + subject)
            f["subject"] = Field(
                subject, 0.95 if rest.startswith("V/v") else (0.85 if loose else 0.9)
            )
            conf = 0.97 if (not abbrev or abbrev == getattr(cv, "abbrev", None)) else 0.7
            if loose and not cong_van:
                conf = min(conf, 0.85)  # a misread "V/v" the number did not back
            f["type_name"] = Field("Công văn", conf if cv else 0.9)
            if cv:
                f["doc_type"] = Field(cv.pk, conf)
            return idx
    # Otherwise the type name on a line of its own, the subject below it; on a
    # scan OCR may put the number line below it (a State header's two columns read
    # one after the other), so the lines between the date and the number come last.
    first = min((i for i in (symbol_at, date_at) if i is not None), default=start)
    for idx in [*range(start, min(len(head), start + 12)), *range(first, start)]:
        line = head[idx]
        rest = line.rest().strip(EDGE_JUNK + ".,;:-")
        # A type qualified in brackets: "QUY ĐỊNH (BỔ SUNG)", "QUYẾT ĐỊNH (SỬA ĐỔI)".
        printed, rest = rest, (_QUALIFIED.sub("", rest) if _QUALIFIED.search(rest) else rest)
        specks = _speck_trimmed(rest)  # a scan's "âm. NGHỊ QUYẾT", "CHỈ THỊ ma"
        if not specks or not _is_upper(specks):
            continue
        letters, whole = _letters_only(specks), _letters_only(rest)
        # OCR may part a word's last letter from it ("CHƯƠN G TRÌNH", "HƯỚN G DẪN"), or
        # misread, drop or add one ("BÁO GÁO", "NGHỊQUYT", "KẾ Ế HOẠCH", "BÁO CÁO X").
        t = (
            vocab.type_by_name(letters)
            or (vocab.type_by_name(whole) if _is_upper(whole) else None)  # "Kế HOẠCH"
            or vocab.type_by_name(LONE_LAST_LETTER.sub("", letters))
            or _type_one_letter_off(letters, vocab)
        )
        opening = ""
        if t is None:
            # "QUY CHẾ LÀM VIỆC" / "CỦA …", "HƯỚNG DẪN VỀ THỂ THỨC VĂN BẢN CỦA ĐẢNG": the
            # type, then its trích yếu goes on from the same line (its own "CỦA …" too).
            whole_line = _speck_trimmed(printed)
            if opens := _type_opening(whole_line, vocab):
                t, opening = opens, " ".join(whole_line.split()[len(opens.name.split()) :])
        if t is None:
            continue
        exact = nfc(letters).upper() == t.name.upper() and specks == rest
        conf = (0.99 if letters == rest else 0.95) if exact else (0.95 if opening else 0.88)
        if abbrev and t.abbrev and abbrev != t.abbrev and exact and _symbol_type_misread(out, t):
            # "1050/TT-UBND" under "TỜ TRÌNH", "07/CTI-TIg" under "CHỈ THỊ": a whole
            # line of capitals is read more surely than two or three letters of the
            # number, and the two are one letter apart. Both still go to a person.
            conf, abbrev = 0.85, t.abbrev
        elif abbrev and t.abbrev and abbrev != t.abbrev:
            conf = 0.6
            out.warnings.append(f"Tên loại “{t.name}” không khớp ký hiệu “{abbrev}”.")
            out.reasons["type_name"] = out.reasons["doc_type"] = (
                f"tên loại “{t.name}” không khớp ký hiệu “{abbrev}” trong số văn bản"
            )
            # One of the two is misread ("TTr" read "TT" under "TỜ TRÌNH"): both go to a person.
            out.doubt(
                "code_notation",
                0.6,
                f"ký hiệu “{abbrev}” không khớp tên loại “{t.name}” in trên văn bản",
            )
        f["type_name"] = Field(t.name, conf)
        if t.pk is not None:
            f["doc_type"] = Field(t.pk, conf)
        line.take(0, len(line.text))
        _type_read_twice(head[idx + 1 : idx + 7], t.name)
        ruled = _ruled_block(head[idx + 1 : idx + 9])
        by = _authority(head[:idx])
        parts, how = (
            _subject_lines(ruled, ruled=True)
            if ruled
            else _subject_lines(head[idx + 1 : idx + 9], authority=by)
        )
        if opening:
            below_caps = bool(parts) and _is_upper(" ".join(parts))
            parts, how = ([opening, *parts], how) if below_caps else ([opening], "separator")
        if parts:
            # A trích yếu has no full stop; one at the end is OCR noise.
            f["subject"] = Field(_clean_subject(" ".join(parts)), SUBJECT_END[how])
            if how in SUBJECT_END_WHY:
                out.reasons["subject"] = SUBJECT_END_WHY[how]
        return idx
    # No type line: the symbol's abbreviation may still tell the type.
    if abbrev:
        candidates = vocab.type_by_abbrev(abbrev)
        if len(candidates) == 1:
            f["type_name"] = Field(candidates[0].name, 0.8)
            if candidates[0].pk is not None:
                f["doc_type"] = Field(candidates[0].pk, 0.8)
    if "subject" not in f:
        last = max((i for i in (symbol_at, date_at) if i is not None), default=start - 1)
        _subject_without_type_line(out, head, last + 1)
    return None


def _type_line(text: str, vocab: HeaderVocabulary) -> bool:
    """Is this line a type's name alone ("QUYẾT ĐỊNH"), but for "Công văn"?"""
    t = vocab.type_by_name(_letters_only(text.strip(EDGE_JUNK + ".,;:-")))
    return t is not None and _key(t.name) != "CONG VAN"


def _type_opening(line: str, vocab: HeaderVocabulary):
    """The type a line in capitals opens with, when its trích yếu goes on after it on
    the same line ("QUY CHẾ LÀM VIỆC", "HƯỚNG DẪN VỀ THỂ THỨC VĂN BẢN"): two words or
    more after the type's name, none of them a sentence's."""
    words = line.split()
    names = [_key(t.name) for t in vocab.types]
    for t in sorted(vocab.types, key=lambda t: -len(t.name)):
        n = len(t.name.split())
        # "THÔNG TƯ LIÊN …" opens a longer type's name (a misread "THÔNG TƯ LIÊN TỊCH").
        longer = _key(" ".join(words[: n + 1]))
        if any(k.startswith(longer + " ") or k == longer for k in names):
            continue
        if len(words) >= n + 2 and _key(" ".join(words[:n])) == _key(t.name):
            if all(is_syllable(w.lower().strip(",;")) or w.isdigit() for w in words[n:]):
                return t
    return None


_QUALIFIED = re.compile(
    r"(?<=\w)\s*\((?:BỔ SUNG|SỬA ĐỔI|SỬA ĐỔI, BỔ SUNG|DỰ THẢO|TÓM TẮT)\)$"
    # a type named with its body: "KẾT LUẬN CỦA BỘ CHÍNH TRỊ", "NGHỊ QUYẾT CỦA HĐND TỈNH …"
    r"|(?<=[A-ZĐÀ-Ỹ])\s+CỦA(?:\s+[A-ZĐÀ-Ỹ]+){1,8}$"
)


def _symbol_type_misread(out: ParsedHeader, t) -> bool:
    """Is the number's type abbreviation, as OCR read it or as the rules' look-alikes
    made it, one letter from that of the type line ``t`` above the subject? Then the
    number takes the type line's abbreviation, with a reason, and is not confident."""
    f = out.fields
    notation = f["code_notation"].value
    read = {f["_type_abbrev"].value, f["_type_read"].value if "_type_read" in f else ""}
    if not any(a and _one_edit(a, t.abbrev) for a in read):
        return False
    current = f["_type_abbrev"].value
    if not notation.startswith(current):
        return False
    f["code_notation"] = Field(t.abbrev + notation[len(current) :], 0.85)
    f["_type_abbrev"] = Field(t.abbrev, 1.0)
    out.reasons["code_notation"] = (
        f"ký hiệu đọc được là “{current}”, tên loại in trên văn bản là “{t.name}” "
        f"(“{t.abbrev}”); hãy so với ảnh trang"
    )
    return True


def _dear_below(lines: list[_Line], *, specks: str = "") -> int | None:
    """Where "Kính gửi" opens one of these lines (after ``specks``), if one does."""
    return next(
        (
            k
            for k, line in enumerate(lines)
            if fold(line.rest().lstrip(specks)).startswith("Kinh gui")
        ),
        None,
    )


def _subject_without_type_line(out: ParsedHeader, head: list[_Line], after: int) -> None:
    """A trích yếu opening with "Về" under the number when OCR lost the type line
    above it (the number told the type): never confident, and says why."""
    for idx in range(after, min(len(head), after + SUBJECT_SEARCH)):
        folded = fold(head[idx].rest().strip(EDGE_JUNK + ".,;:-"))
        if _BODY_OPENS.match(folded):
            return
        if not re.match(r"(?i)ve\s+\w", folded):
            continue
        parts, _ = _subject_lines(head[idx : idx + 8])
        if parts:
            out.fields["subject"] = Field(_clean_subject(" ".join(parts)), 0.6)
            out.reasons["subject"] = (
                "không đọc được dòng tên loại; trích yếu lấy từ dòng “Về …” dưới số văn bản"
            )
        return


SUBJECT_SEARCH = 6  # lines under the number and date where a trích yếu may start


def _type_one_letter_off(letters: str, vocab: HeaderVocabulary):
    """The one type of the rules whose name (six letters or more) is one letter off
    the line's, spaces aside; None when none or several are."""
    read = fold(letters).upper().replace(" ", "")
    near = [
        t
        for t in vocab.types
        if len(key := fold(t.name).upper().replace(" ", "")) >= 6 and _one_edit(read, key)
    ]
    return near[0] if len({t.name for t in near}) == 1 else None


LONE_LAST_LETTER = re.compile(r"(?<=\w\w) (?=\w(?:\s|$))")


def _subject_in_capitals_read_as_text(out: ParsedHeader) -> None:
    """A scanned trích yếu in capitals is running text all the same: its marks are
    weighed with the dictionary as a lower-case one's are ("VỀ THẤM QUYỀN" → "VỀ
    THẨM QUYỀN", "PHƯỜNG THỨC" → "PHƯƠNG THỨC")."""
    f = out.fields
    subject = f.get("subject")
    if subject is None or not subject.value:
        return
    corrector = _corrector((), dictionary=True)
    if not _is_upper(subject.value):
        # Read again whole: a word pair broken over two lines ("… kỷ luật đẳng" /
        # "viên …") was corrected line by line, each half without the other.
        read = corrector.correct(subject.value)
    else:
        read = corrector.correct(subject.value.lower()).upper()
    # Its last word cut at the line's end ("… CỦA ĐẢN", "tài chính đản"), as a name's is.
    f["subject"] = Field(_cut_at_edge(read, corrector.bigrams), subject.confidence)


def _letters_only(text: str) -> str:
    """A type line's words without marks, digits or specks ("BÁO CÁO _. 7" → "BÁO CÁO")."""
    return " ".join(re.sub(r"[^\w\s]|\d|_", " ", text).split())


def _type_read_twice(lines: list[_Line], name: str) -> None:
    """The type line read a second time right under itself, with other marks ("BẢO
    CÁO" / "BÁO CÁO"), is no trích yếu: it is taken with the type."""
    for line in lines:
        rest = line.rest()
        if not rest:
            continue
        letters = _letters_only(_speck_trimmed(rest))
        if letters and fold(letters) == fold(name.upper()):
            line.take(0, len(line.text))
            return
        if not (_is_upper(rest) and len(rest.split()) <= 3):
            return  # a stamp OCR could not read ("| TUYẾỆT MẬT |") may stand between


# How sure a subject is, by what ended it.
SUBJECT_END = {
    "separator": 0.96,
    "blank": 0.94,
    "cue": 0.93,
    "punct": 0.85,
    "sentence": 0.85,
    "limit": 0.8,
}
SUBJECT_END_WHY = {
    "limit": "không thấy chỗ trích yếu kết thúc (không có đường kẻ hay dòng trống bên dưới)",
    # A trích yếu has no full stop: one ending the block is a body sentence's.
    "punct": (
        "trích yếu kết thúc bằng dấu chấm như một câu văn: có thể đã lẫn câu đầu của nội dung"
    ),
    "sentence": (
        "sau trích yếu là một câu kết thúc bằng dấu chấm, đã coi là câu đầu của nội dung; "
        "hãy xem trích yếu có bị cắt thiếu không"
    ),
}


# The one-letter words a trích yếu uses ("ý kiến", "Sở Y tế", "ở cơ sở", "châu Á",
# "ô nhiễm"), and Roman numerals ("quý I", "khóa X"); any other lone letter in one is
# a speck OCR read.
ONE_LETTER_WORDS = frozenset("ýyởáôà")


def _speck_trimmed(text: str) -> str:
    """A line without the short lower-case pieces OCR reads from specks at its ends."""
    tokens = text.split()
    while tokens and len(tokens[0]) <= 3 and not _is_upper(tokens[0]):
        tokens.pop(0)
    while tokens and len(tokens[-1]) <= 3 and not _is_upper(tokens[-1]):
        tokens.pop()
    return " ".join(tokens).strip(EDGE_JUNK + ".,;:-")


def _clean_subject(text: str) -> str:
    """Specks OCR leaves in a trích yếu: lone marks and letters, a dot inside it,
    spaces lost around a year ("năm2022", "2021- 2025")."""
    text = re.sub(rf"(?<=[^\W\d_])(?={YEAR}\b)", " ", text)
    text = re.sub(rf"(?<=\d) -(?={YEAR}\b)|(?<=\d)- (?={YEAR}\b)", " - ", text)
    text = re.sub(rf"\b({YEAR}) (?={YEAR}\b)", r"\1 - ", text)  # "2021 2025": the dash lost
    words = text.split()
    if len(words) >= 3 and re.fullmatch(YEAR, words[-2]) and words[-1].istitle():
        words.pop()  # one capitalised word after the year that ends it: "… năm 2016 Thiện"

    out: list[str] = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        prev = out[-1] if out else ""
        # A dash stands between two numbers ("2021 - 2025") or two words ("kinh tế -
        # kỹ thuật"); elsewhere it is a speck.
        dash_between_numbers = w == "-" and (
            (prev[-1:].isdigit() and nxt[:1].isdigit())
            or (
                prev.isalpha()
                and nxt.isalpha()
                and len(prev) >= 2
                and len(nxt) >= 2
                and not _one_word(prev, nxt)  # "định - kỳ": a speck inside "định kỳ"
                and not {prev.lower(), nxt.lower()} & _OPEN_ENDS  # "Thường trực - về"
                and not _open_end(" ".join(out))  # "đồng chí - Phan Bá Khải"
            )
        )
        core = w.strip(SPECK_MARKS)
        if (re.fullmatch(r"(?:[^\w\s]|_)+", w) and not dash_between_numbers) or (
            len(core) == 1
            and core.isalpha()
            and core.lower() not in ONE_LETTER_WORDS
            and core not in "IVX"
            and not (core in _CLASS_LETTERS and prev.lower() in _LETTERED)
        ):
            continue  # a speck read as a lone letter ("thực phẩm Ề giai đoạn", "bản ĩ sắc", "=ẽ")
        if w.endswith(".") and (nxt[:1].islower() or _words_go_on(w[:-1], nxt)):
            w = w.rstrip(".")
        # A full stop between two words is a speck ("TỔ CHỨC.BỘ MÁY", "2021 -.2025").
        w = re.sub(r"(?<=[^\W\d_]{2})\.(?=[^\W\d_]{2}|[^\W\d_]$)", " ", w)  # "lấy.ý"
        w = re.sub(r"^-\.(?=\d)", "- ", w)
        out.extend(w.split())
    # Specks read at its end as a short piece that is no word ("… THAM MƯU Ji").
    while out and _speck_word(out[-1]):
        out.pop()
    return " ".join(out).rstrip(" .,;:-" + EDGE_JUNK)


# A class named by a capital letter ("cúm A", "nhóm B", "khu C") is no speck.
_CLASS_LETTERS = frozenset("ABCDEFGHK")
_LETTERED = frozenset(
    "cúm nhóm loại khối hạng khu tổ đội mục điểm phần lớp tuyến gói phụ lục".split()
)


# Marks OCR reads from specks: standing alone between a subject's words they go; at
# a word's edges (with "=", "+", "^") they are not part of it.
LONE_MARKS = ".,;:'`_|~*\"“”‘’»«•"
LONE_MARKS_RUN = re.compile(f"[{re.escape(LONE_MARKS)}]+")
SPECK_MARKS = LONE_MARKS + "=+^"


def _one_word(first: str, second: str) -> bool:
    """Two syllables that spell one word of the dictionary ("định kỳ", "quốc phòng")."""
    pair = (first.lower(), second.lower())
    return pair in dictionary_words().get((fold(pair[0]), fold(pair[1])), ())


def _words_go_on(word: str, nxt: str) -> bool:
    """Two syllables in capitals around a full stop: a trích yếu in capitals goes on."""
    return word.isupper() and nxt.isupper() and is_syllable(word) and is_syllable(nxt.strip(","))


VV_TO_DEAR = 10  # lines under "V/v" down to "Kính gửi", OCR's blank and speck lines too


def _speck_word(word: str) -> bool:
    """A piece of one or two letters with no capitals throughout that is no syllable
    ("Ji", "ẽ"): not an abbreviation ("UBND"), not a word ("ở")."""
    core = word.strip(SPECK_MARKS)
    return 0 < len(core) <= 2 and core.isalpha() and not core.isupper() and not is_syllable(core)


YEAR = r"(?:19|20)[0-9]{2}"  # a year a trích yếu names ("… đến năm" / "2030")


def _continues_after_blank(lines: list[_Line], blank: _Line, above: str) -> bool:
    """After a blank line, a short line in lower case (or a year) still belongs to
    the subject: the body starts with a capital."""
    after = lines[lines.index(blank) + 1 :]
    nxt = _first_word_case_misread(next((_subject_text(x) for x in after if x.text.strip()), ""))
    year = re.fullmatch(rf"(?:-\s*)?{YEAR}", nxt) is not None  # "… năm" / "2030", "2021" / "- 2025"
    first = (nxt.split() or [""])[0]
    if CLOSING_YEAR.search(above) and first not in AFTER_YEAR and not first.startswith("-"):
        return False  # "… năm 2016" and a blank line: ended, but for "của …" (whose year)
    if _word_cut_at_start(nxt):  # a body line's piece ("ựng kế hoạch cụ thể, phân")
        return _rejoins(above, nxt)  # or a word cut at the end of the line above
    if nxt and _open_end(above) and not _cue(nxt):
        return True  # "… khen thưởng đồng chí" / "Lê Thế Duyên …": no phrase ends so
    if _is_upper(above) and _is_upper(nxt) and first.lower() in _OPEN_ENDS:
        return True  # "… DỰ ÁN 3" / "VÀ DỰ ÁN 4 CỦA …": no line in capitals opens so
    return bool(nxt) and len(nxt) <= 30 and (nxt[:1].islower() or year)


# A trích yếu that ends on its year ("… năm 2016") has ended; a range goes on ("- 2025").
CLOSING_YEAR = re.compile(rf"\bn[aăâ]m\s+{YEAR}\s*$", re.IGNORECASE)
AFTER_YEAR = frozenset("của và tại trên theo đối với cho".split())


# Body openings that never open a trích yếu.
_NOT_SUBJECT = re.compile(
    r"(?:Can cu|Kinh gui|Noi nhan|Hom nay|Xet|Theo|Dieu|Phan|Vua qua|Thoi gian qua|Sau khi)(?!\w)"
    r"|(?:[IVX]+|[0-9]+|[a-z])[.)]\s|[-+•]"
)


def _subject_may_open(text: str) -> bool:
    return not _NOT_SUBJECT.match(fold(text))


# Words a line of a trích yếu cannot end on: the phrase goes on below, even when
# the next line starts with a capital (a person's or a body's name).
# With their marks: folded, "điện tử" would end on "từ".
_OPEN_ENDS = frozenset(
    "của và về cho với tại các những trong đến từ đối thuộc giữa theo là ở hoặc ông bà "
    "hành lập nhiệm".split()
)


def _sentence_opens(line: str) -> bool:
    """Does the line open a sentence ("Văn bản này …", "Các cơ quan …"), not a name
    ("Phan Văn Phúc", "Trần Đức Sang")? A capital, then a word in lower case, and
    the first word no family name."""
    words = line.split()
    return (
        len(words) >= 2 and words[0].istitle() and words[1].islower() and words[0] not in SURNAMES
    )


def _last_words(text: str) -> list[str]:
    """The line's words in lower case, a speck after them gone ("đồng chí -")."""
    return nfc(text).lower().rstrip(" -–_:;,").split()


def _after_comrade(text: str) -> bool:
    """Does the line end on "đồng chí", which a person's name follows?"""
    return _last_words(text)[-2:] == ["đồng", "chí"]


def _open_end(text: str) -> bool:
    """Does the line end where no trích yếu ends: on a joining word, after "đồng chí",
    or on a comma ("… GIỮA CÁC CHƯƠNG TRÌNH," and a blank line OCR put in)?"""
    words = _last_words(text)
    comma = text.rstrip(EDGE_JUNK + " :").endswith(",")
    return bool(words) and (words[-1] in _OPEN_ENDS or _after_comrade(text) or comma)


def _wrapped(parts: list[str], line: str) -> bool:
    """The line goes on a narrow block: its first word would not have fitted at the
    end of the line above within the block's width, and it is no wider itself
    ("Về việc thành lập Ban" / "Chỉ đạo phát triển")."""
    widest = max(len(p) for p in parts)
    first = line.split()[0] if line.split() else ""
    return len(parts[-1]) + 1 + len(first) > widest and len(line) <= widest + 3


def _rule_below(lines: list[_Line], line: _Line) -> bool:
    """The rule printed under a trích yếu comes right after this line."""
    after = lines[lines.index(line) + 1 : lines.index(line) + 2]
    return bool(after) and bool(SEPARATOR.match(after[0].text.strip()))


# Openings of a body's lines, never of a trích yếu's continuation.
_BODY_OPENS = re.compile(r"(?:Can cu|Kinh gui|Noi nhan|Hom nay|Dieu [0-9])(?!\w)")


def _ruled_block(lines: list[_Line]) -> list[_Line]:
    """The lines down to the rule printed under a trích yếu (NĐ 30/2020, 36-HD/VPTW),
    when it is close below and what stands above it reads as a trích yếu: one to
    five lines, none a body's opening nor ending a sentence before the last."""
    at = next((k for k, line in enumerate(lines[:7]) if SEPARATOR.match(line.text.strip())), None)
    if at is None:
        return []
    block = [line for line in lines[:at] if line.rest().strip(EDGE_JUNK)]
    if not 1 <= len(block) <= 5:
        return []
    if any(line.rest().rstrip().endswith((".", ";")) for line in block[:-1]):
        return []
    if any(_BODY_OPENS.match(fold(line.rest().strip(EDGE_JUNK))) for line in block):
        return []
    return lines[: at + 1]


# Who issues a decision, as its line under the trích yếu names them: the head of a
# body ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", "BỘ TRƯỞNG BỘ TÀI CHÍNH") or its standing
# committee ("BAN THƯỜNG VỤ TỈNH ỦY"), or the body itself (NĐ 30/2020 Appendix I,
# "THẨM QUYỀN BAN HÀNH"; 36-HD/VPTW).
_COLLECTIVE = tuple(
    fold(w).upper()
    for w in (
        "BAN THƯỜNG VỤ", "BAN CHẤP HÀNH", "BAN THƯỜNG TRỰC", "THƯỜNG TRỰC", "ĐOÀN CHỦ TỊCH",
        "BAN BÍ THƯ", "BỘ CHÍNH TRỊ",
    )
)  # fmt: skip
_AUTHORITY_HEADS = tuple(
    f"{fold(w).upper()} "
    for w in (
        "CHỦ TỊCH", "BỘ TRƯỞNG", "THỦ TƯỚNG", "GIÁM ĐỐC", "TRƯỞNG BAN", "CHÁNH VĂN PHÒNG",
        "CỤC TRƯỞNG", "TỔNG CỤC TRƯỞNG", "VIỆN TRƯỞNG", "HIỆU TRƯỞNG", "CHỦ NHIỆM",
        "TỔNG GIÁM ĐỐC", *_COLLECTIVE,
    )
)  # fmt: skip


def _authority(above: list[_Line]):
    """A test of a line in capitals under a trích yếu: does it name who issues the
    document, as the header above names them ("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU" under
    "ỦY BAN NHÂN DÂN" / "TỈNH LAI CHÂU")? Its words after the head's title stand so
    in the header; a title alone names a standing committee ("BAN THƯỜNG VỤ")."""
    # Read without spaces: columns the text layer glued ("… VIỆT NAMCỘNG HÒA …").
    printed = "".join(_key(x.text).replace(" ", "") for x in above)

    def names(line: str) -> bool:
        key = _key(line).strip(" :")
        rest = key
        for head in _AUTHORITY_HEADS:
            if f"{key} ".startswith(head):
                rest = key[len(head) :].strip()
                break
        if not rest:
            return key in _COLLECTIVE
        return len(rest.split()) >= 2 and rest.replace(" ", "") in printed

    return names


def _subject_lines(
    lines: list[_Line], *, ruled: bool = False, authority=None
) -> tuple[list[str], str]:
    """The lines of a trích yếu below the type name, and what ended it. ``ruled``:
    the lines run down to the rule under the trích yếu, every one of them its own.
    ``authority``: tells a line naming who issues the document, which the body's
    grounds ("Căn cứ …") follow; it ends a trích yếu in capitals."""
    parts: list[str] = []
    caps = False
    capital_at: int | None = None  # the first line after the first that opened with a capital
    for nxt in lines:
        raw = nxt.text.strip()
        if parts and SEPARATOR.match(raw):
            return parts, "separator"
        r = _subject_text(nxt)
        if parts and not caps:
            r = _first_word_case_misread(r)
        # A line of digits is a page number, unless the subject broke before a year
        # ("… đến năm" / "2030") or inside "2021 -" / "2025".
        year = bool(re.fullmatch(YEAR, r))
        year_only = bool(re.fullmatch(rf"{YEAR}(?:\s*-\s*{YEAR})?", r)) or (
            bool(parts) and _figures_go_on(parts[-1], r)
        )
        page_number = r.isdigit() and not (parts and (parts[-1].endswith("-") or year))
        if not r or page_number:
            if ruled:
                continue  # a blank or a speck line OCR put inside it
            if parts and (raw == "" or page_number):
                ended = parts[-1].endswith((".", ":", ";"))
                if raw == "" and not ended and _continues_after_blank(lines, nxt, parts[-1]):
                    continue  # OCR put a blank line inside the subject
                return parts, "blank"
            continue
        if ruled:
            # Down to the rule, every line is the trích yếu's; one in capitals has no
            # sentence in it ("… BAN BÍ" / "THƯ VỚI …" opens with a capital all the same).
            caps = caps or (not parts and _is_upper(r))
        elif not parts:
            # The line under the type name is the trích yếu, even when it opens
            # with a word a body also opens with ("Thực hiện …"); in capitals
            # ("VỀ …", a law's name) it goes on in capitals.
            caps = _is_upper(r)
            if not caps and _cue(r) and not _subject_may_open(r):
                return parts, "cue"
        elif caps:
            if _conference_about(parts, r):
                caps = False  # "HỘI NGHỊ LẦN THỨ BẢY …" / "về …": goes on in sentence case
            # A year goes on a line of its own ("… NĂM" / "2023", "GIAI ĐOẠN" / "2012-2015").
            elif not (_is_upper(r) or year_only) or _cue(r):
                return parts, "cue"
            if authority is not None and _issued_by(lines, nxt, parts, authority):
                return parts, "cue"
            if len(parts) >= 4 and not _paragraph_goes_on(parts):
                return parts, "limit"
        else:
            # A word a body opens with ("Ngày …") goes on a wrapped narrow block.
            weak_cue = _wrapped(parts, r) and not _BODY_OPENS.match(fold(r))
            if (_cue(r) and not weak_cue) or _is_upper(r):
                return parts, "cue"
            # A line far longer than the subject's own is the body's, even in lower
            # case (OCR lost the start of a body line: "bộ phận tham mưu theo dõi …").
            if _body_wide(parts, r) and not _open_end(parts[-1]):
                return parts, "cue"
            # A wrapped subject goes on in lower case; a capital starts the body,
            # unless the line above was full (wrapped) and this one is short, or
            # it ended on a word that cannot end a phrase ("… đồng chí" / "Lê Văn A").
            # "… 2021" / "- 2025": a range broken at its dash.
            year_range = bool(re.match(r"-\s*\d", r)) and parts[-1][-1:].isdigit()
            capital = not (r[:1].islower() or r[:1].isdigit() or year_range)
            if _after_comrade(parts[-1]) and _sentence_opens(r):
                return parts, "cue"  # "… đồng chí" / "Văn bản này …": the name was lost
            if _word_cut_at_start(r):
                if not _rejoins(parts[-1], r):
                    return parts, "cue"  # "ựng kế hoạch cụ thể, phân": a body line's piece
                # "… trong lĩn" / "h vực văn thư": one word OCR cut at the line's end.
                first, _, r = r.partition(" ")
                parts[-1] += first
                if not r:
                    nxt.take(0, len(nxt.text))
                    continue
            if capital and _word_cut_at_end(r) and not _open_end(parts[-1]):
                return parts, "cue"  # "Kinh phí bảo đảm từ n" / "guồn …": a body's line
            if (
                capital
                and not (len(parts[-1]) >= 40 and len(r) <= len(parts[-1]) + 3)
                and not _wrapped(parts, r)
                and not (_open_end(parts[-1]) or _rule_below(lines, nxt))
            ):
                return parts, "cue"
            if len(parts) >= 4:
                return parts, "limit"
        if parts and _read_again_below(lines, nxt, r):
            nxt.take(0, len(nxt.text))  # OCR read the line's start twice ("TÁC TỔ CHỨC")
            continue
        if r.endswith((".", ":")) and _goes_on(lines, nxt, caps, [*parts, r]):
            r = r.rstrip(".: ")  # a speck read as a full stop: the next line goes on
        # A name under "… đồng chí" opens with a capital and opens no sentence.
        if (
            parts
            and not caps
            and r[:1].isupper()
            and capital_at is None
            and not _open_end(parts[-1])
        ):
            capital_at = len(parts)
        parts.append(r)
        nxt.take(0, len(nxt.text))
        if r.endswith((".", ":", ";")) and not (caps and r.endswith(";")):
            # In capitals a semicolon parts a trích yếu's items ("… THÀNH PHỐ;" / "UBND
            # XÃ, …"), and its full stop is the trích yếu's own: no body opens in capitals.
            if caps and r.endswith("."):
                return parts, "cue"
            if capital_at is not None:
                # A sentence that ends with a full stop began at the line that opened
                # with a capital: the body's first sentence, not the trích yếu's.
                return parts[:capital_at], "sentence"
            return parts, "punct"
    return parts, "limit"


def _text_below(lines: list[_Line], line: _Line) -> str:
    """The trích yếu's text of the next line that holds any (``_subject_text``)."""
    after = lines[lines.index(line) + 1 :]
    return next((_subject_text(x) for x in after if x.rest().strip()), "")


def _read_again_below(lines: list[_Line], line: _Line, text: str) -> bool:
    """Is this line of two words or more the start of the next one, read again ("TÁC
    TỔ CHỨC" over "TÁC TỔ CHÚC BẦU CỬ …", as OCR reads a line in two pieces)?"""
    nxt = _text_below(lines, line)
    here = _key(text).split()
    return len(here) >= 2 and _key(nxt).split()[: len(here)] == here and len(nxt) > len(text)


CAPS_LINES_MOST = 8  # a trích yếu in capitals wrapped as one long paragraph


def _paragraph_goes_on(parts: list[str]) -> bool:
    """Past four lines, a trích yếu in capitals goes on while each line is full: one
    long paragraph wrapped at the page's width (a decision naming the decree it
    carries out, with its date and issuer), whose last line is the shorter."""
    widest = max(len(p) for p in parts)
    return len(parts) < CAPS_LINES_MOST and len(parts[-1]) >= 0.85 * widest


def _figures_go_on(above: str, line: str) -> bool:
    """A line of figures only that carries on the one above: a date after "NGÀY"
    ("… CHỈ THỊ SỐ 37-CT/TW NGÀY" / "03/9/2019"), the rest of a range in brackets
    ("(09/7/1912" / "- 09/7/2012)")."""
    if not re.fullmatch(r"[-–\d/.,()\s]+", line) or not re.search(r"\d", line):
        return False
    last = _key(above).split()[-1:] or [""]
    return (
        last[0] in ("NGAY", "NAM", "DOAN", "KY", "SO")
        or above.rstrip().endswith("-")
        or above.count("(") > above.count(")")
    )


def _conference_about(parts: list[str], line: str) -> bool:
    """A conference's resolution or conclusion names the conference in capitals and
    then what it is about in sentence case ("HỘI NGHỊ LẦN THỨ BẢY BAN CHẤP HÀNH ĐẢNG
    BỘ TỈNH (KHÓA XVI)" / "về xây dựng …", 36-HD/VPTW); on a scan the rule under it
    that holds the lines together is often lost."""
    return _key(parts[0]).lstrip(EDGE_JUNK + ".,;:„").startswith("HOI NGHI") and line.startswith(
        "về "
    )


def _issued_by(lines: list[_Line], line: _Line, parts: list[str], authority) -> bool:
    """The line under a trích yếu in capitals names who issues the document, and the
    body's grounds ("Căn cứ …", "- Căn cứ …") or a council's session ("KHÓA XV, KỲ
    HỌP THỨ 10") follow it; a trích yếu's line after "… CỦA" is its own."""
    named = line.rest().strip()
    if _open_end(parts[-1]) or not authority(named):
        return False
    after = [x.rest().strip() for x in lines[lines.index(line) + 1 :] if x.rest().strip()]
    while after and _is_upper(after[0]) and authority(f"{named} {after[0]}"):
        named = f"{named} {after.pop(0)}"  # the name wrapped ("… THÀNH PHỐ HỒ" / "CHÍ MINH")
    nxt = after[0] if after else ""
    return not nxt or _cue(nxt) or bool(re.match(r"KHOA\b", _key(nxt)))


def _subject_text(line: _Line) -> str:
    """What is left of a line for a trích yếu, without the specks OCR reads around
    and between its words: leading marks and dashes (not the dash of "2021" /
    "- 2025"), lone punctuation."""
    r = line.rest().strip(EDGE_JUNK)
    r = re.sub(r"^(?:[.,;:]\s*|-(?!\s*\d)\s*)+", "", r).strip(EDGE_JUNK)
    return " ".join(w for w in r.split() if not LONE_MARKS_RUN.fullmatch(w))


def _word_cut_at_end(line: str) -> bool:
    """The line ends on a lone letter that is no word: OCR cut its last word, whose
    rest stands on a line below (a body's line; a trích yếu's lines end on words)."""
    last = line.split()[-1] if line.split() else ""
    return len(last) == 1 and last.islower() and last not in ONE_LETTER_WORDS


def _first_word_case_misread(line: str) -> str:
    """A line going on in lower case whose first word OCR read in capitals ("VỆ sinh
    thực phẩm"): that word in lower case. An abbreviation ("UBND tỉnh") is no
    syllable and stays."""
    words = line.split(" ")
    first, rest = words[0], [w for w in words[1:] if w.isalpha()]
    if len(first) > 1 and first.isupper() and is_syllable(first.lower()) and len(rest) >= 2:
        if all(w.islower() for w in rest):
            return " ".join([first.lower(), *words[1:]])
    return line


def _word_cut_at_start(line: str) -> bool:
    """The line opens in lower case on letters no written word is spelt with ("ội
    dung này …", "ựng kế hoạch", "c, kiểm tra"): the end of a word whose start OCR
    put elsewhere, as it does with a body's line split between two blocks."""
    first = line.split()[0].strip(".,;:") if line.split() else ""
    return first.isalpha() and first.islower() and first not in frequencies()


def _rejoins(above: str, line: str) -> bool:
    """Do the last letters of ``above`` and the cut word opening ``line`` make one
    written word ("lĩn" / "h vực")?"""
    last = above.split()[-1] if above.split() else ""
    first = line.split()[0] if line.split() else ""
    return (last + first).lower() in frequencies()


def _body_wide(parts: list[str], line: str) -> bool:
    """A line far longer than the trích yếu's lines above it: a body's line."""
    widest = max(len(p) for p in parts)
    return len(line) >= 50 and len(line) > 1.5 * widest


def _goes_on(lines: list[_Line], line: _Line, caps: bool, parts: list[str]) -> bool:
    """The next line carries on a trích yếu (``parts`` so far): in capitals under
    capitals, or in lower case (no sentence starts so), even behind a speck
    ("kiểm tra:" / "- tài chính đảng"), unless it is a body's wide line."""
    nxt = _text_below(lines, line).strip(".,;:")
    if not nxt or _cue(nxt) or _body_wide(parts, nxt):
        return False
    if re.fullmatch(rf"{YEAR}(?:\s*-\s*{YEAR})?", nxt):
        return True  # "… nhiệm kỳ." / "2025 - 2027"
    return _is_upper(nxt) if caps else nxt[:1].islower()


# Words a number or a letter follows in a body's name.
_NUMBERED = frozenset(
    "SO KHU KHOI PHO THON XOM AP TO DOI BO PHUONG QUAN CUM LOP NHA BAN DAY TIEU DOAN".split()
)


def _trim_specks(text: str) -> str:
    """Drop what OCR glued to the ends of a name: a word not in capitals, or two
    letters that are no syllable ("… QUẢNG LONG ST", "BAN THƯỜNG TRỰC Siớn")."""
    words = text.split()

    def speck(w: str) -> bool:
        if w.isdigit():
            return False  # "CHI BỘ KHU PHỐ 3"
        return not w.isupper() or (len(w) <= 2 and not is_syllable(w) and w not in _KEEP_UPPER)

    def numbered(w: str) -> bool:
        """A word a number or letter follows in a name ("KHU PHỐ 3", "TRƯỜNG THCS 2")."""
        return _key(w) in _NUMBERED or (w.isupper() and not is_syllable(w))

    def last_speck(i: int) -> bool:
        w = words[i]
        if re.search(r"([A-ZÀ-Ỹ])\1\1", w):
            return True  # a letter three times over is a speck row ("… YÊN LẠC TEEE")
        if w.isdigit() or (len(w) == 1 and w.isalpha()):
            # "… TỈNH HÒA BÌNH 3", "VĂN PHÒNG Ẽ"; but "KHU PHỐ 3", "ĐỘI B"
            return not (i and numbered(words[i - 1]))
        return speck(w)

    while words and last_speck(len(words) - 1):
        words.pop()
    # The State motto's first word split off into the issuer's column ("… TRÀ VINH CỘNG"):
    # no name ends on it.
    # ("CÔNG" as printed is a name's own: "ĐẢNG ỦY CÔNG" over "AN TỈNH" in a narrow cell.)
    if len(words) >= 3 and fold(words[-1]).upper() in ("CONG", "CON") and words[-1] != "CÔNG":
        words.pop()
    while words and speck(words[0]):
        words.pop(0)
    return " ".join(words)


PROVINCE_FIXED = "tên tỉnh đọc sai hoặc dính chữ, đã đọc theo danh mục tỉnh: hãy so với ảnh trang"


# "TỈNH", maybe glued to what follows or with a letter doubled ("TỈINHỦYGIALAIL").
AFTER_TINH = re.compile(
    r"(?:^|(?<=\s))TI{1,2}NH ?(?P<level>UY ?|DOAN ?)?(?P<name>[A-Z][A-Z ]{3,})$"
)


@functools.lru_cache(maxsize=1)
def _second_syllables() -> dict[str, frozenset[str]]:
    """The dictionary's two-syllable words: first syllable → the second ones."""
    out: dict[str, set[str]] = {}
    for spellings in dictionary_words().values():
        for word in spellings:
            if len(word) == 2:
                out.setdefault(word[0], set()).add(word[1])
    return {k: frozenset(v) for k, v in out.items()}


def _dash_specks(piece: str, pairs: set[tuple[str, str]]) -> str:
    """A dash OCR read between two words of a name, with no space around it, where
    the two words make a pair of the header phrases or a dictionary word ("KIỂM-TRA",
    "HÀ-GIẠNG" of "HÀ GIANG"): a space. A name's own dash is spaced ("BÀ RỊA - VŨNG
    TÀU")."""
    if "-" not in piece:
        return piece

    def one(m: re.Match[str]) -> str:
        key = (fold(m[1].lower()), fold(m[2].lower()))
        # The phrases' pairs folded only for a dash found: most names have none.
        known = key in dictionary_words() or any((fold(a), fold(b)) == key for a, b in pairs)
        return f"{m[1]} {m[2]}" if known else m[0]

    return re.sub(r"(?<!\S)([^\W\d_]+)-([^\W\d_]+)(?!\S)", one, piece)


def _last_letter_joined(piece: str) -> str:
    """A word's last letter OCR parted from it ("TRUN G ƯƠNG"): joined again where
    the word is written only with it."""
    words = piece.split()
    written = frequencies()
    for i in range(len(words) - 1, 0, -1):
        prev, letter = words[i - 1], words[i]
        if len(letter) == 1 and letter.isalpha() and len(prev) >= 2 and prev.isalpha():
            if (prev + letter).lower() in written and prev.lower() not in written:
                words[i - 1 : i + 1] = [prev + letter]
    return " ".join(words)


def _cut_at_edge(piece: str, pairs: set[tuple[str, str]]) -> str:
    """A name whose last word lost its end at the column's edge ("… VIỆT NA", "MÔI
    TRƯỜN"): that word whole, when one word only begins so after the word before
    it in the header phrases, the rules' names or the dictionary, and the pair as
    read is none of theirs."""
    words = piece.split()
    if len(words) < 2 or not words[-1].isalpha() or len(words[-1]) < 2:
        return piece
    prev, last = words[-2].lower(), words[-1].lower()
    if (prev, last) in pairs or _one_word(prev, last):
        return piece
    after = {w for p, w in pairs if p == prev} | _second_syllables().get(prev, frozenset())
    options = {w for w in after if len(w) > len(last) and w.startswith(last)}
    if len(options) != 1:
        return piece
    whole = options.pop()
    return " ".join([*words[:-1], whole.upper() if words[-1].isupper() else whole])


def _province_named(piece: str) -> str:
    """After "TỈNH" a province is named: a scan's name one letter off the one
    province it can be ("TỈNH ỦY LÀO CẮT", "TỈNH VĨNH PHU") or glued to it
    ("TÌNHỦYTRÀVNH", "TỈNHYÊNBẢI") is read as that province. Names of every other
    level are left as read."""
    m = AFTER_TINH.search(fold(piece).upper())
    if not m:
        return piece
    read = m["name"].replace(" ", "")
    near = [name for key, name in provinces().items() if key == read or _one_edit(read, key)]
    if len(near) != 1:
        return piece
    level = {"UY": " ỦY", "DOAN": " ĐOÀN"}.get((m["level"] or "").strip(), "")
    named = f"TỈNH{level} {near[0].upper()}"
    tail = piece[m.start() :]
    return piece if tail == named else piece[: m.start()] + named


def _one_edit(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` differ by one letter changed, dropped or added? (The length
    check first: the distance costs the product of the lengths.)"""
    return abs(len(a) - len(b)) <= 1 and distance(a, b) == 1


def _plausible_name(text: str) -> bool:
    """Capitals that can be an organization's name, not specks read as letters."""
    tokens = [t.rstrip(",") for t in text.split()]
    letters = sum(len(t) for t in tokens if t.isalpha())
    good = sum(
        1 for t in tokens if is_syllable(t) or t in _KEEP_UPPER or (t.isalpha() and len(t) >= 3)
    )
    return letters >= 4 and good >= 0.6 * len(tokens)


def _placement_kept(read: str, fixed: str) -> str:
    """A word the vocabulary spells with its tone mark elsewhere ("UỶ BAN" for "ỦY
    BAN", as offices printed it before the 2018 rules and many still do) keeps the
    placement printed: one word, one tone, the same letters."""
    before, after = read.split(), fixed.split()
    if len(before) != len(after):
        return fixed
    return " ".join(
        b if b != a and strip_tones(b) == strip_tones(a) and tone_of(b) == tone_of(a) else a
        for b, a in zip(before, after, strict=True)
    )


# A numbered district or ward glued to its number ("QUẬN8", as OCR reads "QUẬN 8").
_NUMBER_GLUED = re.compile(r"\b(QUẬN|PHƯỜNG|KHU|TỔ)(?=\d{1,2}\b)")


def _unglue(text: str, corrector) -> str:
    text = _NUMBER_GLUED.sub(r"\1 ", text)
    return " ".join(" ".join(split_glued(w, corrector.unigrams) or [w]) for w in text.split())


_LEVELS = {"TINH": "TỈNH", "HUYEN": "HUYỆN", "PHUONG": "PHƯỜNG", "XA": "XÃ"}


def _level_words(text: str) -> str:
    """In a name, a level word before a place keeps its one spelling ("TĨNH LÂM ĐỒNG"
    is "TỈNH LÂM ĐỒNG"; "HÀ TĨNH" is a place and stays)."""
    words = text.split()
    for i, w in enumerate(words[:-1]):
        level = _LEVELS.get(fold(w).upper())
        if level and w.upper() != level and not (i and fold(words[i - 1]).upper() == "HA"):
            words[i] = level if w.isupper() else level.lower()
    return " ".join(words)


def _joint_issuers(out: ParsedHeader, pieces: list[str]) -> str:
    """A joint document ("TTLT-BTC-BNV", "Thông tư liên tịch") names its bodies side by
    side or one under the other ("BỘ TÀI CHÍNH" / "BỘ NỘI VỤ"), none the parent of
    the other: one issuer, "BỘ TÀI CHÍNH - BỘ NỘI VỤ". "" when not joint."""
    notation = str(out.value("code_notation") or "")
    kind = _key(str(out.value("type_name") or ""))
    if not ("LIEN TICH" in kind or notation.startswith("TTLT")):
        return ""
    if len(pieces) < 2:
        return ""
    # A body's name Word broke ("BỘ TÀI CHÍNH - BỘ LAO" over "ĐỘNG - THƯƠNG BINH VÀ XÃ
    # HỘI"): a line opening on no body's first word goes on the line above.
    opening = _key(pieces[0]).split()[0]
    joined: list[str] = []
    for piece in pieces:
        first = nfc(piece).upper().split()[0]
        if joined and first not in _BODY_WORDS and _key(first) != opening:
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    merged, pieces = len(joined) < len(pieces), joined
    if len(pieces) < 2:
        return pieces[0] if merged else ""
    firsts = {_key(p).split()[0] for p in pieces}
    if len(firsts) != 1:
        return ""  # "ỦY BAN NHÂN DÂN" / "TỈNH …" is one body over two lines
    return " - ".join(pieces)


# Words an organization's name does not end on ("KHỐI …", "CÁC …", "… VÀ …").
_NAME_GOES_ON = frozenset({"KHOI", "CAC", "VA", "CUA", "VE"})
# Words that name a body ("ĐẢNG ỦY …", "BAN …", "SỞ …"): a line holding one is a name
# of its own, not the end of the line above.
_BODY_WORDS = frozenset(
    "ỦY BAN ĐẢNG BỘ SỞ HỘI ĐOÀN CHI PHÒNG VIỆN CỤC TRƯỜNG QUỐC UBND BCH MTTQ HĐND TNCS LHPN".split()
)  # fmt: skip (as printed: "BÀN" of "THẠCH BÀN" is no "BAN")
# Body words that, with the word before them, name no body: "XÃ HỘI" is society
# ("BỘ LAO ĐỘNG - THƯƠNG" over "BINH VÀ XÃ HỘI").
_NO_BODY = frozenset({("XÃ", "HỘI")})
_WRAPPED_WORDS = 3  # at most, on the line a cell's edge pushed down
_WRAPPED_PAIRED = 5  # at most, where the break splits a pair ("THỂ" over "THAO VÀ DU LỊCH")
_JOINING = frozenset({"VÀ", "CỦA", "VỀ"})  # no name opens with them
_SCHOOL_KINDS = tuple(  # a school's name follows them
    fold(k)
    for k in (
        "MẦM NON",
        "TIỂU HỌC",
        "THCS",
        "THPT",
        "TRUNG HỌC CƠ SỞ",
        "TRUNG HỌC PHỔ THÔNG",
        "ĐẠI HỌC",
        "CAO ĐẲNG",
        "TRUNG CẤP",
        "HỌC VIỆN",
    )  # fmt: skip
)


def _wrapped_names(
    pieces: list[str], pairs: set[tuple[str, str]], *, ocr: bool = False
) -> list[str]:
    """A name Word wrapped at the header cell's edge ("BAN CHẤP HÀNH TRUNG" over
    "ƯƠNG", "BCH HỘI NÔNG DÂN TỈNH HÀ" over "GIANG") joined again: the lower line
    names no body, has a few words, and goes on from the line above: one word
    alone, after a level ("… TỈNH" over "YÊN BÁI"), or as a pair of the header
    vocabulary ("TRUNG" + "ƯƠNG", "VIỆT" + "NAM")."""
    out = list(pieces[:1])
    for piece in pieces[1:]:
        words, above = nfc(piece).upper().split(), _key(out[-1])
        pair = (out[-1].split()[-1].lower(), piece.split()[0].lower())
        paired = pair in pairs or _one_word(*pair)  # "TRUNG" + "ƯƠNG", "ĐA" + "KHOA"
        # A place's name follows its level ("TỈNH" over "KON TUM"); a school's name its
        # word or its kind ("CHI BỘ TRƯỜNG" over "TIỂU HỌC KIM ĐỒNG", "… TIỂU HỌC" over
        # "KIM ĐỒNG").
        printed = nfc(out[-1]).upper().split()
        name_follows = any(
            above == lv or above.endswith(f" {lv}") for lv in (*LEVEL_WORDS, *_SCHOOL_KINDS)
        ) or (printed[-1] == "TRƯỜNG" and (len(printed) == 1 or printed[-2] in _BODY_WORDS))
        joining = bool(words) and words[0] in _JOINING  # "BỘ NÔNG NGHIỆP" over "VÀ MÔI TRƯỜNG"
        bodies = {w for k, w in enumerate(words) if (words[k - 1] if k else "", w) not in _NO_BODY}
        # A country's or a province's name alone ends the name above it ("TỔNG LIÊN ĐOÀN
        # LAO ĐỘNG" over "VIỆT NAM"): no body is named by a place alone.
        key = re.sub(r"^T[PX]\.?", "", _key(piece).replace(" ", ""))  # "TP HÀ NỘI"
        place = key == "VIETNAM" or key in provinces()
        goes_on = (
            0
            < len(words)
            <= (_WRAPPED_PAIRED if paired or joining or name_follows else _WRAPPED_WORDS)
            # A body's word names a body of its own, unless it ends a pair alone
            # ("BỘ NÔNG NGHIỆP VÀ MÔI" over "TRƯỜNG") or the line opens with "VÀ".
            and (not _BODY_WORDS.intersection(bodies) or (len(words) == 1 and paired) or joining)
            # A place may be no Vietnamese syllable ("TỈNH" over "KON TUM", "CHƯ" over
            # "PĂH"); on a scan such a word is as likely a misread.
            and all(
                is_syllable(w.lower()) or (w.isalpha() and (name_follows or not ocr)) for w in words
            )
            and (len(words) == 1 or name_follows or paired or joining or place)
        )
        if goes_on:
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


# A level abbreviated in a name, its dot printed: "UBND TX. ĐỒNG XOÀI", "TP. HUẾ".
_LEVEL_ABBREVIATED = re.compile(r"\b(TP|TX|TT)\.(?=\s?[A-ZĐÀ-Ỹ])")


# Committees named by their level or their work alone, whose body is named on the next
# line: "ỦY BAN TRUNG ƯƠNG" over "MẶT TRẬN TỔ QUỐC VIỆT NAM", "ỦY BAN THƯỜNG VỤ" over
# "QUỐC HỘI", "LIÊN NGÀNH" over the bodies it joins, "THƯỜNG TRỰC" over "HĐND - UBND
# TỈNH …" (no body is the parent of either).
_LEVEL_ONLY_COMMITTEES = frozenset(
    {"UY BAN TRUNG UONG", "UY BAN THUONG VU", "LIEN NGANH", "THUONG TRUC"}
)


REPEAT = 0.8  # share of letters two readings of one header line have in common
REPEAT_LETTERS = 5  # "ỦY BAN": shorter pieces are words, not readings of a line


def _without_repeats(pieces: list[str]) -> list[str]:
    """One header line read twice (the first reading glued, the header band's second
    clean: "TỈNH ỦY BẮC GIANG" over "TỈNHỦYBÄCGING"), or a piece of the next line
    ("ỦY BAN" over "ỦY BAN MẶT TRẬN …"), is kept once: the reading whose words are
    syllables."""

    def letters(piece: str) -> str:
        return re.sub(r"[^A-Z]", "", _key(piece))

    def clean(piece: str) -> float:
        words = piece.split()
        return sum(is_syllable(w) or w in _KEEP_UPPER for w in words) / len(words)

    out: list[str] = []
    for piece in pieces:
        above, here = (letters(out[-1]), letters(piece)) if out else ("", "")
        if min(len(above), len(here)) >= REPEAT_LETTERS:
            if difflib.SequenceMatcher(None, above, here, autojunk=False).ratio() >= REPEAT:
                if clean(piece) > clean(out[-1]):
                    out[-1] = piece
                continue
            if above in here:
                out[-1] = piece
                continue
            if here in above:
                continue
        out.append(piece)
    return out


def _issuer(out, head, vocab, symbol_at, type_at, org, *, ocr: bool = False) -> None:
    stop = symbol_at if symbol_at is not None else (type_at if type_at is not None else 6)
    pieces: list[str] = []
    noisy = False
    joint = ""  # the dash or comma a name broke after, on the line above
    corrector = _corrector(tuple(sorted(set(vocab.phrases()))))
    for line in head[: stop + 1]:
        for part in line.rest_parts():
            # OCR leaves specks as stray dots, commas and underscores.
            # A comma between words is the name's own ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH").
            kept = re.sub(r"(?<=\w), (?=\w)", "\x00", part)
            kept = _LEVEL_ABBREVIATED.sub("\\1\x01", kept)  # "TP.", "TX." keep their dot
            cleaned = " ".join(re.sub(r"[.,;:'`ˆ_|~*\"“”‘’»«•°]", " ", kept).split()).strip(" -")
            cleaned = cleaned.replace("\x00", ", ").replace("\x01", ".")
            cleaned = _trim_specks(cleaned)
            if not _is_upper(cleaned):
                continue
            if not _plausible_name(cleaned) and not (
                # A short word a table cell's edge pushed down ("VIỆT" over "NAM"); on a
                # scan such a line is as likely a speck.
                not ocr
                and pieces
                and len(_wrapped_names([pieces[-1], cleaned], corrector.bigrams, ocr=ocr)) == 1
            ):
                continue
            noisy = noisy or cleaned != part.strip(" ,;:")
            if joint:  # "BỘ LAO ĐỘNG -" / "THƯƠNG BINH …", "TIỂU BAN THÔNG TIN," / "…"
                pieces[-1] = f"{pieces[-1]}{joint} {cleaned}"
            else:
                pieces.append(cleaned)
            # A name Word broke after its dash or its comma goes on on the next line (not
            # on a scan, where a mark at a line's end is as likely a speck).
            tail = part.rstrip()
            broke = not ocr and tail.endswith((" -", ","))
            joint = ("," if tail.endswith(",") else " -") if broke else ""
    pieces = _without_repeats(pieces)
    if not pieces:
        return
    f = out.fields
    pieces = _wrapped_names(pieces, corrector.bigrams, ocr=ocr)
    # "ỦY BAN NHÂN DÂN" + "TỈNH QUẢNG NINH" is one name on two lines.
    # "ĐẢNG ỦY CÁC CƠ QUAN" + "ĐẢNG TỈNH" likewise: a last line that is only a
    # level and a place (after "ĐẢNG" or "CƠ QUAN") names no body of its own.
    last = re.sub(r"^(?:DANG|CO QUAN) ", "", _key(pieces[-1])) if len(pieces) >= 2 else ""
    if (
        len(pieces) >= 2
        and last.startswith(LEVEL_WORDS)
        and not re.search(r"\b(?:UY|DOAN|BO)\b", last)
    ) or (len(pieces) >= 2 and _key(pieces[-2]).split()[-1] in _NAME_GOES_ON):
        # "ĐẢNG ỦY KHỐI" + "DOANH NGHIỆP TỈNH": a line ending on a word no name ends on.
        pieces = [*pieces[:-2], f"{pieces[-2]} {pieces[-1]}"]
    # "ỦY BAN TRUNG ƯƠNG" + "MẶT TRẬN TỔ QUỐC VIỆT NAM": a committee named by its
    # level alone names no body; the organization's name on the next line is its own.
    # ("BAN CHẤP HÀNH TRUNG ƯƠNG" over "ĐOÀN TNCS HỒ CHÍ MINH" stays parent and
    # issuer: the Youth Union's convention, issue 10 cause 8.)
    k = 0
    while k < len(pieces) - 1:
        if _key(pieces[k]) in _LEVEL_ONLY_COMMITTEES:
            pieces[k : k + 2] = [f"{pieces[k]} {pieces[k + 1]}"]
        k += 1
    # Marks OCR lost or swapped in the header words ("ỦY BẠN", "TĨNH") come back
    # where the rules' names and the header vocabulary pair the words.
    fixed = [
        " ".join(corrector.correct_words(_level_words(_unglue(p, corrector)).split()))
        for p in (_dash_specks(p, corrector.bigrams) if ocr else p for p in pieces)
    ]
    fixed = [_placement_kept(p, q) for p, q in zip(pieces, fixed, strict=True)]
    named = [_province_named(p) for p in fixed] if ocr else fixed
    province_fixed, fixed = named != fixed, named
    if ocr:
        fixed = [_cut_at_edge(_last_letter_joined(p), corrector.bigrams) for p in fixed]
    corrected = fixed != pieces
    pieces = fixed
    joint = _joint_issuers(out, pieces)
    if joint:
        pieces = [joint]
    issuer = pieces[-1]
    parent = " ".join(pieces[:-1])
    clean = all(re.fullmatch(r"[A-ZĐÀ-Ỹ0-9 .,\-()&/]+", p) for p in pieces)
    known = _key(issuer) in vocab.names or (
        org is not None and _key(org.name).startswith(_key(issuer))
    )
    # Specks wiped off the ends cost little; marks restored from the vocabulary's
    # word pairs a little more; a word that is no syllable nor known abbreviation
    # (a misread, or a name the rules do not know) sends it to a person.
    odd = any(
        not (
            is_syllable(t)
            or t in _KEEP_UPPER
            or t.isdigit()
            or t in ("-", "&")
            or is_syllable(t.rstrip(","))
            or t in vocab.issuers
            or t.lower() in corrector.unigrams
            or t.rstrip(".") in _KEEP_UPPER  # "TX.", "TP."
        )
        for p in pieces
        # Two bodies' names a dash joins without spaces: "BỘ TÀI CHÍNH-BỘ VĂN HÓA, …".
        for t in re.sub(r"(?<=\w)-(?=\w)", " - ", p).split()
    )
    conf, why = 0.93, ""
    if not clean:
        conf, why = 0.6, "có ký tự lạ trong tên cơ quan"
    if noisy:
        conf = min(conf, 0.92)
    if corrected:
        conf = min(conf, 0.9)
    if odd and conf > 0.85:
        conf, why = 0.85, "có chữ không phải âm tiết tiếng Việt hay chữ viết tắt đã biết"
    if province_fixed and conf > 0.88:
        conf, why = 0.88, PROVINCE_FIXED
    if known:
        conf, why = 0.98, ""
    if joint and len(joint.split(" - ")) > 1 and " - " not in " ".join(fixed):
        conf, why = (
            min(conf, 0.85),
            "văn bản liên tịch: tên các cơ quan in trên nhiều dòng, đã nối lại",
        )
    f["issuer"] = Field(issuer, conf)
    if parent:
        f["issuer_parent"] = Field(parent, conf if not known else 0.93)
    if why:
        out.reasons["issuer"] = out.reasons["issuer_parent"] = out.reasons["organ_name"] = why
    # A body under a committee is named with it: "Ban Tổ chức Tỉnh ủy".
    full = issuer
    pk = _key(parent)
    if (
        parent
        and re.match(r"(?:TINH|HUYEN|THANH|THI|QUAN|DANG) UY\b", pk)
        and _key(issuer).startswith(("BAN ", "VAN PHONG", "UY BAN KIEM TRA", "TRUONG CHINH TRI"))
    ):
        full = f"{issuer} {' '.join(parent.split()[:2])}"
    organ = None
    for key in (_key(issuer), _key(full), _key(f"{issuer} {parent}")):
        organ = vocab.names.get(key) or (
            org.name if org is not None and key == _key(org.name) else None
        )
        if organ:
            break
    shown = organ or " - ".join(display_name(p) for p in full.split(" - "))
    f["organ_name"] = Field(shown, conf if organ else min(conf, 0.9))
