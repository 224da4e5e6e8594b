"""OCR with Tesseract (`vie` alone): a searchable PDF/A and its text.

One Tesseract run per file writes both the text and a PDF of the page images
with the recognised words as an invisible layer (Tesseract's own PDF
renderer); pikepdf then declares it PDF/A-2b (XMP metadata, sRGB output
intent) and validates the bytes it wrote. This costs little more than
Tesseract alone; OCRmyPDF's pipeline (rasterising again, Ghostscript's PDF/A
pass) cost 1.5–2× as much and is kept only as the fallback for a file whose
PDF/A does not validate.

Tesseract runs with ``OMP_THREAD_LIMIT=1``: parallelism comes from running one
worker process per core (DESIGN.md §3), under a time limit per page, so a bad
scan never hangs a worker.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from luutru.capture import header_ocr, ink, tesseract
from luutru.capture.vietnamese import syllable_share

log = logging.getLogger(__name__)

LANGUAGE = tesseract.LANGUAGE
IMAGE_DPI = 200  # assumed for images that do not say their resolution
PDF_DPI = 300  # a scanned PDF page whose images do not say theirs is read at this
PDF_DPI_RANGE = (150, 400)  # a PDF page is rendered at its images' resolution, within this
SECONDS_PER_PAGE = 120
# A word Tesseract reads with less confidence (0-100) than this is not taken as read.
# Chosen on the open part of bench/extraction: at 50 it caught half of the scan
# fields the parser was sure of but wrong, and set aside 4 % of the right ones.
UNSURE = 50
READABLE = 0.5  # below this share of real syllables, the page is read again, turned
WORD = re.compile(r"[^\W\d_]{2,}")
PDFA = "2b"


class OcrError(Exception):
    """OCR did not produce a result; the message is for the user (Vietnamese)."""


@dataclass
class OcrResult:
    pdf: bytes
    text: str
    # The words Tesseract itself gave a low confidence (``UNSURE``), once each: a
    # header field holding one is not taken as read (``parse_header(unsure=…)``).
    unsure: list[str] = field(default_factory=list)


def available() -> bool:
    """Is Tesseract with the Vietnamese model installed here?"""
    if os.environ.get("LUUTRU_NO_OCR") == "1":
        return False
    return LANGUAGE in tesseract.listed()[1]


def run_ocr(
    data: bytes,
    kind: str,
    *,
    pages: int | None = None,
    header_pass: bool = True,
) -> OcrResult:
    """OCR ``data`` (a PDF or an image); ``pages`` limits OCR to the first pages.

    Pages are read as they lie first; only when the result is not Vietnamese
    (an upside-down or sideways scan) is each page's orientation asked of
    Tesseract (OSD) and the turned pages read again, so upright pages do not pay
    for a second pass. With ``header_pass``, the header band of an upright page 1
    is read again when the first reading lacks a motto or type line, and the
    lines Tesseract dropped are put back (``header_ocr``)."""
    with tempfile.TemporaryDirectory(prefix="luutru-ocr-") as name:
        tmp = Path(name)
        images = _page_images(data, kind, pages, tmp)
        text, pdf, unsure = _tesseract(images, tmp / "thang")
        if readable(text) < READABLE:
            turned = _turned(images, tmp)
            if turned:
                turned_text, turned_pdf, turned_unsure = _tesseract(turned, tmp / "xoay")
                if readable(turned_text) > readable(text):
                    # Turned pages: the band of the file's page 1 is not the header.
                    result = _as_pdfa(turned_pdf, turned_text, data, kind, pages)
                    result.unsure = turned_unsure
                    return result
        if header_pass:
            # Page 1's ink, whitened for the first reading, is not looked for again.
            page1 = header_ocr.Page1(images[0].read, images[0].dpi)
            text, _ = header_ocr.recover(data, kind, text, page1)
        result = _as_pdfa(pdf, text, data, kind, pages)
        result.unsure = unsure
        return result


def readable(text: str) -> float:
    """Share of words that are Vietnamese syllables (upside-down OCR gives ~0.2)."""
    return syllable_share(WORD.findall(text or ""))


@dataclass
class _Page:
    path: Path  # the page as it is kept
    dpi: int
    # The page as OCR reads it, when that differs: a colour scan's seal, signature
    # and "ĐẾN" stamp whitened (``ink.whitened``).
    read: Path | None = None


def _unreadable(exc: Exception | None = None) -> OcrError:
    detail = f" ({exc.__class__.__name__}: {str(exc)[:200]})" if exc and str(exc) else ""
    return OcrError(
        f"Không nhận dạng được ký tự trên bản quét{detail}. Hãy quét lại tài liệu rồi nhập lại."
    )


def _page_images(data: bytes, kind: str, pages: int | None, tmp: Path) -> list[_Page]:
    """The pages to read as image files: an image as it is; a PDF's first ``pages``
    pages rendered at the resolution of the images on them (a scan's own)."""
    from PIL import Image  # lazy: heavy library

    if kind in ("png", "jpeg"):
        path = tmp / ("trang-1.png" if kind == "png" else "trang-1.jpg")
        path.write_bytes(data)
        try:
            with Image.open(io.BytesIO(data)) as im:
                dpi = im.info.get("dpi")
                found = round(float(dpi[0])) if dpi else 0
                page = _Page(path, found if found >= 50 else IMAGE_DPI)
                page.read = _without_ink(im, page, tmp, 0)
        except (OSError, ValueError) as exc:
            raise _unreadable(exc) from None
        return [page]
    if kind != "pdf":
        raise ValueError(kind)
    import pypdfium2 as pdfium  # lazy: heavy library

    out: list[_Page] = []
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _unreadable(exc) from None
    try:
        for i in range(min(len(pdf), pages or len(pdf))):
            page = pdf[i]
            try:
                dpi = _page_dpi(page)
                stored = _stored_scan(page, dpi)
                image = None if stored else page.render(scale=dpi / 72).to_pil().convert("RGB")
            finally:
                page.close()
            path = tmp / f"trang-{i + 1}.{stored[1] if stored else 'jpg'}"
            out.append(_Page(path, dpi))
            if stored:
                path.write_bytes(stored[0])
                with Image.open(path) as scanned:
                    out[-1].read = _without_ink(scanned, out[-1], tmp, i)
                continue
            # JPEG: Tesseract's PDF keeps it as it is (a scan's colours, a few hundred KB a
            # page).
            assert image is not None  # rendered: the page is no stored scan
            image.save(path, "JPEG", quality=85, dpi=(dpi, dpi))
            out[-1].read = _without_ink(image, out[-1], tmp, i)
    finally:
        pdf.close()
    if not out:
        raise _unreadable()
    return out


def _without_ink(image, page: _Page, tmp: Path, index: int) -> Path | None:
    """The page with its coloured ink whitened, written for OCR to read; None when
    it has none (``ink.whitened``)."""
    clean = ink.whitened(image, page.dpi, first_page=index == 0)
    if clean is None:
        return None
    # BMP: nothing to compress (PNG cost as much as the whitening), and it keeps the dpi.
    path = tmp / f"doc-{index + 1}.bmp"
    clean.save(path, "BMP", dpi=(page.dpi, page.dpi))
    return path


def _stored_scan(page, dpi: int) -> tuple[bytes, str] | None:
    """A scanned page as the scanner stored it, when the page is that one upright
    image over the whole page at ``dpi`` and nothing else: its JPEG as it is, or
    (other filters: a fax's or a bitonal archive scan's) its pixels as PNG; with the
    file's suffix.
    Rendering the page resamples it (595.44 points at 200 dpi made 1,655 pixels of
    a 1,654-pixel scan), and Tesseract then dropped whole lines of a sparse page
    (a last page's signer). None for any other page, which is rendered."""
    import pypdfium2.raw as pdfium_c  # lazy: heavy libraries
    from PIL import Image

    try:
        # The page is the scan alone: a mark drawn or typed over it is drawn with it.
        objects = list(page.get_objects(max_depth=1))
        if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            return None
        scan = objects[0]
        a, b, c, d, _, _ = scan.get_matrix().get()
        width, height = page.get_size()
        if b or c or a <= 0 or d <= 0 or a * d < 0.95 * width * height:
            return None  # turned, flipped, or not the whole page
        px_w, px_h = scan.get_px_size()
        if abs(px_w - dpi * a / 72) > 2 or abs(px_h - dpi * d / 72) > 2:
            return None  # its resolution is out of the range read
        if scan.get_filters(skip_simple=True) == ["DCTDecode"]:  # ASCII85 over it is undone
            data = bytes(scan.get_data(decode_simple=True))
            with Image.open(io.BytesIO(data)) as im:
                if im.format == "JPEG" and im.mode in ("L", "RGB") and im.size == (px_w, px_h):
                    return data, "jpg"
            return None
        pixels = scan.get_bitmap(render=False).to_pil()
        if pixels.mode == "RGBX":
            pixels = pixels.convert("RGB")
        if pixels.mode not in ("1", "L", "RGB") or pixels.size != (px_w, px_h):
            return None
        out = io.BytesIO()
        pixels.save(out, "PNG", dpi=(dpi, dpi))
        return out.getvalue(), "png"
    except Exception:  # an odd image object: rendered instead
        return None


def _page_dpi(page) -> int:
    """The resolution of the largest image on a PDF page (``PDF_DPI`` if none says)."""
    import pypdfium2.raw as pdfium_c  # lazy: heavy library

    best = 0.0
    try:
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
            meta = obj.get_metadata()
            best = max(best, float(meta.horizontal_dpi or 0))
    except Exception:  # an odd image object: the default resolution reads it well enough
        best = 0
    low, high = PDF_DPI_RANGE
    return round(min(max(best, low), high)) if best else PDF_DPI


def _tesseract(
    images: list[_Page], base: Path, own_images: bool | None = None
) -> tuple[str, bytes, list[str]]:
    """One Tesseract reading of ``images``: (text, PDF with the text layer, the words
    it doubts) from its text, PDF and TSV renderers. PNG pages go into the PDF as
    they are (``own_images``, by default where they can): Tesseract then writes the
    words alone, not every page compressed again (a twentieth of its time)."""
    if len(images) == 1:
        source = images[0].read or images[0].path
    else:  # a list of files: one multi-page PDF, pages parted by form feeds in the text
        source = base.with_suffix(".list")
        source.write_text("".join(f"{p.read or p.path}\n" for p in images), encoding="utf-8")
    if own_images is None:  # a page read without its ink is shown as it was scanned
        own_images = all(_png_as_is(p.path) for p in images) or any(p.read for p in images)
    try:
        tesseract.read(
            source,
            base,
            ("txt", "pdf", "tsv"),
            dpi=_one_dpi(images),  # else each page's file says its own
            seconds=SECONDS_PER_PAGE * len(images),
            textonly_pdf=own_images,
        )
    except tesseract.TimedOut:
        raise OcrError(
            f"Nhận dạng ký tự quá {SECONDS_PER_PAGE} giây mỗi trang nên đã dừng. "
            "Hãy quét lại tài liệu (rõ hơn, đúng chiều) rồi nhập lại."
        ) from None
    except tesseract.Missing:
        raise OcrError("Máy chủ chưa cài Tesseract nên chưa nhận dạng được ký tự.") from None
    except tesseract.Failed as exc:
        log.info("tesseract failed: %s", exc)
        raise _unreadable() from None
    text = base.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
    tsv = base.with_suffix(".tsv").read_text(encoding="utf-8", errors="replace")
    unsure = unsure_words(tsv)
    pdf = base.with_suffix(".pdf").read_bytes()
    text = text.replace("\r\n", "\n").strip()
    if not own_images:
        return text, pdf, unsure
    try:
        return text, _under_words(images, pdf), unsure
    except Exception as exc:  # an image img2pdf refuses: Tesseract's own renderer then
        log.info("pages not embedded as they are (%s): Tesseract's PDF instead", exc)
        return _tesseract([_Page(p.path, p.dpi) for p in images], base, own_images=False)


def _one_dpi(images: list[_Page]) -> int | None:
    """The resolution every page has, if they share one."""
    dpis = {p.dpi for p in images}
    return dpis.pop() if len(dpis) == 1 else None


def _png_as_is(path: Path) -> bool:
    """Can this page go into the PDF as its file is: a PNG whose compressed data a
    PDF image takes unchanged (not interlaced, no transparency, grey, colour or
    black and white)?"""
    from PIL import Image  # lazy: heavy library

    if path.suffix != ".png":
        return False
    try:
        with Image.open(path) as im:  # reads the chunks before the pixels, not the pixels
            plain = im.format == "PNG" and im.mode in ("1", "L", "RGB")
            return plain and not {"transparency", "interlace"} & im.info.keys()
    except (OSError, ValueError):
        return False


def _under_words(images: list[_Page], words: bytes) -> bytes:
    """The page images (PNG data as it is, by img2pdf) with Tesseract's text-only
    PDF laid over each page: the PDF its own renderer writes, without compressing
    every page again. Each page is as large as its image at its resolution."""
    import img2pdf  # lazy: heavy libraries
    import pikepdf

    # At the resolution Tesseract was told (``_one_dpi``), else each file's own.
    dpi = _one_dpi(images)
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)) if dpi else None
    scans = img2pdf.convert(
        [str(p.path) for p in images], layout_fun=layout, rotation=img2pdf.Rotation.none
    )
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(scans)) as doc, pikepdf.open(io.BytesIO(words)) as text:
        if len(doc.pages) != len(text.pages):
            raise ValueError(f"{len(doc.pages)} pages, {len(text.pages)} of text")
        for page, layer in zip(doc.pages, text.pages, strict=True):
            page.add_overlay(layer, None)  # over the whole page
        doc.save(out)
    return out.getvalue()


def unsure_words(tsv: str) -> list[str]:
    """The words of Tesseract's TSV output (level 5 rows) read with a confidence
    under ``UNSURE``, once each, in reading order."""
    seen: dict[str, None] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        try:
            confidence = float(cells[10])
        except ValueError:
            continue
        if confidence < UNSURE:
            seen.setdefault(cells[11].strip(), None)
    return list(seen)


OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")


def _turned(images: list[_Page], tmp: Path) -> list[_Page] | None:
    """The pages turned upright as Tesseract's orientation check (OSD) says; an
    unsure check turns the page over (a scan fed upside down). None: all upright."""
    from PIL import Image  # lazy: heavy library

    exe = shutil.which("tesseract")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    out: list[_Page] = []
    turned = False
    for n, page in enumerate(images):
        angle = 180
        try:
            osd = subprocess.run(
                [
                    exe or "tesseract",
                    str(page.path),
                    "stdout",
                    "--psm",
                    "0",
                    "--dpi",
                    str(page.dpi),
                ],
                capture_output=True,
                env=env,
                timeout=SECONDS_PER_PAGE,
                check=False,
            )
            if m := OSD_ROTATE.search(osd.stdout.decode("utf-8", "replace")):
                angle = int(m.group(1)) % 360
        except (OSError, subprocess.TimeoutExpired):
            pass
        if not angle:
            out.append(page)
            continue
        turned = True
        path = tmp / f"xoay-{n + 1}{page.path.suffix}"
        with Image.open(page.path) as im:
            # OSD says how far to turn clockwise; PIL turns anticlockwise.
            im.rotate(-angle, expand=True).save(path, dpi=(page.dpi, page.dpi))
        out.append(_Page(path, page.dpi))
    return out if turned else None


def _as_pdfa(pdf: bytes, text: str, data: bytes, kind: str, pages: int | None) -> OcrResult:
    """Tesseract's PDF declared PDF/A-2b by pikepdf, which validates what it wrote;
    should that fail, the file goes through OCRmyPDF (Ghostscript's PDF/A) instead."""
    import pikepdf  # lazy: heavy library
    import pikepdf.pdfa

    out = io.BytesIO()
    try:
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            pikepdf.pdfa.save(doc, out, PDFA, output_intent="sRGB")
    except (pikepdf.PdfError, pikepdf.pdfa.PdfaError, ValueError) as exc:
        log.warning("Tesseract's PDF is not PDF/A-%s (%s): OCRmyPDF makes it", PDFA, exc)
        return OcrResult(pdf=_ocrmypdf(data, kind, pages=pages, rotate=True).pdf, text=text)
    return OcrResult(pdf=out.getvalue(), text=text)


def _ocrmypdf(data: bytes, kind: str, *, pages: int | None, rotate: bool) -> OcrResult:
    # In this process (the worker's main thread): starting a Python and importing
    # OCRmyPDF for each page cost as much as Tesseract itself.
    import ocrmypdf  # lazy: a heavy library, loaded only where OCR runs
    from ocrmypdf.exceptions import ExitCodeException

    os.environ["OMP_THREAD_LIMIT"] = "1"  # read by each Tesseract it starts
    logging.getLogger("ocrmypdf").setLevel(logging.ERROR)
    suffix = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png"}[kind]
    with tempfile.TemporaryDirectory(prefix="luutru-ocr-") as tmp:
        src = Path(tmp) / f"vao{suffix}"
        out = Path(tmp) / "ra.pdf"
        sidecar = Path(tmp) / "chu.txt"
        src.write_bytes(data)
        options: dict[str, Any] = {  # OCRmyPDF's keyword options, each of its own type
            "language": [LANGUAGE],
            "jobs": 1,
            "output_type": "pdfa",
            "sidecar": str(sidecar),
            "force_ocr": True,
            "progress_bar": False,
            # Ghostscript's PDF/A pass already compresses; OCRmyPDF's optimizer
            # would spend as long again for a few percent.
            "optimize": 0,
            "tesseract_timeout": SECONDS_PER_PAGE,
        }
        if rotate:
            # A header-only page gives the orientation detector little text;
            # the default threshold (14) leaves such upside-down scans as they are.
            options.update(rotate_pages=True, rotate_pages_threshold=5)
        if kind != "pdf":
            options["image_dpi"] = IMAGE_DPI
        if pages:
            options["pages"] = f"1-{pages}"
        try:
            ocrmypdf.ocr(str(src), str(out), **options)
        except (ExitCodeException, OSError, ValueError, RuntimeError) as exc:
            raise OcrError(
                "Không nhận dạng được ký tự trên bản quét"
                + (f" ({exc.__class__.__name__}: {str(exc)[:200]})" if str(exc) else "")
                + ". Hãy quét lại tài liệu rồi nhập lại."
            ) from None
        if not out.exists():
            raise OcrError("Không nhận dạng được ký tự trên bản quét. Hãy quét lại rồi nhập lại.")
        text = sidecar.read_text(encoding="utf-8", errors="replace") if sidecar.exists() else ""
        # OCRmyPDF marks pages it skipped with a bracketed note.
        text = "\n".join(line for line in text.splitlines() if not line.startswith("[OCR skipped"))
        return OcrResult(pdf=out.read_bytes(), text=text)
