"""Accepting proposed dossiers (issue 11 item 3): the dossiers open under their
plan items (or outside the plan with the five required data), the documents go
in in order, the gaps are noted; refused, changing nothing, for a closed fonds,
a user without the right, or documents the user may not see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.audit.models import Event
from luutru.bundles import services
from luutru.bundles.models import GroupMember, GroupState, ProposedGroup
from luutru.bundles.tests.review_records import add_document, build, ready_session
from luutru.core.errors import RuleViolation
from luutru.filing.models import Dossier, DossierItem
from luutru.orgs.models import Fonds, Secrecy
from luutru.registry.queries import loose_documents
from luutru.rules.models import RetentionRule

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world):
    return build(world)


def _group(session, title_start: str) -> ProposedGroup:
    return session.groups.get(title__startswith=title_start)


def _nothing_filed(records) -> None:
    assert Dossier.objects.count() == 0
    assert DossierItem.objects.count() == 0
    assert not ProposedGroup.objects.filter(state=GroupState.ACCEPTED).exists()


def test_accepting_opens_the_dossier_under_its_plan_item_in_order_with_the_gaps_noted(
    world, records, client
):
    session = ready_session(world, records)
    group = _group(session, "Tập kế hoạch")
    loose_before = loose_documents(world.office).count()

    dossier = services.accept_group(world.clerk, session, group.pk)

    assert dossier.plan_item_id == records.item_report.pk
    assert dossier.file_notation == records.item_report.code
    order = list(
        dossier.items.filter(removed_at__isnull=True)
        .order_by("position")
        .values_list("document_id", flat=True)
    )
    assert order == [records.kh.pk, records.bc.pk]
    assert "35-CT/TW" in dossier.description
    assert "30/05/2019" in dossier.description
    assert "Bộ Chính trị" in dossier.description
    # The official sees the gap on the dossier's page.
    client.force_login(world.clerk)
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert 'id="chu-giai"' in page and "35-CT/TW" in page
    group.refresh_from_db()
    assert group.state == GroupState.ACCEPTED and group.dossier_id == dossier.pk
    assert loose_documents(world.office).count() == loose_before - 2
    actions = set(Event.objects.values_list("action", flat=True))
    assert {"bundles.group.accept", "dossier.open", "dossier.add_document"} <= actions


def test_a_group_outside_the_plan_needs_its_retention_then_opens_ad_hoc(world, records):
    session = ready_session(world, records)
    group = _group(session, "Hồ sơ về việc tổ chức hội nghị")
    with pytest.raises(RuleViolation) as refused:
        services.accept_group(world.clerk, session, group.pk)
    assert "Chưa chọn thời hạn bảo quản." in refused.value.messages
    _nothing_filed(records)

    rule = (
        services.retention_choices(world.office).filter(period=RetentionRule.Period.YEARS).first()
    )
    services.update_group(
        world.clerk,
        session,
        group.pk,
        retention_id=rule.pk,
        responsible_id=world.official.person.pk,
    )
    dossier = services.accept_group(world.clerk, session, group.pk)
    assert dossier.plan_item_id is None
    assert dossier.file_catalog == 2024
    assert dossier.creator_id == world.official.person.pk
    assert dossier.retention_id == rule.pk
    assert dossier.title == "Hồ sơ về việc tổ chức hội nghị tổng kết năm 2024"
    assert list(dossier.items.values_list("document_id", flat=True)) == [records.kh_2024.pk]


def test_accept_is_refused_for_a_closed_fonds_changing_nothing(world, records):
    session = ready_session(world, records)
    Fonds.objects.filter(org=world.office).update(
        status=Fonds.Status.CLOSED, closed_on=timezone.localdate() - dt.timedelta(days=1)
    )
    group = _group(session, "Tập kế hoạch")
    with pytest.raises(RuleViolation) as refused:
        services.accept_group(world.clerk, session, group.pk)
    assert any("đã đóng" in m for m in refused.value.messages)
    _nothing_filed(records)
    with pytest.raises(RuleViolation):
        services.accept_all(world.clerk, session)
    _nothing_filed(records)


@pytest.mark.parametrize("who", ["archivist", "reader", "inspector", "board_official", "admin"])
def test_accept_is_refused_for_a_user_without_the_right_changing_nothing(world, records, who):
    session = ready_session(world, records)
    group = _group(session, "Tập kế hoạch")
    with pytest.raises(RuleViolation):
        services.accept_group(getattr(world, who), session, group.pk)
    with pytest.raises(RuleViolation):
        services.accept_all(getattr(world, who), session)
    with pytest.raises(RuleViolation):
        services.move_document(getattr(world, who), session, records.kh.pk, None)
    _nothing_filed(records)
    assert GroupMember.objects.get(document=records.kh).group_id == group.pk


def test_a_group_with_a_document_the_user_may_not_see_is_refused(world, records):
    secret = add_document(
        world.head,
        world.office,
        "7-BC/VPTU",
        dt.date(2025, 5, 5),
        "Báo cáo tình hình an ninh nội bộ",
        secrecy=Secrecy.MAT,
    )
    session = ready_session(world, records)
    group = _group(session, "Tập kế hoạch")
    GroupMember.objects.filter(session=session, document=secret).update(group=group)
    ProposedGroup.objects.filter(pk=group.pk).update(secrecy=Secrecy.MAT)
    with pytest.raises(RuleViolation):
        services.accept_group(world.clerk, session, group.pk)
    _nothing_filed(records)
    # The head, cleared for it, files it.
    dossier = services.accept_group(world.head, session, group.pk)
    assert secret.pk in set(dossier.items.values_list("document_id", flat=True))


def test_accept_all_is_all_or_nothing(world, records):
    session = ready_session(world, records)
    with pytest.raises(RuleViolation) as refused:
        services.accept_all(world.clerk, session)
    assert any("thời hạn bảo quản" in m for m in refused.value.messages)
    _nothing_filed(records)
    adhoc = _group(session, "Hồ sơ về việc tổ chức hội nghị")
    rule = services.retention_choices(world.office).first()
    services.update_group(world.clerk, session, adhoc.pk, retention_id=rule.pk)
    dossiers = services.accept_all(world.clerk, session)
    assert len(dossiers) == 3
    # The notice that fits nothing was filed nowhere.
    assert not DossierItem.objects.filter(document=records.tb).exists()
