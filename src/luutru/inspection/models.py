"""Inspections of an organization: checklist from rule data, findings with
evidence, required fixes with deadlines and their follow-up."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from luutru.access.policy import Facts
from luutru.orgs.models import Organization, Person, Secrecy
from luutru.rules.models import Evidence


class ChecklistItem(models.Model):
    """A criterion an inspector checks, with its legal basis (rule data, editable in the admin)."""

    code = models.CharField("mã", max_length=20)
    title = models.CharField("nội dung kiểm tra", max_length=300)
    guidance = models.CharField("cách kiểm tra", max_length=500, blank=True)
    legal_basis = models.CharField("căn cứ", max_length=300)
    evidence = models.CharField(
        "mức kiểm chứng", max_length=10, choices=Evidence.choices, default=Evidence.DEFAULT
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    valid_from = models.DateField("hiệu lực từ", default=dt.date(2000, 1, 1))
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)

    class Meta:
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="checklist_code_from")
        ]
        verbose_name = "nội dung kiểm tra (mẫu)"
        verbose_name_plural = "nội dung kiểm tra (mẫu)"

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Inspection(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Đã lên kế hoạch"
        IN_PROGRESS = "in_progress", "Đang kiểm tra"
        CLOSED = "closed", "Đã kết thúc"

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="inspections")
    title = models.CharField("tên đợt kiểm tra", max_length=300)
    planned_on = models.DateField("ngày kiểm tra")
    year = models.PositiveSmallIntegerField("năm được kiểm tra")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    conclusion = models.TextField("kết luận", blank=True)

    class Meta:
        ordering = ["-planned_on", "-pk"]
        verbose_name = "đợt kiểm tra"
        verbose_name_plural = "đợt kiểm tra"

    def __str__(self) -> str:
        return f"{self.title} – {self.org}"

    def access_facts(self):
        return Facts(
            org_id=self.org_id,
            secrecy=Secrecy.NONE,
            owner_user_id=self.created_by_id,
            archived=False,
        )


class Check(models.Model):
    """One checklist line of an inspection; the template's text is copied so that
    later edits of the rule data do not rewrite a past inspection."""

    class Result(models.TextChoices):
        PENDING = "pending", "Chưa kiểm tra"
        PASS = "pass", "Đạt"
        FAIL = "fail", "Không đạt"
        NOTE = "note", "Có lưu ý"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="checks")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    legal_basis = models.CharField(max_length=300)
    result = models.CharField(
        "kết quả", max_length=10, choices=Result.choices, default=Result.PENDING
    )
    note = models.TextField("nhận xét", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["inspection", "order"]


class EvidenceLink(models.Model):
    """A record the finding rests on; shown only to those who may see that record."""

    class Type(models.TextChoices):
        DOSSIER = "dossier", "Hồ sơ"
        DOCUMENT = "document", "Văn bản"
        PLAN = "fileplan", "Danh mục hồ sơ"

    check_line = models.ForeignKey(Check, on_delete=models.CASCADE, related_name="evidence")
    object_type = models.CharField(max_length=12, choices=Type.choices)
    object_id = models.PositiveBigIntegerField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["check_line", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["check_line", "object_type", "object_id"], name="evidence_once_per_check"
            )
        ]


class Fix(models.Model):
    """A required fix: who, by when; open → done (by the body) → verified (by the inspector)."""

    class Status(models.TextChoices):
        OPEN = "open", "Chưa khắc phục"
        DONE = "done", "Đã khắc phục, chờ xác nhận"
        VERIFIED = "verified", "Đã xác nhận"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="fixes")
    check_line = models.ForeignKey(
        Check, null=True, blank=True, on_delete=models.SET_NULL, related_name="fixes"
    )
    description = models.CharField("yêu cầu khắc phục", max_length=500)
    deadline = models.DateField("hạn khắc phục")
    responsible = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="inspection_fixes",
        verbose_name="người chịu trách nhiệm",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_note = models.CharField("kết quả khắc phục", max_length=500, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = "yêu cầu khắc phục"
        verbose_name_plural = "yêu cầu khắc phục"

    def __str__(self) -> str:
        return self.description

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.status == self.Status.OPEN and self.deadline < (today or timezone.localdate())

    @property
    def overdue(self) -> bool:
        return self.is_overdue()
