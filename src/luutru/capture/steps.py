"""The pure parts of capture's steps: text out of bytes, a page image for review.

No database here; ``pipeline`` records what each step found on the item.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from luutru.capture import legacy
from luutru.capture.vietnamese import WORD, syllable_share

# A 2,000-page PDF must not hold a worker for minutes: text is read from the
# first pages only and OCR runs on fewer still; the item says so in a note.
TEXT_PAGE_CAP = 200
OCR_PAGE_CAP = 10
# Under this many letters per page, a PDF page is taken to be a scan.
MIN_LETTERS_PER_PAGE = 5
# A Word document is read up to this many top-level blocks (paragraphs, tables) and
# this much text: a body of a million empty paragraphs must not hold a worker.
DOCX_BLOCK_CAP = 20_000
DOCX_CHAR_CAP = 2_000_000


@dataclass
class Extracted:
    text: str = ""
    pages: int | None = None
    needs_ocr: bool = False
    notes: list[str] = field(default_factory=list)
    # A PDF/A made from the file (an office file's conversion), kept beside it.
    copy: bytes | None = None
    # The legacy charset the text was typed in and converted from (``legacy``), if any.
    charset: str = ""
    # A scan with a text layer another program read into it (invisible text over the
    # page's image): OCR text, judged as such.
    ocr_layer: bool = False


def pdf_text(data: bytes, *, cap: int = TEXT_PAGE_CAP) -> Extracted:
    """The text layer of a born-digital PDF (pypdfium2); flags a scan without one."""
    import pypdfium2 as pdfium  # lazy: heavy library

    pdf = pdfium.PdfDocument(data)
    try:
        total = len(pdf)
        raw: list[str] = []  # as pdfium gives it, a character for each of its indexes
        letters_pages = 0
        ocr_layer = False
        for i in range(min(total, cap)):
            page = pdf[i]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
                order = _header_first(textpage, text) if i == 0 else None
                if i == 0:
                    ocr_layer = _text_under_image(page)
                letters = sum(ch.isalpha() for ch in text)  # the stamped digits add none
                # A scanned page whose only text is a stamp an e-copy drew on it ("SAO Y;
                # CÔNG AN TỈNH …; 06/01/2026"): an image page all the same.
                stamp_only = (
                    letters < STAMP_LETTERS
                    and COPY_STAMP.search(text) is not None
                    and _image_page(page)
                )
            finally:
                textpage.close()
                page.close()
            if i == 0:
                text = _stamped_numbers(pdf, text)
                if order:  # the same lines, the stamped digits put inside them
                    lines = text.split("\r\n")
                    text = "\r\n".join(lines[j] for j in order)
            raw.append(text)
            if letters >= MIN_LETTERS_PER_PAGE and not stamp_only:
                letters_pages += 1
        charset = legacy.charset_of("\n".join(raw))
        if charset:
            # Typed in TCVN3 or VNI (.VnTime, VNI-Times): converted, TCVN3's "H" fonts as
            # capitals.
            tcvn3 = charset == legacy.TCVN3
            raw = [
                legacy.to_unicode(text, charset, _capitals(pdf, i) if tcvn3 else None)
                for i, text in enumerate(raw)
            ]
        # pdfium marks a hyphen it takes for a word broken at a line's end so, and joins
        # the lines: Vietnamese breaks no syllable, the dash is the text's own
        # ("3187/MTTQ-BTT-" over "TH" in a narrow header cell).
        parts = [
            text.replace("\r\n", "\n").replace("\r", "\n").replace(legacy.LINE_END_HYPHEN, "-")
            for text in raw
        ]
    finally:
        pdf.close()
    result = Extracted(text="\n\f".join(parts).strip(), pages=total, charset=charset)
    if charset:
        result.notes.append(legacy.note(charset))
    read = min(total, cap)
    # Mostly image pages: a scan (a typed cover sheet does not make it born-digital).
    result.needs_ocr = letters_pages * 2 < read
    if ocr_layer and not result.needs_ocr:
        result.ocr_layer = True
        if syllable_share(WORD.findall(result.text[: legacy.SAMPLE])) < OCR_LAYER_MIN_SHARE:
            # Read by a program that knows no Vietnamese ("Ð?NG C?NG S?N"): read again.
            result.needs_ocr = True
            result.notes.append(OCR_LAYER_POOR)
        else:
            result.notes.append(OCR_LAYER_KEPT)
    if total > cap and not result.needs_ocr:
        result.notes.append(
            f"Tệp có {total:,} trang; hệ thống chỉ lấy nội dung chữ của {cap} trang đầu để tìm kiếm.".replace(
                ",", "."
            )
        )
    return result


def _header_first(textpage, text: str) -> list[int] | None:
    """The order of page 1's lines with its header first (None: as drawn). A Word file
    whose header is a text box or a table written after the body draws the body first; pdfium gives the text in the
    order it is drawn, so the header came after the body and the signer ("Kính gửi …
    Hoàng Văn Bằng" / "UBND TỈNH LÂM ĐỒNG" / "SỞ DÂN TỘC VÀ TÔN GIÁO" …). Lines drawn
    after others but standing above them all (more than a line's height above) come
    first, in their order; the rest keep theirs. (A text layer's characters have one
    index each, so a line's first character gives its place.)"""
    lines = text.split("\r\n")
    if len(lines) < 6:
        return None
    tops: list[float | None] = []
    at = 0
    for line in lines:
        first = len(line) - len(line.lstrip())
        tops.append(textpage.get_charbox(at + first)[3] if line.strip() else None)
        at += len(line) + 2
    highest: float | None = None
    for k, top in enumerate(tops):
        if top is None:
            continue
        if highest is not None and k >= 3 and top > highest + 10:
            above = highest
            moved = [j for j in range(k, len(lines)) if (tops[j] or above) > above]
            if len(moved) < 2:
                return None
            return [*moved, *(j for j in range(len(lines)) if j not in set(moved))]
        highest = top if highest is None else max(highest, top)
    return None


def _stamped_numbers(pdf, text: str) -> str:
    """The number and the day an e-document system stamps on page 1 when the registry
    signs the issued document ("Số: 1865 /STC-VP", "ngày 08 tháng 9"): they are drawn
    by signature fields (their appearance), not the page's text, so the text reads
    "Số: /STC-VP" and "ngày tháng 9". Each run of digits such a field draws is put in
    the text where it stands on its line. Other words a signature draws ("Ký bởi: …",
    "SAO Y") are left out: they are the signature's, not the header's."""
    import pypdfium2.raw as pdfium_c  # lazy: heavy library

    page = pdf[0]
    try:
        if not pdfium_c.FPDFPage_GetAnnotCount(page.raw):
            return text
        before = page.get_textpage()
        try:
            count = before.count_chars()
            boxes = [before.get_charbox(k) for k in range(count)]
        finally:
            before.close()
        # The fields drawn into the page's content (this copy only, in memory): their
        # characters come after the page's own.
        if (
            pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY)
            != pdfium_c.FLATTEN_SUCCESS
        ):
            return text
    finally:
        page.close()
    page = pdf[0]
    try:
        after = page.get_textpage()
        try:
            drawn = after.get_text_range()
            if not drawn.startswith(text):
                return text
            runs: list[tuple[str, tuple[float, float, float, float]]] = []
            for m in re.finditer(r"\S+", drawn[len(text) :]):
                start = len(text) + m.start()
                if not m.group().isdigit() or len(m.group()) > 6:
                    return text  # a signature's words: not the registry's stamp
                got = [after.get_charbox(start + k) for k in range(len(m.group()))]
                runs.append((m.group(), (min(b[0] for b in got), min(b[1] for b in got),
                                         max(b[2] for b in got), max(b[3] for b in got))))  # fmt: skip
        finally:
            after.close()
    finally:
        page.close()
    inserts: list[tuple[int, str]] = []
    for digits, (left, bottom, _right, top) in runs:
        middle = (bottom + top) / 2
        line = [
            k
            for k, (x0, b, x1, t) in enumerate(boxes)
            if text[k].strip() and b - 1 <= middle <= t + 1 and x1 > x0
        ]
        if not line:
            continue  # no text on its line: nothing to put it beside
        after_it = [k for k in line if boxes[k][0] >= left - 1]
        if after_it:
            inserts.append((min(after_it, key=lambda k: boxes[k][0]), digits))
        else:
            inserts.append((max(line, key=lambda k: boxes[k][2]) + 1, digits))
    for at, digits in sorted(inserts, reverse=True):
        text = f"{text[:at].rstrip(' ')} {digits} {text[at:].lstrip(' ')}"
    return text


OCR_LAYER_MIN_SHARE = 0.6  # of its words Vietnamese syllables, for another program's OCR
OCR_LAYER_KEPT = (
    "Tệp PDF là ảnh quét có sẵn lớp chữ do phần mềm khác nhận dạng: hệ thống dùng lớp chữ "
    "đó nhưng coi như chữ nhận dạng từ ảnh (có thể sai), nên các trường đọc được cần được "
    "kiểm tra với ảnh trang."
)
OCR_LAYER_POOR = (
    "Tệp PDF là ảnh quét có lớp chữ do phần mềm khác nhận dạng nhưng phần lớn không phải "
    "chữ tiếng Việt: hệ thống nhận dạng lại ảnh trang."
)


STAMP_LETTERS = 80  # a stamp's line or two; a page of text has hundreds
# An e-copy's or a signature's stamp (NĐ 30/2020 art. 26: "SAO Y", the body, the time).
COPY_STAMP = re.compile(r"\b(?:SAO Y|SAO LỤC|TRÍCH SAO|Ký bởi|Thời gian ký)|\d{1,2}:\d{2}:\d{2}")


def _image_page(page) -> bool:
    """Does an image cover most of the page (a scan)?"""
    import pypdfium2.raw as raw  # lazy: heavy library

    size = page.get_size()
    for k, obj in enumerate(page.get_objects()):
        if k >= PAGE_OBJECTS_CAP:
            return False
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE and _covers(obj, size):
            return True
    return False


def _covers(image, size: tuple[float, float]) -> bool:
    """Does this image object cover most (80 %) of a page of ``size``?"""
    left, bottom, right, top = image.get_bounds()
    return (right - left) * (top - bottom) >= 0.8 * size[0] * size[1]


def _text_under_image(page) -> bool:
    """Is the page's text an OCR layer: only invisible text, over an image that
    covers most of the page (a scanner's or OCR program's searchable PDF)?"""
    import pypdfium2.raw as raw  # lazy: heavy library

    size = page.get_size()
    text = covered = False
    for k, obj in enumerate(page.get_objects()):
        if k >= PAGE_OBJECTS_CAP:
            return False  # no scanner's page: taken as drawn
        if obj.type == raw.FPDF_PAGEOBJ_TEXT:
            mode = raw.FPDFTextObj_GetTextRenderMode(obj.raw)
            if mode != raw.FPDF_TEXTRENDERMODE_INVISIBLE:
                return False  # printed text: born-digital (most PDFs stop here)
            text = True
        elif obj.type == raw.FPDF_PAGEOBJ_IMAGE and not covered:
            covered = _covers(obj, size)
    return text and covered


# Characters of a page whose font is looked up (one pdfium call each): a page of
# text has a few thousand; past this a hostile page's rest stays as typed.
FONT_CHARS_CAP = 50_000
# Page objects looked at for an OCR layer: a scan has a few, a drawn page thousands.
PAGE_OBJECTS_CAP = 20_000


def _capitals(pdf, index: int) -> list[bool]:
    """Which characters of a page's text are in a TCVN3 capitals font (".VnTimeH")."""
    import ctypes

    import pypdfium2.raw as raw  # lazy: heavy library

    page = pdf[index]
    textpage = page.get_textpage()
    try:
        buf = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        out = []
        for i in range(min(textpage.count_chars(), FONT_CHARS_CAP)):
            size = raw.FPDFText_GetFontInfo(textpage.raw, i, buf, len(buf), ctypes.byref(flags))
            name = buf.raw[: max(0, min(size, len(buf)) - 1)].decode("latin-1")
            out.append(legacy.capitals_font(name))
        return out
    finally:
        textpage.close()
        page.close()


def docx_text(data: bytes) -> Extracted:
    """Paragraphs and table cells of a Word document, in document order (an
    office header is a table at the top: listing tables last breaks the header)."""
    import docx  # lazy: heavy library
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(io.BytesIO(data))
    paragraphs: list[Paragraph | None] = []  # None: an empty paragraph
    lines: list[str] = []  # their text, read once
    chars = blocks = 0
    p_tag, tbl_tag = qn("w:p"), qn("w:tbl")
    capped = False
    for child in d.element.body.iterchildren():
        if blocks >= DOCX_BLOCK_CAP or chars >= DOCX_CHAR_CAP:
            capped = True
            break
        if child.tag == p_tag:
            blocks += 1
            if len(child) == 0:  # an empty paragraph: nothing to read
                paragraphs.append(None)
                lines.append("")
                continue
            paragraph = Paragraph(child, d)
            paragraphs.append(paragraph)
            lines.append(paragraph.text)
        elif child.tag == tbl_tag:
            blocks += 1
            for row in Table(child, d).rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats in every column it spans
                        continue
                    seen.add(id(cell._tc))
                    paragraphs.extend(cell.paragraphs)
                    lines.extend(p.text for p in cell.paragraphs)
        else:
            continue
        chars += len(lines[-1]) if lines else 0
    charset = legacy.charset_of("\n".join(lines))
    if charset == legacy.TCVN3:
        lines = [_tcvn3_paragraph(p) if p is not None else "" for p in paragraphs]
    elif charset:
        lines = [legacy.to_unicode(line, charset) for line in lines]
    result = Extracted(text="\n".join(lines).strip()[:DOCX_CHAR_CAP], charset=charset)
    if charset:
        result.notes.append(legacy.note(charset))
    if capped:
        result.notes.append(
            f"Tài liệu Word quá dài ({DOCX_BLOCK_CAP:,} đoạn hoặc {DOCX_CHAR_CAP:,} ký tự trở lên); "
            "hệ thống chỉ lấy nội dung chữ của các đoạn đầu để tìm kiếm.".replace(",", ".")
        )
    return result


def _tcvn3_paragraph(p) -> str:
    """A TCVN3 paragraph in Unicode, a run in a capitals font (".VnTimeH") as capitals."""
    if "".join(run.text for run in p.runs) != p.text:
        # Text outside runs (a hyperlink's) is read as the paragraph gives it.
        return legacy.to_unicode(p.text, legacy.TCVN3)
    return "".join(legacy.run_unicode(run, p, legacy.TCVN3) for run in p.runs)


# Names that make a PDF run code or act on its own when opened (ISO 32000: JavaScript
# actions, the document's open action, additional actions of pages, fields, the catalog).
ACTIVE_KEYS = ("/JavaScript", "/JS", "/OpenAction", "/AA")
ACTIVE_SCAN_CAP = 200_000  # objects looked at; a PDF of millions is flagged for that alone


def pdf_active_content(data: bytes) -> list[str]:
    """The active-content names a PDF carries (empty for an ordinary document)."""
    import pikepdf  # lazy: heavy library

    found: set[str] = set()
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception:  # unreadable here: the other checks say so
        return []
    with pdf:
        for key in ("/OpenAction", "/AA"):
            if key in pdf.Root:
                found.add(key)
        names = pdf.Root.get("/Names")
        if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
            found.add("/JavaScript")
        for n, obj in enumerate(pdf.objects):
            if n >= ACTIVE_SCAN_CAP:
                found.add("…")
                break
            if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                continue
            d = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
            for key in ("/JS", "/AA", "/OpenAction"):
                if key in d:
                    found.add(key)
            if d.get("/S") == pikepdf.Name.JavaScript:
                found.add("/JavaScript")
    return [k for k in (*ACTIVE_KEYS, "…") if k in found]


ACTIVE_NOTE_START = "Tệp PDF có mã JavaScript"


def active_content_note(found: list[str]) -> str:
    return (
        f"{ACTIVE_NOTE_START} hoặc lệnh tự chạy khi mở ("
        + ", ".join(k.lstrip("/") for k in found)
        + "): có thể là tệp độc hại. Tệp được giữ nguyên nhưng cần người xem lại; "
        "không mở tệp gốc bằng trình đọc PDF cho phép chạy mã."
    )


def scan_notes(data: bytes) -> list[str]:
    """Where an image falls short of the digitisation standard (NĐ 30 App. I:
    colour, at least 200 dpi). Said, not refused: the document still comes in."""
    from PIL import Image  # lazy: heavy library

    notes = []
    with Image.open(io.BytesIO(data)) as im:
        dpi = im.info.get("dpi")
        mode = im.mode
    if dpi and min(float(dpi[0]), float(dpi[1])) < 199:
        notes.append(
            f"Ảnh quét {round(float(dpi[0]))} dpi, dưới chuẩn số hóa 200 dpi (NĐ 30/2020, Phụ lục I): "
            "nên quét lại để lưu trữ lâu dài."
        )
    if mode in ("1", "L", "LA", "I;16"):
        notes.append(
            "Ảnh quét đen trắng hoặc thang xám; chuẩn số hóa yêu cầu ảnh màu (NĐ 30/2020, Phụ lục I)."
        )
    return notes


def page_image(data: bytes, kind: str, *, width: int = 900) -> bytes:
    """Page 1 as a PNG about ``width`` pixels wide, for the review screen."""
    from PIL import Image  # lazy: heavy library

    if kind == "pdf":
        import pypdfium2 as pdfium  # lazy: heavy library

        pdf = pdfium.PdfDocument(data)
        try:
            page = pdf[0]
            scale = width / max(page.get_width(), 1)
            image = page.render(scale=scale).to_pil()
            page.close()
        finally:
            pdf.close()
    elif kind in ("png", "jpeg"):
        image = Image.open(io.BytesIO(data))
        image.thumbnail((width, width * 2))
    else:
        raise ValueError(kind)
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "PNG", optimize=False)
    return buf.getvalue()


def corrected_ocr_text(text: str, org) -> str:
    """OCR output with the tone marks a syllable dictionary and the header
    vocabulary of ``org``'s rules can restore (Tesseract drops some)."""
    # lazy: the vocabulary reads the rules (Django models); this module needs none otherwise
    from luutru.capture.header import correction_vocabulary
    from luutru.capture.vietnamese import correct_ocr_text

    return correct_ocr_text(text.strip(), correction_vocabulary(org))
