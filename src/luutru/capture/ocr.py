"""OCR through OCRmyPDF and Tesseract (`vie` alone): a searchable PDF/A and its text.

Each call is one OCRmyPDF subprocess with one job and ``OMP_THREAD_LIMIT=1``:
parallelism comes from running one worker process per core (DESIGN.md §3),
and a subprocess can be given a time limit, so a bad scan never hangs a worker.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

LANGUAGE = "vie"  # "vie+eng" drops diacritics
IMAGE_DPI = 200  # assumed for images that do not say their resolution
SECONDS_PER_PAGE = 120


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


def run_ocr(data: bytes, kind: str, *, pages: int | None = None) -> OcrResult:
    """OCR ``data`` (a PDF or an image); ``pages`` limits OCR to the first pages."""
    suffix = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png"}[kind]
    with tempfile.TemporaryDirectory(prefix="luutru-ocr-") as tmp:
        src = Path(tmp) / f"vao{suffix}"
        out = Path(tmp) / "ra.pdf"
        sidecar = Path(tmp) / "chu.txt"
        src.write_bytes(data)
        cmd = [
            sys.executable,
            "-m",
            "ocrmypdf",
            "--language",
            LANGUAGE,
            "--jobs",
            "1",
            "--rotate-pages",
            # A header-only page gives the orientation detector little text;
            # the default threshold (14) leaves such upside-down scans as they are.
            "--rotate-pages-threshold",
            "5",
            "--output-type",
            "pdfa",
            "--sidecar",
            str(sidecar),
            "--quiet",
            "--mode",
            "force",
            # Ghostscript's PDF/A pass already compresses; OCRmyPDF's optimizer
            # would spend as long again for a few percent.
            "--optimize",
            "0",
        ]
        if kind != "pdf":
            cmd += ["--image-dpi", str(IMAGE_DPI)]
        if pages:
            cmd += ["--pages", f"1-{pages}"]
        cmd += [str(src), str(out)]
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        timeout = SECONDS_PER_PAGE * (pages or 1) + 60
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, timeout=timeout, env=env, check=False
            )
        except subprocess.TimeoutExpired:
            raise OcrError(
                f"Nhận dạng ký tự quá {timeout // 60} phút nên đã dừng. "
                "Hãy quét lại tài liệu rõ hơn (200–300 dpi) rồi nhập lại."
            ) from None
        if proc.returncode != 0 or not out.exists():
            detail = (proc.stderr or proc.stdout).strip().splitlines()
            raise OcrError(
                "Không nhận dạng được ký tự trên bản quét"
                + (f" (OCRmyPDF: {detail[-1][:200]})" if detail else "")
                + ". Hãy quét lại tài liệu rồi nhập lại."
            )
        text = sidecar.read_text(encoding="utf-8", errors="replace") if sidecar.exists() else ""
        # OCRmyPDF marks pages it skipped with a form feed and a bracketed note.
        text = "\n".join(line for line in text.splitlines() if not line.startswith("[OCR skipped"))
        return OcrResult(pdf=out.read_bytes(), text=text)
