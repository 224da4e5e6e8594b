"""Dashboards, the lists behind the figures and the statistics report, through the client."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from luutru.compliance.drill import Scope, records_behind
from luutru.compliance.figures import LABELS, org_figures, person_figures, rollup
from luutru.compliance.report import COLUMNS
from luutru.compliance.tests.conftest import TODAY
from luutru.filing.models import Dossier


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_the_inspector_sees_the_province_overview_with_pictures(records):
    r = _client(records.inspector).get("/tuan-thu/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Tổng quan tuân thủ: Tỉnh ủy Thử nghiệm" in html
    assert html.count("<svg") >= 3  # treemap and two trend charts, inline
    assert "Văn phòng Tỉnh ủy" in html and "Quá hạn nộp lưu" in html


@pytest.mark.django_db
def test_an_official_is_refused_the_dashboard_and_sent_to_their_own_page(records):
    c = _client(records.official)
    r = c.get("/tuan-thu/")
    assert r.status_code == 403
    assert "chỉ xem được số liệu của chính mình" in r.content.decode()
    assert c.get(f"/tuan-thu/to-chuc/{records.office.pk}/").status_code == 404
    mine = c.get("/tuan-thu/cua-toi/", follow=True)
    assert mine.status_code == 200
    html = mine.content.decode()
    assert "Số liệu của tôi" in html and records.overdue.title in html


@pytest.mark.django_db
def test_a_head_sees_only_their_own_body_and_below(records):
    c = _client(records.head)
    assert c.get(f"/tuan-thu/to-chuc/{records.office.pk}/").status_code == 200
    assert c.get(f"/tuan-thu/to-chuc/{records.board.pk}/").status_code == 404
    assert c.get(f"/tuan-thu/ca-nhan/{records.board_official.person.pk}/").status_code == 404
    assert c.get(f"/tuan-thu/ca-nhan/{records.official.person.pk}/").status_code == 200
    r = c.get("/tuan-thu/danh-sach/overdue_now/", {"to-chuc": records.board.pk})
    assert r.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"ngay": "31/02/2024"}, "Ngày “31/02/2024” không đúng"),
        ({"ngay": "hôm qua"}, "không đúng: ghi theo dạng ngày/tháng/năm"),
        ({"ngay": (TODAY + dt.timedelta(days=3)).isoformat()}, "ở tương lai"),
        ({"nam": "20x4"}, "Năm “20x4” không đúng"),
        ({"ngay": "01/06/2020", "nam": "2021"}, "Năm 2021 không hợp lệ"),
        ({"ngay": "31/12/2014"}, "chưa tồn tại"),
    ],
)
def test_bad_dates_and_years_are_refused_in_vietnamese(records, params, message):
    from luutru.audit.models import Event

    client = _client(records.inspector)  # a login is an audit event of its own
    events = Event.objects.count()
    r = client.get(f"/tuan-thu/to-chuc/{records.province.pk}/", params)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert Event.objects.count() == events  # nothing changes


@pytest.mark.django_db
@pytest.mark.parametrize("days_ago", [0, 1, 700])
@pytest.mark.parametrize("year", [2023, None])
def test_every_figure_links_to_exactly_the_records_it_counts(records, days_ago, year):
    on = TODAY - dt.timedelta(days=days_ago)
    c = _client(records.inspector)
    tree = rollup(records.province, on=on, year=year)
    total = tree.total[records.province.pk]
    scope = Scope(tree.subtree_ids(records.province.pk), on, year)
    for name in LABELS:
        found = records_behind(records.inspector, name, scope)
        assert found.total == getattr(total, name), name
    params = {"to-chuc": records.province.pk, "nam": year or "tat-ca", "ngay": on.isoformat()}
    for name in ("overdue_now", "deposited_late", "holdings_dossiers", "loose_documents"):
        r = c.get(f"/tuan-thu/danh-sach/{name}/", params)
        assert r.status_code == 200, name
        assert f"{LABELS[name][0]}: {getattr(total, name)}" in r.content.decode()


@pytest.mark.django_db
def test_the_overdue_list_shows_the_overdue_dossiers_and_hides_what_the_user_may_not_open(
    records,
):
    c = _client(records.inspector)
    r = c.get("/tuan-thu/danh-sach/overdue_now/", {"to-chuc": records.province.pk})
    html = r.content.decode()
    assert f'data-dossier="{records.overdue.pk}"' in html
    assert html.count("data-dossier=") == 1
    Dossier.objects.filter(pk=records.overdue.pk).update(secrecy=2)  # tối mật
    r = c.get("/tuan-thu/danh-sach/overdue_now/", {"to-chuc": records.province.pk})
    html = r.content.decode()
    assert records.overdue.title not in html
    assert "1 mục bạn không có quyền xem" in html


@pytest.mark.django_db
def test_person_figures_count_the_dossiers_they_formed(records):
    f = person_figures(records.official.person, on=TODAY, year=None)
    assert f.overdue_now == 1
    assert f.dossiers_opened == Dossier.objects.filter(creator=records.official.person).count()
    assert person_figures(records.official2.person, on=TODAY).dossiers_opened == 0


@pytest.mark.django_db
def test_statistics_report_page_and_xlsx(records):
    c = _client(records.inspector)
    r = c.get("/tuan-thu/thong-ke/", {"nam": "2023"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Báo cáo thống kê công tác văn thư, lưu trữ năm 2023" in html
    assert "quyền khai thác riêng" in html  # says what "requests served" counts
    r = c.get("/tuan-thu/thong-ke/", {"nam": "2023", "xuat": "xlsx"})
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws["A1"].value == "BÁO CÁO THỐNG KÊ CÔNG TÁC VĂN THƯ, LƯU TRỮ NĂM 2023"
    header = [cell.value for cell in ws[5]]
    assert header == ["STT", "Cơ quan, tổ chức"] + [label for _, label in COLUMNS]
    rows = list(ws.iter_rows(min_row=7, values_only=True))
    body = [row for row in rows if isinstance(row[0], int)]
    total = next(row for row in rows if row[1] == "Tổng cộng")
    for i in range(2, 2 + len(COLUMNS)):
        assert total[i] == sum(row[i] for row in body)
    f = org_figures(None, on=TODAY, year=2023)
    formed = header.index("Hồ sơ được lập trong năm")
    assert total[formed] == f.dossiers_opened == 3
    deposited = header.index("Hồ sơ nộp lưu trong năm")
    assert total[deposited] == 0  # accepted this year, not in 2023


@pytest.mark.django_db
def test_statistics_report_counts_grants_as_requests_served(records):
    from luutru.access.models import Grant

    Grant.objects.create(
        person=records.reader.person,
        object_type="dossier",
        object_id=records.deposited.pk,
        granted_by=records.archivist,
        reason="Phục vụ nghiên cứu",
    )
    r = _client(records.inspector).get(
        "/tuan-thu/thong-ke/", {"nam": str(TODAY.year), "xuat": "xlsx"}
    )
    ws = load_workbook(io.BytesIO(r.content)).active
    header = [cell.value for cell in ws[5]]
    total = next(row for row in ws.iter_rows(values_only=True) if row[1] == "Tổng cộng")
    assert total[header.index("Lượt khai thác được phục vụ")] == 1
    assert total[header.index("Hồ sơ nộp lưu trong năm")] == 1


@pytest.mark.django_db
def test_statistics_report_refuses_all_years_and_a_foreign_body(records):
    c = _client(records.head)
    assert (
        c.get("/tuan-thu/thong-ke/", {"to-chuc": records.board.pk, "nam": "2023"}).status_code
        == 404
    )
    r = c.get("/tuan-thu/thong-ke/", {"nam": "tat-ca"})
    assert r.status_code == 400
    assert "chọn một năm" in r.content.decode()


@pytest.mark.django_db
def test_the_organization_page_sums_officials_by_unit(records):
    from luutru.orgs.models import Membership, Unit

    unit = Unit.objects.create(org=records.office, name="Phòng Tổng hợp", abbrev="TH")
    Membership.objects.filter(person=records.official.person).update(unit=unit)
    html = (
        _client(records.inspector)
        .get(f"/tuan-thu/to-chuc/{records.office.pk}/", {"nam": "tat-ca"})
        .content.decode()
    )
    assert "Theo đơn vị, phòng ban" in html
    row = html.split("<td>Phòng Tổng hợp</td>")[1].split("</tr>")[0]
    overdue = person_figures(records.official.person, on=TODAY, year=None).overdue_now
    assert f'<td class="num">{overdue}</td>' in row
