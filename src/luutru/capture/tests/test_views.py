"""Capture screens and API through the real queue (django-tasks database backend)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from luutru.access.api_auth import issue_token
from luutru.capture.models import ImportBatch, ImportItem, ItemState
from luutru.capture.tests.files import make_bundle, make_party_letter
from luutru.registry.models import Document
from luutru.registry.tests.files import make_pdf, make_png
from luutru.testing import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _no_work_queued_by_the_world(world):
    """Building the world queues other apps' work (compliance refreshes its facts
    when records change); these tests follow the work capture queues."""
    DBTaskResult.objects.all().delete()


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def _drain():
    """Run the background worker until the queue is empty (both queues)."""
    call_command("worker", processes=1, batch=True, interval=0, verbosity=0)


def _upload(client, org, *files):
    return client.post(
        "/nhap-tai-lieu/",
        {"org": org.pk, "direction": "internal", "files": list(files)},
    )


def test_upload_queues_work_and_the_batch_page_shows_every_outcome(client, world):
    _login(client, world.clerk)
    page = client.get("/nhap-tai-lieu/")
    assert page.status_code == 200
    assert "webkitdirectory" in page.content.decode()
    assert "hãy quét màu" in page.content.decode()  # what makes a seal's signer readable
    zipped = make_bundle(
        {"a/nq1.pdf": make_party_letter(number="1-NQ/TU", issuer="VĂN PHÒNG TỈNH ỦY")}
    )
    resp = _upload(
        client,
        world.office,
        SimpleUploadedFile("bo.zip", zipped, content_type="application/zip"),
        SimpleUploadedFile("sai.pdf", make_png(), content_type="application/pdf"),
    )
    assert resp.status_code == 302
    batch = ImportBatch.objects.get()
    assert resp.url == f"/nhap-tai-lieu/dot/{batch.pk}/"
    assert (
        DBTaskResult.objects.filter(status="READY").count() == 1
    )  # the refused file needs no work

    running = client.get(resp.url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in running
    assert "Không nhận được" in running and "nội dung là ảnh PNG" in running

    _drain()
    batch.refresh_from_db()
    assert batch.finished_at is not None
    ended = client.get(resp.url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in ended  # polling stops once the batch has ended
    assert "Đợt nhập đã xong" in ended
    item = batch.items.get(name="bo.zip/a/nq1.pdf")
    assert item.state in (ItemState.DONE, ItemState.REVIEW), item.reason
    assert item.document is not None


def test_no_files_chosen_is_refused_and_nothing_is_created(client, world):
    _login(client, world.clerk)
    resp = _upload(client, world.office)
    assert resp.status_code == 200
    assert "Chưa chọn tệp nào" in resp.content.decode()
    assert not ImportBatch.objects.exists()


def test_review_shows_the_page_image_and_confirms_in_one_pass(client, world):
    _login(client, world.clerk)
    pdf = make_pdf(["Biên bản họp chi bộ", "Nội dung: kiện toàn công tác lưu trữ"])
    _upload(client, world.office, SimpleUploadedFile("bien-ban.pdf", pdf))
    _drain()
    item = ImportItem.objects.get()
    assert item.state == ItemState.REVIEW and item.document_id is None
    page = client.get(f"/nhap-tai-lieu/tep/{item.pk}/").content.decode()
    assert f"/nhap-tai-lieu/tep/{item.pk}/trang-1.png" in page
    assert "low-confidence" in page
    image = client.get(f"/nhap-tai-lieu/tep/{item.pk}/trang-1.png")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")

    from luutru.rules.queries import document_types

    bb = document_types(world.office).filter(abbrev="BB").first()
    form = {
        "doc_type": bb.pk,
        "symbol": "",
        "issued_date": "05/03/2025",
        "organ_name": "",
        "subject": "Biên bản họp chi bộ về kiện toàn công tác lưu trữ",
        "signer_full_name": "",
        "signer_position": "",
        "page_amount": "",
        "secrecy": 0,
        "urgency": 0,
        "description": "",
    }
    bad = client.post(f"/nhap-tai-lieu/tep/{item.pk}/", {**form, "issued_date": "05/03/2099"})
    assert "ở tương lai" in bad.content.decode()
    assert not Document.objects.exists()  # a refusal changes nothing

    ok = client.post(f"/nhap-tai-lieu/tep/{item.pk}/", form)
    assert ok.status_code == 302
    item.refresh_from_db()
    assert item.state == ItemState.DONE
    doc = item.document
    assert doc.subject.startswith("Biên bản họp chi bộ")
    assert "kiện toàn công tác lưu trữ" in doc.text.text


def test_someone_outside_the_body_gets_404_for_batch_item_and_image(client, world):
    _login(client, world.clerk)
    _upload(client, world.office, SimpleUploadedFile("x.pdf", make_pdf(["Giấy mời họp"])))
    _drain()
    batch, item = ImportBatch.objects.get(), ImportItem.objects.get()
    client.logout()
    _login(client, world.board_official)
    for url in (
        f"/nhap-tai-lieu/dot/{batch.pk}/",
        f"/nhap-tai-lieu/tep/{item.pk}/",
        f"/nhap-tai-lieu/tep/{item.pk}/trang-1.png",
    ):
        assert client.get(url).status_code == 404, url
    assert "x.pdf" not in client.get("/nhap-tai-lieu/").content.decode()


def test_api_takes_files_in_and_reports_the_batch(client, world):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(world.clerk)}"}
    resp = client.post(
        "/api/capture/batches",
        {
            "org": world.office.pk,
            "files": [SimpleUploadedFile("nq5.pdf", make_party_letter(number="5-NQ/TU"))],
        },
        **headers,
    )
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["counts"]["total"] == 1 and body["finished_at"] is None
    _drain()
    got = client.get(f"/api/capture/batches/{body['id']}", **headers).json()
    assert got["finished_at"] is not None
    assert got["items"][0]["state"] in ("done", "review")
    other = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(world.board_official)}"}
    assert client.get(f"/api/capture/batches/{body['id']}", **other).status_code == 404
    refused = client.post(
        "/api/capture/batches",
        {"org": world.office.pk, "files": [SimpleUploadedFile("a.pdf", b"%PDF")]},
        **other,
    )
    assert refused.status_code == 403


@pytest.mark.skipif(
    not __import__("luutru.capture.ocr", fromlist=["x"]).available(), reason="no Tesseract"
)
def test_a_scan_is_handed_to_the_ocr_queue_and_finished_there(client, world):
    from luutru.capture.tests.files import scan_of

    _login(client, world.clerk)
    scan = scan_of(make_party_letter(number="9-NQ/TU", issuer="VĂN PHÒNG TỈNH ỦY"))
    _upload(client, world.office, SimpleUploadedFile("quet.png", scan))
    _drain()
    assert DBTaskResult.objects.filter(queue_name="ocr", status="SUCCESSFUL").count() == 1
    item = ImportItem.objects.get()
    assert item.text_method == "ocr"
    assert item.state in (ItemState.DONE, ItemState.REVIEW), item.reason
    assert item.attempts == 1  # waiting in the OCR queue is not counted as a failed try


def test_watched_folder_takes_files_in_and_moves_them(world, tmp_path):
    from io import StringIO

    (tmp_path / "may-quet").mkdir()
    drop = tmp_path / "may-quet"
    (drop / "nq3.pdf").write_bytes(make_party_letter(number="3-NQ/TU"))
    (drop / "hong.pdf").write_bytes(b"%PDF-1.4 hong")
    out = StringIO()
    call_command("watch", str(drop), "--org", "TU", "--once", stdout=out)
    assert not (drop / "nq3.pdf").exists() and not (drop / "hong.pdf").exists()
    assert list(drop.glob("_da-nhap/*/nq3.pdf"))
    refused = list(drop.glob("_khong-nhan/*/hong.pdf.txt"))
    assert refused and "bị hỏng" in refused[0].read_text(encoding="utf-8")
    assert Document.objects.filter(code_number="3").exists()
    # A second look finds nothing new: nothing is taken twice.
    call_command("watch", str(drop), "--org", "TU", "--once", stdout=StringIO())
    assert ImportItem.objects.count() == 2


def test_a_document_entered_by_hand_gets_its_text_in_the_background(client, world):
    from luutru.capture.models import DocumentText
    from luutru.registry.tests.files import metadata_for

    _login(client, world.clerk)
    meta = metadata_for(world.office)
    form = {**meta, "doc_type": meta["doc_type"].pk, "issued_date": "04/02/2025"}
    form = {k: ("" if v is None else v) for k, v in form.items()}
    pdf = make_party_letter(number="12-NQ/TU")
    resp = client.post(
        f"/van-ban/moi/?org={world.office.pk}",
        {**form, "org": world.office.pk, "file": SimpleUploadedFile("nq.pdf", pdf)},
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    doc = Document.objects.get()
    assert not DocumentText.objects.exists()
    _drain()
    text = DocumentText.objects.get(document=doc)
    assert text.method == "pdf_text"
    assert "Chỉ thị số 35-CT/TW" in text.text


def test_watch_finishes_a_batch_its_previous_run_left_and_moves_the_files(world, tmp_path):
    from io import StringIO

    from luutru.capture import bundle, services

    drop = tmp_path / "may-quet"
    drop.mkdir()
    (drop / "nq4.pdf").write_bytes(make_party_letter(number="4-NQ/TU"))
    # A run killed after taking the file in, before working on it.
    batch = services.start_batch(
        None,
        world.province,
        source="watch",
        label="may-quet 2025-01-01_000000",
        key=f"watch:{drop.resolve()}",
    )
    services.add_files(batch, [bundle.from_path(drop / "nq4.pdf", "nq4.pdf")])
    out = StringIO()
    call_command("watch", str(drop), "--org", "TU", "--once", stdout=out)
    assert "Tiếp tục đợt nhập" in out.getvalue()
    batch.refresh_from_db()
    assert batch.finished_at is not None
    assert list(drop.glob("_da-nhap/*/nq4.pdf"))
    assert ImportItem.objects.count() == 1  # not taken in a second time
    assert Document.objects.filter(code_number="4").count() == 1
