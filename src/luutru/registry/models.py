"""Documents (văn bản) and the number series they are numbered from.

Field names follow NĐ 30/2020 App. VI in snake_case with the same lengths.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luutru.access.policy import facts_of
from luutru.orgs.models import Organization, Secrecy


class Urgency(models.IntegerChoices):
    NONE = 0, "Thường"
    KHAN = 1, "Khẩn"
    THUONG_KHAN = 2, "Thượng khẩn"
    HOA_TOC = 3, "Hỏa tốc"


class Direction(models.TextChoices):
    INCOMING = "incoming", "Văn bản đến"
    OUTGOING = "outgoing", "Văn bản đi"
    INTERNAL = "internal", "Văn bản nội bộ"


class Document(models.Model):
    org = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name="cơ quan quản lý văn bản",
    )
    direction = models.CharField(
        "loại", max_length=10, choices=Direction.choices, default=Direction.INTERNAL
    )
    doc_type = models.ForeignKey(
        "rules.DocumentType",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name="tên loại văn bản",
    )
    type_name = models.CharField("tên loại văn bản", max_length=100, blank=True)
    code_number = models.CharField("số văn bản", max_length=11, blank=True)
    code_notation = models.CharField("ký hiệu văn bản", max_length=30, blank=True)
    issued_date = models.DateField("ngày tháng văn bản", null=True, blank=True)
    organ_name = models.CharField("tác giả văn bản (cơ quan ban hành)", max_length=200, blank=True)
    # What the header prints, kept as printed (organ_name is the body's known name).
    issuer = models.CharField("cơ quan ban hành (như in trên văn bản)", max_length=200, blank=True)
    issuer_parent = models.CharField(
        "cơ quan cấp trên (như in trên văn bản)", max_length=200, blank=True
    )
    place = models.CharField("địa danh", max_length=100, blank=True)
    subject = models.CharField("trích yếu nội dung", max_length=500)
    language = models.CharField("ngôn ngữ", max_length=30, default="Tiếng Việt")
    page_amount = models.PositiveIntegerField("số trang", null=True, blank=True)
    description = models.CharField("ghi chú", max_length=500, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=100, blank=True)
    signer_full_name = models.CharField("người ký", max_length=50, blank=True)
    secrecy = models.PositiveSmallIntegerField(
        "độ mật", choices=Secrecy.choices, default=Secrecy.NONE
    )
    urgency = models.PositiveSmallIntegerField(
        "độ khẩn", choices=Urgency.choices, default=Urgency.NONE
    )
    due_date = models.DateField("thời hạn giải quyết", null=True, blank=True)
    arrival_date = models.DateField("ngày đến", null=True, blank=True)
    arrival_number = models.CharField("số đến", max_length=10, blank=True)
    blob = models.ForeignKey(
        "storage.Blob", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    original_filename = models.CharField("tên tệp gốc", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["issued_date", "id"]
        indexes = [
            models.Index(fields=["org", "issued_date"]),
            models.Index(fields=["code_number", "code_notation"]),
        ]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"

    def __str__(self) -> str:
        return f"{self.symbol_display} {self.subject}".strip()

    @property
    def symbol_display(self) -> str:
        """Party style "12-NQ/TU" (no colon after "Số", DOMAIN.md §3); a State
        notation ("QĐ-UBND", "2024/NQ-HĐND") prints State style "12/QĐ-UBND"."""
        if self.code_number and self.code_notation:
            head, slash, _ = self.code_notation.partition("/")
            if not slash or head.isdigit():
                return f"{self.code_number}/{self.code_notation}"
            return f"{self.code_number}-{self.code_notation}"
        return self.code_notation or self.code_number

    @property
    def in_holdings(self) -> bool:
        """Is it an archive holding (readers may find it in the catalogue)? Derived,
        never stored: filing gives the policy this fact (a dossier holding it is
        held by the archive; ``filing/access_kinds.py``). A list made with
        ``registry.queries.with_holdings`` has it already."""
        if "held_now" in self.__dict__:
            return bool(self.__dict__["held_now"])
        return facts_of(self, "document").archived

    def access_facts(self):
        return facts_of(self, "document")


class Citation(models.Model):
    """A document cited by a registered one ("Chỉ thị số 35-CT/TW, ngày 30/5/2019 của
    Bộ Chính trị"), as printed, and the registered document it names when there is
    one: same number, notation and issuer, issued the same year (a number comes
    round again in another year or term, and then names another document)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="citations")
    position = models.PositiveSmallIntegerField(default=0)
    type_name = models.CharField("tên loại", max_length=100, blank=True)
    number_symbol = models.CharField("số, ký hiệu", max_length=60)
    code_number = models.CharField(max_length=11, blank=True)
    code_notation = models.CharField(max_length=50, blank=True)
    issued_date = models.DateField("ngày", null=True, blank=True)
    issuer = models.CharField("cơ quan ban hành (như dẫn)", max_length=200, blank=True)
    text = models.CharField("đoạn dẫn", max_length=500, blank=True)
    cited = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_by",
        verbose_name="văn bản được dẫn (đã vào sổ)",
    )

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="registry_citation_position_once"
            )
        ]
        indexes = [models.Index(fields=["code_number", "code_notation"])]
        verbose_name = "văn bản được dẫn"
        verbose_name_plural = "văn bản được dẫn"

    def __str__(self) -> str:
        return f"{self.type_name} {self.number_symbol}".strip()


class NumberSeries(models.Model):
    """Last number issued in one series; allocation locks the row (never reuse)."""

    scope_key = models.CharField(max_length=200, unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "dãy số văn bản"
        verbose_name_plural = "dãy số văn bản"
