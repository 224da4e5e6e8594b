"""Changes to paper holdings outside the import: a box moves (to a reader on
loan, to the digitization desk, back to its shelf), dated and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from luutru.access.policy import has_role
from luutru.audit import services as audit
from luutru.core.errors import RuleViolation
from luutru.holdings.models import Box, BoxMovement, Place
from luutru.orgs.models import Role


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
    elif day > dt.date.today():
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
