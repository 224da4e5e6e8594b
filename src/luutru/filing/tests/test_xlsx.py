"""File plan XLSX: the official columns, a round trip, and bad files refused whole."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.filing import services
from luutru.filing.models import FilePlan, FilePlanHeading, FilePlanItem
from luutru.forms.services import export_plan_xlsx

from .conftest import retention


def sheet_rows(data: bytes) -> list[list]:
    ws = load_workbook(io.BytesIO(data)).active
    return [
        [c if c is not None else "" for c in row]
        for row in ws.iter_rows(max_col=5, values_only=True)
    ]


def plan_shape(plan):
    return (
        plan.code_scheme,
        [
            (h.parent.title if h.parent else None, h.order, h.title, h.abbrev)
            for h in plan.headings.order_by("parent_id", "order")
        ],
        list(
            plan.items.order_by("order").values_list(
                "code", "title", "retention_id", "creator_id", "note", "heading__title"
            )
        ),
    )


def nothing_created(plans_before: int, events_before: int) -> bool:
    return FilePlan.objects.count() == plans_before and Event.objects.count() == events_before


def xlsx(rows: list[list]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


HEADER = [
    "Số và ký hiệu hồ sơ",
    "Tên đề mục và tiêu đề hồ sơ",
    "Thời hạn bảo quản",
    "Người lập hồ sơ",
    "Ghi chú",
]


def test_export_has_the_official_columns_headings_items_and_totals(world, plan):
    rows = sheet_rows(export_plan_xlsx(plan))
    header_at = next(i for i, r in enumerate(rows) if r[0] == "Số và ký hiệu hồ sơ")
    assert rows[header_at] == HEADER
    assert rows[header_at + 1] == ["(1)", "(2)", "(3)", "(4)", "(5)"]
    body = rows[header_at + 2 :]
    assert body[:6] == [
        ["I", "Công tác tổng hợp", "", "", "Ký hiệu đề mục: VP"],
        ["01.VP", "Kế hoạch, báo cáo công tác năm 2025", "Vĩnh viễn", "Nguyễn Văn An", ""],
        ["1", "Văn thư, lưu trữ", "", "", ""],
        [
            "02.VP",
            "Công văn trao đổi về công tác văn thư năm 2025",
            "10 năm",
            "Nguyễn Văn An",
            "Bản chính",
        ],
        ["II", "Công tác tổ chức", "", "", "Ký hiệu đề mục: TC"],
        ["03.TC", "Hồ sơ nhân sự", "20 năm", "", ""],
    ]
    footer = [r[1] for r in body[6:] if r[1]]
    assert footer == [
        "Tổng số: 3 (ba) hồ sơ",
        "Trong đó: hồ sơ bảo quản vĩnh viễn: 1 (một) hồ sơ; hồ sơ bảo quản có thời hạn: 2 (hai) hồ sơ",
    ]
    assert rows[1][0] == "DANH MỤC HỒ SƠ NĂM 2025"


@pytest.mark.parametrize("scheme", ["across_plan", "per_heading"])
def test_export_then_import_round_trips(world, plan, scheme):
    services.set_code_scheme(world.clerk, plan, scheme)
    plan.refresh_from_db()
    data = export_plan_xlsx(plan)
    copy = services.import_plan_xlsx(world.clerk, world.office, 2026, io.BytesIO(data))
    assert copy.state == "draft" and copy.year == 2026
    assert plan_shape(copy) == plan_shape(plan)
    again = sheet_rows(export_plan_xlsx(copy))
    assert again[2:] == sheet_rows(data)[2:] and again[1][0] == "DANH MỤC HỒ SƠ NĂM 2026"
    assert Event.objects.filter(action="file_plan.import", object_id=str(copy.pk)).exists()


def test_a_file_that_is_not_an_xlsx_is_refused(world):
    n, ev = FilePlan.objects.count(), Event.objects.count()
    for data in (b"%PDF-1.4 not a sheet", b"PK\x03\x04broken zip"):
        with pytest.raises(RuleViolation) as e:
            services.import_plan_xlsx(world.clerk, world.office, 2026, io.BytesIO(data))
        assert e.value.messages == [
            "Tệp tải lên không phải bảng tính Excel (.xlsx) hợp lệ. Hãy lưu tệp dưới dạng .xlsx rồi tải lại."
        ]
    with pytest.raises(RuleViolation) as e:
        services.import_plan_xlsx(world.clerk, world.office, 2026, io.BytesIO(b""))
    assert e.value.messages == ["Tệp tải lên rỗng (0 byte)."]
    assert nothing_created(n, ev)


def test_wrong_columns_are_named(world):
    n, ev = FilePlan.objects.count(), Event.objects.count()
    bad = xlsx(
        [["Số và ký hiệu hồ sơ", "Tiêu đề", "Thời hạn bảo quản", "Ghi chú", "Người lập hồ sơ"]]
    )
    with pytest.raises(RuleViolation) as e:
        services.import_plan_xlsx(world.clerk, world.office, 2026, bad)
    assert e.value.messages == [
        "Dòng 1, cột (2): phải là “Tên đề mục và tiêu đề hồ sơ”, tệp ghi “Tiêu đề”.",
        "Dòng 1, cột (4): phải là “Người lập hồ sơ”, tệp ghi “Ghi chú”.",
        "Dòng 1, cột (5): phải là “Ghi chú”, tệp ghi “Người lập hồ sơ”.",
    ]
    with pytest.raises(RuleViolation) as e:
        services.import_plan_xlsx(world.clerk, world.office, 2026, xlsx([["a", "b"], ["c", "d"]]))
    assert e.value.messages[0].startswith("Không tìm thấy dòng tiêu đề cột của danh mục hồ sơ.")
    assert nothing_created(n, ev)


def test_unknown_retention_and_bad_rows_are_listed_with_row_numbers(world):
    n, ev = FilePlan.objects.count(), Event.objects.count()
    bad = xlsx(
        [
            HEADER,
            ["(1)", "(2)", "(3)", "(4)", "(5)"],
            ["01.VP", "Hồ sơ trước đề mục", "Vĩnh viễn", "", ""],
            ["I", "Công tác tổng hợp", "", "", ""],
            ["01.VP", "Kế hoạch năm", "Mãi mãi", "", ""],
            ["02.VP", "Báo cáo", "10 năm", "Người Lạ", ""],
            ["03.TC", "Sai ký hiệu", "5 năm", "", ""],
            ["", "Dòng thiếu số", "", "", ""],
            ["04.VP", "", "", "", ""],
        ]
    )
    with pytest.raises(RuleViolation) as e:
        services.import_plan_xlsx(world.clerk, world.office, 2026, bad)
    assert e.value.messages[0] == "Dòng 3: hồ sơ “01.VP” đứng trước mọi đề mục."
    assert e.value.messages[1].startswith(
        "Dòng 5: thời hạn bảo quản “Mãi mãi” không có trong bảng thời hạn"
    )
    assert "Vĩnh viễn" in e.value.messages[1] and "10 năm" in e.value.messages[1]
    assert e.value.messages[2:] == [
        "Dòng 6: không tìm thấy người lập hồ sơ “Người Lạ” trong danh sách cán bộ của “Văn phòng Tỉnh ủy”.",
        "Dòng 7: số và ký hiệu “03.TC” không khớp chữ viết tắt “VP” của đề mục lớn “Công tác tổng hợp”.",
        "Dòng 8: thiếu số thứ tự đề mục hoặc số và ký hiệu hồ sơ ở cột (1).",
        "Dòng 9: hồ sơ “04.VP” chưa có tiêu đề ở cột (2).",
        "Dòng 9: hồ sơ “04.VP” chưa có thời hạn bảo quản ở cột (3).",
    ]
    assert nothing_created(n, ev)
    assert not FilePlanHeading.objects.exists() and not FilePlanItem.objects.exists()


def test_an_empty_plan_file_is_refused(world):
    n, ev = FilePlan.objects.count(), Event.objects.count()
    with pytest.raises(RuleViolation) as e:
        services.import_plan_xlsx(
            world.clerk,
            world.office,
            2026,
            xlsx([HEADER, ["I", "Đề mục", "", "", "Ký hiệu đề mục: VP"]]),
        )
    assert e.value.messages == [
        "Tệp không có hồ sơ nào: danh mục cần ít nhất một hồ sơ dưới một đề mục."
    ]
    assert nothing_created(n, ev)


def test_importing_over_an_existing_year_is_refused(world, plan):
    n, ev = FilePlan.objects.count(), Event.objects.count()
    with pytest.raises(RuleViolation) as e:
        services.import_plan_xlsx(
            world.clerk, world.office, 2025, io.BytesIO(export_plan_xlsx(plan))
        )
    assert "đã có danh mục hồ sơ năm 2025" in e.value.messages[0]
    assert nothing_created(n, ev)


def test_an_item_row_with_a_bare_year_count_matches_a_retention(world):
    plan = services.import_plan_xlsx(
        world.clerk,
        world.office,
        2027,
        xlsx(
            [
                HEADER,
                ["I", "Tổng hợp", "", "", ""],
                ["01.VP", "Báo cáo quý", "5", "Nguyễn Văn An", ""],
            ]
        ),
    )
    item = plan.items.get()
    assert (item.code, item.retention, item.creator) == (
        "01.VP",
        retention("years", 5),
        world.official.person,
    )
    assert plan.headings.get().abbrev == "VP"
