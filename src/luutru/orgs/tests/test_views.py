"""The organization tree and page, through the real URLs, database and templates."""

import datetime as dt

import pytest
from django.urls import reverse

from luutru.orgs.models import Fonds, Membership, Organization, OrgEvent, Term, Unit
from luutru.orgs.services import dissolve_org, reattach_org
from luutru.testing import PASSWORD

LAST_DAY = dt.date(2025, 6, 30)


def node_html(html: str, org_id: int) -> str:
    """The <li> of one tree node, up to the end of its label."""
    at = html.index(f'id="org-{org_id}"')
    return html[html.rindex("<li", 0, at) : html.index("</li>", at)]


def login(client, username: str):
    assert client.login(username=username, password=PASSWORD)
    return client


@pytest.fixture
def reorganized(world):
    """The 2025 reorganization in miniature: the commune moves under the
    province, then the district is dissolved with the province as successor."""
    reattach_org(None, world.commune, world.province, dt.date(2025, 7, 1), decision="Số 1-QĐ/TW")
    dissolve_org(None, world.district, LAST_DAY, successor=world.province, decision="Số 2-QĐ/TW")
    for name in ("district", "commune", "province"):
        getattr(world, name).refresh_from_db()
    return world


def test_anonymous_visitor_is_sent_to_the_login_page(client, world):
    response = client.get(reverse("orgs:tree"))
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_tree_starts_at_the_roots_and_loads_children_lazily(client, world):
    login(client, "canbo")
    response = client.get(reverse("orgs:tree"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Cơ cấu tổ chức</h1>" in html
    assert "Tỉnh ủy Thử nghiệm" in html
    # Children are not rendered until the node is opened.
    assert "Văn phòng Tỉnh ủy" not in html
    assert f'hx-get="/to-chuc/{world.province.pk}/con/"' in html
    assert "3 trực thuộc" in html
    assert "Phông: Mở" in html


def test_children_partial_lists_direct_children_only(client, world):
    login(client, "docgia")
    response = client.get(reverse("orgs:children", args=[world.province.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # a fragment for HTMX, not a page
    for name in ("Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Huyện ủy Thử nghiệm"):
        assert name in html
    assert "Đảng ủy xã Thử nghiệm" not in html  # a grandchild: loaded when its parent opens
    # The district has a child, so it can be opened; the office is a leaf.
    assert f'hx-get="/to-chuc/{world.district.pk}/con/"' in html
    assert f'hx-get="/to-chuc/{world.office.pk}/con/"' not in html
    assert "Cơ quan tham mưu, giúp việc · Cấp tỉnh" in html
    assert "Huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc · Cấp huyện" in html


def test_children_of_a_leaf_say_there_are_none(client, world):
    login(client, "canbo")
    html = client.get(reverse("orgs:children", args=[world.office.pk])).content.decode()
    assert "Không có tổ chức trực thuộc." in html


def test_dissolved_body_is_shown_greyed_with_its_end_date_and_successor(client, reorganized):
    w = reorganized
    login(client, "canbo")
    html = client.get(reverse("orgs:children", args=[w.province.pk])).content.decode()
    district_li = node_html(html, w.district.pk)
    assert "org-dissolved" in district_li
    assert "ngừng hoạt động từ sau ngày 30/06/2025" in district_li
    assert "kế thừa:" in district_li and "Tỉnh ủy Thử nghiệm" in district_li
    assert "Phông: Đóng" in district_li
    # The re-attached commune now sits directly under the province, active.
    commune_li = node_html(html, w.commune.pk)
    assert "org-dissolved" not in commune_li
    assert "Phông: Mở" in commune_li
    # Active children come before dissolved ones.
    assert html.index(f'id="org-{w.commune.pk}"') < html.index(f'id="org-{w.district.pk}"')


def test_dissolved_body_page_explains_the_closed_fonds(client, reorganized):
    w = reorganized
    login(client, "canbo")
    html = client.get(reverse("orgs:detail", args=[w.district.pk])).content.decode()
    assert "ngừng hoạt động từ sau ngày 30/06/2025" in html
    assert "Tổ chức kế thừa:" in html
    assert '<span class="badge closed">Đóng</span>' in html
    assert "Ngày đóng phông</dt><dd>30/06/2025" in html
    assert "không mở hồ sơ mới" in html and "vẫn được xem, khai thác" in html
    assert "Giải thể, kết thúc hoạt động" in html
    assert "Số 2-QĐ/TW" in html
    # Where its former members went.
    assert "Từng trực thuộc (1)" in html
    assert "Đảng ủy xã Thử nghiệm</a>: từ 01/01/2015 đến 30/06/2025, nay trực thuộc" in html


def test_reattached_body_page_shows_its_history(client, reorganized):
    w = reorganized
    login(client, "canbo")
    html = client.get(reverse("orgs:detail", args=[w.commune.pk])).content.decode()
    assert "Chuyển trực thuộc" in html
    assert "về trực thuộc" in html and "Số 1-QĐ/TW" in html
    assert "Quá trình trực thuộc" in html
    assert "Từ 01/01/2015 đến 30/06/2025" in html
    assert "Huyện ủy Thử nghiệm" in html  # the former parent stays in the history
    # The successor's page lists who came to it.
    html = client.get(reverse("orgs:detail", args=[w.province.pk])).content.decode()
    assert "Các tổ chức chuyển đến, sáp nhập hoặc được kế thừa (2)" in html
    assert "Kế thừa từ" in html


def test_detail_shows_facts_fonds_units_terms_and_members(client, world):
    Unit.objects.create(org=world.office, name="Phòng Hành chính – Lưu trữ", abbrev="HC-LT")
    Term.objects.create(org=world.office, name="Nhiệm kỳ 2020–2025", start=dt.date(2020, 10, 1))
    login(client, "canbo")
    response = client.get(reverse("orgs:detail", args=[world.office.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="">Văn phòng Tỉnh ủy</h1>' in html
    assert "<dd>VPTU</dd>" in html
    assert "000.00.01.T01" in html
    assert "Cơ quan tham mưu, giúp việc" in html and "Cấp tỉnh" in html
    # Its dossiers go to the province committee's archive.
    facts = html[html.index("Lưu trữ tiếp nhận hồ sơ") :]
    assert "Tỉnh ủy Thử nghiệm" in facts[:300]
    fonds = Fonds.objects.get(org=world.office)
    assert f"<dd>{fonds.code}</dd>" in html
    assert '<span class="badge open">Mở</span>' in html
    assert "Phòng Hành chính – Lưu trữ (HC-LT)" in html
    assert "Nhiệm kỳ 2020–2025: từ 01/10/2020" in html
    assert "Thành lập" in html
    for name, role in (
        ("Nguyễn Văn An", "Cán bộ, chuyên viên"),
        ("Hoàng Văn Em", "Lãnh đạo"),
        ("Phạm Thị Dung", "Văn thư"),
    ):
        assert name in html and role in html
    assert "Vũ Thị Giang" not in html  # a member of the province, not of the office


def test_clearances_are_hidden_from_an_official(client, world):
    login(client, "canbo")
    html = client.get(reverse("orgs:detail", args=[world.office.pk])).content.decode()
    assert "Hoàng Văn Em" in html
    assert "Được tiếp cận bí mật</th>" not in html
    assert "Tối mật" not in html
    assert "chỉ lãnh đạo và quản trị viên xem được" in html


@pytest.mark.parametrize("username", ["lanhdao", "quantri"])
def test_clearances_are_shown_to_the_head_and_the_administrator(client, world, username):
    login(client, username)
    html = client.get(reverse("orgs:detail", args=[world.office.pk])).content.decode()
    assert "Được tiếp cận bí mật</th>" in html
    row = html[html.index("<td>Hoàng Văn Em</td>") :]
    assert "Tối mật" in row[: row.index("</tr>")]


def test_head_of_the_office_does_not_see_clearances_of_another_body(client, world):
    login(client, "lanhdao")
    html = client.get(reverse("orgs:detail", args=[world.province.pk])).content.decode()
    assert "Vũ Thị Giang" in html
    assert "Được tiếp cận bí mật</th>" not in html


def test_a_head_whose_membership_ended_no_longer_sees_clearances(client, world):
    Membership.objects.filter(person__user=world.head).update(valid_to=dt.date(2020, 1, 1))
    login(client, "lanhdao")
    html = client.get(reverse("orgs:detail", args=[world.office.pk])).content.decode()
    assert "Được tiếp cận bí mật</th>" not in html


def test_search_filters_by_name_and_shows_where_each_body_sits(client, world):
    login(client, "canbo")
    html = client.get(reverse("orgs:tree"), {"q": "văn phòng"}).content.decode()
    assert "Tìm thấy <strong>1</strong>" in html
    assert "Văn phòng Tỉnh ủy" in html
    assert "Tỉnh ủy Thử nghiệm ›" in html  # the trail to the root
    assert "Ban Tổ chức Tỉnh ủy" not in html


def test_search_with_no_match_says_what_to_try(client, world):
    login(client, "canbo")
    html = client.get(reverse("orgs:tree"), {"q": "không có tổ chức này"}).content.decode()
    assert "Tìm thấy <strong>0</strong>" in html
    assert "Không có tổ chức nào khớp." in html


def test_search_by_htmx_returns_only_the_tree_fragment(client, world):
    login(client, "canbo")
    response = client.get(
        reverse("orgs:tree"),
        {"q": "Ban Tổ chức"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="org-tree",
    )
    html = response.content.decode()
    assert "<html" not in html and "<h1>" not in html
    assert "Ban Tổ chức Tỉnh ủy" in html


@pytest.mark.parametrize("name", ["orgs:detail", "orgs:children"])
def test_unknown_organization_is_404(client, world, name):
    login(client, "quantri")
    missing = Organization.objects.order_by("-pk").first().pk + 1000
    assert client.get(reverse(name, args=[missing])).status_code == 404


def test_every_logged_in_role_may_browse_organizations(client, world):
    for username in ("docgia", "kiemtra", "canbo_huyen", "luutru"):
        login(client, username)
        assert client.get(reverse("orgs:detail", args=[world.board.pk])).status_code == 200
        client.logout()


def test_events_are_listed_in_date_order(client, reorganized):
    w = reorganized
    login(client, "canbo")
    html = client.get(reverse("orgs:detail", args=[w.district.pk])).content.decode()
    events = html[html.index("Lịch sử tổ chức") :]
    assert events.index(OrgEvent.Type.CREATE.label) < events.index(OrgEvent.Type.DISSOLVE.label)
