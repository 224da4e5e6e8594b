"""The Content-Security-Policy (issue 8 item 11) on a real Chromium: the pages
that run script — HTMX swaps, the upload page's own script — work under the
policy, and the browser reports no violation. Logins go through the real form
with django-axes switched on, as in production.

Run alone with ``.venv/bin/pytest tests/test_csp_browser.py``.
"""

from __future__ import annotations

import re

import pytest
from browser import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def world(transactional_db, settings):
    from luutru.testing import build_world

    settings.AXES_ENABLED = True
    return build_world()


def _violations(page) -> list[str]:
    messages: list[str] = []
    page.on(
        "console",
        lambda m: (
            messages.append(m.text)
            if "Content Security Policy" in m.text or "Refused to" in m.text
            else None
        ),
    )
    return messages


def _missing(page) -> list[str]:
    """What a page asked for and did not get (a stylesheet, a script, the tab's icon)."""
    missing: list[str] = []
    page.on(
        "console",
        lambda m: missing.append(m.text) if "Failed to load resource" in m.text else None,
    )
    return missing


def test_htmx_and_the_upload_script_work_under_the_policy(page, live_server, world):
    from playwright.sync_api import expect

    violations = _violations(page)
    missing = _missing(page)
    login(page, live_server, "vanthu")  # a clerk: uploads documents

    # HTMX: opening a body in the organization tree fetches its children.
    page.goto(f"{live_server.url}/to-chuc/")
    response = page.request.get(f"{live_server.url}/to-chuc/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    with page.expect_response(re.compile(r"/to-chuc/\d+/con/")):
        page.locator("details summary").first.click()

    # The upload page's script (a static file now): choosing files is counted.
    page.goto(f"{live_server.url}/nhap-tai-lieu/")
    page.locator("#files").set_input_files(
        [{"name": "a.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    expect(page.locator("#chosen")).to_contain_text("Đã chọn 1 tệp")

    # The password page is linked from every page.
    page.get_by_role("link", name="Đổi mật khẩu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đổi mật khẩu")
    assert violations == [], violations
    # Nothing a page asks for is missing: not even the icon of the browser's tab.
    assert missing == [], missing
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    assert page.request.get(f"{live_server.url}{icon}").ok
