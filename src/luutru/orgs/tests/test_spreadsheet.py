"""Bodies and people from a spreadsheet: the dry run names each row's problem,
an import with problems changes nothing, a re-run changes nothing, the export
re-imports as it is."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.orgs import spreadsheet
from luutru.orgs.models import Fonds, Membership, Organization, Person

pytestmark = pytest.mark.django_db

HEAD = spreadsheet.ORG_COLUMNS


def book(orgs: list[list], people: list[list] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = spreadsheet.ORG_SHEET
    ws.append(HEAD)
    for row in orgs:
        ws.append(row)
    if people is not None:
        ps = wb.create_sheet(spreadsheet.PEOPLE_SHEET)
        ps.append(spreadsheet.PEOPLE_COLUMNS)
        for row in people:
            ps.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def org(
    code, name, parent="", start="01/01/2020", kind="Đảng bộ xã, phường, thị trấn", level="Cấp xã"
):
    return [code, name, "", kind, level, parent, start, "", "", "", "Phông Đảng", "ĐU", "Tân Lạc"]


GOOD = [
    [
        "HT",
        "Huyện ủy Tân Thành",
        "",
        "district_committee",
        "Cấp huyện",
        "TU",
        "01/01/2016",
        "",
        "PHT",
        "Phông Huyện ủy Tân Thành",
        "Phông Đảng",
        "HU",
        "Tân Thành",
    ],
    org("XA", "Đảng ủy xã An Lạc", parent="HT"),
    org("XB", "Đảng ủy xã Bình Lạc", parent="HT"),
]
PEOPLE = [
    ["Nguyễn Thị Hoa", "XA", "Văn phòng", "Văn thư", "Văn thư", "Thường", "hoa.xa", "01/02/2024"],
    ["Trần Văn Minh", "HT", "", "Chánh Văn phòng", "head", "Mật", "", "01/02/2024"],
]


def test_dry_run_names_each_problem_and_changes_nothing(world):
    bad = [
        *GOOD,
        org("XC", "Đảng ủy xã Cẩm", parent="KHONGCO"),  # unknown parent
        org("XB", "Đảng ủy xã trùng mã", parent="HT"),  # duplicate code
        org("XD", "Đảng ủy xã Đồng", parent="HT", start="01/01/2010"),  # before its parent
        org("C1", "Vòng một", parent="C2"),
        org("C2", "Vòng hai", parent="C1"),  # a cycle
        org("XE", "Đảng ủy xã E", parent="HT", level="Cấp thôn"),  # unknown level
    ]
    before = (Organization.objects.count(), Event.objects.count())
    plan = spreadsheet.check(world.admin, book(bad, PEOPLE))
    said = "\n".join(str(p) for p in plan.problems)
    assert "dòng 5: Không có cơ quan cấp trên mã “KHONGCO”" in said
    assert "dòng 6: Mã “XB” trùng với dòng 4" in said
    assert "dòng 7: Ngày bắt đầu 01/01/2010 trước khi cơ quan cấp trên “HT”" in said
    assert "Vòng lặp cấp trên: C1 → C2 → C1" in said
    assert "cấp “Cấp thôn” không có" in said.replace("Cấp “", "cấp “")
    with pytest.raises(RuleViolation):
        spreadsheet.apply(world.admin, book(bad, PEOPLE))
    assert (Organization.objects.count(), Event.objects.count()) == before


def test_import_then_rerun_changes_nothing_and_export_reimports(world):
    plan = spreadsheet.check(world.admin, book(GOOD, PEOPLE))
    assert [str(p) for p in plan.problems] == [
        "Người, dòng 3: Không thể cấp độ mật “Mật” cao hơn mức của chính bạn (“Thường”)."
    ]
    Person.objects.filter(user=world.admin).update(clearance=3)
    plan = spreadsheet.apply(world.admin, book(GOOD, PEOPLE))
    assert (len(plan.orgs_new), len(plan.people_new)) == (3, 2)
    xa = Organization.objects.get(code="XA")
    assert xa.parent.code == "HT" and xa.path.startswith(world.province.path)
    assert Fonds.objects.get(org__code="HT").code == "PHT"
    hoa = Person.objects.get(full_name="Nguyễn Thị Hoa")
    assert hoa.user.username == "hoa.xa"
    assert Membership.objects.get(person=hoa).unit.name == "Văn phòng"
    assert Person.objects.get(full_name="Trần Văn Minh").clearance == 1

    counts = (Organization.objects.count(), Person.objects.count(), Membership.objects.count())
    again = spreadsheet.apply(world.admin, book(GOOD, PEOPLE))
    assert again.changes == 0 and (again.orgs_same, again.people_same) == (3, 2)
    exported = spreadsheet.export()
    plan = spreadsheet.check(None, exported)
    assert plan.ok and plan.changes == 0, [str(p) for p in plan.problems]
    assert counts == (
        Organization.objects.count(),
        Person.objects.count(),
        Membership.objects.count(),
    )


def test_details_change_but_dated_events_are_refused(world):
    spreadsheet.apply(world.admin, book(GOOD))
    renamed = [GOOD[0], ["XA", "Đảng ủy xã An Lạc mới", *org("XA", "", parent="HT")[2:]], GOOD[2]]
    plan = spreadsheet.check(world.admin, book(renamed))
    assert any("Đổi tên" in p.message for p in plan.problems)
    place = [GOOD[0], org("XA", "Đảng ủy xã An Lạc", parent="HT")[:-1] + ["Lạc Sơn"], GOOD[2]]
    plan = spreadsheet.apply(world.admin, book(place))
    assert [r.code for r, _ in plan.orgs_changed] == ["XA"]
    assert Organization.objects.get(code="XA").place == "Lạc Sơn"


def test_someone_who_administers_nothing_is_refused(world):
    plan = spreadsheet.check(world.clerk, book(GOOD))
    assert plan.problems and "không quản trị" in plan.problems[0].message


@pytest.mark.parametrize(
    "data", [b"", b"not a spreadsheet", b"PK\x03\x04broken zip"], ids=["empty", "text", "zip"]
)
def test_a_file_that_is_not_the_layout_is_refused_in_vietnamese(world, data):
    with pytest.raises(spreadsheet.SheetError, match="Không đọc được tệp"):
        spreadsheet.check(world.admin, data)


def test_missing_columns_are_named(world):
    wb = Workbook()
    wb.active.title = spreadsheet.ORG_SHEET
    wb.active.append(["Mã", "Tên"])
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(spreadsheet.SheetError, match="thiếu cột: Tên cơ quan, tổ chức"):
        spreadsheet.check(world.admin, out.getvalue())


def test_command_dry_run_lists_problems_and_imports_after_fix(world, tmp_path, capsys):
    path = tmp_path / "to-chuc.xlsx"
    path.write_bytes(book([*GOOD, org("XC", "Đảng ủy xã Cẩm", parent="KHONGCO")]))
    with pytest.raises(CommandError, match="Tệp có 1 lỗi"):
        call_command("orgs", "import", str(path), "--dry-run")
    assert "dòng 5" in capsys.readouterr().out
    path.write_bytes(book(GOOD))
    call_command("orgs", "import", str(path))
    assert "Đã thêm 3 cơ quan" in capsys.readouterr().out
    out = tmp_path / "xuat.xlsx"
    call_command("orgs", "export", str(out))
    assert spreadsheet.check(None, out.read_bytes()).changes == 0


def test_the_command_runs_as_a_process():
    done = subprocess.run(
        [sys.executable, "-m", "django", "help", "orgs", "--settings=luutru.settings"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and "import|export" in done.stdout


def test_the_screen_checks_then_imports_and_refuses_others(world, client):
    client.force_login(world.clerk)
    assert client.get("/to-chuc/nhap-tep/").status_code == 403
    assert client.get("/to-chuc/xuat-tep/").status_code == 403
    client.force_login(world.admin)
    page = client.get("/to-chuc/nhap-tep/")
    assert "Tải danh sách hiện có" in page.content.decode()
    bad = io.BytesIO(book([*GOOD, org("XC", "Đảng ủy xã Cẩm", parent="KHONGCO")]))
    bad.name = "to-chuc.xlsx"
    page = client.post("/to-chuc/nhap-tep/", {"file": bad})
    text = page.content.decode()
    assert "Tệp có 1 lỗi" in text and "KHONGCO" in text
    assert not Organization.objects.filter(code="HT").exists()
    good = io.BytesIO(book(GOOD))
    good.name = "to-chuc.xlsx"
    page = client.post("/to-chuc/nhap-tep/", {"file": good})
    digest = page.context["digest"]
    assert "Sẽ thêm <strong>3</strong> cơ quan" in page.content.decode()
    assert not Organization.objects.filter(code="HT").exists()
    done = client.post("/to-chuc/nhap-tep/", {"tep": digest, "nhap": "1"}, follow=True)
    assert "Đã nhập: thêm 3 cơ quan" in done.content.decode()
    assert Organization.objects.filter(code__in=["HT", "XA", "XB"]).count() == 3
    exported = client.get("/to-chuc/xuat-tep/")
    assert spreadsheet.check(world.admin, exported.content).changes == 0


@pytest.mark.parametrize("tep", ["", "../../etc/passwd", "0" * 64, "x" * 10_000])
def test_the_screen_refuses_a_bad_staged_file_name(world, client, tep):
    client.force_login(world.admin)
    page = client.post("/to-chuc/nhap-tep/", {"tep": tep, "nhap": "1"}, follow=True)
    assert page.status_code == 200 and "Chưa có tệp" in page.content.decode()


def test_the_screen_refuses_a_file_that_is_not_excel(world, client):
    client.force_login(world.admin)
    junk = io.BytesIO(b"%PDF-1.4 not a spreadsheet")
    junk.name = "to-chuc.xlsx"
    page = client.post("/to-chuc/nhap-tep/", {"file": junk}, follow=True)
    assert page.status_code == 200 and "Không đọc được tệp" in page.content.decode()
