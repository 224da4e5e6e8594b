"""The transfer pages: the archivist builds, the historical archive receives from
its inbox and answers per dossier; bad input gets a Vietnamese message and
changes nothing (never a server error)."""

from __future__ import annotations

import shutil

import pytest

from luutru.filing.models import DossierStatus
from luutru.testing import PASSWORD
from luutru.transfer import services
from luutru.transfer.models import PackageCheck, ReceivedPackage, Transfer
from luutru.transfer.tests.conftest import run_worker


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_the_archivist_builds_and_the_historical_archive_answers_through_the_pages(
    client, world, due, django_capture_on_commit_callbacks
):
    c = _login(client, world.archivist)
    page = c.get("/nop-luu-lich-su/")
    assert page.status_code == 200
    text = page.content.decode()
    assert due[0].title in text and "Lập gói nộp lưu 2 hồ sơ" in text

    r = c.post(
        "/nop-luu-lich-su/lap-goi/", {"org": world.office.pk, "dossier": [d.pk for d in due]}
    )
    t = Transfer.objects.get()
    assert r.status_code == 302 and r.url == f"/nop-luu-lich-su/goi/{t.pk}/"
    detail = c.get(r.url, follow=True).content.decode()
    assert t.package_id in detail and "Chờ trả lời" in detail
    # The official forms of the transfer: the list and the handover record.
    xlsx = c.get(f"/nop-luu-lich-su/goi/{t.pk}/muc-luc.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    docx = c.get(f"/nop-luu-lich-su/goi/{t.pk}/bien-ban.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    outsider = _login(client.__class__(), world.district_official)
    assert outsider.get(f"/nop-luu-lich-su/goi/{t.pk}/bien-ban.docx").status_code == 404

    # The package reaches the historical archive's inbox; its archivist checks it.
    services.inbox().mkdir(parents=True)
    shutil.copytree(services.package_path(t), services.inbox() / t.package_id)
    c2 = _login(client.__class__(), world.archivist2)
    assert t.package_id in c2.get("/nop-luu-lich-su/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = c2.post("/nop-luu-lich-su/tiep-nhan/", {"folder": t.package_id})
    check = PackageCheck.objects.get()
    assert r.status_code == 302 and r.url == f"/nop-luu-lich-su/kiem-tra/{check.pk}/"
    # The request only queued the work: nothing is received until the worker runs.
    assert not ReceivedPackage.objects.exists()
    waiting = c2.get(r.url).content.decode()
    assert "Đang chờ tiến trình nền" in waiting and "theo-doi=1" in waiting
    run_worker()
    check.refresh_from_db()
    p = ReceivedPackage.objects.get()
    assert (check.state, check.result, check.intact) == (PackageCheck.State.DONE, p, True)
    assert check.done == check.total == t.file_count  # the last phase: every file kept
    assert p.status == ReceivedPackage.Status.VERIFIED
    # The page polled while it worked: told to show the outcome, then sent to the package.
    polled = c2.get(f"{r.url}?theo-doi=1", HTTP_HX_REQUEST="true")
    assert polled.headers["HX-Refresh"] == "true"
    assert c2.get(r.url).url == f"/nop-luu-lich-su/tiep-nhan/{p.pk}/"
    page = c2.get(f"/nop-luu-lich-su/tiep-nhan/{p.pk}/").content.decode()
    assert "Gói toàn vẹn" in page and due[1].title in page
    r = c2.post(
        f"/nop-luu-lich-su/tiep-nhan/{p.pk}/tra-loi/",
        {"refuse": ["2"], "reason-2": "Thiếu biên bản hội nghị"},
        follow=True,
    )
    assert "Đã trả lời" in _messages(r)
    answer = c2.get(f"/nop-luu-lich-su/tiep-nhan/{p.pk}/tra-loi.json")
    assert answer.status_code == 200 and b"Thi\\u1ebfu" not in answer.content
    assert "Thiếu biên bản hội nghị" in answer.content.decode()
    due[0].refresh_from_db()
    due[1].refresh_from_db()
    assert due[0].status == DossierStatus.TRANSFERRED
    assert due[1].status == DossierStatus.ARCHIVED


@pytest.mark.parametrize(
    "url, data",
    [
        ("/nop-luu-lich-su/lap-goi/", {"org": "abc"}),
        ("/nop-luu-lich-su/lap-goi/", {"org": "²"}),
        ("/nop-luu-lich-su/lap-goi/", {"org": "99999999999999999999"}),
        ("/nop-luu-lich-su/lap-goi/", {"org": "1", "dossier": ["x"]}),
        ("/nop-luu-lich-su/tiep-nhan/", {"folder": "../../etc"}),
        ("/nop-luu-lich-su/tiep-nhan/", {"folder": ""}),
        ("/nop-luu-lich-su/tra-loi/", {}),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_changes_nothing(client, world, due, url, data):
    c = _login(client, world.archivist)
    r = c.post(url, data, follow=True)
    assert r.status_code == 200
    assert _messages(r)
    assert not Transfer.objects.exists() and not ReceivedPackage.objects.exists()
    assert not PackageCheck.objects.exists()


def test_a_bad_answer_file_is_refused(client, world, due):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = _login(client, world.archivist)
    r = c.post(
        "/nop-luu-lich-su/tra-loi/",
        {"answer": SimpleUploadedFile("a.json", b"{not json", "application/json")},
        follow=True,
    )
    assert "không đọc được" in _messages(r)


def test_unknown_or_hidden_objects_answer_404(client, world, due):
    t = services.build_transfer(world.archivist, world.office)
    c = _login(client, world.district_official)
    assert c.get(f"/nop-luu-lich-su/goi/{t.pk}/").status_code == 404
    c = _login(client, world.archivist)
    assert c.get("/nop-luu-lich-su/goi/999999/").status_code == 404
    assert c.get("/nop-luu-lich-su/tiep-nhan/999999/").status_code == 404


def test_a_reader_is_sent_home(client, world):
    r = _login(client, world.reader).get("/nop-luu-lich-su/", follow=True)
    assert r.status_code == 200 and "lưu trữ viên" in _messages(r)


def test_ids_past_what_a_database_holds_answer_404(client, world):
    c = _login(client, world.archivist)
    huge = 10**30
    for url in (
        f"/nop-luu-lich-su/goi/{huge}/",
        f"/nop-luu-lich-su/tiep-nhan/{huge}/",
        f"/nop-luu-lich-su/tiep-nhan/{huge}/tra-loi.json",
        f"/nop-luu-lich-su/kiem-tra/{huge}/",
        f"/nop-luu-lich-su/goi/{huge}/muc-luc.xlsx",
        f"/nop-luu-lich-su/goi/{huge}/bien-ban.docx",
    ):
        assert c.get(url).status_code == 404, url
