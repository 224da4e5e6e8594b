"""Migration 0003 strips the internal marker from checklist lines and from lines
copied into inspections, as an older database holds them (issue 8 item 17)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db.models import Value
from django.db.models.functions import Concat
from django.utils import timezone

from luutru.inspection import services
from luutru.inspection.models import Check, ChecklistItem

migration = importlib.import_module("luutru.inspection.migrations.0003_plain_legal_basis")

pytestmark = pytest.mark.django_db
OLD_SUFFIX = " (với cơ quan Đảng: mặc định, cần xác minh)"


@pytest.mark.parametrize(
    "old,new",
    [
        ("NĐ 30/2020/NĐ-CP, Điều 28" + OLD_SUFFIX, "NĐ 30/2020/NĐ-CP, Điều 28"),
        ("Luật Lưu trữ 2024 — mặc định, cần kiểm chứng", "Luật Lưu trữ 2024"),
        (
            "NĐ 30/2020/NĐ-CP (Nhà nước); với cơ quan Đảng: mặc định, có thể cấu hình — "
            "cần kiểm chứng",
            "NĐ 30/2020/NĐ-CP (Nhà nước)",
        ),
        ("Quy định 09-QĐ/VPTW (cần xác minh)", "Quy định 09-QĐ/VPTW"),
        ("NĐ 30/2020/NĐ-CP, Điều 31", "NĐ 30/2020/NĐ-CP, Điều 31"),
    ],
)
def test_strip_marker_keeps_the_basis(old, new):
    assert migration.strip_marker(old) == new


def test_existing_rows_lose_the_marker_and_keep_the_rest(world):
    items = list(ChecklistItem.objects.order_by("order")[:3])
    bases = {i.pk: i.legal_basis for i in items}
    assert all(b and "cần" not in b for b in bases.values())
    ChecklistItem.objects.filter(pk__in=bases).update(
        legal_basis=Concat("legal_basis", Value(OLD_SUFFIX))
    )
    inspection = services.plan_inspection(
        world.inspector,
        world.office,
        title="Kiểm tra năm trước",
        planned_on=timezone.localdate(),
        year=timezone.localdate().year - 1,
        item_ids=list(bases),
    )
    checks = list(Check.objects.filter(inspection=inspection))
    assert checks and all(c.legal_basis.endswith(OLD_SUFFIX) for c in checks)
    Check.objects.filter(pk=checks[0].pk).update(result=Check.Result.FAIL, note="Thiếu mục lục")

    migration.forward(apps, None)

    assert {i.pk: i.legal_basis for i in ChecklistItem.objects.filter(pk__in=bases)} == bases
    for c in Check.objects.filter(inspection=inspection):
        assert c.legal_basis == bases[c.item_id]
    first = Check.objects.get(pk=checks[0].pk)
    assert (first.result, first.note) == (Check.Result.FAIL, "Thiếu mục lục")
