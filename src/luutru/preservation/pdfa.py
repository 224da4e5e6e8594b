"""PDF/A preservation copies of documents.

A PDF is checked first: one that already declares PDF/A (its XMP ``pdfaid``) is
its own preservation copy. Another is made PDF/A-2b by pikepdf, which writes the
XMP and the sRGB output intent and then validates the bytes it wrote: only a
file that passes is kept. One that cannot pass (a font not embedded, say) keeps
its original, with the reason; Ghostscript is not used, because the version
Debian ships damages PDFs that already carry text (OCRmyPDF refuses it for that
reason). Office files go through LibreOffice (capture's converter), which
writes PDF/A-2b itself."""

from __future__ import annotations

import io
from importlib.metadata import version

PDFA = "2b"


class NotConverted(Exception):
    """The document cannot be made PDF/A here; the message says why (Vietnamese)."""


def pikepdf_agent() -> str:
    return f"pikepdf {version('pikepdf')} (PDF/A-{PDFA.upper()}, tự kiểm tra bản đã ghi)"


def pdfa_level(data: bytes) -> str:
    """The PDF/A part and conformance the file declares ("2B"), or "" (none, or not a PDF)."""
    import pikepdf  # lazy: a heavy library

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return str(pdf.open_metadata().pdfa_status or "")
    except (pikepdf.PdfError, ValueError, OSError):
        return ""


def pdf_to_pdfa(data: bytes) -> bytes:
    """``data`` (a PDF) as a validated PDF/A-2b, or NotConverted."""
    import pikepdf
    import pikepdf.pdfa

    out = io.BytesIO()
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                # Page transitions (slide shows) are presentation only; some
                # writers (ReportLab) add an empty one to every page.
                if "/Trans" in page.obj:
                    del page.obj["/Trans"]
            pikepdf.pdfa.save(pdf, out, PDFA, output_intent="sRGB")
    except pikepdf.pdfa.PdfaError as exc:
        first = next((line.strip() for line in str(exc).splitlines()[1:] if line.strip()), "")
        raise NotConverted(
            "Không chuyển được sang PDF/A-2b mà vẫn giữ đúng nội dung"
            + (f" ({first[:300]})" if first else "")
        ) from None
    except (pikepdf.PdfError, ValueError, OSError) as exc:
        raise NotConverted(f"Tệp PDF không đọc được ({exc.__class__.__name__}).") from None
    return out.getvalue()
