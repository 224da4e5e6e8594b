"""What capture learns from a document's bytes: its text and how it got it."""

from django.conf import settings
from django.db import models

from luutru.access.policy import Facts


class TextMethod(models.TextChoices):
    PDF_TEXT = "pdf_text", "Văn bản có sẵn trong PDF"
    DOCX = "docx", "Văn bản DOCX"
    OCR = "ocr", "Nhận dạng ký tự (OCR)"
    NEEDS_OCR = "needs_ocr", "Cần nhận dạng ký tự"
    NONE = "none", "Không có chữ"


class DocumentText(models.Model):
    """The full text of one document (derived data: it can be extracted again)."""

    document = models.OneToOneField(
        "registry.Document", on_delete=models.CASCADE, related_name="text"
    )
    text = models.TextField(blank=True)
    method = models.CharField(max_length=12, choices=TextMethod.choices, default=TextMethod.NONE)
    pages = models.PositiveIntegerField(null=True, blank=True)
    # The searchable PDF/A made by OCR, kept beside the original blob.
    ocr_blob = models.ForeignKey(
        "storage.Blob", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "nội dung văn bản"
        verbose_name_plural = "nội dung văn bản"


class ItemState(models.TextChoices):
    PENDING = "pending", "Đang chờ"
    RUNNING = "running", "Đang xử lý"
    DONE = "done", "Xong"
    REVIEW = "review", "Cần xem lại"
    DUPLICATE = "duplicate", "Trùng, đã có"
    FAILED = "failed", "Không nhận được"


FINISHED_STATES = (ItemState.DONE, ItemState.REVIEW, ItemState.DUPLICATE, ItemState.FAILED)


class Step(models.TextChoices):
    STORE = "store", "Lưu tệp"
    IDENTIFY = "identify", "Nhận dạng định dạng"
    EXTRACT = "extract", "Lấy nội dung chữ"
    OCR = "ocr", "Nhận dạng ký tự (OCR)"
    PARSE = "parse", "Đọc phần đầu văn bản"
    DEDUPE = "dedupe", "Kiểm tra trùng"
    SIGNATURES = "signatures", "Kiểm tra chữ ký số"
    REGISTER = "register", "Vào sổ văn bản"
    INDEX = "index", "Đưa vào tìm kiếm"
    END = "end", "Hoàn tất"


class Source(models.TextChoices):
    UPLOAD = "upload", "Tải lên trên trình duyệt"
    API = "api", "API"
    WATCH = "watch", "Thư mục theo dõi"
    IMPORT = "import", "Nhập hàng loạt"


class ImportBatch(models.Model):
    """One act of bringing files in (an upload, a bundle, a watched folder's find)."""

    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="import_batches"
    )
    direction = models.CharField(max_length=10, default="internal")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.UPLOAD)
    label = models.CharField(max_length=255, blank=True)
    # Lets a rerun of ``luutru import PATH`` find and finish the same batch.
    key = models.CharField(max_length=300, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Failures of the bundle as a whole (unsafe ZIP, unreadable folder); items keep their own.
    notes = models.JSONField(default=list, blank=True)
    # Every file of the batch has an item: the batch may end once they all have.
    sealed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "đợt nhập tài liệu"
        verbose_name_plural = "đợt nhập tài liệu"

    def __str__(self) -> str:
        return self.label or f"Đợt nhập {self.pk}"

    def access_facts(self):
        return Facts(
            org_id=self.org_id, secrecy=0, owner_user_id=self.created_by_id, archived=False
        )


class ImportItem(models.Model):
    """One file of a batch and where it got to; every item ends in a visible state."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(max_length=500)
    size = models.BigIntegerField(default=0)
    blob = models.ForeignKey(
        "storage.Blob", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, blank=True)
    state = models.CharField(max_length=10, choices=ItemState.choices, default=ItemState.PENDING)
    # A built-in ``Step`` or the name of a step configured in ``CAPTURE_STEPS``.
    step = models.CharField(max_length=40, choices=Step.choices, default=Step.STORE)
    progress = models.PositiveSmallIntegerField(default=0)
    reason = models.TextField(blank=True)
    notes = models.JSONField(default=list, blank=True)
    # Header fields read from the text: {name: {"value": ..., "confidence": 0..1}}.
    parsed = models.JSONField(default=dict, blank=True)
    text = models.TextField(blank=True)
    # A scan's words that Tesseract itself read with low confidence: a header
    # field holding one goes to a person (``parse_header(unsure=…)``).
    ocr_unsure = models.JSONField(default=list, blank=True)
    text_method = models.CharField(max_length=12, choices=TextMethod.choices, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    ocr_blob = models.ForeignKey(
        "storage.Blob", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        "registry.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_items",
    )
    # "host:pid" of the process working on it, and until when that claim holds.
    owner = models.CharField(max_length=100, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    # Claims made (a killed worker's expired lease is a retry, not a failure) ...
    attempts = models.PositiveSmallIntegerField(default=0)
    # ... and attempts that ended in an error: only these count towards "failed".
    errors = models.PositiveSmallIntegerField(default=0)
    # The secrecy the parser saw on the page (or the highest it suspects) until a
    # person confirms it on the review screen; reads of the item are judged by it.
    secrecy = models.PositiveSmallIntegerField(default=0)
    secrecy_confirmed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "name"], name="capture_item_name_once")
        ]
        indexes = [models.Index(fields=["batch", "state"])]
        verbose_name = "tệp trong đợt nhập"
        verbose_name_plural = "tệp trong đợt nhập"

    def __str__(self) -> str:
        return self.name

    def get_step_display(self) -> str:  # type: ignore[no-redef]  # Django keeps this one
        """The step's label, also for a step configured in ``CAPTURE_STEPS``."""
        from luutru.capture.chain import step_label  # same app: the chain imports this module

        return step_label(self.step)

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def level(self) -> int:
        """The secrecy that binds reads: the parser's (or a person's) and, once
        registered, the document's, whichever is higher."""
        doc_level = self.document.secrecy if self.document is not None else 0
        return max(self.secrecy, doc_level)

    def access_facts(self):
        return Facts(
            org_id=self.batch.org_id,
            secrecy=self.level,
            owner_user_id=self.batch.created_by_id,
            archived=False,
        )


class TrustedRoot(models.Model):
    """A CA root certificate the administrator trusts for signed e-documents
    (e.g. the Government Cipher Committee's root): loaded by hand, never fetched."""

    name = models.CharField(max_length=255)
    subject = models.TextField()
    sha256 = models.CharField(max_length=64, unique=True)
    der = models.BinaryField()
    not_after = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "CA gốc tin cậy"
        verbose_name_plural = "CA gốc tin cậy"

    def __str__(self) -> str:
        return self.name


class SignatureVerdict(models.TextChoices):
    VALID = "valid", "Chữ ký số hợp lệ"
    BROKEN = "broken", "Chữ ký số không còn nguyên vẹn"
    UNTRUSTED = "untrusted", "Chữ ký số chưa được tin cậy"
    ERROR = "error", "Không đọc được chữ ký số"
    UNSIGNED = "unsigned", "Không có chữ ký số"


class DocumentSignature(models.Model):
    """One digital signature of a registered PDF and what the offline check found."""

    document = models.ForeignKey(
        "registry.Document", on_delete=models.CASCADE, related_name="signatures"
    )
    position = models.PositiveSmallIntegerField(default=0)
    verdict = models.CharField(max_length=10, choices=SignatureVerdict.choices)
    field_name = models.CharField(max_length=255, blank=True)
    signer = models.CharField(max_length=255, blank=True)
    signer_subject = models.TextField(blank=True)
    issuer = models.CharField(max_length=255, blank=True)
    serial = models.CharField(max_length=80, blank=True)
    cert_sha256 = models.CharField(max_length=64, blank=True)
    # As the signer's software stated it (not a trusted timestamp).
    signing_time = models.DateTimeField(null=True, blank=True)
    intact = models.BooleanField(default=False)
    trusted = models.BooleanField(default=False)
    whole_file = models.BooleanField(default=False)
    detail = models.TextField(blank=True)
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="capture_signature_position_once"
            )
        ]
        verbose_name = "chữ ký số của văn bản"
        verbose_name_plural = "chữ ký số của văn bản"

    def __str__(self) -> str:
        return f"{self.get_verdict_display()}: {self.signer}"
