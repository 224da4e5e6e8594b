"""Capture's own steps, in the order of ``chain.DEFAULT_STEPS``: extract the text,
recognise it (OCR), read the header, find a duplicate, check the signatures,
register the document.

Each ``able_to_run`` looks at what the item's row holds, so a rerun after a kill
skips what was committed: the text once kept, the document once registered."""

from __future__ import annotations

from django.db import transaction

from luutru.capture import formats, ocr, registering, stamps, steps
from luutru.capture.chain import CaptureStep, HandedOff, Stop
from luutru.capture.models import ItemState, Step, TextMethod
from luutru.capture.tasks import ocr_item
from luutru.core.errors import RuleViolation
from luutru.registry.models import Document
from luutru.storage.services import put_blob_bytes

TESSERACT_MISSING = (
    "Máy chủ chưa cài Tesseract (tiếng Việt) nên chưa nhận dạng được chữ: "
    "văn bản được ghi là “cần nhận dạng ký tự”."
)


class ExtractText(CaptureStep):
    """The text the file carries, read by its format's reader (``formats``)."""

    name, label, progress = Step.EXTRACT, Step.EXTRACT.label, 30
    reads_only = saves_wait = True

    @property
    def able_to_run(self) -> bool:
        return not self.item.text_method

    def run(self) -> None:
        item = self.item
        data = self.work.data()
        try:
            fmt, extracted = formats.read(item.kind, data)
        except formats.CannotRead as exc:
            self.work.fail(str(exc))
        notes = [*extracted.notes, *(fmt.warnings(data) if fmt.warnings else [])]
        item.text = extracted.text
        item.pages = extracted.pages or item.pages
        item.notes = [*item.notes, *notes]
        item.text_method = formats.method_of(fmt, extracted)
        # Judged by what the text shows from the moment the text is kept.
        item.secrecy = max(item.secrecy, stamps.suspected_secrecy(item.text))
        item.progress = 45
        fields = ["progress", "text", "pages", "notes", "text_method", "secrecy"]
        copy = extracted.copy
        if copy is None:
            self.work.save(*fields)
            return

        def keep_copy() -> None:  # an office file's PDF/A blob commits with the item naming it
            item.ocr_blob = put_blob_bytes(copy, "application/pdf")

        self.work.save(*fields, "ocr_blob", before=keep_copy)


class RecogniseText(CaptureStep):
    """OCR of a scan, here or handed to the "ocr" queue (one worker per core)."""

    name, label, progress = Step.OCR, Step.OCR.label, 55
    # Slow: its progress is shown and its result kept as soon as it is made.
    reads_only, saves_wait = True, False

    @property
    def able_to_run(self) -> bool:
        return self.item.text_method == TextMethod.NEEDS_OCR

    def run(self) -> None:
        item = self.item
        if not ocr.available():
            if not any("Tesseract" in n for n in item.notes):
                item.notes = [*item.notes, TESSERACT_MISSING]
            return
        if not self.work.inline_ocr:
            self._hand_to_ocr_queue()
        try:
            found = formats.recognise(
                item.kind, self.work.data(), pages=item.pages, org=item.batch.org
            )
        except ocr.OcrError as exc:
            item.notes = [*item.notes, str(exc)]
            return

        def keep_pdf() -> None:  # the searchable PDF/A commits with the item naming it
            item.ocr_blob = put_blob_bytes(found.pdf, "application/pdf")

        item.text = found.text
        item.ocr_unsure = found.unsure
        item.text_method = TextMethod.OCR
        item.notes = [*item.notes, *found.notes]
        item.progress = 75
        self.work.save(
            "ocr_blob",
            "text",
            "ocr_unsure",
            "text_method",
            "notes",
            "progress",
            before=keep_pdf,
        )

    def _hand_to_ocr_queue(self) -> None:
        item = self.item
        item.state, item.owner, item.lease_until = ItemState.PENDING, "", None
        item.attempts = max(item.attempts - 1, 0)  # waiting in a queue is not a failed attempt
        self.work.save("state", "step", "owner", "lease_until", "attempts", "notes")
        transaction.on_commit(lambda: ocr_item.enqueue(item.pk))
        raise HandedOff


class _BeforeRegistering(CaptureStep):
    """A step that applies until the document is registered (a rerun skips it then)."""

    @property
    def able_to_run(self) -> bool:
        return self.item.document_id is None


class ReadHeader(_BeforeRegistering):
    """The header's fields, with the secrecy its marks suggest."""

    name, label, progress = Step.PARSE, Step.PARSE.label, 80
    reads_only = saves_wait = True

    def run(self) -> None:
        work, item = self.work, self.item
        work.fields, work.metadata, work.low = registering.parse(
            item.text,
            item.batch.org,
            ocr=item.text_method == TextMethod.OCR,
            unsure=item.ocr_unsure,
        )
        item.parsed = work.fields
        if doubt := registering.secrecy_from_text(item, work.fields, work.metadata):
            work.reasons.append(doubt)


class FindDuplicate(_BeforeRegistering):
    """The same bytes already registered for the body: the item points at that document."""

    name, label, progress = Step.DEDUPE, Step.DEDUPE.label, 85
    reads_only = saves_wait = True

    def run(self) -> None:
        item = self.item
        if self.work.registered is not None:  # a chunk's, asked once (``process_items``)
            same_id = self.work.registered.get((item.blob_id, item.batch.org_id))
        else:
            same_id = (
                Document.objects.filter(blob_id=item.blob_id, org_id=item.batch.org_id)
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
        if same_id is not None:
            item.document_id = same_id
            raise Stop(
                ItemState.DUPLICATE,
                "Nội dung tệp giống hệt một văn bản đã có của cơ quan: không nhập lại lần nữa.",
            )


class CheckSignatures(_BeforeRegistering):
    """A signed PDF's signatures checked offline against the trusted CA roots."""

    name, label, progress = Step.SIGNATURES, Step.SIGNATURES.label, 88
    reads_only = saves_wait = True

    @property
    def able_to_run(self) -> bool:
        return super().able_to_run and self.item.kind == "pdf"

    def run(self) -> None:
        self.work.findings = registering.check_signatures(self.item, self.work.data())
        # A signature that no longer matches the bytes: a person looks before it counts.
        self.work.reasons += registering.signature_reasons(self.work.findings)


class RegisterDocument(_BeforeRegistering):
    """The document in the registry, with its text; why a person must look, if so.

    The document, the item's link to it and those reasons commit together, so a
    rerun neither makes a second document nor forgets the review."""

    name, label, progress = Step.REGISTER, Step.REGISTER.label, 90
    # Writes the registry: inside the batch's transaction, where the item's row
    # commits with the document whenever it is written.
    saves_wait = True

    def run(self) -> None:
        work, item = self.work, self.item
        batch = item.batch
        before = list(work.reasons)  # the doubt about secrecy, the signatures
        # What earlier steps keep before the row (an office file's PDF/A copy) must exist
        # now: the document's text names that blob.
        work.flush(row=False)
        try:
            with transaction.atomic():
                warnings = registering.register_document(
                    batch.created_by, item, work.metadata, work.findings, data=work.data()
                )
                reasons = list(before)
                # A PDF that runs code when opened: a person looks before it is taken as done.
                reasons += [n for n in item.notes if n.startswith(steps.ACTIVE_NOTE_START)]
                if work.low:
                    reasons.append(
                        "Cần kiểm tra (hệ thống đọc chưa chắc chắn): " + ", ".join(work.low) + "."
                    )
                reasons.extend(warnings)
                if item.text_method == TextMethod.NEEDS_OCR:
                    reasons.append(
                        "Văn bản chưa được nhận dạng ký tự nên chưa tìm được theo nội dung."
                    )
                item.step, item.reason = Step.INDEX, " ".join(reasons)
                work.save_row()
        except RuleViolation as exc:
            item.document = None
            intro = (
                "Không đọc được phần đầu văn bản"
                if not work.fields
                else "Thông tin đọc được chưa đủ để vào sổ"
            )
            item.reason = (
                f"{intro}: "
                + " ".join([*before, *exc.messages])
                + " Hãy mở màn hình xem lại để nhập, sửa rồi xác nhận."
            )
            self.work.save("reason", "parsed", "secrecy")
        work.reasons = []  # kept in ``item.reason`` from here on
