"""``luutru stats [--json]``: counts computed from the records, never typed."""

import json

from django.core.management.base import BaseCommand

from luutru.archive.models import Deposit
from luutru.compliance.holdings_stats import MEDIA, MEDIUM_LABELS, UNKNOWN_YEAR
from luutru.compliance.queries import statistics
from luutru.filing.models import DossierStatus, FilePlan
from luutru.orgs.models import Kind, Level, Role

REPORT_LABELS = {
    "district_level": "Đảng bộ cấp huyện (huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc)",
    "commune_level": "Đảng bộ xã, phường, thị trấn",
    "grassroots": "Tổ chức cơ sở đảng (đảng bộ cơ sở + chi bộ cơ sở)",
    "socio_political_provincial": "Tổ chức chính trị - xã hội cấp tỉnh",
}


class Command(BaseCommand):
    help = (
        "In số liệu tính từ dữ liệu: cơ quan, tổ chức theo cấp, loại, trạng thái; người dùng; danh mục "
        "hồ sơ; hồ sơ theo trạng thái; văn bản (cả văn bản chưa vào hồ sơ); đợt nộp lưu; hồ sơ quá hạn "
        "nộp lưu; hồ sơ theo loại (điện tử, giấy, hỗn hợp, đã số hóa) theo năm và theo phông, số hộp, "
        "mét giá, số kho. --json: in dạng JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="In dạng JSON (khóa tiếng Anh).")

    def handle(self, *args, json: bool = False, **options):
        data = statistics()
        if json:
            self.stdout.write(_dumps(data))
            return
        self.stdout.write(render_text(data))


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_text(data: dict) -> str:
    """The same figures as a plain-text table in Vietnamese."""
    lines: list[str] = [f"Số liệu tính đến ngày {data['computed_on']}", ""]

    def section(title: str, rows: list[tuple[str, int]]) -> None:
        width = max([len(label) for label, _ in rows] + [10])
        lines.append(title)
        for label, value in rows:
            lines.append(f"  {label.ljust(width)}  {value:>7}")
        lines.append("")

    section(
        "Theo báo cáo (tính từ loại hình tổ chức)",
        [(REPORT_LABELS[k], v) for k, v in data["report_figures"].items()],
    )
    orgs = data["organizations"]
    section(
        "Cơ quan, tổ chức theo cấp",
        [(Level(k).label, v) for k, v in orgs["by_level"].items()] + [("Tổng cộng", orgs["total"])],
    )
    section(
        "Cơ quan, tổ chức theo loại hình", [(Kind(k).label, v) for k, v in orgs["by_kind"].items()]
    )
    section(
        "Cơ quan, tổ chức theo trạng thái",
        [
            ("Đang hoạt động", orgs["by_status"]["active"]),
            ("Đã kết thúc hoạt động", orgs["by_status"]["dissolved"]),
        ],
    )
    section(
        "Phông lưu trữ", [("Đang mở", data["fonds"]["open"]), ("Đã đóng", data["fonds"]["closed"])]
    )
    users = data["users"]
    section(
        "Người dùng",
        [("Tài khoản đang hoạt động", users["total"])]
        + [(f"Vai trò: {Role(k).label}", v) for k, v in users["by_role"].items()],
    )
    plans = data["file_plans"]
    section(
        "Danh mục hồ sơ",
        [(FilePlan.State(k).label, v) for k, v in plans["by_state"].items()]
        + [("Tổng cộng", plans["total"])],
    )
    dossiers = data["dossiers"]
    section(
        "Hồ sơ theo trạng thái",
        [(DossierStatus(k).label, v) for k, v in dossiers["by_status"].items()]
        + [("Tổng cộng", dossiers["total"])],
    )
    docs = data["documents"]
    section(
        "Văn bản",
        [
            ("Tổng số văn bản", docs["total"]),
            ("Chưa vào hồ sơ nào (bó gói)", docs["in_no_dossier"]),
        ],
    )
    deposits = data["deposits"]
    section(
        "Đợt nộp lưu",
        [(Deposit.Status(k).label, v) for k, v in deposits["by_status"].items()]
        + [("Tổng cộng", deposits["total"])],
    )
    overdue = data["overdue_deposits"]
    section(
        "Quá hạn nộp lưu",
        [
            ("Hồ sơ quá hạn nộp lưu", overdue["dossiers"]),
            ("Số cơ quan có hồ sơ quá hạn", overdue["organizations"]),
        ],
    )
    lines += holdings_text(data["holdings"])
    lines.append("Ghi chú:")
    lines += [f"  - {n}" for n in data["notes"]]
    return "\n".join(lines)


def holdings_text(h: dict) -> list[str]:
    """Dossiers by medium (totals, by year, by fonds), boxes, shelf metres, rooms."""
    head = ["Điện tử", "Giấy", "Hỗn hợp", "Đã số hóa"]
    lines = ["Hồ sơ theo loại, kho tàng"]
    totals = h["dossiers_by_medium"]
    for m in ("electronic", "paper", "digitized", "mixed"):  # digitized: a part of paper
        label = f"  {MEDIUM_LABELS[m]}" if m == "digitized" else MEDIUM_LABELS[m]
        lines.append(f"  {label.ljust(34)}  {totals[m]:>7}")
    lines.append(f"  {'Tổng số hồ sơ'.ljust(34)}  {totals['total']:>7}")
    lines.append(f"  {'Số hộp (cặp)'.ljust(34)}  {h['boxes']:>7}")
    lines.append(f"  {'Mét giá tài liệu'.ljust(34)}  {h['metres']:>7.2f}")
    lines.append(f"  {'Số kho lưu trữ'.ljust(34)}  {h['rooms']:>7}")
    lines += [
        "",
        "Hồ sơ theo năm và loại",
        "  " + "Năm".ljust(10) + "".join(c.rjust(11) for c in head),
    ]
    for year, counts in h["by_year"].items():
        label = "Không rõ" if year == UNKNOWN_YEAR else year
        lines.append("  " + label.ljust(10) + "".join(f"{counts[m]:>11}" for m in MEDIA))
    lines += [
        "",
        "Theo phông",
        "  "
        + "Phông".ljust(14)
        + "".join(c.rjust(11) for c in head)
        + "Hộp".rjust(7)
        + "Mét giá".rjust(9),
    ]
    for code, row in h["by_fonds"].items():
        counts = row["dossiers"]
        lines.append(
            "  "
            + code.ljust(14)
            + "".join(f"{counts[m]:>11}" for m in MEDIA)
            + f"{row['boxes']:>7}{row['metres']:>9.2f}"
        )
    lines.append("")
    return lines
