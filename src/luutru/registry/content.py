"""Checks on an uploaded file: it must be what its name says (sniffed from the
bytes, not trusted from the extension), whole, readable and not encrypted.

``inspect_upload`` returns the facts the registry keeps (kind, MIME type,
page count) or the Vietnamese reasons for refusing the file.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import filetype

MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "doc": "application/msword",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
    ".doc": "doc",
    ".odt": "odt",
    ".rtf": "rtf",
    ".xls": "xls",
    ".xlsx": "xlsx",
}
# Office formats converted to PDF/A through LibreOffice (capture.office). Word itself
# saves RTF, DOCX or ODT under a .doc name: within one family the bytes decide.
WORD_FAMILY = ("doc", "docx", "odt", "rtf")
SHEET_FAMILY = ("xls", "xlsx")
OFFICE_ZIPS = ("docx", "odt", "xlsx")
KIND_LABELS = {
    "pdf": "tệp PDF",
    "docx": "tài liệu Word (DOCX)",
    "jpeg": "ảnh JPEG",
    "png": "ảnh PNG",
    "xlsx": "bảng tính Excel (XLSX)",
    "pptx": "bản trình chiếu PowerPoint (PPTX)",
    "zip": "tệp nén ZIP",
    "damaged_zip": "tệp nén bị hỏng",
    "doc": "tài liệu Word cũ (DOC)",
    "xls": "bảng tính Excel cũ (XLS)",
    "gif": "ảnh GIF",
    "tif": "ảnh TIFF",
    "bmp": "ảnh BMP",
    "webp": "ảnh WebP",
    "heic": "ảnh HEIC",
    "rar": "tệp nén RAR",
    "7z": "tệp nén 7z",
    "exe": "chương trình máy tính (EXE)",
    "mp3": "tệp âm thanh MP3",
    "mp4": "tệp video MP4",
    "rtf": "tài liệu RTF",
    "odt": "văn bản OpenDocument (ODT)",
    "ods": "bảng tính OpenDocument (ODS)",
}
ACCEPTED = (
    "PDF (.pdf), Word (.docx, .doc), OpenDocument (.odt), RTF (.rtf), "
    "Excel (.xlsx, .xls), ảnh JPEG (.jpg, .jpeg) hoặc ảnh PNG (.png)"
)
# A DOCX is a ZIP: what its parts inflate to is judged from the ZIP's central
# directory before anything is decompressed. Text and pictures of a real document
# stay far below these; a "bomb" of a few KB that inflates to gigabytes does not.
DOCX_MAX_INNER_BYTES = 100 * 1024 * 1024
DOCX_RATIO_FLOOR = 16 * 1024 * 1024  # below this, a high ratio is harmless
DOCX_MAX_RATIO = 100


@dataclass
class UploadFacts:
    kind: str = ""
    mime: str = ""
    page_amount: int | None = None
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def kind_label(kind: str | None) -> str:
    if not kind:
        return "một định dạng không nhận ra được"
    return KIND_LABELS.get(kind, f"tệp .{kind}")


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> str | None:
    """The real format of ``data``, judged by its bytes only."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
                # OpenDocument names its type in a first, stored member "mimetype".
                odf = zf.read("mimetype")[:100] if "mimetype" in names else b""
        except (zipfile.BadZipFile, ValueError, OSError):
            return "damaged_zip"
        if odf.strip() == MIME["odt"].encode():
            return "odt"
        if odf.strip() == b"application/vnd.oasis.opendocument.spreadsheet":
            return "ods"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "ppt/presentation.xml" in names:
            return "pptx"
        return "zip"
    if data.startswith(OLE2):
        # Word 97–2003 and Excel 97–2003 are OLE2 compound files: the main stream's
        # name (UTF-16 in the directory) says which, wherever its sector lies.
        if "WordDocument".encode("utf-16-le") in data:
            return "doc"
        if "Workbook".encode("utf-16-le") in data or "Book\0".encode("utf-16-le") in data:
            return "xls"
    guess = filetype.guess(data)
    if guess is not None:
        return {"jpg": "jpeg"}.get(guess.extension, guess.extension)
    if data.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    return None


def inspect_upload(data: bytes, filename: str, max_bytes: int) -> UploadFacts:
    """Judge one upload; every refusal is a plain Vietnamese sentence."""
    facts = UploadFacts()
    name = PurePath(filename or "").name or "(không tên)"
    ext = PurePath(name).suffix.lower()
    if not data:
        facts.failures.append(f"Tệp “{name}” rỗng (0 byte). Hãy chọn lại đúng tệp văn bản.")
        return facts
    if len(data) > max_bytes:
        facts.failures.append(
            f"Tệp “{name}” nặng {_size(len(data))}, vượt giới hạn {_size(max_bytes)}. "
            "Hãy nén hoặc quét lại với độ phân giải vừa đủ (200 dpi) rồi tải lên."
        )
        return facts
    claimed = EXTENSIONS.get(ext)
    if claimed is None:
        shown = f"đuôi {ext}" if ext else "không có đuôi"
        facts.failures.append(f"Tệp “{name}” có {shown}: hệ thống chỉ nhận {ACCEPTED}.")
        return facts
    actual = sniff(data)
    for family in (WORD_FAMILY, SHEET_FAMILY):
        if claimed in family and actual in family:
            claimed = actual
    if claimed in OFFICE_ZIPS and actual == "damaged_zip":
        facts.failures.append(_corrupt(name, claimed))
        return facts
    if actual != claimed:
        facts.failures.append(
            f"Tệp “{name}” có đuôi {ext} nhưng nội dung là {kind_label(actual)}, "
            f"không phải {kind_label(claimed)}. Hãy chọn đúng tệp hoặc lưu lại tệp đúng định dạng."
        )
        return facts
    assert claimed is not None  # an unknown extension was refused above
    facts.kind, facts.mime = claimed, MIME[claimed]
    check = {
        "pdf": _check_pdf,
        "docx": _check_docx,
        "jpeg": _check_image,
        "png": _check_image,
        "odt": _check_office_zip,
        "xlsx": _check_office_zip,
    }.get(claimed, _check_nothing_more)
    check(data, name, facts)
    return facts


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} byte"


def _corrupt(name: str, kind: str) -> str:
    advice = {
        "pdf": "Hãy xuất (in) lại tệp PDF từ máy tính hoặc máy quét rồi tải lên lại.",
        "docx": "Hãy mở tệp bằng Word, lưu lại dạng .docx rồi tải lên lại.",
        "jpeg": "Hãy chụp hoặc quét lại rồi tải lên lại.",
        "png": "Hãy chụp hoặc quét lại rồi tải lên lại.",
    }.get(kind, "Hãy mở tệp bằng chương trình đã tạo ra nó, lưu lại rồi tải lên lại.")
    return f"Tệp “{name}” bị hỏng hoặc không đầy đủ ({kind_label(kind)} không mở được). {advice}"


def _check_pdf(data: bytes, name: str, facts: UploadFacts) -> None:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            facts.failures.append(_encrypted(name))
        else:
            facts.failures.append(_corrupt(name, "pdf"))
        return
    try:
        # A security handler with an empty user password still restricts the
        # file (no printing or copying); archives must be able to migrate it.
        if pdfium.raw.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1:
            facts.failures.append(_encrypted(name))
            return
        pages = len(pdf)
        if pages < 1:
            facts.failures.append(f"Tệp “{name}” không có trang nào.")
            return
        for i in range(pages):
            pdf[i].close()
        if b"%%EOF" not in data[-2048:]:
            facts.failures.append(_corrupt(name, "pdf"))
            return
        facts.page_amount = pages
    except pdfium.PdfiumError:
        facts.failures.append(_corrupt(name, "pdf"))
    finally:
        pdf.close()


def _encrypted(name: str) -> str:
    return (
        f"Tệp “{name}” là PDF đã đặt mật khẩu hoặc mã hóa. Tài liệu lưu trữ phải mở được lâu dài: "
        "hãy gỡ mật khẩu (lưu lại bản không mã hóa) rồi tải lên lại."
    )


def _docx_inner_failure(zf: zipfile.ZipFile, packed: int, name: str) -> str:
    """Why a DOCX's parts would inflate too far ("" if they would not); reads only the
    central directory (declared sizes: zipfile never inflates past them)."""
    inner = sum(max(i.file_size, 0) for i in zf.infolist())
    ratio = inner / max(packed, 1)
    if inner > DOCX_MAX_INNER_BYTES or (inner > DOCX_RATIO_FLOOR and ratio > DOCX_MAX_RATIO):
        times = f"{ratio:,.0f}".replace(",", ".")
        return (
            f"Tệp “{name}” là tài liệu Word nhưng tệp nén bên trong quá lớn: {_size(packed)} "
            f"bung ra {_size(inner)} (gấp {times} lần; giới hạn {_size(DOCX_MAX_INNER_BYTES)}"
            f", gấp {DOCX_MAX_RATIO} lần), có dấu hiệu “bom nén” nên không được mở. Hãy mở tệp "
            "bằng Word, bỏ bớt ảnh hoặc đối tượng nhúng, lưu lại rồi tải lên lại."
        )
    return ""


def _check_docx(data: bytes, name: str, facts: UploadFacts) -> None:
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            too_large = _docx_inner_failure(zf, len(data), name)
            if too_large:
                facts.failures.append(too_large)
                return
            if zf.testzip() is not None:
                raise zipfile.BadZipFile("CRC")
            app_xml = zf.read("docProps/app.xml") if "docProps/app.xml" in zf.namelist() else b""
        docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds on a broken package
        facts.failures.append(_corrupt(name, "docx"))
        return
    m = re.search(rb"<Pages>(\d+)</Pages>", app_xml)
    if m and int(m.group(1)) > 0:
        facts.page_amount = int(m.group(1))


def _check_office_zip(data: bytes, name: str, facts: UploadFacts) -> None:
    """An ODT or XLSX: a whole ZIP that does not inflate past the DOCX limits
    (LibreOffice reads the rest when it converts, under a time limit)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            too_large = _docx_inner_failure(zf, len(data), name)
            if too_large:
                facts.failures.append(too_large.replace("tài liệu Word", kind_label(facts.kind)))
                return
            if zf.testzip() is not None:
                raise zipfile.BadZipFile("CRC")
    except Exception:  # zipfile raises several kinds on a broken archive
        facts.failures.append(_corrupt(name, facts.kind))


def _check_nothing_more(data: bytes, name: str, facts: UploadFacts) -> None:
    """DOC, XLS, RTF: the bytes said what the file is; whether LibreOffice can
    read it is found when capture converts it (and said in Vietnamese then)."""


def _check_image(data: bytes, name: str, facts: UploadFacts) -> None:
    from PIL import Image, ImageFile

    # WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES on import,
    # which makes a truncated JPEG decode "successfully" with grey pixels.
    tolerant = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.verify()
        with Image.open(io.BytesIO(data)) as im:
            im.load()  # verify() misses truncated pixel data; decoding does not
    except Exception:  # Pillow raises OSError, SyntaxError, ValueError …
        facts.failures.append(_corrupt(name, facts.kind))
        return
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    facts.page_amount = 1
