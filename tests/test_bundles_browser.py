"""Issue 11, "Done when": a clerk imports a bundle, opens the proposals, moves
one document, merges two groups, accepts; the dossiers exist under their plan
items with the documents in order and the gaps noted; the loose count on the
compliance page falls by the number filed.

The capture worker runs in this test's thread between the page's polls (the
live server's SQLite test database is not reachable from a subprocess), as in
``tests/test_capture_browser.py``. Run alone with
``.venv/bin/pytest tests/test_bundles_browser.py``.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from browser import foreign_requests, login, run_one_task, server_quiet, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OFFICE = "VĂN PHÒNG TỈNH ỦY THỬ NGHIỆM"


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


@pytest.fixture
def world(transactional_db):
    from luutru.filing.tests.conftest import build_plan
    from luutru.testing import build_world

    w = build_world()
    w.plan = build_plan(w, 2025, issue=True)
    w.items = list(w.plan.items.order_by("order"))
    return w


def _pdf(number: str, notation: str, day: dt.date, type_name: str, subject: str, body: list[str]):
    from luutru.demo.pdf import PartyDocument, render

    data, _ = render(
        PartyDocument(
            superior="TỈNH ỦY THỬ NGHIỆM",
            issuer="VĂN PHÒNG",
            number=number,
            notation=notation,
            place="Hạ Long",
            day=day,
            type_name=type_name,
            subject=subject,
            body=body,
            signer_authority="T/L BAN THƯỜNG VỤ",
            signer_position="CHÁNH VĂN PHÒNG",
            signer_name="Hoàng Văn Em",
        )
    )
    return data


def make_bundle(folder: Path) -> dict[str, str]:
    """Five documents of the office in 2025: a plan and its report (which cites a
    directive not in the bundle), a letter and its reply, and a notice that fits
    neither. Returns file name → number/symbol."""
    folder.mkdir(parents=True)
    files = {
        "kh-5.pdf": (
            "5",
            "KH/VPTU",
            dt.date(2025, 2, 10),
            "Kế hoạch",
            "công tác năm 2025 của Văn phòng Tỉnh ủy",
            ["Văn phòng Tỉnh ủy xây dựng kế hoạch công tác năm 2025 như sau."],
        ),
        "bc-9.pdf": (
            "9",
            "BC/VPTU",
            dt.date(2025, 6, 30),
            "Báo cáo",
            "sơ kết 6 tháng đầu năm 2025 thực hiện kế hoạch công tác của Văn phòng Tỉnh ủy",
            [
                "Căn cứ Chỉ thị số 35-CT/TW, ngày 30/5/2019 của Bộ Chính trị;",
                "Thực hiện Kế hoạch số 5-KH/VPTU, ngày 10/02/2025 của Văn phòng Tỉnh ủy",
                "về công tác năm 2025, Văn phòng Tỉnh ủy báo cáo kết quả 6 tháng đầu năm.",
            ],
        ),
        "cv-14.pdf": (
            "14",
            "CV/VPTU",
            dt.date(2025, 3, 3),
            "",
            "V/v nộp lưu hồ sơ, tài liệu vào lưu trữ cơ quan năm 2025",
            ["Đề nghị các phòng nộp lưu hồ sơ, tài liệu năm 2023 vào lưu trữ cơ quan."],
        ),
        "cv-15.pdf": (
            "15",
            "CV/VPTU",
            dt.date(2025, 3, 20),
            "",
            "V/v trả lời về việc nộp lưu hồ sơ, tài liệu vào lưu trữ cơ quan",
            [
                "Phúc đáp Công văn số 14-CV/VPTU, ngày 03/3/2025 của Văn phòng Tỉnh ủy",
                "về việc nộp lưu hồ sơ, tài liệu, phòng Tổng hợp báo cáo như sau.",
            ],
        ),
        "tb-3.pdf": (
            "3",
            "TB/VPTU",
            dt.date(2025, 4, 1),
            "Thông báo",
            "lịch trực cơ quan dịp nghỉ lễ 30/4 và 01/5",
            ["Văn phòng Tỉnh ủy thông báo lịch trực cơ quan dịp nghỉ lễ."],
        ),
    }
    out = {}
    for name, (number, notation, day, type_name, subject, body) in files.items():
        (folder / name).write_bytes(_pdf(number, notation, day, type_name, subject, body))
        out[name] = f"{number}-{notation}"
    return out


def run_worker_until_done(batch_url: str, page, live_server, timeout_s: float = 180) -> None:
    """Run the task worker here until the batch has ended. The page meanwhile
    shows a page that does not poll: the live server's SQLite test database is
    one shared in-memory connection, and a poll reading it while the worker
    registers a document would find its tables locked."""
    from luutru.capture.models import ImportBatch

    page.goto(f"{live_server.url}/gom-ho-so/")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not ImportBatch.objects.filter(finished_at__isnull=True).exists():
            break
        run_one_task(live_server)
    page.goto(batch_url)


def _loose_on_compliance_page(page, live_server, org) -> int:
    from luutru.compliance.refresh import refresh_facts

    with server_quiet(live_server):
        refresh_facts()
    page.goto(f"{live_server.url}/tuan-thu/danh-sach/loose_documents/?to-chuc={org.pk}&nam=tat-ca")
    heading = page.get_by_role("heading", level=1).inner_text()
    m = re.search(r"Văn bản chưa vào hồ sơ: (\d+)", heading)
    assert m, heading
    return int(m.group(1))


def _group_of(page, doc_id: int):
    return page.locator(".bundle-group", has=page.locator(f'li[data-document="{doc_id}"]'))


def _second_page(browser):
    from browser import TIMEOUT_MS

    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(3 * TIMEOUT_MS)
    return context, context.new_page()


def test_a_clerk_turns_an_imported_bundle_into_dossiers(
    page, browser, live_server, world, tmp_path
):
    from luutru.filing.models import Dossier
    from luutru.registry.models import Document

    folder = tmp_path / "bo-van-phong-2025"
    symbols = make_bundle(folder)
    page.set_default_timeout(45_000)  # a loaded machine draws the first pages slowly

    login(page, live_server, "vanthu")
    page.goto(f"{live_server.url}/nhap-tai-lieu/")
    page.locator("#folder").set_input_files(str(folder))
    page.get_by_role("button", name="Nhập tài liệu").click()
    expect()(page).to_have_url(re.compile(r"/nhap-tai-lieu/dot/\d+/"))
    run_worker_until_done(page.url, page, live_server)
    expect()(page.locator(".capture-summary")).to_contain_text("Đợt nhập đã xong")
    expect()(page.locator('tr[data-state="done"]')).to_have_count(5)
    page.get_by_role("link", name="Gom hồ sơ").first.click()
    expect()(page.get_by_role("heading", level=1)).to_have_text("Gom văn bản thành hồ sơ")
    docs = {d.code_number + "-" + d.code_notation: d for d in Document.objects.all()}
    assert set(docs) == set(symbols.values()), docs
    kh, bc, cv, reply, tb = (
        docs[s] for s in ("5-KH/VPTU", "9-BC/VPTU", "14-CV/VPTU", "15-CV/VPTU", "3-TB/VPTU")
    )
    # The head follows the compliance figures in a browser of their own.
    head_context, head = _second_page(browser)
    login(head, live_server, "lanhdao")
    loose_before = _loose_on_compliance_page(head, live_server, world.office)
    assert loose_before >= 5

    # The clerk opens the proposals of the bundle.
    page.locator("table.bundle-batches tbody tr").first.get_by_role(
        "button", name="Gom thành hồ sơ"
    ).click()
    expect()(page.locator(".bundle-summary")).to_be_visible()
    shot(page, "bundles-01-proposals")
    # The plan and its report are one matter, with the absent directive as a gap.
    report = _group_of(page, kh.pk)
    expect()(report.locator(f'li[data-document="{bc.pk}"]')).to_have_count(1)
    expect()(report.locator(".bundle-gaps")).to_contain_text("35-CT/TW")
    # The letter and its reply are one matter; the notice fits neither.
    expect()(_group_of(page, cv.pk).locator(f'li[data-document="{reply.pk}"]')).to_have_count(1)
    expect()(_group_of(page, tb.pk).locator(f'li[data-document="{kh.pk}"]')).to_have_count(0)
    expect()(_group_of(page, tb.pk).locator(f'li[data-document="{cv.pk}"]')).to_have_count(0)

    # Move the reply out into a group of its own ...
    reply_row = page.locator(f'li[data-document="{reply.pk}"]')
    reply_row.locator("select[name=to]").select_option("new")
    reply_row.get_by_role("button", name="Chuyển").click()
    expect()(page.get_by_role("status").first).to_contain_text("Đã chuyển văn bản")
    expect()(_group_of(page, cv.pk).locator(f'li[data-document="{reply.pk}"]')).to_have_count(0)
    # ... then merge it back with the letter it answers.
    _group_of(page, cv.pk).locator('input[name="groups"]').check()
    _group_of(page, reply.pk).locator('input[name="groups"]').check()
    page.get_by_role("button", name="Gộp các nhóm đã đánh dấu").click()
    expect()(page.get_by_role("status").first).to_contain_text("Đã gộp")
    letters = _group_of(page, cv.pk)
    expect()(letters.locator("li[data-document]")).to_have_count(2)
    shot(page, "bundles-02-merged")

    # Pick the plan items and accept both groups.
    for doc, item in ((kh, world.items[0]), (cv, world.items[1])):
        group = _group_of(page, doc.pk)
        group.locator("summary", has_text="Sửa tiêu đề").click()
        group.locator('select[name="plan_item"]').select_option(str(item.pk))
        group.get_by_role("button", name="Lưu").click()
        expect()(page.get_by_role("status").first).to_contain_text("Đã lưu")
        _group_of(page, doc.pk).get_by_role("button", name="Chấp nhận, lập hồ sơ").click()
        expect()(page.get_by_role("status").first).to_contain_text("Đã lập hồ sơ")
    expect()(page.locator(".bundle-group.accepted")).to_have_count(2)
    shot(page, "bundles-03-accepted")

    plan_dossier = Dossier.objects.get(plan_item=world.items[0])
    letters_dossier = Dossier.objects.get(plan_item=world.items[1])

    def order(d):
        return list(
            d.items.filter(removed_at__isnull=True)
            .order_by("position")
            .values_list("document_id", flat=True)
        )

    assert order(plan_dossier) == [kh.pk, bc.pk]
    assert order(letters_dossier) == [cv.pk, reply.pk]
    assert "35-CT/TW" in plan_dossier.description
    # The clerk follows the link to the dossier opened under its plan item.
    _group_of(page, kh.pk).get_by_role("link", name=re.compile(plan_dossier.file_notation)).click()
    expect()(page.get_by_role("heading", level=1)).to_contain_text(plan_dossier.title)

    assert _loose_on_compliance_page(head, live_server, world.office) == loose_before - 4
    head_context.close()
    assert foreign_requests(page, live_server) == []
