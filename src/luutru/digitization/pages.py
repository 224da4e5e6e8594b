"""A scan's pages as images, and what is measured on each: how much ink it
carries (a blank page carries almost none), how far it is turned (projection
profile: the rows of a straight text page alternate between ink and paper, so
the row sums vary most at the angle that straightens it), and its resolution.

Files are recognised by their first bytes, not their names."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps

MAX_PAGES = 500  # a file of more pages is refused (a box is scanned in several files)
MAX_PIXELS = 60_000_000  # ~A3 at 600 dpi; more is a broken or hostile file
PREVIEW_WIDTH = 1200
MEASURE_WIDTH = 800
SKEW_WIDTH = 600
INK_LEVEL = 150  # grey below this is ink (0 black, 255 white)
PDF_DPI = 200  # a PDF page is rendered at this for measures and preview


class Unreadable(ValueError):
    """The file is not an image or PDF we can read (message in Vietnamese)."""


def kind_of(data: bytes) -> str | None:
    """ "jpeg", "png", "tiff", "pdf" by the file's first bytes; None otherwise."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    return None


def count_pages(data: bytes, kind: str) -> int:
    """How many pages the file holds; ``Unreadable`` if it cannot be opened."""
    if kind == "pdf":
        import pypdfium2 as pdfium  # lazy: heavy library

        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise Unreadable(f"Không mở được tệp PDF ({exc}).") from None
        try:
            return len(pdf)
        finally:
            pdf.close()
    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.width * im.height > MAX_PIXELS:
                raise Unreadable("Ảnh quá lớn (quá 60 triệu điểm ảnh một trang).")
            im.verify()
        with Image.open(io.BytesIO(data)) as im:
            return int(getattr(im, "n_frames", 1))
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        if isinstance(exc, Unreadable):
            raise
        raise Unreadable(f"Không đọc được ảnh ({exc.__class__.__name__}).") from None


@dataclass
class PageImage:
    image: Image.Image  # RGB
    dpi: int | None


def page_images(data: bytes, kind: str) -> Iterator[PageImage]:
    """Each page of the file as an RGB image with its resolution (if it says)."""
    if kind == "pdf":
        import pypdfium2 as pdfium  # lazy: heavy library

        pdf = pdfium.PdfDocument(data)
        try:
            for i in range(min(len(pdf), MAX_PAGES)):
                page = pdf[i]
                try:
                    image = page.render(scale=PDF_DPI / 72).to_pil().convert("RGB")
                finally:
                    page.close()
                yield PageImage(image, PDF_DPI)
        finally:
            pdf.close()
        return
    with Image.open(io.BytesIO(data)) as im:
        for i in range(min(int(getattr(im, "n_frames", 1)), MAX_PAGES)):
            im.seek(i)
            dpi = im.info.get("dpi")
            found = round(float(dpi[0])) if dpi and float(dpi[0]) >= 1 else None
            yield PageImage(ImageOps.exif_transpose(im).convert("RGB"), found)


def _grey(image: Image.Image, width: int) -> np.ndarray:
    grey = image.convert("L")
    if grey.width > width:
        grey = grey.resize((width, max(1, round(grey.height * width / grey.width))))
    return np.asarray(grey)


def ink_ratio(image: Image.Image) -> float:
    """Share of the page's pixels that are ink (dark), measured at screen size."""
    grey = _grey(image, MEASURE_WIDTH)
    return float((grey < INK_LEVEL).mean()) if grey.size else 0.0


def _profile_score(ink: Image.Image, angle: float) -> float:
    turned = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0))
    rows = turned.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def skew_angle(image: Image.Image, *, limit: float = 8.0) -> float:
    """How many degrees the page's lines are turned anticlockwise (negative:
    clockwise), within ±``limit``; 0 for a page with too little ink to say."""
    grey = _grey(image, SKEW_WIDTH)
    mask = grey < INK_LEVEL
    if mask.mean() < 0.0005:
        return 0.0
    ink = Image.fromarray((mask * 255).astype(np.uint8))
    # Coarse, then fine around the best: ~30 rotations of a small image.
    best = max(np.arange(-limit, limit + 0.01, 1.0), key=lambda a: _profile_score(ink, -a))
    fine = np.arange(best - 0.8, best + 0.81, 0.2)
    best = max(fine, key=lambda a: _profile_score(ink, -a))
    return round(float(best), 1)


def preview_jpeg(image: Image.Image) -> bytes:
    """The page as the screen shows it: JPEG, at most ``PREVIEW_WIDTH`` wide."""
    shown = image
    if image.width > PREVIEW_WIDTH:
        shown = image.resize((PREVIEW_WIDTH, round(image.height * PREVIEW_WIDTH / image.width)))
    out = io.BytesIO()
    shown.save(out, "JPEG", quality=80)
    return out.getvalue()


def as_pdf(data: bytes) -> bytes:
    """A TIFF's pages as one PDF (what capture's OCR reads), each at its resolution."""
    frames = list(page_images(data, "tiff"))
    out = io.BytesIO()
    first, rest = frames[0], frames[1:]
    dpi = first.dpi or 200
    first.image.save(
        out, "PDF", resolution=float(dpi), save_all=True, append_images=[f.image for f in rest]
    )
    return out.getvalue()
