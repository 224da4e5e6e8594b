"""Issue 8 items 16 and 18: each role's home page agrees with itself (every figure
counts the rows under it and says its date) and suggests only what the role may do."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from luutru.archive.services import accept_deposit, create_deposit, submit_deposit
from luutru.archive.tests.conftest import make_dossier
from luutru.compliance.queries import overdue_counts
from luutru.orgs.models import Organization
from luutru.rules.queries import add_months, profile_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ROLES = ["official", "clerk", "head", "archivist", "inspector", "reader", "admin"]


def _end_for_due(org, due):
    return add_months(due, -profile_for(org).deposit_delay_months)


@pytest.fixture
def dossiers(world):
    """Three overdue dossiers, one due in ten days, one due next year, one archived."""
    overdue = [
        make_dossier(world.office, world.official, notation=f"0{n}.VP", title=f"Quá hạn {n}")
        for n in (1, 2, 3)
    ]
    soon = make_dossier(
        world.office,
        world.official,
        notation="04.VP",
        title="Sắp đến hạn",
        end_date=_end_for_due(world.office, TODAY + dt.timedelta(days=10)),
    )
    later = make_dossier(
        world.office,
        world.official,
        notation="05.VP",
        title="Còn lâu",
        end_date=_end_for_due(world.office, TODAY + dt.timedelta(days=200)),
    )
    kept = make_dossier(world.office, world.official, notation="06.VP", title="Đã nộp lưu")
    dep = create_deposit(world.official, world.office, [kept])
    submit_deposit(world.official, dep)
    accept_deposit(world.archivist, dep)
    return overdue, soon, later, kept


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _card(html: str, card_id: str) -> str:
    m = re.search(rf'<section[^>]*id="{card_id}".*?</section>', html, re.S)
    return m.group(0) if m else ""


@pytest.mark.parametrize("role", ROLES)
def test_every_figure_counts_the_rows_under_it_and_says_its_date(client, world, dossiers, role):
    html = _home(client, getattr(world, role))
    for card_id in ("todo-upcoming", "todo-deposit", "todo-inspect"):
        card = _card(html, card_id)
        if not card:
            continue
        counted = card.count('class="counted"')
        figure = re.search(r'class="figure" data-count="(\d+)"', card)
        if counted:
            assert figure, (role, card_id, "rows without a figure that counts them")
        if figure:
            shown = re.search(r"hiển thị (\d+)", card)
            assert int(figure.group(1)) == (int(shown.group(1)) if shown else counted), (
                role,
                card_id,
            )
            assert f"tính đến ngày {TODAY:%d/%m/%Y}" in card, (role, card_id)


def test_the_deposit_card_counts_what_it_lists(client, world, dossiers):
    card = _card(_home(client, world.official), "todo-deposit")
    assert "4 hồ sơ quá hạn hoặc sắp đến hạn nộp lưu" in card
    assert 'trong đó <strong class="badge overdue">3 quá hạn</strong>' in card
    assert card.count('class="counted"') == 4
    assert "1 hồ sơ khác đã kết thúc, chưa đến hạn nộp lưu" in card


def test_a_head_is_never_told_nothing_is_due_above_overdue_dossiers(client, world, dossiers):
    from luutru.filing import services
    from luutru.filing.tests.conftest import build_plan

    # This year's plan issued: the head has nothing of their own due, the body has.
    plan = build_plan(world, TODAY.year)
    services.approve_plan(world.head, plan)
    services.issue_plan(
        world.clerk, plan, decision_number="15-QĐ/VPTU", decision_date=dt.date(TODAY.year, 1, 10)
    )
    html = _home(client, world.head)
    assert "Không có việc nào sắp đến hạn" not in html
    assert "3 quá hạn" in _card(html, "todo-deposit")


def test_the_inspector_sees_one_overdue_figure_the_same_as_compliance(client, world, dossiers):
    overdue, *_ = dossiers
    # A draft deposit does not hand anything over: compliance still counts it overdue.
    create_deposit(world.official, world.office, [overdue[0]])
    html = _home(client, world.inspector)
    expected = overdue_counts(Organization.objects.filter(path__startswith=world.province.path))
    assert expected["dossiers"] == 3
    figures = re.findall(r'class="figure" data-count="(\d+)"', html)
    assert figures == ["3"], figures
    assert _card(html, "todo-deposit") == ""  # an inspector does not deposit


def test_the_inspector_counts_a_secret_overdue_dossier_but_never_sees_its_title(
    client, world, dossiers
):
    overdue, *_ = dossiers
    secret = overdue[1]
    type(secret).objects.filter(pk=secret.pk).update(secrecy=1, declared_secrecy=1)
    assert world.inspector.person.clearance == 0
    html = _home(client, world.inspector)
    card = _card(html, "todo-inspect")
    assert re.findall(r'class="figure" data-count="(\d+)"', card) == ["3"]
    assert card.count('class="counted"') == 3
    assert secret.title not in html and f"/ho-so/{secret.pk}/" not in html
    assert overdue[0].title in card and "không hiện tên" in card


@pytest.mark.parametrize("role", ["inspector", "reader", "archivist", "admin"])
def test_no_role_is_told_to_do_what_it_may_not(client, world, dossiers, role):
    html = _home(client, getattr(world, role))
    # Not a member who forms the body's dossiers: no “open a dossier from the plan”.
    assert "Mở hồ sơ từ" not in html
    if role != "archivist":  # the province archivist is a member of the province
        assert "/nop-luu/moi/" not in html


def test_the_clerk_is_offered_only_what_a_clerk_does(client, world, dossiers):
    html = _home(client, world.clerk)
    assert "Văn bản chưa vào hồ sơ" in html
    assert "/nop-luu/moi/" in html  # a clerk of the body deposits its dossiers


def test_the_readers_holdings_link_lists_the_holdings(client, world, dossiers):
    *_, kept = dossiers
    html = _home(client, world.reader)
    link = re.search(r'<a href="([^"]+)">danh sách hồ sơ thuộc lưu trữ cơ quan</a>', html)
    assert link, "no holdings link"
    page = client.get(link.group(1))
    assert page.status_code == 200
    assert kept.title in page.content.decode()
