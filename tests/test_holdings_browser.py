"""Browser journey of issue 13 ("Done when", paper holdings): the archivist
imports a paper catalogue of 2,000 dossiers with boxes and shelf locations
(preview, check, import), prints the box labels (PDF with QR codes); a reader
searches without diacritics, finds a paper dossier and sees where it is shelved.

Run alone with ``.venv/bin/pytest tests/test_holdings_browser.py``.
"""

from __future__ import annotations

import re

import pytest
from browser import foreign_requests, login, logout, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Hồ sơ về việc xây dựng Nhà văn hóa thôn Đồng Tâm năm 1998"


@pytest.fixture
def world(transactional_db):
    from luutru.testing import build_world

    return build_world()


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


def test_archivist_imports_a_catalogue_prints_labels_and_a_reader_finds_the_shelf(
    page, live_server, world, tmp_path
):
    import pypdfium2

    from luutru.holdings import sample
    from luutru.holdings.models import Box, PaperDossier
    from luutru.search.services import refresh_index

    data = sample.rows(2000, per_box=20)
    data[1233][4] = TITLE
    path = tmp_path / "muc-luc-ho-so.xlsx"
    path.write_bytes(sample.xlsx(data))

    login(page, live_server, "luutru")
    page.get_by_role("link", name="Kho lưu trữ").first.click()
    page.get_by_role("link", name="nhập mục lục hồ sơ từ tệp Excel hoặc Word").click()
    page.locator('input[name="tep"]').set_input_files(str(path))
    page.locator('select[name="phong"]').select_option(str(world.office.fonds.pk))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    expect()(page.get_by_text("2000 dòng dưới dòng tiêu đề cột")).to_be_visible()
    shot(page, "holdings-import-preview")
    page.get_by_role("button", name="Kiểm tra (chưa ghi gì)").click()
    expect()(page.locator("#dry-run")).to_contain_text("sẽ thêm 2000 hồ sơ")
    assert not PaperDossier.objects.exists()
    page.get_by_role("button", name="Nhập", exact=True).click()
    expect()(page.get_by_text("Đã nhập mục lục: thêm 2000 hồ sơ")).to_be_visible()
    assert PaperDossier.objects.count() == 2000 and Box.objects.count() == 100

    page.get_by_role("link", name="Mục lục số 1").click()
    expect()(page.locator("#boxes tbody tr")).to_have_count(100)
    shot(page, "holdings-inventory")
    href = page.locator("#print-labels").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.headers["content-type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.body())
    text = pdf[0].get_textpage().get_text_range()
    assert "HỘP SỐ" in text and "/kho-luu-tru/hop/" in text
    assert len(pdf) >= 100 // 6  # six labels a page at most, 100 boxes

    # Kho và giá: the shelf a box stands on, with what it holds and what is free.
    from luutru.holdings.models import Location

    page.get_by_role("link", name="Kho lưu trữ").first.click()
    page.get_by_role("link", name="kho và giá").click()
    tier = Box.objects.filter(location__isnull=False).first().location
    standing = Box.objects.filter(location=tier).count()
    page.locator('select[name="vi_tri"]').select_option(str(tier.pk))
    page.locator('input[name="suc_chua_hop"]').fill(str(standing + 3))
    page.get_by_role("button", name="Ghi sức chứa").click()
    expect()(page.get_by_text(f"Đã ghi sức chứa của {tier.label}.")).to_be_visible()
    expect()(page.locator("#repository")).to_contain_text("3 hộp")
    assert Location.objects.get(pk=tier.pk).capacity_boxes == standing + 3
    shot(page, "holdings-repository")
    logout(page)

    refresh_index()  # what the worker does with what the import enqueued
    login(page, live_server, "docgia")
    page.get_by_role("link", name="Kho lưu trữ").first.click()
    page.locator("#holdings-q").fill("nha van hoa thon dong tam")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name=re.compile("Nhà văn hóa thôn Đồng Tâm")).first.click()
    expect()(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    d = PaperDossier.objects.get(number=1234)
    expect()(page.locator("#shelf")).to_have_text(d.box.location.label)
    expect()(page.locator("#shelved")).to_contain_text("Trên giá")
    shot(page, "holdings-dossier")
    assert foreign_requests(page, live_server) == []
