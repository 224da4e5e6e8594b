"""Digitization of paper dossiers (issue 13, item 6): a scanning batch takes a
box to the desk, scans are stored and read by the worker (capture's OCR, real
Tesseract), each dossier gets a quality check measured on the real images,
progress is counted per fonds, and a digitized dossier's text is searchable
under the paper dossier's own access policy."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from luutru.audit.models import Event
from luutru.capture import ocr
from luutru.core.errors import RuleViolation
from luutru.digitization import pages, processing, quality, queries, sample, services
from luutru.digitization.models import Batch, Digitized, Page, Scan, ScanState
from luutru.holdings import importer
from luutru.holdings import sample as catalogue
from luutru.holdings import services as holdings
from luutru.holdings.models import Box, BoxMovement, PaperDossier, Place
from luutru.search.services import refresh_index

TEXT = (
    "Báo cáo tổng kết công tác xây dựng Đảng năm 1998.\n"
    "Ban Thường vụ đã lãnh đạo xây dựng nhà văn hóa thôn Đồng Tâm, "
    "phát triển kinh tế và củng cố tổ chức cơ sở đảng."
)
SECRET_WORD = "Quyếtchiến"  # one word found only on the secret dossier's page


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def paper(world):
    """Six paper dossiers, three a box; no. 2 secret; no. 1 recorded with 2 sheets."""
    data = catalogue.rows(6, per_box=3)
    data[0][6] = 2
    data[1][4] = "Hồ sơ mật về công tác bảo vệ chính trị nội bộ"
    data[1][8] = "Mật"
    rows = importer.read_table(catalogue.xlsx(data), "m.xlsx")
    pv = importer.preview(rows)
    importer.apply(world.archivist, b"x", rows, pv, pv.mapping, world.office.fonds, None)
    world.box = Box.objects.get(inventory__number=1, number=1)
    world.d1 = PaperDossier.objects.get(number=1)
    world.secret = PaperDossier.objects.get(number=2)
    return world


def test_measures_on_real_images_find_blank_and_skewed_pages():
    upright, blank = sample.page(TEXT * 3), sample.page("", blank=True)
    assert pages.ink_ratio(upright) > quality.BLANK_INK > pages.ink_ratio(blank)
    assert abs(pages.skew_angle(upright)) <= 0.2
    assert abs(pages.skew_angle(sample.page(TEXT * 3, skew=3)) - 3) <= 0.4
    assert abs(pages.skew_angle(sample.page(TEXT * 3, skew=-2)) + 2) <= 0.4
    assert pages.kind_of(sample.tiff([upright, blank])) == "tiff"
    assert pages.count_pages(sample.tiff([upright, blank]), "tiff") == 2
    assert pages.kind_of(b"PK\x03\x04 not a scan") is None


@pytest.mark.skipif(not ocr.available(), reason="Tesseract (vie) is not installed")
def test_a_box_is_scanned_read_checked_confirmed_and_found_by_its_text(
    paper, django_capture_on_commit_callbacks
):
    w = paper
    batch = services.start_batch(w.archivist, w.box.inventory, w.box, "Lô thử")
    w.box.refresh_from_db()
    assert w.box.place == Place.DIGITIZATION
    assert BoxMovement.objects.filter(box=w.box, place=Place.DIGITIZATION).count() == 1

    # One TIFF of three pages: text, the blank back of sheet 1, a skewed page 3.
    images = [sample.page(TEXT), sample.page("", blank=True), sample.page(TEXT, skew=3)]
    with django_capture_on_commit_callbacks(execute=True):
        scan = services.add_scan(w.archivist, batch, w.d1, "hs001.tif", sample.tiff(images))
    assert scan.state == ScanState.QUEUED and scan.blob.mime == "image/tiff"
    assert DBTaskResult.objects.filter(
        task_path="luutru.digitization.tasks.read_scan", status="READY", queue_name="ocr"
    ).exists()
    assert quality.check(w.d1).waiting == 1

    # A lost task (a stopped queue) is queued again from the batch page.
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        r = _client(w.archivist).post(
            reverse("digitization:batch", args=[batch.pk]), {"viec": "xep_lai"}, follow=True
        )
    assert "Đã đưa lại 1 tệp" in r.content.decode()
    assert DBTaskResult.objects.get().args_kwargs["args"] == [scan.pk]

    assert processing.process_scan(scan.pk) == ScanState.DONE  # what the worker does
    assert processing.process_scan(scan.pk) == ScanState.DONE  # again: nothing doubled
    got = list(Page.objects.filter(scan=scan).order_by("number"))
    assert len(got) == 3
    assert "nhà văn hóa thôn Đồng" in got[0].text and got[1].text == ""
    assert abs(got[2].skew - 3) <= 0.5 and got[0].dpi == 200
    scan.refresh_from_db()
    assert scan.ocr_pdf is not None and scan.ocr_pdf.mime == "application/pdf"

    check = quality.check(w.d1)
    assert (check.pages, check.with_ink, check.count_problem) == (3, 2, "")
    assert [f.page.number for f in check.flags] == [2, 3]
    assert "trang trắng" in check.problems[0] and "nghiêng" in check.problems[1]

    with pytest.raises(RuleViolation, match="ghi lý do"):
        services.confirm(w.archivist, w.d1)
    assert not Digitized.objects.exists()
    services.confirm(w.archivist, w.d1, "Trang 2 là mặt sau để trắng; trang 3 đọc được")
    [row] = [r for r in queries.progress(w.archivist) if r["fonds"] == w.office.fonds]
    assert (row["total"], row["digitized"], row["in_progress"], row["pages"]) == (6, 1, 0, 3)

    refresh_index()
    reader = _client(w.reader)
    found = reader.get("/tim-kiem/", {"q": "nha van hoa thon dong tam"}).content.decode()
    assert reverse("holdings:dossier", args=[w.d1.pk]) in found
    page = reader.get(reverse("digitization:dossier", args=[w.d1.pk])).content.decode()
    assert "Đã xác nhận xong" in page and "trang trắng" in page

    services.close_batch(w.archivist, batch)
    w.box.refresh_from_db()
    assert w.box.place == Place.SHELF
    assert Event.objects.filter(action__startswith="digitization.").count() == 4


def test_bad_input_is_refused_in_vietnamese_and_changes_nothing(paper):
    w = paper
    with pytest.raises(RuleViolation, match="Chỉ lưu trữ viên"):
        services.start_batch(w.reader, w.box.inventory, w.box)
    lent = Box.objects.get(inventory__number=1, number=2)
    holdings.move_box(w.archivist, lent, Place.LOAN, timezone.localdate())
    with pytest.raises(RuleViolation, match="đang cho mượn"):
        services.start_batch(w.archivist, lent.inventory, lent)
    batch = services.start_batch(w.archivist, w.box.inventory, w.box)
    with pytest.raises(RuleViolation, match="đã có lô quét đang mở"):
        services.start_batch(w.archivist, w.box.inventory, w.box)
    other_box = PaperDossier.objects.get(number=4)
    good = sample.jpeg(sample.page(TEXT))
    for name, data, refusal in [
        ("a.txt", "Không phải ảnh".encode(), "Chỉ nhận ảnh quét"),
        ("b.png", b"", "Tệp rỗng"),
        ("c.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "Không đọc được ảnh"),
        ("d.pdf", b"%PDF-1.4 broken", "Không mở được tệp PDF"),
    ]:
        with pytest.raises(RuleViolation, match=refusal):
            services.add_scan(w.archivist, batch, w.d1, name, data)
    with pytest.raises(RuleViolation, match="không thuộc hộp"):
        services.add_scan(w.archivist, batch, other_box, "e.jpg", good)
    with pytest.raises(RuleViolation, match="Chỉ lưu trữ viên"):
        services.add_scan(w.reader, batch, w.d1, "f.jpg", good)
    with pytest.raises(RuleViolation, match="chưa có bản quét"):
        services.confirm(w.archivist, w.d1, "x")
    assert not Scan.objects.exists()

    # Through the screens: a clear message, no server error, nothing stored.
    c = _client(w.archivist)
    url = reverse("digitization:batch", args=[batch.pk])
    bad = SimpleUploadedFile("x.docx", b"PK\x03\x04 word")
    r = c.post(url, {"ho_so": w.d1.pk, "tep": bad}, follow=True)
    assert r.status_code == 200 and "Chỉ nhận ảnh quét JPEG, PNG, TIFF" in r.content.decode()
    r = c.post(url, {"ho_so": "abc"}, follow=True)
    assert "Chọn hồ sơ" in r.content.decode() and "Chưa chọn tệp" in r.content.decode()
    r = c.post(reverse("digitization:index"), {"muc_luc": "9999", "hop": "x"}, follow=True)
    assert r.status_code == 200 and "Chọn mục lục" in r.content.decode()
    assert not Scan.objects.exists() and Batch.objects.count() == 1
    assert _client(w.reader).post(url, {"ho_so": w.d1.pk}).status_code == 302
    assert not Scan.objects.exists()


def test_a_secret_dossier_text_and_pages_never_reach_a_reader(paper):
    w = paper
    c = _client(w.archivist)
    r = c.post(reverse("digitization:index"), {"muc_luc": w.box.inventory.pk, "hop": "1"})
    batch = Batch.objects.get()
    assert r.url == reverse("digitization:batch", args=[batch.pk])
    shown = []
    for d, text in [(w.secret, f"Kế hoạch {SECRET_WORD} bảo vệ nội bộ"), (w.d1, TEXT)]:
        upload = {"ho_so": d.pk, "tep": _upload(sample.png(sample.page(text)))}
        assert c.post(reverse("digitization:batch", args=[batch.pk]), upload).status_code == 302
        scan = Scan.objects.get(dossier=d)
        # The text as the worker would store it (OCR itself is tested above).
        processing.process_scan(scan.pk, known_text=[text])
        shown.append((scan, scan.pages.get()))
    refresh_index()
    (secret_scan, secret_page), (open_scan, open_page) = shown

    reader = _client(w.reader)
    secret_url = reverse("holdings:dossier", args=[w.secret.pk])
    for q in (SECRET_WORD, "quyetchien bao ve noi bo"):
        found = reader.get("/tim-kiem/", {"q": q}).content.decode()
        assert secret_url not in found and w.secret.title not in found
        assert "bảo vệ nội bộ" not in found
    found = reader.get("/tim-kiem/", {"q": "nha van hoa thon dong tam"}).content.decode()
    assert reverse("holdings:dossier", args=[w.d1.pk]) in found
    for url in (
        reverse("digitization:page_image", args=[secret_page.pk]),
        reverse("digitization:scan_file", args=[secret_scan.pk]),
        reverse("digitization:dossier", args=[w.secret.pk]),
    ):
        assert reader.get(url).status_code == 403
    batch_page = reader.get(reverse("digitization:batch", args=[batch.pk])).content.decode()
    assert w.secret.title not in batch_page and w.d1.title in batch_page
    image = reader.get(reverse("digitization:page_image", args=[open_page.pk]))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert reader.get(reverse("digitization:scan_file", args=[open_scan.pk])).status_code == 200

    # The archivist (cleared for "Mật") finds it; each read of it is audited.
    found = c.get("/tim-kiem/", {"q": SECRET_WORD}).content.decode()
    assert reverse("holdings:dossier", args=[w.secret.pk]) in found and SECRET_WORD in found
    image = c.get(reverse("digitization:page_image", args=[secret_page.pk]))
    assert image.status_code == 200 and image.content[:3] == b"\xff\xd8\xff"
    assert Event.objects.filter(action="secret.read", object_id=str(w.secret.pk)).exists()
    index = c.get(reverse("digitization:index")).content.decode()
    assert f"Lô số {batch.pk}" in index and "Mở lô quét" in index


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("trang.png", data, content_type="image/png")
