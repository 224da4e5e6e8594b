"""Yearly evaluation: weighted criteria kept as rule data, and one cycle per year
that freezes the criteria it was scored with."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from luutru.rules.models import Evidence

# The figures a criterion may name (compliance figures, per organization or person, per year).
FIGURES = {
    "plan_issued_on_time": "Danh mục hồ sơ ban hành đúng hạn",
    "plans_expected": "Danh mục hồ sơ phải ban hành",
    "plan_items": "Hồ sơ trong danh mục",
    "dossiers_opened": "Hồ sơ đã mở",
    "dossiers_closed": "Hồ sơ đã kết thúc",
    "dossiers_due": "Hồ sơ đã đến hạn nộp lưu (đã nộp hoặc đang quá hạn)",
    "deposited_on_time": "Hồ sơ nộp lưu đúng hạn",
    "deposited_late": "Hồ sơ nộp lưu muộn",
    "overdue_now": "Hồ sơ quá hạn chưa nộp lưu (mọi năm, tại ngày tính)",
    "documents": "Văn bản đăng ký",
    "loose_documents": "Văn bản chưa vào hồ sơ",
}
FIGURE_CHOICES = list(FIGURES.items())


class CriteriaSet(models.Model):
    """The criteria in force over a period; their weights must sum to 100."""

    name = models.CharField("tên bộ tiêu chí", max_length=200)
    legal_basis = models.CharField("căn cứ", max_length=500)
    evidence = models.CharField(
        "mức kiểm chứng", max_length=10, choices=Evidence.choices, default=Evidence.DEFAULT
    )
    valid_from = models.DateField("hiệu lực từ", default=dt.date(2000, 1, 1))
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = "bộ tiêu chí đánh giá"
        verbose_name_plural = "bộ tiêu chí đánh giá"

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", "Càng cao càng tốt"
        LOWER = "lower", "Càng thấp càng tốt"

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField("mã", max_length=30)
    name = models.CharField("tên tiêu chí", max_length=200)
    description = models.CharField("mô tả", max_length=500, blank=True)
    weight = models.PositiveSmallIntegerField("trọng số (điểm)")
    legal_basis = models.CharField("căn cứ", max_length=300, blank=True)
    numerator = models.CharField("số liệu (tử số)", max_length=30, choices=FIGURE_CHOICES)
    denominator = models.CharField(
        "chia cho (mẫu số)",
        max_length=30,
        choices=FIGURE_CHOICES,
        blank=True,
        help_text="Để trống: dùng chính số liệu ở tử số (0 hoặc 1).",
    )
    direction = models.CharField(
        "chiều đánh giá", max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)

    class Meta:
        ordering = ["criteria_set", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="criterion_code_in_set")
        ]
        verbose_name = "tiêu chí đánh giá"
        verbose_name_plural = "tiêu chí đánh giá"

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"

    def in_force_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def snapshot(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "description": self.description,
            "weight": self.weight,
            "legal_basis": self.legal_basis,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "direction": self.direction,
        }


class EvaluationCycle(models.Model):
    """One year's evaluation: the criteria (with weights) it is scored with, frozen."""

    year = models.PositiveSmallIntegerField("năm đánh giá", unique=True)
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="cycles")
    criteria = models.JSONField("tiêu chí (bản chụp)")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = "kỳ đánh giá"
        verbose_name_plural = "kỳ đánh giá"

    def __str__(self) -> str:
        return f"Đánh giá năm {self.year}"
