"""Issue 3, "Done when": a bundle folder of mixed PDFs, DOCX and scans imported
through the browser shows progress, ends with every file in a visible state, and
the documents are found by search with and without diacritics.

The background worker runs in this test's thread, between the page's polls (the live server's test
database is not reachable from a subprocess); OCR is real (OCRmyPDF + Tesseract).
"""

from __future__ import annotations

import re
import time

import pytest
from browser import foreign_requests, login, run_one_task, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def world(transactional_db):
    from luutru.testing import build_world

    return build_world()


def run_worker_while(page, live_server, running, timeout_s: float = 120) -> None:
    """Run the database task worker (both queues) here, one task at a time,
    while the page polls. In this thread: the live server's SQLite test database
    lives in shared-cache memory, where a second thread's connection would
    lock its tables (and a subprocess cannot reach it); each task runs while the
    server answers no request (``server_quiet``), since the server's threads
    share this thread's connection."""
    deadline = time.monotonic() + timeout_s
    while running() and time.monotonic() < deadline:
        run_one_task(live_server)
        page.wait_for_timeout(400)  # HTMX polls the batch meanwhile


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


def _bundle(folder):
    from luutru.capture.tests.files import make_party_letter, scan_of
    from luutru.registry.tests.files import make_docx, make_pdf

    office = "VĂN PHÒNG TỈNH ỦY"
    (folder / "nghi-quyet").mkdir(parents=True)
    (folder / "quet").mkdir()
    (folder / "nghi-quyet" / "nq-31.pdf").write_bytes(
        make_party_letter(
            issuer=office, number="31-NQ/TU", subject="về đại hội đảng bộ các cấp nhiệm kỳ mới"
        )
    )
    (folder / "nghi-quyet" / "nq-32.pdf").write_bytes(
        make_party_letter(issuer=office, number="32-NQ/TU", subject="về chỉnh lý tài liệu tồn đọng")
    )
    (folder / "cong-van-8.docx").write_bytes(
        make_docx(
            [
                "VĂN PHÒNG TỈNH ỦY",
                "Số 8-CV/VPTU",
                "Hạ Long, ngày 12 tháng 03 năm 2025",
                "CÔNG VĂN",
                "về việc nộp lưu hồ sơ năm 2024",
                "Kính gửi: các phòng, đơn vị thuộc Văn phòng Tỉnh ủy",
            ]
        )
    )
    scan = make_party_letter(
        issuer=office, number="33-NQ/TU", subject="về phòng chống thiên tai bão lũ"
    )
    (folder / "quet" / "nq-33.png").write_bytes(scan_of(scan, rotate=180))
    (folder / "quet" / "hong.pdf").write_bytes(b"%PDF-1.7 hong mat mot nua")
    # No header at all: it waits for a person on the review screen.
    (folder / "bien-ban.pdf").write_bytes(
        make_pdf(["Biên bản kiểm kê tài liệu tồn đọng", "Thành phần: tổ chỉnh lý"])
    )
    return 6


def test_bundle_folder_through_the_browser_ends_visible_and_searchable(
    page, live_server, world, tmp_path
):
    from luutru.capture import ocr

    if not ocr.available():
        pytest.skip("Tesseract (vie) not installed")
    folder = tmp_path / "bo-ho-so-2025"
    count = _bundle(folder)

    login(page, live_server, "vanthu")
    page.goto(f"{live_server.url}/nhap-tai-lieu/")
    expect()(page.get_by_role("heading", level=1)).to_have_text("Nhập tài liệu")
    page.locator("#folder").set_input_files(str(folder))
    expect()(page.locator("#chosen")).to_contain_text(f"Đã chọn {count} tệp")
    shot(page, "capture-01-chosen")
    page.get_by_role("button", name="Nhập tài liệu").click()

    expect()(page).to_have_url(re.compile(r"/nhap-tai-lieu/dot/\d+/"))
    batch_url = page.url
    progress = page.locator("#progress")
    expect()(progress.locator("progress")).to_be_visible()
    shot(page, "capture-02-progress")
    # HTMX polls the batch until it ends (OCR of the scan takes a few seconds).
    summary = page.locator(".capture-summary")
    run_worker_while(page, live_server, lambda: "đã xong" not in summary.inner_text())
    expect()(page.locator(".capture-summary")).to_contain_text("Đợt nhập đã xong", timeout=30_000)
    expect()(page.locator("#progress")).not_to_have_attribute("hx-trigger", re.compile("."))
    rows = page.locator("table.capture-items tbody tr")
    expect()(rows).to_have_count(count)
    states = [rows.nth(i).get_attribute("data-state") for i in range(count)]
    assert all(s in ("done", "review", "duplicate", "failed") for s in states), states
    # Each file keeps its place in the folder.
    expect()(page.locator("tr", has_text="bo-ho-so-2025/nghi-quyet/nq-31.pdf")).to_have_count(1)
    broken = page.locator("tr", has_text="hong.pdf")
    expect()(broken).to_contain_text("Không nhận được")
    expect()(broken).to_contain_text("bị hỏng")
    scan_row = page.locator("tr", has_text="nq-33.png")
    expect()(scan_row.locator(".badge")).to_have_text(re.compile("Xong|Cần xem lại"))
    shot(page, "capture-03-ended")

    for query, subject in (
        ("dai hoi dang bo", "đại hội đảng bộ các cấp"),
        ("đại hội đảng bộ", "đại hội đảng bộ các cấp"),
        ("chinh ly tai lieu ton dong", "chỉnh lý tài liệu tồn đọng"),
        ("phong chong thien tai", "phòng chống thiên tai"),
        ("nộp lưu hồ sơ", "nộp lưu hồ sơ"),
    ):
        page.goto(f"{live_server.url}/tim-kiem/?q={query}")
        hits = page.locator(".search-hit")
        expect()(hits.first).to_be_visible()
        expect()(page.locator(".search-hits")).to_contain_text(
            re.compile(re.escape(subject), re.IGNORECASE)
        )
    shot(page, "capture-04-search")

    # The file without a header: page image beside the form, confirm in one pass.
    page.goto(batch_url)
    page.locator("tr", has_text="bien-ban.pdf").get_by_role(
        "link", name="Xem lại và xác nhận"
    ).click()
    image = page.get_by_role("img", name=re.compile("Ảnh trang 1"))
    expect()(image).to_be_visible()
    # The PNG is drawn on request: wait for it to arrive (a broken image never gets a width).
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 100", arg=image.element_handle()
    )
    expect()(page.locator("label.low-confidence").first).to_be_visible()
    shot(page, "capture-05-review")
    page.get_by_label("Tên loại văn bản").select_option(label="Biên bản (BB)")
    page.get_by_label("Ngày tháng văn bản").fill("20/03/2025")
    page.get_by_label("Trích yếu nội dung").fill("Biên bản kiểm kê tài liệu tồn đọng")
    page.get_by_role("button", name="Xác nhận").click()
    expect()(page.get_by_role("status").first).to_contain_text("Đã xác nhận")
    expect()(page.locator("tr", has_text="bien-ban.pdf").locator(".badge")).to_have_text("Xong")
    page.goto(f"{live_server.url}/tim-kiem/?q=bien ban kiem ke")
    expect()(page.locator(".search-hits")).to_contain_text("kiểm kê tài liệu tồn đọng")
    assert foreign_requests(page, live_server) == []


def test_old_font_documents_and_searchable_scans_through_the_browser(
    page, live_server, world, tmp_path
):
    """A clerk brings in what old archives hold: a Word file typed with .VnTime
    (TCVN3) and a scan another program made searchable. The batch page says what
    each was; the TCVN3 file is found by its Unicode words."""
    import io

    import docx

    from luutru.capture import ocr
    from luutru.capture.tests.files import make_party_letter, scan_of

    if not ocr.available():
        pytest.skip("Tesseract (vie) not installed")
    folder = tmp_path / "tai-lieu-cu"
    folder.mkdir()
    d = docx.Document()
    for text, font in (
        ("tØnh ñy qu¶ng ninh", ".VnTimeH"),
        ("Sè 127-Q§/TU", ".VnTime"),
        ("H¹ Long, ngµy 04 th¸ng 02 n¨m 2025", ".VnTime"),
        ("quyÕt ®Þnh", ".VnTimeH"),
        ("vÒ viÖc chØnh lý tµi liÖu tån ®äng cña c¸c c¬ quan", ".VnTime"),
    ):
        d.add_paragraph().add_run(text).font.name = font
    buf = io.BytesIO()
    d.save(buf)
    (folder / "qd127-vntime.docx").write_bytes(buf.getvalue())
    searchable = ocr.run_ocr(scan_of(make_party_letter(number="31-NQ/TU")), "png").pdf
    (folder / "nq31-quet-co-chu.pdf").write_bytes(searchable)

    login(page, live_server, "vanthu")
    page.goto(f"{live_server.url}/nhap-tai-lieu/")
    page.locator("#folder").set_input_files(str(folder))
    expect()(page.locator("#chosen")).to_contain_text("Đã chọn 2 tệp")
    page.get_by_role("button", name="Nhập tài liệu").click()
    expect()(page).to_have_url(re.compile(r"/nhap-tai-lieu/dot/\d+/"))
    summary = page.locator(".capture-summary")
    run_worker_while(page, live_server, lambda: "đã xong" not in summary.inner_text())
    expect()(summary).to_contain_text("Đợt nhập đã xong", timeout=30_000)
    old = page.locator("tr", has_text="qd127-vntime.docx")
    expect()(old).to_contain_text("không phải Unicode")
    scanned = page.locator("tr", has_text="nq31-quet-co-chu.pdf")
    expect()(scanned).to_contain_text("phần mềm khác nhận dạng")
    expect()(scanned.locator(".badge")).to_have_text("Cần xem lại")
    shot(page, "capture-06-old-fonts")
    page.goto(f"{live_server.url}/tim-kiem/?q=chỉnh lý tài liệu tồn đọng")
    expect()(page.locator(".search-hits")).to_contain_text("chỉnh lý tài liệu tồn đọng")
    assert foreign_requests(page, live_server) == []
