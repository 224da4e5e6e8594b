"""Browser journeys on a real Chromium (issue 2, "Done when").

Run alone with ``.venv/bin/pytest tests/test_journey_browser.py``. Screenshots
of the key steps land in ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from browser import foreign_requests, login, logout, shot
from django.utils import timezone

pytestmark = [
    pytest.mark.browser,
    # live_server needs real commits; serialized_rollback restores the rule
    # profiles that migrations load, since a transactional test truncates tables.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def world(transactional_db):
    from luutru.testing import build_world

    return build_world()


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


# ---------------------------------------------------------------- login page


def test_login_page_is_vietnamese_and_refuses_a_wrong_password(page, live_server, world):
    page.goto(f"{live_server.url}/")
    # Not logged in: sent to the login page.
    expect()(page).to_have_url(re.compile(r"/dang-nhap/"))
    expect()(page).to_have_title(re.compile(r"^Đăng nhập"))
    assert page.locator("html").get_attribute("lang") == "vi"
    expect()(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    expect()(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
    shot(page, "00-login")

    login(page, live_server, "canbo", password="mat-khau-sai")
    alert = page.get_by_role("alert")
    expect()(alert).to_have_text("Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng nhập lại.")
    expect()(page).to_have_url(re.compile(r"/dang-nhap/"))
    # The user name stays filled in, the password does not.
    expect()(page.locator('input[name="username"]')).to_have_value("canbo")
    expect()(page.locator('input[name="password"]')).to_have_value("")
    shot(page, "01-login-wrong-password")
    assert foreign_requests(page, live_server) == []


# ---------------------------------------------------------------- organizations


def test_organization_tree_expands_lazily_and_calls_no_other_host(page, live_server, world):
    login(page, live_server, "canbo")
    page.get_by_role("link", name="Tổ chức").click()
    expect()(page.get_by_role("heading", level=1)).to_have_text("Cơ cấu tổ chức")
    tree = page.locator("#org-tree")
    expect()(tree.get_by_role("link", name="Tỉnh ủy Thử nghiệm")).to_be_visible()
    expect()(tree.get_by_text("Văn phòng Tỉnh ủy")).to_have_count(0)

    # Opening the province loads its children by HTMX, then the district's.
    page.locator(f"#org-{world.province.pk} > details > summary").click()
    expect()(tree.get_by_role("link", name="Văn phòng Tỉnh ủy")).to_be_visible()
    expect()(tree.get_by_role("link", name="Đảng ủy xã Thử nghiệm")).to_have_count(0)
    page.locator(f"#org-{world.district.pk} > details > summary").click()
    expect()(tree.get_by_role("link", name="Đảng ủy xã Thử nghiệm")).to_be_visible()
    assert any(u.endswith(f"/to-chuc/{world.district.pk}/con/") for u in page.requested_urls)
    shot(page, "02-org-tree")

    # Typing in the search box filters by HTMX.
    page.get_by_placeholder("Gõ một phần tên tổ chức…").fill("Ban Tổ chức")
    expect()(tree.get_by_text("Tìm thấy 1 cơ quan, tổ chức")).to_be_visible()
    expect()(tree.get_by_role("link", name="Ban Tổ chức Tỉnh ủy")).to_be_visible()

    tree.get_by_role("link", name="Ban Tổ chức Tỉnh ủy").click()
    expect()(page.get_by_role("heading", level=1)).to_have_text("Ban Tổ chức Tỉnh ủy")
    expect()(page.get_by_role("heading", name="Phông lưu trữ")).to_be_visible()
    expect()(page.get_by_role("cell", name="Lê Văn Cường")).to_be_visible()
    shot(page, "03-org-detail")

    # Every request (pages, CSS, HTMX script and fragments) went to our server.
    assert page.requested_urls, "the page made no request at all"
    assert foreign_requests(page, live_server) == []


# ---------------------------------------------------------------- the records lifecycle

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def party_pdf(path, *, symbol: str, day: dt.date, kind: str, subject: str, pages: int = 2):
    """A real A4 PDF laid out like a Party document: header, number, place and date."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from luutru.core.vn import long_date

    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    width, _ = A4
    for page_no in range(1, pages + 1):
        c.setFont("DejaVuSans", 12)
        if page_no == 1:
            c.drawCentredString(150, 790, "TỈNH ỦY THỬ NGHIỆM")
            c.drawCentredString(150, 770, "*")
            c.drawCentredString(150, 750, f"Số {symbol}")
            c.drawCentredString(width - 170, 790, "ĐẢNG CỘNG SẢN VIỆT NAM")
            c.drawCentredString(width - 170, 750, long_date(day, "Hạ Long"))
            c.setFont("DejaVuSans", 14)
            c.drawCentredString(width / 2, 690, kind.upper())
            c.setFont("DejaVuSans", 12)
            c.drawCentredString(width / 2, 670, subject)
        c.drawString(72, 600, f"Nội dung văn bản, trang {page_no}.")
        c.drawCentredString(width / 2, 40, str(page_no))
        c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return path


@pytest.fixture
def plan_in_force(world):
    """This year's file plan of the Văn phòng, approved by the head and issued,
    built with the real filing services."""
    from luutru.filing import services
    from luutru.rules.queries import retention_rules

    year = timezone.localdate().year
    permanent = retention_rules(world.office).get(period="permanent")
    plan = services.create_plan(world.official, world.office, year)
    heading = services.add_heading(world.official, plan, title="Công tác tổng hợp", abbrev="VP")
    item = services.add_item(
        world.official,
        plan,
        heading,
        title=f"Nghị quyết, chỉ thị của Tỉnh ủy năm {year}",
        retention=permanent,
        creator=world.official.person,
    )
    services.add_item(
        world.official,
        plan,
        heading,
        title=f"Báo cáo công tác văn phòng năm {year}",
        retention=permanent,
        creator=world.official.person,
    )
    services.approve_plan(world.head, plan)
    services.issue_plan(
        world.head, plan, decision_number="01-QĐ/VPTU", decision_date=dt.date(year, 1, 5)
    )
    plan.refresh_from_db()
    item.refresh_from_db()
    return plan, item


def click_named(scope, name: str) -> None:
    """Click the one button or link called ``name`` inside ``scope``."""
    target = scope.get_by_role("button", name=name).or_(scope.get_by_role("link", name=name))
    expect()(target).to_have_count(1)
    target.click()


def test_official_files_and_deposits_a_dossier_and_the_archivist_accepts_it(
    page, live_server, world, plan_in_force, tmp_path
):
    plan, item = plan_in_force
    today = timezone.localdate()
    e = expect()

    # 1. The official finds this year's plan and opens the dossier of a planned file.
    login(page, live_server, "canbo")
    page.get_by_role("navigation").get_by_role("link", name="Danh mục hồ sơ").click()
    main = page.locator("main")
    e(page.get_by_role("heading", level=1)).to_have_text("Danh mục hồ sơ")
    plan_row = main.get_by_role("row").filter(has_text=f"Danh mục năm {plan.year}")
    e(plan_row).to_contain_text("Văn phòng Tỉnh ủy")
    e(plan_row).to_contain_text(plan.get_state_display())
    shot(page, "10-plans")
    click_named(plan_row, f"Danh mục năm {plan.year}")
    e(page.get_by_role("heading", level=1)).to_contain_text(f"Danh mục hồ sơ năm {plan.year}")
    e(main).to_contain_text("Danh mục đang có hiệu lực.")
    shot(page, "11-plan")
    item_row = main.get_by_role("row").filter(has_text=item.title)
    e(item_row).to_contain_text(item.code)
    click_named(item_row, "Mở hồ sơ")

    # 2. The dossier page: open, empty, saying what to do next.
    e(page.get_by_role("heading", level=1)).to_have_text(f"Hồ sơ {item.code}: {item.title}")
    e(main).to_contain_text("Đang lập")
    e(main).to_contain_text("Hồ sơ chưa có văn bản nào.")
    e(main).to_contain_text("Việc tiếp theo:")
    dossier_url = page.url
    shot(page, "12-dossier-opened")

    documents = [
        dict(
            symbol="12-NQ/TU",
            kind="Nghị quyết",
            abbrev="NQ",
            day=today.replace(day=1),
            subject="Về tăng cường công tác văn thư, lưu trữ",
        ),
        dict(
            symbol="05-CT/TU",
            kind="Chỉ thị",
            abbrev="CT",
            day=today,
            subject="Về nâng cao chất lượng lập hồ sơ điện tử",
        ),
    ]
    for n, doc in enumerate(documents, start=1):
        pdf = party_pdf(
            tmp_path / f"vanban-{n}.pdf",
            symbol=doc["symbol"],
            day=doc["day"],
            kind=doc["kind"],
            subject=doc["subject"],
        )
        upload = main.locator("form").filter(
            has=page.get_by_role("heading", name="Tải văn bản lên")
        )
        upload.get_by_label("Tệp văn bản").set_input_files(str(pdf))
        upload.get_by_label("Tên loại văn bản").select_option(
            label=f"{doc['kind']} ({doc['abbrev']})"
        )
        upload.get_by_label("Số, ký hiệu").fill(doc["symbol"])
        upload.get_by_label("Ngày tháng văn bản").fill(doc["day"].strftime("%d/%m/%Y"))
        upload.get_by_label("Trích yếu nội dung").fill(doc["subject"])
        click_named(upload, "Tải lên")
        row = (
            main.locator("table.dossier-documents")
            .get_by_role("row")
            .filter(has_text=doc["subject"])
        )
        e(row).to_have_count(1)
        e(row).to_contain_text(doc["symbol"])
        e(row).to_contain_text(doc["day"].strftime("%d/%m/%Y"))
        e(row).to_contain_text("2")  # pages counted from the PDF
        e(page.locator(".error")).to_have_count(0)
        shot(page, f"13-dossier-document-{n}")

    # 3. Close the dossier, confirming its retention.
    closing = main.locator("form").filter(
        has=page.get_by_role("heading", name="Kết thúc và lập mục lục")
    )
    confirm = closing.get_by_label("xác nhận thời hạn bảo quản")
    if confirm.count() and not confirm.is_checked():
        confirm.check()
    click_named(closing, "Kết thúc hồ sơ")
    e(page.get_by_role("heading", level=1)).to_have_text(f"Hồ sơ {item.code}: {item.title}")
    e(page.locator(".error")).to_have_count(0)
    e(main).to_contain_text("Đã kết thúc")
    e(main.get_by_role("link", name="Mục lục văn bản", exact=True)).to_be_visible()
    e(main.get_by_role("link", name="Chứng từ kết thúc", exact=True)).to_be_visible()
    e(main.get_by_role("button", name="Tải lên")).to_have_count(0)
    shot(page, "14-dossier-closed")

    # 4. Deposit it: the dossier is listed as due; select it, create the deposit, send it.
    page.get_by_role("navigation").get_by_role("link", name="Nộp lưu", exact=True).click()
    main = page.locator("main")
    e(page.get_by_role("heading", level=1)).to_contain_text("Nộp lưu")
    due_row = main.get_by_role("row").filter(has_text=item.title)
    e(due_row).to_have_count(1)
    # The deadline comes from the rules: the profile's delay after the last document.
    from luutru.rules.queries import deposit_due

    e(due_row).to_contain_text(deposit_due(world.office, today).strftime("%d/%m/%Y"))
    shot(page, "15-deposit-due")
    click_named(main, "Chọn hồ sơ để nộp lưu")
    e(page.get_by_role("heading", level=1)).to_have_text("Tạo đợt nộp lưu")
    main.get_by_role("row").filter(has_text=item.title).get_by_role("checkbox").check()
    click_named(main, "Tạo đợt nộp lưu")
    e(page.get_by_role("heading", level=1)).to_contain_text(
        f"Lần nộp 1/{today.year} — Văn phòng Tỉnh ủy"
    )
    e(page.locator(".msg.success")).to_contain_text(
        f"Đã tạo đợt nộp lưu “Lần nộp 1/{today.year} — Văn phòng Tỉnh ủy”"
    )
    e(page.locator(".msg.success")).to_contain_text("gồm 1 hồ sơ")
    e(main).to_contain_text(item.title)
    deposit_url = page.url
    shot(page, "16-deposit-draft")
    click_named(main, "Gửi nộp lưu")
    e(page.locator(".msg.success")).to_contain_text("Đã gửi đợt nộp lưu cho Tỉnh ủy Thử nghiệm")
    e(page.get_by_role("heading", level=1)).to_contain_text("Đã gửi, chờ lưu trữ kiểm tra")
    e(main.get_by_role("button", name="Gửi nộp lưu")).to_have_count(0)
    shot(page, "17-deposit-submitted")

    # 5. The archivist finds the deposit waiting for them, checks it and accepts it.
    logout(page)
    login(page, live_server, "luutru")
    page.get_by_role("navigation").get_by_role("link", name="Nộp lưu", exact=True).click()
    main = page.locator("main")
    waiting = main.locator("section").filter(
        has=page.get_by_role("heading", name=re.compile(r"chờ bạn tiếp nhận \(1\)"))
    )
    e(waiting).to_have_count(1)
    shot(page, "18-archivist-deposits")
    row = waiting.get_by_role("row").filter(has_text="Văn phòng Tỉnh ủy")
    click_named(row, "Mở để kiểm tra")
    assert page.url.split("?")[0] == deposit_url.split("?")[0]
    e(main).to_contain_text(item.title)
    click_named(main, "Tiếp nhận")
    e(page.locator(".msg.success")).to_contain_text("Đã tiếp nhận đợt nộp lưu.")
    e(page.get_by_role("heading", level=1)).to_contain_text("Đã tiếp nhận")
    e(main.get_by_role("button", name="Tiếp nhận")).to_have_count(0)
    shot(page, "19-deposit-accepted")

    # 6. Back as the official: the dossier is an archive holding, read-only.
    logout(page)
    login(page, live_server, "canbo")
    page.goto(dossier_url)
    main = page.locator("main")
    e(page.get_by_role("heading", level=1)).to_contain_text(item.title)
    e(main).to_contain_text("Đã nộp lưu")
    e(main.get_by_role("button", name="Tải lên")).to_have_count(0)
    e(main.locator('input[type="file"]')).to_have_count(0)
    e(main.get_by_role("button", name="Kết thúc hồ sơ")).to_have_count(0)
    e(main.get_by_role("link", name="Kết thúc hồ sơ")).to_have_count(0)
    e(main.get_by_role("row").filter(has_text=documents[0]["subject"])).to_have_count(1)
    shot(page, "20-dossier-read-only")

    # The records agree with the screens.
    from luutru.filing.models import Dossier, DossierStatus

    dossier = Dossier.objects.get(plan_item=item)
    assert dossier.status == DossierStatus.ARCHIVED
    assert dossier.items.filter(removed_at__isnull=True).count() == 2
    assert foreign_requests(page, live_server) == []
