"""The annual file plan (danh mục hồ sơ) and the dossiers (hồ sơ) formed from it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luutru.orgs.models import Organization, Person, Secrecy


class FilePlan(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        APPROVED = "approved", "Đã duyệt"
        ISSUED = "issued", "Đã ban hành, có hiệu lực"

    class CodeScheme(models.TextChoices):
        ACROSS_PLAN = "across_plan", "Đánh số liên tục trong toàn danh mục"
        PER_HEADING = "per_heading", "Đánh số riêng trong từng đề mục lớn"

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="file_plans")
    year = models.PositiveSmallIntegerField("năm")
    state = models.CharField(
        "trạng thái", max_length=10, choices=State.choices, default=State.DRAFT
    )
    code_scheme = models.CharField(
        "cách đánh số hồ sơ",
        max_length=20,
        choices=CodeScheme.choices,
        default=CodeScheme.ACROSS_PLAN,
    )
    decision_number = models.CharField("số quyết định ban hành", max_length=40, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["org", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="one_plan_per_org_year")
        ]
        verbose_name = "danh mục hồ sơ"
        verbose_name_plural = "danh mục hồ sơ"

    def __str__(self) -> str:
        return f"Danh mục hồ sơ năm {self.year} – {self.org}"


class FilePlanHeading(models.Model):
    """A heading: major ones are numbered in Roman numerals, sub-headings in Arabic."""

    plan = models.ForeignKey(FilePlan, on_delete=models.CASCADE, related_name="headings")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveSmallIntegerField("thứ tự")
    title = models.CharField("tên đề mục", max_length=300)
    abbrev = models.CharField("chữ viết tắt đề mục", max_length=20)

    class Meta:
        ordering = ["plan", "parent_id", "order"]
        verbose_name = "đề mục"
        verbose_name_plural = "đề mục"

    def __str__(self) -> str:
        return f"{self.numeral}. {self.title}"

    @property
    def numeral(self) -> str:
        from luutru.filing.codes import roman

        return roman(self.order) if self.parent_id is None else str(self.order)


class FilePlanItem(models.Model):
    plan = models.ForeignKey(FilePlan, on_delete=models.CASCADE, related_name="items")
    heading = models.ForeignKey(FilePlanHeading, on_delete=models.PROTECT, related_name="items")
    order = models.PositiveSmallIntegerField("thứ tự")
    code = models.CharField("số và ký hiệu hồ sơ", max_length=20)
    title = models.CharField("tiêu đề hồ sơ", max_length=500)
    retention = models.ForeignKey(
        "rules.RetentionRule", on_delete=models.PROTECT, verbose_name="thời hạn bảo quản"
    )
    creator = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="người lập hồ sơ"
    )
    # The line of a retention schedule its period comes from (issue 14); optional.
    schedule_item = models.ForeignKey(
        "rules.RetentionScheduleItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="mục bảng thời hạn bảo quản",
    )
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="unique_code_in_plan")]
        verbose_name = "hồ sơ trong danh mục"
        verbose_name_plural = "hồ sơ trong danh mục"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class DossierStatus(models.TextChoices):
    """Every state of a dossier's life (the values are data: never renamed). Which
    moves between them are allowed, and who makes each, is ``filing.lifecycle``."""

    OPEN = "open", "Đang lập"
    CLOSED = "closed", "Đã kết thúc"
    SUBMITTED = "submitted", "Đã gửi nộp lưu"
    RETURNED = "returned", "Bị trả lại"
    ARCHIVED = "archived", "Đã nộp lưu (lưu trữ cơ quan)"
    KEPT_BACK = "kept_back", "Giữ lại"
    TRANSFERRED = "transferred", "Đã nộp vào lưu trữ lịch sử"
    DESTROYED = "destroyed", "Đã tiêu hủy"


class Medium(models.TextChoices):
    ELECTRONIC = "electronic", "Điện tử"
    PAPER = "paper", "Giấy"
    MIXED = "mixed", "Hỗn hợp"


class Dossier(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="dossiers")
    plan_item = models.ForeignKey(
        FilePlanItem, null=True, blank=True, on_delete=models.PROTECT, related_name="dossiers"
    )
    file_catalog = models.PositiveSmallIntegerField("năm hình thành hồ sơ")
    file_notation = models.CharField("số và ký hiệu hồ sơ", max_length=20)
    title = models.CharField("tiêu đề hồ sơ", max_length=500)
    retention = models.ForeignKey(
        "rules.RetentionRule", on_delete=models.PROTECT, verbose_name="thời hạn bảo quản"
    )
    retention_confirmed = models.BooleanField("đã xác nhận thời hạn bảo quản", default=False)
    schedule_item = models.ForeignKey(
        "rules.RetentionScheduleItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="mục bảng thời hạn bảo quản",
    )
    creator = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="dossiers", verbose_name="người lập hồ sơ"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    medium = models.CharField(
        "loại hồ sơ", max_length=12, choices=Medium.choices, default=Medium.ELECTRONIC
    )
    status = models.CharField(
        "trạng thái",
        max_length=12,
        choices=DossierStatus.choices,
        default=DossierStatus.OPEN,
        db_index=True,
    )
    # ``secrecy`` is derived: max(declared_secrecy, its documents' levels), kept
    # by ``filing.secrecy.derive_dossier_secrecy`` at every change (DOMAIN §7).
    secrecy = models.PositiveSmallIntegerField(
        "độ mật", choices=Secrecy.choices, default=Secrecy.NONE
    )
    declared_secrecy = models.PositiveSmallIntegerField(
        "độ mật xác định cho hồ sơ", choices=Secrecy.choices, default=Secrecy.NONE
    )
    language = models.CharField("ngôn ngữ", max_length=50, default="Tiếng Việt")
    rights = models.CharField("chế độ sử dụng", max_length=30, blank=True)
    description = models.CharField("chú giải", max_length=500, blank=True)
    start_date = models.DateField("ngày bắt đầu", null=True, blank=True)
    end_date = models.DateField("ngày kết thúc", null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    kept_back_until = models.DateField("giữ lại đến ngày", null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["org", "-file_catalog", "file_notation"]
        indexes = [models.Index(fields=["org", "status"]), models.Index(fields=["end_date"])]
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"

    def __str__(self) -> str:
        return f"{self.file_notation} {self.title}"

    @property
    def file_code(self) -> str:
        """FileCode = OrganId + FileCatalog + FileNotation (NĐ 30 App. VI)."""
        return f"{self.org.organ_id}.{self.file_catalog}.{self.file_notation}"

    @property
    def is_read_only(self) -> bool:
        return self.status not in (DossierStatus.OPEN, DossierStatus.RETURNED)


class DossierItem(models.Model):
    """A document's place in a dossier; one document may sit in many dossiers
    while its bytes are stored once. Removal keeps the row with its reason."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(
        "registry.Document", on_delete=models.PROTECT, related_name="dossier_items"
    )
    position = models.PositiveIntegerField("thứ tự")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField("lý do loại khỏi hồ sơ", max_length=300, blank=True)

    class Meta:
        ordering = ["dossier", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "document"],
                condition=models.Q(removed_at__isnull=True),
                name="document_once_per_dossier",
            )
        ]


class ClosingCertificate(models.Model):
    """Chứng từ kết thúc: counts frozen at closing (form: default, configurable — verify)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="certificates")
    doc_total = models.PositiveIntegerField("số văn bản")
    page_total = models.PositiveIntegerField("số trang")
    index_pages = models.PositiveIntegerField("số tờ mục lục văn bản", default=0)
    note = models.TextField("đặc điểm", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dossier", "-created_at"]


class DossierIndex(models.Model):
    """Mục lục văn bản, frozen at closing: rows in the official column order."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="indexes")
    rows = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dossier", "-created_at"]


class Bundle(models.Model):
    """Bó gói: loose documents taken in without a dossier, tracked until filed."""

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="bundles")
    name = models.CharField("tên bó gói", max_length=200)
    documents = models.ManyToManyField("registry.Document", related_name="bundles", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bó gói"
        verbose_name_plural = "bó gói"
