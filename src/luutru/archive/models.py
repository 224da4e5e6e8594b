"""Deposits into the current archive (nộp lưu), the handover record, keep-backs."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luutru.orgs.models import Organization


class Deposit(models.Model):
    """One handover of closed dossiers from a body to its current archive. Its
    items are the deposit list (mục lục hồ sơ, tài liệu nộp lưu)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        SUBMITTED = "submitted", "Đã gửi, chờ lưu trữ kiểm tra"
        CHECKED = "checked", "Đã kiểm tra"
        ACCEPTED = "accepted", "Đã tiếp nhận"
        RETURNED = "returned", "Bị trả lại"

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="deposits")
    archive_org = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="received_deposits",
        verbose_name="lưu trữ cơ quan tiếp nhận",
    )
    year = models.PositiveSmallIntegerField("năm nộp lưu")
    # Numbered per body and year (“Lần nộp 3/2025”), as the body counts its deposits.
    number = models.PositiveIntegerField("lần nộp")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    note = models.CharField("ghi chú", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Who sent it: that person never accepts or returns it (two people, two sides).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "number"], name="deposit_number_per_body_and_year"
            )
        ]
        verbose_name = "đợt nộp lưu"
        verbose_name_plural = "đợt nộp lưu"

    def __str__(self) -> str:
        return self.label

    @property
    def short_label(self) -> str:
        """“Lần nộp 3/2025”: the body's own count, never the database id."""
        return f"Lần nộp {self.number}/{self.year}"

    @property
    def label(self) -> str:
        """“Lần nộp 3/2025 — Văn phòng Tỉnh ủy”."""
        return f"{self.short_label} — {self.org.name}"


class DepositItem(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", "Chờ kiểm tra"
        ACCEPTED = "accepted", "Tiếp nhận"
        RETURNED = "returned", "Trả lại"

    deposit = models.ForeignKey(Deposit, on_delete=models.CASCADE, related_name="items")
    dossier = models.ForeignKey(
        "filing.Dossier", on_delete=models.PROTECT, related_name="deposit_items"
    )
    position = models.PositiveIntegerField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    return_reason = models.CharField("lý do trả lại", max_length=500, blank=True)

    class Meta:
        ordering = ["deposit", "position"]
        constraints = [
            models.UniqueConstraint(fields=["deposit", "dossier"], name="dossier_once_per_deposit")
        ]


class HandoverRecord(models.Model):
    """Biên bản giao nhận, made when the archive accepts; quantities frozen."""

    deposit = models.OneToOneField(Deposit, on_delete=models.PROTECT, related_name="handover")
    giver_name = models.CharField("bên giao", max_length=200)
    receiver_name = models.CharField("bên nhận", max_length=200)
    records_name = models.CharField("tên khối tài liệu", max_length=500)
    date_from = models.DateField(null=True)
    date_to = models.DateField(null=True)
    dossier_count = models.PositiveIntegerField("số hồ sơ")
    document_count = models.PositiveIntegerField("số văn bản")
    computer_file_count = models.PositiveIntegerField("số tệp tin")
    page_count = models.PositiveIntegerField("số trang")
    condition = models.CharField(
        "tình trạng", max_length=300, default="Đầy đủ, toàn vẹn theo danh mục"
    )
    created_at = models.DateTimeField(auto_now_add=True)


class KeepBack(models.Model):
    """Giữ lại hồ sơ: an official keeps a due dossier, with the head's approval,
    until a date no later than the profile's maximum after the due date."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Chờ duyệt"
        APPROVED = "approved", "Đã duyệt"
        REFUSED = "refused", "Không duyệt"
        ENDED = "ended", "Đã kết thúc"

    dossier = models.ForeignKey(
        "filing.Dossier", on_delete=models.PROTECT, related_name="keep_backs"
    )
    reason = models.CharField("lý do giữ lại", max_length=500)
    until = models.DateField("giữ lại đến ngày")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = "giữ lại hồ sơ"
        verbose_name_plural = "giữ lại hồ sơ"
