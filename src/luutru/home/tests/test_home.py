"""The home page tells each role what to do next, from the records."""

import datetime as dt

import pytest

from luutru.filing import services
from luutru.filing.tests.conftest import build_plan, make_document
from luutru.testing import PASSWORD


def _home(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client.get("/").content.decode()


def test_login_page_is_vietnamese(client):
    page = client.get("/dang-nhap/").content.decode()
    assert 'lang="vi"' in page
    assert "Đăng nhập" in page and "Mật khẩu" in page


def test_home_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


@pytest.mark.django_db
def test_official_sees_open_dossier_and_head_sees_plan_to_approve(client, world):
    plan = build_plan(world, 2025)
    head_page = _home(client, world.head)
    assert f"/danh-muc/{plan.pk}/" in head_page
    assert "Danh mục hồ sơ chờ duyệt" in head_page

    services.approve_plan(world.head, plan)
    services.issue_plan(
        world.clerk, plan, decision_number="15-QĐ/VPTU", decision_date=dt.date(2025, 1, 10)
    )
    item = plan.items.order_by("order").first()
    dossier = services.open_dossier_from_plan(world.official, item)
    official_page = _home(client, world.official)
    assert f"/ho-so/{dossier.pk}/" in official_page
    # The head's to-do no longer lists the plan once it is issued.
    assert f"/danh-muc/{plan.pk}/" not in _home(client, world.head)


@pytest.mark.django_db
def test_overdue_dossier_is_listed_for_its_official(client, world):
    plan = build_plan(world, 2023, issue=False)
    services.approve_plan(world.head, plan)
    services.issue_plan(
        world.clerk, plan, decision_number="3-QĐ/VPTU", decision_date=dt.date(2023, 1, 10)
    )
    item = plan.items.order_by("order").first()
    dossier = services.open_dossier_from_plan(world.official, item)
    doc = make_document(world.official, world.office, issued=dt.date(2023, 3, 1))
    services.add_document_to_dossier(world.official, dossier, doc)
    services.close_dossier(
        world.official, dossier, end_date=dt.date(2023, 6, 30), confirm_retention=True
    )
    page = _home(client, world.official)
    assert "quá hạn nộp lưu" in page
    assert f"/ho-so/{dossier.pk}/" in page
    # Another official of another body sees nothing of it.
    assert f"/ho-so/{dossier.pk}/" not in _home(client, world.board_official)
