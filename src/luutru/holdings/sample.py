"""A paper inventory as archives type it in Excel (mục lục hồ sơ): a title line,
the column headers, then one row per dossier in boxes on shelves. Used by the
demo, the bench and the tests to make catalogues of any size."""

from __future__ import annotations

import io
import random

import openpyxl

HEADERS = [
    "Mục lục số",
    "Hộp số",
    "Hồ sơ số",
    "Số, ký hiệu hồ sơ",
    "Tiêu đề hồ sơ",
    "Thời gian tài liệu",
    "Số tờ",
    "Thời hạn bảo quản",
    "Độ mật",
    "Tình trạng vật lý",
    "Ghi chú",
    "Kho",
    "Giá",
    "Khoang",
    "Tầng",
]
SUBJECTS = [
    "Báo cáo tổng kết công tác xây dựng Đảng năm {y}",
    "Nghị quyết Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ {n}",
    "Tập biên bản họp Ban Thường vụ Tỉnh ủy quý {q} năm {y}",
    "Hồ sơ Đại hội Đảng bộ huyện nhiệm kỳ {y}–{y5}",
    "Chỉ thị của Ban Thường vụ về công tác phòng chống lụt bão năm {y}",
    "Công văn trao đổi về công tác tổ chức cán bộ năm {y}",
    "Kế hoạch kiểm tra, giám sát của Ủy ban Kiểm tra năm {y}",
    "Hồ sơ kết nạp đảng viên xã {x} năm {y}",
]
COMMUNES = ["Hòa Bình", "Tân Lập", "Đồng Tâm", "Quyết Thắng", "Thống Nhất", "Hưng Đạo"]
RETENTION = ["Vĩnh viễn", "Vĩnh viễn", "20 năm", "10 năm"]
STATES = ["Tốt", "Tốt", "Tốt", "Giấy giòn, ố vàng", "Rách mép"]


def rows(
    n: int,
    *,
    inventory: int = 1,
    per_box: int = 20,
    seed: int = 7,
    secret_every: int = 0,
    first_year: int = 1975,
) -> list[list[object]]:
    """``n`` dossier rows: ``per_box`` a box, 6 boxes a tier, 5 tiers, 4 bays, 10 shelves."""
    rnd = random.Random(seed)
    out: list[list[object]] = []
    for i in range(1, n + 1):
        box = (i - 1) // per_box + 1
        slot = (box - 1) // 6
        tier, bay, shelf = slot % 5 + 1, slot // 5 % 4 + 1, slot // 20 % 10 + 1
        room = slot // 200 + 1
        y = first_year + (i * 40 // max(n, 1))
        title = rnd.choice(SUBJECTS).format(
            y=y, y5=y + 5, n=rnd.randint(1, 30), q=rnd.randint(1, 4), x=rnd.choice(COMMUNES)
        )
        secret = "Mật" if secret_every and i % secret_every == 0 else ""
        out.append(
            [
                inventory,
                box,
                i,
                f"{i:02d}.VP",
                title,
                f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 6):02d}/{y} - "
                f"{rnd.randint(1, 28):02d}/{rnd.randint(7, 12):02d}/{y}",
                rnd.randint(5, 300),
                rnd.choice(RETENTION),
                secret,
                rnd.choice(STATES),
                "",
                str(room),
                str(shelf),
                str(bay),
                str(tier),
            ]
        )
    return out


def xlsx(data: list[list[object]], *, title: str = "MỤC LỤC HỒ SƠ") -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Mục lục")
    ws.append([title])
    ws.append(HEADERS)
    for r in data:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
