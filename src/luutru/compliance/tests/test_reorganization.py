"""A reorganization changes the tree from its date on: the figures of every past
date stay as they were (issue 13, item 2)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from luutru.compliance.figures import rollup
from luutru.compliance.refresh import refresh_facts
from luutru.compliance.tests.conftest import closed_dossier
from luutru.core.errors import RuleViolation
from luutru.filing.models import Dossier
from luutru.orgs import reorganize
from luutru.orgs.models import FondsCustody, Kind, Level, Organization, OrgEvent
from luutru.orgs.reorganize import NewBody
from luutru.orgs.services import create_org
from luutru.testing import make_user

MERGE = dt.date(2024, 7, 1)
SPLIT = dt.date(2025, 1, 1)
DATES = [dt.date(2023, 12, 31), dt.date(2024, 6, 30), dt.date(2024, 9, 1), dt.date(2025, 3, 1)]


def _snapshot(root, on):
    tree = rollup(root, on=on, year=2023)
    return {
        "children": {k: sorted(v) for k, v in tree.children.items()},
        "total": {k: dataclasses.asdict(v) for k, v in tree.total.items()},
    }


@pytest.mark.django_db
def test_merge_and_split_leave_the_past_figures_unchanged(records):
    w = records
    second = create_org(
        None,
        code="HU2",
        name="Huyện ủy Thứ hai",
        kind=Kind.DISTRICT_COMMITTEE,
        level=Level.DISTRICT,
        parent=w.province,
        valid_from=dt.date(2015, 1, 1),
        issuer_abbrev="HU",
        place="Thứ hai",
    )
    official2 = make_user("canbo_huyen2", second, "official")
    closed_dossier(w.district_official, w.district, "01.HU", dt.date(2023, 5, 1))
    closed_dossier(official2, second, "02.HU", dt.date(2023, 6, 1))
    refresh_facts()
    before = {day: _snapshot(w.province, day) for day in DATES}

    merged = reorganize.merge_into_new(
        None,
        [w.district, second],
        NewBody(code="HU12", name="Huyện ủy Hợp nhất"),
        effective=MERGE,
        decision="Quyết định số 01-QĐ/TU",
    )
    refresh_facts()
    after_merge = {day: _snapshot(w.province, day) for day in DATES}
    assert after_merge[DATES[0]] == before[DATES[0]]
    assert after_merge[DATES[1]] == before[DATES[1]]  # the day before the merge
    # From the merge on, the commune sits under the new body, the old ones are ended.
    assert w.commune.pk in after_merge[DATES[2]]["children"][merged.pk]
    w.commune.refresh_from_db()
    assert w.commune.parent == merged
    assert {c.fonds.code for c in FondsCustody.objects.select_related("fonds")} == {
        w.district.fonds.code,
        second.fonds.code,
    }

    parts = reorganize.split_body(
        None,
        merged,
        [NewBody(code="HU-A", name="Huyện ủy Bắc"), NewBody(code="HU-B", name="Huyện ủy Nam")],
        effective=SPLIT,
        decision="Quyết định số 02-QĐ/TU",
    )
    refresh_facts()
    after_split = {day: _snapshot(w.province, day) for day in DATES}
    for day in DATES[:3]:
        assert after_split[day] == after_merge[day], day
    assert w.commune.pk in after_split[DATES[3]]["children"][parts[0].pk]
    assert OrgEvent.objects.filter(org=parts[1], type=OrgEvent.Type.SPLIT, related=merged).exists()
    merged.refresh_from_db()
    assert merged.valid_to == SPLIT - dt.timedelta(days=1) and merged.fonds.status == "closed"


@pytest.mark.django_db
def test_a_refused_reorganization_changes_nothing(world):
    count = Organization.objects.count()
    with pytest.raises(RuleViolation, match="ít nhất hai"):
        reorganize.merge_into_new(
            None, [world.district], NewBody(code="N", name="Mới"), effective=MERGE
        )
    with pytest.raises(RuleViolation, match="không quản trị"):
        reorganize.merge_into_new(
            world.clerk,
            [world.district, world.commune],
            NewBody(code="N", name="Mới"),
            effective=MERGE,
        )
    with pytest.raises(RuleViolation, match="trước ngày thành lập"):
        reorganize.split_body(
            None,
            world.commune,
            [NewBody(code="A", name="A"), NewBody(code="B", name="B")],
            effective=dt.date(2000, 1, 1),
        )
    assert Organization.objects.count() == count and not FondsCustody.objects.exists()


@pytest.mark.django_db
def test_dissolving_the_district_level_reattaches_the_communes(world):
    shown = reorganize.preview([world.district], None, dt.date(2025, 6, 30))
    assert [(c.code, to) for c, to in shown.children] == [("X1", world.province.name)]
    assert any(m.person.full_name == "Lý Văn Nam" for m in shown.people)
    open_count = Dossier.objects.filter(org=world.district, status="open").count()
    assert ("Hồ sơ còn đang lập (kết thúc hoặc bàn giao trước ngày đóng phông)", open_count) in (
        shown.counts
    )
    ended = reorganize.dissolve_level(
        None, world.province, Level.DISTRICT, dt.date(2025, 6, 30), decision="Kết luận 127-KL/TW"
    )
    assert [o.code for o in ended] == ["HU1"]
    world.commune.refresh_from_db()
    assert world.commune.parent == world.province
    custody = FondsCustody.objects.get()
    assert custody.keeper == world.province and custody.since == dt.date(2025, 7, 1)
