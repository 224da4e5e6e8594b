"""Regulation profiles as data (DESIGN.md §4.4): nothing here is hard-coded in services.

Every value carries its legal basis and whether it was verified in the
instrument; unverified values are shown as "mặc định, có thể cấu hình — cần
kiểm chứng", never as law.
"""

from __future__ import annotations

from django.db import models


class Evidence(models.TextChoices):
    VERIFIED = "verified", "Đã kiểm chứng trong văn bản"
    PARTIAL = "partial", "Kiểm chứng một phần"
    DEFAULT = "default", "Mặc định, có thể cấu hình — cần kiểm chứng"


class RuleProfile(models.Model):
    class NumberingScope(models.TextChoices):
        PARTY_TERM = "party_term", "Đảng: theo cơ quan ban hành × loại văn bản × nhiệm kỳ"
        PARTY_CONGRESS = "party_congress", "Đại hội Đảng: một dãy số cho cả đại hội"
        STATE_ANNUAL = "state_annual", "Nhà nước: theo cơ quan ban hành × năm"

    class SecretSeries(models.TextChoices):
        SHARED = "shared", "Văn bản mật dùng chung dãy số"
        SEPARATE = "separate", "Văn bản mật có dãy số riêng"

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
        "dãy số văn bản mật", max_length=10, choices=SecretSeries.choices,
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
    plan_deadline_month = models.PositiveSmallIntegerField("hạn ban hành danh mục: tháng", default=1)
    plan_deadline_day = models.PositiveSmallIntegerField("hạn ban hành danh mục: ngày", default=31)
    deadlines_basis = models.CharField(
        "căn cứ các thời hạn", max_length=500,
        default="Nghị định 30/2020/NĐ-CP; Luật Lưu trữ 2024",
    )

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
