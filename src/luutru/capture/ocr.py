"""OCR through OCRmyPDF and Tesseract (`vie` alone): a searchable PDF/A and its text.

Each call runs OCRmyPDF with one job and ``OMP_THREAD_LIMIT=1``: parallelism
comes from running one worker process per core (DESIGN.md §3). Tesseract runs
under a time limit per page, so a bad scan never hangs a worker.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from luutru.capture import header_ocr
from luutru.capture.vietnamese import is_syllable

LANGUAGE = "vie"  # "vie+eng" drops diacritics
IMAGE_DPI = 200  # assumed for images that do not say their resolution
SECONDS_PER_PAGE = 120
READABLE = 0.5  # below this share of real syllables, the page is read again, turned
WORD = re.compile(r"[^\W\d_]{2,}")


class OcrError(Exception):
    """OCR did not produce a result; the message is for the user (Vietnamese)."""


@dataclass
class OcrResult:
    pdf: bytes
    text: str


def available() -> bool:
    """Is Tesseract with the Vietnamese model installed here?"""
    if os.environ.get("LUUTRU_NO_OCR") == "1":
        return False
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return LANGUAGE in out.stdout.split()


def run_ocr(
    data: bytes, kind: str, *, pages: int | None = None, header_pass: bool = True
) -> OcrResult:
    """OCR ``data`` (a PDF or an image); ``pages`` limits OCR to the first pages.

    Pages are read as they lie first; only when the result is not Vietnamese
    (an upside-down or sideways scan) is OCR run again with OCRmyPDF's
    orientation check, so upright pages do not pay for a second Tesseract pass.
    With ``header_pass``, the header band of an upright page 1 is read again and
    the lines Tesseract dropped are put back (``header_ocr``)."""
    result = _ocrmypdf(data, kind, pages=pages, rotate=False)
    if readable(result.text) < READABLE:
        turned = _ocrmypdf(data, kind, pages=pages, rotate=True)
        if readable(turned.text) > readable(result.text):
            return turned  # turned pages: the band of the file's page 1 is not the header
    if header_pass:
        result.text, _ = header_ocr.recover(data, kind, result.text)
    return result


def readable(text: str) -> float:
    """Share of words that are Vietnamese syllables (upside-down OCR gives ~0.2)."""
    words = WORD.findall(text or "")
    if not words:
        return 0.0
    return sum(is_syllable(w.lower()) for w in words) / len(words)


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
