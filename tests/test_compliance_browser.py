"""Browser journey of issue 4 ("Done when" 3): an inspector opens the province
dashboard, drills down to an organization, to an official, and to the overdue
dossiers behind a figure.

Run alone with ``.venv/bin/pytest tests/test_compliance_browser.py``.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser import foreign_requests, login, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def records(transactional_db):
    from luutru.compliance.refresh import refresh_facts
    from luutru.compliance.tests.conftest import closed_dossier, make_records
    from luutru.testing import build_world

    w = make_records(build_world())
    # A second official with an overdue dossier of their own: the personal
    # list must not show it.
    w.other_overdue = closed_dossier(w.official2, w.office, "08.VP", dt.date(2023, 4, 2))
    refresh_facts()  # what the worker does with the refresh these commits enqueued
    return w


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


def _listed(page) -> set[int]:
    return {
        int(x)
        for x in page.locator("tr[data-dossier]").evaluate_all(
            "rows => rows.map(r => r.dataset.dossier)"
        )
    }


def test_inspector_drills_down_from_the_province_to_the_overdue_dossiers(
    page, live_server, records
):
    login(page, live_server, "kiemtra")
    page.get_by_role("link", name="Tuân thủ").first.click()
    expect()(page.get_by_role("heading", level=1)).to_have_text(
        "Tổng quan tuân thủ: Tỉnh ủy Thử nghiệm"
    )
    expect()(page.locator("svg.treemap")).to_be_visible()
    expect()(page.locator("svg.bars").first).to_be_visible()
    shot(page, "40-compliance-province")

    page.locator(".children-table").get_by_role("link", name="Văn phòng Tỉnh ủy").click()
    expect()(page.get_by_role("heading", level=1)).to_have_text("Văn phòng Tỉnh ủy")
    expect()(page).to_have_url(re.compile(rf"/tuan-thu/to-chuc/{records.office.pk}/"))
    # The organization's overdue figure counts both officials' overdue dossiers.
    org_overdue = page.locator('a[data-figure="overdue_now"]').first
    expect()(org_overdue).to_have_text("2")
    shot(page, "41-compliance-organization")

    page.locator("table.officials").get_by_role("link", name="Nguyễn Văn An").click()
    expect()(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Văn An")
    shot(page, "42-compliance-official")

    page.locator('a[data-figure="overdue_now"]').click()
    expect()(page.get_by_role("heading", level=1)).to_have_text("Quá hạn nộp lưu: 1")
    assert _listed(page) == {records.overdue.pk}
    expect()(page.get_by_role("link", name=records.overdue.title)).to_be_visible()
    shot(page, "43-compliance-overdue-dossiers")

    # Back on the organization, the same figure lists exactly both overdue dossiers.
    page.go_back()
    page.go_back()
    page.locator('a[data-figure="overdue_now"]').first.click()
    expect()(page.get_by_role("heading", level=1)).to_have_text("Quá hạn nộp lưu: 2")
    assert _listed(page) == {records.overdue.pk, records.other_overdue.pk}
    assert foreign_requests(page, live_server) == []


def test_an_official_cannot_open_the_dashboard_and_is_told_why(page, live_server, records):
    login(page, live_server, "canbo")
    page.goto(f"{live_server.url}/tuan-thu/")
    expect()(page.get_by_role("alert")).to_contain_text("chỉ xem được số liệu của chính mình")
    page.get_by_role("link", name="số liệu của chính bạn").click()
    expect()(page.get_by_role("heading", level=1)).to_have_text("Số liệu của tôi: Nguyễn Văn An")
