"""Pages: only visible documents are listed or served; others answer 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from luutru.audit.models import Event
from luutru.registry.models import Document
from luutru.registry.tests.conftest import snapshot
from luutru.registry.tests.files import make_pdf, make_png, metadata_for
from luutru.testing import PASSWORD


@pytest.fixture
def login(client):
    def _login(user):
        client.logout()
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return _login


@pytest.fixture
def docs(world, upload):
    office, _ = upload(make_pdf(["Văn phòng"]), subject="Kế hoạch công tác của Văn phòng")
    board, _ = upload(
        make_pdf(["Ban Tổ chức"]),
        actor=world.board_official,
        org=world.board,
        subject="Đề án nhân sự của Ban Tổ chức",
        symbol="3-NQ/TU",
    )
    return office, board


def test_list_shows_only_visible_documents(login, docs):
    office, board = docs
    page = login(docs[0].created_by).get(reverse("registry:list")).content.decode()
    assert office.subject in page
    assert board.subject not in page


def test_list_filters_by_text_symbol_year_and_org(login, world, docs, upload):
    older, _ = upload(
        make_pdf(["cũ"]),
        subject="Báo cáo năm trước",
        symbol="9-NQ/TU",
        issued_date=dt.date(2024, 5, 2),
    )
    c = login(world.head)
    url = reverse("registry:list")
    assert older.subject in c.get(url, {"q": "9-NQ/TU"}).content.decode()
    assert older.subject not in c.get(url, {"q": "12-NQ/TU"}).content.decode()
    assert older.subject in c.get(url, {"q": "năm trước"}).content.decode()
    page = c.get(url, {"year": 2025}).content.decode()
    assert older.subject not in page and docs[0].subject in page
    assert older.subject in c.get(url, {"org": world.office.pk, "year": 2024}).content.decode()


def test_list_paginates(login, world, upload, settings):
    for i in range(27):
        upload(make_pdf([f"vb {i}"]), symbol=f"{i + 1}-NQ/TU", subject=f"Văn bản số {i + 1:02d}")
    c = login(world.official)
    first = c.get(reverse("registry:list")).content.decode()
    second = c.get(reverse("registry:list"), {"trang": 2}).content.decode()
    assert "Trang 1 / 2" in first and "Trang 2 / 2" in second
    assert first.count("Văn bản số") == 25 and second.count("Văn bản số") == 2


def test_htmx_filter_returns_only_the_results(login, world, docs):
    c = login(world.official)
    r = c.get(
        reverse("registry:list"),
        {"q": "Kế hoạch"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="document-results",
    )
    body = r.content.decode()
    assert "document-results" in body and "<html" not in body


def test_detail_and_download_for_a_visible_document(login, world, docs):
    office, _ = docs
    c = login(world.official2)
    detail = c.get(reverse("registry:detail", args=[office.pk])).content.decode()
    assert office.subject in detail and "12-NQ/TU" in detail and "chưa thuộc hồ sơ nào" in detail
    r = c.get(reverse("registry:download", args=[office.pk]))
    assert r.status_code == 200
    assert b"".join(r.streaming_content).startswith(b"%PDF-")
    assert "nghi-quyet.pdf" in r["Content-Disposition"]


@pytest.mark.parametrize("name", ["detail", "download", "edit"])
def test_out_of_scope_user_gets_404(login, world, docs, name):
    _, board = docs
    for user in (world.official, world.district_official, world.reader, world.admin):
        r = login(user).get(reverse(f"registry:{name}", args=[board.pk]))
        assert r.status_code == 404, (user.username, name)
        assert board.subject.encode() not in r.content


def test_secret_document_is_404_without_clearance_and_its_read_is_recorded(login, world, upload):
    secret, _ = upload(actor=world.head, secrecy=2, subject="Văn bản tối mật")
    assert (
        login(world.official).get(reverse("registry:download", args=[secret.pk])).status_code == 404
    )
    assert (
        login(world.archivist).get(reverse("registry:detail", args=[secret.pk])).status_code == 404
    )
    c = login(world.head)
    assert c.get(reverse("registry:download", args=[secret.pk])).status_code == 200
    assert (
        Event.objects.filter(
            action="document.read", object_id=str(secret.pk), actor=world.head
        ).count()
        == 1
    )


def test_reading_an_ordinary_document_is_not_an_event(login, world, docs):
    login(world.official).get(reverse("registry:download", args=[docs[0].pk]))
    assert not Event.objects.filter(action="document.read").exists()


def test_upload_page_creates_a_document(login, world):
    c = login(world.official)
    data = metadata_for(world.office)
    form = {
        **data,
        "doc_type": data["doc_type"].pk,
        "issued_date": "04/02/2025",
        "secrecy": 0,
        "urgency": 0,
        "page_amount": "",
        "org": world.office.pk,
    }
    from django.core.files.uploadedfile import SimpleUploadedFile

    form["file"] = SimpleUploadedFile("nq.pdf", make_pdf(pages=2), content_type="application/pdf")
    r = c.post(reverse("registry:create"), form)
    doc = Document.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("registry:detail", args=[doc.pk])
    assert doc.page_amount == 2 and doc.created_by == world.official and doc.org == world.office


def test_upload_page_shows_every_refusal_and_changes_nothing(login, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = login(world.official)
    data = metadata_for(world.office)
    form = {
        **data,
        "doc_type": data["doc_type"].pk,
        "issued_date": "04/02/2025",
        "symbol": "12/NQ-TU",
        "secrecy": 0,
        "urgency": 0,
        "page_amount": "",
        "org": world.office.pk,
        "file": SimpleUploadedFile("nq.pdf", make_png(), content_type="application/pdf"),
    }
    before = snapshot()
    r = c.post(reverse("registry:create"), form)
    page = r.content.decode()
    assert r.status_code == 200
    assert "nội dung là ảnh PNG" in page and "kiểu văn bản Nhà nước" in page
    assert "Không có gì thay đổi" in page
    assert snapshot() == before


def test_upload_form_rejects_an_impossible_date(login, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = login(world.official)
    data = metadata_for(world.office)
    form = {
        **data,
        "doc_type": data["doc_type"].pk,
        "issued_date": "31/02/2025",
        "secrecy": 0,
        "urgency": 0,
        "page_amount": "",
        "org": world.office.pk,
        "file": SimpleUploadedFile("nq.pdf", make_pdf(), content_type="application/pdf"),
    }
    page = c.post(reverse("registry:create"), form).content.decode()
    assert "không có thật" in page
    assert not Document.objects.exists()


def test_upload_page_for_a_user_of_several_bodies_asks_which_one(login, world):
    from luutru.orgs.models import Membership

    Membership.objects.create(person=world.official.person, org=world.board, role="official")
    page = login(world.official).get(reverse("registry:create")).content.decode()
    assert "Hãy chọn cơ quan quản lý văn bản" in page
    page = (
        login(world.official)
        .get(reverse("registry:create"), {"org": world.board.pk})
        .content.decode()
    )
    assert "Ban Tổ chức Tỉnh ủy" in page and 'name="file"' in page


def test_upload_page_refuses_users_without_a_workplace(login, world):
    r = login(world.reader).get(reverse("registry:create"))
    assert r.status_code == 302


def test_edit_page_corrects_metadata(login, world, docs):
    office, _ = docs
    c = login(world.official)
    page = c.get(reverse("registry:edit", args=[office.pk])).content.decode()
    assert "04/02/2025" in page and 'name="file"' not in page
    data = metadata_for(world.office, subject="Trích yếu mới")
    form = {
        **data,
        "doc_type": data["doc_type"].pk,
        "issued_date": "04/02/2025",
        "secrecy": 0,
        "urgency": 0,
        "page_amount": 1,
    }
    r = c.post(reverse("registry:edit", args=[office.pk]), form)
    assert r.status_code == 302
    office.refresh_from_db()
    assert office.subject == "Trích yếu mới"


def test_edit_page_is_read_only_for_a_reader_of_another_body(login, world, docs):
    office, _ = docs
    r = login(world.inspector).get(reverse("registry:edit", args=[office.pk]))
    assert r.status_code == 302 and r["Location"] == reverse("registry:detail", args=[office.pk])


def test_anonymous_users_are_sent_to_login(client, docs):
    r = client.get(reverse("registry:detail", args=[docs[0].pk]))
    assert r.status_code == 302 and "/dang-nhap/" in r["Location"]
