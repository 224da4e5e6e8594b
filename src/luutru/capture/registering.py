"""From an item's text to a registered document: the header read as fields, the
secrecy its marks suggest, the signatures checked, the document created."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import PurePosixPath

from luutru.capture import signatures, stamps
from luutru.capture.header import parse_header
from luutru.capture.models import DocumentText, ImportItem, TextMethod
from luutru.capture.trust import active_roots, store_findings
from luutru.orgs.models import Secrecy
from luutru.registry.content import UploadFacts
from luutru.registry.services import create_document
from luutru.storage.services import open_blob

REVIEW_THRESHOLD = 0.9
FIELD_LABELS = {
    "issuer_parent": "Cơ quan cấp trên",
    "issuer": "Cơ quan ban hành",
    "organ_name": "Tác giả văn bản",
    "motto": "Tiêu đề (Đảng / Quốc hiệu)",
    "code_number": "Số văn bản",
    "code_notation": "Ký hiệu văn bản",
    "doc_type": "Tên loại văn bản",
    "type_name": "Tên loại văn bản",
    "place": "Địa danh",
    "issued_date": "Ngày tháng văn bản",
    "subject": "Trích yếu nội dung",
    "secrecy": "Độ mật",
    "urgency": "Độ khẩn",
    "signer_authority": "Thẩm quyền ký (TM., KT., TL., TUQ., Q.)",
    "signer_position": "Chức vụ người ký",
    "signer_full_name": "Người ký",
    "cited": "Văn bản được dẫn",
}
# Metadata keys read from the header and kept as printed (no form edits them).
PRINTED = ("issuer", "issuer_parent", "place", "citations")


def parse(
    text: str, org, *, ocr: bool = False, unsure: list[str] | tuple[str, ...] = ()
) -> tuple[dict, dict, list[str]]:
    """Header fields as JSON ({name: {value, confidence}}), the metadata for the
    registry, and the low-confidence fields, each as "label (why)". ``ocr``: the
    text was read from a scan (fields no list can check are then not confident);
    ``unsure``: the words OCR itself doubts (``ocr.UNSURE``)."""
    header = parse_header(text or "", org=org, ocr=ocr, unsure=unsure if ocr else ())
    fields = {
        k: {"value": _jsonable(f.value), "confidence": round(float(f.confidence), 3)}
        for k, f in header.fields.items()
    }
    # Which field and why ("Trích yếu nội dung: đọc từ ảnh quét, …"), one per label.
    low: dict[str, str] = {}
    for key in header.uncertain(REVIEW_THRESHOLD):
        label = FIELD_LABELS.get(key, key)
        low.setdefault(label, f"{label} ({header.why(key, REVIEW_THRESHOLD)})")
    return fields, header.metadata(), list(low.values())


def parsed_metadata(item: ImportItem) -> dict:
    """The registry metadata read from an item's text (for the review form)."""
    ocr = item.text_method == TextMethod.OCR
    return parse(item.text, item.batch.org, ocr=ocr, unsure=item.ocr_unsure)[1]


def _jsonable(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "pk"):  # a rules.DocumentType
        return value.pk
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def secrecy_from_text(item: ImportItem, fields: dict, metadata: dict) -> str:
    """Set the item's secrecy from the mark the parser read or the highest one a
    stamp-like line suggests (the document is registered at that level); return why
    a person must confirm it, or "" when the mark was read clearly."""
    seen = fields.get("secrecy") or {}
    read = int(seen.get("value") or 0)
    suspected = stamps.suspected_secrecy(item.text)
    level = max(read, suspected)
    if not item.secrecy_confirmed:
        item.secrecy = max(item.secrecy, level)
    if level > int(metadata.get("secrecy") or 0):
        metadata["secrecy"] = level
    if suspected > read or (read and float(seen.get("confidence", 0)) < REVIEW_THRESHOLD):
        label = Secrecy(level).label.upper()
        return (
            f"Có thể là văn bản {label}: đầu văn bản có dấu độ mật đọc chưa rõ. Tệp chỉ người "
            f"nhập và người được tiếp cận độ “{Secrecy(level).label}” xem được cho đến khi độ mật "
            "được xác nhận; hãy so với ảnh trang và xác nhận độ mật."
        )
    return ""


def check_signatures(item: ImportItem, data: bytes | None = None) -> list:
    """The item's PDF signatures (``signatures.Finding``) checked offline
    against the loaded CA roots."""
    blob = item.blob
    if item.kind != "pdf" or blob is None:
        return []
    if data is None:
        with open_blob(blob) as f:
            data = f.read()
    if not signatures.looks_signed(data):
        return []
    return signatures.verify_pdf(data, active_roots())


UNTRUSTED_NEXT = (
    "Hãy xác minh người ký với cơ quan gửi; nếu tổ chức cấp chứng thư “{issuer}” là CA "
    "được phép tin cậy, đề nghị quản trị viên nạp CA gốc của tổ chức đó "
    "(lệnh luutru trust_roots add) rồi xác nhận văn bản."
)


def signature_reasons(findings: list) -> list[str]:
    """Why a person must look at these signatures (broken, untrusted, unreadable),
    each with what to do next."""
    out = []
    for f in findings:
        if f.verdict not in signatures.CAPTURE_REVIEW:
            continue
        reason = f.summary()
        if f.verdict == signatures.Verdict.UNTRUSTED:
            reason += " " + UNTRUSTED_NEXT.format(issuer=f.issuer or "không rõ")
        out.append(reason)
    return out


def register_document(
    actor, item: ImportItem, metadata: dict, findings=None, *, data: bytes | None = None
) -> list[str]:
    """Register the item's file (its bytes, ``data`` when already read) as a
    document with ``metadata`` and move the extracted text onto it, with the
    verdict on its digital signatures (``findings``, checked here when not
    given); return the registry's warnings. Call inside a transaction."""
    # What the header prints (issuer, place, cited documents) is kept as read, also
    # when a person confirms the item through the review form, which does not show it.
    missing = [k for k in PRINTED if k not in metadata]
    if missing and item.text:
        parsed = parsed_metadata(item)
        metadata = {**{k: parsed.get(k) for k in missing}, **metadata}
    blob = item.blob
    assert blob is not None  # an item without a file fails before it can be registered
    stored = None
    if item.kind == "pdf" and item.pages:
        # The intake stored these bytes and inspected them (``inspect_upload``: a PDF
        # that opens, unencrypted, its pages counted by pdfium, as extraction counts them).
        stored = (blob, UploadFacts(kind="pdf", mime=blob.mime, page_amount=item.pages))
    with io.BytesIO(data) if data is not None else open_blob(blob) as content:
        doc, warnings = create_document(
            actor,
            item.batch.org,
            content=content,
            filename=PurePosixPath(item.name).name,
            metadata=metadata,
            direction=item.batch.direction,
            stored=stored,
        )
    DocumentText.objects.create(  # the document is new: it has no text yet
        document=doc,
        text=item.text,
        method=item.text_method or TextMethod.NONE,
        pages=item.pages,
        ocr_blob=item.ocr_blob,
    )
    item.document = doc
    item.text = ""  # kept once, in DocumentText
    findings = check_signatures(item) if findings is None else findings
    if findings:
        store_findings(actor, doc, findings)
    return warnings
