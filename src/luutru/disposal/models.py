"""Appraisal (xác định giá trị), holds, and lawful destruction (issue 14).

An appraisal is made per fonds: the archivist proposes dossiers whose retention
has ended (to destroy) and permanent ones due at the historical archive (to
transfer); the council's members give an opinion on each; the head decides.
A destruction follows only from a decided appraisal, needs two different people
to confirm, and leaves the metadata, the decision and the minutes with the
SHA-256 of every file it removed (``RemovedFile``: the minutes' manifest).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luutru.filing.models import Dossier
from luutru.orgs.models import Fonds, Organization


class HoldKind(models.TextChoices):
    LEGAL = "legal", "Theo yêu cầu của pháp luật"
    INSPECTION = "inspection", "Đang thanh tra, kiểm tra"
    LITIGATION = "litigation", "Đang tranh chấp, khiếu nại, tố tụng"


class Hold(models.Model):
    """Stops any destruction of what it covers: one dossier, or (no dossier) the
    whole fonds of ``org``, until it is lifted."""

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.PROTECT, related_name="holds"
    )
    kind = models.CharField("loại", max_length=12, choices=HoldKind.choices)
    reason = models.CharField("lý do", max_length=500)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.CharField("lý do gỡ", max_length=500, blank=True)

    class Meta:
        ordering = ["-placed_at", "-id"]
        verbose_name = "lệnh tạm giữ, không được hủy"
        verbose_name_plural = "lệnh tạm giữ, không được hủy"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.reason}"

    @property
    def active(self) -> bool:
        return self.lifted_at is None


class Outcome(models.TextChoices):
    KEEP = "keep", "Giữ lại, thời hạn mới"
    DESTROY = "destroy", "Hủy"
    TRANSFER = "transfer", "Nộp lưu vào lưu trữ lịch sử"


class Appraisal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Đang lập"
        REVIEW = "review", "Hội đồng đang xem xét"
        DECIDED = "decided", "Đã có quyết định"

    fonds = models.ForeignKey(Fonds, on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveSmallIntegerField("số đợt trong năm")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    note = models.CharField("thuyết minh", max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_number = models.CharField("số quyết định", max_length=40, blank=True)

    class Meta:
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "number"], name="one_appraisal_number")
        ]
        verbose_name = "đợt xác định giá trị tài liệu"
        verbose_name_plural = "đợt xác định giá trị tài liệu"

    def __str__(self) -> str:
        return f"Đợt xác định giá trị {self.number}/{self.year} — {self.fonds.name}"


class CouncilMember(models.Model):
    """A member of the appraisal council (hội đồng xác định giá trị tài liệu)."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chủ tịch Hội đồng"
        MEMBER = "member", "Ủy viên"
        SECRETARY = "secretary", "Thư ký"

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField("vai trò trong hội đồng", max_length=10, choices=Role.choices)
    position = models.CharField("chức vụ", max_length=200, blank=True)

    class Meta:
        ordering = ["appraisal", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "user"], name="one_seat_per_member")
        ]


class AppraisalItem(models.Model):
    """One proposed dossier: what the archivist proposed, what the head decided."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="items")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="appraisal_items")
    proposal = models.CharField("đề xuất", max_length=10, choices=Outcome.choices)
    reason = models.CharField("lý do đề xuất", max_length=500)
    due_since = models.DateField("đến hạn từ", null=True, blank=True)
    decision = models.CharField("quyết định", max_length=10, choices=Outcome.choices, blank=True)
    new_years = models.PositiveSmallIntegerField("thời hạn mới (năm)", null=True, blank=True)

    class Meta:
        ordering = ["appraisal", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["appraisal", "dossier"], name="dossier_once_per_appraisal"
            )
        ]


class Opinion(models.Model):
    item = models.ForeignKey(AppraisalItem, on_delete=models.CASCADE, related_name="opinions")
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="opinions")
    outcome = models.CharField("ý kiến", max_length=10, choices=Outcome.choices)
    new_years = models.PositiveSmallIntegerField("thời hạn mới (năm)", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item", "member"]
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_opinion_per_member")
        ]


class Destruction(models.Model):
    """The destruction a decided appraisal orders; done at the second confirmation."""

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ xác nhận hủy"
        DONE = "done", "Đã hủy"

    appraisal = models.OneToOneField(
        Appraisal, on_delete=models.PROTECT, related_name="destruction"
    )
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    # SHA-256 of the manifest text (``disposal.queries.manifest_text``), printed on the minutes.
    manifest_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]


class Confirmation(models.Model):
    destruction = models.ForeignKey(
        Destruction, on_delete=models.CASCADE, related_name="confirmations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["destruction", "user"], name="one_confirmation_per_person"
            )
        ]


class RemovedFile(models.Model):
    """A line of the minutes' manifest: a file the destruction removed, or kept
    because a document not destroyed still uses the same bytes."""

    destruction = models.ForeignKey(Destruction, on_delete=models.PROTECT, related_name="files")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey("registry.Document", on_delete=models.PROTECT, related_name="+")
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    name = models.CharField(max_length=255)
    removed = models.BooleanField(default=True)
    kept_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["destruction", "dossier", "id"]
