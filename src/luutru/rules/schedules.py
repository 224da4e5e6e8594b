"""Loading a retention schedule from XLSX (issue 14): a dry run lists every bad
row in Vietnamese and changes nothing; loading writes a new version of the
schedule; loading the same file again changes nothing.

The sheet: a header row naming the columns (in any order) —
``Số mục`` (optional), ``Nhóm`` (optional), ``Tên nhóm hồ sơ, tài liệu``,
``Thời hạn bảo quản`` ("Vĩnh viễn", "10 năm", "Đến khi hết hiệu lực",
"Theo tuổi thọ công trình"), ``Căn cứ``, ``Ghi chú`` (optional) — then one row
per item. A row with neither number nor basis is marked as the project's grouping.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from openpyxl import load_workbook

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.rules.models import (
    Evidence,
    RetentionRule,
    RetentionSchedule,
    RetentionScheduleItem,
    RetentionStart,
)
from luutru.rules.services import rules_failures

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
COLUMNS = {
    "number": ("so muc", "so", "stt"),
    "group": ("nhom",),
    "category": ("ten nhom ho so, tai lieu", "ten nhom ho so", "ten ho so", "nhom ho so, tai lieu"),
    "period": ("thoi han bao quan", "thoi han"),
    "legal_basis": ("can cu",),
    "note": ("ghi chu",),
}
REQUIRED = ("category", "period")


def _fold(text: object) -> str:
    s = unicodedata.normalize("NFD", str(text or "").strip().lower()).replace("đ", "d")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s)


def parse_period(text: str) -> tuple[str, int | None] | None:
    """("years", 10) from "10 năm"; ("permanent", None) from "Vĩnh viễn"; None if unreadable."""
    t = _fold(text)
    if t in ("vinh vien", "vv"):
        return RetentionRule.Period.PERMANENT, None
    if t.startswith("den khi het hieu luc"):
        return RetentionRule.Period.UNTIL_LAPSE, None
    if "tuoi tho cong trinh" in t:
        return RetentionRule.Period.LIFE_OF_WORKS, None
    m = re.fullmatch(r"(\d{1,3})( nam)?", t)
    if m and 0 < int(m.group(1)) <= 100:
        return RetentionRule.Period.YEARS, int(m.group(1))
    return None


@dataclass
class ParsedItem:
    row: int
    number: str
    group: str
    category: str
    period: str
    years: int | None
    legal_basis: str
    note: str


@dataclass
class SchedulePreview:
    """What a file would load: its items, and every bad row (nothing loaded if any)."""

    sha256: str
    items: list[ParsedItem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    already_loaded: RetentionSchedule | None = None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def read_schedule(data: bytes) -> SchedulePreview:
    """Read the sheet and check every row; change nothing."""
    preview = SchedulePreview(sha256=hashlib.sha256(data).hexdigest())
    if len(data) > MAX_BYTES:
        preview.errors.append("Tệp lớn quá 5 MB: hãy chia bảng thành nhiều tệp.")
        return preview
    try:
        ws = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        rows = [
            (n, [_cell(v) for v in row])
            for n, row in enumerate(ws.iter_rows(values_only=True, max_row=MAX_ROWS + 20), 1)
        ]
    except Exception:  # openpyxl raises many kinds on a file that is not XLSX
        preview.errors.append("Không đọc được tệp: hãy chọn một tệp Excel (.xlsx).")
        return preview
    header_row, where = None, {}
    for n, cells in rows[:20]:
        folded = [_fold(c) for c in cells]
        found = {
            key: folded.index(name)
            for key, names in COLUMNS.items()
            for name in names
            if name in folded
        }
        if all(k in found for k in REQUIRED):
            header_row, where = n, found
            break
    if header_row is None:
        preview.errors.append(
            "Không thấy dòng tiêu đề: cần có cột “Tên nhóm hồ sơ, tài liệu” và cột "
            "“Thời hạn bảo quản”."
        )
        return preview
    for n, cells in rows:
        if n <= header_row or not any(cells):
            continue

        def get(key: str, cells: list[str] = cells) -> str:
            i = where.get(key)
            return cells[i] if i is not None and i < len(cells) else ""

        category, period_text = get("category"), get("period")
        bad = []
        if not category:
            bad.append("thiếu tên nhóm hồ sơ, tài liệu")
        elif len(category) > 500:
            bad.append("tên nhóm hồ sơ dài quá 500 ký tự")
        period = parse_period(period_text)
        if period is None:
            bad.append(
                f"thời hạn “{period_text}” không đọc được (ghi “Vĩnh viễn”, “10 năm”, "
                "“Đến khi hết hiệu lực” hoặc “Theo tuổi thọ công trình”)"
            )
        for key, limit in (("number", 20), ("group", 300), ("legal_basis", 300), ("note", 300)):
            if len(get(key)) > limit:
                bad.append(f"ô “{key}” dài quá {limit} ký tự")
        if bad:
            preview.errors.append(f"Dòng {n}: " + "; ".join(bad) + ".")
            continue
        assert period is not None
        preview.items.append(
            ParsedItem(
                row=n,
                number=get("number"),
                group=get("group"),
                category=category,
                period=period[0],
                years=period[1],
                legal_basis=get("legal_basis"),
                note=get("note"),
            )
        )
    if len(preview.items) + len(preview.errors) > MAX_ROWS:
        preview.errors.append(f"Bảng có quá {MAX_ROWS} dòng.")
    if not preview.items and not preview.errors:
        preview.errors.append("Bảng không có dòng nào dưới dòng tiêu đề.")
    preview.already_loaded = RetentionSchedule.objects.filter(source_sha256=preview.sha256).first()
    return preview


def load_schedule(
    actor: Any,
    data: bytes,
    *,
    code: str,
    name: str,
    kind: str,
    fonds_system: str,
    legal_basis: str,
    valid_from: dt.date,
    start: str = RetentionStart.WORK_END_YEAR,
) -> tuple[RetentionSchedule, bool]:
    """Load ``data`` as a new version of schedule ``code`` (the previous version
    ends the day before ``valid_from``). Returns (schedule, created): the same
    file loaded again returns the schedule it made, unchanged."""
    failures = rules_failures(actor, "change")
    preview = read_schedule(data)
    failures += preview.errors
    code, name, legal_basis = code.strip(), name.strip(), legal_basis.strip()
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", code):
        failures.append("Mã bảng chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (≤ 40).")
    if not name:
        failures.append("Phải ghi tên bảng thời hạn bảo quản.")
    if not legal_basis:
        failures.append("Phải ghi căn cứ ban hành bảng.")
    if kind not in RetentionSchedule.Kind.values:
        failures.append("Loại bảng không hợp lệ.")
    if fonds_system not in ("party", "front", "state"):
        failures.append("Hệ thống phông không hợp lệ.")
    if start not in RetentionStart.values:
        failures.append("Cách tính thời hạn không hợp lệ.")
    RuleViolation.check(failures)
    if preview.already_loaded is not None:
        return preview.already_loaded, False
    with transaction.atomic():
        previous = (
            RetentionSchedule.objects.select_for_update().filter(code=code).order_by("-version")
        ).first()
        if previous is not None and previous.valid_from >= valid_from:
            raise RuleViolation(
                f"Phiên bản trước của bảng “{code}” có hiệu lực từ "
                f"{previous.valid_from:%d/%m/%Y}: phiên bản mới phải có hiệu lực sau ngày đó."
            )
        if previous is not None and previous.valid_to is None:
            previous.valid_to = valid_from - dt.timedelta(days=1)
            previous.save(update_fields=["valid_to"])
        schedule = RetentionSchedule.objects.create(
            code=code,
            version=(previous.version + 1) if previous else 1,
            name=name,
            kind=kind,
            fonds_system=fonds_system,
            legal_basis=legal_basis,
            evidence=Evidence.DEFAULT,
            valid_from=valid_from,
            source_sha256=preview.sha256,
        )
        RetentionScheduleItem.objects.bulk_create(
            RetentionScheduleItem(
                schedule=schedule,
                order=order,
                number=p.number,
                group=p.group,
                project_grouping=not (p.number and p.legal_basis),
                category=p.category,
                period=p.period,
                years=p.years,
                start=start,
                legal_basis=p.legal_basis or legal_basis,
                evidence=Evidence.DEFAULT,
                note=p.note,
            )
            for order, p in enumerate(preview.items, start=1)
        )
        record(
            actor,
            "rules.schedule.load",
            schedule,
            after={
                "code": code,
                "version": schedule.version,
                "items": len(preview.items),
                "sha256": preview.sha256,
                "previous_valid_to": previous.valid_to if previous else None,
            },
        )
    return schedule, True


def schedule_item_in_force(fonds_system: str, day: dt.date) -> list[RetentionScheduleItem]:
    """The items of every schedule of ``fonds_system`` in force on ``day``."""
    return list(
        RetentionScheduleItem.objects.filter(
            schedule__fonds_system=fonds_system, schedule__valid_from__lte=day
        )
        .exclude(schedule__valid_to__lt=day)
        .select_related("schedule")
    )
