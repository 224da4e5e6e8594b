"""Vietnamese typed in the charsets before Unicode: TCVN3 (ABC) and VNI.

Documents of the 1990s and 2000s, and some offices still, were typed with the
fonts of those charsets (.VnTime, VNI-Times): each Vietnamese letter is stored as
a Latin-1 letter or sign that only the font draws right. Their text, read from a
PDF or a Word file, is "§¶ng céng s¶n ViÖt Nam" (TCVN3) or "Ñaûng Coäng saûn
Vieät Nam" (VNI), and no header, search or index can use it. Here it is told
apart from Unicode text and converted. The tables are the charsets' own (TCVN
5712:1993 for TCVN3; VNI-Windows), as every converter writes them.

TCVN3 has no capitals with tone marks: capitals were typed as small letters in
an "H" font (.VnTimeH) that draws them as capitals. The readers pass which
characters are in such a font (``capitals``) so that those come out as capitals.
"""

from __future__ import annotations

import re

from luutru.capture.vietnamese import syllable_share
from luutru.core.vn import nfc

TCVN3 = "TCVN3"
VNI = "VNI"

NAMES = {TCVN3: "TCVN3 (ABC, phông .Vn…)", VNI: "VNI (phông VNI-…)"}

# TCVN3: one byte a letter (shown as the Latin-1 sign of that byte).
_TCVN3_PAIRS = (
    "àµ á¸ ả¶ ã· ạ¹ ă¨ ằ» ắ¾ ẳ¼ ẵ½ ặÆ â© ầÇ ấÊ ẩÈ ẫÉ ậË đ® "
    "èÌ éÐ ẻÎ ẽÏ ẹÑ êª ềÒ ếÕ ểÓ ễÔ ệÖ ì× íÝ ỉØ ĩÜ ịÞ "
    "òß óã ỏá õâ ọä ô« ồå ốè ổæ ỗç ộé ơ¬ ờê ớí ởë ỡì ợî "
    "ùï úó ủñ ũò ụô ư\u00ad ừõ ứø ửö ữ÷ ựù ỳú ýý ỷû ỹü ỵþ "
    "Ă¡ Â¢ Đ§ Ê£ Ô¤ Ơ¥ Ư¦"
).split()
assert all(len(p) == 2 for p in _TCVN3_PAIRS) and len(_TCVN3_PAIRS) == 74
_TCVN3_TABLE = str.maketrans({pair[1]: pair[0] for pair in _TCVN3_PAIRS})


def _vni_table() -> dict[str, str]:
    """VNI-Windows: a base letter, then a sign for its vowel mark and tone."""
    tones = "ùøûõï"  # sắc, huyền, hỏi, ngã, nặng after a, e, o, u, y, ơ, ư
    marked = "áàåãä"  # the same five after â, ê, ô
    breve = "éèúüë"  # the same five after ă
    out: dict[str, str] = {}

    def put(code: str, letter: str) -> None:
        out[code] = letter
        out[code.upper()] = letter.upper()

    for base, letters in (
        ("a", "áàảãạ"),
        ("e", "éèẻẽẹ"),
        ("o", "óòỏõọ"),
        ("u", "úùủũụ"),
        ("y", "ýỳỷỹ"),
        ("ô", "ớờởỡợ"),  # "ô" alone is ơ
        ("ö", "ứừửữự"),  # "ö" alone is ư
    ):
        for sign, letter in zip(tones, letters, strict=False):
            put(base + sign, letter)
    for base, hat, letters in (("a", "â", "ấầẩẫậ"), ("e", "ê", "ếềểễệ"), ("o", "ô", "ốồổỗộ")):
        put(base + "â", hat)
        for sign, letter in zip(marked, letters, strict=True):
            put(base + sign, letter)
    put("aê", "ă")
    for sign, letter in zip(breve, "ắằẳẵặ", strict=True):
        put("a" + sign, letter)
    for code, letter in zip("íìæóò", "íìỉĩị", strict=True):
        put(code, letter)
    put("ô", "ơ")
    put("ö", "ư")
    put("î", "ỵ")
    put("ñ", "đ")
    return out


_VNI = _vni_table()
_VNI_CODES = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))

# A word as the charsets write it: letters and the signs TCVN3 uses for letters.
_TOKEN = re.compile(r"[^\s\d.,;:!?()\"'“”/\\\[\]*_=+<>|-]+")
_LATIN1_HIGH = re.compile("[\u00a0-\u00ff]")
_VIETNAMESE_LETTERS = re.compile("[\u0100-\u01b0\u1ea0-\u1ef9]")
SAMPLE = 20_000  # characters looked at to tell the charset
MIN_WORDS = 8  # words needed to tell
MIN_SHARE = 0.7  # of words that are Vietnamese syllables once converted
MIN_GAIN = 0.25  # more than as read


# pdfium marks a sign it takes for a hyphen at a line's end so, and joins the lines;
# in TCVN3 that sign is "ư" ("BÍ THƯ"), and the line ends there.
LINE_END_HYPHEN = "\ufffe"


def from_tcvn3(text: str, capitals: list[bool] | None = None) -> str:
    """TCVN3 to Unicode; ``capitals[i]``: the i-th character is in an "H" font."""
    # One letter for one sign, so each index keeps its flag; the line ends put back last.
    out = text.replace(LINE_END_HYPHEN, "\u00ad").translate(_TCVN3_TABLE)
    if capitals:
        up = capitals + [False] * (len(out) - len(capitals))
        out = "".join(c.upper() if u else c for c, u in zip(out, up, strict=False))
    if LINE_END_HYPHEN in text:  # in one pass: a hostile page may hold thousands
        out = "".join(
            c + "\n" if t == LINE_END_HYPHEN else c for c, t in zip(out, text, strict=True)
        )
    return nfc(out)


def from_vni(text: str) -> str:
    return nfc(_VNI_CODES.sub(lambda m: _VNI[m.group()], text))


def charset_of(text: str) -> str:
    """TCVN3 or VNI when ``text`` is Vietnamese typed in that charset, else "":
    most of its words are Vietnamese syllables once converted, far more than as
    read (Unicode Vietnamese converted so turns to nonsense)."""
    sample = text[:SAMPLE]
    # Both charsets write Vietnamese with Latin-1 signs only; Unicode Vietnamese has
    # letters beyond it (ă, đ, ơ, ư, ạ …). Counted first: it settles most texts at once.
    legacy_signs = len(_LATIN1_HIGH.findall(sample))
    if legacy_signs < MIN_WORDS or len(_VIETNAMESE_LETTERS.findall(sample)) >= legacy_signs:
        return ""
    words = _TOKEN.findall(sample)
    if len(words) < MIN_WORDS:
        return ""
    as_read = syllable_share(words)
    best, best_share = "", 0.0
    for name, convert in ((TCVN3, from_tcvn3), (VNI, from_vni)):
        share = syllable_share(_TOKEN.findall(convert(sample)))
        if share > best_share:
            best, best_share = name, share
    if best_share >= MIN_SHARE and best_share - as_read >= MIN_GAIN:
        return best
    return ""


def to_unicode(text: str, charset: str, capitals: list[bool] | None = None) -> str:
    if charset == TCVN3:
        return from_tcvn3(text, capitals)
    if charset == VNI:
        return from_vni(text)
    return text


def capitals_font(name: str) -> bool:
    """Is this a TCVN3 capitals font (".VnTimeH", "ABCDEF+.VnArialH,Bold")?"""
    base = name.split("+", 1)[-1]
    base = re.split(r"[,-]", base, maxsplit=1)[0].replace(" ", "")
    return bool(re.fullmatch(r"\.?vn[a-z0-9]*h", base, re.IGNORECASE))


def note(charset: str) -> str:
    return (
        f"Văn bản gõ bằng bảng mã {NAMES[charset]}, không phải Unicode: hệ thống đã chuyển "
        "nội dung chữ sang Unicode để đọc và tìm kiếm; tệp gốc được giữ nguyên."
    )


# ------------------------------------------------------------ Word documents

UNICODE_FONT = "Times New Roman"  # what 36-HD/VPTW and NĐ 30/2020 ask for


def legacy_font(name: str | None) -> bool:
    """A font of the legacy charsets (".VnTime", ".VnTimeH", "VNI-Times")."""
    key = (name or "").replace(" ", "").lower()
    return key.startswith((".vn", "vni-", "vni_"))


def run_text(run) -> str:
    """A Word run's text as typed: python-docx leaves out a soft hyphen, which TCVN3
    typists typed as "ư" (LibreOffice writes it as ``w:softHyphen``)."""
    from docx.oxml.ns import qn  # lazy: heavy library

    soft = qn("w:softHyphen")
    if run._r.find(soft) is None:
        return run.text
    return "".join(
        "\u00ad" if e.tag == soft else str(e)
        for e in run._r.xpath("w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab | w:softHyphen")
    )


def _font_of(run, paragraph) -> str:
    style = paragraph.style if paragraph is not None else None
    return run.font.name or (style.font.name if style is not None else None) or ""


def run_unicode(run, paragraph, charset: str) -> str:
    text = run_text(run)
    capitals = [capitals_font(_font_of(run, paragraph))] * len(text)
    return to_unicode(text, charset, capitals if charset == TCVN3 else None)


def _paragraphs(d):
    """Every paragraph of a document: body, tables within tables, headers, footers."""

    def of(container):
        yield from container.paragraphs
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    yield from of(cell)

    yield from of(d)
    for section in d.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                yield from of(part)


def unicode_docx(data: bytes, charset: str) -> bytes:
    """A Word document typed in ``charset`` with its text in Unicode and its legacy
    fonts set to Times New Roman: what LibreOffice prints from it is readable, where
    the legacy fonts, missing here, print "§¶ng céng s¶n"."""
    import io

    import docx  # lazy: heavy library

    d = docx.Document(io.BytesIO(data))
    seen = set()  # the elements, kept alive: lxml gives the same proxy for a node
    for paragraph in _paragraphs(d):
        for run in paragraph.runs:
            if run._r in seen:  # a merged cell gives its paragraphs again
                continue
            seen.add(run._r)
            font = _font_of(run, paragraph)
            if run_text(run):
                run.text = run_unicode(run, paragraph, charset)
            if legacy_font(font):
                run.font.name = UNICODE_FONT
    for style in d.styles:
        style_font = getattr(style, "font", None)
        if style_font is not None and legacy_font(style_font.name):
            style_font.name = UNICODE_FONT
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
