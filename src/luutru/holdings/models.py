"""Paper holdings: repository locations (kho → giá → khoang → tầng), a fonds'
inventories (mục lục số …), boxes (hộp/cặp số …) and the paper dossiers listed
in them (issue 13, item 4).

A catalogued paper dossier is its own row, not a ``filing.Dossier``: the
catalogue of decades of paper never went through a file plan, a creator
account or the dossier lifecycle (open → closed → submitted → archived), and
100,000 of its rows must come in in a minute without entering the working
figures (deadlines, compliance). It is an archive holding from the start."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from luutru.orgs.models import Fonds, Organization, Secrecy


class Location(models.Model):
    """A place in the repository: a room (kho), a shelf (giá), a bay (khoang),
    a tier (tầng). Boxes stand on tiers."""

    class Kind(models.TextChoices):
        ROOM = "room", "Kho"
        SHELF = "shelf", "Giá"
        BAY = "bay", "Khoang"
        TIER = "tier", "Tầng"

    keeper = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan quản lý kho"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField("loại", max_length=8, choices=Kind.choices)
    name = models.CharField("số, tên", max_length=40)
    capacity_boxes = models.PositiveIntegerField("sức chứa (hộp)", null=True, blank=True)
    capacity_metres = models.DecimalField(
        "sức chứa (mét giá)", max_digits=8, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["keeper", "parent_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["keeper", "parent", "kind", "name"], name="one_location_name"
            )
        ]
        verbose_name = "vị trí trong kho"
        verbose_name_plural = "vị trí trong kho"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """ "Kho 1 – Giá 3 – Khoang 2 – Tầng 4"."""
        parts: list[str] = []
        node: Location | None = self
        while node is not None:
            parts.append(f"{node.get_kind_display()} {node.name}")
            node = node.parent
        return " – ".join(reversed(parts))


class Inventory(models.Model):
    """A fonds' inventory (mục lục số …)."""

    fonds = models.ForeignKey(Fonds, on_delete=models.PROTECT, related_name="inventories")
    number = models.PositiveIntegerField("mục lục số")
    title = models.CharField("tên mục lục", max_length=300, blank=True)

    class Meta:
        ordering = ["fonds", "number"]
        constraints = [
            models.UniqueConstraint(fields=["fonds", "number"], name="one_inventory_number")
        ]
        verbose_name = "mục lục hồ sơ"
        verbose_name_plural = "mục lục hồ sơ"

    def __str__(self) -> str:
        return f"Mục lục số {self.number} – phông {self.fonds.code}"


class Place(models.TextChoices):
    SHELF = "shelf", "Trên giá"
    LOAN = "loan", "Đang cho mượn"
    DIGITIZATION = "digitization", "Đang số hóa"


class Box(models.Model):
    """A box or folder (hộp/cặp số …) of an inventory, where it stands, and
    where it is now."""

    inventory = models.ForeignKey(Inventory, on_delete=models.PROTECT, related_name="boxes")
    number = models.PositiveIntegerField("hộp số")
    width_cm = models.DecimalField("độ dày (cm)", max_digits=5, decimal_places=1, default=10)
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.PROTECT, related_name="boxes"
    )
    place = models.CharField("hiện ở", max_length=14, choices=Place.choices, default=Place.SHELF)
    place_since = models.DateField("từ ngày", null=True, blank=True)

    class Meta:
        ordering = ["inventory", "number"]
        constraints = [
            models.UniqueConstraint(fields=["inventory", "number"], name="one_box_number")
        ]
        verbose_name = "hộp"
        verbose_name_plural = "hộp"

    def __str__(self) -> str:
        return f"Hộp số {self.number} ({self.inventory})"

    @property
    def metres(self) -> Decimal:
        return self.width_cm / 100


class BoxMovement(models.Model):
    """Each move of a box, dated: out on loan, to the digitization desk, back."""

    box = models.ForeignKey(Box, on_delete=models.CASCADE, related_name="movements")
    day = models.DateField("ngày")
    place = models.CharField("đến", max_length=14, choices=Place.choices)
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField("ghi chú", max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["box", "-day", "-at"]


class PaperDossier(models.Model):
    """One row of a paper inventory: a dossier that may have no electronic content."""

    org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan (phông)"
    )
    inventory = models.ForeignKey(Inventory, on_delete=models.PROTECT, related_name="dossiers")
    box = models.ForeignKey(
        Box, null=True, blank=True, on_delete=models.PROTECT, related_name="dossiers"
    )
    number = models.PositiveIntegerField("hồ sơ số")
    file_code = models.CharField("số, ký hiệu hồ sơ", max_length=60, blank=True)
    title = models.CharField("tiêu đề hồ sơ", max_length=1000)
    start_date = models.DateField("ngày bắt đầu", null=True, blank=True)
    end_date = models.DateField("ngày kết thúc", null=True, blank=True)
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    sheets = models.PositiveIntegerField("số tờ", null=True, blank=True)
    retention = models.CharField("thời hạn bảo quản", max_length=40, blank=True)
    secrecy = models.PositiveSmallIntegerField(
        "độ mật", choices=Secrecy.choices, default=Secrecy.NONE
    )
    physical_state = models.CharField("tình trạng vật lý", max_length=200, blank=True)
    notes = models.CharField("ghi chú", max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["inventory", "number"]
        constraints = [
            models.UniqueConstraint(fields=["inventory", "number"], name="one_paper_dossier_number")
        ]
        indexes = [models.Index(fields=["box", "number"])]
        verbose_name = "hồ sơ giấy"
        verbose_name_plural = "hồ sơ giấy"

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ImportLayout(models.Model):
    """A catalogue layout's column mapping, remembered by its header row's fingerprint."""

    fingerprint = models.CharField(max_length=64, unique=True)
    headers = models.JSONField()
    mapping = models.JSONField()  # field name → column index
    header_row = models.PositiveSmallIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
