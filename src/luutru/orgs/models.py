"""Organizations as a dated tree, their fonds, units, terms, people and roles."""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat, Replace, Right
from django.db.models.lookups import Exact
from django.utils import timezone

from luutru.core.errors import RuleViolation


class Level(models.TextChoices):
    PROVINCE = "province", "Cấp tỉnh"
    DISTRICT = "district", "Cấp huyện"
    COMMUNE = "commune", "Cấp xã"
    GRASSROOTS = "grassroots", "Cơ sở"


class Kind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", "Đảng bộ tỉnh / Tỉnh ủy"
    ADVISORY_BODY = "advisory_body", "Cơ quan tham mưu, giúp việc"
    DISTRICT_COMMITTEE = "district_committee", "Huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc"
    COMMUNE_PARTY = "commune_party", "Đảng bộ xã, phường, thị trấn"
    GRASSROOTS_COMMITTEE = "grassroots_committee", "Đảng bộ cơ sở"
    GRASSROOTS_CELL = "grassroots_cell", "Chi bộ cơ sở"
    SOCIO_POLITICAL = "socio_political", "Tổ chức chính trị - xã hội"
    SOCIO_POLITICAL_BRANCH = (
        "socio_political_branch",
        "Chi hội, cơ sở của tổ chức chính trị - xã hội",
    )


class FondsSystem(models.TextChoices):
    PARTY = "party", "Phông Đảng"
    STATE = "state", "Phông Nhà nước"
    FRONT = "front", "Mặt trận và đoàn thể"


# Set only while ``orgs.services.create_org`` makes a body together with its
# fonds: a body saved for the first time anywhere else is refused.
_creating_org: contextvars.ContextVar[bool] = contextvars.ContextVar("creating_org", default=False)

OUTSIDE_SERVICE = (
    "Cơ quan, tổ chức chỉ được thành lập qua chức năng “Thành lập” (cùng với phông "
    "lưu trữ của nó và vị trí trong cây tổ chức)."
)


@contextmanager
def creating_org() -> Iterator[None]:
    """Allow ``Organization`` rows to be inserted (by ``create_org`` only)."""
    token = _creating_org.set(True)
    try:
        yield
    finally:
        _creating_org.reset(token)


def _path_is_well_formed() -> Q:
    """Non-empty, digits and dots only, no empty segment, ending with the body's own id
    (``{pk:06d}.``): a body without a place in the tree cannot be stored."""
    digits_gone: F | Replace = F("path")
    for ch in "0123456789.":
        digits_gone = Replace(digits_gone, Value(ch), Value(""))
    # Built-in SQL only (no function Django registers on its SQLite connections).
    own_id = Cast("id", CharField(max_length=20))
    own_segment = Concat(Right(Concat(Value("000000"), own_id), 6), Value("."))
    own_long_segment = Concat(own_id, Value("."))
    return (
        ~Q(path="")
        & Q(path__endswith=".")
        & ~Q(path__startswith=".")
        & ~Q(path__contains="..")
        & Q(Exact(digits_gone, Value("")))
        & (
            Q(id__lt=1_000_000, path__endswith=own_segment)
            | Q(id__gte=1_000_000, path__endswith=own_long_segment)
        )
    )


class OrganizationQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        if not _creating_org.get():
            raise RuleViolation(OUTSIDE_SERVICE)
        return super().bulk_create(objs, *args, **kwargs)


class Organization(models.Model):
    """A body that creates records. ``path`` is the materialized path of the
    current tree (``0001.0007.``), kept so that "this body and all below it" is
    one indexed prefix filter; ``OrgParentPeriod`` keeps the tree over time.

    A body exists only with a well-formed path (a database constraint) and a
    fonds: it is made by ``orgs.services.create_org``, which makes both in one
    transaction; saving a new body anywhere else is refused."""

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên cơ quan, tổ chức", max_length=200)
    short_name = models.CharField("tên viết tắt", max_length=60, blank=True)
    kind = models.CharField("loại hình", max_length=40, choices=Kind.choices)
    level = models.CharField("cấp", max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="trực thuộc",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    fonds_system = models.CharField(
        "hệ thống phông", max_length=10, choices=FondsSystem.choices, default=FondsSystem.PARTY
    )
    issuer_abbrev = models.CharField("chữ viết tắt tên cơ quan ban hành", max_length=30, blank=True)
    place = models.CharField("địa danh", max_length=60, blank=True)
    organ_id = models.CharField("mã định danh (OrganId)", max_length=13, blank=True)
    archive_org = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="served_orgs",
        verbose_name="lưu trữ cơ quan tiếp nhận hồ sơ",
        help_text="Để trống: cơ quan tự có lưu trữ cơ quan.",
    )
    valid_from = models.DateField("hoạt động từ ngày", default=dt.date(1930, 2, 3))
    valid_to = models.DateField("ngừng hoạt động từ sau ngày", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        verbose_name="cơ quan kế thừa",
    )
    practice = models.BooleanField(
        "cơ quan thực hành",
        default=False,
        editable=False,
        help_text="Nơi cán bộ mới thực hành cả quy trình trên hồ sơ mẫu: không tính vào số liệu nào.",
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "cơ quan, tổ chức"
        verbose_name_plural = "cơ quan, tổ chức"
        constraints = [
            models.CheckConstraint(condition=_path_is_well_formed(), name="org_path_well_formed"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding and not _creating_org.get():
            raise RuleViolation(OUTSIDE_SERVICE)
        super().save(*args, **kwargs)

    @property
    def depth(self) -> int:
        return self.path.count(".") - 1

    def is_active_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def is_active(self) -> bool:
        return self.valid_to is None or self.valid_to >= timezone.localdate()

    @property
    def receiving_archive(self) -> Organization:
        return self.archive_org or self

    @property
    def counts_in_figures(self) -> bool:
        """See ``in_figures``: the same rule for one body in hand."""
        return not self.practice

    def ancestors(self) -> list[Organization]:
        ids = [int(p) for p in self.path.split(".") if p][:-1]
        by_id = Organization.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]


def in_figures(field: str = "") -> Q:
    """The rule deciding which bodies count in figures: every body but a practice
    body (``Organization.practice``, where new staff walk the whole cycle on sample
    records). Compliance facts, statistics, dashboards, the catalogue and its
    harvest choose their bodies through it. ``field``: the path from the queried
    model to its body (``"org"``, ``"dossier__org"``); empty for ``Organization``."""
    return ~Q(**{f"{field}__practice" if field else "practice": True})


def practice_org_ids() -> list[int]:
    """The bodies that count in no figure (few: one per province at most)."""
    return list(Organization.objects.exclude(in_figures()).values_list("pk", flat=True))


class OrgParentPeriod(models.Model):
    """Where an organization sat in the tree between two dates (the 2025
    re-attachment of communes must not lose history)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="parent_periods")
    parent = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["org", "valid_from"]


class OrgEvent(models.Model):
    class Type(models.TextChoices):
        CREATE = "create", "Thành lập"
        MERGE = "merge", "Hợp nhất, sáp nhập"
        SPLIT = "split", "Chia tách"
        RENAME = "rename", "Đổi tên"
        DISSOLVE = "dissolve", "Giải thể, kết thúc hoạt động"
        REATTACH = "reattach", "Chuyển trực thuộc"

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="events")
    type = models.CharField("sự kiện", max_length=20, choices=Type.choices)
    effective_date = models.DateField("ngày có hiệu lực")
    decision = models.CharField("quyết định", max_length=200, blank=True)
    note = models.TextField("ghi chú", blank=True)
    related = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["effective_date", "id"]
        verbose_name = "sự kiện tổ chức"
        verbose_name_plural = "sự kiện tổ chức"


class Fonds(models.Model):
    """The archival fonds (phông) an organization forms. Closed ⇒ no new
    documents, numbers or dossiers; use, appraisal and transfer go on."""

    class Status(models.TextChoices):
        OPEN = "open", "Mở"
        CLOSED = "closed", "Đóng"

    org = models.OneToOneField(Organization, on_delete=models.PROTECT, related_name="fonds")
    code = models.CharField("mã phông", max_length=20, unique=True)
    name = models.CharField("tên phông", max_length=255)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_on = models.DateField("ngày đóng phông", null=True, blank=True)
    start_year = models.PositiveSmallIntegerField(
        "thời gian tài liệu từ năm", null=True, blank=True
    )
    language = models.CharField("ngôn ngữ", max_length=50, default="Tiếng Việt")
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "phông lưu trữ"
        verbose_name_plural = "phông lưu trữ"

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def accepts_records_on(self, day: dt.date) -> bool:
        return self.status == self.Status.OPEN or (
            self.closed_on is not None and day <= self.closed_on
        )


class FondsCustody(models.Model):
    """Who keeps a fonds from a date: a closed fonds passes to its successor's archive
    by a handover (bàn giao) under a decision; the history is kept."""

    fonds = models.ForeignKey(Fonds, on_delete=models.PROTECT, related_name="custody")
    keeper = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="kept_fonds",
        verbose_name="lưu trữ quản lý phông",
    )
    since = models.DateField("từ ngày")
    decision = models.CharField("theo quyết định", max_length=200, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["fonds", "since", "id"]
        verbose_name = "bàn giao quản lý phông"
        verbose_name_plural = "bàn giao quản lý phông"

    def __str__(self) -> str:
        return f"{self.fonds.code} → {self.keeper.name} ({self.since:%d/%m/%Y})"


class Unit(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="units")
    name = models.CharField("tên đơn vị", max_length=200)
    abbrev = models.CharField("viết tắt", max_length=20, blank=True)

    class Meta:
        ordering = ["org", "name"]
        verbose_name = "đơn vị, phòng ban"
        verbose_name_plural = "đơn vị, phòng ban"

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    """A committee's term (nhiệm kỳ): numbering of Party documents runs per term."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField("nhiệm kỳ", max_length=60)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        ordering = ["org", "start"]
        verbose_name = "nhiệm kỳ"
        verbose_name_plural = "nhiệm kỳ"

    def __str__(self) -> str:
        return self.name


class Secrecy(models.IntegerChoices):
    """Ordered, so that "clearance ≥ secrecy" is a comparison."""

    NONE = 0, "Thường"
    MAT = 1, "Mật"
    TOI_MAT = 2, "Tối mật"
    TUYET_MAT = 3, "Tuyệt mật"

    @classmethod
    def code(cls, value: int) -> str:
        return {0: "none", 1: "mat", 2: "toi_mat", 3: "tuyet_mat"}[int(value)]


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    full_name = models.CharField("họ và tên", max_length=50)
    position = models.CharField("chức vụ", max_length=100, blank=True)
    clearance = models.PositiveSmallIntegerField(
        "được tiếp cận bí mật đến độ", choices=Secrecy.choices, default=Secrecy.NONE
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name = "người"
        verbose_name_plural = "người"

    def __str__(self) -> str:
        return self.full_name


class Role(models.TextChoices):
    OFFICIAL = "official", "Cán bộ, chuyên viên"
    CLERK = "clerk", "Văn thư"
    HEAD = "head", "Lãnh đạo"
    ARCHIVIST = "archivist", "Lưu trữ viên"
    INSPECTOR = "inspector", "Kiểm tra"
    READER = "reader", "Độc giả"
    ADMIN = "admin", "Quản trị"


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL)
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    valid_from = models.DateField("từ ngày", default=dt.date(2000, 1, 1))
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        ordering = ["org", "role"]
        verbose_name = "phân công, vai trò"
        verbose_name_plural = "phân công, vai trò"

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} – {self.org}"


class Duty(models.TextChoices):
    REGISTRY = "registry", "Văn thư"
    ARCHIVE = "archive", "Lưu trữ"


class StaffDuty(models.Model):
    """Who holds the registry or archive duty in a body, since when, full- or part-time
    (the report: most are part-time and untrained; the province must see it)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="duties")
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="staff_duties")
    duty = models.CharField("nhiệm vụ", max_length=10, choices=Duty.choices)
    since = models.DateField("từ ngày")
    until = models.DateField("đến ngày", null=True, blank=True)
    full_time = models.BooleanField("chuyên trách", default=False)
    note = models.CharField("ghi chú", max_length=200, blank=True)

    class Meta:
        ordering = ["org", "duty", "since", "id"]
        verbose_name = "người làm văn thư, lưu trữ"
        verbose_name_plural = "người làm văn thư, lưu trữ"

    def __str__(self) -> str:
        return f"{self.person} – {self.get_duty_display()} ({self.org})"


class Training(models.Model):
    """A course a person attended (bồi dưỡng nghiệp vụ văn thư, lưu trữ)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="trainings")
    day = models.DateField("ngày hoàn thành")
    course = models.CharField("khóa bồi dưỡng", max_length=200)
    provider = models.CharField("đơn vị tổ chức", max_length=200, blank=True)
    hours = models.PositiveSmallIntegerField("số tiết", null=True, blank=True)

    class Meta:
        ordering = ["person", "-day", "id"]
        verbose_name = "khóa bồi dưỡng"
        verbose_name_plural = "khóa bồi dưỡng"

    def __str__(self) -> str:
        return f"{self.person}: {self.course} ({self.day:%d/%m/%Y})"
