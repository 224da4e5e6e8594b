"""What the worker does with one uploaded scan (``tasks.read_scan``): split it
into pages, measure each (ink, skew, resolution), keep a preview image, read
the text through capture's OCR (Tesseract, one process per core), and put the
text in the search index of its paper dossier. Run twice, it does nothing the
second time; it always ends in a visible state (done, no OCR here, failed)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from luutru.capture import ocr
from luutru.digitization import pages
from luutru.digitization.models import Page, Scan, ScanState
from luutru.search.services import enqueue
from luutru.storage.services import open_blob, put_blob_bytes

log = logging.getLogger(__name__)


def process_scan(scan_id: int, *, known_text: list[str] | None = None) -> str:
    """Measure and read one scan; return its end state. ``known_text`` (one text
    a page) stands for the OCR where the text is already known (the demo draws
    its pages from text)."""
    scan = Scan.objects.select_related("blob").filter(pk=scan_id).first()
    if scan is None:
        return "gone"
    if scan.state != ScanState.QUEUED:
        return scan.state
    with open_blob(scan.blob) as f:
        data = f.read()
    try:
        rows = []
        for n, p in enumerate(pages.page_images(data, scan.kind), start=1):
            preview = put_blob_bytes(pages.preview_jpeg(p.image), "image/jpeg")
            rows.append(
                Page(
                    scan=scan,
                    number=n,
                    preview=preview,
                    width=p.image.width,
                    height=p.image.height,
                    dpi=p.dpi,
                    ink=round(pages.ink_ratio(p.image), 5),
                    skew=pages.skew_angle(p.image),
                )
            )
    except Exception as exc:  # noqa: BLE001 a broken file ends as failed, named
        log.info("scan %s unreadable: %s", scan_id, exc)
        return _fail(scan_id, "Không đọc được các trang của tệp; hãy quét lại và tải lên lại.")
    state, pdf = ScanState.DONE, None
    texts: list[str] = []
    if known_text is not None:
        texts = list(known_text)
    elif ocr.available():
        try:
            source, kind = (pages.as_pdf(data), "pdf") if scan.kind == "tiff" else (data, scan.kind)
            result = ocr.run_ocr(source, kind, header_pass=False)
        except ocr.OcrError as exc:
            return _fail(scan_id, str(exc))
        # Tesseract parts the pages of one run with form feeds.
        texts = [t.strip() for t in result.text.split("\f")]
        pdf = put_blob_bytes(result.pdf, "application/pdf")
    else:
        state = ScanState.NO_OCR
    for i, row in enumerate(rows):
        row.text = texts[i] if i < len(texts) else ""
    if len(texts) > len(rows) and rows:
        rows[-1].text = "\n".join([rows[-1].text, *texts[len(rows) :]]).strip()
    with transaction.atomic():
        locked = Scan.objects.select_for_update().get(pk=scan_id)
        if locked.state != ScanState.QUEUED:
            return locked.state
        Page.objects.bulk_create(rows)
        locked.state, locked.ocr_pdf, locked.done_at = state, pdf, timezone.now()
        locked.save(update_fields=["state", "ocr_pdf", "done_at"])
        enqueue("paperdossier", [locked.dossier_id])
    return state


def _fail(scan_id: int, message: str) -> str:
    Scan.objects.filter(pk=scan_id, state=ScanState.QUEUED).update(
        state=ScanState.FAILED, error=message[:500], done_at=timezone.now()
    )
    return ScanState.FAILED
