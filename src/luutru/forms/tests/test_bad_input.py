"""Bad input: a closed fonds, a plan with no items, a dossier with no dates, a
certificate of an open dossier, a register with impossible dates."""

from __future__ import annotations

import datetime as dt

import pytest

from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.filing import services as filing
from luutru.forms import builders, render
from luutru.orgs.services import dissolve_org

from .conftest import docx_paragraphs, docx_tables, docx_text, sheet_rows

pytestmark = pytest.mark.django_db


def test_an_issued_plan_of_a_closed_fonds_prints_with_a_mark(world, issued_plan):
    dissolve_org(None, world.office, dt.date(2025, 6, 30))
    world.office.refresh_from_db()
    issued_plan.refresh_from_db()
    paragraphs = docx_paragraphs(render.to_docx(builders.file_plan(issued_plan)))
    assert any(
        p.startswith("Phông “Phông Văn phòng Tỉnh ủy” đã đóng từ ngày 30/06/2025")
        for p in paragraphs
    )


def test_a_draft_plan_of_a_closed_fonds_is_refused_and_nothing_is_written(world):
    plan = filing.create_plan(world.clerk, world.office, 2025)
    dissolve_org(None, world.office, dt.date(2025, 6, 30))
    plan.refresh_from_db()
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as exc:
        builders.file_plan(plan)
    assert exc.value.messages == [
        "Phông của “Văn phòng Tỉnh ủy” đã đóng: không lập danh mục hồ sơ mới. Danh mục năm 2025 "
        "chưa ban hành nên không in được; chỉ in lại danh mục đã ban hành."
    ]
    assert Event.objects.count() == events


def test_a_register_of_a_closed_fonds_is_allowed_for_history(world):
    dissolve_org(None, world.office, dt.date(2025, 6, 30))
    world.office.refresh_from_db()
    form = builders.register(
        world.clerk, world.office, "di", dt.date(2025, 1, 1), dt.date(2025, 6, 30)
    )
    assert any("đã đóng từ ngày 30/06/2025" in m for m in form.marks)


def test_a_plan_with_no_items_prints_an_empty_table_with_a_note(world):
    plan = filing.create_plan(world.clerk, world.office, 2025)
    form = builders.file_plan(plan)
    content = render.to_docx(form)
    table = docx_tables(content)[1]
    assert len(table) == 2 and table[1][0] == form.tables[0].empty_note
    text = docx_text(content)
    assert "Tổng số: 0 (không) hồ sơ" in text and "DỰ THẢO" in text
    assert "Ban hành kèm theo Quyết định số ……………" in text
    rows = sheet_rows(render.to_xlsx(form))
    assert any(r[1].startswith("Bản danh mục này chưa có hồ sơ nào") for r in rows)


def test_a_dossier_with_no_dates_gets_a_cover_with_blanks_and_a_note(world):
    from luutru.filing.models import Dossier
    from luutru.filing.tests.conftest import retention

    dossier = filing.open_dossier(
        world.official,
        world.office,
        title="Hồ sơ chưa có ngày",
        file_notation="09.VP",
        retention=retention(),
        creator=world.official.person,
        start_date=dt.date(2025, 1, 5),
    )
    # Legacy rows (imported, or opened before dates were required) may have none.
    Dossier.objects.filter(pk=dossier.pk).update(start_date=None, end_date=None)
    dossier.refresh_from_db()
    text = docx_text(render.to_docx(builders.dossier_cover(world.official, dossier)))
    assert "Từ ngày …… tháng …… năm …… đến ngày …… tháng …… năm ……" in text
    assert "Hồ sơ chưa có đủ ngày bắt đầu và ngày kết thúc" in text
    assert "DỰ THẢO – hồ sơ chưa kết thúc." in text
    index = docx_text(render.to_docx(builders.dossier_index(world.official, dossier)))
    assert "Hồ sơ chưa có văn bản nào." in index and "DỰ THẢO" in index


def test_a_certificate_of_an_open_dossier_is_refused(world):
    from luutru.archive.tests.conftest import make_dossier
    from luutru.filing.models import DossierStatus

    dossier = make_dossier(
        world.office, world.official, notation="05.VP", title="Đang lập", status=DossierStatus.OPEN
    )
    with pytest.raises(RuleViolation, match="chưa kết thúc nên chưa có chứng từ kết thúc"):
        builders.closing_certificate(world.official, dossier)


@pytest.mark.parametrize(
    ("kind", "start", "end", "message"),
    [
        (
            "di",
            dt.date(2025, 3, 1),
            dt.date(2025, 1, 1),
            "Ngày bắt đầu (01/03/2025) sau ngày kết thúc (01/01/2025): hãy đổi lại khoảng thời gian.",
        ),
        (
            "xx",
            dt.date(2025, 1, 1),
            dt.date(2025, 2, 1),
            "Loại sổ phải là “đi”, “đến” hoặc “mật đến”.",
        ),
        ("den", None, dt.date(2025, 2, 1), "Cần chọn cả ngày bắt đầu và ngày kết thúc của sổ."),
        (
            "di",
            dt.date(2015, 1, 1),
            dt.date(2025, 1, 1),
            "Một lần in sổ tối đa 5 năm: hãy chọn khoảng thời gian ngắn hơn.",
        ),
    ],
)
def test_a_register_with_bad_dates_or_kind_is_refused(world, kind, start, end, message):
    with pytest.raises(RuleViolation) as exc:
        builders.register(world.clerk, world.office, kind, start, end)
    assert message in exc.value.messages
