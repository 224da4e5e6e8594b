"""The one text path: which formats capture reads, and how, chosen by a registry.

Each format (named by ``registry.content`` from the bytes) has a reader that
gives its text (``steps.Extracted``): a born-digital PDF's text layer, a Word
document's paragraphs, an office file converted by LibreOffice to a PDF/A copy
kept beside it, or a scan that only OCR can read. ``recognise`` is the OCR of
any format that needs it. A batch item (``builtin_steps``) and a document
entered by hand (``documents``) go through the same two functions; a new format
is one ``register`` call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from luutru.capture import legacy, ocr, office, steps
from luutru.capture.models import TextMethod


class CannotRead(Exception):
    """The file could not be read at all; the message is for the user (Vietnamese)."""


@dataclass(frozen=True)
class Format:
    kind: str
    # How the text was got when the file carries it (not a scan).
    method: str
    read: Callable[[bytes, str], steps.Extracted]
    # What the file itself warns a person about (active content), for batch items.
    warnings: Callable[[bytes], list[str]] | None = None


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    FORMATS[fmt.kind] = fmt


def format_of(kind: str) -> Format | None:
    return FORMATS.get(kind)


def read(kind: str, data: bytes) -> tuple[Format, steps.Extracted]:
    """The file's text by its format's reader; ``CannotRead`` when there is none
    or the reader could not read it."""
    fmt = format_of(kind)
    if fmt is None:
        raise CannotRead(f"Chưa đọc được nội dung chữ của tệp dạng “{kind or 'không rõ'}”.")
    return fmt, fmt.read(data, kind)


def method_of(fmt: Format, extracted: steps.Extracted) -> str:
    """How the text was got: the format's own way, "needs OCR" for a scan,
    "no text" for a file that carries none."""
    if extracted.needs_ocr:
        return TextMethod.NEEDS_OCR
    if extracted.ocr_layer and extracted.text.strip():
        return TextMethod.OCR  # another program's OCR of a scan: read as OCR text is
    return fmt.method if extracted.text.strip() else TextMethod.NONE


@dataclass
class Recognised:
    text: str
    pdf: bytes  # the searchable PDF/A OCR made, kept beside the original
    notes: list[str]
    unsure: list[str] = field(default_factory=list)  # words OCR doubts (``ocr.UNSURE``)


def recognise(kind: str, data: bytes, *, pages: int | None, org) -> Recognised:
    """OCR of a scan (a PDF's first ``steps.OCR_PAGE_CAP`` pages), tone marks
    restored from ``org``'s vocabulary, and the words OCR itself doubts;
    ``ocr.OcrError`` when it gave nothing."""
    pages = pages or 1
    limit = min(pages, steps.OCR_PAGE_CAP) if kind == "pdf" else None
    result = ocr.run_ocr(data, kind, pages=limit)
    notes = []
    if kind == "pdf" and pages > steps.OCR_PAGE_CAP:
        notes.append(
            f"Tệp có {pages} trang; hệ thống chỉ nhận dạng ký tự {steps.OCR_PAGE_CAP} trang đầu."
        )
    text = steps.corrected_ocr_text(result.text, org)
    return Recognised(text, result.pdf, notes, result.unsure)


# ---------------------------------------------------------------- the readers


def _pdf(data: bytes, kind: str) -> steps.Extracted:
    return steps.pdf_text(data)


def _pdf_warnings(data: bytes) -> list[str]:
    active = steps.pdf_active_content(data)
    return [steps.active_content_note(active)] if active else []


def _docx(data: bytes, kind: str) -> steps.Extracted:
    return steps.docx_text(data)


def _scan(data: bytes, kind: str) -> steps.Extracted:
    return steps.Extracted(pages=1, needs_ocr=True, notes=steps.scan_notes(data))


def _office(data: bytes, kind: str) -> steps.Extracted:
    """The text of LibreOffice's PDF/A copy (kept as ``copy``); a spreadsheet's
    cells read directly, row by row, where that works."""
    try:
        pdfa = office.to_pdfa(data, kind)
    except office.OfficeError as exc:
        raise CannotRead(str(exc)) from None
    extracted = steps.pdf_text(pdfa)
    extracted.needs_ocr = False  # made from text, never a scan
    extracted.copy = pdfa
    if kind in office.SPREADSHEETS:
        try:
            sheet = office.sheet_text(data, kind)
        except office.OfficeError as exc:
            extracted.notes.append(str(exc))
        else:
            charset = extracted.charset or legacy.charset_of(sheet)
            extracted.text = legacy.to_unicode(sheet, charset) or extracted.text
    elif extracted.charset:
        _legacy_document(data, kind, extracted)
    return extracted


def _legacy_document(data: bytes, kind: str, extracted: steps.Extracted) -> None:
    """A text document typed in TCVN3 or VNI: LibreOffice has no such fonts, so its
    PDF/A prints "§¶ng céng s¶n", and drops TCVN3's "ư" (a soft hyphen to it) and
    the capitals of its "H" fonts from the text. Read again from a Word copy, runs
    and fonts kept; the PDF/A made again from that copy in Unicode."""
    try:
        copy = office.to_docx(data, kind)
        unicode = legacy.unicode_docx(copy, extracted.charset)
        text = steps.docx_text(copy).text
        pdfa = office.to_pdfa(unicode, "docx")
    except (office.OfficeError, ValueError, KeyError) as exc:
        extracted.notes.append(
            "Chưa chuyển được bản PDF/A lưu kèm sang Unicode "
            f"({exc.__class__.__name__}); bản PDF/A có thể hiển thị sai dấu tiếng Việt."
        )
        return
    extracted.text = text or extracted.text
    extracted.copy = pdfa
    extracted.notes.append(
        f"Bản PDF/A lưu kèm đã được in lại bằng phông Unicode ({legacy.UNICODE_FONT}) "
        "để đọc được; tệp gốc được giữ nguyên."
    )


register(Format("pdf", TextMethod.PDF_TEXT, _pdf, _pdf_warnings))
register(Format("docx", TextMethod.DOCX, _docx))
for _kind in ("png", "jpeg"):
    register(Format(_kind, TextMethod.OCR, _scan))
for _kind in office.KINDS:
    register(Format(_kind, TextMethod.PDF_TEXT, _office))
