"""Migration 0004 strips the internal marker from criteria sets, criteria and the
criteria frozen in evaluation cycles, as an older database holds them (issue 8
item 17); weights, figures and the bases themselves stay as they were."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from luutru.evaluation import services
from luutru.evaluation.defaults import DEFAULT_SET
from luutru.evaluation.models import CriteriaSet, Criterion, EvaluationCycle

migration = importlib.import_module("luutru.evaluation.migrations.0004_plain_names_and_bases")

pytestmark = pytest.mark.django_db
MARK = " (mặc định, cần xác minh)"


def test_strip_marker_keeps_the_text():
    strip = migration.strip_marker
    assert strip("Tiêu chí đánh giá công tác lập hồ sơ, nộp lưu" + MARK) == (
        "Tiêu chí đánh giá công tác lập hồ sơ, nộp lưu"
    )
    assert strip("NĐ 30/2020/NĐ-CP, Điều 29: lập hồ sơ theo danh mục" + MARK) == (
        "NĐ 30/2020/NĐ-CP, Điều 29: lập hồ sơ theo danh mục"
    )
    assert strip("Luật Lưu trữ 2024") == "Luật Lưu trữ 2024"
    assert strip("") == ""


def test_existing_rows_as_an_older_database_holds_them(world):
    s = CriteriaSet.objects.get(name=DEFAULT_SET["name"])
    criteria = list(s.criteria.order_by("order"))
    plain = {c.pk: (c.name, c.legal_basis, c.weight) for c in criteria}
    CriteriaSet.objects.filter(pk=s.pk).update(
        name=DEFAULT_SET["name"] + MARK, legal_basis=migration.OLD_SET_BASIS
    )
    for c in criteria:
        if c.legal_basis:
            Criterion.objects.filter(pk=c.pk).update(legal_basis=c.legal_basis + MARK)
    cycle = services.open_cycle(world.inspector, 2025)
    assert any(MARK in (row["legal_basis"] or "") for row in cycle.criteria)
    frozen = [
        {**row, "legal_basis": migration.strip_marker(row["legal_basis"])} for row in cycle.criteria
    ]

    migration.forward(apps, None)

    s.refresh_from_db()
    assert s.name == DEFAULT_SET["name"]
    assert s.legal_basis == DEFAULT_SET["legal_basis"] == migration.NEW_SET_BASIS
    assert {c.pk: (c.name, c.legal_basis, c.weight) for c in s.criteria.all()} == plain
    cycle = EvaluationCycle.objects.get(pk=cycle.pk)
    assert cycle.criteria == frozen
    assert not any("cần xác minh" in str(row) for row in cycle.criteria)
