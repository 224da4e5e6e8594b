"""The deposit screens and the API: what each user sees, and refusals shown, not applied."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from luutru.access.api_auth import issue_token
from luutru.archive.models import Deposit
from luutru.archive.services import create_deposit, submit_deposit
from luutru.archive.tests.conftest import make_dossier
from luutru.filing.models import Dossier, DossierStatus

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_index_shows_due_dossiers_with_dates_and_overdue_badges(client, world, closed):
    a, b = closed
    r = _login(client, world.official).get("/nop-luu/")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Kế hoạch công tác năm 2024" in html and "20/12/2025" in html
    days_left = (dt.date(2025, 12, 20) - timezone.localdate()).days
    if days_left < 0:
        assert '<span class="badge overdue">quá hạn nộp lưu</span>' in html
        assert '<span class="badge overdue">2 quá hạn</span>' in html
    elif days_left <= 30:
        assert "sắp đến hạn" in html
    else:
        assert "chưa đến hạn" in html


def test_create_then_submit_through_the_screens(client, world, closed):
    a, b = closed
    c = _login(client, world.official)
    form = c.get("/nop-luu/moi/").content.decode()
    assert "Tạo đợt nộp lưu" in form and f'value="{a.pk}"' in form
    r = c.post("/nop-luu/moi/", {"dossiers": [a.pk, b.pk], "note": "Đợt 1"})
    deposit = Deposit.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/nop-luu/{deposit.pk}/"
    page = c.get(r["Location"]).content.decode()
    assert "Gửi nộp lưu" in page and "Mục lục này gồm 2 (hai) hồ sơ." in page
    assert "BIÊN BẢN" in page
    c.post(f"/nop-luu/{deposit.pk}/gui/")
    deposit.refresh_from_db()
    assert deposit.status == Deposit.Status.SUBMITTED


def test_depositing_an_open_dossier_through_the_screen_shows_why_and_changes_nothing(client, world):
    open_d = make_dossier(
        world.office,
        world.official,
        notation="02.VP",
        title="Báo cáo tháng",
        status=DossierStatus.OPEN,
    )
    r = _login(client, world.official).post("/nop-luu/moi/", {"dossiers": [open_d.pk]})
    assert r.status_code == 400
    assert _messages(r) == [
        "Hồ sơ 02.VP “Báo cáo tháng” đang mở: phải kết thúc hồ sơ trước khi nộp lưu."
    ]
    assert not Deposit.objects.exists()


def test_archivist_accepts_with_one_return_and_a_missing_reason_is_shown(client, world, closed):
    a, b = closed
    dep = create_deposit(world.official, world.office, [a, b])
    submit_deposit(world.official, dep)
    c = _login(client, world.archivist)
    assert f"/nop-luu/{dep.pk}/" in c.get("/nop-luu/").content.decode()
    page = c.get(f"/nop-luu/{dep.pk}/").content.decode()
    assert ">Tiếp nhận</button>" in page
    r = c.post(f"/nop-luu/{dep.pk}/tiep-nhan/", {"action": "accept", f"return_{b.pk}": "1"})
    assert r.status_code == 400
    assert _messages(r) == [
        "Hồ sơ 07.VP “Công văn trao đổi về công tác văn thư năm 2024”: phải ghi lý do trả lại."
    ]
    assert Deposit.objects.get(pk=dep.pk).status == Deposit.Status.SUBMITTED
    r = c.post(
        f"/nop-luu/{dep.pk}/tiep-nhan/",
        {
            "action": "accept",
            f"return_{b.pk}": "1",
            f"reason_{b.pk}": "Thiếu văn bản",
        },
    )
    assert r.status_code == 302
    assert Dossier.objects.get(pk=a.pk).status == DossierStatus.ARCHIVED
    assert Dossier.objects.get(pk=b.pk).status == DossierStatus.RETURNED


def test_an_official_sees_no_accept_button_and_cannot_accept(client, world, closed):
    dep = create_deposit(world.official, world.office, list(closed))
    submit_deposit(world.official, dep)
    c = _login(client, world.official)
    assert ">Tiếp nhận</button>" not in c.get(f"/nop-luu/{dep.pk}/").content.decode()
    r = c.post(f"/nop-luu/{dep.pk}/tiep-nhan/", {"action": "accept"})
    assert r.status_code == 400
    assert Deposit.objects.get(pk=dep.pk).status == Deposit.Status.SUBMITTED


def test_a_deposit_not_visible_answers_404_everywhere(client, world, closed):
    dep = create_deposit(world.official, world.office, list(closed))
    c = _login(client, world.board_official)
    for url in ("", "muc-luc.xlsx", "bien-ban.docx"):
        assert c.get(f"/nop-luu/{dep.pk}/{url}").status_code == 404
    assert c.post(f"/nop-luu/{dep.pk}/gui/").status_code == 404
    assert c.post(f"/nop-luu/{dep.pk}/tiep-nhan/").status_code == 404
    assert "Kế hoạch công tác" not in c.get("/nop-luu/").content.decode()


def test_downloads(client, world, closed):
    dep = create_deposit(world.official, world.office, list(closed))
    c = _login(client, world.official)
    r = c.get(f"/nop-luu/{dep.pk}/muc-luc.xlsx")
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    ws = load_workbook(io.BytesIO(r.content)).active
    assert any(row[0] == "Số TT" for row in ws.iter_rows(values_only=True))
    r = c.get(f"/nop-luu/{dep.pk}/bien-ban.docx")
    assert r.status_code == 200 and r.content[:2] == b"PK"


def test_keep_back_screens(client, world, closed):
    a, _ = closed
    c = _login(client, world.official)
    r = c.post(f"/nop-luu/giu-lai/ho-so/{a.pk}/", {"reason": "Còn dùng", "until": "21/12/2027"})
    assert r.status_code == 400
    assert "vượt quá thời hạn đó" in _messages(r)[0]
    r = c.post(f"/nop-luu/giu-lai/ho-so/{a.pk}/", {"reason": "Còn dùng", "until": "20/12/2027"})
    assert r.status_code == 302
    h = _login(client, world.head)
    page = h.get("/nop-luu/giu-lai/").content.decode()
    assert "Duyệt giữ lại" in page
    kb = a.keep_backs.get()
    h.post(f"/nop-luu/giu-lai/{kb.pk}/duyet/", {"approve": "1"})
    assert Dossier.objects.get(pk=a.pk).status == DossierStatus.KEPT_BACK
    other = _login(client, world.board_official)
    assert other.get(f"/nop-luu/giu-lai/ho-so/{a.pk}/").status_code == 404


def test_api_lists_only_visible_deposits_and_hides_titles(client, world, closed):
    from luutru.orgs.models import Secrecy

    secret = make_dossier(
        world.office,
        world.head,
        notation="09.VP",
        title="Nhân sự mật",
        years=None,
        secrecy=Secrecy.MAT,
    )
    dep = create_deposit(world.head, world.office, [*closed, secret])
    own = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(world.official)}"}
    other = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(world.board_official)}"}
    r = client.get("/api/deposits", **own)
    assert r.status_code == 200 and [d["id"] for d in r.json()] == [dep.pk]
    detail = client.get(f"/api/deposits/{dep.pk}", **own).json()
    titles = [i["title"] for i in detail["items"]]
    assert "Nhân sự mật" not in titles and None in titles and len(titles) == 3
    assert client.get("/api/deposits", **other).json() == []
    assert client.get(f"/api/deposits/{dep.pk}", **other).status_code == 404
    assert client.get(f"/api/deposits/{dep.pk}").status_code == 401
