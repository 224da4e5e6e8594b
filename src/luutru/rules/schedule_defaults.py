"""The default retention schedules (issue 14), item by item, from DOMAIN.md §5 and §9.

Only what the cited instruments say is written here. Neither instrument's item
numbers were found (DOMAIN §5: 35-HD/VPTW "items ✖"), so every line leaves
``number`` empty and is marked as the project's grouping: an administrator
replaces a schedule by loading the instrument's own table from XLSX.
Values verified only for State bodies are marked ``default`` for Party bodies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

V, P, D = "verified", "partial", "default"
TT09 = "Thông tư 09/2011/TT-BNV ngày 03/6/2011 (→ Thông tư 10/2022/TT-BNV)"
TT10 = "Thông tư 10/2022/TT-BNV ngày 19/12/2022"
PARTY_NOTE = (
    "Như mục tương ứng của Thông tư 09/2011/TT-BNV; chưa kiểm chứng cho cơ quan Đảng "
    "(160-CV/TW: vĩnh viễn hoặc 1, 5, 10, 15 năm)"
)

# (group, category, period, years, evidence, basis)
STATE_ITEMS: list[tuple[str, str, str, int | None, str, str]] = [
    (
        "Kế hoạch, báo cáo",
        "Kế hoạch, báo cáo công tác dài hạn, hằng năm",
        "permanent",
        None,
        V,
        TT09,
    ),
    ("Kế hoạch, báo cáo", "Kế hoạch, báo cáo công tác 6 tháng, 9 tháng", "years", 20, V, TT09),
    ("Kế hoạch, báo cáo", "Kế hoạch, báo cáo công tác quý, tháng", "years", 5, V, TT09),
    ("Công văn", "Công văn trao đổi về công tác chung", "years", 10, V, TT09),
    (
        "Xây dựng cơ bản",
        "Hồ sơ công trình xây dựng cơ bản nhóm A, công trình đặc biệt",
        "permanent",
        None,
        V,
        TT09,
    ),
    (
        "Xây dựng cơ bản",
        "Hồ sơ công trình xây dựng cơ bản nhóm B, C",
        "life_of_works",
        None,
        V,
        TT09,
    ),
    ("Xây dựng cơ bản", "Hồ sơ sửa chữa nhỏ công trình", "years", 15, V, TT09),
    ("Tổ chức, quy chế", "Hồ sơ xây dựng điều lệ, quy chế làm việc", "years", 20, P, TT10),
]

PARTY_ITEMS: list[tuple[str, str, str, int | None, str, str]] = [
    ("Kế hoạch, báo cáo", "Kế hoạch, báo cáo công tác năm", "permanent", None, D, PARTY_NOTE),
    ("Kế hoạch, báo cáo", "Báo cáo sơ kết 6 tháng, 9 tháng", "years", 20, D, PARTY_NOTE),
    ("Kế hoạch, báo cáo", "Báo cáo tháng, quý", "years", 5, D, PARTY_NOTE),
    (
        "Công văn",
        "Công văn trao đổi về công tác văn thư, lưu trữ và công tác chung",
        "years",
        10,
        D,
        PARTY_NOTE,
    ),
    (
        "Tổ chức, quy chế",
        "Hồ sơ xây dựng quy chế làm việc của Ban Chấp hành",
        "years",
        20,
        D,
        PARTY_NOTE,
    ),
]

SCHEDULES: list[dict[str, Any]] = [
    {
        "code": "dang-mau",
        "name": "Bảng thời hạn bảo quản mẫu của cơ quan Đảng (nhóm của dự án, cần kiểm chứng)",
        "kind": "party_model",
        "fonds_system": "party",
        "legal_basis": "Hướng dẫn 35-HD/VPTW ngày 18/10/2010; Công văn 160-CV/TW ngày 26/10/1988",
        "evidence": D,
        "valid_from": dt.date(2010, 10, 18),
        "start": "unit_formed",
        "items": PARTY_ITEMS,
    },
    {
        "code": "nha-nuoc-doan-the",
        "name": "Bảng thời hạn bảo quản hồ sơ, tài liệu phổ biến (Nhà nước), áp dụng cho "
        "Mặt trận và các đoàn thể (nhóm của dự án)",
        "kind": "state_mass",
        "fonds_system": "front",
        "legal_basis": TT09,
        "evidence": P,
        "valid_from": dt.date(2011, 6, 3),
        "start": "work_end_year",
        "items": STATE_ITEMS,
    },
]

# How each fonds system counts a retention period, and when a permanent dossier
# is due at the historical archive (profile fields, filled by migration 0005).
RETENTION_BASIS = {
    "party": ("Công văn 160-CV/TW ngày 26/10/1988: tính từ khi hình thành đơn vị bảo quản", V),
    "front": ("Như cơ quan Đảng", D),
    "state": ("Quyết định 163/QĐ-VTLTNN ngày 04/8/2010: tính từ năm công việc kết thúc", V),
}
TRANSFER_BASIS = {
    "party": ("Luật Lưu trữ 2024 (áp dụng như Nhà nước; thời hạn của Đảng chưa kiểm chứng)", D),
    "front": ("Như cơ quan Đảng", D),
    "state": (
        "Luật Lưu trữ 33/2024/QH15: trong 05 năm kể từ ngày nộp lưu vào lưu trữ hiện hành",
        V,
    ),
}


def load(apps: Any) -> None:
    """Create the default schedules where missing (idempotent)."""
    Schedule = apps.get_model("rules", "RetentionSchedule")
    Item = apps.get_model("rules", "RetentionScheduleItem")
    for spec in SCHEDULES:
        spec = dict(spec)
        items, start = spec.pop("items"), spec.pop("start")
        schedule, created = Schedule.objects.get_or_create(
            code=spec["code"], version=1, defaults=spec
        )
        if not created:
            continue
        for order, (group, category, period, years, ev, basis) in enumerate(items, start=1):
            Item.objects.create(
                schedule=schedule,
                order=order,
                group=group,
                project_grouping=True,
                category=category,
                period=period,
                years=years,
                start=start,
                evidence=ev,
                legal_basis=basis,
            )
