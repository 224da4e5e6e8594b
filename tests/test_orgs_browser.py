"""Browser journey of issue 13 ("Done when", bodies from a spreadsheet): the
administrator uploads an organization spreadsheet with three errors at
/to-chuc/nhap-tep/, sees the three listed in Vietnamese with nothing changed,
fixes the file, checks it again and imports it; the imported bodies and their
people are then in the tree.

Run alone with ``.venv/bin/pytest tests/test_orgs_browser.py``.
"""

from __future__ import annotations

import io

import pytest
from browser import foreign_requests, login, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def world(transactional_db):
    from luutru.testing import build_world

    return build_world()


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


def body(code, name, parent, start="01/01/2020", level="Cấp xã"):
    kind = "Đảng bộ xã, phường, thị trấn" if level == "Cấp xã" else "district_committee"
    return [code, name, "", kind, level, parent, start, "", "", "", "Phông Đảng", "ĐU", "Tân Lạc"]


def workbook(bodies: list[list], people: list[list]) -> bytes:
    from openpyxl import Workbook

    from luutru.orgs import spreadsheet

    wb = Workbook()
    ws = wb.active
    ws.title = spreadsheet.ORG_SHEET
    ws.append(spreadsheet.ORG_COLUMNS)
    for row in bodies:
        ws.append(row)
    ps = wb.create_sheet(spreadsheet.PEOPLE_SHEET)
    ps.append(spreadsheet.PEOPLE_COLUMNS)
    for row in people:
        ps.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


PEOPLE = [
    ["Nguyễn Thị Hoa", "XAL", "Văn phòng", "Văn thư", "Văn thư", "Thường", "hoa.xal", "01/02/2024"],
    ["Trần Văn Minh", "HTT", "", "Chánh Văn phòng", "Lãnh đạo", "Thường", "", "01/02/2024"],
]


def test_administrator_sees_three_errors_fixes_the_file_and_imports(
    page, live_server, world, tmp_path
):
    from luutru.orgs.models import Membership, Organization

    district = body("HTT", "Huyện ủy Tân Thành", "TU", start="01/01/2016", level="Cấp huyện")
    bad = [
        district,
        body("XAL", "Đảng ủy xã An Lạc", "HTT"),
        body("XBL", "Đảng ủy xã Bình Lạc", "KHONGCO"),  # unknown parent
        body("XAL", "Đảng ủy xã Cẩm Lạc", "HTT"),  # duplicate code
        body("XDL", "Đảng ủy xã Đồng Lạc", "HTT", start="01/01/2010"),  # before its parent
    ]
    good = [
        district,
        body("XAL", "Đảng ủy xã An Lạc", "HTT"),
        body("XBL", "Đảng ủy xã Bình Lạc", "HTT"),
        body("XCL", "Đảng ủy xã Cẩm Lạc", "HTT"),
        body("XDL", "Đảng ủy xã Đồng Lạc", "HTT", start="01/01/2017"),
    ]
    wrong, fixed = tmp_path / "to-chuc.xlsx", tmp_path / "to-chuc-da-sua.xlsx"
    wrong.write_bytes(workbook(bad, PEOPLE))
    fixed.write_bytes(workbook(good, PEOPLE))
    before = Organization.objects.count()

    login(page, live_server, "quantri")
    page.goto(f"{live_server.url}/to-chuc/")
    page.get_by_role("link", name="Nhập, xuất danh sách cơ quan và người dùng bằng Excel").click()
    page.locator('input[name="file"]').set_input_files(str(wrong))
    page.get_by_role("button", name="Kiểm tra").click()
    problems = page.locator("#import-problems tbody tr")
    expect()(problems).to_have_count(3)
    expect()(page.get_by_text("Tệp có 3 lỗi; chưa nhập gì.")).to_be_visible()
    for n, (row, says) in enumerate(
        (
            ("4", "Không có cơ quan cấp trên mã “KHONGCO”"),
            ("5", "Mã “XAL” trùng với dòng 3"),
            ("6", "Ngày bắt đầu 01/01/2010 trước khi cơ quan cấp trên “HTT” có (từ 01/01/2016)"),
        )
    ):
        expect()(problems.nth(n).locator("td").nth(1)).to_have_text(row)
        expect()(problems.nth(n)).to_contain_text(says)
    expect()(page.get_by_role("button", name="Nhập", exact=True)).to_have_count(0)
    shot(page, "orgs-import-problems")
    assert Organization.objects.count() == before

    page.locator('input[name="file"]').set_input_files(str(fixed))
    page.get_by_role("button", name="Kiểm tra").click()
    expect()(page.locator("#import-summary")).to_contain_text("Sẽ thêm 5 cơ quan")
    expect()(page.locator("#import-summary")).to_contain_text("thêm 2 người")
    assert Organization.objects.count() == before
    page.get_by_role("button", name="Nhập", exact=True).click()
    expect()(page.get_by_text("Đã nhập: thêm 5 cơ quan, sửa 0, thêm 2 người.")).to_be_visible()
    assert Organization.objects.count() == before + 5
    assert Membership.objects.filter(org__code__in=["XAL", "HTT"]).count() == 2

    page.locator("#org-q").fill("Lạc")
    page.get_by_role("button", name="Tìm").click()
    results = page.locator(".org-results li")
    expect()(results).to_have_count(4)
    expect()(results.first).to_contain_text("Huyện ủy Tân Thành")
    page.get_by_role("link", name="Đảng ủy xã An Lạc").click()
    expect()(page.locator("main")).to_contain_text("Nguyễn Thị Hoa")
    shot(page, "orgs-imported-body")
    assert foreign_requests(page, live_server) == []
