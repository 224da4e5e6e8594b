"""Browser journey of issue 13 item 6 (digitization of paper dossiers): the
archivist opens a scanning batch for a box, uploads a scanned file of a paper
dossier, the worker reads it (real Tesseract), and the dossier's quality check
shows the blank page and the missing sheet; closing the batch puts the box back
on its shelf.

Run alone with ``.venv/bin/pytest tests/test_digitization_browser.py``.
"""

from __future__ import annotations

import pytest
from browser import foreign_requests, login, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = (
    "Báo cáo tổng kết công tác xây dựng Đảng năm 1998.\n"
    "Ban Thường vụ đã lãnh đạo xây dựng nhà văn hóa thôn Đồng Tâm."
)


@pytest.fixture
def world(transactional_db):
    from luutru.holdings import importer
    from luutru.holdings import sample as catalogue
    from luutru.testing import build_world

    w = build_world()
    data = catalogue.rows(6, per_box=3)
    data[0][6] = 2  # dossier 1: two sheets
    rows = importer.read_table(catalogue.xlsx(data), "m.xlsx")
    pv = importer.preview(rows)
    importer.apply(w.archivist, b"x", rows, pv, pv.mapping, w.office.fonds, None)
    return w


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


def test_archivist_scans_a_box_and_sees_the_quality_check(page, live_server, world, tmp_path):
    from luutru.capture import ocr
    from luutru.digitization import processing, sample
    from luutru.digitization.models import Scan
    from luutru.holdings.models import Box, PaperDossier, Place

    path = tmp_path / "hs001.tif"
    path.write_bytes(sample.tiff([sample.page(TEXT), sample.page("", blank=True)]))
    d = PaperDossier.objects.get(number=1)

    login(page, live_server, "luutru")
    page.get_by_role("link", name="Kho lưu trữ").first.click()
    page.get_by_role("link", name="Số hóa hồ sơ giấy").click()
    page.locator('#start-batch input[name="hop"]').fill("1")
    page.get_by_role("button", name="Mở lô quét").click()
    expect()(page.get_by_text("Đã mở lô quét số")).to_be_visible()
    assert Box.objects.get(inventory__number=1, number=1).place == Place.DIGITIZATION

    page.locator('select[name="ho_so"]').select_option(str(d.pk))
    page.locator('input[name="tep"]').set_input_files(str(path))
    page.get_by_role("button", name="Tải lên").click()
    expect()(page.get_by_text("Đã nhận 1 tệp")).to_be_visible()
    scan = Scan.objects.get(dossier=d)
    # What the worker does with the task the upload queued (real OCR where installed).
    known = None if ocr.available() else [TEXT, ""]
    processing.process_scan(scan.pk, known_text=known)

    page.get_by_role("link", name=d.title).click()
    problems = page.locator("#quality-problems")
    expect()(problems).to_contain_text("Thiếu trang: quét được 1 trang có chữ, mục lục ghi 2 tờ")
    expect()(problems).to_contain_text("trang 2: trang trắng")
    expect()(page.locator(".scan-pages tbody tr")).to_have_count(2)
    expect()(page.locator(".scan-pages img").first).to_be_visible()
    assert page.locator(".scan-pages img").first.evaluate("i => i.naturalWidth") > 0
    expect()(page.locator(".scan-pages")).to_contain_text("Đồng")
    shot(page, "digitization-check")
    page.get_by_role("button", name="Xác nhận").click()
    expect()(page.get_by_text("ghi lý do chấp nhận")).to_be_visible()

    page.get_by_role("link", name="← Hồ sơ giấy số 1").click()
    page.locator("#digitized-link").click()
    page.go_back()
    page.goto(f"{live_server.url}/so-hoa/")
    page.get_by_role("link", name=f"Lô số {scan.batch_id}", exact=True).click()
    page.get_by_role("button", name="Đóng lô quét").click()
    expect()(page.get_by_text("Đã đóng lô quét")).to_be_visible()
    assert Box.objects.get(inventory__number=1, number=1).place == Place.SHELF
    assert foreign_requests(page, live_server) == []
