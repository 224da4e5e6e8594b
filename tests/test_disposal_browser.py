"""Browser journey of issue 14 (“Done when”, appraisal and destruction half): the
archivist proposes an appraisal, the council records its opinions, the head
decides; destruction runs with two confirmations and prints its minutes; the
destroyed dossier's metadata and the minutes stay searchable for the archivist.

Run alone with ``.venv/bin/pytest tests/test_disposal_browser.py``.
Screenshots of the key steps land in ``test-artifacts/``.
"""

from __future__ import annotations

import pytest
from browser import foreign_requests, login, logout, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DECISION = "15-QĐ/VPTU"


@pytest.fixture
def world(transactional_db):
    from luutru.testing import build_world

    return build_world()


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


@pytest.fixture
def holdings(world):
    from luutru.disposal.tests.conftest import make_holdings
    from luutru.search.services import refresh_index

    expired, permanent, _ = make_holdings(world)
    refresh_index()
    return expired, permanent


def test_appraisal_council_decision_and_two_person_destruction_with_minutes(
    page, live_server, world, holdings
):
    from luutru.filing.models import DossierStatus
    from luutru.registry.models import Document
    from luutru.search.services import refresh_index
    from luutru.storage.services import store

    expired, permanent = holdings
    shas = list(
        Document.objects.filter(dossier_items__dossier=expired).values_list("blob_id", flat=True)
    )
    e = expect()
    main = page.locator("main")

    # 1. The archivist proposes: the fonds, the dossiers due, the council, then sends it.
    login(page, live_server, "luutru")
    page.get_by_role("navigation").get_by_role("link", name="Xác định giá trị").click()
    main.locator('select[name="phong"]').select_option(str(world.office.fonds.pk))
    main.get_by_role("button", name="Xem hồ sơ đến hạn").click()
    e(main).to_contain_text("Hết thời hạn bảo quản 5 năm từ ngày 01/01/2021.")
    main.get_by_label("Chọn hồ sơ 07.VP").check()
    main.get_by_label("Chọn hồ sơ 04.VP").check()
    shot(page, "90-appraisal-proposal")
    main.get_by_role("button", name="Lập đợt xác định giá trị").click()
    e(page.locator(".msg.success")).to_contain_text("Đã lập đợt xác định giá trị")
    council = main.locator("#hoi-dong")
    for name, role, position in (
        ("Hoàng Văn Em", "chair", "Chánh Văn phòng"),
        ("Đỗ Văn Hải", "member", "Lưu trữ viên"),
    ):
        council.locator('select[name="thanh_vien"]').select_option(label=name)
        council.locator('select[name="vai_tro"]').select_option(role)
        council.locator('input[name="chuc_vu"]').fill(position)
        council.get_by_role("button", name="Thêm vào hội đồng").click()
        e(page.locator(".msg.success")).to_contain_text("Đã ghi thành viên hội đồng.")
    main.get_by_role("button", name="Trình hội đồng").click()
    e(page.locator(".msg.success")).to_contain_text("Đã trình hội đồng")
    detail_url = page.url

    # 2. Each member records an opinion on each dossier.
    for user, note in (("lanhdao", "Đồng ý hủy"), ("luutru2", "Hết giá trị")):
        logout(page)
        login(page, live_server, user)
        page.goto(f"{live_server.url}/xac-dinh-gia-tri/")
        main.locator("#cho-y-kien").get_by_role("link").first.click()
        opinions = main.locator("#y-kien")
        e(opinions.get_by_label("Ý kiến về hồ sơ 07.VP")).to_have_value("destroy")
        e(opinions.get_by_label("Ý kiến về hồ sơ 04.VP")).to_have_value("transfer")
        opinions.get_by_label("Ghi chú về hồ sơ 07.VP").fill(note)
        opinions.get_by_role("button", name="Ghi ý kiến").click()
        e(page.locator(".msg.success")).to_contain_text("Đã ghi ý kiến của bạn về 2 hồ sơ.")
    e(main.locator("#ho-so")).to_contain_text("Hết giá trị")
    shot(page, "91-council-opinions")

    # 3. The head decides, then confirms the destruction first; they cannot confirm twice.
    logout(page)
    login(page, live_server, "lanhdao")
    page.goto(detail_url)
    deciding = main.locator("#quyet-dinh")
    e(deciding.get_by_label("Quyết định hồ sơ 07.VP")).to_have_value("destroy")
    deciding.get_by_label("Số quyết định").fill(DECISION)
    deciding.get_by_role("button", name="Quyết định").click()
    e(page.locator(".msg.success")).to_contain_text("Đã quyết định.")
    with page.expect_download() as decision_pdf:
        main.get_by_role("link", name="Quyết định (PDF)").click()
    assert decision_pdf.value.suggested_filename.endswith(".pdf")
    main.get_by_role("button", name="Xác nhận hủy").click()
    e(page.locator(".msg.success")).to_contain_text("Cần một người khác xác nhận lần thứ hai")
    e(main.get_by_role("button", name="Xác nhận hủy")).to_have_count(0)
    assert all(store().exists(s) for s in shas)
    shot(page, "92-first-confirmation")

    # 4. The archivist confirms second: the content goes, the minutes print.
    logout(page)
    login(page, live_server, "luutru")
    page.goto(f"{live_server.url}/xac-dinh-gia-tri/")
    main.locator("#cho-xac-nhan-huy").get_by_role("link").first.click()
    main.get_by_role("button", name="Xác nhận hủy").click()
    e(page.locator(".msg.success")).to_contain_text("Đã hủy tài liệu theo quyết định")
    e(main.locator("#tieu-huy")).to_contain_text("Đã xóa")
    with page.expect_download() as minutes:
        main.get_by_role("link", name="In biên bản hủy (PDF)").click()
    assert minutes.value.suggested_filename.endswith(".pdf")
    with open(minutes.value.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    shot(page, "93-destroyed-minutes")
    expired.refresh_from_db()
    permanent.refresh_from_db()
    assert (expired.status, permanent.status) == (DossierStatus.DESTROYED, DossierStatus.ARCHIVED)
    assert shas and not any(store().exists(s) for s in shas)

    # 5. The destroyed dossier's metadata and the minutes stay searchable for the archivist.
    refresh_index()  # as the worker does
    page.goto(f"{live_server.url}/tim-kiem/")
    page.locator("#search-q").fill("cong van trao doi van thu 2015")
    page.get_by_role("button", name="Tìm", exact=True).click()
    results = page.locator("#search-results")
    e(results).to_contain_text(expired.title)
    e(results).to_contain_text("Đã tiêu hủy")
    page.locator("#search-q").fill(DECISION)
    page.get_by_role("button", name="Tìm", exact=True).click()
    e(results).to_contain_text("Quyết định và biên bản hủy tài liệu hết giá trị")
    shot(page, "94-destroyed-searchable")
    assert foreign_requests(page, live_server) == []
