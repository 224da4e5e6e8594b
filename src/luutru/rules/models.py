"""Regulation profiles as data (DESIGN.md §4.4): nothing here is hard-coded in services.

Every value carries its legal basis and whether it was verified in the
instrument; unverified values are shown as "mặc định, có thể cấu hình — cần
kiểm chứng", never as law.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models


class Evidence(models.TextChoices):
    VERIFIED = "verified", "Đã kiểm chứng trong văn bản"
    PARTIAL = "partial", "Kiểm chứng một phần"
    DEFAULT = "default", "Mặc định, có thể cấu hình — cần kiểm chứng"


class RulesVersion(models.Model):
    """One row whose random token changes with every change to the rules.

    ``rules.book.rulebook()`` keys its per-process cache on it: a process sees
    another's edit at its next read. A random token, not a counter, so that a
    rolled-back change (a test, a failed request) never leaves a stale book
    looking current: the token goes back to one the stale book was not loaded for.
    """

    token = models.CharField(max_length=32, default="")

    class Meta:
        verbose_name = "phiên bản quy tắc"

    def __str__(self) -> str:
        return self.token


def bump_rules_version() -> str:
    """Give the rules a new version (called by every write to a rules model)."""
    token = uuid.uuid4().hex
    if not RulesVersion.objects.filter(pk=1).update(token=token):
        RulesVersion.objects.update_or_create(pk=1, defaults={"token": token})
    return token


class RulesQuerySet(models.QuerySet[Any]):
    """Bulk writes to the rules (``update``, ``delete``, ``bulk_*``) bump the
    version like a ``save()`` does through the signals."""

    def update(self, **kwargs: Any) -> int:
        n = super().update(**kwargs)
        bump_rules_version()
        return n

    def delete(self) -> tuple[int, dict[str, int]]:
        result = super().delete()
        bump_rules_version()
        return result

    def bulk_create(self, *args: Any, **kwargs: Any) -> list[Any]:
        result = super().bulk_create(*args, **kwargs)
        bump_rules_version()
        return result

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        result = super().bulk_update(*args, **kwargs)
        bump_rules_version()
        return result


class RuleProfile(models.Model):
    class NumberingScope(models.TextChoices):
        PARTY_TERM = "party_term", "Đảng: theo cơ quan ban hành × loại văn bản × nhiệm kỳ"
        PARTY_CONGRESS = "party_congress", "Đại hội Đảng: một dãy số cho cả đại hội"
        STATE_ANNUAL = "state_annual", "Nhà nước: theo cơ quan ban hành × năm"

    class SecretSeries(models.TextChoices):
        SHARED = "shared", "Văn bản mật dùng chung dãy số"
        SEPARATE = "separate", "Văn bản mật có dãy số riêng"

    class NumberStyle(models.TextChoices):
        PARTY = "party", "Kiểu Đảng: số-loại/cơ quan (12-NQ/TU)"
        STATE = "state", "Kiểu Nhà nước: số/loại-cơ quan (12/QĐ-UBND)"

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên bộ quy tắc", max_length=200)
    fonds_system = models.CharField("áp dụng cho hệ thống phông", max_length=10)
    legal_basis = models.CharField("căn cứ", max_length=500)
    evidence = models.CharField(max_length=10, choices=Evidence.choices, default=Evidence.DEFAULT)
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    numbering_scope = models.CharField(
        "phạm vi đánh số", max_length=20, choices=NumberingScope.choices
    )
    secret_series = models.CharField(
        "dãy số văn bản mật",
        max_length=10,
        choices=SecretSeries.choices,
        default=SecretSeries.SHARED,
    )
    deposit_delay_months = models.PositiveSmallIntegerField(
        "thời hạn nộp lưu (tháng sau khi công việc kết thúc)", default=12
    )
    deposit_min_years = models.PositiveSmallIntegerField(
        "chỉ nộp lưu hồ sơ có thời hạn bảo quản từ (năm)", default=5
    )
    keep_back_max_years = models.PositiveSmallIntegerField(
        "giữ lại tối đa (năm kể từ hạn nộp lưu)", default=2
    )
    reminder_days = models.PositiveSmallIntegerField("nhắc trước hạn nộp lưu (ngày)", default=30)
    plan_deadline_month = models.PositiveSmallIntegerField(
        "hạn ban hành danh mục: tháng", default=1
    )
    plan_deadline_day = models.PositiveSmallIntegerField("hạn ban hành danh mục: ngày", default=31)
    deadlines_basis = models.CharField(
        "căn cứ các thời hạn",
        max_length=500,
        default="Nghị định 30/2020/NĐ-CP; Luật Lưu trữ 2024",
    )
    deadlines_evidence = models.CharField(
        "mức kiểm chứng các thời hạn nộp lưu",
        max_length=10,
        choices=Evidence.choices,
        default=Evidence.DEFAULT,
    )
    reminder_basis = models.CharField("căn cứ thời gian nhắc trước", max_length=500, blank=True)
    reminder_evidence = models.CharField(
        "mức kiểm chứng thời gian nhắc trước",
        max_length=10,
        choices=Evidence.choices,
        default=Evidence.DEFAULT,
    )
    plan_deadline_basis = models.CharField(
        "căn cứ hạn ban hành danh mục", max_length=500, blank=True
    )
    plan_deadline_evidence = models.CharField(
        "mức kiểm chứng hạn ban hành danh mục",
        max_length=10,
        choices=Evidence.choices,
        default=Evidence.DEFAULT,
    )
    number_style = models.CharField(
        "kiểu số, ký hiệu văn bản",
        max_length=10,
        choices=NumberStyle.choices,
        default=NumberStyle.PARTY,
    )
    number_style_basis = models.CharField("căn cứ kiểu số, ký hiệu", max_length=500, blank=True)
    number_style_evidence = models.CharField(
        "mức kiểm chứng kiểu số, ký hiệu",
        max_length=10,
        choices=Evidence.choices,
        default=Evidence.DEFAULT,
    )
    # Issue 14: when a dossier's retention ends, and when a permanent one is due
    # at the historical archive.
    retention_basis = models.CharField(
        "căn cứ cách tính thời hạn bảo quản", max_length=500, blank=True
    )
    retention_evidence = models.CharField(
        "mức kiểm chứng cách tính thời hạn bảo quản",
        max_length=10,
        choices=Evidence.choices,
        default=Evidence.DEFAULT,
    )
    transfer_delay_years = models.PositiveSmallIntegerField(
        "nộp lưu vào lưu trữ lịch sử sau (năm kể từ khi nộp lưu vào lưu trữ cơ quan)", default=5
    )
    transfer_basis = models.CharField("căn cứ thời hạn nộp lưu lịch sử", max_length=500, blank=True)
    transfer_evidence = models.CharField(
        "mức kiểm chứng thời hạn nộp lưu lịch sử",
        max_length=10,
        choices=Evidence.choices,
        default=Evidence.DEFAULT,
    )

    objects = RulesQuerySet.as_manager()

    class Meta:
        ordering = ["fonds_system", "-valid_from"]
        verbose_name = "bộ quy tắc"
        verbose_name_plural = "bộ quy tắc"

    def __str__(self) -> str:
        return self.name


class DocumentType(models.Model):
    profile = models.ForeignKey(RuleProfile, on_delete=models.CASCADE, related_name="doc_types")
    name = models.CharField("tên loại văn bản", max_length=100)
    abbrev = models.CharField("viết tắt", max_length=6)
    evidence = models.CharField(max_length=10, choices=Evidence.choices, default=Evidence.DEFAULT)
    legal_basis = models.CharField("căn cứ", max_length=200, blank=True)

    objects = RulesQuerySet.as_manager()

    class Meta:
        ordering = ["profile", "name"]
        verbose_name = "loại văn bản"
        verbose_name_plural = "loại văn bản"

    def __str__(self) -> str:
        return f"{self.name} ({self.abbrev})" if self.abbrev else self.name


class IssuerAbbrev(models.Model):
    """Known issuer abbreviations (TW, VPTW, TU, HU …) accepted in a symbol."""

    profile = models.ForeignKey(RuleProfile, on_delete=models.CASCADE, related_name="issuers")
    abbrev = models.CharField("viết tắt", max_length=30)
    name = models.CharField("cơ quan", max_length=200)
    evidence = models.CharField(max_length=10, choices=Evidence.choices, default=Evidence.DEFAULT)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    objects = RulesQuerySet.as_manager()

    class Meta:
        ordering = ["profile", "abbrev"]
        verbose_name = "chữ viết tắt cơ quan ban hành"
        verbose_name_plural = "chữ viết tắt cơ quan ban hành"

    def __str__(self) -> str:
        return f"{self.abbrev} – {self.name}"


class RetentionRule(models.Model):
    class Period(models.TextChoices):
        PERMANENT = "permanent", "Vĩnh viễn"
        YEARS = "years", "Có thời hạn"
        UNTIL_LAPSE = "until_lapse", "Đến khi hết hiệu lực"
        LIFE_OF_WORKS = "life_of_works", "Theo tuổi thọ công trình"

    profile = models.ForeignKey(RuleProfile, on_delete=models.CASCADE, related_name="retentions")
    period = models.CharField("loại thời hạn", max_length=20, choices=Period.choices)
    years = models.PositiveSmallIntegerField("số năm", null=True, blank=True)
    evidence = models.CharField(max_length=10, choices=Evidence.choices, default=Evidence.DEFAULT)
    legal_basis = models.CharField("căn cứ", max_length=200, blank=True)

    objects = RulesQuerySet.as_manager()

    class Meta:
        ordering = ["profile", "period", "-years"]
        verbose_name = "thời hạn bảo quản"
        verbose_name_plural = "thời hạn bảo quản"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.period == self.Period.YEARS:
            return f"{self.years} năm"
        return self.get_period_display()

    @property
    def rank(self) -> int:
        """Orders rules by value: permanent outranks any term."""
        if self.period == self.Period.PERMANENT:
            return 10_000
        if self.period == self.Period.YEARS:
            return self.years or 0
        return 50  # until lapse / life of works: kept long, below permanent

    def at_least_years(self, n: int) -> bool:
        return self.rank >= n


class RetentionStart(models.TextChoices):
    WORK_END_YEAR = "work_end_year", "Từ năm công việc kết thúc"
    UNIT_FORMED = "unit_formed", "Từ khi hình thành đơn vị bảo quản"


class RetentionSchedule(models.Model):
    """A retention schedule (bảng thời hạn bảo quản): dated, versioned rule data.

    ``source_sha256`` is the SHA-256 of the XLSX it was loaded from: loading the
    same file again changes nothing."""

    class Kind(models.TextChoices):
        PARTY_MODEL = "party_model", "Bảng thời hạn bảo quản mẫu (cơ quan Đảng)"
        STATE_MASS = "state_mass", "Bảng thời hạn bảo quản (Nhà nước, tổ chức chính trị - xã hội)"
        OTHER = "other", "Bảng thời hạn bảo quản của cơ quan"

    code = models.CharField("mã bảng", max_length=40)
    version = models.PositiveSmallIntegerField("phiên bản", default=1)
    name = models.CharField("tên bảng", max_length=300)
    kind = models.CharField("loại bảng", max_length=20, choices=Kind.choices)
    fonds_system = models.CharField("áp dụng cho hệ thống phông", max_length=10)
    legal_basis = models.CharField("căn cứ", max_length=500)
    evidence = models.CharField(max_length=10, choices=Evidence.choices, default=Evidence.DEFAULT)
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    source_sha256 = models.CharField("SHA-256 của tệp nạp", max_length=64, blank=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    objects = RulesQuerySet.as_manager()

    class Meta:
        ordering = ["fonds_system", "code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="one_schedule_version")
        ]
        verbose_name = "bảng thời hạn bảo quản"
        verbose_name_plural = "bảng thời hạn bảo quản"

    def __str__(self) -> str:
        return f"{self.name} (phiên bản {self.version})"


class RetentionScheduleItem(models.Model):
    """One line of a schedule: a category of records → its retention period.

    ``number`` is the instrument's own item number; where the instrument's
    numbering could not be sourced it stays empty and ``project_grouping`` says
    the line and its ``group`` are this project's grouping, not the text's."""

    schedule = models.ForeignKey(RetentionSchedule, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField("thứ tự")
    number = models.CharField("số mục trong văn bản", max_length=20, blank=True)
    group = models.CharField("nhóm", max_length=300, blank=True)
    project_grouping = models.BooleanField("nhóm do dự án sắp xếp", default=False)
    category = models.CharField("tên nhóm hồ sơ, tài liệu", max_length=500)
    period = models.CharField("loại thời hạn", max_length=20, choices=RetentionRule.Period.choices)
    years = models.PositiveSmallIntegerField("số năm", null=True, blank=True)
    start = models.CharField(
        "tính từ",
        max_length=20,
        choices=RetentionStart.choices,
        default=RetentionStart.WORK_END_YEAR,
    )
    legal_basis = models.CharField("căn cứ", max_length=300)
    evidence = models.CharField(max_length=10, choices=Evidence.choices, default=Evidence.DEFAULT)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    objects = RulesQuerySet.as_manager()

    class Meta:
        ordering = ["schedule", "order"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "order"], name="one_item_per_place")
        ]
        verbose_name = "mục bảng thời hạn bảo quản"
        verbose_name_plural = "mục bảng thời hạn bảo quản"

    def __str__(self) -> str:
        return f"{self.number or '—'} {self.category}: {self.label}"

    @property
    def label(self) -> str:
        if self.period == RetentionRule.Period.YEARS:
            return f"{self.years} năm"
        return str(RetentionRule.Period(self.period).label)
