"""A reason made of control characters is no reason (issue 8 item 12): every service
that takes a reason or a required remark refuses NUL, escapes and bidi controls alone,
and keeps the printable text of a real one without its control characters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.archive.services import request_keep_back
from luutru.archive.tests.conftest import make_dossier
from luutru.core.errors import RuleViolation
from luutru.filing.dossiers import remove_document, reopen_dossier
from luutru.filing.models import DossierStatus
from luutru.inspection import services as inspection
from luutru.inspection.models import ChecklistItem

pytestmark = pytest.mark.django_db

CONTROLS = ["\x00", "\x00\x00\x00", " \x1b\x07 ", "\u202e\u200b"]


@pytest.fixture
def closed(world):
    return make_dossier(
        world.office, world.official, notation="01.VP", title="Hồ sơ thử lý do", years=None
    )


@pytest.mark.parametrize("reason", CONTROLS)
def test_reopening_needs_a_printable_reason(world, closed, reason):
    with pytest.raises(RuleViolation, match="lý do mở lại"):
        reopen_dossier(world.official, closed, reason)
    closed.refresh_from_db()
    assert closed.status == DossierStatus.CLOSED


@pytest.mark.parametrize("reason", CONTROLS)
def test_removing_a_document_needs_a_printable_reason(world, closed, reason):
    reopen_dossier(world.official, closed, "Bổ sung\x00 văn bản")
    closed.refresh_from_db()
    item = closed.items.filter(removed_at__isnull=True).first()
    with pytest.raises(RuleViolation, match="lý do loại"):
        remove_document(world.official, closed, item.document, reason)
    item.refresh_from_db()
    assert item.removed_at is None


@pytest.mark.parametrize("reason", CONTROLS)
def test_keeping_back_needs_a_printable_reason(world, closed, reason):
    with pytest.raises(RuleViolation) as refused:
        request_keep_back(world.official, closed, reason=reason, until=None)
    assert "Phải ghi lý do giữ lại hồ sơ." in refused.value.messages


@pytest.fixture
def planned(world):
    return inspection.plan_inspection(
        world.inspector,
        world.office,
        title="Kiểm tra thử lý do",
        planned_on=timezone.localdate(),
        year=timezone.localdate().year - 1,
        item_ids=list(ChecklistItem.objects.values_list("pk", flat=True))[:2],
    )


@pytest.mark.parametrize("note", CONTROLS)
def test_an_inspection_finding_needs_a_printable_remark(world, planned, note):
    check = planned.checks.first()
    with pytest.raises(RuleViolation, match="phải ghi nhận xét"):
        inspection.record_finding(world.inspector, check, result="fail", note=note)


@pytest.mark.parametrize("note", CONTROLS)
def test_a_fix_report_needs_a_printable_note(world, planned, note):
    fix = inspection.require_fix(
        world.inspector,
        planned,
        description="Ban hành danh mục hồ sơ năm",
        deadline=timezone.localdate() + dt.timedelta(days=7),
        responsible=world.clerk.person,
        check=planned.checks.first(),
    )
    with pytest.raises(RuleViolation, match="kết quả khắc phục"):
        inspection.mark_fix_done(world.clerk, fix, note=note)
