"""Browser journey of issue 12 (“Done when”): the clerk of body A registers an
incoming document (arrival number given) and routes it; the head assigns a handler
with a deadline; the handler drafts the answer; the head approves; the clerk issues
it with the next number in the Party series; it arrives in body B's incoming queue
without re-typing; in A both documents sit in the handler's dossier, in order.

Run alone with ``.venv/bin/pytest tests/test_registry_loop_browser.py``.
Screenshots of the key steps land in ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser import foreign_requests, login, logout, shot

pytestmark = [
    pytest.mark.browser,
    # live_server needs real commits; serialized_rollback restores the rule
    # profiles that migrations load, since a transactional test truncates tables.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SUBJECT_IN = "Đề nghị hướng dẫn lập danh mục hồ sơ năm 2027"
SUBJECT_OUT = "Hướng dẫn lập danh mục hồ sơ năm 2027"


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


@pytest.fixture
def world(transactional_db):
    """The test province; the Tỉnh ủy's current term (Party numbers run per term);
    the official's open dossier; a clerk at the commune (body B)."""
    from django.utils import timezone

    from luutru.filing import services as filing
    from luutru.orgs.models import Role, Term
    from luutru.rules.models import RetentionRule
    from luutru.testing import build_world, make_user

    w = build_world()
    Term.objects.create(org=w.province, name="2025–2030", start=dt.date(2025, 10, 1))
    w.dossier = filing.open_dossier(
        w.official,
        w.office,
        title="Công văn trao đổi về công tác văn thư, lưu trữ",
        file_notation="07.VP",
        retention=RetentionRule.objects.get(profile__code="party-2018", period="years", years=10),
        creator=w.official.person,
        start_date=timezone.localdate().replace(day=1),
    )
    w.commune_clerk = make_user("vanthu_xa", w.commune, Role.CLERK, full_name="Lò Thị Xuân")
    return w


def _pdf(text: str) -> dict:
    from luutru.registry.tests.files import make_pdf

    return {"name": "van-ban.pdf", "mimeType": "application/pdf", "buffer": make_pdf([text])}


def test_from_arrival_to_answer_to_dossier_on_the_network(page, live_server, world):
    from django.utils import timezone

    from luutru.desk.models import Arrival
    from luutru.dispatch.models import Outgoing
    from luutru.filing.changes import active_items

    w = world
    today = timezone.localdate()
    base = live_server.url
    # Seven sign-ins and some forty pages on one single-threaded live server: a busy
    # machine can take longer than the shared 15 s for one of them.
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(60_000)

    # 1. The clerk of A registers the incoming document: the arrival number is given.
    login(page, live_server, w.clerk.username)
    page.goto(f"{base}/van-thu/vao-so/")
    page.set_input_files('input[name="file"]', _pdf("Công văn đề nghị của Huyện ủy"))
    page.select_option('select[name="doc_type"]', label="Công văn (CV)")
    page.fill('input[name="symbol"]', "15-CV/HU")
    page.fill('input[name="issued_date"]', f"{today:%d/%m/%Y}")
    page.fill('input[name="organ_name"]', "Huyện ủy Thử nghiệm")
    page.fill('textarea[name="subject"]', SUBJECT_IN)
    page.get_by_role("button", name="Vào sổ").click()
    expect()(page.get_by_role("heading", name=re.compile(r"Văn bản đến số 1"))).to_be_visible()
    shot(page, "loop-1-arrival")
    # ... and routes it to the head.
    page.locator('form[action$="/chuyen/"] select[name="head"]').select_option(label="Hoàng Văn Em")
    page.locator('form[action$="/chuyen/"]').get_by_role("button", name="Chuyển").click()
    page.wait_for_load_state("domcontentloaded")
    arrival = Arrival.objects.get(org=w.office)
    assert arrival.state == "presented" and arrival.arrival_number == 1
    logout(page)

    # 2. The head assigns the official as lead handler with a deadline.
    login(page, live_server, w.head.username)
    page.goto(f"{base}/van-thu/den/{arrival.pk}/")
    form = page.locator('form[action$="/giao/"]')
    form.locator('select[name="lead"]').select_option(label="Nguyễn Văn An")
    form.locator('input[name="deadline"]').fill(f"{today + dt.timedelta(days=7):%Y-%m-%d}")
    form.locator('textarea[name="instructions"]').fill("Đồng chí An dự thảo văn bản trả lời.")
    form.get_by_role("button", name="Giao xử lý").click()
    page.wait_for_load_state("domcontentloaded")
    arrival.refresh_from_db()
    assert arrival.state == "assigned" and arrival.deadline == today + dt.timedelta(days=7)
    logout(page)

    # 3. The handler drafts the answer from their list, to the commune in luutru.
    login(page, live_server, w.official.username)
    page.goto(f"{base}/van-ban-di/")
    answer = page.locator("#can-tra-loi")
    expect()(answer).to_contain_text(SUBJECT_IN)
    answer.get_by_role("link", name="Soạn văn bản trả lời").click()
    page.set_input_files('input[name="file"]', _pdf("Dự thảo hướng dẫn"))
    page.select_option('select[name="doc_type"]', label="Công văn (CV)")
    page.fill('textarea[name="subject"]', SUBJECT_OUT)
    page.select_option('select[name="recipients"]', label="Đảng ủy xã Thử nghiệm")
    page.fill('input[name="signer_full_name"]', "Hoàng Văn Em")
    page.fill('input[name="signer_position"]', "Chánh Văn phòng")
    page.select_option(
        'select[name="dossier"]', label="07.VP – Công văn trao đổi về công tác văn thư, lưu trữ"
    )
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.get_by_role("button", name="Trình lãnh đạo duyệt").click()
    expect()(page.locator("#trang-thai")).to_have_text("Chờ lãnh đạo duyệt")
    shot(page, "loop-3-draft")
    logout(page)

    # 4. The head approves.
    login(page, live_server, w.head.username)
    page.goto(f"{base}/van-ban-di/")
    page.locator("#cho-duyet").get_by_role("link", name=re.compile(SUBJECT_OUT)).click()
    page.fill("#y-kien", "Đồng ý.")
    page.get_by_role("button", name="Duyệt", exact=True).click()
    expect()(page.locator("#trang-thai")).to_have_text("Đã duyệt, chờ văn thư phát hành")
    logout(page)

    # 5. The clerk issues it with the next number of the Party series.
    login(page, live_server, w.clerk.username)
    page.goto(f"{base}/van-ban-di/")
    page.locator("#cho-phat-hanh").get_by_role("link", name=re.compile(SUBJECT_OUT)).click()
    page.set_input_files('input[name="file"]', _pdf("Hướng dẫn đã ký"))
    page.get_by_role("button", name="Cấp số và phát hành").click()
    expect()(page.get_by_text("Đã cấp số 01-CV/VPTU và phát hành văn bản.")).to_be_visible()
    expect()(page.locator("#noi-nhan")).to_contain_text("Đã đến nơi nhận, đã vào sổ đến")
    shot(page, "loop-5-issued")
    logout(page)

    # 6. It arrives in B's incoming queue without re-typing, numbered there.
    login(page, live_server, w.commune_clerk.username)
    page.goto(f"{base}/van-thu/")
    row = page.locator("tr", has_text=SUBJECT_OUT).first
    expect()(row).to_contain_text("01-CV/VPTU")
    expect()(row).to_contain_text("Văn phòng Tỉnh ủy")
    shot(page, "loop-6-received")
    received = Arrival.objects.get(org=w.commune)
    assert (received.arrival_number, received.channel) == (1, "electronic")
    assert received.document.subject == SUBJECT_OUT
    logout(page)

    # 7. In A both documents sit in the handler's dossier, in order.
    login(page, live_server, w.official.username)
    page.goto(f"{base}/ho-so/{w.dossier.pk}/")
    text = page.locator("main").inner_text() if page.locator("main").count() else page.content()
    assert text.index("15-CV/HU") < text.index("01-CV/VPTU")
    shot(page, "loop-7-dossier")
    issued = Outgoing.objects.get()
    docs = [i.document for i in active_items(w.dossier)]
    assert docs == [arrival.document, issued.document]
    arrival.refresh_from_db()
    assert arrival.state == "done" and arrival.answer == issued.document
    assert foreign_requests(page, live_server) == []
