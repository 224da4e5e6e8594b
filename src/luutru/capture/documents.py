"""Text for a document entered through the registry form: the same text path as a
batch item (``formats``), without the header (a person typed it)."""

from __future__ import annotations

from luutru.capture import formats, ocr, signatures
from luutru.capture.models import DocumentText, TextMethod
from luutru.capture.trust import active_roots, store_findings
from luutru.registry.content import MIME
from luutru.registry.models import Document
from luutru.storage.services import open_blob, put_blob_bytes

KIND_OF_MIME = {mime: kind for kind, mime in MIME.items()}


def extract_document_text(document_id: int, *, inline_ocr: bool = True) -> str:
    """Give a document entered through the registry form its text (extract, OCR)."""
    doc = Document.objects.select_related("blob").filter(pk=document_id).first()
    blob = doc.blob if doc is not None else None
    if doc is None or blob is None:
        return TextMethod.NONE
    existing = DocumentText.objects.filter(document=doc).first()
    if existing is not None and existing.method not in ("", TextMethod.NEEDS_OCR):
        return existing.method
    kind = KIND_OF_MIME.get(blob.mime, "")
    if not kind:
        return TextMethod.NONE
    with open_blob(blob) as f:
        data = f.read()
    try:
        fmt, extracted = formats.read(kind, data)
    except formats.CannotRead:
        return TextMethod.NONE
    ocr_blob = None
    if extracted.copy is not None:
        ocr_blob = put_blob_bytes(extracted.copy, "application/pdf")
    text, method = extracted.text, formats.method_of(fmt, extracted)
    if method == TextMethod.NEEDS_OCR and ocr.available() and inline_ocr:
        try:
            found = formats.recognise(kind, data, pages=extracted.pages, org=doc.org)
        except ocr.OcrError:
            pass
        else:
            ocr_blob = put_blob_bytes(found.pdf, "application/pdf")
            text, method = found.text, TextMethod.OCR
    DocumentText.objects.update_or_create(
        document=doc,
        defaults={"text": text, "method": method, "pages": extracted.pages, "ocr_blob": ocr_blob},
    )
    if kind == "pdf":
        _check_signatures(doc, data)
    return method


def _check_signatures(doc: Document, data: bytes) -> None:
    """A PDF entered through the registry form gets its signature verdict too
    (shown on its page; no capture item to send to review)."""
    if signatures.looks_signed(data) and not doc.signatures.exists():
        if found := signatures.verify_pdf(data, active_roots()):
            store_findings(None, doc, found)
