"""Changes to paper holdings outside the import: a box moves (to a reader on
loan, to the digitization desk, back to its shelf), dated and audited; the
capacity of a place in the repository is recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from luutru.access.policy import has_role
from luutru.audit import services as audit
from luutru.core.errors import RuleViolation
from luutru.holdings.models import Box, BoxMovement, Location, Place
from luutru.orgs.models import Organization, Role


def can_manage(user: Any, box: Box) -> bool:
    return has_role(user, Role.ARCHIVIST, box.inventory.fonds.org)


def move_box(user: Any, box: Box, place: str, day: dt.date | None, note: str = "") -> BoxMovement:
    problems = []
    if not can_manage(user, box):
        problems.append("Chỉ lưu trữ viên của phông này được ghi việc chuyển hộp.")
    if place not in Place.values:
        problems.append("Nơi đến không hợp lệ: chọn Trên giá, Đang cho mượn hoặc Đang số hóa.")
    if day is None:
        problems.append("Thiếu ngày chuyển (dd/mm/yyyy).")
    elif day > timezone.localdate():
        problems.append("Ngày chuyển không được sau hôm nay.")
    elif box.place_since and day < box.place_since:
        problems.append(f"Ngày chuyển trước lần chuyển gần nhất ({box.place_since:%d/%m/%Y}).")
    if place == box.place:
        problems.append(f"Hộp đã ở “{box.get_place_display()}”.")
    if problems:
        raise RuleViolation(*problems)
    assert day is not None
    with transaction.atomic():
        before = {"place": box.place, "since": box.place_since}
        box.place, box.place_since = place, day
        box.save(update_fields=["place", "place_since"])
        move = BoxMovement.objects.create(
            box=box, day=day, place=place, location=box.location, note=note[:300], by=user
        )
        audit.record(
            user,
            "holdings.box_moved",
            box,
            org_id=box.inventory.fonds.org_id,
            before=before,
            after={"place": place, "since": day, "note": note[:300]},
        )
    return move


# ---------------------------------------------------------------- repository


CAPACITY_BOXES_MAX = 100_000
CAPACITY_METRES_MAX = Decimal("99999.99")


def can_keep_repository(user: Any, keeper: Organization) -> bool:
    """The archivists over the body whose repository (kho) it is."""
    return has_role(user, Role.ARCHIVIST, keeper)


def repository_keepers(user: Any) -> list[Organization]:
    """The bodies with a repository whose locations ``user`` keeps."""
    ids = Location.objects.values("keeper_id").distinct()
    return [
        org
        for org in Organization.objects.filter(pk__in=ids).order_by("path")
        if can_keep_repository(user, org)
    ]


def _capacity_boxes(text: str, problems: list[str]) -> int | None:
    text = text.strip().replace(".", "").replace(" ", "")
    if not text:
        return None
    if not text.isdigit() or int(text) > CAPACITY_BOXES_MAX:
        problems.append(
            f"Sức chứa (hộp) “{text[:20]}” phải là số nguyên từ 0 đến 100.000; "
            "để trống nếu không ghi."
        )
        return None
    return int(text)


def _capacity_metres(text: str, problems: list[str]) -> Decimal | None:
    text = text.strip().replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0 or value > CAPACITY_METRES_MAX:
        problems.append(
            f"Sức chứa (mét giá) “{text[:20]}” phải là số từ 0 đến 99.999,99 (ví dụ 4,5); "
            "để trống nếu không ghi."
        )
        return None
    return value.quantize(Decimal("0.01"))


def set_capacity(user: Any, location: Location, boxes: str, metres: str) -> Location:
    """Record how many boxes, or how many metres of shelf, a place of the repository
    holds (either may stay empty); audited. What stands there already may exceed it:
    the repository page shows it as over capacity."""
    problems: list[str] = []
    if not can_keep_repository(user, location.keeper):
        problems.append("Chỉ lưu trữ viên của cơ quan quản lý kho được ghi sức chứa.")
    new_boxes = _capacity_boxes(boxes or "", problems)
    new_metres = _capacity_metres(metres or "", problems)
    RuleViolation.check(problems)
    with transaction.atomic():
        before = {"boxes": location.capacity_boxes, "metres": location.capacity_metres}
        location.capacity_boxes, location.capacity_metres = new_boxes, new_metres
        location.save(update_fields=["capacity_boxes", "capacity_metres"])
        audit.record(
            user,
            "holdings.location_capacity",
            location,
            org_id=location.keeper_id,
            before=before,
            after={"boxes": new_boxes, "metres": new_metres},
        )
    return location
