"""Outgoing documents (văn bản đi) from the first draft to their delivery.

An ``Outgoing`` is one document's life at the issuing body: drafted by an
official (each uploaded file a ``DraftVersion``), approved or returned by the
head (``Review``), issued by the clerk (a number from the body's series, the
signed PDF, a registry ``Document`` with direction outgoing), delivered to each
``Recipient`` (a body in luutru over the network, or an exchange package for a
body outside: ``Delivery``), and later recalled or corrected
(``DocumentLink``: both documents stay, linked; a recalled number stays used).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from luutru.orgs.models import Organization, Secrecy
from luutru.registry.models import Document, Urgency


class OutgoingState(models.TextChoices):
    DRAFT = "draft", "Đang soạn thảo"
    SUBMITTED = "submitted", "Chờ lãnh đạo duyệt"
    RETURNED = "returned", "Bị trả lại để sửa"
    APPROVED = "approved", "Đã duyệt, chờ văn thư phát hành"
    ISSUED = "issued", "Đã phát hành"
    RECALLED = "recalled", "Đã thu hồi"
    REPLACED = "replaced", "Đã bị thay thế"


# States in which the drafter may still change the text and the recipients.
EDITABLE = (OutgoingState.DRAFT, OutgoingState.RETURNED)
# States of a document that has gone out (it has a number).
ISSUED_STATES = (OutgoingState.ISSUED, OutgoingState.RECALLED, OutgoingState.REPLACED)


class CorrectionKind(models.TextChoices):
    NONE = "", "—"
    CORRECTION = "correction", "Đính chính"
    REPLACEMENT = "replacement", "Văn bản thay thế"


class Outgoing(models.Model):
    org = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="outgoing",
        verbose_name="cơ quan ban hành",
    )
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="người soạn thảo",
    )
    doc_type = models.ForeignKey(
        "rules.DocumentType", on_delete=models.PROTECT, verbose_name="tên loại văn bản"
    )
    subject = models.CharField("trích yếu nội dung", max_length=500)
    secrecy = models.PositiveSmallIntegerField(
        "độ mật", choices=Secrecy.choices, default=Secrecy.NONE
    )
    urgency = models.PositiveSmallIntegerField(
        "độ khẩn", choices=Urgency.choices, default=Urgency.NONE
    )
    signer_full_name = models.CharField("người ký", max_length=50, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=100, blank=True)
    dossier = models.ForeignKey(
        "filing.Dossier",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="hồ sơ lưu bản chính (người soạn chọn)",
    )
    # The incoming document this one answers: filed before it in the dossier.
    answers = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers_drafted",
        verbose_name="trả lời văn bản đến",
    )
    corrects = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections_drafted",
        verbose_name="văn bản được đính chính / thay thế",
    )
    correction_kind = models.CharField(
        max_length=12, choices=CorrectionKind.choices, default=CorrectionKind.NONE, blank=True
    )
    state = models.CharField(
        "trạng thái",
        max_length=12,
        choices=OutgoingState.choices,
        default=OutgoingState.DRAFT,
        db_index=True,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    document = models.OneToOneField(
        Document,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outgoing",
        verbose_name="văn bản đã phát hành",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["org", "state"])]
        verbose_name = "văn bản đi"
        verbose_name_plural = "văn bản đi"

    def __str__(self) -> str:
        if self.document_id and self.document is not None:
            return f"{self.document.symbol_display} {self.subject}"
        return f"Dự thảo: {self.subject}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE

    def latest_version(self) -> DraftVersion | None:
        return self.versions.order_by("-number").first()


class DraftVersion(models.Model):
    """One uploaded file of a draft; every version is kept."""

    outgoing = models.ForeignKey(Outgoing, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField("lần")
    blob = models.ForeignKey("storage.Blob", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField("tên tệp", max_length=255)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["outgoing", "number"]
        constraints = [
            models.UniqueConstraint(fields=["outgoing", "number"], name="dispatch_version_once")
        ]
        verbose_name = "bản dự thảo"
        verbose_name_plural = "bản dự thảo"

    def __str__(self) -> str:
        return f"Bản dự thảo lần {self.number}"


class ReviewDecision(models.TextChoices):
    SUBMITTED = "submitted", "Trình duyệt"
    APPROVED = "approved", "Duyệt"
    RETURNED = "returned", "Trả lại để sửa"


class Review(models.Model):
    """A step of the approval: submitted, approved, or returned with comments."""

    outgoing = models.ForeignKey(Outgoing, on_delete=models.CASCADE, related_name="reviews")
    version = models.ForeignKey(DraftVersion, on_delete=models.PROTECT, related_name="reviews")
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    comment = models.TextField("ý kiến", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["outgoing", "at", "id"]
        verbose_name = "ý kiến duyệt"
        verbose_name_plural = "ý kiến duyệt"


class Recipient(models.Model):
    """One line of "Nơi nhận": a body in luutru (``org``) or one outside (a name)."""

    outgoing = models.ForeignKey(Outgoing, on_delete=models.CASCADE, related_name="recipients")
    position = models.PositiveSmallIntegerField(default=0)
    org = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("nơi nhận", max_length=200)
    purpose = models.CharField("để", max_length=100, blank=True)

    class Meta:
        ordering = ["outgoing", "position"]
        verbose_name = "nơi nhận"
        verbose_name_plural = "nơi nhận"

    def __str__(self) -> str:
        return f"{self.name} ({self.purpose})" if self.purpose else self.name

    @property
    def in_system(self) -> bool:
        return self.org_id is not None


class DeliveryState(models.TextChoices):
    DELIVERED = "delivered", "Đã đến nơi nhận, đã vào sổ đến"
    PACKAGED = "packaged", "Đã tạo gói trao đổi (gửi ngoài hệ thống)"
    FAILED = "failed", "Chưa gửi được"
    RECALLED = "recalled", "Đã báo thu hồi"


class Delivery(models.Model):
    """Where one recipient's copy went, and when it arrived."""

    recipient = models.OneToOneField(Recipient, on_delete=models.CASCADE, related_name="delivery")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="deliveries")
    state = models.CharField(max_length=10, choices=DeliveryState.choices)
    # The recipient's registered copy (its incoming document) and its arrival number.
    received_document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="delivered_from"
    )
    arrival_number = models.CharField("số đến", max_length=20, blank=True)
    received_at = models.DateTimeField("thời điểm đến", null=True, blank=True)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["recipient__outgoing", "recipient__position"]
        verbose_name = "chuyển giao văn bản đi"
        verbose_name_plural = "chuyển giao văn bản đi"


class LinkKind(models.TextChoices):
    RECALL = "recall", "Thu hồi"
    CORRECTION = "correction", "Đính chính"
    REPLACEMENT = "replacement", "Văn bản thay thế"


class DocumentLink(models.Model):
    """A recall or a correction of an issued document: both documents stay,
    linked. A recall has no second document; its number stays used (a gap)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="dispatch_links")
    other = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dispatch_links_in",
    )
    kind = models.CharField(max_length=12, choices=LinkKind.choices)
    reason = models.TextField("lý do", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "at", "id"]
        verbose_name = "thu hồi, đính chính văn bản"
        verbose_name_plural = "thu hồi, đính chính văn bản"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.document}"
