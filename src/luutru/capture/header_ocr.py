"""A second OCR pass over the header band of page 1 (issue 10, item 3).

The band is read again to recover lines the first reading lost. On 200-dpi
scans Tesseract's page layout analysis drops a bold line that stands alone (the
Party motto, a type line such as ``QUYẾT ĐỊNH``) and now and then a faint
trích yếu. When the first reading lacks a motto, a capitals line right under
the date line, or a trích yếu under it (a body sentence stands there), the
band that holds the header (the top ``BAND`` of page 1) is read again with
page segmentation mode 6 (one block of text: no layout analysis to drop a
line), at ``TARGET_DPI`` at least, and the runs of words the first reading
lacks are put back where they stand (``merge``).

A secrecy or urgency stamp printed in a box ("MẬT", "KHẨN") is dropped the same way
even when the rest of the header was read: when the first reading holds no stamp
word, the band's boxes are found (connected shapes that are hollow rectangles of a
stamp's size) and the inside of each is read alone (``stamps_in_boxes``).

Only runs of capitalised dictionary syllables are added (what is dropped is
a bold line in capitals), or a line of Vietnamese syllables the first reading
lacks whole (a trích yếu line), so a speck row, a stamp's ring or a body line
read with other breaks adds nothing. (A second reading of every header, once
compared field by field, cost 70-100 % more OCR and was dropped: one engine
makes the same letter error twice; bench/README.md, issue 10, third round.) Cost and gain on the open part of the layout
corpus: ``bench/README.md`` (Issue 10, header band).
"""

from __future__ import annotations

import difflib
import functools
import io
import logging
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import NamedTuple

from luutru.capture import ink, tesseract
from luutru.capture.vietnamese import dictionary_words, fold, is_syllable

log = logging.getLogger(__name__)

BAND = 0.35  # the header's share of page 1's height (DOMAIN §3: header, number, type, subject)
TARGET_DPI = (
    200  # a band scanned at less is enlarged to this (300 cost twice as much, gained nothing)
)
ASSUMED_DPI = 200
DPI_BELIEVED = (50, 1200)
WIDEST_BAND = 3500  # pixels: an A3 page across at TARGET_DPI, with room
PSM = "6"
SECONDS = 60
GRAM = 3  # words compared as triples: a missing line shares pairs like "VIỆT NAM"
# Runs this long are compared without marks too; a shorter one ("BỘ ĐẢNG") may be
# a stray reading of other words elsewhere ("BỘ ĐẲNG" under the body).
FOLD_FROM = 10
SAME = 0.8  # share of a run's letters found in order in one first-reading line
HEAD_LINES = 40  # the first reading's lines where the header lies
MIN_LETTERS = 4


class Page1(NamedTuple):
    """Page 1 of an image as the first reading took it: the file it read with its
    ink whitened (``ink.whitened``; None: it had none) and the resolution it took."""

    read: Path | None
    dpi: float


def band_image(data: bytes, kind: str, page1: Page1 | None = None):
    """The header band of page 1 as a greyscale PIL image at ``TARGET_DPI``.

    ``page1``: page 1 of an image as the first reading took it (``Page1``); where
    its resolution is the one taken here, its ink is not looked for again."""
    from PIL import Image  # lazy: heavy library

    if kind == "pdf":
        import pypdfium2 as pdfium  # lazy: heavy library

        pdf = pdfium.PdfDocument(data)
        try:
            page = pdf[0]
            image = page.render(scale=TARGET_DPI / 72).to_pil()
            page.close()
        finally:
            pdf.close()
        dpi: float = TARGET_DPI
    else:
        image = Image.open(io.BytesIO(data))
        image.load()
        dpi = float((image.info.get("dpi") or (ASSUMED_DPI, ASSUMED_DPI))[0]) or ASSUMED_DPI
        # A resolution no scanner writes ("1 dpi" in a hostile or broken file) is not
        # believed: enlarged by it, one page would fill the memory.
        dpi = dpi if DPI_BELIEVED[0] <= dpi <= DPI_BELIEVED[1] else ASSUMED_DPI
    # A colour scan's "ĐẾN" stamp is read no more here than in the first reading.
    if page1 is not None and kind != "pdf" and page1.dpi == dpi:
        image = Image.open(page1.read).convert("L") if page1.read else image.convert("L")
    else:
        image = ink.whitened(image, dpi) or image.convert("L")
    w, h = image.size
    image = image.crop((0, 0, w, max(1, int(h * BAND))))
    scale = min(TARGET_DPI / dpi, WIDEST_BAND / w)
    if dpi < TARGET_DPI - 1 and scale > 1:
        image = image.resize(
            (round(w * scale), round(image.size[1] * scale)), Image.Resampling.LANCZOS
        )
    return image


def band_lines(data: bytes, kind: str) -> list[str]:
    """The header band read again; [] when Tesseract is missing or fails."""
    image = _band_or_none(data, kind)
    return _lines_of(image) if image is not None else []


def _band_or_none(data: bytes, kind: str, page1: Page1 | None = None):
    """``band_image``, or None for a file Tesseract read and PIL cannot (the first
    reading then stands)."""
    try:
        return band_image(data, kind, page1)
    except Exception as exc:
        log.info("header band not read: %s", exc)
        return None


def _lines_of(image) -> list[str]:
    text = _read(image, PSM)
    return [line.strip() for line in text.splitlines() if line.strip()]


def _read(image, psm: str) -> str:
    """``image`` read by Tesseract (``vie``) with page segmentation mode ``psm``;
    "" when Tesseract is missing or fails."""
    with tempfile.TemporaryDirectory(prefix="luutru-band-") as name:
        # BMP: no compression to spend (PNG's cost 0.15-0.2 s CPU a band, a quarter of
        # the pass).
        path = Path(name) / "band.bmp"
        image.save(path, "BMP")
        base = Path(name) / "band"
        try:
            tesseract.read(path, base, ("txt",), dpi=TARGET_DPI, seconds=SECONDS, psm=int(psm))
        except (tesseract.Failed, tesseract.TimedOut):
            return ""
        return base.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")


def _key(token: str) -> str:
    # Case kept: a dropped "NGHỊ QUYẾT" is not "read" because the body says "nghị quyết".
    return "".join(ch for ch in unicodedata.normalize("NFC", token) if ch.isalnum())


PUNCT = ".,:;'\"`-_‘’“”"
MIN_WORDS_LOWER = 3  # a sentence-case run: a subject line, not a speck read as "và"


def _word(token: str) -> str:
    return token.strip(PUNCT)


def _good(word: str) -> bool:
    return word.isalpha() and is_syllable(word.lower())


def _standalone(tokens: list[str], *, capitals_only: bool = False) -> str:
    """The run as a header line, or "": what Tesseract drops is a line that stands
    alone, in bold capitals (the motto, the type line, an issuer) or a subject
    line under the type. A run of two or more capitalised Vietnamese syllables is
    taken, or (unless ``capitals_only``) of three or more words that are all
    Vietnamese syllables or numbers (``Kế hoạch … năm 2020 - 2025``), its specks
    trimmed at both ends; a run with any other word is noise and adds nothing."""
    tokens = [t for t in tokens if _word(t) or t in "-–"]
    while tokens and not _good(_word(tokens[0])):
        tokens.pop(0)
    while tokens and not _good(_word(tokens[-1])) and not _year_after(tokens):
        tokens.pop()
    words = [_word(t) for t in tokens if _word(t)]
    if not words or sum(ch.isalpha() for w in words for ch in w) < MIN_LETTERS:
        return ""
    if all(_good(w) and w.isupper() for w in words):
        return " ".join(_word(t) for t in tokens) if len(words) >= 2 else ""
    if capitals_only or len(words) < MIN_WORDS_LOWER:
        return ""
    if not all(_good(w) or w.isdigit() for w in words):
        return ""
    if 2 * sum(w.isupper() and len(w) > 1 for w in words) > len(words):
        return ""  # a capitals line with a misread word ("CÁC CƠ Ong"): read already
    # Sentence case keeps the commas and dashes printed between its words.
    line = " ".join(tokens)
    return line.strip(PUNCT.replace("-", "") + " ") if line else ""


def _year_after(tokens: list[str]) -> bool:
    """Does the run end on a year after a word ("… năm 2020", "2021 - 2025")?"""
    return (
        len(tokens) >= 2
        and re.fullmatch(r"(?:19|20)\d\d", _word(tokens[-1])) is not None
        and (_good(_word(tokens[-2])) or tokens[-2] in "-–")
    )


def _grams(keys: list[str], n: int = GRAM) -> set[tuple[str, ...]]:
    return {tuple(keys[i : i + n]) for i in range(max(len(keys) - n + 1, 0))}


def merge(text: str, extra: list[str]) -> tuple[str, list[str]]:
    """``text`` with the runs of words of ``extra`` (the band's second reading) that
    it lacks. A second-pass line may join two columns (issuer and motto on one
    baseline), so words, not lines, are compared: a word is present when one of
    the word triples it belongs to is in the first reading's first lines. A run of
    absent words that reads as Vietnamese becomes a line, put after the first-
    reading line that holds the words just before it (at the top if none)."""
    lines = text.split("\n")
    head = len(lines)
    for i, line in enumerate(lines):
        if line.startswith("\f"):
            head = i
            break
    head = min(head, HEAD_LINES)
    line_keys = [[_key(t) for t in line.split() if _key(t)] for line in lines[:head]]
    seen = set().union(*(_grams(k) for k in line_keys)) if line_keys else set()
    # Triples across a line break in the first reading count too.
    seen |= _grams([k for keys in line_keys for k in keys])
    head_keys = ["".join(keys) for keys in line_keys]
    added: list[str] = []
    inserts: list[tuple[int, int, str]] = []
    earlier: list[str] = []  # the words of the band's lines above
    glued: int | None = None  # where the band's line above, dropped whole, went
    for line in extra:
        above, glued = glued, None
        tokens = [t for t in line.split() if _key(t)]
        keys = [_key(t) for t in tokens]
        present = [False] * len(tokens)
        for i in range(max(len(keys) - GRAM + 1, 0)):
            if tuple(keys[i : i + GRAM]) in seen:
                for j in range(i, i + GRAM):
                    present[j] = True
        i = 0
        while i < len(tokens):
            if present[i]:
                i += 1
                continue
            j = i
            while j < len(tokens) and not present[j]:
                j += 1
            # A line whose every word the first reading lacks was dropped whole (a
            # subject line may then be in sentence case); a run inside a line the
            # first reading has is taken only in capitals (a joined column).
            whole = not any(present)
            # A whole line keeps the dashes between its words ("2025 - 2027").
            run = _stamp(tokens[i:j]) or _standalone(
                line.split() if whole else tokens[i:j], capitals_only=not whole
            )
            at = above if whole and above is not None else None
            at = _line_before(earlier + keys[:i], line_keys) if at is None else at
            end = _word_end(tokens, lines, at) if not run and whole and at >= 0 else ""
            if end or (run and not _read_already([_key(t) for t in run.split()], head_keys)):
                run = run or end
                # A dropped line under a dropped line goes with it (a two-line subject).
                inserts.append((at, len(inserts), run))
                added.append(run)
                if whole:
                    glued = at
            i = j
        earlier += keys
    # From the bottom up; runs put after the same line keep the band's order.
    for at, _, run in sorted(inserts, reverse=True):
        lines.insert(at + 1, run)
    return "\n".join(lines), added


@functools.lru_cache(maxsize=1)
def _stamp_words() -> frozenset[str]:
    # Lazy: the header package loads the rules' models; this module runs without them.
    from luutru.capture.header.text import SECRECY_WORDS, URGENCY_WORDS

    return frozenset({*SECRECY_WORDS.values(), *URGENCY_WORDS.values()})


def _stamp(tokens: list[str]) -> str:
    """A secrecy or urgency stamp opening the run, specks after it ("KHẨN Xện”"):
    a boxed word that page layout analysis drops and one block of text keeps."""
    stamps = _stamp_words()
    words = [_word(t) for t in tokens]
    for n in (2, 1):
        if " ".join(words[:n]) in stamps and all(not w.isupper() for w in words[n:]):
            return " ".join(words[:n])
    return ""


def _word_end(tokens: list[str], lines: list[str], at: int) -> str:
    """A line of one lower-case syllable that ends a word of the dictionary begun at
    the end of first-reading line ``at`` ("… tài liệu điện" / "tử"), and that the
    first reading lacks under it: the last line of a trích yếu, too short to pass
    as a line of its own."""
    words = [w for w in (_word(t) for t in tokens) if w]
    if len(words) != 1 or not _good(words[0]) or not words[0].islower():
        return ""
    above = [w for w in (_word(t) for t in lines[at].split()) if w]
    below = next((w for line in lines[at + 1 :] for w in map(_word, line.split()) if w), "")
    if not above or below.lower() == words[0]:
        return ""
    pair = (above[-1].lower(), words[0])
    return words[0] if pair in dictionary_words().get((fold(pair[0]), fold(pair[1])), ()) else ""


def _read_already(keys: list[str], head_keys: list[str]) -> bool:
    """Are these words, letter for letter, mostly in one first-reading line (read
    there with other letter errors or spacing, like ``Số42-CVHNDT``, or other
    marks, like ``VƠI NƠI CƯ TRU`` under ``… VỚI NƠI CƯ TRÚ``)?"""
    run = "".join(keys)
    if len(run) >= FOLD_FROM:
        run, head_keys = fold(run), [fold(line) for line in head_keys]
    for line in head_keys:
        if run in line:
            return True
        blocks = difflib.SequenceMatcher(None, run, line, autojunk=False).get_matching_blocks()
        # Stretches of three letters or more: single letters match anywhere in a long line.
        if sum(b.size for b in blocks if b.size >= 3) >= SAME * len(run):
            return True
    return False


def _line_before(before: list[str], line_keys: list[list[str]]) -> int:
    """The first-reading line holding the last words before a missing run (-1: none)."""
    for end in range(len(before), 0, -1):  # the nearest words before it that are there
        tail = before[max(end - 2, 0) : end]
        for i, keys in enumerate(line_keys):
            if any(keys[k : k + len(tail)] == tail for k in range(len(keys))):
                return i
    return -1


TYPE_WITHIN = 2  # the type line is the first or second line under the date line
MOTTOS = ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
DATE_LINE = re.compile(r"ngày\s+\S+\s+tháng\s+\S+\s+năm", re.IGNORECASE)


def header_complete(text: str) -> bool:
    """Does the first reading already show what Tesseract drops: a motto, a line in
    capitals right under the date line (the type line), and under it a line that
    is no body sentence (the trích yếu)? Then no second pass."""
    head = [unicodedata.normalize("NFC", line).strip() for line in text.split("\n")[:HEAD_LINES]]
    joined = " ".join(" ".join(head).split())
    if not any(m in joined for m in MOTTOS):
        return False
    dated = next((i for i, line in enumerate(head) if DATE_LINE.search(line)), None)
    if dated is None:
        return False
    below = [line for line in head[dated + 1 :] if line]
    typed = next(
        (k for k, line in enumerate(below[:TYPE_WITHIN])
         if _standalone(line.split(), capitals_only=True) == line),
        None,
    )  # fmt: skip
    return typed is not None and not _sentence(below[typed + 1 : typed + 3])


SENTENCE_LETTERS = 40  # a body's line is long; a trích yếu's is broken short and centred


def _sentence(lines: list[str]) -> bool:
    """Do these lines open the body: a long line in sentence case whose sentence
    ends with a full stop on it or on the next? Then the trích yếu above them was
    dropped (a faint or bold line, as Tesseract drops a title)."""
    if not lines:
        return False
    first = lines[0].strip(PUNCT + " |~*»«ˆ")
    if len(first) < SENTENCE_LETTERS or not first[:1].isupper() or first.isupper():
        return False
    # Specks after the full stop ("trên địa bàn..  - - : Ỷ") do not hide it.
    return any(
        re.sub(r"(?:\s+\S{1,2})+$", "", line).rstrip(" :;'`-_|~*»«ˆ").endswith(".")
        for line in lines
    )


def recover(data: bytes, kind: str, text: str, page1: Page1 | None = None) -> tuple[str, list[str]]:
    """The first reading ``text`` with the header lines a second pass finds and it
    lacks, and the lines put back. The band is read when the first reading lacks a
    motto, a type line or the trích yếu under it (``header_complete``); a first
    reading that shows them is left as it is, but for a boxed stamp it lacks
    (``stamps_in_boxes``). ``page1``: see ``band_image``."""
    image = _band_or_none(data, kind, page1)  # decoded once for both searches
    if image is None:
        return text, []
    added: list[str] = []
    if not header_complete(text):
        text, added = merge(text, _lines_of(image))
    read = _stamps_read(text)
    if len(read) < MOST_STAMPS:
        stamps = _stamps_in_band(image, read)
        text, added = _put_stamps(text, stamps), added + stamps
    return text, added


# A secrecy or urgency stamp is a word or two in a printed box (Party and State
# rules: "MẬT", "TỐI MẬT", "KHẨN", "HỎA TỐC" …). Page layout analysis takes the box
# for a picture and drops the word; the box is found here and its inside read alone.
# Sizes at TARGET_DPI: a box is 0.15-0.6 inch high and 0.3-3 inches wide.
BOX_HIGH = (30, 120)
BOX_WIDE = (60, 600)
BOX_EDGE = 0.8  # share of a box side's length that is dark
BOX_FILL = 0.35  # a box is hollow: its dark pixels cover at most this share of it
BOXES_AT_MOST = 4
LINE_PSM = "7"  # a box's inside is one line of text
MARGIN = 12  # white around a box's inside: Tesseract reads a line with room around it


def stamps_in_boxes(data: bytes, kind: str, read: list[str] | None = None) -> list[str]:
    """The stamps printed in boxes in the header band and not among those ``read``
    already, read one box at a time; [] when there are no more boxes than stamps
    read (most documents: no OCR is spent then) or Tesseract fails. An image this
    cannot read adds nothing: the first reading stands."""
    image = _band_or_none(data, kind)
    return _stamps_in_band(image, read or []) if image is not None else []


def _stamps_in_band(image, read: list[str]) -> list[str]:
    """``stamps_in_boxes`` on the band already decoded."""
    try:
        return _stamps_in_boxes(image, read)
    except Exception as exc:  # an extra reading: never the reason a scan is lost
        log.info("stamp boxes not read: %s", exc)
        return []


def _stamps_in_boxes(image, read: list[str]) -> list[str]:
    import numpy as np  # lazy: heavy libraries
    from PIL import ImageOps
    from scipy import ndimage

    labels, _ = ndimage.label(np.asarray(image) < _ink_level(image.histogram()))
    boxes = [
        where
        for k, where in enumerate(ndimage.find_objects(labels), 1)
        if where is not None and _stamp_sized(where) and _box(labels[where] == k)
    ]
    if len(boxes) <= len(read):
        return []  # every box's stamp was read the first time
    found: list[str] = []
    for rows, cols in boxes[:BOXES_AT_MOST]:
        pad = max(6, (rows.stop - rows.start) // 8)  # past the box's own lines
        inside = image.crop((cols.start + pad, rows.start + pad, cols.stop - pad, rows.stop - pad))
        word = _stamp(_read(ImageOps.expand(inside, MARGIN, fill=255), LINE_PSM).split())
        if word and word not in found and word not in read:
            found.append(word)
    return found


def _ink_level(histogram: list[int]) -> int:
    """The grey level between ink and paper (Otsu's threshold) of a greyscale
    image's ``histogram`` (PIL's, fast): a faint scan's thin box lines are lighter
    than half grey."""
    import numpy as np  # lazy: heavy library

    counts = np.asarray(histogram[:256], dtype=float)
    levels = np.arange(256)
    below = np.cumsum(counts)
    above = below[-1] - below
    mass = np.cumsum(counts * levels)
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = (mass[-1] * below - mass * below[-1]) ** 2 / (below * above)
    return int(np.nanargmax(np.where(above > 0, spread, np.nan)))


def _stamp_sized(where: tuple[slice, slice]) -> bool:
    """Is a shape with these bounds a stamp box's size (most are letters: their
    shapes are not built to be looked at)?"""
    rows, cols = where
    high, wide = rows.stop - rows.start, cols.stop - cols.start
    return BOX_HIGH[0] <= high <= BOX_HIGH[1] and BOX_WIDE[0] <= wide <= BOX_WIDE[1]


def _box(shape) -> bool:
    """Is this connected shape of a stamp's size (``_stamp_sized``) a hollow rectangle?"""
    high, wide = shape.shape
    if shape.sum() > BOX_FILL * high * wide:
        return False
    band = max(3, high // 10)
    sides = (
        shape[:band].any(axis=0).mean(),
        shape[-band:].any(axis=0).mean(),
        shape[:, :band].any(axis=1).mean(),
        shape[:, -band:].any(axis=1).mean(),
    )
    return min(sides) >= BOX_EDGE


MOST_STAMPS = 2  # a secrecy stamp and an urgency stamp


def _stamps_read(text: str) -> list[str]:
    """The stamp words the first reading's header holds ("THƯỢNG KHẨN" once, not
    also "KHẨN")."""
    words = [_word(w) for w in " ".join(text.split("\n")[:HEAD_LINES]).split()]
    stamps = _stamp_words()
    found: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if pair in stamps or words[i] in stamps:
            found.append(pair if pair in stamps else words[i])
            i += 2 if pair in stamps else 1
        else:
            i += 1
    return found


def _put_stamps(text: str, stamps: list[str]) -> str:
    """The stamps as lines of their own under the first line that holds "Số" or the
    date (where a stamp stands), else at the top."""
    if not stamps:
        return text
    lines = text.split("\n")
    at = next(
        (i + 1 for i, line in enumerate(lines[:HEAD_LINES])
         if DATE_LINE.search(line) or re.search(r"\bS[ốô]\b", line)),
        0,
    )  # fmt: skip
    return "\n".join([*lines[:at], *stamps, *lines[at:]])
