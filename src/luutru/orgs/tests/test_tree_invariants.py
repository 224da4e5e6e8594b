"""A body always has a place in the tree and a fonds; ending a body hands its
subordinate bodies on, dated and audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from luutru.audit.models import Event
from luutru.audit.services import verify
from luutru.core.errors import RuleViolation
from luutru.orgs.models import (
    Fonds,
    Kind,
    Level,
    Organization,
    OrgEvent,
    OrgParentPeriod,
)
from luutru.orgs.services import create_org, dissolve_org, merge_org, reattach_org

LAST_DAY = dt.date(2025, 6, 30)
NEXT_DAY = dt.date(2025, 7, 1)


@pytest.mark.parametrize("bad", ["", ".", "000001..", "abc.", "000001.000999.", "000001"])
def test_database_refuses_a_body_without_a_well_formed_path(world, bad):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.filter(pk=world.commune.pk).update(path=bad)


def test_database_accepts_the_paths_the_services_write(world):
    for org in Organization.objects.all():
        assert org.path.endswith(f"{org.pk:06d}.")
    Organization.objects.filter(pk=world.commune.pk).update(path=world.commune.path)


def test_a_body_cannot_be_saved_outside_the_service_that_makes_its_fonds(world):
    fields = dict(code="BDV", name="Ban Dân vận", kind=Kind.ADVISORY_BODY, level=Level.PROVINCE)
    with pytest.raises(RuleViolation, match="chỉ được thành lập"):
        Organization.objects.create(parent=world.province, path=world.province.path, **fields)
    with pytest.raises(RuleViolation, match="chỉ được thành lập"):
        Organization.objects.bulk_create([Organization(parent=world.province, **fields)])
    assert not Organization.objects.filter(code="BDV").exists()


def test_every_body_made_by_the_service_has_its_fonds_and_path(world):
    org = create_org(
        None,
        code="BDV",
        name="Ban Dân vận Tỉnh ủy",
        kind=Kind.ADVISORY_BODY,
        level=Level.PROVINCE,
        parent=world.province,
        valid_from=dt.date(2025, 3, 1),
    )
    assert org.path == f"{world.province.path}{org.pk:06d}."
    assert Fonds.objects.get(org=org).status == Fonds.Status.OPEN
    assert all(Fonds.objects.filter(org=o).exists() for o in Organization.objects.all())


def test_dissolving_a_body_moves_its_subordinates_to_the_successor_from_the_next_day(world):
    other = create_org(
        None,
        code="HU2",
        name="Huyện ủy Kế thừa",
        kind=Kind.DISTRICT_COMMITTEE,
        level=Level.DISTRICT,
        parent=world.province,
        valid_from=dt.date(2015, 1, 1),
    )
    dissolve_org(None, world.district, LAST_DAY, successor=other, decision="Số 9-QĐ/TU")
    commune = Organization.objects.get(pk=world.commune.pk)
    assert commune.parent == other
    assert commune.path == f"{other.path}{commune.pk:06d}."
    periods = list(
        OrgParentPeriod.objects.filter(org=commune).values_list("parent", "valid_from", "valid_to")
    )
    assert periods == [
        (world.district.pk, dt.date(2015, 1, 1), LAST_DAY),
        (other.pk, NEXT_DAY, None),
    ]
    moved = OrgEvent.objects.get(org=commune, type=OrgEvent.Type.REATTACH)
    assert moved.effective_date == NEXT_DAY and moved.related == other
    assert moved.decision == "Số 9-QĐ/TU"
    reattach = Event.objects.get(action="org.reattach", object_id=str(commune.pk))
    assert reattach.after["parent"] == other.pk
    dissolved = Event.objects.get(action="org.dissolve")
    assert dissolved.after["moved"] == [commune.pk]
    assert verify().ok


def test_dissolving_without_a_successor_hands_subordinates_to_the_body_above(world):
    dissolve_org(None, world.district, LAST_DAY)
    commune = Organization.objects.get(pk=world.commune.pk)
    assert commune.parent == world.province
    assert not commune.path.startswith(world.district.path)


def test_bodies_ended_before_the_dissolution_stay_where_they_were(world):
    dissolve_org(None, world.commune, dt.date(2024, 12, 31))
    dissolve_org(None, world.district, LAST_DAY, successor=world.province)
    commune = Organization.objects.get(pk=world.commune.pk)
    assert commune.parent == world.district
    assert commune.path.startswith(world.district.path)


def test_merging_a_body_hands_its_subordinates_to_the_body_it_joins(world):
    merge_org(None, world.district, world.province, LAST_DAY, decision="Số 10-QĐ/TW")
    district = Organization.objects.get(pk=world.district.pk)
    assert district.valid_to == LAST_DAY and district.successor == world.province
    assert district.fonds.status == Fonds.Status.CLOSED
    assert OrgEvent.objects.get(org=district, type=OrgEvent.Type.MERGE).related == world.province
    commune = Organization.objects.get(pk=world.commune.pk)
    assert commune.parent == world.province
    assert OrgParentPeriod.objects.get(org=commune, valid_to__isnull=True).valid_from == NEXT_DAY
    assert Event.objects.filter(action="org.merge", object_id=str(district.pk)).exists()


def test_a_successor_inside_the_dissolved_body_is_refused(world):
    with pytest.raises(RuleViolation, match="trực thuộc nó"):
        dissolve_org(None, world.district, LAST_DAY, successor=world.commune)
    assert Organization.objects.get(pk=world.district.pk).valid_to is None


def test_reattaching_to_the_same_parent_changes_nothing(world):
    reattach_org(None, world.commune, world.district, NEXT_DAY)
    assert OrgParentPeriod.objects.filter(org=world.commune).count() == 1


def test_the_callers_instances_carry_the_change(world):
    """The demo moves bodies under bodies it has just moved, with its own instances."""
    reattach_org(None, world.commune, world.province, NEXT_DAY)
    assert world.commune.path == f"{world.province.path}{world.commune.pk:06d}."
    dissolve_org(None, world.district, LAST_DAY)
    assert world.district.valid_to == LAST_DAY
    assert world.district.fonds.status == Fonds.Status.CLOSED
