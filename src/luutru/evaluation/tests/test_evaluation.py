"""Yearly evaluation: figures from the records, weighted scores, ranking, trend, exports, refusals."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.forms import inlineformset_factory
from docx import Document as DocxDocument
from openpyxl import load_workbook

from luutru.archive.models import Deposit
from luutru.archive.services import create_deposit, submit_deposit
from luutru.archive.tests.conftest import make_dossier
from luutru.compliance.refresh import refresh_facts
from luutru.core.errors import RuleViolation
from luutru.evaluation import queries, reports, services
from luutru.evaluation.admin import CriterionFormSet
from luutru.evaluation.figures import org_year_figures
from luutru.evaluation.models import CriteriaSet, Criterion, EvaluationCycle
from luutru.filing.models import DossierStatus
from luutru.filing.tests.conftest import build_plan, make_document

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 6, 1)


@pytest.fixture
def year2025(world):
    """Văn phòng in 2025: plan issued on time (3 items), one dossier overdue, one deposited
    on time, one still open, one loose document."""
    build_plan(world, 2025, issue=True)
    late = make_dossier(
        world.office,
        world.official,
        notation="01.VP",
        title="Báo cáo quý",
        end_date=dt.date(2025, 3, 1),
        documents=1,
    )
    ok = make_dossier(
        world.office,
        world.official,
        notation="02.VP",
        title="Báo cáo năm",
        end_date=dt.date(2025, 12, 1),
        documents=1,
    )
    make_dossier(
        world.office,
        world.official,
        notation="03.VP",
        title="Công văn",
        end_date=dt.date(2025, 6, 1),
        status=DossierStatus.OPEN,
        documents=1,
    )
    submit_deposit(world.official, create_deposit(world.official, world.office, [ok]))
    Deposit.objects.update(submitted_at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC))
    make_document(world.clerk, world.office, number="5", issued=dt.date(2025, 2, 4))
    refresh_facts()  # the compliance facts, as the worker refreshes them after these commits
    return late, ok


def test_figures_are_computed_from_the_records(world, year2025):
    f = org_year_figures(world.province, [world.office.pk], on=ON, year=2025)[world.office.pk]
    assert f == {
        "plan_issued_on_time": 1,
        "plans_expected": 1,
        "plan_items": 3,
        "dossiers_opened": 3,
        "dossiers_closed": 2,
        "dossiers_due": 2,
        "deposited_on_time": 1,
        "deposited_late": 0,
        "overdue_now": 1,
        "documents": 3,
        "loose_documents": 1,
    }


def test_scores_weights_and_ranking_by_hand(world, year2025):
    ranked = queries.unit_ranking(world.province, 2025, ON)
    office = next(r for r in ranked if r.subject == world.office)
    # 15 + 20 + 15·2/3 + 25·1/2 + 15·(1 − 1/2) + 10·(1 − 1/3) = 71.67
    assert office.score.total == 71.7 and office.rank == 1
    board = next(r for r in ranked if r.subject == world.board)
    # No plan issued by 31/01: the only criterion that applies, and it scores 0.
    assert board.score.total == 0.0 and board.rank == 2
    assert [p.applicable for p in board.score.parts] == [True, False, False, False, False, False]


def test_person_scores_by_the_dossiers_they_form(world, year2025):
    ranked = queries.person_ranking(world.province, 2025, ON)
    [an] = [r for r in ranked if r.subject == world.official.person]
    # (20 + 10 + 12.5 + 7.5 + 10) / 85 applicable points (no plan criterion for a person;
    # both documents An registered sit in a dossier)
    assert an.score.total == 70.6 and an.rank == 1 and an.org == world.office


def test_weights_that_do_not_sum_to_100_are_refused_at_compute_time(world, year2025):
    Criterion.objects.filter(code="no_loose").update(weight=15)
    with pytest.raises(RuleViolation, match="Tổng trọng số các tiêu chí là 105, phải bằng 100"):
        queries.unit_ranking(world.province, 2025, ON)
    with pytest.raises(RuleViolation, match="là 105"):
        services.open_cycle(world.inspector, 2025)
    assert not EvaluationCycle.objects.exists()


def test_weights_that_do_not_sum_to_100_are_refused_at_save_time():
    cset = CriteriaSet.objects.get()
    FormSet = inlineformset_factory(
        CriteriaSet, Criterion, formset=CriterionFormSet, fields="__all__", extra=0
    )
    criteria = list(cset.criteria.all())
    data = {
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": str(len(criteria)),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for i, c in enumerate(criteria):
        for f in (
            "code",
            "name",
            "description",
            "legal_basis",
            "numerator",
            "denominator",
            "direction",
            "order",
        ):
            data[f"criteria-{i}-{f}"] = getattr(c, f)
        data[f"criteria-{i}-weight"] = c.weight + (5 if i == 0 else 0)
        data[f"criteria-{i}-id"] = c.pk
        data[f"criteria-{i}-criteria_set"] = cset.pk
    formset = FormSet(data, instance=cset, prefix="criteria")
    assert not formset.is_valid()
    assert "Tổng trọng số các tiêu chí là 105, phải bằng 100: bớt 5 điểm rồi lưu lại." in (
        formset.non_form_errors()
    )
    data["criteria-0-weight"] = criteria[0].weight
    assert FormSet(data, instance=cset, prefix="criteria").is_valid()


def test_a_year_with_no_data_is_refused(world):
    with pytest.raises(RuleViolation, match="Năm 2018 chưa có dữ liệu"):
        queries.unit_ranking(world.province, 2018, ON)
    with pytest.raises(RuleViolation, match="không hợp lệ"):
        queries.unit_ranking(world.province, 2031, ON)


def test_a_frozen_cycle_keeps_its_weights(world, year2025):
    services.open_cycle(world.inspector, 2025)
    Criterion.objects.filter(code="no_loose").update(weight=50)
    assert services.cycle_criteria(2025)[-1]["weight"] == 10
    assert queries.unit_ranking(world.province, 2025, ON)[0].score.total == 71.7
    with pytest.raises(RuleViolation, match="đã được chốt"):
        services.open_cycle(world.inspector, 2025)


def test_trend_per_year(world, year2025):
    points = queries.trend(world.province, [2018, 2025], ON, org=world.office)
    assert points[0].score is None and "chưa có dữ liệu" in points[0].error
    assert points[1].score == 71.7


def _report(world):
    criteria = services.cycle_criteria(2025)
    return reports.Report(
        world.province,
        2025,
        ON,
        criteria,
        queries.unit_ranking(world.province, 2025, ON, criteria),
        queries.person_ranking(world.province, 2025, ON, criteria),
    )


def test_xlsx_report_has_criteria_weights_and_ranking(world, year2025):
    wb = load_workbook(io.BytesIO(reports.report_xlsx(_report(world))))
    ws = wb["Tiêu chí"]
    assert ws["A1"].value.startswith("BÁO CÁO KẾT QUẢ ĐÁNH GIÁ") and "2025" in ws["A1"].value
    assert [c.value for c in ws[4]] == reports.CRITERIA_COLUMNS
    assert [ws.cell(r, 4).value for r in range(5, 11)] == [15, 20, 15, 25, 15, 10]
    assert ws.cell(11, 2).value == "Tổng" and ws.cell(11, 4).value == 100
    rk = wb["Xếp hạng cơ quan"]
    assert [c.value for c in rk[4]] == reports.RANKING_COLUMNS
    assert [c.value for c in rk[5]] == [1, "Văn phòng Tỉnh ủy", 71.7]


def test_docx_report_is_vietnamese_with_both_tables(world, year2025):
    doc = DocxDocument(io.BytesIO(reports.report_docx(_report(world))))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO KẾT QUẢ ĐÁNH GIÁ CÔNG TÁC LẬP HỒ SƠ, NỘP LƯU NĂM 2025" in text
    assert "Tổng trọng số: 100 điểm." in text
    criteria, ranking, _people = doc.tables
    assert [c.text for c in criteria.rows[0].cells] == reports.CRITERIA_COLUMNS
    assert [c.text for c in ranking.rows[1].cells] == ["1", "Văn phòng Tỉnh ủy", "71.7"]


# ---------------------------------------------------------------- screens


def test_inspector_sees_the_ranking_and_downloads(client, world, year2025):
    client.force_login(world.inspector)
    r = client.get("/danh-gia/?nam=2025")
    html = r.content.decode()
    assert r.status_code == 200 and "Xếp hạng cơ quan, tổ chức năm 2025" in html
    assert "Văn phòng Tỉnh ủy" in html and "Nguyễn Văn An" in html
    r = client.get(f"/danh-gia/{world.province.pk}/2025.xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")
    r = client.get(f"/danh-gia/{world.province.pk}/2025.docx")
    assert r.status_code == 200


def test_bad_year_and_no_data_are_explained(client, world):
    client.force_login(world.inspector)
    r = client.get("/danh-gia/?nam=abcd")
    assert r.status_code == 400 and "bốn chữ số" in r.content.decode()
    r = client.get("/danh-gia/?nam=2018")
    assert r.status_code == 400 and "Năm 2018 chưa có dữ liệu" in r.content.decode()


def test_an_official_sees_no_scores_and_other_bodies_are_404(client, world):
    client.force_login(world.official)
    html = client.get("/danh-gia/").content.decode()
    assert "Chỉ cán bộ kiểm tra hoặc lãnh đạo" in html
    assert client.get(f"/danh-gia/?to_chuc={world.province.pk}").status_code == 404
    assert client.get(f"/danh-gia/{world.province.pk}/2025.xlsx").status_code == 404


def test_freezing_through_the_screen(client, world, year2025):
    client.force_login(world.inspector)
    client.post("/danh-gia/chot/", {"nam": "2025"})
    assert EvaluationCycle.objects.filter(year=2025).exists()
    r = client.post("/danh-gia/chot/", {"nam": "2025"}, follow=True)
    assert "đã được chốt" in r.content.decode()


def test_trend_of_one_body_through_the_screen(client, world, year2025):
    client.force_login(world.inspector)
    html = client.get(f"/danh-gia/?nam=2025&don_vi={world.office.pk}").content.decode()
    assert "Điểm của Văn phòng Tỉnh ủy qua các năm" in html


def test_bulk_person_figures_agree_with_compliance_person_figures(world, year2025):
    from luutru.compliance.figures import person_figures
    from luutru.evaluation.figures import adapt, person_year_figures
    from luutru.filing.models import FilePlanItem

    # The clerk answers for a plan item and registered the loose document.
    FilePlanItem.objects.filter(creator__isnull=True).update(creator=world.clerk.person)
    bulk = person_year_figures([world.office.pk], on=ON, year=2025)
    assert set(bulk) == {world.official.person.pk, world.clerk.person.pk}
    assert bulk[world.clerk.person.pk]["loose_documents"] == 1
    for pid, figures in bulk.items():
        person = type(world.official.person).objects.get(pk=pid)
        assert figures == adapt(person_figures(person, on=ON, year=2025))


def test_a_unit_head_cannot_freeze_the_cycle(client, world, year2025):
    client.force_login(world.head)
    assert client.post("/danh-gia/chot/", {"nam": "2025"}).status_code == 404
    assert not EvaluationCycle.objects.exists()
    html = client.get("/danh-gia/?nam=2025").content.decode()
    assert "Chốt tiêu chí" not in html and "Xếp hạng cơ quan, tổ chức năm 2025" in html
