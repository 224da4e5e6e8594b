"""A second OCR pass over the header band of page 1 (issue 10, item 3).

On 200-dpi scans Tesseract's page layout analysis drops a bold line that
stands alone (the Party motto, a type line such as ``QUYẾT ĐỊNH``). When the
first reading lacks a motto or a capitals line right under the date line, the
band that holds the header (the top ``BAND`` of page 1) is read again with
page segmentation mode 6 (one block of text: no layout analysis to drop a
line), at ``TARGET_DPI`` at least, and the runs of words the first reading
lacks are put back where they stand (``merge``).

Only runs of capitalised dictionary syllables are added (what is dropped is
a bold line in capitals), so a speck row, a stamp's ring or a body line read
with other breaks adds nothing. Cost and gain on the open part of the layout
corpus: ``bench/README.md`` (Issue 10, header band).
"""

from __future__ import annotations

import difflib
import io
import os
import re
import shutil
import subprocess
import unicodedata

from luutru.capture.vietnamese import is_syllable

BAND = 0.35  # the header's share of page 1's height (DOMAIN §3: header, number, type, subject)
TARGET_DPI = (
    200  # a band scanned at less is enlarged to this (300 cost twice as much, gained nothing)
)
ASSUMED_DPI = 200
PSM = "6"
SECONDS = 60
GRAM = 3  # words compared as triples: a missing line shares pairs like "VIỆT NAM"
SAME = 0.8  # share of a run's letters found in order in one first-reading line
HEAD_LINES = 40  # the first reading's lines where the header lies
MIN_LETTERS = 4


def band_image(data: bytes, kind: str):
    """The header band of page 1 as a greyscale PIL image at ``TARGET_DPI``."""
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
    image = image.convert("L")
    w, h = image.size
    image = image.crop((0, 0, w, max(1, int(h * BAND))))
    if dpi < TARGET_DPI - 1:
        scale = TARGET_DPI / dpi
        image = image.resize(
            (round(w * scale), round(image.size[1] * scale)), Image.Resampling.LANCZOS
        )
    return image


def band_lines(data: bytes, kind: str) -> list[str]:
    """The header band read again; [] when Tesseract is missing or fails."""
    exe = shutil.which("tesseract")
    if exe is None:
        return []
    buf = io.BytesIO()
    band_image(data, kind).save(buf, "PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        out = subprocess.run(
            [exe, "stdin", "stdout", "-l", "vie", "--psm", PSM, "--dpi", str(TARGET_DPI)],
            input=buf.getvalue(),
            capture_output=True,
            timeout=SECONDS,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if out.returncode != 0:
        return []
    text = out.stdout.decode("utf-8", "replace")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _key(token: str) -> str:
    # Case kept: a dropped "NGHỊ QUYẾT" is not "read" because the body says "nghị quyết".
    return "".join(ch for ch in unicodedata.normalize("NFC", token) if ch.isalnum())


def _standalone(tokens: list[str]) -> str:
    """The run as a header line, or "": what Tesseract drops is a line printed
    alone in bold capitals (the motto, the type line, an issuer), so only a run
    of two or more capitalised Vietnamese syllables is taken, its specks trimmed."""
    words = [t.strip(".,:;'\"`-_‘’“”") for t in tokens]

    def good(w: str) -> bool:
        return w.isalpha() and w.isupper() and is_syllable(w.lower())

    while words and not good(words[0]):
        words.pop(0)
    while words and not good(words[-1]):
        words.pop()
    line = " ".join(words)
    if len(words) < 2 or sum(ch.isalpha() for ch in line) < MIN_LETTERS:
        return ""
    return line if all(good(w) for w in words) else ""


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
    inserts: list[tuple[int, str]] = []
    earlier: list[str] = []  # the words of the band's lines above
    for line in extra:
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
            run = _standalone(tokens[i:j])
            if run and not _read_already(keys[i:j], head_keys):
                inserts.append((_line_before(earlier + keys[:i], line_keys), run))
                added.append(run)
            i = j
        earlier += keys
    for at, run in sorted(inserts, key=lambda x: x[0], reverse=True):
        lines.insert(at + 1, run)
    return "\n".join(lines), added


def _read_already(keys: list[str], head_keys: list[str]) -> bool:
    """Are these words, letter for letter, mostly in one first-reading line (read
    there with other letter errors or spacing, like ``Số42-CVHNDT``)?"""
    run = "".join(keys)
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
    """Does the first reading already show what Tesseract drops: a motto, and a
    line in capitals right under the date line (the type line)? Then no second pass."""
    head = [unicodedata.normalize("NFC", line).strip() for line in text.split("\n")[:HEAD_LINES]]
    joined = " ".join(" ".join(head).split())
    if not any(m in joined for m in MOTTOS):
        return False
    dated = next((i for i, line in enumerate(head) if DATE_LINE.search(line)), None)
    if dated is None:
        return False
    below = [line for line in head[dated + 1 :] if line][:TYPE_WITHIN]
    return any(_standalone(line.split()) == line for line in below)


def recover(data: bytes, kind: str, text: str) -> tuple[str, list[str]]:
    """The first reading ``text`` with the header lines a second pass finds and it
    lacks; a first reading that shows a motto and a type line is left as it is."""
    if header_complete(text):
        return text, []
    return merge(text, band_lines(data, kind))
