"""The statistics report of registry and archive work for a year and a body.

Counted from the records of the body and of every body below it as the tree
stood at the end of the year (or on the chosen day, if earlier). There is no
access-request record yet: "requests served" counts the explicit grants
(``access.Grant``) issued in the year for the body's dossiers and documents,
and the report says so.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone

from luutru.access.models import Grant
from luutru.compliance.figures import Tree, check_question, rollup
from luutru.compliance.models import DossierFacts, OrgYearFacts
from luutru.core import xlsx  # text stays text in the XLSX, never a formula
from luutru.core.vn import long_date, number_words, short_date
from luutru.filing.models import Dossier
from luutru.orgs.models import Organization
from luutru.registry.models import Document

COLUMNS = [
    ("documents_in", "Văn bản đến"),
    ("documents_out", "Văn bản đi"),
    ("documents_internal", "Văn bản nội bộ"),
    ("dossiers_formed", "Hồ sơ được lập trong năm"),
    ("dossiers_closed", "Hồ sơ đã kết thúc"),
    ("dossiers_deposited", "Hồ sơ nộp lưu trong năm"),
    ("pages_deposited", "Số trang nộp lưu trong năm"),
    ("holdings_dossiers", "Hồ sơ lưu trữ đến cuối kỳ"),
    ("holdings_pages", "Số trang lưu trữ đến cuối kỳ"),
    ("requests_served", "Lượt khai thác được phục vụ"),
]
REQUESTS_NOTE = (
    "Hệ thống chưa có phiếu yêu cầu khai thác: “lượt khai thác được phục vụ” là số quyền khai "
    "thác riêng (cấp cho từng người, từng hồ sơ hoặc văn bản) được cấp trong năm."
)


@dataclass
class ReportRow:
    org: Organization
    depth: int
    dissolved: bool
    values: dict[str, int] = field(default_factory=dict)
    cells: list[int] = field(default_factory=list)  # the values in column order, for the page


@dataclass
class StatisticsReport:
    org: Organization
    year: int
    as_of: dt.date
    rows: list[ReportRow]
    total: dict[str, int]
    notes: list[str]
    made_at: dt.datetime


def _own_values(org_ids: list[int], year: int, as_of: dt.date) -> dict[int, dict[str, int]]:
    out = {i: {k: 0 for k, _ in COLUMNS} for i in org_ids}
    for r in OrgYearFacts.objects.filter(org__in=org_ids, year=year):
        out[r.org_id]["documents_in"] = r.documents_in
        out[r.org_id]["documents_out"] = r.documents_out
        out[r.org_id]["documents_internal"] = r.documents_internal
    start, end = dt.date(year, 1, 1), as_of
    facts = DossierFacts.objects.filter(org__in=org_ids)
    for row in (
        facts.values("org_id")
        .annotate(
            formed=Count("pk", filter=Q(year=year)),
            closed=Count("pk", filter=Q(year=year, closed=True)),
            deposited=Count("pk", filter=Q(accepted_on__gte=start, accepted_on__lte=end)),
            pages_deposited=Sum(
                "page_count", filter=Q(accepted_on__gte=start, accepted_on__lte=end)
            ),
            holdings=Count("pk", filter=Q(accepted_on__lte=end)),
            holdings_pages=Sum("page_count", filter=Q(accepted_on__lte=end)),
        )
        .order_by()
    ):
        v = out[row["org_id"]]
        v["dossiers_formed"] = row["formed"]
        v["dossiers_closed"] = row["closed"]
        v["dossiers_deposited"] = row["deposited"]
        v["pages_deposited"] = row["pages_deposited"] or 0
        v["holdings_dossiers"] = row["holdings"]
        v["holdings_pages"] = row["holdings_pages"] or 0
    # Grants issued in the year, attributed to the body holding the object.
    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(start, dt.time.min, tz)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tz)
    grants = Grant.objects.filter(created_at__gte=lo, created_at__lt=hi)
    for object_type, model in (("dossier", Dossier), ("document", Document)):
        ids = grants.filter(object_type=object_type).values_list("object_id", flat=True)
        owners = dict(
            model.objects.filter(pk__in=list(ids), org__in=org_ids).values_list("pk", "org_id")
        )
        for object_id in ids:
            if object_id in owners:
                out[owners[object_id]]["requests_served"] += 1
    return out


def statistics_report(user, org: Organization, year: int, on: dt.date) -> StatisticsReport:
    """The report's rows: the body itself, then each body directly below it with its subtree."""
    as_of = min(on, dt.date(year, 12, 31))
    check_question(on, year, org)
    if org.valid_from > as_of:
        check_question(as_of, year, org)
    tree: Tree = rollup(org, on=as_of, year=year)
    ids = list(tree.orgs)
    own = _own_values(ids, year, as_of)

    def subtree(org_id: int) -> dict[str, int]:
        total = {k: 0 for k, _ in COLUMNS}
        for i in tree.subtree_ids(org_id):
            for k in total:
                total[k] += own[i][k]
        return total

    rows = [ReportRow(tree.orgs[org.pk], 0, tree.dissolved(org.pk), own[org.pk])]
    for child in tree.children.get(org.pk, []):
        rows.append(ReportRow(tree.orgs[child], 1, tree.dissolved(child), subtree(child)))
    notes = [
        REQUESTS_NOTE,
        "Số liệu tính từ hồ sơ, văn bản có trong hệ thống; mỗi dòng cấp dưới gồm cả các "
        "cơ quan, tổ chức trực thuộc dòng đó (theo cơ cấu tổ chức ngày "
        f"{short_date(as_of)}). Dòng đầu là số liệu riêng của {org.name}.",
        "Nộp lưu tính theo ngày lưu trữ tiếp nhận; tài liệu lưu trữ đến cuối kỳ gồm mọi hồ sơ "
        "đã được tiếp nhận đến ngày đó.",
    ]
    return StatisticsReport(
        org=org,
        year=year,
        as_of=as_of,
        rows=rows,
        total=subtree(org.pk),
        notes=notes,
        made_at=timezone.now(),
    )


def to_xlsx(data: StatisticsReport) -> bytes:
    """The report as one worksheet: title, column numbers, rows, total, notes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    ws.title = f"Thống kê {data.year}"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    width = len(COLUMNS) + 2
    xlsx.append(ws, [f"BÁO CÁO THỐNG KÊ CÔNG TÁC VĂN THƯ, LƯU TRỮ NĂM {data.year}"])
    xlsx.append(ws, [f"{data.org.name} và các cơ quan, tổ chức trực thuộc"])
    xlsx.append(ws, [f"Số liệu tính đến {long_date(data.as_of)}"])
    for r in (1, 2, 3):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
    ws.cell(1, 1).font = Font(bold=True, size=13)
    xlsx.append(ws, [])
    header = ["STT", "Cơ quan, tổ chức"] + [label for _, label in COLUMNS]
    xlsx.append(ws, header)
    xlsx.append(ws, [f"({i})" for i in range(1, width + 1)])
    for row in ws.iter_rows(min_row=5, max_row=6):
        for c in row:
            c.font = Font(bold=True)
            c.border = box
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for n, line in enumerate(data.rows, 1):
        name = line.org.name + (" (đã kết thúc hoạt động)" if line.dissolved else "")
        xlsx.append(ws, [n, name] + [line.values[k] for k, _ in COLUMNS])
    xlsx.append(ws, ["", "Tổng cộng"] + [data.total[k] for k, _ in COLUMNS])
    last = ws.max_row
    for row in ws.iter_rows(min_row=7, max_row=last):
        for c in row:
            c.border = box
    for c in ws[last]:
        c.font = Font(bold=True)
    xlsx.append(ws, [])
    xlsx.append(
        ws,
        [
            f"Tổng số hồ sơ lưu trữ đến cuối kỳ: {data.total['holdings_dossiers']} "
            f"({number_words(data.total['holdings_dossiers'])} hồ sơ)."
        ],
    )
    for note in data.notes:
        xlsx.append(ws, [f"Ghi chú: {note}"])
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 42
    for i in range(3, width + 1):
        ws.column_dimensions[ws.cell(5, i).column_letter].width = 14
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
