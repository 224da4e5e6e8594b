"""Downloads under /bieu-mau/: access (404 when invisible), refusals, audit of secret exports."""

from __future__ import annotations

import pytest
from django.utils import timezone

from luutru.audit.models import Event
from luutru.orgs.models import Secrecy
from luutru.testing import PASSWORD

from .conftest import docx_text, register_documents

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def test_plan_downloads_in_three_formats_with_links_on_the_plan_page(client, world, issued_plan):
    c = _client(client, world.clerk)
    page = c.get(f"/danh-muc/{issued_plan.pk}/").content.decode()
    for fmt, kind in (
        ("pdf", "application/pdf"),
        ("docx", "wordprocessingml"),
        ("xlsx", "spreadsheetml"),
    ):
        assert f"/bieu-mau/danh-muc/{issued_plan.pk}.{fmt}" in page or fmt == "xlsx"
        r = c.get(f"/bieu-mau/danh-muc/{issued_plan.pk}.{fmt}")
        assert r.status_code == 200 and kind in r["Content-Type"]
        assert f"danh-muc-ho-so-VPTU-2025.{fmt}" in r["Content-Disposition"]
    assert c.get(f"/bieu-mau/danh-muc/{issued_plan.pk}.odt").status_code == 404


def test_a_plan_of_another_body_is_not_found(client, world, issued_plan):
    c = _client(client, world.board_official)
    assert c.get(f"/bieu-mau/danh-muc/{issued_plan.pk}.pdf").status_code == 404


def test_dossier_forms_and_a_refusal_back_on_the_dossier_page(client, world, closed_dossier):
    from luutru.archive.tests.conftest import make_dossier
    from luutru.filing.models import DossierStatus

    c = _client(client, world.official)
    page = c.get(f"/ho-so/{closed_dossier.pk}/").content.decode()
    assert f"/bieu-mau/ho-so/{closed_dossier.pk}/chung-tu.pdf" in page
    for name in ("muc-luc", "chung-tu", "bia"):
        r = c.get(f"/bieu-mau/ho-so/{closed_dossier.pk}/{name}.docx")
        assert r.status_code == 200, name
    assert c.get(f"/bieu-mau/ho-so/{closed_dossier.pk}/chung-tu.xlsx").status_code == 302
    assert c.get(f"/bieu-mau/ho-so/{closed_dossier.pk}/khac.pdf").status_code == 404
    open_one = make_dossier(
        world.office, world.official, notation="05.VP", title="Đang lập", status=DossierStatus.OPEN
    )
    r = c.get(f"/bieu-mau/ho-so/{open_one.pk}/chung-tu.pdf", follow=True)
    assert r.redirect_chain[-1][0] == f"/ho-so/{open_one.pk}/"
    assert "chưa kết thúc nên chưa có chứng từ kết thúc" in r.content.decode()
    assert (
        _client(client, world.board_official)
        .get(f"/bieu-mau/ho-so/{closed_dossier.pk}/bia.pdf")
        .status_code
        == 404
    )


def test_exporting_a_secret_dossier_form_is_an_audit_event(client, world):
    from luutru.archive.tests.conftest import make_dossier

    secret = make_dossier(
        world.office, world.head, notation="03.VP", title="Nhân sự khóa mới", secrecy=Secrecy.MAT
    )
    plain_before = Event.objects.filter(action="form.export").count()
    c = _client(client, world.head)
    assert c.get(f"/bieu-mau/ho-so/{secret.pk}/muc-luc.docx").status_code == 200
    event = Event.objects.filter(action="form.export").latest("seq")
    assert Event.objects.filter(action="form.export").count() == plain_before + 1
    assert event.object_type == "dossier" and event.object_id == str(secret.pk)
    assert event.after == {"form": "muc-luc-van-ban-2024-03-VP", "format": "docx", "secrecy": 1}
    assert c.get(f"/bieu-mau/ho-so/{secret.pk}/bia.pdf").status_code == 200
    assert Event.objects.filter(action="form.export").count() == plain_before + 2
    # The official has no clearance: the dossier does not exist for them.
    assert (
        _client(client, world.official).get(f"/bieu-mau/ho-so/{secret.pk}/bia.pdf").status_code
        == 404
    )


def test_a_plain_export_writes_no_event(client, world, closed_dossier):
    official = _client(client, world.official)  # a login is an event itself
    before = Event.objects.count()
    assert official.get(f"/bieu-mau/ho-so/{closed_dossier.pk}/bia.docx").status_code == 200
    assert Event.objects.count() == before


def test_deposit_forms_with_links_on_the_deposit_page(client, world, deposit):
    c = _client(client, world.official)
    page = c.get(f"/nop-luu/{deposit.pk}/").content.decode()
    assert f"/bieu-mau/nop-luu/{deposit.pk}/bien-ban.pdf" in page
    r = c.get(f"/bieu-mau/nop-luu/{deposit.pk}/muc-luc.docx")
    assert r.status_code == 200 and "Mục lục này gồm 2 (hai) hồ sơ." in docx_text(r.content)
    assert c.get(f"/bieu-mau/nop-luu/{deposit.pk}/bien-ban.pdf").status_code == 200
    assert c.get(f"/bieu-mau/nop-luu/{deposit.pk}/muc-luc.xlsx").status_code == 200
    other = _client(client, world.district_official)
    assert other.get(f"/bieu-mau/nop-luu/{deposit.pk}/muc-luc.pdf").status_code == 404


def test_register_asked_on_the_forms_page(client, world):
    register_documents(world, direction="outgoing", count=2)
    c = _client(client, world.clerk)
    page = c.get("/bieu-mau/")
    assert page.status_code == 200 and "Sổ đăng ký văn bản đi, đến" in page.content.decode()
    query = {
        "org": world.office.pk,
        "kind": "di",
        "date_from": "2024-03-01",
        "date_to": "2024-03-31",
        "fmt": "docx",
    }
    r = c.get("/bieu-mau/", query)
    assert r.status_code == 302
    assert (
        r["Location"]
        == f"/bieu-mau/so-dang-ky/{world.office.pk}.docx?loai=di&tu=2024-03-01&den=2024-03-31"
    )
    doc = c.get(r["Location"])
    assert doc.status_code == 200 and "Sổ gồm 2 (hai) văn bản đi." in docx_text(doc.content)


def test_register_with_reversed_dates_is_refused_on_the_page(client, world):
    c = _client(client, world.clerk)
    query = {
        "org": world.office.pk,
        "kind": "di",
        "date_from": "2024-03-31",
        "date_to": "2024-03-01",
        "fmt": "pdf",
    }
    r = c.get("/bieu-mau/", query)
    assert r.status_code == 400
    assert "Ngày bắt đầu (31/03/2024) sau ngày kết thúc (01/03/2024)" in r.content.decode()
    bad = c.get(
        f"/bieu-mau/so-dang-ky/{world.office.pk}.pdf?loai=di&tu=2024-03-31&den=x", follow=True
    )
    assert "Cần chọn cả ngày bắt đầu và ngày kết thúc của sổ." in bad.content.decode()


def test_register_of_a_body_out_of_scope_is_not_found(client, world):
    c = _client(client, world.board_official)
    url = f"/bieu-mau/so-dang-ky/{world.office.pk}.pdf?loai=di&tu=2024-01-01&den=2024-12-31"
    assert c.get(url).status_code == 404
    assert _client(client, world.admin).get(url).status_code == 404


def test_fonds_list_from_the_forms_page(client, world, deposit):
    from luutru.archive.services import accept_deposit, submit_deposit

    submit_deposit(world.official, deposit)
    accept_deposit(world.archivist, deposit)
    c = _client(client, world.archivist)
    r = c.get("/bieu-mau/", {"org": world.office.pk, "year": "2024", "fmt": "docx"})
    assert r["Location"] == f"/bieu-mau/phong/{world.office.pk}/muc-luc-ho-so.docx?nam=2024"
    doc = c.get(r["Location"])
    assert "Mục lục này gồm 2 (hai) hồ sơ." in docx_text(doc.content)
    bad = c.get(f"/bieu-mau/phong/{world.office.pk}/muc-luc-ho-so.pdf?nam=abc", follow=True)
    assert "Năm “abc” không hợp lệ" in bad.content.decode()
    assert timezone.localdate().year > 2024
