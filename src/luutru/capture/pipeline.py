"""The capture pipeline, the same for every entry point (Paperless-ngx consumer style).

``intake`` runs the first two steps where the bytes are (the request, the
command): store the blob (deduplicated by SHA-256) and identify the real
format. ``process_item`` runs the rest in a worker: extract text → OCR →
parse the header → detect duplicates → register the document → index. Each
step is recorded on the item, and every item ends done, needing review,
duplicate, or failed with a Vietnamese reason.

Restarts: the item's state is in the database and each step is idempotent.
An item is claimed with a lease naming its process; a rerun reclaims items
whose lease ran out or whose process is gone. The document and the item's
link to it commit in one transaction, and blobs are content-addressed, so a
rerun never makes a second document. A kill between storing bytes and
committing their row (OCR output, made anew by the rerun) leaves a file no row
names: ``luutru fixity`` reports it and ``--clean`` removes it. A killed
worker's claim is a retry; only attempts that ended in an error count.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from pathlib import PurePosixPath

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from luutru.capture import ocr, office, stamps, steps
from luutru.capture.bundle import Incoming
from luutru.capture.models import (
    FINISHED_STATES,
    DocumentText,
    ImportBatch,
    ImportItem,
    ItemState,
    Step,
    TextMethod,
)
from luutru.core.errors import RuleViolation
from luutru.orgs.models import Secrecy
from luutru.registry.content import MIME, inspect_upload
from luutru.registry.models import Document
from luutru.storage.services import open_blob, put_blob_bytes

log = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=30)
# Attempts that ended in an error before an item fails (``ImportItem.errors``).
MAX_ERRORS = 3
# Claims before an item fails: a killed worker's claim is a retry, but a file
# that kills its worker every time must still end.
MAX_CLAIMS = 10
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
    "signer_position": "Chức vụ người ký",
    "signer_full_name": "Người ký",
    "cited": "Văn bản được dẫn",
}


def owner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# ---------------------------------------------------------------- intake


def intake(batch: ImportBatch, incoming: Incoming) -> ImportItem:
    """Store and identify one file; return its item (the existing one on a rerun)."""
    name = incoming.name
    existing = ImportItem.objects.filter(batch=batch, name=name).first()
    if existing is not None:
        return existing
    if incoming.failure:
        return ImportItem.objects.create(
            batch=batch,
            name=name,
            size=incoming.size,
            state=ItemState.FAILED,
            step=incoming.step,
            reason=incoming.failure,
        )
    data = incoming.data or b""
    facts = inspect_upload(data, PurePosixPath(name).name, _max_bytes())
    if not facts.ok:
        return ImportItem.objects.create(
            batch=batch,
            name=name,
            size=len(data),
            state=ItemState.FAILED,
            step=Step.STORE if not data else Step.IDENTIFY,
            reason=" ".join(facts.failures),
        )
    # The blob is written and fsynced before the row naming it commits; the
    # item commits with the blob row, so a blob row is never left unnamed.
    with transaction.atomic():
        blob = put_blob_bytes(data, facts.mime)
        return ImportItem.objects.create(
            batch=batch,
            name=name,
            size=len(data),
            blob=blob,
            kind=facts.kind,
            pages=facts.page_amount,
            state=ItemState.PENDING,
            step=Step.EXTRACT,
            progress=20,
        )


def _max_bytes() -> int:
    from django.conf import settings

    return settings.LUUTRU_MAX_UPLOAD_BYTES


# ---------------------------------------------------------------- claiming


def _pid_alive(owner: str) -> bool:
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's worker: trust its lease
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def claim(item_id: int, owner: str | None = None) -> ImportItem | None:
    """Take an unfinished item for this process, or None if another live one holds it."""
    owner = owner or owner_id()
    now = timezone.now()
    fields = {
        "state": ItemState.RUNNING,
        "owner": owner,
        "lease_until": now + LEASE,
        "attempts": F("attempts") + 1,
    }
    base = ImportItem.objects.filter(pk=item_id)
    taken = base.filter(
        Q(state=ItemState.PENDING)
        | Q(state=ItemState.RUNNING, lease_until__lt=now)
        | Q(state=ItemState.RUNNING, owner=owner)
    ).update(**fields)
    if not taken:
        current = base.filter(state=ItemState.RUNNING).values_list("owner", flat=True).first()
        if current is None or _pid_alive(current):
            return None
        # Its process died (kill -9, power cut): compare-and-set on the dead owner.
        if not base.filter(state=ItemState.RUNNING, owner=current).update(**fields):
            return None
    return ImportItem.objects.select_related("batch", "batch__org", "batch__created_by").get(
        pk=item_id
    )


def reclaimable(batch: ImportBatch | None = None):
    """Unfinished items no live process is working on."""
    now = timezone.now()
    qs = ImportItem.objects.filter(state__in=(ItemState.PENDING, ItemState.RUNNING))
    if batch is not None:
        qs = qs.filter(batch=batch)
    ids = []
    for pk, state, owner, lease in qs.values_list("pk", "state", "owner", "lease_until"):
        if state == ItemState.PENDING or lease is None or lease < now or not _pid_alive(owner):
            ids.append(pk)
    return ids


# ---------------------------------------------------------------- the steps


def process_item(item_id: int, *, inline_ocr: bool = True) -> str | None:
    """Run the remaining steps of one item; return its state (None if not ours).

    With ``inline_ocr`` False, an item that needs OCR is handed to the "ocr"
    queue instead of being recognised here."""
    item = claim(item_id)
    if item is None:
        return None
    if item.errors >= MAX_ERRORS:
        _end(
            item,
            ItemState.FAILED,
            f"Đã thử xử lý {item.errors} lần, lần nào cũng gặp lỗi (bước “{item.get_step_display()}”). "
            "Hãy kiểm tra tệp rồi nhập lại.",
        )
        return item.state
    if item.attempts > MAX_CLAIMS:
        # Each earlier claim ended with its process gone (killed, out of memory):
        # not an error of the file we saw, but it must not loop for ever.
        _end(
            item,
            ItemState.FAILED,
            f"Tiến trình xử lý tệp này bị dừng đột ngột {item.attempts - 1} lần "
            f"(bước “{item.get_step_display()}”), có thể do tệp làm tràn bộ nhớ. "
            "Hãy kiểm tra tệp rồi nhập lại, hoặc báo quản trị viên.",
        )
        return item.state
    try:
        _run_steps(item, inline_ocr=inline_ocr)
    except _HandedOff:
        return ItemState.PENDING
    except Exception as exc:  # one bad file must not stop the batch
        log.exception("capture item %s failed at %s", item.pk, item.step)
        item.errors += 1
        _end(
            item,
            ItemState.FAILED,
            f"Lỗi ở bước “{item.get_step_display()}”: {exc.__class__.__name__}. "
            "Hãy báo quản trị viên (chi tiết trong nhật ký máy chủ).",
        )
    return item.state


class _HandedOff(Exception):
    pass


def _save(item: ImportItem, *fields: str) -> None:
    item.save(update_fields=[*fields, "updated_at"])


def _run_steps(item: ImportItem, *, inline_ocr: bool) -> None:
    if item.blob_id is None:
        _end(item, ItemState.FAILED, item.reason or "Tệp chưa được lưu.")
        return
    data = None
    if not item.text_method:
        item.step, item.progress = Step.EXTRACT, 30
        data = _read(item)
        pdfa = None
        if item.kind in office.KINDS:
            converted = _convert_office(item, data)
            if converted is None:
                return
            extracted, pdfa = converted
        else:
            extracted = _extract(item.kind, data)
        if item.kind == "pdf" and (active := steps.pdf_active_content(data)):
            extracted.notes.append(steps.active_content_note(active))
        item.text = extracted.text
        item.pages = extracted.pages or item.pages
        item.notes = [*item.notes, *extracted.notes]
        item.text_method = (
            TextMethod.NEEDS_OCR
            if extracted.needs_ocr
            else (TextMethod.DOCX if item.kind == "docx" else TextMethod.PDF_TEXT)
        )
        if item.text_method != TextMethod.NEEDS_OCR and not item.text.strip():
            item.text_method = TextMethod.NONE
        # Judged by what the text shows from the moment the text is kept.
        item.secrecy = max(item.secrecy, stamps.suspected_secrecy(item.text))
        item.progress = 45
        fields = ["step", "progress", "text", "pages", "notes", "text_method", "secrecy"]
        with transaction.atomic():  # an office file's PDF/A blob commits with the item naming it
            if pdfa is not None:
                item.ocr_blob = put_blob_bytes(pdfa, "application/pdf")
                fields.append("ocr_blob")
            _save(item, *fields)

    if item.text_method == TextMethod.NEEDS_OCR:
        item.step = Step.OCR
        if not ocr.available():
            if not any("Tesseract" in n for n in item.notes):
                item.notes = [
                    *item.notes,
                    "Máy chủ chưa cài Tesseract (tiếng Việt) nên chưa nhận dạng được chữ: "
                    "văn bản được ghi là “cần nhận dạng ký tự”.",
                ]
        elif not inline_ocr:
            _hand_to_ocr_queue(item)
        else:
            data = data if data is not None else _read(item)
            _ocr(item, data)

    _register(item)


def _read(item: ImportItem) -> bytes:
    with open_blob(item.blob) as f:
        return f.read()


def _extract(kind: str, data: bytes) -> steps.Extracted:
    if kind == "pdf":
        return steps.pdf_text(data)
    if kind == "docx":
        return steps.docx_text(data)
    return steps.Extracted(pages=1, needs_ocr=True, notes=steps.scan_notes(data))  # a scan


def _convert_office(item: ImportItem, data: bytes) -> tuple[steps.Extracted, bytes] | None:
    """An office file's text and its PDF/A copy (kept like an OCR copy); None when
    LibreOffice could not convert it (the item then fails with the reason)."""
    try:
        pdfa = office.to_pdfa(data, item.kind)
    except office.OfficeError as exc:
        _end(item, ItemState.FAILED, str(exc))
        return None
    extracted = steps.pdf_text(pdfa)
    extracted.needs_ocr = False  # made from text, never a scan
    if item.kind in office.SPREADSHEETS:
        try:
            extracted.text = office.sheet_text(data, item.kind) or extracted.text
        except office.OfficeError as exc:
            extracted.notes.append(str(exc))
    return extracted, pdfa


def _hand_to_ocr_queue(item: ImportItem) -> None:
    from luutru.capture.tasks import ocr_item

    item.state, item.owner, item.lease_until = ItemState.PENDING, "", None
    item.attempts = max(item.attempts - 1, 0)  # waiting in a queue is not a failed attempt
    _save(item, "state", "step", "owner", "lease_until", "attempts", "notes")
    transaction.on_commit(lambda: ocr_item.enqueue(item.pk))
    raise _HandedOff


def _ocr(item: ImportItem, data: bytes) -> None:
    pages = item.pages or 1
    limit = min(pages, steps.OCR_PAGE_CAP) if item.kind == "pdf" else None
    item.progress = 55
    _save(item, "step", "progress", "notes")
    try:
        result = ocr.run_ocr(data, item.kind, pages=limit)
    except ocr.OcrError as exc:
        item.notes = [*item.notes, str(exc)]
        return
    with transaction.atomic():
        item.ocr_blob = put_blob_bytes(result.pdf, "application/pdf")
        item.text = steps.corrected_ocr_text(result.text, item.batch.org)
        item.text_method = TextMethod.OCR
        if item.kind == "pdf" and pages > steps.OCR_PAGE_CAP:
            item.notes = [
                *item.notes,
                f"Tệp có {pages} trang; hệ thống chỉ nhận dạng ký tự {steps.OCR_PAGE_CAP} trang đầu.",
            ]
        item.progress = 75
        _save(item, "ocr_blob", "text", "text_method", "notes", "progress")


def parse(text: str, org) -> tuple[dict, dict, list[str]]:
    """Header fields as JSON ({name: {value, confidence}}), the metadata for the
    registry, and the labels of low-confidence fields."""
    try:
        from luutru.capture.header import parse_header
    except ImportError:  # the parser is not installed: every document goes to review
        return {}, {}, ["Phần đầu văn bản"]
    header = parse_header(text or "", org=org)
    fields = {
        k: {"value": _jsonable(f.value), "confidence": round(float(f.confidence), 3)}
        for k, f in header.fields.items()
    }
    low = list(dict.fromkeys(FIELD_LABELS.get(k, k) for k in header.uncertain(REVIEW_THRESHOLD)))
    return fields, header.metadata(), low


# Metadata keys read from the header and kept as printed (no form edits them).
PRINTED = ("issuer", "issuer_parent", "place", "citations")


def parsed_metadata(item: ImportItem) -> dict:
    """The registry metadata read from an item's text (for the review form)."""
    return parse(item.text, item.batch.org)[1]


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


def register_document(actor, item: ImportItem, metadata: dict, findings=None) -> list[str]:
    """Register the item's file as a document with ``metadata`` and move the
    extracted text onto it, with the verdict on its digital signatures
    (``findings``, checked here when not given); return the registry's
    warnings. Call inside a transaction."""
    from luutru.capture.trust import store_findings
    from luutru.registry.services import create_document

    # What the header prints (issuer, place, cited documents) is kept as read, also
    # when a person confirms the item through the review form, which does not show it.
    missing = [k for k in PRINTED if k not in metadata]
    if missing and item.text:
        parsed = parsed_metadata(item)
        metadata = {**{k: parsed.get(k) for k in missing}, **metadata}
    with open_blob(item.blob) as content:
        doc, warnings = create_document(
            actor,
            item.batch.org,
            content=content,
            filename=PurePosixPath(item.name).name,
            metadata=metadata,
            direction=item.batch.direction,
        )
    DocumentText.objects.update_or_create(
        document=doc,
        defaults={
            "text": item.text,
            "method": item.text_method or TextMethod.NONE,
            "pages": item.pages,
            "ocr_blob": item.ocr_blob,
        },
    )
    item.document = doc
    item.text = ""  # kept once, in DocumentText
    findings = check_signatures(item) if findings is None else findings
    if findings:
        store_findings(actor, doc, findings)
    return warnings


def check_signatures(item: ImportItem) -> list:
    """The item's PDF signatures (``signatures.Finding``) checked offline
    against the loaded CA roots."""
    if item.kind != "pdf" or item.blob_id is None:
        return []
    from luutru.capture import signatures
    from luutru.capture.trust import active_roots

    data = _read(item)
    if not signatures.looks_signed(data):
        return []
    return signatures.verify_pdf(data, active_roots())


def _signature_reasons(findings: list) -> list[str]:
    from luutru.capture import signatures

    return [f.summary() for f in findings if f.verdict in signatures.NEEDS_REVIEW]


def _register(item: ImportItem) -> None:
    batch = item.batch
    item.step, item.progress = Step.PARSE, 80
    fields, metadata, low = parse(item.text, batch.org)
    item.parsed = fields
    doubt = _secrecy_from_text(item, fields, metadata)

    item.step = Step.DEDUPE
    same = Document.objects.filter(blob_id=item.blob_id, org_id=batch.org_id).order_by("pk").first()
    if same is not None:
        item.document = same
        _end(
            item,
            ItemState.DUPLICATE,
            "Nội dung tệp giống hệt một văn bản đã có của cơ quan: không nhập lại lần nữa.",
        )
        return

    item.step = Step.REGISTER
    findings = check_signatures(item)
    signed_badly = _signature_reasons(findings)
    try:
        with transaction.atomic():
            warnings = register_document(batch.created_by, item, metadata, findings)
            reasons = [doubt] if doubt else []
            # A signature that no longer matches the bytes: a person looks before it counts.
            reasons += signed_badly
            # A PDF that runs code when opened: a person looks before it is taken as done.
            reasons += [n for n in item.notes if n.startswith(steps.ACTIVE_NOTE_START)]
            if low:
                reasons.append(
                    "Cần kiểm tra (hệ thống đọc chưa chắc chắn): " + ", ".join(low) + "."
                )
            reasons.extend(warnings)
            if item.text_method == TextMethod.NEEDS_OCR:
                reasons.append("Văn bản chưa được nhận dạng ký tự nên chưa tìm được theo nội dung.")
            state = ItemState.REVIEW if reasons else ItemState.DONE
            item.step = Step.INDEX
            _end(item, state, " ".join(reasons))
    except RuleViolation as exc:
        reasons = [*([doubt] if doubt else []), *signed_badly, *exc.messages]
        intro = (
            "Không đọc được phần đầu văn bản"
            if not fields
            else "Thông tin đọc được chưa đủ để vào sổ"
        )
        _end(
            item,
            ItemState.REVIEW,
            f"{intro}: "
            + " ".join(reasons)
            + " Hãy mở màn hình xem lại để nhập, sửa rồi xác nhận.",
        )


def _secrecy_from_text(item: ImportItem, fields: dict, metadata: dict) -> str:
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


def _end(item: ImportItem, state: str, reason: str = "") -> None:
    """Put ``item`` in its end state and, if it was the batch's last, end the batch."""
    item.state = state
    item.reason = reason
    item.owner, item.lease_until = "", None
    if state in (ItemState.DONE, ItemState.DUPLICATE):
        item.step = Step.END
    item.progress = 100
    item.save()
    transaction.on_commit(lambda: finish_batch_if_done(item.batch_id))


def finish_batch_if_done(batch_id: int) -> bool:
    """Mark a sealed batch ended once every item has; then bring search up to date."""
    if ImportItem.objects.filter(batch_id=batch_id).exclude(state__in=FINISHED_STATES).exists():
        return False
    ended = ImportBatch.objects.filter(pk=batch_id, sealed=True, finished_at__isnull=True).update(
        finished_at=timezone.now()
    )
    if ended:
        refresh_search()
    return bool(ended)


def refresh_search() -> None:
    """Drain pending index changes (the index follows saves by signals)."""
    try:
        from luutru.search.services import refresh_index
    except ImportError:  # search not installed in this build
        return
    try:
        refresh_index()
    except Exception:  # the index is derived data: a failure here must not fail capture
        log.exception("search refresh after capture failed")


def counts(batch: ImportBatch) -> dict[str, int]:
    rows = batch.items.values("state").annotate(n=Count("pk"))
    out = {s: 0 for s in ItemState.values}
    for row in rows:
        out[row["state"]] = row["n"]
    out["total"] = sum(out[s] for s in ItemState.values)
    out["finished"] = sum(out[s] for s in FINISHED_STATES)
    return out


# ---------------------------------------------------------------- single documents


def extract_document_text(document_id: int, *, inline_ocr: bool = True) -> str:
    """Give a document entered through the registry form its text (extract, OCR):
    the same steps as a batch item, without the header (a person typed it)."""
    from luutru.registry.models import Document

    doc = Document.objects.select_related("blob").filter(pk=document_id).first()
    if doc is None or doc.blob_id is None:
        return TextMethod.NONE
    existing = DocumentText.objects.filter(document=doc).first()
    if existing is not None and existing.method not in ("", TextMethod.NEEDS_OCR):
        return existing.method
    with open_blob(doc.blob) as f:
        data = f.read()
    kind = {v: k for k, v in MIME.items()}.get(doc.blob.mime, "")
    if not kind:
        return TextMethod.NONE
    ocr_blob = None
    if kind in office.KINDS:
        try:
            pdfa = office.to_pdfa(data, kind)
        except office.OfficeError:
            return TextMethod.NONE
        ocr_blob = put_blob_bytes(pdfa, "application/pdf")
        extracted = steps.pdf_text(pdfa)
        extracted.needs_ocr = False
    else:
        extracted = _extract(kind, data)
    text, method = extracted.text, TextMethod.PDF_TEXT
    if kind == "docx":
        method = TextMethod.DOCX
    if extracted.needs_ocr:
        method = TextMethod.NEEDS_OCR
        if ocr.available() and inline_ocr:
            pages = min(extracted.pages or 1, steps.OCR_PAGE_CAP) if kind == "pdf" else None
            try:
                result = ocr.run_ocr(data, kind, pages=pages)
            except ocr.OcrError:
                pass
            else:
                ocr_blob = put_blob_bytes(result.pdf, "application/pdf")
                text, method = steps.corrected_ocr_text(result.text, doc.org), TextMethod.OCR
    if method in (TextMethod.PDF_TEXT, TextMethod.DOCX) and not text.strip():
        method = TextMethod.NONE
    DocumentText.objects.update_or_create(
        document=doc,
        defaults={
            "text": text,
            "method": method,
            "pages": extracted.pages,
            "ocr_blob": ocr_blob,
        },
    )
    if kind == "pdf":
        _check_document_signatures(doc, data)
    return method


def _check_document_signatures(doc, data: bytes) -> None:
    """A PDF entered through the registry form gets its signature verdict too
    (shown on its page; no capture item to send to review)."""
    from luutru.capture import signatures
    from luutru.capture.trust import active_roots, store_findings

    if signatures.looks_signed(data) and not doc.signatures.exists():
        if found := signatures.verify_pdf(data, active_roots()):
            store_findings(None, doc, found)
