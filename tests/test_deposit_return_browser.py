"""Browser journey of issue 8 (“Done when”): the archivist returns a deposit with
reasons; the official sees them on the home page, fixes the dossier and deposits
again; another archivist accepts.

Run alone with ``.venv/bin/pytest tests/test_deposit_return_browser.py``.
Screenshots of the key steps land in ``test-artifacts/`` (gitignored).
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

MISSING = "Thiếu biên bản họp ngày 12/9/2024: bổ sung vào hồ sơ rồi kết thúc lại."
WRONG_TITLE = "Tiêu đề chưa nêu rõ năm của tài liệu."


@pytest.fixture
def world(transactional_db):
    from luutru.testing import build_world

    return build_world()


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


@pytest.fixture
def submitted(world):
    """Two closed dossiers of the Văn phòng, overdue, deposited and sent by the official;
    and the minutes the first one lacks, registered but not filed."""
    from luutru.archive.services import create_deposit, submit_deposit
    from luutru.archive.tests.conftest import make_dossier
    from luutru.registry.services import create_document
    from luutru.registry.tests.files import make_pdf, metadata_for
    from luutru.search.services import refresh_index

    plan = make_dossier(
        world.office,
        world.official,
        notation="01.VP",
        title="Hồ sơ hội nghị tổng kết năm 2024",
        years=None,
    )
    letters = make_dossier(
        world.office,
        world.official,
        notation="07.VP",
        title="Công văn trao đổi năm 2024",
        years=10,
    )
    deposit = create_deposit(world.official, world.office, [plan, letters])
    submit_deposit(world.official, deposit)
    minutes, _ = create_document(
        world.official,
        world.office,
        content=io.BytesIO(make_pdf(["Biên bản họp ngày 12/9/2024"])),
        filename="bien-ban-hop.pdf",
        metadata=metadata_for(
            world.office,
            type_abbrev="BB",
            symbol="03-BB/VPTU",
            issued_date=dt.date(2024, 9, 12),
            subject="Biên bản họp chuẩn bị hội nghị tổng kết năm 2024",
            organ_name=world.office.name,
        ),
    )
    refresh_index()  # as the worker does: a web request only reads the index
    return deposit, plan, letters, minutes


def test_a_returned_deposit_comes_back_fixed_and_another_archivist_accepts_it(
    page, live_server, world, submitted
):
    deposit, plan, letters, minutes = submitted
    e = expect()
    year = timezone.localdate().year
    label = f"Lần nộp 1/{year} — Văn phòng Tỉnh ủy"

    # 1. The archivist opens the deposit waiting for them and returns it whole, with reasons.
    login(page, live_server, "luutru")
    main = page.locator("main")
    waiting = main.locator("#todo-accept")
    e(waiting.get_by_role("link", name=label)).to_be_visible()
    waiting.get_by_role("link", name=label).click()
    e(page.get_by_role("heading", level=1)).to_contain_text(label)
    main.get_by_label("Lý do trả lại hồ sơ 01.VP").fill(MISSING)
    main.get_by_label("Lý do trả lại hồ sơ 07.VP").fill(WRONG_TITLE)
    shot(page, "80-return-reasons")
    main.get_by_role("button", name="Trả lại toàn bộ (ghi lý do cho từng hồ sơ)").click()
    # No server error: the returned deposit, its reasons, its handover record.
    e(page.locator(".msg.success")).to_contain_text("Đã trả lại toàn bộ đợt nộp lưu")
    e(page.get_by_role("heading", level=1)).to_contain_text("Bị trả lại")
    e(main.locator("#ly-do-tra-lai")).to_contain_text(MISSING)
    e(main.locator("#ly-do-tra-lai")).to_contain_text(WRONG_TITLE)
    e(main.get_by_role("heading", name="Biên bản giao nhận")).to_be_visible()
    with page.expect_download() as pdf:
        main.get_by_role("link", name="Tải biên bản giao nhận (PDF)").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    shot(page, "81-deposit-returned")

    # 2. The official sees why on the home page and on the dossier.
    logout(page)
    login(page, live_server, "canbo")
    forming = main.locator("#todo-dossiers")
    e(forming).to_contain_text("Lưu trữ đã trả lại 2 hồ sơ")
    e(forming).to_contain_text(MISSING)
    e(forming).to_contain_text(WRONG_TITLE)
    e(page.get_by_role("navigation")).to_contain_text("Thông báo")
    shot(page, "82-official-home-reasons")
    forming.get_by_role("link", name=re.compile("01.VP")).click()
    e(page.get_by_role("heading", level=1)).to_have_text(f"Hồ sơ 01.VP: {plan.title}")
    e(main.locator("#ly-do-tra-lai")).to_contain_text(MISSING)

    # 3. They add the missing minutes (searching without tone marks) and close it again.
    adding = main.locator("#them-van-ban")
    adding.get_by_label("Tìm theo số, ký hiệu hoặc trích yếu").fill("bien ban hop chuan bi")
    adding.get_by_role("button", name="Tìm văn bản").click()
    found = main.locator("#them-van-ban li").filter(has_text=minutes.subject)
    e(found).to_have_count(1)
    found.get_by_role("button", name="Thêm vào hồ sơ").click()
    e(page.locator(".msg.success")).to_contain_text("Đã thêm văn bản 03-BB/VPTU vào hồ sơ.")
    closing = main.locator("form#ket-thuc")
    confirm = closing.get_by_label("xác nhận thời hạn bảo quản")
    if not confirm.is_checked():
        confirm.check()
    closing.get_by_role("button", name="Kết thúc hồ sơ").click()
    e(page.locator(".error")).to_have_count(0)
    e(main).to_contain_text("Đã kết thúc")
    e(main.locator("#ly-do-tra-lai")).to_have_count(0)
    shot(page, "83-dossier-fixed")

    # 4. They deposit it again: a new deposit, numbered 2 for the body this year.
    page.goto(f"{live_server.url}/nop-luu/moi/")
    main.get_by_label("Chọn hồ sơ 01.VP").check()
    e(main.get_by_label("Chọn hồ sơ 07.VP")).to_have_count(0)  # still returned: not yet
    main.get_by_role("button", name="Tạo đợt nộp lưu").click()
    again = f"Lần nộp 2/{year} — Văn phòng Tỉnh ủy"
    e(page.get_by_role("heading", level=1)).to_contain_text(again)
    main.get_by_role("button", name="Gửi nộp lưu").click()
    e(page.locator(".msg.success")).to_contain_text("Đã gửi đợt nộp lưu")
    shot(page, "84-deposited-again")

    # 5. Another archivist accepts it.
    logout(page)
    login(page, live_server, "luutru2")
    waiting = main.locator("#todo-accept")
    e(waiting.get_by_role("link", name=again)).to_be_visible()
    e(waiting.get_by_role("link", name=label)).to_have_count(0)
    waiting.get_by_role("link", name=again).click()
    e(main).to_contain_text(plan.title)
    main.get_by_role("button", name="Tiếp nhận", exact=True).click()
    e(page.locator(".msg.success")).to_contain_text("Đã tiếp nhận đợt nộp lưu.")
    e(page.get_by_role("heading", level=1)).to_contain_text("Đã tiếp nhận")
    shot(page, "85-accepted-by-another-archivist")

    plan.refresh_from_db()
    letters.refresh_from_db()
    assert (plan.status, letters.status) == ("archived", "returned")
    assert foreign_requests(page, live_server) == []
