"""File plan rows and totals, and the file plan XLSX import.

The export (``luutru.forms.services.export_plan_xlsx``, one implementation for
every output) and ``import_plan_xlsx`` share the same layout, so a plan
exported and imported again comes back the same. A bad file is refused whole,
with row-numbered Vietnamese messages, and nothing is created.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from openpyxl import load_workbook

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.vn import nfc
from luutru.filing import codes
from luutru.filing.models import FilePlan, FilePlanHeading, FilePlanItem
from luutru.filing.plan_checks import can_edit_plan, fonds_failures, year_failures
from luutru.orgs.models import Organization, Person
from luutru.rules.models import RetentionRule
from luutru.rules.queries import retention_rules

if TYPE_CHECKING:
    from _typeshed import SupportsRead

PLAN_COLUMNS = [
    "Số và ký hiệu hồ sơ",
    "Tên đề mục và tiêu đề hồ sơ",
    "Thời hạn bảo quản",
    "Người lập hồ sơ",
    "Ghi chú",
]
ABBREV_NOTE = "Ký hiệu đề mục"
_ABBREV_NOTE_RE = re.compile(r"ký hiệu đề mục\s*:\s*(\S+)", re.IGNORECASE)
_FOOTER_STARTS = ("tổng số", "bản danh mục", "trong đó", "hồ sơ bảo quản")
MAX_ROWS = 5000


def _fold(text: object) -> str:
    t = unicodedata.normalize("NFC", str(text or "")).strip().lower()
    t = re.sub(r"^\(\s*\d+\s*\)\s*", "", t)
    return re.sub(r"\s+", " ", t)


def plan_totals(items: Iterable[FilePlanItem]) -> dict[str, int]:
    items = list(items)
    permanent = sum(1 for it in items if it.retention.period == RetentionRule.Period.PERMANENT)
    return {"total": len(items), "permanent": permanent, "fixed_term": len(items) - permanent}


def plan_rows(plan: FilePlan) -> list[dict[str, Any]]:
    """The plan as the official table: heading rows then their items."""
    headings = list(plan.headings.all())
    items = list(plan.items.select_related("retention", "creator").order_by("order"))
    children: dict[int | None, list[FilePlanHeading]] = {}
    for h in headings:
        children.setdefault(h.parent_id, []).append(h)
    for group in children.values():
        group.sort(key=lambda h: (h.order, h.pk))
    by_heading: dict[int, list[FilePlanItem]] = {}
    for it in items:
        by_heading.setdefault(it.heading_id, []).append(it)
    rows: list[dict[str, Any]] = []

    def walk(h: FilePlanHeading, level: int) -> None:
        rows.append(
            {
                "kind": "heading",
                "level": level,
                "numeral": h.numeral,
                "title": h.title,
                "abbrev": h.abbrev,
                "heading": h,
            }
        )
        for it in by_heading.get(h.pk, []):
            rows.append(
                {
                    "kind": "item",
                    "code": it.code,
                    "title": it.title,
                    "retention": it.retention.label,
                    "creator": it.creator.full_name if it.creator else "",
                    "note": it.note,
                    "item": it,
                }
            )
        for child in children.get(h.pk, []):
            walk(child, level + 1)

    for major in children.get(None, []):
        walk(major, 0)
    return rows


# ---------------------------------------------------------------- import


@dataclass
class _Heading:
    row: int
    title: str
    abbrev: str
    parent: _Heading | None = None
    order: int = 0
    items: list[_Heading | _Item] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)


@dataclass
class _Item:
    row: int
    title: str
    retention: RetentionRule
    creator: Person | None
    note: str
    number: int


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value)).strip()


def _retention_labels(org: Organization, year: int) -> dict[str, RetentionRule]:
    try:
        rules = list(retention_rules(org, dt.date(year, 1, 1)))
    except RuleViolation:
        rules = list(retention_rules(org))
    labels = {}
    for r in rules:
        labels[_fold(r.label)] = r
        if r.period == RetentionRule.Period.YEARS:
            labels[str(r.years)] = r
    return labels


def _find_header(rows: list[tuple[int, list[str]]]) -> tuple[int | None, list[str]]:
    expected = [_fold(t) for t in PLAN_COLUMNS]
    for number, cells in rows[:20]:
        folded = [_fold(c) for c in cells[:5]]
        if any(f in expected for f in folded if f):
            errors = []
            for col, (want, got) in enumerate(
                zip(expected, folded + [""] * 5, strict=False), start=1
            ):
                if got != want:
                    errors.append(
                        f"Dòng {number}, cột ({col}): phải là “{PLAN_COLUMNS[col - 1]}”, "
                        f"tệp ghi “{cells[col - 1] if col - 1 < len(cells) else ''}”."
                    )
            return number, errors
    return None, [
        "Không tìm thấy dòng tiêu đề cột của danh mục hồ sơ. Tệp phải có 5 cột theo thứ tự: "
        + "; ".join(f"({i}) {t}" for i, t in enumerate(PLAN_COLUMNS, start=1))
        + ". Hãy dùng tệp mẫu tải từ nút “Tải XLSX”."
    ]


def _read_rows(data: bytes) -> list[tuple[int, list[str]]]:
    if not data:
        raise RuleViolation("Tệp tải lên rỗng (0 byte).")
    if len(data) > settings.LUUTRU_MAX_UPLOAD_BYTES:
        raise RuleViolation("Tệp tải lên vượt quá dung lượng cho phép.")
    not_xlsx = RuleViolation(
        "Tệp tải lên không phải bảng tính Excel (.xlsx) hợp lệ. Hãy lưu tệp dưới dạng .xlsx rồi tải lại."
    )
    if not data.startswith(b"PK"):
        raise not_xlsx
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        rows = []
        for number, values in enumerate(ws.iter_rows(max_col=5, values_only=True), start=1):
            if number > MAX_ROWS:
                raise RuleViolation(f"Tệp có hơn {MAX_ROWS} dòng: quá lớn cho một danh mục hồ sơ.")
            cells = [_cell(v) for v in values] + [""] * (5 - len(values))
            rows.append((number, cells))
        wb.close()
    except RuleViolation:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError) as e:
        raise not_xlsx from e
    return rows


def _parse(
    rows: list[tuple[int, list[str]]], org: Organization, year: int
) -> tuple[list[_Heading], str]:
    header_row, errors = _find_header(rows)
    if header_row is None or errors:
        raise RuleViolation(*errors)
    labels = _retention_labels(org, year)
    label_list = ", ".join(sorted({r.label for r in labels.values()}, key=lambda s: (len(s), s)))
    people: dict[str, list[Person]] = {}
    for p in Person.objects.filter(memberships__org=org).distinct():
        people.setdefault(_fold(p.full_name), []).append(p)
    majors: list[_Heading] = []
    current_major: _Heading | None = None
    current: _Heading | None = None
    for number, cells in rows:
        if number <= header_row:
            continue
        a, b, c, d, e = cells[:5]
        if all(re.fullmatch(r"\(\s*\d+\s*\)", x) for x in (a, b, c) if x) and a.startswith("("):
            continue  # the "(1) (2) (3)…" numbering row
        if not any((a, b, c, d, e)):
            continue
        if not a:
            if _fold(b).startswith(_FOOTER_STARTS):
                break
            errors.append(
                f"Dòng {number}: thiếu số thứ tự đề mục hoặc số và ký hiệu hồ sơ ở cột (1)."
            )
            continue
        numeral = a.rstrip(".").strip()
        parsed = codes.split_code(a)
        if parsed is None and not c:
            if not b:
                errors.append(f"Dòng {number}: đề mục “{a}” chưa có tên ở cột (2).")
                continue
            if len(b) > 300:
                errors.append(f"Dòng {number}: tên đề mục dài {len(b)} ký tự, tối đa 300.")
            m = _ABBREV_NOTE_RE.search(e)
            abbrev = m.group(1).upper() if m else ""
            if numeral.isdigit():
                if current_major is None:
                    errors.append(
                        f"Dòng {number}: đề mục nhỏ “{a}. {b}” đứng trước mọi đề mục lớn (số La Mã)."
                    )
                    continue
                current = _Heading(number, b, abbrev, parent=current_major)
                current_major.items.append(current)
            else:
                try:
                    codes.from_roman(numeral)
                except ValueError:
                    errors.append(
                        f"Dòng {number}: “{a}” không phải số thứ tự đề mục (La Mã cho đề mục lớn, "
                        "Ả Rập cho đề mục nhỏ) cũng không phải số và ký hiệu hồ sơ (dạng 01.VP)."
                    )
                    continue
                current_major = current = _Heading(number, b, abbrev)
                majors.append(current_major)
            continue
        if parsed is None:
            errors.append(f"Dòng {number}: “{a}” không phải số và ký hiệu hồ sơ (dạng 01.VP).")
            continue
        if current is None:
            errors.append(f"Dòng {number}: hồ sơ “{a}” đứng trước mọi đề mục.")
            continue
        assert current_major is not None  # set with (or before) the current heading
        item_number, item_abbrev = parsed
        row_errors = []
        if not b:
            row_errors.append(f"Dòng {number}: hồ sơ “{a}” chưa có tiêu đề ở cột (2).")
        elif len(b) > 500:
            row_errors.append(f"Dòng {number}: tiêu đề hồ sơ dài {len(b)} ký tự, tối đa 500.")
        retention = labels.get(_fold(c))
        if not c:
            row_errors.append(f"Dòng {number}: hồ sơ “{a}” chưa có thời hạn bảo quản ở cột (3).")
        elif retention is None:
            row_errors.append(
                f"Dòng {number}: thời hạn bảo quản “{c}” không có trong bảng thời hạn "
                f"(dùng một trong: {label_list})."
            )
        creator = None
        if d:
            found = people.get(_fold(d), [])
            if not found:
                row_errors.append(
                    f"Dòng {number}: không tìm thấy người lập hồ sơ “{d}” trong danh sách cán bộ của "
                    f"“{org.name}”."
                )
            elif len(found) > 1:
                row_errors.append(
                    f"Dòng {number}: có nhiều cán bộ tên “{d}”; hãy nhập sau khi tải lên."
                )
            else:
                creator = found[0]
        if len(e) > 300:
            row_errors.append(f"Dòng {number}: ghi chú dài {len(e)} ký tự, tối đa 300.")
        if not current_major.abbrev:
            current_major.abbrev = item_abbrev
        elif current_major.abbrev != item_abbrev:
            row_errors.append(
                f"Dòng {number}: số và ký hiệu “{a}” không khớp chữ viết tắt “{current_major.abbrev}” "
                f"của đề mục lớn “{current_major.title}”."
            )
        errors += row_errors
        if not row_errors:
            assert retention is not None  # a missing or unknown one is a row error
            current.items.append(_Item(number, b, retention, creator, e, item_number))
            current_major.codes.append(item_number)
    seen: dict[str, _Heading] = {}
    for h in majors:
        if not h.abbrev:
            errors.append(
                f"Dòng {h.row}: đề mục lớn “{h.title}” chưa có chữ viết tắt (ghi “{ABBREV_NOTE}: VP” "
                "ở cột (5) hoặc thêm hồ sơ có số và ký hiệu)."
            )
        elif not codes.ABBREV_RE.match(h.abbrev):
            errors.append(f"Dòng {h.row}: chữ viết tắt “{h.abbrev}” không hợp lệ.")
        elif h.abbrev in seen:
            errors.append(
                f"Dòng {h.row}: chữ viết tắt “{h.abbrev}” trùng với đề mục lớn ở dòng {seen[h.abbrev].row}."
            )
        else:
            seen[h.abbrev] = h
    if not errors and not any(h.codes for h in majors):
        errors.append("Tệp không có hồ sơ nào: danh mục cần ít nhất một hồ sơ dưới một đề mục.")
    RuleViolation.check(errors)
    # Numbered within each major heading when a later heading starts again from 01.
    scheme = codes.ACROSS_PLAN
    if (
        any(h.codes and h.codes[0] == 1 for h in majors[1:])
        and sum(bool(h.codes) for h in majors) > 1
    ):
        scheme = codes.PER_HEADING
    return majors, scheme


def import_plan_xlsx(
    actor: User, org: Organization, year: int, fileobj: SupportsRead[bytes] | bytes
) -> FilePlan:
    """Create a draft plan from an XLSX in the official layout; a bad file
    is refused whole with row-numbered messages."""

    failures = year_failures(org, year) + fonds_failures(org, year)
    if not can_edit_plan(actor, org):
        failures.append(f"Bạn không có quyền lập danh mục hồ sơ của “{org.name}”.")
    RuleViolation.check(failures)
    data = fileobj.read() if hasattr(fileobj, "read") else bytes(fileobj)
    majors, scheme = _parse(_read_rows(data), org, year)
    with transaction.atomic():
        plan = FilePlan.objects.create(org=org, year=year, code_scheme=scheme)
        order = 0

        def make(h: _Heading, parent: FilePlanHeading | None, heading_order: int) -> None:
            nonlocal order
            heading = FilePlanHeading.objects.create(
                plan=plan, parent=parent, order=heading_order, title=h.title, abbrev=h.abbrev
            )
            sub_order = 0
            for entry in h.items:
                if isinstance(entry, _Heading):
                    sub_order += 1
                    make(entry, heading, sub_order)
                else:
                    order += 1
                    FilePlanItem.objects.create(
                        plan=plan,
                        heading=heading,
                        order=order,
                        code=f"~imp{order}",
                        title=entry.title,
                        retention=entry.retention,
                        creator=entry.creator,
                        note=entry.note,
                    )

        for i, h in enumerate(majors, start=1):
            make(h, None, i)
        codes.renumber(plan)
        record(
            actor,
            "file_plan.import",
            plan,
            after={"year": year, "items": plan.items.count(), "code_scheme": scheme},
        )
    return plan
